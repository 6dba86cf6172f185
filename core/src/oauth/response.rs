//! The token endpoint's answers (RFC 6749 section 5): a successful token
//! response ([`TokenResponse`], section 5.1) or an error response
//! ([`ErrorResponse`], section 5.2), read as zero-copy views of the
//! caller's JSON body.
//!
//! The body decides, not the HTTP status: some servers answer 200 with an
//! error object, so [`TokenResponse::parse`] looks for `error` first and
//! refuses the body with [`Error::OauthServerError`] (or
//! [`Error::OauthAccessDenied`], [`Error::OauthDeviceCodeExpired`] for
//! those two codes), and [`ErrorResponse::parse`] then reads its details.
//!
//! ```
//! use jeton::oauth::response::{ErrorCode, ErrorResponse, TokenResponse, TokenType};
//!
//! // RFC 6749 section 5.1.
//! let body = br#"{
//!   "access_token":"2YotnFZFEjr1zCsicMWpAA",
//!   "token_type":"example",
//!   "expires_in":3600,
//!   "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
//!   "example_parameter":"example_value"
//! }"#;
//! // "example" is no token type a client can use.
//! assert_eq!(TokenResponse::parse(body).err(), Some(jeton::Error::OauthTokenTypeUnsupported));
//!
//! let body = br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"bearer","expires_in":"3600"}"#;
//! let token = TokenResponse::parse(body)?;
//! assert_eq!(token.access_token().as_plain(), Some("2YotnFZFEjr1zCsicMWpAA"));
//! assert_eq!(token.token_type(), TokenType::Bearer);
//! assert_eq!(token.expires_at(1_700_000_000), Some(1_700_003_600));
//!
//! // RFC 6749 section 5.2.
//! let body = br#"{"error":"invalid_request"}"#;
//! assert_eq!(TokenResponse::parse(body).err(), Some(jeton::Error::OauthServerError));
//! assert_eq!(ErrorResponse::parse(body)?.code(), ErrorCode::InvalidRequest);
//! # Ok::<(), jeton::Error>(())
//! ```

use crate::Error;
use crate::json::{self, JsonStr, Kind, Limits, Value};

/// How a JSON body is read: strict JSON, no member twice in any object
/// (which of two `access_token`s counts is ambiguous, so neither does).
const LIMITS: Limits = Limits {
    unique_members: true,
    ..Limits::DEFAULT
};

/// Reads `body` as a JSON object.
pub(crate) fn object(body: &[u8]) -> Result<Value<'_>, Error> {
    let doc = json::parse_with(body, &LIMITS)?;
    if doc.kind() != Kind::Object {
        return Err(Error::OauthResponseInvalid);
    }
    Ok(doc)
}

/// A required non-empty string member.
pub(crate) fn required_str(value: Option<Value<'_>>) -> Result<JsonStr<'_>, Error> {
    optional_str(value)?.ok_or(Error::OauthResponseInvalid)
}

/// An optional non-empty string member: absent is `None`, any other type
/// (`null` included) or an empty string is refused.
pub(crate) fn optional_str(value: Option<Value<'_>>) -> Result<Option<JsonStr<'_>>, Error> {
    match value {
        None => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) if !s.raw().is_empty() => Ok(Some(s)),
            _ => Err(Error::OauthResponseInvalid),
        },
    }
}

