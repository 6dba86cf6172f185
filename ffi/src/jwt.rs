//! JSON Web Tokens (HS256, HS384, HS512): the key set
//! (`jeton_jwt_key_set`), encoding from a C description of the claims,
//! verification under C validation options, and the getters of a verified
//! token (`jeton_jwt_verified`).

use core::fmt;

use jeton::Error;
use jeton::json::Value;
use jeton::jwt::{
    self, Claim, ClaimValue, Claims, Expect, Header, JwtAlgorithm, JwtKey, KeySet, Validation,
};
use jeton::mac::{Algorithm, HmacKey};

use crate::boundary::{Step, boundary};
use crate::json::{jeton_json_kind, kind_to, reread};
use crate::mac::jeton_hmac_key;
use crate::object::{clear, object, object_mut, slot};
use crate::ptr::{
    Region, Regions, input, input_struct, jeton_bytes, optional_array, optional_input, out_ptr,
    output, report_len, write_out,
};
use crate::session::jeton_revocation_list;
use crate::status::{Fail, jeton_status};

/// A JWS algorithm, one of the `JETON_JWT_HS*` values.
pub type jeton_jwt_algorithm = u32;
/// HS256: HMAC-SHA256.
pub const JETON_JWT_HS256: jeton_jwt_algorithm = 1;
/// HS384: HMAC-SHA384. A library built without its `sha512` feature
/// refuses it (and HS512) with `JETON_ERR_INVALID_ARGUMENT`.
pub const JETON_JWT_HS384: jeton_jwt_algorithm = 2;
/// HS512: HMAC-SHA512.
pub const JETON_JWT_HS512: jeton_jwt_algorithm = 3;

/// Most keys a `jeton_jwt_key_set` holds.
pub const JETON_JWT_KEY_SET_CAPACITY: usize = 4;
/// Size in bytes of a `jeton_jwt_key_set`.
pub const JETON_JWT_KEY_SET_SIZE: usize = 1664;
/// Longest `kid` a key may carry, in bytes.
pub const JETON_JWT_MAX_KID_LEN: usize = 64;
const _: () = assert!(JETON_JWT_MAX_KID_LEN == jwt::MAX_KID_LEN);

/// Most custom claims `jeton_jwt_encode` writes in one token.
pub const JETON_JWT_MAX_CUSTOM_CLAIMS: usize = 16;
/// Most values in a list of a `jeton_jwt_claims` (`audiences`) or of a
/// `jeton_jwt_validation` (`issuers`, `audiences`).
pub const JETON_JWT_MAX_LIST: usize = 8;
/// Longest token accepted when `jeton_jwt_validation.max_token_len` is 0:
/// 8 KiB.
pub const JETON_JWT_DEFAULT_MAX_TOKEN_LEN: usize = 8192;
const _: () = assert!(JETON_JWT_DEFAULT_MAX_TOKEN_LEN == Validation::new(0).max_token_len);

/// Up to `JETON_JWT_KEY_SET_CAPACITY` HMAC keys, each with its JWS
/// algorithm and an optional key ID (`kid`), that tokens are signed with
/// and verified against. A token that names a `kid` is checked only
/// against the keys with that ID; one without `kid` against every key of
/// its algorithm. Placed and managed like `jeton_hmac_key`:
/// `jeton_jwt_key_set_init`, `jeton_jwt_key_set_add`, ...,
/// `jeton_jwt_key_set_clear` (which zeroizes the keys).
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

/// The header of a token to encode. `alg` always comes from the key. A
/// zero-filled struct means `{"alg":...,"typ":"JWT"}` plus the key's
/// `kid`, if it has one.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_header {
    /// `typ`; NULL: `JWT` (or none with `JETON_JWT_NO_TYP`).
    pub typ: jeton_bytes,
    /// `kid`; NULL: the signing key's own `kid`, if it has one.
    pub kid: jeton_bytes,
    /// `JETON_JWT_NO_TYP` or 0; any other bit is
    /// `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_flags,
}

/// The type of a custom claim's value, one of the `JETON_JWT_VALUE_*`
/// values.
pub type jeton_jwt_value_kind = u32;
/// A string, taken from `text` (UTF-8) and escaped on the way out.
pub const JETON_JWT_VALUE_STRING: jeton_jwt_value_kind = 1;
/// An integer, taken from `integer`.
pub const JETON_JWT_VALUE_INT: jeton_jwt_value_kind = 2;
/// `true` or `false`: `integer` non-zero or zero.
pub const JETON_JWT_VALUE_BOOL: jeton_jwt_value_kind = 3;
/// Raw JSON taken from `text` (any JSON value: object, array, number,
/// `null`...), checked to be JSON and written as it is.
pub const JETON_JWT_VALUE_JSON: jeton_jwt_value_kind = 4;

/// A custom (private or public) claim to encode.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_claim {
    /// The claim name (UTF-8); not one of the registered names (`iss`,
    /// `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`), and unique.
    pub name: jeton_bytes,
    /// A `JETON_JWT_VALUE_*` value (0 is not one).
    pub kind: jeton_jwt_value_kind,
    /// The string (`JETON_JWT_VALUE_STRING`) or raw JSON
    /// (`JETON_JWT_VALUE_JSON`); ignored otherwise (may be NULL then).
    pub text: jeton_bytes,
    /// The integer (`JETON_JWT_VALUE_INT`) or boolean
    /// (`JETON_JWT_VALUE_BOOL`: non-zero is `true`); ignored otherwise.
    pub integer: i64,
}

