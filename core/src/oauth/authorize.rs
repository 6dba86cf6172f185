//! The authorization request (RFC 6749 section 4.1.1, OpenID Connect Core
//! 3.1.2.1): the URL the browser is sent to, or the body of a pushed
//! authorization request (RFC 9126) with the same parameters.
//!
//! Parameters are written in this order: `response_type=code`,
//! `client_id`, `redirect_uri`, `scope`, `state`, `nonce`,
//! `code_challenge`, `code_challenge_method`, `prompt`, `login_hint`,
//! `max_age`, each `resource` (RFC 8707), then the extra ones.
//!
//! ```
//! use jeton::oauth::authorize::AuthorizationRequest;
//!
//! // RFC 6749 section 4.1.1, with PKCE (RFC 7636 appendix B).
//! let request = AuthorizationRequest::new("s6BhdRkqt3", "https://client.example.com/cb")
//!     .state("xyz")
//!     .code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
//! let mut url = [0u8; 256];
//! let n = request.write_url(b"https://server.example.com/authorize", &mut url)?;
//! assert_eq!(
//!     &url[..n],
//!     &b"https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3\
//!        &redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&state=xyz\
//!        &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"[..]
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use super::form::FormWriter;
use super::params::{check_extra, check_non_empty, check_scope, check_uri};
use super::pkce::{Method, is_well_formed_s256_challenge, is_well_formed_verifier};
use super::response::{object, required_str, seconds};
use super::token::{ClientAuth, write_common};
use super::url;
use crate::Error;
use crate::json::JsonStr;

/// The parameters an [`AuthorizationRequest`] writes itself.
const RESERVED: [&str; 12] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "login_hint",
    "max_age",
    "resource",
];

/// An authorization request with `response_type=code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthorizationRequest<'a> {
    client_id: &'a str,
    redirect_uri: &'a str,
    scope: &'a [&'a str],
    state: Option<&'a str>,
    nonce: Option<&'a str>,
    challenge: Option<(&'a str, Method)>,
    prompt: Option<&'a str>,
    login_hint: Option<&'a str>,
    max_age: Option<u64>,
    resource: &'a [&'a str],
    extra: &'a [(&'a str, &'a str)],
}

impl<'a> AuthorizationRequest<'a> {
    /// A request for `client_id`, answered at `redirect_uri` (OpenID
    /// Connect requires it; OAuth 2.0 when the client registered several,
    /// and RFC 9700 recommends sending it always).
    pub fn new(client_id: &'a str, redirect_uri: &'a str) -> Self {
        AuthorizationRequest {
            client_id,
            redirect_uri,
            scope: &[],
            state: None,
            nonce: None,
            challenge: None,
            prompt: None,
            login_hint: None,
            max_age: None,
            resource: &[],
            extra: &[],
        }
    }

