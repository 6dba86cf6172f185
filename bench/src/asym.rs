//! Asymmetric JWT verification (ES256, EdDSA, RS256, PS256) as jeton, its
//! peers and the limit do it, on the tokens and keys of `bench/inputs/asym/`
//! (written by `generate.py` there): shared by the paired runner, the
//! criterion benches and the allocation counter, so that every one of them
//! times the same work.
//!
//! *The limit* of a family is the bare signature verification of the crate
//! under jeton's primitive, with the same key, over the token's signing
//! input, the signature already decoded: p256's `VerifyingKey::verify`,
//! ed25519-dalek's `verify_strict`, and for RSA the work any verification
//! does on crypto-bigint's fixed-width integers (SHA-256 of the input and
//! `s^65537 mod n` by 16 Montgomery squarings and one multiplication, from
//! pre-computed parameters, with no padding check), as `benches/rsa.rs`
//! defines it. jeton's own primitive (`jeton::asym`) is timed beside it.

use std::hint::black_box;

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U2048};
use jeton::asym::rsa::{RsaHash, RsaPublicKey};
use jeton::base64::{Alphabet, Padding};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::{AUD, BenchClaims, ISS, JWT_NOW, JwtBackend};

/// One asymmetric algorithm's benchmark inputs.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    /// The JWS algorithm.
    pub alg: Alg,
    /// The token (ID-token-like claims, `kid` in the header).
    pub token: &'static str,
    /// The public key as a JWK.
    pub jwk: &'static str,
    /// The same key as a PEM SubjectPublicKeyInfo.
    pub pem: &'static str,
}

/// The algorithms benchmarked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    /// ECDSA P-256 with SHA-256.
    Es256,
    /// Ed25519.
    EdDsa,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key.
    Rs256,
    /// RSASSA-PSS with SHA-256, 2048-bit key.
    Ps256,
}

impl Alg {
    /// The JWS name.
    pub fn name(self) -> &'static str {
        match self {
            Alg::Es256 => "ES256",
            Alg::EdDsa => "EdDSA",
            Alg::Rs256 => "RS256",
            Alg::Ps256 => "PS256",
        }
    }

    /// The benchmark group (criterion) and operation (paired runner).
    pub fn op(self) -> &'static str {
        match self {
            Alg::Es256 => "JWT ES256 verify",
            Alg::EdDsa => "JWT EdDSA verify",
            Alg::Rs256 => "JWT RS256 verify (2048 bits)",
            Alg::Ps256 => "JWT PS256 verify (2048 bits)",
        }
    }

    /// The limit's row name.
    pub fn limit_name(self) -> &'static str {
        match self {
            Alg::Es256 => "limit: p256 VerifyingKey::verify",
            Alg::EdDsa => "limit: ed25519-dalek verify_strict",
            Alg::Rs256 | Alg::Ps256 => "limit: SHA-256 + s^e mod n, fixed width",
        }
    }
}

/// The four cases, in report order.
pub static CASES: [Case; 4] = [
    Case {
        alg: Alg::Es256,
        token: include_str!("../inputs/asym/es256.jwt"),
        jwk: include_str!("../inputs/asym/p256.jwk.json"),
        pem: include_str!("../inputs/asym/p256.pem"),
    },
    Case {
        alg: Alg::EdDsa,
        token: include_str!("../inputs/asym/eddsa.jwt"),
        jwk: include_str!("../inputs/asym/ed25519.jwk.json"),
        pem: include_str!("../inputs/asym/ed25519.pem"),
    },
    Case {
        alg: Alg::Rs256,
        token: include_str!("../inputs/asym/rs256.jwt"),
        jwk: include_str!("../inputs/asym/rsa2048.jwk.json"),
        pem: include_str!("../inputs/asym/rsa2048.pem"),
    },
    Case {
        alg: Alg::Ps256,
        token: include_str!("../inputs/asym/ps256.jwt"),
        jwk: include_str!("../inputs/asym/rsa2048.jwk.json"),
        pem: include_str!("../inputs/asym/rsa2048.pem"),
    },
];

fn b64(s: &str) -> Vec<u8> {
    let mut out = vec![0u8; jeton::base64::decoded_len_max(s.len())];
    let n = jeton::base64::decode(s.as_bytes(), Alphabet::UrlSafe, Padding::Unpadded, &mut out)
        .expect("base64url");
    out.truncate(n);
    out
}

