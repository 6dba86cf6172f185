//! The three parts of a request URL that cookie matching needs.

use crate::Error;
use crate::search::{find, rsplit_once, split_once};

/// The request a cookie arrives with or is sent on: whether the channel is
/// secure, the host and the path. Build it with [`RequestUrl::parse`] or
/// fill the fields yourself (for example to treat `http://localhost` as
/// secure, as browsers do).
///
/// ```
/// use jeton::cookie::RequestUrl;
///
/// let url = RequestUrl::parse(b"https://user@Shop.example.com:8443/cart/items?x=1#top")?;
/// assert!(url.secure);
/// assert_eq!(url.host, b"Shop.example.com");
/// assert_eq!(url.path, b"/cart/items");
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestUrl<'a> {
    /// `true` for `https` and `wss`: `Secure` cookies may be set and sent.
    pub secure: bool,
    /// The host, without port or user info; IPv6 literals keep their
    /// brackets. Compared case-insensitively.
    pub host: &'a [u8],
    /// The path, without query or fragment; may be empty.
    pub path: &'a [u8],
}

impl<'a> RequestUrl<'a> {
    /// Reads an absolute `http`, `https`, `ws` or `wss` URL.
    ///
    /// This is not a full WHATWG URL parser: give it the URL a request
    /// really goes to. It refuses what would make it disagree with one on
    /// the host (control characters, spaces, a `\` inside the host) and,
    /// like browsers, ends the authority at `\` as well as at `/`, `?` and
    /// `#`. It does not resolve `.` and `..` path segments or IPv4
    /// shorthand such as `127.1`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUrl`] when the scheme is missing or unknown, the host
    /// is empty, or the URL holds a control character or a space.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, cookie::RequestUrl};
    ///
    /// let url = RequestUrl::parse(b"http://[::1]:8080")?;
    /// assert_eq!((url.secure, url.host, url.path), (false, &b"[::1]"[..], &b""[..]));
    /// assert_eq!(RequestUrl::parse(b"/relative").err(), Some(Error::InvalidUrl));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn parse<U: AsRef<[u8]> + ?Sized>(url: &'a U) -> Result<Self, Error> {
        let url = url.as_ref();
        if url.iter().any(|&b| b <= b' ' || b == 0x7F) {
            return Err(Error::InvalidUrl);
        }
        let sep = url
            .windows(3)
            .position(|w| w == b"://")
            .ok_or(Error::InvalidUrl)?;
        let (scheme, rest) = url.split_at_checked(sep).ok_or(Error::InvalidUrl)?;
        let rest = rest.strip_prefix(b"://").ok_or(Error::InvalidUrl)?;
        let secure = if scheme.eq_ignore_ascii_case(b"https") || scheme.eq_ignore_ascii_case(b"wss")
        {
            true
        } else if scheme.eq_ignore_ascii_case(b"http") || scheme.eq_ignore_ascii_case(b"ws") {
            false
        } else {
            return Err(Error::InvalidUrl);
        };
        let authority_end = rest
            .iter()
            .position(|&b| matches!(b, b'/' | b'\\' | b'?' | b'#'))
            .unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let host_port = match rsplit_once(authority, b'@') {
            Some((_user_info, host_port)) => host_port,
            None => authority,
        };
        let host = if host_port.first() == Some(&b'[') {
            // An IPv6 literal keeps its brackets.
            let close = find(host_port, b']').ok_or(Error::InvalidUrl)?;
            let (host, _port) = host_port
                .split_at_checked(close + 1)
                .ok_or(Error::InvalidUrl)?;
            host
        } else {
            split_once(host_port, b':').map_or(host_port, |(host, _port)| host)
        };
        if host.is_empty() {
            return Err(Error::InvalidUrl);
        }
        let path_end = tail
            .iter()
            .position(|&b| matches!(b, b'?' | b'#'))
            .unwrap_or(tail.len());
        let (path, _query) = tail.split_at_checked(path_end).ok_or(Error::InvalidUrl)?;
        Ok(RequestUrl { secure, host, path })
    }

    /// The default cookie path of this URL (RFC 6265 section 5.1.4): the
    /// path up to, not including, its last `/`, or `/` when that would be
    /// empty or the path is not absolute.
    ///
    /// ```
    /// use jeton::cookie::RequestUrl;
    /// let path_of = |u| RequestUrl::parse(u).unwrap().default_path();
    /// assert_eq!(path_of("http://a/docs/guide/intro"), b"/docs/guide");
    /// assert_eq!(path_of("http://a/docs"), b"/");
    /// assert_eq!(path_of("http://a"), b"/");
    /// ```
    pub fn default_path(&self) -> &'a [u8] {
        if self.path.first() != Some(&b'/') {
            return b"/";
        }
        match self.path.iter().rposition(|&b| b == b'/') {
            Some(0) | None => b"/",
            Some(last) => self.path.get(..last).unwrap_or(b"/"),
        }
    }

    /// `true` when the host is an IPv4 or IPv6 address literal, which only
    /// ever domain-matches itself.
    ///
    /// ```
    /// use jeton::cookie::RequestUrl;
    /// assert!(RequestUrl::parse(b"http://192.168.1.10:8080/")?.host_is_ip());
    /// assert!(RequestUrl::parse(b"http://[::1]/")?.host_is_ip());
    /// assert!(!RequestUrl::parse(b"http://example.com/")?.host_is_ip());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn host_is_ip(&self) -> bool {
        is_ip_literal(self.host)
    }
}

/// An IPv6 literal (bracketed or holding `:`) or a dotted-quad IPv4
/// address.
pub(crate) fn is_ip_literal(host: &[u8]) -> bool {
    if host.first() == Some(&b'[') || host.contains(&b':') {
        return true;
    }
    let mut parts = 0;
    for part in host.split(|&b| b == b'.') {
        parts += 1;
        if part.is_empty() || part.len() > 3 || !part.iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    parts == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backslash ends the authority, as in browsers: the host here is
    /// `evil.example`, not `bank.example`.
    #[test]
    fn backslash_ends_the_authority() {
        let url = RequestUrl::parse(b"https://evil.example\\@bank.example/").unwrap();
        assert_eq!(url.host, b"evil.example");
    }

    #[test]
    fn ip_literals() {
        assert!(is_ip_literal(b"127.0.0.1"));
        assert!(is_ip_literal(b"[::1]"));
        assert!(!is_ip_literal(b"1.2.3"));
        assert!(!is_ip_literal(b"a.1.2.3"));
        assert!(!is_ip_literal(b"example.org"));
    }

    #[test]
    fn rejects_what_is_not_an_absolute_url() {
        for bad in [
            "",
            "example.com/x",
            "ftp://a/",
            "http://",
            "http:///x",
            "http://u@/x",
            "http://[::1/",
        ] {
            assert_eq!(RequestUrl::parse(bad), Err(Error::InvalidUrl), "{bad}");
        }
    }
}
