//! Differential tests of jeton's cookie headers against cookie-rs 0.18
//! (the `cookie` crate, the Rust peer named as a model), run in the same
//! process on the same inputs:
//!
//! - the `Cookie` request header: jeton's [`CookieHeader`] against
//!   `Cookie::split_parse`, and jeton's `decode_value` against
//!   `Cookie::parse_encoded`;
//! - `Set-Cookie` parsing: [`ParsedSetCookie`] against `Cookie::parse`,
//!   attribute by attribute;
//! - `Set-Cookie` writing: [`SetCookie`] against `Cookie::build(..)` and
//!   `to_string()` / `encoded()`, byte for byte.
//!
//! The inputs are hand-written edge cases from RFC 6265 sections 4.1, 5.1.1,
//! 5.2 and 5.4 and RFC 6265bis, plus a seeded generator over a small
//! alphabet of the bytes that matter (spaces, tabs, `;`, `=`, `"`, `,`, `%`,
//! attribute names in any case, repeated attributes, Max-Age and Expires
//! forms). Every difference must be explained by one entry of
//! `DEVIATIONS`, each a rule with its reason and a predicate on the input
//! that says when it applies; anything else fails, and so does an entry no
//! input needed (a fixed divergence must leave the table).

use std::collections::BTreeMap;

use cookie::time::{Duration, OffsetDateTime};
use jeton::Error;
use jeton::cookie::{
    CookieHeader, CookieLimits, ParsedSetCookie, SameSite, SetCookie, parse_cookie_date,
};

/// The deviations from cookie-rs, each with the reason jeton is right (or
/// deliberately different). The test counts the uses of each and fails on
/// an entry that explained nothing.
const DEVIATIONS: &[(&str, &str)] = &[
    (
        "wsp-only-trim",
        "RFC 6265 section 5.2 trims only WSP (SP and HTAB), and the Cookie header \
         grammar of section 4.2.1 has only OWS (the same two) around its pairs; \
         cookie-rs trims with str::trim, which also removes CR, LF, VT, FF and Unicode \
         spaces such as U+00A0, so `a=\\u{a0}b` keeps its NBSP in jeton",
    ),
    (
        "empty-name-pair",
        "jeton's Cookie header reader keeps a pair with an empty name (`=v`), as npm \
         `cookie` does (docs/cookies.md, checked on 465 npm vectors); cookie-rs yields \
         EmptyName and skips it. A user agent never sends `=v` (RFC 6265bis section \
         5.7.2 writes a nameless cookie as its value alone, without `=`), so this only \
         decides what a server sees of a hand-made header",
    ),
    (
        "relative-path",
        "RFC 6265 section 5.2.4: a Path that is empty or does not start with `/` means \
         the default path (a bare `Path` has the empty value, section 5.2), and \
         section 5.3 step 7 takes the last Path; jeton reports None (the default \
         path), cookie-rs keeps the string, or an earlier Path when the last has no `=`",
    ),
    (
        "empty-max-age",
        "RFC 6265 section 5.2.2: a Max-Age whose first character is not a DIGIT or `-` \
         is ignored; cookie-rs reads an empty `Max-Age=` as i64::MAX seconds (`\"\"` is \
         all digits, its parse fails, and the fallback is the maximum)",
    ),
    (
        "dash-max-age",
        "RFC 6265 section 5.2.2 converts the value to an integer and RFC 6265 section \
         4.1.1 has `non-zero-digit *DIGIT`: a lone `-` holds no integer, so jeton \
         ignores it; cookie-rs reads it as 0 (expire now)",
    ),
    (
        "unknown-samesite",
        "RFC 6265bis section 5.6.7: a SameSite value other than Strict, Lax or None \
         (or none at all) appends SameSite=Default, and the last one wins, so an \
         earlier valid SameSite is cleared; cookie-rs ignores the unknown value and \
         keeps the earlier one",
    ),
    (
        "cookie-date-algorithm",
        "RFC 6265 section 5.1.1 reads a date from tokens in any order and form (time \
         and day fields of one or two digits, a year of two or four digits, any \
         delimiter, no weekday or zone checks); cookie-rs parses four fixed formats \
         only, so it ignores Expires values every browser reads",
    ),
    (
        "year-before-1601",
        "RFC 6265 section 5.1.1 step 5: a year before 1601 fails to parse the \
         cookie-date (the attribute is ignored); cookie-rs reads such a year, or \
         writes one",
    ),
    (
        "one-digit-year",
        "RFC 6265 section 5.1.1: a year token has two to four digits, so `Mon, 08 Apr \
         1 14:33:42 GMT` holds no year and fails to parse (the attribute is ignored); \
         cookie-rs reads the one digit as 2001",
    ),
    (
        "attribute-over-1024",
        "RFC 6265bis section 5.6 (step 6 of the cookie-av loop): an attribute value \
         longer than 1024 bytes is ignored; cookie-rs keeps it",
    ),
    (
        "header-limits",
        "jeton reads a Cookie header under CookieLimits (8192 bytes and 180 pairs by \
         default, docs/cookies.md): the work is bounded before any pair is read, and a \
         larger header is an error (InputTooLong, TooManyItems); cookie-rs reads any \
         size",
    ),
    (
        "percent-decoding",
        "jeton's decode_value is npm `cookie`'s decoder, decodeURIComponent, and keeps \
         the raw value when that would throw (a `%` not followed by two hex digits, or \
         escapes that are not UTF-8); cookie-rs decodes the valid escapes around an \
         invalid one, and drops a pair whose escapes are not UTF-8. jeton does not \
         decode names (npm `cookie` does not either)",
    ),
    (
        "attribute-order",
        "jeton writes Path, Domain, Max-Age, Expires, Secure, HttpOnly, SameSite, \
         Partitioned (docs/cookies.md); cookie-rs writes HttpOnly, SameSite, \
         Partitioned, Secure, Path, Domain, Max-Age, Expires. RFC 6265 section 5.2 \
         reads attributes in any order: the same attributes, the same cookie",
    ),
    (
        "domain-leading-dot",
        "jeton writes Domain as given and allows one leading dot (the pattern npm \
         `cookie` writes byte for byte, checked by npm_cookie.rs); cookie-rs drops \
         the dot. RFC 6265 section 5.2.3 ignores a leading dot, so both store the \
         same cookie; section 4.1.2.3 notes the dot is not in the server grammar",
    ),
    (
        "encode-set",
        "jeton's encode_value is npm `cookie`'s encoder: a value of cookie-octets other \
         than `%` goes out as it is, anything else through encodeURIComponent; \
         cookie-rs percent-encodes its own set (the WHATWG userinfo set plus `(`, `)` \
         and `,`), e.g. `/`, `:` and `@`. Both give cookie-octets that decode to the \
         same value; the bytes differ",
    ),
    (
        "refuses-invalid-name",
        "RFC 6265 section 4.1.1: cookie-name is a token (RFC 7230); cookie-rs writes \
         any name, so `a;b`, `a b` or `a=b` come out as a different cookie",
    ),
    (
        "refuses-empty-name",
        "RFC 6265 section 4.1.1: a token has at least one byte, and RFC 6265 section \
         5.2 ignores a Set-Cookie whose name is empty; cookie-rs writes `=v`",
    ),
    (
        "refuses-invalid-value",
        "RFC 6265 section 4.1.1: cookie-value is cookie-octets, optionally in one pair \
         of double quotes (no space, `\"`, `,`, `;` or `\\` inside); cookie-rs writes \
         any value unencoded, so `a;b` ends the value early",
    ),
    (
        "refuses-invalid-path",
        "RFC 6265 section 4.1.1: path-value is CHARs other than CTLs and `;`; jeton also \
         refuses a Path not starting with `/` (section 5.2.4 would replace it with the \
         default path) or ending with a space (section 5.2 would trim it) rather than \
         let the browser store something else; cookie-rs writes it",
    ),
    (
        "refuses-invalid-domain",
        "RFC 6265 section 4.1.1: domain-value is a host name (RFC 1034 section 3.5 as \
         relaxed by RFC 1123 section 2.1); an empty Domain is refused, not dropped",
    ),
    (
        "secure-implied",
        "RFC 6265bis's storage model ignores a SameSite=None cookie without Secure, \
         and CHIPS a Partitioned one; jeton refuses the cookie unless Secure is set \
         (docs/cookies.md), \
         cookie-rs adds Secure on its own when it is unset, and writes the cookie \
         without it when it is set to false",
    ),
    (
        "refuses-prefix",
        "RFC 6265bis section 4.1.3: a `__Secure-` or `__Host-` name needs Secure (and \
         `__Host-` Path=/ and no Domain), or the browser drops the cookie; cookie-rs \
         writes it",
    ),
];

