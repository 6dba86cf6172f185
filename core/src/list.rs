//! A list of at most `N` items kept inline, with no allocation: the
//! storage of key rings, JWT key sets and key IDs, custom claims, the
//! revocation list and the cookie jar.
//!
//! Every slot always holds a value; the first `len` are the live items and
//! the rest hold a vacant one, so the live items are a plain slice and no
//! `unsafe` is needed. Only `Copy` items can be removed from the middle:
//! they own nothing, so what stays behind in a freed slot needs no drop.
//! Items that must be wiped when they go (keys) are only ever replaced,
//! which drops them at once.

use core::ops::{Deref, DerefMut};

/// Types with a value to fill unused slots with, for items that cannot be
/// copied (HMAC and JWT keys). A constant, so that filling costs nothing
/// and lists of them can be made in `const` code.
pub(crate) trait Vacant {
    /// The filler.
    const VACANT: Self;
}

/// At most `N` items, in order.
#[derive(Clone)]
pub(crate) struct List<T, const N: usize> {
    slots: [T; N],
    len: usize,
}

impl<T: Vacant, const N: usize> List<T, N> {
    /// An empty list whose slots hold `T::VACANT`.
    pub(crate) const fn new() -> Self {
        List {
            slots: [const { T::VACANT }; N],
            len: 0,
        }
    }

    /// Removes every item, each replaced by `T::VACANT` at once (so a key
    /// is dropped, and wiped, now).
    pub(crate) fn empty(&mut self) {
        for slot in self.slots.iter_mut().take(self.len) {
            *slot = T::VACANT;
        }
        self.len = 0;
    }
}

impl<T: Copy, const N: usize> List<T, N> {
    /// An empty list whose slots hold copies of `vacant`.
    pub(crate) const fn filled(vacant: T) -> Self {
        List {
            slots: [vacant; N],
            len: 0,
        }
    }

    /// Appends every item of `items`, or none when they do not all fit.
    pub(crate) fn extend_from_slice(&mut self, items: &[T]) -> Result<(), ()> {
        let end = self.len.checked_add(items.len()).ok_or(())?;
        let room = self.slots.get_mut(self.len..end).ok_or(())?;
        room.copy_from_slice(items);
        self.len = end;
        Ok(())
    }

    /// Removes and returns the item at `index`, moving the later ones
    /// forward.
    pub(crate) fn remove(&mut self, index: usize) -> Option<T> {
        let live = self.slots.get_mut(index..self.len)?;
        let item = *live.first()?;
        live.rotate_left(1);
        self.len -= 1;
        Some(item)
    }

    /// Keeps the items `keep` accepts, in order.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            if self.slots.get(i).is_some_and(&mut keep) {
                self.slots.swap(kept, i);
                kept += 1;
            }
        }
        self.len = kept;
    }

    /// Removes every item.
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }
}

impl<T, const N: usize> List<T, N> {
    /// Whether `N` items are held.
    pub(crate) fn is_full(&self) -> bool {
        self.len == N
    }

    /// Appends `item`, or hands it back when the list is full.
    pub(crate) fn push(&mut self, item: T) -> Result<(), T> {
        match self.slots.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len += 1;
                Ok(())
            }
            None => Err(item),
        }
    }

    /// Puts `item` first; when the list is full, the last item is dropped
    /// (it is overwritten in place, so a key is wiped at once).
    pub(crate) fn push_front(&mut self, item: T) {
        let end = (self.len + 1).min(N);
        // (`rotate_right` on an empty slice would panic: N == 0.)
        if let Some(moved) = self.slots.get_mut(..end).filter(|m| !m.is_empty()) {
            // The slot at `end - 1` (vacant, or the last item when full)
            // comes to the front and is replaced.
            moved.rotate_right(1);
            if let Some(first) = moved.first_mut() {
                *first = item;
                self.len = end;
            }
        }
    }
}

impl<T, const N: usize> Deref for List<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.slots.get(..self.len).unwrap_or(&[])
    }
}

