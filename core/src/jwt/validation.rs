//! What verification checks besides the signature, and against which
//! clock.

use crate::Error;
use crate::json::JsonStr;

/// A registered claim, for [`Validation::required`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Claim {
    /// `iss`
    Issuer,
    /// `sub`
    Subject,
    /// `aud`
    Audience,
    /// `exp`
    ExpiresAt,
    /// `nbf`
    NotBefore,
    /// `iat`
    IssuedAt,
    /// `jti`
    JwtId,
}

impl Claim {
    /// The claim's name in a claims set (RFC 7519 section 4.1).
    ///
    /// ```
    /// use jeton::jwt::Claim;
    /// assert_eq!(Claim::ExpiresAt.name(), "exp");
    /// assert_eq!(Claim::JwtId.name(), "jti");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Issuer => "iss",
            Claim::Subject => "sub",
            Claim::Audience => "aud",
            Claim::ExpiresAt => "exp",
            Claim::NotBefore => "nbf",
            Claim::IssuedAt => "iat",
            Claim::JwtId => "jti",
        }
    }
}

/// Which values of a string claim are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect<'v> {
    /// Any value, or none (for `aud`, see
    /// [`Validation::allow_any_audience`]).
    Any,
    /// Exactly this value.
    One(&'v str),
    /// Any of these values.
    AnyOf(&'v [&'v str]),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_compare_as_rfc_7515_says() {
        let doc = crate::json::parse(br#"["JWT","jwt","application/jwt","APPLICATION/JWT","text/jwt","at+jwt","application/at+JWT","J\u0057T",""]"#).unwrap();
        let values: crate::list::List<JsonStr<'_>, 9> = {
            let mut list = crate::list::List::filled(JsonStr::new(b"", false));
            for e in doc.elements() {
                list.push(e.as_str().unwrap()).unwrap();
            }
            list
        };
        let jwt = [true, true, true, true, false, false, false, true, false];
        let at = [false, false, false, false, false, true, true, false, false];
        for ((value, jwt), at) in values.iter().zip(jwt).zip(at) {
            assert_eq!(media_type_is(value, "JWT"), jwt, "{value:?}");
            assert_eq!(media_type_is(value, "application/jwt"), jwt, "{value:?}");
            assert_eq!(media_type_is(value, "at+jwt"), at, "{value:?}");
        }
    }
}

impl Expect<'_> {
    pub(crate) fn is_any(&self) -> bool {
        matches!(self, Expect::Any)
    }

    /// Whether `value` (a JSON string's content) is accepted.
    pub(crate) fn accepts(&self, value: &JsonStr<'_>) -> bool {
        match self {
            Expect::Any => true,
            Expect::One(one) => value.eq_bytes(one.as_bytes()),
            Expect::AnyOf(all) => all.iter().any(|one| value.eq_bytes(one.as_bytes())),
        }
    }

    /// The list of one or several values from a slice: empty means any.
    ///
    /// ```
    /// use jeton::jwt::Expect;
    /// assert_eq!(Expect::from_list(&[]), Expect::Any);
    /// assert_eq!(Expect::from_list(&["a"]), Expect::One("a"));
    /// ```
    pub const fn from_list<'a>(values: &'a [&'a str]) -> Expect<'a> {
        match values {
            [] => Expect::Any,
            [one] => Expect::One(one),
            many => Expect::AnyOf(many),
        }
    }
}

/// A media type's type and subtype; a value without `/` is a subtype of
/// `application` (RFC 7515 section 4.1.9).
fn media_type(value: &[u8]) -> (&[u8], &[u8]) {
    match value.iter().position(|&b| b == b'/') {
        Some(slash) => match value.split_at(slash) {
            (main, [_, sub @ ..]) => (main, sub),
            (main, sub) => (main, sub),
        },
        None => (b"application", value),
    }
}

/// Whether the media type `actual` (a `typ` header value) is `expected`,
/// both compared case-insensitively as [`media_type`] reads them.
pub(crate) fn media_type_is(actual: &JsonStr<'_>, expected: &str) -> bool {
    if actual.is_escaped() {
        return escaped_media_type_is(actual, expected);
    }
    // Nearly every token: `typ` written as the verifier expects it.
    actual.raw() == expected.as_bytes() || same_media_type(actual.raw(), expected.as_bytes())
}

