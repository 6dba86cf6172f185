//! Byte search eight bytes at a time (sixteen where the target has
//! vectors: the SIMD module's SSE2 and NEON kernels).
//!
//! SWAR ("SIMD within a register"): a word of eight input bytes is tested
//! against a byte with a few integer operations, and the lowest marked byte
//! is found with one `trailing_zeros`. Every helper agrees with the plain
//! one-byte-at-a-time search (the tests below check it), and the tail
//! shorter than a word goes through that plain search.

use crate::simd;

/// Eight bytes at `pos`, little-endian, when there are eight.
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], pos: usize) -> Option<u64> {
    let chunk = bytes.get(pos..pos.checked_add(8)?)?;
    <[u8; 8]>::try_from(chunk).ok().map(u64::from_le_bytes)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// SWAR ("SIMD within a register"): a word whose lowest set high bit marks
/// the first byte of `x` below `n` (n at most 0x80). Bits above the first
/// hit may be spurious; only the lowest one is exact.
#[inline(always)]
pub(crate) const fn bytes_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES.wrapping_mul(n as u64)) & !x & HIGHS
}

/// SWAR: marks the first byte of `x` equal to `b` (see [`bytes_below`]).
#[inline(always)]
pub(crate) const fn bytes_equal(x: u64, b: u8) -> u64 {
    bytes_below(x ^ ONES.wrapping_mul(b as u64), 1)
}

/// SWAR, exact in every byte (no borrow between bytes): the high bit of each
/// byte of `x` equal to `b`, for counting.
#[inline(always)]
pub(crate) const fn bytes_equal_exact(x: u64, b: u8) -> u64 {
    let v = x ^ ONES.wrapping_mul(b as u64);
    let low7 = !HIGHS;
    !(((v & low7).wrapping_add(low7)) | v | low7)
}

/// How many bytes of `haystack` equal `needle`, eight at a time.
pub(crate) fn count(haystack: &[u8], needle: u8) -> usize {
    let (words, tail) = haystack.as_chunks::<8>();
    let mut total = 0;
    for word in words {
        // One bit per matching byte, moved to the bottom of its byte and
        // summed into the top byte by a multiply (no popcount needed).
        let ones = bytes_equal_exact(u64::from_le_bytes(*word), needle) >> 7;
        total += (ones.wrapping_mul(ONES) >> 56) as usize;
    }
    total + tail.iter().filter(|&&b| b == needle).count()
}

/// Position of the first byte of `haystack` equal to `a` or `b`.
#[inline]
pub(crate) fn find_either(haystack: &[u8], a: u8, b: u8) -> Option<usize> {
    let (words, tail) = haystack.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let word = u64::from_le_bytes(*word);
        let mark = bytes_equal(word, a) | bytes_equal(word, b);
        if mark != 0 {
            return Some(i * 8 + first_marked(mark));
        }
    }
    let at = words.len() * 8;
    tail.iter().position(|&c| c == a || c == b).map(|i| at + i)
}

/// Index of the byte a non-zero SWAR mark points at.
#[inline(always)]
pub(crate) const fn first_marked(mark: u64) -> usize {
    (mark.trailing_zeros() / 8) as usize
}

/// SWAR: the high bit of each byte of `x` that is 0x80 or above (exact in
/// every byte).
#[inline(always)]
pub(crate) const fn bytes_non_ascii(x: u64) -> u64 {
    x & HIGHS
}

/// Position of the first `needle` in `haystack`: sixteen bytes at a time
/// where the target has vectors, then eight at a time.
#[inline]
pub(crate) fn find(haystack: &[u8], needle: u8) -> Option<usize> {
    let (at, found) = simd::find_byte(haystack, needle);
    if found {
        return Some(at);
    }
    let (_, rest) = haystack.split_at_checked(at)?;
    find_swar(rest, needle).map(|i| at + i)
}

/// [`find`] eight bytes at a time (the tail the vectors leave, and all of
/// it where there are none).
#[inline(always)]
fn find_swar(haystack: &[u8], needle: u8) -> Option<usize> {
    let (words, tail) = haystack.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        let mark = bytes_equal(u64::from_le_bytes(*word), needle);
        if mark != 0 {
            return Some(i * 8 + first_marked(mark));
        }
    }
    let at = words.len() * 8;
    tail.iter().position(|&b| b == needle).map(|i| at + i)
}

/// Position of the last `needle` in `haystack`, eight bytes at a time from
/// the end (the exact marks: the usual ones are exact only for the first
/// byte they mark).
#[inline]
pub(crate) fn rfind(haystack: &[u8], needle: u8) -> Option<usize> {
    // Sixteen bytes at a time from the end where the target has vectors.
    let (head, found) = simd::rfind_byte(haystack, needle);
    if found {
        return Some(head);
    }
    rfind_swar(haystack.get(..head)?, needle)
}

/// [`rfind`] eight bytes at a time (the head the vectors leave, and all
/// of it where there are none).
#[inline(always)]
fn rfind_swar(haystack: &[u8], needle: u8) -> Option<usize> {
    // Words aligned to the end, and the head (0 to 7 bytes) before them.
    let (head, words) = haystack.as_rchunks::<8>();
    for (i, word) in words.iter().enumerate().rev() {
        let mark = bytes_equal_exact(u64::from_le_bytes(*word), needle);
        if mark != 0 {
            return Some(head.len() + i * 8 + (63 - mark.leading_zeros() as usize) / 8);
        }
    }
    head.iter().rposition(|&b| b == needle)
}

