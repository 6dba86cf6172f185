//! Sessions: IDs from caller entropy, the server-side session store
//! (`jeton_session_store`) and the JWT revocation list
//! (`jeton_revocation_list`).

use core::ffi::c_void;
use core::fmt;

use jeton::Error;
use jeton::session::{self, RevocationList, Session, SessionStore};

use crate::boundary::boundary;
use crate::json::reread;
use crate::jwt::{JETON_JWT_HAS_EXP, jeton_jwt_verified};
use crate::object::{clear, object, object_mut, slot};
use crate::ptr::{Region, input, input_struct, out_ptr, write_out};
use crate::status::{JETON_OK, jeton_status};

/// Bytes of entropy `jeton_session_id_generate` draws: 32 (256 bits).
pub const JETON_SESSION_ID_BYTES: usize = 32;
/// Length of an ID from `jeton_session_id_generate`: 43 base64url
/// characters.
pub const JETON_SESSION_ID_LEN: usize = 43;
/// The least entropy `jeton_session_id_from_bytes` accepts: 16 bytes (128
/// bits).
pub const JETON_SESSION_ID_MIN_BYTES: usize = 16;
/// The most random bytes `jeton_session_id_from_bytes` accepts: 64 (an
/// 86-character ID, the longest `jeton_session_id_validate` accepts).
pub const JETON_SESSION_ID_MAX_BYTES: usize = 64;
const _: () = {
    assert!(JETON_SESSION_ID_BYTES == session::ID_BYTES);
    assert!(JETON_SESSION_ID_LEN == session::ID_LEN);
};

/// A source of random bytes: fills `buf` with `len` random bytes and
/// returns `JETON_OK`, or any other value when it cannot (jeton then
/// answers `JETON_ERR_ENTROPY_UNAVAILABLE`). `ctx` is the pointer given
/// with it, passed through untouched. It must return normally (no
/// `longjmp`, no C++ exception).
pub type jeton_entropy_fn =
    Option<unsafe extern "C" fn(ctx: *mut c_void, buf: *mut u8, len: usize) -> jeton_status>;

/// Bytes of the caller's data in a `jeton_session_user`.
pub const JETON_SESSION_USER_DATA_LEN: usize = 24;

/// The record a session store keeps for each session: a user ID (which
/// `jeton_session_store_revoke_user` matches) and 24 bytes of your own
/// (roles, a tenant, a CSRF token seed...). Copied in and out; jeton does
/// not interpret `data`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct jeton_session_user {
    /// The user ID.
    pub id: u64,
    /// Your bytes, stored as given.
    pub data: [u8; JETON_SESSION_USER_DATA_LEN],
}

/// A session as the store hands it out: a copy, valid after the store
/// changes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct jeton_session {
    /// The record given to `jeton_session_store_create`.
    pub user: jeton_session_user,
    /// When the session was created, Unix seconds.
    pub created: i64,
    /// When it expires unless touched, Unix seconds.
    pub expires: i64,
}

impl From<Session<jeton_session_user>> for jeton_session {
    fn from(s: Session<jeton_session_user>) -> jeton_session {
        jeton_session {
            user: s.user,
            created: s.created,
            expires: s.expires,
        }
    }
}

/// Most sessions a `jeton_session_store` holds.
pub const JETON_SESSION_STORE_CAPACITY: usize = 256;
/// Size in bytes of a `jeton_session_store`.
pub const JETON_SESSION_STORE_SIZE: usize = 24576;

/// A fixed-capacity server-side session store: up to
/// `JETON_SESSION_STORE_CAPACITY` sessions, each a `jeton_session_user`
/// record with an expiry, keyed by the SHA-256 of the session ID (the ID
/// itself is never kept, so a memory dump reveals no live session).
/// Sessions last `ttl` seconds from their last touch (sliding expiry),
/// never more than the absolute lifetime if one is set. When full,
/// `jeton_session_store_create` drops expired sessions to make room and
/// otherwise refuses with `JETON_ERR_SESSION_STORE_FULL`: a live session is
/// never evicted. Every failed call leaves the store as it was. At 24
/// KiB, static storage suits it. `jeton_session_store_init`, ...,
/// `jeton_session_store_clear`. Lookups take it as const and may run
/// in parallel; calls that change it must not overlap any other call on
/// it (a reader-writer lock when threads share it).
#[repr(C, align(16))]
pub struct jeton_session_store {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_SESSION_STORE_SIZE],
}

