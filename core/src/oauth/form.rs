//! `application/x-www-form-urlencoded`, exactly as the WHATWG URL
//! standard writes and reads it (section 5, "application/x-www-form-urlencoded"):
//! the encoding of every OAuth request body and query string, and of the
//! callback's query.
//!
//! Writing ([`encode`], [`FormWriter`]): `A-Z a-z 0-9 * - . _` stay, a
//! space becomes `+`, every other byte becomes `%XX` in upper-case hex
//! (the urlencoded percent-encode set). This is what `URLSearchParams`
//! serializes, byte for byte.
//!
//! Reading ([`pairs`], [`Encoded`]): the text splits on `&` (empty pieces
//! skipped), each piece at its first `=` (a piece without one is a name
//! with an empty value); in a name or value `+` is a space, `%XX` a byte,
//! a `%` without two hex digits stays as it is, and bytes that are not
//! UTF-8 become U+FFFD the way the Encoding standard's decoder replaces
//! them. Nothing is decoded until asked: [`Pairs`] hands out the raw text,
//! and [`Encoded`] compares or decodes it into a caller buffer.
//!
//! ```
//! use jeton::oauth::form::{self, FormWriter};
//!
//! let mut buf = [0u8; 64];
//! let mut w = FormWriter::new(&mut buf);
//! w.pair(b"redirect_uri", b"https://app.example/cb");
//! w.pair(b"scope", b"openid email");
//! let n = w.finish()?;
//! assert_eq!(&buf[..n], b"redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid+email");
//!
//! let scope = form::pairs(&buf[..n]).find(|p| p.name().eq_bytes(b"scope")).unwrap();
//! let mut out = [0u8; 16];
//! let len = scope.value().decode_into(&mut out)?;
//! assert_eq!(&out[..len], b"openid email");
//! # Ok::<(), jeton::Error>(())
//! ```

use crate::Error;
use crate::out::Out;
use crate::tables::hex_value;

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The bytes the urlencoded serializer leaves as they are: ASCII letters
/// and digits, `*`, `-`, `.` and `_` (everything else is in the
/// application/x-www-form-urlencoded percent-encode set, or is the space).
pub(crate) const fn is_form_safe(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'*' | b'-' | b'.' | b'_')
}

/// Encodes `input` into `out` as one name or value of a form; returns the
/// encoded length.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] with the length needed.
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 32];
/// let n = jeton::oauth::form::encode("a b+c~é*".as_bytes(), &mut buf)?;
/// assert_eq!(&buf[..n], b"a+b%2Bc%7E%C3%A9*");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode(input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    encode_into(input, &mut out);
    out.finish()
}

