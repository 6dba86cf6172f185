//! The fixed-capacity server-side session store.

use heapless::index_map::FnvIndexMap;

use super::fingerprint;
use crate::Error;

/// A session as the store hands it out: the caller's record and its times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Session<U> {
    /// The caller's record (a user ID, roles...).
    pub user: U,
    /// When the session was created, Unix seconds.
    pub created: i64,
    /// When it expires unless touched, Unix seconds.
    pub expires: i64,
}

/// Up to `N` sessions (`N` a power of two), each a small `Copy` record `U`
/// with an expiry, keyed by the SHA-256 of the session ID.
///
/// Sessions last `ttl` seconds from their last [`SessionStore::touch`]
/// (sliding expiry), and never more than the absolute lifetime if one is
/// set. When the store is full, [`SessionStore::create`] drops expired
/// sessions to make room and otherwise refuses with
/// [`Error::SessionStoreFull`]: a live session is never evicted. Every
/// failed call leaves the store exactly as it was.
///
/// ```
/// use jeton::{Error, session::SessionStore};
///
/// let mut store: SessionStore<u32, 8> = SessionStore::new(1800);
/// let id = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k";
/// store.create(id, 42, 1_000)?;
/// assert_eq!(store.lookup(id, 1_100)?.user, 42);
/// store.touch(id, 2_000)?;                       // slides to 3_800
/// assert_eq!(store.lookup(id, 3_700)?.expires, 3_800);
/// store.revoke(id)?;                             // logout: gone at once
/// assert_eq!(store.lookup(id, 3_700).err(), Some(Error::SessionNotFound));
/// # Ok::<(), jeton::Error>(())
/// ```
pub struct SessionStore<U: Copy, const N: usize> {
    sessions: FnvIndexMap<[u8; 32], Session<U>, N>,
    ttl: i64,
    absolute: Option<i64>,
}

impl<U: Copy, const N: usize> core::fmt::Debug for SessionStore<U, N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SessionStore")
            .field("sessions", &self.sessions.len())
            .field("capacity", &N)
            .field("ttl", &self.ttl)
            .field("absolute", &self.absolute)
            .finish()
    }
}

impl<U: Copy, const N: usize> SessionStore<U, N> {
    /// An empty store whose sessions last `ttl_seconds` after their last
    /// touch.
    pub fn new(ttl_seconds: u64) -> Self {
        SessionStore {
            sessions: FnvIndexMap::new(),
            ttl: i64::try_from(ttl_seconds).unwrap_or(i64::MAX),
            absolute: None,
        }
    }

    /// Caps every session at `seconds` after its creation, however often
    /// it is touched.
    pub fn with_absolute_lifetime(mut self, seconds: u64) -> Self {
        self.absolute = Some(i64::try_from(seconds).unwrap_or(i64::MAX));
        self
    }

    /// Sessions held, expired ones included until purged.
    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    /// `true` when no session is held.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    /// The most sessions the store holds.
    pub const fn capacity(&self) -> usize {
        N
    }

    fn expiry(&self, created: i64, now: i64) -> i64 {
        expiry(self.ttl, self.absolute, created, now)
    }

    /// Opens a session for `id` (ideally from
    /// [`generate_id`](super::generate_id)) holding `user`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionExists`] when a live session has this ID;
    /// [`Error::SessionStoreFull`] when every slot holds a live session.
    /// Expired sessions are dropped to make room (or when one had this ID).
    pub fn create(&mut self, id: &[u8], user: U, now: i64) -> Result<Session<U>, Error> {
        let key = fingerprint(id);
        match self.sessions.get(&key) {
            Some(s) if s.expires > now => return Err(Error::SessionExists),
            Some(_) => {
                self.sessions.swap_remove(&key);
            }
            None => {}
        }
        if self.sessions.len() >= N {
            if !self.sessions.values().any(|s| s.expires <= now) {
                return Err(Error::SessionStoreFull);
            }
            self.purge_expired(now);
        }
        let session = Session {
            user,
            created: now,
            expires: self.expiry(now, now),
        };
        self.sessions
            .insert(key, session)
            .map_err(|_| Error::SessionStoreFull)?;
        Ok(session)
    }