// The Rust store behind `jeton_session_store` (written out rather than
// aliased: cbindgen cannot make sense of an alias of a generic core type).
storage!(
    jeton_session_store,
    SessionStore<jeton_session_user, JETON_SESSION_STORE_CAPACITY>,
    u64::from_le_bytes(*b"jt-sess\0")
);

impl fmt::Debug for jeton_session_store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_session_store { .. }")
    }
}

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

// ---------------------------------------------------------------------
// Session IDs.

/// Draws `JETON_SESSION_ID_BYTES` random bytes from `fill` (called once,
/// with `ctx`) and writes them as a base64url session ID of
/// `JETON_SESSION_ID_LEN` characters into `out`. The random bytes are
/// wiped from jeton's stack afterwards. jeton has no RNG: plug in
/// `getrandom(2)`, `arc4random_buf`, `BCryptGenRandom` or a hardware TRNG.
///
/// ```c
/// static jeton_status fill(void *ctx, uint8_t *buf, size_t len) { (void)ctx;
///     return getrandom(buf, len, 0) == (ssize_t)len ? JETON_OK : JETON_ERR_ENTROPY_UNAVAILABLE; }
/// uint8_t id[JETON_SESSION_ID_LEN];
/// size_t n;
/// jeton_session_id_generate(fill, NULL, id, sizeof id, &n);
/// ```
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with `JETON_SESSION_ID_LEN` in `*out_len`
/// (checked first: `fill` is not called); `JETON_ERR_ENTROPY_UNAVAILABLE`
/// when `fill` returns anything but `JETON_OK`. NULL `fill` or `out_len`,
/// or NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`
/// (`ctx` may be NULL: it is only passed to `fill`). On error `out` holds
/// no partial ID.
///
/// # Safety
///
/// `fill` is a function that writes at most `len` bytes to `buf` and
/// returns; `out` is writable for `out_cap` bytes; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_id_generate(
    fill: jeton_entropy_fn,
    ctx: *mut c_void,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let fill = fill.ok_or(crate::status::Fail::NULL)?;
        let mut entropy = |dest: &mut [u8]| {
            // SAFETY: `fill` writes at most `len` bytes to `buf` (function
            // contract), and `dest` is that many writable bytes.
            let status = unsafe { fill(ctx, dest.as_mut_ptr(), dest.len()) };
            if status == JETON_OK as jeton_status {
                Ok(())
            } else {
                Err(Error::EntropyUnavailable)
            }
        };
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract).
        unsafe {
            write_out(out, out_cap, out_len, &[], |out| {
                session::generate_id(&mut entropy, out)
            })
        }
    })
}

/// Encodes random bytes you drew yourself (`JETON_SESSION_ID_MIN_BYTES`
/// to `JETON_SESSION_ID_MAX_BYTES`) as a base64url session ID into `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_ENTROPY_TOO_SHORT` under 16 bytes; `JETON_ERR_INPUT_TOO_LONG`
/// over 64 (`jeton_session_id_validate` would refuse the ID);
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`. NULL
/// `random` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial ID.
///
/// # Safety
///
/// `random` is readable for `random_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_id_from_bytes(
    random: *const u8,
    random_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` does not overlap `random`.
        let random = unsafe { input(random, random_len)? };
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::of(random)], |out| {
                session::id_from_bytes(random, out)
            })
        }
    })
}

/// Checks that `id` has the shape of an ID jeton makes: canonical unpadded
/// base64url of 16 to 64 bytes. The time taken depends on the length
/// (public) but not on the characters. Check a cookie's ID before looking
/// it up, to answer a forged one early.
///
/// Returns `JETON_OK` when it does, `JETON_ERR_SESSION_ID_MALFORMED` when
/// not. NULL `id`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `id` is readable for `id_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_id_validate(id: *const u8, id_len: usize) -> jeton_status {
    boundary(|| {
        // SAFETY: `id` is readable for `id_len` bytes (function contract).
        let id = unsafe { input(id, id_len)? };
        if session::is_well_formed_id(id) {
            Ok(())
        } else {
            Err(Error::SessionIdMalformed.into())
        }
    })
}

// ---------------------------------------------------------------------
// The session store.

/// Initializes `store` as an empty store whose sessions last `ttl_seconds`
/// after their last touch and, unless `absolute_lifetime_seconds` is 0, at
/// most that long after their creation however often they are touched.
///
/// Returns `JETON_OK`; NULL `store`: `JETON_ERR_NULL_POINTER`.
/// Initializing a store that holds sessions replaces it: call
/// `jeton_session_store_clear` before.
///
/// # Safety
///
/// `store` points to writable storage for a `jeton_session_store`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_init(
    store: *mut jeton_session_store,
    ttl_seconds: u64,
    absolute_lifetime_seconds: u64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `store` is writable storage (function contract).
        let store = unsafe { slot(store, &[])? };
        store.fill_with(|| {
            let store = SessionStore::new(ttl_seconds);
            if absolute_lifetime_seconds == 0 {
                store
            } else {
                store.with_absolute_lifetime(absolute_lifetime_seconds)
            }
        });
        Ok(())
    })
}

