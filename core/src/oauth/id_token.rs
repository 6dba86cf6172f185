//! ID token validation (OpenID Connect Core 1.0 section 3.1.3.7, with
//! sections 3.2.2.9 and 3.3.2.11 for `at_hash` and `c_hash`), on top of
//! [`jwt::verify`](crate::jwt::verify) with the provider's keys.

use super::checked::{ct_eq, date_claim, string_claim, verify_then};
use super::metadata::StrList;
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::{JsonStr, Kind};
use crate::jwt::{Claim, JwtAlgorithm, KeySet, Validation, Verified};

/// The claims every ID token carries (section 2).
const REQUIRED: &[Claim] = &[
    Claim::Issuer,
    Claim::Subject,
    Claim::Audience,
    Claim::ExpiresAt,
    Claim::IssuedAt,
];

/// The algorithm ID tokens are signed with when the client registered
/// none (`id_token_signed_response_alg` defaults to RS256, OpenID Connect
/// Dynamic Client Registration section 2). Empty in a build without RSA:
/// the caller then names the algorithm.
const DEFAULT_ALGORITHMS: &[JwtAlgorithm] = &[
    #[cfg(feature = "rsa")]
    JwtAlgorithm::RS256,
];

/// Which `nonce` the ID token must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nonce<'v> {
    /// The request sent none: a token that carries one answers another
    /// request.
    NotSent,
    /// The request sent this one.
    Sent(&'v [u8]),
    /// Not checked (an ID token from a refresh, which OpenID Connect Core
    /// section 12.2 lets carry the original nonce or none).
    Any,
}

/// Which algorithms an ID token may be signed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Algorithms<'v> {
    /// These (the client's registered one, or RS256).
    Listed(&'v [JwtAlgorithm]),
    /// Those the provider's metadata lists.
    Provider(StrList<'v>),
}

/// What an ID token must be, for [`verify_id_token`]: the issuer and the
/// client it was issued to, the clock, and what the authentication request
/// sent (`nonce`, `max_age`) or what came with the token (the access
/// token, the code) that it must be bound to.
///
/// Strict by default: RS256 only (the default `id_token_signed_response_alg`),
/// no `nonce` (a token carrying one is refused: set the one the request
/// sent), no leeway, `auth_time` checked only when a `max_age` is set or
/// [required](IdTokenValidation::require_auth_time).
///
/// ```
/// # #[cfg(feature = "ecdsa")] {
/// use jeton::jwt::JwtAlgorithm;
/// use jeton::oauth::IdTokenValidation;
/// let v = IdTokenValidation::new(1_700_000_000, "https://server.example.com", "s6BhdRkqt3")
///     .nonce(b"n-0S6_WzA2Mj")
///     .max_age(3600)
///     .algorithms(&[JwtAlgorithm::ES256])
///     .leeway(30);
/// assert_eq!(v.now(), 1_700_000_000);
/// # }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct IdTokenValidation<'v> {
    now: i64,
    issuer: &'v str,
    client_id: &'v str,
    leeway: u64,
    nonce: Nonce<'v>,
    max_age: Option<u64>,
    auth_time_required: bool,
    algorithms: Algorithms<'v>,
    max_token_age: Option<u64>,
    access_token: Option<&'v [u8]>,
    at_hash_required: bool,
    code: Option<&'v [u8]>,
    c_hash_required: bool,
    max_token_len: usize,
}

