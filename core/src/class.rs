//! Byte classes as 256-entry tables built at compile time.
//!
//! Each table is generated from a pattern by [`byte_map!`], with the grammar
//! it encodes quoted above it, so a lookup costs one load and no branches.

/// Builds a `[bool; 256]` that is `true` for every byte matching the pattern.
macro_rules! byte_map {
    ($($pattern:pat_param)|+) => {{
        // Runs at compile time; `i` stays below 256.
        #[allow(clippy::indexing_slicing)]
        let map = {
        let mut map = [false; 256];
        let mut i = 0usize;
        while i < 256 {
            map[i] = matches!(i as u8, $($pattern)|+);
            i += 1;
        }
        map
        };
        map
    }};
}

/// Looks a byte up in a table. A `u8` cannot index past 256 entries.
#[inline(always)]
#[allow(clippy::indexing_slicing)]
pub(crate) const fn is(table: &[bool; 256], byte: u8) -> bool {
    table[byte as usize]
}

/// RFC 7230 section 3.2.6:
///
/// ```text
/// token = 1*tchar
/// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
///         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
/// ```
pub(crate) static TCHAR: [bool; 256] = byte_map!(
    b'!' | b'#'
        | b'$'
        | b'%'
        | b'&'
        | b'\''
        | b'*'
        | b'+'
        | b'-'
        | b'.'
        | b'^'
        | b'_'
        | b'`'
        | b'|'
        | b'~'
        | b'0'..=b'9'
        | b'a'..=b'z'
        | b'A'..=b'Z'
);

/// RFC 6265 section 4.1.1:
///
/// ```text
/// cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
///                ; US-ASCII characters excluding CTLs, whitespace,
///                ; DQUOTE, comma, semicolon, and backslash
/// ```
pub(crate) static COOKIE_OCTET: [bool; 256] =
    byte_map!(0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);

/// RFC 6265 section 4.1.1: `path-value = <any CHAR except CTLs or ";">`,
/// where CHAR is `%x01-7F` (RFC 5234) and CTL is `%x00-1F / %x7F`.
pub(crate) static PATH_OCTET: [bool; 256] = byte_map!(0x20..=0x3A | 0x3C..=0x7E);

/// RFC 6265 section 5.1.1:
///
/// ```text
/// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
/// ```
pub(crate) static DATE_DELIMITER: [bool; 256] =
    byte_map!(0x09 | 0x20..=0x2F | 0x3B..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E);

/// The bytes `encodeURIComponent` leaves alone, ECMA-262 `uriUnreserved`:
/// `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub(crate) static URI_COMPONENT_SAFE: [bool; 256] = byte_map!(
    b'A'..=b'Z'
        | b'a'..=b'z'
        | b'0'..=b'9'
        | b'-'
        | b'_'
        | b'.'
        | b'!'
        | b'~'
        | b'*'
        | b'\''
        | b'('
        | b')'
);

/// Bytes a cookie value may carry unencoded and still survive a
/// percent-decode unchanged: printable ASCII except `"`, `,`, `;`, `\` and
/// `%` (the set npm `cookie` 1.x and 2.x leave alone when serializing).
pub(crate) static COOKIE_ROUNDTRIP_SAFE: [bool; 256] =
    byte_map!(0x21 | 0x23..=0x24 | 0x26..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);

/// RFC 6265bis section 5.6: the control characters (CTL minus HTAB) that
/// make a user agent ignore a whole `Set-Cookie` header.
#[inline(always)]
pub(crate) const fn is_cookie_ctl(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7F
}

/// Space and horizontal tab, the whitespace cookie grammars trim.
#[inline(always)]
pub(crate) const fn is_wsp(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t')
}

/// `bytes` without leading and trailing spaces and tabs.
pub(crate) fn trim_wsp(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_wsp(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_wsp(b))
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or(&[])
}

/// Looks a byte up in a 256-entry value table. A `u8` cannot index past
/// 256 entries.
#[inline(always)]
#[allow(clippy::indexing_slicing)]
pub(crate) const fn lookup(table: &[u8; 256], byte: u8) -> u8 {
    table[byte as usize]
}

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
    let mut total = 0;
    let mut pos = 0;
    while let Some(word) = word_at(haystack, pos) {
        // One bit per matching byte, moved to the bottom of its byte and
        // summed into the top byte by a multiply (no popcount needed).
        let ones = bytes_equal_exact(word, needle) >> 7;
        total += (ones.wrapping_mul(ONES) >> 56) as usize;
        pos += 8;
    }
    total
        + haystack
            .get(pos..)
            .map_or(0, |rest| rest.iter().filter(|&&b| b == needle).count())
}

