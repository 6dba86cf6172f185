//! Deciding whether a request may see a protected resource, and saying
//! why in plain words.
//!
//! Two mechanisms admit a request:
//!
//! - the session cookie: its value is a random ID; the server looks up the
//!   SHA-256 of it in its session store, so it can end the session at once;
//! - `Authorization: Bearer <JWT>`: the token carries its own claims; the
//!   server checks the signature, `iss`, `aud`, `exp` and that the `jti` is
//!   not on the revocation list, without any session.
//!
//! An `Authorization` header, when present, decides alone: a bad token is
//! refused even if a good cookie rides along.

use jeton::Error;
use jeton::auth::{self, BearerChallenge, BearerError};
use jeton::cookie::CookieHeader;
use jeton::jwt::{self, Claim, Validation};
use jeton::session::{Session, is_well_formed_id};

use crate::app::{App, Record};

/// The realm named in every challenge.
pub const REALM: &str = "jeton demo";

/// Longest token accepted, in bytes.
const MAX_TOKEN: usize = 2048;

/// Who was admitted, and by what.
#[derive(Clone, Debug)]
pub enum Admitted {
    /// By the session cookie.
    Session {
        /// The session ID (the cookie's value).
        id: String,
        /// The session, just touched.
        session: Session<Record>,
    },
    /// By a Bearer JWT.
    Bearer(TokenFacts),
}

impl Admitted {
    /// The mechanism, as the JSON API names it.
    pub fn mechanism(&self) -> &'static str {
        match self {
            Admitted::Session { .. } => "session_cookie",
            Admitted::Bearer(_) => "bearer_jwt",
        }
    }
}

/// The claims of a verified token that the pages show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenFacts {
    /// `sub`.
    pub subject: String,
    /// `jti`.
    pub jti: String,
    /// `iat`.
    pub issued_at: i64,
    /// `exp`.
    pub expires_at: i64,
}

/// Why a request was not admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Neither the session cookie nor an `Authorization` header.
    NoCredentials,
    /// A session cookie, but no live session behind it.
    Session(Error),
    /// A Bearer token that did not verify.
    Token(Error),
    /// `Authorization` with a scheme other than Bearer.
    OtherScheme,
    /// `Authorization: Bearer` without a well-formed token.
    MalformedAuthorization,
    /// A `Cookie` header beyond jeton's limits.
    CookieHeader(Error),
}

impl Refusal {
    /// The status to answer with: 400 for a malformed request (RFC 6750's
    /// `invalid_request`), else 401.
    pub fn status(self) -> u16 {
        match self {
            Refusal::MalformedAuthorization | Refusal::CookieHeader(_) => 400,
            Refusal::Session(Error::StoreUnavailable) | Refusal::Token(Error::StoreUnavailable) => {
                503
            }
            _ => 401,
        }
    }

    /// The reason, in plain words.
    pub fn explain(self, app: &App) -> String {
        let cookie = app.config().cookie.name();
        match self {
            Refusal::NoCredentials => format!(
                "This request carried no credentials: neither the session cookie \
                 {cookie} nor an Authorization header."
            ),
            Refusal::Session(Error::SessionNotFound) if app.is_shared() => format!(
                "The {cookie} cookie names no session in the shared store (Redis): it was \
                 logged out (on this server or another), replaced at a later login, or it \
                 expired and Redis dropped it."
            ),
            Refusal::Session(Error::SessionNotFound) => format!(
                "The {cookie} cookie names no session this server holds: it was logged \
                 out, replaced at a later login, or the server restarted (sessions live \
                 in its memory)."
            ),
            Refusal::Session(Error::StoreUnavailable) | Refusal::Token(Error::StoreUnavailable) => {
                "The session store (Redis) cannot be reached or did not answer in time, so \
                 this server cannot tell whether the session or token was revoked: the \
                 request is refused rather than admitted unchecked. Try again shortly."
                    .to_owned()
            }
            Refusal::Session(Error::StoreRecordInvalid) => format!(
                "The session store holds something under this {cookie} cookie that is not a \
                 session record this server reads: refused."
            ),
            Refusal::Session(Error::SessionExpired) => format!(
                "The session of this {cookie} cookie expired: no request for {} minutes, \
                 or older than {} hours.",
                app.config().session_idle / 60,
                app.config().session_lifetime / 3600
            ),
            Refusal::Session(_) => format!(
                "The {cookie} cookie does not hold a session ID this server makes \
                 (43 base64url characters)."
            ),
            Refusal::Token(Error::JwtRevoked) => "This token was revoked at logout: its jti \
                 is on the server's revocation list until the token's own expiry, so the \
                 signature is still good but the server refuses it."
                .to_owned(),
            Refusal::Token(Error::JwtExpired) => {
                "This token has expired: its exp claim lies in the past.".to_owned()
            }
            Refusal::Token(Error::JwtSignatureMismatch) => "This token's signature does not \
                 verify with the server's key: it was altered, or signed by another server \
                 (the demo draws a new key at each start)."
                .to_owned(),
            Refusal::Token(Error::JwtIssuerInvalid | Error::JwtAudienceInvalid) => format!(
                "This token was not issued by {} for {}.",
                app.config().issuer,
                app.config().audience
            ),
            Refusal::Token(e) => format!("This token is not valid: {e}."),
            Refusal::OtherScheme => "The Authorization header uses a scheme this resource \
                 does not take: send Authorization: Bearer <token>, or the session cookie."
                .to_owned(),
            Refusal::MalformedAuthorization => "The Authorization header is malformed: \
                 Bearer must be followed by one space-free token (RFC 6750)."
                .to_owned(),
            Refusal::CookieHeader(e) => format!("The Cookie header is refused: {e}."),
        }
    }

