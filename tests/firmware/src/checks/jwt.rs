//! JSON Web Tokens, HS256: the benchmark token verified with its claims
//! and signed back byte for byte, RFC 7515 appendix A.1, the tokens the
//! real peers made (npm `jose`, npm `jsonwebtoken`, PyJWT) judged as they
//! judged them, jeton's own interop tokens, and the refusals of the attack
//! catalogue (`tests/tests/jwt_attacks.rs`).

use jeton::Error;
use jeton::json;
use jeton::jwt::{self, Claims, JwtAlgorithm, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey};

use super::{Code, json_eq, shape_builder};
use crate::check;
use crate::harness::{Check, Checker, Escaped};
use crate::vectors::{BENCH_JWT, Bytes, JETON_JWTS, JWT_INTEROP_KEY, PEER_JWTS};

pub static CHECKS: &[Check] = &[
    check!(
        "JWT HS256: the benchmark token verified, every claim read back (bench/inputs)",
        benchmark_verify,
        BENCH_JWT
    ),
    check!(
        "JWT HS256: the benchmark claims signed give jwt_hs256.txt byte for byte (bench/inputs)",
        benchmark_sign,
        BENCH_JWT
    ),
    check!(
        "JWT HS256: RFC 7515 appendix A.1, valid until its exp",
        rfc7515_a1,
        RFC7515_A1
    ),
    check!(
        "JWT HS256: jose, jsonwebtoken and PyJWT tokens judged as the peers did \
         (npm-jwt.json, pyjwt.json)",
        peer_tokens,
        PEER_JWTS,
        JWT_INTEROP_KEY
    ),
    check!(
        "JWT HS256: jeton's interop tokens signed byte for byte (jeton-jwt.json)",
        jeton_tokens,
        JETON_JWTS,
        JWT_INTEROP_KEY
    ),
    check!(
        "JWT HS256: refusals (alg none, forged headers, tampering, expiry, claims)",
        refusals,
        BENCH_JWT,
        FORGED
    ),
];

/// Room for the decoded header and claims of every token here (the
/// longest, 371 characters, decodes to 245 bytes).
const DECODED: usize = 384;

/// A key set of one HS256 key.
fn keys(c: &mut Checker<'_>, secret: &[u8], kid: Option<&str>) -> Option<KeySet<1>> {
    let key = c.measure("JwtKey::hs256", || JwtKey::hs256(secret));
    let key = match kid {
        Some(kid) => key.and_then(|k| k.with_kid(kid)),
        None => key,
    };
    let keys = key.and_then(KeySet::with_key);
    c.expect(keys.is_ok(), format_args!("key set: {}", Code::of(&keys)));
    keys.ok()
}

/// The benchmark token's validation: its issuer and audience, at `now`.
fn benchmark_validation(now: i64) -> Validation<'static> {
    Validation::new(now)
        .issuer(BENCH_JWT.claims.iss)
        .audience(BENCH_JWT.claims.aud)
}

/// `got` is the JSON string `want`, once unescaped.
fn same_str(got: Option<json::JsonStr<'_>>, want: &str) -> bool {
    got.is_some_and(|s| s.bytes().eq(want.bytes()))
}

