//! Proof Key for Code Exchange (RFC 7636): the `code_verifier` a client
//! keeps, and the `code_challenge` it sends with the authorization request.
//!
//! A verifier is 43 to 128 characters of `A-Z a-z 0-9 - . _ ~` (section
//! 4.1). jeton makes it from caller entropy as the unpadded base64url of
//! the random bytes (32 bytes, 256 bits, 43 characters by default, as the
//! RFC recommends), and the challenge is the unpadded base64url of its
//! SHA-256 (`S256`, section 4.2). The `plain` method sends the verifier
//! itself; it is refused unless asked for by name ([`Method::from_name`]
//! with `allow_plain`, [`AuthorizationRequest::code_challenge_plain`]).
//!
//! [`AuthorizationRequest::code_challenge_plain`]: crate::oauth::authorize::AuthorizationRequest::code_challenge_plain
//!
//! ```
//! use jeton::oauth::pkce::Pkce;
//!
//! // RFC 7636 appendix B: these 32 octets give this verifier and challenge.
//! let random = [
//!     116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
//!     77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
//! ];
//! let pkce = Pkce::from_bytes(&random);
//! assert_eq!(pkce.verifier(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
//! assert_eq!(pkce.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
//! ```

use core::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::out::Out;
use crate::session::Entropy;

/// Random bytes in a verifier from [`generate_verifier`]: 32 (256 bits).
pub const VERIFIER_BYTES: usize = 32;
/// Length of a verifier from [`generate_verifier`]: 43 characters.
pub const VERIFIER_LEN: usize = base64::encoded_len(VERIFIER_BYTES, Padding::Unpadded);
/// Shortest verifier RFC 7636 allows.
pub const MIN_VERIFIER_LEN: usize = 43;
/// Longest verifier RFC 7636 allows.
pub const MAX_VERIFIER_LEN: usize = 128;
/// Length of an `S256` challenge: the SHA-256 in unpadded base64url.
pub const CHALLENGE_LEN: usize = 43;

/// Whether `verifier` has the syntax of RFC 7636 section 4.1:
/// `43*128unreserved`, `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
///
/// ```
/// use jeton::oauth::pkce::is_well_formed_verifier;
/// assert!(is_well_formed_verifier(b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
/// assert!(!is_well_formed_verifier(b"too-short"));
/// assert!(!is_well_formed_verifier(b"dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk"));
/// ```
pub fn is_well_formed_verifier(verifier: &[u8]) -> bool {
    (MIN_VERIFIER_LEN..=MAX_VERIFIER_LEN).contains(&verifier.len())
        && verifier
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Writes the unpadded base64url of `random` as a verifier into `out`.
/// 32 to 96 bytes give 43 to 128 characters.
///
/// # Errors
///
/// [`Error::EntropyTooShort`] under 32 bytes; [`Error::InputTooLong`] over
/// 96; [`Error::BufferTooSmall`].
pub fn verifier_from_bytes(random: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if random.len() < VERIFIER_BYTES {
        return Err(Error::EntropyTooShort);
    }
    if random.len() > MAX_VERIFIER_LEN / 4 * 3 {
        return Err(Error::InputTooLong);
    }
    base64::encode(random, Alphabet::UrlSafe, Padding::Unpadded, out)
}

/// Draws [`VERIFIER_BYTES`] from `entropy` and writes a verifier of
/// [`VERIFIER_LEN`] characters into `out`.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `out` is shorter than [`VERIFIER_LEN`]
/// (found before any entropy is drawn); what the entropy source returns.
pub fn generate_verifier(entropy: &mut impl Entropy, out: &mut [u8]) -> Result<usize, Error> {
    if out.len() < VERIFIER_LEN {
        return Err(Error::BufferTooSmall {
            needed: VERIFIER_LEN,
        });
    }
    let mut random = [0u8; VERIFIER_BYTES];
    let result = entropy
        .fill(&mut random)
        .and_then(|()| verifier_from_bytes(&random, out));
    random.zeroize();
    result
}

/// Writes the `S256` challenge of `verifier` (unpadded base64url of its
/// SHA-256, [`CHALLENGE_LEN`] characters) into `out`.
///
/// # Errors
///
/// [`Error::PkceVerifierInvalid`] when `verifier` is not well-formed;
/// [`Error::BufferTooSmall`].
pub fn challenge_s256(verifier: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if !is_well_formed_verifier(verifier) {
        return Err(Error::PkceVerifierInvalid);
    }
    let digest: [u8; 32] = Sha256::digest(verifier).into();
    let mut w = Out::new(out);
    base64::encode_into(&digest, Alphabet::UrlSafe, Padding::Unpadded, &mut w);
    w.finish()
}

/// Whether `challenge` has the shape of an `S256` challenge: 43 unpadded
/// base64url characters, canonical.
pub fn is_well_formed_s256_challenge(challenge: &[u8]) -> bool {
    let mut digest = [0u8; 32];
    challenge.len() == CHALLENGE_LEN
        && base64::decode(challenge, Alphabet::UrlSafe, Padding::Unpadded, &mut digest) == Ok(32)
}

/// A `code_challenge_method`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `S256`: the challenge is the SHA-256 of the verifier.
    S256,
    /// `plain`: the challenge is the verifier itself. Only for a server
    /// that cannot do `S256` (RFC 7636 section 4.2), and only when named.
    Plain,
}

