//! Values that carry their own expiry under an HMAC signature: a cookie
//! that grants access, an OAuth `state`, a CSRF token. The server stores
//! nothing and checks the expiry on every use; a cookie's `Max-Age` only
//! tells the browser, so a stolen copy replayed later is refused here.
//!
//! The format (jeton's own; nothing else reads it):
//!
//! ```text
//! v1.<expires_at>.<payload>.<signature>
//! ```
//!
//! `expires_at` is Unix seconds in decimal (`-` allowed), `payload` the
//! caller's bytes in unpadded base64url, `signature` the unpadded base64url
//! HMAC of `purpose_len purpose v1.<expires_at>.<payload>` (one length byte,
//! then the purpose, then the text before the last dot), so a value made
//! for one purpose (a session cookie) never passes for another (an OAuth
//! state). Every character is a cookie-octet and URL-safe, so the value
//! goes into a cookie or a query string as it is.

use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::mac::{HmacKey, KeyRing, MAX_TAG_LEN};
use crate::out::Out;

/// The version tag every value starts with.
const VERSION: &[u8] = b"v1.";

/// Longest purpose, in bytes (its length is one byte of the MAC input).
pub const MAX_PURPOSE_LEN: usize = 255;

/// A value whose signature and expiry checked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opened<'b> {
    /// The payload, decoded into the caller's buffer.
    pub payload: &'b [u8],
    /// When the value expires, Unix seconds.
    pub expires_at: i64,
    /// Index in the key ring of the key that matched: anything but 0
    /// means it was signed with an older key.
    pub key_index: usize,
}

/// The length byte of `purpose`.
fn purpose_len(purpose: &[u8]) -> Result<[u8; 1], Error> {
    u8::try_from(purpose.len())
        .map(|len| [len])
        .map_err(|_| Error::InputTooLong)
}

/// Signs `payload` for `purpose` until `expires_at` (Unix seconds) with
/// `key`, writing `v1.<expires_at>.<payload>.<signature>` into `out`;
/// returns its length.
///
/// # Errors
///
/// [`Error::InputTooLong`] for a purpose over [`MAX_PURPOSE_LEN`] bytes;
/// [`Error::BufferTooSmall`] with the length needed.
///
/// # Example
///
/// ```
/// use jeton::mac::{Algorithm, HmacKey, KeyRing};
/// use jeton::signed::expiring;
///
/// let key = HmacKey::new(Algorithm::Sha256, b"a server secret of 32 bytes.....");
/// let mut cookie = [0u8; 128];
/// let n = expiring::sign(&key, b"user", b"alice", 1_700_000_900, &mut cookie)?;
///
/// let ring: KeyRing<2> = KeyRing::with_key(key)?;
/// let mut payload = [0u8; 64];
/// let opened = expiring::verify(&ring, b"user", &cookie[..n], 1_700_000_000, &mut payload)?;
/// assert_eq!(opened.payload, b"alice");
/// // Past its expiry, or for another purpose, it is refused.
/// assert_eq!(
///     expiring::verify(&ring, b"user", &cookie[..n], 1_700_000_900, &mut payload).err(),
///     Some(jeton::Error::SignedValueExpired)
/// );
/// assert_eq!(
///     expiring::verify(&ring, b"oauth-state", &cookie[..n], 1_700_000_000, &mut payload).err(),
///     Some(jeton::Error::SignatureMismatch)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn sign(
    key: &HmacKey,
    purpose: &[u8],
    payload: &[u8],
    expires_at: i64,
    out: &mut [u8],
) -> Result<usize, Error> {
    let len = purpose_len(purpose)?;
    let mut out = Out::new(out);
    out.put(VERSION);
    if expires_at < 0 {
        out.push(b'-');
    }
    out.put_u64(expires_at.unsigned_abs());
    out.push(b'.');
    base64::encode_into(payload, Alphabet::UrlSafe, Padding::Unpadded, &mut out);
    let tag_len = key.algorithm().tag_len();
    match out.written() {
        Some(text) => {
            let mut tag = [0u8; MAX_TAG_LEN];
            let n = key.with_tag(&[&len, purpose, text], |t| {
                let n = t.len().min(tag.len());
                tag.iter_mut().zip(t).for_each(|(o, t)| *o = *t);
                n
            });
            out.push(b'.');
            let (tag, _) = tag
                .split_at_checked(n)
                .ok_or(Error::BufferTooSmall { needed: n })?;
            base64::encode_into(tag, Alphabet::UrlSafe, Padding::Unpadded, &mut out);
        }
        None => {
            // Too small already: count what the signature would take.
            out.push(b'.');
            out.put_with(base64::encoded_len(tag_len, Padding::Unpadded), |_| {});
        }
    }
    out.finish()
}

