//! Percent-decoding and -encoding with JavaScript's exact semantics.
//!
//! Cookie values and form bodies on the web are written by
//! `encodeURIComponent` and read by `decodeURIComponent` far more often than
//! by anything an RFC describes, so these functions follow ECMA-262 to the
//! byte: [`decode`] refuses a `%` without two hex digits and escaped bytes
//! that are not UTF-8, and [`encode`] escapes everything but
//! `A-Z a-z 0-9 - _ . ! ~ * ' ( )`, in upper-case hex.
//!
//! [`decode_cookie_value`] and [`encode_cookie_value`] are the forgiving
//! defaults of npm `cookie` built on top of them.

use crate::Error;
use crate::out::Out;
use crate::tables::{COOKIE_ROUNDTRIP_SAFE, URI_COMPONENT_SAFE, hex_value, is};

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Reads `%XX` at the start of `bytes`: the byte, and what follows.
fn escaped_byte(bytes: &[u8]) -> Result<(u8, &[u8]), Error> {
    match bytes {
        [b'%', hi, lo, rest @ ..] => match (hex_value(*hi), hex_value(*lo)) {
            (Some(hi), Some(lo)) => Ok((hi << 4 | lo, rest)),
            _ => Err(Error::InvalidPercentEncoding),
        },
        _ => Err(Error::InvalidPercentEncoding),
    }
}

/// Decodes `input` into `out` the way `decodeURIComponent` does and returns
/// the decoded length.
///
/// Every `%XX` becomes its byte; other bytes are copied as they are. A byte
/// of `0x80` or more that was escaped must start a UTF-8 sequence whose
/// continuation bytes are escaped too, and the sequence must be valid UTF-8
/// (no overlong forms, no surrogates, nothing above U+10FFFF).
///
/// # Errors
///
/// - [`Error::InvalidPercentEncoding`]: a `%` without two hex digits.
/// - [`Error::InvalidUtf8`]: escaped bytes that are not UTF-8.
/// - [`Error::BufferTooSmall`]: `out` is shorter than the result.
///
/// On error `out` holds nothing of the result.
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 16];
/// let n = jeton::percent::decode(b"caf%C3%A9%20au%20lait", &mut buf)?;
/// assert_eq!(&buf[..n], "café au lait".as_bytes());
/// assert_eq!(
///     jeton::percent::decode(b"100%", &mut buf),
///     Err(jeton::Error::InvalidPercentEncoding)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn decode(input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    let mut rest = input;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte != b'%' {
            out.push(byte);
            rest = tail;
            continue;
        }
        let lead = match escaped_byte(rest) {
            Ok((b, after)) => {
                rest = after;
                b
            }
            Err(e) => return out.fail(e),
        };
        if lead < 0x80 {
            out.push(lead);
            continue;
        }
        let width = match lead.leading_ones() {
            2 => 2,
            3 => 3,
            4 => 4,
            _ => return out.fail(Error::InvalidUtf8),
        };
        let mut seq = [lead, 0, 0, 0];
        let Some((seq, _)) = seq.split_at_mut_checked(width) else {
            return out.fail(Error::InvalidUtf8);
        };
        for slot in seq.iter_mut().skip(1) {
            let b = match escaped_byte(rest) {
                Ok((b, after)) => {
                    rest = after;
                    b
                }
                // A malformed escape is reported as such...
                Err(e) if rest.first() == Some(&b'%') => return out.fail(e),
                // ...while a lead byte whose continuation bytes are not
                // escaped (or not there) is not UTF-8: JavaScript throws a
                // URIError for both.
                Err(_) => return out.fail(Error::InvalidUtf8),
            };
            *slot = b;
        }
        if core::str::from_utf8(seq).is_err() {
            return out.fail(Error::InvalidUtf8);
        }
        out.put(seq);
    }
    out.finish()
}

/// Encodes `input` into `out` the way `encodeURIComponent` does and returns
/// the encoded length: `A-Z a-z 0-9 - _ . ! ~ * ' ( )` stay, every other
/// byte becomes `%XX` in upper-case hex.
///
/// For UTF-8 input the result is byte-identical to JavaScript's. Bytes that
/// are not UTF-8 are escaped one by one (JavaScript strings cannot hold
/// them); like JavaScript's, [`decode`] refuses to give those back.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `out` is shorter than the result.
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 32];
/// let n = jeton::percent::encode("a b&c=é".as_bytes(), &mut buf)?;
/// assert_eq!(&buf[..n], b"a%20b%26c%3D%C3%A9");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode(input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    encode_into(input, &mut out);
    out.finish()
}

