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

#[cfg(feature = "cookie-header")]
mod cookie_header;
#[cfg(feature = "footprint")]
mod footprint;
#[cfg(feature = "hmac")]
mod hmac;
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
