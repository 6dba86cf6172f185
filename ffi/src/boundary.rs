//! The one door out of Rust: every exported function runs its body through
//! [`boundary`], and a test (`tests/boundary.rs`) fails when one does not.
//!
//! With the `std` feature a panic is caught here and becomes
//! `JETON_ERR_PANIC` (or the fallback of the function's return type), so
//! no unwinding ever crosses into C. Without `std` there is no unwinding
//! to catch: the crate is built with `panic = "abort"` semantics and a
//! panic ends in the panic handler (see `panic.rs`).
//!
//! The body is a closure rather than a macro block so that rustfmt formats
//! every function.
//!
//! This module sits below `status`: it knows no status value. How a
//! `Result<_, Fail>` becomes a `jeton_status` (and what a panic becomes)
//! is implemented in `status`, next to the values.

use core::ffi::{CStr, c_char};

/// What an exported function's body produces, and how it and a caught
/// panic become the C return value.
pub(crate) trait FfiReturn {
    /// The C return type.
    type C;
    /// The C value of a finished body.
    fn into_c(self) -> Self::C;
    /// The C value returned when the body panicked (only `std` builds
    /// catch panics).
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    fn on_panic() -> Self::C;
}

/// One step of an iteration: an item was written, or there is none left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// `JETON_OK`: the item was written.
    Item,
    /// `JETON_DONE`: nothing was written.
    Done,
}

impl FfiReturn for &'static CStr {
    type C = *const c_char;

    fn into_c(self) -> *const c_char {
        self.as_ptr()
    }

    fn on_panic() -> *const c_char {
        c"internal panic caught at the C boundary".as_ptr()
    }
}

/// A static string or NULL (also after a panic: NULL is the answer the
/// caller already handles).
impl FfiReturn for Option<&'static CStr> {
    type C = *const c_char;

    fn into_c(self) -> *const c_char {
        self.map_or(core::ptr::null(), CStr::as_ptr)
    }

    fn on_panic() -> *const c_char {
        core::ptr::null()
    }
}

impl FfiReturn for bool {
    type C = bool;

    fn into_c(self) -> bool {
        self
    }

    fn on_panic() -> bool {
        false
    }
}

/// Runs the body of an exported function and converts its result to the C
/// return value; under `std`, a panic becomes [`FfiReturn::on_panic`].
#[inline]
pub(crate) fn boundary<R: FfiReturn>(body: impl FnOnce() -> R) -> R::C {
    #[cfg(feature = "std")]
    {
        use std::panic::{AssertUnwindSafe, catch_unwind};
        // Objects the body was changing may be half-changed after a panic;
        // the status tells the caller to re-initialize them.
        match catch_unwind(AssertUnwindSafe(body)) {
            Ok(result) => result.into_c(),
            Err(payload) => {
                // Dropping the payload runs foreign code that could panic
                // in turn: contain that too.
                let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
                R::on_panic()
            }
        }
    }
    #[cfg(not(feature = "std"))]
    {
        body().into_c()
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn panics_become_the_fallback_of_the_return_type() {
        let text = boundary(|| -> &'static CStr { panic!("boom") });
        assert!(!text.is_null());
        assert!(!boundary(|| -> bool { panic!("boom") }));
    }

    #[test]
    fn results_pass_through() {
        // SAFETY: boundary returns the static string's own pointer.
        let text = unsafe { CStr::from_ptr(boundary(|| c"fine")) };
        assert_eq!(text, c"fine");
        assert!(boundary(|| true));
    }
}
