//! The fixed-capacity server-side session store.

use heapless::index_map::FnvIndexMap;

use super::shared::{absolute_expiry, is_expired, touched_expiry};
use super::{fingerprint, is_well_formed_id};
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
/// [`Error::SessionStoreFull`]: no other user's live session is ever
/// evicted. [`SessionStore::create_capped`] caps the sessions of one user,
/// pushing out that user's oldest. Every failed call leaves the store
/// exactly as it was.
///
/// A session is opened only under an ID of the shape jeton makes
/// ([`is_well_formed_id`]): an empty ID, or one a broken entropy source
/// left short, is refused with [`Error::SessionIdMalformed`].
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
    /// touch. The store is `N` slots of a fingerprint and a [`Session`]:
    /// keep a large one in a `static` or on the heap of the program that
    /// owns it, not on a small stack.
    ///
    /// ```
    /// use jeton::session::SessionStore;
    /// let mut store: SessionStore<u32, 16> = SessionStore::new(1800);
    /// let s = store.create(b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k", 42, 1_000)?;
    /// assert_eq!((s.user, s.created, s.expires), (42, 1_000, 2_800));
    /// assert_eq!((store.len(), store.capacity()), (1, 16));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn new(ttl_seconds: u64) -> Self {
        SessionStore {
            sessions: FnvIndexMap::new(),
            ttl: i64::try_from(ttl_seconds).unwrap_or(i64::MAX),
            absolute: None,
        }
    }

    /// Caps every session at `seconds` after its creation, however often
    /// it is touched.
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// // 30 minutes idle, 50 minutes at most.
    /// let mut store: SessionStore<u32, 8> = SessionStore::new(1_800).with_absolute_lifetime(3_000);
    /// let id = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k";
    /// assert_eq!(store.create(id, 42, 0)?.expires, 1_800);
    /// assert_eq!(store.touch(id, 1_500)?.expires, 3_000); // not 3_300
    /// assert_eq!(store.touch(id, 3_000).err(), Some(Error::SessionExpired));
    /// # Ok::<(), jeton::Error>(())
    /// ```
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

    /// The most sessions the store holds: `N`.
    pub const fn capacity(&self) -> usize {
        N
    }

    fn expiry(&self, created: i64, now: i64) -> i64 {
        expiry(self.ttl, self.absolute, created, now)
    }

    /// Opens a session for `id` (from [`generate_id`](super::generate_id))
    /// holding `user`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionIdMalformed`] when `id` is not of the shape jeton
    /// makes ([`is_well_formed_id`]); [`Error::SessionExists`] when a live
    /// session has this ID; [`Error::SessionStoreFull`] when every slot
    /// holds a live session. Expired sessions are dropped to make room (or
    /// when one had this ID).
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// let mut store: SessionStore<u32, 2> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 1, 0)?;
    /// assert_eq!(store.create(b"session-id-one-AAAAAAA", 9, 0).err(), Some(Error::SessionExists));
    /// store.create(b"session-id-two-AAAAAAA", 2, 100)?;
    /// assert_eq!(store.create(b"session-id-three-AAAAA", 3, 100).err(), Some(Error::SessionStoreFull));
    /// // At 600 the first session has expired: its slot is taken.
    /// store.create(b"session-id-three-AAAAA", 3, 600)?;
    /// assert_eq!(store.lookup(b"session-id-one-AAAAAAA", 600).err(), Some(Error::SessionNotFound));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn create(&mut self, id: &[u8], user: U, now: i64) -> Result<Session<U>, Error> {
        self.create_capped(id, user, now, usize::MAX, |_| false, |_| {})
    }

    /// [`SessionStore::create`], holding each user to `max_per_user` live
    /// sessions: when the user (the sessions whose record `same_user`
    /// picks) holds that many already, the oldest go (earliest `created`,
    /// then earliest expiry, then smallest SHA-256 of the ID) until the new
    /// one fits, and each is handed to
    /// `evicted`, oldest first, so that the caller can end what hangs on
    /// it (the token issued with it). Another user's live session is never
    /// evicted. Nothing changes before every check passed: a refused call
    /// evicts nothing.
    ///
    /// # Errors
    ///
    /// As [`SessionStore::create`]; [`Error::CapacityExceeded`] when
    /// `max_per_user` is 0.
    ///
    /// ```
    /// use jeton::session::SessionStore;
    ///
    /// let mut store: SessionStore<u32, 8> = SessionStore::new(600);
    /// let ids: [&[u8]; 3] = [b"first-login-of-user-7Q", b"second-login-of-user-A", b"third-login-of-user-7Q"];
    /// let mut gone = None;
    /// for (i, id) in ids.iter().enumerate() {
    ///     store.create_capped(id, 7, i as i64, 2, |u| *u == 7, |s| gone = Some(s.created))?;
    /// }
    /// assert_eq!(gone, Some(0)); // the third login pushed out the first
    /// assert!(store.lookup(ids[0], 3).is_err());
    /// assert_eq!(store.len(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn create_capped(
        &mut self,
        id: &[u8],
        user: U,
        now: i64,
        max_per_user: usize,
        same_user: impl Fn(&U) -> bool,
        mut evicted: impl FnMut(Session<U>),
    ) -> Result<Session<U>, Error> {
        let over = self.over_cap(id, now, max_per_user, &same_user)?;
        let key = fingerprint(id);
        if self
            .sessions
            .get(&key)
            .is_some_and(|s| !is_expired(s.expires, now))
        {
            return Err(Error::SessionExists);
        }
        // Room: a session the user gives up, else an expired one.
        if over == 0
            && self.sessions.len() >= N
            && !self.sessions.contains_key(&key)
            && !self.sessions.values().any(|s| is_expired(s.expires, now))
        {
            return Err(Error::SessionStoreFull);
        }
        // Every check passed: from here on the call succeeds.
        self.sessions.swap_remove(&key);
        for _ in 0..over {
            if let Some(oldest) = self.evict_oldest(now, &same_user) {
                evicted(oldest);
            }
        }
        if self.sessions.len() >= N {
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

    /// How many of the user's live sessions must go for one more to fit
    /// under `max_per_user`, after checking the new ID's shape.
    fn over_cap(
        &self,
        id: &[u8],
        now: i64,
        max_per_user: usize,
        same_user: &impl Fn(&U) -> bool,
    ) -> Result<usize, Error> {
        if !is_well_formed_id(id) {
            return Err(Error::SessionIdMalformed);
        }
        if max_per_user == 0 {
            return Err(Error::CapacityExceeded);
        }
        if max_per_user > N {
            return Ok(0); // no user can hold that many
        }
        let held = self.count_live(now, same_user);
        Ok((held + 1).saturating_sub(max_per_user))
    }

    /// The sessions live at `now` whose record `matches` (one user's, for
    /// instance): with a cap of `max`, [`SessionStore::create_capped`]
    /// evicts `count + 1 - max` of them, when that is positive.
    pub fn count_live(&self, now: i64, matches: impl Fn(&U) -> bool) -> usize {
        self.sessions
            .values()
            .filter(|s| !is_expired(s.expires, now) && matches(&s.user))
            .count()
    }

    /// Removes the user's oldest live session and returns it.
    fn evict_oldest(&mut self, now: i64, same_user: &impl Fn(&U) -> bool) -> Option<Session<U>> {
        let key = self
            .sessions
            .iter()
            .filter(|(_, s)| !is_expired(s.expires, now) && same_user(&s.user))
            // Ties go to the smaller fingerprint: the same choice every run.
            .min_by_key(|(k, s)| (s.created, s.expires, **k))
            .map(|(k, _)| *k)?;
        self.sessions.swap_remove(&key)
    }

    /// The live session of `id`.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], or [`Error::SessionExpired`] (it stays
    /// until purged or replaced).
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 7, 0)?;
    /// assert_eq!(store.lookup(b"session-id-one-AAAAAAA", 599)?.user, 7);
    /// // An expiry is the first second the session no longer holds.
    /// assert_eq!(store.lookup(b"session-id-one-AAAAAAA", 600).err(), Some(Error::SessionExpired));
    /// assert_eq!(store.lookup(b"session-id-two-AAAAAAA", 0).err(), Some(Error::SessionNotFound));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn lookup(&self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        self.live(&fingerprint(id), now)
    }

    /// [`SessionStore::lookup`] by the ID's fingerprint (each operation
    /// hashes an ID once).
    fn live(&self, key: &[u8; 32], now: i64) -> Result<Session<U>, Error> {
        let session = *self.sessions.get(key).ok_or(Error::SessionNotFound)?;
        if is_expired(session.expires, now) {
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
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 7, 0)?;
    /// assert_eq!(store.touch(b"session-id-one-AAAAAAA", 500)?.expires, 1_100);
    /// assert_eq!(store.touch(b"session-id-one-AAAAAAA", 1_100).err(), Some(Error::SessionExpired));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn touch(&mut self, id: &[u8], now: i64) -> Result<Session<U>, Error> {
        let (ttl, absolute) = (self.ttl, self.absolute);
        // One lookup: the session is checked and extended where it lies.
        let slot = self
            .sessions
            .get_mut(&fingerprint(id))
            .ok_or(Error::SessionNotFound)?;
        if is_expired(slot.expires, now) {
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
    /// [`Error::SessionIdMalformed`] when `new_id` is not of the shape
    /// jeton makes; as [`SessionStore::lookup`] for `old_id`;
    /// [`Error::SessionExists`] when `new_id` names a live session.
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"id-before-login-AAAAAA", 7, 0)?;
    /// let s = store.rotate(b"id-before-login-AAAAAA", b"id-after-login-AAAAAAA", 100)?;
    /// assert_eq!((s.user, s.created, s.expires), (7, 0, 600));
    /// assert_eq!(store.lookup(b"id-before-login-AAAAAA", 100).err(), Some(Error::SessionNotFound));
    /// assert_eq!(store.lookup(b"id-after-login-AAAAAAA", 100)?.user, 7);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn rotate(&mut self, old_id: &[u8], new_id: &[u8], now: i64) -> Result<Session<U>, Error> {
        if !is_well_formed_id(new_id) {
            return Err(Error::SessionIdMalformed);
        }
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
            && !is_expired(existing.expires, now)
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
    /// store.create(b"anonymous-visitor-id-0A", None, 0)?;
    /// let s = store.rotate_with(b"anonymous-visitor-id-0A", b"logged-in-session-id-0A", Some(7), 100)?;
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
        if !is_well_formed_id(new_id) {
            return Err(Error::SessionIdMalformed);
        }
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
    ///
    /// ```
    /// use jeton::{Error, session::SessionStore};
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 7, 0)?;
    /// store.revoke(b"session-id-one-AAAAAAA")?;
    /// assert!(store.is_empty());
    /// assert_eq!(store.revoke(b"session-id-one-AAAAAAA"), Err(Error::SessionNotFound));
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
    /// store.create(b"first-session-id-00000A", 7, 0)?;
    /// store.create(b"second-session-id-0000A", 7, 0)?;
    /// store.create(b"third-session-id-00000A", 8, 0)?;
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
    /// [`SessionStore::create`] does it when the store is full.
    ///
    /// ```
    /// use jeton::session::SessionStore;
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 1, 0)?;
    /// store.create(b"session-id-two-AAAAAAA", 2, 300)?;
    /// assert_eq!(store.purge_expired(600), 1);
    /// assert_eq!(store.len(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn purge_expired(&mut self, now: i64) -> usize {
        let before = self.sessions.len();
        self.sessions.retain(|_, s| !is_expired(s.expires, now));
        before - self.sessions.len()
    }

    /// The sessions held, expired ones included until purged, in no
    /// particular order (their IDs are not kept).
    ///
    /// ```
    /// use jeton::session::SessionStore;
    /// let mut store: SessionStore<u32, 4> = SessionStore::new(600);
    /// store.create(b"session-id-one-AAAAAAA", 7, 0)?;
    /// store.create(b"session-id-two-AAAAAAA", 7, 10)?;
    /// store.create(b"session-id-three-AAAAA", 8, 20)?;
    /// assert_eq!(store.sessions().filter(|s| s.user == 7).count(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn sessions(&self) -> impl Iterator<Item = &Session<U>> + '_ {
        self.sessions.values()
    }
}

