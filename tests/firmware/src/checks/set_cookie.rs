//! `Set-Cookie` formatting: the benchmark line, the removal helper, the
//! output-buffer convention and the rules DESIGN.md makes errors.

use jeton::Error;
use jeton::cookie::{SameSite, SetCookie};

use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{SET_COOKIE_EXPECTED, SET_COOKIE_SPEC, SetCookieSpec};

pub static CHECKS: &[Check] = &[
    check!(
        "Set-Cookie: the benchmark spec writes set_cookie_expected.txt (bench/inputs)",
        benchmark_line,
        SET_COOKIE_SPEC,
        SET_COOKIE_EXPECTED
    ),
    check!(
        "Set-Cookie: removal, __Host- cookie and the rules enforced as errors (DESIGN.md)",
        rules,
        EXAMPLES
    ),
];

fn builder(spec: &'static SetCookieSpec) -> SetCookie<'static> {
    SetCookie::new(spec.name, spec.value)
        .path(spec.path)
        .domain(spec.domain)
        .max_age(spec.max_age)
        .expires(spec.expires_unix)
        .secure(spec.secure)
        .http_only(spec.http_only)
        .same_site(spec.same_site)
}

fn benchmark_line(c: &mut Checker<'_>) {
    let cookie = builder(&SET_COOKIE_SPEC);
    let want = SET_COOKIE_EXPECTED;
    let mut buf = [0u8; 256];
    match c.measure("SetCookie::write", || cookie.write(&mut buf)) {
        Ok(n) => c.expect_bytes(&buf[..n], want, format_args!("written line")),
        Err(e) => c.expect(false, format_args!("write: error {}", e.code())),
    };
    let len = c.measure("SetCookie::formatted_len", || cookie.formatted_len());
    c.expect(len == Ok(want.len()), format_args!("formatted_len"));
    // One byte short: an error that says how much was needed (snprintf),
    // and nothing partial left in the buffer.
    let short = &mut buf[..want.len() - 1];
    let result = cookie.write(short);
    c.expect(
        result == Err(Error::BufferTooSmall { needed: want.len() })
            && short.iter().all(|&b| b == 0),
        format_args!("one byte short"),
    );
}

/// Expected lines, from DESIGN.md's and the README's rules.
struct Example {
    what: &'static str,
    line: &'static [u8],
}

static EXAMPLES: &[Example] = &[
    // DESIGN.md: "empty value, Max-Age=0 and an Expires in 1970"; the
    // README's attribute order; RFC 7231's IMF-fixdate of the epoch.
    Example {
        what: "removal",
        line: b"session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    },
    // The README's quick start.
    Example {
        what: "__Host- session",
        line: b"__Host-session=d4e5f6; Path=/; Secure; HttpOnly; SameSite=Lax",
    },
];

fn rules(c: &mut Checker<'_>) {
    let mut buf = [0u8; 128];
    let written = [
        SetCookie::removal("session").path("/"),
        SetCookie::new("__Host-session", "d4e5f6")
            .path("/")
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Lax),
    ];
    c.each(EXAMPLES, |c, i, example| {
        match c.measure("SetCookie::write", || written[i].write(&mut buf)) {
            Ok(n) => c.expect_bytes(&buf[..n], example.line, format_args!("{}", example.what)),
            Err(e) => c.expect(false, format_args!("{}: error {}", example.what, e.code())),
        };
    });

    // Each rule, broken once: the write fails with the rule's error and
    // nothing is written.
    let refused = [
        (
            SetCookie::new("a", "1").same_site(SameSite::None),
            Error::SameSiteNoneRequiresSecure,
        ),
        (
            SetCookie::new("a", "1").partitioned(true),
            Error::PartitionedRequiresSecure,
        ),
        (
            SetCookie::new("__Secure-id", "1"),
            Error::CookiePrefixRequiresSecure,
        ),
        (
            SetCookie::new("__Host-id", "1").secure(true),
            Error::CookiePrefixRequiresRootPath,
        ),
        (
            SetCookie::new("__Host-id", "1")
                .secure(true)
                .path("/")
                .domain("example.com"),
            Error::CookiePrefixForbidsDomain,
        ),
        (
            SetCookie::new("__Host-Http-id", "1").secure(true).path("/"),
            Error::CookiePrefixRequiresHttpOnly,
        ),
        (
            SetCookie::new("__Http-id", "1").secure(true),
            Error::CookiePrefixRequiresHttpOnly,
        ),
        (SetCookie::new("a b", "1"), Error::CookieInvalidName),
        (
            SetCookie::new("a", "1\r\nX-Injected: 1"),
            Error::CookieInvalidValue,
        ),
        (
            SetCookie::new("a", "1; Domain=evil.example"),
            Error::CookieInvalidValue,
        ),
        (
            SetCookie::new("a", "1").path("/;x"),
            Error::CookieInvalidPath,
        ),
        (
            SetCookie::new("a", "1").domain("example.com;x"),
            Error::CookieInvalidDomain,
        ),
    ];
    for (i, (cookie, error)) in refused.iter().enumerate() {
        buf.fill(0);
        let result = c.measure("SetCookie::write (refused)", || cookie.write(&mut buf));
        c.expect(
            result == Err(*error) && buf.iter().all(|&b| b == 0),
            format_args!(
                "rule {i} ({}): got {:?}",
                Escaped(cookie.name()),
                result.map_err(|e| e.code())
            ),
        );
    }
}
