//! `Set-Cookie` formatting: a builder that refuses to write a cookie a
//! browser would drop, misread or let an attacker extend.
//!
//! Every rule is an error, never a silent fix: bytes outside the grammar
//! (so no input can inject CR, LF or `;`), sizes over the RFC 6265bis
//! limits, `SameSite=None` or `Partitioned` without `Secure`, and the
//! `__Secure-`, `__Host-`, `__Http-` and `__Host-Http-` name prefixes (the
//! rules are in `cookie::rules`, this module builds and writes).
//! Attributes are written in the order of an [`AttributeStyle`]; the
//! default is:
//!
//! ```text
//! name=value; Path=..; Domain=..; Max-Age=..; Expires=..; Secure; HttpOnly;
//! SameSite=..; Partitioned; Priority=..
//! ```

use crate::cookie::attribute::{Priority, SameSite};
use crate::cookie::date::{MAX_COOKIE_TIME, MIN_COOKIE_TIME, write_http_date};
use crate::cookie::rules::{
    MAX_NAME_VALUE_LEN, check_domain, check_name, check_path, check_prefix, check_value,
};
use crate::out::{Out, to_heapless};
use crate::{Error, percent};

/// How attribute names are spelled and in which order they are written.
///
/// Browsers read every style the same way; the Node styles exist so that a
/// jeton service can emit, byte for byte, the headers of the Node service
/// beside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AttributeStyle {
    /// `Path`, `Domain`, `Max-Age`, `Expires`, `Secure`, `HttpOnly`,
    /// `SameSite`, `Partitioned`, `Priority`.
    #[default]
    Canonical,
    /// npm `cookie`'s `serialize` (Express, express-session): `Max-Age`,
    /// `Domain`, `Path`, `Expires`, `HttpOnly`, `Secure`, `Partitioned`,
    /// `Priority`, `SameSite`.
    NpmCookie,
    /// npm `cookies` (cookie-session, Koa): lower-case `path`, `expires`,
    /// `domain`, `priority`, `samesite`, `secure`, `httponly`,
    /// `partitioned`, with lower-case `samesite` and `priority` values.
    /// The `cookies` module never writes `Max-Age` (it turns it into
    /// `expires` with its own clock); when one is set it comes out as
    /// `max-age` right after `expires`.
    NpmCookies,
}

/// What goes after `name=` when writing.
#[derive(Clone, Copy)]
enum ValueOut<'v> {
    /// The cookie's own value, percent-encoded when asked for.
    Own,
    /// Bytes already checked to be cookie-octets (a signature).
    Raw(&'v [u8]),
}

/// A `Set-Cookie` header value under construction.
///
/// Setters take and return `self`; [`SetCookie::write`] checks every rule
/// and writes the header value (without the `Set-Cookie:` name) into a
/// caller buffer.
///
/// ```
/// use jeton::cookie::{SameSite, SetCookie};
///
/// let mut buf = [0u8; 256];
/// let n = SetCookie::new("session", "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY")
///     .path("/")
///     .domain("example.com")
///     .max_age(86400)
///     .expires(2_000_000_000)
///     .secure(true)
///     .http_only(true)
///     .same_site(SameSite::Lax)
///     .write(&mut buf)?;
/// assert_eq!(
///     &buf[..n],
///     &b"session=NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY; Path=/; Domain=example.com; \
///        Max-Age=86400; Expires=Wed, 18 May 2033 03:33:20 GMT; Secure; HttpOnly; \
///        SameSite=Lax"[..]
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetCookie<'a> {
    name: &'a [u8],
    value: &'a [u8],
    encode_value: bool,
    path: Option<&'a [u8]>,
    domain: Option<&'a [u8]>,
    max_age: Option<u64>,
    expires: Option<i64>,
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
    partitioned: bool,
    priority: Option<Priority>,
    style: AttributeStyle,
}

