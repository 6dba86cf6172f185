//! Which handler answers which request, and the handlers.
//!
//! | Method | Path           | What                                              |
//! |--------|----------------|---------------------------------------------------|
//! | GET    | `/`            | the login form                                    |
//! | POST   | `/login`       | log in with the form, or `Authorization: Basic`   |
//! | GET    | `/login/basic` | log in with HTTP Basic (the browser asks)         |
//! | GET    | `/account`     | protected page: session cookie or Bearer JWT      |
//! | GET    | `/api/me`      | protected JSON: session cookie or Bearer JWT      |
//! | POST   | `/logout`      | revoke the session and its token, clear the cookie |
//! | GET    | `/oauth/start` | "Sign in with the local provider": to the provider |
//! | GET    | `/oauth/callback` | back from the provider: checks, then a session |
//! | GET    | `/api/oauth/me` | protected JSON: the provider's access tokens, Bearer or DPoP |
//!
//! The last three answer 404 unless a provider was configured at start
//! ([`crate::provider`], [`crate::resource`]).
//!
//! The three that open or end a session (`POST /login`, `GET
//! /login/basic`, `POST /logout`) first refuse requests from another site
//! or another port of this host ([`cross_site`]). Login attempts are
//! counted per client address and user name (429 beyond the limit). The
//! provider's callback opens a session too, but arrives from the
//! provider's site by design: its signed `state`, bound to the browser
//! by a cookie, is its defence ([`crate::provider`]).

use jeton::Error;
use jeton::auth::{self, BasicChallenge};
use jeton::cookie::{CookieHeader, SameSite, SetCookie};
use jeton::limit::Decision;

use crate::admit::{self, Admitted, REALM, Refusal};
use crate::app::{App, LoginMethod};
use crate::form;
use crate::http::{Request, Response};
use crate::login::{self, Replaced};
use crate::pages;
use crate::{provider, resource};

const PATHS: [(&str, &str); 9] = [
    ("/", "GET"),
    ("/login", "POST"),
    ("/login/basic", "GET"),
    ("/account", "GET"),
    ("/api/me", "GET"),
    ("/logout", "POST"),
    ("/oauth/start", "GET"),
    (provider::CALLBACK_PATH, "GET"),
    (resource::PATH, "GET"),
];

/// Answers one request. Never panics on any input: every refusal is a
/// 4xx response with a page that says why.
pub fn handle(app: &App, request: &Request) -> Response {
    let response = route(app, request);
    with_safety_headers(response)
}

fn route(app: &App, req: &Request) -> Response {
    let Some(host) = loopback_host(req) else {
        return html_error(
            400,
            "This server answers only to localhost, 127.0.0.1 and [::1] (a Host header naming \
             another site could be DNS rebinding).",
        );
    };
    let host = host.as_str();
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/") => home(app, req, host),
        ("POST", "/login") => cross_site(app, req, host).unwrap_or_else(|| login(app, req, host)),
        ("GET", "/login/basic") => login_basic(app, req, host),
        ("GET", "/account") => account(app, req, host),
        ("GET", "/api/me") => api_me(app, req),
        ("POST", "/logout") => cross_site(app, req, host).unwrap_or_else(|| logout(app, req)),
        ("GET", "/oauth/start") => provider::start(app, req, host),
        ("GET", provider::CALLBACK_PATH) => provider::callback(app, req, host),
        ("GET", resource::PATH) => resource::api(app, req, host),
        (_, path) => match PATHS.iter().find(|(p, _)| *p == path) {
            Some((_, allowed)) => html_error(405, &format!("{path} answers {allowed} only."))
                .with_header("Allow", *allowed),
            None => html_error(404, "There is no page here."),
        },
    }
}

