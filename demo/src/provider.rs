//! "Sign in with the local provider": OpenID Connect's authorization code
//! flow with PKCE, for the provider named at start (`--oauth-issuer` or
//! `JETON_DEMO_OAUTH_ISSUER`; `scripts/demo.sh` starts one).
//!
//! | Step | Where | What jeton does |
//! |------|-------|-----------------|
//! | discovery | first use, then every 10 minutes | reads the provider's metadata (`Metadata`, issuer equality) and JWK Set (`KeySet`), both fetched by [`crate::client`] |
//! | `GET /oauth/start` | the button | issues a signed `state` (`oauth::state`), derives the `nonce` and the PKCE verifier from it, writes the authorization URL and the `__Host-` binding cookie |
//! | `GET /oauth/callback` | the provider sends the browser back | parses the callback and checks `iss` (RFC 9207), verifies the `state` against the binding cookie, refuses a `state` used before, writes the token request (`client_secret_basic`), reads the token response, verifies the ID token with the provider's keys, this login's `nonce` and the access token's `at_hash` |
//!
//! Then a session opens exactly as a password login opens one
//! ([`crate::login::log_in`]): same store, same cookie, same per-user cap.
//! The server keeps nothing between the redirect and the callback but
//! the `state`s already used: everything else travels in the signed
//! `state` and the browser's binding cookie.
//!
//! Every refusal names the check that failed (the `jeton::Error`), on
//! the page and in its `#error` element.

use std::sync::{Arc, Mutex, PoisonError};

use jeton::Error;
use jeton::cookie::{CookieHeader, SameSite, SetCookie};
use jeton::json::JsonStr;
use jeton::jwt::{Family, JwtAlgorithm, KeySet};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::oauth::authorize::AuthorizationRequest;
use jeton::oauth::callback::{Callback, CallbackCheck, Outcome};
use jeton::oauth::dpop::ReplayCache;
use jeton::oauth::response::{ErrorResponse, TokenResponse};
use jeton::oauth::state;
use jeton::oauth::token::{ClientAuth, TokenRequest};
use jeton::oauth::{IdTokenValidation, Metadata, Profile, verify_id_token};
use jeton::session::RevocationList;
use jeton_redis::{RedisPool, RedisRevocations, RevocationBackend};

use crate::app::{App, CookiePolicy, LoginMethod, os_entropy};
use crate::client::{self, Fetched};
use crate::http::{Request, Response};
use crate::pages;

/// The path the provider sends the browser back to.
pub const CALLBACK_PATH: &str = "/oauth/callback";
/// The scopes the demo asks for: an ID token with the user's name and
/// e-mail address.
pub const SCOPES: [&str; 3] = ["openid", "profile", "email"];
/// Seconds a `state` lives: time to sign in at the provider.
pub const STATE_MAX_AGE: u64 = state::DEFAULT_MAX_AGE;
/// Seconds the metadata and keys are kept before they are fetched again.
const DISCOVERY_TTL: i64 = 600;
/// Seconds at least between two fetches of the keys for an unknown `kid`
/// (a provider that rotated its key), so that tokens naming keys that do
/// not exist cannot make the demo hammer the provider.
const KEY_REFRESH_MIN: i64 = 30;
/// `state`s remembered as used, in process: one per login in the last
/// ten minutes (only a login that succeeded takes a place).
pub const USED_STATES: usize = 256;
/// DPoP proof IDs remembered, in process (see [`crate::resource`]).
pub const SEEN_PROOFS: usize = 1024;

/// The provider the demo signs users in with, and the resource its API
/// answers as.
#[derive(Clone)]
pub struct OauthConfig {
    /// The issuer, exactly as its metadata names it
    /// (`http://127.0.0.1:PORT`).
    pub issuer: String,
    /// The demo's client ID at the provider.
    pub client_id: String,
    /// Its client secret (`client_secret_basic`).
    pub client_secret: String,
    /// The resource indicator (RFC 8707) the provider's access tokens must
    /// name in `aud` for `/api/oauth/me` to accept them.
    pub resource: String,
}

impl std::fmt::Debug for OauthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OauthConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<hidden>")
            .field("resource", &self.resource)
            .finish()
    }
}

