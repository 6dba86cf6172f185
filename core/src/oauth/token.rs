//! Token requests (RFC 6749 sections 4.1.3, 6 and 4.4, RFC 8628 section
//! 3.4) and client authentication (RFC 6749 section 2.3, RFC 7523).
//!
//! A [`TokenRequest`] writes the `application/x-www-form-urlencoded` body
//! of a `POST` to the token endpoint; a [`ClientAuth`] adds the client's
//! credentials: in the body (`client_secret_post`, `private_key_jwt`,
//! `none`) or as an `Authorization: Basic` header (`client_secret_basic`,
//! [`ClientAuth::write_authorization`]).
//!
//! `client_secret_basic` form-urlencodes the client ID and secret before
//! joining them with `:` and encoding them in base64 (RFC 6749 section
//! 2.3.1), which many clients forget: a secret holding `:`, `%` or `+`
//! then fails at a conforming server.
//!
//! ```
//! use jeton::oauth::token::{ClientAuth, TokenRequest};
//!
//! // RFC 6749 section 4.1.3.
//! let auth = ClientAuth::SecretBasic { client_id: "s6BhdRkqt3", client_secret: "gX1fBat3bV" };
//! let mut header = [0u8; 64];
//! let n = auth.write_authorization(&mut header)?.unwrap();
//! assert_eq!(&header[..n], b"Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
//!
//! let request = TokenRequest::authorization_code(
//!     "SplxlOBeZQQYbYS6WxSbIA",
//!     "https://client.example.com/cb",
//!     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
//! );
//! let mut body = [0u8; 256];
//! let n = request.write_body(&auth, &mut body)?;
//! assert_eq!(
//!     &body[..n],
//!     &b"grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA\
//!        &redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb\
//!        &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"[..]
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use super::form::{self, FormWriter};
use super::params::{check_extra, check_non_empty, check_scope, check_uri};
use super::pkce::is_well_formed_verifier;
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::jwt::{self, Claims, Header, JwtKey};
use crate::out::Out;
use crate::session::Entropy;

/// The `client_assertion_type` of a JWT client assertion (RFC 7523
/// section 2.2).
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// The `grant_type` of the device flow (RFC 8628 section 3.4).
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// Seconds a client assertion from [`client_assertion`] is valid.
pub const ASSERTION_LIFETIME: i64 = 60;
/// Random bytes in a client assertion's `jti`: 32 (43 characters).
pub const ASSERTION_JTI_BYTES: usize = 32;

/// How the client authenticates to the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuth<'a> {
    /// `none`: a public client, which sends only its `client_id`.
    None {
        /// The client identifier.
        client_id: &'a str,
    },
    /// `client_secret_basic`: `Authorization: Basic` with the form-urlencoded
    /// ID and secret (RFC 6749 section 2.3.1).
    SecretBasic {
        /// The client identifier.
        client_id: &'a str,
        /// The client secret.
        client_secret: &'a str,
    },
    /// `client_secret_post`: `client_id` and `client_secret` in the body.
    SecretPost {
        /// The client identifier.
        client_id: &'a str,
        /// The client secret.
        client_secret: &'a str,
    },
    /// `private_key_jwt` (or `client_secret_jwt` when the assertion was
    /// signed with an HMAC key): a signed JWT ([`client_assertion`]) in
    /// the body (RFC 7523 section 2.2).
    Jwt {
        /// The client identifier.
        client_id: &'a str,
        /// The compact JWT.
        assertion: &'a str,
    },
}

