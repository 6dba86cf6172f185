//! `jeton jwt decode|verify|sign`.

use crate::cli::{JwtDecodeArgs, JwtSignArgs, JwtVerifyArgs};
use crate::fail::{Failure, Outcome, Refusal, usage};
use crate::jsonv::J;
use crate::jwtkeys::{self, JwtKeys, Options, Purpose};
use crate::out::{Ctx, Table};
use crate::time;
use clap::ArgMatches;
use jeton::Error;
use jeton::base64::{self, Alphabet, Padding};
use jeton::json::{self, Kind, Limits};
use jeton::jwt::{self, Claim, Claims, Header, JwtAlgorithm, JwtKey, Validation};

/// Claims whose values are NumericDates (RFC 7519, and OpenID Connect's
/// `auth_time` and `updated_at`).
const DATE_CLAIMS: [&str; 5] = ["exp", "nbf", "iat", "auth_time", "updated_at"];

/// A token read without checking its signature.
struct Unverified {
    header: Option<J>,
    claims: Option<J>,
    /// Raw decoded payload, when it is not JSON.
    payload: Vec<u8>,
    signature_len: usize,
    /// What a verifier would refuse before the signature, found on the way.
    problems: Vec<Refusal>,
}

/// The token from an input argument: whitespace and a leading `Bearer `
/// (or `Authorization: Bearer `) dropped.
fn read_token(arg: &str) -> Result<Vec<u8>, Failure> {
    let raw = crate::input::read(arg)?;
    let t = crate::input::strip_header_name(raw.trim_ascii(), &["authorization"]);
    let t = match t.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case(b"bearer ") => t[7..].trim_ascii_start(),
        _ => t,
    };
    Ok(t.to_vec())
}

/// Decodes one segment with jeton's strict base64url.
fn segment(seg: &[u8], error: Error) -> Result<Vec<u8>, Refusal> {
    let mut out = vec![0u8; base64::decoded_len_max(seg.len())];
    let n = base64::decode(seg, Alphabet::UrlSafe, Padding::Unpadded, &mut out)
        .map_err(|_| Refusal::of(error))?;
    out.truncate(n);
    Ok(out)
}

/// Reads `bytes` as a JSON object, noting duplicate members.
fn object(bytes: &[u8], invalid: Error, duplicate: Error) -> Result<(J, Option<Refusal>), Refusal> {
    let doc = json::parse(bytes)
        .map_err(|e| Refusal::of(invalid).detail(format!("{} ({})", e.as_str(), e.name())))?;
    if doc.kind() != Kind::Object {
        return Err(Refusal::of(invalid).detail("valid JSON, but not an object"));
    }
    let strict = Limits {
        unique_members: true,
        ..Limits::DEFAULT
    };
    let dup = match json::parse_with(bytes, &strict) {
        Err(Error::JsonDuplicateMember) => Some(Refusal::of(duplicate)),
        _ => None,
    };
    Ok((J::from_jeton(doc), dup))
}

/// Splits and decodes a token; fails only when not even the header can be
/// shown.
fn decode_unverified(token: &[u8]) -> Result<Unverified, Refusal> {
    let parts: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
    let [h, p, s] = parts[..] else {
        return Err(Refusal::of(Error::JwtMalformed)
            .detail(format!("{} segments separated by dots, not 3", parts.len())));
    };
    if h.is_empty() || p.is_empty() || s.is_empty() {
        return Err(Refusal::of(Error::JwtMalformed).detail("an empty segment"));
    }
    let mut problems = Vec::new();
    let header_bytes = segment(h, Error::JwtHeaderBase64)?;
    let (header, dup) = object(
        &header_bytes,
        Error::JwtHeaderInvalid,
        Error::JwtHeaderDuplicate,
    )?;
    problems.extend(dup);
    let mut claims = None;
    let mut payload = Vec::new();
    match segment(p, Error::JwtPayloadBase64) {
        Ok(bytes) => {
            match object(&bytes, Error::JwtPayloadInvalid, Error::JwtPayloadDuplicate) {
                Ok((c, dup)) => {
                    claims = Some(c);
                    problems.extend(dup);
                }
                Err(r) => problems.push(r),
            }
            payload = bytes;
        }
        Err(r) => problems.push(r),
    }
    let signature_len = match segment(s, Error::JwtSignatureBase64) {
        Ok(sig) => sig.len(),
        Err(r) => {
            problems.push(r);
            0
        }
    };
    if let Some(J::Str(alg)) = header.get("alg")
        && alg.eq_ignore_ascii_case("none")
    {
        problems.push(Refusal::of(Error::JwtAlgNone));
    }
    Ok(Unverified {
        header: Some(header),
        claims,
        payload,
        signature_len,
        problems,
    })
}

