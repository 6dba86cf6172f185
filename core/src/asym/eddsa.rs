//! Ed25519 (RFC 8032), the EdDSA of JWS (RFC 8037), with strict
//! verification.
//!
//! Plain RFC 8032 verification leaves room for more than one valid
//! signature per message and for keys that sign everything; strict
//! verification, as Wycheproof and the "Taming the many EdDSAs" analysis
//! expect, closes it:
//!
//! - `S` must be below the group order `L` (RFC 8032 section 5.1.7 step 1):
//!   `S + L` is the same scalar but another signature;
//!   [`Error::SignatureMalformed`] otherwise.
//! - The public key `A` must be the canonical encoding of a point (its `y`
//!   below `2^255 - 19`, RFC 8032 section 5.1.3 step 1) and not of small
//!   order (a small-order `A` verifies forged signatures): a non-canonical
//!   or off-curve key is [`Error::KeyMalformed`], a small-order one
//!   [`Error::KeyTooWeak`].
//! - `R` must not be of small order, and is compared as the canonical
//!   encoding of `[S]B - [k]A` (the equation without the cofactor), so a
//!   non-canonical `R` never verifies: [`Error::SignatureMismatch`].
//!
//! The curve arithmetic is `ed25519-dalek`'s, chosen by measured flash,
//! stack and speed among the no-alloc Ed25519 crates (the design notes
//! hold the numbers): its plain `verify` plus a table of the eight
//! small-order encodings of `R`, which answers as its `verify_strict` does
//! without decoding `R` (tested against it); it hashes with the same `sha2` as the
//! rest of jeton, so SHA-512 is linked once. Feature `eddsa`. With feature
//! `small-stack` (for firmware) the verification is jeton's double-and-add
//! over `curve25519-dalek`'s public point operations instead, with the same
//! checks and answers and a third of the stack, for about 50% more time.
//!
//! ```
//! use jeton::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
//!
//! // RFC 8032 section 7.1, TEST 2.
//! let seed = hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
//! let key = Ed25519SigningKey::from_seed(&seed)?;
//! let signature = key.sign(&[0x72]);
//! assert_eq!(
//!     signature[..],
//!     hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da\
//!          085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")[..]
//! );
//!
//! let public = Ed25519PublicKey::from_bytes(&hex(
//!     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
//! ))?;
//! assert_eq!(public, key.public_key());
//! assert_eq!(public.verify(&[0x72], &signature), Ok(()));
//! assert_eq!(public.verify(&[0x73], &signature), Err(jeton::Error::SignatureMismatch));
//! # fn hex(s: &str) -> Vec<u8> {
//! #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
//! # }
//! # Ok::<(), jeton::Error>(())
//! ```

use core::fmt;

use ed25519_dalek::Signer;
use zeroize::Zeroizing;

use crate::Error;

/// Length in bytes of a public key, of a seed and of `R` and `S`.
const LEN: usize = 32;

/// The group order `L = 2^252 + 27742317777372353535851937790883648493`,
/// little-endian (RFC 8032 section 5.1).
const ORDER: [u8; LEN] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// The field prime `p = 2^255 - 19`, little-endian.
const PRIME: [u8; LEN] = [
    0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
];

/// `signature` as `R || S` when it is 64 bytes long with `S` below the
/// group order `L` (RFC 8032 section 5.1.7 step 1): the shape checks
/// before any arithmetic.
fn well_formed(signature: &[u8]) -> Option<&[u8; 2 * LEN]> {
    let signature = <&[u8; 2 * LEN]>::try_from(signature).ok()?;
    less_than(signature.last_chunk::<LEN>()?, &ORDER).then_some(signature)
}

/// The canonical encodings of the eight points of order dividing 8 (the
/// identity, the point of order 2, two of order 4, four of order 8): an
/// `R` that is one of them is refused, as strict verification refuses a
/// small-order `R`.
#[cfg(any(test, fuzzing, not(feature = "small-stack")))]
const SMALL_ORDER: [[u8; LEN]; 8] = {
    let mut points = [[0u8; LEN]; 8];
    // (0, 1) and (0, -1): y = 1 and y = p - 1, x = 0.
    points[0][0] = 1;
    points[1] = PRIME;
    points[1][0] = 0xec;
    // (±sqrt(-1), 0): y = 0, x of either sign.
    points[3][31] = 0x80;
    // The four of order 8: two values of y, x of either sign.
    points[4] = ORDER_8_Y0;
    points[5] = ORDER_8_Y0;
    points[5][31] |= 0x80;
    points[6] = ORDER_8_Y1;
    points[7] = ORDER_8_Y1;
    points[7][31] |= 0x80;
    points
};

