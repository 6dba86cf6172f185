//! Authorization server metadata (RFC 8414) and OpenID Provider metadata
//! (OpenID Connect Discovery 1.0 section 3), read in place from the
//! caller's copy of the document, with the issuer-equality check that
//! defeats mix-up attacks.

use crate::Error;
use crate::json::{self, JsonStr, Kind, Limits, Value};

/// Which specification's required members a metadata document must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// OAuth 2.0 authorization server metadata (RFC 8414 section 2):
    /// `issuer`, `response_types_supported`, `authorization_endpoint`
    /// unless no grant type it supports uses it, `token_endpoint` unless
    /// the implicit grant is the only one.
    OAuth,
    /// OpenID Provider metadata (OpenID Connect Discovery 1.0 section 3):
    /// the members of [`Profile::OAuth`] (with `authorization_endpoint`
    /// always), and `jwks_uri`, `subject_types_supported`,
    /// `id_token_signing_alg_values_supported`.
    OpenId,
}

/// The members jeton reads, each with the JSON kind it must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    Issuer,
    AuthorizationEndpoint,
    TokenEndpoint,
    UserinfoEndpoint,
    JwksUri,
    RegistrationEndpoint,
    DeviceAuthorizationEndpoint,
    ParEndpoint,
    IntrospectionEndpoint,
    RevocationEndpoint,
    EndSessionEndpoint,
    ResponseTypes,
    ResponseModes,
    GrantTypes,
    Scopes,
    SubjectTypes,
    CodeChallengeMethods,
    TokenEndpointAuthMethods,
    TokenEndpointAuthAlgs,
    IdTokenAlgs,
    DpopAlgs,
    IssParameter,
    RequirePar,
}

/// The kind of value a member must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A string (a URL or an identifier).
    Str,
    /// An array of strings.
    List,
    /// `true` or `false`.
    Flag,
}

/// Every member read: its name, where it is kept, its shape.
const MEMBERS: [(&str, Member, Shape); 23] = [
    ("issuer", Member::Issuer, Shape::Str),
    (
        "authorization_endpoint",
        Member::AuthorizationEndpoint,
        Shape::Str,
    ),
    ("token_endpoint", Member::TokenEndpoint, Shape::Str),
    ("userinfo_endpoint", Member::UserinfoEndpoint, Shape::Str),
    ("jwks_uri", Member::JwksUri, Shape::Str),
    (
        "registration_endpoint",
        Member::RegistrationEndpoint,
        Shape::Str,
    ),
    (
        "device_authorization_endpoint",
        Member::DeviceAuthorizationEndpoint,
        Shape::Str,
    ),
    (
        "pushed_authorization_request_endpoint",
        Member::ParEndpoint,
        Shape::Str,
    ),
    (
        "introspection_endpoint",
        Member::IntrospectionEndpoint,
        Shape::Str,
    ),
    (
        "revocation_endpoint",
        Member::RevocationEndpoint,
        Shape::Str,
    ),
    (
        "end_session_endpoint",
        Member::EndSessionEndpoint,
        Shape::Str,
    ),
    (
        "response_types_supported",
        Member::ResponseTypes,
        Shape::List,
    ),
    (
        "response_modes_supported",
        Member::ResponseModes,
        Shape::List,
    ),
    ("grant_types_supported", Member::GrantTypes, Shape::List),
    ("scopes_supported", Member::Scopes, Shape::List),
    ("subject_types_supported", Member::SubjectTypes, Shape::List),
    (
        "code_challenge_methods_supported",
        Member::CodeChallengeMethods,
        Shape::List,
    ),
    (
        "token_endpoint_auth_methods_supported",
        Member::TokenEndpointAuthMethods,
        Shape::List,
    ),
    (
        "token_endpoint_auth_signing_alg_values_supported",
        Member::TokenEndpointAuthAlgs,
        Shape::List,
    ),
    (
        "id_token_signing_alg_values_supported",
        Member::IdTokenAlgs,
        Shape::List,
    ),
    (
        "dpop_signing_alg_values_supported",
        Member::DpopAlgs,
        Shape::List,
    ),
    (
        "authorization_response_iss_parameter_supported",
        Member::IssParameter,
        Shape::Flag,
    ),
    (
        "require_pushed_authorization_requests",
        Member::RequirePar,
        Shape::Flag,
    ),
];

