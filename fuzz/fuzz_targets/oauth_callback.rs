//! Any bytes as the query of an OAuth callback: parsing never panics;
//! what it accepts has exactly one of a non-empty code and a non-empty
//! error, the issuer it was told to expect, and no parameter it reads
//! twice; verifying its state (against a fixed key) never panics and
//! accepts nothing but a state the key signed.
#![no_main]

use jeton::Error;
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::oauth::callback::{Callback, CallbackCheck, Outcome};
use jeton::oauth::form;
use libfuzzer_sys::fuzz_target;

const ISSUER: &str = "https://as.example.com";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, query)) = data.split_first() else {
        return;
    };
    let check = match selector % 4 {
        0 => CallbackCheck::new(ISSUER),
        1 => CallbackCheck::new(ISSUER).iss_required(true),
        2 => CallbackCheck::without_issuer(),
        _ => CallbackCheck::new(ISSUER).max_pairs(usize::from(selector >> 2)),
    };
    let Ok(cb) = Callback::parse(query, &check) else {
        return;
    };
    let count = |name: &[u8]| {
        form::pairs(query)
            .filter(|p| p.name().eq_bytes(name))
            .count()
    };
    for name in [
        &b"code"[..],
        b"state",
        b"iss",
        b"error",
        b"error_description",
        b"error_uri",
    ] {
        assert!(count(name) <= 1);
    }
    match cb.outcome() {
        Outcome::Code(code) => {
            assert!(!code.is_empty() && count(b"error") == 0);
            assert_eq!(cb.code(), Ok(code));
        }
        Outcome::Error(e) => {
            assert!(!e.error().is_empty() && count(b"code") == 0);
            assert!(matches!(
                cb.code(),
                Err(Error::OauthServerError | Error::OauthAccessDenied)
            ));
        }
    }
    if selector % 4 != 2 {
        if let Some(iss) = cb.iss() {
            assert!(iss.eq_bytes(ISSUER.as_bytes()));
        } else {
            assert!(selector % 4 != 1);
        }
    }
    let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(
        Algorithm::Sha256,
        b"the fuzz target's state key.....",
    ))
    .unwrap();
    let mut payload = [0u8; 256];
    let verified = cb.verify_state(&ring, b"", 1_700_000_000, 600, &mut payload);
    // No binding cookie: the best a forged or random state can get.
    assert!(verified.is_err());
});