/// Tally of the deviations used, checked against `DEVIATIONS` at the end of
/// each test that can use them.
#[derive(Default)]
struct Tally(BTreeMap<&'static str, usize>);

impl Tally {
    fn note(&mut self, rule: &'static str) {
        assert!(
            DEVIATIONS.iter().any(|(id, _)| *id == rule),
            "{rule} is not in DEVIATIONS"
        );
        *self.0.entry(rule).or_default() += 1;
    }

    /// Every rule this test can use was used at least once.
    fn check_used(&self, rules: &[&str]) {
        for rule in rules {
            assert!(
                self.0.contains_key(rule),
                "DEVIATIONS entry {rule} explained no input: drop it"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// A seeded generator (xorshift64*): the same corpus on every run.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// Up to `max` pieces of `alphabet`, concatenated.
    fn string(&mut self, alphabet: &[&str], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| self.pick(alphabet)).collect()
    }

    /// The same letters in a random case.
    fn recase(&mut self, s: &str) -> String {
        s.chars()
            .map(|c| match self.below(3) {
                0 => c.to_ascii_uppercase(),
                1 => c.to_ascii_lowercase(),
                _ => c,
            })
            .collect()
    }
}

/// Whitespace RFC 6265 trims (WSP).
fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Whether the input holds whitespace that cookie-rs's `str::trim` removes
/// and RFC 6265 does not.
fn has_non_wsp_whitespace(input: &str) -> bool {
    input.chars().any(|c| c.is_whitespace() && !is_wsp(c))
}

/// A long input, cut for a failure message.
fn short(text: &str) -> String {
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_owned(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 in, UTF-8 out")
}

// ---------------------------------------------------------------------------
// The Cookie request header.

const COOKIE_HEADERS: &[&str] = &[
    // RFC 6265 section 4.2.1 / 5.4 examples and the grammar's edges.
    "",
    "SID=31d4d96e407aad42",
    "SID=31d4d96e407aad42; lang=en-US",
    "a=1;b=2",
    "a=1;  b=2",
    "a=1 ; b=2 ;",
    ";;a=1;;",
    "a",
    "=",
    "==",
    "=a",
    ";=",
    " =v; a=1",
    "a=",
    "a==",
    "a=b=c",
    "a=\"quoted\"",
    "a=\"\"",
    "a=\"",
    "a=\"x\"y",
    "a=1,b=2",
    "a=x y",
    "a = 1 ; b\t=\t2\t",
    "a=1; a=2; A=3",
    "$Version=1; a=1; $Path=/",
    "a=%20b; c=%zz; d=%E2%82%AC; e=%C3",
    "n%20m=v",
    "a=1;\u{a0}b=2",
    "a=\u{a0}1\u{a0}",
    "a=1\r\n",
    "a=\x0b1",
    "\u{3000}a=1",
    "a=caf\u{e9}",
    "a=\x7f; b=\x01",
];

fn jeton_pairs(header: &str) -> Result<Vec<(String, String)>, Error> {
    Ok(CookieHeader::parse(header)?
        .iter()
        .map(|p| (text(p.name()), text(p.value())))
        .collect())
}

fn cookie_rs_pairs(header: &str) -> Vec<(String, String)> {
    cookie::Cookie::split_parse(header)
        .filter_map(Result::ok)
        .map(|c| (c.name().to_owned(), c.value().to_owned()))
        .collect()
}

fn trimmed(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// Why jeton's pairs differ from cookie-rs's, if a rule explains it.
fn explain_header(
    header: &str,
    ours: &[(String, String)],
    theirs: &[(String, String)],
) -> Vec<&'static str> {
    let mut rules = Vec::new();
    let mut ours = ours.to_vec();
    if ours
        .iter()
        .any(|(n, _)| n.is_empty() || n.trim().is_empty())
    {
        ours.retain(|(n, _)| !n.trim().is_empty());
        rules.push("empty-name-pair");
    }
    if ours != theirs && has_non_wsp_whitespace(header) {
        ours = trimmed(&ours);
        rules.push("wsp-only-trim");
    }
    if ours == theirs { rules } else { Vec::new() }
}

fn generated_headers() -> Vec<String> {
    let mut rng = Rng(0x6a65_746f_6e21);
    let alphabet = [
        "a", "b", "=", ";", "; ", " ", "\t", "\"", ",", "%", "2", "0", "x", "==",
    ];
    (0..3000).map(|_| rng.string(&alphabet, 14)).collect()
}

#[test]
fn cookie_header_pairs_agree_with_split_parse() {
    let mut tally = Tally::default();
    let mut agree = 0;
    let headers: Vec<String> = COOKIE_HEADERS
        .iter()
        .map(|s| s.to_string())
        .chain([
            format!("a={}", "x".repeat(8190)),
            format!("a={}", "x".repeat(8191)),
            "a=1;".repeat(179) + "a=1",
            "a=1;".repeat(180) + "a=1",
        ])
        .chain(generated_headers())
        .collect();
    for header in &headers {
        let theirs = cookie_rs_pairs(header);
        let ours = match jeton_pairs(header) {
            Ok(ours) => ours,
            Err(e) => {
                let limits = CookieLimits::DEFAULT;
                let over = header.len() > limits.max_header_len
                    || header.split(';').count() > limits.max_pairs;
                assert!(over && !theirs.is_empty(), "{e:?}: {}", short(header));
                tally.note("header-limits");
                continue;
            }
        };
        if ours == theirs {
            agree += 1;
            continue;
        }
        let rules = explain_header(header, &ours, &theirs);
        assert!(
            !rules.is_empty(),
            "Cookie: {header:?}\n jeton:     {ours:?}\n cookie-rs: {theirs:?}"
        );
        rules.into_iter().for_each(|r| tally.note(r));
        // The quote-stripping readers agree wherever the pairs do.
    }
    tally.check_used(&["empty-name-pair", "wsp-only-trim", "header-limits"]);
    println!(
        "Cookie header: {} headers, {agree} read identically, deviations {:?}",
        headers.len(),
        tally.0
    );
    assert!(agree > headers.len() / 2);
}

#[test]
fn unquoted_values_agree_with_value_trimmed() {
    let mut compared = 0;
    for header in COOKIE_HEADERS
        .iter()
        .map(|s| s.to_string())
        .chain(generated_headers())
    {
        let ours: Vec<(String, String)> = CookieHeader::parse(&header)
            .unwrap()
            .iter()
            .filter(|p| !p.name().is_empty())
            .map(|p| (text(p.name()), text(p.value_unquoted())))
            .collect();
        let theirs: Vec<(String, String)> = cookie::Cookie::split_parse(header.as_str())
            .filter_map(Result::ok)
            .map(|c| (c.name().to_owned(), c.value_trimmed().to_owned()))
            .collect();
        if has_non_wsp_whitespace(&header) {
            continue; // "wsp-only-trim", counted by the test above
        }
        assert_eq!(ours, theirs, "Cookie: {header:?}");
        compared += 1;
    }
    assert!(compared > 3000);
}

/// Whether decodeURIComponent would throw on `value`: a `%` without two hex
/// digits, or escapes that do not decode to UTF-8.
fn decode_uri_component_throws(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                None => return true,
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).is_err()
}

#[test]
fn decoded_values_agree_with_parse_encoded() {
    let mut tally = Tally::default();
    let mut agree = 0;
    let values = [
        "plain",
        "a%20b",
        "%E2%82%AC",
        "caf%C3%A9",
        "%",
        "%2",
        "%zz",
        "a%20%zz",
        "%C3",
        "%C3%28",
        "100%25",
        "%2B+",
        "%3B%3D%2C",
        "%00",
        "%7e",
        "%ED%A0%80",
        "%F0%9F%8D%AA",
        "\"a%20b\"",
    ];
    let mut buf = [0u8; 64];
    for value in values {
        for name in ["n", "n%20m"] {
            let header = format!("{name}={value}");
            let pair = CookieHeader::parse(&header).unwrap().iter().next().unwrap();
            let n = pair.decode_value(&mut buf).unwrap();
            let ours = (text(pair.name()), text(&buf[..n]));
            let theirs = cookie::Cookie::parse_encoded(header.as_str())
                .ok()
                .map(|c| (c.name().to_owned(), c.value().to_owned()));
            if Some(&ours) == theirs.as_ref() {
                agree += 1;
                continue;
            }
            // jeton keeps the raw value where decodeURIComponent throws,
            // and the raw name always.
            let raw_kept = ours.1 == value && decode_uri_component_throws(value);
            let name_kept = name.contains('%');
            assert!(
                raw_kept || name_kept,
                "{header:?}: jeton {ours:?}, cookie-rs {theirs:?}"
            );
            if !name_kept {
                // Where the escapes are valid both decode alike.
                assert!(decode_uri_component_throws(value), "{header:?}");
            }
            tally.note("percent-decoding");
        }
    }
    tally.check_used(&["percent-decoding"]);
    println!("decoded values: {agree} agree, {:?}", tally.0);
    assert!(agree >= 10);
}

// ---------------------------------------------------------------------------
// Set-Cookie parsing.

/// A parsed Set-Cookie as both libraries can say it. `max_age` is clamped
/// at 0: a negative Max-Age means "expire now" in both (RFC 6265 section
/// 5.2.2), which cookie-rs stores as 0.
#[derive(Clone, Debug, PartialEq, Eq)]
struct View {
    name: String,
    value: String,
    expires: Option<i64>,
    max_age: Option<i64>,
    domain: Option<String>,
    path: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: Option<&'static str>,
    partitioned: bool,
}

fn same_site_name(s: SameSite) -> &'static str {
    s.as_str()
}

fn jeton_view(header: &str) -> Result<View, Error> {
    let c = ParsedSetCookie::parse(header)?;
    Ok(View {
        name: text(c.name()),
        value: text(c.value()),
        expires: c.expires(),
        max_age: c.max_age().map(|m| m.max(0)),
        domain: c.domain().map(text),
        path: c.path().map(text),
        secure: c.secure(),
        http_only: c.http_only(),
        same_site: c.same_site().map(same_site_name),
        partitioned: c.partitioned(),
    })
}

fn cookie_rs_view(header: &str) -> Result<View, cookie::ParseError> {
    let c = cookie::Cookie::parse(header)?;
    Ok(View {
        name: c.name().to_owned(),
        value: c.value().to_owned(),
        expires: c.expires_datetime().map(OffsetDateTime::unix_timestamp),
        max_age: c.max_age().map(|d| d.whole_seconds()),
        domain: c.domain().map(str::to_owned),
        path: c.path().map(str::to_owned),
        secure: c.secure() == Some(true),
        http_only: c.http_only() == Some(true),
        same_site: c.same_site().map(|s| match s {
            cookie::SameSite::Strict => "Strict",
            cookie::SameSite::Lax => "Lax",
            cookie::SameSite::None => "None",
        }),
        partitioned: c.partitioned() == Some(true),
    })
}

/// The attributes after the first `;`, each split at its first `=` and
/// trimmed of WSP (RFC 6265 section 5.2), for the rules' predicates.
fn attributes_of(header: &str) -> Vec<(String, Option<String>)> {
    header
        .split(';')
        .skip(1)
        .map(|av| match av.split_once('=') {
            Some((n, v)) => (
                n.trim_matches(is_wsp).to_ascii_lowercase(),
                Some(v.trim_matches(is_wsp).to_owned()),
            ),
            None => (av.trim_matches(is_wsp).to_ascii_lowercase(), None),
        })
        .collect()
}

/// cookie-rs's reading of one Expires value.
fn cookie_rs_date(value: &str) -> Option<i64> {
    cookie::Cookie::parse(format!("a=b; Expires={value}"))
        .ok()?
        .expires_datetime()
        .map(OffsetDateTime::unix_timestamp)
}

/// The attributes named `name` (lower case), in order.
fn named_any<'a>(
    attrs: &'a [(String, Option<String>)],
    name: &'a str,
) -> impl DoubleEndedIterator<Item = &'a (String, Option<String>)> {
    attrs.iter().filter(move |(n, _)| n == name)
}

