//! A small JSON document model for output: members keep their order and
//! duplicates (a token's claims are shown as the token holds them),
//! numbers keep their exact text. Tokens' JSON is read with jeton's own
//! strict reader and converted here.

use jeton::json::{Kind, Value};

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    /// `null`
    Null,
    /// `true`, `false`
    Bool(bool),
    /// A number, as written.
    Num(String),
    /// A string (unescaped).
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, members in order, duplicates kept.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn str(s: impl AsRef<str>) -> J {
        J::Str(s.as_ref().to_owned())
    }

    /// A string value from bytes that may not be UTF-8 (shown with
    /// replacement characters).
    pub fn bytes(b: &[u8]) -> J {
        J::Str(String::from_utf8_lossy(b).into_owned())
    }

    /// An integer value.
    pub fn int(i: i64) -> J {
        J::Num(i.to_string())
    }

    /// An object from pairs.
    pub fn obj<const N: usize>(members: [(&str, J); N]) -> J {
        J::Obj(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    /// `Some(v)` as `v`, `None` as `null`.
    pub fn opt(v: Option<J>) -> J {
        v.unwrap_or(J::Null)
    }

    /// A member of an object: the first of that name.
    pub fn get(&self, name: &str) -> Option<&J> {
        match self {
            J::Obj(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Converts a value jeton's reader validated.
    pub fn from_jeton(v: Value<'_>) -> J {
        match v.kind() {
            Kind::Null => J::Null,
            Kind::Bool => J::Bool(v.as_bool().unwrap_or(false)),
            Kind::Number => J::Num(String::from_utf8_lossy(v.raw()).into_owned()),
            Kind::String => J::Str(unescape(v)),
            Kind::Array => J::Arr(v.elements().map(J::from_jeton).collect()),
            Kind::Object => J::Obj(
                v.members()
                    .map(|(name, value)| {
                        let mut buf = vec![0u8; name.raw().len()];
                        let n = name.unescape_into(&mut buf).unwrap_or(0);
                        buf.truncate(n);
                        (
                            String::from_utf8_lossy(&buf).into_owned(),
                            J::from_jeton(value),
                        )
                    })
                    .collect(),
            ),
        }
    }

    /// One line of JSON.
    pub fn compact(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, None, 0);
        s
    }

    /// Indented JSON (two spaces), without a final newline.
    pub fn pretty(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, Some(2), 0);
        s
    }

    fn write(&self, s: &mut String, indent: Option<usize>, level: usize) {
        let newline = |s: &mut String, level: usize| {
            if let Some(step) = indent {
                s.push('\n');
                s.extend(std::iter::repeat_n(' ', step * level));
            }
        };
        match self {
            J::Null => s.push_str("null"),
            J::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => s.push_str(n),
            J::Str(v) => escape_into(s, v),
            J::Arr(items) if items.is_empty() => s.push_str("[]"),
            J::Obj(members) if members.is_empty() => s.push_str("{}"),
            J::Arr(items) => {
                s.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    newline(s, level + 1);
                    item.write(s, indent, level + 1);
                }
                newline(s, level);
                s.push(']');
            }
            J::Obj(members) => {
                s.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    newline(s, level + 1);
                    escape_into(s, k);
                    s.push(':');
                    if indent.is_some() {
                        s.push(' ');
                    }
                    v.write(s, indent, level + 1);
                }
                newline(s, level);
                s.push('}');
            }
        }
    }
}

/// A validated JSON string's content.
fn unescape(v: Value<'_>) -> String {
    // Unescaping never lengthens: every escape is longer than what it
    // stands for.
    let mut buf = vec![0u8; v.raw().len()];
    let n = v.unescape_into(&mut buf).unwrap_or(0);
    buf.truncate(n);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Writes `v` as a JSON string: quotes, backslashes and control
/// characters escaped, everything else as it is.
pub fn escape_into(s: &mut String, v: &str) {
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                s.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_duplicates_and_number_text() {
        let doc = jeton::json::parse(br#"{"b":1.50,"a":"x\u00e9\n","b":[true,null,{}]}"#).unwrap();
        let j = J::from_jeton(doc);
        assert_eq!(j.compact(), r#"{"b":1.50,"a":"xé\n","b":[true,null,{}]}"#);
        assert_eq!(
            j.pretty(),
            "{\n  \"b\": 1.50,\n  \"a\": \"xé\\n\",\n  \"b\": [\n    true,\n    null,\n    {}\n  ]\n}"
        );
    }

    #[test]
    fn escapes_what_json_requires() {
        let mut s = String::new();
        escape_into(&mut s, "a\"\\\u{1}\u{2028}");
        assert_eq!(s, r#""a\"\\\u0001\u2028""#);
    }
}
