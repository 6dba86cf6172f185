//! `jeton_rate_limiter`: attempts per key (a client address and a user
//! name), a bucket of a few refilled at a steady rate, in fixed memory.

use core::fmt;
use core::num::NonZeroU32;

use jeton::limit::{Decision, RateLimiter};

use crate::boundary::boundary;
use crate::object::{clear, count_of, dropped_at, object, object_mut, slot};
use crate::ptr::{Region, input, out_ptr_apart};
use crate::status::{Fail, jeton_status};

/// Most keys a `jeton_rate_limiter` holds at once.
pub const JETON_RATE_LIMITER_CAPACITY: usize = 1024;
/// Size in bytes of a `jeton_rate_limiter`.
pub const JETON_RATE_LIMITER_SIZE: usize = 36928;

/// Up to `JETON_RATE_LIMITER_CAPACITY` keys, each with a bucket of `burst`
/// attempts that refills evenly over `period` seconds (a token bucket,
/// kept as one time per key). Keys are kept as the first 16 bytes of their
/// SHA-256, so a long key costs what a short one does. A key whose bucket
/// is full again holds no state. When every place holds a key still
/// refilling, a new key takes the place of the one closest to a full
/// bucket: a key being limited keeps its place, and no key is ever
/// refused for want of room. About 36 KiB: static storage suits it.
/// `jeton_rate_limiter_init`, ..., `jeton_rate_limiter_clear`. Functions
/// that take it `const` may run from several threads at once; the others
/// must not overlap with any call on it.
#[repr(C, align(16))]
pub struct jeton_rate_limiter {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_RATE_LIMITER_SIZE],
}

// The Rust limiter behind `jeton_rate_limiter`.
storage!(
    jeton_rate_limiter,
    RateLimiter<JETON_RATE_LIMITER_CAPACITY>,
    u64::from_le_bytes(*b"jt-rate\0")
);

impl fmt::Debug for jeton_rate_limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_rate_limiter { .. }")
    }
}

/// Initializes `limiter` as empty: `burst` attempts at once per key,
/// regained evenly over `period_seconds` (one every `period_seconds /
/// burst` seconds). For logins, 5 and 60: five attempts, then one every
/// 12 seconds.
///
/// Returns `JETON_OK`; `JETON_ERR_INVALID_ARGUMENT` when `burst` or
/// `period_seconds` is 0 (the storage is left as it was); NULL `limiter`:
/// `JETON_ERR_NULL_POINTER`. Initializing a limiter that holds keys
/// replaces it: call `jeton_rate_limiter_clear` before.
///
/// # Safety
///
/// `limiter` points to writable storage for a `jeton_rate_limiter`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_init(
    limiter: *mut jeton_rate_limiter,
    burst: u32,
    period_seconds: u32,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `limiter` is writable storage (function contract).
        let limiter = unsafe { slot(limiter, &[])? };
        let burst = NonZeroU32::new(burst).ok_or(Fail::INVALID)?;
        let period = NonZeroU32::new(period_seconds).ok_or(Fail::INVALID)?;
        limiter.fill_with(|| RateLimiter::new(burst, period));
        Ok(())
    })
}

/// Forgets every key and wipes `limiter`, after which it answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing twice is
/// harmless.
///
/// Returns `JETON_OK`; NULL `limiter`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter` that was initialized,
/// cleared or zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_clear(
    limiter: *mut jeton_rate_limiter,
) -> jeton_status {
    // SAFETY: `limiter` is an initialized, cleared or zero-filled limiter
    // used by this thread only (function contract).
    boundary(|| unsafe { clear(limiter) })
}

/// Reports a decision: `JETON_OK` with `*remaining`, or
/// `JETON_ERR_RATE_LIMITED` with `*retry_after`.
fn report(
    decision: Decision,
    remaining: crate::ptr::OutPtr<'_, u32>,
    retry_after: crate::ptr::OutPtr<'_, u64>,
) -> Result<(), Fail> {
    match decision {
        Decision::Allowed { remaining: left } => {
            remaining.set(left);
            Ok(())
        }
        Decision::Limited { retry_after: wait } => {
            retry_after.set(wait);
            Err(jeton::Error::RateLimited.into())
        }
    }
}