/// The claims set of a token to encode. Every view is borrowed for the
/// call only; a zero-filled struct is the empty claims set `{}`. Members
/// are written in the order `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`,
/// `jti`, then the custom claims in array order. Strings must be UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_claims {
    /// `iss`; NULL: absent.
    pub iss: jeton_bytes,
    /// `sub`; NULL: absent.
    pub sub: jeton_bytes,
    /// `aud` as one string; NULL: absent. Not together with `audiences`.
    pub aud: jeton_bytes,
    /// `aud` as an array of `audience_count` strings (up to
    /// `JETON_JWT_MAX_LIST`); NULL (with a count of 0): absent.
    pub audiences: *const jeton_bytes,
    /// The number of `audiences`.
    pub audience_count: usize,
    /// `jti`; NULL: absent.
    pub jti: jeton_bytes,
    /// `exp`, Unix seconds, written with `JETON_JWT_HAS_EXP`.
    pub exp: i64,
    /// `nbf`, Unix seconds, written with `JETON_JWT_HAS_NBF`.
    pub nbf: i64,
    /// `iat`, Unix seconds, written with `JETON_JWT_HAS_IAT`.
    pub iat: i64,
    /// `JETON_JWT_HAS_EXP`, `JETON_JWT_HAS_NBF`, `JETON_JWT_HAS_IAT`; any
    /// other bit is `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_flags,
    /// `custom_count` custom claims (up to `JETON_JWT_MAX_CUSTOM_CLAIMS`);
    /// NULL (with a count of 0): none.
    pub custom: *const jeton_jwt_claim,
    /// The number of `custom` claims.
    pub custom_count: usize,
}

/// A set of registered claims, `JETON_JWT_CLAIM_*` bits, that must be
/// present for `jeton_jwt_verify` to accept a token.
pub type jeton_jwt_claim_set = u32;
/// `iss`.
pub const JETON_JWT_CLAIM_ISS: jeton_jwt_claim_set = 1 << 0;
/// `sub`.
pub const JETON_JWT_CLAIM_SUB: jeton_jwt_claim_set = 1 << 1;
/// `aud`.
pub const JETON_JWT_CLAIM_AUD: jeton_jwt_claim_set = 1 << 2;
/// `exp`.
pub const JETON_JWT_CLAIM_EXP: jeton_jwt_claim_set = 1 << 3;
/// `nbf`.
pub const JETON_JWT_CLAIM_NBF: jeton_jwt_claim_set = 1 << 4;
/// `iat`.
pub const JETON_JWT_CLAIM_IAT: jeton_jwt_claim_set = 1 << 5;
/// `jti`.
pub const JETON_JWT_CLAIM_JTI: jeton_jwt_claim_set = 1 << 6;
/// Require no claim at all (`required` = 0 means the default,
/// `JETON_JWT_CLAIM_EXP`); only valid alone.
pub const JETON_JWT_CLAIM_NONE: jeton_jwt_claim_set = 1 << 7;

/// A set of `JETON_JWT_*` bits of `jeton_jwt_validation.flags`: each
/// relaxes a default, so 0 is the strict behaviour.
pub type jeton_jwt_validation_flags = u32;
/// Accept a token that carries `aud` although `audiences` names none
/// (by default such a token is refused, as jsonwebtoken and PyJWT do).
pub const JETON_JWT_IGNORE_AUDIENCE: jeton_jwt_validation_flags = 1 << 0;
/// Do not check `exp` (it may still be required).
pub const JETON_JWT_SKIP_EXP_CHECK: jeton_jwt_validation_flags = 1 << 1;
/// Do not check `nbf`.
pub const JETON_JWT_SKIP_NBF_CHECK: jeton_jwt_validation_flags = 1 << 2;
/// Accept any `typ` header parameter (by default, when present, it must
/// be `typ`, or `JWT`, compared case-insensitively).
pub const JETON_JWT_ANY_TYP: jeton_jwt_validation_flags = 1 << 3;

/// What `jeton_jwt_verify` checks besides the signature, and against which
/// clock. A zero-filled struct with `now` set gives the defaults: `exp`
/// required and checked, `nbf` checked when present, no leeway, tokens up
/// to `JETON_JWT_DEFAULT_MAX_TOKEN_LEN` bytes, `typ` when present must be
/// `JWT`, any issuer and subject, and a token carrying `aud` refused
/// (name the audiences you accept). Views are borrowed for the call only.
/// Strings must be UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_validation {
    /// Your clock, Unix seconds: jeton has none.
    pub now: i64,
    /// Seconds of tolerance for `exp` and `nbf`.
    pub leeway: u64,
    /// Longest token accepted, in bytes; 0:
    /// `JETON_JWT_DEFAULT_MAX_TOKEN_LEN`.
    pub max_token_len: usize,
    /// The accepted issuers (`iss` must equal one), `issuer_count` of them
    /// (1 to `JETON_JWT_MAX_LIST`); NULL (with a count of 0): any issuer,
    /// or none.
    pub issuers: *const jeton_bytes,
    /// The number of `issuers`.
    pub issuer_count: usize,
    /// The required `sub`; NULL: any subject, or none.
    pub subject: jeton_bytes,
    /// The accepted audiences (`aud`, a string or any element of an array,
    /// must equal one), `audience_count` of them (1 to
    /// `JETON_JWT_MAX_LIST`); NULL (with a count of 0): none, see
    /// `JETON_JWT_IGNORE_AUDIENCE`.
    pub audiences: *const jeton_bytes,
    /// The number of `audiences`.
    pub audience_count: usize,
    /// The `JETON_JWT_CLAIM_*` claims that must be present; 0:
    /// `JETON_JWT_CLAIM_EXP`; `JETON_JWT_CLAIM_NONE`: none.
    pub required: jeton_jwt_claim_set,
    /// `JETON_JWT_IGNORE_AUDIENCE`, `JETON_JWT_SKIP_EXP_CHECK`,
    /// `JETON_JWT_SKIP_NBF_CHECK`, `JETON_JWT_ANY_TYP`; any other bit is
    /// `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_validation_flags,
    /// The `typ` a header may carry (compared case-insensitively); NULL:
    /// `JWT`. Ignored with `JETON_JWT_ANY_TYP`.
    pub typ: jeton_bytes,
    /// A revocation list to consult, checked last: a token whose `jti` is
    /// on it is refused with `JETON_ERR_JWT_REVOKED`. NULL: none.
    pub revocation: *const jeton_revocation_list,
}

