//! `application/x-www-form-urlencoded` as the WHATWG URL standard writes
//! and reads it, and URLs with parameters appended.

use core::fmt;

use jeton::oauth::form::{self, Encoded, FormWriter, Pairs};
use jeton::oauth::url;

use super::jeton_oauth_param;
use crate::boundary::{Step, boundary};
use crate::object::{object_mut, slot};
use crate::ptr::{
    KeepOut, Region, input, input_array, jeton_bytes, out_ptr, out_ptr_apart, output, report_len,
    transform,
};
use crate::status::{Fail, jeton_status};

/// Encodes `data` as one name or value of a form into `out`: `A-Z a-z
/// 0-9 * - . _` stay, a space becomes `+`, every other byte `%XX` in upper
/// case (what `URLSearchParams` writes).
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len` (at
/// most `3 * data_len`). NULL `data` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial result.
///
/// # Safety
///
/// `data` is readable for `data_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_encode(
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe { transform(data, data_len, out, out_cap, out_len, form::encode) }
    })
}

/// Decodes one name or value of a form into `out`: `+` is a space, `%XX`
/// a byte, a `%` without two hex digits stays as it is, and bytes that are
/// not UTF-8 become U+FFFD (the output is always UTF-8), as browsers read
/// forms. Nothing is refused.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`data_len` suffices for UTF-8 input; `3 * data_len` always does, a
/// byte that is not UTF-8 becoming the three bytes of U+FFFD). NULL
/// `data` or `out_len`, or NULL `out`
/// with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out`
/// holds no partial result.
///
/// # Safety
///
/// As `jeton_oauth_form_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_decode(
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe { transform(data, data_len, out, out_cap, out_len, form::decode) }
    })
}

/// Whether the form value `encoded` (as sent: `+` and escapes included)
/// decodes to `expected`, compared in time that depends on the lengths
/// only: for a secret, such as a `state` you stored.
///
/// Returns `JETON_OK` with `*equal` set. NULL `encoded`, `expected` or
/// `equal`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `encoded` and `expected` are readable for their lengths; `equal` points
/// to a writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_equals(
    encoded: *const u8,
    encoded_len: usize,
    expected: *const u8,
    expected_len: usize,
    equal: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (encoded, expected, equal) = unsafe {
            (
                input(encoded, encoded_len)?,
                input(expected, expected_len)?,
                out_ptr(equal)?,
            )
        };
        equal.set(Encoded::new(encoded).ct_eq(expected));
        Ok(())
    })
}

/// The name and value of `p`, checked to lie outside the output.
///
/// # Safety
///
/// The views of `p` are readable.
unsafe fn param_views(p: &jeton_oauth_param, keep_out: KeepOut) -> Result<(&[u8], &[u8]), Fail> {
    // SAFETY: the caller's contract.
    let (name, value) = unsafe {
        (
            input(p.name.ptr, p.name.len)?,
            input(p.value.ptr, p.value.len)?,
        )
    };
    keep_out.check(Region::of(name))?;
    keep_out.check(Region::of(value))?;
    Ok((name, value))
}

/// Checks every view of `params` before anything is written: a NULL or
/// overlapping view found halfway would otherwise leave the pairs before
/// it in the caller's buffer.
///
/// # Safety
///
/// The array and its views are readable.
unsafe fn check_params(params: &[jeton_oauth_param], keep_out: KeepOut) -> Result<(), Fail> {
    for p in params {
        // SAFETY: the caller's contract.
        unsafe { param_views(p, keep_out)? };
    }
    Ok(())
}

/// Appends `params` (checked by [`check_params`]) to `w`.
///
/// # Safety
///
/// The array and its views are readable.
unsafe fn write_params(
    w: &mut FormWriter<'_>,
    params: &[jeton_oauth_param],
    keep_out: KeepOut,
) -> Result<(), Fail> {
    for p in params {
        // SAFETY: the caller's contract.
        let (name, value) = unsafe { param_views(p, keep_out)? };
        w.pair(name, value);
    }
    Ok(())
}

/// Writes the form `name=value&name=value...` of the `count` parameters
/// `params` into `out`, each name and value encoded as
/// `jeton_oauth_form_encode` does: a request body.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`.
/// `count` may be 0 (an empty form). NULL `params`, one of their views or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result.
///
/// # Safety
///
/// `params` points to `count` `jeton_oauth_param`s whose views are
/// readable; `out` is writable for `out_cap` bytes and overlaps none of
/// them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_write(
    params: *const jeton_oauth_param,
    count: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says.
        let (params, out_len) = unsafe { (input_array(params, count)?, out_ptr(out_len)?) };
        keep_out.check(Region::array(params.as_ptr(), params.len()))?;
        // SAFETY: the views are readable (function contract).
        unsafe { check_params(params, keep_out)? };
        // SAFETY: each view was checked against `out`.
        let out = unsafe { output(out, out_cap, &[])? };
        let mut w = FormWriter::new(out);
        // SAFETY: the views are readable (function contract).
        unsafe { write_params(&mut w, params, keep_out)? };
        report_len(w.finish(), out_len)
    })
}

