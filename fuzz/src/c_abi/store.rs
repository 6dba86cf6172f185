//! The shared store's keys, records and expiry decisions: exact round
//! trips, the documented arithmetic, and a reference SHA-256 for keys.

use jeton_ffi::shared::{self, jeton_session_record};
use jeton_ffi::status::jeton_status_code as S;
use sha2::Digest;

use super::util::*;

const MAX_ENTRY: i64 = 253_402_300_799;

fn clamp_entry(t: i64) -> i64 {
    t.clamp(1, MAX_ENTRY)
}

fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

/// `jeton_shared_key`: the prefix, then the unpadded base64url SHA-256 of
/// the secret (checked against the `sha2` crate).
pub fn key(src: &mut Src<'_>) {
    let prefix = src.bytes(40);
    let secret = src.bytes(100);
    let null_prefix = prefix.is_empty() && src.bool();
    let pp = if null_prefix {
        core::ptr::null()
    } else {
        prefix.as_ptr()
    };
    // SAFETY: the inputs are readable (an empty prefix may be NULL).
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        shared::jeton_shared_key(pp, prefix.len(), secret.as_ptr(), secret.len(), o, c, l)
    });
    let mut b64 = [0u8; 64];
    let mut n = 0;
    let digest = sha2::Sha256::digest(&secret);
    // SAFETY: our buffers.
    let s = unsafe {
        jeton_ffi::codec::jeton_base64_encode(
            digest.as_ptr(),
            digest.len(),
            jeton_ffi::codec::JETON_BASE64_URL_SAFE,
            jeton_ffi::codec::JETON_BASE64_UNPADDED,
            b64.as_mut_ptr(),
            b64.len(),
            &mut n,
        )
    };
    assert_eq!((s, n), (OK, shared::JETON_SHARED_KEY_HASH_LEN));
    assert_eq!(out.bytes(), [&prefix[..], &b64[..n]].concat());
    // (NULL, 0) asks for the length, as everywhere else.
    let mut len = LEN_SENTINEL;
    // SAFETY: as above.
    let s = unsafe {
        shared::jeton_shared_key(
            prefix.as_ptr(),
            prefix.len(),
            secret.as_ptr(),
            secret.len(),
            core::ptr::null_mut(),
            0,
            &mut len,
        )
    };
    assert_eq!(
        (s, len),
        (TOO_SMALL, prefix.len() + shared::JETON_SHARED_KEY_HASH_LEN)
    );
}

/// Reads a record back, checking that a refusal leaves `*record` alone.
fn decode(bytes: &[u8]) -> Option<jeton_session_record> {
    let mut r = Slot::<jeton_session_record>::new();
    // SAFETY: readable, writable.
    let s = unsafe { shared::jeton_session_record_decode(bytes.as_ptr(), bytes.len(), r.ptr()) };
    named(s);
    if s != OK {
        assert_eq!(s, S::JETON_ERR_STORE_RECORD_INVALID as i32);
    }
    // SAFETY: written on success.
    unsafe { r.after(s, "session_record_decode") }
}

