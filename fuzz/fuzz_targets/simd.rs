//! SIMD against scalar: every kernel this CPU runs (SSSE3 and AVX2 on
//! x86-64, NEON on aarch64) must give the scalar code's verdict and bytes
//! on every input. Each input is tried three ways: as base64 text as it
//! comes (and as bytes to encode, and as JSON string bytes); as the
//! canonical encoding of its tail with one character replaced (position
//! and byte from its first three bytes: every position of an invalid or
//! valid byte, the trailing bits of the last character included); and as
//! that encoding cut to every length near its end.
#![no_main]

use jeton::base64::{Alphabet, Padding, encode, encoded_len};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    assert!(jeton::simd_agrees_with_scalar(data), "as it comes");
    let [high, low, byte, rest @ ..] = data else {
        return;
    };
    for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
        let mut text = vec![0u8; encoded_len(rest.len(), Padding::Unpadded)];
        let n = encode(rest, alphabet, Padding::Unpadded, &mut text).unwrap();
        let text = &mut text[..n];
        if !text.is_empty() {
            let at = usize::from(u16::from_be_bytes([*high, *low])) % text.len();
            text[at] = *byte;
        }
        assert!(jeton::simd_agrees_with_scalar(text), "one byte changed");
        for cut in text.len().saturating_sub(5)..text.len() {
            assert!(jeton::simd_agrees_with_scalar(&text[..cut]), "cut");
        }
    }
});