/// A duration in seconds: a non-negative JSON number, or a string holding
/// one (as some servers send `"3600"`), in the grammar `digits [ "."
/// digits ]` (no sign, no exponent). A fraction rounds down, or up when
/// `round_up` (a polling interval is never shortened).
pub(crate) fn seconds(value: Value<'_>, round_up: bool) -> Result<u64, Error> {
    let mut text = [0u8; 24];
    let raw: &[u8] = match value.kind() {
        Kind::Number => value.raw(),
        Kind::String => {
            let s = value.as_str().ok_or(Error::OauthResponseInvalid)?;
            let n = s
                .unescape_into(&mut text)
                .map_err(|_| Error::OauthResponseInvalid)?;
            text.get(..n).ok_or(Error::OauthResponseInvalid)?
        }
        _ => return Err(Error::OauthResponseInvalid),
    };
    let (int, frac) = match raw.iter().position(|&b| b == b'.') {
        Some(at) => {
            let (int, dot_frac) = raw.split_at(at);
            (int, dot_frac.get(1..).unwrap_or(&[]))
        }
        None => (raw, &[][..]),
    };
    let digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    if !digits(int) || (raw.len() != int.len() && !digits(frac)) {
        return Err(Error::OauthResponseInvalid);
    }
    let mut value: u64 = 0;
    for &d in int {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .ok_or(Error::OauthResponseInvalid)?;
    }
    if round_up && frac.iter().any(|&d| d != b'0') {
        value = value.checked_add(1).ok_or(Error::OauthResponseInvalid)?;
    }
    Ok(value)
}

/// Whether the space-separated list `list` holds `token`.
pub(crate) fn list_contains(list: impl Iterator<Item = u8>, token: &[u8]) -> bool {
    let mut at = 0usize;
    let mut matching = true;
    for b in list {
        if b == b' ' {
            if matching && at == token.len() && at > 0 {
                return true;
            }
            at = 0;
            matching = true;
        } else {
            matching = matching && token.get(at) == Some(&b);
            at = at.saturating_add(1);
        }
    }
    matching && at == token.len() && at > 0
}

/// The `token_type` of an access token (RFC 6749 section 7.1), compared
/// without regard to case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenType {
    /// `Bearer` (RFC 6750): sent as `Authorization: Bearer <token>`.
    Bearer,
    /// `DPoP` (RFC 9449): bound to a key; every request carries a proof.
    Dpop,
}

/// A successful token response (RFC 6749 section 5.1): the members a
/// client uses, and the whole object for any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenResponse<'a> {
    object: Value<'a>,
    access_token: JsonStr<'a>,
    token_type: TokenType,
    expires_in: Option<u64>,
    refresh_token: Option<JsonStr<'a>>,
    scope: Option<JsonStr<'a>>,
    id_token: Option<JsonStr<'a>>,
}

impl<'a> TokenResponse<'a> {
    /// Reads a token endpoint's JSON body.
    ///
    /// A body with an `error` string member is an error response whatever
    /// else it holds. Otherwise: `access_token` and `token_type` are
    /// required non-empty strings; `expires_in`, when present, is a
    /// non-negative number of seconds (a fraction rounds down) or a string
    /// holding one; `refresh_token` and `id_token`, when present, are
    /// non-empty strings, `scope` a string; `null` is not absent but of
    /// the wrong type; other members are ignored. `token_type` is checked
    /// last: `Bearer` or `DPoP`, in any case.
    ///
    /// # Errors
    ///
    /// - the JSON errors ([`Error::JsonSyntax`], ...,
    ///   [`Error::JsonDuplicateMember`] for a member given twice);
    /// - [`Error::OauthServerError`], [`Error::OauthAccessDenied`],
    ///   [`Error::OauthDeviceCodeExpired`]: an error response
    ///   ([`ErrorResponse::parse`] reads it);
    /// - [`Error::OauthResponseInvalid`]: not an object, a required member
    ///   missing, a member of the wrong type or out of range;
    /// - [`Error::OauthTokenTypeUnsupported`].
    pub fn parse(body: &'a [u8]) -> Result<TokenResponse<'a>, Error> {
        let object = object(body)?;
        let mut members = Members::default();
        for (name, value) in object.members() {
            members.note(name, value);
        }
        if let Some(error) = members.error
            && let Some(code) = error.as_str()
            && !code.raw().is_empty()
        {
            return Err(ErrorCode::of(&code).error());
        }
        let access_token = required_str(members.access_token)?;
        let token_type = required_str(members.token_type)?;
        let expires_in = members.expires_in.map(|v| seconds(v, false)).transpose()?;
        let refresh_token = optional_str(members.refresh_token)?;
        let scope = match members.scope {
            None => None,
            Some(v) => Some(v.as_str().ok_or(Error::OauthResponseInvalid)?),
        };
        let id_token = optional_str(members.id_token)?;
        let token_type = if token_type.eq_ignore_ascii_case(b"bearer") {
            TokenType::Bearer
        } else if token_type.eq_ignore_ascii_case(b"dpop") {
            TokenType::Dpop
        } else {
            return Err(Error::OauthTokenTypeUnsupported);
        };
        Ok(TokenResponse {
            object,
            access_token,
            token_type,
            expires_in,
            refresh_token,
            scope,
            id_token,
        })
    }

    /// The access token (as in the JSON: [`JsonStr::as_plain`] or
    /// [`JsonStr::unescape_into`] give its text).
    pub fn access_token(&self) -> JsonStr<'a> {
        self.access_token
    }