impl<T, const N: usize> DerefMut for List<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.slots.get_mut(..self.len).unwrap_or(&mut [])
    }
}

/// Equal when the live items are (whatever the vacant slots hold).
impl<T: PartialEq, const N: usize> PartialEq for List<T, N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq, const N: usize> Eq for List<T, N> {}

impl<T: PartialEq, const N: usize> PartialEq<[T]> for List<T, N> {
    fn eq(&self, other: &[T]) -> bool {
        **self == *other
    }
}

impl<T: PartialEq, const N: usize> PartialEq<&[T]> for List<T, N> {
    fn eq(&self, other: &&[T]) -> bool {
        **self == **other
    }
}

impl<T: PartialEq, const N: usize, const M: usize> PartialEq<[T; M]> for List<T, N> {
    fn eq(&self, other: &[T; M]) -> bool {
        **self == *other
    }
}

impl<T: PartialEq, const N: usize, const M: usize> PartialEq<&[T; M]> for List<T, N> {
    fn eq(&self, other: &&[T; M]) -> bool {
        **self == **other
    }
}

impl<T: core::fmt::Debug, const N: usize> core::fmt::Debug for List<T, N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Owned bytes for unit tests, without allocating.
#[cfg(test)]
pub(crate) type Bytes = List<u8, 1024>;

/// `bytes` as [`Bytes`] (at most 1024 of them).
#[cfg(test)]
pub(crate) fn bytes(bytes: &[u8]) -> Bytes {
    let mut list = List::filled(0);
    assert!(list.extend_from_slice(bytes).is_ok(), "test data too long");
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_remove_retain_keep_order() {
        let mut list: List<u8, 4> = List::filled(0);
        assert!(list.is_empty());
        for i in 1..=4 {
            assert_eq!(list.push(i), Ok(()));
        }
        assert!(list.is_full());
        assert_eq!(list.push(5), Err(5));
        assert_eq!(*list, [1, 2, 3, 4]);
        assert_eq!(list.remove(1), Some(2));
        assert_eq!(list.remove(3), None);
        assert_eq!(*list, [1, 3, 4]);
        list.retain(|&x| x != 3);
        assert_eq!(*list, [1, 4]);
        assert_eq!(list.extend_from_slice(&[7, 8, 9]), Err(()));
        assert_eq!(*list, [1, 4]);
        assert_eq!(list.extend_from_slice(&[7, 8]), Ok(()));
        assert_eq!(*list, [1, 4, 7, 8]);
        list.clear();
        assert!(list.is_empty());
    }

    #[test]
    fn push_front_drops_the_last_when_full() {
        let mut list: List<u8, 3> = List::filled(0);
        list.push_front(1);
        list.push_front(2);
        assert_eq!(*list, [2, 1]);
        list.push_front(3);
        list.push_front(4);
        assert_eq!(*list, [4, 3, 2]);
        let mut none: List<u8, 0> = List::filled(0);
        none.push_front(1);
        assert!(none.is_empty());
    }

    /// Items that are not `Copy` are dropped when overwritten.
    #[test]
    fn replaced_items_are_dropped_at_once() {
        use core::cell::Cell;
        struct Counted<'c>(Option<&'c Cell<u32>>);
        impl Drop for Counted<'_> {
            fn drop(&mut self) {
                if let Some(c) = self.0 {
                    c.set(c.get() + 1);
                }
            }
        }
        let drops = Cell::new(0);
        let mut list: List<Counted<'_>, 2> = List {
            slots: [Counted(None), Counted(None)],
            len: 0,
        };
        assert!(list.push(Counted(Some(&drops))).is_ok());
        list.push_front(Counted(Some(&drops)));
        assert_eq!(drops.get(), 0);
        list.push_front(Counted(Some(&drops)));
        assert_eq!(
            drops.get(),
            1,
            "the oldest item went when the list was full"
        );
        assert_eq!(list.len(), 2);
    }
}
