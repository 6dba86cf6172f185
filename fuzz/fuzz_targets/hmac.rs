//! HMAC: jeton's own HMAC-SHA1/SHA256 (over the compression functions)
//! against the `hmac` crate, for any key, any message and any split of the
//! message into parts. For every algorithm (SHA-384/512 are the `hmac`
//! crate's inside jeton, so comparing those would compare it with itself;
//! RFC 4231 covers them in the vector tests): the tag of the parts is the
//! tag of the whole, it verifies, and with one bit flipped it does not.
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
    let algorithm = [
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
    ][usize::from(selector % 4)];
    let ours = HmacKey::new(algorithm, key);
    let expected = ours.sign(message).as_bytes().to_vec();
    match algorithm {
        Algorithm::Sha1 => assert_eq!(expected, reference::<Hmac<sha1::Sha1>>(key, message)),
        Algorithm::Sha256 => assert_eq!(expected, reference::<Hmac<sha2::Sha256>>(key, message)),
        _ => {}
    }
    let first = usize::from(*a).min(message.len());
    let second = first + usize::from(*b).min(message.len() - first);
    let parts = [
        &message[..first],
        &message[first..second],
        &message[second..],
    ];
    let tag = ours.sign_parts(&parts);
    assert_eq!(tag.as_bytes(), &expected[..], "{algorithm:?}");
    assert!(ours.verify_parts(&parts, &expected).is_ok());
    let mut flipped = expected.clone();
    let at = usize::from(*a) % flipped.len();
    flipped[at] ^= 1 << (b % 8);
    assert!(ours.verify(message, &flipped).is_err());
});