/// What discovery found: the endpoints and keys of the provider.
#[derive(Debug)]
pub struct Discovered {
    /// `authorization_endpoint`.
    pub authorization_endpoint: String,
    /// `token_endpoint`.
    pub token_endpoint: String,
    /// `authorization_response_iss_parameter_supported`: callbacks must
    /// then carry `iss`.
    pub iss_parameter: bool,
    /// The asymmetric algorithms of `id_token_signing_alg_values_supported`
    /// (RS256 when it names none).
    pub id_token_algorithms: Vec<JwtAlgorithm>,
    /// The provider's JWK Set.
    pub keys: KeySet<8>,
    /// When they were fetched.
    pub fetched_at: i64,
}

/// Why a sign-in (or a fetch it needed) failed.
#[derive(Debug)]
pub enum Failure {
    /// A check of jeton's refused: the error names it.
    Check(Error),
    /// The provider could not be reached, or answered what jeton could
    /// not read (its metadata, its keys): a bad gateway.
    Upstream(String, Option<Error>),
    /// The provider answered with an OAuth error, at the callback or the
    /// token endpoint.
    Provider {
        /// jeton's reading of it (`OauthAccessDenied`, `OauthServerError`).
        check: Error,
        /// The provider's `error`.
        error: String,
        /// Its `error_description`, if any.
        description: String,
    },
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Check(e)
    }
}

/// Values that may be used once, remembered until they would be refused
/// anyway: the `state`s of the logins that succeeded, and the IDs of DPoP
/// proofs. In process, a jeton `RevocationList`; with Redis, a key per
/// value that every instance sees.
#[derive(Debug)]
pub enum OneTime<const N: usize> {
    /// This process's list.
    Local(Mutex<Box<RevocationList<N>>>),
    /// Redis, under a prefix of its own. Checking and recording are two
    /// commands, so two instances may both accept a value in the instant
    /// between them; the provider's single-use codes and the short proof
    /// window bound what that admits.
    Shared(RedisRevocations),
}

impl<const N: usize> OneTime<N> {
    /// Kept in process.
    pub fn local() -> Self {
        OneTime::Local(Mutex::new(Box::new(RevocationList::new())))
    }

    /// Kept in the Redis of `pool`, under `prefix`.
    pub fn shared(pool: RedisPool, prefix: &[u8]) -> Self {
        OneTime::Shared(RedisRevocations::new(pool).with_prefix(prefix))
    }

    /// Whether `id` was used (and is still remembered) at `now`.
    ///
    /// # Errors
    ///
    /// The store's (Redis cannot be reached): unknown, so refused.
    pub fn seen(&self, id: &[u8], now: i64) -> Result<bool, Error> {
        match self {
            OneTime::Local(list) => Ok(list
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(id, now)),
            OneTime::Shared(redis) => redis.contains(id, now),
        }
    }

    /// Records `id` as used until `until`; `Ok(false)` when it was used
    /// already.
    ///
    /// # Errors
    ///
    /// [`Error::RevocationListFull`] in process when every place holds a
    /// value still in force; the store's errors. The use is refused then.
    pub fn first_use(&self, id: &[u8], until: i64, now: i64) -> Result<bool, Error> {
        match self {
            OneTime::Local(list) => {
                let mut list = list.lock().unwrap_or_else(PoisonError::into_inner);
                if list.contains(id, now) {
                    return Ok(false);
                }
                list.purge(now);
                list.revoke(id, until, now).map(|_| true)
            }
            OneTime::Shared(redis) => {
                if redis.contains(id, now)? {
                    return Ok(false);
                }
                redis.revoke(id, until, now).map(|_| true)
            }
        }
    }
}

/// A [`ReplayCache`] over a [`OneTime`], for `verify_proof`.
#[derive(Debug)]
pub struct Replay<'a, const N: usize>(pub &'a OneTime<N>);

impl<const N: usize> ReplayCache for Replay<'_, N> {
    fn first_use(&mut self, jti: &JsonStr<'_>, until: i64, now: i64) -> Result<(), Error> {
        let id: Vec<u8> = jti.bytes().collect();
        match self.0.first_use(&id, until, now)? {
            true => Ok(()),
            false => Err(Error::DpopReplayed),
        }
    }
}

/// The provider login's keys and memory.
pub struct ProviderLogin {
    config: OauthConfig,
    /// Signs the `state`s; the `nonce` and PKCE verifier are derived
    /// from it too.
    state_key: HmacKey,
    state_keys: KeyRing<1>,
    discovered: Mutex<Option<Arc<Discovered>>>,
    used_states: OneTime<USED_STATES>,
    seen_proofs: OneTime<SEEN_PROOFS>,
}

