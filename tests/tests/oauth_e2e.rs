//! OAuth 2.0 and OpenID Connect end to end, against a real authorization
//! server: npm oidc-provider on 127.0.0.1, started by
//! `scripts/oauth-provider.sh` (`scripts/oauth-tests.sh` runs this file
//! under it). Without `JETON_OAUTH_PROVIDER` every test prints a notice and
//! passes without checking anything; the script always sets it.
//!
//! jeton builds every request and judges every answer: the discovery
//! document, the authorization URL with PKCE and a signed `state` and
//! `nonce`, the callback (with RFC 9207's `iss`), the token request and
//! its client authentication, the token response, the ID token against
//! the provider's JWKS, the RFC 9068 access token, introspection, DPoP
//! proofs (made by the client, checked by a resource server) and the
//! device flow's polling. The test supplies only the HTTP client and a
//! user who signs in and consents on the provider's pages.
//!
//! Each refusal is asserted with the error that names the check.

use jeton::Error;
use jeton::asym::ecdsa::P256SigningKey;
use jeton::json::JsonStr;
use jeton::jwt::{JwtAlgorithm, JwtKey, KeySet};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::oauth::authorize::AuthorizationRequest;
use jeton::oauth::callback::{Callback, CallbackCheck};
use jeton::oauth::device::{DeviceAuthorization, DeviceAuthorizationRequest, DevicePoller, Poll};
use jeton::oauth::response::{ErrorCode, ErrorResponse, TokenResponse, TokenType};
use jeton::oauth::state::{self, NewState};
use jeton::oauth::token::{ClientAuth, TokenRequest};
use jeton::oauth::{
    AccessTokenValidation, DpopProof, DpopValidation, IdTokenValidation, Introspection,
    IntrospectionCheck, Metadata, Profile, Thumbprint, verify_access_token, verify_id_token,
    verify_proof,
};
use jeton::session::RevocationList;
use jeton_tests::oauth_provider::{Http, Landing, Provider, UserAgent, now, query_of};

/// The user who signs in on the provider's pages.
const USER: &str = "alice";

/// A fresh random source.
fn rng() -> impl FnMut(&mut [u8]) -> Result<(), Error> {
    |buf: &mut [u8]| getrandom::fill(buf).map_err(|_| Error::EntropyUnavailable)
}

fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).unwrap();
    out
}

