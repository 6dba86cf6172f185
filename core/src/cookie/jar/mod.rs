//! A fixed-capacity client cookie jar: the RFC 6265 section 5.3 storage
//! model and the section 5.4 `Cookie` header, with the RFC 6265bis rules
//! browsers now follow.
//!
//! The jar holds at most `N` cookies whose bytes (name, value, domain and
//! path) share one arena of `B` bytes, so its whole footprint is fixed at
//! compile time. When a new cookie does not fit, expired cookies go first,
//! then, as section 5.3 prescribes for a full store, the least recently
//! used ones of the site holding the most cookies (browsers keep per-site
//! quotas for the same reason: a site that floods the jar evicts its own
//! cookies, never another site's session); a cookie larger than the whole
//! arena is refused and the jar is left as it was.
//!
//! What a browser does and this jar does not: it knows no public suffix
//! list (a pluggable test, by default "a domain without a dot is a public
//! suffix"), no IDNA host canonicalisation, and no `SameSite` enforcement,
//! which needs the site of the initiating page; `SameSite` is stored and
//! exposed for the caller to apply.

mod arena;

use crate::Error;
use crate::cookie::SameSite;
use crate::cookie::matching::{domain_matches, path_matches, single_label_is_public_suffix};
use crate::cookie::parse::ParsedSetCookie;
use crate::cookie::rules::{MAX_NAME_VALUE_LEN, check_prefix};
use crate::cookie::url::{RequestUrl, is_ip_literal};
use crate::list::List;
use crate::out::Out;
use arena::{Arena, Entry};
use core::cmp::Reverse;

/// Longest lifetime a browser grants a cookie (RFC 6265bis section 5.6.1
/// and 5.6.2): 400 days.
pub const MAX_COOKIE_LIFETIME: i64 = 400 * 86_400;

/// What [`CookieJar::store`] did with a cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreOutcome {
    /// A new cookie was stored; `evicted` older cookies made room for it.
    Inserted {
        /// Live cookies dropped, least recently used first.
        evicted: usize,
    },
    /// A cookie with the same name, domain and path was replaced (keeping
    /// its creation time, hence its place in the `Cookie` header).
    Replaced {
        /// Live cookies dropped, least recently used first.
        evicted: usize,
    },
    /// The cookie had already expired and deleted the one it matched.
    Removed,
    /// The cookie had already expired and matched nothing.
    Expired,
}

/// One cookie held by a [`CookieJar`], borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JarCookie<'j> {
    /// The name.
    pub name: &'j [u8],
    /// The value, as received.
    pub value: &'j [u8],
    /// The domain, lower-cased: the request host for a host-only cookie.
    pub domain: &'j [u8],
    /// The path.
    pub path: &'j [u8],
    /// Expiry in Unix seconds, `None` for a session cookie.
    pub expiry: Option<i64>,
    /// Sent only to exactly `domain`, not to its subdomains.
    pub host_only: bool,
    /// Sent only over secure channels.
    pub secure: bool,
    /// Hidden from scripts.
    pub http_only: bool,
    /// The `SameSite` attribute, for the caller to enforce.
    pub same_site: Option<SameSite>,
}

/// A fixed-capacity cookie jar for an HTTP client: at most `N` cookies, at
/// most `B` bytes of names, values, domains and paths.
///
/// ```
/// use jeton::cookie::{CookieJar, RequestUrl, StoreOutcome};
///
/// let mut jar: CookieJar<8, 512> = CookieJar::new();
/// let login = RequestUrl::parse(b"https://shop.example.com/account/login")?;
/// jar.store(b"sid=31d4; Path=/; Secure; HttpOnly", &login, 1_700_000_000)?;
/// jar.store(b"lang=en; Domain=example.com; Path=/", &login, 1_700_000_000)?;
///
/// let mut header = [0u8; 64];
/// let next = RequestUrl::parse(b"https://shop.example.com/cart")?;
/// let n = jar.cookie_header(&next, 1_700_000_100, &mut header)?;
/// assert_eq!(&header[..n], b"sid=31d4; lang=en");
///
/// // Over plain http the Secure cookie stays home.
/// let plain = RequestUrl::parse(b"http://www.example.com/")?;
/// let n = jar.cookie_header(&plain, 1_700_000_100, &mut header)?;
/// assert_eq!(&header[..n], b"lang=en");
/// # Ok::<(), jeton::Error>(())
/// ```
pub struct CookieJar<const N: usize, const B: usize> {
    cookies: Arena<N, B>,
    clock: u64,
    public_suffix: fn(&[u8]) -> bool,
}

impl<const N: usize, const B: usize> core::fmt::Debug for CookieJar<N, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CookieJar")
            .field("cookies", &self.len())
            .field("bytes_used", &self.bytes_used())
            .finish_non_exhaustive()
    }
}