/// A token whose signature and claims checked out: a view of its header
/// and claims, decoded into the buffer given to `jeton_jwt_verify`. Every
/// view points into that buffer and is valid while the buffer is alive
/// and unchanged; the struct itself may be copied freely.
///
/// String claims are given raw, as the bytes between the JSON quotes with
/// escapes as written: when the matching `JETON_JWT_*_ESCAPED` flag is
/// clear (the usual case) the raw bytes are the string; otherwise read it
/// with `jeton_jwt_verified_claim_str` (or `jeton_jwt_verified_header_str`
/// for `kid`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_verified {
    /// The decoded header, a JSON object.
    pub header: jeton_bytes,
    /// The decoded claims set, a JSON object.
    pub claims: jeton_bytes,
    /// The algorithm the token was verified with.
    pub algorithm: jeton_jwt_algorithm,
    /// `JETON_JWT_HAS_EXP`, `JETON_JWT_HAS_NBF`, `JETON_JWT_HAS_IAT` and the
    /// `JETON_JWT_*_ESCAPED` bits.
    pub flags: jeton_jwt_flags,
    /// Index in the key set of the key that verified the token.
    pub key_index: usize,
    /// The header's `kid`, raw; NULL when absent.
    pub kid: jeton_bytes,
    /// `iss`, raw; NULL when absent.
    pub iss: jeton_bytes,
    /// `sub`, raw; NULL when absent.
    pub sub: jeton_bytes,
    /// `jti`, raw; NULL when absent.
    pub jti: jeton_bytes,
    /// `aud` as JSON: a string (quotes included) or an array of strings;
    /// NULL when absent. `jeton_jwt_verified_audience` reads each audience.
    pub aud: jeton_bytes,
    /// `exp` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_EXP`.
    pub exp: i64,
    /// `nbf` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_NBF`.
    pub nbf: i64,
    /// `iat` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_IAT`.
    pub iat: i64,
}

/// A JWS whose signature checked out, its payload not interpreted. Its
/// views point into the buffer given to `jeton_jws_verify`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jws_verified {
    /// The decoded header, a JSON object.
    pub header: jeton_bytes,
    /// The decoded payload, any bytes.
    pub payload: jeton_bytes,
    /// The algorithm it was verified with.
    pub algorithm: jeton_jwt_algorithm,
    /// Index in the key set of the key that verified it.
    pub key_index: usize,
}

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

/// The C value of an algorithm.
fn algorithm_to(algorithm: JwtAlgorithm) -> jeton_jwt_algorithm {
    match algorithm {
        JwtAlgorithm::HS256 => JETON_JWT_HS256,
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS384 => JETON_JWT_HS384,
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS512 => JETON_JWT_HS512,
    }
}

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

/// Adds `key` to `set` under `kid` (empty: none).
fn add_key(
    set: &mut KeySet<JETON_JWT_KEY_SET_CAPACITY>,
    key: HmacKey,
    kid: Option<&[u8]>,
) -> Result<(), Fail> {
    let mut key = JwtKey::new(key)?;
    if let Some(kid) = kid {
        key = key.with_kid(text(kid)?)?;
    }
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

/// Adds a key for `algorithm` made from `secret` (any length; RFC 7518
/// asks for at least as many bytes as the hash output, 32 for HS256, but
/// jeton does not refuse shorter secrets, which peers produce) with the key
/// ID `kid` (`(NULL, 0)` or empty: none). The secret is not kept: only the
/// keyed hash states are.
///
/// Returns `JETON_OK`; `JETON_ERR_CAPACITY_EXCEEDED` when the set already
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
        add_key(set, HmacKey::new(algorithm, secret), kid)
    })
}

/// Adds a copy of the HMAC key `key` (HMAC-SHA256, -384 or -512, for
/// HS256, HS384 or HS512; made with `jeton_hmac_key_init` or
/// `jeton_hmac_key_init_base64`) with the key ID `kid` (`(NULL, 0)` or
/// empty: none). `key` stays yours.
///
/// Returns `JETON_OK`; `JETON_ERR_JWT_KEY_INVALID` for an HMAC-SHA1 key
/// (it has no JWS algorithm) or a `kid` longer than
/// `JETON_JWT_MAX_KID_LEN`; otherwise as `jeton_jwt_key_set_add`. NULL
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
        add_key(set, key.clone(), kid)
    })
}

/// The number of keys in `keys`.
///
/// Returns `JETON_OK` and sets `*count`. NULL `keys` or `count`:
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
    boundary(|| {
        // SAFETY: `keys` is a key set and `count` writable (function
        // contract).
        let (keys, count) = unsafe { (object(keys)?, out_ptr(count)?) };
        count.set(keys.keys().len());
        Ok(())
    })
}

/// The most regions an encode call reads: the two structs, the two
/// arrays, every view.
const ENCODE_REGIONS: usize = 8 + JETON_JWT_MAX_LIST + 2 * JETON_JWT_MAX_CUSTOM_CLAIMS + 4;

