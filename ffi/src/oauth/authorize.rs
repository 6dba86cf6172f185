//! The authorization request (RFC 6749 section 4.1.1, OpenID Connect Core
//! 3.1.2.1) and pushed authorization requests (RFC 9126).

use jeton::oauth::authorize::{self, AuthorizationRequest, ParResponse};

use super::{
    JETON_OAUTH_HAS_MAX_AGE, JETON_OAUTH_MAX_LIST, JETON_OAUTH_PKCE_PLAIN, TextBuf, client_auth,
    extra_list, jeton_oauth_client_auth, jeton_oauth_flags, jeton_oauth_param, optional_text,
    required_text, text_list,
};
use crate::boundary::boundary;
use crate::ptr::{
    KeepOut, Region, input, input_struct, jeton_bytes, out_ptr, output, report_len, write_out,
};
use crate::status::{Fail, jeton_status};

/// An authorization request with `response_type=code` to write. Views and
/// arrays are borrowed for the call only; strings must be UTF-8. A
/// zero-filled struct with `client_id` and `redirect_uri` set is the bare
/// request. Parameters are written in this order: `response_type`,
/// `client_id`, `redirect_uri`, `scope`, `state`, `nonce`,
/// `code_challenge`, `code_challenge_method`, `prompt`, `login_hint`,
/// `max_age`, each `resource`, then the extra ones.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_authorization_request {
    /// The client identifier (not empty).
    pub client_id: jeton_bytes,
    /// Where the answer goes: an absolute URI without fragment.
    pub redirect_uri: jeton_bytes,
    /// The scope tokens (`openid` for OpenID Connect), `scope_count` of
    /// them (up to `JETON_OAUTH_MAX_LIST`); NULL (with a count of 0): no
    /// `scope`.
    pub scope: *const jeton_bytes,
    /// The number of `scope` tokens.
    pub scope_count: usize,
    /// `state` (from `jeton_oauth_state_issue`); NULL: none.
    pub state: jeton_bytes,
    /// The OpenID Connect `nonce`; NULL: none.
    pub nonce: jeton_bytes,
    /// The PKCE `code_challenge` (`S256`, 43 characters), sent with
    /// `code_challenge_method=S256`; with `JETON_OAUTH_PKCE_PLAIN`, the
    /// verifier itself, sent with `plain`. NULL: none.
    pub code_challenge: jeton_bytes,
    /// `prompt` (`none`, `login`, `consent`, `select_account`,
    /// space-separated); NULL: none.
    pub prompt: jeton_bytes,
    /// `login_hint`; NULL: none.
    pub login_hint: jeton_bytes,
    /// `max_age` in seconds, written with `JETON_OAUTH_HAS_MAX_AGE`.
    pub max_age: u64,
    /// The resources (RFC 8707), one `resource` parameter each: absolute
    /// URIs without fragment; NULL (with a count of 0): none.
    pub resource: *const jeton_bytes,
    /// The number of `resource`s.
    pub resource_count: usize,
    /// Further parameters (`response_mode`, `ui_locales`, ...), none named
    /// like one written here; NULL (with a count of 0): none.
    pub extra: *const jeton_oauth_param,
    /// The number of `extra` parameters.
    pub extra_count: usize,
    /// `JETON_OAUTH_PKCE_PLAIN`, `JETON_OAUTH_HAS_MAX_AGE`.
    pub flags: jeton_oauth_flags,
}

/// The lists a request borrows, read from C.
struct Lists<'a> {
    scope: [&'a str; JETON_OAUTH_MAX_LIST],
    resource: [&'a str; JETON_OAUTH_MAX_LIST],
    extra: [(&'a str, &'a str); JETON_OAUTH_MAX_LIST],
}

impl Lists<'_> {
    const fn new() -> Self {
        Lists {
            scope: [""; JETON_OAUTH_MAX_LIST],
            resource: [""; JETON_OAUTH_MAX_LIST],
            extra: [("", ""); JETON_OAUTH_MAX_LIST],
        }
    }
}

