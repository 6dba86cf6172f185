//! `jeton-demo`: the login demo server, or the cookie walkthrough.
//!
//! ```text
//! jeton-demo [PORT] [--plain-cookie] [--quiet] [--redis URL]
//!            [--oauth-issuer URL --oauth-client-id ID [--oauth-resource URI]]
//!                                                serve on 127.0.0.1:PORT
//! jeton-demo cookies [COOKIE-HEADER]             the cookie walkthrough
//! ```
//!
//! The port comes from the argument, else `JETON_DEMO_PORT`, else 8080;
//! 0 picks a free one. The password of the user `demo` is `correct horse`
//! unless `JETON_DEMO_PASSWORD` says otherwise.
//!
//! Sessions and revoked tokens live in the process unless `--redis URL`
//! (or `JETON_DEMO_REDIS`) names a Redis (`redis://127.0.0.1:6379/`):
//! then every instance started with the same Redis and the same token
//! secret (`JETON_DEMO_TOKEN_SECRET`, at least 32 bytes; without it each
//! instance draws its own and tokens verify only where they were issued)
//! shares them, and a logout on one is refused by all. `JETON_DEMO_USERS`
//! (`name:password,name:password`) replaces the demo user.
//!
//! "Sign in with the local provider" appears when an OpenID Connect
//! provider is named: `--oauth-issuer` (or `JETON_DEMO_OAUTH_ISSUER`),
//! `--oauth-client-id` (or `JETON_DEMO_OAUTH_CLIENT_ID`) and the client
//! secret in `JETON_DEMO_OAUTH_CLIENT_SECRET` (never on the command line,
//! where every user of the machine can read it). The client must accept
//! `http://localhost:PORT/oauth/callback` (and the same on 127.0.0.1) as
//! redirect URIs. `--oauth-resource` (or `JETON_DEMO_OAUTH_RESOURCE`,
//! default `http://localhost:PORT/api`) is the resource indicator that
//! the provider's access tokens must name for `/api/oauth/me`.
//! `scripts/demo.sh` starts a provider and sets all of these.

mod walkthrough;

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;

use jeton_demo::app::Store;
use jeton_demo::provider::OauthConfig;
use jeton_demo::{App, Clock, Config, CookiePolicy, resource};

