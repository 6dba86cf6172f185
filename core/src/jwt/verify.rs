//! Verifying tokens and reading their claims.

use super::{JwtAlgorithm, KeySet};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::{self, JsonStr, Kind, Limits, Value};
use crate::mac::MAX_TAG_LEN;
use crate::out::Out;

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

/// Which values of a string claim are accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect<'v> {
    /// Any value, or none (for `aud`, see [`Validation::ignore_audience`]).
    Any,
    /// Exactly this value.
    One(&'v str),
    /// Any of these values.
    AnyOf(&'v [&'v str]),
}

impl Expect<'_> {
    fn is_any(&self) -> bool {
        matches!(self, Expect::Any)
    }

    fn accepts(&self, value: &JsonStr<'_>) -> bool {
        match self {
            Expect::Any => true,
            Expect::One(one) => value.eq_bytes(one.as_bytes()),
            Expect::AnyOf(all) => all.iter().any(|one| value.eq_bytes(one.as_bytes())),
        }
    }
}

/// What [`verify`] checks besides the signature, and against which clock.
///
/// The defaults, from [`Validation::new`]: `exp` required and checked, `nbf`
/// checked when present, no leeway, tokens up to 8 KiB, `typ` when present
/// must be `JWT`, any issuer and subject, and a token that carries `aud`
/// refused unless the verifier names an audience it accepts (or calls
/// [`Validation::ignore_audience`]), as jsonwebtoken and PyJWT do: a token
/// meant for a named audience is not for a verifier that has none.
#[derive(Clone, Copy)]
pub struct Validation<'v> {
    /// The caller's clock, Unix seconds.
    pub now: i64,
    /// Seconds of tolerance for `exp` and `nbf`.
    pub leeway: u64,
    /// Longest token accepted, in bytes.
    pub max_token_len: usize,
    /// Accepted issuers.
    pub issuer: Expect<'v>,
    /// Accepted subjects.
    pub subject: Expect<'v>,
    /// Accepted audiences: the token's `aud` (a string, or any element of
    /// an array) must equal one of them.
    pub audience: Expect<'v>,
    /// With `audience` left at [`Expect::Any`]: accept tokens that carry an
    /// `aud` anyway.
    pub ignore_audience: bool,
    /// Claims that must be present.
    pub required: &'v [Claim],
    /// Check `exp` when present.
    pub check_exp: bool,
    /// Check `nbf` when present.
    pub check_nbf: bool,
    /// The `typ` a header may carry (compared case-insensitively); `None`
    /// accepts any `typ`.
    pub typ: Option<&'v str>,
    /// Deepest JSON nesting accepted in the claims.
    pub max_depth: usize,
    /// Most claims accepted.
    pub max_claims: usize,
    /// Where revoked `jti`s are kept: a token whose `jti` is revoked is
    /// refused with [`Error::JwtRevoked`] (checked last, after every other
    /// claim). A [`RevocationList`](crate::session::RevocationList) needs
    /// at least this validation's leeway (`RevocationList::leeway`) to
    /// keep revocations while the leeway still accepts their tokens.
    pub revocation: Option<&'v dyn crate::session::Revocation>,
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
            .field("ignore_audience", &self.ignore_audience)
            .field("required", &self.required)
            .field("check_exp", &self.check_exp)
            .field("check_nbf", &self.check_nbf)
            .field("typ", &self.typ)
            .field("max_depth", &self.max_depth)
            .field("max_claims", &self.max_claims)
            .field("revocation", &self.revocation.is_some())
            .finish()
    }
}

impl<'v> Validation<'v> {
    /// The defaults (see the type's documentation) at clock `now`.
    pub const fn new(now: i64) -> Self {
        Validation {
            now,
            leeway: 0,
            max_token_len: 8192,
            issuer: Expect::Any,
            subject: Expect::Any,
            audience: Expect::Any,
            ignore_audience: false,
            required: &[Claim::ExpiresAt],
            check_exp: true,
            check_nbf: true,
            typ: Some("JWT"),
            max_depth: 32,
            max_claims: 128,
            revocation: None,
        }
    }