/// A JSON string member as Rust text (unescaped).
fn text(s: JsonStr<'_>) -> String {
    let mut out = vec![0u8; s.raw().len()];
    let n = s.unescape_into(&mut out).unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// The provider's endpoints and keys, read by jeton from its discovery
/// document and JWK Set.
struct Discovered {
    provider: Provider,
    http: Http,
    authorization_endpoint: String,
    token_endpoint: String,
    device_endpoint: String,
    introspection_endpoint: String,
    iss_parameter: bool,
    keys: KeySet<8>,
}

fn discover(provider: Provider) -> Discovered {
    let http = Http::new();
    let doc = http.get(&provider.url("/.well-known/openid-configuration"), &[]);
    assert_eq!(doc.status, 200);
    let meta = Metadata::parse(&doc.body, &provider.issuer, Profile::OpenId).unwrap();
    // The provider advertises what these tests rely on.
    assert!(meta.supports_s256());
    assert!(meta.supports_token_endpoint_auth_method("client_secret_basic"));
    assert!(meta.supports_grant_type(jeton::oauth::token::DEVICE_CODE_GRANT));
    assert!(
        meta.id_token_signing_alg_values_supported()
            .contains("ES256")
    );
    assert!(meta.dpop_signing_alg_values_supported().contains("ES256"));
    let endpoint = |e: Option<JsonStr<'_>>| text(e.expect("advertised"));
    let jwks = http.get(&endpoint(meta.jwks_uri()), &[]);
    assert_eq!(jwks.status, 200);
    let mut keys = KeySet::new();
    let summary = keys.replace_from_jwks(&jwks.body).unwrap();
    assert_eq!(
        (summary.loaded, summary.skipped, keys.keys().len()),
        (1, 0, 1),
        "the provider's one P-256 key"
    );
    Discovered {
        authorization_endpoint: endpoint(meta.authorization_endpoint()),
        token_endpoint: endpoint(meta.token_endpoint()),
        device_endpoint: endpoint(meta.device_authorization_endpoint()),
        introspection_endpoint: endpoint(meta.introspection_endpoint()),
        iss_parameter: meta.authorization_response_iss_parameter_supported(),
        keys,
        http,
        provider,
    }
}

fn setup(test: &str) -> Option<Discovered> {
    Provider::or_skip(test).map(discover)
}

/// The client's state key (a server's configuration; random per run).
fn state_key() -> HmacKey {
    HmacKey::new(Algorithm::Sha256, &random::<32>())
}

/// What a login brings back to the client: the state it issued (and its
/// binding cookie) and the URL the browser was sent back to.
struct Returned {
    binding: String,
    callback: String,
}

/// Sends a browser with no cookies through the authorization endpoint for
/// `client_id`; the user signs in and consents.
fn login(d: &Discovered, client_id: &str, scope: &[&str], new: &NewState<'_>) -> Returned {
    let resource = [d.provider.resource.as_str()];
    let mut url = [0u8; 2048];
    let n = AuthorizationRequest::new(client_id, &d.provider.redirect_uri)
        .scope(scope)
        .state(new.state())
        .nonce(new.nonce())
        .code_challenge(new.code_challenge())
        .prompt("consent")
        .resource(&resource)
        .write_url(d.authorization_endpoint.as_bytes(), &mut url)
        .unwrap();
    let url = std::str::from_utf8(&url[..n]).unwrap();
    let mut browser = UserAgent::new(&d.provider, USER);
    let Landing::Redirect(callback) = browser.walk(url) else {
        panic!("the login did not come back to the client")
    };
    assert!(
        callback.starts_with(&format!("{}?", d.provider.redirect_uri)),
        "{callback}"
    );
    Returned {
        binding: new.binding().to_owned(),
        callback,
    }
}

/// A token request to the token endpoint; `dpop` is a proof header.
fn token_request(
    d: &Discovered,
    request: &TokenRequest<'_>,
    auth: &ClientAuth<'_>,
    dpop: Option<&str>,
) -> jeton_tests::oauth_provider::Response {
    let mut body = [0u8; 4096];
    let n = request.write_body(auth, &mut body).unwrap();
    let mut authorization = [0u8; 512];
    let a = auth.write_authorization(&mut authorization).unwrap();
    let mut headers = vec![];
    let authorization = a.map(|a| std::str::from_utf8(&authorization[..a]).unwrap().to_owned());
    if let Some(value) = &authorization {
        headers.push(("authorization", value.as_str()));
    }
    if let Some(proof) = dpop {
        headers.push(("dpop", proof));
    }
    d.http.post_form(&d.token_endpoint, &headers, &body[..n])
}

fn confidential(d: &Discovered) -> ClientAuth<'_> {
    ClientAuth::SecretBasic {
        client_id: &d.provider.client_id,
        client_secret: &d.provider.client_secret,
    }
}

