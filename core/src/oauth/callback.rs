//! The authorization response at the redirect URI (RFC 6749 sections
//! 4.1.2 and 4.1.2.1, RFC 9207): `code` and `state`, or `error`,
//! `error_description`, `error_uri`, and the issuer's `iss`.
//!
//! [`Callback::parse`] reads the query zero-copy and refuses what no
//! honest server sends: a parameter it reads given twice, both `code` and
//! `error` or neither, an empty one, and an `iss` that is not the expected
//! issuer (or none, when the server advertises
//! `authorization_response_iss_parameter_supported`), which is how a
//! client talking to several servers detects a mix-up attack. Parameters
//! it does not read are ignored, as RFC 6749 section 4.1.2 asks.
//!
//! An error response is a successful parse: its `state` should be checked
//! like any other before the error is shown, and [`Callback::code`] then
//! fails with [`Error::OauthServerError`] (or [`Error::OauthAccessDenied`]
//! when the user declined).
//!
//! ```
//! use jeton::oauth::callback::{Callback, CallbackCheck, Outcome};
//!
//! // RFC 6749 section 4.1.2, with RFC 9207's iss.
//! let check = CallbackCheck::new("https://server.example.com").iss_required(true);
//! let cb = Callback::parse(
//!     b"code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fserver.example.com",
//!     &check,
//! )?;
//! assert_eq!(cb.code()?.raw(), b"SplxlOBeZQQYbYS6WxSbIA");
//! assert!(cb.state().is_some_and(|s| s.eq_bytes(b"xyz")));
//!
//! // The same from another server: a mix-up.
//! assert_eq!(
//!     Callback::parse(b"code=x&state=xyz&iss=https%3A%2F%2Fevil.example", &check).err(),
//!     Some(jeton::Error::OauthIssuerMismatch)
//! );
//!
//! // RFC 6749 section 4.1.2.1.
//! let cb = Callback::parse(b"error=access_denied&state=xyz&iss=https%3A%2F%2Fserver.example.com", &check)?;
//! assert!(matches!(cb.outcome(), Outcome::Error(_)));
//! assert_eq!(cb.code().err(), Some(jeton::Error::OauthAccessDenied));
//! # Ok::<(), jeton::Error>(())
//! ```

use super::form::{self, Encoded};
use super::response::ErrorCode;
use super::state::{self, VerifiedState};
use crate::Error;
use crate::mac::KeyRing;

/// Pairs a callback query may hold unless the caller sets another limit.
pub const DEFAULT_MAX_PAIRS: usize = 64;

/// What a callback is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackCheck<'a> {
    issuer: Option<&'a str>,
    iss_required: bool,
    max_pairs: usize,
}

impl<'a> CallbackCheck<'a> {
    /// Checks an `iss`, when the callback carries one, against `issuer`
    /// (the authorization server's issuer identifier, compared exactly).
    pub const fn new(issuer: &'a str) -> Self {
        CallbackCheck {
            issuer: Some(issuer),
            iss_required: false,
            max_pairs: DEFAULT_MAX_PAIRS,
        }
    }

    /// Ignores `iss`: for a client that talks to one server only, which
    /// cannot be mixed up with another.
    pub const fn without_issuer() -> Self {
        CallbackCheck {
            issuer: None,
            iss_required: false,
            max_pairs: DEFAULT_MAX_PAIRS,
        }
    }

    /// Requires `iss`: set it when the server's metadata holds
    /// `authorization_response_iss_parameter_supported: true` (RFC 9207
    /// section 3).
    pub const fn iss_required(mut self, required: bool) -> Self {
        self.iss_required = required;
        self
    }

    /// The most pairs the query may hold ([`DEFAULT_MAX_PAIRS`] unless
    /// set): the parse costs no more than that.
    pub const fn max_pairs(mut self, max: usize) -> Self {
        self.max_pairs = max;
        self
    }
}

/// An error from the authorization endpoint (RFC 6749 section 4.1.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthorizationError<'a> {
    code: ErrorCode,
    error: Encoded<'a>,
    description: Option<Encoded<'a>>,
    uri: Option<Encoded<'a>>,
}

impl<'a> AuthorizationError<'a> {
    /// The error code, when it is a registered one.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The `error` parameter as sent.
    pub fn error(&self) -> Encoded<'a> {
        self.error
    }

    /// `error_description`: text for the developer. It comes from the
    /// query, which anyone can write: escape it before showing it.
    pub fn description(&self) -> Option<Encoded<'a>> {
        self.description
    }

    /// `error_uri`: a page about the error (as untrusted as the rest).
    pub fn uri(&self) -> Option<Encoded<'a>> {
        self.uri
    }
}

