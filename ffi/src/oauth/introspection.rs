//! Token introspection responses (RFC 7662 section 2.2): `active` first,
//! then the claims a resource server checks.

use jeton::oauth::{Introspection, IntrospectionCheck};

use super::{
    JETON_OAUTH_HAS_EXP, JETON_OAUTH_HAS_IAT, JETON_OAUTH_HAS_NBF, JETON_OAUTH_KEY_BOUND,
    JETON_OAUTH_MAX_LIST, JETON_OAUTH_THUMBPRINT_LEN, TextBuf, jeton_oauth_flags, optional_text,
    text_list,
};
use crate::boundary::boundary;
use crate::ptr::{KeepOut, Region, input, input_struct, jeton_bytes, out_ptr, output};
use crate::status::{Fail, jeton_status};

/// An introspection response that says the token is active. Strings are
/// text (unescaped), pointing into the response or into `buf`; NULL when
/// absent.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_introspection {
    /// `scope`, space-separated (`jeton_oauth_scope_contains`).
    pub scope: jeton_bytes,
    /// `client_id`.
    pub client_id: jeton_bytes,
    /// `username`.
    pub username: jeton_bytes,
    /// `token_type` (`Bearer`, `DPoP`, ...).
    pub token_type: jeton_bytes,
    /// `sub`.
    pub sub: jeton_bytes,
    /// `iss`.
    pub iss: jeton_bytes,
    /// `jti`.
    pub jti: jeton_bytes,
    /// `aud` as JSON, pointing into the response: a string (quotes
    /// included) or an array of strings.
    pub aud: jeton_bytes,
    /// `exp` in Unix seconds (rounded up), with `JETON_OAUTH_HAS_EXP`.
    pub exp: i64,
    /// `iat`, with `JETON_OAUTH_HAS_IAT`.
    pub iat: i64,
    /// `nbf`, with `JETON_OAUTH_HAS_NBF`.
    pub nbf: i64,
    /// With `JETON_OAUTH_KEY_BOUND`: `cnf.jkt`, the thumbprint of the key
    /// the token is bound to (its DPoP proof must be of that key).
    pub cnf_jkt: [u8; JETON_OAUTH_THUMBPRINT_LEN],
    /// `JETON_OAUTH_HAS_EXP`, `JETON_OAUTH_HAS_IAT`, `JETON_OAUTH_HAS_NBF`,
    /// `JETON_OAUTH_KEY_BOUND`.
    pub flags: jeton_oauth_flags,
}

/// What a resource server checks of an active token's introspection: the
/// clock, and optionally the issuer, this resource's audience and the
/// scopes the request needs. A zero-filled struct with `now` set checks
/// the dates only. Views are borrowed for the call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_introspection_check {
    /// Your clock, Unix seconds.
    pub now: i64,
    /// Seconds of tolerance for `exp` and `nbf`.
    pub leeway: u64,
    /// `iss` must be this issuer; NULL: not checked.
    pub issuer: jeton_bytes,
    /// `aud` must hold this resource; NULL: not checked.
    pub audience: jeton_bytes,
    /// The scopes the request needs, `scope_count` of them (up to
    /// `JETON_OAUTH_MAX_LIST`); NULL (with a count of 0): none.
    pub scopes: *const jeton_bytes,
    /// The number of `scopes`.
    pub scope_count: usize,
}

