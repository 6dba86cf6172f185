//! ID tokens (OpenID Connect Core 3.1.3.7), JWT access tokens (RFC 9068)
//! and the scopes they grant, verified with the provider's keys.

use jeton::Error;
use jeton::json::{self, Kind, Limits};
use jeton::jwt::{JwtAlgorithm, KeySet, Revocation};
use jeton::oauth::id_token::half_hash;
use jeton::oauth::{
    AccessTokenValidation, IdTokenValidation, verify_access_token, verify_id_token,
};

use super::{
    JETON_OAUTH_ANY_NONCE, JETON_OAUTH_DPOP_PRESENTED, JETON_OAUTH_HAS_MAX_AGE,
    JETON_OAUTH_KEY_BOUND, JETON_OAUTH_MAX_LIST, JETON_OAUTH_REQUIRE_AT_HASH,
    JETON_OAUTH_REQUIRE_AUTH_TIME, JETON_OAUTH_REQUIRE_C_HASH, jeton_oauth_flags, list,
    optional_bytes, required_text, text_list,
};
use crate::boundary::boundary;
use crate::jwt::{
    JETON_JWT_DEFAULT_MAX_TOKEN_LEN, algorithm_from, jeton_jwks, jeton_jwt_algorithm,
    jeton_jwt_key_set, jeton_jwt_verified, verified_view,
};
use crate::object::{Storage, object};
use crate::ptr::{
    KeepOut, OutPtr, Region, input, input_struct, jeton_bytes, out_ptr, output, report_len,
    write_out,
};
use crate::revocation::jeton_revocation_list;
use crate::status::{Fail, jeton_status};

/// Length of a thumbprint (`cnf.jkt`): 43 base64url characters.
pub const JETON_OAUTH_THUMBPRINT_LEN: usize = 43;

/// What an ID token must be (OpenID Connect Core 3.1.3.7): the issuer and
/// the client it was issued to, the clock, and what the authentication
/// request sent or what came with the token. A zero-filled struct with
/// `now`, `issuer` and `client_id` set is strict: RS256 only (the default
/// `id_token_signed_response_alg`), no `nonce` (a token carrying one is
/// refused: set the one the request sent), no leeway, `auth_time`
/// checked only with a `max_age` or `JETON_OAUTH_REQUIRE_AUTH_TIME`.
/// Views and arrays are borrowed for the call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_id_token_validation {
    /// Your clock, Unix seconds.
    pub now: i64,
    /// The issuer, exactly as its metadata writes it (UTF-8).
    pub issuer: jeton_bytes,
    /// The client ID: `aud` must hold it, `azp` be it.
    pub client_id: jeton_bytes,
    /// Seconds of tolerance for `exp`, `iat` and `auth_time`.
    pub leeway: u64,
    /// The `nonce` the authentication request sent (from
    /// `jeton_oauth_state_verify`), compared in constant time; NULL: the
    /// request sent none.
    pub nonce: jeton_bytes,
    /// With `JETON_OAUTH_HAS_MAX_AGE`: the `max_age` the request sent:
    /// `auth_time` is then required and at most this old.
    pub max_age: u64,
    /// The algorithms the token may be signed with (the client's registered
    /// `id_token_signed_response_alg`), `algorithm_count` of them (up to
    /// `JETON_OAUTH_MAX_LIST`); NULL (with a count of 0): RS256, unless
    /// `provider_algorithms` is set.
    pub algorithms: *const jeton_jwt_algorithm,
    /// The number of `algorithms`.
    pub algorithm_count: usize,
    /// The provider's `id_token_signing_alg_values_supported` (the JSON
    /// array `jeton_oauth_metadata` hands out), for a client that
    /// registered no algorithm; NULL: none. Not with `algorithms`.
    pub provider_algorithms: jeton_bytes,
    /// Refuse a token issued (`iat`) more than this many seconds ago, or
    /// ahead of the clock; 0: no such limit.
    pub max_token_age: u64,
    /// The access token that came with the ID token: its `at_hash`, when
    /// present (or required), must match. NULL: none.
    pub access_token: jeton_bytes,
    /// The authorization code that came with the ID token: its `c_hash`,
    /// when present (or required), must match. NULL: none.
    pub code: jeton_bytes,
    /// Longest token accepted, in bytes; 0:
    /// `JETON_JWT_DEFAULT_MAX_TOKEN_LEN`.
    pub max_token_len: usize,
    /// `JETON_OAUTH_ANY_NONCE`, `JETON_OAUTH_HAS_MAX_AGE`,
    /// `JETON_OAUTH_REQUIRE_AUTH_TIME`, `JETON_OAUTH_REQUIRE_AT_HASH`,
    /// `JETON_OAUTH_REQUIRE_C_HASH`.
    pub flags: jeton_oauth_flags,
}

