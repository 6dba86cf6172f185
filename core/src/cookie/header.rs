//! The `Cookie` request header: `Cookie: a=1; b="2"`.
//!
//! Reading is lenient by default and matches npm `cookie`'s `parse` (the
//! reference most servers are measured against) on every header:
//!
//! - the header is split on `;`; each piece is split at its first `=`;
//! - spaces and tabs around names and values are trimmed;
//! - a piece without `=` is skipped; a pair with an empty name is kept;
//! - every pair is yielded in order, duplicates included, and
//!   [`CookieHeader::get`] returns the first, as npm `cookie` keeps the
//!   first;
//! - a header shorter than two bytes holds no pair (npm `cookie` returns
//!   early on those, so `"="` yields nothing while `";="` yields one empty
//!   pair);
//! - values are raw bytes: surrounding double quotes are kept
//!   ([`CookiePair::value`], as npm `cookie` 1.x and 2.x do) and can be
//!   removed with [`CookiePair::value_unquoted`] (as npm `cookie` 0.7 and
//!   cookie-rs's `value_trimmed` do); percent-decoding is an explicit call.
//!
//! [`CookieHeader::check_strict`] then tells whether the header also follows
//! the RFC 6265 section 4.2.1 grammar and, if not, where it first departs.

use crate::search::{count, split_once, split_once_either};
use crate::tables::{COOKIE_OCTET, TCHAR, is, is_wsp, trim_wsp};
use crate::{Error, percent};

/// Caller-set bounds on a `Cookie` header, checked before any pair is read.
///
/// ```
/// use jeton::cookie::{CookieHeader, CookieLimits};
///
/// let limits = CookieLimits { max_header_len: 16, max_pairs: 2 };
/// assert!(CookieHeader::parse_with_limits(b"a=1; b=2", limits).is_ok());
/// assert_eq!(
///     CookieHeader::parse_with_limits(b"a=1; b=2; c=3", limits).err(),
///     Some(jeton::Error::TooManyItems)
/// );
/// assert_eq!(
///     CookieHeader::parse_with_limits(b"session=0123456789", limits).err(),
///     Some(jeton::Error::InputTooLong)
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookieLimits {
    /// Longest header accepted, in bytes.
    pub max_header_len: usize,
    /// Most `;`-separated pieces accepted, empty and `=`-less ones included.
    pub max_pairs: usize,
}

impl CookieLimits {
    /// 8 KiB (the header size most servers accept) and 180 pairs (the most
    /// cookies per domain a browser keeps).
    pub const DEFAULT: CookieLimits = CookieLimits {
        max_header_len: 8192,
        max_pairs: 180,
    };
}

impl Default for CookieLimits {
    fn default() -> Self {
        CookieLimits::DEFAULT
    }
}

/// A `Cookie` request header, checked against its limits and read lazily.
///
/// Parsing does no work beyond the limit checks; every lookup walks the
/// borrowed bytes again, so the type is `Copy` and costs nothing to keep.
///
/// ```
/// use jeton::cookie::CookieHeader;
///
/// let header = CookieHeader::parse("lang=en; theme=\"dark\"; lang=fr")?;
/// let names: Vec<&[u8]> = header.iter().map(|c| c.name()).collect();
/// assert_eq!(names, [&b"lang"[..], b"theme", b"lang"]);
/// assert_eq!(header.get("lang").unwrap().value(), b"en");
/// assert_eq!(header.get("theme").unwrap().value(), b"\"dark\"");
/// assert_eq!(header.get("theme").unwrap().value_unquoted(), b"dark");
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookieHeader<'a> {
    bytes: &'a [u8],
}

/// Where and how a `Cookie` header first departs from RFC 6265 section
/// 4.2.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookieViolation {
    /// What is wrong: one of the `Error::Cookie*` header variants.
    pub error: Error,
    /// Byte offset of the offending byte (or of the pair it belongs to).
    pub offset: usize,
}

