//! JSON Web Tokens (RFC 7519) in JWS compact form (RFC 7515), HS256,
//! HS384 and HS512, encoded and verified without allocating.
//!
//! - [`encode`] writes `base64url(header).base64url(claims).base64url(mac)`
//!   straight into the caller's buffer from a [`Claims`] builder.
//! - [`verify`] checks, in this order: the size limit, three segments,
//!   canonical base64url, a header that is a JSON object without duplicate
//!   members, `alg` equal to the key's (never `none`, never taken from the
//!   token), `typ`, `crit`, the key chosen by `kid`; then the signature in
//!   constant time; only then the claims (`exp`, `nbf` with leeway, `iss`,
//!   `sub`, `aud`, required claims). What it returns is a zero-copy view of
//!   the claims, decoded into the caller's buffer.
//!
//! ```
//! use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
//!
//! let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
//! let claims = Claims::new()
//!     .issuer("https://auth.example.com")
//!     .subject("user-42")
//!     .audience("https://api.example.com")
//!     .expires_at(1_700_003_600)
//!     .string("role", "admin");
//! let mut token = [0u8; 512];
//! let n = jwt::encode(&key, &claims, &mut token)?;
//!
//! let keys: KeySet<2> = KeySet::with_key(key)?;
//! let accepted = ["https://api.example.com"];
//! let validation = Validation::new(1_700_000_000)
//!     .issuer("https://auth.example.com")
//!     .audiences(&accepted);
//! let mut payload = [0u8; 512];
//! let verified = jwt::verify(&token[..n], &keys, &validation, &mut payload)?;
//! assert_eq!(verified.subject().and_then(|s| s.as_plain()), Some("user-42"));
//! let mut role = [0u8; 16];
//! let len = verified.claim_str("role", &mut role)?;
//! assert_eq!(&role[..len], b"admin");
//! # Ok::<(), jeton::Error>(())
//! ```

mod encode;
mod verify;

pub use encode::{Audience, ClaimValue, Claims, Header, encode, encode_with_header};
pub use verify::{Claim, Expect, Validation, Verified, VerifiedJws, verify, verify_jws};

use crate::Error;
use crate::list::{List, Vacant};
use crate::mac::{Algorithm, HmacKey};

/// The JWS algorithms jeton implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JwtAlgorithm {
    /// HMAC-SHA256.
    HS256,
    /// HMAC-SHA384. Feature `sha512`.
    #[cfg(feature = "sha512")]
    HS384,
    /// HMAC-SHA512. Feature `sha512`.
    #[cfg(feature = "sha512")]
    HS512,
}

impl JwtAlgorithm {
    /// The `alg` header value.
    pub const fn name(self) -> &'static str {
        match self {
            JwtAlgorithm::HS256 => "HS256",
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384 => "HS384",
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512 => "HS512",
        }
    }

    /// The algorithm of an HMAC key, if it has a JWS name.
    pub const fn of(algorithm: Algorithm) -> Option<JwtAlgorithm> {
        match algorithm {
            Algorithm::Sha256 => Some(JwtAlgorithm::HS256),
            #[cfg(feature = "sha512")]
            Algorithm::Sha384 => Some(JwtAlgorithm::HS384),
            #[cfg(feature = "sha512")]
            Algorithm::Sha512 => Some(JwtAlgorithm::HS512),
            #[cfg(feature = "sha1")]
            Algorithm::Sha1 => None,
        }
    }

    /// The HMAC algorithm behind it.
    pub const fn mac(self) -> Algorithm {
        match self {
            JwtAlgorithm::HS256 => Algorithm::Sha256,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384 => Algorithm::Sha384,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512 => Algorithm::Sha512,
        }
    }

    /// Reads an `alg` value (case-sensitive, as RFC 7515 says).
    pub fn from_name(name: &[u8]) -> Option<JwtAlgorithm> {
        [
            JwtAlgorithm::HS256,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512,
        ]
        .into_iter()
        .find(|a| a.name().as_bytes() == name)
    }
}

/// Longest `kid` a [`JwtKey`] holds.
pub const MAX_KID_LEN: usize = 64;