/// How a provider's list of algorithms is read.
const LIST_LIMITS: Limits = Limits {
    max_depth: 2,
    ..Limits::DEFAULT
};

/// Reads the algorithms of a validation: a C array of values, or a
/// provider's JSON list of names (names this build does not know are left
/// out: no token can be signed with them here).
///
/// # Safety
///
/// The array, unless NULL, holds `count` values readable during the call;
/// the view likewise.
unsafe fn algorithms(
    ptr: *const jeton_jwt_algorithm,
    count: usize,
    provider: jeton_bytes,
    keep_out: KeepOut,
    slots: &mut [JwtAlgorithm; JETON_OAUTH_MAX_LIST],
) -> Result<Option<&[JwtAlgorithm]>, Fail> {
    // SAFETY: the caller's contract.
    let (values, provider) = unsafe {
        (
            list(ptr, count, keep_out)?,
            optional_bytes(provider, keep_out)?,
        )
    };
    let mut n = 0;
    match (ptr.is_null(), provider) {
        (true, None) => return Ok(None),
        (false, None) => {
            if values.is_empty() {
                // An empty list of accepted algorithms would refuse every
                // token.
                return Err(Fail::INVALID);
            }
            for (slot, value) in slots.iter_mut().zip(values) {
                *slot = algorithm_from(*value)?;
            }
            n = values.len();
        }
        (true, Some(names)) => {
            let array = json::parse_with(names, &LIST_LIMITS)?;
            if array.kind() != Kind::Array {
                return Err(Error::JsonWrongType.into());
            }
            let mut text = [0u8; 16];
            for name in array.elements().filter_map(|e| e.as_str()) {
                let Some(alg) = name
                    .unescape_into(&mut text)
                    .ok()
                    .and_then(|len| text.get(..len))
                    .and_then(JwtAlgorithm::from_name)
                else {
                    continue;
                };
                let known = slots.get(..n).unwrap_or(&[]);
                if !known.contains(&alg)
                    && let Some(slot) = slots.get_mut(n)
                {
                    *slot = alg;
                    n += 1;
                }
            }
        }
        (false, Some(_)) => return Err(Fail::INVALID),
    }
    Ok(Some(slots.get(..n).unwrap_or(&[])))
}

/// A `max_token_len` field: 0 is the default.
fn max_len(len: usize) -> usize {
    if len == 0 {
        JETON_JWT_DEFAULT_MAX_TOKEN_LEN
    } else {
        len
    }
}

/// The arguments every token verification reads, checked alike.
struct Call<'a, const N: usize, V: 'a> {
    keys: &'a KeySet<N>,
    token: &'a [u8],
    validation: &'a V,
    keep_out: KeepOut,
    buf_len: OutPtr<'a, usize>,
}