/// Encodes the claims described by `claims` under the header `header`.
///
/// # Safety
///
/// As `jeton_jwt_encode`.
unsafe fn encode(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    header: *const jeton_jwt_header,
    claims: *const jeton_jwt_claims,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says.
    let (set, h, c, out_len) = unsafe {
        (
            object(keys)?,
            input_struct(header)?,
            input_struct(claims)?,
            out_ptr(out_len)?,
        )
    };
    let mut regions = Regions::<ENCODE_REGIONS>::new();
    regions.push(Region::object(keys))?;
    regions.push(Region::object(header))?;
    regions.push(Region::object(claims))?;

    // The header.
    if h.flags & !JETON_JWT_NO_TYP != 0 {
        return Err(Fail::INVALID);
    }
    // SAFETY: the views are readable (function contract).
    let (typ, kid) = unsafe { (optional_text(h.typ)?, optional_text(h.kid)?) };
    let typ = match (typ, h.flags & JETON_JWT_NO_TYP != 0) {
        (None, false) => Some("JWT"),
        (None, true) => None,
        (Some(typ), false) => Some(typ),
        (Some(_), true) => return Err(Fail::INVALID),
    };
    for view in [typ, kid].into_iter().flatten() {
        regions.push(Region::of(view.as_bytes()))?;
    }
    let header = Header { typ, kid };

    // The registered claims.
    if c.flags & !(JETON_JWT_HAS_EXP | JETON_JWT_HAS_NBF | JETON_JWT_HAS_IAT) != 0 {
        return Err(Fail::INVALID);
    }
    // Declared before the builder, which borrows it.
    let mut list = [""; JETON_JWT_MAX_LIST];
    let mut built: Claims<'_, JETON_JWT_MAX_CUSTOM_CLAIMS> = Claims::with_capacity();
    // SAFETY: the views are readable (function contract).
    let (iss, sub, jti, aud) = unsafe {
        (
            optional_text(c.iss)?,
            optional_text(c.sub)?,
            optional_text(c.jti)?,
            optional_text(c.aud)?,
        )
    };
    for view in [iss, sub, jti, aud].into_iter().flatten() {
        regions.push(Region::of(view.as_bytes()))?;
    }
    if let Some(iss) = iss {
        built = built.issuer(iss);
    }
    if let Some(sub) = sub {
        built = built.subject(sub);
    }
    if let Some(jti) = jti {
        built = built.jwt_id(jti);
    }
    // SAFETY: the array is readable for its count (function contract).
    let audiences = unsafe { optional_array(c.audiences, c.audience_count)? };
    match (aud, audiences) {
        (Some(_), Some(_)) => return Err(Fail::INVALID),
        (Some(aud), None) => built = built.audience(aud),
        (None, Some(views)) => {
            if views.len() > JETON_JWT_MAX_LIST {
                return Err(Error::TooManyItems.into());
            }
            regions.push(Region::array(views.as_ptr(), views.len()))?;
            for (slot, view) in list.iter_mut().zip(views) {
                // SAFETY: every view is readable (function contract).
                *slot = unsafe { required_text(*view)? };
                regions.push(Region::of(slot.as_bytes()))?;
            }
        }
        (None, None) => {}
    }
    if let Some(views) = audiences {
        built = built.audiences(list.get(..views.len()).unwrap_or(&[]));
    }
    let flag = |bit: jeton_jwt_flags| c.flags & bit != 0;
    if flag(JETON_JWT_HAS_EXP) {
        built = built.expires_at(c.exp);
    }
    if flag(JETON_JWT_HAS_NBF) {
        built = built.not_before(c.nbf);
    }
    if flag(JETON_JWT_HAS_IAT) {
        built = built.issued_at(c.iat);
    }

    // The custom claims.
    // SAFETY: the array is readable for its count (function contract).
    let custom = unsafe { optional_array(c.custom, c.custom_count)? }.unwrap_or(&[]);
    if custom.len() > JETON_JWT_MAX_CUSTOM_CLAIMS {
        return Err(Error::TooManyItems.into());
    }
    if !custom.is_empty() {
        regions.push(Region::array(custom.as_ptr(), custom.len()))?;
    }
    for claim in custom {
        // SAFETY: the views are readable (function contract).
        let name = unsafe { required_text(claim.name)? };
        regions.push(Region::of(name.as_bytes()))?;
        let value = match claim.kind {
            JETON_JWT_VALUE_STRING | JETON_JWT_VALUE_JSON => {
                // SAFETY: as above.
                let text = unsafe { required_text(claim.text)? };
                regions.push(Region::of(text.as_bytes()))?;
                if claim.kind == JETON_JWT_VALUE_STRING {
                    ClaimValue::Str(text)
                } else {
                    ClaimValue::Json(text)
                }
            }
            JETON_JWT_VALUE_INT => ClaimValue::Int(claim.integer),
            JETON_JWT_VALUE_BOOL => ClaimValue::Bool(claim.integer != 0),
            _ => return Err(Fail::INVALID),
        };
        built = built.claim(name, value);
    }

    // SAFETY: `out` is writable for `out_cap` bytes (function contract);
    // `output` checks that it overlaps no input.
    let out = unsafe { output(out, out_cap, regions.as_slice())? };
    let key = set
        .keys()
        .get(key_index)
        .ok_or(Fail::from(Error::JwtKeyNotFound))?;
    report_len(jwt::encode_with_header(key, &header, &built, out), out_len)
}

/// Signs the claims set `claims` with the key at `key_index` of `keys` (0
/// for the first) under the header `header`, and writes the compact token
/// `base64url(header).base64url(claims).base64url(signature)` into `out`.
/// The header's `alg` is the key's algorithm; its `kid` is `header->kid`,
/// or else the key's own. jeton writes integer NumericDates only.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); `JETON_ERR_JWT_KEY_NOT_FOUND` when `key_index` is
/// not a key of the set; `JETON_ERR_JWT_PAYLOAD_DUPLICATE` for a custom
/// claim named like a registered claim or like another;
/// `JETON_ERR_TOO_MANY_ITEMS` beyond `JETON_JWT_MAX_CUSTOM_CLAIMS` custom
/// claims or `JETON_JWT_MAX_LIST` audiences; `JETON_ERR_JSON_INVALID_UTF8`
/// for a string that is not UTF-8; a `JETON_ERR_JSON_*` error for a
/// `JETON_JWT_VALUE_JSON` value that is not JSON;
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown flag or value kind, both
/// `aud` and `audiences`, a `typ` with `JETON_JWT_NO_TYP`, or a NULL
/// optional view or array with a non-zero length. NULL `keys`, `header`,
/// `claims`, `out_len`, a NULL required view (a custom claim's `name`, a
/// string's `text`, an element of `audiences`), or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial token.
///
/// ```c
/// jeton_jwt_claim role = { { (const uint8_t *)"role", 4 }, JETON_JWT_VALUE_STRING,
///                          { (const uint8_t *)"admin", 5 }, 0 };
/// jeton_jwt_claims claims = {0};
/// jeton_jwt_header header = {0};
/// claims.sub.ptr = (const uint8_t *)"user-42"; claims.sub.len = 7;
/// claims.exp = now + 900; claims.flags = JETON_JWT_HAS_EXP;
/// claims.custom = &role; claims.custom_count = 1;
/// status = jeton_jwt_encode(&keys, 0, &header, &claims, token, sizeof token, &token_len);
/// ```
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `header` to a
/// `jeton_jwt_header` and `claims` to a `jeton_jwt_claims` whose views and
/// arrays are readable for their lengths; `out` is writable for `out_cap`
/// bytes and overlaps none of them; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_encode(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    header: *const jeton_jwt_header,
    claims: *const jeton_jwt_claims,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    // SAFETY: the function contract is `encode`'s.
    boundary(|| unsafe { encode(keys, key_index, header, claims, out, out_cap, out_len) })
}

