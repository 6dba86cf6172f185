//! The object and pointer layer as C callers use it, written to run under
//! Miri (`scripts/miri.sh`) as well as natively: placed objects through
//! init, use, copy and clear; a verified token whose views point into the
//! caller's buffer, read by every getter and revoked; and the refusals
//! that must leave caller memory as it was. Known answers are RFC 7515
//! appendix A.1's and RFC 4231's.

use core::mem::MaybeUninit;

use crate::jwt::jeton_revocation_list_revoke_token;
use crate::jwt::{
    JETON_JWT_HAS_EXP, JETON_JWT_HS256, jeton_jwt_key_set, jeton_jwt_key_set_add,
    jeton_jwt_key_set_clear, jeton_jwt_key_set_init, jeton_jwt_validation, jeton_jwt_verified,
    jeton_jwt_verified_claim_bool, jeton_jwt_verified_claim_str, jeton_jwt_verified_header_str,
    jeton_jwt_verify,
};
use crate::mac::{
    JETON_HMAC_SHA256, jeton_hmac_key, jeton_hmac_key_clear, jeton_hmac_key_init,
    jeton_hmac_key_sign,
};
use crate::revocation::{jeton_revocation_list, jeton_revocation_list_init};
use crate::status::{jeton_status, jeton_status_code as S};

/// RFC 7515 appendix A.1: the key (base64url) and the token.
const A1_KEY: &[u8] = &[
    3, 35, 53, 75, 43, 15, 165, 188, 131, 126, 6, 101, 119, 123, 166, 143, 90, 179, 40, 230, 240,
    84, 201, 40, 169, 15, 132, 178, 210, 80, 46, 191, 211, 251, 90, 146, 210, 6, 71, 239, 150, 138,
    180, 195, 119, 98, 61, 34, 61, 46, 33, 114, 5, 46, 79, 8, 192, 205, 154, 245, 103, 208, 128,
    163,
];
const A1: &[u8] = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.\
eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\
dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn ok(status: jeton_status) {
    assert_eq!(status, S::JETON_OK as jeton_status);
}

/// Zeroed storage for a C object, on the heap as a C caller's `malloc`.
fn placed<T>() -> Box<MaybeUninit<T>> {
    Box::new(MaybeUninit::zeroed())
}

