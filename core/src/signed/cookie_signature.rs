//! cookie-signature, as express-session and cookie-parser use it.
//!
//! `sign(value)` is `value + "." + base64(HMAC-SHA256(secret, value))` in
//! the standard alphabet with its `=` removed (43 characters); `unsign`
//! splits at the last `.`. express-session keeps `"s:" + sign(id)` and the
//! cookie carries it percent-encoded: `connect.sid=s%3A<id>.<sig>` with `+`
//! and `/` of the signature as `%2B` and `%2F`.
//!
//! ```
//! use jeton::cookie::{AttributeStyle, CookieHeader, SetCookie};
//! use jeton::mac::{Algorithm, HmacKey, KeyRing};
//! use jeton::signed::cookie_signature;
//!
//! let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"keyboard cat"))?;
//! let mut value = [0u8; 128];
//! let n = cookie_signature::express_cookie_value(ring.signing_key()?, b"tH3ZGs5D2mcKcpv7", &mut value)?;
//! assert!(value[..n].starts_with(b"s%3AtH3ZGs5D2mcKcpv7."));
//!
//! // The Set-Cookie express-session would send:
//! let mut header = [0u8; 192];
//! let h = SetCookie::new("connect.sid", &value[..n])
//!     .path("/")
//!     .http_only(true)
//!     .style(AttributeStyle::NpmCookie)
//!     .write(&mut header)?;
//! assert!(header[..h].ends_with(b"; Path=/; HttpOnly"));
//!
//! // And the next request's Cookie header, checked:
//! let mut request = Vec::from(&b"connect.sid="[..]);
//! request.extend_from_slice(&value[..n]);
//! let cookies = CookieHeader::parse(&request)?;
//! let mut scratch = [0u8; 128];
//! let id = cookie_signature::express_unsign(&ring, &cookies, "connect.sid", &mut scratch)?;
//! assert_eq!(id.value, b"tH3ZGs5D2mcKcpv7");
//! # Ok::<(), jeton::Error>(())
//! ```

use crate::base64::{self, Alphabet, Padding};
use crate::cookie::CookieHeader;
use crate::mac::{Algorithm, HmacKey, KeyRing};
use crate::out::{Out, written};
use crate::search::rsplit_once;
use crate::signed::Verified;
use crate::{Error, percent};

/// Length of the signature part: 32 bytes in unpadded base64.
pub const SIGNATURE_LEN: usize = base64::encoded_len(32, Padding::Unpadded);

/// The prefix express-session puts before a signed session ID.
pub const EXPRESS_PREFIX: &[u8] = b"s:";

/// cookie-signature signs with HMAC-SHA256 only.
fn check_key(key: &HmacKey) -> Result<(), Error> {
    if key.algorithm() == Algorithm::Sha256 {
        Ok(())
    } else {
        Err(Error::KeyAlgorithmMismatch)
    }
}

/// The signature of `value`, encoded.
fn signature(key: &HmacKey, value: &[u8]) -> Result<[u8; SIGNATURE_LEN], Error> {
    check_key(key)?;
    let mut encoded = [0u8; SIGNATURE_LEN];
    key.with_tag(&[value], |tag| {
        base64::encode(tag, Alphabet::Standard, Padding::Unpadded, &mut encoded)
    })?;
    Ok(encoded)
}

/// Writes `value.signature` into `out` and returns its length.
///
/// # Errors
///
/// [`Error::KeyAlgorithmMismatch`] unless `key` is HMAC-SHA256,
/// [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// use jeton::{mac::{Algorithm, HmacKey}, signed::cookie_signature};
/// let key = HmacKey::new(Algorithm::Sha256, b"tobiiscool");
/// let mut buf = [0u8; 64];
/// let n = cookie_signature::sign(&key, b"hello", &mut buf)?;
/// assert_eq!(&buf[..n], b"hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn sign(key: &HmacKey, value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    check_key(key)?;
    let mut out = Out::new(out);
    out.put(value);
    out.push(b'.');
    // The tag goes straight from the MAC into the output, encoded.
    key.with_tag(&[value], |tag| {
        base64::encode_into(tag, Alphabet::Standard, Padding::Unpadded, &mut out);
    });
    out.finish()
}

