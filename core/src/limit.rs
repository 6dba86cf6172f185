//! A fixed-capacity rate limiter: login attempts per client address and
//! user name, or anything else with a key.
//!
//! Each key has a bucket of `burst` attempts that refills evenly, one
//! attempt every `period / burst` seconds (a token bucket, kept as the
//! generic cell rate algorithm does: one "theoretical arrival time" per
//! key, no counter to refill). A key that has made no attempt for a
//! whole period has a full bucket again.
//!
//! Memory is fixed: `N` keys, each stored as the first 16 bytes of its
//! SHA-256 (a client address or a user name is not kept as such, and a
//! long key costs no more than a short one) with one `i64`, 24 bytes, plus
//! the index of `heapless`'s map: about 36 bytes a key (36 KiB for 1,024
//! keys on a 64-bit target). A key whose bucket is full again holds no
//! state: it is forgotten when room is needed, or by
//! [`RateLimiter::purge`].
//!
//! When every place holds a key that is still refilling and a new key
//! arrives, the new key takes the place of the key closest to a full
//! bucket: it loses at most the little it had not regained. A key that is
//! being limited keeps its place (its bucket is emptier than any fresh
//! key's), so a flood of new keys cannot free it; the limiter never
//! refuses a key for want of room. To push a limited key out an attacker
//! must first make every other place more limited than it, spending
//! about `N` times the key's own attempts.
//!
//! There is no clock inside: every call takes `now` in Unix seconds, and
//! times are kept in milliseconds, so a period need not be a multiple of
//! the burst.

use core::num::NonZeroU32;

use heapless::index_map::FnvIndexMap;
use sha2::{Digest, Sha256};

use crate::Error;

/// Bytes of a key's SHA-256 the limiter keeps.
pub const KEY_HASH_LEN: usize = 16;

/// What the limiter says of an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead; `remaining` more attempts would pass right now.
    Allowed {
        /// Attempts left in the bucket after this one.
        remaining: u32,
    },
    /// Refused: the bucket is empty. The next attempt passes in
    /// `retry_after` seconds (at least 1): what an HTTP server sends as
    /// `Retry-After` with its 429.
    Limited {
        /// Seconds until an attempt passes again.
        retry_after: u64,
    },
}

impl Decision {
    /// `true` for [`Decision::Allowed`].
    pub const fn is_allowed(self) -> bool {
        matches!(self, Decision::Allowed { .. })
    }

    /// `Ok(remaining)`, or [`Error::RateLimited`] (the wait is lost: use
    /// the decision itself to answer with it).
    ///
    /// # Errors
    ///
    /// [`Error::RateLimited`].
    pub const fn into_result(self) -> Result<u32, Error> {
        match self {
            Decision::Allowed { remaining } => Ok(remaining),
            Decision::Limited { .. } => Err(Error::RateLimited),
        }
    }
}

/// Up to `N` keys (`N` a power of two), each with a bucket of `burst`
/// attempts refilled over `period` seconds. See the [module](self) for
/// the algorithm, the memory and what happens when it is full.
///
/// ```
/// use core::num::NonZeroU32;
/// use jeton::limit::{Decision, RateLimiter};
///
/// // 5 attempts at once, then one every 12 seconds (5 a minute).
/// let five = NonZeroU32::new(5).unwrap();
/// let minute = NonZeroU32::new(60).unwrap();
/// let mut logins: RateLimiter<64> = RateLimiter::new(five, minute);
/// let key = b"203.0.113.7\0alice";
/// for left in (0..5).rev() {
///     assert_eq!(logins.check(key, 1_000), Decision::Allowed { remaining: left });
/// }
/// assert_eq!(logins.check(key, 1_000), Decision::Limited { retry_after: 12 });
/// assert!(logins.check(b"198.51.100.4\0alice", 1_000).is_allowed()); // another key
/// assert!(logins.check(key, 1_012).is_allowed());                  // one came back
/// ```
pub struct RateLimiter<const N: usize> {
    /// A key's hash and its theoretical arrival time (milliseconds): when
    /// its bucket would be full again, less one interval.
    buckets: FnvIndexMap<[u8; KEY_HASH_LEN], i64, N>,
    /// Milliseconds per attempt regained.
    interval: i64,
    /// How far ahead of now the arrival time may run: `(burst - 1)`
    /// intervals.
    tolerance: i64,
    burst: u32,
}

impl<const N: usize> core::fmt::Debug for RateLimiter<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("keys", &self.buckets.len())
            .field("capacity", &N)
            .field("burst", &self.burst)
            .field("interval_ms", &self.interval)
            .finish()
    }
}

