//! Sessions in Redis: one string key per session, holding a
//! [`SessionRecord`], expiring (Redis `EXAT`) with the session's sliding
//! expiry.
//!
//! | operation     | commands                                                       |
//! |---------------|----------------------------------------------------------------|
//! | create        | `SET k rec NX EXAT t`; only if that finds an expired record: `WATCH k`, `GET k`, `MULTI SET k rec EXAT t EXEC` |
//! | lookup        | `GET k`                                                        |
//! | touch         | `GET k`, then `SET k rec' XX EXAT t'` (a session revoked or rotated in between is not brought back) |
//! | rotate        | `WATCH old new`, `GET old`, `GET new`, `MULTI DEL old SET new rec EXAT t EXEC` |
//! | revoke        | `DEL k`                                                        |
//!
//! Every judgement (expired, live, the touched expiry) is the core's, on
//! the caller's clock; Redis's own expiry only removes what the records
//! already say is over. A transaction that lost to a concurrent change
//! (`EXEC` answers nil) is read and judged again, a bounded number of
//! times ([`Error::StoreConflict`] after that).

use std::marker::PhantomData;

use jeton::Error;
use jeton::session::Session;
use jeton::session::shared::{self, KEY_HASH_LEN, SessionRecord};
use redis::{Connection, RedisResult, Value};

use crate::pool::{RedisPool, unexpected};
use crate::{SessionBackend, SessionData};

/// Times an optimistic transaction is tried before
/// [`Error::StoreConflict`].
const DEFAULT_RETRIES: u32 = 16;

/// Sessions whose record is `U` ([`SessionData`]), kept in Redis (the
/// module table lists the commands). One value serves every thread of a
/// server (it is `Sync`; its pool hands each call a connection).
pub struct RedisSessions<U> {
    pool: RedisPool,
    prefix: Vec<u8>,
    idle: i64,
    lifetime: Option<i64>,
    retries: u32,
    _record: PhantomData<fn() -> U>,
}

impl<U> std::fmt::Debug for RedisSessions<U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisSessions")
            .field("pool", &self.pool)
            .field("prefix", &String::from_utf8_lossy(&self.prefix))
            .field("idle", &self.idle)
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// A session is opened only under an ID of the shape jeton makes, as
/// [`jeton::session::SessionStore`] does.
fn well_formed(id: &[u8]) -> Result<(), Error> {
    if jeton::session::is_well_formed_id(id) {
        Ok(())
    } else {
        Err(Error::SessionIdMalformed)
    }
}