/// The `Host` header, when it names a loopback host (any port).
fn loopback_host(req: &Request) -> Option<String> {
    let Some(host) = req.header("host") else {
        return Some("127.0.0.1".to_owned()); // HTTP/1.0 without Host
    };
    let host = std::str::from_utf8(host).ok()?;
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            (name, port)
        }
        _ => (host, ""),
    };
    let known = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h));
    (known && port.len() <= 5).then(|| host.to_ascii_lowercase())
}

/// Refuses a request that opens or ends a session when it comes from
/// another site, or from a page on another port of this host (which
/// `SameSite=Lax` lets through: it is the same site): login and logout
/// CSRF. A browser says where a request comes from: `Sec-Fetch-Site`
/// must be `same-origin` (or `none`, the user's own navigation), else
/// `Origin` must be this server's (`null`, a sandboxed or
/// privacy-stripped origin, is refused). A client that sends neither
/// brings the CSRF token twice, in its cookie and in the `csrf` form
/// field, the query (`GET /login/basic?csrf=`) or `X-CSRF-Token`, bound
/// to the session cookie it carries. A Bearer token alone, with no
/// cookie, is nothing a browser adds on its own: it needs no token.
pub fn cross_site(app: &App, req: &Request, host: &str) -> Option<Response> {
    let refuse = |why: String| {
        Some(html_error(
            403,
            &format!("{why}: refused (cross-site request forgery)."),
        ))
    };
    if let Some(site) = req.header("sec-fetch-site") {
        return match site {
            b"same-origin" | b"none" => None,
            other => refuse(format!(
                "This request came from another site or another port of this host \
                 (Sec-Fetch-Site: {})",
                String::from_utf8_lossy(other)
            )),
        };
    }
    if let Some(origin) = req.header("origin") {
        return if origin.eq_ignore_ascii_case(format!("http://{host}").as_bytes()) {
            None
        } else {
            refuse(format!(
                "This request came from another origin ({})",
                String::from_utf8_lossy(origin)
            ))
        };
    }
    if req.header("cookie").is_none()
        && req
            .header("authorization")
            .is_some_and(|a| auth::parse_bearer(a).is_ok())
    {
        return None;
    }
    let policy = app.config().cookie;
    let cookies = req
        .header("cookie")
        .and_then(|c| CookieHeader::parse(c).ok());
    let value_of = |name: &str| {
        cookies
            .as_ref()
            .and_then(|c| c.get(name))
            .map(|pair| pair.value().to_vec())
            .unwrap_or_default()
    };
    let binding = value_of(policy.name());
    let cookie = value_of(policy.csrf_name());
    let submitted = submitted_csrf(req);
    match app.verify_csrf(&binding, &cookie, submitted.as_bytes()) {
        Ok(()) => None,
        Err(e) => refuse(format!(
            "This request said neither where it came from (no Origin, no Sec-Fetch-Site) \
             nor carried a CSRF token for this session ({e})"
        )),
    }
}

/// The CSRF token a request brings: `X-CSRF-Token`, else the `csrf` field
/// of a form body, else of the query.
fn submitted_csrf(req: &Request) -> String {
    if let Some(header) = req.header_str("x-csrf-token") {
        return header.to_owned();
    }
    let field = |raw: &[u8]| {
        form::parse(raw)
            .ok()
            .and_then(|fields| form::field(&fields, "csrf").map(str::to_owned))
    };
    field(&req.body)
        .or_else(|| field(req.query.as_bytes()))
        .unwrap_or_default()
}

/// The session cookie's value as the request sent it (empty when none):
/// what a CSRF token of this request is bound to.
fn session_binding(app: &App, req: &Request) -> Vec<u8> {
    req.header("cookie")
        .and_then(|c| CookieHeader::parse(c).ok())
        .and_then(|c| {
            c.get(app.config().cookie.name())
                .map(|pair| pair.value().to_vec())
        })
        .unwrap_or_default()
}

