//! Basic credentials parsing and session-store lookup.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jeton::auth;
use jeton::session::SessionStore;

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
    let mut store: Box<SessionStore<u64, 1024>> = Box::new(SessionStore::new(3600));
    let ids: Vec<[u8; 43]> = (0..1000u32)
        .map(|i| {
            let mut id = [0u8; 43];
            let mut random = [0u8; 32];
            random[..4].copy_from_slice(&i.to_le_bytes());
            jeton::session::id_from_bytes(&random, &mut id).expect("43");
            id
        })
        .collect();
    for (i, id) in ids.iter().enumerate() {
        store.create(id, i as u64, 1_000).expect("room");
    }
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
