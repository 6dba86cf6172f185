//! A fast reader for the shape nearly every JWT claims set has: one flat
//! object, no whitespace, plain ASCII names and strings, integers,
//! literals and arrays of plain strings (`aud`).
//!
//! It answers "read" only for documents the full validator accepts with
//! unique member names, and then hands the visitor exactly the members the
//! validator would. For anything else, including every error, it answers
//! "unusual" and the caller runs the full validator, which alone decides
//! what is wrong and says so precisely. A fuzz target checks the two agree.

use super::index::INDEX_CAPACITY;
use super::string_run::json_string_run;
use super::{Kind, Limits, MemberIndex, Value};
use crate::search::{first_marked, word_at};
use crate::simd;

/// Reads `bytes` as a flat object, noting each member in `index` and
/// calling `visit(name, value)` for it in order (names are plain: no
/// escapes). Returns `false` when the document is outside the fast shape,
/// exceeds `limits` or what `index` holds, repeats a name, or `visit`
/// returns `false`; the caller must then not trust anything the visitor
/// or the index saw.
pub(crate) fn read_flat_object<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    visit: impl FnMut(&'a [u8], Value<'a>) -> bool,
) -> bool {
    // Where the target has vectors, one pass marks every quote and finds
    // any byte a plain string cannot hold. A document with such a byte is
    // outside the shape (outside strings the shape has none either); in
    // any other, the first quote from a position is exactly where the
    // string scan would stop.
    let mut map = simd::QuoteMap::new();
    match map.fill(bytes) {
        Some(true) => read(bytes, limits, index, visit, |from| map.next(from)),
        Some(false) => {
            index.reset();
            false
        }
        None => read(bytes, limits, index, visit, |from| {
            json_string_run(bytes, from, true)
        }),
    }
}

/// [`read_flat_object`] with `run(from)`, the first byte from `from` on
/// that a plain string cannot hold (`bytes.len()` when there is none).
#[inline(always)]
fn read<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    mut visit: impl FnMut(&'a [u8], Value<'a>) -> bool,
    run: impl Fn(usize) -> usize,
) -> bool {
    index.reset();
    // Every offset fits the index's 16 bits.
    if limits.max_depth == 0 || bytes.first() != Some(&b'{') || bytes.len() > usize::from(u16::MAX)
    {
        return false;
    }
    let mut pos = 1;
    if bytes.get(pos) == Some(&b'}') {
        return bytes.len() == 2;
    }
    let max_members = limits.max_members.min(INDEX_CAPACITY);
    let mut filter = 0u64;
    let mut count = 0;
    loop {
        // "name":
        let Some(name_end) = plain_string(bytes, pos, &run) else {
            return false;
        };
        let name = bytes.get(pos + 1..name_end - 1).unwrap_or(&[]);
        if count == max_members || bytes.get(name_end) != Some(&b':') {
            return false;
        }
        let bit = 1u64 << name_bucket(name);
        if filter & bit != 0 {
            index.set_len(count);
            if index.has_name(bytes, name, false) {
                return false;
            }
        }
        filter |= bit;

        // value
        let value_start = name_end + 1;
        let Some((kind, value_end)) = value(bytes, value_start, limits.max_depth, &run) else {
            return false;
        };
        let raw = bytes.get(value_start..value_end).unwrap_or(&[]);
        // In range: the document is at most u16::MAX long (checked above),
        // and `count` below the index's capacity.
        let offsets = [pos + 1, name_end - 1, value_start, value_end].map(|o| o as u16);
        index.put(count, offsets);
        count += 1;
        if !visit(name, Value::new(kind, raw)) {
            return false;
        }

        // , or }
        match bytes.get(value_end) {
            Some(b',') => pos = value_end + 1,
            Some(b'}') => {
                index.set_len(count);
                return value_end + 1 == bytes.len();
            }
            _ => return false,
        }
    }
}

/// One of 64 buckets for a name, so that most names are known to be new
/// without comparing them with every earlier one.
#[inline(always)]
fn name_bucket(name: &[u8]) -> u32 {
    // First two bytes, last byte and length: enough to tell the registered
    // claims apart, and no byte-by-byte copy into a word.
    let byte = |b: Option<&u8>| u64::from(b.copied().unwrap_or(0));
    let key = byte(name.first())
        | byte(name.get(1)) << 8
        | byte(name.last()) << 16
        | (name.len() as u64) << 24;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as u32
}

