//! Objects the caller places: fixed-size, 16-byte-aligned byte arrays that
//! hold a Rust value.
//!
//! Each C object type (`jeton_hmac_key`, `jeton_key_ring`, ...) is a
//! `#[repr(C, align(16))]` struct of one byte array whose size is a
//! constant in the header. The Rust value sits at the start of the array
//! and a per-type marker in its last 8 bytes says that `_init` has run:
//!
//! - `_init` wipes the whole array, writes the value, then the marker;
//! - every other function checks the marker first and answers
//!   `JETON_ERR_NOT_INITIALIZED` without it;
//! - `_clear` drops the value (keys zeroize themselves) and wipes the whole
//!   array with volatile writes, marker included.
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

/// Bytes at the end of every object that hold its marker.
pub(crate) const MARKER_LEN: usize = 8;

/// Ties a C object type to the Rust value it holds.
///
/// # Safety
///
/// Implement it only through `storage!`, which checks the layout: the
/// type is a `#[repr(C, align(16))]` byte array, its size a multiple of 16
/// with room for `Inner` followed, at the end, by the marker.
pub(crate) unsafe trait Storage: Sized {
    /// The Rust value held.
    type Inner;
    /// The marker `_init` writes; distinct per type, a best-effort guard
    /// against an object passed for another type (its bytes there may
    /// well be anything).
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
            use $crate::object::{MARKER_LEN, OBJECT_ALIGN};
            assert!(align_of::<$storage>() == OBJECT_ALIGN);
            assert!(size_of::<$storage>() % OBJECT_ALIGN == 0);
            assert!(align_of::<$inner>() <= OBJECT_ALIGN);
            assert!(
                size_of::<$inner>() + MARKER_LEN <= size_of::<$storage>(),
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

/// The marker's place in the object at `ptr`.
fn marker_of<S: Storage>(ptr: NonNull<S>) -> *mut u64 {
    ptr.as_ptr()
        .cast::<u8>()
        .wrapping_add(size_of::<S>() - MARKER_LEN)
        .cast::<u64>()
}

/// `true` when the marker of `S` is in place.
///
/// # Safety
///
/// `ptr` is valid for reads of an `S` whose bytes are initialized.
unsafe fn is_initialized<S: Storage>(ptr: NonNull<S>) -> bool {
    // SAFETY: the marker lies inside the object (layout checked by
    // `storage!`) at an 8-aligned offset of a 16-aligned pointer.
    unsafe { marker_of(ptr).read() == S::MARKER }
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
    /// Wipes the storage, moves `value` in and sets the marker.
    pub(crate) fn fill(self, value: S::Inner) {
        self.fill_with(|| value);
    }

    /// Wipes the storage, writes the value `make` returns straight into it
    /// and sets the marker. Inlined so that the optimizer builds a large
    /// value (the 10 KiB cookie jar) in place rather than on the stack:
    /// firmware has a few KiB of stack.
    #[inline(always)]
    pub(crate) fn fill_with(self, make: impl FnOnce() -> S::Inner) {
        let base = self.ptr.as_ptr();
        // SAFETY: `base` is valid for writes of an `S` (contract of
        // `slot`); the value fits at its start with the alignment it needs,
        // and the marker in its last 8 bytes (layout checked by `storage!`).
        unsafe {
            wipe(base.cast::<u8>(), size_of::<S>());
            base.cast::<S::Inner>().write(make());
            marker_of(self.ptr).write(S::MARKER);
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
    // SAFETY: the marker is only written after a valid value was moved to
    // the start of the storage, and `_clear` removes it before the value
    // is dropped; the storage is not written during 'a.
    Ok(unsafe { &*ptr.as_ptr().cast::<S::Inner>() })
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
    Ok(unsafe { &mut *ptr.as_ptr().cast::<S::Inner>() })
}

/// Drops the value held (if the marker is there) and wipes the storage.
/// Clearing twice is harmless.
///
/// # Safety
///
/// As [`object_mut`]; after the call the storage holds zeros.
pub(crate) unsafe fn clear<S: Storage>(ptr: *mut S) -> Result<(), Fail> {
    let ptr = check(ptr)?;
    // SAFETY: readable and initialized by the caller's contract.
    if unsafe { is_initialized(ptr) } {
        // SAFETY: the marker vouches for a valid value, dropped once: the
        // marker is wiped right after, before anything can see it again.
        unsafe { core::ptr::drop_in_place(ptr.as_ptr().cast::<S::Inner>()) };
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
