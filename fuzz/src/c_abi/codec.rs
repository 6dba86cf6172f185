//! Encoders and decoders (base64, percent, cookie values, JSON strings,
//! HTTP dates, Basic and Bearer credentials) and the functions that
//! describe the library itself: round trips, refusals and the output
//! convention.

use core::ffi::CStr;

use jeton_ffi::status::jeton_status_code as S;
use jeton_ffi::{auth, codec, cookie, json, jwt, mac, status};

use super::util::*;

/// `jeton_base64_encode` / `_decode`: an unknown alphabet or padding is
/// refused; decode(encode(x)) is x; a canonical decoder's input is what
/// encoding its output gives back.
pub fn base64(src: &mut Src<'_>) {
    let data = src.bytes(600);
    let alphabet = src.small_u32(2);
    let padding = src.small_u32(3);
    let known = alphabet < 2 && padding < 3;
    // SAFETY: `data` is readable; call_out hands out a valid buffer.
    let enc = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_base64_encode(data.as_ptr(), data.len(), alphabet, padding, o, c, l)
    });
    if !known {
        assert_eq!(
            enc.status, INVALID,
            "unknown alphabet {alphabet} or padding {padding}"
        );
        return;
    }
    let text = enc.bytes().to_vec();
    assert!(text.len() <= data.len() * 4 / 3 + 3);
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_base64_decode(text.as_ptr(), text.len(), alphabet, padding, o, c, l)
    });
    assert_eq!(dec.bytes(), &data[..], "base64 round trip");

    // Arbitrary text: what decodes re-encodes to itself (canonical only).
    let text = src.mostly(
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=",
        200,
    );
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_base64_decode(text.as_ptr(), text.len(), alphabet, padding, o, c, l)
    });
    if let Some(bytes) = dec.ok() {
        assert!(bytes.len() <= text.len() * 3 / 4 + 2);
        let mut again = vec![0u8; text.len() + 4];
        let mut n = 0;
        let out_padding = if padding == codec::JETON_BASE64_EITHER {
            if text.ends_with(b"=") {
                codec::JETON_BASE64_PADDED
            } else {
                codec::JETON_BASE64_UNPADDED
            }
        } else {
            padding
        };
        // SAFETY: both buffers are ours and disjoint.
        let s = unsafe {
            codec::jeton_base64_encode(
                bytes.as_ptr(),
                bytes.len(),
                alphabet,
                out_padding,
                again.as_mut_ptr(),
                again.len(),
                &mut n,
            )
        };
        assert_eq!(s, OK);
        // EITHER accepts unpadded text whose length needs no padding too.
        assert_eq!(&again[..n], &text[..], "a decoded text is canonical");
    } else {
        assert!(
            matches!(dec.status, x if x == S::JETON_ERR_INVALID_BASE64 as i32),
            "status {}",
            dec.status
        );
    }
}

/// `jeton_percent_encode` / `_decode`: `encodeURIComponent` then
/// `decodeURIComponent` gives UTF-8 back, and refuses escapes of anything
/// else; a decoded text is no longer than its input.
pub fn percent(src: &mut Src<'_>) {
    let data = src.mostly(MIXED, 300);
    // SAFETY: `data` is readable; call_out hands out a valid buffer.
    let enc = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_percent_encode(data.as_ptr(), data.len(), o, c, l)
    });
    let text = enc.bytes().to_vec();
    assert!(text.len() <= 3 * data.len());
    assert!(
        text.iter()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()%".contains(b))
    );
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_percent_decode(text.as_ptr(), text.len(), o, c, l)
    });
    if core::str::from_utf8(&data).is_ok() {
        assert_eq!(dec.bytes(), &data[..], "percent round trip");
    } else {
        assert_eq!(dec.status, S::JETON_ERR_INVALID_UTF8 as i32);
    }
    // Any text.
    let text = src.mostly(b"%0aF9zG\xc3\xa9 ", 200);
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        codec::jeton_percent_decode(text.as_ptr(), text.len(), o, c, l)
    });
    if let Some(bytes) = dec.ok() {
        assert!(bytes.len() <= text.len());
    }
}

