//! Client authentication (RFC 6749 section 2.3, RFC 7523) and token
//! request bodies (RFC 6749 sections 4.1.3, 4.4 and 6, RFC 8628 section
//! 3.4).

use core::ffi::c_void;

use jeton::Error;
use jeton::oauth::token::{self, ClientAuth, TokenRequest};

use super::{
    JETON_OAUTH_MAX_LIST, extra_list, jeton_oauth_param, optional_text, required_text, text_list,
};
use crate::boundary::boundary;
use crate::jwt::jeton_jwt_key_set;
use crate::object::object;
use crate::ptr::{
    KeepOut, Region, input, input_struct, jeton_bytes, out_ptr, output, report_len, write_out,
};
use crate::session::{entropy_source, jeton_entropy_fn};
use crate::status::{Fail, jeton_status};

/// Flag bits of the OAuth description and result structs: each struct's
/// `flags` field names the bits it takes (any other is
/// `JETON_ERR_INVALID_ARGUMENT`) or sets.
pub type jeton_oauth_flags = u32;
/// Token request: redeem an authorization code obtained without PKCE (for
/// a server without it; RFC 9700 asks every client to use PKCE).
pub const JETON_OAUTH_NO_PKCE: jeton_oauth_flags = 1 << 0;
/// Authorization request: `code_challenge` is the verifier itself, sent
/// with `code_challenge_method=plain` (only for a server that cannot do
/// `S256`).
pub const JETON_OAUTH_PKCE_PLAIN: jeton_oauth_flags = 1 << 1;
/// Authorization request, ID token and DPoP validation: `max_age` holds a
/// value (0 is one).
pub const JETON_OAUTH_HAS_MAX_AGE: jeton_oauth_flags = 1 << 2;
/// Callback check: `iss` is required (the server's metadata says
/// `authorization_response_iss_parameter_supported`).
pub const JETON_OAUTH_ISS_REQUIRED: jeton_oauth_flags = 1 << 3;
/// Callback check: ignore `iss` (a client of one server only, which cannot
/// be mixed up with another); `issuer` must then be NULL.
pub const JETON_OAUTH_IGNORE_ISSUER: jeton_oauth_flags = 1 << 4;
/// ID token validation: do not check `nonce` (an ID token from a refresh,
/// OpenID Connect Core section 12.2); `nonce` must then be NULL.
pub const JETON_OAUTH_ANY_NONCE: jeton_oauth_flags = 1 << 5;
/// ID token validation: `auth_time` is required.
pub const JETON_OAUTH_REQUIRE_AUTH_TIME: jeton_oauth_flags = 1 << 6;
/// ID token validation: `at_hash` is required (give `access_token`).
pub const JETON_OAUTH_REQUIRE_AT_HASH: jeton_oauth_flags = 1 << 7;
/// ID token validation: `c_hash` is required (give `code`).
pub const JETON_OAUTH_REQUIRE_C_HASH: jeton_oauth_flags = 1 << 8;
/// Access token validation: the request presented the token as
/// `Authorization: DPoP`, so a key-bound token is accepted (check its
/// proof with `jeton_dpop_proof_verify`). Without it a bound token is
/// refused with `JETON_ERR_DPOP_KEY_MISMATCH`.
pub const JETON_OAUTH_DPOP_PRESENTED: jeton_oauth_flags = 1 << 9;
/// Token response: `expires_in` holds a value.
pub const JETON_OAUTH_HAS_EXPIRES_IN: jeton_oauth_flags = 1 << 10;
/// Introspection: `exp` holds a value.
pub const JETON_OAUTH_HAS_EXP: jeton_oauth_flags = 1 << 11;
/// Introspection: `iat` holds a value.
pub const JETON_OAUTH_HAS_IAT: jeton_oauth_flags = 1 << 12;
/// Introspection: `nbf` holds a value.
pub const JETON_OAUTH_HAS_NBF: jeton_oauth_flags = 1 << 13;
/// Access token and introspection: the token is bound to a key (`cnf.jkt`
/// holds its thumbprint).
pub const JETON_OAUTH_KEY_BOUND: jeton_oauth_flags = 1 << 14;
/// Metadata: `authorization_response_iss_parameter_supported` is true
/// (set `JETON_OAUTH_ISS_REQUIRED` in the callback check).
pub const JETON_OAUTH_ISS_PARAMETER_SUPPORTED: jeton_oauth_flags = 1 << 15;
/// Metadata: `require_pushed_authorization_requests` is true.
pub const JETON_OAUTH_REQUIRE_PAR: jeton_oauth_flags = 1 << 16;
/// Metadata: `code_challenge_methods_supported` lists `S256`.
pub const JETON_OAUTH_SUPPORTS_S256: jeton_oauth_flags = 1 << 17;

