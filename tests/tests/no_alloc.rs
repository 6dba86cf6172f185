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
        store.touch(&id, 1_100).unwrap();
        revoked.revoke(b"jti-1", 2_000, 1_000).unwrap();
        assert!(revoked.contains(b"jti-1", 1_500));
        store.lookup(&id, 1_200).unwrap().user
    });
    assert_eq!(user, 42);
}
