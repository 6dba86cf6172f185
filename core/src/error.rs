//! The one error type of the crate.
//!
//! Every variant has a stable negative code ([`Error::code`]) that the C ABI
//! returns as its status, grouped by concern in blocks of a hundred. A code,
//! once published, is never reused for another meaning.

use core::fmt;

/// Everything that can go wrong in jeton, one precise variant per check.
///
/// `Copy`, comparable and free of payload except for the one number a caller
/// needs ([`Error::BufferTooSmall`]'s `needed`).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Error {
    // General: -1 .. -99.
    /// The output buffer is too small; `needed` bytes would have fit the
    /// whole result. Nothing partial was left in the buffer.
    BufferTooSmall {
        /// Length of the complete result, in bytes.
        needed: usize,
    },
    /// The input is longer than the limit the caller set.
    InputTooLong,
    /// The input holds more items (cookie pairs, ...) than the limit the
    /// caller set.
    TooManyItems,
    /// A fixed-capacity container has no room left, even after dropping
    /// what had expired.
    CapacityExceeded,

    // Encodings: -100 .. -199.
    /// A `%` is not followed by two hexadecimal digits.
    InvalidPercentEncoding,
    /// Percent-escaped bytes do not form UTF-8, as `decodeURIComponent`
    /// requires.
    InvalidUtf8,
    /// Not the canonical base64 of anything: a character outside the
    /// alphabet, a bad length, padding where it is not expected (or missing
    /// where it is), or non-zero trailing bits.
    InvalidBase64,

    // Cookie request header: -200 .. -299.
    /// The `Cookie` header holds no cookie pair at all.
    CookieHeaderEmpty,
    /// A cookie pair has no `=`.
    CookieMissingEquals,
    /// A cookie name is empty.
    CookieEmptyName,
    /// A cookie name holds a byte outside the RFC 7230 `token` set.
    CookieInvalidName,
    /// A cookie value holds a byte outside RFC 6265 `cookie-octet`, or its
    /// double quotes are unbalanced.
    CookieInvalidValue,
    /// Cookie pairs are not separated by exactly `"; "` (RFC 6265 section
    /// 4.2.1).
    CookieInvalidSeparator,
    /// The request carries no cookie of the name asked for.
    CookieNotFound,

    // Set-Cookie formatting rules: -300 .. -399.
    /// The `Domain` attribute is not a host name (letters, digits and
    /// hyphens in dot-separated labels of at most 63, an optional leading
    /// dot).
    CookieInvalidDomain,
    /// The `Path` attribute does not start with `/`, or holds a control
    /// character, a `;` or a non-ASCII byte.
    CookieInvalidPath,
    /// Name and value together exceed 4096 bytes (RFC 6265bis section 5.7).
    CookieTooLarge,
    /// An attribute value exceeds 1024 bytes (RFC 6265bis section 5.7).
    CookieAttributeTooLong,
    /// `SameSite=None` was asked for without `Secure`.
    SameSiteNoneRequiresSecure,
    /// `Partitioned` was asked for without `Secure`.
    PartitionedRequiresSecure,
    /// The name carries a `__Secure-`, `__Host-`, `__Http-` or
    /// `__Host-Http-` prefix but the cookie is not `Secure`.
    CookiePrefixRequiresSecure,
    /// The name carries a `__Host-` prefix but `Path` is not `/`.
    CookiePrefixRequiresRootPath,
    /// The name carries a `__Host-` prefix but a `Domain` is set.
    CookiePrefixForbidsDomain,
    /// The name carries an `__Http-` or `__Host-Http-` prefix but the
    /// cookie is not `HttpOnly`.
    CookiePrefixRequiresHttpOnly,
    /// A date lies outside the years 1601 to 9999 that a cookie date can
    /// express.
    DateOutOfRange,

    // Set-Cookie parsing and the cookie jar: -400 .. -499.
    /// The text is not a cookie date (RFC 6265 section 5.1.1).
    InvalidCookieDate,
    /// The `Domain` attribute does not domain-match the request host.
    CookieDomainMismatch,
    /// The `Domain` attribute is a public suffix other than the request
    /// host itself.
    CookiePublicSuffix,
    /// A `Secure` cookie, or one that would shadow a `Secure` cookie,
    /// arrived over an insecure connection.
    CookieInsecureOrigin,
    /// The request URL could not be read (scheme, host and path).
    InvalidUrl,
    /// The `Set-Cookie` header holds a control character other than HTAB
    /// (RFC 6265bis section 5.6): the whole cookie is ignored.
    CookieControlCharacter,

    // MAC keys and signed values: -500 .. -599.
    /// The signature is well-formed but no key produces it.
    SignatureMismatch,
    /// The signature is not in its format: not canonical base64, or of a
    /// length no key produces.
    SignatureMalformed,
    /// The value carries no signature in the expected format (no `s:`
    /// prefix, no `.sig` companion cookie, no `.` before a signature).
    UnknownSignedFormat,
    /// The key ring holds no key.
    EmptyKeyRing,
    /// The key's algorithm is not the one the format requires (for
    /// example cookie-signature is HMAC-SHA256 only).
    KeyAlgorithmMismatch,

    // JSON: -600 .. -699.
    /// A byte that the JSON grammar does not allow here.
    JsonSyntax,
    /// The JSON text ends in the middle of a value.
    JsonUnexpectedEnd,
    /// A JSON string holds a raw control character, an unknown escape, or a
    /// `\u` escape that is a lone surrogate.
    JsonInvalidString,
    /// A JSON string holds bytes that are not UTF-8.
    JsonInvalidUtf8,
    /// A malformed JSON number (`01`, `1.`, `-`, `1e`).
    JsonInvalidNumber,
    /// Arrays and objects nest deeper than the limit.
    JsonTooDeep,
    /// An object holds two members of the same name where names must be
    /// unique.
    JsonDuplicateMember,
    /// Something follows the JSON value.
    JsonTrailingData,
    /// An object holds more members than the limit.
    JsonTooManyMembers,
    /// A JSON value read as a type it does not have.
    JsonWrongType,
    /// A JSON number outside the range it is read into.
    JsonNumberOutOfRange,

    // JWT: -700 .. -799.
    /// The token is longer than the verifier's limit.
    JwtTooLong,
    /// The token is not three non-empty segments separated by dots.
    JwtMalformed,
    /// The header segment is not canonical unpadded base64url.
    JwtHeaderBase64,
    /// The payload segment is not canonical unpadded base64url.
    JwtPayloadBase64,
    /// The signature segment is not canonical unpadded base64url, or not the
    /// length of the algorithm's tag.
    JwtSignatureBase64,
    /// The header is not a JSON object (or is not JSON at all).
    JwtHeaderInvalid,
    /// The header holds a member twice.
    JwtHeaderDuplicate,
    /// A header parameter has the wrong type (`alg`, `typ`, `kid` not
    /// strings, `crit` not a non-empty array of strings).
    JwtHeaderParameter,
    /// The header has no `alg`.
    JwtAlgMissing,
    /// The header says `alg: none` (in any case): never accepted.
    JwtAlgNone,
    /// The header's `alg` is not the algorithm of the key.
    JwtAlgMismatch,
    /// The header's `typ` is present and not `JWT`.
    JwtTypInvalid,
    /// The header lists a critical extension (`crit`) jeton does not
    /// implement.
    JwtCritUnsupported,
    /// No key of the key set matches the token's `kid` (or the set is
    /// empty).
    JwtKeyNotFound,
    /// The signature does not verify.
    JwtSignatureMismatch,
    /// The payload is not a JSON object.
    JwtPayloadInvalid,
    /// The claims set holds a claim twice.
    JwtPayloadDuplicate,
    /// A registered claim has the wrong type (a string `exp`, a numeric
    /// `iss`, an `aud` array holding a number, ...).
    JwtClaimType,
    /// A NumericDate beyond the range jeton represents (never read as "no
    /// expiry").
    JwtClaimRange,
    /// A required claim is absent.
    JwtMissingClaim,
    /// `exp` has passed (leeway included).
    JwtExpired,
    /// `nbf` is still ahead (leeway included).
    JwtNotYetValid,
    /// `iss` is not an accepted issuer.
    JwtIssuerInvalid,
    /// `sub` is not the expected subject.
    JwtSubjectInvalid,
    /// No `aud` value is an accepted audience, or the token names an audience
    /// and the verifier accepts none.
    JwtAudienceInvalid,
    /// The token's `jti` is on the revocation list.
    JwtRevoked,
    /// The key cannot sign JWTs: HMAC-SHA1 has no JWS algorithm, or its
    /// `kid` is longer than the key set holds.
    JwtKeyInvalid,

    // HTTP authentication: -800 .. -899.
    /// The `Authorization` header uses another scheme.
    AuthSchemeMismatch,
    /// The credentials are missing or not in their syntax (token68 /
    /// b64token, base64 for Basic).
    AuthMalformed,
    /// Decoded Basic credentials hold no `:` between user-id and password.
    AuthMissingColon,
    /// A Basic user-id holds a `:` (RFC 7617 forbids it).
    AuthUserHasColon,
    /// A control character (or, in a Bearer challenge, a character RFC 6750
    /// does not allow) in a credential or challenge parameter.
    AuthInvalidCharacter,

    // Sessions and revocation: -900 .. -999.
    /// No live session has this ID.
    SessionNotFound,
    /// The session has expired.
    SessionExpired,
    /// A session with this ID exists already.
    SessionExists,
    /// The store is full of live sessions: none is evicted to make room.
    SessionStoreFull,
    /// Fewer than 16 bytes (128 bits) of entropy for a session ID.
    EntropyTooShort,
    /// The entropy source failed.
    EntropyUnavailable,
    /// A session ID that is not one jeton makes (length, alphabet).
    SessionIdMalformed,
    /// The revocation list is full of entries that have not lapsed.
    RevocationListFull,
}

