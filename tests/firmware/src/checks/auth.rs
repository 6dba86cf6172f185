//! HTTP authentication: `Authorization: Basic` against RFC 7617 and npm
//! `basic-auth` 3.1.0, `Authorization: Bearer` against RFC 6750, and the
//! `WWW-Authenticate` challenges of both RFCs.

use jeton::auth::{self, BasicChallenge};

use super::Code;
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::shared::auth::{CHALLENGES, Challenge, RFC6750_BEARER, RFC7617_BASIC, bearer_challenge};
use crate::vectors::{BASIC_FORMATS, BASIC_PARSES};

pub static CHECKS: &[Check] = &[
    check!(
        "Basic: RFC 7617 examples, parsed and formatted",
        rfc7617,
        RFC7617_BASIC
    ),
    check!(
        "Basic: basic-auth 3.1.0 parse and format (npm-basic-auth.json)",
        npm_basic_auth,
        BASIC_PARSES,
        BASIC_FORMATS
    ),
    check!(
        "Bearer: RFC 6750 token syntax, and the challenges of RFC 7617 and RFC 6750",
        bearer_and_challenges,
        RFC6750_BEARER,
        CHALLENGES
    ),
];

/// Room for the longest decoded credentials of the vectors.
const DECODED: usize = 768;

fn rfc7617(c: &mut Checker<'_>) {
    let mut buf = [0u8; DECODED];
    let mut out = [0u8; 64];
    c.each(RFC7617_BASIC, |c, _, ex| {
        match c.measure("auth::parse_basic", || {
            auth::parse_basic(ex.header, &mut buf)
        }) {
            Ok(creds) => {
                c.expect_bytes(creds.user, ex.user, format_args!("{}: user", ex.what));
                c.expect_bytes(
                    creds.password,
                    ex.password,
                    format_args!("{}: password", ex.what),
                );
            }
            Err(e) => {
                c.expect(false, format_args!("{}: {}", ex.what, Code::err(e)));
            }
        }
        let n = c.measure("auth::format_basic", || {
            auth::format_basic(ex.user, ex.password, &mut out)
        });
        c.expect_bytes(
            &out[..n.unwrap_or(0)],
            ex.header,
            format_args!("{}: formatted", ex.what),
        );
    });
}

fn npm_basic_auth(c: &mut Checker<'_>) {
    let mut buf = [0u8; DECODED];
    c.each(BASIC_PARSES, |c, i, v| {
        let got = c.measure("auth::parse_basic", || {
            auth::parse_basic(v.header, &mut buf)
        });
        match (got, &v.result) {
            (Ok(creds), Some(want)) => {
                let same = creds.user == want.user && creds.password == want.password;
                c.expect(
                    same,
                    format_args!(
                        "#{i} {}: {}:{}",
                        Escaped(v.header),
                        Escaped(creds.user),
                        Escaped(creds.password)
                    ),
                );
            }
            (Err(_), None) => {
                c.expect(true, format_args!("#{i} refused"));
            }
            (got, _) => {
                c.expect(
                    false,
                    format_args!(
                        "#{i} {}: jeton {}, basic-auth {}",
                        Escaped(v.header),
                        Code::of(&got),
                        if v.result.is_some() {
                            "accepted"
                        } else {
                            "refused"
                        }
                    ),
                );
            }
        }
    });
    let mut out = [0u8; 1024];
    c.each(BASIC_FORMATS, |c, i, v| {
        let got = c.measure("auth::format_basic", || {
            auth::format_basic(v.user, v.password, &mut out)
        });
        match (got, v.output) {
            (Ok(n), Ok(want)) => {
                c.expect_bytes(&out[..n], want, format_args!("format #{i}"));
            }
            (got, want) => {
                c.expect(
                    got.map(|_| ()) == want.map(|_| ()),
                    format_args!("format #{i} {}: {}", Escaped(v.user), Code::of(&got)),
                );
            }
        }
    });
}

fn bearer_and_challenges(c: &mut Checker<'_>) {
    c.each(RFC6750_BEARER, |c, _, ex| {
        let got = c.measure("auth::parse_bearer", || auth::parse_bearer(ex.header));
        c.expect(
            got == ex.token,
            format_args!("{}: {}", ex.what, Code::of(&got)),
        );
    });
    let mut out = [0u8; 128];
    let n = c.measure("auth::format_bearer", || {
        auth::format_bearer(b"mF_9.B5f-4.1JqM", &mut out)
    });
    c.expect_bytes(
        &out[..n.unwrap_or(0)],
        RFC6750_BEARER[0].header,
        format_args!("format_bearer"),
    );

    c.each(CHALLENGES, |c, i, ex| {
        // Matched outside the measured call, so that each builder's stack is
        // its own.
        let n = match ex.challenge {
            Challenge::Basic { realm } => c.measure("BasicChallenge::write", || {
                BasicChallenge::new(realm).write(&mut out)
            }),
            Challenge::Bearer {
                realm,
                error,
                description,
            } => c.measure("BearerChallenge::write", || {
                bearer_challenge(realm, error, description).write(&mut out)
            }),
        };
        c.expect_bytes(
            &out[..n.unwrap_or(0)],
            ex.expected,
            format_args!("challenge {i}: {}", Code::of(&n)),
        );
    });
}
