//! Signed cookies, byte-identical to Node's: keygrip (cookie-session,
//! Koa) and cookie-signature (express-session, cookie-parser); and signed
//! values that carry their own expiry (`expiring`), and CSRF tokens built
//! on them (`csrf`).
//!
//! Every function here takes a key ring: it signs with the first key and
//! verifies against all of them, reporting the index that matched (a
//! single key is a ring of one).

mod csrf;
mod expiring;

pub use csrf::*;
pub use expiring::*;

use jeton::Error;
use jeton::cookie::CookieHeader;
use jeton::mac::HmacKey;
use jeton::signed::{Verified, cookie_signature, keygrip};

use crate::boundary::boundary;
use crate::mac::jeton_key_ring;
use crate::object::object;
use crate::ptr::{
    OutPtr, Region, Regions, input, jeton_bytes, out_ptr, output, report_len, transform, write_out,
};
use crate::set_cookie::{Kind, checked, jeton_set_cookie};
use crate::status::{Fail, jeton_status};

/// Length of the longest keygrip signature (HMAC-SHA512): 86 characters.
/// SHA-1 gives 27, SHA-256 43, SHA-384 64.
pub const JETON_KEYGRIP_MAX_SIGNATURE_LEN: usize = 86;
const _: () = assert!(JETON_KEYGRIP_MAX_SIGNATURE_LEN == keygrip::MAX_SIGNATURE_LEN);

/// Length of a cookie-signature signature: 43 characters (HMAC-SHA256 in
/// unpadded standard base64).
pub const JETON_COOKIE_SIGNATURE_LEN: usize = 43;
const _: () = assert!(JETON_COOKIE_SIGNATURE_LEN == cookie_signature::SIGNATURE_LEN);

/// Writes keygrip's signature of `name=value` (base64url, unpadded, of the
/// HMAC under the ring's first key) into `out`: the value of the
/// `name.sig` cookie.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`JETON_KEYGRIP_MAX_SIGNATURE_LEN` always suffices);
/// `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `name`, `value` or `out_len`,
/// or NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial signature.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `name` and `value` are readable for
/// their lengths; `out` is writable for `out_cap` bytes and overlaps none
/// of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_sign(
    ring: *const jeton_key_ring,
    name: *const u8,
    name_len: usize,
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let inputs = [(name, name_len), (value, value_len)];
        // SAFETY: the function contract is `sign_with_first_key`'s.
        unsafe {
            sign_with_first_key(
                ring,
                inputs,
                out,
                out_cap,
                out_len,
                |key, [name, value], out| keygrip::sign(key, name, value, out),
            )
        }
    })
}

/// Checks keygrip's `signature` of `name=value` against every key of
/// `ring`, as keygrip's `index()` does.
///
/// Returns `JETON_OK` with the index of the first key that matched in
/// `*key_index` (anything but 0: re-sign with the current key);
/// `JETON_ERR_SIGNATURE_MALFORMED` when the signature is not canonical
/// unpadded base64url or has a length none of the ring's keys produces;
/// `JETON_ERR_SIGNATURE_MISMATCH`; `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`,
/// `name`, `value`, `signature` or `key_index`: `JETON_ERR_NULL_POINTER`.
/// On error `*key_index` is untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `name`, `value` and `signature` are
/// readable for their lengths; `key_index` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_verify(
    ring: *const jeton_key_ring,
    name: *const u8,
    name_len: usize,
    value: *const u8,
    value_len: usize,
    signature: *const u8,
    signature_len: usize,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (ring, name, value, signature, key_index) = unsafe {
            (
                object(ring)?,
                input(name, name_len)?,
                input(value, value_len)?,
                input(signature, signature_len)?,
                out_ptr(key_index)?,
            )
        };
        key_index.set(keygrip::verify(ring, name, value, signature)?);
        Ok(())
    })
}