/// A value at `pos` in the fast shape: its kind and where it ends.
#[inline(always)]
fn value(
    bytes: &[u8],
    pos: usize,
    max_depth: usize,
    run: &impl Fn(usize) -> usize,
) -> Option<(Kind, usize)> {
    match bytes.get(pos)? {
        b'"' => Some((Kind::String, plain_string(bytes, pos, run)?)),
        b'-' | b'0'..=b'9' => Some((Kind::Number, integer(bytes, pos)?)),
        b't' => Some((Kind::Bool, literal(bytes, pos, b"true")?)),
        b'f' => Some((Kind::Bool, literal(bytes, pos, b"false")?)),
        b'n' => Some((Kind::Null, literal(bytes, pos, b"null")?)),
        b'[' if max_depth >= 2 => Some((Kind::Array, string_array(bytes, pos, run)?)),
        _ => None,
    }
}

/// A string without escapes, control characters or non-ASCII bytes,
/// starting at its opening quote; returns the index past its closing
/// quote.
#[inline(always)]
fn plain_string(bytes: &[u8], pos: usize, run: &impl Fn(usize) -> usize) -> Option<usize> {
    if bytes.get(pos) != Some(&b'"') {
        return None;
    }
    let at = run(pos + 1);
    (bytes.get(at) == Some(&b'"')).then_some(at + 1)
}

/// SWAR: the high bit of each byte of `x` that is not an ASCII digit
/// (exact in every byte: the additions stay within bytes).
#[inline(always)]
const fn bytes_not_digits(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let v = x & LOW7;
    // High bit of `v + 0x50`: v >= 0x30; of `v + 0x46`: v >= 0x3A.
    (x | !(v + 0x5050_5050_5050_5050) | (v + 0x4646_4646_4646_4646)) & !LOW7
}

/// Index of the first byte from `from` on that is not an ASCII digit
/// (`bytes.len()` when there is none), eight bytes at a time.
#[inline(always)]
fn digits_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(word) = word_at(bytes, from) {
        let stop = bytes_not_digits(word);
        if stop != 0 {
            return from + first_marked(stop);
        }
        from += 8;
    }
    let rest = bytes.get(from..).unwrap_or(&[]);
    from + rest.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// `-?(0|[1-9][0-9]*)`: an integer in JSON's grammar, with no fraction or
/// exponent (those go to the full validator).
#[inline(always)]
fn integer(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + usize::from(bytes.get(pos) == Some(&b'-'));
    match bytes.get(at)? {
        b'0' => at += 1,
        b'1'..=b'9' => at = digits_end(bytes, at + 1),
        _ => return None,
    }
    // What follows must end the value here.
    matches!(bytes.get(at), Some(b',' | b'}' | b']')).then_some(at)
}

#[inline(always)]
fn literal(bytes: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    let end = pos + word.len();
    (bytes.get(pos..end) == Some(word)).then_some(end)
}

/// `[]` or `["a","b",...]` of plain strings; returns the index past `]`.
fn string_array(bytes: &[u8], pos: usize, run: &impl Fn(usize) -> usize) -> Option<usize> {
    let mut at = pos + 1;
    if bytes.get(at) == Some(&b']') {
        return Some(at + 1);
    }
    loop {
        at = plain_string(bytes, at, run)?;
        match bytes.get(at)? {
            b',' => at += 1,
            b']' => return Some(at + 1),
            _ => return None,
        }
    }
}