/// Explains one differing field of a Set-Cookie both parsed.
fn explain_field(header: &str, field: &str, ours: &View, theirs: &View) -> Option<&'static str> {
    let attrs = attributes_of(header);
    let named = |name: &'static str| attrs.iter().filter(move |(n, _)| n == name);
    if has_non_wsp_whitespace(header) {
        return Some("wsp-only-trim");
    }
    let field_name = field.replace('_', "-").replace("same-site", "samesite");
    if named_any(&attrs, &field_name).any(|(_, v)| v.as_deref().is_some_and(|v| v.len() > 1024)) {
        return Some("attribute-over-1024");
    }
    match field {
        "path" => {
            // The last Path (a bare `Path` has the empty value) is not
            // absolute: the default path.
            let last = named("path").next_back()?;
            let relative = !last.1.as_deref().unwrap_or("").starts_with('/');
            (ours.path.is_none() && theirs.path.is_some() && relative).then_some("relative-path")
        }
        "max_age" => {
            if theirs.max_age == Some(i64::MAX)
                && named("max-age").any(|(_, v)| v.as_deref() == Some(""))
            {
                Some("empty-max-age")
            } else if theirs.max_age == Some(0)
                && named("max-age").any(|(_, v)| v.as_deref() == Some("-"))
            {
                Some("dash-max-age")
            } else {
                None
            }
        }
        "same_site" => {
            let last = named("samesite").next_back()?;
            let known = last
                .1
                .as_deref()
                .is_some_and(|v| SameSite::from_bytes(v.as_bytes()).is_some());
            (ours.same_site.is_none() && theirs.same_site.is_some() && !known)
                .then_some("unknown-samesite")
        }
        "expires" => {
            // Per Expires value: either both read it alike, or the
            // difference is one of the two date rules.
            let mut rule = None;
            for (_, v) in named("expires") {
                let Some(v) = v else { continue };
                match (parse_cookie_date(v.as_bytes()).ok(), cookie_rs_date(v)) {
                    (a, b) if a == b => {}
                    (Some(_), None) => rule = rule.or(Some("cookie-date-algorithm")),
                    (None, Some(t)) if t < jeton::cookie::MIN_COOKIE_TIME => {
                        rule = rule.or(Some("year-before-1601"))
                    }
                    _ => return None,
                }
            }
            rule
        }
        _ => None,
    }
}