    /// Consults `list` for revoked `jti`s.
    pub const fn revocation(mut self, list: &'v dyn crate::session::Revocation) -> Self {
        self.revocation = Some(list);
        self
    }

    /// Sets the leeway for `exp` and `nbf`, in seconds.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Accepts exactly this issuer.
    pub const fn issuer(mut self, issuer: &'v str) -> Self {
        self.issuer = Expect::One(issuer);
        self
    }

    /// Accepts any of these issuers.
    pub const fn issuers(mut self, issuers: &'v [&'v str]) -> Self {
        self.issuer = Expect::AnyOf(issuers);
        self
    }

    /// Requires this subject.
    pub const fn subject(mut self, subject: &'v str) -> Self {
        self.subject = Expect::One(subject);
        self
    }

    /// Accepts exactly this audience.
    pub const fn audience(mut self, audience: &'v str) -> Self {
        self.audience = Expect::One(audience);
        self
    }

    /// Accepts any of these audiences.
    pub const fn audiences(mut self, audiences: &'v [&'v str]) -> Self {
        self.audience = Expect::AnyOf(audiences);
        self
    }

    /// Does not look at `aud` at all.
    pub const fn ignore_audience(mut self) -> Self {
        self.ignore_audience = true;
        self
    }

    /// Requires these claims (replacing the default, `exp`).
    pub const fn required(mut self, claims: &'v [Claim]) -> Self {
        self.required = claims;
        self
    }

    /// Sets the longest token accepted.
    pub const fn max_token_len(mut self, len: usize) -> Self {
        self.max_token_len = len;
        self
    }

    /// Sets the `typ` a header may carry (`None`: any).
    pub const fn typ(mut self, typ: Option<&'v str>) -> Self {
        self.typ = typ;
        self
    }
}

/// Where a value sits in the claims set, so that the registered claims
/// found while validating can be handed out after the buffer is frozen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn of(whole: &[u8], part: &[u8]) -> Span {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        Span {
            start,
            end: start + part.len(),
        }
    }

    fn value<'a>(&self, whole: &'a [u8]) -> Value<'a> {
        Value::from_validated(whole.get(self.start..self.end).unwrap_or(&[]))
    }
}

/// The registered claims, read in the one pass that validated the claims
/// set.
#[derive(Clone, Copy, Debug, Default)]
struct Registered {
    iss: Option<Span>,
    sub: Option<Span>,
    aud: Option<Span>,
    jti: Option<Span>,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
}

/// A NumericDate, rounded up, or the precise error.
fn numeric_date(value: Value<'_>) -> Result<i64, Error> {
    if value.kind() != Kind::Number {
        return Err(Error::JwtClaimType);
    }
    json::numeric_date(value.raw()).map_err(|_| Error::JwtClaimRange)
}

/// The header parameters jeton reads.
#[derive(Debug, PartialEq, Eq)]
struct HeaderParams<'a> {
    alg: JsonStr<'a>,
    typ: Option<JsonStr<'a>>,
    kid: Option<JsonStr<'a>>,
    crit: bool,
}

fn read_header(bytes: &[u8]) -> Result<HeaderParams<'_>, Error> {
    match read_usual_header(bytes) {
        Some(params) => Ok(params),
        None => read_any_header(bytes),
    }
}

