//! The strict RFC 8259 validator: one pass over the bytes, no recursion,
//! memory bounded by a bit per nesting level.

use super::names::Names;
use super::string_run::json_string_run;
use super::{Kind, Limits, MemberIndex, Members, Value};
use crate::Error;
use crate::tables::{hex_value, trim_matching};

/// RFC 8259 `ws = *( %x20 / %x09 / %x0A / %x0D )`.
#[inline(always)]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// `bytes` without the JSON whitespace before and after it.
pub(crate) fn trim_ws(bytes: &[u8]) -> &[u8] {
    trim_matching(bytes, is_ws)
}

/// The deepest nesting the bit stack can follow.
pub(crate) const MAX_DEPTH: usize = 128;

/// A cursor over the document.
pub(crate) struct Scanner<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Scanner { bytes, pos: 0 }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    pub(crate) fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(Error::JsonSyntax),
            None => Err(Error::JsonUnexpectedEnd),
        }
    }

    fn slice(&self, start: usize) -> &'a [u8] {
        self.bytes.get(start..self.pos).unwrap_or(&[])
    }

    /// Scans a string starting at its opening quote; returns whether it
    /// holds escapes.
    pub(crate) fn string(&mut self) -> Result<bool, Error> {
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            // Plain ASCII up to a quote, a backslash, a control character
            // or non-ASCII.
            self.pos = json_string_run(self.bytes, self.pos, true);
            match self.peek() {
                None => return Err(Error::JsonUnexpectedEnd),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(b) if b < 0x20 => return Err(Error::JsonInvalidString),
                Some(_) => self.utf8_char()?,
            }
        }
    }

    /// One escape sequence, at its backslash.
    fn escape(&mut self) -> Result<(), Error> {
        self.pos += 1;
        match self.peek() {
            None => Err(Error::JsonUnexpectedEnd),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by a low one.
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(Error::JsonInvalidString);
                        }
                        self.pos += 2;
                        match self.hex4()? {
                            0xDC00..=0xDFFF => Ok(()),
                            _ => Err(Error::JsonInvalidString),
                        }
                    }
                    0xDC00..=0xDFFF => Err(Error::JsonInvalidString),
                    _ => Ok(()),
                }
            }
            Some(_) => Err(Error::JsonInvalidString),
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or(Error::JsonUnexpectedEnd)?;
        let mut unit = 0u32;
        for &d in digits {
            let v = hex_value(d).ok_or(Error::JsonInvalidString)?;
            unit = unit << 4 | u32::from(v);
        }
        self.pos += 4;
        Ok(unit)
    }

    /// One non-ASCII UTF-8 character.
    fn utf8_char(&mut self) -> Result<(), Error> {
        let width = match self.peek() {
            Some(0xC2..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(0xF0..=0xF4) => 4,
            _ => return Err(Error::JsonInvalidUtf8),
        };
        let seq = self
            .bytes
            .get(self.pos..self.pos + width)
            .ok_or(Error::JsonInvalidUtf8)?;
        if core::str::from_utf8(seq).is_err() {
            return Err(Error::JsonInvalidUtf8);
        }
        self.pos += width;
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `number = [ minus ] int [ frac ] [ exp ]`
    fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(Error::JsonInvalidNumber),
            None => return Err(Error::JsonUnexpectedEnd),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(Error::JsonInvalidNumber);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(Error::JsonInvalidNumber);
            }
        }
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        match self.bytes.get(self.pos..self.pos + word.len()) {
            Some(w) if w == word => {
                self.pos += word.len();
                Ok(())
            }
            Some(_) => Err(Error::JsonSyntax),
            None if self
                .bytes
                .get(self.pos..)
                .is_some_and(|rest| word.starts_with(rest)) =>
            {
                Err(Error::JsonUnexpectedEnd)
            }
            None => Err(Error::JsonSyntax),
        }
    }

    /// A member name and its colon, at the opening quote.
    fn member_name(&mut self) -> Result<(usize, usize, bool), Error> {
        let start = self.pos;
        let escaped = self.string()?;
        let end = self.pos;
        self.skip_ws();
        self.expect(b':')?;
        self.skip_ws();
        Ok((start, end, escaped))
    }

    /// Skips a value already known to be valid (used by lookups after
    /// validation); stops at its end.
    pub(crate) fn skip_valid_value(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some(b'"') => {
                    let _ = self.string();
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.pos += 1;
                }
                Some(b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                }
                Some(b',' | b':') if depth > 0 => self.pos += 1,
                Some(b) if is_ws(b) && depth > 0 => self.pos += 1,
                Some(b',' | b':' | b' ' | b'\t' | b'\n' | b'\r') => return,
                Some(_) => {
                    // Number or literal: runs to a delimiter.
                    while self
                        .peek()
                        .is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b':') && !is_ws(b))
                    {
                        self.pos += 1;
                    }
                }
            }
            if depth == 0 {
                return;
            }
        }
    }
}

