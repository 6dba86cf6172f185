//! keygrip signatures, as cookie-session and Koa write them through the
//! npm `cookies` module.
//!
//! For a cookie `name=value` the companion cookie is
//! `name.sig=base64url(HMAC(key, "name=value"))`, unpadded: 27 characters
//! with keygrip's default HMAC-SHA1, 43 with SHA-256, 64 with SHA-384, 86
//! with SHA-512. cookie-session's own value is the standard base64 of the
//! session's JSON text ([`encode_session_value`]).
//!
//! ```
//! # #[cfg(feature = "sha1")] {
//! use jeton::cookie::{AttributeStyle, SetCookie};
//! use jeton::mac::{Algorithm, HmacKey, KeyRing};
//! use jeton::signed::keygrip;
//!
//! let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"keyboard cat"))?;
//!
//! // Answer as cookie-session does: the session and its signature.
//! let mut value = [0u8; 64];
//! let n = keygrip::encode_session_value(br#"{"views":1}"#, &mut value)?;
//! let cookie = SetCookie::new("session", &value[..n])
//!     .path("/")
//!     .http_only(true)
//!     .style(AttributeStyle::NpmCookies);
//! let (mut main, mut sig) = ([0u8; 128], [0u8; 128]);
//! let (m, s) = keygrip::write_set_cookies(&ring, &cookie, &mut main, &mut sig)?;
//! assert_eq!(&main[..m], b"session=eyJ2aWV3cyI6MX0=; path=/; httponly");
//! assert!(sig[..s].starts_with(b"session.sig="));
//!
//! // Read it back from the next request.
//! let mut header = Vec::new();
//! header.extend_from_slice(b"session=eyJ2aWV3cyI6MX0=; ");
//! header.extend_from_slice(&sig[..s].split(|&b| b == b';').next().unwrap());
//! let verified = keygrip::verify_cookie(&ring, &header, b"session")?;
//! assert_eq!((verified.value, verified.key_index), (&b"eyJ2aWV3cyI6MX0="[..], 0));
//! # }
//! # Ok::<(), jeton::Error>(())
//! ```

use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::cookie::SetCookie;
use crate::mac::{Algorithm, HmacKey, KeyRing, MAX_TAG_LEN};
use crate::out::written;
use crate::search::split_once;
use crate::signed::Verified;

/// The suffix of the companion cookie's name.
pub const SIG_SUFFIX: &[u8] = b".sig";

/// Length of a keygrip signature made with `algorithm`.
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::{mac::Algorithm, signed::keygrip::signature_len};
/// assert_eq!(signature_len(Algorithm::Sha1), 27);
/// assert_eq!(signature_len(Algorithm::Sha256), 43);
/// # }
/// ```
pub const fn signature_len(algorithm: Algorithm) -> usize {
    base64::encoded_len(algorithm.tag_len(), Padding::Unpadded)
}

/// Longest signature: HMAC-SHA512's 86 characters.
pub const MAX_SIGNATURE_LEN: usize = base64::encoded_len(MAX_TAG_LEN, Padding::Unpadded);

/// Writes keygrip's signature of `name=value` under `key` into `out` and
/// returns its length.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `out` is shorter than
/// [`signature_len`]`(key.algorithm())`.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::{mac::{Algorithm, HmacKey}, signed::keygrip};
/// let key = HmacKey::new(Algorithm::Sha1, b"keyboard cat");
/// let mut sig = [0u8; 27];
/// assert_eq!(keygrip::sign(&key, b"session", b"eyJ2aWV3cyI6MX0=", &mut sig)?, 27);
/// // base64url(HMAC-SHA1("keyboard cat", "session=eyJ2aWV3cyI6MX0=")),
/// // computed with Python's hmac.
/// assert_eq!(&sig, b"x-C3NH9bM5O4ofBO-GACcofuXXc");
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn sign(key: &HmacKey, name: &[u8], value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    key.with_tag(&[name, b"=", value], |tag| {
        base64::encode(tag, Alphabet::UrlSafe, Padding::Unpadded, out)
    })
}

