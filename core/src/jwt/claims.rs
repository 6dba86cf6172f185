//! The claims set of a token whose signature checked out: read once, the
//! registered claims kept, then judged against a [`Validation`].

use super::header::Span;
use super::validation::{Claim, Expect, Validation};
use crate::Error;
use crate::json::{self, JsonStr, Kind, Limits, MemberIndex, Value};

/// The registered claims, read in the one pass that validated the claims
/// set: strings and `aud` as spans of the claims, dates as seconds.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Registered {
    pub(crate) iss: Option<Span>,
    pub(crate) sub: Option<Span>,
    pub(crate) aud: Option<Span>,
    pub(crate) jti: Option<Span>,
    pub(crate) exp: Option<i64>,
    pub(crate) nbf: Option<i64>,
    pub(crate) iat: Option<i64>,
}

/// A NumericDate, rounded up, or the precise error.
fn numeric_date(value: Value<'_>) -> Result<i64, Error> {
    if value.kind() != Kind::Number {
        return Err(Error::JwtClaimType);
    }
    json::numeric_date(value.raw()).map_err(|_| Error::JwtClaimRange)
}

/// The registered claims (RFC 7519 section 4.1).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Name {
    Iss,
    Sub,
    Aud,
    Exp,
    Nbf,
    Iat,
    Jti,
}

/// Which registered claim a member name (raw, holding escapes when
/// `escaped`) is, if any: compared as integers, no string comparison.
fn registered(name: &[u8], escaped: bool) -> Option<Name> {
    let mut three = [0u8; 3];
    let plain: &[u8] = if escaped {
        // Unescaped, a registered name is three bytes.
        let mut bytes = JsonStr::new(name, true).bytes();
        for slot in &mut three {
            *slot = bytes.next()?;
        }
        if bytes.next().is_some() {
            return None;
        }
        &three
    } else {
        name
    };
    // The three bytes as one integer: one comparison per name.
    let [a, b, c] = <[u8; 3]>::try_from(plain).ok()?;
    match u32::from_le_bytes([a, b, c, 0]) {
        ISS => Some(Name::Iss),
        SUB => Some(Name::Sub),
        AUD => Some(Name::Aud),
        EXP => Some(Name::Exp),
        NBF => Some(Name::Nbf),
        IAT => Some(Name::Iat),
        JTI => Some(Name::Jti),
        _ => None,
    }
}

/// A three-byte name as [`registered`] compares it.
const fn key(name: &[u8; 3]) -> u32 {
    let [a, b, c] = *name;
    u32::from_le_bytes([a, b, c, 0])
}

const ISS: u32 = key(b"iss");
const SUB: u32 = key(b"sub");
const AUD: u32 = key(b"aud");
const EXP: u32 = key(b"exp");
const NBF: u32 = key(b"nbf");
const IAT: u32 = key(b"iat");
const JTI: u32 = key(b"jti");

/// Notes `value` in `r` when `name` is a registered claim, checking its
/// type (and range, for dates). `claims` is the whole claims set.
fn take_claim(
    r: &mut Registered,
    claims: &[u8],
    name: &[u8],
    escaped: bool,
    value: Value<'_>,
) -> Result<(), Error> {
    // Registered names are three bytes; other claims are skipped on length
    // alone.
    if name.len() != 3 && !escaped {
        return Ok(());
    }
    let Some(which) = registered(name, escaped) else {
        return Ok(());
    };
    let span = || Span::of(claims, value.raw());
    let string = || match value.kind() {
        Kind::String => Ok(Some(span())),
        _ => Err(Error::JwtClaimType),
    };
    match which {
        Name::Exp => r.exp = Some(numeric_date(value)?),
        Name::Nbf => r.nbf = Some(numeric_date(value)?),
        Name::Iat => r.iat = Some(numeric_date(value)?),
        Name::Iss => r.iss = string()?,
        Name::Sub => r.sub = string()?,
        Name::Jti => r.jti = string()?,
        Name::Aud => {
            let ok = match value.kind() {
                Kind::String => true,
                Kind::Array => value.elements().all(|e| e.kind() == Kind::String),
                _ => false,
            };
            if !ok {
                return Err(Error::JwtClaimType);
            }
            r.aud = Some(span());
        }
    }
    Ok(())
}

