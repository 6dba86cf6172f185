//! The OAuth client side against the examples of its specifications:
//! RFC 6749 (sections 2.3.1, 4.1, 4.4, 5.1, 5.2, 6), RFC 7636 appendix B,
//! RFC 8628 section 3 and RFC 9126 section 4, as the RFC text shows them.
//!
//! The RFC 6749 examples escape the dots of `https://client.example.com`
//! (`client%2Eexample%2Ecom`), as HTML 4's form encoding did; the URL
//! standard's form encoding, which jeton writes (and every server decodes
//! alike), leaves `.` as it is. Those expectations spell the dots out and
//! say so.

use jeton::Error;
use jeton::oauth::authorize::{AuthorizationRequest, ParResponse, write_par_url};
use jeton::oauth::callback::{Callback, CallbackCheck, Outcome};
use jeton::oauth::device::{DeviceAuthorization, DeviceAuthorizationRequest, DevicePoller, Poll};
use jeton::oauth::form;
use jeton::oauth::pkce::{self, Pkce};
use jeton::oauth::response::{ErrorCode, ErrorResponse, TokenResponse, TokenType};
use jeton::oauth::token::{ClientAuth, TokenRequest};

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// RFC 6749's `client%2Eexample%2Ecom`, dots as the URL standard leaves them.
fn undot(rfc: &str) -> String {
    rfc.replace("%2E", ".")
}

fn sorted(form: &str) -> Vec<&str> {
    let mut v: Vec<&str> = form.split('&').collect();
    v.sort_unstable();
    v
}

