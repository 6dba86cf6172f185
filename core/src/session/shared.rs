//! Sessions and revocations kept outside the process (in Redis, shared by
//! many servers): what every backend must agree on byte for byte, without
//! any I/O. A Rust server, a C server on hiredis and a script in another
//! language that follow this module (and `docs/shared-state.md`, which
//! describes the same bytes) can share one store.
//!
//! - **Keys**: a prefix the caller configures, then the base64url (no
//!   padding) SHA-256 of the session ID or the `jti` ([`key`]). The store
//!   never sees a raw ID, so a dump of it or a `MONITOR` log leaks no live
//!   session.
//! - **Records**: a [`SessionRecord`] (user ID, created, absolute expiry,
//!   sliding expiry, the caller's bytes) and a [`RevocationRecord`] (the
//!   revoked token's `exp`), each compact, versioned, with a strict
//!   decoder: another kind or version, a truncated record, trailing bytes
//!   or times that cannot belong together are
//!   [`Error::StoreRecordInvalid`], never a session.
//! - **Decisions**: [`is_expired`], [`absolute_expiry`],
//!   [`touched_expiry`], [`revocation_expiry`] and [`entry_expiry`] (the
//!   expiry to give the store's own entry). The in-process
//!   [`SessionStore`](super::SessionStore) and
//!   [`RevocationList`](super::RevocationList) decide with the same
//!   functions.
//!
//! ```
//! use jeton::session::shared::{self, SessionRecord};
//!
//! // Login: the record of a new session, and the key it is stored under.
//! let id = b"9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6kAbCdEfGhIjK";
//! let record = SessionRecord::open(b"user-42", b"roles=admin", 1_000, 1_800, Some(28_800));
//! let mut key = [0u8; 64];
//! let n = shared::key(b"jeton:s:", id, &mut key)?;
//! let key = &key[..n];
//! let mut bytes = [0u8; 64];
//! let n = record.encode(&mut bytes)?;
//! let bytes = &bytes[..n];
//! // SET key bytes NX EXAT entry_expiry(record.expires)
//! assert_eq!(shared::entry_expiry(record.expires), 2_800);
//!
//! // A later request: GET key, decode, judge, touch.
//! let found = SessionRecord::decode(bytes)?;
//! let touched = found.touched(2_000, 1_800)?;
//! assert_eq!((touched.user, touched.expires), (&b"user-42"[..], 3_800));
//! assert_eq!(found.touched(2_800, 1_800).err(), Some(jeton::Error::SessionExpired));
//! # let _ = key;
//! # Ok::<(), jeton::Error>(())
//! ```

use super::{fingerprint, fingerprint_bytes};
use crate::Error;
use crate::base64::{self, Alphabet, Padding};
use crate::json::JsonStr;
use crate::out::Out;

/// Length of the part of a key after the prefix: the base64url of a
/// SHA-256 digest, 43 characters.
pub const KEY_HASH_LEN: usize = base64::encoded_len(32, Padding::Unpadded);

/// A prefix for session keys when the caller has no other: `jeton:s:`.
pub const DEFAULT_SESSION_PREFIX: &[u8] = b"jeton:s:";
/// A prefix for revocation keys when the caller has no other: `jeton:r:`.
pub const DEFAULT_REVOCATION_PREFIX: &[u8] = b"jeton:r:";

/// The latest expiry a store entry is given: 9999-12-31T23:59:59Z, within
/// what Redis accepts for `EXAT` and what every peer can represent.
pub const MAX_ENTRY_EXPIRY: i64 = 253_402_300_799;

/// First byte of a [`SessionRecord`].
pub const SESSION_RECORD_KIND: u8 = b'S';
/// First byte of a [`RevocationRecord`].
pub const REVOCATION_RECORD_KIND: u8 = b'R';
/// The version of both record formats this build writes and reads.
pub const RECORD_VERSION: u8 = 1;

/// The longest user ID a [`SessionRecord`] holds (its length is one byte).
pub const MAX_USER_LEN: usize = u8::MAX as usize;
/// The most caller bytes a [`SessionRecord`] holds (two length bytes).
pub const MAX_DATA_LEN: usize = u16::MAX as usize;

/// Bytes of a [`SessionRecord`] besides its user ID and data: kind,
/// version, three times of 8 bytes and the two lengths.
pub const SESSION_RECORD_OVERHEAD: usize = 2 + 3 * 8 + 1 + 2;
/// Bytes of a [`RevocationRecord`]: kind, version and `exp`.
pub const REVOCATION_RECORD_LEN: usize = 2 + 8;

