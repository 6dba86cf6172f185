//! Any bytes as a token endpoint's body (and a pushed authorization
//! response's): parsing never panics; an accepted token response has a
//! non-empty access token and no error member; a body refused as an OAuth
//! error reads as an error response with that code.
#![no_main]

use jeton::Error;
use jeton::oauth::authorize::ParResponse;
use jeton::oauth::response::{ErrorCode, ErrorResponse, TokenResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let error = ErrorResponse::parse(data);
    match TokenResponse::parse(data) {
        Ok(token) => {
            assert!(!token.access_token().raw().is_empty());
            assert!(error.is_err());
            let _ = token.expires_at(i64::MAX);
            let _ = token.has_scope(b"openid");
        }
        Err(
            e
            @ (Error::OauthServerError | Error::OauthAccessDenied | Error::OauthDeviceCodeExpired),
        ) => {
            let error = error.expect("an error response reads as one");
            assert_eq!(error.code().error(), e);
            if error.code() != ErrorCode::Other {
                assert!(
                    error
                        .code()
                        .name()
                        .is_some_and(|n| error.error().eq_bytes(n.as_bytes()))
                );
            }
        }
        Err(_) => {}
    }
    if let Ok(par) = ParResponse::parse(data) {
        assert!(!par.request_uri().raw().is_empty());
    }
});
