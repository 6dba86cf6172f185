//! Base64: decoding any bytes never panics; whatever decodes re-encodes to
//! the very same text (one canonical encoding per byte string); encoding
//! always decodes back.
#![no_main]

use jeton::base64::{Alphabet, Padding, decode, decoded_len_max, encode, encoded_len};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut decoded = vec![0u8; decoded_len_max(data.len())];
    let mut encoded = vec![0u8; encoded_len(data.len(), Padding::Padded)];
    for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
        for padding in [Padding::Padded, Padding::Unpadded, Padding::Either] {
            if let Ok(n) = decode(data, alphabet, padding, &mut decoded) {
                let write = if padding == Padding::Padded || data.ends_with(b"=") {
                    Padding::Padded
                } else {
                    Padding::Unpadded
                };
                let mut again = vec![0u8; encoded_len(n, Padding::Padded)];
                let m = encode(&decoded[..n], alphabet, write, &mut again).unwrap();
                assert_eq!(&again[..m], data, "{alphabet:?} {padding:?}");
            }
            let n = encode(data, alphabet, padding, &mut encoded).unwrap();
            let mut back = vec![0u8; data.len()];
            let m = decode(&encoded[..n], alphabet, padding, &mut back).unwrap();
            assert_eq!(&back[..m], data);
        }
    }
});
