//! The per-family footprint probes: what firmware pays in flash, stack and
//! instructions to take a token signed by an identity provider's key: the
//! key's public JWK (JSON text) parsed into a key set, then jose's token of
//! the `registered` shape verified with its issuer and audience required,
//! `exp` and `nbf` checked, and `sub` and `exp` read back; the same token
//! with one byte of its claims changed must be refused for its signature.
//!
//! One family per image (features `probe-es256`, `probe-eddsa`,
//! `probe-rs256`), built without the firmware's default features, so that
//! jeton has that family alone (and SHA-256 as its only HMAC hash). As in
//! the `footprint` probe, a `baseline` build keeps this code and swaps only
//! the jeton calls in [`ops`] for opaque stand-ins: image minus baseline is
//! jeton's share with the crates under it (the curve or big-integer
//! arithmetic, SHA-2, base64), no test code.

use core::hint::black_box;

use cortex_m_semihosting::hprintln;

use crate::harness::{Check, Checker, Run};
use crate::vectors::{ASYM_NOW, ProbeToken};

pub static CHECKS: &[Check] = &[
    #[cfg(feature = "probe-es256")]
    Check {
        name: "probe ES256: a P-256 JWK parsed, jose's token verified, one changed byte \
               refused (asym-jwt.json)",
        run: Run::Always(es256),
    },
    #[cfg(feature = "probe-eddsa")]
    Check {
        name: "probe EdDSA: an Ed25519 JWK parsed, jose's token verified, one changed byte \
               refused (asym-jwt.json)",
        run: Run::Always(eddsa),
    },
    #[cfg(feature = "probe-rs256")]
    Check {
        name: "probe RS256: an RSA 2048 JWK parsed, jose's token verified, one changed byte \
               refused (asym-jwt.json)",
        run: Run::Always(rs256),
    },
];

/// The operation names of one probe. scripts/firmware.sh reads the stack
/// and instruction count of `verify` (`probe <family>: verify ...`).
struct Names {
    parse: &'static str,
    verify: &'static str,
    changed: &'static str,
}

#[cfg(feature = "probe-es256")]
fn es256(c: &mut Checker<'_>) {
    probe(
        c,
        &crate::vectors::PROBE_ES256,
        &Names {
            parse: "probe ES256: parse the JWK into a key set",
            verify: "probe ES256: verify the token (iss, aud, exp, nbf)",
            changed: "probe ES256: verify the token, one byte changed",
        },
    );
}

#[cfg(feature = "probe-eddsa")]
fn eddsa(c: &mut Checker<'_>) {
    probe(
        c,
        &crate::vectors::PROBE_EDDSA,
        &Names {
            parse: "probe EdDSA: parse the JWK into a key set",
            verify: "probe EdDSA: verify the token (iss, aud, exp, nbf)",
            changed: "probe EdDSA: verify the token, one byte changed",
        },
    );
}

#[cfg(feature = "probe-rs256")]
fn rs256(c: &mut Checker<'_>) {
    probe(
        c,
        &crate::vectors::PROBE_RS256,
        &Names {
            parse: "probe RS256: parse the JWK into a key set",
            verify: "probe RS256: verify the token (iss, aud, exp, nbf)",
            changed: "probe RS256: verify the token, one byte changed",
        },
    );
}

/// Room for a token (the RSA 2048 one is 698 characters).
const TOKEN: usize = 768;

