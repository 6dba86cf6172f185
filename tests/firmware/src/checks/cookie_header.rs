//! The `Cookie` request header: parse, iterate, `get`, percent-decoding and
//! the RFC 6265 strict check.

use jeton::cookie::CookieHeader;

use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{Bytes, COOKIE_HEADER, NPM_COOKIE_HEADERS, NpmHeader};

pub static CHECKS: &[Check] = &[
    check!(
        "Cookie: the 12-cookie benchmark header (bench/inputs)",
        benchmark_header,
        COOKIE_HEADER,
        BENCH_PAIRS
    ),
    check!(
        "Cookie: npm cookie 2.0.2 parseCookie, raw and decoded (npm-cookie.json)",
        npm_cookie,
        NPM_COOKIE_HEADERS
    ),
];

/// One pair of `bench/inputs/cookie_header.txt`.
struct BenchPair {
    name: Bytes,
    /// As written in the file.
    value: Bytes,
    /// Percent-decoded by hand (`decodeURIComponent`).
    decoded: Bytes,
}

/// The pairs of `bench/inputs/cookie_header.txt`, copied from the file in
/// order; [`benchmark_header`] first checks that joining them with `"; "`
/// gives the file back, so the table is the file.
static BENCH_PAIRS: &[BenchPair] = &[
    BenchPair {
        name: b"_ga",
        value: b"GA1.1.1234567890.1700000000",
        decoded: b"GA1.1.1234567890.1700000000",
    },
    BenchPair {
        name: b"_gid",
        value: b"GA1.1.987654321.1700000000",
        decoded: b"GA1.1.987654321.1700000000",
    },
    BenchPair {
        name: b"_ga_ABC123XYZ",
        value: b"GS1.1.1700000000.5.1.1700003600.60.0.1234567890",
        decoded: b"GS1.1.1700000000.5.1.1700003600.60.0.1234567890",
    },
    BenchPair {
        name: b"_fbp",
        value: b"fb.1.1700000000123.1234567890123456789",
        decoded: b"fb.1.1700000000123.1234567890123456789",
    },
    BenchPair {
        name: b"sessionid",
        value: b"a781fe2dc1a122c6d4c683752d382749a62850eaef5cedb0",
        decoded: b"a781fe2dc1a122c6d4c683752d382749a62850eaef5cedb0",
    },
    BenchPair {
        name: b"csrftoken",
        value: b"HLynQWCxteDPigpeN6_itG5KnWr77scBv8lysJwx7isgAVtGfquw7IjCaDH1XnD2",
        decoded: b"HLynQWCxteDPigpeN6_itG5KnWr77scBv8lysJwx7isgAVtGfquw7IjCaDH1XnD2",
    },
    BenchPair {
        name: b"theme",
        value: b"\"dark-mode\"",
        decoded: b"\"dark-mode\"",
    },
    BenchPair {
        name: b"prefs",
        value: b"lang%3Den-US%26tz%3DEurope%2FBerlin%26cur%3DEUR",
        decoded: b"lang=en-US&tz=Europe/Berlin&cur=EUR",
    },
    BenchPair {
        name: b"ab_test",
        value: b"checkout=variant-b",
        decoded: b"checkout=variant-b",
    },
    BenchPair {
        name: b"auth_hint",
        value: b"dXNlcjo0Mnxyb2xlOnJlYWRlcnx2OjM==",
        decoded: b"dXNlcjo0Mnxyb2xlOnJlYWRlcnx2OjM==",
    },
    BenchPair {
        name: b"cookie_consent",
        value: b"v2|necessary:1|analytics:1|marketing:0|ts:1700000000|id:4a8a08f09d37b737",
        decoded: b"v2|necessary:1|analytics:1|marketing:0|ts:1700000000|id:4a8a08f09d37b737",
    },
    BenchPair {
        name: b"last_visit",
        value: b"2023-11-14T22%3A13%3A20.123%2B01%3A00",
        decoded: b"2023-11-14T22:13:20.123+01:00",
    },
];

/// `true` when `pairs` joined as `name=value` with `"; "` is `header`.
fn joins_to(pairs: &[BenchPair], header: &[u8]) -> bool {
    let mut rest = header;
    for (i, pair) in pairs.iter().enumerate() {
        let parts: [&[u8]; 3] = [if i == 0 { b"" } else { b"; " }, pair.name, b"="];
        for part in parts.into_iter().chain([pair.value]) {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        }
    }
    rest.is_empty()
}

