//! Turning C pointers into Rust references, each rule in one place.
//!
//! - An input buffer `(ptr, len)` must be non-NULL, even when `len` is 0.
//! - An output buffer may be `(NULL, 0)`, to ask for the length needed;
//!   otherwise non-NULL. It must not overlap any input, object or other
//!   output: that is checked on the raw addresses before any reference is
//!   made ([`Region`]).
//! - An out-pointer (`size_t *written`, a struct to fill) must be non-NULL
//!   and aligned; it is written once, at the end, on success only
//!   ([`OutPtr`]).
//! - Lengths above `isize::MAX` and ranges that wrap around the address
//!   space are refused with `JETON_ERR_INVALID_ARGUMENT`.

use core::marker::PhantomData;
use core::ptr::NonNull;

use jeton::Error;

use crate::status::Fail;

/// An address range, compared before references are made so that an
/// output never aliases an input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Region {
    start: usize,
    end: usize,
}

impl Region {
    /// No bytes at all: overlaps nothing.
    pub(crate) const EMPTY: Region = Region { start: 0, end: 0 };

    /// The bytes of a slice.
    pub(crate) fn of(bytes: &[u8]) -> Region {
        let start = bytes.as_ptr() as usize;
        Region {
            start,
            end: start + bytes.len(),
        }
    }

    /// The `size_of::<T>()` bytes at `ptr`.
    /// NULL is the empty region, so that its own check reports it.
    pub(crate) fn object<T>(ptr: *const T) -> Region {
        Region::array(ptr, 1)
    }

    /// `count` values of `T` from `ptr`. NULL is the empty region, so that
    /// its own check reports it as `JETON_ERR_NULL_POINTER`.
    pub(crate) fn array<T>(ptr: *const T, count: usize) -> Region {
        if ptr.is_null() {
            return Region::EMPTY;
        }
        let start = ptr as usize;
        Region {
            start,
            end: start.saturating_add(count.saturating_mul(size_of::<T>())),
        }
    }

    /// `true` when the two ranges share a byte.
    pub(crate) fn overlaps(self, other: Region) -> bool {
        self.start < self.end
            && other.start < other.end
            && self.start < other.end
            && other.start < self.end
    }
}

/// Checks that a `(ptr, len)` pair can become a slice.
fn check_range(ptr: *const u8, len: usize) -> Result<(), Fail> {
    if ptr.is_null() {
        return Err(Fail::NULL);
    }
    if len > isize::MAX as usize || (ptr as usize).checked_add(len).is_none() {
        return Err(Fail::INVALID);
    }
    Ok(())
}

/// The input buffer `(ptr, len)`.
///
/// # Safety
///
/// Unless NULL, `ptr` is readable for `len` bytes that nothing writes to
/// during `'a`.
pub(crate) unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], Fail> {
    check_range(ptr, len)?;
    // SAFETY: non-NULL and in range (checked); readable and unchanging for
    // 'a by the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// An optional input: `(NULL, 0)` is absent, `(NULL, n > 0)` is invalid.
///
/// # Safety
///
/// As [`input`].
pub(crate) unsafe fn optional_input<'a>(
    ptr: *const u8,
    len: usize,
) -> Result<Option<&'a [u8]>, Fail> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(Fail::INVALID)
        };
    }
    // SAFETY: the caller's contract is that of `input`.
    unsafe { input(ptr, len) }.map(Some)
}

/// The input array of `count` values of `T` at `ptr`.
///
/// # Safety
///
/// Unless NULL, `ptr` points to `count` initialized values of `T` that
/// nothing writes to during `'a`.
pub(crate) unsafe fn input_array<'a, T>(ptr: *const T, count: usize) -> Result<&'a [T], Fail> {
    if ptr.is_null() {
        return Err(Fail::NULL);
    }
    let bytes = count.checked_mul(size_of::<T>()).ok_or(Fail::INVALID)?;
    if !ptr.is_aligned()
        || bytes > isize::MAX as usize
        || (ptr as usize).checked_add(bytes).is_none()
    {
        return Err(Fail::INVALID);
    }
    // SAFETY: non-NULL, aligned and in range (checked); initialized and
    // unchanging for 'a by the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, count) })
}