impl<'a> CookieHeader<'a> {
    /// Reads a `Cookie` header value (without the `Cookie:` name) under
    /// [`CookieLimits::DEFAULT`].
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLong`] or [`Error::TooManyItems`] when the header
    /// exceeds the limits. Syntax is never an error here; see
    /// [`CookieHeader::check_strict`].
    ///
    /// # Example
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a=1")?;
    /// assert_eq!(header.iter().count(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn parse<H: AsRef<[u8]> + ?Sized>(header: &'a H) -> Result<Self, Error> {
        Self::parse_with_limits(header, CookieLimits::DEFAULT)
    }

    /// Reads a `Cookie` header value under the caller's limits.
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLong`] when the header is longer than
    /// `max_header_len`, [`Error::TooManyItems`] when it has more than
    /// `max_pairs` `;`-separated pieces.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::cookie::{CookieHeader, CookieLimits};
    /// let limits = CookieLimits { max_header_len: 4096, max_pairs: 50 };
    /// let header = CookieHeader::parse_with_limits(b"a=1; b=2", limits)?;
    /// assert_eq!(header.iter().count(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn parse_with_limits<H: AsRef<[u8]> + ?Sized>(
        header: &'a H,
        limits: CookieLimits,
    ) -> Result<Self, Error> {
        let bytes = header.as_ref();
        if bytes.len() > limits.max_header_len {
            return Err(Error::InputTooLong);
        }
        // n bytes hold at most n + 1 pieces: only count when that could
        // exceed the limit.
        if bytes.len() >= limits.max_pairs {
            let pieces = count(bytes, b';') + 1;
            if pieces > limits.max_pairs {
                return Err(Error::TooManyItems);
            }
        }
        Ok(CookieHeader { bytes })
    }

    /// The header bytes this view reads.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"SID=31d4d96e407aad42; lang=en-US")?;
    /// assert_eq!(header.as_bytes(), b"SID=31d4d96e407aad42; lang=en-US");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Every cookie pair in order, duplicates included.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a=1;;b ; c = 3 ;=4")?;
    /// let pairs: Vec<(&[u8], &[u8])> = header.iter().map(|c| (c.name(), c.value())).collect();
    /// assert_eq!(pairs, [(&b"a"[..], &b"1"[..]), (b"c", b"3"), (b"", b"4")]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn iter(&self) -> Pairs<'a> {
        Pairs {
            // npm `cookie` returns early on headers shorter than "a=".
            rest: if self.bytes.len() < 2 {
                None
            } else {
                Some(self.bytes)
            },
        }
    }

    /// The first pair named `name` (names compare byte for byte, case
    /// included).
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"id=1; ID=2; id=3")?;
    /// assert_eq!(header.get("id").map(|c| c.value()), Some(&b"1"[..]));
    /// assert_eq!(header.get("ID").map(|c| c.value()), Some(&b"2"[..]));
    /// assert!(header.get("Id").is_none());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn get<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Option<CookiePair<'a>> {
        let name = name.as_ref();
        self.iter().find(|pair| pair.name == name)
    }

    /// Every pair named `name`, in order: more than one means the client
    /// holds cookies of that name for several paths or domains, or that a
    /// subdomain has tossed one in.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"sid=a; x=1; sid=b")?;
    /// let sids: Vec<&[u8]> = header.get_all("sid").map(|c| c.value()).collect();
    /// assert_eq!(sids, [&b"a"[..], b"b"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn get_all<'n, N: AsRef<[u8]> + ?Sized>(
        &self,
        name: &'n N,
    ) -> impl Iterator<Item = CookiePair<'a>> + 'n
    where
        'a: 'n,
    {
        let name = name.as_ref();
        self.iter().filter(move |pair| pair.name == name)
    }

    /// Checks the header against the RFC 6265 section 4.2.1 grammar and
    /// reports the first departure:
    ///
    /// ```text
    /// cookie-header = "Cookie:" OWS cookie-string OWS
    /// cookie-string = cookie-pair *( ";" SP cookie-pair )
    /// cookie-pair   = cookie-name "=" cookie-value
    /// cookie-name   = token
    /// cookie-value  = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CookieViolation`] with [`Error::CookieHeaderEmpty`],
    /// [`Error::CookieMissingEquals`], [`Error::CookieEmptyName`],
    /// [`Error::CookieInvalidName`], [`Error::CookieInvalidValue`] or
    /// [`Error::CookieInvalidSeparator`] and the offset where it was found.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, cookie::{CookieHeader, CookieViolation}};
    ///
    /// assert!(CookieHeader::parse(b"a=1; b=\"2\"")?.check_strict().is_ok());
    /// assert_eq!(
    ///     CookieHeader::parse(b"a=1;b=2")?.check_strict(),
    ///     Err(CookieViolation { error: Error::CookieInvalidSeparator, offset: 3 })
    /// );
    /// assert_eq!(
    ///     CookieHeader::parse(b"a=1; b")?.check_strict(),
    ///     Err(CookieViolation { error: Error::CookieMissingEquals, offset: 5 })
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn check_strict(&self) -> Result<(), CookieViolation> {
        let bytes = self.bytes;
        let at = |error, offset| Err(CookieViolation { error, offset });
        let start = bytes.iter().take_while(|&&b| is_wsp(b)).count();
        let trailing = bytes.iter().rev().take_while(|&&b| is_wsp(b)).count();
        let end = bytes.len().saturating_sub(trailing);
        if start >= end {
            return at(Error::CookieHeaderEmpty, 0);
        }
        let byte = |i: usize| if i < end { bytes.get(i).copied() } else { None };
        let mut i = start;
        loop {
            // cookie-name "="
            let pair_start = i;
            loop {
                match byte(i) {
                    None | Some(b';') => return at(Error::CookieMissingEquals, pair_start),
                    Some(b'=') => break,
                    Some(b) if is(&TCHAR, b) => i += 1,
                    Some(_) => return at(Error::CookieInvalidName, i),
                }
            }
            if i == pair_start {
                return at(Error::CookieEmptyName, pair_start);
            }
            i += 1;
            // cookie-value
            let quoted = byte(i) == Some(b'"');
            if quoted {
                i += 1;
            }
            while byte(i).is_some_and(|b| is(&COOKIE_OCTET, b)) {
                i += 1;
            }
            if quoted {
                if byte(i) != Some(b'"') {
                    return at(Error::CookieInvalidValue, i);
                }
                i += 1;
            }
            // ";" SP, or the end
            match byte(i) {
                None => return Ok(()),
                Some(b';') => {}
                Some(_) => return at(Error::CookieInvalidValue, i),
            }
            if byte(i + 1) != Some(b' ') || byte(i + 2).is_none_or(is_wsp) {
                return at(Error::CookieInvalidSeparator, i);
            }
            i += 2;
        }
    }
}

