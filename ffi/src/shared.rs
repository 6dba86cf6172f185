//! Sessions and revocations in a store many servers share (Redis through
//! hiredis, or any other): the keys, the records and the expiry decisions
//! every backend must agree on byte for byte (`jeton::session::shared`).
//! jeton does no I/O: the caller sends the commands (`docs/shared-state.md`
//! lists them) and hands the replies back to these functions.

use jeton::session::shared::{self, RevocationRecord, SessionRecord};

use crate::boundary::boundary;
use crate::jeton_bytes;
use crate::ptr::{Region, input, input_struct, out_ptr, write_out};
use crate::status::{Fail, jeton_status};

/// Length of a key after its prefix: the base64url SHA-256 of the ID, 43
/// characters.
pub const JETON_SHARED_KEY_HASH_LEN: usize = 43;
/// Bytes of a session record besides its user ID and data.
pub const JETON_SESSION_RECORD_OVERHEAD: usize = 29;
/// The longest user ID a session record holds.
pub const JETON_SESSION_RECORD_MAX_USER_LEN: usize = 255;
/// The most data bytes a session record holds.
pub const JETON_SESSION_RECORD_MAX_DATA_LEN: usize = 65535;
/// Bytes of a revocation record.
pub const JETON_REVOCATION_RECORD_LEN: usize = 10;
const _: () = {
    assert!(JETON_SHARED_KEY_HASH_LEN == shared::KEY_HASH_LEN);
    assert!(JETON_SESSION_RECORD_OVERHEAD == shared::SESSION_RECORD_OVERHEAD);
    assert!(JETON_SESSION_RECORD_MAX_USER_LEN == shared::MAX_USER_LEN);
    assert!(JETON_SESSION_RECORD_MAX_DATA_LEN == shared::MAX_DATA_LEN);
    assert!(JETON_REVOCATION_RECORD_LEN == shared::REVOCATION_RECORD_LEN);
};

/// A session as a shared store keeps it: who it belongs to, the caller's
/// bytes, and its times (Unix seconds). `user` and `data` point into the
/// bytes it was decoded from, or to what was given to
/// `jeton_session_record_open`: keep those alive while the record is used.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_session_record {
    /// The user ID, at most 255 bytes.
    pub user: jeton_bytes,
    /// The caller's bytes, at most 65535.
    pub data: jeton_bytes,
    /// When the session was created.
    pub created: i64,
    /// When it ends however active (`INT64_MAX`: never).
    pub absolute_expiry: i64,
    /// When it ends unless touched (the sliding expiry).
    pub expires: i64,
}

fn seconds(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

/// Writes the store key of a session ID or of a `jti` (its unescaped
/// value): `prefix`, then the base64url SHA-256 of `secret`
/// (`prefix_len + JETON_SHARED_KEY_HASH_LEN` bytes). The raw ID never
/// reaches the store. Give sessions and revocations different prefixes.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks). NULL `prefix` (with a length), `secret` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `prefix` and `secret` are readable for their lengths; `out` is writable
/// for `out_cap` bytes; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_shared_key(
    prefix: *const u8,
    prefix_len: usize,
    secret: *const u8,
    secret_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `prefix` and `secret` are readable for their lengths
        // (function contract); an empty prefix may be NULL.
        let (prefix, secret) = unsafe {
            (
                if prefix.is_null() && prefix_len == 0 {
                    &[][..]
                } else {
                    input(prefix, prefix_len)?
                },
                input(secret, secret_len)?,
            )
        };
        let others = [Region::of(prefix), Region::of(secret)];
        // SAFETY: `out` and `out_len` are writable (function contract).
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                shared::key(prefix, secret, out)
            })
        }
    })
}