/// An optional input array: `(NULL, 0)` is absent, `(NULL, n > 0)` is
/// invalid.
///
/// # Safety
///
/// As [`input_array`].
pub(crate) unsafe fn optional_array<'a, T>(
    ptr: *const T,
    count: usize,
) -> Result<Option<&'a [T]>, Fail> {
    if ptr.is_null() {
        return if count == 0 {
            Ok(None)
        } else {
            Err(Fail::INVALID)
        };
    }
    // SAFETY: the caller's contract is that of `input_array`.
    unsafe { input_array(ptr, count) }.map(Some)
}

/// The input struct at `ptr`: non-NULL and aligned.
///
/// # Safety
///
/// Unless NULL, `ptr` points to an initialized `T` that nothing writes to
/// during `'a`, and every bit pattern is a valid `T` (the C structs hold
/// no `bool` and no Rust enum for that reason).
pub(crate) unsafe fn input_struct<'a, T>(ptr: *const T) -> Result<&'a T, Fail> {
    if ptr.is_null() {
        return Err(Fail::NULL);
    }
    if !ptr.is_aligned() {
        return Err(Fail::INVALID);
    }
    // SAFETY: non-NULL and aligned (checked); initialized and unchanging
    // for 'a, and valid whatever its bits, by the caller's contract.
    Ok(unsafe { &*ptr })
}

/// Checks that no input lies in the object at `object`, which the call
/// changes: a `&mut` to the object and a `&` to an input must not alias.
pub(crate) fn outside<T>(object: *const T, inputs: &[Region]) -> Result<(), Fail> {
    let region = Region::object(object);
    if inputs.iter().any(|input| input.overlaps(region)) {
        Err(Fail::OVERLAP)
    } else {
        Ok(())
    }
}

/// The region of an output buffer that every input must stay out of, for
/// calls that read more inputs than are worth listing (structs full of
/// views): each input is checked as it is read, against this one region.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KeepOut(Region);

impl KeepOut {
    /// The region of the output `(ptr, len)`. One that [`output`] will
    /// refuse (NULL with a length, past the address space) keeps nothing
    /// out, so that `output` reports it with its own status.
    pub(crate) fn of(ptr: *const u8, len: usize) -> KeepOut {
        match check_range(ptr, len) {
            Ok(()) if len > 0 => KeepOut(Region {
                start: ptr as usize,
                end: ptr as usize + len,
            }),
            _ => KeepOut(Region::EMPTY),
        }
    }

    /// `JETON_ERR_OVERLAPPING_BUFFERS` when `input` shares a byte with the
    /// output.
    pub(crate) fn check(self, input: Region) -> Result<(), Fail> {
        if input.overlaps(self.0) {
            Err(Fail::OVERLAP)
        } else {
            Ok(())
        }
    }
}

/// A bounded list of the regions an output must not overlap, for the
/// functions whose inputs are structs full of views.
#[derive(Debug)]
pub(crate) struct Regions<const N: usize> {
    list: [Region; N],
    len: usize,
}

impl<const N: usize> Regions<N> {
    /// No region yet.
    pub(crate) const fn new() -> Self {
        Regions {
            list: [Region::EMPTY; N],
            len: 0,
        }
    }

    /// Adds a region. The lists are sized for the most views a call can
    /// take; should one overflow, the call fails rather than skip a check.
    pub(crate) fn push(&mut self, region: Region) -> Result<(), Fail> {
        let slot = self.list.get_mut(self.len).ok_or(Fail::INVALID)?;
        *slot = region;
        self.len += 1;
        Ok(())
    }

    /// The regions added.
    pub(crate) fn as_slice(&self) -> &[Region] {
        self.list.get(..self.len).unwrap_or(&[])
    }
}

