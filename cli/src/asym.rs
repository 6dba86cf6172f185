//! Asymmetric keys as the CLI writes them: fresh key pairs from the
//! operating system's randomness, and keys as JWKs (RFC 7517, RFC 7518
//! section 6.2, RFC 8037 section 2) and PEM (PKCS#8 `PRIVATE KEY`, RFC 5958
//! with RFC 5915's `ECPrivateKey` and RFC 8410's Ed25519 form; `PUBLIC KEY`
//! SubjectPublicKeyInfo, RFC 5480 and RFC 8410).
//!
//! The core reads these formats and never writes them; the DER is built
//! here with RustCrypto's `der` and armoured with `pem-rfc7468`. Private
//! bytes (scalars, seeds, their DER, PEM and base64url) are held in
//! `Zeroizing` buffers sized before they are filled, so no copy is left
//! behind by a reallocation.

use crate::fail::{Failure, io, usage};
use crate::jsonv::{J, escape_into};
use base64ct::{Base64UrlUnpadded, Encoding};
use der::asn1::{BitStringRef, Null, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Encode, Header, Length, Tag, TagNumber};
use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey, P384PublicKey, P384SigningKey};
use jeton::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
use jeton::asym::rsa::RsaPublicKey;
use jeton::jwt::JwtKey;
use zeroize::Zeroizing;

/// `id-ecPublicKey` (RFC 5480 section 2.1.1).
const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` (RFC 5480 section 2.1.1.1).
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1`.
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `id-Ed25519` (RFC 8410 section 3).
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `rsaEncryption` (RFC 8017 appendix C).
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// The curves `keygen` makes keys on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// P-256, for ES256.
    P256,
    /// P-384, for ES384.
    P384,
    /// Ed25519, for EdDSA.
    Ed25519,
}

impl Curve {
    /// The JWS algorithm the key signs with.
    pub fn alg(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::Ed25519 => "EdDSA",
        }
    }
}

/// A public key of any family jeton verifies.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Public {
    /// EC P-256.
    P256(P256PublicKey),
    /// EC P-384.
    P384(P384PublicKey),
    /// Ed25519.
    Ed25519(Ed25519PublicKey),
    /// RSA.
    Rsa(RsaPublicKey),
}

/// A private key with its secret bytes (the scalar `d`, or the Ed25519
/// seed), as a JWK's `d` holds them.
#[derive(Debug)]
pub struct KeyPair {
    /// The curve.
    pub curve: Curve,
    /// `d`: big-endian scalar or 32-byte seed; wiped when dropped.
    secret: Zeroizing<Vec<u8>>,
    /// The public key.
    pub public: Public,
}

/// Random bytes from the operating system.
fn random(out: &mut [u8]) -> Result<(), Failure> {
    getrandom::fill(out).map_err(|e| io(format!("no entropy from the operating system: {e}")))
}

impl KeyPair {
    /// A fresh key on `curve`. A P-256 or P-384 scalar is drawn as 32 or 48
    /// random bytes and drawn again while it is zero or not below the
    /// group order (the chance of one redraw is below 2^-32); an Ed25519
    /// key is a 32-byte random seed (RFC 8032 section 5.1.5).
    pub fn generate(curve: Curve) -> Result<KeyPair, Failure> {
        for _ in 0..64 {
            let mut d = Zeroizing::new(vec![0u8; if curve == Curve::P384 { 48 } else { 32 }]);
            random(&mut d)?;
            if let Ok(pair) = KeyPair::from_secret(curve, d) {
                return Ok(pair);
            }
        }
        Err(io(
            "the operating system's randomness gave 64 scalars out of range in a row",
        ))
    }

    /// The key of secret bytes `d` on `curve`.
    fn from_secret(curve: Curve, d: Zeroizing<Vec<u8>>) -> Result<KeyPair, jeton::Error> {
        let public = match curve {
            Curve::P256 => Public::P256(P256SigningKey::from_bytes(&d)?.public_key()),
            Curve::P384 => Public::P384(P384SigningKey::from_bytes(&d)?.public_key()),
            Curve::Ed25519 => Public::Ed25519(Ed25519SigningKey::from_seed(&d)?.public_key()),
        };
        Ok(KeyPair {
            curve,
            secret: d,
            public,
        })
    }