impl std::fmt::Debug for ProviderLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderLogin")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ProviderLogin {
    /// The login with `config`, its `state`s signed with `state_secret`
    /// (32 bytes), used values kept in process or, given a pool, in Redis.
    ///
    /// # Errors
    ///
    /// What [`KeyRing::with_key`] returns (not expected).
    pub fn new(
        config: OauthConfig,
        state_secret: &[u8],
        pool: Option<RedisPool>,
    ) -> Result<ProviderLogin, Error> {
        let state_key = HmacKey::new(Algorithm::Sha256, state_secret);
        let state_keys = KeyRing::with_key(state_key.clone())?;
        let (used_states, seen_proofs) = match pool {
            Some(pool) => (
                OneTime::shared(pool.clone(), b"jeton-demo:oauth-state:"),
                OneTime::shared(pool, b"jeton-demo:dpop-jti:"),
            ),
            None => (OneTime::local(), OneTime::local()),
        };
        Ok(ProviderLogin {
            config,
            state_key,
            state_keys,
            discovered: Mutex::new(None),
            used_states,
            seen_proofs,
        })
    }

    /// The settings.
    pub fn config(&self) -> &OauthConfig {
        &self.config
    }

    /// The IDs of DPoP proofs already accepted.
    pub fn seen_proofs(&self) -> &OneTime<SEEN_PROOFS> {
        &self.seen_proofs
    }

    /// The provider's endpoints and keys: fetched at first use and again
    /// once they are ten minutes old, or (with `refresh_keys`, after a
    /// token named a key the set lacks) half a minute old.
    ///
    /// # Errors
    ///
    /// [`Failure::Upstream`] when they cannot be fetched or read.
    pub fn discovered(&self, now: i64, refresh_keys: bool) -> Result<Arc<Discovered>, Failure> {
        let mut cached = self
            .discovered
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = cached.as_ref() {
            let age = now.saturating_sub(found.fetched_at);
            if age < DISCOVERY_TTL && !(refresh_keys && age >= KEY_REFRESH_MIN) {
                return Ok(Arc::clone(found));
            }
        }
        let found = Arc::new(discover(&self.config, now)?);
        *cached = Some(Arc::clone(&found));
        Ok(found)
    }

    /// Runs `verify` with the provider's keys; when they lack the key the
    /// token names, once more with keys fetched again.
    ///
    /// # Errors
    ///
    /// What `verify` returns; [`Failure::Upstream`].
    pub fn with_keys<T>(
        &self,
        now: i64,
        verify: impl Fn(&Discovered) -> Result<T, Error>,
    ) -> Result<T, Failure> {
        let found = self.discovered(now, false)?;
        match verify(&found) {
            Err(Error::JwtKeyNotFound) => {
                let again = self.discovered(now, true)?;
                verify(&again).map_err(Failure::Check)
            }
            other => other.map_err(Failure::Check),
        }
    }
}

/// A JSON string as text (unescaped; lossy outside UTF-8).
pub fn text(s: JsonStr<'_>) -> String {
    String::from_utf8_lossy(&s.bytes().collect::<Vec<u8>>()).into_owned()
}

/// An answer with status 200, or why not.
fn ok_answer(what: &str, fetched: Result<Fetched, client::FetchError>) -> Result<Fetched, Failure> {
    match fetched {
        Ok(answer) if answer.status == 200 => Ok(answer),
        Ok(answer) => Err(Failure::Upstream(
            format!("the provider's {what} answered HTTP {}", answer.status),
            None,
        )),
        Err(e) => Err(Failure::Upstream(
            format!("the provider's {what} cannot be fetched: {e}"),
            None,
        )),
    }
}

/// Fetches and reads the provider's metadata and keys.
fn discover(config: &OauthConfig, now: i64) -> Result<Discovered, Failure> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        config.issuer.trim_end_matches('/')
    );
    let doc = ok_answer("discovery document", client::get(&url, &[]))?;
    let upstream = |what: &str, e: Error| {
        Failure::Upstream(format!("the provider's {what} is refused: {e}"), Some(e))
    };
    let meta = Metadata::parse(&doc.body, &config.issuer, Profile::OpenId)
        .map_err(|e| upstream("discovery document", e))?;
    let member = |value: Option<JsonStr<'_>>| {
        value
            .map(text)
            .ok_or_else(|| upstream("discovery document", Error::MetadataMissing))
    };
    let authorization_endpoint = member(meta.authorization_endpoint())?;
    let token_endpoint = member(meta.token_endpoint())?;
    let jwks_uri = member(meta.jwks_uri())?;
    let mut id_token_algorithms: Vec<JwtAlgorithm> = meta
        .id_token_signing_alg_values_supported()
        .iter()
        .filter_map(|name| JwtAlgorithm::from_name(&name.bytes().collect::<Vec<u8>>()))
        .filter(|alg| alg.family() != Family::Hmac)
        .collect();
    if id_token_algorithms.is_empty() {
        // OpenID Connect Core 3.1.3.7: RS256 unless the client registered
        // another.
        id_token_algorithms.push(JwtAlgorithm::RS256);
    }
    let iss_parameter = meta.authorization_response_iss_parameter_supported();
    let jwks = ok_answer("JWK Set", client::get(&jwks_uri, &[]))?;
    let mut keys = KeySet::new();
    keys.replace_from_jwks(&jwks.body)
        .map_err(|e| upstream("JWK Set", e))?;
    Ok(Discovered {
        authorization_endpoint,
        token_endpoint,
        iss_parameter,
        id_token_algorithms,
        keys,
        fetched_at: now,
    })
}

