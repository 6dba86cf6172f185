//! A fixed-capacity list of revoked JWT IDs.

use super::shared::{is_expired, revocation_expiry};
use super::{fingerprint, fingerprint_bytes};
use crate::Error;
use crate::json::JsonStr;
use crate::jwt::{Revocation, Verified};
use crate::list::List;

/// Up to `N` revoked `jti` values, each kept only until the revoked
/// token's own `exp` (after which the token is refused as expired anyway).
///
/// ```
/// use jeton::session::RevocationList;
/// let mut revoked: RevocationList<16> = RevocationList::new();
/// revoked.revoke(b"8f14e45f-ceea-467f", 2_000, 1_000)?;
/// assert!(revoked.contains(b"8f14e45f-ceea-467f", 1_500));
/// assert!(!revoked.contains(b"8f14e45f-ceea-467f", 2_000)); // lapsed with the token
/// # Ok::<(), jeton::Error>(())
/// ```
///
/// A verifier with a leeway still accepts a token for `leeway` seconds
/// after its `exp`; give the list at least the same leeway
/// ([`RevocationList::leeway`]) so that it keeps (and takes) revocations
/// that long:
///
/// ```
/// use jeton::session::RevocationList;
/// let mut revoked: RevocationList<16> = RevocationList::new().leeway(60);
/// revoked.revoke(b"8f14e45f-ceea-467f", 2_000, 2_030)?; // past exp, within the leeway
/// assert_eq!(revoked.purge(2_030), 0);
/// assert!(revoked.contains(b"8f14e45f-ceea-467f", 2_030 - 60));
/// assert_eq!(revoked.purge(2_060), 1);
/// # Ok::<(), jeton::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RevocationList<const N: usize> {
    /// SHA-256 of each `jti`, with the `exp` it lapses at.
    entries: List<([u8; 32], i64), N>,
    /// Seconds an entry is kept past its `exp`.
    leeway: i64,
}

impl<const N: usize> Default for RevocationList<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> RevocationList<N> {
    /// An empty list. A list of thousands of entries is large: keep it in
    /// a `static` or on the heap of the program that owns it, not on a
    /// small stack.
    ///
    /// ```
    /// use jeton::session::RevocationList;
    /// let revoked: RevocationList<1024> = RevocationList::new();
    /// assert!(revoked.is_empty());
    /// assert!(!revoked.contains(b"8f14e45f-ceea-467f", 0));
    /// ```
    pub const fn new() -> Self {
        RevocationList {
            entries: List::filled(([0; 32], 0)),
            leeway: 0,
        }
    }

