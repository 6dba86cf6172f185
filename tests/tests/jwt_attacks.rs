//! The catalogue of known JWT tricks, one test each: every one must be
//! refused with the error that names the check it fails.

use jeton::Error;
use jeton::base64::{self, Alphabet, Padding};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey};

const SECRET: &[u8] = b"a 32-byte secret for the attacks";
const NOW: i64 = 1_700_000_000;

fn b64(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2 + 4];
    let n = base64::encode(bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut out).unwrap();
    String::from_utf8(out[..n].to_vec()).unwrap()
}

/// A token with exactly this header and payload text, signed with `alg`
/// over `secret` (or an arbitrary signature when `secret` is empty).
fn forge(header: &str, payload: &str, alg: Algorithm, secret: &[u8]) -> String {
    let signing_input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let sig = if secret.is_empty() {
        b64(&[7u8; 32])
    } else {
        b64(HmacKey::new(alg, secret)
            .sign(signing_input.as_bytes())
            .as_bytes())
    };
    format!("{signing_input}.{sig}")
}

fn hs256(header: &str, payload: &str) -> String {
    forge(header, payload, Algorithm::Sha256, SECRET)
}

fn keys() -> KeySet<2> {
    KeySet::with_key(JwtKey::hs256(SECRET).unwrap()).unwrap()
}

fn check(token: &str, validation: &Validation<'_>) -> Result<(), Error> {
    let mut buf = vec![0u8; token.len() + 16];
    let result = jwt::verify(token.as_bytes(), &keys(), validation, &mut buf).map(|_| ());
    if result.is_err() {
        assert!(
            buf.iter().all(|&b| b == 0),
            "refused token left bytes behind"
        );
    }
    result
}

fn at_now(token: &str) -> Result<(), Error> {
    check(token, &Validation::new(NOW))
}

const H: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const P: &str = r#"{"sub":"u","exp":1700000100}"#;

#[test]
fn the_honest_token_passes() {
    assert_eq!(at_now(&hs256(H, P)), Ok(()));
}