/// The core request described by `r`, every view checked against the
/// output.
///
/// # Safety
///
/// The struct's views and arrays are readable during `'a`.
unsafe fn request<'a, 's>(
    r: &jeton_oauth_authorization_request,
    keep_out: KeepOut,
    lists: &'s mut Lists<'a>,
) -> Result<AuthorizationRequest<'s>, Fail> {
    if r.flags & !(JETON_OAUTH_PKCE_PLAIN | JETON_OAUTH_HAS_MAX_AGE) != 0 {
        return Err(Fail::INVALID);
    }
    // SAFETY: the caller's contract.
    let (client_id, redirect_uri, state, nonce, challenge, prompt, hint) = unsafe {
        (
            required_text(r.client_id, keep_out)?,
            required_text(r.redirect_uri, keep_out)?,
            optional_text(r.state, keep_out)?,
            optional_text(r.nonce, keep_out)?,
            optional_text(r.code_challenge, keep_out)?,
            optional_text(r.prompt, keep_out)?,
            optional_text(r.login_hint, keep_out)?,
        )
    };
    let Lists {
        scope,
        resource,
        extra,
    } = lists;
    // SAFETY: the caller's contract.
    let (scope, resource, extra) = unsafe {
        (
            text_list(r.scope, r.scope_count, keep_out, scope)?,
            text_list(r.resource, r.resource_count, keep_out, resource)?,
            extra_list(r.extra, r.extra_count, keep_out, extra)?,
        )
    };
    let mut built = AuthorizationRequest::new(client_id, redirect_uri)
        .scope(scope)
        .resource(resource)
        .extra(extra);
    if let Some(state) = state {
        built = built.state(state);
    }
    if let Some(nonce) = nonce {
        built = built.nonce(nonce);
    }
    match (challenge, r.flags & JETON_OAUTH_PKCE_PLAIN != 0) {
        (Some(challenge), false) => built = built.code_challenge(challenge),
        (Some(verifier), true) => built = built.code_challenge_plain(verifier),
        (None, false) => {}
        (None, true) => return Err(Fail::INVALID),
    }
    if let Some(prompt) = prompt {
        built = built.prompt(prompt);
    }
    if let Some(hint) = hint {
        built = built.login_hint(hint);
    }
    if r.flags & JETON_OAUTH_HAS_MAX_AGE != 0 {
        built = built.max_age(r.max_age);
    }
    Ok(built)
}

/// Writes the authorization URL of `request` into `out`: `endpoint` (its
/// own query kept byte for byte) with the parameters appended,
/// form-encoded.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_ENDPOINT_INVALID` (a fragment, a space, no scheme);
/// `JETON_ERR_OAUTH_PARAMETER_INVALID` (an empty client ID, state, nonce,
/// prompt, login hint or parameter name, a scope token outside RFC 6749's
/// syntax, a `redirect_uri` or `resource` that is not an absolute URI
/// without fragment, an `S256` challenge that is not 43 base64url
/// characters, text that is not UTF-8); `JETON_ERR_PKCE_VERIFIER_INVALID`
/// (a `plain` challenge that is no verifier);
/// `JETON_ERR_OAUTH_DUPLICATE_PARAMETER` (an extra parameter named like
/// one written here); `JETON_ERR_TOO_MANY_ITEMS`;
/// `JETON_ERR_INVALID_ARGUMENT` (an unknown flag,
/// `JETON_OAUTH_PKCE_PLAIN` without a challenge, a NULL array or optional
/// view with a non-zero length); `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len`. NULL `request`, its `client_id` or
/// `redirect_uri`, an element of a list, `endpoint` or `out_len`, or NULL
/// `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial URL.
///
/// ```c
/// jeton_bytes scope[] = { jt_bytes("openid"), jt_bytes("email") };
/// jeton_oauth_authorization_request req = {0};
/// req.client_id = jt_bytes("my-app");
/// req.redirect_uri = jt_bytes("https://app.example/cb");
/// req.scope = scope; req.scope_count = 2;
/// req.state.ptr = state; req.state.len = state_len;
/// req.nonce.ptr = issued.nonce; req.nonce.len = JETON_OAUTH_STATE_TOKEN_LEN;
/// req.code_challenge.ptr = issued.code_challenge;
/// req.code_challenge.len = JETON_OAUTH_STATE_TOKEN_LEN;
/// jeton_oauth_authorization_url(&req, endpoint, endpoint_len, url, sizeof url, &url_len);
/// ```
///
/// # Safety
///
/// `request` points to a `jeton_oauth_authorization_request` whose views
/// and arrays are readable; `endpoint` is readable for `endpoint_len`
/// bytes; `out` is writable for `out_cap` bytes and overlaps none of them;
/// `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_authorization_url(
    request: *const jeton_oauth_authorization_request,
    endpoint: *const u8,
    endpoint_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every view is checked against `out` as it is read.
        let (r, endpoint, len) = unsafe {
            (
                input_struct(request)?,
                input(endpoint, endpoint_len)?,
                out_ptr(out_len)?,
            )
        };
        keep_out.check(Region::object(request))?;
        keep_out.check(Region::of(endpoint))?;
        let mut lists = Lists::new();
        // SAFETY: as above.
        let built = unsafe { self::request(r, keep_out, &mut lists)? };
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &[])? };
        report_len(built.write_url(endpoint, out), len)
    })
}

