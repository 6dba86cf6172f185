//! Token introspection responses (RFC 7662 section 2.2), read in place:
//! `active` first, then the claims a resource server checks.

use super::access_token::cnf_jkt;
use super::dpop::Thumbprint;
use super::scope::Scopes;
use crate::Error;
use crate::json::{self, JsonStr, Kind, Limits, Value};

/// The members read, each with the kind it must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    Scope,
    ClientId,
    Username,
    TokenType,
    Exp,
    Iat,
    Nbf,
    Sub,
    Aud,
    Iss,
    Jti,
    Cnf,
}

/// The kind of value a member must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Str,
    Date,
    /// A string or an array of strings (`aud`).
    Audience,
    Object,
}

/// Every member read, in the enum's order (a test checks).
const MEMBERS: [(&str, Member, Shape); 12] = [
    ("scope", Member::Scope, Shape::Str),
    ("client_id", Member::ClientId, Shape::Str),
    ("username", Member::Username, Shape::Str),
    ("token_type", Member::TokenType, Shape::Str),
    ("exp", Member::Exp, Shape::Date),
    ("iat", Member::Iat, Shape::Date),
    ("nbf", Member::Nbf, Shape::Date),
    ("sub", Member::Sub, Shape::Str),
    ("aud", Member::Aud, Shape::Audience),
    ("iss", Member::Iss, Shape::Str),
    ("jti", Member::Jti, Shape::Str),
    ("cnf", Member::Cnf, Shape::Object),
];

/// Bounds of an introspection response.
const LIMITS: Limits = Limits {
    max_depth: 16,
    max_members: 256,
    unique_members: true,
};

/// An introspection response that says the token is active, read in
/// place. The getters hand out the members as written; dates come rounded
/// up to whole seconds. Members jeton does not read are reached with
/// [`Introspection::get`].
///
/// ```
/// use jeton::Error;
/// use jeton::oauth::{Introspection, IntrospectionCheck};
/// // RFC 7662 section 2.2's examples.
/// let active = br#"{
///   "active": true,
///   "client_id": "l238j323ds-23ij4",
///   "username": "jdoe",
///   "scope": "read write dolphin",
///   "sub": "Z5O3upPC88QrAjx00dis",
///   "aud": "https://protected.example.net/resource",
///   "iss": "https://server.example.com/",
///   "exp": 1419356238,
///   "iat": 1419350238,
///   "extension_field": "twenty-seven"
/// }"#;
/// let r = Introspection::parse(active)?;
/// assert!(r.scopes().contains("dolphin"));
/// assert_eq!(r.expires_at(), Some(1_419_356_238));
/// let check = IntrospectionCheck::new(1_419_350_300)
///     .issuer("https://server.example.com/")
///     .audience("https://protected.example.net/resource")
///     .scopes(&["read", "write"]);
/// r.check(&check)?;
/// assert_eq!(r.check(&check.at(1_419_356_238)), Err(Error::JwtExpired));
///
/// assert_eq!(Introspection::parse(br#"{"active": false}"#).err(), Some(Error::TokenInactive));
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Introspection<'a> {
    document: Value<'a>,
    members: [Option<Value<'a>>; MEMBERS.len()],
    dates: [Option<i64>; 3],
}

impl<'a> Introspection<'a> {
    /// Reads an introspection response (`application/json`, RFC 7662
    /// section 2.2), in this order:
    ///
    /// 1. a JSON object without duplicate members, whose `active` is a
    ///    boolean ([`Error::IntrospectionInvalid`]);
    /// 2. `active` `true` ([`Error::TokenInactive`]; nothing else of an
    ///    inactive answer is read, as section 2.2 says a server may say no
    ///    more);
    /// 3. the members read of their types ([`Error::IntrospectionInvalid`]):
    ///    `scope`, `client_id`, `username`, `token_type`, `sub`, `iss`,
    ///    `jti` strings, `exp`, `iat`, `nbf` numbers, `aud` a string or an
    ///    array of strings, `cnf` an object whose `jkt`, when present, is a
    ///    SHA-256 thumbprint.
    ///
    /// The dates and audience are judged by [`Introspection::check`].
    ///
    /// # Errors
    ///
    /// The errors above.
    pub fn parse(json: &'a [u8]) -> Result<Introspection<'a>, Error> {
        let document = json::parse_with(json, &LIMITS).map_err(|_| Error::IntrospectionInvalid)?;
        if document.kind() != Kind::Object {
            return Err(Error::IntrospectionInvalid);
        }
        match document.get("active").map(|a| a.as_bool()) {
            Some(Ok(true)) => {}
            Some(Ok(false)) => return Err(Error::TokenInactive),
            _ => return Err(Error::IntrospectionInvalid),
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
                Shape::Date => value.kind() == Kind::Number,
                Shape::Audience => {
                    value.kind() == Kind::String
                        || (value.kind() == Kind::Array
                            && value.elements().all(|e| e.kind() == Kind::String))
                }
                Shape::Object => value.kind() == Kind::Object,
            };
            if !fits {
                return Err(Error::IntrospectionInvalid);
            }
            *slot = Some(value);
        }
        let mut dates = [None; 3];
        for (slot, member) in dates
            .iter_mut()
            .zip([Member::Exp, Member::Iat, Member::Nbf])
        {
            if let Some(value) = members.get(member as usize).copied().flatten() {
                *slot =
                    Some(json::numeric_date(value.raw()).map_err(|_| Error::IntrospectionInvalid)?);
            }
        }
        let cnf = members.get(Member::Cnf as usize).copied().flatten();
        cnf_jkt(cnf, Error::IntrospectionInvalid)?;
        Ok(Introspection {
            document,
            members,
            dates,
        })
    }

