//! HMAC keys and key rings: `jeton_hmac_key`, `jeton_key_ring`.

use core::fmt;

use jeton::Error;
use jeton::mac::{Algorithm, HmacKey, KeyRing};

use crate::boundary::boundary;
use crate::object::{clear, object, object_mut, slot};
use crate::ptr::{Region, input, out_ptr, out_ptr_apart, write_out};
use crate::status::{Fail, jeton_status};

/// An HMAC hash function, one of the `JETON_HMAC_*` values.
pub type jeton_hmac_algorithm = u32;

/// HMAC-SHA1: 20-byte tags (keygrip's default). A library built without
/// its `sha1` feature refuses it with `JETON_ERR_INVALID_ARGUMENT`.
pub const JETON_HMAC_SHA1: jeton_hmac_algorithm = 1;
/// HMAC-SHA256: 32-byte tags.
pub const JETON_HMAC_SHA256: jeton_hmac_algorithm = 2;
/// HMAC-SHA384: 48-byte tags. A library built without its `sha512` feature
/// refuses it (and SHA-512) with `JETON_ERR_INVALID_ARGUMENT`.
pub const JETON_HMAC_SHA384: jeton_hmac_algorithm = 3;
/// HMAC-SHA512: 64-byte tags.
pub const JETON_HMAC_SHA512: jeton_hmac_algorithm = 4;

/// The longest tag, HMAC-SHA512's: a buffer of this many bytes holds any
/// tag.
pub const JETON_HMAC_MAX_TAG_LEN: usize = 64;
const _: () = assert!(JETON_HMAC_MAX_TAG_LEN == jeton::mac::MAX_TAG_LEN);

/// Size in bytes of a `jeton_hmac_key`.
pub const JETON_HMAC_KEY_SIZE: usize = 384;

/// Most keys a `jeton_key_ring` holds.
pub const JETON_KEY_RING_CAPACITY: usize = 4;

/// Size in bytes of a `jeton_key_ring`.
pub const JETON_KEY_RING_SIZE: usize = 1536;

/// An HMAC key with its inner and outer pads computed once, ready for any
/// number of signatures. Place it anywhere (stack, static, your heap);
/// jeton never allocates. Initialize it with `jeton_hmac_key_init` or
/// `jeton_hmac_key_init_base64` before use and wipe it with
/// `jeton_hmac_key_clear` when done. Functions that take it `const` may
/// run on the same key from several threads at once.
#[repr(C, align(16))]
pub struct jeton_hmac_key {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_HMAC_KEY_SIZE],
}

/// Up to `JETON_KEY_RING_CAPACITY` HMAC keys for rotation: the first key
/// signs, every key verifies, and verification reports which key matched.
/// Placed and managed like `jeton_hmac_key`: `jeton_key_ring_init`, then
/// `jeton_key_ring_push`, ..., then `jeton_key_ring_clear`.
#[repr(C, align(16))]
pub struct jeton_key_ring {
    /// Opaque storage: only jeton functions read or write it.
    _opaque: [u8; JETON_KEY_RING_SIZE],
}

storage!(jeton_hmac_key, HmacKey, u64::from_le_bytes(*b"jt-hkey\0"));
// The Rust ring behind `jeton_key_ring` (written out rather than aliased:
// cbindgen cannot make sense of an alias of a generic core type).
storage!(
    jeton_key_ring,
    KeyRing<JETON_KEY_RING_CAPACITY>,
    u64::from_le_bytes(*b"jt-ring\0")
);

impl fmt::Debug for jeton_hmac_key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_hmac_key { .. }")
    }
}

impl fmt::Debug for jeton_key_ring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("jeton_key_ring { .. }")
    }
}

/// The algorithm of a C value.
pub(crate) fn algorithm_from(value: jeton_hmac_algorithm) -> Result<Algorithm, Fail> {
    match value {
        #[cfg(feature = "sha1")]
        JETON_HMAC_SHA1 => Ok(Algorithm::Sha1),
        JETON_HMAC_SHA256 => Ok(Algorithm::Sha256),
        #[cfg(feature = "sha512")]
        JETON_HMAC_SHA384 => Ok(Algorithm::Sha384),
        #[cfg(feature = "sha512")]
        JETON_HMAC_SHA512 => Ok(Algorithm::Sha512),
        _ => Err(Fail::INVALID),
    }
}