    /// The scope, one token per item, joined by spaces (`openid` for an
    /// OpenID Connect request).
    pub fn scope(mut self, scope: &'a [&'a str]) -> Self {
        self.scope = scope;
        self
    }

    /// The `state` that comes back with the callback
    /// ([`crate::oauth::state`] makes one that needs no storage).
    pub fn state(mut self, state: &'a str) -> Self {
        self.state = Some(state);
        self
    }

    /// The OpenID Connect `nonce` the ID token must carry back.
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// The PKCE `code_challenge`, with `code_challenge_method=S256`.
    pub fn code_challenge(mut self, challenge: &'a str) -> Self {
        self.challenge = Some((challenge, Method::S256));
        self
    }

    /// The PKCE verifier itself as the challenge, with
    /// `code_challenge_method=plain`: only for a server that cannot do
    /// `S256`, which RFC 7636 section 4.2 allows only then. It gives no
    /// protection when the authorization request is seen.
    pub fn code_challenge_plain(mut self, verifier: &'a str) -> Self {
        self.challenge = Some((verifier, Method::Plain));
        self
    }

    /// `prompt` (OpenID Connect: `none`, `login`, `consent`,
    /// `select_account`, space-separated).
    pub fn prompt(mut self, prompt: &'a str) -> Self {
        self.prompt = Some(prompt);
        self
    }

    /// `login_hint`: the user's identifier, when the client knows it.
    pub fn login_hint(mut self, hint: &'a str) -> Self {
        self.login_hint = Some(hint);
        self
    }

    /// `max_age`: the longest time, in seconds, since the user last
    /// authenticated (the ID token then carries `auth_time`).
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// The resources the token is for (RFC 8707), one `resource`
    /// parameter each: absolute URIs without fragment.
    pub fn resource(mut self, resource: &'a [&'a str]) -> Self {
        self.resource = resource;
        self
    }

    /// Further parameters (`response_mode`, `ui_locales`, `acr_values`,
    /// ...), written in order after the others; none may be named like
    /// one this builder writes.
    pub fn extra(mut self, extra: &'a [(&'a str, &'a str)]) -> Self {
        self.extra = extra;
        self
    }

    fn check(&self) -> Result<(), Error> {
        check_non_empty(self.client_id)?;
        check_uri(self.redirect_uri)?;
        check_scope(self.scope)?;
        for value in [self.state, self.nonce, self.prompt, self.login_hint]
            .into_iter()
            .flatten()
        {
            check_non_empty(value)?;
        }
        match self.challenge {
            Some((challenge, Method::S256))
                if !is_well_formed_s256_challenge(challenge.as_bytes()) =>
            {
                return Err(Error::OauthParameterInvalid);
            }
            Some((verifier, Method::Plain)) if !is_well_formed_verifier(verifier.as_bytes()) => {
                return Err(Error::PkceVerifierInvalid);
            }
            _ => {}
        }
        for resource in self.resource {
            check_uri(resource)?;
        }
        check_extra(self.extra, &RESERVED)
    }

    fn write_params(&self, w: &mut FormWriter<'_>) {
        w.pair(b"response_type", b"code")
            .pair(b"client_id", self.client_id.as_bytes())
            .pair(b"redirect_uri", self.redirect_uri.as_bytes());
        if !self.scope.is_empty() {
            w.pair_list(b"scope", self.scope);
        }
        for (name, value) in [(&b"state"[..], self.state), (b"nonce", self.nonce)] {
            if let Some(value) = value {
                w.pair(name, value.as_bytes());
            }
        }
        if let Some((challenge, method)) = self.challenge {
            w.pair(b"code_challenge", challenge.as_bytes())
                .pair(b"code_challenge_method", method.name().as_bytes());
        }
        for (name, value) in [
            (&b"prompt"[..], self.prompt),
            (b"login_hint", self.login_hint),
        ] {
            if let Some(value) = value {
                w.pair(name, value.as_bytes());
            }
        }
        if let Some(max_age) = self.max_age {
            w.pair_u64(b"max_age", max_age);
        }
        write_common(w, &[], self.resource, self.extra);
    }

    /// Writes the authorization URL: `endpoint` (its own query kept, see
    /// [`crate::oauth::url`]) with the parameters appended; returns its
    /// length.
    ///
    /// # Errors
    ///
    /// [`Error::OauthEndpointInvalid`] (a fragment, not a URL);
    /// [`Error::OauthParameterInvalid`] (an empty client ID, state, nonce,
    /// prompt, login hint or parameter name, a scope token outside RFC
    /// 6749's syntax, a `redirect_uri` or `resource` that is not an
    /// absolute URI without fragment, an `S256` challenge that is not 43
    /// base64url characters); [`Error::PkceVerifierInvalid`] (a `plain`
    /// challenge that is no verifier); [`Error::OauthDuplicateParameter`];
    /// [`Error::BufferTooSmall`].
    pub fn write_url(&self, endpoint: &[u8], out: &mut [u8]) -> Result<usize, Error> {
        self.check()?;
        let mut w = url::with_query(endpoint, out)?;
        self.write_params(&mut w);
        w.finish()
    }

    /// Writes the body of a pushed authorization request (RFC 9126 section
    /// 2.1): the same parameters, then the client authentication's (its
    /// `Authorization` header, for `client_secret_basic`, comes from
    /// [`ClientAuth::write_authorization`]).
    ///
    /// # Errors
    ///
    /// As [`AuthorizationRequest::write_url`] but for the endpoint, and
    /// [`Error::OauthParameterInvalid`] when `auth` is for another client.
    pub fn write_par_body(&self, auth: &ClientAuth<'_>, out: &mut [u8]) -> Result<usize, Error> {
        self.check()?;
        auth.check()?;
        if auth.client_id() != self.client_id {
            return Err(Error::OauthParameterInvalid);
        }
        check_extra(self.extra, &ClientAuth::PARAMS)?;
        let mut w = FormWriter::new(out);
        self.write_params(&mut w);
        auth.write_params(&mut w, false);
        w.finish()
    }
}