/// [`media_type_is`] for a `typ` written with escapes: unescaped first
/// (kept apart so that the usual path sets up no buffer).
#[inline(never)]
fn escaped_media_type_is(actual: &JsonStr<'_>, expected: &str) -> bool {
    let mut buf = [0u8; 128];
    actual
        .unescape_into(&mut buf)
        .ok()
        .and_then(|len| buf.split_at_checked(len))
        .is_some_and(|(actual, _)| same_media_type(actual, expected.as_bytes()))
}

/// Whether two media types are the same, case-insensitively, `JWT` being
/// `application/jwt`.
fn same_media_type(a: &[u8], b: &[u8]) -> bool {
    let (a_main, a_sub) = media_type(a);
    let (b_main, b_sub) = media_type(b);
    a_main.eq_ignore_ascii_case(b_main) && a_sub.eq_ignore_ascii_case(b_sub)
}

/// Where a verifier looks up revoked tokens by their `jti`; implemented by
/// [`RevocationList`](crate::session::RevocationList), and by anything else
/// a caller keeps revocations in (a store shared by several servers).
pub trait Revocation {
    /// Whether the token whose `jti` is `jti` is revoked at `now`.
    /// Verification asks with its clock less its leeway (the instant the
    /// token's `exp` is judged against), and with `i64::MIN` when it does
    /// not check `exp`: an entry still held then always counts.
    ///
    /// # Errors
    ///
    /// Whatever keeps the answer from being known (a shared store that
    /// cannot be reached): verification then fails with that error, so a
    /// token is never admitted without an answer (it fails closed).
    fn is_revoked(&self, jti: &JsonStr<'_>, now: i64) -> Result<bool, Error>;

    /// Seconds past a token's `exp` for which a revocation is kept (and
    /// taken): the largest verifier leeway this store serves. A verifier
    /// that checks `exp` refuses to consult a store that keeps less than
    /// its own leeway ([`Error::RevocationLeewayTooShort`]): such a store
    /// drops a revocation, or takes none, while the verifier still accepts
    /// the token. The default, `u64::MAX`, is for a store that keeps its
    /// entries until it is told to drop them.
    fn kept_past_expiry(&self) -> u64 {
        u64::MAX
    }
}

/// What [`verify`](super::verify) checks besides the signature, and
/// against which clock.
///
/// Strict by default ([`Validation::new`]): `exp` required and checked,
/// `nbf` checked when present, no leeway, tokens up to 8 KiB, `typ` when
/// present must be `JWT`, any issuer and subject, and a token that carries
/// `aud` refused unless the verifier names an audience it accepts, as
/// jsonwebtoken and PyJWT do: a token meant for a named audience is not for
/// a verifier that has none. Each setter says what it changes; each
/// leniency is an `allow_*` call named for what it lets through.
///
/// ```
/// use jeton::jwt::{Claim, Validation};
/// let accepted = ["https://api.example.com"];
/// let validation = Validation::new(1_700_000_000)
///     .issuer("https://auth.example.com")
///     .audiences(&accepted)
///     .leeway(30)
///     .required(&[Claim::ExpiresAt, Claim::Subject]);
/// assert_eq!(validation.now(), 1_700_000_000);
/// assert_eq!(validation.leeway_seconds(), 30);
/// assert_eq!(validation.required_claims(), &[Claim::ExpiresAt, Claim::Subject]);
/// ```
///
/// In the examples of the setters, `signed` makes an HS256 token of the
/// claims it is given (with [`encode`](super::encode)) and `check` verifies
/// it under the validation it is given, returning what
/// [`verify`](super::verify) returns, without the view. The getters return
/// what the setters set.
#[derive(Clone, Copy)]
pub struct Validation<'v> {
    now: i64,
    leeway: u64,
    max_token_len: usize,
    issuer: Expect<'v>,
    subject: Expect<'v>,
    audience: Expect<'v>,
    any_audience: bool,
    required: &'v [Claim],
    check_exp: bool,
    check_nbf: bool,
    typ: Option<&'v str>,
    typ_required: bool,
    max_age: Option<u64>,
    crit: &'v [&'v str],
    max_depth: usize,
    max_claims: usize,
    revocation: Option<&'v dyn Revocation>,
}

