//! JWT ES256, EdDSA, RS256 and PS256 verification (signature, exp, nbf,
//! iss, aud) of the tokens in `bench/inputs/asym/`: jeton against
//! jsonwebtoken 11 and 12, jwt-compact and jwt-simple, against jeton's own
//! signature primitive, and against the limit (see `jeton_bench::asym`).
//!
//! `JETON_JWT_BACKEND=aws_lc_rs` (with the `aws-lc` feature) times only
//! the jsonwebtoken rows, on AWS-LC.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jeton::jwt;
use jeton_bench::asym::{self, CASES};
use jeton_bench::{AUD, JwtBackend};

fn verify(c: &mut Criterion) {
    let backend = JwtBackend::from_args();
    backend.install();
    let audiences = [AUD];
    let validation = asym::jeton_validation(&audiences);
    for case in &CASES {
        let peers = asym::peers(case, backend);
        asym::check(case, &peers);
        let mut g = c.benchmark_group(case.alg.op());
        if backend == JwtBackend::RustCrypto {
            let limit = asym::limit(case);
            g.bench_function(case.alg.limit_name(), |b| b.iter(|| black_box(limit())));
            let primitive = asym::jeton_primitive(case);
            g.bench_function("jeton primitive (jeton::asym)", |b| {
                b.iter(|| black_box(primitive()))
            });
            for (name, baseline) in asym::baselines(case) {
                g.bench_function(name, |b| b.iter(|| black_box(baseline())));
            }
            let keys = case.jeton_keys();
            g.bench_function("jeton", |b| {
                let mut buf = [0u8; 512];
                b.iter(|| {
                    let v = jwt::verify(
                        black_box(case.token.as_bytes()),
                        &keys,
                        &validation,
                        &mut buf,
                    )
                    .expect("valid");
                    black_box(v.expires_at())
                })
            });
        }
        for peer in &peers {
            g.bench_function(peer.name, |b| {
                b.iter(|| black_box((peer.verify)(black_box(case.token)).expect("valid").exp))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, verify);
criterion_main!(benches);
