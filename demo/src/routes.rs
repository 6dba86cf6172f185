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

use jeton::Error;
use jeton::auth::{self, BasicChallenge};
use jeton::cookie::{SameSite, SetCookie};

use crate::admit::{self, Admitted, REALM, Refusal};
use crate::app::{App, LoginMethod};
use crate::form;
use crate::http::{Request, Response};
use crate::login::{self, Replaced};
use crate::pages;

const PATHS: [(&str, &str); 6] = [
    ("/", "GET"),
    ("/login", "POST"),
    ("/login/basic", "GET"),
    ("/account", "GET"),
    ("/api/me", "GET"),
    ("/logout", "POST"),
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
        ("POST", "/login") => same_origin(req, host).unwrap_or_else(|| login(app, req, host)),
        ("GET", "/login/basic") => login_basic(app, req),
        ("GET", "/account") => account(app, req, host),
        ("GET", "/api/me") => api_me(app, req),
        ("POST", "/logout") => same_origin(req, host).unwrap_or_else(|| logout(app, req)),
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

/// Refuses a cross-origin POST (login CSRF): a browser names the page's
/// origin in `Origin` (or `null` when it may not), which must be this
/// server's. Clients that send no `Origin` (curl) are let through.
fn same_origin(req: &Request, host: &str) -> Option<Response> {
    let origin = req.header("origin")?;
    if origin.eq_ignore_ascii_case(format!("http://{host}").as_bytes()) {
        None
    } else {
        Some(html_error(
            403,
            "This form was posted from another origin: refused (cross-site request forgery).",
        ))
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
            "The revocation list is full of tokens that have not expired yet: try again later.",
        )
        .with_header("Retry-After", "60"),
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
            Admitted::Session { session, .. } => app.user_name(session.user.user).to_owned(),
            Admitted::Bearer(facts) => facts.subject,
        });
    Response::html(200, pages::home(app, host, signed_in.as_deref(), None))
}

/// Opens a session and sends the browser to its account page.
fn open_session(app: &App, req: &Request, user: usize, via: LoginMethod) -> Response {
    // A live session the browser already holds is rotated or revoked.
    let previous = admit::admit(app, None, req.header("cookie")).ok();
    match login::log_in(app, user, via, previous.as_ref()) {
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

/// Checks `Authorization: Basic`; `Ok(user)` or the refusal to send.
fn basic_user(app: &App, header: &[u8]) -> Result<usize, Response> {
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
        Ok(creds) => app
            .check_password(creds.user, creds.password)
            .ok_or_else(|| refuse(401, "That user name and password do not match.")),
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
        return match basic_user(app, header) {
            Ok(user) => open_session(app, req, user, LoginMethod::Basic),
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
    match app.check_password(user.as_bytes(), password.as_bytes()) {
        Some(user) => open_session(app, req, user, LoginMethod::Form),
        // A form is not an HTTP authentication scheme: there is no
        // challenge to send, so not 401.
        None => Response::html(
            403,
            pages::home(
                app,
                host,
                None,
                Some("That user name and password do not match."),
            ),
        ),
    }
}

fn login_basic(app: &App, req: &Request) -> Response {
    match req.header("authorization") {
        Some(header) => match basic_user(app, header) {
            Ok(user) => open_session(app, req, user, LoginMethod::Basic),
            Err(refusal) => refusal,
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
            Response::html(200, pages::account(app, &admitted, token.as_deref(), host))
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
            let body = pages::refused_json(error, &refusal.explain(app));
            Response::json(refusal.status(), body)
                .with_header("WWW-Authenticate", refusal.challenge())
        }
    }
}

fn logout(app: &App, req: &Request) -> Response {
    let policy = app.config().cookie;
    let removal = SetCookie::removal(policy.name())
        .path("/")
        .secure(policy.secure())
        .http_only(true)
        .same_site(SameSite::Lax)
        .to_heapless::<256>()
        .map(|c| c.as_str().to_owned())
        .unwrap_or_default();
    let response = match admit(app, req) {
        Ok(admitted) => match login::log_out(app, &admitted) {
            Ok(out) => Response::html(200, pages::logged_out(app, &out)),
            Err(e) => return server_error(e),
        },
        Err(refusal @ Refusal::MalformedAuthorization) => {
            return Response::html(400, pages::refused(400, &refusal.explain(app), None));
        }
        Err(refusal) => Response::html(200, pages::nothing_to_log_out(&refusal.explain(app))),
    };
    response.with_header("Set-Cookie", removal)
}