/// Compares two strings without a buffer: each is either the raw bytes of
/// an escaped JSON string (`escaped`), which are unescaped on the way, or
/// plain bytes taken as they are.
pub(crate) fn names_equal(a: &[u8], a_escaped: bool, b: &[u8], b_escaped: bool) -> bool {
    match (a_escaped, b_escaped) {
        (false, false) => a == b,
        (true, _) => escaped_name_equals(a, b, b_escaped),
        (false, true) => escaped_name_equals(b, a, false),
    }
}

/// [`names_equal`] when a side holds escapes: `escaped` (raw, with
/// escapes) against `other`. Out of line: unescaping takes stack on a
/// 32-bit microcontroller which the plain comparison, by far the usual one
/// (every duplicate check of a claims set), then does not pay; and each
/// case is compared directly rather than through `name_content`'s chained
/// iterators, which took more flash.
#[inline(never)]
fn escaped_name_equals(escaped: &[u8], other: &[u8], other_escaped: bool) -> bool {
    let name = super::Unescaped::new(escaped);
    if other_escaped {
        name.eq(super::Unescaped::new(other))
    } else {
        name.eq(other.iter().copied())
    }
}

/// The content of a validated string: its raw bytes unescaped on the way
/// when `escaped`, taken as they are otherwise.
pub(crate) fn name_content(raw: &[u8], escaped: bool) -> impl Iterator<Item = u8> + '_ {
    let (unescaped, plain) = if escaped {
        (Some(super::Unescaped::new(raw)), None)
    } else {
        (None, Some(raw.iter().copied()))
    };
    unescaped
        .into_iter()
        .flatten()
        .chain(plain.into_iter().flatten())
}

/// What the validator reports for each member of the top-level object.
pub(crate) type Visit<'v, 'a> = &'v mut dyn FnMut(&'a [u8], bool, Value<'a>) -> Result<(), Error>;

/// Validates a whole document; notes each member of a top-level object in
/// `index` (and checks it against the earlier ones when names must be
/// unique), then calls `visit` with it (raw name, whether the name holds
/// escapes, value).
pub(crate) fn validate<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    visit: Option<Visit<'_, 'a>>,
) -> Result<Value<'a>, Error> {
    validate_noting(bytes, limits, index, visit, None)
}

/// [`validate`] with the top-level object's duplicate check done by
/// sorting: each member's name is noted in `names` when the member has
/// been read, and once the reading stops (at the end, or at an error) a
/// duplicate among them is [`Error::JsonDuplicateMember`]. The verdict is
/// [`validate`]'s: it meets a duplicate when the second member has been
/// read, before anything that comes after it. Names past what `names`
/// holds are checked as [`validate`] checks them.
pub(crate) fn validate_sorting_names<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    names: &mut Names<'_>,
) -> Result<Value<'a>, Error> {
    let read = validate_noting(bytes, limits, index, None, Some(&mut *names));
    if limits.unique_members && names.has_duplicate(bytes) {
        return Err(Error::JsonDuplicateMember);
    }
    read
}