fn jwk_member(jwk: &str, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(jwk).expect("JWK");
    v[name].as_str().expect("a string member").to_owned()
}

impl Case {
    /// The signing input (header and payload) and the decoded signature.
    pub fn parts(&self) -> (&'static [u8], Vec<u8>) {
        let (input, sig) = self.token.rsplit_once('.').expect("three parts");
        (input.as_bytes(), b64(sig))
    }

    /// The token with one bit of its signature flipped: every verifier
    /// must refuse it.
    pub fn tampered(&self) -> String {
        let (input, sig) = self.token.rsplit_once('.').expect("three parts");
        let mut sig = b64(sig);
        sig[5] ^= 0x01;
        let mut out = vec![0u8; jeton::base64::encoded_len(sig.len(), Padding::Unpadded)];
        let n = jeton::base64::encode(&sig, Alphabet::UrlSafe, Padding::Unpadded, &mut out)
            .expect("sized");
        format!("{input}.{}", std::str::from_utf8(&out[..n]).expect("ASCII"))
    }

    /// jeton's key set: the JWK, read as a JWKS key would be.
    pub fn jeton_keys(&self) -> KeySet<1> {
        let key = JwtKey::from_jwk(self.jwk.as_bytes()).expect("JWK");
        let pem = JwtKey::from_pem(self.pem.as_bytes()).expect("PEM");
        assert_eq!(key.algorithm().family(), pem.algorithm().family());
        KeySet::with_key(key).expect("capacity")
    }
}

