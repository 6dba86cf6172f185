//! `jeton jwt decode|verify|sign` against RFC 7515 appendix A.1 and the
//! tokens npm jose, npm jsonwebtoken and PyJWT signed
//! (`tests/vectors/npm-jwt.json`, `tests/vectors/pyjwt.json`).

mod common;

use common::{jeton, jeton_stdin, jwt_shapes, s, temp_dir, vectors};
use serde_json::{Value, json};

/// RFC 7515 appendix A.1 (the same as RFC 7519 section 3.1).
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// Its key, the JWK's `k`.
const A1_KEY: &str = "base64url:AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
/// A second before its `exp` (1300819380).
const A1_NOW: &str = "1300819379";

#[test]
fn decode_shows_header_claims_dates_and_an_unverified_signature() {
    let r = jeton(&["jwt", "decode", A1_TOKEN, "--now", A1_NOW]);
    r.code(0);
    assert!(r.stdout.contains("\"joe\""), "{}", r.stdout);
    assert!(r.stdout.contains("1300819380"));
    assert!(r.stdout.contains("2011-03-22T18:43:00Z (in 1 second)"));
    assert!(r.stdout.contains("http://example.com/is_root"));
    assert!(r.stdout.contains("signature  not verified"));

    let j = jeton(&["jwt", "decode", A1_TOKEN, "--json"]).code(0).json();
    assert_eq!(j["header"], json!({"typ": "JWT", "alg": "HS256"}));
    assert_eq!(
        j["claims"],
        json!({"iss": "joe", "exp": 1300819380, "http://example.com/is_root": true})
    );
    assert_eq!(j["dates"]["exp"], "2011-03-22T18:43:00Z");
    assert_eq!(j["signature"], json!({"bytes": 32, "verified": false}));
    assert_eq!(j["problems"], json!([]));
}

#[test]
fn decode_reads_stdin_files_and_bearer_headers() {
    let from_stdin = jeton_stdin(
        &["jwt", "decode", "-", "--json"],
        format!("{A1_TOKEN}\n").as_bytes(),
    );
    let dir = temp_dir("decode");
    let path = dir.join("token");
    std::fs::write(&path, format!("Authorization: Bearer {A1_TOKEN}\r\n")).unwrap();
    let from_file = jeton(&["jwt", "decode", &format!("@{}", path.display()), "--json"]);
    assert_eq!(from_stdin.code(0).json(), from_file.code(0).json());
    assert_eq!(from_file.json()["claims"]["iss"], "joe");
}

#[test]
fn decode_refuses_what_is_not_a_jwt() {
    let r = jeton(&["jwt", "decode", "abc.def"]);
    r.code(1);
    assert!(r.stderr.contains("JwtMalformed"), "{}", r.stderr);
    // '+' is not base64url.
    let r = jeton(&["jwt", "decode", "eyJhbGciOiJIUzI1NiJ9+.e30.AA", "--json"]);
    r.code(1);
    assert_eq!(r.json()["error"]["check"], "JwtHeaderBase64");
    // A payload that is not JSON: the header is shown, then refused.
    let r = jeton(&["jwt", "decode", "eyJhbGciOiJIUzI1NiJ9.Zm9v.AA", "--json"]);
    r.code(1);
    assert_eq!(r.json()["payload"], "foo");
    assert_eq!(r.json()["problems"][0]["check"], "JwtPayloadInvalid");
    // alg none and a duplicate claim are shown as problems, not hidden.
    // {"alg":"none"} . {"a":1,"a":2} . "x"
    let r = jeton(&[
        "jwt",
        "decode",
        "eyJhbGciOiJub25lIn0.eyJhIjoxLCJhIjoyfQ.eA",
        "--json",
    ]);
    let checks: Vec<String> = r.code(0).json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| s(&p["check"]).to_owned())
        .collect();
    assert_eq!(checks, ["JwtPayloadDuplicate", "JwtAlgNone"]);
    assert_eq!(r.json()["claims"], json!({"a": 1, "a": 2}));
}

