//! RSA signature verification, RSASSA-PKCS1-v1_5 and RSASSA-PSS (RFC 8017
//! sections 8.2.2 and 8.1.2), for public keys of 2048 to 4096 bits, without
//! allocation.
//!
//! An [`RsaPublicKey`] is loaded once from its modulus `n` and public
//! exponent `e` (big-endian bytes, as a JWK or an `RSAPublicKey` carries
//! them). Loading checks the key and computes the Montgomery parameters of
//! `n`, so that a verification does no per-key setup: it raises the
//! signature to `e` modulo `n` (left-to-right square-and-multiply: 16
//! squarings and one multiplication for `e = 65537`) and checks the
//! recovered encoded message.
//!
//! The arithmetic runs on `crypto-bigint`'s fixed-width integers, at the
//! smallest of three widths that holds the modulus (2048, 3072 or 4096
//! bits), so a 2048-bit key never pays for 4096-bit products. Everything a
//! verification handles is public (key, message, signature), so the code
//! is free to take variable time.
//!
//! - PKCS#1 v1.5: the expected encoded message `0x00 0x01 FF..FF 0x00
//!   DigestInfo H` is built from the digest and compared whole with the
//!   recovered one (RFC 8017 section 8.2.2 steps 3 and 4); the padding of
//!   the signature is never parsed, so no BER variant, missing `NULL`,
//!   short padding or trailing garbage can slip through.
//! - PSS: EMSA-PSS-VERIFY (RFC 8017 section 9.1.2) with MGF1 over the
//!   message hash and a salt as long as the hash, the one parameter set JWS
//!   PS256/PS384/PS512 allow (RFC 7518 section 3.5).
//!
//! There is no RSA signing.
//!
//! # Example
//!
//! RFC 7515 appendix A.2, an RS256 JWS:
//!
//! ```
//! use jeton::asym::rsa::{RsaHash, RsaPublicKey};
//! use jeton::base64::{decode, Alphabet, Padding};
//!
//! let b64 = |text: &str, buf: &mut [u8; 512]| -> Result<usize, jeton::Error> {
//!     decode(text.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, buf)
//! };
//! let (mut n, mut e, mut sig) = ([0u8; 512], [0u8; 512], [0u8; 512]);
//! let n_len = b64(concat!(
//!     "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrc",
//!     "S2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGz",
//!     "jb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xs",
//!     "mtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8",
//!     "q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
//! ), &mut n)?;
//! let e_len = b64("AQAB", &mut e)?;
//! let key = RsaPublicKey::from_components(&n[..n_len], &e[..e_len])?;
//! assert_eq!(key.modulus_bits(), 2048);
//!
//! let signing_input = concat!(
//!     "eyJhbGciOiJSUzI1NiJ9",
//!     ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt",
//!     "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
//! );
//! let sig_len = b64(concat!(
//!     "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Q",
//!     "c_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTy",
//!     "WzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu",
//!     "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A",
//!     "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
//! ), &mut sig)?;
//! let sig = &sig[..sig_len];
//! key.verify_pkcs1v15(RsaHash::Sha256, signing_input.as_bytes(), sig)?;
//! assert_eq!(
//!     key.verify_pss(RsaHash::Sha256, signing_input.as_bytes(), sig),
//!     Err(jeton::Error::SignatureMismatch)
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use core::cmp::Ordering;
use core::fmt;

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Limb, MontyForm, MontyMultiplier, Odd, U2048, U3072, U4096, Uint, Word};
use sha2::Digest;

use crate::Error;

/// The smallest modulus accepted, in bits (below it: [`Error::KeyTooWeak`]).
pub const MIN_MODULUS_BITS: u32 = 2048;
/// The largest modulus accepted, in bits (above it: [`Error::KeyUnsupported`]).
pub const MAX_MODULUS_BITS: u32 = 4096;
/// The longest modulus, and so the longest signature, in bytes.
pub const MAX_MODULUS_LEN: usize = 512;
/// The smallest public exponent accepted (it must also be odd).
pub const MIN_PUBLIC_EXPONENT: u32 = 3;
/// The largest public exponent accepted: `2^32 - 1`.
///
/// Real keys use 65537 (or 3); Go refuses exponents above `2^31 - 1`,
/// Windows CNG holds them in 32 bits and the `rsa` crate stops at
/// `2^33 - 1`. Holding `e` to 32 bits bounds the work a hostile key set can
/// ask of a verification to 62 modular multiplications.
pub const MAX_PUBLIC_EXPONENT: u32 = u32::MAX;

/// The longest digest, SHA-512's.
const MAX_DIGEST_LEN: usize = 64;

/// The hash of an RSA signature: of the message, of MGF1 and of the PSS
/// `M'` alike (JWS uses one hash for all three).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaHash {
    /// SHA-256 (RS256, PS256).
    Sha256,
    /// SHA-384 (RS384, PS384). Feature `sha512`.
    #[cfg(feature = "sha512")]
    Sha384,
    /// SHA-512 (RS512, PS512). Feature `sha512`.
    #[cfg(feature = "sha512")]
    Sha512,
}