/// The two `y` of the points of order 8, little-endian.
#[cfg(any(test, fuzzing, not(feature = "small-stack")))]
const ORDER_8_Y0: [u8; LEN] = [
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
];
#[cfg(any(test, fuzzing, not(feature = "small-stack")))]
const ORDER_8_Y1: [u8; LEN] = [
    0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
    0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
];

/// `true` when the little-endian `a` is below the little-endian `b`.
/// Variable time: only public values (`S`, a public key) come here.
fn less_than(a: &[u8; LEN], b: &[u8; LEN]) -> bool {
    a.iter().rev().cmp(b.iter().rev()).is_lt()
}

/// `true` when the `y` of an encoded point (its low 255 bits,
/// little-endian) is below the field prime `p = 2^255 - 19`.
fn canonical_y(encoded: &[u8; LEN]) -> bool {
    let mut y = *encoded;
    if let Some(last) = y.last_mut() {
        *last &= 0x7f;
    }
    less_than(&y, &PRIME)
}

/// An Ed25519 public key (`A`), checked canonical and not of small order.
///
/// `Debug` prints the 32 bytes in hexadecimal; `==` compares them (the
/// encoding is canonical, so equal points have equal bytes).
#[derive(Clone, Copy)]
pub struct Ed25519PublicKey {
    key: ed25519_dalek::VerifyingKey,
}

impl Ed25519PublicKey {
    /// Length in bytes of a public key.
    pub const LEN: usize = LEN;

    /// Length in bytes of a signature: `R || S`.
    pub const SIGNATURE_LEN: usize = 2 * LEN;

