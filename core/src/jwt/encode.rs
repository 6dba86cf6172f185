//! Building and signing tokens.

use super::{JwtAlgorithm, JwtKey};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::{self, JsonWriter};
use crate::list::List;
use crate::out::Out;

/// The registered claim names (RFC 7519 section 4.1); custom claims may not
/// reuse them.
pub(crate) const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The header of a token to encode. `alg` always comes from the key.
///
/// ```
/// use jeton::jwt::{self, Claims, Header, JwtKey};
///
/// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?.with_kid("2024-06")?;
/// assert_eq!(Header::default(), Header { typ: Some("JWT"), kid: None });
/// // No `typ`; the `kid` is the key's own: {"alg":"HS256","kid":"2024-06"}.
/// let header = Header { typ: None, ..Header::default() };
/// let mut token = [0u8; 256];
/// let n = jwt::encode_with_header(&key, &header, &Claims::new().subject("user-42"), &mut token)?;
/// assert!(token[..n].starts_with(b"eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjQtMDYifQ."));
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header<'a> {
    /// `typ`; `Some("JWT")` by default, `None` to leave it out.
    pub typ: Option<&'a str>,
    /// `kid`; by default the key's own ID, if it has one.
    pub kid: Option<&'a str>,
}

impl Default for Header<'_> {
    fn default() -> Self {
        Header {
            typ: Some("JWT"),
            kid: None,
        }
    }
}

/// The `aud` claim: one audience, written as a string, or several,
/// written as an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience<'a> {
    /// `"aud":"..."`
    One(&'a str),
    /// `"aud":["...", ...]`
    Many(&'a [&'a str]),
}

/// The value of a custom claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimValue<'a> {
    /// A string, escaped on the way out.
    Str(&'a str),
    /// An integer.
    Int(i64),
    /// `true` or `false`.
    Bool(bool),
    /// A JSON value written as it is, after checking it is JSON.
    Json(&'a str),
}

/// A claims set under construction: the registered claims and up to `N`
/// custom ones. Members are written in this order: `iss`, `sub`, `aud`,
/// `exp`, `nbf`, `iat`, `jti`, then the custom claims as added. Nothing
/// is checked until [`encode`], which refuses the set as a whole (see its
/// errors).
///
/// ```
/// use jeton::jwt::{self, Claims, JwtKey};
/// use jeton::base64::{self, Alphabet, Padding};
///
/// // Set in any order, written in the order above.
/// let claims = Claims::new()
///     .string("role", "admin")
///     .jwt_id("a1b2")
///     .issued_at(1_700_000_000)
///     .not_before(1_700_000_000)
///     .expires_at(1_700_003_600)
///     .audience("https://api.example.com")
///     .subject("user-42")
///     .issuer("https://auth.example.com");
/// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
/// let mut token = [0u8; 512];
/// let n = jwt::encode(&key, &claims, &mut token)?;
///
/// // The middle segment is the claims set in base64url.
/// let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
/// let mut json = [0u8; 256];
/// let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
/// assert_eq!(
///     &json[..m],
///     br#"{"iss":"https://auth.example.com","sub":"user-42","aud":"https://api.example.com","exp":1700003600,"nbf":1700000000,"iat":1700000000,"jti":"a1b2","role":"admin"}"#
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Claims<'a, const N: usize = 8> {
    iss: Option<&'a str>,
    sub: Option<&'a str>,
    aud: Option<Audience<'a>>,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    jti: Option<&'a str>,
    custom: List<(&'a str, ClaimValue<'a>), N>,
    overflow: bool,
}

impl<const N: usize> Default for Claims<'_, N> {
    fn default() -> Self {
        Self::with_capacity()
    }
}

impl Claims<'_> {
    /// An empty claims set with room for 8 custom claims; for another
    /// number, `Claims::<N>::with_capacity()`.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// assert_eq!(payload(&Claims::new())?, "{}");
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn new() -> Self {
        Self::with_capacity()
    }
}

