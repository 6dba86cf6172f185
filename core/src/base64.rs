//! Strict, table-driven base64 for public bytes (signatures, token
//! segments, cookie values).
//!
//! Decoding refuses everything but the one canonical encoding of each byte
//! string: characters outside the alphabet, whitespace, padding where it is
//! not expected (or missing where it is), and non-zero trailing bits. Two
//! different strings therefore never decode to the same bytes, which lets
//! verification compare raw bytes instead of encoded text.
//!
//! These functions branch and index tables on the data, so their timing
//! depends on it: use them for bytes an attacker already knows. Secret
//! material (keys, secrets read from configuration) goes through the
//! constant-time `base64ct` crate instead, as [`crate::mac::HmacKey::from_base64`]
//! does. Basic credentials are the one exception: a client formats its own
//! (`auth::format_basic`), and a server decodes the ones an attacker sent;
//! an observer of cache timing on the client's own machine is beyond what
//! jeton defends against.

use crate::Error;
use crate::out::Out;
use crate::simd;
use crate::tables::lookup;

/// Which 64 characters encode the 6-bit groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alphabet {
    /// RFC 4648 section 4: `A-Z a-z 0-9 + /`.
    Standard,
    /// RFC 4648 section 5: `A-Z a-z 0-9 - _`.
    UrlSafe,
}

/// Whether `=` padding is written, and accepted when decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Padding {
    /// Always `=`-padded to a multiple of four characters.
    Padded,
    /// Never padded (RFC 7515 `base64url`, keygrip, cookie-signature).
    Unpadded,
    /// Decoding accepts both, but padding, when present, must be complete.
    /// Encoding with this policy writes no padding.
    Either,
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const INVALID: u8 = 0xFF;

const fn decode_table(alphabet: &[u8; 64]) -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        // Runs at compile time over a 64-entry alphabet.
        #[allow(clippy::indexing_slicing)]
        {
            table[alphabet[i] as usize] = i as u8;
        }
        i += 1;
    }
    table
}

static STANDARD_DECODE: [u8; 256] = decode_table(STANDARD);
static URL_SAFE_DECODE: [u8; 256] = decode_table(URL_SAFE);

impl Alphabet {
    pub(crate) fn encode_table(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => STANDARD,
            Alphabet::UrlSafe => URL_SAFE,
        }
    }

    fn decode_table(self) -> &'static [u8; 256] {
        match self {
            Alphabet::Standard => &STANDARD_DECODE,
            Alphabet::UrlSafe => &URL_SAFE_DECODE,
        }
    }

    /// The same alphabet as the SIMD kernels name it (their module sits
    /// below this one).
    #[inline(always)]
    fn simd(self) -> simd::Alphabet {
        match self {
            Alphabet::Standard => simd::Alphabet::Standard,
            Alphabet::UrlSafe => simd::Alphabet::UrlSafe,
        }
    }
}

/// Length of the encoding of `len` bytes.
///
/// ```
/// use jeton::base64::{encoded_len, Padding};
/// assert_eq!(encoded_len(20, Padding::Padded), 28);
/// assert_eq!(encoded_len(20, Padding::Unpadded), 27);
/// ```
pub const fn encoded_len(len: usize, padding: Padding) -> usize {
    let full = len / 3 * 4;
    match (len % 3, padding) {
        (0, _) => full,
        (_, Padding::Padded) => full + 4,
        (rem, _) => full + rem + 1,
    }
}

#[inline]
fn sextet(table: &[u8; 64], index: u32) -> u8 {
    table.get((index & 0x3F) as usize).copied().unwrap_or(b'A')
}

/// The characters of the top 48 bits of `n` (its low 16 bits are ignored,
/// so a group can be read as one 8-byte word where two more bytes follow).
#[inline(always)]
fn encode_word(table: &[u8; 64], n: u64) -> [u8; 8] {
    core::array::from_fn(|i| sextet(table, (n >> (58 - 6 * i)) as u32))
}

