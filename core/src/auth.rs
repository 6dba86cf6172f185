//! HTTP authentication: `Authorization: Basic` (RFC 7617) and `Bearer`
//! (RFC 6750) credentials, and the `WWW-Authenticate` challenges that ask
//! for them.
//!
//! Parsing follows RFC 7235 (`credentials = auth-scheme 1*SP token68`,
//! scheme case-insensitive) with the leniency of npm `basic-auth`, the
//! reference most servers are measured against: spaces around the header
//! value, padding optional, unused base64 bits ignored. Credentials are
//! bytes, exactly as the client encoded them.
//!
//! ```
//! use jeton::auth::{self, BasicChallenge, BearerChallenge, BearerError};
//!
//! let mut buf = [0u8; 64];
//! let creds = auth::parse_basic(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", &mut buf)?;
//! assert_eq!((creds.user, creds.password), (&b"Aladdin"[..], &b"open sesame"[..]));
//!
//! assert_eq!(auth::parse_bearer(b"Bearer mF_9.B5f-4.1JqM")?, b"mF_9.B5f-4.1JqM");
//!
//! let mut out = [0u8; 128];
//! let n = BasicChallenge::new("WallyWorld").write(&mut out)?;
//! assert_eq!(&out[..n], br#"Basic realm="WallyWorld", charset="UTF-8""#);
//! let n = BearerChallenge::new("example")
//!     .error(BearerError::InvalidToken)
//!     .error_description("The access token expired")
//!     .write(&mut out)?;
//! assert_eq!(
//!     &out[..n],
//!     &br#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#[..]
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::out::Out;
use crate::search::find;
use crate::tables::{is_nqchar, is_scope_token};

/// Splits `Scheme 1*SP rest`, with spaces allowed around the whole value;
/// the scheme compares case-insensitively.
fn after_scheme<'h>(header: &'h [u8], scheme: &[u8]) -> Result<&'h [u8], Error> {
    let value = trim_end_spaces(trim_start_spaces(header));
    let (name, rest) = value
        .split_at_checked(scheme.len())
        .ok_or(Error::AuthSchemeMismatch)?;
    if !name.eq_ignore_ascii_case(scheme) {
        return Err(Error::AuthSchemeMismatch);
    }
    let token = trim_start_spaces(rest);
    if token.len() == rest.len() {
        // "Basicxyz" is another scheme; "Basic" alone has no credentials.
        return Err(if rest.is_empty() {
            Error::AuthMalformed
        } else {
            Error::AuthSchemeMismatch
        });
    }
    Ok(token)
}

/// `bytes` without its leading spaces.
fn trim_start_spaces(mut bytes: &[u8]) -> &[u8] {
    while let [b' ', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// `bytes` without its trailing spaces.
fn trim_end_spaces(mut bytes: &[u8]) -> &[u8] {
    while let [rest @ .., b' '] = bytes {
        bytes = rest;
    }
    bytes
}

/// Basic credentials, decoded into the caller's buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasicCredentials<'b> {
    /// The user-id: everything before the first `:`.
    pub user: &'b [u8],
    /// The password: everything after it (may hold `:`).
    pub password: &'b [u8],
}

/// Parses an `Authorization: Basic` header value and decodes the
/// credentials into `buf` (which needs three quarters of the header's
/// length).
///
/// # Errors
///
/// - [`Error::AuthSchemeMismatch`]: not the Basic scheme;
/// - [`Error::AuthMalformed`]: no credentials, or not standard base64
///   (`A-Z a-z 0-9 + /`, at most two `=` of padding, a possible length);
/// - [`Error::AuthMissingColon`]: the decoded credentials hold no `:`;
/// - [`Error::BufferTooSmall`].
///
/// On any error `buf` holds nothing decoded.
///
/// # Example
///
/// ```
/// use jeton::{Error, auth};
/// let mut buf = [0u8; 64];
/// let c = auth::parse_basic(b"  bAsIc   dXNlcjpwOmFzcw  ", &mut buf)?;
/// assert_eq!((c.user, c.password), (&b"user"[..], &b"p:ass"[..]));
/// assert_eq!(auth::parse_basic(b"Basic dXNlcg==", &mut buf).err(), Some(Error::AuthMissingColon));
/// assert_eq!(auth::parse_basic(b"Bearer abc", &mut buf).err(), Some(Error::AuthSchemeMismatch));
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn parse_basic<'b>(header: &[u8], buf: &'b mut [u8]) -> Result<BasicCredentials<'b>, Error> {
    let token = after_scheme(header, b"Basic")?;
    // Padded or not, as npm basic-auth accepts; only `=` may follow the
    // body, and only as padding.
    let body = match base64::strip_padding(token, Padding::Either) {
        Ok(body) if !body.is_empty() => body,
        _ => return Err(Error::AuthMalformed),
    };
    let mut out = Out::new(buf);
    if base64::decode_into_lenient(body, Alphabet::Standard, &mut out).is_err() {
        return out.fail(Error::AuthMalformed);
    }
    let len = out.finish()?;
    let decoded = buf
        .get_mut(..len)
        .ok_or(Error::BufferTooSmall { needed: len })?;
    let Some(colon) = find(decoded, b':') else {
        // Decoded but unusable: leave none of the secret behind.
        decoded.fill(0);
        return Err(Error::AuthMissingColon);
    };
    let decoded: &'b [u8] = decoded;
    let Some((user, [_colon, password @ ..])) = decoded.split_at_checked(colon) else {
        return Err(Error::AuthMissingColon);
    };
    Ok(BasicCredentials { user, password })
}

