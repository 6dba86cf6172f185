//! HMAC keys (SHA-1, SHA-256, SHA-384, SHA-512) and key rings.
//!
//! A [`HmacKey`] runs the secret through the HMAC inner and outer pads once,
//! at construction, and keeps the two resulting hash states; every
//! signature starts from a copy of them instead of from the secret. The
//! states, and every copy, are wiped when dropped. Tags are compared in
//! constant time.
//!
//! A [`KeyRing`] holds up to `N` keys for rotation: it signs with the first
//! and verifies against every key, reporting which one matched so the
//! caller can re-sign with the current key.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::Error;
use crate::list::Vacant;
use crate::ring::Ring;

mod block64;
#[cfg(feature = "sha512")]
mod hmac_crate;
#[cfg(feature = "sha1")]
use block64::Sha1;
use block64::Sha256;
#[cfg(feature = "sha512")]
use hmac_crate::{Hmac, keyed, run};

/// The hash under an HMAC key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA1: 20-byte tags (keygrip's default). Feature `sha1`.
    #[cfg(feature = "sha1")]
    Sha1,
    /// HMAC-SHA256: 32-byte tags.
    Sha256,
    /// HMAC-SHA384: 48-byte tags. Feature `sha512`.
    #[cfg(feature = "sha512")]
    Sha384,
    /// HMAC-SHA512: 64-byte tags. Feature `sha512`.
    #[cfg(feature = "sha512")]
    Sha512,
}

impl Algorithm {
    /// Length of this algorithm's tag in bytes.
    ///
    /// ```
    /// use jeton::mac::Algorithm;
    /// assert_eq!(Algorithm::Sha256.tag_len(), 32);
    /// # #[cfg(all(feature = "sha1", feature = "sha512"))] {
    /// assert_eq!(Algorithm::Sha1.tag_len(), 20);
    /// assert_eq!((Algorithm::Sha384.tag_len(), Algorithm::Sha512.tag_len()), (48, 64));
    /// # }
    /// ```
    pub const fn tag_len(self) -> usize {
        match self {
            #[cfg(feature = "sha1")]
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            #[cfg(feature = "sha512")]
            Algorithm::Sha384 => 48,
            #[cfg(feature = "sha512")]
            Algorithm::Sha512 => 64,
        }
    }

    /// The name Node's `crypto.createHmac` uses: `sha1`, `sha256`, ...
    ///
    /// ```
    /// assert_eq!(jeton::mac::Algorithm::Sha256.name(), "sha256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            #[cfg(feature = "sha1")]
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha256 => "sha256",
            #[cfg(feature = "sha512")]
            Algorithm::Sha384 => "sha384",
            #[cfg(feature = "sha512")]
            Algorithm::Sha512 => "sha512",
        }
    }
}

/// The longest tag, HMAC-SHA512's.
pub const MAX_TAG_LEN: usize = 64;

/// A MAC tag: the first `len` bytes of a 64-byte array, wiped on drop.
///
/// Its `PartialEq` runs in constant time; its `Debug` prints no bytes.
#[derive(Clone)]
pub struct Tag {
    bytes: [u8; MAX_TAG_LEN],
    len: usize,
}