    /// Keeps each entry `seconds` past its token's `exp`: set it to the
    /// largest leeway of the verifiers that consult the list.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.set_leeway(seconds);
        self
    }

    /// [`RevocationList::leeway`] on a list in place (a list is large; this
    /// moves nothing).
    ///
    /// ```
    /// use jeton::session::RevocationList;
    /// let mut revoked: RevocationList<16> = RevocationList::new();
    /// revoked.set_leeway(60);
    /// revoked.revoke(b"8f14e45f-ceea-467f", 2_000, 1_000)?;
    /// assert_eq!(revoked.purge(2_059), 0); // kept 60 s past the token's exp
    /// assert_eq!(revoked.purge(2_060), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn set_leeway(&mut self, seconds: u64) {
        self.leeway = if seconds > i64::MAX as u64 {
            i64::MAX
        } else {
            seconds as i64
        };
    }

    /// Entries held (lapsed ones included until purged).
    ///
    /// ```
    /// use jeton::session::RevocationList;
    /// let mut revoked: RevocationList<16> = RevocationList::new();
    /// revoked.revoke(b"a", 2_000, 1_000)?;
    /// revoked.revoke(b"a", 3_000, 1_000)?; // the same jti: one entry
    /// revoked.revoke(b"b", 2_000, 1_000)?;
    /// assert_eq!(revoked.len(), 2);
    /// assert!(revoked.contains(b"a", 2_500)); // the later exp was kept
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Revokes the token with this `jti` until `exp` (its own expiry;
    /// `i64::MAX` for a token without one) plus the list's leeway.
    /// Revoking again keeps the later expiry. Says whether an entry was
    /// recorded: a token already past `exp` plus the leeway needs none
    /// ([`Revoked::AlreadyLapsed`]).
    ///
    /// # Errors
    ///
    /// [`Error::RevocationListFull`] when every entry is still in force;
    /// lapsed entries are dropped to make room first.
    ///
    /// ```
    /// use jeton::{Error, session::{RevocationList, Revoked}};
    /// let mut revoked: RevocationList<2> = RevocationList::new();
    /// revoked.revoke(b"first", 2_000, 1_000)?;
    /// revoked.revoke(b"second", 3_000, 1_000)?;
    /// assert_eq!(revoked.revoke(b"third", 3_000, 1_000), Err(Error::RevocationListFull));
    /// // Once the first token has expired, its entry makes room.
    /// revoked.revoke(b"third", 3_000, 2_000)?;
    /// assert!(!revoked.contains(b"first", 2_000) && revoked.contains(b"third", 2_000));
    /// // A token that has expired already needs no entry.
    /// assert_eq!(revoked.revoke(b"old", 1_500, 2_000)?, Revoked::AlreadyLapsed);
    /// assert_eq!(revoked.len(), 2);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn revoke(&mut self, jti: &[u8], exp: i64, now: i64) -> Result<Revoked, Error> {
        self.revoke_fingerprint(fingerprint(jti), exp, now)
    }

    /// [`RevocationList::revoke`] for a verified token: its `jti` and `exp`.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`] when the token has no `jti`; otherwise as
    /// [`RevocationList::revoke`].
    ///
    /// Logout for a token-based session: the token it presented is refused
    /// from then on.
    ///
    /// ```
    /// use jeton::{Error, jwt::{self, Claims, JwtKey, KeySet, Validation}};
    /// use jeton::session::RevocationList;
    ///
    /// let key = JwtKey::hs256(b"a secret of at least 32 bytes....")?;
    /// let mut token = [0u8; 256];
    /// let n = jwt::encode(&key, &Claims::new().jwt_id("a1b2").expires_at(2_000), &mut token)?;
    /// let keys: KeySet<1> = KeySet::with_key(key)?;
    /// let mut revoked: RevocationList<16> = RevocationList::new();
    ///
    /// let mut buf = [0u8; 256];
    /// let verified = jwt::verify(&token[..n], &keys, &Validation::new(1_000), &mut buf)?;
    /// revoked.revoke_token(&verified, 1_000)?;
    ///
    /// let again = Validation::new(1_001).revocation(&revoked);
    /// assert_eq!(jwt::verify(&token[..n], &keys, &again, &mut buf).err(), Some(Error::JwtRevoked));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn revoke_token(&mut self, token: &Verified<'_>, now: i64) -> Result<Revoked, Error> {
        let jti = token.jwt_id().ok_or(Error::JwtMissingClaim)?;
        let exp = token.expires_at().unwrap_or(i64::MAX);
        self.revoke_fingerprint(fingerprint_bytes(jti.bytes()), exp, now)
    }

    /// [`RevocationList::revoke`] for a `jti` still escaped as in its JSON
    /// (as a [`Verified`](crate::jwt::Verified) token hands it out): the
    /// string it stands for is revoked.
    ///
    /// # Errors
    ///
    /// As [`RevocationList::revoke`].
    ///
    /// ```
    /// use jeton::{json, session::RevocationList};
    /// let doc = json::parse(br#"{"jti":"caf\u00e9"}"#)?;
    /// let jti = doc.get("jti").and_then(|v| v.as_str()).unwrap();
    /// let mut revoked: RevocationList<4> = RevocationList::new();
    /// revoked.revoke_json(&jti, 2_000, 1_000)?;
    /// assert!(revoked.contains("café".as_bytes(), 1_000));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn revoke_json(&mut self, jti: &JsonStr<'_>, exp: i64, now: i64) -> Result<Revoked, Error> {
        self.revoke_fingerprint(fingerprint_bytes(jti.bytes()), exp, now)
    }

    fn revoke_fingerprint(&mut self, key: [u8; 32], exp: i64, now: i64) -> Result<Revoked, Error> {
        if lapsed(exp, self.leeway, now) {
            // Every verifier that may consult the list (leeway at most the
            // list's, checked at verification) refuses the token as expired.
            return Ok(Revoked::AlreadyLapsed);
        }
        if let Some(entry) = self.entries.iter_mut().find(|(k, _)| *k == key) {
            entry.1 = entry.1.max(exp);
            return Ok(Revoked::Recorded);
        }
        if self.entries.is_full() && self.purge(now) == 0 {
            return Err(Error::RevocationListFull);
        }
        self.entries
            .push((key, exp))
            .map(|()| Revoked::Recorded)
            .map_err(|_| Error::RevocationListFull)
    }

    /// Whether `jti` is revoked at `now`: it was revoked, and its token
    /// has not expired (an expiry is the first second it no longer holds).
    ///
    /// ```
    /// use jeton::session::RevocationList;
    /// let mut revoked: RevocationList<4> = RevocationList::new();
    /// revoked.revoke(b"a1b2", 2_000, 1_000)?;
    /// assert!(revoked.contains(b"a1b2", 1_999));
    /// assert!(!revoked.contains(b"a1b2", 2_000));
    /// assert!(!revoked.contains(b"c3d4", 1_000));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn contains(&self, jti: &[u8], now: i64) -> bool {
        self.contains_fingerprint(&fingerprint(jti), now)
    }

    /// Whether the `jti` whose SHA-256 is `key` is revoked at `now`.
    fn contains_fingerprint(&self, key: &[u8; 32], now: i64) -> bool {
        self.entries
            .iter()
            .any(|(entry, exp)| !is_expired(*exp, now) && entry == key)
    }

    /// Drops the entries whose token has expired (leeway included); returns
    /// how many. [`RevocationList::revoke`] does it when the list is full;
    /// calling it now and then keeps [`RevocationList::len`] honest.
    ///
    /// ```
    /// use jeton::session::RevocationList;
    /// let mut revoked: RevocationList<4> = RevocationList::new();
    /// revoked.revoke(b"a", 2_000, 1_000)?;
    /// revoked.revoke(b"b", 3_000, 1_000)?;
    /// assert_eq!(revoked.purge(2_500), 1);
    /// assert_eq!(revoked.len(), 1);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn purge(&mut self, now: i64) -> usize {
        let before = self.entries.len();
        let leeway = self.leeway;
        self.entries.retain(|&(_, exp)| !lapsed(exp, leeway, now));
        before - self.entries.len()
    }
}

