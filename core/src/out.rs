//! The output-buffer writer behind every formatter.
//!
//! [`Out`] writes into a caller-owned `&mut [u8]` and keeps counting once the
//! buffer is full, so a formatter runs to the end in one pass and can report
//! the exact length it needed. [`Out::finish`] then either returns the length
//! written or, when it did not fit, wipes the prefix it wrote and returns
//! [`Error::BufferTooSmall`] with that length: a too-small buffer never holds
//! a truncated result that could be mistaken for a real one.

use crate::Error;

/// A writer into a caller-owned buffer with `snprintf`-style overflow
/// reporting.
///
/// ```
/// use jeton::out::Out;
///
/// let mut buf = [0u8; 8];
/// let mut out = Out::new(&mut buf);
/// out.put(b"Max-Age=");
/// out.put_u64(86400);
/// assert_eq!(out.finish(), Err(jeton::Error::BufferTooSmall { needed: 13 }));
/// assert_eq!(buf, [0u8; 8]); // nothing partial is left behind
/// ```
#[derive(Debug)]
pub struct Out<'b> {
    buf: &'b mut [u8],
    /// Logical length: bytes written plus bytes that did not fit.
    len: usize,
}

impl<'b> Out<'b> {
    /// A writer that starts at the beginning of `buf`.
    ///
    /// ```
    /// let mut buf = [0u8; 4];
    /// let out = jeton::out::Out::new(&mut buf);
    /// assert!(out.is_empty());
    /// assert_eq!(out.finish(), Ok(0));
    /// ```
    pub fn new(buf: &'b mut [u8]) -> Self {
        Out { buf, len: 0 }
    }