/// The most regions a verify call reads besides the buffer: the options,
/// their arrays and views, the revocation list, the key set, the token and
/// the struct written.
const VERIFY_REGIONS: usize = 10 + 2 * JETON_JWT_MAX_LIST;

/// A `jeton_jwt_validation` read and checked, owning what a core
/// [`Validation`] borrows.
struct Options<'a> {
    now: i64,
    leeway: u64,
    max_token_len: usize,
    issuers: [&'a str; JETON_JWT_MAX_LIST],
    issuer_count: usize,
    subject: Option<&'a str>,
    audiences: [&'a str; JETON_JWT_MAX_LIST],
    audience_count: usize,
    required: [Claim; 7],
    required_count: usize,
    flags: jeton_jwt_validation_flags,
    typ: Option<&'a str>,
    revocation: Option<&'a dyn jeton::session::Revocation>,
    regions: Regions<VERIFY_REGIONS>,
}

/// The list `(ptr, count)` of accepted values into `slots`: absent is
/// empty, present holds 1 to `JETON_JWT_MAX_LIST` UTF-8 strings.
///
/// # Safety
///
/// The array and its views are readable while `slots` is used.
unsafe fn read_list(
    ptr: *const jeton_bytes,
    count: usize,
    slots: &mut [&str; JETON_JWT_MAX_LIST],
    regions: &mut Regions<VERIFY_REGIONS>,
) -> Result<usize, Fail> {
    // SAFETY: the caller's contract.
    let Some(views) = (unsafe { optional_array(ptr, count)? }) else {
        return Ok(0);
    };
    if views.is_empty() {
        // An empty list of accepted values would refuse every token.
        return Err(Fail::INVALID);
    }
    if views.len() > JETON_JWT_MAX_LIST {
        return Err(Error::TooManyItems.into());
    }
    regions.push(Region::array(views.as_ptr(), views.len()))?;
    for (slot, view) in slots.iter_mut().zip(views) {
        // SAFETY: the caller's contract.
        *slot = unsafe { required_text(*view)? };
        regions.push(Region::of(slot.as_bytes()))?;
    }
    Ok(views.len())
}

impl<'a> Options<'a> {
    /// Reads the C options.
    ///
    /// # Safety
    ///
    /// `ptr` points to a `jeton_jwt_validation` whose arrays, views and
    /// revocation list are readable during `'a`.
    unsafe fn read(ptr: *const jeton_jwt_validation) -> Result<Options<'a>, Fail> {
        // SAFETY: the caller's contract.
        let v: &'a jeton_jwt_validation = unsafe { input_struct(ptr)? };
        let mut regions = Regions::new();
        regions.push(Region::object(ptr))?;
        let known = JETON_JWT_IGNORE_AUDIENCE
            | JETON_JWT_SKIP_EXP_CHECK
            | JETON_JWT_SKIP_NBF_CHECK
            | JETON_JWT_ANY_TYP;
        if v.flags & !known != 0 {
            return Err(Fail::INVALID);
        }
        let mut issuers = [""; JETON_JWT_MAX_LIST];
        let mut audiences = [""; JETON_JWT_MAX_LIST];
        // SAFETY: the caller's contract.
        let (issuer_count, audience_count, subject, typ) = unsafe {
            (
                read_list(v.issuers, v.issuer_count, &mut issuers, &mut regions)?,
                read_list(v.audiences, v.audience_count, &mut audiences, &mut regions)?,
                optional_text(v.subject)?,
                optional_text(v.typ)?,
            )
        };
        for view in [subject, typ].into_iter().flatten() {
            regions.push(Region::of(view.as_bytes()))?;
        }
        let all = [
            (JETON_JWT_CLAIM_ISS, Claim::Issuer),
            (JETON_JWT_CLAIM_SUB, Claim::Subject),
            (JETON_JWT_CLAIM_AUD, Claim::Audience),
            (JETON_JWT_CLAIM_EXP, Claim::ExpiresAt),
            (JETON_JWT_CLAIM_NBF, Claim::NotBefore),
            (JETON_JWT_CLAIM_IAT, Claim::IssuedAt),
            (JETON_JWT_CLAIM_JTI, Claim::JwtId),
        ];
        let bits = match v.required {
            0 => JETON_JWT_CLAIM_EXP,
            JETON_JWT_CLAIM_NONE => 0,
            bits if bits & !(JETON_JWT_CLAIM_NONE - 1) != 0 => return Err(Fail::INVALID),
            bits => bits,
        };
        let mut required = [Claim::ExpiresAt; 7];
        let mut required_count = 0;
        for (bit, claim) in all {
            if bits & bit != 0
                && let Some(slot) = required.get_mut(required_count)
            {
                *slot = claim;
                required_count += 1;
            }
        }
        let revocation = if v.revocation.is_null() {
            None
        } else {
            regions.push(Region::object(v.revocation))?;
            // SAFETY: a revocation list nothing writes to during 'a (the
            // caller's contract).
            let list: &'a dyn jeton::session::Revocation = unsafe { object(v.revocation)? };
            Some(list)
        };
        Ok(Options {
            now: v.now,
            leeway: v.leeway,
            max_token_len: if v.max_token_len == 0 {
                JETON_JWT_DEFAULT_MAX_TOKEN_LEN
            } else {
                v.max_token_len
            },
            issuers,
            issuer_count,
            subject,
            audiences,
            audience_count,
            required,
            required_count,
            flags: v.flags,
            typ,
            revocation,
            regions,
        })
    }

    /// The core options.
    fn validation(&self) -> Validation<'_> {
        fn expect<'v>(list: &'v [&'v str]) -> Expect<'v> {
            match list {
                [] => Expect::Any,
                [one] => Expect::One(one),
                many => Expect::AnyOf(many),
            }
        }
        let flag = |bit: jeton_jwt_validation_flags| self.flags & bit != 0;
        let mut v = Validation::new(self.now);
        v.leeway = self.leeway;
        v.max_token_len = self.max_token_len;
        v.issuer = expect(self.issuers.get(..self.issuer_count).unwrap_or(&[]));
        v.subject = self.subject.map_or(Expect::Any, Expect::One);
        v.audience = expect(self.audiences.get(..self.audience_count).unwrap_or(&[]));
        v.ignore_audience = flag(JETON_JWT_IGNORE_AUDIENCE);
        v.required = self.required.get(..self.required_count).unwrap_or(&[]);
        v.check_exp = !flag(JETON_JWT_SKIP_EXP_CHECK);
        v.check_nbf = !flag(JETON_JWT_SKIP_NBF_CHECK);
        v.typ = if flag(JETON_JWT_ANY_TYP) {
            None
        } else {
            Some(self.typ.unwrap_or("JWT"))
        };
        v.revocation = self.revocation;
        v
    }
}

