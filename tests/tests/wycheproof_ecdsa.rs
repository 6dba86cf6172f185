//! ECDSA over P-256 (ES256) and P-384 (ES384) through
//! `jeton::asym::ecdsa`: the Wycheproof P1363 files (the raw `r || s` form
//! JWS uses) and RFC 6979 appendix A.2.5 / A.2.6 (deterministic signing).
//!
//! The Wycheproof files hold no `acceptable` case (only `valid` and
//! `invalid`); a file that gains one fails [`wycheproof_file`] until it is
//! decided here.

use jeton::Error;
use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey, P384PublicKey, P384SigningKey};
use jeton::base64::{self, Alphabet, Padding};
use jeton_tests::{cases, hex, load_json};

/// One curve's key operations, so that both curves run the same checks.
trait Curve {
    const NAME: &'static str;
    /// Field size in bytes.
    const LEN: usize;
    /// The group order `n`, big-endian (SEC 2 section 2.4.2 / 2.5.1).
    const ORDER: &'static str;
    type Public: PartialEq + std::fmt::Debug;
    fn from_sec1(bytes: &[u8]) -> Result<Self::Public, Error>;
    fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self::Public, Error>;
    fn x(key: &Self::Public) -> Vec<u8>;
    fn y(key: &Self::Public) -> Vec<u8>;
    fn to_sec1(key: &Self::Public) -> Vec<u8>;
    fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<(), Error>;
}

struct P256;
struct P384;

impl Curve for P256 {
    const NAME: &'static str = "P-256";
    const LEN: usize = 32;
    const ORDER: &'static str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    type Public = P256PublicKey;
    fn from_sec1(bytes: &[u8]) -> Result<P256PublicKey, Error> {
        P256PublicKey::from_sec1(bytes)
    }
    fn from_coordinates(x: &[u8], y: &[u8]) -> Result<P256PublicKey, Error> {
        P256PublicKey::from_coordinates(x, y)
    }
    fn x(key: &P256PublicKey) -> Vec<u8> {
        key.x().to_vec()
    }
    fn y(key: &P256PublicKey) -> Vec<u8> {
        key.y().to_vec()
    }
    fn to_sec1(key: &P256PublicKey) -> Vec<u8> {
        key.to_sec1().to_vec()
    }
    fn verify(key: &P256PublicKey, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        key.verify(msg, sig)
    }
}

impl Curve for P384 {
    const NAME: &'static str = "P-384";
    const LEN: usize = 48;
    const ORDER: &'static str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf\
                                 581a0db248b0a77aecec196accc52973";
    type Public = P384PublicKey;
    fn from_sec1(bytes: &[u8]) -> Result<P384PublicKey, Error> {
        P384PublicKey::from_sec1(bytes)
    }
    fn from_coordinates(x: &[u8], y: &[u8]) -> Result<P384PublicKey, Error> {
        P384PublicKey::from_coordinates(x, y)
    }
    fn x(key: &P384PublicKey) -> Vec<u8> {
        key.x().to_vec()
    }
    fn y(key: &P384PublicKey) -> Vec<u8> {
        key.y().to_vec()
    }
    fn to_sec1(key: &P384PublicKey) -> Vec<u8> {
        key.to_sec1().to_vec()
    }
    fn verify(key: &P384PublicKey, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        key.verify(msg, sig)
    }
}

fn b64url(s: &str) -> Vec<u8> {
    let mut out = vec![0u8; s.len()];
    let n = base64::decode(s.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, &mut out)
        .unwrap_or_else(|e| panic!("{s}: {e:?}"));
    out.truncate(n);
    out
}

/// `true` when the big-endian `a` is zero or not below the big-endian `n`
/// of the same length.
fn out_of_range(a: &[u8], n: &[u8]) -> bool {
    a.iter().all(|&b| b == 0) || a >= n
}

/// `n - a` for big-endian numbers of the same length, `a < n`.
fn sub(n: &[u8], a: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; n.len()];
    let mut borrow = 0i16;
    for i in (0..n.len()).rev() {
        let mut d = i16::from(n[i]) - i16::from(a[i]) - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    assert_eq!(borrow, 0);
    out
}