impl Tag {
    /// The tag bytes. Take care: comparing them with `==` on slices is not
    /// constant-time; use [`HmacKey::verify`] or `Tag`'s own `==`.
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// // RFC 4231 test case 2, HMAC-SHA-256.
    /// let tag = HmacKey::new(Algorithm::Sha256, b"Jefe").sign(b"what do ya want for nothing?");
    /// assert_eq!(tag.as_bytes(), hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// Length in bytes: the algorithm's [`Algorithm::tag_len`].
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let tag = HmacKey::new(Algorithm::Sha256, b"k").sign(b"m");
    /// assert_eq!((tag.len(), tag.is_empty()), (32, false));
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` for a zero-length tag (never produced by a key).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Compares with `other` in constant time (the lengths are public).
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let tag = HmacKey::new(Algorithm::Sha256, b"Jefe").sign(b"what do ya want for nothing?");
    /// let expected = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert!(tag.ct_eq(&expected));
    /// assert!(!tag.ct_eq(&expected[..16])); // a truncated tag is another tag
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn ct_eq(&self, other: &[u8]) -> bool {
        ct_eq(self.as_bytes(), other)
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        self.ct_eq(other.as_bytes())
    }
}

impl Eq for Tag {}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag {{ len: {}, .. }}", self.len)
    }
}

impl Drop for Tag {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

/// Constant-time equality of two byte strings whose lengths are public:
/// the differences are OR-ed together without a branch on the data, and
/// only the final byte goes through `subtle` (comparing byte by byte with
/// `subtle` costs an optimisation barrier per byte).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    diff.ct_eq(&0).into()
}

/// The keyed inner and outer hash states of each algorithm.
#[derive(Clone)]
enum State {
    #[cfg(feature = "sha1")]
    Sha1(block64::Hmac<Sha1>),
    Sha256(block64::Hmac<Sha256>),
    #[cfg(feature = "sha512")]
    Sha384(Hmac<sha2::Sha384>),
    #[cfg(feature = "sha512")]
    Sha512(Hmac<sha2::Sha512>),
}

/// An HMAC key with its pads pre-computed, ready for any number of
/// operations.
///
/// ```
/// use jeton::mac::{Algorithm, HmacKey};
///
/// // RFC 4231 test case 2.
/// let key = HmacKey::new(Algorithm::Sha256, b"Jefe");
/// let tag = key.sign(b"what do ya want for nothing?");
/// assert_eq!(
///     tag.as_bytes()[..8],
///     [0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e]
/// );
/// assert!(key.verify(b"what do ya want for nothing?", tag.as_bytes()).is_ok());
/// ```
#[derive(Clone)]
pub struct HmacKey {
    state: State,
    /// Length of the secret it was keyed with: JWT refuses secrets shorter
    /// than the hash output (RFC 7518 section 3.2).
    secret_len: usize,
}

impl fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HmacKey {{ algorithm: {:?}, .. }}", self.algorithm())
    }
}

fn tag_of(bytes: &[u8]) -> Tag {
    let mut tag = Tag {
        bytes: [0; MAX_TAG_LEN],
        len: 0,
    };
    let len = bytes.len().min(MAX_TAG_LEN);
    if let (Some(dst), Some(src)) = (tag.bytes.get_mut(..len), bytes.get(..len)) {
        dst.copy_from_slice(src);
        tag.len = len;
    }
    tag
}

