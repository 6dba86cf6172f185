//! The `scope` of a token (RFC 6749 section 3.3): a list of scope tokens
//! separated by spaces, read in place from the JSON string that carries it.

use crate::json::JsonStr;

/// The scopes a token grants, read from its `scope` member (a JWT access
/// token's claim, an introspection response's member): split at spaces,
/// without copying. A JSON string may write a character of a scope token
/// with an escape (`https:\/\/api.example.com\/read`, as PHP writes
/// slashes); each scope is handed out as the [`JsonStr`] it is, and
/// compared after unescaping.
///
/// Empty scope tokens (two spaces in a row, a leading or trailing space)
/// are skipped: RFC 6749 has none, and a server that writes them means
/// nothing by them.
///
/// ```
/// use jeton::oauth::Scopes;
/// let doc = jeton::json::parse(br#"{"scope":"openid profile https:\/\/api.example.com\/read"}"#)?;
/// let scopes = Scopes::new(doc.get("scope").and_then(|s| s.as_str()).unwrap());
/// assert!(scopes.contains("profile"));
/// assert!(scopes.contains("https://api.example.com/read"));
/// assert!(scopes.contains_all(&["openid", "profile"]));
/// assert!(!scopes.contains_all(&["openid", "email"]));
/// assert_eq!(scopes.iter().count(), 3);
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scopes<'a> {
    raw: &'a [u8],
}

/// The one escape that stands for a space, the scope separator: a space
/// written `\u0020` separates as a plain one does. (Other escapes cannot
/// stand for a space.)
const ESCAPED_SPACE: &[u8] = b"\\u0020";

impl<'a> Scopes<'a> {
    /// The scopes of a `scope` string.
    pub fn new(scope: JsonStr<'a>) -> Scopes<'a> {
        Scopes { raw: scope.raw() }
    }

    /// No scope at all.
    pub const EMPTY: Scopes<'static> = Scopes { raw: b"" };

    /// The scope string as written in the JSON (between its quotes,
    /// escapes as written).
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// Each scope, in order, as written (duplicates included).
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        let mut rest = self.raw;
        core::iter::from_fn(move || {
            loop {
                if rest.is_empty() {
                    return None;
                }
                let (piece, after) = split_scope(rest);
                rest = after;
                if !piece.is_empty() {
                    return Some(JsonStr::new(piece, piece.contains(&b'\\')));
                }
            }
        })
    }

    /// Whether `scope` is one of them (compared exactly, case-sensitive, as
    /// RFC 6749 section 3.3 says).
    pub fn contains(&self, scope: &str) -> bool {
        !scope.is_empty() && self.iter().any(|s| s.eq_bytes(scope.as_bytes()))
    }

    /// Whether every one of `scopes` is among them (an empty list is).
    pub fn contains_all(&self, scopes: &[&str]) -> bool {
        scopes.iter().all(|s| self.contains(s))
    }

    /// Whether there is no scope.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// The first scope of `raw` (possibly empty) and what follows its
/// separator. A backslash always starts an escape in a validated JSON
/// string, so a byte sequence that looks like `\u0020` after another
/// backslash cannot occur: `\\u0020` is the escape `\\` and the text
/// `u0020`, which the scan steps over by moving two bytes at a backslash.
fn split_scope(raw: &[u8]) -> (&[u8], &[u8]) {
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        match b {
            b' ' => {
                let (piece, rest) = raw.split_at(i);
                return (piece, rest.get(1..).unwrap_or_default());
            }
            b'\\' => {
                if raw.get(i..).is_some_and(|r| r.starts_with(ESCAPED_SPACE)) {
                    let (piece, rest) = raw.split_at(i);
                    return (piece, rest.get(ESCAPED_SPACE.len()..).unwrap_or_default());
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    (raw, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(json: &[u8]) -> Scopes<'_> {
        Scopes::new(crate::json::parse(json).unwrap().as_str().unwrap())
    }

    #[test]
    fn splits_at_spaces_plain_and_escaped() {
        let s = scopes(br#""read  write \u0020admin\\u0020x \u0072ead2 ""#);
        let mut buf = [0u8; 16];
        let mut all = [[0u8; 16]; 5];
        let mut lens = [0usize; 5];
        let mut count = 0;
        for (i, piece) in s.iter().enumerate() {
            let n = piece.unescape_into(&mut buf).unwrap();
            all[i][..n].copy_from_slice(&buf[..n]);
            lens[i] = n;
            count += 1;
        }
        assert_eq!(count, 4);
        assert_eq!(&all[0][..lens[0]], b"read");
        assert_eq!(&all[1][..lens[1]], b"write");
        assert_eq!(&all[2][..lens[2]], b"admin\\u0020x");
        assert_eq!(&all[3][..lens[3]], b"read2");
        assert!(s.contains("read2") && s.contains("admin\\u0020x"));
        assert!(!s.contains("admin") && !s.contains("") && !s.contains("READ"));
        assert!(scopes(br#""""#).is_empty() && scopes(br#""  ""#).is_empty());
        assert!(Scopes::EMPTY.contains_all(&[]));
        assert!(!Scopes::EMPTY.contains_all(&["a"]));
    }
}
