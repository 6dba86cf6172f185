//! The rate limiter against a model written from the token-bucket
//! definition: per key, a bucket of `burst` attempts refilled by one every
//! `period / burst` seconds, a refused attempt spending nothing; a full
//! limiter giving up the key whose bucket is (or will be) full again
//! first, ties to the smaller SHA-256.
//! Random operation sequences over more keys than places.

use std::collections::HashMap;
use std::num::NonZeroU32;

use jeton::limit::{Decision, RateLimiter};
use sha2::{Digest, Sha256};

const PLACES: usize = 8;

/// A deterministic PRNG.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Tokens per key, kept as the token bucket states them: `tokens` (in
/// milliseconds of refill, so a whole attempt is `interval`) as of `at`.
struct Model {
    burst: i64,
    interval: i64,
    buckets: HashMap<Vec<u8>, (i64, i64)>, // key -> (tokens, at), in ms
}

impl Model {
    fn new(burst: u32, period: u32) -> Model {
        let interval = (i64::from(period) * 1000 + i64::from(burst) - 1) / i64::from(burst);
        Model {
            burst: i64::from(burst),
            interval,
            buckets: HashMap::new(),
        }
    }

    fn full(&self) -> i64 {
        self.burst * self.interval
    }

    /// The tokens of `key` at `t` (a full bucket for a key not held).
    fn tokens(&self, key: &[u8], t: i64) -> i64 {
        self.buckets.get(key).map_or(self.full(), |&(tokens, at)| {
            (tokens + (t - at)).min(self.full())
        })
    }

    fn decide(&self, key: &[u8], t: i64) -> Decision {
        let tokens = self.tokens(key, t);
        if tokens >= self.interval {
            Decision::Allowed {
                remaining: u32::try_from((tokens - self.interval) / self.interval).unwrap(),
            }
        } else {
            let wait = u64::try_from(self.interval - tokens).unwrap();
            Decision::Limited {
                retry_after: wait.div_ceil(1000),
            }
        }
    }

    /// When the bucket of `key` is full again (in the past for a key at
    /// rest): a full limiter gives up the earliest first.
    fn full_again(&self, key: &[u8]) -> i64 {
        let (tokens, at) = self.buckets[key];
        at + self.full() - tokens
    }

    fn check(&mut self, key: &[u8], t: i64) -> Decision {
        let decision = self.decide(key, t);
        if decision.is_allowed() {
            let tokens = self.tokens(key, t) - self.interval;
            if !self.buckets.contains_key(key) && self.buckets.len() >= PLACES {
                let gone = self
                    .buckets
                    .keys()
                    .min_by_key(|k| (self.full_again(k), hash(k)))
                    .cloned()
                    .unwrap();
                // Keys full again first (they carry no state), then the
                // key that lacks the least.
                self.buckets.remove(&gone);
            }
            self.buckets.insert(key.to_vec(), (tokens, t));
        }
        decision
    }
}

fn hash(key: &[u8]) -> [u8; 16] {
    Sha256::digest(key)[..16].try_into().unwrap()
}

#[test]
fn rate_limiter_agrees_with_a_token_bucket_model() {
    let keys: Vec<Vec<u8>> = (0..14u8)
        .map(|i| format!("10.0.0.{i}\0user-{}", i % 3).into_bytes())
        .collect();
    let mut checks = 0;
    let mut limited = 0;
    for seed in 1..=60u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let burst = 1 + rng.below(6) as u32;
        let period = 1 + rng.below(90) as u32;
        let mut ours: RateLimiter<PLACES> = RateLimiter::new(
            NonZeroU32::new(burst).unwrap(),
            NonZeroU32::new(period).unwrap(),
        );
        let mut model = Model::new(burst, period);
        let mut now = 1_700_000_000i64;
        for step in 0..500 {
            if rng.below(3) == 0 {
                now += rng.below(u64::from(period) / 2 + 2) as i64;
            }
            let t = now * 1000;
            let key = &keys[rng.below(keys.len() as u64) as usize];
            let ctx = format!("seed {seed} step {step} burst {burst} period {period} now {now}");
            match rng.below(10) {
                0..=6 => {
                    let got = ours.check(key, now);
                    assert_eq!(got, model.check(key, t), "check {ctx}");
                    checks += 1;
                    limited += usize::from(!got.is_allowed());
                }
                7 => assert_eq!(ours.peek(key, now), model.decide(key, t), "peek {ctx}"),
                8 => assert_eq!(
                    ours.forget(key),
                    model.buckets.remove(key).is_some(),
                    "forget {ctx}"
                ),
                _ => {
                    let before = model.buckets.len();
                    model.buckets.retain(|_, &mut (tokens, at)| {
                        tokens + (t - at) < model.burst * model.interval
                    });
                    assert_eq!(ours.purge(now), before - model.buckets.len(), "purge {ctx}");
                }
            }
            assert_eq!(ours.len(), model.buckets.len(), "len {ctx}");
            assert!(ours.len() <= PLACES);
        }
    }
    // Both outcomes were exercised, many times.
    assert!(
        checks > 15_000 && limited > 1_000,
        "{checks} checks, {limited} limited"
    );
}
