//! `jeton oauth authorize-url` (offline) and `jeton oauth device` (the one
//! command that talks to a server: the RFC 8628 device flow).
//!
//! jeton builds every request and judges every answer; this module only
//! carries the bytes (ureq) and waits as jeton's `DevicePoller` says.

use crate::cli::{OauthAuthorizeUrlArgs, OauthDeviceArgs};
use crate::fail::{Failure, Outcome, Refusal, io, usage};
use crate::input::show;
use crate::jsonv::J;
use crate::out::{Ctx, Table};
use crate::time;
use jeton::Error;
use jeton::base64::{self, Alphabet, Padding};
use jeton::json::JsonStr;
use jeton::oauth::authorize::AuthorizationRequest;
use jeton::oauth::device::{DeviceAuthorization, DeviceAuthorizationRequest, DevicePoller, Poll};
use jeton::oauth::response::{ErrorResponse, TokenResponse, TokenType};
use jeton::oauth::token::{ClientAuth, TokenRequest};
use jeton::oauth::{Metadata, Profile, pkce};
use std::time::Duration;
use zeroize::Zeroizing;

/// Largest answer read from a server.
const MAX_BODY: u64 = 1 << 20;

/// 256 random bits in base64url (43 characters): a state, a nonce or a
/// PKCE verifier (RFC 7636 section 7.1's recommendation).
fn random_token() -> Result<Zeroizing<String>, Failure> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    getrandom::fill(&mut *bytes)
        .map_err(|e| io(format!("no entropy from the operating system: {e}")))?;
    let mut out = Zeroizing::new([0u8; 43]);
    let n = base64::encode(&*bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut *out)?;
    Ok(Zeroizing::new(
        String::from_utf8_lossy(&out[..n]).into_owned(),
    ))
}

/// `--scope` values: each may hold several, separated by spaces.
fn scopes(list: &[String]) -> Vec<&str> {
    list.iter().flat_map(|s| s.split_whitespace()).collect()
}

/// `--param NAME=VALUE` values.
fn params(list: &[String]) -> Result<Vec<(&str, &str)>, Failure> {
    list.iter()
        .map(|p| {
            p.split_once('=')
                .filter(|(name, _)| !name.is_empty())
                .ok_or_else(|| usage(format!("--param {p:?}: not NAME=VALUE")))
        })
        .collect()
}

/// Runs a writer of jeton's into a buffer of the size it asks for.
fn written(write: impl Fn(&mut [u8]) -> Result<usize, Error>) -> Result<Vec<u8>, Error> {
    let mut out = vec![0u8; 1024];
    let n = match write(&mut out) {
        Err(Error::BufferTooSmall { needed }) => {
            out = vec![0u8; needed];
            write(&mut out)?
        }
        other => other?,
    };
    out.truncate(n);
    Ok(out)
}

fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A JSON string member, unescaped.
fn unescaped(s: JsonStr<'_>) -> Result<String, Failure> {
    let mut out = vec![0u8; s.raw().len()];
    let n = s.unescape_into(&mut out)?;
    out.truncate(n);
    Ok(text_of(out))
}

/// `jeton oauth authorize-url`
pub fn authorize_url(args: &OauthAuthorizeUrlArgs, ctx: &Ctx) -> Outcome {
    let scope = scopes(&args.scope);
    let state = match &args.state {
        Some(s) => Zeroizing::new(s.clone()),
        None => random_token()?,
    };
    let nonce = match (&args.nonce, args.no_nonce) {
        (Some(n), _) => Some(Zeroizing::new(n.clone())),
        (None, false) if scope.contains(&"openid") => Some(random_token()?),
        (None, _) => None,
    };
    let verifier = match &args.verifier {
        Some(v) => Zeroizing::new(v.clone()),
        None => random_token()?,
    };
    let mut challenge = [0u8; pkce::CHALLENGE_LEN];
    let c = pkce::challenge_s256(verifier.as_bytes(), &mut challenge)?;
    let challenge = String::from_utf8_lossy(&challenge[..c]).into_owned();
    let max_age = args
        .max_age
        .as_deref()
        .map(|m| {
            time::parse_duration(m)
                .and_then(|s| u64::try_from(s).map_err(|_| "a negative duration".to_owned()))
                .map_err(|e| usage(format!("--max-age: {e}")))
        })
        .transpose()?;
    let resource: Vec<&str> = args.resource.iter().map(String::as_str).collect();
    let extra = params(&args.param)?;

    let mut request = AuthorizationRequest::new(&args.client_id, &args.redirect_uri)
        .scope(&scope)
        .state(&state)
        .code_challenge(&challenge)
        .resource(&resource)
        .extra(&extra);
    if let Some(n) = &nonce {
        request = request.nonce(n);
    }
    if let Some(p) = &args.prompt {
        request = request.prompt(p);
    }
    if let Some(h) = &args.login_hint {
        request = request.login_hint(h);
    }
    if let Some(m) = max_age {
        request = request.max_age(m);
    }
    let url = text_of(written(|out| {
        request.write_url(args.endpoint.as_bytes(), out)
    })?);

    if ctx.json {
        ctx.json(&J::obj([
            ("url", J::str(&url)),
            ("state", J::str(state.as_str())),
            ("nonce", J::opt(nonce.as_ref().map(|n| J::str(n.as_str())))),
            ("code_verifier", J::str(verifier.as_str())),
            ("code_challenge", J::str(&challenge)),
            ("code_challenge_method", J::str("S256")),
        ]));
    } else {
        let mut t = Table::new();
        t.row("url", &url);
        t.row("state", state.as_str());
        if let Some(n) = &nonce {
            t.row("nonce", n.as_str());
        }
        t.row("code_verifier", verifier.as_str());
        t.row("code_challenge", &challenge);
        t.print(ctx);
    }
    Ok(())
}

