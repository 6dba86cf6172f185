//! Paired ratios: each pair (jeton against its limit, or a peer against
//! jeton) runs in short batches that alternate, in one process, and the
//! ratio is taken between the fastest batch of each side.
//!
//! Criterion times one function after another, seconds apart; on a shared
//! machine the same code can run 30% slower for a while (seen here: jeton's
//! JWT verify moved between about 890 and 1,250 ns from one run to the next
//! while the HMAC beside it held still), which skews a ratio of two
//! separate estimates. Alternating batches puts both sides in the same
//! machine state, and ten rounds over every pair give a slow phase little
//! room. Prints JSON lines (`{"op", "a", "b", "a_ns", "b_ns"}`) for
//! `scripts/bench_report.py`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::cookie_ops::{cookie_rs_all, cookie_rs_find, jeton_all, jeton_find};
use jeton_bench::{
    AUD, BenchClaims, COOKIE_HEADER, COOKIE_KEY, ISS, JWT, JWT_KEY, JWT_NOW, JWT_SIGNING_INPUT,
    bare_hmac, bench_claims, cookie_rs_set_cookie, jeton_jwt_sign, jeton_set_cookie,
    jsonwebtoken_validation, session_value,
};

/// Alternations per pair and round, and the time one batch aims at.
const ALTERNATIONS: usize = 30;
const BATCH: Duration = Duration::from_micros(200);
const ROUNDS: usize = 10;

/// How many runs of `f` take about [`BATCH`].
fn batch_size(f: &mut impl FnMut()) -> u32 {
    let mut n = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        if start.elapsed() >= BATCH / 4 || n >= 1 << 20 {
            let per_run = start.elapsed().as_nanos().max(1) / u128::from(n);
            return (BATCH.as_nanos() / per_run).clamp(1, 1 << 20) as u32;
        }
        n *= 2;
    }
}

/// Fastest batch of `a` and of `b`, in ns per run, over alternating batches.
fn race(a: &mut impl FnMut(), b: &mut impl FnMut()) -> (f64, f64) {
    fn time(f: &mut impl FnMut(), n: u32) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    }
    let (na, nb) = (batch_size(a), batch_size(b));
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    for _ in 0..ALTERNATIONS {
        best_a = best_a.min(time(a, na));
        best_b = best_b.min(time(b, nb));
    }
    (best_a, best_b)
}

/// One pair: its operation, side names, and the two sides.
struct Pair<'a> {
    op: &'static str,
    a: &'static str,
    b: &'static str,
    run: Box<dyn FnMut() -> (f64, f64) + 'a>,
}

fn pair<'a>(
    op: &'static str,
    a: &'static str,
    mut fa: impl FnMut() + 'a,
    b: &'static str,
    mut fb: impl FnMut() + 'a,
) -> Pair<'a> {
    Pair {
        op,
        a,
        b,
        run: Box::new(move || race(&mut fa, &mut fb)),
    }
}

