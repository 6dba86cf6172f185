//! Keys as most servers configure them: PEM files (RFC 7468) of DER
//! SubjectPublicKeyInfo (RFC 5280, `PUBLIC KEY`) and PKCS#8 (RFC 5958,
//! `PRIVATE KEY`), plus SEC1's `EC PRIVATE KEY` (RFC 5915), for the
//! families this build has. Parsing is RustCrypto's `pem-rfc7468` (its
//! base64 is constant-time, so a private key's bytes do not show in
//! timing) and `der`; this module only picks the fields out.

#[cfg(feature = "ecdsa")]
use der::Tagged;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader, SliceReader};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use crate::Error;

#[cfg(feature = "ecdsa")]
use super::ecdsa::{P256PublicKey, P256SigningKey};
#[cfg(feature = "p384")]
use super::ecdsa::{P384PublicKey, P384SigningKey};
#[cfg(feature = "eddsa")]
use super::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
#[cfg(feature = "rsa")]
use super::rsa::RsaPublicKey;

/// `rsaEncryption` (RFC 8017 appendix C).
#[cfg(feature = "rsa")]
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey` (RFC 5480 section 2.1.1).
#[cfg(feature = "ecdsa")]
const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` / P-256 (RFC 5480 section 2.1.1.1).
#[cfg(feature = "ecdsa")]
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1` / P-384.
#[cfg(feature = "p384")]
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `id-Ed25519` (RFC 8410 section 3).
#[cfg(feature = "eddsa")]
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

/// Longest DER a PEM key decodes to here: an RSA-4096 SubjectPublicKeyInfo
/// is 550 bytes, a P-384 PKCS#8 key under 200.
const MAX_DER_LEN: usize = 1024;

/// A public key of one of this build's families.
// No heap to box the large RSA variant into: keys are values.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum PublicKey {
    /// An RSA key. Feature `rsa`.
    #[cfg(feature = "rsa")]
    Rsa(RsaPublicKey),
    /// A P-256 key. Feature `ecdsa`.
    #[cfg(feature = "ecdsa")]
    P256(P256PublicKey),
    /// A P-384 key. Feature `p384`.
    #[cfg(feature = "p384")]
    P384(P384PublicKey),
    /// An Ed25519 key. Feature `eddsa`.
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519PublicKey),
}

/// A private key of one of this build's signing families.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum PrivateKey {
    /// A P-256 key. Feature `ecdsa`.
    #[cfg(feature = "ecdsa")]
    P256(P256SigningKey),
    /// A P-384 key. Feature `p384`.
    #[cfg(feature = "p384")]
    P384(P384SigningKey),
    /// An Ed25519 key. Feature `eddsa`.
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519SigningKey),
}

/// The curve named by an `id-ecPublicKey` algorithm's parameters.
#[cfg(feature = "ecdsa")]
fn curve(algorithm: &AlgorithmIdentifierRef<'_>) -> Result<ObjectIdentifier, Error> {
    algorithm
        .parameters
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .ok_or(Error::PemInvalid)
}

/// A public key from DER SubjectPublicKeyInfo.
///
/// # Errors
///
/// [`Error::PemInvalid`] when the DER does not parse;
/// [`Error::KeyUnsupported`] for a key type or curve this build lacks;
/// the key's own errors ([`Error::KeyMalformed`], [`Error::KeyTooWeak`]).
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use jeton::{Error, asym::pem::{public_key_from_der, PublicKey}};
/// // RFC 8410 section 10.1's Ed25519 key: SEQUENCE { SEQUENCE { OID
/// // 1.3.101.112 }, BIT STRING (the 32-byte key) }.
/// let mut der = [0u8; 44];
/// der[..12].copy_from_slice(&[0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
/// der[12..].copy_from_slice(&[
///     0x19, 0xbf, 0x44, 0x09, 0x69, 0x84, 0xcd, 0xfe, 0x85, 0x41, 0xba, 0xc1, 0x67, 0xdc, 0x3b, 0x96,
///     0xc8, 0x50, 0x86, 0xaa, 0x30, 0xb6, 0xb6, 0xcb, 0x0c, 0x5c, 0x38, 0xad, 0x70, 0x31, 0x66, 0xe1,
/// ]);
/// let Ok(PublicKey::Ed25519(key)) = public_key_from_der(&der) else { panic!() };
/// assert_eq!(key.as_bytes()[..], der[12..]);
/// // Cut short, it is no DER.
/// assert_eq!(public_key_from_der(&der[..43]).err(), Some(Error::PemInvalid));
/// # }
/// ```
pub fn public_key_from_der(der: &[u8]) -> Result<PublicKey, Error> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| Error::PemInvalid)?;
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or(Error::PemInvalid)?;
    let oid = spki.algorithm.oid;
    #[cfg(feature = "rsa")]
    if oid == RSA {
        // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
        let (n, e) = SliceReader::new(key)
            .and_then(|mut r| {
                r.sequence(|r| {
                    Ok((
                        r.decode::<der::asn1::UintRef<'_>>()?,
                        r.decode::<der::asn1::UintRef<'_>>()?,
                    ))
                })
            })
            .map_err(|_| Error::PemInvalid)?;
        return Ok(PublicKey::Rsa(RsaPublicKey::from_components(
            n.as_bytes(),
            e.as_bytes(),
        )?));
    }
    #[cfg(feature = "ecdsa")]
    if oid == EC {
        let curve = curve(&spki.algorithm)?;
        if curve == P256 {
            return Ok(PublicKey::P256(P256PublicKey::from_sec1(key)?));
        }
        #[cfg(feature = "p384")]
        if curve == P384 {
            return Ok(PublicKey::P384(P384PublicKey::from_sec1(key)?));
        }
        return Err(Error::KeyUnsupported);
    }
    #[cfg(feature = "eddsa")]
    if oid == ED25519 {
        return Ok(PublicKey::Ed25519(Ed25519PublicKey::from_bytes(key)?));
    }
    let _ = (oid, key);
    Err(Error::KeyUnsupported)
}

