//! Provider metadata from arbitrary bytes: never panics; a document that
//! reads has the expected issuer, and its getters answer without failing.
//!
//! Layout: the expected issuer's length (1 byte), the issuer, then the
//! document.
#![no_main]

use jeton::oauth::{Metadata, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&len, rest)) = data.split_first() else {
        return;
    };
    let Some((issuer, doc)) = rest.split_at_checked(usize::from(len)) else {
        return;
    };
    let Ok(issuer) = std::str::from_utf8(issuer) else {
        return;
    };
    let oauth = Metadata::parse(doc, issuer, Profile::OAuth);
    let openid = Metadata::parse(doc, issuer, Profile::OpenId);
    // OpenID Connect asks for more than RFC 8414, never less.
    if openid.is_ok() {
        assert!(oauth.is_ok());
    }
    if let Ok(meta) = oauth {
        assert!(meta.issuer().eq_bytes(issuer.as_bytes()));
        let mut buf = [0u8; 512];
        for endpoint in [
            meta.authorization_endpoint(),
            meta.token_endpoint(),
            meta.userinfo_endpoint(),
            meta.jwks_uri(),
            meta.registration_endpoint(),
            meta.device_authorization_endpoint(),
            meta.pushed_authorization_request_endpoint(),
            meta.introspection_endpoint(),
            meta.revocation_endpoint(),
            meta.end_session_endpoint(),
        ]
        .into_iter()
        .flatten()
        {
            let _ = endpoint.unescape_into(&mut buf);
        }
        for list in [
            meta.response_types_supported(),
            meta.response_modes_supported(),
            meta.grant_types_supported(),
            meta.scopes_supported(),
            meta.subject_types_supported(),
            meta.code_challenge_methods_supported(),
            meta.token_endpoint_auth_methods_supported(),
            meta.token_endpoint_auth_signing_alg_values_supported(),
            meta.id_token_signing_alg_values_supported(),
            meta.dpop_signing_alg_values_supported(),
        ] {
            // Each string of a list is found in it, unescaped.
            for s in list.iter() {
                let mut text = vec![0u8; s.raw().len()];
                let n = s.unescape_into(&mut text).unwrap();
                let text = std::str::from_utf8(&text[..n]).unwrap();
                assert!(list.contains(text));
            }
        }
        let _ = meta.supports_s256();
        let _ = meta.supports_grant_type("authorization_code");
        let _ = meta.supports_token_endpoint_auth_method("client_secret_basic");
        let _ = meta.authorization_response_iss_parameter_supported();
        let _ = meta.require_pushed_authorization_requests();
    }
});
