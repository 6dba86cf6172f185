//! `Set-Cookie` parsing with the RFC 6265 section 5.2 user-agent algorithm.
//!
//! The result borrows from the header. Where an attribute appears more than
//! once the last valid one wins, as the storage model (section 5.3) reads
//! "the last attribute in the cookie-attribute-list"; attributes a user
//! agent must ignore (an unparsable `Expires`, a `Max-Age` that is not an
//! integer, an empty `Domain`) leave the earlier value in place.

use crate::Error;
use crate::cookie::attribute::{Priority, SameSite};
use crate::cookie::date::parse_cookie_date;
use crate::cookie::rules::MAX_ATTRIBUTE_LEN;
use crate::search::split_once;
use crate::tables::{is_cookie_ctl, trim_wsp};

/// A `Set-Cookie` header as a user agent reads it, borrowed from the
/// header bytes.
///
/// ```
/// use jeton::cookie::{ParsedSetCookie, SameSite};
///
/// let c = ParsedSetCookie::parse(
///     b"id=a3f; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60; \
///       Domain=.Example.com; Path=/app; Secure; HttpOnly; SameSite=lax",
/// )?;
/// assert_eq!((c.name(), c.value()), (&b"id"[..], &b"a3f"[..]));
/// assert_eq!(c.expires(), Some(1445412480));
/// assert_eq!(c.max_age(), Some(60));
/// assert_eq!(c.expiry(1_000), Some(1_060)); // Max-Age wins over Expires
/// assert_eq!(c.domain(), Some(&b"Example.com"[..]));
/// assert_eq!(c.path(), Some(&b"/app"[..]));
/// assert!(c.secure() && c.http_only());
/// assert_eq!(c.same_site(), Some(SameSite::Lax));
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedSetCookie<'a> {
    name: &'a [u8],
    value: &'a [u8],
    expires: Option<i64>,
    max_age: Option<i64>,
    domain: Option<&'a [u8]>,
    path: Option<&'a [u8]>,
    secure: bool,
    http_only: bool,
    partitioned: bool,
    same_site: Option<SameSite>,
    priority: Option<Priority>,
    control_characters: bool,
}

