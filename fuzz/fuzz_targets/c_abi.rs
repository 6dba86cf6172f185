//! The C ABI's parsers with arbitrary bytes and arbitrary lengths: every
//! input is a (pointer, length) view of the fuzzer's data (sometimes NULL),
//! every output buffer has an arbitrary capacity (sometimes NULL with 0).
//! No call may crash, and every status must be one the header names.
#![no_main]

use core::ffi::CStr;
use core::mem::MaybeUninit;

use arbitrary::Arbitrary;
use jeton_ffi::{auth, codec, cookie, json, jwt, mac, session, set_cookie, signed, status};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    data: Vec<u8>,
    /// Where the second input starts in `data`.
    split: u16,
    /// Output capacity.
    cap: u16,
    /// Make the first input NULL.
    null_input: bool,
    /// Make the output NULL (capacity 0).
    null_output: bool,
    which: u8,
    now: i64,
}

/// The status is one the header names.
fn named(status: i32) {
    // SAFETY: `jeton_status_str` returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(status::jeton_status_str(status)) };
    assert_ne!(text.to_bytes(), b"unknown status", "status {status}");
}

fuzz_target!(|input: Input| {
    let split = usize::from(input.split).min(input.data.len());
    let (a, b) = input.data.split_at(split);
    let a_ptr = if input.null_input {
        core::ptr::null()
    } else {
        a.as_ptr()
    };
    let mut out = vec![0u8; usize::from(input.cap)];
    let (out_ptr, out_cap) = if input.null_output {
        (core::ptr::null_mut(), 0)
    } else {
        (out.as_mut_ptr(), out.len())
    };
    let mut out_len = 0usize;

    // Keys for the signed formats.
    let mut key = MaybeUninit::<mac::jeton_hmac_key>::zeroed();
    let mut ring = MaybeUninit::<mac::jeton_key_ring>::zeroed();
    let mut keys = MaybeUninit::<jwt::jeton_jwt_key_set>::zeroed();
    // SAFETY: every pointer below is either NULL or valid for the length
    // passed with it; objects are zeroed storage of their own type.
    unsafe {
        named(mac::jeton_hmac_key_init(
            key.as_mut_ptr(),
            mac::JETON_HMAC_SHA256,
            b.as_ptr(),
            b.len(),
        ));
        named(mac::jeton_key_ring_init(ring.as_mut_ptr()));
        named(mac::jeton_key_ring_push(ring.as_mut_ptr(), key.as_ptr()));
        named(jwt::jeton_jwt_key_set_init(keys.as_mut_ptr()));
        named(jwt::jeton_jwt_key_set_add(
            keys.as_mut_ptr(),
            jwt::JETON_JWT_HS256,
            b.as_ptr(),
            b.len(),
            core::ptr::null(),
            0,
        ));

        let s = match input.which % 16 {
            0 => {
                let mut pair = MaybeUninit::uninit();
                cookie::jeton_cookie_header_get(
                    a_ptr,
                    a.len(),
                    b.as_ptr(),
                    b.len(),
                    pair.as_mut_ptr(),
                )
            }
            1 => {
                let mut offset = 0usize;
                cookie::jeton_cookie_header_check_strict(a_ptr, a.len(), &mut offset)
            }
            2 => cookie::jeton_cookie_value_decode(a_ptr, a.len(), out_ptr, out_cap, &mut out_len),
            3 => {
                let mut parsed = MaybeUninit::uninit();
                set_cookie::jeton_set_cookie_parse(a_ptr, a.len(), input.now, parsed.as_mut_ptr())
            }
            4 => {
                let mut t = 0i64;
                cookie::jeton_cookie_date_parse(a_ptr, a.len(), &mut t)
            }
            5 => codec::jeton_percent_decode(a_ptr, a.len(), out_ptr, out_cap, &mut out_len),
            6 => codec::jeton_base64_decode(
                a_ptr,
                a.len(),
                u32::from(input.which >> 4) % 3,
                u32::from(input.which >> 6) % 4,
                out_ptr,
                out_cap,
                &mut out_len,
            ),
            7 => {
                let mut kind = MaybeUninit::uninit();
                json::jeton_json_validate(a_ptr, a.len(), core::ptr::null(), kind.as_mut_ptr())
            }
            8 => {
                let mut creds = MaybeUninit::uninit();
                auth::jeton_auth_basic_parse(
                    a_ptr,
                    a.len(),
                    out_ptr,
                    out_cap,
                    &mut out_len,
                    creds.as_mut_ptr(),
                )
            }
            9 => {
                let mut token = MaybeUninit::uninit();
                auth::jeton_auth_bearer_parse(a_ptr, a.len(), token.as_mut_ptr())
            }
            10 | 11 => {
                let validation = MaybeUninit::<jwt::jeton_jwt_validation>::zeroed();
                let mut verified = MaybeUninit::uninit();
                jwt::jeton_jwt_verify(
                    keys.as_ptr(),
                    a_ptr,
                    a.len(),
                    validation.as_ptr(),
                    out_ptr,
                    out_cap,
                    &mut out_len,
                    verified.as_mut_ptr(),
                )
            }
            12 => {
                let mut value = MaybeUninit::uninit();
                let mut index = 0usize;
                signed::jeton_keygrip_verify_cookie(
                    ring.as_ptr(),
                    a_ptr,
                    a.len(),
                    b.as_ptr(),
                    b.len(),
                    value.as_mut_ptr(),
                    &mut index,
                )
            }
            13 => {
                let mut value = MaybeUninit::uninit();
                let mut index = 0usize;
                signed::jeton_cookie_signature_unsign(
                    ring.as_ptr(),
                    a_ptr,
                    a.len(),
                    value.as_mut_ptr(),
                    &mut index,
                )
            }
            14 => session::jeton_session_id_validate(a_ptr, a.len()),
            _ => {
                let mut pair = MaybeUninit::uninit();
                let mut iter = MaybeUninit::<cookie::jeton_cookie_iter>::zeroed();
                let s = cookie::jeton_cookie_iter_init(iter.as_mut_ptr(), a_ptr, a.len());
                if s == 0 {
                    for _ in 0..256 {
                        let step =
                            cookie::jeton_cookie_iter_next(iter.as_mut_ptr(), pair.as_mut_ptr());
                        named(step);
                        if step != 0 {
                            break;
                        }
                    }
                }
                s
            }
        };
        named(s);
        named(mac::jeton_key_ring_clear(ring.as_mut_ptr()));
        named(mac::jeton_hmac_key_clear(key.as_mut_ptr()));
        named(jwt::jeton_jwt_key_set_clear(keys.as_mut_ptr()));
    }
});
