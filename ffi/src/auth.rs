//! HTTP authentication: `Authorization: Basic`, `Bearer` and `DPoP`
//! credentials, and the `WWW-Authenticate` challenges that ask for them.

use jeton::Error;
use jeton::auth::{self, BasicChallenge, BearerChallenge, BearerError};

use crate::boundary::boundary;
use crate::ptr::{
    Region, Regions, input, input_struct, jeton_bytes, optional_input, out_ptr, output, report_len,
    write_out,
};
use crate::status::{Fail, jeton_status};

/// Basic credentials, decoded into the caller's buffer: both views point
/// into the buffer given to `jeton_auth_basic_parse`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_basic_credentials {
    /// The user-id: every byte before the first `:`, as the client sent it
    /// (RFC 7617 asks for UTF-8; jeton does not check, so that two
    /// different byte strings never compare equal).
    pub user: jeton_bytes,
    /// The password: every byte after it (may hold `:`).
    pub password: jeton_bytes,
}

/// The `error` of a Bearer challenge, one of the `JETON_BEARER_*` values.
pub type jeton_bearer_error = u32;
/// No `error` parameter (a request without credentials: answer 401).
pub const JETON_BEARER_NO_ERROR: jeton_bearer_error = 0;
/// `invalid_request`: answer with 400.
pub const JETON_BEARER_INVALID_REQUEST: jeton_bearer_error = 1;
/// `invalid_token` (expired, revoked, malformed...): answer with 401.
pub const JETON_BEARER_INVALID_TOKEN: jeton_bearer_error = 2;
/// `insufficient_scope`: answer with 403.
pub const JETON_BEARER_INSUFFICIENT_SCOPE: jeton_bearer_error = 3;

/// A `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3) to write.
/// Every view is borrowed for the call only; NULL leaves the parameter
/// out. A zero-filled struct is the bare `Bearer` challenge.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_bearer_challenge {
    /// `realm` (quoted and escaped; no control character but HTAB).
    pub realm: jeton_bytes,
    /// `scope`: one or more scope tokens separated by single spaces (no
    /// leading, trailing or doubled space).
    pub scope: jeton_bytes,
    /// A `JETON_BEARER_*` value.
    pub error: jeton_bearer_error,
    /// `error_description`: printable ASCII without `"` and `\`.
    pub error_description: jeton_bytes,
    /// `error_uri`: printable ASCII without spaces, `"` and `\`.
    pub error_uri: jeton_bytes,
}

/// A challenge parameter: UTF-8 (anything else is a character the
/// challenge cannot carry).
fn param(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| Error::AuthInvalidCharacter)
}

/// Parses an `Authorization: Basic` header value (the scheme
/// case-insensitive, spaces allowed around the value; with npm
/// `basic-auth`'s leniency: padding optional, unused base64 bits ignored)
/// and decodes the credentials into `buf`.
///
/// Returns `JETON_OK` with `*credentials` set (its views point into `buf`)
/// and the bytes used in `*buf_len`; `JETON_ERR_AUTH_SCHEME_MISMATCH`
/// (another scheme); `JETON_ERR_AUTH_MALFORMED` (no credentials, or not
/// base64); `JETON_ERR_AUTH_MISSING_COLON`; `JETON_ERR_BUFFER_TOO_SMALL`
/// with the length needed in `*buf_len` (`header_len` always suffices).
/// NULL `header`, `buf_len` or `credentials`, or NULL `buf` with a
/// non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On error `buf` holds
/// nothing decoded and `*credentials` is untouched.
///
/// # Safety
///
/// `header` is readable for `header_len` bytes; `buf` is writable for
/// `buf_cap` bytes and does not overlap it; `buf_len` and `credentials`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_basic_parse(
    header: *const u8,
    header_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    credentials: *mut jeton_basic_credentials,
) -> jeton_status {
    boundary(|| {
        let credentials_region = Region::object(credentials);
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps no input.
        let (header, buf_len, credentials) = unsafe {
            (
                input(header, header_len)?,
                out_ptr(buf_len)?,
                out_ptr(credentials)?,
            )
        };
        let others = [Region::of(header), credentials_region];
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, &others)? };
        let (base, cap) = (buf.as_ptr(), buf.len());
        match auth::parse_basic(header, &mut *buf) {
            Ok(c) => {
                credentials.set(jeton_basic_credentials {
                    user: jeton_bytes::inside(base, cap, c.user),
                    password: jeton_bytes::inside(base, cap, c.password),
                });
                buf_len.set(c.user.len() + 1 + c.password.len());
                Ok(())
            }
            // The core leaves nothing decoded in `buf` on error.
            Err(e) => report_len(Err(e), buf_len),
        }
    })
}

