//! Tokens against asymmetric keys (ES256, ES384, EdDSA, RS256/PS256):
//! never panics, accepts only what the key signed, and refuses any token
//! whose signature the key did not make. Tokens the harness signs itself
//! (ES256, ES384 and Ed25519 keys derived from the input, over fuzzed
//! header and claims JSON) reach the claim checks behind the signature and
//! must verify with the public half, and not once a byte of the signature
//! changes.
//!
//! Layout: selector (1 byte: family in the low bits), seed (32 bytes, a
//! private scalar or Ed25519 seed), then either a token, or `0xFF`, header
//! JSON, `0x00`, claims JSON.
#![no_main]

use jeton::asym::ecdsa::{P256SigningKey, P384SigningKey};
use jeton::asym::eddsa::Ed25519SigningKey;
use jeton::base64::{self, Alphabet, Padding};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use libfuzzer_sys::fuzz_target;

/// RFC 7515 appendix A.2's RSA key and A.3's P-256 key, and RFC 8037
/// appendix A's Ed25519 key: public keys the fuzzed tokens are checked
/// against.
const PUBLIC: [&[u8]; 3] = [
    br#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#,
    br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
    br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
];

fn b64(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; base64::encoded_len(bytes.len(), Padding::Unpadded)];
    let n = base64::encode(bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut out).unwrap();
    out.truncate(n);
    out
}

/// Verifies `token` with `key`; a refusal leaves the buffer wiped.
fn verify(token: &[u8], key: &JwtKey, validation: &Validation<'_>) -> bool {
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let mut buf = vec![0u8; token.len()];
    let ok = jwt::verify(token, &keys, validation, &mut buf).is_ok();
    if !ok {
        assert!(buf.iter().all(|&b| b == 0));
    }
    let _ = jwt::verify_jws(token, &keys, validation, &mut buf);
    ok
}

/// A signing key derived from `seed` for the family `selector` names.
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

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Some((seed, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let validation = Validation::new(0)
        .required(&[])
        .allow_any_audience()
        .allow_any_typ();
    match rest.split_first() {
        Some((0xFF, parts)) => {
            let Some(key) = signing_key(selector, seed) else {
                return;
            };
            let zero = parts.iter().position(|&b| b == 0).unwrap_or(parts.len());
            let (header, claims) = (&parts[..zero], parts.get(zero + 1..).unwrap_or(&[]));
            let mut token = b64(header);
            token.push(b'.');
            token.extend(b64(claims));
            let mut sig = [0u8; 128];
            let n = key.sign(&token, &mut sig).unwrap();
            token.push(b'.');
            let sig_at = token.len();
            token.extend(b64(&sig[..n]));
            let accepted = verify(&token, &key, &validation);
            // Whatever the header and claims say, a signature byte changed
            // never passes.
            let mut bad = token.clone();
            let at = sig_at + usize::from(selector >> 2) % (bad.len() - sig_at);
            bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
            assert!(
                !verify(&bad, &key, &validation),
                "a changed signature passed"
            );
            let _ = accepted;
        }
        _ => {
            for jwk in PUBLIC {
                let key = JwtKey::from_jwk(jwk).unwrap();
                verify(rest, &key, &validation);
            }
        }
    }
});
