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
mod index;
mod names;
mod number;
mod scan;
mod string_run;
mod write;

pub use index::{INDEX_CAPACITY, INDEX_WORDS, MemberIndex};
pub use names::NameSlot;
pub use write::{JsonWriter, write_escaped_str};

pub(crate) use number::numeric_date;
pub(crate) use scan::{names_equal, trim_ws};

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
    /// Refuse an object, at any depth, with two members of the same name
    /// (after unescaping). RFC 8259 leaves duplicates to the
    /// implementation; JWT headers and claim sets must refuse them. With
    /// it set, nested objects are also bounded: at most 16 levels below
    /// the top and 64 members each, so the check keeps a fixed cost.
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
    scan::validate(input.as_ref(), limits, &mut MemberIndex::new(), None)
}

/// Validates `input` as [`parse_with`] does, with the duplicate-name
/// check of a large top-level object in O(n log n) instead of O(n²):
/// each member's name is noted in `names` (a caller-sized area, one
/// [`NameSlot`] of eight bytes per member), and the names are sorted in
/// place once the object is read. The answer is always [`parse_with`]'s.
///
/// [`parse_with`] checks the first [`INDEX_CAPACITY`] names against an
/// index of its own and each further one by walking the object again:
/// fine for the few members of a JWT, quadratic for a caller that raises
/// [`Limits::max_members`] (60,000 members take tens of seconds). Give
/// `names` at least `max_members` slots; names past it are checked as
/// [`parse_with`] checks them. Without `limits.unique_members` this is
/// [`parse_with`]. (Nested objects keep their own bound, 64 members, and
/// check as [`parse_with`] does.)
///
/// # Errors
///
/// As [`parse_with`].
///
/// # Example
///
/// ```
/// use jeton::{Error, json};
/// use jeton::json::NameSlot;
/// let limits = json::Limits { max_members: 1000, unique_members: true, ..json::Limits::DEFAULT };
/// let mut names = [NameSlot::EMPTY; 1000];
/// let doc = br#"{"a":1,"b":2,"a":3}"#;
/// assert_eq!(json::parse_with_scratch(doc, &limits, &mut names).err(), Some(Error::JsonDuplicateMember));
/// assert!(json::parse_with_scratch(br#"{"a":1,"b":2}"#, &limits, &mut names).is_ok());
/// ```
pub fn parse_with_scratch<'a, I: AsRef<[u8]> + ?Sized>(
    input: &'a I,
    limits: &Limits,
    names: &mut [NameSlot],
) -> Result<Value<'a>, Error> {
    let bytes = input.as_ref();
    if !limits.unique_members {
        return parse_with(bytes, limits);
    }
    let mut names = names::Names::new(names, bytes.len());
    scan::validate_sorting_names(bytes, limits, &mut MemberIndex::new(), &mut names)
}

/// A document read ahead of time: its exact bytes, where its members lie
/// (name between its quotes, then value: offsets as [`MemberIndex`] keeps
/// them) and the state a visitor ends with for it. [`read_object`]
/// answers a document equal to a known one from it, without reading; each
/// user's unit test checks that the answer is the one reading gives.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Known<S: 'static> {
    pub(crate) bytes: &'static [u8],
    pub(crate) members: &'static [[u16; 4]],
    pub(crate) state: S,
}

