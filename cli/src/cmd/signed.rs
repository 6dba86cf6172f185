//! `jeton keygrip sign|verify` and `jeton cookie-signature sign|unsign`.

use crate::cli::{
    CookieSignatureSignArgs, CookieSignatureUnsignArgs, KeygripSignArgs, KeygripVerifyArgs,
};
use crate::fail::{Outcome, Refusal, usage};
use crate::input::{self, show};
use crate::jsonv::J;
use crate::keys;
use crate::out::{Ctx, Table};
use clap::ArgMatches;
use jeton::cookie::CookieHeader;
use jeton::mac::Algorithm;
use jeton::signed::{Verified, cookie_signature, keygrip};

/// Splits `NAME=VALUE` at its first `=`.
fn name_value(cookie: &[u8]) -> Result<(&[u8], &[u8]), crate::fail::Failure> {
    let eq = cookie
        .iter()
        .position(|&b| b == b'=')
        .ok_or_else(|| usage("the cookie must be written NAME=VALUE"))?;
    Ok((&cookie[..eq], &cookie[eq + 1..]))
}

/// Prints a value whose signature checked out.
fn print_verified(ctx: &Ctx, v: &Verified<'_>, keys: usize) {
    if ctx.json {
        ctx.json(&J::obj([
            ("valid", J::Bool(true)),
            ("value", J::bytes(v.value)),
            ("key_index", J::int(v.key_index as i64)),
        ]));
        return;
    }
    let mut t = Table::new();
    let key = if keys > 1 {
        format!(" (key {} of {keys})", v.key_index + 1)
    } else {
        String::new()
    };
    t.row("valid", ctx.style.good(&format!("signature verified{key}")));
    t.row("value", show(v.value));
    if v.key_index > 0 {
        t.row(
            "note",
            ctx.style
                .warn("signed with an older key: sign it again with the first"),
        );
    }
    t.print(ctx);
}

/// `jeton keygrip sign`
pub fn keygrip_sign(args: &KeygripSignArgs, matches: &ArgMatches, ctx: &Ctx) -> Outcome {
    let cookie = input::read(&args.cookie)?;
    let (name, value) = name_value(&cookie)?;
    let ring = keys::hmac_ring(&args.keys.sources(matches), args.hash.mac())?;
    let mut sig = [0u8; keygrip::MAX_SIGNATURE_LEN];
    let n = keygrip::sign(ring.signing_key()?, name, value, &mut sig)?;
    let sig = String::from_utf8_lossy(&sig[..n]).into_owned();
    if ctx.json {
        let mut companion = name.to_vec();
        companion.extend_from_slice(keygrip::SIG_SUFFIX);
        ctx.json(&J::obj([
            ("signature", J::str(&sig)),
            ("cookie", J::bytes(&companion)),
        ]));
    } else {
        ctx.line(&sig);
    }
    Ok(())
}

/// `jeton keygrip verify`
pub fn keygrip_verify(args: &KeygripVerifyArgs, matches: &ArgMatches, ctx: &Ctx) -> Outcome {
    let ring = keys::hmac_ring(&args.keys.sources(matches), args.hash.mac())?;
    let header;
    let cookie;
    let verified = if let Some(h) = &args.cookie_header {
        header = input::read(h)?;
        let header = input::strip_header_name(&header, &["cookie"]);
        let name = args.name.as_deref().unwrap_or_default();
        keygrip::verify_cookie(&ring, header, name.as_bytes())
    } else {
        cookie = input::read(args.cookie.as_deref().unwrap_or_default())?;
        let (name, value) = name_value(&cookie)?;
        let sig = input::read(args.signature.as_deref().unwrap_or_default())?;
        keygrip::verify(&ring, name, value, sig.trim_ascii())
            .map(|key_index| Verified { value, key_index })
    }
    .map_err(|e| {
        let detail = match e {
            jeton::Error::SignatureMalformed => {
                "not unpadded base64url of a length this hash produces (--hash)"
            }
            jeton::Error::SignatureMismatch => "no key made this signature",
            _ => "",
        };
        let r = Refusal::of(e);
        if detail.is_empty() {
            r
        } else {
            r.detail(detail)
        }
    })?;
    print_verified(ctx, &verified, ring.len());
    Ok(())
}

/// `jeton cookie-signature sign`
pub fn cookie_signature_sign(
    args: &CookieSignatureSignArgs,
    matches: &ArgMatches,
    ctx: &Ctx,
) -> Outcome {
    let value = input::read(&args.value)?;
    let ring = keys::hmac_ring(&args.keys.sources(matches), Algorithm::Sha256)?;
    let key = ring.signing_key()?;
    // value, '.', 43 characters, all percent-encoded at worst.
    let mut out = vec![0u8; 3 * (value.len() + 48)];
    let n = if args.express {
        cookie_signature::express_cookie_value(key, &value, &mut out)?
    } else {
        cookie_signature::sign(key, &value, &mut out)?
    };
    let signed = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        ctx.json(&J::obj([("signed", J::str(&signed))]));
    } else {
        ctx.line(&signed);
    }
    Ok(())
}

/// `jeton cookie-signature unsign`
pub fn cookie_signature_unsign(
    args: &CookieSignatureUnsignArgs,
    matches: &ArgMatches,
    ctx: &Ctx,
) -> Outcome {
    let ring = keys::hmac_ring(&args.keys.sources(matches), Algorithm::Sha256)?;
    let input_bytes;
    let header_bytes;
    let mut scratch;
    let verified = match (&args.cookie_header, &args.signed) {
        (Some(h), _) => {
            header_bytes = input::read(h)?;
            let header = CookieHeader::parse(input::strip_header_name(&header_bytes, &["cookie"]))?;
            scratch = vec![0u8; header_bytes.len()];
            let name = args.name.as_deref().unwrap_or_default();
            cookie_signature::express_unsign(&ring, &header, name, &mut scratch)
        }
        (None, Some(s)) if args.express => {
            // express-session reads the cookie through npm cookie: a pair
            // named like any other, its value decoded.
            let mut header = b"connect.sid=".to_vec();
            header.extend_from_slice(&input::read(s)?);
            header_bytes = header;
            let cookies = CookieHeader::parse(&header_bytes)?;
            scratch = vec![0u8; header_bytes.len()];
            cookie_signature::express_unsign(&ring, &cookies, "connect.sid", &mut scratch)
        }
        (None, Some(s)) => {
            input_bytes = input::read(s)?;
            cookie_signature::unsign(&ring, &input_bytes)
        }
        (None, None) => return Err(usage("give SIGNED or --cookie-header")),
    }
    .map_err(|e| {
        let detail = match e {
            jeton::Error::UnknownSignedFormat if args.express || args.cookie_header.is_some() => {
                "no \"s:\" prefix: express-session treats the cookie as unsigned"
            }
            jeton::Error::UnknownSignedFormat => "no '.' before a signature",
            jeton::Error::SignatureMalformed => {
                "not 43 characters of unpadded standard base64 after the last '.'"
            }
            jeton::Error::SignatureMismatch => "no key made this signature",
            _ => "",
        };
        let r = Refusal::of(e);
        if detail.is_empty() {
            r
        } else {
            r.detail(detail)
        }
    })?;
    print_verified(ctx, &verified, ring.len());
    Ok(())
}
