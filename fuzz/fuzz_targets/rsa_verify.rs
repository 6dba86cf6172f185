//! RSA verification (`jeton::asym::rsa`) against the `rsa` crate.
//!
//! - Any key bytes, signature and message: nothing panics; a key jeton
//!   loads, the `rsa` crate loads too, and within jeton's bounds (2048 to
//!   4096 bits, e below 2^32) the reverse holds; jeton gives the key back
//!   as it came (without leading zeros); both answer alike on the
//!   signature, and a signature of the wrong length or not below `n` is
//!   `SignatureMalformed`.
//! - Signatures the `rsa` crate makes with the committed test keys
//!   (`tests/vectors/rsa/keys.json`) over the fuzzed message verify in
//!   jeton, and after a fuzzed corruption of signature or message both
//!   agree again.
//!
//! Layout: a selector byte (bits 0-1 the hash, bit 2 the padding, bit 3
//! the mode, bits 4-6 a test key), then
//! - raw mode: n length (2 bytes, little-endian; 0 takes the test key's n
//!   and e), n, e length (1 byte), e, signature length (2 bytes,
//!   little-endian), signature, message;
//! - signing mode: position (2 bytes, little-endian), XOR mask (1 byte, 0
//!   for none), target (1 byte: even the signature, odd the message), salt
//!   seed (8 bytes), message.
#![no_main]

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use jeton::Error;
use jeton::asym::rsa::{MIN_PUBLIC_EXPONENT, RsaHash, RsaPadding, RsaPublicKey};
use libfuzzer_sys::fuzz_target;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::{BoxedUint, pkcs1v15, pss};

/// The committed test keys: (n, e, the `rsa` crate's private key).
/// A committed key: n, e and the `rsa` crate's private key.
type TestKey = (Vec<u8>, Vec<u8>, rsa::PrivateKey);

static KEYS: LazyLock<Vec<TestKey>> = LazyLock::new(|| {
    let text = include_str!("../../tests/vectors/rsa/keys.json");
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let hex = |s: &serde_json::Value| -> Vec<u8> {
        let s = s.as_str().unwrap();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let big = |name: &str| BoxedUint::from_be_slice_vartime(&hex(&k[name]));
            let private = rsa::PrivateKey::from_components(
                big("n"),
                big("e"),
                big("d"),
                vec![big("p"), big("q")],
            )
            .unwrap();
            (hex(&k["n"]), hex(&k["e"]), private)
        })
        .collect()
});

/// Keys small enough to sign with on every run (2048 to 2100 bits).
const SIGNING_KEYS: usize = 4;

macro_rules! with_digest {
    ($hash:expr, $d:ident => $body:expr) => {
        match $hash {
            RsaHash::Sha256 => {
                type $d = rsa::sha2::Sha256;
                $body
            }
            RsaHash::Sha384 => {
                type $d = rsa::sha2::Sha384;
                $body
            }
            RsaHash::Sha512 => {
                type $d = rsa::sha2::Sha512;
                $body
            }
        }
    };
}

fn peer_verdict(
    key: &rsa::PublicKey,
    padding: RsaPadding,
    hash: RsaHash,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    let key = key.clone();
    match padding {
        RsaPadding::Pkcs1v15 => pkcs1v15::Signature::try_from(sig).is_ok_and(|sig| {
            with_digest!(hash, D => pkcs1v15::VerifyingKey::<D>::new(key).verify(msg, &sig).is_ok())
        }),
        RsaPadding::Pss => pss::Signature::try_from(sig).is_ok_and(|sig| {
            with_digest!(hash, D => pss::VerifyingKey::<D>::new(key).verify(msg, &sig).is_ok())
        }),
    }
}

fn peer_sign(
    key: &rsa::PrivateKey,
    padding: RsaPadding,
    hash: RsaHash,
    msg: &[u8],
    seed: u64,
) -> Vec<u8> {
    let key = key.clone();
    let mut rng = StdRng::seed_from_u64(seed);
    match padding {
        RsaPadding::Pkcs1v15 => {
            with_digest!(hash, D => pkcs1v15::SigningKey::<D>::new(key).sign(msg).to_vec())
        }
        RsaPadding::Pss => with_digest!(hash, D => pss::SigningKey::<D>::new(key)
            .sign_with_rng(&mut rng, msg)
            .to_vec()),
    }
}

/// What signing mode signs: key, padding, hash, message, salt seed.
type SignatureId = (usize, RsaPadding, RsaHash, Vec<u8>, u64);

/// Signatures made so far. Signing takes tens of milliseconds in the
/// instrumented build, and the fuzzer mostly varies the corruption of an
/// input it has seen, so a cache keeps the target at hundreds of runs a
/// second.
static SIGNATURES: LazyLock<Mutex<HashMap<SignatureId, Vec<u8>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