/// The redirect URI of a login started on `host` (the request's own
/// `Host`, a loopback name and port): the callback must reach the same
/// host, whose cookies hold the binding.
pub fn redirect_uri(host: &str) -> String {
    format!("http://{host}{CALLBACK_PATH}")
}

/// The name of the binding cookie.
fn binding_name(policy: CookiePolicy) -> &'static str {
    match policy {
        CookiePolicy::HostPrefixed => state::BINDING_COOKIE,
        CookiePolicy::Plain => "jeton-oauth",
    }
}

/// The `Set-Cookie` that gives the browser the binding of `new`.
fn binding_cookie(policy: CookiePolicy, new: &state::NewState<'_>) -> Result<String, Error> {
    let mut out = [0u8; 256];
    let n = match policy {
        CookiePolicy::HostPrefixed => new.write_cookie(&mut out)?,
        CookiePolicy::Plain => SetCookie::new(binding_name(policy), new.binding())
            .path("/")
            .max_age(STATE_MAX_AGE)
            .http_only(true)
            .same_site(SameSite::Lax)
            .write(&mut out)?,
    };
    Ok(String::from_utf8_lossy(out.get(..n).unwrap_or_default()).into_owned())
}

/// The `Set-Cookie` that deletes the binding cookie.
fn clear_binding(policy: CookiePolicy) -> String {
    let mut out = [0u8; 256];
    let written = match policy {
        CookiePolicy::HostPrefixed => state::write_clear_cookie(&mut out),
        CookiePolicy::Plain => SetCookie::removal(binding_name(policy))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .write(&mut out),
    };
    written
        .ok()
        .and_then(|n| out.get(..n))
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .unwrap_or_default()
}

/// The binding cookie's value in a request (empty when absent).
fn binding_of(policy: CookiePolicy, req: &Request) -> Vec<u8> {
    req.header("cookie")
        .and_then(|c| CookieHeader::parse(c).ok())
        .and_then(|c| c.get(binding_name(policy)).map(|p| p.value().to_vec()))
        .unwrap_or_default()
}

/// `GET /oauth/start`: a `state` (with its `nonce` and PKCE verifier), the
/// binding cookie, and a redirect to the provider's authorization
/// endpoint.
///
/// A link, not a form: starting a sign-in opens nothing, and a form's
/// redirect to the provider would need the provider in the pages'
/// `form-action`. A request that a browser marks as coming from another
/// site (`Sec-Fetch-Site`) is refused all the same: no other site starts
/// a sign-in here, which with a provider that remembers its user would
/// sign the browser in (and out of another account) without a click.
pub fn start(app: &App, req: &Request, host: &str) -> Response {
    let Some(login) = app.oauth() else {
        return Response::html(
            404,
            pages::error(404, "No OpenID Connect provider was configured at start."),
        );
    };
    if let Some(site) = req.header("sec-fetch-site")
        && !matches!(site, b"same-origin" | b"none")
    {
        let why = format!(
            "A sign-in is started from this server's own pages only (Sec-Fetch-Site: {}).",
            String::from_utf8_lossy(site)
        );
        return Response::html(403, pages::error(403, &why));
    }
    let now = app.now();
    let found = match login.discovered(now, false) {
        Ok(found) => found,
        Err(failure) => return failure_page(failure),
    };
    let mut state_buf = [0u8; state::MAX_STATE_LEN];
    let new = match state::issue(
        &login.state_key,
        &mut os_entropy,
        now,
        STATE_MAX_AGE,
        b"",
        &mut state_buf,
    ) {
        Ok(new) => new,
        Err(e) => return failure_page(Failure::Check(e)),
    };
    let redirect = redirect_uri(host);
    let mut url = vec![0u8; 4096];
    let written = AuthorizationRequest::new(&login.config.client_id, &redirect)
        .scope(&SCOPES)
        .state(new.state())
        .nonce(new.nonce())
        .code_challenge(new.code_challenge())
        .write_url(found.authorization_endpoint.as_bytes(), &mut url);
    let cookie = binding_cookie(app.config().cookie, &new);
    match (written, cookie) {
        (Ok(n), Ok(cookie)) => {
            url.truncate(n);
            let url = String::from_utf8_lossy(&url).into_owned();
            Response::html(303, pages::redirecting(&url))
                .with_header("Location", url)
                .with_header("Set-Cookie", cookie)
        }
        (Err(e), _) | (_, Err(e)) => failure_page(Failure::Check(e)),
    }
}

