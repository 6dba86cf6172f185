//! The fixed benchmark inputs (`bench/inputs/`), shared by every benchmark
//! so that jeton and its peers always work on the same bytes.

pub mod asym;

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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// The same for jsonwebtoken 12.
pub fn jsonwebtoken12_validation() -> jsonwebtoken12::Validation {
    let mut validation = jsonwebtoken12::Validation::new(jsonwebtoken12::Algorithm::HS256);
    validation.set_issuer(&[ISS]);
    validation.set_audience(&[AUD]);
    validation.validate_nbf = true;
    validation
}

/// The cryptography under jsonwebtoken 11 and 12. Both are built with both
/// backends, so neither has a default: each process installs one, once,
/// before its first token ([`JwtBackend::install`]), and times the
/// jsonwebtoken rows of that backend only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwtBackend {
    /// RustCrypto's pure-Rust crates, as under jeton.
    RustCrypto,
    /// AWS-LC (C and assembly) through aws-lc-rs.
    AwsLc,
}

impl JwtBackend {
    /// The backend the command line (`--jsonwebtoken-backend aws_lc_rs`)
    /// or, for the criterion benches, whose arguments are criterion's, the
    /// environment (`JETON_JWT_BACKEND=aws_lc_rs`) names; RustCrypto
    /// without either.
    pub fn from_args() -> JwtBackend {
        let args: Vec<String> = std::env::args().collect();
        let named = match args.iter().position(|a| a == "--jsonwebtoken-backend") {
            Some(i) => args.get(i + 1).cloned(),
            None => std::env::var("JETON_JWT_BACKEND").ok(),
        };
        match named.as_deref() {
            Some("aws_lc_rs") => JwtBackend::AwsLc,
            Some("rust_crypto") | None => JwtBackend::RustCrypto,
            Some(other) => panic!("unknown jsonwebtoken backend {other:?}"),
        }
    }

    /// Installs this backend as jsonwebtoken 11's and 12's process-wide
    /// provider; panics if another one is installed already.
    pub fn install(self) {
        let (p11, p12) = match self {
            JwtBackend::RustCrypto => (
                &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER,
                &jsonwebtoken12::crypto::rust_crypto::DEFAULT_PROVIDER,
            ),
            #[cfg(feature = "aws-lc")]
            JwtBackend::AwsLc => (
                &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER,
                &jsonwebtoken12::crypto::aws_lc::DEFAULT_PROVIDER,
            ),
            #[cfg(not(feature = "aws-lc"))]
            JwtBackend::AwsLc => panic!("built without the `aws-lc` feature"),
        };
        if let Err(installed) = p11.install_default() {
            assert!(std::ptr::eq(installed, p11), "another backend installed");
        }
        if let Err(installed) = p12.install_default() {
            assert!(std::ptr::eq(installed, p12), "another backend installed");
        }
    }

    /// The row name of jsonwebtoken `major` on this backend.
    pub fn jsonwebtoken(self, major: u32) -> &'static str {
        match (major, self) {
            (11, JwtBackend::RustCrypto) => "jsonwebtoken 11 (rust_crypto)",
            (11, JwtBackend::AwsLc) => "jsonwebtoken 11 (aws_lc_rs)",
            (12, JwtBackend::RustCrypto) => "jsonwebtoken 12 (rust_crypto)",
            (12, JwtBackend::AwsLc) => "jsonwebtoken 12 (aws_lc_rs)",
            _ => panic!("jsonwebtoken {major} is not benchmarked"),
        }
    }
}

/// jwt-simple's HS256 key, and options doing jeton's checks.
pub fn jwt_simple_hs256() -> jwt_simple::prelude::HS256Key {
    jwt_simple::prelude::HS256Key::from_bytes(JWT_KEY)
}

