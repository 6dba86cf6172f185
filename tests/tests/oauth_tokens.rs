//! The token side of OAuth 2.0 and OpenID Connect against the real peers:
//! provider metadata, ID tokens, RFC 9068 access tokens, RFC 7662
//! introspection responses and RFC 9449 DPoP proofs, signed with npm `jose`
//! and judged by npm `oauth4webapi` in `tests/vectors/oauth-tokens.json`
//! (`tests/vectors/oauth-tokens.md` describes it; the generator is
//! `tests/gen/npm/oauth-tokens.mjs`); and the specifications' own examples
//! (OpenID Connect Core appendix A, RFC 9449 section 7.1, RFC 7638).
//!
//! Every case has the error jeton must answer ([`expected`], from the
//! specifications); jeton agrees with oauth4webapi on accepting or
//! refusing each, except where a listed deviation says why not
//! ([`DEVIATIONS`]).

use jeton::Error;
use jeton::jwt::{JwtAlgorithm, JwtKey, KeySet};
use jeton::oauth::{
    AccessTokenValidation, DpopProof, DpopValidation, IdTokenValidation, Introspection,
    IntrospectionCheck, Metadata, Profile, Thumbprint, verify_access_token, verify_id_token,
    verify_proof,
};
use jeton::session::RevocationList;
use jeton_tests::{cases, load_json, vector_path};
use serde_json::Value as J;

/// Where jeton and oauth4webapi part ways, and why: (section, case, the
/// reason). A listed case on which they agree fails the test, so the list
/// stays true.
const DEVIATIONS: &[(&str, &str, &str)] = &[
    (
        "metadata",
        "issuer-trailing-slash",
        "the issuer must be identical (RFC 8414 3.3, OIDC Discovery 4.3); oauth4webapi compares URLs after WHATWG normalization",
    ),
    (
        "metadata",
        "issuer-upper-case-host",
        "identical issuer, as above: no case folding",
    ),
    (
        "metadata",
        "issuer-default-port",
        "identical issuer, as above: no default-port removal",
    ),
    (
        "metadata",
        "issuer-duplicate",
        "a document naming `issuer` twice is refused; JSON.parse keeps the last",
    ),
    (
        "metadata",
        "only-issuer",
        "RFC 8414 section 2 requires response_types_supported and the endpoints; oauth4webapi requires only issuer",
    ),
    (
        "metadata",
        "openid-without-jwks-uri",
        "OpenID Connect Discovery section 3 requires jwks_uri",
    ),
    (
        "metadata",
        "token-endpoint-number",
        "a member jeton reads must have its type; oauth4webapi checks types when it uses a member",
    ),
    (
        "metadata",
        "alg-list-string",
        "a member jeton reads must have its type (an array of strings)",
    ),
    (
        "id_tokens",
        "azp-other-single-aud",
        "OIDC Core 3.1.3.7 item 5: an azp must be the client; oauth4webapi checks azp only with several audiences",
    ),
    (
        "id_tokens",
        "typ-at-jwt",
        "an access token's type is never taken for an ID token (a typ, when present, must be JWT); oauth4webapi ignores typ",
    ),
    (
        "id_tokens",
        "at-hash-rs256-wrong",
        "at_hash is checked whenever the access token is given (OIDC Core 3.1.3.8 / 3.2.2.9); oauth4webapi does not check it in the code flow",
    ),
    (
        "id_tokens",
        "at-hash-eddsa-with-sha256",
        "at_hash checked, as above (SHA-512 for EdDSA)",
    ),
    (
        "id_tokens",
        "at-hash-required-missing",
        "at_hash required when the flow returns an access token with the ID token (OIDC Core 3.2.2.10)",
    ),
    (
        "access_tokens",
        "scope-insufficient",
        "the scopes a request needs are checked (RFC 6750 insufficient_scope); oauth4webapi leaves scopes to the caller",
    ),
    (
        "access_tokens",
        "scope-number",
        "scope must be a string (RFC 9068 section 2.2.3)",
    ),
    (
        "introspection",
        "live-expired",
        "Introspection::check judges exp; oauth4webapi returns the response to the caller",
    ),
    (
        "introspection",
        "live-aud-other",
        "Introspection::check judges aud",
    ),
    (
        "introspection",
        "live-scope-insufficient",
        "Introspection::check judges the scopes",
    ),
    (
        "introspection",
        "active-duplicate",
        "a response naming `active` twice is refused; JSON.parse keeps the last",
    ),
    (
        "introspection",
        "exp-string",
        "the members jeton reads must have their types (RFC 7662 section 2.2)",
    ),
    (
        "introspection",
        "aud-number",
        "the members jeton reads must have their types",
    ),
    (
        "dpop",
        "htu-dot-segments",
        "dot segments are compared as written, not removed (WHATWG URL removes them); a client writes its htu without them",
    ),
    (
        "dpop",
        "htu-escaped-unreserved",
        "percent-escapes of unreserved characters are decoded (RFC 3986 6.2.2.2, which RFC 9449 4.3 asks for); WHATWG URL keeps them",
    ),
];