/// Reads the cookie `name` and its `name.sig` companion from the `Cookie`
/// header value `header` exactly as cookie-session (through the npm
/// `cookies` module) does, and checks the signature: what cookie-session
/// accepts, this accepts, and nothing else.
///
/// Returns `JETON_OK` with `*value` (the cookie's value, pointing into
/// `header`) and `*key_index` set; `JETON_ERR_COOKIE_NOT_FOUND` when there
/// is no `name` cookie; `JETON_ERR_UNKNOWN_SIGNED_FORMAT` when its `.sig`
/// companion is missing or empty; then the errors of
/// `jeton_keygrip_verify`. NULL `ring`, `header`, `name`, `value` or
/// `key_index`: `JETON_ERR_NULL_POINTER`. On error `*value` and
/// `*key_index` are untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `header` and `name` are readable
/// for their lengths; `value` and `key_index` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_verify_cookie(
    ring: *const jeton_key_ring,
    header: *const u8,
    header_len: usize,
    name: *const u8,
    name_len: usize,
    value: *mut jeton_bytes,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (ring, header, name, value, key_index) = unsafe {
            (
                object(ring)?,
                input(header, header_len)?,
                input(name, name_len)?,
                out_ptr(value)?,
                out_ptr(key_index)?,
            )
        };
        report_verified(
            keygrip::verify_cookie(ring, header, name)?,
            header,
            value,
            key_index,
        );
        Ok(())
    })
}

/// Writes the two `Set-Cookie` header values of a keygrip-signed cookie,
/// as the npm `cookies` module does for cookie-session: `cookie` itself
/// into `cookie_out`, and `name.sig=<signature of name=value>` with the
/// same attributes into `sig_out` (the value signed is the value as
/// written, percent-encoded if `JETON_COOKIE_ENCODE_VALUE` is set). With
/// `JETON_ATTRIBUTE_STYLE_NPM_COOKIES` both are byte-identical to
/// cookie-session's. Both are written, or neither.
///
/// Returns `JETON_OK` with both lengths in `*cookie_len` and `*sig_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` when either buffer is too small, with the
/// length each buffer needs in `*cookie_len` and `*sig_len`;
/// `JETON_ERR_EMPTY_KEY_RING`; any error of `jeton_set_cookie_validate`.
/// NULL `ring`, `cookie` (or its `name` or `value` view), `cookie_len` or
/// `sig_len`, or a NULL buffer with a non-zero capacity:
/// `JETON_ERR_NULL_POINTER`. On error neither buffer holds a header.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `cookie` to a `jeton_set_cookie`
/// whose views are readable; `cookie_out` and `sig_out` are writable for
/// their capacities and overlap each other and the inputs nowhere;
/// `cookie_len` and `sig_len` point to writable `size_t`s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_write_set_cookies(
    ring: *const jeton_key_ring,
    cookie: *const jeton_set_cookie,
    cookie_out: *mut u8,
    cookie_out_cap: usize,
    cookie_len: *mut usize,
    sig_out: *mut u8,
    sig_out_cap: usize,
    sig_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that the buffers overlap no input and not each
        // other.
        let (ring_ref, checked, cookie_len, sig_len) = unsafe {
            (
                object(ring)?,
                checked(cookie, Kind::Cookie)?,
                out_ptr(cookie_len)?,
                out_ptr(sig_len)?,
            )
        };
        let [a, b, c, d, e] = checked.regions;
        let others = [Region::object(ring), a, b, c, d, e];
        // SAFETY: as above.
        let cookie_out = unsafe { output(cookie_out, cookie_out_cap, &others)? };
        let others = [Region::object(ring), a, b, c, d, e, Region::of(cookie_out)];
        // SAFETY: as above.
        let sig_out = unsafe { output(sig_out, sig_out_cap, &others)? };
        match keygrip::write_set_cookies(ring_ref, &checked.cookie, cookie_out, sig_out) {
            Ok((main, sig)) => {
                cookie_len.set(main);
                sig_len.set(sig);
                Ok(())
            }
            Err(Error::BufferTooSmall { .. }) => {
                // Both lengths, whichever buffer was short.
                let (main, sig) = keygrip::set_cookies_len(ring_ref, &checked.cookie)?;
                cookie_len.set(main);
                sig_len.set(sig);
                Err(Fail::BUFFER_TOO_SMALL)
            }
            Err(e) => Err(e.into()),
        }
    })
}

/// Encodes a cookie-session value: the standard, padded base64 of the
/// session's JSON text (what `Buffer.from(json).toString('base64')`
/// gives).
///
/// Returns `JETON_OK` with the length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`. NULL
/// `json` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `out` is writable for `out_cap`
/// bytes and does not overlap it; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_encode_session_value(
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(
                json,
                json_len,
                out,
                out_cap,
                out_len,
                keygrip::encode_session_value,
            )
        }
    })
}