impl<'a> SetCookie<'a> {
    /// A cookie `name=value` with no attributes. Nothing is checked until
    /// [`SetCookie::write`].
    ///
    /// ```
    /// let mut buf = [0u8; 8];
    /// let n = jeton::cookie::SetCookie::new("a", b"1").write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"a=1");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn new<N, V>(name: &'a N, value: &'a V) -> Self
    where
        N: AsRef<[u8]> + ?Sized,
        V: AsRef<[u8]> + ?Sized,
    {
        SetCookie {
            name: name.as_ref(),
            value: value.as_ref(),
            encode_value: false,
            path: None,
            domain: None,
            max_age: None,
            expires: None,
            secure: false,
            http_only: false,
            same_site: None,
            partitioned: false,
            priority: None,
            style: AttributeStyle::Canonical,
        }
    }

    /// A cookie that tells the browser to delete `name`: empty value,
    /// `Max-Age=0` and an `Expires` in 1970. Add the same `Path` and
    /// `Domain` (and, for a prefixed name, `Secure`) that the cookie was
    /// set with, or the browser deletes nothing.
    ///
    /// ```
    /// let mut buf = [0u8; 96];
    /// let n = jeton::cookie::SetCookie::removal("session").path("/").write(&mut buf)?;
    /// assert_eq!(
    ///     &buf[..n],
    ///     &b"session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"[..]
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn removal<N: AsRef<[u8]> + ?Sized>(name: &'a N) -> Self {
        SetCookie::new(name, b"").max_age(0).expires(0)
    }