/// An answer, read whole.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

/// The HTTP client: no redirect followed (an endpoint that moves is a
/// configuration to fix, and a redirect would carry the credentials
/// elsewhere), no status treated as an error (jeton reads the body), one
/// timeout for each whole request.
struct Http {
    agent: ureq::Agent,
}

impl Http {
    fn new(timeout: Duration) -> Http {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .user_agent(concat!("jeton/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Http { agent }
    }

    fn get(&self, url: &str) -> Result<Answer, ureq::Error> {
        read(
            self.agent
                .get(url)
                .header("accept", "application/json")
                .call(),
        )
    }

    fn post_form(
        &self,
        url: &str,
        authorization: Option<&str>,
        body: &[u8],
    ) -> Result<Answer, ureq::Error> {
        let mut request = self
            .agent
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(a) = authorization {
            request = request.header("authorization", a);
        }
        read(request.send(body))
    }
}

fn read(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Answer, ureq::Error> {
    let mut response = result?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_vec()?;
    Ok(Answer { status, body })
}

/// Refuses a URL the device flow would send credentials or tokens to in
/// the clear: `https`, or `http` to a loopback address only.
fn check_transport(url: &str, what: &str) -> Result<(), Failure> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = lower.strip_prefix("http://") else {
        return Err(usage(format!("{what} {url:?}: not an https URL")));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        Err(usage(format!(
            "{what} {url:?}: plain http is accepted only to a loopback address \
             (127.0.0.0/8, [::1], localhost); use https"
        )))
    }
}

/// The device authorization and token endpoints from the issuer's
/// discovery document, read by jeton (the issuer must be the one asked).
fn discover(http: &Http, issuer: &str) -> Result<(String, String), Failure> {
    check_transport(issuer, "--issuer")?;
    let base = issuer.trim_end_matches('/');
    // OpenID Connect Discovery 1.0 section 4 appends the well-known path;
    // RFC 8414 section 3 puts it before the issuer's path.
    let oidc = format!("{base}/.well-known/openid-configuration");
    let fetch = |url: &str| {
        http.get(url)
            .map_err(|e| io(format!("cannot fetch {url}: {e}")))
    };
    let answer = fetch(&oidc)?;
    let (answer, url, profile) = if answer.status == 200 {
        (answer, oidc, Profile::OpenId)
    } else {
        let (origin, path) = split_origin(base);
        let oauth = format!("{origin}/.well-known/oauth-authorization-server{path}");
        let second = fetch(&oauth)?;
        if second.status != 200 {
            return Err(io(format!(
                "no discovery document for {issuer}: {oidc} answered {}, {oauth} answered {}",
                answer.status, second.status
            )));
        }
        (second, oauth, Profile::OAuth)
    };
    let meta = Metadata::parse(&answer.body, issuer, profile)
        .map_err(|e| Refusal::of(e).detail(format!("the document at {url}")))?;
    let endpoint = |value: Option<JsonStr<'_>>, member: &str| match value {
        Some(v) => unescaped(v),
        None => Err(Refusal::of(Error::MetadataMissing)
            .detail(format!("{url} has no {member}"))
            .into()),
    };
    Ok((
        endpoint(
            meta.device_authorization_endpoint(),
            "device_authorization_endpoint",
        )?,
        endpoint(meta.token_endpoint(), "token_endpoint")?,
    ))
}

/// `https://host:port/path` as (`https://host:port`, `/path`).
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => url.split_at(after_scheme + i),
        None => (url, ""),
    }
}

