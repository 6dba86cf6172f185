//! ID tokens and JWT access tokens: never panics; a refused token leaves
//! the buffer wiped; an accepted one carries what its validation required.
//! Tokens the harness signs itself (ES256, ES384 or Ed25519 keys derived
//! from the input, over fuzzed header and claims JSON) reach the OpenID
//! Connect and RFC 9068 checks behind the signature.
//!
//! Layout: selector (1 byte: family in the low bits, the options in the
//! high bits), seed (32 bytes), then either a token checked against OpenID
//! Connect Core appendix A.7's RSA key, or `0xFF`, header JSON, `0x00`,
//! claims JSON, signed by the harness.
#![no_main]

use jeton::asym::ecdsa::{P256SigningKey, P384SigningKey};
use jeton::asym::eddsa::Ed25519SigningKey;
use jeton::base64::{self, Alphabet, Padding};
use jeton::jwt::{JwtAlgorithm, JwtKey, KeySet};
use jeton::oauth::{
    AccessTokenValidation, IdTokenValidation, verify_access_token, verify_id_token,
};
use libfuzzer_sys::fuzz_target;

const OIDC_KEY: &[u8] = br#"{"kty":"RSA","kid":"1e9gdk7","e":"AQAB","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ"}"#;
const ISSUER: &str = "http://server.example.com";
const CLIENT: &str = "s6BhdRkqt3";
const NOW: i64 = 1_311_281_000;
const ALL: &[JwtAlgorithm] = &[
    JwtAlgorithm::RS256,
    JwtAlgorithm::ES256,
    JwtAlgorithm::ES384,
    JwtAlgorithm::EdDSA,
];

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

fn b64(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; base64::encoded_len(bytes.len(), Padding::Unpadded)];
    let n = base64::encode(bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut out).unwrap();
    out.truncate(n);
    out
}

/// Checks `token` as an ID token and as an access token, each under the
/// validation the option bits pick.
fn check<const N: usize>(token: &[u8], keys: &KeySet<N>, options: u8) {
    let mut v = IdTokenValidation::new(NOW, ISSUER, CLIENT).algorithms(ALL);
    if options & 1 != 0 {
        v = v.nonce(b"n-0S6_WzA2Mj");
    } else if options & 2 != 0 {
        v = v.allow_any_nonce();
    }
    if options & 4 != 0 {
        v = v.max_age(3600);
    }
    if options & 8 != 0 {
        v = v
            .access_token(b"jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y")
            .code(b"Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk");
    }
    if options & 16 != 0 {
        v = v
            .require_at_hash()
            .require_c_hash()
            .max_token_age(600)
            .leeway(30);
    }
    let mut buf = vec![0u8; token.len()];
    match verify_id_token(token, keys, &v, &mut buf) {
        Ok(id) => {
            assert!(
                id.token()
                    .issuer()
                    .is_some_and(|i| i.eq_bytes(ISSUER.as_bytes()))
            );
            assert!(
                id.token()
                    .audiences()
                    .any(|a| a.eq_bytes(CLIENT.as_bytes()))
            );
            if options & 1 != 0 {
                assert!(id.nonce().is_some_and(|n| n.eq_bytes(b"n-0S6_WzA2Mj")));
            }
            if options & 4 != 0 {
                assert!(id.auth_time().is_some());
            }
            let _ = id.authorized_party();
        }
        Err(_) => assert!(buf.iter().all(|&b| b == 0)),
    }
    let scopes = ["openid"];
    let mut v = AccessTokenValidation::new(NOW, ISSUER, CLIENT);
    if options & 32 != 0 {
        v = v.scopes(&scopes).leeway(60);
    }
    match verify_access_token(token, keys, &v, &mut buf) {
        Ok(at) => {
            assert!(at.token().typ().is_some());
            let _ = at.client_id();
            let _ = at.cnf_jkt();
            let _ = at.check_bearer_use();
            if options & 32 != 0 {
                assert!(at.has_scope("openid"));
            }
        }
        Err(_) => assert!(buf.iter().all(|&b| b == 0)),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Some((seed, rest)) = rest.split_first_chunk::<32>() else {
        return;
    };
    let options = selector >> 2;
    if let Some(rest) = rest.strip_prefix(b"\xff") {
        let Some(key) = signing_key(selector, seed) else {
            return;
        };
        let Some(split) = rest.iter().position(|&b| b == 0) else {
            return;
        };
        let (header, claims) = (&rest[..split], &rest[split + 1..]);
        let mut token = b64(header);
        token.push(b'.');
        token.extend(b64(claims));
        let mut signature = [0u8; 96];
        let n = key.sign(&token, &mut signature).unwrap();
        token.push(b'.');
        token.extend(b64(&signature[..n]));
        let keys: KeySet<1> = KeySet::with_key(key).unwrap();
        check(&token, &keys, options);
        return;
    }
    let keys: KeySet<1> = KeySet::with_key(JwtKey::from_jwk(OIDC_KEY).unwrap()).unwrap();
    check(rest, &keys, options);
});