/// `haystack` split around its first `needle`: the bytes before it and
/// the bytes after it, or `None` when there is none.
#[inline]
pub(crate) fn split_once(haystack: &[u8], needle: u8) -> Option<(&[u8], &[u8])> {
    let (head, tail) = haystack.split_at_checked(find(haystack, needle)?)?;
    let (_, rest) = tail.split_first()?;
    Some((head, rest))
}

/// `haystack` split around its last `needle`, or `None` when there is none.
#[inline]
pub(crate) fn rsplit_once(haystack: &[u8], needle: u8) -> Option<(&[u8], &[u8])> {
    let (head, tail) = haystack.split_at_checked(rfind(haystack, needle)?)?;
    let (_, rest) = tail.split_first()?;
    Some((head, rest))
}

/// `haystack` split around its first `a` or `b`: the bytes before, the one
/// found and the bytes after, or `None` when there is neither.
#[inline]
pub(crate) fn split_once_either(haystack: &[u8], a: u8, b: u8) -> Option<(&[u8], u8, &[u8])> {
    let (head, tail) = haystack.split_at_checked(find_either(haystack, a, b)?)?;
    let (&found, rest) = tail.split_first()?;
    Some((head, found, rest))
}

/// For the differential fuzz target `simd` and the tests: whether the
/// vector search (where the target has one) finds what the word search
/// finds in `haystack`, first and last, for its first byte, a dot and a
/// byte it may not hold.
#[cfg(any(test, fuzzing))]
pub(crate) fn simd_agrees_with_scalar(haystack: &[u8]) -> bool {
    let first = haystack.first().copied().unwrap_or(0);
    [first, b'.', 0xFE].into_iter().all(|needle| {
        find(haystack, needle) == find_swar(haystack, needle)
            && rfind(haystack, needle) == rfind_swar(haystack, needle)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Under Miri (an interpreter) the loops over every byte value take
    /// every 29th.
    const MIRI_STRIDE: usize = if cfg!(miri) { 29 } else { 1 };

    #[test]
    fn swar_find_agrees_with_a_plain_search() {
        let hay: [u8; 200] = core::array::from_fn(|i| (i * 37 % 251) as u8);
        for needle in (0..=255u8).step_by(MIRI_STRIDE) {
            for start in 0..20 {
                let h = &hay[start..];
                assert_eq!(
                    find(h, needle),
                    h.iter().position(|&b| b == needle),
                    "{needle} {start}"
                );
                for end in [start, start + 1, start + 7, start + 8, start + 9, 200] {
                    let h = &hay[start..end];
                    assert_eq!(
                        rfind(h, needle),
                        h.iter().rposition(|&b| b == needle),
                        "{needle} {start}..{end}"
                    );
                }
            }
        }
        // A needle next to bytes that borrow in the inexact marks (a byte
        // equal to the needle plus one sits above it).
        for at in 0..16 {
            let mut hay = [b'/'; 16];
            hay[at] = b'.';
            assert_eq!(rfind(&hay, b'.'), Some(at));
            hay[(at + 1) % 16] = b'.';
            assert_eq!(rfind(&hay, b'.'), Some(at.max((at + 1) % 16)));
        }
        for n in [1u8, 0x20, 0x80] {
            for b in 0..=255u8 {
                // 0xFF is never below n, so only `b` can be marked.
                let word = u64::from_le_bytes([0xFF, 0xFF, b, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
                let mark = bytes_below(word, n);
                assert_eq!(mark != 0, b < n, "{b:#x} < {n:#x}");
                if b < n {
                    assert_eq!(first_marked(mark), 2);
                }
            }
        }
    }

    /// The fuzz target's oracle holds on bytes of every value.
    #[test]
    fn the_differential_oracle_holds() {
        let data: [u8; 300] = core::array::from_fn(|i| (i * 151 % 256) as u8);
        for len in (0..=300).step_by(MIRI_STRIDE) {
            assert!(simd_agrees_with_scalar(&data[..len]), "{len}");
            assert!(simd_agrees_with_scalar(&data[300 - len..]), "{len}");
        }
    }

    #[test]
    fn swar_count_and_find_either() {
        let hay: [u8; 300] = core::array::from_fn(|i| (i * 131 % 256) as u8);
        for needle in (0..=255u8).step_by(MIRI_STRIDE) {
            for start in [0usize, 1, 5, 13] {
                let h = &hay[start..];
                assert_eq!(count(h, needle), h.iter().filter(|&&b| b == needle).count());
                let other = needle.wrapping_add(77);
                assert_eq!(
                    find_either(h, needle, other),
                    h.iter().position(|&b| b == needle || b == other)
                );
            }
        }
    }

    #[test]
    fn splits_around_the_byte_found() {
        assert_eq!(split_once(b"a=b=c", b'='), Some((&b"a"[..], &b"b=c"[..])));
        assert_eq!(rsplit_once(b"a.b.c", b'.'), Some((&b"a.b"[..], &b"c"[..])));
        assert_eq!(split_once(b"=", b'='), Some((&b""[..], &b""[..])));
        assert_eq!(rsplit_once(b"abc.", b'.'), Some((&b"abc"[..], &b""[..])));
        assert_eq!(split_once(b"abc", b'='), None);
        assert_eq!(rsplit_once(b"", b'.'), None);
        assert_eq!(
            split_once_either(b"ab;c=d", b'=', b';'),
            Some((&b"ab"[..], b';', &b"c=d"[..]))
        );
        assert_eq!(
            split_once_either(b"abcdefghij=", b'=', b';'),
            Some((&b"abcdefghij"[..], b'=', &b""[..]))
        );
        assert_eq!(split_once_either(b"abc", b'=', b';'), None);
    }
}
