//! The client cookie jar: `jeton_cookie_jar`.

use core::ffi::c_void;
use core::fmt;

use jeton::cookie::{CookieJar, ParsedSetCookie, RequestUrl, StoreOutcome};

use crate::boundary::{Step, boundary};
use crate::object::{clear, object, object_mut, slot};
use crate::ptr::{Region, input, jeton_bytes, out_ptr, out_ptr_apart, write_out};
use crate::set_cookie::{
    JETON_COOKIE_HAS_EXPIRY, JETON_COOKIE_HOST_ONLY, JETON_COOKIE_HTTP_ONLY, JETON_COOKIE_SECURE,
    jeton_cookie_flags, jeton_same_site, same_site_to,
};
use crate::status::{Fail, jeton_status};

/// Most cookies a `jeton_cookie_jar` holds.
pub const JETON_COOKIE_JAR_CAPACITY: usize = 16;

/// Bytes of names, values, domains and paths a `jeton_cookie_jar` holds,
/// all cookies together: room for the largest cookie a server may set
/// (4096 bytes of name and value, RFC 6265bis section 5.7) with its domain
/// and path.
pub const JETON_COOKIE_JAR_BYTES: usize = 8192;

/// Size in bytes of a `jeton_cookie_jar`.
pub const JETON_COOKIE_JAR_SIZE: usize = 10240;

/// A fixed-capacity cookie jar for an HTTP client (RFC 6265 sections 5.3
/// and 5.4 with the RFC 6265bis rules browsers follow): at most
/// `JETON_COOKIE_JAR_CAPACITY` cookies in `JETON_COOKIE_JAR_BYTES` bytes.
/// When full, expired cookies go first, then the least recently used. A
/// domain without an inner dot is treated as a public suffix. Place it
/// anywhere (about 10 KiB: static storage suits firmware), then
/// `jeton_cookie_jar_init`, ..., `jeton_cookie_jar_clear`. Calls that
/// change it (every one but `_len` and `_get`, `_cookie_header`
/// included: it drops expired cookies) must not run at the same time as
/// any other call on it.
#[repr(C, align(16))]
pub struct jeton_cookie_jar {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_COOKIE_JAR_SIZE],
}

// The Rust jar behind `jeton_cookie_jar` (written out rather than aliased:
// cbindgen cannot make sense of an alias of a generic core type).
storage!(
    jeton_cookie_jar,
    CookieJar<JETON_COOKIE_JAR_CAPACITY, JETON_COOKIE_JAR_BYTES>,
    u64::from_le_bytes(*b"jt-jar\0\0")
);

impl fmt::Debug for jeton_cookie_jar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_cookie_jar { .. }")
    }
}

/// What `jeton_cookie_jar_store` did, one of the `JETON_STORE_*` values.
pub type jeton_store_outcome = u32;
/// A new cookie was stored.
pub const JETON_STORE_INSERTED: jeton_store_outcome = 0;
/// A cookie of the same name, domain and path was replaced.
pub const JETON_STORE_REPLACED: jeton_store_outcome = 1;
/// The cookie had already expired and deleted the one it matched.
pub const JETON_STORE_REMOVED: jeton_store_outcome = 2;
/// The cookie had already expired and matched nothing.
pub const JETON_STORE_EXPIRED: jeton_store_outcome = 3;

/// One cookie held by a jar. Every view points into the jar and is valid
/// until the jar is next changed or cleared.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_cookie_jar_entry {
    /// The name.
    pub name: jeton_bytes,
    /// The value, as received.
    pub value: jeton_bytes,
    /// The domain, lower-cased: the request host for a host-only cookie.
    pub domain: jeton_bytes,
    /// The path.
    pub path: jeton_bytes,
    /// Expiry in Unix seconds, when `flags` has `JETON_COOKIE_HAS_EXPIRY`;
    /// otherwise a session cookie.
    pub expiry: i64,
    /// `JETON_COOKIE_SECURE`, `JETON_COOKIE_HTTP_ONLY`,
    /// `JETON_COOKIE_HOST_ONLY`, `JETON_COOKIE_HAS_EXPIRY`.
    pub flags: jeton_cookie_flags,
    /// The `SameSite` attribute, stored for you to enforce (the jar cannot:
    /// it does not know the initiating site).
    pub same_site: jeton_same_site,
}

