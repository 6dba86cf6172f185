//! `jeton_jwt_key_set`: the keys tokens are signed with and verified
//! against.

use core::fmt;

use jeton::jwt::{JwtKey, KeySet};
use jeton::mac::HmacKey;

use super::{hmac_algorithm_from, jeton_jwt_algorithm, text};
use crate::boundary::boundary;
use crate::mac::jeton_hmac_key;
use crate::object::{clear, count_of, object, object_mut, slot};
use crate::ptr::{Region, input, optional_input, out_ptr_apart, write_out};
use crate::status::{Fail, jeton_status};

/// Most keys a `jeton_jwt_key_set` holds.
pub const JETON_JWT_KEY_SET_CAPACITY: usize = 4;
/// Size in bytes of a `jeton_jwt_key_set`.
pub const JETON_JWT_KEY_SET_SIZE: usize = 6656;
/// Longest `kid` a key may carry, in bytes.
pub const JETON_JWT_MAX_KID_LEN: usize = 64;
const _: () = assert!(JETON_JWT_MAX_KID_LEN == jeton::jwt::MAX_KID_LEN);

/// Up to `JETON_JWT_KEY_SET_CAPACITY` keys that tokens are signed with and
/// verified against: HMAC secrets, and the public (or private) keys of
/// ECDSA, EdDSA and RSA, each with an optional key ID (`kid`) and, from a
/// JWK, the algorithm and uses it allows. A token is checked against the
/// keys that fit its `alg`; of those, the ones with its `kid` when some
/// carries it, else the ones without a `kid` (`jeton_jwt_verify` has the
/// whole rule). Placed and managed like `jeton_hmac_key`:
/// `jeton_jwt_key_set_init`, `jeton_jwt_key_set_add*`, ...,
/// `jeton_jwt_key_set_clear` (which zeroizes the keys). A provider's JWK
/// Set of more keys goes in a `jeton_jwks`.
#[repr(C, align(16))]
pub struct jeton_jwt_key_set {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_JWT_KEY_SET_SIZE],
}

// The Rust set behind `jeton_jwt_key_set` (written out rather than
// aliased: cbindgen cannot make sense of an alias of a generic core type).
storage!(
    jeton_jwt_key_set,
    KeySet<JETON_JWT_KEY_SET_CAPACITY>,
    u64::from_le_bytes(*b"jt-jwks\0")
);

impl fmt::Debug for jeton_jwt_key_set {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_jwt_key_set { .. }")
    }
}

/// Adds `key` to `set` under `kid` (`None` or empty: none).
fn add_key<const N: usize>(
    set: &mut KeySet<N>,
    key: JwtKey,
    kid: Option<&[u8]>,
) -> Result<(), Fail> {
    let key = match kid {
        Some(kid) if !kid.is_empty() => key.with_kid(text(kid)?)?,
        _ => key,
    };
    Ok(set.push(key)?)
}

/// Initializes `keys` as an empty key set.
///
/// Returns `JETON_OK`; NULL `keys`: `JETON_ERR_NULL_POINTER`. Initializing
/// a set that holds keys wipes them first (storage overwritten with
/// zeros).
///
/// # Safety
///
/// `keys` points to writable storage for a `jeton_jwt_key_set`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_init(keys: *mut jeton_jwt_key_set) -> jeton_status {
    boundary(|| {
        // SAFETY: `keys` is writable storage (function contract).
        let keys = unsafe { slot(keys, &[])? };
        keys.fill(KeySet::new());
        Ok(())
    })
}

/// Wipes `keys` and every key in it (the keyed hash states are zeroized,
/// then the whole storage), after which it answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing twice is
/// harmless.
///
/// Returns `JETON_OK`; NULL `keys`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` that was initialized, cleared or
/// zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_clear(keys: *mut jeton_jwt_key_set) -> jeton_status {
    // SAFETY: `keys` is an initialized, cleared or zero-filled set used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(keys) })
}

