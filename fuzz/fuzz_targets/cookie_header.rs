//! Any bytes as a Cookie header: reading never panics, every pair is a
//! trimmed, `;`-free slice of the input, and a header that passes the
//! strict check holds only token names and cookie-octet values.
#![no_main]

use jeton::cookie::{CookieHeader, CookieLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = CookieLimits {
        max_header_len: 4096,
        max_pairs: 64,
    };
    let Ok(header) = CookieHeader::parse_with_limits(data, limits) else {
        assert!(data.len() > 4096 || data.iter().filter(|&&b| b == b';').count() >= 64);
        return;
    };
    let strict = header.check_strict().is_ok();
    let mut buf = [0u8; 4096];
    for pair in header.iter() {
        for part in [pair.name(), pair.value()] {
            assert!(!part.contains(&b';'));
            assert!(!part.starts_with(b" ") && !part.ends_with(b" "));
            assert!(!part.starts_with(b"\t") && !part.ends_with(b"\t"));
        }
        assert!(!pair.name().contains(&b'='));
        assert_eq!(header.get(pair.name()).map(|p| p.name()), Some(pair.name()));
        let n = pair.decode_value(&mut buf).expect("decoding never grows");
        assert!(n <= pair.value().len());
        assert!(pair.value_unquoted().len() <= pair.value().len());
        if strict {
            assert!(!pair.name().is_empty());
            assert!(pair.name().iter().all(|b| b.is_ascii_graphic()));
        }
    }
});