/// What the authorization server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// An authorization code, to redeem at the token endpoint.
    Code(Encoded<'a>),
    /// An error.
    Error(AuthorizationError<'a>),
}

/// A parsed authorization response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Callback<'a> {
    outcome: Outcome<'a>,
    state: Option<Encoded<'a>>,
    iss: Option<Encoded<'a>>,
}

/// The parameters a callback reads, in one pass.
#[derive(Default)]
struct Found<'a> {
    code: Option<Encoded<'a>>,
    state: Option<Encoded<'a>>,
    iss: Option<Encoded<'a>>,
    error: Option<Encoded<'a>>,
    error_description: Option<Encoded<'a>>,
    error_uri: Option<Encoded<'a>>,
}

impl<'a> Callback<'a> {
    /// Reads the query of the request to the redirect URI (without its
    /// `?`; [`form::query`] finds it in a request target).
    ///
    /// The checks, in order: at most `max_pairs` pairs, none of `code`,
    /// `state`, `iss`, `error`, `error_description`, `error_uri` twice
    /// (names compared after decoding); then `iss`; then exactly one of
    /// `code` and `error`, not empty.
    ///
    /// # Errors
    ///
    /// [`Error::TooManyItems`], [`Error::OauthDuplicateParameter`],
    /// [`Error::OauthIssuerMismatch`], [`Error::OauthCallbackInvalid`].
    pub fn parse(query: &'a [u8], check: &CallbackCheck<'_>) -> Result<Callback<'a>, Error> {
        let mut found = Found::default();
        for (i, pair) in form::pairs(query).enumerate() {
            if i >= check.max_pairs {
                return Err(Error::TooManyItems);
            }
            let name = pair.name();
            let slot = [
                (&b"code"[..], &mut found.code),
                (b"state", &mut found.state),
                (b"iss", &mut found.iss),
                (b"error", &mut found.error),
                (b"error_description", &mut found.error_description),
                (b"error_uri", &mut found.error_uri),
            ]
            .into_iter()
            .find(|(n, _)| name.eq_bytes(n));
            if let Some((_, slot)) = slot {
                if slot.is_some() {
                    return Err(Error::OauthDuplicateParameter);
                }
                *slot = Some(pair.value());
            }
        }
        match (found.iss, check.issuer) {
            (Some(iss), Some(issuer)) if !iss.eq_bytes(issuer.as_bytes()) => {
                return Err(Error::OauthIssuerMismatch);
            }
            (None, _) if check.iss_required => return Err(Error::OauthIssuerMismatch),
            _ => {}
        }
        let outcome = match (found.code, found.error) {
            (Some(code), None) if !code.is_empty() => Outcome::Code(code),
            (None, Some(error)) if !error.is_empty() => Outcome::Error(AuthorizationError {
                code: ErrorCode::find(|name| error.eq_bytes(name)),
                error,
                description: found.error_description,
                uri: found.error_uri,
            }),
            _ => return Err(Error::OauthCallbackInvalid),
        };
        Ok(Callback {
            outcome,
            state: found.state,
            iss: found.iss,
        })
    }

    /// The code or the error.
    pub fn outcome(&self) -> Outcome<'a> {
        self.outcome
    }

    /// The authorization code.
    ///
    /// # Errors
    ///
    /// [`Error::OauthAccessDenied`] when the server answered
    /// `access_denied`, [`Error::OauthServerError`] for any other error
    /// ([`Callback::outcome`] has its details).
    pub fn code(&self) -> Result<Encoded<'a>, Error> {
        match self.outcome {
            Outcome::Code(code) => Ok(code),
            Outcome::Error(e) => Err(e.code.error()),
        }
    }

    /// The `state`, when there is one.
    pub fn state(&self) -> Option<Encoded<'a>> {
        self.state
    }

    /// The `iss`, when there is one (already checked).
    pub fn iss(&self) -> Option<Encoded<'a>> {
        self.iss
    }

    /// Verifies the `state` as [`state::verify`] does (decoding it first).
    ///
    /// # Errors
    ///
    /// [`Error::OauthStateInvalid`] when the callback has no `state`, or
    /// one longer than any jeton issues; otherwise those of
    /// [`state::verify`].
    pub fn verify_state<'b, const N: usize>(
        &self,
        ring: &KeyRing<N>,
        binding: &[u8],
        now: i64,
        max_age: u64,
        out: &'b mut [u8],
    ) -> Result<VerifiedState<'b>, Error> {
        let encoded = self.state.ok_or(Error::OauthStateInvalid)?;
        if let Some(plain) = encoded.as_plain() {
            return state::verify(ring, plain, binding, now, max_age, out);
        }
        let mut decoded = [0u8; state::MAX_STATE_LEN];
        let n = encoded
            .decode_into(&mut decoded)
            .map_err(|_| Error::OauthStateInvalid)?;
        state::verify(
            ring,
            decoded.get(..n).ok_or(Error::OauthStateInvalid)?,
            binding,
            now,
            max_age,
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mac::{Algorithm, HmacKey};

    const ISSUER: &str = "https://as.example";

    fn parse(query: &[u8]) -> Result<Callback<'_>, Error> {
        Callback::parse(query, &CallbackCheck::new(ISSUER))
    }

    #[test]
    fn codes_errors_and_refusals() {
        let cb = parse(b"c%6Fde=a+b&state=s&foo=1&foo=2&iss=https%3A%2F%2Fas.example").unwrap();
        assert!(cb.code().unwrap().eq_bytes(b"a b"));
        assert!(cb.iss().is_some());
        let cb = parse(
            b"error=login_required&error_description=Log+in&error_uri=https%3A%2F%2Fx&state=s",
        )
        .unwrap();
        let Outcome::Error(e) = cb.outcome() else {
            panic!()
        };
        assert_eq!(e.code(), ErrorCode::LoginRequired);
        assert!(e.description().unwrap().eq_bytes(b"Log in"));
        assert!(e.uri().unwrap().eq_bytes(b"https://x"));
        assert_eq!(cb.code(), Err(Error::OauthServerError));
        let cb = parse(b"error=something_else").unwrap();
        let Outcome::Error(e) = cb.outcome() else {
            panic!()
        };
        assert_eq!(e.code(), ErrorCode::Other);
        for (query, want) in [
            (&b""[..], Error::OauthCallbackInvalid),
            (b"state=s", Error::OauthCallbackInvalid),
            (b"code=", Error::OauthCallbackInvalid),
            (b"error=", Error::OauthCallbackInvalid),
            (b"code=a&error=access_denied", Error::OauthCallbackInvalid),
            (b"code=a&code=a", Error::OauthDuplicateParameter),
            (b"code=a&state=1&state=1", Error::OauthDuplicateParameter),
            (b"code=a&cod%65=b", Error::OauthDuplicateParameter),
            (
                b"error=a&error_description=1&error_description=2",
                Error::OauthDuplicateParameter,
            ),
            (
                b"code=a&iss=https%3A%2F%2Fother",
                Error::OauthIssuerMismatch,
            ),
            (b"code=a&iss=", Error::OauthIssuerMismatch),
            (
                b"code=a&iss=https://as.example/",
                Error::OauthIssuerMismatch,
            ),
        ] {
            assert_eq!(parse(query).err(), Some(want), "{query:?}");
        }
        let required = CallbackCheck::new(ISSUER).iss_required(true);
        assert_eq!(
            Callback::parse(b"code=a", &required).err(),
            Some(Error::OauthIssuerMismatch)
        );
        assert!(Callback::parse(b"code=a&iss=https://as.example", &required).is_ok());
        let any = CallbackCheck::without_issuer();
        assert!(Callback::parse(b"code=a&iss=https://other", &any).is_ok());
        let few = CallbackCheck::new(ISSUER).max_pairs(2);
        assert!(Callback::parse(b"code=a&state=b", &few).is_ok());
        assert_eq!(
            Callback::parse(b"code=a&state=b&x", &few).err(),
            Some(Error::TooManyItems)
        );
    }

    #[test]
    fn verifies_the_state_it_carries() {
        let key = HmacKey::new(Algorithm::Sha256, b"a state key of thirty-two bytes.");
        let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
        let mut rng = |b: &mut [u8]| {
            b.fill(3);
            Ok(())
        };
        let mut buf = [0u8; state::MAX_STATE_LEN];
        let new = state::issue(&key, &mut rng, 100, 600, b"/p", &mut buf).unwrap();
        // As sent, and with a server that escaped every dot.
        let mut query = [0u8; 512];
        let mut len = 0;
        for part in [&b"code=c&state="[..], new.state().as_bytes()] {
            query[len..len + part.len()].copy_from_slice(part);
            len += part.len();
        }
        let mut escaped = [0u8; 512];
        let mut elen = 0;
        for &b in &query[..len] {
            if b == b'.' {
                escaped[elen..elen + 3].copy_from_slice(b"%2E");
                elen += 3;
            } else {
                escaped[elen] = b;
                elen += 1;
            }
        }
        for q in [&query[..len], &escaped[..elen]] {
            let cb = parse(q).unwrap();
            let mut out = [0u8; 8];
            let v = cb
                .verify_state(&ring, new.binding().as_bytes(), 110, 600, &mut out)
                .unwrap();
            assert_eq!(v.payload(), b"/p");
        }
        let cb = parse(b"code=c").unwrap();
        let mut out = [0u8; 8];
        assert_eq!(
            cb.verify_state(&ring, new.binding().as_bytes(), 110, 600, &mut out)
                .err(),
            Some(Error::OauthStateInvalid)
        );
    }
}