/// DER `SEQUENCE { INTEGER r, INTEGER s }` (X9.62), the form JWS forbids.
fn der(r: &[u8], s: &[u8]) -> Vec<u8> {
    fn integer(v: &[u8]) -> Vec<u8> {
        let start = v.iter().position(|&b| b != 0).unwrap_or(v.len() - 1);
        let mut body = v[start..].to_vec();
        if body[0] & 0x80 != 0 {
            body.insert(0, 0);
        }
        let mut out = vec![0x02, body.len() as u8];
        out.extend(body);
        out
    }
    let mut content = integer(r);
    content.extend(integer(s));
    let mut out = vec![0x30];
    if content.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(content.len() as u8);
    out.extend(content);
    out
}

/// Runs one Wycheproof P1363 file; returns (valid, invalid) counts.
fn wycheproof_file<C: Curve>(file: &str, count: usize, sha: &str) -> (usize, usize) {
    let v = load_json(file);
    assert_eq!(v["numberOfTests"].as_u64(), Some(count as u64), "{file}");
    let order = hex(C::ORDER);
    let mut all = Vec::new();
    let (mut valid, mut invalid, mut high_s, mut jwks) = (0, 0, 0, 0);
    for group in v["testGroups"].as_array().unwrap() {
        assert_eq!(
            group["sha"].as_str(),
            Some(sha),
            "{file}: the hash is the curve's"
        );
        let sec1 = hex(group["publicKey"]["uncompressed"].as_str().unwrap());
        let key = C::from_sec1(&sec1).unwrap_or_else(|e| panic!("{file}: key {e:?}"));
        // The same key from its coordinates: `wx` and `wy` are integers
        // (a leading zero byte where the top bit is set, shorter when the
        // value is small), a JWK's `x` and `y` are full length.
        let full = |name: &str| {
            let v = hex(group["publicKey"][name].as_str().unwrap());
            let v = &v[v.iter().position(|&b| b != 0).unwrap_or(v.len())..];
            [vec![0; C::LEN - v.len()], v.to_vec()].concat()
        };
        let (x, y) = (full("wx"), full("wy"));
        let jwk = &group["publicKeyJwk"];
        if !jwk.is_null() {
            jwks += 1;
            assert_eq!(b64url(jwk["x"].as_str().unwrap()), x);
            assert_eq!(b64url(jwk["y"].as_str().unwrap()), y);
        }
        assert_eq!(C::from_coordinates(&x, &y).as_ref(), Ok(&key));
        assert_eq!((C::x(&key), C::y(&key)), (x, y));
        assert_eq!(C::to_sec1(&key), sec1);

        for test in group["tests"].as_array().unwrap() {
            all.push(test.clone());
            let id = &test["tcId"];
            let msg = hex(test["msg"].as_str().unwrap());
            let sig = hex(test["sig"].as_str().unwrap());
            let got = C::verify(&key, &msg, &sig);
            match test["result"].as_str().unwrap() {
                "valid" => {
                    valid += 1;
                    assert_eq!(got, Ok(()), "{file} tcId {id}");
                    let (r, s) = sig.split_at(C::LEN);
                    // s and n - s are both valid (ECDSA is malleable; JWS
                    // does not ask for low S).
                    let other = [r, &sub(&order, s)].concat();
                    assert_eq!(
                        C::verify(&key, &msg, &other),
                        Ok(()),
                        "{file} tcId {id}: n - s"
                    );
                    if s > sub(&order, s).as_slice() {
                        high_s += 1;
                    }
                    // The same signature in DER is not a JWS signature.
                    assert_eq!(
                        C::verify(&key, &msg, &der(r, s)),
                        Err(Error::SignatureMalformed),
                        "{file} tcId {id}: DER"
                    );
                }
                "invalid" => {
                    invalid += 1;
                    // Malformed exactly when the length is wrong or r or s
                    // is out of [1, n-1]; otherwise a mismatch.
                    let malformed = sig.len() != 2 * C::LEN || {
                        let (r, s) = sig.split_at(C::LEN);
                        out_of_range(r, &order) || out_of_range(s, &order)
                    };
                    let expected = if malformed {
                        Error::SignatureMalformed
                    } else {
                        Error::SignatureMismatch
                    };
                    assert_eq!(got, Err(expected), "{file} tcId {id} {}", test["comment"]);
                }
                other => panic!("{file} tcId {id}: result {other} is not decided here"),
            }
        }
    }
    cases(&serde_json::Value::Array(all), count);
    assert!(high_s > 0, "{file}: some valid signatures have a high s");
    assert!(jwks > 0, "{file}: some keys come as JWKs");
    println!(
        "{} {file}: {valid} valid and {invalid} invalid cases as the file says ({high_s} valid with s > n/2)",
        C::NAME
    );
    (valid, invalid)
}

