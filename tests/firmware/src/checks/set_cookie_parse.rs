//! `Set-Cookie` parsing (RFC 6265 section 5.2) and cookie dates (section
//! 5.1.1), as a client or a device talking to a server needs them.

use jeton::cookie::{HTTP_DATE_LEN, ParsedSetCookie, format_http_date, parse_cookie_date};

use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::shared::cookie::{RFC6265_IGNORED, RFC6265_SET_COOKIE};
use crate::vectors::{COOKIE_DATES, DateExample, SET_COOKIE_EXPECTED, SET_COOKIE_SPEC};

pub static CHECKS: &[Check] = &[
    check!(
        "Set-Cookie parse: the benchmark line reads back as its spec (bench/inputs)",
        benchmark_line,
        SET_COOKIE_EXPECTED,
        SET_COOKIE_SPEC
    ),
    check!(
        "Set-Cookie parse: RFC 6265 section 3.1 examples",
        rfc6265_examples,
        RFC6265_SET_COOKIE,
        RFC6265_IGNORED
    ),
    check!(
        "Cookie dates: http-state date examples, parsed and written as IMF-fixdate",
        cookie_dates,
        COOKIE_DATES,
        SET_COOKIE_SPEC
    ),
];

fn benchmark_line(c: &mut Checker<'_>) {
    let spec = &SET_COOKIE_SPEC;
    let Ok(parsed) = c.measure("ParsedSetCookie::parse", || {
        ParsedSetCookie::parse(SET_COOKIE_EXPECTED)
    }) else {
        c.expect(false, format_args!("parse refused the line"));
        return;
    };
    c.expect_bytes(parsed.name(), spec.name, format_args!("name"));
    c.expect_bytes(parsed.value(), spec.value, format_args!("value"));
    c.expect(parsed.path() == Some(spec.path), format_args!("path"));
    c.expect(parsed.domain() == Some(spec.domain), format_args!("domain"));
    c.expect(
        parsed.max_age() == Some(spec.max_age as i64),
        format_args!("max_age"),
    );
    c.expect(
        parsed.expires() == Some(spec.expires_unix),
        format_args!("expires"),
    );
    c.expect(parsed.secure() == spec.secure, format_args!("secure"));
    c.expect(
        parsed.http_only() == spec.http_only,
        format_args!("http_only"),
    );
    c.expect(
        parsed.same_site() == Some(spec.same_site),
        format_args!("same_site"),
    );
    // RFC 6265 section 5.3 step 3: Max-Age wins over Expires.
    let now = 1_700_000_000;
    c.expect(
        parsed.expiry(now) == Some(now + spec.max_age as i64),
        format_args!("expiry: Max-Age must take precedence"),
    );
}

fn rfc6265_examples(c: &mut Checker<'_>) {
    c.each(RFC6265_SET_COOKIE, |c, _, want| {
        let line = Escaped(want.line);
        let Ok(got) = c.measure("ParsedSetCookie::parse", || {
            ParsedSetCookie::parse(want.line)
        }) else {
            c.expect(false, format_args!("{line}: refused"));
            return;
        };
        c.expect_bytes(got.name(), want.name, format_args!("{line}: name"));
        c.expect_bytes(got.value(), want.value, format_args!("{line}: value"));
        c.expect(got.path() == want.path, format_args!("{line}: path"));
        c.expect(got.domain() == want.domain, format_args!("{line}: domain"));
        c.expect(
            got.expires() == want.expires,
            format_args!("{line}: expires"),
        );
        c.expect(got.secure() == want.secure, format_args!("{line}: secure"));
        c.expect(
            got.http_only() == want.http_only,
            format_args!("{line}: http_only"),
        );
        c.expect(got.same_site().is_none(), format_args!("{line}: same_site"));
    });
    // Section 5.2 steps 2 and 5: no `=` or an empty name: ignored.
    for line in RFC6265_IGNORED {
        let parsed = c.measure("ParsedSetCookie::parse", || ParsedSetCookie::parse(line));
        c.expect(
            parsed.is_err(),
            format_args!("{}: must be ignored", Escaped(line)),
        );
    }
}

fn cookie_dates(c: &mut Checker<'_>) {
    let mut buf = [0u8; HTTP_DATE_LEN];
    c.each(COOKIE_DATES, |c, i, case: &DateExample| {
        let parsed = c.measure("parse_cookie_date", || parse_cookie_date(case.input));
        match (parsed, case.expected) {
            (Ok(t), Some(want)) => {
                match c.measure("format_http_date", || format_http_date(t, &mut buf)) {
                    Ok(n) => c.expect_bytes(
                        &buf[..n],
                        want,
                        format_args!("#{i} {}", Escaped(case.input)),
                    ),
                    Err(e) => c.expect(false, format_args!("#{i}: format error {}", e.code())),
                };
            }
            (Err(_), None) => {
                c.expect(true, format_args!(""));
            }
            (got, _) => {
                c.expect(
                    false,
                    format_args!(
                        "#{i} {}: got {:?}",
                        Escaped(case.input),
                        got.map_err(|e| e.code())
                    ),
                );
            }
        }
    });
    // The benchmark's Expires, both ways.
    let spec = &SET_COOKIE_SPEC;
    c.expect(
        parse_cookie_date(spec.expires_http) == Ok(spec.expires_unix),
        format_args!("parse {}", Escaped(spec.expires_http)),
    );
    let n = format_http_date(spec.expires_unix, &mut buf).unwrap_or(0);
    c.expect_bytes(
        &buf[..n],
        spec.expires_http,
        format_args!("format {}", spec.expires_unix),
    );
}
