//! `GET /api/oauth/me`: the demo as an OAuth 2.0 resource server for the
//! provider's access tokens (RFC 9068 JWTs for the demo's resource
//! indicator), presented as `Authorization: Bearer <token>` or, bound to
//! a client's key, as `Authorization: DPoP <token>` with a `DPoP` proof
//! (RFC 9449).
//!
//! The checks, each refusal naming the `jeton::Error` of the one that
//! failed:
//!
//! 1. the token: `typ` `at+jwt`, the provider's signature (keys from its
//!    JWK Set, fetched by the demo), `iss`, `aud` the demo's resource,
//!    `exp`, `client_id`, and the scope `api:read`
//!    (`verify_access_token`);
//! 2. `Bearer`: the token must not be bound to a key (`cnf.jkt`): a
//!    DPoP-bound token used as a bearer token is refused, so a copy of it
//!    is worthless without the client's private key;
//! 3. `DPoP`: the token must be bound, and the proof must be signed by
//!    that key, for this method and this URL (`htm`, `htu`), at most a
//!    minute old, with the token's hash (`ath`), and its `jti` never seen
//!    before: the proof IDs go on a revocation list (jeton's, in process;
//!    Redis keys in a fleet) until the proof would be too old anyway.

use jeton::Error;
use jeton::auth::{self, BearerChallenge, BearerError};
use jeton::jwt::JwtAlgorithm;
use jeton::oauth::{
    AccessTokenValidation, DpopValidation, Thumbprint, verify_access_token, verify_proof,
};

use crate::admit::REALM;
use crate::app::App;
use crate::http::{Request, Response};
use crate::pages;
use crate::provider::{Failure, Replay, text};

/// The path of the API.
pub const PATH: &str = "/api/oauth/me";
/// The scope an access token needs here.
pub const REQUIRED_SCOPE: &str = "api:read";
/// Seconds a DPoP proof may be old (RFC 9449 leaves the window to the
/// server; a proof is made for one request).
pub const PROOF_MAX_AGE: u64 = 60;
/// Seconds of tolerance on a proof's `iat`, for the client's clock.
const PROOF_LEEWAY: u64 = 5;
/// The algorithms a proof may be signed with.
const PROOF_ALGORITHMS: [JwtAlgorithm; 3] = [
    JwtAlgorithm::ES256,
    JwtAlgorithm::ES384,
    JwtAlgorithm::EdDSA,
];
/// Longest access token or proof read, in bytes.
const MAX_TOKEN: usize = 8192;

/// How the token was presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// `Authorization: Bearer`.
    Bearer,
    /// `Authorization: DPoP` with a `DPoP` proof.
    Dpop,
}

/// What an admitted access token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessFacts {
    /// How it was presented.
    pub scheme: Scheme,
    /// `sub`: the user, or the client itself for client credentials.
    pub subject: String,
    /// `client_id`: the client the token was issued to.
    pub client_id: String,
    /// The scopes granted.
    pub scopes: Vec<String>,
    /// `exp`.
    pub expires_at: i64,
    /// The key it is bound to (`cnf.jkt`), if any.
    pub jkt: Option<String>,
}

/// A refusal: the status, the OAuth error code, the check that failed
/// and why, in words.
#[derive(Clone, Debug)]
struct Refused {
    status: u16,
    /// The scheme the challenge speaks to (`None`: both).
    scheme: Option<Scheme>,
    /// `invalid_request`, `invalid_token`, `insufficient_scope`,
    /// `invalid_dpop_proof`, or empty when no credentials came.
    error: &'static str,
    check: Option<Error>,
    description: String,
}

impl Refused {
    fn new(status: u16, scheme: Option<Scheme>, error: &'static str, description: &str) -> Self {
        Refused {
            status,
            scheme,
            error,
            check: None,
            description: description.to_owned(),
        }
    }

    fn check(mut self, e: Error) -> Self {
        self.check = Some(e);
        self
    }
}

/// Answers `GET /api/oauth/me`.
pub fn api(app: &App, req: &Request, host: &str) -> Response {
    if app.oauth().is_none() {
        let body = pages::refused_json(
            "not_found",
            "No OpenID Connect provider was configured at start.",
            None,
        );
        return Response::json(404, body);
    }
    match admit(app, req, host) {
        Ok(facts) => Response::json(200, pages::access_token_json(app, &facts)),
        Err(refused) => refusal(&refused),
    }
}