/// `jeton_cookie_value_encode` / `_decode`: npm `cookie`'s codec; decoding
/// never fails and gives UTF-8 values back.
pub fn cookie_value(src: &mut Src<'_>) {
    let value = src.mostly(MIXED, 300);
    // SAFETY: `value` is readable; call_out hands out a valid buffer.
    let enc = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        cookie::jeton_cookie_value_encode(value.as_ptr(), value.len(), o, c, l)
    });
    let text = enc.bytes().to_vec();
    assert!(text.len() <= 3 * value.len());
    assert!(
        text.iter().all(|b| COOKIE_OCTETS.contains(b)),
        "an encoded value is cookie-octets"
    );
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        cookie::jeton_cookie_value_decode(text.as_ptr(), text.len(), o, c, l)
    });
    if core::str::from_utf8(&value).is_ok() {
        assert_eq!(dec.bytes(), &value[..], "cookie value round trip");
    }
    let text = src.mostly(b"%0aF9zG\xc3\xa9 \"", 200);
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        cookie::jeton_cookie_value_decode(text.as_ptr(), text.len(), o, c, l)
    });
    assert!(
        dec.bytes().len() <= text.len(),
        "decoding never fails, never grows"
    );
}

/// `jeton_http_date_format` / `jeton_cookie_date_parse`: every second in
/// range formats to 29 bytes that parse back to it; outside, refused.
pub fn dates(src: &mut Src<'_>) {
    let t = match src.u8() % 3 {
        0 => src.i64(),
        _ => {
            cookie::JETON_MIN_COOKIE_TIME
                + (src
                    .i64()
                    .rem_euclid(cookie::JETON_MAX_COOKIE_TIME - cookie::JETON_MIN_COOKIE_TIME + 2))
                - 1
        }
    };
    // SAFETY: call_out hands out a valid buffer.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        cookie::jeton_http_date_format(t, o, c, l)
    });
    if !(cookie::JETON_MIN_COOKIE_TIME..=cookie::JETON_MAX_COOKIE_TIME).contains(&t) {
        assert_eq!(out.status, S::JETON_ERR_DATE_OUT_OF_RANGE as i32, "{t}");
        return;
    }
    let text = out.bytes().to_vec();
    assert_eq!(text.len(), cookie::JETON_HTTP_DATE_LEN);
    let mut back = i64::MIN + 1;
    // SAFETY: `text` is readable, `back` writable.
    assert_eq!(
        unsafe { cookie::jeton_cookie_date_parse(text.as_ptr(), text.len(), &mut back) },
        OK
    );
    assert_eq!(back, t, "{}", String::from_utf8_lossy(&text));

    // Any text: a date that parses formats and parses back to itself.
    let text = src.mostly(b"0123456789 :,-JanFebDcOtSpAugMyGMT", 80);
    let sentinel = 0x5A5A_5A5A_5A5A_5A5A;
    let mut t = sentinel;
    // SAFETY: as above.
    let s = unsafe { cookie::jeton_cookie_date_parse(text.as_ptr(), text.len(), &mut t) };
    named(s);
    if s != OK {
        assert_eq!(t, sentinel, "*unix_seconds written on failure");
        assert_eq!(s, S::JETON_ERR_INVALID_COOKIE_DATE as i32);
        return;
    }
    let mut out = [0u8; 29];
    let mut n = 0;
    // SAFETY: our own buffers.
    if unsafe { cookie::jeton_http_date_format(t, out.as_mut_ptr(), out.len(), &mut n) } == OK {
        let mut again = 0;
        // SAFETY: as above.
        assert_eq!(
            unsafe { cookie::jeton_cookie_date_parse(out.as_ptr(), n, &mut again) },
            OK
        );
        assert_eq!(again, t);
    }
}

