//! `jeton_jwks`: a provider's JWK Set (the public keys an identity
//! provider publishes at its `jwks_uri`), larger than a
//! `jeton_jwt_key_set` and refreshed whole.

use core::fmt;

use jeton::jwt::{JwksSummary, KeySet};

use super::keys::{jeton_jwt_key_info, jeton_jwt_key_set, key_info};
use crate::boundary::boundary;
use crate::object::{clear, count_of, object, object_mut, slot};
use crate::ptr::{Region, input, out_ptr, out_ptr_apart};
use crate::status::{Fail, jeton_status};

/// Most keys a `jeton_jwks` holds.
pub const JETON_JWKS_CAPACITY: usize = 16;
/// Size in bytes of a `jeton_jwks`.
pub const JETON_JWKS_SIZE: usize = 26432;

/// Up to `JETON_JWKS_CAPACITY` public keys read from a JWK Set document
/// (`{"keys":[...]}`, RFC 7517 section 5), for
/// `jeton_jwt_verify_with_jwks`. About 26 KiB: place it in static memory
/// or on your heap. `jeton_jwks_init`, `jeton_jwks_load` (again whenever
/// the provider's set is fetched anew), ..., `jeton_jwks_clear`. Functions
/// that take it `const` may run from several threads at once; the others
/// must not overlap with any call on it.
#[repr(C, align(16))]
pub struct jeton_jwks {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_JWKS_SIZE],
}

// The Rust set behind `jeton_jwks`.
storage!(
    jeton_jwks,
    KeySet<JETON_JWKS_CAPACITY>,
    u64::from_le_bytes(*b"jt-jwks2")
);

impl fmt::Debug for jeton_jwks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_jwks { .. }")
    }
}

/// What loading a JWK Set did.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct jeton_jwks_summary {
    /// Keys loaded.
    pub loaded: usize,
    /// Keys skipped: a type, curve or algorithm this library does not
    /// implement (or an `alg` the key's type cannot serve), an RSA key below
    /// 2048 bits, a shared secret (`oct`), as jose skips them.
    pub skipped: usize,
}

impl From<JwksSummary> for jeton_jwks_summary {
    fn from(summary: JwksSummary) -> Self {
        jeton_jwks_summary {
            loaded: summary.loaded,
            skipped: summary.skipped,
        }
    }
}

/// Initializes `jwks` as an empty set.
///
/// Returns `JETON_OK`; NULL `jwks`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jwks` points to writable storage for a `jeton_jwks`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwks_init(jwks: *mut jeton_jwks) -> jeton_status {
    boundary(|| {
        // SAFETY: `jwks` is writable storage (function contract).
        let jwks = unsafe { slot(jwks, &[])? };
        jwks.fill_with(KeySet::new);
        Ok(())
    })
}

/// Wipes `jwks`, after which it answers `JETON_ERR_NOT_INITIALIZED` until
/// initialized again. Clearing twice is harmless.
///
/// Returns `JETON_OK`; NULL `jwks`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jwks` points to a `jeton_jwks` that was initialized, cleared or
/// zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwks_clear(jwks: *mut jeton_jwks) -> jeton_status {
    // SAFETY: `jwks` is an initialized, cleared or zero-filled set used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(jwks) })
}

/// Replaces the keys of `jwks` with the public keys of the JWK Set
/// document `json` (as fetched from a provider's `jwks_uri`): each key's
/// material is copied in, nothing of `json` is kept. Keys this library
/// does not use are skipped and counted (see `jeton_jwks_summary`); any
/// other fault refuses the whole document and `jwks` keeps its keys.
///
/// Returns `JETON_OK` with `*summary` set (`summary` may be NULL);
/// `JETON_ERR_JWK_SET_INVALID` (not a JSON object with a `keys` array of
/// objects); the first malformed key's error (`JETON_ERR_JWK_INVALID`,
/// `JETON_ERR_JWK_PRIVATE_MEMBERS`, `JETON_ERR_KEY_MALFORMED`,
/// `JETON_ERR_JWT_KEY_INVALID`); `JETON_ERR_CAPACITY_EXCEEDED` for more
/// than `JETON_JWKS_CAPACITY` usable keys. NULL `jwks` or `json`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jwks` points to a `jeton_jwks` no other thread uses meanwhile; `json`
/// is readable for `json_len` bytes; `summary`, unless NULL, points to a
/// writable `jeton_jwks_summary`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwks_load(
    jwks: *mut jeton_jwks,
    json: *const u8,
    json_len: usize,
    summary: *mut jeton_jwks_summary,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // neither the document nor `summary` lies in the set (checked).
        let (set, json) = unsafe {
            (
                object_mut(
                    jwks,
                    &[Region::array(json, json_len), Region::object(summary)],
                )?,
                input(json, json_len)?,
            )
        };
        let loaded = set.replace_from_jwks(json)?;
        if !summary.is_null() {
            // SAFETY: a writable `jeton_jwks_summary` (function contract).
            unsafe { out_ptr(summary)? }.set(loaded.into());
        }
        Ok(())
    })
}

/// Adds the public keys of the JWK Set document `json` to the keys of
/// `keys`, as `jeton_jwks_load` reads it (keys it does not use skipped and
/// counted; any other fault refuses the whole document and the set is
/// unchanged).
///
/// Returns as `jeton_jwks_load`, with `JETON_ERR_CAPACITY_EXCEEDED` when
/// the usable keys do not all fit beside the ones held.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set` no other thread uses meanwhile;
/// otherwise as `jeton_jwks_load`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_key_set_add_jwks(
    keys: *mut jeton_jwt_key_set,
    json: *const u8,
    json_len: usize,
    summary: *mut jeton_jwks_summary,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // neither the document nor `summary` lies in the set (checked).
        let (set, json) = unsafe {
            (
                object_mut(
                    keys,
                    &[Region::array(json, json_len), Region::object(summary)],
                )?,
                input(json, json_len)?,
            )
        };
        let loaded = set.extend_from_jwks(json)?;
        if !summary.is_null() {
            // SAFETY: a writable `jeton_jwks_summary` (function contract).
            unsafe { out_ptr(summary)? }.set(loaded.into());
        }
        Ok(())
    })
}

/// The number of keys in `jwks`.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the set. NULL `jwks` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jwks` points to a `jeton_jwks`; `count` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwks_len(
    jwks: *const jeton_jwks,
    count: *mut usize,
) -> jeton_status {
    // SAFETY: `jwks` is a set and `count` writable (function contract).
    boundary(|| unsafe { count_of(jwks, count, |set| set.keys().len()) })
}

/// Describes the key at `index` (from 0, in the document's order, skipped
/// keys left out) of `jwks`.
///
/// Returns `JETON_OK` with `*info` set; `JETON_ERR_JWT_KEY_NOT_FOUND` when
/// `index` is not a key of the set; `JETON_ERR_OVERLAPPING_BUFFERS` when
/// `info` lies in the set. NULL `jwks` or `info`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `jwks` points to a `jeton_jwks`; `info` to a writable
/// `jeton_jwt_key_info`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwks_key_info(
    jwks: *const jeton_jwks,
    index: usize,
    info: *mut jeton_jwt_key_info,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `jwks` is a set and `info` writable (function contract).
        let (set, info) = unsafe { (object(jwks)?, out_ptr_apart(info, &[Region::object(jwks)])?) };
        let key = set
            .keys()
            .get(index)
            .ok_or(Fail::from(jeton::Error::JwtKeyNotFound))?;
        info.set(key_info(key));
        Ok(())
    })
}
