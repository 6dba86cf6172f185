//! The rest: help and exit codes, `--json` and colour, `basic`, `bearer`
//! (RFC 7617 and RFC 6750 examples), `pkce` (RFC 7636 appendix B),
//! `session-id`, `keygen`, completions and the man page.

mod common;

use common::{command, jeton, jeton_stdin, s};
use serde_json::json;

const SUBCOMMANDS: [&[&str]; 20] = [
    &["jwt", "decode"],
    &["jwt", "verify"],
    &["jwt", "sign"],
    &["cookie", "parse"],
    &["set-cookie", "build"],
    &["set-cookie", "parse"],
    &["keygrip", "sign"],
    &["keygrip", "verify"],
    &["cookie-signature", "sign"],
    &["cookie-signature", "unsign"],
    &["basic", "encode"],
    &["basic", "decode"],
    &["bearer", "parse"],
    &["bearer", "format"],
    &["pkce"],
    &["oauth", "authorize-url"],
    &["oauth", "device"],
    &["session-id"],
    &["keygen", "hmac"],
    &["completions"],
];

#[test]
fn help_lists_every_command_and_the_exit_codes() {
    let r = jeton(&["--help"]);
    r.code(0);
    for cmd in SUBCOMMANDS {
        if cmd[0] != "completions" {
            assert!(
                r.stdout.contains(&format!("\n  {} ", cmd[0])),
                "{cmd:?} in\n{}",
                r.stdout
            );
        }
        let mut args = cmd.to_vec();
        args.push("--help");
        let h = jeton(&args);
        assert!(h.code(0).stdout.contains("Usage: jeton"), "{cmd:?}");
    }
    for line in [
        "0  valid",
        "1  invalid",
        "2  usage error",
        "3  I/O error",
        "NO_COLOR",
    ] {
        assert!(r.stdout.contains(line), "{line}");
    }
    assert!(jeton(&["--version"]).code(0).stdout.starts_with("jeton 0."));
}

#[test]
fn usage_errors_exit_2() {
    jeton(&[]).code(2);
    jeton(&["frobnicate"]).code(2);
    jeton(&["jwt"]).code(2);
    jeton(&["jwt", "decode"]).code(2);
    jeton(&[
        "jwt",
        "verify",
        "x",
        "--aud",
        "a",
        "--any-aud",
        "--key",
        "k",
    ])
    .code(2);
    jeton(&["pkce", "--challenge", "x"]).code(2);
    // stdin once only.
    jeton_stdin(&["keygrip", "verify", "-", "-", "--key", "k"], b"a=1").code(2);
}