/// Initializes `jar` as an empty jar.
///
/// Returns `JETON_OK`; NULL `jar`: `JETON_ERR_NULL_POINTER`. Initializing a
/// jar that holds cookies wipes them first (storage overwritten with
/// zeros).
///
/// # Safety
///
/// `jar` points to writable storage for a `jeton_cookie_jar`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_init(jar: *mut jeton_cookie_jar) -> jeton_status {
    boundary(|| {
        // SAFETY: `jar` is writable storage (function contract).
        let jar = unsafe { slot(jar, &[])? };
        jar.fill_with(CookieJar::new);
        Ok(())
    })
}

/// Drops every cookie and wipes `jar` (cookies can be credentials): the
/// whole storage is overwritten with zeros, after which the jar answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing twice is
/// harmless.
///
/// Returns `JETON_OK`; NULL `jar`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` that was initialized, cleared or
/// zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_clear(jar: *mut jeton_cookie_jar) -> jeton_status {
    // SAFETY: `jar` is an initialized, cleared or zero-filled jar used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(jar) })
}

/// Stores the cookie of the `Set-Cookie` header value `set_cookie`,
/// received in answer to a request to `url` (an absolute `http`, `https`,
/// `ws` or `wss` URL) at `now` (Unix seconds, your clock).
///
/// Returns `JETON_OK` with `*outcome` (a `JETON_STORE_*` value) and
/// `*evicted` (live cookies dropped to make room) set. Every reason a user
/// agent ignores a cookie is its own error, and leaves the jar unchanged:
/// `JETON_ERR_COOKIE_MISSING_EQUALS`, `JETON_ERR_COOKIE_EMPTY_NAME`,
/// `JETON_ERR_COOKIE_CONTROL_CHARACTER`, `JETON_ERR_COOKIE_TOO_LARGE`,
/// `JETON_ERR_COOKIE_PUBLIC_SUFFIX`, `JETON_ERR_COOKIE_DOMAIN_MISMATCH`,
/// `JETON_ERR_COOKIE_INSECURE_ORIGIN`,
/// `JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE`, the
/// `JETON_ERR_COOKIE_PREFIX_*` rules, and `JETON_ERR_CAPACITY_EXCEEDED`
/// when no room can be made; `JETON_ERR_INVALID_URL` when `url` cannot be
/// read. NULL `jar`, `set_cookie`, `url`, `outcome` or `evicted`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` no other thread uses meanwhile;
/// `set_cookie` and `url` are readable for their lengths; `outcome` and
/// `evicted` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_store(
    jar: *mut jeton_cookie_jar,
    set_cookie: *const u8,
    set_cookie_len: usize,
    url: *const u8,
    url_len: usize,
    now: i64,
    outcome: *mut jeton_store_outcome,
    evicted: *mut usize,
) -> jeton_status {
    // SAFETY: the pointers are as the function contract says.
    boundary(|| unsafe {
        store(
            jar,
            set_cookie,
            set_cookie_len,
            url,
            url_len,
            now,
            None,
            outcome,
            evicted,
        )
    })
}

/// Tells whether `domain` (`domain_len` bytes, a `Domain` attribute
/// without its leading dot, or a suffix of one, in the case it was
/// received) is a public suffix: `true` for `com`, `co.uk`, `github.io`
/// when your public suffix list says so. `ctx` is the pointer given with
/// it, passed through untouched. It must return normally (no `longjmp`,
/// no C++ exception) and must not call jeton on the same jar.
pub type jeton_public_suffix_fn =
    Option<unsafe extern "C" fn(ctx: *mut c_void, domain: *const u8, domain_len: usize) -> bool>;

/// `jeton_cookie_jar_store` with your public suffix list: `is_public_suffix`
/// decides which `Domain` attributes are refused
/// (`JETON_ERR_COOKIE_PUBLIC_SUFFIX` unless the domain is the request host
/// itself, which then gets a host-only cookie), and which cookies belong
/// to one site when the jar must evict (a full jar evicts from the site
/// holding the most cookies first, so that `evil.co.uk` flooding the jar
/// evicts its own cookies, not `bank.co.uk`'s session). Without it
/// (`jeton_cookie_jar_store`), a domain without an inner dot is the only
/// public suffix: `Domain=co.uk` from `evil.co.uk` is stored and sent to
/// `bank.co.uk`.
///
/// Returns as `jeton_cookie_jar_store`; NULL `is_public_suffix`:
/// `JETON_ERR_NULL_POINTER` (`ctx` may be NULL: it is only passed to the
/// callback).
///
/// # Safety
///
/// As `jeton_cookie_jar_store`; `is_public_suffix` reads at most
/// `domain_len` bytes at `domain`, returns, and does not touch the jar;
/// `ctx` is what it expects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_store_with_suffix_test(
    jar: *mut jeton_cookie_jar,
    set_cookie: *const u8,
    set_cookie_len: usize,
    url: *const u8,
    url_len: usize,
    now: i64,
    is_public_suffix: jeton_public_suffix_fn,
    ctx: *mut c_void,
    outcome: *mut jeton_store_outcome,
    evicted: *mut usize,
) -> jeton_status {
    boundary(|| {
        let test = is_public_suffix.ok_or(Fail::NULL)?;
        // SAFETY: `test` reads at most `len` bytes at `domain` and returns
        // (function contract); `domain` is a slice jeton holds.
        let test = move |domain: &[u8]| unsafe { test(ctx, domain.as_ptr(), domain.len()) };
        // SAFETY: the pointers are as the function contract says.
        unsafe {
            store(
                jar,
                set_cookie,
                set_cookie_len,
                url,
                url_len,
                now,
                Some(&test),
                outcome,
                evicted,
            )
        }
    })
}

