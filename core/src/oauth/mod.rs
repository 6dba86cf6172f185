//! OAuth 2.0 and OpenID Connect for servers and devices, without I/O:
//! jeton builds the requests (exact bytes, into the caller's buffers) and
//! judges the answers (against the caller's `now` and keys); the caller's
//! HTTP client carries them.
//!
//! The client side (encodings, PKCE, signed `state` and `nonce`, the
//! authorization request and its callback, token requests and responses,
//! the device flow) and the token side (provider metadata, ID tokens, JWT
//! access tokens, introspection, DPoP) each live in their own module.
//!
//! The client side, in the order a login uses it:
//!
//! - [`state`]: a signed `state` bound to the browser by a cookie, and
//!   the OpenID Connect `nonce` and PKCE verifier derived from it, so the
//!   server stores nothing between redirect and callback;
//! - [`authorize`]: the authorization URL, or a pushed authorization
//!   request's body;
//! - [`callback`]: the authorization response at the redirect URI,
//!   with RFC 9207's issuer check;
//! - [`token`]: token request bodies and client authentication;
//! - [`response`]: token and error responses;
//! - [`device`]: the device authorization grant and its polling rules;
//! - [`pkce`], [`form`], [`url`]: PKCE on its own, and the
//!   `application/x-www-form-urlencoded` encoding everything above uses.
//!
//! The token side: [`metadata`] (provider metadata, RFC 8414 and OpenID
//! Connect Discovery), [`id_token`], [`access_token`] (RFC 9068 JWT access
//! tokens) with [`scope`], [`introspection`] (RFC 7662) and [`dpop`]
//! (RFC 9449 proofs, made and checked).
//!
//! `docs/oauth.md` and `docs/oauth-tokens.md` in the repository give the
//! decisions taken where the specifications leave a choice, and the
//! differences from oauth4webapi.
//!
//! ```
//! use jeton::mac::{Algorithm, HmacKey, KeyRing};
//! use jeton::oauth::{authorize::AuthorizationRequest, callback::{Callback, CallbackCheck}};
//! use jeton::oauth::{response::TokenResponse, state, token::{ClientAuth, TokenRequest}};
//!
//! let key = HmacKey::new(Algorithm::Sha256, b"an OAuth state key of 32 bytes..");
//! let mut rng = |buf: &mut [u8]| { buf.fill(0x42); Ok(()) }; // a real RNG here
//! let (issuer, client_id, redirect_uri) =
//!     ("https://as.example", "my-app", "https://app.example/cb");
//!
//! // 1. Send the browser to the authorization server.
//! let mut state_buf = [0u8; state::MAX_STATE_LEN];
//! let new = state::issue(&key, &mut rng, 1_700_000_000, 600, b"/home", &mut state_buf)?;
//! let mut url = [0u8; 512];
//! let n = AuthorizationRequest::new(client_id, redirect_uri)
//!     .scope(&["openid", "email"])
//!     .state(new.state())
//!     .nonce(new.nonce())
//!     .code_challenge(new.code_challenge())
//!     .write_url(b"https://as.example/authorize", &mut url)?;
//! let mut cookie = [0u8; 128];
//! let c = new.write_cookie(&mut cookie)?; // Set-Cookie, with the redirect
//! # let (url, cookie) = (&url[..n], &cookie[..c]);
//!
//! // 2. The callback: /cb?code=...&state=...&iss=...
//! # let mut target = [0u8; 512];
//! # let t = { let mut w = jeton::oauth::url::with_query(b"https://app.example/cb", &mut target)?;
//! #   w.pair(b"code", b"SplxlOBeZQQYbYS6WxSbIA").pair(b"state", new.state().as_bytes())
//! #    .pair(b"iss", issuer.as_bytes()); w.finish()? };
//! # let binding = new.binding().as_bytes();
//! let query = jeton::oauth::form::query(&target[..t]);
//! let callback = Callback::parse(query, &CallbackCheck::new(issuer).iss_required(true))?;
//! let ring: KeyRing<2> = KeyRing::with_key(key.clone())?;
//! let mut return_to = [0u8; state::MAX_PAYLOAD_LEN];
//! let verified = callback.verify_state(&ring, binding, 1_700_000_030, 600, &mut return_to)?;
//! let code = callback.code()?;
//!
//! // 3. Redeem the code at the token endpoint.
//! let mut body = [0u8; 512];
//! let auth = ClientAuth::SecretBasic { client_id, client_secret: "s3cr3t" };
//! let request = TokenRequest::authorization_code(
//!     core::str::from_utf8(code.as_plain().unwrap()).unwrap(),
//!     redirect_uri,
//!     verified.code_verifier(),
//! );
//! let len = request.write_body(&auth, &mut body)?;
//! let mut authorization = [0u8; 128];
//! let a = auth.write_authorization(&mut authorization)?;
//! # let _ = (len, a);
//!
//! // 4. Read the answer.
//! let token = TokenResponse::parse(br#"{"access_token":"at","token_type":"Bearer","expires_in":3600}"#)?;
//! assert_eq!(token.expires_at(1_700_000_031), Some(1_700_003_631));
//! assert_eq!(verified.payload(), b"/home");
//! # Ok::<(), jeton::Error>(())
//! ```

pub mod access_token;
pub mod authorize;
pub mod callback;
mod checked;
pub mod device;
pub mod dpop;
pub mod form;
pub mod id_token;
pub mod introspection;
pub mod metadata;
mod params;
pub mod pkce;
pub mod response;
pub mod scope;
pub mod state;
pub mod token;
pub mod url;

pub use access_token::{AccessToken, AccessTokenValidation, verify_access_token};
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub use dpop::{DpopProof, DpopValidation, VerifiedProof, verify_proof};
pub use dpop::{ReplayCache, Thumbprint};
pub use id_token::{IdToken, IdTokenValidation, verify_id_token};
pub use introspection::{Introspection, IntrospectionCheck};
pub use metadata::{Metadata, Profile, StrList};
pub use scope::Scopes;
