//! JSON Web Keys (RFC 7517, RFC 7518 section 6, RFC 8037): reading one key
//! or a key set into [`JwtKey`]s, and RFC 7638 thumbprints.

use super::key::{JwtKey, KeyUse};
use super::{JwtAlgorithm, KeySet};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::{self, JsonStr, Kind, Limits, Value};
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use crate::out::{Out, Sink};

/// Whether a JWK may hold private members (a signing key) or must not (a
/// key that only verifies: a private member there is refused, so a
/// configuration mix-up cannot turn a public key file into a secret one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    Public,
    Private,
}

/// The members of a JWK that jeton reads, as JSON strings.
#[derive(Clone, Copy, Debug, Default)]
struct Members<'a> {
    kty: Option<JsonStr<'a>>,
    crv: Option<JsonStr<'a>>,
    alg: Option<JsonStr<'a>>,
    kid: Option<JsonStr<'a>>,
    key_use: Option<JsonStr<'a>>,
    key_ops: Option<Value<'a>>,
    x: Option<JsonStr<'a>>,
    y: Option<JsonStr<'a>>,
    n: Option<JsonStr<'a>>,
    e: Option<JsonStr<'a>>,
    k: Option<JsonStr<'a>>,
    d: Option<JsonStr<'a>>,
    /// An RSA private member other than `d` (`p`, `q`, `dp`, `dq`, `qi`,
    /// `oth`): refused where `d` is, never read.
    rsa_private: bool,
    /// A member jeton reads has the wrong type.
    wrong_type: bool,
}

/// Bounds of one JWK: flat, a few members (certificate chains included).
const JWK_LIMITS: Limits = Limits {
    max_depth: 4,
    max_members: 64,
    unique_members: true,
};