/// Checks a value [`sign`] made for `purpose` with a key of `ring`: its
/// signature (in constant time, against every key), then its expiry
/// (valid while `now < expires_at`); decodes the payload into `out`.
///
/// # Errors
///
/// [`Error::UnknownSignedFormat`] (not `v1.<n>.<payload>.<signature>`),
/// [`Error::SignatureMalformed`] (not canonical base64url, a signature of
/// a length no key makes), [`Error::SignatureMismatch`] (no key made it,
/// or it was made for another purpose), [`Error::SignedValueExpired`],
/// [`Error::EmptyKeyRing`], [`Error::InputTooLong`] (a purpose over
/// [`MAX_PURPOSE_LEN`] bytes), [`Error::BufferTooSmall`] (`out` cannot
/// hold the payload). On error `out` holds nothing of the payload.
///
/// # Example
///
/// A value built by hand from the format: `YWxpY2U` is `alice` in
/// base64url, and the signature is the HMAC-SHA256 of `04 "user"
/// "v1.1700000900.YWxpY2U"`, computed with Python's `hmac`:
///
/// ```
/// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}, signed::expiring};
///
/// let key = HmacKey::new(Algorithm::Sha256, b"a server secret of 32 bytes.....");
/// let ring: KeyRing<1> = KeyRing::with_key(key)?;
/// let value = b"v1.1700000900.YWxpY2U.zvD4RCFraEvK4hN37XDb-Tff4-y-YnfVJoxk_qxIFE4";
/// let mut payload = [0u8; 16];
/// let opened = expiring::verify(&ring, b"user", value, 1_700_000_000, &mut payload)?;
/// assert_eq!((opened.payload, opened.expires_at, opened.key_index), (&b"alice"[..], 1_700_000_900, 0));
///
/// // Moving the expiry breaks the signature; another version is another format.
/// let later = b"v1.1800000900.YWxpY2U.zvD4RCFraEvK4hN37XDb-Tff4-y-YnfVJoxk_qxIFE4";
/// assert_eq!(
///     expiring::verify(&ring, b"user", later, 1_700_000_000, &mut payload).err(),
///     Some(Error::SignatureMismatch)
/// );
/// let v2 = b"v2.1700000900.YWxpY2U.zvD4RCFraEvK4hN37XDb-Tff4-y-YnfVJoxk_qxIFE4";
/// assert_eq!(
///     expiring::verify(&ring, b"user", v2, 1_700_000_000, &mut payload).err(),
///     Some(Error::UnknownSignedFormat)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify<'b, const N: usize>(
    ring: &KeyRing<N>,
    purpose: &[u8],
    value: &[u8],
    now: i64,
    out: &'b mut [u8],
) -> Result<Opened<'b>, Error> {
    let len = purpose_len(purpose)?;
    let rest = value
        .strip_prefix(VERSION)
        .ok_or(Error::UnknownSignedFormat)?;
    // v1.<expiry>.<payload> . <signature>
    let last = rest
        .iter()
        .rposition(|&b| b == b'.')
        .ok_or(Error::UnknownSignedFormat)?;
    let (signed, dot_signature) = rest.split_at(last);
    let (text, _) = value
        .split_at_checked(VERSION.len() + last)
        .ok_or(Error::UnknownSignedFormat)?;
    let signature = dot_signature.get(1..).ok_or(Error::UnknownSignedFormat)?;
    let first = signed
        .iter()
        .position(|&b| b == b'.')
        .ok_or(Error::UnknownSignedFormat)?;
    let (expiry, dot_payload) = signed.split_at(first);
    let payload = dot_payload.get(1..).ok_or(Error::UnknownSignedFormat)?;
    let expires_at = decimal(expiry).ok_or(Error::UnknownSignedFormat)?;

    let mut tag = [0u8; MAX_TAG_LEN];
    let tag_len = base64::decode(signature, Alphabet::UrlSafe, Padding::Unpadded, &mut tag)
        .map_err(|_| Error::SignatureMalformed)?;
    let (presented, _) = tag
        .split_at_checked(tag_len)
        .ok_or(Error::SignatureMalformed)?;
    if ring.is_empty() {
        return Err(Error::EmptyKeyRing);
    }
    if !ring
        .keys()
        .iter()
        .any(|k| k.algorithm().tag_len() == presented.len())
    {
        return Err(Error::SignatureMalformed);
    }
    let key_index = ring.verify_parts(&[&len, purpose, text], presented)?;
    if now >= expires_at {
        return Err(Error::SignedValueExpired);
    }
    let n =
        base64::decode(payload, Alphabet::UrlSafe, Padding::Unpadded, out).map_err(|e| match e {
            Error::BufferTooSmall { .. } => e,
            _ => Error::SignatureMalformed,
        });
    let n = match n {
        Ok(n) => n,
        Err(e) => {
            out.fill(0);
            return Err(e);
        }
    };
    let out: &'b [u8] = out;
    let (payload, _) = out
        .split_at_checked(n)
        .ok_or(Error::BufferTooSmall { needed: n })?;
    Ok(Opened {
        payload,
        expires_at,
        key_index,
    })
}

