//! EdDSA with Ed25519 (RFC 8037; `Ed25519` by its fully-specified name,
//! RFC 9864): strict verification, 64-byte signatures.

use super::FamilyKey;
use crate::Error;
use crate::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
use crate::jwt::JwtAlgorithm;

/// Both names of the algorithm denote the same signatures.
fn is_ed25519(alg: JwtAlgorithm) -> bool {
    matches!(alg, JwtAlgorithm::EdDSA | JwtAlgorithm::Ed25519)
}

impl FamilyKey for Ed25519PublicKey {
    fn default_algorithm(&self) -> JwtAlgorithm {
        JwtAlgorithm::EdDSA
    }

    fn serves(&self, alg: JwtAlgorithm) -> bool {
        is_ed25519(alg)
    }

    fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
        Ed25519PublicKey::SIGNATURE_LEN
    }

    fn verify(&self, _alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        Ed25519PublicKey::verify(self, input, signature).is_ok()
    }

    fn sign(&self, _: JwtAlgorithm, _: &[u8], _: &mut [u8]) -> Result<usize, Error> {
        Err(Error::JwtKeyInvalid)
    }
}

impl FamilyKey for Ed25519SigningKey {
    fn default_algorithm(&self) -> JwtAlgorithm {
        JwtAlgorithm::EdDSA
    }

    fn serves(&self, alg: JwtAlgorithm) -> bool {
        is_ed25519(alg)
    }

    fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
        Ed25519PublicKey::SIGNATURE_LEN
    }

    fn verify(&self, _alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        self.public_key().verify(input, signature).is_ok()
    }

    fn sign(&self, _alg: JwtAlgorithm, input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        let signature = Ed25519SigningKey::sign(self, input);
        let slot = out
            .get_mut(..signature.len())
            .ok_or(Error::BufferTooSmall {
                needed: signature.len(),
            })?;
        slot.copy_from_slice(&signature);
        Ok(signature.len())
    }
}