impl<'a> ClientAuth<'a> {
    /// The client identifier.
    pub fn client_id(&self) -> &'a str {
        match *self {
            ClientAuth::None { client_id }
            | ClientAuth::SecretBasic { client_id, .. }
            | ClientAuth::SecretPost { client_id, .. }
            | ClientAuth::Jwt { client_id, .. } => client_id,
        }
    }

    /// The registered name of the method (`token_endpoint_auth_method`):
    /// `private_key_jwt` for [`ClientAuth::Jwt`] whatever key signed the
    /// assertion (say `client_secret_jwt` yourself for an HMAC key).
    pub fn method_name(&self) -> &'static str {
        match self {
            ClientAuth::None { .. } => "none",
            ClientAuth::SecretBasic { .. } => "client_secret_basic",
            ClientAuth::SecretPost { .. } => "client_secret_post",
            ClientAuth::Jwt { .. } => "private_key_jwt",
        }
    }

    pub(crate) fn check(&self) -> Result<(), Error> {
        check_non_empty(self.client_id())?;
        if let ClientAuth::Jwt { assertion, .. } = self {
            check_non_empty(assertion)?;
        }
        Ok(())
    }

    /// Writes the `Authorization` header value the method needs, if any:
    /// `Basic base64(form(client_id) ":" form(client_secret))` for
    /// `client_secret_basic`; `Ok(None)` and nothing written for the
    /// others.
    ///
    /// # Errors
    ///
    /// [`Error::OauthParameterInvalid`] for an empty client ID;
    /// [`Error::BufferTooSmall`].
    ///
    /// ```
    /// use jeton::oauth::token::ClientAuth;
    /// let auth = ClientAuth::SecretBasic { client_id: "my client", client_secret: "p:ss%+é" };
    /// let mut buf = [0u8; 64];
    /// let n = auth.write_authorization(&mut buf)?.unwrap();
    /// // base64 of "my+client:p%3Ass%25%2B%C3%A9"
    /// assert_eq!(&buf[..n], b"Basic bXkrY2xpZW50OnAlM0FzcyUyNSUyQiVDMyVBOQ==");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn write_authorization(&self, out: &mut [u8]) -> Result<Option<usize>, Error> {
        self.check()?;
        let ClientAuth::SecretBasic {
            client_id,
            client_secret,
        } = *self
        else {
            return Ok(None);
        };
        let mut w = Out::new(out);
        w.put(b"Basic ");
        let start = w.len();
        form::encode_into(client_id.as_bytes(), &mut w);
        w.push(b':');
        form::encode_into(client_secret.as_bytes(), &mut w);
        base64::encode_since(&mut w, start, Alphabet::Standard, Padding::Padded);
        w.finish().map(Some)
    }

    /// Writes the body parameters of the method: `client_id` (unless
    /// `with_client_id` is false or the method is `client_secret_basic`,
    /// where it is in the header), then `client_secret` or the assertion.
    pub(crate) fn write_params(&self, w: &mut FormWriter<'_>, with_client_id: bool) {
        let basic = matches!(self, ClientAuth::SecretBasic { .. });
        if with_client_id && !basic {
            w.pair(b"client_id", self.client_id().as_bytes());
        }
        match *self {
            ClientAuth::SecretPost { client_secret, .. } => {
                w.pair(b"client_secret", client_secret.as_bytes());
            }
            ClientAuth::Jwt { assertion, .. } => {
                w.pair(b"client_assertion_type", ASSERTION_TYPE.as_bytes());
                w.pair(b"client_assertion", assertion.as_bytes());
            }
            ClientAuth::None { .. } | ClientAuth::SecretBasic { .. } => {}
        }
    }

    /// The body parameters [`ClientAuth::write_params`] may write.
    pub(crate) const PARAMS: [&'static str; 4] = [
        "client_id",
        "client_secret",
        "client_assertion_type",
        "client_assertion",
    ];
}