/// `GET /oauth/callback`: the checks of the module's table, then a
/// session for the ID token's subject.
pub fn callback(app: &App, req: &Request, host: &str) -> Response {
    let Some(login) = app.oauth() else {
        return Response::html(
            404,
            pages::error(404, "No OpenID Connect provider was configured at start."),
        );
    };
    match finish(app, login, req, host) {
        Ok(subject) => {
            let opened = crate::routes::open_session(app, req, &subject, LoginMethod::Provider);
            if opened.status == 303 {
                opened.with_header("Set-Cookie", clear_binding(app.config().cookie))
            } else {
                opened
            }
        }
        Err(failure) => failure_page(failure),
    }
}

/// The callback's checks; the ID token's `sub` when they all pass.
fn finish(app: &App, login: &ProviderLogin, req: &Request, host: &str) -> Result<String, Failure> {
    let now = app.now();
    let config = &login.config;
    let found = login.discovered(now, false)?;
    // Mix-up defence first (RFC 9207): a callback naming another issuer
    // is not this provider's, whatever else it carries.
    let check = CallbackCheck::new(&config.issuer).iss_required(found.iss_parameter);
    let callback = Callback::parse(req.query.as_bytes(), &check)?;
    let binding = binding_of(app.config().cookie, req);
    let mut payload = [0u8; 0];
    let verified = callback.verify_state(
        &login.state_keys,
        &binding,
        now,
        STATE_MAX_AGE,
        &mut payload,
    )?;
    if let Outcome::Error(e) = callback.outcome() {
        let decoded = |v: jeton::oauth::form::Encoded<'_>| {
            let mut out = vec![0u8; v.decoded_len()];
            let n = v.decode_into(&mut out).unwrap_or(0);
            out.truncate(n);
            String::from_utf8_lossy(&out).into_owned()
        };
        return Err(Failure::Provider {
            check: e.code().error(),
            error: decoded(e.error()),
            description: e.description().map(decoded).unwrap_or_default(),
        });
    }
    // Refused here rather than by the provider's invalid_grant: the
    // code's single use is the provider's promise, this is ours.
    if login.used_states.seen(verified.id().as_bytes(), now)? {
        return Err(Failure::Check(Error::OauthStateReplayed));
    }
    let code = callback.code()?;
    let mut code_buf = vec![0u8; code.decoded_len()];
    let n = code.decode_into(&mut code_buf)?;
    code_buf.truncate(n);
    let code = String::from_utf8(code_buf).map_err(|_| Error::OauthParameterInvalid)?;

    let redirect = redirect_uri(host);
    let request = TokenRequest::authorization_code(&code, &redirect, verified.code_verifier());
    let auth = ClientAuth::SecretBasic {
        client_id: &config.client_id,
        client_secret: &config.client_secret,
    };
    let mut body = vec![0u8; 4096];
    let n = request.write_body(&auth, &mut body)?;
    body.truncate(n);
    let mut authorization = [0u8; 512];
    let header = auth
        .write_authorization(&mut authorization)?
        .and_then(|a| authorization.get(..a))
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .unwrap_or_default();
    let answer = client::post_form(&found.token_endpoint, &[("Authorization", &header)], &body)
        .map_err(|e| {
            Failure::Upstream(
                format!("the provider's token endpoint cannot be reached: {e}"),
                None,
            )
        })?;
    let tokens = match TokenResponse::parse(&answer.body) {
        Ok(tokens) => tokens,
        Err(Error::OauthServerError) => {
            let refused = ErrorResponse::parse(&answer.body)?;
            return Err(Failure::Provider {
                check: Error::OauthServerError,
                error: text(refused.error()),
                description: refused.description().map(text).unwrap_or_default(),
            });
        }
        Err(e) => return Err(Failure::Check(e)),
    };
    let id_token = tokens.id_token().ok_or(Error::OauthResponseInvalid)?;
    let id_token = text(id_token);
    let access_token = text(tokens.access_token());

    let subject = login.with_keys(now, |found| {
        let validation = IdTokenValidation::new(now, &config.issuer, &config.client_id)
            .algorithms(&found.id_token_algorithms)
            .nonce(verified.nonce().as_bytes())
            .access_token(access_token.as_bytes());
        let mut buf = vec![0u8; id_token.len()];
        let id = verify_id_token(id_token.as_bytes(), &found.keys, &validation, &mut buf)?;
        Ok(text(id.subject()))
    })?;
    if !login
        .used_states
        .first_use(verified.id().as_bytes(), verified.expires_at(), now)?
    {
        return Err(Failure::Check(Error::OauthStateReplayed));
    }
    Ok(subject)
}

