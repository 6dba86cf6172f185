//! Which cookies go with which request (RFC 6265 sections 5.1.3 and
//! 5.1.4), and which domains a cookie may name: the rules a
//! [`CookieJar`](crate::cookie::CookieJar) applies, public for callers who
//! keep cookies their own way.

use crate::cookie::url::is_ip_literal;

/// RFC 6265 section 5.1.3: `host` equals `domain`, or ends with `.domain`
/// and is not an IP address. Case-insensitive.
///
/// ```
/// use jeton::cookie::domain_matches;
/// assert!(domain_matches(b"www.example.com", b"example.com"));
/// assert!(domain_matches(b"Example.COM", b"example.com"));
/// assert!(!domain_matches(b"badexample.com", b"example.com")); // not at a dot
/// assert!(!domain_matches(b"example.com", b"www.example.com"));
/// assert!(!domain_matches(b"10.1.2.3", b"1.2.3")); // an IP address matches only itself
/// ```
pub fn domain_matches(host: &[u8], domain: &[u8]) -> bool {
    if host.eq_ignore_ascii_case(domain) {
        return true;
    }
    let Some(split) = host.len().checked_sub(domain.len()) else {
        return false;
    };
    let (head, tail) = host.split_at(split);
    !domain.is_empty()
        && tail.eq_ignore_ascii_case(domain)
        && head.last() == Some(&b'.')
        && !is_ip_literal(host)
}

/// RFC 6265 section 5.1.4: the cookie path equals the request path, or is
/// a prefix of it that ends in `/` or is followed by `/`. An empty
/// request path is `/`.
///
/// ```
/// use jeton::cookie::path_matches;
/// assert!(path_matches(b"/docs", b"/docs"));
/// assert!(path_matches(b"/docs/intro", b"/docs"));
/// assert!(path_matches(b"/docs/intro", b"/docs/"));
/// assert!(!path_matches(b"/docsearch", b"/docs"));
/// assert!(!path_matches(b"/Docs", b"/docs")); // case-sensitive
/// assert!(path_matches(b"", b"/"));
/// ```
pub fn path_matches(request_path: &[u8], cookie_path: &[u8]) -> bool {
    let request_path = if request_path.is_empty() {
        b"/"
    } else {
        request_path
    };
    match request_path.strip_prefix(cookie_path) {
        Some(rest) => rest.is_empty() || cookie_path.ends_with(b"/") || rest.first() == Some(&b'/'),
        None => false,
    }
}

/// The default public-suffix test: a domain without an inner dot (`com`,
/// `localhost`) is treated as a public suffix. Without the public suffix
/// list, `co.uk` is not recognised (see
/// [`CookieJar::set_public_suffix_test`](crate::cookie::CookieJar::set_public_suffix_test)).
///
/// ```
/// use jeton::cookie::single_label_is_public_suffix;
/// assert!(single_label_is_public_suffix(b"com"));
/// assert!(single_label_is_public_suffix(b"localhost"));
/// assert!(!single_label_is_public_suffix(b"example.com"));
/// assert!(!single_label_is_public_suffix(b"co.uk"));
/// ```
pub fn single_label_is_public_suffix(domain: &[u8]) -> bool {
    !domain.contains(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_matching() {
        assert!(domain_matches(b"www.example.com", b"example.com"));
        assert!(domain_matches(b"Example.COM", b"example.com"));
        assert!(!domain_matches(b"badexample.com", b"example.com"));
        assert!(!domain_matches(b"example.com", b"www.example.com"));
        assert!(!domain_matches(b"1.2.3.4", b"2.3.4"));
        assert!(domain_matches(b"1.2.3.4", b"1.2.3.4"));
        assert!(!domain_matches(b"a.", b""));
    }

    #[test]
    fn path_matching() {
        assert!(path_matches(b"/docs", b"/docs"));
        assert!(path_matches(b"/docs/", b"/docs"));
        assert!(path_matches(b"/docs/a", b"/docs"));
        assert!(path_matches(b"/docs/a", b"/docs/"));
        assert!(!path_matches(b"/docsx", b"/docs"));
        assert!(!path_matches(b"/doc", b"/docs"));
        assert!(path_matches(b"", b"/"));
    }
}