/// Bounds of a metadata document: providers publish up to a hundred or so
/// top-level members (Keycloak about seventy), a few nested objects.
const LIMITS: Limits = Limits {
    max_depth: 16,
    max_members: 512,
    unique_members: true,
};

/// A list of strings in the metadata (`response_types_supported`, ...),
/// read in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrList<'a> {
    array: Option<Value<'a>>,
}

impl<'a> StrList<'a> {
    /// Whether the document carries the member at all (an absent list
    /// often has a default the getters of [`Metadata`] apply).
    pub fn is_present(&self) -> bool {
        self.array.is_some()
    }

    /// The strings, in order.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        self.array
            .into_iter()
            .flat_map(|a| a.elements())
            .filter_map(|e| e.as_str())
    }

    /// Whether `value` is one of the strings (compared exactly, after
    /// unescaping).
    pub fn contains(&self, value: &str) -> bool {
        self.iter().any(|s| s.eq_bytes(value.as_bytes()))
    }
}

/// A provider's metadata document whose `issuer` is the expected one,
/// read in place: the getters hand out the members as written (a URL may
/// hold JSON escapes, `https:\/\/...` as PHP writes it: compare with
/// [`JsonStr::eq_bytes`] or unescape with [`JsonStr::unescape_into`]).
/// Members jeton does not read are ignored.
///
/// The endpoints are handed out as the provider wrote them: the caller
/// checks they use `https` before sending anything there (RFC 8414 section
/// 2 requires it of every endpoint).
///
/// ```
/// use jeton::Error;
/// use jeton::oauth::{Metadata, Profile};
///
/// let doc = br#"{
///   "issuer": "https://server.example.com",
///   "authorization_endpoint": "https://server.example.com/authorize",
///   "token_endpoint": "https://server.example.com/token",
///   "jwks_uri": "https://server.example.com/jwks.json",
///   "response_types_supported": ["code", "code token"],
///   "subject_types_supported": ["public"],
///   "id_token_signing_alg_values_supported": ["RS256", "ES256"],
///   "code_challenge_methods_supported": ["S256"],
///   "ui_locales_supported": ["en-US", "en-GB"]
/// }"#;
/// let meta = Metadata::parse(doc, "https://server.example.com", Profile::OpenId)?;
/// assert_eq!(meta.token_endpoint().and_then(|e| e.as_plain()), Some("https://server.example.com/token"));
/// assert!(meta.supports_s256());
/// assert!(meta.supports_grant_type("authorization_code")); // the default list
/// assert!(!meta.authorization_response_iss_parameter_supported());
/// assert!(meta.id_token_signing_alg_values_supported().contains("ES256"));
///
/// // The same document fetched for another issuer: a mix-up.
/// assert_eq!(
///     Metadata::parse(doc, "https://server.example.com/", Profile::OpenId).err(),
///     Some(Error::MetadataIssuerMismatch)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Metadata<'a> {
    document: Value<'a>,
    members: [Option<Value<'a>>; MEMBERS.len()],
}