    /// The private JWK: `kty`, `crv`, `x`, `y` (EC), `d`, then `kid`.
    pub fn private_jwk(&self, kid: Option<&str>) -> Zeroizing<String> {
        let d = Zeroizing::new(Base64UrlUnpadded::encode_string(&self.secret));
        let mut members = self.public.jwk_members();
        members.push(("d", d.as_str().to_owned()));
        let text = jwk_text(&members, kid);
        // `members` held `d` too.
        for (_, v) in &mut members {
            zeroize::Zeroize::zeroize(v);
        }
        text
    }

    /// PKCS#8 DER (RFC 5958 `OneAsymmetricKey` version 1): for EC the
    /// `ECPrivateKey` of RFC 5915 with the public key, the curve named in
    /// the algorithm identifier (as OpenSSL writes it); for Ed25519 the
    /// seed as RFC 8410 section 7's `CurvePrivateKey`.
    pub fn pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, Failure> {
        let inner = match (&self.public, self.curve) {
            (Public::P256(_) | Public::P384(_), _) => {
                let point = self.public.sec1()?;
                let bits = der_of(&BitStringRef::from_bytes(&point).map_err(der_failure)?)?;
                sequence(&[
                    &der_of(&1u8)?,
                    &der_of(&OctetStringRef::new(&self.secret).map_err(der_failure)?)?,
                    &tlv(
                        Tag::ContextSpecific {
                            constructed: true,
                            number: TagNumber(1),
                        },
                        &[&bits],
                    )?,
                ])?
            }
            _ => der_of(&OctetStringRef::new(&self.secret).map_err(der_failure)?)?,
        };
        sequence(&[
            &der_of(&0u8)?,
            &self.public.algorithm_identifier()?,
            &der_of(&OctetStringRef::new(&inner).map_err(der_failure)?)?,
        ])
    }

    /// The PKCS#8 `PRIVATE KEY` PEM.
    pub fn private_pem(&self) -> Result<Zeroizing<String>, Failure> {
        pem("PRIVATE KEY", &self.pkcs8_der()?)
    }
}

impl Public {
    /// The public key of a PEM document the core reads: a `PUBLIC KEY`, or
    /// (`private`) a `PRIVATE KEY` or `EC PRIVATE KEY`.
    pub fn from_pem(pem: &[u8], private: bool) -> Result<Public, jeton::Error> {
        use jeton::asym::pem::{PrivateKey, PublicKey, private_key_from_pem, public_key_from_pem};
        if private {
            return match private_key_from_pem(pem)? {
                PrivateKey::P256(k) => Ok(Public::P256(k.public_key())),
                PrivateKey::P384(k) => Ok(Public::P384(k.public_key())),
                PrivateKey::Ed25519(k) => Ok(Public::Ed25519(k.public_key())),
                _ => Err(jeton::Error::KeyUnsupported),
            };
        }
        match public_key_from_pem(pem)? {
            PublicKey::P256(k) => Ok(Public::P256(k)),
            PublicKey::P384(k) => Ok(Public::P384(k)),
            PublicKey::Ed25519(k) => Ok(Public::Ed25519(k)),
            PublicKey::Rsa(k) => Ok(Public::Rsa(k)),
            _ => Err(jeton::Error::KeyUnsupported),
        }
    }

    /// The key as the core's JWT key (for its thumbprint).
    pub fn jwt_key(&self) -> JwtKey {
        match self {
            Public::P256(k) => JwtKey::es256(*k),
            Public::P384(k) => JwtKey::es384(*k),
            Public::Ed25519(k) => JwtKey::ed25519(*k),
            Public::Rsa(k) => JwtKey::rsa(k.clone()),
        }
    }

    /// The public JWK members (RFC 7518 section 6.2, 6.3.1; RFC 8037
    /// section 2), in RFC 7638's lexicographic order after `kty`.
    fn jwk_members(&self) -> Vec<(&'static str, String)> {
        let b64 = |b: &[u8]| Base64UrlUnpadded::encode_string(b);
        match self {
            Public::P256(k) => vec![
                ("kty", "EC".to_owned()),
                ("crv", "P-256".to_owned()),
                ("x", b64(&k.x())),
                ("y", b64(&k.y())),
            ],
            Public::P384(k) => vec![
                ("kty", "EC".to_owned()),
                ("crv", "P-384".to_owned()),
                ("x", b64(&k.x())),
                ("y", b64(&k.y())),
            ],
            Public::Ed25519(k) => vec![
                ("kty", "OKP".to_owned()),
                ("crv", "Ed25519".to_owned()),
                ("x", b64(k.as_bytes())),
            ],
            Public::Rsa(k) => {
                let (n, e) = rsa_integers(k);
                vec![("kty", "RSA".to_owned()), ("n", b64(&n)), ("e", b64(&e))]
            }
        }
    }