fn benchmark_header(c: &mut Checker<'_>) {
    c.expect(
        joins_to(BENCH_PAIRS, COOKIE_HEADER),
        format_args!("the expected table is not bench/inputs/cookie_header.txt"),
    );
    let Ok(header) = c.measure("CookieHeader::parse", || CookieHeader::parse(COOKIE_HEADER)) else {
        c.expect(false, format_args!("parse refused the header"));
        return;
    };

    // Every pair in order: iteration writes into a buffer of the caller.
    let mut seen: [(&[u8], &[u8]); 16] = [(b"", b""); 16];
    let count = c.measure("CookieHeader::iter (12 pairs)", || {
        let mut n = 0;
        for (slot, pair) in seen.iter_mut().zip(header.iter()) {
            *slot = (pair.name(), pair.value());
            n += 1;
        }
        n
    });
    c.expect(count == BENCH_PAIRS.len(), format_args!("{count} pairs"));

    let mut buf = [0u8; 128];
    c.each(BENCH_PAIRS, |c, i, want| {
        let (name, value) = seen[i];
        c.expect_bytes(name, want.name, format_args!("name of pair {i}"));
        c.expect_bytes(value, want.value, format_args!("value of pair {i}"));
        let Some(pair) = c.measure("CookieHeader::get", || header.get(want.name)) else {
            c.expect(
                false,
                format_args!("get({}) found nothing", Escaped(want.name)),
            );
            return;
        };
        c.expect_bytes(
            pair.value(),
            want.value,
            format_args!("get({})", Escaped(want.name)),
        );
        match c.measure("CookiePair::decode_value", || pair.decode_value(&mut buf)) {
            Ok(n) => c.expect_bytes(
                &buf[..n],
                want.decoded,
                format_args!("decoded {}", Escaped(want.name)),
            ),
            Err(e) => c.expect(
                false,
                format_args!("decode {}: error {}", Escaped(want.name), e.code()),
            ),
        };
    });

    // One pair of quotes: kept by value(), removed by value_unquoted().
    let theme = header.get("theme").map(|p| p.value_unquoted());
    c.expect(
        theme == Some(&b"dark-mode"[..]),
        format_args!("theme unquoted"),
    );
    // The header follows RFC 6265 section 4.2.1 (`; ` separators, token
    // names, cookie-octet values).
    let strict = c.measure("CookieHeader::check_strict", || header.check_strict());
    c.expect(
        strict.is_ok(),
        format_args!("check_strict refused a conforming header"),
    );
    // A name that is not there.
    c.expect(header.get("absent").is_none(), format_args!("get(absent)"));
}

fn npm_cookie(c: &mut Checker<'_>) {
    let mut buf = [0u8; 256];
    c.each(NPM_COOKIE_HEADERS, |c, i, case: &NpmHeader| {
        let Ok(header) = c.measure("CookieHeader::parse", || CookieHeader::parse(case.header))
        else {
            c.expect(
                false,
                format_args!("#{i} {}: parse refused it", Escaped(case.header)),
            );
            return;
        };
        // npm returns one entry per name, the first pair's.
        let distinct = header
            .iter()
            .enumerate()
            .filter(|(k, p)| header.iter().take(*k).all(|q| q.name() != p.name()))
            .count();
        c.expect(
            distinct == case.raw.len(),
            format_args!(
                "#{i} {}: {distinct} names, npm {}",
                Escaped(case.header),
                case.raw.len()
            ),
        );
        for want in case.raw {
            let got = c.measure("CookieHeader::get", || header.get(want.name));
            c.expect_bytes(
                got.map_or(b"<none>", |p| p.value()),
                want.value,
                format_args!("#{i} {}: raw {}", Escaped(case.header), Escaped(want.name)),
            );
        }
        for want in case.decoded {
            let decoded = header
                .get(want.name)
                .map(|p| c.measure("CookiePair::decode_value", || p.decode_value(&mut buf)));
            let got = match decoded {
                Some(Ok(n)) => &buf[..n],
                _ => b"<none>",
            };
            c.expect_bytes(
                got,
                want.value,
                format_args!(
                    "#{i} {}: decoded {}",
                    Escaped(case.header),
                    Escaped(want.name)
                ),
            );
        }
    });
}