impl HmacKey {
    /// Keys `algorithm` with `secret`, of any length (longer than a block
    /// is hashed first, as RFC 2104 says).
    ///
    /// ```
    /// # #[cfg(feature = "sha1")] {
    /// use jeton::mac::{Algorithm, HmacKey};
    /// // RFC 2202 test case 2, HMAC-SHA-1.
    /// let key = HmacKey::new(Algorithm::Sha1, b"Jefe");
    /// let tag = key.sign(b"what do ya want for nothing?");
    /// assert_eq!(tag.as_bytes(), hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
    /// # }
    /// // RFC 4231 test case 6: a 131-byte key, hashed first.
    /// let key = jeton::mac::HmacKey::new(jeton::mac::Algorithm::Sha256, &[0xaa; 131]);
    /// let tag = key.sign(b"Test Using Larger Than Block-Size Key - Hash Key First");
    /// assert_eq!(tag.as_bytes(), hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn new(algorithm: Algorithm, secret: &[u8]) -> HmacKey {
        let state = match algorithm {
            #[cfg(feature = "sha1")]
            Algorithm::Sha1 => State::Sha1(block64::Hmac::new(secret)),
            Algorithm::Sha256 => State::Sha256(block64::Hmac::new(secret)),
            #[cfg(feature = "sha512")]
            Algorithm::Sha384 => State::Sha384(keyed(secret)),
            #[cfg(feature = "sha512")]
            Algorithm::Sha512 => State::Sha512(keyed(secret)),
        };
        HmacKey {
            state,
            secret_len: secret.len(),
        }
    }

    /// Keys `algorithm` with a secret given in standard base64 (padded),
    /// decoded in constant time so that the secret's bytes do not show in
    /// timing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBase64`] when `encoded` is not padded standard
    /// base64; [`Error::InputTooLong`] when the secret exceeds 1024 bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let a = HmacKey::from_base64(Algorithm::Sha256, "c2VjcmV0")?;
    /// let b = HmacKey::new(Algorithm::Sha256, b"secret");
    /// assert_eq!(a.sign(b"x"), b.sign(b"x"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_base64<S: AsRef<[u8]> + ?Sized>(
        algorithm: Algorithm,
        encoded: &S,
    ) -> Result<HmacKey, Error> {
        use base64ct::Encoding;
        let mut secret = [0u8; 1024];
        let result = match base64ct::Base64::decode(encoded.as_ref(), &mut secret) {
            Ok(decoded) => Ok(HmacKey::new(algorithm, decoded)),
            // 1368 characters hold 1024 to 1026 bytes: the two longer
            // ones do not fit the buffer, which base64ct reports as a
            // length error too.
            Err(base64ct::Error::InvalidLength) if encoded.as_ref().len() >= 1368 => {
                Err(Error::InputTooLong)
            }
            Err(_) => Err(Error::InvalidBase64),
        };
        secret.zeroize();
        result
    }

    /// Length in bytes of the secret the key was made from (the key keeps
    /// only its pads; JWT keys check it against RFC 7518's minimum).
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// assert_eq!(HmacKey::new(Algorithm::Sha256, b"Jefe").secret_len(), 4);
    /// ```
    pub fn secret_len(&self) -> usize {
        self.secret_len
    }

    /// The algorithm this key computes.
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// assert_eq!(HmacKey::new(Algorithm::Sha256, b"k").algorithm(), Algorithm::Sha256);
    /// ```
    pub fn algorithm(&self) -> Algorithm {
        match self.state {
            #[cfg(feature = "sha1")]
            State::Sha1(_) => Algorithm::Sha1,
            State::Sha256(_) => Algorithm::Sha256,
            #[cfg(feature = "sha512")]
            State::Sha384(_) => Algorithm::Sha384,
            #[cfg(feature = "sha512")]
            State::Sha512(_) => Algorithm::Sha512,
        }
    }

    /// The tag of `data`.
    ///
    /// ```
    /// # #[cfg(feature = "sha512")] {
    /// use jeton::mac::{Algorithm, HmacKey};
    /// // RFC 4231 test case 2, HMAC-SHA-384.
    /// let tag = HmacKey::new(Algorithm::Sha384, b"Jefe").sign(b"what do ya want for nothing?");
    /// assert_eq!(tag.as_bytes(), hex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"));
    /// # }
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn sign(&self, data: &[u8]) -> Tag {
        self.sign_parts(&[data])
    }

    /// The tag of the concatenation of `parts`, without concatenating them
    /// (keygrip signs `name`, `=` and `value` this way).
    ///
    /// ```
    /// # #[cfg(feature = "sha1")] {
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let key = HmacKey::new(Algorithm::Sha1, b"k");
    /// assert_eq!(key.sign_parts(&[b"a", b"=", b"b"]), key.sign(b"a=b"));
    /// # }
    /// ```
    pub fn sign_parts(&self, parts: &[&[u8]]) -> Tag {
        self.with_tag(parts, tag_of)
    }

    /// Computes the tag of the concatenation of `parts` and hands it to
    /// `with` without copying it out: the tag is wiped as soon as `with`
    /// returns. Verification compares in place this way, and formats
    /// encode the tag straight into their output.
    pub(crate) fn with_tag<R>(&self, parts: &[&[u8]], with: impl FnOnce(&[u8]) -> R) -> R {
        match &self.state {
            #[cfg(feature = "sha1")]
            State::Sha1(keyed) => keyed.with_tag(parts, with),
            State::Sha256(keyed) => keyed.with_tag(parts, with),
            #[cfg(feature = "sha512")]
            State::Sha384(keyed) => run(keyed, parts, with),
            #[cfg(feature = "sha512")]
            State::Sha512(keyed) => run(keyed, parts, with),
        }
    }

    /// Writes the tag of `data` into `out` and returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] when `out` is shorter than the tag; nothing
    /// is written.
    ///
    /// ```
    /// # #[cfg(feature = "sha512")] {
    /// use jeton::{Error, mac::{Algorithm, HmacKey}};
    /// // RFC 4231 test case 2, HMAC-SHA-512.
    /// let key = HmacKey::new(Algorithm::Sha512, b"Jefe");
    /// let mut out = [0u8; 64];
    /// assert_eq!(key.sign_into(b"what do ya want for nothing?", &mut out)?, 64);
    /// assert_eq!(out[..], hex("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
    /// assert_eq!(key.sign_into(b"x", &mut [0u8; 32]), Err(Error::BufferTooSmall { needed: 64 }));
    /// # }
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn sign_into(&self, data: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        let mut out = crate::out::Out::new(out);
        self.with_tag(&[data], |tag| out.put(tag));
        out.finish()
    }

    /// Checks `tag` against the tag of `data` in constant time.
    ///
    /// # Errors
    ///
    /// [`Error::SignatureMismatch`] when the tag differs or has another
    /// length (lengths are public, so that check is not hidden).
    ///
    /// ```
    /// use jeton::{Error, mac::{Algorithm, HmacKey}};
    /// let key = HmacKey::new(Algorithm::Sha256, b"Jefe");
    /// let data = b"what do ya want for nothing?";
    /// let mut tag = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert_eq!(key.verify(data, &tag), Ok(()));
    /// assert_eq!(key.verify(data, &tag[..31]), Err(Error::SignatureMismatch));
    /// tag[0] ^= 1;
    /// assert_eq!(key.verify(data, &tag), Err(Error::SignatureMismatch));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn verify(&self, data: &[u8], tag: &[u8]) -> Result<(), Error> {
        self.verify_parts(&[data], tag)
    }

    /// [`HmacKey::verify`] over the concatenation of `parts`.
    ///
    /// # Errors
    ///
    /// As [`HmacKey::verify`].
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey};
    /// let key = HmacKey::new(Algorithm::Sha256, b"Jefe");
    /// let tag = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert_eq!(key.verify_parts(&[b"what do ya ", b"want for nothing?"], &tag), Ok(()));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// ```
    pub fn verify_parts(&self, parts: &[&[u8]], tag: &[u8]) -> Result<(), Error> {
        if self.with_tag(parts, |expected| ct_eq(expected, tag)) {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }
}

