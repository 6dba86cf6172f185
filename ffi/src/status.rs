//! `jeton_status`: the return value of every function, its named values,
//! and `jeton_status_str`.
//!
//! The core errors keep the numbers [`jeton::Error::code`] gives them
//! (negative, grouped by hundreds, never reused); the C layer adds its own
//! failures from -9000 down and one positive, non-error value,
//! `JETON_DONE`. A number once published is never given another meaning;
//! a retired one stays here as a comment.

use core::ffi::{CStr, c_char};

use jeton::Error;

use crate::boundary::boundary;

/// The result of a jeton function: `JETON_OK` (0) on success, a negative
/// `JETON_ERR_*` value on failure, or `JETON_DONE` (positive) when an
/// iteration has no more items. Always 32 bits wide; the values are listed
/// in `enum jeton_status_code`.
pub type jeton_status = i32;

/// Every value a `jeton_status` takes. Compare a `jeton_status` with these
/// constants; new failures may be added in later versions, so treat any
/// negative value you do not know as a failure and print it with
/// `jeton_status_str`.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum jeton_status_code {
    /// Success.
    JETON_OK = 0,
    /// Not an error: the iteration has no more items, and nothing was
    /// written.
    JETON_DONE = 1,

    // General: -1 .. -99.
    /// The output buffer is too small. The length that would have fit the
    /// whole result was written to the function's length out-pointer
    /// (`snprintf` convention) and the buffer holds no partial result.
    JETON_ERR_BUFFER_TOO_SMALL = -1,
    /// The input is longer than the limit in force.
    JETON_ERR_INPUT_TOO_LONG = -2,
    /// The input holds more items (cookie pairs, ...) than the limit in
    /// force.
    JETON_ERR_TOO_MANY_ITEMS = -3,
    /// A fixed-capacity object (key ring, cookie jar, JWT key set) has no
    /// room left.
    JETON_ERR_CAPACITY_EXCEEDED = -4,

    // Encodings: -100 .. -199.
    /// A `%` is not followed by two hexadecimal digits.
    JETON_ERR_INVALID_PERCENT_ENCODING = -100,
    /// Percent-escaped bytes do not form UTF-8.
    JETON_ERR_INVALID_UTF8 = -101,
    /// Not the canonical base64 of anything (alphabet, length, padding or
    /// trailing bits).
    JETON_ERR_INVALID_BASE64 = -102,

    // Cookie request header: -200 .. -299.
    /// The `Cookie` header holds no cookie pair at all.
    JETON_ERR_COOKIE_HEADER_EMPTY = -200,
    /// A cookie pair has no `=`.
    JETON_ERR_COOKIE_MISSING_EQUALS = -201,
    /// A cookie name is empty.
    JETON_ERR_COOKIE_EMPTY_NAME = -202,
    /// A cookie name is not an RFC 7230 token.
    JETON_ERR_COOKIE_INVALID_NAME = -203,
    /// A cookie value holds a byte outside RFC 6265 cookie-octet, or
    /// unbalanced double quotes.
    JETON_ERR_COOKIE_INVALID_VALUE = -204,
    /// Cookie pairs are not separated by exactly `"; "`.
    JETON_ERR_COOKIE_INVALID_SEPARATOR = -205,
    /// The request carries no cookie of the name asked for.
    JETON_ERR_COOKIE_NOT_FOUND = -206,

    // Set-Cookie formatting rules: -300 .. -399.
    /// The `Domain` attribute is not a host name.
    JETON_ERR_COOKIE_INVALID_DOMAIN = -300,
    /// The `Path` attribute does not start with `/`, or holds a control
    /// character, `;` or a non-ASCII byte.
    JETON_ERR_COOKIE_INVALID_PATH = -301,
    /// Name and value together exceed 4096 bytes.
    JETON_ERR_COOKIE_TOO_LARGE = -302,
    /// An attribute value exceeds 1024 bytes.
    JETON_ERR_COOKIE_ATTRIBUTE_TOO_LONG = -303,
    /// `SameSite=None` without `Secure`.
    JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE = -304,
    /// `Partitioned` without `Secure`.
    JETON_ERR_PARTITIONED_REQUIRES_SECURE = -305,
    /// A `__Secure-`, `__Host-`, `__Http-` or `__Host-Http-` cookie without
    /// `Secure`.
    JETON_ERR_COOKIE_PREFIX_REQUIRES_SECURE = -306,
    /// A `__Host-` cookie whose `Path` is not `/`.
    JETON_ERR_COOKIE_PREFIX_REQUIRES_ROOT_PATH = -307,
    /// A `__Host-` cookie with a `Domain`.
    JETON_ERR_COOKIE_PREFIX_FORBIDS_DOMAIN = -308,
    /// An `__Http-` or `__Host-Http-` cookie without `HttpOnly`.
    JETON_ERR_COOKIE_PREFIX_REQUIRES_HTTP_ONLY = -309,
    /// A date outside the years 1601 to 9999.
    JETON_ERR_DATE_OUT_OF_RANGE = -310,

    // Set-Cookie parsing and the cookie jar: -400 .. -499.
    /// Not a cookie date (RFC 6265 section 5.1.1).
    JETON_ERR_INVALID_COOKIE_DATE = -400,
    /// The `Domain` attribute does not domain-match the request host.
    JETON_ERR_COOKIE_DOMAIN_MISMATCH = -401,
    /// The `Domain` attribute is a public suffix.
    JETON_ERR_COOKIE_PUBLIC_SUFFIX = -402,
    /// A `Secure` cookie (or one shadowing a `Secure` cookie) from an
    /// insecure URL.
    JETON_ERR_COOKIE_INSECURE_ORIGIN = -403,
    /// The request URL could not be read.
    JETON_ERR_INVALID_URL = -404,
    /// The `Set-Cookie` header holds a control character other than HTAB.
    JETON_ERR_COOKIE_CONTROL_CHARACTER = -405,

    // MAC keys and signed values: -500 .. -599.
    /// The signature is well-formed but no key produces it.
    JETON_ERR_SIGNATURE_MISMATCH = -500,
    /// The signature is not in its format (not canonical base64, or a
    /// length no key produces).
    JETON_ERR_SIGNATURE_MALFORMED = -501,
    /// The value carries no signature in the expected format.
    JETON_ERR_UNKNOWN_SIGNED_FORMAT = -502,
    /// The key ring holds no key.
    JETON_ERR_EMPTY_KEY_RING = -503,
    /// The key's algorithm is not the one the format requires
    /// (cookie-signature is HMAC-SHA256 only).
    JETON_ERR_KEY_ALGORITHM_MISMATCH = -504,

    // JSON: -600 .. -699.
    /// A byte that the JSON grammar does not allow here.
    JETON_ERR_JSON_SYNTAX = -600,
    /// The JSON text ends in the middle of a value.
    JETON_ERR_JSON_UNEXPECTED_END = -601,
    /// A JSON string holds a raw control character, an unknown escape, or a
    /// `\u` escape that is a lone surrogate.
    JETON_ERR_JSON_INVALID_STRING = -602,
    /// A JSON string holds bytes that are not UTF-8.
    JETON_ERR_JSON_INVALID_UTF8 = -603,
    /// A malformed JSON number (`01`, `1.`, `-`, `1e`).
    JETON_ERR_JSON_INVALID_NUMBER = -604,
    /// Arrays and objects nest deeper than the limit.
    JETON_ERR_JSON_TOO_DEEP = -605,
    /// An object holds two members of the same name where names must be
    /// unique.
    JETON_ERR_JSON_DUPLICATE_MEMBER = -606,
    /// Something follows the JSON value.
    JETON_ERR_JSON_TRAILING_DATA = -607,
    /// An object holds more members than the limit.
    JETON_ERR_JSON_TOO_MANY_MEMBERS = -608,
    /// A JSON value read as a type it does not have.
    JETON_ERR_JSON_WRONG_TYPE = -609,
    /// A JSON number outside the range it is read into.
    JETON_ERR_JSON_NUMBER_OUT_OF_RANGE = -610,

    // JWT: -700 .. -799.
    /// The token is longer than the verifier's limit.
    JETON_ERR_JWT_TOO_LONG = -700,
    /// The token is not three non-empty segments separated by dots.
    JETON_ERR_JWT_MALFORMED = -701,
    /// The header segment is not canonical unpadded base64url.
    JETON_ERR_JWT_HEADER_BASE64 = -702,
    /// The payload segment is not canonical unpadded base64url.
    JETON_ERR_JWT_PAYLOAD_BASE64 = -703,
    /// The signature segment is not canonical unpadded base64url, or not the
    /// length of the algorithm's tag.
    JETON_ERR_JWT_SIGNATURE_BASE64 = -704,
    /// The header is not a JSON object (or is not JSON at all).
    JETON_ERR_JWT_HEADER_INVALID = -705,
    /// The header holds a member twice.
    JETON_ERR_JWT_HEADER_DUPLICATE = -706,
    /// A header parameter has the wrong type (`alg`, `typ`, `kid` not
    /// strings, `crit` not a non-empty array of strings).
    JETON_ERR_JWT_HEADER_PARAMETER = -707,
    /// The header has no `alg`.
    JETON_ERR_JWT_ALG_MISSING = -708,
    /// The header says `alg: none` (in any case): never accepted.
    JETON_ERR_JWT_ALG_NONE = -709,
    /// The header's `alg` is not the algorithm of the key.
    JETON_ERR_JWT_ALG_MISMATCH = -710,
    /// The header's `typ` is present and not `JWT`.
    JETON_ERR_JWT_TYP_INVALID = -711,
    /// The header lists a critical extension (`crit`) jeton does not
    /// implement.
    JETON_ERR_JWT_CRIT_UNSUPPORTED = -712,
    /// No key of the key set matches the token's `kid` (or the set is
    /// empty).
    JETON_ERR_JWT_KEY_NOT_FOUND = -713,
    /// The signature does not verify.
    JETON_ERR_JWT_SIGNATURE_MISMATCH = -714,
    /// The payload is not a JSON object.
    JETON_ERR_JWT_PAYLOAD_INVALID = -715,
    /// The claims set holds a claim twice.
    JETON_ERR_JWT_PAYLOAD_DUPLICATE = -716,
    /// A registered claim has the wrong type (a string `exp`, a numeric
    /// `iss`, an `aud` array holding a number, ...).
    JETON_ERR_JWT_CLAIM_TYPE = -717,
    /// A NumericDate beyond the range jeton represents (never read as "no
    /// expiry").
    JETON_ERR_JWT_CLAIM_RANGE = -718,
    /// A required claim is absent.
    JETON_ERR_JWT_MISSING_CLAIM = -719,
    /// `exp` has passed (leeway included).
    JETON_ERR_JWT_EXPIRED = -720,
    /// `nbf` is still ahead (leeway included).
    JETON_ERR_JWT_NOT_YET_VALID = -721,
    /// `iss` is not an accepted issuer.
    JETON_ERR_JWT_ISSUER_INVALID = -722,
    /// `sub` is not the expected subject.
    JETON_ERR_JWT_SUBJECT_INVALID = -723,
    /// No `aud` value is an accepted audience, or the token names an audience
    /// and the verifier accepts none.
    JETON_ERR_JWT_AUDIENCE_INVALID = -724,
    /// The token's `jti` is on the revocation list.
    JETON_ERR_JWT_REVOKED = -725,
    /// The key cannot sign JWTs: HMAC-SHA1 has no JWS algorithm, or its
    /// `kid` is longer than the key set holds.
    JETON_ERR_JWT_KEY_INVALID = -726,

    // HTTP authentication: -800 .. -899.
    /// The `Authorization` header uses another scheme.
    JETON_ERR_AUTH_SCHEME_MISMATCH = -800,
    /// The credentials are missing or not in their syntax (token68 /
    /// b64token, base64 for Basic).
    JETON_ERR_AUTH_MALFORMED = -801,
    /// Decoded Basic credentials hold no `:` between user-id and password.
    JETON_ERR_AUTH_MISSING_COLON = -802,
    /// A Basic user-id holds a `:` (RFC 7617 forbids it).
    JETON_ERR_AUTH_USER_HAS_COLON = -803,
    /// A control character (or, in a Bearer challenge, a character RFC 6750
    /// does not allow) in a credential or challenge parameter.
    JETON_ERR_AUTH_INVALID_CHARACTER = -804,

    // Sessions and revocation: -900 .. -999.
    /// No live session has this ID.
    JETON_ERR_SESSION_NOT_FOUND = -900,
    /// The session has expired.
    JETON_ERR_SESSION_EXPIRED = -901,
    /// A session with this ID exists already.
    JETON_ERR_SESSION_EXISTS = -902,
    /// The store is full of live sessions: none is evicted to make room.
    JETON_ERR_SESSION_STORE_FULL = -903,
    /// Fewer than 16 bytes (128 bits) of entropy for a session ID.
    JETON_ERR_ENTROPY_TOO_SHORT = -904,
    /// The entropy source failed.
    JETON_ERR_ENTROPY_UNAVAILABLE = -905,
    /// A session ID that is not one jeton makes (length, alphabet).
    JETON_ERR_SESSION_ID_MALFORMED = -906,
    /// The revocation list is full of entries that have not lapsed.
    JETON_ERR_REVOCATION_LIST_FULL = -907,

    // The C layer: -9000 .. -9999.
    /// A pointer argument is NULL (or an output buffer is NULL with a
    /// non-zero length).
    JETON_ERR_NULL_POINTER = -9000,
    /// An argument is out of its range: an unknown enumeration value or
    /// flag bit, a length beyond `PTRDIFF_MAX`, a misaligned pointer, an
    /// optional field with a NULL pointer and a non-zero length.
    JETON_ERR_INVALID_ARGUMENT = -9001,
    /// A bug inside jeton panicked; the panic was caught at the C boundary.
    /// An object the call was changing must be cleared and initialized
    /// again.
    JETON_ERR_PANIC = -9002,
    /// The object was not initialized by its `_init` function, or was
    /// cleared since.
    JETON_ERR_NOT_INITIALIZED = -9003,
    /// An output buffer overlaps an input, an object, or another output
    /// buffer.
    JETON_ERR_OVERLAPPING_BUFFERS = -9004,
}

