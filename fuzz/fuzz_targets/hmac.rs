//! HMAC: jeton's keys (its own HMAC-SHA1/SHA256 over the compression
//! functions, the `hmac` crate's for SHA-384/512) against the `hmac` crate,
//! for any key, any message and any split of the message into parts; the
//! tag verifies, and the same tag with one bit flipped does not.
//!
//! Layout: algorithm selector, key length, key, two split points, message.
#![no_main]

use hmac::{Hmac, KeyInit, Mac};
use jeton::mac::{Algorithm, HmacKey};
use libfuzzer_sys::fuzz_target;

fn reference<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

fuzz_target!(|data: &[u8]| {
    let [selector, key_len, rest @ ..] = data else {
        return;
    };
    let (key, rest) = rest.split_at(usize::from(*key_len).min(rest.len()));
    let [a, b, message @ ..] = rest else {
        return;
    };
    let (algorithm, expected) = match selector % 4 {
        0 => (Algorithm::Sha1, reference::<Hmac<sha1::Sha1>>(key, message)),
        1 => (Algorithm::Sha256, reference::<Hmac<sha2::Sha256>>(key, message)),
        2 => (Algorithm::Sha384, reference::<Hmac<sha2::Sha384>>(key, message)),
        _ => (Algorithm::Sha512, reference::<Hmac<sha2::Sha512>>(key, message)),
    };
    let ours = HmacKey::new(algorithm, key);
    let first = usize::from(*a).min(message.len());
    let second = first + usize::from(*b).min(message.len() - first);
    let parts = [&message[..first], &message[first..second], &message[second..]];
    let tag = ours.sign_parts(&parts);
    assert_eq!(tag.as_bytes(), &expected[..], "{algorithm:?}");
    assert_eq!(ours.sign(message).as_bytes(), &expected[..]);
    assert!(ours.verify_parts(&parts, &expected).is_ok());
    let mut flipped = expected.clone();
    let at = usize::from(*a) % flipped.len();
    flipped[at] ^= 1 << (b % 8);
    assert!(ours.verify(message, &flipped).is_err());
});