impl<'a> Metadata<'a> {
    /// Reads the metadata document `json`, which the caller fetched for
    /// the issuer `expected_issuer` (from `<issuer>/.well-known/...`, or
    /// from its configuration): the document's `issuer` must be the same
    /// string, byte for byte once unescaped (RFC 8414 section 3.3, OpenID
    /// Connect Discovery section 4.3: no normalization, a trailing slash
    /// included), and it must carry the members `profile` requires.
    ///
    /// The checks, in this order:
    ///
    /// 1. a JSON object without duplicate members, and each member jeton
    ///    reads of its type ([`Error::MetadataInvalid`]);
    /// 2. `issuer` present ([`Error::MetadataMissing`]) and equal to
    ///    `expected_issuer` ([`Error::MetadataIssuerMismatch`]);
    /// 3. the members `profile` requires ([`Error::MetadataMissing`]).
    ///
    /// # Errors
    ///
    /// The errors above.
    pub fn parse(
        json: &'a [u8],
        expected_issuer: &str,
        profile: Profile,
    ) -> Result<Metadata<'a>, Error> {
        let document = json::parse_with(json, &LIMITS).map_err(|_| Error::MetadataInvalid)?;
        if document.kind() != Kind::Object {
            return Err(Error::MetadataInvalid);
        }
        let mut members = [None; MEMBERS.len()];
        for (name, value) in document.members() {
            let Some((slot, (_, _, shape))) = members
                .iter_mut()
                .zip(MEMBERS.iter())
                .find(|(_, (known, _, _))| name.eq_bytes(known.as_bytes()))
            else {
                continue;
            };
            let fits = match shape {
                Shape::Str => value.kind() == Kind::String,
                Shape::List => {
                    value.kind() == Kind::Array
                        && value.elements().all(|e| e.kind() == Kind::String)
                }
                Shape::Flag => value.kind() == Kind::Bool,
            };
            if !fits {
                return Err(Error::MetadataInvalid);
            }
            *slot = Some(value);
        }
        let meta = Metadata { document, members };
        let issuer = meta.string(Member::Issuer).ok_or(Error::MetadataMissing)?;
        if !issuer.eq_bytes(expected_issuer.as_bytes()) {
            return Err(Error::MetadataIssuerMismatch);
        }
        meta.check_required(profile)?;
        Ok(meta)
    }

    /// The members `profile` requires, beyond `issuer`.
    fn check_required(&self, profile: Profile) -> Result<(), Error> {
        let present = |m| self.value(m).is_some();
        // RFC 8414 section 2: the authorization endpoint serves the code
        // and implicit grants, and the token endpoint every grant but the
        // implicit one.
        let grants = self.list(Member::GrantTypes);
        let (uses_authorization, uses_token) = if grants.is_present() {
            (
                grants.contains("authorization_code") || grants.contains("implicit"),
                grants.iter().any(|g| !g.eq_bytes(b"implicit")),
            )
        } else {
            (true, true)
        };
        let mut required = [Member::Issuer; 7];
        let mut count = 0;
        let mut need = |m| {
            if let Some(slot) = required.get_mut(count) {
                *slot = m;
                count += 1;
            }
        };
        need(Member::ResponseTypes);
        if uses_authorization || profile == Profile::OpenId {
            need(Member::AuthorizationEndpoint);
        }
        if uses_token {
            need(Member::TokenEndpoint);
        }
        if profile == Profile::OpenId {
            need(Member::JwksUri);
            need(Member::SubjectTypes);
            need(Member::IdTokenAlgs);
        }
        if required.iter().take(count).all(|&m| present(m)) {
            Ok(())
        } else {
            Err(Error::MetadataMissing)
        }
    }

    fn value(&self, member: Member) -> Option<Value<'a>> {
        // `MEMBERS` lists the members in the enum's order (a test checks).
        self.members.get(member as usize).copied().flatten()
    }

    fn string(&self, member: Member) -> Option<JsonStr<'a>> {
        self.value(member).and_then(|v| v.as_str())
    }

    fn list(&self, member: Member) -> StrList<'a> {
        StrList {
            array: self.value(member),
        }
    }

    fn flag(&self, member: Member) -> bool {
        self.value(member).is_some_and(|v| v.raw() == b"true")
    }

    /// The whole document, for members jeton does not read.
    pub fn document(&self) -> Value<'a> {
        self.document
    }

    /// `issuer`: the expected issuer, as the document writes it.
    pub fn issuer(&self) -> JsonStr<'a> {
        self.string(Member::Issuer)
            .unwrap_or_else(|| JsonStr::new(b"", false))
    }

    /// `authorization_endpoint`.
    pub fn authorization_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::AuthorizationEndpoint)
    }

    /// `token_endpoint`.
    pub fn token_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::TokenEndpoint)
    }

    /// `userinfo_endpoint` (OpenID Connect).
    pub fn userinfo_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::UserinfoEndpoint)
    }

    /// `jwks_uri`: where the provider's signing keys are, for
    /// [`KeySet::replace_from_jwks`](crate::jwt::KeySet::replace_from_jwks).
    pub fn jwks_uri(&self) -> Option<JsonStr<'a>> {
        self.string(Member::JwksUri)
    }

    /// `registration_endpoint` (RFC 7591).
    pub fn registration_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::RegistrationEndpoint)
    }

    /// `device_authorization_endpoint` (RFC 8628).
    pub fn device_authorization_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::DeviceAuthorizationEndpoint)
    }

    /// `pushed_authorization_request_endpoint` (RFC 9126).
    pub fn pushed_authorization_request_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::ParEndpoint)
    }

    /// `introspection_endpoint` (RFC 7662).
    pub fn introspection_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::IntrospectionEndpoint)
    }

    /// `revocation_endpoint` (RFC 7009).
    pub fn revocation_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::RevocationEndpoint)
    }

    /// `end_session_endpoint` (OpenID Connect RP-Initiated Logout).
    pub fn end_session_endpoint(&self) -> Option<JsonStr<'a>> {
        self.string(Member::EndSessionEndpoint)
    }

    /// `response_types_supported`.
    pub fn response_types_supported(&self) -> StrList<'a> {
        self.list(Member::ResponseTypes)
    }

    /// `response_modes_supported` (absent: `query` and `fragment`).
    pub fn response_modes_supported(&self) -> StrList<'a> {
        self.list(Member::ResponseModes)
    }

    /// `grant_types_supported` as written; see
    /// [`Metadata::supports_grant_type`] for the default.
    pub fn grant_types_supported(&self) -> StrList<'a> {
        self.list(Member::GrantTypes)
    }

    /// `scopes_supported`.
    pub fn scopes_supported(&self) -> StrList<'a> {
        self.list(Member::Scopes)
    }

    /// `subject_types_supported` (OpenID Connect).
    pub fn subject_types_supported(&self) -> StrList<'a> {
        self.list(Member::SubjectTypes)
    }

    /// `code_challenge_methods_supported` (RFC 7636); absent, the server
    /// does not support PKCE (RFC 8414 section 2).
    pub fn code_challenge_methods_supported(&self) -> StrList<'a> {
        self.list(Member::CodeChallengeMethods)
    }

    /// `token_endpoint_auth_methods_supported` as written; see
    /// [`Metadata::supports_token_endpoint_auth_method`] for the default.
    pub fn token_endpoint_auth_methods_supported(&self) -> StrList<'a> {
        self.list(Member::TokenEndpointAuthMethods)
    }

    /// `token_endpoint_auth_signing_alg_values_supported` (for
    /// `private_key_jwt`).
    pub fn token_endpoint_auth_signing_alg_values_supported(&self) -> StrList<'a> {
        self.list(Member::TokenEndpointAuthAlgs)
    }

    /// `id_token_signing_alg_values_supported` (OpenID Connect), for
    /// [`IdTokenValidation::provider_algorithms`](super::IdTokenValidation::provider_algorithms).
    pub fn id_token_signing_alg_values_supported(&self) -> StrList<'a> {
        self.list(Member::IdTokenAlgs)
    }

    /// `dpop_signing_alg_values_supported` (RFC 9449 section 5.1).
    pub fn dpop_signing_alg_values_supported(&self) -> StrList<'a> {
        self.list(Member::DpopAlgs)
    }

    /// `authorization_response_iss_parameter_supported` (RFC 9207; absent
    /// is `false`): when `true`, a callback must carry `iss` and it must be
    /// the issuer.
    pub fn authorization_response_iss_parameter_supported(&self) -> bool {
        self.flag(Member::IssParameter)
    }

    /// `require_pushed_authorization_requests` (RFC 9126; absent is
    /// `false`).
    pub fn require_pushed_authorization_requests(&self) -> bool {
        self.flag(Member::RequirePar)
    }

    /// Whether the server supports the grant type `grant` (absent
    /// `grant_types_supported` means `authorization_code` and `implicit`,
    /// RFC 8414 section 2).
    pub fn supports_grant_type(&self, grant: &str) -> bool {
        let listed = self.grant_types_supported();
        if listed.is_present() {
            listed.contains(grant)
        } else {
            grant == "authorization_code" || grant == "implicit"
        }
    }

    /// Whether the server accepts client authentication `method` at its
    /// token endpoint (absent `token_endpoint_auth_methods_supported`
    /// means `client_secret_basic`, RFC 8414 section 2).
    pub fn supports_token_endpoint_auth_method(&self, method: &str) -> bool {
        let listed = self.token_endpoint_auth_methods_supported();
        if listed.is_present() {
            listed.contains(method)
        } else {
            method == "client_secret_basic"
        }
    }

    /// Whether the server supports PKCE with `S256`.
    pub fn supports_s256(&self) -> bool {
        self.code_challenge_methods_supported().contains("S256")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8414 section 3.2's example response.
    const RFC_8414: &[u8] = br#"{
     "issuer":
       "https://server.example.com",
     "authorization_endpoint":
       "https://server.example.com/authorize",
     "token_endpoint":
       "https://server.example.com/token",
     "token_endpoint_auth_methods_supported":
       ["client_secret_basic", "private_key_jwt"],
     "token_endpoint_auth_signing_alg_values_supported":
       ["RS256", "ES256"],
     "userinfo_endpoint":
       "https://server.example.com/userinfo",
     "jwks_uri":
       "https://server.example.com/jwks.json",
     "registration_endpoint":
       "https://server.example.com/register",
     "scopes_supported":
       ["openid", "profile", "email", "address",
        "phone", "offline_access"],
     "response_types_supported":
       ["code", "code token"],
     "service_documentation":
       "http://server.example.com/service_documentation.html",
     "ui_locales_supported":
       ["en-US", "en-GB", "en-CA", "fr-FR", "fr-CA"]
    }"#;

    #[test]
    fn members_are_listed_in_their_order() {
        for (i, (_, member, _)) in MEMBERS.iter().enumerate() {
            assert_eq!(*member as usize, i);
        }
    }

    #[test]
    fn rfc_8414_example() {
        let m = Metadata::parse(RFC_8414, "https://server.example.com", Profile::OAuth).unwrap();
        assert!(m.issuer().eq_bytes(b"https://server.example.com"));
        assert!(
            m.registration_endpoint()
                .unwrap()
                .eq_bytes(b"https://server.example.com/register")
        );
        assert!(m.supports_token_endpoint_auth_method("private_key_jwt"));
        assert!(!m.supports_token_endpoint_auth_method("client_secret_post"));
        assert!(m.scopes_supported().contains("offline_access"));
        assert_eq!(m.response_types_supported().iter().count(), 2);
        assert!(!m.supports_s256());
        assert!(
            m.dpop_signing_alg_values_supported()
                .iter()
                .next()
                .is_none()
        );
        // Not an OpenID Provider document: no subject types, no ID token
        // algorithms.
        assert_eq!(
            Metadata::parse(RFC_8414, "https://server.example.com", Profile::OpenId).err(),
            Some(Error::MetadataMissing)
        );
        // The issuer is compared exactly.
        for other in [
            "https://server.example.com/",
            "https://SERVER.example.com",
            "https://server.example.com:443",
            "http://server.example.com",
            "",
        ] {
            assert_eq!(
                Metadata::parse(RFC_8414, other, Profile::OAuth).err(),
                Some(Error::MetadataIssuerMismatch),
                "{other}"
            );
        }
    }

    #[test]
    fn members_of_the_wrong_type_or_missing() {
        let parse = |doc: &[u8]| Metadata::parse(doc, "https://a", Profile::OAuth).map(|_| ());
        let ok = br#"{"issuer":"https:\/\/a","response_types_supported":["code"],"authorization_endpoint":"x","token_endpoint":"y"}"#;
        assert_eq!(parse(ok), Ok(()));
        for bad in [
            &br#"[]"#[..],
            br#"{"issuer":"https://a","issuer":"https://a"}"#,
            br#"{"issuer":1}"#,
            br#"{"issuer":"https://a","jwks_uri":null}"#,
            br#"{"issuer":"https://a","response_types_supported":"code"}"#,
            br#"{"issuer":"https://a","response_types_supported":["code",1]}"#,
            br#"{"issuer":"https://a","authorization_response_iss_parameter_supported":"true"}"#,
            br#"{"issuer":"https://a""#,
        ] {
            assert_eq!(parse(bad), Err(Error::MetadataInvalid), "{bad:?}");
        }
        assert_eq!(parse(br#"{}"#), Err(Error::MetadataMissing));
        assert_eq!(
            parse(br#"{"issuer":"https://a"}"#),
            Err(Error::MetadataMissing)
        );
        // A device-flow-only server needs no authorization endpoint; an
        // implicit-only one no token endpoint.
        assert_eq!(
            parse(br#"{"issuer":"https://a","response_types_supported":[],"grant_types_supported":["urn:ietf:params:oauth:grant-type:device_code"],"token_endpoint":"t"}"#),
            Ok(())
        );
        assert_eq!(
            parse(br#"{"issuer":"https://a","response_types_supported":["token"],"grant_types_supported":["implicit"],"authorization_endpoint":"x"}"#),
            Ok(())
        );
        assert_eq!(
            parse(br#"{"issuer":"https://a","response_types_supported":["token"],"grant_types_supported":["implicit","refresh_token"],"authorization_endpoint":"x"}"#),
            Err(Error::MetadataMissing)
        );
    }
}
