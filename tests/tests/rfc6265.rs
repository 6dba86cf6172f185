//! The worked examples of RFC 6265 section 3.1, and the grammar of section
//! 4, checked through both halves of jeton: what a server writes and what a
//! user agent makes of it.

use jeton::cookie::{
    CookieHeader, CookieJar, ParsedSetCookie, RequestUrl, SetCookie, StoreOutcome,
};
use jeton_tests::shared::cookie::{RFC6265_IGNORED, RFC6265_SET_COOKIE};

fn header_after(jar: &mut CookieJar<8, 1024>, url: &RequestUrl<'_>, now: i64) -> String {
    let mut buf = [0u8; 128];
    let n = jar.cookie_header(url, now, &mut buf).unwrap();
    String::from_utf8(buf[..n].to_vec()).unwrap()
}

/// Section 3.1, its three scenarios: a plain session cookie; the same with
/// Path and Domain; then SID and lang, lang given an expiry, then lang
/// deleted with a date in the past.
#[test]
fn section_3_1_examples() {
    let url = RequestUrl::parse("https://example.com/").unwrap();
    let now = 1_600_000_000; // 2020, before the example's 2021 expiry

    let mut jar: CookieJar<8, 1024> = CookieJar::new();
    jar.store("SID=31d4d96e407aad42", &url, now).unwrap();
    assert_eq!(header_after(&mut jar, &url, now), "SID=31d4d96e407aad42");

    let mut jar: CookieJar<8, 1024> = CookieJar::new();
    jar.store(
        "SID=31d4d96e407aad42; Path=/; Domain=example.com",
        &url,
        now,
    )
    .unwrap();
    assert_eq!(header_after(&mut jar, &url, now), "SID=31d4d96e407aad42");
    let sub = RequestUrl::parse("https://www.example.com/").unwrap();
    assert_eq!(header_after(&mut jar, &sub, now), "SID=31d4d96e407aad42");

    let mut jar: CookieJar<8, 1024> = CookieJar::new();
    jar.store("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", &url, now)
        .unwrap();
    jar.store("lang=en-US; Path=/; Domain=example.com", &url, now)
        .unwrap();
    assert_eq!(
        header_after(&mut jar, &url, now),
        "SID=31d4d96e407aad42; lang=en-US"
    );

    // The RFC text shows one lang here. Under RFC 6265bis section 5.7 step
    // 22, as in browsers, a host-only cookie and a Domain cookie of the
    // same name are two cookies, so both are sent until the host-only one
    // is deleted below (after which the header is the RFC's again).
    jar.store(
        "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
        &url,
        now,
    )
    .unwrap();
    assert_eq!(
        header_after(&mut jar, &url, now),
        "SID=31d4d96e407aad42; lang=en-US; lang=en-US"
    );

    assert_eq!(
        jar.store("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT", &url, now),
        Ok(StoreOutcome::Removed)
    );
    assert_eq!(
        header_after(&mut jar, &url, now),
        "SID=31d4d96e407aad42; lang=en-US"
    );
    let mut jar2: CookieJar<8, 1024> = CookieJar::new();
    jar2.store("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", &url, now)
        .unwrap();
    jar2.store(
        "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
        &url,
        now,
    )
    .unwrap();
    jar2.store("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT", &url, now)
        .unwrap();
    assert_eq!(header_after(&mut jar2, &url, now), "SID=31d4d96e407aad42");
}

/// Section 3.1's `Set-Cookie` lines, each read as section 5.2 says; the
/// lines section 5.2 ignores are refused.
#[test]
fn section_3_1_lines_read_as_section_5_2_says() {
    for want in RFC6265_SET_COOKIE {
        let line = String::from_utf8_lossy(want.line);
        let got = ParsedSetCookie::parse(want.line).unwrap();
        assert_eq!(got.name(), want.name, "{line}");
        assert_eq!(got.value(), want.value, "{line}");
        assert_eq!(got.path(), want.path, "{line}");
        assert_eq!(got.domain(), want.domain, "{line}");
        assert_eq!(got.expires(), want.expires, "{line}");
        assert_eq!(got.secure(), want.secure, "{line}");
        assert_eq!(got.http_only(), want.http_only, "{line}");
        assert_eq!(got.same_site(), None, "{line}");
    }
    for line in RFC6265_IGNORED {
        assert!(ParsedSetCookie::parse(line).is_err(), "{line:?}");
    }
}

/// Section 4.1.1's server syntax, written by `SetCookie` and read back by
/// the section 5.2 parser with every attribute intact.
#[test]
fn server_syntax_reads_back() {
    let mut buf = [0u8; 256];
    let n = SetCookie::new("SID", "31d4d96e407aad42")
        .path("/")
        .domain("example.com")
        .max_age(3600)
        .expires(1_623_233_894)
        .secure(true)
        .http_only(true)
        .write(&mut buf)
        .unwrap();
    let written = &buf[..n];
    assert_eq!(
        written,
        &b"SID=31d4d96e407aad42; Path=/; Domain=example.com; Max-Age=3600; \
           Expires=Wed, 09 Jun 2021 10:18:14 GMT; Secure; HttpOnly"[..]
    );
    let c = ParsedSetCookie::parse(written).unwrap();
    assert_eq!(c.name(), b"SID");
    assert_eq!(c.value(), b"31d4d96e407aad42");
    assert_eq!(c.path(), Some(&b"/"[..]));
    assert_eq!(c.domain(), Some(&b"example.com"[..]));
    assert_eq!(c.max_age(), Some(3600));
    assert_eq!(c.expires(), Some(1_623_233_894));
    assert!(c.secure() && c.http_only());
}

/// Section 4.2.2: `Cookie: SID=31d4d96e407aad42; lang=en-US` is the
/// canonical request form.
#[test]
fn section_4_2_cookie_header() {
    let header = CookieHeader::parse("SID=31d4d96e407aad42; lang=en-US").unwrap();
    assert!(header.check_strict().is_ok());
    let pairs: Vec<_> = header.iter().map(|c| (c.name(), c.value())).collect();
    assert_eq!(
        pairs,
        [(&b"SID"[..], &b"31d4d96e407aad42"[..]), (b"lang", b"en-US")]
    );
}
