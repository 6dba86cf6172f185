//! Signed-cookie verification on arbitrary input, with a key ring made
//! from key bytes in the input: never panics, never accepts what the key
//! did not sign, accepts what it signs (signed here, from the input's
//! name and bytes) and refuses that signature with any one byte changed.
//!
//! Input layout: key length (1 byte), the key, name length (1 byte), the
//! cookie name, then a `Cookie` header (the seeds are real headers from
//! cookie-session and express-session with their secrets, which verify).
#![no_main]

use jeton::cookie::CookieHeader;
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_fuzz::input::take;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((secret, rest)) = take(data) else {
        return;
    };
    let Some((name, header)) = take(rest) else {
        return;
    };
    // Where a signature is changed, and how.
    let change = header.first().copied().unwrap_or(0);
    for alg in [Algorithm::Sha1, Algorithm::Sha256] {
        let key = HmacKey::new(alg, secret);
        // Another key first: a match must name the second.
        let mut ring: KeyRing<2> = KeyRing::new();
        ring.push(HmacKey::new(alg, b"another key")).unwrap();
        ring.push(key.clone()).unwrap();
        // The header split in two as a value and a signature.
        let (value, signature) = header.split_at(header.len() / 2);
        if let Ok(i) = keygrip::verify(&ring, name, value, signature) {
            assert_eq!(i, 1);
            let mut sig = [0u8; 86];
            let n = keygrip::sign(&key, name, value, &mut sig).unwrap();
            assert_eq!(&sig[..n], signature);
        }
        // Signed here: accepted as is, refused with one byte changed.
        let mut sig = [0u8; 86];
        let n = keygrip::sign(&key, name, value, &mut sig).unwrap();
        assert_eq!(keygrip::verify(&ring, name, value, &sig[..n]), Ok(1));
        sig[usize::from(change) % n] ^= 1 << (change % 7);
        assert!(keygrip::verify(&ring, name, value, &sig[..n]).is_err());
        if alg == Algorithm::Sha256 {
            let mut signed = vec![0u8; value.len() + 64];
            let n = cookie_signature::sign(&key, value, &mut signed).unwrap();
            let v = cookie_signature::unsign(&ring, &signed[..n]).unwrap();
            assert_eq!((v.value, v.key_index), (value, 1));
            let at = n - 1 - usize::from(change) % cookie_signature::SIGNATURE_LEN;
            signed[at] ^= 1 << (change % 7);
            assert!(cookie_signature::unsign(&ring, &signed[..n]).is_err());
        }
        if let Ok(v) = keygrip::verify_cookie(&ring, header, name) {
            // The value is the named cookie's, and its signature the key's.
            let mut sig = [0u8; 86];
            let n = keygrip::sign(&key, name, v.value, &mut sig).unwrap();
            assert!(header.windows(n).any(|w| w == &sig[..n]));
        }
        if let Ok(v) = cookie_signature::unsign(&ring, header) {
            let mut again = vec![0u8; header.len() + 64];
            let n = cookie_signature::sign(&key, v.value, &mut again).unwrap();
            assert_eq!(&again[..n], header);
        }
        if let Ok(cookies) = CookieHeader::parse(header) {
            let mut scratch = vec![0u8; header.len()];
            if let Ok(v) = cookie_signature::express_unsign(&ring, &cookies, name, &mut scratch) {
                // Only HMAC-SHA256 signs express cookies, and the cookie's
                // decoded value is "s:" and the ID signed again.
                assert_eq!(alg, Algorithm::Sha256);
                let mut signed = vec![0u8; header.len() + 64];
                let n = cookie_signature::sign(&key, v.value, &mut signed).unwrap();
                let pair = cookies.get(name).unwrap();
                let mut decoded = vec![0u8; header.len()];
                let m = jeton::percent::decode_cookie_value(pair.value_unquoted(), &mut decoded)
                    .unwrap();
                assert_eq!(decoded[..m], [&b"s:"[..], &signed[..n]].concat());
            }
        }
    }
});