pub(crate) use jeton_status_code::*;

/// A failure on its way out of an exported function: the status to
/// return. `?` turns a core [`Error`] into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fail(pub(crate) jeton_status);

impl Fail {
    pub(crate) const NULL: Fail = Fail(JETON_ERR_NULL_POINTER as jeton_status);
    pub(crate) const INVALID: Fail = Fail(JETON_ERR_INVALID_ARGUMENT as jeton_status);
    pub(crate) const NOT_INITIALIZED: Fail = Fail(JETON_ERR_NOT_INITIALIZED as jeton_status);
    pub(crate) const OVERLAP: Fail = Fail(JETON_ERR_OVERLAPPING_BUFFERS as jeton_status);
    pub(crate) const BUFFER_TOO_SMALL: Fail = Fail(JETON_ERR_BUFFER_TOO_SMALL as jeton_status);
}

impl From<Error> for Fail {
    /// The core's own code: every core error keeps its number in C, even
    /// one this layer does not name yet.
    fn from(e: Error) -> Fail {
        Fail(e.code())
    }
}

/// Copies `s` into an array of `N` bytes, `N` being one more than its
/// length, so that it ends in NUL.
const fn nul_terminated<const N: usize>(s: &str) -> [u8; N] {
    let bytes = s.as_bytes();
    assert!(bytes.len() + 1 == N);
    let mut out = [0u8; N];
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i] != 0, "status text holds a NUL");
        out[i] = bytes[i];
        i += 1;
    }
    out
}

