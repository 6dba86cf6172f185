//! Signed cookies in the two formats Node servers use, byte for byte.
//!
//! - [`keygrip`]: cookie-session and Koa (the npm `cookies` module): the
//!   cookie `name=value` travels with a companion `name.sig` cookie holding
//!   the base64url HMAC (SHA-1 by default) of `name=value`.
//!   [`keygrip::encode_session_value`] encodes a cookie-session value.
//! - [`cookie_signature`]: express-session and cookie-parser: the value
//!   itself becomes `value.signature` (HMAC-SHA256, standard base64 without
//!   `=`), and express-session stores `s:` before it, percent-encoded in the
//!   cookie (`s%3A...`).
//! - [`expiring`]: jeton's own signed value that carries its expiry (and
//!   the purpose it was made for) under the signature, for cookies that
//!   grant access and OAuth `state` values: checked on every use, so a
//!   stolen copy is refused once it expires.
//! - [`csrf`]: signed double-submit tokens against cross-site request
//!   forgery, bound to the session, built on [`expiring`].
//!
//! Every check reports one of: valid (with the index of the key that
//! matched, so the caller can re-sign after a rotation),
//! [`Error::SignatureMismatch`](crate::Error::SignatureMismatch) (bad
//! signature), [`Error::SignatureMalformed`](crate::Error::SignatureMalformed)
//! (malformed input) or
//! [`Error::UnknownSignedFormat`](crate::Error::UnknownSignedFormat) (not a
//! signed value). Signatures are decoded (they are public) and the raw MAC
//! bytes compared in constant time; the expected MAC is never encoded.

pub mod cookie_signature;
pub mod csrf;
pub mod expiring;
pub mod keygrip;

/// A value whose signature checked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified<'a> {
    /// The signed value, without its signature.
    pub value: &'a [u8],
    /// Index in the key ring of the key that matched: anything but 0 means
    /// the value was signed with an older key and should be re-signed.
    pub key_index: usize,
}
