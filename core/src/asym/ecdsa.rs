//! ECDSA over NIST P-256 (ES256) and P-384 (ES384).
//!
//! The hash is fixed by the curve, as JWA fixes it (RFC 7518 section 3.4):
//! SHA-256 with P-256, SHA-384 with P-384. Signatures are the JWS form
//! only: the big-endian `r` and `s`, each of exactly the curve's size,
//! concatenated (64 bytes for P-256, 96 for P-384). A DER signature, any
//! other length, or an `r` or `s` that is zero or not below the group
//! order is [`Error::SignatureMalformed`] before any arithmetic; a
//! well-formed signature that does not verify is
//! [`Error::SignatureMismatch`]. A "high-S" signature (`s > n/2`) is valid
//! ECDSA and verifies, as RFC 7518 and Wycheproof expect.
//!
//! Public keys come from affine coordinates of exactly the field size (RFC
//! 7518 section 6.2.1.2 requires the full length, so a JWK's shortened or
//! padded `x` is refused) or from a SEC1 point (the uncompressed
//! `04 || x || y` that SubjectPublicKeyInfo carries, or the compressed
//! `02`/`03 || x`). Either way the point must lie on the curve, with
//! coordinates below the field prime, and not be the identity; anything
//! else is [`Error::KeyMalformed`].
//!
//! Signing keys take the private scalar `d` as big-endian bytes of the
//! curve's size, in `[1, n-1]`, and sign deterministically (RFC 6979), so
//! no entropy is needed. The scalar is wiped when the key is dropped.
//!
//! P-256 is feature `ecdsa`; P-384 is feature `p384`, which brings SHA-384
//! and its own field arithmetic (about 16 KiB more flash on a Cortex-M3
//! with the compact SHA-2 backend, 42 KiB with the default one).
//!
//! Verification is the `ecdsa` crate's; with feature `small-stack` (for
//! firmware) it is jeton's double-and-add over the curve crates' public
//! point operations instead: the same checks and answers, half the stack,
//! about 25% more time.
//!
//! ```
//! use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey};
//!
//! // RFC 6979 appendix A.2.5: the P-256 key, and its signature of "sample"
//! // with SHA-256.
//! let d = hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
//! let key = P256SigningKey::from_bytes(&d)?;
//! let signature = key.sign(b"sample");
//! assert_eq!(
//!     signature[..],
//!     hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716\
//!          F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")[..]
//! );
//!
//! let public = P256PublicKey::from_coordinates(
//!     &hex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
//!     &hex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"),
//! )?;
//! assert_eq!(public, key.public_key());
//! assert_eq!(public.verify(b"sample", &signature), Ok(()));
//! assert_eq!(
//!     public.verify(b"Sample", &signature),
//!     Err(jeton::Error::SignatureMismatch)
//! );
//! # fn hex(s: &str) -> Vec<u8> {
//! #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
//! # }
//! # Ok::<(), jeton::Error>(())
//! ```

use core::fmt;

use ::ecdsa::hazmat::sign_prehashed_rfc6979;
use sha2::Digest;
use zeroize::Zeroizing;

use crate::Error;