/// [`validate`], noting top-level names in `names` when there is an area
/// for them.
fn validate_noting<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    visit: Option<Visit<'_, 'a>>,
    mut names: Option<&mut Names<'_>>,
) -> Result<Value<'a>, Error> {
    let mut s = Scanner::new(bytes);
    let mut visit = visit;
    let max_depth = limits.max_depth.min(MAX_DEPTH);
    index.reset();
    s.skip_ws();
    let root_start = s.pos;
    let root_kind = match s.peek() {
        Some(b'{') => Kind::Object,
        Some(b'[') => Kind::Array,
        Some(b'"') => Kind::String,
        Some(b't' | b'f') => Kind::Bool,
        Some(b'n') => Kind::Null,
        Some(b'-' | b'0'..=b'9') => Kind::Number,
        Some(_) => return Err(Error::JsonSyntax),
        None => return Err(Error::JsonUnexpectedEnd),
    };

    // Bit i of `objects` tells whether nesting level i+1 is an object.
    let mut objects: u128 = 0;
    let mut depth = 0usize;
    // The top-level object's current member.
    let mut top_members = 0usize;
    let mut nested = Nested::new();
    let mut member: Option<Member> = None;
    let top_start = root_start + 1;

    'value: loop {
        match s.peek() {
            Some(b'{') | Some(b'[') => {
                let object = s.peek() == Some(b'{');
                if depth >= max_depth {
                    return Err(Error::JsonTooDeep);
                }
                if object {
                    objects |= 1 << depth;
                } else {
                    objects &= !(1 << depth);
                }
                depth += 1;
                s.pos += 1;
                s.skip_ws();
                let close = if object { b'}' } else { b']' };
                if s.peek() == Some(close) {
                    s.pos += 1;
                    depth -= 1;
                } else {
                    if object {
                        if limits.unique_members {
                            nested.open(depth, s.pos)?;
                        }
                        let name =
                            next_member(&mut s, depth, &mut top_members, limits, &mut member)?;
                        if limits.unique_members {
                            nested.check(bytes, depth, name)?;
                        }
                    }
                    continue 'value;
                }
            }
            Some(b'"') => {
                s.string()?;
            }
            Some(b't') => s.literal(b"true")?,
            Some(b'f') => s.literal(b"false")?,
            Some(b'n') => s.literal(b"null")?,
            Some(b'-' | b'0'..=b'9') => s.number()?,
            Some(_) => return Err(Error::JsonSyntax),
            None => return Err(Error::JsonUnexpectedEnd),
        }

        // After a value: close containers or move to the next element.
        loop {
            if depth == 0 {
                break 'value;
            }
            let in_object = objects & (1 << (depth - 1)) != 0;
            if depth == 1
                && in_object
                && let Some((name_start, name_end, escaped, value_at)) = member.take()
            {
                // The name's quotes are part of the span the scanner read.
                let name = bytes.get(name_start + 1..name_end - 1).unwrap_or(&[]);
                let raw = s.slice(value_at);
                let value = Value::from_validated(raw);
                if limits.unique_members {
                    let noted = names
                        .as_deref_mut()
                        .is_some_and(|names| names.push(name_start + 1, name_end - 1, escaped));
                    let duplicate = if noted {
                        false // found by sorting, once the reading stops
                    } else if index.is_complete() {
                        index.has_name(bytes, name, escaped)
                    } else {
                        rescan_has_name(bytes, top_start, name_start, name, escaped)
                    };
                    if duplicate {
                        return Err(Error::JsonDuplicateMember);
                    }
                }
                index.note(bytes, name, escaped, raw);
                if let Some(visit) = visit.as_mut() {
                    visit(name, escaped, value)?;
                }
            }
            s.skip_ws();
            match (s.peek(), in_object) {
                (Some(b','), _) => {
                    s.pos += 1;
                    s.skip_ws();
                    if in_object {
                        let name =
                            next_member(&mut s, depth, &mut top_members, limits, &mut member)?;
                        if limits.unique_members {
                            nested.check(bytes, depth, name)?;
                        }
                    }
                    continue 'value;
                }
                (Some(b'}'), true) | (Some(b']'), false) => {
                    s.pos += 1;
                    depth -= 1;
                }
                (Some(_), _) => return Err(Error::JsonSyntax),
                (None, _) => return Err(Error::JsonUnexpectedEnd),
            }
        }
    }
    let root = Value::new(root_kind, s.slice(root_start));
    s.skip_ws();
    if s.pos != bytes.len() {
        return Err(Error::JsonTrailingData);
    }
    Ok(root)
}