impl<const N: usize, const B: usize> Default for CookieJar<N, B> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize, const B: usize> CookieJar<N, B> {
    /// An empty jar with the default public-suffix test
    /// ([`single_label_is_public_suffix`]): a `Domain` without a dot (`com`)
    /// is refused unless it is the request host itself.
    ///
    /// ```
    /// use jeton::{Error, cookie::{CookieJar, RequestUrl}};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// assert!(jar.is_empty());
    /// let url = RequestUrl::parse(b"https://www.example.com/")?;
    /// assert_eq!(jar.store(b"a=1; Domain=com", &url, 0), Err(Error::CookiePublicSuffix));
    /// assert_eq!(jar.store(b"a=1; Domain=other.org", &url, 0), Err(Error::CookieDomainMismatch));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn new() -> Self {
        CookieJar {
            cookies: Arena::new(),
            clock: 0,
            public_suffix: single_label_is_public_suffix,
        }
    }

    /// Replaces the public-suffix test, for callers who carry a public
    /// suffix list. It receives the `Domain` attribute without its leading
    /// dot, in the case it was sent: compare case-insensitively.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// use jeton::Error;
    ///
    /// let mut jar: CookieJar<4, 256> = CookieJar::new();
    /// jar.set_public_suffix_test(|d| d == b"co.uk" || !d.contains(&b'.'));
    /// let url = RequestUrl::parse(b"http://shop.co.uk/")?;
    /// assert_eq!(jar.store(b"a=1; Domain=co.uk", &url, 0), Err(Error::CookiePublicSuffix));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn set_public_suffix_test(&mut self, is_public_suffix: fn(&[u8]) -> bool) {
        self.public_suffix = is_public_suffix;
    }

    /// Number of cookies held (expired ones included until a call with a
    /// clock drops them).
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/")?;
    /// jar.store(b"a=1; Max-Age=60", &url, 0)?;
    /// jar.store(b"b=2", &url, 0)?;
    /// assert_eq!(jar.len(), 2);
    /// assert_eq!(jar.purge_expired(60), 1);
    /// assert_eq!(jar.len(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.cookies.entries().len()
    }

    /// `true` when the jar holds no cookie.
    pub fn is_empty(&self) -> bool {
        self.cookies.entries().is_empty()
    }

    /// Bytes of the arena in use: each cookie's name, value, domain and
    /// path.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/docs/a")?;
    /// jar.store(b"lang=en", &url, 0)?; // "lang", "en", "example.org", "/docs"
    /// assert_eq!(jar.bytes_used(), 4 + 2 + 11 + 5);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn bytes_used(&self) -> usize {
        self.cookies.used()
    }

    /// Drops every cookie.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// jar.store(b"a=1", &RequestUrl::parse(b"http://example.org/")?, 0)?;
    /// jar.clear();
    /// assert!(jar.is_empty() && jar.bytes_used() == 0);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn clear(&mut self) {
        self.cookies.clear();
    }

    /// Drops every session cookie (one without `Expires` or `Max-Age`), as
    /// a browser does when it closes.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/")?;
    /// jar.store(b"session=1", &url, 0)?;
    /// jar.store(b"remember=1; Max-Age=86400", &url, 0)?;
    /// jar.end_session();
    /// assert_eq!(jar.iter().map(|c| c.name).collect::<Vec<_>>(), [b"remember"]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn end_session(&mut self) {
        self.cookies.remove_where(|e, _| e.expiry.is_none());
    }

    /// Drops cookies that have expired at `now`; returns how many. Storing
    /// and [`CookieJar::cookie_header`] do it as they go.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/")?;
    /// // RFC 6265 section 3.1's date: Wed, 09 Jun 2021 10:18:14 GMT.
    /// jar.store(b"lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT", &url, 1_600_000_000)?;
    /// assert_eq!(jar.purge_expired(1_623_233_893), 0);
    /// assert_eq!(jar.purge_expired(1_623_233_894), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn purge_expired(&mut self, now: i64) -> usize {
        self.cookies.remove_where(|e, _| e.is_expired(now))
    }

    /// Every cookie held, in storage order, expired ones included until
    /// dropped.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl, SameSite};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let url = RequestUrl::parse(b"https://shop.example.com/account/login")?;
    /// jar.store(b"sid=31d4; Secure; HttpOnly; SameSite=Strict", &url, 1_000)?;
    /// jar.store(b"lang=en; Domain=Example.com; Max-Age=60", &url, 1_000)?;
    /// let cookies: Vec<_> = jar.iter().collect();
    /// let sid = cookies[0];
    /// assert_eq!((sid.domain, sid.path, sid.host_only), (&b"shop.example.com"[..], &b"/account"[..], true));
    /// assert_eq!((sid.secure, sid.http_only, sid.same_site, sid.expiry), (true, true, Some(SameSite::Strict), None));
    /// let lang = cookies[1];
    /// assert_eq!((lang.domain, lang.host_only, lang.expiry), (&b"example.com"[..], false, Some(1_060)));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = JarCookie<'_>> + '_ {
        self.cookies.entries().iter().map(|e| self.cookies.view(e))
    }

    fn tick(&mut self) -> u64 {
        self.clock = self.clock.wrapping_add(1);
        self.clock
    }

    /// Stores the cookie of a `Set-Cookie` header received from `url` at
    /// `now` (Unix seconds), through an HTTP API.
    ///
    /// # Errors
    ///
    /// Every reason the RFCs give a user agent to ignore a cookie, each its
    /// own error; the jar is unchanged after any of them:
    ///
    /// - [`Error::CookieMissingEquals`], [`Error::CookieEmptyName`]: the
    ///   header has no name-value pair (RFC 6265 section 5.2);
    /// - [`Error::CookieControlCharacter`]: a control character other than
    ///   HTAB anywhere in the header (RFC 6265bis section 5.6);
    /// - [`Error::CookieTooLarge`]: name and value exceed 4096 bytes
    ///   (RFC 6265bis section 5.7; longer attribute values are ignored
    ///   one by one by the parser);
    /// - [`Error::CookiePublicSuffix`], [`Error::CookieDomainMismatch`]:
    ///   the `Domain` does not cover the request host (section 5.3 steps 5
    ///   and 6);
    /// - [`Error::CookieInsecureOrigin`]: a `Secure` cookie from an
    ///   insecure URL, or one that would shadow a `Secure` cookie
    ///   (RFC 6265bis section 5.7 steps 15 and 16);
    /// - [`Error::SameSiteNoneRequiresSecure`]: `SameSite=None` without
    ///   `Secure` (RFC 6265bis section 5.7 step 19);
    /// - [`Error::CookiePrefixRequiresSecure`],
    ///   [`Error::CookiePrefixRequiresRootPath`],
    ///   [`Error::CookiePrefixForbidsDomain`],
    ///   [`Error::CookiePrefixRequiresHttpOnly`]: name prefix rules;
    /// - [`Error::CapacityExceeded`]: no room can be made: the cookie alone
    ///   needs more than `B` bytes, `N` is zero, or an insecure origin's
    ///   cookie would need a `Secure` cookie evicted.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl, StoreOutcome};
    ///
    /// let mut jar: CookieJar<4, 256> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/")?;
    /// assert_eq!(jar.store(b"a=1", &url, 0)?, StoreOutcome::Inserted { evicted: 0 });
    /// assert_eq!(jar.store(b"a=2", &url, 0)?, StoreOutcome::Replaced { evicted: 0 });
    /// assert_eq!(jar.store(b"a=; Max-Age=0", &url, 0)?, StoreOutcome::Removed);
    /// assert!(jar.is_empty());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn store<H: AsRef<[u8]> + ?Sized>(
        &mut self,
        set_cookie: &H,
        url: &RequestUrl<'_>,
        now: i64,
    ) -> Result<StoreOutcome, Error> {
        let cookie = ParsedSetCookie::parse(set_cookie)?;
        self.store_parsed(&cookie, url, now)
    }

    /// [`CookieJar::store`] for a header already parsed.
    ///
    /// # Errors
    ///
    /// As [`CookieJar::store`], except the two parse errors.
    ///
    /// ```
    /// use jeton::{Error, cookie::{CookieJar, ParsedSetCookie, RequestUrl, StoreOutcome}};
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let cookie = ParsedSetCookie::parse(b"__Host-sid=1; Secure; Path=/")?;
    /// // A Secure cookie needs a secure origin.
    /// let plain = RequestUrl::parse(b"http://example.com/")?;
    /// assert_eq!(jar.store_parsed(&cookie, &plain, 0), Err(Error::CookieInsecureOrigin));
    /// let https = RequestUrl::parse(b"https://example.com/")?;
    /// assert_eq!(jar.store_parsed(&cookie, &https, 0)?, StoreOutcome::Inserted { evicted: 0 });
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn store_parsed(
        &mut self,
        cookie: &ParsedSetCookie<'_>,
        url: &RequestUrl<'_>,
        now: i64,
    ) -> Result<StoreOutcome, Error> {
        let test = self.public_suffix;
        self.store_parsed_with(cookie, url, now, &test)
    }

    /// [`CookieJar::store_parsed`] with a public-suffix test that carries
    /// state of its own (a loaded public suffix list, a callback from
    /// another language) in place of the jar's
    /// ([`CookieJar::set_public_suffix_test`]) for this one cookie.
    ///
    /// # Errors
    ///
    /// As [`CookieJar::store_parsed`].
    ///
    /// ```
    /// use jeton::{Error, cookie::{CookieJar, ParsedSetCookie, RequestUrl}};
    /// let suffixes: &[&[u8]] = &[b"uk", b"co.uk"];
    /// let is_public = |d: &[u8]| suffixes.iter().any(|s| s.eq_ignore_ascii_case(d));
    /// let mut jar: CookieJar<8, 512> = CookieJar::new();
    /// let cookie = ParsedSetCookie::parse(b"sid=1; Domain=co.uk")?;
    /// let evil = RequestUrl::parse(b"https://evil.co.uk/")?;
    /// assert_eq!(jar.store_parsed_with(&cookie, &evil, 0, &is_public), Err(Error::CookiePublicSuffix));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn store_parsed_with(
        &mut self,
        cookie: &ParsedSetCookie<'_>,
        url: &RequestUrl<'_>,
        now: i64,
        is_public_suffix: &dyn Fn(&[u8]) -> bool,
    ) -> Result<StoreOutcome, Error> {
        let new = self.admit(cookie, url, now, is_public_suffix)?;
        let needed = new.bytes();
        let old = self.find_live(&new, now);
        let expired_on_arrival = new.expiry.is_some_and(|t| t <= now);
        if !expired_on_arrival && !self.can_make_room(needed, old, new.secure, now) {
            return Err(Error::CapacityExceeded);
        }

        // From here on the jar may change; nothing fails but a broken
        // promise of `can_make_room`, which is reported, not hidden.
        let creation = match old {
            Some(i) => {
                let creation = self.cookies.entries().get(i).map(|e| e.creation);
                self.cookies.remove_at(i);
                creation.ok_or(Error::CapacityExceeded)?
            }
            None => self.tick(),
        };
        self.purge_expired(now);
        if expired_on_arrival {
            return Ok(if old.is_some() {
                StoreOutcome::Removed
            } else {
                StoreOutcome::Expired
            });
        }
        let mut evicted = 0;
        while !self.cookies.has_room(needed) {
            let Some(victim) = self.eviction_victim(new.domain, new.secure, is_public_suffix)
            else {
                break;
            };
            self.cookies.remove_at(victim);
            evicted += 1;
        }
        let last_access = self.tick();
        if !self.cookies.push(&new, creation, last_access) {
            return Err(Error::CapacityExceeded);
        }
        Ok(if old.is_some() {
            StoreOutcome::Replaced { evicted }
        } else {
            StoreOutcome::Inserted { evicted }
        })
    }

    /// Section 5.3 steps 1 to 11 and the RFC 6265bis checks: decides, without
    /// touching the jar, what cookie the header makes.
    fn admit<'c>(
        &self,
        cookie: &ParsedSetCookie<'c>,
        url: &RequestUrl<'c>,
        now: i64,
        is_public_suffix: &dyn Fn(&[u8]) -> bool,
    ) -> Result<NewCookie<'c>, Error> {
        let (name, value) = (cookie.name(), cookie.value());
        if cookie.has_control_characters() {
            return Err(Error::CookieControlCharacter);
        }
        if name.len() + value.len() > MAX_NAME_VALUE_LEN {
            return Err(Error::CookieTooLarge);
        }
        let expiry = cookie
            .expiry(now)
            .map(|t| t.min(now.saturating_add(MAX_COOKIE_LIFETIME)));

        let host = url.host;
        // "Domain=." leaves an empty domain: a host-only cookie (RFC 6265
        // section 5.3 step 6).
        let (domain, host_only) = match cookie.domain().filter(|d| !d.is_empty()) {
            Some(domain) if is_public_suffix(domain) => {
                if !domain.eq_ignore_ascii_case(host) {
                    return Err(Error::CookiePublicSuffix);
                }
                (host, true)
            }
            Some(domain) if domain_matches(host, domain) => (domain, false),
            Some(_) => return Err(Error::CookieDomainMismatch),
            None => (host, true),
        };
        let path = cookie.path().unwrap_or_else(|| url.default_path());
        let secure = cookie.secure();
        if secure && !url.secure {
            return Err(Error::CookieInsecureOrigin);
        }
        if cookie.same_site() == Some(SameSite::None) && !secure {
            return Err(Error::SameSiteNoneRequiresSecure);
        }
        check_prefix(name, secure, host_only, cookie.path(), cookie.http_only())?;
        if !url.secure && self.shadows_secure_cookie(name, domain, path, now) {
            return Err(Error::CookieInsecureOrigin);
        }
        Ok(NewCookie {
            name,
            value,
            domain,
            path,
            expiry,
            host_only,
            secure,
            http_only: cookie.http_only(),
            same_site: cookie.same_site(),
        })
    }

    /// RFC 6265bis section 5.7 step 16: an insecure origin may not set a
    /// cookie over a `Secure` one of the same name whose domain overlaps
    /// and whose path covers the new one.
    fn shadows_secure_cookie(&self, name: &[u8], domain: &[u8], path: &[u8], now: i64) -> bool {
        self.cookies.entries().iter().any(|e| {
            let old = self.cookies.view(e);
            !e.is_expired(now)
                && old.secure
                && old.name == name
                && (domain_matches(old.domain, domain) || domain_matches(domain, old.domain))
                && path_matches(path, old.path)
        })
    }

    /// The live cookie the new one replaces: same name, domain, host-only
    /// flag and path (RFC 6265bis section 5.7 step 22). An expired cookie
    /// is as good as gone and is never replaced.
    fn find_live(&self, new: &NewCookie<'_>, now: i64) -> Option<usize> {
        self.cookies.entries().iter().position(|e| {
            let old = self.cookies.view(e);
            !e.is_expired(now)
                && old.name == new.name
                && old.host_only == new.host_only
                && old.domain.eq_ignore_ascii_case(new.domain)
                && old.path == new.path
        })
    }

    /// Cookies that may be evicted for a new one: insecure ones always,
    /// `Secure` ones only for a `Secure` newcomer, so that an insecure
    /// origin cannot flood the jar to push a `Secure` cookie out.
    fn evictable(e: &Entry, newcomer_secure: bool) -> bool {
        !e.secure || newcomer_secure
    }

    /// Whether `needed` bytes and one slot can be found by dropping the
    /// replaced cookie, the expired ones and the evictable ones.
    fn can_make_room(&self, needed: usize, old: Option<usize>, secure: bool, now: i64) -> bool {
        let (mut slots, mut bytes) = self.cookies.free();
        for (i, e) in self.cookies.entries().iter().enumerate() {
            if Some(i) == old || e.is_expired(now) || Self::evictable(e, secure) {
                slots += 1;
                bytes += e.len();
            }
        }
        slots >= 1 && bytes >= needed
    }

    /// The cookie to evict for a newcomer from `domain`: one of the site
    /// holding the most cookies (the newcomer's own site on a tie), an
    /// insecure one before a `Secure` one, the least recently used.
    fn eviction_victim(
        &self,
        domain: &[u8],
        newcomer_secure: bool,
        is_public_suffix: &dyn Fn(&[u8]) -> bool,
    ) -> Option<usize> {
        let entries = self.cookies.entries();
        let newcomer_site = site_of(domain, is_public_suffix);
        // Each cookie's site once (the test may be a C callback), not once
        // per pair compared.
        let mut sites: [&[u8]; N] = [&[]; N];
        for (site, e) in sites.iter_mut().zip(entries) {
            *site = site_of(self.cookies.view(e).domain, is_public_suffix);
        }
        let sites = sites.get(..entries.len()).unwrap_or_default();
        entries
            .iter()
            .zip(sites)
            .enumerate()
            .filter(|(_, (e, _))| Self::evictable(e, newcomer_secure))
            .max_by_key(|(_, (e, site))| {
                let held = sites
                    .iter()
                    .filter(|other| other.eq_ignore_ascii_case(site))
                    .count();
                (
                    held,
                    site.eq_ignore_ascii_case(newcomer_site),
                    !e.secure,
                    Reverse(e.last_access),
                )
            })
            .map(|(i, _)| i)
    }

    /// Removes the cookies named `name` for `domain` and `path` (domain
    /// compared case-insensitively); returns how many.
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    /// let mut jar: CookieJar<4, 256> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/")?;
    /// jar.store(b"a=1", &url, 0)?;
    /// assert_eq!(jar.remove(b"a", b"EXAMPLE.org", b"/"), 1);
    /// assert!(jar.is_empty());
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn remove(&mut self, name: &[u8], domain: &[u8], path: &[u8]) -> usize {
        self.cookies.remove_where(|_, c| {
            c.name == name && c.domain.eq_ignore_ascii_case(domain) && c.path == path
        })
    }

    /// Writes the `Cookie` header value for a request to `url` at `now`
    /// (RFC 6265 section 5.4): the cookies whose domain and path match, not
    /// expired, `Secure` ones only over a secure URL; longer paths first,
    /// then older cookies first. Returns the length, zero when no cookie
    /// applies. Expired cookies are dropped; the ones sent count as used.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] with the length needed; the jar is then
    /// unchanged but for expired cookies dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use jeton::cookie::{CookieJar, RequestUrl};
    ///
    /// let mut jar: CookieJar<4, 256> = CookieJar::new();
    /// let url = RequestUrl::parse(b"http://example.org/docs/a")?;
    /// jar.store(b"a=1; Path=/", &url, 0)?;
    /// jar.store(b"b=2; Path=/docs", &url, 0)?;
    /// let mut buf = [0u8; 32];
    /// let n = jar.cookie_header(&url, 0, &mut buf)?;
    /// assert_eq!(&buf[..n], b"b=2; a=1");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn cookie_header(
        &mut self,
        url: &RequestUrl<'_>,
        now: i64,
        out: &mut [u8],
    ) -> Result<usize, Error> {
        self.purge_expired(now);
        let entries = self.cookies.entries();
        // Indices of the cookies that go, at most one per entry held.
        let mut chosen: List<usize, N> = List::filled(0);
        for (i, e) in entries.iter().enumerate() {
            let c = self.cookies.view(e);
            let domain_ok = if c.host_only {
                c.domain.eq_ignore_ascii_case(url.host)
            } else {
                domain_matches(url.host, c.domain)
            };
            if domain_ok
                && path_matches(url.path, c.path)
                && (!c.secure || url.secure)
                && chosen.push(i).is_err()
            {
                // The jar holds at most N cookies: this cannot be.
                return Err(Error::CapacityExceeded);
            }
        }
        chosen.sort_unstable_by_key(|&i| entries.get(i).map(|e| (Reverse(e.path_len), e.creation)));
        let mut writer = Out::new(out);
        for (k, &i) in chosen.iter().enumerate() {
            let Some(e) = entries.get(i) else {
                // Every index came from `entries` just above.
                return writer.fail(Error::CapacityExceeded);
            };
            if k > 0 {
                writer.put(b"; ");
            }
            let c = self.cookies.view(e);
            writer.put(c.name);
            writer.push(b'=');
            writer.put(c.value);
        }
        let len = writer.finish()?;
        for &i in chosen.iter() {
            let stamp = self.tick();
            if let Some(e) = self.cookies.entry_mut(i) {
                e.last_access = stamp;
            }
        }
        Ok(len)
    }
}