/// A NumericDate's whole seconds, when the value is a plain number.
fn seconds(v: &J) -> Option<i64> {
    let J::Num(text) = v else { return None };
    if text.contains(['e', 'E']) {
        return None;
    }
    let whole = text.split('.').next()?;
    whole.parse().ok()
}

/// `2100-01-01T00:00:00Z (in 73 years)`.
fn date_note(t: i64, now: i64) -> String {
    match time::rfc3339(t) {
        Some(d) => format!("{d} ({})", time::relative(t, now)),
        None => "beyond the years 0 to 9999".to_owned(),
    }
}

/// The members of an object as table rows, dates annotated.
fn members_table(obj: &J, now: i64, ctx: &Ctx) -> Table {
    let mut t = Table::indented(2);
    if let J::Obj(members) = obj {
        for (name, value) in members {
            let date = DATE_CLAIMS
                .contains(&name.as_str())
                .then(|| seconds(value))
                .flatten();
            match date {
                Some(s) => t.row_note(name, value.pretty(), ctx.style.dim(&date_note(s, now))),
                None => t.row(name, value.pretty()),
            };
        }
    }
    t
}

/// The dates of the claims, for JSON output.
fn dates_json(claims: &J) -> J {
    let mut out = Vec::new();
    if let J::Obj(members) = claims {
        for (name, value) in members {
            if DATE_CLAIMS.contains(&name.as_str())
                && let Some(s) = seconds(value)
                && let Some(d) = time::rfc3339(s)
            {
                out.push((name.clone(), J::Str(d)));
            }
        }
    }
    J::Obj(out)
}

fn print_sections(header: &J, claims: Option<&J>, now: i64, ctx: &Ctx) {
    ctx.line(&ctx.style.heading("header"));
    members_table(header, now, ctx).print(ctx);
    if let Some(claims) = claims {
        ctx.line(&ctx.style.heading("claims"));
        let t = members_table(claims, now, ctx);
        if t.is_empty() {
            ctx.line("  (none)");
        }
        t.print(ctx);
    }
}

/// The clock from `--now`, or the system's.
pub fn clock(now: Option<&str>) -> Result<i64, Failure> {
    let system = time::system_now();
    match now {
        Some(s) => time::parse_time(s, system).map_err(|e| usage(format!("--now: {e}"))),
        None => Ok(system),
    }
}

/// `jeton jwt decode`
pub fn decode(args: &JwtDecodeArgs, ctx: &Ctx) -> Outcome {
    let now = clock(args.now.as_deref())?;
    let token = read_token(&args.token)?;
    let u = decode_unverified(&token)?;
    let header = u.header.clone().unwrap_or(J::Null);
    // A payload that is not a claims set leaves the token undecodable as a
    // JWT: shown, then refused.
    let payload_problem = u
        .problems
        .iter()
        .find(|r| {
            r.check == Error::JwtPayloadInvalid.name() || r.check == Error::JwtPayloadBase64.name()
        })
        .cloned();
    if ctx.json {
        let mut doc = vec![
            ("header".to_owned(), header.clone()),
            ("claims".to_owned(), J::opt(u.claims.clone())),
        ];
        if let Some(c) = &u.claims {
            doc.push(("dates".to_owned(), dates_json(c)));
        }
        if u.claims.is_none() && !u.payload.is_empty() {
            doc.push(("payload".to_owned(), J::bytes(&u.payload)));
        }
        doc.push((
            "signature".to_owned(),
            J::obj([
                ("bytes", J::int(u.signature_len as i64)),
                ("verified", J::Bool(false)),
            ]),
        ));
        doc.push((
            "problems".to_owned(),
            J::Arr(u.problems.iter().map(Refusal::to_json).collect()),
        ));
        ctx.json(&J::Obj(doc));
    } else {
        print_sections(&header, u.claims.as_ref(), now, ctx);
        if u.claims.is_none() && !u.payload.is_empty() {
            let mut t = Table::new();
            t.row("payload", crate::input::show(&u.payload));
            t.print(ctx);
        }
        ctx.line(&format!(
            "{}  {}",
            ctx.style.label("signature"),
            ctx.style.warn(&format!(
                "not verified ({} bytes; `jeton jwt verify` checks it)",
                u.signature_len
            ))
        ));
        for p in &u.problems {
            ctx.line(&format!("{} {p}", ctx.style.bad("problem:")));
        }
    }
    match payload_problem {
        Some(r) => Err(r.shown().into()),
        None => Ok(()),
    }
}

