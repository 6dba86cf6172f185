//! Whatever the Cookie header writer accepts, the reader gives back pair
//! for pair, and the strict check passes.
#![no_main]

use jeton::cookie::{CookieHeader, CookieHeaderWriter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|pairs: Vec<(Vec<u8>, Vec<u8>, bool)>| {
    let mut buf = [0u8; 8192];
    let mut writer = CookieHeaderWriter::new(&mut buf);
    let mut accepted = Vec::new();
    for (name, value, encode) in &pairs {
        let ok = if *encode {
            writer
                .pair_encoded(name.as_slice(), value.as_slice())
                .is_ok()
        } else {
            writer.pair(name.as_slice(), value.as_slice()).is_ok()
        };
        if ok {
            accepted.push((name.clone(), value.clone(), *encode));
        }
    }
    let Ok(n) = writer.finish() else { return };
    let header = CookieHeader::parse_with_limits(
        &buf[..n],
        jeton::cookie::CookieLimits {
            max_header_len: usize::MAX,
            max_pairs: usize::MAX,
        },
    )
    .expect("no limits");
    if !accepted.is_empty() {
        assert_eq!(header.check_strict(), Ok(()));
    }
    let read: Vec<_> = header.iter().collect();
    assert_eq!(read.len(), accepted.len());
    let mut decoded = vec![0u8; 8192];
    for (pair, (name, value, encode)) in read.iter().zip(&accepted) {
        assert_eq!(pair.name(), name.as_slice());
        if *encode {
            // Like JavaScript's, the decoder only gives back UTF-8.
            match jeton::percent::decode(pair.value(), &mut decoded) {
                Ok(m) => assert_eq!(&decoded[..m], value.as_slice()),
                Err(e) => {
                    assert_eq!(e, jeton::Error::InvalidUtf8);
                    assert!(std::str::from_utf8(value).is_err());
                }
            }
        } else {
            assert_eq!(pair.value(), value.as_slice());
        }
    }
});
