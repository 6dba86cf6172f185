//! Stateless `state`, `nonce` and PKCE verifier: the server stores nothing
//! between sending the browser to the authorization server and the
//! callback, and still defeats login CSRF, ID token injection and code
//! interception.
//!
//! [`issue`] draws 32 random bytes (the *nonce*) and signs, with an HMAC
//! key, a value carrying that nonce, the issue time and an optional short
//! payload (the page to return to), with an expiry, under the purpose
//! [`PURPOSE`] ([`crate::signed::expiring`] is the format). That signed
//! value is the `state` parameter. Three more strings follow from the
//! nonce:
//!
//! - the **binding cookie** value, the nonce in base64url, set in a
//!   short-lived `__Host-` cookie ([`NewState::write_cookie`]): the
//!   callback is accepted only from the browser that holds the same nonce,
//!   compared in constant time. An attacker can make a victim's browser
//!   arrive at the callback with the attacker's own valid `state` (login
//!   CSRF), but cannot set the victim's `__Host-` cookie, so the nonces
//!   differ. The nonce is not a secret (the `state` carries it in the
//!   URL); the binding rests on who can write the cookie.
//! - the OpenID Connect **`nonce`**, `base64url(HMAC(key, "nonce" ||
//!   nonce))`: the ID token must carry it back.
//! - the PKCE **`code_verifier`**, `base64url(HMAC(key, "pkce" || nonce))`,
//!   and its `S256` challenge: the verifier never leaves the server until
//!   the token request, and whoever sees the `state` (it travels in URLs)
//!   cannot compute it without the key.
//!
//! [`verify`] checks the signature against a key ring (so keys can
//! rotate), the expiry and a maximum age against the caller's `now`, and
//! the binding cookie, then derives the same `nonce` and verifier again.
//!
//! # Replay window
//!
//! A verified `state` stays valid until it is `max_age` seconds old (10
//! minutes by default): within that window the same callback URL, from the
//! same browser (it needs the binding cookie), passes [`verify`] again.
//! The authorization code in it is single-use at the authorization server
//! (RFC 6749 section 4.1.2), so a replay at worst earns an `invalid_grant`
//! from the token endpoint. To refuse the second use locally, call
//! [`VerifiedState::consume`] with a [`RevocationList`]: the nonce is
//! remembered until the state expires. With several server processes,
//! use a store they share (jeton-redis) keyed by [`VerifiedState::id`].
//!
//! ```
//! use jeton::mac::{Algorithm, HmacKey, KeyRing};
//! use jeton::oauth::state;
//!
//! let key = HmacKey::new(Algorithm::Sha256, b"an OAuth state key of 32 bytes..");
//! let mut rng = |buf: &mut [u8]| { buf.fill(0x42); Ok(()) }; // a real RNG here
//! let now = 1_700_000_000;
//!
//! // Before redirecting to the authorization server.
//! let mut state_buf = [0u8; state::MAX_STATE_LEN];
//! let new = state::issue(&key, &mut rng, now, state::DEFAULT_MAX_AGE, b"/orders/7", &mut state_buf)?;
//! let mut cookie = [0u8; 128];
//! let n = new.write_cookie(&mut cookie)?;
//! assert!(cookie[..n].starts_with(b"__Host-jeton-oauth="));
//! // ... send new.state(), new.nonce() and new.code_challenge() to the server.
//!
//! // At the callback, with the state from the query and the cookie value.
//! let ring: KeyRing<2> = KeyRing::with_key(key.clone())?;
//! let mut payload = [0u8; state::MAX_PAYLOAD_LEN];
//! let back = state::verify(&ring, new.state().as_bytes(), new.binding().as_bytes(),
//!     now + 30, state::DEFAULT_MAX_AGE, &mut payload)?;
//! assert_eq!(back.payload(), b"/orders/7");
//! assert_eq!(back.code_verifier(), new.code_verifier());
//! assert_eq!(back.nonce(), new.nonce());
//!
//! // From another browser (another cookie), or too late, it is refused.
//! assert_eq!(
//!     state::verify(&ring, new.state().as_bytes(), b"someone-else", now + 30, 600, &mut payload).err(),
//!     Some(jeton::Error::OauthStateNotBound)
//! );
//! assert_eq!(
//!     state::verify(&ring, new.state().as_bytes(), new.binding().as_bytes(), now + 600, 600, &mut payload).err(),
//!     Some(jeton::Error::OauthStateExpired)
//! );
//! # Ok::<(), jeton::Error>(())
//! ```