/// `bit` when the string is present and holds escapes, else 0.
fn escaped_bit(s: Option<jeton::json::JsonStr<'_>>, bit: jeton_jwt_flags) -> jeton_jwt_flags {
    if s.is_some_and(|s| s.is_escaped()) {
        bit
    } else {
        0
    }
}

/// Verifies a compact JWT: every check of the token and of its claims (see
/// `jeton_jwt_validation`), in a fixed order, each failure its own status:
/// `JETON_ERR_JWT_TOO_LONG`, `JETON_ERR_JWT_MALFORMED` (not three non-empty
/// segments), `JETON_ERR_JWT_HEADER_BASE64`, `JETON_ERR_JWT_PAYLOAD_BASE64`,
/// `JETON_ERR_JWT_SIGNATURE_BASE64` (canonical unpadded base64url only),
/// `JETON_ERR_BUFFER_TOO_SMALL`, `JETON_ERR_JWT_HEADER_INVALID`,
/// `JETON_ERR_JWT_HEADER_DUPLICATE`, `JETON_ERR_JWT_HEADER_PARAMETER`,
/// `JETON_ERR_JWT_ALG_MISSING`, `JETON_ERR_JWT_ALG_NONE`,
/// `JETON_ERR_JWT_TYP_INVALID`, `JETON_ERR_JWT_CRIT_UNSUPPORTED`,
/// `JETON_ERR_JWT_KEY_NOT_FOUND` (no key has the token's `kid`),
/// `JETON_ERR_JWT_ALG_MISMATCH` (the algorithm comes from the key, never
/// from the token), `JETON_ERR_JWT_SIGNATURE_BASE64` (a signature of the
/// wrong length), `JETON_ERR_JWT_SIGNATURE_MISMATCH` (checked in constant
/// time, against every candidate key), and only then the claims:
/// `JETON_ERR_JWT_PAYLOAD_INVALID`, `JETON_ERR_JWT_PAYLOAD_DUPLICATE`,
/// `JETON_ERR_JWT_CLAIM_TYPE`, `JETON_ERR_JWT_CLAIM_RANGE`,
/// `JETON_ERR_JWT_MISSING_CLAIM`, `JETON_ERR_JWT_EXPIRED`,
/// `JETON_ERR_JWT_NOT_YET_VALID`, `JETON_ERR_JWT_ISSUER_INVALID`,
/// `JETON_ERR_JWT_SUBJECT_INVALID`, `JETON_ERR_JWT_AUDIENCE_INVALID`,
/// `JETON_ERR_JWT_REVOKED`.
///
/// The header and claims are decoded into `buf`: `token_len` bytes always
/// suffice (three quarters of it, in fact). On `JETON_OK`, `*verified` is
/// set, its views pointing into `buf` (valid while `buf` is unchanged),
/// and `*buf_len` holds the bytes used. On `JETON_ERR_BUFFER_TOO_SMALL`
/// (reported only once the token's base64 is known to be valid),
/// `*buf_len` holds the length needed.
///
/// Also returns `JETON_ERR_INVALID_ARGUMENT` for options that break their
/// rules (an unknown flag or claim bit, an empty accepted list,
/// `JETON_JWT_CLAIM_NONE` with another bit) and
/// `JETON_ERR_TOO_MANY_ITEMS` for a list longer than
/// `JETON_JWT_MAX_LIST`; `JETON_ERR_JSON_INVALID_UTF8` for an expected
/// value that is not UTF-8. NULL `keys`, `token`, `validation`, `buf_len`,
/// `verified`, a NULL element of a list, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On any error `buf` holds nothing
/// of the token and `*verified` is untouched.
///
/// ```c
/// jeton_jwt_validation v = {0};
/// jeton_bytes aud = { (const uint8_t *)"https://api.example.com", 23 };
/// jeton_jwt_verified claims;
/// uint8_t buf[1024];
/// size_t used;
/// v.now = time(NULL);
/// v.audiences = &aud; v.audience_count = 1;
/// if (jeton_jwt_verify(&keys, token, token_len, &v, buf, sizeof buf, &used, &claims) == JETON_OK)
///     printf("%.*s\n", (int)claims.sub.len, (const char *)claims.sub.ptr);
/// ```
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `token` is readable for
/// `token_len` bytes; `validation` points to a `jeton_jwt_validation`
/// whose views, arrays and revocation list are readable (the list not
/// changed by another thread meanwhile); `buf` is writable for `buf_cap`
/// bytes and overlaps none of them; `buf_len` and `verified` point to
/// writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps no input.
        let (set, token, mut options, buf_len, out) = unsafe {
            (
                object(keys)?,
                input(token, token_len)?,
                Options::read(validation)?,
                out_ptr(buf_len)?,
                out_ptr(verified)?,
            )
        };
        options.regions.push(Region::object(keys))?;
        options.regions.push(Region::of(token))?;
        options.regions.push(Region::object(verified))?;
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, options.regions.as_slice())? };
        let (base, cap) = (buf.as_ptr(), buf.len());
        let v = match jwt::verify(token, set, &options.validation(), buf) {
            Ok(v) => v,
            Err(e) => return report_len(Err(e), buf_len),
        };
        let view = |part: &[u8]| jeton_bytes::inside(base, cap, part);
        let raw = |s: Option<jeton::json::JsonStr<'_>>| {
            jeton_bytes::inside_optional(base, cap, s.map(|s| s.raw()))
        };
        let bit = |on: bool, bit: jeton_jwt_flags| if on { bit } else { 0 };
        let (header, claims) = (v.header().raw(), v.claims().raw());
        out.set(jeton_jwt_verified {
            header: view(header),
            claims: view(claims),
            algorithm: algorithm_to(v.algorithm()),
            flags: bit(v.expires_at().is_some(), JETON_JWT_HAS_EXP)
                | bit(v.not_before().is_some(), JETON_JWT_HAS_NBF)
                | bit(v.issued_at().is_some(), JETON_JWT_HAS_IAT)
                | escaped_bit(v.kid(), JETON_JWT_KID_ESCAPED)
                | escaped_bit(v.issuer(), JETON_JWT_ISS_ESCAPED)
                | escaped_bit(v.subject(), JETON_JWT_SUB_ESCAPED)
                | escaped_bit(v.jwt_id(), JETON_JWT_JTI_ESCAPED),
            key_index: v.key_index(),
            kid: raw(v.kid()),
            iss: raw(v.issuer()),
            sub: raw(v.subject()),
            jti: raw(v.jwt_id()),
            aud: jeton_bytes::inside_optional(base, cap, v.audience().map(|a| a.raw())),
            exp: v.expires_at().unwrap_or(0),
            nbf: v.not_before().unwrap_or(0),
            iat: v.issued_at().unwrap_or(0),
        });
        buf_len.set(header.len() + claims.len());
        Ok(())
    })
}