    /// The token type.
    pub fn token_type(&self) -> TokenType {
        self.token_type
    }

    /// Seconds the access token lives, when the server said.
    pub fn expires_in(&self) -> Option<u64> {
        self.expires_in
    }

    /// When the access token expires, for a response received at `now`.
    pub fn expires_at(&self, now: i64) -> Option<i64> {
        self.expires_in
            .map(|s| now.saturating_add(i64::try_from(s).unwrap_or(i64::MAX)))
    }

    /// The refresh token, when one was issued.
    pub fn refresh_token(&self) -> Option<JsonStr<'a>> {
        self.refresh_token
    }

    /// The granted scope, when the server said (RFC 6749 section 5.1: it
    /// must when it differs from the scope requested).
    pub fn scope(&self) -> Option<JsonStr<'a>> {
        self.scope
    }

    /// Whether the granted scope lists `token`. `None` when the response
    /// has no `scope` (then the scope requested was granted).
    pub fn has_scope(&self, token: &[u8]) -> Option<bool> {
        self.scope.map(|s| list_contains(s.bytes(), token))
    }

    /// The OpenID Connect ID token, when one was issued (validate it with
    /// the ID token checks before trusting anything in it).
    pub fn id_token(&self) -> Option<JsonStr<'a>> {
        self.id_token
    }

    /// The whole response object, for members this view does not read.
    pub fn object(&self) -> Value<'a> {
        self.object
    }
}

/// The members of a token or error response, noted in one pass.
#[derive(Default)]
struct Members<'a> {
    access_token: Option<Value<'a>>,
    token_type: Option<Value<'a>>,
    expires_in: Option<Value<'a>>,
    refresh_token: Option<Value<'a>>,
    scope: Option<Value<'a>>,
    id_token: Option<Value<'a>>,
    error: Option<Value<'a>>,
}

impl<'a> Members<'a> {
    fn note(&mut self, name: JsonStr<'a>, value: Value<'a>) {
        let slot = [
            (&b"access_token"[..], &mut self.access_token),
            (b"token_type", &mut self.token_type),
            (b"expires_in", &mut self.expires_in),
            (b"refresh_token", &mut self.refresh_token),
            (b"scope", &mut self.scope),
            (b"id_token", &mut self.id_token),
            (b"error", &mut self.error),
        ]
        .into_iter()
        .find(|(n, _)| name.eq_bytes(n));
        if let Some((_, slot)) = slot {
            *slot = Some(value);
        }
    }
}

/// An OAuth error response (RFC 6749 section 5.2, also the device flow's
/// and the authorization endpoint's errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorResponse<'a> {
    code: ErrorCode,
    error: JsonStr<'a>,
    description: Option<JsonStr<'a>>,
    uri: Option<JsonStr<'a>>,
}