impl<'a> ParsedSetCookie<'a> {
    /// Parses a `Set-Cookie` header value (without the `Set-Cookie:` name).
    ///
    /// Work is linear in the input and memory is constant.
    ///
    /// # Errors
    ///
    /// The two cases RFC 6265 section 5.2 makes a user agent ignore the
    /// whole header: [`Error::CookieMissingEquals`] when the name-value pair
    /// has no `=`, [`Error::CookieEmptyName`] when the name is empty after
    /// trimming.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, cookie::ParsedSetCookie};
    ///
    /// assert_eq!(ParsedSetCookie::parse(b"novalue").err(), Some(Error::CookieMissingEquals));
    /// assert_eq!(ParsedSetCookie::parse(b" =v").err(), Some(Error::CookieEmptyName));
    /// let c = ParsedSetCookie::parse(b"a = b c ; path=x; max-age=-1")?;
    /// assert_eq!(c.value(), b"b c");
    /// assert_eq!(c.path(), None); // not starting with '/': the default path
    /// assert_eq!(c.max_age(), Some(-1));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn parse<H: AsRef<[u8]> + ?Sized>(header: &'a H) -> Result<Self, Error> {
        let header = header.as_ref();
        let (pair, mut attributes) = match split_once(header, b';') {
            Some((pair, attributes)) => (pair, Some(attributes)),
            None => (header, None),
        };
        let (name, value) = split_once(pair, b'=').ok_or(Error::CookieMissingEquals)?;
        let name = trim_wsp(name);
        let value = trim_wsp(value);
        if name.is_empty() {
            return Err(Error::CookieEmptyName);
        }
        let mut cookie = ParsedSetCookie {
            name,
            value,
            expires: None,
            max_age: None,
            domain: None,
            path: None,
            secure: false,
            http_only: false,
            partitioned: false,
            same_site: None,
            priority: None,
            control_characters: header.iter().any(|&b| is_cookie_ctl(b)),
        };
        // What follows each ';', up to the next one.
        while let Some(rest) = attributes {
            let (av, next) = match split_once(rest, b';') {
                Some((av, next)) => (av, Some(next)),
                None => (rest, None),
            };
            attributes = next;
            let (attr_name, attr_value) = match split_once(av, b'=') {
                Some((name, value)) => (name, value),
                None => (av, &[][..]),
            };
            cookie.apply(trim_wsp(attr_name), trim_wsp(attr_value));
        }
        Ok(cookie)
    }

    /// Processes one cookie-av (RFC 6265 sections 5.2.1 to 5.2.6, plus
    /// `SameSite`, `Partitioned` and `Priority`). A value over 1024 bytes
    /// makes the attribute ignored (RFC 6265bis section 5.6 step 6).
    fn apply(&mut self, name: &[u8], value: &'a [u8]) {
        if value.len() > MAX_ATTRIBUTE_LEN {
            return;
        }
        let is = |expected: &str| name.eq_ignore_ascii_case(expected.as_bytes());
        if is("expires") {
            if let Ok(time) = parse_cookie_date(value) {
                self.expires = Some(time);
            }
        } else if is("max-age") {
            if let Some(delta) = parse_delta_seconds(value) {
                self.max_age = Some(delta);
            }
        } else if is("domain") {
            if !value.is_empty() {
                self.domain = Some(value.strip_prefix(b".").unwrap_or(value));
            }
        } else if is("path") {
            // An empty or relative path means the default path.
            self.path = value.starts_with(b"/").then_some(value);
        } else if is("secure") {
            self.secure = true;
        } else if is("httponly") {
            self.http_only = true;
        } else if is("partitioned") {
            self.partitioned = true;
        } else if is("samesite") {
            self.same_site = SameSite::from_bytes(value);
        } else if is("priority") {
            // An unknown value resets to the default, as Chrome does.
            self.priority = Priority::from_bytes(value);
        }
    }

    /// The cookie name, trimmed of spaces and tabs.
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// let c = ParsedSetCookie::parse(b" lang = \"en-US\" ; Path=/")?;
    /// assert_eq!(c.name(), b"lang");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The cookie value, trimmed of spaces and tabs, quotes kept.
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// let c = ParsedSetCookie::parse(b" lang = \"en-US\" ; Path=/")?;
    /// assert_eq!(c.value(), b"\"en-US\"");
    /// assert_eq!(ParsedSetCookie::parse(b"lang=")?.value(), b"");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// The last valid `Expires`, as Unix seconds. Dates are read with RFC
    /// 6265 section 5.1.1's lenient algorithm, so the older formats
    /// servers still send are understood; an unreadable one is ignored.
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// // RFC 6265 section 3.1: Wed, 09 Jun 2021 10:18:14 GMT.
    /// let c = ParsedSetCookie::parse(b"lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT")?;
    /// assert_eq!(c.expires(), Some(1_623_233_894));
    /// // The RFC 850 form, and an unreadable date that leaves the earlier one.
    /// let c = ParsedSetCookie::parse(b"a=b; expires=Wednesday, 09-Jun-21 10:18:14 GMT; expires=soon")?;
    /// assert_eq!(c.expires(), Some(1_623_233_894));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn expires(&self) -> Option<i64> {
        self.expires
    }

    /// The last valid `Max-Age`, in seconds (zero or negative means
    /// "expire now"; values beyond `i64` saturate).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// let c = ParsedSetCookie::parse(b"a=b; Max-Age=60; Max-Age=1e3; Max-Age=+5")?;
    /// assert_eq!(c.max_age(), Some(60)); // "1e3" and "+5" are not delta-seconds
    /// let c = ParsedSetCookie::parse(b"a=b; Max-Age=99999999999999999999999")?;
    /// assert_eq!(c.max_age(), Some(i64::MAX));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn max_age(&self) -> Option<i64> {
        self.max_age
    }

    /// When the cookie expires for a client whose clock reads `now`:
    /// `Max-Age` takes precedence over `Expires` (RFC 6265 section 5.3 step
    /// 3); `None` for a session cookie. A `Max-Age` of zero or less gives
    /// [`i64::MIN`], "already expired". The 400-day cap of RFC 6265bis is
    /// the jar's business and is not applied here.
    ///
    /// ```
    /// let c = jeton::cookie::ParsedSetCookie::parse(b"a=b; max-age=0; expires=Fri, 01 Jan 2100 00:00:00 GMT")?;
    /// assert_eq!(c.expiry(1_700_000_000), Some(i64::MIN));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn expiry(&self, now: i64) -> Option<i64> {
        match (self.max_age, self.expires) {
            (Some(delta), _) if delta <= 0 => Some(i64::MIN),
            (Some(delta), _) => Some(now.saturating_add(delta)),
            (None, expires) => expires,
        }
    }

    /// The last non-empty `Domain`, without its leading dot and not yet
    /// lower-cased (compare with `eq_ignore_ascii_case`).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// let c = ParsedSetCookie::parse(b"a=b; Domain=.Example.COM; Domain=")?;
    /// assert_eq!(c.domain(), Some(&b"Example.COM"[..]));
    /// assert_eq!(ParsedSetCookie::parse(b"a=b")?.domain(), None); // host-only
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn domain(&self) -> Option<&'a [u8]> {
        self.domain
    }

    /// The last `Path` if it starts with `/`; `None` means the default
    /// path of the request URL (RFC 6265 section 5.1.4).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; Path=/docs; Path=/app")?.path(), Some(&b"/app"[..]));
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; Path=/docs; Path=")?.path(), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn path(&self) -> Option<&'a [u8]> {
        self.path
    }

    /// Whether `Secure` appeared (any case, any value).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// assert!(ParsedSetCookie::parse(b"a=b; SECURE")?.secure());
    /// assert!(!ParsedSetCookie::parse(b"a=b; Securely")?.secure());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn secure(&self) -> bool {
        self.secure
    }

    /// Whether `HttpOnly` appeared (any case, any value).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// assert!(ParsedSetCookie::parse(b"a=b; httponly")?.http_only());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn http_only(&self) -> bool {
        self.http_only
    }

    /// Whether `Partitioned` appeared (any case, any value).
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// let c = ParsedSetCookie::parse(b"__Host-example=34d8g; SameSite=None; Secure; Path=/; Partitioned;")?;
    /// assert!(c.partitioned() && c.secure());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn partitioned(&self) -> bool {
        self.partitioned
    }

    /// The last `SameSite`, if its value was `Strict`, `Lax` or `None` (any
    /// case); an unknown value clears it, leaving the browser default.
    ///
    /// ```
    /// use jeton::cookie::{ParsedSetCookie, SameSite};
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; SameSite=STRICT")?.same_site(), Some(SameSite::Strict));
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; SameSite=Lax; SameSite=Loose")?.same_site(), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn same_site(&self) -> Option<SameSite> {
        self.same_site
    }

    /// The last `Priority`, if its value was `Low`, `Medium` or `High`
    /// (any case); an unknown value clears it.
    ///
    /// ```
    /// use jeton::cookie::{ParsedSetCookie, Priority};
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; Priority=high")?.priority(), Some(Priority::High));
    /// assert_eq!(ParsedSetCookie::parse(b"a=b; Priority=urgent")?.priority(), None);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn priority(&self) -> Option<Priority> {
        self.priority
    }

    /// Whether the header holds a control character other than HTAB
    /// anywhere; RFC 6265bis section 5.6 has a user agent ignore such a
    /// header entirely, and [`CookieJar`](crate::cookie::CookieJar) does.
    ///
    /// ```
    /// use jeton::cookie::ParsedSetCookie;
    /// assert!(ParsedSetCookie::parse(b"a=b\x01c")?.has_control_characters());
    /// assert!(!ParsedSetCookie::parse(b"a=b\tc")?.has_control_characters());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn has_control_characters(&self) -> bool {
        self.control_characters
    }
}