/// The output buffer `(ptr, len)`, after checking it overlaps none of
/// `others`. `(NULL, 0)` is the empty buffer.
///
/// # Safety
///
/// Unless NULL, `ptr` is writable for `len` bytes that nothing else reads
/// or writes during `'a`, except through the regions in `others`.
pub(crate) unsafe fn output<'a>(
    ptr: *mut u8,
    len: usize,
    others: &[Region],
) -> Result<&'a mut [u8], Fail> {
    if len == 0 {
        return Ok(&mut []);
    }
    check_range(ptr, len)?;
    let region = Region {
        start: ptr as usize,
        end: ptr as usize + len,
    };
    if others.iter().any(|other| other.overlaps(region)) {
        return Err(Fail::OVERLAP);
    }
    // SAFETY: non-NULL and in range (checked), disjoint from every other
    // argument (checked), writable and otherwise unaliased for 'a by the
    // caller's contract.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// A checked out-pointer, written at most once.
#[derive(Debug)]
pub(crate) struct OutPtr<'a, T> {
    ptr: NonNull<T>,
    _lifetime: PhantomData<&'a mut T>,
}

/// The out-pointer `ptr`: non-NULL and aligned.
///
/// # Safety
///
/// Unless NULL, `ptr` is valid for writing a `T` during `'a`.
pub(crate) unsafe fn out_ptr<'a, T>(ptr: *mut T) -> Result<OutPtr<'a, T>, Fail> {
    let ptr = NonNull::new(ptr).ok_or(Fail::NULL)?;
    if !ptr.is_aligned() {
        return Err(Fail::INVALID);
    }
    Ok(OutPtr {
        ptr,
        _lifetime: PhantomData,
    })
}

/// The out-pointer `ptr`, as [`out_ptr`], which must also lie outside
/// every region of `apart` (the objects and inputs the call reads while
/// it writes): `JETON_ERR_OVERLAPPING_BUFFERS` otherwise.
///
/// # Safety
///
/// As [`out_ptr`].
pub(crate) unsafe fn out_ptr_apart<'a, T>(
    ptr: *mut T,
    apart: &[Region],
) -> Result<OutPtr<'a, T>, Fail> {
    // SAFETY: the caller's contract.
    let out = unsafe { out_ptr(ptr) }?;
    let region = Region::object(ptr);
    if apart.iter().any(|other| other.overlaps(region)) {
        return Err(Fail::OVERLAP);
    }
    Ok(out)
}

impl<T> OutPtr<'_, T> {
    /// Writes `value`, without reading or dropping what was there (it may
    /// be uninitialized C memory).
    pub(crate) fn set(self, value: T) {
        // SAFETY: non-NULL and aligned (checked by `out_ptr`), valid for a
        // write by the caller's contract.
        unsafe { self.ptr.as_ptr().write(value) }
    }
}

/// A checked output array of `T`: written element by element, never read
/// (it may be uninitialized C memory).
#[derive(Debug)]
pub(crate) struct OutArray<'a, T> {
    ptr: *mut T,
    len: usize,
    _lifetime: PhantomData<&'a mut [T]>,
}

/// The output array of `count` values of `T` at `ptr`, which must lie
/// outside every region of `apart` (what the call reads while it writes):
/// `JETON_ERR_OVERLAPPING_BUFFERS` otherwise. `(NULL, 0)` is the empty
/// array; `(NULL, n > 0)` is `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// Unless NULL, `ptr` is valid for writing `count` values of `T` during
/// `'a`, and nothing else reads or writes them meanwhile.
pub(crate) unsafe fn out_array<'a, T>(
    ptr: *mut T,
    count: usize,
    apart: &[Region],
) -> Result<OutArray<'a, T>, Fail> {
    if count == 0 {
        return Ok(OutArray {
            ptr: NonNull::dangling().as_ptr(),
            len: 0,
            _lifetime: PhantomData,
        });
    }
    if ptr.is_null() {
        return Err(Fail::NULL);
    }
    let bytes = count.checked_mul(size_of::<T>()).ok_or(Fail::INVALID)?;
    if !ptr.is_aligned()
        || bytes > isize::MAX as usize
        || (ptr as usize).checked_add(bytes).is_none()
    {
        return Err(Fail::INVALID);
    }
    let region = Region::array(ptr.cast_const(), count);
    if apart.iter().any(|other| other.overlaps(region)) {
        return Err(Fail::OVERLAP);
    }
    Ok(OutArray {
        ptr,
        len: count,
        _lifetime: PhantomData,
    })
}

