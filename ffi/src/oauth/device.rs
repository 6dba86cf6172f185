//! The device authorization grant (RFC 8628): the request, the response,
//! and the polling rules (`jeton_oauth_device_poller`).

use core::fmt;

use jeton::oauth::device::{
    self, DeviceAuthorization, DeviceAuthorizationRequest, DevicePoller, Poll,
};

use super::{
    JETON_OAUTH_MAX_LIST, TextBuf, client_auth, extra_list, jeton_oauth_client_auth,
    jeton_oauth_param, jeton_oauth_token_response, text_list, token_response,
};
use crate::boundary::boundary;
use crate::object::{object, object_mut, slot};
use crate::ptr::{
    KeepOut, Region, input, input_struct, jeton_bytes, out_ptr, out_ptr_apart, output, report_len,
};
use crate::status::jeton_status;

/// The polling interval when the server gives none: 5 seconds.
pub const JETON_OAUTH_DEVICE_DEFAULT_INTERVAL: u64 = 5;
/// What `slow_down` adds to the interval, for good: 5 seconds.
pub const JETON_OAUTH_DEVICE_SLOW_DOWN_STEP: u64 = 5;
/// The longest interval the poller waits: 300 seconds.
pub const JETON_OAUTH_DEVICE_MAX_INTERVAL: u64 = 300;
/// Size in bytes of a `jeton_oauth_device_poller`.
pub const JETON_OAUTH_DEVICE_POLLER_SIZE: usize = 48;
const _: () = {
    assert!(JETON_OAUTH_DEVICE_DEFAULT_INTERVAL == device::DEFAULT_INTERVAL);
    assert!(JETON_OAUTH_DEVICE_SLOW_DOWN_STEP == device::SLOW_DOWN_STEP);
    assert!(JETON_OAUTH_DEVICE_MAX_INTERVAL == device::MAX_INTERVAL);
};

/// Writes the body of a device authorization request (RFC 8628 section
/// 3.1) into `out`: `scope` (the `scope_count` tokens of `scope`, up to
/// `JETON_OAUTH_MAX_LIST`; `(NULL, 0)`: none), the `extra_count` extra
/// parameters, then `client_id` (always: the endpoint identifies the
/// client by it) and the authentication's other parameters. `POST` it to
/// the metadata's `device_authorization_endpoint`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_OAUTH_PARAMETER_INVALID`,
/// `JETON_ERR_OAUTH_DUPLICATE_PARAMETER`, `JETON_ERR_TOO_MANY_ITEMS`,
/// `JETON_ERR_INVALID_ARGUMENT` as for `jeton_oauth_token_request_body`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`. NULL
/// `auth`, an element of a list or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial body.
///
/// # Safety
///
/// `scope` and `extra`, unless NULL, point to that many values whose views
/// are readable; `auth` points to a `jeton_oauth_client_auth` whose views
/// are readable; `out` is writable for `out_cap` bytes and overlaps none
/// of them; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_authorization_body(
    scope: *const jeton_bytes,
    scope_count: usize,
    extra: *const jeton_oauth_param,
    extra_count: usize,
    auth: *const jeton_oauth_client_auth,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every view is checked against `out` as it is read.
        let (a, len) = unsafe { (input_struct(auth)?, out_ptr(out_len)?) };
        keep_out.check(Region::object(auth))?;
        let mut scope_slots = [""; JETON_OAUTH_MAX_LIST];
        let mut extra_slots = [("", ""); JETON_OAUTH_MAX_LIST];
        // SAFETY: as above.
        let (auth, scope, extra) = unsafe {
            (
                client_auth(a, keep_out)?,
                text_list(scope, scope_count, keep_out, &mut scope_slots)?,
                extra_list(extra, extra_count, keep_out, &mut extra_slots)?,
            )
        };
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &[])? };
        let request = DeviceAuthorizationRequest::new().scope(scope).extra(extra);
        report_len(request.write_body(&auth, out), len)
    })
}

/// A device authorization response (RFC 8628 section 3.2). Strings are
/// text (unescaped), pointing into the body or into `buf`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_device_authorization {
    /// The device code, for the token requests
    /// (`JETON_OAUTH_GRANT_DEVICE_CODE`).
    pub device_code: jeton_bytes,
    /// The code the user enters.
    pub user_code: jeton_bytes,
    /// Where the user enters it.
    pub verification_uri: jeton_bytes,
    /// The same with the code in it (for a QR code); NULL when the server
    /// offers none.
    pub verification_uri_complete: jeton_bytes,
    /// Seconds the device code lives.
    pub expires_in: u64,
    /// Seconds to wait between polls (`JETON_OAUTH_DEVICE_DEFAULT_INTERVAL`
    /// when the server gave none; a fraction rounded up).
    pub interval: u64,
}

