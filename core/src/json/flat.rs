//! A fast reader for the shape nearly every JWT claims set has: one flat
//! object, no whitespace, plain ASCII names and strings, integers,
//! literals and arrays of plain strings (`aud`).
//!
//! It answers "read" only for documents the full validator accepts with
//! unique member names, and then hands the visitor exactly the members the
//! validator would. For anything else, including every error, it answers
//! "unusual" and the caller runs the full validator, which alone decides
//! what is wrong and says so precisely. A fuzz target checks the two agree.

use super::{Kind, Limits, Value};
use crate::class::json_string_run;

/// Top-level members the duplicate check remembers; a larger object is
/// left to the full validator.
const MAX_MEMBERS: usize = 24;

/// Reads `bytes` as a flat object, calling `visit(name, value)` for each
/// member in order (names are plain: no escapes). Returns `false` when the
/// document is outside the fast shape, exceeds `limits`, repeats a name,
/// or `visit` returns `false`; the caller must then not trust anything the
/// visitor saw.
pub(crate) fn read_flat_object<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    mut visit: impl FnMut(&'a [u8], Value<'a>) -> bool,
) -> bool {
    if limits.max_depth == 0 || bytes.first() != Some(&b'{') {
        return false;
    }
    let mut pos = 1;
    if bytes.get(pos) == Some(&b'}') {
        return bytes.len() == 2;
    }
    let max_members = limits.max_members.min(MAX_MEMBERS);
    let mut names: [&[u8]; MAX_MEMBERS] = [&[]; MAX_MEMBERS];
    let mut count = 0;
    let mut filter = 0u64;
    loop {
        // "name":
        let Some(name_end) = plain_string(bytes, pos) else {
            return false;
        };
        let name = bytes.get(pos + 1..name_end - 1).unwrap_or(&[]);
        if count == max_members || bytes.get(name_end) != Some(&b':') {
            return false;
        }
        let bit = 1u64 << name_bucket(name);
        if filter & bit != 0 && names.iter().take(count).any(|&seen| seen == name) {
            return false;
        }
        filter |= bit;
        if let Some(slot) = names.get_mut(count) {
            *slot = name;
        }
        count += 1;

        // value
        let value_start = name_end + 1;
        let Some((kind, value_end)) = value(bytes, value_start, limits.max_depth) else {
            return false;
        };
        let raw = bytes.get(value_start..value_end).unwrap_or(&[]);
        if !visit(name, Value::new(kind, raw)) {
            return false;
        }

        // , or }
        match bytes.get(value_end) {
            Some(b',') => pos = value_end + 1,
            Some(b'}') => return value_end + 1 == bytes.len(),
            _ => return false,
        }
    }
}

/// One of 64 buckets for a name, so that most names are known to be new
/// without comparing them with every earlier one.
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
fn value(bytes: &[u8], pos: usize, max_depth: usize) -> Option<(Kind, usize)> {
    match bytes.get(pos)? {
        b'"' => Some((Kind::String, plain_string(bytes, pos)?)),
        b'-' | b'0'..=b'9' => Some((Kind::Number, integer(bytes, pos)?)),
        b't' => Some((Kind::Bool, literal(bytes, pos, b"true")?)),
        b'f' => Some((Kind::Bool, literal(bytes, pos, b"false")?)),
        b'n' => Some((Kind::Null, literal(bytes, pos, b"null")?)),
        b'[' if max_depth >= 2 => Some((Kind::Array, string_array(bytes, pos)?)),
        _ => None,
    }
}

/// A string without escapes, control characters or non-ASCII bytes,
/// starting at its opening quote; returns the index past its closing
/// quote.
#[inline(always)]
fn plain_string(bytes: &[u8], pos: usize) -> Option<usize> {
    if bytes.get(pos) != Some(&b'"') {
        return None;
    }
    let at = json_string_run(bytes, pos + 1, true);
    (bytes.get(at) == Some(&b'"')).then_some(at + 1)
}

/// `-?(0|[1-9][0-9]*)`: an integer in JSON's grammar, with no fraction or
/// exponent (those go to the full validator).
fn integer(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + usize::from(bytes.get(pos) == Some(&b'-'));
    match bytes.get(at)? {
        b'0' => at += 1,
        b'1'..=b'9' => {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
        _ => return None,
    }
    // What follows must end the value here.
    matches!(bytes.get(at), Some(b',' | b'}' | b']')).then_some(at)
}

fn literal(bytes: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    let end = pos + word.len();
    (bytes.get(pos..end) == Some(word)).then_some(end)
}

/// `[]` or `["a","b",...]` of plain strings; returns the index past `]`.
fn string_array(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + 1;
    if bytes.get(at) == Some(&b']') {
        return Some(at + 1);
    }
    loop {
        at = plain_string(bytes, at)?;
        match bytes.get(at)? {
            b',' => at += 1,
            b']' => return Some(at + 1),
            _ => return None,
        }
    }
}

/// Whether the fast reader agrees with the full validator on `input`:
/// whenever it reads a document, the validator accepts it (with unique
/// names, as the fast reader demands) and reports the same members. For
/// the unit tests and the json fuzz target.
#[cfg(any(test, fuzzing))]
pub(crate) fn agrees_with_validator(input: &[u8], limits: &Limits) -> bool {
    let limits = Limits {
        unique_members: true,
        ..*limits
    };
    let mut fast: crate::list::List<(&[u8], Value<'_>), MAX_MEMBERS> =
        crate::list::List::filled((&[], Value::new(Kind::Null, &[])));
    if !read_flat_object(input, &limits, |name, value| {
        fast.push((name, value)).is_ok()
    }) {
        return true;
    }
    let mut seen = 0;
    let mut same = true;
    let root = super::scan::validate(
        input,
        &limits,
        Some(&mut |name, escaped, value| {
            same &= !escaped && fast.get(seen) == Some(&(name, value));
            seen += 1;
            Ok(())
        }),
    );
    root.is_ok_and(|r| r.kind() == Kind::Object) && same && seen == fast.len()
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
    fn flat<'a>(doc: &'a [u8], limits: &Limits) -> Option<List<(&'a [u8], Value<'a>), 32>> {
        let mut seen = List::filled((&[][..], Value::new(Kind::Null, &[])));
        read_flat_object(doc, limits, |name, value| seen.push((name, value)).is_ok())
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
        let n = object(MAX_MEMBERS as u64, &mut buf);
        assert!(flat(&buf[..n], &STRICT).is_some());
        let n = object(MAX_MEMBERS as u64 + 1, &mut buf);
        assert!(flat(&buf[..n], &STRICT).is_none());
    }

    #[test]
    fn a_refusing_visitor_stops_the_read() {
        assert!(!read_flat_object(br#"{"a":1}"#, &STRICT, |_, _| false));
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
        for i in 0..claims.len() {
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
        assert!(read > 100, "{read}");
    }
}
