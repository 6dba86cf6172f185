//! RSA signature verification (`jeton::asym::rsa`) against public vectors
//! and peers:
//!
//! - the Wycheproof RSASSA-PKCS1-v1_5 files (2048 to 4096 bits,
//!   SHA-256/384/512) and RSASSA-PSS files (MGF1 with the message hash,
//!   salt as long as the hash: the PS256 and PS512 parameter sets);
//! - OpenSSL's signatures (through Python's `cryptography`) with the test
//!   keys of `tests/vectors/rsa/keys.json` (`tests/gen/python/rsa_vectors.py`),
//!   sized at and just past each of jeton's integer widths;
//! - the `rsa` crate, signing random messages with those keys and
//!   verifying them and their corruptions alongside jeton.
//!
//! Every case is answered as its file says. The one `acceptable` kind in
//! these files, `MissingNull` (a DigestInfo without the `NULL` parameters,
//! which some legacy signers produced), is refused: RFC 8017 section 9.2
//! defines one encoding, jeton compares the recovered message with it
//! whole, and no JWS signer (jose, PyJWT, jsonwebtoken, Go) omits the
//! `NULL`.

use jeton::Error;
use jeton::asym::rsa::{RsaHash, RsaPadding, RsaPublicKey};
use jeton::base64::{Alphabet, Padding, decode};
use jeton_tests::{cases, hex, load_json};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::{BoxedUint, pkcs1v15, pss};
use serde_json::Value;

fn hash_of(name: &str) -> RsaHash {
    match name {
        "SHA-256" => RsaHash::Sha256,
        "SHA-384" => RsaHash::Sha384,
        "SHA-512" => RsaHash::Sha512,
        other => panic!("hash {other}"),
    }
}

fn b64url(text: &str) -> Vec<u8> {
    let mut out = vec![0u8; text.len()];
    let len = decode(
        text.as_bytes(),
        Alphabet::UrlSafe,
        Padding::Unpadded,
        &mut out,
    )
    .unwrap();
    out.truncate(len);
    out
}

/// The group's key from its hex `publicKey` (whose modulus carries a
/// leading zero byte, as an ASN.1 INTEGER does), checked against the same
/// key from the group's JWK (base64url, no leading zero).
fn group_key(group: &Value) -> RsaPublicKey {
    let n = hex(group["publicKey"]["modulus"].as_str().unwrap());
    let e = hex(group["publicKey"]["publicExponent"].as_str().unwrap());
    let key = RsaPublicKey::from_components(&n, &e).unwrap();
    assert_eq!(
        Some(u64::from(key.modulus_bits())),
        group["keySize"].as_u64()
    );
    let jwk = group
        .get("keyJwk")
        .or_else(|| group.get("publicKeyJwk"))
        .unwrap();
    let n_jwk = b64url(jwk["n"].as_str().unwrap());
    let e_jwk = b64url(jwk["e"].as_str().unwrap());
    assert_eq!(
        RsaPublicKey::from_components(&n_jwk, &e_jwk).as_ref(),
        Ok(&key)
    );
    // The modulus and exponent come back as the JWK carries them.
    let mut out = [0u8; 512];
    let len = key.write_modulus(&mut out).unwrap();
    assert_eq!(&out[..len], &n_jwk[..]);
    let len = key.write_exponent(&mut out).unwrap();
    assert_eq!(&out[..len], &e_jwk[..]);
    key
}

#[derive(Default, Debug)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable_refused: usize,
}

/// Runs one file; `groups` and `tests` are the counts it must hold.
fn run(file: &str, padding: RsaPadding, groups: usize, tests: usize) -> Tally {
    let v = load_json(&format!("wycheproof/{file}"));
    assert_eq!(v["numberOfTests"].as_u64(), Some(tests as u64), "{file}");
    let mut tally = Tally::default();
    let mut seen = 0;
    for group in cases(&v["testGroups"], groups) {
        let hash = hash_of(group["sha"].as_str().unwrap());
        if padding == RsaPadding::Pss {
            // jeton verifies the JWS parameter set only: MGF1 over the
            // message hash and sLen = hLen. These files hold nothing else.
            assert_eq!(group["mgf"], "MGF1", "{file}");
            assert_eq!(group["mgfSha"], group["sha"], "{file}");
            assert_eq!(
                group["sLen"].as_u64(),
                Some(hash.output_len() as u64),
                "{file}"
            );
        }
        let key = group_key(group);
        let all = group["tests"].as_array().unwrap();
        for test in cases(&group["tests"], all.len()) {
            seen += 1;
            let id = &test["tcId"];
            let msg = hex(test["msg"].as_str().unwrap());
            let sig = hex(test["sig"].as_str().unwrap());
            let result = key.verify(padding, hash, &msg, &sig);
            match test["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(result, Ok(()), "{file} tcId {id}");
                    // Never under the other scheme.
                    let other = match padding {
                        RsaPadding::Pkcs1v15 => RsaPadding::Pss,
                        RsaPadding::Pss => RsaPadding::Pkcs1v15,
                    };
                    assert_eq!(
                        key.verify(other, hash, &msg, &sig),
                        Err(Error::SignatureMismatch),
                        "{file} tcId {id}"
                    );
                    tally.valid += 1;
                }
                "invalid" => {
                    assert!(
                        matches!(
                            result,
                            Err(Error::SignatureMismatch | Error::SignatureMalformed)
                        ),
                        "{file} tcId {id}: {result:?}"
                    );
                    tally.invalid += 1;
                }
                "acceptable" => {
                    // See the module doc: MissingNull is refused.
                    assert_eq!(test["flags"], serde_json::json!(["MissingNull"]));
                    assert_eq!(result, Err(Error::SignatureMismatch), "{file} tcId {id}");
                    tally.acceptable_refused += 1;
                }
                other => panic!("{file} tcId {id}: result {other}"),
            }
        }
    }
    assert_eq!(seen, tests, "{file}");
    tally
}

