//! The stateless `state`: signed, time-limited, bound to the browser by a
//! `__Host-` cookie, with the OpenID Connect `nonce` and the PKCE verifier
//! derived from it (`jeton::oauth::state`).

use core::ffi::c_void;

use jeton::cookie::{SameSite, SetCookie};
use jeton::oauth::state::{self, BINDING_COOKIE};

use crate::boundary::boundary;
use crate::mac::jeton_key_ring;
use crate::object::{object, object_mut};
use crate::ptr::{Region, input_struct, optional_input, out_ptr, output, report_len, write_out};
use crate::revocation::jeton_revocation_list;
use crate::session::{entropy_source, jeton_entropy_fn};
use crate::set_cookie::{JETON_SAME_SITE_UNSET, jeton_same_site, same_site_from};
use crate::status::jeton_status;

/// Length of the binding cookie's value, the OpenID Connect `nonce`, the
/// PKCE verifier and challenge, and a state's ID: 43 base64url characters
/// each.
pub const JETON_OAUTH_STATE_TOKEN_LEN: usize = 43;
/// Longest payload a `state` carries: 256 bytes (it travels in two URLs).
pub const JETON_OAUTH_STATE_MAX_PAYLOAD_LEN: usize = 256;
/// Longest `state` `jeton_oauth_state_issue` writes (a full payload, an
/// HMAC-SHA512 key): a buffer of this size always suffices.
pub const JETON_OAUTH_STATE_MAX_LEN: usize = 506;
/// The lifetime and maximum age of a `state` when 0 is given: 600 seconds.
pub const JETON_OAUTH_STATE_DEFAULT_MAX_AGE: u64 = 600;
const _: () = {
    assert!(JETON_OAUTH_STATE_TOKEN_LEN == state::TOKEN_LEN);
    assert!(JETON_OAUTH_STATE_MAX_PAYLOAD_LEN == state::MAX_PAYLOAD_LEN);
    assert!(JETON_OAUTH_STATE_MAX_LEN == state::MAX_STATE_LEN);
    assert!(JETON_OAUTH_STATE_DEFAULT_MAX_AGE == state::DEFAULT_MAX_AGE);
};

/// A `state` just issued: what goes with it into the authorization request
/// and the binding cookie. Plain values, copied out (no view); none is
/// NUL-terminated. `code_verifier` is a secret until the token request:
/// `jeton_oauth_state_verify` gives it back at the callback, so wipe this
/// copy once the redirect is sent.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_new_state {
    /// The binding cookie's value (`jeton_oauth_state_write_cookie` writes
    /// the cookie).
    pub binding: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// The OpenID Connect `nonce` of the authorization request.
    pub nonce: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// The PKCE `code_verifier` (secret).
    pub code_verifier: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// The PKCE `code_challenge` (`S256`) of the authorization request.
    pub code_challenge: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// When the state was issued, Unix seconds.
    pub issued_at: i64,
    /// Its lifetime in seconds: the binding cookie's `Max-Age`.
    pub max_age: u64,
}

/// A `state` that checked out at the callback: what was derived again
/// from it. `code_verifier` is a secret until the token request.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_verified_state {
    /// The OpenID Connect `nonce` the ID token must carry.
    pub nonce: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// The PKCE `code_verifier` for the token request (secret).
    pub code_verifier: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// A unique ID of the state: the key under which a store shared by
    /// several servers remembers that it was used.
    pub id: [u8; JETON_OAUTH_STATE_TOKEN_LEN],
    /// When the state was issued, Unix seconds.
    pub issued_at: i64,
    /// The expiry it was signed with, Unix seconds.
    pub expires_at: i64,
    /// Index in the key ring of the key that signed it (anything but 0: an
    /// older key).
    pub key_index: usize,
}

/// Copies a 43-character value into a C array.
fn token(text: &str) -> [u8; JETON_OAUTH_STATE_TOKEN_LEN] {
    let mut out = [0u8; JETON_OAUTH_STATE_TOKEN_LEN];
    if let Some(src) = text.as_bytes().get(..JETON_OAUTH_STATE_TOKEN_LEN) {
        out.copy_from_slice(src);
    }
    out
}

/// A `max_age` argument: 0 is the default.
fn max_age_or_default(max_age: u64) -> u64 {
    if max_age == 0 {
        state::DEFAULT_MAX_AGE
    } else {
        max_age
    }
}

