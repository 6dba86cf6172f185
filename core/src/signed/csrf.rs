//! Tokens against cross-site request forgery, for the requests a browser
//! sends without `Origin` or `Sec-Fetch-Site` (an older browser, a
//! privacy extension stripping them): a signed double-submit token.
//!
//! A token is an [`expiring`] value made for the purpose
//! `csrf` whose payload is 16 bytes of the SHA-256 of what it is bound to
//! (the session ID, never the ID itself: the token lands in HTML a script
//! may read, the ID only in an `HttpOnly` cookie). The server hands it out
//! twice, in a cookie and in the page (a hidden form field, or for a
//! script a header); a state-changing request must bring both copies back
//! equal, signed by the server, unexpired, and bound to the session the
//! request carries. A page on another site can make the browser send the
//! cookie but cannot read it, so it cannot write the second copy; nor can
//! it mint a token, or reuse one bound to another session.
//!
//! Before login there is no session: bind to the empty string. Such a
//! token only shows the request came from a page the server rendered;
//! check `Origin` and `Sec-Fetch-Site` first wherever the browser sends
//! them, and use the token for the rest.
//!
//! An HMAC-SHA256 token for a ten-digit expiry is 80 characters, all
//! cookie-octets and URL-safe.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::expiring;
use crate::Error;
use crate::mac::{HmacKey, KeyRing};

/// The purpose every CSRF token is signed for: a value made for another
/// purpose (a signed session cookie, an OAuth `state`) never passes.
pub const PURPOSE: &[u8] = b"csrf";

/// Bytes of the binding's digest a token carries.
const BINDING_LEN: usize = 16;

/// The binding as a token carries it.
fn bound_to(binding: &[u8]) -> [u8; BINDING_LEN] {
    let full: [u8; 32] = Sha256::new()
        .chain_update(b"jeton csrf binding\0")
        .chain_update(binding)
        .finalize()
        .into();
    let mut kept = [0u8; BINDING_LEN];
    kept.iter_mut().zip(full).for_each(|(k, f)| *k = f);
    kept
}

/// Makes a token bound to `binding` (the session ID; empty before login),
/// valid until `expires_at`, signed with `key`, into `out`; returns its
/// length. Hand the same token out in a cookie and in the page.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] with the length needed.
///
/// # Example
///
/// ```
/// use jeton::mac::{Algorithm, HmacKey, KeyRing};
/// use jeton::signed::csrf;
/// use jeton::Error;
///
/// let key = HmacKey::new(Algorithm::Sha256, b"a server secret of 32 bytes.....");
/// let session = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k";
/// let mut token = [0u8; 96];
/// let n = csrf::token(&key, session, 1_700_003_600, &mut token)?;
/// let token = &token[..n];
///
/// let ring: KeyRing<2> = KeyRing::with_key(key)?;
/// // The cookie's copy and the form's copy, for this session: passes.
/// assert_eq!(csrf::verify(&ring, session, token, token, 1_700_000_000), Ok(0));
/// // Another session's request, or a form without the token: refused.
/// assert_eq!(
///     csrf::verify(&ring, b"another-session-id-0000A", token, token, 1_700_000_000),
///     Err(Error::CsrfTokenMismatch)
/// );
/// assert_eq!(
///     csrf::verify(&ring, session, token, b"", 1_700_000_000),
///     Err(Error::CsrfTokenMismatch)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn token(
    key: &HmacKey,
    binding: &[u8],
    expires_at: i64,
    out: &mut [u8],
) -> Result<usize, Error> {
    expiring::sign(key, PURPOSE, &bound_to(binding), expires_at, out)
}