    /// Appends one byte (counted, not written, once the buffer is full).
    ///
    /// ```
    /// let mut buf = [0u8; 2];
    /// let mut out = jeton::out::Out::new(&mut buf);
    /// out.push(b'o');
    /// out.push(b'k');
    /// assert_eq!(out.finish(), Ok(2));
    /// assert_eq!(&buf, b"ok");
    /// ```
    #[inline]
    pub fn push(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
        }
        self.len = self.len.saturating_add(1);
    }

    /// Appends bytes (counted, not written, when they do not fit).
    ///
    /// ```
    /// use jeton::{Error, out::Out};
    /// let mut buf = [0u8; 8];
    /// let mut out = Out::new(&mut buf);
    /// out.put(b"Path=/");
    /// out.put(b"; Secure");
    /// assert_eq!(out.len(), 14);
    /// assert_eq!(out.finish(), Err(Error::BufferTooSmall { needed: 14 }));
    /// ```
    #[inline]
    pub fn put(&mut self, bytes: &[u8]) {
        let end = self.len.saturating_add(bytes.len());
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            copy(dst, bytes);
        }
        self.len = end;
    }

    /// Appends `len` bytes produced by `fill`, which is handed the slice to
    /// write when it fits and is not called at all when it does not (the
    /// length is counted either way). Lets hot encoders write whole blocks
    /// without a bounds check per byte.
    /// Returns whether `fill` ran.
    ///
    /// ```
    /// use jeton::out::Out;
    /// let mut buf = [0u8; 4];
    /// let mut out = Out::new(&mut buf);
    /// assert!(out.put_with(3, |dst| dst.copy_from_slice(b"abc")));
    /// assert!(!out.put_with(3, |_| unreachable!("does not fit")));
    /// assert_eq!(out.len(), 6);
    /// ```
    #[inline]
    pub fn put_with(&mut self, len: usize, fill: impl FnOnce(&mut [u8])) -> bool {
        let end = self.len.saturating_add(len);
        let filled = match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                fill(dst);
                true
            }
            None => false,
        };
        self.len = end;
        filled
    }

    /// Appends the decimal digits of `n`, written straight into the
    /// output (a digit buffer copied in afterwards stalls: its bytes are
    /// stored one by one and read back as words). Out of line: its callers
    /// are many and the digit loop is not small.
    ///
    /// ```
    /// let mut buf = [0u8; 24];
    /// let mut out = jeton::out::Out::new(&mut buf);
    /// out.put_u64(0);
    /// out.push(b' ');
    /// out.put_u64(u64::MAX);
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], b"0 18446744073709551615");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    #[inline(never)]
    pub fn put_u64(&mut self, n: u64) {
        self.put_with(decimal_len(n), |dst| write_decimal(n, dst));
    }

    /// Appends `n` as exactly `width` decimal digits, zero-padded on the
    /// left (digits beyond `width` are dropped from the left). A `width`
    /// over 20, more digits than any `u64` has, writes 20.
    ///
    /// ```
    /// let mut buf = [0u8; 16];
    /// let mut out = jeton::out::Out::new(&mut buf);
    /// out.put_padded(7, 2); // an HTTP date's hour
    /// out.push(b':');
    /// out.put_padded(2024, 2); // only the last two digits
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], b"07:24");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn put_padded(&mut self, n: u64, width: usize) {
        self.put_with(width.min(20), |dst| write_decimal(n, dst));
    }

    /// Replaces what was written since `start` with `len` bytes produced
    /// by `fill`, which is handed the area `start..start + len` (the old
    /// bytes still in it) when that fits and is not called when it does not;
    /// the length is counted either way. An encoding that is never shorter
    /// than its input rewrites the text in place this way (base64's
    /// `encode_since`): an area that fits means the text fitted too, and a
    /// result that does not fit is wiped by [`Out::finish`].
    pub(crate) fn rewrite_since(&mut self, start: usize, len: usize, fill: impl FnOnce(&mut [u8])) {
        let end = start.saturating_add(len);
        if let Some(area) = self.buf.get_mut(start..end) {
            fill(area);
        }
        self.len = end;
    }

    /// What has been written so far, when all of it fit.
    ///
    /// ```
    /// let mut buf = [0u8; 4];
    /// let mut out = jeton::out::Out::new(&mut buf);
    /// out.put(b"abc");
    /// assert_eq!(out.written(), Some(&b"abc"[..]));
    /// out.put(b"de");
    /// assert_eq!(out.written(), None);
    /// ```
    pub fn written(&self) -> Option<&[u8]> {
        self.buf.get(..self.len)
    }

    /// Bytes appended so far, including those that did not fit: a
    /// formatter run into an empty buffer measures its output.
    ///
    /// ```
    /// let mut out = jeton::out::Out::new(&mut []);
    /// out.put(b"Max-Age=");
    /// out.put_u64(86_400);
    /// assert_eq!(out.len(), 13);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` while nothing has been appended (written or counted).
    ///
    /// ```
    /// let mut out = jeton::out::Out::new(&mut []);
    /// assert!(out.is_empty());
    /// out.push(b'x');
    /// assert!(!out.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The length written, or [`Error::BufferTooSmall`] with the length
    /// that was needed after wiping every byte this writer wrote.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] when the output did not fit.
    ///
    /// ```
    /// use jeton::{Error, out::Out};
    /// let mut buf = [0u8; 4];
    /// let mut out = Out::new(&mut buf);
    /// out.put(b"abcde");
    /// assert_eq!(out.finish(), Err(Error::BufferTooSmall { needed: 5 }));
    /// assert_eq!(buf, [0u8; 4]); // "abcd" was written, then wiped
    /// ```
    pub fn finish(self) -> Result<usize, Error> {
        if self.len <= self.buf.len() {
            Ok(self.len)
        } else {
            let needed = self.len;
            self.fail(Error::BufferTooSmall { needed })
        }
    }
}

/// The decimal digits of `n` (at most 20), written at the end of `buf`.
pub(crate) fn decimal(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    write_decimal(n, buf);
    let mut digits: &[u8] = buf;
    // The leading zeros go; the last digit stays, so that 0 is "0".
    while let [b'0', rest @ ..] = digits
        && !rest.is_empty()
    {
        digits = rest;
    }
    digits
}

/// How many decimal digits `n` has (1 to 20).
#[cfg(not(target_pointer_width = "64"))]
fn decimal_len(n: u64) -> usize {
    // Comparisons against growing powers of ten: small code on every
    // target, and no division.
    let mut len = 1;
    let mut power = 10u64;
    while len < 20 && n >= power {
        len += 1;
        power = power.saturating_mul(10);
    }
    len
}