/// The group of six bytes at `at`, as the top 48 bits of a word: one 8-byte
/// read where the slice goes on for two more bytes.
#[inline(always)]
fn group_at(bytes: &[u8], at: usize) -> Option<u64> {
    if let Some(word) = bytes.get(at..at + 8) {
        return <[u8; 8]>::try_from(word).ok().map(u64::from_be_bytes);
    }
    let [a, b, c, d, e, f] = <[u8; 6]>::try_from(bytes.get(at..at + 6)?).ok()?;
    Some(u64::from_be_bytes([a, b, c, d, e, f, 0, 0]))
}

/// The last 0 to 5 bytes of an input as the top of a word. The bytes go in
/// by shifts: copying them into a stack group and reading it back as a
/// word stalls on store forwarding.
fn tail_word(rest: &[u8]) -> u64 {
    rest.iter()
        .take(5)
        .enumerate()
        .fold(0u64, |word, (i, &b)| word | u64::from(b) << (56 - 8 * i))
}

/// The characters of the `bytes` (0 to 5) input bytes at the top of
/// `word`, then `=` to the end of `dst` (which is as long as the padding
/// policy asks).
fn encode_tail(table: &[u8; 64], word: u64, bytes: usize, dst: &mut [u8]) {
    let chars = encode_word(table, word);
    let used = encoded_len(bytes, Padding::Unpadded).min(dst.len());
    let (text, padding) = dst.split_at_mut(used);
    if let Some(chars) = chars.get(..used) {
        text.copy_from_slice(chars);
    }
    padding.fill(b'=');
}

/// [`encode`] into an existing writer.
pub(crate) fn encode_into(input: &[u8], alphabet: Alphabet, padding: Padding, out: &mut Out<'_>) {
    encode_into_at(simd::level(), input, alphabet, padding, out);
}

/// [`encode_into`] with the SIMD kernels of `level` (which tests choose).
#[inline]
fn encode_into_at(
    level: simd::Level,
    input: &[u8],
    alphabet: Alphabet,
    padding: Padding,
    out: &mut Out<'_>,
) {
    let table = alphabet.encode_table();
    out.put_with(encoded_len(input.len(), padding), |dst| {
        let whole = input.len() / 6;
        let (_, tail) = input.split_at(whole * 6);
        let (body, rest) = dst.split_at_mut((whole * 8).min(dst.len()));
        // Whole blocks through the SIMD kernel, if any (a multiple of 6
        // bytes); the groups after them as below.
        let done = simd::base64_encode(level, input, body, alphabet.simd()) / 6;
        for (i, slot) in body.chunks_exact_mut(8).enumerate().skip(done) {
            if let (Some(group), Ok(slot)) =
                (group_at(input, i * 6), <&mut [u8; 8]>::try_from(slot))
            {
                *slot = encode_word(table, group);
            }
        }
        encode_tail(table, tail_word(tail), tail.len(), rest);
    });
}

/// Encodes the first `plain` bytes of `area` into the whole of `area`, in
/// place, with `=` padding to its end: `area` is exactly [`encoded_len`] of
/// them long under the padding wanted. Groups go last first: group `k`'s
/// characters start at `8k`, past the input of every group before it, so
/// no byte is overwritten before it is read. This lets formats write their
/// JSON or credentials straight into the output and encode them where they
/// lie.
pub(crate) fn encode_in_place(area: &mut [u8], plain: usize, alphabet: Alphabet) {
    encode_in_place_at(simd::level(), area, plain, alphabet);
}

/// [`encode_in_place`] with the SIMD kernels of `level` (which tests
/// choose): the groups the kernel leaves (the tail, and the last block or
/// so) go first, as below, then the kernel's blocks, last first too.
#[inline]
fn encode_in_place_at(level: simd::Level, area: &mut [u8], plain: usize, alphabet: Alphabet) {
    let table = alphabet.encode_table();
    // The plain bytes come first in `area` (an encoding is never shorter);
    // an `area` that broke that promise is left as it is.
    let Some((input, _)) = area.split_at_checked(plain) else {
        return;
    };
    let (groups, tail) = input.as_chunks::<6>();
    let whole = groups.len();
    let (word, bytes) = (tail_word(tail), tail.len());
    if let Some(dst) = area.get_mut(whole * 8..) {
        encode_tail(table, word, bytes, dst);
    }
    let blocks = simd::base64_in_place_len(level, whole * 6);
    for k in (blocks / 6..whole).rev() {
        let Some(group) = group_at(area, 6 * k) else {
            return;
        };
        if let Some(slot) = area.get_mut(8 * k..8 * k + 8) {
            slot.copy_from_slice(&encode_word(table, group));
        }
    }
    simd::base64_encode_in_place(level, area, blocks, alphabet.simd());
}

