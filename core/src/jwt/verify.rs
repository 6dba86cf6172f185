//! Verifying compact tokens: segments, base64url, header, key, signature,
//! then claims, in one pass over each part.

use super::claims::{check_claims, read_claims};
use super::header::{HeaderParams, Span, read_header};
use super::validation::media_type_is;
use super::{JwtAlgorithm, KeySet, Validation, Verified, VerifiedJws};
use crate::Error;
use crate::base64::{self, Alphabet};
use crate::json::{JsonStr, MemberIndex, Value};
use crate::out::Out;
use crate::search;

/// Longest signature any algorithm of this build produces, in bytes: an
/// RSA-4096 one with `rsa`, else an ES384 `r || s` (or HMAC-SHA512's).
#[cfg(feature = "rsa")]
const MAX_SIGNATURE_LEN: usize = crate::asym::rsa::MAX_MODULUS_LEN;
#[cfg(not(feature = "rsa"))]
const MAX_SIGNATURE_LEN: usize = 96;

/// The header, payload and signature segments of a compact token, split at
/// its first and last dots, so the long payload is not searched for dots: a
/// token of more than three segments has a dot inside `payload`, which its
/// base64 decoding then refuses, and [`malformed_or`] names that error.
struct Segments<'t> {
    header: &'t [u8],
    payload: &'t [u8],
    signature: &'t [u8],
    /// `header.payload`, what the signature covers.
    signing_input: &'t [u8],
}

fn segments(token: &[u8]) -> Result<Segments<'_>, Error> {
    let first = search::find(token, b'.').ok_or(Error::JwtMalformed)?;
    let last = search::rfind(token, b'.').ok_or(Error::JwtMalformed)?;
    if first == last {
        return Err(Error::JwtMalformed);
    }
    let (signing_input, dot_signature) = token.split_at(last);
    let (header, dot_payload) = signing_input.split_at(first);
    let (payload, signature) = match (dot_payload.split_first(), dot_signature.split_first()) {
        (Some((_, payload)), Some((_, signature))) => (payload, signature),
        _ => return Err(Error::JwtMalformed),
    };
    if header.is_empty() || payload.is_empty() || signature.is_empty() {
        return Err(Error::JwtMalformed);
    }
    Ok(Segments {
        header,
        payload,
        signature,
        signing_input,
    })
}

/// `e`, unless the payload segment holds a dot: then the token has more
/// than three segments, which is reported before any decoding error.
fn malformed_or(payload: &[u8], e: Error) -> Error {
    if search::find(payload, b'.').is_some() {
        Error::JwtMalformed
    } else {
        e
    }
}

/// What the checks up to the signature established: where the decoded
/// header and payload lie in the buffer, the header's parameters, and the
/// key that verified the signature.
struct Signed {
    header: Span,
    params: HeaderParams,
    payload: Span,
    algorithm: JwtAlgorithm,
    key_index: usize,
}

/// The header's `typ` against what `v` expects (RFC 7515 section 4.1.9).
fn check_typ(typ: Option<JsonStr<'_>>, v: &Validation<'_>) -> Result<(), Error> {
    match (v.expected_typ(), typ) {
        (Some(expected), Some(typ)) if !media_type_is(&typ, expected) => Err(Error::JwtTypInvalid),
        (Some(_), None) if v.typ_is_required() => Err(Error::JwtTypInvalid),
        _ => Ok(()),
    }
}

/// The header's `crit` (RFC 7515 section 4.1.11): each entry a parameter
/// the caller understands and the header carries; `b64` (RFC 7797) never.
fn check_crit(crit: Value<'_>, header: &[u8], v: &Validation<'_>) -> Result<(), Error> {
    let header = Value::from_validated(header);
    for name in crit.elements().filter_map(|e| e.as_str()) {
        let understood = !name.eq_bytes(b"b64")
            && v.understood_crit()
                .iter()
                .any(|u| name.eq_bytes(u.as_bytes()));
        let mut raw = [0u8; 64];
        let present = name
            .unescape_into(&mut raw)
            .ok()
            .and_then(|len| raw.split_at_checked(len))
            .is_some_and(|(raw, _)| header.get(raw).is_some());
        if !understood || !present {
            return Err(Error::JwtCritUnsupported);
        }
    }
    Ok(())
}

