//! The `Cookie` request header (iteration, lookup, strict check, value
//! decoding), writing a `Cookie` header, and cookie dates.

use core::fmt;

use jeton::cookie::{CookieHeader, CookieHeaderWriter, CookieLimits, CookiePair, Pairs};

use crate::boundary::{Step, boundary};
use crate::object::{object_mut, slot};
use crate::ptr::{
    OutPtr, Region, input, input_array, jeton_bytes, out_ptr, output, report_len, transform,
    write_out,
};
use crate::set_cookie::{JETON_COOKIE_ENCODE_VALUE, jeton_cookie_flags};
use crate::status::{Fail, jeton_status};

/// Size in bytes of a `jeton_cookie_iter`.
pub const JETON_COOKIE_ITER_SIZE: usize = 64;

/// Longest `Cookie` header the functions without explicit limits accept:
/// 8 KiB, what most servers accept.
pub const JETON_COOKIE_MAX_HEADER_LEN: usize = 8192;

/// Most `;`-separated pieces the functions without explicit limits
/// accept: 180, the most cookies per domain a browser keeps.
pub const JETON_COOKIE_MAX_PAIRS: usize = 180;

const _: () = {
    assert!(JETON_COOKIE_MAX_HEADER_LEN == CookieLimits::DEFAULT.max_header_len);
    assert!(JETON_COOKIE_MAX_PAIRS == CookieLimits::DEFAULT.max_pairs);
};

/// Length of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`: the
/// buffer `jeton_http_date_format` needs.
pub const JETON_HTTP_DATE_LEN: usize = 29;

/// The earliest instant a cookie date can name, 1601-01-01T00:00:00Z, in
/// Unix seconds.
pub const JETON_MIN_COOKIE_TIME: i64 = -11_644_473_600;

/// The latest instant a cookie date can name, 9999-12-31T23:59:59Z, in
/// Unix seconds.
pub const JETON_MAX_COOKIE_TIME: i64 = 253_402_300_799;

const _: () = {
    assert!(JETON_HTTP_DATE_LEN == jeton::cookie::HTTP_DATE_LEN);
    assert!(JETON_MIN_COOKIE_TIME == jeton::cookie::MIN_COOKIE_TIME);
    assert!(JETON_MAX_COOKIE_TIME == jeton::cookie::MAX_COOKIE_TIME);
};

/// An iteration over the pairs of a `Cookie` header, in order, duplicates
/// included. Place it anywhere (usually on the stack), start it with
/// `jeton_cookie_iter_init` and advance it with `jeton_cookie_iter_next`.
/// It borrows the header: keep the header alive and unchanged while you
/// iterate. It holds nothing to clear.
#[repr(C, align(16))]
pub struct jeton_cookie_iter {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_COOKIE_ITER_SIZE],
}

impl fmt::Debug for jeton_cookie_iter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_cookie_iter { .. }")
    }
}

/// What a `jeton_cookie_iter` remembers: the header and the pairs left.
#[derive(Debug)]
pub(crate) struct IterState {
    header: &'static [u8],
    pairs: Pairs<'static>,
}

storage!(
    jeton_cookie_iter,
    IterState,
    u64::from_le_bytes(*b"jt-iter\0")
);

/// One `name=value` pair of a `Cookie` header. Every view points into the
/// header the caller passed, and is valid as long as it is.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct jeton_cookie_pair {
    /// The name, trimmed of spaces and tabs; may be empty.
    pub name: jeton_bytes,
    /// The value as sent, trimmed of spaces and tabs, double quotes kept
    /// (as npm `cookie` 1.x and 2.x give it).
    pub value: jeton_bytes,
    /// The value without its one pair of surrounding double quotes, if it
    /// has them (as npm `cookie` 0.7, which Express uses, gives it).
    pub value_unquoted: jeton_bytes,
}

impl jeton_cookie_pair {
    fn new(header: &[u8], pair: &CookiePair<'_>) -> jeton_cookie_pair {
        jeton_cookie_pair {
            name: jeton_bytes::within(header, pair.name()),
            value: jeton_bytes::within(header, pair.value()),
            value_unquoted: jeton_bytes::within(header, pair.value_unquoted()),
        }
    }
}