#[test]
fn a_verified_token_is_read_through_views_into_the_callers_buffer() {
    let mut keys = placed::<jeton_jwt_key_set>();
    let keys = keys.as_mut_ptr();
    let mut verified = MaybeUninit::<jeton_jwt_verified>::zeroed();
    let mut validation = MaybeUninit::<jeton_jwt_validation>::zeroed();
    let mut buf = vec![b'X'; 256];
    let mut used = 0usize;
    // SAFETY: every pointer is valid for the length given with it; the
    // objects are zeroed storage of their own type.
    unsafe {
        ok(jeton_jwt_key_set_init(keys));
        ok(jeton_jwt_key_set_add(
            keys,
            JETON_JWT_HS256,
            A1_KEY.as_ptr(),
            A1_KEY.len(),
            core::ptr::null(),
            0,
        ));
        (*validation.as_mut_ptr()).now = 1_300_819_000;
        ok(jeton_jwt_verify(
            keys,
            A1.as_ptr(),
            A1.len(),
            validation.as_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut used,
            verified.as_mut_ptr(),
        ));
        let v = verified.assume_init_ref();
        assert_eq!(used, 100);
        assert_eq!(v.header.ptr, buf.as_ptr());
        assert_eq!(v.flags & JETON_JWT_HAS_EXP, JETON_JWT_HAS_EXP);
        assert_eq!(v.exp, 1_300_819_380);
        assert_eq!(core::slice::from_raw_parts(v.iss.ptr, v.iss.len), b"joe");

        let mut is_root = false;
        let name = b"http://example.com/is_root";
        ok(jeton_jwt_verified_claim_bool(
            v,
            name.as_ptr(),
            name.len(),
            &mut is_root,
        ));
        assert!(is_root);
        let mut text = [0u8; 8];
        let mut n = 0usize;
        ok(jeton_jwt_verified_header_str(
            v,
            b"typ".as_ptr(),
            3,
            text.as_mut_ptr(),
            text.len(),
            &mut n,
        ));
        assert_eq!(&text[..n], b"JWT");
        ok(jeton_jwt_verified_claim_str(
            v,
            b"iss".as_ptr(),
            3,
            text.as_mut_ptr(),
            text.len(),
            &mut n,
        ));
        assert_eq!(&text[..n], b"joe");
        // Too small: the length needed, nothing partial.
        let mut small = [b'Y'; 2];
        let status =
            jeton_jwt_verified_claim_str(v, b"iss".as_ptr(), 3, small.as_mut_ptr(), 2, &mut n);
        assert_eq!(status, S::JETON_ERR_BUFFER_TOO_SMALL as jeton_status);
        assert_eq!(n, 3);
        // Untouched or wiped: no byte of the value (`jo` or `jY`).
        assert!(small.iter().all(|&b| b == b'Y' || b == 0), "{small:?}");

        // A.1 has no jti: it cannot be revoked.
        let mut list = placed::<jeton_revocation_list>();
        let list = list.as_mut_ptr();
        ok(jeton_revocation_list_init(list));
        let status = jeton_revocation_list_revoke_token(list, v, 1_300_819_000);
        assert_eq!(status, S::JETON_ERR_JWT_MISSING_CLAIM as jeton_status);

        // At its exp it is refused, and the buffer keeps nothing of it.
        buf.fill(b'X');
        (*validation.as_mut_ptr()).now = 1_300_819_380;
        let status = jeton_jwt_verify(
            keys,
            A1.as_ptr(),
            A1.len(),
            validation.as_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut used,
            verified.as_mut_ptr(),
        );
        assert_eq!(status, S::JETON_ERR_JWT_EXPIRED as jeton_status);
        assert!(buf.iter().all(|&b| b == b'X' || b == 0));
        ok(jeton_jwt_key_set_clear(keys));
    }
}

#[test]
fn objects_are_placed_copied_and_cleared() {
    // RFC 4231 test case 2.
    let key = b"Jefe";
    let data = b"what do ya want for nothing?";
    let expected = [
        0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75,
        0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec,
        0x38, 0x43,
    ];
    let mut first = placed::<jeton_hmac_key>();
    let mut copy = placed::<jeton_hmac_key>();
    let mut tag = [0u8; 32];
    let mut n = 0usize;
    // SAFETY: as above; `copy` receives a byte copy of an initialized
    // key, which the header allows.
    unsafe {
        let sign = |k: *const jeton_hmac_key, tag: &mut [u8; 32], n: &mut usize| {
            jeton_hmac_key_sign(k, data.as_ptr(), data.len(), tag.as_mut_ptr(), 32, n)
        };
        // Not initialized yet: refused.
        assert_eq!(
            sign(first.as_ptr(), &mut tag, &mut n),
            S::JETON_ERR_NOT_INITIALIZED as jeton_status
        );
        ok(jeton_hmac_key_init(
            first.as_mut_ptr(),
            JETON_HMAC_SHA256,
            key.as_ptr(),
            key.len(),
        ));
        ok(sign(first.as_ptr(), &mut tag, &mut n));
        assert_eq!((n, tag), (32, expected));
        core::ptr::copy_nonoverlapping(first.as_ptr(), copy.as_mut_ptr(), 1);
        ok(jeton_hmac_key_clear(first.as_mut_ptr()));
        assert_eq!(
            sign(first.as_ptr(), &mut tag, &mut n),
            S::JETON_ERR_NOT_INITIALIZED as jeton_status
        );
        // The copy is its own key.
        tag = [0; 32];
        ok(sign(copy.as_ptr(), &mut tag, &mut n));
        assert_eq!(tag, expected);
        ok(jeton_hmac_key_clear(copy.as_mut_ptr()));
        // Cleared means wiped, whole.
        let bytes =
            core::slice::from_raw_parts(first.as_ptr().cast::<u8>(), size_of::<jeton_hmac_key>());
        assert!(bytes.iter().all(|&b| b == 0));
        // The output may not overlap the key.
        ok(jeton_hmac_key_init(
            first.as_mut_ptr(),
            JETON_HMAC_SHA256,
            key.as_ptr(),
            key.len(),
        ));
        let inside = first.as_mut_ptr().cast::<u8>();
        let status = jeton_hmac_key_sign(
            first.as_ptr(),
            data.as_ptr(),
            data.len(),
            inside,
            32,
            &mut n,
        );
        assert_eq!(status, S::JETON_ERR_OVERLAPPING_BUFFERS as jeton_status);
        ok(jeton_hmac_key_clear(first.as_mut_ptr()));
    }
}