/// Replaces what `out` holds since `start` with its base64, encoded in
/// place (the length is counted either way). Formats write JSON or
/// credentials this way without a buffer of their own: every byte written
/// as plain text is overwritten by the encoding, and a result that does not
/// fit is wiped by [`Out::finish`].
pub(crate) fn encode_since(out: &mut Out<'_>, start: usize, alphabet: Alphabet, padding: Padding) {
    let plain = out.len().saturating_sub(start);
    // Encoding is never shorter than its input, so an area that fits means
    // the plain text fitted too.
    out.rewrite_since(start, encoded_len(plain, padding), |area| {
        encode_in_place(area, plain, alphabet);
    });
}

/// Encodes `input` into `out` and returns the length written.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] when `out` is shorter than
/// [`encoded_len`]`(input.len(), padding)`.
///
/// # Example
///
/// ```
/// use jeton::base64::{encode, Alphabet, Padding};
/// let mut buf = [0u8; 8];
/// let n = encode(b"\xfb\xff", Alphabet::UrlSafe, Padding::Unpadded, &mut buf)?;
/// assert_eq!(&buf[..n], b"-_8");
/// let n = encode(b"\xfb\xff", Alphabet::Standard, Padding::Padded, &mut buf)?;
/// assert_eq!(&buf[..n], b"+/8=");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode(
    input: &[u8],
    alphabet: Alphabet,
    padding: Padding,
    out: &mut [u8],
) -> Result<usize, Error> {
    let mut out = Out::new(out);
    encode_into(input, alphabet, padding, &mut out);
    out.finish()
}

/// Largest number of bytes `len` characters of base64 can decode to.
pub const fn decoded_len_max(len: usize) -> usize {
    len / 4 * 3 + (len % 4) * 3 / 4
}

/// Decodes the canonical base64 `input` into `out` and returns the length
/// written.
///
/// # Errors
///
/// - [`Error::InvalidBase64`] for a character outside the alphabet
///   (whitespace included), a length no encoding has, padding the policy
///   refuses (or its absence where it is required), or non-zero bits after
///   the last byte;
/// - [`Error::BufferTooSmall`] when `out` is too short.
///
/// On error `out` holds nothing of the result.
///
/// # Example
///
/// ```
/// use jeton::{Error, base64::{decode, Alphabet, Padding}};
/// let mut buf = [0u8; 8];
/// let n = decode(b"aGk", Alphabet::UrlSafe, Padding::Unpadded, &mut buf)?;
/// assert_eq!(&buf[..n], b"hi");
/// // "aGl" also ends in the bits of "hi", plus a stray 1: not canonical.
/// assert_eq!(decode(b"aGl", Alphabet::UrlSafe, Padding::Unpadded, &mut buf), Err(Error::InvalidBase64));
/// assert_eq!(decode(b"aGk=", Alphabet::UrlSafe, Padding::Unpadded, &mut buf), Err(Error::InvalidBase64));
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn decode(
    input: &[u8],
    alphabet: Alphabet,
    padding: Padding,
    out: &mut [u8],
) -> Result<usize, Error> {
    let body = strip_padding(input, padding)?;
    let mut out = Out::new(out);
    match decode_into(body, alphabet, &mut out) {
        Ok(()) => out.finish(),
        Err(e) => out.fail(e),
    }
}

/// `input` without its padding, after checking the padding policy.
pub(crate) fn strip_padding(input: &[u8], padding: Padding) -> Result<&[u8], Error> {
    let mut body = input;
    while let [rest @ .., b'='] = body {
        body = rest;
    }
    let pad = input.len() - body.len();
    let complete =
        input.len().is_multiple_of(4) && pad <= 2 && (pad == 0 || !body.len().is_multiple_of(4));
    let needs_pad = !body.len().is_multiple_of(4);
    let ok = match padding {
        Padding::Unpadded => pad == 0,
        Padding::Padded => complete && (pad > 0) == needs_pad,
        Padding::Either => pad == 0 || complete,
    };
    if ok {
        Ok(body)
    } else {
        Err(Error::InvalidBase64)
    }
}