/// Decodes a cookie-session value back to its JSON text: standard base64,
/// padded or not; anything else is refused.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_INVALID_BASE64`; `JETON_ERR_BUFFER_TOO_SMALL` with the length
/// needed in `*out_len`. NULL `value` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial result.
///
/// # Safety
///
/// As `jeton_keygrip_encode_session_value`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_keygrip_decode_session_value(
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
                keygrip::decode_session_value,
            )
        }
    })
}

/// Writes cookie-signature's `value.signature` into `out`: `value`, a `.`,
/// and the HMAC-SHA256 of `value` under the ring's first key in standard
/// base64 without `=` (`JETON_COOKIE_SIGNATURE_LEN` characters).
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`value_len + 1 + JETON_COOKIE_SIGNATURE_LEN`);
/// `JETON_ERR_KEY_ALGORITHM_MISMATCH` unless the first key is HMAC-SHA256;
/// `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `value` or `out_len`, or NULL
/// `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial result.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `value` is readable for
/// `value_len` bytes; `out` is writable for `out_cap` bytes and overlaps
/// neither; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_signature_sign(
    ring: *const jeton_key_ring,
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `sign_with_first_key`'s.
        unsafe {
            sign_with_first_key(
                ring,
                [(value, value_len)],
                out,
                out_cap,
                out_len,
                |key, [value], out| cookie_signature::sign(key, value, out),
            )
        }
    })
}

/// Splits cookie-signature's `signed` at its last `.` and checks the
/// signature against every key of `ring`.
///
/// Returns `JETON_OK` with `*value` (the part before the last `.`,
/// pointing into `signed`) and `*key_index` set;
/// `JETON_ERR_UNKNOWN_SIGNED_FORMAT` when there is no `.`;
/// `JETON_ERR_SIGNATURE_MALFORMED` when the part after it is not 43
/// characters of canonical unpadded standard base64;
/// `JETON_ERR_SIGNATURE_MISMATCH` (keys other than HMAC-SHA256 never
/// match); `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `signed_value`,
/// `value` or `key_index`: `JETON_ERR_NULL_POINTER`. On error `*value` and
/// `*key_index` are untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `signed_value` is readable for
/// `signed_len` bytes; `value` and `key_index` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_signature_unsign(
    ring: *const jeton_key_ring,
    signed_value: *const u8,
    signed_len: usize,
    value: *mut jeton_bytes,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (ring, signed_value, value, key_index) = unsafe {
            (
                object(ring)?,
                input(signed_value, signed_len)?,
                out_ptr(value)?,
                out_ptr(key_index)?,
            )
        };
        let verified = cookie_signature::unsign(ring, signed_value)?;
        report_verified(verified, signed_value, value, key_index);
        Ok(())
    })
}

/// Writes the cookie value express-session stores for `session_id`:
/// `encodeURIComponent("s:" + value.signature)`, that is
/// `s%3A<id>.<signature>` with `+` and `/` escaped, signed with the ring's
/// first key.
///
/// Returns as `jeton_cookie_signature_sign` (the value is at most
/// `3 * (session_id_len + 2 + JETON_COOKIE_SIGNATURE_LEN)` bytes).
///
/// # Safety
///
/// As `jeton_cookie_signature_sign`, with `session_id` for `value`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_signature_express_cookie_value(
    ring: *const jeton_key_ring,
    session_id: *const u8,
    session_id_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let inputs = [(session_id, session_id_len)];
        // SAFETY: the function contract is `sign_with_first_key`'s.
        unsafe {
            sign_with_first_key(ring, inputs, out, out_cap, out_len, |key, [id], out| {
                cookie_signature::express_cookie_value(key, id, out)
            })
        }
    })
}