/// jeton's validation for every case: the benchmark clock, issuer and
/// audience, as the HS256 rows do.
pub fn jeton_validation<'a>(audiences: &'a [&'a str]) -> Validation<'a> {
    Validation::new(JWT_NOW).issuer(ISS).audiences(audiences)
}

/// What jeton reads back, as the serde peers' claims, for the check
/// before timing.
pub fn jeton_claims(
    token: &str,
    keys: &KeySet<1>,
    validation: &Validation<'_>,
) -> Result<BenchClaims, jeton::Error> {
    let mut buf = [0u8; 1024];
    let v = jwt::verify(token.as_bytes(), keys, validation, &mut buf)?;
    let s = |name: &str| {
        let mut out = [0u8; 128];
        let n = v.claim_str(name, &mut out).expect("a string claim");
        String::from_utf8(out[..n].to_vec()).expect("UTF-8")
    };
    Ok(BenchClaims {
        iss: s("iss"),
        sub: s("sub"),
        aud: s("aud"),
        exp: v.expires_at().expect("exp"),
        nbf: v.not_before().expect("nbf"),
        iat: v.issued_at().expect("iat"),
        jti: s("jti"),
        name: s("name"),
        admin: v.claim_bool("admin").expect("admin"),
    })
}

/// A signature check on fixed bytes: returns whether it passed.
pub type Check = Box<dyn Fn() -> bool>;

/// The bare signature check of the crate under jeton's primitive (see the
/// module documentation).
pub fn limit(case: &Case) -> Check {
    use p256::ecdsa::signature::Verifier as _;
    let (input, sig) = case.parts();
    match case.alg {
        Alg::Es256 => {
            let point = [
                &[4u8][..],
                &b64(&jwk_member(case.jwk, "x")),
                &b64(&jwk_member(case.jwk, "y")),
            ]
            .concat();
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("key");
            Box::new(move || {
                let s = p256::ecdsa::Signature::from_slice(black_box(&sig)).expect("64 bytes");
                key.verify(black_box(input), &s).is_ok()
            })
        }
        Alg::EdDsa => {
            let x: [u8; 32] = b64(&jwk_member(case.jwk, "x")).try_into().expect("32");
            let key = ed25519_dalek::VerifyingKey::from_bytes(&x).expect("key");
            let sig: [u8; 64] = sig.try_into().expect("64 bytes");
            Box::new(move || {
                let s = ed25519_dalek::Signature::from_bytes(black_box(&sig));
                key.verify_strict(black_box(input), &s).is_ok()
            })
        }
        Alg::Rs256 | Alg::Ps256 => {
            let n = b64(&jwk_member(case.jwk, "n"));
            assert_eq!(jwk_member(case.jwk, "e"), "AQAB");
            let params = FixedMontyParams::new_vartime(
                Odd::new(U2048::from_be_slice(&n))
                    .into_option()
                    .expect("odd"),
            );
            // The check the limit leaves out, done once here: s^e mod n
            // ends in the digest whatever the padding.
            let digest = sha2::Sha256::digest(input);
            let s = FixedMontyForm::new(&U2048::from_be_slice(&sig), &params);
            let em = s.square_repeat_vartime(16).mul(&s).retrieve().to_be_bytes();
            let carries_digest = match case.alg {
                Alg::Rs256 => em.ends_with(&digest),
                _ => em.ends_with(&[0xbc]),
            };
            Box::new(move || {
                let digest = sha2::Sha256::digest(black_box(input));
                let s = FixedMontyForm::new(&U2048::from_be_slice(black_box(&sig)), &params);
                black_box((digest, s.square_repeat_vartime(16).mul(&s).retrieve()));
                carries_digest
            })
        }
    }
}

/// What the peers' signature checks differ by from the limit, timed on
/// the same bytes to tell a backend's share of a peer's time from the
/// rest: p256 0.13 (under jsonwebtoken 11 and jwt-compact) and
/// ed25519-dalek's non-strict `verify` (every peer's but jwt-simple's).
pub fn baselines(case: &Case) -> Vec<(&'static str, Check)> {
    let (input, sig) = case.parts();
    match case.alg {
        Alg::Es256 => {
            use p256_013::ecdsa::signature::Verifier as _;
            let point = [
                &[4u8][..],
                &b64(&jwk_member(case.jwk, "x")),
                &b64(&jwk_member(case.jwk, "y")),
            ]
            .concat();
            let key = p256_013::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("key");
            vec![(
                "baseline: p256 0.13 VerifyingKey::verify",
                Box::new(move || {
                    let s = p256_013::ecdsa::Signature::from_slice(black_box(&sig)).expect("64");
                    key.verify(black_box(input), &s).is_ok()
                }),
            )]
        }
        Alg::EdDsa => {
            use ed25519_dalek::Verifier as _;
            let x: [u8; 32] = b64(&jwk_member(case.jwk, "x")).try_into().expect("32");
            let key = ed25519_dalek::VerifyingKey::from_bytes(&x).expect("key");
            let sig: [u8; 64] = sig.try_into().expect("64 bytes");
            vec![(
                "baseline: ed25519-dalek verify (not strict)",
                Box::new(move || {
                    let s = ed25519_dalek::Signature::from_bytes(black_box(&sig));
                    key.verify(black_box(input), &s).is_ok()
                }),
            )]
        }
        Alg::Rs256 | Alg::Ps256 => Vec::new(),
    }
}

/// jeton's signature primitive (`jeton::asym`) over the same bytes.
pub fn jeton_primitive(case: &Case) -> Check {
    let (input, sig) = case.parts();
    match case.alg {
        Alg::Es256 => {
            let key = jeton::asym::ecdsa::P256PublicKey::from_coordinates(
                &b64(&jwk_member(case.jwk, "x")),
                &b64(&jwk_member(case.jwk, "y")),
            )
            .expect("key");
            Box::new(move || key.verify(black_box(input), black_box(&sig)).is_ok())
        }
        Alg::EdDsa => {
            let key =
                jeton::asym::eddsa::Ed25519PublicKey::from_bytes(&b64(&jwk_member(case.jwk, "x")))
                    .expect("key");
            Box::new(move || key.verify(black_box(input), black_box(&sig)).is_ok())
        }
        Alg::Rs256 | Alg::Ps256 => {
            let key = RsaPublicKey::from_components(
                &b64(&jwk_member(case.jwk, "n")),
                &b64(&jwk_member(case.jwk, "e")),
            )
            .expect("key");
            let pss = case.alg == Alg::Ps256;
            Box::new(move || {
                let (input, sig) = (black_box(input), black_box(&sig));
                if pss {
                    key.verify_pss(RsaHash::Sha256, input, sig).is_ok()
                } else {
                    key.verify_pkcs1v15(RsaHash::Sha256, input, sig).is_ok()
                }
            })
        }
    }
}

/// A peer's verification of a token with the case's key: signature, `exp`,
/// `nbf`, `iss`, `aud`, the claims deserialized (moved into
/// [`BenchClaims`], no copy).
pub type PeerVerify = Box<dyn Fn(&str) -> Result<BenchClaims, String>>;

/// A peer and what it runs on.
pub struct Peer {
    /// The row name.
    pub name: &'static str,
    /// Whether its signature arithmetic is RustCrypto's pure Rust, as
    /// jeton's is (the goal asks jeton to be faster than each such peer).
    pub same_backend: bool,
    /// Its verification.
    pub verify: PeerVerify,
}

impl std::fmt::Debug for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peer")
            .field("name", &self.name)
            .field("same_backend", &self.same_backend)
            .finish_non_exhaustive()
    }
}