/// Issues a `state` at `now` (Unix seconds), valid for `max_age` seconds
/// (0: `JETON_OAUTH_STATE_DEFAULT_MAX_AGE`), carrying `payload` (at most
/// `JETON_OAUTH_STATE_MAX_PAYLOAD_LEN` bytes, such as the page to return
/// to; signed, not encrypted; `(NULL, 0)` for none), signed with the
/// first key of `ring` (HMAC-SHA256 or stronger), the ring
/// `jeton_oauth_state_verify` then verifies it with, as
/// `jeton_signed_value_sign` and `jeton_csrf_token` sign. Draws 32 random bytes from `fill`. The
/// `state` goes into `out`, the values that go with it (binding cookie,
/// `nonce`, PKCE verifier and challenge) into `*issued`.
///
/// Send `out` as the `state` parameter, `issued->nonce` and
/// `issued->code_challenge` with it (`jeton_oauth_authorization_url`), and
/// the cookie of `jeton_oauth_state_write_cookie` with the redirect. The
/// server keeps nothing.
///
/// Returns `JETON_OK` with the state's length in `*out_len` and `*issued`
/// set; `JETON_ERR_INPUT_TOO_LONG` for a longer payload;
/// `JETON_ERR_EMPTY_KEY_RING`;
/// `JETON_ERR_KEY_ALGORITHM_MISMATCH` for an HMAC-SHA1 first key (too short a
/// tag to derive a 256-bit verifier from); `JETON_ERR_BUFFER_TOO_SMALL`
/// with the length needed in `*out_len` (checked before `fill` is called;
/// `JETON_OAUTH_STATE_MAX_LEN` always suffices);
/// `JETON_ERR_ENTROPY_UNAVAILABLE`. NULL `ring`, `fill`, `out_len` or
/// `issued`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial state and
/// `*issued` is untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `fill` writes at most `len` bytes
/// to `buf` and returns; `payload`, unless NULL, is readable for
/// `payload_len` bytes; `out` is writable for `out_cap` bytes and overlaps
/// neither; `out_len` and `issued` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_state_issue(
    ring: *const jeton_key_ring,
    fill: jeton_entropy_fn,
    ctx: *mut c_void,
    now: i64,
    max_age: u64,
    payload: *const u8,
    payload_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    issued: *mut jeton_oauth_new_state,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` overlaps no input.
        let (ring_ref, payload, out_len, result) = unsafe {
            (
                object(ring)?,
                optional_input(payload, payload_len)?.unwrap_or(&[]),
                out_ptr(out_len)?,
                out_ptr(issued)?,
            )
        };
        // SAFETY: as above.
        let mut entropy = unsafe { entropy_source(fill, ctx)? };
        let others = [
            Region::object(ring),
            Region::of(payload),
            Region::object(issued),
        ];
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &others)? };
        let max_age = max_age_or_default(max_age);
        let new = match ring_ref
            .signing_key()
            .and_then(|key| state::issue(key, &mut entropy, now, max_age, payload, out))
        {
            Ok(new) => new,
            Err(e) => return report_len(Err(e), out_len),
        };
        result.set(jeton_oauth_new_state {
            binding: token(new.binding()),
            nonce: token(new.nonce()),
            code_verifier: token(new.code_verifier()),
            code_challenge: token(new.code_challenge()),
            issued_at: new.issued_at(),
            max_age,
        });
        out_len.set(new.state().len());
        Ok(())
    })
}

/// Writes the `Set-Cookie` value of the binding cookie of `issued`:
/// `__Host-jeton-oauth=<binding>; Path=/; Max-Age=<max_age>; Secure;
/// HttpOnly; SameSite=Lax`. `Lax` (`JETON_SAME_SITE_UNSET`, the default)
/// because the callback is a top-level navigation from another site,
/// which `Strict` cookies do not follow; a `response_mode=form_post`
/// callback is a cross-site POST, which only `JETON_SAME_SITE_NONE`
/// follows.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`;
/// `JETON_ERR_COOKIE_INVALID_VALUE` when `issued->binding` is not a value
/// jeton issued; `JETON_ERR_INVALID_ARGUMENT` for an unknown `same_site`.
/// NULL `issued` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial header.
///
/// # Safety
///
/// `issued` points to a `jeton_oauth_new_state`; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_state_write_cookie(
    issued: *const jeton_oauth_new_state,
    same_site: jeton_same_site,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `issued` points to a `jeton_oauth_new_state` (function
        // contract).
        let issued_ref = unsafe { input_struct(issued)? };
        let same_site = match same_site {
            JETON_SAME_SITE_UNSET => SameSite::Lax,
            other => same_site_from(other)?.unwrap_or(SameSite::Lax),
        };
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract); `out` may not overlap `issued`.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::object(issued)], |out| {
                // The attributes of `NewState::write_cookie_same_site` (a
                // test holds them equal).
                SetCookie::new(BINDING_COOKIE, &issued_ref.binding[..])
                    .path("/")
                    .max_age(issued_ref.max_age)
                    .secure(true)
                    .http_only(true)
                    .same_site(same_site)
                    .write(out)
            })
        }
    })
}