/// Writes the store key of a session ID or of a `jti`: `prefix`, then the
/// base64url (unpadded) SHA-256 of `secret`. Returns its length,
/// `prefix.len() + KEY_HASH_LEN`.
///
/// Give sessions and revocations different prefixes: the keys of a
/// session ID and of an equal `jti` are otherwise the same.
///
/// # Errors
///
/// [`Error::BufferTooSmall`] (nothing written).
///
/// ```
/// use jeton::session::shared;
/// let mut out = [0u8; 64];
/// let n = shared::key(b"jeton:s:", b"abc", &mut out)?;
/// // SHA-256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1)
/// assert_eq!(&out[..n], b"jeton:s:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn key(prefix: &[u8], secret: &[u8], out: &mut [u8]) -> Result<usize, Error> {
    key_of_fingerprint(prefix, &fingerprint(secret), out)
}

/// [`key`] of a `jti` still escaped as in its JSON (as a verified token
/// hands it out): the key of the string it stands for.
///
/// # Errors
///
/// As [`key`].
///
/// ```
/// use jeton::{json, session::shared};
/// let doc = json::parse(br#"{"jti":"\u0061bc"}"#)?; // "abc", escaped
/// let jti = doc.get("jti").and_then(|v| v.as_str()).unwrap();
/// let mut out = [0u8; 64];
/// let n = shared::key_of_json(shared::DEFAULT_REVOCATION_PREFIX, &jti, &mut out)?;
/// // SHA-256("abc") (FIPS 180-2, appendix B.1), in base64url.
/// assert_eq!(&out[..n], b"jeton:r:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
/// # Ok::<(), jeton::Error>(())
/// ```
pub fn key_of_json(prefix: &[u8], jti: &JsonStr<'_>, out: &mut [u8]) -> Result<usize, Error> {
    key_of_fingerprint(prefix, &fingerprint_bytes(jti.bytes()), out)
}

fn key_of_fingerprint(prefix: &[u8], digest: &[u8; 32], out: &mut [u8]) -> Result<usize, Error> {
    let mut hash = [0u8; KEY_HASH_LEN];
    let n = base64::encode(digest, Alphabet::UrlSafe, Padding::Unpadded, &mut hash)?;
    let mut out = Out::new(out);
    out.put(prefix);
    out.put(hash.get(..n).unwrap_or(&hash));
    out.finish()
}

// ---------------------------------------------------------------------
// Decisions.

/// Whether something that expires at `expires` (a session, a revocation
/// entry) has expired at `now`: an expiry is the first second it no
/// longer holds.
///
/// ```
/// use jeton::session::shared::is_expired;
/// assert!(!is_expired(2_000, 1_999));
/// assert!(is_expired(2_000, 2_000));
/// ```
pub const fn is_expired(expires: i64, now: i64) -> bool {
    expires <= now
}

/// The absolute expiry of a session created at `created` that may live
/// `lifetime` seconds however active it is; `i64::MAX` without such a
/// limit.
///
/// ```
/// use jeton::session::shared::absolute_expiry;
/// assert_eq!(absolute_expiry(1_000, Some(28_800)), 29_800);
/// assert_eq!(absolute_expiry(1_000, None), i64::MAX);
/// assert_eq!(absolute_expiry(i64::MAX - 1, Some(10)), i64::MAX); // saturates
/// ```
pub const fn absolute_expiry(created: i64, lifetime: Option<i64>) -> i64 {
    match lifetime {
        Some(limit) => created.saturating_add(limit),
        None => i64::MAX,
    }
}

/// The sliding expiry a session gets when created or touched at `now`:
/// `idle` seconds from now, never past its absolute expiry.
///
/// ```
/// use jeton::session::shared::touched_expiry;
/// assert_eq!(touched_expiry(1_000, 1_800, 29_800), 2_800);
/// assert_eq!(touched_expiry(29_000, 1_800, 29_800), 29_800);
/// ```
pub const fn touched_expiry(now: i64, idle: i64, absolute_expiry: i64) -> i64 {
    let sliding = now.saturating_add(idle);
    if sliding < absolute_expiry {
        sliding
    } else {
        absolute_expiry
    }
}