/// Writes the authorization URL after a pushed authorization request
/// (RFC 9126 section 4): `endpoint?client_id=...&request_uri=...`.
///
/// # Errors
///
/// [`Error::OauthEndpointInvalid`]; [`Error::OauthParameterInvalid`] for
/// an empty client ID or request URI; [`Error::BufferTooSmall`].
///
/// ```
/// let mut url = [0u8; 160];
/// let n = jeton::oauth::authorize::write_par_url(
///     b"https://as.example.com/authorize",
///     "CLIENT1234",
///     "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
///     &mut url,
/// )?;
/// assert_eq!(
///     &url[..n],
///     &b"https://as.example.com/authorize?client_id=CLIENT1234\
///        &request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c"[..]
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn write_par_url(
    endpoint: &[u8],
    client_id: &str,
    request_uri: &str,
    out: &mut [u8],
) -> Result<usize, Error> {
    check_non_empty(client_id)?;
    check_non_empty(request_uri)?;
    let mut w = url::with_query(endpoint, out)?;
    w.pair(b"client_id", client_id.as_bytes())
        .pair(b"request_uri", request_uri.as_bytes());
    w.finish()
}

/// A pushed authorization response (RFC 9126 section 2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParResponse<'a> {
    request_uri: JsonStr<'a>,
    expires_in: u64,
}