/// Starts iterating `header` under limits; both `_init` functions share it.
///
/// # Safety
///
/// `iter` is writable storage for a `jeton_cookie_iter`; `header` is
/// readable for `header_len` bytes and outlives the iteration.
unsafe fn iter_init(
    iter: *mut jeton_cookie_iter,
    header: *const u8,
    header_len: usize,
    limits: CookieLimits,
) -> Result<(), Fail> {
    // SAFETY: as the function contract says; the header does not lie in
    // the iterator (checked). The header is given the 'static lifetime:
    // the C contract is that it outlives the iteration, and only the
    // iterator keeps it.
    let (iter, header) = unsafe {
        (
            slot(iter, &[Region::array(header, header_len)])?,
            input::<'static>(header, header_len)?,
        )
    };
    let parsed = CookieHeader::parse_with_limits(header, limits)?;
    iter.fill(IterState {
        header,
        pairs: parsed.iter(),
    });
    Ok(())
}

/// Starts an iteration over the pairs of the `Cookie` header value
/// `header` (without the `Cookie:` name), under the default limits
/// (`JETON_COOKIE_MAX_HEADER_LEN`, `JETON_COOKIE_MAX_PAIRS`).
///
/// Pairs are read as npm `cookie` reads them: split on `;`, split at the
/// first `=`, spaces and tabs trimmed, pieces without `=` skipped, empty
/// names kept, every pair in order.
///
/// Returns `JETON_OK`; `JETON_ERR_INPUT_TOO_LONG` or
/// `JETON_ERR_TOO_MANY_ITEMS` when the header exceeds the limits (checked
/// here, before any pair is read). NULL `iter` or `header`:
/// `JETON_ERR_NULL_POINTER`. On error `iter` is untouched.
///
/// # Safety
///
/// `iter` points to writable storage for a `jeton_cookie_iter`; `header`
/// is readable for `header_len` bytes and stays alive and unchanged while
/// the iteration and the pairs it yields are used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_iter_init(
    iter: *mut jeton_cookie_iter,
    header: *const u8,
    header_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `iter_init`'s.
        unsafe { iter_init(iter, header, header_len, CookieLimits::DEFAULT) }
    })
}

/// `jeton_cookie_iter_init` under your limits: a header longer than
/// `max_header_len` bytes, or with more than `max_pairs` `;`-separated
/// pieces (empty ones included), is refused.
///
/// Returns as `jeton_cookie_iter_init`.
///
/// # Safety
///
/// As `jeton_cookie_iter_init`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_iter_init_with_limits(
    iter: *mut jeton_cookie_iter,
    header: *const u8,
    header_len: usize,
    max_header_len: usize,
    max_pairs: usize,
) -> jeton_status {
    boundary(|| {
        let limits = CookieLimits {
            max_header_len,
            max_pairs,
        };
        // SAFETY: the function contract is `iter_init`'s.
        unsafe { iter_init(iter, header, header_len, limits) }
    })
}

/// Advances `iter` and writes the next pair into `*pair`.
///
/// Returns `JETON_OK` with `*pair` set, or `JETON_DONE` when no pair is
/// left (`*pair` untouched; `JETON_DONE` again on every later call). NULL
/// `iter` or `pair`: `JETON_ERR_NULL_POINTER`. The views in `*pair` point
/// into the header given to `jeton_cookie_iter_init`.
///
/// ```c
/// jeton_cookie_iter it;
/// jeton_cookie_pair pair;
/// if (jeton_cookie_iter_init(&it, hdr, hdr_len) == JETON_OK)
///     while (jeton_cookie_iter_next(&it, &pair) == JETON_OK)
///         handle(pair.name, pair.value);
/// ```
///
/// # Safety
///
/// `iter` points to a `jeton_cookie_iter` started by
/// `jeton_cookie_iter_init` whose header is still alive and unchanged;
/// `pair` points to a writable `jeton_cookie_pair`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_iter_next(
    iter: *mut jeton_cookie_iter,
    pair: *mut jeton_cookie_pair,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `iter` is a started iteration and `pair` writable and
        // outside it (function contract, checked).
        let (state, pair) = unsafe { (object_mut(iter, &[Region::object(pair)])?, out_ptr(pair)?) };
        Ok(match state.pairs.next() {
            Some(next) => {
                pair.set(jeton_cookie_pair::new(state.header, &next));
                Step::Item
            }
            None => Step::Done,
        })
    })
}

