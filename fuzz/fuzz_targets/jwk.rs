//! JWKs, JWK Sets and PEM keys from arbitrary bytes: never panics, a set
//! that refuses a document is left as it was, a key that loads has the
//! same thumbprint however it was read, and a private key that loads
//! signs what its public half verifies.
//!
//! The input goes, whole, to every reader: `JwtKey::from_jwk`,
//! `from_private_jwk`, `from_pem`, `from_private_pem`, the DER readers of
//! `asym::pem`, and a key set's `extend_from_jwks` / `replace_from_jwks`
//! (the set holding one key first, so that "unchanged" means something).
#![no_main]

use jeton::asym::pem;
use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
use libfuzzer_sys::fuzz_target;

/// The key set every document is loaded into: one Ed25519 key (RFC 8037
/// appendix A.2) already held.
fn set_of_one() -> KeySet<4> {
    let held = br#"{"kty":"OKP","crv":"Ed25519","kid":"held","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    KeySet::with_key(JwtKey::from_jwk(held).unwrap()).unwrap()
}

fn thumbprint(key: &JwtKey) -> Option<Vec<u8>> {
    let mut out = [0u8; 43];
    key.thumbprint(&mut out).ok().map(|n| out[..n].to_vec())
}

/// A private key signs a token its public half (the same key) verifies.
fn signs_what_it_verifies(key: &JwtKey) {
    if !key.may_sign() || !key.may_verify() {
        return;
    }
    let mut token = [0u8; 512];
    let Ok(n) = jwt::encode(key, &Claims::new().expires_at(i64::MAX), &mut token) else {
        // An HMAC key whose JWK restricts it to another algorithm, or a
        // buffer too small: nothing to check.
        return;
    };
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let mut buf = [0u8; 512];
    assert!(jwt::verify(&token[..n], &keys, &Validation::new(0), &mut buf).is_ok());
}

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = JwtKey::from_jwk(data) {
        // A public-key context never loads a key that signs.
        assert!(!key.may_sign());
        let print = thumbprint(&key);
        assert!(print.is_some(), "every public key has a thumbprint");
    }
    if let Ok(key) = JwtKey::from_private_jwk(data) {
        signs_what_it_verifies(&key);
    }
    if let Ok(key) = JwtKey::from_pem(data) {
        assert!(thumbprint(&key).is_some());
    }
    if let Ok(key) = JwtKey::from_private_pem(data) {
        signs_what_it_verifies(&key);
    }
    let _ = pem::public_key_from_der(data);
    let _ = pem::private_key_from_der(data);

    for replace in [false, true] {
        let mut keys = set_of_one();
        let result = if replace {
            keys.replace_from_jwks(data)
        } else {
            keys.extend_from_jwks(data)
        };
        match result {
            Ok(summary) => {
                let held = usize::from(!replace);
                assert_eq!(keys.keys().len(), held + summary.loaded);
                for key in keys.keys() {
                    assert!(!key.may_sign());
                    assert!(thumbprint(key).is_some());
                }
            }
            Err(_) => {
                // Refused whole: the set is as it was.
                assert_eq!(keys.keys().len(), 1);
                assert_eq!(keys.keys()[0].kid(), Some("held"));
            }
        }
    }
});
