//! Signed cookies: jeton's keygrip and cookie-signature against the bare
//! HMAC of the same bytes with a pre-computed key (the floor), against a
//! baseline that keys the HMAC afresh on every call (what the pre-computed
//! key state saves), and against cookie-rs's signed jar, the one peer that
//! signs cookies (HMAC-SHA256, like cookie-signature).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jeton::base64::{self, Alphabet, Padding};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::{COOKIE_KEY, bare_hmac, session_value};
use subtle::ConstantTimeEq;

/// keygrip as a naive implementation does it: key the HMAC, sign, encode.
fn fresh_keygrip_sign(key: &[u8], name: &[u8], value: &[u8], out: &mut [u8]) -> usize {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("any length");
    mac.update(name);
    mac.update(b"=");
    mac.update(value);
    let tag = mac.finalize().into_bytes();
    base64::encode(&tag, Alphabet::UrlSafe, Padding::Unpadded, out).expect("27 bytes")
}

fn fresh_keygrip_verify(key: &[u8], name: &[u8], value: &[u8], sig: &[u8]) -> bool {
    let mut raw = [0u8; 20];
    if base64::decode(sig, Alphabet::UrlSafe, Padding::Unpadded, &mut raw) != Ok(20) {
        return false;
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).expect("any length");
    mac.update(name);
    mac.update(b"=");
    mac.update(value);
    mac.finalize().into_bytes().as_slice().ct_eq(&raw).into()
}

fn fresh_cookie_signature_sign(key: &[u8], value: &[u8], out: &mut [u8]) -> usize {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("any length");
    mac.update(value);
    let tag = mac.finalize().into_bytes();
    out[..value.len()].copy_from_slice(value);
    out[value.len()] = b'.';
    let n = base64::encode(
        &tag,
        Alphabet::Standard,
        Padding::Unpadded,
        &mut out[value.len() + 1..],
    )
    .expect("43 bytes");
    value.len() + 1 + n
}

fn fresh_cookie_signature_unsign<'a>(key: &[u8], signed: &'a [u8]) -> Option<&'a [u8]> {
    let dot = signed.iter().rposition(|&b| b == b'.')?;
    let mut raw = [0u8; 32];
    if base64::decode(
        &signed[dot + 1..],
        Alphabet::Standard,
        Padding::Unpadded,
        &mut raw,
    ) != Ok(32)
    {
        return None;
    }
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("any length");
    mac.update(&signed[..dot]);
    bool::from(mac.finalize().into_bytes().as_slice().ct_eq(&raw)).then_some(&signed[..dot])
}

fn keygrip_benches(c: &mut Criterion) {
    let value = session_value();
    let name = b"session";
    let key = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).expect("capacity 1");
    let keyed = Hmac::<sha1::Sha1>::new_from_slice(COOKIE_KEY).expect("any length");
    let mut sig = [0u8; 27];
    keygrip::sign(&key, name, &value, &mut sig).expect("27 bytes");
    // The limit: the HMAC of `name=value` from the pre-computed state.
    let bare = || black_box(bare_hmac(&keyed, &[name, b"=", &value]));

    let mut g = c.benchmark_group("keygrip sign");
    g.bench_function("limit: bare HMAC-SHA1, pre-computed key", |b| b.iter(bare));
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 27];
        b.iter(|| keygrip::sign(&key, black_box(name), black_box(&value), &mut out))
    });
    g.bench_function("baseline: HMAC keyed on every call", |b| {
        let mut out = [0u8; 27];
        b.iter(|| fresh_keygrip_sign(COOKIE_KEY, black_box(name), black_box(&value), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("keygrip verify");
    g.bench_function("limit: bare HMAC-SHA1, pre-computed key", |b| b.iter(bare));
    g.bench_function("jeton", |b| {
        b.iter(|| keygrip::verify(&ring, black_box(name), black_box(&value), black_box(&sig)))
    });
    g.bench_function("baseline: HMAC keyed on every call", |b| {
        b.iter(|| {
            fresh_keygrip_verify(
                COOKIE_KEY,
                black_box(name),
                black_box(&value),
                black_box(&sig),
            )
        })
    });
    g.finish();
}

fn cookie_signature_benches(c: &mut Criterion) {
    let value = b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE";
    let key = HmacKey::new(Algorithm::Sha256, COOKIE_KEY);
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).expect("capacity 1");
    let keyed = Hmac::<sha2::Sha256>::new_from_slice(COOKIE_KEY).expect("any length");
    let mut signed = [0u8; 80];
    let n = cookie_signature::sign(&key, value, &mut signed).expect("fits");
    let signed = &signed[..n];
    // The limit: the HMAC of the value from the pre-computed state.
    let bare = || black_box(bare_hmac(&keyed, &[value]));

    let mut g = c.benchmark_group("cookie-signature sign");
    g.bench_function("limit: bare HMAC-SHA256, pre-computed key", |b| {
        b.iter(bare)
    });
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 80];
        b.iter(|| cookie_signature::sign(&key, black_box(value), &mut out))
    });
    g.bench_function("baseline: HMAC keyed on every call", |b| {
        let mut out = [0u8; 80];
        b.iter(|| fresh_cookie_signature_sign(COOKIE_KEY, black_box(value), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("cookie-signature unsign");
    g.bench_function("limit: bare HMAC-SHA256, pre-computed key", |b| {
        b.iter(bare)
    });
    g.bench_function("jeton", |b| {
        b.iter(|| cookie_signature::unsign(&ring, black_box(signed)))
    });
    g.bench_function("baseline: HMAC keyed on every call", |b| {
        b.iter(|| fresh_cookie_signature_unsign(COOKIE_KEY, black_box(signed)))
    });
    g.finish();

    // cookie-rs signs with HMAC-SHA256 under the first 32 bytes of its
    // 64-byte master key, built here from the benchmark key; its jar takes
    // an owned value, which is part of what it costs.
    let mut master_bytes = [0u8; 64];
    let len = COOKIE_KEY.len().min(64);
    master_bytes[..len].copy_from_slice(&COOKIE_KEY[..len]);
    let master = cookie::Key::from(&master_bytes);
    let text = std::str::from_utf8(value).expect("ASCII");
    let mut g = c.benchmark_group("signed cookie sign, HMAC-SHA256 (cookie-rs signed jar)");
    g.bench_function("cookie-rs", |b| {
        let mut jar = cookie::CookieJar::new();
        b.iter(|| {
            jar.signed_mut(&master)
                .add(("sid", black_box(text).to_owned()));
            black_box(&jar);
        })
    });
    g.bench_function("jeton (cookie-signature)", |b| {
        let mut out = [0u8; 80];
        b.iter(|| cookie_signature::sign(&key, black_box(value), &mut out))
    });
    g.finish();
}

criterion_group!(benches, keygrip_benches, cookie_signature_benches);
criterion_main!(benches);