/// The error jeton answers for each case (`None`: accepted), as the
/// specifications say.
fn expected(section: &str, name: &str) -> Option<Error> {
    use Error::*;
    let e = match (section, name) {
        ("metadata", "issuer-other-host")
        | ("metadata", "issuer-trailing-slash")
        | ("metadata", "issuer-upper-case-host")
        | ("metadata", "issuer-default-port") => MetadataIssuerMismatch,
        ("metadata", "issuer-missing")
        | ("metadata", "only-issuer")
        | ("metadata", "openid-without-jwks-uri") => MetadataMissing,
        ("metadata", "issuer-number")
        | ("metadata", "issuer-duplicate")
        | ("metadata", "not-an-object")
        | ("metadata", "not-json")
        | ("metadata", "token-endpoint-number")
        | ("metadata", "alg-list-string") => MetadataInvalid,

        ("id_tokens", "nonce-not-sent-but-present")
        | ("id_tokens", "nonce-mismatch")
        | ("id_tokens", "nonce-missing") => IdTokenNonceMismatch,
        ("id_tokens", "issuer-other") | ("id_tokens", "issuer-trailing-slash") => JwtIssuerInvalid,
        ("id_tokens", "aud-other") => JwtAudienceInvalid,
        ("id_tokens", "aud-array-no-azp")
        | ("id_tokens", "aud-array-azp-other")
        | ("id_tokens", "azp-other-single-aud") => IdTokenAzpInvalid,
        ("id_tokens", "expired") => JwtExpired,
        ("id_tokens", "exp-missing")
        | ("id_tokens", "iat-missing")
        | ("id_tokens", "sub-missing")
        | ("id_tokens", "max-age-auth-time-missing") => JwtMissingClaim,
        ("id_tokens", "sub-number") | ("id_tokens", "auth-time-string") => JwtClaimType,
        ("id_tokens", "nbf-ahead") => JwtNotYetValid,
        ("id_tokens", "max-age-too-old") => IdTokenAuthTooOld,
        ("id_tokens", "alg-not-registered") | ("id_tokens", "alg-not-among-provider-algs") => {
            TokenAlgNotAllowed
        }
        ("id_tokens", "typ-at-jwt") => JwtTypInvalid,
        ("id_tokens", "at-hash-rs256-wrong")
        | ("id_tokens", "at-hash-eddsa-with-sha256")
        | ("id_tokens", "at-hash-required-missing") => IdTokenAtHashMismatch,
        ("id_tokens", "c-hash-wrong") | ("id_tokens", "c-hash-missing") => IdTokenCHashMismatch,
        ("id_tokens", "bad-signature") | ("id_tokens", "signed-by-attacker-with-server-kid") => {
            JwtSignatureMismatch
        }
        // Unsigned: the empty third segment is refused before the header.
        ("id_tokens", "alg-none") => JwtMalformed,

        ("access_tokens", "typ-jwt") | ("access_tokens", "typ-missing") => JwtTypInvalid,
        ("access_tokens", "aud-other") => JwtAudienceInvalid,
        ("access_tokens", "iss-other") => JwtIssuerInvalid,
        ("access_tokens", "expired") => JwtExpired,
        ("access_tokens", "nbf-ahead") => JwtNotYetValid,
        ("access_tokens", "client-id-missing")
        | ("access_tokens", "jti-missing")
        | ("access_tokens", "sub-missing")
        | ("access_tokens", "iat-missing")
        | ("access_tokens", "exp-missing") => JwtMissingClaim,
        ("access_tokens", "client-id-number") | ("access_tokens", "scope-number") => JwtClaimType,
        ("access_tokens", "scope-insufficient") => ScopeInsufficient,
        // The provider's key set holds no shared secret.
        ("access_tokens", "hs256") => JwtAlgMismatch,
        ("access_tokens", "bad-signature") => JwtSignatureMismatch,
        ("access_tokens", "alg-none") => JwtMalformed,
        ("access_tokens", "dpop-bound-presented-as-bearer") => DpopKeyMismatch,

        ("introspection", "rfc7662-inactive") | ("introspection", "inactive-with-junk") => {
            TokenInactive
        }
        ("introspection", "live-expired") => JwtExpired,
        ("introspection", "live-aud-other") => JwtAudienceInvalid,
        ("introspection", "live-scope-insufficient") => ScopeInsufficient,
        ("introspection", "active-string")
        | ("introspection", "active-missing")
        | ("introspection", "not-an-object")
        | ("introspection", "active-duplicate")
        | ("introspection", "exp-string")
        | ("introspection", "aud-number") => IntrospectionInvalid,

        ("dpop", "htu-other-path")
        | ("dpop", "htu-other-host")
        | ("dpop", "htu-dot-segments")
        | ("dpop", "htu-not-a-url") => DpopHtuMismatch,
        ("dpop", "htm-other") | ("dpop", "htm-lower-case") => DpopHtmMismatch,
        ("dpop", "iat-400-ago") => JwtTooOld,
        ("dpop", "iat-400-ahead") => JwtNotYetValid,
        ("dpop", "ath-other-token") | ("dpop", "ath-missing") => DpopAthMismatch,
        ("dpop", "key-not-bound") => DpopKeyMismatch,
        ("dpop", "typ-jwt") | ("dpop", "typ-missing") => JwtTypInvalid,
        ("dpop", "jwk-private") => JwkPrivateMembers,
        ("dpop", "jwk-missing") | ("dpop", "jwk-string") => DpopJwkInvalid,
        ("dpop", "jti-missing")
        | ("dpop", "htu-missing")
        | ("dpop", "htm-missing")
        | ("dpop", "iat-missing") => JwtMissingClaim,
        ("dpop", "jti-number") => JwtClaimType,
        ("dpop", "bad-signature") => JwtSignatureMismatch,
        ("dpop", "alg-none") => JwtAlgNone,
        ("dpop", "jwk-symmetric") => TokenAlgNotAllowed,
        _ => return None,
    };
    Some(e)
}

