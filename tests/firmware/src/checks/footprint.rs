//! The footprint probe: what an application pays in flash and stack for
//! the operations of the flash goal (read a `Cookie` header, write a
//! `Set-Cookie`, verify an HS256 JWT with its claims), used once each the
//! way a server or a device would use them, and checked against the
//! benchmark inputs.
//!
//! Unlike the other checks, the probe is the same code in `baseline`
//! builds except for the jeton calls themselves, which [`ops`] replaces by
//! stand-ins the optimiser cannot see through: the size difference between
//! `--features footprint` and `--features footprint,baseline` is jeton's
//! own share, without any test code. Built alone (`--no-default-features
//! --features footprint`), jeton has SHA-256 as its only hash, as in
//! firmware that turns jeton's default features off. A new operation of
//! the goal is one more function in both `ops` modules and one more
//! `measure` call here.

use core::hint::black_box;

use crate::harness::{Check, Checker, Run};
use crate::vectors::{BENCH_JWT, COOKIE_HEADER, SET_COOKIE_EXPECTED, SET_COOKIE_SPEC};

pub static CHECKS: &[Check] = &[Check {
    name: "footprint: read a Cookie header, write a Set-Cookie, verify a JWT (bench/inputs)",
    run: Run::Always(probe),
}];

/// From `bench/inputs/cookie_header.txt`: its pair count, and its `prefs`
/// value percent-decoded.
const PAIRS: usize = 12;
const PREFS_DECODED: &[u8] = b"lang=en-US&tz=Europe/Berlin&cur=EUR";

fn probe(c: &mut Checker<'_>) {
    let mut value = [0u8; 64];
    let read = c.measure("footprint: read a Cookie header", || {
        ops::read_cookie(black_box(COOKIE_HEADER), black_box(b"prefs"), &mut value)
    });
    let (pairs, n) = read.unwrap_or((0, 0));
    c.expect(pairs == PAIRS, format_args!("{pairs} pairs"));
    c.expect_bytes(
        &value[..n.min(value.len())],
        PREFS_DECODED,
        format_args!("prefs"),
    );

    let mut line = [0u8; 256];
    let n = c.measure("footprint: write a Set-Cookie header", || {
        ops::write_set_cookie(black_box(&SET_COOKIE_SPEC), &mut line)
    });
    let n = n.unwrap_or(0).min(line.len());
    c.expect_bytes(&line[..n], SET_COOKIE_EXPECTED, format_args!("Set-Cookie"));

    // The benchmark token, as an API server or a device would take it:
    // its issuer and audience required, exp and nbf checked, at nbf.
    let jwt = &BENCH_JWT;
    let keys = c.measure("footprint: make an HS256 JWT key", || {
        ops::jwt_keys(black_box(jwt.key))
    });
    let Some(keys) = keys else {
        c.expect(false, format_args!("JWT key"));
        return;
    };
    let mut decoded = [0u8; 384];
    let mut sub = [0u8; 32];
    let claims = c.measure(
        "footprint: verify a JWT (HS256; iss, aud, exp, nbf)",
        || {
            ops::verify_jwt(
                &keys,
                black_box(jwt.token),
                black_box(jwt.claims.nbf),
                black_box(jwt.claims.iss),
                black_box(jwt.claims.aud),
                &mut decoded,
                &mut sub,
            )
        },
    );
    let claims = claims.unwrap_or(TokenClaims {
        sub_len: 0,
        exp: 0,
        admin: false,
    });
    c.expect_bytes(
        &sub[..claims.sub_len.min(sub.len())],
        jwt.claims.sub.as_bytes(),
        format_args!("JWT sub"),
    );
    c.expect(
        claims.exp == jwt.claims.exp && claims.admin == jwt.claims.admin,
        format_args!("JWT exp {}, admin {}", claims.exp, claims.admin),
    );
}