fn differing_fields(a: &View, b: &View) -> Vec<&'static str> {
    let mut fields = Vec::new();
    macro_rules! cmp {
        ($($f:ident),*) => {$(
            if a.$f != b.$f { fields.push(stringify!($f)); }
        )*};
    }
    cmp!(
        name,
        value,
        expires,
        max_age,
        domain,
        path,
        secure,
        http_only,
        same_site,
        partitioned
    );
    fields
}

const SET_COOKIE_HEADERS: &[&str] = &[
    // RFC 6265 section 3.1 and 5.2 examples.
    "SID=31d4d96e407aad42; Path=/; Domain=example.com",
    "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
    "lang=en-US; Path=/; Domain=example.com",
    "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
    "lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
    // The pair.
    "a",
    "=b",
    " =b",
    "\t=b",
    "a=",
    "a=b=c",
    "a = b c ; x",
    "a=\"b\"",
    "a=\"b",
    "a=b,c",
    "a=b; ",
    ";a=b",
    "a=b;;;",
    // Attribute names in any case, with and without values.
    "a=b; SECURE; httponly; PaRtItIoNeD",
    "a=b; Secure=no; HttpOnly=0",
    "a=b; Securely; HttpOnlyX",
    "a=b; Secure ; HttpOnly\t",
    // Max-Age forms.
    "a=b; Max-Age=0",
    "a=b; Max-Age=-1",
    "a=b; Max-Age=-0",
    "a=b; Max-Age=007",
    "a=b; Max-Age=99999999999999999999999",
    "a=b; Max-Age=-99999999999999999999999",
    "a=b; Max-Age=9223372036854775807",
    "a=b; Max-Age=9223372036854775808",
    "a=b; Max-Age=1e3",
    "a=b; Max-Age=+5",
    "a=b; Max-Age=5s",
    "a=b; Max-Age= 5 ",
    "a=b; Max-Age=",
    "a=b; Max-Age",
    "a=b; Max-Age=-",
    "a=b; Max-Age=60; Max-Age=x",
    "a=b; Max-Age=60; Max-Age=",
    "a=b; max-age=60; MAX-AGE=30",
    // Expires forms (RFC 6265 section 5.1.1 and the formats servers send).
    "a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
    "a=b; expires=Wednesday, 09-Jun-21 10:18:14 GMT",
    "a=b; Expires=Wed Jun  9 10:18:14 2021",
    "a=b; Expires=Wed, 09-Jun-2021 10:18:14 GMT",
    "a=b; Expires=09 Jun 2021 10:18:14 GMT",
    "a=b; Expires=Wed, 9 Jun 2021 10:18:14 GMT",
    "a=b; Expires=Wed, 09 Jun 21 10:18:14 GMT",
    "a=b; Expires=Wed, 09 Jun 70 10:18:14 GMT",
    "a=b; Expires=Wed, 09 Jun 69 10:18:14 GMT",
    "a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "a=b; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
    "a=b; Expires=Mon, 01 Jan 1601 00:00:00 GMT",
    "a=b; Expires=Sat, 01 Jan 1600 00:00:00 GMT",
    "a=b; Expires=Wed, 09 Jun 2021 10:18:14 UTC",
    "a=b; Expires=Wed, 09 Jun 2021 10:18:14",
    "a=b; Expires=Wed, 09 Jun 2021 24:00:00 GMT",
    "a=b; Expires=Wed, 31 Feb 2021 10:00:00 GMT",
    "a=b; Expires=Mon, 09 Jun 2021 10:18:14 GMT",
    "a=b; Expires=2021-06-09 10:18:14",
    "a=b; Expires=Jun 9 2021 1:2:3",
    "a=b; Expires=soon",
    "a=b; Expires=",
    "a=b; Expires",
    "a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=soon",
    "a=b; Expires=soon; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
    // Domain.
    "a=b; Domain=example.com",
    "a=b; Domain=.example.com",
    "a=b; Domain=..example.com",
    "a=b; Domain=.",
    "a=b; Domain=",
    "a=b; Domain",
    "a=b; Domain=EXAMPLE.com",
    "a=b; Domain=a.com; Domain=",
    "a=b; Domain=a.com; Domain=b.com",
    "a=b; Domain = a.com ",
    // Path.
    "a=b; Path=/",
    "a=b; Path=/docs/",
    "a=b; Path=docs",
    "a=b; Path=",
    "a=b; Path",
    "a=b; Path=/a; Path=b",
    "a=b; Path=b; Path=/a",
    "a=b; Path=/a b",
    "a=b; Path= /x ",
    // SameSite and friends (RFC 6265bis).
    "a=b; SameSite=Strict",
    "a=b; SameSite=lax",
    "a=b; samesite=NONE; Secure",
    "a=b; SameSite=Bogus",
    "a=b; SameSite=",
    "a=b; SameSite",
    "a=b; SameSite=Lax; SameSite=Bogus",
    "a=b; SameSite=Lax; SameSite",
    "a=b; SameSite=Bogus; SameSite=Strict",
    "__Host-example=34d8g; SameSite=None; Secure; Path=/; Partitioned;",
    "a=b; Priority=High; Foo=bar; =x; ;",
    // Whitespace RFC 6265 does not trim.
    "a=b\u{a0}",
    "\u{a0}a=b",
    "a=b; \u{a0}Secure",
    "a=b; Path=/x\u{a0}",
    "a=b; Max-Age=\u{a0}5",
    "a=b; Domain=\u{3000}example.com",
    "a=b; SameSite=Lax\u{a0}",
    "a=b\x0b; Secure",
    "a=b\r\n",
];

