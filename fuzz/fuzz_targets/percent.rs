//! Percent-coding: decoding never panics nor grows; encoded UTF-8 always
//! decodes back (and encoded non-UTF-8 is refused, as in JavaScript); what
//! decodes re-encodes to something that decodes the same.
#![no_main]

use jeton::percent::{decode, decode_cookie_value, encode, encode_cookie_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut encoded = vec![0u8; data.len() * 3];
    let mut decoded = vec![0u8; data.len() * 3];
    let utf8 = std::str::from_utf8(data).is_ok();
    let n = encode(data, &mut encoded).expect("3x is enough");
    match decode(&encoded[..n], &mut decoded) {
        Ok(m) => assert_eq!(&decoded[..m], data),
        Err(e) => assert!(!utf8 && e == jeton::Error::InvalidUtf8),
    }

    let n = encode_cookie_value(data, &mut encoded).expect("3x is enough");
    let m = decode_cookie_value(&encoded[..n], &mut decoded).expect("fits");
    if utf8 {
        assert_eq!(&decoded[..m], data);
    }

    if let Ok(m) = decode(data, &mut decoded) {
        assert!(m <= data.len());
        let plain = decoded[..m].to_vec();
        // Raw bytes pass through decoding unchecked; only UTF-8 comes back
        // through an escape.
        if std::str::from_utf8(&plain).is_ok() {
            let n = encode(&plain, &mut encoded).unwrap_or(0);
            let mut again = vec![0u8; plain.len()];
            let k = decode(&encoded[..n], &mut again).expect("re-encoded decodes");
            assert_eq!(&again[..k], plain.as_slice());
        }
    }
    let m = decode_cookie_value(data, &mut decoded).expect("never grows");
    assert!(m <= data.len());
});
