//! Provider metadata (RFC 8414, OpenID Connect Discovery 1.0 section 3),
//! with the issuer-equality check that defeats mix-up attacks.

use jeton::Error;
use jeton::json::{self, Kind, Limits};
use jeton::oauth::{Metadata, Profile};

use super::{
    JETON_OAUTH_ISS_PARAMETER_SUPPORTED, JETON_OAUTH_REQUIRE_PAR, JETON_OAUTH_SUPPORTS_S256,
    TextBuf, jeton_oauth_flags,
};
use crate::boundary::boundary;
use crate::ptr::{Region, input, jeton_bytes, out_ptr, output};
use crate::status::{Fail, jeton_status};

/// Which specification's required members a metadata document must carry,
/// one of the `JETON_OAUTH_PROFILE_*` values.
pub type jeton_oauth_profile = u32;
/// OAuth 2.0 authorization server metadata (RFC 8414 section 2):
/// `issuer`, `response_types_supported`, the authorization and token
/// endpoints unless no supported grant uses them.
pub const JETON_OAUTH_PROFILE_OAUTH: jeton_oauth_profile = 1;
/// OpenID Provider metadata (OpenID Connect Discovery section 3): the
/// above with `authorization_endpoint` always, and `jwks_uri`,
/// `subject_types_supported`, `id_token_signing_alg_values_supported`.
pub const JETON_OAUTH_PROFILE_OPENID: jeton_oauth_profile = 2;

/// A provider's metadata document whose `issuer` is the expected one. The
/// endpoints are text (unescaped: `https:\/\/` as PHP writes it becomes
/// `https://`), pointing into the document or into `buf`; the lists are
/// the JSON arrays of strings as written, pointing into the document (look
/// a value up with `jeton_oauth_metadata_list_contains`, walk them with
/// `jeton_json_element_at`). NULL when absent. Use an endpoint only after
/// checking it is `https` (RFC 8414 section 2 requires it).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_oauth_metadata {
    /// `issuer`: the expected issuer.
    pub issuer: jeton_bytes,
    /// `authorization_endpoint`.
    pub authorization_endpoint: jeton_bytes,
    /// `token_endpoint`.
    pub token_endpoint: jeton_bytes,
    /// `userinfo_endpoint` (OpenID Connect).
    pub userinfo_endpoint: jeton_bytes,
    /// `jwks_uri`: where the provider's keys are (load them into a
    /// `jeton_jwks`).
    pub jwks_uri: jeton_bytes,
    /// `registration_endpoint` (RFC 7591).
    pub registration_endpoint: jeton_bytes,
    /// `device_authorization_endpoint` (RFC 8628).
    pub device_authorization_endpoint: jeton_bytes,
    /// `pushed_authorization_request_endpoint` (RFC 9126).
    pub pushed_authorization_request_endpoint: jeton_bytes,
    /// `introspection_endpoint` (RFC 7662).
    pub introspection_endpoint: jeton_bytes,
    /// `revocation_endpoint` (RFC 7009).
    pub revocation_endpoint: jeton_bytes,
    /// `end_session_endpoint` (OpenID Connect RP-Initiated Logout).
    pub end_session_endpoint: jeton_bytes,
    /// `response_types_supported`.
    pub response_types_supported: jeton_bytes,
    /// `response_modes_supported` (absent: `query` and `fragment`).
    pub response_modes_supported: jeton_bytes,
    /// `grant_types_supported` (absent: `authorization_code` and
    /// `implicit`).
    pub grant_types_supported: jeton_bytes,
    /// `scopes_supported`.
    pub scopes_supported: jeton_bytes,
    /// `subject_types_supported` (OpenID Connect).
    pub subject_types_supported: jeton_bytes,
    /// `code_challenge_methods_supported` (absent: no PKCE).
    pub code_challenge_methods_supported: jeton_bytes,
    /// `token_endpoint_auth_methods_supported` (absent:
    /// `client_secret_basic`).
    pub token_endpoint_auth_methods_supported: jeton_bytes,
    /// `token_endpoint_auth_signing_alg_values_supported`.
    pub token_endpoint_auth_signing_alg_values_supported: jeton_bytes,
    /// `id_token_signing_alg_values_supported` (OpenID Connect): give it
    /// to `jeton_oauth_id_token_validation.provider_algorithms` when the
    /// client registered no algorithm.
    pub id_token_signing_alg_values_supported: jeton_bytes,
    /// `dpop_signing_alg_values_supported` (RFC 9449).
    pub dpop_signing_alg_values_supported: jeton_bytes,
    /// `JETON_OAUTH_ISS_PARAMETER_SUPPORTED`, `JETON_OAUTH_REQUIRE_PAR`,
    /// `JETON_OAUTH_SUPPORTS_S256`.
    pub flags: jeton_oauth_flags,
}