impl core::fmt::Debug for Validation<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Validation")
            .field("now", &self.now)
            .field("leeway", &self.leeway)
            .field("max_token_len", &self.max_token_len)
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .field("audience", &self.audience)
            .field("any_audience", &self.any_audience)
            .field("required", &self.required)
            .field("check_exp", &self.check_exp)
            .field("check_nbf", &self.check_nbf)
            .field("typ", &self.typ)
            .field("typ_required", &self.typ_required)
            .field("max_age", &self.max_age)
            .field("crit", &self.crit)
            .field("max_depth", &self.max_depth)
            .field("max_claims", &self.max_claims)
            .field("revocation", &self.revocation.is_some())
            .finish()
    }
}

/// Longest token [`Validation::new`] accepts: 8 KiB.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 8192;

impl<'v> Validation<'v> {
    /// The strict defaults (see the type's documentation) at clock `now`,
    /// in Unix seconds.
    pub const fn new(now: i64) -> Self {
        Validation {
            now,
            leeway: 0,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            issuer: Expect::Any,
            subject: Expect::Any,
            audience: Expect::Any,
            any_audience: false,
            required: &[Claim::ExpiresAt],
            check_exp: true,
            check_nbf: true,
            typ: Some("JWT"),
            typ_required: false,
            max_age: None,
            crit: &[],
            max_depth: 32,
            max_claims: 128,
            revocation: None,
        }
    }

    /// Moves the clock to `now` (Unix seconds), keeping every other
    /// setting: one validation, set up once, judges each request at its
    /// own time.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000));
    /// let v = Validation::new(0);
    /// assert_eq!(check(&token, &v.at(1_999)), Ok(()));
    /// // Valid while now < exp (RFC 7519 section 4.1.4).
    /// assert_eq!(check(&token, &v.at(2_000)), Err(Error::JwtExpired));
    /// ```
    pub const fn at(mut self, now: i64) -> Self {
        self.now = now;
        self
    }