/// Reads the claim names of `--require`.
fn required_claims(names: &[String]) -> Result<Vec<Claim>, Failure> {
    if names.is_empty() {
        return Ok(vec![Claim::ExpiresAt]);
    }
    let mut out = Vec::new();
    for name in names {
        let claim = match name.trim() {
            "none" => continue,
            "iss" => Claim::Issuer,
            "sub" => Claim::Subject,
            "aud" => Claim::Audience,
            "exp" => Claim::ExpiresAt,
            "nbf" => Claim::NotBefore,
            "iat" => Claim::IssuedAt,
            "jti" => Claim::JwtId,
            other => {
                return Err(usage(format!(
                    "--require {other}: one of iss, sub, aud, exp, nbf, iat, jti, none"
                )));
            }
        };
        out.push(claim);
    }
    Ok(out)
}

/// A short form of a JSON value for messages.
fn shown(v: Option<&J>) -> String {
    v.map_or_else(|| "none".to_owned(), J::compact)
}

/// The kid of a key, for messages.
fn kid_of(key: &JwtKey) -> String {
    key.kid().map_or_else(
        || "no kid".to_owned(),
        |k| format!("kid {}", J::str(k).compact()),
    )
}

/// The keys a token of `alg` naming `kid` is checked against, by the rule
/// `KeySet` documents: those that fit `alg` and may verify; of those, the
/// ones carrying the token's kid when one does, else those without a kid.
fn candidates(keys: &JwtKeys, alg: JwtAlgorithm, kid: Option<&str>) -> Vec<usize> {
    let fitting: Vec<(usize, &JwtKey)> = keys
        .set
        .keys()
        .iter()
        .enumerate()
        .filter(|(_, k)| k.fits(alg) && k.may_verify())
        .collect();
    let by_kid = kid.is_some_and(|kid| fitting.iter().any(|(_, k)| k.kid() == Some(kid)));
    fitting
        .into_iter()
        .filter(|(_, k)| match (kid, by_kid) {
            (Some(kid), true) => k.kid() == Some(kid),
            (Some(_), false) => k.kid().is_none(),
            (None, _) => true,
        })
        .map(|(i, _)| i)
        .collect()
}

/// `key 2 (--key-file k.pem): EC P-256 key for ES256, kid "a"`.
fn key_line(keys: &JwtKeys, i: usize) -> String {
    let key = &keys.set.keys()[i];
    let source = keys.info.get(i).map_or("", |k| k.label.as_str());
    let mut s = format!("{source}: {}", jwtkeys::key_type(key));
    if key.hmac().is_none() {
        s.push_str(&format!(" for {}", jwtkeys::algorithms(key).join("/")));
    }
    s.push_str(&format!(", {}", kid_of(key)));
    if !key.may_verify() {
        s.push_str(", not for verifying (its JWK use/key_ops)");
    }
    s
}

/// The key lines, at most a few.
fn key_lines(keys: &JwtKeys, which: impl Iterator<Item = usize>) -> String {
    let all: Vec<usize> = which.collect();
    let mut lines: Vec<String> = all.iter().take(6).map(|&i| key_line(keys, i)).collect();
    if all.len() > 6 {
        lines.push(format!("and {} more", all.len() - 6));
    }
    lines.join("; ")
}