fn benchmark_verify(c: &mut Checker<'_>) {
    let jwt = &BENCH_JWT;
    let claims = &jwt.claims;
    let Some(keys) = keys(c, jwt.key, None) else {
        return;
    };
    let mut buf = [0u8; DECODED];
    // From nbf on (RFC 7519 section 4.1.5).
    let validation = benchmark_validation(claims.nbf);
    let verified = c.measure("jwt::verify HS256 (iss, aud, exp, nbf)", || {
        jwt::verify(jwt.token, &keys, &validation, &mut buf)
    });
    let v = match verified {
        Ok(v) => v,
        Err(e) => {
            c.expect(false, format_args!("refused: {}", Code::err(e)));
            return;
        }
    };
    c.expect_bytes(v.header().raw(), jwt.header, format_args!("header"));
    c.expect_bytes(v.claims().raw(), jwt.claims_json, format_args!("claims"));
    c.expect(
        v.algorithm() == JwtAlgorithm::HS256 && v.key_index() == 0,
        format_args!("algorithm and key"),
    );
    c.expect(same_str(v.issuer(), claims.iss), format_args!("iss"));
    c.expect(same_str(v.subject(), claims.sub), format_args!("sub"));
    c.expect(same_str(v.jwt_id(), claims.jti), format_args!("jti"));
    let mut audiences = v.audiences();
    c.expect(
        same_str(audiences.next(), claims.aud) && audiences.next().is_none(),
        format_args!("aud"),
    );
    c.expect(
        v.expires_at() == Some(claims.exp)
            && v.not_before() == Some(claims.nbf)
            && v.issued_at() == Some(claims.iat),
        format_args!(
            "exp {}, nbf {}, iat {}",
            v.expires_at().unwrap_or(0),
            v.not_before().unwrap_or(0),
            v.issued_at().unwrap_or(0)
        ),
    );
    let mut name = [0u8; 32];
    let n = c.measure("Verified::claim_str", || v.claim_str("name", &mut name));
    c.expect_bytes(
        &name[..n.unwrap_or(0)],
        claims.name.as_bytes(),
        format_args!("name"),
    );
    let admin = c.measure("Verified::claim_bool", || v.claim_bool("admin"));
    c.expect(
        admin == Ok(claims.admin),
        format_args!("admin: {}", Code::of(&admin)),
    );

    // Valid until the second before exp (RFC 7519 section 4.1.4).
    let mut buf = [0u8; DECODED];
    let last = benchmark_validation(claims.exp - 1);
    let result = c.measure("jwt::verify HS256 (iss, aud, exp, nbf)", || {
        jwt::verify(jwt.token, &keys, &last, &mut buf).map(|v| v.expires_at())
    });
    c.expect(
        result == Ok(Some(claims.exp)),
        format_args!("at exp - 1: {}", Code::of(&result)),
    );

    // A buffer one byte short of the decoded header and claims: the error
    // says how much was needed, and nothing is left in the buffer.
    let needed = jwt.header.len() + jwt.claims_json.len();
    let mut short = [0u8; DECODED];
    let short = &mut short[..needed - 1];
    let result = jwt::verify(jwt.token, &keys, &validation, short).map(|_| ());
    c.expect(
        result == Err(Error::BufferTooSmall { needed }) && short.iter().all(|&b| b == 0),
        format_args!("one byte short: {}", Code::of(&result)),
    );
}

/// The benchmark claims, in `claims.json`'s order.
fn benchmark_claims() -> Claims<'static> {
    let claims = &BENCH_JWT.claims;
    Claims::new()
        .issuer(claims.iss)
        .subject(claims.sub)
        .audience(claims.aud)
        .expires_at(claims.exp)
        .not_before(claims.nbf)
        .issued_at(claims.iat)
        .jwt_id(claims.jti)
        .string("name", claims.name)
        .boolean("admin", claims.admin)
}

fn benchmark_sign(c: &mut Checker<'_>) {
    let jwt = &BENCH_JWT;
    let Ok(key) = c.measure("JwtKey::hs256", || JwtKey::hs256(jwt.key)) else {
        c.expect(false, format_args!("key"));
        return;
    };
    let claims = benchmark_claims();
    let mut token = [0u8; 512];
    let n = c.measure("jwt::encode HS256", || {
        jwt::encode(&key, &claims, &mut token)
    });
    c.expect_bytes(&token[..n.unwrap_or(0)], jwt.token, format_args!("token"));
    // One byte short: the length needed, and nothing written.
    let mut short = [0u8; 512];
    let short = &mut short[..jwt.token.len() - 1];
    let result = jwt::encode(&key, &claims, short);
    c.expect(
        result
            == Err(Error::BufferTooSmall {
                needed: jwt.token.len(),
            })
            && short.iter().all(|&b| b == 0),
        format_args!("one byte short: {}", Code::of(&result)),
    );
}

/// RFC 7515 appendix A.1 (the example of RFC 7519 section 3.1).
struct Rfc7515 {
    /// The JWS Compact Serialization (A.1.1, last figure).
    token: Bytes,
    /// The JWK's `k`, base64url-decoded (A.1.1).
    key: [u8; 64],
    /// The JWS Protected Header, `\r\n` included (A.1.1).
    header: Bytes,
    /// The JWS Payload (A.1.1).
    payload: Bytes,
    /// The HMAC SHA-256 of the JWS Signing Input (A.1.1).
    mac: [u8; 32],
    /// The claims: `iss`, `exp` and `http://example.com/is_root`.
    iss: &'static str,
    exp: i64,
    is_root: bool,
}

static RFC7515_A1: Rfc7515 = Rfc7515 {
    token: b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
        eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
        dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    key: [
        3, 35, 53, 75, 43, 15, 165, 188, 131, 126, 6, 101, 119, 123, 166, 143, 90, 179, 40, 230,
        240, 84, 201, 40, 169, 15, 132, 178, 210, 80, 46, 191, 211, 251, 90, 146, 210, 6, 71, 239,
        150, 138, 180, 195, 119, 98, 61, 34, 61, 46, 33, 114, 5, 46, 79, 8, 192, 205, 154, 245,
        103, 208, 128, 163,
    ],
    header: b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
    payload: b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}",
    mac: [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ],
    iss: "joe",
    exp: 1_300_819_380,
    is_root: true,
};