/// Reads a device authorization response: `device_code`, `user_code` and
/// `verification_uri` non-empty strings, `expires_in` a non-negative
/// number of seconds (or a string holding one), and when present
/// `verification_uri_complete` a non-empty string and `interval` a
/// positive number. Other members are ignored.
///
/// Returns `JETON_OK` with `*authorization` set and the bytes of `buf`
/// used in `*buf_len`; the JSON errors; `JETON_ERR_OAUTH_SERVER_ERROR` (or
/// `JETON_ERR_OAUTH_ACCESS_DENIED`) for an error response;
/// `JETON_ERR_OAUTH_RESPONSE_INVALID`; `JETON_ERR_BUFFER_TOO_SMALL` with
/// the length needed in `*buf_len` (`body_len` always suffices). NULL
/// `body`, `buf_len` or `authorization`, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On error `buf` holds nothing and
/// `*authorization` is untouched.
///
/// # Safety
///
/// `body` is readable for `body_len` bytes; `buf` is writable for
/// `buf_cap` bytes and does not overlap it; `buf_len` and `authorization`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_authorization_parse(
    body: *const u8,
    body_len: usize,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    authorization: *mut jeton_oauth_device_authorization,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps neither `body` nor the
        // result.
        let (body, len, out) = unsafe {
            (
                input(body, body_len)?,
                out_ptr(buf_len)?,
                out_ptr(authorization)?,
            )
        };
        // SAFETY: as above.
        let buf = unsafe {
            output(
                buf,
                buf_cap,
                &[Region::of(body), Region::object(authorization)],
            )?
        };
        let parsed = DeviceAuthorization::parse(body)?;
        let mut texts = TextBuf::new(buf);
        let view = jeton_oauth_device_authorization {
            device_code: texts.json(body, parsed.device_code())?,
            user_code: texts.json(body, parsed.user_code())?,
            verification_uri: texts.json(body, parsed.verification_uri())?,
            verification_uri_complete: texts
                .json_optional(body, parsed.verification_uri_complete())?,
            expires_in: parsed.expires_in(),
            interval: parsed.interval(),
        };
        texts.finish(len)?;
        out.set(view);
        Ok(())
    })
}

/// The polling rules of RFC 8628 section 3.5 as a small state machine
/// driven by your clock: it says when to poll, reads each answer and moves
/// the next poll accordingly (`authorization_pending`: one interval on;
/// `slow_down`: the interval grows by 5 seconds for good; no answer: it
/// doubles; never past `JETON_OAUTH_DEVICE_MAX_INTERVAL`, never past the
/// device code's expiry). Place it anywhere (`JETON_OBJECT_ALIGN`),
/// start it with `jeton_oauth_device_poller_init`; it holds no secret and
/// nothing to clear. A failed call leaves it as it was.
#[repr(C, align(16))]
pub struct jeton_oauth_device_poller {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_OAUTH_DEVICE_POLLER_SIZE],
}

storage!(
    jeton_oauth_device_poller,
    DevicePoller,
    u64::from_le_bytes(*b"jt-poll\0")
);

impl fmt::Debug for jeton_oauth_device_poller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_oauth_device_poller { .. }")
    }
}

/// Where a `jeton_oauth_device_poller` stands.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct jeton_oauth_device_poll_info {
    /// Seconds between polls, now.
    pub interval: u64,
    /// When the device code expires, Unix seconds.
    pub expires_at: i64,
    /// When to send the next token request, Unix seconds.
    pub next_poll_at: i64,
}

/// Starts polling for the device authorization response `body` (the bytes
/// given to `jeton_oauth_device_authorization_parse`), received at `now`:
/// the first poll is one interval later, and none is made once the device
/// code has expired.
///
/// Returns `JETON_OK`; the errors of
/// `jeton_oauth_device_authorization_parse`. NULL `poller` or `body`:
/// `JETON_ERR_NULL_POINTER`; `JETON_ERR_OVERLAPPING_BUFFERS` when `body`
/// lies in `poller`. On error `poller` is untouched.
///
/// # Safety
///
/// `poller` points to writable storage for a `jeton_oauth_device_poller`;
/// `body` is readable for `body_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_poller_init(
    poller: *mut jeton_oauth_device_poller,
    body: *const u8,
    body_len: usize,
    now: i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // the body does not lie in the poller (checked).
        let (poller, body) = unsafe {
            (
                slot(poller, &[Region::array(body, body_len)])?,
                input(body, body_len)?,
            )
        };
        let parsed = DeviceAuthorization::parse(body)?;
        poller.fill(DevicePoller::new(&parsed, now));
        Ok(())
    })
}