/// [`read_header`] through the JSON validator, for any header.
fn read_any_header(bytes: &[u8]) -> Result<HeaderParams<'_>, Error> {
    let limits = Limits {
        max_depth: 8,
        max_members: 32,
        unique_members: true,
    };
    let mut found: [Option<Value<'_>>; 4] = [None; 4];
    let root = json::validate(
        bytes,
        &limits,
        Some(&mut |name, escaped, value| {
            for (slot, param) in found.iter_mut().zip(["alg", "typ", "kid", "crit"]) {
                if json::names_equal(name, escaped, param.as_bytes(), false) {
                    *slot = Some(value);
                }
            }
            Ok(())
        }),
    )
    .map_err(|e| match e {
        Error::JsonDuplicateMember => Error::JwtHeaderDuplicate,
        _ => Error::JwtHeaderInvalid,
    })?;
    if root.kind() != Kind::Object {
        return Err(Error::JwtHeaderInvalid);
    }
    let [alg, typ, kid, crit] = found;
    fn string(v: Option<Value<'_>>) -> Result<Option<JsonStr<'_>>, Error> {
        v.map(|v| v.as_str().ok_or(Error::JwtHeaderParameter))
            .transpose()
    }
    let alg = string(alg)?.ok_or(Error::JwtAlgMissing)?;
    let (typ, kid) = (string(typ)?, string(kid)?);
    let crit = match crit {
        // RFC 7515 section 4.1.11: a non-empty array of strings.
        Some(c) => {
            let well_formed = c.kind() == Kind::Array
                && c.elements().next().is_some()
                && c.elements().all(|e| e.kind() == Kind::String);
            if !well_formed {
                return Err(Error::JwtHeaderParameter);
            }
            true
        }
        None => false,
    };
    Ok(HeaderParams {
        alg,
        typ,
        kid,
        crit,
    })
}

/// The header nearly every token carries, `{"alg":"HS256","typ":"JWT"}`
/// (or HS384, HS512) byte for byte, read without the JSON pass; the
/// general path gives the same answer (a test checks).
fn read_usual_header(bytes: &[u8]) -> Option<HeaderParams<'_>> {
    const TYP: &[u8] = br#","typ":"JWT"}"#;
    if bytes.len() != 27 || !bytes.starts_with(br#"{"alg":"#) || bytes.get(14..)? != TYP {
        return None;
    }
    let alg = bytes.get(7..14)?;
    if !matches!(alg, br#""HS256""# | br#""HS384""# | br#""HS512""#) {
        return None;
    }
    Some(HeaderParams {
        alg: Value::from_validated(alg).as_str()?,
        typ: Some(Value::from_validated(bytes.get(21..26)?).as_str()?),
        kid: None,
        crit: false,
    })
}

/// Where a claim comes from: the quick flat reader (plain names, and
/// arrays it has already seen hold only plain strings) or the validator.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClaimSource {
    Flat,
    Validator { escaped: bool },
}

/// Notes `value` in `r` when `name` is a registered claim, checking its
/// type (and range, for dates). `bytes` is the whole claims set.
fn take_claim(
    r: &mut Registered,
    bytes: &[u8],
    name: &[u8],
    from: ClaimSource,
    value: Value<'_>,
) -> Result<(), Error> {
    let escaped = from == ClaimSource::Validator { escaped: true };
    // Registered names are three bytes; other claims are skipped on length
    // alone.
    if name.len() != 3 && !escaped {
        return Ok(());
    }
    let string = |value: Value<'_>| -> Result<Span, Error> {
        match value.kind() {
            Kind::String => Ok(Span::of(bytes, value.raw())),
            _ => Err(Error::JwtClaimType),
        }
    };
    let is = |registered: &[u8]| json::names_equal(name, escaped, registered, false);
    if is(b"exp") {
        r.exp = Some(numeric_date(value)?);
    } else if is(b"nbf") {
        r.nbf = Some(numeric_date(value)?);
    } else if is(b"iat") {
        r.iat = Some(numeric_date(value)?);
    } else if is(b"iss") {
        r.iss = Some(string(value)?);
    } else if is(b"sub") {
        r.sub = Some(string(value)?);
    } else if is(b"jti") {
        r.jti = Some(string(value)?);
    } else if is(b"aud") {
        let ok = match value.kind() {
            Kind::String => true,
            Kind::Array => {
                from == ClaimSource::Flat || value.elements().all(|e| e.kind() == Kind::String)
            }
            _ => false,
        };
        if !ok {
            return Err(Error::JwtClaimType);
        }
        r.aud = Some(Span::of(bytes, value.raw()));
    }
    Ok(())
}