/// Signs a client assertion (RFC 7523 section 3) with `key` into `out`:
/// `iss` and `sub` are `client_id`, `aud` is `audience`, `iat` is `now`,
/// `exp` is [`ASSERTION_LIFETIME`] later, and `jti` is
/// [`ASSERTION_JTI_BYTES`] of `entropy` in base64url; the header is
/// `alg` (from the key) and the key's `kid`, if it has one.
///
/// Use the authorization server's issuer identifier as `audience`: that
/// is what the revision of RFC 7523 in progress requires and what
/// oauth4webapi sends, and a token endpoint URL as audience let a
/// malicious server reuse an assertion made for it elsewhere (the 2025
/// audience-injection reports). Sign with an ES256 or EdDSA key for
/// `private_key_jwt`; an HMAC key made from the client secret gives
/// `client_secret_jwt`.
///
/// # Errors
///
/// [`Error::OauthParameterInvalid`] for an empty client ID or audience;
/// [`Error::JwtKeyInvalid`] for a key that cannot sign; what the entropy
/// source returns; [`Error::BufferTooSmall`] (entropy is drawn first).
///
/// # Example
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use jeton::asym::eddsa::Ed25519SigningKey;
/// use jeton::jwt::{self, JwtKey, KeySet, Validation};
/// use jeton::oauth::token::{self, ClientAuth, TokenRequest};
///
/// let signing = Ed25519SigningKey::from_seed(&[7; 32])?;
/// let public = signing.public_key();
/// let key = JwtKey::ed25519_signing(signing).with_kid("client-key-1")?;
/// let mut rng = |buf: &mut [u8]| { buf.fill(0x5A); Ok(()) };
/// let mut assertion = [0u8; 512];
/// let n = token::client_assertion(&key, "s6BhdRkqt3", "https://server.example.com",
///     1_700_000_000, &mut rng, &mut assertion)?;
///
/// // What the authorization server checks.
/// let keys: KeySet<1> = KeySet::with_key(JwtKey::ed25519(public))?;
/// let audience = ["https://server.example.com"];
/// let check = Validation::new(1_700_000_030).issuer("s6BhdRkqt3").audiences(&audience);
/// let mut payload = [0u8; 512];
/// let verified = jwt::verify(&assertion[..n], &keys, &check, &mut payload)?;
/// assert_eq!(verified.expires_at(), Some(1_700_000_060));
///
/// let auth = ClientAuth::Jwt {
///     client_id: "s6BhdRkqt3",
///     assertion: core::str::from_utf8(&assertion[..n]).unwrap(),
/// };
/// let mut body = [0u8; 1024];
/// let len = TokenRequest::client_credentials().write_body(&auth, &mut body)?;
/// assert!(body[..len].starts_with(b"grant_type=client_credentials&client_id=s6BhdRkqt3\
///     &client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
///     &client_assertion=ey"));
/// # }
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn client_assertion(
    key: &JwtKey,
    client_id: &str,
    audience: &str,
    now: i64,
    entropy: &mut impl Entropy,
    out: &mut [u8],
) -> Result<usize, Error> {
    check_non_empty(client_id)?;
    check_non_empty(audience)?;
    if !key.may_sign() {
        return Err(Error::JwtKeyInvalid);
    }
    let mut random = [0u8; ASSERTION_JTI_BYTES];
    entropy.fill(&mut random)?;
    let mut jti = [0u8; base64::encoded_len(ASSERTION_JTI_BYTES, Padding::Unpadded)];
    base64::encode(&random, Alphabet::UrlSafe, Padding::Unpadded, &mut jti)?;
    let jti = core::str::from_utf8(&jti).map_err(|_| Error::InvalidUtf8)?;
    let claims = Claims::<0>::with_capacity()
        .issuer(client_id)
        .subject(client_id)
        .audience(audience)
        .expires_at(now.saturating_add(ASSERTION_LIFETIME))
        .issued_at(now)
        .jwt_id(jti);
    let header = Header {
        typ: None,
        kid: None,
    };
    jwt::encode_with_header(key, &header, &claims, out)
}

/// The grant of a token request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grant<'a> {
    AuthorizationCode {
        code: &'a str,
        redirect_uri: &'a str,
        code_verifier: Option<&'a str>,
    },
    RefreshToken {
        refresh_token: &'a str,
    },
    ClientCredentials,
    DeviceCode {
        device_code: &'a str,
    },
}

/// The parameters a [`TokenRequest`] writes itself (extra ones may not
/// repeat them).
const RESERVED: [&str; 8] = [
    "grant_type",
    "code",
    "redirect_uri",
    "code_verifier",
    "refresh_token",
    "device_code",
    "scope",
    "resource",
];

/// A token request body, written by [`TokenRequest::write_body`] in this
/// order: `grant_type`, the grant's parameters, `scope`, each `resource`,
/// the extra parameters, then the client authentication's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRequest<'a> {
    grant: Grant<'a>,
    scope: &'a [&'a str],
    resource: &'a [&'a str],
    extra: &'a [(&'a str, &'a str)],
}

impl<'a> TokenRequest<'a> {
    fn of(grant: Grant<'a>) -> Self {
        TokenRequest {
            grant,
            scope: &[],
            resource: &[],
            extra: &[],
        }
    }

