//! OAuth 2.0 and OpenID Connect: the C side of `jeton::oauth`.
//!
//! One file per concern, as in the core:
//!
//! - `form`: `application/x-www-form-urlencoded` encoding, decoding and
//!   iteration, and URLs with parameters appended;
//! - `pkce`: code verifiers and `S256` challenges (RFC 7636);
//! - `state`: the signed, browser-bound `state` and what derives from it;
//! - `client`: client authentication and the client assertion (RFC 6749
//!   section 2.3, RFC 7523), and token request bodies;
//! - `authorize`: the authorization URL and pushed authorization
//!   requests (RFC 9126);
//! - `callback`: the authorization response at the redirect URI;
//! - `response`: token and error responses (RFC 6749 section 5);
//! - `device`: the device authorization grant and its poller (RFC 8628);
//! - `metadata`: provider metadata (RFC 8414, OpenID Connect Discovery);
//! - `tokens`: ID tokens, RFC 9068 access tokens and scopes;
//! - `introspection`: RFC 7662 responses;
//! - `dpop`: DPoP proofs, made and checked (RFC 9449).
//!
//! Two rules hold for every function here besides the header's
//! conventions:
//!
//! - Text inputs (client IDs, URIs, scopes, issuers, ...) must be UTF-8:
//!   one that is not is `JETON_ERR_OAUTH_PARAMETER_INVALID`.
//! - Text results are ready to use: JSON strings unescaped, form values
//!   decoded. A result that needed no change points into the input; one
//!   that did is written into the caller's `buf`, whose length the
//!   function reports in the `snprintf` way (the input's length always
//!   suffices, and a `buf` of `(NULL, 0)` is enough for the common case
//!   of text without escapes).

mod authorize;
mod callback;
mod client;
mod device;
mod dpop;
mod form;
mod introspection;
mod metadata;
mod pkce;
mod response;
mod state;
mod tokens;

pub use authorize::*;
pub use callback::*;
pub use client::*;
pub use device::*;
pub use dpop::*;
pub use form::*;
pub use introspection::*;
pub use metadata::*;
pub use pkce::*;
pub use response::*;
pub use state::*;
pub use tokens::*;

use jeton::Error;
use jeton::json::JsonStr;
use jeton::oauth::response::ErrorCode;

use crate::ptr::{KeepOut, OutPtr, Region, input, jeton_bytes, optional_array, optional_input};
use crate::status::Fail;

/// Most items in a list of a request or a check: scope tokens, resources,
/// extra parameters, algorithms, required scopes. A longer list is
/// `JETON_ERR_TOO_MANY_ITEMS`.
pub const JETON_OAUTH_MAX_LIST: usize = 16;

/// One `name=value` parameter of a form or a URL. Names and values are
/// any bytes for `jeton_oauth_form_write` and `jeton_oauth_url_write`, and
/// UTF-8 in the extra parameters of a request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_param {
    /// The name (not empty in a request's extra parameters).
    pub name: jeton_bytes,
    /// The value (may be empty).
    pub value: jeton_bytes,
}

/// Text that must be UTF-8: `JETON_ERR_OAUTH_PARAMETER_INVALID` otherwise.
fn utf8(bytes: &[u8]) -> Result<&str, Fail> {
    core::str::from_utf8(bytes).map_err(|_| Fail::from(Error::OauthParameterInvalid))
}

/// A required text input of a description struct, checked against the
/// output the call writes.
///
/// # Safety
///
/// The view is readable for its length during `'a`.
unsafe fn required_text<'a>(view: jeton_bytes, keep_out: KeepOut) -> Result<&'a str, Fail> {
    // SAFETY: the caller's contract.
    let bytes = unsafe { input(view.ptr, view.len)? };
    keep_out.check(Region::of(bytes))?;
    utf8(bytes)
}

/// An optional text input of a description struct (NULL: absent).
///
/// # Safety
///
/// As [`required_text`].
unsafe fn optional_text<'a>(view: jeton_bytes, keep_out: KeepOut) -> Result<Option<&'a str>, Fail> {
    // SAFETY: the caller's contract.
    let Some(bytes) = (unsafe { optional_input(view.ptr, view.len)? }) else {
        return Ok(None);
    };
    keep_out.check(Region::of(bytes))?;
    utf8(bytes).map(Some)
}