fn seconds(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

impl<U> RedisSessions<U> {
    /// Sessions that last `idle_seconds` after their last touch, under the
    /// prefix [`shared::DEFAULT_SESSION_PREFIX`].
    pub fn new(pool: RedisPool, idle_seconds: u64) -> Self {
        RedisSessions {
            pool,
            prefix: shared::DEFAULT_SESSION_PREFIX.to_vec(),
            idle: seconds(idle_seconds),
            lifetime: None,
            retries: DEFAULT_RETRIES,
            _record: PhantomData,
        }
    }

    /// Caps every session created from now on at `seconds` after its
    /// creation (the record carries its absolute expiry: a server with
    /// another setting honours it).
    pub fn with_absolute_lifetime(mut self, seconds: u64) -> Self {
        self.lifetime = Some(self::seconds(seconds));
        self
    }

    /// Keys start with `prefix` (one per application sharing a Redis).
    pub fn with_prefix(mut self, prefix: &[u8]) -> Self {
        self.prefix = prefix.to_vec();
        self
    }

    /// The pool.
    pub fn pool(&self) -> &RedisPool {
        &self.pool
    }

    /// The Redis key of session `id`.
    pub fn key(&self, id: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; self.prefix.len() + KEY_HASH_LEN];
        // The buffer is exactly the key's length.
        let n = shared::key(&self.prefix, id, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    }
}

/// The encoded record of `user`, opened at `now`, with its creation and
/// expiry.
fn record_bytes<U: SessionData>(
    user: &U,
    now: i64,
    idle: i64,
    lifetime: Option<i64>,
) -> Result<(Vec<u8>, i64, i64), Error> {
    let (mut id, mut data) = (Vec::new(), Vec::new());
    user.encode(&mut id, &mut data);
    let record = SessionRecord::open(&id, &data, now, idle, lifetime);
    Ok((encode(&record)?, record.created, record.expires))
}

fn encode(record: &SessionRecord<'_>) -> Result<Vec<u8>, Error> {
    let mut bytes = vec![0u8; record.encoded_len()];
    let n = record.encode(&mut bytes)?;
    bytes.truncate(n);
    Ok(bytes)
}

fn session<U: SessionData>(record: &SessionRecord<'_>) -> Result<Session<U>, Error> {
    Ok(Session {
        user: U::decode(record.user, record.data)?,
        created: record.created,
        expires: record.expires,
    })
}

/// A `GET`'s reply: the value, or none.
pub(crate) fn value_of(reply: Value) -> RedisResult<Result<Option<Vec<u8>>, Error>> {
    match reply {
        Value::Nil => Ok(Ok(None)),
        Value::BulkString(bytes) => Ok(Ok(Some(bytes))),
        other => unexpected("GET", &other),
    }
}

/// `SET ... NX|XX`'s reply: whether it was set.
pub(crate) fn was_set(reply: Value) -> RedisResult<Result<bool, Error>> {
    match reply {
        Value::Okay => Ok(Ok(true)),
        Value::Nil => Ok(Ok(false)),
        other => unexpected("SET", &other),
    }
}

/// What a judged read leads to, inside an optimistic transaction.
pub(crate) enum Step<T> {
    /// Nothing to write: the answer (the watch is released).
    Done(Result<T, Error>),
    /// Write these commands in `MULTI`/`EXEC`; the answer if they run.
    Write(redis::Pipeline, T),
}

/// The values of watched keys (`None`: no such key).
pub(crate) type Values = [Option<Vec<u8>>];

/// `WATCH keys`, `GET` each, `decide`, and write what it says in one
/// `MULTI`/`EXEC`, again from the read while another client changed a
/// key in between, at most `retries` times.
pub(crate) fn watched<T>(
    conn: &mut Connection,
    keys: &[&[u8]],
    retries: u32,
    decide: &mut dyn FnMut(&Values) -> Step<T>,
) -> RedisResult<Result<T, Error>> {
    for _ in 0..retries.max(1) {
        let mut read = redis::pipe();
        read.cmd("WATCH").arg(keys).ignore();
        for key in keys {
            read.cmd("GET").arg(*key);
        }
        let replies: Vec<Value> = read.query(conn)?;
        if replies.len() != keys.len() {
            return unexpected("WATCH/GET", &Value::Array(replies));
        }
        let mut values = Vec::with_capacity(keys.len());
        for reply in replies {
            match value_of(reply)? {
                Ok(value) => values.push(value),
                Err(e) => return Ok(Err(e)),
            }
        }
        match decide(&values) {
            Step::Done(answer) => {
                redis::cmd("UNWATCH").query::<()>(conn)?;
                return Ok(answer);
            }
            Step::Write(mut write, answer) => match write.atomic().query::<Value>(conn)? {
                Value::Nil => continue,
                Value::Array(_) => return Ok(Ok(answer)),
                other => return unexpected("EXEC", &other),
            },
        }
    }
    Ok(Err(Error::StoreConflict))
}

/// The live record in `value`, or why there is none.
fn live(value: Option<&Vec<u8>>, now: i64) -> Result<SessionRecord<'_>, Error> {
    let record = SessionRecord::decode(value.ok_or(Error::SessionNotFound)?)?;
    if record.is_expired(now) {
        return Err(Error::SessionExpired);
    }
    Ok(record)
}

/// `SET key bytes EXAT expiry` (in a transaction).
fn set(pipe: &mut redis::Pipeline, key: &[u8], bytes: &[u8], expires: i64) {
    pipe.cmd("SET")
        .arg(key)
        .arg(bytes)
        .arg("EXAT")
        .arg(shared::entry_expiry(expires));
}