/// Every subcommand prints one JSON document with --json.
#[test]
fn json_everywhere() {
    let key = "text:a secret of at least thirty-two bytes";
    let token = jeton(&["jwt", "sign", "--key", key, "--exp", "+1h"])
        .code(0)
        .stdout
        .trim_end()
        .to_owned();
    let runs: [&[&str]; 18] = [
        &["jwt", "decode", &token],
        &["jwt", "verify", &token, "--key", key],
        &["jwt", "sign", "--key", key, "--exp", "+1h"],
        &["cookie", "parse", "a=1"],
        &["set-cookie", "build", "a", "1"],
        &["set-cookie", "parse", "a=1"],
        &["keygrip", "sign", "a=1", "--key", "k"],
        &[
            "keygrip",
            "verify",
            "a=1",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--key",
            "k",
        ],
        &["cookie-signature", "sign", "v", "--key", "k"],
        &[
            "cookie-signature",
            "unsign",
            "v.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--key",
            "k",
        ],
        &["basic", "encode", "u", "p"],
        &["basic", "decode", "Basic dTpw"],
        &["bearer", "parse", "Bearer abc"],
        &["bearer", "format", "abc"],
        &["pkce"],
        &["session-id"],
        &["keygen", "hmac"],
        &[
            "oauth",
            "authorize-url",
            "--endpoint",
            "https://as.example/authorize",
            "--client-id",
            "app",
            "--redirect-uri",
            "https://app.example/cb",
        ],
    ];
    for args in runs {
        let mut all = args.to_vec();
        all.push("--json");
        let r = jeton(&all);
        assert!(r.code == 0 || r.code == 1, "{args:?}: {r:?}");
        let j = r.json();
        assert!(j.is_object(), "{args:?}");
        if r.code == 1 {
            assert!(j["error"]["check"].is_string(), "{args:?}");
        }
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["set-cookie", "parse", "a=1; SameSite=None"];
    let piped = jeton(&args);
    assert!(!piped.stdout.contains('\x1b'), "piped output is plain");
    let mut forced = args.to_vec();
    forced.extend(["--color", "always"]);
    assert!(jeton(&forced).stdout.contains("\x1b[1;31m"));
    let o = command(&["set-cookie", "parse", "a=1", "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(o.stdout).unwrap().contains('\x1b'));
    forced.extend(["--json"]);
    let j = jeton(&forced);
    assert!(!j.stdout.contains('\x1b'), "JSON is never coloured");
}

#[test]
fn basic_rfc7617() {
    // Section 2.
    let r = jeton(&["basic", "encode", "Aladdin", "open sesame"]);
    assert_eq!(r.code(0).stdout, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n");
    let j = jeton(&[
        "basic",
        "decode",
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(
        j,
        json!({"user": "Aladdin", "password": "open sesame", "utf8": true})
    );
    // Section 2.1: user "test", password "123£" in UTF-8.
    let r = jeton(&["basic", "encode", "test", "123\u{a3}"]);
    assert_eq!(r.code(0).stdout, "Basic dGVzdDoxMjPCow==\n");
    let r = jeton(&["basic", "decode", "Basic dGVzdDoxMjPCow=="]);
    assert!(r.code(0).stdout.contains("123\u{a3}"));
    // The password from stdin.
    let r = jeton_stdin(&["basic", "encode", "Aladdin", "-"], b"open sesame\n");
    assert_eq!(r.code(0).stdout, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n");
    let r = jeton(&["basic", "encode", "a:b", "p", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "AuthUserHasColon");
    let r = jeton(&["basic", "decode", "Basic !!!!", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "AuthMalformed");
    let r = jeton(&["basic", "decode", "Bearer abc", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "AuthSchemeMismatch");
}

#[test]
fn bearer_rfc6750() {
    // Section 2.1.
    let r = jeton(&["bearer", "parse", "Authorization: Bearer mF_9.B5f-4.1JqM"]);
    assert_eq!(r.code(0).stdout, "mF_9.B5f-4.1JqM\n");
    let r = jeton(&["bearer", "format", "mF_9.B5f-4.1JqM"]);
    assert_eq!(r.code(0).stdout, "Bearer mF_9.B5f-4.1JqM\n");
    let r = jeton(&["bearer", "parse", "Bearer a b", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "AuthMalformed");
    jeton(&["bearer", "format", "a b"]).code(1);
}

#[test]
fn pkce_rfc7636_appendix_b() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let j = jeton(&["pkce", "--verifier", verifier, "--json"])
        .code(0)
        .json();
    assert_eq!(
        j,
        json!({"code_verifier": verifier, "code_challenge": challenge, "code_challenge_method": "S256"})
    );
    let j = jeton(&[
        "pkce",
        "--verifier",
        verifier,
        "--challenge",
        challenge,
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(j["matches"], true);
    let r = jeton(&[
        "pkce",
        "--verifier",
        verifier,
        "--challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN",
    ]);
    assert!(r.code(1).stdout.contains("does not give"));
    let r = jeton(&["pkce", "--verifier", "short", "--json"]);
    assert_eq!(r.code(1).json()["error"]["check"], "PkceVerifierInvalid");
    // A new verifier: 43 characters, its challenge the one --verifier gives.
    let j = jeton(&["pkce", "--json"]).code(0).json();
    let fresh = s(&j["code_verifier"]).to_owned();
    assert_eq!(fresh.len(), 43);
    assert_ne!(
        fresh,
        s(&jeton(&["pkce", "--json"]).json()["code_verifier"])
    );
    let again = jeton(&["pkce", "--verifier", &fresh, "--json"])
        .code(0)
        .json();
    assert_eq!(again["code_challenge"], j["code_challenge"]);
}

#[test]
fn session_ids() {
    let a = jeton(&["session-id"]).code(0).stdout.trim_end().to_owned();
    let b = jeton(&["session-id"]).code(0).stdout.trim_end().to_owned();
    assert_eq!(a.len(), 43);
    assert_ne!(a, b);
    assert!(
        a.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    );
    jeton(&["session-id", "--check", &a]).code(0);
    let r = jeton(&["session-id", "--check", "not/an+id", "--json"]);
    assert_eq!(r.code(1).json(), json!({"well_formed": false}));
    jeton(&["session-id", "--check", "AAAAAAAAAAAAAAAAAAAAAB"]).code(1);
}

#[test]
fn keygen_hmac_makes_usable_keys() {
    let key = jeton(&["keygen", "hmac"])
        .code(0)
        .stdout
        .trim_end()
        .to_owned();
    assert!(key.starts_with("hex:") && key.len() == 4 + 64, "{key}");
    let j = jeton(&["keygen", "hmac", "--alg", "HS512", "--json"])
        .code(0)
        .json();
    assert_eq!(j["bytes"], 64);
    assert_eq!(s(&j["hex"]).len(), 128);
    assert_eq!(j["jwk"]["kty"], "oct");
    assert_eq!(j["jwk"]["alg"], "HS512");
    assert_eq!(s(&j["jwk"]["k"]).len(), 86);
    // Each printed form is the same key to --key.
    let token = jeton(&[
        "jwt",
        "sign",
        "--key",
        s(&j["key"]),
        "--alg",
        "HS512",
        "--exp",
        "+1h",
    ])
    .code(0)
    .stdout
    .trim_end()
    .to_owned();
    for form in [
        format!("b64:{}", s(&j["base64"])),
        format!("base64url:{}", s(&j["base64url"])),
    ] {
        jeton(&["jwt", "verify", &token, "--key", &form, "--alg", "HS512"]).code(0);
    }
    let b64 = jeton(&["keygen", "hmac", "--encoding", "base64", "--bare"])
        .code(0)
        .stdout
        .clone();
    assert_eq!(b64.trim_end().len(), 44);
    let jwk: serde_json::Value = serde_json::from_str(
        &jeton(&["keygen", "hmac", "--jwk", "--kid", "k1"])
            .code(0)
            .stdout,
    )
    .unwrap();
    assert_eq!(jwk["kid"], "k1");
    jeton(&["keygen", "hmac", "--bytes", "8"]).code(2);
    jeton(&["keygen", "hmac", "--kid", "k1"]).code(2);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = jeton(&["completions", shell]);
        assert!(r.code(0).stdout.contains("set-cookie"), "{shell}");
    }
    let r = jeton(&["man"]);
    assert!(r.code(0).stdout.contains(".TH jeton"));
    assert!(r.stdout.contains("cookie\\-signature"));
    // Hidden from the command list, mentioned after it.
    let help = jeton(&["--help"]).stdout;
    assert!(!help.contains("\n  completions"));
    assert!(help.contains("jeton completions bash"));
}