fn cached_sign(id: SignatureId) -> Vec<u8> {
    let mut cache = SIGNATURES.lock().unwrap();
    if let Some(sig) = cache.get(&id) {
        return sig.clone();
    }
    if cache.len() >= 4096 {
        cache.clear();
    }
    let (index, padding, hash, msg, seed) = &id;
    let sig = peer_sign(&KEYS[*index].2, *padding, *hash, msg, *seed);
    cache.insert(id, sig.clone());
    sig
}

fn strip(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    &bytes[zeros..]
}

fn take<'a>(data: &mut &'a [u8], len: usize) -> Option<&'a [u8]> {
    let (head, rest) = data.split_at_checked(len)?;
    *data = rest;
    Some(head)
}

fn len16(data: &mut &[u8]) -> Option<usize> {
    let bytes = take(data, 2)?;
    Some(usize::from(u16::from_le_bytes([bytes[0], bytes[1]])))
}

fn raw(data: &[u8], padding: RsaPadding, hash: RsaHash, key_index: usize) -> Option<()> {
    let mut data = data;
    let n_len = len16(&mut data)?;
    let (n, e) = if n_len == 0 {
        let (n, e, _) = &KEYS[key_index % KEYS.len()];
        (n.as_slice(), e.as_slice())
    } else {
        let n = take(&mut data, n_len)?;
        let e_len = usize::from(take(&mut data, 1)?[0]);
        (n, take(&mut data, e_len)?)
    };
    let sig_len = len16(&mut data)?;
    let sig = take(&mut data, sig_len)?;
    let msg = data;

    let ours = RsaPublicKey::from_components(n, e);
    let (n, e) = (strip(n), strip(e));
    let peer = rsa::PublicKey::new(
        BoxedUint::from_be_slice_vartime(n),
        BoxedUint::from_be_slice_vartime(e),
    );
    let bits = (n.len() * 8).saturating_sub(n.first().map_or(0, |b| b.leading_zeros() as usize));
    let in_bounds = (2048..=4096).contains(&bits) && e.len() <= 4;
    match &ours {
        Ok(key) => assert!(peer.is_ok(), "{key:?}: {peer:?}"),
        Err(err) => assert!(!(in_bounds && peer.is_ok()), "{err:?}"),
    }
    let (Ok(key), Ok(peer)) = (ours, peer) else {
        return None;
    };
    let mut out = vec![0u8; 512];
    let len = key.write_modulus(&mut out).unwrap();
    assert_eq!(&out[..len], n);
    let len = key.write_exponent(&mut out).unwrap();
    assert_eq!(&out[..len], e);
    // The exponent is held in 32 bits (MAX_PUBLIC_EXPONENT), so only the
    // lower bound and the parity need checking.
    assert!(key.exponent() >= MIN_PUBLIC_EXPONENT && key.exponent() & 1 == 1);

    let result = key.verify(padding, hash, msg, sig);
    if sig.len() != key.modulus_len() || strip(sig).len() == n.len() && strip(sig) >= n {
        assert_eq!(result, Err(Error::SignatureMalformed));
    }
    assert_eq!(
        result.is_ok(),
        peer_verdict(&peer, padding, hash, msg, sig),
        "{key:?}"
    );
    Some(())
}

fn signed(data: &[u8], padding: RsaPadding, hash: RsaHash, key_index: usize) -> Option<()> {
    let mut data = data;
    let at = len16(&mut data)?;
    let mask = take(&mut data, 1)?[0];
    let target = take(&mut data, 1)?[0];
    let seed = u64::from_le_bytes(take(&mut data, 8)?.try_into().ok()?);
    let mut msg = data.to_vec();

    let index = key_index % SIGNING_KEYS;
    let (n, e, private) = &KEYS[index];
    let key = RsaPublicKey::from_components(n, e).unwrap();
    let peer = private.to_public_key();
    // PKCS#1 v1.5 signatures do not depend on the seed.
    let seed = if padding == RsaPadding::Pss { seed } else { 0 };
    let mut sig = cached_sign((index, padding, hash, msg.clone(), seed));
    assert_eq!(key.verify(padding, hash, &msg, &sig), Ok(()), "{key:?}");
    if mask != 0 {
        if target % 2 == 0 {
            let len = sig.len();
            sig[at % len] ^= mask;
        } else if !msg.is_empty() {
            let len = msg.len();
            msg[at % len] ^= mask;
        }
    }
    let result = key.verify(padding, hash, &msg, &sig);
    assert_eq!(
        result.is_ok(),
        peer_verdict(&peer, padding, hash, &msg, &sig),
        "{key:?}"
    );
    if mask == 0 {
        assert_eq!(result, Ok(()));
    }
    Some(())
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let hash = [
        RsaHash::Sha256,
        RsaHash::Sha384,
        RsaHash::Sha512,
        RsaHash::Sha256,
    ][usize::from(selector & 3)];
    let padding = if selector & 4 == 0 {
        RsaPadding::Pkcs1v15
    } else {
        RsaPadding::Pss
    };
    let key_index = usize::from(selector >> 4 & 7);
    if selector & 8 == 0 {
        raw(rest, padding, hash, key_index);
    } else {
        signed(rest, padding, hash, key_index);
    }
});