/// Until when a revocation of a token expiring at `exp` must be kept: a
/// verifier with a leeway still accepts the token `leeway` seconds past
/// its `exp`.
///
/// ```
/// use jeton::session::shared::revocation_expiry;
/// assert_eq!(revocation_expiry(1_700_003_600, 60), 1_700_003_660);
/// assert_eq!(revocation_expiry(i64::MAX, 60), i64::MAX); // a token without exp
/// ```
pub const fn revocation_expiry(exp: i64, leeway: i64) -> i64 {
    exp.saturating_add(leeway)
}

/// The expiry to give a store's own entry (Redis `EXAT`) for something
/// that expires at `expiry`: the same instant, brought into
/// `1..=`[`MAX_ENTRY_EXPIRY`]. An entry given 1 is gone at once (its
/// content has long expired); one given the maximum outlives every
/// reader. The record inside still carries the exact time, and readers
/// judge by it.
///
/// ```
/// use jeton::session::shared::{entry_expiry, MAX_ENTRY_EXPIRY};
/// assert_eq!(entry_expiry(1_700_003_600), 1_700_003_600);
/// assert_eq!(entry_expiry(-5), 1);
/// assert_eq!(entry_expiry(i64::MAX), MAX_ENTRY_EXPIRY);
/// ```
pub const fn entry_expiry(expiry: i64) -> i64 {
    if expiry < 1 {
        1
    } else if expiry > MAX_ENTRY_EXPIRY {
        MAX_ENTRY_EXPIRY
    } else {
        expiry
    }
}

// ---------------------------------------------------------------------
// Records.

/// A session as a shared store keeps it (format version 1), borrowing its
/// user ID and data from the bytes it was decoded from or built with.
///
/// Byte layout, integers big-endian, times Unix seconds as two's
/// complement `i64`:
///
/// | offset      | size | field                                       |
/// |-------------|------|---------------------------------------------|
/// | 0           | 1    | kind, `0x53` (`S`)                          |
/// | 1           | 1    | version, `0x01`                             |
/// | 2           | 8    | `created`                                   |
/// | 10          | 8    | `absolute_expiry` (`i64::MAX`: none)        |
/// | 18          | 8    | `expires` (the sliding expiry)              |
/// | 26          | 1    | `U`, length of the user ID (0 to 255)       |
/// | 27          | `U`  | user ID                                     |
/// | 27 + U      | 2    | `D`, length of the data (0 to 65535)        |
/// | 29 + U      | `D`  | data                                        |
///
/// Nothing follows. A record whose `expires` or `created` lies past its
/// `absolute_expiry` cannot have been written by a jeton backend and is
/// refused as well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionRecord<'a> {
    /// Who the session belongs to (any bytes: a user name, a number).
    pub user: &'a [u8],
    /// The caller's bytes, stored as given.
    pub data: &'a [u8],
    /// When the session was created, Unix seconds.
    pub created: i64,
    /// When it ends however active, Unix seconds (`i64::MAX`: never).
    pub absolute_expiry: i64,
    /// When it ends unless touched, Unix seconds.
    pub expires: i64,
}

impl<'a> SessionRecord<'a> {
    /// The record of a session opened at `now` that lives `idle` seconds
    /// after its last touch, and `lifetime` seconds at most if given (the
    /// decisions [`absolute_expiry`] and [`touched_expiry`]).
    ///
    /// ```
    /// use jeton::session::shared::SessionRecord;
    /// let r = SessionRecord::open(b"bob", &[0xFF, 0x00], 1_700_000_000, 1_800, Some(28_800));
    /// assert_eq!((r.created, r.absolute_expiry, r.expires), (1_700_000_000, 1_700_028_800, 1_700_001_800));
    /// let r = SessionRecord::open(b"bob", b"", 1_700_000_000, 1_800, None);
    /// assert_eq!(r.absolute_expiry, i64::MAX);
    /// ```
    pub const fn open(
        user: &'a [u8],
        data: &'a [u8],
        now: i64,
        idle: i64,
        lifetime: Option<i64>,
    ) -> Self {
        let absolute = absolute_expiry(now, lifetime);
        SessionRecord {
            user,
            data,
            created: now,
            absolute_expiry: absolute,
            expires: touched_expiry(now, idle, absolute),
        }
    }