fn data() -> J {
    load_json("oauth-tokens.json")
}

fn str_of<'a>(v: &'a J, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {v:.200}"))
}

/// The provider's keys, from the JWK Set the peers fetched.
fn provider_keys(data: &J) -> KeySet<8> {
    let mut keys = KeySet::new();
    let summary = keys
        .replace_from_jwks(data["jwks"].to_string().as_bytes())
        .unwrap();
    assert_eq!((summary.loaded, summary.skipped), (3, 0));
    keys
}

fn key_entry<'a>(data: &'a J, id: &str) -> &'a J {
    data["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap_or_else(|| panic!("key {id}"))
}

/// What oauth4webapi answered, as accepted or not; an introspection
/// response it returned with `active: false` is a refusal, as jeton's
/// [`Error::TokenInactive`] is.
fn peer_accepts(case: &J) -> bool {
    let v = &case["verdicts"]["oauth4webapi"];
    v["accepted"].as_bool().expect("verdict") && v["active"] != J::Bool(false)
}

/// Checks every case of `section` with `judge`; returns (cases,
/// agreements, deviations).
fn run(data: &J, section: &str, count: usize, judge: impl Fn(&J) -> Result<(), Error>) -> String {
    let mut deviations = 0;
    for case in cases(&data[section], count) {
        let name = str_of(case, "name");
        let ours = judge(case);
        assert_eq!(ours.err(), expected(section, name), "{section} {name}");
        let listed = DEVIATIONS
            .iter()
            .any(|(s, n, _)| *s == section && *n == name);
        let agree = ours.is_ok() == peer_accepts(case);
        assert_eq!(
            agree, !listed,
            "{section} {name}: jeton {ours:?}, oauth4webapi {}",
            case["verdicts"]["oauth4webapi"]
        );
        deviations += usize::from(listed);
    }
    format!(
        "{section}: {count} cases, {} as oauth4webapi, {deviations} listed deviations",
        count - deviations
    )
}