/// Chooses the candidate keys for a token of algorithm `alg` naming `kid`
/// whose signature is `sig_len` bytes, in one pass over the set: the keys
/// that fit the algorithm (and allow verification), narrowed by `kid`.
/// Some fitting key carries the token's `kid`: only those are candidates.
/// Otherwise (no `kid`, or one no key carries), the keys without a `kid`
/// are, as jose, jsonwebtoken and PyJWT treat a `kid` as a hint (RFC 7515
/// section 4.1.4). Returns which keys of the set are candidates.
///
/// # Errors
///
/// [`Error::JwtKeyNotFound`] when the set is empty or the token's `kid`
/// names no fitting key and every fitting key has a `kid` of its own;
/// [`Error::JwtAlgMismatch`] when no key fits the algorithm (an algorithm
/// jeton does not know included); [`Error::JwtSignatureBase64`] when no
/// candidate makes signatures of `sig_len` bytes.
fn select<const N: usize>(
    keys: &KeySet<N>,
    alg: Option<JwtAlgorithm>,
    kid: Option<JsonStr<'_>>,
    sig_len: usize,
) -> Result<(JwtAlgorithm, [bool; N]), Error> {
    if keys.keys().is_empty() {
        return Err(Error::JwtKeyNotFound);
    }
    let alg = alg.ok_or(Error::JwtAlgMismatch)?;
    let (mut fitting, mut named, mut kidless) = ([false; N], [false; N], [false; N]);
    let slots = fitting
        .iter_mut()
        .zip(named.iter_mut())
        .zip(kidless.iter_mut());
    for (key, ((fits, is_named), is_kidless)) in keys.keys().iter().zip(slots) {
        if !(key.fits(alg) && key.may_verify()) {
            continue;
        }
        *fits = true;
        match key.kid() {
            Some(own) => *is_named = kid.is_some_and(|kid| kid.eq_bytes(own.as_bytes())),
            None => *is_kidless = true,
        }
    }
    let any = |mask: &[bool; N]| mask.iter().any(|&m| m);
    if !any(&fitting) {
        return Err(Error::JwtAlgMismatch);
    }
    let candidates = match kid {
        None => fitting,
        Some(_) if any(&named) => named,
        Some(_) => kidless,
    };
    if !any(&candidates) {
        return Err(Error::JwtKeyNotFound);
    }
    let right_length = keys
        .keys()
        .iter()
        .zip(candidates)
        .any(|(key, candidate)| candidate && key.signature_len(alg) == sig_len);
    if !right_length {
        return Err(Error::JwtSignatureBase64);
    }
    Ok((alg, candidates))
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
    if token.len() > v.token_len_limit() {
        return Err(Error::JwtTooLong);
    }
    let segments = segments(token)?;

    // Canonical base64url for all three segments, decoding as we go.
    let needed = base64::decoded_len_max(segments.header.len())
        + base64::decoded_len_max(segments.payload.len());
    // Whatever decoding writes, a failure wipes.
    *used = needed.min(buf.len());
    let (area, _) = buf.split_at_mut(*used);
    let mut out = Out::new(area);
    base64::decode_into(segments.header, Alphabet::UrlSafe, &mut out)
        .map_err(|_| malformed_or(segments.payload, Error::JwtHeaderBase64))?;
    let header_len = out.len();
    base64::decode_into(segments.payload, Alphabet::UrlSafe, &mut out)
        .map_err(|_| malformed_or(segments.payload, Error::JwtPayloadBase64))?;
    let total = out.len();
    let mut sig = [0u8; MAX_SIGNATURE_LEN];
    // Unpadded: a `=` is outside the alphabet, which `decode_into` refuses
    // as `decode` would.
    let mut sig_out = Out::new(&mut sig);
    base64::decode_into(segments.signature, Alphabet::UrlSafe, &mut sig_out)
        .map_err(|_| Error::JwtSignatureBase64)?;
    let sig_len = sig_out.finish().map_err(|_| Error::JwtSignatureBase64)?;
    let (Some(decoded), Some(presented)) = (buf.get(..total), sig.get(..sig_len)) else {
        return Err(Error::BufferTooSmall { needed: total });
    };
    let (header, payload) = decoded
        .split_at_checked(header_len)
        .ok_or(Error::BufferTooSmall { needed: total })?;

    // The header, then the key it asks for.
    let (header_object, params) = read_header(header)?;
    let param = |span: Option<Span>| span.and_then(|s| s.str(header_object));
    let alg = param(params.alg).ok_or(Error::JwtAlgMissing)?;
    if alg.eq_ignore_ascii_case(b"none") {
        return Err(Error::JwtAlgNone);
    }
    check_typ(param(params.typ), v)?;
    if let Some(crit) = params.crit.and_then(|s| s.value(header_object)) {
        check_crit(crit, header_object, v)?;
    }
    // Header parameters are JSON strings: compared after unescaping.
    let algorithm = match alg.is_escaped() {
        false => JwtAlgorithm::from_name(alg.raw()),
        true => {
            let mut name = [0u8; 16];
            alg.unescape_into(&mut name)
                .ok()
                .and_then(|len| name.split_at_checked(len))
                .and_then(|(name, _)| JwtAlgorithm::from_name(name))
        }
    };
    let (algorithm, candidates) = select(keys, algorithm, param(params.kid), sig_len)?;

    // The signature over the token's first two segments, against every
    // candidate key.
    let key_index = keys
        .verify_with(&candidates, algorithm, segments.signing_input, presented)
        .ok_or(Error::JwtSignatureMismatch)?;
    Ok(Signed {
        header: Span::of(buf, header_object),
        params,
        payload: Span::of(buf, payload),
        algorithm,
        key_index,
    })
}

