//! `Set-Cookie`: writing (`jeton_set_cookie`), removal, validation, and
//! parsing as a user agent does (`jeton_parsed_set_cookie`).

use jeton::cookie::{AttributeStyle, ParsedSetCookie, Priority, SameSite, SetCookie};

use crate::boundary::boundary;
use crate::ptr::{Region, input, input_struct, jeton_bytes, optional_input, out_ptr, write_out};
use crate::status::{Fail, jeton_status};

/// A set of `JETON_COOKIE_*` flag bits.
pub type jeton_cookie_flags = u32;

/// `Secure`: sent only over secure channels.
pub const JETON_COOKIE_SECURE: jeton_cookie_flags = 1 << 0;
/// `HttpOnly`: hidden from scripts.
pub const JETON_COOKIE_HTTP_ONLY: jeton_cookie_flags = 1 << 1;
/// `Partitioned` (CHIPS); requires `Secure`.
pub const JETON_COOKIE_PARTITIONED: jeton_cookie_flags = 1 << 2;
/// Writing only: percent-encode the value as npm `cookie` does by default
/// (a value of cookie-octets other than `%` is kept as it is, anything
/// else goes through `encodeURIComponent`), so that it may hold any byte.
pub const JETON_COOKIE_ENCODE_VALUE: jeton_cookie_flags = 1 << 3;
/// The `max_age` field holds a value.
pub const JETON_COOKIE_HAS_MAX_AGE: jeton_cookie_flags = 1 << 4;
/// The `expires` field holds a value.
pub const JETON_COOKIE_HAS_EXPIRES: jeton_cookie_flags = 1 << 5;
/// Parsing and the jar only: the `expiry` field holds a value (the cookie
/// is persistent, not a session cookie).
pub const JETON_COOKIE_HAS_EXPIRY: jeton_cookie_flags = 1 << 6;
/// Parsing only: the header holds a control character other than HTAB; a
/// user agent ignores such a header (RFC 6265bis section 5.6), and the
/// cookie jar does.
pub const JETON_COOKIE_CONTROL_CHARACTERS: jeton_cookie_flags = 1 << 7;
/// The jar only: the cookie is sent to its exact domain only, not to
/// subdomains (it came without a `Domain` attribute).
pub const JETON_COOKIE_HOST_ONLY: jeton_cookie_flags = 1 << 8;

/// The flags `jeton_set_cookie` accepts.
const WRITE_FLAGS: jeton_cookie_flags = JETON_COOKIE_SECURE
    | JETON_COOKIE_HTTP_ONLY
    | JETON_COOKIE_PARTITIONED
    | JETON_COOKIE_ENCODE_VALUE
    | JETON_COOKIE_HAS_MAX_AGE
    | JETON_COOKIE_HAS_EXPIRES;

/// The `SameSite` attribute, one of the `JETON_SAME_SITE_*` values.
pub type jeton_same_site = u32;
/// No `SameSite` attribute (the browser default, `Lax` today).
pub const JETON_SAME_SITE_UNSET: jeton_same_site = 0;
/// `SameSite=Strict`: sent with same-site requests only.
pub const JETON_SAME_SITE_STRICT: jeton_same_site = 1;
/// `SameSite=Lax`: also sent with top-level cross-site navigations.
pub const JETON_SAME_SITE_LAX: jeton_same_site = 2;
/// `SameSite=None`: sent with every request; requires `Secure`.
pub const JETON_SAME_SITE_NONE: jeton_same_site = 3;

/// The `Priority` attribute, one of the `JETON_PRIORITY_*` values.
pub type jeton_priority = u32;
/// No `Priority` attribute.
pub const JETON_PRIORITY_UNSET: jeton_priority = 0;
/// `Priority=Low`: evicted first.
pub const JETON_PRIORITY_LOW: jeton_priority = 1;
/// `Priority=Medium`: the default.
pub const JETON_PRIORITY_MEDIUM: jeton_priority = 2;
/// `Priority=High`: evicted last.
pub const JETON_PRIORITY_HIGH: jeton_priority = 3;