/// Writes `endpoint` with the `count` parameters `params` appended into
/// `out`: after a `?` when the endpoint has no query, after `&` when it
/// has one (kept byte for byte, RFC 6749 section 3.1), encoded as
/// `jeton_oauth_form_write` does.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_ENDPOINT_INVALID` for an endpoint that is not an
/// absolute URL of printable ASCII (a scheme, then no space) or that holds
/// a fragment; `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in
/// `*out_len`. NULL `endpoint`, `params` (`count` may be 0), one of their
/// views or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result.
///
/// # Safety
///
/// `endpoint` is readable for `endpoint_len` bytes; otherwise as
/// `jeton_oauth_form_write`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_url_write(
    endpoint: *const u8,
    endpoint_len: usize,
    params: *const jeton_oauth_param,
    count: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says.
        let (endpoint, params, out_len) = unsafe {
            (
                input(endpoint, endpoint_len)?,
                input_array(params, count)?,
                out_ptr(out_len)?,
            )
        };
        keep_out.check(Region::of(endpoint))?;
        keep_out.check(Region::array(params.as_ptr(), params.len()))?;
        // SAFETY: the views are readable (function contract).
        unsafe { check_params(params, keep_out)? };
        // SAFETY: each view was checked against `out`.
        let out = unsafe { output(out, out_cap, &[])? };
        let mut w = url::with_query(endpoint, out)?;
        // SAFETY: the views are readable (function contract).
        unsafe { write_params(&mut w, params, keep_out)? };
        report_len(w.finish(), out_len)
    })
}

/// Finds the query of a request target or URL `target`: what follows the
/// first `?`, up to a `#` (empty when there is no `?`).
///
/// Returns `JETON_OK` with `*query` set (it points into `target`). NULL
/// `target` or `query`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `target` is readable for `target_len` bytes; `query` points to a
/// writable `jeton_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_query(
    target: *const u8,
    target_len: usize,
    query: *mut jeton_bytes,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (target, query) = unsafe { (input(target, target_len)?, out_ptr(query)?) };
        query.set(jeton_bytes::within(target, form::query(target)));
        Ok(())
    })
}

/// Size in bytes of a `jeton_oauth_form_iter`.
pub const JETON_OAUTH_FORM_ITER_SIZE: usize = 64;

/// An iteration over the `name=value` pairs of a form or a query string.
/// Start it with `jeton_oauth_form_iter_init` and advance it with
/// `jeton_oauth_form_iter_next`. It borrows the form: keep the form alive
/// and unchanged while you iterate. It holds nothing to clear.
#[repr(C, align(16))]
pub struct jeton_oauth_form_iter {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_OAUTH_FORM_ITER_SIZE],
}

impl fmt::Debug for jeton_oauth_form_iter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_oauth_form_iter { .. }")
    }
}

/// What a `jeton_oauth_form_iter` remembers: the form and the pairs left.
#[derive(Debug)]
pub(crate) struct FormIter {
    form: &'static [u8],
    pairs: Pairs<'static>,
}

storage!(
    jeton_oauth_form_iter,
    FormIter,
    u64::from_le_bytes(*b"jt-form\0")
);

/// One `name=value` pair of a form, both still encoded (decode them with
/// `jeton_oauth_form_decode`); the views point into the form.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct jeton_oauth_form_pair {
    /// The name as sent.
    pub name: jeton_bytes,
    /// The value as sent; empty when the piece had no `=`.
    pub value: jeton_bytes,
}

/// Starts an iteration over the pairs of the form (or query string,
/// without its `?`) `data`: split on `&`, empty pieces skipped, each piece
/// split at its first `=`.
///
/// Returns `JETON_OK`. NULL `iter` or `data`: `JETON_ERR_NULL_POINTER`;
/// `JETON_ERR_OVERLAPPING_BUFFERS` when `data` lies in `iter`. On error
/// `iter` is untouched.
///
/// # Safety
///
/// `iter` points to writable storage for a `jeton_oauth_form_iter`; `data`
/// is readable for `data_len` bytes and stays alive and unchanged while
/// the iteration and the pairs it yields are used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_iter_init(
    iter: *mut jeton_oauth_form_iter,
    data: *const u8,
    data_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: as the function contract says; the form does not lie in
        // the iterator (checked). The form is given the 'static lifetime:
        // the C contract is that it outlives the iteration, and only the
        // iterator keeps it.
        let (iter, data) = unsafe {
            (
                slot(iter, &[Region::array(data, data_len)])?,
                input::<'static>(data, data_len)?,
            )
        };
        iter.fill(FormIter {
            form: data,
            pairs: form::pairs(data),
        });
        Ok(())
    })
}