/// How many decimal digits `n` has (1 to 20): a count of leading zeros
/// and one comparison where 64-bit arithmetic is native.
#[cfg(target_pointer_width = "64")]
fn decimal_len(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// The last `dst.len()` decimal digits of `n`, filling `dst`: one
/// division by ten per digit, the smallest code (firmware).
#[cfg(not(target_pointer_width = "64"))]
fn write_decimal(n: u64, dst: &mut [u8]) {
    let mut rest = n;
    for d in dst.iter_mut().rev() {
        *d = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
}

/// "00" to "99": two digits per division halve the chain of dependent
/// multiplications a 10-digit date takes (a third of a JWT's claims).
#[cfg(target_pointer_width = "64")]
// Evaluated at compile time: an index out of range would stop the build,
// never panic at run time.
#[allow(clippy::indexing_slicing)]
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

/// The last `dst.len()` decimal digits of `n`, filling `dst`, where 64-bit
/// arithmetic is native: eight digits at a time from the right, each eight
/// as two independent halves of two pairs (a chain of three divisions
/// rather than ten), then the rest two at a time.
#[cfg(target_pointer_width = "64")]
fn write_decimal(n: u64, dst: &mut [u8]) {
    // `v` is below 100 at every call.
    let pair = |v: u32| DIGIT_PAIRS.get(v as usize).copied().unwrap_or_default();
    let mut rest = n;
    let mut eights = dst.rchunks_exact_mut(8);
    for eight in &mut eights {
        // Below 10^8, so it fits 32 bits.
        let group = (rest % 100_000_000) as u32;
        rest /= 100_000_000;
        let (high, low) = (group / 10_000, group % 10_000);
        let digits = [
            pair(high / 100),
            pair(high % 100),
            pair(low / 100),
            pair(low % 100),
        ];
        eight.copy_from_slice(digits.as_flattened());
    }
    let mut pairs = eights.into_remainder().rchunks_exact_mut(2);
    for two in &mut pairs {
        two.copy_from_slice(&pair((rest % 100) as u32));
        rest /= 100;
    }
    if let [d] = pairs.into_remainder() {
        *d = b'0' + (rest % 10) as u8;
    }
}

/// `dst.copy_from_slice(src)` for slices of equal length, with the short
/// copies formatters make all the time (a quote, a name, a number) done as
/// two overlapping fixed-size moves instead of a call to `memcpy`.
#[inline(always)]
fn copy(dst: &mut [u8], src: &[u8]) {
    #[inline(always)]
    fn fixed<const N: usize>(dst: &mut [u8], src: &[u8], at: usize) {
        if let (Some(d), Some(s)) = (dst.get_mut(at..at + N), src.get(at..at + N)) {
            d.copy_from_slice(s);
        }
    }
    let n = src.len();
    match n {
        0 => {}
        1..=3 => {
            for (d, s) in dst.iter_mut().zip(src) {
                *d = *s;
            }
        }
        4..=7 => {
            fixed::<4>(dst, src, 0);
            fixed::<4>(dst, src, n - 4);
        }
        8..=16 => {
            fixed::<8>(dst, src, 0);
            fixed::<8>(dst, src, n - 8);
        }
        17..=32 => {
            fixed::<16>(dst, src, 0);
            fixed::<16>(dst, src, n - 16);
        }
        33..=64 => {
            fixed::<32>(dst, src, 0);
            fixed::<32>(dst, src, n - 32);
        }
        _ => dst.copy_from_slice(src),
    }
}

/// Something bytes can be appended to: what [`JsonWriter`] writes into
/// ([`Out`], or a writer of the caller's own).
///
/// [`JsonWriter`]: crate::json::JsonWriter
pub trait Sink {
    /// Appends bytes.
    fn put(&mut self, bytes: &[u8]);

    /// Appends the decimal digits of `n` (a sink that can write them in
    /// place, as [`Out`] does, overrides this).
    fn put_u64(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        self.put(decimal(n, &mut digits));
    }

    /// Appends `bytes` between two double quotes: how a JSON writer puts
    /// a string that needs no escape (a sink that can do it in one step,
    /// as [`Out`] does, overrides this).
    ///
    /// ```
    /// use jeton::out::{Out, Sink};
    /// let mut buf = [0u8; 8];
    /// let mut out = Out::new(&mut buf);
    /// out.put_quoted(b"JWT");
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], b"\"JWT\"");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    fn put_quoted(&mut self, bytes: &[u8]) {
        self.put(b"\"");
        self.put(bytes);
        self.put(b"\"");
    }
}