/// [`encode`] into an existing writer.
pub(crate) fn encode_into(input: &[u8], out: &mut Out<'_>) {
    // Most OAuth values (codes, tokens, client IDs) need no escape at all.
    if input.iter().all(|&b| is_form_safe(b)) {
        out.put(input);
        return;
    }
    for &byte in input {
        if is_form_safe(byte) {
            out.push(byte);
        } else if byte == b' ' {
            out.push(b'+');
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
pub fn encoded_len(input: &[u8]) -> usize {
    input.iter().fold(0usize, |n, &b| {
        n.saturating_add(if is_form_safe(b) || b == b' ' { 1 } else { 3 })
    })
}

/// Writes a form (`name=value&name=value...`) into a caller buffer, each
/// name and value encoded as [`encode`] does: the body of a token request,
/// or the query appended to an endpoint ([`crate::oauth::url::with_query`]).
///
/// Like [`Out`], it counts what does not fit and [`FormWriter::finish`]
/// reports the whole length, leaving nothing partial behind.
#[derive(Debug)]
pub struct FormWriter<'b> {
    out: Out<'b>,
    /// Whether the next pair needs a `&` before it.
    separate: bool,
}

impl<'b> FormWriter<'b> {
    /// An empty form at the start of `buf`.
    pub fn new(buf: &'b mut [u8]) -> Self {
        FormWriter {
            out: Out::new(buf),
            separate: false,
        }
    }

    /// A form that continues what `out` holds (an endpoint and its `?`,
    /// written by [`crate::oauth::url`]); `separate` says whether the
    /// first pair needs a `&`.
    pub(crate) fn continuing(out: Out<'b>, separate: bool) -> Self {
        FormWriter { out, separate }
    }

    /// Appends `name=value`, both encoded.
    pub fn pair(&mut self, name: &[u8], value: &[u8]) -> &mut Self {
        if self.separate {
            self.out.push(b'&');
        }
        self.separate = true;
        encode_into(name, &mut self.out);
        self.out.push(b'=');
        encode_into(value, &mut self.out);
        self
    }

    /// Appends `name=<decimal>`.
    pub fn pair_u64(&mut self, name: &[u8], value: u64) -> &mut Self {
        if self.separate {
            self.out.push(b'&');
        }
        self.separate = true;
        encode_into(name, &mut self.out);
        self.out.push(b'=');
        self.out.put_u64(value);
        self
    }

    /// Appends `name=` and the items of `list` joined by single spaces
    /// (encoded as `+`): a `scope` or `prompt` list.
    pub fn pair_list(&mut self, name: &[u8], list: &[&str]) -> &mut Self {
        if self.separate {
            self.out.push(b'&');
        }
        self.separate = true;
        encode_into(name, &mut self.out);
        self.out.push(b'=');
        for (i, item) in list.iter().enumerate() {
            if i > 0 {
                self.out.push(b'+');
            }
            encode_into(item.as_bytes(), &mut self.out);
        }
        self
    }

    /// Bytes appended so far, including those that did not fit.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// `true` while nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The length written, or [`Error::BufferTooSmall`] with the length
    /// needed, nothing partial left in the buffer.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`].
    pub fn finish(self) -> Result<usize, Error> {
        self.out.finish()
    }
}

/// One name or value of a form as it was sent, still encoded: borrowed
/// from the text, decoded only on request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoded<'a> {
    raw: &'a [u8],
}

impl<'a> Encoded<'a> {
    /// Wraps encoded bytes.
    pub const fn new(raw: &'a [u8]) -> Self {
        Encoded { raw }
    }

    /// The bytes as sent, escapes and `+` included.
    pub const fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// `true` when nothing was sent (`code=`); decoding gives nothing then
    /// too.
    pub const fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The bytes themselves when decoding would not change them (no `%`,
    /// no `+`, ASCII only), which is the case of every value jeton writes
    /// and of nearly every code and state.
    pub fn as_plain(&self) -> Option<&'a [u8]> {
        self.raw
            .iter()
            .all(|&b| b.is_ascii() && b != b'%' && b != b'+')
            .then_some(self.raw)
    }

    /// The decoded bytes, one at a time (always UTF-8).
    pub fn decoded(&self) -> Decoded<'a> {
        Decoded::new(self.raw)
    }

    /// Whether the decoded text is `expected`, compared without a buffer.
    pub fn eq_bytes(&self, expected: &[u8]) -> bool {
        if let Some(plain) = self.as_plain() {
            return plain == expected;
        }
        self.decoded().eq(expected.iter().copied())
    }

    /// [`Encoded::eq_bytes`] in constant time for equal lengths: for comparing a
    /// secret (a stored `state`). The time depends on the lengths only.
    pub fn ct_eq(&self, expected: &[u8]) -> bool {
        let mut diff = 0u8;
        let mut decoded = self.decoded();
        for &e in expected {
            match decoded.next() {
                Some(d) => diff |= d ^ e,
                None => diff |= 1,
            }
        }
        if decoded.next().is_some() {
            diff |= 1;
        }
        subtle::ConstantTimeEq::ct_eq(&diff, &0u8).into()
    }

    /// Length of the decoded text.
    pub fn decoded_len(&self) -> usize {
        match self.as_plain() {
            Some(plain) => plain.len(),
            None => self.decoded().count(),
        }
    }

    /// Decodes into `out`; returns the length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] with the length needed; `out` then holds
    /// nothing of the result.
    pub fn decode_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        decode(self.raw, out)
    }
}