    /// The key whose encoding is `bytes` (RFC 8032 section 5.1.5; a JWK's
    /// `x` after base64url, RFC 8037 section 2).
    ///
    /// # Errors
    ///
    /// [`Error::KeyMalformed`] when `bytes` is not 32 bytes long, its `y`
    /// is not below `2^255 - 19`, or it decodes to no point;
    /// [`Error::KeyTooWeak`] when the point has small order (the identity
    /// and the seven other points of order dividing 8).
    ///
    /// ```
    /// use jeton::{Error, asym::eddsa::Ed25519PublicKey};
    /// // RFC 8032 section 7.1, TEST 1.
    /// let key = Ed25519PublicKey::from_bytes(&hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))?;
    /// assert_eq!(key.as_bytes()[..], hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")[..]);
    ///
    /// // The identity (y = 1) has order 1: it would verify forgeries.
    /// let mut identity = [0u8; 32];
    /// identity[0] = 1;
    /// assert_eq!(Ed25519PublicKey::from_bytes(&identity), Err(Error::KeyTooWeak));
    /// // y = p = 2^255 - 19 is not a canonical encoding (of y = 0).
    /// let mut p = [0xffu8; 32];
    /// p[0] = 0xed;
    /// p[31] = 0x7f;
    /// assert_eq!(Ed25519PublicKey::from_bytes(&p), Err(Error::KeyMalformed));
    /// assert_eq!(Ed25519PublicKey::from_bytes(&identity[..31]), Err(Error::KeyMalformed));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let bytes = <&[u8; LEN]>::try_from(bytes).map_err(|_| Error::KeyMalformed)?;
        // dalek decodes the ZIP-215 way, which reduces a `y` of p or more.
        if !canonical_y(bytes) {
            return Err(Error::KeyMalformed);
        }
        let key =
            ed25519_dalek::VerifyingKey::from_bytes(bytes).map_err(|_| Error::KeyMalformed)?;
        if key.is_weak() {
            return Err(Error::KeyTooWeak);
        }
        Ok(Self { key })
    }

    /// The 32-byte encoding (a JWK's `x` before base64url).
    ///
    /// ```
    /// use jeton::asym::eddsa::Ed25519SigningKey;
    /// // RFC 8032 section 7.1, TEST 3: the secret key, and its public key.
    /// let key = Ed25519SigningKey::from_seed(&hex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"))?;
    /// assert_eq!(key.public_key().as_bytes()[..], hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")[..]);
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8; LEN] {
        self.key.as_bytes()
    }

    /// Verifies `signature` (`R || S`, 64 bytes) over `message`, strictly
    /// (see the [module documentation](self)).
    ///
    /// # Errors
    ///
    /// [`Error::SignatureMalformed`] when the signature is not 64 bytes long
    /// or its `S` is not below the group order; [`Error::SignatureMismatch`]
    /// when it is not this key's signature of `message`, a small-order or
    /// non-canonical `R` included.
    ///
    /// ```
    /// use jeton::{Error, asym::eddsa::Ed25519PublicKey};
    /// // RFC 8032 section 7.1, TEST 1: the empty message.
    /// let key = Ed25519PublicKey::from_bytes(&hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))?;
    /// let mut signature = hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    /// assert_eq!(key.verify(b"", &signature), Ok(()));
    /// assert_eq!(key.verify(b"\0", &signature), Err(Error::SignatureMismatch));
    /// assert_eq!(key.verify(b"", &signature[..63]), Err(Error::SignatureMalformed));
    /// // S at or above the group order L: the same scalar, another signature.
    /// signature[32..].fill(0xff);
    /// assert_eq!(key.verify(b"", &signature), Err(Error::SignatureMalformed));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        let signature = well_formed(signature).ok_or(Error::SignatureMalformed)?;
        #[cfg(feature = "small-stack")]
        return self.verify_small_stack(message, signature);
        #[cfg(not(feature = "small-stack"))]
        return self.verify_fast(message, signature);
    }

    /// The rest of [`Self::verify`] once `S` is known to be below `L`, with
    /// `verify_strict`'s answers at the cost of `ed25519-dalek`'s plain
    /// `verify`. That one checks the equation without the cofactor by
    /// comparing `R`'s bytes with the canonical encoding of `[S]B - [k]A`;
    /// `verify_strict` also decodes `R` to refuse one of small order, a
    /// square root that costs about a tenth of the verification. A passing
    /// `R` is that canonical encoding, so it decodes to that point and has
    /// small order exactly when its bytes are one of the eight in
    /// [`SMALL_ORDER`]: checking them is the same refusal without the
    /// decoding (`A`'s order was checked at construction). The double-base
    /// scalar multiplication keeps two 8-point tables and two NAF digit
    /// arrays on the stack, hence the `small-stack` path for firmware.
    #[cfg(any(test, fuzzing, not(feature = "small-stack")))]
    fn verify_fast(&self, message: &[u8], signature: &[u8; 2 * LEN]) -> Result<(), Error> {
        use ed25519_dalek::Verifier;
        if signature
            .first_chunk::<LEN>()
            .is_some_and(|r| SMALL_ORDER.contains(r))
        {
            return Err(Error::SignatureMismatch);
        }
        self.key
            .verify(message, &ed25519_dalek::Signature::from_bytes(signature))
            .map_err(|_| Error::SignatureMismatch)
    }

    /// The rest of [`Self::verify`] once `S` is known to be below `L`, with
    /// the curve crate's public point operations only and a few points on
    /// the stack (feature `small-stack`). The same answers as
    /// `verify_strict`: the canonical encoding of `P = [S]B - [k]A`,
    /// `k = SHA-512(R || A || M) mod L`, must be `R`'s bytes (no cofactor,
    /// so a non-canonical `R` never matches), and `R` must not be of small
    /// order (`A` was checked at construction).
    ///
    /// `verify_strict` decodes `R` first to check its order; here `P`'s
    /// order is checked once the bytes match, which is the same answer
    /// (when `P` encodes to `R`'s bytes, `R` decodes to `P`) without the
    /// decoding's square root, the deepest stack of this path. The three
    /// steps are functions of their own so that their locals do not add
    /// up in one frame.
    #[cfg(any(test, fuzzing, feature = "small-stack"))]
    fn verify_small_stack(&self, message: &[u8], signature: &[u8; 2 * LEN]) -> Result<(), Error> {
        let (r, s) = signature.split_at(LEN);
        let r = <&[u8; LEN]>::try_from(r).map_err(|_| Error::SignatureMalformed)?;
        let s = <&[u8; LEN]>::try_from(s).map_err(|_| Error::SignatureMalformed)?;
        let k = challenge(r, self.as_bytes(), message);
        let p = double_and_add(s, &k, &self.key);
        if p.compress().as_bytes() == r && !p.is_small_order() {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }
}