/// Writes an `Authorization: Basic` header value for `user` and `password`
/// (`Basic ` and the base64 of `user:password`) into `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_AUTH_USER_HAS_COLON` (RFC 7617 forbids it);
/// `JETON_ERR_AUTH_INVALID_CHARACTER` for a control character in either;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`.
/// NULL `user`, `password` or `out_len`, or NULL `out` with a non-zero
/// `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no partial
/// header.
///
/// # Safety
///
/// `user` and `password` are readable for their lengths; `out` is writable
/// for `out_cap` bytes and overlaps neither; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_basic_format(
    user: *const u8,
    user_len: usize,
    password: *const u8,
    password_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` overlaps no input.
        let (user, password) = unsafe { (input(user, user_len)?, input(password, password_len)?) };
        let others = [Region::of(user), Region::of(password)];
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                auth::format_basic(user, password, out)
            })
        }
    })
}

/// Parses an `Authorization: Bearer` header value (RFC 6750 section 2.1;
/// the scheme case-insensitive) and hands out the token, which must be a
/// `b64token` (`A-Z a-z 0-9 - . _ ~ + /` then optional `=`).
///
/// Returns `JETON_OK` with `*token` set (it points into `header`);
/// `JETON_ERR_AUTH_SCHEME_MISMATCH`; `JETON_ERR_AUTH_MALFORMED` when the
/// token is missing or not a `b64token`. NULL `header` or `token`:
/// `JETON_ERR_NULL_POINTER`. On error `*token` is untouched.
///
/// # Safety
///
/// `header` is readable for `header_len` bytes; `token` points to a
/// writable `jeton_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_bearer_parse(
    header: *const u8,
    header_len: usize,
    token: *mut jeton_bytes,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (header, token) = unsafe { (input(header, header_len)?, out_ptr(token)?) };
        token.set(jeton_bytes::within(header, auth::parse_bearer(header)?));
        Ok(())
    })
}

/// Parses an `Authorization: DPoP` header value (RFC 9449 section 7.1; the
/// scheme case-insensitive) and hands out the access token, a `b64token`
/// as for Bearer. The request's `DPoP` header then carries the proof
/// (`jeton_dpop_proof_verify`).
///
/// Returns `JETON_OK` with `*token` set (it points into `header`);
/// `JETON_ERR_AUTH_SCHEME_MISMATCH`; `JETON_ERR_AUTH_MALFORMED` when the
/// token is missing or not a `b64token`. NULL `header` or `token`:
/// `JETON_ERR_NULL_POINTER`. On error `*token` is untouched.
///
/// # Safety
///
/// `header` is readable for `header_len` bytes; `token` points to a
/// writable `jeton_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_dpop_parse(
    header: *const u8,
    header_len: usize,
    token: *mut jeton_bytes,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (header, token) = unsafe { (input(header, header_len)?, out_ptr(token)?) };
        token.set(jeton_bytes::within(header, auth::parse_dpop(header)?));
        Ok(())
    })
}