/// Decodes one name or value of a form (`+` and `%XX` resolved, bytes that
/// are not UTF-8 replaced by U+FFFD) into `out`; returns the length.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] with the length needed.
///
/// # Example
///
/// ```
/// let mut buf = [0u8; 32];
/// let n = jeton::oauth::form::decode(b"a+b%2B%zz%C3%A9%FF", &mut buf)?;
/// assert_eq!(&buf[..n], "a b+%zzé\u{FFFD}".as_bytes());
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn decode(input: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    let mut out = Out::new(out);
    match Encoded::new(input).as_plain() {
        Some(plain) => out.put(plain),
        None => Decoded::new(input).for_each(|b| out.push(b)),
    }
    out.finish()
}

/// The decoded bytes of a form name or value, as [`decode`] writes them.
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    rest: &'a [u8],
    /// A byte read but not taken: it ended an invalid UTF-8 sequence and
    /// starts the next one.
    back: Option<u8>,
    /// Bytes decoded and not yet handed out.
    queue: [u8; 4],
    queue_len: u8,
    queue_pos: u8,
}

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
const REPLACEMENT: [u8; 3] = [0xEF, 0xBF, 0xBD];

impl<'a> Decoded<'a> {
    fn new(raw: &'a [u8]) -> Self {
        Decoded {
            rest: raw,
            back: None,
            queue: [0; 4],
            queue_len: 0,
            queue_pos: 0,
        }
    }

    /// The next byte after `+` and percent-decoding.
    fn next_byte(&mut self) -> Option<u8> {
        if let Some(b) = self.back.take() {
            return Some(b);
        }
        let (&first, tail) = self.rest.split_first()?;
        self.rest = tail;
        match first {
            b'+' => Some(b' '),
            b'%' => {
                if let [hi, lo, after @ ..] = tail
                    && let (Some(hi), Some(lo)) = (hex_value(*hi), hex_value(*lo))
                {
                    self.rest = after;
                    Some(hi << 4 | lo)
                } else {
                    Some(b'%')
                }
            }
            other => Some(other),
        }
    }

    /// Queues `bytes` (1 to 4) and hands out the first.
    fn emit(&mut self, bytes: &[u8]) -> Option<u8> {
        let n = bytes.len().min(self.queue.len());
        for (slot, b) in self.queue.iter_mut().zip(bytes) {
            *slot = *b;
        }
        self.queue_len = n as u8;
        self.queue_pos = 1;
        bytes.first().copied()
    }
}

impl Iterator for Decoded<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if self.queue_pos < self.queue_len {
            let b = self.queue.get(usize::from(self.queue_pos)).copied();
            self.queue_pos += 1;
            return b;
        }
        // The Encoding standard's UTF-8 decoder: a lead byte says how many
        // continuation bytes follow and the range the first one must lie
        // in (no overlong forms, surrogates or code points past U+10FFFF);
        // a byte out of range ends the sequence with one U+FFFD and is
        // read again.
        let lead = self.next_byte()?;
        let (needed, mut lower, mut upper) = match lead {
            0x00..=0x7F => return Some(lead),
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return self.emit(&REPLACEMENT),
        };
        let mut sequence = [lead, 0, 0, 0];
        for slot in sequence.iter_mut().skip(1).take(needed) {
            match self.next_byte() {
                Some(b) if (lower..=upper).contains(&b) => {
                    *slot = b;
                    (lower, upper) = (0x80, 0xBF);
                }
                Some(b) => {
                    self.back = Some(b);
                    return self.emit(&REPLACEMENT);
                }
                None => return self.emit(&REPLACEMENT),
            }
        }
        self.emit(sequence.get(..=needed).unwrap_or(&REPLACEMENT))
    }
}

/// One `name=value` piece of a form, both still encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    name: Encoded<'a>,
    value: Encoded<'a>,
}

