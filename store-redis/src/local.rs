//! The in-process backends: the core's fixed-capacity store and list
//! behind a mutex.

use std::sync::{Mutex, MutexGuard, PoisonError};

use jeton::Error;
use jeton::json::JsonStr;
use jeton::jwt::Revocation;
use jeton::session::{RevocationList, Revoked, Session, SessionStore};

use crate::{RevocationBackend, SessionBackend};

/// A [`SessionStore`] of up to `N` sessions shared by the threads of one
/// process: the backend of a single server.
#[derive(Debug)]
pub struct LocalSessions<U: Copy, const N: usize> {
    store: Mutex<SessionStore<U, N>>,
}

impl<U: Copy, const N: usize> LocalSessions<U, N> {
    /// `store`, shared.
    pub fn new(store: SessionStore<U, N>) -> Self {
        LocalSessions {
            store: Mutex::new(store),
        }
    }

    /// The store itself, locked (for what the trait does not cover:
    /// `revoke_where`, `purge_expired`, `len`).
    pub fn lock(&self) -> MutexGuard<'_, SessionStore<U, N>> {
        // A panic under the lock leaves the store consistent: every
        // failed call of the store changes nothing.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<U: Copy + Send, const N: usize> SessionBackend<U> for LocalSessions<U, N> {
    fn create(&self, id: &[u8], user: U, now: i64) -> Result<Session<U>, Error> {
        self.lock().create(id, user, now)
    }

    fn lookup(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.lock().lookup(id, now)
    }

    fn touch(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.lock().touch(id, now)
    }

    fn rotate(&self, old_id: &[u8], new_id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.lock().rotate(old_id, new_id, now)
    }

    fn rotate_with(
        &self,
        old_id: &[u8],
        new_id: &[u8],
        user: U,
        now: i64,
    ) -> Result<Session<U>, Error> {
        self.lock().rotate_with(old_id, new_id, user, now)
    }

    fn revoke(&self, id: &[u8]) -> Result<(), Error> {
        self.lock().revoke(id)
    }
}

/// A [`RevocationList`] of up to `N` entries shared by the threads of one
/// process.
#[derive(Debug)]
pub struct LocalRevocations<const N: usize> {
    list: Mutex<RevocationList<N>>,
}

impl<const N: usize> LocalRevocations<N> {
    /// `list`, shared.
    pub fn new(list: RevocationList<N>) -> Self {
        LocalRevocations {
            list: Mutex::new(list),
        }
    }

    /// The list itself, locked.
    pub fn lock(&self) -> MutexGuard<'_, RevocationList<N>> {
        self.list.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<const N: usize> Revocation for LocalRevocations<N> {
    fn is_revoked(&self, jti: &JsonStr<'_>, now: i64) -> Result<bool, Error> {
        self.lock().is_revoked(jti, now)
    }

    fn kept_past_expiry(&self) -> u64 {
        self.lock().kept_past_expiry()
    }
}

impl<const N: usize> RevocationBackend for LocalRevocations<N> {
    fn revoke(&self, jti: &[u8], exp: i64, now: i64) -> Result<Revoked, Error> {
        self.lock().revoke(jti, exp, now)
    }

    fn contains(&self, jti: &[u8], now: i64) -> Result<bool, Error> {
        Ok(self.lock().contains(jti, now))
    }
}
