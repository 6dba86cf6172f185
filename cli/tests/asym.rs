//! Asymmetric keys on the command line: the tokens, keys, JWK Sets and
//! attacks of `tests/vectors/asym-jwt.json` (npm jose and PyJWT; format in
//! `tests/vectors/asym-jwt.md`), the RFC 7515, RFC 7638 and RFC 8037
//! examples, and `keygen` round trips.

mod common;

use common::{Run, jeton, s, temp_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn data() -> Value {
    common::vectors("asym-jwt.json")
}

/// `data()["keys"]` entry `id`.
fn key<'a>(data: &'a Value, id: &str) -> &'a Value {
    data["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no key {id}"))
}

/// `data()["jwks"]` entry `id`.
fn set<'a>(data: &'a Value, id: &str) -> &'a Value {
    data["jwks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("no set {id}"))
}

/// Writes `text` to `dir/name`; returns the path as a string.
fn file(dir: &Path, name: &str, text: &str) -> String {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The validation options of a shape of `jwt-shapes.json`.
fn shape_options(shapes: &Value, shape: &str) -> Vec<String> {
    let shape = shapes["shapes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == shape)
        .unwrap();
    let mut args = Vec::new();
    if let Some(iss) = shape["validation"]["issuer"].as_str() {
        args.extend(["--iss".to_owned(), iss.to_owned()]);
    }
    if let Some(aud) = shape["validation"]["audience"].as_str() {
        args.extend(["--aud".to_owned(), aud.to_owned()]);
    }
    args
}

/// `jeton jwt verify TOKEN --key-file KEY --now NOW --json` and `extra`.
fn verify(token: &str, key_file: &str, now: &str, extra: &[String]) -> Run {
    let mut args = vec![
        "jwt",
        "verify",
        token,
        "--key-file",
        key_file,
        "--now",
        now,
        "--json",
    ];
    args.extend(extra.iter().map(String::as_str));
    jeton(&args)
}

/// The check a refused run names.
fn check(r: &Run) -> String {
    r.code(1);
    s(&r.json()["error"]["check"]).to_owned()
}

/// Every token jose and PyJWT signed (every algorithm: ES256, ES384,
/// EdDSA and Ed25519, RS256/384/512, PS256/384/512) verifies with its
/// key's public JWK and with its SPKI PEM exactly when jose accepts it
/// (PyJWT agrees but for the `alg: "Ed25519"` tokens it does not
/// implement), with jose's claims; the refusals name the shape's check.
#[test]
fn peer_tokens_verify_with_the_public_jwk_and_the_pem() {
    let data = data();
    let shapes = common::jwt_shapes();
    let now = data["now"].as_i64().unwrap().to_string();
    let dir = temp_dir("asym-tokens");
    let mut algs = std::collections::BTreeSet::new();
    let mut counts = (0, 0);
    for t in data["tokens"].as_array().unwrap() {
        let k = key(&data, s(&t["key"]));
        let jwk = file(&dir, "key.jwk", &k["public_jwk"].to_string());
        let pem = file(&dir, "key.pem", s(&k["spki_pem"]));
        let options = shape_options(&shapes, s(&t["shape"]));
        let jose = &t["verdicts"]["jose"];
        for key_file in [&jwk, &pem] {
            let r = verify(s(&t["token"]), key_file, &now, &options);
            let case = format!("{} with {key_file}", t["id"]);
            if jose["accepted"].as_bool().unwrap() {
                r.code(0);
                assert_eq!(r.json()["claims"], jose["claims"], "{case}");
                assert_eq!(r.json()["algorithm"], t["alg"], "{case}");
            } else {
                let expected = match s(&t["shape"]) {
                    "expired" => "JwtExpired",
                    "wrong audience" => "JwtAudienceInvalid",
                    other => panic!("{case}: shape {other}"),
                };
                assert_eq!(check(&r), expected, "{case}");
            }
        }
        if jose["accepted"].as_bool().unwrap() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
        algs.insert(s(&t["alg"]).to_owned());
    }
    assert_eq!(counts, (105, 16));
    assert_eq!(algs.len(), 10, "every asymmetric algorithm: {algs:?}");
}

/// The provider's JWK Set: what it loads, and its tokens verify as jose
/// decides, but for the one choice jeton makes otherwise (the core's
/// interop test names it): a token without kid that two RSA keys could
/// have signed is tried against both, where jose refuses the ambiguity.
#[test]
fn the_provider_jwk_set() {
    let data = data();
    let now = data["now"].as_i64().unwrap().to_string();
    let dir = temp_dir("asym-provider");
    let provider = set(&data, "provider");
    let jwks = file(&dir, "jwks.json", &provider["document"].to_string());
    let mut checked = 0;
    for t in provider["tokens"].as_array().unwrap() {
        let what = s(&t["what"]);
        let r = verify(s(&t["token"]), &jwks, &now, &[]);
        let deviation = what == "RS256 without kid (two RSA candidates: entries 0 and 2)";
        let accepted = t["verdicts"]["jose"]["accepted"].as_bool().unwrap() != deviation;
        assert_eq!(r.code == 0, accepted, "{what}: {r:?}");
        if accepted {
            assert_eq!(r.json()["claims"]["sub"], "user-1", "{what}");
        } else {
            r.code(1);
        }
        checked += 1;
    }
    assert_eq!(checked, 17);

    // Ten entries: six signing keys and the use-enc and key_ops-encrypt
    // keys load (the last two never verify), X25519 and the unknown kty
    // are skipped.
    let es256 = s(&provider["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["what"] == "ES256, kid of entry 3")
        .unwrap()["token"])
    .to_owned();
    let r = verify(&es256, &jwks, &now, &[]);
    assert_eq!(
        r.code(0).json()["keys"],
        json!([{"source": format!("--key-file {jwks}"), "format": "JWK Set",
                "loaded": 8, "skipped": 2, "left_out_by_alg": 0, "not_for_verify": 2}])
    );
    assert_eq!(r.json()["key"]["kid"], "es256-1");
    assert_eq!(r.json()["key"]["type"], "EC P-256 key");
    let text = jeton(&["jwt", "verify", &es256, "--key-file", &jwks, "--now", &now]);
    assert!(
        text.code(0)
            .stderr
            .contains("JWK Set, 8 keys loaded (2 not for verifying: use/key_ops), 2 skipped"),
        "{}",
        text.stderr
    );
    assert!(text.stdout.contains("(kid \"es256-1\")"), "{}", text.stdout);

    // --alg narrows the set: the two P-256 keys stay.
    let alg = ["--alg".to_owned(), "ES256".to_owned()];
    let r = verify(&es256, &jwks, &now, &alg);
    assert_eq!(r.code(0).json()["keys"][0]["loaded"], 2);
    assert_eq!(r.json()["keys"][0]["left_out_by_alg"], 6);
    let rs256 = s(&provider["tokens"][0]["token"]).to_owned();
    assert_eq!(check(&verify(&rs256, &jwks, &now, &alg)), "JwtAlgMismatch");

    // A set never signs.
    let r = jeton(&["jwt", "sign", "--key-file", &jwks, "--exp", "+1h"]);
    assert!(r.code(2).stderr.contains("cannot sign"), "{}", r.stderr);
}

/// Sets jeton refuses whole (issue 15's rule) are usage errors naming the
/// core's check; an empty set has no key to verify with.
#[test]
fn malformed_jwk_sets_are_refused() {
    let data = data();
    let dir = temp_dir("asym-malformed");
    for (id, expected) in [
        ("malformed-keys-object", "JwkSetInvalid"),
        ("malformed-key-not-object", "JwkSetInvalid"),
        ("malformed-missing-member", "JwkInvalid"),
        ("malformed-missing-e", "JwkInvalid"),
        ("private-member", "JwkPrivateMembers"),
        // {"key": [...]}: no kty, no keys.
        ("malformed-no-keys", "neither a JWK"),
        ("empty", "no usable key"),
    ] {
        let d = set(&data, id);
        let path = file(&dir, "jwks.json", &d["document"].to_string());
        let token = s(&d["tokens"][0]["token"]);
        let r = jeton(&["jwt", "verify", token, "--key-file", &path]);
        assert!(r.code(2).stderr.contains(expected), "{id}: {}", r.stderr);
    }
}

/// Every attack of the file is refused (jose refuses them all, PyJWT all
/// but the key-usage ones), exit 1 naming the check that caught it, but
/// for the keys jeton will not load at all (exit 2); the high-S ECDSA
/// signatures (valid, as both peers agree) and the controls verify.
#[test]
fn attacks_are_refused_by_the_right_check() {
    let data = data();
    let now = data["now"].as_i64().unwrap().to_string();
    let dir = temp_dir("asym-attacks");
    let expected: &[(&str, &str)] = &[
        // The token's HS256 is never served by a public key (its PEM text
        // as an HMAC secret is what the attacker signed with).
        ("alg-confusion-rsa-pem", "JwtAlgMismatch"),
        ("alg-confusion-rsa-pem-trimmed", "JwtAlgMismatch"),
        ("alg-confusion-rsa-pem-jwks", "JwtAlgMismatch"),
        ("alg-confusion-ec-pem", "JwtAlgMismatch"),
        ("alg-confusion-ed25519-pem", "JwtAlgMismatch"),
        // Unsecured tokens: an empty signature segment is malformed before
        // alg is read; with a signature, alg none in any case is refused.
        ("none", "JwtMalformed"),
        ("none-capitalized", "JwtMalformed"),
        ("none-upper", "JwtMalformed"),
        ("none-rsa", "JwtMalformed"),
        ("none-jwks", "JwtMalformed"),
        ("none-with-signature", "JwtAlgNone"),
        // ECDSA signatures are r || s of a fixed length (RFC 7518 3.4).
        ("es256-der", "JwtSignatureBase64"),
        ("es384-der", "JwtSignatureBase64"),
        ("es256-truncated", "JwtSignatureBase64"),
        ("es256-header-p384-key", "JwtAlgMismatch"),
        ("es384-header-p256-key", "JwtAlgMismatch"),
        ("ps256-header-pkcs1-signature", "JwtSignatureMismatch"),
        ("rs256-header-pss-signature", "JwtSignatureMismatch"),
        ("rsa1024-rs256", "usage: KeyTooWeak"),
        ("rsa1024-ps256", "usage: KeyTooWeak"),
        // A JWK's use/key_ops that forbid verifying leave no key for it.
        ("jwk-use-enc", "JwtAlgMismatch"),
        ("jwk-key-ops-encrypt", "JwtAlgMismatch"),
        ("jwk-key-ops-sign", "JwtAlgMismatch"),
        ("jwk-use-sig-key-ops-verify", "valid"),
        ("jwk-alg-mismatch", "usage: KeyUnsupported"),
        ("jwk-private", "usage: private JWK"),
        ("jwks-use-enc", "JwtKeyNotFound"),
        ("jwks-key-ops-encrypt", "JwtKeyNotFound"),
        // Keys named by the header are never fetched nor used.
        ("embedded-jwk", "JwtSignatureMismatch"),
        ("embedded-jwk-jwks", "JwtSignatureMismatch"),
        ("embedded-jwk-no-kid", "JwtSignatureMismatch"),
        ("embedded-jwk-own-kid", "JwtKeyNotFound"),
        ("jku", "JwtSignatureMismatch"),
        ("jku-own-kid", "JwtKeyNotFound"),
        ("x5u", "JwtSignatureMismatch"),
        ("jku-direct-key", "JwtSignatureMismatch"),
        ("es256-high-s", "valid"),
        ("es256-low-s", "valid"),
        ("es384-high-s", "valid"),
        ("es384-low-s", "valid"),
        ("eddsa-s-plus-l", "JwtSignatureMismatch"),
        ("eddsa-control", "valid"),
        ("rsa-sig-plus-n", "JwtSignatureMismatch"),
        ("rsa-sig-leading-zero", "JwtSignatureBase64"),
        ("rsa-sig-control", "valid"),
        ("rsa-sig-plus-n-long", "JwtSignatureBase64"),
        ("rsa-sig-equals-n", "JwtSignatureMismatch"),
        ("rsa-sig-zero", "JwtSignatureMismatch"),
        ("rsa-sig-one", "JwtSignatureMismatch"),
        ("ps256-sig-plus-n", "JwtSignatureMismatch"),
    ];
    let attacks = data["attacks"].as_array().unwrap();
    assert_eq!(attacks.len(), expected.len());
    let any = ["--require", "none", "--any-aud"].map(str::to_owned);
    for attack in attacks {
        let id = s(&attack["id"]);
        let (_, want) = expected
            .iter()
            .find(|(a, _)| *a == id)
            .unwrap_or_else(|| panic!("{id} not listed"));
        let c = &attack["check"];
        let document = if let Some(k) = c["key"].as_str() {
            key(&data, k)["public_jwk"].to_string()
        } else if let Some(jwk) = c.get("jwk") {
            jwk.to_string()
        } else {
            set(&data, s(&c["jwks"]))["document"].to_string()
        };
        let path = file(&dir, "key.json", &document);
        let r = verify(s(&attack["token"]), &path, &now, &any);
        let jose = attack["verdicts"]["jose"]["accepted"].as_bool().unwrap();
        match *want {
            "valid" => {
                assert!(jose, "{id}");
                r.code(0);
            }
            usage if usage.starts_with("usage: ") => {
                assert!(!jose, "{id}");
                assert!(
                    r.code(2).stderr.contains(&usage["usage: ".len()..]),
                    "{id}: {}",
                    r.stderr
                );
            }
            name => {
                assert!(!jose, "{id}");
                assert_eq!(check(&r), name, "{id}: {}", r.stdout);
            }
        }
    }
}

/// The refusals say what the key and the token hold.
#[test]
fn refusals_explain_themselves() {
    let data = data();
    let now = data["now"].as_i64().unwrap().to_string();
    let dir = temp_dir("asym-explain");
    let attack = |id: &str| {
        data["attacks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
    };
    let detail = |r: &Run| s(&r.json()["error"]["detail"]).to_owned();
    let rsa = file(&dir, "rsa.pem", s(&key(&data, "rsa2048")["spki_pem"]));
    let r = verify(
        s(&attack("alg-confusion-rsa-pem")["token"]),
        &rsa,
        &now,
        &[],
    );
    let d = detail(r.code(1));
    assert!(
        d.contains("\"HS256\"") && d.contains("never from the token") && d.contains("RSA key"),
        "{d}"
    );
    let es256 = file(
        &dir,
        "es256.jwk",
        &key(&data, "es256")["public_jwk"].to_string(),
    );
    let r = verify(s(&attack("es256-der")["token"]), &es256, &now, &[]);
    let d = detail(r.code(1));
    assert!(d.contains("71 bytes") && d.contains("DER"), "{d}");
    let r = verify(s(&attack("none")["token"]), &es256, &now, &[]);
    assert!(detail(r.code(1)).contains("alg \"none\""), "{}", r.stdout);
    let enc = attack("jwk-use-enc");
    let path = file(&dir, "enc.jwk", &enc["check"]["jwk"].to_string());
    let r = verify(s(&enc["token"]), &path, &now, &[]);
    assert!(detail(r.code(1)).contains("use/key_ops"), "{}", r.stdout);
    let jwks = file(
        &dir,
        "jwks.json",
        &set(&data, "provider")["document"].to_string(),
    );
    let r = verify(
        s(&attack("embedded-jwk-own-kid")["token"]),
        &jwks,
        &now,
        &[],
    );
    let d = detail(r.code(1));
    assert!(d.contains("\"attacker-1\"") && d.contains("es256-1"), "{d}");
    let r = verify(s(&attack("jwks-use-enc")["token"]), &jwks, &now, &[]);
    let d = detail(r.code(1));
    assert!(
        d.contains("p256-enc") && d.contains("forbid verifying"),
        "{d}"
    );
}

/// Keys in every form each command takes, and those it refuses.
#[test]
fn key_forms() {
    let data = data();
    let now = data["now"].as_i64().unwrap().to_string();
    let dir = temp_dir("asym-forms");
    let es256 = key(&data, "es256");
    let token = s(&data["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "es256" && t["shape"] == "minimal")
        .unwrap()["token"])
    .to_owned();
    // The JWK and the PEM from --key and --key-env as well as from a file,
    // the PEM with text around it.
    let jwk = es256["public_jwk"].to_string();
    let pem = s(&es256["spki_pem"]).to_owned();
    jeton(&["jwt", "verify", &token, "--key", &jwk, "--now", &now]).code(0);
    jeton(&[
        "jwt",
        "verify",
        &token,
        &format!("--key={pem}"),
        "--now",
        &now,
    ])
    .code(0);
    let o = common::command(&[
        "jwt",
        "verify",
        &token,
        "--key-env",
        "JETON_TEST_PEM",
        "--now",
        &now,
    ])
    .env("JETON_TEST_PEM", &pem)
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let noisy = file(
        &dir,
        "noisy.pem",
        &format!("Subject: test\n{pem}\nmore text\n"),
    );
    jeton(&["jwt", "verify", &token, "--key-file", &noisy, "--now", &now]).code(0);
    // A secret and a public key together: each verifies its own tokens.
    let hs = "text:a secret of at least thirty-two bytes";
    jeton(&[
        "jwt", "verify", &token, "--key", hs, "--key", &jwk, "--now", &now,
    ])
    .code(0);
    // verify takes the public key: the private one is refused, as jose
    // refuses a JWK with private members where a public key goes.
    let private = es256["private_jwk"].to_string();
    let r = jeton(&["jwt", "verify", &token, "--key", &private, "--now", &now]);
    assert!(r.code(2).stderr.contains("jwk public"), "{}", r.stderr);
    // sign takes the private key.
    let r = jeton(&["jwt", "sign", "--key", &jwk, "--exp", "+1h"]);
    assert!(r.code(2).stderr.contains("cannot sign"), "{}", r.stderr);
    let r = jeton(&["jwt", "sign", &format!("--key={pem}"), "--exp", "+1h"]);
    assert!(r.code(2).stderr.contains("cannot sign"), "{}", r.stderr);
    let rsa = key(&data, "rsa2048")["private_jwk"].to_string();
    let r = jeton(&["jwt", "sign", "--key", &rsa, "--exp", "+1h"]);
    assert!(r.code(2).stderr.contains("RSA"), "{}", r.stderr);
    // X25519 and P-521 are no keys jeton verifies with; RSA-1024 is too
    // weak.
    for (id, why) in [
        ("x25519", "KeyUnsupported"),
        ("p521", "KeyUnsupported"),
        ("rsa1024", "KeyTooWeak"),
    ] {
        let k = key(&data, id);
        for text in [k["public_jwk"].to_string(), s(&k["spki_pem"]).to_owned()] {
            let r = jeton(&["jwt", "verify", &token, &format!("--key={text}")]);
            assert!(r.code(2).stderr.contains(why), "{id}: {}", r.stderr);
        }
    }
    // A public key's text is never an HMAC secret, not for commands that
    // take secrets only either.
    let r = jeton(&["keygrip", "sign", "a=b", &format!("--key={pem}")]);
    assert!(
        r.code(2).stderr.contains("never used as a secret"),
        "{}",
        r.stderr
    );
    let r = jeton(&[
        "jwt",
        "verify",
        &token,
        &format!("--key={pem}"),
        "--alg",
        "HS256",
    ]);
    assert!(r.code(2).stderr.contains("--alg HS256"), "{}", r.stderr);
}

/// Signing with a peer's private key, verifying with its public key; the
/// key's kid goes into the header.
#[test]
fn sign_with_the_peers_private_keys() {
    let data = data();
    let dir = temp_dir("asym-sign");
    for (id, alg) in [
        ("es256", "ES256"),
        ("es384", "ES384"),
        ("ed25519", "EdDSA"),
        ("ed25519-nokid", "EdDSA"),
    ] {
        let k = key(&data, id);
        let private = file(&dir, "private.jwk", &k["private_jwk"].to_string());
        let public = file(&dir, "public.pem", s(&k["spki_pem"]));
        let r = jeton(&[
            "jwt",
            "sign",
            "--key-file",
            &private,
            "--sub",
            "user-1",
            "--exp",
            "+1h",
            "--json",
        ]);
        let j = r.code(0).json();
        assert_eq!(j["header"]["alg"], alg, "{id}");
        assert_eq!(j["header"]["kid"], k["kid"], "{id}");
        let token = s(&j["token"]).to_owned();
        let v = jeton(&["jwt", "verify", &token, "--key-file", &public, "--json"]);
        assert_eq!(v.code(0).json()["claims"]["sub"], "user-1", "{id}");
    }
    // --alg picks Ed25519's fully specified name (RFC 9864); --alg of
    // another family is refused.
    let k = key(&data, "ed25519");
    let private = file(&dir, "ed.jwk", &k["private_jwk"].to_string());
    let r = jeton(&[
        "jwt",
        "sign",
        "--key-file",
        &private,
        "--alg",
        "Ed25519",
        "--exp",
        "+1h",
        "--json",
    ]);
    assert_eq!(r.code(0).json()["header"]["alg"], "Ed25519");
    let r = jeton(&["jwt", "sign", "--key-file", &private, "--alg", "ES256"]);
    assert!(r.code(2).stderr.contains("EC P-256 key"), "{}", r.stderr);
}

/// RFC 7515 A.2 (RS256) and A.3 (ES256): valid before their exp. RFC 8037
/// A.4 (EdDSA): the signature verifies, then the payload, text and not a
/// claims set, is refused.
#[test]
fn rfc_examples_verify() {
    let data = data();
    let dir = temp_dir("asym-rfc");
    let rfc = |id: &str| {
        data["rfc"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
    };
    for id in ["rfc7515-a2", "rfc7515-a3"] {
        let r = rfc(id);
        let path = file(&dir, "key.jwk", &r["jwk"].to_string());
        let v = verify(s(&r["token"]), &path, "1300819379", &[]);
        assert_eq!(v.code(0).json()["claims"]["iss"], "joe", "{id}");
        assert_eq!(v.json()["algorithm"], r["alg"]);
    }
    let a4 = rfc("rfc8037-a4");
    let path = file(&dir, "ed.jwk", &a4["jwk"].to_string());
    assert_eq!(
        check(&verify(s(&a4["token"]), &path, "0", &[])),
        "JwtPayloadInvalid"
    );
    let tampered = s(&a4["token"]).replace(".hgyY0il", ".hgyY0iL");
    assert_eq!(
        check(&verify(&tampered, &path, "0", &[])),
        "JwtSignatureMismatch"
    );
}

/// `jwk thumbprint`: RFC 7638 section 3.1 and RFC 8037 A.3, and jose's
/// thumbprints of the peer keys, from the public JWK, the private JWK and
/// the PEM alike.
#[test]
fn thumbprints() {
    let data = data();
    for id in ["rfc7638-3.1", "rfc8037-a3"] {
        let r = data["rfc"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap();
        let out = jeton(&["jwk", "thumbprint", &r["jwk"].to_string()]);
        assert_eq!(out.code(0).stdout.trim_end(), s(&r["thumbprint"]), "{id}");
    }
    let dir = temp_dir("asym-thumbprints");
    for k in data["keys"].as_array().unwrap() {
        let id = s(&k["id"]);
        if ["rsa1024", "p521", "x25519"].contains(&id) {
            continue;
        }
        let expected = s(&k["thumbprint"]["jose"]);
        let pem = file(&dir, "key.pem", s(&k["spki_pem"]));
        for arg in [
            k["public_jwk"].to_string(),
            k["private_jwk"].to_string(),
            format!("@{pem}"),
        ] {
            let out = jeton(&["jwk", "thumbprint", &arg, "--json"]);
            assert_eq!(out.code(0).json()["thumbprint"], expected, "{id}");
        }
    }
    // A set: one line per key it loads.
    let provider = set(&data, "provider")["document"].to_string();
    let out = jeton(&["jwk", "thumbprint", &provider, "--json"]);
    let keys = out.code(0).json()["keys"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 8);
    let rsa = key(&data, "rsa2048");
    assert_eq!(
        keys[0],
        json!({"thumbprint": rsa["thumbprint"]["jose"], "type": "RSA key", "kid": rsa["kid"]})
    );
    // A file path needs its @.
    let pem = file(&dir, "key.pem", s(&rsa["spki_pem"]));
    let r = jeton(&["jwk", "thumbprint", &pem]);
    assert!(
        r.code(2).stderr.contains(&format!("@{pem}")),
        "{}",
        r.stderr
    );
}

/// `jwk public` turns each peer key into the peer's public JWK and SPKI
/// PEM: from the private JWK, from the public JWK (to PEM), from the PEM
/// (to a JWK, without kid: PEM has none).
#[test]
fn public_keys_match_the_peers() {
    let data = data();
    let dir = temp_dir("asym-public");
    for k in data["keys"].as_array().unwrap() {
        let id = s(&k["id"]);
        if ["rsa1024", "p521", "x25519"].contains(&id) {
            continue;
        }
        let public_jwk = &k["public_jwk"];
        let out = jeton(&["jwk", "public", &k["private_jwk"].to_string(), "--json"]);
        assert_eq!(&out.code(0).json(), public_jwk, "{id}");
        let out = jeton(&["jwk", "public", &public_jwk.to_string(), "--pem"]);
        assert_eq!(
            out.code(0).stdout.trim_end(),
            s(&k["spki_pem"]).trim_end(),
            "{id}"
        );
        let pem = file(&dir, "key.pem", s(&k["spki_pem"]));
        let out = jeton(&["jwk", "public", &format!("@{pem}"), "--json"]);
        let mut without_kid = public_jwk.clone();
        without_kid.as_object_mut().unwrap().remove("kid");
        assert_eq!(out.code(0).json(), without_kid, "{id}");
    }
    // RFC 7517 A.2's private keys give A.1's public ones (the members
    // A.2 writes: its RSA key has no alg nor kid).
    let a1 = data["rfc"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "rfc7517-a1")
        .unwrap();
    for public in a1["document"]["keys"].as_array().unwrap() {
        let kid = s(&public["kid"]);
        let private = &a1["private_jwks"][kid];
        let out = jeton(&["jwk", "public", &private.to_string(), "--json"]);
        let mut expected = public.clone();
        expected
            .as_object_mut()
            .unwrap()
            .retain(|name, _| private.get(name).is_some());
        assert_eq!(out.code(0).json(), expected, "{kid}");
        assert!(expected.get("n").or(expected.get("x")).is_some());
    }
}

/// `keygen es256|es384|ed25519`: the keys load back in the core (JWK and
/// PKCS#8), the thumbprint printed is every form's, and they sign tokens
/// that their public JWK and SPKI PEM verify.
#[test]
fn keygen_round_trips() {
    use jeton::jwt::JwtKey;
    let dir = temp_dir("asym-keygen");
    for (kind, alg, crv) in [
        ("es256", "ES256", "P-256"),
        ("es384", "ES384", "P-384"),
        ("ed25519", "EdDSA", "Ed25519"),
    ] {
        let j = jeton(&["keygen", kind, "--kid", "k1", "--json"])
            .code(0)
            .json();
        assert_eq!(j["alg"], alg);
        assert_eq!(j["kid"], "k1");
        let thumbprint = s(&j["thumbprint"]).to_owned();
        let private_jwk = j["private_jwk"].to_string();
        let private_pem = s(&j["private_pem"]).to_owned();
        let public_pem = s(&j["public_pem"]).to_owned();
        assert!(private_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let mut members: Vec<&str> = j["private_jwk"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        members.sort_unstable();
        let expected: &[&str] = if kind == "ed25519" {
            &["crv", "d", "kid", "kty", "x"]
        } else {
            &["crv", "d", "kid", "kty", "x", "y"]
        };
        assert_eq!(members, expected, "{kind}");
        assert_eq!(j["private_jwk"]["crv"], crv, "{kind}");
        // The core loads each form; each gives the printed thumbprint.
        let mut tp = [0u8; 43];
        for key in [
            JwtKey::from_private_jwk(private_jwk.as_bytes()).unwrap(),
            JwtKey::from_private_pem(private_pem.as_bytes()).unwrap(),
            JwtKey::from_jwk(j["public_jwk"].to_string().as_bytes()).unwrap(),
            JwtKey::from_pem(public_pem.as_bytes()).unwrap(),
        ] {
            let n = key.thumbprint(&mut tp).unwrap();
            assert_eq!(std::str::from_utf8(&tp[..n]).unwrap(), thumbprint, "{kind}");
            assert_eq!(key.algorithm().name(), alg, "{kind}");
        }
        let from_jwk = JwtKey::from_private_jwk(private_jwk.as_bytes()).unwrap();
        assert_eq!(from_jwk.kid(), Some("k1"));
        // Sign with each private form, verify with each public one.
        let private_jwk_file = file(&dir, "private.jwk", &private_jwk);
        let private_pem_file = file(&dir, "private.pem", &private_pem);
        let public_jwk_file = file(&dir, "public.jwk", &j["public_jwk"].to_string());
        let public_pem_file = file(&dir, "public.pem", &public_pem);
        for signer in [&private_jwk_file, &private_pem_file] {
            let token = jeton(&["jwt", "sign", "--key-file", signer, "--exp", "+1h"])
                .code(0)
                .stdout
                .trim_end()
                .to_owned();
            for verifier in [&public_jwk_file, &public_pem_file] {
                let v = jeton(&["jwt", "verify", &token, "--key-file", verifier, "--json"]);
                assert_eq!(v.code(0).json()["algorithm"], alg, "{kind}");
            }
            // Another fresh key does not verify it.
            let other = jeton(&["keygen", kind, "--json"]).code(0).json();
            let other = file(&dir, "other.jwk", &other["public_jwk"].to_string());
            let r = jeton(&["jwt", "verify", &token, "--key-file", &other, "--json"]);
            assert_eq!(check(&r), "JwtSignatureMismatch");
        }
        // `jwk thumbprint` and `jwk public` agree with keygen.
        let t = jeton(&["jwk", "thumbprint", &format!("@{private_pem_file}")]);
        assert_eq!(t.code(0).stdout.trim_end(), thumbprint);
        let p = jeton(&["jwk", "public", &private_jwk]).code(0).json();
        assert_eq!(p, j["public_jwk"]);
    }
}

/// keygen's text output: stdout holds only the keys, ready for a file.
#[test]
fn keygen_text_output() {
    use jeton::jwt::JwtKey;
    let r = jeton(&["keygen", "es256"]);
    let jwk = r.code(0).stdout.trim_end().to_owned();
    assert_eq!(jwk.lines().count(), 1);
    assert!(
        jwk.starts_with(r#"{"kty":"EC","crv":"P-256","x":""#),
        "{jwk}"
    );
    JwtKey::from_private_jwk(jwk.as_bytes()).unwrap();
    let thumbprint = r.stderr.trim_end().rsplit(' ').next().unwrap().to_owned();
    let from_jwk = jeton(&["jwk", "thumbprint", &jwk]);
    assert_eq!(from_jwk.code(0).stdout.trim_end(), thumbprint);

    let r = jeton(&["keygen", "ed25519", "--pem", "--public", "--kid-thumbprint"]);
    let out = r.code(0).stdout.clone();
    assert!(out.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{out}");
    let end = "-----END PRIVATE KEY-----\n";
    let (private, public) = out.split_at(out.find(end).unwrap() + end.len());
    assert!(public.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{out}");
    let private = JwtKey::from_private_pem(private.as_bytes()).unwrap();
    let public = JwtKey::from_pem(public.as_bytes()).unwrap();
    let (mut a, mut b) = ([0u8; 43], [0u8; 43]);
    private.thumbprint(&mut a).unwrap();
    public.thumbprint(&mut b).unwrap();
    assert_eq!(a, b);
    // The whole output as a key file: its first block, the private key,
    // signs.
    let dir = temp_dir("asym-keygen-text");
    let both = file(&dir, "both.pem", &out);
    jeton(&["jwt", "sign", "--key-file", &both, "--exp", "+1h"]).code(0);
    let r = jeton(&["keygen", "es384", "--jwk", "--public", "--kid-thumbprint"]);
    let lines: Vec<&str> = r.code(0).stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    let public = JwtKey::from_jwk(lines[1].as_bytes()).unwrap();
    let mut tp = [0u8; 43];
    let n = public.thumbprint(&mut tp).unwrap();
    assert_eq!(public.kid(), std::str::from_utf8(&tp[..n]).ok());
    jeton(&["keygen", "es256", "--kid", ""]).code(2);
    jeton(&["keygen", "es256", "--kid", "k", "--kid-thumbprint"]).code(2);
}
