//! The examples of RFC 7617 (Basic) and RFC 6750 (Bearer), and the
//! challenges both RFCs show.

use jeton::Error;
use jeton::auth::{BasicChallenge, BearerChallenge, BearerError};

use super::Bytes;

/// An `Authorization: Basic` value and the credentials it carries.
#[derive(Debug)]
pub struct BasicExample {
    /// Where it comes from.
    pub what: &'static str,
    /// The header value.
    pub header: Bytes,
    /// The user-id.
    pub user: Bytes,
    /// The password.
    pub password: Bytes,
}

/// RFC 7617's examples: parsed from `header`, formatted back into it.
pub static RFC7617_BASIC: &[BasicExample] = &[
    BasicExample {
        what: "Aladdin (RFC 7617 section 2)",
        header: b"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        user: b"Aladdin",
        password: b"open sesame",
    },
    // The password "123" and U+00A3 POUND SIGN, in UTF-8.
    BasicExample {
        what: "test/123\u{a3} (RFC 7617 section 2.1)",
        header: b"Basic dGVzdDoxMjPCow==",
        user: b"test",
        password: b"123\xc2\xa3",
    },
];

/// An `Authorization: Bearer` value and the token in it, or the error.
#[derive(Debug)]
pub struct BearerExample {
    /// What the case is about.
    pub what: &'static str,
    /// The header value.
    pub header: Bytes,
    /// What `auth::parse_bearer` gives.
    pub token: Result<Bytes, Error>,
}

/// RFC 6750 section 2.1: the example, and the `b64token` syntax around it.
pub static RFC6750_BEARER: &[BearerExample] = &[
    // The first is the RFC's example; `auth::format_bearer` of its token
    // writes it back.
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

/// A `WWW-Authenticate` challenge, as data: what a server asks for.
#[derive(Debug)]
pub enum Challenge {
    /// `BasicChallenge::new(realm)` (with its default `charset="UTF-8"`).
    Basic {
        /// The realm.
        realm: &'static str,
    },
    /// `BearerChallenge::new(realm)`, with an error and its description.
    Bearer {
        /// The realm.
        realm: &'static str,
        /// The `error` attribute.
        error: Option<BearerError>,
        /// The `error_description` attribute.
        description: Option<&'static str>,
    },
}

impl Challenge {
    /// Writes the challenge with jeton's builders. (The tables hold data
    /// only, so that the firmware's baseline image, which keeps them but
    /// none of jeton's code, stays free of jeton.)
    pub fn write(&self, out: &mut [u8]) -> Result<usize, Error> {
        match *self {
            Challenge::Basic { realm } => BasicChallenge::new(realm).write(out),
            Challenge::Bearer {
                realm,
                error,
                description,
            } => bearer_challenge(realm, error, description).write(out),
        }
    }
}

/// The `BearerChallenge` of a [`Challenge::Bearer`].
pub fn bearer_challenge(
    realm: &'static str,
    error: Option<BearerError>,
    description: Option<&'static str>,
) -> BearerChallenge<'static> {
    let mut challenge = BearerChallenge::new(realm);
    if let Some(error) = error {
        challenge = challenge.error(error);
    }
    if let Some(description) = description {
        challenge = challenge.error_description(description);
    }
    challenge
}

/// A challenge an RFC shows, and its text.
#[derive(Debug)]
pub struct ChallengeExample {
    /// The challenge.
    pub challenge: Challenge,
    /// The challenge as the RFC prints it.
    pub expected: Bytes,
}

/// RFC 7617 section 2.1 and RFC 6750 section 3.
pub static CHALLENGES: &[ChallengeExample] = &[
    ChallengeExample {
        challenge: Challenge::Basic { realm: "foo" },
        expected: br#"Basic realm="foo", charset="UTF-8""#,
    },
    ChallengeExample {
        challenge: Challenge::Bearer {
            realm: "example",
            error: None,
            description: None,
        },
        expected: br#"Bearer realm="example""#,
    },
    ChallengeExample {
        challenge: Challenge::Bearer {
            realm: "example",
            error: Some(BearerError::InvalidToken),
            description: Some("The access token expired"),
        },
        expected: br#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    },
];
