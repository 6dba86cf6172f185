//! JSON Web Tokens: the key set (`jeton_jwt_key_set`), encoding from a C
//! description of the claims, verification under C validation options,
//! and the getters of a verified token (`jeton_jwt_verified`).
//!
//! - `keys`: the key set and the functions that fill it (secrets, JWKs,
//!   PEM keys);
//! - `jwks`: a provider's larger JWK Set, loaded whole;
//! - `encode`: the header and claims a token is made from, and signing;
//! - `verify`: the validation options, `jeton_jwt_verify` and
//!   `jeton_jws_verify`;
//! - `verified`: the view of a verified token and its getters, which look
//!   claims up in the index the verifying pass left, never parsing again.

mod encode;
mod jwks;
mod keys;
mod verified;
mod verify;

pub use encode::*;
pub use jwks::*;
pub use keys::*;
pub use verified::*;
pub(crate) use verify::verified_view;
pub use verify::*;

use jeton::Error;
use jeton::jwt::JwtAlgorithm;
use jeton::mac::Algorithm;

use core::ffi::{CStr, c_char};

use crate::boundary::boundary;
use crate::ptr::{Region, input, jeton_bytes, optional_input, out_ptr_apart};
use crate::status::Fail;
use crate::status::jeton_status;

/// A JWS algorithm, one of the `JETON_JWT_HS*`, `ES*`, `EDDSA`, `RS*` and
/// `PS*` values. A library built without an algorithm's family (its cargo
/// feature) refuses its value with `JETON_ERR_INVALID_ARGUMENT`.
pub type jeton_jwt_algorithm = u32;
/// HS256: HMAC-SHA256.
pub const JETON_JWT_HS256: jeton_jwt_algorithm = 1;
/// HS384: HMAC-SHA384 (feature `sha512`).
pub const JETON_JWT_HS384: jeton_jwt_algorithm = 2;
/// HS512: HMAC-SHA512 (feature `sha512`).
pub const JETON_JWT_HS512: jeton_jwt_algorithm = 3;
/// ES256: ECDSA over P-256 with SHA-256 (feature `ecdsa`).
pub const JETON_JWT_ES256: jeton_jwt_algorithm = 4;
/// ES384: ECDSA over P-384 with SHA-384 (feature `p384`).
pub const JETON_JWT_ES384: jeton_jwt_algorithm = 5;
/// EdDSA with Ed25519 (feature `eddsa`).
pub const JETON_JWT_EDDSA: jeton_jwt_algorithm = 6;
/// Ed25519, EdDSA's fully-specified name (RFC 9864; feature `eddsa`).
pub const JETON_JWT_ED25519: jeton_jwt_algorithm = 7;
/// RS256: RSASSA-PKCS1-v1_5 with SHA-256 (feature `rsa`).
pub const JETON_JWT_RS256: jeton_jwt_algorithm = 8;
/// RS384 (features `rsa` and `sha512`).
pub const JETON_JWT_RS384: jeton_jwt_algorithm = 9;
/// RS512 (features `rsa` and `sha512`).
pub const JETON_JWT_RS512: jeton_jwt_algorithm = 10;
/// PS256: RSASSA-PSS with SHA-256 (feature `rsa`).
pub const JETON_JWT_PS256: jeton_jwt_algorithm = 11;
/// PS384 (features `rsa` and `sha512`).
pub const JETON_JWT_PS384: jeton_jwt_algorithm = 12;
/// PS512 (features `rsa` and `sha512`).
pub const JETON_JWT_PS512: jeton_jwt_algorithm = 13;

/// Most custom claims `jeton_jwt_encode` writes in one token.
pub const JETON_JWT_MAX_CUSTOM_CLAIMS: usize = 16;
/// Most values in a list of a `jeton_jwt_claims` (`audiences`) or of a
/// `jeton_jwt_validation` (`issuers`, `audiences`).
pub const JETON_JWT_MAX_LIST: usize = 8;

