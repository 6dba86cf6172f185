//! Interop with Node's signed cookies, from vectors the real packages
//! produced (`tests/gen/npm/signed.mjs` writes `tests/vectors/npm-signed.json`):
//! keygrip, cookie-session (through `cookies`), cookie-signature and
//! express-session, the last two servers run for real on 127.0.0.1.
//!
//! jeton must produce byte-identical signatures and `Set-Cookie` headers
//! from the same inputs, and accept exactly the requests the Node servers
//! accepted (tampered, truncated, re-ordered and wrong-secret ones
//! included).

use jeton::cookie::{AttributeStyle, CookieHeader};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::signed::{cookie_signature, keygrip};
use jeton_tests::shared::cookie::rebuild;
use jeton_tests::{cases, load_json};
use serde_json::Value;

fn algorithm(name: &str) -> Algorithm {
    match name {
        "sha1" => Algorithm::Sha1,
        "sha256" => Algorithm::Sha256,
        "sha384" => Algorithm::Sha384,
        "sha512" => Algorithm::Sha512,
        other => panic!("algorithm {other}"),
    }
}

fn ring(keys: &Value, alg: Algorithm) -> KeyRing<4> {
    let mut ring = KeyRing::new();
    for key in keys.as_array().unwrap() {
        ring.push(HmacKey::new(alg, key.as_str().unwrap().as_bytes()))
            .unwrap();
    }
    ring
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

#[test]
fn keygrip_sign_and_index() {
    let v = load_json("npm-signed.json");
    let cases = cases(&v["keygrip"], 512);
    let (mut accepted, mut rejected) = (0, 0);
    for case in cases {
        let alg = algorithm(s(&case["algorithm"]));
        let ring = ring(&case["keys"], alg);
        let data = s(&case["data"]);
        let (name, value) = data.split_once('=').unwrap();
        let digest = s(&case["digest"]);
        let index = case["index"].as_i64().unwrap();
        let ours = keygrip::verify(&ring, name.as_bytes(), value.as_bytes(), digest.as_bytes());
        match ours {
            Ok(i) => {
                assert_eq!(i as i64, index, "{case}");
                accepted += 1;
            }
            Err(e) => {
                assert_eq!(index, -1, "{case}: {e:?}");
                rejected += 1;
            }
        }
        if index == 0 {
            let mut sig = [0u8; keygrip::MAX_SIGNATURE_LEN];
            let n = keygrip::sign(&ring.keys()[0], name.as_bytes(), value.as_bytes(), &mut sig)
                .unwrap();
            assert_eq!(&sig[..n], digest.as_bytes(), "{case}");
        }
    }
    println!(
        "keygrip {}: {accepted} accepted and {rejected} rejected, as keygrip did",
        v["libraries"]["keygrip"]
    );
    assert!(accepted > 50 && rejected > 200);
}

#[test]
fn cookie_signature_sign_and_unsign() {
    let v = load_json("npm-signed.json");
    for case in cases(&v["cookie_signature"]["sign"], 24) {
        let key = HmacKey::new(Algorithm::Sha256, s(&case["secret"]).as_bytes());
        let mut out = [0u8; 512];
        let n = cookie_signature::sign(&key, s(&case["value"]).as_bytes(), &mut out).unwrap();
        assert_eq!(std::str::from_utf8(&out[..n]).unwrap(), s(&case["signed"]));
    }
    let cases = cases(&v["cookie_signature"]["unsign"], 132);
    let mut accepted = 0;
    for case in cases {
        let ring: KeyRing<1> = KeyRing::with_key(HmacKey::new(
            Algorithm::Sha256,
            s(&case["secret"]).as_bytes(),
        ))
        .unwrap();
        let ours = cookie_signature::unsign(&ring, s(&case["input"]).as_bytes());
        match (&case["result"], ours) {
            (Value::String(value), Ok(verified)) => {
                assert_eq!(verified.value, value.as_bytes(), "{case}");
                accepted += 1;
            }
            (Value::Bool(false), Err(_)) => {}
            (theirs, ours) => panic!("{case}: Node {theirs}, jeton {ours:?}"),
        }
    }
    println!(
        "cookie-signature: {} unsign cases agree ({accepted} accepted)",
        cases.len()
    );
}

#[test]
fn cookie_session_set_cookie_headers_are_byte_identical() {
    let v = load_json("npm-signed.json");
    let cases = cases(&v["cookie_session"]["responses"], 20);
    for case in cases {
        let alg = algorithm(s(&case["algorithm"]));
        let ring = ring(&case["keys"], alg);
        let mut value = [0u8; 1024];
        let value_len = match case["json"].as_str() {
            Some(json) => keygrip::encode_session_value(json.as_bytes(), &mut value).unwrap(),
            None => 0, // removal: an empty value
        };
        let theirs = case["set_cookie"].as_array().unwrap();
        let main = s(&theirs[0]);
        let cookie = rebuild(
            main.as_bytes(),
            &value[..value_len],
            AttributeStyle::NpmCookies,
        )
        .unwrap();
        let (mut a, mut b) = ([0u8; 1024], [0u8; 1024]);
        let (m, n) = keygrip::write_set_cookies(&ring, &cookie, &mut a, &mut b).unwrap();
        assert_eq!(
            std::str::from_utf8(&a[..m]).unwrap(),
            main,
            "{}",
            case["label"]
        );
        assert_eq!(
            std::str::from_utf8(&b[..n]).unwrap(),
            s(&theirs[1]),
            "{}",
            case["label"]
        );
    }
    println!(
        "cookie-session: {} responses reproduced byte for byte",
        cases.len()
    );
}

#[test]
fn cookie_session_accepts_exactly_what_node_accepts() {
    let v = load_json("npm-signed.json");
    let cases = cases(&v["cookie_session"]["requests"], 270);
    let mut accepted = 0;
    for case in cases {
        let alg = algorithm(s(&case["algorithm"]));
        let ring = ring(&case["keys"], alg);
        let name = s(&case["name"]);
        let header = s(&case["cookie_header"]);
        let verified = keygrip::verify_cookie(&ring, header.as_bytes(), name.as_bytes());
        // cookie-session also needs a non-empty value that decodes to JSON.
        let session = verified.ok().and_then(|verified| {
            let mut json = [0u8; 1024];
            let n = keygrip::decode_session_value(verified.value, &mut json).ok()?;
            let value: Value = serde_json::from_slice(&json[..n]).ok()?;
            Some((verified, value))
        });
        let node_accepted = case["accepted"].as_bool().unwrap();
        assert_eq!(
            session.is_some(),
            node_accepted,
            "{}: {header}",
            case["label"]
        );
        if let Some((verified, value)) = session {
            let theirs: Value = serde_json::from_str(s(&case["session_json"])).unwrap();
            assert_eq!(value, theirs, "{}", case["label"]);
            // Node re-signs when an older key matched; so must the caller.
            let resigned = case["set_cookie"].as_array().unwrap();
            assert_eq!(
                verified.key_index > 0,
                !resigned.is_empty(),
                "{}",
                case["label"]
            );
            if let Some(resigned) = resigned.first() {
                let mut sig = [0u8; 128];
                let n = keygrip::sign(
                    ring.signing_key().unwrap(),
                    name.as_bytes(),
                    verified.value,
                    &mut sig,
                )
                .unwrap();
                let expected = format!("{name}.sig={}", std::str::from_utf8(&sig[..n]).unwrap());
                assert!(s(resigned).starts_with(&expected), "{}", case["label"]);
            }
            accepted += 1;
        }
    }
    println!(
        "cookie-session: {} requests judged as the Node server judged them ({accepted} accepted)",
        cases.len()
    );
}

#[test]
fn express_session_set_cookie_is_byte_identical() {
    let v = load_json("npm-signed.json");
    let cases = cases(&v["express_session"]["responses"], 9);
    for case in cases {
        let secret = s(&case["secrets"][0]);
        let key = HmacKey::new(Algorithm::Sha256, secret.as_bytes());
        let mut value = [0u8; 256];
        let n =
            cookie_signature::express_cookie_value(&key, s(&case["sid"]).as_bytes(), &mut value)
                .unwrap();
        let theirs = s(&case["set_cookie"]);
        let cookie = rebuild(theirs.as_bytes(), &value[..n], AttributeStyle::NpmCookie).unwrap();
        let mut out = [0u8; 512];
        let m = cookie.write(&mut out).unwrap();
        assert_eq!(
            std::str::from_utf8(&out[..m]).unwrap(),
            theirs,
            "{}",
            case["label"]
        );
    }
    println!(
        "express-session: {} Set-Cookie headers reproduced byte for byte",
        cases.len()
    );
}

#[test]
fn express_session_accepts_exactly_what_node_accepts() {
    let v = load_json("npm-signed.json");
    let cases = cases(&v["express_session"]["requests"], 126);
    let mut accepted = 0;
    for case in cases {
        let mut ring: KeyRing<4> = KeyRing::new();
        for secret in case["secrets"].as_array().unwrap() {
            ring.push(HmacKey::new(Algorithm::Sha256, s(secret).as_bytes()))
                .unwrap();
        }
        let header = s(&case["cookie_header"]);
        let cookies = CookieHeader::parse(header).unwrap();
        let mut scratch = [0u8; 256];
        let ours =
            cookie_signature::express_unsign(&ring, &cookies, s(&case["name"]), &mut scratch);
        let node_accepted = case["accepted"].as_bool().unwrap();
        assert_eq!(
            ours.is_ok(),
            node_accepted,
            "{}: {header} -> {ours:?}",
            case["label"]
        );
        if let Ok(verified) = ours {
            assert_eq!(verified.value, s(&case["sid"]).as_bytes());
            accepted += 1;
        }
    }
    println!(
        "express-session: {} requests judged as the Node server judged them ({accepted} accepted)",
        cases.len()
    );
}
