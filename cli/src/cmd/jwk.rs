//! `jeton keygen es256|es384|ed25519` and `jeton jwk thumbprint|public`.

use crate::asym::{self, Curve, KeyPair, Public};
use crate::cli::{JwkKeyArgs, JwkPublicArgs, KeygenKeyArgs};
use crate::fail::{Failure, Outcome, usage};
use crate::jsonv::J;
use crate::jwtkeys::{self, key_failure};
use crate::keys::{self, Document, Material};
use crate::out::{Ctx, Table};
use base64ct::{Base64UrlUnpadded, Encoding};
use jeton::asym::ecdsa::{P256PublicKey, P384PublicKey};
use jeton::asym::eddsa::Ed25519PublicKey;
use jeton::asym::rsa::RsaPublicKey;
use jeton::jwt::{JwtKey, KeySet, MAX_KID_LEN};
use std::io::Write;
use zeroize::Zeroizing;

/// Members a JWK holds only in its private form (RFC 7518 sections 6.2.2,
/// 6.3.2, 6.4; RFC 8037 section 2).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Prints text that ends with its own line ending.
fn print_block(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

/// `jeton keygen es256|es384|ed25519`
pub fn keygen(curve: Curve, args: &KeygenKeyArgs, ctx: &Ctx) -> Outcome {
    if let Some(kid) = &args.kid
        && (kid.is_empty() || kid.len() > MAX_KID_LEN)
    {
        return Err(usage(format!("--kid: 1 to {MAX_KID_LEN} bytes")));
    }
    let pair = KeyPair::generate(curve)?;
    let thumbprint = pair.public.thumbprint()?;
    let kid = if args.kid_thumbprint {
        Some(thumbprint.clone())
    } else {
        args.kid.clone()
    };
    let private_jwk = pair.private_jwk(kid.as_deref());
    let public_jwk = pair.public.jwk(kid.as_deref());
    let private_pem = pair.private_pem()?;
    let public_pem = pair.public.spki_pem()?;
    if ctx.json {
        let mut doc = vec![
            ("alg".to_owned(), J::str(curve.alg())),
            ("thumbprint".to_owned(), J::str(&thumbprint)),
        ];
        if let Some(kid) = &kid {
            doc.push(("kid".to_owned(), J::str(kid)));
        }
        doc.extend([
            ("private_jwk".to_owned(), asym::jwk_json(&private_jwk)),
            ("public_jwk".to_owned(), asym::jwk_json(&public_jwk)),
            ("private_pem".to_owned(), J::str(private_pem.as_str())),
            ("public_pem".to_owned(), J::str(&public_pem)),
        ]);
        ctx.json(&J::Obj(doc));
        return Ok(());
    }
    if args.jwk || !args.pem {
        ctx.line(&private_jwk);
        if args.public {
            ctx.line(&public_jwk);
        }
    }
    if args.pem {
        print_block(&private_pem);
        if args.public {
            print_block(&public_pem);
        }
    }
    // Standard output holds only keys, ready for a file; the thumbprint
    // (a kid many deployments use) goes beside it.
    ctx.note(&format!(
        "{} key, RFC 7638 thumbprint {thumbprint}",
        curve.alg()
    ));
    Ok(())
}

/// The key argument of `jwk thumbprint|public`: a key document.
fn read_key(arg: &str) -> Result<Material, Failure> {
    let bytes = Zeroizing::new(crate::input::read(arg)?);
    keys::document(bytes, "KEY").map_err(|e| match e {
        Failure::Usage(m) if !arg.starts_with('@') && std::path::Path::new(arg).is_file() => {
            usage(format!("{m} (to read the file {arg}, write @{arg})"))
        }
        other => other,
    })
}

/// A JWK's members, private ones removed; `key_ops` reduced to what a
/// public key does (`sign` becomes `verify`, `decrypt` `encrypt`,
/// `unwrapKey` `wrapKey`).
fn public_members(doc: &Document) -> Result<Vec<(String, J)>, Failure> {
    let parsed = jeton::json::parse(doc.bytes())
        .map_err(|e| usage(format!("KEY: not JSON ({})", e.as_str())))?;
    let J::Obj(members) = J::from_jeton(parsed) else {
        return Err(usage("KEY: not a JSON object"));
    };
    let mut out = Vec::new();
    for (name, value) in members {
        if PRIVATE_MEMBERS.contains(&name.as_str()) {
            continue;
        }
        if name == "key_ops"
            && let J::Arr(ops) = &value
        {
            let mut public: Vec<J> = Vec::new();
            for op in ops {
                let mapped = match op {
                    J::Str(o) if o == "sign" || o == "verify" => "verify",
                    J::Str(o) if o == "decrypt" || o == "encrypt" => "encrypt",
                    J::Str(o) if o == "unwrapKey" || o == "wrapKey" => "wrapKey",
                    _ => continue,
                };
                if !public.contains(&J::str(mapped)) {
                    public.push(J::str(mapped));
                }
            }
            if !public.is_empty() {
                out.push((name, J::Arr(public)));
            }
            continue;
        }
        out.push((name, value));
    }
    Ok(out)
}

/// A base64url member of a JWK.
fn member(members: &[(String, J)], name: &str) -> Result<Vec<u8>, Failure> {
    match members.iter().find(|(n, _)| n == name) {
        Some((_, J::Str(s))) => Base64UrlUnpadded::decode_vec(s)
            .map_err(|_| usage(format!("KEY: {name} is not base64url"))),
        _ => Err(usage(format!("KEY: no {name}"))),
    }
}

/// The public key of a JWK, checked by the core first: a private JWK of a
/// family jeton signs with must hold the private key of its public members.
fn jwk_public(doc: &Document) -> Result<(Vec<(String, J)>, JwtKey), Failure> {
    let kty = doc.kty();
    if kty.as_deref() == Some("oct") {
        return Err(usage(
            "KEY: an oct JWK is a shared secret; it has no public half (and jeton \
             does not hash secrets into thumbprints)",
        ));
    }
    if doc.has_private_members() && kty.as_deref() != Some("RSA") {
        JwtKey::from_private_jwk(doc.bytes()).map_err(|e| key_failure("KEY", e))?;
    }
    let members = public_members(doc)?;
    let text = J::Obj(members.clone()).compact();
    let key = JwtKey::from_jwk(text.as_bytes()).map_err(|e| key_failure("KEY", e))?;
    Ok((members, key))
}

/// The public material of a JWK the core accepted.
fn material_of(members: &[(String, J)], key: &JwtKey) -> Result<Public, Failure> {
    let bad = |e: jeton::Error| key_failure("KEY", e);
    Ok(match jwtkeys::key_type(key).as_str() {
        "EC P-256 key" => Public::P256(
            P256PublicKey::from_coordinates(&member(members, "x")?, &member(members, "y")?)
                .map_err(bad)?,
        ),
        "EC P-384 key" => Public::P384(
            P384PublicKey::from_coordinates(&member(members, "x")?, &member(members, "y")?)
                .map_err(bad)?,
        ),
        "Ed25519 key" => {
            Public::Ed25519(Ed25519PublicKey::from_bytes(&member(members, "x")?).map_err(bad)?)
        }
        _ => Public::Rsa(
            RsaPublicKey::from_components(&member(members, "n")?, &member(members, "e")?)
                .map_err(bad)?,
        ),
    })
}

/// The public key of a PEM block.
fn pem_public(pem: &keys::Pem) -> Result<Public, Failure> {
    match pem.label.as_str() {
        "PUBLIC KEY" | "PRIVATE KEY" | "EC PRIVATE KEY" => {
            Public::from_pem(pem.bytes(), pem.is_private()).map_err(|e| key_failure("KEY", e))
        }
        other => Err(usage(format!(
            "KEY: a PEM {other}; jeton reads PUBLIC KEY, PRIVATE KEY and EC PRIVATE KEY"
        ))),
    }
}

/// `jeton jwk thumbprint`
pub fn thumbprint(args: &JwkKeyArgs, ctx: &Ctx) -> Outcome {
    let keys: Vec<JwtKey> = match read_key(&args.key)? {
        Material::Jwk(doc) => vec![jwk_public(&doc)?.1],
        Material::Pem(pem) => vec![pem_public(&pem)?.jwt_key()],
        Material::Jwks(doc) => {
            let mut set: Box<KeySet<{ jwtkeys::MAX_JWT_KEYS }>> = Box::new(KeySet::new());
            let summary = set
                .extend_from_jwks(doc.bytes())
                .map_err(|e| key_failure("KEY", e))?;
            if summary.skipped > 0 {
                ctx.note(&format!(
                    "{} keys of the set skipped (types, curves or algorithms jeton does not use)",
                    summary.skipped
                ));
            }
            set.keys().to_vec()
        }
        Material::Secret(_) => return Err(usage("KEY: not a key document")),
    };
    let mut rows = Vec::new();
    for key in &keys {
        rows.push((asym::thumbprint(key)?, key));
    }
    if ctx.json {
        let describe = |(t, key): &(String, &JwtKey)| {
            let mut o = vec![
                ("thumbprint".to_owned(), J::str(t)),
                ("type".to_owned(), J::str(jwtkeys::key_type(key))),
            ];
            if let Some(kid) = key.kid() {
                o.push(("kid".to_owned(), J::str(kid)));
            }
            J::Obj(o)
        };
        match rows.as_slice() {
            [one] => ctx.json(&describe(one)),
            many => ctx.json(&J::obj([(
                "keys",
                J::Arr(many.iter().map(describe).collect()),
            )])),
        }
    } else if let [(t, _)] = rows.as_slice() {
        ctx.line(t);
    } else {
        let mut table = Table::new();
        for (t, key) in &rows {
            table.row_note(
                t,
                jwtkeys::key_type(key),
                key.kid()
                    .map_or_else(String::new, |k| format!("kid {}", J::str(k).compact())),
            );
        }
        table.print(ctx);
    }
    Ok(())
}

/// `jeton jwk public`
pub fn public(args: &JwkPublicArgs, ctx: &Ctx) -> Outcome {
    let (jwk, material) = match read_key(&args.key)? {
        Material::Jwk(doc) => {
            let (members, key) = jwk_public(&doc)?;
            let material = if args.pem {
                Some(material_of(&members, &key)?)
            } else {
                None
            };
            (J::Obj(members), material)
        }
        Material::Pem(pem) => {
            let public = pem_public(&pem)?;
            (asym::jwk_json(&public.jwk(None)), Some(public))
        }
        Material::Jwks(doc) => {
            if args.pem {
                return Err(usage("KEY: a JWK Set; --pem takes one key"));
            }
            let parsed = jeton::json::parse(doc.bytes())
                .map_err(|e| usage(format!("KEY: not JSON ({})", e.as_str())))?;
            let set = J::from_jeton(parsed);
            let Some(J::Arr(entries)) = set.get("keys") else {
                return Err(key_failure("KEY", jeton::Error::JwkSetInvalid));
            };
            let mut public = Vec::new();
            for entry in entries {
                if entry.get("kty") == Some(&J::str("oct")) {
                    // A shared secret has no public half.
                    continue;
                }
                let text = Zeroizing::new(entry.compact());
                let doc = keys::document(Zeroizing::new(text.as_bytes().to_vec()), "KEY")?;
                let Material::Jwk(doc) = doc else {
                    return Err(key_failure("KEY", jeton::Error::JwkInvalid));
                };
                public.push(J::Obj(public_members(&doc)?));
            }
            (J::obj([("keys", J::Arr(public))]), None)
        }
        Material::Secret(_) => return Err(usage("KEY: not a key document")),
    };
    match (args.pem, material) {
        (true, Some(public)) => {
            let pem = public.spki_pem()?;
            if ctx.json {
                ctx.json(&J::obj([("public_pem", J::str(&pem))]));
            } else {
                print_block(&pem);
            }
        }
        _ if ctx.json => ctx.json(&jwk),
        _ => ctx.line(&jwk.compact()),
    }
    Ok(())
}
