//! RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS, salt as
//! long as the hash: RFC 7518 sections 3.3 and 3.5). Verification only:
//! jeton does not sign with RSA.

use super::FamilyKey;
use crate::Error;
use crate::asym::rsa::{RsaHash, RsaPadding, RsaPublicKey};
use crate::jwt::JwtAlgorithm;

/// The padding and hash of an RSA algorithm.
fn scheme(alg: JwtAlgorithm) -> Option<(RsaPadding, RsaHash)> {
    match alg {
        JwtAlgorithm::RS256 => Some((RsaPadding::Pkcs1v15, RsaHash::Sha256)),
        JwtAlgorithm::PS256 => Some((RsaPadding::Pss, RsaHash::Sha256)),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::RS384 => Some((RsaPadding::Pkcs1v15, RsaHash::Sha384)),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::RS512 => Some((RsaPadding::Pkcs1v15, RsaHash::Sha512)),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::PS384 => Some((RsaPadding::Pss, RsaHash::Sha384)),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::PS512 => Some((RsaPadding::Pss, RsaHash::Sha512)),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

impl FamilyKey for RsaPublicKey {
    fn default_algorithm(&self) -> JwtAlgorithm {
        JwtAlgorithm::RS256
    }

    fn serves(&self, alg: JwtAlgorithm) -> bool {
        scheme(alg).is_some()
    }

    fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
        self.modulus_len()
    }

    fn verify(&self, alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        scheme(alg).is_some_and(|(padding, hash)| {
            RsaPublicKey::verify(self, padding, hash, input, signature).is_ok()
        })
    }

    fn sign(&self, _: JwtAlgorithm, _: &[u8], _: &mut [u8]) -> Result<usize, Error> {
        Err(Error::JwtKeyInvalid)
    }
}
