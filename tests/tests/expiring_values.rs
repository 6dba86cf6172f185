//! `signed::expiring` against its documented format, recomputed outside
//! jeton: the values below were written by Python's `hmac` and `base64`
//! from the format of `core/src/signed/expiring.rs` (MAC over a length
//! byte, the purpose, and `v1.<expires_at>.<base64url payload>`):
//!
//! ```python
//! text = b"v1." + str(exp).encode() + b"." + b64url(payload)
//! tag = hmac.new(key, bytes([len(purpose)]) + purpose + text, sha256)
//! value = text + b"." + b64url(tag.digest())
//! ```

use jeton::Error;
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::expiring;

const KEY: &[u8] = b"an expiring-value key, 32 bytes!";

/// (purpose, payload, expires_at, value) as Python wrote them.
const VECTORS: &[(&[u8], &[u8], i64, &str)] = &[
    (
        b"session",
        b"user-42",
        1_700_000_000,
        "v1.1700000000.dXNlci00Mg.Z4d8QI67ARI5qL0dMlP51rlWul3hX77JpGtStLpogw4",
    ),
    (
        b"oauth-state",
        b"\x00\xffnonce",
        -5,
        "v1.-5.AP9ub25jZQ.fRMEf44hvWddiVR8meliHoE23e7Qr45DhSIAz2hxGoY",
    ),
];

fn key() -> HmacKey {
    HmacKey::new(Algorithm::Sha256, KEY)
}

#[test]
fn signs_byte_for_byte_as_the_format_says() {
    for &(purpose, payload, exp, want) in VECTORS {
        let mut out = [0u8; 128];
        let n = expiring::sign(&key(), purpose, payload, exp, &mut out).unwrap();
        assert_eq!(std::str::from_utf8(&out[..n]).unwrap(), want);
    }
}

#[test]
fn verifies_the_recomputed_values_and_refuses_changes() {
    let mut ring: KeyRing<2> =
        KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"newer")).unwrap();
    ring.push(key()).unwrap();
    let mut out = [0u8; 64];
    for &(purpose, payload, exp, value) in VECTORS {
        let opened = expiring::verify(&ring, purpose, value.as_bytes(), exp - 1, &mut out).unwrap();
        assert_eq!(
            (opened.payload, opened.expires_at, opened.key_index),
            (payload, exp, 1)
        );
        // Expired at its own second, as documented (valid while now < exp).
        assert_eq!(
            expiring::verify(&ring, purpose, value.as_bytes(), exp, &mut out),
            Err(Error::SignedValueExpired)
        );
        // Another purpose: the MAC input differs.
        assert_eq!(
            expiring::verify(&ring, b"csrf", value.as_bytes(), exp - 1, &mut out),
            Err(Error::SignatureMismatch)
        );
        // A later expiry written over the signed one.
        let extended = value.replacen(&format!("v1.{exp}."), &format!("v1.{}.", exp + 3600), 1);
        assert_eq!(
            expiring::verify(&ring, purpose, extended.as_bytes(), exp - 1, &mut out),
            Err(Error::SignatureMismatch)
        );
        // Keygrip- or cookie-signature-shaped values are another format.
        assert_eq!(
            expiring::verify(&ring, purpose, &value.as_bytes()[3..], exp - 1, &mut out),
            Err(Error::UnknownSignedFormat)
        );
    }
}