    /// Percent-encodes the value on the way out, as npm `cookie` does by
    /// default: a value made only of cookie-octets other than `%` is
    /// written as it is, anything else through `encodeURIComponent`. The
    /// value may then hold any bytes.
    ///
    /// ```
    /// let mut buf = [0u8; 32];
    /// let n = jeton::cookie::SetCookie::new("q", "a b;c").encode_value(true).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"q=a%20b%3Bc");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn encode_value(mut self, on: bool) -> Self {
        self.encode_value = on;
        self
    }

    /// Sets `Path`. It must start with `/` (a browser replaces any other
    /// path with the default one), not end with a space (a browser trims
    /// it) and be printable ASCII without `;`.
    ///
    /// ```
    /// use jeton::{Error, cookie::SetCookie};
    /// let mut buf = [0u8; 128];
    /// // RFC 6265 section 3.1.
    /// let n = SetCookie::new("SID", "31d4d96e407aad42").path("/").domain("example.com").write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"SID=31d4d96e407aad42; Path=/; Domain=example.com");
    /// assert_eq!(SetCookie::new("a", "1").path("docs").validate(), Err(Error::CookieInvalidPath));
    /// assert_eq!(SetCookie::new("a", "1").path("/; Secure").validate(), Err(Error::CookieInvalidPath));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn path<P: AsRef<[u8]> + ?Sized>(mut self, path: &'a P) -> Self {
        self.path = Some(path.as_ref());
        self
    }

    /// Sets `Domain`. It must be a host name: dot-separated labels of
    /// letters, digits and inner hyphens, at most 63 bytes each, with an
    /// optional leading dot. Without it the cookie goes back only to the
    /// host that set it; with it, to that domain and its subdomains.
    ///
    /// ```
    /// use jeton::{Error, cookie::SetCookie};
    /// let mut buf = [0u8; 128];
    /// // RFC 6265 section 3.1.
    /// let n = SetCookie::new("lang", "en-US").path("/").domain("example.com").write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"lang=en-US; Path=/; Domain=example.com");
    /// assert_eq!(SetCookie::new("a", "1").domain("-bad-.example").validate(), Err(Error::CookieInvalidDomain));
    /// assert_eq!(SetCookie::new("a", "1").domain("example.com:8080").validate(), Err(Error::CookieInvalidDomain));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn domain<D: AsRef<[u8]> + ?Sized>(mut self, domain: &'a D) -> Self {
        self.domain = Some(domain.as_ref());
        self
    }

    /// Sets `Max-Age` in seconds; `0` deletes the cookie. Browsers cap a
    /// cookie's lifetime at 400 days (RFC 6265bis section 5.6.2).
    ///
    /// ```
    /// use jeton::cookie::SetCookie;
    /// let mut buf = [0u8; 128];
    /// let n = SetCookie::new("sid", "1").max_age(3600).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; Max-Age=3600");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Sets `Expires` from Unix seconds, written as an IMF-fixdate. It
    /// must lie in the years 1601 to 9999.
    ///
    /// ```
    /// use jeton::{Error, cookie::SetCookie};
    /// let mut buf = [0u8; 128];
    /// // RFC 6265 section 3.1: Wed, 09 Jun 2021 10:18:14 GMT is 1623233894.
    /// let n = SetCookie::new("lang", "en-US").expires(1_623_233_894).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
    /// assert_eq!(SetCookie::new("a", "1").expires(253_402_300_800).validate(), Err(Error::DateOutOfRange)); // year 10000
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn expires(mut self, unix_seconds: i64) -> Self {
        self.expires = Some(unix_seconds);
        self
    }

    /// Sets or clears `Secure`: the browser sends the cookie only over
    /// HTTPS (and `SameSite=None`, `Partitioned` and the `__Secure-` and
    /// `__Host-` prefixes require it).
    ///
    /// ```
    /// use jeton::{Error, cookie::SetCookie};
    /// let mut buf = [0u8; 128];
    /// // RFC 6265 section 3.1.
    /// let n = SetCookie::new("SID", "31d4d96e407aad42").path("/").secure(true).http_only(true).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
    /// assert_eq!(SetCookie::new("__Secure-id", "1").validate(), Err(Error::CookiePrefixRequiresSecure));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn secure(mut self, on: bool) -> Self {
        self.secure = on;
        self
    }

    /// Sets or clears `HttpOnly`: scripts of the page cannot read the
    /// cookie (`document.cookie`); a session cookie should have it.
    ///
    /// ```
    /// use jeton::cookie::SetCookie;
    /// let mut buf = [0u8; 128];
    /// let n = SetCookie::new("sid", "1").http_only(true).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; HttpOnly");
    /// assert!(SetCookie::new("sid", "1").http_only(true).is_http_only());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn http_only(mut self, on: bool) -> Self {
        self.http_only = on;
        self
    }

    /// Sets `SameSite`. `SameSite::None` requires `Secure`.
    ///
    /// ```
    /// use jeton::{Error, cookie::{SameSite, SetCookie}};
    /// let mut buf = [0u8; 128];
    /// let n = SetCookie::new("sid", "1").same_site(SameSite::Strict).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; SameSite=Strict");
    /// let embed = SetCookie::new("embed", "1").same_site(SameSite::None);
    /// assert_eq!(embed.validate(), Err(Error::SameSiteNoneRequiresSecure));
    /// let n = embed.secure(true).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"embed=1; Secure; SameSite=None");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn same_site(mut self, same_site: SameSite) -> Self {
        self.same_site = Some(same_site);
        self
    }

    /// Sets or clears `Partitioned` (CHIPS): the browser keeps the cookie
    /// apart for each top-level site it is embedded in. It requires
    /// `Secure`.
    ///
    /// ```
    /// use jeton::{Error, cookie::{SameSite, SetCookie}};
    /// let mut buf = [0u8; 128];
    /// let c = SetCookie::new("__Host-example", "34d8g")
    ///     .same_site(SameSite::None)
    ///     .secure(true)
    ///     .path("/")
    ///     .partitioned(true);
    /// let n = c.write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"__Host-example=34d8g; Path=/; Secure; SameSite=None; Partitioned");
    /// assert_eq!(c.secure(false).validate(), Err(Error::SameSiteNoneRequiresSecure));
    /// assert_eq!(SetCookie::new("a", "1").partitioned(true).validate(), Err(Error::PartitionedRequiresSecure));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn partitioned(mut self, on: bool) -> Self {
        self.partitioned = on;
        self
    }

    /// Sets `Priority` (Chrome evicts `Low` cookies of a domain first and
    /// `High` ones last).
    ///
    /// ```
    /// use jeton::cookie::{Priority, SetCookie};
    /// let mut buf = [0u8; 128];
    /// let n = SetCookie::new("sid", "1").priority(Priority::High).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; Priority=High");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Chooses how attributes are spelled and ordered.
    ///
    /// ```
    /// use jeton::cookie::{AttributeStyle, SameSite, SetCookie};
    /// let c = SetCookie::new("sid", "1").path("/").http_only(true).same_site(SameSite::Lax);
    /// let mut buf = [0u8; 64];
    /// let n = c.style(AttributeStyle::NpmCookies).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; path=/; samesite=lax; httponly");
    /// let n = c.style(AttributeStyle::NpmCookie).write(&mut buf)?;
    /// assert_eq!(&buf[..n], b"sid=1; Path=/; HttpOnly; SameSite=Lax");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn style(mut self, style: AttributeStyle) -> Self {
        self.style = style;
        self
    }

    /// The cookie name. This getter and the ones after it return what the
    /// setters set, unchecked.
    ///
    /// ```
    /// use jeton::cookie::{Priority, SameSite, SetCookie};
    /// let c = SetCookie::new("sid", "1").path("/").max_age(60).same_site(SameSite::Lax);
    /// assert_eq!((c.name(), c.value()), (&b"sid"[..], &b"1"[..]));
    /// assert_eq!((c.get_path(), c.get_domain()), (Some(&b"/"[..]), None));
    /// assert_eq!((c.get_max_age(), c.get_expires()), (Some(60), None));
    /// assert_eq!((c.is_secure(), c.is_http_only(), c.is_partitioned()), (false, false, false));
    /// assert_eq!((c.get_same_site(), c.get_priority()), (Some(SameSite::Lax), None::<Priority>));
    /// ```
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The cookie value, before any encoding.
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// `Path`, if set.
    pub fn get_path(&self) -> Option<&'a [u8]> {
        self.path
    }

    /// `Domain`, if set.
    pub fn get_domain(&self) -> Option<&'a [u8]> {
        self.domain
    }

    /// `Max-Age`, if set.
    pub fn get_max_age(&self) -> Option<u64> {
        self.max_age
    }

    /// `Expires` as Unix seconds, if set.
    pub fn get_expires(&self) -> Option<i64> {
        self.expires
    }

    /// Whether `Secure` is set.
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// Whether `HttpOnly` is set.
    pub fn is_http_only(&self) -> bool {
        self.http_only
    }

    /// `SameSite`, if set.
    pub fn get_same_site(&self) -> Option<SameSite> {
        self.same_site
    }

    /// Whether `Partitioned` is set.
    pub fn is_partitioned(&self) -> bool {
        self.partitioned
    }

    /// `Priority`, if set.
    pub fn get_priority(&self) -> Option<Priority> {
        self.priority
    }

    /// Checks every rule without writing anything; [`SetCookie::write`]
    /// runs the same checks.
    ///
    /// # Errors
    ///
    /// The first rule broken, in this order: [`Error::CookieEmptyName`],
    /// [`Error::CookieInvalidName`], [`Error::CookieInvalidValue`],
    /// [`Error::CookieTooLarge`], [`Error::CookieAttributeTooLong`],
    /// [`Error::CookieInvalidPath`], [`Error::CookieInvalidDomain`],
    /// [`Error::DateOutOfRange`], [`Error::SameSiteNoneRequiresSecure`],
    /// [`Error::PartitionedRequiresSecure`], then the prefix rules
    /// [`Error::CookiePrefixRequiresSecure`],
    /// [`Error::CookiePrefixRequiresRootPath`],
    /// [`Error::CookiePrefixForbidsDomain`] and
    /// [`Error::CookiePrefixRequiresHttpOnly`].
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, cookie::{SameSite, SetCookie}};
    ///
    /// let c = SetCookie::new("__Host-id", "1").secure(true);
    /// assert_eq!(c.validate(), Err(Error::CookiePrefixRequiresRootPath));
    /// assert_eq!(c.path("/").validate(), Ok(()));
    /// assert_eq!(
    ///     SetCookie::new("a", "1").same_site(SameSite::None).validate(),
    ///     Err(Error::SameSiteNoneRequiresSecure)
    /// );
    /// assert_eq!(SetCookie::new("a", "1\r\nX: y").validate(), Err(Error::CookieInvalidValue));
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        check_name(self.name)?;
        let value_len = if self.encode_value {
            percent::encoded_cookie_value_len(self.value)
        } else {
            check_value(self.value)?;
            self.value.len()
        };
        if self.name.len().saturating_add(value_len) > MAX_NAME_VALUE_LEN {
            return Err(Error::CookieTooLarge);
        }
        if let Some(path) = self.path {
            check_path(path)?;
        }
        if let Some(domain) = self.domain {
            check_domain(domain)?;
        }
        if let Some(expires) = self.expires
            && !(MIN_COOKIE_TIME..=MAX_COOKIE_TIME).contains(&expires)
        {
            return Err(Error::DateOutOfRange);
        }
        if self.same_site == Some(SameSite::None) && !self.secure {
            return Err(Error::SameSiteNoneRequiresSecure);
        }
        if self.partitioned && !self.secure {
            return Err(Error::PartitionedRequiresSecure);
        }
        check_prefix(
            self.name,
            self.secure,
            self.domain.is_none(),
            self.path,
            self.http_only,
        )
    }

    /// Checks every rule, then writes the header value into `out` and
    /// returns its length.
    ///
    /// # Errors
    ///
    /// Any error of [`SetCookie::validate`], or [`Error::BufferTooSmall`]
    /// with the length needed. On error `out` holds nothing of the result.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::{Error, cookie::SetCookie};
    ///
    /// let mut small = [0u8; 4];
    /// assert_eq!(
    ///     SetCookie::new("id", "42").http_only(true).write(&mut small),
    ///     Err(Error::BufferTooSmall { needed: 15 })
    /// );
    /// ```
    pub fn write(&self, out: &mut [u8]) -> Result<usize, Error> {
        self.validate()?;
        let mut out = Out::new(out);
        self.write_unchecked(&mut out, b"", ValueOut::Own);
        out.finish()
    }

    /// Writes this cookie's attributes under the name `name ++ suffix`
    /// with `value` as the value: the companion cookies of signed-cookie
    /// formats (keygrip's `name.sig`). The cookie itself must have passed
    /// [`SetCookie::validate`] (every caller has just written or measured
    /// it); `suffix` must be token bytes and `value` cookie-octets, which
    /// are checked.
    pub(crate) fn write_companion(
        &self,
        suffix: &[u8],
        value: &[u8],
        out: &mut [u8],
    ) -> Result<usize, Error> {
        check_value(value)?;
        self.check_companion(suffix, value.len())?;
        let mut out = Out::new(out);
        self.write_unchecked(&mut out, suffix, ValueOut::Raw(value));
        out.finish()
    }

    /// The length [`SetCookie::write_companion`] produces for a value of
    /// `value_len` cookie-octets (the value goes in as it is, so only its
    /// length matters).
    pub(crate) fn companion_len(&self, suffix: &[u8], value_len: usize) -> Result<usize, Error> {
        self.check_companion(suffix, value_len)?;
        let mut out = Out::new(&mut []);
        self.write_unchecked(&mut out, suffix, ValueOut::Raw(&[]));
        Ok(out.len() + value_len)
    }

    /// A companion's name suffix and size limit.
    fn check_companion(&self, suffix: &[u8], value_len: usize) -> Result<(), Error> {
        check_name(suffix)?;
        if self.name.len() + suffix.len() + value_len > MAX_NAME_VALUE_LEN {
            return Err(Error::CookieTooLarge);
        }
        Ok(())
    }

    /// The length [`SetCookie::write`] would produce.
    ///
    /// # Errors
    ///
    /// Any error of [`SetCookie::validate`].
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::cookie::SetCookie;
    /// let c = SetCookie::new("lang", "en-US").expires(1_623_233_894);
    /// // "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT"
    /// assert_eq!(c.formatted_len()?, 49);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn formatted_len(&self) -> Result<usize, Error> {
        self.validate()?;
        let mut out = Out::new(&mut []);
        self.write_unchecked(&mut out, b"", ValueOut::Own);
        Ok(out.len())
    }

    /// [`SetCookie::write`] into a `heapless::String` of capacity `N`.
    ///
    /// # Errors
    ///
    /// Any error of [`SetCookie::write`].
    ///
    /// # Example
    ///
    /// ```
    /// let header = jeton::cookie::SetCookie::new("a", "1").secure(true).to_heapless::<64>()?;
    /// assert_eq!(header.as_str(), "a=1; Secure");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn to_heapless<const N: usize>(&self) -> Result<heapless::String<N>, Error> {
        to_heapless(|buf| self.write(buf))
    }

    fn write_unchecked(&self, out: &mut Out<'_>, suffix: &[u8], value: ValueOut<'_>) {
        out.put(self.name);
        out.put(suffix);
        out.push(b'=');
        match value {
            ValueOut::Own if self.encode_value => {
                percent::encode_cookie_value_into(self.value, out)
            }
            ValueOut::Own => out.put(self.value),
            ValueOut::Raw(raw) => out.put(raw),
        }
        let attrs = Attributes { cookie: self, out };
        match self.style {
            AttributeStyle::Canonical => attrs.canonical(),
            AttributeStyle::NpmCookie => attrs.npm_cookie(),
            AttributeStyle::NpmCookies => attrs.npm_cookies(),
        }
    }
}

