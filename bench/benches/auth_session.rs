//! Basic credentials parsing and session-store lookup.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jeton::auth;

fn basic(c: &mut Criterion) {
    let header = b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    let mut g = c.benchmark_group("Basic parse");
    g.bench_function("jeton", |b| {
        let mut buf = [0u8; 64];
        b.iter(|| auth::parse_basic(black_box(header), &mut buf).map(|c| c.password.len()))
    });
    g.finish();
}

fn sessions(c: &mut Criterion) {
    let (ids, store) = jeton_bench::session_store(1000);
    let mut g = c.benchmark_group("session store lookup (1000 sessions)");
    g.bench_function("jeton", |b| {
        let mut i = 0usize;
        b.iter(|| {
            i = (i + 7) % ids.len();
            store.lookup(black_box(&ids[i]), 2_000).map(|s| s.user)
        })
    });
    g.finish();
}

criterion_group!(benches, basic, sessions);
criterion_main!(benches);
