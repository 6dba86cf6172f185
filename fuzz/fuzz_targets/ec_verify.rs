//! ECDSA (P-256, P-384) and Ed25519 keys and signatures from arbitrary
//! bytes, through `jeton::asym`: never panics, and agrees with calling the
//! underlying crates (`p256`, `p384`, `ed25519-dalek`) directly:
//!
//! - a key jeton accepts, the crate accepts as the same point; a key the
//!   crate accepts and jeton refuses is one jeton refuses on purpose (an
//!   SEC1 tag other than 02, 03, 04; an Ed25519 `y` of p or more, or a
//!   small-order point), with the error saying which;
//! - a signature verifies with jeton exactly when it does with the crate,
//!   and is `SignatureMalformed` exactly when the crate cannot parse it
//!   (ECDSA) or its length or `S` is wrong (Ed25519);
//! - a key derived from the input signs like the crate (RFC 6979 and RFC
//!   8032 are deterministic), the signature verifies, and with one bit
//!   flipped it does not; the input's signature bytes XOR-ed into a real
//!   signature give near-valid signatures for the comparison above.
//!
//! Layout: selector (curve in the low bits, then whether the signature is
//! the input's or a real one changed by it), key length (1 byte), key,
//! signature length (1 byte), signature, message.
#![no_main]

use ed25519_dalek::Signer as _;
use jeton::Error;
use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey, P384PublicKey, P384SigningKey};
use jeton::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
use jeton_fuzz::input::{Signed, xor_over};
use libfuzzer_sys::fuzz_target;
use p256::ecdsa::signature::Verifier as _;

/// The ECDSA checks for one curve, written once for both.
macro_rules! ecdsa_case {
    ($Public:ident, $Signing:ident, $c:ident, $len:literal, $key:expr, $sig:expr, $msg:expr, $real:expr) => {{
        let (key, sig, msg, real): (&[u8], &[u8], &[u8], bool) = ($key, $sig, $msg, $real);
        // Keys: SEC1 bytes, and the same bytes as coordinates.
        let ours = $Public::from_sec1(key);
        let theirs = $c::ecdsa::VerifyingKey::from_sec1_bytes(key);
        match (&ours, &theirs) {
            (Ok(o), Ok(t)) => {
                let point = t.to_sec1_point(false);
                assert_eq!(&o.to_sec1()[..], point.as_bytes());
            }
            (Ok(_), Err(_)) => panic!("jeton accepts a SEC1 key the crate refuses"),
            (Err(e), Ok(_)) => {
                assert_eq!(*e, Error::KeyMalformed);
                assert!(
                    !matches!(key.first(), Some(0x02..=0x04)),
                    "a point the crate reads"
                );
            }
            (Err(e), Err(_)) => assert_eq!(*e, Error::KeyMalformed),
        }
        if key.len() == 2 * $len {
            let (x, y) = key.split_at($len);
            let mut sec1 = vec![0x04];
            sec1.extend_from_slice(key);
            let by_coordinates = $Public::from_coordinates(x, y);
            assert_eq!(
                by_coordinates.is_ok(),
                $c::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).is_ok()
            );
            if let Ok(k) = by_coordinates {
                assert_eq!((&k.x()[..], &k.y()[..]), (x, y));
            }
        }
        if let (Ok(ours), Ok(theirs)) = (&ours, &theirs) {
            let parsed = $c::ecdsa::Signature::from_slice(sig);
            let expected = match parsed {
                Err(_) => Err(Error::SignatureMalformed),
                Ok(s) => theirs.verify(msg, &s).map_err(|_| Error::SignatureMismatch),
            };
            assert_eq!(ours.verify(msg, sig), expected);
        }
        // Signing with a key derived from the input: the first bytes of the
        // key field as the scalar.
        if let Some(d) = key.get(..$len) {
            let ours = $Signing::from_bytes(d);
            let theirs = $c::ecdsa::SigningKey::from_slice(d);
            assert_eq!(ours.is_ok(), theirs.is_ok());
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                let signature = ours.sign(msg);
                let reference: $c::ecdsa::Signature = theirs.sign(msg);
                assert_eq!(&signature[..], &reference.to_bytes()[..]);
                let public = ours.public_key();
                assert_eq!(
                    &public.to_sec1()[..],
                    theirs.verifying_key().to_sec1_point(false).as_bytes()
                );
                assert_eq!(public.verify(msg, &signature), Ok(()));
                let mut flipped = signature;
                let at = usize::from(sig.first().copied().unwrap_or(0)) % flipped.len();
                flipped[at] ^= 1 << (msg.len() % 8);
                assert!(public.verify(msg, &flipped).is_err());
                if real {
                    // A near-valid signature: the real one changed by the
                    // input's bytes, judged by both.
                    let near = xor_over(&signature, sig);
                    let expected = match $c::ecdsa::Signature::from_slice(&near) {
                        Err(_) => Err(Error::SignatureMalformed),
                        Ok(s) => theirs
                            .verifying_key()
                            .verify(msg, &s)
                            .map_err(|_| Error::SignatureMismatch),
                    };
                    assert_eq!(public.verify(msg, &near), expected);
                }
            }
        }
    }};
}