/// What the probe reads back from a verified token.
pub struct TokenClaims {
    /// Length of `sub`, unescaped into the caller's buffer.
    pub sub_len: usize,
    /// `exp`.
    pub exp: i64,
    /// The custom claim `admin`.
    pub admin: bool,
}

/// The jeton calls of the probe.
#[cfg(not(feature = "baseline"))]
mod ops {
    use jeton::cookie::{CookieHeader, SetCookie};
    use jeton::jwt::{self, JwtKey, KeySet, Validation};

    use super::TokenClaims;
    use crate::vectors::SetCookieSpec;

    /// The verifier's keys: one HS256 key.
    pub type JwtKeys = KeySet<1>;

    /// Makes the key set of one HS256 key from its secret.
    #[inline(never)]
    pub fn jwt_keys(secret: &[u8]) -> Option<JwtKeys> {
        KeySet::with_key(JwtKey::hs256(secret).ok()?).ok()
    }

    /// Verifies `token` at `now` for this issuer and audience (exp
    /// required, nbf checked), decoding into `buf`; reads back `sub` (into
    /// `sub_out`), `exp` and the custom claim `admin`.
    #[inline(never)]
    pub fn verify_jwt(
        keys: &JwtKeys,
        token: &[u8],
        now: i64,
        issuer: &str,
        audience: &str,
        buf: &mut [u8],
        sub_out: &mut [u8],
    ) -> Option<TokenClaims> {
        let validation = Validation::new(now).issuer(issuer).audience(audience);
        let verified = jwt::verify(token, keys, &validation, buf).ok()?;
        Some(TokenClaims {
            sub_len: verified.subject()?.unescape_into(sub_out).ok()?,
            exp: verified.expires_at()?,
            admin: verified.claim_bool("admin").ok()?,
        })
    }

    /// Reads a `Cookie` header: its number of pairs, and the value of
    /// `name` percent-decoded into `out` (returns its length).
    #[inline(never)]
    pub fn read_cookie(header: &[u8], name: &[u8], out: &mut [u8]) -> Option<(usize, usize)> {
        let header = CookieHeader::parse(header).ok()?;
        let pairs = header.iter().count();
        let len = header.get(name)?.decode_value(out).ok()?;
        Some((pairs, len))
    }

    /// Writes the `Set-Cookie` header of `spec` into `out`.
    #[inline(never)]
    pub fn write_set_cookie(spec: &SetCookieSpec, out: &mut [u8]) -> Option<usize> {
        SetCookie::new(spec.name, spec.value)
            .path(spec.path)
            .domain(spec.domain)
            .max_age(spec.max_age)
            .expires(spec.expires_unix)
            .secure(spec.secure)
            .http_only(spec.http_only)
            .same_site(spec.same_site)
            .write(out)
            .ok()
    }
}

/// `baseline` stand-ins: same signatures, no jeton.
#[cfg(feature = "baseline")]
mod ops {
    use core::hint::black_box;

    use super::TokenClaims;
    use crate::vectors::SetCookieSpec;

    /// Stands for jeton's key set (which lives in the caller's frame, so
    /// its size is no flash).
    pub struct JwtKeys;

    #[inline(never)]
    pub fn jwt_keys(secret: &[u8]) -> Option<JwtKeys> {
        black_box(secret);
        black_box(None)
    }

    #[inline(never)]
    pub fn verify_jwt(
        keys: &JwtKeys,
        token: &[u8],
        now: i64,
        issuer: &str,
        audience: &str,
        buf: &mut [u8],
        sub_out: &mut [u8],
    ) -> Option<TokenClaims> {
        black_box((keys, token, now, issuer, audience, buf, sub_out));
        black_box(None)
    }

    #[inline(never)]
    pub fn read_cookie(header: &[u8], name: &[u8], out: &mut [u8]) -> Option<(usize, usize)> {
        black_box((header, name, out));
        black_box(None)
    }

    #[inline(never)]
    pub fn write_set_cookie(spec: &SetCookieSpec, out: &mut [u8]) -> Option<usize> {
        black_box((spec, out));
        black_box(None)
    }
}