    fn value(&self, member: Member) -> Option<Value<'a>> {
        self.members.get(member as usize).copied().flatten()
    }

    fn string(&self, member: Member) -> Option<JsonStr<'a>> {
        self.value(member).and_then(|v| v.as_str())
    }

    /// The whole response, for members jeton does not read.
    pub fn document(&self) -> Value<'a> {
        self.document
    }

    /// Any member by name.
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.document.get(name)
    }

    /// The scopes (`scope`; none when absent).
    pub fn scopes(&self) -> Scopes<'a> {
        self.string(Member::Scope)
            .map_or(Scopes::EMPTY, Scopes::new)
    }

    /// `client_id`.
    pub fn client_id(&self) -> Option<JsonStr<'a>> {
        self.string(Member::ClientId)
    }

    /// `username`.
    pub fn username(&self) -> Option<JsonStr<'a>> {
        self.string(Member::Username)
    }

    /// `token_type` (RFC 7662 leaves its values to RFC 6749 section 7.1:
    /// `Bearer`, `DPoP`, ...).
    pub fn token_type(&self) -> Option<JsonStr<'a>> {
        self.string(Member::TokenType)
    }

    /// `exp`, rounded up to whole seconds.
    pub fn expires_at(&self) -> Option<i64> {
        self.dates.first().copied().flatten()
    }

    /// `iat`, rounded up to whole seconds.
    pub fn issued_at(&self) -> Option<i64> {
        self.dates.get(1).copied().flatten()
    }

    /// `nbf`, rounded up to whole seconds.
    pub fn not_before(&self) -> Option<i64> {
        self.dates.get(2).copied().flatten()
    }

    /// `sub`.
    pub fn subject(&self) -> Option<JsonStr<'a>> {
        self.string(Member::Sub)
    }

    /// `aud`: a string or an array of strings.
    pub fn audience(&self) -> Option<Value<'a>> {
        self.value(Member::Aud)
    }

    /// The audiences: `aud` as a string, or each element of it as an array.
    pub fn audiences(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        let aud = self.audience();
        let one = aud.and_then(|a| a.as_str());
        let many = aud
            .filter(|a| a.kind() == Kind::Array)
            .map(|a| a.elements());
        one.into_iter()
            .chain(many.into_iter().flatten().filter_map(|e| e.as_str()))
    }

    /// `iss`.
    pub fn issuer(&self) -> Option<JsonStr<'a>> {
        self.string(Member::Iss)
    }

    /// `jti`.
    pub fn jwt_id(&self) -> Option<JsonStr<'a>> {
        self.string(Member::Jti)
    }

    /// `cnf.jkt`: the thumbprint of the key the token is bound to (RFC
    /// 9449 section 6.2), whose DPoP proof must come with it.
    pub fn cnf_jkt(&self) -> Option<Thumbprint> {
        cnf_jkt(self.value(Member::Cnf), Error::IntrospectionInvalid)
            .ok()
            .flatten()
    }

    /// Judges the claims against `check`, in this order: `exp`
    /// ([`Error::JwtExpired`]), `nbf` ([`Error::JwtNotYetValid`]), `iss`
    /// ([`Error::JwtIssuerInvalid`]), `aud` ([`Error::JwtAudienceInvalid`]),
    /// the scopes ([`Error::ScopeInsufficient`]). An issuer or audience
    /// the check names must be present ([`Error::JwtMissingClaim`]);
    /// absent dates are not checked (the server judged them when it
    /// answered `active`).
    ///
    /// # Errors
    ///
    /// The errors above.
    pub fn check(&self, check: &IntrospectionCheck<'_>) -> Result<(), Error> {
        let leeway = i64::try_from(check.leeway).unwrap_or(i64::MAX);
        if let Some(exp) = self.expires_at()
            && check.now.saturating_sub(leeway) >= exp
        {
            return Err(Error::JwtExpired);
        }
        if let Some(nbf) = self.not_before()
            && check.now.saturating_add(leeway) < nbf
        {
            return Err(Error::JwtNotYetValid);
        }
        if let Some(issuer) = check.issuer
            && !self
                .issuer()
                .ok_or(Error::JwtMissingClaim)?
                .eq_bytes(issuer.as_bytes())
        {
            return Err(Error::JwtIssuerInvalid);
        }
        if let Some(audience) = check.audience {
            if self.audience().is_none() {
                return Err(Error::JwtMissingClaim);
            }
            if !self.audiences().any(|a| a.eq_bytes(audience.as_bytes())) {
                return Err(Error::JwtAudienceInvalid);
            }
        }
        if !self.scopes().contains_all(check.scopes) {
            return Err(Error::ScopeInsufficient);
        }
        Ok(())
    }
}