/// RFC 7636 appendix B.
#[test]
fn rfc7636_appendix_b() {
    let octets = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    let pair = Pkce::from_bytes(&octets);
    assert_eq!(
        pair.verifier(),
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    assert_eq!(
        pair.challenge(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    let mut rng = |buf: &mut [u8]| {
        buf.copy_from_slice(&octets);
        Ok(())
    };
    let mut out = [0u8; 43];
    pkce::generate_verifier(&mut rng, &mut out).unwrap();
    assert_eq!(&out, b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    pkce::challenge_s256(&out.clone(), &mut out).unwrap();
    assert_eq!(&out, b"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

/// RFC 6749 section 4.1.1: `GET /authorize?response_type=code
/// &client_id=s6BhdRkqt3&state=xyz
/// &redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb`.
#[test]
fn rfc6749_authorization_request() {
    let rfc = "response_type=code&client_id=s6BhdRkqt3&state=xyz\
               &redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb";
    let mut url = [0u8; 256];
    let n = AuthorizationRequest::new("s6BhdRkqt3", "https://client.example.com/cb")
        .state("xyz")
        .write_url(b"https://server.example.com/authorize", &mut url)
        .unwrap();
    let ours = text(&url[..n]);
    let query = ours
        .strip_prefix("https://server.example.com/authorize?")
        .unwrap();
    // The same parameters (jeton writes state after redirect_uri).
    assert_eq!(sorted(query), sorted(&undot(rfc)));
}

/// RFC 6749 sections 4.1.2 and 4.1.2.1.
#[test]
fn rfc6749_authorization_responses() {
    let check = CallbackCheck::without_issuer();
    let location = b"https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz";
    let cb = Callback::parse(form::query(location), &check).unwrap();
    assert_eq!(cb.code().unwrap().raw(), b"SplxlOBeZQQYbYS6WxSbIA");
    assert_eq!(cb.state().unwrap().raw(), b"xyz");

    let location = b"https://client.example.com/cb?error=access_denied&state=xyz";
    let cb = Callback::parse(form::query(location), &check).unwrap();
    let Outcome::Error(e) = cb.outcome() else {
        panic!("an error response")
    };
    assert_eq!(e.code(), ErrorCode::AccessDenied);
    assert_eq!(cb.code(), Err(Error::OauthAccessDenied));
    assert_eq!(cb.state().unwrap().raw(), b"xyz");
}

/// RFC 6749 section 4.1.3, with section 2.3.1's Basic credentials
/// (client `s6BhdRkqt3`, secret `gX1fBat3bV`).
#[test]
fn rfc6749_access_token_request() {
    let auth = ClientAuth::SecretBasic {
        client_id: "s6BhdRkqt3",
        client_secret: "gX1fBat3bV",
    };
    let mut header = [0u8; 64];
    let n = auth.write_authorization(&mut header).unwrap().unwrap();
    assert_eq!(text(&header[..n]), "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    let mut body = [0u8; 256];
    let n = TokenRequest::authorization_code_without_pkce(
        "SplxlOBeZQQYbYS6WxSbIA",
        "https://client.example.com/cb",
    )
    .write_body(&auth, &mut body)
    .unwrap();
    assert_eq!(
        text(&body[..n]),
        undot(
            "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA\
             &redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb"
        )
    );
}

/// RFC 6749 section 2.3.1 (`client_secret_post` and its Basic value),
/// section 6 (refresh) and section 4.4.2 (client credentials).
#[test]
fn rfc6749_client_authentication_refresh_and_client_credentials() {
    let basic = ClientAuth::SecretBasic {
        client_id: "s6BhdRkqt3",
        client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    };
    let mut header = [0u8; 96];
    let n = basic.write_authorization(&mut header).unwrap().unwrap();
    assert_eq!(
        text(&header[..n]),
        "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3"
    );
    let post = ClientAuth::SecretPost {
        client_id: "s6BhdRkqt3",
        client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    };
    let mut body = [0u8; 256];
    let n = TokenRequest::refresh_token("tGzv3JOkF0XG5Qx2TlKWIA")
        .write_body(&post, &mut body)
        .unwrap();
    assert_eq!(
        text(&body[..n]),
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA\
         &client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw"
    );
    let n = TokenRequest::refresh_token("tGzv3JOkF0XG5Qx2TlKWIA")
        .write_body(&basic, &mut body)
        .unwrap();
    assert_eq!(
        text(&body[..n]),
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
    );
    let n = TokenRequest::client_credentials()
        .write_body(&basic, &mut body)
        .unwrap();
    assert_eq!(text(&body[..n]), "grant_type=client_credentials");
}

/// RFC 6749 sections 5.1 and 5.2.
#[test]
fn rfc6749_token_responses() {
    let example = r#"{
       "access_token":"2YotnFZFEjr1zCsicMWpAA",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
       "example_parameter":"example_value"
     }"#;
    // "example" stands for a type the RFC leaves to extensions: a client
    // can only use Bearer and DPoP tokens.
    assert_eq!(
        TokenResponse::parse(example.as_bytes()).err(),
        Some(Error::OauthTokenTypeUnsupported)
    );
    let bearer = example.replace(r#""example","#, r#""Bearer","#);
    let t = TokenResponse::parse(bearer.as_bytes()).unwrap();
    assert_eq!(t.access_token().as_plain(), Some("2YotnFZFEjr1zCsicMWpAA"));
    assert_eq!(t.token_type(), TokenType::Bearer);
    assert_eq!(t.expires_in(), Some(3600));
    assert_eq!(
        t.refresh_token().unwrap().as_plain(),
        Some("tGzv3JOkF0XG5Qx2TlKWIA")
    );
    assert_eq!(t.scope(), None);
    assert_eq!(
        t.object()
            .get("example_parameter")
            .unwrap()
            .as_str()
            .unwrap()
            .as_plain(),
        Some("example_value")
    );

    let error = br#"{
       "error":"invalid_request"
     }"#;
    assert_eq!(
        TokenResponse::parse(error).err(),
        Some(Error::OauthServerError)
    );
    let e = ErrorResponse::parse(error).unwrap();
    assert_eq!(e.code(), ErrorCode::InvalidRequest);
    assert_eq!(e.description(), None);
}

/// RFC 8628 sections 3.1 to 3.5.
#[test]
fn rfc8628_device_flow() {
    let public = ClientAuth::None {
        client_id: "1406020730",
    };
    let mut body = [0u8; 256];
    let n = DeviceAuthorizationRequest::new()
        .scope(&["example_scope"])
        .write_body(&public, &mut body)
        .unwrap();
    // Section 3.1: client_id=1406020730&scope=example_scope, in another order.
    assert_eq!(
        sorted(text(&body[..n])),
        sorted("client_id=1406020730&scope=example_scope")
    );

    let response = br#"{
      "device_code": "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS",
      "user_code": "WDJB-MJHT",
      "verification_uri": "https://example.com/device",
      "verification_uri_complete":
          "https://example.com/device?user_code=WDJB-MJHT",
      "expires_in": 1800,
      "interval": 5
    }"#;
    let auth = DeviceAuthorization::parse(response).unwrap();
    assert_eq!(
        auth.device_code().as_plain(),
        Some("GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS")
    );
    assert_eq!(auth.user_code().as_plain(), Some("WDJB-MJHT"));
    assert_eq!(
        auth.verification_uri().as_plain(),
        Some("https://example.com/device")
    );
    assert_eq!(
        auth.verification_uri_complete().unwrap().as_plain(),
        Some("https://example.com/device?user_code=WDJB-MJHT")
    );
    assert_eq!((auth.expires_in(), auth.interval()), (1800, 5));

    // Section 3.4.
    let n = TokenRequest::device_code(auth.device_code().as_plain().unwrap())
        .write_body(&public, &mut body)
        .unwrap();
    assert_eq!(
        text(&body[..n]),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code\
         &device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=1406020730"
    );

    // Section 3.5: every error code, and the expiry.
    let now = 1_000_000;
    let mut poller = DevicePoller::new(&auth, now);
    assert_eq!(poller.wait(now), Ok(5));
    let pending = br#"{"error":"authorization_pending"}"#;
    let slow = br#"{"error":"slow_down"}"#;
    assert_eq!(
        poller.on_response(pending, now + 5),
        Ok(Poll::Pending {
            next_poll_at: now + 10
        })
    );
    assert_eq!(
        poller.on_response(slow, now + 10),
        Ok(Poll::Pending {
            next_poll_at: now + 20
        })
    );
    assert_eq!(
        poller.on_response(slow, now + 20),
        Ok(Poll::Pending {
            next_poll_at: now + 35
        })
    );
    assert_eq!(poller.interval(), 15);
    assert_eq!(
        poller.on_response(pending, now + 35),
        Ok(Poll::Pending {
            next_poll_at: now + 50
        })
    );
    assert_eq!(
        poller.on_response(br#"{"error":"access_denied"}"#, now + 50),
        Err(Error::OauthAccessDenied)
    );
    assert_eq!(
        poller.on_response(br#"{"error":"expired_token"}"#, now + 50),
        Err(Error::OauthDeviceCodeExpired)
    );
    // The device code lives 1800 seconds: no poll is due after that.
    assert_eq!(
        poller.on_response(pending, now + 1790),
        Err(Error::OauthDeviceCodeExpired)
    );
    assert_eq!(poller.wait(now + 1800), Err(Error::OauthDeviceCodeExpired));
}

/// RFC 9126 sections 2.2 and 4.
#[test]
fn rfc9126_pushed_authorization() {
    let response = br#"{
      "request_uri":
        "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
      "expires_in": 60
    }"#;
    let par = ParResponse::parse(response).unwrap();
    assert_eq!(par.expires_in(), 60);
    let request_uri = par.request_uri().as_plain().unwrap();
    let mut url = [0u8; 256];
    let n = write_par_url(
        b"https://as.example.com/authorize",
        "s6BhdRkqt3",
        request_uri,
        &mut url,
    )
    .unwrap();
    assert_eq!(
        text(&url[..n]),
        "https://as.example.com/authorize?client_id=s6BhdRkqt3\
         &request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c"
    );
}
