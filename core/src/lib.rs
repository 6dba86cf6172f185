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
//! - [`asym`]: ECDSA (P-256, P-384), Ed25519 and RSA (verification only)
//!   signature primitives, each family a cargo feature.
//! - [`signed`]: signed cookies that interoperate byte for byte with Node's
//!   cookie-session (keygrip) and express-session (cookie-signature).
//! - [`json`]: a strict RFC 8259 reader (zero-copy) and a writer.
//! - [`jwt`]: JSON Web Tokens: HS256/384/512, ES256/384, EdDSA, RS256/384/512
//!   and PS256/384/512, keys from JWK, JWK Sets and PEM, encoded and
//!   verified with claims validation.
//! - [`auth`]: `Authorization: Basic` and `Bearer`, and `WWW-Authenticate`
//!   challenges.
//! - [`session`]: session IDs from caller entropy, a fixed-capacity
//!   server-side session store, and a JWT revocation list.
//! - [`oauth`]: OAuth 2.0 and OpenID Connect without I/O: request
//!   encodings, PKCE, signed `state`, callbacks, token and device flows,
//!   discovery metadata, ID tokens, JWT access tokens, introspection and
//!   DPoP. jeton builds the requests and judges the answers; the caller's
//!   HTTP client carries them.
//! - [`limit`]: a fixed-capacity rate limiter (login attempts per client
//!   and user name).
//! - [`percent`]: percent-decoding and -encoding with the exact semantics of
//!   JavaScript's `decodeURIComponent` / `encodeURIComponent`.
//! - [`base64`]: strict, canonical-only base64 for public bytes.
//! - [`out`]: the output-buffer writer every formatter uses.
//! - [`Error`]: the one error type, with a stable numeric code per variant.
//!
//! The modules form layers that run one way, from plumbing (the error
//! type, byte tables and search, `out`, `base64`, `percent`, `json`,
//! `mac`, `asym`) up to the formats (`cookie`, `signed`, `jwt`, `auth`,
//! `session`, `oauth`): a module uses only modules below it. The test
//! `tests/tests/layers.rs` holds the order and checks every edge.
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
#![deny(unsafe_code)]
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

mod list;
mod ring;
mod search;
// The one module with `unsafe`: SIMD intrinsics (see its documentation).
#[allow(unsafe_code)]
mod simd;
mod tables;

pub mod asym;
pub mod auth;
pub mod base64;
pub mod cookie;
mod error;
pub mod json;
pub mod jwt;
pub mod limit;
pub mod mac;
pub mod oauth;
pub mod out;
pub mod percent;
pub mod session;
pub mod signed;

pub use error::Error;

/// Shorthand for `core::result::Result<T, jeton::Error>`.
pub type Result<T> = core::result::Result<T, Error>;

/// For the differential fuzz target `simd`: whether every SIMD kernel this
/// CPU runs agrees with the scalar code on `input`, as base64 text, as
/// bytes to encode, as JSON string bytes and as a haystack for the byte
/// search (see the `simd` module).
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn simd_agrees_with_scalar(input: &[u8]) -> bool {
    base64::simd_agrees_with_scalar(input)
        && json::simd_string_run_agrees(input)
        && search::simd_agrees_with_scalar(input)
}

/// The README's Rust examples, compiled and run as doctests (in the
/// default build: they use ES256, which a build without `ecdsa` lacks).
#[cfg(all(doctest, feature = "ecdsa"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
