//! Signed-cookie verification on arbitrary input, with a fixed key ring
//! and with key bytes taken from the input: never panics, and never
//! accepts what the key did not sign.
#![no_main]

use arbitrary::Arbitrary;
use jeton::cookie::CookieHeader;
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    key: &'a [u8],
    name: &'a [u8],
    value: &'a [u8],
    signature: &'a [u8],
    header: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    for alg in [Algorithm::Sha1, Algorithm::Sha256] {
        let key = HmacKey::new(alg, input.key);
        let ring: KeyRing<2> = KeyRing::with_key(key.clone()).unwrap();
        if let Ok(i) = keygrip::verify(&ring, input.name, input.value, input.signature) {
            assert_eq!(i, 0);
            let mut sig = [0u8; 86];
            let n = keygrip::sign(&key, input.name, input.value, &mut sig).unwrap();
            assert_eq!(&sig[..n], input.signature);
        }
        if let Ok(v) = keygrip::verify_cookie(&ring, input.header, input.name) {
            assert!(input.header.windows(v.value.len().max(1)).any(|w| v.value.is_empty() || w == v.value));
        }
        if let Ok(v) = cookie_signature::unsign(&ring, input.header) {
            let mut again = vec![0u8; input.header.len() + 64];
            let n = cookie_signature::sign(&key, v.value, &mut again).unwrap();
            assert_eq!(&again[..n], input.header);
        }
        if let Ok(cookies) = CookieHeader::parse(input.header) {
            let mut scratch = vec![0u8; input.header.len()];
            let _ = cookie_signature::express_unsign(&ring, &cookies, input.name, &mut scratch);
        }
    }
});