/// The client secret of `--client-secret-file` or `--client-secret-env`.
fn client_secret(args: &OauthDeviceArgs) -> Result<Option<Zeroizing<String>>, Failure> {
    let raw = if let Some(path) = &args.client_secret_file {
        let mut bytes = Zeroizing::new(
            std::fs::read(path).map_err(|e| io(format!("cannot read {}: {e}", path.display())))?,
        );
        crate::input::strip_line_end(&mut bytes);
        bytes
    } else if let Some(var) = &args.client_secret_env {
        let value = std::env::var_os(var)
            .ok_or_else(|| usage(format!("--client-secret-env: {var} is not set")))?;
        Zeroizing::new(value.into_encoded_bytes())
    } else {
        return Ok(None);
    };
    match std::str::from_utf8(&raw) {
        Ok(s) => Ok(Some(Zeroizing::new(s.to_owned()))),
        Err(_) => Err(usage("the client secret is not UTF-8 text")),
    }
}

/// A server's refusal: jeton's verdict, and the server's own words
/// (attacker-writable: shown with control characters escaped).
fn refused(e: Error, answer: &Answer) -> Failure {
    let mut refusal = Refusal::of(e);
    match ErrorResponse::parse(&answer.body) {
        Ok(error) => {
            let mut detail = format!(
                "HTTP {}, error {}",
                answer.status,
                show(error.error().raw())
            );
            if let Some(d) = error.description() {
                detail.push_str(&format!(": {}", show(d.raw())));
            }
            refusal = refusal.detail(detail);
        }
        Err(_) => refusal = refusal.detail(format!("HTTP {}", answer.status)),
    }
    refusal.into()
}

/// `jeton oauth device`
pub fn device(args: &OauthDeviceArgs, ctx: &Ctx) -> Outcome {
    let timeout = time::parse_duration(&args.timeout)
        .ok()
        .and_then(|s| u64::try_from(s).ok())
        .filter(|&s| s > 0)
        .ok_or_else(|| usage(format!("--timeout {:?}: a positive duration", args.timeout)))?;
    let http = Http::new(Duration::from_secs(timeout));
    let secret = client_secret(args)?;
    let (device_endpoint, token_endpoint) =
        match (&args.issuer, &args.device_endpoint, &args.token_endpoint) {
            (Some(issuer), _, _) => discover(&http, issuer)?,
            (None, Some(d), Some(t)) => (d.clone(), t.clone()),
            _ => {
                return Err(usage(
                    "give --issuer, or --device-endpoint and --token-endpoint",
                ));
            }
        };
    check_transport(&device_endpoint, "the device authorization endpoint")?;
    check_transport(&token_endpoint, "the token endpoint")?;
    let auth = match &secret {
        Some(s) => ClientAuth::SecretBasic {
            client_id: &args.client_id,
            client_secret: s,
        },
        None => ClientAuth::None {
            client_id: &args.client_id,
        },
    };
    let authorization = written(|out| Ok(auth.write_authorization(out)?.unwrap_or(0)))?;
    let authorization = Zeroizing::new(text_of(authorization));
    let authorization = (!authorization.is_empty()).then_some(authorization.as_str());

    // The device authorization request (RFC 8628 section 3.1).
    let scope = scopes(&args.scope);
    let mut extra: Vec<(&str, &str)> = args
        .resource
        .iter()
        .map(|r| ("resource", r.as_str()))
        .collect();
    extra.extend(params(&args.param)?);
    let body = written(|out| {
        DeviceAuthorizationRequest::new()
            .scope(&scope)
            .extra(&extra)
            .write_body(&auth, out)
    })?;
    let answer = http
        .post_form(&device_endpoint, authorization, &body)
        .map_err(|e| io(format!("cannot reach {device_endpoint}: {e}")))?;
    let received_at = time::system_now();
    let started = DeviceAuthorization::parse(&answer.body).map_err(|e| refused(e, &answer))?;
    show_user_code(&started, ctx)?;

    // Polling (section 3.4), as jeton's poller says (section 3.5).
    let mut poller = DevicePoller::new(&started, received_at);
    let device_code = Zeroizing::new(unescaped(started.device_code())?);
    let body = Zeroizing::new(written(|out| {
        TokenRequest::device_code(&device_code).write_body(&auth, out)
    })?);
    loop {
        let wait = poller.wait(time::system_now())?;
        std::thread::sleep(Duration::from_secs(wait));
        let answer = match http.post_form(&token_endpoint, authorization, &body) {
            Ok(a) if a.status < 500 => a,
            // No answer, or a server error page: back off (section 3.5).
            failed => {
                let why = match failed {
                    Ok(a) => format!("HTTP {}", a.status),
                    Err(e) => e.to_string(),
                };
                let next = poller.on_no_response(time::system_now())?;
                ctx.warn(&format!(
                    "no answer from {token_endpoint} ({why}); next try in {} s",
                    next.saturating_sub(time::system_now()).max(0)
                ));
                continue;
            }
        };
        match poller.on_response(&answer.body, time::system_now()) {
            Ok(Poll::Pending { .. }) => {}
            Ok(Poll::Token(tokens)) => return show_tokens(&tokens, ctx),
            Err(e) => return Err(refused(e, &answer)),
        }
    }
}