/// `k = SHA-512(R || A || M) mod L` (RFC 8032 section 5.1.7 step 2),
/// little-endian.
#[cfg(any(test, fuzzing, feature = "small-stack"))]
#[inline(never)]
fn challenge(r: &[u8; LEN], a: &[u8; LEN], message: &[u8]) -> [u8; LEN] {
    use sha2::Digest;
    let hash: [u8; 2 * LEN] = sha2::Sha512::new()
        .chain_update(r)
        .chain_update(a)
        .chain_update(message)
        .finalize()
        .into();
    curve25519_dalek::scalar::Scalar::from_bytes_mod_order_wide(&hash).to_bytes()
}

/// `[s]B - [k]A` for the little-endian `s` and `k`, by one left-to-right
/// double-and-add over both scalars' bits at once (Straus-Shamir with
/// 1-bit windows): three points beside the accumulator, where the
/// windowed methods keep 16. Variable time is fine: `s`, `k` and `A` are
/// all public (the signature, the key and the message's hash).
#[cfg(any(test, fuzzing, feature = "small-stack"))]
#[inline(never)]
fn double_and_add(
    s: &[u8; LEN],
    k: &[u8; LEN],
    a: &ed25519_dalek::VerifyingKey,
) -> curve25519_dalek::edwards::EdwardsPoint {
    use curve25519_dalek::constants::ED25519_BASEPOINT_POINT as B;
    let minus_a = -a.to_edwards();
    let b_minus_a = B + minus_a;
    let mut acc = curve25519_dalek::edwards::EdwardsPoint::default();
    for i in (0..8 * LEN).rev() {
        let bit = |bytes: &[u8; LEN]| bytes.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1);
        // The curve crate has no public doubling; its addition is
        // complete, so P + P doubles.
        acc = acc + acc;
        match (bit(s), bit(k)) {
            (true, true) => acc += &b_minus_a,
            (true, false) => acc += &B,
            (false, true) => acc += &minus_a,
            (false, false) => {}
        }
    }
    acc
}

/// For the differential fuzz target `asym_small_stack`.
#[cfg(fuzzing)]
impl Ed25519PublicKey {
    /// The answers of the default and the small-stack verification of a
    /// 64-byte signature whose `S` is below `L` (what `verify` checks
    /// before either); `None` for any other signature.
    #[doc(hidden)]
    pub fn verify_both_ways(
        &self,
        message: &[u8],
        signature: &[u8],
    ) -> Option<(Result<(), Error>, Result<(), Error>)> {
        let signature = well_formed(signature)?;
        Some((
            self.verify_fast(message, signature),
            self.verify_small_stack(message, signature),
        ))
    }
}

impl PartialEq for Ed25519PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Ed25519PublicKey {}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519PublicKey(")?;
        self.as_bytes()
            .iter()
            .try_for_each(|b| write!(f, "{b:02x}"))?;
        f.write_str(")")
    }
}

/// An Ed25519 private key: the 32-byte seed of RFC 8032 section 5.1.5.
///
/// The seed is wiped when the key is dropped; `Debug` prints only the
/// public key.
#[derive(Clone)]
pub struct Ed25519SigningKey {
    // `ed25519_dalek::SigningKey` wipes the seed on drop (checked below);
    // the expanded scalar and nonce prefix exist only during `sign`, and
    // dalek wipes them too.
    key: ed25519_dalek::SigningKey,
}

const _: () = {
    const fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
    wipes_on_drop::<ed25519_dalek::SigningKey>();
};

impl Ed25519SigningKey {
    /// Length in bytes of a seed.
    pub const SEED_LEN: usize = LEN;