/// Describes where `poller` stands.
///
/// Returns `JETON_OK` with `*info` set; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `info` lies in the poller. NULL `poller` or `info`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `poller` points to a `jeton_oauth_device_poller`; `info` to a writable
/// `jeton_oauth_device_poll_info`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_poller_info(
    poller: *const jeton_oauth_device_poller,
    info: *mut jeton_oauth_device_poll_info,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (p, info) = unsafe {
            (
                object(poller)?,
                out_ptr_apart(info, &[Region::object(poller)])?,
            )
        };
        info.set(info_of(p));
        Ok(())
    })
}

fn info_of(p: &DevicePoller) -> jeton_oauth_device_poll_info {
    jeton_oauth_device_poll_info {
        interval: p.interval(),
        expires_at: p.expires_at(),
        next_poll_at: p.next_poll_at(),
    }
}

/// Seconds to wait at `now` before the next poll (0: poll now).
///
/// Returns `JETON_OK` with `*seconds` set; `JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED`
/// once the device code has expired (or will have before the next poll is
/// due): start again. NULL `poller` or `seconds`: `JETON_ERR_NULL_POINTER`.
/// On error `*seconds` is untouched.
///
/// # Safety
///
/// `poller` points to a `jeton_oauth_device_poller`; `seconds` to a
/// writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_poller_wait(
    poller: *const jeton_oauth_device_poller,
    now: i64,
    seconds: *mut u64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (p, seconds) = unsafe {
            (
                object(poller)?,
                out_ptr_apart(seconds, &[Region::object(poller)])?,
            )
        };
        seconds.set(p.wait(now)?);
        Ok(())
    })
}

/// What a poll came to, one of the `JETON_OAUTH_POLL_*` values.
pub type jeton_oauth_poll_kind = u32;
/// The user approved: `token` holds the token response.
pub const JETON_OAUTH_POLL_TOKEN: jeton_oauth_poll_kind = 1;
/// Not yet: poll again at `next_poll_at`.
pub const JETON_OAUTH_POLL_PENDING: jeton_oauth_poll_kind = 2;

/// The outcome of a poll of the token endpoint.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_poll {
    /// `JETON_OAUTH_POLL_TOKEN` or `JETON_OAUTH_POLL_PENDING`.
    pub kind: jeton_oauth_poll_kind,
    /// With `JETON_OAUTH_POLL_PENDING`: when to send the next token
    /// request, Unix seconds (0 otherwise).
    pub next_poll_at: i64,
    /// With `JETON_OAUTH_POLL_TOKEN`: the tokens (zero otherwise).
    pub token: jeton_oauth_token_response,
}

/// Reads the token endpoint's answer `body` to a poll, received at `now`:
/// a token response is `JETON_OAUTH_POLL_TOKEN`; `authorization_pending`
/// moves the next poll one interval on and `slow_down` adds 5 seconds to
/// the interval first, both `JETON_OAUTH_POLL_PENDING`.
///
/// Returns `JETON_OK` with `*poll` set (the token's text pointing into
/// `body` or into `buf`, the bytes of `buf` used in `*buf_len`);
/// `JETON_ERR_OAUTH_ACCESS_DENIED` (the user declined);
/// `JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED` (`expired_token`, or the next poll
/// would come too late); `JETON_ERR_OAUTH_SERVER_ERROR` for another error;
/// the errors of `jeton_oauth_token_response_parse` for a body that is
/// neither; `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in
/// `*buf_len` (`body_len` always suffices). NULL `poller`, `body`,
/// `buf_len` or `poll`, or NULL `buf` with a non-zero `buf_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `poller` is unchanged, `buf` holds
/// nothing and `*poll` is untouched.
///
/// ```c
/// jeton_oauth_device_poller poller;
/// jeton_oauth_device_poller_init(&poller, auth_body, auth_len, time(NULL));
/// while (jeton_oauth_device_poller_wait(&poller, time(NULL), &wait) == JETON_OK
///        && sleep(wait) == 0
///        && post_device_code_grant(body, &body_len) == 0   // your HTTP client
///        && jeton_oauth_device_poller_on_response(&poller, body, body_len, time(NULL), buf,
///                                                 sizeof buf, &used, &poll) == JETON_OK
///        && poll.kind == JETON_OAUTH_POLL_PENDING)
///     ;
/// ```
///
/// # Safety
///
/// `poller` points to a `jeton_oauth_device_poller` no other thread uses
/// meanwhile; `body` is readable for `body_len` bytes; `buf` is writable
/// for `buf_cap` bytes and overlaps neither; `buf_len` and `poll` point to
/// writable values outside the poller.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_poller_on_response(
    poller: *mut jeton_oauth_device_poller,
    body: *const u8,
    body_len: usize,
    now: i64,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    poll: *mut jeton_oauth_poll,
) -> jeton_status {
    boundary(|| {
        let written = [
            Region::array(body, body_len),
            Region::array(buf.cast_const(), buf_cap),
            Region::object(buf_len),
            Region::object(poll),
        ];
        // SAFETY: every pointer is valid as the function contract says;
        // nothing the call reads or writes lies in the poller (checked),
        // and `output` checks that `buf` overlaps no other argument.
        let (p, body, len, out) = unsafe {
            (
                object_mut(poller, &written)?,
                input(body, body_len)?,
                out_ptr(buf_len)?,
                out_ptr(poll)?,
            )
        };
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, &[Region::of(body), Region::object(poll)])? };
        // Run on a copy: a failure leaves the poller as it was.
        let mut next = *p;
        let view = match next.on_response(body, now)? {
            Poll::Token(token) => {
                let mut texts = TextBuf::new(buf);
                let token = token_response(body, &token, &mut texts)?;
                texts.finish(len)?;
                jeton_oauth_poll {
                    kind: JETON_OAUTH_POLL_TOKEN,
                    next_poll_at: 0,
                    token,
                }
            }
            Poll::Pending { next_poll_at } => {
                len.set(0);
                jeton_oauth_poll {
                    kind: JETON_OAUTH_POLL_PENDING,
                    next_poll_at,
                    token: EMPTY_TOKEN,
                }
            }
        };
        *p = next;
        out.set(view);
        Ok(())
    })
}