#[test]
fn verify_rfc7515_a1() {
    let r = jeton(&["jwt", "verify", A1_TOKEN, "--key", A1_KEY, "--now", A1_NOW]);
    r.code(0);
    assert!(r.stdout.starts_with("valid"), "{}", r.stdout);
    assert!(!r.stdout.contains("AyM1SysP"), "the key is never shown");

    let j = jeton(&[
        "jwt", "verify", A1_TOKEN, "--key", A1_KEY, "--now", A1_NOW, "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["valid"], true);
    assert_eq!(j["algorithm"], "HS256");
    assert_eq!(j["claims"]["iss"], "joe");

    // The same key in hex, from a file, from the environment.
    let hex = "hex:0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebfd3fb5a92d20647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3";
    jeton(&["jwt", "verify", A1_TOKEN, "--key", hex, "--now", A1_NOW]).code(0);
    let dir = temp_dir("a1");
    let key_file = dir.join("key");
    std::fs::write(&key_file, format!("{A1_KEY}\n")).unwrap();
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key-file",
        key_file.to_str().unwrap(),
        "--now",
        A1_NOW,
    ])
    .code(0);
    let raw_file = dir.join("raw");
    std::fs::write(&raw_file, hex_decode(&hex[4..])).unwrap();
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key-file",
        raw_file.to_str().unwrap(),
        "--now",
        A1_NOW,
    ])
    .code(0);
    let r = common::command(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key-env",
        "JETON_TEST_KEY",
        "--now",
        A1_NOW,
    ])
    .env("JETON_TEST_KEY", A1_KEY)
    .output()
    .unwrap();
    assert_eq!(r.status.code(), Some(0));
    // A key ring: the right key second.
    let r = jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        "hex:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "--key",
        A1_KEY,
        "--now",
        A1_NOW,
        "--json",
    ]);
    assert_eq!(r.code(0).json()["key_index"], 1);
}

fn hex_decode(h: &str) -> Vec<u8> {
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
        .collect()
}

/// Runs `jwt verify` on A.1 with extra arguments; returns the failed check.
fn a1_refusal(extra: &[&str]) -> (String, String) {
    let mut args = vec!["jwt", "verify", A1_TOKEN, "--key", A1_KEY];
    args.extend_from_slice(extra);
    args.push("--json");
    let r = jeton(&args);
    r.code(1);
    let j = r.json();
    assert_eq!(j["valid"], false);
    (
        s(&j["error"]["check"]).to_owned(),
        j["error"]["detail"].as_str().unwrap_or("").to_owned(),
    )
}

