//! The claim shapes of `tests/gen/jwt-shapes.json`, which every JWT
//! generator signs with every peer library and with jeton: loading them,
//! the error a shape expects, and jeton's token for a shape.

use jeton::Error;
use jeton::jwt::{self, ClaimValue, Claims, JwtKey};
use serde_json::Value;

/// `tests/gen/jwt-shapes.json`: `now`, `shapes` and the HMAC `keys`.
///
/// # Panics
///
/// When the file is missing or is not JSON.
pub fn spec() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gen/jwt-shapes.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The shape of `spec` named `name`.
///
/// # Panics
///
/// When there is none.
pub fn shape<'a>(spec: &'a Value, name: &str) -> &'a Value {
    spec["shapes"]
        .as_array()
        .and_then(|shapes| shapes.iter().find(|s| s["name"] == name))
        .unwrap_or_else(|| panic!("no shape {name}"))
}

/// The error jeton answers for a token of `shape`, as its `expect` names
/// it (`None`: the shape is to be accepted).
///
/// # Panics
///
/// On an `expect` this function does not know.
pub fn expected_error(shape: &Value) -> Option<Error> {
    shape["expect"].as_str().map(|e| match e {
        "expired" => Error::JwtExpired,
        "not yet valid" => Error::JwtNotYetValid,
        "audience" => Error::JwtAudienceInvalid,
        "issuer" => Error::JwtIssuerInvalid,
        other => panic!("unknown expect {other}"),
    })
}

/// Whether jeton can write `shape`'s claims: it writes integer
/// NumericDates only, so a shape with a fractional `exp`, `nbf` or `iat`
/// is not one.
pub fn expressible(shape: &Value) -> bool {
    ["exp", "nbf", "iat"]
        .iter()
        .all(|c| shape["claims"].get(*c).is_none_or(|v| v.as_i64().is_some()))
}

/// The token `jwt::encode` makes of `shape`'s claims with `key`, claims
/// in the shape's order; `None` when the shape is not [`expressible`].
///
/// # Panics
///
/// When jeton refuses to sign (a test data or key problem).
pub fn encode_shape(key: &JwtKey, shape: &Value) -> Option<String> {
    if !expressible(shape) {
        return None;
    }
    let claims = shape["claims"].as_object()?;
    // Keep the texts alive for the borrowed builder.
    let texts: Vec<String> = claims
        .values()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    let auds: Vec<&str> = claims
        .get("aud")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut c: Claims<'_, 16> = Claims::with_capacity();
    for ((name, value), text) in claims.iter().zip(&texts) {
        let date = || value.as_i64().unwrap_or_else(|| panic!("{name}: {value}"));
        c = match name.as_str() {
            "iss" => c.issuer(text),
            "sub" => c.subject(text),
            "jti" => c.jwt_id(text),
            "aud" if value.is_array() => c.audiences(&auds),
            "aud" => c.audience(text),
            "exp" => c.expires_at(date()),
            "nbf" => c.not_before(date()),
            "iat" => c.issued_at(date()),
            _ => c.claim(
                name,
                match value {
                    Value::String(_) => ClaimValue::Str(text),
                    Value::Bool(b) => ClaimValue::Bool(*b),
                    Value::Number(n) => match n.as_i64() {
                        Some(i) => ClaimValue::Int(i),
                        None => ClaimValue::Json(text),
                    },
                    _ => ClaimValue::Json(text),
                },
            ),
        };
    }
    let mut out = [0u8; 2048];
    let n = jwt::encode(key, &c, &mut out).unwrap_or_else(|e| panic!("encode: {e:?}"));
    let token = out.get(..n).and_then(|t| std::str::from_utf8(t).ok());
    Some(
        token
            .unwrap_or_else(|| panic!("a token is ASCII"))
            .to_owned(),
    )
}
