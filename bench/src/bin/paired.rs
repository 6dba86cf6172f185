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
//!
//! jsonwebtoken's backend is one per process: `--jsonwebtoken-backend
//! aws_lc_rs` (built with the `aws-lc` feature) runs only the jsonwebtoken
//! rows, on AWS-LC; without it every row runs, jsonwebtoken on RustCrypto.
//! `--only TEXT|TEXT...` keeps the rows whose operation contains one of
//! the texts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::asym::{self, CASES};
use jeton_bench::cookie_ops::{cookie_rs_all, cookie_rs_find, jeton_all, jeton_find};
use jeton_bench::{
    AUD, BenchClaims, COOKIE_HEADER, COOKIE_KEY, ISS, JWT, JWT_KEY, JWT_NOW, JWT_SIGNING_INPUT,
    JwtBackend, bare_hmac, bench_claims, cookie_rs_set_cookie, jeton_jwt_sign, jeton_set_cookie,
    jsonwebtoken_validation, jsonwebtoken12_validation, jwt_simple_claims, jwt_simple_hs256,
    session_value,
};
use jwt_simple::prelude::MACLike as _;

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
    let backend = JwtBackend::from_args();
    backend.install();
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
    let decoding12 = jsonwebtoken12::DecodingKey::from_secret(JWT_KEY).expect("a key");
    let jv12 = jsonwebtoken12_validation();
    let encoding12 = jsonwebtoken12::EncodingKey::from_secret(JWT_KEY).expect("a key");
    let header12 = jsonwebtoken12::Header::new(jsonwebtoken12::Algorithm::HS256);
    let simple_key = jwt_simple_hs256();
    let simple_options = asym::jwt_simple_options();
    let simple_claims = jwt_simple_claims(&claims);
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
    let jeton_verify_read_name = || {
        let mut buf = [0u8; 512];
        let v = jwt::verify(black_box(token.as_bytes()), &keys, &validation, &mut buf);
        let mut name = [0u8; 16];
        let n = v.expect("valid").claim_str("name", &mut name);
        black_box((n.expect("a string"), &name));
    };
    let c_keys = jeton_bench::c_abi::key_set();
    let c_verify_read_five = || {
        black_box(jeton_bench::c_abi::verify_and_read_five(
            &c_keys,
            black_box(token.as_bytes()),
        ));
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

    // The asymmetric cases' keys, peers and limits, checked before timing.
    let asym_audiences = [AUD];
    let asym_validation = asym::jeton_validation(&asym_audiences);
    let asym_keys: Vec<_> = CASES.iter().map(asym::Case::jeton_keys).collect();
    let asym_peers: Vec<_> = CASES.iter().map(|c| asym::peers(c, backend)).collect();
    let asym_limits: Vec<_> = CASES.iter().map(asym::limit).collect();
    let asym_primitives: Vec<_> = CASES.iter().map(asym::jeton_primitive).collect();
    let asym_baselines: Vec<_> = CASES.iter().map(asym::baselines).collect();
    for (case, peers) in CASES.iter().zip(&asym_peers) {
        asym::check(case, peers);
    }

    let limit = "limit";
    let mut pairs = vec![
        // jeton's own HMAC-SHA256 (no buffering layer) against the limit,
        // the `hmac` crate's: what part of a ratio below is the HMAC itself.
        pair(
            "HMAC-SHA256 of the JWT signing input",
            "jeton",
            || {
                let mut tag = [0u8; 32];
                let n = jwt_key
                    .hmac()
                    .expect("an HS256 key")
                    .sign_into(black_box(signing_input), &mut tag);
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
            backend.jsonwebtoken(11),
            || {
                let data = jsonwebtoken::decode::<BenchClaims>(black_box(token), &decoding, &jv);
                black_box(data.expect("valid").claims.exp);
            },
            "jeton",
            jeton_verify,
        ),
        pair(
            "JWT HS256 verify",
            backend.jsonwebtoken(12),
            || {
                let data =
                    jsonwebtoken12::decode::<BenchClaims>(black_box(token), &decoding12, &jv12);
                black_box(data.expect("valid").claims.exp);
            },
            "jeton",
            jeton_verify,
        ),
        pair(
            "JWT HS256 verify",
            "jwt-simple 0.15 (pure-rust)",
            || {
                let claims = simple_key.verify_token::<asym::SimpleCustom>(
                    black_box(token),
                    Some(simple_options.clone()),
                );
                black_box(claims.expect("valid").expires_at);
            },
            "jeton",
            jeton_verify,
        ),
        pair(
            "JWT HS256 verify and read one custom claim (name)",
            "jeton",
            jeton_verify_read_name,
            "jeton verify alone",
            jeton_verify,
        ),
        // What a Rust server reading one claim of its own pays: a peer
        // decodes the claims into a struct that holds it.
        pair(
            "JWT HS256 verify and read one custom claim (name)",
            backend.jsonwebtoken(11),
            || {
                let data = jsonwebtoken::decode::<BenchClaims>(black_box(token), &decoding, &jv);
                black_box(data.expect("valid").claims.name);
            },
            "jeton",
            jeton_verify_read_name,
        ),
        pair(
            "JWT HS256 verify and read one custom claim (name)",
            backend.jsonwebtoken(12),
            || {
                let data =
                    jsonwebtoken12::decode::<BenchClaims>(black_box(token), &decoding12, &jv12);
                black_box(data.expect("valid").claims.name);
            },
            "jeton",
            jeton_verify_read_name,
        ),
        pair(
            "JWT HS256 verify and read five claims, through the C ABI",
            "C ABI",
            c_verify_read_five,
            "Rust verify alone",
            jeton_verify,
        ),
        pair("JWT HS256 sign", "jeton", jeton_sign, limit, jwt_limit),
        pair(
            "JWT HS256 sign",
            backend.jsonwebtoken(11),
            || {
                black_box(
                    jsonwebtoken::encode(&header, black_box(&claims), &encoding).expect("signs"),
                );
            },
            "jeton",
            jeton_sign,
        ),
        pair(
            "JWT HS256 sign",
            backend.jsonwebtoken(12),
            || {
                black_box(
                    jsonwebtoken12::encode(&header12, black_box(&claims), &encoding12)
                        .expect("signs"),
                );
            },
            "jeton",
            jeton_sign,
        ),
        pair(
            "JWT HS256 sign",
            "jwt-simple 0.15 (pure-rust)",
            || {
                // It takes the claims by value: a copy per token.
                let claims = black_box(&simple_claims).clone();
                black_box(simple_key.authenticate(claims).expect("signs"));
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
    // The AWS-LC process times jsonwebtoken's rows only.
    if backend != JwtBackend::RustCrypto {
        pairs.retain(|p| p.a.starts_with("jsonwebtoken"));
    }

    // The asymmetric families: jeton and its primitive against the limit,
    // every peer against jeton.
    for (i, case) in CASES.iter().enumerate() {
        let (keys, validation) = (&asym_keys[i], &asym_validation);
        let jeton = move || {
            let mut buf = [0u8; 512];
            let v = jwt::verify(black_box(case.token.as_bytes()), keys, validation, &mut buf);
            black_box(v.expect("valid").expires_at());
        };
        let (limit_fn, primitive) = (&asym_limits[i], &asym_primitives[i]);
        let limit_side = move || assert!(black_box(limit_fn()));
        if backend == JwtBackend::RustCrypto {
            pairs.push(pair(case.alg.op(), "jeton", jeton, limit, limit_side));
            let primitive_side = move || assert!(black_box(primitive()));
            pairs.push(pair(
                case.alg.op(),
                "jeton primitive",
                primitive_side,
                limit,
                limit_side,
            ));
            pairs.push(pair(
                case.alg.op(),
                "jeton",
                jeton,
                "jeton primitive",
                primitive_side,
            ));
            for (name, baseline) in &asym_baselines[i] {
                let name = name.strip_prefix("baseline: ").unwrap_or(name);
                pairs.push(pair(
                    case.alg.op(),
                    name,
                    move || assert!(black_box(baseline())),
                    limit,
                    limit_side,
                ));
            }
        }
        for peer in &asym_peers[i] {
            let verify = &peer.verify;
            pairs.push(pair(
                case.alg.op(),
                peer.name,
                move || {
                    black_box(verify(black_box(case.token)).expect("valid").exp);
                },
                "jeton",
                jeton,
            ));
        }
    }

    // `--only TEXT|TEXT...`: the rows whose operation holds one of the
    // texts (a quick look at a few rows; scripts/bench.sh runs them all).
    let args: Vec<String> = std::env::args().collect();
    if let Some(only) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        pairs.retain(|p| only.split('|').any(|text| p.op.contains(text)));
    }

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