impl<'a> IntoIterator for CookieHeader<'a> {
    type Item = CookiePair<'a>;
    type IntoIter = Pairs<'a>;

    fn into_iter(self) -> Pairs<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &CookieHeader<'a> {
    type Item = CookiePair<'a>;
    type IntoIter = Pairs<'a>;

    fn into_iter(self) -> Pairs<'a> {
        self.iter()
    }
}

/// One `name=value` pair of a `Cookie` header, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookiePair<'a> {
    name: &'a [u8],
    value: &'a [u8],
}

impl<'a> CookiePair<'a> {
    /// The name, trimmed of spaces and tabs. May be empty.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b" a =1;=2")?;
    /// let names: Vec<&[u8]> = header.iter().map(|c| c.name()).collect();
    /// assert_eq!(names, [&b"a"[..], b""]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The value as sent, trimmed of spaces and tabs, double quotes kept.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a= 1 ; b=\"x\"")?;
    /// let values: Vec<&[u8]> = header.iter().map(|c| c.value()).collect();
    /// assert_eq!(values, [&b"1"[..], b"\"x\""]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// The name as UTF-8, if it is.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"lang=en-US")?;
    /// assert_eq!(header.iter().next().and_then(|c| c.name_str()), Some("lang"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn name_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.name).ok()
    }

    /// The value as UTF-8, if it is (double quotes kept).
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a=\"caf\xc3\xa9\"; b=\xff")?;
    /// let values: Vec<Option<&str>> = header.iter().map(|c| c.value_str()).collect();
    /// assert_eq!(values, [Some("\"café\""), None]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn value_str(&self) -> Option<&'a str> {
        core::str::from_utf8(self.value).ok()
    }

    /// `true` when the value is wrapped in one pair of double quotes.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a=\"x\"; b=\"; c=x")?;
    /// let quoted: Vec<bool> = header.iter().map(|c| c.is_quoted()).collect();
    /// assert_eq!(quoted, [true, false, false]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn is_quoted(&self) -> bool {
        self.value.len() >= 2
            && self.value.first() == Some(&b'"')
            && self.value.last() == Some(&b'"')
    }

    /// The value without its one pair of surrounding double quotes, if it
    /// has them; otherwise the value as sent.
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"a=\"x y\"; b=\"; c=\"\"")?;
    /// let v: Vec<&[u8]> = header.iter().map(|c| c.value_unquoted()).collect();
    /// assert_eq!(v, [&b"x y"[..], b"\"", b""]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn value_unquoted(&self) -> &'a [u8] {
        if self.is_quoted() {
            self.value
                .get(1..self.value.len() - 1)
                .unwrap_or(self.value)
        } else {
            self.value
        }
    }

    /// Writes the percent-decoded value into `out` and returns its length,
    /// with npm `cookie`'s default decoder: a value that does not decode
    /// (a stray `%`, escapes that are not UTF-8) is written as sent. Quotes
    /// are kept, as npm `cookie` 1.x and 2.x keep them; to decode the
    /// unquoted value, pass [`CookiePair::value_unquoted`] to
    /// [`percent::decode_cookie_value`].
    ///
    /// # Errors
    ///
    /// Only [`Error::BufferTooSmall`].
    ///
    /// # Example
    ///
    /// ```
    /// let header = jeton::cookie::CookieHeader::parse(b"q=caf%C3%A9; bad=50%")?;
    /// let mut buf = [0u8; 16];
    /// let n = header.get("q").unwrap().decode_value(&mut buf)?;
    /// assert_eq!(&buf[..n], "café".as_bytes());
    /// let n = header.get("bad").unwrap().decode_value(&mut buf)?;
    /// assert_eq!(&buf[..n], b"50%");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn decode_value(&self, out: &mut [u8]) -> Result<usize, Error> {
        percent::decode_cookie_value(self.value, out)
    }
}