/// Verifies a compact JWS token and its claims. The header and claims are
/// decoded into `buf`, which needs three quarters of the token's length,
/// and the returned view borrows them.
///
/// The checks, in this order, each failure its own error (this list is
/// the one statement of the order; the C ABI and the module
/// documentation refer to it):
///
/// 1. the token's length ([`Error::JwtTooLong`]) and three non-empty
///    segments ([`Error::JwtMalformed`]);
/// 2. canonical unpadded base64url of each segment
///    ([`Error::JwtHeaderBase64`], [`Error::JwtPayloadBase64`],
///    [`Error::JwtSignatureBase64`]), then room in `buf`
///    ([`Error::BufferTooSmall`]);
/// 3. the header: a JSON object ([`Error::JwtHeaderInvalid`]) without
///    duplicate members ([`Error::JwtHeaderDuplicate`]), its parameters of
///    their types ([`Error::JwtHeaderParameter`]), an `alg`
///    ([`Error::JwtAlgMissing`]) that is not `none` in any case
///    ([`Error::JwtAlgNone`]), the expected `typ`
///    ([`Error::JwtTypInvalid`]; see [`Validation::typ`] for how media
///    types compare), a `crit` naming only parameters the caller
///    understands and the header carries ([`Error::JwtCritUnsupported`]);
/// 4. the key: the candidates are the keys that fit the token's `alg`
///    (their family, and their own algorithm when they name one) and allow
///    verification; none is [`Error::JwtAlgMismatch`] (an empty set is
///    [`Error::JwtKeyNotFound`]): the algorithm comes from the key, never
///    from the token. A `kid` some candidate carries narrows them to
///    those; a `kid` no candidate carries leaves the candidates without a
///    `kid` (`kid` is a hint, RFC 7515 section 4.1.4), and none is
///    [`Error::JwtKeyNotFound`];
/// 5. the signature: of the length the algorithm gives
///    ([`Error::JwtSignatureBase64`]), made by a candidate key
///    ([`Error::JwtSignatureMismatch`]), compared in constant time against
///    every candidate;
/// 6. only then the claims: a JSON object ([`Error::JwtPayloadInvalid`])
///    without duplicate claims ([`Error::JwtPayloadDuplicate`]), registered
///    claims of their types ([`Error::JwtClaimType`]) and dates in range
///    ([`Error::JwtClaimRange`]), whichever the claims show first;
/// 7. the claims against `validation`: the required ones
///    ([`Error::JwtMissingClaim`]), `exp` ([`Error::JwtExpired`]), `nbf`
///    ([`Error::JwtNotYetValid`]), the maximum age when one is set (`iat`
///    present, [`Error::JwtMissingClaim`]; not too old,
///    [`Error::JwtTooOld`]; not ahead, [`Error::JwtNotYetValid`]), `iss`
///    ([`Error::JwtIssuerInvalid`]),
///    `sub` ([`Error::JwtSubjectInvalid`]), `aud`
///    ([`Error::JwtAudienceInvalid`]), and last the revocation list
///    ([`Error::JwtRevoked`], or the revocation store's own error when it
///    cannot answer: verification fails closed).
///
/// # Errors
///
/// The errors above. On any error `buf` holds nothing of the token.
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
    let signed = match check_signature(token, keys, validation, buf, &mut used) {
        Ok(signed) => signed,
        Err(e) => return Err(wipe(buf, used, e)),
    };
    // Only now the claims, and the index they fill: declared here, not
    // above, so that on a microcontroller its 264 bytes share stack with
    // what the signature check needed (the header's own index, the
    // signature) instead of adding to it.
    let mut index = MemberIndex::new();
    let read = signed
        .payload
        .slice(buf)
        .ok_or(Error::JwtPayloadInvalid)
        .and_then(|payload| {
            let (claims, registered) = read_claims(payload, validation, &mut index)?;
            check_claims(claims, &registered, validation)?;
            Ok((Span::of(buf, claims), registered))
        });
    let (claims, registered) = match read {
        Ok(read) => read,
        Err(e) => return Err(wipe(buf, used, e)),
    };
    let buf: &'b [u8] = buf;
    // Both spans were taken from `buf` just now.
    match (signed.header.slice(buf), claims.slice(buf)) {
        (Some(header), Some(claims)) => Ok(Verified::new(
            (header, signed.params),
            (claims, registered),
            index,
            signed.algorithm,
            signed.key_index,
        )),
        _ => Err(Error::JwtPayloadInvalid),
    }
}

