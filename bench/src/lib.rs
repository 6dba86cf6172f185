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

/// The benchmark token's issuer.
pub const ISS: &str = "https://auth.example.com";
/// The benchmark token's audience.
pub const AUD: &str = "https://api.example.com";
/// The fixed clock every JWT verification is given: inside the token's
/// `nbf`..`exp` window.
pub const JWT_NOW: i64 = 1_750_000_000;

/// The benchmark claims, for the serde-based peers (and jeton's signer).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct BenchClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: String,
    pub name: String,
    pub admin: bool,
}

/// The benchmark claims, read from `claims.json`.
pub fn bench_claims() -> BenchClaims {
    serde_json::from_str(CLAIMS_JSON).expect("claims.json")
}

/// jeton signs the benchmark claims: builds the claims set and encodes the
/// token, as a server does per response.
pub fn jeton_jwt_sign(key: &jeton::jwt::JwtKey, bench: &BenchClaims, out: &mut [u8]) -> usize {
    let claims = jeton::jwt::Claims::new()
        .issuer(&bench.iss)
        .subject(&bench.sub)
        .audience(&bench.aud)
        .expires_at(bench.exp)
        .not_before(bench.nbf)
        .issued_at(bench.iat)
        .jwt_id(&bench.jti)
        .string("name", &bench.name)
        .boolean("admin", bench.admin);
    jeton::jwt::encode(key, &claims, out).expect("fits")
}

/// jsonwebtoken's validation doing jeton's checks: HS256, signature, exp,
/// nbf, iss and aud (it reads the system clock; the token is valid then
/// too).
pub fn jsonwebtoken_validation() -> jsonwebtoken::Validation {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.set_issuer(&[ISS]);
    validation.set_audience(&[AUD]);
    validation.validate_nbf = true;
    validation
}

/// The Cookie header operations as jeton and cookie-rs do them, each
/// returning the total value length seen, so that both are shown to do the
/// same work.
pub mod cookie_ops {
    use jeton::cookie::CookieHeader;

    /// jeton: parse the header, every pair.
    pub fn jeton_all(header: &str) -> usize {
        let parsed = CookieHeader::parse(header).expect("within limits");
        parsed.iter().map(|p| p.value().len()).sum()
    }

    /// cookie-rs: `split_parse`, every pair.
    pub fn cookie_rs_all(header: &str) -> usize {
        cookie::Cookie::split_parse(header)
            .filter_map(Result::ok)
            .map(|c| c.value().len())
            .sum()
    }

    /// jeton: find `csrftoken`.
    pub fn jeton_find(header: &str) -> Option<usize> {
        CookieHeader::parse(header)
            .expect("within limits")
            .get("csrftoken")
            .map(|p| p.value().len())
    }

    /// cookie-rs: find `csrftoken` through `split_parse`.
    pub fn cookie_rs_find(header: &str) -> Option<usize> {
        cookie::Cookie::split_parse(header)
            .filter_map(Result::ok)
            .find(|c| c.name() == "csrftoken")
            .map(|c| c.value().len())
    }

    /// jeton: every pair, values percent-decoded into `buf`.
    pub fn jeton_decoded(header: &str, buf: &mut [u8]) -> usize {
        let parsed = CookieHeader::parse(header).expect("within limits");
        parsed
            .iter()
            .map(|p| p.decode_value(buf).expect("fits"))
            .sum()
    }

    /// cookie-rs: `split_parse_encoded`, every pair.
    pub fn cookie_rs_decoded(header: &str) -> usize {
        cookie::Cookie::split_parse_encoded(header)
            .filter_map(Result::ok)
            .map(|c| c.value().len())
            .sum()
    }
}

/// The physical limit the signed formats are measured against: the bare
/// HMAC of `parts` from a pre-computed key state (`hmac` + `sha1`/`sha2`),
/// as issue 8 defines it.
pub fn bare_hmac<M: hmac::Mac + Clone>(keyed: &M, parts: &[&[u8]]) -> hmac::digest::Output<M> {
    let mut mac = keyed.clone();
    for part in parts {
        mac.update(std::hint::black_box(part));
    }
    mac.finalize().into_bytes()
}