fn read_claims(bytes: &[u8], validation: &Validation<'_>) -> Result<Registered, Error> {
    let limits = Limits {
        max_depth: validation.max_depth,
        max_members: validation.max_claims,
        unique_members: true,
    };
    // Nearly every claims set is a flat object of plain members, read in
    // one quick pass; anything else, and every error, takes the full
    // validator, which names the first problem precisely.
    #[cfg(feature = "fast-claims")]
    {
        let mut r = Registered::default();
        if json::read_flat_object(bytes, &limits, |name, value| {
            take_claim(&mut r, bytes, name, ClaimSource::Flat, value).is_ok()
        }) {
            return Ok(r);
        }
    }
    let mut r = Registered::default();
    let mut visit = |name: &[u8], escaped: bool, value: Value<'_>| {
        take_claim(
            &mut r,
            bytes,
            name,
            ClaimSource::Validator { escaped },
            value,
        )
    };
    let root = json::validate(bytes, &limits, Some(&mut visit)).map_err(|e| match e {
        Error::JsonDuplicateMember => Error::JwtPayloadDuplicate,
        Error::JwtClaimType | Error::JwtClaimRange => e,
        _ => Error::JwtPayloadInvalid,
    })?;
    if root.kind() != Kind::Object {
        return Err(Error::JwtPayloadInvalid);
    }
    Ok(r)
}