/// Where the user goes and what they type, on standard error: standard
/// output is for the tokens.
fn show_user_code(started: &DeviceAuthorization<'_>, ctx: &Ctx) -> Outcome {
    let user_code = unescaped(started.user_code())?;
    let uri = unescaped(started.verification_uri())?;
    let complete = started
        .verification_uri_complete()
        .map(unescaped)
        .transpose()?;
    if ctx.json {
        let line = J::obj([
            ("user_code", J::str(&user_code)),
            ("verification_uri", J::str(&uri)),
            (
                "verification_uri_complete",
                J::opt(complete.as_ref().map(J::str)),
            ),
            ("expires_in", J::int(clamp(started.expires_in()))),
            ("interval", J::int(clamp(started.interval()))),
        ]);
        eprintln!("{}", line.compact());
    } else {
        let s = &ctx.err_style;
        eprintln!(
            "To sign in, open {} and enter the code {}",
            s.label(&show(uri.as_bytes())),
            s.heading(&show(user_code.as_bytes()))
        );
        if let Some(c) = &complete {
            eprintln!("  (or open {})", show(c.as_bytes()));
        }
        eprintln!(
            "Waiting for approval; the code expires in {} s.",
            started.expires_in()
        );
    }
    Ok(())
}

fn clamp(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// The token response, on standard output.
fn show_tokens(tokens: &TokenResponse<'_>, ctx: &Ctx) -> Outcome {
    let now = time::system_now();
    let token_type = match tokens.token_type() {
        TokenType::Bearer => "Bearer",
        TokenType::Dpop => "DPoP",
    };
    let access_token = Zeroizing::new(unescaped(tokens.access_token())?);
    let refresh_token = tokens.refresh_token().map(unescaped).transpose()?;
    let id_token = tokens.id_token().map(unescaped).transpose()?;
    let scope = tokens.scope().map(unescaped).transpose()?;
    if ctx.json {
        ctx.json(&J::obj([
            ("token_type", J::str(token_type)),
            ("access_token", J::str(access_token.as_str())),
            (
                "expires_in",
                J::opt(tokens.expires_in().map(|e| J::int(clamp(e)))),
            ),
            ("expires_at", J::opt(tokens.expires_at(now).map(J::int))),
            ("refresh_token", J::opt(refresh_token.as_ref().map(J::str))),
            ("scope", J::opt(scope.as_ref().map(J::str))),
            ("id_token", J::opt(id_token.as_ref().map(J::str))),
        ]));
    } else {
        let mut t = Table::new();
        t.row("token_type", token_type);
        t.row("access_token", show(access_token.as_bytes()));
        if let Some(at) = tokens.expires_at(now) {
            let when = time::rfc3339(at).unwrap_or_else(|| at.to_string());
            t.row_note(
                "expires_at",
                when,
                ctx.style.dim(&format!("({})", time::relative(at, now))),
            );
        }
        if let Some(r) = &refresh_token {
            t.row("refresh_token", show(r.as_bytes()));
        }
        if let Some(s) = &scope {
            t.row("scope", show(s.as_bytes()));
        }
        if let Some(i) = &id_token {
            t.row("id_token", show(i.as_bytes()));
        }
        t.print(ctx);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "https://as.example.com/device",
            "HTTPS://as.example.com",
            "http://127.0.0.1:8080/device",
            "http://127.1.2.3/x",
            "http://localhost:3000",
            "http://[::1]:9000/token",
            "http://user@127.0.0.1/x",
        ] {
            assert!(check_transport(ok, "url").is_ok(), "{ok}");
        }
        for bad in [
            "http://as.example.com/device",
            "http://127.0.0.1.example.com/",
            "http://localhost.example.com/",
            "http://10.0.0.1/",
            "http://[::2]/",
            "ftp://127.0.0.1/",
            "127.0.0.1:8080/device",
        ] {
            assert!(check_transport(bad, "url").is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc8414_well_known_goes_before_the_path() {
        assert_eq!(
            split_origin("https://as.example.com/tenant/1"),
            ("https://as.example.com", "/tenant/1")
        );
        assert_eq!(
            split_origin("https://as.example.com"),
            ("https://as.example.com", "")
        );
    }
}