/// The code in a callback that passed its checks, as text.
fn code_of(callback: &Callback<'_>) -> String {
    let code = callback.code().unwrap();
    let mut out = vec![0u8; code.decoded_len()];
    let n = code.decode_into(&mut out).unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// Authorization code with PKCE, signed `state` and `nonce`, for the
/// confidential client (client_secret_basic), and what a client and a
/// resource server then check; each refusal on the way names its check.
#[test]
fn authorization_code_flow_with_pkce_state_and_nonce() {
    let Some(d) = setup("authorization_code_flow_with_pkce_state_and_nonce") else {
        return;
    };
    let p = &d.provider;
    let key = state_key();
    let ring: KeyRing<2> = KeyRing::with_key(key.clone()).unwrap();
    let mut state_buf = [0u8; state::MAX_STATE_LEN];
    let new = state::issue(
        &key,
        &mut rng(),
        now(),
        600,
        b"/after-login",
        &mut state_buf,
    )
    .unwrap();
    let scope = ["openid", "email", "offline_access", "api:read"];
    let back = login(&d, &p.client_id, &scope, &new);
    let query = query_of(&back.callback).as_bytes();

    // Mix-up defence (RFC 9207): the provider names itself in `iss`; a
    // client that expected another provider refuses the callback.
    assert!(d.iss_parameter);
    let other = CallbackCheck::new("http://127.0.0.1:1").iss_required(true);
    assert_eq!(
        Callback::parse(query, &other).err(),
        Some(Error::OauthIssuerMismatch)
    );
    let check = CallbackCheck::new(&p.issuer).iss_required(d.iss_parameter);
    let callback = Callback::parse(query, &check).unwrap();
    assert!(callback.iss().unwrap().eq_bytes(p.issuer.as_bytes()));

    // A state that was tampered with on its way back is not ours.
    let state = callback.state().unwrap().as_plain().unwrap().to_vec();
    let mut tampered = state.clone();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let mut payload = [0u8; state::MAX_PAYLOAD_LEN];
    assert_eq!(
        state::verify(
            &ring,
            &tampered,
            back.binding.as_bytes(),
            now(),
            600,
            &mut payload
        )
        .err(),
        Some(Error::OauthStateInvalid)
    );
    // Another browser (no binding cookie, or another one): login CSRF.
    assert_eq!(
        callback
            .verify_state(&ring, b"", now(), 600, &mut payload)
            .err(),
        Some(Error::OauthStateNotBound)
    );
    // Ours, from this browser: the payload rides along, and the state is
    // used once.
    let verified = callback
        .verify_state(&ring, back.binding.as_bytes(), now(), 600, &mut payload)
        .unwrap();
    assert_eq!(verified.payload(), b"/after-login");
    let mut used: RevocationList<16> = RevocationList::new();
    verified.consume(&mut used, now()).unwrap();
    let mut again_buf = [0u8; state::MAX_PAYLOAD_LEN];
    let again = callback
        .verify_state(&ring, back.binding.as_bytes(), now(), 600, &mut again_buf)
        .unwrap();
    assert_eq!(
        again.consume(&mut used, now()).err(),
        Some(Error::OauthStateReplayed)
    );
    // Past its lifetime the same state is refused.
    assert_eq!(
        callback
            .verify_state(
                &ring,
                back.binding.as_bytes(),
                now() + 601,
                600,
                &mut again_buf
            )
            .err(),
        Some(Error::OauthStateExpired)
    );

    // The code, redeemed with the derived verifier and Basic credentials.
    let code = code_of(&callback);
    let resource = [p.resource.as_str()];
    let request =
        TokenRequest::authorization_code(&code, &p.redirect_uri, verified.code_verifier())
            .resource(&resource);
    let answer = token_request(&d, &request, &confidential(&d), None);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let received_at = now();
    let tokens = TokenResponse::parse(&answer.body).unwrap();
    assert_eq!(tokens.token_type(), TokenType::Bearer);
    assert!(tokens.expires_at(received_at).unwrap() > received_at);
    let access_token = text(tokens.access_token());
    let id_token = text(tokens.id_token().expect("an ID token for openid"));
    let refresh_token = text(tokens.refresh_token().expect("offline_access"));

    // The ID token, with the provider's keys, this request's nonce and the
    // access token's at_hash.
    let mut buf = vec![0u8; id_token.len()];
    let v = IdTokenValidation::new(now(), &p.issuer, &p.client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(verified.nonce().as_bytes())
        .access_token(access_token.as_bytes());
    let id = verify_id_token(id_token.as_bytes(), &d.keys, &v, &mut buf).unwrap();
    assert!(id.subject().eq_bytes(USER.as_bytes()));
    let exp = id.token().expires_at().unwrap();
    // Another request's nonce: a replayed ID token.
    let wrong_nonce = v.nonce(b"another request's nonce");
    assert_eq!(
        verify_id_token(id_token.as_bytes(), &d.keys, &wrong_nonce, &mut buf).err(),
        Some(Error::IdTokenNonceMismatch)
    );
    // Once it has expired.
    let later = IdTokenValidation::new(exp, &p.issuer, &p.client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(verified.nonce().as_bytes());
    assert_eq!(
        verify_id_token(id_token.as_bytes(), &d.keys, &later, &mut buf).err(),
        Some(Error::JwtExpired)
    );
    // For another client, or from another issuer.
    let other_client = IdTokenValidation::new(now(), &p.issuer, &p.public_client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(verified.nonce().as_bytes());
    assert_eq!(
        verify_id_token(id_token.as_bytes(), &d.keys, &other_client, &mut buf).err(),
        Some(Error::JwtAudienceInvalid)
    );
    let other_issuer = IdTokenValidation::new(now(), "http://127.0.0.1:1", &p.client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(verified.nonce().as_bytes());
    assert_eq!(
        verify_id_token(id_token.as_bytes(), &d.keys, &other_issuer, &mut buf).err(),
        Some(Error::JwtIssuerInvalid)
    );
    // An access token is not an ID token (typ at+jwt).
    let mut at_buf = vec![0u8; access_token.len()];
    assert_eq!(
        verify_id_token(access_token.as_bytes(), &d.keys, &v, &mut at_buf).err(),
        Some(Error::JwtTypInvalid)
    );

    // The resource server: an RFC 9068 access token for its resource.
    let rs = AccessTokenValidation::new(now(), &p.issuer, &p.resource).scopes(&["api:read"]);
    let at = verify_access_token(access_token.as_bytes(), &d.keys, &rs, &mut at_buf).unwrap();
    assert!(at.client_id().eq_bytes(p.client_id.as_bytes()));
    assert!(at.subject().eq_bytes(USER.as_bytes()));
    assert!(at.has_scope("api:read") && !at.has_scope("api:write"));
    at.check_bearer_use().unwrap();
    let write = rs.scopes(&["api:write"]);
    assert_eq!(
        verify_access_token(access_token.as_bytes(), &d.keys, &write, &mut at_buf).err(),
        Some(Error::ScopeInsufficient)
    );
    let elsewhere = AccessTokenValidation::new(now(), &p.issuer, "http://127.0.0.1:1/api");
    assert_eq!(
        verify_access_token(access_token.as_bytes(), &d.keys, &elsewhere, &mut at_buf).err(),
        Some(Error::JwtAudienceInvalid)
    );
    // An ID token is not an access token.
    assert_eq!(
        verify_access_token(id_token.as_bytes(), &d.keys, &rs, &mut buf).err(),
        Some(Error::JwtTypInvalid)
    );

    // The refresh token, for a new access token to the same resource.
    let refresh = TokenRequest::refresh_token(&refresh_token).resource(&resource);
    let answer = token_request(&d, &refresh, &confidential(&d), None);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let renewed = TokenResponse::parse(&answer.body).unwrap();
    let renewed_at = text(renewed.access_token());
    assert_ne!(renewed_at, access_token);
    let mut buf = vec![0u8; renewed_at.len()];
    verify_access_token(renewed_at.as_bytes(), &d.keys, &rs, &mut buf).unwrap();
    if let Some(renewed_id) = renewed.id_token() {
        // OpenID Connect Core 12.2: no nonce to compare on a refresh.
        let renewed_id = text(renewed_id);
        let mut buf = vec![0u8; renewed_id.len()];
        let v = IdTokenValidation::new(now(), &p.issuer, &p.client_id)
            .algorithms(&[JwtAlgorithm::ES256])
            .allow_any_nonce();
        verify_id_token(renewed_id.as_bytes(), &d.keys, &v, &mut buf).unwrap();
    }

    // Introspection (RFC 7662) of the refresh token now valid, by its
    // client (the provider introspects opaque tokens only, not its JWTs).
    let live_refresh = renewed.refresh_token().map_or(refresh_token.clone(), text);
    let mut body = [0u8; 2048];
    let mut w = jeton::oauth::form::FormWriter::new(&mut body);
    w.pair(b"token", live_refresh.as_bytes());
    let n = w.finish().unwrap();
    let mut authorization = [0u8; 512];
    let a = confidential(&d)
        .write_authorization(&mut authorization)
        .unwrap()
        .unwrap();
    let authorization = std::str::from_utf8(&authorization[..a]).unwrap();
    let answer = d.http.post_form(
        &d.introspection_endpoint,
        &[("authorization", authorization)],
        &body[..n],
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let introspected = Introspection::parse(&answer.body).unwrap();
    introspected
        .check(
            &IntrospectionCheck::new(now())
                .issuer(&p.issuer)
                .scopes(&["openid", "offline_access"]),
        )
        .unwrap();
    assert!(
        introspected
            .client_id()
            .unwrap()
            .eq_bytes(p.client_id.as_bytes())
    );
    assert!(introspected.subject().unwrap().eq_bytes(USER.as_bytes()));
    assert_eq!(
        introspected.check(&IntrospectionCheck::new(now()).scopes(&["admin"])),
        Err(Error::ScopeInsufficient)
    );

    // The same code again: the provider refuses it, and jeton reads why.
    // RFC 6749 section 4.1.2: the provider also revokes what the code gave.
    let replay = token_request(&d, &request, &confidential(&d), None);
    assert_eq!(replay.status, 400);
    assert_eq!(
        TokenResponse::parse(&replay.body).err(),
        Some(Error::OauthServerError)
    );
    let error = ErrorResponse::parse(&replay.body).unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidGrant);
    let answer = token_request(&d, &refresh, &confidential(&d), None);
    assert_eq!(
        ErrorResponse::parse(&answer.body).unwrap().code(),
        ErrorCode::InvalidGrant,
        "{}",
        answer.text()
    );
    let answer = d.http.post_form(
        &d.introspection_endpoint,
        &[("authorization", authorization)],
        &body[..n],
    );
    assert_eq!(
        Introspection::parse(&answer.body).err(),
        Some(Error::TokenInactive),
        "{}",
        answer.text()
    );
}

/// A code redeemed with another verifier than the one its challenge was
/// made from: the provider refuses it (`invalid_grant`), and jeton judges
/// that answer.
#[test]
fn a_wrong_code_verifier_is_refused_by_the_provider() {
    let Some(d) = setup("a_wrong_code_verifier_is_refused_by_the_provider") else {
        return;
    };
    let p = &d.provider;
    let key = state_key();
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
    let mut state_buf = [0u8; state::MAX_STATE_LEN];
    let new = state::issue(&key, &mut rng(), now(), 600, b"", &mut state_buf).unwrap();
    let back = login(&d, &p.client_id, &["openid"], &new);
    let check = CallbackCheck::new(&p.issuer).iss_required(true);
    let callback = Callback::parse(query_of(&back.callback).as_bytes(), &check).unwrap();
    let mut payload = [0u8; 0];
    let verified = callback
        .verify_state(&ring, back.binding.as_bytes(), now(), 600, &mut payload)
        .unwrap();
    let code = code_of(&callback);
    // Another login's verifier: what an attacker who injected a stolen
    // code would send.
    let mut other_buf = [0u8; state::MAX_STATE_LEN];
    let other = state::issue(&key, &mut rng(), now(), 600, b"", &mut other_buf).unwrap();
    assert_ne!(other.code_verifier(), verified.code_verifier());
    let request = TokenRequest::authorization_code(&code, &p.redirect_uri, other.code_verifier());
    let answer = token_request(&d, &request, &confidential(&d), None);
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert_eq!(
        TokenResponse::parse(&answer.body).err(),
        Some(Error::OauthServerError)
    );
    let error = ErrorResponse::parse(&answer.body).unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidGrant, "{}", answer.text());
}

/// The public client (no secret, PKCE alone) gets a DPoP-bound access
/// token with a jeton DPoP proof; a resource server checks the token, its
/// binding and a proof for its URL, and refuses a proof for another URL,
/// a replayed proof, and the token used as a bearer token.
#[test]
fn public_client_with_dpop_bound_tokens() {
    let Some(d) = setup("public_client_with_dpop_bound_tokens") else {
        return;
    };
    let p = &d.provider;
    let key = state_key();
    let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
    let mut state_buf = [0u8; state::MAX_STATE_LEN];
    let new = state::issue(&key, &mut rng(), now(), 600, b"", &mut state_buf).unwrap();
    let back = login(&d, &p.public_client_id, &["openid", "api:read"], &new);
    let check = CallbackCheck::new(&p.issuer).iss_required(true);
    let callback = Callback::parse(query_of(&back.callback).as_bytes(), &check).unwrap();
    let mut payload = [0u8; 0];
    let verified = callback
        .verify_state(&ring, back.binding.as_bytes(), now(), 600, &mut payload)
        .unwrap();
    let code = code_of(&callback);

    // The client's DPoP key, and a proof for the token request.
    let dpop_key = JwtKey::es256_signing(P256SigningKey::from_bytes(&random::<32>()).unwrap());
    let jkt = Thumbprint::of(&dpop_key).unwrap();
    let mut proof = [0u8; 1024];
    let n = DpopProof::new("POST", &d.token_endpoint, now(), &random::<16>())
        .write(&dpop_key, &mut proof)
        .unwrap();
    let proof = std::str::from_utf8(&proof[..n]).unwrap();
    let resource = [p.resource.as_str()];
    let request =
        TokenRequest::authorization_code(&code, &p.redirect_uri, verified.code_verifier())
            .resource(&resource);
    let auth = ClientAuth::None {
        client_id: &p.public_client_id,
    };
    let answer = token_request(&d, &request, &auth, Some(proof));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let tokens = TokenResponse::parse(&answer.body).unwrap();
    assert_eq!(tokens.token_type(), TokenType::Dpop);
    let access_token = text(tokens.access_token());
    let id_token = text(tokens.id_token().unwrap());
    let mut buf = vec![0u8; id_token.len()];
    let v = IdTokenValidation::new(now(), &p.issuer, &p.public_client_id)
        .algorithms(&[JwtAlgorithm::ES256])
        .nonce(verified.nonce().as_bytes());
    verify_id_token(id_token.as_bytes(), &d.keys, &v, &mut buf).unwrap();

    // The resource server: the token is bound to the client's key...
    let mut at_buf = vec![0u8; access_token.len()];
    let rs = AccessTokenValidation::new(now(), &p.issuer, &p.resource).scopes(&["api:read"]);
    let at = verify_access_token(access_token.as_bytes(), &d.keys, &rs, &mut at_buf).unwrap();
    assert_eq!(at.cnf_jkt(), Some(jkt));
    // ...so it is no bearer token,
    assert_eq!(at.check_bearer_use(), Err(Error::DpopKeyMismatch));
    // and a request carries `Authorization: DPoP <token>` with a proof of
    // the same key for the method and URL, with the token's hash.
    let header = format!("DPoP {access_token}");
    assert_eq!(
        jeton::auth::parse_dpop(header.as_bytes()).unwrap(),
        access_token.as_bytes()
    );
    let api = format!("{}/items", p.resource);
    // One clock for the proofs and the checks below: a proof made a
    // second after a check's `now` would be refused as not yet valid.
    let t = now();
    let mut proof = [0u8; 1024];
    let n = DpopProof::new("GET", &format!("{api}?page=2"), t, &random::<16>())
        .access_token(access_token.as_bytes())
        .write(&dpop_key, &mut proof)
        .unwrap();
    let proof = &proof[..n];
    let mut seen: RevocationList<16> = RevocationList::new();
    let mut proof_buf = vec![0u8; proof.len()];
    let check = DpopValidation::new(t, "GET", &api).access_token(access_token.as_bytes(), jkt);
    let checked = verify_proof(proof, &check, Some(&mut seen), &mut proof_buf).unwrap();
    assert_eq!(checked.thumbprint(), jkt);
    // The same proof again: a replay.
    assert_eq!(
        verify_proof(proof, &check, Some(&mut seen), &mut proof_buf).err(),
        Some(Error::DpopReplayed)
    );
    // The proof presented at another URL, or for another method.
    let admin = format!("{}/admin", p.resource);
    let other_url =
        DpopValidation::new(t, "GET", &admin).access_token(access_token.as_bytes(), jkt);
    assert_eq!(
        verify_proof(proof, &other_url, None, &mut proof_buf).err(),
        Some(Error::DpopHtuMismatch)
    );
    let other_method =
        DpopValidation::new(t, "DELETE", &api).access_token(access_token.as_bytes(), jkt);
    assert_eq!(
        verify_proof(proof, &other_method, None, &mut proof_buf).err(),
        Some(Error::DpopHtmMismatch)
    );
    // A proof of another key, for the right URL.
    let thief = JwtKey::es256_signing(P256SigningKey::from_bytes(&random::<32>()).unwrap());
    let mut stolen = [0u8; 1024];
    let n = DpopProof::new("GET", &api, t, &random::<16>())
        .access_token(access_token.as_bytes())
        .write(&thief, &mut stolen)
        .unwrap();
    assert_eq!(
        verify_proof(&stolen[..n], &check, None, &mut proof_buf).err(),
        Some(Error::DpopKeyMismatch)
    );
    // The token request's proof is not one for the resource.
    assert_eq!(
        verify_proof(
            proof_for_token_endpoint(&d, &dpop_key, t).as_bytes(),
            &check,
            None,
            &mut proof_buf
        )
        .err(),
        Some(Error::DpopHtmMismatch)
    );
}

fn proof_for_token_endpoint(d: &Discovered, key: &JwtKey, iat: i64) -> String {
    let mut proof = [0u8; 1024];
    let n = DpopProof::new("POST", &d.token_endpoint, iat, &random::<16>())
        .write(key, &mut proof)
        .unwrap();
    String::from_utf8(proof[..n].to_vec()).unwrap()
}

/// Client credentials for the confidential client: a JWT access token for
/// the resource, whose subject is the client.
#[test]
fn client_credentials_give_a_jwt_access_token() {
    let Some(d) = setup("client_credentials_give_a_jwt_access_token") else {
        return;
    };
    let p = &d.provider;
    let resource = [p.resource.as_str()];
    let scope = ["api:write"];
    let request = TokenRequest::client_credentials()
        .scope(&scope)
        .resource(&resource);
    let answer = token_request(&d, &request, &confidential(&d), None);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let tokens = TokenResponse::parse(&answer.body).unwrap();
    assert!(tokens.id_token().is_none());
    let access_token = text(tokens.access_token());
    let mut buf = vec![0u8; access_token.len()];
    let rs = AccessTokenValidation::new(now(), &p.issuer, &p.resource).scopes(&["api:write"]);
    let at = verify_access_token(access_token.as_bytes(), &d.keys, &rs, &mut buf).unwrap();
    assert!(at.client_id().eq_bytes(p.client_id.as_bytes()));
    assert!(at.subject().eq_bytes(p.client_id.as_bytes()));

    // A wrong secret: the provider refuses the client, jeton reads why.
    let wrong = ClientAuth::SecretBasic {
        client_id: &p.client_id,
        client_secret: "not the secret",
    };
    let answer = token_request(&d, &request, &wrong, None);
    assert_eq!(answer.status, 401, "{}", answer.text());
    let error = ErrorResponse::parse(&answer.body).unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidClient);
}

/// Starts a device authorization for the public client.
fn start_device_flow(d: &Discovered) -> (Vec<u8>, i64) {
    let p = &d.provider;
    let extra = [("resource", p.resource.as_str())];
    let scope = ["openid", "api:read"];
    let mut body = [0u8; 1024];
    let auth = ClientAuth::None {
        client_id: &p.public_client_id,
    };
    let n = DeviceAuthorizationRequest::new()
        .scope(&scope)
        .extra(&extra)
        .write_body(&auth, &mut body)
        .unwrap();
    let answer = d.http.post_form(&d.device_endpoint, &[], &body[..n]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    (answer.body, now())
}

/// Polls the token endpoint as the poller says until it gives a verdict.
fn poll_until_done(d: &Discovered, poller: &mut DevicePoller, device_code: &str) -> Vec<u8> {
    let auth = ClientAuth::None {
        client_id: &d.provider.public_client_id,
    };
    let request = TokenRequest::device_code(device_code);
    for _ in 0..30 {
        let wait = poller.wait(now()).unwrap();
        std::thread::sleep(std::time::Duration::from_secs(wait));
        let answer = token_request(d, &request, &auth, None);
        match poller.on_response(&answer.body, now()) {
            Ok(Poll::Pending { .. }) => {}
            Ok(Poll::Token(_)) | Err(_) => return answer.body,
        }
    }
    panic!("no verdict after 30 polls");
}

/// The device authorization grant: the device polls as jeton's poller
/// says while the user approves the code on the provider.
#[test]
fn device_flow_polled_to_a_token() {
    let Some(d) = setup("device_flow_polled_to_a_token") else {
        return;
    };
    let p = &d.provider;
    let (body, received_at) = start_device_flow(&d);
    let started = DeviceAuthorization::parse(&body).unwrap();
    assert_eq!(started.interval(), 1, "the provider's interval");
    assert!(
        started
            .verification_uri()
            .eq_bytes(p.url("/device").as_bytes())
    );
    let user_code = text(started.user_code());
    let device_code = text(started.device_code());
    let mut poller = DevicePoller::new(&started, received_at);

    // Before the user acts: authorization_pending, poll again later.
    let auth = ClientAuth::None {
        client_id: &p.public_client_id,
    };
    let request = TokenRequest::device_code(&device_code);
    std::thread::sleep(std::time::Duration::from_secs(poller.wait(now()).unwrap()));
    let answer = token_request(&d, &request, &auth, None);
    let next = match poller.on_response(&answer.body, now()) {
        Ok(Poll::Pending { next_poll_at }) => next_poll_at,
        other => panic!("{other:?}: {}", answer.text()),
    };
    assert!(next > now() - 1);

    let mut browser = UserAgent::new(p, USER);
    let done = browser.approve_device(&user_code);
    assert!(done.text().contains("Sign-in Success"), "{}", done.text());

    let body = poll_until_done(&d, &mut poller, &device_code);
    let Ok(Poll::Token(tokens)) = poller.on_response(&body, now()) else {
        panic!("{}", String::from_utf8_lossy(&body));
    };
    let id_token = text(tokens.id_token().unwrap());
    let mut buf = vec![0u8; id_token.len()];
    // No nonce in the device flow: the default validation wants none.
    let v = IdTokenValidation::new(now(), &p.issuer, &p.public_client_id)
        .algorithms(&[JwtAlgorithm::ES256]);
    let id = verify_id_token(id_token.as_bytes(), &d.keys, &v, &mut buf).unwrap();
    assert!(id.subject().eq_bytes(USER.as_bytes()));
    let access_token = text(tokens.access_token());
    let mut buf = vec![0u8; access_token.len()];
    let rs = AccessTokenValidation::new(now(), &p.issuer, &p.resource).scopes(&["api:read"]);
    verify_access_token(access_token.as_bytes(), &d.keys, &rs, &mut buf).unwrap();

    // The device code is spent.
    let again = token_request(&d, &request, &auth, None);
    assert_eq!(
        ErrorResponse::parse(&again.body).unwrap().code(),
        ErrorCode::InvalidGrant
    );
}

/// The user declines on the provider: the poller ends with
/// `OauthAccessDenied`.
#[test]
fn device_flow_declined_by_the_user() {
    let Some(d) = setup("device_flow_declined_by_the_user") else {
        return;
    };
    let (body, received_at) = start_device_flow(&d);
    let started = DeviceAuthorization::parse(&body).unwrap();
    let user_code = text(started.user_code());
    let device_code = text(started.device_code());
    let mut poller = DevicePoller::new(&started, received_at);
    let mut browser = UserAgent::new(&d.provider, USER);
    browser.deny_device(&user_code);
    let body = poll_until_done(&d, &mut poller, &device_code);
    assert_eq!(
        poller.on_response(&body, now()).err(),
        Some(Error::OauthAccessDenied),
        "{}",
        String::from_utf8_lossy(&body)
    );
}

/// The discovery document read for another issuer than the one fetched:
/// the mix-up defence of RFC 8414 section 3.3.
#[test]
fn metadata_for_another_issuer_is_refused() {
    let Some(d) = setup("metadata_for_another_issuer_is_refused") else {
        return;
    };
    let doc = d
        .http
        .get(&d.provider.url("/.well-known/openid-configuration"), &[]);
    let slash = format!("{}/", d.provider.issuer);
    assert_eq!(
        Metadata::parse(&doc.body, &slash, Profile::OpenId).err(),
        Some(Error::MetadataIssuerMismatch)
    );
}
