//! `jeton basic`, `bearer`, `pkce`, `session-id` and `keygen`.

use crate::cli::{
    BasicDecodeArgs, BasicEncodeArgs, BearerFormatArgs, BearerParseArgs, Encoding, KeygenHmacArgs,
    PkceArgs, SessionIdArgs,
};
use crate::fail::{Failure, Outcome, Refusal, io, usage};
use crate::input::{self, show};
use crate::jsonv::J;
use crate::out::{Ctx, Table};
use jeton::auth;
use jeton::base64::{self, Alphabet, Padding};
use jeton::oauth::pkce;
use jeton::session;
use zeroize::Zeroizing;

/// Random bytes from the operating system.
fn random(out: &mut [u8]) -> Result<(), Failure> {
    getrandom::fill(out).map_err(|e| io(format!("no entropy from the operating system: {e}")))
}

/// `bytes` in base64 of `alphabet`.
fn encode(bytes: &[u8], alphabet: Alphabet, padding: Padding) -> Zeroizing<String> {
    let mut out = Zeroizing::new(vec![0u8; base64::encoded_len(bytes.len(), padding)]);
    let n = base64::encode(bytes, alphabet, padding, &mut out).unwrap_or(0);
    Zeroizing::new(String::from_utf8_lossy(&out[..n]).into_owned())
}

/// `jeton basic encode`
pub fn basic_encode(args: &BasicEncodeArgs, ctx: &Ctx) -> Outcome {
    let password = Zeroizing::new(input::read(&args.password)?);
    let mut out = Zeroizing::new(vec![0u8; 2 * (args.user.len() + password.len()) + 16]);
    let n = auth::format_basic(args.user.as_bytes(), &password, &mut out)?;
    let header = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        ctx.json(&J::obj([("authorization", J::str(&header))]));
    } else {
        ctx.line(&header);
    }
    Ok(())
}

/// `jeton basic decode`
pub fn basic_decode(args: &BasicDecodeArgs, ctx: &Ctx) -> Outcome {
    let raw = input::read(&args.header)?;
    let header = input::strip_header_name(&raw, &["authorization"]);
    let mut buf = Zeroizing::new(vec![0u8; header.len()]);
    let creds = auth::parse_basic(header, &mut buf)?;
    if ctx.json {
        ctx.json(&J::obj([
            ("user", J::bytes(creds.user)),
            ("password", J::bytes(creds.password)),
            (
                "utf8",
                J::Bool(
                    std::str::from_utf8(creds.user).is_ok()
                        && std::str::from_utf8(creds.password).is_ok(),
                ),
            ),
        ]));
    } else {
        let mut t = Table::new();
        t.row("user", show(creds.user));
        t.row("password", show(creds.password));
        t.print(ctx);
    }
    Ok(())
}

/// `jeton bearer parse`
pub fn bearer_parse(args: &BearerParseArgs, ctx: &Ctx) -> Outcome {
    let raw = input::read(&args.header)?;
    let header = input::strip_header_name(&raw, &["authorization"]);
    let token = auth::parse_bearer(header)?;
    if ctx.json {
        ctx.json(&J::obj([("token", J::bytes(token))]));
    } else {
        ctx.line(&show(token));
    }
    Ok(())
}

/// `jeton bearer format`
pub fn bearer_format(args: &BearerFormatArgs, ctx: &Ctx) -> Outcome {
    let token = input::read(&args.token)?;
    let mut out = vec![0u8; token.len() + 8];
    let n = auth::format_bearer(&token, &mut out)?;
    let header = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        ctx.json(&J::obj([("authorization", J::str(&header))]));
    } else {
        ctx.line(&header);
    }
    Ok(())
}

/// The S256 challenge of a verifier (RFC 7636 section 4.2), by the core,
/// which first checks the verifier's syntax (section 4.1: 43 to 128
/// unreserved characters).
fn s256(verifier: &str) -> Result<String, Refusal> {
    let mut out = [0u8; pkce::CHALLENGE_LEN];
    let n = pkce::challenge_s256(verifier.as_bytes(), &mut out)
        .map_err(|e| Refusal::of(e).detail(format!("{} characters", verifier.len())))?;
    Ok(String::from_utf8_lossy(&out[..n]).into_owned())
}

