//! Signed double-submit tokens against cross-site request forgery
//! (`jeton::signed::csrf`), bound to the session.

use jeton::signed::csrf;

use crate::boundary::boundary;
use crate::mac::jeton_key_ring;
use crate::object::object;
use crate::ptr::{Region, input, out_ptr_apart};
use crate::signed::sign_with_first_key;
use crate::status::jeton_status;

/// Writes a CSRF token bound to `binding` (the session ID the request
/// carries; empty before login), valid until `expires_at` (Unix seconds),
/// signed with the ring's first key, into `out`. Hand the same token out
/// twice: in a cookie, and in the page (a hidden form field, or a header
/// a script sends). It holds a digest of the binding, never the binding
/// itself: 80 characters with an HMAC-SHA256 key and a ten-digit expiry,
/// every one a cookie-octet and URL-safe.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `binding`
/// or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial token.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `binding` is readable for
/// `binding_len` bytes; `out` is writable for `out_cap` bytes and overlaps
/// neither; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_csrf_token(
    ring: *const jeton_key_ring,
    binding: *const u8,
    binding_len: usize,
    expires_at: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `sign_with_first_key`'s.
        unsafe {
            sign_with_first_key(
                ring,
                [(binding, binding_len)],
                out,
                out_cap,
                out_len,
                |key, [binding], out| csrf::token(key, binding, expires_at, out),
            )
        }
    })
}

/// Checks a state-changing request's two copies of its CSRF token:
/// `cookie` (the cookie's value) and `submitted` (the form field or the
/// header) must be the same token, made by `jeton_csrf_token` with a key
/// of `ring` for `binding` (the session ID the request carries; empty
/// before login), unexpired at `now`. Check `Origin` and `Sec-Fetch-Site`
/// first where the browser sends them; this is for requests that carry
/// neither.
///
/// Returns `JETON_OK` with the index of the key that matched in
/// `*key_index`; `JETON_ERR_CSRF_TOKEN_MISMATCH` when the copies differ
/// (an empty one included) or the token is bound to something else;
/// `JETON_ERR_SIGNATURE_MISMATCH`, `JETON_ERR_SIGNED_VALUE_EXPIRED`,
/// `JETON_ERR_UNKNOWN_SIGNED_FORMAT`, `JETON_ERR_SIGNATURE_MALFORMED`,
/// `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `binding`, `cookie`,
/// `submitted` or `key_index`: `JETON_ERR_NULL_POINTER` (an absent copy is
/// `("", 0)`). `*key_index` is written on success only.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `binding`, `cookie` and
/// `submitted` are readable for their lengths; `key_index` points to a
/// writable `size_t` outside them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_csrf_verify(
    ring: *const jeton_key_ring,
    binding: *const u8,
    binding_len: usize,
    cookie: *const u8,
    cookie_len: usize,
    submitted: *const u8,
    submitted_len: usize,
    now: i64,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `key_index` lies apart from what is read (checked).
        unsafe {
            let ring_ref = object(ring)?;
            let binding = input(binding, binding_len)?;
            let cookie = input(cookie, cookie_len)?;
            let submitted = input(submitted, submitted_len)?;
            let read = [
                Region::object(ring),
                Region::of(binding),
                Region::of(cookie),
                Region::of(submitted),
            ];
            let key_index = out_ptr_apart(key_index, &read)?;
            key_index.set(csrf::verify(ring_ref, binding, cookie, submitted, now)?);
            Ok(())
        }
    })
}