/// What [`CookieJar::admit`] decided to store.
struct NewCookie<'c> {
    name: &'c [u8],
    value: &'c [u8],
    domain: &'c [u8],
    path: &'c [u8],
    expiry: Option<i64>,
    host_only: bool,
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
}

/// The site `domain` belongs to, for eviction: its registrable domain,
/// the shortest suffix `is_public_suffix` does not call public
/// (`shop.example.com` is `example.com` by default; `bank.co.uk` stays
/// itself with a test that knows `co.uk`). An IP address, or a domain
/// whose every suffix is public, is its own site.
fn site_of<'d>(domain: &'d [u8], is_public_suffix: &dyn Fn(&[u8]) -> bool) -> &'d [u8] {
    if is_ip_literal(domain) {
        return domain;
    }
    let mut end = domain.len();
    loop {
        // The label before `end` (less its dot) starts after the dot
        // before it, or at the start.
        let head = domain.get(..end.saturating_sub(1)).unwrap_or_default();
        let start = head
            .iter()
            .rposition(|&b| b == b'.')
            .map_or(0, |dot| dot + 1);
        let suffix = domain.get(start..).unwrap_or_default();
        if start == 0 || !is_public_suffix(suffix) {
            return suffix;
        }
        end = start;
    }
}

impl NewCookie<'_> {
    fn bytes(&self) -> usize {
        self.name.len() + self.value.len() + self.domain.len() + self.path.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_store_changes_nothing_and_eviction_is_lru() {
        let url = RequestUrl::parse(b"http://a.example/").unwrap();
        let mut jar: CookieJar<2, 64> = CookieJar::new();
        jar.store(b"a=1", &url, 0).unwrap();
        jar.store(b"b=2", &url, 0).unwrap();
        assert_eq!(jar.bytes_used(), 24);
        let snapshot = |jar: &CookieJar<2, 64>| {
            let mut pairs = [(0u8, 0u8); 2];
            for (slot, c) in pairs.iter_mut().zip(jar.iter()) {
                *slot = (c.name[0], c.value[0]);
            }
            (jar.len(), pairs)
        };
        let before = snapshot(&jar);
        let huge = [b'x'; 60];
        let mut header = [0u8; 62];
        header[..2].copy_from_slice(b"c=");
        header[2..].copy_from_slice(&huge);
        assert_eq!(
            jar.store(&header[..], &url, 0),
            Err(Error::CapacityExceeded)
        );
        assert_eq!(
            jar.store(b"s=1; Secure", &url, 0),
            Err(Error::CookieInsecureOrigin)
        );
        assert_eq!(
            jar.store(b"d=1; Domain=other.example", &url, 0),
            Err(Error::CookieDomainMismatch)
        );
        assert_eq!(snapshot(&jar), before);
        // Replacing "a" makes it the most recently used, so "b" goes.
        assert_eq!(
            jar.store(b"a=3", &url, 0),
            Ok(StoreOutcome::Replaced { evicted: 0 })
        );
        assert_eq!(
            jar.store(b"c=4", &url, 0),
            Ok(StoreOutcome::Inserted { evicted: 1 })
        );
        let mut buf = [0u8; 16];
        let n = jar.cookie_header(&url, 0, &mut buf).unwrap();
        assert_eq!(&buf[..n], b"a=3; c=4");
        assert_eq!(jar.bytes_used(), 24);
    }

    fn header(jar: &mut CookieJar<8, 4096>, url: &str, now: i64) -> heapless::String<256> {
        let mut buf = [0u8; 256];
        let n = jar
            .cookie_header(&RequestUrl::parse(url).unwrap(), now, &mut buf)
            .unwrap();
        heapless::String::try_from(core::str::from_utf8(&buf[..n]).unwrap()).unwrap()
    }

    fn store(
        jar: &mut CookieJar<8, 4096>,
        h: &[u8],
        url: &str,
        now: i64,
    ) -> Result<StoreOutcome, Error> {
        jar.store(h, &RequestUrl::parse(url).unwrap(), now)
    }

    /// A sibling subdomain's domain cookie is a different cookie from the
    /// parent's host-only one: it can neither replace nor delete it.
    #[test]
    fn host_only_flag_is_part_of_the_identity() {
        let mut jar = CookieJar::new();
        store(&mut jar, b"sid=GOOD; Path=/", "https://example.com/", 0).unwrap();
        assert_eq!(
            store(
                &mut jar,
                b"sid=EVIL; Domain=example.com; Path=/",
                "https://evil.example.com/",
                0
            ),
            Ok(StoreOutcome::Inserted { evicted: 0 })
        );
        assert_eq!(
            header(&mut jar, "https://example.com/", 0),
            "sid=GOOD; sid=EVIL"
        );
        assert_eq!(
            store(
                &mut jar,
                b"sid=; Domain=example.com; Path=/; Max-Age=0",
                "https://evil.example.com/",
                0
            ),
            Ok(StoreOutcome::Removed)
        );
        assert_eq!(header(&mut jar, "https://example.com/", 0), "sid=GOOD");
    }

    #[test]
    fn same_site_none_needs_secure_and_control_characters_anywhere_refuse() {
        let mut jar = CookieJar::new();
        assert_eq!(
            store(&mut jar, b"a=1; SameSite=None", "http://example.com/", 0),
            Err(Error::SameSiteNoneRequiresSecure)
        );
        assert_eq!(
            store(&mut jar, b"a=1; Path=/\x07x", "http://example.com/", 0),
            Err(Error::CookieControlCharacter)
        );
        assert!(jar.is_empty());
    }

    /// An over-long attribute value is dropped alone, not the cookie.
    #[test]
    fn long_attribute_values_are_ignored_one_by_one() {
        let mut jar = CookieJar::new();
        let mut h = [b'x'; 21 + 1100];
        h[..21].copy_from_slice(b"a=1; Path=/ok; Path=/");
        store(&mut jar, &h, "http://example.com/ok/x", 0).unwrap();
        assert_eq!(jar.iter().next().map(|c| c.path), Some(&b"/ok"[..]));
        // "Domain=." is a host-only cookie.
        store(&mut jar, b"b=2; Domain=.", "http://example.com/", 0).unwrap();
        assert!(jar.iter().any(|c| c.name == b"b" && c.host_only));
    }

    /// Expired cookies are gone: they neither shadow nor get replaced.
    #[test]
    fn expired_cookies_do_not_count() {
        let mut jar = CookieJar::new();
        store(
            &mut jar,
            b"a=1; Secure; Path=/; Max-Age=10",
            "https://example.com/",
            0,
        )
        .unwrap();
        store(&mut jar, b"b=1; Path=/", "https://example.com/", 0).unwrap();
        assert_eq!(
            store(&mut jar, b"a=2; Path=/", "http://example.com/", 100),
            Ok(StoreOutcome::Inserted { evicted: 0 })
        );
        assert_eq!(header(&mut jar, "http://example.com/", 100), "b=1; a=2");
    }

    /// Issue 18, finding 7: with one least-recently-used order for all
    /// sites, a site that set as many cookies as the jar holds pushed out
    /// another site's session. The site holding the most cookies now
    /// gives up its own first.
    #[test]
    fn a_flooding_site_evicts_its_own_cookies_first() {
        let url = |u| RequestUrl::parse(u).unwrap();
        let mut jar: CookieJar<4, 1024> = CookieJar::new();
        jar.store(
            b"sid=BANK; Secure; Path=/",
            &url("https://bank.example/"),
            0,
        )
        .unwrap();
        for i in 0..20u8 {
            let h = [
                b'f',
                b'0' + i % 10,
                b'=',
                b'x',
                b';',
                b' ',
                b'S',
                b'e',
                b'c',
                b'u',
                b'r',
                b'e',
            ];
            let got = jar
                .store(&h[..], &url("https://www.evil.example/"), 0)
                .unwrap();
            let evicted = match got {
                StoreOutcome::Inserted { evicted } | StoreOutcome::Replaced { evicted } => evicted,
                other => panic!("{other:?}"),
            };
            assert!(evicted <= 1);
            assert!(jar.iter().any(|c| c.name == b"sid"), "after {i} floods");
        }
        assert_eq!(jar.len(), 4);
        // The other way round, the site with one cookie is not the one to
        // give up room: the flooder's least recently used cookie goes.
        let got = jar
            .store(b"pref=1; Secure", &url("https://bank.example/"), 0)
            .unwrap();
        assert_eq!(got, StoreOutcome::Inserted { evicted: 1 });
        assert!(jar.iter().any(|c| c.name == b"sid"));
        assert_eq!(
            jar.iter()
                .filter(|c| c.domain == b"www.evil.example")
                .count(),
            2
        );
    }

    /// Sites are registrable domains by the public-suffix test: without a
    /// test that knows `co.uk`, `bank.co.uk` and `evil.co.uk` are one site.
    #[test]
    fn sites_follow_the_public_suffix_test() {
        let single = &single_label_is_public_suffix;
        assert_eq!(site_of(b"shop.example.com", single), b"example.com");
        assert_eq!(site_of(b"example.com", single), b"example.com");
        assert_eq!(site_of(b"localhost", single), b"localhost");
        assert_eq!(site_of(b"bank.co.uk", single), b"co.uk");
        assert_eq!(site_of(b"10.1.2.3", single), b"10.1.2.3");
        assert_eq!(site_of(b"", single), b"");
        let uk = &|d: &[u8]| d == b"co.uk" || !d.contains(&b'.');
        assert_eq!(site_of(b"www.bank.co.uk", uk), b"bank.co.uk");
        assert_eq!(site_of(b"co.uk", uk), b"co.uk");
        // And eviction follows: with the test, evil.co.uk's flood stays
        // its own business.
        let url = |u| RequestUrl::parse(u).unwrap();
        let mut jar: CookieJar<3, 1024> = CookieJar::new();
        jar.set_public_suffix_test(|d| d == b"co.uk" || !d.contains(&b'.'));
        jar.store(b"sid=1; Secure", &url("https://bank.co.uk/"), 0)
            .unwrap();
        for h in [
            &b"a=1; Secure"[..],
            b"b=1; Secure",
            b"c=1; Secure",
            b"d=1; Secure",
        ] {
            jar.store(h, &url("https://evil.co.uk/"), 0).unwrap();
        }
        assert!(jar.iter().any(|c| c.name == b"sid"));
    }

    /// An insecure origin cannot flood the jar to evict a Secure cookie and
    /// plant its own in its place.
    #[test]
    fn eviction_spares_secure_cookies_for_insecure_newcomers() {
        let url = |u| RequestUrl::parse(u).unwrap();
        let mut jar: CookieJar<4, 1024> = CookieJar::new();
        jar.store(
            b"sid=SECRET; Secure; Path=/",
            &url("https://example.com/"),
            0,
        )
        .unwrap();
        for h in [
            &b"j0=x; Path=/"[..],
            b"j1=x; Path=/",
            b"j2=x; Path=/",
            b"j3=x; Path=/",
        ] {
            jar.store(h, &url("http://example.com/"), 0).unwrap();
        }
        assert!(jar.iter().any(|c| c.name == b"sid"));
        assert_eq!(
            jar.store(b"sid=ATTACKER; Path=/", &url("http://example.com/"), 0),
            Err(Error::CookieInsecureOrigin)
        );
        let mut only_secure: CookieJar<1, 1024> = CookieJar::new();
        only_secure
            .store(b"s=1; Secure", &url("https://example.com/"), 0)
            .unwrap();
        assert_eq!(
            only_secure.store(b"t=1", &url("http://example.com/"), 0),
            Err(Error::CapacityExceeded)
        );
        assert_eq!(
            only_secure.store(b"t=1; Secure", &url("https://example.com/"), 0),
            Ok(StoreOutcome::Inserted { evicted: 1 })
        );
    }
}
