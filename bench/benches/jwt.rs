//! JWT HS256 verify (signature, exp, nbf, iss, aud) and sign on the fixed
//! benchmark token: jeton against `jsonwebtoken` 11 and 12, `jwt-compact`
//! and `jwt-simple`, and against the floor, an HMAC-SHA256 of the same
//! signing input with a pre-computed key (and a plain SHA-256 of it).
//!
//! `JETON_JWT_BACKEND=aws_lc_rs` (with the `aws-lc` feature) times only
//! the jsonwebtoken rows, on AWS-LC.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton_bench::asym::{SimpleCustom, jwt_simple_options};
use jeton_bench::{
    AUD, BenchClaims, ISS, JWT, JWT_KEY, JWT_NOW, JWT_SIGNING_INPUT, JwtBackend, bare_hmac,
    bench_claims, jeton_jwt_sign, jsonwebtoken_validation, jsonwebtoken12_validation,
    jwt_simple_claims, jwt_simple_hs256,
};
use jwt_simple::prelude::MACLike as _;
use serde::{Deserialize, Serialize};
use sha2::Digest;

/// The same claims for jwt-compact, which owns `exp`, `nbf` and `iat`.
#[derive(Debug, Serialize, Deserialize)]
struct CompactCustom {
    iss: String,
    sub: String,
    aud: String,
    jti: String,
    name: String,
    admin: bool,
}

const NOW: i64 = JWT_NOW;

fn verify(c: &mut Criterion) {
    let token = JWT.trim_end();
    let signing_input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let keyed = Hmac::<sha2::Sha256>::new_from_slice(JWT_KEY).expect("any length");

    let keys: KeySet<1> =
        KeySet::with_key(JwtKey::hs256(JWT_KEY).expect("HS256")).expect("capacity");
    let audiences = [AUD];
    let validation = Validation::new(NOW).issuer(ISS).audiences(&audiences);

    let backend = JwtBackend::from_args();
    backend.install();
    let decoding = jsonwebtoken::DecodingKey::from_secret(JWT_KEY);
    let jwt_validation = jsonwebtoken_validation();
    let decoding12 = jsonwebtoken12::DecodingKey::from_secret(JWT_KEY).expect("a key");
    let jwt_validation12 = jsonwebtoken12_validation();
    let simple_key = jwt_simple_hs256();
    let simple_options = jwt_simple_options();

    use jwt_compact::{AlgorithmExt, TimeOptions, alg::Hs256, alg::Hs256Key};
    let compact_key = Hs256Key::new(JWT_KEY);
    // The same fixed clock jeton is given (jsonwebtoken reads the system
    // clock itself and offers no other).
    let now = || chrono::DateTime::from_timestamp(NOW, 0).expect("in range");
    let time = TimeOptions::new(chrono::Duration::zero(), now);

    let mut g = c.benchmark_group("JWT HS256 verify");
    g.bench_function(backend.jsonwebtoken(11), |b| {
        b.iter(|| {
            let data =
                jsonwebtoken::decode::<BenchClaims>(black_box(token), &decoding, &jwt_validation)
                    .expect("valid");
            black_box(data.claims.exp)
        })
    });
    g.bench_function(backend.jsonwebtoken(12), |b| {
        b.iter(|| {
            let data = jsonwebtoken12::decode::<BenchClaims>(
                black_box(token),
                &decoding12,
                &jwt_validation12,
            )
            .expect("valid");
            black_box(data.claims.exp)
        })
    });
    if backend != JwtBackend::RustCrypto {
        return g.finish();
    }
    g.bench_function(
        "limit: HMAC-SHA256 of the signing input, pre-computed key",
        |b| b.iter(|| black_box(bare_hmac(&keyed, &[signing_input]))),
    );
    g.bench_function("limit: SHA-256 of the signing input", |b| {
        b.iter(|| black_box(sha2::Sha256::digest(black_box(signing_input))))
    });
    g.bench_function("jeton", |b| {
        let mut buf = [0u8; 512];
        b.iter(|| {
            let v = jwt::verify(black_box(token.as_bytes()), &keys, &validation, &mut buf)
                .expect("valid");
            black_box(v.expires_at())
        })
    });
    g.bench_function("jwt-simple 0.15 (pure-rust)", |b| {
        b.iter(|| {
            let claims = simple_key
                .verify_token::<SimpleCustom>(black_box(token), Some(simple_options.clone()))
                .expect("valid");
            black_box(claims.expires_at)
        })
    });
    g.bench_function("jwt-compact 0.8", |b| {
        b.iter(|| {
            let untrusted = jwt_compact::UntrustedToken::new(black_box(token)).expect("parses");
            let token = Hs256
                .validator::<CompactCustom>(&compact_key)
                .validate(&untrusted)
                .expect("valid");
            let claims = token.claims();
            claims.validate_expiration(&time).expect("fresh");
            claims.validate_maturity(&time).expect("mature");
            assert!(claims.custom.iss == ISS && claims.custom.aud == AUD);
            black_box(claims.expiration)
        })
    });
    g.finish();
}