/// Drops every session and wipes `store`, after which it answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing twice is
/// harmless.
///
/// Returns `JETON_OK`; NULL `store`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` that was initialized, cleared
/// or zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_clear(
    store: *mut jeton_session_store,
) -> jeton_status {
    // SAFETY: `store` is an initialized, cleared or zero-filled store used
    // by this thread only (function contract).
    boundary(|| unsafe { clear(store) })
}

/// Opens a session for `id` (from `jeton_session_id_generate`) holding a
/// copy of `*user`, at `now` (Unix seconds, your clock).
///
/// Returns `JETON_OK` with the new session in `*session`;
/// `JETON_ERR_SESSION_EXISTS` when a live session has this ID;
/// `JETON_ERR_SESSION_STORE_FULL` when every slot holds a live session
/// (expired ones are dropped to make room first). NULL `store`, `id`,
/// `user` or `session`: `JETON_ERR_NULL_POINTER`. On error the store and
/// `*session` are unchanged.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` no other thread uses
/// meanwhile; `id` is readable for `id_len` bytes; `user` points to a
/// `jeton_session_user`; `session` to a writable `jeton_session`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_create(
    store: *mut jeton_session_store,
    id: *const u8,
    id_len: usize,
    user: *const jeton_session_user,
    now: i64,
    session: *mut jeton_session,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the store (checked).
        let (store, id, user, session) = unsafe {
            (
                object_mut(
                    store,
                    &[
                        Region::array(id, id_len),
                        Region::object(user),
                        Region::object(session),
                    ],
                )?,
                input(id, id_len)?,
                input_struct(user)?,
                out_ptr(session)?,
            )
        };
        session.set(store.create(id, *user, now)?.into());
        Ok(())
    })
}

/// The live session of `id` at `now`, unchanged (see
/// `jeton_session_store_touch` to extend it).
///
/// Returns `JETON_OK` with `*session` set; `JETON_ERR_SESSION_NOT_FOUND`;
/// `JETON_ERR_SESSION_EXPIRED` (the session stays until purged, replaced
/// or revoked). NULL `store`, `id` or `session`: `JETON_ERR_NULL_POINTER`.
/// On error `*session` is untouched.
///
/// # Safety
///
/// `store` points to a `jeton_session_store`; `id` is readable for
/// `id_len` bytes; `session` points to a writable `jeton_session`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_lookup(
    store: *const jeton_session_store,
    id: *const u8,
    id_len: usize,
    now: i64,
    session: *mut jeton_session,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (store, id, session) =
            unsafe { (object(store)?, input(id, id_len)?, out_ptr(session)?) };
        session.set(store.lookup(id, now)?.into());
        Ok(())
    })
}

/// Extends the live session of `id` to `ttl` seconds from `now` (within
/// the absolute lifetime) and returns it.
///
/// Returns as `jeton_session_store_lookup`. On error the store is
/// unchanged.
///
/// # Safety
///
/// As `jeton_session_store_lookup`, and no other thread uses `store`
/// meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_touch(
    store: *mut jeton_session_store,
    id: *const u8,
    id_len: usize,
    now: i64,
    session: *mut jeton_session,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; the
        // ID and `session` do not lie in the store (checked).
        let (store, id, session) = unsafe {
            (
                object_mut(store, &[Region::array(id, id_len), Region::object(session)])?,
                input(id, id_len)?,
                out_ptr(session)?,
            )
        };
        session.set(store.touch(id, now)?.into());
        Ok(())
    })
}