/// Checks keygrip's `signature` of `name=value` against every key of the
/// ring and returns the index of the first that matches, as keygrip's
/// `index()` does.
///
/// # Errors
///
/// - [`Error::SignatureMalformed`]: not canonical unpadded base64url, or of
///   a length none of the ring's keys produces;
/// - [`Error::SignatureMismatch`]: no key produces it;
/// - [`Error::EmptyKeyRing`].
///
/// # Example
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}, signed::keygrip};
/// let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"k"))?;
/// let mut sig = [0u8; 27];
/// keygrip::sign(&ring.keys()[0], b"a", b"1", &mut sig)?;
/// assert_eq!(keygrip::verify(&ring, b"a", b"1", &sig), Ok(0));
/// assert_eq!(keygrip::verify(&ring, b"a", b"2", &sig), Err(Error::SignatureMismatch));
/// assert_eq!(keygrip::verify(&ring, b"a", b"1", &sig[..26]), Err(Error::SignatureMalformed));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify<const N: usize>(
    ring: &KeyRing<N>,
    name: &[u8],
    value: &[u8],
    signature: &[u8],
) -> Result<usize, Error> {
    let mut raw = [0u8; MAX_TAG_LEN];
    let len = base64::decode(signature, Alphabet::UrlSafe, Padding::Unpadded, &mut raw)
        .map_err(|_| Error::SignatureMalformed)?;
    if ring.is_empty() {
        return Err(Error::EmptyKeyRing);
    }
    if !ring.keys().iter().any(|k| k.algorithm().tag_len() == len) {
        return Err(Error::SignatureMalformed);
    }
    let tag = written(&raw, len)?;
    ring.verify_parts(&[name, b"=", value], tag)
}

/// Finds a cookie the way the npm `cookies` module does (its pattern is
/// `(?:^|;) *NAME=([^;]*)`): the first `NAME=` at the start of the header
/// or after a `;` and spaces; the value runs to the next `;`, untrimmed,
/// and loses its first and last byte when it starts with `"`. `name` is
/// given in parts so that `name.sig` needs no buffer.
fn cookies_module_get<'a>(header: &'a [u8], name: &[&[u8]]) -> Option<&'a [u8]> {
    let after_semicolons = header
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b';')
        .map(|(i, _)| i + 1);
    for start in core::iter::once(0).chain(after_semicolons) {
        let rest = header.get(start..)?;
        let rest = rest.get(rest.iter().take_while(|&&b| b == b' ').count()..)?;
        let Some(after_name) = name.iter().try_fold(rest, |r, part| r.strip_prefix(*part)) else {
            continue;
        };
        let Some(value) = after_name.strip_prefix(b"=") else {
            continue;
        };
        let value = value.get(..value.iter().position(|&b| b == b';').unwrap_or(value.len()))?;
        // JavaScript's `value.slice(1, -1)`.
        return Some(match value {
            [b'"', ..] if value.len() >= 2 => value.get(1..value.len() - 1)?,
            [b'"'] => &[],
            _ => value,
        });
    }
    None
}

/// Reads the cookie `name` and its `name.sig` companion from a `Cookie`
/// header value, as cookie-session (through the npm `cookies` module)
/// does, and checks the signature.
///
/// # Errors
///
/// [`Error::CookieNotFound`] when there is no `name` cookie,
/// [`Error::UnknownSignedFormat`] when its `name.sig` companion is missing
/// or empty, then the errors of [`verify`].
///
/// # Example
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}, signed::keygrip};
/// let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"k"))?;
/// assert_eq!(keygrip::verify_cookie(&ring, b"other=1", b"session"), Err(Error::CookieNotFound));
/// assert_eq!(keygrip::verify_cookie(&ring, b"session=1", b"session"), Err(Error::UnknownSignedFormat));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify_cookie<'a, const N: usize>(
    ring: &KeyRing<N>,
    header: &'a [u8],
    name: &[u8],
) -> Result<Verified<'a>, Error> {
    let value = cookies_module_get(header, &[name]).ok_or(Error::CookieNotFound)?;
    let signature = cookies_module_get(header, &[name, SIG_SUFFIX])
        .filter(|s| !s.is_empty())
        .ok_or(Error::UnknownSignedFormat)?;
    let key_index = verify(ring, name, value, signature)?;
    Ok(Verified { value, key_index })
}