    /// Redeems an authorization code (RFC 6749 section 4.1.3) with the
    /// `redirect_uri` of the authorization request and the PKCE verifier
    /// (RFC 7636 section 4.5).
    pub fn authorization_code(
        code: &'a str,
        redirect_uri: &'a str,
        code_verifier: &'a str,
    ) -> Self {
        Self::of(Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier: Some(code_verifier),
        })
    }

    /// Redeems an authorization code obtained without PKCE, for a server
    /// that does not support it. Prefer [`TokenRequest::authorization_code`]:
    /// RFC 9700 section 2.1.1 asks every client to use PKCE.
    pub fn authorization_code_without_pkce(code: &'a str, redirect_uri: &'a str) -> Self {
        Self::of(Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier: None,
        })
    }

    /// Refreshes an access token (RFC 6749 section 6).
    pub fn refresh_token(refresh_token: &'a str) -> Self {
        Self::of(Grant::RefreshToken { refresh_token })
    }

    /// Asks for a token for the client itself (RFC 6749 section 4.4).
    pub fn client_credentials() -> Self {
        Self::of(Grant::ClientCredentials)
    }

    /// Polls for the token of a device authorization (RFC 8628 section
    /// 3.4).
    pub fn device_code(device_code: &'a str) -> Self {
        Self::of(Grant::DeviceCode { device_code })
    }

    /// The scope asked for (`refresh_token`: a subset of the original;
    /// `client_credentials`: the scope wanted).
    pub fn scope(mut self, scope: &'a [&'a str]) -> Self {
        self.scope = scope;
        self
    }

    /// The resources the token is for (RFC 8707), one `resource`
    /// parameter each.
    pub fn resource(mut self, resource: &'a [&'a str]) -> Self {
        self.resource = resource;
        self
    }

    /// Further parameters, written in order after the others.
    pub fn extra(mut self, extra: &'a [(&'a str, &'a str)]) -> Self {
        self.extra = extra;
        self
    }

    fn check(&self) -> Result<(), Error> {
        match self.grant {
            Grant::AuthorizationCode {
                code,
                redirect_uri,
                code_verifier,
            } => {
                check_non_empty(code)?;
                check_uri(redirect_uri)?;
                if let Some(verifier) = code_verifier
                    && !is_well_formed_verifier(verifier.as_bytes())
                {
                    return Err(Error::PkceVerifierInvalid);
                }
            }
            Grant::RefreshToken { refresh_token } => check_non_empty(refresh_token)?,
            Grant::DeviceCode { device_code } => check_non_empty(device_code)?,
            Grant::ClientCredentials => {}
        }
        check_scope(self.scope)?;
        for resource in self.resource {
            check_uri(resource)?;
        }
        check_extra(self.extra, &RESERVED)?;
        check_extra(self.extra, &ClientAuth::PARAMS)
    }

    /// Writes the body with the parameters of `auth` into `out`; returns
    /// its length. Send it as `Content-Type:
    /// application/x-www-form-urlencoded`, with the header of
    /// [`ClientAuth::write_authorization`] when there is one.
    ///
    /// # Errors
    ///
    /// [`Error::OauthParameterInvalid`] (an empty code, token, client ID
    /// or parameter name, a scope token outside RFC 6749's syntax, a
    /// `redirect_uri` or `resource` that is not an absolute URI without
    /// fragment), [`Error::PkceVerifierInvalid`],
    /// [`Error::OauthDuplicateParameter`] (an extra parameter named like
    /// one written here), [`Error::BufferTooSmall`].
    pub fn write_body(&self, auth: &ClientAuth<'_>, out: &mut [u8]) -> Result<usize, Error> {
        self.check()?;
        auth.check()?;
        let mut w = FormWriter::new(out);
        match self.grant {
            Grant::AuthorizationCode {
                code,
                redirect_uri,
                code_verifier,
            } => {
                w.pair(b"grant_type", b"authorization_code")
                    .pair(b"code", code.as_bytes())
                    .pair(b"redirect_uri", redirect_uri.as_bytes());
                if let Some(verifier) = code_verifier {
                    w.pair(b"code_verifier", verifier.as_bytes());
                }
            }
            Grant::RefreshToken { refresh_token } => {
                w.pair(b"grant_type", b"refresh_token")
                    .pair(b"refresh_token", refresh_token.as_bytes());
            }
            Grant::ClientCredentials => {
                w.pair(b"grant_type", b"client_credentials");
            }
            Grant::DeviceCode { device_code } => {
                w.pair(b"grant_type", DEVICE_CODE_GRANT.as_bytes())
                    .pair(b"device_code", device_code.as_bytes());
            }
        }
        write_common(&mut w, self.scope, self.resource, self.extra);
        auth.write_params(&mut w, true);
        w.finish()
    }
}