/// What a resource server checks of an active token's introspection, for
/// [`Introspection::check`]: the clock, and optionally the issuer, this
/// resource's audience and the scopes a request needs.
#[derive(Clone, Copy, Debug)]
pub struct IntrospectionCheck<'v> {
    now: i64,
    leeway: u64,
    issuer: Option<&'v str>,
    audience: Option<&'v str>,
    scopes: &'v [&'v str],
}

impl<'v> IntrospectionCheck<'v> {
    /// The checks at clock `now` (Unix seconds): dates only.
    pub const fn new(now: i64) -> Self {
        IntrospectionCheck {
            now,
            leeway: 0,
            issuer: None,
            audience: None,
            scopes: &[],
        }
    }

    /// The same checks at another clock.
    pub const fn at(mut self, now: i64) -> Self {
        self.now = now;
        self
    }

    /// Seconds of tolerance for `exp` and `nbf` (default 0).
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Requires `iss` to be `issuer`.
    pub const fn issuer(mut self, issuer: &'v str) -> Self {
        self.issuer = Some(issuer);
        self
    }

    /// Requires `aud` to hold `audience` (this resource).
    pub const fn audience(mut self, audience: &'v str) -> Self {
        self.audience = Some(audience);
        self
    }

    /// Requires every one of `scopes`.
    pub const fn scopes(mut self, scopes: &'v [&'v str]) -> Self {
        self.scopes = scopes;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_listed_in_their_order() {
        for (i, (_, member, _)) in MEMBERS.iter().enumerate() {
            assert_eq!(*member as usize, i);
        }
    }

    #[test]
    fn active_first_then_types() {
        let parse = |doc: &[u8]| Introspection::parse(doc).map(|_| ());
        // Inactive: nothing else is read, however wrong.
        assert_eq!(
            parse(br#"{"exp":"soon","active":false,"scope":7}"#),
            Err(Error::TokenInactive)
        );
        for bad in [
            &b"{}"[..],
            br#"{"active":"true"}"#,
            br#"{"active":1}"#,
            br#"{"active":null}"#,
            br#"[{"active":true}]"#,
            br#"{"active":true,"active":false}"#,
            br#"{"active":true,"exp":"1419356238"}"#,
            br#"{"active":true,"scope":["read"]}"#,
            br#"{"active":true,"aud":["a",1]}"#,
            br#"{"active":true,"cnf":"x"}"#,
            br#"{"active":true,"cnf":{"jkt":"short"}}"#,
            br#"{"active":true,"exp":1e400}"#,
            br#"{"active":true"#,
        ] {
            assert_eq!(parse(bad), Err(Error::IntrospectionInvalid), "{bad:?}");
        }
        let r = Introspection::parse(
            br#"{"active":true,"exp":10.5,"aud":["a","b"],"token_type":"DPoP","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}"#,
        )
        .unwrap();
        assert_eq!(r.expires_at(), Some(11));
        assert_eq!(r.audiences().count(), 2);
        assert_eq!(
            r.cnf_jkt().unwrap().as_str(),
            "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
        );
        let check = IntrospectionCheck::new(10);
        assert_eq!(r.check(&check), Ok(()));
        assert_eq!(r.check(&check.at(11)), Err(Error::JwtExpired));
        assert_eq!(r.check(&check.at(11).leeway(1)), Ok(()));
        assert_eq!(r.check(&check.audience("b")), Ok(()));
        assert_eq!(
            r.check(&check.audience("c")),
            Err(Error::JwtAudienceInvalid)
        );
        assert_eq!(r.check(&check.issuer("i")), Err(Error::JwtMissingClaim));
        assert_eq!(
            r.check(&check.scopes(&["x"])),
            Err(Error::ScopeInsufficient)
        );
    }
}