#[cfg(feature = "ecdsa")]
/// The private key inside a SEC1 `ECPrivateKey` (RFC 5915 section 3):
/// `SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters
/// OPTIONAL, [1] publicKey OPTIONAL }`; returns the scalar and the curve
/// the parameters name, if any.
fn ec_private_key(der: &[u8]) -> Result<(&[u8], Option<ObjectIdentifier>), Error> {
    SliceReader::new(der)
        .and_then(|mut r| {
            r.sequence(|r| {
                let version = r.decode::<u8>()?;
                let d = r.decode::<&OctetStringRef>()?;
                let mut named = None;
                while !r.is_finished() {
                    let field = r.decode::<AnyRef<'_>>()?;
                    if field.tag().is_context_specific() && field.tag().number().value() == 0 {
                        named = AnyRef::from_der(field.value())
                            .ok()
                            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                    }
                }
                Ok((version, d.as_bytes(), named))
            })
        })
        .map_err(|_| Error::PemInvalid)
        .and_then(|(version, d, named)| {
            if version == 1 {
                Ok((d, named))
            } else {
                Err(Error::PemInvalid)
            }
        })
}

/// A private key from DER PKCS#8 (RFC 5958 `OneAsymmetricKey`): EC P-256
/// or P-384, or Ed25519 (RFC 8410 section 7).
///
/// # Errors
///
/// As [`public_key_from_der`]; RSA private keys are
/// [`Error::KeyUnsupported`] (jeton does not sign with RSA).
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use jeton::asym::pem::{private_key_from_der, PrivateKey};
/// // RFC 8410 section 10.3's Ed25519 key: SEQUENCE { INTEGER 0,
/// // SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (the seed) } }.
/// let mut der = [0u8; 48];
/// der[..16].copy_from_slice(&[
///     0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
/// ]);
/// der[16..].copy_from_slice(&[
///     0xd4, 0xee, 0x72, 0xdb, 0xf9, 0x13, 0x58, 0x4a, 0xd5, 0xb6, 0xd8, 0xf1, 0xf7, 0x69, 0xf8, 0xad,
///     0x3a, 0xfe, 0x7c, 0x28, 0xcb, 0xf1, 0xd4, 0xfb, 0xe0, 0x97, 0xa8, 0x8f, 0x44, 0x75, 0x58, 0x42,
/// ]);
/// let Ok(PrivateKey::Ed25519(key)) = private_key_from_der(&der) else { panic!() };
/// // Its public key is section 10.1's.
/// assert_eq!(key.public_key().as_bytes()[..4], [0x19, 0xbf, 0x44, 0x09]);
/// # }
/// ```
pub fn private_key_from_der(der: &[u8]) -> Result<PrivateKey, Error> {
    let (algorithm, private) = SliceReader::new(der)
        .and_then(|mut r| {
            r.sequence(|r| {
                let _version = r.decode::<u8>()?;
                let algorithm = r.decode::<AlgorithmIdentifierRef<'_>>()?;
                let private = r.decode::<&OctetStringRef>()?;
                // Attributes and the public key (v2) are not needed.
                while !r.is_finished() {
                    r.decode::<AnyRef<'_>>()?;
                }
                Ok((algorithm, private.as_bytes()))
            })
        })
        .map_err(|_| Error::PemInvalid)?;
    #[cfg(feature = "ecdsa")]
    if algorithm.oid == EC {
        let (d, _) = ec_private_key(private)?;
        return ec_signing_key(curve(&algorithm)?, d);
    }
    #[cfg(feature = "eddsa")]
    if algorithm.oid == ED25519 {
        // CurvePrivateKey ::= OCTET STRING, inside the privateKey octets.
        let seed = <&OctetStringRef>::from_der(private).map_err(|_| Error::PemInvalid)?;
        return Ok(PrivateKey::Ed25519(Ed25519SigningKey::from_seed(
            seed.as_bytes(),
        )?));
    }
    let _ = (algorithm, private);
    Err(Error::KeyUnsupported)
}