    /// The public JWK, with `kid` when given.
    pub fn jwk(&self, kid: Option<&str>) -> String {
        jwk_text(&self.jwk_members(), kid).to_string()
    }

    /// The uncompressed SEC1 point of an EC key.
    fn sec1(&self) -> Result<Vec<u8>, Failure> {
        match self {
            Public::P256(k) => Ok(k.to_sec1().to_vec()),
            Public::P384(k) => Ok(k.to_sec1().to_vec()),
            _ => Err(usage("not an EC key")),
        }
    }

    /// The `AlgorithmIdentifier` of the key's type.
    fn algorithm_identifier(&self) -> Result<Zeroizing<Vec<u8>>, Failure> {
        match self {
            Public::P256(_) => sequence(&[&der_of(&EC)?, &der_of(&P256)?]),
            Public::P384(_) => sequence(&[&der_of(&EC)?, &der_of(&P384)?]),
            // RFC 8410 section 3: the parameters are absent.
            Public::Ed25519(_) => sequence(&[&der_of(&ED25519)?]),
            // RFC 8017 appendix C: the parameters are NULL.
            Public::Rsa(_) => sequence(&[&der_of(&RSA)?, &der_of(&Null)?]),
        }
    }

    /// SubjectPublicKeyInfo DER (RFC 5280 section 4.1.2.7).
    pub fn spki_der(&self) -> Result<Vec<u8>, Failure> {
        let key = match self {
            Public::P256(_) | Public::P384(_) => self.sec1()?,
            Public::Ed25519(k) => k.as_bytes().to_vec(),
            Public::Rsa(k) => {
                // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
                let (n, e) = rsa_integers(k);
                let n = der_of(&UintRef::new(&n).map_err(der_failure)?)?;
                let e = der_of(&UintRef::new(&e).map_err(der_failure)?)?;
                sequence(&[&n, &e])?.to_vec()
            }
        };
        let bits = der_of(&BitStringRef::from_bytes(&key).map_err(der_failure)?)?;
        Ok(sequence(&[&self.algorithm_identifier()?, &bits])?.to_vec())
    }

    /// The `PUBLIC KEY` PEM.
    pub fn spki_pem(&self) -> Result<String, Failure> {
        Ok(pem("PUBLIC KEY", &self.spki_der()?)?.to_string())
    }

    /// The RFC 7638 thumbprint, base64url.
    pub fn thumbprint(&self) -> Result<String, Failure> {
        thumbprint(&self.jwt_key())
    }
}

/// The RFC 7638 thumbprint of a JWT key, base64url (the core computes it).
pub fn thumbprint(key: &JwtKey) -> Result<String, Failure> {
    let mut out = [0u8; 43];
    let n = key
        .thumbprint(&mut out)
        .map_err(|e| usage(format!("no thumbprint: {} ({})", e.as_str(), e.name())))?;
    Ok(String::from_utf8_lossy(&out[..n]).into_owned())
}

/// An RSA key's modulus and exponent, big-endian without leading zeros.
fn rsa_integers(k: &RsaPublicKey) -> (Vec<u8>, Vec<u8>) {
    let mut n = vec![0u8; k.modulus_len()];
    let mut e = [0u8; 8];
    let n_len = k.write_modulus(&mut n).unwrap_or(0);
    let e_len = k.write_exponent(&mut e).unwrap_or(0);
    n.truncate(n_len);
    (n, e[..e_len].to_vec())
}

/// A JWK's text: `members` in order, then `kid`.
fn jwk_text(members: &[(&str, String)], kid: Option<&str>) -> Zeroizing<String> {
    let len: usize = members
        .iter()
        .map(|(k, v)| k.len() + v.len() + 6)
        .sum::<usize>()
        // An escape is at most 6 bytes for 1 (`\u001f`): no reallocation
        // leaves a copy of `d` behind.
        + kid.map_or(0, |k| 6 * k.len() + 16)
        + 2;
    let mut s = Zeroizing::new(String::with_capacity(len));
    s.push('{');
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        escape_into(&mut s, name);
        s.push(':');
        escape_into(&mut s, value);
    }
    if let Some(kid) = kid {
        s.push_str(",\"kid\":");
        escape_into(&mut s, kid);
    }
    s.push('}');
    s
}

