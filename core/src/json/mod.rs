//! A strict RFC 8259 JSON reader over bytes, and a writer.
//!
//! [`parse`] validates a whole document in one pass (grammar, UTF-8,
//! escapes, surrogate pairs, nesting depth, and, when asked, unique member
//! names in the top-level object) and returns a zero-copy [`Value`] over
//! it. Navigating a validated value ([`Value::get`], [`Value::members`],
//! [`Value::elements`]) re-reads only what it walks and never fails on
//! syntax again. Strings are unescaped into a caller buffer or compared in
//! place; integers are range-checked when read.
//!
//! ```
//! use jeton::json::{self, Kind};
//!
//! let doc = json::parse(br#"{"name":"J\u00e9r\u00f4me","age":42,"tags":["a","b"]}"#)?;
//! let name = doc.get("name").unwrap();
//! let mut buf = [0u8; 16];
//! let n = name.unescape_into(&mut buf)?;
//! assert_eq!(&buf[..n], "Jérôme".as_bytes());
//! assert_eq!(doc.get("age").unwrap().as_i64()?, 42);
//! assert_eq!(doc.get("tags").unwrap().elements().count(), 2);
//! assert_eq!(doc.get("missing"), None);
//! # Ok::<(), jeton::Error>(())
//! ```

#[cfg(feature = "fast-claims")]
mod flat;
mod number;
mod scan;
mod write;

pub use write::{JsonWriter, write_escaped_str};

#[cfg(feature = "fast-claims")]
pub(crate) use flat::read_flat_object;
pub(crate) use number::numeric_date;
pub(crate) use scan::{names_equal, validate};

use crate::Error;
use crate::out::Out;
use scan::Scanner;

/// Caller-set bounds for [`parse_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects accepted (at most 128).
    pub max_depth: usize,
    /// Most members accepted in the top-level object.
    pub max_members: usize,
    /// Refuse a top-level object with two members of the same name (after
    /// unescaping). RFC 8259 leaves duplicates to the implementation; JWT
    /// headers and claim sets must refuse them.
    pub unique_members: bool,
}

impl Limits {
    /// Depth 64, 256 top-level members, duplicate names allowed.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_members: 256,
        unique_members: false,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// The kind of a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `{...}`
    Object,
    /// `[...]`
    Array,
    /// `"..."`
    String,
    /// A number, any form.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

/// A validated JSON value, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    kind: Kind,
    raw: &'a [u8],
}

/// Validates `input` as one JSON document under [`Limits::DEFAULT`].
///
/// # Errors
///
/// [`Error::JsonSyntax`], [`Error::JsonUnexpectedEnd`],
/// [`Error::JsonInvalidString`] (a bad escape, a lone surrogate, a raw
/// control character), [`Error::JsonInvalidUtf8`],
/// [`Error::JsonInvalidNumber`], [`Error::JsonTooDeep`],
/// [`Error::JsonTooManyMembers`], [`Error::JsonTrailingData`].
///
/// # Example
///
/// ```
/// use jeton::{Error, json};
/// assert!(json::parse(b" [1, 2.5e3, -0, true, null] ").is_ok());
/// assert_eq!(json::parse(b"[01]").err(), Some(Error::JsonSyntax));
/// assert_eq!(json::parse(br#"["\ud800"]"#).err(), Some(Error::JsonInvalidString));
/// assert_eq!(json::parse(b"{} x").err(), Some(Error::JsonTrailingData));
/// ```
pub fn parse<I: AsRef<[u8]> + ?Sized>(input: &I) -> Result<Value<'_>, Error> {
    parse_with(input, &Limits::DEFAULT)
}

/// Validates `input` as one JSON document under the caller's limits.
///
/// # Errors
///
/// As [`parse`], plus [`Error::JsonDuplicateMember`] when
/// `limits.unique_members` is set.
///
/// # Example
///
/// ```
/// use jeton::{Error, json};
/// let strict = json::Limits { unique_members: true, ..json::Limits::DEFAULT };
/// assert_eq!(
///     json::parse_with(br#"{"a":1,"\u0061":2}"#, &strict).err(),
///     Some(Error::JsonDuplicateMember)
/// );
/// let shallow = json::Limits { max_depth: 2, ..json::Limits::DEFAULT };
/// assert_eq!(json::parse_with(b"[[[]]]", &shallow).err(), Some(Error::JsonTooDeep));
/// ```
pub fn parse_with<'a, I: AsRef<[u8]> + ?Sized>(
    input: &'a I,
    limits: &Limits,
) -> Result<Value<'a>, Error> {
    scan::validate(input.as_ref(), limits, None)
}

/// For the fuzz targets: whether the fast reader of flat objects (which
/// JWT verification tries first) agrees with the full validator on
/// `input`: whenever it reads a document, the validator accepts it, with
/// unique names, and reports the same members.
#[cfg(all(fuzzing, feature = "fast-claims"))]
#[doc(hidden)]
pub fn fast_reader_agrees(input: &[u8], limits: &Limits) -> bool {
    flat::agrees_with_validator(input, limits)
}