use core::fmt;

use zeroize::Zeroize;

use super::pkce::{self, Pkce};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::cookie::{SameSite, SetCookie};
use crate::mac::{HmacKey, KeyRing};
use crate::out::written;
use crate::session::{Entropy, RevocationList};
use crate::signed::expiring;

/// The purpose a `state` is signed for ([`crate::signed::expiring`]): a
/// value signed for anything else never passes for a `state`.
pub const PURPOSE: &[u8] = b"jeton/oauth/state";
/// The name of the binding cookie. `__Host-`: only a secure origin can set
/// it, for the whole host and no other (RFC 6265bis section 4.1.3.2).
pub const BINDING_COOKIE: &str = "__Host-jeton-oauth";
/// Random bytes in a state's nonce: 32 (256 bits).
pub const NONCE_BYTES: usize = 32;
/// Length of the binding cookie value, the OpenID Connect `nonce` and
/// the PKCE verifier: 43 base64url characters each.
pub const TOKEN_LEN: usize = base64::encoded_len(NONCE_BYTES, Padding::Unpadded);
/// Longest payload a `state` carries. Short on purpose: it travels in
/// two URLs.
pub const MAX_PAYLOAD_LEN: usize = 256;
/// Longest `state` [`issue`] writes (with a [`MAX_PAYLOAD_LEN`] payload and
/// an HMAC-SHA512 key).
pub const MAX_STATE_LEN: usize = 3 // v1.
    + 20 + 1 // expiry, dot
    + base64::encoded_len(SIGNED_PREFIX + MAX_PAYLOAD_LEN, Padding::Unpadded) + 1
    + base64::encoded_len(64, Padding::Unpadded);
/// The lifetime and maximum age of a `state` unless the caller chooses
/// another: 10 minutes, time enough to log in at the authorization server.
pub const DEFAULT_MAX_AGE: u64 = 600;
/// How far in the future an issue time may lie and still be accepted:
/// the clock of the server that issued it may run ahead of this one.
const MAX_CLOCK_SKEW: i64 = 60;

/// Bytes before the caller's payload in the signed value: the nonce, then
/// the issue time (8 bytes, big-endian, two's complement).
const SIGNED_PREFIX: usize = NONCE_BYTES + 8;

/// The labels of the two values derived from a nonce.
const NONCE_LABEL: &[u8] = b"jeton/oauth/nonce";
const PKCE_LABEL: &[u8] = b"jeton/oauth/pkce";

/// `HMAC(key, len(label) || label || nonce)`, its first 32 bytes.
fn derive(key: &HmacKey, label: &[u8], nonce: &[u8; NONCE_BYTES]) -> Result<[u8; 32], Error> {
    let len = [label.len() as u8];
    let mut derived = [0u8; 32];
    let tag = key.sign_parts(&[&len, label, nonce]);
    // HMAC-SHA1's 20 bytes are too few for a 256-bit verifier.
    let bytes = tag
        .as_bytes()
        .get(..32)
        .ok_or(Error::KeyAlgorithmMismatch)?;
    derived.copy_from_slice(bytes);
    Ok(derived)
}

/// The three values derived from a nonce with a key.
struct Derived {
    binding: [u8; TOKEN_LEN],
    nonce: [u8; TOKEN_LEN],
    pkce: Pkce,
}

impl Derived {
    fn of(key: &HmacKey, nonce: &[u8; NONCE_BYTES]) -> Result<Derived, Error> {
        let mut oidc = derive(key, NONCE_LABEL, nonce)?;
        let mut verifier = derive(key, PKCE_LABEL, nonce)?;
        let mut derived = Derived {
            binding: [0; TOKEN_LEN],
            nonce: [0; TOKEN_LEN],
            pkce: Pkce::from_bytes(&verifier),
        };
        verifier.zeroize();
        // Exact lengths: these cannot fail.
        let _ = base64::encode(
            nonce,
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut derived.binding,
        );
        let _ = base64::encode(
            &oidc,
            Alphabet::UrlSafe,
            Padding::Unpadded,
            &mut derived.nonce,
        );
        oidc.zeroize();
        Ok(derived)
    }
}