impl RsaHash {
    /// Length of the digest in bytes (and of the PSS salt).
    ///
    /// ```
    /// use jeton::asym::rsa::RsaHash;
    /// assert_eq!(RsaHash::Sha256.output_len(), 32);
    /// # #[cfg(feature = "sha512")]
    /// assert_eq!((RsaHash::Sha384.output_len(), RsaHash::Sha512.output_len()), (48, 64));
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            RsaHash::Sha256 => 32,
            #[cfg(feature = "sha512")]
            RsaHash::Sha384 => 48,
            #[cfg(feature = "sha512")]
            RsaHash::Sha512 => 64,
        }
    }

    /// The DER of `DigestInfo` up to the digest (RFC 8017 section 9.2,
    /// note 1): `SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING }`.
    const fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            RsaHash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            #[cfg(feature = "sha512")]
            RsaHash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            #[cfg(feature = "sha512")]
            RsaHash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// Hashes the concatenation of `parts` into `out`; returns the digest.
    fn digest<'o>(self, parts: &[&[u8]], out: &'o mut [u8; MAX_DIGEST_LEN]) -> &'o [u8] {
        let len = match self {
            RsaHash::Sha256 => digest_into::<sha2::Sha256>(parts, out),
            #[cfg(feature = "sha512")]
            RsaHash::Sha384 => digest_into::<sha2::Sha384>(parts, out),
            #[cfg(feature = "sha512")]
            RsaHash::Sha512 => digest_into::<sha2::Sha512>(parts, out),
        };
        let (digest, _) = out.split_at(len.min(MAX_DIGEST_LEN));
        digest
    }
}

fn digest_into<D: Digest>(parts: &[&[u8]], out: &mut [u8; MAX_DIGEST_LEN]) -> usize {
    let mut hasher = D::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    for (o, b) in out.iter_mut().zip(digest.iter()) {
        *o = *b;
    }
    digest.len()
}

/// The signature scheme: how the encoded message inside the signature is
/// laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RsaPadding {
    /// RSASSA-PKCS1-v1_5 (JWS RS256/384/512).
    Pkcs1v15,
    /// RSASSA-PSS with MGF1 and a salt as long as the hash (JWS
    /// PS256/384/512).
    Pss,
}

/// The Montgomery parameters of the modulus, at the smallest width that
/// holds it.
#[derive(Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "no allocator to box the wide variant; a key set reserves the widest anyway"
)]
enum Modulus {
    W2048(FixedMontyParams<{ U2048::LIMBS }>),
    W3072(FixedMontyParams<{ U3072::LIMBS }>),
    W4096(FixedMontyParams<{ U4096::LIMBS }>),
}

/// An RSA public key, checked and prepared for verification.
///
/// Holds the Montgomery parameters of the modulus (modulus, `R mod n`,
/// `R^2 mod n` and `-n^-1 mod 2^64`) at the smallest of three widths and
/// the exponent: about 1.5 KiB whatever the width, since it is an enum
/// (see [`core::mem::size_of`]). Nothing in it is secret.
///
/// `Debug` prints the modulus size and the exponent, not the modulus.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    modulus: Modulus,
    exponent: u32,
    bits: u32,
}

