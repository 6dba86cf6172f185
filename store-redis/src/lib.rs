//! Sessions and JWT revocations shared by many server processes through
//! Redis, so that a logout on one server is refused by every other at
//! once.
//!
//! The bytes come from the core ([`jeton::session::shared`]): keys (a
//! prefix and the base64url SHA-256 of the ID or `jti`, never the raw
//! ID), versioned records, and the decisions (expired or not, the capped
//! sliding expiry of a touch, how long a revocation is kept). A C server
//! on hiredis that uses the same functions through the C ABI shares the
//! same store; `docs/shared-state.md` describes the format for any other
//! language.
//!
//! Two traits say what a server needs, and each has an in-process and a
//! Redis implementation, so a server picks the backend by configuration:
//!
//! | trait                 | in process                | Redis                 |
//! |-----------------------|---------------------------|-----------------------|
//! | [`SessionBackend<U>`] | [`LocalSessions<U, N>`]   | [`RedisSessions<U>`]  |
//! | [`RevocationBackend`] | [`LocalRevocations<N>`]   | [`RedisRevocations`]  |
//!
//! A [`RevocationBackend`] is a [`jeton::jwt::Revocation`]: JWT
//! verification consults it the way it consults the in-process list.
//!
//! **Failing closed.** When Redis is unreachable, slower than its
//! timeout, or answers something unexpected, every call fails with
//! [`Error::StoreUnavailable`] (a record it cannot read with
//! [`Error::StoreRecordInvalid`]): a lookup or a revocation check never
//! admits without an answer, and a logout that could not reach Redis
//! says so.
//!
//! ```no_run
//! use std::time::Duration;
//! use jeton_redis::{RedisPool, RedisSessions, SessionBackend, SessionData};
//!
//! #[derive(Clone, Copy, Debug)]
//! struct User(u32);
//!
//! impl SessionData for User {
//!     fn encode(&self, user: &mut Vec<u8>, _data: &mut Vec<u8>) {
//!         user.extend_from_slice(self.0.to_string().as_bytes());
//!     }
//!     fn decode(user: &[u8], _data: &[u8]) -> Result<Self, jeton::Error> {
//!         let text = std::str::from_utf8(user).map_err(|_| jeton::Error::StoreRecordInvalid)?;
//!         text.parse().map(User).map_err(|_| jeton::Error::StoreRecordInvalid)
//!     }
//! }
//!
//! let pool = RedisPool::new("redis://127.0.0.1:6379/", Default::default())?;
//! let sessions: RedisSessions<User> = RedisSessions::new(pool, 1800).with_absolute_lifetime(8 * 3600);
//! let id = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6kAbCdEfGhIjI";
//! sessions.create(id, User(42), 1_700_000_000)?;
//! assert_eq!(sessions.touch(id, 1_700_000_100)?.user.0, 42);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod local;
mod pool;
mod revocations;
mod sessions;

pub use jeton::Error;
pub use jeton::session::{Revoked, Session};
pub use local::{LocalRevocations, LocalSessions};
pub use pool::{PoolOptions, RedisPool};
pub use revocations::RedisRevocations;
pub use sessions::RedisSessions;

/// Where a server keeps its sessions: created at login, touched on every
/// request, rotated when the user's privileges change, revoked at logout.
///
/// The semantics are those of [`jeton::session::SessionStore`]: sliding
/// expiry within an absolute lifetime, a live session never overwritten
/// ([`Error::SessionExists`]), an expired one replaced, a failed call
/// changes nothing. Methods take `&self`: an implementation is shared by
/// every thread of a server.
pub trait SessionBackend<U>: Send + Sync {
    /// Opens a session for `id` holding `user`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionIdMalformed`] when `id` is not of the shape jeton
    /// makes (`is_well_formed_id`); [`Error::SessionExists`] when a live
    /// session has this ID,
    /// [`Error::SessionStoreFull`] (in process), the store's own errors.
    fn create(&self, id: &[u8], user: U, now: i64) -> Result<Session<U>, Error>;

    /// The live session of `id`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], [`Error::SessionExpired`], the store's
    /// own errors.
    fn lookup(&self, id: &[u8], now: i64) -> Result<Session<U>, Error>;

    /// Extends the live session of `id` to its idle time from `now`,
    /// within its absolute lifetime, and returns it.
    ///
    /// # Errors
    ///
    /// As [`SessionBackend::lookup`].
    fn touch(&self, id: &[u8], now: i64) -> Result<Session<U>, Error>;

    /// Moves the live session of `old_id` to `new_id`, record and times
    /// unchanged, atomically: no request sees both IDs, or neither.
    ///
    /// # Errors
    ///
    /// [`Error::SessionIdMalformed`] for a `new_id` not of jeton's shape;
    /// as [`SessionBackend::lookup`] for `old_id`; [`Error::SessionExists`]
    /// when `new_id` names a live session.
    fn rotate(&self, old_id: &[u8], new_id: &[u8], now: i64) -> Result<Session<U>, Error>;

    /// [`SessionBackend::rotate`] giving the session a new record; its
    /// creation time and expiry restart at `now`.
    ///
    /// # Errors
    ///
    /// As [`SessionBackend::rotate`].
    fn rotate_with(
        &self,
        old_id: &[u8],
        new_id: &[u8],
        user: U,
        now: i64,
    ) -> Result<Session<U>, Error>;

    /// Ends the session of `id` at once, expired or not.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], the store's own errors.
    fn revoke(&self, id: &[u8]) -> Result<(), Error>;
}

/// Where a server keeps revoked JWT IDs. JWT verification consults it as
/// a [`jeton::jwt::Revocation`] (`Validation::revocation`).
pub trait RevocationBackend: jeton::jwt::Revocation + Send + Sync {
    /// Revokes the token with this `jti` until its `exp` (plus the
    /// backend's leeway); revoking again keeps the later `exp`. A token
    /// already expired past the leeway needs no entry: nothing is written
    /// ([`Revoked::AlreadyLapsed`]).
    ///
    /// # Errors
    ///
    /// [`Error::RevocationListFull`] (in process), the store's own errors.
    fn revoke(&self, jti: &[u8], exp: i64, now: i64) -> Result<Revoked, Error>;

    /// Whether `jti` is revoked at `now` (the plain-bytes form of
    /// [`jeton::jwt::Revocation::is_revoked`]).
    ///
    /// # Errors
    ///
    /// The store's own errors: the answer is unknown.
    fn contains(&self, jti: &[u8], now: i64) -> Result<bool, Error>;
}

/// How a session's record `U` travels in a shared record: a user ID and
/// data bytes ([`jeton::session::shared::SessionRecord`]).
pub trait SessionData: Sized {
    /// Appends the user ID (at most 255 bytes) to `user` and the rest (at
    /// most 65535 bytes) to `data`.
    fn encode(&self, user: &mut Vec<u8>, data: &mut Vec<u8>);

    /// The record back from what [`SessionData::encode`] wrote.
    ///
    /// # Errors
    ///
    /// [`Error::StoreRecordInvalid`] for bytes that are not such a record
    /// (the request is refused, not admitted).
    fn decode(user: &[u8], data: &[u8]) -> Result<Self, Error>;
}
