//! Byte tables: 256-entry tables built at compile time, and the byte-class
//! predicates the grammars share.
//!
//! Each class table is generated from a pattern by [`byte_map!`], with the
//! grammar it encodes quoted above it, so a lookup costs one load and no
//! branches. Value tables (base64's decode tables) are read with
//! [`lookup`].

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

/// Looks a byte up in a 256-entry value table. A `u8` cannot index past
/// 256 entries.
#[inline(always)]
#[allow(clippy::indexing_slicing)]
pub(crate) const fn lookup(table: &[u8; 256], byte: u8) -> u8 {
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

/// RFC 6749 appendix A `NQCHAR`: printable ASCII except `"` and `\`, the
/// bytes of an OAuth scope token and of RFC 6750's challenge parameters.
#[inline(always)]
pub(crate) const fn is_nqchar(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// RFC 6749 section 3.3: `scope-token = 1*NQCHAR`.
pub(crate) fn is_scope_token(token: &[u8]) -> bool {
    !token.is_empty() && token.iter().all(|&b| is_nqchar(b))
}

/// Space and horizontal tab, the whitespace cookie grammars trim.
#[inline(always)]
pub(crate) const fn is_wsp(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t')
}

/// `bytes` without leading and trailing spaces and tabs.
pub(crate) fn trim_wsp(bytes: &[u8]) -> &[u8] {
    trim_matching(bytes, is_wsp)
}

/// `bytes` without the bytes `is` holds for at either end: shrunk from
/// both ends (less code than two searches and a slice). Inlined into each
/// trimmer, so that each is the loop it was.
#[inline(always)]
pub(crate) fn trim_matching(mut bytes: &[u8], is: impl Fn(u8) -> bool) -> &[u8] {
    while let [first, rest @ ..] = bytes
        && is(*first)
    {
        bytes = rest;
    }
    while let [rest @ .., last] = bytes
        && is(*last)
    {
        bytes = rest;
    }
    bytes
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
    fn trims_spaces_and_tabs_only() {
        assert_eq!(trim_wsp(b" \ta b\t "), b"a b");
        assert_eq!(trim_wsp(b"   "), b"");
        assert_eq!(trim_wsp(b""), b"");
        assert_eq!(trim_wsp(b"\r x \n"), b"\r x \n");
    }
}