impl RsaPublicKey {
    /// The key of modulus `n` and public exponent `e`, both unsigned
    /// big-endian integers. Leading zero bytes are ignored (some encoders
    /// add one to keep an ASN.1 `INTEGER` positive).
    ///
    /// # Errors
    ///
    /// - [`Error::KeyMalformed`]: `n` or `e` is zero (or empty), or `n` is
    ///   even (no RSA modulus is);
    /// - [`Error::KeyTooWeak`]: `n` has fewer than 2048 bits, or `e` is
    ///   even or below 3;
    /// - [`Error::KeyUnsupported`]: `n` has more than 4096 bits, or `e` is
    ///   above [`MAX_PUBLIC_EXPONENT`].
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, asym::rsa::RsaPublicKey};
    ///
    /// let mut n = [0xc5u8; 256]; // an odd 2048-bit number
    /// let key = RsaPublicKey::from_components(&n, &[0x01, 0x00, 0x01])?;
    /// assert_eq!((key.modulus_bits(), key.exponent()), (2048, 65537));
    ///
    /// assert_eq!(RsaPublicKey::from_components(&n, &[3]).map(|k| k.exponent()), Ok(3));
    /// assert_eq!(RsaPublicKey::from_components(&n, &[1]), Err(Error::KeyTooWeak));
    /// assert_eq!(RsaPublicKey::from_components(&n[1..], &[3]), Err(Error::KeyTooWeak));
    /// n[255] = 0xc4;
    /// assert_eq!(RsaPublicKey::from_components(&n, &[3]), Err(Error::KeyMalformed));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = strip_leading_zeros(n);
        let (&top, _) = n.split_first().ok_or(Error::KeyMalformed)?;
        if n.len() > MAX_MODULUS_LEN {
            return Err(Error::KeyUnsupported);
        }
        let len_bits = u32::try_from(n.len() * 8).map_err(|_| Error::KeyUnsupported)?;
        let bits = len_bits - top.leading_zeros();
        if bits < MIN_MODULUS_BITS {
            return Err(Error::KeyTooWeak);
        }
        if bits > MAX_MODULUS_BITS {
            return Err(Error::KeyUnsupported);
        }
        if n.last().is_none_or(|low| low & 1 == 0) {
            return Err(Error::KeyMalformed);
        }
        let exponent = parse_exponent(e)?;
        if bits <= U2048::BITS {
            prepare(n, exponent, bits, Modulus::W2048)
        } else if bits <= U3072::BITS {
            prepare(n, exponent, bits, Modulus::W3072)
        } else {
            prepare(n, exponent, bits, Modulus::W4096)
        }
    }

    /// Size of the modulus in bits (2048 to 4096), leading zero bits not
    /// counted.
    ///
    /// ```
    /// use jeton::asym::rsa::RsaPublicKey;
    /// let mut n = [0xffu8; 384]; // 2^3072 - 1, odd
    /// assert_eq!(RsaPublicKey::from_components(&n, &[3])?.modulus_bits(), 3072);
    /// n[0] = 0x01; // now 2^3065 + ...
    /// assert_eq!(RsaPublicKey::from_components(&n, &[3])?.modulus_bits(), 3065);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn modulus_bits(&self) -> u32 {
        self.bits
    }

    /// Size of the modulus in bytes: the length of every signature this
    /// key verifies (`k` in RFC 8017).
    ///
    /// ```
    /// use jeton::asym::rsa::RsaPublicKey;
    /// let mut n = [0xc5u8; 257];
    /// n[0] = 0; // a leading zero, as an ASN.1 INTEGER may carry
    /// let key = RsaPublicKey::from_components(&n, &[1, 0, 1])?;
    /// assert_eq!((key.modulus_len(), key.modulus_bits()), (256, 2048));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn modulus_len(&self) -> usize {
        self.bits.div_ceil(8) as usize
    }

    /// The public exponent `e`.
    ///
    /// ```
    /// use jeton::asym::rsa::RsaPublicKey;
    /// let n = [0xc5u8; 256];
    /// assert_eq!(RsaPublicKey::from_components(&n, &[0, 1, 0, 1])?.exponent(), 65_537);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn exponent(&self) -> u32 {
        self.exponent
    }

    /// Writes the modulus into `out` as big-endian bytes without leading
    /// zeros (as a JWK's `n` and an RFC 7638 thumbprint carry it); returns
    /// the length, [`RsaPublicKey::modulus_len`].
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] when `out` is shorter; nothing is written.
    ///
    /// ```
    /// use jeton::{Error, asym::rsa::RsaPublicKey};
    /// let mut n = [0xc5u8; 257];
    /// n[0] = 0;
    /// let key = RsaPublicKey::from_components(&n, &[1, 0, 1])?;
    /// let mut out = [0u8; 512];
    /// let len = key.write_modulus(&mut out)?;
    /// assert_eq!(out[..len], n[1..]); // without the leading zero
    /// assert_eq!(key.write_modulus(&mut out[..255]), Err(Error::BufferTooSmall { needed: 256 }));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write_modulus(&self, out: &mut [u8]) -> Result<usize, Error> {
        let len = self.modulus_len();
        let dst = out
            .get_mut(..len)
            .ok_or(Error::BufferTooSmall { needed: len })?;
        match &self.modulus {
            Modulus::W2048(p) => copy_low_bytes(p.modulus().as_ref(), dst),
            Modulus::W3072(p) => copy_low_bytes(p.modulus().as_ref(), dst),
            Modulus::W4096(p) => copy_low_bytes(p.modulus().as_ref(), dst),
        }
        Ok(len)
    }

    /// Writes the public exponent into `out` as big-endian bytes without
    /// leading zeros (`[0x01, 0x00, 0x01]` for 65537, a JWK's `AQAB`);
    /// returns the length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] when `out` is shorter; nothing is written.
    ///
    /// ```
    /// use jeton::asym::rsa::RsaPublicKey;
    /// let n = [0xc5u8; 256];
    /// let mut out = [0u8; 4];
    /// let key = RsaPublicKey::from_components(&n, &[0, 0, 1, 0, 1])?;
    /// let len = key.write_exponent(&mut out)?;
    /// assert_eq!(out[..len], [1, 0, 1]); // a JWK's "AQAB"
    /// let key = RsaPublicKey::from_components(&n, &[3])?;
    /// let len = key.write_exponent(&mut out)?;
    /// assert_eq!(out[..len], [3]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write_exponent(&self, out: &mut [u8]) -> Result<usize, Error> {
        let bytes = self.exponent.to_be_bytes();
        let bytes = strip_leading_zeros(&bytes);
        let needed = bytes.len();
        out.get_mut(..needed)
            .ok_or(Error::BufferTooSmall { needed })?
            .copy_from_slice(bytes);
        Ok(needed)
    }

    /// Verifies `signature` over `message` with the given padding and hash:
    /// [`RsaPublicKey::verify_pkcs1v15`] or [`RsaPublicKey::verify_pss`].
    ///
    /// # Errors
    ///
    /// As the method it calls.
    ///
    /// # Example
    ///
    /// RFC 7515 appendix A.2's RS256 signature (the key and signature of
    /// the [module](self) example):
    ///
    /// ```
    /// use jeton::asym::rsa::{RsaHash, RsaPadding, RsaPublicKey};
    /// # use jeton::base64::{decode, Alphabet, Padding};
    /// # let b64 = |text: &str, buf: &mut [u8; 512]| -> Result<usize, jeton::Error> {
    /// #     decode(text.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, buf)
    /// # };
    /// # let (mut n, mut sig) = ([0u8; 512], [0u8; 512]);
    /// # let n_len = b64(concat!(
    /// #     "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrc",
    /// #     "S2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGz",
    /// #     "jb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xs",
    /// #     "mtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8",
    /// #     "q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    /// # ), &mut n)?;
    /// # let sig_len = b64(concat!(
    /// #     "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Q",
    /// #     "c_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTy",
    /// #     "WzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu",
    /// #     "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A",
    /// #     "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
    /// # ), &mut sig)?;
    /// let key = RsaPublicKey::from_components(&n[..n_len], &[1, 0, 1])?;
    /// let signature = &sig[..sig_len];
    /// let signing_input = b"eyJhbGciOiJSUzI1NiJ9.\
    ///     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    /// // What a JWS "alg" of RS256 names: PKCS#1 v1.5 with SHA-256.
    /// key.verify(RsaPadding::Pkcs1v15, RsaHash::Sha256, signing_input, signature)?;
    /// assert_eq!(
    ///     key.verify(RsaPadding::Pss, RsaHash::Sha256, signing_input, signature),
    ///     Err(jeton::Error::SignatureMismatch)
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify(
        &self,
        padding: RsaPadding,
        hash: RsaHash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        let mut digest = [0u8; MAX_DIGEST_LEN];
        let digest = hash.digest(&[message], &mut digest);
        let check = Check {
            padding,
            hash,
            digest,
            bits: self.bits,
        };
        match &self.modulus {
            Modulus::W2048(p) => recover_and_check(p, self.exponent, signature, &check),
            Modulus::W3072(p) => recover_and_check(p, self.exponent, signature, &check),
            Modulus::W4096(p) => recover_and_check(p, self.exponent, signature, &check),
        }
    }

    /// Verifies an RSASSA-PKCS1-v1_5 `signature` over `message` (RFC 8017
    /// section 8.2.2; JWS RS256, RS384, RS512).
    ///
    /// # Errors
    ///
    /// - [`Error::SignatureMalformed`]: the signature is not
    ///   [`RsaPublicKey::modulus_len`] bytes long, or is not below the
    ///   modulus as an integer;
    /// - [`Error::SignatureMismatch`]: the recovered encoded message is not
    ///   the one the message's digest gives, byte for byte.
    ///
    /// # Example
    ///
    /// The errors, on a made-up 2048-bit modulus (for a valid signature,
    /// see the [module](self) example):
    ///
    /// ```
    /// use jeton::{Error, asym::rsa::{RsaHash, RsaPublicKey}};
    /// let key = RsaPublicKey::from_components(&[0xc5u8; 256], &[1, 0, 1])?;
    /// // Not the modulus's length.
    /// assert_eq!(key.verify_pkcs1v15(RsaHash::Sha256, b"m", &[1u8; 255]), Err(Error::SignatureMalformed));
    /// // Not below the modulus.
    /// assert_eq!(key.verify_pkcs1v15(RsaHash::Sha256, b"m", &[0xffu8; 256]), Err(Error::SignatureMalformed));
    /// // 1^e = 1, which is no PKCS#1 v1.5 encoding.
    /// let mut one = [0u8; 256];
    /// one[255] = 1;
    /// assert_eq!(key.verify_pkcs1v15(RsaHash::Sha256, b"m", &one), Err(Error::SignatureMismatch));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify_pkcs1v15(
        &self,
        hash: RsaHash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        self.verify(RsaPadding::Pkcs1v15, hash, message, signature)
    }

    /// Verifies an RSASSA-PSS `signature` over `message` (RFC 8017 section
    /// 8.1.2), with MGF1 over `hash` and a salt of the hash's length (JWS
    /// PS256, PS384, PS512; RFC 7518 section 3.5). A signature made with
    /// another salt length does not verify.
    ///
    /// # Errors
    ///
    /// - [`Error::SignatureMalformed`]: as for
    ///   [`RsaPublicKey::verify_pkcs1v15`];
    /// - [`Error::SignatureMismatch`]: the encoded message is inconsistent
    ///   (RFC 8017 section 9.1.2, steps 4 to 14).
    ///
    /// # Example
    ///
    /// RFC 7520 section 4.2: a PS384 JWS made with the RSA key of section
    /// 3.4.
    ///
    /// ```
    /// # #[cfg(feature = "sha512")] {
    /// use jeton::asym::rsa::{RsaHash, RsaPublicKey};
    /// use jeton::base64::{decode, Alphabet, Padding};
    ///
    /// let b64 = |text: &str, buf: &mut [u8; 256]| decode(text.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, buf);
    /// let (mut n, mut signature) = ([0u8; 256], [0u8; 256]);
    /// b64(concat!(
    ///     "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7",
    ///     "nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHH",
    ///     "ig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC",
    ///     "0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixo",
    ///     "R7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
    /// ), &mut n)?;
    /// b64(concat!(
    ///     "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklH",
    ///     "kqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVs",
    ///     "diNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjv",
    ///     "AA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOc",
    ///     "bH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw",
    /// ), &mut signature)?;
    /// let key = RsaPublicKey::from_components(&n, &[1, 0, 1])?;
    /// let signing_input = concat!(
    ///     "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXT",
    ///     "igJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW9",
    ///     "1IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGh",
    ///     "lcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4",
    /// );
    /// key.verify_pss(RsaHash::Sha384, signing_input.as_bytes(), &signature)?;
    /// assert_eq!(
    ///     key.verify_pss(RsaHash::Sha256, signing_input.as_bytes(), &signature),
    ///     Err(jeton::Error::SignatureMismatch)
    /// );
    /// # }
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn verify_pss(&self, hash: RsaHash, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.verify(RsaPadding::Pss, hash, message, signature)
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.bits)
            .field("e", &self.exponent)
            .finish_non_exhaustive()
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.split_at(zeros).1
}

