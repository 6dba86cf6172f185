//! Runs one operation many times, for `perf record` or
//! `valgrind --tool=callgrind` (which counts instructions, repeatable where
//! wall-clock time on a shared machine is not).
//!
//!     cargo build --release -p jeton-bench --bin profile_op
//!     valgrind --tool=callgrind target/release/profile_op cs-sign 10000
//!
//! (Ratios against the limits and the peers, taken in alternating batches,
//! come from the `paired` binary.)

use std::hint::black_box;

use hmac::{Hmac, KeyInit};
use jeton::base64::{Alphabet, Padding};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::cookie_ops::{cookie_rs_all, cookie_rs_find, jeton_all, jeton_find};
use jeton_bench::{
    AUD, CLAIMS_JSON, COOKIE_HEADER, COOKIE_KEY, ISS, JWT, JWT_KEY, JWT_NOW, JWT_SIGNING_INPUT,
    bare_hmac, bench_claims, jeton_jwt_sign, session_value,
};

const OPS: &str = "cookie-all cookie-all-cookie-rs cookie-find cookie-find-cookie-rs \
                   jwt-verify jwt-verify-c5 set-cookie jwt-sign jwt-limit b64-decode b64-encode cs-sign cs-unsign \
                   hmac256 keygrip-sign";

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let sha1 = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let sha256 = HmacKey::new(Algorithm::Sha256, COOKIE_KEY);
    let ring: KeyRing<1> = KeyRing::with_key(sha256.clone()).expect("capacity");
    let keyed = Hmac::<sha2::Sha256>::new_from_slice(COOKIE_KEY).expect("any length");
    let jwt_keyed = Hmac::<sha2::Sha256>::new_from_slice(JWT_KEY).expect("any length");
    let value = session_value();
    let sid = b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE";
    let mut out = [0u8; 512];
    let m = cookie_signature::sign(&sha256, sid, &mut out).expect("fits");
    let signed = out[..m].to_vec();
    let jwt_key = JwtKey::hs256(JWT_KEY).expect("HS256");
    let keys: KeySet<1> = KeySet::with_key(jwt_key.clone()).expect("capacity");
    let audiences = [AUD];
    let validation = Validation::new(JWT_NOW).issuer(ISS).audiences(&audiences);
    let claims = bench_claims();
    let token = JWT.trim_end().as_bytes();
    let signing_input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let claims_b64 = token.split(|&b| b == b'.').nth(1).expect("payload");
    let claims_json = CLAIMS_JSON.trim_end().as_bytes();
    let header = COOKIE_HEADER.trim_end();
    let mut buf = [0u8; 512];
    let c_keys = jeton_bench::c_abi::key_set();
    let mut run = |op: &str| match op {
        "jwt-verify-c5" => {
            black_box(jeton_bench::c_abi::verify_and_read_five(
                &c_keys,
                black_box(token),
            ));
        }
        "cookie-all" => {
            black_box(jeton_all(black_box(header)));
        }
        "cookie-all-cookie-rs" => {
            black_box(cookie_rs_all(black_box(header)));
        }
        "cookie-find" => {
            black_box(jeton_find(black_box(header)));
        }
        "cookie-find-cookie-rs" => {
            black_box(cookie_rs_find(black_box(header)));
        }
        "jwt-verify" => {
            black_box(jwt::verify(black_box(token), &keys, &validation, &mut buf).is_ok());
        }
        "set-cookie" => {
            black_box(jeton_bench::jeton_set_cookie(
                black_box("session"),
                &mut buf,
            ));
        }
        "jwt-sign" => {
            black_box(jeton_jwt_sign(&jwt_key, black_box(&claims), &mut buf));
        }
        "jwt-limit" => {
            black_box(bare_hmac(&jwt_keyed, &[signing_input]));
        }
        "b64-decode" => {
            let n =
                jeton::base64::decode(claims_b64, Alphabet::UrlSafe, Padding::Unpadded, &mut buf);
            black_box(n.ok());
        }
        "b64-encode" => {
            let n =
                jeton::base64::encode(claims_json, Alphabet::UrlSafe, Padding::Unpadded, &mut buf);
            black_box(n.ok());
        }
        "cs-sign" => {
            black_box(cookie_signature::sign(&sha256, black_box(sid), &mut buf).ok());
        }
        "cs-unsign" => {
            black_box(cookie_signature::unsign(&ring, black_box(&signed)).ok());
        }
        "hmac256" => {
            black_box(bare_hmac(&keyed, &[sid]));
        }
        "keygrip-sign" => {
            black_box(keygrip::sign(&sha1, b"session", black_box(&value), &mut buf).ok());
        }
        other => panic!("unknown op {other:?}; one of: {OPS}"),
    };
    for _ in 0..n {
        run(&op);
    }
}
