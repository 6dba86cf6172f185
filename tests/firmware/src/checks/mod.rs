//! The checks, one module per group, each group behind a cargo feature of
//! the same name.
//!
//! Adding a check: write `fn my_check(c: &mut Checker<'_>)` in the group's
//! module and list it in that module's `CHECKS` with
//! `check!("what it checks", my_check, VECTOR_STATIC, ...)`. Adding a
//! group: a module with its `CHECKS`, a feature in `Cargo.toml` (added to
//! `default`), and one line in [`GROUPS`]. Vector statics come from
//! `build.rs`. An operation that counts towards the flash goal also goes
//! into the footprint probe (`footprint.rs`).

// A `baseline` build keeps only the check names and the vector statics.
#![cfg_attr(feature = "baseline", allow(dead_code, unused_imports))]

use crate::harness::Check;

#[cfg(feature = "auth")]
mod auth;
#[cfg(feature = "cookie-header")]
mod cookie_header;
#[cfg(feature = "footprint")]
mod footprint;
#[cfg(feature = "hmac")]
mod hmac;
#[cfg(feature = "jwt")]
mod jwt;
#[cfg(feature = "session")]
mod session;
#[cfg(feature = "set-cookie")]
mod set_cookie;
#[cfg(feature = "set-cookie-parse")]
mod set_cookie_parse;
#[cfg(feature = "signed")]
mod signed;

/// Every group built in, in the order they run.
pub static GROUPS: &[&[Check]] = &[
    #[cfg(feature = "footprint")]
    footprint::CHECKS,
    #[cfg(feature = "cookie-header")]
    cookie_header::CHECKS,
    #[cfg(feature = "set-cookie")]
    set_cookie::CHECKS,
    #[cfg(feature = "set-cookie-parse")]
    set_cookie_parse::CHECKS,
    #[cfg(feature = "signed")]
    signed::CHECKS,
    #[cfg(feature = "hmac")]
    hmac::CHECKS,
    #[cfg(feature = "jwt")]
    jwt::CHECKS,
    #[cfg(feature = "auth")]
    auth::CHECKS,
    #[cfg(feature = "session")]
    session::CHECKS,
];

/// An operation name per HMAC algorithm: `per_algorithm!(alg, "op")` is
/// `"op SHA-1"`, `"op SHA-256"`, ...
#[allow(unused_macros)]
macro_rules! per_algorithm {
    ($alg:expr, $op:literal) => {
        match $alg {
            jeton::mac::Algorithm::Sha1 => concat!($op, " SHA-1"),
            jeton::mac::Algorithm::Sha256 => concat!($op, " SHA-256"),
            jeton::mac::Algorithm::Sha384 => concat!($op, " SHA-384"),
            jeton::mac::Algorithm::Sha512 => concat!($op, " SHA-512"),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use per_algorithm;

/// A jeton result as failure-line text: `ok`, or `error <code>` with
/// jeton's stable error code (`Error::code`). Deriving the text from
/// `Error`'s `Debug` would put every variant's name in flash.
#[allow(dead_code)] // which groups use it depends on the features
pub(crate) struct Code(Option<i32>);

#[allow(dead_code)]
impl Code {
    /// The outcome of `result`.
    pub(crate) fn of<T>(result: &Result<T, jeton::Error>) -> Code {
        Code(result.as_ref().err().map(jeton::Error::code))
    }

    /// An error.
    pub(crate) fn err(error: jeton::Error) -> Code {
        Code(Some(error.code()))
    }
}

impl core::fmt::Display for Code {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            None => f.write_str("ok"),
            Some(code) => write!(f, "error {code}"),
        }
    }
}
