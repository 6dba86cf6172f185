//! An ordered set of keys for rotation: the first signs, every one
//! verifies. The storage of [`KeyRing`](crate::mac::KeyRing) and
//! [`KeySet`](crate::jwt::KeySet).

use crate::Error;
use crate::list::{List, Vacant};

/// Up to `N` keys, in the order they were added.
#[derive(Clone)]
pub(crate) struct Ring<K, const N: usize> {
    keys: List<K, N>,
}

impl<K: Vacant, const N: usize> Ring<K, N> {
    /// An empty ring.
    pub(crate) const fn new() -> Self {
        Ring { keys: List::new() }
    }

    /// Drops every key (keys that wipe themselves on drop are wiped).
    pub(crate) fn clear(&mut self) {
        self.keys.empty();
    }

    /// A ring of one key.
    pub(crate) fn with_key(key: K) -> Result<Self, Error> {
        let mut ring = Self::new();
        ring.push(key)?;
        Ok(ring)
    }
}

impl<K, const N: usize> Ring<K, N> {
    /// Adds a key after the ones already held; a full ring is unchanged.
    pub(crate) fn push(&mut self, key: K) -> Result<(), Error> {
        self.keys.push(key).map_err(|_| Error::CapacityExceeded)
    }

    /// Puts `key` first; when the ring is full the last key leaves.
    pub(crate) fn push_front(&mut self, key: K) {
        self.keys.push_front(key);
    }

    /// The keys, the signing key first.
    pub(crate) fn keys(&self) -> &[K] {
        &self.keys
    }

    /// The first key, which signs.
    pub(crate) fn first(&self) -> Option<&K> {
        self.keys.first()
    }

    /// Index of the first key for which `matches` holds. Every key is
    /// tried whatever matches, so the time taken does not tell which one
    /// did (HMAC keys are secret).
    pub(crate) fn find_trying_all(&self, mut matches: impl FnMut(&K) -> bool) -> Option<usize> {
        let mut found = None;
        for (i, key) in self.keys.iter().enumerate() {
            if matches(key) && found.is_none() {
                found = Some(i);
            }
        }
        found
    }
}

impl<K: core::fmt::Debug, const N: usize> core::fmt::Debug for Ring<K, N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.keys.iter()).finish()
    }
}