impl<'a, const N: usize, V> Call<'a, N, V> {
    /// Reads the arguments of a call whose result goes to `result`.
    ///
    /// # Safety
    ///
    /// `keys` points to a key set object; `token` is readable for
    /// `token_len` bytes; `validation` points to a `V`; `buf_len` and
    /// `result` point to writable values; `buf` is writable for `buf_cap`
    /// bytes.
    #[allow(clippy::too_many_arguments)]
    unsafe fn read<S: Storage<Inner = KeySet<N>>, R>(
        keys: *const S,
        token: *const u8,
        token_len: usize,
        validation: *const V,
        buf: *mut u8,
        buf_cap: usize,
        buf_len: *mut usize,
        result: *mut R,
    ) -> Result<(Self, OutPtr<'a, R>), Fail> {
        let keep_out = KeepOut::of(buf, buf_cap);
        // SAFETY: the caller's contract.
        let (set, token, v, len, out) = unsafe {
            (
                object(keys)?,
                input(token, token_len)?,
                input_struct(validation)?,
                out_ptr(buf_len)?,
                out_ptr(result)?,
            )
        };
        keep_out.check(Region::object(keys))?;
        keep_out.check(Region::of(token))?;
        keep_out.check(Region::object(validation))?;
        keep_out.check(Region::object(result))?;
        Ok((
            Call {
                keys: set,
                token,
                validation: v,
                keep_out,
                buf_len: len,
            },
            out,
        ))
    }
}

/// Validates an ID token as OpenID Connect Core section 3.1.3.7 says, with
/// the provider's keys, and decodes it into `buf`. The checks, in order,
/// each failure its own status:
///
/// 1. everything `jeton_jwt_verify` checks, in its order: the token's
///    form, its header (`typ`, when present, `JWT`), a key of the set, the
///    signature, then `iss`, `sub`, `aud`, `exp`, `iat` present
///    (`JETON_ERR_JWT_MISSING_CLAIM`), `exp` (`JETON_ERR_JWT_EXPIRED`),
///    `nbf`, `iat` within `max_token_age` (`JETON_ERR_JWT_TOO_OLD`,
///    `JETON_ERR_JWT_NOT_YET_VALID`), `iss` the issuer
///    (`JETON_ERR_JWT_ISSUER_INVALID`), `aud` holding the client
///    (`JETON_ERR_JWT_AUDIENCE_INVALID`);
/// 2. the algorithm among those allowed (`JETON_ERR_TOKEN_ALG_NOT_ALLOWED`);
/// 3. `azp`: present when `aud` names several audiences, the client when
///    present (`JETON_ERR_ID_TOKEN_AZP_INVALID`);
/// 4. `nonce`: the one the request sent, or absent when it sent none
///    (`JETON_ERR_ID_TOKEN_NONCE_MISMATCH`);
/// 5. `auth_time` with a `max_age` or required: present
///    (`JETON_ERR_JWT_MISSING_CLAIM`) and recent enough
///    (`JETON_ERR_ID_TOKEN_AUTH_TOO_OLD`);
/// 6. `at_hash` and `c_hash` (`JETON_ERR_ID_TOKEN_AT_HASH_MISMATCH`,
///    `JETON_ERR_ID_TOKEN_C_HASH_MISMATCH`).
///
/// A claim read of the wrong type is `JETON_ERR_JWT_CLAIM_TYPE`. Read the
/// claims OpenID Connect defines (`nonce`, `auth_time`, `azp`, `name`,
/// `email`, ...) with the `jeton_jwt_verified_*` getters.
///
/// Returns `JETON_OK` with `*verified` set (its views point into `buf`)
/// and the bytes used in `*buf_len`; the errors above;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`token_len` always suffices); `JETON_ERR_INVALID_ARGUMENT` for an
/// unknown flag or algorithm, `nonce` with `JETON_OAUTH_ANY_NONCE`, or
/// both `algorithms` and `provider_algorithms`;
/// `JETON_ERR_TOO_MANY_ITEMS`; `JETON_ERR_OAUTH_PARAMETER_INVALID` for an
/// issuer or client ID that is not UTF-8. NULL `keys`, `token`,
/// `validation`, its `issuer` or `client_id`, `buf_len` or `verified`, or
/// NULL `buf` with a non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On any
/// error `buf` holds nothing of the token and `*verified` is untouched.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `token` is readable for
/// `token_len` bytes; `validation` points to a
/// `jeton_oauth_id_token_validation` whose views and arrays are readable;
/// `buf` is writable for `buf_cap` bytes and overlaps none of them;
/// `buf_len` and `verified` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_id_token_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_id_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_id`'s.
    boundary(|| unsafe {
        verify_id(
            keys, token, token_len, validation, buf, buf_cap, buf_len, verified,
        )
    })
}