/// A JWK's text as a JSON value (for `--json`).
pub fn jwk_json(text: &str) -> J {
    jeton::json::parse(text).map_or(J::Null, J::from_jeton)
}

fn der_failure(e: der::Error) -> Failure {
    usage(format!("cannot write the key's DER: {e}"))
}

/// The DER of one value, in a buffer wiped when dropped.
fn der_of(value: &impl Encode) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let len = usize::try_from(value.encoded_len().map_err(der_failure)?)
        .map_err(|_| usage("DER too long"))?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    let n = value.encode_to_slice(&mut out).map_err(der_failure)?.len();
    out.truncate(n);
    Ok(out)
}

/// A tag and its contents, in a buffer wiped when dropped.
fn tlv(tag: Tag, parts: &[&[u8]]) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let header = Header::new(tag, Length::try_from(len).map_err(der_failure)?);
    let header = der_of(&header)?;
    let mut out = Zeroizing::new(Vec::with_capacity(header.len() + len));
    out.extend_from_slice(&header);
    for p in parts {
        out.extend_from_slice(p);
    }
    Ok(out)
}

/// A SEQUENCE of the encoded `parts`.
fn sequence(parts: &[&[u8]]) -> Result<Zeroizing<Vec<u8>>, Failure> {
    tlv(Tag::Sequence, parts)
}

/// `der` armoured as PEM under `label`, lines of 64 characters, LF.
fn pem(label: &str, der: &[u8]) -> Result<Zeroizing<String>, Failure> {
    let line_ending = pem_rfc7468::LineEnding::LF;
    let len = pem_rfc7468::encoded_len(label, line_ending, der)
        .map_err(|e| usage(format!("cannot write PEM: {e}")))?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    let n = pem_rfc7468::encode(label, line_ending, der, &mut out)
        .map_err(|e| usage(format!("cannot write PEM: {e}")))?
        .len();
    Ok(Zeroizing::new(
        String::from_utf8_lossy(&out[..n]).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8410 section 10.3's Ed25519 private key and its public key
    /// (section 10.1): the PKCS#8 and SPKI written here are the RFC's
    /// bytes.
    #[test]
    fn rfc8410_ed25519_keys() {
        let private = "-----BEGIN PRIVATE KEY-----\n\
            MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n\
            -----END PRIVATE KEY-----\n";
        let seed = match jeton::asym::pem::private_key_from_pem(private.as_bytes()).unwrap() {
            jeton::asym::pem::PrivateKey::Ed25519(_) => {
                // The seed, from the DER: the last 32 bytes.
                let der = pem_rfc7468::decode_vec(private.as_bytes()).unwrap().1;
                der[der.len() - 32..].to_vec()
            }
            _ => panic!("not Ed25519"),
        };
        let pair = KeyPair::from_secret(Curve::Ed25519, Zeroizing::new(seed)).unwrap();
        assert_eq!(pair.private_pem().unwrap().as_str(), private);
        assert_eq!(
            pair.public.spki_pem().unwrap(),
            "-----BEGIN PUBLIC KEY-----\n\
             MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
             -----END PUBLIC KEY-----\n"
        );
    }

    #[test]
    fn fresh_keys_load_back() {
        for curve in [Curve::P256, Curve::P384, Curve::Ed25519] {
            let pair = KeyPair::generate(curve).unwrap();
            let jwk = pair.private_jwk(Some("k"));
            let from_jwk = JwtKey::from_private_jwk(jwk.as_bytes()).unwrap();
            let from_pem =
                JwtKey::from_private_pem(pair.private_pem().unwrap().as_bytes()).unwrap();
            let public = JwtKey::from_pem(pair.public.spki_pem().unwrap().as_bytes()).unwrap();
            let t = pair.public.thumbprint().unwrap();
            for key in [&from_jwk, &from_pem, &public] {
                assert_eq!(thumbprint(key).unwrap(), t, "{curve:?}");
            }
            assert_eq!(from_jwk.kid(), Some("k"));
            assert_eq!(from_pem.algorithm().name(), curve.alg());
        }
    }
}
