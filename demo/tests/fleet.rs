//! Two demo processes sharing one Redis: a session and a token issued by
//! one are admitted by the other, a logout on either is refused by both
//! at once, and while Redis is down every request is refused (503), never
//! admitted, until it is back.
//!
//! Needs `redis-server` (each test starts its own on a free loopback port,
//! without persistence, and stops it, also on failure):
//! `scripts/redis-tests.sh` runs these with `--include-ignored`.

#[path = "../../store-redis/tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::RedisServer;

const SECRET: &str = "a token secret the whole fleet shares, 32+ bytes";
const FORM: &str = "Content-Type: application/x-www-form-urlencoded";
const LIMIT: Duration = Duration::from_secs(10);

/// A `jeton-demo` process on a free port, killed when dropped.
struct Instance {
    port: u16,
    child: Child,
}

impl Instance {
    fn start(redis: &RedisServer) -> Instance {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jeton-demo"))
            .args(["0", "--redis", &redis.url()])
            .env("JETON_DEMO_TOKEN_SECRET", SECRET)
            .env("JETON_DEMO_USERS", "demo:correct horse,alice:wonderland")
            .env_remove("JETON_DEMO_PORT")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the demo binary");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut port = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.split("listening on http://127.0.0.1:").nth(1) {
                port = rest.trim_end_matches('/').parse().ok();
                break;
            }
        }
        // Read the rest, so the demo never writes into a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Instance {
            port: port.expect("the demo said where it listens"),
            child,
        }
    }

    fn request(&self, method: &str, path: &str, headers: &[&str], body: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        if method == "POST" {
            // As a page of this instance posts (cross-site posts are
            // refused; demo/tests/http.rs checks that).
            head.push_str(&format!("Origin: http://127.0.0.1:{}\r\n", self.port));
        }
        head.push_str("\r\n");
        head.push_str(body);
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        Reply::parse(&answer)
    }

    /// Logs `demo` in with the form; the session ID.
    fn log_in(&self) -> String {
        let reply = self.request(
            "POST",
            "/login",
            &[FORM],
            "username=demo&password=correct+horse",
        );
        assert_eq!(reply.status, 303, "{}", reply.body);
        let set_cookie = reply.header("set-cookie").unwrap();
        let pair = set_cookie.split(';').next().unwrap();
        pair.strip_prefix("__Host-session=").unwrap().to_owned()
    }

    /// The token the account page shows to the holder of `session`.
    fn token_of(&self, session: &str) -> String {
        let page = self.request("GET", "/account", &[&cookie(session)], "");
        assert_eq!(page.status, 200, "{}", page.body);
        let start = page.body.find("<code id=\"token\">").unwrap() + 17;
        let len = page.body[start..].find("</code>").unwrap();
        page.body[start..start + len].to_owned()
    }

    fn me(&self, credential: &str) -> Reply {
        self.request("GET", "/api/me", &[credential], "")
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cookie(session: &str) -> String {
    format!("Cookie: __Host-session={session}")
}

fn bearer(token: &str) -> String {
    format!("Authorization: Bearer {token}")
}

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
        let status = lines.next().unwrap()[9..12].parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
            .collect();
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
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn a_logout_on_one_instance_is_refused_by_the_other() {
    let redis = RedisServer::start();
    let (a, b) = (Instance::start(&redis), Instance::start(&redis));

    // Log in on A; the session and its token work on B.
    let session = a.log_in();
    let token = a.token_of(&session);
    let on_b = b.me(&cookie(&session));
    assert_eq!(on_b.status, 200, "{}", on_b.body);
    assert!(
        on_b.body.contains("\"mechanism\":\"session_cookie\""),
        "{}",
        on_b.body
    );
    assert!(on_b.body.contains("\"store\":\"redis\""), "{}", on_b.body);
    assert_eq!(b.me(&bearer(&token)).status, 200);
    // A second login, whose token stays good throughout.
    let other = b.log_in();
    let other_token = b.token_of(&other);

    // Log out on B: both are refused on A at once.
    let out = b.request("POST", "/logout", &[&cookie(&session)], "");
    assert_eq!(out.status, 200, "{}", out.body);
    let refused = a.me(&cookie(&session));
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(refused.body.contains("shared store"), "{}", refused.body);
    let refused = a.me(&bearer(&token));
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("revoked"), "{}", refused.body);
    assert_eq!(b.me(&bearer(&token)).status, 401);
    // The other login is untouched, on either.
    assert_eq!(a.me(&cookie(&other)).status, 200);
    assert_eq!(a.me(&bearer(&other_token)).status, 200);

    // Logging in again on A with B's session rotates it: the old ID is
    // dead on B too.
    let rotated = a.request(
        "POST",
        "/login",
        &[FORM, &cookie(&other)],
        "username=demo&password=correct+horse",
    );
    assert_eq!(rotated.status, 303);
    assert_eq!(b.me(&cookie(&other)).status, 401);
}

#[test]
#[ignore = "needs redis-server: scripts/redis-tests.sh"]
fn requests_are_refused_while_redis_is_down() {
    let mut redis = RedisServer::start();
    let (a, b) = (Instance::start(&redis), Instance::start(&redis));
    let session = a.log_in();
    let token = a.token_of(&session);
    assert_eq!(b.me(&cookie(&session)).status, 200);

    for (what, down) in [("frozen", true), ("stopped", false)] {
        if down {
            redis.freeze();
        } else {
            redis.stop();
        }
        for instance in [&a, &b] {
            let by_cookie = instance.me(&cookie(&session));
            assert_eq!(by_cookie.status, 503, "{what}: {}", by_cookie.body);
            assert!(
                by_cookie.body.contains("cannot be reached"),
                "{}",
                by_cookie.body
            );
            assert_eq!(instance.me(&bearer(&token)).status, 503, "{what}");
            let page = instance.request("GET", "/account", &[&cookie(&session)], "");
            assert_eq!(page.status, 503, "{what}");
        }
        let login = a.request(
            "POST",
            "/login",
            &[FORM],
            "username=demo&password=correct+horse",
        );
        assert_eq!(login.status, 503, "{what}: {}", login.body);
        // A logout that cannot reach Redis says so, and clears the cookie.
        let out = b.request("POST", "/logout", &[&cookie(&session)], "");
        assert_eq!(out.status, 503, "{what}: {}", out.body);
        assert!(out.body.contains("Logout failed"), "{}", out.body);
        assert!(
            out.header("set-cookie")
                .is_some_and(|c| c.contains("Max-Age=0")),
            "{what}: the cookie is cleared"
        );
        if down {
            redis.thaw();
            // Back, with everything it kept: admitted again on both.
            assert_eq!(a.me(&cookie(&session)).status, 200);
            assert_eq!(b.me(&bearer(&token)).status, 200);
        }
    }
    redis.restart();
    // An empty Redis (no persistence): the old session is gone, a new
    // login works across the fleet at once.
    assert_eq!(a.me(&cookie(&session)).status, 401);
    let fresh = b.log_in();
    assert_eq!(a.me(&cookie(&fresh)).status, 200);
}