/// `jeton_oauth_id_token_verify` with the keys of a `jeton_jwks` (the
/// provider's JWK Set): the same checks, statuses and results.
///
/// # Safety
///
/// As `jeton_oauth_id_token_verify`, with `jwks` pointing to a
/// `jeton_jwks`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_id_token_verify_with_jwks(
    jwks: *const jeton_jwks,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_id_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_id`'s.
    boundary(|| unsafe {
        verify_id(
            jwks, token, token_len, validation, buf, buf_cap, buf_len, verified,
        )
    })
}

/// The body of `jeton_oauth_id_token_verify`, for any key set object.
///
/// # Safety
///
/// As `jeton_oauth_id_token_verify`, `keys` pointing to an `S`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify_id<S: Storage<Inner = KeySet<N>>, const N: usize>(
    keys: *const S,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_id_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> Result<(), Fail> {
    // SAFETY: the function contract is `Call::read`'s.
    let (call, out) = unsafe {
        Call::read(
            keys, token, token_len, validation, buf, buf_cap, buf_len, verified,
        )?
    };
    let (v, keep_out) = (call.validation, call.keep_out);
    let known = JETON_OAUTH_ANY_NONCE
        | JETON_OAUTH_HAS_MAX_AGE
        | JETON_OAUTH_REQUIRE_AUTH_TIME
        | JETON_OAUTH_REQUIRE_AT_HASH
        | JETON_OAUTH_REQUIRE_C_HASH;
    if v.flags & !known != 0 {
        return Err(Fail::INVALID);
    }
    let flag = |bit: jeton_oauth_flags| v.flags & bit != 0;
    let mut slots = [JwtAlgorithm::HS256; JETON_OAUTH_MAX_LIST];
    // SAFETY: the views and arrays are readable (function contract); each
    // is checked against `buf` as it is read.
    let (issuer, client_id, nonce, access_token, code, algs) = unsafe {
        (
            required_text(v.issuer, keep_out)?,
            required_text(v.client_id, keep_out)?,
            optional_bytes(v.nonce, keep_out)?,
            optional_bytes(v.access_token, keep_out)?,
            optional_bytes(v.code, keep_out)?,
            algorithms(
                v.algorithms,
                v.algorithm_count,
                v.provider_algorithms,
                keep_out,
                &mut slots,
            )?,
        )
    };
    let mut val = IdTokenValidation::new(v.now, issuer, client_id)
        .leeway(v.leeway)
        .max_token_len(max_len(v.max_token_len));
    match (nonce, flag(JETON_OAUTH_ANY_NONCE)) {
        (Some(nonce), false) => val = val.nonce(nonce),
        (None, true) => val = val.allow_any_nonce(),
        (None, false) => {}
        (Some(_), true) => return Err(Fail::INVALID),
    }
    if flag(JETON_OAUTH_HAS_MAX_AGE) {
        val = val.max_age(v.max_age);
    }
    if flag(JETON_OAUTH_REQUIRE_AUTH_TIME) {
        val = val.require_auth_time();
    }
    if let Some(algs) = algs {
        val = val.algorithms(algs);
    }
    if v.max_token_age != 0 {
        val = val.max_token_age(v.max_token_age);
    }
    if let Some(token) = access_token {
        val = val.access_token(token);
    }
    if flag(JETON_OAUTH_REQUIRE_AT_HASH) {
        val = val.require_at_hash();
    }
    if let Some(code) = code {
        val = val.code(code);
    }
    if flag(JETON_OAUTH_REQUIRE_C_HASH) {
        val = val.require_c_hash();
    }
    // SAFETY: `buf` is writable for `buf_cap` bytes (function contract);
    // every input was checked against it.
    let buf = unsafe { output(buf, buf_cap, &[])? };
    let (base, cap) = (buf.as_ptr(), buf.len());
    let id = match verify_id_token(call.token, call.keys, &val, buf) {
        Ok(id) => id,
        Err(e) => return report_len(Err(e), call.buf_len),
    };
    let t = id.token();
    out.set(verified_view(t, base, cap));
    call.buf_len
        .set(t.header().raw().len() + t.claims().raw().len());
    Ok(())
}

/// Writes the `at_hash` (of an access token) or `c_hash` (of an
/// authorization code) of `value` for an ID token signed with `algorithm`
/// into `out`: the base64url of the left half of the hash of its bytes,
/// with the algorithm's hash (SHA-512 for EdDSA). What a provider puts in
/// its ID tokens; `jeton_oauth_id_token_verify` checks them itself.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_KEY_UNSUPPORTED` for an algorithm whose hash this build
/// lacks; `JETON_ERR_INVALID_ARGUMENT` for an unknown algorithm;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len` (43
/// always suffices). NULL `value` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial result.
///
/// # Safety
///
/// `value` is readable for `value_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_half_hash(
    algorithm: jeton_jwt_algorithm,
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let value = unsafe { input(value, value_len)? };
        let algorithm = algorithm_from(algorithm)?;
        // SAFETY: as above; `out` may not overlap `value`.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::of(value)], |out| {
                half_hash(algorithm, value, out)
            })
        }
    })
}

