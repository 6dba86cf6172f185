//! `jeton cookie parse` and `jeton set-cookie build|parse` against the
//! examples of RFC 6265, and the signed-cookie commands against what the
//! real Node packages produced and decided (`tests/vectors/npm-signed.json`).

mod common;

use common::{jeton, jeton_stdin, s, vectors};
use serde_json::json;

#[test]
fn cookie_parse_lists_pairs_in_order_with_duplicates() {
    // RFC 6265 section 5.4's example header, with a duplicate added.
    let j = jeton(&[
        "cookie",
        "parse",
        "Cookie: SID=31d4d96e407aad42; lang=en-US; SID=\"x%20y\"",
        "--json",
    ])
    .code(0)
    .json();
    let pairs = j["pairs"].as_array().unwrap();
    let names: Vec<&str> = pairs.iter().map(|p| s(&p["name"])).collect();
    assert_eq!(names, ["SID", "lang", "SID"]);
    assert_eq!(pairs[0]["value"], "31d4d96e407aad42");
    assert_eq!(pairs[0]["duplicate_of"], json!(null));
    assert_eq!(pairs[2]["duplicate_of"], 0);
    assert_eq!(pairs[2]["value"], "\"x%20y\"");
    assert_eq!(pairs[2]["unquoted"], "x%20y");
    assert_eq!(pairs[2]["decoded"], "\"x y\"");
    assert_eq!(j["strict_ok"], true);

    let r = jeton(&["cookie", "parse", "SID=31d4d96e407aad42; lang=en-US; SID=2"]);
    r.code(0);
    assert!(r.stdout.contains("duplicate of #0"), "{}", r.stdout);
    assert!(r.stdout.contains("follows RFC 6265"));
}

#[test]
fn cookie_parse_reports_the_strict_check() {
    // No space after ';': lenient reading takes both pairs, the strict
    // grammar refuses the separator.
    let r = jeton(&["cookie", "parse", "a=1;b=2"]);
    r.code(0);
    assert!(
        r.stdout.contains("CookieInvalidSeparator) at byte 3"),
        "{}",
        r.stdout
    );
    let j = jeton(&["cookie", "parse", "a=1;b=2", "--strict", "--json"])
        .code(1)
        .json();
    assert_eq!(j["strict_violation"]["check"], "CookieInvalidSeparator");
    assert_eq!(j["strict_violation"]["offset"], 3);
    assert_eq!(j["pairs"].as_array().unwrap().len(), 2);
    let j = jeton(&["cookie", "parse", "a=1; b", "--strict", "--json"])
        .code(1)
        .json();
    assert_eq!(j["strict_violation"]["check"], "CookieMissingEquals");
    jeton(&["cookie", "parse", "a=1; b=2", "--strict"]).code(0);
    // Over the 8 KiB limit: refused before any pair is read.
    let long = format!("a={}", "x".repeat(9000));
    let r = jeton_stdin(&["cookie", "parse", "-", "--json"], long.as_bytes());
    assert_eq!(r.code(1).json()["error"]["check"], "InputTooLong");
}

#[test]
fn set_cookie_build_writes_rfc6265_examples() {
    // RFC 6265 section 3.1.
    let r = jeton(&[
        "set-cookie",
        "build",
        "SID",
        "31d4d96e407aad42",
        "--path",
        "/",
        "--secure",
        "--http-only",
    ]);
    assert_eq!(
        r.code(0).stdout,
        "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly\n"
    );
    let r = jeton(&[
        "set-cookie",
        "build",
        "lang",
        "en-US",
        "--path",
        "/",
        "--domain",
        "example.com",
    ]);
    assert_eq!(r.code(0).stdout, "lang=en-US; Path=/; Domain=example.com\n");
    let r = jeton(&[
        "set-cookie",
        "build",
        "lang",
        "en-US",
        "--expires",
        "2021-06-09T10:18:14Z",
        "--json",
    ]);
    assert_eq!(
        r.code(0).json()["set_cookie"],
        "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT"
    );
    let r = jeton(&["set-cookie", "build", "lang", "--remove"]);
    assert_eq!(
        r.code(0).stdout,
        "lang=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT\n"
    );
    let r = jeton(&[
        "set-cookie",
        "build",
        "__Host-id",
        "1",
        "--path",
        "/",
        "--secure",
        "--http-only",
        "--same-site",
        "none",
        "--partitioned",
        "--priority",
        "high",
        "--max-age",
        "1h",
    ]);
    assert_eq!(
        r.code(0).stdout,
        "__Host-id=1; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=None; Partitioned; Priority=High\n"
    );
    let r = jeton(&["set-cookie", "build", "a", "x y;z", "--encode"]);
    assert_eq!(r.code(0).stdout, "a=x%20y%3Bz\n");
}