/// Checks a state-changing request's two copies of its token: `cookie`
/// (the cookie's value) and `submitted` (the form field or header) must
/// be the same token, made by [`token`] with a key of `ring` for
/// `binding` (the session ID the request carries; empty before login), and
/// unexpired at `now`. Returns the index of the key that matched.
///
/// # Errors
///
/// [`Error::CsrfTokenMismatch`] when the copies differ (one missing
/// included) or the token is bound to something else; then what
/// [`expiring::verify`] says of the token: [`Error::SignatureMismatch`],
/// [`Error::SignedValueExpired`], [`Error::UnknownSignedFormat`],
/// [`Error::SignatureMalformed`], [`Error::EmptyKeyRing`].
pub fn verify<const N: usize>(
    ring: &KeyRing<N>,
    binding: &[u8],
    cookie: &[u8],
    submitted: &[u8],
    now: i64,
) -> Result<usize, Error> {
    // Lengths are public (the page shows the token); the bytes are
    // compared in constant time.
    if cookie.len() != submitted.len() || !bool::from(cookie.ct_eq(submitted)) {
        return Err(Error::CsrfTokenMismatch);
    }
    let mut payload = [0u8; BINDING_LEN];
    let opened =
        expiring::verify(ring, PURPOSE, cookie, now, &mut payload).map_err(|e| match e {
            // Signed for this purpose but not by `token`: not ours to take.
            Error::BufferTooSmall { .. } => Error::CsrfTokenMismatch,
            e => e,
        })?;
    let expected = bound_to(binding);
    if opened.payload.len() != BINDING_LEN || !bool::from(opened.payload.ct_eq(&expected)) {
        return Err(Error::CsrfTokenMismatch);
    }
    Ok(opened.key_index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mac::Algorithm;

    #[test]
    fn bound_signed_unexpired_and_the_same_twice() {
        let old = HmacKey::new(Algorithm::Sha256, b"the older key, 32 bytes long....");
        let new = HmacKey::new(Algorithm::Sha256, b"the newer key, 32 bytes long....");
        let mut ring: KeyRing<2> = KeyRing::with_key(new.clone()).unwrap();
        ring.push(old.clone()).unwrap();
        let mut buf = [0u8; 128];
        let n = token(&old, b"session-a", 100, &mut buf).unwrap();
        assert_eq!(n, 3 + 3 + 1 + 22 + 1 + 43);
        let t = &buf[..n];
        assert_eq!(verify(&ring, b"session-a", t, t, 99), Ok(1));
        assert_eq!(
            verify(&ring, b"session-a", t, t, 100),
            Err(Error::SignedValueExpired)
        );
        for binding in [&b"session-b"[..], b"", b"session-a\0"] {
            assert_eq!(
                verify(&ring, binding, t, t, 0),
                Err(Error::CsrfTokenMismatch)
            );
        }
        // The copies must agree, byte for byte.
        let mut other = [0u8; 128];
        let m = token(&new, b"session-a", 100, &mut other).unwrap();
        assert_eq!(
            verify(&ring, b"session-a", &other[..m], &other[..m], 0),
            Ok(0)
        );
        assert_eq!(
            verify(&ring, b"session-a", t, &other[..m], 0),
            Err(Error::CsrfTokenMismatch)
        );
        assert_eq!(
            verify(&ring, b"session-a", t, &t[..n - 1], 0),
            Err(Error::CsrfTokenMismatch)
        );
        assert_eq!(
            verify(&ring, b"session-a", b"", b"", 0),
            Err(Error::UnknownSignedFormat)
        );
        // A value signed for another purpose, whatever its payload.
        let k = expiring::sign(&old, b"session", &bound_to(b"session-a"), 100, &mut other).unwrap();
        assert_eq!(
            verify(&ring, b"session-a", &other[..k], &other[..k], 0),
            Err(Error::SignatureMismatch)
        );
        // A csrf-purpose value with a longer payload is not a token.
        let k = expiring::sign(&old, PURPOSE, &[0u8; 40], 100, &mut other).unwrap();
        assert_eq!(
            verify(&ring, b"session-a", &other[..k], &other[..k], 0),
            Err(Error::CsrfTokenMismatch)
        );
        // The binding is a digest: the session ID is not in the token.
        let id = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k";
        let n = token(&old, id, 100, &mut buf).unwrap();
        assert!(!buf[..n].windows(8).any(|w| id.windows(8).any(|i| i == w)));
    }
}