/// Finds the first pair named `name` (compared byte for byte, case
/// included) in the `Cookie` header value `header`, under the default
/// limits.
///
/// Returns `JETON_OK` with `*pair` set (its views point into `header`);
/// `JETON_ERR_COOKIE_NOT_FOUND`; `JETON_ERR_INPUT_TOO_LONG` or
/// `JETON_ERR_TOO_MANY_ITEMS` over the limits. NULL `header`, `name` or
/// `pair`: `JETON_ERR_NULL_POINTER`. On error `*pair` is untouched.
///
/// # Safety
///
/// `header` and `name` are readable for `header_len` and `name_len` bytes;
/// `pair` points to a writable `jeton_cookie_pair`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_header_get(
    header: *const u8,
    header_len: usize,
    name: *const u8,
    name_len: usize,
    pair: *mut jeton_cookie_pair,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid for its length (function
        // contract).
        let (header, name, pair) = unsafe {
            (
                input(header, header_len)?,
                input(name, name_len)?,
                out_ptr(pair)?,
            )
        };
        let found = CookieHeader::parse(header)?
            .get(name)
            .ok_or(jeton::Error::CookieNotFound)?;
        pair.set(jeton_cookie_pair::new(header, &found));
        Ok(())
    })
}

/// Checks the `Cookie` header value `header` against the RFC 6265 section
/// 4.2.1 grammar (`name=value` pairs of tokens and cookie-octets, optional
/// double quotes, separated by exactly `"; "`) and reports the first
/// departure.
///
/// Returns `JETON_OK` when the header follows it. Otherwise one of
/// `JETON_ERR_COOKIE_HEADER_EMPTY`, `JETON_ERR_COOKIE_MISSING_EQUALS`,
/// `JETON_ERR_COOKIE_EMPTY_NAME`, `JETON_ERR_COOKIE_INVALID_NAME`,
/// `JETON_ERR_COOKIE_INVALID_VALUE` or `JETON_ERR_COOKIE_INVALID_SEPARATOR`,
/// with the byte offset where it was found in `*offset` (for those six
/// only); `JETON_ERR_INPUT_TOO_LONG` or `JETON_ERR_TOO_MANY_ITEMS` over the
/// default limits. NULL `header` or `offset`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `header` is readable for `header_len` bytes; `offset` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_header_check_strict(
    header: *const u8,
    header_len: usize,
    offset: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `header` is readable for its length and `offset`
        // writable (function contract).
        let (header, offset) = unsafe { (input(header, header_len)?, out_ptr(offset)?) };
        match CookieHeader::parse(header)?.check_strict() {
            Ok(()) => Ok(()),
            Err(violation) => {
                offset.set(violation.offset);
                Err(violation.error.into())
            }
        }
    })
}

/// Percent-decodes a cookie value into `out` the way npm `cookie`'s
/// default decoder does: a value without `%` is copied, otherwise it is
/// decoded as `decodeURIComponent` would, and a value that does not decode
/// (a stray `%`, escapes that are not UTF-8) is copied as it is. Pass
/// `value_unquoted` of a pair to decode without the quotes.
///
/// Returns `JETON_OK` with the length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`value_len` bytes always suffice; `(NULL, 0)` asks). NULL `value` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result.
///
/// # Safety
///
/// `value` is readable for `value_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap `value`; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_value_decode(
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(
                value,
                value_len,
                out,
                out_cap,
                out_len,
                jeton::percent::decode_cookie_value,
            )
        }
    })
}

/// Percent-encodes a cookie value into `out` the way npm `cookie` does by
/// default: a value made only of cookie-octets other than `%` is copied,
/// anything else is encoded as `encodeURIComponent` would.
///
/// Returns `JETON_OK` with the length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`3 * value_len` bytes always suffice). NULL `value` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial result.
///
/// # Safety
///
/// As `jeton_cookie_value_decode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_value_encode(
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(
                value,
                value_len,
                out,
                out_cap,
                out_len,
                jeton::percent::encode_cookie_value,
            )
        }
    })
}