/// A `state` just issued, with what goes with it: the binding cookie, the
/// OpenID Connect `nonce`, the PKCE verifier and challenge.
pub struct NewState<'b> {
    state: &'b str,
    derived: Derived,
    issued_at: i64,
    max_age: u64,
}

impl fmt::Debug for NewState<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewState")
            .field("state", &self.state)
            .field("issued_at", &self.issued_at)
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

impl NewState<'_> {
    /// The `state` parameter of the authorization request.
    pub fn state(&self) -> &str {
        self.state
    }

    /// The value of the binding cookie ([`BINDING_COOKIE`]).
    pub fn binding(&self) -> &str {
        pkce::ascii(&self.derived.binding)
    }

    /// The OpenID Connect `nonce` parameter of the authorization request.
    pub fn nonce(&self) -> &str {
        pkce::ascii(&self.derived.nonce)
    }

    /// The PKCE `code_verifier` (a secret until the token request;
    /// [`verify`] gives it back at the callback, there is no need to keep
    /// it).
    pub fn code_verifier(&self) -> &str {
        self.derived.pkce.verifier()
    }

    /// The PKCE `code_challenge` (`S256`) of the authorization request.
    pub fn code_challenge(&self) -> &str {
        self.derived.pkce.challenge()
    }

    /// When the state was issued, Unix seconds.
    pub fn issued_at(&self) -> i64 {
        self.issued_at
    }

    /// Writes the `Set-Cookie` value of the binding cookie:
    /// `__Host-jeton-oauth=<nonce>; Path=/; Max-Age=<max_age>; Secure;
    /// HttpOnly; SameSite=Lax`. `Lax`, not `Strict`: the callback is a
    /// top-level navigation from another site, which `Strict` cookies do
    /// not follow. (A `response_mode=form_post` callback is a cross-site
    /// POST, which only a `SameSite=None` cookie follows; use
    /// [`NewState::write_cookie_same_site`] then.)
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`].
    pub fn write_cookie(&self, out: &mut [u8]) -> Result<usize, Error> {
        self.write_cookie_same_site(SameSite::Lax, out)
    }

    /// [`NewState::write_cookie`] with another `SameSite`.
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`].
    pub fn write_cookie_same_site(
        &self,
        same_site: SameSite,
        out: &mut [u8],
    ) -> Result<usize, Error> {
        SetCookie::new(BINDING_COOKIE, &self.derived.binding)
            .path("/")
            .max_age(self.max_age)
            .secure(true)
            .http_only(true)
            .same_site(same_site)
            .write(out)
    }
}

/// Writes the `Set-Cookie` value that deletes the binding cookie, for the
/// callback's answer.
///
/// # Errors
///
/// [`Error::BufferTooSmall`].
///
/// ```
/// let mut buf = [0u8; 128];
/// let n = jeton::oauth::state::write_clear_cookie(&mut buf)?;
/// assert_eq!(
///     &buf[..n],
///     &b"__Host-jeton-oauth=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"[..]
/// );
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn write_clear_cookie(out: &mut [u8]) -> Result<usize, Error> {
    SetCookie::removal(BINDING_COOKIE)
        .path("/")
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .write(out)
}

/// Issues a `state` at `now`, valid for `max_age` seconds, carrying
/// `payload` (at most [`MAX_PAYLOAD_LEN`] bytes, `b""` for none), signed
/// with `key`; the `state` is written into `out` ([`MAX_STATE_LEN`] bytes
/// always suffice).
///
/// # Errors
///
/// [`Error::InputTooLong`] for a payload over [`MAX_PAYLOAD_LEN`];
/// [`Error::KeyAlgorithmMismatch`] for an HMAC-SHA1 key (too short a tag
/// to derive a 256-bit verifier from); [`Error::BufferTooSmall`] (found
/// before any entropy is drawn); what the entropy source returns.
pub fn issue<'b>(
    key: &HmacKey,
    entropy: &mut impl Entropy,
    now: i64,
    max_age: u64,
    payload: &[u8],
    out: &'b mut [u8],
) -> Result<NewState<'b>, Error> {
    if payload.len() > MAX_PAYLOAD_LEN {
        return Err(Error::InputTooLong);
    }
    if key.algorithm().tag_len() < 32 {
        return Err(Error::KeyAlgorithmMismatch);
    }
    let expires_at = now.saturating_add(i64::try_from(max_age).unwrap_or(i64::MAX));
    // Size first: a query for the length spends no entropy.
    let needed = expiring_len(key, expires_at, SIGNED_PREFIX + payload.len());
    if out.len() < needed {
        return Err(Error::BufferTooSmall { needed });
    }
    let mut nonce = [0u8; NONCE_BYTES];
    let result = entropy
        .fill(&mut nonce)
        .and_then(|()| sign_state(key, &nonce, now, expires_at, payload, out));
    nonce.zeroize();
    let (state, derived) = result?;
    Ok(NewState {
        state,
        derived,
        issued_at: now,
        max_age,
    })
}