/// Iterator over the pairs of a [`CookieHeader`], from
/// [`CookieHeader::iter`].
#[derive(Clone, Debug)]
pub struct Pairs<'a> {
    /// What is left to read; `None` once the last piece was read.
    rest: Option<&'a [u8]>,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = CookiePair<'a>;

    fn next(&mut self) -> Option<CookiePair<'a>> {
        loop {
            let rest = self.rest?;
            // One pass per piece: look for the first '=' or ';'.
            let Some((head, stop, tail)) = split_once_either(rest, b'=', b';') else {
                self.rest = None;
                return None;
            };
            if stop == b';' {
                // A piece without '=': skipped.
                self.rest = Some(tail);
                continue;
            }
            let (value, next) = match split_once(tail, b';') {
                Some((value, next)) => (value, Some(next)),
                None => (tail, None),
            };
            self.rest = next;
            return Some(CookiePair {
                name: trim_wsp(head),
                value: trim_wsp(value),
            });
        }
    }
}

impl core::iter::FusedIterator for Pairs<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::List;

    fn pairs(header: &str) -> List<(&[u8], &[u8]), 16> {
        let mut all = List::filled((&[][..], &[][..]));
        for p in CookieHeader::parse(header).unwrap().iter() {
            assert!(all.push((p.name(), p.value())).is_ok());
        }
        all
    }

    fn violation(header: &str) -> Option<(Error, usize)> {
        CookieHeader::parse(header)
            .unwrap()
            .check_strict()
            .err()
            .map(|v| (v.error, v.offset))
    }

    #[test]
    fn lenient_reading_matches_npm_cookie_rules() {
        assert_eq!(pairs(""), []);
        assert_eq!(pairs("="), []);
        assert_eq!(pairs(";="), [(&b""[..], &b""[..])]);
        assert_eq!(pairs("a"), []);
        assert_eq!(pairs("a=b=c"), [(&b"a"[..], &b"b=c"[..])]);
        assert_eq!(pairs("\t a \t=\t b c \t;"), [(&b"a"[..], &b"b c"[..])]);
        assert_eq!(pairs("x; y=1; ; z"), [(&b"y"[..], &b"1"[..])]);
        assert_eq!(pairs("a=1;a=2"), [(&b"a"[..], &b"1"[..]), (b"a", b"2")]);
        assert_eq!(pairs("a=;b="), [(&b"a"[..], &b""[..]), (b"b", b"")]);
    }

    #[test]
    fn strict_check_reports_first_violation() {
        assert_eq!(violation("a=1"), None);
        // OWS around the cookie-string is part of the header grammar.
        assert_eq!(violation(" a=1; b=\"\"; c= \t"), None);
        assert_eq!(violation("a=1; b=\"\"; c=x\t "), None);
        assert_eq!(violation("a= 1"), Some((Error::CookieInvalidValue, 2)));
        assert_eq!(violation("a=1 ; b=2"), Some((Error::CookieInvalidValue, 3)));
        assert_eq!(violation(""), Some((Error::CookieHeaderEmpty, 0)));
        assert_eq!(violation("  "), Some((Error::CookieHeaderEmpty, 0)));
        assert_eq!(violation("=1"), Some((Error::CookieEmptyName, 0)));
        assert_eq!(violation("a b=1"), Some((Error::CookieInvalidName, 1)));
        assert_eq!(violation("a=1; b"), Some((Error::CookieMissingEquals, 5)));
        assert_eq!(violation("a;b=1"), Some((Error::CookieMissingEquals, 0)));
        assert_eq!(violation("a=1;"), Some((Error::CookieInvalidSeparator, 3)));
        assert_eq!(
            violation("a=1;  b=2"),
            Some((Error::CookieInvalidSeparator, 3))
        );
        assert_eq!(
            violation("a=1;\tb=2"),
            Some((Error::CookieInvalidSeparator, 3))
        );
        assert_eq!(violation("a=\"1"), Some((Error::CookieInvalidValue, 4)));
        assert_eq!(violation("a=\"1\"x"), Some((Error::CookieInvalidValue, 5)));
        assert_eq!(violation("a=1,2"), Some((Error::CookieInvalidValue, 3)));
        assert_eq!(violation("a=x\\y"), Some((Error::CookieInvalidValue, 3)));
        assert_eq!(violation("a=é"), Some((Error::CookieInvalidValue, 2)));
    }

    #[test]
    fn limits_are_checked_up_front() {
        let limits = CookieLimits {
            max_header_len: 10,
            max_pairs: 3,
        };
        assert!(CookieHeader::parse_with_limits("a=1;b;c", limits).is_ok());
        assert_eq!(
            CookieHeader::parse_with_limits(";;;", limits),
            Err(Error::TooManyItems)
        );
        assert_eq!(
            CookieHeader::parse_with_limits("a=123456789", limits).map(|_| ()),
            Err(Error::InputTooLong)
        );
    }
}
