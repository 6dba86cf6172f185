//! The checks, one module per group, each group behind a cargo feature of
//! the same name.
//!
//! Adding a check: write `fn my_check(c: &mut Checker<'_>)` in the group's
//! module and list it in that module's `CHECKS` with
//! `check!("what it checks", my_check, VECTOR_STATIC, ...)`. Adding a
//! group: a module with its `CHECKS`, a feature in `Cargo.toml` (added to
//! `default`), and one line in [`GROUPS`]. Vector statics come from
//! `build.rs`. An operation that counts towards the flash goal also goes
//! into the footprint probe (`footprint.rs`).

// A `baseline` build keeps only the check names and the vector statics.
#![cfg_attr(feature = "baseline", allow(dead_code, unused_imports))]

use crate::harness::Check;

#[cfg(feature = "asym")]
mod asym;
#[cfg(feature = "auth")]
mod auth;
#[cfg(feature = "cookie-header")]
mod cookie_header;
#[cfg(feature = "footprint")]
mod footprint;
#[cfg(feature = "hmac")]
mod hmac;
#[cfg(feature = "jwt")]
mod jwt;
#[cfg(any(
    feature = "probe-es256",
    feature = "probe-eddsa",
    feature = "probe-rs256"
))]
mod probe;
#[cfg(feature = "session")]
mod session;
#[cfg(feature = "set-cookie")]
mod set_cookie;
#[cfg(feature = "set-cookie-parse")]
mod set_cookie_parse;
#[cfg(feature = "signed")]
mod signed;

/// Every group built in, in the order they run.
pub static GROUPS: &[&[Check]] = &[
    #[cfg(feature = "footprint")]
    footprint::CHECKS,
    #[cfg(any(
        feature = "probe-es256",
        feature = "probe-eddsa",
        feature = "probe-rs256"
    ))]
    probe::CHECKS,
    #[cfg(feature = "cookie-header")]
    cookie_header::CHECKS,
    #[cfg(feature = "set-cookie")]
    set_cookie::CHECKS,
    #[cfg(feature = "set-cookie-parse")]
    set_cookie_parse::CHECKS,
    #[cfg(feature = "signed")]
    signed::CHECKS,
    #[cfg(feature = "hmac")]
    hmac::CHECKS,
    #[cfg(feature = "jwt")]
    jwt::CHECKS,
    #[cfg(feature = "auth")]
    auth::CHECKS,
    #[cfg(feature = "session")]
    session::CHECKS,
    #[cfg(feature = "asym")]
    asym::CHECKS,
];

/// An operation name per HMAC algorithm: `per_algorithm!(alg, "op")` is
/// `"op SHA-1"`, `"op SHA-256"`, ...
#[allow(unused_macros)]
macro_rules! per_algorithm {
    ($alg:expr, $op:literal) => {
        match $alg {
            jeton::mac::Algorithm::Sha1 => concat!($op, " SHA-1"),
            jeton::mac::Algorithm::Sha256 => concat!($op, " SHA-256"),
            jeton::mac::Algorithm::Sha384 => concat!($op, " SHA-384"),
            jeton::mac::Algorithm::Sha512 => concat!($op, " SHA-512"),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use per_algorithm;

/// A jeton result as failure-line text: `ok`, or `error <code>` with
/// jeton's stable error code (`Error::code`). Deriving the text from
/// `Error`'s `Debug` would put every variant's name in flash.
#[allow(dead_code)] // which groups use it depends on the features
pub(crate) struct Code(Option<i32>);

#[allow(dead_code)]
impl Code {
    /// The outcome of `result`.
    pub(crate) fn of<T>(result: &Result<T, jeton::Error>) -> Code {
        Code(result.as_ref().err().map(jeton::Error::code))
    }

    /// An error.
    pub(crate) fn err(error: jeton::Error) -> Code {
        Code(Some(error.code()))
    }
}

impl core::fmt::Display for Code {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            None => f.write_str("ok"),
            Some(code) => write!(f, "error {code}"),
        }
    }
}

/// What the JWT groups share: comparing claims with what a peer read,
/// and building a shape's claims.
#[cfg(any(feature = "jwt", feature = "asym"))]
mod shared_jwt {
    use jeton::json::{Kind, Value};
    use jeton::jwt::{self, Claims};

    use crate::vectors::ShapeClaims;

    /// Two validated JSON values are the same JSON: same kind, strings
    /// equal once unescaped, numbers and literals equal as written, arrays
    /// element by element, objects member by member in any order.
    pub(crate) fn json_eq(a: Value<'_>, b: Value<'_>) -> bool {
        if a.kind() != b.kind() {
            return false;
        }
        match a.kind() {
            Kind::String => a
                .as_str()
                .zip(b.as_str())
                .is_some_and(|(x, y)| x.bytes().eq(y.bytes())),
            Kind::Number | Kind::Bool | Kind::Null => a.raw() == b.raw(),
            Kind::Array => {
                a.elements().count() == b.elements().count()
                    && a.elements().zip(b.elements()).all(|(x, y)| json_eq(x, y))
            }
            Kind::Object => {
                a.members().count() == b.members().count()
                    && a.members().all(|(name, x)| {
                        b.members()
                            .any(|(other, y)| other.bytes().eq(name.bytes()) && json_eq(x, y))
                    })
            }
        }
    }

    /// Custom claims a shape holds at most.
    pub(crate) const SHAPE_CUSTOM: usize = 16;

    /// A shape's claims in the builder, as tests/tests/jwt_interop.rs adds
    /// them.
    pub(crate) fn shape_builder(shape: &ShapeClaims) -> Claims<'_, SHAPE_CUSTOM> {
        let mut claims = Claims::with_capacity();
        if let Some(iss) = shape.iss {
            claims = claims.issuer(iss);
        }
        if let Some(sub) = shape.sub {
            claims = claims.subject(sub);
        }
        claims = match shape.aud {
            Some(jwt::Audience::One(aud)) => claims.audience(aud),
            Some(jwt::Audience::Many(auds)) => claims.audiences(auds),
            None => claims,
        };
        if let Some(exp) = shape.exp {
            claims = claims.expires_at(exp);
        }
        if let Some(nbf) = shape.nbf {
            claims = claims.not_before(nbf);
        }
        if let Some(iat) = shape.iat {
            claims = claims.issued_at(iat);
        }
        if let Some(jti) = shape.jti {
            claims = claims.jwt_id(jti);
        }
        for (name, value) in shape.custom {
            claims = claims.claim(name, *value);
        }
        claims
    }
}
#[cfg(any(feature = "jwt", feature = "asym"))]
pub(crate) use shared_jwt::{json_eq, shape_builder};