#[test]
fn verify_names_the_check_that_failed() {
    let (check, detail) = a1_refusal(&["--now", "1300819380"]);
    assert_eq!(check, "JwtExpired");
    assert_eq!(
        detail,
        "exp 2011-03-22T18:43:00Z is at now 2011-03-22T18:43:00Z (leeway 0s)"
    );
    // A leeway lets it pass.
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        A1_KEY,
        "--now",
        "1300819400",
        "--leeway",
        "1m",
    ])
    .code(0);
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        A1_KEY,
        "--now",
        "2030-01-01",
        "--allow-expired",
    ])
    .code(0);
    assert_eq!(
        a1_refusal(&["--now", A1_NOW, "--iss", "jane"]).0,
        "JwtIssuerInvalid"
    );
    jeton(&[
        "jwt", "verify", A1_TOKEN, "--key", A1_KEY, "--now", A1_NOW, "--iss", "jane", "--iss",
        "joe",
    ])
    .code(0);
    // An expected subject makes sub required; A.1 has none.
    let (check, detail) = a1_refusal(&["--now", A1_NOW, "--sub", "x"]);
    assert_eq!(
        (check.as_str(), detail.as_str()),
        ("JwtMissingClaim", "missing: sub (--require sets the list)")
    );
    let (check, detail) = a1_refusal(&["--now", A1_NOW, "--require", "exp,sub"]);
    assert_eq!(
        (check.as_str(), detail.as_str()),
        ("JwtMissingClaim", "missing: sub (--require sets the list)")
    );
    let (check, detail) = a1_refusal(&["--now", A1_NOW, "--alg", "HS512"]);
    assert_eq!(check, "JwtAlgMismatch");
    assert!(detail.contains("\"HS256\""), "{detail}");
    let (check, _) = a1_refusal(&["--now", A1_NOW, "--max-len", "100"]);
    assert_eq!(check, "JwtTooLong");
    let (check, detail) = a1_refusal(&["--now", A1_NOW, "--max-age", "1h"]);
    assert_eq!(check, "MaxAge");
    assert!(detail.contains("needs iat"), "{detail}");
    // A wrong key, a tampered signature, a tampered claim.
    let (check, _) = jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        "not the key, but long enough to be one",
        "--now",
        A1_NOW,
        "--json",
    ])
    .code(1)
    .json()["error"]["check"]
        .as_str()
        .map(|c| (c.to_owned(), ()))
        .unwrap();
    assert_eq!(check, "JwtSignatureMismatch");
    let tampered = A1_TOKEN.replace(".dBjftJeZ", ".dBjftJeY");
    assert_ne!(tampered, A1_TOKEN);
    let r = jeton(&["jwt", "verify", &tampered, "--key", A1_KEY, "--now", A1_NOW]);
    r.code(1);
    assert!(
        r.stderr
            .contains("JWT signature does not verify (JwtSignatureMismatch)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    // {"alg":"none"} . {"exp":9999999999} . "x"
    let none = "eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.eA";
    let r = jeton(&["jwt", "verify", none, "--key", A1_KEY, "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "JwtAlgNone");
    assert_eq!(r.json()["error"]["code"], -709);
}

#[test]
fn verify_usage_and_io_errors() {
    let r = jeton(&["jwt", "verify", A1_TOKEN]);
    r.code(2);
    assert!(r.stderr.contains("no key"), "{}", r.stderr);
    jeton(&["jwt", "verify", A1_TOKEN, "--key", "hex:abc"]).code(2);
    jeton(&["jwt", "verify", A1_TOKEN, "--key", ""]).code(2);
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        A1_KEY,
        "--require",
        "everything",
    ])
    .code(2);
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        A1_KEY,
        "--now",
        "tomorrow-ish",
    ])
    .code(2);
    // A secret is an HMAC key: RS256 takes an RSA key.
    let r = jeton(&["jwt", "verify", A1_TOKEN, "--key", A1_KEY, "--alg", "RS256"]);
    assert!(r.code(2).stderr.contains("RSA key"), "{}", r.stderr);
    jeton(&["jwt", "verify", A1_TOKEN, "--key", A1_KEY, "--alg", "HS257"]).code(2);
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key-env",
        "JETON_SURELY_UNSET_VARIABLE",
    ])
    .code(2);
    jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key-file",
        "/nonexistent/jeton/key",
    ])
    .code(3);
    jeton(&[
        "jwt",
        "verify",
        "@/nonexistent/jeton/token",
        "--key",
        A1_KEY,
    ])
    .code(3);
    // A PEM or JWK key is read as a key of its own family, never as an
    // HMAC secret: these are no keys at all.
    let r = jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key=-----BEGIN PUBLIC KEY-----",
    ]);
    assert!(r.code(2).stderr.contains("PemInvalid"), "{}", r.stderr);
    let r = jeton(&[
        "jwt",
        "verify",
        A1_TOKEN,
        "--key",
        r#"{"kty":"oct","k":"AA"}"#,
    ]);
    assert!(r.code(2).stderr.contains("RFC 7518"), "{}", r.stderr);
}