/// Writes the attributes of a checked cookie in each style.
struct Attributes<'c, 'o, 'b> {
    cookie: &'c SetCookie<'c>,
    out: &'o mut Out<'b>,
}

impl Attributes<'_, '_, '_> {
    fn text(&mut self, name: &[u8], value: Option<&[u8]>) {
        if let Some(value) = value {
            self.out.put(b"; ");
            self.out.put(name);
            self.out.push(b'=');
            self.out.put(value);
        }
    }

    fn lower_text(&mut self, name: &[u8], value: Option<&str>) {
        if let Some(value) = value {
            self.out.put(b"; ");
            self.out.put(name);
            self.out.push(b'=');
            for b in value.bytes() {
                self.out.push(b.to_ascii_lowercase());
            }
        }
    }

    fn flag(&mut self, name: &[u8], on: bool) {
        if on {
            self.out.put(b"; ");
            self.out.put(name);
        }
    }

    fn max_age(&mut self, name: &[u8]) {
        if let Some(max_age) = self.cookie.max_age {
            self.out.put(b"; ");
            self.out.put(name);
            self.out.push(b'=');
            self.out.put_u64(max_age);
        }
    }

    fn expires(&mut self, name: &[u8]) {
        if let Some(expires) = self.cookie.expires {
            self.out.put(b"; ");
            self.out.put(name);
            self.out.push(b'=');
            // The range was checked by `validate`.
            let _ = write_http_date(expires, self.out);
        }
    }

    fn canonical(mut self) {
        let c = self.cookie;
        self.text(b"Path", c.path);
        self.text(b"Domain", c.domain);
        self.max_age(b"Max-Age");
        self.expires(b"Expires");
        self.flag(b"Secure", c.secure);
        self.flag(b"HttpOnly", c.http_only);
        self.text(b"SameSite", c.same_site.map(|s| s.as_str().as_bytes()));
        self.flag(b"Partitioned", c.partitioned);
        self.text(b"Priority", c.priority.map(|p| p.as_str().as_bytes()));
    }

    fn npm_cookie(mut self) {
        let c = self.cookie;
        self.max_age(b"Max-Age");
        self.text(b"Domain", c.domain);
        self.text(b"Path", c.path);
        self.expires(b"Expires");
        self.flag(b"HttpOnly", c.http_only);
        self.flag(b"Secure", c.secure);
        self.flag(b"Partitioned", c.partitioned);
        self.text(b"Priority", c.priority.map(|p| p.as_str().as_bytes()));
        self.text(b"SameSite", c.same_site.map(|s| s.as_str().as_bytes()));
    }

    fn npm_cookies(mut self) {
        let c = self.cookie;
        self.text(b"path", c.path);
        self.expires(b"expires");
        self.max_age(b"max-age");
        self.text(b"domain", c.domain);
        self.lower_text(b"priority", c.priority.map(Priority::as_str));
        self.lower_text(b"samesite", c.same_site.map(SameSite::as_str));
        self.flag(b"secure", c.secure);
        self.flag(b"httponly", c.http_only);
        self.flag(b"partitioned", c.partitioned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(c: SetCookie<'_>) -> Result<heapless::String<512>, Error> {
        c.to_heapless::<512>()
    }

    #[test]
    fn rejects_injection_through_every_field() {
        for evil in ["a\r\nSet-Cookie: x=y", "a;b", "a\nb", "a\0b"] {
            assert!(written(SetCookie::new(evil, "v")).is_err(), "{evil:?}");
            assert!(written(SetCookie::new("n", evil)).is_err(), "{evil:?}");
            assert!(
                written(SetCookie::new("n", "v").path(evil)).is_err(),
                "{evil:?}"
            );
            assert!(
                written(SetCookie::new("n", "v").domain(evil)).is_err(),
                "{evil:?}"
            );
            let encoded = written(SetCookie::new("n", evil).encode_value(true)).unwrap();
            assert!(!encoded.contains(['\r', '\n', ';', '\0']), "{encoded}");
        }
    }

    #[test]
    fn prefix_rules() {
        let base = |name| SetCookie::new(name, "v");
        assert_eq!(
            base("__Secure-a").validate(),
            Err(Error::CookiePrefixRequiresSecure)
        );
        assert_eq!(
            base("__secure-a").validate(),
            Err(Error::CookiePrefixRequiresSecure)
        );
        assert_eq!(base("__Secure-a").secure(true).validate(), Ok(()));
        assert_eq!(
            base("__Host-a").secure(true).path("/x").validate(),
            Err(Error::CookiePrefixRequiresRootPath)
        );
        assert_eq!(
            base("__Host-a")
                .secure(true)
                .path("/")
                .domain("a.com")
                .validate(),
            Err(Error::CookiePrefixForbidsDomain)
        );
        assert_eq!(
            base("__Http-a").secure(true).validate(),
            Err(Error::CookiePrefixRequiresHttpOnly)
        );
        assert_eq!(
            base("__Http-a").secure(true).http_only(true).validate(),
            Ok(())
        );
        assert_eq!(
            base("__Host-Http-a").secure(true).path("/").validate(),
            Err(Error::CookiePrefixRequiresHttpOnly)
        );
        assert_eq!(
            base("__Host-Http-a")
                .secure(true)
                .path("/")
                .http_only(true)
                .validate(),
            Ok(())
        );
        assert_eq!(base("__HostX").validate(), Ok(()));
    }

    #[test]
    fn sizes() {
        let name = [b'n'; 97];
        let value = [b'v'; 4000];
        assert!(SetCookie::new(&name[..96], &value[..]).validate().is_ok());
        assert_eq!(
            SetCookie::new(&name[..96], &value[..])
                .max_age(1)
                .formatted_len(),
            Ok(96 + 1 + 4000 + "; Max-Age=1".len())
        );
        assert_eq!(
            SetCookie::new(&name[..], &value[..]).validate(),
            Err(Error::CookieTooLarge)
        );
        // Encoding counts: 1366 spaces become 4098 bytes.
        let spaces = [b' '; 1366];
        assert_eq!(
            SetCookie::new("", &spaces[..])
                .encode_value(true)
                .validate(),
            Err(Error::CookieEmptyName)
        );
        assert_eq!(
            SetCookie::new("a", &spaces[..])
                .encode_value(true)
                .validate(),
            Err(Error::CookieTooLarge)
        );
        let long = [b'a'; 1025];
        assert_eq!(
            SetCookie::new("a", "b").path(&long[..]).validate(),
            Err(Error::CookieAttributeTooLong)
        );
    }
}