/// The C value of an algorithm.
fn algorithm_to(algorithm: Algorithm) -> jeton_hmac_algorithm {
    match algorithm {
        #[cfg(feature = "sha1")]
        Algorithm::Sha1 => JETON_HMAC_SHA1,
        Algorithm::Sha256 => JETON_HMAC_SHA256,
        #[cfg(feature = "sha512")]
        Algorithm::Sha384 => JETON_HMAC_SHA384,
        #[cfg(feature = "sha512")]
        Algorithm::Sha512 => JETON_HMAC_SHA512,
    }
}

/// The tag length of `algorithm`, in bytes: 20, 32, 48 or 64.
///
/// Returns `JETON_OK` and sets `*tag_len`, or `JETON_ERR_INVALID_ARGUMENT`
/// for an unknown algorithm (`*tag_len` untouched). NULL `tag_len`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `tag_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_tag_len(
    algorithm: jeton_hmac_algorithm,
    tag_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `tag_len` is writable (function contract).
        let tag_len = unsafe { out_ptr(tag_len) }?;
        tag_len.set(algorithm_from(algorithm)?.tag_len());
        Ok(())
    })
}

/// Initializes `key` for `algorithm` with `secret`, of any length (a
/// secret longer than the hash block is hashed first, RFC 2104). The
/// secret is not kept: only the keyed hash states are, and you may wipe
/// your copy right after.
///
/// Returns `JETON_OK`, or `JETON_ERR_INVALID_ARGUMENT` for an unknown
/// algorithm. NULL `key` or `secret` (even with `secret_len` 0):
/// `JETON_ERR_NULL_POINTER`. On error `key` is untouched. Initializing a
/// key that holds another one wipes it first (storage overwritten with
/// zeros).
///
/// # Safety
///
/// `key` points to writable storage for a `jeton_hmac_key`; `secret` is
/// readable for `secret_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_init(
    key: *mut jeton_hmac_key,
    algorithm: jeton_hmac_algorithm,
    secret: *const u8,
    secret_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `init_key`'s.
        unsafe {
            init_key(key, algorithm, secret, secret_len, |alg, secret| {
                Ok(HmacKey::new(alg, secret))
            })
        }
    })
}

/// Initializes `key` for `algorithm` with a secret written in standard,
/// padded base64 (RFC 4648 section 4), as configuration files carry
/// secrets. The text is decoded in constant time so that the secret does
/// not show in timing.
///
/// Returns `JETON_OK`; `JETON_ERR_INVALID_BASE64` when the text is not
/// padded standard base64; `JETON_ERR_INPUT_TOO_LONG` when the secret
/// exceeds 1024 bytes; `JETON_ERR_INVALID_ARGUMENT` for an unknown
/// algorithm. NULL `key` or `encoded`: `JETON_ERR_NULL_POINTER`. On error
/// `key` is untouched.
///
/// # Safety
///
/// `key` points to writable storage for a `jeton_hmac_key`; `encoded` is
/// readable for `encoded_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_init_base64(
    key: *mut jeton_hmac_key,
    algorithm: jeton_hmac_algorithm,
    encoded: *const u8,
    encoded_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `init_key`'s.
        unsafe { init_key(key, algorithm, encoded, encoded_len, HmacKey::from_base64) }
    })
}

/// Initializes `key` with what `make` builds from `algorithm` and the
/// bytes `(data, data_len)`: the two `jeton_hmac_key_init` functions. On
/// error `key` is untouched.
///
/// # Safety
///
/// `key` points to writable storage for a `jeton_hmac_key`; `data` is
/// readable for `data_len` bytes.
unsafe fn init_key(
    key: *mut jeton_hmac_key,
    algorithm: jeton_hmac_algorithm,
    data: *const u8,
    data_len: usize,
    make: impl FnOnce(Algorithm, &[u8]) -> Result<HmacKey, Error>,
) -> Result<(), Fail> {
    // SAFETY: `key` is writable storage and `data` readable for `data_len`
    // bytes outside it (function contract, checked).
    let (key, data) = unsafe {
        (
            slot(key, &[Region::array(data, data_len)])?,
            input(data, data_len)?,
        )
    };
    let algorithm = algorithm_from(algorithm)?;
    key.fill(make(algorithm, data)?);
    Ok(())
}

