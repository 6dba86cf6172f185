//! Differential tests of jeton's JWTs against jsonwebtoken 11 and 12 (the
//! Rust peers named as models), in the same process on the same tokens:
//!
//! - tokens jsonwebtoken makes (`encode`, or `crypto::sign` over a header
//!   and claims written by hand where the JSON text itself is the edge case)
//!   are decided by jsonwebtoken's `decode` under a `Validation` set up like
//!   jeton's, and by [`jwt::verify`]: the same answer, and where both
//!   accept, the same claims;
//! - tokens jeton makes ([`jwt::encode`]) decode in both jsonwebtoken
//!   versions with the claims jeton wrote.
//!
//! jsonwebtoken reads the system clock and cannot be given one, so each
//! case is made and judged within one second of that clock, which jeton is
//! then given (a case is tried again when the second turned meanwhile).
//! Every case a peer decides differently must be listed in `DEVIATIONS`
//! with the reason, and every listed case must still differ.

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

use jeton::Error;
use jeton::jwt::{self, Claim, Claims, JwtKey, KeySet, Validation};
use serde_json::{Value, json};

/// The cases where a jsonwebtoken version decides otherwise than jeton:
/// (case, versions, reason).
const DEVIATIONS: &[(&str, &[u32], &str)] = &[
    (
        "exp == now",
        &[11, 12],
        "RFC 7519 section 4.1.4: the current time MUST be before exp, so a token is \
         expired at exp; jsonwebtoken refuses only when exp < now - leeway",
    ),
    (
        "exp == now - leeway",
        &[11, 12],
        "RFC 7519 section 4.1.4 with the leeway: expired once now - leeway >= exp; \
         jsonwebtoken still accepts at equality",
    ),
    (
        "exp fraction just past",
        &[11, 12],
        "RFC 7519 section 2: a NumericDate may have a fraction; jeton reads it exactly \
         and rounds up (docs/jwt.md), so exp = now - 0.4 is past at now; jsonwebtoken \
         rounds to the nearest second (now), then accepts at equality",
    ),
    (
        "nbf fraction ahead",
        &[11, 12],
        "RFC 7519 section 4.1.5: the token MUST NOT be accepted before nbf; nbf = now + \
         0.4 is still ahead at now, and jeton's rounding up keeps it refused; \
         jsonwebtoken rounds it down to now and accepts",
    ),
    (
        "nbf negative",
        &[11, 12],
        "RFC 7519 section 2: a NumericDate is a JSON number of seconds from the epoch, \
         so -1 is 1969-12-31T23:59:59Z, a valid nbf in the past; jsonwebtoken reads \
         dates as u64 and refuses a negative one as InvalidClaimFormat",
    ),
    (
        "exp u64::MAX",
        &[11, 12],
        "jeton reads NumericDates as i64 and refuses a date beyond it as JwtClaimRange \
         (docs/jwt.md), year 292 billion being no date a verifier can honour; \
         jsonwebtoken reads u64 and accepts",
    ),
    (
        "iat string",
        &[11, 12],
        "RFC 7519 section 4.1.6: iat MUST be a number; jeton refuses a registered claim \
         of the wrong type (docs/jwt.md), jsonwebtoken never reads iat",
    ),
    (
        "iss number, no issuer expected",
        &[11, 12],
        "RFC 7519 section 4.1.1: iss is a StringOrURI; jeton refuses a registered claim \
         of the wrong type whatever the validation asks, jsonwebtoken ignores an \
         unreadable iss unless it checks the issuer",
    ),
    (
        "sub number, no subject expected",
        &[11, 12],
        "RFC 7519 section 4.1.2: sub is a StringOrURI; as for iss",
    ),
    (
        "aud number, no audience expected",
        &[11],
        "RFC 7519 section 4.1.3: aud is a StringOrURI or an array of them; jsonwebtoken \
         11 ignores an unreadable aud (12 refuses it as InvalidClaimFormat, as jeton \
         refuses it as JwtClaimType)",
    ),
    (
        "aud null, no audience expected",
        &[11, 12],
        "RFC 7519 section 4.1.3: null is not a StringOrURI; jeton refuses it, \
         jsonwebtoken reads null as an absent aud",
    ),
    (
        "iss array",
        &[11, 12],
        "RFC 7519 section 4.1.1: iss is one StringOrURI, not an array; jsonwebtoken \
         accepts an array holding an expected issuer",
    ),
    (
        "duplicate custom claim",
        &[11, 12],
        "RFC 7519 section 4 lets a parser reject duplicate claim names or keep the \
         last; jeton rejects them at every depth (docs/jwt.md: two parsers keeping \
         different duplicates read two different tokens), jsonwebtoken keeps the last",
    ),
    (
        "crit exp",
        &[11],
        "RFC 7515 section 4.1.11: a recipient MUST reject a JWS whose crit names an \
         extension it does not understand; jsonwebtoken 11 ignores crit (12 refuses \
         it, as jeton does)",
    ),
    (
        "crit b64 true",
        &[11, 12],
        "jeton implements no unencoded payload (RFC 7797) and never declares b64 \
         understood (docs/jwt.md); jsonwebtoken 12 understands b64 when it is true, \
         11 ignores crit",
    ),
    (
        "crit empty",
        &[11],
        "RFC 7515 section 4.1.11: producers MUST NOT send an empty crit list; jeton \
         refuses it as a malformed header parameter (JwtHeaderParameter), jsonwebtoken \
         12 refuses it too, 11 ignores crit",
    ),
    (
        "b64 false",
        &[11],
        "RFC 7797 section 3: b64 false means the payload is not base64url-encoded, and \
         section 6 makes b64 critical, so a recipient that does not implement RFC 7797 \
         must refuse the token; jsonwebtoken 11 ignores b64 and crit and verifies the \
         token as an ordinary JWS (12 refuses it, as jeton does)",
    ),
    (
        "exp negative",
        &[11, 12],
        "both refuse, for different reasons: -1 is a NumericDate in 1969 (RFC 7519 \
         section 2), so jeton reports JwtExpired; jsonwebtoken cannot read a negative \
         date and reports the claim missing",
    ),
    (
        "typ at+jwt",
        &[11, 12],
        "jeton checks typ (RFC 7515 section 4.1.9, RFC 8725 section 3.11): JWT or \
         application/jwt unless the verifier names another, so an RFC 9068 access \
         token is not taken for an ID token; jsonwebtoken does not read typ",
    ),
    (
        "typ JOSE",
        &[11, 12],
        "as for at+jwt: jeton's default typ is JWT (docs/jwt.md)",
    ),
    (
        "typ null",
        &[11, 12],
        "RFC 7515 section 4.1.9: typ is a string; jeton refuses a header parameter of \
         another type (JwtHeaderParameter), jsonwebtoken reads null as no typ",
    ),
    (
        "typ with media type parameters",
        &[11, 12],
        "jeton compares typ as a type and subtype, case-insensitively (RFC 7515 section \
         4.1.9, RFC 8725 section 3.11); a typ with parameters is not `JWT`. jsonwebtoken \
         does not read typ",
    ),
    (
        "kid unknown to a keyed set",
        &[11, 12],
        "docs/jwt.md: a kid that no candidate key carries, when every candidate has a \
         kid of its own, is JwtKeyNotFound; jsonwebtoken takes the one key it is given \
         and ignores kid",
    ),
    (
        "claims of 9000 bytes",
        &[11, 12],
        "jeton bounds the work a token can cause: tokens up to 8 KiB by default \
         (Validation::max_token_len, DEFAULT_MAX_TOKEN_LEN), refused before decoding \
         as JwtTooLong; jsonwebtoken has no limit",
    ),
    (
        "claims nested 40 deep",
        &[11, 12],
        "jeton reads claims nested at most 32 deep by default (Validation::max_depth); \
         jsonwebtoken stops at serde_json's 128",
    ),
    (
        "200 claims",
        &[11, 12],
        "jeton reads at most 128 claims by default (Validation::max_claims), its \
         member index being fixed-size; jsonwebtoken has no limit",
    ),
    (
        "HS384 with a 32-byte secret",
        &[11, 12],
        "RFC 7518 section 3.2: a key of the same size as the hash output or larger \
         MUST be used; jeton refuses shorter secrets (KeyTooWeak, docs/jwt.md) unless \
         the caller opts in with JwtKey::legacy_hmac",
    ),
    (
        "HS512 with a 32-byte secret",
        &[11, 12],
        "as for HS384: RFC 7518 section 3.2 asks 64 bytes for HS512",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

impl Alg {
    fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
        }
    }

    fn v11(self) -> jsonwebtoken::Algorithm {
        match self {
            Alg::Hs256 => jsonwebtoken::Algorithm::HS256,
            Alg::Hs384 => jsonwebtoken::Algorithm::HS384,
            Alg::Hs512 => jsonwebtoken::Algorithm::HS512,
        }
    }

    fn v12(self) -> jsonwebtoken12::Algorithm {
        match self {
            Alg::Hs256 => jsonwebtoken12::Algorithm::HS256,
            Alg::Hs384 => jsonwebtoken12::Algorithm::HS384,
            Alg::Hs512 => jsonwebtoken12::Algorithm::HS512,
        }
    }

    fn jeton_key(self, secret: &[u8]) -> Result<JwtKey, Error> {
        match self {
            Alg::Hs256 => JwtKey::hs256(secret),
            Alg::Hs384 => JwtKey::hs384(secret),
            Alg::Hs512 => JwtKey::hs512(secret),
        }
    }
}