/// What a JWT access token must be (RFC 9068 section 4): from the issuer,
/// for this resource, granting these scopes, at this clock. A zero-filled
/// struct with `now`, `issuer` and `resource` set is strict: `typ` must be
/// `at+jwt`, every claim of RFC 9068 section 2.2 present, no leeway, any
/// algorithm the keys allow, and a token bound to a key refused unless
/// `JETON_OAUTH_DPOP_PRESENTED`. Views and arrays are borrowed for the
/// call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_access_token_validation {
    /// Your clock, Unix seconds.
    pub now: i64,
    /// The issuer, exactly as its metadata writes it (UTF-8).
    pub issuer: jeton_bytes,
    /// This resource server's identifier: `aud` must hold it.
    pub resource: jeton_bytes,
    /// The scopes the request needs, `scope_count` of them (up to
    /// `JETON_OAUTH_MAX_LIST`): the token must grant every one
    /// (`JETON_ERR_SCOPE_INSUFFICIENT`); NULL (with a count of 0): none.
    pub scopes: *const jeton_bytes,
    /// The number of `scopes`.
    pub scope_count: usize,
    /// The algorithms accepted, `algorithm_count` of them; NULL (with a
    /// count of 0): any the keys allow.
    pub algorithms: *const jeton_jwt_algorithm,
    /// The number of `algorithms`.
    pub algorithm_count: usize,
    /// Seconds of tolerance for `exp`, `nbf` and `iat`.
    pub leeway: u64,
    /// Refuse a token issued (`iat`) more than this many seconds ago, or
    /// ahead of the clock; 0: no such limit.
    pub max_token_age: u64,
    /// A revocation list to consult (`jti`); NULL: none.
    pub revocation: *const jeton_revocation_list,
    /// Longest token accepted, in bytes; 0:
    /// `JETON_JWT_DEFAULT_MAX_TOKEN_LEN`.
    pub max_token_len: usize,
    /// `JETON_OAUTH_DPOP_PRESENTED` or 0.
    pub flags: jeton_oauth_flags,
}

/// A JWT access token that checked out.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_access_token {
    /// The verified token (`sub`, `jti`, `exp` ...; `client_id` and `scope`
    /// through `jeton_jwt_verified_claim_str`), its views in `buf`.
    pub token: jeton_jwt_verified,
    /// With `JETON_OAUTH_KEY_BOUND`: the thumbprint of the key the token is
    /// bound to (`cnf.jkt`): the request's DPoP proof must be signed with
    /// that key (`jeton_dpop_validation.jkt`).
    pub cnf_jkt: [u8; JETON_OAUTH_THUMBPRINT_LEN],
    /// `JETON_OAUTH_KEY_BOUND` or 0.
    pub flags: jeton_oauth_flags,
}