/// `jeton pkce`
pub fn pkce(args: &PkceArgs, ctx: &Ctx) -> Outcome {
    let verifier = match &args.verifier {
        Some(v) => v.clone(),
        None => {
            // 32 random bytes: the 43-character verifier RFC 7636 section 4.1
            // recommends.
            let mut bytes = Zeroizing::new([0u8; pkce::VERIFIER_BYTES]);
            random(&mut *bytes)?;
            encode(&*bytes, Alphabet::UrlSafe, Padding::Unpadded).to_string()
        }
    };
    let challenge = s256(&verifier)?;
    let matches = args.challenge.as_ref().map(|c| *c == challenge);
    if ctx.json {
        let mut o = vec![
            ("code_verifier".to_owned(), J::str(&verifier)),
            ("code_challenge".to_owned(), J::str(&challenge)),
            ("code_challenge_method".to_owned(), J::str("S256")),
        ];
        if let Some(m) = matches {
            o.push(("matches".to_owned(), J::Bool(m)));
        }
        ctx.json(&J::Obj(o));
    } else {
        let mut t = Table::new();
        t.row("code_verifier", &verifier);
        t.row("code_challenge", &challenge);
        t.row("code_challenge_method", "S256");
        match matches {
            Some(true) => t.row("check", ctx.style.good("the verifier gives this challenge")),
            Some(false) => t.row(
                "check",
                ctx.style.bad("the verifier does not give this challenge"),
            ),
            None => &mut t,
        };
        t.print(ctx);
    }
    match matches {
        Some(false) => Err(Refusal::own(
            "PkceMismatch",
            "code verifier does not match the challenge",
        )
        .shown()
        .into()),
        _ => Ok(()),
    }
}

/// `jeton session-id`
pub fn session_id(args: &SessionIdArgs, ctx: &Ctx) -> Outcome {
    if let Some(id) = &args.check {
        let id = input::read(id)?;
        let ok = session::is_well_formed_id(&id);
        if ctx.json {
            ctx.json(&J::obj([("well_formed", J::Bool(ok))]));
        } else if ok {
            ctx.line(&ctx.style.good("well-formed"));
        }
        return if ok {
            Ok(())
        } else {
            let r = Refusal::own(
                "SessionIdMalformed",
                "not a session ID: 22 to 86 base64url characters (128 to 512 bits)",
            );
            Err((if ctx.json { r.shown() } else { r }).into())
        };
    }
    let mut failure = None;
    let mut entropy = |buf: &mut [u8]| {
        getrandom::fill(buf).map_err(|e| {
            failure = Some(e);
            jeton::Error::EntropyUnavailable
        })
    };
    let mut out = [0u8; session::ID_LEN];
    let n = match session::generate_id(&mut entropy, &mut out) {
        Ok(n) => n,
        Err(e) => {
            return Err(io(format!(
                "{}: {}",
                e.as_str(),
                failure.map(|f| f.to_string()).unwrap_or_default()
            )));
        }
    };
    let id = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        ctx.json(&J::obj([("session_id", J::str(&id))]));
    } else {
        ctx.line(&id);
    }
    Ok(())
}

/// `jeton keygen hmac`
pub fn keygen_hmac(args: &KeygenHmacArgs, ctx: &Ctx) -> Outcome {
    let alg = args.alg.jwt();
    let len = args
        .bytes
        .unwrap_or_else(|| alg.mac().map_or(32, |m| m.tag_len()));
    if !(16..=1024).contains(&len) {
        return Err(usage("--bytes: 16 to 1024"));
    }
    let mut secret = Zeroizing::new(vec![0u8; len]);
    random(&mut secret)?;
    let hex = Zeroizing::new(
        secret
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    );
    let b64 = encode(&secret, Alphabet::Standard, Padding::Padded);
    let b64url = encode(&secret, Alphabet::UrlSafe, Padding::Unpadded);
    let (prefix, body) = match args.encoding {
        Encoding::Hex => ("hex:", &hex),
        Encoding::Base64 => ("b64:", &b64),
        Encoding::Base64url => ("base64url:", &b64url),
    };
    let key = Zeroizing::new(if args.bare {
        body.to_string()
    } else {
        format!("{prefix}{}", body.as_str())
    });
    let mut jwk = vec![
        ("kty".to_owned(), J::str("oct")),
        ("k".to_owned(), J::str(b64url.as_str())),
        ("alg".to_owned(), J::str(alg.name())),
    ];
    if let Some(kid) = &args.kid {
        jwk.push(("kid".to_owned(), J::str(kid)));
    }
    let jwk = J::Obj(jwk);
    if ctx.json {
        ctx.json(&J::obj([
            ("bytes", J::int(len as i64)),
            ("key", J::str(key.as_str())),
            ("hex", J::str(hex.as_str())),
            ("base64", J::str(b64.as_str())),
            ("base64url", J::str(b64url.as_str())),
            ("jwk", jwk),
        ]));
    } else if args.jwk {
        ctx.line(&jwk.compact());
    } else {
        ctx.line(&key);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 appendix B.
    #[test]
    fn rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            s256(verifier).unwrap(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(s256(&verifier[1..]).is_err());
        assert!(s256(&format!("{verifier}+")).is_err());
    }
}