/// A public-suffix test with the state it needs (the C callback and its
/// context).
type SuffixTest<'t> = dyn Fn(&[u8]) -> bool + 't;

/// Both stores: `test`, when given, in place of the jar's own.
///
/// # Safety
///
/// As `jeton_cookie_jar_store`.
#[allow(clippy::too_many_arguments)]
unsafe fn store(
    jar: *mut jeton_cookie_jar,
    set_cookie: *const u8,
    set_cookie_len: usize,
    url: *const u8,
    url_len: usize,
    now: i64,
    test: Option<&SuffixTest>,
    outcome: *mut jeton_store_outcome,
    evicted: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says; no
    // other argument lies in the jar (checked).
    let (jar, set_cookie, url, outcome, evicted) = unsafe {
        (
            object_mut(
                jar,
                &[
                    Region::array(set_cookie, set_cookie_len),
                    Region::array(url, url_len),
                    Region::object(outcome),
                    Region::object(evicted),
                ],
            )?,
            input(set_cookie, set_cookie_len)?,
            input(url, url_len)?,
            out_ptr(outcome)?,
            out_ptr(evicted)?,
        )
    };
    let url = RequestUrl::parse(url)?;
    let stored = match test {
        None => jar.store(set_cookie, &url, now),
        Some(test) => ParsedSetCookie::parse(set_cookie)
            .and_then(|cookie| jar.store_parsed_with(&cookie, &url, now, test)),
    };
    let (kind, count) = match stored? {
        StoreOutcome::Inserted { evicted } => (JETON_STORE_INSERTED, evicted),
        StoreOutcome::Replaced { evicted } => (JETON_STORE_REPLACED, evicted),
        StoreOutcome::Removed => (JETON_STORE_REMOVED, 0),
        StoreOutcome::Expired => (JETON_STORE_EXPIRED, 0),
    };
    outcome.set(kind);
    evicted.set(count);
    Ok(())
}

/// Writes the `Cookie` header value for a request to `url` at `now`
/// (RFC 6265 section 5.4): the cookies whose domain and path match, not
/// expired, `Secure` ones only over a secure URL; longer paths first, then
/// older cookies. Empty (length 0) when no cookie applies. Expired cookies
/// are dropped from the jar; the ones sent count as used.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`JETON_COOKIE_JAR_BYTES + 3 * JETON_COOKIE_JAR_CAPACITY` always
/// suffices); `JETON_ERR_INVALID_URL`. NULL `jar`, `url` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial header; expired cookies are dropped even then
/// (`JETON_ERR_BUFFER_TOO_SMALL` included), and a retry yields the same
/// header.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` no other thread uses meanwhile;
/// `url` is readable for `url_len` bytes; `out` is writable for `out_cap`
/// bytes and overlaps neither; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_cookie_header(
    jar: *mut jeton_cookie_jar,
    url: *const u8,
    url_len: usize,
    now: i64,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says; no
        // other argument lies in the jar (checked), and `output` checks
        // that `out` overlaps neither the jar nor `url`.
        let (jar_ref, url) = unsafe {
            (
                object_mut(jar, &[Region::array(url, url_len), Region::object(out_len)])?,
                input(url, url_len)?,
            )
        };
        let others = [Region::object(jar), Region::of(url)];
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                jar_ref.cookie_header(&RequestUrl::parse(url)?, now, out)
            })
        }
    })
}

