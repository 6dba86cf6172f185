//! Every jeton operation runs without touching the heap, counted by a
//! global allocator installed in this test binary.

use jeton::cookie::{
    CookieHeader, CookieHeaderWriter, CookieJar, ParsedSetCookie, RequestUrl, SameSite, SetCookie,
    format_http_date, parse_cookie_date,
};
use jeton::percent;
use jeton_tests::alloc_counter::{CountingAllocator, count_allocations};

#[global_allocator]
static COUNTER: CountingAllocator = CountingAllocator;

const BROWSER_HEADER: &str = include_str!("../../bench/inputs/cookie_header.txt");

fn assert_no_alloc<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (calls, bytes, result) = count_allocations(f);
    assert_eq!((calls, bytes), (0, 0), "{what} allocated");
    result
}

#[test]
fn the_counter_counts() {
    // Without this, a broken counter would make every test below pass.
    let (calls, bytes, boxed) = count_allocations(|| Box::new([7u8; 64]));
    assert_eq!((calls, bytes), (1, 64));
    assert_eq!(boxed[63], 7);
}

#[test]
fn cookie_header_reading() {
    let header = BROWSER_HEADER.trim_end().as_bytes();
    let mut buf = [0u8; 256];
    let (pairs, found, decoded) = assert_no_alloc("Cookie header", || {
        let parsed = CookieHeader::parse(header).unwrap();
        let pairs = parsed.iter().count();
        let found = parsed.get("sessionid").map(|c| c.value().len());
        let prefs = parsed.get("prefs").unwrap();
        let decoded = prefs.decode_value(&mut buf).unwrap();
        let _ = parsed.check_strict();
        (pairs, found, decoded)
    });
    assert_eq!(pairs, 12);
    assert_eq!(found, Some(48));
    assert_eq!(&buf[..decoded], b"lang=en-US&tz=Europe/Berlin&cur=EUR");
}

#[test]
fn set_cookie_formatting_and_parsing() {
    let mut buf = [0u8; 256];
    let n = assert_no_alloc("SetCookie::write", || {
        SetCookie::new("session", "NgnpiJqAjtVpgw2FoLiOQWqi5KRxvTfY")
            .path("/")
            .domain("example.com")
            .max_age(86400)
            .expires(2_000_000_000)
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Lax)
            .write(&mut buf)
            .unwrap()
    });
    assert_eq!(
        &buf[..n],
        include_str!("../../bench/inputs/set_cookie_expected.txt")
            .trim_end()
            .as_bytes()
    );
    let parsed = assert_no_alloc("ParsedSetCookie::parse", || {
        ParsedSetCookie::parse(&buf[..n]).unwrap()
    });
    assert_eq!(parsed.expires(), Some(2_000_000_000));
    let t = assert_no_alloc("cookie date", || {
        parse_cookie_date(b"Wed, 18 May 2033 03:33:20 GMT")
    });
    assert_eq!(t, Ok(2_000_000_000));
    let mut date = [0u8; 29];
    assert_no_alloc("http date", || format_http_date(0, &mut date).unwrap());
}

#[test]
fn percent_coding_and_header_writing() {
    let mut buf = [0u8; 64];
    let mut back = [0u8; 64];
    let (n, m) = assert_no_alloc("percent", || {
        let n = percent::encode("a b/é".as_bytes(), &mut buf).unwrap();
        let m = percent::decode(&buf[..n], &mut back).unwrap();
        (n, m)
    });
    assert_eq!(&back[..m], "a b/é".as_bytes());
    assert!(n > m);
    let n = assert_no_alloc("CookieHeaderWriter", || {
        let mut w = CookieHeaderWriter::new(&mut buf);
        w.pair("a", "1").unwrap();
        w.pair_encoded("b", "x y").unwrap();
        w.finish().unwrap()
    });
    assert_eq!(&buf[..n], b"a=1; b=x%20y");
}