/// Splits `signed` at its last `.` and checks the signature against every
/// key of the ring; returns the value and the index of the key that
/// matched.
///
/// # Errors
///
/// - [`Error::UnknownSignedFormat`]: no `.` at all;
/// - [`Error::SignatureMalformed`]: the part after the last `.` is not 43
///   characters of canonical unpadded standard base64;
/// - [`Error::SignatureMismatch`]: no key produces it (keys other than
///   HMAC-SHA256 never do);
/// - [`Error::EmptyKeyRing`].
///
/// # Example
///
/// ```
/// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}, signed::cookie_signature};
/// let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"tobiiscool"))?;
/// let signed = b"hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI";
/// assert_eq!(cookie_signature::unsign(&ring, signed)?.value, b"hello");
/// assert_eq!(
///     cookie_signature::unsign(&ring, b"hellO.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI"),
///     Err(Error::SignatureMismatch)
/// );
/// assert_eq!(cookie_signature::unsign(&ring, b"hello"), Err(Error::UnknownSignedFormat));
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn unsign<'a, const N: usize>(
    ring: &KeyRing<N>,
    signed: &'a [u8],
) -> Result<Verified<'a>, Error> {
    let (value, sig) = rsplit_once(signed, b'.').ok_or(Error::UnknownSignedFormat)?;
    let mut raw = [0u8; 32];
    match base64::decode(sig, Alphabet::Standard, Padding::Unpadded, &mut raw) {
        Ok(32) => {}
        _ => return Err(Error::SignatureMalformed),
    }
    let key_index = ring.verify(value, &raw)?;
    Ok(Verified { value, key_index })
}

/// Writes the cookie value express-session stores for `session_id`:
/// `encodeURIComponent("s:" + sign(session_id))`, e.g.
/// `s%3A<id>.<signature with %2B and %2F>`.
///
/// # Errors
///
/// [`Error::KeyAlgorithmMismatch`] unless `key` is HMAC-SHA256,
/// [`Error::BufferTooSmall`].
///
/// # Example
///
/// The signature, computed independently (Python's `hmac`), is
/// `LfZnlz4t52JGuSGaZul/dKTJ/F3RBkT7NfQZ+jGxC/I`:
///
/// ```
/// use jeton::{mac::{Algorithm, HmacKey}, signed::cookie_signature};
/// let key = HmacKey::new(Algorithm::Sha256, b"keyboard cat");
/// let mut value = [0u8; 128];
/// let n = cookie_signature::express_cookie_value(&key, b"tH3ZGs5D2mcKcpv7", &mut value)?;
/// assert_eq!(&value[..n], b"s%3AtH3ZGs5D2mcKcpv7.LfZnlz4t52JGuSGaZul%2FdKTJ%2FF3RBkT7NfQZ%2BjGxC%2FI");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn express_cookie_value(
    key: &HmacKey,
    session_id: &[u8],
    out: &mut [u8],
) -> Result<usize, Error> {
    let sig = signature(key, session_id)?;
    let mut out = Out::new(out);
    percent::encode_into(EXPRESS_PREFIX, &mut out);
    percent::encode_into(session_id, &mut out);
    out.push(b'.');
    percent::encode_into(&sig, &mut out);
    out.finish()
}

