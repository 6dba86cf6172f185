//! The shared-store record decoders take any bytes: they never panic,
//! what they accept re-encodes to exactly the same bytes (one encoding
//! per record), and every record the encoder writes decodes back to
//! itself, judged by the same decisions.
#![no_main]

use jeton::session::shared::{RevocationRecord, SessionRecord};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut out = vec![0u8; data.len() + 16];
    if let Ok(record) = SessionRecord::decode(data) {
        let n = record.encode(&mut out).expect("a decoded record encodes");
        assert_eq!(&out[..n], data);
        assert!(record.expires <= record.absolute_expiry);
        assert!(record.created <= record.absolute_expiry);
        // A touch never passes the absolute expiry, and keeps it decodable.
        if let Ok(touched) = record.touched(record.created, i64::from(data.len() as u32)) {
            assert!(touched.expires <= touched.absolute_expiry);
            let n = touched.encode(&mut out).expect("a touched record encodes");
            assert_eq!(SessionRecord::decode(&out[..n]), Ok(touched));
        }
    }
    if let Ok(record) = RevocationRecord::decode(data) {
        let n = record.encode(&mut out).expect("a decoded record encodes");
        assert_eq!(&out[..n], data);
    }
    // The other way: a record made from the input decodes to itself.
    if data.len() >= 24 {
        let (times, rest) = data.split_at(24);
        let t = |i: usize| i64::from_be_bytes(times[i * 8..i * 8 + 8].try_into().unwrap());
        let split = rest.first().map_or(0, |&b| usize::from(b)).min(rest.len());
        let (user, payload) = rest.split_at(split);
        let idle = t(1) & 0xFFFF_FFFF;
        let lifetime = (t(2) >= 0).then_some(t(2));
        let record = SessionRecord::open(user, payload, t(0), idle, lifetime);
        let mut buf = vec![0u8; record.encoded_len()];
        match record.encode(&mut buf) {
            Ok(n) => assert_eq!(SessionRecord::decode(&buf[..n]), Ok(record)),
            Err(e) => assert_eq!(e, jeton::Error::InputTooLong),
        }
    }
});