/// Wipes `key`: the keyed states are zeroized and the whole storage
/// overwritten with zeros, after which the key answers
/// `JETON_ERR_NOT_INITIALIZED` until initialized again. Clearing a
/// cleared (or zero-filled) key is harmless.
///
/// Returns `JETON_OK`; NULL `key`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `key` points to a `jeton_hmac_key` that was initialized, cleared or
/// zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_clear(key: *mut jeton_hmac_key) -> jeton_status {
    // SAFETY: `key` is an initialized, cleared or zero-filled key used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(key) })
}

/// The algorithm `key` computes.
///
/// Returns `JETON_OK` and sets `*algorithm`. NULL `key` or `algorithm`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `key` points to a `jeton_hmac_key`; `algorithm` to a writable
/// `jeton_hmac_algorithm`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_algorithm(
    key: *const jeton_hmac_key,
    algorithm: *mut jeton_hmac_algorithm,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `key` is a key and `algorithm` writable (function
        // contract).
        let (key, algorithm) = unsafe {
            (
                object(key)?,
                out_ptr_apart(algorithm, &[Region::object(key)])?,
            )
        };
        algorithm.set(algorithm_to(key.algorithm()));
        Ok(())
    })
}

/// Computes the HMAC tag of `data` under `key` into `out`.
///
/// Returns `JETON_OK` with the tag length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`JETON_HMAC_MAX_TAG_LEN` bytes always suffice; `(NULL, 0)` asks). NULL
/// `key`, `data` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial tag.
///
/// # Safety
///
/// `key` points to a `jeton_hmac_key`; `data` is readable for `data_len`
/// bytes; `out` is writable for `out_cap` bytes; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_sign(
    key: *const jeton_hmac_key,
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid for its length (function
        // contract); `output` checks that `out` overlaps no input.
        let (key_ref, data) = unsafe { (object(key)?, input(data, data_len)?) };
        let others = [Region::object(key), Region::of(data)];
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &others, |out| {
                key_ref.sign_into(data, out)
            })
        }
    })
}

/// Checks in constant time that `tag` is the HMAC tag of `data` under
/// `key`.
///
/// Returns `JETON_OK` when it is, `JETON_ERR_SIGNATURE_MISMATCH` when it is
/// not (a tag of another length included: lengths are public). NULL `key`,
/// `data` or `tag`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `key` points to a `jeton_hmac_key`; `data` and `tag` are readable for
/// `data_len` and `tag_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_hmac_key_verify(
    key: *const jeton_hmac_key,
    data: *const u8,
    data_len: usize,
    tag: *const u8,
    tag_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid for its length (function
        // contract).
        let (key, data, tag) =
            unsafe { (object(key)?, input(data, data_len)?, input(tag, tag_len)?) };
        Ok(key.verify(data, tag)?)
    })
}

/// Initializes `ring` as an empty key ring.
///
/// Returns `JETON_OK`; NULL `ring`: `JETON_ERR_NULL_POINTER`. Initializing
/// a ring that holds keys wipes them first (storage overwritten with
/// zeros).
///
/// # Safety
///
/// `ring` points to writable storage for a `jeton_key_ring`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_init(ring: *mut jeton_key_ring) -> jeton_status {
    boundary(|| {
        // SAFETY: `ring` is writable storage (function contract).
        let ring = unsafe { slot(ring, &[])? };
        ring.fill(KeyRing::new());
        Ok(())
    })
}

/// Wipes `ring` and every key in it, as `jeton_hmac_key_clear` does.
///
/// Returns `JETON_OK`; NULL `ring`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring` that was initialized, cleared or
/// zero-filled, and that no other thread uses meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_clear(ring: *mut jeton_key_ring) -> jeton_status {
    // SAFETY: `ring` is an initialized, cleared or zero-filled ring used by
    // this thread only (function contract).
    boundary(|| unsafe { clear(ring) })
}

/// Adds a copy of `key` after the keys already in `ring`; the first key
/// added signs. `key` stays yours (clear it when you no longer need it).
///
/// Returns `JETON_OK`, or `JETON_ERR_CAPACITY_EXCEEDED` when the ring
/// already holds `JETON_KEY_RING_CAPACITY` keys (it is unchanged). NULL
/// `ring` or `key`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring` no other thread uses meanwhile;
/// `key` points to a `jeton_hmac_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_push(
    ring: *mut jeton_key_ring,
    key: *const jeton_hmac_key,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `ring` is a ring used by this thread only and `key` a key
        // outside it (function contract, checked).
        let (ring, key) = unsafe { (object_mut(ring, &[Region::object(key)])?, object(key)?) };
        Ok(ring.push(key.clone())?)
    })
}