#[test]
fn set_cookie_build_names_the_rule_broken() {
    for (args, check) in [
        (&["a", "x y"][..], "CookieInvalidValue"),
        (&["a b", "1"][..], "CookieInvalidName"),
        (
            &["a", "1", "--same-site", "none"][..],
            "SameSiteNoneRequiresSecure",
        ),
        (
            &["a", "1", "--partitioned"][..],
            "PartitionedRequiresSecure",
        ),
        (&["__Secure-a", "1"][..], "CookiePrefixRequiresSecure"),
        (
            &["__Host-a", "1", "--secure", "--path", "/x"][..],
            "CookiePrefixRequiresRootPath",
        ),
        (
            &[
                "__Host-a",
                "1",
                "--secure",
                "--path",
                "/",
                "--domain",
                "example.com",
            ][..],
            "CookiePrefixForbidsDomain",
        ),
        (
            &["a", "1", "--domain", "exa mple.com"][..],
            "CookieInvalidDomain",
        ),
        (&["a", "1", "--path", "relative"][..], "CookieInvalidPath"),
    ] {
        let mut all = vec!["set-cookie", "build"];
        all.extend_from_slice(args);
        all.push("--json");
        let r = jeton(&all);
        assert_eq!(r.code(1).json()["error"]["check"], check, "{args:?}");
    }
    jeton(&["set-cookie", "build", "a"]).code(2);
    jeton(&["set-cookie", "build", "a", "1", "--max-age", "soon"]).code(2);
    jeton(&["set-cookie", "build", "a", "1", "--same-site", "sometimes"]).code(2);
}

