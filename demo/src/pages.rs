//! The HTML pages and JSON documents, with every interpolated value
//! escaped.

use jeton::cookie::{HTTP_DATE_LEN, format_http_date};
use jeton::json::JsonWriter;
use jeton::out::Sink;
use jeton::session::Revoked;

use crate::admit::{Admitted, TokenFacts};
use crate::app::{App, LoginMethod};
use crate::login::LoggedOut;
use crate::resource::{self, AccessFacts, Scheme};

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A Unix time as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn date(unix: i64) -> String {
    let mut buf = [0u8; HTTP_DATE_LEN];
    match format_http_date(unix, &mut buf) {
        Ok(n) => String::from_utf8_lossy(buf.get(..n).unwrap_or_default()).into_owned(),
        Err(_) => unix.to_string(),
    }
}

fn time(unix: i64) -> String {
    format!("<time>{}</time>", date(unix))
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;\
padding:0 1rem;color:#1d2430}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem}\
code,pre{font:14px ui-monospace,monospace;background:#f1f3f6;border-radius:4px}\
code{padding:0 .25rem}pre{padding:.6rem;white-space:pre-wrap;word-break:break-all}\
#token{display:block;padding:.6rem;word-break:break-all}\
.badge{display:inline-block;padding:.3rem .7rem;border-radius:1rem;font-weight:600}\
.ok{background:#dff3e4;color:#14532d}.no{background:#fde2e1;color:#7f1d1d}\
form.login{display:grid;gap:.5rem;max-width:20rem}input{font:inherit;padding:.3rem}\
button{font:inherit;padding:.35rem 1rem;cursor:pointer}\
a.button{display:inline-block;padding:.35rem 1rem;border:1px solid #1d2430;border-radius:4px;\
color:inherit;text-decoration:none;background:#f1f3f6}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\
dt{font-weight:600}dd{margin:0}\
footer{margin-top:3rem;color:#5b6472;font-size:.9rem}";

/// Wraps `body` in the page frame.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} · jeton demo</title><style>{STYLE}</style></head><body>\n{body}\n\
         <footer>jeton login demo: sessions, cookies and tokens from an allocation-free \
         <code>no_std</code> core. <a href=\"/\">Home</a> · <a href=\"/account\">Account</a> · \
         <a href=\"/api/me\">/api/me</a></footer></body></html>\n",
        esc(title)
    )
}

/// What the session cookie carries, for the pages that explain it.
fn cookie_story(app: &App) -> String {
    let policy = app.config().cookie;
    if policy.secure() {
        format!(
            "<code>{}</code> with <code>Path=/; Secure; HttpOnly; SameSite=Lax</code>. \
             <code>HttpOnly</code>: page scripts cannot read it. <code>SameSite=Lax</code>: \
             other sites' forms and scripts do not get it sent. <code>Secure</code> and the \
             <code>__Host-</code> prefix: only secure origins may set or receive it, and no \
             subdomain can plant one. Browsers count <code>http://localhost</code> and \
             <code>http://127.0.0.1</code> as secure, so this works here without TLS.",
            policy.name()
        )
    } else {
        format!(
            "<code>{}</code> with <code>Path=/; HttpOnly; SameSite=Lax</code> (without \
             <code>Secure</code>, as asked at start).",
            policy.name()
        )
    }
}

/// The login page; `notice` is shown above the form, `csrf` rides in it
/// (and in the link to the Basic login) for a browser that sends neither
/// `Origin` nor `Sec-Fetch-Site`.
pub fn home(
    app: &App,
    host: &str,
    signed_in: Option<&str>,
    notice: Option<&str>,
    csrf: &str,
) -> String {
    let (user, password) = app.config().users.first().cloned().unwrap_or_default();
    let (user, password) = if password == crate::app::DEMO_PASSWORD {
        (esc(&user), esc(&password))
    } else {
        (esc(&user), "the password given at start".to_owned())
    };
    let status = match signed_in {
        Some(name) => format!(
            "<p class=\"badge ok\">Signed in as {}</p> <a href=\"/account\">Go to your account</a>",
            esc(name)
        ),
        None => String::new(),
    };
    let notice = notice.map_or_else(String::new, |n| {
        format!("<p class=\"badge no\">{}</p>", esc(n))
    });
    page(
        "Log in",
        &format!(
            "<h1>Log in</h1>{status}{notice}\
             <form class=\"login\" method=\"post\" action=\"/login\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <label>User name <input name=\"username\" autocomplete=\"username\" required></label>\
             <label>Password <input name=\"password\" type=\"password\" \
             autocomplete=\"current-password\" required></label>\
             <button type=\"submit\">Log in</button></form>\
             <p>The demo user is <code>{user}</code> with password <code>{password}</code>. \
             Or <a href=\"/login/basic?csrf={csrf}\">log in with HTTP Basic</a> (the browser \
             asks), or from a terminal: <code>curl -u '{user}:{password}' -X POST -i \
             -H 'Origin: http://{host}' http://{host}/login</code>.</p>\
             <h2>What happens</h2><p>On success the server opens a session in its store and \
             gives your browser a cookie holding only the session's random ID: {}</p>\
             <p>It also issues a JSON Web Token (HS256) for API calls. The \
             <a href=\"/account\">account page</a> and <a href=\"/api/me\">/api/me</a> take either \
             and say which one let you in. Logging out revokes the session and the token \
             at once.</p>{provider}",
            cookie_story(app),
            provider = provider_section(app),
            host = esc(host),
            csrf = esc(csrf),
        ),
    )
}

/// The home page's "Sign in with the local provider", when a provider
/// was configured.
fn provider_section(app: &App) -> String {
    let Some(login) = app.oauth() else {
        return String::new();
    };
    let config = login.config();
    format!(
        "<h2>Or sign in with the local provider</h2>\
         <p><a class=\"button\" id=\"provider-login\" href=\"/oauth/start\">Sign in with the \
         local provider</a></p>\
         <p>OpenID Connect at <code>{issuer}</code> (client <code>{client}</code>): the \
         authorization code flow with PKCE. The server signs a <code>state</code> and binds \
         it to this browser with a short-lived cookie, derives the <code>nonce</code> and the \
         PKCE verifier from it, and stores nothing until the provider sends you back. Then \
         it checks the callback's issuer (RFC 9207) and the <code>state</code>, redeems the \
         code, verifies the ID token with the provider's published keys, and opens the same \
         kind of session as the form above. Any name and password sign in there.</p>\
         <p>The provider's access tokens for <code>{resource}</code> (scope \
         <code>{scope}</code>) open <a href=\"{path}\">{path}</a>, as \
         <code>Authorization: Bearer</code> or bound to the client's key with DPoP.</p>",
        issuer = esc(&config.issuer),
        client = esc(&config.client_id),
        resource = esc(&config.resource),
        scope = resource::REQUIRED_SCOPE,
        path = resource::PATH,
    )
}

/// The page of a redirect (a browser follows `Location` at once).
pub fn redirecting(url: &str) -> String {
    page(
        "Redirecting",
        &format!(
            "<p>Continue to <a href=\"{}\">the provider</a>.</p>",
            esc(url)
        ),
    )
}

/// A sign-in through the provider that was refused: the check that
/// failed (`name`, the `jeton::Error` variant, and its text), what it
/// means, and what the provider said, if anything.
pub fn sign_in_refused(
    status: u16,
    name: &str,
    text: &str,
    explanation: &str,
    detail: Option<&str>,
) -> String {
    let check = if name.is_empty() {
        String::new()
    } else {
        format!(
            "<p>jeton's check: <code id=\"error\">{}</code> ({})</p>",
            esc(name),
            esc(text)
        )
    };
    let detail = detail.map_or_else(String::new, |d| format!("<p id=\"detail\">{}</p>", esc(d)));
    page(
        "Sign-in refused",
        &format!(
            "<h1>Sign-in refused ({status} {})</h1>\
             <p class=\"badge no\" id=\"mechanism\">Not signed in</p>{check}\
             <p id=\"reason\">{}</p>{detail}\
             <p><a href=\"/\">Back to the login page</a></p>",
            crate::http::reason(status),
            esc(explanation),
        ),
    )
}

fn token_section(app: &App, token: &str, facts: &TokenFacts, host: &str) -> String {
    format!(
        "<h2>Your token for API calls</h2>\
         <p>A JSON Web Token issued at login, signed HS256 with a key the server drew at \
         start:</p><code id=\"token\">{}</code>\
         <dl><dt>iss</dt><dd>{}</dd><dt>sub</dt><dd>{}</dd><dt>aud</dt><dd>{}</dd>\
         <dt>iat</dt><dd>{}</dd><dt>exp</dt><dd>{}</dd><dt>jti</dt><dd><code id=\"jti\">{}</code></dd></dl>\
         <p>Call the API with it:</p><pre>curl -H 'Authorization: Bearer {}' http://{}/api/me</pre>\
         <p>Logging out puts this token's <code>jti</code> on the revocation list until its \
         <code>exp</code>: from then on it is refused although its signature is good. A token \
         from another login is not on the list and passes until it expires.</p>",
        esc(token),
        esc(&app.config().issuer),
        esc(&facts.subject),
        esc(&app.config().audience),
        time(facts.issued_at),
        time(facts.expires_at),
        esc(&facts.jti),
        esc(token),
        esc(host),
    )
}

/// The protected page. `token` is the session's token, when a session
/// admitted the request, and `csrf` the CSRF token of its logout form.
pub fn account(
    app: &App,
    admitted: &Admitted,
    token: Option<&str>,
    csrf: Option<&str>,
    host: &str,
) -> String {
    let policy = app.config().cookie;
    let body = match admitted {
        Admitted::Session { session, .. } => {
            let record = session.user;
            let user = record.user.as_str();
            let facts = TokenFacts {
                subject: user.to_owned(),
                jti: record.jti().to_owned(),
                issued_at: record.token_iat,
                expires_at: record.token_exp,
            };
            format!(
                "<h1>Account of {}</h1>\
                 <p class=\"badge ok\" id=\"mechanism\">Admitted by the session cookie</p>\
                 <p>This request carried the <code>{}</code> cookie. The server looked up the \
                 SHA-256 of its value in its session store and found a live session of \
                 <b>{}</b>, opened with {} at {}. It now expires at {} unless you come back \
                 ({} minutes after each request, and never after {}).</p>\
                 {}\
                 <p>Your browser holds the cookie, but this page's scripts cannot read it: it \
                 is <code>HttpOnly</code>, so <code>document.cookie</code> does not show it.</p>\
                 {}\
                 <h2>Log out</h2><form method=\"post\" action=\"/logout\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <button type=\"submit\" id=\"logout\">Log out</button></form>\
                 <p>Ends the session in the store and revokes the token's <code>jti</code> at \
                 once, and clears the cookie.</p>",
                esc(user),
                policy.name(),
                esc(user),
                record.via.describe(),
                time(session.created),
                time(session.expires),
                app.config().session_idle / 60,
                time(
                    session
                        .created
                        .saturating_add(i64::try_from(app.config().session_lifetime).unwrap_or(0))
                ),
                provider_story(app, record.via),
                token.map_or_else(String::new, |t| token_section(app, t, &facts, host)),
                esc(csrf.unwrap_or_default()),
            )
        }
        Admitted::Bearer(facts) => format!(
            "<h1>Account of {}</h1>\
             <p class=\"badge ok\" id=\"mechanism\">Admitted by a Bearer token</p>\
             <p>This request carried <code>Authorization: Bearer</code> with a JSON Web Token. \
             The server checked its HS256 signature with its key, its issuer \
             <code>{}</code> and audience <code>{}</code>, that it has not expired (it \
             expires at {}), and that its <code>jti</code> <code>{}</code> is not on the \
             revocation list. No server-side session was consulted.</p>\
             <p>To revoke this token:</p>\
             <pre>curl -X POST -H 'Authorization: Bearer …' http://{}/logout</pre>",
            esc(&facts.subject),
            esc(&app.config().issuer),
            esc(&app.config().audience),
            time(facts.expires_at),
            esc(&facts.jti),
            esc(host),
        ),
    };
    page("Account", &body)
}

/// How a session opened through the provider came about.
fn provider_story(app: &App, via: LoginMethod) -> String {
    match (via, app.oauth()) {
        (LoginMethod::Provider, Some(login)) => format!(
            "<p id=\"provider\">You signed in at <code>{}</code>. It sent your browser back \
             with a code; this server checked the callback's <code>iss</code> and its signed \
             <code>state</code> against this browser's binding cookie, redeemed the code with \
             its client secret and the PKCE verifier, and verified the ID token (the \
             provider's signature from its JWK Set, <code>iss</code>, <code>aud</code>, \
             <code>exp</code>, this sign-in's <code>nonce</code>) before opening this session \
             for its subject.</p>",
            esc(&login.config().issuer)
        ),
        _ => String::new(),
    }
}

/// A refusal: the status, the reason in plain words, and the challenge
/// that was sent.
pub fn refused(status: u16, reason: &str, challenge: Option<&str>) -> String {
    let challenge = challenge.map_or_else(String::new, |c| {
        format!(
            "<p>The response carries <code>WWW-Authenticate: {}</code>.</p>",
            esc(c)
        )
    });
    page(
        "Refused",
        &format!(
            "<h1>Refused ({status} {})</h1>\
             <p class=\"badge no\" id=\"mechanism\">Not admitted</p>\
             <p id=\"reason\">{}</p>{challenge}\
             <p><a href=\"/\">Log in</a> to get a session and a token.</p>",
            crate::http::reason(status),
            esc(reason)
        ),
    )
}

/// The page after a logout: what was ended, and plainly what could not
/// be (the response is then a 503).
pub fn logged_out(app: &App, out: &LoggedOut) -> String {
    let session = match &out.session {
        Some(Ok(())) => format!(
            "<li>The session was removed from the server's store: the <code>{}</code> cookie \
             is worthless now, even if a copy of it survives somewhere.</li>",
            app.config().cookie.name(),
        ),
        Some(Err(e)) => format!(
            "<li id=\"session-failed\">The session could NOT be ended ({}): the store cannot \
             be reached. It stays valid until it idles out.</li>",
            esc(&e.to_string())
        ),
        None => String::new(),
    };
    let cleared = format!(
        "<li>The browser was told to delete the cookie (<code>Max-Age=0</code>, with the \
         same attributes it was set with: {}).</li>",
        if app.config().cookie.secure() {
            "<code>Path=/; Secure; HttpOnly; SameSite=Lax</code>"
        } else {
            "<code>Path=/; HttpOnly; SameSite=Lax</code>"
        }
    );
    let token = match &out.token {
        Ok(Revoked::AlreadyLapsed) => format!(
            "<li>The token with <code>jti</code> <code id=\"revoked-jti\">{}</code> has expired \
             already ({}): it is refused as expired, so the revocation list needs no entry.</li>",
            esc(&out.jti),
            time(out.until),
        ),
        Ok(Revoked::Recorded) => format!(
            "<li>The token with <code>jti</code> <code id=\"revoked-jti\">{}</code> is on the \
             revocation list until {} (its own expiry; after that it is refused as expired \
             anyway). Presented again, it is refused with <code>error=\"invalid_token\"</code>.</li>",
            esc(&out.jti),
            time(out.until),
        ),
        Err(e) => format!(
            "<li id=\"token-failed\">The token with <code>jti</code> <code>{}</code> could NOT \
             be revoked ({}): it stays valid until {}, its own expiry.</li>",
            esc(&out.jti),
            esc(&e.to_string()),
            time(out.until),
        ),
    };
    let (title, badge) = match out.failure() {
        None => ("Logged out", format!("{} is logged out", esc(&out.user))),
        Some(_) => (
            "Logout incomplete",
            format!("{} is logged out only in part", esc(&out.user)),
        ),
    };
    page(
        title,
        &format!(
            "<h1>{title}</h1><p class=\"badge ok\">{badge}</p><ul>{session}{cleared}{token}\
             </ul><p>A token from another login was not revoked: it passes until its \
             <code>exp</code>. That is the difference between a signed token and a server-side \
             session.</p><p><a href=\"/\">Log in again</a></p>",
        ),
    )
}

/// A logout that found nothing to end.
pub fn nothing_to_log_out(reason: &str) -> String {
    page(
        "Logged out",
        &format!(
            "<h1>Nothing to log out</h1><p>{}</p><p>The browser was told to delete the session \
             cookie all the same.</p><p><a href=\"/\">Log in</a></p>",
            esc(reason)
        ),
    )
}

/// A page for the other errors (400, 404, 405, 500, 503...).
pub fn error(status: u16, reason: &str) -> String {
    page(
        crate::http::reason(status),
        &format!(
            "<h1>{status} {}</h1><p id=\"reason\">{}</p><p><a href=\"/\">Home</a></p>",
            crate::http::reason(status),
            esc(reason)
        ),
    )
}

/// A [`Sink`] that grows: jeton's writers target caller buffers, and the
/// demo has an allocator.
struct VecSink(Vec<u8>);

impl Sink for VecSink {
    fn put(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}

/// `/api/me` for an admitted request.
pub fn me_json(app: &App, admitted: &Admitted) -> Vec<u8> {
    let mut w = JsonWriter::new(VecSink(Vec::new()));
    w.begin_object();
    w.name("admitted").bool(true);
    w.name("mechanism").str(admitted.mechanism());
    w.name("store").str(if app.is_shared() {
        "redis"
    } else {
        "in-process"
    });
    match admitted {
        Admitted::Session { session, .. } => {
            let record = session.user;
            w.name("user").str(record.user.as_str());
            w.name("explanation").str(
                "Admitted by the session cookie: its ID names a live session in the server's store.",
            );
            w.name("session").begin_object();
            w.name("created").i64(session.created);
            w.name("expires").i64(session.expires);
            w.end_object();
            w.name("token").begin_object();
            w.name("jti").str(record.jti());
            w.name("exp").i64(record.token_exp);
            w.end_object();
        }
        Admitted::Bearer(facts) => {
            w.name("user").str(&facts.subject);
            w.name("explanation").str(
                "Admitted by a Bearer JWT: signature, issuer, audience and expiry check out, \
                 and its jti is not revoked. No session was consulted.",
            );
            w.name("token").begin_object();
            w.name("jti").str(&facts.jti);
            w.name("iat").i64(facts.issued_at);
            w.name("exp").i64(facts.expires_at);
            w.end_object();
        }
    }
    w.end_object();
    w.into_inner().0
}

/// The JSON body of a refusal (the OAuth 2.0 error shape), with the
/// `jeton::Error` of the check that failed, when one did.
pub fn refused_json(error: &str, description: &str, check: Option<jeton::Error>) -> Vec<u8> {
    let mut w = JsonWriter::new(VecSink(Vec::new()));
    w.begin_object();
    w.name("admitted").bool(false);
    w.name("error").str(error);
    w.name("error_description").str(description);
    if let Some(e) = check {
        w.name("check").str(e.name());
    }
    w.end_object();
    w.into_inner().0
}

/// `/api/oauth/me` for an admitted access token of the provider.
pub fn access_token_json(app: &App, facts: &AccessFacts) -> Vec<u8> {
    let mut w = JsonWriter::new(VecSink(Vec::new()));
    w.begin_object();
    w.name("admitted").bool(true);
    w.name("mechanism").str(match facts.scheme {
        Scheme::Bearer => "bearer_access_token",
        Scheme::Dpop => "dpop_access_token",
    });
    w.name("user").str(&facts.subject);
    w.name("client_id").str(&facts.client_id);
    if let Some(login) = app.oauth() {
        w.name("issuer").str(&login.config().issuer);
        w.name("resource").str(&login.config().resource);
    }
    w.name("scope").begin_array();
    for scope in &facts.scopes {
        w.str(scope);
    }
    w.end_array();
    w.name("exp").i64(facts.expires_at);
    if let Some(jkt) = &facts.jkt {
        w.name("jkt").str(jkt);
    }
    w.name("explanation").str(match facts.scheme {
        Scheme::Bearer => {
            "Admitted by the provider's RFC 9068 access token as a bearer token: its signature \
             (the provider's JWK Set), issuer, audience (this resource), expiry and scope check \
             out, and it is bound to no key."
        }
        Scheme::Dpop => {
            "Admitted by the provider's RFC 9068 access token bound to a key (cnf.jkt), with a \
             DPoP proof of that key for this method and URL, carrying the token's hash, fresh \
             and never seen before."
        }
    });
    w.end_object();
    w.into_inner().0
}