/// Session records: open, encode, decode, check and touch.
pub fn session_record(src: &mut Src<'_>) {
    let user = if src.one_in(16) {
        src.bytes(300)
    } else {
        src.bytes(40)
    };
    let data = src.bytes(200);
    let now = src.i64();
    let idle = if src.bool() {
        u64::from(src.u32())
    } else {
        src.u64()
    };
    let lifetime = match src.u8() % 3 {
        0 => 0,
        1 => u64::from(src.u32()),
        _ => src.u64(),
    };
    let null_user = user.is_empty() && src.bool();
    let up = if null_user {
        core::ptr::null()
    } else {
        user.as_ptr()
    };
    let mut r = Slot::<jeton_session_record>::new();
    // SAFETY: the inputs are readable (empty ones may be NULL).
    let s = unsafe {
        shared::jeton_session_record_open(
            up,
            user.len(),
            data.as_ptr(),
            data.len(),
            now,
            idle,
            lifetime,
            r.ptr(),
        )
    };
    named(s);
    // SAFETY: written on success.
    let Some(rec) = (unsafe { r.after(s, "session_record_open") }) else {
        assert!(
            user.len() > shared::JETON_SESSION_RECORD_MAX_USER_LEN,
            "status {s}"
        );
        assert_eq!(s, S::JETON_ERR_INPUT_TOO_LONG as i32);
        return;
    };
    let absolute = if lifetime == 0 {
        i64::MAX
    } else {
        now.saturating_add(secs(lifetime))
    };
    assert_eq!(rec.created, now);
    assert_eq!(rec.absolute_expiry, absolute);
    assert_eq!(rec.expires, now.saturating_add(secs(idle)).min(absolute));
    roundtrip(src, &rec, &user, &data);

    // Check and touch at any time.
    let at = if src.bool() {
        now.saturating_add(i64::from(src.u16()))
    } else {
        src.i64()
    };
    // SAFETY: `rec` is a record whose views are alive.
    let checked = unsafe { shared::jeton_session_record_check(&rec, at) };
    assert_eq!(checked == OK, at < rec.expires, "live until its expiry");
    if checked != OK {
        assert_eq!(checked, S::JETON_ERR_SESSION_EXPIRED as i32);
    }
    let mut touched = rec;
    let idle2 = u64::from(src.u32());
    // SAFETY: as above.
    let s = unsafe { shared::jeton_session_record_touch(&mut touched, at, idle2) };
    assert_eq!(s, checked, "touch refuses what check refuses");
    if s == OK {
        assert_eq!(
            touched.expires,
            at.saturating_add(secs(idle2)).min(rec.absolute_expiry)
        );
        assert_eq!(
            (touched.created, touched.absolute_expiry),
            (rec.created, rec.absolute_expiry)
        );
    } else {
        assert_eq!(
            touched.expires, rec.expires,
            "an expired session is left unchanged"
        );
    }

    // Any times.
    let any = jeton_session_record {
        user: bv(&user),
        data: bv(&data),
        created: src.i64(),
        absolute_expiry: src.i64(),
        expires: src.i64(),
    };
    // SAFETY: as above.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        shared::jeton_session_record_encode(&any, o, c, l)
    });
    let wrong = any.created > any.absolute_expiry || any.expires > any.absolute_expiry;
    if user.len() > shared::JETON_SESSION_RECORD_MAX_USER_LEN {
        assert_ne!(out.status, OK);
    } else if wrong {
        assert_eq!(out.status, S::JETON_ERR_STORE_RECORD_INVALID as i32);
    } else {
        assert_eq!(out.status, OK);
        roundtrip(src, &any, &user, &data);
    }

    // Any bytes, or a record changed in one byte, cut or extended: what
    // decodes is canonical.
    let mut bytes = vec![0u8; 1024];
    let mut n = 0;
    // SAFETY: the record's views are alive; the buffer is ours.
    assert_eq!(
        unsafe {
            shared::jeton_session_record_encode(&rec, bytes.as_mut_ptr(), bytes.len(), &mut n)
        },
        OK
    );
    bytes.truncate(n);
    let bytes = mutate(src, bytes);
    if let Some(r) = decode(&bytes) {
        assert!(within(r.user, &bytes) || r.user.len == 0);
        let mut again = vec![0u8; bytes.len()];
        let mut n = 0;
        // SAFETY: the views point into `bytes`.
        assert_eq!(
            unsafe {
                shared::jeton_session_record_encode(&r, again.as_mut_ptr(), again.len(), &mut n)
            },
            OK
        );
        assert_eq!(
            &again[..n],
            &bytes[..],
            "a decoded record encodes to its bytes"
        );
    }
}

fn roundtrip(src: &mut Src<'_>, rec: &jeton_session_record, user: &[u8], data: &[u8]) {
    // SAFETY: the record's views are alive; call_out hands out a buffer.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        shared::jeton_session_record_encode(rec, o, c, l)
    });
    let bytes = out.bytes().to_vec();
    assert_eq!(
        bytes.len(),
        shared::JETON_SESSION_RECORD_OVERHEAD + user.len() + data.len()
    );
    let back = decode(&bytes).expect("an encoded record decodes");
    // SAFETY: into `bytes`.
    assert_eq!(unsafe { (view(back.user), view(back.data)) }, (user, data));
    assert_eq!(
        (back.created, back.absolute_expiry, back.expires),
        (rec.created, rec.absolute_expiry, rec.expires)
    );
    let mut len = LEN_SENTINEL;
    // SAFETY: (NULL, 0) asks for the length.
    let s = unsafe { shared::jeton_session_record_encode(rec, core::ptr::null_mut(), 0, &mut len) };
    assert_eq!((s, len), (TOO_SMALL, bytes.len()));
}