/// Writes a `Cookie` request header value, `name=value; name=value`, from
/// `pair_count` pairs (only their `name` and `value` are read). Names must
/// be RFC 7230 tokens; values must be RFC 6265 cookie-values, unless
/// `flags` is `JETON_COOKIE_ENCODE_VALUE`: then every value is
/// percent-encoded as `jeton_cookie_value_encode` does. What it writes
/// passes `jeton_cookie_header_check_strict`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`;
/// `JETON_ERR_COOKIE_EMPTY_NAME`, `JETON_ERR_COOKIE_INVALID_NAME` or
/// `JETON_ERR_COOKIE_INVALID_VALUE` for the first pair that breaks a rule;
/// `JETON_ERR_INVALID_ARGUMENT` for any other flag bit. NULL `pairs` (even with `pair_count` 0), a NULL view in a pair, NULL
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial header.
///
/// # Safety
///
/// `pairs` points to `pair_count` `jeton_cookie_pair`s whose `name` and
/// `value` views are readable; `out` is writable for `out_cap` bytes and
/// overlaps none of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_header_write(
    pairs: *const jeton_cookie_pair,
    pair_count: usize,
    flags: jeton_cookie_flags,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `pairs` holds `pair_count` pairs and `out_len` is
        // writable (function contract).
        let (pairs, out_len) = unsafe { (input_array(pairs, pair_count)?, out_ptr(out_len)?) };
        if flags & !JETON_COOKIE_ENCODE_VALUE != 0 {
            return Err(Fail::INVALID);
        }
        // Every view is checked, and `out` checked against each, before
        // anything is written.
        let out_region = Region::array(out.cast_const(), out_cap);
        let pairs_region = Region::array(pairs.as_ptr(), pairs.len());
        for pair in pairs {
            for view in [pair.name, pair.value] {
                // SAFETY: the views are readable for their lengths
                // (function contract).
                let bytes = unsafe { input(view.ptr, view.len)? };
                if out_region.overlaps(Region::of(bytes)) {
                    return Err(Fail::OVERLAP);
                }
            }
        }
        // SAFETY: `out` is writable for `out_cap` bytes (function
        // contract) and overlaps no view (checked above).
        let out = unsafe { output(out, out_cap, &[pairs_region])? };
        write_header(pairs, flags != 0, out, out_len)
    })
}

/// The body of `jeton_cookie_header_write`, once every pointer is checked.
fn write_header(
    pairs: &[jeton_cookie_pair],
    encode: bool,
    out: &mut [u8],
    out_len: OutPtr<'_, usize>,
) -> Result<(), Fail> {
    let mut writer = CookieHeaderWriter::new(&mut *out);
    let mut broken = None;
    for pair in pairs {
        // SAFETY: the views are readable for their lengths (contract of
        // `jeton_cookie_header_write`, which checked them already).
        let (name, value) = unsafe {
            (
                input(pair.name.ptr, pair.name.len)?,
                input(pair.value.ptr, pair.value.len)?,
            )
        };
        let added = if encode {
            writer.pair_encoded(name, value).map(|_| ())
        } else {
            writer.pair(name, value).map(|_| ())
        };
        if let Err(e) = added {
            broken = Some(e);
            break;
        }
    }
    match broken {
        None => report_len(writer.finish(), out_len),
        Some(e) => {
            // The pairs written before the bad one must not look like a
            // result.
            out.fill(0);
            Err(e.into())
        }
    }
}

/// Formats `unix_seconds` as an IMF-fixdate (RFC 7231 section 7.1.1.1),
/// `Sun, 06 Nov 1994 08:49:37 GMT`, the form `Expires` takes: always
/// `JETON_HTTP_DATE_LEN` bytes, not NUL-terminated.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_DATE_OUT_OF_RANGE` outside `JETON_MIN_COOKIE_TIME` ..
/// `JETON_MAX_COOKIE_TIME`; `JETON_ERR_BUFFER_TOO_SMALL` with the length
/// needed in `*out_len`. NULL `out_len`, or NULL `out` with a non-zero
/// `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no partial
/// date.
///
/// # Safety
///
/// `out` is writable for `out_cap` bytes; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_http_date_format(
    unix_seconds: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract); there is no other input.
        unsafe {
            write_out(out, out_cap, out_len, &[], |out| {
                jeton::cookie::format_http_date(unix_seconds, out)
            })
        }
    })
}

/// Reads a cookie date with the forgiving RFC 6265 section 5.1.1 algorithm
/// (which also reads IMF-fixdate, RFC 850 and asctime dates) into Unix
/// seconds.
///
/// Returns `JETON_OK` with `*unix_seconds` set, or
/// `JETON_ERR_INVALID_COOKIE_DATE` (`*unix_seconds` untouched). NULL
/// `date` or `unix_seconds`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `date` is readable for `date_len` bytes; `unix_seconds` points to a
/// writable `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_date_parse(
    date: *const u8,
    date_len: usize,
    unix_seconds: *mut i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `date` is readable for its length and `unix_seconds`
        // writable (function contract).
        let (date, unix_seconds) = unsafe { (input(date, date_len)?, out_ptr(unix_seconds)?) };
        unix_seconds.set(jeton::cookie::parse_cookie_date(date)?);
        Ok(())
    })
}