/// Reads the members of the JWK object `jwk`.
fn members(jwk: Value<'_>) -> Result<Members<'_>, Error> {
    if jwk.kind() != Kind::Object {
        return Err(Error::JwkInvalid);
    }
    let mut m = Members::default();
    for (name, value) in jwk.members() {
        let string = || {
            let s = value.as_str();
            (s, s.is_none())
        };
        let slot = if name.eq_bytes(b"kty") {
            &mut m.kty
        } else if name.eq_bytes(b"crv") {
            &mut m.crv
        } else if name.eq_bytes(b"alg") {
            &mut m.alg
        } else if name.eq_bytes(b"kid") {
            &mut m.kid
        } else if name.eq_bytes(b"use") {
            &mut m.key_use
        } else if name.eq_bytes(b"x") {
            &mut m.x
        } else if name.eq_bytes(b"y") {
            &mut m.y
        } else if name.eq_bytes(b"n") {
            &mut m.n
        } else if name.eq_bytes(b"e") {
            &mut m.e
        } else if name.eq_bytes(b"k") {
            &mut m.k
        } else if name.eq_bytes(b"d") {
            &mut m.d
        } else {
            if name.eq_bytes(b"key_ops") {
                m.wrong_type |= value.kind() != Kind::Array
                    || value.elements().any(|e| e.kind() != Kind::String);
                m.key_ops = Some(value);
            } else if ["p", "q", "dp", "dq", "qi", "oth"]
                .iter()
                .any(|p| name.eq_bytes(p.as_bytes()))
            {
                m.rsa_private = true;
            }
            continue;
        };
        let (s, wrong) = string();
        *slot = s;
        m.wrong_type |= wrong;
    }
    if m.wrong_type {
        return Err(Error::JwkInvalid);
    }
    Ok(m)
}

/// Decodes a base64url member (canonical, unpadded: RFC 7515 section 2)
/// into `out`; returns the bytes. Base64url needs no JSON escape, so a
/// member written with escapes is refused rather than unescaped.
fn decode<'o>(member: Option<JsonStr<'_>>, out: &'o mut [u8]) -> Result<&'o [u8], Error> {
    let member = member.ok_or(Error::JwkInvalid)?;
    let raw = member.as_plain().ok_or(Error::JwkInvalid)?;
    let n =
        base64::decode(raw.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, out).map_err(|e| {
            match e {
                Error::BufferTooSmall { .. } => Error::KeyMalformed,
                _ => Error::JwkInvalid,
            }
        })?;
    out.split_at_checked(n)
        .map(|(bytes, _)| bytes)
        .ok_or(Error::JwkInvalid)
}

/// The usage a JWK allows: `use` absent or `sig`, and `key_ops` absent or
/// naming the operation (RFC 7517 sections 4.2 and 4.3).
fn usage(m: &Members<'_>) -> KeyUse {
    let use_sig = m.key_use.is_none_or(|u| u.eq_bytes(b"sig"));
    let op = |name: &[u8]| {
        m.key_ops.is_none_or(|ops| {
            ops.elements()
                .filter_map(|e| e.as_str())
                .any(|o| o.eq_bytes(name))
        })
    };
    KeyUse {
        verify: use_sig && op(b"verify"),
        sign: use_sig && op(b"sign"),
    }
}

/// The `alg` a JWK names, if any: one jeton knows, or the key is
/// unsupported.
fn named_alg(m: &Members<'_>) -> Result<Option<JwtAlgorithm>, Error> {
    let Some(alg) = m.alg else {
        return Ok(None);
    };
    let mut name = [0u8; 16];
    let len = alg
        .unescape_into(&mut name)
        .map_err(|_| Error::KeyUnsupported)?;
    let (name, _) = name.split_at_checked(len).ok_or(Error::KeyUnsupported)?;
    JwtAlgorithm::from_name(name)
        .map(Some)
        .ok_or(Error::KeyUnsupported)
}

/// Reads one JWK into a key.
pub(crate) fn read_key(jwk: Value<'_>, context: Context) -> Result<JwtKey, Error> {
    let m = members(jwk)?;
    let kty = m.kty.ok_or(Error::JwkInvalid)?;
    let has_private = m.d.is_some() || m.rsa_private;
    if has_private && context == Context::Public {
        return Err(Error::JwkPrivateMembers);
    }
    let alg = named_alg(&m)?;
    let key = if kty.eq_bytes(b"oct") {
        if context == Context::Public {
            // A shared secret is private material by nature.
            return Err(Error::JwkPrivateMembers);
        }
        let mut secret = [0u8; 256];
        let k = decode(m.k, &mut secret)?;
        let key = JwtKey::hmac_for(alg.unwrap_or(JwtAlgorithm::HS256), k);
        zeroize::Zeroize::zeroize(&mut secret);
        key?
    } else if kty.eq_bytes(b"RSA") {
        if context == Context::Private {
            // jeton does not sign with RSA.
            return Err(Error::KeyUnsupported);
        }
        read_rsa(&m)?
    } else if kty.eq_bytes(b"EC") {
        read_ec(&m, context)?
    } else if kty.eq_bytes(b"OKP") {
        read_okp(&m, context)?
    } else {
        return Err(Error::KeyUnsupported);
    };
    if let Some(alg) = alg
        && !key.fits(alg)
    {
        // An alg the key's type cannot serve: a key jeton cannot use.
        return Err(Error::KeyUnsupported);
    }
    let key = key.restricted(alg, usage(&m));
    match m.kid {
        Some(kid) => {
            let mut buf = [0u8; super::MAX_KID_LEN];
            let len = kid
                .unescape_into(&mut buf)
                .map_err(|_| Error::JwtKeyInvalid)?;
            let kid = buf
                .split_at_checked(len)
                .and_then(|(kid, _)| core::str::from_utf8(kid).ok())
                .ok_or(Error::JwtKeyInvalid)?;
            key.with_kid(kid)
        }
        None => Ok(key),
    }
}

#[cfg(feature = "rsa")]
fn read_rsa(m: &Members<'_>) -> Result<JwtKey, Error> {
    use crate::asym::rsa::{MAX_MODULUS_LEN, RsaPublicKey};
    let mut n = [0u8; MAX_MODULUS_LEN + 1];
    let mut e = [0u8; 16];
    let key = RsaPublicKey::from_components(decode(m.n, &mut n)?, decode(m.e, &mut e)?)?;
    Ok(JwtKey::rsa(key))
}

#[cfg(not(feature = "rsa"))]
fn read_rsa(_: &Members<'_>) -> Result<JwtKey, Error> {
    Err(Error::KeyUnsupported)
}

/// An `EC` key: `crv` P-256 (ES256) or P-384 (ES384), `x` and `y` of the
/// full coordinate size, and `d` for a signing key.
#[cfg(feature = "ecdsa")]
fn read_ec(m: &Members<'_>, context: Context) -> Result<JwtKey, Error> {
    use crate::asym::ecdsa::{P256PublicKey, P256SigningKey};
    let crv = m.crv.ok_or(Error::JwkInvalid)?;
    let p384 = cfg!(feature = "p384") && crv.eq_bytes(b"P-384");
    if !crv.eq_bytes(b"P-256") && !p384 {
        // P-521 (ES512), secp256k1 (ES256K): curves jeton does not have.
        return Err(Error::KeyUnsupported);
    }
    let (mut x, mut y, mut d) = ([0u8; 48], [0u8; 48], zeroize::Zeroizing::new([0u8; 48]));
    let (x, y) = (decode(m.x, &mut x)?, decode(m.y, &mut y)?);
    if crv.eq_bytes(b"P-256") {
        let public = P256PublicKey::from_coordinates(x, y)?;
        if context == Context::Public {
            return Ok(JwtKey::es256(public));
        }
        let signing = P256SigningKey::from_bytes(decode(m.d, &mut *d)?)?;
        if signing.public_key() != public {
            return Err(Error::KeyMalformed);
        }
        return Ok(JwtKey::es256_signing(signing));
    }
    #[cfg(feature = "p384")]
    if crv.eq_bytes(b"P-384") {
        use crate::asym::ecdsa::{P384PublicKey, P384SigningKey};
        let public = P384PublicKey::from_coordinates(x, y)?;
        if context == Context::Public {
            return Ok(JwtKey::es384(public));
        }
        let signing = P384SigningKey::from_bytes(decode(m.d, &mut *d)?)?;
        if signing.public_key() != public {
            return Err(Error::KeyMalformed);
        }
        return Ok(JwtKey::es384_signing(signing));
    }
    Err(Error::KeyUnsupported)
}

#[cfg(not(feature = "ecdsa"))]
fn read_ec(_: &Members<'_>, _: Context) -> Result<JwtKey, Error> {
    Err(Error::KeyUnsupported)
}

/// An `OKP` key (RFC 8037): `crv` Ed25519, `x`, and `d` for a signing key.
#[cfg(feature = "eddsa")]
fn read_okp(m: &Members<'_>, context: Context) -> Result<JwtKey, Error> {
    use crate::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
    if !m.crv.ok_or(Error::JwkInvalid)?.eq_bytes(b"Ed25519") {
        // X25519 (key agreement), Ed448: not signature keys jeton has.
        return Err(Error::KeyUnsupported);
    }
    let mut x = [0u8; 32];
    let public = Ed25519PublicKey::from_bytes(decode(m.x, &mut x)?)?;
    if context == Context::Public {
        return Ok(JwtKey::ed25519(public));
    }
    let mut d = zeroize::Zeroizing::new([0u8; 32]);
    let signing = Ed25519SigningKey::from_seed(decode(m.d, &mut *d)?)?;
    if signing.public_key() != public {
        return Err(Error::KeyMalformed);
    }
    Ok(JwtKey::ed25519_signing(signing))
}

#[cfg(not(feature = "eddsa"))]
fn read_okp(_: &Members<'_>, _: Context) -> Result<JwtKey, Error> {
    Err(Error::KeyUnsupported)
}

/// What loading a JWK Set did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JwksSummary {
    /// Keys added to the set.
    pub loaded: usize,
    /// Keys skipped: a key type, curve or algorithm jeton does not
    /// implement (or this build leaves out), as jose skips them.
    pub skipped: usize,
}