/// A CSRF token for this request's session, and the `Set-Cookie` of its
/// cookie copy.
fn csrf_for(app: &App, binding: &[u8]) -> Option<(String, String)> {
    let token = app.csrf_token(binding).ok()?;
    let policy = app.config().cookie;
    let cookie = SetCookie::new(policy.csrf_name(), token.as_str())
        .path("/")
        .secure(policy.secure())
        .http_only(true)
        .same_site(SameSite::Lax)
        .to_heapless::<256>()
        .ok()?;
    Some((token, cookie.as_str().to_owned()))
}

/// 429 for a client that spent its login attempts.
fn too_many_attempts(retry_after: u64) -> Response {
    html_error(
        429,
        &format!(
            "Too many login attempts from this address for this user: try again in \
             {retry_after} seconds."
        ),
    )
    .with_header("Retry-After", retry_after.to_string())
}

/// Counts a login attempt of `user`: `Some(429)` when the client has
/// spent its attempts.
fn limited(app: &App, req: &Request, user: &[u8]) -> Option<Response> {
    match app.login_attempt(req.peer, user, app.now()) {
        Decision::Allowed { .. } => None,
        Decision::Limited { retry_after } => Some(too_many_attempts(retry_after)),
    }
}

fn with_safety_headers(response: Response) -> Response {
    response
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
        // Not `no-referrer`: under it a browser sends `Origin: null` with
        // every form post, and the same-origin check could not tell.
        .with_header("Referrer-Policy", "same-origin")
        .with_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        )
}

fn html_error(status: u16, reason: &str) -> Response {
    Response::html(status, pages::error(status, reason))
}

/// The answer when jeton refuses to open or close a session.
fn server_error(e: Error) -> Response {
    match e {
        Error::SessionStoreFull => html_error(
            503,
            "The session store is full, and jeton never evicts a live session: try again when \
             one expires or logs out.",
        )
        .with_header("Retry-After", "60"),
        Error::RevocationListFull => html_error(
            503,
            "The server would not be able to revoke another token at logout (its revocation \
             list has room for as many tokens as sessions): try again when one expires.",
        )
        .with_header("Retry-After", "60"),
        Error::StoreUnavailable | Error::StoreConflict => html_error(
            503,
            "The session store (Redis) cannot be reached or did not answer in time: nothing \
             was changed. Try again shortly.",
        )
        .with_header("Retry-After", "5"),
        e => html_error(500, &format!("The server could not do that: {e}.")),
    }
}

fn admit(app: &App, req: &Request) -> Result<Admitted, Refusal> {
    admit::admit(app, req.header("authorization"), req.header("cookie"))
}

fn home(app: &App, req: &Request, host: &str) -> Response {
    let signed_in = admit::admit(app, None, req.header("cookie"))
        .ok()
        .map(|a| match a {
            Admitted::Session { session, .. } => session.user.user.as_str().to_owned(),
            Admitted::Bearer(facts) => facts.subject,
        });
    home_page(app, req, host, signed_in.as_deref(), None, 200)
}

/// The login page with a CSRF token for its form, and the token's cookie.
fn home_page(
    app: &App,
    req: &Request,
    host: &str,
    signed_in: Option<&str>,
    notice: Option<&str>,
    status: u16,
) -> Response {
    match csrf_for(app, &session_binding(app, req)) {
        Some((token, cookie)) => {
            Response::html(status, pages::home(app, host, signed_in, notice, &token))
                .with_header("Set-Cookie", cookie)
        }
        None => server_error(Error::BufferTooSmall { needed: 0 }),
    }
}

/// Opens a session for the user `name` and sends the browser to its
/// account page.
pub(crate) fn open_session(app: &App, req: &Request, name: &str, via: LoginMethod) -> Response {
    // A live session the browser already holds is rotated or revoked.
    let previous = admit::admit(app, None, req.header("cookie")).ok();
    match login::log_in(app, name, via, previous.as_ref()) {
        Ok(opened) => {
            let note = match opened.replaced {
                Some(Replaced::Rotated) => " Your earlier session moved to a new ID.",
                Some(Replaced::Revoked) => " The earlier session in this browser was logged out.",
                None => "",
            };
            Response::html(
                303,
                pages::page(
                    "Logged in",
                    &format!(
                        "<p>Logged in.{note} Continue to <a href=\"/account\">your account</a>.</p>"
                    ),
                ),
            )
            .with_header("Location", "/account")
            .with_header("Set-Cookie", opened.set_cookie)
        }
        Err(e) => server_error(e),
    }
}

