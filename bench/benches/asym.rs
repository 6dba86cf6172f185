//! The asymmetric signature primitives under the JWT families: ES256,
//! ES384 and Ed25519 verification (and ES256 / Ed25519 signing) through
//! `jeton::asym`, against the limit, the crate underneath called directly
//! with the same key on the same bytes (`p256`, `p384`, `ed25519-dalek`).
//! The message is the benchmark JWT's signing input.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ed25519_dalek::Signer as _;
use jeton::asym::ecdsa::{P256SigningKey, P384SigningKey};
use jeton::asym::eddsa::Ed25519SigningKey;
use jeton_bench::JWT_SIGNING_INPUT;
use p256::ecdsa::signature::Verifier as _;

/// RFC 6979 A.2.5's P-256 scalar, A.2.6's P-384 one, RFC 8032 TEST 1's
/// Ed25519 seed.
const P256_D: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const P384_D: &str = "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8\
                      96d5724e4c70a825f872c9ea60d2edf5";
const ED25519_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn ecdsa(c: &mut Criterion) {
    let msg = JWT_SIGNING_INPUT.trim_end().as_bytes();

    let key = P256SigningKey::from_bytes(&hex(P256_D)).expect("key");
    let public = key.public_key();
    let sig = key.sign(msg);
    let limit = p256::ecdsa::VerifyingKey::from_sec1_bytes(&public.to_sec1()).expect("key");
    let mut g = c.benchmark_group("ES256 verify");
    g.bench_function("limit: p256 VerifyingKey::verify", |b| {
        b.iter(|| {
            let s = p256::ecdsa::Signature::from_slice(black_box(&sig)).expect("sig");
            limit.verify(black_box(msg), &s).expect("valid")
        })
    });
    g.bench_function("jeton", |b| {
        b.iter(|| {
            public
                .verify(black_box(msg), black_box(&sig))
                .expect("valid")
        })
    });
    g.finish();

    let limit_key = p256::ecdsa::SigningKey::from_slice(&hex(P256_D)).expect("key");
    let mut g = c.benchmark_group("ES256 sign");
    g.bench_function("limit: p256 SigningKey::sign", |b| {
        b.iter(|| {
            let s: p256::ecdsa::Signature = limit_key.sign(black_box(msg));
            black_box(s)
        })
    });
    g.bench_function("jeton", |b| b.iter(|| black_box(key.sign(black_box(msg)))));
    g.finish();

    let key = P384SigningKey::from_bytes(&hex(P384_D)).expect("key");
    let public = key.public_key();
    let sig = key.sign(msg);
    let limit = p384::ecdsa::VerifyingKey::from_sec1_bytes(&public.to_sec1()).expect("key");
    let mut g = c.benchmark_group("ES384 verify");
    g.bench_function("limit: p384 VerifyingKey::verify", |b| {
        b.iter(|| {
            let s = p384::ecdsa::Signature::from_slice(black_box(&sig)).expect("sig");
            limit.verify(black_box(msg), &s).expect("valid")
        })
    });
    g.bench_function("jeton", |b| {
        b.iter(|| {
            public
                .verify(black_box(msg), black_box(&sig))
                .expect("valid")
        })
    });
    g.finish();
}

fn eddsa(c: &mut Criterion) {
    let msg = JWT_SIGNING_INPUT.trim_end().as_bytes();
    let seed = hex(ED25519_SEED);
    let key = Ed25519SigningKey::from_seed(&seed).expect("seed");
    let public = key.public_key();
    let sig = key.sign(msg);
    let limit = ed25519_dalek::VerifyingKey::from_bytes(public.as_bytes()).expect("key");
    let mut g = c.benchmark_group("Ed25519 verify");
    g.bench_function("limit: ed25519-dalek verify_strict", |b| {
        b.iter(|| {
            let s = ed25519_dalek::Signature::from_bytes(black_box(&sig));
            limit.verify_strict(black_box(msg), &s).expect("valid")
        })
    });
    g.bench_function("jeton", |b| {
        b.iter(|| {
            public
                .verify(black_box(msg), black_box(&sig))
                .expect("valid")
        })
    });
    g.finish();

    let limit_key = ed25519_dalek::SigningKey::from_bytes(&seed.try_into().expect("32 bytes"));
    let mut g = c.benchmark_group("Ed25519 sign");
    g.bench_function("limit: ed25519-dalek sign", |b| {
        b.iter(|| black_box(limit_key.sign(black_box(msg))))
    });
    g.bench_function("jeton", |b| b.iter(|| black_box(key.sign(black_box(msg)))));
    g.finish();
}

criterion_group!(benches, ecdsa, eddsa);
criterion_main!(benches);