#[test]
fn pkcs1v15() {
    let mut report = Vec::new();
    // File, groups, cases, of which valid (the rest invalid but for the
    // one acceptable MissingNull case each file holds).
    for (file, groups, tests, valid) in [
        ("rsa_signature_2048_sha256_test.json", 3, 259, 9),
        ("rsa_signature_2048_sha384_test.json", 1, 258, 7),
        ("rsa_signature_2048_sha512_test.json", 2, 259, 8),
        ("rsa_signature_3072_sha256_test.json", 2, 259, 8),
        ("rsa_signature_4096_sha256_test.json", 1, 258, 7),
        ("rsa_signature_4096_sha384_test.json", 1, 259, 7),
        ("rsa_signature_4096_sha512_test.json", 1, 259, 7),
    ] {
        let tally = run(file, RsaPadding::Pkcs1v15, groups, tests);
        assert_eq!(tally.valid, valid, "{file}");
        assert_eq!(tally.invalid, tests - valid - 1, "{file}");
        assert_eq!(tally.acceptable_refused, 1, "{file}");
        report.push(format!("{file}: {tally:?}"));
    }
    println!("{}", report.join("\n"));
}

#[test]
fn pss() {
    for (file, groups, tests, valid) in [
        ("rsa_pss_2048_sha256_mgf1_32_test.json", 1, 108, 63),
        ("rsa_pss_4096_sha512_mgf1_64_test.json", 1, 179, 132),
    ] {
        let tally = run(file, RsaPadding::Pss, groups, tests);
        assert_eq!(tally.valid, valid, "{file}");
        assert_eq!(tally.invalid, tests - valid, "{file}");
        println!("{file}: {tally:?}");
    }
}

/// The small-exponent groups (e = 3, flagged `SmallPublicKey`) load and
/// verify: RFC 8017 allows any odd e >= 3 and Wycheproof calls these
/// signatures valid.
#[test]
fn exponent_three_keys_load() {
    let v = load_json("wycheproof/rsa_signature_2048_sha256_test.json");
    let small: Vec<_> = v["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["publicKey"]["publicExponent"] == "03")
        .collect();
    assert_eq!(small.len(), 2);
    for group in small {
        assert_eq!(group_key(group).exponent(), 3);
    }
}

/// The committed test keys: jeton's key and the `rsa` crate's private key
/// from the same components, with the signatures OpenSSL made.
fn test_keys() -> Vec<(Value, RsaPublicKey, rsa::PrivateKey)> {
    let v = load_json("rsa/keys.json");
    cases(&v["keys"], 7)
        .iter()
        .map(|k| {
            let part = |name: &str| hex(k[name].as_str().unwrap());
            let ours = RsaPublicKey::from_components(&part("n"), &part("e")).unwrap();
            assert_eq!(Some(u64::from(ours.modulus_bits())), k["bits"].as_u64());
            let big = |name: &str| BoxedUint::from_be_slice_vartime(&part(name));
            let primes = vec![big("p"), big("q")];
            let private =
                rsa::PrivateKey::from_components(big("n"), big("e"), big("d"), primes).unwrap();
            (k.clone(), ours, private)
        })
        .collect()
}

#[test]
fn openssl_signatures() {
    let mut count = 0;
    for (k, key, _) in test_keys() {
        for sig in cases(&k["signatures"], 12) {
            let padding = match sig["padding"].as_str().unwrap() {
                "pkcs1v15" => RsaPadding::Pkcs1v15,
                "pss" => RsaPadding::Pss,
                other => panic!("padding {other}"),
            };
            let hash = hash_of(sig["hash"].as_str().unwrap());
            let msg = hex(sig["msg"].as_str().unwrap());
            let bytes = hex(sig["sig"].as_str().unwrap());
            let what = format!(
                "{} bits, e = {}: {sig:.60}",
                key.modulus_bits(),
                key.exponent()
            );
            assert_eq!(key.verify(padding, hash, &msg, &bytes), Ok(()), "{what}");
            let other = match padding {
                RsaPadding::Pkcs1v15 => RsaPadding::Pss,
                RsaPadding::Pss => RsaPadding::Pkcs1v15,
            };
            assert_eq!(
                key.verify(other, hash, &msg, &bytes),
                Err(Error::SignatureMismatch),
                "{what}"
            );
            count += 1;
        }
    }
    assert_eq!(count, 84);
}

/// Runs `$body` with `$d` the `rsa` crate's type of `$hash`.
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

/// What the `rsa` crate says of `sig` over `msg`, for one padding and hash.
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
        // `new` fixes the salt length to the hash's, as JWS does.
        RsaPadding::Pss => pss::Signature::try_from(sig).is_ok_and(|sig| {
            with_digest!(hash, D => pss::VerifyingKey::<D>::new(key).verify(msg, &sig).is_ok())
        }),
    }
}

