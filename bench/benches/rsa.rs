//! RSA verification with a 2048-bit key (e = 65537): RS256 (PKCS#1 v1.5)
//! and PS256 (PSS, salt as long as the hash) over the same message and
//! OpenSSL's signatures of it, from the test keys in
//! `tests/vectors/rsa/keys.json`. jeton against the `rsa` crate (0.10, on
//! crypto-bigint's heap integers, and 0.9, on num-bigint-dig, the one
//! under jsonwebtoken's `rust_crypto` backend), and against the limit: the bare work of
//! any verification on crypto-bigint's fixed-width integers, SHA-256 of the
//! message plus `s^65537 mod n` by 16 Montgomery squarings and one
//! multiplication from pre-computed parameters, with no encoding check.
//! crypto-bigint's own general exponentiation (`pow_vartime`, window
//! tables) is shown as a baseline.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U2048};
use jeton::asym::rsa::{RsaHash, RsaPublicKey};
use rsa::signature::Verifier;
use rsa::{BoxedUint, pkcs1v15, pss};
use sha2::Digest;

const KEYS: &str = include_str!("../../tests/vectors/rsa/keys.json");

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The first test key (2048 bits, e = 65537) and OpenSSL's SHA-256
/// signatures over its longer message.
struct Inputs {
    n: Vec<u8>,
    e: Vec<u8>,
    msg: Vec<u8>,
    pkcs1_sig: Vec<u8>,
    pss_sig: Vec<u8>,
}

fn inputs() -> Inputs {
    let v: serde_json::Value = serde_json::from_str(KEYS).expect("JSON");
    let key = &v["keys"][0];
    assert_eq!(key["bits"], 2048);
    assert_eq!(key["e"], "010001");
    let sig = |padding: &str| {
        key["signatures"]
            .as_array()
            .expect("signatures")
            .iter()
            .find(|s| s["padding"] == padding && s["hash"] == "SHA-256" && s["msg"] != "")
            .expect("a signature")
    };
    let (pkcs1, pss) = (sig("pkcs1v15"), sig("pss"));
    assert_eq!(pkcs1["msg"], pss["msg"]);
    let h = |v: &serde_json::Value| hex(v.as_str().expect("hex"));
    Inputs {
        n: h(&key["n"]),
        e: h(&key["e"]),
        msg: h(&pkcs1["msg"]),
        pkcs1_sig: h(&pkcs1["sig"]),
        pss_sig: h(&pss["sig"]),
    }
}

