//! JWT access tokens on a resource server (RFC 9068): explicitly typed
//! `at+jwt`, for this resource, with the client, the subject and the
//! scopes they grant.

use super::checked::{string_claim, verify_then};
use super::dpop::Thumbprint;
use super::scope::Scopes;
use crate::Error;
use crate::json::{JsonStr, Kind, Value};
use crate::jwt::{Claim, JwtAlgorithm, KeySet, Revocation, Validation, Verified};

/// The claims RFC 9068 section 2.2 requires (with `client_id`, which is
/// not a [`Claim`] of RFC 7519).
const REQUIRED: &[Claim] = &[
    Claim::Issuer,
    Claim::ExpiresAt,
    Claim::Audience,
    Claim::Subject,
    Claim::IssuedAt,
    Claim::JwtId,
];

/// What a JWT access token must be, for [`verify_access_token`]: from the
/// issuer, for this resource, granting these scopes, at this clock.
///
/// Strict by default: the header's `typ` must be `at+jwt` (or
/// `application/at+jwt`, any case), every claim of RFC 9068 section 2.2
/// present, no leeway, any algorithm the keys allow (the provider's JWK
/// Set holds no shared secret: [`KeySet::replace_from_jwks`] skips them).
///
/// ```
/// use jeton::oauth::AccessTokenValidation;
/// let v = AccessTokenValidation::new(1_700_000_000, "https://as.example.com", "https://rs.example.com/")
///     .scopes(&["read"])
///     .leeway(30);
/// assert_eq!(v.now(), 1_700_000_000);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct AccessTokenValidation<'v> {
    jwt: Validation<'v>,
    now: i64,
    algorithms: Option<&'v [JwtAlgorithm]>,
    scopes: &'v [&'v str],
}

impl<'v> AccessTokenValidation<'v> {
    /// Access tokens from `issuer` (exactly as its metadata writes it) for
    /// the resource `resource` (an identifier the token's `aud` must hold,
    /// RFC 9068 section 4), judged at `now` (Unix seconds).
    pub const fn new(now: i64, issuer: &'v str, resource: &'v str) -> Self {
        AccessTokenValidation {
            jwt: Validation::new(now)
                .require_typ("at+jwt")
                .issuer(issuer)
                .audience(resource)
                .required(REQUIRED),
            now,
            algorithms: None,
            scopes: &[],
        }
    }

    /// The scopes the request needs: the token must grant every one
    /// ([`Error::ScopeInsufficient`] otherwise).
    pub const fn scopes(mut self, scopes: &'v [&'v str]) -> Self {
        self.scopes = scopes;
        self
    }

    /// The algorithms accepted (default: any the keys allow).
    pub const fn algorithms(mut self, algorithms: &'v [JwtAlgorithm]) -> Self {
        self.algorithms = Some(algorithms);
        self
    }

    /// Seconds of tolerance for `exp`, `nbf` and `iat` (default 0).
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.jwt = self.jwt.leeway(seconds);
        self
    }

    /// Refuses a token issued (`iat`) more than `seconds` ago, or ahead of
    /// the clock (leeway included).
    pub const fn max_token_age(mut self, seconds: u64) -> Self {
        self.jwt = self.jwt.max_age(seconds);
        self
    }

    /// Refuses a token whose `jti` is on `list`, checked last of the
    /// claims [`jwt::verify`](crate::jwt::verify) checks.
    pub const fn revocation(mut self, list: &'v dyn Revocation) -> Self {
        self.jwt = self.jwt.revocation(list);
        self
    }

    /// Longest token accepted, in bytes (default 8 KiB).
    pub const fn max_token_len(mut self, len: usize) -> Self {
        self.jwt = self.jwt.max_token_len(len);
        self
    }

    /// The clock, Unix seconds.
    pub const fn now(&self) -> i64 {
        self.now
    }

    fn check(&self, token: &Verified<'_>) -> Result<(), Error> {
        if let Some(allowed) = self.algorithms
            && !allowed.contains(&token.algorithm())
        {
            return Err(Error::TokenAlgNotAllowed);
        }
        string_claim(token, "client_id")?.ok_or(Error::JwtMissingClaim)?;
        let scope = string_claim(token, "scope")?;
        cnf_jkt(token.claim("cnf"), Error::JwtClaimType)?;
        let scopes = scope.map_or(Scopes::EMPTY, Scopes::new);
        if !scopes.contains_all(self.scopes) {
            return Err(Error::ScopeInsufficient);
        }
        Ok(())
    }
}

/// The `jkt` of a `cnf` member (RFC 7800, RFC 9449 section 6.1), if
/// present: `cnf` must be an object, its `jkt` a SHA-256 thumbprint in
/// base64url. `wrong` is the error of a member of the wrong shape.
pub(crate) fn cnf_jkt(cnf: Option<Value<'_>>, wrong: Error) -> Result<Option<Thumbprint>, Error> {
    let Some(cnf) = cnf else {
        return Ok(None);
    };
    if cnf.kind() != Kind::Object {
        return Err(wrong);
    }
    match cnf.get("jkt") {
        None => Ok(None),
        Some(jkt) => jkt
            .as_str()
            .and_then(|s| Thumbprint::from_json(&s))
            .map(Some)
            .ok_or(wrong),
    }
}

/// A JWT access token that passed [`verify_access_token`].
#[derive(Clone, Copy, Debug)]
pub struct AccessToken<'b> {
    token: Verified<'b>,
}