/// Decodes unpadded base64 into a writer.
///
/// Whole groups of four characters are decoded straight into the output
/// slice; an invalid character maps to `0xFF`, whose high bit is OR-ed
/// into one flag checked once at the end, so the loop has no branch per
/// character.
pub(crate) fn decode_into(body: &[u8], alphabet: Alphabet, out: &mut Out<'_>) -> Result<(), Error> {
    decode_groups(body, alphabet, out, true)
}

/// [`decode_into`] that ignores the unused bits of the last character, as
/// Node's `Buffer.from(s, 'base64')` does (for credentials, not for
/// signatures).
pub(crate) fn decode_into_lenient(
    body: &[u8],
    alphabet: Alphabet,
    out: &mut Out<'_>,
) -> Result<(), Error> {
    decode_groups(body, alphabet, out, false)
}

fn decode_groups(
    body: &[u8],
    alphabet: Alphabet,
    out: &mut Out<'_>,
    strict_bits: bool,
) -> Result<(), Error> {
    decode_groups_at(simd::level(), body, alphabet, out, strict_bits)
}

/// [`decode_groups`] with the SIMD kernels of `level` (which tests choose).
#[inline]
fn decode_groups_at(
    level: simd::Level,
    body: &[u8],
    alphabet: Alphabet,
    out: &mut Out<'_>,
    strict_bits: bool,
) -> Result<(), Error> {
    let table = alphabet.decode_table();
    let groups = body.len() / 4;
    let (head, tail) = body.split_at(groups * 4);
    let mut bad = 0u8;
    let filled = out.put_with(groups * 3, |dst| {
        // Whole blocks through the SIMD kernel, if any; the rest as below.
        let (done, valid) = simd::base64_decode(level, head, dst, alphabet.simd());
        bad |= if valid { 0 } else { 0x80 };
        let (head, dst) = match (
            head.split_at_checked(done),
            dst.split_at_mut_checked(done / 4 * 3),
        ) {
            (Some((_, head)), Some((_, dst))) => (head, dst),
            // The kernel stays within both.
            _ => (head, dst),
        };
        // Two groups (8 characters, 6 bytes) per step, then one.
        let mut pairs = head.chunks_exact(8);
        let mut slots = dst.chunks_exact_mut(6);
        for (chars, bytes) in (&mut pairs).zip(&mut slots) {
            let mut n: u64 = 0;
            for &c in chars {
                let v = lookup(table, c);
                bad |= v;
                n = n << 6 | u64::from(v);
            }
            let word = (n << 16).to_be_bytes();
            if let Some(src) = word.get(..6) {
                bytes.copy_from_slice(src);
            }
        }
        let rest_chars = pairs.remainder();
        let rest_bytes = slots.into_remainder();
        for (chars, bytes) in rest_chars
            .chunks_exact(4)
            .zip(rest_bytes.chunks_exact_mut(3))
        {
            if let ([a, b, c, d], [x, y, z]) = (chars, bytes) {
                let (a, b, c, d) = (
                    lookup(table, *a),
                    lookup(table, *b),
                    lookup(table, *c),
                    lookup(table, *d),
                );
                bad |= a | b | c | d;
                let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
                *x = (n >> 16) as u8;
                *y = (n >> 8) as u8;
                *z = n as u8;
            }
        }
    });
    if !filled {
        // The output did not fit: still tell bad input from a small buffer.
        bad |= head.iter().fold(0, |acc, &c| acc | lookup(table, c));
    }
    let values = [
        tail.first().map_or(0, |&c| lookup(table, c)),
        tail.get(1).map_or(0, |&c| lookup(table, c)),
        tail.get(2).map_or(0, |&c| lookup(table, c)),
    ];
    bad |= values[0] | values[1] | values[2];
    if bad & 0x80 != 0 {
        return Err(Error::InvalidBase64);
    }
    let n = u32::from(values[0]) << 18 | u32::from(values[1]) << 12 | u32::from(values[2]) << 6;
    match tail.len() {
        0 => Ok(()),
        // Two characters carry one byte; the other four bits must be zero.
        2 if n & 0xFFFF == 0 || !strict_bits => {
            out.push((n >> 16) as u8);
            Ok(())
        }
        // Three carry two bytes; the last two bits must be zero.
        3 if n & 0xFF == 0 || !strict_bits => {
            out.push((n >> 16) as u8);
            out.push((n >> 8) as u8);
            Ok(())
        }
        _ => Err(Error::InvalidBase64),
    }
}