    /// The `WWW-Authenticate` challenge (RFC 6750 section 3): an `error`
    /// only when a token was presented.
    pub fn challenge(self) -> String {
        let plain = BearerChallenge::new(REALM);
        let (challenge, fallback) = match self {
            Refusal::Token(e) => {
                let invalid = plain.error(BearerError::InvalidToken);
                (invalid.error_description(e.as_str()), invalid)
            }
            Refusal::MalformedAuthorization => {
                let invalid = plain.error(BearerError::InvalidRequest);
                (invalid, invalid)
            }
            _ => (plain, plain),
        };
        let mut out = [0u8; 256];
        challenge
            .write(&mut out)
            .or_else(|_| fallback.write(&mut out))
            .ok()
            .and_then(|n| out.get(..n))
            .map_or_else(
                || "Bearer".to_owned(),
                |v| String::from_utf8_lossy(v).into_owned(),
            )
    }
}

/// Admits `authorization` and `cookie` (the request's header values), or
/// says why not. An admitted session is touched (its idle timer restarts).
pub fn admit(
    app: &App,
    authorization: Option<&[u8]>,
    cookie: Option<&[u8]>,
) -> Result<Admitted, Refusal> {
    if let Some(header) = authorization {
        return match auth::parse_bearer(header) {
            Ok(token) => verify_token(app, token).map(Admitted::Bearer),
            Err(Error::AuthSchemeMismatch) => Err(Refusal::OtherScheme),
            Err(_) => Err(Refusal::MalformedAuthorization),
        };
    }
    let Some(cookie) = cookie else {
        return Err(Refusal::NoCredentials);
    };
    let cookies = CookieHeader::parse(cookie).map_err(Refusal::CookieHeader)?;
    let now = app.now();
    let mut refusal = Refusal::NoCredentials;
    // Every cookie of our name, in order: with the __Host- prefix there is
    // at most one, but a plain name can be tossed in by a sibling domain.
    for pair in cookies.get_all(app.config().cookie.name()) {
        let id = pair.value();
        if !is_well_formed_id(id) {
            refusal = Refusal::Session(Error::SessionIdMalformed);
            continue;
        }
        match app.sessions().touch(id, now) {
            Ok(session) => {
                return Ok(Admitted::Session {
                    id: String::from_utf8_lossy(id).into_owned(),
                    session,
                });
            }
            Err(e) => refusal = Refusal::Session(e),
        }
    }
    Err(refusal)
}

/// Verifies a Bearer token against the demo's key, issuer, audience,
/// clock and revocation list.
pub fn verify_token(app: &App, token: &[u8]) -> Result<TokenFacts, Refusal> {
    let required = [Claim::ExpiresAt, Claim::Subject, Claim::JwtId];
    let audience = app.config().audience.as_str();
    let validation = Validation::new(app.now())
        .issuer(&app.config().issuer)
        .audience(audience)
        .required(&required)
        .max_token_len(MAX_TOKEN)
        .revocation(app.revoked());
    let mut buf = [0u8; MAX_TOKEN];
    let verified = jwt::verify(token, app.keys(), &validation, &mut buf).map_err(Refusal::Token)?;
    let text = |s: Option<jeton::json::JsonStr<'_>>| {
        s.map(|s| String::from_utf8_lossy(&s.bytes().collect::<Vec<u8>>()).into_owned())
            .unwrap_or_default()
    };
    Ok(TokenFacts {
        subject: text(verified.subject()),
        jti: text(verified.jwt_id()),
        issued_at: verified.issued_at().unwrap_or(0),
        expires_at: verified.expires_at().unwrap_or(0),
    })
}
