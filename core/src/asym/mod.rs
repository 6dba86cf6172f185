//! Asymmetric signature primitives: ECDSA over P-256 and P-384, Ed25519,
//! and RSA verification.
//!
//! Plumbing under the token formats: keys built from raw bytes (affine
//! coordinates, SEC1 points, 32-byte Ed25519 keys and seeds, RSA moduli and
//! exponents as big-endian integers), signatures in the fixed-size forms
//! JWS uses (RFC 7518 sections 3.3 to 3.5, RFC 8037 section 3.1), and
//! nothing about JSON, JWK or JWT. The elliptic-curve arithmetic is
//! RustCrypto's (`p256`, `p384`, `ecdsa`) and `ed25519-dalek`'s; RSA runs on
//! `crypto-bigint`'s fixed-width integers. This module fixes which
//! encodings are accepted, maps every failure onto [`Error`](crate::Error),
//! and keeps private keys wiped on drop.
//!
//! Each family is a cargo feature, on by default: `ecdsa` (P-256), `p384`
//! (P-384, which also brings in SHA-384), `eddsa` (Ed25519) and `rsa`
//! (RSASSA-PKCS1-v1_5 and RSASSA-PSS verification, RFC 8017, for 2048- to
//! 4096-bit keys). Firmware turns off the ones it does not use to keep
//! their code out of flash. Feature `pem` reads their keys from PEM and
//! DER files (`pem`). Feature `small-stack` (off by default) verifies
//! Ed25519 and ECDSA signatures by a plain double-and-add over the curve
//! crates' public point operations instead of their windowed
//! multiplications: a few points on the stack instead of two lookup
//! tables (on a Cortex-M, 2.9 KiB instead of 8.5 KiB for an EdDSA JWT
//! verification, 3.2 instead of 6.8 for ES256), for 25 to 50% more time;
//! the same answers.

#[cfg(feature = "ecdsa")]
pub mod ecdsa;
#[cfg(feature = "eddsa")]
pub mod eddsa;
#[cfg(all(
    feature = "pem",
    any(feature = "rsa", feature = "ecdsa", feature = "eddsa")
))]
pub mod pem;
#[cfg(feature = "rsa")]
pub mod rsa;