/// Writes the two `Set-Cookie` header values of a signed cookie, as the
/// npm `cookies` module does for cookie-session: `cookie` itself, and
/// `name.sig` carrying the signature of `name=value` (the value as
/// written) with the same attributes. With
/// [`AttributeStyle::NpmCookies`](crate::cookie::AttributeStyle::NpmCookies)
/// both are byte-identical to cookie-session's. Returns both lengths.
///
/// # Errors
///
/// [`Error::EmptyKeyRing`], any error of [`SetCookie::write`], or
/// [`Error::BufferTooSmall`] for either buffer (with the length that buffer
/// needed). On error neither buffer holds a header.
///
/// # Example
///
/// The signature, computed with Python's `hmac`, is the base64url
/// HMAC-SHA1 of `session=e30=` under `keyboard cat`:
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::cookie::{AttributeStyle, SetCookie};
/// use jeton::{mac::{Algorithm, HmacKey, KeyRing}, signed::keygrip};
///
/// let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"keyboard cat"))?;
/// let cookie = SetCookie::new("session", "e30=") // "{}", an empty session
///     .path("/")
///     .http_only(true)
///     .style(AttributeStyle::NpmCookies);
/// let (mut main, mut sig) = ([0u8; 64], [0u8; 64]);
/// let (m, s) = keygrip::write_set_cookies(&ring, &cookie, &mut main, &mut sig)?;
/// assert_eq!(&main[..m], b"session=e30=; path=/; httponly");
/// assert_eq!(&sig[..s], b"session.sig=xXeAYe0aU9ZnfJG2bPC1wg3CQcU; path=/; httponly");
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn write_set_cookies<const N: usize>(
    ring: &KeyRing<N>,
    cookie: &SetCookie<'_>,
    cookie_out: &mut [u8],
    sig_out: &mut [u8],
) -> Result<(usize, usize), Error> {
    let key = ring.signing_key()?;
    let cookie_len = cookie.write(cookie_out)?;
    let mut signature = [0u8; MAX_SIGNATURE_LEN];
    let signed = written(cookie_out, cookie_len)
        .and_then(|header| written_value(header, cookie.name()))
        .and_then(|value| sign(key, cookie.name(), value, &mut signature))
        .and_then(|n| cookie.write_companion(SIG_SUFFIX, written(&signature, n)?, sig_out));
    match signed {
        Ok(sig_len) => Ok((cookie_len, sig_len)),
        Err(e) => {
            // Never one header without the other.
            if let Some(written) = cookie_out.get_mut(..cookie_len) {
                written.fill(0);
            }
            Err(e)
        }
    }
}

/// The value in a header [`SetCookie::write`] wrote: after `name=`, up to
/// the first `;` (a value cannot hold one).
fn written_value<'h>(header: &'h [u8], name: &[u8]) -> Result<&'h [u8], Error> {
    let value = header
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(b"="))
        .ok_or(Error::CookieInvalidName)?;
    Ok(split_once(value, b';').map_or(value, |(value, _attributes)| value))
}

/// The lengths [`write_set_cookies`] needs for its two headers: the cookie,
/// and its `name.sig` companion.
///
/// # Errors
///
/// [`Error::EmptyKeyRing`], any error of [`SetCookie::validate`].
///
/// # Example
///
/// ```
/// # #[cfg(feature = "sha1")] {
/// use jeton::{cookie::SetCookie, mac::{Algorithm, HmacKey, KeyRing}, signed::keygrip};
/// let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"k"))?;
/// let cookie = SetCookie::new("session", "e30=").path("/");
/// // "session=e30=; Path=/" and "session.sig=<27 characters>; Path=/"
/// assert_eq!(keygrip::set_cookies_len(&ring, &cookie)?, (20, 47));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn set_cookies_len<const N: usize>(
    ring: &KeyRing<N>,
    cookie: &SetCookie<'_>,
) -> Result<(usize, usize), Error> {
    let key = ring.signing_key()?;
    let cookie_len = cookie.formatted_len()?;
    let sig_len = cookie.companion_len(SIG_SUFFIX, signature_len(key.algorithm()))?;
    Ok((cookie_len, sig_len))
}

/// Encodes a cookie-session value: the standard, padded base64 of the
/// session's JSON text (what `Buffer.from(json).toString('base64')` gives).
///
/// # Errors
///
/// [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 16];
/// let n = jeton::signed::keygrip::encode_session_value(br#"{"views":1}"#, &mut buf)?;
/// assert_eq!(&buf[..n], b"eyJ2aWV3cyI6MX0=");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode_session_value(json: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    base64::encode(json, Alphabet::Standard, Padding::Padded, out)
}

/// Decodes a cookie-session value back to its JSON text. Standard base64,
/// padded or not; anything else is refused (Node's decoder would skip
/// stray characters, but a value whose signature checked out was written
/// by a server and is canonical).
///
/// # Errors
///
/// [`Error::InvalidBase64`], [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 16];
/// let n = jeton::signed::keygrip::decode_session_value(b"eyJ2aWV3cyI6MX0", &mut buf)?;
/// assert_eq!(&buf[..n], br#"{"views":1}"#);
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn decode_session_value(value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    base64::decode(value, Alphabet::Standard, Padding::Either, out)
}

#[cfg(all(test, feature = "sha1"))]
mod tests {
    use super::*;

