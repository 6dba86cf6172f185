//! A fixed-capacity list of revoked JWT IDs.

use super::{fingerprint, fingerprint_bytes};
use crate::Error;
use crate::list::List;

/// What JWT verification asks about a token's `jti`; implemented by
/// [`RevocationList`], and by anything else a caller keeps revocations in.
pub trait Revocation {
    /// Whether the token whose `jti` has this SHA-256 is revoked at `now`.
    /// Verification asks with its clock less its leeway (the instant the
    /// token's `exp` is judged against), and with `i64::MIN` when it does
    /// not check `exp`: an entry still held then always counts.
    fn is_revoked(&self, jti_sha256: &[u8; 32], now: i64) -> bool;
}

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
    /// An empty list.
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
    pub const fn set_leeway(&mut self, seconds: u64) {
        self.leeway = if seconds > i64::MAX as u64 {
            i64::MAX
        } else {
            seconds as i64
        };
    }

    /// Entries held (lapsed ones included until purged).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Revokes the token with this `jti` until `exp` (its own expiry;
    /// `i64::MAX` for a token without one). Revoking again keeps the later
    /// expiry.
    ///
    /// # Errors
    ///
    /// [`Error::RevocationListFull`] when every entry is still in force;
    /// lapsed entries are dropped to make room first.
    pub fn revoke(&mut self, jti: &[u8], exp: i64, now: i64) -> Result<(), Error> {
        self.revoke_fingerprint(fingerprint(jti), exp, now)
    }

    /// [`RevocationList::revoke`] for a verified token: its `jti` and `exp`.
    ///
    /// # Errors
    ///
    /// [`Error::JwtMissingClaim`] when the token has no `jti`; otherwise as
    /// [`RevocationList::revoke`].
    pub fn revoke_token(
        &mut self,
        token: &crate::jwt::Verified<'_>,
        now: i64,
    ) -> Result<(), Error> {
        let jti = token.jwt_id().ok_or(Error::JwtMissingClaim)?;
        let exp = token.expires_at().unwrap_or(i64::MAX);
        self.revoke_fingerprint(fingerprint_bytes(jti.bytes()), exp, now)
    }

    /// [`RevocationList::revoke`] for a `jti` still escaped as in its JSON
    /// (as a [`Verified`](crate::jwt::Verified) token hands it out).
    ///
    /// # Errors
    ///
    /// As [`RevocationList::revoke`].
    pub fn revoke_json(
        &mut self,
        jti: &crate::json::JsonStr<'_>,
        exp: i64,
        now: i64,
    ) -> Result<(), Error> {
        self.revoke_fingerprint(fingerprint_bytes(jti.bytes()), exp, now)
    }

    fn revoke_fingerprint(&mut self, key: [u8; 32], exp: i64, now: i64) -> Result<(), Error> {
        if lapsed(exp, self.leeway, now) {
            // The token is refused as expired already.
            return Ok(());
        }
        if let Some(entry) = self.entries.iter_mut().find(|(k, _)| *k == key) {
            entry.1 = entry.1.max(exp);
            return Ok(());
        }
        if self.entries.is_full() && self.purge(now) == 0 {
            return Err(Error::RevocationListFull);
        }
        self.entries
            .push((key, exp))
            .map_err(|_| Error::RevocationListFull)
    }

    /// Whether `jti` is revoked at `now`.
    pub fn contains(&self, jti: &[u8], now: i64) -> bool {
        self.is_revoked(&fingerprint(jti), now)
    }

    /// Drops the entries whose token has expired; returns how many.
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
    exp.saturating_add(leeway) <= now
}

impl<const N: usize> Revocation for RevocationList<N> {
    fn is_revoked(&self, jti_sha256: &[u8; 32], now: i64) -> bool {
        self.entries
            .iter()
            .any(|(key, exp)| *exp > now && key == jti_sha256)
    }
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
        // Revoking an expired token is a no-op.
        list.revoke(b"d", 10, 100).unwrap();
        assert_eq!(list.len(), 2);
    }
}