/// Spends one attempt of `key` (say, the client's address, a 0 byte and
/// the user name) at `now` (Unix seconds, your clock) when its bucket
/// holds one. A refused attempt spends nothing.
///
/// Returns `JETON_OK` with the attempts left in `*remaining`;
/// `JETON_ERR_RATE_LIMITED` with the seconds until the next attempt
/// passes in `*retry_after` (at least 1: send it as `Retry-After` with a
/// 429). The other out-pointer is untouched. NULL `limiter`, `key`,
/// `remaining` or `retry_after`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter` no other thread uses
/// meanwhile; `key` is readable for `key_len` bytes; `remaining` and
/// `retry_after` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_check(
    limiter: *mut jeton_rate_limiter,
    key: *const u8,
    key_len: usize,
    now: i64,
    remaining: *mut u32,
    retry_after: *mut u64,
) -> jeton_status {
    boundary(|| {
        let (keys, left_at, wait_at) = (
            Region::array(key, key_len),
            Region::object(remaining),
            Region::object(retry_after),
        );
        // SAFETY: every pointer is valid as the function contract says; no
        // input or output lies in the limiter, and no output in the key
        // (checked).
        let (limiter, key, remaining, retry_after) = unsafe {
            (
                object_mut(limiter, &[keys, left_at, wait_at])?,
                input(key, key_len)?,
                out_ptr_apart(remaining, &[keys])?,
                out_ptr_apart(retry_after, &[keys])?,
            )
        };
        report(limiter.check(key, now), remaining, retry_after)
    })
}

/// What `jeton_rate_limiter_check` would answer for `key` at `now`,
/// spending nothing.
///
/// Returns as `jeton_rate_limiter_check`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter`; `key` is readable for
/// `key_len` bytes; `remaining` and `retry_after` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_peek(
    limiter: *const jeton_rate_limiter,
    key: *const u8,
    key_len: usize,
    now: i64,
    remaining: *mut u32,
    retry_after: *mut u64,
) -> jeton_status {
    boundary(|| {
        let read = [Region::object(limiter), Region::array(key, key_len)];
        // SAFETY: every pointer is valid as the function contract says; no
        // output lies in what is read (checked).
        let (limiter, key, remaining, retry_after) = unsafe {
            (
                object(limiter)?,
                input(key, key_len)?,
                out_ptr_apart(remaining, &read)?,
                out_ptr_apart(retry_after, &read)?,
            )
        };
        report(limiter.peek(key, now), remaining, retry_after)
    })
}

/// Gives `key` a full bucket again (say, after a login that succeeded,
/// for a limiter that counts failures).
///
/// Returns `JETON_OK` with `*held` true when the key was held. NULL
/// `limiter`, `key` or `held`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter` no other thread uses
/// meanwhile; `key` is readable for `key_len` bytes; `held` points to a
/// writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_forget(
    limiter: *mut jeton_rate_limiter,
    key: *const u8,
    key_len: usize,
    held: *mut bool,
) -> jeton_status {
    boundary(|| {
        let (keys, held_at) = (Region::array(key, key_len), Region::object(held));
        // SAFETY: every pointer is valid as the function contract says; no
        // input or output lies in the limiter, nor `held` in the key
        // (checked).
        let (limiter, key, held) = unsafe {
            (
                object_mut(limiter, &[keys, held_at])?,
                input(key, key_len)?,
                out_ptr_apart(held, &[keys])?,
            )
        };
        held.set(limiter.forget(key));
        Ok(())
    })
}

/// Drops every key whose bucket is full again at `now` (they hold no
/// state; a full limiter drops them itself when it needs room).
///
/// Returns `JETON_OK` with the number dropped in `*purged`. NULL `limiter`
/// or `purged`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter` no other thread uses
/// meanwhile; `purged` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_purge(
    limiter: *mut jeton_rate_limiter,
    now: i64,
    purged: *mut usize,
) -> jeton_status {
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { dropped_at(limiter, now, purged, |l, now| l.purge(now)) })
}

/// The number of keys `limiter` holds, some at rest until purged.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the limiter. NULL `limiter` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `limiter` points to a `jeton_rate_limiter`; `count` to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_rate_limiter_len(
    limiter: *const jeton_rate_limiter,
    count: *mut usize,
) -> jeton_status {
    // SAFETY: every pointer is valid as the function contract says.
    boundary(|| unsafe { count_of(limiter, count, |l| l.len()) })
}