#[test]
fn set_cookie_parse_says_what_a_browser_stores() {
    // RFC 6265 section 3.1's examples.
    let j = jeton(&[
        "set-cookie",
        "parse",
        "Set-Cookie: lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
        "--now",
        "1600000000",
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["parsed"]["name"], "lang");
    assert_eq!(j["parsed"]["expires"], 1623233894);
    assert_eq!(j["parsed"]["expires_date"], "2021-06-09T10:18:14Z");
    assert_eq!(j["url"], "https://example.com/");
    assert_eq!(j["browser"]["stored"], true);
    assert_eq!(j["browser"]["host_only"], true);
    assert_eq!(j["browser"]["expiry"], 1623233894);

    let j = jeton(&[
        "set-cookie",
        "parse",
        "SID=31d4d96e407aad42; Path=/; Domain=example.com",
        "--url",
        "http://www.example.com/a",
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["browser"]["domain"], "example.com");
    assert_eq!(j["browser"]["host_only"], false);
    assert_eq!(j["browser"]["path"], "/");
    // Max-Age wins over Expires; lifetimes are capped at 400 days.
    let j = jeton(&[
        "set-cookie",
        "parse",
        "a=1; Max-Age=60; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
        "--now",
        "1000",
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["browser"]["expiry"], 1060);
    let j = jeton(&[
        "set-cookie",
        "parse",
        "a=1; Max-Age=99999999",
        "--now",
        "0",
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["browser"]["expiry"], 400 * 86400);
    // An expired line deletes.
    let j = jeton(&["set-cookie", "parse", "a=; Max-Age=0", "--json"])
        .code(0)
        .json();
    assert_eq!(j["browser"], json!({"stored": false, "deletes": true}));
    let r = jeton(&[
        "set-cookie",
        "parse",
        "a=1; Domain=example.com; Path=/p; HttpOnly",
        "--now",
        "0",
    ]);
    r.code(0);
    assert!(
        r.stdout
            .contains("browser at https://example.com/p  stored"),
        "{}",
        r.stdout
    );
}

#[test]
fn set_cookie_parse_names_the_rule_that_makes_a_browser_ignore_it() {
    for (line, url, check) in [
        ("a=1; SameSite=None", None, "SameSiteNoneRequiresSecure"),
        (
            "a=1; Secure",
            Some("http://example.com/"),
            "CookieInsecureOrigin",
        ),
        (
            "a=1; Domain=other.org",
            Some("https://example.com/"),
            "CookieDomainMismatch",
        ),
        (
            "a=1; Domain=com",
            Some("https://example.com/"),
            "CookiePublicSuffix",
        ),
        (
            "__Host-a=1; Secure; Path=/; Domain=example.com",
            None,
            "CookiePrefixForbidsDomain",
        ),
        ("a=1\u{1}", None, "CookieControlCharacter"),
    ] {
        let mut args = vec!["set-cookie", "parse", line, "--json"];
        if let Some(url) = url {
            args.extend(["--url", url]);
        }
        let r = jeton(&args);
        assert_eq!(
            r.code(1).json()["browser"]["ignored"]["check"],
            check,
            "{line}"
        );
        assert_eq!(r.json()["browser"]["stored"], false);
    }
    // RFC 6265 section 5.2: no '=' or an empty name, the line is ignored.
    let r = jeton(&["set-cookie", "parse", "novalue", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "CookieMissingEquals");
    let r = jeton(&["set-cookie", "parse", " =v"]);
    assert!(r.code(1).stderr.contains("CookieEmptyName"));
    jeton(&["set-cookie", "parse", "a=1", "--url", "ftp://x"]).code(2);
}

/// Every keygrip signature: made identically when keygrip's index was 0,
/// and found by the same key (or by none) as keygrip's `index()`.
#[test]
fn keygrip_agrees_with_keygrip() {
    let v = vectors("npm-signed.json");
    let (mut accepted, mut rejected) = (0, 0);
    for case in v["keygrip"].as_array().unwrap() {
        let alg = s(&case["algorithm"]);
        let keys: Vec<String> = case["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| format!("text:{}", s(k)))
            .collect();
        let mut args = vec![
            "keygrip",
            "verify",
            s(&case["data"]),
            s(&case["digest"]),
            "--hash",
            alg,
            "--json",
        ];
        for k in &keys {
            args.extend(["--key", k]);
        }
        let r = jeton(&args);
        let index = case["index"].as_i64().unwrap();
        if index >= 0 {
            assert_eq!(r.code(0).json()["key_index"], index, "{case}");
            accepted += 1;
        } else {
            r.code(1);
            rejected += 1;
        }
        if index == 0 {
            let r = jeton(&[
                "keygrip",
                "sign",
                s(&case["data"]),
                "--key",
                &keys[0],
                "--hash",
                alg,
            ]);
            assert_eq!(r.code(0).stdout.trim_end(), s(&case["digest"]), "{case}");
        }
    }
    assert_eq!(accepted + rejected, 512);
    assert!(accepted > 50 && rejected > 200, "{accepted} {rejected}");
}

/// The requests cookie-session (through the npm cookies module) judged:
/// every request it accepted verifies; every request refused here it
/// refused too (it also refuses values that are not JSON).
#[test]
fn keygrip_reads_cookie_headers_as_cookie_session() {
    let v = vectors("npm-signed.json");
    let (mut accepted, mut refused) = (0, 0);
    for case in v["cookie_session"]["requests"].as_array().unwrap() {
        let keys: Vec<String> = case["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| format!("text:{}", s(k)))
            .collect();
        let mut args = vec![
            "keygrip",
            "verify",
            "--cookie-header",
            s(&case["cookie_header"]),
            "--name",
            s(&case["name"]),
            "--hash",
            s(&case["algorithm"]),
            "--json",
        ];
        for k in &keys {
            args.extend(["--key", k]);
        }
        let r = jeton(&args);
        if case["accepted"].as_bool().unwrap() {
            r.code(0);
            accepted += 1;
        } else if r.code == 1 {
            refused += 1;
        } else {
            r.code(0);
        }
    }
    assert!(accepted > 20 && refused > 100, "{accepted} {refused}");
}

#[test]
fn cookie_signature_agrees_with_cookie_signature() {
    let v = vectors("npm-signed.json");
    for case in v["cookie_signature"]["sign"].as_array().unwrap() {
        let key = format!("text:{}", s(&case["secret"]));
        let r = jeton(&["cookie-signature", "sign", s(&case["value"]), "--key", &key]);
        assert_eq!(r.code(0).stdout.trim_end(), s(&case["signed"]), "{case}");
    }
    let mut accepted = 0;
    for case in v["cookie_signature"]["unsign"].as_array().unwrap() {
        let key = format!("text:{}", s(&case["secret"]));
        let r = jeton(&[
            "cookie-signature",
            "unsign",
            s(&case["input"]),
            "--key",
            &key,
            "--json",
        ]);
        match case["result"].as_str() {
            Some(value) => {
                assert_eq!(r.code(0).json()["value"], value, "{case}");
                accepted += 1;
            }
            None => {
                r.code(1);
            }
        }
    }
    assert!(accepted > 10);
}

/// express-session's Set-Cookie values, and its verdicts on 126 requests.
#[test]
fn cookie_signature_express_agrees_with_express_session() {
    let v = vectors("npm-signed.json");
    for case in v["express_session"]["responses"].as_array().unwrap() {
        let key = format!("text:{}", s(&case["secrets"][0]));
        let r = jeton(&[
            "cookie-signature",
            "sign",
            "--express",
            s(&case["sid"]),
            "--key",
            &key,
        ]);
        let value = r.code(0).stdout.trim_end().to_owned();
        let expected = format!("{}={value};", s(&case["name"]));
        assert!(s(&case["set_cookie"]).starts_with(&expected), "{case}");
        let r = jeton(&[
            "cookie-signature",
            "unsign",
            "--express",
            &value,
            "--key",
            &key,
            "--json",
        ]);
        assert_eq!(r.code(0).json()["value"], case["sid"]);
    }
    let mut accepted = 0;
    for case in v["express_session"]["requests"].as_array().unwrap() {
        let keys: Vec<String> = case["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| format!("text:{}", s(k)))
            .collect();
        let mut args = vec![
            "cookie-signature",
            "unsign",
            "--cookie-header",
            s(&case["cookie_header"]),
            "--name",
            s(&case["name"]),
            "--json",
        ];
        for k in &keys {
            args.extend(["--key", k]);
        }
        let r = jeton(&args);
        if case["accepted"].as_bool().unwrap() {
            assert_eq!(r.code(0).json()["value"], case["sid"], "{case}");
            accepted += 1;
        } else {
            r.code(1);
        }
    }
    assert!(accepted > 10);
}

#[test]
fn signed_cookie_errors() {
    jeton(&["keygrip", "sign", "novalue", "--key", "k"]).code(2);
    jeton(&["keygrip", "sign", "a=1"]).code(2);
    jeton(&["keygrip", "verify", "a=1"]).code(2);
    let r = jeton(&["keygrip", "verify", "a=1", "!!", "--key", "k", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "SignatureMalformed");
    let r = jeton(&[
        "keygrip",
        "verify",
        "--cookie-header",
        "a=1",
        "--name",
        "a",
        "--key",
        "k",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "UnknownSignedFormat");
    let r = jeton(&[
        "keygrip",
        "verify",
        "--cookie-header",
        "b=1",
        "--name",
        "a",
        "--key",
        "k",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "CookieNotFound");
    let r = jeton(&[
        "cookie-signature",
        "unsign",
        "--express",
        "abc.def",
        "--key",
        "k",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "UnknownSignedFormat");
    // An older key verifies and says so.
    let signed = jeton(&["cookie-signature", "sign", "v", "--key", "old"])
        .code(0)
        .stdout
        .trim_end()
        .to_owned();
    let r = jeton(&[
        "cookie-signature",
        "unsign",
        &signed,
        "--key",
        "new",
        "--key",
        "old",
    ]);
    assert!(r.code(0).stdout.contains("older key"), "{}", r.stdout);
}