/// Longest input [`simd_agrees_with_scalar`] compares (the rest is
/// ignored): every kernel's blocks and overlaps, many times over.
#[cfg(any(test, fuzzing))]
const DIFFERENTIAL_MAX: usize = 1200;

/// What decoding `text` at `level` into `room` bytes gives: the verdict,
/// and the bytes when there are some.
#[cfg(any(test, fuzzing))]
fn decoded_at(
    level: simd::Level,
    text: &[u8],
    alphabet: Alphabet,
    strict: bool,
    room: usize,
    buf: &mut [u8; DIFFERENTIAL_MAX],
) -> Result<usize, Error> {
    let mut out = Out::new(buf.get_mut(..room).unwrap_or(&mut []));
    match decode_groups_at(level, text, alphabet, &mut out, strict) {
        Ok(()) => out.finish(),
        Err(e) => out.fail(e),
    }
}

/// For the differential fuzz target `simd` and the tests: whether every
/// SIMD level of this CPU decodes and encodes `input` (its first
/// [`DIFFERENTIAL_MAX`] bytes) exactly as the scalar code does. Decoding:
/// both alphabets, strict and lenient trailing bits, from each of its
/// first four bytes on (every block phase and alignment), into a buffer
/// that fits and into one a byte short. Encoding: the same suffixes into
/// a buffer and in place.
#[cfg(any(test, fuzzing))]
pub(crate) fn simd_agrees_with_scalar(input: &[u8]) -> bool {
    let input = input.get(..DIFFERENTIAL_MAX).unwrap_or(input);
    let mut want = [0u8; DIFFERENTIAL_MAX];
    let mut got = [0u8; DIFFERENTIAL_MAX];
    let mut same = true;
    for skip in 0..4 {
        let Some(text) = input.get(skip..) else {
            break;
        };
        for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
            for strict in [true, false] {
                let needed = text.len() / 4 * 3 + (text.len() % 4).saturating_sub(1);
                for room in [needed, needed.saturating_sub(1)] {
                    let scalar =
                        decoded_at(simd::Level::Scalar, text, alphabet, strict, room, &mut want);
                    for level in simd::levels() {
                        let simd = decoded_at(level, text, alphabet, strict, room, &mut got);
                        same &= simd == scalar
                            && match scalar {
                                Ok(n) => want.get(..n) == got.get(..n),
                                Err(_) => true,
                            };
                    }
                }
            }
            // Encoding: the plain bytes first in both buffers, as in place.
            let len = encoded_len(text.len(), Padding::Unpadded);
            if len > DIFFERENTIAL_MAX {
                continue;
            }
            let mut one_shot = [0u8; DIFFERENTIAL_MAX];
            let mut scalar_out = Out::new(&mut one_shot);
            encode_into_at(
                simd::Level::Scalar,
                text,
                alphabet,
                Padding::Unpadded,
                &mut scalar_out,
            );
            for level in simd::levels() {
                let mut buf = [0u8; DIFFERENTIAL_MAX];
                let mut out = Out::new(&mut buf);
                encode_into_at(level, text, alphabet, Padding::Unpadded, &mut out);
                same &= out.written() == one_shot.get(..len);
                let mut area = [0u8; DIFFERENTIAL_MAX];
                if let Some(area) = area.get_mut(..len) {
                    if let Some(head) = area.get_mut(..text.len()) {
                        head.copy_from_slice(text);
                    }
                    encode_in_place_at(level, area, text.len(), alphabet);
                    same &= one_shot.get(..len) == Some(&*area);
                }
            }
        }
    }
    same
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::{Bytes, bytes};
    use base64ct::Encoding;

    /// Under Miri (an interpreter, about a thousand times slower) the
    /// exhaustive loops take every `MIRI_STRIDE`-th case.
    const MIRI_STRIDE: usize = if cfg!(miri) { 29 } else { 1 };

    fn enc(input: &[u8], alphabet: Alphabet, padding: Padding) -> Bytes {
        let mut buf = [0u8; 128];
        let n = encode(input, alphabet, padding, &mut buf).unwrap();
        assert_eq!(n, encoded_len(input.len(), padding));
        bytes(&buf[..n])
    }

    fn dec(input: &[u8], alphabet: Alphabet, padding: Padding) -> Result<Bytes, Error> {
        let mut buf = [0u8; 128];
        decode(input, alphabet, padding, &mut buf).map(|n| bytes(&buf[..n]))
    }

    /// The same bytes encoded by base64ct, an independent implementation.
    fn reference(input: &[u8], alphabet: Alphabet, padding: Padding) -> Bytes {
        let mut buf = [0u8; 512];
        let text = match (alphabet, padding) {
            (Alphabet::Standard, Padding::Padded) => base64ct::Base64::encode(input, &mut buf),
            (Alphabet::Standard, _) => base64ct::Base64Unpadded::encode(input, &mut buf),
            (Alphabet::UrlSafe, Padding::Padded) => base64ct::Base64Url::encode(input, &mut buf),
            (Alphabet::UrlSafe, _) => base64ct::Base64UrlUnpadded::encode(input, &mut buf),
        };
        bytes(text.unwrap().as_bytes())
    }

    /// Bytes 0, 1, ..., 255, 0, 1, ...
    fn counting<const N: usize>() -> [u8; N] {
        core::array::from_fn(|i| i as u8)
    }

    /// RFC 4648 section 10.
    #[test]
    fn rfc4648_test_vectors() {
        let cases: [(&[u8], &[u8]); 7] = [
            (b"", b""),
            (b"f", b"Zg=="),
            (b"fo", b"Zm8="),
            (b"foo", b"Zm9v"),
            (b"foob", b"Zm9vYg=="),
            (b"fooba", b"Zm9vYmE="),
            (b"foobar", b"Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(*enc(plain, Alphabet::Standard, Padding::Padded), *encoded);
            assert_eq!(
                *dec(encoded, Alphabet::Standard, Padding::Padded).unwrap(),
                *plain
            );
            assert_eq!(
                *dec(encoded, Alphabet::Standard, Padding::Either).unwrap(),
                *plain
            );
            let mut unpadded = bytes(encoded);
            unpadded.retain(|&b| b != b'=');
            assert_eq!(enc(plain, Alphabet::UrlSafe, Padding::Unpadded), unpadded);
            assert_eq!(
                *dec(&unpadded, Alphabet::UrlSafe, Padding::Unpadded).unwrap(),
                *plain
            );
            assert_eq!(
                *dec(&unpadded, Alphabet::Standard, Padding::Either).unwrap(),
                *plain
            );
            if unpadded.len() != encoded.len() {
                assert!(dec(&unpadded, Alphabet::Standard, Padding::Padded).is_err());
                assert!(dec(encoded, Alphabet::Standard, Padding::Unpadded).is_err());
            }
        }
    }

    #[test]
    fn refuses_everything_non_canonical() {
        let bad: [(&[u8], Padding); 12] = [
            (b"Zg", Padding::Padded),
            (b"Zg=", Padding::Padded),
            (b"Zg=", Padding::Either),
            (b"Zg===", Padding::Either),
            (b"Zm9v=", Padding::Either),
            (b"Zm9v====", Padding::Either),
            (b"Zh", Padding::Unpadded),
            (b"Zm9", Padding::Unpadded),
            (b"Z", Padding::Unpadded),
            (b"Zm 9v", Padding::Unpadded),
            (b"Zm9v\n", Padding::Unpadded),
            (b"=Zm9", Padding::Either),
        ];
        for (input, padding) in bad {
            assert_eq!(
                dec(input, Alphabet::Standard, padding),
                Err(Error::InvalidBase64),
                "{input:?}"
            );
        }
        assert!(dec(b"-_8", Alphabet::Standard, Padding::Unpadded).is_err());
        assert!(dec(b"+/8", Alphabet::UrlSafe, Padding::Unpadded).is_err());
        assert_eq!(
            *dec(b"-_8", Alphabet::UrlSafe, Padding::Unpadded).unwrap(),
            *b"\xfb\xff"
        );
    }

    #[test]
    fn in_place_matches_one_shot() {
        let input: [u8; 512] = core::array::from_fn(|i| (i * 167 % 256) as u8);
        for len in (0..=300).step_by(MIRI_STRIDE) {
            for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
                for padding in [Padding::Unpadded, Padding::Padded] {
                    let data = &input[len % 7..len % 7 + len];
                    let expected = reference(data, alphabet, padding);
                    let mut area = [0xAAu8; 512];
                    let area = &mut area[..expected.len()];
                    area[..len].copy_from_slice(data);
                    encode_in_place(area, len, alphabet);
                    assert_eq!(*area, *expected, "length {len} {padding:?}");
                }
            }
        }
    }

    #[test]
    fn encodes_what_was_written_in_place() {
        let mut buf = [0u8; 16];
        let mut out = Out::new(&mut buf);
        out.put(b"x.");
        out.put(b"hello");
        encode_since(&mut out, 2, Alphabet::UrlSafe, Padding::Unpadded);
        out.push(b'.');
        let n = out.finish().unwrap();
        assert_eq!(&buf[..n], b"x.aGVsbG8.");
        let mut out = Out::new(&mut buf);
        out.put(b"hello");
        encode_since(&mut out, 0, Alphabet::Standard, Padding::Padded);
        let n = out.finish().unwrap();
        assert_eq!(&buf[..n], b"aGVsbG8=", "RFC 4648 padding");
        // Too small: the length the encoding needs is still counted.
        let mut small = [0u8; 8];
        let mut out = Out::new(&mut small);
        out.put(b"x.hello");
        encode_since(&mut out, 2, Alphabet::UrlSafe, Padding::Unpadded);
        assert_eq!(out.finish(), Err(Error::BufferTooSmall { needed: 9 }));
        assert_eq!(small, [0u8; 8]);
    }

    #[test]
    fn all_byte_values_round_trip() {
        let data: [u8; 256] = counting();
        let mut encoded = [0u8; 400];
        let mut decoded = [0u8; 300];
        for len in (0..=data.len()).step_by(MIRI_STRIDE) {
            for alphabet in [Alphabet::Standard, Alphabet::UrlSafe] {
                for padding in [Padding::Padded, Padding::Unpadded] {
                    let n = encode(&data[..len], alphabet, padding, &mut encoded).unwrap();
                    assert_eq!(encoded[..n], *reference(&data[..len], alphabet, padding));
                    let m = decode(&encoded[..n], alphabet, padding, &mut decoded).unwrap();
                    assert_eq!(&decoded[..m], &data[..len]);
                    assert!(m <= decoded_len_max(n));
                }
            }
        }
    }
    /// Decodes `input` at `level` into a fresh buffer of `room` bytes:
    /// the verdict, and the bytes when there is one.
    fn dec_at(
        level: simd::Level,
        input: &[u8],
        alphabet: Alphabet,
        strict: bool,
        room: usize,
    ) -> Result<Bytes, Error> {
        let mut buf = [0xAAu8; 512];
        let mut out = Out::new(&mut buf[..room]);
        match decode_groups_at(level, input, alphabet, &mut out, strict) {
            Ok(()) => out.finish().map(|n| bytes(&buf[..n])),
            Err(e) => out.fail(e),
        }
    }

    /// Every SIMD level decodes as the scalar code does: the same verdict
    /// and the same bytes, for every length and alignment, every byte
    /// value at every position, the trailing bits and a short output.
    #[test]
    fn simd_decoding_agrees_with_scalar() {
        let data: [u8; 300] = core::array::from_fn(|i| (i * 151 % 256) as u8);
        let mut text = [0u8; 420];
        for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
            for level in simd::levels() {
                for len in (0..=300).step_by(MIRI_STRIDE) {
                    let n = encode(&data[..len], alphabet, Padding::Unpadded, &mut text).unwrap();
                    for start in 0..4.min(n + 1) {
                        let input = &text[start..n];
                        for strict in [true, false] {
                            let want = dec_at(simd::Level::Scalar, input, alphabet, strict, 400);
                            assert_eq!(
                                dec_at(level, input, alphabet, strict, 400),
                                want,
                                "{level:?} {len} {start}"
                            );
                            if start == 0 {
                                assert_eq!(*want.unwrap(), data[..len]);
                            }
                        }
                        // One byte short of room, and none.
                        let needed = input.len() * 3 / 4;
                        for room in [needed.saturating_sub(1), 0] {
                            assert_eq!(
                                dec_at(level, input, alphabet, true, room),
                                dec_at(simd::Level::Scalar, input, alphabet, true, room),
                            );
                        }
                    }
                }
                // Every byte value at every position of a 100-character
                // text (blocks of 64, 32 and 16, and the scalar tail).
                let n = encode(&data[..75], alphabet, Padding::Unpadded, &mut text).unwrap();
                assert_eq!(n, 100);
                for at in (0..n).step_by(MIRI_STRIDE) {
                    for b in (0..=255u8).step_by(MIRI_STRIDE) {
                        let mut input = text;
                        input[at] = b;
                        let want = dec_at(simd::Level::Scalar, &input[..n], alphabet, true, 400);
                        assert_eq!(want.is_ok(), alphabet.encode_table().contains(&b));
                        assert_eq!(
                            dec_at(level, &input[..n], alphabet, true, 400),
                            want,
                            "{level:?} {at} {b:#x}"
                        );
                    }
                }
                // Trailing bits: every last character after 2 and 3.
                for len in [64 + 2, 64 + 3, 96 + 2, 2, 3] {
                    for &c in alphabet.encode_table() {
                        let mut input = text;
                        input[len - 1] = c;
                        assert_eq!(
                            dec_at(level, &input[..len], alphabet, true, 400),
                            dec_at(simd::Level::Scalar, &input[..len], alphabet, true, 400),
                        );
                    }
                }
            }
        }
    }

    /// Every SIMD level encodes as the scalar code does, into a buffer and
    /// in place, for every length and alignment.
    #[test]
    fn simd_encoding_agrees_with_scalar() {
        let data: [u8; 400] = core::array::from_fn(|i| (i * 97 % 256) as u8);
        for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
            for level in simd::levels() {
                for len in (0..=300).step_by(MIRI_STRIDE) {
                    for start in [0, 1, 5, 7] {
                        let input = &data[start..start + len];
                        let expected = reference(input, alphabet, Padding::Unpadded);
                        let mut buf = [0u8; 512];
                        let mut out = Out::new(&mut buf);
                        encode_into_at(level, input, alphabet, Padding::Unpadded, &mut out);
                        let n = out.finish().unwrap();
                        assert_eq!(buf[..n], *expected, "{level:?} {len} {start}");
                        let mut area = [0x55u8; 512];
                        area[..len].copy_from_slice(input);
                        encode_in_place_at(level, &mut area[..expected.len()], len, alphabet);
                        assert_eq!(area[..n], *expected, "in place {level:?} {len} {start}");
                        assert!(area[n..].iter().all(|&b| b == 0x55));
                    }
                }
            }
        }
    }
    /// The fuzz target's oracle on systematic inputs: text of every length
    /// up to 140 in each alphabet, the same with a byte outside both, and
    /// raw bytes.
    #[test]
    fn the_differential_oracle_holds() {
        let data: [u8; 200] = core::array::from_fn(|i| (i * 151 % 256) as u8);
        let mut text = [0u8; 300];
        for len in (0..=105).step_by(MIRI_STRIDE) {
            for alphabet in [Alphabet::UrlSafe, Alphabet::Standard] {
                let n = encode(&data[..len], alphabet, Padding::Unpadded, &mut text).unwrap();
                assert!(simd_agrees_with_scalar(&text[..n]), "{len}");
                if n > 0 {
                    let mut bad = text;
                    bad[len % n] = b'.';
                    assert!(simd_agrees_with_scalar(&bad[..n]), "{len}");
                }
            }
            assert!(simd_agrees_with_scalar(&data[..len]));
        }
    }
}