/// Defines the public and the signing key type of one curve.
macro_rules! curve {
    (
        curve: $c:ident,
        hash: $hash:ty,
        len: $len:literal,
        example: {
            source: $source:literal,
            d: $d:literal,
            x: $x:literal,
            y: $y:literal,
            sample: $sample:literal,
        },
        $(#[$public_meta:meta])*
        public: $Public:ident,
        $(#[$signing_meta:meta])*
        signing: $Signing:ident,
    ) => {
        $(#[$public_meta])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub struct $Public {
            key: $c::ecdsa::VerifyingKey,
        }

        impl $Public {
            /// Length in bytes of a coordinate (and of the scalars `r`, `s`
            /// and `d`).
            pub const COORDINATE_LEN: usize = $len;

            /// Length in bytes of a signature: `r || s`.
            pub const SIGNATURE_LEN: usize = 2 * $len;

            /// Length in bytes of the uncompressed SEC1 point
            /// `04 || x || y`.
            pub const SEC1_LEN: usize = 1 + 2 * $len;

            /// The key at the affine point (`x`, `y`), each big-endian and
            /// exactly [`Self::COORDINATE_LEN`] bytes long.
            ///
            /// # Errors
            ///
            /// [`Error::KeyMalformed`] when a coordinate has another length,
            /// is not below the field prime, or the point is not on the
            /// curve.
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Public), ";")]
            /// use jeton::Error;
            #[doc = concat!("// ", $source, ": the key (x, y) of the private key ", $d, ".")]
            #[doc = concat!("let (x, y) = (hex(\"", $x, "\"), hex(\"", $y, "\"));")]
            #[doc = concat!("let key = ", stringify!($Public), "::from_coordinates(&x, &y)?;")]
            /// assert_eq!(key.x()[..], x[..]);
            /// // A coordinate one byte short: RFC 7518 section 6.2.1.2 wants
            /// // the full length.
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_coordinates(&x[1..], &y), Err(Error::KeyMalformed));")]
            /// // With the last bit of y flipped, the point is off the curve.
            /// let mut off = y.clone();
            /// *off.last_mut().unwrap() ^= 1;
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_coordinates(&x, &off), Err(Error::KeyMalformed));")]
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
                let (Ok(x), Ok(y)) = (<[u8; $len]>::try_from(x), <[u8; $len]>::try_from(y))
                else {
                    return Err(Error::KeyMalformed);
                };
                // Checks both coordinates below p and y^2 = x^3 + ax + b; the
                // identity has no affine coordinates, so it cannot come out.
                let point: Option<$c::AffinePoint> =
                    $c::elliptic_curve::point::AffineCoordinates::from_coordinates(
                        &x.into(),
                        &y.into(),
                    )
                    .into();
                Self::from_point(point)
            }

            /// The key at a SEC1-encoded point (SEC 1 version 2 section
            /// 2.3.4): uncompressed `04 || x || y`, the form
            /// SubjectPublicKeyInfo carries, or compressed `02 || x` /
            /// `03 || x`. The identity (`00`) and the hybrid forms (`06`,
            /// `07`) are refused.
            ///
            /// # Errors
            ///
            /// [`Error::KeyMalformed`] for another tag or length, a
            /// coordinate not below the field prime, or a point off the
            /// curve (for a compressed point: an `x` with no `y`).
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Public), ";")]
            /// use jeton::Error;
            #[doc = concat!("// ", $source, ": the key (x, y) of the private key ", $d, ".")]
            #[doc = concat!("let (x, y) = (hex(\"", $x, "\"), hex(\"", $y, "\"));")]
            #[doc = concat!("let key = ", stringify!($Public), "::from_coordinates(&x, &y)?;")]
            /// // Uncompressed: 04 || x || y.
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_sec1(&[&[4u8][..], &x, &y].concat())?, key);")]
            /// // Compressed: 02 or 03 (the parity of y) || x.
            /// let tag = 2 + (y.last().unwrap() & 1);
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_sec1(&[&[tag][..], &x].concat())?, key);")]
            /// // The identity, and the hybrid form, are refused.
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_sec1(&[0]), Err(Error::KeyMalformed));")]
            #[doc = concat!("assert_eq!(", stringify!($Public), "::from_sec1(&[&[6u8 + (tag & 1)][..], &x, &y].concat()), Err(Error::KeyMalformed));")]
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn from_sec1(bytes: &[u8]) -> Result<Self, Error> {
                match bytes.split_first() {
                    Some((0x04, xy)) => {
                        let (x, y) = xy.split_at_checked($len).ok_or(Error::KeyMalformed)?;
                        Self::from_coordinates(x, y)
                    }
                    Some((&tag @ (0x02 | 0x03), x)) => {
                        let x = <[u8; $len]>::try_from(x).map_err(|_| Error::KeyMalformed)?;
                        let point: Option<$c::AffinePoint> =
                            $c::elliptic_curve::point::DecompressPoint::decompress(
                                &x.into(),
                                $c::elliptic_curve::subtle::Choice::from(tag & 1),
                            )
                            .into();
                        Self::from_point(point)
                    }
                    _ => Err(Error::KeyMalformed),
                }
            }

            fn from_point(point: Option<$c::AffinePoint>) -> Result<Self, Error> {
                let point = point.ok_or(Error::KeyMalformed)?;
                $c::ecdsa::VerifyingKey::from_affine(point)
                    .map(|key| Self { key })
                    .map_err(|_| Error::KeyMalformed)
            }

            /// The affine `x` coordinate, big-endian, full length (a JWK's
            /// `x` before base64url; RFC 7638 thumbprints hash it).
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Public), ";")]
            #[doc = concat!("// ", $source, ": the key (x, y) of the private key ", $d, ".")]
            #[doc = concat!("let (x, y) = (hex(\"", $x, "\"), hex(\"", $y, "\"));")]
            #[doc = concat!("let key = ", stringify!($Public), "::from_coordinates(&x, &y)?;")]
            /// assert_eq!((key.x().to_vec(), key.y().to_vec()), (x, y));
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn x(&self) -> [u8; $len] {
                $c::elliptic_curve::point::AffineCoordinates::x(self.key.as_affine()).into()
            }

            /// The affine `y` coordinate, big-endian, full length; see
            /// the example of `x`.
            pub fn y(&self) -> [u8; $len] {
                $c::elliptic_curve::point::AffineCoordinates::y(self.key.as_affine()).into()
            }

            /// The uncompressed SEC1 point `04 || x || y`, the
            /// `subjectPublicKey` of a SubjectPublicKeyInfo.
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Public), ";")]
            #[doc = concat!("// ", $source, ": the key (x, y) of the private key ", $d, ".")]
            #[doc = concat!("let (x, y) = (hex(\"", $x, "\"), hex(\"", $y, "\"));")]
            #[doc = concat!("let key = ", stringify!($Public), "::from_coordinates(&x, &y)?;")]
            /// let sec1 = key.to_sec1();
            #[doc = concat!("assert_eq!(sec1.len(), ", stringify!($Public), "::SEC1_LEN);")]
            /// assert_eq!(sec1[..], [&[4u8][..], &x, &y].concat()[..]);
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn to_sec1(&self) -> [u8; 1 + 2 * $len] {
                let mut out = [0u8; 1 + 2 * $len];
                let (tag, xy) = out.split_at_mut(1);
                let (x, y) = xy.split_at_mut($len);
                tag.fill(0x04);
                x.copy_from_slice(&self.x());
                y.copy_from_slice(&self.y());
                out
            }

            /// Verifies `signature` (`r || s`, [`Self::SIGNATURE_LEN`]
            /// bytes) over `message`.
            ///
            /// # Errors
            ///
            /// [`Error::SignatureMalformed`] when the signature has another
            /// length (a DER signature included), or `r` or `s` is zero or
            /// not below the group order; [`Error::SignatureMismatch`] when
            /// it is well-formed but not this key's signature of `message`.
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Public), ";")]
            /// use jeton::Error;
            #[doc = concat!("// ", $source, ": the key (x, y) of the private key ", $d, ".")]
            #[doc = concat!("let (x, y) = (hex(\"", $x, "\"), hex(\"", $y, "\"));")]
            #[doc = concat!("let key = ", stringify!($Public), "::from_coordinates(&x, &y)?;")]
            #[doc = concat!("// Its signature of \"sample\" (r || s).")]
            #[doc = concat!("let signature = hex(\"", $sample, "\");")]
            /// assert_eq!(key.verify(b"sample", &signature), Ok(()));
            /// assert_eq!(key.verify(b"Sample", &signature), Err(Error::SignatureMismatch));
            /// // One byte short, and a zero r: malformed, before any arithmetic.
            /// let half = signature.len() / 2;
            /// assert_eq!(key.verify(b"sample", &signature[1..]), Err(Error::SignatureMalformed));
            /// let zero_r = [vec![0u8; half], signature[half..].to_vec()].concat();
            /// assert_eq!(key.verify(b"sample", &zero_r), Err(Error::SignatureMalformed));
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
                // Checks the length, and r and s in [1, n - 1].
                let signature = $c::ecdsa::Signature::from_slice(signature)
                    .map_err(|_| Error::SignatureMalformed)?;
                #[cfg(feature = "small-stack")]
                return self.verify_small_stack(message, &signature);
                #[cfg(not(feature = "small-stack"))]
                return self.verify_fast(message, &signature);
            }

            /// For the differential fuzz target `asym_small_stack`: the
            /// answers of the default and the small-stack verification of
            /// a well-formed signature; `None` for a malformed one (which
            /// `verify` refuses before either).
            #[cfg(fuzzing)]
            #[doc(hidden)]
            pub fn verify_both_ways(
                &self,
                message: &[u8],
                signature: &[u8],
            ) -> Option<(Result<(), Error>, Result<(), Error>)> {
                let signature = $c::ecdsa::Signature::from_slice(signature).ok()?;
                Some((
                    self.verify_fast(message, &signature),
                    self.verify_small_stack(message, &signature),
                ))
            }

            /// The rest of `verify` once the signature is well-formed: the
            /// `ecdsa` crate's verification, whose double-base scalar
            /// multiplication keeps two 8-point tables and two digit arrays
            /// on the stack.
            #[cfg(any(test, fuzzing, not(feature = "small-stack")))]
            fn verify_fast(
                &self,
                message: &[u8],
                signature: &$c::ecdsa::Signature,
            ) -> Result<(), Error> {
                use ::ecdsa::signature::Verifier;
                self.key
                    .verify(message, signature)
                    .map_err(|_| Error::SignatureMismatch)
            }

            /// The rest of `verify` once the signature is well-formed, with
            /// the curve crate's public point operations only and three
            /// points beside the accumulator on the stack (feature
            /// `small-stack`). The same computation as the `ecdsa` crate's
            /// (FIPS 186-5 section 6.4.2): `z` the message hash as an
            /// integer reduced mod `n`, `u1 = z / s`, `u2 = r / s`, and
            /// the signature is valid when the `x` of `[u1]G + [u2]Q`,
            /// reduced mod `n`, is `r` (the identity, whose `x` reads as
            /// 0, never is: `r` is not 0).
            #[cfg(any(test, fuzzing, feature = "small-stack"))]
            fn verify_small_stack(
                &self,
                message: &[u8],
                signature: &$c::ecdsa::Signature,
            ) -> Result<(), Error> {
                use $c::elliptic_curve::ff::PrimeField;
                use $c::elliptic_curve::group::Group;
                use $c::elliptic_curve::ops::Reduce;
                use $c::elliptic_curve::point::AffineCoordinates;
                use $c::{FieldBytes, ProjectivePoint, Scalar};

                // bits2int: the hash is as long as n (SHA-256 for P-256,
                // SHA-384 for P-384, both orders a whole number of bytes
                // with the top bit set), so its leftmost bits are all of it.
                let z: FieldBytes = <$hash>::digest(message);
                let z = <Scalar as Reduce<FieldBytes>>::reduce(&z);
                let (r, s) = signature.split_scalars();
                let s_inv = Option::<Scalar>::from(s.invert_vartime())
                    .ok_or(Error::SignatureMismatch)?;
                let u1 = (z * s_inv).to_repr();
                let u2 = (*r * s_inv).to_repr();
                let g = ProjectivePoint::GENERATOR;
                let q = ProjectivePoint::from(*self.key.as_affine());
                let g_plus_q = g + q;
                // [u1]G + [u2]Q by one left-to-right double-and-add over
                // both scalars' bits at once (big-endian bytes), the
                // addition formulas being complete (Q = ±G included).
                // Variable time is fine: u1, u2 and Q derive from the
                // signature, the message and the public key only.
                let mut acc = ProjectivePoint::IDENTITY;
                for (a, b) in u1.iter().zip(u2.iter()) {
                    for shift in (0..8).rev() {
                        acc = acc.double();
                        match (a >> shift & 1, b >> shift & 1) {
                            (1, 1) => acc += g_plus_q,
                            (1, _) => acc += g,
                            (_, 1) => acc += q,
                            _ => {}
                        }
                    }
                }
                let x = <Scalar as Reduce<FieldBytes>>::reduce(&acc.to_affine().x());
                if x == *r {
                    Ok(())
                } else {
                    Err(Error::SignatureMismatch)
                }
            }
        }

        impl fmt::Debug for $Public {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($Public), " { x: "))?;
                hex(f, &self.x())?;
                f.write_str(", y: ")?;
                hex(f, &self.y())?;
                f.write_str(" }")
            }
        }

        $(#[$signing_meta])*
        #[derive(Clone)]
        pub struct $Signing {
            // `ecdsa::SigningKey` wipes its scalar on drop (checked below).
            key: $c::ecdsa::SigningKey,
        }

        impl $Signing {
            /// The key with private scalar `d`, big-endian, exactly as long
            /// as a coordinate (32 bytes for P-256, 48 for P-384: a JWK's
            /// `d` after base64url).
            ///
            /// # Errors
            ///
            /// [`Error::KeyMalformed`] for another length, or a scalar that
            /// is zero or not below the group order.
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::{", stringify!($Public), ", ", stringify!($Signing), "};")]
            /// use jeton::Error;
            #[doc = concat!("// ", $source, ": the private key, and its public key.")]
            #[doc = concat!("let d = hex(\"", $d, "\");")]
            #[doc = concat!("let key = ", stringify!($Signing), "::from_bytes(&d)?;")]
            #[doc = concat!("let public = ", stringify!($Public), "::from_coordinates(&hex(\"", $x, "\"), &hex(\"", $y, "\"))?;")]
            /// assert_eq!(key.public_key(), public);
            #[doc = concat!("assert_eq!(", stringify!($Signing), "::from_bytes(&vec![0u8; d.len()]).err(), Some(Error::KeyMalformed));")]
            #[doc = concat!("assert_eq!(", stringify!($Signing), "::from_bytes(&d[1..]).err(), Some(Error::KeyMalformed));")]
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn from_bytes(d: &[u8]) -> Result<Self, Error> {
                let d = Zeroizing::new(<[u8; $len]>::try_from(d).map_err(|_| Error::KeyMalformed)?);
                let d = Zeroizing::new($c::FieldBytes::from(*d));
                $c::ecdsa::SigningKey::from_bytes(&d)
                    .map(|key| Self { key })
                    .map_err(|_| Error::KeyMalformed)
            }

            /// The matching public key; see the example of `from_bytes`.
            pub fn public_key(&self) -> $Public {
                $Public {
                    key: *self.key.verifying_key(),
                }
            }

            /// Signs `message`: the deterministic signature of RFC 6979
            /// (the nonce derived from the key and the message hash), as
            /// `r || s`.
            ///
            /// ```
            #[doc = concat!("use jeton::asym::ecdsa::", stringify!($Signing), ";")]
            #[doc = concat!("// ", $source, ": the private key and its signature of \"sample\".")]
            #[doc = concat!("let key = ", stringify!($Signing), "::from_bytes(&hex(\"", $d, "\"))?;")]
            #[doc = concat!("assert_eq!(key.sign(b\"sample\")[..], hex(\"", $sample, "\")[..]);")]
            /// # fn hex(s: &str) -> Vec<u8> {
            /// #     (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
            /// # }
            /// # Ok::<(), jeton::Error>(())
            /// ```
            pub fn sign(&self, message: &[u8]) -> [u8; 2 * $len] {
                let digest = <$hash>::digest(message);
                let (signature, _) = sign_prehashed_rfc6979::<$c::NistCurve, $hash>(
                    self.key.as_nonzero_scalar(),
                    &digest,
                    &[],
                );
                signature.to_bytes().into()
            }
        }

        impl fmt::Debug for $Signing {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($Signing), " { .. }"))
            }
        }

        const _: () = {
            const fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
            wipes_on_drop::<$c::ecdsa::SigningKey>();
        };
    };
}

