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

use core::ffi::{CStr, c_char};

use crate::status::{Fail, JETON_DONE, JETON_ERR_PANIC, JETON_OK, jeton_status};

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

impl FfiReturn for Result<(), Fail> {
    type C = jeton_status;

    fn into_c(self) -> jeton_status {
        match self {
            Ok(()) => JETON_OK as jeton_status,
            Err(Fail(status)) => status,
        }
    }

    fn on_panic() -> jeton_status {
        JETON_ERR_PANIC as jeton_status
    }
}

/// One step of an iteration: an item was written, or there is none left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// `JETON_OK`: the item was written.
    Item,
    /// `JETON_DONE`: nothing was written.
    Done,
}

impl FfiReturn for Result<Step, Fail> {
    type C = jeton_status;

    fn into_c(self) -> jeton_status {
        match self {
            Ok(Step::Item) => JETON_OK as jeton_status,
            Ok(Step::Done) => JETON_DONE as jeton_status,
            Err(Fail(status)) => status,
        }
    }

    fn on_panic() -> jeton_status {
        JETON_ERR_PANIC as jeton_status
    }
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
    use crate::status::JETON_ERR_NULL_POINTER;

    #[test]
    fn panics_become_statuses() {
        let status = boundary(|| -> Result<(), Fail> { panic!("boom") });
        assert_eq!(status, JETON_ERR_PANIC as jeton_status);
        let status = boundary(|| -> Result<Step, Fail> { panic!("boom") });
        assert_eq!(status, JETON_ERR_PANIC as jeton_status);
        let text = boundary(|| -> &'static CStr { panic!("boom") });
        assert!(!text.is_null());
        assert!(!boundary(|| -> bool { panic!("boom") }));
    }

    #[test]
    fn results_pass_through() {
        assert_eq!(boundary(|| Ok::<(), Fail>(())), 0);
        assert_eq!(boundary(|| Ok::<Step, Fail>(Step::Done)), 1);
        assert_eq!(
            boundary(|| Err::<(), Fail>(Fail::NULL)),
            JETON_ERR_NULL_POINTER as jeton_status
        );
    }
}