fn main() {
    let token = JWT.trim_end();
    let signing_input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let jwt_keyed = Hmac::<sha2::Sha256>::new_from_slice(JWT_KEY).expect("any length");
    let jwt_key = JwtKey::hs256(JWT_KEY).expect("HS256");
    let keys: KeySet<1> = KeySet::with_key(jwt_key.clone()).expect("capacity");
    let audiences = [AUD];
    let validation = Validation::new(JWT_NOW).issuer(ISS).audiences(&audiences);
    let decoding = jsonwebtoken::DecodingKey::from_secret(JWT_KEY);
    let jv = jsonwebtoken_validation();
    let claims = bench_claims();
    let encoding = jsonwebtoken::EncodingKey::from_secret(JWT_KEY);
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let jwt_limit = || {
        black_box(bare_hmac(&jwt_keyed, &[signing_input]));
    };
    // Each jeton side once, shared by the rows it appears in (these
    // closures borrow only, so they copy).
    let jeton_verify = || {
        let mut buf = [0u8; 512];
        let v = jwt::verify(black_box(token.as_bytes()), &keys, &validation, &mut buf);
        black_box(v.expect("valid").expires_at());
    };
    let jeton_sign = || {
        let mut out = [0u8; 512];
        black_box(jeton_jwt_sign(&jwt_key, black_box(&claims), &mut out));
        black_box(&out);
    };

    let sid = b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE";
    let sha256 = HmacKey::new(Algorithm::Sha256, COOKIE_KEY);
    let ring256: KeyRing<1> = KeyRing::with_key(sha256.clone()).expect("capacity");
    let mut signed = [0u8; 80];
    let n = cookie_signature::sign(&sha256, sid, &mut signed).expect("fits");
    let signed = &signed[..n];
    let keyed256 = Hmac::<sha2::Sha256>::new_from_slice(COOKIE_KEY).expect("any length");
    let hmac256 = || {
        black_box(bare_hmac(&keyed256, &[sid]));
    };

    let value = session_value();
    let sha1 = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let ring1: KeyRing<1> = KeyRing::with_key(sha1.clone()).expect("capacity");
    let mut sig = [0u8; 27];
    keygrip::sign(&sha1, b"session", &value, &mut sig).expect("27 bytes");
    let keyed1 = Hmac::<sha1::Sha1>::new_from_slice(COOKIE_KEY).expect("any length");
    let hmac1 = || {
        black_box(bare_hmac(&keyed1, &[b"session", b"=", &value]));
    };

    let cookie_header = COOKIE_HEADER.trim_end();
    let expires = cookie::time::OffsetDateTime::from_unix_timestamp(2_000_000_000).expect("date");

    let limit = "limit";
    let mut pairs = [
        // jeton's own HMAC-SHA256 (no buffering layer) against the limit,
        // the `hmac` crate's: what part of a ratio below is the HMAC itself.
        pair(
            "HMAC-SHA256 of the JWT signing input",
            "jeton",
            || {
                let mut tag = [0u8; 32];
                let n = jwt_key.hmac().sign_into(black_box(signing_input), &mut tag);
                black_box((n.expect("32 bytes"), &tag));
            },
            limit,
            jwt_limit,
        ),
        pair(
            "HMAC-SHA256 of a 32-byte cookie value",
            "jeton",
            || {
                let mut tag = [0u8; 32];
                let n = sha256.sign_into(black_box(sid), &mut tag);
                black_box((n.expect("32 bytes"), &tag));
            },
            limit,
            hmac256,
        ),
        pair("JWT HS256 verify", "jeton", jeton_verify, limit, jwt_limit),
        pair(
            "JWT HS256 verify",
            "jsonwebtoken",
            || {
                let data = jsonwebtoken::decode::<BenchClaims>(black_box(token), &decoding, &jv);
                black_box(data.expect("valid").claims.exp);
            },
            "jeton",
            jeton_verify,
        ),
        pair("JWT HS256 sign", "jeton", jeton_sign, limit, jwt_limit),
        pair(
            "JWT HS256 sign",
            "jsonwebtoken",
            || {
                black_box(
                    jsonwebtoken::encode(&header, black_box(&claims), &encoding).expect("signs"),
                );
            },
            "jeton",
            jeton_sign,
        ),
        pair(
            "cookie-signature sign",
            "jeton",
            || {
                let mut out = [0u8; 80];
                black_box(cookie_signature::sign(&sha256, black_box(sid), &mut out).expect("fits"));
                black_box(&out);
            },
            limit,
            hmac256,
        ),
        pair(
            "cookie-signature unsign",
            "jeton",
            || {
                black_box(cookie_signature::unsign(&ring256, black_box(signed)).expect("valid"));
            },
            limit,
            hmac256,
        ),
        pair(
            "keygrip sign",
            "jeton",
            || {
                let mut out = [0u8; 27];
                let n = keygrip::sign(&sha1, b"session", black_box(&value), &mut out);
                black_box(n.expect("27 bytes"));
                black_box(&out);
            },
            limit,
            hmac1,
        ),
        pair(
            "keygrip verify",
            "jeton",
            || {
                let verified =
                    keygrip::verify(&ring1, b"session", black_box(&value), black_box(&sig));
                black_box(verified.expect("valid"));
            },
            limit,
            hmac1,
        ),
        pair(
            "Cookie header: parse every pair",
            "cookie-rs",
            || {
                black_box(cookie_rs_all(black_box(cookie_header)));
            },
            "jeton",
            || {
                black_box(jeton_all(black_box(cookie_header)));
            },
        ),
        pair(
            "Cookie header: find one",
            "cookie-rs",
            || {
                black_box(cookie_rs_find(black_box(cookie_header)));
            },
            "jeton",
            || {
                black_box(jeton_find(black_box(cookie_header)));
            },
        ),
        pair(
            "Set-Cookie: build and format",
            "cookie-rs",
            || {
                black_box(cookie_rs_set_cookie(black_box("session"), expires));
            },
            "jeton",
            || {
                let mut out = [0u8; 256];
                black_box(jeton_set_cookie(black_box("session"), &mut out));
                black_box(&out);
            },
        ),
    ];

    let mut best = vec![(f64::MAX, f64::MAX); pairs.len()];
    for _ in 0..ROUNDS {
        for (pair, best) in pairs.iter_mut().zip(best.iter_mut()) {
            let (a, b) = (pair.run)();
            *best = (best.0.min(a), best.1.min(b));
        }
    }
    for (pair, (a_ns, b_ns)) in pairs.iter().zip(best) {
        println!(
            "{{\"op\":\"{}\",\"a\":\"{}\",\"b\":\"{}\",\"a_ns\":{a_ns:.1},\"b_ns\":{b_ns:.1}}}",
            pair.op, pair.a, pair.b
        );
    }
}
