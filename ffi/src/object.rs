//! Objects the caller places: fixed-size, 16-byte-aligned byte arrays that
//! hold a Rust value.
//!
//! Each C object type (`jeton_hmac_key`, `jeton_key_ring`, ...) is a
//! `#[repr(C, align(16))]` struct of one byte array whose size is a
//! constant in the header. A per-type marker in its first 8 bytes and
//! another in its last 8 bytes say that `_init` has run; the Rust value
//! sits between them, 16 bytes in (so that it keeps 16-byte alignment):
//!
//! - `_init` wipes the whole array, writes the value, then the markers;
//! - every other function checks both markers first and answers
//!   `JETON_ERR_NOT_INITIALIZED` unless both are in place;
//! - `_clear` drops the value (keys zeroize themselves) when both markers
//!   are in place, and wipes the whole array with volatile writes,
//!   markers included.
//!
//! Two markers because memory handed back by `free` and out again by
//! `malloc` is written at its start (allocator links) and, when the block
//! is split, at its end: an object initialized, freed without `_clear` and
//! reused must not be taken for a live one (it was, with a single trailing
//! marker, and reading the garbage value crashed). The markers are a
//! guard against such misuse, not a proof: bytes written between them
//! behind jeton's back (a contract violation) go unseen.
//!
//! The values hold no pointer into their own storage, so an initialized
//! object may be moved or copied with `memcpy`; a copy is an independent
//! object and needs its own `_clear`.
//!
//! `storage!` asserts at compile time, for the target being built, that
//! the Rust value and the marker fit and that 16 bytes of alignment are
//! enough.

use core::ptr::NonNull;
use core::sync::atomic::{Ordering, compiler_fence};

use crate::ptr::{Region, outside};
use crate::status::Fail;

/// Alignment of every object, in bytes (`JETON_OBJECT_ALIGN`).
pub(crate) const OBJECT_ALIGN: usize = 16;

/// Bytes at the end of every object that hold its trailing marker.
pub(crate) const MARKER_LEN: usize = 8;

/// Bytes at the start of every object before its value: the leading
/// marker, padded to the alignment so that the value keeps 16 bytes of it.
pub(crate) const HEAD_LEN: usize = OBJECT_ALIGN;

/// Ties a C object type to the Rust value it holds.
///
/// # Safety
///
/// Implement it only through `storage!`, which checks the layout: the
/// type is a `#[repr(C, align(16))]` byte array, its size a multiple of 16
/// with room for the leading marker (padded to 16 bytes), `Inner`, and, at
/// the end, the trailing marker.
pub(crate) unsafe trait Storage: Sized {
    /// The Rust value held.
    type Inner;
    /// The marker `_init` writes (as is at the start, inverted at the
    /// end); distinct per type, a best-effort guard against an object
    /// passed for another type (its bytes there may well be anything).
    const MARKER: u64;
}

/// Implements [`Storage`] and checks the layout at compile time.
macro_rules! storage {
    ($storage:ty, $inner:ty, $marker:expr) => {
        // SAFETY: the layout is checked by the assertions right below.
        unsafe impl $crate::object::Storage for $storage {
            type Inner = $inner;
            const MARKER: u64 = $marker;
        }
        const _: () = {
            use $crate::object::{HEAD_LEN, MARKER_LEN, OBJECT_ALIGN};
            assert!(align_of::<$storage>() == OBJECT_ALIGN);
            assert!(size_of::<$storage>() % OBJECT_ALIGN == 0);
            assert!(align_of::<$inner>() <= OBJECT_ALIGN);
            assert!(HEAD_LEN % OBJECT_ALIGN == 0 && HEAD_LEN >= MARKER_LEN);
            assert!(
                HEAD_LEN + size_of::<$inner>() + MARKER_LEN <= size_of::<$storage>(),
                "the Rust value outgrew its C storage: raise the size constant"
            );
        };
    };
}

/// Checks an object pointer: non-NULL and 16-byte aligned.
fn check<S>(ptr: *const S) -> Result<NonNull<S>, Fail> {
    let ptr = NonNull::new(ptr.cast_mut()).ok_or(Fail::NULL)?;
    if !ptr.is_aligned() {
        return Err(Fail::INVALID);
    }
    Ok(ptr)
}