/// The group order `L`, little-endian.
const ORDER: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// What dalek's strict verification says, in jeton's terms.
fn dalek_verdict(key: &ed25519_dalek::VerifyingKey, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
    let Ok(sig) = <[u8; 64]>::try_from(sig) else {
        return Err(Error::SignatureMalformed);
    };
    if sig[32..].iter().rev().cmp(ORDER.iter().rev()).is_ge() {
        return Err(Error::SignatureMalformed);
    }
    key.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&sig))
        .map_err(|_| Error::SignatureMismatch)
}

/// `true` when the encoded `y` (low 255 bits, little-endian) is at least
/// `2^255 - 19`.
fn y_not_canonical(key: &[u8; 32]) -> bool {
    key[0] >= 0xed && key[1..31].iter().all(|&b| b == 0xff) && key[31] & 0x7f == 0x7f
}

fn ed25519_case(key: &[u8], sig: &[u8], msg: &[u8], real: bool) {
    let ours = Ed25519PublicKey::from_bytes(key);
    let theirs = <&[u8; 32]>::try_from(key)
        .ok()
        .map(|k| (k, ed25519_dalek::VerifyingKey::from_bytes(k)));
    match (&ours, theirs) {
        (Ok(o), Some((_, Ok(t)))) => {
            assert_eq!(o.as_bytes(), t.as_bytes());
            assert!(!t.is_weak());
            assert_eq!(o.verify(msg, sig), dalek_verdict(&t, msg, sig));
        }
        (Ok(_), _) => panic!("jeton accepts an Ed25519 key dalek refuses"),
        (Err(e), Some((bytes, Ok(t)))) => {
            if y_not_canonical(bytes) {
                assert_eq!(*e, Error::KeyMalformed);
            } else {
                assert!(t.is_weak());
                assert_eq!(*e, Error::KeyTooWeak);
            }
        }
        (Err(e), _) => assert_eq!(*e, Error::KeyMalformed),
    }
    // Signing with the first 32 bytes of the key field as the seed.
    if let Some(seed) = key.get(..32) {
        let ours = Ed25519SigningKey::from_seed(seed).unwrap();
        let theirs = ed25519_dalek::SigningKey::from_bytes(seed.try_into().unwrap());
        let signature = ours.sign(msg);
        assert_eq!(signature, theirs.sign(msg).to_bytes());
        let public = ours.public_key();
        assert_eq!(public.as_bytes(), theirs.verifying_key().as_bytes());
        assert_eq!(public.verify(msg, &signature), Ok(()));
        let mut flipped = signature;
        let at = usize::from(sig.first().copied().unwrap_or(0)) % flipped.len();
        flipped[at] ^= 1 << (msg.len() % 8);
        assert!(public.verify(msg, &flipped).is_err());
        if real {
            let near = xor_over(&signature, sig);
            assert_eq!(
                public.verify(msg, &near),
                dalek_verdict(&theirs.verifying_key(), msg, &near)
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(Signed {
        selector,
        key,
        signature: sig,
        message: msg,
    }) = Signed::read(data)
    else {
        return;
    };
    let real = selector & 0x10 != 0;
    match selector % 3 {
        0 => ecdsa_case!(P256PublicKey, P256SigningKey, p256, 32, key, sig, msg, real),
        1 => ecdsa_case!(P384PublicKey, P384SigningKey, p384, 48, key, sig, msg, real),
        _ => ed25519_case(key, sig, msg, real),
    }
});