    /// Whether the session is expired at `now` ([`is_expired`]).
    ///
    /// ```
    /// use jeton::session::shared::SessionRecord;
    /// let r = SessionRecord::open(b"bob", b"", 1_000, 1_800, None);
    /// assert!(!r.is_expired(2_799) && r.is_expired(2_800));
    /// ```
    pub const fn is_expired(&self, now: i64) -> bool {
        is_expired(self.expires, now)
    }

    /// The record after a touch at `now`: the sliding expiry `idle`
    /// seconds on, capped by the absolute expiry.
    ///
    /// # Errors
    ///
    /// [`Error::SessionExpired`] when the session has expired at `now`.
    ///
    /// ```
    /// use jeton::{Error, session::shared::SessionRecord};
    /// let r = SessionRecord::open(b"bob", b"", 1_000, 1_800, Some(3_000));
    /// assert_eq!(r.touched(2_000, 1_800)?.expires, 3_800);
    /// assert_eq!(r.touched(2_000, 1_800)?.touched(3_500, 1_800)?.expires, 4_000); // capped
    /// assert_eq!(r.touched(2_800, 1_800).err(), Some(Error::SessionExpired));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub const fn touched(&self, now: i64, idle: i64) -> Result<Self, Error> {
        if self.is_expired(now) {
            return Err(Error::SessionExpired);
        }
        Ok(SessionRecord {
            expires: touched_expiry(now, idle, self.absolute_expiry),
            ..*self
        })
    }

    /// Bytes [`SessionRecord::encode`] writes: 29, the user ID and the
    /// data.
    ///
    /// ```
    /// use jeton::session::shared::SessionRecord;
    /// let r = SessionRecord::open(b"bob", &[0xFF, 0x00], 1_700_000_000, 1_800, Some(28_800));
    /// assert_eq!(r.encoded_len(), 34);
    /// ```
    pub const fn encoded_len(&self) -> usize {
        SESSION_RECORD_OVERHEAD
            .saturating_add(self.user.len())
            .saturating_add(self.data.len())
    }

    /// Writes the record into `out`; returns its length.
    ///
    /// # Errors
    ///
    /// [`Error::InputTooLong`] for a user ID over 255 bytes or data over
    /// 65535; [`Error::StoreRecordInvalid`] when `expires` or `created`
    /// lies past `absolute_expiry` (a record no decoder would take back);
    /// [`Error::BufferTooSmall`] (nothing written).
    ///
    /// ```
    /// use jeton::{Error, session::shared::SessionRecord};
    /// // docs/shared-state.md's example: user "bob", data FF 00, created
    /// // 1700000000, absolute expiry 1700028800, expires 1700001800.
    /// let bytes = [
    ///     0x53, 0x01, 0x00, 0x00, 0x00, 0x00, 0x65, 0x53, 0xF1, 0x00, 0x00, 0x00, 0x00, 0x00,
    ///     0x65, 0x54, 0x61, 0x80, 0x00, 0x00, 0x00, 0x00, 0x65, 0x53, 0xF8, 0x08, 0x03, 0x62,
    ///     0x6F, 0x62, 0x00, 0x02, 0xFF, 0x00,
    /// ];
    /// let record = SessionRecord::open(b"bob", &[0xFF, 0x00], 1_700_000_000, 1_800, Some(28_800));
    /// let mut out = [0u8; 64];
    /// let n = record.encode(&mut out)?;
    /// assert_eq!(out[..n], bytes);
    /// assert_eq!(record.encode(&mut out[..33]), Err(Error::BufferTooSmall { needed: 34 }));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn encode(&self, out: &mut [u8]) -> Result<usize, Error> {
        let (Ok(user_len), Ok(data_len)) = (
            u8::try_from(self.user.len()),
            u16::try_from(self.data.len()),
        ) else {
            return Err(Error::InputTooLong);
        };
        if !self.times_agree() {
            return Err(Error::StoreRecordInvalid);
        }
        let mut out = Out::new(out);
        out.put(&[SESSION_RECORD_KIND, RECORD_VERSION]);
        out.put(&self.created.to_be_bytes());
        out.put(&self.absolute_expiry.to_be_bytes());
        out.put(&self.expires.to_be_bytes());
        out.push(user_len);
        out.put(self.user);
        out.put(&data_len.to_be_bytes());
        out.put(self.data);
        out.finish()
    }

    /// Reads a record written by [`SessionRecord::encode`] (or by any
    /// backend that follows the format), borrowing from `bytes`.
    ///
    /// # Errors
    ///
    /// [`Error::StoreRecordInvalid`]: not a session record, another
    /// version, truncated, followed by anything, or times that cannot
    /// belong together.
    ///
    /// ```
    /// use jeton::{Error, session::shared::SessionRecord};
    /// // docs/shared-state.md's example: user "bob", data FF 00, created
    /// // 1700000000, absolute expiry 1700028800, expires 1700001800.
    /// let bytes = [
    ///     0x53, 0x01, 0x00, 0x00, 0x00, 0x00, 0x65, 0x53, 0xF1, 0x00, 0x00, 0x00, 0x00, 0x00,
    ///     0x65, 0x54, 0x61, 0x80, 0x00, 0x00, 0x00, 0x00, 0x65, 0x53, 0xF8, 0x08, 0x03, 0x62,
    ///     0x6F, 0x62, 0x00, 0x02, 0xFF, 0x00,
    /// ];
    /// let r = SessionRecord::decode(&bytes)?;
    /// assert_eq!((r.user, r.data), (&b"bob"[..], &[0xFF, 0x00][..]));
    /// assert_eq!((r.created, r.absolute_expiry, r.expires), (1_700_000_000, 1_700_028_800, 1_700_001_800));
    /// assert_eq!(SessionRecord::decode(&bytes[..33]), Err(Error::StoreRecordInvalid));
    /// let mut version_2 = bytes;
    /// version_2[1] = 2;
    /// assert_eq!(SessionRecord::decode(&version_2), Err(Error::StoreRecordInvalid));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn decode(bytes: &'a [u8]) -> Result<Self, Error> {
        let mut r = Reader(bytes);
        if r.array::<2>()? != [SESSION_RECORD_KIND, RECORD_VERSION] {
            return Err(Error::StoreRecordInvalid);
        }
        let created = r.i64()?;
        let absolute_expiry = r.i64()?;
        let expires = r.i64()?;
        let [user_len] = r.array::<1>()?;
        let user = r.take(usize::from(user_len))?;
        let data_len = u16::from_be_bytes(r.array::<2>()?);
        let data = r.take(usize::from(data_len))?;
        let record = SessionRecord {
            user,
            data,
            created,
            absolute_expiry,
            expires,
        };
        if !r.0.is_empty() || !record.times_agree() {
            return Err(Error::StoreRecordInvalid);
        }
        Ok(record)
    }

    /// Neither the creation nor the sliding expiry lies past the absolute
    /// expiry. (A sliding expiry before the creation can happen: a server
    /// whose clock runs behind touched the session.)
    const fn times_agree(&self) -> bool {
        self.created <= self.absolute_expiry && self.expires <= self.absolute_expiry
    }
}