/// Explains a refusal from what the token (read unverified) holds.
fn explain(
    e: Error,
    token: &[u8],
    args: &JwtVerifyArgs,
    v: &Validation<'_>,
    keys: &JwtKeys,
) -> Option<String> {
    let u = decode_unverified(token).ok();
    // The header alone when the token is not whole (an unsecured token's
    // empty signature).
    let header_only = || {
        let first = token.split(|&b| b == b'.').next()?;
        let bytes = segment(first, Error::JwtHeaderBase64).ok()?;
        object(&bytes, Error::JwtHeaderInvalid, Error::JwtHeaderDuplicate)
            .ok()
            .map(|(h, _)| h)
    };
    let header = u
        .as_ref()
        .and_then(|u| u.header.clone())
        .or_else(header_only)
        .unwrap_or(J::Null);
    let claims = u.as_ref().and_then(|u| u.claims.clone()).unwrap_or(J::Null);
    let now = v.now();
    let leeway = v.leeway_seconds();
    let at = |t: i64| time::rfc3339(t).unwrap_or_else(|| t.to_string());
    let alg = match header.get("alg") {
        Some(J::Str(name)) => JwtAlgorithm::from_name(name.as_bytes()),
        _ => None,
    };
    let kid = match header.get("kid") {
        Some(J::Str(kid)) => Some(kid.as_str()),
        _ => None,
    };
    let n = keys.set.keys().len();
    Some(match e {
        Error::JwtTooLong => format!(
            "{} bytes, more than --max-len {}",
            token.len(),
            args.max_len
        ),
        Error::JwtAlgMismatch => {
            let refused_for_use = alg.is_some_and(|alg| {
                keys.set
                    .keys()
                    .iter()
                    .any(|k| k.fits(alg) && !k.may_verify())
            });
            let mut d = format!(
                "the token's alg is {}; the algorithm comes from the key, never from \
                 the token, and the keys are: {}",
                shown(header.get("alg")),
                key_lines(keys, 0..n)
            );
            if alg.is_none() {
                d.push_str(" (jeton does not implement the token's alg)");
            } else if refused_for_use {
                d.push_str(
                    " (a key of that alg whose JWK use/key_ops forbid verifying is never used)",
                );
            }
            d
        }
        Error::JwtKeyNotFound => {
            let alg = alg?;
            let fitting = (0..n).filter(|&i| {
                let k = &keys.set.keys()[i];
                k.fits(alg) && k.may_verify()
            });
            let mut d = format!(
                "the token names kid {}, which no key for {} carries, and every one of \
                 them has a kid of its own: {}",
                shown(header.get("kid")),
                alg.name(),
                key_lines(keys, fitting)
            );
            if let Some(kid) = kid
                && let Some(i) = (0..n).find(|&i| keys.set.keys()[i].kid() == Some(kid))
            {
                let k = &keys.set.keys()[i];
                d.push_str(&format!(
                    " ({} carries that kid, but {})",
                    keys.info.get(i).map_or("a key", |k| k.label.as_str()),
                    if k.fits(alg) {
                        "its JWK use/key_ops forbid verifying".to_owned()
                    } else {
                        format!(
                            "is an {} for {}",
                            jwtkeys::key_type(k),
                            jwtkeys::algorithms(k).join("/")
                        )
                    }
                ));
            }
            if args.kid.is_some() {
                d.push_str(" (--kid gave the keys without one this kid)");
            }
            d
        }
        Error::JwtMalformed => {
            let split: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
            let mut d = match split.as_slice() {
                [_, _, []] => "the signature segment is empty".to_owned(),
                [_, _, _] => "an empty segment".to_owned(),
                parts => format!("{} segments separated by dots, not 3", parts.len()),
            };
            if matches!(header.get("alg"), Some(J::Str(a)) if a.eq_ignore_ascii_case("none")) {
                d.push_str(": an unsecured token (alg \"none\"), which is never accepted");
            }
            d
        }
        Error::JwtTypInvalid => format!(
            "typ is {}; expected {:?} (--typ, or --any-typ)",
            shown(header.get("typ")),
            v.expected_typ().unwrap_or("JWT")
        ),
        Error::JwtSignatureMismatch => {
            let alg = alg?;
            let tried = candidates(keys, alg, kid);
            format!(
                "no key made this signature ({} {} tried as {}: {})",
                tried.len(),
                if tried.len() == 1 { "key" } else { "keys" },
                alg.name(),
                key_lines(keys, tried.iter().copied())
            )
        }
        Error::JwtSignatureBase64 => {
            // Valid base64url of the wrong length for the algorithm: say so
            // (a DER-encoded ECDSA signature is the usual case).
            let alg = alg?;
            let signature = token.rsplit(|&b| b == b'.').next()?;
            let len = segment(signature, e).ok()?.len();
            let expected = match alg.family() {
                jwt::Family::Ecdsa if alg == JwtAlgorithm::ES256 => "64 bytes (r || s)".to_owned(),
                jwt::Family::Ecdsa => "96 bytes (r || s)".to_owned(),
                jwt::Family::EdDsa => "64 bytes".to_owned(),
                jwt::Family::Hmac => format!("{} bytes", alg.mac()?.tag_len()),
                _ => "as long as the key's modulus".to_owned(),
            };
            format!(
                "the signature is {len} bytes; an {} signature is {expected}{}",
                alg.name(),
                if alg.family() == jwt::Family::Ecdsa {
                    " (RFC 7518 section 3.4; a DER-encoded signature is refused)"
                } else {
                    ""
                }
            )
        }
        Error::JwtMissingClaim => {
            // The required list, and the claims an expected value makes
            // required.
            let expected = [
                (!args.iss.is_empty(), "iss"),
                (args.sub.is_some(), "sub"),
                (!args.aud.is_empty(), "aud"),
            ];
            let mut missing: Vec<&str> = v
                .required_claims()
                .iter()
                .map(|c| c.name())
                .chain(expected.iter().filter(|(on, _)| *on).map(|(_, n)| *n))
                .filter(|n| claims.get(n).is_none())
                .collect();
            missing.dedup();
            format!("missing: {} (--require sets the list)", missing.join(", "))
        }
        Error::JwtExpired => {
            let exp = claims.get("exp").and_then(seconds)?;
            format!(
                "exp {} is {} now {} (leeway {leeway}s)",
                at(exp),
                if exp < now { "before" } else { "at" },
                at(now)
            )
        }
        Error::JwtNotYetValid => {
            let nbf = claims.get("nbf").and_then(seconds)?;
            format!(
                "nbf {} is after now {} (leeway {leeway}s)",
                at(nbf),
                at(now)
            )
        }
        Error::JwtIssuerInvalid => format!(
            "iss is {}; accepted: {}",
            shown(claims.get("iss")),
            args.iss.join(", ")
        ),
        Error::JwtSubjectInvalid => format!(
            "sub is {}; expected {}",
            shown(claims.get("sub")),
            args.sub.as_deref().unwrap_or("")
        ),
        Error::JwtAudienceInvalid if args.aud.is_empty() => format!(
            "the token has aud {}, and no --aud was given (--aud, or --any-aud)",
            shown(claims.get("aud"))
        ),
        Error::JwtAudienceInvalid => format!(
            "aud is {}; accepted: {}",
            shown(claims.get("aud")),
            args.aud.join(", ")
        ),
        _ => return None,
    })
}