/// Signs `nonce || now || payload` until `expires_at` into `out`.
fn sign_state<'b>(
    key: &HmacKey,
    nonce: &[u8; NONCE_BYTES],
    now: i64,
    expires_at: i64,
    payload: &[u8],
    out: &'b mut [u8],
) -> Result<(&'b str, Derived), Error> {
    let derived = Derived::of(key, nonce)?;
    let mut signed = [0u8; SIGNED_PREFIX + MAX_PAYLOAD_LEN];
    let (prefix, rest) = signed.split_at_mut(SIGNED_PREFIX);
    let (nonce_slot, iat_slot) = prefix.split_at_mut(NONCE_BYTES);
    nonce_slot.copy_from_slice(nonce);
    iat_slot.copy_from_slice(&now.to_be_bytes());
    let (payload_slot, _) = rest
        .split_at_mut_checked(payload.len())
        .ok_or(Error::InputTooLong)?;
    payload_slot.copy_from_slice(payload);
    let result = match signed.split_at_checked(SIGNED_PREFIX + payload.len()) {
        Some((message, _)) => expiring::sign(key, PURPOSE, message, expires_at, out),
        None => Err(Error::InputTooLong),
    };
    signed.zeroize();
    let n = result?;
    let out: &'b [u8] = out;
    Ok((pkce::ascii(written(out, n)?), derived))
}

/// The length of an expiring value signed with `key` until `expires_at`
/// over `payload_len` bytes.
fn expiring_len(key: &HmacKey, expires_at: i64, payload_len: usize) -> usize {
    let mut digits = [0u8; 20];
    let exp_len = crate::out::decimal(expires_at.unsigned_abs(), &mut digits).len()
        + usize::from(expires_at < 0);
    3 + exp_len
        + 1
        + base64::encoded_len(payload_len, Padding::Unpadded)
        + 1
        + base64::encoded_len(key.algorithm().tag_len(), Padding::Unpadded)
}

/// A `state` that checked out.
pub struct VerifiedState<'b> {
    payload: &'b [u8],
    issued_at: i64,
    expires_at: i64,
    key_index: usize,
    derived: Derived,
}

impl fmt::Debug for VerifiedState<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedState")
            .field("payload", &self.payload)
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at)
            .field("key_index", &self.key_index)
            .finish_non_exhaustive()
    }
}

impl VerifiedState<'_> {
    /// The payload given to [`issue`] (decoded into the caller's buffer).
    pub fn payload(&self) -> &[u8] {
        self.payload
    }

    /// When the state was issued, Unix seconds.
    pub fn issued_at(&self) -> i64 {
        self.issued_at
    }

    /// The expiry it was signed with, Unix seconds.
    pub fn expires_at(&self) -> i64 {
        self.expires_at
    }

    /// Index in the key ring of the key that signed it (anything but 0: an
    /// older key).
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// The OpenID Connect `nonce` sent with the authorization request: the
    /// ID token's `nonce` claim must equal it.
    pub fn nonce(&self) -> &str {
        pkce::ascii(&self.derived.nonce)
    }

    /// The PKCE `code_verifier` for the token request.
    pub fn code_verifier(&self) -> &str {
        self.derived.pkce.verifier()
    }

    /// A unique ID of this state (its nonce, base64url): the key under
    /// which a shared store remembers that it was used.
    pub fn id(&self) -> &str {
        pkce::ascii(&self.derived.binding)
    }

    /// Makes the state single-use: refuses it when `used` holds its ID,
    /// otherwise adds the ID until the state expires.
    ///
    /// # Errors
    ///
    /// [`Error::OauthStateReplayed`] when it was used before;
    /// [`Error::RevocationListFull`] when the list has no room (nothing
    /// is admitted then).
    ///
    /// ```
    /// # use jeton::mac::{Algorithm, HmacKey, KeyRing};
    /// # use jeton::oauth::state;
    /// # use jeton::session::RevocationList;
    /// # let key = HmacKey::new(Algorithm::Sha256, b"an OAuth state key of 32 bytes..");
    /// # let ring: KeyRing<1> = KeyRing::with_key(key.clone())?;
    /// # let mut rng = |buf: &mut [u8]| { buf.fill(7); Ok(()) };
    /// # let mut buf = [0u8; state::MAX_STATE_LEN];
    /// let new = state::issue(&key, &mut rng, 1_000, 600, b"", &mut buf)?;
    /// let mut used: RevocationList<64> = RevocationList::new();
    /// let (state, binding) = (new.state().as_bytes(), new.binding().as_bytes());
    /// let mut payload = [0u8; 0];
    /// state::verify(&ring, state, binding, 1_010, 600, &mut payload)?.consume(&mut used, 1_010)?;
    /// // The same callback again: the signature and the cookie still check out...
    /// let again = state::verify(&ring, state, binding, 1_011, 600, &mut payload)?;
    /// // ...but it was used.
    /// assert_eq!(again.consume(&mut used, 1_011), Err(jeton::Error::OauthStateReplayed));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn consume<const N: usize>(
        &self,
        used: &mut RevocationList<N>,
        now: i64,
    ) -> Result<(), Error> {
        if used.contains(&self.derived.binding, now) {
            return Err(Error::OauthStateReplayed);
        }
        // A state past its expiry was refused before it was consumed.
        used.revoke(&self.derived.binding, self.expires_at, now)
            .map(|_| ())
    }
}