/// A revoked token as a shared store keeps it under the key of its `jti`
/// (format version 1): the token's own `exp`, which decides whether the
/// revocation still applies ([`RevocationRecord::is_revoked`]).
///
/// | offset | size | field                                   |
/// |--------|------|-----------------------------------------|
/// | 0      | 1    | kind, `0x52` (`R`)                      |
/// | 1      | 1    | version, `0x01`                         |
/// | 2      | 8    | `exp`, big-endian `i64` (`i64::MAX`: none) |
///
/// Nothing follows. The store entry itself lives until
/// [`entry_expiry`]`(`[`revocation_expiry`]`(exp, leeway))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevocationRecord {
    /// The revoked token's `exp`, Unix seconds.
    pub exp: i64,
}

impl RevocationRecord {
    /// Whether the token is revoked at `now` as verification asks (with
    /// its clock less its leeway, or `i64::MIN` when it does not check
    /// `exp`): the same answer a [`RevocationList`](super::RevocationList)
    /// holding this entry gives.
    ///
    /// ```
    /// use jeton::session::shared::RevocationRecord;
    /// let r = RevocationRecord { exp: 1_700_003_600 };
    /// assert!(r.is_revoked(1_700_003_599));
    /// assert!(!r.is_revoked(1_700_003_600)); // expired: refused as such anyway
    /// assert!(r.is_revoked(i64::MIN)); // a verifier that does not check exp
    /// ```
    pub const fn is_revoked(&self, now: i64) -> bool {
        !is_expired(self.exp, now)
    }