impl<'a> Value<'a> {
    pub(crate) fn new(kind: Kind, raw: &'a [u8]) -> Self {
        Value { kind, raw }
    }

    /// A value over bytes that [`parse`] (or [`parse_with`]) accepted
    /// before, without validating them again: its kind is read from the
    /// first byte. Hand it anything else and navigation answers nonsense,
    /// but it never panics or loops.
    ///
    /// ```
    /// let doc = br#"{"a":[1,2]}"#;
    /// jeton::json::parse(doc)?;
    /// let again = jeton::json::Value::from_validated(doc);
    /// assert_eq!(again.get("a").unwrap().elements().count(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn from_validated(raw: &'a [u8]) -> Self {
        let kind = match raw.first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        };
        Value { kind, raw }
    }

    /// The kind of value.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The exact bytes of the value in the document (a string keeps its
    /// quotes and escapes).
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The first member named `name` (compared after unescaping), if this
    /// is an object that has one.
    pub fn get<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Option<Value<'a>> {
        let name = name.as_ref();
        self.members()
            .find(|(key, _)| key.eq_bytes(name))
            .map(|(_, value)| value)
    }

    /// The members of an object, in order (empty for other kinds).
    pub fn members(&self) -> Members<'a> {
        let start = if self.kind == Kind::Object {
            1
        } else {
            self.raw.len()
        };
        Members {
            scanner: Scanner {
                bytes: self.raw,
                pos: start,
            },
        }
    }

    /// The elements of an array, in order (empty for other kinds).
    pub fn elements(&self) -> Elements<'a> {
        let start = if self.kind == Kind::Array {
            1
        } else {
            self.raw.len()
        };
        Elements {
            scanner: Scanner {
                bytes: self.raw,
                pos: start,
            },
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        if self.kind != Kind::String {
            return None;
        }
        let inner = self
            .raw
            .get(1..self.raw.len().saturating_sub(1))
            .unwrap_or(&[]);
        Some(JsonStr {
            escaped: inner.contains(&b'\\'),
            raw: inner,
        })
    }

    /// Unescapes a string value into `out` and returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::JsonWrongType`] when this is not a string,
    /// [`Error::BufferTooSmall`].
    pub fn unescape_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        self.as_str()
            .ok_or(Error::JsonWrongType)?
            .unescape_into(out)
    }

    /// `true` or `false`, if this is a boolean.
    ///
    /// # Errors
    ///
    /// [`Error::JsonWrongType`] for other kinds.
    pub fn as_bool(&self) -> Result<bool, Error> {
        match self.raw {
            b"true" => Ok(true),
            b"false" => Ok(false),
            _ => Err(Error::JsonWrongType),
        }
    }

    /// `true` for `null`.
    pub fn is_null(&self) -> bool {
        self.kind == Kind::Null
    }

    /// The value as an integer: only the integer grammar (`-?digits`, no
    /// fraction or exponent) is an integer.
    ///
    /// # Errors
    ///
    /// [`Error::JsonWrongType`] for non-numbers and numbers with a fraction
    /// or exponent; [`Error::JsonNumberOutOfRange`] beyond `i64`.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, json};
    /// assert_eq!(json::parse(b"-9223372036854775808")?.as_i64(), Ok(i64::MIN));
    /// assert_eq!(json::parse(b"9223372036854775808")?.as_i64(), Err(Error::JsonNumberOutOfRange));
    /// assert_eq!(json::parse(b"1e3")?.as_i64(), Err(Error::JsonWrongType));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_i64(&self) -> Result<i64, Error> {
        if self.kind != Kind::Number {
            return Err(Error::JsonWrongType);
        }
        number::integer(self.raw)
    }
}

/// A JSON string's content, still escaped, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonStr<'a> {
    raw: &'a [u8],
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// The bytes between the quotes, escapes as written.
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the string holds escapes (so [`JsonStr::raw`] is not its
    /// content).
    pub fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The content, when it holds no escapes (validated UTF-8).
    pub fn as_plain(&self) -> Option<&'a str> {
        if self.escaped {
            None
        } else {
            core::str::from_utf8(self.raw).ok()
        }
    }

    /// Compares the unescaped content with `other`, without a buffer.
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        names_equal(self.raw, self.escaped, other, false)
    }

    /// Compares the unescaped content with `other`, ASCII letters in either
    /// case being equal, without a buffer.
    ///
    /// ```
    /// let doc = jeton::json::parse(br#"["jwt", "J\u0057T"]"#)?;
    /// let mut all = doc.elements().filter_map(|e| e.as_str());
    /// assert!(all.all(|s| s.eq_ignore_ascii_case(b"JWT")));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn eq_ignore_ascii_case(&self, other: &[u8]) -> bool {
        if !self.escaped {
            return self.raw.eq_ignore_ascii_case(other);
        }
        let mut content = self.bytes();
        other
            .iter()
            .all(|o| content.next().is_some_and(|c| c.eq_ignore_ascii_case(o)))
            && content.next().is_none()
    }

    /// Writes the unescaped content (UTF-8) into `out`; returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`].
    pub fn unescape_into(&self, out: &mut [u8]) -> Result<usize, Error> {
        let mut out = Out::new(out);
        if self.escaped {
            for b in Unescaped::new(self.raw) {
                out.push(b);
            }
        } else {
            out.put(self.raw);
        }
        out.finish()
    }

    /// The bytes of the unescaped content, one at a time.
    pub fn bytes(&self) -> impl Iterator<Item = u8> + 'a {
        Unescaped::new(self.raw)
    }
}