fn check_claims(payload: &[u8], r: &Registered, v: &Validation<'_>) -> Result<(), Error> {
    for claim in v.required {
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
    let leeway = i64::try_from(v.leeway).unwrap_or(i64::MAX);
    if let (true, Some(exp)) = (v.check_exp, r.exp) {
        // Valid while now < exp (RFC 7519 section 4.1.4).
        if v.now.saturating_sub(leeway) >= exp {
            return Err(Error::JwtExpired);
        }
    }
    if let (true, Some(nbf)) = (v.check_nbf, r.nbf) {
        // Valid from nbf on (RFC 7519 section 4.1.5).
        if v.now.saturating_add(leeway) < nbf {
            return Err(Error::JwtNotYetValid);
        }
    }
    for (expect, span, err) in [
        (&v.issuer, r.iss, Error::JwtIssuerInvalid),
        (&v.subject, r.sub, Error::JwtSubjectInvalid),
    ] {
        if !expect.is_any() {
            let value = span.ok_or(Error::JwtMissingClaim)?.value(payload);
            if !value.as_str().is_some_and(|s| expect.accepts(&s)) {
                return Err(err);
            }
        }
    }
    match (&v.audience, r.aud) {
        (Expect::Any, Some(_)) if !v.ignore_audience => return Err(Error::JwtAudienceInvalid),
        (Expect::Any, _) => {}
        (_, None) => return Err(Error::JwtMissingClaim),
        (expect, Some(span)) => {
            let aud = span.value(payload);
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
    if let (Some(list), Some(jti)) = (v.revocation, r.jti)
        && let Some(jti) = jti.value(payload).as_str()
    {
        let key = crate::session::fingerprint_bytes(jti.bytes());
        // The list is asked at the instant `exp` was judged against, so a
        // revoked token stays refused for as long as the leeway would
        // still accept it (and for good when `exp` is not checked).
        let at = if v.check_exp {
            v.now.saturating_sub(leeway)
        } else {
            i64::MIN
        };
        if list.is_revoked(&key, at) {
            return Err(Error::JwtRevoked);
        }
    }
    Ok(())
}

/// The header, payload and signature segments of a compact token.
type Segments<'t> = (&'t [u8], &'t [u8], &'t [u8]);

/// The header, payload and signature of a compact token, split at its
/// first and last dots, so the long payload is not searched for dots: a
/// token of more than three segments has a dot inside `payload`, which its
/// base64 decoding then refuses, and [`malformed_or`] names that error.
fn segments(token: &[u8]) -> Result<Segments<'_>, Error> {
    let first = crate::class::find(token, b'.').ok_or(Error::JwtMalformed)?;
    let last = crate::class::rfind(token, b'.').ok_or(Error::JwtMalformed)?;
    let h = token.get(..first).unwrap_or(&[]);
    let p = token.get(first + 1..last).unwrap_or(&[]);
    let s = token.get(last + 1..).unwrap_or(&[]);
    if first == last || h.is_empty() || p.is_empty() || s.is_empty() {
        return Err(Error::JwtMalformed);
    }
    Ok((h, p, s))
}

/// `e`, unless the payload segment holds a dot: then the token has more
/// than three segments, which is reported before any decoding error.
fn malformed_or(payload: &[u8], e: Error) -> Error {
    if crate::class::find(payload, b'.').is_some() {
        Error::JwtMalformed
    } else {
        e
    }
}

/// What the checks up to the signature established.
struct Signed {
    header_len: usize,
    payload_len: usize,
    algorithm: JwtAlgorithm,
    key_index: usize,
}

/// Every check up to and including the signature, with `buf` as the
/// decoding area; `used` tells the caller how much of it to wipe on
/// failure.
fn check_signature<const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    v: &Validation<'_>,
    buf: &mut [u8],
    used: &mut usize,
) -> Result<Signed, Error> {
    if token.len() > v.max_token_len {
        return Err(Error::JwtTooLong);
    }
    let (h64, p64, s64) = segments(token)?;

    // Canonical base64url for all three segments, decoding as we go.
    let needed = base64::decoded_len_max(h64.len()) + base64::decoded_len_max(p64.len());
    // Whatever decoding writes, a failure wipes.
    *used = needed.min(buf.len());
    let mut out = Out::new(buf.get_mut(..*used).unwrap_or(&mut []));
    base64::decode_into(h64, Alphabet::UrlSafe, &mut out)
        .map_err(|_| malformed_or(p64, Error::JwtHeaderBase64))?;
    let header_len = out.len();
    base64::decode_into(p64, Alphabet::UrlSafe, &mut out)
        .map_err(|_| malformed_or(p64, Error::JwtPayloadBase64))?;
    let total = out.len();
    let mut sig = [0u8; MAX_TAG_LEN];
    let sig_len = base64::decode(s64, Alphabet::UrlSafe, Padding::Unpadded, &mut sig)
        .map_err(|_| Error::JwtSignatureBase64)?;
    if total > buf.len() {
        return Err(Error::BufferTooSmall { needed: total });
    }
    let decoded = buf.get(..total).unwrap_or(&[]);
    let (header, payload) = decoded.split_at(header_len.min(decoded.len()));

    // The header, then the key it asks for.
    let params = read_header(header)?;
    if params.alg.eq_ignore_ascii_case(b"none") {
        return Err(Error::JwtAlgNone);
    }
    if let (Some(expected), Some(typ)) = (v.typ, params.typ)
        && !typ.eq_ignore_ascii_case(expected.as_bytes())
    {
        return Err(Error::JwtTypInvalid);
    }
    if params.crit {
        return Err(Error::JwtCritUnsupported);
    }
    let algorithm = params
        .alg
        .as_plain()
        .and_then(|a| JwtAlgorithm::from_name(a.as_bytes()));
    let named = |k: &super::JwtKey| match params.kid {
        Some(kid) => k.kid().is_some_and(|own| kid.eq_bytes(own.as_bytes())),
        None => true,
    };
    if !keys.keys().iter().any(named) {
        return Err(Error::JwtKeyNotFound);
    }
    let algorithm = algorithm
        .filter(|a| keys.keys().iter().any(|k| named(k) && k.algorithm() == *a))
        .ok_or(Error::JwtAlgMismatch)?;
    if sig_len != algorithm.mac().tag_len() {
        return Err(Error::JwtSignatureBase64);
    }

    // The signature over the token's first two segments, against every
    // candidate key.
    let signing_input = token.get(..h64.len() + 1 + p64.len()).unwrap_or(&[]);
    let presented = sig.get(..sig_len).unwrap_or(&[]);
    let mut key_index = None;
    for (i, key) in keys.keys().iter().enumerate() {
        if named(key) && key.algorithm() == algorithm {
            let ok = key
                .hmac()
                .with_tag(&[signing_input], |tag| crate::mac::ct_eq(tag, presented));
            if ok && key_index.is_none() {
                key_index = Some(i);
            }
        }
    }
    let key_index = key_index.ok_or(Error::JwtSignatureMismatch)?;
    Ok(Signed {
        header_len,
        payload_len: payload.len(),
        algorithm,
        key_index,
    })
}

