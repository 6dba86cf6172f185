//! The cookie walkthrough (`jeton-demo cookies [HEADER]`): what a server
//! does with cookies on one request.
//!
//! It reads a `Cookie` header (the first argument, or a real browser header
//! when none is given), lists every pair, checks it against RFC 6265, and
//! answers with the `Set-Cookie` headers a login would send: a session
//! cookie under the `__Host-` prefix, a preference cookie, and the removal
//! of a stale one. Then it plays the browser: it stores those headers in a
//! cookie jar and prints the `Cookie` header the next request would carry.
//!
//! Run it with `cargo run -p jeton-demo -- cookies 'a=1; b="two"'`.

use jeton::Error;
use jeton::cookie::{CookieHeader, CookieJar, RequestUrl, SameSite, SetCookie};

const BROWSER_HEADER: &str = include_str!("../../bench/inputs/cookie_header.txt");

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the walkthrough on `header`, or on a real browser's header.
pub fn run(header: Option<&str>) -> Result<(), Error> {
    let header = header.unwrap_or(BROWSER_HEADER.trim_end());

    println!("Request  Cookie: {header}\n");
    let cookies = CookieHeader::parse(header)?;
    let mut decoded = [0u8; 4096];
    for (i, pair) in cookies.iter().enumerate() {
        let n = pair.decode_value(&mut decoded)?;
        let note = if pair.is_quoted() {
            "  (quoted)"
        } else if decoded[..n] != *pair.value() {
            "  (percent-decoded)"
        } else {
            ""
        };
        println!(
            "  {:>2}. {} = {}{note}",
            i + 1,
            show(pair.name()),
            show(&decoded[..n])
        );
    }
    match cookies.check_strict() {
        Ok(()) => println!("\n  The header follows RFC 6265 section 4.2.1 exactly."),
        Err(v) => println!(
            "\n  Not strict RFC 6265: {} at byte {}; read leniently, as browsers and npm `cookie` do.",
            v.error, v.offset
        ),
    }

    let session_id = "Gx7vL2qP9sT4wY6zA1cE3hJ5kM8nR0uB";
    let session = SetCookie::new("__Host-session", session_id)
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(3600)
        .to_heapless::<256>()?;
    let theme = SetCookie::new("theme", "dark mode")
        .encode_value(true)
        .path("/")
        .expires(2_000_000_000)
        .same_site(SameSite::Lax)
        .to_heapless::<256>()?;
    let stale = SetCookie::removal("sessionid")
        .path("/")
        .to_heapless::<256>()?;
    let response = [session.as_str(), theme.as_str(), stale.as_str()];

    println!("\nResponse");
    for line in response {
        println!("  Set-Cookie: {line}");
    }

    // What the server must refuse to write.
    let refused = SetCookie::new("__Host-session", session_id)
        .path("/")
        .write(&mut [0u8; 256]);
    if let Err(e) = refused {
        println!("\n  Refused: __Host-session without Secure -> {e}");
    }

    // The browser's side: store the response, build the next request.
    let site = RequestUrl::parse("https://app.example.com/login")?;
    let now = 1_700_000_000;
    let mut jar: CookieJar<16, 2048> = CookieJar::new();
    for line in response {
        jar.store(line, &site, now)?;
    }
    let next = RequestUrl::parse("https://app.example.com/account")?;
    let mut next_header = [0u8; 512];
    let n = jar.cookie_header(&next, now + 60, &mut next_header)?;
    println!("\nNext request  Cookie: {}", show(&next_header[..n]));
    Ok(())
}
