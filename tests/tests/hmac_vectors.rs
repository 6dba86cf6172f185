//! HMAC keys against RFC 2202 (SHA-1), RFC 4231 (SHA-256/384/512) and the
//! Wycheproof HMAC files, through `HmacKey` and `KeyRing`.

use jeton::Error;
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton_tests::{cases, hex, load_json};

/// Checks one RFC case: the RFC gives a full tag or a truncation of it.
fn check_rfc_case(alg: Algorithm, key: &[u8], data: &[u8], expected: &[u8]) {
    let key = HmacKey::new(alg, key);
    let tag = key.sign(data);
    assert!(tag.as_bytes().starts_with(expected), "{alg:?}");
    if expected.len() == alg.tag_len() {
        assert_eq!(key.verify(data, expected), Ok(()));
        let mut out = [0u8; 64];
        assert_eq!(key.sign_into(data, &mut out), Ok(alg.tag_len()));
        assert_eq!(&out[..alg.tag_len()], expected);
        // The same tag when the data comes in two parts.
        let (a, b) = data.split_at(data.len() / 2);
        assert_eq!(key.verify_parts(&[a, b], expected), Ok(()));
    } else {
        // A truncated tag is never accepted as the tag.
        assert_eq!(key.verify(data, expected), Err(Error::SignatureMismatch));
    }
}

#[test]
fn rfc2202_hmac_sha1() {
    let v = load_json("hmac/rfc2202.json");
    let cases = cases(&v["cases"], 7);
    for case in cases {
        let s = |k: &str| hex(case[k].as_str().unwrap());
        check_rfc_case(Algorithm::Sha1, &s("key"), &s("data"), &s("sha1"));
    }
}

#[test]
fn rfc4231_hmac_sha2() {
    let v = load_json("hmac/rfc4231.json");
    let cases = cases(&v["cases"], 7);
    for case in cases {
        let s = |k: &str| hex(case[k].as_str().unwrap());
        for (alg, field) in [
            (Algorithm::Sha256, "sha256"),
            (Algorithm::Sha384, "sha384"),
            (Algorithm::Sha512, "sha512"),
        ] {
            check_rfc_case(alg, &s("key"), &s("data"), &s(field));
        }
    }
}

/// Runs a Wycheproof HMAC file: every test whose tag size is the full
/// output (jeton verifies full tags only) must come out as the file says.
fn wycheproof(file: &str, alg: Algorithm) -> (usize, usize) {
    let v = load_json(file);
    let (mut passed, mut skipped) = (0, 0);
    for group in v["testGroups"].as_array().unwrap() {
        let full = group["tagSize"].as_u64() == Some(8 * alg.tag_len() as u64);
        for test in group["tests"].as_array().unwrap() {
            if !full {
                skipped += 1;
                continue;
            }
            let key = hex(test["key"].as_str().unwrap());
            let msg = hex(test["msg"].as_str().unwrap());
            let tag = hex(test["tag"].as_str().unwrap());
            let valid = match test["result"].as_str().unwrap() {
                "valid" => true,
                "invalid" => false,
                other => panic!("tcId {}: result {other}", test["tcId"]),
            };
            let key = HmacKey::new(alg, &key);
            let ring: KeyRing<1> = KeyRing::with_key(key.clone()).unwrap();
            assert_eq!(
                key.verify(&msg, &tag).is_ok(),
                valid,
                "{file} tcId {}",
                test["tcId"]
            );
            assert_eq!(
                ring.verify(&msg, &tag).is_ok(),
                valid,
                "{file} tcId {}",
                test["tcId"]
            );
            if valid {
                assert_eq!(key.sign(&msg).as_bytes(), tag.as_slice());
            }
            passed += 1;
        }
    }
    (passed, skipped)
}

#[test]
fn wycheproof_hmac() {
    let mut report = Vec::new();
    for (file, alg) in [
        ("wycheproof/hmac_sha1_test.json", Algorithm::Sha1),
        ("wycheproof/hmac_sha256_test.json", Algorithm::Sha256),
        ("wycheproof/hmac_sha384_test.json", Algorithm::Sha384),
        ("wycheproof/hmac_sha512_test.json", Algorithm::Sha512),
    ] {
        let (passed, skipped) = wycheproof(file, alg);
        assert!(passed > 50, "{file}: only {passed} full-size cases");
        report.push(format!(
            "{file}: {passed} pass, 0 fail, {skipped} truncated-tag cases skipped"
        ));
    }
    println!("{}", report.join("\n"));
}

/// `from_base64` decodes in constant time but must agree with the plain
/// key.
#[test]
fn base64_secret_agrees() {
    let key = HmacKey::from_base64(Algorithm::Sha256, "SmVmZQ==").unwrap();
    let plain = HmacKey::new(Algorithm::Sha256, b"Jefe");
    assert_eq!(
        key.sign(b"what do ya want for nothing?"),
        plain.sign(b"what do ya want for nothing?")
    );
}
