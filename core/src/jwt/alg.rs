//! The JWS algorithms (RFC 7518 section 3, RFC 8037, RFC 9864) and the
//! signature families they belong to.

use crate::mac::Algorithm;

/// The JWS algorithms jeton implements. Which ones exist depends on the
/// cargo features: a family left out of the build has no variants, and a
/// token naming one of its algorithms is refused as any unknown `alg` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JwtAlgorithm {
    /// HMAC-SHA256.
    HS256,
    /// HMAC-SHA384. Feature `sha512`.
    #[cfg(feature = "sha512")]
    HS384,
    /// HMAC-SHA512. Feature `sha512`.
    #[cfg(feature = "sha512")]
    HS512,
    /// ECDSA over P-256 with SHA-256. Feature `ecdsa`.
    #[cfg(feature = "ecdsa")]
    ES256,
    /// ECDSA over P-384 with SHA-384. Feature `p384`.
    #[cfg(feature = "p384")]
    ES384,
    /// EdDSA (RFC 8037), with Ed25519 the one curve jeton implements.
    /// Feature `eddsa`.
    #[cfg(feature = "eddsa")]
    EdDSA,
    /// Ed25519 by its fully-specified name (RFC 9864), which jose writes
    /// for Ed25519 keys. Feature `eddsa`.
    #[cfg(feature = "eddsa")]
    Ed25519,
    /// RSASSA-PKCS1-v1_5 with SHA-256. Feature `rsa`.
    #[cfg(feature = "rsa")]
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384. Features `rsa` and `sha512`.
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512. Features `rsa` and `sha512`.
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    RS512,
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256. Feature `rsa`.
    #[cfg(feature = "rsa")]
    PS256,
    /// RSASSA-PSS with SHA-384. Features `rsa` and `sha512`.
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    PS384,
    /// RSASSA-PSS with SHA-512. Features `rsa` and `sha512`.
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    PS512,
}

/// A signature family: the kind of key an algorithm needs. Each is one
/// file under `jwt/family/` and one cargo feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// HMAC with a shared secret: HS256, HS384, HS512.
    Hmac,
    /// ECDSA: ES256 (P-256), ES384 (P-384).
    Ecdsa,
    /// EdDSA with Ed25519: EdDSA, Ed25519.
    EdDsa,
    /// RSA: RS256/384/512 (PKCS#1 v1.5), PS256/384/512 (PSS).
    Rsa,
}

