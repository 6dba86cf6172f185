//! RFC 6265's `Set-Cookie` examples as a user agent reads them, and the
//! rebuilding of a `SetCookie` from a header a peer wrote.

use jeton::cookie::{AttributeStyle, ParsedSetCookie, SetCookie};

use super::Bytes;

/// A `Set-Cookie` line and what RFC 6265 section 5.2 reads in it.
#[derive(Debug)]
pub struct SetCookieExample {
    /// The header value.
    pub line: Bytes,
    /// The name.
    pub name: Bytes,
    /// The value.
    pub value: Bytes,
    /// `Path`.
    pub path: Option<Bytes>,
    /// `Domain`.
    pub domain: Option<Bytes>,
    /// `Expires`, in Unix seconds.
    pub expires: Option<i64>,
    /// `Secure`.
    pub secure: bool,
    /// `HttpOnly`.
    pub http_only: bool,
}

/// The `Set-Cookie` lines of RFC 6265 section 3.1. `Wed, 09 Jun 2021
/// 10:18:14 GMT` is 1623233894, `Sun, 06 Nov 1994 08:49:37 GMT` 784111777.
pub static RFC6265_SET_COOKIE: &[SetCookieExample] = &[
    SetCookieExample {
        line: b"SID=31d4d96e407aad42",
        name: b"SID",
        value: b"31d4d96e407aad42",
        path: None,
        domain: None,
        expires: None,
        secure: false,
        http_only: false,
    },
    SetCookieExample {
        line: b"SID=31d4d96e407aad42; Path=/; Domain=example.com",
        name: b"SID",
        value: b"31d4d96e407aad42",
        path: Some(b"/"),
        domain: Some(b"example.com"),
        expires: None,
        secure: false,
        http_only: false,
    },
    SetCookieExample {
        line: b"SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
        name: b"SID",
        value: b"31d4d96e407aad42",
        path: Some(b"/"),
        domain: None,
        expires: None,
        secure: true,
        http_only: true,
    },
    SetCookieExample {
        line: b"lang=en-US; Path=/; Domain=example.com",
        name: b"lang",
        value: b"en-US",
        path: Some(b"/"),
        domain: Some(b"example.com"),
        expires: None,
        secure: false,
        http_only: false,
    },
    SetCookieExample {
        line: b"lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
        name: b"lang",
        value: b"en-US",
        path: None,
        domain: None,
        expires: Some(1_623_233_894),
        secure: false,
        http_only: false,
    },
    SetCookieExample {
        line: b"lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
        name: b"lang",
        value: b"",
        path: None,
        domain: None,
        expires: Some(784_111_777),
        secure: false,
        http_only: false,
    },
];

/// Lines a user agent ignores (RFC 6265 section 5.2 steps 2 and 5): no
/// `=`, and an empty name.
pub static RFC6265_IGNORED: &[Bytes] = &[b"SID", b"=31d4d96e407aad42; Path=/"];

/// The `SetCookie` that writes the header `header` a Node server wrote,
/// with `value` as its value: the attributes are inputs (Node took
/// `Expires` from its clock), so what jeton writes from them must be the
/// same bytes. `None` when the header does not parse.
pub fn rebuild<'a>(
    header: &'a [u8],
    value: &'a [u8],
    style: AttributeStyle,
) -> Option<SetCookie<'a>> {
    let parsed = ParsedSetCookie::parse(header).ok()?;
    let mut cookie = SetCookie::new(parsed.name(), value)
        .style(style)
        .secure(parsed.secure())
        .http_only(parsed.http_only())
        .partitioned(parsed.partitioned());
    if let Some(path) = parsed.path() {
        cookie = cookie.path(path);
    }
    if let Some(domain) = parsed.domain() {
        cookie = cookie.domain(domain);
    }
    if let Some(expires) = parsed.expires() {
        cookie = cookie.expires(expires);
    }
    if let Some(same_site) = parsed.same_site() {
        cookie = cookie.same_site(same_site);
    }
    if let Some(priority) = parsed.priority() {
        cookie = cookie.priority(priority);
    }
    Some(cookie)
}
