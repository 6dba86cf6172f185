//! The argument checks every function makes before reading anything: a
//! NULL required pointer is `JETON_ERR_NULL_POINTER`, a length above
//! `PTRDIFF_MAX` is `JETON_ERR_INVALID_ARGUMENT`, and neither writes.

use jeton_ffi::{auth, codec, cookie, json, set_cookie as sc, shared, signed};

use super::util::*;

pub fn run(src: &mut Src<'_>) {
    let data = src.bytes(32);
    let which = src.u8() % 12;
    let huge = src.bool();
    // With `huge`, a real pointer and a length no object has; otherwise
    // NULL and the real length.
    let (p, n) = if huge {
        (data.as_ptr(), usize::MAX - usize::from(src.u8()))
    } else {
        (core::ptr::null(), data.len())
    };
    let want = if huge { INVALID } else { NULL };
    let mut out = [FILL; 64];
    let mut len = LEN_SENTINEL;
    let o = out.as_mut_ptr();
    let c = out.len();
    // SAFETY: every pointer is valid for its length except the one under
    // test, which is NULL or comes with a length the functions refuse
    // before reading.
    let s = unsafe {
        match which {
            0 => codec::jeton_base64_encode(p, n, 0, 0, o, c, &mut len),
            1 => codec::jeton_base64_decode(p, n, 0, 0, o, c, &mut len),
            2 => codec::jeton_percent_encode(p, n, o, c, &mut len),
            3 => codec::jeton_percent_decode(p, n, o, c, &mut len),
            4 => cookie::jeton_cookie_value_encode(p, n, o, c, &mut len),
            5 => cookie::jeton_cookie_value_decode(p, n, o, c, &mut len),
            6 => auth::jeton_auth_bearer_format(p, n, o, c, &mut len),
            7 => json::jeton_json_string_unescape(p, n, o, c, &mut len),
            8 => signed::jeton_keygrip_encode_session_value(p, n, o, c, &mut len),
            9 => signed::jeton_keygrip_decode_session_value(p, n, o, c, &mut len),
            10 => shared::jeton_shared_key(data.as_ptr(), 0, p, n, o, c, &mut len),
            _ => auth::jeton_auth_basic_format(p, n, data.as_ptr(), data.len(), o, c, &mut len),
        }
    };
    assert_eq!(s, want, "op {which}");
    assert_eq!(len, LEN_SENTINEL);
    no_partial(&out, "argument check");

    // NULL out-pointers and results.
    let mut t = 0i64;
    let mut pair = Slot::<cookie::jeton_cookie_pair>::new();
    let mut parsed = Slot::<sc::jeton_parsed_set_cookie>::new();
    let mut kind = 0u32;
    // SAFETY: as above.
    unsafe {
        assert_eq!(
            cookie::jeton_cookie_date_parse(data.as_ptr(), data.len(), core::ptr::null_mut()),
            NULL
        );
        assert_eq!(
            cookie::jeton_cookie_date_parse(core::ptr::null(), 0, &mut t),
            NULL
        );
        assert_eq!(
            cookie::jeton_cookie_header_get(
                data.as_ptr(),
                data.len(),
                core::ptr::null(),
                0,
                pair.ptr()
            ),
            NULL
        );
        assert!(pair.untouched());
        assert_eq!(
            sc::jeton_set_cookie_parse(core::ptr::null(), 0, 0, parsed.ptr()),
            NULL
        );
        assert!(parsed.untouched());
        assert_eq!(
            json::jeton_json_validate(data.as_ptr(), data.len(), core::ptr::null(), &mut kind),
            NULL
        );
        assert_eq!(sc::jeton_set_cookie_validate(core::ptr::null()), NULL);
        assert_eq!(
            codec::jeton_percent_encode(data.as_ptr(), data.len(), o, c, core::ptr::null_mut()),
            NULL
        );
        assert_eq!(
            cookie::jeton_http_date_format(0, core::ptr::null_mut(), 1, &mut len),
            NULL
        );
    }
}