/// What each refusal of the sign-in means, in plain words.
fn explain(e: Error) -> &'static str {
    match e {
        Error::OauthIssuerMismatch => {
            "The callback names another issuer (iss, RFC 9207) than the provider this sign-in \
             went to, or none although the provider always names itself: a mix-up attack, \
             where a code from one provider is sent to the client of another."
        }
        Error::OauthStateInvalid => {
            "The state parameter is not one this server signed: it was altered on its way, \
             made up, or comes from another server."
        }
        Error::OauthStateExpired => {
            "The state parameter is more than ten minutes old: start the sign-in again."
        }
        Error::OauthStateNotBound => {
            "This browser did not start this sign-in: its binding cookie is missing or holds \
             another value. Someone may be trying to sign this browser in to their own \
             account (login CSRF)."
        }
        Error::OauthStateReplayed => "This callback was used already: each state signs in once.",
        Error::OauthCallbackInvalid | Error::OauthDuplicateParameter | Error::TooManyItems => {
            "The callback's query is not an authorization response (RFC 6749 section 4.1.2)."
        }
        Error::IdTokenNonceMismatch => {
            "The ID token does not carry the nonce this sign-in sent: it belongs to another \
             request (a replayed or injected ID token)."
        }
        Error::JwtSignatureMismatch => {
            "The ID token's signature does not verify with the provider's published keys."
        }
        Error::JwtIssuerInvalid | Error::JwtAudienceInvalid => {
            "The ID token was not issued by this provider for this client."
        }
        Error::JwtExpired => "The ID token has expired.",
        Error::IdTokenAtHashMismatch => {
            "The ID token's at_hash does not match the access token it came with."
        }
        Error::OauthAccessDenied => "The sign-in was declined at the provider.",
        Error::OauthServerError => "The provider refused the request.",
        Error::RevocationListFull => {
            "Too many sign-ins in the last ten minutes for this server to remember their \
             states: try again shortly."
        }
        Error::StoreUnavailable | Error::StoreConflict => {
            "The shared store (Redis) cannot be reached, so this server cannot tell whether \
             this state was used before: refused."
        }
        _ => "The sign-in failed this check.",
    }
}

/// The page of a failed sign-in: the check that refused it, and why.
pub fn failure_page(failure: Failure) -> Response {
    match failure {
        Failure::Check(e) => {
            let status = match e {
                Error::RevocationListFull | Error::StoreUnavailable | Error::StoreConflict => 503,
                _ => 400,
            };
            Response::html(
                status,
                pages::sign_in_refused(status, e.name(), e.as_str(), explain(e), None),
            )
        }
        Failure::Provider {
            check,
            error,
            description,
        } => {
            let detail = if description.is_empty() {
                format!("The provider answered error={error}.")
            } else {
                format!("The provider answered error={error}: {description}")
            };
            let status = if check == Error::OauthAccessDenied {
                403
            } else {
                400
            };
            Response::html(
                status,
                pages::sign_in_refused(
                    status,
                    check.name(),
                    check.as_str(),
                    explain(check),
                    Some(&detail),
                ),
            )
        }
        Failure::Upstream(why, error) => {
            let name = error.map_or("", |e| e.name());
            Response::html(
                502,
                pages::sign_in_refused(
                    502,
                    name,
                    error.map_or("", |e| e.as_str()),
                    "The demo could not use the OpenID Connect provider.",
                    Some(&why),
                ),
            )
        }
    }
}