    /// The live session of `id`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], or [`Error::SessionExpired`] (it stays
    /// until purged or replaced).
    pub fn lookup(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.live(&fingerprint(id), now)
    }

    /// [`SessionStore::lookup`] by the ID's fingerprint (each operation
    /// hashes an ID once).
    fn live(&self, key: &[u8; 32], now: i64) -> Result<Session<U>, Error> {
        let session = *self.sessions.get(key).ok_or(Error::SessionNotFound)?;
        if session.expires <= now {
            return Err(Error::SessionExpired);
        }
        Ok(session)
    }

    /// Extends the live session of `id` to `ttl` seconds from `now` (within
    /// the absolute lifetime) and returns it.
    ///
    /// # Errors
    ///
    /// As [`SessionStore::lookup`].
    pub fn touch(&mut self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        let (ttl, absolute) = (self.ttl, self.absolute);
        // One lookup: the session is checked and extended where it lies.
        let slot = self
            .sessions
            .get_mut(&fingerprint(id))
            .ok_or(Error::SessionNotFound)?;
        if slot.expires <= now {
            return Err(Error::SessionExpired);
        }
        slot.expires = expiry(ttl, absolute, slot.created, now);
        Ok(*slot)
    }

    /// Moves the live session of `old_id` to `new_id` (after a login, so
    /// that an ID an attacker planted before it is worthless: session
    /// fixation). The record, creation time and expiry move with it.
    ///
    /// # Errors
    ///
    /// As [`SessionStore::lookup`] for `old_id`; [`Error::SessionExists`]
    /// when `new_id` names a live session.
    pub fn rotate(&mut self, old_id: &[u8], new_id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.rotate_keys(&fingerprint(old_id), fingerprint(new_id), now, |s| s)
    }

    /// [`SessionStore::rotate`] by fingerprints; `renew` makes the session
    /// the new ID gets from the old one.
    fn rotate_keys(
        &mut self,
        old_key: &[u8; 32],
        new_key: [u8; 32],
        now: i64,
        renew: impl FnOnce(Session<U>) -> Session<U>,
    ) -> Result<Session<U>, Error> {
        let session = renew(self.live(old_key, now)?);
        if let Some(existing) = self.sessions.get(&new_key)
            && existing.expires > now
        {
            return Err(Error::SessionExists);
        }
        // Remove first: the move never needs a free slot.
        self.sessions.swap_remove(old_key);
        self.sessions.swap_remove(&new_key);
        self.sessions
            .insert(new_key, session)
            .map_err(|_| Error::SessionStoreFull)?;
        Ok(session)
    }