/// Wipes what was decoded of a refused token and passes the error on.
fn wipe(buf: &mut [u8], used: usize, e: Error) -> Error {
    if let Some(written) = buf.get_mut(..used) {
        written.fill(0);
    }
    e
}

/// Verifies a compact JWS whose payload need not be a claims set: every
/// check of [`verify`] up to the signature (only the token length and
/// `typ` settings of `validation` apply), then hands out the decoded
/// payload.
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
/// use jeton::mac::{Algorithm, HmacKey};
/// // A one-byte secret: far too short for RFC 7518, so only the legacy
/// // constructor takes it.
/// let key = JwtKey::legacy_hmac(HmacKey::new(Algorithm::Sha256, b"k"))?;
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
    let signed = match check_signature(token, keys, validation, buf, &mut used) {
        Ok(signed) => signed,
        Err(e) => return Err(wipe(buf, used, e)),
    };
    let buf: &'b [u8] = buf;
    // Both spans were taken from `buf` just now.
    match (signed.header.slice(buf), signed.payload.slice(buf)) {
        (Some(header), Some(payload)) => Ok(VerifiedJws {
            header: Value::from_validated(header),
            payload,
            algorithm: signed.algorithm,
            key_index: signed.key_index,
        }),
        _ => Err(Error::JwtPayloadInvalid),
    }
}
