//! Any bytes as an Authorization header: Basic and Bearer parsing never
//! panic; Basic credentials that jeton formats parse back unchanged.
#![no_main]

use jeton::auth;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut buf = vec![0u8; data.len()];
    if let Ok(c) = auth::parse_basic(data, &mut buf) {
        assert!(!c.user.contains(&b':'));
    }
    if let Ok(token) = auth::parse_bearer(data) {
        assert!(!token.is_empty() && !token.contains(&b' '));
    }
    // Round trip: split the input into a user and a password.
    let split = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (user, password) = data.split_at(split);
    let mut header = vec![0u8; data.len() * 2 + 16];
    if let Ok(n) = auth::format_basic(user, password, &mut header) {
        let mut decoded = vec![0u8; n];
        let c = auth::parse_basic(&header[..n], &mut decoded).expect("what we format parses");
        assert_eq!((c.user, c.password), (user, password));
    }
});