/// Adds an HMAC key for `algorithm` (`JETON_JWT_HS256`, `HS384`, `HS512`)
/// made from `secret`, with the key ID `kid` (`(NULL, 0)` or empty: none).
/// RFC 7518 section 3.2 requires a secret at least as long as the hash
/// output (32 bytes for HS256, 48 for HS384, 64 for HS512): a shorter one
/// is refused, so that a missing or truncated configuration value cannot
/// make tokens forgeable (`jeton_jwt_key_set_add_legacy_secret` accepts
/// one where a deployment cannot change it). The secret is not kept: only
/// the keyed hash states are.
///
/// Returns `JETON_OK`; `JETON_ERR_KEY_TOO_WEAK` for a secret shorter than
/// the hash output; `JETON_ERR_CAPACITY_EXCEEDED` when the set already
/// holds `JETON_JWT_KEY_SET_CAPACITY` keys; `JETON_ERR_JWT_KEY_INVALID` for
/// a `kid` longer than `JETON_JWT_MAX_KID_LEN`;
/// `JETON_ERR_JSON_INVALID_UTF8` for a `kid` that is not UTF-8;
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown algorithm or a NULL `kid`
/// with a non-zero length. NULL `keys` or `secret`:
/// `JETON_ERR_NULL_POINTER`. On error the set is unchanged.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` no other thread uses meanwhile;
/// `secret` and `kid` (unless NULL) are readable for their lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add(
    keys: *mut jeton_jwt_key_set,
    algorithm: jeton_jwt_algorithm,
    secret: *const u8,
    secret_len: usize,
    kid: *const u8,
    kid_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the set (checked).
        let (set, secret, kid) = unsafe {
            (
                object_mut(
                    keys,
                    &[
                        Region::array(secret, secret_len),
                        Region::array(kid, kid_len),
                    ],
                )?,
                input(secret, secret_len)?,
                optional_input(kid, kid_len)?,
            )
        };
        let algorithm = hmac_algorithm_from(algorithm)?;
        add_key(set, JwtKey::new(HmacKey::new(algorithm, secret))?, kid)
    })
}

/// `jeton_jwt_key_set_add` for a legacy deployment whose secret is shorter
/// than RFC 7518 requires and cannot be changed: any secret but an empty
/// one. Prefer a secret of full length; this exists so that such a
/// deployment names its exception.
///
/// Returns as `jeton_jwt_key_set_add`, with `JETON_ERR_KEY_TOO_WEAK` only
/// for an empty secret.
///
/// # Safety
///
/// As `jeton_jwt_key_set_add`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_legacy_secret(
    keys: *mut jeton_jwt_key_set,
    algorithm: jeton_jwt_algorithm,
    secret: *const u8,
    secret_len: usize,
    kid: *const u8,
    kid_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the set (checked).
        let (set, secret, kid) = unsafe {
            (
                object_mut(
                    keys,
                    &[
                        Region::array(secret, secret_len),
                        Region::array(kid, kid_len),
                    ],
                )?,
                input(secret, secret_len)?,
                optional_input(kid, kid_len)?,
            )
        };
        let algorithm = hmac_algorithm_from(algorithm)?;
        let key = JwtKey::legacy_hmac(HmacKey::new(algorithm, secret))?;
        add_key(set, key, kid)
    })
}

/// Adds a copy of the HMAC key `key` (HMAC-SHA256, -384 or -512, for
/// HS256, HS384 or HS512; made with `jeton_hmac_key_init` or
/// `jeton_hmac_key_init_base64`) with the key ID `kid` (`(NULL, 0)` or
/// empty: none). `key` stays yours.
///
/// Returns `JETON_OK`; `JETON_ERR_JWT_KEY_INVALID` for an HMAC-SHA1 key
/// (it has no JWS algorithm) or a `kid` longer than
/// `JETON_JWT_MAX_KID_LEN`; `JETON_ERR_KEY_TOO_WEAK` for a key made from
/// a secret shorter than its hash output; otherwise as
/// `jeton_jwt_key_set_add`. NULL
/// `keys` or `key`: `JETON_ERR_NULL_POINTER`. On error the set is
/// unchanged.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` no other thread uses meanwhile;
/// `key` points to a `jeton_hmac_key`; `kid` (unless NULL) is readable for
/// `kid_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_hmac_key(
    keys: *mut jeton_jwt_key_set,
    key: *const jeton_hmac_key,
    kid: *const u8,
    kid_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the set (checked).
        let (set, key, kid) = unsafe {
            (
                object_mut(keys, &[Region::object(key), Region::array(kid, kid_len)])?,
                object(key)?,
                optional_input(kid, kid_len)?,
            )
        };
        add_key(set, JwtKey::new(key.clone())?, kid)
    })
}