/// Writes `Bearer <token>`, an `Authorization` header value, into `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_AUTH_MALFORMED` when `token` is not a `b64token`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`token_len + 7`). NULL `token` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial header.
///
/// # Safety
///
/// `token` is readable for `token_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_bearer_format(
    token: *const u8,
    token_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` does not overlap `token`.
        let token = unsafe { input(token, token_len)? };
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::of(token)], |out| {
                auth::format_bearer(token, out)
            })
        }
    })
}

/// Writes a `WWW-Authenticate: Basic` challenge (RFC 7617 section 2):
/// `Basic realm="<realm>"`, followed by `, charset="UTF-8"` when
/// `charset_utf8` is true. The realm is quoted, `"` and `\` escaped.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_AUTH_INVALID_CHARACTER` for a control character other than
/// HTAB in the realm (RFC 7230's quoted-string allows HTAB), or bytes that
/// are not UTF-8; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len`. NULL `realm` or `out_len`, or NULL `out`
/// with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out`
/// holds no partial header.
///
/// # Safety
///
/// `realm` is readable for `realm_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_basic_challenge(
    realm: *const u8,
    realm_len: usize,
    charset_utf8: bool,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` does not overlap `realm`.
        let realm = unsafe { input(realm, realm_len)? };
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::of(realm)], |out| {
                BasicChallenge::new(param(realm)?)
                    .charset_utf8(charset_utf8)
                    .write(out)
            })
        }
    })
}

/// Writes a `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3):
/// `Bearer` then, for each parameter set, `realm`, `scope`, `error`,
/// `error_description`, `error_uri` as quoted strings, comma-separated.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_AUTH_INVALID_CHARACTER` for a character RFC 6750 does not
/// allow in a parameter (in the realm, a control character other than
/// HTAB, or bytes that are not UTF-8), or a `scope` that is not tokens
/// separated by single spaces (an empty one included);
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown `error` value or a NULL
/// view with a non-zero length; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len`. NULL `challenge` or `out_len`, or NULL
/// `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial header.
///
/// # Safety
///
/// `challenge` points to a `jeton_bearer_challenge` whose views are
/// readable for their lengths; `out` is writable for `out_cap` bytes and
/// overlaps none of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_auth_bearer_challenge(
    challenge: *const jeton_bearer_challenge,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (c, out_len) = unsafe { (input_struct(challenge)?, out_ptr(out_len)?) };
        let mut regions = Regions::<5>::new();
        regions.push(Region::object(challenge))?;
        let mut text = |view: jeton_bytes| -> Result<Option<&str>, Fail> {
            // SAFETY: the views are readable (function contract).
            let Some(bytes) = (unsafe { optional_input(view.ptr, view.len)? }) else {
                return Ok(None);
            };
            regions.push(Region::of(bytes))?;
            Ok(Some(param(bytes)?))
        };
        let realm = text(c.realm)?;
        let scope = text(c.scope)?;
        let description = text(c.error_description)?;
        let uri = text(c.error_uri)?;
        let mut built = match realm {
            Some(realm) => BearerChallenge::new(realm),
            None => BearerChallenge::without_realm(),
        };
        if let Some(scope) = scope {
            built = built.scope(scope);
        }
        match c.error {
            JETON_BEARER_NO_ERROR => {}
            JETON_BEARER_INVALID_REQUEST => built = built.error(BearerError::InvalidRequest),
            JETON_BEARER_INVALID_TOKEN => built = built.error(BearerError::InvalidToken),
            JETON_BEARER_INSUFFICIENT_SCOPE => built = built.error(BearerError::InsufficientScope),
            _ => return Err(Fail::INVALID),
        }
        if let Some(description) = description {
            built = built.error_description(description);
        }
        if let Some(uri) = uri {
            built = built.error_uri(uri);
        }
        // SAFETY: `out` is writable for `out_cap` bytes (function
        // contract); `output` checks that it overlaps no input.
        let out = unsafe { output(out, out_cap, regions.as_slice())? };
        report_len(built.write(out), out_len)
    })
}