fn basic_challenge() -> String {
    let mut out = [0u8; 128];
    BasicChallenge::new(REALM)
        .write(&mut out)
        .ok()
        .and_then(|n| out.get(..n))
        .map_or_else(
            || "Basic".to_owned(),
            |v| String::from_utf8_lossy(v).into_owned(),
        )
}

/// Checks `Authorization: Basic` (counting the attempt); `Ok(user)` or
/// the refusal to send.
fn basic_user(app: &App, req: &Request, header: &[u8]) -> Result<usize, Response> {
    let challenge = basic_challenge();
    let refuse = |status: u16, reason: &str| {
        let shown = (status == 401).then_some(challenge.as_str());
        let response = Response::html(status, pages::refused(status, reason, shown));
        if status == 401 {
            response.with_header("WWW-Authenticate", challenge.clone())
        } else {
            response
        }
    };
    let mut buf = [0u8; crate::http::MAX_HEAD];
    match auth::parse_basic(header, &mut buf) {
        Ok(creds) => {
            if let Some(limit) = limited(app, req, creds.user) {
                return Err(limit);
            }
            app.check_password(creds.user, creds.password)
                .ok_or_else(|| refuse(401, "That user name and password do not match."))
        }
        Err(Error::AuthSchemeMismatch) => Err(refuse(
            401,
            "Log in here with Authorization: Basic, or with the form.",
        )),
        Err(e) => Err(refuse(
            400,
            &format!("The Basic credentials are malformed: {e}."),
        )),
    }
}