/// The signing key of scalar `d` on `curve`.
#[cfg(feature = "ecdsa")]
fn ec_signing_key(curve: ObjectIdentifier, d: &[u8]) -> Result<PrivateKey, Error> {
    if curve == P256 {
        return Ok(PrivateKey::P256(P256SigningKey::from_bytes(d)?));
    }
    #[cfg(feature = "p384")]
    if curve == P384 {
        return Ok(PrivateKey::P384(P384SigningKey::from_bytes(d)?));
    }
    Err(Error::KeyUnsupported)
}

/// Decodes a PEM document into `buf`. One that does not fit is refused
/// with [`Error::KeyUnsupported`] when it holds an RSA key (wider than
/// 4096 bits, or private: jeton has no RSA signing), which its first bytes
/// tell, and [`Error::PemInvalid`] otherwise.
fn decode<'i, 'o>(pem: &'i [u8], buf: &'o mut [u8]) -> Result<(&'i str, &'o [u8]), Error> {
    match pem_rfc7468::decode(pem, buf) {
        Ok(decoded) => Ok(decoded),
        Err(pem_rfc7468::Error::Length) => Err(too_long(pem)),
        Err(_) => Err(Error::PemInvalid),
    }
}

/// The error for a PEM document longer than any key jeton reads.
fn too_long(pem: &[u8]) -> Error {
    /// The DER of `rsaEncryption` (1.2.840.113549.1.1.1), which opens
    /// both an SPKI and a PKCS#8 RSA key within their first 32 bytes.
    const RSA_ENCRYPTION: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01,
    ];
    let Ok(mut decoder) = pem_rfc7468::Decoder::new(pem) else {
        return Error::PemInvalid;
    };
    if decoder.type_label() == "RSA PRIVATE KEY" {
        return Error::KeyUnsupported;
    }
    let mut head = Zeroizing::new([0u8; 32]);
    match decoder.decode(&mut *head) {
        Ok(head)
            if head
                .windows(RSA_ENCRYPTION.len())
                .any(|w| w == RSA_ENCRYPTION) =>
        {
            Error::KeyUnsupported
        }
        _ => Error::PemInvalid,
    }
}