impl<T: Sink + ?Sized> Sink for &mut T {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        (**self).put(bytes);
    }

    #[inline]
    fn put_u64(&mut self, n: u64) {
        (**self).put_u64(n);
    }

    #[inline]
    fn put_quoted(&mut self, bytes: &[u8]) {
        (**self).put_quoted(bytes);
    }
}

impl Sink for Out<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        Out::put(self, bytes);
    }

    #[inline]
    fn put_u64(&mut self, n: u64) {
        Out::put_u64(self, n);
    }

    /// One bounds check and one copy for the three parts.
    #[inline]
    fn put_quoted(&mut self, bytes: &[u8]) {
        self.put_with(bytes.len().saturating_add(2), |dst| {
            if let Some((open, rest)) = dst.split_first_mut()
                && let Some((close, inside)) = rest.split_last_mut()
            {
                (*open, *close) = (b'"', b'"');
                copy(inside, bytes);
            }
        });
    }
}

impl Out<'_> {
    /// Gives up on the output: wipes every byte written and returns `err`,
    /// so an error path leaves no partial result either.
    ///
    /// # Errors
    ///
    /// Always `err`.
    ///
    /// ```
    /// use jeton::{Error, out::Out};
    /// let mut buf = [0u8; 16];
    /// let mut out = Out::new(&mut buf);
    /// out.put(b"user:");
    /// // The password turns out to hold a control character.
    /// assert_eq!(out.fail::<usize>(Error::AuthInvalidCharacter), Err(Error::AuthInvalidCharacter));
    /// assert_eq!(buf, [0u8; 16]);
    /// ```
    pub fn fail<T>(self, err: Error) -> Result<T, Error> {
        let written = self.len.min(self.buf.len());
        if let Some(prefix) = self.buf.get_mut(..written) {
            prefix.fill(0);
        }
        Err(err)
    }
}

/// The first `len` bytes of `buf`: what a formatter that returned `len`
/// wrote there. A `buf` shorter than that cannot hold it, which the
/// formatter would have reported as [`Error::BufferTooSmall`]; so is it
/// here, rather than read as an empty result.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `buf` is shorter than `len`.
pub(crate) fn written(buf: &[u8], len: usize) -> Result<&[u8], Error> {
    buf.get(..len).ok_or(Error::BufferTooSmall { needed: len })
}