    /// Writes the record into `out`; returns [`REVOCATION_RECORD_LEN`].
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] (nothing written).
    ///
    /// ```
    /// use jeton::session::shared::RevocationRecord;
    /// let mut out = [0u8; 10];
    /// RevocationRecord { exp: 1_700_003_600 }.encode(&mut out)?;
    /// // 'R', version 1, then 1700003600 = 0x6553FF10 big-endian.
    /// assert_eq!(out, [0x52, 0x01, 0, 0, 0, 0, 0x65, 0x53, 0xFF, 0x10]);
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn encode(&self, out: &mut [u8]) -> Result<usize, Error> {
        let mut out = Out::new(out);
        out.put(&[REVOCATION_RECORD_KIND, RECORD_VERSION]);
        out.put(&self.exp.to_be_bytes());
        out.finish()
    }

    /// Reads a record written by [`RevocationRecord::encode`].
    ///
    /// # Errors
    ///
    /// [`Error::StoreRecordInvalid`]: not a revocation record, another
    /// version, truncated or followed by anything.
    ///
    /// ```
    /// use jeton::{Error, session::shared::RevocationRecord};
    /// let bytes = [0x52, 0x01, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    /// assert_eq!(RevocationRecord::decode(&bytes)?.exp, i64::MAX); // a token without exp
    /// assert_eq!(RevocationRecord::decode(&bytes[..9]), Err(Error::StoreRecordInvalid));
    /// let session = [0x53, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
    /// assert_eq!(RevocationRecord::decode(&session), Err(Error::StoreRecordInvalid));
    /// # Ok::<(), jeton::Error>(())
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader(bytes);
        if r.array::<2>()? != [REVOCATION_RECORD_KIND, RECORD_VERSION] {
            return Err(Error::StoreRecordInvalid);
        }
        let exp = r.i64()?;
        if !r.0.is_empty() {
            return Err(Error::StoreRecordInvalid);
        }
        Ok(RevocationRecord { exp })
    }
}