/// Reads `bytes` as one JSON object, whole and strict, under `limits`:
/// notes each top-level member in `index` and hands it to `visit` (the raw
/// name, whether it holds escapes, the value) along with a state that
/// starts as `S::default()`. Returns the object (without
/// the whitespace around it) and the visitor's final state.
///
/// This is the one entry point of the quick paths, which never change an
/// answer: a document equal to one of `known` is answered from it; then a
/// pass over the flat shape nearly every JWT header and claims set has
/// (plain names and strings, integers, literals, arrays of plain strings,
/// no whitespace; feature `fast-claims`) answers only where it reads
/// exactly what the validator would; anything else, every error and any
/// member the visitor refuses go through the full validator on a fresh
/// state, which alone decides what is wrong. (Unit tests and the json
/// fuzz target check the paths agree.)
///
/// # Errors
///
/// The validator's errors; [`Error::JsonWrongType`] when the document is
/// valid JSON but not an object; whatever `visit` returns.
pub(crate) fn read_object<'a, S: Default + Copy>(
    bytes: &'a [u8],
    limits: &Limits,
    index: &mut MemberIndex,
    known: &[Known<S>],
    mut visit: impl FnMut(&mut S, &'a [u8], bool, Value<'a>) -> Result<(), Error>,
) -> Result<(Value<'a>, S), Error> {
    if let Some(known) = known.iter().find(|k| k.bytes == bytes)
        && limits.max_depth > 0
        && known.members.len() <= limits.max_members
    {
        index.reset();
        for &span in known.members {
            index.push(span, false);
        }
        return Ok((Value::new(Kind::Object, bytes), known.state));
    }
    #[cfg(feature = "fast-claims")]
    {
        let mut state = S::default();
        if flat::read_flat_object(bytes, limits, index, |name, value| {
            visit(&mut state, name, false, value).is_ok()
        }) {
            return Ok((Value::new(Kind::Object, bytes), state));
        }
    }
    let mut state = S::default();
    let trimmed = scan::trim_ws(bytes);
    let root = scan::validate(
        trimmed,
        limits,
        index,
        Some(&mut |name, escaped, value| visit(&mut state, name, escaped, value)),
    )?;
    if root.kind() != Kind::Object {
        return Err(Error::JsonWrongType);
    }
    Ok((root, state))
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

/// The SIMD string scan against the scalar one, for the `simd` fuzz
/// target.
#[cfg(fuzzing)]
pub(crate) fn simd_string_run_agrees(bytes: &[u8]) -> bool {
    string_run::simd_agrees_with_scalar(bytes)
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
    ///
    /// ```
    /// use jeton::json::{self, Kind};
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// assert_eq!(image.kind(), Kind::Object);
    /// assert_eq!(image.get("IDs").map(|v| v.kind()), Some(Kind::Array));
    /// assert_eq!(image.get("Title").map(|v| v.kind()), Some(Kind::String));
    /// assert_eq!(image.get("Width").map(|v| v.kind()), Some(Kind::Number));
    /// assert_eq!(image.get("Animated").map(|v| v.kind()), Some(Kind::Bool));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The exact bytes of the value in the document (a string keeps its
    /// quotes and escapes; the whitespace around a value is not part of
    /// it).
    ///
    /// ```
    /// use jeton::json;
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// assert_eq!(image.get("IDs").unwrap().raw(), b"[116, 943, 234, 38793]");
    /// assert_eq!(image.get("Title").unwrap().raw(), br#""View from 15th Floor""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The first member named `name` (compared after unescaping,
    /// case-sensitively), if this is an object that has one.
    ///
    /// ```
    /// use jeton::json;
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// let thumbnail = image.get("Thumbnail").unwrap();
    /// assert_eq!(thumbnail.get("Width").map(|w| w.as_i64()), Some(Ok(100)));
    /// assert_eq!(thumbnail.get("width"), None);
    /// assert_eq!(image.get("IDs").unwrap().get("0"), None); // not an object
    /// // Names compare after unescaping.
    /// let escaped = json::parse(br#"{"\u0057idth":800}"#)?;
    /// assert!(escaped.get("Width").is_some());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn get<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Option<Value<'a>> {
        let name = name.as_ref();
        self.members()
            .find(|(key, _)| key.eq_bytes(name))
            .map(|(_, value)| value)
    }

    /// The members of an object, in order (empty for other kinds): each
    /// name as a [`JsonStr`], and its value.
    ///
    /// ```
    /// use jeton::json;
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// let names: Vec<_> = image.members().filter_map(|(name, _)| name.as_plain()).collect();
    /// assert_eq!(names, ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
    ///
    /// ```
    /// use jeton::json;
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// let ids: Vec<i64> = image.get("IDs").unwrap().elements().map(|e| e.as_i64()).collect::<Result<_, _>>()?;
    /// assert_eq!(ids, [116, 943, 234, 38793]);
    /// assert_eq!(image.elements().count(), 0); // an object
    /// # Ok::<(), jeton::Error>(())
    /// ```
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

    /// The string, if this is one, as it lies in the document: see
    /// [`JsonStr`] for comparing and unescaping it.
    ///
    /// ```
    /// let doc = jeton::json::parse(br#"["plain", "tab\there", 7]"#)?;
    /// let mut e = doc.elements();
    /// assert_eq!(e.next().and_then(|v| v.as_str()).and_then(|s| s.as_plain()), Some("plain"));
    /// assert_eq!(e.next().and_then(|v| v.as_str()).map(|s| s.raw()), Some(&br"tab\there"[..]));
    /// assert_eq!(e.next().and_then(|v| v.as_str()), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        if self.kind != Kind::String {
            return None;
        }
        let inner = self
            .raw
            .get(1..self.raw.len().saturating_sub(1))
            .unwrap_or(&[]);
        Some(JsonStr {
            // Sixteen or eight bytes at a time: the libc call behind
            // `contains` costs more than the search on the short strings
            // nearly every value is.
            escaped: crate::search::find(inner, b'\\').is_some(),
            raw: inner,
        })
    }

    /// Unescapes a string value into `out` and returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::JsonWrongType`] when this is not a string,
    /// [`Error::BufferTooSmall`].
    ///
    /// ```
    /// use jeton::{Error, json};
    /// // RFC 8259 section 7: the G clef, U+1D11E, as a surrogate pair.
    /// let doc = json::parse(br#"["\ud834\udd1e", 1]"#)?;
    /// let clef = doc.elements().next().unwrap();
    /// let mut out = [0u8; 8];
    /// let n = clef.unescape_into(&mut out)?;
    /// assert_eq!(&out[..n], "\u{1D11E}".as_bytes());
    /// assert_eq!(clef.unescape_into(&mut out[..3]), Err(Error::BufferTooSmall { needed: 4 }));
    /// assert_eq!(doc.elements().nth(1).unwrap().unescape_into(&mut out), Err(Error::JsonWrongType));
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
    ///
    /// ```
    /// use jeton::json;
    /// // RFC 8259 section 13's example.
    /// let doc = json::parse(br#"{
    ///   "Image": {
    ///     "Width":  800,
    ///     "Height": 600,
    ///     "Title":  "View from 15th Floor",
    ///     "Thumbnail": {
    ///       "Url":    "http://www.example.com/image/481989943",
    ///       "Height": 125,
    ///       "Width":  100
    ///     },
    ///     "Animated" : false,
    ///     "IDs": [116, 943, 234, 38793]
    ///   }
    /// }"#)?;
    /// let image = doc.get("Image").unwrap();
    /// assert_eq!(image.get("Animated").unwrap().as_bool(), Ok(false));
    /// assert_eq!(image.get("Width").unwrap().as_bool(), Err(jeton::Error::JsonWrongType));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_bool(&self) -> Result<bool, Error> {
        match self.raw {
            b"true" => Ok(true),
            b"false" => Ok(false),
            _ => Err(Error::JsonWrongType),
        }
    }

    /// `true` for `null`.
    ///
    /// ```
    /// let doc = jeton::json::parse(br#"{"nickname":null,"name":"null"}"#)?;
    /// assert!(doc.get("nickname").unwrap().is_null());
    /// assert!(!doc.get("name").unwrap().is_null());
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
    /// The content `raw` of a validated string (between its quotes), which
    /// holds escapes when `escaped`.
    pub(crate) fn new(raw: &'a [u8], escaped: bool) -> Self {
        JsonStr { raw, escaped }
    }

    /// The bytes between the quotes, escapes as written.
    ///
    /// ```
    /// let doc = jeton::json::parse(br#""a\"b""#)?;
    /// let s = doc.as_str().unwrap();
    /// assert_eq!(s.raw(), br#"a\"b"#);
    /// assert!(s.is_escaped());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Whether the string holds escapes (so [`JsonStr::raw`] is not its
    /// content).
    ///
    /// ```
    /// let doc = jeton::json::parse(br#"["abc", "\u0061bc"]"#)?;
    /// let escaped: Vec<bool> = doc.elements().filter_map(|e| e.as_str()).map(|s| s.is_escaped()).collect();
    /// assert_eq!(escaped, [false, true]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The content, when it holds no escapes (validated UTF-8): the
    /// zero-copy way to read a string, with [`JsonStr::unescape_into`]
    /// for the others.
    ///
    /// ```
    /// let doc = jeton::json::parse(r#"["Jérôme", "J\u00e9r\u00f4me"]"#)?;
    /// let plain: Vec<Option<&str>> = doc.elements().filter_map(|e| e.as_str()).map(|s| s.as_plain()).collect();
    /// assert_eq!(plain, [Some("Jérôme"), None]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn as_plain(&self) -> Option<&'a str> {
        if self.escaped {
            None
        } else {
            core::str::from_utf8(self.raw).ok()
        }
    }

    /// Compares the unescaped content with `other`, without a buffer.
    ///
    /// ```
    /// let doc = jeton::json::parse(br#""J\u00e9r\u00f4me""#)?;
    /// let s = doc.as_str().unwrap();
    /// assert!(s.eq_bytes("Jérôme".as_bytes()));
    /// assert!(!s.eq_bytes(b"Jerome"));
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
    /// [`Error::BufferTooSmall`], with nothing written.
    ///
    /// ```
    /// use jeton::{Error, json};
    /// let doc = json::parse(br#""line\nbreak \/ \u00e9""#)?;
    /// let s = doc.as_str().unwrap();
    /// let mut out = [0u8; 16];
    /// let n = s.unescape_into(&mut out)?;
    /// assert_eq!(&out[..n], "line\nbreak / é".as_bytes());
    /// assert_eq!(s.unescape_into(&mut out[..4]), Err(Error::BufferTooSmall { needed: 15 }));
    /// assert_eq!(&out[..4], b"\0\0\0\0");
    /// # Ok::<(), jeton::Error>(())
    /// ```
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

    /// The bytes of the unescaped content, one at a time (UTF-8).
    ///
    /// ```
    /// let doc = jeton::json::parse(br#""\u0041\t\u00e9""#)?;
    /// let bytes: Vec<u8> = doc.as_str().unwrap().bytes().collect();
    /// assert_eq!(bytes, [b'A', b'\t', 0xC3, 0xA9]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
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
            acc << 4 | u32::from(crate::tables::hex_value(d).unwrap_or(0))
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