fn probe(c: &mut Checker<'_>, p: &ProbeToken, names: &Names) {
    let keys = c.measure(names.parse, || ops::parse_jwk(black_box(p.jwk)));
    let Some(keys) = keys else {
        c.expect(false, format_args!("JWK refused"));
        return;
    };
    // What the caller keeps in RAM for the key (scripts/firmware.sh
    // reports it).
    hprintln!("size {} KeySet<1>", core::mem::size_of_val(&keys));

    let mut decoded = [0u8; 384];
    let mut sub = [0u8; 32];
    let verified = c.measure(names.verify, || {
        ops::verify(
            &keys,
            black_box(p.token),
            black_box(ASYM_NOW),
            black_box(p.issuer),
            black_box(p.audience),
            &mut decoded,
            &mut sub,
        )
    });
    match verified {
        Ok(claims) => {
            c.expect_bytes(
                &sub[..claims.sub_len.min(sub.len())],
                p.sub.as_bytes(),
                format_args!("sub"),
            );
            c.expect(claims.exp == p.exp, format_args!("exp {}", claims.exp));
        }
        Err(_) => {
            c.expect(false, format_args!("token refused"));
        }
    }

    // The middle character of the claims segment changed: the signature
    // no longer holds.
    let mut changed = [0u8; TOKEN];
    let len = p.token.len().min(TOKEN);
    changed[..len].copy_from_slice(&p.token[..len]);
    let mut dots = p.token.iter().enumerate().filter(|(_, b)| **b == b'.');
    if let (Some((first, _)), Some((second, _))) = (dots.next(), dots.next()) {
        let at = (first + second) / 2;
        changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    }
    let mut decoded = [0u8; 384];
    let mut sub = [0u8; 32];
    let refused = c.measure(names.changed, || {
        ops::verify(
            &keys,
            black_box(&changed[..len]),
            black_box(ASYM_NOW),
            black_box(p.issuer),
            black_box(p.audience),
            &mut decoded,
            &mut sub,
        )
    });
    c.expect(
        matches!(refused, Err(true)),
        format_args!(
            "one byte changed: {}",
            match refused {
                Ok(_) => "accepted",
                Err(true) => "refused",
                Err(false) => "refused, not for its signature",
            }
        ),
    );
}

/// What the probe reads back from a verified token.
pub struct TokenClaims {
    /// Length of `sub`, unescaped into the caller's buffer.
    pub sub_len: usize,
    /// `exp`.
    pub exp: i64,
}

/// The jeton calls of the probe.
#[cfg(not(feature = "baseline"))]
mod ops {
    use jeton::Error;
    use jeton::jwt::{self, JwtKey, KeySet, Validation};

    use super::TokenClaims;

    /// The verifier's keys: one public key.
    pub type Keys = KeySet<1>;

    /// The key set of one public JWK.
    #[inline(never)]
    pub fn parse_jwk(jwk: &[u8]) -> Option<Keys> {
        KeySet::with_key(JwtKey::from_jwk(jwk).ok()?).ok()
    }

    /// Verifies `token` at `now` for this issuer and audience (exp and nbf
    /// checked), decoding into `buf`; reads back `sub` (into `sub_out`)
    /// and `exp`. `Err(true)`: refused for its signature.
    #[inline(never)]
    pub fn verify(
        keys: &Keys,
        token: &[u8],
        now: i64,
        issuer: &str,
        audience: &str,
        buf: &mut [u8],
        sub_out: &mut [u8],
    ) -> Result<TokenClaims, bool> {
        let validation = Validation::new(now).issuer(issuer).audience(audience);
        let verified = jwt::verify(token, keys, &validation, buf)
            .map_err(|e| e == Error::JwtSignatureMismatch)?;
        let sub = verified.subject().ok_or(false)?;
        Ok(TokenClaims {
            sub_len: sub.unescape_into(sub_out).map_err(|_| false)?,
            exp: verified.expires_at().ok_or(false)?,
        })
    }
}

/// `baseline` stand-ins: same signatures, no jeton.
#[cfg(feature = "baseline")]
mod ops {
    use core::hint::black_box;

    use super::TokenClaims;

    /// Stands for jeton's key set (which lives in the caller's frame, so
    /// its size is no flash).
    pub struct Keys;

    #[inline(never)]
    pub fn parse_jwk(jwk: &[u8]) -> Option<Keys> {
        black_box(jwk);
        black_box(None)
    }

    #[inline(never)]
    pub fn verify(
        keys: &Keys,
        token: &[u8],
        now: i64,
        issuer: &str,
        audience: &str,
        buf: &mut [u8],
        sub_out: &mut [u8],
    ) -> Result<TokenClaims, bool> {
        black_box((keys, token, now, issuer, audience, buf, sub_out));
        black_box(Err(false))
    }
}