/// Puts a copy of `key` first in `ring`, to sign from now on, keeping the
/// others for verification; when the ring is full its last (oldest) key
/// is dropped and wiped.
///
/// Returns `JETON_OK`. NULL `ring` or `key`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// As `jeton_key_ring_push`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_rotate_in(
    ring: *mut jeton_key_ring,
    key: *const jeton_hmac_key,
) -> jeton_status {
    boundary(|| {
        // SAFETY: as in `jeton_key_ring_push`.
        let (ring, key) = unsafe { (object_mut(ring, &[Region::object(key)])?, object(key)?) };
        ring.rotate_in(key.clone());
        Ok(())
    })
}

/// The number of keys in `ring`.
///
/// Returns `JETON_OK` and sets `*count`; `JETON_ERR_OVERLAPPING_BUFFERS`
/// when `count` lies in the ring. NULL `ring` or `count`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `count` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_len(
    ring: *const jeton_key_ring,
    count: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `ring` is a ring and `count` writable (function
        // contract).
        let (ring, count) = unsafe {
            (
                object(ring)?,
                out_ptr_apart(count, &[Region::object(ring)])?,
            )
        };
        count.set(ring.len());
        Ok(())
    })
}

/// Computes the HMAC tag of `data` under the ring's first key into `out`,
/// as `jeton_hmac_key_sign` does.
///
/// Returns `JETON_OK` or `JETON_ERR_BUFFER_TOO_SMALL` (with `*out_len` as
/// `jeton_hmac_key_sign` sets it), or `JETON_ERR_EMPTY_KEY_RING`. NULL
/// `ring`, `data` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `data` is readable for `data_len`
/// bytes; `out` is writable for `out_cap` bytes; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_sign(
    ring: *const jeton_key_ring,
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid for its length (function
        // contract); `output` checks that `out` overlaps no input.
        let (ring_ref, data) = unsafe { (object(ring)?, input(data, data_len)?) };
        let others = [Region::object(ring), Region::of(data)];
        let sign = |out: &mut [u8]| ring_ref.signing_key()?.sign_into(data, out);
        // SAFETY: as above.
        unsafe { write_out(out, out_cap, out_len, &others, sign) }
    })
}

/// Checks `tag` against the tag of `data` under every key of `ring`, in
/// constant time and always trying every key, and reports the first that
/// matched: anything but 0 means the data was signed with an older key and
/// should be signed again.
///
/// Returns `JETON_OK` and sets `*key_index`; `JETON_ERR_SIGNATURE_MISMATCH`
/// when no key matches; `JETON_ERR_EMPTY_KEY_RING`. NULL `ring`, `data`,
/// `tag` or `key_index`: `JETON_ERR_NULL_POINTER`. On error `*key_index` is
/// untouched.
///
/// # Safety
///
/// `ring` points to a `jeton_key_ring`; `data` and `tag` are readable for
/// `data_len` and `tag_len` bytes; `key_index` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_key_ring_verify(
    ring: *const jeton_key_ring,
    data: *const u8,
    data_len: usize,
    tag: *const u8,
    tag_len: usize,
    key_index: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid for its length (function
        // contract).
        let (ring, data, tag, key_index) = unsafe {
            (
                object(ring)?,
                input(data, data_len)?,
                input(tag, tag_len)?,
                out_ptr(key_index)?,
            )
        };
        key_index.set(ring.verify(data, tag)?);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-1 and SHA-384/512 exist exactly when the library is built with
    /// `sha1` and `sha512`; otherwise their values are refused as invalid.
    #[test]
    fn algorithms_follow_the_build_features() {
        assert_eq!(
            algorithm_from(JETON_HMAC_SHA256).ok(),
            Some(Algorithm::Sha256)
        );
        assert_eq!(
            algorithm_from(JETON_HMAC_SHA1).is_ok(),
            cfg!(feature = "sha1")
        );
        for value in [JETON_HMAC_SHA384, JETON_HMAC_SHA512] {
            assert_eq!(algorithm_from(value).is_ok(), cfg!(feature = "sha512"));
        }
        assert!(algorithm_from(0).is_err());
        for value in [
            JETON_HMAC_SHA1,
            JETON_HMAC_SHA256,
            JETON_HMAC_SHA384,
            JETON_HMAC_SHA512,
        ] {
            if let Ok(algorithm) = algorithm_from(value) {
                assert_eq!(algorithm_to(algorithm), value);
            }
        }
    }
}