impl<T> OutArray<'_, T> {
    /// Room, in values.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Writes `value` at `index`, without reading or dropping what was
    /// there; `false` (and nothing written) past the end.
    pub(crate) fn set(&mut self, index: usize, value: T) -> bool {
        if index >= self.len {
            return false;
        }
        // SAFETY: `index < len`, and the `len` values from `ptr` are
        // writable, aligned and unaliased (checked by `out_array` and the
        // caller's contract).
        unsafe { self.ptr.add(index).write(value) };
        true
    }
}

/// Reports a formatter's result in the `snprintf` way: the length written
/// on success, the length needed with `JETON_ERR_BUFFER_TOO_SMALL`, and
/// nothing on any other error.
pub(crate) fn report_len(result: Result<usize, Error>, len: OutPtr<'_, usize>) -> Result<(), Fail> {
    match result {
        Ok(n) => {
            len.set(n);
            Ok(())
        }
        Err(Error::BufferTooSmall { needed }) => {
            len.set(needed);
            Err(Fail::BUFFER_TOO_SMALL)
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs a formatter `out -> length` into a C buffer, with the checks of
/// `out_len` and of `out` (which must overlap none of `others`: the regions
/// of everything else the call reads) and the `snprintf` length report:
/// the shape of every function that writes into a caller's buffer.
///
/// # Safety
///
/// `out` is writable for `out_cap` bytes; `out_len` points to a writable
/// `size_t`; `others` are the regions of every other argument the call
/// reads.
pub(crate) unsafe fn write_out(
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    others: &[Region],
    run: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<(), Fail> {
    // SAFETY: `out_len` points to a writable `size_t` (function contract).
    let out_len = unsafe { out_ptr(out_len)? };
    // SAFETY: `out` is writable for `out_cap` bytes (function contract);
    // `output` checks that it overlaps nothing in `others`.
    let out = unsafe { output(out, out_cap, others)? };
    report_len(run(out), out_len)
}

/// [`write_out`] for a byte transform `(input, out) -> length`: every
/// encoder and decoder of the C API.
///
/// # Safety
///
/// `data` is readable for `data_len` bytes; otherwise as [`write_out`].
pub(crate) unsafe fn transform(
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    run: impl FnOnce(&[u8], &mut [u8]) -> Result<usize, Error>,
) -> Result<(), Fail> {
    // SAFETY: `data` is readable for `data_len` bytes (function contract).
    let data = unsafe { input(data, data_len)? };
    // SAFETY: as the function contract says; `out` may not overlap `data`.
    unsafe {
        write_out(out, out_cap, out_len, &[Region::of(data)], |out| {
            run(data, out)
        })
    }
}

/// A borrowed view of bytes the caller owns: `len` bytes at `ptr`.
///
/// As an output it always points into the input (or object) the function
/// documents, and stays valid as long as that does; `ptr` is never NULL
/// then, even when `len` is 0. As an optional field, `ptr == NULL` (with
/// `len == 0`) means absent.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct jeton_bytes {
    /// The first byte; NULL only for an absent optional value.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

impl jeton_bytes {
    /// The absent value: NULL and 0.
    pub(crate) const ABSENT: jeton_bytes = jeton_bytes {
        ptr: core::ptr::null(),
        len: 0,
    };

    /// A view of `part`, which lies inside `whole`. An empty `part` that
    /// does not (core may hand out `&[]`) becomes the start of `whole`, so
    /// that a result always points into the caller's bytes.
    pub(crate) fn within(whole: &[u8], part: &[u8]) -> jeton_bytes {
        let inside = Region::of(whole);
        let start = part.as_ptr() as usize;
        let ptr = if part.is_empty() && !(inside.start..=inside.end).contains(&start) {
            whole.as_ptr()
        } else {
            part.as_ptr()
        };
        jeton_bytes {
            ptr,
            len: part.len(),
        }
    }

    /// A view of `part`, which lies in the `len` bytes at `start` (a buffer
    /// the core has borrowed, so that no slice of it can be held): an
    /// empty `part` elsewhere becomes `start`.
    pub(crate) fn inside(start: *const u8, len: usize, part: &[u8]) -> jeton_bytes {
        let region = Region {
            start: start as usize,
            end: (start as usize).saturating_add(len),
        };
        let at = part.as_ptr() as usize;
        let ptr = if part.is_empty() && !(region.start..=region.end).contains(&at) {
            start
        } else {
            part.as_ptr()
        };
        jeton_bytes {
            ptr,
            len: part.len(),
        }
    }

    /// [`jeton_bytes::inside`] of an optional part; absent is NULL.
    pub(crate) fn inside_optional(
        start: *const u8,
        len: usize,
        part: Option<&[u8]>,
    ) -> jeton_bytes {
        part.map_or(jeton_bytes::ABSENT, |p| jeton_bytes::inside(start, len, p))
    }

    /// [`jeton_bytes::within`] of an optional part; absent is NULL.
    pub(crate) fn within_optional(whole: &[u8], part: Option<&[u8]>) -> jeton_bytes {
        part.map_or(jeton_bytes::ABSENT, |p| jeton_bytes::within(whole, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_overlap_only_when_they_share_a_byte() {
        let r = |start, end| Region { start, end };
        assert!(r(0, 4).overlaps(r(3, 5)));
        assert!(!r(0, 4).overlaps(r(4, 5)));
        assert!(!r(0, 0).overlaps(r(0, 5)));
        assert!(r(2, 3).overlaps(r(0, 10)));
    }

    #[test]
    fn pointer_rules() {
        let data = [1u8, 2, 3];
        // SAFETY: the pointers below are NULL or point to `data`/`buf`.
        unsafe {
            assert_eq!(input(core::ptr::null(), 0), Err(Fail::NULL));
            assert_eq!(input(data.as_ptr(), 3).map(<[u8]>::len), Ok(3));
            assert_eq!(
                input(data.as_ptr(), usize::MAX).map(<[u8]>::len),
                Err(Fail::INVALID)
            );
            assert_eq!(optional_input(core::ptr::null(), 0), Ok(None));
            assert_eq!(optional_input(core::ptr::null(), 1), Err(Fail::INVALID));
            assert_eq!(
                output(core::ptr::null_mut(), 0, &[]).map(|b| b.len()),
                Ok(0)
            );
            assert_eq!(
                output(core::ptr::null_mut(), 1, &[]).map(|b| b.len()),
                Err(Fail::NULL)
            );
            let mut buf = [0u8; 8];
            let p = buf.as_mut_ptr();
            let inner = Region::of(core::slice::from_raw_parts(p.add(4), 2));
            assert_eq!(output(p, 8, &[inner]).map(|b| b.len()), Err(Fail::OVERLAP));
            assert_eq!(output(p, 4, &[inner]).map(|b| b.len()), Ok(4));
            assert_eq!(
                out_ptr::<usize>(core::ptr::null_mut()).map(|_| ()),
                Err(Fail::NULL)
            );
            // One byte past a `usize`-aligned address: misaligned wherever
            // the allocation lands (`buf` alone may sit at any address,
            // and Miri places it at random).
            let mut words = [0usize; 2];
            let misaligned = words.as_mut_ptr().cast::<u8>().add(1).cast::<usize>();
            assert_eq!(out_ptr(misaligned).map(|_| ()), Err(Fail::INVALID));
        }
    }

    #[test]
    fn views_point_into_their_input() {
        let whole = b"abc";
        let view = jeton_bytes::within(whole, &whole[1..2]);
        assert_eq!((view.ptr, view.len), (whole[1..].as_ptr(), 1));
        let view = jeton_bytes::within(whole, &[]);
        assert_eq!((view.ptr, view.len), (whole.as_ptr(), 0));
        assert!(jeton_bytes::within_optional(whole, None).ptr.is_null());
    }
}