impl Method {
    /// The method's name on the wire.
    pub const fn name(self) -> &'static str {
        match self {
            Method::S256 => "S256",
            Method::Plain => "plain",
        }
    }

    /// The method named `name` (exact case, as RFC 7636 registers them).
    ///
    /// # Errors
    ///
    /// [`Error::PkceMethodRefused`] for `plain` unless `allow_plain`, and
    /// for any other name.
    ///
    /// ```
    /// use jeton::{Error, oauth::pkce::Method};
    /// assert_eq!(Method::from_name(b"S256", false), Ok(Method::S256));
    /// assert_eq!(Method::from_name(b"plain", false), Err(Error::PkceMethodRefused));
    /// assert_eq!(Method::from_name(b"plain", true), Ok(Method::Plain));
    /// assert_eq!(Method::from_name(b"s256", true), Err(Error::PkceMethodRefused));
    /// ```
    pub fn from_name(name: &[u8], allow_plain: bool) -> Result<Method, Error> {
        match name {
            b"S256" => Ok(Method::S256),
            b"plain" if allow_plain => Ok(Method::Plain),
            _ => Err(Error::PkceMethodRefused),
        }
    }
}

/// A verifier and its `S256` challenge, held inline. The verifier is wiped
/// when the value is dropped.
#[derive(Clone)]
pub struct Pkce {
    verifier: [u8; VERIFIER_LEN],
    challenge: [u8; CHALLENGE_LEN],
}

impl fmt::Debug for Pkce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The verifier is a secret until the token request.
        f.debug_struct("Pkce")
            .field("challenge", &self.challenge())
            .finish_non_exhaustive()
    }
}

impl Drop for Pkce {
    fn drop(&mut self) {
        self.verifier.zeroize();
    }
}

impl Pkce {
    /// A verifier from [`VERIFIER_BYTES`] of `entropy`, and its challenge.
    ///
    /// # Errors
    ///
    /// What the entropy source returns.
    pub fn generate(entropy: &mut impl Entropy) -> Result<Pkce, Error> {
        let mut random = [0u8; VERIFIER_BYTES];
        let result = entropy
            .fill(&mut random)
            .map(|()| Pkce::from_bytes(&random));
        random.zeroize();
        result
    }

    /// The verifier made of these random bytes, and its challenge.
    pub fn from_bytes(random: &[u8; VERIFIER_BYTES]) -> Pkce {
        let mut pkce = Pkce {
            verifier: [b'A'; VERIFIER_LEN],
            challenge: [b'A'; CHALLENGE_LEN],
        };
        // Both lengths are exact: these cannot fail.
        let _ = base64::encode(
            random,
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut pkce.verifier,
        );
        let _ = challenge_s256(&pkce.verifier, &mut pkce.challenge);
        pkce
    }

    /// The `code_verifier`, for the token request.
    pub fn verifier(&self) -> &str {
        ascii(&self.verifier)
    }

    /// The `code_challenge` (`S256`), for the authorization request.
    pub fn challenge(&self) -> &str {
        ascii(&self.challenge)
    }
}

/// Base64url text as `str` (it is ASCII by construction).
pub(crate) fn ascii(bytes: &[u8]) -> &str {
    core::str::from_utf8(bytes).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_sizes() {
        let mut out = [0u8; 130];
        assert_eq!(
            verifier_from_bytes(&[1; 31], &mut out),
            Err(Error::EntropyTooShort)
        );
        assert_eq!(verifier_from_bytes(&[1; 32], &mut out), Ok(43));
        assert_eq!(verifier_from_bytes(&[1; 96], &mut out), Ok(128));
        assert!(is_well_formed_verifier(&out[..128]));
        assert_eq!(
            verifier_from_bytes(&[1; 97], &mut out),
            Err(Error::InputTooLong)
        );
        for len in [0, 42, 129] {
            assert!(!is_well_formed_verifier(&[b'a'; 130][..len]));
            assert_eq!(
                challenge_s256(&[b'a'; 130][..len], &mut out),
                Err(Error::PkceVerifierInvalid)
            );
        }
        assert!(is_well_formed_verifier(&[b'~'; 43]));
        assert!(!is_well_formed_verifier(&[b'='; 43]));
        let mut short = [0u8; 42];
        let mut drawn = false;
        let mut rng = |b: &mut [u8]| {
            drawn = true;
            b.fill(7);
            Ok(())
        };
        assert_eq!(
            generate_verifier(&mut rng, &mut short),
            Err(Error::BufferTooSmall { needed: 43 })
        );
        assert!(!drawn);
        let mut failing = |_: &mut [u8]| Err(Error::EntropyUnavailable);
        assert_eq!(
            Pkce::generate(&mut failing).err(),
            Some(Error::EntropyUnavailable)
        );
        assert!(is_well_formed_s256_challenge(
            b"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!is_well_formed_s256_challenge(
            b"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN"
        ));
        assert!(!is_well_formed_s256_challenge(b"E9Melhoa2Ow"));
    }
}
