//! JWT interop with npm `jose`, npm `jsonwebtoken` and PyJWT, both ways,
//! from data the real libraries produced (`tests/gen/npm/jwt.mjs`,
//! `tests/gen/python/pyjwt_vectors.py`) over the claim shapes and keys of
//! `tests/gen/jwt-shapes.json`:
//!
//! - every token a peer signed verifies in jeton exactly when the peer
//!   itself accepts it, and the claims jeton reads are the peer's;
//! - every token jeton makes (`tests/vectors/jeton-jwt.json`, checked here
//!   to be what jeton makes today) was accepted by all three peers, which
//!   read back the claims jeton wrote.
//!
//! To refresh the data: `JETON_REGENERATE_VECTORS=1 cargo test -p
//! jeton-tests --test jwt_interop`, then run the two generators.

use jeton::Error;
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton_tests::jwt_shapes::{encode_shape, expected_error, shape, spec};
use jeton_tests::{cases, load_json, vector_path};
use serde_json::Value;

fn key_for(spec: &Value, alg: &str) -> JwtKey {
    let k = spec["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["alg"] == alg)
        .unwrap();
    let secret = k["secret"].as_str().unwrap().as_bytes();
    let key = match alg {
        "HS256" => JwtKey::hs256(secret),
        "HS384" => JwtKey::hs384(secret),
        "HS512" => JwtKey::hs512(secret),
        other => panic!("{other}"),
    };
    key.unwrap().with_kid(k["kid"].as_str().unwrap()).unwrap()
}

/// Verifies with the shape's validation at the spec's clock; returns the
/// decoded claims.
fn verify_shape(spec: &Value, shape: &Value, alg: &str, token: &str) -> Result<Value, Error> {
    let keys: KeySet<1> = KeySet::with_key(key_for(spec, alg)).unwrap();
    let mut validation = Validation::new(spec["now"].as_i64().unwrap()).required(&[]);
    let issuer;
    let audience;
    if let Some(iss) = shape["validation"]["issuer"].as_str() {
        issuer = iss.to_owned();
        validation = validation.issuer(&issuer);
    }
    if let Some(aud) = shape["validation"]["audience"].as_str() {
        audience = aud.to_owned();
        validation = validation.audience(&audience);
    }
    let mut buf = vec![0u8; token.len()];
    let verified = jwt::verify(token.as_bytes(), &keys, &validation, &mut buf)?;
    Ok(serde_json::from_slice(verified.claims().raw()).unwrap())
}

#[test]
fn peer_tokens_verify_in_jeton_as_the_peer_decided() {
    let spec = spec();
    let mut report = Vec::new();
    // (file, peer tokens accepted, refused) as the generators recorded.
    for (file, want_accepted, want_refused) in [("npm-jwt.json", 42, 24), ("pyjwt.json", 21, 12)] {
        let v = load_json(file);
        let (mut accepted, mut refused) = (0, 0);
        for t in v["tokens"].as_array().unwrap() {
            let shape = shape(&spec, t["shape"].as_str().unwrap());
            let ours = verify_shape(
                &spec,
                shape,
                t["alg"].as_str().unwrap(),
                t["token"].as_str().unwrap(),
            );
            let label = format!("{} {} {}", t["lib"], t["alg"], t["shape"]);
            if t["accepted"].as_bool().unwrap() {
                assert_eq!(ours.as_ref().ok(), Some(&t["claims"]), "{label}: {ours:?}");
                accepted += 1;
            } else {
                // A refusal must be one the shape expects, never "accepted".
                assert!(
                    expected_error(shape).is_some(),
                    "{label}: refused by the peer"
                );
                assert_eq!(
                    ours.err(),
                    expected_error(shape),
                    "{label}: peer said {}",
                    t["error"]
                );
                refused += 1;
            }
        }
        assert_eq!((accepted, refused), (want_accepted, want_refused), "{file}");
        report.push(format!(
            "{file} ({}): {accepted} accepted and {refused} refused, as the peer decided",
            v["libraries"]
        ));
    }
    println!("{}", report.join("\n"));
}

/// The tokens jeton makes for the shapes it can express (integer
/// NumericDates only: the fractional shape is skipped).
fn jeton_tokens(spec: &Value) -> Vec<Value> {
    let mut tokens = Vec::new();
    for key in spec["keys"].as_array().unwrap() {
        let alg = key["alg"].as_str().unwrap();
        let jwt_key = key_for(spec, alg);
        for shape in spec["shapes"].as_array().unwrap() {
            if let Some(token) = encode_shape(&jwt_key, shape) {
                tokens.push(serde_json::json!({
                    "shape": shape["name"],
                    "alg": alg,
                    "token": token,
                }));
            }
        }
    }
    tokens
}

#[test]
fn jeton_tokens_match_committed_vectors() {
    let spec = spec();
    let tokens = jeton_tokens(&spec);
    if std::env::var_os("JETON_REGENERATE_VECTORS").is_some() {
        let doc = serde_json::json!({
            "generator": "tests/tests/jwt_interop.rs (JETON_REGENERATE_VECTORS=1)",
            "tokens": tokens,
        });
        std::fs::write(
            vector_path("jeton-jwt.json"),
            serde_json::to_string_pretty(&doc).unwrap() + "\n",
        )
        .unwrap();
    }
    let committed = load_json("jeton-jwt.json");
    assert_eq!(
        committed["tokens"].as_array().unwrap(),
        &tokens,
        "jeton's tokens changed: regenerate and rerun the peers"
    );
    // jeton verifies its own tokens as it verifies the peers'.
    for t in &tokens {
        let shape = shape(&spec, t["shape"].as_str().unwrap());
        let ours = verify_shape(
            &spec,
            shape,
            t["alg"].as_str().unwrap(),
            t["token"].as_str().unwrap(),
        );
        match expected_error(shape) {
            Some(e) => assert_eq!(ours.err(), Some(e)),
            None => assert_eq!(ours.unwrap(), shape["claims"]),
        }
    }
}

#[test]
fn peers_accept_jeton_tokens() {
    let spec = spec();
    let mut report = Vec::new();
    let committed = load_json("jeton-jwt.json");
    let ours = committed["tokens"].as_array().unwrap();
    for (file, libraries) in [("npm-jwt.json", 2), ("pyjwt.json", 1)] {
        let v = load_json(file);
        // Every jeton token judged once by each library, and each verdict
        // about the token jeton makes today (not a stale one).
        let verdicts = cases(&v["verdicts_on_jeton"], ours.len() * libraries);
        for made in ours {
            let judged = verdicts
                .iter()
                .filter(|v| v["token"] == made["token"])
                .count();
            assert_eq!(judged, libraries, "{file}: {}", made["token"]);
        }
        for verdict in verdicts {
            let shape = shape(&spec, verdict["shape"].as_str().unwrap());
            let label = format!("{} {} {}", verdict["lib"], verdict["alg"], verdict["shape"]);
            let should_accept = expected_error(shape).is_none();
            assert_eq!(
                verdict["accepted"].as_bool(),
                Some(should_accept),
                "{label}: {}",
                verdict["error"]
            );
            if should_accept {
                assert_eq!(verdict["claims"], shape["claims"], "{label}");
            }
        }
        report.push(format!(
            "{file}: {} verdicts on jeton tokens, all as expected",
            verdicts.len()
        ));
    }
    println!("{}", report.join("\n"));
}