    /// [`SessionStore::rotate`], giving the session a new record on the
    /// way (a login that upgrades an anonymous session to a user's). The
    /// creation time restarts at `now`, and so does the expiry.
    ///
    /// # Errors
    ///
    /// As [`SessionStore::rotate`].
    ///
    /// ```
    /// use jeton::session::SessionStore;
    /// let mut store: SessionStore<Option<u32>, 4> = SessionStore::new(600);
    /// store.create(b"anonymous-visitor-id-01", None, 0)?;
    /// let s = store.rotate_with(b"anonymous-visitor-id-01", b"logged-in-session-id-02", Some(7), 100)?;
    /// assert_eq!((s.user, s.created, s.expires), (Some(7), 100, 700));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn rotate_with(
        &mut self,
        old_id: &[u8],
        new_id: &[u8],
        user: U,
        now: i64,
    ) -> Result<Session<U>, Error> {
        let session = Session {
            user,
            created: now,
            expires: self.expiry(now, now),
        };
        self.rotate_keys(&fingerprint(old_id), fingerprint(new_id), now, |_| session)
    }

    /// Ends the session of `id` at once (logout), expired or not.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`].
    pub fn revoke(&mut self, id: &[u8]) -> Result<(), Error> {
        self.sessions
            .swap_remove(&fingerprint(id))
            .map(|_| ())
            .ok_or(Error::SessionNotFound)
    }

    /// Ends every session whose record matches (say, every session of a
    /// user whose password changed); returns how many.
    ///
    /// ```
    /// use jeton::session::SessionStore;
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(60);
    /// store.create(b"first-session-id-0000", 7, 0)?;
    /// store.create(b"second-session-id-000", 7, 0)?;
    /// store.create(b"third-session-id-0000", 8, 0)?;
    /// assert_eq!(store.revoke_where(|user| *user == 7), 2);
    /// assert_eq!(store.len(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn revoke_where(&mut self, mut matches: impl FnMut(&U) -> bool) -> usize {
        let before = self.sessions.len();
        self.sessions.retain(|_, s| !matches(&s.user));
        before - self.sessions.len()
    }

    /// Drops every expired session; returns how many.
    pub fn purge_expired(&mut self, now: i64) -> usize {
        let before = self.sessions.len();
        self.sessions.retain(|_, s| s.expires > now);
        before - self.sessions.len()
    }

    /// The sessions held, in no particular order (their IDs are not kept).
    pub fn sessions(&self) -> impl Iterator<Item = &Session<U>> + '_ {
        self.sessions.values()
    }
}

/// A session's expiry when touched at `now`: `ttl` from now, within the
/// absolute lifetime from `created` if there is one.
fn expiry(ttl: i64, absolute: Option<i64>, created: i64, now: i64) -> i64 {
    let sliding = now.saturating_add(ttl);
    match absolute {
        Some(limit) => sliding.min(created.saturating_add(limit)),
        None => sliding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_store_refuses_without_evicting_live_sessions() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(10);
        store.create(b"a-session-id-000000001", 1, 0).unwrap();
        store.create(b"a-session-id-000000002", 2, 5).unwrap();
        assert_eq!(
            store.create(b"a-session-id-000000003", 3, 9),
            Err(Error::SessionStoreFull)
        );
        assert_eq!(store.len(), 2);
        // At 10 the first has expired: it makes room.
        assert_eq!(
            store
                .create(b"a-session-id-000000003", 3, 10)
                .map(|s| s.user),
            Ok(3)
        );
        assert_eq!(
            store.lookup(b"a-session-id-000000001", 10),
            Err(Error::SessionNotFound)
        );
        assert_eq!(
            store.lookup(b"a-session-id-000000002", 10).map(|s| s.user),
            Ok(2)
        );
    }

    #[test]
    fn absolute_lifetime_caps_touches() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(100).with_absolute_lifetime(150);
        store.create(b"id-0000000000000000001", 1, 0).unwrap();
        assert_eq!(
            store
                .touch(b"id-0000000000000000001", 90)
                .map(|s| s.expires),
            Ok(150)
        );
        assert_eq!(
            store.lookup(b"id-0000000000000000001", 150),
            Err(Error::SessionExpired)
        );
        assert_eq!(
            store.touch(b"id-0000000000000000001", 150),
            Err(Error::SessionExpired)
        );
    }

    #[test]
    fn rotation_moves_the_session() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(100);
        store.create(b"before-login-id-000001", 1, 0).unwrap();
        store.create(b"someone-else-id-000002", 2, 0).unwrap();
        assert_eq!(
            store.rotate(b"before-login-id-000001", b"someone-else-id-000002", 1),
            Err(Error::SessionExists)
        );
        assert!(
            store
                .rotate(b"before-login-id-000001", b"after-login-id-0000003", 1)
                .is_ok()
        );
        assert_eq!(
            store.lookup(b"before-login-id-000001", 2),
            Err(Error::SessionNotFound)
        );
        assert_eq!(
            store.lookup(b"after-login-id-0000003", 2).map(|s| s.user),
            Ok(1)
        );
    }
}
