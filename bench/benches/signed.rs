//! Signed cookies: jeton's keygrip and cookie-signature against the same
//! operations done with an HMAC keyed afresh on every call (what the
//! pre-computed key state saves), and against the bare HMAC of the same
//! bytes with a pre-computed key (the floor).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jeton::base64::{self, Alphabet, Padding};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::{COOKIE_KEY, session_value};
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
    mac.finalize().into_bytes().ct_eq(&raw).into()
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
    bool::from(mac.finalize().into_bytes().ct_eq(&raw)).then_some(&signed[..dot])
}

fn keygrip_benches(c: &mut Criterion) {
    let value = session_value();
    let name = b"session";
    let key = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).expect("capacity 1");
    let keyed = Hmac::<sha1::Sha1>::new_from_slice(COOKIE_KEY).expect("any length");
    let mut sig = [0u8; 27];
    keygrip::sign(&key, name, &value, &mut sig).expect("27 bytes");

    let mut g = c.benchmark_group("keygrip sign: pre-computed vs freshly keyed HMAC");
    g.bench_function("bare HMAC-SHA1, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(name));
            mac.update(b"=");
            mac.update(black_box(&value));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 27];
        b.iter(|| keygrip::sign(&key, black_box(name), black_box(&value), &mut out))
    });
    g.bench_function("HMAC keyed on every call", |b| {
        let mut out = [0u8; 27];
        b.iter(|| fresh_keygrip_sign(COOKIE_KEY, black_box(name), black_box(&value), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("keygrip verify: pre-computed vs freshly keyed HMAC");
    g.bench_function("jeton", |b| {
        b.iter(|| keygrip::verify(&ring, black_box(name), black_box(&value), black_box(&sig)))
    });
    g.bench_function("HMAC keyed on every call", |b| {
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

    let mut g = c.benchmark_group("cookie-signature sign: pre-computed vs freshly keyed HMAC");
    g.bench_function("bare HMAC-SHA256, pre-computed key", |b| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(value));
            black_box(mac.finalize().into_bytes())
        })
    });
    g.bench_function("jeton", |b| {
        let mut out = [0u8; 80];
        b.iter(|| cookie_signature::sign(&key, black_box(value), &mut out))
    });
    g.bench_function("HMAC keyed on every call", |b| {
        let mut out = [0u8; 80];
        b.iter(|| fresh_cookie_signature_sign(COOKIE_KEY, black_box(value), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("cookie-signature unsign: pre-computed vs freshly keyed HMAC");
    g.bench_function("jeton", |b| {
        b.iter(|| cookie_signature::unsign(&ring, black_box(signed)))
    });
    g.bench_function("HMAC keyed on every call", |b| {
        b.iter(|| fresh_cookie_signature_unsign(COOKIE_KEY, black_box(signed)))
    });
    g.finish();
}

criterion_group!(benches, keygrip_benches, cookie_signature_benches);
criterion_main!(benches);