/// Bounds of a JWK Set document.
const JWKS_LIMITS: Limits = Limits {
    max_depth: 8,
    max_members: 64,
    unique_members: true,
};

/// A key of a JWK Set: `None` for one to skip (a shared secret, which a
/// set of public keys has no business with and jose does not use; a key
/// type, curve or algorithm jeton does not implement; an RSA key below 2048
/// bits), the error of a malformed one.
fn read_set_key(jwk: Value<'_>) -> Result<Option<JwtKey>, Error> {
    if jwk
        .get("kty")
        .and_then(|k| k.as_str())
        .is_some_and(|k| k.eq_bytes(b"oct"))
    {
        return Ok(None);
    }
    match read_key(jwk, Context::Public) {
        Ok(key) => Ok(Some(key)),
        Err(Error::KeyUnsupported | Error::KeyTooWeak) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads the JWK Set `jwks` whole, adding nothing: its `keys` array, and
/// how many of them would load and be skipped.
fn read_set(jwks: &[u8]) -> Result<(Value<'_>, JwksSummary), Error> {
    let doc = json::parse_with(jwks, &JWKS_LIMITS).map_err(|_| Error::JwkSetInvalid)?;
    let keys = doc
        .get("keys")
        .filter(|k| k.kind() == Kind::Array && k.elements().all(|e| e.kind() == Kind::Object))
        .ok_or(Error::JwkSetInvalid)?;
    let mut summary = JwksSummary::default();
    for jwk in keys.elements() {
        match read_set_key(jwk) {
            Ok(Some(_)) => summary.loaded += 1,
            Ok(None) => summary.skipped += 1,
            Err(e) => return Err(e),
        }
    }
    Ok((keys, summary))
}

impl<const N: usize> KeySet<N> {
    /// Adds the public keys of the JWK Set `jwks` (`{"keys":[...]}`, RFC
    /// 7517 section 5), each key's material copied in; nothing of `jwks`
    /// is kept. Keys jeton does not use are skipped and counted, as jose
    /// skips them: a type, curve or algorithm it does not implement (or an
    /// `alg` the key's type cannot serve), a weak key (an RSA key below
    /// 2048 bits, a small-order Ed25519 point), a shared secret (`oct`).
    /// Any other fault (a private member, a key missing a member) refuses
    /// the whole set, and the key set is then unchanged. A key whose `use`
    /// or `key_ops` rule out verification is loaded, but never verifies
    /// ([`JwtKey::may_verify`]).
    ///
    /// # Errors
    ///
    /// [`Error::JwkSetInvalid`] (not a JSON object with a `keys` array of
    /// objects),
    /// the error of the first malformed key ([`Error::JwkInvalid`],
    /// [`Error::JwkPrivateMembers`], [`Error::KeyMalformed`], ...),
    /// [`Error::CapacityExceeded`] when the keys do not all fit.
    ///
    /// # Example
    ///
    /// RFC 7517 appendix A.1's set (an EC key for encryption, an RSA key
    /// for RS256), with a shared secret added:
    ///
    /// ```
    /// # #[cfg(all(feature = "ecdsa", feature = "rsa"))] {
    /// use jeton::{Error, jwt::KeySet};
    ///
    /// let jwks = br#"{"keys":[
    ///   {"kty":"EC","crv":"P-256","use":"enc","kid":"1",
    ///    "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
    ///    "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
    ///   {"kty":"RSA","alg":"RS256","kid":"2011-04-29","e":"AQAB",
    ///    "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"},
    ///   {"kty":"oct","k":"c2VjcmV0"}
    /// ]}"#;
    /// let mut keys: KeySet<3> = KeySet::new();
    /// let summary = keys.extend_from_jwks(jwks)?;
    /// assert_eq!((summary.loaded, summary.skipped), (2, 1));
    /// let kids: Vec<_> = keys.keys().iter().map(|k| (k.kid(), k.may_verify())).collect();
    /// assert_eq!(kids, [(Some("1"), false), (Some("2011-04-29"), true)]);
    ///
    /// // Too many for the room left: nothing is added.
    /// assert_eq!(keys.extend_from_jwks(jwks), Err(Error::CapacityExceeded));
    /// assert_eq!(keys.keys().len(), 2);
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn extend_from_jwks(&mut self, jwks: &[u8]) -> Result<JwksSummary, Error> {
        let (keys, summary) = read_set(jwks)?;
        if self.keys().len() + summary.loaded > N {
            return Err(Error::CapacityExceeded);
        }
        self.add_set(keys)?;
        Ok(summary)
    }

    /// The keys of the JWK Set `jwks` in place of the ones held, as a
    /// provider's set is refreshed: read as [`KeySet::extend_from_jwks`]
    /// reads it, and on any error the set keeps its keys.
    ///
    /// # Errors
    ///
    /// As [`KeySet::extend_from_jwks`].
    ///
    /// ```
    /// # #[cfg(feature = "eddsa")] {
    /// use jeton::jwt::KeySet;
    /// // RFC 8037 appendix A.2's Ed25519 key.
    /// let jwks = br#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
    /// let mut keys: KeySet<4> = KeySet::new();
    /// assert_eq!(keys.replace_from_jwks(jwks)?.loaded, 1);
    /// assert!(keys.replace_from_jwks(b"{}").is_err());
    /// assert_eq!(keys.keys()[0].kid(), Some("a"));
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn replace_from_jwks(&mut self, jwks: &[u8]) -> Result<JwksSummary, Error> {
        let (keys, summary) = read_set(jwks)?;
        if summary.loaded > N {
            return Err(Error::CapacityExceeded);
        }
        self.clear();
        self.add_set(keys)?;
        Ok(summary)
    }

    /// Adds the keys of a set [`read_set`] accepted.
    fn add_set(&mut self, keys: Value<'_>) -> Result<(), Error> {
        for jwk in keys.elements() {
            if let Ok(Some(key)) = read_set_key(jwk) {
                self.push(key)?;
            }
        }
        Ok(())
    }
}

impl JwtKey {
    /// A key that verifies, from a public JWK (RFC 7517): `kty` `EC`
    /// (`crv` P-256 or P-384), `OKP` (Ed25519) or `RSA`, with its `kid`,
    /// `alg`, `use` and `key_ops`.
    ///
    /// # Errors
    ///
    /// [`Error::JwkInvalid`] (not a JWK: not a JSON object, no `kty`, a
    /// member jeton reads of the wrong type, a required member missing or
    /// not canonical base64url), [`Error::JwkPrivateMembers`] (private
    /// members, or an `oct` secret, in a public context),
    /// [`Error::KeyUnsupported`] (a type, curve or `alg` jeton does not
    /// implement or this build leaves out, or an `alg` the key's type
    /// cannot serve), [`Error::KeyMalformed`], [`Error::KeyTooWeak`],
    /// [`Error::JwtKeyInvalid`] (a `kid` longer than
    /// [`MAX_KID_LEN`](super::MAX_KID_LEN)).
    ///
    /// # Example
    ///
    /// RFC 7515 appendix A.3's key and ES256 token:
    ///
    /// ```
    /// # #[cfg(feature = "ecdsa")] {
    /// use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}};
    ///
    /// let jwk = br#"{"kty":"EC","crv":"P-256",
    ///     "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    ///     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    /// let keys: KeySet<1> = KeySet::with_key(JwtKey::from_jwk(jwk)?)?;
    /// let token = b"eyJhbGciOiJFUzI1NiJ9.\
    ///     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
    ///     DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    /// let mut buf = [0u8; 128];
    /// assert!(jwt::verify(token, &keys, &Validation::new(1_300_819_000), &mut buf).is_ok());
    ///
    /// // The same key with its private scalar: not for a verifier.
    /// let private = br#"{"kty":"EC","crv":"P-256",
    ///     "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    ///     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    ///     "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
    /// assert_eq!(JwtKey::from_jwk(private).err(), Some(Error::JwkPrivateMembers));
    /// let p521 = br#"{"kty":"EC","crv":"P-521","x":"AA","y":"AA"}"#;
    /// assert_eq!(JwtKey::from_jwk(p521).err(), Some(Error::KeyUnsupported));
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_jwk(jwk: &[u8]) -> Result<JwtKey, Error> {
        let doc = json::parse_with(jwk, &JWK_LIMITS).map_err(|_| Error::JwkInvalid)?;
        read_key(doc, Context::Public)
    }

    /// A key that signs, from a private JWK: `EC` P-256 or P-384 or `OKP`
    /// Ed25519 with `d` (which must match the public members), or an `oct`
    /// secret (`k`; HS256 unless `alg` names another, and at least as long
    /// as its hash output). RSA private keys are refused
    /// ([`Error::KeyUnsupported`]): jeton does not sign RS*/PS*.
    ///
    /// # Errors
    ///
    /// As [`JwtKey::from_jwk`], with [`Error::JwkInvalid`] when the private
    /// member is missing and [`Error::KeyMalformed`] when it does not
    /// belong to the public one.
    ///
    /// # Example
    ///
    /// RFC 7515 appendix A.1's HS256 secret, and RFC 8037 appendix A.1's
    /// Ed25519 key signing A.4's input into A.4's signature:
    ///
    /// ```
    /// use jeton::jwt::{JwtAlgorithm, JwtKey};
    ///
    /// let oct = br#"{"kty":"oct",
    ///     "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
    /// assert_eq!(JwtKey::from_private_jwk(oct)?.algorithm(), JwtAlgorithm::HS256);
    ///
    /// # #[cfg(feature = "eddsa")] {
    /// use jeton::base64::{encode, Alphabet, Padding};
    /// let okp = br#"{"kty":"OKP","crv":"Ed25519",
    ///     "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    ///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let key = JwtKey::from_private_jwk(okp)?;
    /// let mut signature = [0u8; 64];
    /// key.sign(b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", &mut signature)?;
    /// let mut text = [0u8; 86];
    /// encode(&signature, Alphabet::UrlSafe, Padding::Unpadded, &mut text)?;
    /// assert_eq!(
    ///     &text[..],
    ///     b"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    /// );
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_private_jwk(jwk: &[u8]) -> Result<JwtKey, Error> {
        let doc = json::parse_with(jwk, &JWK_LIMITS).map_err(|_| Error::JwkInvalid)?;
        read_key(doc, Context::Private)
    }
}

/// Writes `bytes` into `sink` in base64url (unpadded), a group of 48
/// bytes (64 characters) at a time.
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
fn put_base64url(sink: &mut impl Sink, bytes: &[u8]) -> Result<(), Error> {
    let mut text = [0u8; 64];
    for chunk in bytes.chunks(48) {
        let n = base64::encode(chunk, Alphabet::UrlSafe, Padding::Unpadded, &mut text)?;
        sink.put(text.get(..n).ok_or(Error::BufferTooSmall { needed: n })?);
    }
    Ok(())
}

/// A SHA-256 computation as a sink, for the thumbprint's hash input.
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
struct HashSink(sha2::Sha256);

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
impl Sink for HashSink {
    fn put(&mut self, bytes: &[u8]) {
        sha2::Digest::update(&mut self.0, bytes);
    }
}

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
impl JwtKey {
    /// Writes the key's required public members (RFC 7638 section 3.2) as
    /// a JSON object, in lexicographic order and without whitespace: the
    /// thumbprint's hash input, and a public JWK.
    pub(crate) fn write_required_members(&self, sink: &mut impl Sink) -> Result<(), Error> {
        use super::key::Material;
        match self.material() {
            #[cfg(feature = "rsa")]
            Material::Rsa(key) => {
                let mut n = [0u8; crate::asym::rsa::MAX_MODULUS_LEN];
                let mut e = [0u8; 8];
                let (n_len, e_len) = (key.write_modulus(&mut n)?, key.write_exponent(&mut e)?);
                fn written(bytes: &[u8], len: usize) -> Option<&[u8]> {
                    bytes.split_at_checked(len).map(|(b, _)| b)
                }
                let (Some(n), Some(e)) = (written(&n, n_len), written(&e, e_len)) else {
                    return Err(Error::KeyMalformed);
                };
                sink.put(br#"{"e":""#);
                put_base64url(sink, e)?;
                sink.put(br#"","kty":"RSA","n":""#);
                put_base64url(sink, n)?;
                sink.put(br#""}"#);
            }
            #[cfg(feature = "ecdsa")]
            Material::P256(_) | Material::P256Signing(_) => {
                let public = match self.material() {
                    Material::P256Signing(key) => key.public_key(),
                    Material::P256(key) => *key,
                    _ => return Err(Error::KeyUnsupported),
                };
                sink.put(br#"{"crv":"P-256","kty":"EC","x":""#);
                put_base64url(sink, &public.x())?;
                sink.put(br#"","y":""#);
                put_base64url(sink, &public.y())?;
                sink.put(br#""}"#);
            }
            #[cfg(feature = "p384")]
            Material::P384(_) | Material::P384Signing(_) => {
                let public = match self.material() {
                    Material::P384Signing(key) => key.public_key(),
                    Material::P384(key) => *key,
                    _ => return Err(Error::KeyUnsupported),
                };
                sink.put(br#"{"crv":"P-384","kty":"EC","x":""#);
                put_base64url(sink, &public.x())?;
                sink.put(br#"","y":""#);
                put_base64url(sink, &public.y())?;
                sink.put(br#""}"#);
            }
            #[cfg(feature = "eddsa")]
            Material::Ed25519(_) | Material::Ed25519Signing(_) => {
                let public = match self.material() {
                    Material::Ed25519Signing(key) => key.public_key(),
                    Material::Ed25519(key) => *key,
                    _ => return Err(Error::KeyUnsupported),
                };
                sink.put(br#"{"crv":"Ed25519","kty":"OKP","x":""#);
                put_base64url(sink, public.as_bytes())?;
                sink.put(br#""}"#);
            }
            Material::Hmac(_) => return Err(Error::KeyUnsupported),
        }
        Ok(())
    }

    /// The key's RFC 7638 thumbprint: the SHA-256 of its required public
    /// members in lexicographic order, without whitespace, written into
    /// `out` in base64url (43 characters); returns the length. A JWK's
    /// members are re-encoded from the key, so a JWK that wrote its RSA
    /// modulus with a leading zero byte (RFC 7518 forbids it) gives the
    /// thumbprint of the canonical form.
    ///
    /// # Errors
    ///
    /// [`Error::KeyUnsupported`] for an HMAC key (jeton keeps its pads,
    /// not the secret the `oct` thumbprint hashes);
    /// [`Error::BufferTooSmall`] below 43 bytes.
    ///
    /// # Example
    ///
    /// RFC 8037 appendix A.3 (Ed25519) and RFC 7638 section 3.1 (RSA; the
    /// members beside the required ones do not count):
    ///
    /// ```
    /// use jeton::jwt::JwtKey;
    /// let mut out = [0u8; 43];
    /// # #[cfg(feature = "eddsa")] {
    /// let okp = JwtKey::from_jwk(
    ///     br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    /// )?;
    /// okp.thumbprint(&mut out)?;
    /// assert_eq!(&out, b"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # }
    /// # #[cfg(feature = "rsa")] {
    /// let rsa = JwtKey::from_jwk(br#"{"kty":"RSA","alg":"RS256","kid":"2011-04-29","e":"AQAB",
    ///     "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#)?;
    /// rsa.thumbprint(&mut out)?;
    /// assert_eq!(&out, b"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    /// # }
    /// let hmac = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// assert_eq!(hmac.thumbprint(&mut out), Err(jeton::Error::KeyUnsupported));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn thumbprint(&self, out: &mut [u8]) -> Result<usize, Error> {
        use sha2::Digest;
        let mut hash = HashSink(sha2::Sha256::new());
        self.write_required_members(&mut hash)?;
        let digest: [u8; 32] = hash.0.finalize().into();
        base64::encode(&digest, Alphabet::UrlSafe, Padding::Unpadded, out)
    }

    /// Writes the key's public JWK into `out`: its required public members
    /// only (RFC 7638 section 3.2: `crv`, `kty`, `x`, `y` for EC; `crv`,
    /// `kty`, `x` for OKP; `e`, `kty`, `n` for RSA), in lexicographic order
    /// and without whitespace, never a private member whatever the key
    /// holds; returns the length. What a DPoP proof's `jwk` header carries,
    /// and a key a JWK Set can publish (add `kid`, `alg`, `use` as
    /// needed).
    ///
    /// # Errors
    ///
    /// [`Error::KeyUnsupported`] for an HMAC key (a shared secret has no
    /// public part); [`Error::BufferTooSmall`] with the length needed.
    ///
    /// ```
    /// # #[cfg(feature = "eddsa")] {
    /// use jeton::jwt::JwtKey;
    /// // RFC 8037 appendix A.1's private key: only its public part goes out.
    /// let key = JwtKey::from_private_jwk(br#"{"kty":"OKP","crv":"Ed25519",
    ///     "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    ///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
    /// let mut jwk = [0u8; 96];
    /// let n = key.public_jwk(&mut jwk)?;
    /// assert_eq!(&jwk[..n], br#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#);
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn public_jwk(&self, out: &mut [u8]) -> Result<usize, Error> {
        let mut out = Out::new(out);
        match self.write_required_members(&mut out) {
            Ok(()) => out.finish(),
            Err(e) => out.fail(e),
        }
    }
}
