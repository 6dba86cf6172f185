//! "Sign in with the local provider" and `/api/oauth/me`, over HTTP,
//! against the real provider: npm oidc-provider on 127.0.0.1, started by
//! `scripts/demo-tests.sh` (through `scripts/oauth-provider.sh`). Without
//! `JETON_OAUTH_PROVIDER` each test prints a notice and checks nothing;
//! the script always sets it.
//!
//! Each test starts its own demo on a free port of 127.0.0.1, configured
//! with the provider's demo client, on the system clock (the provider's
//! tokens carry real times). A user agent (the end-to-end suite's, in
//! `jeton-tests`) signs in and consents on the provider's pages; the
//! test carries the demo's cookies itself.
//!
//! What is refused is asserted with the `jeton::Error` that names the
//! check: on the sign-in's page (`#error`), in the API's JSON (`check`).

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use jeton::asym::ecdsa::P256SigningKey;
use jeton::jwt::JwtKey;
use jeton::oauth::response::{TokenResponse, TokenType};
use jeton::oauth::token::{ClientAuth, TokenRequest};
use jeton::oauth::{DpopProof, Metadata, Profile};
use jeton_demo::app::os_entropy;
use jeton_demo::provider::OauthConfig;
use jeton_demo::{App, Clock, Config, CookiePolicy};
use jeton_tests::oauth_provider::{Http, Landing, Provider, Response, UserAgent, now, query_of};

/// The user who signs in on the provider's pages.
const USER: &str = "alice";

struct Demo {
    addr: SocketAddr,
    provider: Provider,
    /// The resource indicator the demo's API answers as.
    resource: String,
    http: Http,
    cookies: CookiePolicy,
}

impl Demo {
    /// A demo with the provider's demo client, or `None` (after a notice)
    /// when no provider runs.
    fn start(test: &str) -> Option<Demo> {
        Demo::start_with(test, CookiePolicy::HostPrefixed)
    }

