//! A JWT jeton signs verifies with the same key and options, reads back
//! the claims it was given, and fails with any other key.
#![no_main]

use arbitrary::Arbitrary;
use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    key: Vec<u8>,
    alg: u8,
    iss: String,
    sub: String,
    aud: Vec<String>,
    exp: i64,
    name: String,
    value: String,
    number: i64,
    flag: bool,
    now: i64,
}

/// The key of the input's secret for one of the HS algorithms, short
/// secrets through the legacy opt-in; `None` for an empty one.
fn key(alg: u8, secret: &[u8]) -> Option<JwtKey> {
    let alg = match alg % 3 {
        0 => Algorithm::Sha256,
        1 => Algorithm::Sha384,
        _ => Algorithm::Sha512,
    };
    JwtKey::legacy_hmac(HmacKey::new(alg, secret)).ok()
}

fuzz_target!(|input: Input| {
    if input.exp == i64::MIN {
        return; // no clock reading lies before it
    }
    let Some(k) = key(input.alg, &input.key) else {
        return;
    };
    let auds: Vec<&str> = input.aud.iter().map(String::as_str).take(4).collect();
    let claims = Claims::new()
        .issuer(&input.iss)
        .subject(&input.sub)
        .audiences(&auds)
        .expires_at(input.exp)
        .string(&input.name, &input.value)
        .integer("n", input.number)
        .boolean("f", input.flag);
    let mut token = vec![0u8; 8192];
    let Ok(n) = jwt::encode(&k, &claims, &mut token) else {
        return;
    };
    let token = &token[..n];
    let keys: KeySet<1> = KeySet::with_key(k.clone()).unwrap();
    let now = input.now.min(input.exp.saturating_sub(1));
    let validation = Validation::new(now)
        .issuer(&input.iss)
        .ignore_audience()
        .max_token_len(8192);
    let mut buf = vec![0u8; n];
    let v = jwt::verify(token, &keys, &validation, &mut buf).expect("our own token verifies");
    let mut s = vec![0u8; 4096];
    let len = v.subject().unwrap().unescape_into(&mut s).unwrap();
    assert_eq!(&s[..len], input.sub.as_bytes());
    assert_eq!(v.expires_at(), Some(input.exp));
    assert_eq!(v.claim_i64("n"), Ok(input.number));
    assert_eq!(v.audiences().count(), auds.len());
    let mut other_secret = input.key.clone();
    match other_secret.first_mut() {
        Some(b) => *b ^= 1,
        None => other_secret.push(1),
    }
    let Some(other) = key(input.alg, &other_secret) else {
        return;
    };
    let other: KeySet<1> = KeySet::with_key(other).unwrap();
    assert!(jwt::verify(token, &other, &validation, &mut buf).is_err());
});