/// Reads the claims set `claims` in one pass: a JSON object without
/// duplicate claims, registered claims of their types, each member noted
/// in `index`. Returns the object (without surrounding whitespace; the
/// index and spans are relative to it) and its registered claims.
///
/// # Errors
///
/// [`Error::JwtPayloadInvalid`], [`Error::JwtPayloadDuplicate`],
/// [`Error::JwtClaimType`], [`Error::JwtClaimRange`], whichever the
/// document shows first.
pub(crate) fn read_claims<'a>(
    claims: &'a [u8],
    validation: &Validation<'_>,
    index: &mut MemberIndex,
) -> Result<(&'a [u8], Registered), Error> {
    let limits = Limits {
        max_depth: validation.depth_limit(),
        max_members: validation.claims_limit(),
        unique_members: true,
    };
    // Spans are taken against the object itself, the claims set without
    // the whitespace around it, as the index is: they need no shifting
    // afterwards (code that cost flash on a microcontroller).
    let claims = json::trim_ws(claims);
    let (object, registered) = json::read_object(
        claims,
        &limits,
        index,
        &[],
        |r: &mut Registered, name, escaped, value| take_claim(r, claims, name, escaped, value),
    )
    .map_err(|e| match e {
        Error::JsonDuplicateMember => Error::JwtPayloadDuplicate,
        Error::JwtClaimType | Error::JwtClaimRange => e,
        _ => Error::JwtPayloadInvalid,
    })?;
    // Whitespace trimmed, the object read is all of `claims`.
    debug_assert_eq!(object.raw(), claims);
    Ok((claims, registered))
}

/// Judges the registered claims `r` of the claims set `claims` against
/// `v`, in the order [`verify`](super::verify) documents.
pub(crate) fn check_claims(claims: &[u8], r: &Registered, v: &Validation<'_>) -> Result<(), Error> {
    for claim in v.required_claims() {
        let present = match claim {
            Claim::Issuer => r.iss.is_some(),
            Claim::Subject => r.sub.is_some(),
            Claim::Audience => r.aud.is_some(),
            Claim::ExpiresAt => r.exp.is_some(),
            Claim::NotBefore => r.nbf.is_some(),
            Claim::IssuedAt => r.iat.is_some(),
            Claim::JwtId => r.jti.is_some(),
        };
        if !present {
            return Err(Error::JwtMissingClaim);
        }
    }
    let leeway = v.leeway_i64();
    if let (false, Some(exp)) = (v.expired_is_allowed(), r.exp) {
        // Valid while now < exp (RFC 7519 section 4.1.4).
        if v.now().saturating_sub(leeway) >= exp {
            return Err(Error::JwtExpired);
        }
    }
    if let (false, Some(nbf)) = (v.not_yet_valid_is_allowed(), r.nbf) {
        // Valid from nbf on (RFC 7519 section 4.1.5).
        if v.now().saturating_add(leeway) < nbf {
            return Err(Error::JwtNotYetValid);
        }
    }
    if let Some(max_age) = v.max_age_seconds() {
        // As jose's maxTokenAge: iat required, neither too old nor ahead.
        let iat = r.iat.ok_or(Error::JwtMissingClaim)?;
        let max_age = i64::try_from(max_age).unwrap_or(i64::MAX);
        if v.now().saturating_sub(leeway) > iat.saturating_add(max_age) {
            return Err(Error::JwtTooOld);
        }
        if iat > v.now().saturating_add(leeway) {
            return Err(Error::JwtNotYetValid);
        }
    }
    for (expect, span, err) in [
        (v.expected_issuer(), r.iss, Error::JwtIssuerInvalid),
        (v.expected_subject(), r.sub, Error::JwtSubjectInvalid),
    ] {
        if !expect.is_any() {
            let span = span.ok_or(Error::JwtMissingClaim)?;
            if !span.str(claims).is_some_and(|s| expect.accepts(&s)) {
                return Err(err);
            }
        }
    }
    match (v.expected_audience(), r.aud) {
        (Expect::Any, Some(_)) if !v.any_audience_is_allowed() => {
            return Err(Error::JwtAudienceInvalid);
        }
        (Expect::Any, _) => {}
        (_, None) => return Err(Error::JwtMissingClaim),
        (expect, Some(span)) => {
            let aud = span.value(claims).ok_or(Error::JwtAudienceInvalid)?;
            let accepted = match aud.as_str() {
                Some(one) => expect.accepts(&one),
                None => aud
                    .elements()
                    .filter_map(|e| e.as_str())
                    .any(|e| expect.accepts(&e)),
            };
            if !accepted {
                return Err(Error::JwtAudienceInvalid);
            }
        }
    }
    // Last, the revocation list: a token without `jti` cannot be on it.
    if let Some(list) = v.revocation_list() {
        // A list that forgets a revocation before this verifier stops
        // accepting the token would admit it again: refused, whatever the
        // token, so the misconfiguration shows on the first request.
        if !v.expired_is_allowed() && list.kept_past_expiry() < v.leeway_seconds() {
            return Err(Error::RevocationLeewayTooShort);
        }
    }
    if let (Some(list), Some(jti)) = (v.revocation_list(), r.jti.and_then(|s| s.str(claims))) {
        // The list is asked at the instant `exp` was judged against, so a
        // revoked token stays refused for as long as the leeway would
        // still accept it (and for good when `exp` is not checked).
        let at = if v.expired_is_allowed() {
            i64::MIN
        } else {
            v.now().saturating_sub(leeway)
        };
        if list.is_revoked(&jti, at)? {
            return Err(Error::JwtRevoked);
        }
    }
    Ok(())
}