impl Error {
    /// The stable numeric code of this error: negative, grouped by concern,
    /// never reused. The C ABI returns it as its status.
    ///
    /// ```
    /// assert_eq!(jeton::Error::BufferTooSmall { needed: 9 }.code(), -1);
    /// assert_eq!(jeton::Error::CookieInvalidName.code(), -203);
    /// ```
    pub const fn code(&self) -> i32 {
        match self {
            Error::BufferTooSmall { .. } => -1,
            Error::InputTooLong => -2,
            Error::TooManyItems => -3,
            Error::CapacityExceeded => -4,

            Error::InvalidPercentEncoding => -100,
            Error::InvalidUtf8 => -101,
            Error::InvalidBase64 => -102,

            Error::CookieHeaderEmpty => -200,
            Error::CookieMissingEquals => -201,
            Error::CookieEmptyName => -202,
            Error::CookieInvalidName => -203,
            Error::CookieInvalidValue => -204,
            Error::CookieInvalidSeparator => -205,
            Error::CookieNotFound => -206,

            Error::CookieInvalidDomain => -300,
            Error::CookieInvalidPath => -301,
            Error::CookieTooLarge => -302,
            Error::CookieAttributeTooLong => -303,
            Error::SameSiteNoneRequiresSecure => -304,
            Error::PartitionedRequiresSecure => -305,
            Error::CookiePrefixRequiresSecure => -306,
            Error::CookiePrefixRequiresRootPath => -307,
            Error::CookiePrefixForbidsDomain => -308,
            Error::CookiePrefixRequiresHttpOnly => -309,
            Error::DateOutOfRange => -310,

            Error::InvalidCookieDate => -400,
            Error::CookieDomainMismatch => -401,
            Error::CookiePublicSuffix => -402,
            Error::CookieInsecureOrigin => -403,
            Error::InvalidUrl => -404,
            Error::CookieControlCharacter => -405,

            Error::SignatureMismatch => -500,
            Error::SignatureMalformed => -501,
            Error::UnknownSignedFormat => -502,
            Error::EmptyKeyRing => -503,
            Error::KeyAlgorithmMismatch => -504,

            Error::JsonSyntax => -600,
            Error::JsonUnexpectedEnd => -601,
            Error::JsonInvalidString => -602,
            Error::JsonInvalidUtf8 => -603,
            Error::JsonInvalidNumber => -604,
            Error::JsonTooDeep => -605,
            Error::JsonDuplicateMember => -606,
            Error::JsonTrailingData => -607,
            Error::JsonTooManyMembers => -608,
            Error::JsonWrongType => -609,
            Error::JsonNumberOutOfRange => -610,
            Error::JwtTooLong => -700,
            Error::JwtMalformed => -701,
            Error::JwtHeaderBase64 => -702,
            Error::JwtPayloadBase64 => -703,
            Error::JwtSignatureBase64 => -704,
            Error::JwtHeaderInvalid => -705,
            Error::JwtHeaderDuplicate => -706,
            Error::JwtHeaderParameter => -707,
            Error::JwtAlgMissing => -708,
            Error::JwtAlgNone => -709,
            Error::JwtAlgMismatch => -710,
            Error::JwtTypInvalid => -711,
            Error::JwtCritUnsupported => -712,
            Error::JwtKeyNotFound => -713,
            Error::JwtSignatureMismatch => -714,
            Error::JwtPayloadInvalid => -715,
            Error::JwtPayloadDuplicate => -716,
            Error::JwtClaimType => -717,
            Error::JwtClaimRange => -718,
            Error::JwtMissingClaim => -719,
            Error::JwtExpired => -720,
            Error::JwtNotYetValid => -721,
            Error::JwtIssuerInvalid => -722,
            Error::JwtSubjectInvalid => -723,
            Error::JwtAudienceInvalid => -724,
            Error::JwtRevoked => -725,
            Error::JwtKeyInvalid => -726,

            Error::AuthSchemeMismatch => -800,
            Error::AuthMalformed => -801,
            Error::AuthMissingColon => -802,
            Error::AuthUserHasColon => -803,
            Error::AuthInvalidCharacter => -804,
            Error::SessionNotFound => -900,
            Error::SessionExpired => -901,
            Error::SessionExists => -902,
            Error::SessionStoreFull => -903,
            Error::EntropyTooShort => -904,
            Error::EntropyUnavailable => -905,
            Error::SessionIdMalformed => -906,
            Error::RevocationListFull => -907,
        }
    }

