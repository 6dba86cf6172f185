//! HTTP authentication: `Authorization: Basic` against RFC 7617 and npm
//! `basic-auth` 3.1.0, `Authorization: Bearer` against RFC 6750, and the
//! `WWW-Authenticate` challenges of both RFCs.

use jeton::Error;
use jeton::auth::{self, BasicChallenge, BearerChallenge, BearerError};

use super::Code;
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{BASIC_FORMATS, BASIC_PARSES, Bytes};

pub static CHECKS: &[Check] = &[
    check!(
        "Basic: RFC 7617 examples, parsed and formatted",
        rfc7617,
        RFC7617
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
        BEARER,
        CHALLENGES
    ),
];

/// An `Authorization: Basic` value and the credentials it carries.
struct BasicExample {
    what: &'static str,
    header: Bytes,
    user: Bytes,
    password: Bytes,
}

static RFC7617: &[BasicExample] = &[
    // Section 2.
    BasicExample {
        what: "Aladdin (section 2)",
        header: b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        user: b"Aladdin",
        password: b"open sesame",
    },
    // Section 2.1: the password "123" and U+00A3 POUND SIGN, in UTF-8.
    BasicExample {
        what: "test/123\u{a3} (section 2.1)",
        header: b"Basic dGVzdDoxMjPCow==",
        user: b"test",
        password: b"123\xc2\xa3",
    },
];

/// Room for the longest decoded credentials of the vectors.
const DECODED: usize = 768;

fn rfc7617(c: &mut Checker<'_>) {
    let mut buf = [0u8; DECODED];
    let mut out = [0u8; 64];
    c.each(RFC7617, |c, _, ex| {
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

/// An `Authorization: Bearer` value and the token in it, or the error.
struct BearerExample {
    what: &'static str,
    header: Bytes,
    token: Result<Bytes, Error>,
}

static BEARER: &[BearerExample] = &[
    // RFC 6750 section 2.1.
    BearerExample {
        what: "RFC 6750 section 2.1",
        header: b"Bearer mF_9.B5f-4.1JqM",
        token: Ok(b"mF_9.B5f-4.1JqM"),
    },
    // RFC 7235 section 2.1: the scheme is case-insensitive.
    BearerExample {
        what: "scheme in lower case",
        header: b"bearer mF_9.B5f-4.1JqM",
        token: Ok(b"mF_9.B5f-4.1JqM"),
    },
    // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    BearerExample {
        what: "b64token with padding",
        header: b"Bearer abc+/~=",
        token: Ok(b"abc+/~="),
    },
    BearerExample {
        what: "'=' inside the token",
        header: b"Bearer mF_9=B5f",
        token: Err(Error::AuthMalformed),
    },
    BearerExample {
        what: "space inside the token",
        header: b"Bearer mF_9 B5f",
        token: Err(Error::AuthMalformed),
    },
    BearerExample {
        what: "no token",
        header: b"Bearer",
        token: Err(Error::AuthMalformed),
    },
    BearerExample {
        what: "another scheme",
        header: b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        token: Err(Error::AuthSchemeMismatch),
    },
];

/// The challenges the two RFCs show, as jeton must write them.
static CHALLENGES: &[Bytes] = &[
    // RFC 7617 section 2.1.
    br#"Basic realm="foo", charset="UTF-8""#,
    // RFC 6750 section 3.
    br#"Bearer realm="example""#,
    br#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
];

fn bearer_and_challenges(c: &mut Checker<'_>) {
    c.each(BEARER, |c, _, ex| {
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
        BEARER[0].header,
        format_args!("format_bearer"),
    );

    type Write = fn(&mut [u8]) -> Result<usize, Error>;
    let challenges: [(&'static str, Write); 3] = [
        ("BasicChallenge::write", |out| {
            BasicChallenge::new("foo").write(out)
        }),
        ("BearerChallenge::write", |out| {
            BearerChallenge::new("example").write(out)
        }),
        ("BearerChallenge::write", |out| {
            BearerChallenge::new("example")
                .error(BearerError::InvalidToken)
                .error_description("The access token expired")
                .write(out)
        }),
    ];
    for (i, ((op, write), want)) in challenges.iter().zip(CHALLENGES).enumerate() {
        let n = c.measure(op, || write(&mut out));
        c.expect_bytes(
            &out[..n.unwrap_or(0)],
            want,
            format_args!("challenge {i}: {}", Code::of(&n)),
        );
    }
}
