//! The token endpoint's answers (RFC 6749 section 5): token responses and
//! error responses.

use jeton::oauth::response::{ErrorResponse, TokenResponse, TokenType};

use super::jeton_oauth_flags;
use super::{JETON_OAUTH_HAS_EXPIRES_IN, TextBuf, error_code_to, jeton_oauth_error_code};
use crate::boundary::boundary;
use crate::ptr::{Region, input, jeton_bytes, out_ptr, output};
use crate::status::{Fail, jeton_status};

/// The `token_type` of an access token, one of the
/// `JETON_OAUTH_TOKEN_*` values.
pub type jeton_oauth_token_type = u32;
/// `Bearer` (RFC 6750): send it as `Authorization: Bearer <token>`.
pub const JETON_OAUTH_TOKEN_BEARER: jeton_oauth_token_type = 1;
/// `DPoP` (RFC 9449): bound to your key; every request carries a proof
/// (`jeton_dpop_proof_write`) and `Authorization: DPoP <token>`.
pub const JETON_OAUTH_TOKEN_DPOP: jeton_oauth_token_type = 2;

/// A successful token response (RFC 6749 section 5.1). Every string is
/// text (unescaped), pointing into the body or into `buf`; NULL when
/// absent. Other members are ignored.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_token_response {
    /// The access token.
    pub access_token: jeton_bytes,
    /// The refresh token, when one was issued.
    pub refresh_token: jeton_bytes,
    /// The granted scope, space-separated (absent: the scope requested was
    /// granted); `jeton_oauth_scope_contains` looks a scope up in it.
    pub scope: jeton_bytes,
    /// The OpenID Connect ID token, when one was issued: verify it with
    /// `jeton_oauth_id_token_verify` before trusting anything in it.
    pub id_token: jeton_bytes,
    /// Seconds the access token lives, with `JETON_OAUTH_HAS_EXPIRES_IN` (a
    /// fraction rounded down).
    pub expires_in: u64,
    /// `JETON_OAUTH_TOKEN_BEARER` or `JETON_OAUTH_TOKEN_DPOP`.
    pub token_type: jeton_oauth_token_type,
    /// `JETON_OAUTH_HAS_EXPIRES_IN` or 0.
    pub flags: jeton_oauth_flags,
}

/// The C view of a token response read from `body`.
pub(crate) fn token_response(
    body: &[u8],
    t: &TokenResponse<'_>,
    texts: &mut TextBuf<'_>,
) -> Result<jeton_oauth_token_response, Fail> {
    Ok(jeton_oauth_token_response {
        access_token: texts.json(body, t.access_token())?,
        refresh_token: texts.json_optional(body, t.refresh_token())?,
        scope: texts.json_optional(body, t.scope())?,
        id_token: texts.json_optional(body, t.id_token())?,
        expires_in: t.expires_in().unwrap_or(0),
        token_type: match t.token_type() {
            TokenType::Bearer => JETON_OAUTH_TOKEN_BEARER,
            TokenType::Dpop => JETON_OAUTH_TOKEN_DPOP,
        },
        flags: if t.expires_in().is_some() {
            JETON_OAUTH_HAS_EXPIRES_IN
        } else {
            0
        },
    })
}

/// Reads a token endpoint's JSON body. The body decides, not the HTTP
/// status: a body with a non-empty `error` string is an error response
/// whatever else it holds (some servers answer 200 with one). Otherwise
/// `access_token` and `token_type` are required non-empty strings;
/// `expires_in`, when present, a non-negative number of seconds (a
/// fraction rounds down) or a string holding one (as some servers send);
/// `refresh_token` and `id_token`, when present, non-empty strings,
/// `scope` a string; `null` is a wrong type, not absence; `token_type`,
/// checked last, is `Bearer` or `DPoP` in any case.
///
/// Returns `JETON_OK` with `*response` set and the bytes of `buf` used in
/// `*buf_len`; the JSON errors (`JETON_ERR_JSON_DUPLICATE_MEMBER` for a
/// member twice, ...); `JETON_ERR_OAUTH_SERVER_ERROR`,
/// `JETON_ERR_OAUTH_ACCESS_DENIED` or `JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED`
/// for an error response (`jeton_oauth_error_response_parse` reads it);
/// `JETON_ERR_OAUTH_RESPONSE_INVALID` (not an object, a required member
/// missing, a member of the wrong type or out of range);
/// `JETON_ERR_OAUTH_TOKEN_TYPE_UNSUPPORTED`; `JETON_ERR_BUFFER_TOO_SMALL`
/// with the length needed in `*buf_len` (`body_len` always suffices; none
/// is needed when no string holds an escape). NULL `body`, `buf_len` or
/// `response`, or NULL `buf` with a non-zero `buf_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `buf` holds nothing and `*response`
/// is untouched.
///
/// # Safety
///
/// `body` is readable for `body_len` bytes; `buf` is writable for
/// `buf_cap` bytes and does not overlap it; `buf_len` and `response`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_token_response_parse(
    body: *const u8,
    body_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    response: *mut jeton_oauth_token_response,
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
        let parsed = TokenResponse::parse(body)?;
        let mut texts = TextBuf::new(buf);
        let view = token_response(body, &parsed, &mut texts)?;
        texts.finish(len)?;
        out.set(view);
        Ok(())
    })
}

/// An OAuth error response (RFC 6749 section 5.2, and the device flow's).
/// Strings are text (unescaped), pointing into the body or into `buf`;
/// NULL when absent.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_error_response {
    /// `error` as sent.
    pub error: jeton_bytes,
    /// `error_description`: text for the developer, not the user.
    pub error_description: jeton_bytes,
    /// `error_uri`: a page about the error.
    pub error_uri: jeton_bytes,
    /// `error` as a registered code (`JETON_OAUTH_ERROR_OTHER` for
    /// another).
    pub error_code: jeton_oauth_error_code,
    /// What a call fails with for this code:
    /// `JETON_ERR_OAUTH_ACCESS_DENIED` (`access_denied`),
    /// `JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED` (`expired_token`),
    /// `JETON_ERR_OAUTH_SERVER_ERROR` (any other).
    pub outcome: jeton_status,
}

/// Reads an error response: a JSON object whose `error` is a non-empty
/// string; `error_description` and `error_uri` are read when they are
/// strings and left out otherwise (they only inform).
///
/// Returns `JETON_OK` with `*response` set and the bytes of `buf` used in
/// `*buf_len`; the JSON errors; `JETON_ERR_OAUTH_RESPONSE_INVALID` when
/// the body is not an object with an `error` string;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`body_len` always suffices). NULL `body`, `buf_len` or `response`, or
/// NULL `buf` with a non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `buf` holds nothing and `*response` is untouched.
///
/// # Safety
///
/// As `jeton_oauth_token_response_parse`, with `response` pointing to a
/// writable `jeton_oauth_error_response`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_error_response_parse(
    body: *const u8,
    body_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    response: *mut jeton_oauth_error_response,
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
        let parsed = ErrorResponse::parse(body)?;
        let mut texts = TextBuf::new(buf);
        let error = texts.json(body, parsed.error())?;
        let description = texts.json_optional(body, parsed.description())?;
        let uri = texts.json_optional(body, parsed.uri())?;
        texts.finish(len)?;
        out.set(jeton_oauth_error_response {
            error,
            error_description: description,
            error_uri: uri,
            error_code: error_code_to(parsed.code()),
            outcome: parsed.code().error().code(),
        });
        Ok(())
    })
}