fn verify(c: &mut Criterion) {
    let Inputs {
        n,
        e,
        msg,
        pkcs1_sig,
        pss_sig,
    } = inputs();
    let key = RsaPublicKey::from_components(&n, &e).expect("key");
    key.verify_pkcs1v15(RsaHash::Sha256, &msg, &pkcs1_sig)
        .expect("RS256 verifies");
    key.verify_pss(RsaHash::Sha256, &msg, &pss_sig)
        .expect("PS256 verifies");

    let peer = rsa::PublicKey::new(
        BoxedUint::from_be_slice_vartime(&n),
        BoxedUint::from_be_slice_vartime(&e),
    )
    .expect("key");
    let peer_pkcs1 = pkcs1v15::VerifyingKey::<sha2::Sha256>::new(peer.clone());
    let peer_pss = pss::VerifyingKey::<sha2::Sha256>::new(peer);
    let peer_pkcs1_sig = pkcs1v15::Signature::try_from(&pkcs1_sig[..]).expect("256 bytes");
    let peer_pss_sig = pss::Signature::try_from(&pss_sig[..]).expect("256 bytes");
    peer_pkcs1
        .verify(&msg, &peer_pkcs1_sig)
        .expect("RS256 verifies");
    peer_pss
        .verify(&msg, &peer_pss_sig)
        .expect("PS256 verifies");

    let old = rsa09::RsaPublicKey::new(
        rsa09::BigUint::from_bytes_be(&n),
        rsa09::BigUint::from_bytes_be(&e),
    )
    .expect("key");
    let old_pkcs1 = rsa09::pkcs1v15::VerifyingKey::<rsa09::sha2::Sha256>::new(old.clone());
    let old_pss = rsa09::pss::VerifyingKey::<rsa09::sha2::Sha256>::new(old);
    let old_pkcs1_sig = rsa09::pkcs1v15::Signature::try_from(&pkcs1_sig[..]).expect("256 bytes");
    let old_pss_sig = rsa09::pss::Signature::try_from(&pss_sig[..]).expect("256 bytes");
    {
        use rsa09::signature::Verifier;
        old_pkcs1
            .verify(&msg, &old_pkcs1_sig)
            .expect("RS256 verifies");
        old_pss.verify(&msg, &old_pss_sig).expect("PS256 verifies");
    }
    let old_verify = |pkcs1: bool| {
        use rsa09::signature::Verifier;
        if pkcs1 {
            old_pkcs1.verify(black_box(&msg), black_box(&old_pkcs1_sig))
        } else {
            old_pss.verify(black_box(&msg), black_box(&old_pss_sig))
        }
    };

    let params = FixedMontyParams::new_vartime(
        Odd::new(U2048::from_be_slice(&n))
            .into_option()
            .expect("odd"),
    );
    let exponent = U2048::from_u32(65537);
    // The limit: the digest and s^e mod n, nothing else.
    let limit = |sig: &[u8]| {
        let digest = sha2::Sha256::digest(black_box(&msg[..]));
        let s = FixedMontyForm::new(&U2048::from_be_slice(black_box(sig)), &params);
        (digest, s.square_repeat_vartime(16).mul(&s).retrieve())
    };
    let general = |sig: &[u8]| {
        let digest = sha2::Sha256::digest(black_box(&msg[..]));
        let s = FixedMontyForm::new(&U2048::from_be_slice(black_box(sig)), &params);
        (digest, s.pow_vartime(&exponent).retrieve())
    };
    // Both compute the same s^e, and the message is what the signature
    // carries.
    assert_eq!(limit(&pkcs1_sig).1, general(&pkcs1_sig).1);

    let mut g = c.benchmark_group("RSA RS256 verify (2048 bits)");
    g.bench_function("limit: SHA-256 + s^e mod n, fixed width", |b| {
        b.iter(|| limit(&pkcs1_sig))
    });
    g.bench_function("jeton", |b| {
        b.iter(|| key.verify_pkcs1v15(RsaHash::Sha256, black_box(&msg), black_box(&pkcs1_sig)))
    });
    g.bench_function("rsa 0.10", |b| {
        b.iter(|| peer_pkcs1.verify(black_box(&msg), black_box(&peer_pkcs1_sig)))
    });
    g.bench_function("rsa 0.9", |b| b.iter(|| old_verify(true)));
    g.bench_function("baseline: crypto-bigint pow_vartime (window tables)", |b| {
        b.iter(|| general(&pkcs1_sig))
    });
    g.finish();

    let mut g = c.benchmark_group("RSA PS256 verify (2048 bits)");
    g.bench_function("limit: SHA-256 + s^e mod n, fixed width", |b| {
        b.iter(|| limit(&pss_sig))
    });
    g.bench_function("jeton", |b| {
        b.iter(|| key.verify_pss(RsaHash::Sha256, black_box(&msg), black_box(&pss_sig)))
    });
    g.bench_function("rsa 0.10", |b| {
        b.iter(|| peer_pss.verify(black_box(&msg), black_box(&peer_pss_sig)))
    });
    g.bench_function("rsa 0.9", |b| b.iter(|| old_verify(false)));
    g.finish();

    let mut g = c.benchmark_group("RSA key load (2048 bits)");
    g.bench_function("jeton", |b| {
        b.iter(|| RsaPublicKey::from_components(black_box(&n), black_box(&e)))
    });
    g.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
