//! A global allocator that counts, per thread, the allocations made while a
//! closure runs, so that a test can show an operation allocates nothing.
//!
//! A test binary opts in by installing it, then counts:
//!
//! ```
//! use jeton_tests::alloc_counter::{CountingAllocator, count_allocations};
//!
//! #[global_allocator]
//! static COUNTER: CountingAllocator = CountingAllocator;
//!
//! let (calls, bytes, boxed) = count_allocations(|| std::hint::black_box(Box::new([0u8; 24])));
//! assert_eq!((calls, bytes), (1, 24));
//! let (calls, _, header) =
//!     count_allocations(|| jeton::cookie::CookieHeader::parse(b"a=1; b=2").map(|h| h.iter().count()));
//! assert_eq!((calls, header), (0, Ok(2)));
//! # drop(boxed);
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static COUNT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Forwards to the system allocator and counts calls and bytes on the
/// calling thread.
#[derive(Debug)]
pub struct CountingAllocator;

fn record(bytes: usize) {
    // `try_with` so that allocations during thread teardown do not panic.
    let _ = COUNT.try_with(|c| {
        let (n, b) = c.get();
        c.set((n + 1, b + bytes));
    });
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; counting touches only a thread-local `Cell`.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Allocation calls and bytes requested on this thread while `f` ran, and
/// `f`'s result.
pub fn count_allocations<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let before = COUNT.with(Cell::get);
    let result = f();
    let after = COUNT.with(Cell::get);
    (after.0 - before.0, after.1 - before.1, result)
}