const USAGE: &str = "usage: jeton-demo [PORT] [--plain-cookie] [--quiet] [--redis URL]\n       \
                     [--oauth-issuer URL --oauth-client-id ID [--oauth-resource URI]]\n       \
                     jeton-demo cookies [COOKIE-HEADER]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("cookies") {
        return match walkthrough::run(args.get(1).map(String::as_str)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e} (code {})", e.code());
                ExitCode::FAILURE
            }
        };
    }
    let mut config = Config {
        log: true,
        ..Config::default()
    };
    let mut port = std::env::var("JETON_DEMO_PORT").ok();
    if let Ok(url) = std::env::var("JETON_DEMO_REDIS") {
        config.store = Store::Redis(url);
    }
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut issuer = env("JETON_DEMO_OAUTH_ISSUER");
    let mut client_id = env("JETON_DEMO_OAUTH_CLIENT_ID");
    let mut oauth_resource = env("JETON_DEMO_OAUTH_RESOURCE");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--oauth-issuer" => Some(&mut issuer),
            "--oauth-client-id" => Some(&mut client_id),
            "--oauth-resource" => Some(&mut oauth_resource),
            _ => None,
        };
        if let Some(slot) = slot {
            match args.next() {
                Some(value) => *slot = Some(value.clone()),
                None => {
                    eprintln!("{arg} needs a value\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        match arg.as_str() {
            "--redis" => match args.next() {
                Some(url) => config.store = Store::Redis(url.clone()),
                None => {
                    eprintln!("--redis needs a URL, such as redis://127.0.0.1:6379/");
                    return ExitCode::from(2);
                }
            },
            "--plain-cookie" => config.cookie = CookiePolicy::Plain,
            "--quiet" => config.log = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.bytes().all(|b| b.is_ascii_digit()) => port = Some(a.to_owned()),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Ok(port) = port.as_deref().unwrap_or("8080").parse::<u16>() else {
        eprintln!("the port must be a number from 0 to 65535");
        return ExitCode::from(2);
    };
    if let Ok(users) = std::env::var("JETON_DEMO_USERS") {
        config.users = users
            .split(',')
            .filter_map(|pair| pair.split_once(':'))
            .map(|(name, password)| (name.to_owned(), password.to_owned()))
            .collect();
    }
    if let (Ok(password), Some(user)) = (
        std::env::var("JETON_DEMO_PASSWORD"),
        config.users.first_mut(),
    ) {
        user.1 = password;
    }
    if let Ok(secret) = std::env::var("JETON_DEMO_TOKEN_SECRET") {
        if secret.len() < 32 {
            eprintln!("JETON_DEMO_TOKEN_SECRET must hold at least 32 bytes");
            return ExitCode::from(2);
        }
        config.token_secret = Some(secret.into_bytes());
    }
    match (issuer, client_id, env("JETON_DEMO_OAUTH_CLIENT_SECRET")) {
        (None, None, _) => {}
        (Some(issuer), Some(client_id), Some(client_secret)) => {
            if !issuer
                .get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
            {
                eprintln!(
                    "the OAuth issuer must be an http:// URL: the demo's own HTTP client has no \
                     TLS, and is meant for a provider on this machine"
                );
                return ExitCode::from(2);
            }
            config.oauth = Some(OauthConfig {
                issuer,
                client_id,
                client_secret,
                // Known once the port is (see `serve`).
                resource: oauth_resource.unwrap_or_default(),
            });
        }
        _ => {
            eprintln!(
                "a provider needs an issuer (--oauth-issuer), a client ID (--oauth-client-id) \
                 and the client's secret (JETON_DEMO_OAUTH_CLIENT_SECRET)"
            );
            return ExitCode::from(2);
        }
    }
    serve(config, port)
}

fn serve(mut config: Config, port: u16) -> ExitCode {
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
    if let Some(oauth) = config.oauth.as_mut().filter(|o| o.resource.is_empty()) {
        oauth.resource = format!("http://localhost:{port}/api");
    }
    let app = match App::new(config, Clock::System) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let c = app.config();
    let (user, password) = c.users.first().cloned().unwrap_or_default();
    let cookie = c.cookie;
    println!("jeton login demo listening on http://127.0.0.1:{port}/");
    println!();
    println!("  Open http://localhost:{port}/ (or http://127.0.0.1:{port}/) in a browser.");
    if password == jeton_demo::app::DEMO_PASSWORD {
        println!("  Log in as {user:?} with password {password:?}.");
    } else {
        println!("  Log in as {user:?} with the password from JETON_DEMO_PASSWORD.");
    }
    println!(
        "  Session cookie: {}=<random ID>; Path=/;{} HttpOnly; SameSite=Lax",
        cookie.name(),
        if cookie.secure() { " Secure;" } else { "" }
    );
    if cookie.secure() {
        println!("    Secure and the __Host- prefix work over plain http here: browsers and curl");
        println!("    treat localhost and 127.0.0.1 as secure contexts (--plain-cookie if yours");
        println!("    does not).");
    }
    println!(
        "  Tokens: HS256 JWTs, iss {:?}, aud {:?}, valid {} minutes, {}.",
        c.issuer,
        c.audience,
        c.token_lifetime / 60,
        if c.token_secret.is_some() {
            "key from JETON_DEMO_TOKEN_SECRET"
        } else {
            "key drawn at start"
        }
    );
    match &c.store {
        Store::InProcess => println!("  Sessions and revoked tokens: in this process's memory."),
        Store::Redis(url) => println!(
            "  Sessions and revoked tokens: in Redis at {url}, shared with every instance using \
             it (requests are refused while it cannot be reached)."
        ),
    }
    if let Some(oauth) = &c.oauth {
        println!(
            "  Sign in with the local provider: OpenID Connect at {} (client {}).",
            oauth.issuer, oauth.client_id
        );
        println!(
            "    Its access tokens for {} with the scope {} admit GET {}",
            oauth.resource,
            resource::REQUIRED_SCOPE,
            resource::PATH
        );
        println!("    (Authorization: Bearer, or DPoP with a proof of the token's key).");
    }
    println!();
    println!("  curl -i http://127.0.0.1:{port}/api/me");
    println!("  curl -i -u '{user}:PASSWORD' -X POST http://127.0.0.1:{port}/login");
    println!();
    println!("  Ctrl-C stops the server.");
    let _ = std::io::stdout().flush();
    jeton_demo::serve(listener, Arc::new(app))
}