/// `e` from its big-endian bytes, checked.
fn parse_exponent(e: &[u8]) -> Result<u32, Error> {
    let e = strip_leading_zeros(e);
    if e.is_empty() {
        return Err(Error::KeyMalformed);
    }
    if e.len() > 4 {
        return Err(Error::KeyUnsupported);
    }
    let e = e.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    if e < MIN_PUBLIC_EXPONENT || e & 1 == 0 {
        return Err(Error::KeyTooWeak);
    }
    Ok(e)
}

/// The integer of the big-endian `bytes`, or `None` when it does not fit
/// `L` limbs.
fn uint_from_be<const L: usize>(bytes: &[u8]) -> Option<Uint<L>> {
    if bytes.len() > Uint::<L>::BYTES {
        return None;
    }
    let mut n = Uint::<L>::ZERO;
    for (limb, chunk) in n.as_mut_limbs().iter_mut().zip(bytes.rchunks(Limb::BYTES)) {
        *limb = Limb(
            chunk
                .iter()
                .fold(0, |acc: Word, &b| (acc << 8) | Word::from(b)),
        );
    }
    Some(n)
}

/// The key of the odd modulus `n` (big-endian bytes) at width `L`: its
/// Montgomery parameters, wrapped in the `variant` of that width. Not
/// inlined, so that loading a key keeps one width's temporaries on the
/// stack, not the three.
#[inline(never)]
fn prepare<const L: usize>(
    n: &[u8],
    exponent: u32,
    bits: u32,
    variant: fn(FixedMontyParams<L>) -> Modulus,
) -> Result<RsaPublicKey, Error> {
    let n = uint_from_be::<L>(n).ok_or(Error::KeyUnsupported)?;
    let n = Odd::new(n).into_option().ok_or(Error::KeyMalformed)?;
    Ok(RsaPublicKey {
        modulus: variant(FixedMontyParams::new_vartime(n)),
        exponent,
        bits,
    })
}