/// Verifies a compact JWS token and its claims. The header and claims are
/// decoded into `buf`, which needs three quarters of the token's length,
/// and the returned view borrows them.
///
/// # Errors
///
/// A distinct error per check, in this order: [`Error::JwtTooLong`],
/// [`Error::JwtMalformed`], [`Error::JwtHeaderBase64`],
/// [`Error::JwtPayloadBase64`], [`Error::JwtSignatureBase64`] (canonical
/// base64url only), [`Error::BufferTooSmall`], [`Error::JwtHeaderInvalid`],
/// [`Error::JwtHeaderDuplicate`], [`Error::JwtHeaderParameter`],
/// [`Error::JwtAlgMissing`], [`Error::JwtAlgNone`], [`Error::JwtTypInvalid`],
/// [`Error::JwtCritUnsupported`], [`Error::JwtKeyNotFound`],
/// [`Error::JwtAlgMismatch`], [`Error::JwtSignatureBase64`] (a signature
/// of the wrong length), [`Error::JwtSignatureMismatch`], then
/// [`Error::JwtPayloadInvalid`], [`Error::JwtPayloadDuplicate`],
/// [`Error::JwtClaimType`], [`Error::JwtClaimRange`],
/// [`Error::JwtMissingClaim`], [`Error::JwtExpired`],
/// [`Error::JwtNotYetValid`], [`Error::JwtIssuerInvalid`],
/// [`Error::JwtSubjectInvalid`], [`Error::JwtAudienceInvalid`],
/// [`Error::JwtRevoked`]. On any error `buf` holds nothing of the token.
///
/// # Example
///
/// RFC 7515 appendix A.1's token (its `exp` lies in 2011):
///
/// ```
/// use jeton::{Error, jwt::{self, JwtKey, KeySet, Validation}, base64};
///
/// let token = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
///     eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
///     dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// let mut secret = [0u8; 64];
/// let n = base64::decode(
///     b"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
///     base64::Alphabet::UrlSafe, base64::Padding::Unpadded, &mut secret)?;
/// let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(&secret[..n])?)?;
/// let mut buf = [0u8; 256];
/// let verified = jwt::verify(token, &keys, &Validation::new(1_300_819_000), &mut buf)?;
/// assert_eq!(verified.issuer().and_then(|s| s.as_plain()), Some("joe"));
/// assert_eq!(verified.claim("http://example.com/is_root").map(|v| v.as_bool()), Some(Ok(true)));
/// assert_eq!(
///     jwt::verify(token, &keys, &Validation::new(1_300_819_380), &mut buf).err(),
///     Some(Error::JwtExpired)
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify<'b, const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    let mut used = 0;
    let checked = check_signature(token, keys, validation, buf, &mut used).and_then(|signed| {
        // Only now the claims.
        let payload = buf
            .get(signed.header_len..signed.header_len + signed.payload_len)
            .unwrap_or(&[]);
        let registered = read_claims(payload, validation)?;
        check_claims(payload, &registered, validation)?;
        Ok((signed, registered))
    });
    match checked {
        Ok((signed, registered)) => {
            let buf: &'b [u8] = buf;
            let header = buf.get(..signed.header_len).unwrap_or(&[]);
            let claims = buf
                .get(signed.header_len..signed.header_len + signed.payload_len)
                .unwrap_or(&[]);
            Ok(Verified {
                header: Value::from_validated(header),
                claims: Value::from_validated(claims),
                registered,
                algorithm: signed.algorithm,
                key_index: signed.key_index,
            })
        }
        Err(e) => Err(wipe(buf, used, e)),
    }
}

