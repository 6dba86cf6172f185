//! Sessions: IDs made from caller entropy, a fixed-capacity server-side
//! store, a JWT revocation list, and ([`shared`]) the keys, records and
//! decisions of sessions and revocations kept in a store many servers
//! share.
//!
//! The two login designs of the web meet here: a server-side session (the
//! cookie carries only a random ID, the server keeps the rest and can
//! revoke it at once) and a client-side one (a JWT the server cannot take
//! back, until it puts its `jti` on a [`RevocationList`]).
//!
//! Both structures key their entries by the SHA-256 of the ID, never the ID
//! itself, so a memory dump leaks no live session; both have a fixed
//! capacity, drop what has expired when they need room, and otherwise
//! refuse with an error rather than evict anything live.

mod id;
mod revocation;
pub mod shared;
mod store;

/// Where JWT verification looks up revoked tokens (defined with the JWT
/// validation that consults it; named here too for the session API).
pub use crate::jwt::Revocation;
pub use id::{Entropy, ID_BYTES, ID_LEN, generate_id, id_from_bytes, is_well_formed_id};
pub use revocation::{RevocationList, Revoked};
pub use store::{Session, SessionStore};

use sha2::{Digest, Sha256};

/// The SHA-256 of an ID or a `jti`: what the store and the revocation list
/// keep instead of the secret itself.
pub(crate) fn fingerprint(id: &[u8]) -> [u8; 32] {
    Sha256::digest(id).into()
}

/// [`fingerprint`] of bytes that arrive one at a time (an escaped JSON
/// string's content).
pub(crate) fn fingerprint_bytes(bytes: impl Iterator<Item = u8>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut chunk = [0u8; 64];
    let mut filled = 0;
    for b in bytes {
        if let Some(slot) = chunk.get_mut(filled) {
            *slot = b;
            filled += 1;
        }
        if filled == chunk.len() {
            hasher.update(chunk);
            filled = 0;
        }
    }
    hasher.update(chunk.get(..filled).unwrap_or(&[]));
    hasher.finalize().into()
}