/// Reads a session ID from the `Cookie` header value `header` the way
/// express-session does: the first cookie named `name` (npm `cookie` 0.7:
/// one pair of quotes stripped, then percent-decoded into `scratch`), which
/// must start with `s:`, then unsigned as `jeton_cookie_signature_unsign`
/// does.
///
/// Returns `JETON_OK` with `*session_id` (pointing into `scratch`) and
/// `*key_index` set; `JETON_ERR_COOKIE_NOT_FOUND`;
/// `JETON_ERR_UNKNOWN_SIGNED_FORMAT` when the value does not start with
/// `s:`; `JETON_ERR_BUFFER_TOO_SMALL` when `scratch` cannot hold the
/// decoded value, with the length needed in `*scratch_needed` (a scratch as
/// long as the header always suffices); `JETON_ERR_INPUT_TOO_LONG` or
/// `JETON_ERR_TOO_MANY_ITEMS` over the default header limits; then the
/// errors of `jeton_cookie_signature_unsign`. NULL `ring`, `header`,
/// `name`, `scratch_needed`, `session_id` or `key_index`, or NULL `scratch`
/// with a non-zero `scratch_cap`: `JETON_ERR_NULL_POINTER`.
/// `*scratch_needed` is written with `JETON_ERR_BUFFER_TOO_SMALL` only; on
/// any error `*session_id` and `*key_index` are untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `header` and `name` are readable
/// for their lengths; `scratch` is writable for `scratch_cap` bytes and
/// overlaps no input; the out-pointers point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_signature_express_unsign(
    ring: *const jeton_key_ring,
    header: *const u8,
    header_len: usize,
    name: *const u8,
    name_len: usize,
    scratch: *mut u8,
    scratch_cap: usize,
    scratch_needed: *mut usize,
    session_id: *mut jeton_bytes,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `scratch` overlaps no input.
        let (ring_ref, header, name, scratch_needed, session_id, key_index) = unsafe {
            (
                object(ring)?,
                input(header, header_len)?,
                input(name, name_len)?,
                out_ptr(scratch_needed)?,
                out_ptr(session_id)?,
                out_ptr(key_index)?,
            )
        };
        let others = [Region::object(ring), Region::of(header), Region::of(name)];
        // SAFETY: as above.
        let scratch = unsafe { output(scratch, scratch_cap, &others)? };
        let cookies = CookieHeader::parse(header)?;
        let scratch_start = scratch.as_ptr();
        match cookie_signature::express_unsign(ring_ref, &cookies, name, scratch) {
            Ok(verified) => {
                session_id.set(jeton_bytes::inside(
                    scratch_start,
                    scratch_cap,
                    verified.value,
                ));
                key_index.set(verified.key_index);
                Ok(())
            }
            Err(e) => report_len(Err(e), scratch_needed),
        }
    })
}

/// Checks the ring and the inputs, then runs `sign` with the ring's first
/// key into `out` with the length report of [`write_out`]: the shape of
/// every signing function here.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; each input `(ptr, len)` is
/// readable for `len` bytes; otherwise as [`write_out`] (`out` may overlap
/// neither the ring nor an input).
pub(crate) unsafe fn sign_with_first_key<const N: usize>(
    ring: *const jeton_key_ring,
    inputs: [(*const u8, usize); N],
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    sign: impl FnOnce(&HmacKey, [&[u8]; N], &mut [u8]) -> Result<usize, Error>,
) -> Result<(), Fail> {
    const { assert!(N <= MAX_SIGN_INPUTS) };
    // SAFETY: `ring` points to a key ring (function contract).
    let ring_ref = unsafe { object(ring)? };
    let mut others: Regions<{ MAX_SIGN_INPUTS + 1 }> = Regions::new();
    others.push(Region::object(ring))?;
    let mut data: [&[u8]; N] = [&[]; N];
    for (slot, (ptr, len)) in data.iter_mut().zip(inputs) {
        // SAFETY: readable for `len` bytes (function contract).
        *slot = unsafe { input(ptr, len)? };
        others.push(Region::of(slot))?;
    }
    // SAFETY: as the function contract says; `output` checks that `out`
    // overlaps none of `others`.
    unsafe {
        write_out(out, out_cap, out_len, others.as_slice(), |out| {
            sign(ring_ref.signing_key()?, data, out)
        })
    }
}

/// Most inputs a signing function takes (keygrip's name and value).
const MAX_SIGN_INPUTS: usize = 2;

/// Reports a verified value, which points into `whole`, and the index of
/// the key that matched.
fn report_verified(
    verified: Verified<'_>,
    whole: &[u8],
    value: OutPtr<'_, jeton_bytes>,
    key_index: OutPtr<'_, usize>,
) {
    value.set(jeton_bytes::within(whole, verified.value));
    key_index.set(verified.key_index);
}