/// The `rsa` crate's signature over `msg`.
fn peer_sign(
    key: &rsa::PrivateKey,
    padding: RsaPadding,
    hash: RsaHash,
    msg: &[u8],
    rng: &mut StdRng,
) -> Vec<u8> {
    let key = key.clone();
    match padding {
        RsaPadding::Pkcs1v15 => {
            with_digest!(hash, D => pkcs1v15::SigningKey::<D>::new(key).sign(msg).to_vec())
        }
        RsaPadding::Pss => {
            with_digest!(hash, D => pss::SigningKey::<D>::new(key).sign_with_rng(rng, msg).to_vec())
        }
    }
}

/// jeton and the `rsa` crate agree on the `rsa` crate's signatures over
/// random messages (both accept) and on every corruption of them (both
/// refuse): a flipped bit in the signature or in the message, the other
/// padding or hash, a random signature, the signature plus the modulus.
#[test]
fn differential_against_rsa_crate() {
    let mut rng = StdRng::seed_from_u64(0x006a_6574_6f6e);
    let hashes = [RsaHash::Sha256, RsaHash::Sha384, RsaHash::Sha512];
    let paddings = [RsaPadding::Pkcs1v15, RsaPadding::Pss];
    let mut agreed = 0;
    for (_, key, private) in test_keys() {
        let public = private.to_public_key();
        let agree = |padding, hash, msg: &[u8], sig: &[u8]| {
            let ours = key.verify(padding, hash, msg, sig);
            let peer = peer_verdict(&public, padding, hash, msg, sig);
            assert_eq!(ours.is_ok(), peer, "{key:?} {padding:?} {hash:?}: {ours:?}");
            ours
        };
        let mut n = vec![0u8; key.modulus_len()];
        key.write_modulus(&mut n).unwrap();
        for round in 0..4 {
            let padding = paddings[round % 2];
            let hash = hashes[(round / 2 + key.modulus_len()) % 3];
            let mut msg = vec![0u8; rng.random_range(0..300)];
            rng.fill_bytes(&mut msg);
            let mut sig = peer_sign(&private, padding, hash, &msg, &mut rng);
            assert_eq!(agree(padding, hash, &msg, &sig), Ok(()));
            let other_padding = paddings[(round + 1) % 2];
            let other_hash = hashes[(round / 2 + key.modulus_len() + 1) % 3];
            assert!(agree(other_padding, hash, &msg, &sig).is_err());
            assert!(agree(padding, other_hash, &msg, &sig).is_err());
            for _ in 0..8 {
                let at = rng.random_range(0..sig.len());
                let bit = 1u8 << rng.random_range(0..8);
                sig[at] ^= bit;
                assert!(agree(padding, hash, &msg, &sig).is_err());
                sig[at] ^= bit;
                if !msg.is_empty() {
                    let at = rng.random_range(0..msg.len());
                    msg[at] ^= bit;
                    assert!(agree(padding, hash, &msg, &sig).is_err());
                    msg[at] ^= bit;
                }
            }
            let mut random = vec![0u8; sig.len()];
            rng.fill_bytes(&mut random);
            assert!(agree(padding, hash, &msg, &random).is_err());
            // s + n: the same residue, but not a representative below n.
            let mut carry = 0u16;
            let mut plus_n: Vec<u8> = sig
                .iter()
                .rev()
                .zip(n.iter().rev())
                .map(|(a, b)| {
                    let sum = u16::from(*a) + u16::from(*b) + carry;
                    carry = sum >> 8;
                    sum as u8
                })
                .collect();
            plus_n.reverse();
            if carry == 0 {
                assert_eq!(
                    agree(padding, hash, &msg, &plus_n),
                    Err(Error::SignatureMalformed)
                );
            }
            agreed += 1;
        }
    }
    assert_eq!(agreed, 28);
}