impl<'a> ParResponse<'a> {
    /// Reads the response: `request_uri` a non-empty string, `expires_in`
    /// a non-negative number of seconds (or a string holding one).
    ///
    /// # Errors
    ///
    /// The JSON errors; [`Error::OauthServerError`] for an error response
    /// (read it with [`crate::oauth::response::ErrorResponse::parse`]);
    /// [`Error::OauthResponseInvalid`].
    ///
    /// ```
    /// use jeton::oauth::authorize::ParResponse;
    /// // RFC 9126 section 2.2.
    /// let par = ParResponse::parse(br#"{
    ///   "request_uri": "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c",
    ///   "expires_in": 60
    /// }"#)?;
    /// assert_eq!(par.expires_in(), 60);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn parse(body: &'a [u8]) -> Result<ParResponse<'a>, Error> {
        let object = object(body)?;
        if let Some(code) = object.get("error").and_then(|e| e.as_str())
            && !code.raw().is_empty()
        {
            return Err(Error::OauthServerError);
        }
        let request_uri = required_str(object.get("request_uri"))?;
        let expires_in = seconds(
            object
                .get("expires_in")
                .ok_or(Error::OauthResponseInvalid)?,
            false,
        )?;
        Ok(ParResponse {
            request_uri,
            expires_in,
        })
    }

    /// The `request_uri` to send the browser with ([`write_par_url`]).
    pub fn request_uri(&self) -> JsonStr<'a> {
        self.request_uri
    }

    /// Seconds the `request_uri` stays valid.
    pub fn expires_in(&self) -> u64 {
        self.expires_in
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn url_of(request: &AuthorizationRequest<'_>) -> Result<([u8; 1024], usize), Error> {
        let mut buf = [0u8; 1024];
        let n = request.write_url(b"https://as.example/authorize?tenant=1", &mut buf)?;
        Ok((buf, n))
    }

    #[test]
    fn every_parameter_in_order() {
        let request = AuthorizationRequest::new("app", "https://app.example/cb")
            .scope(&["openid", "email"])
            .state("st")
            .nonce("no")
            .code_challenge(CHALLENGE)
            .prompt("login consent")
            .login_hint("jdoe@example.com")
            .max_age(0)
            .resource(&["https://api.example/", "https://other.example/x?y=z"])
            .extra(&[("response_mode", "form_post"), ("ui_locales", "fr en")]);
        let (buf, n) = url_of(&request).unwrap();
        assert_eq!(
            core::str::from_utf8(&buf[..n]).unwrap(),
            "https://as.example/authorize?tenant=1&response_type=code&client_id=app\
             &redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid+email&state=st&nonce=no\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\
             &prompt=login+consent&login_hint=jdoe%40example.com&max_age=0\
             &resource=https%3A%2F%2Fapi.example%2F&resource=https%3A%2F%2Fother.example%2Fx%3Fy%3Dz\
             &response_mode=form_post&ui_locales=fr+en"
        );
        let plain = AuthorizationRequest::new("app", "https://app.example/cb")
            .code_challenge_plain("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        let (buf, n) = url_of(&plain).unwrap();
        assert!(buf[..n].ends_with(b"&code_challenge_method=plain"));
    }

    #[test]
    fn par_body_and_refusals() {
        let request = AuthorizationRequest::new("app", "com.example.app:/cb").scope(&["openid"]);
        let auth = ClientAuth::SecretPost {
            client_id: "app",
            client_secret: "s",
        };
        let mut buf = [0u8; 256];
        let n = request.write_par_body(&auth, &mut buf).unwrap();
        assert_eq!(
            &buf[..n],
            &b"response_type=code&client_id=app&redirect_uri=com.example.app%3A%2Fcb&scope=openid&client_secret=s"[..]
        );
        let other = ClientAuth::None { client_id: "other" };
        assert_eq!(
            request.write_par_body(&other, &mut buf),
            Err(Error::OauthParameterInvalid)
        );
        let sneaky = request.extra(&[("client_secret", "x")]);
        assert_eq!(
            sneaky.write_par_body(&auth, &mut buf),
            Err(Error::OauthDuplicateParameter)
        );

        let base = AuthorizationRequest::new("app", "https://app/cb");
        for (request, want) in [
            (
                AuthorizationRequest::new("", "https://app/cb"),
                Error::OauthParameterInvalid,
            ),
            (
                AuthorizationRequest::new("app", "https://app/cb#f"),
                Error::OauthParameterInvalid,
            ),
            (base.state(""), Error::OauthParameterInvalid),
            (base.nonce(""), Error::OauthParameterInvalid),
            (base.scope(&["open id"]), Error::OauthParameterInvalid),
            (base.code_challenge("abc"), Error::OauthParameterInvalid),
            (base.code_challenge_plain("abc"), Error::PkceVerifierInvalid),
            (base.resource(&["api"]), Error::OauthParameterInvalid),
            (
                base.extra(&[("state", "x")]),
                Error::OauthDuplicateParameter,
            ),
            (base.extra(&[("", "x")]), Error::OauthParameterInvalid),
        ] {
            assert_eq!(url_of(&request).err(), Some(want), "{request:?}");
        }
        let mut small = [0u8; 4];
        assert_eq!(
            base.write_url(b"https://as/a", &mut small),
            Err(Error::BufferTooSmall { needed: 81 })
        );
        assert_eq!(
            base.write_url(b"https://as/a#", &mut buf),
            Err(Error::OauthEndpointInvalid)
        );
    }

    #[test]
    fn par_responses() {
        assert_eq!(
            ParResponse::parse(br#"{"request_uri":"urn:x","expires_in":"90"}"#)
                .map(|p| p.expires_in()),
            Ok(90)
        );
        for (body, want) in [
            (
                &br#"{"request_uri":"urn:x"}"#[..],
                Error::OauthResponseInvalid,
            ),
            (
                br#"{"request_uri":"","expires_in":1}"#,
                Error::OauthResponseInvalid,
            ),
            (br#"{"expires_in":1}"#, Error::OauthResponseInvalid),
            (br#"{"error":"invalid_request"}"#, Error::OauthServerError),
        ] {
            assert_eq!(ParResponse::parse(body).err(), Some(want));
        }
    }
}