fn generated_set_cookies() -> Vec<String> {
    let mut rng = Rng(0x7365_742d_636f_6f6b);
    let pair_alphabet = ["a", "b", " ", "\t", "\"", ",", "=", "%"];
    let names = [
        "Expires",
        "Max-Age",
        "Domain",
        "Path",
        "Secure",
        "HttpOnly",
        "SameSite",
        "Partitioned",
        "Priority",
        "Foo",
        "",
    ];
    let max_ages = [
        "0",
        "-1",
        "007",
        "60",
        "99999999999999999999999",
        "-99999999999999999999",
        "1e3",
        "+5",
        "",
        "-",
        "abc",
        "5 5",
    ];
    let dates = [
        "Wed, 09 Jun 2021 10:18:14 GMT",
        "Wednesday, 09-Jun-21 10:18:14 GMT",
        "Wed Jun  9 10:18:14 2021",
        "Wed, 09-Jun-2021 10:18:14 GMT",
        "09 Jun 2021 10:18:14 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Sat, 01 Jan 1600 00:00:00 GMT",
        "Wed, 09 Jun 21 10:18:14 GMT",
        "Wed, 9 Jun 2021 1:2:3 GMT",
        "Wed, 31 Feb 2021 10:00:00 GMT",
        "garbage",
        "",
    ];
    let domains = [
        "example.com",
        ".example.com",
        "..x.org",
        "",
        ".",
        "EXAMPLE.com",
        "a b",
    ];
    let paths = ["/", "/a", "a", "", "/a b", "/a/", "/a\"b"];
    let same_sites = ["Strict", "lax", "NONE", "", "Bogus"];
    let separators = [";", "; ", " ;", ";\t", ";;", "; ;"];
    let equals = ["=", " =", "= ", "\t=\t"];
    (0..4000)
        .map(|_| {
            // Mostly a name, sometimes none: both refusals are compared too.
            let mut s = if rng.below(4) == 0 {
                String::new()
            } else {
                "n".to_owned()
            };
            s.push_str(&rng.string(&pair_alphabet, 4));
            if rng.below(8) != 0 {
                s.push('=');
            }
            s.push_str(&rng.string(&pair_alphabet, 4));
            for _ in 0..rng.below(5) {
                s.push_str(rng.pick(&separators));
                let name = rng.pick(&names);
                s.push_str(&rng.recase(name));
                let value = match name {
                    "Max-Age" => rng.pick(&max_ages),
                    "Expires" => rng.pick(&dates),
                    "Domain" => rng.pick(&domains),
                    "Path" => rng.pick(&paths),
                    "SameSite" => rng.pick(&same_sites),
                    _ => rng.pick(&["", "1", "x"]),
                };
                if !value.is_empty() || rng.below(2) == 0 {
                    s.push_str(rng.pick(&equals));
                    s.push_str(&rng.recase(value));
                }
            }
            s
        })
        .collect()
}

#[test]
fn set_cookie_parsing_agrees_with_cookie_parse() {
    let mut tally = Tally::default();
    let (mut agree, mut both_refuse) = (0, 0);
    let long = "x".repeat(1100);
    let headers: Vec<String> = SET_COOKIE_HEADERS
        .iter()
        .map(|s| s.to_string())
        .chain([
            format!("a=b; Path=/{long}"),
            format!("a=b; Path=/a; Path=/{long}"),
            format!("a=b; Domain={long}.com"),
            format!("a=b; Path=/{}", &long[..1023]),
            format!("{long}={long}"),
        ])
        .chain(generated_set_cookies())
        .collect();
    for header in &headers {
        match (jeton_view(header), cookie_rs_view(header)) {
            (Ok(ours), Ok(theirs)) => {
                let fields = differing_fields(&ours, &theirs);
                if fields.is_empty() {
                    agree += 1;
                    continue;
                }
                for field in fields {
                    let rule = explain_field(header, field, &ours, &theirs);
                    assert!(
                        rule.is_some(),
                        "Set-Cookie: {header:?}: {field} differs\n jeton:     {ours:?}\n cookie-rs: {theirs:?}"
                    );
                    tally.note(rule.unwrap());
                }
            }
            (Err(ours), Err(theirs)) => {
                // The same reason: no `=` in the pair, or an empty name.
                let same = matches!(
                    (ours, theirs),
                    (Error::CookieMissingEquals, cookie::ParseError::MissingPair)
                        | (Error::CookieEmptyName, cookie::ParseError::EmptyName)
                );
                assert!(
                    same,
                    "Set-Cookie: {header:?}: jeton {ours:?}, cookie-rs {theirs:?}"
                );
                both_refuse += 1;
            }
            (ours, theirs) => {
                // Only a name of whitespace RFC 6265 does not trim.
                assert!(
                    has_non_wsp_whitespace(header),
                    "Set-Cookie: {header:?}: jeton {ours:?}, cookie-rs {theirs:?}"
                );
                tally.note("wsp-only-trim");
            }
        }
    }
    tally.check_used(&[
        "wsp-only-trim",
        "attribute-over-1024",
        "relative-path",
        "empty-max-age",
        "dash-max-age",
        "unknown-samesite",
        "cookie-date-algorithm",
        "year-before-1601",
    ]);
    println!(
        "Set-Cookie parsing: {} headers, {agree} read identically, {both_refuse} refused by both, \
         deviations {:?}",
        headers.len(),
        tally.0
    );
    assert!(agree > headers.len() / 3 && both_refuse > 10);
}

