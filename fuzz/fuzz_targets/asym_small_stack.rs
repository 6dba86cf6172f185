//! jeton's two verification paths for Ed25519, P-256 and P-384 (the
//! curve crates' own, and the `small-stack` double-and-add firmware
//! builds use) give the same answer on every signature `verify` lets
//! through its shape checks:
//!
//! - on the input's key (an Ed25519 encoding, a SEC1 point) and signature,
//!   when jeton accepts the key;
//! - on a key derived from the input (seed or scalar), its own signature
//!   of the message (which both must accept), that signature with one bit
//!   flipped, and with the input's signature bytes XOR-ed over it
//!   (near-valid signatures, where a wrong bit of the arithmetic shows).
//!
//! Layout (the same as `ec_verify`, whose seeds fit): selector (curve in
//! the low bits), key length (1 byte), key, signature length (1 byte),
//! signature, message.
#![no_main]

use jeton::asym::ecdsa::{P256PublicKey, P256SigningKey, P384PublicKey, P384SigningKey};
use jeton::asym::eddsa::{Ed25519PublicKey, Ed25519SigningKey};
use jeton_fuzz::input::{Signed, xor_over};
use libfuzzer_sys::fuzz_target;

/// Both paths agree on `sig` (when it passes the shape checks); returns
/// their answer.
macro_rules! agree {
    ($public:expr, $msg:expr, $sig:expr) => {{
        let both = $public.verify_both_ways($msg, $sig);
        if let Some((fast, small)) = &both {
            assert_eq!(fast, small, "the two paths disagree");
        }
        both.map(|(_, small)| small)
    }};
}

/// The checks for one curve (or Ed25519): `$from_key` reads the input's
/// key, `$signing` derives a signing key from the key field's first
/// `$len` bytes.
macro_rules! case {
    ($from_key:expr, $signing:expr, $len:literal, $key:expr, $sig:expr, $msg:expr) => {{
        let (key, sig, msg): (&[u8], &[u8], &[u8]) = ($key, $sig, $msg);
        if let Ok(public) = $from_key(key) {
            agree!(public, msg, sig);
        }
        if let Some(Ok(signing)) = key.get(..$len).map($signing) {
            let public = signing.public_key();
            let signature = signing.sign(msg);
            assert_eq!(agree!(public, msg, &signature), Some(Ok(())));
            let mut flipped = signature;
            let at = usize::from(sig.first().copied().unwrap_or(0)) % flipped.len();
            flipped[at] ^= 1 << (msg.len() % 8);
            assert_ne!(agree!(public, msg, &flipped), Some(Ok(())));
            agree!(public, msg, &xor_over(&signature, sig));
        }
    }};
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
    match selector % 3 {
        0 => case!(
            P256PublicKey::from_sec1,
            P256SigningKey::from_bytes,
            32,
            key,
            sig,
            msg
        ),
        1 => case!(
            P384PublicKey::from_sec1,
            P384SigningKey::from_bytes,
            48,
            key,
            sig,
            msg
        ),
        _ => case!(
            Ed25519PublicKey::from_bytes,
            Ed25519SigningKey::from_seed,
            32,
            key,
            sig,
            msg
        ),
    }
});
