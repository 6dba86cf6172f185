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

use hmac::{Hmac, KeyInit, Mac};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::{COOKIE_KEY, JWT, JWT_KEY, JWT_SIGNING_INPUT, session_value};

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
    let keys: KeySet<1> =
        KeySet::with_key(JwtKey::hs256(JWT_KEY).expect("HS256")).expect("capacity");
    let audiences = ["https://api.example.com"];
    let validation = Validation::new(1_750_000_000)
        .issuer("https://auth.example.com")
        .audiences(&audiences);
    let token = JWT.trim_end().as_bytes();
    let jwt_key = JwtKey::hs256(JWT_KEY).expect("HS256");
    let signing_input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let mut payload = [0u8; 512];
    let claims_b64 = token.split(|&b| b == b'.').nth(1).expect("payload");
    let mut claims_json = [0u8; 512];
    let claims_len = jeton::base64::decode(
        claims_b64,
        jeton::base64::Alphabet::UrlSafe,
        jeton::base64::Padding::Unpadded,
        &mut claims_json,
    )
    .expect("base64url");
    let claims_json = claims_json[..claims_len].to_vec();
    let mut run = |op: &str| match op {
        "cookie-all" => {
            let h = jeton::cookie::CookieHeader::parse(black_box(jeton_bench::COOKIE_HEADER)).ok();
            black_box(h.map(|h| h.iter().count()));
        }
        "cookie-all-cookie-rs" => {
            black_box(cookie::Cookie::split_parse(black_box(jeton_bench::COOKIE_HEADER)).count());
        }
        "cookie-find" => {
            let h = jeton::cookie::CookieHeader::parse(black_box(jeton_bench::COOKIE_HEADER)).ok();
            black_box(h.and_then(|h| h.get("csrftoken")).map(|p| p.value().len()));
        }
        "cookie-find-cookie-rs" => {
            black_box(
                cookie::Cookie::split_parse(black_box(jeton_bench::COOKIE_HEADER))
                    .filter_map(Result::ok)
                    .find(|c| c.name() == "csrftoken")
                    .map(|c| c.value().len()),
            );
        }
        "jwt-verify" => {
            black_box(jwt::verify(black_box(token), &keys, &validation, &mut payload).is_ok());
        }
        "jwt-sign" => {
            let claims = jwt::Claims::new()
                .issuer(black_box("https://auth.example.com"))
                .subject("user-1234567890")
                .audience("https://api.example.com")
                .expires_at(4_102_444_800)
                .not_before(1_700_000_000)
                .issued_at(1_700_000_000)
                .jwt_id("8f14e45f-ceea-467f-a0e6-5d2b1c3a9e77")
                .string("name", "Jane Doe")
                .boolean("admin", true);
            black_box(jwt::encode(&jwt_key, &claims, &mut out).ok());
        }
        "cs-sign" => {
            black_box(cookie_signature::sign(&sha256, black_box(sid), &mut out).ok());
        }
        "cs-unsign" => {
            black_box(cookie_signature::unsign(&ring, black_box(&signed)).ok());
        }
        "b64-decode" => {
            black_box(
                jeton::base64::decode(
                    black_box(claims_b64),
                    jeton::base64::Alphabet::UrlSafe,
                    jeton::base64::Padding::Unpadded,
                    &mut payload,
                )
                .ok(),
            );
        }
        "b64-encode" => {
            black_box(
                jeton::base64::encode(
                    black_box(&claims_json),
                    jeton::base64::Alphabet::UrlSafe,
                    jeton::base64::Padding::Unpadded,
                    &mut out,
                )
                .ok(),
            );
        }
        "jwt-limit" => {
            let mut mac = jwt_keyed.clone();
            mac.update(black_box(signing_input));
            black_box(mac.finalize().into_bytes());
        }
        "jeton-hmac256" => {
            black_box(sha256.sign(black_box(sid)));
        }
        "hmac256" => {
            let mut mac = keyed.clone();
            mac.update(black_box(sid));
            black_box(mac.finalize().into_bytes());
        }
        "keygrip-sign" => {
            black_box(keygrip::sign(&sha1, b"session", black_box(&value), &mut out).ok());
        }
        other => panic!("unknown op {other}"),
    };
    for _ in 0..n {
        run(&op);
    }
}