#[test]
fn wycheproof_p256_sha256_p1363() {
    let (valid, invalid) = wycheproof_file::<P256>(
        "wycheproof/ecdsa_secp256r1_sha256_p1363_test.json",
        262,
        "SHA-256",
    );
    assert_eq!((valid, invalid), (173, 89));
}

#[test]
fn wycheproof_p384_sha384_p1363() {
    let (valid, invalid) = wycheproof_file::<P384>(
        "wycheproof/ecdsa_secp384r1_sha384_p1363_test.json",
        280,
        "SHA-384",
    );
    assert_eq!((valid, invalid), (193, 87));
}

/// RFC 6979 appendix A.2.5: P-256 with SHA-256, messages "sample" and
/// "test".
#[test]
fn rfc6979_a25_p256_sha256() {
    let key = P256SigningKey::from_bytes(&hex(
        "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
    ))
    .unwrap();
    let public = key.public_key();
    assert_eq!(
        public.x().to_vec(),
        hex("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6")
    );
    assert_eq!(
        public.y().to_vec(),
        hex("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299")
    );
    for (msg, r, s) in [
        (
            "sample",
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
        ),
        (
            "test",
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367",
            "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
        ),
    ] {
        let expected = [hex(r), hex(s)].concat();
        assert_eq!(key.sign(msg.as_bytes()).to_vec(), expected, "{msg}");
        assert_eq!(public.verify(msg.as_bytes(), &expected), Ok(()));
    }
}

/// RFC 6979 appendix A.2.6: P-384 with SHA-384, messages "sample" and
/// "test".
#[test]
fn rfc6979_a26_p384_sha384() {
    let key = P384SigningKey::from_bytes(&hex(
        "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8\
         96d5724e4c70a825f872c9ea60d2edf5",
    ))
    .unwrap();
    let public = key.public_key();
    assert_eq!(
        public.x().to_vec(),
        hex(
            "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64\
             def8f0ea9055866064a254515480bc13"
        )
    );
    assert_eq!(
        public.y().to_vec(),
        hex(
            "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1\
             288b231c3ae0d4fe7344fd2533264720"
        )
    );
    for (msg, r, s) in [
        (
            "sample",
            "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c\
             81a648152e44acf96e36dd1e80fabe46",
            "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f\
             a329c145786e679e7b82c71a38628ac8",
        ),
        (
            "test",
            "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb\
             0542a7f0812998da8f1dd3ca3cf023db",
            "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e0\
             6a739f040649a667bf3b828246baa5a5",
        ),
    ] {
        let expected = [hex(r), hex(s)].concat();
        assert_eq!(key.sign(msg.as_bytes()).to_vec(), expected, "{msg}");
        assert_eq!(public.verify(msg.as_bytes(), &expected), Ok(()));
    }
}

/// The curves are not interchangeable: a P-256 signature is not a P-384
/// one, whatever the bytes.
#[test]
fn curves_do_not_mix() {
    let p256 = P256SigningKey::from_bytes(&hex(
        "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
    ))
    .unwrap();
    let sig = p256.sign(b"sample");
    let p384 = P384SigningKey::from_bytes(&hex(
        "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8\
         96d5724e4c70a825f872c9ea60d2edf5",
    ))
    .unwrap();
    assert_eq!(
        p384.public_key().verify(b"sample", &sig),
        Err(Error::SignatureMalformed)
    );
    assert_eq!(
        P256PublicKey::from_sec1(&p384.public_key().to_sec1()),
        Err(Error::KeyMalformed)
    );
}