/// Wipes what was decoded of a refused token and passes the error on.
fn wipe(buf: &mut [u8], used: usize, e: Error) -> Error {
    if let Some(written) = buf.get_mut(..used) {
        written.fill(0);
    }
    e
}

/// A JWS whose signature checked out, its payload not interpreted.
#[derive(Clone, Copy, Debug)]
pub struct VerifiedJws<'b> {
    /// The decoded header, a JSON object.
    pub header: Value<'b>,
    /// The decoded payload, as bytes.
    pub payload: &'b [u8],
    /// The algorithm it was verified with.
    pub algorithm: JwtAlgorithm,
    /// Index in the key set of the key that verified it.
    pub key_index: usize,
}

/// Verifies a compact JWS whose payload need not be a claims set: every
/// check of [`verify`] up to the signature (only `max_token_len` and `typ`
/// of `validation` apply), then hands out the decoded payload.
///
/// # Errors
///
/// The errors of [`verify`] up to [`Error::JwtSignatureMismatch`]. On any
/// error `buf` holds nothing of the token.
///
/// # Example
///
/// ```
/// use jeton::jwt::{self, JwtKey, KeySet, Validation};
/// let key = JwtKey::hs256(b"k")?;
/// let keys: KeySet<1> = KeySet::with_key(key)?;
/// // {"alg":"HS256"} over the payload "foo", signed with the key "k"
/// // (HMAC-SHA256 computed independently).
/// let token = b"eyJhbGciOiJIUzI1NiJ9.Zm9v.sBb1561KMv99kSQ1W4Q67ew9Dq2h0N91EHzlkJ67xTk";
/// let mut buf = [0u8; 64];
/// let jws = jwt::verify_jws(token, &keys, &Validation::new(0), &mut buf)?;
/// assert_eq!(jws.payload, b"foo");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn verify_jws<'b, const N: usize>(
    token: &[u8],
    keys: &KeySet<N>,
    validation: &Validation<'_>,
    buf: &'b mut [u8],
) -> Result<VerifiedJws<'b>, Error> {
    let mut used = 0;
    match check_signature(token, keys, validation, buf, &mut used) {
        Ok(signed) => {
            let buf: &'b [u8] = buf;
            Ok(VerifiedJws {
                header: Value::from_validated(buf.get(..signed.header_len).unwrap_or(&[])),
                payload: buf
                    .get(signed.header_len..signed.header_len + signed.payload_len)
                    .unwrap_or(&[]),
                algorithm: signed.algorithm,
                key_index: signed.key_index,
            })
        }
        Err(e) => Err(wipe(buf, used, e)),
    }
}

/// A token whose signature and claims checked out: a view of its header
/// and claims, decoded into the caller's buffer.
#[derive(Clone, Copy, Debug)]
pub struct Verified<'b> {
    header: Value<'b>,
    claims: Value<'b>,
    registered: Registered,
    algorithm: JwtAlgorithm,
    key_index: usize,
}