#[test]
fn provider_metadata() {
    let data = data();
    let report = run(&data, "metadata", 16, |case| {
        let profile = match str_of(case, "profile") {
            "openid" => Profile::OpenId,
            _ => Profile::OAuth,
        };
        let doc = str_of(case, "document");
        let meta = Metadata::parse(doc.as_bytes(), str_of(case, "expected_issuer"), profile)?;
        if str_of(case, "name") == "openid-full" {
            assert!(meta.supports_s256());
            assert!(meta.authorization_response_iss_parameter_supported());
            assert!(meta.dpop_signing_alg_values_supported().contains("EdDSA"));
            assert!(meta.supports_grant_type("refresh_token"));
            assert!(!meta.supports_grant_type("implicit"));
        }
        if str_of(case, "name") == "escaped-slashes" {
            let jwks = meta.jwks_uri().unwrap();
            assert!(jwks.is_escaped() && jwks.eq_bytes(b"https://as.example.com/jwks"));
        }
        Ok(())
    });
    println!("{report}");
}

fn algorithms(names: &J) -> Vec<JwtAlgorithm> {
    names
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| JwtAlgorithm::from_name(n.as_str().unwrap().as_bytes()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn id_tokens() {
    let data = data();
    let keys = provider_keys(&data);
    let (issuer, client_id, nonce) = (
        str_of(&data, "issuer"),
        str_of(&data, "client_id"),
        str_of(&data, "nonce"),
    );
    let now = data["now"].as_i64().unwrap();
    let report = run(&data, "id_tokens", 44, |case| {
        let o = &case["options"];
        let mut v = IdTokenValidation::new(now, issuer, client_id);
        // A `nonce: null` option: the request sent none.
        if o.get("nonce").is_none() {
            v = v.nonce(nonce.as_bytes());
        }
        let algs = algorithms(&o["algs"]);
        if !algs.is_empty() {
            v = v.algorithms(&algs);
        }
        // The provider's list, read from a metadata document as a client
        // would.
        let metadata = o["provider_algs"].as_array().map(|list| {
            serde_json::json!({
                "issuer": issuer,
                "response_types_supported": ["code"],
                "authorization_endpoint": "https://as.example.com/authorize",
                "token_endpoint": "https://as.example.com/token",
                "id_token_signing_alg_values_supported": list,
            })
            .to_string()
        });
        let meta = metadata
            .as_deref()
            .map(|m| Metadata::parse(m.as_bytes(), issuer, Profile::OAuth).unwrap());
        if let Some(meta) = &meta {
            v = v.provider_algorithms(meta.id_token_signing_alg_values_supported());
        }
        if let Some(max_age) = o["max_age"].as_u64() {
            v = v.max_age(max_age);
        }
        if let Some(token) = o["access_token"].as_str() {
            v = v.access_token(token.as_bytes());
        }
        if o["require_at_hash"] == true {
            v = v.require_at_hash();
        }
        if let Some(code) = o["code"].as_str() {
            v = v.code(code.as_bytes());
        }
        if o["require_c_hash"] == true {
            v = v.require_c_hash();
        }
        let token = str_of(case, "token");
        let mut buf = vec![0u8; token.len()];
        let id = verify_id_token(token.as_bytes(), &keys, &v, &mut buf)?;
        assert!(id.subject().eq_bytes(b"248289761001"));
        // What oauth4webapi decoded, jeton decoded.
        let claims = &case["verdicts"]["oauth4webapi"]["claims"];
        if !claims.is_null() {
            let ours: J = serde_json::from_slice(id.token().claims().raw()).unwrap();
            assert_eq!(&ours, claims);
        }
        Ok(())
    });
    println!("{report}");
}

#[test]
fn access_tokens() {
    let data = data();
    let keys = provider_keys(&data);
    let now = data["now"].as_i64().unwrap();
    let (issuer, resource) = (str_of(&data, "issuer"), str_of(&data, "resource"));
    let report = run(&data, "access_tokens", 26, |case| {
        let scopes: Vec<&str> = case["options"]["scopes"]
            .as_array()
            .map(|s| s.iter().map(|s| s.as_str().unwrap()).collect())
            .unwrap_or_default();
        let v = AccessTokenValidation::new(now, issuer, resource).scopes(&scopes);
        let token = str_of(case, "token");
        let mut buf = vec![0u8; token.len()];
        let at = verify_access_token(token.as_bytes(), &keys, &v, &mut buf)?;
        // Presented as a bearer token.
        at.check_bearer_use()?;
        assert!(at.client_id().eq_bytes(b"s6BhdRkqt3"));
        let claims = &case["verdicts"]["oauth4webapi"]["claims"];
        if !claims.is_null() {
            let ours: J = serde_json::from_slice(at.token().claims().raw()).unwrap();
            assert_eq!(&ours, claims);
        }
        Ok(())
    });
    println!("{report}");
}

#[test]
fn introspection_responses() {
    let data = data();
    let client_jkt = str_of(key_entry(&data, "client-es256"), "thumbprint");
    let report = run(&data, "introspection", 16, |case| {
        let r = Introspection::parse(str_of(case, "body").as_bytes())?;
        let c = &case["check"];
        let scopes: Vec<&str> = c["scopes"]
            .as_array()
            .map(|s| s.iter().map(|s| s.as_str().unwrap()).collect())
            .unwrap_or_default();
        let mut check = IntrospectionCheck::new(c["now"].as_i64().unwrap()).scopes(&scopes);
        if let Some(issuer) = c["issuer"].as_str() {
            check = check.issuer(issuer);
        }
        if let Some(audience) = c["audience"].as_str() {
            check = check.audience(audience);
        }
        r.check(&check)?;
        if str_of(case, "name") == "live-dpop-bound" {
            assert_eq!(r.cnf_jkt().unwrap().as_str(), client_jkt);
            assert!(r.token_type().unwrap().eq_bytes(b"DPoP"));
        }
        Ok(())
    });
    println!("{report}");
}

#[test]
fn dpop_proofs() {
    let data = data();
    let keys = provider_keys(&data);
    let now = data["now"].as_i64().unwrap();
    let (issuer, resource) = (str_of(&data, "issuer"), str_of(&data, "resource"));
    let report = run(&data, "dpop", 35, |case| {
        let token = str_of(case, "access_token");
        let mut at_buf = vec![0u8; token.len()];
        let at = verify_access_token(
            token.as_bytes(),
            &keys,
            &AccessTokenValidation::new(now, issuer, resource),
            &mut at_buf,
        )
        .expect("the bound access token");
        let jkt = at.cnf_jkt().expect("bound");
        assert_eq!(at.check_bearer_use(), Err(Error::DpopKeyMismatch));
        // oauth4webapi's window: iat within 300 seconds either way.
        let v = DpopValidation::new(now, str_of(case, "method"), str_of(case, "url"))
            .max_age(0)
            .leeway(300)
            .access_token(token.as_bytes(), jkt);
        let proof = str_of(case, "proof");
        let mut buf = vec![0u8; proof.len()];
        let mut seen: RevocationList<4> = RevocationList::new();
        let checked = verify_proof(proof.as_bytes(), &v, Some(&mut seen), &mut buf)?;
        assert_eq!(checked.thumbprint(), jkt);
        // The proof once more: a replay.
        let jti = checked.jwt_id().as_plain().unwrap().to_owned();
        assert_eq!(
            verify_proof(proof.as_bytes(), &v, Some(&mut seen), &mut buf).err(),
            Some(Error::DpopReplayed),
            "{jti}"
        );
        Ok(())
    });
    println!("{report}");
}

#[test]
fn thumbprints_and_public_jwks_agree_with_jose() {
    let data = data();
    for key in cases(&data["keys"], 8) {
        let public = JwtKey::from_jwk(key["public_jwk"].to_string().as_bytes()).unwrap();
        let jkt = Thumbprint::of(&public).unwrap();
        assert_eq!(jkt.as_str(), str_of(key, "thumbprint"), "{}", key["id"]);
        let mut jwk = [0u8; 1024];
        let n = public.public_jwk(&mut jwk).unwrap();
        let ours: J = serde_json::from_slice(&jwk[..n]).unwrap();
        assert_eq!(ours, key["public_jwk"], "{}", key["id"]);
        if let Some(private) = key.get("private_jwk").filter(|p| !p.is_null()) {
            let signing = JwtKey::from_private_jwk(private.to_string().as_bytes()).unwrap();
            assert_eq!(Thumbprint::of(&signing).unwrap(), jkt);
            let n = signing.public_jwk(&mut jwk).unwrap();
            let ours: J = serde_json::from_slice(&jwk[..n]).unwrap();
            assert_eq!(ours, key["public_jwk"], "no private member goes out");
        }
    }
}

/// The proofs and public JWKs jeton makes from the vector keys: fixed
/// inputs, and ES256 (RFC 6979) and Ed25519 sign deterministically, so the
/// same every run.
fn jeton_outputs(data: &J) -> J {
    let now = data["now"].as_i64().unwrap();
    let mut proofs = Vec::new();
    let mut jwks = Vec::new();
    for (i, id) in ["client-es256", "client-ed25519"].iter().enumerate() {
        let key =
            JwtKey::from_private_jwk(key_entry(data, id)["private_jwk"].to_string().as_bytes())
                .unwrap();
        let token = data["bound_access_tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["key"] == *id)
            .map(|b| str_of(b, "token"))
            .unwrap();
        for (j, nonce) in [None, Some("server-nonce-1")].into_iter().enumerate() {
            let entropy = [u8::try_from(16 * i + j).unwrap(); 16];
            let url = "https://rs.example.com/api/items?page=1";
            let mut proof =
                DpopProof::new("GET", url, now, &entropy).access_token(token.as_bytes());
            if let Some(nonce) = nonce {
                proof = proof.nonce(nonce);
            }
            let mut out = [0u8; 1024];
            let n = proof.write(&key, &mut out).unwrap();
            proofs.push(serde_json::json!({
                "key": id,
                "method": "GET",
                "url": url,
                "iat": now,
                "nonce": nonce,
                "access_token": token,
                "proof": std::str::from_utf8(&out[..n]).unwrap(),
            }));
        }
        let mut jwk = [0u8; 256];
        let n = key.public_jwk(&mut jwk).unwrap();
        jwks.push(serde_json::json!({
            "key": id,
            "alg": key.algorithm().name(),
            "jwk": std::str::from_utf8(&jwk[..n]).unwrap(),
        }));
    }
    serde_json::json!({
        "generator": "tests/tests/oauth_tokens.rs (JETON_REGENERATE_VECTORS=1)",
        "proofs": proofs,
        "public_jwks": jwks,
    })
}

#[test]
fn jeton_proofs_match_committed_vectors_and_peers_accept_them() {
    let data = data();
    let ours = jeton_outputs(&data);
    if std::env::var_os("JETON_REGENERATE_VECTORS").is_some() {
        std::fs::write(
            vector_path("jeton-oauth-tokens.json"),
            serde_json::to_string_pretty(&ours).unwrap() + "\n",
        )
        .unwrap();
    }
    let committed = load_json("jeton-oauth-tokens.json");
    assert_eq!(
        committed, ours,
        "jeton's proofs changed: regenerate and rerun the peers"
    );
    // jeton accepts its own proofs as it accepts the peers'.
    let keys = provider_keys(&data);
    let (issuer, resource) = (str_of(&data, "issuer"), str_of(&data, "resource"));
    for p in ours["proofs"].as_array().unwrap() {
        let token = str_of(p, "access_token");
        let mut at_buf = vec![0u8; token.len()];
        let now = p["iat"].as_i64().unwrap();
        let at = verify_access_token(
            token.as_bytes(),
            &keys,
            &AccessTokenValidation::new(now, issuer, resource),
            &mut at_buf,
        )
        .unwrap();
        let mut v = DpopValidation::new(now, "GET", "https://rs.example.com/api/items")
            .access_token(token.as_bytes(), at.cnf_jkt().unwrap());
        if let Some(nonce) = p["nonce"].as_str() {
            v = v.nonce(nonce.as_bytes());
        }
        let proof = str_of(p, "proof");
        let mut buf = vec![0u8; proof.len()];
        verify_proof(proof.as_bytes(), &v, None, &mut buf).unwrap();
    }
    // Every output judged once by its peer, each verdict about what jeton
    // makes today, and every one an acceptance.
    let verdicts = cases(&data["verdicts_on_jeton"], 6);
    for p in ours["proofs"].as_array().unwrap() {
        let v = verdicts
            .iter()
            .filter(|v| v["proof"] == p["proof"])
            .collect::<Vec<_>>();
        assert_eq!(v.len(), 1, "{}", p["proof"]);
        assert_eq!(
            v[0]["verdicts"]["oauth4webapi"]["accepted"], true,
            "{}",
            v[0]
        );
    }
    for k in ours["public_jwks"].as_array().unwrap() {
        let v = verdicts
            .iter()
            .find(|v| v["jwk"] == k["jwk"])
            .unwrap_or_else(|| panic!("no verdict on {}", k["jwk"]));
        let jose = &v["verdicts"]["jose"];
        assert_eq!(jose["accepted"], true);
        assert_eq!(
            jose["thumbprint"],
            key_entry(&data, str_of(k, "key"))["thumbprint"]
        );
    }
}

/// OpenID Connect Core appendix A: the ID tokens of A.2 (`id_token`), A.3
/// (`id_token token`, with `at_hash`) and A.4 (`code id_token`, with
/// `c_hash`), signed with appendix A.7's RSA key, with the access token
/// and the code they came with. Their payloads are indented JSON with
/// newlines.
#[test]
fn oidc_core_appendix_a() {
    const JWKS: &str = r#"{"keys":[{"kty":"RSA","kid":"1e9gdk7","e":"AQAB","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ"}]}"#;
    const A3: &str = "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiYXRfaGFzaCI6ICI3N1FtVVB0alBmeld0RjJBbnBLOVJRIgp9.F9gRev0Dt2tKcrBkHy72cmRqnLdzw9FLCCSebV7mWs7o_sv2O5s6zMky2kmhHTVx9HmdvNnx9GaZ8XMYRFeYk8L5NZ7aYlA5W56nsG1iWOou_-gji0ibWIuuf4Owaho3YSoi7EvsTuLFz6tq-dLyz0dKABMDsiCmJ5wqkPUDTE3QTXjzbUmOzUDli-gCh5QPuZAq0cNW3pf_2n4zpvTYtbmj12cVcxGIMZby7TMWESRjQ9_o3jvhVNcCGcE0KAQXejhA1ocJhNEvQNqMFGlBb6_0RxxKjDZ-Oa329eGDidOvvp0h5hoES4a8IuGKS7NOcpp-aFwp0qVMDLI-Xnm-Pg";
    const A4: &str = "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiY19oYXNoIjogIkxEa3RLZG9RYWszUGswY25YeENsdEEiCn0.XW6uhdrkBgcGx6zVIrCiROpWURs-4goO1sKA4m9jhJIImiGg5muPUcNegx6sSv43c5DSn37sxCRrDZZm4ZPBKKgtYASMcE20SDgvYJdJS0cyuFw7Ijp_7WnIjcrl6B5cmoM6ylCvsLMwkoQAxVublMwH10oAxjzD6NEFsu9nipkszWhsPePf_rM4eMpkmCbTzume-fzZIi5VjdWGGEmzTg32h3jiex-r5WTHbj-u5HL7u_KP3rmbdYNzlzd1xWRYTUs4E8nOTgzAUwvwXkIQhOh5TPcSMBYy6X3E7-_gr9Ue6n4ND7hTFhtjYs3cjNKIA08qm5cpVYFMFMG6PkhzLQ";
    const ACCESS_TOKEN: &[u8] = b"jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
    const CODE: &[u8] = b"Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";
    let mut keys: KeySet<2> = KeySet::new();
    keys.replace_from_jwks(JWKS.as_bytes()).unwrap();
    let base = IdTokenValidation::new(1_311_281_000, "http://server.example.com", "s6BhdRkqt3")
        .nonce(b"n-0S6_WzA2Mj");
    let mut buf = [0u8; 1024];
    let verify = |token: &str, v: &IdTokenValidation<'_>, buf: &mut [u8]| {
        verify_id_token(token.as_bytes(), &keys, v, buf)
            .map(|id| id.subject().as_plain() == Some("248289761001"))
    };
    // A.3: the implicit flow's access token and its at_hash.
    let a3 = base.access_token(ACCESS_TOKEN).require_at_hash();
    assert_eq!(verify(A3, &a3, &mut buf), Ok(true));
    assert_eq!(
        verify(A3, &base.access_token(b"another token"), &mut buf),
        Err(Error::IdTokenAtHashMismatch)
    );
    assert_eq!(
        verify(A3, &base.code(CODE).require_c_hash(), &mut buf),
        Err(Error::IdTokenCHashMismatch)
    );
    // A.4: the hybrid flow's code and its c_hash.
    let a4 = base.code(CODE).require_c_hash();
    assert_eq!(verify(A4, &a4, &mut buf), Ok(true));
    assert_eq!(
        verify(A4, &base.code(b"another code"), &mut buf),
        Err(Error::IdTokenCHashMismatch)
    );
    // A `max_age` needs `auth_time`, which these tokens lack; a failure
    // leaves nothing of the token behind. At `exp`, the token has expired.
    assert_eq!(
        verify(A4, &a4.max_age(60), &mut buf),
        Err(Error::JwtMissingClaim)
    );
    assert!(buf.iter().all(|&b| b == 0));
    let late = IdTokenValidation::new(1_311_281_970, "http://server.example.com", "s6BhdRkqt3")
        .nonce(b"n-0S6_WzA2Mj");
    assert_eq!(verify(A4, &late, &mut buf), Err(Error::JwtExpired));
}

/// RFC 9449 figure 12's request to a resource server (section 7.1), the
/// access token it presents, and the thumbprint of figure 8.
#[test]
fn rfc_9449_resource_request() {
    const PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
    let header = b"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
    let token = jeton::auth::parse_dpop(header).unwrap();
    let jkt = Thumbprint::parse(b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I").unwrap();
    let mut buf = [0u8; 512];
    for (method, uri, e) in [
        (
            "GET",
            "https://resource.example.org/protectedresource",
            None,
        ),
        (
            "GET",
            "https://Resource.Example.ORG:443/protectedresource?x#y",
            None,
        ),
        (
            "GET",
            "http://resource.example.org/protectedresource",
            Some(Error::DpopHtuMismatch),
        ),
        (
            "HEAD",
            "https://resource.example.org/protectedresource",
            Some(Error::DpopHtmMismatch),
        ),
    ] {
        let v = DpopValidation::new(1_562_262_618, method, uri).access_token(token, jkt);
        assert_eq!(
            verify_proof(PROOF.as_bytes(), &v, None, &mut buf).err(),
            e,
            "{method} {uri}"
        );
    }
    // The RFC's key is P-256: a verifier that takes EdDSA only refuses it
    // before any signature work.
    let ed_only = DpopValidation::new(
        1_562_262_618,
        "GET",
        "https://resource.example.org/protectedresource",
    )
    .algorithms(&[JwtAlgorithm::EdDSA]);
    assert_eq!(
        verify_proof(PROOF.as_bytes(), &ed_only, None, &mut buf).err(),
        Some(Error::TokenAlgNotAllowed)
    );
}