#[test]
fn cookie_jar() {
    let mut jar: Box<CookieJar<16, 2048>> = Box::new(CookieJar::new());
    let url = RequestUrl::parse("https://shop.example.com/cart/view").unwrap();
    let mut buf = [0u8; 128];
    let n = assert_no_alloc("CookieJar", || {
        jar.store("sid=abc; Path=/; Secure; HttpOnly", &url, 1_700_000_000)
            .unwrap();
        jar.store("cart=3; Max-Age=60", &url, 1_700_000_000)
            .unwrap();
        jar.cookie_header(&url, 1_700_000_010, &mut buf).unwrap()
    });
    assert_eq!(&buf[..n], b"cart=3; sid=abc");
}

#[test]
fn signing_and_verifying() {
    use jeton::mac::{Algorithm, HmacKey, KeyRing};
    use jeton::signed::{cookie_signature, keygrip};

    let ring: KeyRing<2> =
        KeyRing::with_key(HmacKey::new(Algorithm::Sha1, b"keyboard cat")).unwrap();
    let sha256: KeyRing<2> =
        KeyRing::with_key(HmacKey::new(Algorithm::Sha256, b"keyboard cat")).unwrap();
    let mut sig = [0u8; 27];
    let mut signed = [0u8; 128];
    let mut scratch = [0u8; 128];
    let (index, value) = assert_no_alloc("keygrip and cookie-signature", || {
        let key = ring.signing_key().unwrap();
        keygrip::sign(key, b"session", b"eyJ2aWV3cyI6MX0=", &mut sig).unwrap();
        let index = keygrip::verify(&ring, b"session", b"eyJ2aWV3cyI6MX0=", &sig).unwrap();
        let n = cookie_signature::express_cookie_value(
            sha256.signing_key().unwrap(),
            b"abc",
            &mut signed,
        )
        .unwrap();
        let mut header = [0u8; 160];
        header[..12].copy_from_slice(b"connect.sid=");
        header[12..12 + n].copy_from_slice(&signed[..n]);
        let cookies = CookieHeader::parse(&header[..12 + n]).unwrap();
        let v = cookie_signature::express_unsign(&sha256, &cookies, "connect.sid", &mut scratch)
            .unwrap();
        (index, v.value.len())
    });
    assert_eq!((index, value), (0, 3));
}

#[test]
fn json_and_jwt() {
    use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};

    let token = include_str!("../../bench/inputs/jwt_hs256.txt").trim_end();
    let key_bytes = include_bytes!("../../bench/inputs/jwt_key.bin");
    let key = JwtKey::hs256(key_bytes).unwrap();
    let keys: KeySet<2> = KeySet::with_key(key.clone()).unwrap();
    let audiences = ["https://api.example.com"];
    let validation = Validation::new(1_750_000_000)
        .issuer("https://auth.example.com")
        .audiences(&audiences);
    let mut payload = [0u8; 512];
    let mut out = [0u8; 512];
    let (sub_len, n) = assert_no_alloc("JWT verify and encode", || {
        let verified = jwt::verify(token.as_bytes(), &keys, &validation, &mut payload).unwrap();
        let sub_len = verified.subject().unwrap().raw().len();
        let claims = Claims::new()
            .issuer("https://auth.example.com")
            .subject("user-1")
            .expires_at(1_800_000_000)
            .string("role", "admin");
        let n = jwt::encode(&key, &claims, &mut out).unwrap();
        let _ = jeton::json::parse(br#"{"a":[1,2,{"b":"\u00e9"}]}"#)
            .unwrap()
            .get("a");
        (sub_len, n)
    });
    assert_eq!(sub_len, "user-1234567890".len());
    assert!(n > 100);
}