impl<'b> Verified<'b> {
    fn span_str(&self, span: Option<Span>) -> Option<JsonStr<'b>> {
        span.and_then(|s| s.value(self.claims.raw()).as_str())
    }

    /// The algorithm the token was verified with.
    pub fn algorithm(&self) -> JwtAlgorithm {
        self.algorithm
    }

    /// Index in the key set of the key that verified the token.
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// The decoded header, a JSON object.
    pub fn header(&self) -> Value<'b> {
        self.header
    }

    /// The header's `kid`, if any.
    pub fn kid(&self) -> Option<JsonStr<'b>> {
        self.header.get("kid").and_then(|v| v.as_str())
    }

    /// The decoded claims set, a JSON object.
    pub fn claims(&self) -> Value<'b> {
        self.claims
    }

    /// `iss`.
    pub fn issuer(&self) -> Option<JsonStr<'b>> {
        self.span_str(self.registered.iss)
    }

    /// `sub`.
    pub fn subject(&self) -> Option<JsonStr<'b>> {
        self.span_str(self.registered.sub)
    }

    /// `jti`.
    pub fn jwt_id(&self) -> Option<JsonStr<'b>> {
        self.span_str(self.registered.jti)
    }

    /// `aud`, a string or an array of strings.
    pub fn audience(&self) -> Option<Value<'b>> {
        self.registered.aud.map(|s| s.value(self.claims.raw()))
    }

    /// The audiences: `aud` as a string, or each element of it as an array.
    pub fn audiences(&self) -> impl Iterator<Item = JsonStr<'b>> + 'b {
        let aud = self.audience();
        let one = aud.and_then(|a| a.as_str());
        let many = aud
            .filter(|a| a.kind() == Kind::Array)
            .map(|a| a.elements());
        one.into_iter()
            .chain(many.into_iter().flatten().filter_map(|e| e.as_str()))
    }

    /// `exp`, rounded up to whole seconds.
    pub fn expires_at(&self) -> Option<i64> {
        self.registered.exp
    }

    /// `nbf`, rounded up to whole seconds.
    pub fn not_before(&self) -> Option<i64> {
        self.registered.nbf
    }

    /// `iat`, rounded up to whole seconds.
    pub fn issued_at(&self) -> Option<i64> {
        self.registered.iat
    }

    /// Any claim by name.
    pub fn claim<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Option<Value<'b>> {
        self.claims.get(name)
    }

    /// A string claim, unescaped into `out`; returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`],
    /// [`Error::BufferTooSmall`].
    pub fn claim_str<N: AsRef<[u8]> + ?Sized>(
        &self,
        name: &N,
        out: &mut [u8],
    ) -> Result<usize, Error> {
        self.claim(name)
            .ok_or(Error::JwtMissingClaim)?
            .unescape_into(out)
    }

    /// An integer claim.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`],
    /// [`Error::JsonNumberOutOfRange`].
    pub fn claim_i64<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Result<i64, Error> {
        self.claim(name).ok_or(Error::JwtMissingClaim)?.as_i64()
    }

    /// A boolean claim.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`], [`Error::JsonWrongType`].
    pub fn claim_bool<N: AsRef<[u8]> + ?Sized>(&self, name: &N) -> Result<bool, Error> {
        self.claim(name).ok_or(Error::JwtMissingClaim)?.as_bool()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_header_reads_as_the_json_path_reads_it() {
        for h in [
            br#"{"alg":"HS256","typ":"JWT"}"#,
            br#"{"alg":"HS384","typ":"JWT"}"#,
            br#"{"alg":"HS512","typ":"JWT"}"#,
        ] {
            let fast = read_usual_header(h).expect("the usual shape");
            assert_eq!(Ok(fast), read_any_header(h));
        }
        // Anything else takes the JSON path.
        for h in [
            &br#"{"alg":"HS257","typ":"JWT"}"#[..],
            br#"{"alg":"none","typ":"JWT"}"#,
            br#"{"alg":"HS256","typ":"JWS"}"#,
            br#"{"typ":"JWT","alg":"HS256"}"#,
            br#"{"alg":"HS256", "typ":"JWT"}"#,
            br#"{"alg":"HS256","typ":"JWT"} "#,
            br#"{"alg":"HS256"}"#,
            br#"{"alg":"HS2\u0035","typ":"JWT"}"#,
        ] {
            assert_eq!(read_usual_header(h), None, "{:?}", core::str::from_utf8(h));
        }
    }
}
