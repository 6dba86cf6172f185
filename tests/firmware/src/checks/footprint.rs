//! The footprint probe: what an application pays in flash and stack for
//! the operations of the flash goal, used once each the way a server or a
//! device would use them, and checked against the benchmark inputs.
//!
//! Unlike the other checks, the probe is the same code in `baseline`
//! builds except for the jeton calls themselves, which [`ops`] replaces by
//! stand-ins the optimiser cannot see through: the size difference between
//! `--features footprint` and `--features footprint,baseline` is jeton's
//! own share, without any test code. A new operation of the goal (JWT
//! HS256 verification) is one more function in both `ops` modules and one
//! more `measure` call here.

use core::hint::black_box;

use crate::harness::{Check, Checker, Run};
use crate::vectors::{COOKIE_HEADER, SET_COOKIE_EXPECTED, SET_COOKIE_SPEC};

pub static CHECKS: &[Check] = &[Check {
    name: "footprint: read a Cookie header, write a Set-Cookie (bench/inputs)",
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
}

/// The jeton calls of the probe.
#[cfg(not(feature = "baseline"))]
mod ops {
    use jeton::cookie::{CookieHeader, SetCookie};

    use crate::vectors::SetCookieSpec;

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

    use crate::vectors::SetCookieSpec;

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
