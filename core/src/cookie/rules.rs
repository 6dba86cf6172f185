//! The rules a cookie must follow to be written or stored: RFC 6265's
//! grammar for names, values, `Path` and `Domain`, the RFC 6265bis size
//! limits, and the name prefixes (`__Secure-`, `__Host-`, `__Http-`,
//! `__Host-Http-`).
//!
//! [`SetCookie`](crate::cookie::SetCookie) refuses a cookie that breaks
//! them, [`CookieHeaderWriter`](crate::cookie::CookieHeaderWriter) checks
//! names and values, and [`CookieJar`](crate::cookie::CookieJar) applies
//! the prefix rules to what it stores.

use crate::Error;
use crate::tables::{COOKIE_OCTET, PATH_OCTET, TCHAR, is};

/// Longest name plus value a browser keeps (RFC 6265bis section 5.7).
pub const MAX_NAME_VALUE_LEN: usize = 4096;
/// Longest attribute value a browser keeps (RFC 6265bis section 5.7).
pub const MAX_ATTRIBUTE_LEN: usize = 1024;

/// A cookie name is a non-empty token (RFC 6265 section 4.1.1).
#[inline]
pub(crate) fn check_name(name: &[u8]) -> Result<(), Error> {
    if name.is_empty() {
        return Err(Error::CookieEmptyName);
    }
    if !name.iter().all(|&b| is(&TCHAR, b)) {
        return Err(Error::CookieInvalidName);
    }
    Ok(())
}

/// [`is_cookie_value`], as the error formatters report.
#[inline]
pub(crate) fn check_value(value: &[u8]) -> Result<(), Error> {
    if is_cookie_value(value) {
        Ok(())
    } else {
        Err(Error::CookieInvalidValue)
    }
}

/// `cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )`
#[inline]
pub(crate) fn is_cookie_value(value: &[u8]) -> bool {
    let inner = match value {
        [b'"', inner @ .., b'"'] => inner,
        _ => value,
    };
    inner.iter().all(|&b| is(&COOKIE_OCTET, b))
}

/// A host name as npm `cookie` accepts it for `Domain` (RFC 1034 section
/// 3.5 as relaxed by RFC 1123 section 2.1, plus an optional leading dot):
/// dot-separated labels of 1 to 63 letters, digits and hyphens, neither
/// starting nor ending with a hyphen.
fn is_host_name(domain: &[u8]) -> bool {
    let domain = domain.strip_prefix(b".").unwrap_or(domain);
    !domain.is_empty()
        && domain.split(|&b| b == b'.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
                && label.first() != Some(&b'-')
                && label.last() != Some(&b'-')
        })
}

/// `Path`: at most [`MAX_ATTRIBUTE_LEN`] bytes, starting with `/`, not
/// ending with a space, printable ASCII without `;`.
#[inline]
pub(crate) fn check_path(path: &[u8]) -> Result<(), Error> {
    if path.len() > MAX_ATTRIBUTE_LEN {
        return Err(Error::CookieAttributeTooLong);
    }
    // A path not starting with '/' would be replaced by the default
    // path (RFC 6265 section 5.2.4), and trailing spaces trimmed
    // (section 5.2): refuse both rather than let the browser
    // silently store something else.
    if path.first() != Some(&b'/')
        || path.last() == Some(&b' ')
        || !path.iter().all(|&b| is(&PATH_OCTET, b))
    {
        return Err(Error::CookieInvalidPath);
    }
    Ok(())
}

/// `Domain`: at most [`MAX_ATTRIBUTE_LEN`] bytes and a host name.
#[inline]
pub(crate) fn check_domain(domain: &[u8]) -> Result<(), Error> {
    if domain.len() > MAX_ATTRIBUTE_LEN {
        return Err(Error::CookieAttributeTooLong);
    }
    if !is_host_name(domain) {
        return Err(Error::CookieInvalidDomain);
    }
    Ok(())
}

/// The rules a cookie name prefix carries (RFC 6265bis sections 4.1.3 and
/// 5.7 steps 19 to 21, and
/// the `__Http-`/`__Host-Http-` prefixes of the layered-cookies draft),
/// matched case-insensitively as
/// browsers do since draft 13: for a cookie being set (`host_only`: no
/// `Domain` attribute) and for one a jar stores alike.
#[inline]
pub(crate) fn check_prefix(
    name: &[u8],
    secure: bool,
    host_only: bool,
    path_attribute: Option<&[u8]>,
    http_only: bool,
) -> Result<(), Error> {
    let starts = |p: &[u8]| {
        name.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    let host = starts(b"__Host-");
    let http = starts(b"__Http-") || starts(b"__Host-Http-");
    if !(host || http || starts(b"__Secure-")) {
        return Ok(());
    }
    if !secure {
        return Err(Error::CookiePrefixRequiresSecure);
    }
    if host && path_attribute != Some(b"/") {
        return Err(Error::CookiePrefixRequiresRootPath);
    }
    if host && !host_only {
        return Err(Error::CookiePrefixForbidsDomain);
    }
    if http && !http_only {
        return Err(Error::CookiePrefixRequiresHttpOnly);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        for ok in [
            "a",
            "example.com",
            ".example.com",
            "a-b.c0",
            "127.0.0.1",
            "EXAMPLE.org",
        ] {
            assert!(is_host_name(ok.as_bytes()), "{ok}");
        }
        let long_label = [b'a'; 64];
        for bad in [
            "", ".", "..a", "a..b", "a.", "-a", "a-", "a_b", "a b", "a;b", "[::1]", "é.fr",
        ] {
            assert!(!is_host_name(bad.as_bytes()), "{bad}");
        }
        assert!(!is_host_name(&long_label));
        assert!(is_host_name(&long_label[..63]));
    }
}