/// Verifies a `state` at `now`: signed by a key of `ring` for
/// [`PURPOSE`], not expired, issued less than `max_age` seconds ago, and
/// bound to this browser (`binding` is the value of the
/// [`BINDING_COOKIE`] cookie the request carries, `b""` when it carries
/// none). The payload is written into `out`.
///
/// The checks run in this order, each with its error:
///
/// 1. [`Error::OauthStateInvalid`]: not a `state` of this format, not
///    signed by a key of the ring, or issued more than a minute in the
///    future;
/// 2. [`Error::OauthStateExpired`]: past its signed expiry, or older than
///    `max_age`;
/// 3. [`Error::OauthStateNotBound`]: the binding cookie is missing or
///    holds another nonce (compared in constant time).
///
/// # Errors
///
/// Those three; [`Error::EmptyKeyRing`]; [`Error::KeyAlgorithmMismatch`]
/// when the key that signed it is HMAC-SHA1; [`Error::BufferTooSmall`]
/// when `out` cannot hold the payload.
pub fn verify<'b, const N: usize>(
    ring: &KeyRing<N>,
    state: &[u8],
    binding: &[u8],
    now: i64,
    max_age: u64,
    out: &'b mut [u8],
) -> Result<VerifiedState<'b>, Error> {
    if state.len() > MAX_STATE_LEN {
        return Err(Error::OauthStateInvalid);
    }
    let mut signed = [0u8; SIGNED_PREFIX + MAX_PAYLOAD_LEN];
    let result = verify_into(ring, state, binding, now, max_age, &mut signed, out);
    signed.zeroize();
    result
}

