//! Cookies on the fixed benchmark inputs: the 12-cookie browser header
//! (parse every pair, find one, parse with percent-decoding) and the
//! Set-Cookie spec (build and format), jeton against cookie-rs; signed
//! cookies (keygrip, cookie-signature) against the bare HMAC of the same
//! bytes and cookie-rs's signed jar.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jeton::cookie::{CookieHeader, SameSite, SetCookie};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::{COOKIE_HEADER, COOKIE_KEY, SET_COOKIE_EXPECTED, session_value};

fn header(c: &mut Criterion) {
    let header = COOKIE_HEADER.trim_end();
    let mut g = c.benchmark_group("Cookie header: parse every pair");
    g.bench_function("jeton", |b| {
        b.iter(|| {
            let parsed = CookieHeader::parse(black_box(header)).expect("within limits");
            parsed.iter().map(|p| p.value().len()).sum::<usize>()
        })
    });
    g.bench_function("cookie-rs", |b| {
        b.iter(|| {
            cookie::Cookie::split_parse(black_box(header))
                .filter_map(Result::ok)
                .map(|c| c.value().len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("Cookie header: find one");
    g.bench_function("jeton", |b| {
        b.iter(|| {
            CookieHeader::parse(black_box(header))
                .expect("within limits")
                .get("csrftoken")
                .map(|p| p.value().len())
        })
    });
    g.bench_function("cookie-rs", |b| {
        b.iter(|| {
            cookie::Cookie::split_parse(black_box(header))
                .filter_map(Result::ok)
                .find(|c| c.name() == "csrftoken")
                .map(|c| c.value().len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("Cookie header: parse with percent-decoding");
    g.bench_function("jeton", |b| {
        let mut buf = [0u8; 256];
        b.iter(|| {
            let parsed = CookieHeader::parse(black_box(header)).expect("within limits");
            parsed
                .iter()
                .map(|p| p.decode_value(&mut buf).expect("fits"))
                .sum::<usize>()
        })
    });
    g.bench_function("cookie-rs", |b| {
        b.iter(|| {
            cookie::Cookie::split_parse_encoded(black_box(header))
                .filter_map(Result::ok)
                .map(|c| c.value().len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn set_cookie(c: &mut Criterion) {
    let expected = SET_COOKIE_EXPECTED.trim_end();
    let mut g = c.benchmark_group("Set-Cookie: build and format");
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 256];
        b.iter(|| {
            let n = SetCookie::new(black_box("session"), "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY")
                .path("/")
                .domain("example.com")
                .max_age(86400)
                .expires(2_000_000_000)
                .secure(true)
                .http_only(true)
                .same_site(SameSite::Lax)
                .write(&mut out)
                .expect("valid");
            debug_assert_eq!(&out[..n], expected.as_bytes());
            n
        })
    });
    g.bench_function("cookie-rs", |b| {
        let expires =
            cookie::time::OffsetDateTime::from_unix_timestamp(2_000_000_000).expect("in range");
        b.iter(|| {
            let c =
                cookie::Cookie::build((black_box("session"), "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY"))
                    .path("/")
                    .domain("example.com")
                    .max_age(cookie::time::Duration::seconds(86400))
                    .expires(expires)
                    .secure(true)
                    .http_only(true)
                    .same_site(cookie::SameSite::Lax)
                    .build();
            c.to_string().len()
        })
    });
    g.finish();
}

fn signed(c: &mut Criterion) {
    let value = session_value();
    let name = b"session";
    let sha1 = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let ring1: KeyRing<1> = KeyRing::with_key(sha1.clone()).expect("capacity");
    let sha256 = HmacKey::new(Algorithm::Sha256, COOKIE_KEY);
    let ring256: KeyRing<1> = KeyRing::with_key(sha256.clone()).expect("capacity");
    let keyed1 = Hmac::<sha1::Sha1>::new_from_slice(COOKIE_KEY).expect("any length");
    let keyed256 = Hmac::<sha2::Sha256>::new_from_slice(COOKIE_KEY).expect("any length");
    let mut sig = [0u8; 27];
    keygrip::sign(&sha1, name, &value, &mut sig).expect("27");
    let sid = b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE";
    let mut signed = [0u8; 80];
    let n = cookie_signature::sign(&sha256, sid, &mut signed).expect("fits");
    let signed = &signed[..n];

    let mut g = c.benchmark_group("keygrip sign");
    g.bench_function("limit: bare HMAC-SHA1, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed1.clone();
            mac.update(black_box(name));
            mac.update(b"=");
            mac.update(black_box(&value));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 27];
        b.iter(|| keygrip::sign(&sha1, black_box(name), black_box(&value), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("keygrip verify");
    g.bench_function("limit: bare HMAC-SHA1, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed1.clone();
            mac.update(black_box(name));
            mac.update(b"=");
            mac.update(black_box(&value));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        b.iter(|| keygrip::verify(&ring1, black_box(name), black_box(&value), black_box(&sig)))
    });
    g.finish();

    let mut g = c.benchmark_group("cookie-signature sign");
    g.bench_function("limit: bare HMAC-SHA256, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed256.clone();
            mac.update(black_box(sid));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 80];
        b.iter(|| cookie_signature::sign(&sha256, black_box(sid), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("cookie-signature unsign");
    g.bench_function("limit: bare HMAC-SHA256, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed256.clone();
            mac.update(black_box(sid));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        b.iter(|| cookie_signature::unsign(&ring256, black_box(signed)))
    });
    g.finish();

    // cookie-rs signs with HMAC-SHA256 under its own 64-byte master key
    // (the first 32 bytes sign); built here from the benchmark key.
    let mut master_bytes = [0u8; 64];
    master_bytes[..COOKIE_KEY.len().min(64)]
        .copy_from_slice(&COOKIE_KEY[..COOKIE_KEY.len().min(64)]);
    let master = cookie::Key::from(&master_bytes);
    let mut g = c.benchmark_group("signed cookie sign (cookie-rs jar format)");
    g.bench_function("cookie-rs", |b| {
        b.iter(|| {
            let mut jar = cookie::CookieJar::new();
            jar.signed_mut(&master).add((
                "session",
                std::str::from_utf8(black_box(&value))
                    .expect("ascii")
                    .to_owned(),
            ));
            jar.delta().next().map(|c| c.value().len())
        })
    });
    g.bench_function("jeton (keygrip)", |b| {
        let mut out = [0u8; 27];
        b.iter(|| keygrip::sign(&sha1, black_box(name), black_box(&value), &mut out))
    });
    g.finish();
}

criterion_group!(benches, header, set_cookie, signed);
criterion_main!(benches);
