//! The storage under a cookie jar: at most `N` entries whose name, value,
//! domain and path lie end to end in one arena of `B` bytes, kept compact
//! on removal. What to store, replace or evict is the jar's business.

use super::{JarCookie, NewCookie};
use crate::cookie::SameSite;
use crate::list::List;

/// One stored cookie: where its bytes are, and its attributes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    /// Offset in the arena of `name ++ value ++ domain ++ path`.
    start: usize,
    name_len: usize,
    value_len: usize,
    domain_len: usize,
    pub(super) path_len: usize,
    /// Unix seconds; `None` for a session cookie.
    pub(super) expiry: Option<i64>,
    /// Orders cookies of equal path length in the `Cookie` header.
    pub(super) creation: u64,
    /// Orders eviction: the smallest goes first.
    pub(super) last_access: u64,
    pub(super) host_only: bool,
    pub(super) secure: bool,
    pub(super) http_only: bool,
    pub(super) same_site: Option<SameSite>,
}

impl Entry {
    /// What fills the unused slots.
    const VACANT: Entry = Entry {
        start: 0,
        name_len: 0,
        value_len: 0,
        domain_len: 0,
        path_len: 0,
        expiry: None,
        creation: 0,
        last_access: 0,
        host_only: false,
        secure: false,
        http_only: false,
        same_site: None,
    };

    /// Bytes of the arena the entry holds.
    pub(super) fn len(&self) -> usize {
        self.name_len + self.value_len + self.domain_len + self.path_len
    }

    pub(super) fn is_expired(&self, now: i64) -> bool {
        self.expiry.is_some_and(|t| t <= now)
    }
}

/// Entries and the bytes they point into.
pub(super) struct Arena<const N: usize, const B: usize> {
    entries: List<Entry, N>,
    bytes: [u8; B],
    /// Bytes in use: the sum of the entries' lengths, from the start.
    used: usize,
}

impl<const N: usize, const B: usize> Arena<N, B> {
    pub(super) const fn new() -> Self {
        Arena {
            entries: List::filled(Entry::VACANT),
            bytes: [0; B],
            used: 0,
        }
    }

    /// The entries, in storage order.
    pub(super) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(super) fn entry_mut(&mut self, index: usize) -> Option<&mut Entry> {
        self.entries.get_mut(index)
    }

    /// Bytes in use.
    pub(super) fn used(&self) -> usize {
        self.used
    }

    /// Free slots and free bytes.
    pub(super) fn free(&self) -> (usize, usize) {
        (N - self.entries.len(), B - self.used)
    }

    /// Whether one more entry of `bytes` bytes fits.
    pub(super) fn has_room(&self, bytes: usize) -> bool {
        let (free_slots, free_bytes) = self.free();
        free_slots > 0 && free_bytes >= bytes
    }

    pub(super) fn clear(&mut self) {
        self.entries.clear();
        self.used = 0;
    }

    /// An entry's bytes and attributes.
    pub(super) fn view(&self, e: &Entry) -> JarCookie<'_> {
        // Every entry's bytes lie inside the used bytes: `push` made it so
        // and `remove_at` moves entries with their bytes. Were that broken,
        // the cookie would read as empty: the one fallback left here, as a
        // view cannot fail without the public iterator hiding it anyway.
        let [name, value, domain, path] = self.parts(e).unwrap_or([&[]; 4]);
        JarCookie {
            name,
            value,
            domain,
            path,
            expiry: e.expiry,
            host_only: e.host_only,
            secure: e.secure,
            http_only: e.http_only,
            same_site: e.same_site,
        }
    }

    /// Name, value, domain and path of an entry, when its spans lie in the
    /// used bytes.
    fn parts(&self, e: &Entry) -> Option<[&[u8]; 4]> {
        let (used, _) = self.bytes.split_at_checked(self.used)?;
        let (_, own) = used.split_at_checked(e.start)?;
        let (name, rest) = own.split_at_checked(e.name_len)?;
        let (value, rest) = rest.split_at_checked(e.value_len)?;
        let (domain, rest) = rest.split_at_checked(e.domain_len)?;
        let (path, _) = rest.split_at_checked(e.path_len)?;
        Some([name, value, domain, path])
    }

    /// Appends `new` (its domain lower-cased) with the two clock stamps.
    /// Returns `false`, changing nothing, when a slot or the bytes are
    /// missing.
    pub(super) fn push(&mut self, new: &NewCookie<'_>, creation: u64, last_access: u64) -> bool {
        let needed = new.bytes();
        if !self.has_room(needed) {
            return false;
        }
        let start = self.used;
        let Some(area) = self.bytes.get_mut(start..start + needed) else {
            return false;
        };
        // `area` is exactly as long as the four parts.
        let mut rest = area;
        for (i, part) in [new.name, new.value, new.domain, new.path]
            .into_iter()
            .enumerate()
        {
            let Some((dst, after)) = rest.split_at_mut_checked(part.len()) else {
                return false;
            };
            dst.copy_from_slice(part);
            if i == 2 {
                dst.make_ascii_lowercase();
            }
            rest = after;
        }
        let entry = Entry {
            start,
            name_len: new.name.len(),
            value_len: new.value.len(),
            domain_len: new.domain.len(),
            path_len: new.path.len(),
            expiry: new.expiry,
            creation,
            last_access,
            host_only: new.host_only,
            secure: new.secure,
            http_only: new.http_only,
            same_site: new.same_site,
        };
        if self.entries.push(entry).is_err() {
            return false;
        }
        self.used = start + needed;
        true
    }

    /// Removes the entry at `index` and closes the gap its bytes leave.
    pub(super) fn remove_at(&mut self, index: usize) {
        let Some(gone) = self.entries.remove(index) else {
            return;
        };
        let len = gone.len();
        let end = gone.start + len;
        self.bytes.copy_within(end..self.used, gone.start);
        self.used -= len;
        for e in self.entries.iter_mut().filter(|e| e.start > gone.start) {
            e.start -= len;
        }
    }

    /// Removes the entries `doomed` picks (it sees each entry and its
    /// view); returns how many.
    pub(super) fn remove_where(
        &mut self,
        doomed: impl Fn(&Entry, &JarCookie<'_>) -> bool,
    ) -> usize {
        let mut removed = 0;
        let mut i = 0;
        while let Some(e) = self.entries.get(i) {
            if doomed(e, &self.view(e)) {
                self.remove_at(i);
                removed += 1;
            } else {
                i += 1;
            }
        }
        removed
    }
}