/// RFC 5234 `CTL`.
fn is_ctl(b: u8) -> bool {
    b < 0x20 || b == 0x7F
}

/// Writes an `Authorization: Basic` header value for `user` and
/// `password` (sent as given; RFC 7617 asks for UTF-8) and returns its
/// length.
///
/// # Errors
///
/// [`Error::AuthUserHasColon`], [`Error::AuthInvalidCharacter`] (a control
/// character in either), [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// let mut out = [0u8; 64];
/// let n = jeton::auth::format_basic(b"Aladdin", b"open sesame", &mut out)?;
/// assert_eq!(&out[..n], b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn format_basic(user: &[u8], password: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if user.contains(&b':') {
        return Err(Error::AuthUserHasColon);
    }
    if user.iter().chain(password).any(|&b| is_ctl(b)) {
        return Err(Error::AuthInvalidCharacter);
    }
    let mut out = Out::new(out);
    out.put(b"Basic ");
    let start = out.len();
    out.put(user);
    out.push(b':');
    out.put(password);
    base64::encode_since(&mut out, start, Alphabet::Standard, Padding::Padded);
    out.finish()
}

/// RFC 6750 `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`
fn is_b64token(token: &[u8]) -> bool {
    let body = token.iter().take_while(|&&b| b != b'=').count();
    body > 0
        && token.iter().take(body).all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
        })
        && token.iter().skip(body).all(|&b| b == b'=')
}

/// Parses an `Authorization: Bearer` header value (RFC 6750 section 2.1)
/// and returns the token, borrowed from the header.
///
/// # Errors
///
/// [`Error::AuthSchemeMismatch`]; [`Error::AuthMalformed`] when the token
/// is missing or not a `b64token`.
///
/// # Example
///
/// ```
/// use jeton::{Error, auth};
/// assert_eq!(auth::parse_bearer(b"bearer  abc.def-ghi"), Ok(&b"abc.def-ghi"[..]));
/// assert_eq!(auth::parse_bearer(b"Bearer a b"), Err(Error::AuthMalformed));
/// assert_eq!(auth::parse_bearer(b"Basic abc"), Err(Error::AuthSchemeMismatch));
/// ```
pub fn parse_bearer(header: &[u8]) -> Result<&[u8], Error> {
    let token = after_scheme(header, b"Bearer")?;
    if is_b64token(token) {
        Ok(token)
    } else {
        Err(Error::AuthMalformed)
    }
}

