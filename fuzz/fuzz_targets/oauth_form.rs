//! Any bytes as an `application/x-www-form-urlencoded` form or query:
//! iterating and decoding never panic; every decoded name and value is
//! what a plain reference decoder (the WHATWG steps written out with the
//! standard library) gives; comparisons agree with decoding; encoding a
//! decoded value decodes back to it; an endpoint URL either is refused or
//! keeps its bytes in front of the appended parameters.
#![no_main]

use jeton::oauth::form::{self, Encoded, FormWriter};
use jeton::oauth::url;
use libfuzzer_sys::fuzz_target;

/// `+` to space, `%XX` to its byte (others kept), then lossy UTF-8.
fn reference(raw: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => bytes.push(b' '),
            b'%' if i + 2 < raw.len()
                && raw[i + 1].is_ascii_hexdigit()
                && raw[i + 2].is_ascii_hexdigit() =>
            {
                let hex = std::str::from_utf8(&raw[i + 1..i + 3]).unwrap();
                bytes.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b => bytes.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned().into_bytes()
}

fn check(encoded: Encoded<'_>) {
    let want = reference(encoded.raw());
    let mut out = vec![0u8; encoded.raw().len() * 3];
    let n = encoded.decode_into(&mut out).expect("3x is enough");
    assert_eq!(&out[..n], want.as_slice());
    assert_eq!(encoded.decoded_len(), n);
    assert!(encoded.eq_bytes(&want));
    assert!(encoded.ct_eq(&want));
    if let Some(plain) = encoded.as_plain() {
        assert_eq!(plain, want.as_slice());
    }
    // Round trip through the encoder.
    let mut again = vec![0u8; form::encoded_len(&want)];
    let m = form::encode(&want, &mut again).expect("exact length");
    let back = reference(&again[..m]);
    assert_eq!(back, want);
    // Too small: the exact length, nothing written.
    if n > 0 {
        let mut small = vec![0u8; n - 1];
        assert_eq!(
            encoded.decode_into(&mut small),
            Err(jeton::Error::BufferTooSmall { needed: n })
        );
        assert!(small.iter().all(|&b| b == 0));
    }
}

fuzz_target!(|data: &[u8]| {
    let mut count = 0;
    for pair in form::pairs(data) {
        assert!(!pair.name().raw().contains(&b'&') && !pair.value().raw().contains(&b'&'));
        assert!(!pair.name().raw().contains(&b'='));
        check(pair.name());
        check(pair.value());
        count += 1;
    }
    assert!(count <= data.len());
    let q = form::query(data);
    assert!(q.len() <= data.len());

    // The input as an endpoint: refused, or kept byte for byte.
    let mut buf = vec![0u8; data.len() + 64];
    if let Ok(mut w) = url::with_query(data, &mut buf) {
        w.pair(b"a b", b"c&d");
        let n = w.finish().expect("fits");
        assert!(buf[..n].starts_with(data));
        assert!(buf[..n].ends_with(b"a+b=c%26d"));
        assert!(!data.contains(&b'#'));
    }
    // Pairs split from the input, written and read back.
    let mid = data.len() / 2;
    let (name, value) = data.split_at(mid);
    let mut body = vec![0u8; (name.len() + value.len()) * 3 + 1];
    let mut w = FormWriter::new(&mut body);
    w.pair(name, value);
    let n = w.finish().expect("3x is enough");
    let mut it = form::pairs(&body[..n]);
    if !(name.is_empty() && value.is_empty()) {
        let p = it.next().expect("one pair");
        assert_eq!(
            reference(p.name().raw()),
            String::from_utf8_lossy(name).as_bytes()
        );
        assert_eq!(
            reference(p.value().raw()),
            String::from_utf8_lossy(value).as_bytes()
        );
    }
});
