//! Introspection responses from arbitrary bytes: never panics; `active`
//! decides first (an inactive answer is never read further), a response
//! that reads answers every getter and check.
//!
//! Layout: a clock offset (1 byte, signed, in hours from the RFC 7662
//! example's `iat`), then the response.
#![no_main]

use jeton::Error;
use jeton::oauth::{Introspection, IntrospectionCheck};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&hours, body)) = data.split_first() else {
        return;
    };
    let now = 1_419_350_238 + i64::from(hours as i8) * 3600;
    let parsed = Introspection::parse(body);
    // Whatever a well-formed `active: false` comes with, the answer is
    // the same.
    let limits = jeton::json::Limits {
        max_depth: 16,
        max_members: 256,
        unique_members: true,
    };
    if let Ok(doc) = jeton::json::parse_with(body, &limits)
        && doc.get("active").is_some_and(|a| a.raw() == b"false")
    {
        assert_eq!(parsed.err(), Some(Error::TokenInactive));
    }
    let Ok(r) = parsed else {
        return;
    };
    let mut buf = [0u8; 256];
    for s in [
        r.client_id(),
        r.username(),
        r.token_type(),
        r.subject(),
        r.issuer(),
        r.jwt_id(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = s.unescape_into(&mut buf);
    }
    let _ = r.cnf_jkt();
    let scopes: Vec<_> = r.scopes().iter().collect();
    for s in &scopes {
        assert!(!s.raw().is_empty());
    }
    let audiences = r.audiences().count();
    let check = IntrospectionCheck::new(now).leeway(30);
    let dates = r.check(&check);
    match r.expires_at() {
        Some(exp) if now - 30 >= exp => assert_eq!(dates, Err(Error::JwtExpired)),
        _ => {}
    }
    let with_aud = r.check(&check.audience("https://protected.example.net/resource"));
    if dates.is_ok() && audiences == 0 {
        // No `aud` at all: missing. An `aud` naming nobody (`[]`): not
        // for this audience, as jose's audience check answers.
        let expected = if r.audience().is_none() {
            Error::JwtMissingClaim
        } else {
            Error::JwtAudienceInvalid
        };
        assert_eq!(with_aud, Err(expected));
    }
    let _ = r.check(
        &check
            .issuer("https://server.example.com/")
            .scopes(&["read", "write"]),
    );
});