/// A `&'static CStr` from any constant `&str` expression, checked at
/// compile time.
macro_rules! c_text {
    ($text:expr) => {{
        const TEXT: &str = $text;
        const BYTES: [u8; TEXT.len() + 1] = nul_terminated::<{ TEXT.len() + 1 }>(TEXT);
        match CStr::from_bytes_with_nul(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("not a C string"),
        }
    }};
}

/// One named status: its value, the C constant's name, its description
/// and, for a core status, the core error.
#[derive(Debug)]
pub(crate) struct StatusInfo {
    pub(crate) code: jeton_status_code,
    /// Read by the tests, which check it against the core variant.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) name: &'static str,
    pub(crate) text: &'static CStr,
    /// Read by the tests, which check the table against `Error::ALL`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) error: Option<Error>,
}

macro_rules! core_status {
    ($code:ident, $error:expr) => {
        StatusInfo {
            code: $code,
            name: stringify!($code),
            text: c_text!($error.as_str()),
            error: Some($error),
        }
    };
}

macro_rules! ffi_status {
    ($code:ident, $text:literal) => {
        StatusInfo {
            code: $code,
            name: stringify!($code),
            text: c_text!($text),
            error: None,
        }
    };
}

/// Every named status. The descriptions of core statuses are the core's
/// own ([`Error::as_str`]), made NUL-terminated at compile time.
pub(crate) static STATUSES: &[StatusInfo] = &[
    ffi_status!(JETON_OK, "ok"),
    ffi_status!(JETON_DONE, "no more items"),
    core_status!(
        JETON_ERR_BUFFER_TOO_SMALL,
        Error::BufferTooSmall { needed: 0 }
    ),
    core_status!(JETON_ERR_INPUT_TOO_LONG, Error::InputTooLong),
    core_status!(JETON_ERR_TOO_MANY_ITEMS, Error::TooManyItems),
    core_status!(JETON_ERR_CAPACITY_EXCEEDED, Error::CapacityExceeded),
    core_status!(
        JETON_ERR_INVALID_PERCENT_ENCODING,
        Error::InvalidPercentEncoding
    ),
    core_status!(JETON_ERR_INVALID_UTF8, Error::InvalidUtf8),
    core_status!(JETON_ERR_INVALID_BASE64, Error::InvalidBase64),
    core_status!(JETON_ERR_COOKIE_HEADER_EMPTY, Error::CookieHeaderEmpty),
    core_status!(JETON_ERR_COOKIE_MISSING_EQUALS, Error::CookieMissingEquals),
    core_status!(JETON_ERR_COOKIE_EMPTY_NAME, Error::CookieEmptyName),
    core_status!(JETON_ERR_COOKIE_INVALID_NAME, Error::CookieInvalidName),
    core_status!(JETON_ERR_COOKIE_INVALID_VALUE, Error::CookieInvalidValue),
    core_status!(
        JETON_ERR_COOKIE_INVALID_SEPARATOR,
        Error::CookieInvalidSeparator
    ),
    core_status!(JETON_ERR_COOKIE_NOT_FOUND, Error::CookieNotFound),
    core_status!(JETON_ERR_COOKIE_INVALID_DOMAIN, Error::CookieInvalidDomain),
    core_status!(JETON_ERR_COOKIE_INVALID_PATH, Error::CookieInvalidPath),
    core_status!(JETON_ERR_COOKIE_TOO_LARGE, Error::CookieTooLarge),
    core_status!(
        JETON_ERR_COOKIE_ATTRIBUTE_TOO_LONG,
        Error::CookieAttributeTooLong
    ),
    core_status!(
        JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE,
        Error::SameSiteNoneRequiresSecure
    ),
    core_status!(
        JETON_ERR_PARTITIONED_REQUIRES_SECURE,
        Error::PartitionedRequiresSecure
    ),
    core_status!(
        JETON_ERR_COOKIE_PREFIX_REQUIRES_SECURE,
        Error::CookiePrefixRequiresSecure
    ),
    core_status!(
        JETON_ERR_COOKIE_PREFIX_REQUIRES_ROOT_PATH,
        Error::CookiePrefixRequiresRootPath
    ),
    core_status!(
        JETON_ERR_COOKIE_PREFIX_FORBIDS_DOMAIN,
        Error::CookiePrefixForbidsDomain
    ),
    core_status!(
        JETON_ERR_COOKIE_PREFIX_REQUIRES_HTTP_ONLY,
        Error::CookiePrefixRequiresHttpOnly
    ),
    core_status!(JETON_ERR_DATE_OUT_OF_RANGE, Error::DateOutOfRange),
    core_status!(JETON_ERR_INVALID_COOKIE_DATE, Error::InvalidCookieDate),
    core_status!(
        JETON_ERR_COOKIE_DOMAIN_MISMATCH,
        Error::CookieDomainMismatch
    ),
    core_status!(JETON_ERR_COOKIE_PUBLIC_SUFFIX, Error::CookiePublicSuffix),
    core_status!(
        JETON_ERR_COOKIE_INSECURE_ORIGIN,
        Error::CookieInsecureOrigin
    ),
    core_status!(JETON_ERR_INVALID_URL, Error::InvalidUrl),
    core_status!(
        JETON_ERR_COOKIE_CONTROL_CHARACTER,
        Error::CookieControlCharacter
    ),
    core_status!(JETON_ERR_SIGNATURE_MISMATCH, Error::SignatureMismatch),
    core_status!(JETON_ERR_SIGNATURE_MALFORMED, Error::SignatureMalformed),
    core_status!(JETON_ERR_UNKNOWN_SIGNED_FORMAT, Error::UnknownSignedFormat),
    core_status!(JETON_ERR_EMPTY_KEY_RING, Error::EmptyKeyRing),
    core_status!(
        JETON_ERR_KEY_ALGORITHM_MISMATCH,
        Error::KeyAlgorithmMismatch
    ),
    core_status!(JETON_ERR_JSON_SYNTAX, Error::JsonSyntax),
    core_status!(JETON_ERR_JSON_UNEXPECTED_END, Error::JsonUnexpectedEnd),
    core_status!(JETON_ERR_JSON_INVALID_STRING, Error::JsonInvalidString),
    core_status!(JETON_ERR_JSON_INVALID_UTF8, Error::JsonInvalidUtf8),
    core_status!(JETON_ERR_JSON_INVALID_NUMBER, Error::JsonInvalidNumber),
    core_status!(JETON_ERR_JSON_TOO_DEEP, Error::JsonTooDeep),
    core_status!(JETON_ERR_JSON_DUPLICATE_MEMBER, Error::JsonDuplicateMember),
    core_status!(JETON_ERR_JSON_TRAILING_DATA, Error::JsonTrailingData),
    core_status!(JETON_ERR_JSON_TOO_MANY_MEMBERS, Error::JsonTooManyMembers),
    core_status!(JETON_ERR_JSON_WRONG_TYPE, Error::JsonWrongType),
    core_status!(
        JETON_ERR_JSON_NUMBER_OUT_OF_RANGE,
        Error::JsonNumberOutOfRange
    ),
    core_status!(JETON_ERR_JWT_TOO_LONG, Error::JwtTooLong),
    core_status!(JETON_ERR_JWT_MALFORMED, Error::JwtMalformed),
    core_status!(JETON_ERR_JWT_HEADER_BASE64, Error::JwtHeaderBase64),
    core_status!(JETON_ERR_JWT_PAYLOAD_BASE64, Error::JwtPayloadBase64),
    core_status!(JETON_ERR_JWT_SIGNATURE_BASE64, Error::JwtSignatureBase64),
    core_status!(JETON_ERR_JWT_HEADER_INVALID, Error::JwtHeaderInvalid),
    core_status!(JETON_ERR_JWT_HEADER_DUPLICATE, Error::JwtHeaderDuplicate),
    core_status!(JETON_ERR_JWT_HEADER_PARAMETER, Error::JwtHeaderParameter),
    core_status!(JETON_ERR_JWT_ALG_MISSING, Error::JwtAlgMissing),
    core_status!(JETON_ERR_JWT_ALG_NONE, Error::JwtAlgNone),
    core_status!(JETON_ERR_JWT_ALG_MISMATCH, Error::JwtAlgMismatch),
    core_status!(JETON_ERR_JWT_TYP_INVALID, Error::JwtTypInvalid),
    core_status!(JETON_ERR_JWT_CRIT_UNSUPPORTED, Error::JwtCritUnsupported),
    core_status!(JETON_ERR_JWT_KEY_NOT_FOUND, Error::JwtKeyNotFound),
    core_status!(
        JETON_ERR_JWT_SIGNATURE_MISMATCH,
        Error::JwtSignatureMismatch
    ),
    core_status!(JETON_ERR_JWT_PAYLOAD_INVALID, Error::JwtPayloadInvalid),
    core_status!(JETON_ERR_JWT_PAYLOAD_DUPLICATE, Error::JwtPayloadDuplicate),
    core_status!(JETON_ERR_JWT_CLAIM_TYPE, Error::JwtClaimType),
    core_status!(JETON_ERR_JWT_CLAIM_RANGE, Error::JwtClaimRange),
    core_status!(JETON_ERR_JWT_MISSING_CLAIM, Error::JwtMissingClaim),
    core_status!(JETON_ERR_JWT_EXPIRED, Error::JwtExpired),
    core_status!(JETON_ERR_JWT_NOT_YET_VALID, Error::JwtNotYetValid),
    core_status!(JETON_ERR_JWT_ISSUER_INVALID, Error::JwtIssuerInvalid),
    core_status!(JETON_ERR_JWT_SUBJECT_INVALID, Error::JwtSubjectInvalid),
    core_status!(JETON_ERR_JWT_AUDIENCE_INVALID, Error::JwtAudienceInvalid),
    core_status!(JETON_ERR_JWT_REVOKED, Error::JwtRevoked),
    core_status!(JETON_ERR_JWT_KEY_INVALID, Error::JwtKeyInvalid),
    core_status!(JETON_ERR_AUTH_SCHEME_MISMATCH, Error::AuthSchemeMismatch),
    core_status!(JETON_ERR_AUTH_MALFORMED, Error::AuthMalformed),
    core_status!(JETON_ERR_AUTH_MISSING_COLON, Error::AuthMissingColon),
    core_status!(JETON_ERR_AUTH_USER_HAS_COLON, Error::AuthUserHasColon),
    core_status!(
        JETON_ERR_AUTH_INVALID_CHARACTER,
        Error::AuthInvalidCharacter
    ),
    core_status!(JETON_ERR_SESSION_NOT_FOUND, Error::SessionNotFound),
    core_status!(JETON_ERR_SESSION_EXPIRED, Error::SessionExpired),
    core_status!(JETON_ERR_SESSION_EXISTS, Error::SessionExists),
    core_status!(JETON_ERR_SESSION_STORE_FULL, Error::SessionStoreFull),
    core_status!(JETON_ERR_ENTROPY_TOO_SHORT, Error::EntropyTooShort),
    core_status!(JETON_ERR_ENTROPY_UNAVAILABLE, Error::EntropyUnavailable),
    core_status!(JETON_ERR_SESSION_ID_MALFORMED, Error::SessionIdMalformed),
    core_status!(JETON_ERR_REVOCATION_LIST_FULL, Error::RevocationListFull),
    ffi_status!(JETON_ERR_NULL_POINTER, "NULL pointer argument"),
    ffi_status!(JETON_ERR_INVALID_ARGUMENT, "argument out of range"),
    ffi_status!(JETON_ERR_PANIC, "internal panic caught at the C boundary"),
    ffi_status!(
        JETON_ERR_NOT_INITIALIZED,
        "object not initialized or already cleared"
    ),
    ffi_status!(
        JETON_ERR_OVERLAPPING_BUFFERS,
        "output buffer overlaps another argument"
    ),
];