impl<'a> ErrorResponse<'a> {
    /// Reads an error response: a JSON object whose `error` is a non-empty
    /// string. `error_description` and `error_uri` are read when they are
    /// strings and left out otherwise (they only inform).
    ///
    /// # Errors
    ///
    /// The JSON errors; [`Error::OauthResponseInvalid`] when the body is
    /// not an object with an `error` string.
    pub fn parse(body: &'a [u8]) -> Result<ErrorResponse<'a>, Error> {
        let object = object(body)?;
        let error = required_str(object.get("error"))?;
        let text = |name: &str| object.get(name).and_then(|v| v.as_str());
        Ok(ErrorResponse {
            code: ErrorCode::of(&error),
            error,
            description: text("error_description"),
            uri: text("error_uri"),
        })
    }

    /// The error code, when it is a registered one.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The `error` member as sent.
    pub fn error(&self) -> JsonStr<'a> {
        self.error
    }

    /// `error_description`: text for the developer, not the user.
    pub fn description(&self) -> Option<JsonStr<'a>> {
        self.description
    }

    /// `error_uri`: a page about the error.
    pub fn uri(&self) -> Option<JsonStr<'a>> {
        self.uri
    }
}

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $name:ident = $text:literal,)*) => {
        /// The registered OAuth error codes: RFC 6749 sections 4.1.2.1 and
        /// 5.2, RFC 8628 section 3.5, RFC 8707, RFC 9449, RFC 9101 and
        /// OpenID Connect Core 3.1.2.6.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $name,)*
            /// A code not in this list.
            Other,
        }

        impl ErrorCode {
            const ALL: &'static [(ErrorCode, &'static [u8])] = &[$((ErrorCode::$name, $text),)*];
        }
    };
}

error_codes! {
    /// `invalid_request`
    InvalidRequest = b"invalid_request",
    /// `invalid_client`
    InvalidClient = b"invalid_client",
    /// `invalid_grant`
    InvalidGrant = b"invalid_grant",
    /// `unauthorized_client`
    UnauthorizedClient = b"unauthorized_client",
    /// `unsupported_grant_type`
    UnsupportedGrantType = b"unsupported_grant_type",
    /// `invalid_scope`
    InvalidScope = b"invalid_scope",
    /// `access_denied`
    AccessDenied = b"access_denied",
    /// `unsupported_response_type`
    UnsupportedResponseType = b"unsupported_response_type",
    /// `server_error`
    ServerError = b"server_error",
    /// `temporarily_unavailable`
    TemporarilyUnavailable = b"temporarily_unavailable",
    /// `authorization_pending` (device flow: poll again later)
    AuthorizationPending = b"authorization_pending",
    /// `slow_down` (device flow: poll again, 5 seconds further apart)
    SlowDown = b"slow_down",
    /// `expired_token` (device flow: the device code expired)
    ExpiredToken = b"expired_token",
    /// `invalid_target` (RFC 8707: a resource the server refuses)
    InvalidTarget = b"invalid_target",
    /// `invalid_dpop_proof` (RFC 9449)
    InvalidDpopProof = b"invalid_dpop_proof",
    /// `use_dpop_nonce` (RFC 9449: retry with the server's nonce)
    UseDpopNonce = b"use_dpop_nonce",
    /// `interaction_required` (OpenID Connect)
    InteractionRequired = b"interaction_required",
    /// `login_required` (OpenID Connect)
    LoginRequired = b"login_required",
    /// `account_selection_required` (OpenID Connect)
    AccountSelectionRequired = b"account_selection_required",
    /// `consent_required` (OpenID Connect)
    ConsentRequired = b"consent_required",
    /// `invalid_request_uri` (RFC 9101)
    InvalidRequestUri = b"invalid_request_uri",
    /// `invalid_request_object` (RFC 9101)
    InvalidRequestObject = b"invalid_request_object",
    /// `request_not_supported` (RFC 9101)
    RequestNotSupported = b"request_not_supported",
    /// `request_uri_not_supported` (RFC 9101)
    RequestUriNotSupported = b"request_uri_not_supported",
    /// `registration_not_supported` (OpenID Connect)
    RegistrationNotSupported = b"registration_not_supported",
}