/// Writes the body of a pushed authorization request (RFC 9126 section
/// 2.1) into `out`: the parameters of `request`, then the client
/// authentication's (`client_id` always; for
/// `JETON_OAUTH_AUTH_SECRET_BASIC` send `jeton_oauth_client_auth_header`
/// too). `POST` it to the metadata's
/// `pushed_authorization_request_endpoint`, then send the browser to
/// `jeton_oauth_par_url`.
///
/// Returns as `jeton_oauth_authorization_url` (without the endpoint's
/// error), and `JETON_ERR_OAUTH_PARAMETER_INVALID` when `auth` is for
/// another client, `JETON_ERR_OAUTH_DUPLICATE_PARAMETER` for an extra
/// parameter named like one of the authentication's. NULL `auth`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `request` points to a `jeton_oauth_authorization_request` and `auth` to
/// a `jeton_oauth_client_auth`, whose views and arrays are readable; `out`
/// is writable for `out_cap` bytes and overlaps none of them; `out_len`
/// points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_par_body(
    request: *const jeton_oauth_authorization_request,
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
        let mut lists = Lists::new();
        // SAFETY: as above.
        let (built, auth) = unsafe {
            (
                self::request(r, keep_out, &mut lists)?,
                client_auth(a, keep_out)?,
            )
        };
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &[])? };
        report_len(built.write_par_body(&auth, out), len)
    })
}

/// Writes the authorization URL after a pushed authorization request (RFC
/// 9126 section 4) into `out`: `endpoint?client_id=...&request_uri=...`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_ENDPOINT_INVALID`; `JETON_ERR_OAUTH_PARAMETER_INVALID`
/// for an empty (or non-UTF-8) client ID or request URI;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`. NULL
/// `endpoint`, `client_id`, `request_uri` or `out_len`, or NULL `out` with
/// a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial URL.
///
/// # Safety
///
/// `endpoint`, `client_id` and `request_uri` are readable for their
/// lengths; `out` is writable for `out_cap` bytes and overlaps none of
/// them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_par_url(
    endpoint: *const u8,
    endpoint_len: usize,
    client_id: *const u8,
    client_id_len: usize,
    request_uri: *const u8,
    request_uri_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (endpoint, client_id, request_uri) = unsafe {
            (
                input(endpoint, endpoint_len)?,
                input(client_id, client_id_len)?,
                input(request_uri, request_uri_len)?,
            )
        };
        let others = [
            Region::of(endpoint),
            Region::of(client_id),
            Region::of(request_uri),
        ];
        let (client_id, request_uri) = (super::utf8(client_id)?, super::utf8(request_uri)?);
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract); `out` overlaps no input (checked).
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                authorize::write_par_url(endpoint, client_id, request_uri, out)
            })
        }
    })
}

/// A pushed authorization response (RFC 9126 section 2.2).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_par_response {
    /// The `request_uri` for `jeton_oauth_par_url` (text, unescaped).
    pub request_uri: jeton_bytes,
    /// Seconds the `request_uri` stays valid.
    pub expires_in: u64,
}

/// Reads the JSON body of a pushed authorization response: `request_uri`
/// a non-empty string, `expires_in` a non-negative number of seconds (or
/// a string holding one). The body decides, not the HTTP status.
///
/// Returns `JETON_OK` with `*response` set (its text points into `body`,
/// or into `buf` where it held escapes) and the bytes of `buf` used in
/// `*buf_len`; the JSON errors (`JETON_ERR_JSON_*`, a member twice
/// included); `JETON_ERR_OAUTH_SERVER_ERROR` for an error response (read
/// it with `jeton_oauth_error_response_parse`);
/// `JETON_ERR_OAUTH_RESPONSE_INVALID`; `JETON_ERR_BUFFER_TOO_SMALL` with
/// the length needed in `*buf_len` (`body_len` always suffices). NULL
/// `body`, `buf_len` or `response`, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On error `buf` holds nothing and
/// `*response` is untouched.
///
/// # Safety
///
/// `body` is readable for `body_len` bytes; `buf` is writable for
/// `buf_cap` bytes and does not overlap it; `buf_len` and `response`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_par_response_parse(
    body: *const u8,
    body_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    response: *mut jeton_oauth_par_response,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps neither `body` nor `response`.
        let (body, len, out) = unsafe {
            (
                input(body, body_len)?,
                out_ptr(buf_len)?,
                out_ptr(response)?,
            )
        };
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, &[Region::of(body), Region::object(response)])? };
        let par = ParResponse::parse(body)?;
        let mut texts = TextBuf::new(buf);
        let request_uri = texts.json(body, par.request_uri())?;
        texts.finish(len)?;
        out.set(jeton_oauth_par_response {
            request_uri,
            expires_in: par.expires_in(),
        });
        Ok(())
    })
}