    fn start_with(test: &str, cookies: CookiePolicy) -> Option<Demo> {
        let Some(provider) = Provider::from_env() else {
            println!(
                "SKIPPED {test}: JETON_OAUTH_PROVIDER is not set (scripts/demo-tests.sh starts \
                 the provider and sets it)"
            );
            return None;
        };
        let var = |name: &str| {
            std::env::var(name)
                .unwrap_or_else(|_| panic!("JETON_OAUTH_PROVIDER is set but {name} is not"))
        };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let resource = format!("http://localhost:{}/api", addr.port());
        let config = Config {
            oauth: Some(OauthConfig {
                issuer: provider.issuer.clone(),
                client_id: var("JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID"),
                client_secret: var("JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET"),
                resource: resource.clone(),
            }),
            cookie: cookies,
            ..Config::default()
        };
        let app = Arc::new(App::new(config, Clock::System).unwrap());
        std::thread::spawn(move || jeton_demo::serve(listener, app));
        Some(Demo {
            addr,
            provider,
            resource,
            http: Http::new(),
            cookies,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn get(&self, path_or_url: &str, headers: &[(&str, &str)]) -> Response {
        let url = if path_or_url.starts_with('/') {
            self.url(path_or_url)
        } else {
            path_or_url.to_owned()
        };
        self.http.get(&url, headers)
    }

    /// Clicks "Sign in with the local provider": the authorization URL
    /// and the binding cookie (`name=value`).
    fn start_sign_in(&self) -> (String, String) {
        let start = self.get("/oauth/start", &[("sec-fetch-site", "same-origin")]);
        assert_eq!(start.status, 303, "{}", start.text());
        let location = start.header("location").unwrap().to_owned();
        let set_cookie = start.header("set-cookie").unwrap();
        let (binding, attributes) = set_cookie.split_once("; ").unwrap();
        let (name, secure) = match self.cookies {
            CookiePolicy::HostPrefixed => ("__Host-jeton-oauth=", "Secure; "),
            CookiePolicy::Plain => ("jeton-oauth=", ""),
        };
        assert!(binding.starts_with(name), "{set_cookie}");
        assert_eq!(
            attributes,
            format!("Path=/; Max-Age=600; {secure}HttpOnly; SameSite=Lax")
        );
        (location, binding.to_owned())
    }

    /// Signs `USER` in at the provider from `authorization_url`: where
    /// the provider sends the browser back.
    fn at_provider(&self, authorization_url: &str) -> String {
        let mut browser = UserAgent::new(&self.provider, USER);
        let Landing::Redirect(callback) = browser.walk(authorization_url) else {
            panic!("the provider did not send the browser back");
        };
        assert!(
            callback.starts_with(&format!("{}?", self.url("/oauth/callback"))),
            "{callback}"
        );
        callback
    }

    /// The callback, as the browser that holds `binding` follows it.
    fn back(&self, callback: &str, binding: &str) -> Response {
        let cookie = format!("theme=dark; {binding}");
        let headers: Vec<(&str, &str)> = if binding.is_empty() {
            vec![]
        } else {
            vec![("cookie", cookie.as_str())]
        };
        self.get(callback, &headers)
    }

    /// The provider's token endpoint, read by jeton from its metadata.
    fn token_endpoint(&self) -> String {
        let doc = self
            .http
            .get(&self.provider.url("/.well-known/openid-configuration"), &[]);
        let meta = Metadata::parse(&doc.body, &self.provider.issuer, Profile::OpenId).unwrap();
        let endpoint = meta.token_endpoint().unwrap();
        String::from_utf8(endpoint.bytes().collect()).unwrap()
    }

    /// An access token of the confidential client (client credentials)
    /// for `resource` with `scope`, bound to `dpop_key` when given.
    fn access_token(&self, resource: &str, scope: &str, dpop_key: Option<&JwtKey>) -> String {
        let token_endpoint = self.token_endpoint();
        let auth = ClientAuth::SecretBasic {
            client_id: &self.provider.client_id,
            client_secret: &self.provider.client_secret,
        };
        let (scopes, resources) = ([scope], [resource]);
        let request = TokenRequest::client_credentials()
            .scope(&scopes)
            .resource(&resources);
        let mut body = [0u8; 1024];
        let n = request.write_body(&auth, &mut body).unwrap();
        let mut basic = [0u8; 256];
        let b = auth.write_authorization(&mut basic).unwrap().unwrap();
        let basic = std::str::from_utf8(&basic[..b]).unwrap();
        let proof = dpop_key.map(|key| proof(key, "POST", &token_endpoint, None));
        let mut headers = vec![("authorization", basic)];
        if let Some(proof) = &proof {
            headers.push(("dpop", proof.as_str()));
        }
        let answer = self.http.post_form(&token_endpoint, &headers, &body[..n]);
        assert_eq!(answer.status, 200, "{}", answer.text());
        let tokens = TokenResponse::parse(&answer.body).unwrap();
        let expected = if dpop_key.is_some() {
            TokenType::Dpop
        } else {
            TokenType::Bearer
        };
        assert_eq!(tokens.token_type(), expected);
        String::from_utf8(tokens.access_token().bytes().collect()).unwrap()
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    os_entropy(&mut out).unwrap();
    out
}

/// A client's DPoP key.
fn dpop_key() -> JwtKey {
    JwtKey::es256_signing(P256SigningKey::from_bytes(&random::<32>()).unwrap())
}

/// A DPoP proof by `key` for `method` `url`, for `access_token` if given.
fn proof(key: &JwtKey, method: &str, url: &str, access_token: Option<&str>) -> String {
    let entropy = random::<16>();
    let mut claims = DpopProof::new(method, url, now(), &entropy);
    if let Some(token) = access_token {
        claims = claims.access_token(token.as_bytes());
    }
    let mut out = [0u8; 1024];
    let n = claims.write(key, &mut out).unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// The URL with query parameter `name` set to `value` (already encoded).
fn with_param(url: &str, name: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').unwrap();
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((n, _)) if n == name => format!("{name}={value}"),
            _ => pair.to_owned(),
        })
        .collect();
    assert!(
        query.iter().any(|p| p.starts_with(&format!("{name}="))),
        "{url}"
    );
    format!("{base}?{}", query.join("&"))
}

/// The value of query parameter `name` (still encoded).
fn param<'u>(url: &'u str, name: &str) -> &'u str {
    query_of(url)
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {url}"))
}

/// The check a refused sign-in names on its page.
fn check_named(page: &Response) -> String {
    let text = page.text();
    let start = text
        .find("<code id=\"error\">")
        .unwrap_or_else(|| panic!("no #error on the page: {text}"))
        + 17;
    text[start..start + text[start..].find('<').unwrap()].to_owned()
}

/// The `check` member of the API's JSON refusal.
fn json_check(answer: &Response) -> String {
    let text = answer.text();
    let start = text
        .find("\"check\":\"")
        .unwrap_or_else(|| panic!("no check in {text}"))
        + 9;
    text[start..start + text[start..].find('"').unwrap()].to_owned()
}

#[test]
fn signs_in_through_the_provider() {
    let Some(demo) = Demo::start("signs_in_through_the_provider") else {
        return;
    };
    let home = demo.get("/", &[]);
    assert!(home.text().contains("id=\"provider-login\""), "the button");

    let (authorization_url, binding) = demo.start_sign_in();
    // The authorization request: this client, PKCE S256, a state and a
    // nonce, back to this host and port.
    assert!(
        authorization_url.starts_with(&format!("{}/auth?", demo.provider.issuer)),
        "{authorization_url}"
    );
    assert_eq!(param(&authorization_url, "client_id"), "jeton-demo");
    assert_eq!(param(&authorization_url, "response_type"), "code");
    assert_eq!(param(&authorization_url, "scope"), "openid+profile+email");
    assert_eq!(param(&authorization_url, "code_challenge_method"), "S256");
    assert_eq!(param(&authorization_url, "code_challenge").len(), 43);
    assert_eq!(param(&authorization_url, "nonce").len(), 43);
    assert_eq!(
        param(&authorization_url, "redirect_uri"),
        format!(
            "http%3A%2F%2F127.0.0.1%3A{}%2Foauth%2Fcallback",
            demo.addr.port()
        )
    );
    let callback = demo.at_provider(&authorization_url);
    assert_eq!(
        param(&callback, "state"),
        param(&authorization_url, "state")
    );
    assert!(
        !param(&callback, "iss").is_empty(),
        "RFC 9207: the provider names itself"
    );

    let signed_in = demo.back(&callback, &binding);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    assert_eq!(signed_in.header("location"), Some("/account"));
    let cookies: Vec<&str> = signed_in
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    let session = cookies
        .iter()
        .find_map(|c| c.strip_prefix("__Host-session="))
        .expect("a session cookie");
    let (id, attributes) = session.split_once("; ").unwrap();
    assert_eq!(attributes, "Path=/; Secure; HttpOnly; SameSite=Lax");
    assert!(jeton::session::is_well_formed_id(id.as_bytes()));
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-jeton-oauth=; ") && c.contains("Max-Age=0")),
        "the binding cookie is deleted: {cookies:?}"
    );