/// An output buffer overlapping an input is `JETON_ERR_OVERLAPPING_BUFFERS`
/// and nothing is written, the input included; a misaligned out-pointer
/// is `JETON_ERR_INVALID_ARGUMENT` and is not written either.
pub fn overlaps(src: &mut Src<'_>) {
    let mut mem = src.bytes(64);
    mem.resize(mem.len().max(1) + 64, b'a');
    let before = mem.clone();
    let input_len = 1 + usize::from(src.u8()) % (mem.len() - 64);
    let start = usize::from(src.u8()) % input_len;
    let cap = 1 + usize::from(src.u8()) % (mem.len() - start);
    let base = mem.as_mut_ptr();
    let input = base.cast_const();
    // SAFETY: `start + cap <= mem.len()`.
    let out = unsafe { base.add(start) };
    let mut len = LEN_SENTINEL;
    let which = src.u8() % 14;
    let ring = super::signed::Ring::of(&[(jeton_ffi::mac::JETON_HMAC_SHA256, b"k".to_vec())]);
    // SAFETY: the input and the output both lie in `mem`, overlapping on
    // purpose; the functions refuse before reading or writing.
    let s = unsafe {
        match which {
            0 => codec::jeton_base64_encode(input, input_len, 0, 0, out, cap, &mut len),
            1 => codec::jeton_base64_decode(input, input_len, 0, 2, out, cap, &mut len),
            2 => codec::jeton_percent_encode(input, input_len, out, cap, &mut len),
            3 => codec::jeton_percent_decode(input, input_len, out, cap, &mut len),
            4 => cookie::jeton_cookie_value_encode(input, input_len, out, cap, &mut len),
            5 => cookie::jeton_cookie_value_decode(input, input_len, out, cap, &mut len),
            6 => json::jeton_json_string_unescape(input, input_len, out, cap, &mut len),
            7 => signed::jeton_keygrip_encode_session_value(input, input_len, out, cap, &mut len),
            8 => signed::jeton_keygrip_decode_session_value(input, input_len, out, cap, &mut len),
            9 => auth::jeton_auth_bearer_format(input, input_len, out, cap, &mut len),
            10 => auth::jeton_auth_basic_format(
                b"u".as_ptr(),
                1,
                input,
                input_len,
                out,
                cap,
                &mut len,
            ),
            11 => shared::jeton_shared_key(b"p".as_ptr(), 1, input, input_len, out, cap, &mut len),
            12 => signed::jeton_signed_value_sign(
                ring.ptr(),
                b"p".as_ptr(),
                1,
                input,
                input_len,
                0,
                out,
                cap,
                &mut len,
            ),
            _ => signed::jeton_keygrip_sign(
                ring.ptr(),
                input,
                input_len,
                b"v".as_ptr(),
                1,
                out,
                cap,
                &mut len,
            ),
        }
    };
    assert_eq!(
        s,
        jeton_ffi::status::jeton_status_code::JETON_ERR_OVERLAPPING_BUFFERS as i32,
        "op {which}"
    );
    assert_eq!(len, LEN_SENTINEL);
    assert_eq!(mem, before, "an overlapping call wrote");

    // Misaligned out-pointers.
    let mut store = [0x5Au8; 128];
    // SAFETY: one byte into our own storage: in bounds, misaligned for
    // every type wider than a byte.
    let odd = unsafe { store.as_mut_ptr().add(1) };
    let date = b"Sun, 06 Nov 1994 08:49:37 GMT";
    let record = [0u8; 40];
    let which = src.u8() % 6;
    // SAFETY: each pointer is in bounds for the type written, misaligned.
    let s = unsafe {
        match which {
            0 => cookie::jeton_cookie_date_parse(date.as_ptr(), date.len(), odd.cast()),
            1 => jeton_ffi::mac::jeton_hmac_tag_len(1, odd.cast()),
            2 => shared::jeton_shared_entry_expiry(0, odd.cast()),
            3 => shared::jeton_session_record_decode(record.as_ptr(), record.len(), odd.cast()),
            4 => sc::jeton_set_cookie_parse(b"a=b".as_ptr(), 3, 0, odd.cast()),
            _ => {
                codec::jeton_percent_encode(b"a".as_ptr(), 1, core::ptr::null_mut(), 0, odd.cast())
            }
        }
    };
    assert_eq!(s, INVALID, "misaligned op {which}");
    assert!(
        store.iter().all(|&b| b == 0x5A),
        "misaligned op {which} wrote"
    );
}
