//! Writing JSON: string escaping and a small streaming writer.

use super::string_run::json_string_run;
use crate::out::Sink;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `s` as a JSON string, quotes included: `"` and `\` are escaped,
/// control characters become `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, and
/// everything else (non-ASCII included) is written as UTF-8, as
/// `JSON.stringify` does.
///
/// ```
/// use jeton::{json::write_escaped_str, out::Out};
/// let mut buf = [0u8; 32];
/// let mut out = Out::new(&mut buf);
/// write_escaped_str(&mut out, "a\"b\\c\n\u{1}é");
/// let n = out.finish()?;
/// assert_eq!(&buf[..n], "\"a\\\"b\\\\c\\n\\u0001é\"".as_bytes());
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn write_escaped_str(sink: &mut impl Sink, s: &str) {
    let Some(first) = first_to_escape(s.as_bytes()) else {
        // Most strings: nothing to escape.
        sink.put_quoted(s.as_bytes());
        return;
    };
    sink.put(b"\"");
    let mut rest = s.as_bytes();
    let mut next = Some(first);
    while let Some(at) = next {
        let (plain, tail) = rest.split_at(at);
        sink.put(plain);
        let Some((&b, after)) = tail.split_first() else {
            break;
        };
        put_escape(sink, b);
        rest = after;
        next = first_to_escape(rest);
    }
    sink.put(rest);
    sink.put(b"\"");
}

/// Where the first byte that needs escaping is, eight bytes at a time:
/// most strings have none and go out in one piece.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    let at = json_string_run(bytes, 0, false);
    (at < bytes.len()).then_some(at)
}

/// The escape sequence of a byte [`first_to_escape`] flags.
fn put_escape(sink: &mut impl Sink, b: u8) {
    let short: Option<&[u8]> = match b {
        b'"' => Some(b"\\\""),
        b'\\' => Some(b"\\\\"),
        b'\n' => Some(b"\\n"),
        b'\r' => Some(b"\\r"),
        b'\t' => Some(b"\\t"),
        0x08 => Some(b"\\b"),
        0x0C => Some(b"\\f"),
        _ => None,
    };
    match short {
        Some(e) => sink.put(e),
        None => {
            let hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
            sink.put(&[b'\\', b'u', b'0', b'0', hi, lo]);
        }
    }
}

/// A streaming JSON writer: objects and arrays are opened and closed by
/// the caller, commas come by themselves.
///
/// ```
/// use jeton::{json::JsonWriter, out::Out};
/// let mut buf = [0u8; 64];
/// let mut out = Out::new(&mut buf);
/// let mut w = JsonWriter::new(&mut out);
/// w.begin_object();
/// w.name("views").i64(2);
/// w.name("tags").begin_array();
/// w.str("a").str("b");
/// w.end_array();
/// w.name("admin").bool(false);
/// w.end_object();
/// let n = out.finish()?;
/// assert_eq!(&buf[..n], br#"{"views":2,"tags":["a","b"],"admin":false}"#);
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Debug)]
pub struct JsonWriter<S> {
    sink: S,
    /// A value was written at the current level: the next one needs a comma.
    comma: bool,
}

impl<S: Sink> JsonWriter<S> {
    /// A writer into `sink`: an [`Out`](crate::out::Out) (or `&mut` one),
    /// or any [`Sink`] of the caller's.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Sink};
    /// // A sink that only counts.
    /// struct Count(usize);
    /// impl Sink for Count {
    ///     fn put(&mut self, bytes: &[u8]) {
    ///         self.0 += bytes.len();
    ///     }
    /// }
    /// let mut w = JsonWriter::new(Count(0));
    /// w.begin_object().name("n").i64(-12).end_object();
    /// assert_eq!(w.into_inner().0, br#"{"n":-12}"#.len());
    /// ```
    pub fn new(sink: S) -> Self {
        JsonWriter { sink, comma: false }
    }