impl<'v> IdTokenValidation<'v> {
    /// ID tokens from `issuer` (exactly as its metadata writes it) for the
    /// client `client_id`, judged at `now` (Unix seconds).
    pub const fn new(now: i64, issuer: &'v str, client_id: &'v str) -> Self {
        IdTokenValidation {
            now,
            issuer,
            client_id,
            leeway: 0,
            nonce: Nonce::NotSent,
            max_age: None,
            auth_time_required: false,
            algorithms: Algorithms::Listed(DEFAULT_ALGORITHMS),
            max_token_age: None,
            access_token: None,
            at_hash_required: false,
            code: None,
            c_hash_required: false,
            max_token_len: crate::jwt::DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// The `nonce` the authentication request sent: the token must carry
    /// it (compared in constant time).
    pub const fn nonce(mut self, nonce: &'v [u8]) -> Self {
        self.nonce = Nonce::Sent(nonce);
        self
    }

    /// Leniency: does not check `nonce` at all, for an ID token that a
    /// refresh returned (OpenID Connect Core section 12.2).
    pub const fn allow_any_nonce(mut self) -> Self {
        self.nonce = Nonce::Any;
        self
    }

    /// The `max_age` the authentication request sent (or the client's
    /// `default_max_age`): `auth_time` becomes required, and the end-user
    /// must have authenticated at most `seconds` ago (leeway included).
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Requires `auth_time` (the client registered `require_auth_time`, or
    /// the request asked for the claim as essential).
    pub const fn require_auth_time(mut self) -> Self {
        self.auth_time_required = true;
        self
    }

    /// The algorithms the token may be signed with (the client's
    /// registered `id_token_signed_response_alg`; default RS256).
    pub const fn algorithms(mut self, algorithms: &'v [JwtAlgorithm]) -> Self {
        self.algorithms = Algorithms::Listed(algorithms);
        self
    }

    /// Accepts the algorithms the provider's metadata lists
    /// (`id_token_signing_alg_values_supported`), as oauth4webapi does
    /// when the client registered none.
    pub const fn provider_algorithms(mut self, algorithms: StrList<'v>) -> Self {
        self.algorithms = Algorithms::Provider(algorithms);
        self
    }

    /// Refuses a token issued (`iat`) more than `seconds` ago, or ahead of
    /// the clock (leeway included): section 3.1.3.7 item 10 leaves the
    /// window to the client.
    pub const fn max_token_age(mut self, seconds: u64) -> Self {
        self.max_token_age = Some(seconds);
        self
    }

    /// Seconds of tolerance for `exp`, `iat` and `auth_time` (default 0).
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// The access token that came with the ID token: its `at_hash`, when
    /// present, must be the access token's hash.
    pub const fn access_token(mut self, token: &'v [u8]) -> Self {
        self.access_token = Some(token);
        self
    }

    /// Requires `at_hash` (the implicit and hybrid flows that return an
    /// access token with the ID token from the authorization endpoint,
    /// sections 3.2.2.10 and 3.3.2.11); set the token with
    /// [`IdTokenValidation::access_token`].
    pub const fn require_at_hash(mut self) -> Self {
        self.at_hash_required = true;
        self
    }

    /// The authorization code that came with the ID token: its `c_hash`,
    /// when present, must be the code's hash.
    pub const fn code(mut self, code: &'v [u8]) -> Self {
        self.code = Some(code);
        self
    }

    /// Requires `c_hash` (the hybrid flows, section 3.3.2.11); set the code
    /// with [`IdTokenValidation::code`].
    pub const fn require_c_hash(mut self) -> Self {
        self.c_hash_required = true;
        self
    }

    /// Longest token accepted, in bytes (default 8 KiB).
    pub const fn max_token_len(mut self, len: usize) -> Self {
        self.max_token_len = len;
        self
    }

    /// The clock, Unix seconds.
    pub const fn now(&self) -> i64 {
        self.now
    }

    /// The [`Validation`] that [`verify_id_token`] hands to
    /// [`jwt::verify`](crate::jwt::verify).
    fn jwt(&self) -> Validation<'v> {
        let v = Validation::new(self.now)
            .issuer(self.issuer)
            .audience(self.client_id)
            .required(REQUIRED)
            .leeway(self.leeway)
            .max_token_len(self.max_token_len);
        match self.max_token_age {
            Some(age) => v.max_age(age),
            None => v,
        }
    }

    fn leeway_i64(&self) -> i64 {
        i64::try_from(self.leeway).unwrap_or(i64::MAX)
    }

    /// Every check past [`jwt::verify`](crate::jwt::verify)'s, in the
    /// order [`verify_id_token`] documents.
    fn check(&self, token: &Verified<'_>) -> Result<(), Error> {
        let allowed = match self.algorithms {
            Algorithms::Listed(list) => list.contains(&token.algorithm()),
            Algorithms::Provider(list) => list.contains(token.algorithm().name()),
        };
        if !allowed {
            return Err(Error::TokenAlgNotAllowed);
        }
        // Section 3.1.3.7 items 4 and 5: several audiences need an `azp`,
        // and an `azp` must be this client.
        let azp = string_claim(token, "azp")?;
        let several = token
            .audience()
            .filter(|aud| aud.kind() == Kind::Array)
            .is_some_and(|aud| aud.elements().nth(1).is_some());
        match azp {
            Some(azp) if !azp.eq_bytes(self.client_id.as_bytes()) => {
                return Err(Error::IdTokenAzpInvalid);
            }
            None if several => return Err(Error::IdTokenAzpInvalid),
            _ => {}
        }
        let nonce = string_claim(token, "nonce")?;
        match (self.nonce, nonce) {
            (Nonce::Sent(sent), Some(nonce)) if ct_eq(&nonce, sent) => {}
            (Nonce::NotSent, None) | (Nonce::Any, _) => {}
            _ => return Err(Error::IdTokenNonceMismatch),
        }
        let auth_time = date_claim(token, "auth_time")?;
        if self.auth_time_required || self.max_age.is_some() {
            let auth_time = auth_time.ok_or(Error::JwtMissingClaim)?;
            if let Some(max_age) = self.max_age {
                let max_age = i64::try_from(max_age).unwrap_or(i64::MAX);
                if self.now.saturating_sub(self.leeway_i64()) > auth_time.saturating_add(max_age) {
                    return Err(Error::IdTokenAuthTooOld);
                }
            }
        }
        let alg = token.algorithm();
        for (claim, value, required, err) in [
            (
                "at_hash",
                self.access_token,
                self.at_hash_required,
                Error::IdTokenAtHashMismatch,
            ),
            (
                "c_hash",
                self.code,
                self.c_hash_required,
                Error::IdTokenCHashMismatch,
            ),
        ] {
            match (string_claim(token, claim)?, value) {
                (Some(hash), Some(value)) => {
                    let mut expected = [0u8; HALF_HASH_MAX];
                    let len = half_hash(alg, value, &mut expected)?;
                    if !expected.get(..len).is_some_and(|e| hash.eq_bytes(e)) {
                        return Err(err);
                    }
                }
                (None, _) if required => return Err(err),
                // Present, and nothing given to check it against; or absent
                // and optional (the code flow's token endpoint).
                _ => {}
            }
        }
        Ok(())
    }
}

/// Longest `at_hash` / `c_hash`: half a SHA-512, 32 bytes, in base64url.
const HALF_HASH_MAX: usize = 43;

/// The `at_hash` / `c_hash` of `value` for an ID token signed with `alg`:
/// the base64url of the left half of the hash of its ASCII octets, with
/// the hash of the algorithm (SHA-256 for `*256`, SHA-384 for `*384`,
/// SHA-512 for `*512` and for EdDSA with Ed25519, as OpenID Connect's
/// errata and oauth4webapi take it). Returns the length written.
///
/// # Errors
///
/// [`Error::KeyUnsupported`] for an algorithm without a hash this build
/// has.
pub fn half_hash(alg: JwtAlgorithm, value: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    use sha2::Digest;
    let name = alg.name();
    let mut digest = [0u8; 64];
    let len = if name.ends_with("256") {
        digest
            .get_mut(..32)
            .ok_or(Error::KeyUnsupported)?
            .copy_from_slice(&sha2::Sha256::digest(value));
        32
    } else if cfg!(any(feature = "sha512", feature = "p384")) && name.ends_with("384") {
        #[cfg(any(feature = "sha512", feature = "p384"))]
        digest
            .get_mut(..48)
            .ok_or(Error::KeyUnsupported)?
            .copy_from_slice(&sha2::Sha384::digest(value));
        48
    } else if cfg!(any(feature = "sha512", feature = "eddsa"))
        && (name.ends_with("512") || name == "EdDSA" || name == "Ed25519")
    {
        #[cfg(any(feature = "sha512", feature = "eddsa"))]
        digest.copy_from_slice(&sha2::Sha512::digest(value));
        64
    } else {
        return Err(Error::KeyUnsupported);
    };
    let half = digest.get(..len / 2).ok_or(Error::KeyUnsupported)?;
    base64::encode(half, Alphabet::UrlSafe, Padding::Unpadded, out)
}

/// An ID token that passed [`verify_id_token`]: the verified JWT, with the
/// OpenID Connect claims at hand.
#[derive(Clone, Copy, Debug)]
pub struct IdToken<'b> {
    token: Verified<'b>,
}

impl<'b> IdToken<'b> {
    /// The verified token: every claim, the header, the key used.
    pub fn token(&self) -> &Verified<'b> {
        &self.token
    }