/// `--kid`, checked to fit a key.
fn checked_kid(kid: Option<&str>) -> Result<Option<&str>, Failure> {
    match kid {
        Some(k) if k.len() > jwt::MAX_KID_LEN => {
            Err(usage(format!("--kid: at most {} bytes", jwt::MAX_KID_LEN)))
        }
        Some("") => Err(usage("--kid: an empty key ID")),
        other => Ok(other),
    }
}

/// `jeton jwt verify`
pub fn verify(args: &JwtVerifyArgs, matches: &ArgMatches, ctx: &Ctx) -> Outcome {
    let now = clock(args.now.as_deref())?;
    let leeway = match &args.leeway {
        Some(l) => time::parse_duration(l).map_err(|e| usage(format!("--leeway: {e}")))?,
        None => 0,
    };
    let max_age = match &args.max_age {
        Some(l) => Some(time::parse_duration(l).map_err(|e| usage(format!("--max-age: {e}")))?),
        None => None,
    };
    let kid = checked_kid(args.kid.as_deref())?;
    let keys = jwtkeys::load(
        &args.keys.sources(matches),
        &Options {
            alg: args.alg,
            kid,
            legacy_short_secret: args.legacy_short_secret,
            purpose: Purpose::Verify,
        },
    )?;
    for w in &keys.warnings {
        ctx.warn(w);
    }
    if !ctx.json {
        for r in keys.reports.iter().filter(|r| r.format == "JWK Set") {
            ctx.note(&r.line());
        }
    }
    let token = read_token(&args.token)?;
    let required = required_claims(&args.require)?;
    let issuers: Vec<&str> = args.iss.iter().map(String::as_str).collect();
    let audiences: Vec<&str> = args.aud.iter().map(String::as_str).collect();
    let mut v = Validation::new(now)
        .leeway(u64::try_from(leeway).unwrap_or(0))
        .max_token_len(args.max_len)
        .required(&required);
    if !issuers.is_empty() {
        v = v.issuers(&issuers);
    }
    if !audiences.is_empty() {
        v = v.audiences(&audiences);
    }
    if let Some(sub) = &args.sub {
        v = v.subject(sub);
    }
    if let Some(typ) = &args.typ {
        v = v.typ(Some(typ));
    }
    if args.any_typ {
        v = v.allow_any_typ();
    }
    if args.any_aud {
        v = v.allow_any_audience();
    }
    if args.allow_expired {
        v = v.allow_expired();
    }
    if args.allow_not_yet_valid {
        v = v.allow_not_yet_valid();
    }
    let mut buf = vec![0u8; token.len()];
    let verified = match jwt::verify(&token, &*keys.set, &v, &mut buf) {
        Ok(verified) => verified,
        Err(e) => {
            let mut r = Refusal::of(e);
            if let Some(d) = explain(e, &token, args, &v, &keys) {
                r = r.detail(d);
            }
            return Err(r.into());
        }
    };
    if let Some(max_age) = max_age {
        let Some(iat) = verified.issued_at() else {
            return Err(Refusal::own("MaxAge", "JWT issued too long ago")
                .detail("--max-age needs iat, and the token has none")
                .into());
        };
        let age = i128::from(now) - i128::from(iat);
        if age > i128::from(max_age) + i128::from(leeway) {
            return Err(Refusal::own("MaxAge", "JWT issued too long ago")
                .detail(format!(
                    "iat {} is {} before now, more than --max-age {}s",
                    time::rfc3339(iat).unwrap_or_else(|| iat.to_string()),
                    time::relative(now, iat).trim_start_matches("in "),
                    max_age
                ))
                .into());
        }
    }
    let header = J::from_jeton(verified.header());
    let claims = J::from_jeton(verified.claims());
    let alg = verified.algorithm().name();
    let index = verified.key_index();
    let total = keys.set.keys().len();
    let used = keys.set.keys().get(index);
    let used_kid = used.and_then(JwtKey::kid);
    if ctx.json {
        let mut key = vec![
            ("index".to_owned(), J::int(index as i64)),
            (
                "source".to_owned(),
                J::str(keys.info.get(index).map_or("", |k| k.source.as_str())),
            ),
            (
                "type".to_owned(),
                J::str(used.map(jwtkeys::key_type).unwrap_or_default()),
            ),
        ];
        if let Some(kid) = used_kid {
            key.push(("kid".to_owned(), J::str(kid)));
        }
        ctx.json(&J::obj([
            ("valid", J::Bool(true)),
            ("algorithm", J::str(alg)),
            ("key_index", J::int(index as i64)),
            ("key", J::Obj(key)),
            ("keys", keys.reports_json()),
            ("header", header),
            ("dates", dates_json(&claims)),
            ("claims", claims),
        ]));
    } else {
        // "signature (ES256, kid "a")", "signature (RS256) with key 2 of 8
        // (kid "b")".
        let kid = used_kid.map(|k| format!("kid {}", J::str(k).compact()));
        let used = match (total, kid) {
            (1, None) => format!("({alg})"),
            (1, Some(kid)) => format!("({alg}, {kid})"),
            (_, None) => format!("({alg}) with key {} of {total}", index + 1),
            (_, Some(kid)) => format!("({alg}) with key {} of {total} ({kid})", index + 1),
        };
        ctx.line(&format!(
            "{}  signature {used} and claims",
            ctx.style.good("valid")
        ));
        print_sections(&header, Some(&claims), now, ctx);
    }
    Ok(())
}

