//! Cookies on the fixed benchmark inputs: the 12-cookie browser header
//! (parse every pair, find one, parse with percent-decoding) and the
//! Set-Cookie spec (build and format), jeton against cookie-rs. (Signed
//! cookies are in `signed.rs`.)

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jeton_bench::cookie_ops::{
    cookie_rs_all, cookie_rs_decoded, cookie_rs_find, jeton_all, jeton_decoded, jeton_find,
};
use jeton_bench::{COOKIE_HEADER, SET_COOKIE_EXPECTED, cookie_rs_set_cookie, jeton_set_cookie};

fn header(c: &mut Criterion) {
    let header = COOKIE_HEADER.trim_end();
    // Same answers before anything is timed.
    let mut buf = [0u8; 256];
    assert_eq!(jeton_all(header), cookie_rs_all(header));
    assert_eq!(jeton_find(header), cookie_rs_find(header));
    assert!(jeton_find(header).is_some());
    assert_eq!(jeton_decoded(header, &mut buf), cookie_rs_decoded(header));

    let mut g = c.benchmark_group("Cookie header: parse every pair");
    g.bench_function("jeton", |b| b.iter(|| jeton_all(black_box(header))));
    g.bench_function("cookie-rs", |b| b.iter(|| cookie_rs_all(black_box(header))));
    g.finish();

    let mut g = c.benchmark_group("Cookie header: find one");
    g.bench_function("jeton", |b| b.iter(|| jeton_find(black_box(header))));
    g.bench_function("cookie-rs", |b| {
        b.iter(|| cookie_rs_find(black_box(header)))
    });
    g.finish();

    let mut g = c.benchmark_group("Cookie header: parse with percent-decoding");
    g.bench_function("jeton", |b| {
        let mut buf = [0u8; 256];
        b.iter(|| jeton_decoded(black_box(header), &mut buf))
    });
    g.bench_function("cookie-rs", |b| {
        b.iter(|| cookie_rs_decoded(black_box(header)))
    });
    g.finish();
}

fn set_cookie(c: &mut Criterion) {
    let expected = SET_COOKIE_EXPECTED.trim_end();
    let expires =
        cookie::time::OffsetDateTime::from_unix_timestamp(2_000_000_000).expect("in range");
    // Both write the expected header (cookie-rs in its own attribute order)
    // before either is timed.
    let mut out = [0u8; 256];
    let n = jeton_set_cookie("session", &mut out);
    assert_eq!(&out[..n], expected.as_bytes());
    let sorted = |s: &str| {
        let mut parts: Vec<String> = s.split("; ").map(str::to_ascii_lowercase).collect();
        parts.sort();
        parts
    };
    assert_eq!(
        sorted(&cookie_rs_set_cookie("session", expires)),
        sorted(expected)
    );

    let mut g = c.benchmark_group("Set-Cookie: build and format");
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 256];
        b.iter(|| jeton_set_cookie(black_box("session"), &mut out))
    });
    g.bench_function("cookie-rs", |b| {
        b.iter(|| cookie_rs_set_cookie(black_box("session"), expires).len())
    });
    g.finish();
}

criterion_group!(benches, header, set_cookie);
criterion_main!(benches);