/// How a key document is read: the one function of each kind below.
#[derive(Clone, Copy)]
enum Document {
    PublicJwk,
    PrivateJwk,
    PublicPem,
    PrivatePem,
}

/// The key `bytes` hold, read as `document` says.
fn read_document(document: Document, bytes: &[u8]) -> Result<JwtKey, Fail> {
    let read = match document {
        Document::PublicJwk => JwtKey::from_jwk(bytes),
        Document::PrivateJwk => JwtKey::from_private_jwk(bytes),
        #[cfg(all(
            feature = "pem",
            any(feature = "rsa", feature = "ecdsa", feature = "eddsa")
        ))]
        Document::PublicPem => JwtKey::from_pem(bytes),
        #[cfg(all(feature = "pem", any(feature = "ecdsa", feature = "eddsa")))]
        Document::PrivatePem => JwtKey::from_private_pem(bytes),
        #[allow(unreachable_patterns)]
        _ => return Err(Fail::from(jeton::Error::KeyUnsupported)),
    };
    Ok(read?)
}

/// Adds the key of a document to the set at `keys`, under `kid` (none when
/// the document carries its own: JWK).
///
/// # Safety
///
/// As the exported functions that call it.
unsafe fn add_document(
    keys: *mut jeton_jwt_key_set,
    document: Document,
    bytes: *const u8,
    len: usize,
    kid: *const u8,
    kid_len: usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says; no
    // input lies in the set (checked).
    let (set, bytes, kid) = unsafe {
        (
            object_mut(
                keys,
                &[Region::array(bytes, len), Region::array(kid, kid_len)],
            )?,
            input(bytes, len)?,
            optional_input(kid, kid_len)?,
        )
    };
    add_key(set, read_document(document, bytes)?, kid)
}

/// Adds the public key of a JSON Web Key (RFC 7517): `kty` `EC` (`crv`
/// P-256 or P-384), `OKP` (Ed25519) or `RSA` (2048 to 4096 bits), with its
/// `kid`, `alg` (the key then serves that algorithm only), `use` and
/// `key_ops` (a key whose `use` is not `sig`, or whose `key_ops` lack
/// `verify`, never verifies). The key material is copied in; `jwk` stays
/// yours.
///
/// Returns `JETON_OK`; `JETON_ERR_JWK_INVALID` (not a JWK: a member
/// missing or of the wrong type, base64url not canonical);
/// `JETON_ERR_JWK_PRIVATE_MEMBERS` (private members, such as `d`, or an
/// `oct` secret: a key that only verifies must not hold them);
/// `JETON_ERR_KEY_UNSUPPORTED` (a type, curve or `alg` this library does
/// not implement, or an `alg` the key's type cannot serve);
/// `JETON_ERR_KEY_MALFORMED` (a point off its curve, a coordinate of the
/// wrong length); `JETON_ERR_KEY_TOO_WEAK` (RSA below 2048 bits, an even
/// or tiny exponent); `JETON_ERR_JWT_KEY_INVALID` (a `kid` longer than
/// `JETON_JWT_MAX_KID_LEN`); `JETON_ERR_CAPACITY_EXCEEDED`. NULL `keys` or
/// `jwk`: `JETON_ERR_NULL_POINTER`. On error the set is unchanged.
///
/// ```c
/// const char *jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"...\",\"y\":\"...\",\"kid\":\"k1\"}";
/// status = jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)jwk, strlen(jwk));
/// ```
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` no other thread uses meanwhile;
/// `jwk` is readable for `jwk_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_jwk(
    keys: *mut jeton_jwt_key_set,
    jwk: *const u8,
    jwk_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `add_document`'s.
        unsafe {
            add_document(
                keys,
                Document::PublicJwk,
                jwk,
                jwk_len,
                core::ptr::null(),
                0,
            )
        }
    })
}