/// Writes the `Set-Cookie` value that deletes the binding cookie, for the
/// answer to the callback: `__Host-jeton-oauth=; Path=/; Max-Age=0;
/// Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`. NULL
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial header.
///
/// # Safety
///
/// `out` is writable for `out_cap` bytes; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_state_write_clear_cookie(
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract).
        unsafe { write_out(out, out_cap, out_len, &[], state::write_clear_cookie) }
    })
}

/// Verifies the `state` of a callback at `now`: signed by a key of `ring`
/// for this purpose, not expired, issued less than `max_age` seconds ago
/// (0: `JETON_OAUTH_STATE_DEFAULT_MAX_AGE`), and bound to this browser:
/// `binding` is the value of the `JETON_OAUTH_STATE_COOKIE` cookie the
/// request carries (`(NULL, 0)` when it carries none), compared in
/// constant time. Pass `state` decoded (as `jeton_oauth_callback_parse`
/// hands it out). The payload given to `jeton_oauth_state_issue` is
/// written into `payload`.
///
/// With `used` (a revocation list; NULL: none), the state is also made
/// single-use: refused when `used` holds its ID, else recorded there
/// until it expires. Without it the state passes again until it is
/// `max_age` old (a reload of the callback); its code is single-use at the
/// authorization server anyway.
///
/// The checks, in order: `JETON_ERR_OAUTH_STATE_INVALID` (not a state of
/// this format, not signed by a key of the ring, or issued more than a
/// minute in the future); `JETON_ERR_OAUTH_STATE_EXPIRED`;
/// `JETON_ERR_OAUTH_STATE_NOT_BOUND` (the cookie is missing or holds
/// another value); `JETON_ERR_BUFFER_TOO_SMALL` with the payload's length
/// in `*payload_len` (`JETON_OAUTH_STATE_MAX_PAYLOAD_LEN` always
/// suffices); then `JETON_ERR_OAUTH_STATE_REPLAYED` or
/// `JETON_ERR_REVOCATION_LIST_FULL` (nothing admitted) from `used`.
/// Also `JETON_ERR_EMPTY_KEY_RING`, and `JETON_ERR_KEY_ALGORITHM_MISMATCH`
/// when the key that signed it is HMAC-SHA1.
///
/// Returns `JETON_OK` with the payload's length in `*payload_len` and
/// `*verified` set. A NULL or empty `state` (a callback without one):
/// `JETON_ERR_OAUTH_STATE_INVALID`. NULL `ring`, `payload_len` or
/// `verified`, or
/// NULL `payload` with a non-zero `payload_cap`: `JETON_ERR_NULL_POINTER`.
/// On error `payload` holds nothing, `*verified` is untouched and `used`
/// is unchanged.
///
/// ```c
/// jeton_oauth_verified_state v;
/// uint8_t back_to[JETON_OAUTH_STATE_MAX_PAYLOAD_LEN];
/// size_t n;
/// status = jeton_oauth_state_verify(&ring, &used, cb.state.ptr, cb.state.len,
///                                   cookie.ptr, cookie.len, time(NULL), 0,
///                                   back_to, sizeof back_to, &n, &v);
/// ```
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `used`, unless NULL, to a
/// `jeton_revocation_list` no other thread uses meanwhile; `state` and
/// `binding` (each unless NULL) are readable for their lengths; `payload` is
/// writable for `payload_cap` bytes and overlaps none of them;
/// `payload_len` and `verified` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_state_verify(
    ring: *const jeton_key_ring,
    used: *mut jeton_revocation_list,
    state: *const u8,
    state_len: usize,
    binding: *const u8,
    binding_len: usize,
    now: i64,
    max_age: u64,
    payload: *mut u8,
    payload_cap: usize,
    payload_len: *mut usize,
    verified: *mut jeton_oauth_verified_state,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (ring_ref, state_in, binding_in, len_out, out) = unsafe {
            (
                object(ring)?,
                // A callback without a state is refused by the checks
                // below, as an invalid state, not as a misuse.
                optional_input(state, state_len)?.unwrap_or(&[]),
                optional_input(binding, binding_len)?.unwrap_or(&[]),
                out_ptr(payload_len)?,
                out_ptr(verified)?,
            )
        };
        let reads = [
            Region::object(ring),
            Region::of(state_in),
            Region::of(binding_in),
            Region::object(verified),
            Region::object(payload_len),
            Region::array(payload.cast_const(), payload_cap),
        ];
        let used_list = if used.is_null() {
            None
        } else {
            // SAFETY: `used` is a list used by this thread only; nothing
            // the call reads or writes lies in it (checked).
            Some(unsafe { object_mut(used, &reads)? })
        };
        let others = [
            Region::object(ring),
            Region::of(state_in),
            Region::of(binding_in),
            Region::object(verified),
            Region::object(used.cast_const()),
        ];
        // SAFETY: `payload` is writable for `payload_cap` bytes (function
        // contract); `output` checks that it overlaps no other argument.
        let buf = unsafe { output(payload, payload_cap, &others)? };
        let max_age = max_age_or_default(max_age);
        let v = match state::verify(ring_ref, state_in, binding_in, now, max_age, buf) {
            Ok(v) => v,
            Err(e) => return report_len(Err(e), len_out),
        };
        let written = v.payload().len();
        let consumed = match used_list {
            Some(list) => v.consume(list, now),
            None => Ok(()),
        };
        if let Err(e) = consumed {
            drop(v);
            if let Some(part) = buf.get_mut(..written) {
                part.fill(0);
            }
            return Err(e.into());
        }
        out.set(jeton_oauth_verified_state {
            nonce: token(v.nonce()),
            code_verifier: token(v.code_verifier()),
            id: token(v.id()),
            issued_at: v.issued_at(),
            expires_at: v.expires_at(),
            key_index: v.key_index(),
        });
        len_out.set(written);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jeton::mac::{Algorithm, HmacKey};

    /// The cookie this layer writes is the core's, attribute for
    /// attribute, for every `SameSite`.
    #[test]
    fn the_binding_cookie_is_the_cores() {
        let key = HmacKey::new(Algorithm::Sha256, b"an OAuth state key of 32 bytes..");
        let mut rng = |buf: &mut [u8]| {
            buf.fill(9);
            Ok(())
        };
        let mut buf = [0u8; JETON_OAUTH_STATE_MAX_LEN];
        let new = state::issue(&key, &mut rng, 1_700_000_000, 321, b"/x", &mut buf).unwrap();
        let issued = jeton_oauth_new_state {
            binding: token(new.binding()),
            nonce: token(new.nonce()),
            code_verifier: token(new.code_verifier()),
            code_challenge: token(new.code_challenge()),
            issued_at: new.issued_at(),
            max_age: 321,
        };
        for (c, core) in [
            (JETON_SAME_SITE_UNSET, SameSite::Lax),
            (crate::set_cookie::JETON_SAME_SITE_LAX, SameSite::Lax),
            (crate::set_cookie::JETON_SAME_SITE_STRICT, SameSite::Strict),
            (crate::set_cookie::JETON_SAME_SITE_NONE, SameSite::None),
        ] {
            let mut theirs = [0u8; 256];
            let n = new.write_cookie_same_site(core, &mut theirs).unwrap();
            let mut ours = [0u8; 256];
            let mut len = 0;
            // SAFETY: local values.
            let status = unsafe {
                jeton_oauth_state_write_cookie(&issued, c, ours.as_mut_ptr(), 256, &mut len)
            };
            assert_eq!(status, 0);
            assert_eq!(&ours[..len], &theirs[..n]);
        }
    }
}