/// `scope`, each `resource`, then the extra parameters.
pub(crate) fn write_common(
    w: &mut FormWriter<'_>,
    scope: &[&str],
    resource: &[&str],
    extra: &[(&str, &str)],
) {
    if !scope.is_empty() {
        w.pair_list(b"scope", scope);
    }
    for r in resource {
        w.pair(b"resource", r.as_bytes());
    }
    for (name, value) in extra {
        w.pair(name.as_bytes(), value.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(
        request: &TokenRequest<'_>,
        auth: &ClientAuth<'_>,
    ) -> Result<([u8; 512], usize), Error> {
        let mut buf = [0u8; 512];
        let n = request.write_body(auth, &mut buf)?;
        Ok((buf, n))
    }

    #[test]
    fn every_grant_and_method() {
        let none = ClientAuth::None { client_id: "app" };
        let post = ClientAuth::SecretPost {
            client_id: "app",
            client_secret: "s e",
        };
        let basic = ClientAuth::SecretBasic {
            client_id: "app",
            client_secret: "s",
        };
        let jwt = ClientAuth::Jwt {
            client_id: "app",
            assertion: "a.b.c",
        };
        let cases: [(TokenRequest<'_>, &ClientAuth<'_>, &[u8]); 6] = [
            (
                TokenRequest::refresh_token("tGzv3JOkF0XG5Qx2TlKWIA").scope(&["read", "write"]),
                &none,
                b"grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=read+write&client_id=app",
            ),
            (
                TokenRequest::client_credentials().resource(&["https://api.example/a", "urn:x"]),
                &post,
                b"grant_type=client_credentials&resource=https%3A%2F%2Fapi.example%2Fa&resource=urn%3Ax&client_id=app&client_secret=s+e",
            ),
            (
                TokenRequest::device_code("GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS"),
                &basic,
                b"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS",
            ),
            (
                TokenRequest::authorization_code_without_pkce("c", "https://app/cb").extra(&[("x", "1")]),
                &jwt,
                b"grant_type=authorization_code&code=c&redirect_uri=https%3A%2F%2Fapp%2Fcb&x=1&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=a.b.c",
            ),
            (
                TokenRequest::client_credentials(),
                &basic,
                b"grant_type=client_credentials",
            ),
            (
                TokenRequest::refresh_token("r"),
                &post,
                b"grant_type=refresh_token&refresh_token=r&client_id=app&client_secret=s+e",
            ),
        ];
        for (request, auth, want) in cases {
            let (buf, n) = body(&request, auth).unwrap();
            assert_eq!(
                core::str::from_utf8(&buf[..n]).unwrap(),
                core::str::from_utf8(want).unwrap()
            );
        }
        assert_eq!(none.write_authorization(&mut [0u8; 0]), Ok(None));
        assert_eq!(none.method_name(), "none");
        assert_eq!(jwt.method_name(), "private_key_jwt");
    }

    #[test]
    fn refusals() {
        let none = ClientAuth::None { client_id: "app" };
        let v = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        for (request, want) in [
            (
                TokenRequest::authorization_code("", "https://a/cb", v),
                Error::OauthParameterInvalid,
            ),
            (
                TokenRequest::authorization_code("c", "/cb", v),
                Error::OauthParameterInvalid,
            ),
            (
                TokenRequest::authorization_code("c", "https://a/cb#x", v),
                Error::OauthParameterInvalid,
            ),
            (
                TokenRequest::authorization_code("c", "https://a/cb", "short"),
                Error::PkceVerifierInvalid,
            ),
            (
                TokenRequest::refresh_token(""),
                Error::OauthParameterInvalid,
            ),
            (TokenRequest::device_code(""), Error::OauthParameterInvalid),
            (
                TokenRequest::client_credentials().scope(&["a b"]),
                Error::OauthParameterInvalid,
            ),
            (
                TokenRequest::client_credentials().resource(&["api"]),
                Error::OauthParameterInvalid,
            ),
            (
                TokenRequest::client_credentials().extra(&[("scope", "x")]),
                Error::OauthDuplicateParameter,
            ),
            (
                TokenRequest::client_credentials().extra(&[("client_secret", "x")]),
                Error::OauthDuplicateParameter,
            ),
        ] {
            assert_eq!(body(&request, &none).err(), Some(want), "{request:?}");
        }
        let empty = ClientAuth::SecretBasic {
            client_id: "",
            client_secret: "s",
        };
        assert_eq!(
            body(&TokenRequest::client_credentials(), &empty).err(),
            Some(Error::OauthParameterInvalid)
        );
        assert_eq!(
            empty.write_authorization(&mut [0u8; 64]),
            Err(Error::OauthParameterInvalid)
        );
        let mut small = [0u8; 10];
        assert_eq!(
            TokenRequest::client_credentials().write_body(&none, &mut small),
            Err(Error::BufferTooSmall { needed: 43 })
        );
        assert_eq!(small, [0u8; 10]);
    }
}