fn refusal(refused: &Refused) -> Response {
    let body = pages::refused_json(
        if refused.error.is_empty() {
            "unauthorized"
        } else {
            refused.error
        },
        &refused.description,
        refused.check,
    );
    let mut response = Response::json(refused.status, body);
    let description = refused.check.map_or("", |e| e.as_str());
    if refused.scheme != Some(Scheme::Dpop) {
        response = response.with_header(
            "WWW-Authenticate",
            bearer_challenge(refused.error, description),
        );
    }
    if refused.scheme != Some(Scheme::Bearer) {
        response = response.with_header(
            "WWW-Authenticate",
            dpop_challenge(refused.error, description),
        );
    }
    response
}

/// `Bearer realm="jeton demo", scope="api:read"` with the error, if any
/// (RFC 6750 section 3).
fn bearer_challenge(error: &str, description: &str) -> String {
    let plain = BearerChallenge::new(REALM).scope(REQUIRED_SCOPE);
    let with_error = match error {
        "invalid_request" => plain.error(BearerError::InvalidRequest),
        "invalid_token" => plain.error(BearerError::InvalidToken),
        "insufficient_scope" => plain.error(BearerError::InsufficientScope),
        _ => plain,
    };
    let full = if description.is_empty() {
        with_error
    } else {
        with_error.error_description(description)
    };
    let mut out = [0u8; 512];
    full.write(&mut out)
        .or_else(|_| with_error.write(&mut out))
        .ok()
        .and_then(|n| out.get(..n))
        .map_or_else(
            || "Bearer".to_owned(),
            |v| String::from_utf8_lossy(v).into_owned(),
        )
}

/// `DPoP algs="ES256 ES384 EdDSA"` with the error, if any (RFC 9449
/// section 7.1). jeton writes no DPoP challenge; the values here are the
/// demo's own constants and jeton's error texts, which hold no quote or
/// backslash (checked anyway).
fn dpop_challenge(error: &str, description: &str) -> String {
    let algs: Vec<&str> = PROOF_ALGORITHMS.iter().map(|a| a.name()).collect();
    let mut challenge = format!("DPoP algs=\"{}\"", algs.join(" "));
    let quotable = |s: &str| {
        s.bytes()
            .all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\')
    };
    if !error.is_empty() && quotable(error) {
        challenge.push_str(&format!(", error=\"{error}\""));
        if !description.is_empty() && quotable(description) {
            challenge.push_str(&format!(", error_description=\"{description}\""));
        }
    }
    challenge
}

/// What verifying the token found, before the scheme's own checks.
struct Checked {
    facts: AccessFacts,
    jkt: Option<Thumbprint>,
    bearer_use: Result<(), Error>,
}