/// The number of cookies in `jar` (expired ones included until a call
/// with a clock drops them).
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the jar. NULL `jar` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar`; `count` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_len(
    jar: *const jeton_cookie_jar,
    count: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `jar` is a jar and `count` writable (function contract).
        let (jar, count) = unsafe { (object(jar)?, out_ptr_apart(count, &[Region::object(jar)])?) };
        count.set(jar.len());
        Ok(())
    })
}

/// The cookie at `index` (0 to count - 1, in storage order), to list or
/// persist the jar.
///
/// Returns `JETON_OK` with `*entry` set (its views point into the jar and
/// are valid until the next call that changes it: `_store`,
/// `_cookie_header`, `_remove`, `_purge_expired`, `_end_session`,
/// `_init`, `_clear`; copy them before passing them to one of those), or
/// `JETON_DONE` when `index` is past
/// the last cookie (`*entry` untouched). NULL `jar` or `entry`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar`; `entry` to a writable
/// `jeton_cookie_jar_entry`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_get(
    jar: *const jeton_cookie_jar,
    index: usize,
    entry: *mut jeton_cookie_jar_entry,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `jar` is a jar and `entry` writable (function contract).
        let (jar, entry) = unsafe { (object(jar)?, out_ptr_apart(entry, &[Region::object(jar)])?) };
        let Some(cookie) = jar.iter().nth(index) else {
            return Ok(Step::Done);
        };
        let bit = |on: bool, bit: jeton_cookie_flags| if on { bit } else { 0 };
        // The views point into the jar's own arena.
        let view = |bytes: &[u8]| jeton_bytes {
            ptr: bytes.as_ptr(),
            len: bytes.len(),
        };
        entry.set(jeton_cookie_jar_entry {
            name: view(cookie.name),
            value: view(cookie.value),
            domain: view(cookie.domain),
            path: view(cookie.path),
            expiry: cookie.expiry.unwrap_or(0),
            flags: bit(cookie.secure, JETON_COOKIE_SECURE)
                | bit(cookie.http_only, JETON_COOKIE_HTTP_ONLY)
                | bit(cookie.host_only, JETON_COOKIE_HOST_ONLY)
                | bit(cookie.expiry.is_some(), JETON_COOKIE_HAS_EXPIRY),
            same_site: same_site_to(cookie.same_site),
        });
        Ok(Step::Item)
    })
}

/// Deletes the cookies named `name` (exactly) with domain `domain`
/// (compared case-insensitively) and path `path` (exactly), as a user
/// logging out would.
///
/// Returns `JETON_OK` with the number deleted in `*removed`. NULL `jar`,
/// `name`, `domain`, `path` or `removed`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` no other thread uses meanwhile;
/// `name`, `domain` and `path` are readable for their lengths; `removed`
/// points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_remove(
    jar: *mut jeton_cookie_jar,
    name: *const u8,
    name_len: usize,
    domain: *const u8,
    domain_len: usize,
    path: *const u8,
    path_len: usize,
    removed: *mut usize,
) -> jeton_status {
    boundary(|| {
        // Views from `jeton_cookie_jar_get` point into the jar, which this
        // call compacts: they are refused, not read while they move.
        // SAFETY: every pointer is valid as the function contract says; no
        // other argument lies in the jar (checked).
        let (jar, name, domain, path, removed) = unsafe {
            (
                object_mut(
                    jar,
                    &[
                        Region::array(name, name_len),
                        Region::array(domain, domain_len),
                        Region::array(path, path_len),
                        Region::object(removed),
                    ],
                )?,
                input(name, name_len)?,
                input(domain, domain_len)?,
                input(path, path_len)?,
                out_ptr(removed)?,
            )
        };
        removed.set(jar.remove(name, domain, path));
        Ok(())
    })
}

/// Drops the cookies that have expired at `now`.
///
/// Returns `JETON_OK` with the number dropped in `*removed`. NULL `jar` or
/// `removed`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` no other thread uses meanwhile;
/// `removed` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_purge_expired(
    jar: *mut jeton_cookie_jar,
    now: i64,
    removed: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `jar` is a jar used by this thread only and `removed`
        // writable and outside it (function contract, checked).
        let (jar, removed) = unsafe {
            (
                object_mut(jar, &[Region::object(removed)])?,
                out_ptr(removed)?,
            )
        };
        removed.set(jar.purge_expired(now));
        Ok(())
    })
}

/// Drops every session cookie (those without an expiry), as a browser does
/// when it closes.
///
/// Returns `JETON_OK`. NULL `jar`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jar` points to a `jeton_cookie_jar` no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_cookie_jar_end_session(jar: *mut jeton_cookie_jar) -> jeton_status {
    boundary(|| {
        // SAFETY: `jar` is a jar used by this thread only (function
        // contract).
        let jar = unsafe { object_mut(jar, &[])? };
        jar.end_session();
        Ok(())
    })
}