/// Reads a record front to back; running short is
/// [`Error::StoreRecordInvalid`].
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let (head, rest) = self
            .0
            .split_at_checked(n)
            .ok_or(Error::StoreRecordInvalid)?;
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or(Error::StoreRecordInvalid)?;
        self.0 = rest;
        Ok(*head)
    }

    fn i64(&mut self) -> Result<i64, Error> {
        self.array::<8>().map(i64::from_be_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of the format, written out by hand from the table above.
    const BYTES: [u8; 34] = [
        0x53, 0x01, // kind, version
        0, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00, // created 1_700_000_000
        0, 0, 0, 0, 0x65, 0x54, 0x61, 0x80, // absolute 1_700_028_800
        0, 0, 0, 0, 0x65, 0x53, 0xF8, 0x08, // expires 1_700_001_800
        3, b'b', b'o', b'b', // user
        0, 2, 0xFF, 0x00, // data
    ];

    #[test]
    fn record_bytes_match_the_documented_layout() {
        let record = SessionRecord::open(b"bob", &[0xFF, 0], 1_700_000_000, 1_800, Some(28_800));
        let mut out = [0u8; 64];
        let n = record.encode(&mut out).unwrap();
        assert_eq!(&out[..n], &BYTES[..]);
        assert_eq!(record.encoded_len(), n);
        assert_eq!(SessionRecord::decode(&BYTES), Ok(record));
        let mut small = [0xAAu8; 33];
        assert_eq!(
            record.encode(&mut small),
            Err(Error::BufferTooSmall { needed: 34 })
        );
    }

    #[test]
    fn decoder_refuses_everything_but_whole_records() {
        // Every truncation, every byte appended.
        for len in 0..BYTES.len() {
            assert_eq!(
                SessionRecord::decode(&BYTES[..len]),
                Err(Error::StoreRecordInvalid),
                "{len}"
            );
        }
        let mut longer = [0u8; 35];
        longer[..34].copy_from_slice(&BYTES);
        assert_eq!(
            SessionRecord::decode(&longer),
            Err(Error::StoreRecordInvalid)
        );
        // Another kind, another version.
        for (at, value) in [(0, b'R'), (0, 0), (1, 0), (1, 2), (1, 0xFF)] {
            let mut other = BYTES;
            other[at] = value;
            assert_eq!(
                SessionRecord::decode(&other),
                Err(Error::StoreRecordInvalid)
            );
        }
        // A length that runs past the end, or leaves bytes over.
        for (at, value) in [(26, 4), (26, 2), (31, 3), (31, 1)] {
            let mut other = BYTES;
            other[at] = value;
            assert_eq!(
                SessionRecord::decode(&other),
                Err(Error::StoreRecordInvalid),
                "{at}"
            );
        }
        // A sliding expiry past the absolute one.
        let mut other = BYTES;
        other[22] = 0x66;
        assert_eq!(
            SessionRecord::decode(&other),
            Err(Error::StoreRecordInvalid)
        );
        // Revocation records are not session records, and back.
        let mut rec = [0u8; REVOCATION_RECORD_LEN];
        RevocationRecord { exp: 5 }.encode(&mut rec).unwrap();
        assert_eq!(SessionRecord::decode(&rec), Err(Error::StoreRecordInvalid));
        assert_eq!(
            RevocationRecord::decode(&BYTES),
            Err(Error::StoreRecordInvalid)
        );
    }

    #[test]
    fn revocation_records() {
        let mut out = [0u8; 16];
        let n = RevocationRecord { exp: -2 }.encode(&mut out).unwrap();
        assert_eq!(
            &out[..n],
            &[b'R', 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]
        );
        assert_eq!(
            RevocationRecord::decode(&out[..n]),
            Ok(RevocationRecord { exp: -2 })
        );
        for len in [0, 1, 2, 9, 11] {
            assert_eq!(
                RevocationRecord::decode(&out[..len]),
                Err(Error::StoreRecordInvalid)
            );
        }
        let record = RevocationRecord { exp: 100 };
        assert!(record.is_revoked(99) && !record.is_revoked(100));
        assert!(record.is_revoked(i64::MIN));
    }

    #[test]
    fn encoder_refuses_what_the_decoder_would() {
        let long = [0u8; 256];
        let mut out = [0u8; 512];
        let record = SessionRecord::open(&long, b"", 0, 10, None);
        assert_eq!(record.encode(&mut out), Err(Error::InputTooLong));
        let record = SessionRecord::open(&long[..255], b"", 0, 10, None);
        assert_eq!(record.encode(&mut out), Ok(284));
        let bad = SessionRecord {
            expires: 11,
            absolute_expiry: 10,
            ..record
        };
        assert_eq!(bad.encode(&mut out), Err(Error::StoreRecordInvalid));
    }

    #[test]
    fn decisions() {
        assert_eq!(absolute_expiry(100, None), i64::MAX);
        assert_eq!(absolute_expiry(100, Some(50)), 150);
        assert_eq!(absolute_expiry(i64::MAX - 1, Some(50)), i64::MAX);
        assert_eq!(touched_expiry(100, 30, 150), 130);
        assert_eq!(touched_expiry(140, 30, 150), 150);
        assert_eq!(touched_expiry(i64::MAX, 30, i64::MAX), i64::MAX);
        assert!(is_expired(100, 100) && !is_expired(101, 100));
        assert_eq!(revocation_expiry(100, 60), 160);
        assert_eq!(revocation_expiry(i64::MAX, 60), i64::MAX);
        assert_eq!(entry_expiry(i64::MIN), 1);
        assert_eq!(entry_expiry(0), 1);
        assert_eq!(entry_expiry(1_700_000_000), 1_700_000_000);
        assert_eq!(entry_expiry(i64::MAX), MAX_ENTRY_EXPIRY);
        // The touch: capped, and refused once expired.
        let record = SessionRecord::open(b"u", b"", 0, 100, Some(150));
        assert_eq!(record.expires, 100);
        assert_eq!(record.touched(90, 100).map(|r| r.expires), Ok(150));
        assert_eq!(record.touched(100, 100), Err(Error::SessionExpired));
    }

    #[test]
    fn keys() {
        let mut out = [0u8; 51];
        // SHA-256 of the empty string: e3b0c442 98fc1c14 ...
        assert_eq!(key(b"p:", b"", &mut out), Ok(45));
        assert_eq!(&out[..45], b"p:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
        let mut small = [0u8; 44];
        assert_eq!(
            key(b"p:", b"", &mut small),
            Err(Error::BufferTooSmall { needed: 45 })
        );
        assert_eq!(small, [0u8; 44]);
        // A jti escaped in its JSON has the key of the string it means.
        let mut json_key = [0u8; 51];
        let jti = crate::json::JsonStr::new(br"a\u00e9b", true);
        assert_eq!(key_of_json(b"p:", &jti, &mut json_key), Ok(45));
        assert_eq!(key(b"p:", "a\u{e9}b".as_bytes(), &mut out), Ok(45));
        assert_eq!(json_key, out);
    }
}