impl<U: SessionData> RedisSessions<U> {
    fn rotate_record(
        &self,
        old_id: &[u8],
        new_id: &[u8],
        now: i64,
        renew: &dyn Fn(&SessionRecord<'_>) -> Result<Vec<u8>, Error>,
    ) -> Result<Session<U>, Error> {
        well_formed(new_id)?;
        let (old_key, new_key) = (self.key(old_id), self.key(new_id));
        self.pool.run(false, |conn| {
            watched(
                conn,
                &[&old_key, &new_key],
                self.retries,
                &mut |values: &Values| {
                    let decided = (|| {
                        let record = live(values.first().and_then(Option::as_ref), now)?;
                        match live(values.get(1).and_then(Option::as_ref), now) {
                            Ok(_) => return Err(Error::SessionExists),
                            Err(Error::SessionNotFound | Error::SessionExpired) => {}
                            Err(e) => return Err(e),
                        }
                        let bytes = renew(&record)?;
                        let moved = SessionRecord::decode(&bytes)?;
                        let (session, expires) = (session::<U>(&moved)?, moved.expires);
                        Ok((bytes, expires, session))
                    })();
                    match decided {
                        Err(e) => Step::Done(Err(e)),
                        Ok((bytes, expires, session)) => {
                            let mut write = redis::pipe();
                            write.cmd("DEL").arg(&old_key);
                            set(&mut write, &new_key, &bytes, expires);
                            Step::Write(write, session)
                        }
                    }
                },
            )
        })
    }
}

impl<U: SessionData> SessionBackend<U> for RedisSessions<U> {
    fn create(&self, id: &[u8], user: U, now: i64) -> Result<Session<U>, Error> {
        well_formed(id)?;
        let key = self.key(id);
        let (bytes, created, expires) = record_bytes(&user, now, self.idle, self.lifetime)?;
        self.pool.run(false, |conn| {
            let reply = redis::cmd("SET")
                .arg(&key)
                .arg(&bytes)
                .arg("NX")
                .arg("EXAT")
                .arg(shared::entry_expiry(expires))
                .query::<Value>(conn)?;
            match was_set(reply)? {
                Ok(true) => return Ok(Ok(())),
                Ok(false) => {}
                Err(e) => return Ok(Err(e)),
            }
            // The key is taken: by a live session, or by one that expired
            // on our clock but not yet on Redis's.
            watched(conn, &[&key], self.retries, &mut |values| match live(
                values.first().and_then(Option::as_ref),
                now,
            ) {
                Ok(_) => Step::Done(Err(Error::SessionExists)),
                Err(Error::SessionNotFound | Error::SessionExpired) => {
                    let mut write = redis::pipe();
                    set(&mut write, &key, &bytes, expires);
                    Step::Write(write, ())
                }
                Err(e) => Step::Done(Err(e)),
            })
        })?;
        Ok(Session {
            user,
            created,
            expires,
        })
    }

    fn lookup(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        let key = self.key(id);
        let value = self.pool.run(true, |conn| {
            value_of(redis::cmd("GET").arg(&key).query::<Value>(conn)?)
        })?;
        session(&live(value.as_ref(), now)?)
    }

    fn touch(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        let key = self.key(id);
        self.pool.run(false, |conn| {
            let value = match value_of(redis::cmd("GET").arg(&key).query::<Value>(conn)?)? {
                Ok(value) => value,
                Err(e) => return Ok(Err(e)),
            };
            let touched = match live(value.as_ref(), now).and_then(|r| r.touched(now, self.idle)) {
                Ok(record) => record,
                Err(e) => return Ok(Err(e)),
            };
            let (bytes, session) = match encode(&touched).and_then(|b| Ok((b, session(&touched)?)))
            {
                Ok(pair) => pair,
                Err(e) => return Ok(Err(e)),
            };
            let reply = redis::cmd("SET")
                .arg(&key)
                .arg(&bytes)
                .arg("XX")
                .arg("EXAT")
                .arg(shared::entry_expiry(touched.expires))
                .query::<Value>(conn)?;
            Ok(match was_set(reply)? {
                Ok(true) => Ok(session),
                // Revoked or rotated since the read: it stays gone.
                Ok(false) => Err(Error::SessionNotFound),
                Err(e) => Err(e),
            })
        })
    }

    fn rotate(&self, old_id: &[u8], new_id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.rotate_record(old_id, new_id, now, &|record| encode(record))
    }

    fn rotate_with(
        &self,
        old_id: &[u8],
        new_id: &[u8],
        user: U,
        now: i64,
    ) -> Result<Session<U>, Error> {
        let (bytes, _, _) = record_bytes(&user, now, self.idle, self.lifetime)?;
        self.rotate_record(old_id, new_id, now, &|_| Ok(bytes.clone()))
    }

    fn revoke(&self, id: &[u8]) -> Result<(), Error> {
        let key = self.key(id);
        self.pool.run(false, |conn| {
            match redis::cmd("DEL").arg(&key).query::<Value>(conn)? {
                Value::Int(1) => Ok(Ok(())),
                Value::Int(0) => Ok(Err(Error::SessionNotFound)),
                other => unexpected("DEL", &other),
            }
        })
    }
}
