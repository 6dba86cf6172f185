//! JSON Web Tokens (RFC 7519) in JWS compact form (RFC 7515), encoded and
//! verified without allocating: HS256/384/512, ES256, ES384 and EdDSA
//! (sign and verify), RS256/384/512 and PS256/384/512 (verify), with keys
//! from secrets, JWKs and JWK Sets (RFC 7517) and PEM files.
//!
//! - [`encode`] writes `base64url(header).base64url(claims).base64url(mac)`
//!   straight into the caller's buffer from a [`Claims`] builder.
//! - [`verify`] checks the token's shape, its header, the key (the
//!   algorithm comes from the key, never from the token, and `none` is
//!   never accepted), the signature in constant time, and only then the
//!   claims against a [`Validation`]; its documentation states the order
//!   and the error of each check. What it returns is a zero-copy view of
//!   the header and claims, decoded into the caller's buffer, that keeps
//!   where each claim lies.
//!
//! Each signature family (HMAC, ECDSA, EdDSA, RSA) is one file under
//! `jwt/family/` behind one enum, and a cargo feature. `docs/jwt.md` in the
//! repository gives the reasons behind the defaults and the key rules.
//!
//! ```
//! use jeton::jwt::{self, Claims, JwtKey, KeySet, Validation};
//!
//! let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
//! let claims = Claims::new()
//!     .issuer("https://auth.example.com")
//!     .subject("user-42")
//!     .audience("https://api.example.com")
//!     .expires_at(1_700_003_600)
//!     .string("role", "admin");
//! let mut token = [0u8; 512];
//! let n = jwt::encode(&key, &claims, &mut token)?;
//!
//! let keys: KeySet<2> = KeySet::with_key(key)?;
//! let accepted = ["https://api.example.com"];
//! let validation = Validation::new(1_700_000_000)
//!     .issuer("https://auth.example.com")
//!     .audiences(&accepted);
//! let mut payload = [0u8; 512];
//! let verified = jwt::verify(&token[..n], &keys, &validation, &mut payload)?;
//! assert_eq!(verified.subject().and_then(|s| s.as_plain()), Some("user-42"));
//! let mut role = [0u8; 16];
//! let len = verified.claim_str("role", &mut role)?;
//! assert_eq!(&role[..len], b"admin");
//! # Ok::<(), jeton::Error>(())
//! ```

mod alg;
mod claims;
mod encode;
mod family;
mod header;
mod jwk;
mod key;
mod validation;
mod verified;
mod verify;

pub use alg::{Family, JwtAlgorithm};
pub use encode::{Audience, ClaimValue, Claims, Header, encode, encode_with_header};
pub use jwk::JwksSummary;
pub use key::{JwtKey, KeySet, MAX_KID_LEN};
pub use validation::{Claim, DEFAULT_MAX_TOKEN_LEN, Expect, Revocation, Validation};
pub use verified::{Verified, VerifiedJws};
pub use verify::{verify, verify_jws};