/// How a client authenticates, one of the `JETON_OAUTH_AUTH_*` values.
pub type jeton_oauth_auth_method = u32;
/// `none`: a public client, which sends only its `client_id`.
pub const JETON_OAUTH_AUTH_NONE: jeton_oauth_auth_method = 0;
/// `client_secret_basic`: `Authorization: Basic` with the form-encoded ID
/// and secret (RFC 6749 section 2.3.1).
pub const JETON_OAUTH_AUTH_SECRET_BASIC: jeton_oauth_auth_method = 1;
/// `client_secret_post`: `client_id` and `client_secret` in the body.
pub const JETON_OAUTH_AUTH_SECRET_POST: jeton_oauth_auth_method = 2;
/// `private_key_jwt` (or `client_secret_jwt`): a signed JWT from
/// `jeton_oauth_client_assertion` in the body (RFC 7523).
pub const JETON_OAUTH_AUTH_JWT: jeton_oauth_auth_method = 3;

/// How the client authenticates to the endpoint. Zero-filled with
/// `client_id` set: a public client (`none`). Views are borrowed for the
/// call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_client_auth {
    /// A `JETON_OAUTH_AUTH_*` value.
    pub method: jeton_oauth_auth_method,
    /// The client identifier (not empty).
    pub client_id: jeton_bytes,
    /// The client secret, for `JETON_OAUTH_AUTH_SECRET_BASIC` and
    /// `JETON_OAUTH_AUTH_SECRET_POST` (may be empty, not NULL); ignored
    /// otherwise.
    pub client_secret: jeton_bytes,
    /// The compact client assertion, for `JETON_OAUTH_AUTH_JWT` (not
    /// empty); ignored otherwise.
    pub assertion: jeton_bytes,
}

/// A `jeton_oauth_client_auth` as the core's, its views checked against
/// the output.
///
/// # Safety
///
/// The struct's views are readable during `'a`.
pub(crate) unsafe fn client_auth<'a>(
    auth: &jeton_oauth_client_auth,
    keep_out: KeepOut,
) -> Result<ClientAuth<'a>, Fail> {
    // SAFETY: the caller's contract.
    let client_id = unsafe { required_text(auth.client_id, keep_out)? };
    // SAFETY: the caller's contract, for the views the method reads.
    let text = |view: jeton_bytes| unsafe { required_text(view, keep_out) };
    Ok(match auth.method {
        JETON_OAUTH_AUTH_NONE => ClientAuth::None { client_id },
        JETON_OAUTH_AUTH_SECRET_BASIC => ClientAuth::SecretBasic {
            client_id,
            client_secret: text(auth.client_secret)?,
        },
        JETON_OAUTH_AUTH_SECRET_POST => ClientAuth::SecretPost {
            client_id,
            client_secret: text(auth.client_secret)?,
        },
        JETON_OAUTH_AUTH_JWT => ClientAuth::Jwt {
            client_id,
            assertion: text(auth.assertion)?,
        },
        _ => return Err(Fail::INVALID),
    })
}