/// The claims for jwt-compact and jwt-simple, which own the time claims.
#[derive(Debug, Serialize, Deserialize)]
pub struct CustomClaims {
    /// `iss` (jwt-compact leaves it to the application).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// `sub`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// `aud`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// `jti`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// The custom claims.
    pub name: String,
    /// The custom claims.
    pub admin: bool,
}

/// The claims jwt-simple reads beside its own: only the custom ones.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SimpleCustom {
    /// `name`.
    pub name: String,
    /// `admin`.
    pub admin: bool,
}

fn jsonwebtoken11_validation(alg: Alg) -> jsonwebtoken::Validation {
    use jsonwebtoken::Algorithm as A;
    let mut v = jsonwebtoken::Validation::new(match alg {
        Alg::Es256 => A::ES256,
        Alg::EdDsa => A::EdDSA,
        Alg::Rs256 => A::RS256,
        Alg::Ps256 => A::PS256,
    });
    v.set_issuer(&[ISS]);
    v.set_audience(&[AUD]);
    v.validate_nbf = true;
    v
}

fn jsonwebtoken12_validation(alg: Alg) -> jsonwebtoken12::Validation {
    use jsonwebtoken12::Algorithm as A;
    let mut v = jsonwebtoken12::Validation::new(match alg {
        Alg::Es256 => A::ES256,
        Alg::EdDsa => A::EdDSA,
        Alg::Rs256 => A::RS256,
        Alg::Ps256 => A::PS256,
    });
    v.set_issuer(&[ISS]);
    v.set_audience(&[AUD]);
    v.validate_nbf = true;
    v
}

/// jsonwebtoken 11 and 12 with the process's backend (see
/// [`JwtBackend::install`]), keys from the JWK.
pub fn jsonwebtoken_peers(case: &Case, backend: JwtBackend) -> Vec<Peer> {
    let jwk11: jsonwebtoken::jwk::Jwk = serde_json::from_str(case.jwk).expect("JWK");
    let key11 = jsonwebtoken::DecodingKey::from_jwk(&jwk11).expect("key");
    let v11 = jsonwebtoken11_validation(case.alg);
    let jwk12: jsonwebtoken12::jwk::Jwk = serde_json::from_str(case.jwk).expect("JWK");
    let key12 = jsonwebtoken12::DecodingKey::from_jwk(&jwk12).expect("key");
    let v12 = jsonwebtoken12_validation(case.alg);
    let rust = backend == JwtBackend::RustCrypto;
    vec![
        Peer {
            name: backend.jsonwebtoken(11),
            same_backend: rust,
            verify: Box::new(move |token| {
                jsonwebtoken::decode::<BenchClaims>(token, &key11, &v11)
                    .map(|data| data.claims)
                    .map_err(|e| e.to_string())
            }),
        },
        Peer {
            name: backend.jsonwebtoken(12),
            same_backend: rust,
            verify: Box::new(move |token| {
                jsonwebtoken12::decode::<BenchClaims>(token, &key12, &v12)
                    .map(|data| data.claims)
                    .map_err(|e| e.to_string())
            }),
        },
    ]
}

/// jwt-compact's checks as jeton's: signature, then `exp` and `nbf` at the
/// benchmark clock, then `iss` and `aud` (it leaves those to the caller).
fn compact_claims(claims: &jwt_compact::Claims<CustomClaims>) -> Result<BenchClaims, String> {
    let now = || chrono::DateTime::from_timestamp(JWT_NOW, 0).expect("in range");
    let time = jwt_compact::TimeOptions::new(chrono::Duration::zero(), now);
    claims
        .validate_expiration(&time)
        .map_err(|e| e.to_string())?;
    claims.validate_maturity(&time).map_err(|e| e.to_string())?;
    let c = &claims.custom;
    if c.iss.as_deref() != Some(ISS) || c.aud.as_deref() != Some(AUD) {
        return Err("issuer or audience".into());
    }
    Ok(BenchClaims {
        iss: String::new(),
        sub: String::new(),
        aud: String::new(),
        exp: claims.expiration.map_or(0, |t| t.timestamp()),
        nbf: claims.not_before.map_or(0, |t| t.timestamp()),
        iat: claims.issued_at.map_or(0, |t| t.timestamp()),
        jti: String::new(),
        name: String::new(),
        admin: c.admin,
    })
}