/// The leading marker's place in the object at `ptr`.
fn head_of<S: Storage>(ptr: NonNull<S>) -> *mut u64 {
    ptr.as_ptr().cast::<u64>()
}

/// The trailing marker's place in the object at `ptr`.
fn tail_of<S: Storage>(ptr: NonNull<S>) -> *mut u64 {
    ptr.as_ptr()
        .cast::<u8>()
        .wrapping_add(size_of::<S>() - MARKER_LEN)
        .cast::<u64>()
}

/// The value's place in the object at `ptr`.
fn value_of<S: Storage>(ptr: NonNull<S>) -> *mut S::Inner {
    ptr.as_ptr()
        .cast::<u8>()
        .wrapping_add(HEAD_LEN)
        .cast::<S::Inner>()
}

/// The trailing marker of `S`: the leading one inverted, so that a block
/// filled with one repeated word never carries both.
const fn tail_marker<S: Storage>() -> u64 {
    !S::MARKER
}

/// `true` when both markers of `S` are in place.
///
/// # Safety
///
/// `ptr` is valid for reads of an `S` whose bytes are initialized.
unsafe fn is_initialized<S: Storage>(ptr: NonNull<S>) -> bool {
    // SAFETY: both markers lie inside the object (layout checked by
    // `storage!`) at 8-aligned offsets of a 16-aligned pointer.
    let (head, tail) = unsafe { (head_of(ptr).read(), tail_of(ptr).read()) };
    // `&` rather than `&&`: both words are read either way, and the
    // answer does not hang on which one was wrong.
    (head == S::MARKER) & (tail == tail_marker::<S>())
}

/// Overwrites `len` bytes at `ptr` with zeros in a way the optimizer may
/// not remove.
///
/// # Safety
///
/// `ptr` is valid for writes of `len` bytes.
unsafe fn wipe(ptr: *mut u8, len: usize) {
    for i in 0..len {
        // SAFETY: `i < len`, inside the range the caller vouches for.
        unsafe { ptr.add(i).write_volatile(0) };
    }
    compiler_fence(Ordering::SeqCst);
}

/// Storage checked for use by an `_init` function, not yet written.
#[derive(Debug)]
pub(crate) struct Slot<S> {
    ptr: NonNull<S>,
}

/// The storage at `ptr`, for an `_init` function to fill; `inputs` (the
/// regions of everything else the call reads or writes) must lie outside
/// it, or writing it would change them: `JETON_ERR_OVERLAPPING_BUFFERS`.
///
/// # Safety
///
/// Unless NULL, `ptr` is valid for writes of an `S` and nothing else uses
/// that storage until the call returns, except through `inputs`.
pub(crate) unsafe fn slot<S: Storage>(ptr: *mut S, inputs: &[Region]) -> Result<Slot<S>, Fail> {
    let ptr = check(ptr)?;
    outside(ptr.as_ptr(), inputs)?;
    Ok(Slot { ptr })
}

impl<S: Storage> Slot<S> {
    /// Wipes the storage, moves `value` in and sets the markers.
    pub(crate) fn fill(self, value: S::Inner) {
        self.fill_with(|| value);
    }

    /// Wipes the storage, writes the value `make` returns straight into it
    /// and sets the markers. Inlined so that the optimizer builds a large
    /// value (the 10 KiB cookie jar) in place rather than on the stack:
    /// firmware has a few KiB of stack.
    #[inline(always)]
    pub(crate) fn fill_with(self, make: impl FnOnce() -> S::Inner) {
        let base = self.ptr.as_ptr();
        // SAFETY: `base` is valid for writes of an `S` (contract of
        // `slot`); the value fits `HEAD_LEN` bytes in with the alignment it
        // needs, and the markers in its first and last 8 bytes (layout
        // checked by `storage!`).
        unsafe {
            wipe(base.cast::<u8>(), size_of::<S>());
            value_of(self.ptr).write(make());
            head_of(self.ptr).write(S::MARKER);
            tail_of(self.ptr).write(tail_marker::<S>());
        }
    }
}