/// How attribute names are spelled and ordered, one of the
/// `JETON_ATTRIBUTE_STYLE_*` values. Browsers read them all alike.
pub type jeton_attribute_style = u32;
/// `Path`, `Domain`, `Max-Age`, `Expires`, `Secure`, `HttpOnly`,
/// `SameSite`, `Partitioned`, `Priority`.
pub const JETON_ATTRIBUTE_STYLE_CANONICAL: jeton_attribute_style = 0;
/// npm `cookie`'s `serialize` (Express, express-session), byte for byte.
pub const JETON_ATTRIBUTE_STYLE_NPM_COOKIE: jeton_attribute_style = 1;
/// npm `cookies` (cookie-session, Koa), byte for byte: lower-case
/// attribute names.
pub const JETON_ATTRIBUTE_STYLE_NPM_COOKIES: jeton_attribute_style = 2;

/// A cookie to write as a `Set-Cookie` header value. Every view is
/// borrowed for the duration of the call only. A zero-filled struct
/// (`= {0}` in C, `{}` in C++) means no attributes, canonical style; set
/// `name` and `value`, then what you need.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_set_cookie {
    /// The name: an RFC 7230 token. Required (non-NULL).
    pub name: jeton_bytes,
    /// The value: RFC 6265 cookie-octets, optionally in double quotes, or
    /// any bytes with `JETON_COOKIE_ENCODE_VALUE`. Required (non-NULL, even
    /// when empty).
    pub value: jeton_bytes,
    /// `Path`: must start with `/`. NULL (with length 0): no `Path`.
    pub path: jeton_bytes,
    /// `Domain`: a host name. NULL (with length 0): no `Domain`.
    pub domain: jeton_bytes,
    /// `Max-Age` in seconds, written when `flags` has
    /// `JETON_COOKIE_HAS_MAX_AGE`; must not be negative; 0 deletes.
    pub max_age: i64,
    /// `Expires` in Unix seconds, written as an IMF-fixdate when `flags`
    /// has `JETON_COOKIE_HAS_EXPIRES`; years 1601 to 9999.
    pub expires: i64,
    /// `JETON_COOKIE_SECURE`, `JETON_COOKIE_HTTP_ONLY`,
    /// `JETON_COOKIE_PARTITIONED`, `JETON_COOKIE_ENCODE_VALUE`,
    /// `JETON_COOKIE_HAS_MAX_AGE`, `JETON_COOKIE_HAS_EXPIRES`; any other bit
    /// is `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_cookie_flags,
    /// A `JETON_SAME_SITE_*` value.
    pub same_site: jeton_same_site,
    /// A `JETON_PRIORITY_*` value.
    pub priority: jeton_priority,
    /// A `JETON_ATTRIBUTE_STYLE_*` value.
    pub style: jeton_attribute_style,
}

/// A `Set-Cookie` header as a user agent reads it (RFC 6265 section 5.2).
/// Every view points into the header passed to `jeton_set_cookie_parse`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_parsed_set_cookie {
    /// The name, trimmed of spaces and tabs; never empty.
    pub name: jeton_bytes,
    /// The value, trimmed of spaces and tabs, quotes kept.
    pub value: jeton_bytes,
    /// The last non-empty `Domain`, without its leading dot, case kept
    /// (compare case-insensitively); NULL when absent.
    pub domain: jeton_bytes,
    /// The last `Path` that starts with `/`; NULL when absent (the request
    /// URL's default path applies).
    pub path: jeton_bytes,
    /// The last valid `Max-Age` in seconds (may be zero or negative:
    /// expire now), when `flags` has `JETON_COOKIE_HAS_MAX_AGE`.
    pub max_age: i64,
    /// The last valid `Expires` in Unix seconds, when `flags` has
    /// `JETON_COOKIE_HAS_EXPIRES`.
    pub expires: i64,
    /// When the cookie expires for the `now` given to the parser, in Unix
    /// seconds, when `flags` has `JETON_COOKIE_HAS_EXPIRY`: `Max-Age` takes
    /// precedence over `Expires`; a `Max-Age` of zero or less gives
    /// `INT64_MIN` (already expired). Without the flag it is a session
    /// cookie.
    pub expiry: i64,
    /// `JETON_COOKIE_SECURE`, `JETON_COOKIE_HTTP_ONLY`,
    /// `JETON_COOKIE_PARTITIONED`, `JETON_COOKIE_HAS_MAX_AGE`,
    /// `JETON_COOKIE_HAS_EXPIRES`, `JETON_COOKIE_HAS_EXPIRY`,
    /// `JETON_COOKIE_CONTROL_CHARACTERS`.
    pub flags: jeton_cookie_flags,
    /// The last `SameSite` if its value was known (an unknown value resets
    /// it to `JETON_SAME_SITE_UNSET`).
    pub same_site: jeton_same_site,
    /// The last `Priority` if its value was known.
    pub priority: jeton_priority,
}

