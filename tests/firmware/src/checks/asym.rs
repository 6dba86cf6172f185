//! Asymmetric JWTs, with the keys and tokens npm `jose` and PyJWT made in
//! `tests/vectors/asym-jwt.json`: the public JWKs loaded from their JSON
//! text, every ES256, ES384, EdDSA, RS256 (RSA 2048, 3072 and 4096) and
//! PS256 token the peers signed with them judged as both peers judged it, each family's token refused
//! with one byte of its claims changed, each family's signature alone
//! (the key's raw members, the signing input: what the verification costs
//! below the JWT), and ES256 and EdDSA tokens signed with the private JWKs
//! (the EdDSA one byte for byte as jose signed it).

use jeton::Error;
use jeton::asym::ecdsa::{P256PublicKey, P384PublicKey};
use jeton::asym::eddsa::Ed25519PublicKey;
use jeton::asym::rsa::{RsaHash, RsaPublicKey};
use jeton::json;
use jeton::jwt::{self, Audience, JwtKey, KeySet, Validation};

use super::{Code, json_eq, shape_builder};
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{
    ASYM_KEYS, ASYM_NOW, ASYM_PEER_JWTS, ASYM_SIGN, AsymKey, AsymPeerJwt, RAW_SIGNATURES,
    RawSignature,
};

pub static CHECKS: &[Check] = &[
    check!(
        "JWK: P-256, P-384, Ed25519 and RSA 2048, 3072, 4096 public keys load with their \
         kid; their private JWKs are refused as public keys (asym-jwt.json)",
        load_keys,
        ASYM_KEYS
    ),
    check!(
        "JWT ES256, ES384, EdDSA, RS256 (2048, 3072, 4096), PS256: jose and PyJWT tokens \
         judged as both peers did (asym-jwt.json)",
        peer_tokens,
        ASYM_KEYS,
        ASYM_PEER_JWTS
    ),
    check!(
        "JWT ES256, ES384, EdDSA, RS256 (2048, 3072, 4096), PS256: jose's token with one \
         byte of its claims changed is refused (asym-jwt.json)",
        changed_byte,
        ASYM_KEYS,
        ASYM_PEER_JWTS
    ),
    check!(
        "Signatures alone: jose's ES256, ES384, EdDSA, RS256 (2048, 4096) and PS256 \
         signatures verified with the key's raw members, refused over a changed message \
         (asym-jwt.json)",
        raw_signatures,
        RAW_SIGNATURES
    ),
    check!(
        "JWT ES256, EdDSA: signed with the private JWK, verified with the public one; \
         EdDSA byte for byte as jose signed it (asym-jwt.json)",
        signing,
        ASYM_KEYS,
        ASYM_SIGN
    ),
];

/// The keys `ASYM_KEYS` holds (build.rs).
const KEYS: usize = 6;

/// Room for the decoded header and claims of every token here (the
/// longest, with the `registered` claims and a 43-character kid, decodes
/// to about 260 bytes).
const DECODED: usize = 384;

/// Room for a token (the RSA 4096 ones are 993 characters).
const TOKEN: usize = 1024;

/// The key set of one public JWK, loading measured.
fn public_keys(c: &mut Checker<'_>, key: &AsymKey) -> Option<KeySet<1>> {
    let loaded = c.measure(key.load_op, || JwtKey::from_jwk(key.jwk));
    let keys = loaded.and_then(KeySet::with_key);
    c.expect(
        keys.is_ok(),
        format_args!("{} public JWK: {}", key.id, Code::of(&keys)),
    );
    keys.ok()
}

fn load_keys(c: &mut Checker<'_>) {
    c.expect(
        ASYM_KEYS.len() == KEYS,
        format_args!("{} keys", ASYM_KEYS.len()),
    );
    c.each(ASYM_KEYS, |c, _, key| {
        let Some(keys) = public_keys(c, key) else {
            return;
        };
        let kid = keys.keys().first().and_then(JwtKey::kid);
        c.expect(
            kid == Some(key.kid),
            format_args!("{}: kid {}", key.id, Escaped(kid.unwrap_or("").as_bytes())),
        );
        // A private JWK where a public key is expected is refused (a
        // configuration mix-up must not load a secret as a public key).
        if let Some(private) = key.private_jwk {
            let result = JwtKey::from_jwk(private).map(|_| ());
            c.expect(
                result == Err(Error::JwkPrivateMembers),
                format_args!("{} private JWK as public: {}", key.id, Code::of(&result)),
            );
        }
    });
}