/// Issue 18, finding 6: storage reused without `_clear` (from
/// ffi/src/object.rs, which may not use the modules above it).
mod reused_storage {
    use core::mem::MaybeUninit;

    use crate::jar::{jeton_cookie_jar_init, jeton_cookie_jar_len};
    use crate::jwt::{
        jeton_jwks_init, jeton_jwks_len, jeton_jwt_key_set_init, jeton_jwt_key_set_len,
    };
    use crate::limit::{jeton_rate_limiter_init, jeton_rate_limiter_len};
    use crate::mac::{
        JETON_HMAC_MAX_TAG_LEN, JETON_HMAC_SHA256, jeton_hmac_key, jeton_hmac_key_clear,
        jeton_hmac_key_init, jeton_hmac_key_sign, jeton_key_ring_init, jeton_key_ring_len,
    };
    use crate::revocation::{jeton_revocation_list_init, jeton_revocation_list_len};
    use crate::session::{jeton_session_store_init, jeton_session_store_len};
    use crate::status::{JETON_ERR_NOT_INITIALIZED, JETON_OK, jeton_status};

    const OK: jeton_status = JETON_OK as jeton_status;
    const NOT_INITIALIZED: jeton_status = JETON_ERR_NOT_INITIALIZED as jeton_status;

    /// Zeroed heap storage for an `S`, as `calloc` hands it out.
    fn zeroed<S>() -> Box<MaybeUninit<S>> {
        Box::new(MaybeUninit::zeroed())
    }

    /// What glibc's allocator writes over the first 16 bytes of a block it
    /// takes back (the free-list link and the tcache key): pointer-like
    /// words, here chosen so that any field read from them is garbage.
    fn scribble_head<S>(object: &mut MaybeUninit<S>) {
        let bytes = object.as_mut_ptr().cast::<u8>();
        let words = [0x0000_5555_dead_beef_u64, 0xa5a5_a5a5_a5a5_a5a5];
        for (i, word) in words.iter().enumerate() {
            // SAFETY: every object is at least 32 bytes long.
            unsafe { bytes.add(8 * i).cast::<u64>().write_unaligned(*word) };
        }
    }

    /// What a split of the freed block writes at its end (the size of the
    /// next chunk).
    fn scribble_tail<S>(object: &mut MaybeUninit<S>) {
        let end = size_of::<S>() - 8;
        // SAFETY: the last 8 bytes lie inside the object.
        unsafe {
            object
                .as_mut_ptr()
                .cast::<u8>()
                .add(end)
                .cast::<u64>()
                .write_unaligned(0x0000_0000_0000_0411);
        }
    }