/// Writes the next pair of the iteration into `*pair`.
///
/// Returns `JETON_OK` with `*pair` set (its views point into the form);
/// `JETON_DONE` when no pair is left (`*pair` untouched; `JETON_DONE`
/// again on every later call). NULL `iter` or `pair`:
/// `JETON_ERR_NULL_POINTER`; `JETON_ERR_NOT_INITIALIZED` for an iteration
/// never started.
///
/// ```c
/// jeton_oauth_form_iter it;
/// jeton_oauth_form_pair pair;
/// jeton_oauth_form_iter_init(&it, query, query_len);
/// while (jeton_oauth_form_iter_next(&it, &pair) == JETON_OK)
///     handle(pair.name, pair.value);
/// ```
///
/// # Safety
///
/// `iter` points to a `jeton_oauth_form_iter` started by
/// `jeton_oauth_form_iter_init` whose form is still alive and unchanged;
/// `pair` points to a writable `jeton_oauth_form_pair`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_form_iter_next(
    iter: *mut jeton_oauth_form_iter,
    pair: *mut jeton_oauth_form_pair,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `iter` is a started iteration and `pair` writable and
        // outside it (function contract, checked).
        let (state, pair) = unsafe {
            (
                object_mut(iter, &[Region::object(pair)])?,
                out_ptr_apart(pair, &[Region::object(iter)])?,
            )
        };
        Ok(match state.pairs.next() {
            Some(next) => {
                pair.set(jeton_oauth_form_pair {
                    name: jeton_bytes::within(state.form, next.name().raw()),
                    value: jeton_bytes::within(state.form, next.value().raw()),
                });
                Step::Item
            }
            None => Step::Done,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{JETON_ERR_BUFFER_TOO_SMALL, JETON_ERR_NULL_POINTER, JETON_OK};

    const S: jeton_status = JETON_OK as jeton_status;

    fn param(name: &'static [u8], value: &'static [u8]) -> jeton_oauth_param {
        jeton_oauth_param {
            name: jeton_bytes {
                ptr: name.as_ptr(),
                len: name.len(),
            },
            value: jeton_bytes {
                ptr: value.as_ptr(),
                len: value.len(),
            },
        }
    }

    /// A NULL view after good ones is refused before anything is written:
    /// the pairs before it (and the endpoint) are not left in the buffer
    /// (found by the c_abi_oauth fuzz target).
    #[test]
    fn a_null_view_leaves_no_partial_form() {
        let mut params = [param(b"a", b"1"), param(b"b", b"2")];
        params[1].value = jeton_bytes {
            ptr: core::ptr::null(),
            len: 3,
        };
        let endpoint = b"https://as.example/authorize";
        let mut out = [0xA5u8; 64];
        let mut len = 7usize;
        // SAFETY: every pointer is NULL or valid for its length.
        let s = unsafe {
            jeton_oauth_form_write(params.as_ptr(), 2, out.as_mut_ptr(), out.len(), &mut len)
        };
        assert_eq!(s, JETON_ERR_NULL_POINTER as jeton_status);
        assert_eq!(out, [0xA5; 64]);
        assert_eq!(len, 7);
        // SAFETY: as above.
        let s = unsafe {
            jeton_oauth_url_write(
                endpoint.as_ptr(),
                endpoint.len(),
                params.as_ptr(),
                2,
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            )
        };
        assert_eq!(s, JETON_ERR_NULL_POINTER as jeton_status);
        assert_eq!(out, [0xA5; 64]);
        assert_eq!(len, 7);
        // The same with a good view: written.
        let params = [param(b"a", b"1"), param(b"b", b"x y")];
        // SAFETY: as above.
        let s = unsafe {
            jeton_oauth_url_write(
                endpoint.as_ptr(),
                endpoint.len(),
                params.as_ptr(),
                2,
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            )
        };
        assert_eq!(s, S);
        assert_eq!(&out[..len], b"https://as.example/authorize?a=1&b=x+y");
    }

    /// A byte that is not UTF-8 decodes to U+FFFD, three bytes: a decoded
    /// form value needs up to `3 * data_len`, not `data_len`.
    #[test]
    fn decoding_can_triple_the_length() {
        let data = [0xFFu8, b'a'];
        let mut out = [0xA5u8; 6];
        let mut len = 0usize;
        // SAFETY: every pointer is valid for its length.
        let s = unsafe {
            jeton_oauth_form_decode(
                data.as_ptr(),
                data.len(),
                out.as_mut_ptr(),
                data.len(),
                &mut len,
            )
        };
        assert_eq!(s, JETON_ERR_BUFFER_TOO_SMALL as jeton_status);
        assert_eq!(len, 4);
        // SAFETY: as above.
        let s = unsafe {
            jeton_oauth_form_decode(
                data.as_ptr(),
                data.len(),
                out.as_mut_ptr(),
                3 * data.len(),
                &mut len,
            )
        };
        assert_eq!(s, S);
        assert_eq!(&out[..len], "\u{FFFD}a".as_bytes());
    }
}
