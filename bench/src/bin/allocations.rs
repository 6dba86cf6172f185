//! Counts heap allocations and bytes per operation, for jeton and for each
//! peer, on the fixed benchmark inputs, and prints them as JSON lines
//! (`{"op": ..., "library": ..., "allocations": ..., "bytes": ...}`) for
//! `scripts/bench.sh` to put in BENCHMARKS.md.
//!
//! Only allocations through Rust's global allocator are seen: the
//! jsonwebtoken rows run on RustCrypto (AWS-LC's C code allocates with
//! malloc, out of sight, so its rows are not counted).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use jeton::cookie::CookieHeader;
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_bench::asym::{self, CASES};
use jeton_bench::{
    AUD, BenchClaims, COOKIE_HEADER, COOKIE_KEY, ISS, JWT, JWT_KEY, JWT_NOW, JwtBackend,
    bench_claims, jeton_jwt_sign, jsonwebtoken_validation, jsonwebtoken12_validation,
    jwt_simple_claims, jwt_simple_hs256, session_value,
};
use jwt_simple::prelude::MACLike as _;

thread_local! {
    static COUNT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

struct Counting;

// SAFETY: forwards every call to `System` unchanged; counting touches only a
// thread-local `Cell`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set((c.get().0 + 1, c.get().1 + layout.size())));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set((c.get().0 + 1, c.get().1 + new_size)));
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn report(op: &str, library: &str, mut f: impl FnMut()) {
    f(); // warm up any lazily initialised state
    let before = COUNT.with(Cell::get);
    f();
    let after = COUNT.with(Cell::get);
    println!(
        "{{\"op\":\"{op}\",\"library\":\"{library}\",\"allocations\":{},\"bytes\":{}}}",
        after.0 - before.0,
        after.1 - before.1
    );
}

fn main() {
    let backend = JwtBackend::RustCrypto;
    backend.install();
    let header = COOKIE_HEADER.trim_end();
    report("Cookie header: parse every pair", "jeton", || {
        black_box(
            CookieHeader::parse(header)
                .map(|h| h.iter().count())
                .expect("succeeds"),
        );
    });
    report("Cookie header: parse every pair", "cookie-rs", || {
        black_box(
            cookie::Cookie::split_parse(header)
                .filter_map(Result::ok)
                .count(),
        );
    });
    report("Cookie header: find one", "jeton", || {
        black_box(
            CookieHeader::parse(header)
                .expect("parses")
                .get("csrftoken")
                .map(|p| p.value().len())
                .expect("present"),
        );
    });
    report("Cookie header: find one", "cookie-rs", || {
        black_box(
            cookie::Cookie::split_parse(header)
                .filter_map(Result::ok)
                .find(|c| c.name() == "csrftoken")
                .is_some(),
        );
    });
    report(
        "Cookie header: parse with percent-decoding",
        "jeton",
        || {
            let mut buf = [0u8; 256];
            let h = CookieHeader::parse(header).expect("within limits");
            black_box(
                h.iter()
                    .map(|p| p.decode_value(&mut buf).unwrap_or(0))
                    .sum::<usize>(),
            );
        },
    );
    report(
        "Cookie header: parse with percent-decoding",
        "cookie-rs",
        || {
            black_box(
                cookie::Cookie::split_parse_encoded(header)
                    .filter_map(Result::ok)
                    .count(),
            );
        },
    );
    report("Set-Cookie: build and format", "jeton", || {
        let mut out = [0u8; 256];
        black_box(jeton_bench::jeton_set_cookie("session", &mut out));
    });
    let expires =
        cookie::time::OffsetDateTime::from_unix_timestamp(2_000_000_000).expect("in range");
    report("Set-Cookie: build and format", "cookie-rs", || {
        black_box(jeton_bench::cookie_rs_set_cookie("session", expires));
    });

    let value = session_value();
    let sha1 = HmacKey::new(Algorithm::Sha1, COOKIE_KEY);
    let ring1: KeyRing<1> = KeyRing::with_key(sha1.clone()).expect("capacity");
    let sha256 = HmacKey::new(Algorithm::Sha256, COOKIE_KEY);
    let ring256: KeyRing<1> = KeyRing::with_key(sha256.clone()).expect("capacity");
    let mut sig = [0u8; 27];
    keygrip::sign(&sha1, b"session", &value, &mut sig).expect("27");
    report("keygrip sign", "jeton", || {
        let mut out = [0u8; 27];
        black_box(keygrip::sign(&sha1, b"session", &value, &mut out).expect("succeeds"));
    });
    report("keygrip verify", "jeton", || {
        black_box(keygrip::verify(&ring1, b"session", &value, &sig).expect("succeeds"));
    });
    let mut signed = [0u8; 80];
    let n = cookie_signature::sign(&sha256, b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE", &mut signed)
        .expect("fits");
    report("cookie-signature sign", "jeton", || {
        let mut out = [0u8; 80];
        black_box(
            cookie_signature::sign(&sha256, b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE", &mut out)
                .expect("succeeds"),
        );
    });
    report("cookie-signature unsign", "jeton", || {
        black_box(cookie_signature::unsign(&ring256, &signed[..n]).expect("succeeds"));
    });
    let mut master = [0u8; 64];
    master.copy_from_slice(&COOKIE_KEY[..64]);
    let master = cookie::Key::from(&master);
    let mut jar = cookie::CookieJar::new();
    let group = "signed cookie sign, HMAC-SHA256 (cookie-rs signed jar)";
    report(group, "cookie-rs", || {
        jar.signed_mut(&master)
            .add(("sid", "tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE".to_owned()));
        black_box(&jar);
    });
    report(group, "jeton", || {
        let mut out = [0u8; 80];
        black_box(
            cookie_signature::sign(&sha256, b"tH3ZGs5D2mcKcpv7xGIH0fS6cXtxJUQE", &mut out)
                .expect("succeeds"),
        );
    });

    let token = JWT.trim_end();
    let key = JwtKey::hs256(JWT_KEY).expect("HS256");
    let keys: KeySet<1> = KeySet::with_key(key.clone()).expect("capacity");
    let audiences = [AUD];
    let validation = Validation::new(JWT_NOW).issuer(ISS).audiences(&audiences);
    report("JWT HS256 verify", "jeton", || {
        let mut buf = [0u8; 512];
        black_box(jwt::verify(token.as_bytes(), &keys, &validation, &mut buf).expect("succeeds"));
    });
    let decoding = jsonwebtoken::DecodingKey::from_secret(JWT_KEY);
    let jv = jsonwebtoken_validation(); // as the timed benchmark does
    report("JWT HS256 verify", backend.jsonwebtoken(11), || {
        black_box(jsonwebtoken::decode::<BenchClaims>(token, &decoding, &jv).expect("succeeds"));
    });
    let decoding12 = jsonwebtoken12::DecodingKey::from_secret(JWT_KEY).expect("a key");
    let jv12 = jsonwebtoken12_validation();
    report("JWT HS256 verify", backend.jsonwebtoken(12), || {
        let data = jsonwebtoken12::decode::<BenchClaims>(token, &decoding12, &jv12);
        black_box(data.expect("succeeds"));
    });
    let simple_key = jwt_simple_hs256();
    let simple_options = asym::jwt_simple_options();
    report("JWT HS256 verify", "jwt-simple 0.15 (pure-rust)", || {
        let claims =
            simple_key.verify_token::<asym::SimpleCustom>(token, Some(simple_options.clone()));
        black_box(claims.expect("succeeds"));
    });
    let bench = bench_claims();
    report("JWT HS256 sign", "jeton", || {
        let mut out = [0u8; 512];
        black_box(jeton_jwt_sign(&key, &bench, &mut out));
    });
    let encoding = jsonwebtoken::EncodingKey::from_secret(JWT_KEY);
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    report("JWT HS256 sign", backend.jsonwebtoken(11), || {
        black_box(jsonwebtoken::encode(&header, &bench, &encoding).expect("succeeds"));
    });
    let encoding12 = jsonwebtoken12::EncodingKey::from_secret(JWT_KEY).expect("a key");
    let header12 = jsonwebtoken12::Header::new(jsonwebtoken12::Algorithm::HS256);
    report("JWT HS256 sign", backend.jsonwebtoken(12), || {
        black_box(jsonwebtoken12::encode(&header12, &bench, &encoding12).expect("succeeds"));
    });
    let simple_claims = jwt_simple_claims(&bench);
    report("JWT HS256 sign", "jwt-simple 0.15 (pure-rust)", || {
        black_box(
            simple_key
                .authenticate(simple_claims.clone())
                .expect("succeeds"),
        );
    });

    // The asymmetric families: jeton, its primitive, the limit, the peers.
    let asym_audiences = [AUD];
    let asym_validation = asym::jeton_validation(&asym_audiences);
    for case in &CASES {
        let peers = asym::peers(case, backend);
        asym::check(case, &peers);
        let op = case.alg.op();
        let keys = case.jeton_keys();
        report(op, "jeton", || {
            let mut buf = [0u8; 512];
            let v = jwt::verify(case.token.as_bytes(), &keys, &asym_validation, &mut buf);
            black_box(v.expect("succeeds"));
        });
        let primitive = asym::jeton_primitive(case);
        report(op, "jeton primitive (jeton::asym)", || {
            assert!(black_box(primitive()));
        });
        let limit = asym::limit(case);
        report(op, case.alg.limit_name(), || {
            assert!(black_box(limit()));
        });
        for peer in &peers {
            report(op, peer.name, || {
                black_box((peer.verify)(case.token).expect("succeeds"));
            });
        }
    }

    report("Basic parse", "jeton", || {
        let mut buf = [0u8; 64];
        black_box(
            jeton::auth::parse_basic(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", &mut buf)
                .expect("succeeds"),
        );
    });
    let (ids, store) = jeton_bench::session_store(1000);
    report("session store lookup (1000 sessions)", "jeton", || {
        black_box(store.lookup(&ids[500], 2_000).expect("live"));
    });
}
