//! jeton: the state that rides on HTTP requests, without an allocator.
//!
//! jeton reads and writes cookies, signed cookies, session IDs, HTTP
//! credentials and JSON Web Tokens in `no_std` code that never allocates.
//! Parsers borrow from the caller's bytes; formatters write into a buffer
//! the caller owns and, when it is too small, fail with
//! [`Error::BufferTooSmall`] carrying the length that would have fit, the
//! way `snprintf` does.
//!
//! # Modules
//!
//! - [`cookie`]: the `Cookie` request header, `Set-Cookie` formatting and
//!   parsing, cookie dates, and a fixed-capacity client cookie jar.
//! - [`mac`]: HMAC-SHA1/256/384/512 keys with pre-computed pads, and key
//!   rings for rotation.
//! - [`signed`]: signed cookies that interoperate byte for byte with Node's
//!   cookie-session (keygrip) and express-session (cookie-signature).
//! - [`json`]: a strict RFC 8259 reader (zero-copy) and a writer.
//! - [`jwt`]: JSON Web Tokens, HS256/384/512, encoded and verified with
//!   claims validation.
//! - [`auth`]: `Authorization: Basic` and `Bearer`, and `WWW-Authenticate`
//!   challenges.
//! - [`session`]: session IDs from caller entropy, a fixed-capacity
//!   server-side session store, and a JWT revocation list.
//! - [`percent`]: percent-decoding and -encoding with the exact semantics of
//!   JavaScript's `decodeURIComponent` / `encodeURIComponent`.
//! - [`base64`]: strict, canonical-only base64 for public bytes.
//! - [`out`]: the output-buffer writer every formatter uses.
//! - [`Error`]: the one error type, with a stable numeric code per variant.
//!
//! # Example
//!
//! ```
//! use jeton::cookie::{CookieHeader, SameSite, SetCookie};
//!
//! // Read what the browser sent.
//! let header = CookieHeader::parse(b"theme=dark; session=a1b2c3")?;
//! assert_eq!(header.get(b"session").map(|c| c.value()), Some(&b"a1b2c3"[..]));
//!
//! // Answer with a cookie of our own.
//! let mut buf = [0u8; 128];
//! let len = SetCookie::new("session", "d4e5f6")
//!     .path("/")
//!     .secure(true)
//!     .http_only(true)
//!     .same_site(SameSite::Lax)
//!     .write(&mut buf)?;
//! assert_eq!(&buf[..len], b"session=d4e5f6; Path=/; Secure; HttpOnly; SameSite=Lax");
//! # Ok::<(), jeton::Error>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo
    )
)]

#[macro_use]
mod class;
mod list;

pub mod auth;
pub mod base64;
pub mod cookie;
mod error;
pub mod json;
pub mod jwt;
pub mod mac;
pub mod out;
pub mod percent;
pub mod session;
pub mod signed;

pub use error::Error;

/// Shorthand for `core::result::Result<T, jeton::Error>`.
pub type Result<T> = core::result::Result<T, Error>;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