    // The same session as a password login's: the account page and the
    // JSON API admit it.
    let session_cookie = format!("__Host-session={id}");
    let account = demo.get("/account", &[("cookie", &session_cookie)]);
    assert_eq!(account.status, 200, "{}", account.text());
    let page = account.text();
    assert!(page.contains(&format!("Account of {USER}")), "{page}");
    assert!(page.contains("opened with the local OpenID Connect provider"));
    assert!(page.contains("id=\"provider\""));
    let me = demo.get("/api/me", &[("cookie", &session_cookie)]);
    assert_eq!(me.status, 200);
    let me = me.text();
    assert!(me.contains("\"mechanism\":\"session_cookie\""), "{me}");
    assert!(me.contains(&format!("\"user\":\"{USER}\"")), "{me}");
}

/// `--plain-cookie` (for a browser that does not treat loopback as a
/// secure context): the binding cookie loses `Secure` and its prefix, as
/// the session cookie does, and the sign-in works the same.
#[test]
fn signs_in_with_plain_cookies() {
    let Some(demo) = Demo::start_with("signs_in_with_plain_cookies", CookiePolicy::Plain) else {
        return;
    };
    let (authorization_url, binding) = demo.start_sign_in();
    let callback = demo.at_provider(&authorization_url);
    assert_eq!(
        check_named(&demo.back(
            &callback,
            &binding.replace("jeton-oauth", "__Host-jeton-oauth")
        )),
        "OauthStateNotBound",
        "the plain policy reads its own cookie only"
    );
    let signed_in = demo.back(&callback, &binding);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookies: Vec<&str> = signed_in
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    let session = cookies
        .iter()
        .find_map(|c| c.strip_prefix("session="))
        .expect("a session cookie");
    assert!(
        session.ends_with("; Path=/; HttpOnly; SameSite=Lax"),
        "{session}"
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("jeton-oauth=; ") && !c.contains("Secure")),
        "{cookies:?}"
    );
}