/// Moves the live session of `old_id` to `new_id` with its record,
/// creation time and expiry: do it at login, so that an ID planted before
/// (session fixation) is worthless.
///
/// Returns `JETON_OK` with the session in `*session`; for `old_id` the
/// errors of `jeton_session_store_lookup`; `JETON_ERR_SESSION_EXISTS` when
/// `new_id` names a live session. NULL `store`, `old_id`, `new_id` or
/// `session`: `JETON_ERR_NULL_POINTER`. On error the store and `*session`
/// are unchanged.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` no other thread uses
/// meanwhile; `old_id` and `new_id` are readable for their lengths;
/// `session` points to a writable `jeton_session`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_rotate(
    store: *mut jeton_session_store,
    old_id: *const u8,
    old_id_len: usize,
    new_id: *const u8,
    new_id_len: usize,
    now: i64,
    session: *mut jeton_session,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the store (checked).
        let (store, old_id, new_id, session) = unsafe {
            (
                object_mut(
                    store,
                    &[
                        Region::array(old_id, old_id_len),
                        Region::array(new_id, new_id_len),
                        Region::object(session),
                    ],
                )?,
                input(old_id, old_id_len)?,
                input(new_id, new_id_len)?,
                out_ptr(session)?,
            )
        };
        session.set(store.rotate(old_id, new_id, now)?.into());
        Ok(())
    })
}

/// `jeton_session_store_rotate`, replacing the record with `*user` on the
/// way (a login that turns an anonymous session into a user's); the
/// creation time and the expiry restart at `now`.
///
/// Returns as `jeton_session_store_rotate`. NULL `user`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// As `jeton_session_store_rotate`, with `user` pointing to a
/// `jeton_session_user`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_rotate_user(
    store: *mut jeton_session_store,
    old_id: *const u8,
    old_id_len: usize,
    new_id: *const u8,
    new_id_len: usize,
    user: *const jeton_session_user,
    now: i64,
    session: *mut jeton_session,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // input lies in the store (checked).
        let (store, old_id, new_id, user, session) = unsafe {
            (
                object_mut(
                    store,
                    &[
                        Region::array(old_id, old_id_len),
                        Region::array(new_id, new_id_len),
                        Region::object(user),
                        Region::object(session),
                    ],
                )?,
                input(old_id, old_id_len)?,
                input(new_id, new_id_len)?,
                input_struct(user)?,
                out_ptr(session)?,
            )
        };
        session.set(store.rotate_with(old_id, new_id, *user, now)?.into());
        Ok(())
    })
}

/// Ends the session of `id` at once, expired or not (logout): from now on
/// lookups answer `JETON_ERR_SESSION_NOT_FOUND`.
///
/// Returns `JETON_OK`; `JETON_ERR_SESSION_NOT_FOUND`. NULL `store` or `id`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` no other thread uses
/// meanwhile; `id` is readable for `id_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_revoke(
    store: *mut jeton_session_store,
    id: *const u8,
    id_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; the
        // ID does not lie in the store (checked).
        let (store, id) = unsafe {
            (
                object_mut(store, &[Region::array(id, id_len)])?,
                input(id, id_len)?,
            )
        };
        Ok(store.revoke(id)?)
    })
}

/// Ends every session whose record has `user_id` as its `id` (a user whose
/// password changed, an account closed).
///
/// Returns `JETON_OK` with the number ended in `*revoked`. NULL `store` or
/// `revoked`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` no other thread uses
/// meanwhile; `revoked` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_revoke_user(
    store: *mut jeton_session_store,
    user_id: u64,
    revoked: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `revoked` does not lie in the store (checked).
        let (store, revoked) = unsafe {
            (
                object_mut(store, &[Region::object(revoked)])?,
                out_ptr(revoked)?,
            )
        };
        revoked.set(store.revoke_where(|user| user.id == user_id));
        Ok(())
    })
}

/// Drops every session expired at `now`.
///
/// Returns `JETON_OK` with the number dropped in `*purged`. NULL `store` or
/// `purged`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `store` points to a `jeton_session_store` no other thread uses
/// meanwhile; `purged` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_purge(
    store: *mut jeton_session_store,
    now: i64,
    purged: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `purged` does not lie in the store (checked).
        let (store, purged) = unsafe {
            (
                object_mut(store, &[Region::object(purged)])?,
                out_ptr(purged)?,
            )
        };
        purged.set(store.purge_expired(now));
        Ok(())
    })
}