fn admit(app: &App, req: &Request, host: &str) -> Result<AccessFacts, Refused> {
    let Some(login) = app.oauth() else {
        return Err(Refused::new(404, None, "", "No provider."));
    };
    let Some(header) = req.header("authorization") else {
        return Err(Refused::new(
            401,
            None,
            "",
            "This API takes an access token from the provider: Authorization: Bearer <token>, \
             or Authorization: DPoP <token> with a DPoP proof.",
        ));
    };
    let (scheme, token) = match auth::parse_dpop(header) {
        Ok(token) => (Scheme::Dpop, token),
        Err(Error::AuthSchemeMismatch) => match auth::parse_bearer(header) {
            Ok(token) => (Scheme::Bearer, token),
            Err(Error::AuthSchemeMismatch) => {
                return Err(Refused::new(
                    400,
                    None,
                    "invalid_request",
                    "The Authorization header uses a scheme this API does not take: Bearer or \
                     DPoP.",
                ));
            }
            Err(e) => {
                return Err(Refused::new(
                    400,
                    Some(Scheme::Bearer),
                    "invalid_request",
                    "The Bearer credentials are malformed.",
                )
                .check(e));
            }
        },
        Err(e) => {
            return Err(Refused::new(
                400,
                Some(Scheme::Dpop),
                "invalid_request",
                "The DPoP credentials are malformed.",
            )
            .check(e));
        }
    };

    let now = app.now();
    let config = login.config();
    let scopes = [REQUIRED_SCOPE];
    let validation = AccessTokenValidation::new(now, &config.issuer, &config.resource)
        .scopes(&scopes)
        .max_token_len(MAX_TOKEN);
    let checked = login.with_keys(now, |found| {
        let mut buf = vec![0u8; token.len()];
        let at = verify_access_token(token, &found.keys, &validation, &mut buf)?;
        let jkt = at.cnf_jkt();
        Ok(Checked {
            facts: AccessFacts {
                scheme,
                subject: text(at.subject()),
                client_id: text(at.client_id()),
                scopes: at.scopes().iter().map(text).collect(),
                expires_at: at.token().expires_at().unwrap_or(0),
                jkt: jkt.map(|j| j.as_str().to_owned()),
            },
            jkt,
            bearer_use: at.check_bearer_use(),
        })
    });
    let checked = match checked {
        Ok(checked) => checked,
        Err(Failure::Check(Error::ScopeInsufficient)) => {
            return Err(Refused::new(
                403,
                Some(scheme),
                "insufficient_scope",
                "The access token does not grant the scope api:read.",
            )
            .check(Error::ScopeInsufficient));
        }
        Err(Failure::Check(e)) => {
            return Err(Refused::new(
                401,
                Some(scheme),
                "invalid_token",
                &format!(
                    "The access token is not one the provider issued for this API ({}): {e}.",
                    config.resource
                ),
            )
            .check(e));
        }
        Err(failure) => {
            let why = match failure {
                Failure::Upstream(why, _) => why,
                other => format!("{other:?}"),
            };
            return Err(Refused::new(
                503,
                Some(scheme),
                "",
                &format!(
                    "The provider's keys cannot be fetched, so no token can be checked: {why}."
                ),
            ));
        }
    };

    match scheme {
        Scheme::Bearer => {
            if let Err(e) = checked.bearer_use {
                return Err(Refused::new(
                    401,
                    Some(Scheme::Bearer),
                    "invalid_token",
                    "This access token is bound to a DPoP key (cnf.jkt): it is accepted only \
                     as Authorization: DPoP with a proof of that key, never as a bearer token \
                     (RFC 9449 section 7.2). A copy of it is worthless without the key.",
                )
                .check(e));
            }
            Ok(checked.facts)
        }
        Scheme::Dpop => {
            let Some(jkt) = checked.jkt else {
                return Err(Refused::new(
                    401,
                    Some(Scheme::Dpop),
                    "invalid_token",
                    "This access token is bound to no key (no cnf.jkt): present it as \
                     Authorization: Bearer.",
                ));
            };
            let Some(proof) = req.header("dpop") else {
                return Err(Refused::new(
                    401,
                    Some(Scheme::Dpop),
                    "invalid_dpop_proof",
                    "Authorization: DPoP needs a DPoP header with a proof for this request.",
                ));
            };
            // The URL as the client addressed this server (the Host was
            // checked to be a loopback name); the query is not part of
            // `htu`.
            let uri = format!("http://{host}{}", req.path);
            let validation = DpopValidation::new(now, &req.method, &uri)
                .max_age(PROOF_MAX_AGE)
                .leeway(PROOF_LEEWAY)
                .algorithms(&PROOF_ALGORITHMS)
                .max_len(MAX_TOKEN)
                .access_token(token, jkt);
            let mut replay = Replay(login.seen_proofs());
            let mut buf = vec![0u8; proof.len()];
            match verify_proof(proof, &validation, Some(&mut replay), &mut buf) {
                Ok(_) => Ok(checked.facts),
                Err(e @ (Error::RevocationListFull | Error::StoreUnavailable)) => Err(Refused::new(
                    503,
                    Some(Scheme::Dpop),
                    "",
                    "This server cannot record the proof's ID now, so it could not refuse it if \
                     it came again: refused. Try again shortly.",
                )
                .check(e)),
                Err(e) => Err(Refused::new(
                    401,
                    Some(Scheme::Dpop),
                    "invalid_dpop_proof",
                    &format!("The DPoP proof is refused: {}.", explain_proof(e)),
                )
                .check(e)),
            }
        }
    }
}

/// What a refused proof means.
fn explain_proof(e: Error) -> String {
    match e {
        Error::DpopHtuMismatch => {
            "it was made for another URL (htu) than this one, so it cannot be replayed here"
                .to_owned()
        }
        Error::DpopHtmMismatch => "it was made for another method (htm)".to_owned(),
        Error::DpopReplayed => "its jti was seen before: each proof is used once".to_owned(),
        Error::DpopKeyMismatch => {
            "it is signed by another key than the one the token is bound to".to_owned()
        }
        Error::DpopAthMismatch => "its ath is not this access token's hash".to_owned(),
        Error::JwtTooOld => format!("it is more than {PROOF_MAX_AGE} seconds old"),
        e => e.to_string(),
    }
}
