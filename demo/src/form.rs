//! `application/x-www-form-urlencoded` bodies, as HTML forms send them.

/// Most fields a form body may hold.
const MAX_FIELDS: usize = 16;

/// Why a form body was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormError {
    /// More than 16 fields.
    TooManyFields,
    /// A field appears twice (which one counts would be a guess).
    Duplicate,
    /// A `%` without two hex digits, or escaped bytes that are not UTF-8.
    Encoding(jeton::Error),
    /// Unescaped bytes that are not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::TooManyFields => f.write_str("more than 16 fields"),
            FormError::Duplicate => f.write_str("a field appears twice"),
            FormError::Encoding(e) => write!(f, "{e}"),
            FormError::NotUtf8 => f.write_str("a field is not UTF-8"),
        }
    }
}

/// Decodes one name or value: `+` is a space, then `%XX` escapes are
/// decoded exactly as `decodeURIComponent` does (`jeton::percent`). The
/// `+` goes first, so `%2B` stays a plus sign.
///
/// # Errors
///
/// [`FormError::Encoding`], [`FormError::NotUtf8`].
pub fn decode_component(raw: &[u8]) -> Result<String, FormError> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    let mut out = vec![0u8; spaced.len()];
    let n = jeton::percent::decode(&spaced, &mut out).map_err(FormError::Encoding)?;
    out.truncate(n);
    String::from_utf8(out).map_err(|_| FormError::NotUtf8)
}

/// The decoded fields of a form body, in order.
///
/// # Errors
///
/// A [`FormError`].
pub fn parse(body: &[u8]) -> Result<Vec<(String, String)>, FormError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        if fields.len() == MAX_FIELDS {
            return Err(FormError::TooManyFields);
        }
        let mut halves = pair.splitn(2, |&b| b == b'=');
        let name = decode_component(halves.next().unwrap_or_default())?;
        let value = decode_component(halves.next().unwrap_or_default())?;
        if fields.iter().any(|(n, _)| *n == name) {
            return Err(FormError::Duplicate);
        }
        fields.push((name, value));
    }
    Ok(fields)
}

/// The value of field `name`.
pub fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_like_a_browser_encodes() {
        let fields = parse(b"username=demo&password=correct+horse%2B%C3%A9&empty=&flag").unwrap();
        assert_eq!(field(&fields, "username"), Some("demo"));
        assert_eq!(field(&fields, "password"), Some("correct horse+é"));
        assert_eq!(field(&fields, "empty"), Some(""));
        assert_eq!(field(&fields, "flag"), Some(""));
        assert_eq!(
            parse(b"a=%zz"),
            Err(FormError::Encoding(jeton::Error::InvalidPercentEncoding))
        );
        assert_eq!(
            parse(b"a=%C3"),
            Err(FormError::Encoding(jeton::Error::InvalidUtf8))
        );
        assert_eq!(parse(b"a=\xff"), Err(FormError::NotUtf8));
        assert_eq!(parse(b"a=1&a=2"), Err(FormError::Duplicate));
        assert_eq!(parse(&b"a=1&".repeat(17)), Err(FormError::Duplicate));
        let many: Vec<u8> = (0..17)
            .flat_map(|i| format!("f{i}=1&").into_bytes())
            .collect();
        assert_eq!(parse(&many), Err(FormError::TooManyFields));
    }
}
