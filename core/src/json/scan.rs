//! The strict RFC 8259 validator: one pass over the bytes, no recursion,
//! memory bounded by a bit per nesting level.

use super::{Kind, Limits, Value};
use crate::Error;
use crate::class::{hex_value, json_string_run};

/// RFC 8259 `ws = *( %x20 / %x09 / %x0A / %x0D )`.
#[inline(always)]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
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
    fn content<'x>(raw: &'x [u8], escaped: bool) -> impl Iterator<Item = u8> + 'x {
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
    if !a_escaped && !b_escaped {
        return a == b;
    }
    content(a, a_escaped).eq(content(b, b_escaped))
}

/// What the validator reports for each member of the top-level object.
pub(crate) type Visit<'v, 'a> = &'v mut dyn FnMut(&'a [u8], bool, Value<'a>) -> Result<(), Error>;

/// Validates a whole document; calls `visit` with each member (raw name,
/// whether the name holds escapes, value) of a top-level object.
pub(crate) fn validate<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    visit: Option<Visit<'_, 'a>>,
) -> Result<Value<'a>, Error> {
    let mut s = Scanner::new(bytes);
    let mut visit = visit;
    let max_depth = limits.max_depth.min(MAX_DEPTH);
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
    // The top-level object's current member, and the names seen so far
    // (the first `SEEN` of them; later ones are checked by rescanning).
    let mut top_members = 0usize;
    let mut member: Option<Member> = None;
    let top_start = root_start + 1;
    let mut seen = [(0u32, 0u32); SEEN];
    let mut remembered = 0usize;

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
                        next_member(&mut s, depth, &mut top_members, limits, &mut member)?;
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
                let name = bytes.get(name_start + 1..name_end - 1).unwrap_or(&[]);
                let raw = s.slice(value_at);
                let value = Value::from_validated(raw);
                if limits.unique_members {
                    check_unique(
                        bytes,
                        &seen,
                        remembered,
                        top_members,
                        top_start,
                        name_start,
                        name,
                        escaped,
                    )?;
                    // Offsets past 2^31 are simply not remembered: the
                    // rescan covers them.
                    let start = u32::try_from(name_start + 1).ok();
                    let end = u32::try_from(name_end - 1).ok().filter(|e| *e < 1 << 31);
                    match (seen.get_mut(top_members - 1), start, end) {
                        (Some(slot), Some(start), Some(end)) if remembered == top_members - 1 => {
                            *slot = (start, end | u32::from(escaped) << 31);
                            remembered += 1;
                        }
                        _ => {}
                    }
                }
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
                        next_member(&mut s, depth, &mut top_members, limits, &mut member)?;
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

/// A top-level member being read: its name's span (quotes included),
/// whether the name holds escapes, and where its value starts.
type Member = (usize, usize, bool, usize);

/// Reads a member name and its colon; at the top level, counts the member
/// against the limit and notes it for the visitor.
fn next_member(
    s: &mut Scanner<'_>,
    depth: usize,
    top_members: &mut usize,
    limits: &Limits,
    member: &mut Option<Member>,
) -> Result<(), Error> {
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
    Ok(())
}

/// How many top-level member names duplicate detection remembers; past
/// that, earlier names are found again by rescanning the object.
const SEEN: usize = 32;

/// Fails when a member name equal to `name` appears in the top-level object
/// before `name_start`. `count` counts the current member.
#[allow(clippy::too_many_arguments)]
fn check_unique(
    bytes: &[u8],
    seen: &[(u32, u32); SEEN],
    remembered: usize,
    count: usize,
    object_start: usize,
    name_start: usize,
    name: &[u8],
    escaped: bool,
) -> Result<(), Error> {
    let earlier = count.saturating_sub(1);
    if earlier > remembered {
        return rescan_unique(bytes, object_start, name_start, name, escaped);
    }
    let duplicate = seen.iter().take(earlier).any(|&(start, end)| {
        let other_escaped = end >> 31 == 1;
        let end = (end & !(1 << 31)) as usize;
        let start = start as usize;
        // Unescaped names of different lengths cannot be equal.
        if !escaped && !other_escaped && end - start != name.len() {
            return false;
        }
        let other = bytes.get(start..end).unwrap_or(&[]);
        names_equal(other, other_escaped, name, escaped)
    });
    if duplicate {
        Err(Error::JsonDuplicateMember)
    } else {
        Ok(())
    }
}

/// [`check_unique`] past the remembered names: walks the object again.
fn rescan_unique(
    bytes: &[u8],
    object_start: usize,
    name_start: usize,
    name: &[u8],
    escaped: bool,
) -> Result<(), Error> {
    let mut s = Scanner::new(bytes.get(..name_start).unwrap_or(&[]));
    s.pos = object_start;
    loop {
        s.skip_ws();
        if s.peek() != Some(b'"') {
            return Ok(());
        }
        let start = s.pos;
        let other_escaped = s.string().unwrap_or(false);
        let other = bytes.get(start + 1..s.pos.saturating_sub(1)).unwrap_or(&[]);
        if names_equal(other, other_escaped, name, escaped) {
            return Err(Error::JsonDuplicateMember);
        }
        s.skip_ws();
        s.pos += 1; // ':'
        s.skip_ws();
        s.skip_valid_value();
        s.skip_ws();
        s.pos += 1; // ','
    }
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
        let n = doc(br#""last":0"#, &mut buf);
        assert!(validate(&buf[..n], &strict, None).is_ok());
        let n = doc(br#""k3":0"#, &mut buf);
        assert_eq!(
            validate(&buf[..n], &strict, None).err(),
            Some(Error::JsonDuplicateMember)
        );
        let n = doc(br#""k\u0033":0"#, &mut buf);
        assert_eq!(
            validate(&buf[..n], &strict, None).err(),
            Some(Error::JsonDuplicateMember)
        );
    }
}
