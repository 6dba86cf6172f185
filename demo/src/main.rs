//! `jeton-demo`: the login demo server, or the cookie walkthrough.
//!
//! ```text
//! jeton-demo [PORT] [--plain-cookie] [--quiet]   serve on 127.0.0.1:PORT
//! jeton-demo cookies [COOKIE-HEADER]             the cookie walkthrough
//! ```
//!
//! The port comes from the argument, else `JETON_DEMO_PORT`, else 8080;
//! 0 picks a free one. The password of the user `demo` is `correct horse`
//! unless `JETON_DEMO_PASSWORD` says otherwise.

mod walkthrough;

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;

use jeton_demo::{App, Clock, Config, CookiePolicy};

const USAGE: &str = "usage: jeton-demo [PORT] [--plain-cookie] [--quiet]\n       \
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
    for arg in &args {
        match arg.as_str() {
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
    if let (Ok(password), Some(user)) = (
        std::env::var("JETON_DEMO_PASSWORD"),
        config.users.first_mut(),
    ) {
        user.1 = password;
    }
    serve(config, port)
}

fn serve(config: Config, port: u16) -> ExitCode {
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map_or(port, |a| a.port());
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
        "  Tokens: HS256 JWTs, iss {:?}, aud {:?}, valid {} minutes, key drawn at start.",
        c.issuer,
        c.audience,
        c.token_lifetime / 60
    );
    println!();
    println!("  curl -i http://127.0.0.1:{port}/api/me");
    println!("  curl -i -u '{user}:PASSWORD' -X POST http://127.0.0.1:{port}/login");
    println!();
    println!("  Ctrl-C stops the server.");
    let _ = std::io::stdout().flush();
    jeton_demo::serve(listener, Arc::new(app))
}
