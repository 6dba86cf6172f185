//! Keys that sign and verify tokens, and the key sets verification picks
//! them from.

use super::JwtAlgorithm;
use super::family::FamilyKey;
use crate::Error;
use crate::list::{List, Vacant};
use crate::mac::{Algorithm, HmacKey};
use crate::ring::Ring;

#[cfg(feature = "ecdsa")]
use crate::asym::ecdsa::{P256PublicKey, P256SigningKey};
#[cfg(feature = "p384")]
use crate::asym::ecdsa::{P384PublicKey, P384SigningKey};
#[cfg(feature = "eddsa")]
use crate::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
#[cfg(feature = "rsa")]
use crate::asym::rsa::RsaPublicKey;

/// Longest `kid` a [`JwtKey`] holds.
pub const MAX_KID_LEN: usize = 64;

/// The key material of one signature family. No heap to box the large RSA
/// variant into: keys sit inline in fixed-capacity sets, each slot as large
/// as the largest family this build has.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub(crate) enum Material {
    Hmac(HmacKey),
    #[cfg(feature = "ecdsa")]
    P256(P256PublicKey),
    #[cfg(feature = "ecdsa")]
    P256Signing(P256SigningKey),
    #[cfg(feature = "p384")]
    P384(P384PublicKey),
    #[cfg(feature = "p384")]
    P384Signing(P384SigningKey),
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519PublicKey),
    #[cfg(feature = "eddsa")]
    Ed25519Signing(Ed25519SigningKey),
    #[cfg(feature = "rsa")]
    Rsa(RsaPublicKey),
}

impl Material {
    /// The family's key, behind the interface every family offers.
    fn key(&self) -> &dyn FamilyKey {
        match self {
            Material::Hmac(key) => key,
            #[cfg(feature = "ecdsa")]
            Material::P256(key) => key,
            #[cfg(feature = "ecdsa")]
            Material::P256Signing(key) => key,
            #[cfg(feature = "p384")]
            Material::P384(key) => key,
            #[cfg(feature = "p384")]
            Material::P384Signing(key) => key,
            #[cfg(feature = "eddsa")]
            Material::Ed25519(key) => key,
            #[cfg(feature = "eddsa")]
            Material::Ed25519Signing(key) => key,
            #[cfg(feature = "rsa")]
            Material::Rsa(key) => key,
        }
    }
}

/// What a key may be used for: a JWK's `use` and `key_ops` (RFC 7517
/// sections 4.2 and 4.3) narrow it; keys made in code may do both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyUse {
    pub(crate) verify: bool,
    pub(crate) sign: bool,
}

/// A key for JSON Web Tokens, of one signature family: an HMAC secret
/// (HS256, HS384, HS512), an ECDSA key (ES256 on P-256, ES384 on P-384),
/// an Ed25519 key (EdDSA), or an RSA public key (RS256/384/512,
/// PS256/384/512); public keys verify, private ones also sign. It may
/// carry an ID (`kid`) and be restricted to one algorithm (a JWK's
/// `alg`).
///
/// The algorithm of a token is always checked against the key: an HS256
/// token is never verified with the bytes of a public key as a secret.
#[derive(Clone, Debug)]
pub struct JwtKey {
    material: Material,
    kid: List<u8, MAX_KID_LEN>,
    /// The one algorithm the key is for, when it names one.
    alg: Option<JwtAlgorithm>,
    usage: KeyUse,
}

impl JwtKey {
    /// A key of these materials, for any of its algorithms and both uses.
    pub(crate) fn of(material: Material) -> JwtKey {
        JwtKey {
            material,
            kid: List::filled(0),
            alg: None,
            usage: KeyUse {
                verify: true,
                sign: true,
            },
        }
    }