fn rfc7515_a1(c: &mut Checker<'_>) {
    let a1 = &RFC7515_A1;
    // The MAC over the signing input (the token's first two segments).
    let dot = a1.token.iter().rposition(|&b| b == b'.').unwrap_or(0);
    let signing_input = &a1.token[..dot];
    let key = HmacKey::new(Algorithm::Sha256, &a1.key);
    let mut mac = [0u8; 32];
    let n = key.sign_into(signing_input, &mut mac).unwrap_or(0);
    c.expect_bytes(
        &mac[..n],
        &a1.mac,
        format_args!("HMAC of the signing input"),
    );

    let Some(keys) = keys(c, &a1.key, None) else {
        return;
    };
    let mut buf = [0u8; DECODED];
    // The second before exp; the token sets no audience and no nbf.
    let validation = Validation::new(a1.exp - 1);
    let verified = c.measure("jwt::verify HS256 (exp)", || {
        jwt::verify(a1.token, &keys, &validation, &mut buf)
    });
    match verified {
        Ok(v) => {
            c.expect_bytes(v.header().raw(), a1.header, format_args!("header"));
            c.expect_bytes(v.claims().raw(), a1.payload, format_args!("payload"));
            c.expect(same_str(v.issuer(), a1.iss), format_args!("iss"));
            c.expect(v.expires_at() == Some(a1.exp), format_args!("exp"));
            let is_root = v.claim_bool("http://example.com/is_root");
            c.expect(is_root == Ok(a1.is_root), format_args!("is_root"));
        }
        Err(e) => {
            c.expect(false, format_args!("refused at exp - 1: {}", Code::err(e)));
        }
    }
    // At exp it has expired.
    let mut buf = [0u8; DECODED];
    let at_exp = Validation::new(a1.exp);
    let result = c.measure("jwt::verify HS256 (refused)", || {
        jwt::verify(a1.token, &keys, &at_exp, &mut buf).map(|_| ())
    });
    c.expect(
        result == Err(Error::JwtExpired) && buf.iter().all(|&b| b == 0),
        format_args!("at exp: {}", Code::of(&result)),
    );
}

fn peer_tokens(c: &mut Checker<'_>) {
    let Some(keys) = keys(c, JWT_INTEROP_KEY.secret, Some(JWT_INTEROP_KEY.kid)) else {
        return;
    };
    c.each(PEER_JWTS, |c, i, t| {
        // As tests/tests/jwt_interop.rs: no claim required, the shape's
        // issuer and audience, the shapes' clock.
        let mut validation = Validation::new(crate::vectors::JWT_INTEROP_NOW).required(&[]);
        if let Some(issuer) = t.issuer {
            validation = validation.issuer(issuer);
        }
        if let Some(audience) = t.audience {
            validation = validation.audience(audience);
        }
        let mut buf = [0u8; DECODED];
        let got = c.measure("jwt::verify HS256 (peer tokens)", || {
            jwt::verify(t.token, &keys, &validation, &mut buf)
        });
        match (got, t.verdict) {
            (Ok(v), Ok(members)) => {
                let count = v.claims().members().count();
                c.expect(
                    count == members.len(),
                    format_args!("#{i} {} {}: {count} claims", t.lib, t.shape),
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
                            "#{i} {} {}: claim {} is not {}",
                            t.lib,
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
                        "#{i} {} {}: {}, the peer: {}",
                        t.lib,
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
                        "#{i} {} {}: jeton {}, the peer {}",
                        t.lib,
                        t.shape,
                        Code::of(&got),
                        if want.is_ok() { "accepted" } else { "refused" }
                    ),
                );
            }
        }
    });
}

fn jeton_tokens(c: &mut Checker<'_>) {
    let key = JwtKey::hs256(JWT_INTEROP_KEY.secret).and_then(|k| k.with_kid(JWT_INTEROP_KEY.kid));
    let Ok(key) = key else {
        c.expect(false, format_args!("key"));
        return;
    };
    let mut token = [0u8; 512];
    c.each(JETON_JWTS, |c, i, t| {
        let claims = shape_builder(&t.claims);
        let n = c.measure("jwt::encode HS256", || {
            jwt::encode(&key, &claims, &mut token)
        });
        c.expect_bytes(
            &token[..n.unwrap_or(0)],
            t.token,
            format_args!("#{i} {}", t.shape),
        );
    });
}