fn sign(c: &mut Criterion) {
    let signing_input = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let keyed = Hmac::<sha2::Sha256>::new_from_slice(JWT_KEY).expect("any length");
    let key = JwtKey::hs256(JWT_KEY).expect("HS256");
    let bench = bench_claims();
    let backend = JwtBackend::from_args();
    backend.install();
    let encoding = jsonwebtoken::EncodingKey::from_secret(JWT_KEY);
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let encoding12 = jsonwebtoken12::EncodingKey::from_secret(JWT_KEY).expect("a key");
    let header12 = jsonwebtoken12::Header::new(jsonwebtoken12::Algorithm::HS256);
    let simple_key = jwt_simple_hs256();
    let simple_claims = jwt_simple_claims(&bench);

    use jwt_compact::{
        AlgorithmExt, Claims as CompactClaims, Header as CompactHeader, alg::Hs256, alg::Hs256Key,
    };
    let compact_key = Hs256Key::new(JWT_KEY);
    let at = |t: i64| chrono::DateTime::from_timestamp(t, 0).expect("in range");

    let mut g = c.benchmark_group("JWT HS256 sign");
    g.bench_function(backend.jsonwebtoken(11), |b| {
        b.iter(|| jsonwebtoken::encode(&header, black_box(&bench), &encoding).expect("signs"))
    });
    g.bench_function(backend.jsonwebtoken(12), |b| {
        b.iter(|| jsonwebtoken12::encode(&header12, black_box(&bench), &encoding12).expect("signs"))
    });
    if backend != JwtBackend::RustCrypto {
        return g.finish();
    }
    g.bench_function(
        "limit: HMAC-SHA256 of the signing input, pre-computed key",
        |b| b.iter(|| black_box(bare_hmac(&keyed, &[signing_input]))),
    );
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 512];
        b.iter(|| jeton_jwt_sign(&key, black_box(&bench), &mut out))
    });
    g.bench_function("jwt-simple 0.15 (pure-rust)", |b| {
        // It takes the claims by value: a copy per token.
        b.iter(|| {
            simple_key
                .authenticate(black_box(&simple_claims).clone())
                .expect("signs")
        })
    });
    g.bench_function("jwt-compact 0.8", |b| {
        // The claims are built once, as jsonwebtoken's are: only signing is
        // timed, with the same `{"alg":"HS256","typ":"JWT"}` header.
        let mut claims = CompactClaims::new(CompactCustom {
            iss: bench.iss.clone(),
            sub: bench.sub.clone(),
            aud: bench.aud.clone(),
            jti: bench.jti.clone(),
            name: bench.name.clone(),
            admin: bench.admin,
        });
        claims.expiration = Some(at(bench.exp));
        claims.not_before = Some(at(bench.nbf));
        claims.issued_at = Some(at(bench.iat));
        let header = CompactHeader::empty().with_token_type("JWT");
        b.iter(|| {
            Hs256
                .token(&header, black_box(&claims), &compact_key)
                .expect("signs")
        })
    });
    g.finish();
}

criterion_group!(benches, verify, sign);
criterion_main!(benches);