/// Parses an `Authorization: DPoP` header value (RFC 9449 section 7.1,
/// the `token68` syntax Bearer uses) and returns the access token; its
/// proof comes in the `DPoP` header (see
/// [`oauth::verify_proof`](crate::oauth::verify_proof)).
///
/// # Errors
///
/// [`Error::AuthSchemeMismatch`]; [`Error::AuthMalformed`] when the token
/// is missing or not a `b64token`.
///
/// ```
/// use jeton::{Error, auth};
/// assert_eq!(auth::parse_dpop(b"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
///     Ok(&b"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"[..]));
/// assert_eq!(auth::parse_dpop(b"Bearer abc"), Err(Error::AuthSchemeMismatch));
/// ```
pub fn parse_dpop(header: &[u8]) -> Result<&[u8], Error> {
    let token = after_scheme(header, b"DPoP")?;
    if is_b64token(token) {
        Ok(token)
    } else {
        Err(Error::AuthMalformed)
    }
}

/// Writes `Bearer <token>`, an `Authorization` header value.
///
/// # Errors
///
/// [`Error::AuthMalformed`] when `token` is not a `b64token`,
/// [`Error::BufferTooSmall`].
///
/// # Example
///
/// ```
/// use jeton::{Error, auth};
/// let mut out = [0u8; 32];
/// // RFC 6750 section 2.1.
/// let n = auth::format_bearer(b"mF_9.B5f-4.1JqM", &mut out)?;
/// assert_eq!(&out[..n], b"Bearer mF_9.B5f-4.1JqM");
/// assert_eq!(auth::format_bearer(b"two words", &mut out), Err(Error::AuthMalformed));
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn format_bearer(token: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    if !is_b64token(token) {
        return Err(Error::AuthMalformed);
    }
    let mut out = Out::new(out);
    out.put(b"Bearer ");
    out.put(token);
    out.finish()
}

/// Writes `name="value"` as an RFC 7230 quoted-string, escaping `"` and
/// `\`; control characters other than HTAB are refused.
fn quoted_param(
    out: &mut Out<'_>,
    first: &mut bool,
    name: &str,
    value: &[u8],
) -> Result<(), Error> {
    if value.iter().any(|&b| is_ctl(b) && b != b'\t') {
        return Err(Error::AuthInvalidCharacter);
    }
    out.put(if *first { b" " } else { b", " });
    *first = false;
    out.put(name.as_bytes());
    out.put(b"=\"");
    for &b in value {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
    Ok(())
}

/// A `WWW-Authenticate: Basic` challenge (RFC 7617 section 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BasicChallenge<'a> {
    realm: &'a str,
    charset_utf8: bool,
}

impl<'a> BasicChallenge<'a> {
    /// A challenge for `realm`, announcing `charset="UTF-8"`.
    ///
    /// ```
    /// let mut out = [0u8; 64];
    /// let n = jeton::auth::BasicChallenge::new("foo").write(&mut out)?;
    /// // RFC 7617 section 2.1.
    /// assert_eq!(&out[..n], br#"Basic realm="foo", charset="UTF-8""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn new(realm: &'a str) -> Self {
        BasicChallenge {
            realm,
            charset_utf8: true,
        }
    }

    /// Whether to announce `charset="UTF-8"` (RFC 7617 section 2.1): it
    /// tells the client to send a non-ASCII user-id or password in UTF-8.
    ///
    /// ```
    /// use jeton::auth::{self, BasicChallenge};
    /// let mut out = [0u8; 64];
    /// let n = BasicChallenge::new("WallyWorld").charset_utf8(false).write(&mut out)?;
    /// // RFC 7617 section 2.
    /// assert_eq!(&out[..n], br#"Basic realm="WallyWorld""#);
    ///
    /// // What a client then sends for "test" and "123£" (RFC 7617 section 2.1).
    /// let mut buf = [0u8; 16];
    /// let c = auth::parse_basic(b"Basic dGVzdDoxMjPCow==", &mut buf)?;
    /// assert_eq!((c.user, c.password), (&b"test"[..], "123£".as_bytes()));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn charset_utf8(mut self, on: bool) -> Self {
        self.charset_utf8 = on;
        self
    }

    /// Writes the challenge and returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::AuthInvalidCharacter`] for a control character other than
    /// HTAB in the realm (RFC 7230's quoted-string allows HTAB);
    /// [`Error::BufferTooSmall`]. On error `out` holds nothing of the
    /// challenge.
    ///
    /// ```
    /// use jeton::{Error, auth::BasicChallenge};
    /// let mut out = [0u8; 64];
    /// // `"` and `\` are escaped in the quoted-string.
    /// let n = BasicChallenge::new(r#"Wally "W" World"#).charset_utf8(false).write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Basic realm="Wally \"W\" World""#);
    /// assert_eq!(BasicChallenge::new("a\r\nSet-Cookie: x=1").write(&mut out), Err(Error::AuthInvalidCharacter));
    /// assert_eq!(BasicChallenge::new("foo").write(&mut out[..8]), Err(Error::BufferTooSmall { needed: 34 }));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize, Error> {
        let mut out = Out::new(out);
        let mut first = true;
        out.put(b"Basic");
        let written =
            quoted_param(&mut out, &mut first, "realm", self.realm.as_bytes()).and_then(|()| {
                if self.charset_utf8 {
                    quoted_param(&mut out, &mut first, "charset", b"UTF-8")
                } else {
                    Ok(())
                }
            });
        match written {
            Ok(()) => out.finish(),
            Err(e) => out.fail(e),
        }
    }
}

