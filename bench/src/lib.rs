//! The fixed benchmark inputs (`bench/inputs/`), shared by every benchmark
//! so that jeton and its peers always work on the same bytes.

/// The 594-byte, 12-cookie browser `Cookie` header.
pub const COOKIE_HEADER: &str = include_str!("../inputs/cookie_header.txt");
/// The cookie-signing key.
pub const COOKIE_KEY: &[u8] = include_bytes!("../inputs/cookie_key.bin");
/// The 371-byte HS256 JWT.
pub const JWT: &str = include_str!("../inputs/jwt_hs256.txt");
/// The JWT's 32-byte key.
pub const JWT_KEY: &[u8] = include_bytes!("../inputs/jwt_key.bin");
/// The JWT's signing input (header and payload).
pub const JWT_SIGNING_INPUT: &str = include_str!("../inputs/jwt_signing_input.txt");
/// The JWT's claims as JSON.
pub const CLAIMS_JSON: &str = include_str!("../inputs/claims.json");
/// The Set-Cookie line the Set-Cookie spec must produce.
pub const SET_COOKIE_EXPECTED: &str = include_str!("../inputs/set_cookie_expected.txt");

/// A cookie-session style value to sign: the standard base64 of the
/// benchmark claims (what cookie-session would store for that session).
pub fn session_value() -> Vec<u8> {
    let json = CLAIMS_JSON.trim_end().as_bytes();
    let mut out = vec![0u8; jeton::base64::encoded_len(json.len(), jeton::base64::Padding::Padded)];
    let n = jeton::signed::keygrip::encode_session_value(json, &mut out).expect("sized exactly");
    out.truncate(n);
    out
}

/// `count` distinct session IDs (43 characters each), and a store holding
/// a session for each, created at time 1000 with a one-hour lifetime.
pub fn session_store(count: u32) -> (Vec<[u8; 43]>, Box<jeton::session::SessionStore<u64, 1024>>) {
    let mut store = Box::new(jeton::session::SessionStore::new(3600));
    let ids: Vec<[u8; 43]> = (0..count)
        .map(|i| {
            let mut id = [0u8; 43];
            let mut random = [0u8; 32];
            random[..4].copy_from_slice(&i.to_le_bytes());
            jeton::session::id_from_bytes(&random, &mut id).expect("43");
            id
        })
        .collect();
    for (i, id) in ids.iter().enumerate() {
        store.create(id, i as u64, 1_000).expect("room");
    }
    (ids, store)
}

/// The benchmark Set-Cookie, built and formatted by jeton.
pub fn jeton_set_cookie(name: &str, out: &mut [u8]) -> usize {
    jeton::cookie::SetCookie::new(name, "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY")
        .path("/")
        .domain("example.com")
        .max_age(86400)
        .expires(2_000_000_000)
        .secure(true)
        .http_only(true)
        .same_site(jeton::cookie::SameSite::Lax)
        .write(out)
        .expect("valid")
}

/// The same cookie, built and formatted by cookie-rs.
pub fn cookie_rs_set_cookie(name: &'static str, expires: cookie::time::OffsetDateTime) -> String {
    cookie::Cookie::build((name, "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY"))
        .path("/")
        .domain("example.com")
        .max_age(cookie::time::Duration::seconds(86400))
        .expires(expires)
        .secure(true)
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .build()
        .to_string()
}