impl<'a> Pair<'a> {
    /// The name, still encoded.
    pub const fn name(&self) -> Encoded<'a> {
        self.name
    }

    /// The value, still encoded (empty when the piece had no `=`).
    pub const fn value(&self) -> Encoded<'a> {
        self.value
    }
}

/// Iterates over the pairs of a form or query string (without its `?`):
/// split on `&`, empty pieces skipped, each piece split at its first `=`.
///
/// ```
/// let mut it = jeton::oauth::form::pairs(b"a=1&&b&=c&d==");
/// let mut next = || it.next().map(|p| (p.name().raw(), p.value().raw()));
/// assert_eq!(next(), Some((&b"a"[..], &b"1"[..])));
/// assert_eq!(next(), Some((&b"b"[..], &b""[..])));
/// assert_eq!(next(), Some((&b""[..], &b"c"[..])));
/// assert_eq!(next(), Some((&b"d"[..], &b"="[..])));
/// assert_eq!(next(), None);
/// ```
pub fn pairs(input: &[u8]) -> Pairs<'_> {
    Pairs { rest: input }
}

/// The query of a request target or URL: what follows the first `?`, up
/// to a `#` (empty when there is no `?`).
///
/// ```
/// use jeton::oauth::form::query;
/// assert_eq!(query(b"/cb?code=x&state=y"), b"code=x&state=y");
/// assert_eq!(query(b"https://app.example/cb?code=x#frag"), b"code=x");
/// assert_eq!(query(b"/cb"), b"");
/// ```
pub fn query(target: &[u8]) -> &[u8] {
    let before_fragment = match target.iter().position(|&b| b == b'#') {
        Some(at) => target.split_at(at).0,
        None => target,
    };
    match before_fragment.iter().position(|&b| b == b'?') {
        Some(at) => before_fragment.split_at(at).1.get(1..).unwrap_or(&[]),
        None => &[],
    }
}