/// Fills the unused slots of a [`KeyRing`]: SHA-256's initial states,
/// computed from no secret at all and never handed out (only the ring's
/// live keys are).
impl Vacant for HmacKey {
    const VACANT: Self = HmacKey {
        state: State::Sha256(block64::Hmac::UNKEYED),
        secret_len: 0,
    };
}

/// Up to `N` HMAC keys for rotation: the first signs, every one verifies.
///
/// ```
/// use jeton::mac::{Algorithm, HmacKey, KeyRing};
///
/// let old = HmacKey::new(Algorithm::Sha256, b"old secret");
/// let tag = old.sign(b"data");
///
/// let mut ring: KeyRing<2> = KeyRing::new();
/// ring.push(HmacKey::new(Algorithm::Sha256, b"new secret"))?;
/// ring.push(old)?;
/// assert_eq!(ring.verify(b"data", tag.as_bytes()), Ok(1)); // matched the old key
/// assert_ne!(ring.sign(b"data")?, tag);                    // re-sign with the new one
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone)]
pub struct KeyRing<const N: usize> {
    keys: Ring<HmacKey, N>,
}

impl<const N: usize> fmt::Debug for KeyRing<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.keys.fmt(f)
    }
}

impl<const N: usize> Default for KeyRing<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> KeyRing<N> {
    /// An empty ring: it signs and verifies nothing.
    ///
    /// ```
    /// use jeton::{Error, mac::KeyRing};
    /// let ring: KeyRing<4> = KeyRing::new();
    /// assert!(ring.is_empty());
    /// assert_eq!(ring.sign(b"data").err(), Some(Error::EmptyKeyRing));
    /// assert_eq!(ring.verify(b"data", &[0; 32]), Err(Error::EmptyKeyRing));
    /// ```
    pub const fn new() -> Self {
        KeyRing { keys: Ring::new() }
    }