/// A set of `JETON_JWT_*` flag bits of `jeton_jwt_claims`,
/// `jeton_jwt_header` and `jeton_jwt_verified`.
pub type jeton_jwt_flags = u32;
/// `exp` is present (holds a value).
pub const JETON_JWT_HAS_EXP: jeton_jwt_flags = 1 << 0;
/// `nbf` is present.
pub const JETON_JWT_HAS_NBF: jeton_jwt_flags = 1 << 1;
/// `iat` is present.
pub const JETON_JWT_HAS_IAT: jeton_jwt_flags = 1 << 2;
/// `jeton_jwt_verified` only: `kid` holds backslash escapes.
pub const JETON_JWT_KID_ESCAPED: jeton_jwt_flags = 1 << 3;
/// `jeton_jwt_verified` only: `iss` holds backslash escapes.
pub const JETON_JWT_ISS_ESCAPED: jeton_jwt_flags = 1 << 4;
/// `jeton_jwt_verified` only: `sub` holds backslash escapes.
pub const JETON_JWT_SUB_ESCAPED: jeton_jwt_flags = 1 << 5;
/// `jeton_jwt_verified` only: `jti` holds backslash escapes.
pub const JETON_JWT_JTI_ESCAPED: jeton_jwt_flags = 1 << 6;
/// `jeton_jwt_header` only: write no `typ` parameter.
pub const JETON_JWT_NO_TYP: jeton_jwt_flags = 1 << 7;

/// The HMAC algorithm of a C value.
fn hmac_algorithm_from(value: jeton_jwt_algorithm) -> Result<Algorithm, Fail> {
    match value {
        JETON_JWT_HS256 => Ok(Algorithm::Sha256),
        #[cfg(feature = "sha512")]
        JETON_JWT_HS384 => Ok(Algorithm::Sha384),
        #[cfg(feature = "sha512")]
        JETON_JWT_HS512 => Ok(Algorithm::Sha512),
        _ => Err(Fail::INVALID),
    }
}

/// Every algorithm of this build with its C value.
const ALGORITHMS: &[(JwtAlgorithm, jeton_jwt_algorithm)] = &[
    (JwtAlgorithm::HS256, JETON_JWT_HS256),
    #[cfg(feature = "sha512")]
    (JwtAlgorithm::HS384, JETON_JWT_HS384),
    #[cfg(feature = "sha512")]
    (JwtAlgorithm::HS512, JETON_JWT_HS512),
    #[cfg(feature = "ecdsa")]
    (JwtAlgorithm::ES256, JETON_JWT_ES256),
    #[cfg(feature = "p384")]
    (JwtAlgorithm::ES384, JETON_JWT_ES384),
    #[cfg(feature = "eddsa")]
    (JwtAlgorithm::EdDSA, JETON_JWT_EDDSA),
    #[cfg(feature = "eddsa")]
    (JwtAlgorithm::Ed25519, JETON_JWT_ED25519),
    #[cfg(feature = "rsa")]
    (JwtAlgorithm::RS256, JETON_JWT_RS256),
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    (JwtAlgorithm::RS384, JETON_JWT_RS384),
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    (JwtAlgorithm::RS512, JETON_JWT_RS512),
    #[cfg(feature = "rsa")]
    (JwtAlgorithm::PS256, JETON_JWT_PS256),
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    (JwtAlgorithm::PS384, JETON_JWT_PS384),
    #[cfg(all(feature = "rsa", feature = "sha512"))]
    (JwtAlgorithm::PS512, JETON_JWT_PS512),
];

/// The algorithm of a C value: `JETON_ERR_INVALID_ARGUMENT` for an
/// unknown value or one of a family this build leaves out.
pub(crate) fn algorithm_from(value: jeton_jwt_algorithm) -> Result<JwtAlgorithm, Fail> {
    ALGORITHMS
        .iter()
        .find(|(_, v)| *v == value)
        .map(|(a, _)| *a)
        .ok_or(Fail::INVALID)
}