/// Moves jwt-compact's strings into the shared claims type.
fn compact_into(token: jwt_compact::Token<CustomClaims>) -> Result<BenchClaims, String> {
    let mut out = compact_claims(token.claims())?;
    let claims = token.into_parts().1;
    let c = claims.custom;
    out.iss = c.iss.unwrap_or_default();
    out.sub = c.sub.unwrap_or_default();
    out.aud = c.aud.unwrap_or_default();
    out.jti = c.jti.unwrap_or_default();
    out.name = c.name;
    Ok(out)
}

/// jwt-compact 0.8 (p256 0.13, ed25519-dalek 2, rsa 0.9), key from the JWK.
pub fn jwt_compact_peer(case: &Case) -> Peer {
    use jwt_compact::alg::{Ed25519, Es256, Rsa};
    use jwt_compact::jwk::JsonWebKey;
    use jwt_compact::{Algorithm, AlgorithmExt, UntrustedToken};
    let jwk: JsonWebKey<'static> = serde_json::from_str(case.jwk).expect("JWK");
    let verify: PeerVerify = match case.alg {
        Alg::Es256 => {
            // jwt-compact reads no P-256 JWK: the SEC1 point of its members.
            let point = [
                &[4u8][..],
                &b64(&jwk_member(case.jwk, "x")),
                &b64(&jwk_member(case.jwk, "y")),
            ]
            .concat();
            let key = <<Es256 as Algorithm>::VerifyingKey as jwt_compact::alg::VerifyingKey<
                Es256,
            >>::from_slice(&point)
            .expect("key");
            Box::new(move |token| {
                let untrusted = UntrustedToken::new(token).map_err(|e| e.to_string())?;
                let token = Es256
                    .validator::<CustomClaims>(&key)
                    .validate(&untrusted)
                    .map_err(|e| e.to_string())?;
                compact_into(token)
            })
        }
        Alg::EdDsa => {
            let key = <Ed25519 as Algorithm>::VerifyingKey::try_from(&jwk).expect("key");
            Box::new(move |token| {
                let untrusted = UntrustedToken::new(token).map_err(|e| e.to_string())?;
                let token = Ed25519
                    .validator::<CustomClaims>(&key)
                    .validate(&untrusted)
                    .map_err(|e| e.to_string())?;
                compact_into(token)
            })
        }
        Alg::Rs256 | Alg::Ps256 => {
            let key = <Rsa as Algorithm>::VerifyingKey::try_from(&jwk).expect("key");
            let alg = if case.alg == Alg::Rs256 {
                Rsa::rs256()
            } else {
                Rsa::ps256()
            };
            Box::new(move |token| {
                let untrusted = UntrustedToken::new(token).map_err(|e| e.to_string())?;
                let token = alg
                    .validator::<CustomClaims>(&key)
                    .validate(&untrusted)
                    .map_err(|e| e.to_string())?;
                compact_into(token)
            })
        }
    };
    Peer {
        name: "jwt-compact 0.8",
        same_backend: true,
        verify,
    }
}

/// jwt-simple's options doing jeton's checks: the benchmark clock with no
/// tolerance, the issuer and the audience.
pub fn jwt_simple_options() -> jwt_simple::prelude::VerificationOptions {
    use jwt_simple::prelude::*;
    VerificationOptions {
        allowed_issuers: Some(HashSet::from_strings(&[ISS])),
        allowed_audiences: Some(HashSet::from_strings(&[AUD])),
        time_tolerance: Some(Duration::from_secs(0)),
        artificial_time: Some(UnixTimeStamp::from_secs(JWT_NOW as u64)),
        ..Default::default()
    }
}