/// Whether an entry lapsing at `exp`, kept `leeway` seconds past it, is no
/// longer needed at `now`.
fn lapsed(exp: i64, leeway: i64, now: i64) -> bool {
    is_expired(revocation_expiry(exp, leeway), now)
}

impl<const N: usize> Revocation for RevocationList<N> {
    /// Never fails: the list is in memory.
    fn is_revoked(&self, jti: &JsonStr<'_>, now: i64) -> Result<bool, Error> {
        Ok(self.contains_fingerprint(&fingerprint_bytes(jti.bytes()), now))
    }

    /// The list's [`RevocationList::leeway`].
    fn kept_past_expiry(&self) -> u64 {
        self.leeway.unsigned_abs()
    }
}

/// What [`RevocationList::revoke`] did with a revocation it accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revoked {
    /// The `jti` is on the list until its token's `exp` plus the list's
    /// leeway (revoking again keeps the later `exp`).
    Recorded,
    /// Nothing was recorded: the token's `exp` plus the list's leeway is
    /// past already, so every verifier that may consult the list refuses
    /// the token as expired (verification refuses a list whose leeway is
    /// shorter than its own, [`Error::RevocationLeewayTooShort`]).
    AlreadyLapsed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_list_drops_only_lapsed_entries() {
        let mut list: RevocationList<2> = RevocationList::new();
        list.revoke(b"a", 100, 0).unwrap();
        list.revoke(b"b", 200, 0).unwrap();
        assert_eq!(list.revoke(b"c", 300, 50), Err(Error::RevocationListFull));
        assert!(list.contains(b"a", 50) && list.contains(b"b", 50));
        list.revoke(b"c", 300, 100).unwrap();
        assert!(!list.contains(b"a", 100) && list.contains(b"c", 100));
        // Revoking an expired token records nothing, and says so.
        assert_eq!(list.revoke(b"d", 10, 100), Ok(Revoked::AlreadyLapsed));
        assert_eq!(list.len(), 2);
        assert_eq!(list.revoke(b"c", 400, 100), Ok(Revoked::Recorded));
    }

    /// Issue 18, finding 5: with a verifier leeway of 60 and the list's
    /// default of 0, a token revoked 30 seconds past its `exp` was
    /// "revoked" (nothing recorded) and still verified.
    #[test]
    fn a_list_with_less_leeway_than_the_verifier_is_refused() {
        use crate::jwt::{self, Claims, JwtKey, KeySet, Validation};
        let key = JwtKey::hs256(b"a secret of at least 32 bytes....").unwrap();
        let mut token = [0u8; 256];
        let claims = Claims::new().jwt_id("a1b2").expires_at(2_000);
        let n = jwt::encode(&key, &claims, &mut token).unwrap();
        let keys: KeySet<1> = KeySet::with_key(key).unwrap();
        let mut buf = [0u8; 256];
        let now = 2_030; // past exp, within the verifier's leeway

        let mut short: RevocationList<4> = RevocationList::new();
        assert_eq!(
            short.revoke(b"a1b2", 2_000, now),
            Ok(Revoked::AlreadyLapsed)
        );
        let v = Validation::new(now).leeway(60).revocation(&short);
        let got = jwt::verify(&token[..n], &keys, &v, &mut buf).err();
        assert_eq!(got, Some(Error::RevocationLeewayTooShort));

        let mut enough: RevocationList<4> = RevocationList::new().leeway(60);
        assert_eq!(enough.revoke(b"a1b2", 2_000, now), Ok(Revoked::Recorded));
        let v = Validation::new(now).leeway(60).revocation(&enough);
        let got = jwt::verify(&token[..n], &keys, &v, &mut buf).err();
        assert_eq!(got, Some(Error::JwtRevoked));
        // A verifier with less leeway than the list may consult it.
        let v = Validation::new(1_000).leeway(30).revocation(&enough);
        let got = jwt::verify(&token[..n], &keys, &v, &mut buf).err();
        assert_eq!(got, Some(Error::JwtRevoked));
        // Not checking exp at all, the list's entries count as held.
        let v = Validation::new(now).allow_expired().revocation(&short);
        assert!(jwt::verify(&token[..n], &keys, &v, &mut buf).is_ok());
    }
}