/// Valid bytes changed one way or another, or any bytes.
fn mutate(src: &mut Src<'_>, mut bytes: Vec<u8>) -> Vec<u8> {
    match src.u8() % 5 {
        0 => src.bytes(120),
        1 => {
            bytes.truncate(usize::from(src.u16()) % (bytes.len() + 1));
            bytes
        }
        2 => {
            bytes.extend(src.bytes(4));
            bytes
        }
        _ => {
            if !bytes.is_empty() {
                let i = usize::from(src.u16()) % bytes.len();
                bytes[i] = src.u8();
            }
            bytes
        }
    }
}

/// Revocation records and the expiry decisions.
pub fn revocation(src: &mut Src<'_>) {
    let exp = if src.bool() {
        i64::from(src.u32())
    } else {
        src.i64()
    };
    let now = src.i64();
    // SAFETY: call_out hands out a valid buffer.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        shared::jeton_revocation_record_encode(exp, o, c, l)
    });
    let bytes = out.bytes().to_vec();
    assert_eq!(bytes.len(), shared::JETON_REVOCATION_RECORD_LEN);
    let (mut e, mut revoked) = (Slot::<i64>::new(), Slot::<bool>::new());
    // SAFETY: readable, writable.
    assert_eq!(
        unsafe {
            shared::jeton_revocation_record_decode(
                bytes.as_ptr(),
                bytes.len(),
                now,
                e.ptr(),
                revoked.ptr(),
            )
        },
        OK
    );
    // SAFETY: written on success.
    assert_eq!(unsafe { (e.get(), revoked.get()) }, (exp, exp > now));
    let mut len = LEN_SENTINEL;
    // SAFETY: (NULL, 0) asks for the length.
    let s =
        unsafe { shared::jeton_revocation_record_encode(exp, core::ptr::null_mut(), 0, &mut len) };
    assert_eq!((s, len), (TOO_SMALL, shared::JETON_REVOCATION_RECORD_LEN));

    let any = mutate(src, bytes.clone());
    let (mut e, mut revoked) = (Slot::<i64>::new(), Slot::<bool>::new());
    // SAFETY: as above.
    let s = unsafe {
        shared::jeton_revocation_record_decode(any.as_ptr(), any.len(), now, e.ptr(), revoked.ptr())
    };
    named(s);
    if s == OK {
        // SAFETY: written on success.
        let (x, r) = unsafe { (e.get(), revoked.get()) };
        assert_eq!(r, x > now);
        let mut again = [0u8; 16];
        let mut n = 0;
        // SAFETY: ours.
        assert_eq!(
            unsafe {
                shared::jeton_revocation_record_encode(x, again.as_mut_ptr(), again.len(), &mut n)
            },
            OK
        );
        assert_eq!(
            &again[..n],
            &any[..],
            "a decoded revocation record is canonical"
        );
    } else {
        assert_eq!(s, S::JETON_ERR_STORE_RECORD_INVALID as i32);
        assert!(
            e.untouched() && revoked.untouched(),
            "revocation_record_decode wrote on failure"
        );
    }

    let leeway = if src.bool() {
        u64::from(src.u16())
    } else {
        src.u64()
    };
    let (mut entry, mut needed) = (0i64, false);
    // SAFETY: writable.
    assert_eq!(
        unsafe {
            shared::jeton_revocation_record_expiry(exp, leeway, now, &mut entry, &mut needed)
        },
        OK
    );
    let until = exp.saturating_add(secs(leeway));
    assert_eq!(entry, clamp_entry(until));
    assert_eq!(
        needed,
        now < until,
        "needed while a verifier with the leeway accepts it"
    );
    let t = src.i64();
    let mut entry = 0i64;
    // SAFETY: writable.
    assert_eq!(
        unsafe { shared::jeton_shared_entry_expiry(t, &mut entry) },
        OK
    );
    assert_eq!(entry, clamp_entry(t));
}