    /// Finding 6: a key initialized, freed without `_clear` and handed out
    /// again by `malloc` with its head overwritten must answer
    /// `JETON_ERR_NOT_INITIALIZED` rather than be read as a key (the
    /// trailing marker alone survived the reuse and let the garbage
    /// through).
    #[test]
    fn a_key_reused_with_its_head_overwritten_is_not_initialized() {
        let secret = [7u8; 32];
        for scribble in [scribble_head::<jeton_hmac_key>, scribble_tail] {
            let mut key = zeroed::<jeton_hmac_key>();
            let mut tag = [0u8; JETON_HMAC_MAX_TAG_LEN];
            let mut tag_len = 0usize;
            // SAFETY: every pointer is valid for the length passed with it.
            unsafe {
                let key = key.as_mut_ptr();
                assert_eq!(
                    jeton_hmac_key_init(key, JETON_HMAC_SHA256, secret.as_ptr(), secret.len()),
                    OK
                );
                let sign = |tag: &mut [u8], tag_len: &mut usize| {
                    jeton_hmac_key_sign(
                        key,
                        b"data".as_ptr(),
                        4,
                        tag.as_mut_ptr(),
                        tag.len(),
                        tag_len,
                    )
                };
                assert_eq!(sign(&mut tag, &mut tag_len), OK);
                assert_eq!(tag_len, 32);
                scribble(&mut *key.cast::<MaybeUninit<jeton_hmac_key>>());
                tag_len = 0;
                assert_eq!(sign(&mut tag, &mut tag_len), NOT_INITIALIZED);
                assert_eq!(tag_len, 0);
                // Clearing what is not a key wipes it without reading it.
                assert_eq!(jeton_hmac_key_clear(key), OK);
                assert_eq!(sign(&mut tag, &mut tag_len), NOT_INITIALIZED);
            }
        }
    }

    /// Every object type: either marker overwritten means not initialized,
    /// and putting the marker back restores the object (the check reads
    /// exactly the two markers).
    #[test]
    fn every_object_needs_both_markers() {
        /// Runs `init`, then `len` under each scribble.
        fn check<S>(
            init: impl Fn(*mut S) -> jeton_status,
            len: unsafe extern "C" fn(*const S, *mut usize) -> jeton_status,
        ) {
            let mut object = zeroed::<S>();
            let mut count = usize::MAX;
            // SAFETY: `object` is zeroed storage of its own type.
            unsafe {
                assert_eq!(len(object.as_ptr(), &mut count), NOT_INITIALIZED);
                assert_eq!(init(object.as_mut_ptr()), OK);
                assert_eq!(len(object.as_ptr(), &mut count), OK);
                assert_eq!(count, 0);
            }
            for (scribble, at) in [
                (scribble_head::<S> as fn(&mut MaybeUninit<S>), 0),
                (scribble_tail::<S>, size_of::<S>() - 16),
            ] {
                let mut saved = [0u8; 16];
                // SAFETY: 16 bytes at `at` lie inside the object.
                unsafe {
                    // Pointers derived afresh after each `&mut object`
                    // (an older one would be invalidated by it).
                    let bytes = object.as_ptr().cast::<u8>();
                    core::ptr::copy_nonoverlapping(bytes.add(at), saved.as_mut_ptr(), 16);
                    scribble(&mut object);
                    count = usize::MAX;
                    assert_eq!(len(object.as_ptr(), &mut count), NOT_INITIALIZED);
                    assert_eq!(count, usize::MAX);
                    let bytes = object.as_mut_ptr().cast::<u8>();
                    core::ptr::copy_nonoverlapping(saved.as_ptr(), bytes.add(at), 16);
                    assert_eq!(len(object.as_ptr(), &mut count), OK);
                    assert_eq!(count, 0);
                }
            }
        }
        // The `init` closures get zeroed storage of their own type (from
        // `check`), which is all the `_init` functions ask.
        // SAFETY: as just said.
        check(|r| unsafe { jeton_key_ring_init(r) }, jeton_key_ring_len);
        // SAFETY: as just said.
        check(
            |j| unsafe { jeton_cookie_jar_init(j) },
            jeton_cookie_jar_len,
        );
        // SAFETY: as just said.
        check(
            |k| unsafe { jeton_jwt_key_set_init(k) },
            jeton_jwt_key_set_len,
        );
        // SAFETY: as just said.
        check(|k| unsafe { jeton_jwks_init(k) }, jeton_jwks_len);
        // SAFETY: as just said.
        check(
            |l| unsafe { jeton_rate_limiter_init(l, 5, 60) },
            jeton_rate_limiter_len,
        );
        // SAFETY: as just said.
        check(
            |l| unsafe { jeton_revocation_list_init(l) },
            jeton_revocation_list_len,
        );
        // SAFETY: as just said.
        check(
            |s| unsafe { jeton_session_store_init(s, 60, 3600) },
            jeton_session_store_len,
        );
    }
}