    /// Seconds of tolerance for `exp` and `nbf` (default 0: a clock skew
    /// the caller accepts must be named).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000).not_before(1_000));
    /// let v = Validation::new(0).leeway(30);
    /// assert_eq!(check(&token, &v.at(2_029)), Ok(()));
    /// assert_eq!(check(&token, &v.at(2_030)), Err(Error::JwtExpired));
    /// assert_eq!(check(&token, &v.at(970)), Ok(()));
    /// assert_eq!(check(&token, &v.at(969)), Err(Error::JwtNotYetValid));
    /// ```
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Longest token accepted, in bytes (default 8 KiB: work stays bounded
    /// by what the caller expects). A longer one is refused before it is
    /// decoded.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.max_token_len(token.len())), Ok(()));
    /// assert_eq!(check(&token, &v.max_token_len(token.len() - 1)), Err(Error::JwtTooLong));
    /// ```
    pub const fn max_token_len(mut self, len: usize) -> Self {
        self.max_token_len = len;
        self
    }

    /// Deepest JSON nesting accepted in the claims (default 32; the claims
    /// set itself is one level).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000).json("org", r#"{"team":{"id":7}}"#));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.max_depth(3)), Ok(()));
    /// assert_eq!(check(&token, &v.max_depth(2)), Err(Error::JwtPayloadInvalid));
    /// ```
    pub const fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Most claims accepted in a claims set (default 128).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000).integer("a", 1).integer("b", 2));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.max_claims(3)), Ok(()));
    /// assert_eq!(check(&token, &v.max_claims(2)), Err(Error::JwtPayloadInvalid));
    /// ```
    pub const fn max_claims(mut self, claims: usize) -> Self {
        self.max_claims = claims;
        self
    }

    /// Accepts exactly this issuer (default: any); a token without `iss`
    /// is then refused too.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().issuer("https://auth.example.com").expires_at(2_000));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.issuer("https://auth.example.com")), Ok(()));
    /// assert_eq!(check(&token, &v.issuer("https://evil.example")), Err(Error::JwtIssuerInvalid));
    /// let anonymous = signed(&Claims::new().expires_at(2_000));
    /// assert_eq!(check(&anonymous, &v.issuer("https://auth.example.com")), Err(Error::JwtMissingClaim));
    /// ```
    pub const fn issuer(mut self, issuer: &'v str) -> Self {
        self.issuer = Expect::One(issuer);
        self
    }

    /// Accepts any of these issuers (an empty list accepts none).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().issuer("https://b.example").expires_at(2_000));
    /// let trusted = ["https://a.example", "https://b.example"];
    /// assert_eq!(check(&token, &Validation::new(1_000).issuers(&trusted)), Ok(()));
    /// assert_eq!(check(&token, &Validation::new(1_000).issuers(&trusted[..1])), Err(Error::JwtIssuerInvalid));
    /// ```
    pub const fn issuers(mut self, issuers: &'v [&'v str]) -> Self {
        self.issuer = Expect::AnyOf(issuers);
        self
    }

    /// Requires this subject (default: any); a token without `sub` is then
    /// refused too.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().subject("user-42").expires_at(2_000));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.subject("user-42")), Ok(()));
    /// assert_eq!(check(&token, &v.subject("user-7")), Err(Error::JwtSubjectInvalid));
    /// ```
    pub const fn subject(mut self, subject: &'v str) -> Self {
        self.subject = Expect::One(subject);
        self
    }

    /// Accepts exactly this audience: the token's `aud` (a string, or any
    /// element of an array) must equal it, and a token without `aud` is
    /// refused.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let both = ["https://api.example.com", "https://billing.example.com"];
    /// let token = signed(&Claims::new().audiences(&both).expires_at(2_000));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.audience("https://billing.example.com")), Ok(()));
    /// assert_eq!(check(&token, &v.audience("https://mail.example.com")), Err(Error::JwtAudienceInvalid));
    /// let unaddressed = signed(&Claims::new().expires_at(2_000));
    /// assert_eq!(check(&unaddressed, &v.audience("https://api.example.com")), Err(Error::JwtMissingClaim));
    /// ```
    pub const fn audience(mut self, audience: &'v str) -> Self {
        self.audience = Expect::One(audience);
        self
    }

    /// Accepts any of these audiences (an empty list accepts none).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().audience("https://api.example.com").expires_at(2_000));
    /// let accepted = ["https://api.example.com", "api"];
    /// assert_eq!(check(&token, &Validation::new(1_000).audiences(&accepted)), Ok(()));
    /// ```
    pub const fn audiences(mut self, audiences: &'v [&'v str]) -> Self {
        self.audience = Expect::AnyOf(audiences);
        self
    }

    /// Requires these claims, replacing the default (`exp`: a token that
    /// never expires is refused unless asked for).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let forever = signed(&Claims::new().subject("user-42"));
    /// assert_eq!(check(&forever, &Validation::new(1_000)), Err(Error::JwtMissingClaim));
    /// assert_eq!(check(&forever, &Validation::new(1_000).required(&[])), Ok(()));
    /// let v = Validation::new(1_000).required(&[Claim::ExpiresAt, Claim::JwtId]);
    /// assert_eq!(check(&signed(&Claims::new().expires_at(2_000)), &v), Err(Error::JwtMissingClaim));
    /// ```
    pub const fn required(mut self, claims: &'v [Claim]) -> Self {
        self.required = claims;
        self
    }

    /// The `typ` a header may carry (default `JWT`); [`Validation::allow_any_typ`]
    /// accepts any. Compared as media types are (RFC 7515 section 4.1.9):
    /// case-insensitively, a value without `/` standing for itself under
    /// `application/`, so `JWT`, `jwt` and `application/jwt` are one type.
    /// A header without `typ` passes (see [`Validation::require_typ`]).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000)); // "typ":"JWT"
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v.typ(Some("application/jwt"))), Ok(()));
    /// assert_eq!(check(&token, &v.typ(Some("at+jwt"))), Err(Error::JwtTypInvalid));
    /// assert_eq!(check(&token, &v.typ(None)), Ok(()));
    /// ```
    pub const fn typ(mut self, typ: Option<&'v str>) -> Self {
        self.typ = typ;
        self.typ_required = false;
        self
    }

    /// Requires the header's `typ` to be present and to be `typ` (compared
    /// as [`Validation::typ`] compares): explicit typing, as RFC 8725
    /// section 3.11 recommends, and as RFC 9068 access tokens (`at+jwt`)
    /// require.
    ///
    /// ```
    /// let v = jeton::jwt::Validation::new(0).require_typ("at+jwt");
    /// assert_eq!(v.expected_typ(), Some("at+jwt"));
    /// assert!(v.typ_is_required());
    /// ```
    pub const fn require_typ(mut self, typ: &'v str) -> Self {
        self.typ = Some(typ);
        self.typ_required = true;
        self
    }

    /// Refuses a token issued (`iat`) more than `seconds` ago (leeway
    /// included), as jose's `maxTokenAge` does; `iat` then becomes
    /// required, and one in the future is refused.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().issued_at(1_000).expires_at(9_000));
    /// let v = Validation::new(0).max_age(600);
    /// assert_eq!(check(&token, &v.at(1_600)), Ok(()));
    /// assert_eq!(check(&token, &v.at(1_601)), Err(Error::JwtTooOld));
    /// assert_eq!(check(&token, &v.at(999)), Err(Error::JwtNotYetValid));
    /// let undated = signed(&Claims::new().expires_at(9_000));
    /// assert_eq!(check(&undated, &v.at(1_000)), Err(Error::JwtMissingClaim));
    /// ```
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// The `crit` header parameters (RFC 7515 section 4.1.11) the caller
    /// understands and checks itself; a token whose `crit` names any other
    /// is refused (default: none is understood). `b64` (RFC 7797) is
    /// refused whatever this says: jeton does not verify unencoded
    /// payloads.
    ///
    /// The header of this token is `{"alg":"HS256","crit":["exp"],"exp":1363284000}`
    /// (RFC 7515 section 4.1.11's example, with HS256 and the key of
    /// `signed`; token computed with Python's `hmac`):
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = b"eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl0sImV4cCI6MTM2MzI4NDAwMH0.\
    ///     eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoyMDAwMDAwMDAwfQ.HE9-leFdEX1aHvRD1-tY_i18ywdT9EBUgaJPi603yfE";
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(token, &v), Err(Error::JwtCritUnsupported));
    /// // The caller checks the header's "exp" itself, and says so:
    /// assert_eq!(check(token, &v.crit(&["exp"])), Ok(()));
    /// ```
    pub const fn crit(mut self, understood: &'v [&'v str]) -> Self {
        self.crit = understood;
        self
    }

    /// Refuses a token whose `jti` is on `list` (checked last, after every
    /// other claim). A [`RevocationList`](crate::session::RevocationList)
    /// needs at least this validation's leeway to keep revocations while
    /// the leeway still accepts their tokens.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// use jeton::session::RevocationList;
    /// let token = signed(&Claims::new().jwt_id("a1b2").expires_at(2_000));
    /// let mut revoked: RevocationList<16> = RevocationList::new();
    /// assert_eq!(check(&token, &Validation::new(1_000).revocation(&revoked)), Ok(()));
    /// revoked.revoke(b"a1b2", 2_000, 1_000)?;
    /// assert_eq!(check(&token, &Validation::new(1_000).revocation(&revoked)), Err(Error::JwtRevoked));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn revocation(mut self, list: &'v dyn Revocation) -> Self {
        self.revocation = Some(list);
        self
    }

    /// Leniency: with no audience named, accepts tokens that carry an
    /// `aud` anyway (by default they are refused: a token meant for a
    /// named audience is not for a verifier that names none).
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().audience("https://api.example.com").expires_at(2_000));
    /// let v = Validation::new(1_000);
    /// assert_eq!(check(&token, &v), Err(Error::JwtAudienceInvalid));
    /// assert_eq!(check(&token, &v.allow_any_audience()), Ok(()));
    /// ```
    pub const fn allow_any_audience(mut self) -> Self {
        self.any_audience = true;
        self
    }

    /// The former name of [`Validation::allow_any_audience`].
    ///
    /// ```
    /// let v = jeton::jwt::Validation::new(0).ignore_audience();
    /// assert!(v.any_audience_is_allowed());
    /// ```
    pub const fn ignore_audience(self) -> Self {
        self.allow_any_audience()
    }

    /// Leniency: does not check `exp` (it may still be
    /// [required](Validation::required)). For tokens whose expiry the
    /// caller judges itself.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000));
    /// assert_eq!(check(&token, &Validation::new(5_000)), Err(Error::JwtExpired));
    /// assert_eq!(check(&token, &Validation::new(5_000).allow_expired()), Ok(()));
    /// ```
    pub const fn allow_expired(mut self) -> Self {
        self.check_exp = false;
        self
    }

    /// Leniency: does not check `nbf`.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().not_before(2_000).expires_at(3_000));
    /// assert_eq!(check(&token, &Validation::new(1_000)), Err(Error::JwtNotYetValid));
    /// assert_eq!(check(&token, &Validation::new(1_000).allow_not_yet_valid()), Ok(()));
    /// ```
    pub const fn allow_not_yet_valid(mut self) -> Self {
        self.check_nbf = false;
        self
    }

    /// Leniency: accepts any `typ` header parameter.
    ///
    /// ```
    /// # use jeton::{Error, jwt::{self, Claim, Claims, JwtKey, KeySet, Validation}};
    /// # fn signed(claims: &Claims<'_>) -> Vec<u8> {
    /// #     let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
    /// #     let mut token = [0u8; 512];
    /// #     let n = jwt::encode(&key, claims, &mut token).unwrap();
    /// #     token[..n].to_vec()
    /// # }
    /// # fn check(token: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    /// #     let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(b"a secret of at least 32 bytes....")?)?;
    /// #     let mut buf = [0u8; 512];
    /// #     jwt::verify(token, &keys, v, &mut buf).map(|_| ())
    /// # }
    /// let token = signed(&Claims::new().expires_at(2_000)); // "typ":"JWT"
    /// let v = Validation::new(1_000).require_typ("at+jwt");
    /// assert_eq!(check(&token, &v), Err(Error::JwtTypInvalid));
    /// assert_eq!(check(&token, &v.allow_any_typ()), Ok(()));
    /// ```
    pub const fn allow_any_typ(mut self) -> Self {
        self.typ = None;
        self.typ_required = false;
        self
    }

    /// The clock, Unix seconds.
    pub const fn now(&self) -> i64 {
        self.now
    }

    /// The leeway for `exp` and `nbf`, in seconds.
    pub const fn leeway_seconds(&self) -> u64 {
        self.leeway
    }

    /// The leeway as a signed number of seconds (saturated).
    pub(crate) const fn leeway_i64(&self) -> i64 {
        if self.leeway > i64::MAX as u64 {
            i64::MAX
        } else {
            self.leeway as i64
        }
    }

    /// The longest token accepted, in bytes.
    pub const fn token_len_limit(&self) -> usize {
        self.max_token_len
    }

    /// The deepest nesting accepted in the claims.
    pub const fn depth_limit(&self) -> usize {
        self.max_depth
    }

    /// The most claims accepted.
    pub const fn claims_limit(&self) -> usize {
        self.max_claims
    }

    /// The accepted issuers.
    pub const fn expected_issuer(&self) -> Expect<'v> {
        self.issuer
    }

    /// The accepted subjects.
    pub const fn expected_subject(&self) -> Expect<'v> {
        self.subject
    }

    /// The accepted audiences.
    pub const fn expected_audience(&self) -> Expect<'v> {
        self.audience
    }

    /// The claims that must be present.
    pub const fn required_claims(&self) -> &'v [Claim] {
        self.required
    }

    /// The `typ` a header may carry; `None` when any is accepted.
    pub const fn expected_typ(&self) -> Option<&'v str> {
        self.typ
    }

    /// Whether `typ` must be present.
    pub const fn typ_is_required(&self) -> bool {
        self.typ_required
    }

    /// The maximum age measured from `iat`, in seconds.
    pub const fn max_age_seconds(&self) -> Option<u64> {
        self.max_age
    }

    /// The `crit` parameters understood.
    pub const fn understood_crit(&self) -> &'v [&'v str] {
        self.crit
    }

    /// The revocation list consulted, if any.
    pub fn revocation_list(&self) -> Option<&'v dyn Revocation> {
        self.revocation
    }

    /// Whether a token carrying `aud` passes with no audience named.
    pub const fn any_audience_is_allowed(&self) -> bool {
        self.any_audience
    }

    /// Whether `exp` goes unchecked.
    pub const fn expired_is_allowed(&self) -> bool {
        !self.check_exp
    }

    /// Whether `nbf` goes unchecked.
    pub const fn not_yet_valid_is_allowed(&self) -> bool {
        !self.check_nbf
    }
}