/// Verifies a compact JWS whose payload need not be a claims set: every
/// check of `jeton_jwt_verify` up to and including the signature (of
/// `validation`, only `max_token_len`, `typ` and `JETON_JWT_ANY_TYP` apply;
/// the rest must still be valid), then hands out the decoded payload.
///
/// Returns `JETON_OK` with `*jws` set (its views point into `buf`, valid
/// while `buf` is alive and unchanged) and the bytes used in `*buf_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`token_len` always suffices); the errors of `jeton_jwt_verify` up to
/// `JETON_ERR_JWT_SIGNATURE_MISMATCH`. NULL
/// `keys`, `token`, `validation`, `buf_len` or `jws`, or NULL `buf` with a
/// non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On any error `buf` holds
/// nothing of the token and `*jws` is untouched.
///
/// # Safety
///
/// As `jeton_jwt_verify`, with `jws` pointing to a writable
/// `jeton_jws_verified`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jws_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    jws: *mut jeton_jws_verified,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps no input.
        let (set, token, mut options, buf_len, out) = unsafe {
            (
                object(keys)?,
                input(token, token_len)?,
                Options::read(validation)?,
                out_ptr(buf_len)?,
                out_ptr(jws)?,
            )
        };
        options.regions.push(Region::object(keys))?;
        options.regions.push(Region::of(token))?;
        options.regions.push(Region::object(jws))?;
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, options.regions.as_slice())? };
        let (base, cap) = (buf.as_ptr(), buf.len());
        let v = match jwt::verify_jws(token, set, &options.validation(), buf) {
            Ok(v) => v,
            Err(e) => return report_len(Err(e), buf_len),
        };
        let header = v.header.raw();
        out.set(jeton_jws_verified {
            header: jeton_bytes::inside(base, cap, header),
            payload: jeton_bytes::inside(base, cap, v.payload),
            algorithm: algorithm_to(v.algorithm),
            key_index: v.key_index,
        });
        buf_len.set(header.len() + v.payload.len());
        Ok(())
    })
}

/// The verified view and the JSON object `part` of it (claims or header),
/// read again.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged during `'a`.
unsafe fn reread_part<'a>(
    verified: *const jeton_jwt_verified,
    header: bool,
) -> Result<(&'a jeton_jwt_verified, Value<'a>), Fail> {
    // SAFETY: the caller's contract.
    let v: &'a jeton_jwt_verified = unsafe { input_struct(verified)? };
    let (view, corrupted) = if header {
        (v.header, Error::JwtHeaderInvalid)
    } else {
        (v.claims, Error::JwtPayloadInvalid)
    };
    // SAFETY: the view points into the caller's buffer (the caller's
    // contract).
    let bytes = unsafe { input(view.ptr, view.len)? };
    Ok((v, reread(bytes, corrupted)?))
}

/// The two parts of the caller's buffer a verified view points to (an
/// output into either would corrupt the view).
fn token_regions(v: &jeton_jwt_verified) -> [Region; 2] {
    [
        Region::array(v.header.ptr, v.header.len),
        Region::array(v.claims.ptr, v.claims.len),
    ]
}

