//! Connections to Redis: a pool of exclusive, blocking connections, each
//! with a connect timeout and a read and write timeout, and a checkout
//! timeout on the pool.
//!
//! Exclusive connections (r2d2), not one multiplexed connection: an
//! optimistic transaction (`WATCH` ... `MULTI`/`EXEC`) holds its
//! connection from the `WATCH` to the `EXEC`, and a multiplexed connection
//! would let another request's commands in between. Blocking, because the
//! callers are synchronous (JWT verification's revocation check is a plain
//! function call) and no async runtime is needed for it.
//!
//! A connection that failed in any way (a timeout leaves a reply in
//! flight that the next command would read as its own) is never used
//! again. An I/O failure also retires every connection opened before it:
//! after Redis restarts, no request spends its time on a dead socket.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jeton::Error;
use redis::{ConnectionLike, RedisError, RedisResult};

/// Timeouts and size of a [`RedisPool`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_connections: u32,
    /// Longest wait for a TCP connection and its handshake.
    pub connect_timeout: Duration,
    /// Longest wait for one command's reply (and to send it).
    pub command_timeout: Duration,
    /// Longest wait for a connection from the pool, including opening one.
    pub checkout_timeout: Duration,
}

impl Default for PoolOptions {
    /// 16 connections; 500 ms to connect, 500 ms per command, 1 s to get
    /// a connection: a request that Redis cannot serve is refused within
    /// about a second.
    fn default() -> Self {
        PoolOptions {
            max_connections: 16,
            connect_timeout: Duration::from_millis(500),
            command_timeout: Duration::from_millis(500),
            checkout_timeout: Duration::from_secs(1),
        }
    }
}

/// A pooled connection, with what decides whether it may be used again.
pub(crate) struct Conn {
    inner: redis::Connection,
    /// The pool's generation when it was opened.
    generation: u64,
    /// A command on it failed: never use it again.
    broken: bool,
}

#[derive(Debug)]
struct Manager {
    client: redis::Client,
    options: PoolOptions,
    /// Bumped at every I/O failure: connections of an older generation
    /// are retired at their next checkout.
    generation: Arc<AtomicU64>,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = RedisError;

    fn connect(&self) -> RedisResult<Conn> {
        let generation = self.generation.load(Ordering::SeqCst);
        let inner = self
            .client
            .get_connection_with_timeout(self.options.connect_timeout)?;
        inner.set_read_timeout(Some(self.options.command_timeout))?;
        inner.set_write_timeout(Some(self.options.command_timeout))?;
        Ok(Conn {
            inner,
            generation,
            broken: false,
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> RedisResult<()> {
        redis::cmd("PING").query::<()>(&mut conn.inner)
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.broken
            || !conn.inner.is_open()
            || conn.generation != self.generation.load(Ordering::SeqCst)
    }
}

/// A pool of connections to one Redis server, shared (cheaply cloned) by
/// the session and revocation backends of a server.
#[derive(Clone)]
pub struct RedisPool {
    pool: r2d2::Pool<Manager>,
    generation: Arc<AtomicU64>,
    last_error: Arc<Mutex<Option<String>>>,
}

impl std::fmt::Debug for RedisPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisPool")
            .field("state", &self.pool.state())
            .finish_non_exhaustive()
    }
}

impl RedisPool {
    /// A pool for the server at `url` (`redis://[user:password@]host:port/[db]`).
    /// No connection is opened yet: a server starts while Redis is down,
    /// and its requests are refused until Redis answers.
    ///
    /// # Errors
    ///
    /// The client's error for a URL it cannot use.
    pub fn new(url: &str, options: PoolOptions) -> RedisResult<RedisPool> {
        let client = redis::Client::open(url)?;
        let generation = Arc::new(AtomicU64::new(0));
        let manager = Manager {
            client,
            options,
            generation: Arc::clone(&generation),
        };
        let pool = r2d2::Pool::builder()
            .max_size(options.max_connections.max(1))
            .min_idle(Some(0))
            // A PING per checkout would double every request's round
            // trips: failed connections are retired instead (above).
            .test_on_check_out(false)
            .connection_timeout(options.checkout_timeout)
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        Ok(RedisPool {
            pool,
            generation,
            last_error: Arc::new(Mutex::new(None)),
        })
    }

    /// The last failure to reach Redis or to get an answer from it, in
    /// words (for logs: callers only see [`Error::StoreUnavailable`]).
    pub fn last_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn note(&self, what: String) {
        *self
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(what);
    }

    /// Runs `f` on a connection. `f` answers the client's result (its
    /// failure means the store could not answer) holding jeton's decision.
    /// `idempotent`: `f` only reads, so a failure on a connection that
    /// turns out dead is retried once on a fresh one.
    ///
    /// # Errors
    ///
    /// [`Error::StoreUnavailable`] when no connection could be had or `f`'s
    /// commands failed; otherwise `f`'s own decision.
    pub(crate) fn run<T>(
        &self,
        idempotent: bool,
        mut f: impl FnMut(&mut redis::Connection) -> RedisResult<Result<T, Error>>,
    ) -> Result<T, Error> {
        let attempts = if idempotent { 2 } else { 1 };
        let mut outcome = Err(Error::StoreUnavailable);
        for _ in 0..attempts {
            let mut conn = self.checkout()?;
            match f(&mut conn.inner) {
                Ok(decision) => return decision,
                Err(e) => {
                    conn.broken = true;
                    let io = e.is_io_error()
                        || e.is_timeout()
                        || e.is_connection_dropped()
                        || e.is_connection_refusal();
                    self.note(format!("redis: {e}"));
                    if !io {
                        return Err(Error::StoreUnavailable);
                    }
                    self.generation.fetch_add(1, Ordering::SeqCst);
                    outcome = Err(Error::StoreUnavailable);
                }
            }
        }
        outcome
    }

    /// A connection of the current generation (older ones are dropped on
    /// the way).
    fn checkout(&self) -> Result<r2d2::PooledConnection<Manager>, Error> {
        for _ in 0..=self.pool.max_size() {
            let mut conn = self.pool.get().map_err(|e| {
                self.note(format!("redis: no connection: {e}"));
                Error::StoreUnavailable
            })?;
            if conn.generation == self.generation.load(Ordering::SeqCst) {
                return Ok(conn);
            }
            conn.broken = true;
        }
        Err(Error::StoreUnavailable)
    }
}

/// A reply that is not what the command answers: the store is not one
/// jeton can trust (a proxy, another program's key), so the call fails
/// closed.
pub(crate) fn unexpected<T>(what: &str, reply: &redis::Value) -> RedisResult<Result<T, Error>> {
    // Reported as the client's own error so the connection is retired.
    Err(RedisError::from((
        redis::ErrorKind::UnexpectedReturnType,
        "unexpected reply",
        format!("{what}: {reply:?}"),
    )))
}