/// Lowercase hexadecimal, for `Debug`.
fn hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
}

/// P-256 as its own module path, so that the macro can name the curve type.
mod p256_names {
    pub use p256::NistP256 as NistCurve;
    pub use p256::{AffinePoint, FieldBytes, ecdsa, elliptic_curve};
    #[cfg(any(test, fuzzing, feature = "small-stack"))]
    pub use p256::{ProjectivePoint, Scalar};
}
use p256_names as p256c;

curve! {
    curve: p256c,
    hash: sha2::Sha256,
    len: 32,
    example: {
        source: "RFC 6979 appendix A.2.5",
        d: "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
        x: "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
        y: "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
        sample: "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716\
                 F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
    },
    /// A P-256 public key, for ES256 (ECDSA with SHA-256).
    ///
    /// `Debug` prints the coordinates in hexadecimal; `==` compares the
    /// points.
    public: P256PublicKey,
    /// A P-256 private key, for ES256 signatures (RFC 6979 deterministic).
    ///
    /// The scalar is wiped when the key is dropped; `Debug` prints nothing
    /// of it.
    signing: P256SigningKey,
}

#[cfg(feature = "p384")]
mod p384_names {
    pub use p384::NistP384 as NistCurve;
    pub use p384::{AffinePoint, FieldBytes, ecdsa, elliptic_curve};
    #[cfg(any(test, fuzzing, feature = "small-stack"))]
    pub use p384::{ProjectivePoint, Scalar};
}
#[cfg(feature = "p384")]
use p384_names as p384c;