/// The `error` of a Bearer challenge (RFC 6750 section 3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BearerError {
    /// `invalid_request`: answer with 400.
    InvalidRequest,
    /// `invalid_token`: answer with 401.
    InvalidToken,
    /// `insufficient_scope`: answer with 403.
    InsufficientScope,
}

impl BearerError {
    /// The error code as written.
    ///
    /// ```
    /// use jeton::auth::BearerError;
    /// assert_eq!(BearerError::InsufficientScope.as_str(), "insufficient_scope");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            BearerError::InvalidRequest => "invalid_request",
            BearerError::InvalidToken => "invalid_token",
            BearerError::InsufficientScope => "insufficient_scope",
        }
    }

    /// The HTTP status RFC 6750 pairs with the error (section 3.1).
    ///
    /// ```
    /// use jeton::auth::BearerError;
    /// assert_eq!(BearerError::InvalidRequest.status(), 400);
    /// assert_eq!(BearerError::InvalidToken.status(), 401);
    /// assert_eq!(BearerError::InsufficientScope.status(), 403);
    /// ```
    pub const fn status(self) -> u16 {
        match self {
            BearerError::InvalidRequest => 400,
            BearerError::InvalidToken => 401,
            BearerError::InsufficientScope => 403,
        }
    }
}

/// A `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BearerChallenge<'a> {
    realm: Option<&'a str>,
    scope: Option<&'a str>,
    error: Option<BearerError>,
    error_description: Option<&'a str>,
    error_uri: Option<&'a str>,
}

/// RFC 6750 section 3: `scope`, `error_description` and `error_uri` values
/// are printable ASCII without `"` and `\` (the description also allows
/// spaces).
fn is_bearer_param(value: &str, allow_space: bool) -> bool {
    value
        .bytes()
        .all(|b| is_nqchar(b) || (allow_space && b == b' '))
}

/// RFC 6750 section 3: `scope-token *( SP scope-token )`, so at least one
/// token, and a space only between two.
fn is_bearer_scope(scope: &str) -> bool {
    scope
        .split(' ')
        .all(|token| is_scope_token(token.as_bytes()))
}