    /// The key of a 32-byte seed (a JWK's `d` after base64url, RFC 8037
    /// section 2). Every seed is a key.
    ///
    /// # Errors
    ///
    /// [`Error::KeyMalformed`] when `seed` is not 32 bytes long.
    ///
    /// ```
    /// use jeton::{Error, asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey}};
    /// // RFC 8032 section 7.1, TEST 3.
    /// let seed = hex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7");
    /// let key = Ed25519SigningKey::from_seed(&seed)?;
    /// assert_eq!(key.public_key(), Ed25519PublicKey::from_bytes(&hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"))?);
    /// assert_eq!(Ed25519SigningKey::from_seed(&seed[..31]).err(), Some(Error::KeyMalformed));
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_seed(seed: &[u8]) -> Result<Self, Error> {
        let seed = Zeroizing::new(<[u8; LEN]>::try_from(seed).map_err(|_| Error::KeyMalformed)?);
        Ok(Self {
            key: ed25519_dalek::SigningKey::from_bytes(&seed),
        })
    }

    /// The matching public key; see the example of
    /// [`Ed25519SigningKey::from_seed`].
    pub fn public_key(&self) -> Ed25519PublicKey {
        Ed25519PublicKey {
            key: self.key.verifying_key(),
        }
    }

    /// Signs `message` (RFC 8032 section 5.1.6; deterministic, no entropy
    /// needed): `R || S`.
    ///
    /// ```
    /// use jeton::asym::eddsa::Ed25519SigningKey;
    /// // RFC 8032 section 7.1, TEST 3: the message af 82.
    /// let key = Ed25519SigningKey::from_seed(&hex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"))?;
    /// assert_eq!(key.sign(&[0xaf, 0x82])[..], hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")[..]);
    /// # fn hex(s: &str) -> Vec<u8> {
    /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn sign(&self, message: &[u8]) -> [u8; 2 * LEN] {
        self.key.sign(message).to_bytes()
    }
}