pub(crate) fn same_site_from(value: jeton_same_site) -> Result<Option<SameSite>, Fail> {
    match value {
        JETON_SAME_SITE_UNSET => Ok(None),
        JETON_SAME_SITE_STRICT => Ok(Some(SameSite::Strict)),
        JETON_SAME_SITE_LAX => Ok(Some(SameSite::Lax)),
        JETON_SAME_SITE_NONE => Ok(Some(SameSite::None)),
        _ => Err(Fail::INVALID),
    }
}

pub(crate) fn same_site_to(value: Option<SameSite>) -> jeton_same_site {
    match value {
        None => JETON_SAME_SITE_UNSET,
        Some(SameSite::Strict) => JETON_SAME_SITE_STRICT,
        Some(SameSite::Lax) => JETON_SAME_SITE_LAX,
        Some(SameSite::None) => JETON_SAME_SITE_NONE,
    }
}

fn priority_from(value: jeton_priority) -> Result<Option<Priority>, Fail> {
    match value {
        JETON_PRIORITY_UNSET => Ok(None),
        JETON_PRIORITY_LOW => Ok(Some(Priority::Low)),
        JETON_PRIORITY_MEDIUM => Ok(Some(Priority::Medium)),
        JETON_PRIORITY_HIGH => Ok(Some(Priority::High)),
        _ => Err(Fail::INVALID),
    }
}

fn priority_to(value: Option<Priority>) -> jeton_priority {
    match value {
        None => JETON_PRIORITY_UNSET,
        Some(Priority::Low) => JETON_PRIORITY_LOW,
        Some(Priority::Medium) => JETON_PRIORITY_MEDIUM,
        Some(Priority::High) => JETON_PRIORITY_HIGH,
    }
}

fn style_from(value: jeton_attribute_style) -> Result<AttributeStyle, Fail> {
    match value {
        JETON_ATTRIBUTE_STYLE_CANONICAL => Ok(AttributeStyle::Canonical),
        JETON_ATTRIBUTE_STYLE_NPM_COOKIE => Ok(AttributeStyle::NpmCookie),
        JETON_ATTRIBUTE_STYLE_NPM_COOKIES => Ok(AttributeStyle::NpmCookies),
        _ => Err(Fail::INVALID),
    }
}

/// What writing a `jeton_set_cookie` produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The cookie as described.
    Cookie,
    /// Its removal: empty value, `Max-Age=0`, `Expires` in 1970.
    Removal,
}

/// A checked `jeton_set_cookie`: the core builder and the regions of every
/// view, for overlap checks against outputs.
#[derive(Debug)]
pub(crate) struct Checked<'a> {
    pub(crate) cookie: SetCookie<'a>,
    pub(crate) regions: [Region; 5],
}