/// `jeton_json_validate`, `_string_unescape`, `_member_at`,
/// `_element_at`: limits out of range refused; what the walkers hand out
/// lies in the document and has the kind `jeton_json_validate` gives it;
/// serde_json's escaping of a string unescapes back to it.
pub fn json(src: &mut Src<'_>) {
    let built = src.bool().then(|| value(src, 3));
    let doc = if let Some(b) = &built {
        serde_json::to_vec(b).unwrap()
    } else {
        src.mostly(b"{}[]\",:0123456789.eE+-truefalsn \\u", 400)
    };
    let limits = json::jeton_json_limits {
        max_depth: if src.bool() {
            usize::from(src.u8())
        } else {
            src.u64() as usize
        },
        max_members: usize::from(src.u16() % 300),
        flags: src.small_u32(2),
    };
    let mut kind = Slot::<u32>::new();
    // SAFETY: all three are ours and valid.
    let s = unsafe { json::jeton_json_validate(doc.as_ptr(), doc.len(), &limits, kind.ptr()) };
    named(s);
    let bad_limits = limits.max_depth > json::JETON_JSON_MAX_DEPTH
        || limits.flags & !json::JETON_JSON_UNIQUE_MEMBERS != 0;
    if bad_limits {
        assert_eq!(s, INVALID, "limits {limits:?}");
    }
    // SAFETY: `jeton_json_validate` writes the kind on success.
    let kind = unsafe { kind.after(s, "json_validate") };
    if let Some(k) = kind {
        assert!((json::JETON_JSON_OBJECT..=json::JETON_JSON_NULL).contains(&k));
    }
    // Under the default limits, the kind of the whole document.
    let defaults = json::jeton_json_limits {
        max_depth: 0,
        max_members: usize::MAX >> 1,
        flags: 0,
    };
    let mut whole = 0u32;
    // SAFETY: as above.
    let valid =
        unsafe { json::jeton_json_validate(doc.as_ptr(), doc.len(), &defaults, &mut whole) } == OK;

    // A document of known depth and width: its own depth and width pass,
    // one less is refused.
    if let Some(b) = &built {
        let depth = depth(b);
        let members = b.as_object().map_or(0, serde_json::Map::len);
        let check = |max_depth: usize, max_members: usize| {
            let l = json::jeton_json_limits {
                max_depth,
                max_members,
                flags: json::JETON_JSON_UNIQUE_MEMBERS,
            };
            let mut k = 0u32;
            // SAFETY: ours.
            unsafe { json::jeton_json_validate(doc.as_ptr(), doc.len(), &l, &mut k) }
        };
        if depth > 0 {
            assert_eq!(check(depth, 0), OK, "depth {depth}");
            if depth > 1 {
                assert_eq!(
                    check(depth - 1, 0),
                    S::JETON_ERR_JSON_TOO_DEEP as i32,
                    "depth {depth}"
                );
            }
        }
        if members > 1 {
            assert_eq!(check(0, members), OK);
            assert_eq!(
                check(0, members - 1),
                S::JETON_ERR_JSON_TOO_MANY_MEMBERS as i32
            );
        }
    }
    // SAFETY: call_out hands out a valid buffer.
    let un = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        json::jeton_json_string_unescape(doc.as_ptr(), doc.len(), o, c, l)
    });
    if un.status == OK {
        assert!(valid && whole == json::JETON_JSON_STRING);
        let text = core::str::from_utf8(un.bytes()).expect("unescaped JSON is UTF-8");
        let reference: String = serde_json::from_slice(&doc).expect("serde_json reads the string");
        assert_eq!(text, reference);
    } else if valid && whole != json::JETON_JSON_STRING {
        assert_eq!(un.status, S::JETON_ERR_JSON_WRONG_TYPE as i32);
    }

    for index in 0..40usize {
        let mut member = Slot::<json::jeton_json_member>::new();
        // SAFETY: as above.
        let s = unsafe { json::jeton_json_member_at(doc.as_ptr(), doc.len(), index, member.ptr()) };
        named(s);
        if s == OK {
            assert!(valid && whole == json::JETON_JSON_OBJECT);
        }
        // SAFETY: written on success.
        let Some(m) = (unsafe { member.after(s, "json_member_at") }) else {
            if s == DONE {
                assert!(valid && whole == json::JETON_JSON_OBJECT);
            }
            break;
        };
        assert!(within(m.name, &doc) && within(m.value, &doc));
        // SAFETY: within the document.
        let value = unsafe { view(m.value) };
        let mut k = 0u32;
        // SAFETY: as above.
        assert_eq!(
            unsafe { json::jeton_json_validate(value.as_ptr(), value.len(), &defaults, &mut k) },
            OK
        );
        assert_eq!(k, m.kind);
    }
    for index in 0..40usize {
        let mut value = Slot::<jeton_ffi::jeton_bytes>::new();
        let mut kind = Slot::<u32>::new();
        // SAFETY: as above.
        let s = unsafe {
            json::jeton_json_element_at(doc.as_ptr(), doc.len(), index, value.ptr(), kind.ptr())
        };
        named(s);
        if s != OK {
            assert!(
                value.untouched() && kind.untouched(),
                "element_at wrote on {s}"
            );
            if s == DONE || s == OK {
                assert!(valid && whole == json::JETON_JSON_ARRAY);
            }
            break;
        }
        assert!(valid && whole == json::JETON_JSON_ARRAY);
        // SAFETY: written on success.
        let (v, k) = unsafe { (value.get(), kind.get()) };
        assert!(within(v, &doc));
        // SAFETY: within the document.
        let text = unsafe { view(v) };
        let mut again = 0u32;
        // SAFETY: as above.
        assert_eq!(
            unsafe { json::jeton_json_validate(text.as_ptr(), text.len(), &defaults, &mut again) },
            OK
        );
        assert_eq!(again, k);
    }

    // A string escaped by serde_json unescapes back.
    let text = String::from_utf8_lossy(&src.bytes(100)).into_owned();
    let quoted = serde_json::to_vec(&text).unwrap();
    // SAFETY: as above.
    let un = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        json::jeton_json_string_unescape(quoted.as_ptr(), quoted.len(), o, c, l)
    });
    assert_eq!(
        un.bytes(),
        text.as_bytes(),
        "unescape of serde_json's escaping"
    );
}

