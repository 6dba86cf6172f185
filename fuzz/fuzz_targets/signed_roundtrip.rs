//! What jeton signs, jeton verifies with the same key, and no other key
//! verifies it; the Set-Cookie pair keygrip writes reads back.
#![no_main]

use arbitrary::Arbitrary;
use jeton::cookie::{AttributeStyle, CookieHeader, SetCookie};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    key: &'a [u8],
    name: &'a [u8],
    value: &'a [u8],
    alg: u8,
}

fuzz_target!(|input: Input<'_>| {
    let alg = [
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
    ][usize::from(input.alg % 4)];
    let key = HmacKey::new(alg, input.key);
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
    // Another key: the same bytes with the first flipped (HMAC pads short
    // keys with zeros, so appending or dropping zeros would not differ).
    let mut other_key = input.key.to_vec();
    match other_key.first_mut() {
        Some(b) => *b ^= 1,
        None => other_key.push(1),
    }
    let other: KeyRing<1> = KeyRing::with_key(HmacKey::new(alg, &other_key)).unwrap();
    let mut sig = [0u8; 86];
    let n = keygrip::sign(&key, input.name, input.value, &mut sig).unwrap();
    assert_eq!(
        keygrip::verify(&ring, input.name, input.value, &sig[..n]),
        Ok(0)
    );
    assert!(keygrip::verify(&other, input.name, input.value, &sig[..n]).is_err());

    let sha256 = HmacKey::new(Algorithm::Sha256, input.key);
    let ring256: KeyRing<1> = KeyRing::with_key(sha256.clone()).unwrap();
    let mut signed = vec![0u8; input.value.len() + 44];
    let n = cookie_signature::sign(&sha256, input.value, &mut signed).unwrap();
    assert_eq!(
        cookie_signature::unsign(&ring256, &signed[..n]).map(|v| v.value),
        Ok(input.value)
    );

    let cookie = SetCookie::new(input.name, input.value)
        .path("/")
        .style(AttributeStyle::NpmCookies);
    let (mut a, mut b) = (vec![0u8; 8192], vec![0u8; 8192]);
    if let Ok((m, k)) = keygrip::write_set_cookies(&ring, &cookie, &mut a, &mut b) {
        let pair = |h: &[u8]| h.split(|&c| c == b';').next().unwrap().to_vec();
        let mut header = pair(&a[..m]);
        header.extend_from_slice(b"; ");
        header.extend_from_slice(&pair(&b[..k]));
        let verified = keygrip::verify_cookie(&ring, &header, input.name);
        // The `cookies` module strips a pair of quotes before checking, as
        // does jeton; a quoted value then no longer matches its signature.
        if !input.value.starts_with(b"\"") {
            assert_eq!(verified.map(|v| v.value), Ok(input.value), "{header:?}");
        }
        assert!(CookieHeader::parse(&header).is_ok());
    }
});