/// Moves jwt-simple's claims into the shared claims type.
pub fn simple_into(
    claims: jwt_simple::prelude::JWTClaims<SimpleCustom>,
) -> Result<BenchClaims, String> {
    use jwt_simple::prelude::Audiences;
    let aud = match claims.audiences {
        Some(Audiences::AsString(aud)) => aud,
        _ => return Err("one audience".into()),
    };
    let secs = |t: Option<jwt_simple::prelude::UnixTimeStamp>| t.map_or(0, |t| t.as_secs() as i64);
    Ok(BenchClaims {
        iss: claims.issuer.unwrap_or_default(),
        sub: claims.subject.unwrap_or_default(),
        aud,
        exp: secs(claims.expires_at),
        nbf: secs(claims.invalid_before),
        iat: secs(claims.issued_at),
        jti: claims.jwt_id.unwrap_or_default(),
        name: claims.custom.name,
        admin: claims.custom.admin,
    })
}

/// jwt-simple 0.15 with its pure-Rust feature set (p256 0.14, the
/// `ed25519-compact` crate, and `superboring`'s RSA on the `rsa` crate),
/// key from the PEM. Its Ed25519 is not RustCrypto's: not the same backend.
pub fn jwt_simple_peer(case: &Case) -> Peer {
    use jwt_simple::prelude::*;
    let options = jwt_simple_options();
    let pem = case.pem;
    let verify: PeerVerify = match case.alg {
        Alg::Es256 => {
            let key = ES256PublicKey::from_pem(pem).expect("key");
            Box::new(move |token| {
                key.verify_token::<SimpleCustom>(token, Some(options.clone()))
                    .map_err(|e| e.to_string())
                    .and_then(simple_into)
            })
        }
        Alg::EdDsa => {
            let key = Ed25519PublicKey::from_pem(pem).expect("key");
            Box::new(move |token| {
                key.verify_token::<SimpleCustom>(token, Some(options.clone()))
                    .map_err(|e| e.to_string())
                    .and_then(simple_into)
            })
        }
        Alg::Rs256 => {
            let key = RS256PublicKey::from_pem(pem).expect("key");
            Box::new(move |token| {
                key.verify_token::<SimpleCustom>(token, Some(options.clone()))
                    .map_err(|e| e.to_string())
                    .and_then(simple_into)
            })
        }
        Alg::Ps256 => {
            let key = PS256PublicKey::from_pem(pem).expect("key");
            Box::new(move |token| {
                key.verify_token::<SimpleCustom>(token, Some(options.clone()))
                    .map_err(|e| e.to_string())
                    .and_then(simple_into)
            })
        }
    };
    Peer {
        name: "jwt-simple 0.15 (pure-rust)",
        same_backend: case.alg != Alg::EdDsa,
        verify,
    }
}

/// Every peer of `case` for this process's backend: jsonwebtoken 11 and 12
/// always, jwt-compact and jwt-simple (pure Rust whatever the backend) in
/// the RustCrypto process only, so that each row is timed once.
pub fn peers(case: &Case, backend: JwtBackend) -> Vec<Peer> {
    let mut peers = jsonwebtoken_peers(case, backend);
    if backend == JwtBackend::RustCrypto {
        peers.push(jwt_compact_peer(case));
        peers.push(jwt_simple_peer(case));
    }
    peers
}

/// Checks, before anything is timed, that jeton, the limit, jeton's
/// primitive and every peer accept the case's token with the same claims,
/// and refuse it with one signature bit flipped.
pub fn check(case: &Case, peers: &[Peer]) {
    let audiences = [AUD];
    let validation = jeton_validation(&audiences);
    let keys = case.jeton_keys();
    let expected = crate::bench_claims();
    assert_eq!(
        jeton_claims(case.token, &keys, &validation).expect("jeton verifies"),
        expected
    );
    let tampered = case.tampered();
    assert!(jeton_claims(&tampered, &keys, &validation).is_err());
    assert!(limit(case)(), "{}: the limit verifies", case.alg.name());
    assert!(
        jeton_primitive(case)(),
        "{}: the primitive",
        case.alg.name()
    );
    for (name, baseline) in baselines(case) {
        assert!(baseline(), "{name}");
    }
    for peer in peers {
        let name = (case.alg.name(), peer.name);
        assert_eq!((peer.verify)(case.token), Ok(expected.clone()), "{name:?}");
        assert!((peer.verify)(&tampered).is_err(), "{name:?} refuses");
    }
}
