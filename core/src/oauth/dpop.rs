//! DPoP (RFC 9449): proofs of possession of a key, made by a client for
//! each request and checked by the server that receives them. A proof is
//! a JWT signed with the client's key, whose public half it carries in its
//! header: the one place jeton uses a key a token brings along, and only
//! to tie the proof to the key an access token is bound to (its RFC 7638
//! thumbprint, `cnf.jkt`).

use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::JsonStr;

/// Length of a SHA-256 JWK thumbprint in base64url.
const THUMBPRINT_LEN: usize = 43;

/// A key's RFC 7638 SHA-256 thumbprint, in its base64url form (43
/// characters): what an access token's `cnf.jkt` holds (RFC 9449 section
/// 6), and what a server keeps to bind a token to a client's key.
///
/// ```
/// use jeton::oauth::Thumbprint;
/// // RFC 9449 section 6.1's example.
/// let jkt = Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")?;
/// assert_eq!(jkt.as_str(), "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
/// assert!(Thumbprint::parse(b"0ZcOCORZNYy").is_err());
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Thumbprint {
    text: [u8; THUMBPRINT_LEN],
}

impl Thumbprint {
    /// The thumbprint written as `text`: 43 characters of canonical
    /// base64url, the encoding of 32 bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBase64`] for anything else.
    pub fn parse(text: &[u8]) -> Result<Thumbprint, Error> {
        let mut digest = [0u8; 32];
        let text: [u8; THUMBPRINT_LEN] = text.try_into().map_err(|_| Error::InvalidBase64)?;
        base64::decode(&text, Alphabet::UrlSafe, Padding::Unpadded, &mut digest)?;
        Ok(Thumbprint { text })
    }

    /// The thumbprint in a JSON string (a `jkt` member), if it is one.
    pub(crate) fn from_json(value: &JsonStr<'_>) -> Option<Thumbprint> {
        let mut text = [0u8; THUMBPRINT_LEN];
        let len = value.unescape_into(&mut text).ok()?;
        let text = text.get(..len)?;
        Thumbprint::parse(text).ok()
    }

    /// The thumbprint of `key`'s public part.
    ///
    /// # Errors
    ///
    /// [`Error::KeyUnsupported`] for an HMAC key.
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn of(key: &crate::jwt::JwtKey) -> Result<Thumbprint, Error> {
        let mut text = [0u8; THUMBPRINT_LEN];
        key.thumbprint(&mut text)?;
        Ok(Thumbprint { text })
    }

    /// The base64url text.
    pub fn as_str(&self) -> &str {
        // Only base64url characters are ever stored.
        core::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The base64url text, as bytes.
    pub fn as_bytes(&self) -> &[u8; THUMBPRINT_LEN] {
        &self.text
    }
}

impl core::fmt::Debug for Thumbprint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Thumbprint").field(&self.as_str()).finish()
    }
}

/// The HTTP target URI of a request as a DPoP proof's `htu` names it: the
/// URI without its query and fragment (RFC 9449 section 4.2).
///
/// ```
/// use jeton::oauth::dpop::htu;
/// assert_eq!(htu("https://rs.example.com/api/items?page=2#top"), "https://rs.example.com/api/items");
/// ```
pub fn htu(uri: &str) -> &str {
    let end = uri.find(['?', '#']).unwrap_or(uri.len());
    uri.get(..end).unwrap_or(uri)
}

/// Where a verifier remembers the `jti` of the proofs it accepted, so that
/// a proof is used once (RFC 9449 section 11.1). Implemented by
/// [`RevocationList`](crate::session::RevocationList), whose entries lapse
/// when the proofs they stand for would be refused as too old anyway, and
/// by anything else a caller keeps them in (a store several servers share:
/// an atomic "set if absent" with an expiry).
pub trait ReplayCache {
    /// Records the proof `jti` as used until `until` (Unix seconds).
    ///
    /// # Errors
    ///
    /// [`Error::DpopReplayed`] when it was recorded before and has not
    /// lapsed at `now`; the cache's own error when it cannot record
    /// ([`Error::RevocationListFull`], a store that cannot be reached):
    /// the proof is then refused (the check fails closed).
    fn first_use(&mut self, jti: &JsonStr<'_>, until: i64, now: i64) -> Result<(), Error>;
}

impl<const N: usize> ReplayCache for crate::session::RevocationList<N> {
    fn first_use(&mut self, jti: &JsonStr<'_>, until: i64, now: i64) -> Result<(), Error> {
        use crate::jwt::Revocation;
        if self.is_revoked(jti, now)? {
            return Err(Error::DpopReplayed);
        }
        // A proof past `until` was refused before it reached the cache.
        self.revoke_json(jti, until, now).map(|_| ())
    }
}

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
mod proof;

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub use proof::{DpopProof, DpopValidation, VerifiedProof, verify_proof};

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
mod uri;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::RevocationList;

    #[test]
    fn thumbprints_are_canonical_base64url_of_32_bytes() {
        let ok = b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        assert!(Thumbprint::parse(ok).is_ok());
        // The last character carries 2 unused bits, which must be zero.
        assert_eq!(
            Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4J"),
            Err(Error::InvalidBase64)
        );
        assert_eq!(
            Thumbprint::parse(b"0ZcOCORZNYy+DWpqq30jZyJGHTN0d2HglBV3uiguA4I"),
            Err(Error::InvalidBase64)
        );
        assert_eq!(
            Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I="),
            Err(Error::InvalidBase64)
        );
        let doc =
            crate::json::parse(br#""0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA\u0034I""#).unwrap();
        assert_eq!(
            Thumbprint::from_json(&doc.as_str().unwrap()),
            Thumbprint::parse(ok).ok()
        );
    }

    #[test]
    fn replay_cache_takes_each_jti_once() {
        let mut cache: RevocationList<2> = RevocationList::new();
        let doc = crate::json::parse(br#"["a","b","c"]"#).unwrap();
        let mut jtis = doc.elements().filter_map(|e| e.as_str());
        let (a, b, c) = (
            jtis.next().unwrap(),
            jtis.next().unwrap(),
            jtis.next().unwrap(),
        );
        assert_eq!(cache.first_use(&a, 100, 0), Ok(()));
        assert_eq!(cache.first_use(&a, 100, 50), Err(Error::DpopReplayed));
        assert_eq!(cache.first_use(&b, 200, 50), Ok(()));
        // Full of entries still in force: the proof is refused.
        assert_eq!(cache.first_use(&c, 200, 50), Err(Error::RevocationListFull));
        // Once `a` lapsed, it makes room (and `a` could come again, but
        // its proof is too old by then).
        assert_eq!(cache.first_use(&c, 200, 100), Ok(()));
    }
}