/// Copies the low `dst.len()` bytes of `n`, big-endian, into `dst`.
fn copy_low_bytes<const L: usize>(n: &Uint<L>, dst: &mut [u8]) {
    let encoded = n.to_be_bytes();
    let bytes = encoded.as_slice();
    let skip = bytes.len().saturating_sub(dst.len());
    for (d, s) in dst.iter_mut().zip(bytes.iter().skip(skip)) {
        *d = *s;
    }
}

/// What to check in a recovered encoded message.
struct Check<'d> {
    padding: RsaPadding,
    hash: RsaHash,
    /// Digest of the message.
    digest: &'d [u8],
    /// Bits of the modulus.
    bits: u32,
}

/// RSAVP1 (RFC 8017 section 5.2.2) and I2OSP, then the padding check.
/// Not inlined, so that a verification's stack holds one width's
/// temporaries, not the sum of the three.
#[inline(never)]
fn recover_and_check<const L: usize>(
    params: &FixedMontyParams<L>,
    exponent: u32,
    signature: &[u8],
    check: &Check<'_>,
) -> Result<(), Error> {
    let k = check.bits.div_ceil(8) as usize;
    if signature.len() != k {
        return Err(Error::SignatureMalformed);
    }
    let s = uint_from_be::<L>(signature).ok_or(Error::SignatureMalformed)?;
    if s.cmp_vartime(params.modulus().as_ref()) != Ordering::Less {
        return Err(Error::SignatureMalformed);
    }
    let m = pow_public(&s, exponent, params);
    let mut encoded = m.to_be_bytes();
    let bytes = encoded.as_mut_slice();
    // m < n < 2^(8k): the bytes above the low k are zero.
    let at = bytes
        .len()
        .checked_sub(k)
        .ok_or(Error::SignatureMalformed)?;
    let (_, em) = bytes
        .split_at_mut_checked(at)
        .ok_or(Error::SignatureMalformed)?;
    let matches = match check.padding {
        RsaPadding::Pkcs1v15 => pkcs1v15_matches(em, check.hash, check.digest),
        RsaPadding::Pss => pss_matches(em, check.bits, check.hash, check.digest),
    };
    if matches {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// `s^e mod n` for `3 <= e`, left-to-right square-and-multiply in
/// Montgomery form. The window tables of a general exponentiation cost
/// more than they save for a 17-bit exponent, and 16 wide integers of
/// stack.
#[inline(never)]
fn pow_public<const L: usize>(s: &Uint<L>, e: u32, params: &FixedMontyParams<L>) -> Uint<L> {
    let base = FixedMontyForm::new(s, params);
    let mut acc = base;
    let mut multiplier = <FixedMontyForm<L> as MontyForm>::Multiplier::from(params);
    // The top bit of e is taken by `acc = base`; walk the bits below it.
    let top = (u32::BITS - 1).saturating_sub(e.leading_zeros());
    for bit in (0..top).rev() {
        multiplier.square_assign(&mut acc);
        if (e >> bit) & 1 == 1 {
            multiplier.mul_assign(&mut acc, &base);
        }
    }
    acc.retrieve()
}

/// EMSA-PKCS1-v1_5-ENCODE (RFC 8017 section 9.2) of `digest` into `out`,
/// the whole of it (`emLen = out.len()`):
/// `0x00 0x01 PS 0x00 DigestInfo` with `PS` all `0xff`.
/// `false` when `out` is too short for the 8 bytes of `PS` the RFC
/// requires (step 3).
fn encode_pkcs1v15(hash: RsaHash, digest: &[u8], out: &mut [u8]) -> bool {
    let prefix = hash.digest_info_prefix();
    let t_len = prefix.len() + digest.len();
    let Some(ps_len) = out.len().checked_sub(t_len + 3) else {
        return false;
    };
    if ps_len < 8 {
        return false;
    }
    let Some((head, t)) = out.split_at_mut_checked(out.len() - t_len) else {
        return false;
    };
    let Some((digest_info, h)) = t.split_at_mut_checked(prefix.len()) else {
        return false;
    };
    for (i, byte) in head.iter_mut().enumerate() {
        *byte = match i {
            0 => 0x00,
            1 => 0x01,
            i if i == ps_len + 2 => 0x00,
            _ => 0xff,
        };
    }
    digest_info.copy_from_slice(prefix);
    h.copy_from_slice(digest);
    true
}

/// RFC 8017 section 8.2.2 steps 3 and 4: encode the expected message and
/// compare the whole of it.
fn pkcs1v15_matches(em: &[u8], hash: RsaHash, digest: &[u8]) -> bool {
    let mut expected = [0u8; MAX_MODULUS_LEN];
    let Some(expected) = expected.get_mut(..em.len()) else {
        return false;
    };
    encode_pkcs1v15(hash, digest, expected) && em == &expected[..]
}

/// EMSA-PSS-VERIFY (RFC 8017 section 9.1.2) of the `k`-byte `em_k` for a
/// modulus of `bits` bits, with `sLen = hLen`. Unmasks in place.
fn pss_matches(em_k: &mut [u8], bits: u32, hash: RsaHash, m_hash: &[u8]) -> bool {
    let h_len = hash.output_len();
    let s_len = h_len;
    // emBits = modBits - 1; EM = I2OSP(m, emLen) (section 8.1.2 step 2c):
    // when emLen < k the byte above must be zero.
    let em_bits = bits.saturating_sub(1) as usize;
    let em_len = em_bits.div_ceil(8);
    let Some((high, em)) = em_k.split_at_mut_checked(em_k.len().saturating_sub(em_len)) else {
        return false;
    };
    if high.iter().any(|&b| b != 0) || em.len() != em_len {
        return false;
    }
    // Step 3.
    if em_len < h_len + s_len + 2 {
        return false;
    }
    // Step 4.
    let Some((&mut 0xbc, rest)) = em.split_last_mut() else {
        return false;
    };
    // Step 5.
    let Some((masked_db, h)) = rest.split_at_mut_checked(em_len - h_len - 1) else {
        return false;
    };
    // Step 6: the 8 * emLen - emBits leftmost bits must be zero.
    let top_mask = 0xffu8 >> (8 * em_len - em_bits);
    let Some(first) = masked_db.first() else {
        return false;
    };
    if first & !top_mask != 0 {
        return false;
    }
    // Steps 7 and 8: DB = maskedDB xor MGF1(H, emLen - hLen - 1).
    mgf1_xor(hash, h, masked_db);
    // Step 9.
    if let Some(first) = masked_db.first_mut() {
        *first &= top_mask;
    }
    let db: &[u8] = masked_db;
    // Step 10: PS (zeros), then 0x01, then the salt.
    let Some((ps, rest)) = db.split_at_checked(em_len - h_len - s_len - 2) else {
        return false;
    };
    let Some((&0x01, salt)) = rest.split_first() else {
        return false;
    };
    if ps.iter().any(|&b| b != 0) {
        return false;
    }
    // Steps 11 to 14: H = Hash(0x00 * 8 || mHash || salt).
    let mut expected = [0u8; MAX_DIGEST_LEN];
    let expected = hash.digest(&[&[0u8; 8], m_hash, salt], &mut expected);
    h == expected
}

/// XORs MGF1(`seed`) (RFC 8017 appendix B.2.1) into `out`.
fn mgf1_xor(hash: RsaHash, seed: &[u8], out: &mut [u8]) {
    let mut block = [0u8; MAX_DIGEST_LEN];
    for (counter, chunk) in (0u32..).zip(out.chunks_mut(hash.output_len())) {
        let mask = hash.digest(&[seed, &counter.to_be_bytes()], &mut block);
        for (o, m) in chunk.iter_mut().zip(mask) {
            *o ^= m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64::{Alphabet, Padding, decode};

    /// RFC 7515 appendix A.2: the RS256 key and signature, base64url.
    const A2_N: &str = concat!(
        "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrc",
        "S2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGz",
        "jb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xs",
        "mtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8",
        "q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    );
    const A2_INPUT: &str = concat!(
        "eyJhbGciOiJSUzI1NiJ9",
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt",
        "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
    );
    const A2_SIG: &str = concat!(
        "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Q",
        "c_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTy",
        "WzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwu",
        "sC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5A",
        "XLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
    );

    fn b64(text: &str, buf: &mut [u8; 512]) -> usize {
        decode(text.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, buf).unwrap()
    }

    /// Bytes of a hex string into a buffer (no allocation in core's tests).
    fn hex<const N: usize>(text: &str) -> [u8; N] {
        let mut out = [0u8; N];
        let digits = text.as_bytes();
        assert_eq!(digits.len(), 2 * N, "{text}");
        for (o, pair) in out.iter_mut().zip(digits.chunks(2)) {
            let s = core::str::from_utf8(pair).unwrap();
            *o = u8::from_str_radix(s, 16).unwrap();
        }
        out
    }

    fn a2_key() -> RsaPublicKey {
        let mut n = [0u8; 512];
        let len = b64(A2_N, &mut n);
        RsaPublicKey::from_components(&n[..len], &[1, 0, 1]).unwrap()
    }

    #[test]
    fn rfc7515_a2_rs256() {
        let key = a2_key();
        assert_eq!(key.modulus_bits(), 2048);
        assert_eq!(key.modulus_len(), 256);
        let mut sig = [0u8; 512];
        let len = b64(A2_SIG, &mut sig);
        let sig = &mut sig[..len];
        let input = A2_INPUT.as_bytes();
        assert_eq!(key.verify_pkcs1v15(RsaHash::Sha256, input, sig), Ok(()));
        assert_eq!(
            key.verify(RsaPadding::Pkcs1v15, RsaHash::Sha256, input, sig),
            Ok(())
        );
        // The same signature under another scheme, hash or message.
        assert_eq!(
            key.verify_pss(RsaHash::Sha256, input, sig),
            Err(Error::SignatureMismatch)
        );
        #[cfg(feature = "sha512")]
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha384, input, sig),
            Err(Error::SignatureMismatch)
        );
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, &input[1..], sig),
            Err(Error::SignatureMismatch)
        );
        // Every bit of the signature matters.
        for i in [0, 100, 255] {
            sig[i] ^= 0x01;
            assert!(key.verify_pkcs1v15(RsaHash::Sha256, input, sig).is_err());
            sig[i] ^= 0x01;
        }
        // Length must be k exactly, a leading zero included.
        let mut longer = [0u8; 257];
        longer[1..].copy_from_slice(sig);
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, input, &longer),
            Err(Error::SignatureMalformed)
        );
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, input, &sig[1..]),
            Err(Error::SignatureMalformed)
        );
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, input, &[]),
            Err(Error::SignatureMalformed)
        );
    }

    #[test]
    fn signature_not_below_modulus_is_malformed() {
        let key = a2_key();
        let mut n = [0u8; 512];
        let len = key.write_modulus(&mut n).unwrap();
        let n = &mut n[..len];
        for padding in [RsaPadding::Pkcs1v15, RsaPadding::Pss] {
            assert_eq!(
                key.verify(padding, RsaHash::Sha256, b"", n),
                Err(Error::SignatureMalformed)
            );
            assert_eq!(
                key.verify(padding, RsaHash::Sha256, b"", &[0xff; 256]),
                Err(Error::SignatureMalformed)
            );
        }
        // n - 1 is a representative (and signs nothing).
        n[255] -= 1;
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, b"", n),
            Err(Error::SignatureMismatch)
        );
        // As are 0 and 1 (their powers are 0 and 1).
        let mut one = [0u8; 256];
        assert_eq!(
            key.verify_pss(RsaHash::Sha256, b"", &one),
            Err(Error::SignatureMismatch)
        );
        one[255] = 1;
        assert_eq!(
            key.verify_pkcs1v15(RsaHash::Sha256, b"", &one),
            Err(Error::SignatureMismatch)
        );
    }

    /// An odd number of `bits` bits: all ones but a few low bits.
    fn modulus(bits: u32, out: &mut [u8; 520]) -> &[u8] {
        let len = bits.div_ceil(8) as usize;
        let n = &mut out[..len];
        n.fill(0xa5);
        n[0] = 0xffu8 >> (len as u32 * 8 - bits);
        n[len - 1] |= 1;
        n
    }

    #[test]
    fn modulus_sizes() {
        let mut buf = [0u8; 520];
        for (bits, result) in [
            (1024, Err(Error::KeyTooWeak)),
            (2047, Err(Error::KeyTooWeak)),
            (2048, Ok(256)),
            (2049, Ok(257)),
            (3072, Ok(384)),
            (3073, Ok(385)),
            (4095, Ok(512)),
            (4096, Ok(512)),
            (4097, Err(Error::KeyUnsupported)),
            (4160, Err(Error::KeyUnsupported)),
        ] {
            let n = modulus(bits, &mut buf);
            let key = RsaPublicKey::from_components(n, &[1, 0, 1]);
            assert_eq!(
                key.as_ref().map(|k| k.modulus_len()),
                result.as_ref().map(|l| *l)
            );
            if let Ok(key) = key {
                assert_eq!(key.modulus_bits(), bits);
                let width = match key.modulus {
                    Modulus::W2048(_) => 2048,
                    Modulus::W3072(_) => 3072,
                    Modulus::W4096(_) => 4096,
                };
                assert_eq!(
                    width,
                    [2048, 3072, 4096].into_iter().find(|w| bits <= *w).unwrap()
                );
                // The modulus comes back as it went in.
                let mut out = [0u8; 512];
                assert_eq!(key.write_modulus(&mut out), Ok(n.len()));
                assert_eq!(&out[..n.len()], n);
                assert_eq!(
                    key.write_modulus(&mut out[..n.len() - 1]),
                    Err(Error::BufferTooSmall { needed: n.len() })
                );
            }
        }
        // Zero, empty or even.
        assert_eq!(
            RsaPublicKey::from_components(&[], &[3]),
            Err(Error::KeyMalformed)
        );
        assert_eq!(
            RsaPublicKey::from_components(&[0; 300], &[3]),
            Err(Error::KeyMalformed)
        );
        let n = modulus(2048, &mut buf);
        let mut even = [0u8; 256];
        even.copy_from_slice(n);
        even[255] &= 0xfe;
        assert_eq!(
            RsaPublicKey::from_components(&even, &[3]),
            Err(Error::KeyMalformed)
        );
    }

    #[test]
    fn leading_zeros_are_stripped() {
        let mut buf = [0u8; 520];
        let n = modulus(2048, &mut buf);
        let plain = RsaPublicKey::from_components(n, &[1, 0, 1]).unwrap();
        let mut padded = [0u8; 259];
        padded[3..].copy_from_slice(n);
        let key = RsaPublicKey::from_components(&padded, &[0, 0, 0, 0, 0, 1, 0, 1]).unwrap();
        assert_eq!(key, plain);
        assert_eq!(key.modulus_bits(), 2048);
        let mut out = [0u8; 512];
        assert_eq!(key.write_modulus(&mut out), Ok(256));
        assert_eq!(&out[..256], n);
        // 513 bytes of which the first is zero is still a 4096-bit key.
        let n = modulus(4096, &mut buf);
        let mut padded = [0u8; 513];
        padded[1..].copy_from_slice(n);
        assert_eq!(
            RsaPublicKey::from_components(&padded, &[3]).map(|k| k.modulus_bits()),
            Ok(4096)
        );
    }

    #[test]
    fn exponents() {
        let mut buf = [0u8; 520];
        let n = modulus(2048, &mut buf);
        let e = |e: &[u8]| RsaPublicKey::from_components(n, e).map(|k| k.exponent());
        assert_eq!(e(&[]), Err(Error::KeyMalformed));
        assert_eq!(e(&[0]), Err(Error::KeyMalformed));
        assert_eq!(e(&[1]), Err(Error::KeyTooWeak));
        assert_eq!(e(&[2]), Err(Error::KeyTooWeak));
        assert_eq!(e(&[3]), Ok(3));
        assert_eq!(e(&[0, 3]), Ok(3));
        assert_eq!(e(&[1, 0, 0]), Err(Error::KeyTooWeak));
        assert_eq!(e(&[1, 0, 1]), Ok(65537));
        assert_eq!(e(&[0xff, 0xff, 0xff, 0xff]), Ok(u32::MAX));
        assert_eq!(e(&[0, 0xff, 0xff, 0xff, 0xff]), Ok(u32::MAX));
        assert_eq!(e(&[1, 0, 0, 0, 1]), Err(Error::KeyUnsupported));
        // The size check of n comes first.
        assert_eq!(
            RsaPublicKey::from_components(&n[1..], &[2]),
            Err(Error::KeyTooWeak)
        );

        let key = RsaPublicKey::from_components(n, &[1, 0, 1]).unwrap();
        let mut out = [0u8; 4];
        assert_eq!(key.write_exponent(&mut out), Ok(3));
        assert_eq!(out[..3], [1, 0, 1]);
        assert_eq!(
            key.write_exponent(&mut out[..2]),
            Err(Error::BufferTooSmall { needed: 3 })
        );
        assert_eq!(out[..2], [1, 0]);
    }

    #[test]
    fn exponent_other_than_65537() {
        // e = 3 and e = 2^32 - 1 through the square-and-multiply: a key whose
        // modulus is 2^2048 - 1 (odd, if not an RSA modulus) makes s = 2
        // map to 2^e mod n = 2^(e mod 2048).
        let n = [0xffu8; 256];
        for (e, e_bytes) in [(3u32, &[3u8][..]), (u32::MAX, &[0xff; 4][..])] {
            let key = RsaPublicKey::from_components(&n, e_bytes).unwrap();
            let mut s = Uint::<{ U2048::LIMBS }>::ZERO;
            s.as_mut_limbs()[0] = Limb(2);
            let Modulus::W2048(params) = &key.modulus else {
                panic!("width")
            };
            let m = pow_public(&s, e, params);
            let expected = Uint::<{ U2048::LIMBS }>::ONE.shl_vartime(e % 2048);
            assert_eq!(m, expected, "e = {e}");
        }
    }

    /// RFC 8017 section 9.2, note 1: the DER of DigestInfo before H.
    #[test]
    fn digest_info_prefixes_are_rfc8017s() {
        assert_eq!(
            RsaHash::Sha256.digest_info_prefix(),
            hex::<19>("3031300d060960864801650304020105000420")
        );
        #[cfg(feature = "sha512")]
        {
            assert_eq!(
                RsaHash::Sha384.digest_info_prefix(),
                hex::<19>("3041300d060960864801650304020205000430")
            );
            assert_eq!(
                RsaHash::Sha512.digest_info_prefix(),
                hex::<19>("3051300d060960864801650304020305000440")
            );
        }
    }

    #[test]
    fn pkcs1v15_encoding() {
        // SHA-256 of "abc" (FIPS 180-2 appendix B.1).
        let h = hex::<32>("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let mut digest = [0u8; 64];
        assert_eq!(RsaHash::Sha256.digest(&[b"a", b"bc"], &mut digest), h);
        let mut em = [0x55u8; 256];
        assert!(encode_pkcs1v15(RsaHash::Sha256, &h, &mut em));
        // 0x00 0x01, 202 bytes of 0xff, 0x00, 19 bytes of DigestInfo, H.
        assert_eq!(em[..2], [0x00, 0x01]);
        assert!(em[2..204].iter().all(|&b| b == 0xff));
        assert_eq!(em[204], 0x00);
        assert_eq!(
            em[205..224],
            hex::<19>("3031300d060960864801650304020105000420")
        );
        assert_eq!(em[224..], h);
        assert!(pkcs1v15_matches(&em, RsaHash::Sha256, &h));
        // Any other byte anywhere is a mismatch.
        for i in [0, 1, 2, 203, 204, 205, 210, 223, 224, 255] {
            let mut other = em;
            other[i] ^= 0x80;
            assert!(!pkcs1v15_matches(&other, RsaHash::Sha256, &h), "byte {i}");
        }
        // The smallest emLen: tLen + 11 (8 bytes of PS); one less fails.
        let mut short = [0u8; 62];
        assert!(encode_pkcs1v15(RsaHash::Sha256, &h, &mut short));
        assert!(short[2..10].iter().all(|&b| b == 0xff));
        assert!(!encode_pkcs1v15(RsaHash::Sha256, &h, &mut short[..61]));
    }

    #[test]
    fn debug_is_short() {
        struct Text([u8; 64], usize);
        impl fmt::Write for Text {
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
        let mut text = Text([0; 64], 0);
        fmt::write(&mut text, format_args!("{:?}", a2_key())).unwrap();
        assert_eq!(
            &text.0[..text.1],
            b"RsaPublicKey { bits: 2048, e: 65537, .. }"
        );
    }
}