impl fmt::Debug for Ed25519SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519SigningKey")
            .field("public_key", &self.public_key())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes of a hex string of known length (test data only).
    fn hex<const N: usize>(s: &str) -> [u8; N] {
        let mut out = [0u8; N];
        assert_eq!(s.len(), 2 * N);
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    // RFC 8032 section 7.1, TEST 1.
    const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const SIGNATURE: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
                             5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    #[test]
    fn key_length() {
        let pk = hex::<32>(PUBLIC);
        assert!(Ed25519PublicKey::from_bytes(&pk).is_ok());
        assert_eq!(
            Ed25519PublicKey::from_bytes(&pk[..31]),
            Err(Error::KeyMalformed)
        );
        let mut long = [0u8; 33];
        long[..32].copy_from_slice(&pk);
        assert_eq!(
            Ed25519PublicKey::from_bytes(&long),
            Err(Error::KeyMalformed)
        );
        assert_eq!(Ed25519PublicKey::from_bytes(&[]), Err(Error::KeyMalformed));
        assert_eq!(
            Ed25519SigningKey::from_seed(&[1; 31]).err(),
            Some(Error::KeyMalformed)
        );
        assert_eq!(
            Ed25519SigningKey::from_seed(&[1; 33]).err(),
            Some(Error::KeyMalformed)
        );
    }

    /// RFC 8032 section 5.1.3 step 1: a `y` of p or more does not decode.
    /// The 19 such encodings (y = p + k, k < 19), with either sign bit,
    /// are all refused as malformed, whatever point `k` would be.
    #[test]
    fn non_canonical_keys_are_malformed() {
        for k in 0..19u8 {
            for sign in [0x00, 0x80] {
                let mut encoded = PRIME;
                encoded[0] += k;
                encoded[31] |= sign;
                assert_eq!(
                    Ed25519PublicKey::from_bytes(&encoded),
                    Err(Error::KeyMalformed),
                    "p + {k}, sign {sign}"
                );
            }
        }
        // p - 1 is canonical (y = -1, a point of order 2).
        let mut p_minus_1 = PRIME;
        p_minus_1[0] -= 1;
        assert_eq!(
            Ed25519PublicKey::from_bytes(&p_minus_1),
            Err(Error::KeyTooWeak)
        );
    }

    /// The canonical encodings of the eight points of order dividing 8
    /// (the identity, (0, -1), (±sqrt(-1), 0) and four of order 8; the
    /// table is checked against the curve crate's below); a key there
    /// would accept forgeries, so it is refused as too weak.
    #[test]
    fn small_order_keys_are_too_weak() {
        for encoded in SMALL_ORDER {
            assert_eq!(
                Ed25519PublicKey::from_bytes(&encoded),
                Err(Error::KeyTooWeak),
                "{encoded:02x?}"
            );
        }
    }

    #[test]
    fn s_must_be_below_the_order() {
        let key = Ed25519PublicKey::from_bytes(&hex::<32>(PUBLIC)).unwrap();
        let sig = hex::<64>(SIGNATURE);
        assert_eq!(key.verify(b"", &sig), Ok(()));
        // S = L, S = 2^256 - 1: malformed before any arithmetic.
        for s in [ORDER, [0xff; 32]] {
            let mut bad = sig;
            bad[32..].copy_from_slice(&s);
            assert_eq!(key.verify(b"", &bad), Err(Error::SignatureMalformed));
        }
        // S = L - 1 is in range: a mismatch, not malformed.
        let mut below = ORDER;
        below[0] -= 1;
        let mut bad = sig;
        bad[32..].copy_from_slice(&below);
        assert_eq!(key.verify(b"", &bad), Err(Error::SignatureMismatch));
        // Lengths.
        assert_eq!(key.verify(b"", &sig[..63]), Err(Error::SignatureMalformed));
        let mut long = [0u8; 65];
        long[..64].copy_from_slice(&sig);
        assert_eq!(key.verify(b"", &long), Err(Error::SignatureMalformed));
    }

    /// A small-order `R` never verifies, even with `S = 0` against the
    /// identity's own equation.
    #[test]
    fn small_order_r_is_refused() {
        let key = Ed25519PublicKey::from_bytes(&hex::<32>(PUBLIC)).unwrap();
        let mut sig = [0u8; 64];
        sig[0] = 1; // R = identity, S = 0
        assert_eq!(key.verify(b"", &sig), Err(Error::SignatureMismatch));
    }

    #[test]
    fn debug_shows_no_secret() {
        use core::fmt::Write;
        struct Buf([u8; 256], usize);
        impl Write for Buf {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let end = self.1 + s.len();
                self.0
                    .get_mut(self.1..end)
                    .ok_or(fmt::Error)?
                    .copy_from_slice(s.as_bytes());
                self.1 = end;
                Ok(())
            }
        }
        let mut buf = Buf([0; 256], 0);
        // RFC 8032 TEST 1's seed: 9d61b19d...; its public key d75a9801...
        let seed = hex::<32>("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        write!(buf, "{:?}", Ed25519SigningKey::from_seed(&seed).unwrap()).unwrap();
        let text = &buf.0[..buf.1];
        assert!(text.starts_with(b"Ed25519SigningKey { public_key: Ed25519PublicKey(d75a9801"));
        assert!(!text.windows(8).any(|w| w == b"9d61b19d"));
    }

    /// Both verification paths on one signature whose `S` is below `L`
    /// (what `verify` checks before either).
    fn both_paths(
        key: &Ed25519PublicKey,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), Error> {
        let fast = key.verify_fast(message, signature);
        let small = key.verify_small_stack(message, signature);
        // The reference both stand for: ed25519-dalek's strict check.
        let strict = key
            .key
            .verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
            .map_err(|_| Error::SignatureMismatch);
        assert_eq!(fast, strict, "fast: {key:?} {signature:02x?}");
        assert_eq!(small, strict, "small: {key:?} {signature:02x?}");
        small
    }

    /// The table the fast path refuses `R` by is the curve crate's eight
    /// torsion points, encoded.
    #[test]
    fn small_order_table_is_the_eight_torsion() {
        let mut table = SMALL_ORDER;
        let mut torsion =
            curve25519_dalek::constants::EIGHT_TORSION.map(|p| p.compress().to_bytes());
        table.sort_unstable();
        torsion.sort_unstable();
        assert_eq!(table, torsion);
    }

    /// The small-stack path against `verify_strict`, on keys and
    /// signatures made from hashed counters: each signature verifies on
    /// both, and every one-bit change of it (kept with `S` below `L`),
    /// another message and another key are refused by both.
    #[test]
    fn small_stack_path_agrees_with_verify_strict() {
        use sha2::Digest;
        for i in 0u8..6 {
            let seed: [u8; 32] = sha2::Sha256::digest([i]).into();
            let key = Ed25519SigningKey::from_seed(&seed).unwrap();
            let other = Ed25519SigningKey::from_seed(&sha2::Sha256::digest(seed)).unwrap();
            let message = &seed[..usize::from(i) * 5];
            let signature = key.sign(message);
            assert_eq!(both_paths(&key.public_key(), message, &signature), Ok(()));
            assert_eq!(
                both_paths(&other.public_key(), message, &signature),
                Err(Error::SignatureMismatch)
            );
            assert_eq!(
                both_paths(&key.public_key(), b"another message", &signature),
                Err(Error::SignatureMismatch)
            );
            for bit in (0..512).step_by(7) {
                let mut changed = signature;
                changed[bit / 8] ^= 1 << (bit % 8);
                if bit >= 256 && !less_than(changed.last_chunk().unwrap(), &ORDER) {
                    continue;
                }
                assert_eq!(
                    both_paths(&key.public_key(), message, &changed),
                    Err(Error::SignatureMismatch),
                    "bit {bit}"
                );
            }
        }
    }

    /// `R` of small order (the eight points of order dividing 8, with `S`
    /// zero and not), and the non-canonical encodings `y = p + k` of `R`:
    /// refused by both paths.
    #[test]
    fn small_stack_path_refuses_small_order_and_non_canonical_r() {
        let key = Ed25519PublicKey::from_bytes(&hex::<32>(PUBLIC)).unwrap();
        let valid = hex::<64>(SIGNATURE);
        let mut rs: [[u8; 32]; 8 + 38] = [[0; 32]; 46];
        rs[..8].copy_from_slice(&SMALL_ORDER);
        for (j, r) in rs[8..].iter_mut().enumerate() {
            *r = PRIME;
            r[0] += u8::try_from(j / 2).unwrap();
            r[31] |= if j % 2 == 1 { 0x80 } else { 0 };
        }
        for r in rs {
            for s in [[0u8; 32], *valid.last_chunk::<32>().unwrap()] {
                let mut signature = [0u8; 64];
                signature[..32].copy_from_slice(&r);
                signature[32..].copy_from_slice(&s);
                assert_eq!(
                    both_paths(&key, b"", &signature),
                    Err(Error::SignatureMismatch),
                    "{r:02x?}"
                );
            }
        }
    }

    /// A signature whose equation holds with `R` the identity: with the
    /// secret scalar `a` known, `S = k * a` gives `[S]B - [k]A = O = R`.
    /// RFC 8032 accepts it; strict verification refuses `R` for its small
    /// order, and both paths must (the small-stack path checks the order
    /// of the computed point, so this is the case that reaches it).
    #[test]
    fn identity_r_with_a_matching_equation_is_refused() {
        use curve25519_dalek::scalar::{Scalar, clamp_integer};
        use sha2::Digest;
        let seed = [0x42u8; 32];
        let key = Ed25519SigningKey::from_seed(&seed).unwrap();
        let public = key.public_key();
        let h = sha2::Sha512::digest(seed);
        let a = Scalar::from_bytes_mod_order(clamp_integer(*h.first_chunk::<32>().unwrap()));
        let mut r = [0u8; 32];
        r[0] = 1;
        let k = Scalar::from_bytes_mod_order(challenge(&r, public.as_bytes(), b"m"));
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&r);
        signature[32..].copy_from_slice((k * a).as_bytes());
        // The equation holds: the point is the identity, encoded as R.
        let p = double_and_add(
            signature.last_chunk::<32>().unwrap(),
            k.as_bytes(),
            &public.key,
        );
        assert_eq!(p.compress().to_bytes(), r);
        assert_eq!(
            both_paths(&public, b"m", &signature),
            Err(Error::SignatureMismatch)
        );
        assert_eq!(
            public.verify(b"m", &signature),
            Err(Error::SignatureMismatch)
        );
    }
}