#[test]
fn callbacks_that_fail_a_check_are_refused_by_name() {
    let Some(demo) = Demo::start("callbacks_that_fail_a_check_are_refused_by_name") else {
        return;
    };
    let (authorization_url, binding) = demo.start_sign_in();
    let callback = demo.at_provider(&authorization_url);

    // A mixed-up issuer (RFC 9207): the callback names another provider.
    let mixed_up = with_param(&callback, "iss", "http%3A%2F%2F127.0.0.1%3A1");
    let refused = demo.back(&mixed_up, &binding);
    assert_eq!(refused.status, 400);
    assert_eq!(check_named(&refused), "OauthIssuerMismatch");

    // A state altered on its way: one character of its signature.
    let state = param(&callback, "state");
    let mut tampered = state.as_bytes().to_vec();
    let at = tampered.len() - 5;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    let tampered = with_param(&callback, "state", std::str::from_utf8(&tampered).unwrap());
    let refused = demo.back(&tampered, &binding);
    assert_eq!(refused.status, 400);
    assert_eq!(check_named(&refused), "OauthStateInvalid");

    // Another browser (no binding cookie), or another sign-in's.
    let refused = demo.back(&callback, "");
    assert_eq!(check_named(&refused), "OauthStateNotBound");
    let (_, other_binding) = demo.start_sign_in();
    let refused = demo.back(&callback, &other_binding);
    assert_eq!(check_named(&refused), "OauthStateNotBound");

    // None of that spent the state: the real callback signs in once...
    let signed_in = demo.back(&callback, &binding);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    // ...and only once.
    let replayed = demo.back(&callback, &binding);
    assert_eq!(replayed.status, 400);
    assert_eq!(check_named(&replayed), "OauthStateReplayed");
    assert!(
        replayed.header("set-cookie").is_none(),
        "no session for a replay"
    );
}

#[test]
fn an_id_token_for_another_nonce_is_refused() {
    let Some(demo) = Demo::start("an_id_token_for_another_nonce_is_refused") else {
        return;
    };
    // The authorization request altered on its way to the provider: the
    // ID token then carries a nonce this sign-in did not send (what an
    // injected ID token looks like). The state, the PKCE challenge and the
    // binding are this sign-in's, so every check before the ID token's
    // passes, and the code is redeemed.
    let (authorization_url, binding) = demo.start_sign_in();
    let altered = with_param(&authorization_url, "nonce", "another-requests-nonce");
    let callback = demo.at_provider(&altered);
    let refused = demo.back(&callback, &binding);
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert_eq!(check_named(&refused), "IdTokenNonceMismatch");
    assert!(refused.header("set-cookie").is_none(), "no session");
}