#[cfg(feature = "p384")]
curve! {
    curve: p384c,
    hash: sha2::Sha384,
    len: 48,
    example: {
        source: "RFC 6979 appendix A.2.6",
        d: "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8\
            96D5724E4C70A825F872C9EA60D2EDF5",
        x: "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64\
            DEF8F0EA9055866064A254515480BC13",
        y: "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1\
            288B231C3AE0D4FE7344FD2533264720",
        sample: "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C\
                 81A648152E44ACF96E36DD1E80FABE46\
                 99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F\
                 A329C145786E679E7B82C71A38628AC8",
    },
    /// A P-384 public key, for ES384 (ECDSA with SHA-384). Feature `p384`.
    ///
    /// `Debug` prints the coordinates in hexadecimal; `==` compares the
    /// points.
    public: P384PublicKey,
    /// A P-384 private key, for ES384 signatures (RFC 6979
    /// deterministic). Feature `p384`.
    ///
    /// The scalar is wiped when the key is dropped; `Debug` prints nothing
    /// of it.
    signing: P384SigningKey,
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

    // RFC 6979 A.2.5's public key.
    const UX: &str = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
    const UY: &str = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    // P-256's field prime p and group order n (SEC 2 section 2.4.2).
    const P: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    const N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    // P-256's generator G.
    const GX: &str = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    const GY: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

    #[test]
    fn coordinates_are_full_length() {
        let (x, y) = (hex::<32>(UX), hex::<32>(UY));
        let key = P256PublicKey::from_coordinates(&x, &y).unwrap();
        assert_eq!((key.x(), key.y()), (x, y));
        // A leading zero byte, as an ASN.1 integer would have, or one byte
        // short: RFC 7518 section 6.2.1.2 says full length.
        let mut padded = [0u8; 33];
        padded[1..].copy_from_slice(&x);
        for (x, y) in [
            (&padded[..], &y[..]),
            (&x[..], &padded[..]),
            (&x[1..], &y[..]),
            (&x[..], &y[..31]),
        ] {
            assert_eq!(
                P256PublicKey::from_coordinates(x, y),
                Err(Error::KeyMalformed)
            );
        }
        assert_eq!(
            P256PublicKey::from_coordinates(&[], &[]),
            Err(Error::KeyMalformed)
        );
    }

    #[test]
    fn points_off_the_curve_are_refused() {
        let (x, mut y) = (hex::<32>(UX), hex::<32>(UY));
        y[31] ^= 1;
        assert_eq!(
            P256PublicKey::from_coordinates(&x, &y),
            Err(Error::KeyMalformed)
        );
        // The identity has no affine coordinates; (0, 0) is not on the curve.
        assert_eq!(
            P256PublicKey::from_coordinates(&[0; 32], &[0; 32]),
            Err(Error::KeyMalformed)
        );
        // A coordinate of p or more is not a field element: x = p must not
        // be read as 0 (mod p).
        assert_eq!(
            P256PublicKey::from_coordinates(&hex::<32>(P), &hex::<32>(GY)),
            Err(Error::KeyMalformed)
        );
        assert!(P256PublicKey::from_coordinates(&hex::<32>(GX), &hex::<32>(GY)).is_ok());
    }

    #[test]
    fn sec1_forms() {
        let (x, y) = (hex::<32>(UX), hex::<32>(UY));
        let key = P256PublicKey::from_coordinates(&x, &y).unwrap();
        let sec1 = key.to_sec1();
        assert_eq!(sec1[0], 0x04);
        assert_eq!(P256PublicKey::from_sec1(&sec1), Ok(key));
        // Uy is odd: the compressed form is 03 || x; 02 || x is -U.
        let mut compressed = [0u8; 33];
        compressed[1..].copy_from_slice(&x);
        compressed[0] = 0x03;
        assert_eq!(P256PublicKey::from_sec1(&compressed), Ok(key));
        compressed[0] = 0x02;
        let negated = P256PublicKey::from_sec1(&compressed).unwrap();
        assert_eq!(negated.x(), x);
        assert_ne!(negated.y(), y);
        // The identity, hybrid and unknown tags, wrong lengths, nothing.
        assert_eq!(P256PublicKey::from_sec1(&[0x00]), Err(Error::KeyMalformed));
        for tag in [0x00, 0x01, 0x05, 0x06, 0x07] {
            let mut other = sec1;
            other[0] = tag;
            assert_eq!(
                P256PublicKey::from_sec1(&other),
                Err(Error::KeyMalformed),
                "{tag}"
            );
        }
        assert_eq!(
            P256PublicKey::from_sec1(&sec1[..64]),
            Err(Error::KeyMalformed)
        );
        assert_eq!(
            P256PublicKey::from_sec1(&compressed[..32]),
            Err(Error::KeyMalformed)
        );
        assert_eq!(P256PublicKey::from_sec1(&[]), Err(Error::KeyMalformed));
        let mut long = [0u8; 66];
        long[..65].copy_from_slice(&sec1);
        assert_eq!(P256PublicKey::from_sec1(&long), Err(Error::KeyMalformed));
    }

    #[test]
    fn private_scalar_range() {
        let n = hex::<32>(N);
        assert_eq!(
            P256SigningKey::from_bytes(&[0; 32]).err(),
            Some(Error::KeyMalformed)
        );
        assert_eq!(
            P256SigningKey::from_bytes(&n).err(),
            Some(Error::KeyMalformed)
        );
        assert_eq!(
            P256SigningKey::from_bytes(&[0xff; 32]).err(),
            Some(Error::KeyMalformed)
        );
        // Short (which the underlying crate would pad) and long.
        assert_eq!(
            P256SigningKey::from_bytes(&[1; 31]).err(),
            Some(Error::KeyMalformed)
        );
        assert_eq!(
            P256SigningKey::from_bytes(&[1; 33]).err(),
            Some(Error::KeyMalformed)
        );
        // d = 1 is the generator; d = n - 1 is its negation.
        let mut one = [0u8; 32];
        one[31] = 1;
        let g = P256SigningKey::from_bytes(&one).unwrap().public_key();
        assert_eq!((g.x(), g.y()), (hex::<32>(GX), hex::<32>(GY)));
        let mut n_minus_1 = n;
        n_minus_1[31] -= 1;
        let minus_g = P256SigningKey::from_bytes(&n_minus_1).unwrap().public_key();
        assert_eq!(minus_g.x(), hex::<32>(GX));
        assert_ne!(minus_g.y(), hex::<32>(GY));
    }

    #[test]
    fn signature_form() {
        let key = P256SigningKey::from_bytes(&[7; 32]).unwrap();
        let public = key.public_key();
        let sig = key.sign(b"m");
        assert_eq!(public.verify(b"m", &sig), Ok(()));
        assert_eq!(
            public.verify(b"m", &sig[..63]),
            Err(Error::SignatureMalformed)
        );
        assert_eq!(public.verify(b"m", &[]), Err(Error::SignatureMalformed));
        let mut long = [0u8; 65];
        long[..64].copy_from_slice(&sig);
        assert_eq!(public.verify(b"m", &long), Err(Error::SignatureMalformed));
        // r or s zero, or n.
        let n = hex::<32>(N);
        for (zero_r, value) in [(true, [0; 32]), (false, [0; 32]), (true, n), (false, n)] {
            let mut bad = sig;
            let half = if zero_r {
                &mut bad[..32]
            } else {
                &mut bad[32..]
            };
            half.copy_from_slice(&value);
            assert_eq!(public.verify(b"m", &bad), Err(Error::SignatureMalformed));
        }
        let mut flipped = sig;
        flipped[10] ^= 0x40;
        assert_eq!(public.verify(b"m", &flipped), Err(Error::SignatureMismatch));
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
        write!(
            buf,
            "{:?}",
            P256SigningKey::from_bytes(&[0xab; 32]).unwrap()
        )
        .unwrap();
        assert_eq!(&buf.0[..buf.1], b"P256SigningKey { .. }");
        let mut buf = Buf([0; 256], 0);
        let key = P256PublicKey::from_coordinates(&hex::<32>(GX), &hex::<32>(GY)).unwrap();
        write!(buf, "{key:?}").unwrap();
        assert!(buf.0[..buf.1].starts_with(b"P256PublicKey { x: 6b17d1f2"));
    }

    /// Both verification paths of one curve on one signature; the
    /// signature must be well-formed (what `verify` checks before either).
    macro_rules! both_paths {
        ($c:ident, $key:expr, $message:expr, $signature:expr) => {{
            let signature = $c::ecdsa::Signature::from_slice($signature).unwrap();
            let fast = $key.verify_fast($message, &signature);
            let small = $key.verify_small_stack($message, &signature);
            assert_eq!(fast, small, "{:?} {:02x?}", $key, $signature);
            small
        }};
    }

    /// One curve's small-stack path against the `ecdsa` crate's, on keys
    /// made from hashed counters plus d = 1 and d = n - 1 (Q = G and
    /// Q = -G, where the table's G + Q is the identity or a doubling):
    /// each signature and its high-S twin `(r, n - s)` verify on both;
    /// one-bit changes (those that stay well-formed), another message and
    /// another key are refused by both.
    macro_rules! differential {
        ($c:ident, $Signing:ident, $len:literal, $n:expr) => {{
            use sha2::Digest;
            let n = hex::<$len>($n);
            let mut one = [0u8; $len];
            one[$len - 1] = 1;
            let mut n_minus_1 = n;
            n_minus_1[$len - 1] -= 1;
            let mut seeds = [[0u8; $len]; 6];
            for (i, seed) in seeds.iter_mut().enumerate().skip(2) {
                let h = sha2::Sha512::digest([u8::try_from(i).unwrap()]);
                seed.copy_from_slice(&h[..$len]);
            }
            seeds[0] = one;
            seeds[1] = n_minus_1;
            for (i, seed) in seeds.iter().enumerate() {
                let key = $Signing::from_bytes(seed).unwrap();
                let public = key.public_key();
                let other = $Signing::from_bytes(&seeds[(i + 3) % seeds.len()])
                    .unwrap()
                    .public_key();
                let message = &seed[..i * 5];
                let signature = key.sign(message);
                assert_eq!(both_paths!($c, public, message, &signature), Ok(()));
                // High S: s' = n - s, big-endian subtraction.
                let mut high = signature;
                let mut borrow = 0u16;
                for j in (0..$len).rev() {
                    let d = u16::from(n[j]) + 256 - u16::from(signature[$len + j]) - borrow;
                    high[$len + j] = (d & 0xff) as u8;
                    borrow = u16::from(d < 256);
                }
                assert_eq!(both_paths!($c, public, message, &high), Ok(()));
                assert_eq!(
                    both_paths!($c, other, message, &signature),
                    Err(Error::SignatureMismatch)
                );
                assert_eq!(
                    both_paths!($c, public, b"another message", &signature),
                    Err(Error::SignatureMismatch)
                );
                for bit in (0..16 * $len).step_by(5) {
                    let mut changed = signature;
                    changed[bit / 8] ^= 1 << (bit % 8);
                    if $c::ecdsa::Signature::from_slice(&changed).is_err() {
                        continue;
                    }
                    assert_eq!(
                        both_paths!($c, public, message, &changed),
                        Err(Error::SignatureMismatch),
                        "bit {bit}"
                    );
                }
            }
        }};
    }

    #[test]
    fn small_stack_path_agrees_p256() {
        differential!(p256c, P256SigningKey, 32, N);
    }

    #[cfg(feature = "p384")]
    #[test]
    fn small_stack_path_agrees_p384() {
        differential!(
            p384c,
            P384SigningKey,
            48,
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
        );
    }
}