/// A JSON value of up to `depth` levels, for documents that parse.
fn value(src: &mut Src<'_>, depth: u32) -> serde_json::Value {
    use serde_json::Value as V;
    match src.u8() % if depth == 0 { 4 } else { 6 } {
        0 => V::Null,
        1 => V::Bool(src.bool()),
        2 => V::from(src.i64()),
        3 => V::String(String::from_utf8_lossy(&src.mostly(TEXT_JSON, 8)).into_owned()),
        4 => V::Array((0..src.u8() % 4).map(|_| value(src, depth - 1)).collect()),
        _ => V::Object(
            (0..src.u8() % 4)
                .map(|_| {
                    (
                        String::from_utf8_lossy(&src.text(b"ab", 2)).into_owned(),
                        value(src, depth - 1),
                    )
                })
                .collect(),
        ),
    }
}

/// Nesting of arrays and objects: 0 for a scalar.
fn depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

const TEXT_JSON: &[u8] = b"a\"\\\x01\xc3\xa9/";

/// `jeton_auth_basic_format` / `_parse`, `_bearer_format` / `_parse`,
/// `_dpop_parse`, `_basic_challenge`, `_bearer_challenge`.
pub fn auth(src: &mut Src<'_>) {
    let user = src.mostly(b"user:\x01\xc3\xa9 ", 40);
    let password = src.mostly(b"pass:\x01\xc3\xa9 ", 40);
    // SAFETY: inputs are readable; call_out hands out a valid buffer.
    let header = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        auth::jeton_auth_basic_format(
            user.as_ptr(),
            user.len(),
            password.as_ptr(),
            password.len(),
            o,
            c,
            l,
        )
    });
    let control = |b: &[u8]| b.iter().any(|c| c.is_ascii_control());
    if user.contains(&b':') {
        assert_eq!(header.status, S::JETON_ERR_AUTH_USER_HAS_COLON as i32);
    } else if control(&user) || control(&password) {
        assert_eq!(header.status, S::JETON_ERR_AUTH_INVALID_CHARACTER as i32);
    } else {
        let header = header.bytes().to_vec();
        let mut creds = Slot::<auth::jeton_basic_credentials>::new();
        // SAFETY: as above.
        let parsed = call_out(src, Retry::MustFit, |o, c, l| unsafe {
            auth::jeton_auth_basic_parse(header.as_ptr(), header.len(), o, c, l, creds.ptr())
        });
        assert_eq!(parsed.status, OK, "our own Basic header parses");
        // SAFETY: written on success; its views point into `parsed.buf`.
        let creds = unsafe { creds.get() };
        assert!(within(creds.user, &parsed.buf) && within(creds.password, &parsed.buf));
        // SAFETY: within the live buffer.
        assert_eq!(
            unsafe { (view(creds.user), view(creds.password)) },
            (&user[..], &password[..])
        );
    }

    // Any Basic header.
    let header = src.mostly(b"Basic dXNlcjpwYXNz= \t:", 120);
    let mut creds = Slot::<auth::jeton_basic_credentials>::new();
    // SAFETY: as above.
    let parsed = call_out(src, Retry::MayFail, |o, c, l| unsafe {
        auth::jeton_auth_basic_parse(header.as_ptr(), header.len(), o, c, l, creds.ptr())
    });
    // SAFETY: written on success.
    if let Some(c) = unsafe { creds.after(parsed.status, "basic_parse") } {
        assert!(parsed.len <= header.len());
        assert!(within(c.user, &parsed.buf) && within(c.password, &parsed.buf));
    }

    // Bearer and DPoP.
    let token = src.mostly(b"AZaz09-._~+/=", 60);
    // SAFETY: as above.
    let header = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        auth::jeton_auth_bearer_format(token.as_ptr(), token.len(), o, c, l)
    });
    let b64token = {
        let body = token.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
        body > 0
            && token[..body]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(b))
    };
    assert_eq!(
        header.status == OK,
        b64token,
        "b64token {:?}",
        String::from_utf8_lossy(&token)
    );
    if let Some(h) = header.ok() {
        assert_eq!(h.len(), token.len() + 7);
        let mut t = Slot::<jeton_ffi::jeton_bytes>::new();
        // SAFETY: as above.
        assert_eq!(
            unsafe { auth::jeton_auth_bearer_parse(h.as_ptr(), h.len(), t.ptr()) },
            OK
        );
        // SAFETY: written on success, into `h`.
        assert_eq!(unsafe { view(t.get()) }, &token[..]);
        let dpop = [b"DPoP ", &token[..]].concat();
        let mut t = Slot::<jeton_ffi::jeton_bytes>::new();
        // SAFETY: as above.
        assert_eq!(
            unsafe { auth::jeton_auth_dpop_parse(dpop.as_ptr(), dpop.len(), t.ptr()) },
            OK
        );
        // SAFETY: as above.
        assert_eq!(unsafe { view(t.get()) }, &token[..]);
    }
    let header = src.mostly(b"Bearer DPoP bearer AZaz09-._~+/= \t", 80);
    for dpop in [false, true] {
        let mut t = Slot::<jeton_ffi::jeton_bytes>::new();
        // SAFETY: as above.
        let s = unsafe {
            if dpop {
                auth::jeton_auth_dpop_parse(header.as_ptr(), header.len(), t.ptr())
            } else {
                auth::jeton_auth_bearer_parse(header.as_ptr(), header.len(), t.ptr())
            }
        };
        named(s);
        // SAFETY: written on success.
        if let Some(v) = unsafe { t.after(s, "bearer_parse") } {
            assert!(within(v, &header));
        }
    }

    // Challenges.
    let realm = src.mostly(b"realm \"\\\x01\t\x7f\xc3\xa9\xff", 40);
    let utf8 = src.bool();
    // SAFETY: as above.
    let ch = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        auth::jeton_auth_basic_challenge(realm.as_ptr(), realm.len(), utf8, o, c, l)
    });
    // Control characters are refused but HTAB, which a quoted-string holds.
    let fine = core::str::from_utf8(&realm).is_ok()
        && !realm.iter().any(|&b| b != b'\t' && b.is_ascii_control());
    assert_eq!(
        ch.status == OK,
        fine,
        "realm {:?}",
        String::from_utf8_lossy(&realm)
    );
    if let Some(c) = ch.ok() {
        assert!(c.starts_with(b"Basic realm=\""));
        assert_eq!(c.ends_with(b", charset=\"UTF-8\""), utf8);
    }
    let fields: Vec<Option<Vec<u8>>> = (0..4)
        .map(|_| src.bool().then(|| src.mostly(b"a z\"\\:/\x01\t", 30)))
        .collect();
    let view_of = |f: &Option<Vec<u8>>| ov(f.as_deref());
    let error = src.small_u32(4);
    let mut challenge = auth::jeton_bearer_challenge {
        realm: view_of(&fields[0]),
        scope: view_of(&fields[1]),
        error,
        error_description: view_of(&fields[2]),
        error_uri: view_of(&fields[3]),
    };
    let null_with_len = src.one_in(16);
    if null_with_len {
        challenge.scope = jeton_ffi::jeton_bytes {
            ptr: core::ptr::null(),
            len: 3,
        };
    }
    // SAFETY: the challenge's views are readable (or NULL); as above.
    let ch = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        auth::jeton_auth_bearer_challenge(&challenge, o, c, l)
    });
    if error > auth::JETON_BEARER_INSUFFICIENT_SCOPE || null_with_len {
        assert_ne!(
            ch.status, OK,
            "an unknown error or a NULL view with a length is refused"
        );
    }
    // RFC 6750 section 3's character rules: what is written keeps them,
    // and parameters that keep them are written.
    let desc_ok = |b: &[u8]| {
        b.iter()
            .all(|&c| (0x20..=0x7e).contains(&c) && c != b'"' && c != b'\\')
    };
    let uri_ok = |b: &[u8]| {
        b.iter()
            .all(|&c| (0x21..=0x7e).contains(&c) && c != b'"' && c != b'\\')
    };
    // scope-token *( SP scope-token ): a space only between two tokens.
    let scope_ok = |b: &[u8]| {
        b.split(|&c| c == b' ').all(|t| {
            !t.is_empty()
                && t.iter()
                    .all(|&c| c == 0x21 || (0x23..=0x5b).contains(&c) || (0x5d..=0x7e).contains(&c))
        })
    };
    let realm_ok = |b: &[u8]| {
        core::str::from_utf8(b).is_ok() && !b.iter().any(|&c| c != b'\t' && c.is_ascii_control())
    };
    let f = |i: usize| fields[i].as_deref().unwrap_or(b"");
    let rules = realm_ok(f(0))
        && fields[1].as_deref().is_none_or(scope_ok)
        && desc_ok(f(2))
        && uri_ok(f(3));
    if let Some(c) = ch.ok() {
        assert!(c.starts_with(b"Bearer"));
        assert!(
            rules,
            "a parameter RFC 6750 forbids was written: {:?}",
            String::from_utf8_lossy(c)
        );
    } else if rules && !null_with_len && error <= auth::JETON_BEARER_INSUFFICIENT_SCOPE {
        panic!("a valid Bearer challenge was refused: {}", ch.status);
    }
}