/// Position of the first byte of `haystack` equal to `a` or `b`.
#[inline]
pub(crate) fn find_either(haystack: &[u8], a: u8, b: u8) -> Option<usize> {
    let mut pos = 0;
    while let Some(word) = word_at(haystack, pos) {
        let mark = bytes_equal(word, a) | bytes_equal(word, b);
        if mark != 0 {
            return Some(pos + first_marked(mark));
        }
        pos += 8;
    }
    haystack
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&c| c == a || c == b))
        .map(|i| pos + i)
}

/// Index of the byte a non-zero SWAR mark points at.
#[inline(always)]
pub(crate) const fn first_marked(mark: u64) -> usize {
    (mark.trailing_zeros() / 8) as usize
}

/// Index of the first byte of `bytes`, from `from` on, that a JSON string
/// cannot hold as it is: `"`, `\`, a control character, and with
/// `stop_non_ascii` any byte of 0x80 and above (which the reader checks as
/// UTF-8); `bytes.len()` when there is none. Eight bytes at a time: the
/// JSON reader, its flat fast path and the writer all run through it.
#[inline(always)]
pub(crate) fn json_string_run(bytes: &[u8], from: usize, stop_non_ascii: bool) -> usize {
    let mut pos = from;
    let high = if stop_non_ascii { HIGHS } else { 0 };
    while let Some(word) = word_at(bytes, pos) {
        let stop = bytes_equal(word, b'"')
            | bytes_equal(word, b'\\')
            | bytes_below(word, 0x20)
            | (word & high);
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

/// The value of a hexadecimal digit, either case.
pub(crate) const fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Position of the first `needle` in `haystack`, eight bytes at a time.
#[inline]
pub(crate) fn find(haystack: &[u8], needle: u8) -> Option<usize> {
    let mut pos = 0;
    while let Some(word) = word_at(haystack, pos) {
        let mark = bytes_equal(word, needle);
        if mark != 0 {
            return Some(pos + first_marked(mark));
        }
        pos += 8;
    }
    haystack
        .get(pos..)
        .and_then(|rest| rest.iter().position(|&b| b == needle))
        .map(|i| pos + i)
}

/// Position of the last `needle` in `haystack`, eight bytes at a time from
/// the end (the exact marks: the usual ones are exact only for the first
/// byte they mark).
#[inline]
pub(crate) fn rfind(haystack: &[u8], needle: u8) -> Option<usize> {
    let mut end = haystack.len();
    while let Some(start) = end.checked_sub(8) {
        if let Some(word) = word_at(haystack, start) {
            let mark = bytes_equal_exact(word, needle);
            if mark != 0 {
                return Some(start + (63 - mark.leading_zeros() as usize) / 8);
            }
        }
        end = start;
    }
    haystack
        .get(..end)
        .and_then(|head| head.iter().rposition(|&b| b == needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_their_grammar() {
        let tchar =
            b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for b in 0..=255u8 {
            assert_eq!(is(&TCHAR, b), tchar.contains(&b), "tchar {b:#x}");
            // RFC 6265 section 4.1.1: US-ASCII characters excluding CTLs,
            // whitespace, DQUOTE, comma, semicolon and backslash.
            let octet = b.is_ascii_graphic() && !b"\",;\\".contains(&b);
            assert_eq!(is(&COOKIE_OCTET, b), octet, "cookie-octet {b:#x}");
            assert_eq!(
                is(&COOKIE_ROUNDTRIP_SAFE, b),
                octet && b != b'%',
                "roundtrip {b:#x}"
            );
            assert_eq!(
                is(&PATH_OCTET, b),
                (0x20..0x7F).contains(&b) && b != b';',
                "path {b:#x}"
            );
        }
    }

    #[test]
    fn swar_find_agrees_with_a_plain_search() {
        let hay: [u8; 200] = core::array::from_fn(|i| (i * 37 % 251) as u8);
        for needle in 0..=255u8 {
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
    }

    #[test]
    fn swar_count_and_find_either() {
        let hay: [u8; 300] = core::array::from_fn(|i| (i * 131 % 256) as u8);
        for needle in 0..=255u8 {
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
    fn trims_spaces_and_tabs_only() {
        assert_eq!(trim_wsp(b" \ta b\t "), b"a b");
        assert_eq!(trim_wsp(b"   "), b"");
        assert_eq!(trim_wsp(b""), b"");
        assert_eq!(trim_wsp(b"\r x \n"), b"\r x \n");
    }
}