impl<'a> BearerChallenge<'a> {
    /// A challenge for `realm`.
    ///
    /// ```
    /// let mut out = [0u8; 64];
    /// let n = jeton::auth::BearerChallenge::new("example").write(&mut out)?;
    /// // RFC 6750 section 3.
    /// assert_eq!(&out[..n], br#"Bearer realm="example""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn new(realm: &'a str) -> Self {
        BearerChallenge {
            realm: Some(realm),
            ..Self::default()
        }
    }

    /// The challenge without a realm.
    ///
    /// ```
    /// use jeton::auth::{BearerChallenge, BearerError};
    /// let mut out = [0u8; 64];
    /// let n = BearerChallenge::without_realm().write(&mut out)?;
    /// assert_eq!(&out[..n], b"Bearer");
    /// let n = BearerChallenge::without_realm().error(BearerError::InvalidRequest).write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Bearer error="invalid_request""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn without_realm() -> Self {
        Self::default()
    }

    /// Sets `scope` (space-separated scope tokens), for instance the scope
    /// an `insufficient_scope` error asks for.
    ///
    /// ```
    /// use jeton::auth::{BearerChallenge, BearerError};
    /// let mut out = [0u8; 128];
    /// let n = BearerChallenge::new("example")
    ///     .scope("read write")
    ///     .error(BearerError::InsufficientScope)
    ///     .write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Bearer realm="example", scope="read write", error="insufficient_scope""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    ///
    /// The scope is one or more scope tokens separated by single spaces
    /// (RFC 6750 section 3); an empty scope, or a space that is not
    /// between two tokens, makes [`BearerChallenge::write`] fail with
    /// [`Error::AuthInvalidCharacter`].
    pub fn scope(mut self, scope: &'a str) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Sets `error`; answer with the status it pairs with
    /// ([`BearerError::status`]).
    ///
    /// ```
    /// use jeton::auth::{BearerChallenge, BearerError};
    /// let mut out = [0u8; 64];
    /// let n = BearerChallenge::new("example").error(BearerError::InvalidToken).write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Bearer realm="example", error="invalid_token""#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn error(mut self, error: BearerError) -> Self {
        self.error = Some(error);
        self
    }

    /// Sets `error_description`: printable ASCII and spaces, without `"`
    /// or `\` (RFC 6750 section 3).
    ///
    /// ```
    /// use jeton::{Error, auth::BearerChallenge};
    /// let mut out = [0u8; 128];
    /// let c = BearerChallenge::new("example").error_description("Token revoked at logout");
    /// let n = c.write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Bearer realm="example", error_description="Token revoked at logout""#);
    /// let quoted = BearerChallenge::new("example").error_description(r#"say "no""#);
    /// assert_eq!(quoted.write(&mut out), Err(Error::AuthInvalidCharacter));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn error_description(mut self, description: &'a str) -> Self {
        self.error_description = Some(description);
        self
    }

    /// Sets `error_uri`: a URI, printable ASCII without spaces, `"` or `\`.
    ///
    /// ```
    /// use jeton::{Error, auth::BearerChallenge};
    /// let mut out = [0u8; 128];
    /// let n = BearerChallenge::without_realm().error_uri("https://example.com/errors#expired").write(&mut out)?;
    /// assert_eq!(&out[..n], br#"Bearer error_uri="https://example.com/errors#expired""#);
    /// let spaced = BearerChallenge::without_realm().error_uri("https://example.com/a b");
    /// assert_eq!(spaced.write(&mut out), Err(Error::AuthInvalidCharacter));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn error_uri(mut self, uri: &'a str) -> Self {
        self.error_uri = Some(uri);
        self
    }

    /// Writes the challenge and returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::AuthInvalidCharacter`] for a character RFC 6750 does not
    /// allow in a parameter; [`Error::BufferTooSmall`]. On error `out`
    /// holds nothing of the challenge. Parameters are written in the order
    /// `realm`, `scope`, `error`, `error_description`, `error_uri`.
    ///
    /// ```
    /// use jeton::{Error, auth::{BearerChallenge, BearerError}};
    /// let c = BearerChallenge::new("example")
    ///     .error(BearerError::InvalidToken)
    ///     .error_description("The access token expired");
    /// let mut out = [0u8; 128];
    /// let n = c.write(&mut out)?;
    /// // RFC 6750 section 3, on one line.
    /// assert_eq!(
    ///     &out[..n],
    ///     &br#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#[..]
    /// );
    /// assert_eq!(c.write(&mut out[..n - 1]), Err(Error::BufferTooSmall { needed: n }));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize, Error> {
        let checks = [(self.error_description, true), (self.error_uri, false)];
        if checks
            .iter()
            .any(|(value, spaces)| value.is_some_and(|v| !is_bearer_param(v, *spaces)))
            || self.scope.is_some_and(|s| !is_bearer_scope(s))
        {
            return Err(Error::AuthInvalidCharacter);
        }
        let mut out = Out::new(out);
        let mut first = true;
        out.put(b"Bearer");
        let params = [
            ("realm", self.realm),
            ("scope", self.scope),
            ("error", self.error.map(BearerError::as_str)),
            ("error_description", self.error_description),
            ("error_uri", self.error_uri),
        ];
        for (name, value) in params {
            if let Some(value) = value
                && let Err(e) = quoted_param(&mut out, &mut first, name, value.as_bytes())
            {
                return out.fail(e);
            }
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::list::{Bytes, bytes};

    #[test]
    fn basic_without_colon_leaves_nothing_decoded() {
        // "user" alone: decodes, then has no colon.
        let mut buf = [0xAAu8; 16];
        assert_eq!(
            parse_basic(b"Basic dXNlcg==", &mut buf).err(),
            Some(Error::AuthMissingColon)
        );
        assert_eq!(&buf[..4], &[0u8; 4][..]);
        assert_eq!(&buf[4..], &[0xAAu8; 12][..]);
    }

    #[test]
    fn basic_syntax_edges() {
        let mut buf = [0u8; 64];
        let ok = |h: &str| -> Result<(Bytes, Bytes), Error> {
            let mut buf = [0u8; 64];
            parse_basic(h.as_bytes(), &mut buf).map(|c| (bytes(c.user), bytes(c.password)))
        };
        let empty = (bytes(b""), bytes(b""));
        assert_eq!(ok("Basic Og==").unwrap(), empty);
        assert_eq!(ok("Basic Og").unwrap(), empty);
        assert_eq!(ok("Basic Oh").unwrap(), empty, "unused bits ignored");
        assert_eq!(ok("Basic O"), Err(Error::AuthMalformed));
        // Only padding may follow the first `=` (basic-auth's `[A-Za-z0-9._~+/-]+=*`).
        assert_eq!(ok("Basic Og=x"), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic Og=\x01"), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic Og="), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic Og==="), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic O-g="), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic\tOg=="), Err(Error::AuthSchemeMismatch));
        assert_eq!(ok("Basic"), Err(Error::AuthMalformed));
        assert_eq!(ok("Basic "), Err(Error::AuthMalformed));
        assert_eq!(ok("Basics Og=="), Err(Error::AuthSchemeMismatch));
        assert_eq!(
            parse_basic(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", &mut buf[..4]).err(),
            Some(Error::BufferTooSmall { needed: 19 })
        );
    }

    #[test]
    fn challenges_refuse_injection() {
        let mut out = [0u8; 128];
        assert_eq!(
            BasicChallenge::new("a\r\nb").write(&mut out),
            Err(Error::AuthInvalidCharacter)
        );
        let n = BasicChallenge::new("a \"b\" \\c")
            .charset_utf8(false)
            .write(&mut out)
            .unwrap();
        assert_eq!(&out[..n], br#"Basic realm="a \"b\" \\c""#);
        assert_eq!(
            BearerChallenge::new("r")
                .error_description("say \"hi\"")
                .write(&mut out),
            Err(Error::AuthInvalidCharacter)
        );
        let n = BearerChallenge::without_realm()
            .scope("read write")
            .error(BearerError::InsufficientScope)
            .write(&mut out)
            .unwrap();
        assert_eq!(
            &out[..n],
            br#"Bearer scope="read write", error="insufficient_scope""#
        );
    }

    #[test]
    fn bearer_scope_is_tokens_between_single_spaces() {
        // RFC 6750 section 3: scope-token *( SP scope-token ).
        let mut out = [0xAAu8; 64];
        for bad in ["", " ", " read", "read ", "read  write", "read\twrite"] {
            assert_eq!(
                BearerChallenge::new("r").scope(bad).write(&mut out),
                Err(Error::AuthInvalidCharacter),
                "{bad:?}"
            );
            assert!(out.iter().all(|&b| b == 0xAA));
        }
        let n = BearerChallenge::new("r")
            .scope("a b!c")
            .write(&mut out)
            .unwrap();
        assert_eq!(&out[..n], br#"Bearer realm="r", scope="a b!c""#);
    }
}