/// Dates in the four forms cookie-rs reads, with field values in and out
/// of range: wherever cookie-rs reads one, jeton's RFC 6265 section 5.1.1
/// algorithm reads the same instant, except for years before 1601.
#[test]
fn expires_dates_agree_where_cookie_rs_reads_them() {
    let mut rng = Rng(0x6461_7465_7321);
    let weekdays = [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
        "Wednesday",
        "",
    ];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Sep", "Dec", "jan", "FEB", "Foo",
    ];
    let mut tally = Tally::default();
    let (mut both, mut ours_only) = (0, 0);
    for _ in 0..6000 {
        let day = rng.below(34);
        let year = match rng.below(4) {
            0 => rng.below(100),
            1 => 1599 + rng.below(4),
            2 => 1970 + rng.below(100),
            _ => 9998 + rng.below(3),
        };
        let (h, m, sec) = (rng.below(26), rng.below(62), rng.below(62));
        let weekday = rng.pick(&weekdays);
        let month = rng.pick(&months);
        let comma = if weekday.is_empty() { "" } else { ", " };
        let date = match rng.below(4) {
            0 => format!("{weekday}{comma}{day:02} {month} {year} {h:02}:{m:02}:{sec:02} GMT"),
            1 => format!("{weekday}{comma}{day:02}-{month}-{year:02} {h:02}:{m:02}:{sec:02} GMT"),
            2 => format!("{weekday} {month} {day:>2} {h:02}:{m:02}:{sec:02} {year}"),
            _ => format!("{weekday}{comma}{day}-{month}-{year} {h}:{m}:{sec} GMT"),
        };
        let ours = parse_cookie_date(date.as_bytes()).ok();
        match (ours, cookie_rs_date(&date)) {
            (Some(a), Some(b)) => {
                assert_eq!(a, b, "{date:?}");
                both += 1;
            }
            (None, Some(t)) => {
                // The year as written: the last field of the third form,
                // the one before the time otherwise.
                let one_digit = year < 10
                    && !date.contains(&format!(" {year:02} "))
                    && !date.contains(&format!("-{year:02} "));
                let rule = if one_digit {
                    "one-digit-year"
                } else {
                    assert!(
                        t < jeton::cookie::MIN_COOKIE_TIME,
                        "{date:?}: cookie-rs reads {t}"
                    );
                    "year-before-1601"
                };
                tally.note(rule);
            }
            (Some(_), None) => ours_only += 1,
            (None, None) => {}
        }
    }
    tally.check_used(&["one-digit-year", "year-before-1601"]);
    println!(
        "Expires dates: {both} read alike, {ours_only} read by jeton only \
         (cookie-date-algorithm), read by cookie-rs only {:?}",
        tally.0
    );
    assert!(both > 500 && ours_only > 100);
}

// ---------------------------------------------------------------------------
// Set-Cookie writing.

/// The options of one cookie, applied to both builders.
#[derive(Clone, Debug, Default)]
struct Options {
    name: &'static str,
    value: &'static str,
    path: Option<&'static str>,
    domain: Option<&'static str>,
    max_age: Option<u64>,
    expires: Option<i64>,
    secure: Option<bool>,
    http_only: Option<bool>,
    same_site: Option<SameSite>,
    partitioned: bool,
}

fn jeton_written(o: &Options, encode: bool) -> Result<String, Error> {
    let mut c = SetCookie::new(o.name, o.value).encode_value(encode);
    if let Some(p) = o.path {
        c = c.path(p);
    }
    if let Some(d) = o.domain {
        c = c.domain(d);
    }
    if let Some(m) = o.max_age {
        c = c.max_age(m);
    }
    if let Some(e) = o.expires {
        c = c.expires(e);
    }
    if let Some(s) = o.secure {
        c = c.secure(s);
    }
    if let Some(h) = o.http_only {
        c = c.http_only(h);
    }
    if let Some(s) = o.same_site {
        c = c.same_site(s);
    }
    c = c.partitioned(o.partitioned);
    c.to_heapless::<8192>().map(|s| s.as_str().to_owned())
}

fn cookie_rs_written(o: &Options, encode: bool) -> String {
    let mut c = cookie::Cookie::build((o.name, o.value));
    if let Some(p) = o.path {
        c = c.path(p);
    }
    if let Some(d) = o.domain {
        c = c.domain(d);
    }
    if let Some(m) = o.max_age {
        c = c.max_age(Duration::seconds(i64::try_from(m).unwrap()));
    }
    if let Some(e) = o.expires {
        c = c.expires(OffsetDateTime::from_unix_timestamp(e).unwrap());
    }
    if let Some(s) = o.secure {
        c = c.secure(s);
    }
    if let Some(h) = o.http_only {
        c = c.http_only(h);
    }
    if let Some(s) = o.same_site {
        c = c.same_site(match s {
            SameSite::Strict => cookie::SameSite::Strict,
            SameSite::Lax => cookie::SameSite::Lax,
            SameSite::None => cookie::SameSite::None,
        });
    }
    if o.partitioned {
        c = c.partitioned(true);
    }
    let c = c.build();
    if encode {
        c.encoded().to_string()
    } else {
        c.to_string()
    }
}

/// The pair, and the attributes sorted.
fn split_attributes(header: &str) -> (String, Vec<String>) {
    let mut parts = header.split("; ");
    let pair = parts.next().unwrap_or_default().to_owned();
    let mut attrs: Vec<String> = parts.map(str::to_owned).collect();
    attrs.sort();
    (pair, attrs)
}

/// RFC 6265 section 4.1.1 cookie-octet.
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