/// What `jeton_status_str` answers for a value it does not know.
pub(crate) const UNKNOWN_STATUS: &CStr = c"unknown status";

/// The description of `status`, or [`UNKNOWN_STATUS`].
pub(crate) fn describe(status: jeton_status) -> &'static CStr {
    STATUSES
        .iter()
        .find(|s| s.code as jeton_status == status)
        .map_or(UNKNOWN_STATUS, |s| s.text)
}

/// Describes a status in a few words of English: a static, NUL-terminated
/// string that must not be freed or modified, for every value including
/// unknown ones (`"unknown status"`). Never returns NULL.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_status_str(status: jeton_status) -> *const c_char {
    boundary(|| describe(status))
}

/// `true` for the failures, the negative statuses: `JETON_OK` and
/// `JETON_DONE` are not failures.
#[unsafe(no_mangle)]
pub extern "C" fn jeton_status_is_error(status: jeton_status) -> bool {
    boundary(|| status < 0)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::ffi::CStr;
    use std::format;
    use std::string::String;

    use super::*;

    /// `CookieInvalidName` → `JETON_ERR_COOKIE_INVALID_NAME`.
    fn c_name(e: &Error) -> String {
        let debug = format!("{e:?}");
        let variant: String = debug
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let mut name = String::from("JETON_ERR");
        for c in variant.chars() {
            if c.is_ascii_uppercase() {
                name.push('_');
            }
            name.push(c.to_ascii_uppercase());
        }
        name
    }

    #[test]
    fn every_core_error_has_a_named_constant_and_a_description() {
        for e in Error::ALL {
            let info = STATUSES
                .iter()
                .find(|s| s.code as jeton_status == e.code())
                .unwrap_or_else(|| {
                    panic!(
                        "core error {e:?} (code {}) has no C constant: add {} to \
                         jeton_status_code and STATUSES",
                        e.code(),
                        c_name(e)
                    )
                });
            assert_eq!(info.name, c_name(e), "constant of {e:?}");
            assert_eq!(info.error, Some(*e), "{}", info.name);
            assert_eq!(info.text.to_str().unwrap(), e.as_str());
            assert_eq!(describe(e.code()).to_str().unwrap(), e.as_str());
        }
    }

    #[test]
    fn codes_are_unique_and_ffi_codes_stay_in_their_range() {
        for (i, a) in STATUSES.iter().enumerate() {
            for b in &STATUSES[i + 1..] {
                assert_ne!(a.code, b.code, "{} and {}", a.name, b.name);
                assert_ne!(a.text, b.text, "{} and {}", a.name, b.name);
            }
            let code = a.code as jeton_status;
            match a.error {
                Some(e) => assert_eq!(e.code(), code),
                None => assert!(
                    code >= 0 || (-9999..=-9000).contains(&code),
                    "{} collides with the core's ranges",
                    a.name
                ),
            }
        }
        // Every core status in the table is still a core error.
        let core_named = STATUSES.iter().filter(|s| s.error.is_some()).count();
        assert_eq!(core_named, Error::ALL.len());
    }

    #[test]
    fn status_str_names_every_status_and_unknown_ones() {
        for s in STATUSES {
            // SAFETY: jeton_status_str returns a static NUL-terminated string.
            let text = unsafe { CStr::from_ptr(jeton_status_str(s.code as jeton_status)) };
            assert_eq!(text, s.text);
            assert!(!text.to_bytes().is_empty());
        }
        for unknown in [2, -5, -99, -9999, i32::MIN, i32::MAX] {
            // SAFETY: as above.
            let text = unsafe { CStr::from_ptr(jeton_status_str(unknown)) };
            assert_eq!(text, UNKNOWN_STATUS);
        }
        assert!(jeton_status_is_error(JETON_ERR_PANIC as jeton_status));
        assert!(!jeton_status_is_error(JETON_DONE as jeton_status));
        assert!(!jeton_status_is_error(JETON_OK as jeton_status));
    }
}