/// Fills `*record` with a session opened at `now` for `user` holding
/// `data`: it lasts `idle_seconds` after its last touch and, unless
/// `absolute_lifetime_seconds` is 0, at most that long after `now` (as
/// `jeton_session_store_init`). The record points to `user` and `data`
/// (either may be `(NULL, 0)`: empty).
///
/// Returns `JETON_OK`; `JETON_ERR_INPUT_TOO_LONG` for a user ID over 255
/// bytes or data over 65535. NULL `user` or `data` (with a length), or
/// `record`: `JETON_ERR_NULL_POINTER`. On error `*record` is untouched.
///
/// # Safety
///
/// `user` and `data` are readable for their lengths; `record` points to a
/// writable `jeton_session_record`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_record_open(
    user: *const u8,
    user_len: usize,
    data: *const u8,
    data_len: usize,
    now: i64,
    idle_seconds: u64,
    absolute_lifetime_seconds: u64,
    record: *mut jeton_session_record,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (user_bytes, data_bytes, record) = unsafe {
            (
                optional_bytes(user, user_len)?,
                optional_bytes(data, data_len)?,
                out_ptr(record)?,
            )
        };
        if user_bytes.len() > shared::MAX_USER_LEN || data_bytes.len() > shared::MAX_DATA_LEN {
            return Err(jeton::Error::InputTooLong.into());
        }
        let lifetime = (absolute_lifetime_seconds != 0).then(|| seconds(absolute_lifetime_seconds));
        let opened = SessionRecord::open(&[], &[], now, seconds(idle_seconds), lifetime);
        record.set(jeton_session_record {
            user: jeton_bytes {
                ptr: user,
                len: user_bytes.len(),
            },
            data: jeton_bytes {
                ptr: data,
                len: data_bytes.len(),
            },
            created: opened.created,
            absolute_expiry: opened.absolute_expiry,
            expires: opened.expires,
        });
        Ok(())
    })
}

/// An input that may be `(NULL, 0)` (empty).
///
/// # Safety
///
/// As `input`.
unsafe fn optional_bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], Fail> {
    if ptr.is_null() && len == 0 {
        return Ok(&[]);
    }
    // SAFETY: the caller's contract is that of `input`.
    unsafe { input(ptr, len) }
}

/// The bytes a `jeton_session_record`'s view points to.
///
/// # Safety
///
/// `b` is `(NULL, 0)` or readable for its length.
unsafe fn view<'a>(b: jeton_bytes) -> Result<&'a [u8], Fail> {
    // SAFETY: the caller's contract.
    unsafe { optional_bytes(b.ptr, b.len) }
}

/// Writes `*record` in the shared format (version 1), to be stored under
/// its key (`SET key value NX EXAT jeton_shared_entry_expiry(expires)`).
///
/// Returns `JETON_OK` with the length in `*out_len`
/// (`JETON_SESSION_RECORD_OVERHEAD` plus the user ID and data);
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); `JETON_ERR_INPUT_TOO_LONG` for a user ID over 255
/// bytes or data over 65535; `JETON_ERR_STORE_RECORD_INVALID` when
/// `created` or `expires` lies past `absolute_expiry`. NULL `record` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `record` points to a `jeton_session_record` whose views are readable;
/// `out` is writable for `out_cap` bytes; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_record_encode(
    record: *const jeton_session_record,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `record` and its views are readable (function contract).
        let (r, user, data) = unsafe {
            let r = input_struct(record)?;
            (r, view(r.user)?, view(r.data)?)
        };
        let others = [Region::object(record), Region::of(user), Region::of(data)];
        let record = SessionRecord {
            user,
            data,
            created: r.created,
            absolute_expiry: r.absolute_expiry,
            expires: r.expires,
        };
        // SAFETY: `out` and `out_len` are writable (function contract).
        unsafe { write_out(out, out_cap, out_len, &others, |out| record.encode(out)) }
    })
}

/// Reads a session record from the `len` bytes at `bytes` (a `GET`'s
/// reply) into `*record`, whose `user` and `data` then point into `bytes`.
/// It does not judge the times: see `jeton_session_record_check`.
///
/// Returns `JETON_OK`; `JETON_ERR_STORE_RECORD_INVALID` for anything but a
/// whole version-1 session record (another kind or version, truncated,
/// trailing bytes, times that cannot belong together): refuse the request.
/// NULL `bytes` or `record`: `JETON_ERR_NULL_POINTER`. On error `*record`
/// is untouched.
///
/// # Safety
///
/// `bytes` is readable for `len` bytes; `record` points to a writable
/// `jeton_session_record`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_record_decode(
    bytes: *const u8,
    len: usize,
    record: *mut jeton_session_record,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (bytes, record) = unsafe { (input(bytes, len)?, out_ptr(record)?) };
        let decoded = SessionRecord::decode(bytes)?;
        record.set(jeton_session_record {
            user: jeton_bytes::within(bytes, decoded.user),
            data: jeton_bytes::within(bytes, decoded.data),
            created: decoded.created,
            absolute_expiry: decoded.absolute_expiry,
            expires: decoded.expires,
        });
        Ok(())
    })
}

/// Whether the session of `*record` is live at `now`.
///
/// Returns `JETON_OK` when it is; `JETON_ERR_SESSION_EXPIRED` when it has
/// expired. NULL `record`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `record` points to a `jeton_session_record`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_record_check(
    record: *const jeton_session_record,
    now: i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `record` is readable (function contract).
        let record = unsafe { input_struct(record)? };
        if shared::is_expired(record.expires, now) {
            return Err(jeton::Error::SessionExpired.into());
        }
        Ok(())
    })
}

