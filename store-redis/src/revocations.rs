//! Revoked JWT IDs in Redis: one string key per revoked `jti`, holding a
//! [`RevocationRecord`] (the token's `exp`), expiring (Redis `EXAT`) once
//! no verifier would accept the token anyway: `exp` plus the leeway.
//!
//! | operation | commands                                                      |
//! |-----------|---------------------------------------------------------------|
//! | revoke    | `SET k rec NX EXAT t`; only when that finds an entry with an earlier `exp`: `WATCH k`, `GET k`, `MULTI SET k rec EXAT t EXEC` |
//! | check     | `GET k`                                                       |

use jeton::Error;
use jeton::json::JsonStr;
use jeton::jwt::Revocation;
use jeton::session::Revoked;
use jeton::session::shared::{
    self, KEY_HASH_LEN, REVOCATION_RECORD_LEN, RevocationRecord, is_expired, revocation_expiry,
};
use redis::Value;

use crate::RevocationBackend;
use crate::pool::RedisPool;
use crate::sessions::{Step, value_of, was_set, watched};

/// Revoked tokens kept in Redis, for every server that verifies them.
#[derive(Debug, Clone)]
pub struct RedisRevocations {
    pool: RedisPool,
    prefix: Vec<u8>,
    leeway: i64,
}

impl RedisRevocations {
    /// Revocations under the prefix [`shared::DEFAULT_REVOCATION_PREFIX`],
    /// kept until the token's `exp` (no leeway).
    pub fn new(pool: RedisPool) -> Self {
        RedisRevocations {
            pool,
            prefix: shared::DEFAULT_REVOCATION_PREFIX.to_vec(),
            leeway: 0,
        }
    }

    /// Keeps each entry `seconds` past its token's `exp`: the largest
    /// leeway of the verifiers that consult it.
    pub fn with_leeway(mut self, seconds: u64) -> Self {
        self.leeway = i64::try_from(seconds).unwrap_or(i64::MAX);
        self
    }

    /// Keys start with `prefix`.
    pub fn with_prefix(mut self, prefix: &[u8]) -> Self {
        self.prefix = prefix.to_vec();
        self
    }

    /// The pool.
    pub fn pool(&self) -> &RedisPool {
        &self.pool
    }

    /// The Redis key of the revocation of `jti`.
    pub fn key(&self, jti: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; self.prefix.len() + KEY_HASH_LEN];
        let n = shared::key(&self.prefix, jti, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    }

    fn key_of_json(&self, jti: &JsonStr<'_>) -> Vec<u8> {
        let mut out = vec![0u8; self.prefix.len() + KEY_HASH_LEN];
        let n = shared::key_of_json(&self.prefix, jti, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    }

    fn check(&self, key: &[u8], now: i64) -> Result<bool, Error> {
        let value = self.pool.run(true, |conn| {
            value_of(redis::cmd("GET").arg(key).query::<Value>(conn)?)
        })?;
        match value {
            None => Ok(false),
            Some(bytes) => Ok(RevocationRecord::decode(&bytes)?.is_revoked(now)),
        }
    }
}

impl Revocation for RedisRevocations {
    /// `GET` of the `jti`'s key; an entry revokes while its `exp` is
    /// after `now`, as in the in-process list.
    ///
    /// # Errors
    ///
    /// [`Error::StoreUnavailable`], [`Error::StoreRecordInvalid`]:
    /// verification then fails with it (closed).
    fn is_revoked(&self, jti: &JsonStr<'_>, now: i64) -> Result<bool, Error> {
        self.check(&self.key_of_json(jti), now)
    }

    /// The store's leeway ([`RedisRevocations::with_leeway`]).
    fn kept_past_expiry(&self) -> u64 {
        self.leeway.unsigned_abs()
    }
}

impl RevocationBackend for RedisRevocations {
    fn revoke(&self, jti: &[u8], exp: i64, now: i64) -> Result<Revoked, Error> {
        let until = revocation_expiry(exp, self.leeway);
        if is_expired(until, now) {
            // Every verifier that may consult the store (leeway at most
            // the store's) refuses the token as expired already.
            return Ok(Revoked::AlreadyLapsed);
        }
        let key = self.key(jti);
        let mut bytes = [0u8; REVOCATION_RECORD_LEN];
        RevocationRecord { exp }.encode(&mut bytes)?;
        let at = shared::entry_expiry(until);
        self.pool
            .run(false, |conn| {
                let reply = redis::cmd("SET")
                    .arg(&key)
                    .arg(&bytes[..])
                    .arg("NX")
                    .arg("EXAT")
                    .arg(at)
                    .query::<Value>(conn)?;
                match was_set(reply)? {
                    Ok(true) => return Ok(Ok(())),
                    Ok(false) => {}
                    Err(e) => return Ok(Err(e)),
                }
                // Revoked already: keep the later exp.
                watched(conn, &[&key], 16, &mut |values| {
                    let held = match values.first().and_then(Option::as_ref) {
                        None => None,
                        Some(held) => match RevocationRecord::decode(held) {
                            Ok(record) => Some(record),
                            Err(e) => return Step::Done(Err(e)),
                        },
                    };
                    if held.is_some_and(|h| h.exp >= exp) {
                        return Step::Done(Ok(()));
                    }
                    let mut write = redis::pipe();
                    write
                        .cmd("SET")
                        .arg(&key)
                        .arg(&bytes[..])
                        .arg("EXAT")
                        .arg(at);
                    Step::Write(write, ())
                })
            })
            .map(|()| Revoked::Recorded)
    }

    fn contains(&self, jti: &[u8], now: i64) -> Result<bool, Error> {
        self.check(&self.key(jti), now)
    }
}