/// The bytes of a validated string's content with escapes resolved.
pub(crate) struct Unescaped<'a> {
    rest: &'a [u8],
    pending: [u8; 4],
    pending_len: u8,
    pending_pos: u8,
}

impl<'a> Unescaped<'a> {
    pub(crate) fn new(raw: &'a [u8]) -> Self {
        Unescaped {
            rest: raw,
            pending: [0; 4],
            pending_len: 0,
            pending_pos: 0,
        }
    }

    fn hex4(&mut self) -> u32 {
        let digits = self.rest.get(..4).unwrap_or(&[]);
        let value = digits.iter().fold(0u32, |acc, &d| {
            // Validated already: every digit is one.
            acc << 4 | u32::from(crate::class::hex_value(d).unwrap_or(0))
        });
        self.rest = self.rest.get(4..).unwrap_or(&[]);
        value
    }
}

impl Iterator for Unescaped<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        if self.pending_pos < self.pending_len {
            let b = self.pending.get(usize::from(self.pending_pos)).copied();
            self.pending_pos += 1;
            return b;
        }
        let (&first, tail) = self.rest.split_first()?;
        self.rest = tail;
        if first != b'\\' {
            return Some(first);
        }
        let (&kind, tail) = self.rest.split_first()?;
        self.rest = tail;
        let simple = match kind {
            b'b' => 0x08,
            b'f' => 0x0C,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let mut code = self.hex4();
                if (0xD800..0xDC00).contains(&code) && self.rest.starts_with(b"\\u") {
                    self.rest = self.rest.get(2..).unwrap_or(&[]);
                    let low = self.hex4();
                    code = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                }
                let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                let len = c.encode_utf8(&mut self.pending).len();
                self.pending_len = len as u8;
                self.pending_pos = 1;
                return self.pending.first().copied();
            }
            other => other, // '"', '\\' and '/' stand for themselves
        };
        Some(simple)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Navigation never loops, whatever bytes `from_validated` is handed:
    /// each item takes at least one byte.
    #[test]
    fn navigating_unvalidated_bytes_ends() {
        let docs: [&[u8]; 9] = [
            b"[:]",
            b"[1:2]",
            b"[,,,]",
            b"[}]",
            b"{:}",
            br#"{"a"::1,"b"}"#,
            br#"{"a":}"#,
            br"[\",
            br#"[""]"#,
        ];
        for doc in docs {
            let v = Value::from_validated(doc);
            assert!(
                v.elements().take(doc.len() + 2).count() <= doc.len(),
                "{doc:?}"
            );
            assert!(
                v.members().take(doc.len() + 2).count() <= doc.len(),
                "{doc:?}"
            );
        }
    }
}

/// Iterator over the members of an object: `(name, value)`.
#[derive(Debug)]
pub struct Members<'a> {
    scanner: Scanner<'a>,
}

impl core::fmt::Debug for Scanner<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Scanner {{ pos: {} }}", self.pos)
    }
}

impl<'a> Iterator for Members<'a> {
    type Item = (JsonStr<'a>, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let s = &mut self.scanner;
        s.skip_ws();
        if s.bytes.get(s.pos) == Some(&b',') {
            s.pos += 1;
            s.skip_ws();
        }
        if s.bytes.get(s.pos) != Some(&b'"') {
            s.pos = s.bytes.len();
            return None;
        }
        let start = s.pos;
        let escaped = s.string().ok()?;
        let name = s.bytes.get(start + 1..s.pos - 1)?;
        s.skip_ws();
        s.pos += 1; // ':'
        s.skip_ws();
        let value_start = s.pos;
        s.skip_valid_value();
        let value = Value::from_validated(s.bytes.get(value_start..s.pos)?);
        Some((JsonStr { raw: name, escaped }, value))
    }
}

/// Iterator over the elements of an array.
#[derive(Debug)]
pub struct Elements<'a> {
    scanner: Scanner<'a>,
}

impl<'a> Iterator for Elements<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let s = &mut self.scanner;
        s.skip_ws();
        if s.bytes.get(s.pos) == Some(&b',') {
            s.pos += 1;
            s.skip_ws();
        }
        match s.bytes.get(s.pos) {
            None | Some(b']') => {
                s.pos = s.bytes.len();
                return None;
            }
            Some(_) => {}
        }
        let start = s.pos;
        s.skip_valid_value();
        if s.pos == start {
            // Not a value (only unvalidated bytes get here): stop rather
            // than hand out the same empty value forever.
            s.pos = s.bytes.len();
            return None;
        }
        Some(Value::from_validated(s.bytes.get(start..s.pos)?))
    }
}