impl<'b> AccessToken<'b> {
    /// The verified token: every claim, the header, the key used.
    pub fn token(&self) -> &Verified<'b> {
        &self.token
    }

    /// `sub`: the resource owner, or the client itself for a client
    /// credentials grant (RFC 9068 section 2.2).
    pub fn subject(&self) -> JsonStr<'b> {
        self.token
            .subject()
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// `client_id`: the client the token was issued to.
    pub fn client_id(&self) -> JsonStr<'b> {
        self.token
            .claim("client_id")
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// `jti`.
    pub fn jwt_id(&self) -> JsonStr<'b> {
        self.token
            .jwt_id()
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// The scopes granted (`scope`; none when absent).
    pub fn scopes(&self) -> Scopes<'b> {
        self.token
            .claim("scope")
            .and_then(|v| v.as_str())
            .map_or(Scopes::EMPTY, Scopes::new)
    }

    /// Whether the token grants `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes().contains(scope)
    }

    /// Whether the token may be used as it was presented, as a bearer
    /// token (`Authorization: Bearer`): not when it is bound to a key (RFC
    /// 9449 section 7.2: the request must then carry a proof).
    ///
    /// # Errors
    ///
    /// [`Error::DpopKeyMismatch`] for a token bound to a key.
    pub fn check_bearer_use(&self) -> Result<(), Error> {
        match self.cnf_jkt() {
            Some(_) => Err(Error::DpopKeyMismatch),
            None => Ok(()),
        }
    }

    /// The thumbprint of the key the token is bound to (`cnf.jkt`, RFC
    /// 9449 section 6.1): a request must then come with a DPoP proof of
    /// that key ([`DpopValidation::access_token`](super::DpopValidation::access_token)),
    /// never as a bearer token.
    pub fn cnf_jkt(&self) -> Option<Thumbprint> {
        cnf_jkt(self.token.claim("cnf"), Error::JwtClaimType)
            .ok()
            .flatten()
    }
}

/// Validates a JWT access token as RFC 9068 section 4 tells a resource
/// server to, with the authorization server's keys (a [`KeySet`] loaded
/// from its JWK Set); decodes it into `buf` (three quarters of the token's
/// length) and returns a view of it.
///
/// The checks, in this order:
///
/// 1. everything [`jwt::verify`](crate::jwt::verify) checks, in its order:
///    the header's `typ` `at+jwt` ([`Error::JwtTypInvalid`]), a key of the
///    set and the signature, then `iss`, `exp`, `aud`, `sub`, `iat`, `jti`
///    present ([`Error::JwtMissingClaim`]), `exp` ([`Error::JwtExpired`]),
///    `nbf`, the maximum age when set, `iss` the issuer
///    ([`Error::JwtIssuerInvalid`]), `aud` holding the resource
///    ([`Error::JwtAudienceInvalid`]), the revocation list when set
///    ([`Error::JwtRevoked`]);
/// 2. the algorithm among those allowed, when a list is set
///    ([`Error::TokenAlgNotAllowed`]);
/// 3. `client_id` present ([`Error::JwtMissingClaim`]) and a string,
///    `scope` a string when present, `cnf` an object whose `jkt`, when
///    present, is a SHA-256 thumbprint ([`Error::JwtClaimType`]);
/// 4. every scope the request needs granted ([`Error::ScopeInsufficient`]).
///
/// A token bound to a key ([`AccessToken::cnf_jkt`]) is only half
/// checked: the request's DPoP proof must then be verified with
/// [`verify_proof`](super::verify_proof) and
/// [`DpopValidation::access_token`](super::DpopValidation::access_token).
///
/// # Errors
///
/// The errors above. On any error `buf` holds nothing of the token.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "ecdsa")] {
/// use jeton::Error;
/// use jeton::jwt::{self, Claims, Header, JwtKey, KeySet};
/// use jeton::oauth::{AccessTokenValidation, verify_access_token};
///
/// // The authorization server's side, for the example: an RFC 9068 token.
/// let signer = JwtKey::from_private_jwk(br#"{"kty":"EC","crv":"P-256",
///     "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
///     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
///     "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#)?;
/// let claims = Claims::new()
///     .issuer("https://as.example.com")
///     .subject("5ba552d67")
///     .audience("https://rs.example.com/")
///     .expires_at(1_639_528_912)
///     .issued_at(1_618_354_090)
///     .jwt_id("dbe39bf3a3ba4238a513f51d6e1691c4")
///     .string("client_id", "s6BhdRkqt3")
///     .string("scope", "openid profile reademail");
/// let mut token = [0u8; 512];
/// let header = Header { typ: Some("at+jwt"), kid: None };
/// let n = jwt::encode_with_header(&signer, &header, &claims, &mut token)?;
///
/// // The resource server's.
/// let keys: KeySet<4> = KeySet::with_key(signer)?;
/// let v = AccessTokenValidation::new(1_620_000_000, "https://as.example.com", "https://rs.example.com/")
///     .scopes(&["reademail"]);
/// let mut buf = [0u8; 512];
/// let at = verify_access_token(&token[..n], &keys, &v, &mut buf)?;
/// assert!(at.client_id().eq_bytes(b"s6BhdRkqt3"));
/// assert!(at.has_scope("profile") && !at.has_scope("admin"));
///
/// let admin = v.scopes(&["admin"]);
/// assert_eq!(verify_access_token(&token[..n], &keys, &admin, &mut buf).err(), Some(Error::ScopeInsufficient));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify_access_token<'b, const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    validation: &AccessTokenValidation<'_>,
    buf: &'b mut [u8],
) -> Result<AccessToken<'b>, Error> {
    let token = verify_then(token, keys, &validation.jwt, buf, |t| validation.check(t))?;
    Ok(AccessToken { token })
}