fn login(app: &App, req: &Request, host: &str) -> Response {
    if let Some(header) = req.header("authorization") {
        return match basic_user(app, req, header) {
            Ok(user) => open_session(app, req, app.user_name(user), LoginMethod::Basic),
            Err(refusal) => refusal,
        };
    }
    let form_type = req.header_str("content-type").is_some_and(|t| {
        t.split(';').next().is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    if !form_type {
        return html_error(
            415,
            "Send the login form as application/x-www-form-urlencoded, or use Authorization: Basic.",
        );
    }
    let fields = match form::parse(&req.body) {
        Ok(fields) => fields,
        Err(e) => return html_error(400, &format!("The form body cannot be read: {e}.")),
    };
    let (Some(user), Some(password)) = (
        form::field(&fields, "username"),
        form::field(&fields, "password"),
    ) else {
        return html_error(400, "The form needs a username and a password field.");
    };
    if let Some(limit) = limited(app, req, user.as_bytes()) {
        return limit;
    }
    match app.check_password(user.as_bytes(), password.as_bytes()) {
        Some(user) => open_session(app, req, app.user_name(user), LoginMethod::Form),
        // A form is not an HTTP authentication scheme: there is no
        // challenge to send, so not 401.
        None => home_page(
            app,
            req,
            host,
            None,
            Some("That user name and password do not match."),
            403,
        ),
    }
}

/// `GET /login/basic`: a challenge, then (with credentials, which a
/// browser may add by itself once it has them) a session, so the
/// credentialed request passes [`cross_site`] first.
fn login_basic(app: &App, req: &Request, host: &str) -> Response {
    match req.header("authorization") {
        Some(header) => match cross_site(app, req, host) {
            Some(refusal) => refusal,
            None => match basic_user(app, req, header) {
                Ok(user) => open_session(app, req, app.user_name(user), LoginMethod::Basic),
                Err(refusal) => refusal,
            },
        },
        None => {
            let challenge = basic_challenge();
            Response::html(
                401,
                pages::refused(
                    401,
                    "Log in with HTTP Basic: the browser asks for a user name and password.",
                    Some(&challenge),
                ),
            )
            .with_header("WWW-Authenticate", challenge)
        }
    }
}

fn account(app: &App, req: &Request, host: &str) -> Response {
    match admit(app, req) {
        Ok(admitted) => {
            let token = match &admitted {
                Admitted::Session { session, .. } => match login::token_of(app, &session.user) {
                    Ok(token) => Some(token),
                    Err(e) => return server_error(e),
                },
                Admitted::Bearer(_) => None,
            };
            let csrf = match &admitted {
                Admitted::Session { id, .. } => csrf_for(app, id.as_bytes()),
                Admitted::Bearer(_) => None,
            };
            let page = pages::account(
                app,
                &admitted,
                token.as_deref(),
                csrf.as_ref().map(|(t, _)| t.as_str()),
                host,
            );
            let response = Response::html(200, page);
            match csrf {
                Some((_, cookie)) => response.with_header("Set-Cookie", cookie),
                None => response,
            }
        }
        Err(refusal) => {
            let challenge = refusal.challenge();
            let page = pages::refused(refusal.status(), &refusal.explain(app), Some(&challenge));
            Response::html(refusal.status(), page).with_header("WWW-Authenticate", challenge)
        }
    }
}

fn api_me(app: &App, req: &Request) -> Response {
    match admit(app, req) {
        Ok(admitted) => Response::json(200, pages::me_json(app, &admitted)),
        Err(refusal) => {
            let error = match refusal {
                Refusal::Token(_) => "invalid_token",
                Refusal::MalformedAuthorization | Refusal::CookieHeader(_) => "invalid_request",
                _ => "unauthorized",
            };
            let body = pages::refused_json(error, &refusal.explain(app), None);
            Response::json(refusal.status(), body)
                .with_header("WWW-Authenticate", refusal.challenge())
        }
    }
}

fn logout(app: &App, req: &Request) -> Response {
    let policy = app.config().cookie;
    let removal = |name: &str| {
        SetCookie::removal(name)
            .path("/")
            .secure(policy.secure())
            .http_only(true)
            .same_site(SameSite::Lax)
            .to_heapless::<256>()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default()
    };
    let response = match admit(app, req) {
        Ok(admitted) => {
            let out = login::log_out(app, &admitted);
            match out.failure() {
                None => Response::html(200, pages::logged_out(app, &out)),
                // Said plainly; the session is over all the same unless
                // the store itself could not be reached.
                Some(_) => Response::html(503, pages::logged_out(app, &out))
                    .with_header("Retry-After", "60"),
            }
        }
        Err(refusal @ Refusal::MalformedAuthorization) => {
            return Response::html(400, pages::refused(400, &refusal.explain(app), None));
        }
        Err(Refusal::Session(e) | Refusal::Token(e))
            if matches!(e, Error::StoreUnavailable | Error::StoreConflict) =>
        {
            logout_failed(e)
        }
        Err(refusal) => Response::html(200, pages::nothing_to_log_out(&refusal.explain(app))),
    };
    response
        .with_header("Set-Cookie", removal(policy.name()))
        .with_header("Set-Cookie", removal(policy.csrf_name()))
}

/// A logout that could not be carried out: said plainly, and the cookie
/// is cleared all the same (this browser stops presenting it).
fn logout_failed(e: Error) -> Response {
    let status = match e {
        Error::StoreUnavailable | Error::StoreConflict | Error::RevocationListFull => 503,
        _ => 500,
    };
    html_error(
        status,
        &format!(
            "Logout failed: {e}. The session and its token could NOT be revoked, so they may \
             still be accepted elsewhere until they expire. This browser's session cookie has \
             been cleared anyway. Try logging out again (with the token) once the store is \
             back."
        ),
    )
    .with_header("Retry-After", "5")
}