fn verify_into<'b, const N: usize>(
    ring: &KeyRing<N>,
    state: &[u8],
    binding: &[u8],
    now: i64,
    max_age: u64,
    signed: &mut [u8; SIGNED_PREFIX + MAX_PAYLOAD_LEN],
    out: &'b mut [u8],
) -> Result<VerifiedState<'b>, Error> {
    let opened = expiring::verify(ring, PURPOSE, state, now, signed).map_err(|e| match e {
        Error::SignedValueExpired => Error::OauthStateExpired,
        Error::EmptyKeyRing => Error::EmptyKeyRing,
        _ => Error::OauthStateInvalid,
    })?;
    let (expires_at, key_index) = (opened.expires_at, opened.key_index);
    let (prefix, payload) = opened
        .payload
        .split_at_checked(SIGNED_PREFIX)
        .ok_or(Error::OauthStateInvalid)?;
    let (nonce, iat) = prefix.split_at(NONCE_BYTES);
    let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| Error::OauthStateInvalid)?;
    let iat: [u8; 8] = iat.try_into().map_err(|_| Error::OauthStateInvalid)?;
    let issued_at = i64::from_be_bytes(iat);
    if issued_at > now.saturating_add(MAX_CLOCK_SKEW) {
        return Err(Error::OauthStateInvalid);
    }
    let age = now.saturating_sub(issued_at);
    if age >= i64::try_from(max_age).unwrap_or(i64::MAX) {
        return Err(Error::OauthStateExpired);
    }
    let key = ring.keys().get(key_index).ok_or(Error::OauthStateInvalid)?;
    let derived = Derived::of(key, &nonce)?;
    if !crate::mac::ct_eq(&derived.binding, binding) {
        return Err(Error::OauthStateNotBound);
    }
    if out.len() < payload.len() {
        return Err(Error::BufferTooSmall {
            needed: payload.len(),
        });
    }
    let (dest, _) = out.split_at_mut(payload.len());
    dest.copy_from_slice(payload);
    Ok(VerifiedState {
        payload: dest,
        issued_at,
        expires_at,
        key_index,
        derived,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mac::Algorithm;

    fn key(secret: &[u8]) -> HmacKey {
        HmacKey::new(Algorithm::Sha256, secret)
    }

    fn counter() -> impl FnMut(&mut [u8]) -> Result<(), Error> {
        let mut n = 0u8;
        move |buf: &mut [u8]| {
            n = n.wrapping_add(1);
            buf.fill(n);
            Ok(())
        }
    }

    #[test]
    fn round_trip_and_each_refusal() {
        let old = key(b"old state key, 32 bytes or so...");
        let mut ring: KeyRing<2> =
            KeyRing::with_key(key(b"new state key, 32 bytes or so...")).unwrap();
        ring.push(old.clone()).unwrap();
        let mut rng = counter();
        let mut buf = [0u8; MAX_STATE_LEN];
        let new = issue(&old, &mut rng, 1000, 600, b"/back?x=1", &mut buf).unwrap();
        let state = new.state().as_bytes();
        let binding = new.binding().as_bytes();
        assert!(
            state
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
        );
        let mut out = [0u8; MAX_PAYLOAD_LEN];
        let ok = verify(&ring, state, binding, 1599, 600, &mut out).unwrap();
        assert_eq!(ok.payload(), b"/back?x=1");
        assert_eq!(
            (ok.issued_at(), ok.expires_at(), ok.key_index()),
            (1000, 1600, 1)
        );
        assert_eq!(ok.code_verifier(), new.code_verifier());
        assert_eq!(ok.nonce(), new.nonce());
        assert_eq!(ok.id(), new.binding());
        let mut challenge = [0u8; 43];
        pkce::challenge_s256(ok.code_verifier().as_bytes(), &mut challenge).unwrap();
        assert_eq!(&challenge[..], new.code_challenge().as_bytes());
        // The three derived values differ from one another.
        assert_ne!(new.nonce(), new.code_verifier());
        assert_ne!(new.nonce(), new.binding());

        let err = |state: &[u8], binding: &[u8], now, max_age| {
            let mut out = [0u8; MAX_PAYLOAD_LEN];
            verify(&ring, state, binding, now, max_age, &mut out).err()
        };
        assert_eq!(
            err(state, binding, 1600, 600),
            Some(Error::OauthStateExpired)
        );
        assert_eq!(
            err(state, binding, 1300, 300),
            Some(Error::OauthStateExpired)
        );
        assert_eq!(
            err(state, binding, 939, 600),
            Some(Error::OauthStateInvalid)
        );
        assert!(err(state, binding, 940, 600).is_none());
        assert_eq!(err(state, b"", 1100, 600), Some(Error::OauthStateNotBound));
        let mut other = [0u8; TOKEN_LEN];
        other.copy_from_slice(binding);
        other[0] ^= 1;
        assert_eq!(
            err(state, &other, 1100, 600),
            Some(Error::OauthStateNotBound)
        );
        // Tampered anywhere, or signed by an unknown key or for another
        // purpose.
        for i in 0..state.len() {
            let mut t = [0u8; MAX_STATE_LEN];
            t[..state.len()].copy_from_slice(state);
            t[i] ^= 0x01;
            assert!(
                matches!(
                    err(&t[..state.len()], binding, 1100, 600),
                    Some(Error::OauthStateInvalid | Error::OauthStateExpired)
                ),
                "byte {i}"
            );
        }
        let mut foreign = [0u8; MAX_STATE_LEN];
        let stranger = key(b"somebody else's key, 32 bytes...");
        let n = issue(&stranger, &mut rng, 1000, 600, b"", &mut foreign)
            .unwrap()
            .state()
            .len();
        assert_eq!(
            err(&foreign[..n], binding, 1100, 600),
            Some(Error::OauthStateInvalid)
        );
        let mut elsewhere = [0u8; 256];
        let n = expiring::sign(&old, b"session", &[0; 40], 1600, &mut elsewhere).unwrap();
        assert_eq!(
            err(&elsewhere[..n], binding, 1100, 600),
            Some(Error::OauthStateInvalid)
        );
        // Too short a payload to hold the prefix, with a valid signature.
        let n = expiring::sign(&old, PURPOSE, &[0; 39], 1600, &mut elsewhere).unwrap();
        assert_eq!(
            err(&elsewhere[..n], binding, 1100, 600),
            Some(Error::OauthStateInvalid)
        );
        assert_eq!(err(b"", binding, 1100, 600), Some(Error::OauthStateInvalid));
        // The payload's buffer.
        let mut small = [0u8; 3];
        assert_eq!(
            verify(&ring, state, binding, 1100, 600, &mut small).err(),
            Some(Error::BufferTooSmall { needed: 9 })
        );
    }

    #[test]
    fn issue_refuses_before_drawing() {
        let k = key(b"a state key of thirty-two bytes.");
        let drawn = core::cell::Cell::new(false);
        let mut rng = |b: &mut [u8]| {
            drawn.set(true);
            b.fill(1);
            Ok(())
        };
        let mut buf = [0u8; MAX_STATE_LEN];
        assert_eq!(
            issue(&k, &mut rng, 0, 600, &[0; MAX_PAYLOAD_LEN + 1], &mut buf).err(),
            Some(Error::InputTooLong)
        );
        let mut small = [0u8; 64];
        assert_eq!(
            issue(&k, &mut rng, 0, 600, b"/x", &mut small).err(),
            Some(Error::BufferTooSmall { needed: 107 })
        );
        assert!(!drawn.get());
        let full = issue(&k, &mut rng, 0, 600, b"/x", &mut buf)
            .unwrap()
            .state()
            .len();
        assert_eq!(full, 107);
        #[cfg(feature = "sha1")]
        assert_eq!(
            issue(
                &HmacKey::new(Algorithm::Sha1, b"k"),
                &mut rng,
                0,
                600,
                b"",
                &mut buf
            )
            .err(),
            Some(Error::KeyAlgorithmMismatch)
        );
        // The longest state fits MAX_STATE_LEN, with the longest tag.
        #[cfg(feature = "sha512")]
        {
            let big = HmacKey::new(Algorithm::Sha512, &[9; 64]);
            let n = issue(
                &big,
                &mut counter(),
                i64::MIN,
                600,
                &[0xFF; MAX_PAYLOAD_LEN],
                &mut buf,
            )
            .unwrap()
            .state()
            .len();
            assert_eq!(n, MAX_STATE_LEN);
        }
    }

    #[test]
    fn one_time_use() {
        let k = key(b"a state key of thirty-two bytes.");
        let ring: KeyRing<1> = KeyRing::with_key(k.clone()).unwrap();
        let mut buf = [0u8; MAX_STATE_LEN];
        let new = issue(&k, &mut counter(), 0, 600, b"", &mut buf).unwrap();
        let mut list: RevocationList<1> = RevocationList::new();
        let mut out = [0u8; 0];
        let v = verify(
            &ring,
            new.state().as_bytes(),
            new.binding().as_bytes(),
            10,
            600,
            &mut out,
        )
        .unwrap();
        v.consume(&mut list, 10).unwrap();
        assert_eq!(v.consume(&mut list, 599), Err(Error::OauthStateReplayed));
        // Another state while the list is full of live entries.
        let mut buf2 = [0u8; MAX_STATE_LEN];
        let mut rng = |b: &mut [u8]| {
            b.fill(0xEE);
            Ok(())
        };
        let second = issue(&k, &mut rng, 0, 600, b"", &mut buf2).unwrap();
        let mut out = [0u8; 0];
        let w = verify(
            &ring,
            second.state().as_bytes(),
            second.binding().as_bytes(),
            10,
            600,
            &mut out,
        )
        .unwrap();
        assert_eq!(w.consume(&mut list, 10), Err(Error::RevocationListFull));
        // Once the first has expired, its entry makes room.
        assert_eq!(w.consume(&mut list, 600), Ok(()));
    }
}