    /// `sub`: the end-user at the issuer. Together with the issuer, the one
    /// stable identifier of the user (section 5.7).
    pub fn subject(&self) -> JsonStr<'b> {
        // Required by the verification that made this value.
        self.token
            .subject()
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// `nonce`, if any.
    pub fn nonce(&self) -> Option<JsonStr<'b>> {
        self.token.claim("nonce").and_then(|v| v.as_str())
    }

    /// `auth_time`, rounded up to whole seconds, if present.
    pub fn auth_time(&self) -> Option<i64> {
        date_claim(&self.token, "auth_time").ok().flatten()
    }

    /// `azp`, if any.
    pub fn authorized_party(&self) -> Option<JsonStr<'b>> {
        self.token.claim("azp").and_then(|v| v.as_str())
    }
}

/// Validates an ID token as OpenID Connect Core section 3.1.3.7 says, with
/// the provider's keys (a [`KeySet`] loaded from its JWK Set with
/// [`KeySet::replace_from_jwks`]); decodes it into `buf` (three quarters
/// of the token's length) and returns a view of it.
///
/// The checks, in this order (each failure its own error):
///
/// 1. everything [`jwt::verify`](crate::jwt::verify) checks, in its order:
///    the token's form, its header (`typ`, when present, must be `JWT`),
///    a key of the set, the signature, then the claims `iss`, `sub`,
///    `aud`, `exp`, `iat` present ([`Error::JwtMissingClaim`]), `exp`
///    ([`Error::JwtExpired`]), `nbf`, `iat` within
///    [`IdTokenValidation::max_token_age`] when set
///    ([`Error::JwtTooOld`], [`Error::JwtNotYetValid`]), `iss` the issuer
///    ([`Error::JwtIssuerInvalid`]), `aud` holding the client's ID
///    ([`Error::JwtAudienceInvalid`]);
/// 2. the algorithm among those allowed ([`Error::TokenAlgNotAllowed`]);
/// 3. `azp`: present when `aud` names several audiences, and the client's
///    ID when present ([`Error::IdTokenAzpInvalid`]);
/// 4. `nonce`: the one the request sent, or absent when it sent none
///    ([`Error::IdTokenNonceMismatch`]);
/// 5. `auth_time`, when required or a `max_age` is set: present
///    ([`Error::JwtMissingClaim`]) and recent enough
///    ([`Error::IdTokenAuthTooOld`]);
/// 6. `at_hash` and `c_hash`, when present and the access token or code
///    is given, or when required ([`Error::IdTokenAtHashMismatch`],
///    [`Error::IdTokenCHashMismatch`]).
///
/// Claims OpenID Connect defines but jeton does not check are read through
/// [`IdToken::token`] (`acr`, `amr`, the profile claims).
///
/// # Errors
///
/// The errors above; a claim this module reads of the wrong type
/// ([`Error::JwtClaimType`], [`Error::JwtClaimRange`]). On any error `buf`
/// holds nothing of the token.
///
/// # Example
///
/// OpenID Connect Core appendix A.2's ID token, with appendix A.7's key:
///
/// ```
/// # #[cfg(feature = "rsa")] {
/// use jeton::Error;
/// use jeton::jwt::KeySet;
/// use jeton::oauth::{IdTokenValidation, verify_id_token};
/// let jwks = br#"{"keys":[{"kty":"RSA","kid":"1e9gdk7","e":"AQAB","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ"}]}"#;
/// let mut keys: KeySet<4> = KeySet::new();
/// keys.replace_from_jwks(jwks)?;
/// let token = b"eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAibmFtZSI6ICJKYW5lIERvZSIsCiAiZ2l2ZW5fbmFtZSI6ICJKYW5lIiwKICJmYW1pbHlfbmFtZSI6ICJEb2UiLAogImdlbmRlciI6ICJmZW1hbGUiLAogImJpcnRoZGF0ZSI6ICIwMDAwLTEwLTMxIiwKICJlbWFpbCI6ICJqYW5lZG9lQGV4YW1wbGUuY29tIiwKICJwaWN0dXJlIjogImh0dHA6Ly9leGFtcGxlLmNvbS9qYW5lZG9lL21lLmpwZyIKfQ.rHQjEmBqn9Jre0OLykYNnspA10Qql2rvx4FsD00jwlB0Sym4NzpgvPKsDjn_wMkHxcp6CilPcoKrWHcipR2iAjzLvDNAReF97zoJqq880ZD1bwY82JDauCXELVR9O6_B0w3K-E7yM2macAAgNCUwtik6SjoSUZRcf-O5lygIyLENx882p6MtmwaL1hd6qn5RZOQ0TLrOYu0532g9Exxcm-ChymrB4xLykpDj3lUivJt63eEGGN6DH5K6o33TcxkIjNrCD4XB1CKKumZvCedgHHF3IAK4dVEDSUoGlH9z4pP_eWYNXvqQOjGs-rDaQzUHl6cQQWNiDpWOl_lxXjQEvQ";
/// let v = IdTokenValidation::new(1_311_281_000, "http://server.example.com", "s6BhdRkqt3")
///     .nonce(b"n-0S6_WzA2Mj");
/// let mut buf = [0u8; 1024];
/// let id = verify_id_token(token, &keys, &v, &mut buf)?;
/// assert_eq!(id.subject().as_plain(), Some("248289761001"));
/// let mut name = [0u8; 16];
/// let n = id.token().claim_str("name", &mut name)?;
/// assert_eq!(&name[..n], b"Jane Doe");
///
/// let replayed = v.nonce(b"another request's nonce");
/// assert_eq!(verify_id_token(token, &keys, &replayed, &mut buf).err(), Some(Error::IdTokenNonceMismatch));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify_id_token<'b, const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    validation: &IdTokenValidation<'_>,
    buf: &'b mut [u8],
) -> Result<IdToken<'b>, Error> {
    let token = verify_then(token, keys, &validation.jwt(), buf, |t| validation.check(t))?;
    Ok(IdToken { token })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OpenID Connect Core's appendix A examples: the access token of
    /// A.3 (`id_token token`) and the code of A.4 (`code id_token`), with
    /// the `at_hash` and `c_hash` their ID tokens carry (RS256).
    #[cfg(feature = "rsa")]
    #[test]
    fn hashes_of_the_oidc_core_examples() {
        let mut out = [0u8; HALF_HASH_MAX];
        let n = half_hash(
            JwtAlgorithm::RS256,
            b"jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
            &mut out,
        )
        .unwrap();
        assert_eq!(&out[..n], b"77QmUPtjPfzWtF2AnpK9RQ");
        let n = half_hash(
            JwtAlgorithm::RS256,
            b"Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk",
            &mut out,
        )
        .unwrap();
        assert_eq!(&out[..n], b"LDktKdoQak3Pk0cnXxCltA");
    }

    #[test]
    fn hash_lengths_follow_the_algorithm() {
        let mut out = [0u8; HALF_HASH_MAX];
        let len = |alg| half_hash(alg, b"x", &mut [0u8; HALF_HASH_MAX]).unwrap();
        assert_eq!(len(JwtAlgorithm::HS256), 22);
        #[cfg(feature = "p384")]
        assert_eq!(len(JwtAlgorithm::ES384), 32);
        #[cfg(feature = "eddsa")]
        assert_eq!(len(JwtAlgorithm::EdDSA), 43);
        #[cfg(feature = "sha512")]
        assert_eq!(len(JwtAlgorithm::HS512), 43);
        assert_eq!(
            half_hash(JwtAlgorithm::HS256, b"x", &mut out[..21]),
            Err(Error::BufferTooSmall { needed: 22 })
        );
    }
}