/// Adds a signing key from a private JSON Web Key: `EC` (P-256 for ES256,
/// P-384 for ES384) or `OKP` (Ed25519, EdDSA) with `d`, whose public
/// members must match it; or an `oct` secret (`k`; HS256 unless `alg`
/// names HS384 or HS512; at least as long as the hash output). The key
/// also verifies. RSA private keys are refused: jeton does not sign with
/// RSA.
///
/// Returns as `jeton_jwt_key_set_add_jwk`, with `JETON_ERR_JWK_INVALID`
/// when the private member is missing, `JETON_ERR_KEY_MALFORMED` when it
/// does not match the public ones, and `JETON_ERR_KEY_UNSUPPORTED` for
/// RSA. The material is copied in (and wiped with the set); wipe your
/// copy of `jwk` when done.
///
/// # Safety
///
/// As `jeton_jwt_key_set_add_jwk`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_private_jwk(
    keys: *mut jeton_jwt_key_set,
    jwk: *const u8,
    jwk_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `add_document`'s.
        unsafe {
            add_document(
                keys,
                Document::PrivateJwk,
                jwk,
                jwk_len,
                core::ptr::null(),
                0,
            )
        }
    })
}

/// Adds the public key of a PEM `PUBLIC KEY` document (DER
/// SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it): RSA, EC
/// P-256 or P-384, or Ed25519, for any algorithm of its family, under the
/// key ID `kid` (`(NULL, 0)` or empty: none).
///
/// Returns `JETON_OK`; `JETON_ERR_PEM_INVALID` (another label, bad base64,
/// DER that does not parse); `JETON_ERR_KEY_UNSUPPORTED`,
/// `JETON_ERR_KEY_MALFORMED`, `JETON_ERR_KEY_TOO_WEAK`,
/// `JETON_ERR_JWT_KEY_INVALID`, `JETON_ERR_JSON_INVALID_UTF8` (a `kid`
/// that is not UTF-8), `JETON_ERR_CAPACITY_EXCEEDED` as for a JWK; a
/// library built without its `pem` feature: `JETON_ERR_KEY_UNSUPPORTED`.
/// NULL `keys` or `pem`: `JETON_ERR_NULL_POINTER`. On error the set is
/// unchanged.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` no other thread uses meanwhile;
/// `pem` and `kid` (unless NULL) are readable for their lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_pem(
    keys: *mut jeton_jwt_key_set,
    pem: *const u8,
    pem_len: usize,
    kid: *const u8,
    kid_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `add_document`'s.
        unsafe { add_document(keys, Document::PublicPem, pem, pem_len, kid, kid_len) }
    })
}

/// Adds a signing key from a PEM `PRIVATE KEY` (PKCS#8) or `EC PRIVATE
/// KEY` (SEC1) document: EC P-256 (ES256), P-384 (ES384) or Ed25519
/// (EdDSA), under the key ID `kid`. The decoded DER is wiped before
/// returning; wipe your copy of `pem` when done.
///
/// Returns as `jeton_jwt_key_set_add_pem` (RSA private keys:
/// `JETON_ERR_KEY_UNSUPPORTED`).
///
/// # Safety
///
/// As `jeton_jwt_key_set_add_pem`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_private_pem(
    keys: *mut jeton_jwt_key_set,
    pem: *const u8,
    pem_len: usize,
    kid: *const u8,
    kid_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `add_document`'s.
        unsafe { add_document(keys, Document::PrivatePem, pem, pem_len, kid, kid_len) }
    })
}

/// What a key of a set is: its algorithm, uses and ID.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_key_info {
    /// The algorithm the key signs with (or, for a public key, its
    /// family's first: ES256, ES384, EdDSA, RS256), or the one it is
    /// restricted to.
    pub algorithm: jeton_jwt_algorithm,
    /// `JETON_JWT_KEY_*` bits.
    pub flags: jeton_jwt_key_flags,
    /// The key ID, `kid_len` bytes (not NUL-terminated).
    pub kid: [u8; JETON_JWT_MAX_KID_LEN],
    /// The length of `kid`; 0 when the key has none.
    pub kid_len: usize,
}