/// What a forged token's signature segment is.
#[derive(Clone, Copy)]
enum Sig {
    /// The benchmark token's own.
    Same,
    /// None at all (`header.payload.`).
    Empty,
    /// The benchmark's with its sixth character changed.
    Changed,
    /// The benchmark's with `=` padding.
    Padded,
    /// The benchmark's less its last character.
    Cut,
    /// The benchmark's, then a fourth segment.
    FourthSegment,
}

/// A token made from the benchmark one: another header, other claims, or
/// another signature segment, and the error verification must give. (The
/// header checks come before the signature, so a forged header needs no
/// valid signature to reach them: DESIGN.md invariant 6 and `jwt::verify`'s
/// documented order.)
struct Forged {
    what: &'static str,
    /// The header JSON, base64url-encoded here; `None`: the benchmark's.
    header: Option<&'static [u8]>,
    /// The claims JSON, base64url-encoded here; `None`: the benchmark's.
    claims: Option<&'static [u8]>,
    sig: Sig,
    error: Error,
}

/// A header naming a kid no key here carries.
const KID_OF_NO_KEY: &[u8] = br#"{"alg":"HS256","kid":"other"}"#;

static FORGED: &[Forged] = &[
    Forged {
        what: "alg none",
        header: Some(br#"{"alg":"none","typ":"JWT"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtAlgNone,
    },
    Forged {
        what: "alg NONE",
        header: Some(br#"{"alg":"NONE","typ":"JWT"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtAlgNone,
    },
    Forged {
        what: "alg none, unsigned",
        header: Some(br#"{"alg":"none","typ":"JWT"}"#),
        claims: None,
        sig: Sig::Empty,
        error: Error::JwtMalformed,
    },
    Forged {
        what: "alg HS512 for an HS256 key",
        header: Some(br#"{"alg":"HS512","typ":"JWT"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtAlgMismatch,
    },
    Forged {
        what: "alg RS256",
        header: Some(br#"{"alg":"RS256","typ":"JWT"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtAlgMismatch,
    },
    Forged {
        what: "no alg",
        header: Some(br#"{"typ":"JWT"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtAlgMissing,
    },
    Forged {
        what: "alg twice",
        header: Some(br#"{"alg":"HS256","alg":"none"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtHeaderDuplicate,
    },
    Forged {
        what: "header not an object",
        header: Some(br#"["HS256"]"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtHeaderInvalid,
    },
    Forged {
        what: "typ not JWT",
        header: Some(br#"{"alg":"HS256","typ":"JOSE+JSON"}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtTypInvalid,
    },
    Forged {
        what: "crit",
        header: Some(br#"{"alg":"HS256","crit":["exp"],"exp":1}"#),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtCritUnsupported,
    },
    // A kid no key carries leaves the keys without a kid as candidates
    // (kid is a hint, RFC 7515 section 4.1.4): the benchmark key is tried,
    // and the signature is not over this header. With a kid on every key
    // the same header finds no key (`refusals`).
    Forged {
        what: "kid of no key, a key without kid",
        header: Some(KID_OF_NO_KEY),
        claims: None,
        sig: Sig::Same,
        error: Error::JwtSignatureMismatch,
    },
    Forged {
        what: "claims changed",
        header: None,
        claims: Some(br#"{"sub":"admin","exp":4102444800}"#),
        sig: Sig::Same,
        error: Error::JwtSignatureMismatch,
    },
    Forged {
        what: "signature changed",
        header: None,
        claims: None,
        sig: Sig::Changed,
        error: Error::JwtSignatureMismatch,
    },
    Forged {
        what: "signature padded",
        header: None,
        claims: None,
        sig: Sig::Padded,
        error: Error::JwtSignatureBase64,
    },
    Forged {
        what: "signature cut",
        header: None,
        claims: None,
        sig: Sig::Cut,
        error: Error::JwtSignatureBase64,
    },
    Forged {
        what: "four segments",
        header: None,
        claims: None,
        sig: Sig::FourthSegment,
        error: Error::JwtMalformed,
    },
];

/// A token under construction.
struct Token {
    bytes: [u8; 512],
    len: usize,
}

impl Token {
    fn push(&mut self, bytes: &[u8]) {
        let end = (self.len + bytes.len()).min(self.bytes.len());
        let n = end - self.len;
        self.bytes[self.len..end].copy_from_slice(&bytes[..n]);
        self.len = end;
    }

    /// RFC 4648 section 5, without padding: the firmware's own encoder,
    /// so that no forged input comes from jeton.
    fn push_base64url(&mut self, bytes: &[u8]) {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for k in 0..=chunk.len() {
                self.push(&[ALPHABET[(n >> (18 - 6 * k) & 63) as usize]]);
            }
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The benchmark token's three segments.
fn segments(token: &'static [u8]) -> [&'static [u8]; 3] {
    let mut parts = token.split(|&b| b == b'.');
    let mut next = || parts.next().unwrap_or(b"");
    [next(), next(), next()]
}

fn forge(f: &Forged) -> Token {
    let [header, claims, sig] = segments(BENCH_JWT.token);
    let mut t = Token {
        bytes: [0; 512],
        len: 0,
    };
    match f.header {
        Some(json) => t.push_base64url(json),
        None => t.push(header),
    }
    t.push(b".");
    match f.claims {
        Some(json) => t.push_base64url(json),
        None => t.push(claims),
    }
    t.push(b".");
    match f.sig {
        Sig::Same => t.push(sig),
        Sig::Empty => {}
        Sig::Changed => {
            t.push(sig);
            let at = t.len - sig.len() + 5;
            t.bytes[at] = if t.bytes[at] == b'A' { b'B' } else { b'A' };
        }
        Sig::Padded => {
            t.push(sig);
            t.push(b"=");
        }
        Sig::Cut => t.push(&sig[..sig.len() - 1]),
        Sig::FourthSegment => {
            t.push(sig);
            t.push(b".e30");
        }
    }
    t
}

/// Verifies `token`, which must be refused with `want` (the error of the
/// check it fails) and leave nothing of itself in the caller's buffer.
fn refused(
    c: &mut Checker<'_>,
    what: &str,
    token: &[u8],
    keys: &KeySet<1>,
    validation: &Validation<'_>,
    want: Error,
) {
    let mut buf = [0u8; DECODED];
    let result = c.measure("jwt::verify HS256 (refused)", || {
        jwt::verify(token, keys, validation, &mut buf).map(|_| ())
    });
    c.expect(
        result == Err(want) && buf.iter().all(|&b| b == 0),
        format_args!("{what}: {}, want {}", Code::of(&result), Code::err(want)),
    );
}

fn refusals(c: &mut Checker<'_>) {
    let jwt = &BENCH_JWT;
    let claims = &jwt.claims;
    let Some(keys) = keys(c, jwt.key, None) else {
        return;
    };
    let at_nbf = benchmark_validation(claims.nbf);
    c.each(FORGED, |c, _, f| {
        let token = forge(f);
        refused(c, f.what, token.as_bytes(), &keys, &at_nbf, f.error);
    });

    // The benchmark token itself, outside what the verifier accepts.
    let token = jwt.token;
    let cases = [
        (
            "at exp",
            benchmark_validation(claims.exp),
            Error::JwtExpired,
        ),
        (
            "before nbf",
            benchmark_validation(claims.nbf - 1),
            Error::JwtNotYetValid,
        ),
        (
            "another issuer",
            at_nbf.issuer("https://evil.example"),
            Error::JwtIssuerInvalid,
        ),
        (
            "another audience",
            at_nbf.audience("https://other.example"),
            Error::JwtAudienceInvalid,
        ),
        (
            "no audience named",
            Validation::new(claims.nbf).issuer(claims.iss),
            Error::JwtAudienceInvalid,
        ),
        (
            "another subject",
            at_nbf.subject("user-0"),
            Error::JwtSubjectInvalid,
        ),
        (
            "one byte over the size limit",
            at_nbf.max_token_len(token.len() - 1),
            Error::JwtTooLong,
        ),
    ];
    for (what, validation, want) in &cases {
        refused(c, what, token, &keys, validation, *want);
    }
    // A kid no key carries, when every key has a kid: no candidate.
    if let Some(with_kid) = self::keys(c, jwt.key, Some("k1")) {
        let token = forge(&Forged {
            what: "kid of no key",
            header: Some(KID_OF_NO_KEY),
            claims: None,
            sig: Sig::Same,
            error: Error::JwtKeyNotFound,
        });
        refused(
            c,
            "kid of no key, every key with a kid",
            token.as_bytes(),
            &with_kid,
            &at_nbf,
            Error::JwtKeyNotFound,
        );
    }
    // Another key: the signature does not match.
    if let Some(other) = self::keys(c, b"another key, also of 32 bytes...", None) {
        refused(
            c,
            "another key",
            token,
            &other,
            &at_nbf,
            Error::JwtSignatureMismatch,
        );
    }
}