/// A secret of `len` bytes, different for each length.
fn secret(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(37).wrapping_add(len as u8))
        .collect()
}

/// What the verifier expects, set up alike in jeton and jsonwebtoken.
#[derive(Clone, Copy, Debug)]
struct Config {
    leeway: u64,
    /// Required registered claims (jeton's default: exp).
    required: &'static [Claim],
    iss: Option<&'static [&'static str]>,
    aud: Option<&'static [&'static str]>,
    sub: Option<&'static str>,
}

const DEFAULT: Config = Config {
    leeway: 0,
    required: &[Claim::ExpiresAt],
    iss: None,
    aud: None,
    sub: None,
};

impl Config {
    /// jsonwebtoken's required claims: jeton's, plus each claim the verifier
    /// expects a value of, which jeton requires and jsonwebtoken only checks
    /// when present.
    fn required_names(&self) -> Vec<&'static str> {
        let mut names: BTreeSet<&str> = self.required.iter().map(|c| c.name()).collect();
        if self.iss.is_some() {
            names.insert("iss");
        }
        if self.aud.is_some() {
            names.insert("aud");
        }
        if self.sub.is_some() {
            names.insert("sub");
        }
        names.into_iter().collect()
    }

    fn v11(&self, alg: Alg) -> jsonwebtoken::Validation {
        let mut v = jsonwebtoken::Validation::new(alg.v11());
        v.leeway = self.leeway;
        v.validate_nbf = true;
        v.set_required_spec_claims(&self.required_names());
        if let Some(iss) = self.iss {
            v.set_issuer(iss);
        }
        if let Some(aud) = self.aud {
            v.set_audience(aud);
        }
        v.sub = self.sub.map(str::to_owned);
        v
    }

    fn v12(&self, alg: Alg) -> jsonwebtoken12::Validation {
        let mut v = jsonwebtoken12::Validation::new(alg.v12());
        v.leeway = self.leeway;
        v.validate_nbf = true;
        v.set_required_spec_claims(&self.required_names());
        if let Some(iss) = self.iss {
            v.set_issuer(iss);
        }
        if let Some(aud) = self.aud {
            v.set_audience(aud);
        }
        v.sub = self.sub.map(str::to_owned);
        v
    }

    fn jeton(&self, now: i64) -> Validation<'static> {
        let mut v = Validation::new(now)
            .leeway(self.leeway)
            .required(self.required);
        if let Some(iss) = self.iss {
            v = v.issuers(iss);
        }
        if let Some(aud) = self.aud {
            v = v.audiences(aud);
        }
        if let Some(sub) = self.sub {
            v = v.subject(sub);
        }
        v
    }
}