/// Runs a formatter into a stack buffer of `N` bytes and returns the result
/// as a `heapless::String<N>`, for callers who prefer an owned value.
///
/// # Errors
///
/// What the formatter returns, including [`Error::BufferTooSmall`] when `N`
/// is too small, and [`Error::InvalidUtf8`] when the output is not UTF-8.
pub(crate) fn to_heapless<const N: usize>(
    write: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<heapless::String<N>, Error> {
    // Written straight into the returned value's storage.
    let mut bytes = heapless::Vec::<u8, N>::from_array([0; N]);
    let len = write(&mut bytes)?;
    bytes.truncate(len);
    heapless::String::from_utf8(bytes).map_err(|_| Error::InvalidUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt;

    #[test]
    fn writes_and_reports_length() {
        let mut buf = [0u8; 16];
        let mut out = Out::new(&mut buf);
        out.put(b"ab");
        out.push(b'=');
        out.put_u64(0);
        out.push(b' ');
        out.put_u64(u64::MAX);
        assert_eq!(out.len(), 25);
        assert_eq!(out.finish(), Err(Error::BufferTooSmall { needed: 25 }));
        assert_eq!(buf, [0u8; 16]);

        let mut buf = [0u8; 32];
        let mut out = Out::new(&mut buf);
        out.put(b"ab=");
        out.put_u64(u64::MAX);
        out.push(b' ');
        out.put_padded(7, 2);
        out.put_padded(12345, 4);
        let n = out.finish().unwrap();
        assert_eq!(&buf[..n], b"ab=18446744073709551615 072345");
    }

    /// Against `core::fmt`.
    #[test]
    fn decimal_matches_core_fmt() {
        struct Text([u8; 24], usize);
        impl fmt::Write for Text {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let end = self.1 + s.len();
                self.0[self.1..end].copy_from_slice(s.as_bytes());
                self.1 = end;
                Ok(())
            }
        }
        let check = |n: u64| {
            let mut text = Text([0; 24], 0);
            fmt::write(&mut text, format_args!("{n}")).unwrap();
            let text = &text.0[..text.1];
            let mut digits = [0u8; 20];
            assert_eq!(decimal(n, &mut digits), text, "{n}");
            // Written in place (odd and even lengths), and zero-padded to
            // every width, as `{n:0width$}` keeps the last `width` digits.
            let mut buf = [0u8; 24];
            let mut out = Out::new(&mut buf);
            out.put_u64(n);
            let len = out.finish().unwrap();
            assert_eq!(&buf[..len], text, "{n}");
            for width in [0, 1, 2, 3, 9, 10, 11, 19, 20] {
                let mut buf = [0u8; 24];
                let mut out = Out::new(&mut buf);
                out.put_padded(n, width);
                let len = out.finish().unwrap();
                let mut padded = Text([0; 24], 0);
                fmt::write(&mut padded, format_args!("{n:020}")).unwrap();
                assert_eq!(&buf[..len], &padded.0[20 - width..20], "{n} {width}");
            }
        };
        // Around every power of ten.
        let mut power = 1u64;
        for _ in 0..20 {
            for delta in 0..=101u64 {
                check(power.wrapping_sub(delta));
                check(power.saturating_add(delta));
            }
            power = power.saturating_mul(10);
        }
        // Scattered values of every length (the first sequence) and up to
        // twelve digits (the second).
        for i in 0..20_000u64 {
            check(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (i % 64));
            check(i * 9_973 * 503);
        }
        let mut digits = [0u8; 20];
        assert_eq!(decimal(u64::MAX, &mut digits), b"18446744073709551615");
    }

    #[test]
    fn every_length_is_copied_exactly() {
        let src: [u8; 100] = core::array::from_fn(|i| i as u8 + 1);
        for offset in 0..3 {
            for n in 0..=src.len() - offset {
                let mut buf = [0u8; 110];
                let mut out = Out::new(&mut buf);
                out.put(&[0xEE; 3][..offset]);
                out.put(&src[offset..offset + n]);
                out.push(0xFF);
                let len = out.finish().unwrap();
                assert_eq!(len, offset + n + 1);
                assert_eq!(&buf[offset..offset + n], &src[offset..offset + n], "{n}");
                assert_eq!(buf[offset + n], 0xFF);
                assert!(buf[offset + n + 1..].iter().all(|&b| b == 0));
            }
        }
    }

    #[test]
    fn rewrites_what_was_written() {
        let mut buf = [0u8; 8];
        let mut out = Out::new(&mut buf);
        out.put(b"x.ab");
        out.rewrite_since(2, 4, |area| {
            assert_eq!(area, b"ab\0\0");
            area.copy_from_slice(b"ABCD");
        });
        out.push(b'.');
        assert_eq!(out.len(), 7);
        let n = out.finish().unwrap();
        assert_eq!(&buf[..n], b"x.ABCD.");
        // Too small: `fill` does not run, the length is still counted.
        let mut small = [0u8; 4];
        let mut out = Out::new(&mut small);
        out.put(b"x.ab");
        out.rewrite_since(2, 4, |_| panic!("the area does not fit"));
        assert_eq!(out.finish(), Err(Error::BufferTooSmall { needed: 6 }));
        assert_eq!(small, [0u8; 4]);
    }

    #[test]
    fn exact_fit_is_ok() {
        let mut buf = [0u8; 3];
        let mut out = Out::new(&mut buf);
        out.put(b"abc");
        assert_eq!(out.finish(), Ok(3));
        assert_eq!(&buf, b"abc");
    }
}