impl<'a, const N: usize> Claims<'a, N> {
    /// An empty claims set with room for `N` custom claims.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// let two = Claims::<2>::with_capacity().integer("a", 1).integer("b", 2);
    /// assert_eq!(payload(&two)?, r#"{"a":1,"b":2}"#);
    /// // A third does not fit: encoding refuses the set.
    /// assert_eq!(payload(&two.integer("c", 3)), Err(jeton::Error::CapacityExceeded));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn with_capacity() -> Self {
        Claims {
            iss: None,
            sub: None,
            aud: None,
            exp: None,
            nbf: None,
            iat: None,
            jti: None,
            custom: List::filled(("", ClaimValue::Bool(false))),
            overflow: false,
        }
    }

    /// Sets `iss`.
    pub fn issuer(mut self, iss: &'a str) -> Self {
        self.iss = Some(iss);
        self
    }

    /// Sets `sub`.
    pub fn subject(mut self, sub: &'a str) -> Self {
        self.sub = Some(sub);
        self
    }

    /// Sets `aud` to one audience (written as a string).
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// assert_eq!(payload(&Claims::new().audience("api"))?, r#"{"aud":"api"}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn audience(mut self, aud: &'a str) -> Self {
        self.aud = Some(Audience::One(aud));
        self
    }

    /// Sets `aud` to several audiences (written as an array).
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// let both = ["api", "billing"];
    /// assert_eq!(payload(&Claims::new().audiences(&both))?, r#"{"aud":["api","billing"]}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn audiences(mut self, aud: &'a [&'a str]) -> Self {
        self.aud = Some(Audience::Many(aud));
        self
    }

    /// Sets `exp`, in Unix seconds.
    pub fn expires_at(mut self, exp: i64) -> Self {
        self.exp = Some(exp);
        self
    }

    /// Sets `nbf`, in Unix seconds.
    pub fn not_before(mut self, nbf: i64) -> Self {
        self.nbf = Some(nbf);
        self
    }

    /// Sets `iat`, in Unix seconds.
    pub fn issued_at(mut self, iat: i64) -> Self {
        self.iat = Some(iat);
        self
    }

    /// Sets `jti`.
    pub fn jwt_id(mut self, jti: &'a str) -> Self {
        self.jti = Some(jti);
        self
    }

    /// Adds a custom claim. Beyond `N` custom claims, [`encode`] fails with
    /// [`Error::CapacityExceeded`]; a name used twice, or a registered
    /// claim's name (`exp`, ...), with [`Error::JwtPayloadDuplicate`].
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// let claims = Claims::new()
    ///     .claim("admin", ClaimValue::Bool(true))
    ///     .claim("level", ClaimValue::Int(-3));
    /// assert_eq!(payload(&claims)?, r#"{"admin":true,"level":-3}"#);
    /// assert_eq!(
    ///     payload(&Claims::new().claim("exp", ClaimValue::Int(0))),
    ///     Err(jeton::Error::JwtPayloadDuplicate)
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn claim(mut self, name: &'a str, value: ClaimValue<'a>) -> Self {
        if self.custom.push((name, value)).is_err() {
            self.overflow = true;
        }
        self
    }

    /// Adds a custom string claim, escaped as JSON requires.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// assert_eq!(
    ///     payload(&Claims::new().string("name", "Jérôme \"JJ\"\n"))?,
    ///     r#"{"name":"Jérôme \"JJ\"\n"}"#
    /// );
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn string(self, name: &'a str, value: &'a str) -> Self {
        self.claim(name, ClaimValue::Str(value))
    }

    /// Adds a custom integer claim.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// assert_eq!(payload(&Claims::new().integer("n", i64::MIN))?, r#"{"n":-9223372036854775808}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn integer(self, name: &'a str, value: i64) -> Self {
        self.claim(name, ClaimValue::Int(value))
    }

    /// Adds a custom boolean claim.
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// assert_eq!(payload(&Claims::new().boolean("email_verified", false))?, r#"{"email_verified":false}"#);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn boolean(self, name: &'a str, value: bool) -> Self {
        self.claim(name, ClaimValue::Bool(value))
    }

    /// Adds a custom claim whose value is raw JSON (checked when encoding;
    /// whitespace around it is dropped, inside it kept).
    ///
    /// ```
    /// # use jeton::jwt::{self, Claims, ClaimValue, JwtKey};
    /// # use jeton::base64::{self, Alphabet, Padding};
    /// # // The claims set as `encode` writes it: the token's middle segment, decoded.
    /// # fn payload<const N: usize>(claims: &Claims<'_, N>) -> Result<String, jeton::Error> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token)?;
    /// #     let segment = token[..n].split(|&b| b == b'.').nth(1).unwrap();
    /// #     let mut json = [0u8; 512];
    /// #     let m = base64::decode(segment, Alphabet::UrlSafe, Padding::Unpadded, &mut json)?;
    /// #     Ok(String::from_utf8(json[..m].to_vec()).unwrap())
    /// # }
    /// let claims = Claims::new().json("roles", r#" ["read", "write"] "#);
    /// assert_eq!(payload(&claims)?, r#"{"roles":["read", "write"]}"#);
    /// assert_eq!(payload(&Claims::new().json("x", "{")), Err(jeton::Error::JsonUnexpectedEnd));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn json(self, name: &'a str, value: &'a str) -> Self {
        self.claim(name, ClaimValue::Json(value))
    }

    /// Checks the set: capacity, custom names unique and not registered
    /// ones, raw JSON values valid.
    fn check(&self) -> Result<(), Error> {
        if self.overflow {
            return Err(Error::CapacityExceeded);
        }
        for (i, (name, value)) in self.custom.iter().enumerate() {
            if REGISTERED.contains(name)
                || self.custom.iter().take(i).any(|(other, _)| other == name)
            {
                return Err(Error::JwtPayloadDuplicate);
            }
            if let ClaimValue::Json(raw) = value {
                json::parse(raw)?;
            }
        }
        Ok(())
    }

    fn write(&self, w: &mut JsonWriter<impl crate::out::Sink>) {
        w.begin_object();
        if let Some(iss) = self.iss {
            w.plain_name(br#","iss":"#).str(iss);
        }
        if let Some(sub) = self.sub {
            w.plain_name(br#","sub":"#).str(sub);
        }
        match self.aud {
            Some(Audience::One(aud)) => {
                w.plain_name(br#","aud":"#).str(aud);
            }
            Some(Audience::Many(auds)) => {
                w.plain_name(br#","aud":"#).begin_array();
                for aud in auds {
                    w.str(aud);
                }
                w.end_array();
            }
            None => {}
        }
        for (name, value) in [
            (br#","exp":"#, self.exp),
            (br#","nbf":"#, self.nbf),
            (br#","iat":"#, self.iat),
        ] {
            if let Some(v) = value {
                w.plain_name(name).i64(v);
            }
        }
        if let Some(jti) = self.jti {
            w.plain_name(br#","jti":"#).str(jti);
        }
        for (name, value) in self.custom.iter() {
            w.name(name);
            match value {
                ClaimValue::Str(s) => w.str(s),
                ClaimValue::Int(i) => w.i64(*i),
                ClaimValue::Bool(b) => w.bool(*b),
                ClaimValue::Json(raw) => w.raw(raw.trim().as_bytes()),
            };
        }
        w.end_object();
    }
}

/// Longest signature jeton makes: an HMAC-SHA512 tag, or an ES384 `r || s`.
const MAX_SIGNED_LEN: usize = 96;

/// Writes a JOSE header: `alg`, then `typ` and `kid` when present.
fn write_header(
    w: &mut JsonWriter<impl crate::out::Sink>,
    algorithm: JwtAlgorithm,
    typ: Option<&str>,
    kid: Option<&str>,
) {
    w.begin_object();
    w.plain_name(br#","alg":"#).str(algorithm.name());
    if let Some(typ) = typ {
        w.plain_name(br#","typ":"#).str(typ);
    }
    if let Some(kid) = kid {
        w.plain_name(br#","kid":"#).str(kid);
    }
    w.end_object();
}

/// `{"alg":"HS…","typ":"JWT"}` encoded, as [`write_header`] writes it
/// (a test checks they agree), for the algorithms whose tokens are signed
/// most often.
fn default_header(algorithm: JwtAlgorithm) -> Option<&'static [u8]> {
    match algorithm {
        JwtAlgorithm::HS256 => Some(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS384 => Some(b"eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9"),
        #[cfg(feature = "sha512")]
        JwtAlgorithm::HS512 => Some(b"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// Signs `claims` with `key` under the default [`Header`] and writes the
/// compact token into `out`; returns its length.
///
/// # Errors
///
/// [`Error::JwtKeyInvalid`] for a key that cannot sign (a public key, or
/// a JWK that does not allow signing), [`Error::CapacityExceeded`] (too
/// many custom claims), [`Error::JwtPayloadDuplicate`] (a custom claim
/// named like another or like a registered one), a JSON error for an
/// invalid raw JSON claim, or [`Error::BufferTooSmall`] with the length
/// needed. On error `out` holds nothing of a token.
///
/// # Example
///
/// RFC 7515 appendix A.1's key and claims (without the line breaks of the
/// RFC's JSON), under the default header `{"alg":"HS256","typ":"JWT"}`;
/// the signature was computed independently (Python's `hmac`):
///
/// ```
/// use jeton::{Error, base64, jwt::{self, Claims, JwtKey}};
///
/// let mut secret = [0u8; 64];
/// let len = base64::decode(
///     b"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
///     base64::Alphabet::UrlSafe, base64::Padding::Unpadded, &mut secret)?;
/// let key = JwtKey::hs256(&secret[..len])?;
/// let claims = Claims::new()
///     .issuer("joe")
///     .expires_at(1_300_819_380)
///     .boolean("http://example.com/is_root", true);
/// let mut token = [0u8; 256];
/// let n = jwt::encode(&key, &claims, &mut token)?;
/// assert_eq!(
///     &token[..n],
///     b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
///       eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
///       d6nMDXnJZfNNj-1o1e75s6d0six0lkLp5hSrGaz4o9A"
/// );
/// // Too small a buffer: the exact length needed, and nothing written.
/// let mut small = [0u8; 64];
/// assert_eq!(jwt::encode(&key, &claims, &mut small), Err(Error::BufferTooSmall { needed: n }));
/// assert_eq!(small, [0u8; 64]);
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode<const N: usize>(
    key: &JwtKey,
    claims: &Claims<'_, N>,
    out: &mut [u8],
) -> Result<usize, Error> {
    encode_with_header(key, &Header::default(), claims, out)
}

/// [`encode`] with a chosen header: `typ` as given (or none), `kid` as
/// given or else the key's own. The header is written
/// `{"alg":..,"typ":..,"kid":..}`, members left out when absent.
///
/// # Errors
///
/// As [`encode`].
///
/// # Example
///
/// An RFC 9068 access token, `typ` `at+jwt` (token computed independently
/// with Python's `hmac`):
///
/// ```
/// use jeton::jwt::{self, Claims, Header, JwtKey};
/// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
/// let header = Header { typ: Some("at+jwt"), kid: None };
/// let mut token = [0u8; 256];
/// let n = jwt::encode_with_header(&key, &header, &Claims::new().subject("user-42"), &mut token)?;
/// assert_eq!(
///     &token[..n],
///     b"eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.\
///       1zluu9pRUwzXDr-wnlRJswpceeESReYNVG6BG5EYhok"
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn encode_with_header<const N: usize>(
    key: &JwtKey,
    header: &Header<'_>,
    claims: &Claims<'_, N>,
    out: &mut [u8],
) -> Result<usize, Error> {
    if !key.may_sign() {
        return Err(Error::JwtKeyInvalid);
    }
    claims.check()?;
    let mut out = Out::new(out);

    let kid = header.kid.or(key.kid());
    let algorithm = key.algorithm();
    match (header.typ, kid, default_header(algorithm)) {
        // The usual header is the same bytes every time.
        (Some("JWT"), None, Some(usual)) => out.put(usual),
        _ => {
            write_header(&mut JsonWriter::new(&mut out), algorithm, header.typ, kid);
            base64::encode_since(&mut out, 0, Alphabet::UrlSafe, Padding::Unpadded);
        }
    }

    out.push(b'.');
    // The claims go in as JSON and are encoded where they lie.
    let claims_start = out.len();
    claims.write(&mut JsonWriter::new(&mut out));
    base64::encode_since(&mut out, claims_start, Alphabet::UrlSafe, Padding::Unpadded);

    let tag_len = key.signature_len(algorithm);
    match out.written() {
        Some(signing_input) => {
            // The signing input is the token so far: sign it in place.
            let mut tag = [0u8; MAX_SIGNED_LEN];
            let n = key.sign(signing_input, &mut tag)?;
            out.push(b'.');
            base64::encode_into(
                tag.get(..n).unwrap_or(&[]),
                Alphabet::UrlSafe,
                Padding::Unpadded,
                &mut out,
            );
        }
        None => {
            // Too small already: count what the signature would take.
            out.push(b'.');
            out.put_with(base64::encoded_len(tag_len, Padding::Unpadded), |_| {});
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_headers_are_what_the_writer_writes() {
        let algorithms = [
            JwtAlgorithm::HS256,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS384,
            #[cfg(feature = "sha512")]
            JwtAlgorithm::HS512,
        ];
        for algorithm in algorithms {
            let mut buf = [0u8; 64];
            let mut out = Out::new(&mut buf);
            write_header(&mut JsonWriter::new(&mut out), algorithm, Some("JWT"), None);
            base64::encode_since(&mut out, 0, Alphabet::UrlSafe, Padding::Unpadded);
            let n = out.finish().unwrap();
            assert_eq!(Some(&buf[..n]), default_header(algorithm), "{algorithm:?}");
        }
    }

    #[test]
    fn refuses_bad_claim_sets() {
        let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
        let mut buf = [0u8; 256];
        let c = Claims::<1>::with_capacity()
            .string("a", "1")
            .string("b", "2");
        assert_eq!(encode(&key, &c, &mut buf), Err(Error::CapacityExceeded));
        let c = Claims::<2>::with_capacity()
            .string("a", "1")
            .integer("a", 2);
        assert_eq!(encode(&key, &c, &mut buf), Err(Error::JwtPayloadDuplicate));
        let c = Claims::<2>::with_capacity().string("exp", "soon");
        assert_eq!(encode(&key, &c, &mut buf), Err(Error::JwtPayloadDuplicate));
        let c = Claims::<2>::with_capacity().json("x", "{");
        assert_eq!(encode(&key, &c, &mut buf), Err(Error::JsonUnexpectedEnd));
    }

    #[test]
    fn too_small_reports_the_exact_length() {
        let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
        let claims = Claims::<2>::with_capacity()
            .subject("1234567890")
            .string("name", "John Doe");
        let mut big = [0u8; 512];
        let n = encode(&key, &claims, &mut big).unwrap();
        for size in [0, 10, 40, n - 1] {
            let mut small = [0u8; 512];
            assert_eq!(
                encode(&key, &claims, &mut small[..size]),
                Err(Error::BufferTooSmall { needed: n })
            );
            assert!(small.iter().all(|&b| b == 0));
        }
    }
}
