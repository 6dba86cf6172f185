//! Any bytes as a token, verified with a fixed key and with a key taken
//! from the input: never panics, never accepts a token whose signature the
//! key did not make, and leaves nothing behind when it refuses. Tokens the
//! harness signs itself from fuzzed header and claims JSON reach the claim
//! checks behind the signature.
//!
//! Input layout: `now` (8 bytes, little-endian), leeway (2 bytes), key
//! length (1 byte), the key, then either a token, or `0xFF`, header JSON,
//! `0x00`, claims JSON (a token never starts with `0xFF`).
#![no_main]

use jeton::base64::{self, Alphabet, Padding};
use jeton::json::{self, Limits};
use jeton::jwt::{self, JwtKey, KeySet, Validation};
use jeton::mac::{Algorithm, HmacKey};
use libfuzzer_sys::fuzz_target;

const FIXED: &[u8] = b"a fixed key for the fuzzer, 32 b";

/// The input, split by its layout.
struct Input<'a> {
    now: i64,
    leeway: u16,
    key: &'a [u8],
    rest: &'a [u8],
}

fn split(data: &[u8]) -> Option<Input<'_>> {
    let now = i64::from_le_bytes(data.get(..8)?.try_into().ok()?);
    let leeway = u16::from_le_bytes(data.get(8..10)?.try_into().ok()?);
    let key_len = usize::from(*data.get(10)?);
    let key = data.get(11..11 + key_len)?;
    let rest = data.get(11 + key_len..)?;
    Some(Input {
        now,
        leeway,
        key,
        rest,
    })
}

fn b64(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; base64::encoded_len(bytes.len(), Padding::Unpadded)];
    let n = base64::encode(bytes, Alphabet::UrlSafe, Padding::Unpadded, &mut out).unwrap();
    out.truncate(n);
    out
}

/// Verifies `token` with `key`; whatever it accepts carries the key's
/// signature over its first two segments, and a refusal wipes the buffer.
fn check(token: &[u8], key: &JwtKey, validation: &Validation<'_>) -> Option<(Vec<u8>, Vec<u8>)> {
    let keys: KeySet<1> = KeySet::with_key(key.clone()).unwrap();
    let mut buf = vec![0u8; token.len()];
    let accepted = match jwt::verify(token, &keys, validation, &mut buf) {
        Ok(v) => {
            let dot = token.iter().rposition(|&b| b == b'.').unwrap();
            let tag = key.hmac().unwrap().sign(&token[..dot]);
            let mut sig = vec![0u8; 128];
            let n = base64::decode(
                &token[dot + 1..],
                Alphabet::UrlSafe,
                Padding::Unpadded,
                &mut sig,
            )
            .unwrap();
            assert_eq!(&sig[..n], tag.as_bytes());
            // `exp` is required and was checked against the clock.
            let exp = v.expires_at().expect("exp is required");
            assert!(
                validation
                    .now()
                    .saturating_sub(validation.leeway_seconds() as i64)
                    < exp
            );
            let _ = (v.issuer(), v.subject(), v.audiences().count(), v.claim("x"));
            Some((v.header().raw().to_vec(), v.claims().raw().to_vec()))
        }
        Err(_) => {
            assert!(buf.iter().all(|&b| b == 0));
            None
        }
    };
    let _ = jwt::verify_jws(token, &keys, validation, &mut buf);
    accepted
}

/// `s` without the JSON whitespace (RFC 8259 section 2) before and after
/// it.
fn json_trim(mut s: &[u8]) -> &[u8] {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    while let [first, rest @ ..] = s
        && ws(first)
    {
        s = rest;
    }
    while let [rest @ .., last] = s
        && ws(last)
    {
        s = rest;
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = split(data) else { return };
    let validation = Validation::new(input.now)
        .leeway(u64::from(input.leeway))
        .ignore_audience();
    let fixed = JwtKey::hs256(FIXED).unwrap();
    // Any key the input holds, short ones through the legacy opt-in (an
    // empty one never makes a key).
    let Ok(own) = JwtKey::legacy_hmac(HmacKey::new(Algorithm::Sha256, input.key)) else {
        return;
    };
    match input.rest.split_first() {
        Some((0xFF, parts)) => {
            // Sign the fuzzed JSON with the input's key.
            let zero = parts.iter().position(|&b| b == 0).unwrap_or(parts.len());
            let (header, claims) = (&parts[..zero], parts.get(zero + 1..).unwrap_or(&[]));
            let mut token = b64(header);
            token.push(b'.');
            token.extend(b64(claims));
            let tag = own.hmac().unwrap().sign(&token);
            // Keys that differ only by trailing zero bytes sign alike (HMAC
            // pads keys with zeros): refusal is owed only on another tag.
            let fixed_signs_alike = fixed.hmac().unwrap().sign(&token) == tag;
            token.push(b'.');
            token.extend(b64(tag.as_bytes()));
            if let Some((h, c)) = check(&token, &own, &validation) {
                // Accepted: the view is the JSON signed without the
                // whitespace around it (`Verified::header` and `claims`
                // are the objects), a claims object with unique members.
                assert_eq!(
                    (h.as_slice(), c.as_slice()),
                    (json_trim(header), json_trim(claims))
                );
                let strict = Limits {
                    unique_members: true,
                    ..Limits::DEFAULT
                };
                let parsed = json::parse_with(claims, &strict);
                assert!(parsed.is_ok_and(|v| v.kind() == json::Kind::Object));
                if !fixed_signs_alike {
                    assert!(check(&token, &fixed, &validation).is_none());
                }
            }
        }
        _ => {
            check(input.rest, &fixed, &validation);
            check(input.rest, &own, &validation);
        }
    }
});