/// Nested objects a document whose names must be unique may hold (depths
/// 2 to 17), and members each may have: beyond them the document is
/// refused ([`Error::JsonTooDeep`], [`Error::JsonTooManyMembers`]), so
/// that the duplicate check, which walks the object back for each name,
/// stays within a fixed cost per member. (The top-level object has its own
/// bound, [`Limits::max_members`], and its own index.)
const NESTED_LEVELS: usize = 16;
const NESTED_MEMBERS: u8 = 64;

/// Where each open nested object starts and how many members it has so
/// far, for the duplicate check at every depth.
struct Nested {
    starts: [usize; NESTED_LEVELS],
    members: [u8; NESTED_LEVELS],
}

impl Nested {
    fn new() -> Self {
        Nested {
            starts: [0; NESTED_LEVELS],
            members: [0; NESTED_LEVELS],
        }
    }

    /// An object opens at nesting `depth` (1: top level), its first member
    /// at `at`.
    fn open(&mut self, depth: usize, at: usize) -> Result<(), Error> {
        let Some(level) = depth.checked_sub(2) else {
            return Ok(());
        };
        match (self.starts.get_mut(level), self.members.get_mut(level)) {
            (Some(start), Some(members)) => {
                *start = at;
                *members = 0;
                Ok(())
            }
            _ => Err(Error::JsonTooDeep),
        }
    }

    /// A member named by `name` (its span, quotes included) was just read
    /// in the object open at `depth`: refuses a name seen before in it.
    fn check(
        &mut self,
        bytes: &[u8],
        depth: usize,
        (name_start, name_end, escaped): (usize, usize, bool),
    ) -> Result<(), Error> {
        let Some(level) = depth.checked_sub(2) else {
            return Ok(());
        };
        let (Some(&start), Some(members)) = (self.starts.get(level), self.members.get_mut(level))
        else {
            return Err(Error::JsonTooDeep);
        };
        *members += 1;
        if *members > NESTED_MEMBERS {
            return Err(Error::JsonTooManyMembers);
        }
        let raw = bytes.get(name_start + 1..name_end - 1).unwrap_or_default();
        if rescan_has_name(bytes, start, name_start, raw, escaped) {
            return Err(Error::JsonDuplicateMember);
        }
        Ok(())
    }
}

/// A top-level member being read: its name's span (quotes included),
/// whether the name holds escapes, and where its value starts.
type Member = (usize, usize, bool, usize);

/// Reads a member name and its colon; at the top level, counts the member
/// against the limit and notes it for the visitor. Returns the name's span
/// (quotes included) and whether it holds escapes.
fn next_member(
    s: &mut Scanner<'_>,
    depth: usize,
    top_members: &mut usize,
    limits: &Limits,
    member: &mut Option<Member>,
) -> Result<(usize, usize, bool), Error> {
    match s.peek() {
        Some(b'"') => {}
        Some(_) => return Err(Error::JsonSyntax),
        None => return Err(Error::JsonUnexpectedEnd),
    }
    let (start, end, escaped) = s.member_name()?;
    if depth == 1 {
        *top_members += 1;
        if *top_members > limits.max_members {
            return Err(Error::JsonTooManyMembers);
        }
        *member = Some((start, end, escaped, s.pos));
    }
    Ok((start, end, escaped))
}

