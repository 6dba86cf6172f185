//! The run of bytes a JSON string holds as they are, found eight at a
//! time: the reader, its flat fast path and the writer all go through it.

use crate::search::{bytes_below, bytes_equal, bytes_non_ascii, first_marked, word_at};
use crate::simd;

/// Index of the first byte of `bytes`, from `from` on, that a JSON string
/// cannot hold as it is: `"`, `\`, a control character, and with
/// `stop_non_ascii` any byte of 0x80 and above (which the reader checks as
/// UTF-8); `bytes.len()` when there is none. Eight bytes at a time: the
/// JSON reader, its flat fast path and the writer all run through it.
#[inline(always)]
pub(crate) fn json_string_run(bytes: &[u8], from: usize, stop_non_ascii: bool) -> usize {
    // Sixteen bytes at a time where the target has vectors for it.
    let (pos, found) = simd::json_string_run(bytes, from, stop_non_ascii);
    if found {
        return pos;
    }
    json_string_run_scalar(bytes, pos, stop_non_ascii)
}

/// [`json_string_run`] eight bytes at a time (the tail the SIMD scan
/// leaves, and all of it where there is none).
#[inline(always)]
fn json_string_run_scalar(bytes: &[u8], from: usize, stop_non_ascii: bool) -> usize {
    let mut pos = from;
    // A mask chosen once, so the loop has no branch on the flag.
    let keep_high = if stop_non_ascii { u64::MAX } else { 0 };
    while let Some(word) = word_at(bytes, pos) {
        let stop = bytes_equal(word, b'"')
            | bytes_equal(word, b'\\')
            | bytes_below(word, 0x20)
            | (bytes_non_ascii(word) & keep_high);
        if stop != 0 {
            return pos + first_marked(stop);
        }
        pos += 8;
    }
    let stops = |&b: &u8| b == b'"' || b == b'\\' || b < 0x20 || (stop_non_ascii && b >= 0x80);
    bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(stops))
        .map_or(bytes.len().max(pos), |i| pos + i)
}

/// For the differential fuzz target `simd` and the tests: whether the
/// SIMD scan (where the target has one) finds what the scalar one finds in
/// `bytes`, from each of its first 48 positions and from a few further
/// ones, for both kinds of stop.
#[cfg(any(test, fuzzing))]
pub(crate) fn simd_agrees_with_scalar(bytes: &[u8]) -> bool {
    let far = [64, 100, 255, 511, 1000];
    (0..48.min(bytes.len() + 1))
        .chain(far.into_iter().filter(|&f| f <= bytes.len()))
        .all(|from| {
            [false, true].into_iter().all(|stop_non_ascii| {
                json_string_run(bytes, from, stop_non_ascii)
                    == json_string_run_scalar(bytes, from, stop_non_ascii)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_string_run_agrees_with_a_plain_search() {
        let hay: [u8; 300] = core::array::from_fn(|i| (i * 89 % 256) as u8);
        for stop_non_ascii in [false, true] {
            let stops =
                |b: u8| b == b'"' || b == b'\\' || b < 0x20 || (stop_non_ascii && b >= 0x80);
            for start in 0..40 {
                for end in [start, start + 1, start + 9, start + 17, 300] {
                    let h = &hay[..end];
                    let want = h[start..]
                        .iter()
                        .position(|&b| stops(b))
                        .map_or(end, |i| start + i);
                    assert_eq!(
                        json_string_run(h, start, stop_non_ascii),
                        want,
                        "{start} {end}"
                    );
                }
            }
        }
        // Long plain runs with one stop anywhere (the word-at-a-time path).
        for stop in [b'"', b'\\', 0x1F, 0x80] {
            for at in 0..64 {
                let mut plain = [b'a'; 64];
                plain[at] = stop;
                let want = if stop == 0x80 { 64 } else { at };
                assert_eq!(json_string_run(&plain, 0, false), want);
                assert_eq!(json_string_run(&plain, 0, true), at);
            }
        }
        // Every short length, one stop (or none) at every position, from
        // every start: the paths for inputs under 16 and 32 bytes.
        for len in 0..=40 {
            for at in 0..=len {
                let mut plain = [b'a'; 40];
                if let Some(b) = plain.get_mut(at) {
                    *b = b'"';
                }
                let plain = &plain[..len];
                for start in 0..=len + 1 {
                    let want = if start <= at { at } else { len.max(start) };
                    assert_eq!(
                        json_string_run(plain, start, true),
                        want,
                        "{len} {at} {start}"
                    );
                }
            }
        }
    }
    /// Every byte value at every position of a plain run, from every
    /// start: the SIMD scan (where there is one) and the scalar one give
    /// the first stop a plain search finds.
    #[test]
    fn every_byte_at_every_position() {
        for stop_non_ascii in [false, true] {
            let stops =
                |b: u8| b == b'"' || b == b'\\' || b < 0x20 || (stop_non_ascii && b >= 0x80);
            // Under Miri (an interpreter), every 29th value at every 7th
            // position.
            for b in (0..=255u8).step_by(if cfg!(miri) { 29 } else { 1 }) {
                for at in (0..50).step_by(if cfg!(miri) { 7 } else { 1 }) {
                    let mut run = [b'x'; 50];
                    run[at] = b;
                    for start in [0, 1, 3, 15, 16, 17] {
                        let want = run[start..]
                            .iter()
                            .position(|&c| stops(c))
                            .map_or(50, |i| start + i);
                        assert_eq!(json_string_run(&run, start, stop_non_ascii), want);
                        assert_eq!(json_string_run_scalar(&run, start, stop_non_ascii), want);
                    }
                }
            }
        }
    }
    /// The fuzz target's oracle holds on bytes of every value.
    #[test]
    fn the_differential_oracle_holds() {
        let data: [u8; 1100] = core::array::from_fn(|i| (i * 151 % 256) as u8);
        let plain: [u8; 1100] = core::array::from_fn(|i| b'a' + (i % 26) as u8);
        for len in (0..=1100).step_by(if cfg!(miri) { 367 } else { 7 }) {
            assert!(simd_agrees_with_scalar(&data[..len]), "{len}");
            assert!(simd_agrees_with_scalar(&plain[..len]), "{len}");
        }
    }
}
