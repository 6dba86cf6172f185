//! `jeton_revocation_list`: JWT IDs revoked until their tokens expire,
//! which `jeton_jwt_verify` consults through
//! `jeton_jwt_validation.revocation`.

use core::fmt;

use jeton::session::RevocationList;

use crate::boundary::boundary;
use crate::object::{clear, count_of, dropped_at, object, object_mut, slot};
use crate::ptr::{Region, input, out_ptr_apart};
use crate::status::jeton_status;

/// Most revoked tokens a `jeton_revocation_list` holds at once.
pub const JETON_REVOCATION_LIST_CAPACITY: usize = 256;
/// Size in bytes of a `jeton_revocation_list`.
pub const JETON_REVOCATION_LIST_SIZE: usize = 10752;

/// Up to `JETON_REVOCATION_LIST_CAPACITY` revoked JWT IDs (`jti`), each
/// kept (as its SHA-256) only until the revoked token's own `exp`, after
/// which the token is refused as expired anyway. Give it to
/// `jeton_jwt_verify` through `jeton_jwt_validation.revocation`. 10.5
/// KiB. `jeton_revocation_list_init`, ..., `jeton_revocation_list_clear`.
/// Functions that take it `const` may run from several threads at once;
/// the others must not overlap with any call on it.
#[repr(C, align(16))]
pub struct jeton_revocation_list {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_REVOCATION_LIST_SIZE],
}

// The Rust list behind `jeton_revocation_list`.
storage!(
    jeton_revocation_list,
    RevocationList<JETON_REVOCATION_LIST_CAPACITY>,
    u64::from_le_bytes(*b"jt-revo\0")
);

impl fmt::Debug for jeton_revocation_list {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_revocation_list { .. }")
    }
}

/// Initializes `list` as an empty revocation list.
///
/// Returns `JETON_OK`; NULL `list`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to writable storage for a `jeton_revocation_list`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_init(
    list: *mut jeton_revocation_list,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `list` is writable storage (function contract).
        let list = unsafe { slot(list, &[])? };
        list.fill_with(RevocationList::new);
        Ok(())
    })
}

/// Drops every entry and wipes `list`, after which it answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing twice is
/// harmless.
///
/// Returns `JETON_OK`; NULL `list`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` that was initialized,
/// cleared or zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_clear(
    list: *mut jeton_revocation_list,
) -> jeton_status {
    // SAFETY: `list` is an initialized, cleared or zero-filled list used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(list) })
}

/// Revokes the token whose `jti` is `jti` (the claim's value, unescaped)
/// until `exp` (its own expiry, Unix seconds; `INT64_MAX` for a token
/// without one) plus the list's leeway (`jeton_revocation_list_set_leeway`).
/// Revoking again keeps the later expiry. Revoking a token already past
/// `exp` plus the leeway at `now` records nothing and returns `JETON_OK`:
/// every verifier that may consult the list refuses the token as expired
/// (`jeton_jwt_verify` refuses a list whose leeway is shorter than its
/// own with `JETON_ERR_REVOCATION_LEEWAY_TOO_SHORT`).
///
/// Returns `JETON_OK`; `JETON_ERR_REVOCATION_LIST_FULL` when every entry is
/// still in force (lapsed entries are dropped to make room first). NULL
/// `list` or `jti`: `JETON_ERR_NULL_POINTER`. On error the list is
/// unchanged.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` no other thread uses
/// meanwhile; `jti` is readable for `jti_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_revoke(
    list: *mut jeton_revocation_list,
    jti: *const u8,
    jti_len: usize,
    exp: i64,
    now: i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; the
        // ID does not lie in the list (checked).
        let (list, jti) = unsafe {
            (
                object_mut(list, &[Region::array(jti, jti_len)])?,
                input(jti, jti_len)?,
            )
        };
        list.revoke(jti, exp, now)?;
        Ok(())
    })
}

/// Whether the token whose `jti` is `jti` is revoked at `now`.
///
/// Returns `JETON_OK` with `*revoked` set. NULL `list`, `jti` or `revoked`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list`; `jti` is readable for
/// `jti_len` bytes; `revoked` points to a writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_contains(
    list: *const jeton_revocation_list,
    jti: *const u8,
    jti_len: usize,
    now: i64,
    revoked: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (list, jti, revoked) = unsafe {
            (
                object(list)?,
                input(jti, jti_len)?,
                out_ptr_apart(
                    revoked,
                    &[Region::object(list), Region::array(jti, jti_len)],
                )?,
            )
        };
        revoked.set(list.contains(jti, now));
        Ok(())
    })
}

/// Drops the entries whose token has expired at `now`.
///
/// Returns `JETON_OK` with the number dropped in `*purged`. NULL `list` or
/// `purged`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` no other thread uses
/// meanwhile; `purged` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_purge(
    list: *mut jeton_revocation_list,
    now: i64,
    purged: *mut usize,
) -> jeton_status {
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { dropped_at(list, now, purged, |list, now| list.purge(now)) })
}

/// Keeps each entry of `list` `seconds` past its token's `exp` (default 0).
/// A verifier with a leeway accepts a token that long after its `exp`: give
/// the list at least the largest leeway of the verifiers that consult it,
/// so that it keeps revocations, and takes new ones, while they matter.
///
/// Returns `JETON_OK`; NULL `list`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` no other thread uses
/// meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_set_leeway(
    list: *mut jeton_revocation_list,
    seconds: u64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `list` is a list used by this thread only (function
        // contract).
        let list = unsafe { object_mut(list, &[])? };
        list.set_leeway(seconds);
        Ok(())
    })
}

/// The number of entries in `list`, lapsed ones included until purged.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the list. NULL `list` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list`; `count` to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_len(
    list: *const jeton_revocation_list,
    count: *mut usize,
) -> jeton_status {
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { count_of(list, count, |list| list.len()) })
}
