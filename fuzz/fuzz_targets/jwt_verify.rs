//! Any bytes as a token, verified with a fixed key and with a key taken
//! from the input: never panics, never accepts a token whose signature the
//! key did not make, and leaves nothing behind when it refuses.
#![no_main]

use arbitrary::Arbitrary;
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    key: &'a [u8],
    token: &'a [u8],
    now: i64,
    leeway: u16,
}

fuzz_target!(|input: Input<'_>| {
    let fixed = JwtKey::hs256(b"a fixed key for the fuzzer, 32 b").unwrap();
    let from_input = JwtKey::hs256(input.key).unwrap();
    for key in [fixed, from_input] {
        let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
        let validation = Validation::new(input.now).leeway(u64::from(input.leeway)).ignore_audience();
        let mut buf = vec![0u8; input.token.len()];
        match jwt::verify(input.token, &keys, &validation, &mut buf) {
            Ok(v) => {
                // Accepted: the signature over the first two segments is the key's.
                let dot = input.token.iter().rposition(|&b| b == b'.').unwrap();
                let tag = key.hmac().sign(&input.token[..dot]);
                let mut sig = vec![0u8; 128];
                let n = jeton::base64::decode(
                    &input.token[dot + 1..],
                    jeton::base64::Alphabet::UrlSafe,
                    jeton::base64::Padding::Unpadded,
                    &mut sig,
                )
                .unwrap();
                assert_eq!(&sig[..n], tag.as_bytes());
                let _ = (v.issuer(), v.subject(), v.audiences().count(), v.claim("x"));
            }
            Err(_) => assert!(buf.iter().all(|&b| b == 0)),
        }
        let _ = jwt::verify_jws(input.token, &keys, &validation, &mut buf);
    }
});