/// [`encode`] into an existing writer.
pub(crate) fn encode_into(input: &[u8], out: &mut Out<'_>) {
    for &byte in input {
        if is(&URI_COMPONENT_SAFE, byte) {
            out.push(byte);
        } else {
            out.push(b'%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0F));
        }
    }
}

fn hex_digit(nibble: u8) -> u8 {
    HEX_UPPER
        .get(usize::from(nibble & 0x0F))
        .copied()
        .unwrap_or(b'0')
}

/// Length of [`encode`]'s output for `input`.
pub(crate) fn encoded_len(input: &[u8]) -> usize {
    input.iter().fold(0usize, |n, &b| {
        n.saturating_add(if is(&URI_COMPONENT_SAFE, b) { 1 } else { 3 })
    })
}

/// `true` when npm `cookie` would send `value` as it is: every byte is a
/// cookie-octet other than `%`, so decoding gives it back unchanged.
pub(crate) fn is_cookie_roundtrip_safe(value: &[u8]) -> bool {
    value.iter().all(|&b| is(&COOKIE_ROUNDTRIP_SAFE, b))
}

/// Decodes a cookie value the way npm `cookie`'s default `decode` does:
/// a value without `%` is copied as it is; otherwise it is
/// [`decode`]d, and a value that fails to decode is copied unchanged
/// rather than rejected.
///
/// # Errors
///
/// Only [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// use jeton::percent::decode_cookie_value;
///
/// let mut buf = [0u8; 16];
/// let n = decode_cookie_value(b"a%2Cb", &mut buf)?;
/// assert_eq!(&buf[..n], b"a,b");
/// let n = decode_cookie_value(b"100%", &mut buf)?; // malformed: kept as is
/// assert_eq!(&buf[..n], b"100%");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn decode_cookie_value(value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if value.contains(&b'%') {
        match decode(value, out) {
            Err(Error::InvalidPercentEncoding | Error::InvalidUtf8) => {}
            result => return result,
        }
    }
    let mut out = Out::new(out);
    out.put(value);
    out.finish()
}

/// Encodes a cookie value the way npm `cookie` 1.x and 2.x do by default:
/// a value made only of cookie-octets other than `%` is copied as it is,
/// anything else is [`encode`]d as a whole.
///
/// # Errors
///
/// Only [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// use jeton::percent::encode_cookie_value;
///
/// let mut buf = [0u8; 32];
/// let n = encode_cookie_value(b"abc/def", &mut buf)?;
/// assert_eq!(&buf[..n], b"abc/def");
/// let n = encode_cookie_value(b"a b/c", &mut buf)?;
/// assert_eq!(&buf[..n], b"a%20b%2Fc");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode_cookie_value(value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    encode_cookie_value_into(value, &mut out);
    out.finish()
}

/// [`encode_cookie_value`] into an existing writer.
pub(crate) fn encode_cookie_value_into(value: &[u8], out: &mut Out<'_>) {
    if is_cookie_roundtrip_safe(value) {
        out.put(value);
    } else {
        encode_into(value, out);
    }
}

/// Length of [`encode_cookie_value`]'s output for `value`.
pub(crate) fn encoded_cookie_value_len(value: &[u8]) -> usize {
    if is_cookie_roundtrip_safe(value) {
        value.len()
    } else {
        encoded_len(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::{Bytes, bytes};

    fn dec(input: &[u8]) -> Result<Bytes, Error> {
        let mut buf = [0u8; 64];
        decode(input, &mut buf).map(|n| bytes(&buf[..n]))
    }

    #[test]
    fn decodes_like_decode_uri_component() {
        assert_eq!(dec(b"").unwrap(), b"");
        assert_eq!(dec(b"%41%6a+").unwrap(), b"Aj+");
        assert_eq!(dec(b"%e2%82%AC").unwrap(), "€".as_bytes());
        assert_eq!(dec(b"%F0%9F%98%80").unwrap(), "😀".as_bytes());
        // Raw bytes pass through untouched, escaped or not around them.
        assert_eq!(dec("é%20".as_bytes()).unwrap(), "é ".as_bytes());
        assert_eq!(dec(b"%"), Err(Error::InvalidPercentEncoding));
        assert_eq!(dec(b"%4"), Err(Error::InvalidPercentEncoding));
        assert_eq!(dec(b"%4g"), Err(Error::InvalidPercentEncoding));
        assert_eq!(dec(b"%C3"), Err(Error::InvalidUtf8));
        assert_eq!(dec("%C3©".as_bytes()), Err(Error::InvalidUtf8));
        assert_eq!(dec(b"%80"), Err(Error::InvalidUtf8));
        assert_eq!(dec(b"%C0%80"), Err(Error::InvalidUtf8)); // overlong
        assert_eq!(dec(b"%ED%A0%80"), Err(Error::InvalidUtf8)); // surrogate
        assert_eq!(dec(b"%F4%90%80%80"), Err(Error::InvalidUtf8)); // > U+10FFFF
        assert_eq!(dec(b"%F8%80%80%80%80"), Err(Error::InvalidUtf8));
        assert_eq!(dec(b"%C3%28"), Err(Error::InvalidUtf8));
        assert_eq!(dec(b"%C3%zz"), Err(Error::InvalidPercentEncoding));
        assert_eq!(dec(b"%C3%A"), Err(Error::InvalidPercentEncoding));
    }

    #[test]
    fn decode_error_leaves_nothing_behind() {
        let mut buf = [0xAAu8; 8];
        assert_eq!(
            decode(b"abc%zz", &mut buf),
            Err(Error::InvalidPercentEncoding)
        );
        assert_eq!(&buf[..3], &[0, 0, 0]);
        let mut small = [0u8; 2];
        assert_eq!(
            decode(b"a%20b", &mut small),
            Err(Error::BufferTooSmall { needed: 3 })
        );
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        let mut buf = [0u8; 128];
        let n = encode(b"AZaz09-_.!~*'()", &mut buf).unwrap();
        assert_eq!(&buf[..n], b"AZaz09-_.!~*'()");
        let n = encode(b" \"#$%&+,/:;<=>?@[\\]^`{|}", &mut buf).unwrap();
        assert_eq!(
            &buf[..n],
            &b"%20%22%23%24%25%26%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D"[..]
        );
        assert_eq!(encoded_len(b" a"), 4);
    }
}