/// The verifier of a peer token's shape, as tests/tests/asym_interop.rs
/// has it: the file's clock, no claim required, the shape's issuer and
/// audience (any audience when the shape names none).
fn validation(t: &AsymPeerJwt) -> Validation<'static> {
    let mut validation = Validation::new(ASYM_NOW).required(&[]);
    if let Some(issuer) = t.issuer {
        validation = validation.issuer(issuer);
    }
    match t.audience {
        Some(audience) => validation.audience(audience),
        None => validation.allow_any_audience(),
    }
}

/// The key sets of `ASYM_KEYS`, by index.
fn all_keys(c: &mut Checker<'_>) -> [Option<KeySet<1>>; KEYS] {
    let mut sets = [const { None }; KEYS];
    for (set, key) in sets.iter_mut().zip(ASYM_KEYS) {
        *set = public_keys(c, key);
    }
    sets
}

fn peer_tokens(c: &mut Checker<'_>) {
    let sets = all_keys(c);
    c.each(ASYM_PEER_JWTS, |c, i, t| {
        let Some(Some(keys)) = sets.get(t.key) else {
            c.expect(false, format_args!("#{i}: no key set"));
            return;
        };
        let validation = validation(t);
        let mut buf = [0u8; DECODED];
        let got = c.measure(t.ops[0], || {
            jwt::verify(t.token, keys, &validation, &mut buf)
        });
        match (got, t.verdict) {
            (Ok(v), Ok(members)) => {
                let count = v.claims().members().count();
                c.expect(
                    count == members.len(),
                    format_args!("#{i} {} {} {}: {count} claims", t.lib, t.alg, t.shape),
                );
                for m in members {
                    let want = json::parse(m.json);
                    let same = v
                        .claim(m.name)
                        .zip(want.ok())
                        .is_some_and(|(got, want)| json_eq(got, want));
                    c.expect(
                        same,
                        format_args!(
                            "#{i} {} {} {}: claim {} is not {}",
                            t.lib,
                            t.alg,
                            t.shape,
                            Escaped(m.name),
                            Escaped(m.json)
                        ),
                    );
                }
            }
            (Err(e), Err(want)) => {
                c.expect(
                    e == want,
                    format_args!(
                        "#{i} {} {} {}: {}, the peers: {}",
                        t.lib,
                        t.alg,
                        t.shape,
                        Code::err(e),
                        Code::err(want)
                    ),
                );
            }
            (got, want) => {
                c.expect(
                    false,
                    format_args!(
                        "#{i} {} {} {}: jeton {}, the peers {}",
                        t.lib,
                        t.alg,
                        t.shape,
                        Code::of(&got),
                        if want.is_ok() { "accepted" } else { "refused" }
                    ),
                );
            }
        }
    });
}

/// A copy of `token` with one character of its claims segment (the middle
/// one) changed to another base64url character, and its length.
fn change_one_byte(token: &[u8]) -> ([u8; TOKEN], usize) {
    let mut out = [0u8; TOKEN];
    let len = token.len().min(TOKEN);
    out[..len].copy_from_slice(&token[..len]);
    let mut dots = token.iter().enumerate().filter(|(_, b)| **b == b'.');
    let (Some((first, _)), Some((second, _))) = (dots.next(), dots.next()) else {
        return (out, len);
    };
    let at = (first + second) / 2;
    out[at] = if out[at] == b'A' { b'B' } else { b'A' };
    (out, len)
}

fn changed_byte(c: &mut Checker<'_>) {
    let sets = all_keys(c);
    // One token per algorithm: jose's of the `registered` shape.
    c.each(ASYM_PEER_JWTS, |c, i, t| {
        if t.lib != "jose" || t.shape != "registered" {
            return;
        }
        let Some(Some(keys)) = sets.get(t.key) else {
            c.expect(false, format_args!("#{i}: no key set"));
            return;
        };
        let validation = validation(t);
        let (token, len) = change_one_byte(t.token);
        let token = &token[..len];
        c.expect(token != t.token, format_args!("#{i}: nothing changed"));
        let mut buf = [0u8; DECODED];
        let result = c.measure(t.ops[1], || {
            jwt::verify(token, keys, &validation, &mut buf).map(|_| ())
        });
        c.expect(
            result == Err(Error::JwtSignatureMismatch) && buf.iter().all(|&b| b == 0),
            format_args!("#{i} {} changed: {}", t.alg, Code::of(&result)),
        );
    });
}