/// Reads the metadata document `json`, fetched for the issuer
/// `expected_issuer` (from `<issuer>/.well-known/...`, or from your
/// configuration): its `issuer` must be the same string, byte for byte
/// once unescaped (no normalization, a trailing slash included), and it
/// must carry the members `profile` requires. The checks, in order: a JSON
/// object without duplicate members, each member jeton reads of its type
/// (`JETON_ERR_METADATA_INVALID`); `issuer` present
/// (`JETON_ERR_METADATA_MISSING`) and the expected one
/// (`JETON_ERR_METADATA_ISSUER_MISMATCH`); the members `profile` requires
/// (`JETON_ERR_METADATA_MISSING`).
///
/// Returns `JETON_OK` with `*metadata` set and the bytes of `buf` used in
/// `*buf_len`; the errors above; `JETON_ERR_INVALID_ARGUMENT` for an
/// unknown profile; `JETON_ERR_OAUTH_PARAMETER_INVALID` for an expected
/// issuer that is not UTF-8; `JETON_ERR_BUFFER_TOO_SMALL` with the length
/// needed in `*buf_len` (`json_len` always suffices). NULL `json`,
/// `expected_issuer`, `buf_len` or `metadata`, or NULL `buf` with a
/// non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On error `buf` holds
/// nothing and `*metadata` is untouched.
///
/// # Safety
///
/// `json` and `expected_issuer` are readable for their lengths; `buf` is
/// writable for `buf_cap` bytes and overlaps neither; `buf_len` and
/// `metadata` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_metadata_parse(
    json: *const u8,
    json_len: usize,
    expected_issuer: *const u8,
    expected_issuer_len: usize,
    profile: jeton_oauth_profile,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    metadata: *mut jeton_oauth_metadata,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `buf` overlaps no other argument.
        let (doc, issuer, len, out) = unsafe {
            (
                input(json, json_len)?,
                input(expected_issuer, expected_issuer_len)?,
                out_ptr(buf_len)?,
                out_ptr(metadata)?,
            )
        };
        let others = [
            Region::of(doc),
            Region::of(issuer),
            Region::object(metadata),
        ];
        // SAFETY: as above.
        let buf = unsafe { output(buf, buf_cap, &others)? };
        let profile = match profile {
            JETON_OAUTH_PROFILE_OAUTH => Profile::OAuth,
            JETON_OAUTH_PROFILE_OPENID => Profile::OpenId,
            _ => return Err(Fail::INVALID),
        };
        let meta = Metadata::parse(doc, super::utf8(issuer)?, profile)?;
        let list = |name: &str| {
            jeton_bytes::within_optional(doc, meta.document().get(name).map(|v| v.raw()))
        };
        let mut texts = TextBuf::new(buf);
        let bit = |on: bool, bit: jeton_oauth_flags| if on { bit } else { 0 };
        let view = jeton_oauth_metadata {
            issuer: texts.json(doc, meta.issuer())?,
            authorization_endpoint: texts.json_optional(doc, meta.authorization_endpoint())?,
            token_endpoint: texts.json_optional(doc, meta.token_endpoint())?,
            userinfo_endpoint: texts.json_optional(doc, meta.userinfo_endpoint())?,
            jwks_uri: texts.json_optional(doc, meta.jwks_uri())?,
            registration_endpoint: texts.json_optional(doc, meta.registration_endpoint())?,
            device_authorization_endpoint: texts
                .json_optional(doc, meta.device_authorization_endpoint())?,
            pushed_authorization_request_endpoint: texts
                .json_optional(doc, meta.pushed_authorization_request_endpoint())?,
            introspection_endpoint: texts.json_optional(doc, meta.introspection_endpoint())?,
            revocation_endpoint: texts.json_optional(doc, meta.revocation_endpoint())?,
            end_session_endpoint: texts.json_optional(doc, meta.end_session_endpoint())?,
            response_types_supported: list("response_types_supported"),
            response_modes_supported: list("response_modes_supported"),
            grant_types_supported: list("grant_types_supported"),
            scopes_supported: list("scopes_supported"),
            subject_types_supported: list("subject_types_supported"),
            code_challenge_methods_supported: list("code_challenge_methods_supported"),
            token_endpoint_auth_methods_supported: list("token_endpoint_auth_methods_supported"),
            token_endpoint_auth_signing_alg_values_supported: list(
                "token_endpoint_auth_signing_alg_values_supported",
            ),
            id_token_signing_alg_values_supported: list("id_token_signing_alg_values_supported"),
            dpop_signing_alg_values_supported: list("dpop_signing_alg_values_supported"),
            flags: bit(
                meta.authorization_response_iss_parameter_supported(),
                JETON_OAUTH_ISS_PARAMETER_SUPPORTED,
            ) | bit(
                meta.require_pushed_authorization_requests(),
                JETON_OAUTH_REQUIRE_PAR,
            ) | bit(meta.supports_s256(), JETON_OAUTH_SUPPORTS_S256),
        };
        texts.finish(len)?;
        out.set(view);
        Ok(())
    })
}

/// How a list given back from C is read.
const LIST_LIMITS: Limits = Limits {
    max_depth: 2,
    ..Limits::DEFAULT
};

/// Whether the JSON array of strings `list` (a list of
/// `jeton_oauth_metadata`) holds `value`, compared exactly after
/// unescaping. Elements that are not strings never match.
///
/// Returns `JETON_OK` with `*found` set; `JETON_ERR_JSON_WRONG_TYPE` when
/// `list` is JSON but not an array; the JSON errors when it is not JSON.
/// NULL `list`, `value` or `found`: `JETON_ERR_NULL_POINTER`. On error
/// `*found` is untouched.
///
/// # Safety
///
/// `list` and `value` are readable for their lengths; `found` points to a
/// writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_oauth_metadata_list_contains(
    list: *const u8,
    list_len: usize,
    value: *const u8,
    value_len: usize,
    found: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (list, value, found) = unsafe {
            (
                input(list, list_len)?,
                input(value, value_len)?,
                out_ptr(found)?,
            )
        };
        let array = json::parse_with(list, &LIST_LIMITS)?;
        if array.kind() != Kind::Array {
            return Err(Error::JsonWrongType.into());
        }
        found.set(
            array
                .elements()
                .filter_map(|e| e.as_str())
                .any(|s| s.eq_bytes(value)),
        );
        Ok(())
    })
}