    /// A ring holding one key.
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when `N` is zero.
    ///
    /// ```
    /// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}};
    /// let key = HmacKey::new(Algorithm::Sha256, b"a server secret");
    /// assert_eq!(KeyRing::<2>::with_key(key.clone())?.len(), 1);
    /// assert_eq!(KeyRing::<0>::with_key(key).err(), Some(Error::CapacityExceeded));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn with_key(key: HmacKey) -> Result<Self, Error> {
        Ok(KeyRing {
            keys: Ring::with_key(key)?,
        })
    }

    /// Adds a key after the ones already held (the first key added signs).
    ///
    /// # Errors
    ///
    /// [`Error::CapacityExceeded`] when the ring is full; it is unchanged.
    ///
    /// ```
    /// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}};
    /// let mut ring: KeyRing<1> = KeyRing::new();
    /// ring.push(HmacKey::new(Algorithm::Sha256, b"current"))?;
    /// assert_eq!(ring.push(HmacKey::new(Algorithm::Sha256, b"older")), Err(Error::CapacityExceeded));
    /// assert_eq!(ring.len(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn push(&mut self, key: HmacKey) -> Result<(), Error> {
        self.keys.push(key)
    }

    /// Puts `key` first, for signing, and keeps the others after it for
    /// verification; when the ring is full the last (oldest) key leaves.
    ///
    /// ```
    /// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}};
    /// let first = HmacKey::new(Algorithm::Sha256, b"2024 secret");
    /// let old_tag = first.sign(b"data");
    /// let mut ring: KeyRing<2> = KeyRing::with_key(first)?;
    ///
    /// ring.rotate_in(HmacKey::new(Algorithm::Sha256, b"2025 secret"));
    /// assert_eq!(ring.verify(b"data", old_tag.as_bytes()), Ok(1)); // still accepted
    /// ring.rotate_in(HmacKey::new(Algorithm::Sha256, b"2026 secret"));
    /// assert_eq!(ring.verify(b"data", old_tag.as_bytes()), Err(Error::SignatureMismatch));
    /// assert_eq!(ring.len(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn rotate_in(&mut self, key: HmacKey) {
        self.keys.push_front(key);
    }

    /// The keys, signing key first.
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey, KeyRing};
    /// let mut ring: KeyRing<2> = KeyRing::new();
    /// ring.push(HmacKey::new(Algorithm::Sha256, b"new"))?;
    /// ring.push(HmacKey::new(Algorithm::Sha256, b"old"))?;
    /// assert_eq!(ring.keys()[0].sign(b"x"), ring.sign(b"x")?);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn keys(&self) -> &[HmacKey] {
        self.keys.keys()
    }

    /// Number of keys held.
    pub fn len(&self) -> usize {
        self.keys.keys().len()
    }

    /// `true` when no key is held.
    pub fn is_empty(&self) -> bool {
        self.keys.keys().is_empty()
    }

    /// The signing key: the first.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyKeyRing`].
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey, KeyRing};
    /// let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"k"))?;
    /// assert_eq!(ring.signing_key()?.algorithm(), Algorithm::Sha256);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn signing_key(&self) -> Result<&HmacKey, Error> {
        self.keys.first().ok_or(Error::EmptyKeyRing)
    }

    /// The tag of `data` under the signing key.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyKeyRing`].
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey, KeyRing};
    /// let ring: KeyRing<2> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"Jefe"))?;
    /// let tag = ring.sign(b"what do ya want for nothing?")?;
    /// assert_eq!(tag.as_bytes(), hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")); // RFC 4231 test case 2
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn sign(&self, data: &[u8]) -> Result<Tag, Error> {
        Ok(self.signing_key()?.sign(data))
    }

    /// Index of the first key whose tag of `data` equals `tag`.
    ///
    /// Every key is tried, whatever matches, so the time taken does not
    /// tell which key matched.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyKeyRing`], or [`Error::SignatureMismatch`] when no key
    /// matches.
    ///
    /// ```
    /// use jeton::{Error, mac::{Algorithm, HmacKey, KeyRing}};
    /// let mut ring: KeyRing<2> = KeyRing::new();
    /// ring.push(HmacKey::new(Algorithm::Sha256, b"current secret"))?;
    /// ring.push(HmacKey::new(Algorithm::Sha256, b"Jefe"))?;
    /// let data = b"what do ya want for nothing?";
    /// // RFC 4231 test case 2's tag, made with the older key.
    /// let tag = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert_eq!(ring.verify(data, &tag), Ok(1));
    /// assert_eq!(ring.verify(b"what do ya want for something?", &tag), Err(Error::SignatureMismatch));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify(&self, data: &[u8], tag: &[u8]) -> Result<usize, Error> {
        self.verify_parts(&[data], tag)
    }

    /// [`KeyRing::verify`] over the concatenation of `parts`.
    ///
    /// # Errors
    ///
    /// As [`KeyRing::verify`].
    ///
    /// ```
    /// use jeton::mac::{Algorithm, HmacKey, KeyRing};
    /// let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"Jefe"))?;
    /// let tag = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert_eq!(ring.verify_parts(&[b"what do ya ", b"want for nothing?"], &tag), Ok(0));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify_parts(&self, parts: &[&[u8]], tag: &[u8]) -> Result<usize, Error> {
        self.find(|key| key.with_tag(parts, |expected| ct_eq(expected, tag)))
    }

    /// Index of the first key for which `matches` holds, trying every key.
    pub(crate) fn find(&self, matches: impl Fn(&HmacKey) -> bool) -> Result<usize, Error> {
        if self.is_empty() {
            return Err(Error::EmptyKeyRing);
        }
        self.keys
            .find_trying_all(matches)
            .ok_or(Error::SignatureMismatch)
    }
}

