//! `jeton_status`: the return value of every function, its named values,
//! and `jeton_status_str`.
//!
//! The core errors keep the numbers [`jeton::Error::code`] gives them
//! (negative, grouped by hundreds, never reused); the C layer adds its own
//! failures from -9000 down and one positive, non-error value,
//! `JETON_DONE`. A number once published is never given another meaning;
//! a retired one stays in the list of the C layer's statuses (in
//! `generate.rs`) as a comment.
//!
//! The named values (`enum jeton_status_code`) and their descriptions are
//! generated into `codes.rs` from [`jeton::Error::ALL`] and that list:
//! cbindgen reads source files and cannot expand the core's macro, so the
//! enum must be plain Rust. A test fails while the file is stale.
//!
//! Layering: this module uses `boundary` (for its two exported functions,
//! and to say how a `Result<_, Fail>` becomes a status); `boundary` knows
//! no status value.

use core::ffi::{CStr, c_char};

use jeton::Error;

use crate::boundary::{FfiReturn, Step, boundary};

// Generated: formatted by its generator, not by rustfmt.
#[rustfmt::skip]
mod codes;
#[cfg(test)]
mod generate;

pub(crate) use codes::STATUSES;
pub use codes::jeton_status_code;
pub(crate) use jeton_status_code::*;

/// The result of a jeton function: `JETON_OK` (0) on success, a negative
/// `JETON_ERR_*` value on failure, or `JETON_DONE` (positive) when an
/// iteration has no more items. Always 32 bits wide; the values are listed
/// in `enum jeton_status_code`.
pub type jeton_status = i32;

/// A failure on its way out of an exported function: the status to
/// return. `?` turns a core [`Error`] into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fail(pub(crate) jeton_status);

impl Fail {
    pub(crate) const NULL: Fail = Fail(JETON_ERR_NULL_POINTER as jeton_status);
    pub(crate) const INVALID: Fail = Fail(JETON_ERR_INVALID_ARGUMENT as jeton_status);
    pub(crate) const NOT_INITIALIZED: Fail = Fail(JETON_ERR_NOT_INITIALIZED as jeton_status);
    pub(crate) const OVERLAP: Fail = Fail(JETON_ERR_OVERLAPPING_BUFFERS as jeton_status);
    pub(crate) const BUFFER_TOO_SMALL: Fail = Fail(JETON_ERR_BUFFER_TOO_SMALL as jeton_status);
}

impl From<Error> for Fail {
    /// The core's own code: every core error keeps its number in C, even
    /// one this layer does not name yet.
    fn from(e: Error) -> Fail {
        Fail(e.code())
    }
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

/// One named status: its value, the C constant's name and its
/// description. The table of them, `STATUSES`, is generated.
#[derive(Debug)]
pub(crate) struct StatusInfo {
    pub(crate) code: jeton_status_code,
    /// Read by the tests, which check it against the header.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) name: &'static str,
    pub(crate) text: &'static CStr,
}

/// What `jeton_status_str` answers for a value it does not know.
pub(crate) const UNKNOWN_STATUS: &CStr = c"unknown status";

/// The description of `status`, or [`UNKNOWN_STATUS`].
pub(crate) fn describe(status: jeton_status) -> &'static CStr {
    STATUSES
        .iter()
        .find(|s| s.code as jeton_status == status)
        .map_or(UNKNOWN_STATUS, |s| s.text)
}

/// Describes a status in a few words of English: a static, NUL-terminated
/// string that must not be freed or modified, for every value including
/// unknown ones (`"unknown status"`). Never returns NULL.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_status_str(status: jeton_status) -> *const c_char {
    boundary(|| describe(status))
}

/// `true` for the failures, the negative statuses: `JETON_OK` and
/// `JETON_DONE` are not failures.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_status_is_error(status: jeton_status) -> bool {
    boundary(|| status < 0)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::ffi::CStr;

    use super::*;

    /// The generated table against the core, at run time: the staleness
    /// test in `generate` says the same with the command to fix it.
    #[test]
    fn every_core_error_has_a_named_constant_and_a_description() {
        for e in Error::ALL {
            let info = STATUSES
                .iter()
                .find(|s| s.code as jeton_status == e.code())
                .unwrap_or_else(|| panic!("core error {e:?} has no C constant: {}", generate::HOW));
            assert_eq!(info.name, generate::c_name(e), "constant of {e:?}");
            assert_eq!(info.text.to_str().unwrap(), e.as_str());
            assert_eq!(describe(e.code()).to_str().unwrap(), e.as_str());
        }
    }

    #[test]
    fn codes_are_unique_and_ffi_codes_stay_in_their_range() {
        for (i, a) in STATUSES.iter().enumerate() {
            for b in &STATUSES[i + 1..] {
                assert_ne!(a.code, b.code, "{} and {}", a.name, b.name);
                assert_ne!(a.text, b.text, "{} and {}", a.name, b.name);
            }
            let code = a.code as jeton_status;
            if Error::from_code(code).is_none() {
                assert!(
                    code >= 0 || (-9999..=-9000).contains(&code),
                    "{} collides with the core's ranges",
                    a.name
                );
            }
        }
        let core_named = STATUSES
            .iter()
            .filter(|s| Error::from_code(s.code as jeton_status).is_some())
            .count();
        assert_eq!(core_named, Error::ALL.len());
    }

    #[test]
    fn status_str_names_every_status_and_unknown_ones() {
        for s in &STATUSES {
            // SAFETY: jeton_status_str returns a static NUL-terminated string.
            let text = unsafe { CStr::from_ptr(jeton_status_str(s.code as jeton_status)) };
            assert_eq!(text, s.text);
            assert!(!text.to_bytes().is_empty());
        }
        for unknown in [2, -5, -99, -9999, i32::MIN, i32::MAX] {
            // SAFETY: as above.
            let text = unsafe { CStr::from_ptr(jeton_status_str(unknown)) };
            assert_eq!(text, UNKNOWN_STATUS);
        }
        assert!(jeton_status_is_error(JETON_ERR_PANIC as jeton_status));
        assert!(!jeton_status_is_error(JETON_DONE as jeton_status));
        assert!(!jeton_status_is_error(JETON_OK as jeton_status));
    }

    #[cfg(feature = "std")]
    #[test]
    fn panics_become_statuses() {
        let status = boundary(|| -> Result<(), Fail> { panic!("boom") });
        assert_eq!(status, JETON_ERR_PANIC as jeton_status);
        let status = boundary(|| -> Result<Step, Fail> { panic!("boom") });
        assert_eq!(status, JETON_ERR_PANIC as jeton_status);
    }

    #[test]
    fn results_become_statuses() {
        assert_eq!(boundary(|| Ok::<(), Fail>(())), 0);
        assert_eq!(boundary(|| Ok::<Step, Fail>(Step::Item)), 0);
        assert_eq!(boundary(|| Ok::<Step, Fail>(Step::Done)), 1);
        assert_eq!(
            boundary(|| Err::<(), Fail>(Fail::NULL)),
            JETON_ERR_NULL_POINTER as jeton_status
        );
        assert_eq!(
            boundary(|| Err::<Step, Fail>(Error::JsonSyntax.into())),
            -600
        );
    }
}
