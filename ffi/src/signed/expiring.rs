//! Signed values that carry their own expiry (`jeton::signed::expiring`):
//! a cookie that grants access, an OAuth `state`, a CSRF token, checked
//! without any server-side record.

use jeton::signed::expiring;

use crate::boundary::boundary;
use crate::mac::jeton_key_ring;
use crate::object::object;
use crate::ptr::{Region, input, out_ptr_apart, output, report_len};
use crate::signed::sign_with_first_key;
use crate::status::jeton_status;

/// Longest purpose a signed value takes, in bytes.
pub const JETON_SIGNED_VALUE_MAX_PURPOSE_LEN: usize = 255;
const _: () = assert!(JETON_SIGNED_VALUE_MAX_PURPOSE_LEN == expiring::MAX_PURPOSE_LEN);

/// Writes `v1.<expires_at>.<payload>.<signature>` into `out`: `payload` in
/// unpadded base64url, signed with the ring's first key over `purpose` and
/// the text before the last dot, so a value made for one purpose never
/// passes for another. Every byte is a cookie-octet and URL-safe. The
/// format is jeton's own; Node's signed-cookie formats are
/// `jeton_keygrip_*` and `jeton_cookie_signature_*`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); `JETON_ERR_INPUT_TOO_LONG` for a purpose over
/// `JETON_SIGNED_VALUE_MAX_PURPOSE_LEN` bytes; `JETON_ERR_EMPTY_KEY_RING`.
/// NULL `ring`, `purpose`, `payload` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial value.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `purpose` and `payload` are
/// readable for their lengths; `out` is writable for `out_cap` bytes and
/// overlaps none of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_signed_value_sign(
    ring: *const jeton_key_ring,
    purpose: *const u8,
    purpose_len: usize,
    payload: *const u8,
    payload_len: usize,
    expires_at: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let inputs = [(purpose, purpose_len), (payload, payload_len)];
        // SAFETY: the function contract is `sign_with_first_key`'s.
        unsafe {
            sign_with_first_key(
                ring,
                inputs,
                out,
                out_cap,
                out_len,
                |key, [purpose, payload], out| {
                    expiring::sign(key, purpose, payload, expires_at, out)
                },
            )
        }
    })
}

/// Checks a value `jeton_signed_value_sign` made for `purpose` with a key
/// of `ring`: the signature first (in constant time, against every key),
/// then the expiry (valid while `now < expires_at`), and decodes the
/// payload into `out`.
///
/// Returns `JETON_OK` with the payload's length in `*out_len`, its expiry
/// in `*expires_at` and the index of the key that matched in `*key_index`
/// (anything but 0: re-sign with the current key);
/// `JETON_ERR_UNKNOWN_SIGNED_FORMAT` (not a `v1.` value);
/// `JETON_ERR_SIGNATURE_MALFORMED`; `JETON_ERR_SIGNATURE_MISMATCH` (no key
/// made it, or it was made for another purpose);
/// `JETON_ERR_SIGNED_VALUE_EXPIRED`; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len` (a buffer as long as `value` always
/// suffices); `JETON_ERR_INPUT_TOO_LONG` for a purpose over
/// `JETON_SIGNED_VALUE_MAX_PURPOSE_LEN` bytes; `JETON_ERR_EMPTY_KEY_RING`.
/// NULL `ring`, `purpose`, `value`, `out_len`, `expires_at` or
/// `key_index`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. `*out_len` is written on success and with
/// `JETON_ERR_BUFFER_TOO_SMALL` only; on error `out` holds nothing of the
/// payload and `*expires_at` and `*key_index` are untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `purpose` and `value` are readable
/// for their lengths; `out` is writable for `out_cap` bytes and overlaps
/// none of them; `out_len`, `expires_at` and `key_index` point to writable
/// values outside them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_signed_value_verify(
    ring: *const jeton_key_ring,
    purpose: *const u8,
    purpose_len: usize,
    value: *const u8,
    value_len: usize,
    now: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    expires_at: *mut i64,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` and `out_ptr_apart` check that nothing written lies in
        // what is read.
        unsafe {
            let ring_ref = object(ring)?;
            let purpose = input(purpose, purpose_len)?;
            let value = input(value, value_len)?;
            let read = [Region::object(ring), Region::of(purpose), Region::of(value)];
            let out_len = out_ptr_apart(out_len, &read)?;
            let expires_at = out_ptr_apart(expires_at, &read)?;
            let key_index = out_ptr_apart(key_index, &read)?;
            let out = output(out, out_cap, &read)?;
            let opened = expiring::verify(ring_ref, purpose, value, now, out)
                .map(|opened| (opened.payload.len(), opened.expires_at, opened.key_index));
            let (len, expiry, index) = match opened {
                Ok(found) => found,
                Err(e) => return report_len(Err(e), out_len),
            };
            out_len.set(len);
            expires_at.set(expiry);
            key_index.set(index);
            Ok(())
        }
    })
}