/// The benchmark claims as jwt-simple builds them to sign.
pub fn jwt_simple_claims(
    bench: &BenchClaims,
) -> jwt_simple::prelude::JWTClaims<asym::SimpleCustom> {
    use jwt_simple::prelude::{Audiences, JWTClaims, UnixTimeStamp};
    let at = |t: i64| Some(UnixTimeStamp::from_secs(t as u64));
    JWTClaims {
        issued_at: at(bench.iat),
        expires_at: at(bench.exp),
        invalid_before: at(bench.nbf),
        issuer: Some(bench.iss.clone()),
        subject: Some(bench.sub.clone()),
        audiences: Some(Audiences::AsString(bench.aud.clone())),
        jwt_id: Some(bench.jti.clone()),
        nonce: None,
        custom: asym::SimpleCustom {
            name: bench.name.clone(),
            admin: bench.admin,
        },
    }
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

/// What a C server does: the benchmark token verified through the C ABI
/// with the benchmark's validation, then five claims read back.
pub mod c_abi {
    use crate::{AUD, ISS, JWT_KEY, JWT_NOW};
    use jeton_c::jeton_bytes;
    use jeton_c::jwt::{
        JETON_JWT_HS256, jeton_jwt_key_set, jeton_jwt_key_set_add, jeton_jwt_key_set_init,
        jeton_jwt_validation, jeton_jwt_verified, jeton_jwt_verified_audience,
        jeton_jwt_verified_claim_bool, jeton_jwt_verified_claim_i64, jeton_jwt_verified_claim_str,
        jeton_jwt_verify,
    };

    /// A C key set holding the benchmark key.
    pub fn key_set() -> Box<jeton_jwt_key_set> {
        // SAFETY: a zeroed key set is valid storage for `_init`, which
        // fills it; the key and NULL kid follow the functions' contracts.
        unsafe {
            let mut keys: Box<jeton_jwt_key_set> = Box::new(std::mem::zeroed());
            assert_eq!(jeton_jwt_key_set_init(&mut *keys), 0);
            let status = jeton_jwt_key_set_add(
                &mut *keys,
                JETON_JWT_HS256,
                JWT_KEY.as_ptr(),
                JWT_KEY.len(),
                std::ptr::null(),
                0,
            );
            assert_eq!(status, 0);
            keys
        }
    }

    fn bytes(s: &str) -> jeton_bytes {
        jeton_bytes {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// Verifies `token` and reads `name`, `admin`, `sub`, `iat` and the
    /// first audience; returns the lengths and values read.
    pub fn verify_and_read_five(
        keys: &jeton_jwt_key_set,
        token: &[u8],
    ) -> (usize, bool, usize, i64, usize) {
        let iss = [bytes(ISS)];
        let aud = [bytes(AUD)];
        // SAFETY: every pointer handed over is valid for the call, as each
        // function's contract asks; the buffers do not overlap.
        unsafe {
            let mut v: jeton_jwt_validation = std::mem::zeroed();
            v.now = JWT_NOW;
            v.issuers = iss.as_ptr();
            v.issuer_count = 1;
            v.audiences = aud.as_ptr();
            v.audience_count = 1;
            let mut buf = [0u8; 512];
            let (mut used, mut t) = (0usize, std::mem::zeroed::<jeton_jwt_verified>());
            let status = jeton_jwt_verify(
                keys,
                token.as_ptr(),
                token.len(),
                &v,
                buf.as_mut_ptr(),
                buf.len(),
                &mut used,
                &mut t,
            );
            assert_eq!(status, 0);
            let mut out = [0u8; 64];
            let (mut name, mut sub, mut audience) = (0usize, 0usize, 0usize);
            let (mut admin, mut iat) = (false, 0i64);
            let read = [
                jeton_jwt_verified_claim_str(
                    &t,
                    b"name".as_ptr(),
                    4,
                    out.as_mut_ptr(),
                    out.len(),
                    &mut name,
                ),
                jeton_jwt_verified_claim_bool(&t, b"admin".as_ptr(), 5, &mut admin),
                jeton_jwt_verified_claim_str(
                    &t,
                    b"sub".as_ptr(),
                    3,
                    out.as_mut_ptr(),
                    out.len(),
                    &mut sub,
                ),
                jeton_jwt_verified_claim_i64(&t, b"iat".as_ptr(), 3, &mut iat),
                jeton_jwt_verified_audience(&t, 0, out.as_mut_ptr(), out.len(), &mut audience),
            ];
            assert_eq!(read, [0; 5]);
            (name, admin, sub, iat, audience)
        }
    }
}