/// How the token's header is made.
#[derive(Clone, Debug)]
enum HeaderSpec {
    /// jsonwebtoken's `Header::new(alg)` with this `typ` and `kid`.
    Encode {
        typ: Option<&'static str>,
        kid: Option<&'static str>,
    },
    /// This JSON text, signed with `crypto::sign`.
    Raw(&'static str),
}

/// One token and how to judge it. `claims` makes the claims' JSON text from
/// the clock; it is encoded with jsonwebtoken's `encode` (as a
/// `serde_json::Value`) unless `raw_claims`, when the text itself is the
/// case (duplicates, number forms) and goes out as written.
#[derive(Clone)]
struct Case {
    label: &'static str,
    alg: Alg,
    key_len: usize,
    header: HeaderSpec,
    claims: fn(i64) -> String,
    raw_claims: bool,
    config: Config,
    /// The `kid` jeton's key carries (jsonwebtoken's keys have none).
    jeton_kid: Option<&'static str>,
    /// Claims that are not UTF-8 text, signed as they are.
    claims_bytes: Option<fn(i64) -> Vec<u8>>,
    /// A change to the finished token (its encoding, not its content).
    tamper: Option<fn(String) -> String>,
}

fn case(label: &'static str, claims: fn(i64) -> String) -> Case {
    Case {
        label,
        alg: Alg::Hs256,
        key_len: 32,
        header: HeaderSpec::Encode {
            typ: Some("JWT"),
            kid: None,
        },
        claims,
        raw_claims: false,
        config: DEFAULT,
        jeton_kid: None,
        claims_bytes: None,
        tamper: None,
    }
}

fn raw(label: &'static str, claims: fn(i64) -> String) -> Case {
    Case {
        raw_claims: true,
        ..case(label, claims)
    }
}

fn cases() -> Vec<Case> {
    let leeway = |c: Case, s| Case {
        config: Config {
            leeway: s,
            ..c.config
        },
        ..c
    };
    let config = |c: Case, config| Case { config, ..c };
    let header = |c: Case, h| Case { header: h, ..c };
    let alg = |c: Case, a, len| Case {
        alg: a,
        key_len: len,
        ..c
    };
    let issuer = Config {
        iss: Some(&["https://auth.example.com"]),
        ..DEFAULT
    };
    let audience = Config {
        aud: Some(&["https://api.example.com"]),
        ..DEFAULT
    };
    let subject = Config {
        sub: Some("user-42"),
        ..DEFAULT
    };
    let none_required = Config {
        required: &[],
        ..DEFAULT
    };
    vec![
        // exp, as integers, at and around the clock.
        case("exp in an hour", |n| json!({"exp": n + 3600}).to_string()),
        case("exp an hour ago", |n| json!({"exp": n - 3600}).to_string()),
        case("exp == now", |n| json!({"exp": n}).to_string()),
        case("exp == now + 1", |n| json!({"exp": n + 1}).to_string()),
        case("exp == now - 1", |n| json!({"exp": n - 1}).to_string()),
        leeway(
            case("exp == now, leeway 60", |n| json!({"exp": n}).to_string()),
            60,
        ),
        leeway(
            case("exp == now - leeway", |n| {
                json!({"exp": n - 60}).to_string()
            }),
            60,
        ),
        leeway(
            case("exp == now - leeway - 1", |n| {
                json!({"exp": n - 61}).to_string()
            }),
            60,
        ),
        leeway(
            case("exp == now - leeway + 1", |n| {
                json!({"exp": n - 59}).to_string()
            }),
            60,
        ),
        // exp as floats and other number forms.
        case("exp float", |n| {
            json!({"exp": n as f64 + 3600.5}).to_string()
        }),
        raw("exp 1.5e9", |_| r#"{"exp":1.5e9}"#.to_owned()),
        raw("exp 1.5e10", |_| r#"{"exp":1.5e10}"#.to_owned()),
        raw("exp 4e9 with a capital E", |_| r#"{"exp":4E9}"#.to_owned()),
        raw("exp fraction ahead", |n| format!(r#"{{"exp":{n}.4}}"#)),
        raw("exp fraction just past", |n| {
            format!(r#"{{"exp":{}.6}}"#, n - 1)
        }),
        raw("exp fraction past", |n| format!(r#"{{"exp":{}.4}}"#, n - 1)),
        raw("exp with .0", |n| format!(r#"{{"exp":{}.0}}"#, n + 10)),
        raw("exp 1e3", |_| r#"{"exp":1e3}"#.to_owned()),
        raw("exp -0", |_| r#"{"exp":-0}"#.to_owned()),
        case("exp string", |n| {
            json!({"exp": (n + 3600).to_string()}).to_string()
        }),
        case("exp negative", |_| json!({"exp": -1}).to_string()),
        case("exp null", |_| json!({"exp": null}).to_string()),
        case("exp true", |_| json!({"exp": true}).to_string()),
        case("exp i64::MAX", |_| json!({"exp": i64::MAX}).to_string()),
        case("exp u64::MAX", |_| json!({"exp": u64::MAX}).to_string()),
        raw("exp 1e20", |_| r#"{"exp":1e20}"#.to_owned()),
        raw("exp 1e400", |_| r#"{"exp":1e400}"#.to_owned()),
        case("exp missing", |_| json!({"sub": "user-42"}).to_string()),
        config(
            case("exp missing, none required", |_| {
                json!({"sub": "x"}).to_string()
            }),
            none_required,
        ),
        config(
            case("empty claims, none required", |_| "{}".to_owned()),
            none_required,
        ),
        // nbf.
        case("nbf in an hour", |n| {
            json!({"exp": n + 7200, "nbf": n + 3600}).to_string()
        }),
        case("nbf == now", |n| {
            json!({"exp": n + 7200, "nbf": n}).to_string()
        }),
        case("nbf == now + 1", |n| {
            json!({"exp": n + 7200, "nbf": n + 1}).to_string()
        }),
        case("nbf a minute ago", |n| {
            json!({"exp": n + 7200, "nbf": n - 60}).to_string()
        }),
        leeway(
            case("nbf within leeway", |n| {
                json!({"exp": n + 7200, "nbf": n + 30}).to_string()
            }),
            60,
        ),
        leeway(
            case("nbf == now + leeway", |n| {
                json!({"exp": n + 7200, "nbf": n + 60}).to_string()
            }),
            60,
        ),
        leeway(
            case("nbf == now + leeway + 1", |n| {
                json!({"exp": n + 7200, "nbf": n + 61}).to_string()
            }),
            60,
        ),
        raw("nbf fraction ahead", |n| {
            format!(r#"{{"exp":{},"nbf":{n}.4}}"#, n + 7200)
        }),
        raw("nbf fraction past", |n| {
            format!(r#"{{"exp":{},"nbf":{}.6}}"#, n + 7200, n - 1)
        }),
        case("nbf negative", |n| {
            json!({"exp": n + 7200, "nbf": -1}).to_string()
        }),
        case("nbf string", |n| {
            json!({"exp": n + 7200, "nbf": "0"}).to_string()
        }),
        case("nbf float", |n| {
            json!({"exp": n + 7200, "nbf": 1.5e9}).to_string()
        }),
        // iat: never checked without a maximum age, but typed.
        case("iat in the future", |n| {
            json!({"exp": n + 7200, "iat": n + 3600}).to_string()
        }),
        case("iat float", |n| {
            json!({"exp": n + 7200, "iat": 1_700_000_000.5}).to_string()
        }),
        case("iat string", |n| {
            json!({"exp": n + 7200, "iat": "yesterday"}).to_string()
        }),
        // iss.
        config(
            case("iss expected", |n| {
                json!({"exp": n + 60, "iss": "https://auth.example.com"}).to_string()
            }),
            issuer,
        ),
        config(
            case("iss other", |n| {
                json!({"exp": n + 60, "iss": "https://evil.example"}).to_string()
            }),
            issuer,
        ),
        config(
            case("iss case differs", |n| {
                json!({"exp": n + 60, "iss": "https://AUTH.example.com"}).to_string()
            }),
            issuer,
        ),
        config(
            case("iss missing", |n| json!({"exp": n + 60}).to_string()),
            issuer,
        ),
        config(
            case("iss number", |n| {
                json!({"exp": n + 60, "iss": 5}).to_string()
            }),
            issuer,
        ),
        config(
            case("iss array", |n| {
                json!({"exp": n + 60, "iss": ["https://auth.example.com"]}).to_string()
            }),
            issuer,
        ),
        case("iss, no issuer expected", |n| {
            json!({"exp": n + 60, "iss": "anyone"}).to_string()
        }),
        case("iss number, no issuer expected", |n| {
            json!({"exp": n + 60, "iss": 5}).to_string()
        }),
        config(
            case("iss one of two", |n| {
                json!({"exp": n + 60, "iss": "https://b.example"}).to_string()
            }),
            Config {
                iss: Some(&["https://a.example", "https://b.example"]),
                ..DEFAULT
            },
        ),
        // sub.
        config(
            case("sub expected", |n| {
                json!({"exp": n + 60, "sub": "user-42"}).to_string()
            }),
            subject,
        ),
        config(
            case("sub other", |n| {
                json!({"exp": n + 60, "sub": "user-7"}).to_string()
            }),
            subject,
        ),
        config(
            case("sub missing", |n| json!({"exp": n + 60}).to_string()),
            subject,
        ),
        config(
            case("sub number", |n| {
                json!({"exp": n + 60, "sub": 42}).to_string()
            }),
            subject,
        ),
        case("sub number, no subject expected", |n| {
            json!({"exp": n + 60, "sub": 42}).to_string()
        }),
        // aud.
        config(
            case("aud string", |n| {
                json!({"exp": n + 60, "aud": "https://api.example.com"}).to_string()
            }),
            audience,
        ),
        config(
            case("aud array holding it", |n| {
                json!({"exp": n + 60, "aud": ["x", "https://api.example.com"]}).to_string()
            }),
            audience,
        ),
        config(
            case("aud array without it", |n| {
                json!({"exp": n + 60, "aud": ["x", "y"]}).to_string()
            }),
            audience,
        ),
        config(
            case("aud empty array", |n| {
                json!({"exp": n + 60, "aud": []}).to_string()
            }),
            audience,
        ),
        config(
            case("aud other", |n| {
                json!({"exp": n + 60, "aud": "https://API.example.com"}).to_string()
            }),
            audience,
        ),
        config(
            case("aud missing", |n| json!({"exp": n + 60}).to_string()),
            audience,
        ),
        config(
            case("aud number", |n| {
                json!({"exp": n + 60, "aud": 5}).to_string()
            }),
            audience,
        ),
        config(
            case("aud array with a number", |n| {
                json!({"exp": n + 60, "aud": ["https://api.example.com", 5]}).to_string()
            }),
            audience,
        ),
        case("aud, no audience expected", |n| {
            json!({"exp": n + 60, "aud": "https://api.example.com"}).to_string()
        }),
        case("aud empty array, no audience expected", |n| {
            json!({"exp": n + 60, "aud": []}).to_string()
        }),
        case("aud number, no audience expected", |n| {
            json!({"exp": n + 60, "aud": 5}).to_string()
        }),
        case("aud null, no audience expected", |n| {
            json!({"exp": n + 60, "aud": null}).to_string()
        }),
        config(
            case("aud one of two", |n| {
                json!({"exp": n + 60, "aud": ["b"]}).to_string()
            }),
            Config {
                aud: Some(&["a", "b"]),
                ..DEFAULT
            },
        ),
        // Everything at once, and custom claims of every JSON kind.
        config(
            case("all registered claims", |n| {
                json!({
                    "iss": "https://auth.example.com", "sub": "user-42",
                    "aud": ["https://api.example.com"], "exp": n + 600, "nbf": n - 600,
                    "iat": n - 600, "jti": "4f1g23a12aa"
                })
                .to_string()
            }),
            Config {
                iss: Some(&["https://auth.example.com"]),
                aud: Some(&["https://api.example.com"]),
                sub: Some("user-42"),
                required: &[Claim::ExpiresAt, Claim::IssuedAt, Claim::JwtId],
                ..DEFAULT
            },
        ),
        case("nested custom claims", |n| {
            json!({
                "exp": n + 60,
                "ctx": {"roles": ["admin", "ops"], "limits": {"rps": 10, "burst": 2.5}, "none": null},
                "name": "Zo\u{eb} \u{1f36a} \"q\" \\ \u{2028}",
                "flag": false, "big": u64::MAX, "neg": -17, "list": [[], {}, [1, [2, [3]]]]
            })
            .to_string()
        }),
        raw("escaped claim names", |n| {
            format!(r#"{{"\u0065xp":{},"n\u00e9":"\ud83c\udf6a"}}"#, n + 60)
        }),
        raw("whitespace around the claims", |n| {
            format!(" \n{{ \"exp\" : {} }}\t", n + 60)
        }),
        raw("duplicate exp", |n| {
            format!(r#"{{"exp":{},"exp":{}}}"#, n + 60, n - 60)
        }),
        raw("duplicate custom claim", |n| {
            format!(r#"{{"exp":{},"x":1,"x":2}}"#, n + 60)
        }),
        raw("claims an array", |_| "[1]".to_owned()),
        raw("claims not JSON", |_| "{\"exp\":".to_owned()),
        // Headers: kid, typ, crit, alg.
        header(
            case("kid", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Encode {
                typ: Some("JWT"),
                kid: Some("k1"),
            },
        ),
        Case {
            jeton_kid: Some("k1"),
            ..header(
                case("kid matching a keyed set", |n| {
                    json!({"exp": n + 60}).to_string()
                }),
                HeaderSpec::Encode {
                    typ: Some("JWT"),
                    kid: Some("k1"),
                },
            )
        },
        Case {
            jeton_kid: Some("k2"),
            ..header(
                case("kid unknown to a keyed set", |n| {
                    json!({"exp": n + 60}).to_string()
                }),
                HeaderSpec::Encode {
                    typ: Some("JWT"),
                    kid: Some("k1"),
                },
            )
        },
        header(
            case("typ absent", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Encode {
                typ: None,
                kid: None,
            },
        ),
        header(
            case("typ jwt", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Encode {
                typ: Some("jwt"),
                kid: None,
            },
        ),
        header(
            case("typ application/jwt", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            HeaderSpec::Encode {
                typ: Some("application/jwt"),
                kid: None,
            },
        ),
        header(
            case("typ at+jwt", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Encode {
                typ: Some("at+jwt"),
                kid: None,
            },
        ),
        header(
            case("typ JOSE", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Encode {
                typ: Some("JOSE"),
                kid: None,
            },
        ),
        header(
            case("crit exp", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#),
        ),
        header(
            case("crit b64 true", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","crit":["b64"],"b64":true}"#),
        ),
        header(
            case("crit empty", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","crit":[]}"#),
        ),
        header(
            case("b64 false", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
        ),
        header(
            case("duplicate alg", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","alg":"HS256"}"#),
        ),
        header(
            case("alg none", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"none"}"#),
        ),
        header(
            case("alg HS384 for an HS256 key", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            HeaderSpec::Raw(r#"{"alg":"HS384"}"#),
        ),
        header(
            case("alg hs256", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"hs256"}"#),
        ),
        header(
            case("header with unknown members", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            HeaderSpec::Raw(r#"{"alg":"HS256","x-trace":[1,{"a":null}],"cty":"JWT"}"#),
        ),
        // Header parameters of other types than their own.
        header(
            case("kid a number", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","kid":5}"#),
        ),
        header(
            case("typ null", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","typ":null}"#),
        ),
        header(
            case("typ a number", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","typ":1}"#),
        ),
        header(
            case("alg a number", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":256}"#),
        ),
        header(
            case("jwk not a key", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","jwk":{"kty":"none"}}"#),
        ),
        header(
            case("header an array", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"["HS256"]"#),
        ),
        header(
            case("typ with media type parameters", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            HeaderSpec::Raw(r#"{"alg":"HS256","typ":"application/jwt; charset=utf-8"}"#),
        ),
        // Escapes in the strings compared.
        config(
            raw("iss with escapes", |n| {
                format!(r#"{{"exp":{},"iss":"https:\/\/auth.example.com"}}"#, n + 60)
            }),
            issuer,
        ),
        config(
            raw("aud with escapes", |n| {
                format!(
                    r#"{{"exp":{},"aud":["https:\/\/api\u002eexample.com"]}}"#,
                    n + 60
                )
            }),
            audience,
        ),
        config(
            raw("sub with escapes", |n| {
                format!(r#"{{"exp":{},"sub":"user\u002d42"}}"#, n + 60)
            }),
            subject,
        ),
        Case {
            jeton_kid: Some("k1"),
            ..header(
                case("kid with escapes", |n| json!({"exp": n + 60}).to_string()),
                HeaderSpec::Raw(r#"{"alg":"HS256","kid":"k\u0031"}"#),
            )
        },
        header(
            case("alg with escapes", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS\u0032\u00356"}"#),
        ),
        header(
            case("typ with escapes", |n| json!({"exp": n + 60}).to_string()),
            HeaderSpec::Raw(r#"{"alg":"HS256","typ":"J\u0057T"}"#),
        ),
        // Number forms of a future exp.
        raw("exp with a negative exponent", |n| {
            format!(r#"{{"exp":{}0e-1}}"#, n + 3600)
        }),
        raw("exp with a positive exponent", |n| {
            format!(r#"{{"exp":{}e1}}"#, (n + 3600) / 10 + 1)
        }),
        raw("exp with many fraction digits", |n| {
            format!(r#"{{"exp":{}.000000000000000000001}}"#, n + 3600)
        }),
        // Sizes and shapes jeton bounds by default.
        case("claims of 9000 bytes", |n| {
            json!({"exp": n + 60, "pad": "x".repeat(9000)}).to_string()
        }),
        raw("claims nested 40 deep", |n| {
            format!(
                r#"{{"exp":{},"deep":{}1{}}}"#,
                n + 60,
                "[".repeat(40),
                "]".repeat(40)
            )
        }),
        raw("200 claims", |n| {
            let mut s = format!(r#"{{"exp":{}"#, n + 60);
            for i in 0..200 {
                s.push_str(&format!(r#","c{i}":{i}"#));
            }
            s + "}"
        }),
        // JSON text at the edge of validity.
        raw("trailing bytes after the claims", |n| {
            format!(r#"{{"exp":{}}}x"#, n + 60)
        }),
        raw("lone surrogate in a claim", |n| {
            format!(r#"{{"exp":{},"x":"\ud800"}}"#, n + 60)
        }),
        raw("control character in a claim", |n| {
            format!("{{\"exp\":{},\"x\":\"a\u{1}b\"}}", n + 60)
        }),
        Case {
            claims_bytes: Some(|n| {
                let mut b = format!(r#"{{"exp":{},"x":""#, n + 60).into_bytes();
                b.extend_from_slice(b"\xff\"}");
                b
            }),
            ..case("invalid UTF-8 in a claim", |_| String::new())
        },
        raw("leading zero in exp", |n| {
            format!(r#"{{"exp":0{}}}"#, n + 60)
        }),
        raw("plus sign in exp", |n| format!(r#"{{"exp":+{}}}"#, n + 60)),
        // The encoding of the token itself.
        Case {
            tamper: Some(|t| {
                // The last character of an HS256 signature carries 2 bits
                // and 4 zero bits: set one of those.
                let mut t = t.into_bytes();
                let last = t.last_mut().unwrap();
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                let i = alphabet.iter().position(|c| c == last).unwrap();
                *last = alphabet[i | 1];
                String::from_utf8(t).unwrap()
            }),
            ..case("signature with non-zero padding bits", |n| {
                json!({"exp": n + 60}).to_string()
            })
        },
        Case {
            tamper: Some(|t| t + "="),
            ..case("padded signature", |n| json!({"exp": n + 60}).to_string())
        },
        Case {
            tamper: Some(|t| t.replacen('.', "=.", 1)),
            ..case("padded header", |n| json!({"exp": n + 60}).to_string())
        },
        Case {
            tamper: Some(|t| format!("{t}.")),
            ..case("four segments", |n| json!({"exp": n + 60}).to_string())
        },
        Case {
            tamper: Some(|t| t.replace('-', "+").replace('_', "/")),
            ..case("standard base64 alphabet", |n| {
                json!({"exp": n + 60, "p": "\u{fb}\u{ff}"}).to_string()
            })
        },
        // Algorithms and key sizes.
        alg(
            case("HS384 with a 48-byte secret", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            Alg::Hs384,
            48,
        ),
        alg(
            case("HS512 with a 64-byte secret", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            Alg::Hs512,
            64,
        ),
        alg(
            case("HS256 with a 100-byte secret", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            Alg::Hs256,
            100,
        ),
        alg(
            case("HS384 with a 32-byte secret", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            Alg::Hs384,
            32,
        ),
        alg(
            case("HS512 with a 32-byte secret", |n| {
                json!({"exp": n + 60}).to_string()
            }),
            Alg::Hs512,
            32,
        ),
    ]
}

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 4 / 3 + 4];
    let n = jeton::base64::encode(
        bytes,
        jeton::base64::Alphabet::UrlSafe,
        jeton::base64::Padding::Unpadded,
        &mut out,
    )
    .unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// The token jsonwebtoken 11 makes for `case` at clock `now`.
fn peer_token(case: &Case, now: i64) -> String {
    let token = signed_by_peer(case, now);
    match case.tamper {
        Some(tamper) => tamper(token),
        None => token,
    }
}

fn signed_by_peer(case: &Case, now: i64) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(&secret(case.key_len));
    let claims = (case.claims)(now);
    if let Some(bytes) = case.claims_bytes {
        let header = r#"{"alg":"HS256","typ":"JWT"}"#;
        let input = format!("{}.{}", b64(header.as_bytes()), b64(&bytes(now)));
        let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, case.alg.v11()).unwrap();
        return format!("{input}.{signature}");
    }
    match (&case.header, case.raw_claims) {
        (HeaderSpec::Encode { typ, kid }, false) => {
            let mut header = jsonwebtoken::Header::new(case.alg.v11());
            header.typ = typ.map(str::to_owned);
            header.kid = kid.map(str::to_owned);
            let value: Value = serde_json::from_str(&claims).unwrap();
            jsonwebtoken::encode(&header, &value, &key).unwrap()
        }
        (header, _) => {
            let header = match header {
                HeaderSpec::Raw(text) => text.to_string(),
                HeaderSpec::Encode { typ, kid } => {
                    let mut header = jsonwebtoken::Header::new(case.alg.v11());
                    header.typ = typ.map(str::to_owned);
                    header.kid = kid.map(str::to_owned);
                    serde_json::to_string(&header).unwrap()
                }
            };
            let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
            let signature =
                jsonwebtoken::crypto::sign(input.as_bytes(), &key, case.alg.v11()).unwrap();
            format!("{input}.{signature}")
        }
    }
}

/// An answer: the claims read back, or why the token was refused.
#[derive(Clone, Debug, PartialEq)]
enum Answer {
    Accepted(Value),
    Refused(String),
}

fn jeton_answer(case: &Case, token: &str, now: i64) -> Answer {
    let key = match case.alg.jeton_key(&secret(case.key_len)) {
        Ok(key) => key,
        Err(e) => return Answer::Refused(format!("{e:?}")),
    };
    let key = match case.jeton_kid {
        Some(kid) => key.with_kid(kid).unwrap(),
        None => key,
    };
    let keys: KeySet<1> = KeySet::with_key(key).unwrap();
    let validation = case.config.jeton(now);
    let mut buf = vec![0u8; token.len()];
    match jwt::verify(token.as_bytes(), &keys, &validation, &mut buf) {
        Ok(verified) => {
            let claims: Value = serde_json::from_slice(verified.claims().raw()).unwrap();
            // The registered dates jeton keeps are the JSON numbers,
            // rounded up when they have a fraction.
            for (name, kept) in [
                ("exp", verified.expires_at()),
                ("nbf", verified.not_before()),
                ("iat", verified.issued_at()),
            ] {
                let text = verified
                    .claim(name)
                    .map(|v| std::str::from_utf8(v.raw()).unwrap());
                assert_eq!(kept, text.map(exact_ceiling), "{}: {name}", case.label);
            }
            // The string claims jeton keeps are the strings serde_json reads.
            let unescaped = |s: jeton::json::JsonStr<'_>| {
                let mut out = vec![0u8; s.raw().len()];
                let n = s.unescape_into(&mut out).unwrap();
                Value::String(String::from_utf8(out[..n].to_vec()).unwrap())
            };
            for (name, kept) in [
                ("iss", verified.issuer()),
                ("sub", verified.subject()),
                ("jti", verified.jwt_id()),
            ] {
                assert_eq!(
                    kept.map(unescaped).as_ref(),
                    claims.get(name),
                    "{}",
                    case.label
                );
            }
            let audiences: Vec<Value> = verified.audiences().map(unescaped).collect();
            let expected = match claims.get("aud") {
                Some(Value::Array(all)) => all.clone(),
                Some(one) => vec![one.clone()],
                None => Vec::new(),
            };
            assert_eq!(audiences, expected, "{}", case.label);
            Answer::Accepted(claims)
        }
        Err(e) => Answer::Refused(format!("{e:?}")),
    }
}

/// The smallest integer not below the JSON number `text`, computed on its
/// decimal digits (no floating point), for dates jeton accepted.
fn exact_ceiling(text: &str) -> i64 {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap()),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = format!("{int}{frac}").trim_start_matches('0').to_owned();
    // value = digits * 10^scale
    let scale = exponent - frac.len() as i64;
    let digits = if digits.is_empty() {
        "0".to_owned()
    } else {
        digits
    };
    let keep = (digits.len() as i64 + scale).max(0) as usize;
    let (whole, rest) = if scale >= 0 {
        (
            format!("{digits}{}", "0".repeat(scale as usize)),
            String::new(),
        )
    } else if keep >= digits.len() {
        (digits.clone(), String::new())
    } else {
        (digits[..keep].to_owned(), digits[keep..].to_owned())
    };
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().unwrap()
    };
    let fraction = rest.bytes().any(|b| b != b'0');
    match (negative, fraction) {
        (false, true) => whole + 1,
        (false, false) => whole,
        (true, _) => -whole,
    }
}

fn v11_answer(case: &Case, token: &str) -> Answer {
    let key = jsonwebtoken::DecodingKey::from_secret(&secret(case.key_len));
    match jsonwebtoken::decode::<Value>(token, &key, &case.config.v11(case.alg)) {
        Ok(data) => Answer::Accepted(data.claims),
        Err(e) => Answer::Refused(format!("{:?}", e.kind())),
    }
}

fn v12_answer(case: &Case, token: &str) -> Answer {
    let key = jsonwebtoken12::DecodingKey::from_secret(&secret(case.key_len)).unwrap();
    match jsonwebtoken12::decode::<Value>(token, &key, &case.config.v12(case.alg)) {
        Ok(data) => Answer::Accepted(data.claims),
        Err(e) => Answer::Refused(format!("{:?}", e.kind())),
    }
}

/// A long token or answer, cut for a readable failure message.
fn short(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_owned(),
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Both jsonwebtoken versions use RustCrypto here, whatever features the
/// rest of the workspace turns on.
fn install_providers() {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let _ = jsonwebtoken12::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
}

/// The refusal reasons that name the same check in both libraries: where
/// both refuse for one of these, they must refuse for the same one.
fn same_check(ours: &str, theirs: &str) -> bool {
    let pairs = [
        ("JwtExpired", "ExpiredSignature"),
        ("JwtNotYetValid", "ImmatureSignature"),
        ("JwtIssuerInvalid", "InvalidIssuer"),
        ("JwtSubjectInvalid", "InvalidSubject"),
        ("JwtAudienceInvalid", "InvalidAudience"),
        ("JwtMissingClaim", "MissingRequiredClaim"),
    ];
    let ours_known = pairs.iter().find(|(o, _)| *o == ours);
    let theirs_known = pairs.iter().find(|(_, t)| theirs.starts_with(t));
    match (ours_known, theirs_known) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

#[test]
fn peer_tokens_are_decided_alike() {
    install_providers();
    let cases = cases();
    let mut labels = BTreeSet::new();
    let mut used = BTreeSet::new();
    let (mut accepted, mut refused) = (0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        assert!(labels.insert(case.label), "two cases named {}", case.label);
        // Made and judged within one second of jsonwebtoken's clock.
        let (token, ours, v11, v12) = (0..5)
            .find_map(|_| {
                let now = unix_now();
                let token = peer_token(case, now);
                let v11 = v11_answer(case, &token);
                let v12 = v12_answer(case, &token);
                let ours = jeton_answer(case, &token, now);
                (unix_now() == now).then_some((token, ours, v11, v12))
            })
            .expect("the clock stood still for one case");
        for (version, theirs) in [(11, &v11), (12, &v12)] {
            let listed = DEVIATIONS
                .iter()
                .find(|(label, versions, _)| *label == case.label && versions.contains(&version));
            let agree = match (&ours, theirs) {
                (Answer::Accepted(a), Answer::Accepted(b)) => a == b,
                (Answer::Refused(a), Answer::Refused(b)) => same_check(a, b),
                _ => false,
            };
            match listed {
                Some(_) => {
                    if agree {
                        failures.push(format!(
                            "{} (jsonwebtoken {version}) is listed in DEVIATIONS but both say {ours:?}",
                            case.label
                        ));
                    }
                    used.insert((case.label, version));
                }
                None if agree => {}
                None => failures.push(format!(
                    "{} ({}):\n jeton:           {}\n jsonwebtoken {version}: {}",
                    case.label,
                    short(&token),
                    short(&format!("{ours:?}")),
                    short(&format!("{theirs:?}")),
                )),
            }
        }
        match ours {
            Answer::Accepted(_) => accepted += 1,
            Answer::Refused(_) => refused += 1,
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (label, versions, _) in DEVIATIONS {
        assert!(labels.contains(label), "DEVIATIONS names no case {label}");
        for version in *versions {
            assert!(used.contains(&(*label, *version)), "{label} {version}");
        }
    }
    println!(
        "{} jsonwebtoken tokens: jeton accepts {accepted} and refuses {refused}; \
         each jsonwebtoken version answers alike except on the {} (case, version) pairs listed",
        cases.len(),
        used.len()
    );
    assert!(accepted > 30 && refused > 30);
}

/// The same tokens, with jeton told to accept short HMAC secrets the way
/// jsonwebtoken does: then the 32-byte HS384 and HS512 tokens verify.
#[test]
fn legacy_hmac_keys_verify_what_jsonwebtoken_signs() {
    install_providers();
    for (alg, jeton_alg) in [
        (jsonwebtoken::Algorithm::HS384, jwt::JwtAlgorithm::HS384),
        (jsonwebtoken::Algorithm::HS512, jwt::JwtAlgorithm::HS512),
    ] {
        let s = secret(32);
        let now = unix_now();
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(alg),
            &json!({"exp": now + 600}),
            &jsonwebtoken::EncodingKey::from_secret(&s),
        )
        .unwrap();
        let mac = match jeton_alg {
            jwt::JwtAlgorithm::HS384 => jeton::mac::Algorithm::Sha384,
            _ => jeton::mac::Algorithm::Sha512,
        };
        let hmac = jeton::mac::HmacKey::new(mac, &s);
        let keys: KeySet<1> = KeySet::with_key(JwtKey::legacy_hmac(hmac).unwrap()).unwrap();
        let mut buf = vec![0u8; token.len()];
        let verified =
            jwt::verify(token.as_bytes(), &keys, &Validation::new(now), &mut buf).unwrap();
        assert_eq!(verified.algorithm(), jeton_alg);
        assert_eq!(verified.expires_at(), Some(now + 600));
    }
}

/// Tokens jeton signs decode in both jsonwebtoken versions, with the claims
/// and header jeton wrote.
#[test]
fn jeton_tokens_decode_in_jsonwebtoken() {
    install_providers();
    let now = unix_now();
    let audiences = ["https://api.example.com", "https://billing.example.com"];
    let claims_sets: Vec<(Claims<'_>, Value)> = vec![
        (
            Claims::new().expires_at(now + 600),
            json!({"exp": now + 600}),
        ),
        (
            Claims::new()
                .issuer("https://auth.example.com")
                .subject("user-42")
                .audience("https://api.example.com")
                .expires_at(now + 600)
                .not_before(now - 600)
                .issued_at(now - 600)
                .jwt_id("4f1g23a12aa"),
            json!({
                "iss": "https://auth.example.com", "sub": "user-42",
                "aud": "https://api.example.com", "exp": now + 600, "nbf": now - 600,
                "iat": now - 600, "jti": "4f1g23a12aa"
            }),
        ),
        (
            Claims::new()
                .audiences(&audiences)
                .expires_at(now + 600)
                .string("name", "Zo\u{eb} \"q\" \\ \u{1f36a}\n")
                .integer("neg", i64::MIN)
                .boolean("admin", true)
                .json("ctx", r#"{"roles":["a","b"],"n":null,"f":2.5}"#),
            json!({
                "aud": audiences, "exp": now + 600,
                "name": "Zo\u{eb} \"q\" \\ \u{1f36a}\n", "neg": i64::MIN, "admin": true,
                "ctx": {"roles": ["a", "b"], "n": null, "f": 2.5}
            }),
        ),
    ];
    let mut decoded = 0;
    for (alg, len) in [(Alg::Hs256, 32), (Alg::Hs384, 48), (Alg::Hs512, 64)] {
        let s = secret(len);
        for kid in [None, Some("k1")] {
            let key = alg.jeton_key(&s).unwrap();
            let key = match kid {
                Some(kid) => key.with_kid(kid).unwrap(),
                None => key,
            };
            for (claims, expected) in &claims_sets {
                let mut out = [0u8; 1024];
                let n = jwt::encode(&key, claims, &mut out).unwrap();
                let token = std::str::from_utf8(&out[..n]).unwrap();
                let config = Config {
                    aud: expected
                        .get("aud")
                        .map(|_| &["https://api.example.com"][..]),
                    ..DEFAULT
                };
                let d11 = jsonwebtoken::decode::<Value>(
                    token,
                    &jsonwebtoken::DecodingKey::from_secret(&s),
                    &config.v11(alg),
                )
                .unwrap_or_else(|e| panic!("jsonwebtoken 11 refuses {token}: {e:?}"));
                let d12 = jsonwebtoken12::decode::<Value>(
                    token,
                    &jsonwebtoken12::DecodingKey::from_secret(&s).unwrap(),
                    &config.v12(alg),
                )
                .unwrap_or_else(|e| panic!("jsonwebtoken 12 refuses {token}: {e:?}"));
                assert_eq!(&d11.claims, expected, "{token}");
                assert_eq!(&d12.claims, expected, "{token}");
                assert_eq!(d11.header.alg, alg.v11());
                assert_eq!(d11.header.typ.as_deref(), Some("JWT"));
                assert_eq!(d11.header.kid.as_deref(), kid);
                assert_eq!(d12.header.kid.as_deref(), kid);
                // And what jsonwebtoken reads back is what jeton reads.
                let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
                let mut buf = vec![0u8; token.len()];
                let ours =
                    jwt::verify(token.as_bytes(), &keys, &config.jeton(now), &mut buf).unwrap();
                let ours: Value = serde_json::from_slice(ours.claims().raw()).unwrap();
                assert_eq!(&ours, expected);
                decoded += 1;
            }
        }
        assert_eq!(alg.name().len(), 5);
    }
    assert_eq!(decoded, 18);
}

/// One JSON string literal for `text`, each character written plainly or
/// escaped at random (`\uXXXX`, surrogate pairs, the short escapes).
fn json_literal(rng: &mut u64, text: &str) -> String {
    let mut next = || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    let mut out = String::from("\"");
    for c in text.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '/' if next() % 2 == 0 => Some("\\/"),
            _ => None,
        };
        let must_escape = short.is_some() || (c as u32) < 0x20;
        match (short, must_escape || next() % 3 == 0) {
            (Some(s), _) if next() % 2 == 0 || c != '/' => out.push_str(s),
            (_, true) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    if next() % 2 == 0 {
                        out.push_str(&format!("\\u{u:04x}"));
                    } else {
                        out.push_str(&format!("\\u{u:04X}"));
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Claims written with escapes everywhere: jeton reads every claim, by its
/// unescaped name, as serde_json (under jsonwebtoken) does, and refuses
/// exactly the sets whose names repeat once unescaped.
#[test]
fn escaped_claims_read_as_jsonwebtoken_reads_them() {
    install_providers();
    let names = [
        "a",
        "é",
        "x/y",
        "\u{1f36a}",
        "q\"t",
        "exp2",
        "A",
        "tab\t",
        "nul\u{0}",
    ];
    let values = [
        "",
        "plain",
        "caf\u{e9}",
        "\u{1f36a}\u{2028}",
        "\\",
        "\"\"",
        "a/b",
        "\u{0}\u{1f}\u{7f}",
        "line\nfeed",
    ];
    let s = secret(32);
    let key = jsonwebtoken::EncodingKey::from_secret(&s);
    let keys: KeySet<1> = KeySet::with_key(JwtKey::hs256(&s).unwrap()).unwrap();
    let now = unix_now();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let (mut read, mut duplicates) = (0, 0);
    for round in 0..400 {
        let mut pick = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        let count = 1 + pick(4);
        let members: Vec<(&str, &str)> = (0..count)
            .map(|_| (names[pick(names.len())], values[pick(values.len())]))
            .collect();
        let mut text = format!("{{\"exp\":{}", now + 600);
        let mut seed = round as u64 * 0x9e37_79b9 + 1;
        for (name, value) in &members {
            text.push(',');
            text.push_str(&json_literal(&mut seed, name));
            text.push(':');
            text.push_str(&json_literal(&mut seed, value));
        }
        text.push('}');
        let header = r#"{"alg":"HS256","typ":"JWT"}"#;
        let input = format!("{}.{}", b64(header.as_bytes()), b64(text.as_bytes()));
        let sig =
            jsonwebtoken::crypto::sign(input.as_bytes(), &key, jsonwebtoken::Algorithm::HS256)
                .unwrap();
        let token = format!("{input}.{sig}");
        let theirs = jsonwebtoken::decode::<Value>(
            &token,
            &jsonwebtoken::DecodingKey::from_secret(&s),
            &DEFAULT.v11(Alg::Hs256),
        )
        .unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let mut buf = vec![0u8; token.len()];
        let ours = jwt::verify(token.as_bytes(), &keys, &Validation::new(now), &mut buf);
        let distinct: BTreeSet<&str> = members.iter().map(|(n, _)| *n).collect();
        if distinct.len() < members.len() {
            // RFC 7519 section 4: jeton rejects duplicate names, compared
            // unescaped (the "duplicate custom claim" deviation).
            assert_eq!(ours.err(), Some(Error::JwtPayloadDuplicate), "{text}");
            duplicates += 1;
            continue;
        }
        let ours = ours.unwrap_or_else(|e| panic!("{text}: {e:?}"));
        for (name, value) in &members {
            assert_eq!(theirs.claims[*name], **value, "{text}");
            let mut out = [0u8; 64];
            let n = ours
                .claim_str(*name, &mut out)
                .unwrap_or_else(|e| panic!("{text}: claim {name:?}: {e:?}"));
            assert_eq!(&out[..n], value.as_bytes(), "{text}: claim {name:?}");
            read += 1;
        }
    }
    println!("escaped claims: {read} read alike, {duplicates} sets with repeated names refused");
    assert!(read > 300 && duplicates > 50);
}