    /// A JWT key from an HMAC key. RFC 7518 section 3.2 requires a
    /// secret at least as long as the hash output (32 bytes for HS256, 48
    /// for HS384, 64 for HS512): shorter ones are refused, so that a
    /// missing or truncated configuration value cannot make tokens
    /// forgeable ([`JwtKey::legacy_hmac`] accepts them where a deployment
    /// cannot change its secret).
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] for an HMAC-SHA1 key, which has no JWS
    /// algorithm; [`Error::KeyTooWeak`] for a secret shorter than the hash
    /// output.
    ///
    /// ```
    /// use jeton::jwt::{JwtAlgorithm, JwtKey};
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let key = JwtKey::new(HmacKey::new(Algorithm::Sha256, b"a secret of at least 32 bytes...."))?;
    /// assert_eq!(key.algorithm(), JwtAlgorithm::HS256);
    /// assert_eq!(
    ///     JwtKey::new(HmacKey::new(Algorithm::Sha256, b"too short")).err(),
    ///     Some(jeton::Error::KeyTooWeak)
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn new(key: HmacKey) -> Result<JwtKey, Error> {
        if key.secret_len() < key.algorithm().tag_len() {
            return Err(Error::KeyTooWeak);
        }
        JwtKey::legacy_hmac(key)
    }

    /// [`JwtKey::new`] for a legacy deployment whose secret is shorter than
    /// RFC 7518 requires (and which cannot change it): any secret but an
    /// empty one, which never makes a key.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] for an HMAC-SHA1 key; [`Error::KeyTooWeak`]
    /// for an empty secret.
    ///
    /// ```
    /// use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    /// use jeton::mac::{Algorithm, HmacKey};
    ///
    /// // The example token of the jwt.io debugger, signed with the 19-byte
    /// // secret "your-256-bit-secret" (RFC 7518 asks for 32).
    /// let secret = HmacKey::new(Algorithm::Sha256, b"your-256-bit-secret");
    /// assert_eq!(JwtKey::new(secret.clone()).err(), Some(Error::KeyTooWeak));
    /// let keys: KeySet<1> = KeySet::with_key(JwtKey::legacy_hmac(secret)?)?;
    /// let token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    ///     eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
    ///     SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    /// let mut buf = [0u8; 128];
    /// // It has no `exp`, which verification requires unless told otherwise.
    /// let v = jwt::verify(token, &keys, &Validation::new(1_516_239_022).required(&[]), &mut buf)?;
    /// assert_eq!(v.subject().and_then(|s| s.as_plain()), Some("1234567890"));
    ///
    /// let empty = HmacKey::new(Algorithm::Sha256, b"");
    /// assert_eq!(JwtKey::legacy_hmac(empty).err(), Some(Error::KeyTooWeak));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn legacy_hmac(key: HmacKey) -> Result<JwtKey, Error> {
        JwtAlgorithm::of(key.algorithm()).ok_or(Error::JwtKeyInvalid)?;
        if key.secret_len() == 0 {
            return Err(Error::KeyTooWeak);
        }
        Ok(JwtKey::of(Material::Hmac(key)))
    }

    /// An HMAC key for the HS algorithm `alg` from `secret` (RFC 7518's
    /// length rule applies, as in [`JwtKey::new`]).
    pub(crate) fn hmac_for(alg: JwtAlgorithm, secret: &[u8]) -> Result<JwtKey, Error> {
        let mac = alg.mac().ok_or(Error::KeyUnsupported)?;
        JwtKey::new(HmacKey::new(mac, secret))
    }

    /// An HS256 key from a secret of at least 32 bytes.
    ///
    /// # Errors
    ///
    /// [`Error::KeyTooWeak`] for a shorter secret.
    ///
    /// ```
    /// let key = jeton::jwt::JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// assert_eq!(key.algorithm().name(), "HS256");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn hs256(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha256, secret))
    }

    /// An HS384 key from a secret of at least 48 bytes. Feature `sha512`.
    ///
    /// # Errors
    ///
    /// As [`JwtKey::hs256`].
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtAlgorithm, JwtKey}};
    /// let secret = [7u8; 48];
    /// assert_eq!(JwtKey::hs384(&secret)?.algorithm(), JwtAlgorithm::HS384);
    /// assert_eq!(JwtKey::hs384(&secret[..47]).err(), Some(Error::KeyTooWeak));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "sha512")]
    pub fn hs384(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha384, secret))
    }

    /// An HS512 key from a secret of at least 64 bytes. Feature `sha512`.
    ///
    /// # Errors
    ///
    /// As [`JwtKey::hs256`].
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtAlgorithm, JwtKey}};
    /// let secret = [7u8; 64];
    /// assert_eq!(JwtKey::hs512(&secret)?.algorithm(), JwtAlgorithm::HS512);
    /// assert_eq!(JwtKey::hs512(&secret[..63]).err(), Some(Error::KeyTooWeak));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "sha512")]
    pub fn hs512(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha512, secret))
    }

    /// An RSA public key (RS256/384/512, PS256/384/512). Feature `rsa`.
    ///
    /// RFC 7515 appendix A.2's key and RS256 token (its `exp` lies in 2011):
    ///
    /// ```
    /// use jeton::asym::rsa::RsaPublicKey;
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, JwtAlgorithm, JwtKey, KeySet, Validation};
    ///
    /// let mut n = [0u8; 256];
    /// let len = decode(concat!(
    ///     "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrc",
    ///     "S2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGz",
    ///     "jb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xs",
    ///     "mtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8",
    ///     "q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    /// ).as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, &mut n)?;
    /// let key = JwtKey::rsa(RsaPublicKey::from_components(&n[..len], &[1, 0, 1])?);
    /// assert_eq!(key.algorithm(), JwtAlgorithm::RS256);
    /// assert!(!key.may_sign());
    ///
    /// let token = concat!(
    ///     "eyJhbGciOiJSUzI1NiJ9",
    ///     ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt",
    ///     "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
    ///     ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Q",
    ///     "c_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTy",
    ///     "WzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu",
    ///     "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A",
    ///     "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
    /// );
    /// let keys: KeySet<1> = KeySet::with_key(key)?;
    /// let mut buf = [0u8; 128];
    /// let v = jwt::verify(token.as_bytes(), &keys, &Validation::new(1_300_819_000), &mut buf)?;
    /// assert_eq!((v.algorithm(), v.issuer().and_then(|s| s.as_plain())), (JwtAlgorithm::RS256, Some("joe")));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "rsa")]
    pub fn rsa(key: RsaPublicKey) -> JwtKey {
        JwtKey::of(Material::Rsa(key))
    }

    /// A P-256 public key (ES256). Feature `ecdsa`.
    ///
    /// RFC 7515 appendix A.3's key and ES256 token (its `exp` lies in 2011):
    ///
    /// ```
    /// use jeton::asym::ecdsa::P256PublicKey;
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, JwtKey, KeySet, Validation};
    ///
    /// let (mut x, mut y) = ([0u8; 32], [0u8; 32]);
    /// decode(b"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", Alphabet::UrlSafe, Padding::Unpadded, &mut x)?;
    /// decode(b"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", Alphabet::UrlSafe, Padding::Unpadded, &mut y)?;
    /// let key = JwtKey::es256(P256PublicKey::from_coordinates(&x, &y)?);
    ///
    /// let token = b"eyJhbGciOiJFUzI1NiJ9.\
    ///     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
    ///     DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    /// let keys: KeySet<1> = KeySet::with_key(key)?;
    /// let mut buf = [0u8; 128];
    /// let v = jwt::verify(token, &keys, &Validation::new(1_300_819_000), &mut buf)?;
    /// assert_eq!(v.issuer().and_then(|s| s.as_plain()), Some("joe"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "ecdsa")]
    pub fn es256(key: P256PublicKey) -> JwtKey {
        JwtKey::of(Material::P256(key))
    }

    /// A P-256 private key (ES256), which signs and verifies. Feature
    /// `ecdsa`.
    ///
    /// RFC 7515 appendix A.3's private key signs; the public key the RFC
    /// gives for it verifies:
    ///
    /// ```
    /// use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey};
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
    ///
    /// let b64 = |text: &[u8], out: &mut [u8; 32]| decode(text, Alphabet::UrlSafe, Padding::Unpadded, out);
    /// let (mut d, mut x, mut y) = ([0u8; 32], [0u8; 32], [0u8; 32]);
    /// b64(b"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI", &mut d)?;
    /// b64(b"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", &mut x)?;
    /// b64(b"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", &mut y)?;
    ///
    /// let signer = JwtKey::es256_signing(P256SigningKey::from_bytes(&d)?);
    /// let mut token = [0u8; 256];
    /// let n = jwt::encode(&signer, &Claims::new().subject("user-42").expires_at(2_000), &mut token)?;
    ///
    /// let keys: KeySet<1> = KeySet::with_key(JwtKey::es256(P256PublicKey::from_coordinates(&x, &y)?))?;
    /// let mut buf = [0u8; 256];
    /// let v = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// assert_eq!(v.subject().and_then(|s| s.as_plain()), Some("user-42"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "ecdsa")]
    pub fn es256_signing(key: P256SigningKey) -> JwtKey {
        JwtKey::of(Material::P256Signing(key))
    }

    /// A P-384 public key (ES384). Feature `p384`.
    ///
    /// A token signed by the `jose` library (npm), and its key:
    ///
    /// ```
    /// use jeton::asym::ecdsa::P384PublicKey;
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, JwtKey, KeySet, Validation};
    ///
    /// let (mut x, mut y) = ([0u8; 48], [0u8; 48]);
    /// decode(b"9itwrz8BVHP0IYK6WMmvWSohQZ4r98Mzw9tqB8Wm3oZgJGczAI1abgnQDFLoRmEm", Alphabet::UrlSafe, Padding::Unpadded, &mut x)?;
    /// decode(b"BFf-g06qa9js5hoAfmnbiciv6SYVsmclTswulBlLZzx-6A_iIA1SIhzAKpawSGkn", Alphabet::UrlSafe, Padding::Unpadded, &mut y)?;
    /// let key = JwtKey::es384(P384PublicKey::from_coordinates(&x, &y)?).with_kid("es384-1")?;
    ///
    /// // {"alg":"ES384","typ":"JWT","kid":"es384-1"}.{"sub":"user-1","exp":4102444800}
    /// let token = b"eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImVzMzg0LTEifQ.\
    ///     eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjQxMDI0NDQ4MDB9.\
    ///     LyT8pHdZ2ZHyfamLfI6um0jnXee939AR-5B7KcQLGwfsIqogjcR_Uu3BY1hf-ISI2AmCCnmysuQhMHIpSiyHKtvp2MWKyv_6w63XzBEbMMKPGKsHQe8eYqFfL7ebtPEo";
    /// let keys: KeySet<1> = KeySet::with_key(key)?;
    /// let mut buf = [0u8; 128];
    /// let v = jwt::verify(token, &keys, &Validation::new(1_800_000_000), &mut buf)?;
    /// assert_eq!(v.subject().and_then(|s| s.as_plain()), Some("user-1"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "p384")]
    pub fn es384(key: P384PublicKey) -> JwtKey {
        JwtKey::of(Material::P384(key))
    }

    /// A P-384 private key (ES384), which signs and verifies. Feature
    /// `p384`.
    ///
    /// The private half of the key a `jose` (npm) JWK gives, whose public
    /// half (see [`JwtKey::es384`]) verifies what it signs:
    ///
    /// ```
    /// use jeton::asym::ecdsa::{P384PublicKey, P384SigningKey};
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, Claims, JwtAlgorithm, JwtKey, KeySet, Validation};
    ///
    /// let b64 = |text: &[u8], out: &mut [u8; 48]| decode(text, Alphabet::UrlSafe, Padding::Unpadded, out);
    /// let (mut d, mut x, mut y) = ([0u8; 48], [0u8; 48], [0u8; 48]);
    /// b64(b"xChA-fA0c9nr6AHVVNAwtWrG_i4JCOYeyUUK_qxhCALxoYINRce_L5DwxuXCAS6v", &mut d)?;
    /// b64(b"9itwrz8BVHP0IYK6WMmvWSohQZ4r98Mzw9tqB8Wm3oZgJGczAI1abgnQDFLoRmEm", &mut x)?;
    /// b64(b"BFf-g06qa9js5hoAfmnbiciv6SYVsmclTswulBlLZzx-6A_iIA1SIhzAKpawSGkn", &mut y)?;
    ///
    /// let signer = JwtKey::es384_signing(P384SigningKey::from_bytes(&d)?);
    /// assert_eq!(signer.algorithm(), JwtAlgorithm::ES384);
    /// let mut token = [0u8; 256];
    /// let n = jwt::encode(&signer, &Claims::new().subject("user-1").expires_at(2_000), &mut token)?;
    ///
    /// let keys: KeySet<1> = KeySet::with_key(JwtKey::es384(P384PublicKey::from_coordinates(&x, &y)?))?;
    /// let mut buf = [0u8; 256];
    /// let v = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// assert_eq!(v.subject().and_then(|s| s.as_plain()), Some("user-1"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "p384")]
    pub fn es384_signing(key: P384SigningKey) -> JwtKey {
        JwtKey::of(Material::P384Signing(key))
    }

    /// An Ed25519 public key (EdDSA). Feature `eddsa`.
    ///
    /// RFC 8037 appendix A.4's JWS (its payload is text, not a claims
    /// set) and A.2's key:
    ///
    /// ```
    /// use jeton::asym::eddsa::Ed25519PublicKey;
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{self, JwtAlgorithm, JwtKey, KeySet, Validation};
    ///
    /// let mut x = [0u8; 32];
    /// decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", Alphabet::UrlSafe, Padding::Unpadded, &mut x)?;
    /// let keys: KeySet<1> = KeySet::with_key(JwtKey::ed25519(Ed25519PublicKey::from_bytes(&x)?))?;
    ///
    /// let jws = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.\
    ///     hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    /// let mut buf = [0u8; 64];
    /// let v = jwt::verify_jws(jws, &keys, &Validation::new(0), &mut buf)?;
    /// assert_eq!((v.algorithm, v.payload), (JwtAlgorithm::EdDSA, &b"Example of Ed25519 signing"[..]));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "eddsa")]
    pub fn ed25519(key: Ed25519PublicKey) -> JwtKey {
        JwtKey::of(Material::Ed25519(key))
    }

    /// An Ed25519 private key (EdDSA), which signs and verifies. Feature
    /// `eddsa`.
    ///
    /// RFC 8037 appendix A.1's key signs A.4's input: Ed25519 is
    /// deterministic, so the signature is the RFC's, byte for byte.
    ///
    /// ```
    /// use jeton::asym::eddsa::Ed25519SigningKey;
    /// use jeton::base64::{decode, encode, Alphabet, Padding};
    /// use jeton::jwt::JwtKey;
    ///
    /// let mut seed = [0u8; 32];
    /// decode(b"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", Alphabet::UrlSafe, Padding::Unpadded, &mut seed)?;
    /// let key = JwtKey::ed25519_signing(Ed25519SigningKey::from_seed(&seed)?);
    ///
    /// let mut signature = [0u8; 64];
    /// let n = key.sign(b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", &mut signature)?;
    /// let mut text = [0u8; 86];
    /// let t = encode(&signature[..n], Alphabet::UrlSafe, Padding::Unpadded, &mut text)?;
    /// assert_eq!(
    ///     &text[..t],
    ///     b"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(feature = "eddsa")]
    pub fn ed25519_signing(key: Ed25519SigningKey) -> JwtKey {
        JwtKey::of(Material::Ed25519Signing(key))
    }

    /// A key that verifies, from a PEM `PUBLIC KEY` document
    /// (SubjectPublicKeyInfo: RSA, EC P-256 or P-384, Ed25519), for any
    /// algorithm of its family ([`JwtKey::with_alg`] narrows it). Feature
    /// `pem`.
    ///
    /// # Errors
    ///
    /// As [`crate::asym::pem::public_key_from_pem`].
    ///
    /// RFC 7515 appendix A.3's P-256 key as SubjectPublicKeyInfo, and its
    /// ES256 token:
    ///
    /// ```
    /// use jeton::jwt::{self, JwtAlgorithm, JwtKey, KeySet, Validation};
    ///
    /// let pem = b"-----BEGIN PUBLIC KEY-----
    /// MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7
    /// 6e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==
    /// -----END PUBLIC KEY-----
    /// ";
    /// let key = JwtKey::from_pem(pem)?;
    /// assert_eq!(key.algorithm(), JwtAlgorithm::ES256);
    ///
    /// let keys: KeySet<1> = KeySet::with_key(key)?;
    /// let token = b"eyJhbGciOiJFUzI1NiJ9.\
    ///     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
    ///     DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    /// let mut buf = [0u8; 128];
    /// assert!(jwt::verify(token, &keys, &Validation::new(1_300_819_000), &mut buf).is_ok());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(all(
        feature = "pem",
        any(feature = "rsa", feature = "ecdsa", feature = "eddsa")
    ))]
    pub fn from_pem(pem: &[u8]) -> Result<JwtKey, Error> {
        use crate::asym::pem::{PublicKey, public_key_from_pem};
        Ok(match public_key_from_pem(pem)? {
            #[cfg(feature = "rsa")]
            PublicKey::Rsa(key) => JwtKey::rsa(key),
            #[cfg(feature = "ecdsa")]
            PublicKey::P256(key) => JwtKey::es256(key),
            #[cfg(feature = "p384")]
            PublicKey::P384(key) => JwtKey::es384(key),
            #[cfg(feature = "eddsa")]
            PublicKey::Ed25519(key) => JwtKey::ed25519(key),
        })
    }

    /// A key that signs, from a PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE
    /// KEY` document: EC P-256 (ES256), P-384 (ES384) or Ed25519 (EdDSA).
    /// Feature `pem`.
    ///
    /// # Errors
    ///
    /// As [`crate::asym::pem::private_key_from_pem`].
    ///
    /// RFC 8037 appendix A.1's Ed25519 key as PKCS#8 (RFC 8410), signing
    /// A.4's input into A.4's signature:
    ///
    /// ```
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::{JwtAlgorithm, JwtKey};
    ///
    /// let pem = b"-----BEGIN PRIVATE KEY-----
    /// MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
    /// -----END PRIVATE KEY-----
    /// ";
    /// let key = JwtKey::from_private_pem(pem)?;
    /// assert_eq!(key.algorithm(), JwtAlgorithm::EdDSA);
    ///
    /// let mut signature = [0u8; 64];
    /// key.sign(b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", &mut signature)?;
    /// let mut expected = [0u8; 64];
    /// decode(
    ///     b"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
    ///     Alphabet::UrlSafe, Padding::Unpadded, &mut expected)?;
    /// assert_eq!(signature, expected);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[cfg(all(feature = "pem", any(feature = "ecdsa", feature = "eddsa")))]
    pub fn from_private_pem(pem: &[u8]) -> Result<JwtKey, Error> {
        use crate::asym::pem::{PrivateKey, private_key_from_pem};
        Ok(match private_key_from_pem(pem)? {
            #[cfg(feature = "ecdsa")]
            PrivateKey::P256(key) => JwtKey::es256_signing(key),
            #[cfg(feature = "p384")]
            PrivateKey::P384(key) => JwtKey::es384_signing(key),
            #[cfg(feature = "eddsa")]
            PrivateKey::Ed25519(key) => JwtKey::ed25519_signing(key),
        })
    }

    /// Gives the key an ID: [`encode`](super::encode) writes it as the
    /// header's `kid`, and [`verify`](super::verify) prefers this key for
    /// tokens that name it.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] when `kid` is longer than
    /// [`MAX_KID_LEN`] bytes.
    ///
    /// ```
    /// let key = jeton::jwt::JwtKey::hs256(b"a secret of at least 32 bytes....")?.with_kid("2024-06")?;
    /// assert_eq!(key.kid(), Some("2024-06"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn with_kid(mut self, kid: &str) -> Result<JwtKey, Error> {
        let mut bytes = List::filled(0);
        bytes
            .extend_from_slice(kid.as_bytes())
            .map_err(|_| Error::JwtKeyInvalid)?;
        self.kid = bytes;
        Ok(self)
    }

    /// Restricts the key to one of its algorithms, as a JWK's `alg` does:
    /// a token of another algorithm is never checked against it.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] when the key cannot serve `alg`.
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtAlgorithm, JwtKey}};
    ///
    /// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// assert_eq!(key.restricted_alg(), None);
    /// let key = key.with_alg(JwtAlgorithm::HS256)?;
    /// assert_eq!(key.restricted_alg(), Some(JwtAlgorithm::HS256));
    /// // An HMAC-SHA256 secret is no HS512 key, nor an RSA one.
    /// # #[cfg(all(feature = "sha512", feature = "rsa"))] {
    /// assert_eq!(key.clone().with_alg(JwtAlgorithm::HS512).err(), Some(Error::JwtKeyInvalid));
    /// assert_eq!(key.with_alg(JwtAlgorithm::RS256).err(), Some(Error::JwtKeyInvalid));
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn with_alg(mut self, alg: JwtAlgorithm) -> Result<JwtKey, Error> {
        if !self.material.key().serves(alg) {
            return Err(Error::JwtKeyInvalid);
        }
        self.alg = Some(alg);
        Ok(self)
    }

    /// The key with the algorithm and uses a JWK names.
    pub(crate) fn restricted(mut self, alg: Option<JwtAlgorithm>, usage: KeyUse) -> JwtKey {
        self.alg = alg;
        self.usage = usage;
        self
    }

    /// The algorithm the key signs with: the one it is restricted to, or
    /// its family's first (HS256/384/512 by the hash, ES256 or ES384 by
    /// the curve, EdDSA, RS256).
    ///
    /// ```
    /// use jeton::jwt::{JwtAlgorithm, JwtKey};
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let key = JwtKey::new(HmacKey::new(Algorithm::Sha256, &[1u8; 32]))?;
    /// assert_eq!(key.algorithm(), JwtAlgorithm::HS256);
    /// # #[cfg(feature = "rsa")] {
    /// // An RSA key restricted by its JWK's `alg` signs with that one.
    /// let jwk = br#"{"kty":"RSA","alg":"PS256","e":"AQAB","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
    /// assert_eq!(JwtKey::from_jwk(jwk)?.algorithm(), JwtAlgorithm::PS256);
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn algorithm(&self) -> JwtAlgorithm {
        self.alg
            .unwrap_or_else(|| self.material.key().default_algorithm())
    }

    /// The one algorithm the key is restricted to (by
    /// [`JwtKey::with_alg`] or its JWK's `alg`), if any; see the example
    /// of [`JwtKey::with_alg`].
    pub fn restricted_alg(&self) -> Option<JwtAlgorithm> {
        self.alg
    }

    /// Whether the key verifies (and, if private, signs) tokens of
    /// algorithm `alg`: its family fits, and it is not restricted to
    /// another algorithm.
    ///
    /// ```
    /// use jeton::jwt::{JwtAlgorithm, JwtKey};
    /// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// assert!(key.fits(JwtAlgorithm::HS256));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn fits(&self, alg: JwtAlgorithm) -> bool {
        self.alg.is_none_or(|own| own == alg) && self.material.key().serves(alg)
    }

    /// Whether the key may verify tokens: a key read from a JWK whose
    /// `use` is not `sig`, or whose `key_ops` leave out `verify`, may not.
    ///
    /// ```
    /// # #[cfg(feature = "ecdsa")] {
    /// use jeton::jwt::JwtKey;
    /// // RFC 7517 appendix A.1's EC key, published for encryption.
    /// let jwk = br#"{"kty":"EC","crv":"P-256","use":"enc","kid":"1",
    ///     "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
    ///     "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}"#;
    /// assert!(!JwtKey::from_jwk(jwk)?.may_verify());
    /// let signing_only = br#"{"kty":"EC","crv":"P-256","key_ops":["sign"],
    ///     "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
    ///     "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}"#;
    /// assert!(!JwtKey::from_jwk(signing_only)?.may_verify());
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn may_verify(&self) -> bool {
        self.usage.verify
    }

    /// Whether the key can sign tokens: a private key (or a secret) whose
    /// JWK allows signing.
    ///
    /// ```
    /// use jeton::{Error, jwt::{self, Claims, JwtKey}};
    /// assert!(JwtKey::hs256(b"a secret of at least 32 bytes....")?.may_sign());
    /// # #[cfg(feature = "eddsa")] {
    /// // RFC 8037 appendix A.2's public key.
    /// let public = JwtKey::from_jwk(
    ///     br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    /// )?;
    /// assert!(!public.may_sign());
    /// assert_eq!(jwt::encode(&public, &Claims::new(), &mut [0u8; 256]), Err(Error::JwtKeyInvalid));
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn may_sign(&self) -> bool {
        self.usage.sign
            && match &self.material {
                Material::Hmac(_) => true,
                #[cfg(feature = "ecdsa")]
                Material::P256Signing(_) => true,
                #[cfg(feature = "p384")]
                Material::P384Signing(_) => true,
                #[cfg(feature = "eddsa")]
                Material::Ed25519Signing(_) => true,
                #[allow(unreachable_patterns)]
                _ => false,
            }
    }

    /// The key ID, if any.
    pub fn kid(&self) -> Option<&str> {
        if self.kid.is_empty() {
            None
        } else {
            core::str::from_utf8(&self.kid).ok()
        }
    }

    /// The HMAC key, for an HS key: the same MAC as the token signatures.
    ///
    /// ```
    /// use jeton::base64::{decode, Alphabet, Padding};
    /// use jeton::jwt::JwtKey;
    /// use jeton::mac::Algorithm;
    ///
    /// // RFC 7515 appendix A.1: the key, the signing input and its MAC.
    /// let mut secret = [0u8; 64];
    /// decode(b"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    ///     Alphabet::UrlSafe, Padding::Unpadded, &mut secret)?;
    /// let key = JwtKey::hs256(&secret)?;
    /// let mac = key.hmac().unwrap();
    /// assert_eq!(mac.algorithm(), Algorithm::Sha256);
    /// let mut expected = [0u8; 32];
    /// decode(b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", Alphabet::UrlSafe, Padding::Unpadded, &mut expected)?;
    /// mac.verify(
    ///     b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
    ///       eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
    ///     &expected,
    /// )?;
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn hmac(&self) -> Option<&HmacKey> {
        match &self.material {
            Material::Hmac(key) => Some(key),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The key material.
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub(crate) fn material(&self) -> &Material {
        &self.material
    }

    /// The length of this key's signatures under `alg`.
    pub(crate) fn signature_len(&self, alg: JwtAlgorithm) -> usize {
        self.material.key().signature_len(alg)
    }

    /// Whether `signature` is this key's signature of `input` under `alg`.
    pub(crate) fn verify_signature(
        &self,
        alg: JwtAlgorithm,
        input: &[u8],
        signature: &[u8],
    ) -> bool {
        match &self.material {
            // Statically dispatched: the HMAC path is the hot one.
            Material::Hmac(key) => FamilyKey::verify(key, alg, input, signature),
            #[allow(unreachable_patterns)]
            other => other.key().verify(alg, input, signature),
        }
    }

    /// Signs the JWS signing input `input` (`base64url(header) "."
    /// base64url(payload)`) with the key's algorithm into `out`; returns
    /// the signature's length (before base64url). [`encode`](super::encode)
    /// does this for JWTs; this is for other JWS payloads.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] for a key that cannot sign (a public key,
    /// or one whose JWK does not allow signing);
    /// [`Error::BufferTooSmall`].
    ///
    /// RFC 7515 appendix A.1's HS256 signature (for EdDSA, see
    /// `JwtKey::ed25519_signing`, feature `eddsa`):
    ///
    /// ```
    /// use jeton::base64::{decode, encode, Alphabet, Padding};
    /// use jeton::jwt::JwtKey;
    ///
    /// let mut secret = [0u8; 64];
    /// decode(b"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    ///     Alphabet::UrlSafe, Padding::Unpadded, &mut secret)?;
    /// let key = JwtKey::hs256(&secret)?;
    /// let mut signature = [0u8; 32];
    /// let n = key.sign(
    ///     b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
    ///       eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
    ///     &mut signature,
    /// )?;
    /// let mut text = [0u8; 43];
    /// let t = encode(&signature[..n], Alphabet::UrlSafe, Padding::Unpadded, &mut text)?;
    /// assert_eq!(&text[..t], b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn sign(&self, input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        if !self.may_sign() {
            return Err(Error::JwtKeyInvalid);
        }
        let alg = self.algorithm();
        match &self.material {
            Material::Hmac(key) => FamilyKey::sign(key, alg, input, out),
            #[allow(unreachable_patterns)]
            other => other.key().sign(alg, input, out),
        }
    }
}

