//! The one error type of the crate.
//!
//! Every variant has a stable negative code ([`Error::code`]) that the C ABI
//! returns as its status, grouped by concern in blocks of a hundred. A code,
//! once published, is never reused for another meaning.
//!
//! Each variant is written once, as one entry of the `errors!` table below:
//! documentation, name, code and short description. The macro turns the
//! table into the enum and into every function that lists the variants,
//! so a new error is one entry. The C header's constants are generated
//! from [`Error::ALL`] (`ffi/src/status/codes.rs` says how).

use core::fmt;

/// Expands the table of errors into the `Error` enum, [`Error::code`],
/// [`Error::from_code`], [`Error::as_str`], [`Error::name`],
/// [`Error::doc`] and [`Error::ALL`].
///
/// One entry per variant: its doc comment, its name, `= code`, and
/// `=> "short description"`. The one variant with a field
/// (`BufferTooSmall { needed: usize }`) writes it in braces; [`Error::ALL`]
/// and [`Error::from_code`] give it the value 0.
macro_rules! errors {
    (
        $(#[$attr:meta])*
        pub enum Error {
            $(
                $(#[doc = $doc:literal])*
                $name:ident $({
                    $(#[doc = $field_doc:literal])*
                    $field:ident: usize $(,)?
                })? = $code:literal => $text:literal,
            )*
        }
    ) => {
        $(#[$attr])*
        pub enum Error {
            $(
                $(#[doc = $doc])*
                $name $({
                    $(#[doc = $field_doc])*
                    $field: usize,
                })?,
            )*
        }

        impl Error {
            /// The stable numeric code of this error: negative, grouped by
            /// concern, never reused. The C ABI returns it as its status.
            ///
            /// ```
            /// assert_eq!(jeton::Error::BufferTooSmall { needed: 9 }.code(), -1);
            /// assert_eq!(jeton::Error::CookieInvalidName.code(), -203);
            /// ```
            pub const fn code(&self) -> i32 {
                match self {
                    $(Error::$name { .. } => $code,)*
                }
            }

            /// The error for a numeric code, the inverse of [`Error::code`].
            /// [`Error::BufferTooSmall`] comes back with `needed: 0`, since
            /// the code alone does not carry the length. Unknown codes give
            /// `None`.
            ///
            /// ```
            /// use jeton::Error;
            /// assert_eq!(Error::from_code(Error::InvalidUtf8.code()), Some(Error::InvalidUtf8));
            /// assert_eq!(Error::from_code(0), None);
            /// ```
            pub const fn from_code(code: i32) -> Option<Error> {
                match code {
                    $($code => Some(Error::$name $({ $field: 0 })?),)*
                    _ => None,
                }
            }

            /// Every variant once, in code order (`BufferTooSmall` with
            /// `needed: 0`). The C ABI and its tests walk this list to stay
            /// complete.
            pub const ALL: &'static [Error] = &[$(Error::$name $({ $field: 0 })?),*];

            /// A short, stable, human-readable description.
            ///
            /// ```
            /// assert_eq!(jeton::Error::CookieEmptyName.as_str(), "cookie name is empty");
            /// ```
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $(Error::$name { .. } => $text,)*
                }
            }

            /// The name of the variant, as written in Rust.
            ///
            /// ```
            /// assert_eq!(jeton::Error::CookieEmptyName.name(), "CookieEmptyName");
            /// assert_eq!(jeton::Error::BufferTooSmall { needed: 3 }.name(), "BufferTooSmall");
            /// ```
            pub const fn name(&self) -> &'static str {
                match self {
                    $(Error::$name { .. } => stringify!($name),)*
                }
            }

            /// The variant's documentation, the Markdown text rustdoc shows
            /// for it: one line per source line, each starting with the
            /// space that follows `///` and ending in `\n`. The C header's
            /// comments are made from it.
            ///
            /// ```
            /// assert_eq!(jeton::Error::CookieEmptyName.doc(), " A cookie name is empty.\n");
            /// ```
            pub const fn doc(&self) -> &'static str {
                match self {
                    $(Error::$name { .. } => concat!($($doc, "\n"),*),)*
                }
            }
        }
    };
}

errors! {
    /// Everything that can go wrong in jeton, one precise variant per check.
    ///
    /// `Copy`, comparable and free of payload except for the one number a
    /// caller needs ([`Error::BufferTooSmall`]'s `needed`).
    #[non_exhaustive]
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Error {
        // General: -1 .. -99.
        /// The output buffer is too small; `needed` bytes would have fit the
        /// whole result. Nothing partial was left in the buffer.
        BufferTooSmall {
            /// Length of the complete result, in bytes.
            needed: usize,
        } = -1 => "output buffer too small",
        /// The input is longer than the limit the caller set.
        InputTooLong = -2 => "input longer than the configured limit",
        /// The input holds more items (cookie pairs, ...) than the limit the
        /// caller set.
        TooManyItems = -3 => "more items than the configured limit",
        /// A fixed-capacity container has no room left, even after dropping
        /// what had expired.
        CapacityExceeded = -4 => "fixed capacity exhausted",

        // Encodings: -100 .. -199.
        /// A `%` is not followed by two hexadecimal digits.
        InvalidPercentEncoding = -100 => "'%' not followed by two hex digits",
        /// Percent-escaped bytes do not form UTF-8, as `decodeURIComponent`
        /// requires.
        InvalidUtf8 = -101 => "percent-escaped bytes are not UTF-8",
        /// Not the canonical base64 of anything: a character outside the
        /// alphabet, a bad length, padding where it is not expected (or missing
        /// where it is), or non-zero trailing bits.
        InvalidBase64 = -102 => "not canonical base64",

        // Cookie request header: -200 .. -299.
        /// The `Cookie` header holds no cookie pair at all.
        CookieHeaderEmpty = -200 => "cookie header holds no cookie pair",
        /// A cookie pair has no `=`.
        CookieMissingEquals = -201 => "cookie pair has no '='",
        /// A cookie name is empty.
        CookieEmptyName = -202 => "cookie name is empty",
        /// A cookie name holds a byte outside the RFC 7230 `token` set.
        CookieInvalidName = -203 => "cookie name is not an RFC 7230 token",
        /// A cookie value holds a byte outside RFC 6265 `cookie-octet`, or its
        /// double quotes are unbalanced.
        CookieInvalidValue = -204 => "cookie value holds a byte outside cookie-octet",
        /// Cookie pairs are not separated by exactly `"; "` (RFC 6265 section
        /// 4.2.1).
        CookieInvalidSeparator = -205 => "cookie pairs not separated by a semicolon and one space",
        /// The request carries no cookie of the name asked for.
        CookieNotFound = -206 => "no cookie of that name",

        // Set-Cookie formatting rules: -300 .. -399.
        /// The `Domain` attribute is not a host name (letters, digits and
        /// hyphens in dot-separated labels of at most 63, an optional leading
        /// dot).
        CookieInvalidDomain = -300 => "cookie Domain is not a host name",
        /// The `Path` attribute does not start with `/`, or holds a control
        /// character, a `;` or a non-ASCII byte.
        CookieInvalidPath = -301
            => "cookie Path not absolute, or holds a control byte, ';' or non-ASCII",
        /// Name and value together exceed 4096 bytes (RFC 6265bis section 5.7).
        CookieTooLarge = -302 => "cookie name and value exceed 4096 bytes",
        /// An attribute value exceeds 1024 bytes (RFC 6265bis section 5.7).
        CookieAttributeTooLong = -303 => "cookie attribute value exceeds 1024 bytes",
        /// `SameSite=None` was asked for without `Secure`.
        SameSiteNoneRequiresSecure = -304 => "SameSite=None requires Secure",
        /// `Partitioned` was asked for without `Secure`.
        PartitionedRequiresSecure = -305 => "Partitioned requires Secure",
        /// The name carries a `__Secure-`, `__Host-`, `__Http-` or
        /// `__Host-Http-` prefix but the cookie is not `Secure`.
        CookiePrefixRequiresSecure = -306 => "cookie name prefix requires Secure",
        /// The name carries a `__Host-` prefix but `Path` is not `/`.
        CookiePrefixRequiresRootPath = -307 => "__Host- cookie requires Path=/",
        /// The name carries a `__Host-` prefix but a `Domain` is set.
        CookiePrefixForbidsDomain = -308 => "__Host- cookie must not set Domain",
        /// The name carries an `__Http-` or `__Host-Http-` prefix but the
        /// cookie is not `HttpOnly`.
        CookiePrefixRequiresHttpOnly = -309 => "__Http- cookie requires HttpOnly",
        /// A date lies outside the years 1601 to 9999 that a cookie date can
        /// express.
        DateOutOfRange = -310 => "date outside years 1601 to 9999",

        // Set-Cookie parsing and the cookie jar: -400 .. -499.
        /// The text is not a cookie date (RFC 6265 section 5.1.1).
        InvalidCookieDate = -400 => "not a cookie date",
        /// The `Domain` attribute does not domain-match the request host.
        CookieDomainMismatch = -401 => "cookie Domain does not match the request host",
        /// The `Domain` attribute is a public suffix other than the request
        /// host itself.
        CookiePublicSuffix = -402 => "cookie Domain is a public suffix",
        /// A `Secure` cookie, or one that would shadow a `Secure` cookie,
        /// arrived over an insecure connection.
        CookieInsecureOrigin = -403 => "secure cookie from an insecure origin",
        /// The request URL could not be read (scheme, host and path).
        InvalidUrl = -404 => "request URL could not be read",
        /// The `Set-Cookie` header holds a control character other than HTAB
        /// (RFC 6265bis section 5.6): the whole cookie is ignored.
        CookieControlCharacter = -405 => "Set-Cookie holds a control character",

        // MAC keys and signed values: -500 .. -599.
        /// The signature is well-formed but no key produces it.
        SignatureMismatch = -500 => "signature does not match any key",
        /// The signature is not in its format: not canonical base64, or of a
        /// length no key produces.
        SignatureMalformed = -501 => "signature is not in its format",
        /// The value carries no signature in the expected format (no `s:`
        /// prefix, no `.sig` companion cookie, no `.` before a signature).
        UnknownSignedFormat = -502 => "value is not in the signed format",
        /// The key ring holds no key.
        EmptyKeyRing = -503 => "key ring holds no key",
        /// The key's algorithm is not the one the format requires (for
        /// example cookie-signature is HMAC-SHA256 only).
        KeyAlgorithmMismatch = -504 => "key algorithm not the one the format requires",
        /// A signed value carrying its own expiry is past it.
        SignedValueExpired = -505 => "signed value expired",
        /// A CSRF token's two copies (cookie and form or header) differ, one
        /// is missing, or the token is bound to another session.
        CsrfTokenMismatch = -506 => "CSRF token missing or bound to another session",

        // JSON: -600 .. -699.
        /// A byte that the JSON grammar does not allow here.
        JsonSyntax = -600 => "JSON syntax error",
        /// The JSON text ends in the middle of a value.
        JsonUnexpectedEnd = -601 => "JSON text ends early",
        /// A JSON string holds a raw control character, an unknown escape, or a
        /// `\u` escape that is a lone surrogate.
        JsonInvalidString = -602 => "invalid JSON string",
        /// A JSON string holds bytes that are not UTF-8.
        JsonInvalidUtf8 = -603 => "JSON string is not UTF-8",
        /// A malformed JSON number (`01`, `1.`, `-`, `1e`).
        JsonInvalidNumber = -604 => "invalid JSON number",
        /// Arrays and objects nest deeper than the limit.
        JsonTooDeep = -605 => "JSON nests too deep",
        /// An object holds two members of the same name where names must be
        /// unique.
        JsonDuplicateMember = -606 => "duplicate JSON member name",
        /// Something follows the JSON value.
        JsonTrailingData = -607 => "data after the JSON value",
        /// An object holds more members than the limit.
        JsonTooManyMembers = -608 => "too many JSON members",
        /// A JSON value read as a type it does not have.
        JsonWrongType = -609 => "JSON value of another type",
        /// A JSON number outside the range it is read into.
        JsonNumberOutOfRange = -610 => "JSON number out of range",

        // JWT: -700 .. -799.
        /// The token is longer than the verifier's limit.
        JwtTooLong = -700 => "JWT longer than the limit",
        /// The token is not three non-empty segments separated by dots.
        JwtMalformed = -701 => "JWT is not three segments",
        /// The header segment is not canonical unpadded base64url.
        JwtHeaderBase64 = -702 => "JWT header is not canonical base64url",
        /// The payload segment is not canonical unpadded base64url.
        JwtPayloadBase64 = -703 => "JWT payload is not canonical base64url",
        /// The signature segment is not canonical unpadded base64url, or not the
        /// length of the algorithm's tag.
        JwtSignatureBase64 = -704 => "JWT signature is not canonical base64url",
        /// The header is not a JSON object (or is not JSON at all).
        JwtHeaderInvalid = -705 => "JWT header is not a JSON object",
        /// The header holds a member twice.
        JwtHeaderDuplicate = -706 => "JWT header holds a duplicate member",
        /// A header parameter has the wrong type (`alg`, `typ`, `kid` not
        /// strings, `crit` not a non-empty array of strings).
        JwtHeaderParameter = -707 => "JWT header parameter of the wrong type",
        /// The header has no `alg`.
        JwtAlgMissing = -708 => "JWT header has no alg",
        /// The header says `alg: none` (in any case): never accepted.
        JwtAlgNone = -709 => "JWT alg none is never accepted",
        /// The header's `alg` is not the algorithm of the key.
        JwtAlgMismatch = -710 => "JWT alg does not match the key",
        /// The header's `typ` is not the media type expected (by default
        /// `JWT`, when present), or is absent where it is required.
        JwtTypInvalid = -711 => "JWT typ is not the expected type",
        /// The header lists a critical extension (`crit`) the verifier does
        /// not understand, or one the header does not carry.
        JwtCritUnsupported = -712 => "JWT crit lists an unsupported extension",
        /// No key of the key set matches the token's `kid` (or the set is
        /// empty).
        JwtKeyNotFound = -713 => "no key for the JWT kid",
        /// The signature does not verify.
        JwtSignatureMismatch = -714 => "JWT signature does not verify",
        /// The payload is not a JSON object.
        JwtPayloadInvalid = -715 => "JWT payload is not a JSON object",
        /// The claims set holds a claim twice.
        JwtPayloadDuplicate = -716 => "JWT claims set holds a duplicate claim",
        /// A registered claim has the wrong type (a string `exp`, a numeric
        /// `iss`, an `aud` array holding a number, ...).
        JwtClaimType = -717 => "JWT registered claim of the wrong type",
        /// A NumericDate beyond the range jeton represents (never read as "no
        /// expiry").
        JwtClaimRange = -718 => "JWT date out of range",
        /// A required claim is absent.
        JwtMissingClaim = -719 => "required JWT claim missing",
        /// `exp` has passed (leeway included).
        JwtExpired = -720 => "JWT expired",
        /// `nbf` is still ahead (leeway included), or, when a maximum age is
        /// set, `iat` is.
        JwtNotYetValid = -721 => "JWT not yet valid",
        /// `iss` is not an accepted issuer.
        JwtIssuerInvalid = -722 => "JWT issuer not accepted",
        /// `sub` is not the expected subject.
        JwtSubjectInvalid = -723 => "JWT subject not accepted",
        /// No `aud` value is an accepted audience, or the token names an audience
        /// and the verifier accepts none.
        JwtAudienceInvalid = -724 => "JWT audience not accepted",
        /// The token's `jti` is on the revocation list.
        JwtRevoked = -725 => "JWT revoked",
        /// The key cannot sign JWTs: HMAC-SHA1 has no JWS algorithm, or its
        /// `kid` is longer than the key set holds.
        JwtKeyInvalid = -726 => "key cannot be used for JWT",
        /// The token was issued (`iat`) longer ago than the verifier's
        /// maximum age allows (leeway included).
        JwtTooOld = -727 => "JWT older than the maximum age",

        // HTTP authentication: -800 .. -899.
        /// The `Authorization` header uses another scheme.
        AuthSchemeMismatch = -800 => "authorization scheme mismatch",
        /// The credentials are missing or not in their syntax (token68 /
        /// b64token, base64 for Basic).
        AuthMalformed = -801 => "malformed credentials",
        /// Decoded Basic credentials hold no `:` between user-id and password.
        AuthMissingColon = -802 => "Basic credentials hold no colon",
        /// A Basic user-id holds a `:` (RFC 7617 forbids it).
        AuthUserHasColon = -803 => "Basic user-id holds a colon",
        /// A control character (or, in a Bearer challenge, a character RFC 6750
        /// does not allow) in a credential or challenge parameter.
        AuthInvalidCharacter = -804 => "invalid character in credentials or challenge",

        // Sessions and revocation: -900 .. -999.
        /// No live session has this ID.
        SessionNotFound = -900 => "session not found",
        /// The session has expired.
        SessionExpired = -901 => "session expired",
        /// A session with this ID exists already.
        SessionExists = -902 => "session exists",
        /// The store is full of live sessions: none is evicted to make room.
        SessionStoreFull = -903 => "session store full",
        /// Fewer than 16 bytes (128 bits) of entropy for a session ID.
        EntropyTooShort = -904 => "less than 128 bits of entropy",
        /// The entropy source failed.
        EntropyUnavailable = -905 => "entropy source failed",
        /// A session ID that is not one jeton makes (length, alphabet).
        SessionIdMalformed = -906 => "malformed session ID",
        /// The revocation list is full of entries that have not lapsed.
        RevocationListFull = -907 => "revocation list full",
        /// A record read from a shared session store is not one this build
        /// reads: another kind or format version, truncated, followed by
        /// more bytes, or holding times that cannot belong together. It is
        /// refused, never taken for a session or a revocation.
        StoreRecordInvalid = -908 => "malformed or unknown-version store record",
        /// The shared session store cannot answer: unreachable, past its
        /// timeout, or answering something unexpected. A lookup or a
        /// revocation check fails with it (closed): nothing is admitted
        /// without an answer.
        StoreUnavailable = -909 => "session store unavailable",
        /// Other servers kept changing the same entry while this one tried
        /// to change it (an optimistic transaction lost every retry).
        /// Nothing was changed; the request may be retried.
        StoreConflict = -910 => "session store entry changed concurrently",
        /// A verifier consulted a revocation store that keeps entries for
        /// fewer seconds past a token's `exp` than the verifier's leeway:
        /// a revoked token would be admitted again once its entry is gone.
        /// Configuration, not input: give the list at least the verifier's
        /// leeway.
        RevocationLeewayTooShort = -911 => "revocation list leeway shorter than the verifier's",

        // Asymmetric keys: -1000 .. -1099.
        /// The key material is not a key of its type: a point off its curve, a
        /// length the type does not have, an encoding that does not parse.
        KeyMalformed = -1000 => "key material is not a key of its type",
        /// The key is too weak for its algorithm: an RSA modulus below 2048
        /// bits, an even or tiny public exponent.
        KeyTooWeak = -1001 => "key too weak for its algorithm",
        /// The key's type, curve or algorithm is one jeton does not implement
        /// (or one left out of this build).
        KeyUnsupported = -1002 => "key type or algorithm not supported",
        /// Not a JSON Web Key: not a JSON object, a required member missing
        /// or of the wrong type, a member not in canonical base64url, or an
        /// `alg` the key's type cannot serve.
        JwkInvalid = -1003 => "not a valid JSON Web Key",
        /// A key that should only verify carries private members (`d`,
        /// RSA's `p`, `q`, ...), or is a shared secret (`oct`).
        JwkPrivateMembers = -1004 => "public key holds private members",
        /// Not a JWK Set: not a JSON object with a `keys` array.
        JwkSetInvalid = -1005 => "not a valid JWK Set",
        /// Not a PEM document of a key jeton reads (`PUBLIC KEY`, `PRIVATE
        /// KEY`, `EC PRIVATE KEY`), or its DER does not parse.
        PemInvalid = -1006 => "not a PEM key jeton reads",

        // OAuth client: -1100 .. -1149.
        /// An endpoint URL to append parameters to carries a fragment (`#`),
        /// or a byte a URL cannot hold (a space, a control character,
        /// non-ASCII), or does not start with a scheme.
        OauthEndpointInvalid = -1100 => "OAuth endpoint URL has a fragment or is not a URL",
        /// An OAuth parameter is empty where it must not be, or holds a byte
        /// outside its syntax (a scope token with a space or a quote, a
        /// code challenge that is not 43 base64url characters).
        OauthParameterInvalid = -1101 => "OAuth parameter outside its syntax",
        /// A parameter appears twice: in a callback (which one counts is
        /// ambiguous, so none does), or in a request being built (an extra
        /// parameter named like one the builder writes itself).
        OauthDuplicateParameter = -1102 => "OAuth parameter given twice",
        /// A PKCE `code_verifier` is not 43 to 128 characters of
        /// `A-Z a-z 0-9 - . _ ~` (RFC 7636 section 4.1).
        PkceVerifierInvalid = -1103 => "PKCE code_verifier not 43 to 128 unreserved characters",
        /// A PKCE `code_challenge_method` is `plain` where the caller did not
        /// allow it by name, or a method jeton does not know.
        PkceMethodRefused = -1104 => "PKCE method plain or unknown refused",
        /// A `state` value is missing, malformed, or not signed by a key of
        /// the ring for OAuth state (tampered with, or made elsewhere).
        OauthStateInvalid = -1105 => "OAuth state missing, malformed or not ours",
        /// A `state` value is older than the maximum age, or past the expiry
        /// it was signed with.
        OauthStateExpired = -1106 => "OAuth state expired",
        /// A `state` value does not belong to this browser: the binding
        /// cookie is missing or holds another nonce (a login CSRF attempt,
        /// or a login started in another browser).
        OauthStateNotBound = -1107 => "OAuth state not bound to this browser",
        /// A `state` value was used before (its one-time use is on the
        /// revocation list).
        OauthStateReplayed = -1108 => "OAuth state used before",
        /// An authorization response carries neither `code` nor `error`, or
        /// both, or an empty one.
        OauthCallbackInvalid = -1109 => "callback carries neither code nor error, or both",
        /// The `iss` of an authorization response is not the expected
        /// issuer, or is missing while the server advertises it (RFC 9207):
        /// a mix-up attack, or a response from another server.
        OauthIssuerMismatch = -1110 => "callback iss missing or not the expected issuer",
        /// The authorization server answered with an OAuth error (RFC 6749
        /// sections 4.1.2.1 and 5.2); its code and description can be read
        /// from the response.
        OauthServerError = -1111 => "authorization server answered with an error",
        /// A token, device or pushed authorization response is not a JSON
        /// object, lacks a required member, or has one of the wrong type or
        /// out of range.
        OauthResponseInvalid = -1112 => "OAuth response lacks a member or has one of the wrong type",
        /// A token response's `token_type` is neither `Bearer` nor `DPoP`.
        OauthTokenTypeUnsupported = -1113 => "token_type neither Bearer nor DPoP",
        /// The resource owner denied the request (`access_denied`, from the
        /// authorization endpoint or while polling in the device flow).
        OauthAccessDenied = -1114 => "resource owner denied the authorization",
        /// The device code expired (`expired_token`, or its `expires_in`
        /// has passed): the device flow must start again.
        OauthDeviceCodeExpired = -1115 => "device code expired",

        // OAuth tokens: -1150 .. -1199.
        /// Authorization server metadata (RFC 8414, OpenID Connect Discovery)
        /// is not a JSON object without duplicate members, or a member jeton
        /// reads has the wrong type (an endpoint that is not a string, a list
        /// that is not an array of strings, a flag that is not a boolean).
        MetadataInvalid = -1150 => "authorization server metadata malformed",
        /// A member the metadata must carry is absent: `issuer`, and what the
        /// profile requires (`response_types_supported`, the endpoints its
        /// grant types use; for OpenID Connect also `jwks_uri`,
        /// `subject_types_supported`, `id_token_signing_alg_values_supported`).
        MetadataMissing = -1151 => "required metadata member missing",
        /// The metadata's `issuer` is not, byte for byte, the issuer the
        /// caller fetched it for: a mix-up or impersonation attempt.
        MetadataIssuerMismatch = -1152 => "metadata issuer is not the expected issuer",
        /// The token's `alg` is not one the caller allows for it (the ID token
        /// algorithm the client registered, RS256 by default; the algorithms
        /// a resource server or a DPoP verifier accepts).
        TokenAlgNotAllowed = -1153 => "token alg not allowed here",
        /// The ID token's `nonce` is absent, or is not the one the
        /// authentication request sent; or it carries one where none was
        /// sent.
        IdTokenNonceMismatch = -1154 => "ID token nonce does not match",
        /// The ID token names several audiences and no `azp`, or its `azp`
        /// is not the client's ID.
        IdTokenAzpInvalid = -1155 => "ID token azp is not the client",
        /// The end-user authenticated (`auth_time`) longer ago than the
        /// request's `max_age` allows (leeway included).
        IdTokenAuthTooOld = -1156 => "ID token auth_time older than max_age",
        /// The ID token's `at_hash` is not the hash of the access token that
        /// came with it, or is absent where the flow requires it.
        IdTokenAtHashMismatch = -1157 => "ID token at_hash does not match",
        /// The ID token's `c_hash` is not the hash of the authorization code
        /// that came with it, or is absent where the flow requires it.
        IdTokenCHashMismatch = -1158 => "ID token c_hash does not match",
        /// The token does not grant every scope the request needs (RFC 6750
        /// `insufficient_scope`).
        ScopeInsufficient = -1159 => "token lacks a required scope",
        /// An introspection response (RFC 7662) is not a JSON object without
        /// duplicate members, its `active` is not a boolean, or a member
        /// jeton reads has the wrong type.
        IntrospectionInvalid = -1160 => "introspection response malformed",
        /// The introspection response says the token is not active.
        TokenInactive = -1161 => "token not active",
        /// A DPoP proof carries no `jwk` header parameter, or one that is not
        /// a JSON object.
        DpopJwkInvalid = -1162 => "DPoP proof jwk missing or not an object",
        /// The DPoP proof's `htm` is not the request's method.
        DpopHtmMismatch = -1163 => "DPoP proof htm is not the request method",
        /// The DPoP proof's `htu` is not the request's URI (compared without
        /// query and fragment, after normalization).
        DpopHtuMismatch = -1164 => "DPoP proof htu is not the request URI",
        /// The DPoP proof's `nonce` is absent or is not the nonce the server
        /// provided: answer with `use_dpop_nonce` and a fresh `DPoP-Nonce`.
        DpopNonceMismatch = -1165 => "DPoP proof nonce missing or stale",
        /// The DPoP proof's `ath` is absent or is not the hash of the access
        /// token presented with it.
        DpopAthMismatch = -1166 => "DPoP proof ath does not match the access token",
        /// The DPoP proof's key is not the one the token is bound to (its
        /// RFC 7638 thumbprint is not the token's `cnf.jkt`), or a token bound
        /// to a key came without a proof.
        DpopKeyMismatch = -1167 => "DPoP key is not the one the token is bound to",
        /// The DPoP proof's `jti` was seen before: a replayed proof.
        DpopReplayed = -1168 => "DPoP proof replayed",

        // Rate limiting: -1200 .. -1299.
        /// The key has spent its attempts: wait (the limiter says how long)
        /// before the next one.
        RateLimited = -1200 => "rate limit reached",
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

    #[test]
    fn all_is_in_code_order_and_from_code_knows_nothing_else() {
        for pair in Error::ALL.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.code() > b.code(), "{a:?} before {b:?}");
        }
        let known = |code| Error::ALL.iter().any(|e| e.code() == code);
        for code in -1300..=0 {
            assert_eq!(Error::from_code(code).is_some(), known(code), "{code}");
        }
        assert_eq!(Error::from_code(i32::MIN), None);
    }

    /// Published values: the first entry of every block, with its code,
    /// name and description as C callers and peers see them.
    #[test]
    fn published_values_stay() {
        let published = [
            (-1, "BufferTooSmall", "output buffer too small"),
            (
                -100,
                "InvalidPercentEncoding",
                "'%' not followed by two hex digits",
            ),
            (
                -200,
                "CookieHeaderEmpty",
                "cookie header holds no cookie pair",
            ),
            (
                -300,
                "CookieInvalidDomain",
                "cookie Domain is not a host name",
            ),
            (-400, "InvalidCookieDate", "not a cookie date"),
            (
                -500,
                "SignatureMismatch",
                "signature does not match any key",
            ),
            (-600, "JsonSyntax", "JSON syntax error"),
            (-700, "JwtTooLong", "JWT longer than the limit"),
            (-800, "AuthSchemeMismatch", "authorization scheme mismatch"),
            (-900, "SessionNotFound", "session not found"),
            (
                -1000,
                "KeyMalformed",
                "key material is not a key of its type",
            ),
            (
                -1100,
                "OauthEndpointInvalid",
                "OAuth endpoint URL has a fragment or is not a URL",
            ),
            (-1200, "RateLimited", "rate limit reached"),
        ];
        for (code, name, text) in published {
            let e = Error::from_code(code).unwrap();
            assert_eq!((e.name(), e.as_str()), (name, text), "{code}");
        }
        assert_eq!(Error::BufferTooSmall { needed: 7 }.code(), -1);
        assert_eq!(
            Error::from_code(-1),
            Some(Error::BufferTooSmall { needed: 0 })
        );
    }

    /// A fixed buffer to format into: the core never allocates, not even
    /// in its tests.
    struct Text {
        bytes: [u8; 96],
        len: usize,
    }

    impl Text {
        fn of(value: impl core::fmt::Display) -> Text {
            use core::fmt::Write;
            let mut text = Text {
                bytes: [0; 96],
                len: 0,
            };
            write!(text, "{value}").unwrap();
            text
        }

        fn as_str(&self) -> &str {
            core::str::from_utf8(&self.bytes[..self.len]).unwrap()
        }
    }

    impl core::fmt::Write for Text {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let end = self.len + s.len();
            self.bytes
                .get_mut(self.len..end)
                .ok_or(core::fmt::Error)?
                .copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }

    #[test]
    fn name_is_the_variant_and_display_the_description() {
        for e in Error::ALL {
            let debug = Text::of(format_args!("{e:?}"));
            let variant = debug.as_str().split(' ').next().unwrap();
            assert_eq!(e.name(), variant);
            if *e != (Error::BufferTooSmall { needed: 0 }) {
                assert_eq!(Text::of(e).as_str(), e.as_str());
            }
        }
        assert_eq!(
            Text::of(Error::BufferTooSmall { needed: 42 }).as_str(),
            "output buffer too small: 42 bytes needed"
        );
    }

    /// The documentation becomes the C header's comments: whole sentences,
    /// one line per source line.
    #[test]
    fn doc_is_the_variant_documentation() {
        assert_eq!(
            Error::JwtAlgNone.doc(),
            " The header says `alg: none` (in any case): never accepted.\n"
        );
        for e in Error::ALL {
            let doc = e.doc();
            assert!(doc.ends_with(".\n"), "{e:?}");
            for line in doc.lines() {
                assert!(line.starts_with(' ') && line.len() > 1, "{e:?}: {line:?}");
            }
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