/// An optional byte input of a description struct (NULL: absent).
///
/// # Safety
///
/// As [`required_text`].
unsafe fn optional_bytes<'a>(
    view: jeton_bytes,
    keep_out: KeepOut,
) -> Result<Option<&'a [u8]>, Fail> {
    // SAFETY: the caller's contract.
    let found = unsafe { optional_input(view.ptr, view.len)? };
    if let Some(bytes) = found {
        keep_out.check(Region::of(bytes))?;
    }
    Ok(found)
}

/// The array `(ptr, count)` of `T`, absent (`(NULL, 0)`) as empty, at most
/// [`JETON_OAUTH_MAX_LIST`] long and outside the output.
///
/// # Safety
///
/// The array is readable for `count` values during `'a`.
unsafe fn list<'a, T>(ptr: *const T, count: usize, keep_out: KeepOut) -> Result<&'a [T], Fail> {
    // SAFETY: the caller's contract.
    let items = unsafe { optional_array(ptr, count)? }.unwrap_or(&[]);
    if items.len() > JETON_OAUTH_MAX_LIST {
        return Err(Error::TooManyItems.into());
    }
    keep_out.check(Region::array(items.as_ptr(), items.len()))?;
    Ok(items)
}

/// A list of text views (`scope`, `resource`, ...) into `slots`; returns
/// the texts.
///
/// # Safety
///
/// The array and its views are readable during `'a`.
unsafe fn text_list<'a, 's>(
    ptr: *const jeton_bytes,
    count: usize,
    keep_out: KeepOut,
    slots: &'s mut [&'a str; JETON_OAUTH_MAX_LIST],
) -> Result<&'s [&'a str], Fail> {
    // SAFETY: the caller's contract.
    let views = unsafe { list(ptr, count, keep_out)? };
    for (slot, view) in slots.iter_mut().zip(views) {
        // SAFETY: the caller's contract.
        *slot = unsafe { required_text(*view, keep_out)? };
    }
    Ok(slots.get(..views.len()).unwrap_or(&[]))
}

/// A request's extra parameters into `slots`: UTF-8 names and values.
///
/// # Safety
///
/// The array and its views are readable during `'a`.
unsafe fn extra_list<'a, 's>(
    ptr: *const jeton_oauth_param,
    count: usize,
    keep_out: KeepOut,
    slots: &'s mut [(&'a str, &'a str); JETON_OAUTH_MAX_LIST],
) -> Result<&'s [(&'a str, &'a str)], Fail> {
    // SAFETY: the caller's contract.
    let params = unsafe { list(ptr, count, keep_out)? };
    for (slot, param) in slots.iter_mut().zip(params) {
        // SAFETY: the caller's contract.
        *slot = unsafe {
            (
                required_text(param.name, keep_out)?,
                required_text(param.value, keep_out)?,
            )
        };
    }
    Ok(slots.get(..params.len()).unwrap_or(&[]))
}

/// The caller's buffer for the text results that needed unescaping or
/// decoding: each is written after the previous one; when one does not
/// fit, the rest are only measured, and [`TextBuf::finish`] reports the
/// whole length with `JETON_ERR_BUFFER_TOO_SMALL` after wiping what was
/// written.
pub(crate) struct TextBuf<'b> {
    buf: &'b mut [u8],
    /// Bytes written into `buf`.
    written: usize,
    /// Bytes the texts take, written or not.
    needed: usize,
}

impl<'b> TextBuf<'b> {
    pub(crate) fn new(buf: &'b mut [u8]) -> Self {
        TextBuf {
            buf,
            written: 0,
            needed: 0,
        }
    }

    /// Whether a text did not fit.
    fn short(&self) -> bool {
        self.needed > self.written
    }