/// Where a claim of `jwt sign` came from, before it is written.
#[derive(Default, Debug)]
struct ClaimSet {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<Vec<String>>,
    /// `aud` given as a one-element array stays an array.
    aud_array: bool,
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    jti: Option<String>,
    /// Custom claims: name, and the JSON text of the value.
    custom: Vec<(String, String)>,
}

impl ClaimSet {
    /// Sets a claim from JSON text (checked), routing registered names to
    /// their fields with their types.
    fn set_json(&mut self, name: &str, raw: &str, now: i64) -> Result<(), Failure> {
        let doc = json::parse(raw)
            .map_err(|e| usage(format!("claim {name}: not JSON ({}): {raw}", e.as_str())))?;
        let value = J::from_jeton(doc);
        let string = |what: &str| match &value {
            J::Str(s) => Ok(s.clone()),
            _ => Err(usage(format!("claim {what} must be a string"))),
        };
        let date = || -> Result<i64, Failure> {
            match &value {
                J::Num(_) => doc
                    .as_i64()
                    .map_err(|_| usage(format!("claim {name}: an integer number of seconds"))),
                J::Str(s) => {
                    time::parse_time(s, now).map_err(|e| usage(format!("claim {name}: {e}")))
                }
                _ => Err(usage(format!("claim {name} must be a NumericDate"))),
            }
        };
        match name {
            "iss" => self.iss = Some(string(name)?),
            "sub" => self.sub = Some(string(name)?),
            "jti" => self.jti = Some(string(name)?),
            "exp" => self.exp = Some(date()?),
            "nbf" => self.nbf = Some(date()?),
            "iat" => self.iat = Some(date()?),
            "aud" => match &value {
                J::Str(s) => {
                    self.aud = Some(vec![s.clone()]);
                    self.aud_array = false;
                }
                J::Arr(items) => {
                    let all: Option<Vec<String>> = items
                        .iter()
                        .map(|i| match i {
                            J::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect();
                    self.aud = Some(all.ok_or_else(|| usage("claim aud: strings only"))?);
                    self.aud_array = true;
                }
                _ => return Err(usage("claim aud must be a string or an array of strings")),
            },
            _ => {
                self.custom.retain(|(n, _)| n != name);
                self.custom.push((name.to_owned(), raw.trim().to_owned()));
            }
        }
        Ok(())
    }

    /// Sets a claim to a string.
    fn set_string(&mut self, name: &str, value: &str, now: i64) -> Result<(), Failure> {
        let mut raw = String::new();
        crate::jsonv::escape_into(&mut raw, value);
        self.set_json(name, &raw, now)
    }
}

/// 16 random bytes, base64url.
fn random_id() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| crate::fail::io(format!("no entropy: {e}")))?;
    let mut out = [0u8; 22];
    let n = base64::encode(&bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut out)?;
    Ok(String::from_utf8_lossy(&out[..n]).into_owned())
}