/// The value held by the object at `ptr`.
///
/// # Safety
///
/// Unless NULL, `ptr` points to an `S` whose bytes are initialized (an
/// object initialized by its `_init` function, cleared by `_clear`, or
/// zero-filled), that nothing writes to during `'a`.
pub(crate) unsafe fn object<'a, S: Storage>(ptr: *const S) -> Result<&'a S::Inner, Fail> {
    let ptr = check(ptr)?;
    // SAFETY: readable and initialized by the caller's contract.
    if !unsafe { is_initialized(ptr) } {
        return Err(Fail::NOT_INITIALIZED);
    }
    // SAFETY: the markers are only written after a valid value was moved
    // into the storage, and `_clear` wipes them right after the value is
    // dropped; the storage is not written during 'a.
    Ok(unsafe { &*value_of(ptr) })
}

/// The value held by the object at `ptr`, for changing it; `inputs` (the
/// regions of everything else the call reads or writes) must lie outside
/// it, since a `&mut` to the object may not alias them:
/// `JETON_ERR_OVERLAPPING_BUFFERS`.
///
/// # Safety
///
/// As [`object`], and nothing else reads or writes the object during `'a`
/// except through `inputs`.
pub(crate) unsafe fn object_mut<'a, S: Storage>(
    ptr: *mut S,
    inputs: &[Region],
) -> Result<&'a mut S::Inner, Fail> {
    let ptr = check(ptr)?;
    outside(ptr.as_ptr(), inputs)?;
    // SAFETY: readable and initialized by the caller's contract.
    if !unsafe { is_initialized(ptr) } {
        return Err(Fail::NOT_INITIALIZED);
    }
    // SAFETY: as in `object`, and the access is exclusive for 'a.
    Ok(unsafe { &mut *value_of(ptr) })
}

/// Drops the value held (if both markers are there) and wipes the storage.
/// Clearing twice is harmless.
///
/// # Safety
///
/// As [`object_mut`]; after the call the storage holds zeros.
pub(crate) unsafe fn clear<S: Storage>(ptr: *mut S) -> Result<(), Fail> {
    let ptr = check(ptr)?;
    // SAFETY: readable and initialized by the caller's contract.
    if unsafe { is_initialized(ptr) } {
        // SAFETY: the markers vouch for a valid value, dropped once: they
        // are wiped right after, before anything can see them again.
        unsafe { core::ptr::drop_in_place(value_of(ptr)) };
    }
    // SAFETY: the object is writable by the caller's contract.
    unsafe { wipe(ptr.as_ptr().cast::<u8>(), size_of::<S>()) };
    Ok(())
}

/// The `_len`-style query: `count` set to what `measure` says of the
/// object at `ptr`.
///
/// # Safety
///
/// As [`object`]; `count` points to a writable `size_t`.
pub(crate) unsafe fn count_of<S: Storage>(
    ptr: *const S,
    count: *mut usize,
    measure: impl FnOnce(&S::Inner) -> usize,
) -> Result<(), Fail> {
    // SAFETY: the caller's contract.
    let (value, count) = unsafe {
        (
            object(ptr)?,
            crate::ptr::out_ptr_apart(count, &[Region::object(ptr)])?,
        )
    };
    count.set(measure(value));
    Ok(())
}

/// The `_purge`-style call: drops what has lapsed at `now` from the object
/// at `ptr` and sets `dropped` to how many entries went.
///
/// # Safety
///
/// As [`object_mut`]; `dropped` points to a writable `size_t`.
pub(crate) unsafe fn dropped_at<S: Storage>(
    ptr: *mut S,
    now: i64,
    dropped: *mut usize,
    purge: impl FnOnce(&mut S::Inner, i64) -> usize,
) -> Result<(), Fail> {
    // SAFETY: the caller's contract; `dropped` may not lie in the object
    // (checked).
    let (value, dropped) = unsafe {
        (
            object_mut(ptr, &[Region::object(dropped)])?,
            crate::ptr::out_ptr(dropped)?,
        )
    };
    dropped.set(purge(value, now));
    Ok(())
}