/// The C value of an algorithm (0 for one the table lacks: a test checks
/// there is none).
pub(crate) fn algorithm_to(algorithm: JwtAlgorithm) -> jeton_jwt_algorithm {
    ALGORITHMS
        .iter()
        .find(|(a, _)| *a == algorithm)
        .map_or(0, |(_, value)| *value)
}

/// The algorithm an `alg` name stands for (`"ES256"`, `"RS256"`, ...:
/// case-sensitive, as RFC 7515 says), for servers that read the algorithm
/// of a provider or a key from their configuration.
///
/// Returns `JETON_OK` with `*algorithm` set; `JETON_ERR_INVALID_ARGUMENT`
/// for a name this build does not implement (`"none"` never is; an
/// algorithm whose family the library was built without is not either).
/// NULL `name` or `algorithm`: `JETON_ERR_NULL_POINTER`. On error
/// `*algorithm` is untouched.
///
/// ```c
/// jeton_jwt_algorithm alg;
/// jeton_status s = jeton_jwt_algorithm_from_name((const uint8_t *)"ES256", 5, &alg);
/// // s == JETON_OK, alg == JETON_JWT_ES256
/// ```
///
/// # Safety
///
/// `name` is readable for `name_len` bytes; `algorithm` points to a
/// writable `jeton_jwt_algorithm`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_algorithm_from_name(
    name: *const u8,
    name_len: usize,
    algorithm: *mut jeton_jwt_algorithm,
) -> jeton_status {
    boundary(|| {
        // SAFETY: as the function contract says; the output is a separate
        // object, which `out_ptr_apart` checks.
        let (name, out) = unsafe {
            let name = input(name, name_len)?;
            (name, out_ptr_apart(algorithm, &[Region::of(name)])?)
        };
        let found = JwtAlgorithm::from_name(name).ok_or(Fail::INVALID)?;
        out.set(algorithm_to(found));
        Ok(())
    })
}

/// The `alg` name of an algorithm value: a static, NUL-terminated string
/// (`"HS256"`, `"EdDSA"`, ...) that must not be freed or modified; NULL
/// for a value this build does not implement.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_jwt_algorithm_name(algorithm: jeton_jwt_algorithm) -> *const c_char {
    boundary(|| {
        algorithm_from(algorithm)
            .ok()
            .and_then(|a| {
                C_NAMES
                    .iter()
                    .find(|(n, _)| n.to_bytes() == a.name().as_bytes())
            })
            .map(|(n, _)| *n)
    })
}

/// The names as C strings (the core's are Rust strings, without a NUL),
/// each beside its C value; a test checks them against the core's.
const C_NAMES: &[(&CStr, jeton_jwt_algorithm)] = &[
    (c"HS256", JETON_JWT_HS256),
    (c"HS384", JETON_JWT_HS384),
    (c"HS512", JETON_JWT_HS512),
    (c"ES256", JETON_JWT_ES256),
    (c"ES384", JETON_JWT_ES384),
    (c"EdDSA", JETON_JWT_EDDSA),
    (c"Ed25519", JETON_JWT_ED25519),
    (c"RS256", JETON_JWT_RS256),
    (c"RS384", JETON_JWT_RS384),
    (c"RS512", JETON_JWT_RS512),
    (c"PS256", JETON_JWT_PS256),
    (c"PS384", JETON_JWT_PS384),
    (c"PS512", JETON_JWT_PS512),
];

/// Bytes that go into JSON as a string: UTF-8 or
/// `JETON_ERR_JSON_INVALID_UTF8`.
fn text(bytes: &[u8]) -> Result<&str, Fail> {
    core::str::from_utf8(bytes).map_err(|_| Fail::from(Error::JsonInvalidUtf8))
}