/// `jeton jwt sign`
pub fn sign(args: &JwtSignArgs, matches: &ArgMatches, ctx: &Ctx) -> Outcome {
    let now = clock(args.now.as_deref())?;
    let when =
        |flag: &str, v: &str| time::parse_time(v, now).map_err(|e| usage(format!("--{flag}: {e}")));
    let mut set = ClaimSet::default();
    if let Some(arg) = &args.claims {
        let text = crate::input::read_text(arg, "--claims JSON")?;
        let doc = json::parse(&text)
            .map_err(|e| usage(format!("--claims: not JSON ({})", e.as_str())))?;
        let J::Obj(members) = J::from_jeton(doc) else {
            return Err(usage("--claims: not a JSON object"));
        };
        for (name, value) in members {
            set.set_json(&name, &value.compact(), now)?;
        }
    }
    for c in &args.claim {
        let Some(eq) = c.find('=') else {
            return Err(usage(format!("--claim {c}: NAME=STRING or NAME:=JSON")));
        };
        let (name, value) = (&c[..eq], &c[eq + 1..]);
        match name.strip_suffix(':') {
            Some(name) if !name.is_empty() => set.set_json(name, value, now)?,
            None if !name.is_empty() => set.set_string(name, value, now)?,
            _ => return Err(usage(format!("--claim {c}: the name is empty"))),
        }
    }
    if let Some(v) = &args.iss {
        set.iss = Some(v.clone());
    }
    if let Some(v) = &args.sub {
        set.sub = Some(v.clone());
    }
    if !args.aud.is_empty() {
        set.aud = Some(args.aud.clone());
        set.aud_array = args.aud.len() > 1;
    }
    if let Some(v) = &args.exp {
        set.exp = Some(when("exp", v)?);
    }
    if let Some(v) = &args.nbf {
        set.nbf = Some(when("nbf", v)?);
    }
    match (&args.iat, args.no_iat) {
        (Some(v), _) => set.iat = Some(when("iat", v)?),
        (None, true) => {}
        (None, false) => {
            set.iat.get_or_insert(now);
        }
    }
    match args.jti.as_deref() {
        Some("random") => set.jti = Some(random_id()?),
        Some(v) => set.jti = Some(v.to_owned()),
        None => {}
    }
    if set.custom.len() > 64 {
        return Err(usage("at most 64 custom claims"));
    }

    let keys = jwtkeys::load(
        &args.keys.sources(matches),
        &Options {
            alg: args.alg,
            kid: None,
            legacy_short_secret: args.legacy_short_secret,
            purpose: Purpose::Sign,
        },
    )?;
    for w in &keys.warnings {
        ctx.warn(w);
    }
    let kid = checked_kid(args.kid.as_deref())?;
    let key = keys.set.signing_key()?;
    if !key.may_sign() {
        return Err(usage(format!(
            "{}: its JWK does not allow signing (use or key_ops)",
            keys.info.first().map_or("key 1", |k| k.label.as_str())
        )));
    }
    if set.exp.is_none() {
        ctx.warn("no exp: verifiers that require one (jeton, jsonwebtoken) refuse this token");
    }
    let aud_refs: Vec<&str> = set.aud.iter().flatten().map(String::as_str).collect();
    let mut claims: Claims<'_, 64> = Claims::with_capacity();
    if let Some(v) = &set.iss {
        claims = claims.issuer(v);
    }
    if let Some(v) = &set.sub {
        claims = claims.subject(v);
    }
    match (aud_refs.as_slice(), set.aud_array) {
        ([], _) => {}
        ([one], false) => claims = claims.audience(one),
        (many, _) => claims = claims.audiences(many),
    }
    if let Some(v) = set.exp {
        claims = claims.expires_at(v);
    }
    if let Some(v) = set.nbf {
        claims = claims.not_before(v);
    }
    if let Some(v) = set.iat {
        claims = claims.issued_at(v);
    }
    if let Some(v) = &set.jti {
        claims = claims.jwt_id(v);
    }
    for (name, raw) in &set.custom {
        claims = claims.json(name, raw);
    }
    let header = Header {
        typ: (!args.typ.is_empty()).then_some(args.typ.as_str()),
        kid,
    };
    let mut out = vec![0u8; 1024];
    let n = match jwt::encode_with_header(key, &header, &claims, &mut out) {
        Err(Error::BufferTooSmall { needed }) => {
            out = vec![0u8; needed];
            jwt::encode_with_header(key, &header, &claims, &mut out)?
        }
        other => other?,
    };
    let token = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        let u = decode_unverified(token.as_bytes()).map_err(Failure::Invalid)?;
        ctx.json(&J::obj([
            ("token", J::str(&token)),
            ("header", J::opt(u.header)),
            ("claims", J::opt(u.claims)),
        ]));
    } else {
        ctx.line(&token);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numeric_dates() {
        assert_eq!(seconds(&J::Num("4102444800.5".into())), Some(4_102_444_800));
        assert_eq!(seconds(&J::Num("-1".into())), Some(-1));
        assert_eq!(seconds(&J::Num("1e3".into())), None);
        assert_eq!(seconds(&J::str("1")), None);
    }

    #[test]
    fn finds_what_a_verifier_refuses_first() {
        // RFC 7515 appendix A.1, then the same with "alg":"none".
        let a1 = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let u = decode_unverified(a1).unwrap();
        assert!(u.problems.is_empty());
        assert_eq!(u.signature_len, 32);
        assert_eq!(u.claims.unwrap().get("iss"), Some(&J::str("joe")));
        assert_eq!(
            decode_unverified(b"a.b").err().map(|r| r.check),
            Some("JwtMalformed".to_owned())
        );
        // {"alg":"none"} . {} . "x"
        let none = decode_unverified(b"eyJhbGciOiJub25lIn0.e30.eA").unwrap();
        assert_eq!(none.problems[0].check, "JwtAlgNone");
    }
}