/// Parses (and, with `check`, judges) a response; both functions share it.
///
/// # Safety
///
/// As `jeton_oauth_introspection_verify`, with `check` possibly NULL.
unsafe fn introspect(
    json: *const u8,
    json_len: usize,
    check: *const jeton_oauth_introspection_check,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    result: *mut jeton_oauth_introspection,
) -> Result<(), Fail> {
    let keep_out = KeepOut::of(buf, buf_cap);
    // SAFETY: every pointer is valid as the function contract says; every
    // input is checked against `buf` as it is read.
    let (doc, len, out) = unsafe { (input(json, json_len)?, out_ptr(buf_len)?, out_ptr(result)?) };
    keep_out.check(Region::of(doc))?;
    keep_out.check(Region::object(result))?;
    let parsed = Introspection::parse(doc)?;
    if !check.is_null() {
        // SAFETY: as above.
        let c = unsafe { input_struct(check)? };
        keep_out.check(Region::object(check))?;
        let mut slots = [""; JETON_OAUTH_MAX_LIST];
        // SAFETY: as above.
        let (issuer, audience, scopes) = unsafe {
            (
                optional_text(c.issuer, keep_out)?,
                optional_text(c.audience, keep_out)?,
                text_list(c.scopes, c.scope_count, keep_out, &mut slots)?,
            )
        };
        let mut checks = IntrospectionCheck::new(c.now)
            .leeway(c.leeway)
            .scopes(scopes);
        if let Some(issuer) = issuer {
            checks = checks.issuer(issuer);
        }
        if let Some(audience) = audience {
            checks = checks.audience(audience);
        }
        parsed.check(&checks)?;
    }
    // SAFETY: as above.
    let buf = unsafe { output(buf, buf_cap, &[])? };
    let mut texts = TextBuf::new(buf);
    let bit = |on: bool, bit: jeton_oauth_flags| if on { bit } else { 0 };
    let bound = parsed.cnf_jkt();
    let mut jkt = [0u8; JETON_OAUTH_THUMBPRINT_LEN];
    if let Some(bound) = bound {
        jkt.copy_from_slice(bound.as_bytes());
    }
    let view = jeton_oauth_introspection {
        scope: match parsed.get("scope").and_then(|v| v.as_str()) {
            Some(s) => texts.json(doc, s)?,
            None => jeton_bytes::ABSENT,
        },
        client_id: texts.json_optional(doc, parsed.client_id())?,
        username: texts.json_optional(doc, parsed.username())?,
        token_type: texts.json_optional(doc, parsed.token_type())?,
        sub: texts.json_optional(doc, parsed.subject())?,
        iss: texts.json_optional(doc, parsed.issuer())?,
        jti: texts.json_optional(doc, parsed.jwt_id())?,
        aud: jeton_bytes::within_optional(doc, parsed.audience().map(|a| a.raw())),
        exp: parsed.expires_at().unwrap_or(0),
        iat: parsed.issued_at().unwrap_or(0),
        nbf: parsed.not_before().unwrap_or(0),
        cnf_jkt: jkt,
        flags: bit(parsed.expires_at().is_some(), JETON_OAUTH_HAS_EXP)
            | bit(parsed.issued_at().is_some(), JETON_OAUTH_HAS_IAT)
            | bit(parsed.not_before().is_some(), JETON_OAUTH_HAS_NBF)
            | bit(bound.is_some(), JETON_OAUTH_KEY_BOUND),
    };
    texts.finish(len)?;
    out.set(view);
    Ok(())
}

/// Reads an introspection response (RFC 7662 section 2.2), in this order:
/// a JSON object without duplicate members whose `active` is a boolean
/// (`JETON_ERR_INTROSPECTION_INVALID`); `active` true
/// (`JETON_ERR_TOKEN_INACTIVE`: nothing else of an inactive answer is
/// read); the members read of their types (`scope`, `client_id`,
/// `username`, `token_type`, `sub`, `iss`, `jti` strings, `exp`, `iat`,
/// `nbf` numbers, `aud` a string or an array of strings, `cnf` an object
/// whose `jkt` is a thumbprint: `JETON_ERR_INTROSPECTION_INVALID`). The
/// dates and audience are judged by `jeton_oauth_introspection_verify`.
///
/// Returns `JETON_OK` with `*introspection` set and the bytes of `buf`
/// used in `*buf_len`; the errors above; `JETON_ERR_BUFFER_TOO_SMALL` with
/// the length needed in `*buf_len` (`json_len` always suffices). NULL
/// `json`, `buf_len` or `introspection`, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On error `buf` holds nothing and
/// `*introspection` is untouched.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `buf` is writable for
/// `buf_cap` bytes and does not overlap it; `buf_len` and `introspection`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_introspection_parse(
    json: *const u8,
    json_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    introspection: *mut jeton_oauth_introspection,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `introspect`'s, without a check.
        unsafe {
            introspect(
                json,
                json_len,
                core::ptr::null(),
                buf,
                buf_cap,
                buf_len,
                introspection,
            )
        }
    })
}

/// `jeton_oauth_introspection_parse`, then the claims judged against
/// `check`, in this order: `exp` (`JETON_ERR_JWT_EXPIRED`), `nbf`
/// (`JETON_ERR_JWT_NOT_YET_VALID`), `iss` (`JETON_ERR_JWT_ISSUER_INVALID`),
/// `aud` (`JETON_ERR_JWT_AUDIENCE_INVALID`), the scopes
/// (`JETON_ERR_SCOPE_INSUFFICIENT`). An issuer or audience the check names
/// must be present (`JETON_ERR_JWT_MISSING_CLAIM`); absent dates are not
/// checked (the server judged them when it answered `active`).
///
/// Returns as `jeton_oauth_introspection_parse`, with those errors, and
/// `JETON_ERR_TOO_MANY_ITEMS` or `JETON_ERR_OAUTH_PARAMETER_INVALID` for a
/// check that breaks its rules. NULL `check` or an element of its
/// `scopes`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// As `jeton_oauth_introspection_parse`, with `check` pointing to a
/// `jeton_oauth_introspection_check` whose views and array are readable
/// and outside `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_introspection_verify(
    json: *const u8,
    json_len: usize,
    check: *const jeton_oauth_introspection_check,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    introspection: *mut jeton_oauth_introspection,
) -> jeton_status {
    boundary(|| {
        if check.is_null() {
            return Err(Fail::NULL);
        }
        // SAFETY: the function contract is `introspect`'s.
        unsafe { introspect(json, json_len, check, buf, buf_cap, buf_len, introspection) }
    })
}