/// Writes the `Authorization` header value the client authentication
/// needs, if any: for `JETON_OAUTH_AUTH_SECRET_BASIC`, `Basic
/// base64(form(client_id) ":" form(client_secret))`, the ID and secret
/// form-encoded first as RFC 6749 section 2.3.1 asks (a secret holding
/// `:`, `%` or `+` then reaches a conforming server intact); for the other
/// methods nothing, with a length of 0 (send no `Authorization` header).
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_PARAMETER_INVALID` for an empty (or non-UTF-8) client
/// ID or secret, or an empty assertion; `JETON_ERR_INVALID_ARGUMENT` for
/// an unknown method; `JETON_ERR_BUFFER_TOO_SMALL` with the length needed
/// in `*out_len`. NULL `auth`, a view the method reads or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial header.
///
/// # Safety
///
/// `auth` points to a `jeton_oauth_client_auth` whose views are readable;
/// `out` is writable for `out_cap` bytes and overlaps none of them;
/// `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_client_auth_header(
    auth: *const jeton_oauth_client_auth,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every view is checked against `out` as it is read.
        let (a, len) = unsafe { (input_struct(auth)?, out_ptr(out_len)?) };
        keep_out.check(Region::object(auth))?;
        // SAFETY: as above.
        let (auth, out) = unsafe { (client_auth(a, keep_out)?, output(out, out_cap, &[])?) };
        report_len(auth.write_authorization(out).map(|n| n.unwrap_or(0)), len)
    })
}

/// Signs a client assertion (RFC 7523 section 3) with the key at
/// `key_index` of `keys` (ES256 or EdDSA for `private_key_jwt`; an HMAC
/// key made from the client secret gives `client_secret_jwt`) into `out`:
/// `iss` and `sub` are `client_id`, `aud` is `audience`, `iat` is `now`,
/// `exp` 60 seconds later, `jti` 32 bytes drawn from `fill` in
/// base64url; the header is `alg` (from the key) and the key's `kid`.
/// Use the authorization server's issuer identifier as `audience` (a
/// token endpoint URL lets a malicious server reuse the assertion, the
/// 2025 audience-injection reports), and send the result as
/// `JETON_OAUTH_AUTH_JWT`'s `assertion`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_PARAMETER_INVALID` for an empty (or non-UTF-8) client
/// ID or audience; `JETON_ERR_JWT_KEY_NOT_FOUND` for an `index` past the
/// keys; `JETON_ERR_JWT_KEY_INVALID` for a key that cannot sign;
/// `JETON_ERR_ENTROPY_UNAVAILABLE`; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len` (the entropy is drawn before the length is
/// known). NULL `keys`, `client_id`, `audience`, `fill` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial token.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `client_id` and `audience` are
/// readable for their lengths; `fill` writes at most `len` bytes to `buf`
/// and returns; `out` is writable for `out_cap` bytes and overlaps none of
/// the inputs; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_client_assertion(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    client_id: *const u8,
    client_id_len: usize,
    audience: *const u8,
    audience_len: usize,
    now: i64,
    fill: jeton_entropy_fn,
    ctx: *mut c_void,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (set, client_id, audience) = unsafe {
            (
                object(keys)?,
                input(client_id, client_id_len)?,
                input(audience, audience_len)?,
            )
        };
        // SAFETY: as above.
        let mut entropy = unsafe { entropy_source(fill, ctx)? };
        let others = [
            Region::object(keys),
            Region::of(client_id),
            Region::of(audience),
        ];
        let (client_id, audience) = (super::utf8(client_id)?, super::utf8(audience)?);
        let key = set
            .keys()
            .get(key_index)
            .ok_or(Fail::from(Error::JwtKeyNotFound))?;
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract); `out` overlaps no input (checked).
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                token::client_assertion(key, client_id, audience, now, &mut entropy, out)
            })
        }
    })
}