/// [`text`] of an optional view.
///
/// # Safety
///
/// The view is readable for its length during `'a`.
unsafe fn optional_text<'a>(view: jeton_bytes) -> Result<Option<&'a str>, Fail> {
    // SAFETY: the caller's contract.
    unsafe { optional_input(view.ptr, view.len) }?
        .map(text)
        .transpose()
}

/// [`text`] of a required view.
///
/// # Safety
///
/// The view is readable for its length during `'a`.
unsafe fn required_text<'a>(view: jeton_bytes) -> Result<&'a str, Fail> {
    // SAFETY: the caller's contract.
    text(unsafe { input(view.ptr, view.len) }?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::jeton_status_code::JETON_ERR_INVALID_ARGUMENT;

    /// HS384/HS512 exist exactly when the library is built with `sha512`;
    /// otherwise their values are refused as invalid.
    #[test]
    fn algorithms_follow_the_build_features() {
        assert_eq!(
            hmac_algorithm_from(JETON_JWT_HS256).ok(),
            Some(Algorithm::Sha256)
        );
        for value in [JETON_JWT_HS384, JETON_JWT_HS512] {
            assert_eq!(hmac_algorithm_from(value).is_ok(), cfg!(feature = "sha512"));
        }
        assert!(hmac_algorithm_from(0).is_err());
    }

    /// Every algorithm of the core has its C value, and back.
    #[test]
    fn every_algorithm_has_a_c_value() {
        for &algorithm in JwtAlgorithm::ALL {
            assert_ne!(algorithm_to(algorithm), 0, "{algorithm:?}");
            assert_eq!(algorithm_from(algorithm_to(algorithm)), Ok(algorithm));
        }
        assert_eq!(algorithm_from(0), Err(Fail::INVALID));
        assert_eq!(algorithm_from(14), Err(Fail::INVALID));
    }

    /// Names and values agree with the core both ways, for every
    /// algorithm of the build; other names and values are refused.
    #[test]
    fn algorithm_names_are_the_cores() {
        for &algorithm in JwtAlgorithm::ALL {
            let value = algorithm_to(algorithm);
            let name = jeton_jwt_algorithm_name(value);
            assert!(!name.is_null(), "{algorithm:?}");
            // SAFETY: a non-NULL answer is a static C string.
            let c = unsafe { CStr::from_ptr(name) };
            assert_eq!(c.to_bytes(), algorithm.name().as_bytes());
            let mut out: jeton_jwt_algorithm = 0;
            let text = algorithm.name().as_bytes();
            // SAFETY: valid pointers.
            let status =
                unsafe { jeton_jwt_algorithm_from_name(text.as_ptr(), text.len(), &mut out) };
            assert_eq!((status, out), (0, value));
        }
        for (_, value) in C_NAMES {
            assert_eq!(
                jeton_jwt_algorithm_name(*value).is_null(),
                algorithm_from(*value).is_err()
            );
        }
        assert!(jeton_jwt_algorithm_name(0).is_null());
        for bad in [&b"none"[..], b"hs256", b"HS256 ", b""] {
            let mut out: jeton_jwt_algorithm = 77;
            // SAFETY: valid pointers.
            let status =
                unsafe { jeton_jwt_algorithm_from_name(bad.as_ptr(), bad.len(), &mut out) };
            assert_eq!(
                (status, out),
                (JETON_ERR_INVALID_ARGUMENT as jeton_status, 77),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn flags_do_not_collide() {
        let all = [
            JETON_JWT_HAS_EXP,
            JETON_JWT_HAS_NBF,
            JETON_JWT_HAS_IAT,
            JETON_JWT_KID_ESCAPED,
            JETON_JWT_ISS_ESCAPED,
            JETON_JWT_SUB_ESCAPED,
            JETON_JWT_JTI_ESCAPED,
            JETON_JWT_NO_TYP,
        ];
        let mut seen = 0;
        for bit in all {
            assert_eq!(bit.count_ones(), 1);
            assert_eq!(seen & bit, 0);
            seen |= bit;
        }
    }
}