/// A public key from a PEM `PUBLIC KEY` document (what `openssl pkey
/// -pubout` writes, and jose's `exportSPKI`).
///
/// # Errors
///
/// [`Error::PemInvalid`] for another label or a document that does not
/// decode; otherwise as [`public_key_from_der`].
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// // RFC 8410 section 10.1's Ed25519 public key.
/// let pem = b"-----BEGIN PUBLIC KEY-----\n\
///     MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
///     -----END PUBLIC KEY-----\n";
/// let key = jeton::asym::pem::public_key_from_pem(pem)?;
/// assert!(matches!(key, jeton::asym::pem::PublicKey::Ed25519(_)));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn public_key_from_pem(pem: &[u8]) -> Result<PublicKey, Error> {
    let mut buf = [0u8; MAX_DER_LEN];
    match decode(pem, &mut buf)? {
        ("PUBLIC KEY", der) => public_key_from_der(der),
        _ => Err(Error::PemInvalid),
    }
}

/// A private key from a PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY`
/// (SEC1) document. The decoded DER is wiped before returning.
///
/// # Errors
///
/// [`Error::PemInvalid`] for another label or a document that does not
/// decode; [`Error::KeyUnsupported`] for an RSA key (PKCS#8 or PKCS#1),
/// which jeton cannot sign with; otherwise as [`private_key_from_der`].
///
/// ```
/// use jeton::{Error, asym::pem::{self, PrivateKey, PublicKey}};
/// # #[cfg(feature = "eddsa")] {
/// // RFC 8410 section 10.3's private key, whose public key is section 10.1's.
/// let private = b"-----BEGIN PRIVATE KEY-----
/// MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
/// -----END PRIVATE KEY-----
/// ";
/// let public = b"-----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
/// -----END PUBLIC KEY-----
/// ";
/// let (Ok(PrivateKey::Ed25519(key)), Ok(PublicKey::Ed25519(expected))) =
///     (pem::private_key_from_pem(private), pem::public_key_from_pem(public))
/// else {
///     panic!()
/// };
/// assert_eq!(key.public_key(), expected);
/// // A public key is no private key.
/// assert_eq!(pem::private_key_from_pem(public).err(), Some(Error::PemInvalid));
/// # }
/// # #[cfg(feature = "ecdsa")] {
/// // RFC 7515 appendix A.3's P-256 key in SEC1 form (RFC 5915).
/// let sec1 = b"-----BEGIN EC PRIVATE KEY-----
/// MHcCAQEEII6bEJ5xkJi/mASH3x9dd+nLKWBuvtImO19XwhPfhPSyoAoGCCqGSM49
/// AwEHoUQDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72b
/// focs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==
/// -----END EC PRIVATE KEY-----
/// ";
/// let Ok(PrivateKey::P256(key)) = pem::private_key_from_pem(sec1) else { panic!() };
/// assert_eq!(key.public_key().x()[..4], [0x7f, 0xcd, 0xce, 0x27]);
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn private_key_from_pem(pem: &[u8]) -> Result<PrivateKey, Error> {
    let mut buf = Zeroizing::new([0u8; MAX_DER_LEN]);
    let (label, der) = decode(pem, &mut *buf)?;
    match label {
        "PRIVATE KEY" => private_key_from_der(der),
        // PKCS#1: jeton has no RSA signing.
        "RSA PRIVATE KEY" => Err(Error::KeyUnsupported),
        #[cfg(feature = "ecdsa")]
        "EC PRIVATE KEY" => {
            let (d, named) = ec_private_key(der)?;
            ec_signing_key(named.ok_or(Error::PemInvalid)?, d)
        }
        _ => Err(Error::PemInvalid),
    }
}