/// The grant of a token request, one of the `JETON_OAUTH_GRANT_*` values.
pub type jeton_oauth_grant = u32;
/// `authorization_code` (RFC 6749 section 4.1.3): `code`, `redirect_uri`,
/// `code_verifier`.
pub const JETON_OAUTH_GRANT_AUTHORIZATION_CODE: jeton_oauth_grant = 1;
/// `refresh_token` (RFC 6749 section 6): `refresh_token`, and `scope` to
/// narrow it.
pub const JETON_OAUTH_GRANT_REFRESH_TOKEN: jeton_oauth_grant = 2;
/// `client_credentials` (RFC 6749 section 4.4): `scope`.
pub const JETON_OAUTH_GRANT_CLIENT_CREDENTIALS: jeton_oauth_grant = 3;
/// The device code grant (RFC 8628 section 3.4): `device_code`.
pub const JETON_OAUTH_GRANT_DEVICE_CODE: jeton_oauth_grant = 4;

/// A token request to write. Views and arrays are borrowed for the call
/// only; a view a grant does not use is ignored. Strings must be UTF-8.
/// The body is written in this order: `grant_type`, the grant's
/// parameters, `scope`, each `resource`, the extra parameters, then the
/// client authentication's.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_token_request {
    /// A `JETON_OAUTH_GRANT_*` value.
    pub grant: jeton_oauth_grant,
    /// The authorization code (decoded, as `jeton_oauth_callback_parse`
    /// hands it out).
    pub code: jeton_bytes,
    /// The `redirect_uri` of the authorization request.
    pub redirect_uri: jeton_bytes,
    /// The PKCE verifier (from `jeton_oauth_state_verify`); required
    /// unless `JETON_OAUTH_NO_PKCE`, with which it must be NULL.
    pub code_verifier: jeton_bytes,
    /// The refresh token.
    pub refresh_token: jeton_bytes,
    /// The device code (from `jeton_oauth_device_authorization_parse`).
    pub device_code: jeton_bytes,
    /// The scope tokens, `scope_count` of them (up to
    /// `JETON_OAUTH_MAX_LIST`), joined by spaces; NULL (with a count of
    /// 0): no `scope`.
    pub scope: *const jeton_bytes,
    /// The number of `scope` tokens.
    pub scope_count: usize,
    /// The resources (RFC 8707), one `resource` parameter each:
    /// absolute URIs without fragment; NULL (with a count of 0): none.
    pub resource: *const jeton_bytes,
    /// The number of `resource`s.
    pub resource_count: usize,
    /// Further parameters, written in order after the others, none named
    /// like one written here; NULL (with a count of 0): none.
    pub extra: *const jeton_oauth_param,
    /// The number of `extra` parameters.
    pub extra_count: usize,
    /// `JETON_OAUTH_NO_PKCE` or 0.
    pub flags: jeton_oauth_flags,
}