/// A set of `JETON_JWT_KEY_*` bits of `jeton_jwt_key_info`.
pub type jeton_jwt_key_flags = u32;
/// The key may verify tokens.
pub const JETON_JWT_KEY_VERIFIES: jeton_jwt_key_flags = 1 << 0;
/// The key can sign tokens (a secret, or a private key).
pub const JETON_JWT_KEY_SIGNS: jeton_jwt_key_flags = 1 << 1;
/// The key serves only `algorithm` (its JWK named it). An HMAC key always
/// serves only its own algorithm, without this bit.
pub const JETON_JWT_KEY_ALG_FIXED: jeton_jwt_key_flags = 1 << 2;

/// What the key `key` is, for C.
pub(crate) fn key_info(key: &JwtKey) -> jeton_jwt_key_info {
    let mut kid = [0u8; JETON_JWT_MAX_KID_LEN];
    let own = key.kid().unwrap_or_default().as_bytes();
    if let Some(slot) = kid.get_mut(..own.len()) {
        slot.copy_from_slice(own);
    }
    let bit = |on: bool, bit: jeton_jwt_key_flags| if on { bit } else { 0 };
    let algorithm = key.algorithm();
    jeton_jwt_key_info {
        algorithm: super::algorithm_to(algorithm),
        flags: bit(key.may_verify(), JETON_JWT_KEY_VERIFIES)
            | bit(key.may_sign(), JETON_JWT_KEY_SIGNS)
            | bit(key.restricted_alg().is_some(), JETON_JWT_KEY_ALG_FIXED),
        kid,
        kid_len: own.len(),
    }
}

/// Describes the key at `index` (from 0, in the order added) of `keys`.
///
/// Returns `JETON_OK` with `*info` set; `JETON_ERR_JWT_KEY_NOT_FOUND` when
/// `index` is not a key of the set; `JETON_ERR_OVERLAPPING_BUFFERS` when
/// `info` lies in the set. NULL `keys` or `info`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `info` to a writable
/// `jeton_jwt_key_info`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_key_info(
    keys: *const jeton_jwt_key_set,
    index: usize,
    info: *mut jeton_jwt_key_info,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `keys` is a key set and `info` writable (function
        // contract).
        let (set, info) = unsafe { (object(keys)?, out_ptr_apart(info, &[Region::object(keys)])?) };
        let key = set
            .keys()
            .get(index)
            .ok_or(Fail::from(jeton::Error::JwtKeyNotFound))?;
        info.set(key_info(key));
        Ok(())
    })
}

/// The RFC 7638 thumbprint of the key at `index` of `keys`: the base64url
/// SHA-256 of its required public members (43 characters), into `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed;
/// `JETON_ERR_JWT_KEY_NOT_FOUND` for an `index` past the keys;
/// `JETON_ERR_KEY_UNSUPPORTED` for an HMAC key (jeton keeps its keyed
/// states, not the secret an `oct` thumbprint hashes). NULL `keys` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `out` is writable for `out_cap`
/// bytes; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_thumbprint(
    keys: *const jeton_jwt_key_set,
    index: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `keys` is a key set (function contract).
        let set = unsafe { object(keys)? };
        let key = set
            .keys()
            .get(index)
            .ok_or(Fail::from(jeton::Error::JwtKeyNotFound))?;
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract); `out` may not overlap the set.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::object(keys)], |out| {
                thumbprint(key, out)
            })
        }
    })
}

/// The key's thumbprint, for the families that have one.
fn thumbprint(key: &JwtKey, out: &mut [u8]) -> Result<usize, jeton::Error> {
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    return key.thumbprint(out);
    #[cfg(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
    {
        let _ = (key, out);
        Err(jeton::Error::KeyUnsupported)
    }
}

/// The number of keys in `keys`.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the set. NULL `keys` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `count` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_len(
    keys: *const jeton_jwt_key_set,
    count: *mut usize,
) -> jeton_status {
    // SAFETY: `keys` is a key set and `count` writable (function contract).
    boundary(|| unsafe { count_of(keys, count, |keys| keys.keys().len()) })
}