/// The token of a pending poll: nothing.
const EMPTY_TOKEN: jeton_oauth_token_response = jeton_oauth_token_response {
    access_token: jeton_bytes::ABSENT,
    refresh_token: jeton_bytes::ABSENT,
    scope: jeton_bytes::ABSENT,
    id_token: jeton_bytes::ABSENT,
    expires_in: 0,
    token_type: 0,
    flags: 0,
};

/// The poll got no answer (a timeout, a connection error): RFC 8628
/// section 3.5 asks for an exponential back-off, so the interval doubles
/// (up to `JETON_OAUTH_DEVICE_MAX_INTERVAL`).
///
/// Returns `JETON_OK` with when to poll next (Unix seconds) in
/// `*next_poll_at`; `JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED` when that would
/// be too late. NULL `poller` or `next_poll_at`: `JETON_ERR_NULL_POINTER`.
/// On error `poller` is unchanged and `*next_poll_at` untouched.
///
/// # Safety
///
/// `poller` points to a `jeton_oauth_device_poller` no other thread uses
/// meanwhile; `next_poll_at` to a writable `int64_t` outside it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_device_poller_on_no_response(
    poller: *mut jeton_oauth_device_poller,
    now: i64,
    next_poll_at: *mut i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `next_poll_at` does not lie in the poller (checked).
        let (p, out) = unsafe {
            (
                object_mut(poller, &[Region::object(next_poll_at)])?,
                out_ptr(next_poll_at)?,
            )
        };
        let mut next = *p;
        let at = next.on_no_response(now)?;
        *p = next;
        out.set(at);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jeton::Error;

    /// The C poller follows RFC 8628 section 3.5 as the core's does, and a
    /// failed call leaves it as it was.
    #[test]
    fn polling_rules_and_failures_change_nothing() {
        let body = br#"{"device_code":"d","user_code":"u","verification_uri":"https://x/d","expires_in":30,"interval":5}"#;
        let mut poller = core::mem::MaybeUninit::<jeton_oauth_device_poller>::zeroed();
        let p = poller.as_mut_ptr();
        let mut poll = core::mem::MaybeUninit::<jeton_oauth_poll>::zeroed();
        let pp = poll.as_mut_ptr();
        let mut used = 0usize;
        let used_p: *mut usize = &mut used;
        let mut info = jeton_oauth_device_poll_info::default();
        let slow = br#"{"error":"slow_down"}"#;
        let on = |b: &[u8], now| {
            // SAFETY: local storage.
            unsafe {
                jeton_oauth_device_poller_on_response(
                    p,
                    b.as_ptr(),
                    b.len(),
                    now,
                    core::ptr::null_mut(),
                    0,
                    used_p,
                    pp,
                )
            }
        };
        // SAFETY: local storage.
        let init = unsafe { jeton_oauth_device_poller_init(p, body.as_ptr(), body.len(), 100) };
        assert_eq!(init, 0);
        assert_eq!(on(slow, 105), 0);
        // SAFETY: written by the call that succeeded.
        assert_eq!(unsafe { pp.read() }.next_poll_at, 115);
        // The next slow_down would poll at 130, the expiry: refused, and
        // the interval stays 10.
        assert_eq!(on(slow, 120), Error::OauthDeviceCodeExpired.code());
        // SAFETY: local storage.
        assert_eq!(unsafe { jeton_oauth_device_poller_info(p, &mut info) }, 0);
        assert_eq!(
            info,
            jeton_oauth_device_poll_info {
                interval: 10,
                expires_at: 130,
                next_poll_at: 115
            }
        );
    }
}