/// Iterator over the pairs of a form; see [`pairs`].
#[derive(Clone, Debug)]
pub struct Pairs<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Pairs<'a> {
    type Item = Pair<'a>;

    fn next(&mut self) -> Option<Pair<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (piece, rest) = match self.rest.iter().position(|&b| b == b'&') {
                Some(at) => {
                    let (piece, amp_rest) = self.rest.split_at(at);
                    (piece, amp_rest.get(1..).unwrap_or(&[]))
                }
                None => (self.rest, &[][..]),
            };
            self.rest = rest;
            if piece.is_empty() {
                continue;
            }
            let (name, value) = match piece.iter().position(|&b| b == b'=') {
                Some(at) => {
                    let (name, eq_value) = piece.split_at(at);
                    (name, eq_value.get(1..).unwrap_or(&[]))
                }
                None => (piece, &[][..]),
            };
            return Some(Pair {
                name: Encoded::new(name),
                value: Encoded::new(value),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(input: &[u8]) -> ([u8; 64], usize) {
        let mut buf = [0u8; 64];
        let n = decode(input, &mut buf).unwrap();
        (buf, n)
    }

    /// Lossy UTF-8 decoding by `core`'s `utf8_chunks`, which replaces
    /// maximal subparts the way the Encoding standard does.
    fn lossy(bytes: &[u8], out: &mut [u8; 64]) -> usize {
        let mut w = Out::new(out);
        for chunk in bytes.utf8_chunks() {
            w.put(chunk.valid().as_bytes());
            if !chunk.invalid().is_empty() {
                w.put(&REPLACEMENT);
            }
        }
        w.finish().unwrap()
    }

    /// The decoder against `core`'s lossy decoding over every one- and
    /// two-byte escape sequence and a set of longer ones.
    #[test]
    fn replacement_matches_maximal_subparts() {
        let check = |bytes: &[u8]| {
            let mut escaped = [0u8; 64];
            let mut len = 0;
            for &b in bytes {
                escaped[len] = b'%';
                escaped[len + 1] = HEX_UPPER[usize::from(b >> 4)];
                escaped[len + 2] = HEX_UPPER[usize::from(b & 15)];
                len += 3;
            }
            let (buf, n) = dec(&escaped[..len]);
            let mut want = [0u8; 64];
            let m = lossy(bytes, &mut want);
            assert_eq!(&buf[..n], &want[..m], "{bytes:02x?}");
            assert_eq!(Encoded::new(&escaped[..len]).decoded_len(), n);
        };
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
            }
        }
        for seq in [
            &[0xE0, 0x80, 0x80][..],
            &[0xED, 0xA0, 0x80],
            &[0xF0, 0x9F, 0x98, 0x80],
            &[0xF0, 0x9F, 0x98],
            &[0xF4, 0x90, 0x80, 0x80],
            &[0xF0, 0x9F, 0x41, 0x80],
            &[0xE2, 0x82, 0xAC, 0xE2, 0x82],
            &[0xEF, 0xBB, 0xBF, 0x41],
        ] {
            check(seq);
        }
    }

    #[test]
    fn plus_and_bad_escapes() {
        let (buf, n) = dec(b"%2B+%+%4+%4g%%41");
        assert_eq!(&buf[..n], b"+ % %4 %4g%A");
        // Raw non-ASCII bytes go through the same UTF-8 decoding.
        let (buf, n) = dec(&[b'a', 0xFF, 0xC3, 0xA9]);
        assert_eq!(&buf[..n], "a\u{FFFD}é".as_bytes());
        let mut small = [0u8; 2];
        assert_eq!(
            decode(b"a+b", &mut small),
            Err(Error::BufferTooSmall { needed: 3 })
        );
        assert_eq!(small, [0, 0]);
    }

    #[test]
    fn encodes_the_urlencoded_set() {
        let mut buf = [0u8; 1024];
        let all: [u8; 256] = core::array::from_fn(|i| i as u8);
        let n = encode(&all, &mut buf).unwrap();
        assert_eq!(n, encoded_len(&all));
        // Decoding the encoding of UTF-8 gives it back.
        let text = "A-z_0.9*~!'() \"#$%&+,/:;<=>?@[\\]^`{|}é€😀";
        let n = encode(text.as_bytes(), &mut buf).unwrap();
        assert_eq!(
            &buf[..n],
            &b"A-z_0.9*%7E%21%27%28%29+%22%23%24%25%26%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D%C3%A9%E2%82%AC%F0%9F%98%80"[..]
        );
        let mut back = [0u8; 128];
        let m = decode(&buf[..n], &mut back).unwrap();
        assert_eq!(&back[..m], text.as_bytes());
    }

    #[test]
    fn comparisons() {
        let v = Encoded::new(b"a+%62%FF");
        assert!(v.eq_bytes("a b\u{FFFD}".as_bytes()));
        assert!(v.ct_eq("a b\u{FFFD}".as_bytes()));
        assert!(!v.eq_bytes(b"a b"));
        assert!(!v.ct_eq(b"a b"));
        assert!(!v.ct_eq("a b\u{FFFD}x".as_bytes()));
        assert!(Encoded::new(b"state").ct_eq(b"state"));
        assert!(!Encoded::new(b"statf").ct_eq(b"state"));
        assert_eq!(Encoded::new(b"a+b").as_plain(), None);
        assert_eq!(Encoded::new(b"a.b").as_plain(), Some(&b"a.b"[..]));
    }

    #[test]
    fn writer_separates_and_reports_length() {
        let mut buf = [0u8; 64];
        let mut w = FormWriter::new(&mut buf);
        w.pair(b"a", b"1 2")
            .pair_u64(b"max_age", 0)
            .pair_list(b"scope", &["openid", "a b"]);
        let n = w.finish().unwrap();
        assert_eq!(&buf[..n], b"a=1+2&max_age=0&scope=openid+a+b");
        let mut small = [0u8; 8];
        let mut w = FormWriter::new(&mut small);
        w.pair(b"name", b"value");
        assert_eq!(w.finish(), Err(Error::BufferTooSmall { needed: 10 }));
        assert_eq!(small, [0u8; 8]);
    }
}