/// Whether a member name equal to `name` appears in the top-level object
/// (whose members start at `object_start`) before `name_start`, found by
/// walking the object again: the duplicate check past what the index
/// holds.
fn rescan_has_name(
    bytes: &[u8],
    object_start: usize,
    name_start: usize,
    name: &[u8],
    escaped: bool,
) -> bool {
    let mut scanner = Scanner::new(bytes.get(..name_start).unwrap_or(&[]));
    scanner.pos = object_start;
    // The members read so far, walked as `Value::members` walks an object
    // (one walk in the code for both: flash, on a microcontroller).
    Members { scanner }
        .any(|(other, _)| names_equal(other.raw(), other.is_escaped(), name, escaped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_side_is_not_unescaped() {
        // The JSON text `a\\b` means a\b; the plain bytes a\b are that.
        assert!(names_equal(br"a\\b", true, br"a\b", false));
        assert!(!names_equal(br"a\\b", true, br"a\\b", false));
        assert!(names_equal(br"\u0041", true, b"A", false));
        assert!(!names_equal(br"\u0041", true, br"\u0041", false));
        assert!(names_equal(br"\u0041", true, br"\u0041", true));
    }

    #[test]
    fn duplicates_at_every_depth() {
        let strict = Limits {
            unique_members: true,
            ..Limits::DEFAULT
        };
        let check = |doc: &[u8]| validate(doc, &strict, &mut MemberIndex::new(), None).err();
        assert_eq!(check(br#"{"a":{"x":1,"y":2},"b":[{"x":1},{"x":2}]}"#), None);
        assert_eq!(
            check(br#"{"a":{"admin":false,"admin":true}}"#),
            Some(Error::JsonDuplicateMember)
        );
        assert_eq!(
            check(br#"[{"a":1, "a" :2}]"#),
            Some(Error::JsonDuplicateMember)
        );
        assert_eq!(
            check(br#"{"a":{"b":{"c":1,"d":{"c":2},"c":3}}}"#),
            Some(Error::JsonDuplicateMember)
        );
        // Names are per object: the same name in two objects is fine.
        assert_eq!(check(br#"{"a":{"a":{"a":1}},"b":{"a":2}}"#), None);
        // Without unique_members, duplicates are JSON.
        let lenient = validate(
            br#"{"a":{"x":1,"x":2}}"#,
            &Limits::DEFAULT,
            &mut MemberIndex::new(),
            None,
        );
        assert!(lenient.is_ok());
        // Bounds of the nested check: depth and members.
        let mut deep = [0u8; 128];
        let mut n = 0;
        for _ in 0..18 {
            deep[n..n + 5].copy_from_slice(br#"{"a":"#);
            n += 5;
        }
        deep[n] = b'1';
        n += 1;
        deep[n..n + 18].fill(b'}');
        n += 18;
        assert_eq!(check(&deep[..n]), Some(Error::JsonTooDeep));
        let mut wide = [0u8; 1024];
        let mut out = crate::out::Out::new(&mut wide);
        out.put(br#"{"o":{"#);
        for i in 0..65u64 {
            if i > 0 {
                out.push(b',');
            }
            out.push(b'"');
            out.put_u64(i);
            out.put(br#"":0"#);
        }
        out.put(b"}}");
        let n = out.finish().unwrap();
        assert_eq!(check(&wide[..n]), Some(Error::JsonTooManyMembers));
    }

    #[test]
    fn duplicates_beyond_the_remembered_names() {
        let strict = Limits {
            unique_members: true,
            ..Limits::DEFAULT
        };
        // {"k0":0,"k1":1,...,"k39":39,<last>}
        let doc = |last: &[u8], buf: &mut [u8; 512]| -> usize {
            let mut out = crate::out::Out::new(buf);
            out.push(b'{');
            for i in 0..40 {
                out.put(b"\"k");
                out.put_u64(i);
                out.put(b"\":");
                out.put_u64(i);
                out.push(b',');
            }
            out.put(last);
            out.push(b'}');
            out.finish().unwrap()
        };
        let mut buf = [0u8; 512];
        let mut index = MemberIndex::new();
        let n = doc(br#""last":0"#, &mut buf);
        assert!(validate(&buf[..n], &strict, &mut index, None).is_ok());
        let n = doc(br#""k3":0"#, &mut buf);
        assert_eq!(
            validate(&buf[..n], &strict, &mut index, None).err(),
            Some(Error::JsonDuplicateMember)
        );
        let n = doc(br#""k\u0033":0"#, &mut buf);
        assert_eq!(
            validate(&buf[..n], &strict, &mut index, None).err(),
            Some(Error::JsonDuplicateMember)
        );
    }

    /// Noting names and sorting them answers exactly as walking the
    /// object again does, with any size of area: a 40-member object with
    /// a duplicate (plain or escaped) or without, every byte of it replaced
    /// by bytes that make errors of every kind before and after the
    /// duplicate, nested duplicates, and trailing data.
    #[test]
    fn sorting_names_answers_as_validate() {
        use crate::json::NameSlot;
        use crate::json::names::Names;
        let limits = |max_members| Limits {
            unique_members: true,
            max_members,
            ..Limits::DEFAULT
        };
        let doc = |last: &[u8], buf: &mut [u8; 640]| -> usize {
            let mut out = crate::out::Out::new(buf);
            out.push(b'{');
            for i in 0..40 {
                out.put(if i == 7 { br#""k\u0037":"# } else { b"\"k" });
                if i != 7 {
                    out.put_u64(i);
                    out.put(b"\":");
                }
                out.put(if i == 20 {
                    br#"{"a":[1,{"b":2}]}"#
                } else {
                    b"0"
                });
                out.push(b',');
            }
            out.put(last);
            out.finish().unwrap()
        };
        let compare = |bytes: &[u8], max_members: usize, sizes: &[usize]| {
            let limits = limits(max_members);
            let want = validate(bytes, &limits, &mut MemberIndex::new(), None);
            for &size in sizes {
                let mut slots = [NameSlot::EMPTY; 64];
                let mut names = Names::new(&mut slots[..size], bytes.len());
                let got =
                    validate_sorting_names(bytes, &limits, &mut MemberIndex::new(), &mut names);
                assert_eq!(
                    got.map(|v| v.raw()),
                    want.map(|v| v.raw()),
                    "{size} {:?}",
                    core::str::from_utf8(bytes)
                );
            }
            want.is_err()
        };
        let tails: [&[u8]; 9] = [
            br#""last":0}"#,
            br#""k3":0}"#,
            br#""k\u0033":0}"#,
            br#""k7":0}"#,
            br#""k3":0,"x":}"#,
            br#""x":},"k3":0}"#,
            br#""k3":{"a":1,"a":2}}"#,
            br#""k3":0} x"#,
            br#""x":{"a":1,"a":2},"k3":0}"#,
        ];
        let mut buf = [0u8; 640];
        let mut refused = 0;
        // Under Miri (an interpreter, where one of these documents takes
        // seconds) two documents, read once each way.
        if cfg!(miri) {
            for tail in [tails[1], tails[4]] {
                let n = doc(tail, &mut buf);
                assert!(compare(&buf[..n], 256, &[0, 5, 41]));
            }
            return;
        }
        for (i, tail) in tails.into_iter().enumerate() {
            let n = doc(tail, &mut buf);
            for max_members in [40, 41, 256] {
                refused += usize::from(compare(&buf[..n], max_members, &[0, 1, 5, 39, 41, 64]));
            }
            // Without a duplicate, with one, and with one before an
            // error: every byte replaced.
            if ![0, 1, 4].contains(&i) {
                continue;
            }
            for at in 0..n {
                for b in [b'"', b'\\', b',', b':', b'}', b'{', b'0', 0x80] {
                    let mut mutated = buf;
                    mutated[at] = b;
                    compare(&mutated[..n], 256, &[0, 5, 64]);
                }
            }
        }
        // The documents mean something: most are refused, not all.
        assert!((10..27).contains(&refused), "{refused}");
    }
}
