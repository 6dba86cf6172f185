//! Sessions: IDs from caller entropy and the server-side session store
//! (`jeton_session_store`). The JWT revocation list is `revocation`.

use core::ffi::c_void;
use core::fmt;

use jeton::Error;
use jeton::session::{self, Session, SessionStore};

use crate::boundary::boundary;
use crate::object::{clear, count_of, dropped_at, object, object_mut, slot};
use crate::ptr::{Region, input, input_struct, out_array, out_ptr, out_ptr_apart, write_out};
use crate::status::{Fail, JETON_OK, jeton_status};

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

/// The caller's entropy callback as the core's source of random bytes:
/// `JETON_ERR_ENTROPY_UNAVAILABLE` when it answers anything but
/// `JETON_OK`.
///
/// # Safety
///
/// `fill`, unless NULL, writes at most `len` bytes to `buf` and returns;
/// `ctx` is what it expects.
pub(crate) unsafe fn entropy_source(
    fill: jeton_entropy_fn,
    ctx: *mut c_void,
) -> Result<impl FnMut(&mut [u8]) -> Result<(), Error>, crate::status::Fail> {
    let fill = fill.ok_or(crate::status::Fail::NULL)?;
    Ok(move |dest: &mut [u8]| {
        // SAFETY: `fill` writes at most `len` bytes to `buf` (the caller's
        // contract), and `dest` is that many writable bytes.
        let status = unsafe { fill(ctx, dest.as_mut_ptr(), dest.len()) };
        if status == JETON_OK as jeton_status {
            Ok(())
        } else {
            Err(Error::EntropyUnavailable)
        }
    })
}

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
        // SAFETY: `fill` writes at most `len` bytes and returns (function
        // contract).
        let mut entropy = unsafe { entropy_source(fill, ctx)? };
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

/// `jeton_session_store_create`, holding each user (the sessions whose
/// record has `user->id`) to `max_per_user` live sessions: when the user
/// holds that many already, the oldest (earliest `created`, then earliest
/// expiry) are ended until the new one fits, and copied, oldest first,
/// to `evicted`, so that you can end what hangs on them (a token issued
/// with the session). Another user's live session is never evicted: a
/// store full of other users' sessions answers
/// `JETON_ERR_SESSION_STORE_FULL` as `_create` does.
///
/// Returns `JETON_OK` with the new session in `*session` and the number
/// evicted in `*evicted_count`; `JETON_ERR_BUFFER_TOO_SMALL` with the
/// number that would be evicted in `*evicted_count` when more than
/// `evicted_cap` would (`(NULL, 0)` is enough while the user is under the
/// cap; `max_per_user` places always are); the errors of
/// `jeton_session_store_create`; `JETON_ERR_CAPACITY_EXCEEDED` when
/// `max_per_user` is 0. NULL `store`, `id`, `user`, `session` or
/// `evicted_count`, or NULL `evicted` with a non-zero `evicted_cap`:
/// `JETON_ERR_NULL_POINTER`. On error the store, `*session` and
/// `evicted` are unchanged.
///
/// # Safety
///
/// As `jeton_session_store_create`; `evicted` points to `evicted_cap`
/// writable `jeton_session`s; `evicted_count` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_session_store_create_capped(
    store: *mut jeton_session_store,
    id: *const u8,
    id_len: usize,
    user: *const jeton_session_user,
    now: i64,
    max_per_user: usize,
    session: *mut jeton_session,
    evicted: *mut jeton_session,
    evicted_cap: usize,
    evicted_count: *mut usize,
) -> jeton_status {
    boundary(|| {
        let ids = Region::array(id, id_len);
        let (user_at, session_at) = (Region::object(user), Region::object(session));
        let (evicted_at, count_at) = (
            Region::array(evicted.cast_const(), evicted_cap),
            Region::object(evicted_count),
        );
        // SAFETY: every pointer is valid as the function contract says; no
        // input or output lies in the store, and no output in an input or
        // another output (checked).
        let (store, id, user, session, mut evicted, evicted_count) = unsafe {
            (
                object_mut(store, &[ids, user_at, session_at, evicted_at, count_at])?,
                input(id, id_len)?,
                *input_struct(user)?,
                out_ptr_apart(session, &[ids, user_at, evicted_at, count_at])?,
                out_array(evicted, evicted_cap, &[ids, user_at, session_at, count_at])?,
                out_ptr_apart(evicted_count, &[ids, user_at, session_at])?,
            )
        };
        // The store's own refusals come before the report of room.
        if !session::is_well_formed_id(id) {
            return Err(Error::SessionIdMalformed.into());
        }
        if store.lookup(id, now).is_ok() {
            return Err(Error::SessionExists.into());
        }
        let same_user = |u: &jeton_session_user| u.id == user.id;
        let needed = store
            .count_live(now, same_user)
            .saturating_add(1)
            .saturating_sub(max_per_user);
        if max_per_user != 0 && needed > evicted.len() {
            evicted_count.set(needed);
            return Err(Fail::BUFFER_TOO_SMALL);
        }
        let mut count = 0;
        let created = store.create_capped(id, user, now, max_per_user, same_user, |s| {
            evicted.set(count, s.into());
            count += 1;
        })?;
        session.set(created.into());
        evicted_count.set(count);
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
        let (store, id, session) = unsafe {
            (
                object(store)?,
                input(id, id_len)?,
                out_ptr_apart(session, &[Region::object(store), Region::array(id, id_len)])?,
            )
        };
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
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { dropped_at(store, now, purged, |store, now| store.purge_expired(now)) })
}

/// The number of sessions in `store`, expired ones included until purged.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the store. NULL `store` or `count`:
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
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { count_of(store, count, |store| store.len()) })
}