/// Verifies `message` with the bare key of `r`, measured under `op`.
fn raw_verify(c: &mut Checker<'_>, r: &RawSignature, message: &[u8]) -> Result<(), Error> {
    let [x, y] = r.public;
    let (load, verify) = (r.load_op, r.verify_op);
    match r.alg {
        "ES256" => {
            let key = c.measure(load, || P256PublicKey::from_coordinates(x, y))?;
            c.measure(verify, || key.verify(message, r.signature))
        }
        "ES384" => {
            let key = c.measure(load, || P384PublicKey::from_coordinates(x, y))?;
            c.measure(verify, || key.verify(message, r.signature))
        }
        "EdDSA" => {
            let key = c.measure(load, || Ed25519PublicKey::from_bytes(x))?;
            c.measure(verify, || key.verify(message, r.signature))
        }
        "RS256" => {
            let key = c.measure(load, || RsaPublicKey::from_components(x, y))?;
            c.measure(verify, || {
                key.verify_pkcs1v15(RsaHash::Sha256, message, r.signature)
            })
        }
        _ => {
            let key = c.measure(load, || RsaPublicKey::from_components(x, y))?;
            c.measure(verify, || {
                key.verify_pss(RsaHash::Sha256, message, r.signature)
            })
        }
    }
}

fn raw_signatures(c: &mut Checker<'_>) {
    c.each(RAW_SIGNATURES, |c, _, r| {
        let result = raw_verify(c, r, r.message);
        c.expect(
            result.is_ok(),
            format_args!("{}: {}", r.alg, Code::of(&result)),
        );
        // One byte of the message changed.
        let mut changed = [0u8; TOKEN];
        let len = r.message.len().min(TOKEN);
        changed[..len].copy_from_slice(&r.message[..len]);
        changed[len / 2] ^= 0x01;
        let result = raw_verify(c, r, &changed[..len]);
        c.expect(
            result == Err(Error::SignatureMismatch),
            format_args!("{} over a changed message: {}", r.alg, Code::of(&result)),
        );
    });
}

/// The JWS signing input of a compact token: its first two segments.
fn signing_input(token: &[u8]) -> &[u8] {
    let end = token.iter().rposition(|&b| b == b'.').unwrap_or(0);
    &token[..end]
}

fn signing(c: &mut Checker<'_>) {
    c.each(ASYM_SIGN, |c, i, s| {
        let Some(key) = ASYM_KEYS.get(s.key) else {
            c.expect(false, format_args!("#{i}: no key"));
            return;
        };
        let Some(private) = key.private_jwk else {
            c.expect(false, format_args!("#{i}: no private JWK"));
            return;
        };
        let signing = c.measure(key.load_private_op, || JwtKey::from_private_jwk(private));
        let signing = match signing {
            Ok(k) => k,
            Err(e) => {
                c.expect(
                    false,
                    format_args!("{} private JWK: {}", key.id, Code::err(e)),
                );
                return;
            }
        };
        c.expect(
            signing.algorithm().name() == s.alg && signing.kid() == Some(key.kid),
            format_args!("{}: algorithm and kid", key.id),
        );
        let claims = shape_builder(&s.claims);
        let mut token = [0u8; TOKEN];
        let n = c.measure(s.encode_op, || jwt::encode(&signing, &claims, &mut token));
        let token = &token[..n.unwrap_or(0)];
        if s.alg == "EdDSA" {
            // Ed25519 is deterministic (RFC 8032 section 5.1.6): the same
            // key, header and claims give jose's signature.
            c.expect_bytes(token, s.jose, format_args!("EdDSA token"));
        } else {
            // jose draws a random ECDSA nonce, jeton derives it (RFC
            // 6979): the same signing input, another signature.
            c.expect_bytes(
                signing_input(token),
                signing_input(s.jose),
                format_args!("{} header and claims", s.alg),
            );
        }
        // The public JWK verifies it.
        let Some(keys) = public_keys(c, key) else {
            return;
        };
        let mut buf = [0u8; DECODED];
        // As the shape's verifier: its issuer and audience.
        let mut validation = Validation::new(ASYM_NOW);
        if let Some(issuer) = s.claims.iss {
            validation = validation.issuer(issuer);
        }
        let validation = match s.claims.aud {
            Some(Audience::One(audience)) => validation.audience(audience),
            _ => validation.allow_any_audience(),
        };
        let result = c.measure(s.verify_op, || {
            jwt::verify(token, &keys, &validation, &mut buf).map(|v| v.expires_at())
        });
        c.expect(
            result == Ok(s.claims.exp),
            format_args!("{} signed here: {}", s.alg, Code::of(&result)),
        );
    });
}