/// Writes the `application/x-www-form-urlencoded` body of the token
/// request `request` authenticated by `auth` into `out`. Send it as a
/// `POST` to the token endpoint, with the header of
/// `jeton_oauth_client_auth_header` when there is one.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_PARAMETER_INVALID` (an empty code, token, client ID
/// or parameter name, a scope token outside RFC 6749's syntax, a
/// `redirect_uri` or `resource` that is not an absolute URI without
/// fragment, text that is not UTF-8); `JETON_ERR_PKCE_VERIFIER_INVALID`
/// (a verifier missing or outside RFC 7636's syntax);
/// `JETON_ERR_OAUTH_DUPLICATE_PARAMETER` (an extra parameter named like
/// one written here); `JETON_ERR_TOO_MANY_ITEMS` (a list longer than
/// `JETON_OAUTH_MAX_LIST`); `JETON_ERR_INVALID_ARGUMENT` (an unknown grant,
/// method or flag, a verifier with `JETON_OAUTH_NO_PKCE`, a NULL array or
/// optional view with a non-zero length); `JETON_ERR_BUFFER_TOO_SMALL`
/// with the length needed in `*out_len`. NULL `request`, `auth`, a view
/// the grant or method reads, an element of a list or `out_len`, or NULL
/// `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial body.
///
/// ```c
/// jeton_oauth_token_request req = {0};
/// jeton_oauth_client_auth auth = {0};
/// req.grant = JETON_OAUTH_GRANT_AUTHORIZATION_CODE;
/// req.code = code;
/// req.redirect_uri = jt_bytes("https://app.example/cb");
/// req.code_verifier.ptr = verified.code_verifier;
/// req.code_verifier.len = JETON_OAUTH_STATE_TOKEN_LEN;
/// auth.method = JETON_OAUTH_AUTH_SECRET_BASIC;
/// auth.client_id = client_id; auth.client_secret = secret;
/// jeton_oauth_token_request_body(&req, &auth, body, sizeof body, &body_len);
/// jeton_oauth_client_auth_header(&auth, header, sizeof header, &header_len);
/// ```
///
/// # Safety
///
/// `request` points to a `jeton_oauth_token_request` and `auth` to a
/// `jeton_oauth_client_auth` whose views and arrays are readable; `out`
/// is writable for `out_cap` bytes and overlaps none of them; `out_len`
/// points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_token_request_body(
    request: *const jeton_oauth_token_request,
    auth: *const jeton_oauth_client_auth,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every view is checked against `out` as it is read.
        let (r, a, len) = unsafe {
            (
                input_struct(request)?,
                input_struct(auth)?,
                out_ptr(out_len)?,
            )
        };
        keep_out.check(Region::object(request))?;
        keep_out.check(Region::object(auth))?;
        if r.flags & !super::JETON_OAUTH_NO_PKCE != 0 {
            return Err(Fail::INVALID);
        }
        let no_pkce = r.flags & super::JETON_OAUTH_NO_PKCE != 0;
        let mut scope = [""; JETON_OAUTH_MAX_LIST];
        let mut resource = [""; JETON_OAUTH_MAX_LIST];
        let mut extra = [("", ""); JETON_OAUTH_MAX_LIST];
        // SAFETY: as above.
        let (auth, scope, resource, extra) = unsafe {
            (
                client_auth(a, keep_out)?,
                text_list(r.scope, r.scope_count, keep_out, &mut scope)?,
                text_list(r.resource, r.resource_count, keep_out, &mut resource)?,
                extra_list(r.extra, r.extra_count, keep_out, &mut extra)?,
            )
        };
        // SAFETY: as above, for the views the grant reads.
        let request = unsafe {
            match r.grant {
                JETON_OAUTH_GRANT_AUTHORIZATION_CODE => {
                    let code = required_text(r.code, keep_out)?;
                    let redirect_uri = required_text(r.redirect_uri, keep_out)?;
                    match (optional_text(r.code_verifier, keep_out)?, no_pkce) {
                        (Some(verifier), false) => {
                            TokenRequest::authorization_code(code, redirect_uri, verifier)
                        }
                        (None, true) => {
                            TokenRequest::authorization_code_without_pkce(code, redirect_uri)
                        }
                        (None, false) => return Err(Error::PkceVerifierInvalid.into()),
                        (Some(_), true) => return Err(Fail::INVALID),
                    }
                }
                JETON_OAUTH_GRANT_REFRESH_TOKEN => {
                    TokenRequest::refresh_token(required_text(r.refresh_token, keep_out)?)
                }
                JETON_OAUTH_GRANT_CLIENT_CREDENTIALS => TokenRequest::client_credentials(),
                JETON_OAUTH_GRANT_DEVICE_CODE => {
                    TokenRequest::device_code(required_text(r.device_code, keep_out)?)
                }
                _ => return Err(Fail::INVALID),
            }
        };
        let request = request.scope(scope).resource(resource).extra(extra);
        // SAFETY: `out` is writable for `out_cap` bytes (function
        // contract); every input was checked against it.
        let out = unsafe { output(out, out_cap, &[])? };
        report_len(request.write_body(&auth, out), len)
    })
}