#[test]
fn alg_none_in_any_casing() {
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        // With an empty signature the token is not even three segments...
        let unsigned = format!("{}.{}.", b64(header.as_bytes()), b64(P.as_bytes()));
        assert_eq!(at_now(&unsigned), Err(Error::JwtMalformed), "{alg}");
        // ...and with any signature, alg none is refused by name.
        assert_eq!(
            at_now(&forge(&header, P, Algorithm::Sha256, SECRET)),
            Err(Error::JwtAlgNone),
            "{alg}"
        );
        assert_eq!(
            at_now(&forge(&header, P, Algorithm::Sha256, b"")),
            Err(Error::JwtAlgNone),
            "{alg}"
        );
    }
    // Escaped in the JSON, still none.
    assert_eq!(
        at_now(&hs256(r#"{"alg":"\u006eone"}"#, P)),
        Err(Error::JwtAlgNone)
    );
}

#[test]
fn alg_swapped_to_another_size_or_family() {
    for alg in ["HS384", "HS512"] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let a = if alg == "HS384" {
            Algorithm::Sha384
        } else {
            Algorithm::Sha512
        };
        assert_eq!(
            at_now(&forge(&header, P, a, SECRET)),
            Err(Error::JwtAlgMismatch)
        );
    }
    for alg in ["RS256", "ES256", "hs256", "HS256 ", ""] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        assert_eq!(
            at_now(&hs256(&header, P)),
            Err(Error::JwtAlgMismatch),
            "{alg:?}"
        );
    }
    assert_eq!(
        at_now(&hs256(r#"{"typ":"JWT"}"#, P)),
        Err(Error::JwtAlgMissing)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":256}"#, P)),
        Err(Error::JwtHeaderParameter)
    );
}

#[test]
fn tampering_with_any_segment() {
    let token = hs256(H, P);
    let parts: Vec<&str> = token.split('.').collect();
    let other_header = b64(br#"{"alg":"HS256","typ":"JWT","x":1}"#);
    let other_payload = b64(br#"{"sub":"admin","exp":1700000100}"#);
    let mut sig = parts[2].as_bytes().to_vec();
    sig[5] = if sig[5] == b'A' { b'B' } else { b'A' };
    let sig = String::from_utf8(sig).unwrap();
    for forged in [
        format!("{other_header}.{}.{}", parts[1], parts[2]),
        format!("{}.{other_payload}.{}", parts[0], parts[2]),
        format!("{}.{}.{sig}", parts[0], parts[1]),
    ] {
        assert_eq!(at_now(&forged), Err(Error::JwtSignatureMismatch));
    }
    assert_eq!(
        at_now(&forge(H, P, Algorithm::Sha256, b"another key")),
        Err(Error::JwtSignatureMismatch)
    );
}

#[test]
fn expiry_and_not_before_with_leeway() {
    let at = |exp: &str, nbf: Option<&str>, leeway: u64| {
        let payload = match nbf {
            Some(nbf) => format!(r#"{{"exp":{exp},"nbf":{nbf}}}"#),
            None => format!(r#"{{"exp":{exp}}}"#),
        };
        check(&hs256(H, &payload), &Validation::new(NOW).leeway(leeway))
    };
    assert_eq!(at("1700000000", None, 0), Err(Error::JwtExpired));
    assert_eq!(at("1700000001", None, 0), Ok(()));
    assert_eq!(at("1699999990", None, 10), Err(Error::JwtExpired));
    assert_eq!(at("1699999991", None, 10), Ok(()));
    // A fraction: exp = now + 0.5 is still valid at now.
    assert_eq!(at("1700000000.5", None, 0), Ok(()));
    assert_eq!(at("1.7000000005e9", None, 0), Ok(()));
    assert_eq!(at("1699999999.9", None, 0), Err(Error::JwtExpired));
    assert_eq!(
        at("1700000100", Some("1700000001"), 0),
        Err(Error::JwtNotYetValid)
    );
    assert_eq!(at("1700000100", Some("1700000000"), 0), Ok(()));
    assert_eq!(at("1700000100", Some("1700000010"), 10), Ok(()));
    assert_eq!(
        at("1700000100", Some("1700000011"), 10),
        Err(Error::JwtNotYetValid)
    );
    assert_eq!(
        at("1700000100", Some("1700000000.2"), 0),
        Err(Error::JwtNotYetValid)
    );
}

#[test]
fn registered_claims_of_the_wrong_type() {
    for payload in [
        r#"{"exp":"1700000100"}"#,
        r#"{"exp":true}"#,
        r#"{"exp":null}"#,
        r#"{"exp":1700000100,"nbf":"0"}"#,
        r#"{"exp":1700000100,"iat":[1]}"#,
        r#"{"exp":1700000100,"iss":42}"#,
        r#"{"exp":1700000100,"sub":{"id":1}}"#,
        r#"{"exp":1700000100,"aud":["a",1]}"#,
        r#"{"exp":1700000100,"aud":7}"#,
        r#"{"exp":1700000100,"jti":false}"#,
        r#"{"\u0065xp":"soon"}"#,
    ] {
        assert_eq!(
            at_now(&hs256(H, payload)),
            Err(Error::JwtClaimType),
            "{payload}"
        );
    }
}

#[test]
fn huge_and_out_of_range_dates() {
    for exp in ["1e300", "9223372036854775808", "1e19", "-1e300"] {
        let payload = format!(r#"{{"exp":{exp}}}"#);
        assert_eq!(
            at_now(&hs256(H, &payload)),
            Err(Error::JwtClaimRange),
            "{exp}"
        );
    }
    // Far but representable: fine.
    assert_eq!(at_now(&hs256(H, r#"{"exp":253402300799}"#)), Ok(()));
    assert_eq!(at_now(&hs256(H, r#"{"exp":-1}"#)), Err(Error::JwtExpired));
}

#[test]
fn issuer_subject_audience() {
    let payload = r#"{"iss":"https://a","sub":"u1","aud":["x","y"],"exp":1700000100}"#;
    let token = hs256(H, payload);
    let v = Validation::new(NOW);
    assert_eq!(
        check(&token, &v),
        Err(Error::JwtAudienceInvalid),
        "aud present, none expected"
    );
    assert_eq!(check(&token, &v.ignore_audience()), Ok(()));
    assert_eq!(check(&token, &v.audience("y")), Ok(()));
    assert_eq!(
        check(&token, &v.audience("z")),
        Err(Error::JwtAudienceInvalid)
    );
    assert_eq!(
        check(&token, &v.audience("y").issuer("https://b")),
        Err(Error::JwtIssuerInvalid)
    );
    assert_eq!(
        check(&token, &v.audience("y").issuer("https://a").subject("u2")),
        Err(Error::JwtSubjectInvalid)
    );
    assert_eq!(
        check(&token, &v.audience("y").issuer("https://a").subject("u1")),
        Ok(())
    );
    let bare = hs256(H, r#"{"exp":1700000100}"#);
    assert_eq!(check(&bare, &v.audience("y")), Err(Error::JwtMissingClaim));
    assert_eq!(
        check(&bare, &v.issuer("https://a")),
        Err(Error::JwtMissingClaim)
    );
    assert_eq!(
        at_now(&hs256(H, r#"{"sub":"u"}"#)),
        Err(Error::JwtMissingClaim),
        "exp is required"
    );
}

#[test]
fn typ_crit_kid() {
    assert_eq!(at_now(&hs256(r#"{"alg":"HS256","typ":"jwt"}"#, P)), Ok(()));
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","typ":"at+jwt"}"#, P)),
        Err(Error::JwtTypInvalid)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","typ":7}"#, P)),
        Err(Error::JwtHeaderParameter)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, P)),
        Err(Error::JwtCritUnsupported)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","crit":[]}"#, P)),
        Err(Error::JwtHeaderParameter)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","crit":"b64"}"#, P)),
        Err(Error::JwtHeaderParameter)
    );
    // A kid no key carries leaves the keys without a kid as candidates,
    // as jose, jsonwebtoken and PyJWT have it (kid is a hint, RFC 7515
    // section 4.1.4); when every key has a kid of its own, nothing is left.
    assert_eq!(at_now(&hs256(r#"{"alg":"HS256","kid":"nope"}"#, P)), Ok(()));
    let named: KeySet<1> =
        KeySet::with_key(JwtKey::hs256(SECRET).unwrap().with_kid("k1").unwrap()).unwrap();
    let mut buf = [0u8; 256];
    let nope = hs256(r#"{"alg":"HS256","kid":"nope"}"#, P);
    assert_eq!(
        jwt::verify(nope.as_bytes(), &named, &Validation::new(NOW), &mut buf).err(),
        Some(Error::JwtKeyNotFound)
    );
    let k1 = hs256(r#"{"alg":"HS256","kid":"k\u0031"}"#, P);
    assert!(jwt::verify(k1.as_bytes(), &named, &Validation::new(NOW), &mut buf).is_ok());
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","kid":1}"#, P)),
        Err(Error::JwtHeaderParameter)
    );
}

/// Header parameters are JSON strings, compared once unescaped (RFC 8259
/// section 7): an escaped alg names the algorithm it spells.
#[test]
fn escaped_alg_is_the_algorithm_it_spells() {
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS\u0032\u0035\u0036"}"#, P)),
        Ok(())
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"\u006eone"}"#, P)),
        Err(Error::JwtAlgNone)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS\u0032\u0035\u0037"}"#, P)),
        Err(Error::JwtAlgMismatch)
    );
}

/// typ compares as a media type (RFC 7515 section 4.1.9); explicit typing
/// can be required (RFC 8725 section 3.11).
#[test]
fn typ_as_a_media_type() {
    for typ in [
        "JWT",
        "jwt",
        "application/jwt",
        "Application/JWT",
        r"J\u0057T",
    ] {
        let header = format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#);
        assert_eq!(at_now(&hs256(&header, P)), Ok(()), "{typ}");
    }
    for typ in ["text/jwt", "at+jwt", "application/at+jwt", ""] {
        let header = format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#);
        assert_eq!(
            at_now(&hs256(&header, P)),
            Err(Error::JwtTypInvalid),
            "{typ}"
        );
    }
    let at_jwt = Validation::new(NOW).require_typ("at+jwt");
    assert_eq!(
        check(
            &hs256(r#"{"alg":"HS256","typ":"application/at+jwt"}"#, P),
            &at_jwt
        ),
        Ok(())
    );
    assert_eq!(
        check(&hs256(r#"{"alg":"HS256"}"#, P), &at_jwt),
        Err(Error::JwtTypInvalid),
        "required and absent"
    );
    assert_eq!(
        check(&hs256(H, P), &at_jwt),
        Err(Error::JwtTypInvalid),
        "required and another type"
    );
}

/// A maximum age measured from iat, as jose's maxTokenAge.
#[test]
fn maximum_age_from_iat() {
    let v = Validation::new(NOW).max_age(60);
    let issued = |iat: i64| hs256(H, &format!(r#"{{"iat":{iat},"exp":1700000100}}"#));
    assert_eq!(check(&issued(NOW - 60), &v), Ok(()));
    assert_eq!(check(&issued(NOW - 61), &v), Err(Error::JwtTooOld));
    assert_eq!(check(&issued(NOW - 61), &v.leeway(1)), Ok(()));
    assert_eq!(check(&issued(NOW + 1), &v), Err(Error::JwtNotYetValid));
    assert_eq!(check(&hs256(H, P), &v), Err(Error::JwtMissingClaim));
    assert_eq!(check(&issued(NOW + 1), &Validation::new(NOW)), Ok(()));
}

/// crit names only parameters the caller understands and the header
/// carries; b64 (RFC 7797) never.
#[test]
fn crit_understood_by_the_caller() {
    let understood = ["exp", "b64"];
    let v = Validation::new(NOW).crit(&understood);
    let token = |header: &str| hs256(header, P);
    assert_eq!(
        check(&token(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#), &v),
        Ok(())
    );
    assert_eq!(
        check(&token(r#"{"alg":"HS256","crit":["exp"]}"#), &v),
        Err(Error::JwtCritUnsupported),
        "named in crit, absent from the header"
    );
    assert_eq!(
        check(&token(r#"{"alg":"HS256","crit":["b64"],"b64":false}"#), &v),
        Err(Error::JwtCritUnsupported),
        "b64 is never understood"
    );
    assert_eq!(
        check(
            &token(r#"{"alg":"HS256","crit":["exp","x"],"exp":1,"x":1}"#),
            &v
        ),
        Err(Error::JwtCritUnsupported)
    );
}

#[test]
fn duplicate_members() {
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","alg":"HS256"}"#, P)),
        Err(Error::JwtHeaderDuplicate)
    );
    assert_eq!(
        at_now(&hs256(r#"{"alg":"HS256","\u0061lg":"none"}"#, P)),
        Err(Error::JwtHeaderDuplicate)
    );
    assert_eq!(
        at_now(&hs256(H, r#"{"sub":"a","sub":"b","exp":1700000100}"#)),
        Err(Error::JwtPayloadDuplicate)
    );
    assert_eq!(
        at_now(&hs256(H, r#"{"exp":1,"exp":1700000100}"#)),
        Err(Error::JwtPayloadDuplicate)
    );
    // A claim object read by two parsers that keep different duplicates
    // (first wins, last wins) would grant different rights: refused at
    // every depth.
    assert_eq!(
        at_now(&hs256(
            H,
            r#"{"sub":"a","exp":1700000100,"role":{"admin":false,"admin":true}}"#
        )),
        Err(Error::JwtPayloadDuplicate)
    );
    assert_eq!(
        at_now(&hs256(
            H,
            r#"{"sub":"a","exp":1700000100,"orgs":[{"id":1,"roles":{"r":1,"\u0072":2}}]}"#
        )),
        Err(Error::JwtPayloadDuplicate)
    );
    assert!(
        at_now(&hs256(
            H,
            r#"{"sub":"a","exp":1700000100,"orgs":[{"id":1},{"id":2}]}"#
        ))
        .is_ok()
    );
}

#[test]
fn base64_padding_and_non_canonical_forms() {
    let token = hs256(H, P);
    let parts: Vec<&str> = token.split('.').collect();
    // The header is 27 bytes: its encoding ends a full group, so one
    // extra '=' is what padding would look like elsewhere.
    let padded = |s: &str| format!("{s}=");
    assert_eq!(
        at_now(&format!("{}.{}.{}", padded(parts[0]), parts[1], parts[2])),
        Err(Error::JwtHeaderBase64)
    );
    assert_eq!(
        at_now(&format!("{}.{}.{}", parts[0], padded(parts[1]), parts[2])),
        Err(Error::JwtPayloadBase64)
    );
    assert_eq!(
        at_now(&format!("{}.{}.{}", parts[0], parts[1], padded(parts[2]))),
        Err(Error::JwtSignatureBase64)
    );
    // '+' and '/' are not base64url.
    let std_sig = parts[2].replace('-', "+").replace('_', "/");
    if std_sig != parts[2] {
        assert_eq!(
            at_now(&format!("{}.{}.{std_sig}", parts[0], parts[1])),
            Err(Error::JwtSignatureBase64)
        );
    }
    // Non-zero trailing bits: the last character of a 32-byte signature
    // carries 4 unused bits.
    let mut sig = parts[2].as_bytes().to_vec();
    let last = sig.len() - 1;
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let index = alphabet.iter().position(|&c| c == sig[last]).unwrap();
    sig[last] = alphabet[index | 1];
    assert_eq!(
        at_now(&format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            String::from_utf8(sig).unwrap()
        )),
        Err(Error::JwtSignatureBase64)
    );
    // A truncated signature.
    assert_eq!(
        at_now(&format!("{}.{}.{}", parts[0], parts[1], &parts[2][..40])),
        Err(Error::JwtSignatureBase64)
    );
}

#[test]
fn whitespace_and_segments() {
    let token = hs256(H, P);
    for bad in [
        format!(" {token}"),
        format!("{token}\n"),
        token.replacen('.', ". ", 1),
    ] {
        assert!(at_now(&bad).is_err(), "{bad:?}");
    }
    let parts: Vec<&str> = token.split('.').collect();
    for bad in [
        String::new(),
        parts[0].to_string(),
        format!("{}.{}", parts[0], parts[1]),
        format!("{token}."),
        format!("{token}.{}", parts[2]),
        format!(".{}.{}", parts[1], parts[2]),
        format!("{}..{}", parts[0], parts[2]),
        format!("{}.{}..{}", parts[0], parts[1], parts[2]),
        format!("{}..{}.{}", parts[0], parts[1], parts[2]),
        // Four segments are reported before any bad base64 in them.
        format!("!{}.{}.x.{}", parts[0], parts[1], parts[2]),
        format!("{}.{}!.x.{}", parts[0], parts[1], parts[2]),
        format!("{}.{}.x.{}!", parts[0], parts[1], parts[2]),
        format!("{}.x.{}", parts[0], parts[2]).repeat(2),
    ] {
        assert_eq!(at_now(&bad), Err(Error::JwtMalformed), "{bad:?}");
    }
}

#[test]
fn non_object_header_or_payload() {
    for header in ["[]", r#""HS256""#, "null", "{", r#"{"alg":"HS256"} x"#] {
        assert_eq!(
            at_now(&hs256(header, P)),
            Err(Error::JwtHeaderInvalid),
            "{header}"
        );
    }
    for payload in ["[]", "1", r#""claims""#, "{", r#"{"exp":1700000100}{}"#, ""] {
        let token = hs256(H, payload);
        let expected = if payload.is_empty() {
            Err(Error::JwtMalformed)
        } else {
            Err(Error::JwtPayloadInvalid)
        };
        assert_eq!(at_now(&token), expected, "{payload:?}");
    }
}

#[test]
fn deep_nesting_and_oversized_tokens() {
    let deep = format!(
        r#"{{"exp":1700000100,"x":{}{}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_eq!(at_now(&hs256(H, &deep)), Err(Error::JwtPayloadInvalid));
    let shallow = format!(
        r#"{{"exp":1700000100,"x":{}{}}}"#,
        "[".repeat(20),
        "]".repeat(20)
    );
    assert_eq!(at_now(&hs256(H, &shallow)), Ok(()));
    let big = format!(r#"{{"exp":1700000100,"x":"{}"}}"#, "a".repeat(9000));
    assert_eq!(at_now(&hs256(H, &big)), Err(Error::JwtTooLong));
    assert_eq!(
        check(&hs256(H, &big), &Validation::new(NOW).max_token_len(20_000)),
        Ok(())
    );
}

#[test]
fn a_too_small_buffer_says_how_much() {
    let token = hs256(H, P);
    let mut small = [0u8; 8];
    match jwt::verify(token.as_bytes(), &keys(), &Validation::new(NOW), &mut small) {
        Err(Error::BufferTooSmall { needed }) => assert_eq!(needed, H.len() + P.len()),
        other => panic!("{other:?}"),
    }
}
