//! The C ABI of jeton: `libjeton.a`, `libjeton.so` and `include/jeton.h`.
//!
//! This crate only translates: every function checks its pointers, calls
//! the core crate [`jeton`] and reports the outcome as a `jeton_status`.
//! The C conventions (status codes, buffers, out-pointers, objects the
//! caller places, threads, panics) are written once, at the top of
//! `include/jeton.h`, which cbindgen generates from this crate; the same
//! text lives in `ffi/cbindgen.toml`.
//!
//! # Layout
//!
//! - `status`: `jeton_status`, its named values and `jeton_status_str`.
//! - `boundary`: the one panic boundary every exported function goes
//!   through (a test checks that none is missed).
//! - `ptr` and `object`: the only places raw pointers become references;
//!   every `unsafe` block carries a `// SAFETY:` comment.
//! - One module per core capability: `cookie` (the `Cookie` header and
//!   dates), `set_cookie`, `jar`, `codec` (percent and base64), `mac`
//!   (keys and key rings), `signed` (keygrip, cookie-signature, signed
//!   values with an expiry and CSRF tokens), `json`
//!   (validation), `jwt` (key sets, encode, verify, claim getters), `auth`
//!   (Basic, Bearer, challenges), `revocation` (the JWT revocation list,
//!   below `jwt`, which consults it), `session` (IDs and the session
//!   store) and `shared` (the keys, records and expiry decisions of a
//!   store many servers share, such as Redis), and `limit` (the rate
//!   limiter);
//! - `oauth`: OAuth 2.0 and OpenID Connect (encodings, PKCE, the signed
//!   `state`, requests, callbacks, responses, the device flow, metadata,
//!   ID and access tokens, introspection, DPoP).
//!
//! # Features
//!
//! - `std` (default): panics are caught at the boundary and returned as
//!   `JETON_ERR_PANIC`.
//! - Without `std` the crate is `no_std` for firmware: a panic (none is
//!   reachable from any input: the core denies every panicking construct)
//!   ends in the panic handler, which traps (`udf` on Arm, a spin loop
//!   elsewhere).
//! - `panic-hook` (no `std` only): the panic handler calls
//!   `void jeton_panic_hook(void)` instead, which the firmware defines to
//!   log and reset.
#![cfg_attr(not(feature = "std"), no_std)]
// The exported types carry their C names.
#![allow(non_camel_case_types)]
#![deny(missing_docs)]

#[macro_use]
mod object;

#[cfg(test)]
mod abi;
pub mod auth;
mod boundary;
#[cfg(test)]
mod c_callers;
#[cfg(test)]
mod checks;
pub mod codec;
pub mod cookie;
pub mod jar;
pub mod json;
pub mod jwt;
pub mod limit;
pub mod mac;
pub mod oauth;
mod panic;
mod ptr;
pub mod revocation;
pub mod session;
pub mod set_cookie;
pub mod shared;
pub mod signed;
pub mod status;

use core::ffi::c_char;

pub use ptr::jeton_bytes;

use boundary::boundary;

/// Major version of the library this header describes.
pub const JETON_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header describes.
pub const JETON_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header describes.
pub const JETON_VERSION_PATCH: u32 = 0;

/// Alignment in bytes of every object type (`jeton_hmac_key`,
/// `jeton_key_ring`, `jeton_cookie_jar`, `jeton_cookie_iter`,
/// `jeton_jwt_key_set`, `jeton_jwks`, `jeton_session_store`,
/// `jeton_revocation_list`, `jeton_rate_limiter`, `jeton_oauth_form_iter`,
/// `jeton_oauth_device_poller`).
/// Storage you allocate yourself must be aligned to it: `malloc` on 64-bit
/// glibc is.
pub const JETON_OBJECT_ALIGN: usize = 16;
const _: () = assert!(JETON_OBJECT_ALIGN == object::OBJECT_ALIGN);

/// The version of the library actually linked, as `"MAJOR.MINOR.PATCH"`:
/// a static, NUL-terminated string. Compare it with `JETON_VERSION_*` to
/// detect a header and library mismatch.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_version() -> *const c_char {
    boundary(|| VERSION)
}

/// The crate version, NUL-terminated, checked at compile time.
const VERSION: &core::ffi::CStr =
    match core::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes())
    {
        Ok(version) => version,
        Err(_) => panic!("the version holds a NUL"),
    };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_constants_match_cargo_toml() {
        assert_eq!(
            env!("CARGO_PKG_VERSION_MAJOR").parse::<u32>().unwrap(),
            JETON_VERSION_MAJOR
        );
        assert_eq!(
            env!("CARGO_PKG_VERSION_MINOR").parse::<u32>().unwrap(),
            JETON_VERSION_MINOR
        );
        assert_eq!(
            env!("CARGO_PKG_VERSION_PATCH").parse::<u32>().unwrap(),
            JETON_VERSION_PATCH
        );
        // SAFETY: jeton_version returns a static NUL-terminated string.
        let linked = unsafe { core::ffi::CStr::from_ptr(jeton_version()) };
        assert_eq!(linked.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