/// Fills the unused slots of a [`KeySet`]; never handed out.
impl Vacant for JwtKey {
    const VACANT: Self = JwtKey {
        material: Material::Hmac(HmacKey::VACANT),
        kid: List::filled(0),
        alg: None,
        usage: KeyUse {
            verify: false,
            sign: false,
        },
    };
}

/// Up to `N` keys a verifier accepts tokens from; the first signs.
///
/// Which keys a token is checked against: those that fit its `alg` and may
/// verify; of those, the ones whose ID is the token's `kid` when the token
/// names one and some key carries it, else those without an ID. Each
/// candidate is tried, whatever matches, so timing does not tell which.
///
/// ```
/// use jeton::jwt::{JwtKey, KeySet};
/// let mut keys: KeySet<2> = KeySet::new();
/// keys.push(JwtKey::hs256(b"the new secret, 32 bytes or more")?.with_kid("new")?)?;
/// keys.push(JwtKey::hs256(b"the old secret, 32 bytes or more")?.with_kid("old")?)?;
/// assert_eq!(keys.signing_key()?.kid(), Some("new"));
/// assert_eq!(keys.keys().len(), 2);
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct KeySet<const N: usize> {
    keys: Ring<JwtKey, N>,
}

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set, which verifies nothing.
    ///
    /// ```
    /// use jeton::{Error, jwt::{self, KeySet, Validation}};
    /// let keys: KeySet<4> = KeySet::new();
    /// let mut buf = [0u8; 64];
    /// let token = b"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJlIG9mIG5vIGtleSBhdCBhbGwuLi4uLi4";
    /// assert_eq!(jwt::verify(token, &keys, &Validation::new(0), &mut buf).err(), Some(Error::JwtKeyNotFound));
    /// ```
    pub const fn new() -> Self {
        KeySet { keys: Ring::new() }
    }

    /// A set of one key.
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when `N` is zero.
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtKey, KeySet}};
    /// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// assert_eq!(KeySet::<1>::with_key(key.clone())?.keys().len(), 1);
    /// assert_eq!(KeySet::<0>::with_key(key).err(), Some(Error::CapacityExceeded));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn with_key(key: JwtKey) -> Result<Self, Error> {
        Ok(KeySet {
            keys: Ring::with_key(key)?,
        })
    }

    /// Adds a key after the ones held (the first key added signs).
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when the set is full; it is unchanged.
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtKey, KeySet}};
    /// let mut keys: KeySet<1> = KeySet::new();
    /// keys.push(JwtKey::hs256(b"the new secret, 32 bytes or more")?.with_kid("new")?)?;
    /// let old = JwtKey::hs256(b"the old secret, 32 bytes or more")?;
    /// assert_eq!(keys.push(old), Err(Error::CapacityExceeded));
    /// assert_eq!(keys.keys().iter().map(|k| k.kid()).collect::<Vec<_>>(), [Some("new")]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn push(&mut self, key: JwtKey) -> Result<(), Error> {
        self.keys.push(key)
    }

    /// The keys.
    pub fn keys(&self) -> &[JwtKey] {
        self.keys.keys()
    }

    /// Drops every key; private keys and secrets are wiped as they go.
    ///
    /// ```
    /// use jeton::{Error, jwt::{JwtKey, KeySet}};
    /// let mut keys: KeySet<2> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// keys.clear();
    /// assert!(keys.keys().is_empty());
    /// assert_eq!(keys.signing_key().err(), Some(Error::JwtKeyNotFound));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// The key to sign new tokens with: the first one added.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyNotFound`] when the set is empty.
    pub fn signing_key(&self) -> Result<&JwtKey, Error> {
        self.keys.first().ok_or(Error::JwtKeyNotFound)
    }

    /// Index of the first key marked in `candidates` (by position) whose
    /// signature `signature` is, trying every candidate.
    pub(crate) fn verify_with(
        &self,
        candidates: &[bool; N],
        alg: JwtAlgorithm,
        input: &[u8],
        signature: &[u8],
    ) -> Option<usize> {
        let mut marks = candidates.iter();
        self.keys.find_trying_all(|key| {
            marks.next().is_some_and(|&candidate| candidate)
                && key.verify_signature(alg, input, signature)
        })
    }
}
