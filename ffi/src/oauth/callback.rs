//! The authorization response at the redirect URI (RFC 6749 sections
//! 4.1.2 and 4.1.2.1), with RFC 9207's issuer check.

use jeton::oauth::callback::{self, Callback, CallbackCheck, Outcome};

use super::{
    JETON_OAUTH_IGNORE_ISSUER, JETON_OAUTH_ISS_REQUIRED, TextBuf, error_code_to,
    jeton_oauth_error_code, jeton_oauth_flags, optional_text,
};
use crate::boundary::boundary;
use crate::ptr::{KeepOut, Region, input, input_struct, jeton_bytes, out_ptr, output};
use crate::status::{Fail, JETON_OK, jeton_status};

/// Pairs a callback query may hold when `max_pairs` is 0: 64.
pub const JETON_OAUTH_CALLBACK_DEFAULT_MAX_PAIRS: usize = 64;
const _: () = assert!(JETON_OAUTH_CALLBACK_DEFAULT_MAX_PAIRS == callback::DEFAULT_MAX_PAIRS);

/// What a callback is checked against. Zero-filled with `issuer` set: an
/// `iss` is checked when present (compared exactly), at most
/// `JETON_OAUTH_CALLBACK_DEFAULT_MAX_PAIRS` pairs.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_callback_check {
    /// The authorization server's issuer identifier, as its metadata
    /// writes it; NULL only with `JETON_OAUTH_IGNORE_ISSUER`.
    pub issuer: jeton_bytes,
    /// The most pairs the query may hold (the parse costs no more); 0:
    /// `JETON_OAUTH_CALLBACK_DEFAULT_MAX_PAIRS`.
    pub max_pairs: usize,
    /// `JETON_OAUTH_ISS_REQUIRED` (set it when the metadata has
    /// `JETON_OAUTH_ISS_PARAMETER_SUPPORTED`), `JETON_OAUTH_IGNORE_ISSUER`.
    pub flags: jeton_oauth_flags,
}

/// A parsed authorization response. Every value is decoded text, pointing
/// into the query (or into `buf` where decoding changed it); NULL when
/// absent. Exactly one of `code` and `error` is set.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_callback {
    /// The authorization code, for `jeton_oauth_token_request_body`.
    pub code: jeton_bytes,
    /// `state`: verify it (`jeton_oauth_state_verify`) before anything
    /// else, error responses included.
    pub state: jeton_bytes,
    /// `iss`, already checked.
    pub iss: jeton_bytes,
    /// `error`, when the server answered with one.
    pub error: jeton_bytes,
    /// `error_description`: text for the developer, which anyone can
    /// write: escape it before showing it.
    pub error_description: jeton_bytes,
    /// `error_uri` (as untrusted).
    pub error_uri: jeton_bytes,
    /// `error` as a registered code (`JETON_OAUTH_ERROR_OTHER` for another
    /// or with a code).
    pub error_code: jeton_oauth_error_code,
    /// `JETON_OK` with a code; `JETON_ERR_OAUTH_ACCESS_DENIED` when the user
    /// declined (`access_denied`); `JETON_ERR_OAUTH_SERVER_ERROR` for any
    /// other error.
    pub outcome: jeton_status,
}

/// Reads the query of the request to the redirect URI (without its `?`;
/// `jeton_oauth_form_query` finds it in a request target) and checks it,
/// in order: at most `max_pairs` pairs (`JETON_ERR_TOO_MANY_ITEMS`); none
/// of `code`, `state`, `iss`, `error`, `error_description`, `error_uri`
/// twice, names compared after decoding
/// (`JETON_ERR_OAUTH_DUPLICATE_PARAMETER`); `iss` equal to the issuer
/// when present, and present when required (`JETON_ERR_OAUTH_ISSUER_MISMATCH`:
/// a mix-up); exactly one of `code` and `error`, not empty
/// (`JETON_ERR_OAUTH_CALLBACK_INVALID`). Other parameters are ignored. An
/// error response is a successful parse: `outcome` says what it means.
///
/// Returns `JETON_OK` with `*callback` set and the bytes of `buf` used in
/// `*buf_len`; the errors above; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*buf_len` (`3 * query_len` always suffices, a byte
/// that is not UTF-8 decoding to the three bytes of U+FFFD, and
/// `query_len` when the query is UTF-8; none is needed when every value
/// is ASCII without `%` or `+`); `JETON_ERR_INVALID_ARGUMENT`
/// for an unknown flag, or an issuer given with `JETON_OAUTH_IGNORE_ISSUER`
/// (or none without it); `JETON_ERR_OAUTH_PARAMETER_INVALID` for an issuer
/// that is not UTF-8. NULL `query`, `check`, `buf_len` or `callback`, or
/// NULL `buf` with a non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `buf` holds nothing and `*callback` is untouched.
///
/// # Safety
///
/// `query` is readable for `query_len` bytes; `check` points to a
/// `jeton_oauth_callback_check` whose view is readable; `buf` is writable
/// for `buf_cap` bytes and overlaps none of them; `buf_len` and `callback`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_callback_parse(
    query: *const u8,
    query_len: usize,
    check: *const jeton_oauth_callback_check,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    callback: *mut jeton_oauth_callback,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(buf, buf_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every input is checked against `buf` as it is read.
        let (query, c, len, out) = unsafe {
            (
                input(query, query_len)?,
                input_struct(check)?,
                out_ptr(buf_len)?,
                out_ptr(callback)?,
            )
        };
        keep_out.check(Region::of(query))?;
        keep_out.check(Region::object(check))?;
        keep_out.check(Region::object(callback))?;
        if c.flags & !(JETON_OAUTH_ISS_REQUIRED | JETON_OAUTH_IGNORE_ISSUER) != 0 {
            return Err(Fail::INVALID);
        }
        // SAFETY: as above.
        let issuer = unsafe { optional_text(c.issuer, keep_out)? };
        let checks = match (issuer, c.flags & JETON_OAUTH_IGNORE_ISSUER != 0) {
            (Some(issuer), false) => CallbackCheck::new(issuer),
            (None, true) => CallbackCheck::without_issuer(),
            _ => return Err(Fail::INVALID),
        };
        let max_pairs = if c.max_pairs == 0 {
            callback::DEFAULT_MAX_PAIRS
        } else {
            c.max_pairs
        };
        let checks = checks
            .iss_required(c.flags & JETON_OAUTH_ISS_REQUIRED != 0)
            .max_pairs(max_pairs);
        let parsed = Callback::parse(query, &checks)?;
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, &[])? };
        let mut texts = TextBuf::new(buf);
        let state = texts.form_optional(query, parsed.state())?;
        let iss = texts.form_optional(query, parsed.iss())?;
        let (code, error, description, uri, error_code, outcome) = match parsed.outcome() {
            Outcome::Code(code) => (
                texts.form(query, code)?,
                jeton_bytes::ABSENT,
                jeton_bytes::ABSENT,
                jeton_bytes::ABSENT,
                super::JETON_OAUTH_ERROR_OTHER,
                JETON_OK as jeton_status,
            ),
            Outcome::Error(e) => (
                jeton_bytes::ABSENT,
                texts.form(query, e.error())?,
                texts.form_optional(query, e.description())?,
                texts.form_optional(query, e.uri())?,
                error_code_to(e.code()),
                e.code().error().code(),
            ),
        };
        texts.finish(len)?;
        out.set(jeton_oauth_callback {
            code,
            state,
            iss,
            error,
            error_description: description,
            error_uri: uri,
            error_code,
            outcome,
        });
        Ok(())
    })
}
