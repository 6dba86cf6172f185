//! `jeton oauth authorize-url` and `jeton oauth device`: offline checks
//! against RFC 7636's example, and the real thing against the test-owned
//! provider (npm oidc-provider, `scripts/oauth-provider.sh`): the provider
//! accepts the URL and the printed verifier, and the device command polls
//! to a token while the test approves the code as a user would. Without
//! `JETON_OAUTH_PROVIDER` those tests print a notice and check nothing.

mod common;

use common::{command, jeton, s};
use jeton::jwt::{JwtAlgorithm, KeySet};
use jeton::oauth::callback::{Callback, CallbackCheck};
use jeton::oauth::response::TokenResponse;
use jeton::oauth::token::{ClientAuth, TokenRequest};
use jeton::oauth::{
    AccessTokenValidation, IdTokenValidation, verify_access_token, verify_id_token,
};
use jeton_tests::oauth_provider::{Http, Landing, Provider, UserAgent, now, query_of};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// RFC 7636 appendix B's verifier and challenge.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// The query's pairs, decoded (by jeton's form reader).
fn pairs(url: &str) -> Vec<(String, String)> {
    jeton::oauth::form::pairs(query_of(url).as_bytes())
        .map(|p| {
            let text = |e: jeton::oauth::form::Encoded<'_>| {
                let mut out = vec![0u8; e.decoded_len()];
                let n = e.decode_into(&mut out).unwrap();
                String::from_utf8(out[..n].to_vec()).unwrap()
            };
            (text(p.name()), text(p.value()))
        })
        .collect()
}

