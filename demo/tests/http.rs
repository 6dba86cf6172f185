//! Drives the login demo over 127.0.0.1 with real HTTP requests: the whole
//! scenario (refusal, form and Basic login, cookie and Bearer admission,
//! logout revoking the session and its token while another token still
//! passes until it expires), session rotation at login, bad input, and
//! the defences: logout with a full revocation list, a revocation list
//! that logins cannot fill, the per-user session cap, the login limit,
//! and cross-site requests.
//!
//! Each test starts its own server on a free port with a clock it moves
//! itself; every socket operation has a 5-second limit, so a hung server
//! fails the test rather than hanging it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use jeton_demo::app::REVOCATION_CAPACITY;
use jeton_demo::{App, Clock, Config};

const T0: i64 = 1_800_000_000;
const LIMIT: Duration = Duration::from_secs(5);
const FORM: &str = "Content-Type: application/x-www-form-urlencoded";
const COOKIE: &str = "__Host-session";

struct Demo {
    addr: SocketAddr,
    clock: Arc<AtomicI64>,
    app: Arc<App>,
}

impl Demo {
    fn start() -> Demo {
        Demo::start_with(Config::default())
    }

    fn start_with(config: Config) -> Demo {
        let clock = Arc::new(AtomicI64::new(T0));
        let app = Arc::new(App::new(config, Clock::Manual(Arc::clone(&clock))).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let served = Arc::clone(&app);
        std::thread::spawn(move || jeton_demo::serve(listener, served));
        Demo { addr, clock, app }
    }

    /// `Origin` as a page of this server sends it.
    fn origin(&self) -> String {
        format!("Origin: http://{}", self.addr)
    }

    /// `Origin` of a page on another port of this host.
    fn other_port(&self) -> String {
        format!(
            "Origin: http://127.0.0.1:{}",
            self.addr.port() % 60000 + 1024
        )
    }

    fn advance(&self, seconds: i64) {
        self.clock.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sends raw bytes and reads the whole answer (the server closes).
    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect_timeout(&self.addr, LIMIT).unwrap();
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        stream.set_write_timeout(Some(LIMIT)).unwrap();
        // The server may answer and close before it has read everything
        // (431): a failed write is not the test's business.
        let _ = stream.write_all(request);
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        Reply::parse(&answer)
    }

    fn request(&self, method: &str, path: &str, headers: &[&str], body: &str) -> Reply {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        if !body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        head.push_str(body);
        self.raw(head.as_bytes())
    }

    fn get(&self, path: &str, headers: &[&str]) -> Reply {
        self.request("GET", path, headers, "")
    }

    /// A POST as a page of this server makes it: with its `Origin`,
    /// unless the test says where it comes from itself.
    fn post(&self, path: &str, headers: &[&str], body: &str) -> Reply {
        let says = headers.iter().any(|h| {
            let h = h.to_ascii_lowercase();
            h.starts_with("origin:") || h.starts_with("sec-fetch-site:")
        });
        let origin = self.origin();
        let mut all = headers.to_vec();
        if !says {
            all.push(&origin);
        }
        self.request("POST", path, &all, body)
    }

    fn form_login(&self, extra: &[&str]) -> Reply {
        let mut headers = vec![FORM];
        headers.extend_from_slice(extra);
        self.post("/login", &headers, "username=demo&password=correct+horse")
    }

    /// The session ID a successful login set.
    fn session_of(login: &Reply) -> String {
        assert_eq!(login.status, 303, "{}", login.body);
        assert_eq!(login.header("location"), Some("/account"));
        let set_cookie = login.header("set-cookie").expect("a Set-Cookie");
        let (pair, attributes) = set_cookie.split_once("; ").unwrap();
        assert_eq!(attributes, "Path=/; Secure; HttpOnly; SameSite=Lax");
        let id = pair.strip_prefix("__Host-session=").unwrap();
        assert!(jeton::session::is_well_formed_id(id.as_bytes()), "{id}");
        id.to_owned()
    }

    /// The token the account page shows to the holder of `session`.
    fn token_of(&self, session: &str) -> String {
        let page = self.get("/account", &[&cookie(session)]);
        assert_eq!(page.status, 200, "{}", page.body);
        between(&page.body, "<code id=\"token\">", "</code>").to_owned()
    }
}

fn cookie(session: &str) -> String {
    format!("Cookie: theme=dark; {COOKIE}={session}")
}

fn bearer(token: &str) -> String {
    format!("Authorization: Bearer {token}")
}

fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {text}"))
        + start.len();
    let len = text[from..].find(end).unwrap();
    &text[from..from + len]
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap();
        assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
        let status = status_line[9..12].parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .map(|l| {
                let (n, v) = l.split_once(": ").unwrap();
                (n.to_ascii_lowercase(), v.to_owned())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .map(|(_, v)| v.parse().unwrap())
            .unwrap();
        assert_eq!(length, body.len(), "Content-Length matches the body");
        Reply {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json_str(&self, member: &str) -> &str {
        between(&self.body, &format!("\"{member}\":\""), "\"")
    }
}

#[test]
fn unauthenticated_requests_are_challenged() {
    let demo = Demo::start();
    let api = demo.get("/api/me", &[]);
    assert_eq!(api.status, 401);
    assert_eq!(
        api.header("www-authenticate"),
        Some(r#"Bearer realm="jeton demo""#)
    );
    assert_eq!(api.header("content-type"), Some("application/json"));
    assert_eq!(api.json_str("error"), "unauthorized");
    assert!(api.json_str("error_description").contains("no credentials"));

    let page = demo.get("/account", &[]);
    assert_eq!(page.status, 401);
    assert!(
        page.header("www-authenticate")
            .unwrap()
            .starts_with("Bearer ")
    );
    assert!(page.body.contains("This request carried no credentials"));

    let basic = demo.get("/login/basic", &[]);
    assert_eq!(basic.status, 401);
    assert_eq!(
        basic.header("www-authenticate"),
        Some(r#"Basic realm="jeton demo", charset="UTF-8""#)
    );

    let home = demo.get("/", &[]);
    assert_eq!(home.status, 200);
    assert!(
        home.body
            .contains("<form class=\"login\" method=\"post\" action=\"/login\">")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
}

#[test]
fn login_session_token_logout_and_an_unrevoked_token() {
    let demo = Demo::start();

    // Log in with the form: a session cookie, and a token on the page.
    let first = Demo::session_of(&demo.form_login(&[]));
    let page = demo.get("/account", &[&cookie(&first)]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Admitted by the session cookie"));
    assert!(page.body.contains("opened with the login form"));
    let token = demo.token_of(&first);
    assert_eq!(token.split('.').count(), 3);
    assert_eq!(
        demo.token_of(&first),
        token,
        "the page shows the same token"
    );

    let me = demo.get("/api/me", &[&cookie(&first)]);
    assert_eq!(
        (me.status, me.json_str("mechanism")),
        (200, "session_cookie")
    );
    assert_eq!(me.json_str("user"), "demo");
    let jti = me.json_str("jti").to_owned();

    // The token admits the API, with no cookie.
    let me = demo.get("/api/me", &[&bearer(&token)]);
    assert_eq!((me.status, me.json_str("mechanism")), (200, "bearer_jwt"));
    assert_eq!(me.json_str("jti"), jti);
    let page = demo.get("/account", &[&bearer(&token)]);
    assert!(page.body.contains("Admitted by a Bearer token"));

    // A second login, with HTTP Basic, from another client.
    let basic = demo.post(
        "/login",
        &["Authorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl"],
        "",
    );
    let second = Demo::session_of(&basic);
    assert_ne!(second, first);
    let other_token = demo.token_of(&second);
    assert_ne!(other_token, token);
    assert!(
        demo.get("/account", &[&cookie(&second)])
            .body
            .contains("opened with HTTP Basic credentials")
    );

    // Log out of the first: session and token revoked at once.
    demo.advance(60);
    let out = demo.post("/logout", &[&cookie(&first)], "");
    assert_eq!(out.status, 200, "{}", out.body);
    assert_eq!(
        out.header("set-cookie"),
        Some(
            "__Host-session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; \
             Secure; HttpOnly; SameSite=Lax"
        )
    );
    assert!(
        out.body
            .contains(&format!("<code id=\"revoked-jti\">{jti}</code>"))
    );

    let me = demo.get("/api/me", &[&cookie(&first)]);
    assert_eq!(me.status, 401);
    assert!(
        me.json_str("error_description")
            .contains("names no session")
    );
    let me = demo.get("/api/me", &[&bearer(&token)]);
    assert_eq!(me.status, 401);
    assert_eq!(
        me.header("www-authenticate"),
        Some(
            r#"Bearer realm="jeton demo", error="invalid_token", error_description="JWT revoked""#
        )
    );
    assert_eq!(me.json_str("error"), "invalid_token");
    assert!(
        me.json_str("error_description")
            .contains("revoked at logout")
    );
    let page = demo.get("/account", &[&bearer(&token)]);
    assert_eq!(page.status, 401);
    assert!(page.body.contains("This token was revoked at logout"));

    // The other login's token and session are untouched.
    let me = demo.get("/api/me", &[&bearer(&other_token)]);
    assert_eq!((me.status, me.json_str("mechanism")), (200, "bearer_jwt"));
    assert_eq!(demo.get("/api/me", &[&cookie(&second)]).status, 200);

    // ...until the token expires (15 minutes): then it is refused as
    // expired, while the session, touched just now, lives on.
    demo.advance(15 * 60);
    let me = demo.get("/api/me", &[&bearer(&other_token)]);
    assert_eq!(me.status, 401);
    assert!(me.json_str("error_description").contains("expired"));
    assert!(
        me.header("www-authenticate")
            .unwrap()
            .contains("JWT expired")
    );
    assert_eq!(demo.get("/api/me", &[&cookie(&second)]).status, 200);

    // A session idle for 30 minutes expires.
    demo.advance(30 * 60);
    let me = demo.get("/api/me", &[&cookie(&second)]);
    assert_eq!(me.status, 401);
    assert!(me.json_str("error_description").contains("expired"));

    // Logging out with a revoked token or a dead cookie ends nothing.
    let out = demo.post("/logout", &[&cookie(&first)], "");
    assert_eq!(out.status, 200);
    assert!(out.body.contains("Nothing to log out"));
}

#[test]
fn logging_in_again_never_keeps_the_session_id() {
    let demo = Demo::start();
    let before = Demo::session_of(&demo.form_login(&[]));
    let token = demo.token_of(&before);

    // The browser still holds a live session: login moves it to a new ID.
    let after = Demo::session_of(&demo.form_login(&[&cookie(&before)]));
    assert_ne!(after, before);
    assert_eq!(demo.get("/api/me", &[&cookie(&before)]).status, 401);
    assert_eq!(demo.get("/api/me", &[&cookie(&after)]).status, 200);
    assert_eq!(
        demo.token_of(&after),
        token,
        "the session, token included, moved"
    );

    // An ID the server never issued is ignored, not adopted.
    let planted = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let fresh = Demo::session_of(&demo.form_login(&[&cookie(planted)]));
    assert_ne!(fresh, planted);
    assert_eq!(demo.get("/api/me", &[&cookie(planted)]).status, 401);
}

#[test]
fn another_user_logging_in_ends_the_session_the_browser_held() {
    let mut config = Config::default();
    config
        .users
        .push(("ada".to_owned(), "analytical engine".to_owned()));
    let demo = Demo::start_with(config);
    let demos = Demo::session_of(&demo.form_login(&[]));
    let demos_token = demo.token_of(&demos);

    let login = demo.post(
        "/login",
        &[FORM, &cookie(&demos)],
        "username=ada&password=analytical+engine",
    );
    let adas = Demo::session_of(&login);
    assert!(
        login
            .body
            .contains("The earlier session in this browser was logged out.")
    );
    let me = demo.get("/api/me", &[&cookie(&adas)]);
    assert_eq!((me.status, me.json_str("user")), (200, "ada"));
    assert_eq!(demo.get("/api/me", &[&cookie(&demos)]).status, 401);
    let me = demo.get("/api/me", &[&bearer(&demos_token)]);
    assert_eq!(me.status, 401);
    assert!(
        me.json_str("error_description")
            .contains("revoked at logout")
    );
}

#[test]
fn a_password_given_at_start_is_not_shown() {
    let mut config = Config::default();
    config.users[0].1 = "s3cret-from-the-environment".to_owned();
    let demo = Demo::start_with(config);
    let home = demo.get("/", &[]);
    assert!(!home.body.contains("s3cret"));
    assert!(!home.body.contains("correct horse"));
    let login = demo.post(
        "/login",
        &[FORM],
        "username=demo&password=s3cret-from-the-environment",
    );
    Demo::session_of(&login);
}

#[test]
fn wrong_credentials_are_refused() {
    let demo = Demo::start();
    let wrong = demo.post("/login", &[FORM], "username=demo&password=wrong");
    assert_eq!(wrong.status, 403);
    assert!(
        !wrong
            .headers
            .iter()
            .any(|(n, v)| n == "set-cookie" && v.starts_with("__Host-session=")),
        "no session"
    );
    assert!(wrong.body.contains("do not match"));
    let unknown = demo.post("/login", &[FORM], "username=eve&password=correct+horse");
    assert_eq!(unknown.status, 403);

    // demo:wrong
    let basic = demo.post("/login", &["Authorization: Basic ZGVtbzp3cm9uZw=="], "");
    assert_eq!(basic.status, 401);
    assert!(
        basic
            .header("www-authenticate")
            .unwrap()
            .starts_with("Basic realm=")
    );
    let basic = demo.get(
        "/login/basic",
        &[
            "Authorization: Basic ZGVtbzp3cm9uZw==",
            "Sec-Fetch-Site: same-origin",
        ],
    );
    assert_eq!(basic.status, 401);
    let basic = demo.get(
        "/login/basic",
        &[
            "Authorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl",
            "Sec-Fetch-Site: none",
        ],
    );
    Demo::session_of(&basic);

    assert_eq!(demo.post("/login", &[FORM], "username=demo").status, 400);
    assert_eq!(
        demo.post("/login", &[FORM], "username=demo&password=%E0%A4%A")
            .status,
        400
    );
    assert_eq!(
        demo.post("/login", &[FORM], "username=demo&username=x&password=y")
            .status,
        400
    );
    assert_eq!(
        demo.post("/login", &["Content-Type: text/plain"], "username=demo")
            .status,
        415
    );
    assert_eq!(
        demo.post("/login", &["Authorization: Basic !!!"], "")
            .status,
        400
    );
}

#[test]
fn bad_input_gets_4xx_and_the_server_keeps_running() {
    let demo = Demo::start();
    let session = Demo::session_of(&demo.form_login(&[]));
    let token = demo.token_of(&session);
    let status = |headers: &[&str]| demo.get("/api/me", headers).status;

    // Malformed cookies.
    assert_eq!(status(&["Cookie: __Host-session=%%%; ;;==;; =x"]), 401);
    assert_eq!(status(&["Cookie: __Host-session=\"quoted\""]), 401);
    assert_eq!(status(&["Cookie: ;;;;"]), 401);
    let many = format!("Cookie: {}", "a=1;".repeat(200));
    assert_eq!(status(&[&many]), 400);
    // A good session after a bad one of the same name still counts.
    let tossed = format!("Cookie: {COOKIE}=forged; {COOKIE}={session}");
    assert_eq!(status(&[&tossed]), 200);

    // Malformed Authorization headers.
    assert_eq!(status(&["Authorization: Bearer"]), 400);
    assert_eq!(status(&["Authorization: Bearer a b"]), 400);
    assert_eq!(status(&["Authorization: Bearer ===="]), 400);
    let me = demo.get(
        "/api/me",
        &["Authorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl"],
    );
    assert_eq!(me.status, 401, "Basic does not open the API");
    assert_eq!(
        me.header("www-authenticate"),
        Some(r#"Bearer realm="jeton demo""#)
    );
    assert_eq!(status(&["Authorization: Bearer eyJ.eyJ.sig"]), 401);
    assert_eq!(status(&["Authorization: Bearer not-a-jwt"]), 401);
    let mut forged = token.clone().into_bytes();
    let last = forged.len() - 2;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let me = demo.get("/api/me", &[&bearer(std::str::from_utf8(&forged).unwrap())]);
    assert_eq!(me.status, 401);
    assert!(me.json_str("error_description").contains("does not verify"));
    // The header decides alone: a bad token with a good cookie is refused.
    assert_eq!(
        status(&["Authorization: Bearer x.y.z", &cookie(&session)]),
        401
    );
    assert_eq!(
        status(&["Authorization: Bearer a", "Authorization: Bearer b"]),
        400
    );

    // Garbage and oversized requests.
    assert_eq!(demo.raw(b"garbage\r\n\r\n").status, 400);
    assert_eq!(demo.raw(b"\x00\xff\xfe\x16\x03\x01\r\n\r\n").status, 400);
    assert_eq!(demo.raw(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").status, 400);
    assert_eq!(demo.raw(b"GET / HTTP/3.0\r\nHost: a\r\n\r\n").status, 505);
    assert_eq!(demo.raw(b"GET /\r\n\r\n").status, 400);
    let long = format!("X-Filler: {}", "a".repeat(9000));
    assert_eq!(status(&[&long]), 431);
    let lots: Vec<String> = (0..100).map(|i| format!("X-{i}: {i}")).collect();
    let lots: Vec<&str> = lots.iter().map(String::as_str).collect();
    assert_eq!(status(&lots), 431);
    let big_body = demo.raw(
        format!(
            "POST /login HTTP/1.1\r\nHost: {}\r\n{FORM}\r\nContent-Length: 100000\r\n\r\n",
            demo.addr
        )
        .as_bytes(),
    );
    assert_eq!(big_body.status, 413);
    let chunked = demo.post("/login", &[FORM, "Transfer-Encoding: chunked"], "");
    assert_eq!(chunked.status, 501);

    // A connection closed early, or half a request.
    drop(TcpStream::connect_timeout(&demo.addr, LIMIT).unwrap());
    {
        let mut half = TcpStream::connect_timeout(&demo.addr, LIMIT).unwrap();
        half.write_all(b"GET /account HTTP/1.1\r\nHost: 127.0.0.1\r\nCoo")
            .unwrap();
    }

    // Hosts and origins that are not this server, methods and paths it
    // does not serve.
    let rebound = demo.raw(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert_eq!(rebound.status, 400);
    let binary_host = demo.raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\xff\r\n\r\n");
    assert_eq!(binary_host.status, 400);
    let csrf = demo.post(
        "/login",
        &[FORM, "Origin: http://evil.example"],
        "username=demo&password=correct+horse",
    );
    assert_eq!(csrf.status, 403);
    assert!(csrf.header("set-cookie").is_none());
    let opaque = demo.post("/logout", &["Origin: null", &cookie(&session)], "");
    assert_eq!(opaque.status, 403, "a sandboxed or privacy-stripped origin");
    let same_origin = format!("Origin: http://{}", demo.addr);
    Demo::session_of(&demo.form_login(&[&same_origin]));
    let get_logout = demo.get("/logout", &[]);
    assert_eq!(
        (get_logout.status, get_logout.header("allow")),
        (405, Some("POST"))
    );
    assert_eq!(demo.get("/nope", &[]).status, 404);

    // Still serving, and the session and token still good.
    assert_eq!(demo.get("/", &[]).status, 200);
    assert_eq!(status(&[&cookie(&session)]), 200);
    assert_eq!(status(&[&bearer(&token)]), 200);
}

/// Thousands of mutated requests straight through the reader and the
/// router (no sockets): each gets an answer, none panics.
#[test]
fn mutated_requests_never_panic() {
    let clock = Arc::new(AtomicI64::new(T0));
    let app = App::new(Config::default(), Clock::Manual(clock)).unwrap();
    let seeds: [&[u8]; 4] = [
        b"POST /login HTTP/1.1\r\nHost: 127.0.0.1:1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 36\r\n\r\nusername=demo&password=correct+horse",
        b"GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln\r\n\r\n",
        b"GET /account HTTP/1.1\r\nHost: [::1]:8080\r\nCookie: __Host-session=AAAAAAAAAAAAAAAAAAAAAA; a=\"b\"\r\n\r\n",
        b"POST /logout HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://127.0.0.1\r\nAuthorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl\r\n\r\n",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut answered = 0;
    for round in 0..4000 {
        let mut bytes = seeds[round % seeds.len()].to_vec();
        let noise = b"\r\n:;=%+ \"\x00\xff";
        for _ in 0..1 + next() % 4 {
            if bytes.is_empty() {
                break;
            }
            let at = (next() as usize) % bytes.len();
            match next() % 4 {
                0 => bytes[at] = next() as u8,
                1 => {
                    bytes.remove(at);
                }
                2 => bytes.insert(at, noise[(next() as usize) % noise.len()]),
                _ => bytes.truncate(at),
            }
        }
        if let Ok(request) = jeton_demo::http::read_request(&mut &bytes[..]) {
            let response = jeton_demo::routes::handle(&app, &request);
            assert!((200..600).contains(&response.status));
            answered += 1;
        }
    }
    assert!(
        answered > 100,
        "{answered} mutated requests got through the reader"
    );
}

#[test]
fn the_plain_cookie_policy_drops_secure_and_the_prefix() {
    let demo = Demo::start_with(Config {
        cookie: jeton_demo::CookiePolicy::Plain,
        ..Config::default()
    });
    let login = demo.form_login(&[]);
    assert_eq!(login.status, 303);
    let set_cookie = login.header("set-cookie").unwrap();
    let (pair, attributes) = set_cookie.split_once("; ").unwrap();
    assert_eq!(attributes, "Path=/; HttpOnly; SameSite=Lax");
    let id = pair.strip_prefix("session=").unwrap();
    let me = demo.get("/api/me", &[&format!("Cookie: session={id}")]);
    assert_eq!(me.status, 200);
    let out = demo.post("/logout", &[&format!("Cookie: session={id}")], "");
    assert_eq!(
        out.header("set-cookie"),
        Some(
            "session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
        )
    );
}

/// The cookie copy (`__Host-csrf`) and the page copy of the CSRF token a
/// page hands out, from its `Set-Cookie` and its hidden field.
fn csrf_of(page: &Reply) -> (String, String) {
    let set_cookie = page
        .headers
        .iter()
        .find(|(n, v)| n == "set-cookie" && v.starts_with("__Host-csrf="))
        .map(|(_, v)| v.clone())
        .expect("a CSRF cookie");
    let cookie = between(&set_cookie, "__Host-csrf=", ";").to_owned();
    let field = between(&page.body, "name=\"csrf\" value=\"", "\"").to_owned();
    (cookie, field)
}

/// Issue 18, finding 2: a revocation list full of other tokens must never
/// leave the victim's session alive. Before, logout revoked the token
/// first, failed with RevocationListFull and left the session alone.
#[test]
fn a_full_revocation_list_never_keeps_a_session_alive() {
    let demo = Demo::start();
    let victim = Demo::session_of(&demo.form_login(&[]));
    let token = demo.token_of(&victim);
    // Filled behind the server's back (logins alone cannot fill it: see
    // the next test).
    {
        let (_, revoked) = demo.app.local().unwrap();
        let mut list = revoked.lock();
        for i in 0..REVOCATION_CAPACITY {
            list.revoke(format!("filler-{i}").as_bytes(), T0 + 3_600, T0)
                .unwrap();
        }
    }
    let out = demo.post("/logout", &[&cookie(&victim)], "");
    assert_eq!(out.status, 503, "{}", out.body);
    assert!(out.body.contains("The session was removed"), "{}", out.body);
    assert!(out.body.contains("could NOT be revoked"), "{}", out.body);
    assert!(
        out.headers
            .iter()
            .any(|(n, v)| n == "set-cookie" && v.starts_with("__Host-session=; ")),
        "the cookie is cleared"
    );
    // The session is over; the token, which the list had no room for,
    // passes until its exp, as the page said.
    assert_eq!(demo.get("/api/me", &[&cookie(&victim)]).status, 401);
    assert_eq!(demo.get("/api/me", &[&bearer(&token)]).status, 200);
}

/// Issue 18, finding 2: login and logout cycles by anyone (the demo's
/// password is public), more of them than the list has entries, cannot
/// make a victim's logout fail: a login that would leave more live tokens
/// than the list holds is refused instead. Before, the 65th cycle's
/// logout failed with RevocationListFull and left its session alive, and
/// so did the victim's after it.
#[test]
fn login_logout_cycles_cannot_keep_a_victims_session_alive() {
    let demo = Demo::start_with(Config {
        login_burst: 1_000,
        max_sessions_per_user: 1_000,
        ..Config::default()
    });
    let victim = Demo::session_of(&demo.form_login(&[]));
    let victims_token = demo.token_of(&victim);
    let attempts = REVOCATION_CAPACITY + 6;
    let (mut cycles, mut refused) = (0, 0);
    for attempt in 0..attempts {
        let login = demo.form_login(&[]);
        if login.status == 503 {
            assert!(
                login.body.contains("revoke another token"),
                "{}",
                login.body
            );
            assert_eq!(login.header("retry-after"), Some("60"));
            assert!(login.header("set-cookie").is_none());
            refused += 1;
            continue;
        }
        let session = Demo::session_of(&login);
        let out = demo.post("/logout", &[&cookie(&session)], "");
        assert_eq!(out.status, 200, "attempt {attempt}: {}", out.body);
        assert_eq!(demo.get("/api/me", &[&cookie(&session)]).status, 401);
        cycles += 1;
    }
    // The victim's session and this many revoked tokens fill the list.
    assert_eq!((cycles, refused), (REVOCATION_CAPACITY - 1, 7));
    let out = demo.post("/logout", &[&cookie(&victim)], "");
    assert_eq!(out.status, 200, "{}", out.body);
    assert_eq!(demo.get("/api/me", &[&cookie(&victim)]).status, 401);
    let me = demo.get("/api/me", &[&bearer(&victims_token)]);
    assert_eq!(me.status, 401);
    assert!(me.json_str("error_description").contains("revoked"));
    // Once the tokens expire, their entries lapse and logins work again.
    demo.advance(15 * 60);
    Demo::session_of(&demo.form_login(&[]));
}

/// Issue 18, finding 3: a user's fourth session ends the oldest (and its
/// token); another user's sessions are never touched.
#[test]
fn a_users_oldest_session_makes_way() {
    let mut config = Config::default();
    config
        .users
        .push(("ada".to_owned(), "analytical engine".to_owned()));
    let demo = Demo::start_with(config);
    let adas =
        Demo::session_of(&demo.post("/login", &[FORM], "username=ada&password=analytical+engine"));
    let mut sessions = Vec::new();
    for _ in 0..3 {
        let session = Demo::session_of(&demo.form_login(&[]));
        sessions.push((session.clone(), demo.token_of(&session)));
        demo.advance(1);
    }
    let fourth = Demo::session_of(&demo.form_login(&[]));
    let (first, first_token) = &sessions[0];
    assert_eq!(demo.get("/api/me", &[&cookie(first)]).status, 401);
    let me = demo.get("/api/me", &[&bearer(first_token)]);
    assert_eq!(me.status, 401);
    assert!(me.json_str("error_description").contains("revoked"));
    for (session, token) in &sessions[1..] {
        assert_eq!(demo.get("/api/me", &[&cookie(session)]).status, 200);
        assert_eq!(demo.get("/api/me", &[&bearer(token)]).status, 200);
    }
    assert_eq!(demo.get("/api/me", &[&cookie(&fourth)]).status, 200);
    assert_eq!(demo.get("/api/me", &[&cookie(&adas)]).status, 200);
}

/// Issue 18, finding 3: five login attempts per client address and user
/// name, then one every 12 seconds; 429 with Retry-After beyond.
#[test]
fn login_attempts_are_limited() {
    let demo = Demo::start();
    for _ in 0..5 {
        let wrong = demo.post("/login", &[FORM], "username=demo&password=wrong");
        assert_eq!(wrong.status, 403);
    }
    // The right password does not help now.
    let limited = demo.form_login(&[]);
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert_eq!(limited.header("retry-after"), Some("12"));
    assert!(limited.header("set-cookie").is_none());
    assert!(limited.body.contains("try again in 12 seconds"));
    let basic = demo.post(
        "/login",
        &["Authorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl"],
        "",
    );
    assert_eq!(basic.status, 429);
    // Another user name is another key.
    let other = demo.post("/login", &[FORM], "username=eve&password=x");
    assert_eq!(other.status, 403);
    demo.advance(11);
    assert_eq!(demo.form_login(&[]).header("retry-after"), Some("1"));
    demo.advance(1);
    Demo::session_of(&demo.form_login(&[]));
    assert_eq!(demo.form_login(&[]).status, 429);
}

/// Issue 18, finding 9: what opens or ends a session refuses requests
/// from another site and from another port of this host, whatever the
/// browser says of them; a client that says nothing brings the CSRF token
/// twice, bound to its session.
#[test]
fn cross_site_requests_are_refused() {
    let demo = Demo::start();
    let good = "username=demo&password=correct+horse";
    let basic = "Authorization: Basic ZGVtbzpjb3JyZWN0IGhvcnNl";
    let refused = |reply: &Reply, what: &str| {
        assert_eq!(reply.status, 403, "{what}: {}", reply.body);
        assert!(reply.header("set-cookie").is_none(), "{what}");
        assert!(reply.body.contains("cross-site request forgery"), "{what}");
    };
    // Login from another site, another port, an opaque origin.
    let other_port = demo.other_port();
    let other_name = other_port.replace("127.0.0.1", "localhost");
    for origin in [
        "Origin: http://evil.example",
        &other_port,
        &other_name,
        "Origin: null",
    ] {
        refused(&demo.post("/login", &[FORM, origin], good), origin);
    }
    for site in ["Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site"] {
        // Sec-Fetch-Site decides, whatever Origin says.
        let origin = demo.origin();
        refused(&demo.post("/login", &[FORM, site, &origin], good), site);
        // The Basic login by GET, which a link or an image can reach
        // with credentials the browser holds.
        refused(&demo.get("/login/basic", &[basic, site]), site);
    }
    // A client that says nothing needs a token: none, or one copy only.
    refused(&demo.request("POST", "/login", &[FORM], good), "no token");
    let home = demo.get("/", &[]);
    let (cookie_copy, field) = csrf_of(&home);
    assert_eq!(cookie_copy, field);
    let csrf_cookie = format!("Cookie: __Host-csrf={cookie_copy}");
    refused(
        &demo.request("POST", "/login", &[FORM, &csrf_cookie], good),
        "the cookie copy only",
    );
    refused(
        &demo.request("POST", "/login", &[FORM], &format!("{good}&csrf={field}")),
        "the page copy only",
    );
    let login = demo.request(
        "POST",
        "/login",
        &[FORM, &csrf_cookie],
        &format!("{good}&csrf={field}"),
    );
    let session = Demo::session_of(&login);
    // So too the Basic login link, with its token in the query.
    let via_link = demo.get(
        &format!("/login/basic?csrf={field}"),
        &[basic, &csrf_cookie],
    );
    Demo::session_of(&via_link);
    let typed = demo.get("/login/basic", &[basic, "Sec-Fetch-Site: none"]);
    Demo::session_of(&typed);

    // Logout: refused from another port, and with a token bound to no
    // session (or another one); the session lives on.
    let session_cookie = cookie(&session);
    refused(
        &demo.post("/logout", &[&session_cookie, &other_port], ""),
        "logout from another port",
    );
    let both = format!("Cookie: __Host-session={session}; __Host-csrf={cookie_copy}");
    refused(
        &demo.request(
            "POST",
            "/logout",
            &[&both, &format!("X-CSRF-Token: {field}")],
            "",
        ),
        "logout with an unbound token",
    );
    assert_eq!(demo.get("/api/me", &[&session_cookie]).status, 200);
    // The account page's token is bound to the session: it logs out.
    let account = demo.get("/account", &[&session_cookie]);
    let (bound, bound_field) = csrf_of(&account);
    let both = format!("Cookie: __Host-session={session}; __Host-csrf={bound}");
    let out = demo.request(
        "POST",
        "/logout",
        &[&both, &format!("X-CSRF-Token: {bound_field}")],
        "",
    );
    assert_eq!(out.status, 200, "{}", out.body);
    assert_eq!(demo.get("/api/me", &[&session_cookie]).status, 401);
    // A Bearer token alone, no cookie: nothing a browser adds by itself.
    let other = Demo::session_of(&demo.form_login(&[]));
    let token = demo.token_of(&other);
    let out = demo.request("POST", "/logout", &[&bearer(&token)], "");
    assert_eq!(out.status, 200, "{}", out.body);
}