/// Reads a session ID the way express-session does: the first cookie
/// named `name` (npm `cookie` 0.7: quotes stripped, then percent-decoded
/// into `scratch`), which must start with `s:`, then [`unsign`]. The value
/// returned points into `scratch`; on any error `scratch` holds nothing
/// decoded (what was written is zeroed).
///
/// # Errors
///
/// [`Error::CookieNotFound`]; [`Error::UnknownSignedFormat`] when the
/// value does not start with `s:` (express-session's "cookie unsigned");
/// [`Error::BufferTooSmall`] when `scratch` cannot hold the decoded value;
/// then the errors of [`unsign`].
///
/// # Example
///
/// ```
/// use jeton::{Error, cookie::CookieHeader, mac::{Algorithm, HmacKey, KeyRing}};
/// use jeton::signed::cookie_signature;
///
/// let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"keyboard cat"))?;
/// let cookies = CookieHeader::parse(
///     b"theme=dark; connect.sid=s%3AtH3ZGs5D2mcKcpv7.LfZnlz4t52JGuSGaZul%2FdKTJ%2FF3RBkT7NfQZ%2BjGxC%2FI",
/// )?;
/// let mut scratch = [0u8; 128];
/// let id = cookie_signature::express_unsign(&ring, &cookies, "connect.sid", &mut scratch)?;
/// assert_eq!((id.value, id.key_index), (&b"tH3ZGs5D2mcKcpv7"[..], 0));
/// assert_eq!(
///     cookie_signature::express_unsign(&ring, &cookies, "sid", &mut scratch),
///     Err(Error::CookieNotFound)
/// );
/// // Without "s:" it is not a signed session ID.
/// let unsigned = CookieHeader::parse(b"connect.sid=tH3ZGs5D2mcKcpv7")?;
/// assert_eq!(
///     cookie_signature::express_unsign(&ring, &unsigned, "connect.sid", &mut scratch),
///     Err(Error::UnknownSignedFormat)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn express_unsign<'s, const N: usize, C: AsRef<[u8]> + ?Sized>(
    ring: &KeyRing<N>,
    cookies: &CookieHeader<'_>,
    name: &C,
    scratch: &'s mut [u8],
) -> Result<Verified<'s>, Error> {
    let pair = cookies.get(name).ok_or(Error::CookieNotFound)?;
    let len = percent::decode_cookie_value(pair.value_unquoted(), scratch)?;
    let checked = scratch
        .get(..len)
        .and_then(|decoded| decoded.strip_prefix(EXPRESS_PREFIX))
        .ok_or(Error::UnknownSignedFormat)
        .and_then(|signed| unsign(ring, signed))
        .map(|v| (v.value.len(), v.key_index));
    match checked {
        Ok((value_len, key_index)) => {
            // The value just verified: the `value_len` bytes after the
            // prefix.
            let scratch: &'s [u8] = scratch;
            let value = written(scratch, EXPRESS_PREFIX.len() + value_len)?
                .strip_prefix(EXPRESS_PREFIX)
                .ok_or(Error::UnknownSignedFormat)?;
            Ok(Verified { value, key_index })
        }
        Err(e) => {
            // The decoded cookie did not pass: leave none of it behind.
            if let Some(written) = scratch.get_mut(..len) {
                written.fill(0);
            }
            Err(e)
        }
    }
}

#[cfg(all(test, feature = "sha1"))]
mod tests {
    use super::*;
    use crate::list::bytes;

    #[test]
    fn refuses_non_sha256_keys_for_signing() {
        let key = HmacKey::new(Algorithm::Sha1, b"k");
        assert_eq!(
            sign(&key, b"v", &mut [0u8; 64]),
            Err(Error::KeyAlgorithmMismatch)
        );
        assert_eq!(
            express_cookie_value(&key, b"v", &mut [0u8; 64]),
            Err(Error::KeyAlgorithmMismatch)
        );
    }

    #[test]
    fn express_unsign_failure_leaves_nothing_decoded() {
        let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"k")).unwrap();
        let forged = b"sid=s%3Aabc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let unprefixed = b"sid=abc.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (header, err) in [
            (&forged[..], Error::SignatureMismatch),
            (&unprefixed[..], Error::UnknownSignedFormat),
        ] {
            let cookies = CookieHeader::parse(header).unwrap();
            let mut scratch = [0xAAu8; 128];
            assert_eq!(
                express_unsign(&ring, &cookies, "sid", &mut scratch),
                Err(err)
            );
            // Zeroed where the decoded value was, untouched after it.
            assert!(scratch[..47].iter().all(|&b| b == 0), "{scratch:?}");
            assert!(scratch.iter().all(|&b| b == 0 || b == 0xAA), "{scratch:?}");
        }
        // And a good one still points at the ID inside the scratch.
        let mut value = [0u8; 128];
        let n = express_cookie_value(ring.signing_key().unwrap(), b"abc", &mut value).unwrap();
        let mut header = bytes(b"sid=");
        assert!(header.extend_from_slice(&value[..n]).is_ok());
        let cookies = CookieHeader::parse(&header[..]).unwrap();
        let mut scratch = [0u8; 128];
        let v = express_unsign(&ring, &cookies, "sid", &mut scratch).unwrap();
        assert_eq!((v.value, v.key_index), (&b"abc"[..], 0));
    }

    #[test]
    fn malformed_signatures() {
        let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"k")).unwrap();
        let mut buf = [0u8; 64];
        let n = sign(ring.signing_key().unwrap(), b"v", &mut buf).unwrap();
        let good = &buf[..n];
        assert!(unsign(&ring, good).is_ok());
        let mut padded = bytes(good);
        assert!(padded.push(b'=').is_ok());
        assert_eq!(unsign(&ring, &padded), Err(Error::SignatureMalformed));
        assert_eq!(
            unsign(&ring, &good[..n - 1]),
            Err(Error::SignatureMalformed)
        );
        assert_eq!(unsign(&ring, b"v."), Err(Error::SignatureMalformed));
    }
}