/// Reads and checks the C description of a cookie.
///
/// # Safety
///
/// `cookie` is NULL or points to a `jeton_set_cookie` whose views are
/// readable for their lengths during `'a`.
pub(crate) unsafe fn checked<'a>(
    cookie: *const jeton_set_cookie,
    kind: Kind,
) -> Result<Checked<'a>, Fail> {
    // SAFETY: a `jeton_set_cookie` by the caller's contract (NULL and
    // alignment are checked), and any bit pattern is a valid one.
    let c: &'a jeton_set_cookie = unsafe { input_struct(cookie)? };
    // SAFETY: the views are readable for their lengths (caller's
    // contract).
    let (name, value, path, domain) = unsafe {
        (
            input(c.name.ptr, c.name.len)?,
            input(c.value.ptr, c.value.len)?,
            optional_input(c.path.ptr, c.path.len)?,
            optional_input(c.domain.ptr, c.domain.len)?,
        )
    };
    if c.flags & !WRITE_FLAGS != 0 {
        return Err(Fail::INVALID);
    }
    let flag = |bit: jeton_cookie_flags| c.flags & bit != 0;
    let same_site = same_site_from(c.same_site)?;
    let priority = priority_from(c.priority)?;
    let style = style_from(c.style)?;
    let mut cookie = match kind {
        Kind::Cookie => {
            let mut cookie =
                SetCookie::new(name, value).encode_value(flag(JETON_COOKIE_ENCODE_VALUE));
            if flag(JETON_COOKIE_HAS_MAX_AGE) {
                let max_age = u64::try_from(c.max_age).map_err(|_| Fail::INVALID)?;
                cookie = cookie.max_age(max_age);
            }
            if flag(JETON_COOKIE_HAS_EXPIRES) {
                cookie = cookie.expires(c.expires);
            }
            cookie
        }
        Kind::Removal => SetCookie::removal(name),
    };
    cookie = cookie
        .secure(flag(JETON_COOKIE_SECURE))
        .http_only(flag(JETON_COOKIE_HTTP_ONLY))
        .partitioned(flag(JETON_COOKIE_PARTITIONED))
        .style(style);
    if let Some(path) = path {
        cookie = cookie.path(path);
    }
    if let Some(domain) = domain {
        cookie = cookie.domain(domain);
    }
    if let Some(same_site) = same_site {
        cookie = cookie.same_site(same_site);
    }
    if let Some(priority) = priority {
        cookie = cookie.priority(priority);
    }
    let region = |bytes: Option<&[u8]>| bytes.map_or(Region::EMPTY, Region::of);
    Ok(Checked {
        cookie,
        regions: [
            Region::object(core::ptr::from_ref(c)),
            Region::of(name),
            Region::of(value),
            region(path),
            region(domain),
        ],
    })
}

/// Checks every rule `jeton_set_cookie_write` checks, without writing.
///
/// Returns `JETON_OK` when the cookie can be written; otherwise the first
/// rule broken, in this order: `JETON_ERR_COOKIE_EMPTY_NAME`,
/// `JETON_ERR_COOKIE_INVALID_NAME`, `JETON_ERR_COOKIE_INVALID_VALUE`,
/// `JETON_ERR_COOKIE_TOO_LARGE`, `JETON_ERR_COOKIE_ATTRIBUTE_TOO_LONG`,
/// `JETON_ERR_COOKIE_INVALID_PATH`, `JETON_ERR_COOKIE_INVALID_DOMAIN`,
/// `JETON_ERR_DATE_OUT_OF_RANGE`, `JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE`,
/// `JETON_ERR_PARTITIONED_REQUIRES_SECURE`, then the prefix rules
/// `JETON_ERR_COOKIE_PREFIX_REQUIRES_SECURE`,
/// `JETON_ERR_COOKIE_PREFIX_REQUIRES_ROOT_PATH`,
/// `JETON_ERR_COOKIE_PREFIX_FORBIDS_DOMAIN`,
/// `JETON_ERR_COOKIE_PREFIX_REQUIRES_HTTP_ONLY`.
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown flag bit or enumeration
/// value, a negative `max_age`, or a NULL optional view with a non-zero
/// length. NULL `cookie`, or a NULL `name` or `value` view:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `cookie` points to a `jeton_set_cookie` whose views are readable for
/// their lengths.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_set_cookie_validate(
    cookie: *const jeton_set_cookie,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `checked`'s.
        let checked = unsafe { checked(cookie, Kind::Cookie)? };
        Ok(checked.cookie.validate()?)
    })
}

/// Writes one kind of `Set-Cookie` header into C buffers.
///
/// # Safety
///
/// As `jeton_set_cookie_write`.
unsafe fn write(
    cookie: *const jeton_set_cookie,
    kind: Kind,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: `cookie` and its views are readable, `out_len` writable
    // (function contract).
    let checked = unsafe { checked(cookie, kind)? };
    // SAFETY: `out` is writable for `out_cap` bytes and `out_len` for a
    // `size_t` (function contract); `out` may overlap neither the struct
    // nor its views.
    unsafe {
        write_out(out, out_cap, out_len, &checked.regions, |out| {
            checked.cookie.write(out)
        })
    }
}