/// An HMAC key with its JWS algorithm and optional key ID.
#[derive(Clone, Debug)]
pub struct JwtKey {
    key: HmacKey,
    algorithm: JwtAlgorithm,
    kid: List<u8, MAX_KID_LEN>,
}

impl JwtKey {
    /// A JWT key from an HMAC key.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] for an HMAC-SHA1 key, which has no JWS
    /// algorithm.
    pub fn new(key: HmacKey) -> Result<JwtKey, Error> {
        let algorithm = JwtAlgorithm::of(key.algorithm()).ok_or(Error::JwtKeyInvalid)?;
        Ok(JwtKey {
            key,
            algorithm,
            kid: List::filled(0),
        })
    }

    /// An HS256 key from a secret. (RFC 7518 section 3.2 asks for at least
    /// 32 bytes of secret; jeton does not refuse shorter ones, which peers
    /// produce, but you should not make them.)
    ///
    /// # Errors
    ///
    /// Never in practice; the `Result` keeps the constructors uniform.
    pub fn hs256(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha256, secret))
    }

    /// An HS384 key from a secret. Feature `sha512`.
    ///
    /// # Errors
    ///
    /// As [`JwtKey::hs256`].
    #[cfg(feature = "sha512")]
    pub fn hs384(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha384, secret))
    }

    /// An HS512 key from a secret. Feature `sha512`.
    ///
    /// # Errors
    ///
    /// As [`JwtKey::hs256`].
    #[cfg(feature = "sha512")]
    pub fn hs512(secret: &[u8]) -> Result<JwtKey, Error> {
        JwtKey::new(HmacKey::new(Algorithm::Sha512, secret))
    }

    /// Gives the key an ID: [`encode`] writes it as the header's `kid`, and
    /// [`verify`] picks this key for tokens that name it.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyInvalid`] when `kid` is longer than
    /// [`MAX_KID_LEN`] bytes.
    pub fn with_kid(mut self, kid: &str) -> Result<JwtKey, Error> {
        let mut bytes = List::filled(0);
        bytes
            .extend_from_slice(kid.as_bytes())
            .map_err(|_| Error::JwtKeyInvalid)?;
        self.kid = bytes;
        Ok(self)
    }

    /// The algorithm.
    pub fn algorithm(&self) -> JwtAlgorithm {
        self.algorithm
    }

    /// The key ID, if any.
    pub fn kid(&self) -> Option<&str> {
        if self.kid.is_empty() {
            None
        } else {
            core::str::from_utf8(&self.kid).ok()
        }
    }

    /// The HMAC key.
    pub fn hmac(&self) -> &HmacKey {
        &self.key
    }
}

/// Fills the unused slots of a [`KeySet`]; never handed out.
impl Vacant for JwtKey {
    const VACANT: Self = JwtKey {
        key: HmacKey::VACANT,
        algorithm: JwtAlgorithm::HS256,
        kid: List::filled(0),
    };
}

/// Up to `N` keys a verifier accepts tokens from.
///
/// A token naming a `kid` is checked only against the keys with that ID; a
/// token without `kid` against every key of its algorithm (each is tried,
/// whatever matches, so timing does not tell which).
#[derive(Clone, Debug)]
pub struct KeySet<const N: usize> {
    keys: List<JwtKey, N>,
}

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set.
    pub const fn new() -> Self {
        KeySet { keys: List::new() }
    }

    /// A set of one key.
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when `N` is zero.
    pub fn with_key(key: JwtKey) -> Result<Self, Error> {
        let mut set = Self::new();
        set.push(key)?;
        Ok(set)
    }

    /// Adds a key.
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when the set is full; it is unchanged.
    pub fn push(&mut self, key: JwtKey) -> Result<(), Error> {
        self.keys.push(key).map_err(|_| Error::CapacityExceeded)
    }

    /// The keys.
    pub fn keys(&self) -> &[JwtKey] {
        &self.keys
    }

    /// The key to sign new tokens with: the first one added.
    ///
    /// # Errors
    ///
    /// [`Error::JwtKeyNotFound`] when the set is empty.
    pub fn signing_key(&self) -> Result<&JwtKey, Error> {
        self.keys.first().ok_or(Error::JwtKeyNotFound)
    }
}