impl ErrorCode {
    /// The code a matcher accepts: `is(name)` says whether the error
    /// (decoded) is `name`.
    pub(crate) fn find(is: impl Fn(&[u8]) -> bool) -> ErrorCode {
        ErrorCode::ALL
            .iter()
            .find(|(_, name)| is(name))
            .map_or(ErrorCode::Other, |(code, _)| *code)
    }

    /// The code of a JSON `error` string.
    fn of(error: &JsonStr<'_>) -> ErrorCode {
        ErrorCode::find(|name| error.eq_bytes(name))
    }

    /// The code for its name (exact, as registered).
    ///
    /// ```
    /// use jeton::oauth::response::ErrorCode;
    /// assert_eq!(ErrorCode::from_name(b"slow_down"), ErrorCode::SlowDown);
    /// assert_eq!(ErrorCode::from_name(b"Slow_Down"), ErrorCode::Other);
    /// ```
    pub fn from_name(name: &[u8]) -> ErrorCode {
        ErrorCode::find(|n| n == name)
    }

    /// The registered name (`None` for [`ErrorCode::Other`]).
    pub fn name(self) -> Option<&'static str> {
        ErrorCode::ALL
            .iter()
            .find(|(code, _)| *code == self)
            .and_then(|(_, name)| core::str::from_utf8(name).ok())
    }

    /// The [`Error`] a call fails with when a server answers with this
    /// code: [`Error::OauthAccessDenied`] for `access_denied`,
    /// [`Error::OauthDeviceCodeExpired`] for `expired_token`,
    /// [`Error::OauthServerError`] for any other.
    pub fn error(self) -> Error {
        match self {
            ErrorCode::AccessDenied => Error::OauthAccessDenied,
            ErrorCode::ExpiredToken => Error::OauthDeviceCodeExpired,
            _ => Error::OauthServerError,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(json: &[u8], up: bool) -> Result<u64, Error> {
        seconds(json::parse(json).unwrap(), up)
    }

    #[test]
    fn durations() {
        assert_eq!(secs(b"3600", false), Ok(3600));
        assert_eq!(secs(b"0", false), Ok(0));
        assert_eq!(secs(b"2.5", false), Ok(2));
        assert_eq!(secs(b"2.5", true), Ok(3));
        assert_eq!(secs(b"2.000", true), Ok(2));
        assert_eq!(secs(br#""3600""#, false), Ok(3600));
        assert_eq!(secs(br#""0600""#, false), Ok(600));
        assert_eq!(secs(br#""\u0033""#, false), Ok(3));
        assert_eq!(secs(b"18446744073709551615", false), Ok(u64::MAX));
        for bad in [
            &b"-1"[..],
            b"-0",
            b"1e3",
            b"18446744073709551616",
            br#""""#,
            br#""3600s""#,
            br#"" 3600""#,
            br#""1.""#,
            br#"".5""#,
            br#""+1""#,
            b"null",
            b"true",
            b"[1]",
            br#""123456789012345678901234567890""#,
        ] {
            assert_eq!(
                secs(bad, false),
                Err(Error::OauthResponseInvalid),
                "{bad:?}"
            );
        }
        assert_eq!(
            secs(b"18446744073709551615.5", true),
            Err(Error::OauthResponseInvalid)
        );
    }

    #[test]
    fn lists() {
        let has = |list: &[u8], t: &[u8]| list_contains(list.iter().copied(), t);
        assert!(has(b"openid email", b"email"));
        assert!(has(b"openid email", b"openid"));
        assert!(has(b"openid  email ", b"email"));
        assert!(!has(b"openid email", b"mail"));
        assert!(!has(b"openid email", b"emai"));
        assert!(!has(b"openid email", b""));
        assert!(!has(b"", b""));
        assert!(!has(b"", b"a"));
    }

    #[test]
    fn codes_round_trip() {
        for (code, name) in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_name(name), *code);
            assert_eq!(code.name().map(str::as_bytes), Some(*name));
        }
        assert_eq!(ErrorCode::Other.name(), None);
        assert_eq!(ErrorCode::AccessDenied.error(), Error::OauthAccessDenied);
        assert_eq!(
            ErrorCode::ExpiredToken.error(),
            Error::OauthDeviceCodeExpired
        );
        assert_eq!(ErrorCode::SlowDown.error(), Error::OauthServerError);
    }

    #[test]
    fn token_responses() {
        fn ok(b: &[u8]) -> Result<TokenResponse<'_>, Error> {
            TokenResponse::parse(b)
        }
        let t = ok(br#"{"access_token":"a\/b","token_type":"DPoP","scope":"x y","refresh_token":"r","id_token":"i","extra":{"a":[1]}}"#).unwrap();
        assert_eq!(t.token_type(), TokenType::Dpop);
        assert_eq!(t.access_token().raw(), br"a\/b");
        assert_eq!(t.has_scope(b"y"), Some(true));
        assert_eq!(t.expires_in(), None);
        assert_eq!(t.expires_at(5), None);
        assert!(t.object().get("extra").is_some());
        for (body, want) in [
            (&br#"[]"#[..], Error::OauthResponseInvalid),
            (br#"{"token_type":"bearer"}"#, Error::OauthResponseInvalid),
            (
                br#"{"access_token":"","token_type":"bearer"}"#,
                Error::OauthResponseInvalid,
            ),
            (br#"{"access_token":"a"}"#, Error::OauthResponseInvalid),
            (
                br#"{"access_token":"a","token_type":"mac"}"#,
                Error::OauthTokenTypeUnsupported,
            ),
            (
                br#"{"access_token":"a","token_type":"mac","expires_in":-1}"#,
                Error::OauthResponseInvalid,
            ),
            (
                br#"{"access_token":"a","token_type":"bearer","refresh_token":null}"#,
                Error::OauthResponseInvalid,
            ),
            (
                br#"{"access_token":"a","token_type":"bearer","scope":1}"#,
                Error::OauthResponseInvalid,
            ),
            (
                br#"{"access_token":"a","token_type":"bearer","access_token":"b"}"#,
                Error::JsonDuplicateMember,
            ),
            (
                br#"{"access_token":"a","token_type":"bearer","error":"invalid_grant"}"#,
                Error::OauthServerError,
            ),
            (br#"{"error":"access_denied"}"#, Error::OauthAccessDenied),
            (
                br#"{"error":"expired_token"}"#,
                Error::OauthDeviceCodeExpired,
            ),
            (b"{", Error::JsonUnexpectedEnd),
        ] {
            assert_eq!(
                ok(body).err(),
                Some(want),
                "{}",
                core::str::from_utf8(body).unwrap()
            );
        }
        // An `error` that is not a non-empty string is no error response.
        let t = ok(br#"{"access_token":"a","token_type":"Bearer","error":null,"expires_in":7}"#)
            .unwrap();
        assert_eq!(t.expires_at(i64::MAX - 1), Some(i64::MAX));
    }

    #[test]
    fn error_responses() {
        let e = ErrorResponse::parse(
            br#"{"error":"invalid_grant","error_description":"code \"used\"","error_uri":5}"#,
        )
        .unwrap();
        assert_eq!(e.code(), ErrorCode::InvalidGrant);
        assert_eq!(e.error().as_plain(), Some("invalid_grant"));
        assert_eq!(
            e.description().map(|d| d.raw()),
            Some(&br#"code \"used\""#[..])
        );
        assert_eq!(e.uri(), None);
        let e = ErrorResponse::parse(br#"{"error":"custom_thing"}"#).unwrap();
        assert_eq!(e.code(), ErrorCode::Other);
        for bad in [
            &br#"{"error":""}"#[..],
            br#"{"error":1}"#,
            br#"{}"#,
            br#""x""#,
        ] {
            assert_eq!(
                ErrorResponse::parse(bad).err(),
                Some(Error::OauthResponseInvalid)
            );
        }
    }
}
