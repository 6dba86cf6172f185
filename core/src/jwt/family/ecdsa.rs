//! ES256 and ES384: ECDSA over P-256 with SHA-256 and over P-384 with
//! SHA-384 (RFC 7518 section 3.4); signatures are `r || s`, never DER.

use super::FamilyKey;
use crate::Error;
use crate::asym::ecdsa::{P256PublicKey, P256SigningKey};
#[cfg(feature = "p384")]
use crate::asym::ecdsa::{P384PublicKey, P384SigningKey};
use crate::jwt::JwtAlgorithm;

/// The family interface for the public and the signing key of one curve,
/// which serve exactly one algorithm (the curve fixes the hash).
macro_rules! family_of_curve {
    ($alg:ident, $Public:ty, $Signing:ty) => {
        impl FamilyKey for $Public {
            fn default_algorithm(&self) -> JwtAlgorithm {
                JwtAlgorithm::$alg
            }

            fn serves(&self, alg: JwtAlgorithm) -> bool {
                alg == JwtAlgorithm::$alg
            }

            fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
                <$Public>::SIGNATURE_LEN
            }

            fn verify(&self, _alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
                <$Public>::verify(self, input, signature).is_ok()
            }

            fn sign(&self, _: JwtAlgorithm, _: &[u8], _: &mut [u8]) -> Result<usize, Error> {
                Err(Error::JwtKeyInvalid)
            }
        }

        impl FamilyKey for $Signing {
            fn default_algorithm(&self) -> JwtAlgorithm {
                JwtAlgorithm::$alg
            }

            fn serves(&self, alg: JwtAlgorithm) -> bool {
                alg == JwtAlgorithm::$alg
            }

            fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
                <$Public>::SIGNATURE_LEN
            }

            fn verify(&self, _alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
                self.public_key().verify(input, signature).is_ok()
            }

            fn sign(
                &self,
                _alg: JwtAlgorithm,
                input: &[u8],
                out: &mut [u8],
            ) -> Result<usize, Error> {
                let signature = <$Signing>::sign(self, input);
                let slot = out
                    .get_mut(..signature.len())
                    .ok_or(Error::BufferTooSmall {
                        needed: signature.len(),
                    })?;
                slot.copy_from_slice(&signature);
                Ok(signature.len())
            }
        }
    };
}

family_of_curve!(ES256, P256PublicKey, P256SigningKey);
#[cfg(feature = "p384")]
family_of_curve!(ES384, P384PublicKey, P384SigningKey);
