//! The IETF http-state suite (abarth/http-state): 222 Set-Cookie parser
//! cases run through jeton's cookie jar, and the cookie-date examples.
//!
//! Each parser case sends its `Set-Cookie` headers in answer to
//! `http://home.example.org:8888/cookie-parser?NAME`, then expects the
//! listed cookies in the `Cookie` header for the `sent-to` URL (by default
//! `http://home.example.org:8888/cookie-parser-result?NAME`).
//!
//! Every case passes except those in `KNOWN_DIFFERENCES`, each with its
//! reason; the test also fails when a listed case starts passing, so the
//! list stays true.

use jeton::cookie::{CookieJar, RequestUrl, format_http_date, parse_cookie_date};
use jeton_tests::load_json;
use serde_json::Value;

/// The suite was written in 2011: "now" must fall between its expired
/// (2007) and future (2019) dates.
const SUITE_NOW: i64 = 1_300_000_000; // 2011-03-13

/// Cases where jeton deliberately differs from the suite's expectation.
/// All three are disabled in the upstream suite as well.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "DISABLED_CHROMIUM0022",
        "`AAA=BB\\0ZYX`: the suite expects the value cut at the NUL (old Chromium); \
         RFC 6265bis section 5.7 step 3, and browsers today, ignore a cookie holding a \
         control character, and so does jeton",
    ),
    (
        "DISABLED_CHROMIUM0023",
        "`AAA=BB\\rZYX`: as CHROMIUM0022, for CR",
    ),
    (
        "DISABLED_PATH0029",
        "the request path `/cookie-parser-result/f%6Fo/bar` is expected to match the cookie \
         path `/cookie-parser-result/foo/bar` after percent-decoding; RFC 6265 section 5.1.4 \
         compares paths byte for byte, as browsers do",
    ),
];

fn run_parser_case(case: &Value) -> Result<(), String> {
    let name = case["test"].as_str().unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let origin = format!("http://home.example.org:8888/cookie-parser?{lower}");
    let origin = RequestUrl::parse(&origin).map_err(|e| format!("origin url: {e}"))?;
    let mut jar: CookieJar<64, 16384> = CookieJar::new();
    for header in case["received"].as_array().into_iter().flatten() {
        let header = header.as_str().unwrap_or_default();
        // An ignored cookie is an ordinary outcome here.
        let _ = jar.store(header, &origin, SUITE_NOW);
    }
    let default_target = format!("http://home.example.org:8888/cookie-parser-result?{lower}");
    let target = match case["sent-to"].as_str() {
        Some(t) if t.starts_with('/') => format!("http://home.example.org:8888{t}"),
        Some(t) => t.to_string(),
        None => default_target,
    };
    let target = RequestUrl::parse(&target).map_err(|e| format!("target url: {e}"))?;
    let mut buf = [0u8; 16384];
    let n = jar
        .cookie_header(&target, SUITE_NOW, &mut buf)
        .map_err(|e| format!("cookie_header: {e}"))?;
    let got = String::from_utf8_lossy(&buf[..n]).into_owned();
    let expected = case["sent"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            format!(
                "{}={}",
                c["name"].as_str().unwrap_or_default(),
                c["value"].as_str().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if got == expected {
        Ok(())
    } else {
        Err(format!("expected {expected:?}, got {got:?}"))
    }
}

#[test]
fn http_state_parser_suite() {
    let cases = load_json("http-state/parser.json");
    let cases = cases.as_array().expect("parser.json is an array");
    assert_eq!(cases.len(), 222, "the suite has 222 cases");
    let mut passed = 0;
    let mut unexpected = Vec::new();
    for case in cases {
        let name = case["test"].as_str().unwrap_or_default();
        let known = KNOWN_DIFFERENCES.iter().find(|(n, _)| *n == name);
        match (run_parser_case(case), known) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => {
                unexpected.push(format!("{name}: listed as a difference but passes"))
            }
            (Err(_), Some(_)) => {}
            (Err(why), None) => {
                unexpected.push(format!("{name}: {why} (received {})", case["received"]))
            }
        }
    }
    println!(
        "http-state parser suite: {passed} of {} pass, {} known differences",
        cases.len(),
        KNOWN_DIFFERENCES.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} unexpected results:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert_eq!(passed + KNOWN_DIFFERENCES.len(), cases.len());
}

fn run_date_file(file: &str, count: usize) -> (usize, Vec<String>) {
    let cases = load_json(file);
    let cases = jeton_tests::cases(&cases, count);
    let mut failures = Vec::new();
    for case in cases {
        let input = case["test"].as_str().expect("test string");
        let got = parse_cookie_date(input.as_bytes()).ok().map(|t| {
            let mut buf = [0u8; 29];
            let n = format_http_date(t, &mut buf).expect("in range");
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        let expected = case["expected"].as_str().map(str::to_owned);
        if got != expected {
            failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
    }
    (cases.len(), failures)
}

#[test]
fn http_state_date_examples() {
    let (count, failures) = run_date_file("http-state/dates/examples.json", 15);
    println!(
        "http-state dates/examples.json: {} of {count} pass",
        count - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn http_state_bsd_date_examples() {
    let (count, failures) = run_date_file("http-state/dates/bsd-examples.json", 55);
    println!(
        "http-state dates/bsd-examples.json: {} of {count} pass",
        count - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