/// RFC 7518 section 3.2: an HS256 secret has 32 bytes at least. jwt.io's
/// example token is signed with the 19-byte `your-256-bit-secret`: refused
/// as a key, accepted with --legacy-short-secret (and a warning).
#[test]
fn short_secrets_are_legacy() {
    let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    let args = [
        "jwt",
        "verify",
        token,
        "--key",
        "your-256-bit-secret",
        "--require",
        "none",
    ];
    let r = jeton(&args);
    r.code(2);
    assert!(
        r.stderr.contains(
            "19 bytes, shorter than the 32 bytes RFC 7518 section 3.2 requires for HS256"
        ) && r.stderr.contains("--legacy-short-secret"),
        "{}",
        r.stderr
    );
    let mut legacy = args.to_vec();
    legacy.extend(["--legacy-short-secret", "--json"]);
    let r = jeton(&legacy);
    assert_eq!(r.code(0).json()["claims"]["name"], "John Doe");
    assert!(r.stderr.contains("warning:"), "{}", r.stderr);
    // Never an empty one, even so.
    jeton(&[
        "jwt",
        "verify",
        token,
        "--key",
        "text:",
        "--legacy-short-secret",
    ])
    .code(2);
    // The wrong short secret is a signature mismatch like any other.
    let r = jeton(&[
        "jwt",
        "verify",
        token,
        "--key",
        "your-255-bit-secret",
        "--require",
        "none",
        "--legacy-short-secret",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "JwtSignatureMismatch");
}

#[test]
fn secrets_are_never_echoed() {
    for key in ["hex:SECRETSECRET", "b64:SECRET!!", "-----BEGIN SECRET"] {
        let r = jeton(&["jwt", "verify", A1_TOKEN, &format!("--key={key}"), "--json"]);
        assert!(r.code != 0);
        assert!(
            !r.stdout.contains("SECRET") && !r.stderr.contains("SECRET"),
            "{key}: {r:?}"
        );
    }
    let r = jeton(&[
        "jwt",
        "sign",
        "--key",
        "SECRETSECRETSECRETSECRETSECRETSECRET",
        "--exp",
        "+1h",
        "--json",
    ]);
    assert!(!r.code(0).stdout.contains("SECRET"));
}

/// The validation a shape of `jwt-shapes.json` asks for, as options.
fn shape_options(shapes: &Value, shape: &str) -> Vec<String> {
    let shape = shapes["shapes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == shape)
        .unwrap();
    let mut args = Vec::new();
    if let Some(iss) = shape["validation"]["issuer"].as_str() {
        args.extend(["--iss".to_owned(), iss.to_owned()]);
    }
    if let Some(aud) = shape["validation"]["audience"].as_str() {
        args.extend(["--aud".to_owned(), aud.to_owned()]);
    }
    args
}

/// Every token a peer library signed verifies with the peer's key
/// exactly when the peer's own verifier accepted it, with the claims the
/// peer wrote; the refusals name the same kind of check.
#[test]
fn verifies_the_tokens_peers_signed() {
    let shapes = jwt_shapes();
    let now = shapes["now"].as_i64().unwrap().to_string();
    let mut counts = (0, 0);
    for file in ["npm-jwt.json", "pyjwt.json"] {
        let v = vectors(file);
        for t in v["tokens"].as_array().unwrap() {
            let alg = s(&t["alg"]);
            let key = shapes["keys"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["alg"] == alg)
                .unwrap();
            let secret = format!("text:{}", s(&key["secret"]));
            let mut args: Vec<String> = [
                "jwt",
                "verify",
                s(&t["token"]),
                "--key",
                &secret,
                "--alg",
                alg,
                "--kid",
                s(&key["kid"]),
                "--now",
                &now,
                "--json",
            ]
            .iter()
            .map(|a| a.to_string())
            .collect();
            args.extend(shape_options(&shapes, s(&t["shape"])));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let r = jeton(&args);
            let case = format!("{file} {} {} {alg}", t["lib"], t["shape"]);
            if t["accepted"].as_bool().unwrap() {
                r.code(0);
                assert_eq!(r.json()["claims"], t["claims"], "{case}");
                counts.0 += 1;
            } else {
                r.code(1);
                let check = r.json()["error"]["check"].as_str().unwrap().to_owned();
                let expected = match s(&t["shape"]) {
                    "expired" => "JwtExpired",
                    "not yet valid" => "JwtNotYetValid",
                    "wrong audience" => "JwtAudienceInvalid",
                    "wrong issuer" => "JwtIssuerInvalid",
                    other => panic!("{case}: shape {other}"),
                };
                assert_eq!(check, expected, "{case}");
                counts.1 += 1;
            }
        }
    }
    assert_eq!(counts, (63, 36), "(accepted, refused) over both files");
}

/// `jwt sign` writes, byte for byte, the tokens npm jose signed for the
/// shapes whose claims jose writes in jeton's order.
#[test]
fn signs_what_jose_signed() {
    let shapes = jwt_shapes();
    let v = vectors("npm-jwt.json");
    let mut same = 0;
    for t in v["tokens"].as_array().unwrap() {
        if t["lib"] != "jose" || !["minimal", "registered"].contains(&s(&t["shape"])) {
            continue;
        }
        let alg = s(&t["alg"]);
        let key = shapes["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["alg"] == alg)
            .unwrap();
        let secret = format!("text:{}", s(&key["secret"]));
        let claims = t["claims"].to_string();
        let r = jeton(&[
            "jwt",
            "sign",
            "--key",
            &secret,
            "--alg",
            alg,
            "--kid",
            s(&key["kid"]),
            "--no-iat",
            "--claims",
            &claims,
        ]);
        assert_eq!(
            r.code(0).stdout.trim_end(),
            s(&t["token"]),
            "{alg} {}",
            t["shape"]
        );
        same += 1;
    }
    assert_eq!(same, 6);
}

#[test]
fn sign_then_verify() {
    let key = "text:a secret of at least thirty-two bytes";
    let r = jeton(&[
        "jwt",
        "sign",
        "--key",
        key,
        "--iss",
        "https://auth.example.com",
        "--sub",
        "user-42",
        "--aud",
        "https://api.example.com",
        "--exp",
        "+1h",
        "--nbf",
        "-1m",
        "--jti",
        "random",
        "--claim",
        "role=admin",
        "--claim",
        "level:=3",
        "--claim",
        "tags:=[\"a\",\"b\"]",
        "--claim",
        "quote=say \"hi\"",
        "--now",
        "1700000000",
    ]);
    let token = r.code(0).stdout.trim_end().to_owned();
    assert_eq!(token.matches('.').count(), 2);
    let j = jeton(&[
        "jwt",
        "verify",
        &token,
        "--key",
        key,
        "--now",
        "1700000100",
        "--iss",
        "https://auth.example.com",
        "--aud",
        "https://api.example.com",
        "--require",
        "exp,iat,jti",
        "--max-age",
        "5m",
        "--json",
    ])
    .code(0)
    .json();
    let c = &j["claims"];
    assert_eq!(c["exp"], 1700003600);
    assert_eq!(c["nbf"], 1699999940);
    assert_eq!(c["iat"], 1700000000);
    assert_eq!(c["role"], "admin");
    assert_eq!(c["level"], 3);
    assert_eq!(c["tags"], json!(["a", "b"]));
    assert_eq!(c["quote"], "say \"hi\"");
    assert_eq!(s(&c["jti"]).len(), 22);
    // Before nbf, and too old for --max-age.
    let r = jeton(&[
        "jwt",
        "verify",
        &token,
        "--key",
        key,
        "--now",
        "1699999000",
        "--aud",
        "https://api.example.com",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "JwtNotYetValid");
    let r = jeton(&[
        "jwt",
        "verify",
        &token,
        "--key",
        key,
        "--now",
        "1700001000",
        "--aud",
        "https://api.example.com",
        "--max-age",
        "10m",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "MaxAge");
    // aud is refused unless named.
    let r = jeton(&[
        "jwt",
        "verify",
        &token,
        "--key",
        key,
        "--now",
        "1700000100",
        "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "JwtAudienceInvalid");
    jeton(&[
        "jwt",
        "verify",
        &token,
        "--key",
        key,
        "--now",
        "1700000100",
        "--any-aud",
    ])
    .code(0);

    // HS512 (a secret of 64 bytes at least), kid and no typ.
    let key = "text:a secret of at least sixty-four bytes, as RFC 7518 asks for HS512";
    let token = jeton(&[
        "jwt",
        "sign",
        "--key",
        key,
        "--alg",
        "HS512",
        "--kid",
        "2024",
        "--typ",
        "",
        "--exp",
        "2100-01-01T00:00:00Z",
    ])
    .code(0)
    .stdout
    .trim_end()
    .to_owned();
    let header = jeton(&["jwt", "decode", &token, "--json"]).code(0).json()["header"].clone();
    assert_eq!(header, json!({"alg": "HS512", "kid": "2024"}));
    // A kid is a hint (RFC 7515 section 4.1.4): a secret without one is
    // tried, and so is one that carries it.
    jeton(&["jwt", "verify", &token, "--key", key, "--alg", "HS512"]).code(0);
    jeton(&[
        "jwt", "verify", &token, "--key", key, "--alg", "HS512", "--kid", "2024",
    ])
    .code(0);
    // A key with another kid is not tried: the token names its key.
    let r = jeton(&[
        "jwt", "verify", &token, "--key", key, "--alg", "HS512", "--kid", "2023", "--json",
    ]);
    assert_eq!(r.code(1).json()["error"]["check"], "JwtKeyNotFound");
    let detail = s(&r.json()["error"]["detail"]).to_owned();
    assert!(
        detail.contains("kid \"2024\"") && detail.contains("kid \"2023\""),
        "{detail}"
    );
    // The secret is too short for HS512 unless named a legacy one.
    let short = "text:a secret of at least thirty-two bytes";
    let r = jeton(&["jwt", "sign", "--key", short, "--alg", "HS512"]);
    assert!(
        r.code(2).stderr.contains("--legacy-short-secret"),
        "{}",
        r.stderr
    );
}

/// Keys from the three options sign in command-line order: the first
/// given, of whatever kind, signs.
#[test]
fn keys_keep_their_command_line_order() {
    let (env_key, arg_key) = (
        "text:the key from the environment....",
        "text:the key from the argument.......",
    );
    let dir = temp_dir("order");
    let file = dir.join("key");
    std::fs::write(&file, "text:the key from the file...........").unwrap();
    let file = file.to_str().unwrap();
    let sign = |args: &[&str]| {
        let mut all = vec!["jwt", "sign", "--exp", "+1h"];
        all.extend_from_slice(args);
        let o = common::command(&all)
            .env("JETON_TEST_ORDER_KEY", env_key)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8(o.stdout).unwrap().trim_end().to_owned()
    };
    let verifies =
        |token: &str, key: &str| jeton(&["jwt", "verify", token, "--key", key]).code == 0;
    let t = sign(&["--key-env", "JETON_TEST_ORDER_KEY", "--key", arg_key]);
    assert!(verifies(&t, env_key) && !verifies(&t, arg_key));
    let t = sign(&["--key", arg_key, "--key-env", "JETON_TEST_ORDER_KEY"]);
    assert!(verifies(&t, arg_key) && !verifies(&t, env_key));
    let t = sign(&["--key-file", file, "--key", arg_key]);
    assert!(!verifies(&t, arg_key));
    assert_eq!(jeton(&["jwt", "verify", &t, "--key-file", file]).code, 0);
}

#[test]
fn sign_refuses_bad_claims() {
    let key = "text:a secret of at least thirty-two bytes";
    jeton(&["jwt", "sign", "--key", key, "--claim", "x:={"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--claim", "novalue"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--claim", "=v"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--claim", "exp=soon"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--claim", "aud:=[1]"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--claims", "[1]"]).code(2);
    jeton(&["jwt", "sign", "--key", key, "--exp", "whenever"]).code(2);
    jeton(&["jwt", "sign", "--exp", "+1h"]).code(2);
    // No exp: signed, with a warning.
    let r = jeton(&["jwt", "sign", "--key", key]);
    assert!(r.code(0).stderr.contains("no exp"), "{}", r.stderr);
    // --claims from stdin, registered claims in it routed to their place.
    let r = jeton_stdin(
        &[
            "jwt", "sign", "--key", key, "--claims", "-", "--no-iat", "--json",
        ],
        br#"{"sub":"s","exp":4102444800,"aud":["x"],"extra":{"n":1}}"#,
    );
    let claims = r.code(0).json()["claims"].clone();
    assert_eq!(
        claims,
        json!({"sub": "s", "aud": ["x"], "exp": 4102444800u64, "extra": {"n": 1}})
    );
}
