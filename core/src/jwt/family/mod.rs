//! The signature families behind a [`JwtKey`](super::JwtKey): HMAC,
//! ECDSA, EdDSA and RSA, each one file and one cargo feature, offering JWT
//! the one interface below.
//! [`JwtKey`](super::JwtKey) holds the key of one family and dispatches
//! with a `match`, so adding a family adds a variant and a file, and the
//! HMAC path pays nothing for the others.

#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
pub(crate) mod hmac;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;

use super::JwtAlgorithm;
use crate::Error;

/// What a family's key does for JWT.
pub(crate) trait FamilyKey {
    /// The algorithm the key signs with when none is named, and the one
    /// it is reported as.
    fn default_algorithm(&self) -> JwtAlgorithm;

    /// Whether the key can sign and verify under `alg` (its type and, for
    /// families with several hashes, its size or curve fit).
    fn serves(&self, alg: JwtAlgorithm) -> bool;

    /// The length of this key's signatures under `alg`.
    fn signature_len(&self, alg: JwtAlgorithm) -> usize;

    /// Whether `signature` is this key's signature of `input` under `alg`
    /// (compared in constant time where the key is secret).
    fn verify(&self, alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool;

    /// Signs `input` under `alg` into `out`; returns the signature's
    /// length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`]; [`Error::JwtKeyInvalid`] for a key that
    /// cannot sign (a public key).
    fn sign(&self, alg: JwtAlgorithm, input: &[u8], out: &mut [u8]) -> Result<usize, Error>;
}