/// RFC 6265 section 5.2.2: an optional `-` then digits only; values too
/// large for `i64` saturate.
fn parse_delta_seconds(value: &[u8]) -> Option<i64> {
    let (negative, digits) = match value.strip_prefix(b"-") {
        Some(digits) => (true, digits),
        None => (false, value),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |n, &d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_valid_attribute_wins() {
        let c = ParsedSetCookie::parse(
            b"a=b; Domain=x.com; domain=; max-age=5; max-age=x; expires=bogus; path=/a; path=/b",
        )
        .unwrap();
        assert_eq!(c.domain(), Some(&b"x.com"[..]));
        assert_eq!(c.max_age(), Some(5));
        assert_eq!(c.expires(), None);
        assert_eq!(c.path(), Some(&b"/b"[..]));
        let c = ParsedSetCookie::parse(b"a=b; path=/a; path=").unwrap();
        assert_eq!(c.path(), None);
    }

    #[test]
    fn delta_seconds() {
        assert_eq!(parse_delta_seconds(b"0"), Some(0));
        assert_eq!(parse_delta_seconds(b"-0"), Some(0));
        assert_eq!(parse_delta_seconds(b"-"), None);
        assert_eq!(parse_delta_seconds(b"+1"), None);
        assert_eq!(parse_delta_seconds(b"1 "), None);
        assert_eq!(
            parse_delta_seconds(b"99999999999999999999999"),
            Some(i64::MAX)
        );
        assert_eq!(
            parse_delta_seconds(b"-99999999999999999999999"),
            Some(-i64::MAX)
        );
    }

    #[test]
    fn flags_and_unknown_attributes() {
        let c = ParsedSetCookie::parse(
            b"a=\"b\"; SECURE=1; HttpOnly; Partitioned; foo=bar; SameSite=Bogus; Priority=HIGH",
        )
        .unwrap();
        assert_eq!(c.value(), b"\"b\"");
        assert!(c.secure() && c.http_only() && c.partitioned());
        assert_eq!(c.same_site(), None);
        assert_eq!(c.priority(), Some(Priority::High));
    }
}