/// Validates a JWT access token as RFC 9068 section 4 tells a resource
/// server to, with the authorization server's keys, and decodes it into
/// `buf`. The checks, in order:
///
/// 1. everything `jeton_jwt_verify` checks, in its order: `typ` `at+jwt`
///    (`JETON_ERR_JWT_TYP_INVALID`), a key of the set and the signature,
///    then `iss`, `exp`, `aud`, `sub`, `iat`, `jti` present
///    (`JETON_ERR_JWT_MISSING_CLAIM`), `exp`, `nbf`, the maximum age, `iss`
///    the issuer, `aud` holding the resource, the revocation list
///    (`JETON_ERR_JWT_REVOKED`);
/// 2. the algorithm among those allowed (`JETON_ERR_TOKEN_ALG_NOT_ALLOWED`);
/// 3. `client_id` present and a string, `scope` a string, `cnf.jkt` a
///    thumbprint (`JETON_ERR_JWT_MISSING_CLAIM`, `JETON_ERR_JWT_CLAIM_TYPE`);
/// 4. every scope the request needs (`JETON_ERR_SCOPE_INSUFFICIENT`);
/// 5. without `JETON_OAUTH_DPOP_PRESENTED`, no key binding
///    (`JETON_ERR_DPOP_KEY_MISMATCH`: a bound token presented as a bearer
///    token, RFC 9449 section 7.2).
///
/// A token presented with DPoP is only half checked here: verify the
/// request's proof with `jeton_dpop_proof_verify`, the access token and
/// `cnf_jkt` in its validation.
///
/// Returns `JETON_OK` with `*access_token` set (its views point into
/// `buf`) and the bytes used in `*buf_len`; the errors above;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`token_len` always suffices); `JETON_ERR_INVALID_ARGUMENT` for an
/// unknown flag or algorithm; `JETON_ERR_TOO_MANY_ITEMS`;
/// `JETON_ERR_OAUTH_PARAMETER_INVALID` for text that is not UTF-8. NULL
/// `keys`, `token`, `validation`, its `issuer` or `resource`, an element of
/// `scopes`, `buf_len` or `access_token`, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On any error `buf` holds nothing of
/// the token and `*access_token` is untouched.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `token` is readable for
/// `token_len` bytes; `validation` points to a
/// `jeton_oauth_access_token_validation` whose views, arrays and
/// revocation list are readable (the list not changed by another thread
/// meanwhile); `buf` is writable for `buf_cap` bytes and overlaps none of
/// them; `buf_len` and `access_token` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_access_token_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_access_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    access_token: *mut jeton_oauth_access_token,
) -> jeton_status {
    // SAFETY: the function contract is `verify_access`'s.
    boundary(|| unsafe {
        verify_access(
            keys,
            token,
            token_len,
            validation,
            buf,
            buf_cap,
            buf_len,
            access_token,
        )
    })
}

/// `jeton_oauth_access_token_verify` with the keys of a `jeton_jwks` (the
/// authorization server's JWK Set): the same checks, statuses and results.
///
/// # Safety
///
/// As `jeton_oauth_access_token_verify`, with `jwks` pointing to a
/// `jeton_jwks`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_access_token_verify_with_jwks(
    jwks: *const jeton_jwks,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_access_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    access_token: *mut jeton_oauth_access_token,
) -> jeton_status {
    // SAFETY: the function contract is `verify_access`'s.
    boundary(|| unsafe {
        verify_access(
            jwks,
            token,
            token_len,
            validation,
            buf,
            buf_cap,
            buf_len,
            access_token,
        )
    })
}

