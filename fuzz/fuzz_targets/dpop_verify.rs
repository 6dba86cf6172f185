//! DPoP proofs: never panics; a refused proof leaves the buffer wiped; an
//! accepted one is refused as a replay the second time. Proofs the harness
//! makes itself (ES256, ES384 or Ed25519 keys derived from the input, over
//! fuzzed method, URI, nonce and access token) verify for their request and
//! their key, and not for another method, URI or key, nor once a byte of
//! the signature changes.
//!
//! Layout: selector (1 byte: family in the low bits), seed (32 bytes),
//! then either a proof, checked against RFC 9449 figure 12's request, or
//! `0xFF` and four length-prefixed fields (method, URI, nonce, access
//! token) of a proof the harness makes.
#![no_main]

use jeton::Error;
use jeton::asym::ecdsa::{P256SigningKey, P384SigningKey};
use jeton::asym::eddsa::Ed25519SigningKey;
use jeton::jwt::JwtKey;
use jeton::oauth::{DpopProof, DpopValidation, Thumbprint, verify_proof};
use jeton::session::RevocationList;
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_562_262_618;
const URI: &str = "https://resource.example.org/protectedresource";

fn signing_key(selector: u8, seed: &[u8; 32]) -> Option<JwtKey> {
    match selector % 3 {
        0 => P256SigningKey::from_bytes(seed)
            .ok()
            .map(JwtKey::es256_signing),
        1 => {
            let mut wide = [0u8; 48];
            wide[16..].copy_from_slice(seed);
            P384SigningKey::from_bytes(&wide)
                .ok()
                .map(JwtKey::es384_signing)
        }
        _ => Ed25519SigningKey::from_seed(seed)
            .ok()
            .map(JwtKey::ed25519_signing),
    }
}

/// Verifies `proof` twice with one replay cache: a refusal leaves the
/// buffer wiped, and an acceptance is not repeated.
fn verify(proof: &[u8], v: &DpopValidation<'_>) -> Result<Thumbprint, Error> {
    let mut seen: RevocationList<4> = RevocationList::new();
    let mut buf = vec![0u8; proof.len()];
    let first = verify_proof(proof, v, Some(&mut seen), &mut buf).map(|p| p.thumbprint());
    match first {
        Ok(_) => assert_eq!(
            verify_proof(proof, v, Some(&mut seen), &mut buf).err(),
            Some(Error::DpopReplayed)
        ),
        Err(_) => assert!(buf.iter().all(|&b| b == 0)),
    }
    first
}

fn field(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&len, rest) = data.split_first()?;
    rest.split_at_checked(usize::from(len))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Some((seed, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    if let Some(rest) = rest.strip_prefix(b"\xff") {
        let Some(key) = signing_key(selector, seed) else {
            return;
        };
        let Some((method, rest)) = field(rest) else {
            return;
        };
        let Some((uri, rest)) = field(rest) else {
            return;
        };
        let Some((nonce, rest)) = field(rest) else {
            return;
        };
        let Some((token, _)) = field(rest) else {
            return;
        };
        let (Ok(method), Ok(uri), Ok(nonce)) = (
            std::str::from_utf8(method),
            std::str::from_utf8(uri),
            std::str::from_utf8(nonce),
        ) else {
            return;
        };
        let mut out = vec![0u8; 16384];
        let n = DpopProof::new(method, uri, NOW, seed)
            .nonce(nonce)
            .access_token(token)
            .write(&key, &mut out)
            .unwrap();
        let proof = &out[..n];
        let jkt = Thumbprint::of(&key).unwrap();
        let v = DpopValidation::new(NOW, method, uri)
            .nonce(nonce.as_bytes())
            .access_token(token, jkt)
            .max_len(16384);
        // Only a URI that is not `scheme://authority...` (which matches
        // nothing, itself included) keeps the proof from its request.
        match verify(proof, &v) {
            Ok(print) => assert_eq!(print, jkt),
            Err(e) => assert_eq!(e, Error::DpopHtuMismatch),
        }
        let other = DpopValidation::new(NOW, "PATCHED", uri)
            .access_token(token, jkt)
            .max_len(16384);
        assert!(method == "PATCHED" || verify(proof, &other).is_err());
        let mut forged = proof.to_vec();
        let last = forged.len() - 2;
        forged[last] = if forged[last] == b'A' { b'Q' } else { b'A' };
        assert!(verify(&forged, &v).is_err());
        return;
    }
    let jkt = Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I").unwrap();
    let token = b"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    let _ = verify(
        rest,
        &DpopValidation::new(NOW, "GET", URI).access_token(token, jkt),
    );
    let _ = verify(
        rest,
        &DpopValidation::new(NOW, "POST", URI)
            .nonce(b"n")
            .leeway(300),
    );
});