#[test]
fn provider_access_tokens_admit_the_api_bearer_or_dpop() {
    let Some(demo) = Demo::start("provider_access_tokens_admit_the_api_bearer_or_dpop") else {
        return;
    };
    let api = demo.url("/api/oauth/me");

    // No token: both schemes are offered.
    let refused = demo.get(&api, &[]);
    assert_eq!(refused.status, 401);
    let challenges: Vec<&str> = refused
        .headers
        .iter()
        .filter(|(n, _)| n == "www-authenticate")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(challenges.len(), 2, "{challenges:?}");
    assert!(challenges[0].starts_with("Bearer realm=\"jeton demo\""));
    assert!(challenges[1].starts_with("DPoP algs=\"ES256"));

    // A bearer token for this resource.
    let bearer = demo.access_token(&demo.resource, "api:read", None);
    let admitted = demo.get(&api, &[("authorization", &format!("Bearer {bearer}"))]);
    assert_eq!(admitted.status, 200, "{}", admitted.text());
    let body = admitted.text();
    assert!(
        body.contains("\"mechanism\":\"bearer_access_token\""),
        "{body}"
    );
    assert!(body.contains(&format!("\"client_id\":\"{}\"", demo.provider.client_id)));
    assert!(body.contains("\"scope\":[\"api:read\"]"), "{body}");

    // A token for another resource, and one without the scope.
    let elsewhere = demo.access_token(&demo.provider.resource, "api:read", None);
    let refused = demo.get(&api, &[("authorization", &format!("Bearer {elsewhere}"))]);
    assert_eq!(refused.status, 401);
    assert_eq!(json_check(&refused), "JwtAudienceInvalid");
    let write_only = demo.access_token(&demo.resource, "api:write", None);
    let refused = demo.get(&api, &[("authorization", &format!("Bearer {write_only}"))]);
    assert_eq!(refused.status, 403);
    assert_eq!(json_check(&refused), "ScopeInsufficient");
    assert!(
        refused
            .header("www-authenticate")
            .unwrap()
            .contains("error=\"insufficient_scope\"")
    );

    // A token bound to the client's key (DPoP).
    let key = dpop_key();
    let bound = demo.access_token(&demo.resource, "api:read", Some(&key));
    let dpop = format!("DPoP {bound}");

    // Used as a bearer token, it is refused: a copy is worthless.
    let refused = demo.get(&api, &[("authorization", &format!("Bearer {bound}"))]);
    assert_eq!(refused.status, 401, "{}", refused.text());
    assert_eq!(json_check(&refused), "DpopKeyMismatch");
    assert!(
        refused.header("www-authenticate").unwrap().starts_with(
            "Bearer realm=\"jeton demo\", scope=\"api:read\", error=\"invalid_token\""
        )
    );

    // With a proof of the key for this request: admitted.
    let good = proof(&key, "GET", &api, Some(&bound));
    let admitted = demo.get(&api, &[("authorization", &dpop), ("dpop", &good)]);
    assert_eq!(admitted.status, 200, "{}", admitted.text());
    let body = admitted.text();
    assert!(
        body.contains("\"mechanism\":\"dpop_access_token\""),
        "{body}"
    );
    let jkt = jeton::oauth::Thumbprint::of(&key).unwrap();
    assert!(
        body.contains(&format!("\"jkt\":\"{}\"", jkt.as_str())),
        "{body}"
    );

    // The same proof again: a replay.
    let refused = demo.get(&api, &[("authorization", &dpop), ("dpop", &good)]);
    assert_eq!(refused.status, 401);
    assert_eq!(json_check(&refused), "DpopReplayed");

    // A proof made for another URL of this server.
    let other_url = proof(&key, "GET", &demo.url("/api/me"), Some(&bound));
    let refused = demo.get(&api, &[("authorization", &dpop), ("dpop", &other_url)]);
    assert_eq!(refused.status, 401);
    assert_eq!(json_check(&refused), "DpopHtuMismatch");
    let challenge = refused.header("www-authenticate").unwrap();
    assert!(
        challenge.starts_with("DPoP algs=\"ES256 ES384 EdDSA\", error=\"invalid_dpop_proof\""),
        "{challenge}"
    );

    // A proof by another key, and a request with no proof at all.
    let thief = proof(&dpop_key(), "GET", &api, Some(&bound));
    let refused = demo.get(&api, &[("authorization", &dpop), ("dpop", &thief)]);
    assert_eq!(json_check(&refused), "DpopKeyMismatch");
    let refused = demo.get(&api, &[("authorization", &dpop)]);
    assert_eq!(refused.status, 401);
    assert!(refused.text().contains("\"error\":\"invalid_dpop_proof\""));

    // The unbound token presented with the DPoP scheme.
    let unbound = proof(&key, "GET", &api, Some(&bearer));
    let refused = demo.get(
        &api,
        &[
            ("authorization", &format!("DPoP {bearer}")),
            ("dpop", &unbound),
        ],
    );
    assert_eq!(refused.status, 401);
    assert!(
        refused.text().contains("bound to no key"),
        "{}",
        refused.text()
    );
}