/// A session's expiry when touched at `now`: `ttl` from now, within the
/// absolute lifetime from `created` if there is one (the decisions every
/// shared backend makes too).
fn expiry(ttl: i64, absolute: Option<i64>, created: i64, now: i64) -> i64 {
    touched_expiry(now, ttl, absolute_expiry(created, absolute))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed ID (22 characters, 16 bytes) for `n`.
    fn id(n: u8) -> [u8; 22] {
        let mut id = *b"a-session-id-00000000A";
        id[18] = b'A' + n / 26;
        id[19] = b'a' + n % 26;
        id
    }

    #[test]
    fn full_store_refuses_without_evicting_live_sessions() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(10);
        store.create(&id(1), 1, 0).unwrap();
        store.create(&id(2), 2, 5).unwrap();
        assert_eq!(store.create(&id(3), 3, 9), Err(Error::SessionStoreFull));
        assert_eq!(store.len(), 2);
        // At 10 the first has expired: it makes room.
        assert_eq!(store.create(&id(3), 3, 10).map(|s| s.user), Ok(3));
        assert_eq!(store.lookup(&id(1), 10), Err(Error::SessionNotFound));
        assert_eq!(store.lookup(&id(2), 10).map(|s| s.user), Ok(2));
    }

    #[test]
    fn absolute_lifetime_caps_touches() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(100).with_absolute_lifetime(150);
        store.create(&id(1), 1, 0).unwrap();
        assert_eq!(store.touch(&id(1), 90).map(|s| s.expires), Ok(150));
        assert_eq!(store.lookup(&id(1), 150), Err(Error::SessionExpired));
        assert_eq!(store.touch(&id(1), 150), Err(Error::SessionExpired));
    }

    #[test]
    fn rotation_moves_the_session() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(100);
        store.create(&id(1), 1, 0).unwrap();
        store.create(&id(2), 2, 0).unwrap();
        assert_eq!(store.rotate(&id(1), &id(2), 1), Err(Error::SessionExists));
        assert!(store.rotate(&id(1), &id(3), 1).is_ok());
        assert_eq!(store.lookup(&id(1), 2), Err(Error::SessionNotFound));
        assert_eq!(store.lookup(&id(3), 2).map(|s| s.user), Ok(1));
    }

    #[test]
    fn only_ids_of_jeton_shape_open_or_receive_a_session() {
        let mut store: SessionStore<u8, 4> = SessionStore::new(100);
        store.create(&id(1), 1, 0).unwrap();
        let bad: [&[u8]; 5] = [
            b"",
            b"AAAAAAAAAAAAAAAAAAAAA",  // 21 characters: no byte count
            b"AAAAAAAAAAAAAAAAAAAAAB", // non-zero unused bits
            b"AAAAAAAAAAAAAAAAAAAA/A", // not base64url
            &[b'A'; 87],               // longer than 64 bytes
        ];
        for bad in bad {
            assert_eq!(store.create(bad, 2, 0), Err(Error::SessionIdMalformed));
            assert_eq!(store.rotate(&id(1), bad, 0), Err(Error::SessionIdMalformed));
            assert_eq!(
                store.rotate_with(&id(1), bad, 3, 0),
                Err(Error::SessionIdMalformed)
            );
            assert_eq!(
                store.create_capped(bad, 2, 0, 1, |_| true, |_| panic!("evicted")),
                Err(Error::SessionIdMalformed)
            );
            assert_eq!(store.lookup(bad, 0), Err(Error::SessionNotFound));
        }
        assert_eq!(store.len(), 1);
        assert_eq!(store.lookup(&id(1), 0).map(|s| s.user), Ok(1));
    }

    #[test]
    fn a_users_oldest_sessions_make_way_for_the_new_one() {
        let mut store: SessionStore<u8, 8> = SessionStore::new(100);
        let mine = |u: &u8| *u == 7;
        // Which sessions went (their creation times), in order.
        let gone = core::cell::Cell::new([0i64; 4]);
        let count = core::cell::Cell::new(0usize);
        let note = |s: Session<u8>| {
            let mut all = gone.get();
            all[count.get()] = s.created;
            gone.set(all);
            count.set(count.get() + 1);
        };
        store.create_capped(&id(1), 7, 10, 2, mine, note).unwrap();
        store.create(&id(2), 8, 11).unwrap(); // another user's
        store.create_capped(&id(3), 7, 12, 2, mine, note).unwrap();
        store.create_capped(&id(4), 7, 13, 2, mine, note).unwrap();
        assert_eq!(count.get(), 1);
        assert_eq!(store.lookup(&id(1), 14), Err(Error::SessionNotFound));
        assert!(store.lookup(&id(2), 14).is_ok(), "never another user's");
        assert!(store.lookup(&id(3), 14).is_ok() && store.lookup(&id(4), 14).is_ok());
        assert_eq!(store.count_live(14, mine), 2);
        assert_eq!(store.count_live(112, mine), 1, "the one made at 12 expired");
        // A cap lowered to 1: every older session of the user goes,
        // oldest first.
        store.create_capped(&id(5), 7, 15, 1, mine, note).unwrap();
        assert_eq!((count.get(), &gone.get()[..3]), (3, &[10, 12, 13][..]));
        assert_eq!(store.len(), 2);
        // Expired sessions do not count against the cap.
        store.create_capped(&id(6), 7, 200, 1, mine, note).unwrap();
        assert_eq!(count.get(), 3);
        // A refused call evicts nothing.
        assert_eq!(
            store.create_capped(&id(6), 7, 201, 1, mine, note),
            Err(Error::SessionExists)
        );
        assert_eq!(
            store.create_capped(&id(7), 7, 201, 0, mine, note),
            Err(Error::CapacityExceeded)
        );
        assert_eq!(count.get(), 3);
        assert!(store.lookup(&id(6), 201).is_ok());
    }

    #[test]
    fn a_full_store_makes_room_from_the_users_own_sessions() {
        let mut store: SessionStore<u8, 2> = SessionStore::new(100);
        let mine = |u: &u8| *u == 1;
        store.create(&id(1), 1, 0).unwrap();
        store.create(&id(2), 2, 0).unwrap();
        assert_eq!(store.create(&id(3), 1, 1), Err(Error::SessionStoreFull));
        // User 2 at the cap of 1 cannot push user 1 out; user 1 can give
        // up their own session.
        assert_eq!(
            store.create_capped(&id(3), 3, 1, 1, |u| *u == 3, |_| {}),
            Err(Error::SessionStoreFull)
        );
        let mut evicted = None;
        store
            .create_capped(&id(3), 1, 1, 1, mine, |s| evicted = Some(s.user))
            .unwrap();
        assert_eq!(evicted, Some(1));
        assert_eq!(store.lookup(&id(1), 1), Err(Error::SessionNotFound));
        assert!(store.lookup(&id(2), 1).is_ok() && store.lookup(&id(3), 1).is_ok());
    }
}