#[test]
fn auth_and_sessions() {
    use jeton::auth;
    use jeton::session::{RevocationList, SessionStore, generate_id};

    let mut store: Box<SessionStore<u32, 64>> = Box::new(SessionStore::new(600));
    let mut revoked: Box<RevocationList<64>> = Box::new(RevocationList::new());
    let mut buf = [0u8; 64];
    let mut id = [0u8; 43];
    let mut rng = |b: &mut [u8]| {
        b.fill(7);
        Ok(())
    };
    let user = assert_no_alloc("auth and sessions", || {
        let c = auth::parse_basic(b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", &mut buf).unwrap();
        assert_eq!(c.user, b"Aladdin");
        auth::parse_bearer(b"Bearer mF_9.B5f-4.1JqM").unwrap();
        generate_id(&mut rng, &mut id).unwrap();
        store.create(&id, 42, 1_000).unwrap();
        store
            .create_capped(
                b"second-login-of-user-A",
                42,
                1_000,
                1,
                |u| *u == 42,
                |_| {},
            )
            .unwrap();
        assert_eq!(store.lookup(&id, 1_000), Err(jeton::Error::SessionNotFound));
        store.rotate(b"second-login-of-user-A", &id, 1_000).unwrap();
        store.touch(&id, 1_100).unwrap();
        revoked.revoke(b"jti-1", 2_000, 1_000).unwrap();
        assert!(revoked.contains(b"jti-1", 1_500));
        store.lookup(&id, 1_200).unwrap().user
    });
    assert_eq!(user, 42);
}

#[test]
fn rate_limiter_and_csrf_tokens() {
    use jeton::limit::RateLimiter;
    use jeton::mac::{Algorithm, HmacKey, KeyRing};
    use jeton::signed::csrf;
    use std::num::NonZeroU32;

    let three = NonZeroU32::new(3).unwrap();
    let mut limiter: Box<RateLimiter<8>> = Box::new(RateLimiter::new(three, three));
    let key = HmacKey::new(Algorithm::Sha256, b"a csrf key of thirty-two bytes..");
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
    let mut token = [0u8; 96];
    let limited = assert_no_alloc("rate limiter and CSRF tokens", || {
        // More keys than places: the full limiter makes room in place.
        for i in 0..20u32 {
            limiter.check(&i.to_le_bytes(), 1_000);
        }
        for _ in 0..3 {
            limiter.check(b"127.0.0.1\0alice", 1_000);
        }
        let n = csrf::token(&key, b"session", 2_000, &mut token).unwrap();
        csrf::verify(&ring, b"session", &token[..n], &token[..n], 1_000).unwrap();
        limiter.check(b"127.0.0.1\0alice", 1_000).is_allowed()
    });
    assert!(!limited);
}

#[test]
fn asymmetric_keys_and_tokens() {
    use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};

    // Peer-made keys (tests/vectors/asym-jwt.json): read outside the count.
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../vectors/asym-jwt.json")).unwrap();
    let key = |id: &str| {
        data["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id)
            .unwrap()
            .clone()
    };
    let (es256, ed25519, rsa) = (key("es256"), key("ed25519"), key("rsa2048"));
    let es256_private = es256["private_jwk"].to_string();
    let ed25519_private = ed25519["private_jwk"].to_string();
    let rsa_public = rsa["public_jwk"].to_string();
    let rsa_pem = rsa["spki_pem"].as_str().unwrap().to_owned();
    let es256_pem = es256["spki_pem"].as_str().unwrap().to_owned();
    let provider = data["jwks"][0]["document"].to_string();
    let rs256 = data["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "rsa2048" && t["alg"] == "RS256" && t["shape"] == "minimal")
        .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut tokens = [[0u8; 512]; 2];
    let mut buf = [0u8; 1024];
    let mut print = [0u8; 43];
    let mut set: Box<KeySet<16>> = Box::new(KeySet::new());
    let verified = assert_no_alloc("asymmetric keys and tokens", || {
        let signers = [
            JwtKey::from_private_jwk(es256_private.as_bytes()).unwrap(),
            JwtKey::from_private_jwk(ed25519_private.as_bytes()).unwrap(),
        ];
        let claims = Claims::new().subject("user-1").expires_at(4_102_444_800);
        let mut verified = 0;
        for (signer, token) in signers.iter().zip(tokens.iter_mut()) {
            let n = jwt::encode(signer, &claims, token).unwrap();
            let keys: KeySet<1> = KeySet::with_key(signer.clone()).unwrap();
            jwt::verify(&token[..n], &keys, &Validation::new(0), &mut buf).unwrap();
            signer.thumbprint(&mut print).unwrap();
            verified += 1;
        }
        let rsa = JwtKey::from_jwk(rsa_public.as_bytes()).unwrap();
        let from_pem = JwtKey::from_pem(rsa_pem.as_bytes()).unwrap();
        JwtKey::from_pem(es256_pem.as_bytes()).unwrap();
        for key in [rsa, from_pem] {
            let keys: KeySet<1> = KeySet::with_key(key).unwrap();
            jwt::verify(rs256.as_bytes(), &keys, &Validation::new(0), &mut buf).unwrap();
            verified += 1;
        }
        set.replace_from_jwks(provider.as_bytes()).unwrap();
        verified
    });
    assert_eq!(verified, 4);
    assert_eq!(set.keys().len(), 8);
}

#[test]
fn oauth_tokens() {
    use jeton::jwt::{JwtKey, KeySet};
    use jeton::oauth::{
        AccessTokenValidation, DpopProof, DpopValidation, IdTokenValidation, Introspection,
        IntrospectionCheck, Metadata, Profile, Thumbprint, verify_access_token, verify_id_token,
        verify_proof,
    };
    use jeton::session::RevocationList;

    // Peer-made tokens (tests/vectors/oauth-tokens.json): read outside the
    // count.
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../vectors/oauth-tokens.json")).unwrap();
    let case = |section: &str, name: &str| {
        data[section]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap().to_owned();
    let jwks = data["jwks"].to_string();
    let metadata = text(&case("metadata", "openid-full"), "document");
    let id_token = text(&case("id_tokens", "at-hash-rs256"), "token");
    let access_token = text(&case("access_tokens", "scope-granted"), "token");
    let introspection = text(&case("introspection", "live"), "body");
    let dpop = case("dpop", "valid-es256");
    let (proof, bound) = (text(&dpop, "proof"), text(&dpop, "access_token"));
    let client = data["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "client-ed25519")
        .unwrap()["private_jwk"]
        .to_string();
    let (issuer, resource) = (text(&data, "issuer"), text(&data, "resource"));
    let now = data["now"].as_i64().unwrap();
    let mut keys: Box<KeySet<8>> = Box::new(KeySet::new());
    let mut seen: Box<RevocationList<64>> = Box::new(RevocationList::new());
    let mut buf = [0u8; 2048];
    let mut out = [0u8; 1024];
    let mut jwk = [0u8; 160];
    let header = format!("DPoP {bound}");

    let checked = assert_no_alloc("OAuth tokens", || {
        keys.replace_from_jwks(jwks.as_bytes()).unwrap();
        let meta = Metadata::parse(metadata.as_bytes(), &issuer, Profile::OpenId).unwrap();
        assert!(meta.supports_s256() && meta.jwks_uri().is_some());
        let v = IdTokenValidation::new(now, &issuer, "s6BhdRkqt3")
            .nonce(b"n-0S6_WzA2Mj")
            .access_token(b"jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y");
        let id = verify_id_token(id_token.as_bytes(), &*keys, &v, &mut buf).unwrap();
        assert!(id.nonce().is_some());
        let scopes = ["reademail"];
        let v = AccessTokenValidation::new(now, &issuer, &resource).scopes(&scopes);
        let at = verify_access_token(access_token.as_bytes(), &*keys, &v, &mut buf).unwrap();
        assert!(at.has_scope("profile") && at.check_bearer_use().is_ok());
        let r = Introspection::parse(introspection.as_bytes()).unwrap();
        r.check(&IntrospectionCheck::new(now).audience(&resource))
            .unwrap();
        // A resource server's request: the token, its binding, the proof.
        let token = jeton::auth::parse_dpop(header.as_bytes()).unwrap();
        let at = verify_access_token(
            token,
            &*keys,
            &AccessTokenValidation::new(now, &issuer, &resource),
            &mut buf,
        )
        .unwrap();
        let jkt = at.cnf_jkt().unwrap();
        let v = DpopValidation::new(now, "GET", "https://rs.example.com/api/items")
            .access_token(token, jkt);
        let mut proof_buf = [0u8; 1024];
        let p = verify_proof(proof.as_bytes(), &v, Some(&mut *seen), &mut proof_buf).unwrap();
        assert_eq!(p.thumbprint(), jkt);
        // A client's proof.
        let key = JwtKey::from_private_jwk(client.as_bytes()).unwrap();
        let n = DpopProof::new("POST", "https://as.example.com/token", now, &[9u8; 16])
            .nonce("server-nonce")
            .write(&key, &mut out)
            .unwrap();
        let print = Thumbprint::of(&key).unwrap();
        let v = DpopValidation::new(now, "POST", "https://as.example.com/token")
            .nonce(b"server-nonce")
            .bound_to(print);
        verify_proof(&out[..n], &v, Some(&mut *seen), &mut proof_buf).unwrap();
        key.public_jwk(&mut jwk).map(|_| 3).unwrap()
    });
    assert_eq!(checked, 3);
    assert_eq!(seen.len(), 2);
}

#[test]
fn oauth_client() {
    use jeton::mac::{Algorithm, HmacKey, KeyRing};
    use jeton::oauth::authorize::{AuthorizationRequest, ParResponse, write_par_url};
    use jeton::oauth::callback::{Callback, CallbackCheck};
    use jeton::oauth::device::{
        DeviceAuthorization, DeviceAuthorizationRequest, DevicePoller, Poll,
    };
    use jeton::oauth::response::{ErrorResponse, TokenResponse};
    use jeton::oauth::token::{self, ClientAuth, TokenRequest};
    use jeton::oauth::{form, pkce, state, url};
    use jeton::session::RevocationList;

    // A peer-made signing key (tests/vectors/asym-jwt.json), read outside
    // the count.
    let data: serde_json::Value =
        serde_json::from_str(include_str!("../vectors/asym-jwt.json")).unwrap();
    let es256_private = data["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "es256")
        .unwrap()["private_jwk"]
        .to_string();
    let mut used: Box<RevocationList<64>> = Box::new(RevocationList::new());
    let mut state_buf = [0u8; state::MAX_STATE_LEN];
    let mut callback = [0u8; 1024];
    let (mut a, mut b) = ([0u8; 2048], [0u8; 1024]);
    let done = assert_no_alloc("OAuth client", || {
        let key = HmacKey::new(Algorithm::Sha256, b"an OAuth state key of 32 bytes..");
        let ring: KeyRing<2> = KeyRing::with_key(key.clone()).unwrap();
        let mut rng = |buf: &mut [u8]| {
            buf.fill(0x42);
            Ok(())
        };
        let now = 1_700_000_000;
        // PKCE on its own.
        let pair = pkce::Pkce::generate(&mut rng).unwrap();
        pkce::challenge_s256(pair.verifier().as_bytes(), &mut a).unwrap();
        pkce::generate_verifier(&mut rng, &mut a).unwrap();
        // Redirect: state, URL, cookie, PAR.
        let new = state::issue(&key, &mut rng, now, 600, b"/return", &mut state_buf).unwrap();
        let request = AuthorizationRequest::new("my-app", "https://app.example/cb")
            .scope(&["openid", "email"])
            .state(new.state())
            .nonce(new.nonce())
            .code_challenge(new.code_challenge())
            .resource(&["https://api.example/"])
            .extra(&[("ui_locales", "fr en")]);
        request
            .write_url(b"https://as.example/authorize?x=1", &mut a)
            .unwrap();
        new.write_cookie(&mut a).unwrap();
        state::write_clear_cookie(&mut a).unwrap();
        let post = ClientAuth::SecretPost {
            client_id: "my-app",
            client_secret: "s e c",
        };
        request.write_par_body(&post, &mut a).unwrap();
        write_par_url(b"https://as.example/authorize", "my-app", "urn:x:1", &mut a).unwrap();
        ParResponse::parse(br#"{"request_uri":"urn:x:1","expires_in":60}"#).unwrap();
        // Callback.
        let mut w = url::with_query(b"https://app.example/cb", &mut callback).unwrap();
        w.pair(b"code", b"Splx+lO%BeZ")
            .pair(b"state", new.state().as_bytes())
            .pair(b"iss", b"https://as.example");
        let n = w.finish().unwrap();
        let query = form::query(&callback[..n]);
        let cb = Callback::parse(
            query,
            &CallbackCheck::new("https://as.example").iss_required(true),
        )
        .unwrap();
        let code = cb.code().unwrap();
        let len = code.decode_into(&mut b).unwrap();
        let code = std::str::from_utf8(&b[..len]).unwrap();
        let mut payload = [0u8; state::MAX_PAYLOAD_LEN];
        let verified = cb
            .verify_state(&ring, new.binding().as_bytes(), now + 30, 600, &mut payload)
            .unwrap();
        verified.consume(&mut used, now + 30).unwrap();
        for pair in form::pairs(query) {
            pair.value().decode_into(&mut a).unwrap();
            pair.name().ct_eq(b"state");
        }
        form::encode("a b/é".as_bytes(), &mut a).unwrap();
        // Token request, each client authentication.
        let basic = ClientAuth::SecretBasic {
            client_id: "my-app",
            client_secret: "p:ss",
        };
        let request = TokenRequest::authorization_code(
            code,
            "https://app.example/cb",
            verified.code_verifier(),
        );
        request.write_body(&basic, &mut a).unwrap();
        basic.write_authorization(&mut a).unwrap();
        let signer = jeton::jwt::JwtKey::from_private_jwk(es256_private.as_bytes()).unwrap();
        let n = token::client_assertion(
            &signer,
            "my-app",
            "https://as.example",
            now,
            &mut rng,
            &mut b,
        )
        .unwrap();
        let jwt = ClientAuth::Jwt {
            client_id: "my-app",
            assertion: std::str::from_utf8(&b[..n]).unwrap(),
        };
        TokenRequest::client_credentials()
            .scope(&["api"])
            .resource(&["https://api.example/"])
            .write_body(&jwt, &mut a)
            .unwrap();
        TokenRequest::refresh_token("r")
            .write_body(&post, &mut a)
            .unwrap();
        // Responses.
        let token = TokenResponse::parse(
            br#"{"access_token":"at","token_type":"DPoP","expires_in":"3600","scope":"openid email","x":[1]}"#,
        )
        .unwrap();
        token.has_scope(b"email");
        let error = br#"{"error":"invalid_grant","error_description":"used"}"#;
        TokenResponse::parse(error).unwrap_err();
        ErrorResponse::parse(error).unwrap();
        // Device flow.
        let public = ClientAuth::None { client_id: "tv" };
        DeviceAuthorizationRequest::new()
            .scope(&["openid"])
            .write_body(&public, &mut a)
            .unwrap();
        let device = DeviceAuthorization::parse(
            br#"{"device_code":"d","user_code":"WDJB-MJHT","verification_uri":"https://e/d","expires_in":1800}"#,
        )
        .unwrap();
        TokenRequest::device_code("d")
            .write_body(&public, &mut a)
            .unwrap();
        let mut poller = DevicePoller::new(&device, now);
        poller.wait(now).unwrap();
        poller
            .on_response(br#"{"error":"slow_down"}"#, now + 5)
            .unwrap();
        poller.on_no_response(now + 15).unwrap();
        let done = poller
            .on_response(br#"{"access_token":"at","token_type":"Bearer"}"#, now + 35)
            .unwrap();
        matches!(done, Poll::Token(_))
    });
    assert!(done);
    assert_eq!(used.len(), 1);
}