#[cfg(all(test, feature = "sha1", feature = "sha512"))]
mod tests {
    use super::*;

    #[test]
    fn tags_have_their_algorithm_length() {
        for alg in [
            Algorithm::Sha1,
            Algorithm::Sha256,
            Algorithm::Sha384,
            Algorithm::Sha512,
        ] {
            let key = HmacKey::new(alg, b"k");
            assert_eq!(key.sign(b"").len(), alg.tag_len());
            assert_eq!(key.algorithm(), alg);
        }
    }

    #[test]
    fn verify_refuses_other_lengths_and_bytes() {
        let key = HmacKey::new(Algorithm::Sha256, b"k");
        let tag = key.sign(b"m");
        assert!(key.verify(b"m", tag.as_bytes()).is_ok());
        assert_eq!(
            key.verify(b"m", &tag.as_bytes()[..31]),
            Err(Error::SignatureMismatch)
        );
        assert_eq!(key.verify(b"m", b""), Err(Error::SignatureMismatch));
        let mut flipped = [0u8; 32];
        flipped.copy_from_slice(tag.as_bytes());
        flipped[31] ^= 1;
        assert_eq!(key.verify(b"m", &flipped), Err(Error::SignatureMismatch));
        assert_eq!(
            key.verify(b"n", tag.as_bytes()),
            Err(Error::SignatureMismatch)
        );
    }

    #[test]
    fn ring_rotation() {
        let mut ring: KeyRing<2> = KeyRing::new();
        assert_eq!(ring.sign(b"x").err(), Some(Error::EmptyKeyRing));
        assert_eq!(ring.verify(b"x", b"").err(), Some(Error::EmptyKeyRing));
        let a = HmacKey::new(Algorithm::Sha1, b"a");
        let b = HmacKey::new(Algorithm::Sha1, b"b");
        let c = HmacKey::new(Algorithm::Sha1, b"c");
        let tag_a = a.sign(b"x");
        ring.rotate_in(a);
        ring.rotate_in(b);
        assert_eq!(ring.verify(b"x", tag_a.as_bytes()), Ok(1));
        ring.rotate_in(c.clone());
        assert_eq!(
            ring.verify(b"x", tag_a.as_bytes()),
            Err(Error::SignatureMismatch)
        );
        assert_eq!(ring.sign(b"x").unwrap(), c.sign(b"x"));
        assert_eq!(ring.push(c).err(), Some(Error::CapacityExceeded));
        assert_eq!(ring.len(), 2);
    }

    #[test]
    fn from_base64_is_strict() {
        assert_eq!(
            HmacKey::from_base64(Algorithm::Sha1, "c2VjcmV0=").err(),
            Some(Error::InvalidBase64)
        );
        assert_eq!(
            HmacKey::from_base64(Algorithm::Sha1, "c2Vj cmV0").err(),
            Some(Error::InvalidBase64)
        );
        assert!(HmacKey::from_base64(Algorithm::Sha1, "").is_ok());
    }

    #[test]
    fn from_base64_names_secrets_over_1024_bytes() {
        use crate::base64::{Alphabet, Padding, encode};
        let secret = [7u8; 1030];
        let mut text = [0u8; 1376];
        for (len, expected) in [
            (1024, None),
            (1025, Some(Error::InputTooLong)),
            (1026, Some(Error::InputTooLong)),
            (1027, Some(Error::InputTooLong)),
        ] {
            let n = encode(
                &secret[..len],
                Alphabet::Standard,
                Padding::Padded,
                &mut text,
            )
            .unwrap();
            let key = HmacKey::from_base64(Algorithm::Sha256, &text[..n]);
            assert_eq!(key.err(), expected, "{len} bytes");
        }
    }
}