/// The part of `key`'s SHA-256 the limiter keeps.
fn digest(key: &[u8]) -> [u8; KEY_HASH_LEN] {
    let full: [u8; 32] = Sha256::digest(key).into();
    let mut kept = [0u8; KEY_HASH_LEN];
    kept.iter_mut().zip(full).for_each(|(k, f)| *k = f);
    kept
}

/// Unix seconds in milliseconds.
fn millis(now: i64) -> i64 {
    now.saturating_mul(1000)
}

impl<const N: usize> RateLimiter<N> {
    /// An empty limiter: `burst` attempts at once per key, regained evenly
    /// over `period_seconds` (one every `period_seconds / burst` seconds,
    /// rounded up to the millisecond).
    pub fn new(burst: NonZeroU32, period_seconds: NonZeroU32) -> Self {
        let period = u64::from(period_seconds.get()) * 1000;
        // At least 1 (the period is at least 1000 ms and the division
        // rounds up), at most 2^32 * 1000: an i64 holds it.
        let interval = i64::try_from(period.div_ceil(u64::from(burst.get()))).unwrap_or(i64::MAX);
        RateLimiter {
            buckets: FnvIndexMap::new(),
            interval,
            tolerance: interval.saturating_mul(i64::from(burst.get()) - 1),
            burst: burst.get(),
        }
    }

    /// Attempts a key may make at once.
    pub const fn burst(&self) -> u32 {
        self.burst
    }

    /// The most keys the limiter holds.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// Keys held (some may be at rest until purged or replaced).
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    /// `true` when no key is held.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }

    /// Spends one attempt of `key` at `now` when its bucket holds one.
    /// A limited attempt spends nothing: hammering a key does not push
    /// its wait further.
    pub fn check(&mut self, key: &[u8], now: i64) -> Decision {
        let key = digest(key);
        let now = millis(now);
        let arrival = self.arrival(&key, now);
        let decision = self.judge(arrival, now);
        if decision.is_allowed() {
            let next = arrival.saturating_add(self.interval);
            match self.buckets.get_mut(&key) {
                Some(held) => *held = next,
                None => self.insert(key, next),
            }
        }
        decision
    }

    /// What [`RateLimiter::check`] would answer for `key` at `now`,
    /// spending nothing.
    pub fn peek(&self, key: &[u8], now: i64) -> Decision {
        let now = millis(now);
        self.judge(self.arrival(&digest(key), now), now)
    }

    /// Gives `key` a full bucket again (say, after a login that
    /// succeeded, for a limiter that counts failures); `true` when it was
    /// held.
    pub fn forget(&mut self, key: &[u8]) -> bool {
        self.buckets.swap_remove(&digest(key)).is_some()
    }

    /// Drops every key whose bucket is full again at `now`; returns how
    /// many.
    pub fn purge(&mut self, now: i64) -> usize {
        let now = millis(now);
        let before = self.buckets.len();
        self.buckets.retain(|_, arrival| *arrival > now);
        before - self.buckets.len()
    }

    /// The key's arrival time, never before `now`.
    fn arrival(&self, key: &[u8; KEY_HASH_LEN], now: i64) -> i64 {
        self.buckets.get(key).map_or(now, |&held| held.max(now))
    }

    fn judge(&self, arrival: i64, now: i64) -> Decision {
        // Never negative: `arrival` is at least `now`.
        let debt = arrival.saturating_sub(now);
        if debt > self.tolerance {
            let wait = u64::try_from(debt.saturating_sub(self.tolerance)).unwrap_or(0);
            // Whole seconds, rounded up: at least 1 (the wait is positive).
            Decision::Limited {
                retry_after: wait.div_ceil(1000),
            }
        } else {
            let left = self.tolerance.saturating_sub(debt) / self.interval;
            Decision::Allowed {
                remaining: u32::try_from(left).unwrap_or(u32::MAX),
            }
        }
    }