/// The body of `jeton_oauth_access_token_verify`, for any key set object.
///
/// # Safety
///
/// As `jeton_oauth_access_token_verify`, `keys` pointing to an `S`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify_access<S: Storage<Inner = KeySet<N>>, const N: usize>(
    keys: *const S,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_oauth_access_token_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    result: *mut jeton_oauth_access_token,
) -> Result<(), Fail> {
    // SAFETY: the function contract is `Call::read`'s.
    let (call, out) = unsafe {
        Call::read(
            keys, token, token_len, validation, buf, buf_cap, buf_len, result,
        )?
    };
    let (v, keep_out) = (call.validation, call.keep_out);
    if v.flags & !JETON_OAUTH_DPOP_PRESENTED != 0 {
        return Err(Fail::INVALID);
    }
    let mut alg_slots = [JwtAlgorithm::HS256; JETON_OAUTH_MAX_LIST];
    let mut scope_slots = [""; JETON_OAUTH_MAX_LIST];
    // SAFETY: the views and arrays are readable (function contract); each
    // is checked against `buf` as it is read.
    let (issuer, resource, scopes, algs) = unsafe {
        (
            required_text(v.issuer, keep_out)?,
            required_text(v.resource, keep_out)?,
            text_list(v.scopes, v.scope_count, keep_out, &mut scope_slots)?,
            algorithms(
                v.algorithms,
                v.algorithm_count,
                jeton_bytes::ABSENT,
                keep_out,
                &mut alg_slots,
            )?,
        )
    };
    let mut val = AccessTokenValidation::new(v.now, issuer, resource)
        .scopes(scopes)
        .leeway(v.leeway)
        .max_token_len(max_len(v.max_token_len));
    if let Some(algs) = algs {
        val = val.algorithms(algs);
    }
    if v.max_token_age != 0 {
        val = val.max_token_age(v.max_token_age);
    }
    if !v.revocation.is_null() {
        keep_out.check(Region::object(v.revocation))?;
        // SAFETY: a revocation list nothing writes to during the call (the
        // function contract).
        let list: &dyn Revocation = unsafe { object(v.revocation)? };
        val = val.revocation(list);
    }
    // SAFETY: `buf` is writable for `buf_cap` bytes (function contract);
    // every input was checked against it.
    let buf = unsafe { output(buf, buf_cap, &[])? };
    let (base, cap) = (buf.as_ptr(), buf.len());
    let checked = match verify_access_token(call.token, call.keys, &val, &mut *buf) {
        Ok(at) => {
            let bound = at.cnf_jkt();
            if bound.is_some() && v.flags & JETON_OAUTH_DPOP_PRESENTED == 0 {
                Err(Error::DpopKeyMismatch)
            } else {
                let t = at.token();
                let mut jkt = [0u8; JETON_OAUTH_THUMBPRINT_LEN];
                if let Some(bound) = bound {
                    jkt.copy_from_slice(bound.as_bytes());
                }
                Ok((
                    jeton_oauth_access_token {
                        token: verified_view(t, base, cap),
                        cnf_jkt: jkt,
                        flags: if bound.is_some() {
                            JETON_OAUTH_KEY_BOUND
                        } else {
                            0
                        },
                    },
                    t.header().raw().len() + t.claims().raw().len(),
                ))
            }
        }
        Err(e) => Err(e),
    };
    match checked {
        Ok((view, used)) => {
            out.set(view);
            call.buf_len.set(used);
            Ok(())
        }
        Err(Error::DpopKeyMismatch) => {
            // The token was decoded: wipe it, as every refusal does.
            let used = call.token.len().min(buf.len());
            if let Some(decoded) = buf.get_mut(..used) {
                decoded.fill(0);
            }
            Err(Error::DpopKeyMismatch.into())
        }
        Err(e) => report_len(Err(e), call.buf_len),
    }
}

/// Whether the space-separated scope `scope` (the text of a token
/// response's `scope`, or of an access token's `scope` claim) lists
/// `wanted`, compared exactly (RFC 6749 section 3.3: case-sensitive);
/// empty scope tokens (two spaces in a row) are skipped, and an empty
/// `wanted` is never listed.
///
/// Returns `JETON_OK` with `*found` set. NULL `scope`, `wanted` or
/// `found`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `scope` and `wanted` are readable for their lengths; `found` points to
/// a writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_scope_contains(
    scope: *const u8,
    scope_len: usize,
    wanted: *const u8,
    wanted_len: usize,
    found: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (scope, wanted, found) = unsafe {
            (
                input(scope, scope_len)?,
                input(wanted, wanted_len)?,
                out_ptr(found)?,
            )
        };
        found.set(!wanted.is_empty() && scope.split(|&b| b == b' ').any(|s| s == wanted));
        Ok(())
    })
}