/// `jeton_version`, `jeton_status_str`, `jeton_status_is_error`,
/// `jeton_hmac_tag_len`, `jeton_jwt_algorithm_name` and `_from_name`.
pub fn library(src: &mut Src<'_>) {
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(jeton_ffi::jeton_version()) };
    let expected = format!(
        "{}.{}.{}",
        jeton_ffi::JETON_VERSION_MAJOR,
        jeton_ffi::JETON_VERSION_MINOR,
        jeton_ffi::JETON_VERSION_PATCH
    );
    assert_eq!(version.to_bytes(), expected.as_bytes());
    let s = src.u32() as i32;
    // SAFETY: never NULL, static.
    let text = unsafe { CStr::from_ptr(status::jeton_status_str(s)) };
    assert!(!text.to_bytes().is_empty());
    assert_eq!(status::jeton_status_is_error(s), s < 0);

    let alg = src.small_u32(5);
    let mut tag = usize::MAX;
    // SAFETY: `tag` is writable.
    let st = unsafe { mac::jeton_hmac_tag_len(alg, &mut tag) };
    match alg {
        1..=4 => assert_eq!((st, tag), (OK, [20, 32, 48, 64][alg as usize - 1])),
        _ => assert_eq!((st, tag), (INVALID, usize::MAX)),
    }

    let alg = src.small_u32(14);
    let name = jwt::jeton_jwt_algorithm_name(alg);
    if name.is_null() {
        assert!(
            alg == 0 || alg > jwt::JETON_JWT_PS512,
            "algorithm {alg} has no name"
        );
    } else {
        // SAFETY: a static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(name) }.to_bytes();
        let mut back = u32::MAX;
        // SAFETY: `name` readable, `back` writable.
        assert_eq!(
            unsafe { jwt::jeton_jwt_algorithm_from_name(name.as_ptr(), name.len(), &mut back) },
            OK
        );
        // EdDSA and Ed25519 are two algorithms with two names.
        assert_eq!(back, alg, "{}", String::from_utf8_lossy(name));
    }
    let name = src.mostly(b"HSERP25613840dDA", 8);
    let mut alg = u32::MAX;
    // SAFETY: as above.
    let st = unsafe { jwt::jeton_jwt_algorithm_from_name(name.as_ptr(), name.len(), &mut alg) };
    named(st);
    if st == OK {
        // SAFETY: static.
        let back = unsafe { CStr::from_ptr(jwt::jeton_jwt_algorithm_name(alg)) };
        assert_eq!(back.to_bytes(), &name[..]);
    } else {
        assert_eq!((st, alg), (INVALID, u32::MAX));
    }
}