/// Touches the session of `*record` at `now`: its `expires` becomes
/// `idle_seconds` from now, never past its `absolute_expiry`. Store it
/// again with `SET key value XX EXAT jeton_shared_entry_expiry(expires)`
/// (`XX`: a session revoked meanwhile stays gone).
///
/// Returns `JETON_OK`; `JETON_ERR_SESSION_EXPIRED` (unchanged) when it has
/// expired at `now`. NULL `record`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `record` points to a writable `jeton_session_record`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_record_touch(
    record: *mut jeton_session_record,
    now: i64,
    idle_seconds: u64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `record` is readable (function contract).
        let r = unsafe { input_struct(record.cast_const())? };
        if shared::is_expired(r.expires, now) {
            return Err(jeton::Error::SessionExpired.into());
        }
        let expires = shared::touched_expiry(now, seconds(idle_seconds), r.absolute_expiry);
        let touched = jeton_session_record { expires, ..*r };
        // SAFETY: `record` is writable (function contract).
        unsafe { out_ptr(record)? }.set(touched);
        Ok(())
    })
}

/// The expiry to give a store entry (Redis `EXAT`) for something that
/// expires at `expiry`: the same instant, brought into 1 to
/// 253402300799 (9999-12-31) seconds, which Redis accepts.
///
/// Returns `JETON_OK`; NULL `entry_expiry`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `entry_expiry` points to a writable `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_shared_entry_expiry(
    expiry: i64,
    entry_expiry: *mut i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `entry_expiry` is writable (function contract).
        unsafe { out_ptr(entry_expiry)? }.set(shared::entry_expiry(expiry));
        Ok(())
    })
}

/// Writes the revocation record of a token whose `exp` is `exp`
/// (`INT64_MAX` for none): `JETON_REVOCATION_RECORD_LEN` bytes, to store
/// under the key of its `jti` with `SET key value NX EXAT` the expiry of
/// `jeton_revocation_record_expiry`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks). NULL `out_len`, or NULL `out` with a non-zero
/// `out_cap`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `out` is writable for `out_cap` bytes; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_record_encode(
    exp: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    // SAFETY: `out` and `out_len` are writable (function contract).
    boundary(|| unsafe {
        write_out(out, out_cap, out_len, &[], |out| {
            RevocationRecord { exp }.encode(out)
        })
    })
}

/// Whether a revocation of a token expiring at `exp` is needed at `now`
/// (`*needed`: false once no verifier with up to `leeway_seconds` of
/// leeway accepts the token), and the expiry to give its store entry
/// (`*entry_expiry`: `exp` plus the leeway, as `jeton_shared_entry_expiry`).
///
/// Returns `JETON_OK`; NULL `entry_expiry` or `needed`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `entry_expiry` points to a writable `int64_t`; `needed` to a writable
/// `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_record_expiry(
    exp: i64,
    leeway_seconds: u64,
    now: i64,
    entry_expiry: *mut i64,
    needed: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: both are writable (function contract).
        let (entry_expiry, needed) = unsafe { (out_ptr(entry_expiry)?, out_ptr(needed)?) };
        let until = shared::revocation_expiry(exp, seconds(leeway_seconds));
        entry_expiry.set(shared::entry_expiry(until));
        needed.set(!shared::is_expired(until, now));
        Ok(())
    })
}

/// Reads a revocation record from the `len` bytes at `bytes` (a `GET`'s
/// reply for the key of a `jti`): the revoked token's `exp` in `*exp`, and
/// whether it is revoked at `now` in `*revoked` (while `exp` is after
/// `now`; ask with your clock less your verifier's leeway, as
/// `jeton_jwt_verify` asks its revocation list). No reply at all (nil)
/// means not revoked.
///
/// Returns `JETON_OK`; `JETON_ERR_STORE_RECORD_INVALID` for anything but a
/// whole version-1 revocation record: refuse the token. NULL `bytes`,
/// `exp` or `revoked`: `JETON_ERR_NULL_POINTER`. On error nothing is
/// written.
///
/// # Safety
///
/// `bytes` is readable for `len` bytes; `exp` points to a writable
/// `int64_t`; `revoked` to a writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_record_decode(
    bytes: *const u8,
    len: usize,
    now: i64,
    exp: *mut i64,
    revoked: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (bytes, exp, revoked) =
            unsafe { (input(bytes, len)?, out_ptr(exp)?, out_ptr(revoked)?) };
        let record = RevocationRecord::decode(bytes)?;
        exp.set(record.exp);
        revoked.set(record.is_revoked(now));
        Ok(())
    })
}