    /// Writes one text with `write` (which reports `BufferTooSmall` with
    /// the length it needs) and returns its view; the view is absent once
    /// the buffer is short (the call then fails).
    fn put(
        &mut self,
        write: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
    ) -> Result<jeton_bytes, Fail> {
        let short = self.short();
        let rest: &mut [u8] = match self.buf.get_mut(self.written..) {
            Some(rest) if !short => rest,
            _ => &mut [],
        };
        let start = rest.as_ptr();
        match write(rest) {
            Ok(n) if !short => {
                self.written = self.written.saturating_add(n);
                self.needed = self.written;
                Ok(jeton_bytes { ptr: start, len: n })
            }
            Ok(n) | Err(Error::BufferTooSmall { needed: n }) => {
                self.needed = self.needed.saturating_add(n);
                Ok(jeton_bytes::ABSENT)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The text of the JSON string `s` of `doc`: a view of `doc` when it
    /// holds no escape, else unescaped into the buffer.
    pub(crate) fn json(&mut self, doc: &[u8], s: JsonStr<'_>) -> Result<jeton_bytes, Fail> {
        if !s.is_escaped() {
            return Ok(jeton_bytes::within(doc, s.raw()));
        }
        self.put(|out| s.unescape_into(out))
    }

    /// [`TextBuf::json`] of an optional string; absent is NULL.
    pub(crate) fn json_optional(
        &mut self,
        doc: &[u8],
        s: Option<JsonStr<'_>>,
    ) -> Result<jeton_bytes, Fail> {
        s.map_or(Ok(jeton_bytes::ABSENT), |s| self.json(doc, s))
    }

    /// The decoded text of the form value `e` of `form`: a view of `form`
    /// when decoding changes nothing, else decoded into the buffer.
    pub(crate) fn form(
        &mut self,
        form: &[u8],
        e: jeton::oauth::form::Encoded<'_>,
    ) -> Result<jeton_bytes, Fail> {
        if let Some(plain) = e.as_plain() {
            return Ok(jeton_bytes::within(form, plain));
        }
        self.put(|out| e.decode_into(out))
    }

    /// [`TextBuf::form`] of an optional value; absent is NULL.
    pub(crate) fn form_optional(
        &mut self,
        form: &[u8],
        e: Option<jeton::oauth::form::Encoded<'_>>,
    ) -> Result<jeton_bytes, Fail> {
        e.map_or(Ok(jeton_bytes::ABSENT), |e| self.form(form, e))
    }

    /// Reports the length used (or needed) in `len`: `Ok` when every text
    /// fit, `JETON_ERR_BUFFER_TOO_SMALL` (the buffer wiped) otherwise.
    pub(crate) fn finish(self, len: OutPtr<'_, usize>) -> Result<(), Fail> {
        len.set(self.needed);
        if self.short() {
            if let Some(written) = self.buf.get_mut(..self.written) {
                written.fill(0);
            }
            Err(Fail::BUFFER_TOO_SMALL)
        } else {
            Ok(())
        }
    }
}

/// A registered OAuth error code, one of the `JETON_OAUTH_ERROR_*` values
/// (RFC 6749 sections 4.1.2.1 and 5.2, RFC 8628, RFC 8707, RFC 9449, RFC
/// 9101, OpenID Connect Core 3.1.2.6); `JETON_OAUTH_ERROR_OTHER` for any
/// other code (read the `error` text then).
pub type jeton_oauth_error_code = u32;
/// A code not in this list.
pub const JETON_OAUTH_ERROR_OTHER: jeton_oauth_error_code = 0;
/// `invalid_request`.
pub const JETON_OAUTH_ERROR_INVALID_REQUEST: jeton_oauth_error_code = 1;
/// `invalid_client`.
pub const JETON_OAUTH_ERROR_INVALID_CLIENT: jeton_oauth_error_code = 2;
/// `invalid_grant`.
pub const JETON_OAUTH_ERROR_INVALID_GRANT: jeton_oauth_error_code = 3;
/// `unauthorized_client`.
pub const JETON_OAUTH_ERROR_UNAUTHORIZED_CLIENT: jeton_oauth_error_code = 4;
/// `unsupported_grant_type`.
pub const JETON_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE: jeton_oauth_error_code = 5;
/// `invalid_scope`.
pub const JETON_OAUTH_ERROR_INVALID_SCOPE: jeton_oauth_error_code = 6;
/// `access_denied`.
pub const JETON_OAUTH_ERROR_ACCESS_DENIED: jeton_oauth_error_code = 7;
/// `unsupported_response_type`.
pub const JETON_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE: jeton_oauth_error_code = 8;
/// `server_error`.
pub const JETON_OAUTH_ERROR_SERVER_ERROR: jeton_oauth_error_code = 9;
/// `temporarily_unavailable`.
pub const JETON_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE: jeton_oauth_error_code = 10;
/// `authorization_pending` (device flow: poll again later).
pub const JETON_OAUTH_ERROR_AUTHORIZATION_PENDING: jeton_oauth_error_code = 11;
/// `slow_down` (device flow: poll again, 5 seconds further apart).
pub const JETON_OAUTH_ERROR_SLOW_DOWN: jeton_oauth_error_code = 12;
/// `expired_token` (device flow: the device code expired).
pub const JETON_OAUTH_ERROR_EXPIRED_TOKEN: jeton_oauth_error_code = 13;
/// `invalid_target` (RFC 8707).
pub const JETON_OAUTH_ERROR_INVALID_TARGET: jeton_oauth_error_code = 14;
/// `invalid_dpop_proof` (RFC 9449).
pub const JETON_OAUTH_ERROR_INVALID_DPOP_PROOF: jeton_oauth_error_code = 15;
/// `use_dpop_nonce` (RFC 9449: retry with the server's nonce).
pub const JETON_OAUTH_ERROR_USE_DPOP_NONCE: jeton_oauth_error_code = 16;
/// `interaction_required` (OpenID Connect).
pub const JETON_OAUTH_ERROR_INTERACTION_REQUIRED: jeton_oauth_error_code = 17;
/// `login_required` (OpenID Connect).
pub const JETON_OAUTH_ERROR_LOGIN_REQUIRED: jeton_oauth_error_code = 18;
/// `account_selection_required` (OpenID Connect).
pub const JETON_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED: jeton_oauth_error_code = 19;
/// `consent_required` (OpenID Connect).
pub const JETON_OAUTH_ERROR_CONSENT_REQUIRED: jeton_oauth_error_code = 20;
/// `invalid_request_uri` (RFC 9101).
pub const JETON_OAUTH_ERROR_INVALID_REQUEST_URI: jeton_oauth_error_code = 21;
/// `invalid_request_object` (RFC 9101).
pub const JETON_OAUTH_ERROR_INVALID_REQUEST_OBJECT: jeton_oauth_error_code = 22;
/// `request_not_supported` (RFC 9101).
pub const JETON_OAUTH_ERROR_REQUEST_NOT_SUPPORTED: jeton_oauth_error_code = 23;
/// `request_uri_not_supported` (RFC 9101).
pub const JETON_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED: jeton_oauth_error_code = 24;
/// `registration_not_supported` (OpenID Connect).
pub const JETON_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED: jeton_oauth_error_code = 25;

/// Every registered code with its C value.
const ERROR_CODES: [(ErrorCode, jeton_oauth_error_code); 25] = [
    (ErrorCode::InvalidRequest, JETON_OAUTH_ERROR_INVALID_REQUEST),
    (ErrorCode::InvalidClient, JETON_OAUTH_ERROR_INVALID_CLIENT),
    (ErrorCode::InvalidGrant, JETON_OAUTH_ERROR_INVALID_GRANT),
    (
        ErrorCode::UnauthorizedClient,
        JETON_OAUTH_ERROR_UNAUTHORIZED_CLIENT,
    ),
    (
        ErrorCode::UnsupportedGrantType,
        JETON_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
    ),
    (ErrorCode::InvalidScope, JETON_OAUTH_ERROR_INVALID_SCOPE),
    (ErrorCode::AccessDenied, JETON_OAUTH_ERROR_ACCESS_DENIED),
    (
        ErrorCode::UnsupportedResponseType,
        JETON_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE,
    ),
    (ErrorCode::ServerError, JETON_OAUTH_ERROR_SERVER_ERROR),
    (
        ErrorCode::TemporarilyUnavailable,
        JETON_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE,
    ),
    (
        ErrorCode::AuthorizationPending,
        JETON_OAUTH_ERROR_AUTHORIZATION_PENDING,
    ),
    (ErrorCode::SlowDown, JETON_OAUTH_ERROR_SLOW_DOWN),
    (ErrorCode::ExpiredToken, JETON_OAUTH_ERROR_EXPIRED_TOKEN),
    (ErrorCode::InvalidTarget, JETON_OAUTH_ERROR_INVALID_TARGET),
    (
        ErrorCode::InvalidDpopProof,
        JETON_OAUTH_ERROR_INVALID_DPOP_PROOF,
    ),
    (ErrorCode::UseDpopNonce, JETON_OAUTH_ERROR_USE_DPOP_NONCE),
    (
        ErrorCode::InteractionRequired,
        JETON_OAUTH_ERROR_INTERACTION_REQUIRED,
    ),
    (ErrorCode::LoginRequired, JETON_OAUTH_ERROR_LOGIN_REQUIRED),
    (
        ErrorCode::AccountSelectionRequired,
        JETON_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED,
    ),
    (
        ErrorCode::ConsentRequired,
        JETON_OAUTH_ERROR_CONSENT_REQUIRED,
    ),
    (
        ErrorCode::InvalidRequestUri,
        JETON_OAUTH_ERROR_INVALID_REQUEST_URI,
    ),
    (
        ErrorCode::InvalidRequestObject,
        JETON_OAUTH_ERROR_INVALID_REQUEST_OBJECT,
    ),
    (
        ErrorCode::RequestNotSupported,
        JETON_OAUTH_ERROR_REQUEST_NOT_SUPPORTED,
    ),
    (
        ErrorCode::RequestUriNotSupported,
        JETON_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED,
    ),
    (
        ErrorCode::RegistrationNotSupported,
        JETON_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED,
    ),
];

/// The C value of an error code (`JETON_OAUTH_ERROR_OTHER` for one the
/// table lacks).
fn error_code_to(code: ErrorCode) -> jeton_oauth_error_code {
    ERROR_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(JETON_OAUTH_ERROR_OTHER, |(_, value)| *value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 25 codes the core registers, each with its own C value, found
    /// again from its name.
    #[test]
    fn error_codes_round_trip_through_their_names() {
        let mut seen = 0u32;
        for (code, value) in ERROR_CODES {
            let name = code.name().expect("a registered code");
            assert_eq!(error_code_to(ErrorCode::from_name(name.as_bytes())), value);
            assert_eq!(seen & (1 << value), 0, "{name}");
            seen |= 1 << value;
        }
        assert_eq!(seen, ((1u32 << 26) - 1) & !1);
        assert_eq!(
            error_code_to(ErrorCode::from_name(b"no_such_code")),
            JETON_OAUTH_ERROR_OTHER
        );
    }

    #[test]
    fn text_buffer_reports_the_whole_length_and_wipes() {
        let doc = br#"{"a":"x\/y","b":"plain","c":"\u00e9\u00e9"}"#;
        let v = jeton::json::parse(doc).unwrap();
        let s = |n: &str| v.get(n).unwrap().as_str().unwrap();
        let mut buf = [0xAAu8; 4];
        let mut len = 0usize;
        let mut texts = TextBuf::new(&mut buf);
        let a = texts.json(doc, s("a")).unwrap();
        assert_eq!(a.len, 3);
        let b = texts.json(doc, s("b")).unwrap();
        assert_eq!(b.ptr, doc[17..].as_ptr());
        assert!(texts.json(doc, s("c")).unwrap().ptr.is_null());
        // SAFETY: `len` is a local.
        let out = unsafe { crate::ptr::out_ptr(&mut len) }.unwrap();
        assert_eq!(texts.finish(out), Err(Fail::BUFFER_TOO_SMALL));
        assert_eq!(len, 7);
        // What was written is wiped (the unescaper wipes its own part).
        assert_eq!(buf, [0; 4]);
    }
}
