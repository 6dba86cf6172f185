//! HS256, HS384, HS512: HMAC with a shared secret (RFC 7518 section 3.2).

use super::FamilyKey;
use crate::Error;
use crate::jwt::JwtAlgorithm;
use crate::mac::{HmacKey, ct_eq};

impl FamilyKey for HmacKey {
    fn default_algorithm(&self) -> JwtAlgorithm {
        // A JWT key is only ever made from an HMAC key with a JWS name.
        JwtAlgorithm::of(self.algorithm()).unwrap_or(JwtAlgorithm::HS256)
    }

    fn serves(&self, alg: JwtAlgorithm) -> bool {
        alg.mac() == Some(self.algorithm())
    }

    fn signature_len(&self, _alg: JwtAlgorithm) -> usize {
        self.algorithm().tag_len()
    }

    fn verify(&self, _alg: JwtAlgorithm, input: &[u8], signature: &[u8]) -> bool {
        self.with_tag(&[input], |tag| ct_eq(tag, signature))
    }

    fn sign(&self, _alg: JwtAlgorithm, input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        self.sign_into(input, out)
    }
}