impl JwtAlgorithm {
    /// Every algorithm of this build, in the order of RFC 7518's table.
    pub const ALL: &'static [JwtAlgorithm] = &[
        JwtAlgorithm::HS256,
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS384,
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS512,
        #[cfg(feature = "rsa")]
        JwtAlgorithm::RS256,
        #[cfg(all(feature = "rsa", feature = "sha512"))]
        JwtAlgorithm::RS384,
        #[cfg(all(feature = "rsa", feature = "sha512"))]
        JwtAlgorithm::RS512,
        #[cfg(feature = "ecdsa")]
        JwtAlgorithm::ES256,
        #[cfg(feature = "p384")]
        JwtAlgorithm::ES384,
        #[cfg(feature = "rsa")]
        JwtAlgorithm::PS256,
        #[cfg(all(feature = "rsa", feature = "sha512"))]
        JwtAlgorithm::PS384,
        #[cfg(all(feature = "rsa", feature = "sha512"))]
        JwtAlgorithm::PS512,
        #[cfg(feature = "eddsa")]
        JwtAlgorithm::EdDSA,
        #[cfg(feature = "eddsa")]
        JwtAlgorithm::Ed25519,
    ];

    /// The `alg` header value.
    ///
    /// ```
    /// assert_eq!(jeton::jwt::JwtAlgorithm::HS256.name(), "HS256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            JwtAlgorithm::HS256 => "HS256",
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384 => "HS384",
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512 => "HS512",
            #[cfg(feature = "ecdsa")]
            JwtAlgorithm::ES256 => "ES256",
            #[cfg(feature = "p384")]
            JwtAlgorithm::ES384 => "ES384",
            #[cfg(feature = "eddsa")]
            JwtAlgorithm::EdDSA => "EdDSA",
            #[cfg(feature = "eddsa")]
            JwtAlgorithm::Ed25519 => "Ed25519",
            #[cfg(feature = "rsa")]
            JwtAlgorithm::RS256 => "RS256",
            #[cfg(all(feature = "rsa", feature = "sha512"))]
            JwtAlgorithm::RS384 => "RS384",
            #[cfg(all(feature = "rsa", feature = "sha512"))]
            JwtAlgorithm::RS512 => "RS512",
            #[cfg(feature = "rsa")]
            JwtAlgorithm::PS256 => "PS256",
            #[cfg(all(feature = "rsa", feature = "sha512"))]
            JwtAlgorithm::PS384 => "PS384",
            #[cfg(all(feature = "rsa", feature = "sha512"))]
            JwtAlgorithm::PS512 => "PS512",
        }
    }

    /// Reads an `alg` value (case-sensitive, as RFC 7515 says).
    ///
    /// ```
    /// use jeton::jwt::JwtAlgorithm;
    /// assert_eq!(JwtAlgorithm::from_name(b"HS256"), Some(JwtAlgorithm::HS256));
    /// assert_eq!(JwtAlgorithm::from_name(b"hs256"), None);
    /// assert_eq!(JwtAlgorithm::from_name(b"none"), None);
    /// ```
    pub fn from_name(name: &[u8]) -> Option<JwtAlgorithm> {
        JwtAlgorithm::ALL
            .iter()
            .copied()
            .find(|a| a.name().as_bytes() == name)
    }

    /// The family of keys that sign and verify with it.
    ///
    /// ```
    /// use jeton::jwt::{Family, JwtAlgorithm};
    /// assert_eq!(JwtAlgorithm::HS256.family(), Family::Hmac);
    /// ```
    pub const fn family(self) -> Family {
        match self {
            JwtAlgorithm::HS256 => Family::Hmac,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384 | JwtAlgorithm::HS512 => Family::Hmac,
            #[cfg(feature = "ecdsa")]
            JwtAlgorithm::ES256 => Family::Ecdsa,
            #[cfg(feature = "p384")]
            JwtAlgorithm::ES384 => Family::Ecdsa,
            #[cfg(feature = "eddsa")]
            JwtAlgorithm::EdDSA | JwtAlgorithm::Ed25519 => Family::EdDsa,
            #[cfg(feature = "rsa")]
            JwtAlgorithm::RS256 | JwtAlgorithm::PS256 => Family::Rsa,
            #[cfg(all(feature = "rsa", feature = "sha512"))]
            JwtAlgorithm::RS384
            | JwtAlgorithm::RS512
            | JwtAlgorithm::PS384
            | JwtAlgorithm::PS512 => Family::Rsa,
        }
    }

    /// The JWS algorithm of an HMAC key's hash, if it has one (HMAC-SHA1
    /// has none).
    ///
    /// ```
    /// use jeton::{jwt::JwtAlgorithm, mac::Algorithm};
    /// assert_eq!(JwtAlgorithm::of(Algorithm::Sha256), Some(JwtAlgorithm::HS256));
    /// # #[cfg(feature = "sha1")]
    /// assert_eq!(JwtAlgorithm::of(Algorithm::Sha1), None);
    /// ```
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

    /// The HMAC algorithm behind an HS algorithm; `None` for the other
    /// families.
    ///
    /// ```
    /// use jeton::{jwt::JwtAlgorithm, mac::Algorithm};
    /// assert_eq!(JwtAlgorithm::HS256.mac(), Some(Algorithm::Sha256));
    /// # #[cfg(feature = "eddsa")]
    /// assert_eq!(JwtAlgorithm::EdDSA.mac(), None);
    /// ```
    pub const fn mac(self) -> Option<Algorithm> {
        match self {
            JwtAlgorithm::HS256 => Some(Algorithm::Sha256),
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384 => Some(Algorithm::Sha384),
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512 => Some(Algorithm::Sha512),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}