    /// The error for a numeric code, the inverse of [`Error::code`].
    /// [`Error::BufferTooSmall`] comes back with `needed: 0`, since the code
    /// alone does not carry the length. Unknown codes give `None`.
    ///
    /// ```
    /// use jeton::Error;
    /// assert_eq!(Error::from_code(Error::InvalidUtf8.code()), Some(Error::InvalidUtf8));
    /// assert_eq!(Error::from_code(0), None);
    /// ```
    pub const fn from_code(code: i32) -> Option<Error> {
        let mut rest = Error::ALL;
        while let [e, tail @ ..] = rest {
            if e.code() == code {
                return Some(*e);
            }
            rest = tail;
        }
        None
    }

    /// Every variant once, in code order (`BufferTooSmall` with `needed: 0`).
    /// The C ABI and its tests walk this list to stay complete.
    pub const ALL: &'static [Error] = &[
        Error::BufferTooSmall { needed: 0 },
        Error::InputTooLong,
        Error::TooManyItems,
        Error::CapacityExceeded,
        Error::InvalidPercentEncoding,
        Error::InvalidUtf8,
        Error::InvalidBase64,
        Error::CookieHeaderEmpty,
        Error::CookieMissingEquals,
        Error::CookieEmptyName,
        Error::CookieInvalidName,
        Error::CookieInvalidValue,
        Error::CookieInvalidSeparator,
        Error::CookieNotFound,
        Error::CookieInvalidDomain,
        Error::CookieInvalidPath,
        Error::CookieTooLarge,
        Error::CookieAttributeTooLong,
        Error::SameSiteNoneRequiresSecure,
        Error::PartitionedRequiresSecure,
        Error::CookiePrefixRequiresSecure,
        Error::CookiePrefixRequiresRootPath,
        Error::CookiePrefixForbidsDomain,
        Error::CookiePrefixRequiresHttpOnly,
        Error::DateOutOfRange,
        Error::InvalidCookieDate,
        Error::CookieDomainMismatch,
        Error::CookiePublicSuffix,
        Error::CookieInsecureOrigin,
        Error::InvalidUrl,
        Error::CookieControlCharacter,
        Error::SignatureMismatch,
        Error::SignatureMalformed,
        Error::UnknownSignedFormat,
        Error::EmptyKeyRing,
        Error::KeyAlgorithmMismatch,
        Error::JsonSyntax,
        Error::JsonUnexpectedEnd,
        Error::JsonInvalidString,
        Error::JsonInvalidUtf8,
        Error::JsonInvalidNumber,
        Error::JsonTooDeep,
        Error::JsonDuplicateMember,
        Error::JsonTrailingData,
        Error::JsonTooManyMembers,
        Error::JsonWrongType,
        Error::JsonNumberOutOfRange,
        Error::JwtTooLong,
        Error::JwtMalformed,
        Error::JwtHeaderBase64,
        Error::JwtPayloadBase64,
        Error::JwtSignatureBase64,
        Error::JwtHeaderInvalid,
        Error::JwtHeaderDuplicate,
        Error::JwtHeaderParameter,
        Error::JwtAlgMissing,
        Error::JwtAlgNone,
        Error::JwtAlgMismatch,
        Error::JwtTypInvalid,
        Error::JwtCritUnsupported,
        Error::JwtKeyNotFound,
        Error::JwtSignatureMismatch,
        Error::JwtPayloadInvalid,
        Error::JwtPayloadDuplicate,
        Error::JwtClaimType,
        Error::JwtClaimRange,
        Error::JwtMissingClaim,
        Error::JwtExpired,
        Error::JwtNotYetValid,
        Error::JwtIssuerInvalid,
        Error::JwtSubjectInvalid,
        Error::JwtAudienceInvalid,
        Error::JwtRevoked,
        Error::JwtKeyInvalid,
        Error::AuthSchemeMismatch,
        Error::AuthMalformed,
        Error::AuthMissingColon,
        Error::AuthUserHasColon,
        Error::AuthInvalidCharacter,
        Error::SessionNotFound,
        Error::SessionExpired,
        Error::SessionExists,
        Error::SessionStoreFull,
        Error::EntropyTooShort,
        Error::EntropyUnavailable,
        Error::SessionIdMalformed,
        Error::RevocationListFull,
    ];

    /// A short, stable, human-readable description.
    ///
    /// ```
    /// assert_eq!(jeton::Error::CookieEmptyName.as_str(), "cookie name is empty");
    /// ```
    pub const fn as_str(&self) -> &'static str {
        match self {
            Error::BufferTooSmall { .. } => "output buffer too small",
            Error::InputTooLong => "input longer than the configured limit",
            Error::TooManyItems => "more items than the configured limit",
            Error::CapacityExceeded => "fixed capacity exhausted",
            Error::InvalidPercentEncoding => "'%' not followed by two hex digits",
            Error::InvalidUtf8 => "percent-escaped bytes are not UTF-8",
            Error::InvalidBase64 => "not canonical base64",
            Error::CookieHeaderEmpty => "cookie header holds no cookie pair",
            Error::CookieMissingEquals => "cookie pair has no '='",
            Error::CookieEmptyName => "cookie name is empty",
            Error::CookieInvalidValue => "cookie value holds a byte outside cookie-octet",
            Error::CookieInvalidName => "cookie name is not an RFC 7230 token",
            Error::CookieInvalidSeparator => {
                "cookie pairs not separated by a semicolon and one space"
            }
            Error::CookieNotFound => "no cookie of that name",
            Error::CookieInvalidDomain => "cookie Domain is not a host name",
            Error::CookieInvalidPath => {
                "cookie Path not absolute, or holds a control byte, ';' or non-ASCII"
            }
            Error::CookieTooLarge => "cookie name and value exceed 4096 bytes",
            Error::CookieAttributeTooLong => "cookie attribute value exceeds 1024 bytes",
            Error::SameSiteNoneRequiresSecure => "SameSite=None requires Secure",
            Error::PartitionedRequiresSecure => "Partitioned requires Secure",
            Error::CookiePrefixRequiresSecure => "cookie name prefix requires Secure",
            Error::CookiePrefixRequiresRootPath => "__Host- cookie requires Path=/",
            Error::CookiePrefixForbidsDomain => "__Host- cookie must not set Domain",
            Error::CookiePrefixRequiresHttpOnly => "__Http- cookie requires HttpOnly",
            Error::DateOutOfRange => "date outside years 1601 to 9999",
            Error::InvalidCookieDate => "not a cookie date",
            Error::CookieDomainMismatch => "cookie Domain does not match the request host",
            Error::CookiePublicSuffix => "cookie Domain is a public suffix",
            Error::CookieInsecureOrigin => "secure cookie from an insecure origin",
            Error::InvalidUrl => "request URL could not be read",
            Error::CookieControlCharacter => "Set-Cookie holds a control character",
            Error::SignatureMismatch => "signature does not match any key",
            Error::SignatureMalformed => "signature is not in its format",
            Error::UnknownSignedFormat => "value is not in the signed format",
            Error::EmptyKeyRing => "key ring holds no key",
            Error::KeyAlgorithmMismatch => "key algorithm not the one the format requires",
            Error::JsonSyntax => "JSON syntax error",
            Error::JsonUnexpectedEnd => "JSON text ends early",
            Error::JsonInvalidString => "invalid JSON string",
            Error::JsonInvalidUtf8 => "JSON string is not UTF-8",
            Error::JsonInvalidNumber => "invalid JSON number",
            Error::JsonTooDeep => "JSON nests too deep",
            Error::JsonDuplicateMember => "duplicate JSON member name",
            Error::JsonTrailingData => "data after the JSON value",
            Error::JsonTooManyMembers => "too many JSON members",
            Error::JsonWrongType => "JSON value of another type",
            Error::JsonNumberOutOfRange => "JSON number out of range",
            Error::JwtTooLong => "JWT longer than the limit",
            Error::JwtMalformed => "JWT is not three segments",
            Error::JwtHeaderBase64 => "JWT header is not canonical base64url",
            Error::JwtPayloadBase64 => "JWT payload is not canonical base64url",
            Error::JwtSignatureBase64 => "JWT signature is not canonical base64url",
            Error::JwtHeaderInvalid => "JWT header is not a JSON object",
            Error::JwtHeaderDuplicate => "JWT header holds a duplicate member",
            Error::JwtHeaderParameter => "JWT header parameter of the wrong type",
            Error::JwtAlgMissing => "JWT header has no alg",
            Error::JwtAlgNone => "JWT alg none is never accepted",
            Error::JwtAlgMismatch => "JWT alg does not match the key",
            Error::JwtTypInvalid => "JWT typ is not JWT",
            Error::JwtCritUnsupported => "JWT crit lists an unsupported extension",
            Error::JwtKeyNotFound => "no key for the JWT kid",
            Error::JwtSignatureMismatch => "JWT signature does not verify",
            Error::JwtPayloadInvalid => "JWT payload is not a JSON object",
            Error::JwtPayloadDuplicate => "JWT claims set holds a duplicate claim",
            Error::JwtClaimType => "JWT registered claim of the wrong type",
            Error::JwtClaimRange => "JWT date out of range",
            Error::JwtMissingClaim => "required JWT claim missing",
            Error::JwtExpired => "JWT expired",
            Error::JwtNotYetValid => "JWT not yet valid",
            Error::JwtIssuerInvalid => "JWT issuer not accepted",
            Error::JwtSubjectInvalid => "JWT subject not accepted",
            Error::JwtAudienceInvalid => "JWT audience not accepted",
            Error::JwtRevoked => "JWT revoked",
            Error::JwtKeyInvalid => "key cannot be used for JWT",
            Error::AuthSchemeMismatch => "authorization scheme mismatch",
            Error::AuthMalformed => "malformed credentials",
            Error::AuthMissingColon => "Basic credentials hold no colon",
            Error::AuthUserHasColon => "Basic user-id holds a colon",
            Error::AuthInvalidCharacter => "invalid character in credentials or challenge",
            Error::SessionNotFound => "session not found",
            Error::SessionExpired => "session expired",
            Error::SessionExists => "session exists",
            Error::SessionStoreFull => "session store full",
            Error::EntropyTooShort => "less than 128 bits of entropy",
            Error::EntropyUnavailable => "entropy source failed",
            Error::SessionIdMalformed => "malformed session ID",
            Error::RevocationListFull => "revocation list full",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BufferTooSmall { needed } => {
                write!(f, "output buffer too small: {needed} bytes needed")
            }
            other => f.write_str(other.as_str()),
        }
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn codes_are_unique_negative_and_round_trip() {
        for (i, a) in Error::ALL.iter().enumerate() {
            assert!(a.code() < 0, "{a:?}");
            assert_eq!(Error::from_code(a.code()), Some(*a));
            for b in Error::ALL.iter().skip(i + 1) {
                assert_ne!(a.code(), b.code(), "{a:?} and {b:?} share a code");
            }
        }
    }

    /// Exhaustive on purpose: a new variant fails to compile here until it
    /// is placed in `Error::ALL` as well.
    fn position(e: Error) -> usize {
        match e {
            Error::BufferTooSmall { .. } => 0,
            Error::InputTooLong => 1,
            Error::TooManyItems => 2,
            Error::CapacityExceeded => 3,
            Error::InvalidPercentEncoding => 4,
            Error::InvalidUtf8 => 5,
            Error::InvalidBase64 => 6,
            Error::CookieHeaderEmpty => 7,
            Error::CookieMissingEquals => 8,
            Error::CookieEmptyName => 9,
            Error::CookieInvalidName => 10,
            Error::CookieInvalidValue => 11,
            Error::CookieInvalidSeparator => 12,
            Error::CookieNotFound => 13,
            Error::CookieInvalidDomain => 14,
            Error::CookieInvalidPath => 15,
            Error::CookieTooLarge => 16,
            Error::CookieAttributeTooLong => 17,
            Error::SameSiteNoneRequiresSecure => 18,
            Error::PartitionedRequiresSecure => 19,
            Error::CookiePrefixRequiresSecure => 20,
            Error::CookiePrefixRequiresRootPath => 21,
            Error::CookiePrefixForbidsDomain => 22,
            Error::CookiePrefixRequiresHttpOnly => 23,
            Error::DateOutOfRange => 24,
            Error::InvalidCookieDate => 25,
            Error::CookieDomainMismatch => 26,
            Error::CookiePublicSuffix => 27,
            Error::CookieInsecureOrigin => 28,
            Error::InvalidUrl => 29,
            Error::CookieControlCharacter => 30,
            Error::SignatureMismatch => 31,
            Error::SignatureMalformed => 32,
            Error::UnknownSignedFormat => 33,
            Error::EmptyKeyRing => 34,
            Error::KeyAlgorithmMismatch => 35,
            Error::JsonSyntax => 36,
            Error::JsonUnexpectedEnd => 37,
            Error::JsonInvalidString => 38,
            Error::JsonInvalidUtf8 => 39,
            Error::JsonInvalidNumber => 40,
            Error::JsonTooDeep => 41,
            Error::JsonDuplicateMember => 42,
            Error::JsonTrailingData => 43,
            Error::JsonTooManyMembers => 44,
            Error::JsonWrongType => 45,
            Error::JsonNumberOutOfRange => 46,
            Error::JwtTooLong => 47,
            Error::JwtMalformed => 48,
            Error::JwtHeaderBase64 => 49,
            Error::JwtPayloadBase64 => 50,
            Error::JwtSignatureBase64 => 51,
            Error::JwtHeaderInvalid => 52,
            Error::JwtHeaderDuplicate => 53,
            Error::JwtHeaderParameter => 54,
            Error::JwtAlgMissing => 55,
            Error::JwtAlgNone => 56,
            Error::JwtAlgMismatch => 57,
            Error::JwtTypInvalid => 58,
            Error::JwtCritUnsupported => 59,
            Error::JwtKeyNotFound => 60,
            Error::JwtSignatureMismatch => 61,
            Error::JwtPayloadInvalid => 62,
            Error::JwtPayloadDuplicate => 63,
            Error::JwtClaimType => 64,
            Error::JwtClaimRange => 65,
            Error::JwtMissingClaim => 66,
            Error::JwtExpired => 67,
            Error::JwtNotYetValid => 68,
            Error::JwtIssuerInvalid => 69,
            Error::JwtSubjectInvalid => 70,
            Error::JwtAudienceInvalid => 71,
            Error::JwtRevoked => 72,
            Error::JwtKeyInvalid => 73,
            Error::AuthSchemeMismatch => 74,
            Error::AuthMalformed => 75,
            Error::AuthMissingColon => 76,
            Error::AuthUserHasColon => 77,
            Error::AuthInvalidCharacter => 78,
            Error::SessionNotFound => 79,
            Error::SessionExpired => 80,
            Error::SessionExists => 81,
            Error::SessionStoreFull => 82,
            Error::EntropyTooShort => 83,
            Error::EntropyUnavailable => 84,
            Error::SessionIdMalformed => 85,
            Error::RevocationListFull => 86,
        }
    }

    #[test]
    fn all_lists_every_variant_in_code_order() {
        assert_eq!(Error::ALL.len(), 87);
        for (i, e) in Error::ALL.iter().enumerate() {
            assert_eq!(position(*e), i, "{e:?}");
        }
        for pair in Error::ALL.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.code() > b.code(), "{a:?} before {b:?}");
        }
    }

    /// Descriptions go into `error_description` of Bearer challenges and
    /// into C strings: printable ASCII without `"` or `\`.
    #[test]
    fn descriptions_are_plain_printable_ascii() {
        for e in Error::ALL {
            assert!(
                e.as_str()
                    .bytes()
                    .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)),
                "{e:?}"
            );
        }
    }

    #[test]
    fn descriptions_are_distinct() {
        for (i, a) in Error::ALL.iter().enumerate() {
            for b in Error::ALL.iter().skip(i + 1) {
                assert_ne!(a.as_str(), b.as_str());
            }
        }
    }
}
