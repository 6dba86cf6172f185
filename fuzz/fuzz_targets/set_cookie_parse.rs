//! Any bytes as a Set-Cookie header: parsing never panics, and what it
//! returns is consistent with the input.
#![no_main]

use jeton::Error;
use jeton::cookie::ParsedSetCookie;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match ParsedSetCookie::parse(data) {
        Ok(c) => {
            assert!(!c.name().is_empty());
            assert!(!c.name().contains(&b';') && !c.value().contains(&b';'));
            assert!(!c.name().contains(&b'='));
            if let Some(path) = c.path() {
                assert!(path.starts_with(b"/"));
            }
            let _ = c.expiry(0);
            let _ = c.expiry(i64::MAX);
            let _ = c.expiry(i64::MIN);
        }
        Err(e) => assert!(matches!(
            e,
            Error::CookieMissingEquals | Error::CookieEmptyName
        )),
    }
});