#[test]
fn authorize_url_with_given_values() {
    let r = jeton(&[
        "oauth",
        "authorize-url",
        "--endpoint",
        "https://as.example/authorize?tenant=a%20b",
        "--client-id",
        "s6BhdRkqt3",
        "--redirect-uri",
        "https://client.example.org/cb",
        "--scope",
        "openid email",
        "--scope",
        "api:read",
        "--state",
        "af0ifjsldkj",
        "--nonce",
        "n-0S6_WzA2Mj",
        "--verifier",
        VERIFIER,
        "--resource",
        "https://rs.example/",
        "--prompt",
        "consent",
        "--login-hint",
        "jane@example.org",
        "--max-age",
        "5m",
        "--param",
        "ui_locales=fr-CA en",
        "--json",
    ]);
    let out = r.code(0).json();
    let url = s(&out["url"]);
    // The endpoint's own query is kept as it is (RFC 6749 section 3.1).
    assert!(
        url.starts_with("https://as.example/authorize?tenant=a%20b&"),
        "{url}"
    );
    let expected: Vec<(String, String)> = [
        ("tenant", "a b"),
        ("response_type", "code"),
        ("client_id", "s6BhdRkqt3"),
        ("redirect_uri", "https://client.example.org/cb"),
        ("scope", "openid email api:read"),
        ("state", "af0ifjsldkj"),
        ("nonce", "n-0S6_WzA2Mj"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
        ("prompt", "consent"),
        ("login_hint", "jane@example.org"),
        ("max_age", "300"),
        ("resource", "https://rs.example/"),
        ("ui_locales", "fr-CA en"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(pairs(url), expected);
    assert_eq!(out["state"], "af0ifjsldkj");
    assert_eq!(out["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(out["code_verifier"], VERIFIER);
    assert_eq!(out["code_challenge"], CHALLENGE);
}

#[test]
fn authorize_url_generates_state_nonce_and_verifier() {
    let run = |scope: &str| {
        jeton(&[
            "oauth",
            "authorize-url",
            "--endpoint",
            "https://as.example/authorize",
            "--client-id",
            "app",
            "--redirect-uri",
            "http://127.0.0.1:8080/cb",
            "--scope",
            scope,
            "--json",
        ])
        .code(0)
        .json()
    };
    let a = run("openid");
    let b = run("openid");
    for member in ["state", "nonce", "code_verifier"] {
        assert_eq!(s(&a[member]).len(), 43, "{member}: 256 bits in base64url");
        assert_ne!(a[member], b[member], "{member}: random");
    }
    // Its challenge, as `jeton pkce` computes it.
    let pkce = jeton(&["pkce", "--verifier", s(&a["code_verifier"]), "--json"]).json();
    assert_eq!(a["code_challenge"], pkce["code_challenge"]);
    // A base64url value may start with '-': it is a value, not an option.
    let dash = "-BjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let pkce = jeton(&["pkce", "--verifier", dash, "--json"])
        .code(0)
        .json();
    assert_eq!(pkce["code_verifier"], dash);
    let url = jeton(&[
        "oauth",
        "authorize-url",
        "--endpoint",
        "https://as.example/authorize",
        "--client-id",
        "app",
        "--redirect-uri",
        "https://app.example/cb",
        "--state",
        "-state",
        "--verifier",
        dash,
        "--json",
    ])
    .code(0)
    .json();
    assert_eq!(url["state"], "-state");
    assert_eq!(url["code_challenge"], pkce["code_challenge"]);
    // No openid scope: no nonce.
    let plain = run("read");
    assert_eq!(plain["nonce"], Value::Null);
    assert!(!s(&plain["url"]).contains("nonce="));
    // Text: one labelled line each.
    let text = jeton(&[
        "oauth",
        "authorize-url",
        "--endpoint",
        "https://as.example/authorize",
        "--client-id",
        "app",
        "--redirect-uri",
        "https://app.example/cb",
        "--verifier",
        VERIFIER,
        "--no-nonce",
        "--scope",
        "openid",
    ]);
    let lines: Vec<&str> = text.code(0).stdout.lines().collect();
    assert!(lines[0].starts_with("url "), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("code_verifier ") && l.ends_with(VERIFIER))
    );
    assert!(!text.stdout.contains("nonce"));
}

#[test]
fn authorize_url_refusals() {
    let base = [
        "oauth",
        "authorize-url",
        "--client-id",
        "app",
        "--json",
        "--endpoint",
    ];
    let check = |extra: &[&str], code: i32, name: &str| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        let r = jeton(&args);
        r.code(code);
        if code == 1 {
            assert_eq!(r.json()["error"]["check"], name, "{extra:?}");
        }
    };
    let ok = "https://app.example/cb";
    check(
        &["https://as.example/a#frag", "--redirect-uri", ok],
        1,
        "OauthEndpointInvalid",
    );
    check(
        &["https://as.example/a", "--redirect-uri", "/cb"],
        1,
        "OauthParameterInvalid",
    );
    check(
        &[
            "https://as.example/a",
            "--redirect-uri",
            ok,
            "--verifier",
            "short",
        ],
        1,
        "PkceVerifierInvalid",
    );
    check(
        &[
            "https://as.example/a",
            "--redirect-uri",
            ok,
            "--scope",
            "a\"b",
        ],
        1,
        "OauthParameterInvalid",
    );
    check(
        &[
            "https://as.example/a",
            "--redirect-uri",
            ok,
            "--param",
            "state=x",
        ],
        1,
        "OauthDuplicateParameter",
    );
    check(
        &[
            "https://as.example/a",
            "--redirect-uri",
            ok,
            "--param",
            "novalue",
        ],
        2,
        "",
    );
    check(
        &[
            "https://as.example/a",
            "--redirect-uri",
            ok,
            "--max-age",
            "soon",
        ],
        2,
        "",
    );
}

#[test]
fn device_refuses_plain_http_elsewhere_and_reports_unreachable_servers() {
    let r = jeton(&[
        "oauth",
        "device",
        "--device-endpoint",
        "http://as.example/device",
        "--token-endpoint",
        "https://as.example/token",
        "--client-id",
        "tv",
    ]);
    assert!(r.code(2).stderr.contains("loopback"), "{}", r.stderr);
    jeton(&["oauth", "device", "--client-id", "tv"]).code(2);
    jeton(&[
        "oauth",
        "device",
        "--issuer",
        "https://as.example",
        "--device-endpoint",
        "https://as.example/device",
        "--token-endpoint",
        "https://as.example/token",
        "--client-id",
        "tv",
    ])
    .code(2);
    // Nothing listens on port 1 of 127.0.0.1.
    let r = jeton(&[
        "oauth",
        "device",
        "--device-endpoint",
        "http://127.0.0.1:1/device",
        "--token-endpoint",
        "http://127.0.0.1:1/token",
        "--client-id",
        "tv",
        "--timeout",
        "5s",
    ]);
    assert!(r.code(3).stderr.contains("cannot reach"), "{}", r.stderr);
}

/// The provider's JWKS, read by jeton.
fn provider_keys(p: &Provider) -> KeySet<4> {
    let jwks = Http::new().get(&p.url("/jwks"), &[]);
    let mut keys = KeySet::new();
    keys.replace_from_jwks(&jwks.body).unwrap();
    keys
}

/// The provider accepts the URL the command prints, and the code redeems
/// with the verifier it prints; the ID token carries its nonce.
#[test]
fn authorize_url_is_accepted_by_the_provider() {
    let Some(p) = Provider::or_skip("authorize_url_is_accepted_by_the_provider") else {
        return;
    };
    let out = jeton(&[
        "oauth",
        "authorize-url",
        "--endpoint",
        &p.url("/auth"),
        "--client-id",
        &p.public_client_id,
        "--redirect-uri",
        &p.redirect_uri,
        "--scope",
        "openid",
        "--json",
    ])
    .code(0)
    .json();
    let mut browser = UserAgent::new(&p, "bob");
    let Landing::Redirect(callback) = browser.walk(s(&out["url"])) else {
        panic!("no redirect back");
    };
    let callback = Callback::parse(
        query_of(&callback).as_bytes(),
        &CallbackCheck::new(&p.issuer),
    )
    .unwrap();
    assert!(
        callback
            .state()
            .unwrap()
            .eq_bytes(s(&out["state"]).as_bytes())
    );
    let code = callback.code().unwrap();
    let code = std::str::from_utf8(code.as_plain().unwrap()).unwrap();
    let request = TokenRequest::authorization_code(code, &p.redirect_uri, s(&out["code_verifier"]));
    let mut body = [0u8; 1024];
    let auth = ClientAuth::None {
        client_id: &p.public_client_id,
    };
    let n = request.write_body(&auth, &mut body).unwrap();
    let answer = Http::new().post_form(&p.url("/token"), &[], &body[..n]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let tokens = TokenResponse::parse(&answer.body).unwrap();
    let id_token = tokens.id_token().unwrap().as_plain().unwrap();
    let v = IdTokenValidation::new(now(), &p.issuer, &p.public_client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(s(&out["nonce"]).as_bytes());
    let mut buf = vec![0u8; id_token.len()];
    verify_id_token(id_token.as_bytes(), &provider_keys(&p), &v, &mut buf).unwrap();
}

/// `jeton oauth device ... --json` running in the background: its first
/// line on stderr (the user code), then its exit.
struct DeviceRun {
    child: std::process::Child,
    stderr: BufReader<std::process::ChildStderr>,
}

impl DeviceRun {
    fn start(args: &[&str]) -> DeviceRun {
        let mut child = command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        DeviceRun { child, stderr }
    }

    /// The JSON line the command prints before it polls.
    fn user_code_line(&mut self) -> Value {
        let mut line = String::new();
        self.stderr.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"))
    }

    /// Waits (60 s at most, then kills it) and returns the exit code,
    /// stdout and the rest of stderr.
    fn finish(mut self) -> (i32, String, String) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                self.child.kill().unwrap();
                panic!("jeton oauth device did not finish within 60 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let mut stdout = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let mut stderr = String::new();
        self.stderr.read_to_string(&mut stderr).unwrap();
        (status.code().unwrap_or(-1), stdout, stderr)
    }
}

/// The device flow from the shell: discovery, the user code, polling
/// while the user approves on the provider, the tokens on stdout.
#[test]
fn device_flow_to_a_token_against_the_provider() {
    let Some(p) = Provider::or_skip("device_flow_to_a_token_against_the_provider") else {
        return;
    };
    let mut run = DeviceRun::start(&[
        "oauth",
        "device",
        "--issuer",
        &p.issuer,
        "--client-id",
        &p.public_client_id,
        "--scope",
        "openid api:read",
        "--resource",
        &p.resource,
        "--json",
    ]);
    let started = run.user_code_line();
    assert_eq!(started["verification_uri"], p.url("/device"));
    assert_eq!(started["interval"], 1);
    let user_code = s(&started["user_code"]).to_owned();
    // The command polls (authorization_pending) while the user gets there.
    std::thread::sleep(Duration::from_secs(2));
    UserAgent::new(&p, "carol").approve_device(&user_code);
    let (code, stdout, stderr) = run.finish();
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let tokens: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    let keys = provider_keys(&p);
    let access_token = s(&tokens["access_token"]);
    let mut buf = vec![0u8; access_token.len()];
    let rs = AccessTokenValidation::new(now(), &p.issuer, &p.resource).scopes(&["api:read"]);
    let at = verify_access_token(access_token.as_bytes(), &keys, &rs, &mut buf).unwrap();
    assert!(at.subject().eq_bytes(b"carol"));
    let id_token = s(&tokens["id_token"]);
    let mut buf = vec![0u8; id_token.len()];
    let v = IdTokenValidation::new(now(), &p.issuer, &p.public_client_id)
        .algorithms(&[JwtAlgorithm::ES256]);
    verify_id_token(id_token.as_bytes(), &keys, &v, &mut buf).unwrap();
    assert!(tokens["expires_at"].as_i64().unwrap() > now());
}

/// The user declines: exit 1, naming OauthAccessDenied.
#[test]
fn device_flow_declined_against_the_provider() {
    let Some(p) = Provider::or_skip("device_flow_declined_against_the_provider") else {
        return;
    };
    let mut run = DeviceRun::start(&[
        "oauth",
        "device",
        "--device-endpoint",
        &p.url("/device/auth"),
        "--token-endpoint",
        &p.url("/token"),
        "--client-id",
        &p.public_client_id,
        "--scope",
        "openid",
        "--json",
    ]);
    let user_code = s(&run.user_code_line()["user_code"]).to_owned();
    UserAgent::new(&p, "dave").deny_device(&user_code);
    let (code, stdout, stderr) = run.finish();
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(out["error"]["check"], "OauthAccessDenied", "{out}");
}

/// A client the provider does not allow the device grant (the
/// confidential one, authenticated with its secret from the environment):
/// the provider's refusal, named.
#[test]
fn device_flow_refused_by_the_provider() {
    let Some(p) = Provider::or_skip("device_flow_refused_by_the_provider") else {
        return;
    };
    let r = command(&[
        "oauth",
        "device",
        "--issuer",
        &p.issuer,
        "--client-id",
        &p.client_id,
        "--client-secret-env",
        "JETON_TEST_CLIENT_SECRET",
        "--scope",
        "openid",
    ])
    .env("JETON_TEST_CLIENT_SECRET", &p.client_secret)
    .stdin(Stdio::null())
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("(OauthServerError)"), "{stderr}");
    // The server's own error, shown (oidc-provider says invalid_request).
    assert!(
        stderr.contains("HTTP 400, error invalid_request"),
        "{stderr}"
    );
    // The secret is never shown.
    assert!(!stderr.contains(&p.client_secret));
}
