//! Any bytes as a cookie date: parsing never panics, and a parsed date
//! formats as an IMF-fixdate that parses back to the same instant.
#![no_main]

use jeton::cookie::{MAX_COOKIE_TIME, MIN_COOKIE_TIME, format_http_date, parse_cookie_date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = parse_cookie_date(data) {
        assert!((MIN_COOKIE_TIME..=MAX_COOKIE_TIME).contains(&t));
        let mut buf = [0u8; 29];
        let n = format_http_date(t, &mut buf).expect("in range");
        assert_eq!(parse_cookie_date(&buf[..n]), Ok(t));
    }
    if data.len() >= 8 {
        let t = i64::from_le_bytes(data[..8].try_into().unwrap());
        let mut buf = [0u8; 29];
        match format_http_date(t, &mut buf) {
            Ok(n) => assert_eq!(parse_cookie_date(&buf[..n]), Ok(t)),
            Err(_) => assert!(!(MIN_COOKIE_TIME..=MAX_COOKIE_TIME).contains(&t)),
        }
    }
});