    /// Adds a key, in the place of the key closest to a full bucket when
    /// every place is taken.
    fn insert(&mut self, key: [u8; KEY_HASH_LEN], arrival: i64) {
        if self.buckets.len() >= N
            && let Some(emptiest) = self
                .buckets
                .iter()
                // Ties go to the smaller hash: the same choice every run.
                .min_by_key(|(k, held)| (**held, **k))
                .map(|(k, _)| *k)
        {
            self.buckets.swap_remove(&emptiest);
        }
        // Room was made above: this cannot fail, and if it could, the key
        // would only start with a full bucket.
        let _ = self.buckets.insert(key, arrival);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter<const N: usize>(burst: u32, period: u32) -> RateLimiter<N> {
        RateLimiter::new(
            NonZeroU32::new(burst).unwrap(),
            NonZeroU32::new(period).unwrap(),
        )
    }

    /// The token bucket written plainly, in milliseconds: `tokens`
    /// (scaled by the interval) refilled by the time elapsed, capped at the
    /// burst. What the arrival-time form must agree with.
    struct Bucket {
        scaled: i64,
        at: i64,
    }

    #[test]
    fn agrees_with_a_plain_token_bucket() {
        for (burst, period) in [(1u32, 1u32), (1, 60), (3, 10), (5, 60), (7, 3), (10, 1)] {
            let mut ours: RateLimiter<8> = limiter(burst, period);
            let interval = (u64::from(period) * 1000).div_ceil(u64::from(burst)) as i64;
            let full = interval * i64::from(burst);
            let mut bucket = Bucket {
                scaled: full,
                at: 0,
            };
            let mut now = 0i64;
            let mut state = 0x9E37_79B9_7F4A_7C15u64;
            for step in 0..2_000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                now += (state % 4) as i64 * i64::from(state.is_multiple_of(3));
                let t = now * 1000;
                bucket.scaled = (bucket.scaled + (t - bucket.at)).min(full);
                bucket.at = t;
                let expected = if bucket.scaled >= interval {
                    bucket.scaled -= interval;
                    Decision::Allowed {
                        remaining: u32::try_from(bucket.scaled / interval).unwrap(),
                    }
                } else {
                    let wait_ms = (interval - bucket.scaled) as u64;
                    Decision::Limited {
                        retry_after: wait_ms.div_ceil(1000),
                    }
                };
                assert_eq!(
                    ours.check(b"k", now),
                    expected,
                    "burst {burst} period {period} step {step} now {now}"
                );
            }
        }
    }

    #[test]
    fn limited_attempts_spend_nothing_and_peek_spends_nothing() {
        let mut l: RateLimiter<4> = limiter(2, 20);
        assert_eq!(l.peek(b"a", 0), Decision::Allowed { remaining: 1 });
        assert!(l.is_empty(), "a peek holds nothing");
        assert!(l.check(b"a", 0).is_allowed());
        assert!(l.check(b"a", 0).is_allowed());
        for _ in 0..100 {
            assert_eq!(l.check(b"a", 0), Decision::Limited { retry_after: 10 });
        }
        assert_eq!(l.check(b"a", 9), Decision::Limited { retry_after: 1 });
        assert_eq!(l.peek(b"a", 10), Decision::Allowed { remaining: 0 });
        assert_eq!(l.check(b"a", 10), Decision::Allowed { remaining: 0 });
        // A whole period of rest: a full bucket, and nothing to keep.
        assert_eq!(l.purge(29), 0);
        assert_eq!(l.purge(30), 1);
        assert_eq!(l.check(b"a", 30), Decision::Allowed { remaining: 1 });
        assert!(l.forget(b"a"));
        assert!(!l.forget(b"a"));
        assert_eq!(l.check(b"a", 30), Decision::Allowed { remaining: 1 });
    }

    #[test]
    fn a_full_limiter_replaces_the_key_closest_to_rest() {
        let mut l: RateLimiter<4> = limiter(3, 30);
        // "slow" is limited; three others made one attempt each, later.
        for _ in 0..3 {
            l.check(b"slow", 0);
        }
        assert!(!l.check(b"slow", 0).is_allowed());
        for (i, key) in [&b"b"[..], b"c", b"d"].iter().enumerate() {
            l.check(key, 1 + i as i64);
        }
        assert_eq!(l.len(), 4);
        // A flood of new keys: each takes the place of the freshest
        // other, never the limited one's.
        for i in 0..1_000u32 {
            assert!(l.check(&i.to_le_bytes(), 5).is_allowed());
            assert_eq!(l.len(), 4);
            assert!(!l.peek(b"slow", 5).is_allowed(), "after {i}");
        }
        // b, the oldest of the three, went first.
        assert_eq!(l.peek(b"b", 5), Decision::Allowed { remaining: 2 });
    }

    #[test]
    fn extreme_times_and_quotas_do_not_overflow() {
        let mut l: RateLimiter<2> = limiter(u32::MAX, u32::MAX);
        for now in [i64::MIN, -1, 0, i64::MAX] {
            assert!(l.check(b"x", now).is_allowed());
            assert!(l.peek(b"x", now).is_allowed());
        }
        let mut l: RateLimiter<2> = limiter(1, u32::MAX);
        let far = 9_000_000_000_000; // 285,000 years from now
        assert!(l.check(b"x", far).is_allowed());
        assert!(!l.check(b"x", far).is_allowed());
        assert!(l.check(b"y", i64::MIN).is_allowed());
        assert!(!l.check(b"y", i64::MIN).is_allowed());
    }

    #[test]
    fn memory_is_what_the_documentation_says() {
        let size = size_of::<RateLimiter<1024>>();
        assert!(size <= 1024 * 36 + 64, "{size} bytes");
    }
}