fn is_cookie_value(v: &str) -> bool {
    let b = v.as_bytes();
    let inner = match b {
        [b'"', inner @ .., b'"'] => inner,
        _ => b,
    };
    inner.iter().all(|&c| is_cookie_octet(c))
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why jeton refuses what cookie-rs writes, checked on the options (never
/// on jeton's own answer alone).
fn refusal_rule(o: &Options, error: Error) -> Option<&'static str> {
    let secure = o.secure == Some(true);
    match error {
        Error::CookieEmptyName if o.name.is_empty() => Some("refuses-empty-name"),
        Error::CookieInvalidName if !is_token(o.name) => Some("refuses-invalid-name"),
        Error::CookieInvalidValue if !is_cookie_value(o.value) => Some("refuses-invalid-value"),
        Error::CookieInvalidPath
            if o.path.is_some_and(|p| {
                !p.starts_with('/')
                    || p.ends_with(' ')
                    || p.bytes()
                        .any(|b| b == b';' || b.is_ascii_control() || !b.is_ascii())
            }) =>
        {
            Some("refuses-invalid-path")
        }
        Error::CookieInvalidDomain if o.domain.is_some() => Some("refuses-invalid-domain"),
        Error::DateOutOfRange
            if o.expires
                .is_some_and(|e| e < jeton::cookie::MIN_COOKIE_TIME) =>
        {
            Some("year-before-1601")
        }
        Error::SameSiteNoneRequiresSecure if o.same_site == Some(SameSite::None) && !secure => {
            Some("secure-implied")
        }
        Error::PartitionedRequiresSecure if o.partitioned && !secure => Some("secure-implied"),
        Error::CookiePrefixRequiresSecure
        | Error::CookiePrefixRequiresRootPath
        | Error::CookiePrefixForbidsDomain
            if o.name.to_ascii_lowercase().starts_with("__secure-")
                || o.name.to_ascii_lowercase().starts_with("__host-") =>
        {
            Some("refuses-prefix")
        }
        _ => None,
    }
}

fn write_cases() -> Vec<Options> {
    let base = Options {
        name: "sid",
        value: "31d4d96e407aad42",
        ..Options::default()
    };
    let mut cases = vec![
        base.clone(),
        // RFC 6265 section 3.1.
        Options {
            path: Some("/"),
            domain: Some("example.com"),
            ..base.clone()
        },
        Options {
            path: Some("/"),
            secure: Some(true),
            http_only: Some(true),
            ..base.clone()
        },
        Options {
            name: "lang",
            value: "en-US",
            expires: Some(1_623_233_894),
            ..base.clone()
        },
        // Every attribute at once (the benchmark cookie).
        Options {
            path: Some("/"),
            domain: Some("example.com"),
            max_age: Some(86_400),
            expires: Some(2_000_000_000),
            secure: Some(true),
            http_only: Some(true),
            same_site: Some(SameSite::Lax),
            ..base.clone()
        },
        Options {
            name: "__Host-example",
            value: "34d8g",
            path: Some("/"),
            secure: Some(true),
            same_site: Some(SameSite::None),
            partitioned: true,
            ..base.clone()
        },
    ];
    // Values, names, and each attribute's edge values on the base cookie.
    for value in [
        "",
        "\"\"",
        "\"quoted\"",
        "a b",
        "a;b",
        "a,b",
        "a\"b",
        "\"a",
        "caf\u{e9}",
        "a\\b",
        "%20",
        "x=y",
    ] {
        cases.push(Options {
            value,
            ..base.clone()
        });
    }
    for name in [
        "",
        "a b",
        "a;b",
        "a=b",
        "n\u{e9}",
        "!#$%&'*+-.^_`|~",
        "(x)",
        "a/b",
        "@x",
    ] {
        cases.push(Options {
            name,
            ..base.clone()
        });
    }
    for path in [
        "/",
        "/docs/",
        "docs",
        "",
        "/a b",
        "/a;b",
        "/a ",
        "/<x>",
        "/caf\u{e9}",
        "/\"q\"",
    ] {
        cases.push(Options {
            path: Some(path),
            ..base.clone()
        });
    }
    for domain in [
        "example.com",
        ".example.com",
        "EXAMPLE.org",
        "",
        ".",
        "a..b",
        "-a.com",
        "a_b.com",
        "127.0.0.1",
        "[::1]",
        "example.com:80",
    ] {
        cases.push(Options {
            domain: Some(domain),
            ..base.clone()
        });
    }
    for max_age in [0, 1, 86_400, 34_560_000, i64::MAX as u64] {
        cases.push(Options {
            max_age: Some(max_age),
            ..base.clone()
        });
    }
    for expires in [
        0,
        -1,
        1_623_233_894,
        951_782_400, // 2000-02-29, a leap day
        jeton::cookie::MIN_COOKIE_TIME,
        jeton::cookie::MIN_COOKIE_TIME - 1,
        -62_135_596_800, // 0001-01-01
        jeton::cookie::MAX_COOKIE_TIME,
    ] {
        cases.push(Options {
            expires: Some(expires),
            ..base.clone()
        });
    }
    for (same_site, secure) in [
        (SameSite::Strict, None),
        (SameSite::Lax, Some(false)),
        (SameSite::None, None),
        (SameSite::None, Some(false)),
        (SameSite::None, Some(true)),
    ] {
        cases.push(Options {
            same_site: Some(same_site),
            secure,
            ..base.clone()
        });
    }
    for (partitioned, secure) in [(true, None), (true, Some(true)), (true, Some(false))] {
        cases.push(Options {
            partitioned,
            secure,
            ..base.clone()
        });
    }
    for (name, secure, path, domain) in [
        ("__Secure-id", None, None, None),
        ("__Secure-id", Some(true), None, None),
        ("__secure-id", Some(false), None, None),
        ("__Host-id", Some(true), None, None),
        ("__Host-id", Some(true), Some("/"), None),
        ("__Host-id", Some(true), Some("/"), Some("example.com")),
        ("__HOST-id", Some(true), Some("/x"), None),
    ] {
        cases.push(Options {
            name,
            secure,
            path,
            domain,
            ..base.clone()
        });
    }
    cases.push(Options {
        secure: Some(false),
        http_only: Some(false),
        ..base.clone()
    });
    cases
}

#[test]
fn set_cookie_writing_agrees_with_cookie_build() {
    let mut tally = Tally::default();
    let (mut identical, mut reordered, mut refused) = (0, 0, 0);
    let cases = write_cases();
    for o in &cases {
        let theirs = cookie_rs_written(o, false);
        match jeton_written(o, false) {
            Ok(ours) if ours == theirs => identical += 1,
            Ok(ours) => {
                let (our_pair, mut our_attrs) = split_attributes(&ours);
                let (their_pair, their_attrs) = split_attributes(&theirs);
                if o.domain.is_some_and(|d| d.starts_with('.')) {
                    // cookie-rs writes the domain without its dot.
                    for a in &mut our_attrs {
                        if let Some(d) = a.strip_prefix("Domain=.") {
                            *a = format!("Domain={d}");
                            tally.note("domain-leading-dot");
                        }
                    }
                    our_attrs.sort();
                }
                assert_eq!(
                    (our_pair, our_attrs),
                    (their_pair, their_attrs),
                    "{o:?}\n jeton:     {ours}\n cookie-rs: {theirs}"
                );
                tally.note("attribute-order");
                reordered += 1;
            }
            Err(e) => {
                let rule = refusal_rule(o, e);
                assert!(
                    rule.is_some(),
                    "{o:?}: jeton refuses with {e:?}, cookie-rs writes {theirs:?}"
                );
                tally.note(rule.unwrap());
                refused += 1;
            }
        }
    }
    tally.check_used(&[
        "attribute-order",
        "domain-leading-dot",
        "refuses-empty-name",
        "refuses-invalid-name",
        "refuses-invalid-value",
        "refuses-invalid-path",
        "refuses-invalid-domain",
        "year-before-1601",
        "secure-implied",
        "refuses-prefix",
    ]);
    println!(
        "Set-Cookie writing: {} cookies, {identical} byte for byte, {reordered} the same \
         attributes in jeton's order, {refused} refused by jeton's rules; {:?}",
        cases.len(),
        tally.0
    );
    assert!(identical >= 20 && reordered >= 5 && refused >= 20);
}

/// Options drawn from alphabets of the bytes each rule is about, leaked
/// so that they are `&'static` like the hand-written ones.
fn generated_write_cases() -> Vec<Options> {
    let mut rng = Rng(0x7772_6974_6521);
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    // Bytes that pass; a quarter of the cookies then get one byte that
    // breaks a rule, in one field.
    let name_alphabet = ["a", "b", "-", "_", "!", "~", "%", "."];
    let value_alphabet = ["a", "b", "=", "%", "/", "\"", "-"];
    let path_alphabet = ["a", "\"", "%", "<", "/x", " x", "/", "="];
    let domain_alphabet = ["a", "b", ".", "-", "1", "example.com"];
    let prefixes = ["", "", "", "", "__Host-", "__Secure-", "__host-"];
    let bad = [
        " ", ";", "=", "\"", ",", "\\", "\u{e9}", "\t", "\r\n", "(", "_", "/",
    ];
    (0..1500)
        .map(|_| {
            let mut o = Options {
                name: leak(format!(
                    "{}n{}",
                    rng.pick(&prefixes),
                    rng.string(&name_alphabet, 3)
                )),
                value: leak(rng.string(&value_alphabet, 3)),
                ..Options::default()
            };
            if rng.below(2) == 0 {
                let lead = if rng.below(8) == 0 { "" } else { "/" };
                o.path = Some(leak(format!("{lead}{}", rng.string(&path_alphabet, 3))));
            }
            if rng.below(3) == 0 {
                o.domain = Some(leak(format!("d{}", rng.string(&domain_alphabet, 3))));
            }
            if rng.below(4) == 0 {
                let b = rng.pick(&bad);
                match rng.below(4) {
                    0 => o.name = leak(format!("{}{b}", o.name)),
                    1 => o.value = leak(format!("{b}{}", o.value)),
                    2 => o.path = Some(leak(format!("/{b}{}", o.path.unwrap_or("")))),
                    _ => o.domain = Some(leak(format!("d{b}{}", o.domain.unwrap_or("")))),
                }
            }
            if rng.below(3) == 0 {
                o.max_age = Some([0, 1, 59, 400 * 86_400][rng.below(4)]);
            }
            if rng.below(3) == 0 {
                o.expires = Some(
                    [
                        0,
                        1_623_233_894,
                        jeton::cookie::MIN_COOKIE_TIME - 1,
                        4_102_444_800,
                    ][rng.below(4)],
                );
            }
            o.secure = [None, Some(true), Some(true), Some(false)][rng.below(4)];
            o.http_only = [None, Some(true), Some(false)][rng.below(3)];
            o.same_site = [
                None,
                None,
                Some(SameSite::Strict),
                Some(SameSite::Lax),
                Some(SameSite::None),
            ][rng.below(5)];
            o.partitioned = rng.below(6) == 0;
            o
        })
        .collect()
}

/// On generated options: whatever jeton writes, cookie-rs reads back as
/// the cookie that was asked for (attribute by attribute), and whatever
/// jeton refuses breaks a rule checked here on the options themselves.
#[test]
fn generated_cookies_are_written_or_refused_by_rule() {
    let mut tally = Tally::default();
    let (mut written, mut refused) = (0, 0);
    for o in generated_write_cases() {
        match jeton_written(&o, false) {
            Ok(ours) => {
                let theirs = cookie_rs_view(&ours).expect("cookie-rs reads jeton's header");
                let asked = View {
                    name: o.name.to_owned(),
                    value: o.value.to_owned(),
                    expires: o.expires,
                    max_age: o.max_age.map(|m| i64::try_from(m).unwrap()),
                    domain: o
                        .domain
                        .map(|d| d.strip_prefix('.').unwrap_or(d).to_owned()),
                    path: o.path.map(str::to_owned),
                    secure: o.secure == Some(true),
                    http_only: o.http_only == Some(true),
                    same_site: o.same_site.map(same_site_name),
                    partitioned: o.partitioned,
                };
                assert_eq!(theirs, asked, "{o:?}: {ours}");
                assert_eq!(jeton_view(&ours).unwrap(), asked, "{o:?}: {ours}");
                written += 1;
            }
            Err(e) => {
                let rule = refusal_rule(&o, e);
                assert!(rule.is_some(), "{o:?}: jeton refuses with {e:?}");
                tally.note(rule.unwrap());
                refused += 1;
            }
        }
    }
    println!(
        "generated Set-Cookie: {written} written and read back, {refused} refused: {:?}",
        tally.0
    );
    assert!(written > 100 && refused > 100);
}

/// What cookie-rs and jeton write, read back by the other: the cookie a
/// browser stores from jeton's header is the one cookie-rs parses from it.
#[test]
fn written_cookies_read_back_in_the_other_library() {
    for o in write_cases() {
        let Ok(ours) = jeton_written(&o, false) else {
            continue;
        };
        let theirs = cookie_rs_view(&ours).expect("cookie-rs reads jeton's header");
        let back = jeton_view(&ours).unwrap();
        assert_eq!(back, theirs, "{ours}");
        assert_eq!(back.name, o.name);
        assert_eq!(back.value, o.value);
        assert_eq!(back.max_age, o.max_age.map(|m| i64::try_from(m).unwrap()));
        assert_eq!(back.expires, o.expires);
    }
}

#[test]
fn encoded_values_agree_with_cookie_encoded() {
    let mut tally = Tally::default();
    let mut identical = 0;
    let values = [
        "plain",
        "",
        "a b",
        "a;b",
        "a,b",
        "\"quoted\"",
        "caf\u{e9}",
        "100%",
        "a/b:c@d",
        "x=y",
        "\u{1f36a}",
        "a\\b",
        "tab\there",
        "\r\n",
        "(paren)",
        "a+b",
        "~!*'",
        "<>",
        "#?{}",
        "`^|[]",
    ];
    for value in values {
        let o = Options {
            name: "n",
            value,
            ..Options::default()
        };
        let ours = jeton_written(&o, true).expect("any value encodes");
        let theirs = cookie_rs_written(&o, true);
        if ours == theirs {
            identical += 1;
            continue;
        }
        let our_value = ours.strip_prefix("n=").unwrap();
        let their_value = theirs.strip_prefix("n=").unwrap();
        // Both are cookie-values that decode to the value.
        assert!(is_cookie_value(our_value), "{ours}");
        assert!(is_cookie_value(their_value), "{theirs}");
        let decoded = |v: &str| percent_encoding_decode(v);
        assert_eq!(decoded(our_value), value.as_bytes(), "{ours}");
        assert_eq!(decoded(their_value), value.as_bytes(), "{theirs}");
        tally.note("encode-set");
    }
    tally.check_used(&["encode-set"]);
    println!("encoded values: {identical} byte for byte, {:?}", tally.0);
    assert!(identical >= 3);
}

/// Percent-decoding (RFC 3986 section 2.1), for the encoded values.
fn percent_encoding_decode(v: &str) -> Vec<u8> {
    let b = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(h, 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}