/// Whether the fast reader agrees with the full validator on `input`:
/// whenever it reads a document, the validator accepts it (with unique
/// names, as the fast reader demands), reports the same members and
/// fills the same index. Both ways of finding where strings end are
/// checked: the quote map (where the target has one) and the string scan.
/// For the unit tests and the json fuzz target.
#[cfg(any(test, fuzzing))]
pub(crate) fn agrees_with_validator(input: &[u8], limits: &Limits) -> bool {
    let limits = Limits {
        unique_members: true,
        ..*limits
    };
    let mut map = simd::QuoteMap::new();
    let filled = map.fill(input);
    let mut same = true;
    for use_map in [false, true] {
        let mut fast: crate::list::List<(&[u8], Value<'_>), INDEX_CAPACITY> =
            crate::list::List::filled((&[], Value::new(Kind::Null, &[])));
        let mut index = MemberIndex::new();
        let push = |name, value| fast.push((name, value)).is_ok();
        let read_it = match (use_map, filled) {
            (true, Some(true)) => read(input, &limits, &mut index, push, |from| map.next(from)),
            (true, _) => false,
            (false, _) => read(input, &limits, &mut index, push, |from| {
                json_string_run(input, from, true)
            }),
        };
        // A document with a byte no plain string holds is never read.
        if filled == Some(false) {
            same &= !read_it;
        }
        if !read_it {
            continue;
        }
        let mut seen = 0;
        let mut members_same = true;
        let mut validated = MemberIndex::new();
        let root = super::scan::validate(
            input,
            &limits,
            &mut validated,
            Some(&mut |name, escaped, value| {
                members_same &= !escaped && fast.get(seen) == Some(&(name, value));
                seen += 1;
                Ok(())
            }),
        );
        same &= root.is_ok_and(|r| r.kind() == Kind::Object)
            && members_same
            && seen == fast.len()
            && index == validated;
    }
    same
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::List;

    const STRICT: Limits = Limits {
        max_depth: 64,
        max_members: 256,
        unique_members: true,
    };

    /// The members the fast reader hands out, when it reads `doc`.
    fn flat<'a>(
        doc: &'a [u8],
        limits: &Limits,
    ) -> Option<List<(&'a [u8], Value<'a>), INDEX_CAPACITY>> {
        let mut seen = List::filled((&[][..], Value::new(Kind::Null, &[])));
        let mut index = MemberIndex::new();
        read_flat_object(doc, limits, &mut index, |name, value| {
            seen.push((name, value)).is_ok()
        })
        .then_some(seen)
    }

    fn agrees(doc: &[u8], limits: &Limits) -> bool {
        agrees_with_validator(doc, limits)
    }

    #[test]
    fn reads_the_usual_claims() {
        let doc = br#"{"iss":"https://auth.example.com","aud":["a","b"],"exp":4102444800,"neg":-5,"zero":0,"t":true,"f":false,"n":null,"e":[]}"#;
        let members = flat(doc, &STRICT).expect("fast shape");
        assert_eq!(members.len(), 9);
        assert_eq!(members[1].1.kind(), Kind::Array);
        assert_eq!(members[2].1.raw(), b"4102444800");
        assert_eq!(members[3].1.raw(), b"-5");
        assert!(agrees(doc, &STRICT));
        assert!(flat(b"{}", &STRICT).is_some_and(|m| m.is_empty()));
    }

    #[test]
    fn leaves_everything_else_to_the_validator() {
        let unusual: [&[u8]; 26] = [
            b"",
            b"[]",
            b"{",
            b"{} ",
            b" {}",
            br#"{"a":1 }"#,
            br#"{"a" :1}"#,
            br#"{"a":1,}"#,
            br#"{"a":1}x"#,
            br#"{"a\u0062":1}"#,
            br#"{"a":"\n"}"#,
            "{\"a\":\"\u{e9}\"}".as_bytes(),
            b"{\"a\":\"\x01\"}",
            br#"{"a":1.5}"#,
            br#"{"a":1e3}"#,
            br#"{"a":01}"#,
            br#"{"a":-}"#,
            br#"{"a":tru}"#,
            br#"{"a":truex}"#,
            br#"{"a":{}}"#,
            br#"{"a":[1]}"#,
            br#"{"a":["x",]}"#,
            br#"{"a":1,"a":2}"#,
            br#"{"abc":1,"xyz":2,"abc":3}"#,
            br#"{"a":1"b":2}"#,
            br#"{"a":"unterminated}"#,
        ];
        for doc in unusual {
            assert!(
                flat(doc, &STRICT).is_none(),
                "{:?}",
                core::str::from_utf8(doc)
            );
        }
    }

    #[test]
    fn respects_the_limits() {
        let doc = br#"{"a":1,"b":["x"]}"#;
        let two = Limits {
            max_members: 2,
            ..STRICT
        };
        let one = Limits {
            max_members: 1,
            ..STRICT
        };
        let shallow = Limits {
            max_depth: 1,
            ..STRICT
        };
        assert!(flat(doc, &two).is_some());
        assert!(flat(doc, &one).is_none());
        assert!(flat(doc, &shallow).is_none());
        assert!(
            flat(
                b"{}",
                &Limits {
                    max_depth: 0,
                    ..STRICT
                }
            )
            .is_none()
        );
        // As many members as the fast reader remembers, then one more.
        let object = |members: u64, buf: &mut [u8; 512]| {
            let mut out = crate::out::Out::new(buf);
            out.push(b'{');
            for i in 0..members {
                out.put(if i == 0 { b"\"k" } else { b",\"k" });
                out.put_u64(i);
                out.put(b"\":1");
            }
            out.push(b'}');
            out.finish().unwrap()
        };
        let mut buf = [0u8; 512];
        let n = object(INDEX_CAPACITY as u64, &mut buf);
        assert!(flat(&buf[..n], &STRICT).is_some());
        let n = object(INDEX_CAPACITY as u64 + 1, &mut buf);
        assert!(flat(&buf[..n], &STRICT).is_none());
    }

    #[test]
    fn a_refusing_visitor_stops_the_read() {
        assert!(!read_flat_object(
            br#"{"a":1}"#,
            &STRICT,
            &mut MemberIndex::new(),
            |_, _| false
        ));
    }

    /// Every cut and many single-byte changes of a claims set: the fast
    /// reader never reads what the validator would refuse or see
    /// differently. (The json fuzz target checks the same on every input,
    /// JSONTestSuite among its seeds.)
    #[test]
    fn agrees_with_the_validator() {
        let claims = br#"{"iss":"https://auth.example.com","sub":"user-1","aud":["x","y"],"exp":4102444800,"ok":true,"n":null}"#;
        // Whole, it is read; no cut of it is (none is a complete object).
        assert!(flat(claims, &STRICT).is_some() && agrees(claims, &STRICT));
        for end in 0..=claims.len() {
            for start in 0..end.min(3) {
                if (start, end) != (0, claims.len()) {
                    assert!(flat(&claims[start..end], &STRICT).is_none());
                }
            }
        }
        let mut read = 0;
        let mut mutated = *claims;
        // Under Miri (an interpreter), every 11th position.
        for i in (0..claims.len()).step_by(if cfg!(miri) { 11 } else { 1 }) {
            for b in [
                b'"', b'\\', b',', b':', b'}', b']', b'[', b' ', b'0', b'-', b'a', 0x80,
            ] {
                mutated[i] = b;
                assert!(
                    agrees(&mutated, &STRICT),
                    "{:?}",
                    core::str::from_utf8(&mutated)
                );
                read += usize::from(flat(&mutated, &STRICT).is_some());
            }
            mutated[i] = claims[i];
        }
        // Enough of the changes stay in the fast shape for the check to
        // mean something.
        assert!(read > if cfg!(miri) { 10 } else { 100 }, "{read}");
    }
    /// The quote map answers as the string scan does on every document it
    /// calls clean, and calls a document clean exactly when no byte is a
    /// stop of a plain string: every byte value at several positions of
    /// documents around its 16- and 64-byte steps, and at its limit.
    #[test]
    fn the_quote_map_answers_as_the_scan() {
        let base: [u8; 1025] = core::array::from_fn(|i| {
            if i % 7 == 3 {
                b'"'
            } else {
                b'a' + (i % 26) as u8
            }
        });
        let kernel = simd::QuoteMap::new().fill(&[b' '; 16]).is_some();
        for len in [
            1, 15, 16, 17, 31, 33, 47, 63, 64, 65, 79, 130, 1023, 1024, 1025,
        ] {
            for at in [0, len / 2, len - 1] {
                // Under Miri, every 29th value (no kernel runs there).
                for b in (0..=255u8).step_by(if cfg!(miri) { 29 } else { 1 }) {
                    let mut doc = base;
                    doc[at] = b;
                    let doc = &doc[..len];
                    let mut map = simd::QuoteMap::new();
                    let filled = map.fill(doc);
                    let clean = !doc
                        .iter()
                        .any(|&c| c == b'\\' || !(0x20..0x80).contains(&c));
                    let expected = (kernel && (16..=1024).contains(&len)).then_some(clean);
                    assert_eq!(filled, expected, "{len} {at} {b:#x}");
                    if filled == Some(true) {
                        let near = at.saturating_sub(9)..(at + 9).min(len + 2);
                        for from in near.chain([0, len, len + 1, len + 70]) {
                            assert_eq!(map.next(from), json_string_run(doc, from, true));
                        }
                    }
                }
            }
        }
    }
}