    /// The lengths `set_cookies_len` reports are the lengths written, for
    /// every style, flag and attribute.
    #[test]
    fn set_cookies_len_is_what_is_written() {
        use crate::cookie::{AttributeStyle, Priority, SameSite};
        let algorithms = [
            #[cfg(feature = "sha1")]
            Algorithm::Sha1,
            Algorithm::Sha256,
            #[cfg(feature = "sha512")]
            Algorithm::Sha512,
        ];
        for algorithm in algorithms {
            let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(algorithm, b"k")).unwrap();
            for style in [
                AttributeStyle::Canonical,
                AttributeStyle::NpmCookie,
                AttributeStyle::NpmCookies,
            ] {
                for (encode, value) in [
                    (false, &b""[..]),
                    (false, b"abc"),
                    (true, b"abc"),
                    (true, b"a b;c\xff"),
                ] {
                    let cookie = SetCookie::new("sess", value)
                        .encode_value(encode)
                        .style(style)
                        .path("/app")
                        .domain("example.com")
                        .max_age(60)
                        .expires(2_000_000_000)
                        .secure(true)
                        .http_only(true)
                        .partitioned(true)
                        .same_site(SameSite::None)
                        .priority(Priority::High);
                    let (mut a, mut b) = ([0u8; 512], [0u8; 512]);
                    let written = write_set_cookies(&ring, &cookie, &mut a, &mut b).unwrap();
                    assert_eq!(
                        set_cookies_len(&ring, &cookie),
                        Ok(written),
                        "{style:?} {value:?}"
                    );
                    // And a buffer one byte short is refused with that length.
                    let (main, sig) = written;
                    assert_eq!(
                        write_set_cookies(&ring, &cookie, &mut a[..main - 1], &mut b),
                        Err(Error::BufferTooSmall { needed: main })
                    );
                    assert_eq!(
                        write_set_cookies(&ring, &cookie, &mut a, &mut b[..sig - 1]),
                        Err(Error::BufferTooSmall { needed: sig })
                    );
                }
            }
        }
    }

    /// A name that fits the size limit with its value but not with `.sig`
    /// and a signature: measuring refuses it as writing does.
    #[test]
    fn an_oversized_companion_is_refused_alike() {
        use crate::cookie::MAX_NAME_VALUE_LEN;
        let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"k")).unwrap();
        let long = [b'n'; MAX_NAME_VALUE_LEN];
        let name = core::str::from_utf8(&long[..MAX_NAME_VALUE_LEN - 40]).unwrap();
        let cookie = SetCookie::new(name, "v");
        assert!(cookie.formatted_len().is_ok());
        let (mut a, mut b) = ([0u8; 8192], [0u8; 8192]);
        assert_eq!(
            write_set_cookies(&ring, &cookie, &mut a, &mut b),
            Err(Error::CookieTooLarge)
        );
        assert_eq!(set_cookies_len(&ring, &cookie), Err(Error::CookieTooLarge));
    }

    #[test]
    fn a_too_small_sig_buffer_leaves_no_cookie_header() {
        let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"k")).unwrap();
        let cookie = SetCookie::new("session", "abc").path("/");
        let (mut main, mut sig) = ([0u8; 64], [0u8; 8]);
        assert_eq!(
            write_set_cookies(&ring, &cookie, &mut main, &mut sig),
            Err(Error::BufferTooSmall { needed: 47 }) // "session.sig=" + 27 + "; Path=/"
        );
        assert!(main.iter().all(|&b| b == 0));
    }

    #[test]
    fn cookies_module_lookup() {
        fn get<'h>(h: &'h str, n: &str) -> Option<&'h [u8]> {
            cookies_module_get(h.as_bytes(), &[n.as_bytes()])
        }
        assert_eq!(get("a=1; b=2", "b"), Some(&b"2"[..]));
        assert_eq!(get("a=1;b=2", "b"), Some(&b"2"[..]));
        assert_eq!(get("xb=1; b=2", "b"), Some(&b"2"[..]));
        assert_eq!(get("b =1; b=2", "b"), Some(&b"2"[..]));
        assert_eq!(get("a=1;\tb=2", "b"), None);
        assert_eq!(get("  b= 2 ;", "b"), Some(&b" 2 "[..]));
        assert_eq!(get("b=\"x\"", "b"), Some(&b"x"[..]));
        assert_eq!(get("b=\"", "b"), Some(&b""[..]));
        assert_eq!(get("b=\"xy", "b"), Some(&b"x"[..]));
        assert_eq!(get("b=", "b"), Some(&b""[..]));
        assert_eq!(
            cookies_module_get(b"s=1; s.sig=abc", &[b"s", SIG_SUFFIX]),
            Some(&b"abc"[..])
        );
    }
}