/// The number of sessions in `store`, expired ones included until purged.
///
/// Returns `JETON_OK` and sets `*count`. NULL `store` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `store` points to a `jeton_session_store`; `count` to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_len(
    store: *const jeton_session_store,
    count: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (store, count) = unsafe { (object(store)?, out_ptr(count)?) };
        count.set(store.len());
        Ok(())
    })
}

// ---------------------------------------------------------------------
// The revocation list.

/// Longest `jti` (unescaped) `jeton_revocation_list_revoke_token` takes
/// from a token whose `jti` holds escapes: 256 bytes. (One without escapes
/// may have any length; for a longer escaped one, unescape it with
/// `jeton_jwt_verified_claim_str` and call
/// `jeton_revocation_list_revoke`.)
pub const JETON_REVOCATION_MAX_ESCAPED_JTI_LEN: usize = 256;

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
/// without one). Revoking again keeps the later expiry; revoking a token
/// already expired at `now` does nothing (it is refused anyway).
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
        Ok(list.revoke(jti, exp, now)?)
    })
}

/// Revokes a verified token (logout of a JWT session): its `jti` until its
/// `exp` (for ever without one), as `jeton_revocation_list_revoke` does.
///
/// Returns `JETON_OK`; `JETON_ERR_JWT_MISSING_CLAIM` when the token has no
/// `jti` (it cannot be revoked: issue tokens with one);
/// `JETON_ERR_INPUT_TOO_LONG` for an escaped `jti` longer than
/// `JETON_REVOCATION_MAX_ESCAPED_JTI_LEN` once unescaped;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the token's buffer was changed;
/// `JETON_ERR_REVOCATION_LIST_FULL`. NULL `list` or `verified`:
/// `JETON_ERR_NULL_POINTER`. On error the list is unchanged.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` no other thread uses
/// meanwhile; `verified` points to a `jeton_jwt_verified` set by
/// `jeton_jwt_verify` whose buffer is alive and unchanged.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_revoke_token(
    list: *mut jeton_revocation_list,
    verified: *const jeton_jwt_verified,
    now: i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `verified` points to a `jeton_jwt_verified` (function
        // contract).
        let v = unsafe { input_struct(verified)? };
        // SAFETY: `list` is a list no other thread uses, and the claims view
        // points into the caller's buffer, alive and unchanged (function
        // contract); neither lies in the list (checked).
        let (list, claims) = unsafe {
            (
                object_mut(
                    list,
                    &[
                        Region::object(verified),
                        Region::array(v.claims.ptr, v.claims.len),
                    ],
                )?,
                input(v.claims.ptr, v.claims.len)?,
            )
        };
        let claims = reread(claims, Error::JwtPayloadInvalid)?;
        let jti = claims
            .get("jti")
            .and_then(|j| j.as_str())
            .ok_or(Error::JwtMissingClaim)?;
        let exp = if v.flags & JETON_JWT_HAS_EXP != 0 {
            v.exp
        } else {
            i64::MAX
        };
        if !jti.is_escaped() {
            return Ok(list.revoke(jti.raw(), exp, now)?);
        }
        let mut unescaped = [0u8; JETON_REVOCATION_MAX_ESCAPED_JTI_LEN];
        let n = jti
            .unescape_into(&mut unescaped)
            .map_err(|_| Error::InputTooLong)?;
        Ok(list.revoke(unescaped.get(..n).unwrap_or(&[]), exp, now)?)
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
        let (list, jti, revoked) =
            unsafe { (object(list)?, input(jti, jti_len)?, out_ptr(revoked)?) };
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
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `purged` does not lie in the list (checked).
        let (list, purged) = unsafe {
            (
                object_mut(list, &[Region::object(purged)])?,
                out_ptr(purged)?,
            )
        };
        purged.set(list.purge(now));
        Ok(())
    })
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
/// Returns `JETON_OK` and sets `*count`. NULL `list` or `count`:
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
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (list, count) = unsafe { (object(list)?, out_ptr(count)?) };
        count.set(list.len());
        Ok(())
    })
}