/// A decimal `i64` as [`sign`] writes it: `-?[0-9]+`, no leading zero but
/// for `0` itself, in range.
fn decimal(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first()? {
        (b'-', digits) => (true, digits),
        _ => (false, text),
    };
    if digits.is_empty() || (digits.len() > 1 && digits.first() == Some(&b'0')) {
        return None;
    }
    let mut value: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        let digit = i64::from(d - b'0');
        value = value.checked_mul(10)?;
        value = if negative {
            value.checked_sub(digit)?
        } else {
            value.checked_add(digit)?
        };
    }
    if negative && value == 0 {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mac::Algorithm;

    fn key(secret: &[u8]) -> HmacKey {
        HmacKey::new(Algorithm::Sha256, secret)
    }

    #[test]
    fn round_trips_and_refuses_what_it_must() {
        let k = key(b"first key");
        let mut ring: KeyRing<2> = KeyRing::with_key(key(b"new key")).unwrap();
        ring.push(k.clone()).unwrap();
        let mut sealed = [0u8; 128];
        let mut out = [0u8; 64];
        for (payload, exp) in [(&b""[..], 0i64), (b"a", -5), (b"\x00\xffbytes", i64::MAX)] {
            let n = sign(&k, b"p", payload, exp, &mut sealed).unwrap();
            let v = &sealed[..n];
            assert!(
                v.iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
            );
            let opened = verify(&ring, b"p", v, exp - 1, &mut out).unwrap();
            assert_eq!(
                (opened.payload, opened.expires_at, opened.key_index),
                (payload, exp, 1)
            );
            assert_eq!(
                verify(&ring, b"p", v, exp, &mut out).err(),
                Some(Error::SignedValueExpired)
            );
            assert_eq!(
                verify(&ring, b"q", v, exp - 1, &mut out).err(),
                Some(Error::SignatureMismatch)
            );
        }
        // Sizes: the exact length, and nothing partial below it.
        let n = sign(&k, b"p", b"payload", 10, &mut sealed).unwrap();
        for cap in [0, 5, n - 1] {
            let mut small = [0u8; 128];
            assert_eq!(
                sign(&k, b"p", b"payload", 10, &mut small[..cap]),
                Err(Error::BufferTooSmall { needed: n })
            );
        }
        let v = &sealed[..n];
        // Tampering anywhere is refused.
        for i in 0..n {
            let mut t = [0u8; 128];
            t[..n].copy_from_slice(v);
            t[i] ^= 0x01;
            assert!(
                verify(&ring, b"p", &t[..n], 0, &mut out).is_err(),
                "byte {i}"
            );
        }
        // The expiry is under the signature: a later one does not verify.
        let mut later = [0u8; 128];
        let m = sign(&k, b"p", b"payload", 11, &mut later).unwrap();
        let sig_at = v.iter().rposition(|&b| b == b'.').unwrap();
        let mut forged = [0u8; 160];
        let head = later[..m].iter().rposition(|&b| b == b'.').unwrap();
        forged[..head].copy_from_slice(&later[..head]);
        forged[head..head + n - sig_at].copy_from_slice(&v[sig_at..]);
        let len = head + n - sig_at;
        assert_eq!(
            verify(&ring, b"p", &forged[..len], 0, &mut out).err(),
            Some(Error::SignatureMismatch)
        );
        for bad in [
            &b""[..],
            b"v2.1.a.b",
            b"v1.1.a",
            b"v1..a.b",
            b"v1.01.a.b",
            b"v1.-0.a.b",
            b"v1.x.a.b",
        ] {
            assert_eq!(
                verify(&ring, b"p", bad, 0, &mut out).err(),
                Some(Error::UnknownSignedFormat),
                "{bad:?}"
            );
        }
        let mut tiny = [0u8; 2];
        assert_eq!(
            verify(&ring, b"p", v, 0, &mut tiny).err(),
            Some(Error::BufferTooSmall { needed: 7 })
        );
        assert!(tiny.iter().all(|&b| b == 0));
        let long = [b'x'; 256];
        assert_eq!(
            sign(&k, &long, b"", 0, &mut sealed),
            Err(Error::InputTooLong)
        );
    }
}