/// Checks every rule (see `jeton_set_cookie_validate`), then writes the
/// `Set-Cookie` header value (without the `Set-Cookie:` name, not
/// NUL-terminated) for `cookie` into `out`. No input can put a CR, LF or
/// `;` into the header.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); any error of `jeton_set_cookie_validate`. NULL
/// `cookie`, a NULL `name` or `value` view, NULL `out_len`, or NULL `out`
/// with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out`
/// holds no partial header.
///
/// # Safety
///
/// `cookie` points to a `jeton_set_cookie` whose views are readable for
/// their lengths; `out` is writable for `out_cap` bytes and overlaps none
/// of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_set_cookie_write(
    cookie: *const jeton_set_cookie,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    // SAFETY: the function contract is `write`'s.
    boundary(|| unsafe { write(cookie, Kind::Cookie, out, out_cap, out_len) })
}

/// Writes the `Set-Cookie` header value that deletes the cookie `cookie`
/// describes: its name with an empty value, `Max-Age=0` and an `Expires`
/// in 1970, plus its `path`, `domain`, flags, `same_site`, `priority` and
/// `style` (a browser deletes a cookie only when path and domain match, and
/// a prefixed name still needs `Secure`). Its `value`, `max_age`,
/// `expires` and `JETON_COOKIE_ENCODE_VALUE` are ignored, but `value` must
/// still be non-NULL.
///
/// Returns as `jeton_set_cookie_write`.
///
/// # Safety
///
/// As `jeton_set_cookie_write`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_set_cookie_write_removal(
    cookie: *const jeton_set_cookie,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    // SAFETY: the function contract is `write`'s.
    boundary(|| unsafe { write(cookie, Kind::Removal, out, out_cap, out_len) })
}

/// Parses a `Set-Cookie` header value (without the `Set-Cookie:` name)
/// with the RFC 6265 section 5.2 user-agent algorithm: the last valid
/// instance of an attribute wins, unparsable `Expires` and non-integer
/// `Max-Age` are ignored, an attribute value over 1024 bytes is ignored.
/// `now` (Unix seconds, your clock) is only used to fill `expiry`.
///
/// Returns `JETON_OK` with `*cookie` set (its views point into `header`);
/// `JETON_ERR_COOKIE_MISSING_EQUALS` or `JETON_ERR_COOKIE_EMPTY_NAME` when
/// a user agent would ignore the whole header. NULL `header` or `cookie`:
/// `JETON_ERR_NULL_POINTER`. On error `*cookie` is untouched.
///
/// # Safety
///
/// `header` is readable for `header_len` bytes; `cookie` points to a
/// writable `jeton_parsed_set_cookie`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_set_cookie_parse(
    header: *const u8,
    header_len: usize,
    now: i64,
    cookie: *mut jeton_parsed_set_cookie,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `header` is readable for its length and `cookie`
        // writable (function contract).
        let (header, cookie) = unsafe { (input(header, header_len)?, out_ptr(cookie)?) };
        let parsed = ParsedSetCookie::parse(header)?;
        let bit = |on: bool, bit: jeton_cookie_flags| if on { bit } else { 0 };
        let expiry = parsed.expiry(now);
        cookie.set(jeton_parsed_set_cookie {
            name: jeton_bytes::within(header, parsed.name()),
            value: jeton_bytes::within(header, parsed.value()),
            domain: jeton_bytes::within_optional(header, parsed.domain()),
            path: jeton_bytes::within_optional(header, parsed.path()),
            max_age: parsed.max_age().unwrap_or(0),
            expires: parsed.expires().unwrap_or(0),
            expiry: expiry.unwrap_or(0),
            flags: bit(parsed.secure(), JETON_COOKIE_SECURE)
                | bit(parsed.http_only(), JETON_COOKIE_HTTP_ONLY)
                | bit(parsed.partitioned(), JETON_COOKIE_PARTITIONED)
                | bit(parsed.max_age().is_some(), JETON_COOKIE_HAS_MAX_AGE)
                | bit(parsed.expires().is_some(), JETON_COOKIE_HAS_EXPIRES)
                | bit(expiry.is_some(), JETON_COOKIE_HAS_EXPIRY)
                | bit(
                    parsed.has_control_characters(),
                    JETON_COOKIE_CONTROL_CHARACTERS,
                ),
            same_site: same_site_to(parsed.same_site()),
            priority: priority_to(parsed.priority()),
        });
        Ok(())
    })
}