    /// The sink back.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 16];
    /// let mut w = JsonWriter::new(Out::new(&mut buf));
    /// w.begin_array().i64(1).i64(2).end_array();
    /// let n = w.into_inner().finish()?;
    /// assert_eq!(&buf[..n], b"[1,2]");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn into_inner(self) -> S {
        self.sink
    }

    fn separate(&mut self) {
        if self.comma {
            self.sink.put(b",");
        }
        self.comma = true;
    }

    /// Opens an object (`{`), as a value: at the top, in an array, or
    /// after a [`JsonWriter::name`].
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// let mut w = JsonWriter::new(&mut out);
    /// w.begin_array();
    /// w.begin_object().name("a").i64(1).end_object();
    /// w.begin_object().end_object();
    /// w.end_array();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], br#"[{"a":1},{}]"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn begin_object(&mut self) -> &mut Self {
        self.separate();
        self.sink.put(b"{");
        self.comma = false;
        self
    }

    /// Closes an object (`}`).
    pub fn end_object(&mut self) -> &mut Self {
        self.sink.put(b"}");
        self.comma = true;
        self
    }

    /// Opens an array (`[`).
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// let mut w = JsonWriter::new(&mut out);
    /// w.begin_object().name("matrix").begin_array();
    /// w.begin_array().i64(1).i64(0).end_array();
    /// w.begin_array().i64(0).i64(1).end_array();
    /// w.end_array().end_object();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], br#"{"matrix":[[1,0],[0,1]]}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn begin_array(&mut self) -> &mut Self {
        self.separate();
        self.sink.put(b"[");
        self.comma = false;
        self
    }

    /// Closes an array (`]`).
    pub fn end_array(&mut self) -> &mut Self {
        self.sink.put(b"]");
        self.comma = true;
        self
    }

    /// Writes a member name, escaped as a string is, and its colon; the
    /// value follows.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).begin_object().name("say \"hi\"").bool(true).end_object();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], br#"{"say \"hi\"":true}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn name(&mut self, name: &str) -> &mut Self {
        self.separate();
        write_escaped_str(&mut self.sink, name);
        self.sink.put(b":");
        self.comma = false;
        self
    }

    /// Writes a member name that needs no escaping, given with a leading
    /// comma, its quotes and colon (`,"iss":`), in one piece, the comma
    /// left out where none is due: for the names jeton itself writes.
    pub(crate) fn plain_name(&mut self, comma_quoted_with_colon: &[u8]) -> &mut Self {
        let bytes = match (self.comma, comma_quoted_with_colon.split_first()) {
            (false, Some((_, without_comma))) => without_comma,
            _ => comma_quoted_with_colon,
        };
        self.sink.put(bytes);
        self.comma = false;
        self
    }

    /// Writes a string value, escaped as [`write_escaped_str`] does.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).str("tab\there\u{7f}");
    /// let n = out.finish()?;
    /// // DEL (U+007F) needs no escape (RFC 8259 section 7); TAB does.
    /// assert_eq!(&buf[..n], "\"tab\\there\u{7f}\"".as_bytes());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn str(&mut self, value: &str) -> &mut Self {
        self.separate();
        write_escaped_str(&mut self.sink, value);
        self
    }

    /// Writes an integer value.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).begin_array().i64(i64::MIN).i64(0).i64(i64::MAX).end_array();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], b"[-9223372036854775808,0,9223372036854775807]");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn i64(&mut self, value: i64) -> &mut Self {
        self.separate();
        if value < 0 {
            self.sink.put(b"-");
        }
        self.sink.put_u64(value.unsigned_abs());
        self
    }

    /// Writes `true` or `false`.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).begin_array().bool(true).bool(false).end_array();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], b"[true,false]");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.separate();
        self.sink.put(if value { b"true" } else { b"false" });
        self
    }

    /// Writes `null`.
    ///
    /// ```
    /// use jeton::{json::JsonWriter, out::Out};
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).begin_object().name("nickname").null().end_object();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], br#"{"nickname":null}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn null(&mut self) -> &mut Self {
        self.separate();
        self.sink.put(b"null");
        self
    }

    /// Writes bytes that are already a JSON value, as they are. Check them
    /// first ([`crate::json::parse`]) unless they come from a trusted source.
    ///
    /// ```
    /// use jeton::{json::{self, JsonWriter}, out::Out};
    /// let roles = br#"["read","write"]"#;
    /// json::parse(roles)?;
    /// let mut buf = [0u8; 64];
    /// let mut out = Out::new(&mut buf);
    /// JsonWriter::new(&mut out).begin_object().name("roles").raw(roles).end_object();
    /// let n = out.finish()?;
    /// assert_eq!(&buf[..n], br#"{"roles":["read","write"]}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn raw(&mut self, json: &[u8]) -> &mut Self {
        self.separate();
        self.sink.put(json);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::{Bytes, bytes};
    use crate::out::Out;

    /// A sink of the caller's own gets integers through `Sink::put_u64`'s
    /// default (a digit buffer), `Out` through its in-place override: the
    /// same bytes either way.
    #[test]
    fn integers_are_the_same_through_any_sink() {
        struct Collect(Bytes);
        impl Sink for Collect {
            fn put(&mut self, bytes: &[u8]) {
                assert!(self.0.extend_from_slice(bytes).is_ok());
            }
        }
        let values = [
            0,
            7,
            -7,
            10,
            1_750_000_000,
            -1_000_000_007,
            i64::MAX,
            i64::MIN,
        ];
        let mut own = Collect(bytes(b""));
        let mut w = JsonWriter::new(&mut own);
        w.begin_array();
        for v in values {
            w.i64(v);
        }
        w.end_array();
        let mut buf = [0u8; 128];
        let mut out = Out::new(&mut buf);
        let mut w = JsonWriter::new(&mut out);
        w.begin_array();
        for v in values {
            w.i64(v);
        }
        w.end_array();
        let n = out.finish().unwrap();
        let expected: &[u8] =
            b"[0,7,-7,10,1750000000,-1000000007,9223372036854775807,-9223372036854775808]";
        assert_eq!(&buf[..n], expected);
        assert_eq!(&own.0[..], expected);
    }

    /// RFC 8259 section 7, written out byte by byte: the reference the fast
    /// scan must match.
    fn reference(s: &str) -> Bytes {
        let hex = b"0123456789abcdef";
        let mut v = bytes(b"\"");
        for &b in s.as_bytes() {
            let escaped: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    hex[usize::from(b >> 4)],
                    hex[usize::from(b & 15)],
                ],
                _ => core::slice::from_ref(&b),
            };
            assert!(v.extend_from_slice(escaped).is_ok());
        }
        assert!(v.push(b'"').is_ok());
        v
    }

    #[test]
    fn escapes_every_special_byte_at_every_position() {
        let specials = [
            '"', '\\', '\n', '\r', '\t', '\u{8}', '\u{c}', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€',
        ];
        let letters = b"abcdefghijklmnopqrstuvwxyz";
        // Under Miri (an interpreter), every 6th length.
        for len in (0..20).step_by(if cfg!(miri) { 6 } else { 1 }) {
            for at in 0..=len {
                for &c in &specials {
                    // The first `len` letters with `c` inserted at `at` and
                    // appended.
                    let mut utf8 = [0u8; 4];
                    let c = c.encode_utf8(&mut utf8).as_bytes();
                    let mut text = bytes(&letters[..at]);
                    for part in [c, &letters[at..len], c] {
                        assert!(text.extend_from_slice(part).is_ok());
                    }
                    let s = core::str::from_utf8(&text).unwrap();
                    let mut buf = [0u8; 128];
                    let mut out = Out::new(&mut buf);
                    write_escaped_str(&mut out, s);
                    let n = out.finish().unwrap();
                    assert_eq!(reference(s), &buf[..n], "{s:?}");
                }
            }
        }
    }
}