/// A member of the claims (or header) of a verified token, unescaped into
/// `out`.
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_str`.
unsafe fn member_str(
    verified: *const jeton_jwt_verified,
    header: bool,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says;
    // `output` checks that `out` overlaps no input.
    let ((v, object), name) = unsafe { (reread_part(verified, header)?, input(name, name_len)?) };
    let [header_region, claims_region] = token_regions(v);
    let others = [
        Region::object(verified),
        header_region,
        claims_region,
        Region::of(name),
    ];
    // SAFETY: as above.
    unsafe {
        write_out(out, out_cap, out_len, &others, |out| {
            let value = object.get(name).ok_or(Error::JwtMissingClaim)?;
            value.unescape_into(out)
        })
    }
}

/// A string claim of a verified token, unescaped into `out` (UTF-8): any
/// claim by name, registered (`iss`, `sub`, `jti`) or custom.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len` (the
/// raw length always suffices); `JETON_ERR_JWT_MISSING_CLAIM` when the
/// token has no such claim; `JETON_ERR_JSON_WRONG_TYPE` when it is not a
/// string; `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer no longer holds
/// the claims (it was changed). NULL `verified`, `name` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial result.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` set by `jeton_jwt_verify`
/// whose buffer is alive and unchanged; `name` is readable for `name_len`
/// bytes; `out` is writable for `out_cap` bytes and overlaps neither the
/// buffer nor `name`; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_str(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `member_str`'s.
        unsafe { member_str(verified, false, name, name_len, out, out_cap, out_len) }
    })
}

/// A string parameter of a verified token's header (`kid`, `typ`, `alg`,
/// ...), unescaped into `out`.
///
/// Returns as `jeton_jwt_verified_claim_str` (with
/// `JETON_ERR_JWT_HEADER_INVALID` when the buffer was changed).
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_header_str(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `member_str`'s.
        unsafe { member_str(verified, true, name, name_len, out, out_cap, out_len) }
    })
}

/// The claim `name` of a verified token.
///
/// # Safety
///
/// `verified` as in `jeton_jwt_verified_claim_str`; `name` readable.
unsafe fn claim<'a>(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
) -> Result<Value<'a>, Fail> {
    // SAFETY: the caller's contract.
    let ((_, claims), name) = unsafe { (reread_part(verified, false)?, input(name, name_len)?) };
    claims.get(name).ok_or(Fail::from(Error::JwtMissingClaim))
}

/// An integer claim of a verified token: only the JSON integer grammar
/// (no fraction, no exponent) is an integer.
///
/// Returns `JETON_OK` with `*value` set; `JETON_ERR_JWT_MISSING_CLAIM`;
/// `JETON_ERR_JSON_WRONG_TYPE` for a value that is not an integer;
/// `JETON_ERR_JSON_NUMBER_OUT_OF_RANGE` beyond `int64_t`;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer was changed. NULL
/// `verified`, `name` or `value`: `JETON_ERR_NULL_POINTER`. On error
/// `*value` is untouched.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `name` is readable for `name_len` bytes; `value` points to a
/// writable `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_i64(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value) = unsafe { (claim(verified, name, name_len)?, out_ptr(value)?) };
        value.set(found.as_i64()?);
        Ok(())
    })
}

/// A boolean claim of a verified token.
///
/// Returns `JETON_OK` with `*value` set; `JETON_ERR_JWT_MISSING_CLAIM`;
/// `JETON_ERR_JSON_WRONG_TYPE` for a value other than `true` or `false`;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer was changed. NULL
/// `verified`, `name` or `value`: `JETON_ERR_NULL_POINTER`. On error
/// `*value` is untouched.
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_i64`, with `value` pointing to a writable
/// `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_bool(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value) = unsafe { (claim(verified, name, name_len)?, out_ptr(value)?) };
        value.set(found.as_bool()?);
        Ok(())
    })
}

/// Any claim of a verified token as raw JSON, pointing into the buffer:
/// objects, arrays, numbers with fractions, `null`... (read strings with
/// `jeton_json_string_unescape`, or `jeton_jwt_verified_claim_str`).
///
/// Returns `JETON_OK` with `*value` (the JSON text of the value, valid
/// while the buffer is unchanged) and `*kind` set;
/// `JETON_ERR_JWT_MISSING_CLAIM`; `JETON_ERR_JWT_PAYLOAD_INVALID` when the
/// buffer was changed. NULL `verified`, `name`, `value` or `kind`:
/// `JETON_ERR_NULL_POINTER`. On error `*value` and `*kind` are untouched.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `name` is readable for `name_len` bytes; `value` and `kind`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_raw(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut jeton_bytes,
    kind: *mut jeton_json_kind,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value, kind) = unsafe {
            (
                claim(verified, name, name_len)?,
                out_ptr(value)?,
                out_ptr(kind)?,
            )
        };
        let raw = found.raw();
        value.set(jeton_bytes {
            ptr: raw.as_ptr(),
            len: raw.len(),
        });
        kind.set(kind_to(found.kind()));
        Ok(())
    })
}

/// The audience at `index` (from 0) of a verified token, unescaped into
/// `out`: `aud` itself when it is a string (index 0), each element when it
/// is an array.
///
/// ```c
/// for (i = 0; jeton_jwt_verified_audience(&v, i, out, sizeof out, &n) == JETON_OK; i++)
///     use(out, n);
/// ```
///
/// Returns `JETON_OK` with the length in `*out_len`; `JETON_DONE` when
/// there is no audience at `index` (nothing written, `*out_len` untouched;
/// also for a token without `aud`); `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len`; `JETON_ERR_JWT_PAYLOAD_INVALID` when the
/// buffer was changed. NULL `verified` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial result.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `out` is writable for `out_cap` bytes and does not overlap
/// the buffer; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_audience(
    verified: *const jeton_jwt_verified,
    index: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` overlaps no input.
        let ((v, claims), out_len) = unsafe { (reread_part(verified, false)?, out_ptr(out_len)?) };
        let [header_region, claims_region] = token_regions(v);
        let others = [Region::object(verified), header_region, claims_region];
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &others)? };
        let Some(aud) = claims.get("aud") else {
            return Ok(Step::Done);
        };
        let found = match aud.as_str() {
            Some(one) => (index == 0).then_some(one),
            None => aud.elements().filter_map(|e| e.as_str()).nth(index),
        };
        let Some(found) = found else {
            return Ok(Step::Done);
        };
        report_len(found.unescape_into(out), out_len).map(|()| Step::Item)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
