//! The signed formats: keygrip (cookie-session), cookie-signature
//! (express), jeton's signed values. Sign then verify accepts with the
//! signing key's index, a changed byte is refused, and every refusal
//! leaves the out-pointers alone.

use jeton_ffi::status::jeton_status_code as S;
use jeton_ffi::{mac, set_cookie as sc, signed};

use super::util::*;

/// A key ring the fuzzer fills: `keys` HMAC keys, as (algorithm, secret).
/// `jeton_keygrip_verify_cookie` of `header` for the cookie `name`: the
/// status, the value slot (pre-filled, see `Slot`) and the key index
/// (`usize::MAX` unless written).
fn verify_cookie(
    ring: &Ring,
    header: &[u8],
    name: &[u8],
) -> (i32, Slot<jeton_ffi::jeton_bytes>, usize) {
    let mut v = Slot::<jeton_ffi::jeton_bytes>::new();
    let mut index = usize::MAX;
    // SAFETY: the ring is initialized; the views are alive for the call.
    let s = unsafe {
        signed::jeton_keygrip_verify_cookie(
            ring.ptr(),
            header.as_ptr(),
            header.len(),
            name.as_ptr(),
            name.len(),
            v.ptr(),
            &mut index,
        )
    };
    (s, v, index)
}

pub struct Ring {
    pub ring: Box<mac::jeton_key_ring>,
    pub keys: Vec<(u32, Vec<u8>)>,
}

impl Ring {
    /// A ring of the keys given, in order.
    pub fn of(keys: &[(u32, Vec<u8>)]) -> Ring {
        // SAFETY: zeroed storage is a valid, uninitialized object.
        let mut ring: Box<mac::jeton_key_ring> = Box::new(unsafe { core::mem::zeroed() });
        // SAFETY: `ring` is storage of its type.
        assert_eq!(unsafe { mac::jeton_key_ring_init(&mut *ring) }, OK);
        for (alg, secret) in keys {
            // SAFETY: zeroed storage, then initialized.
            let mut key: mac::jeton_hmac_key = unsafe { core::mem::zeroed() };
            // SAFETY: `secret` is readable.
            assert_eq!(
                unsafe { mac::jeton_hmac_key_init(&mut key, *alg, secret.as_ptr(), secret.len()) },
                OK
            );
            // SAFETY: both initialized.
            assert_eq!(unsafe { mac::jeton_key_ring_push(&mut *ring, &key) }, OK);
            // SAFETY: initialized.
            assert_eq!(unsafe { mac::jeton_hmac_key_clear(&mut key) }, OK);
        }
        Ring {
            ring,
            keys: keys.to_vec(),
        }
    }
    /// One to three keys, mostly HMAC-SHA256.
    pub fn new(src: &mut Src<'_>) -> Ring {
        let n = 1 + usize::from(src.u8() % 3);
        let keys: Vec<(u32, Vec<u8>)> = (0..n)
            .map(|_| {
                let alg = if src.one_in(4) {
                    1 + src.u32() % 4
                } else {
                    mac::JETON_HMAC_SHA256
                };
                (alg, src.bytes(80))
            })
            .collect();
        Ring::of(&keys)
    }
    /// The same keys behind a new first one: each old key's index is one
    /// more.
    pub fn rotated(&self) -> Ring {
        let mut keys = vec![(mac::JETON_HMAC_SHA256, b"a key no input derives".to_vec())];
        keys.extend(self.keys.iter().cloned());
        Ring::of(&keys)
    }
    pub fn ptr(&self) -> *const mac::jeton_key_ring {
        &*self.ring
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        // SAFETY: initialized in `of`.
        assert_eq!(unsafe { mac::jeton_key_ring_clear(&mut *self.ring) }, OK);
    }
}

/// A copy with one byte changed.
fn tampered(src: &mut Src<'_>, bytes: &[u8]) -> Vec<u8> {
    let mut t = bytes.to_vec();
    if !t.is_empty() {
        let i = usize::from(src.u16()) % t.len();
        t[i] ^= 1 + src.u8() % 255;
    }
    t
}

/// `jeton_keygrip_sign`, `_verify`, `_verify_cookie`,
/// `_write_set_cookies`, `_encode_session_value`, `_decode_session_value`.
pub fn keygrip(src: &mut Src<'_>) {
    let ring = Ring::new(src);
    let mut name = src.mostly(TOKEN, 12);
    let mut value = src.mostly(COOKIE_OCTETS, 60);
    // SAFETY: all readable; call_out hands out a valid buffer.
    let sig = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_sign(
            ring.ptr(),
            name.as_ptr(),
            name.len(),
            value.as_ptr(),
            value.len(),
            o,
            c,
            l,
        )
    });
    let sig = sig.bytes().to_vec();
    assert!(sig.len() <= signed::JETON_KEYGRIP_MAX_SIGNATURE_LEN);
    let verify = |ring: &Ring, sig: &[u8]| {
        let mut index = usize::MAX;
        // SAFETY: all readable, `index` writable.
        let s = unsafe {
            signed::jeton_keygrip_verify(
                ring.ptr(),
                name.as_ptr(),
                name.len(),
                value.as_ptr(),
                value.len(),
                sig.as_ptr(),
                sig.len(),
                &mut index,
            )
        };
        named(s);
        if s != OK {
            assert_eq!(index, usize::MAX, "key_index written on {s}");
        }
        (s, index)
    };
    assert_eq!(verify(&ring, &sig), (OK, 0), "keygrip sign then verify");
    assert_eq!(
        verify(&ring.rotated(), &sig),
        (OK, 1),
        "the old key, one place down"
    );
    let bad = tampered(src, &sig);
    let (s, _) = verify(&ring, &bad);
    assert!(
        s == S::JETON_ERR_SIGNATURE_MISMATCH as i32 || s == S::JETON_ERR_SIGNATURE_MALFORMED as i32,
        "tampered signature: {s}"
    );

    // The cookie pair cookie-session reads: a token and cookie-octets.
    name.retain(|b| TOKEN.contains(b));
    value.retain(|b| COOKIE_OCTETS.contains(b));
    if name.is_empty() {
        name.push(b'n');
    }
    if value.is_empty() {
        value.push(b'v');
    }
    // SAFETY: as above.
    let sig = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_sign(
            ring.ptr(),
            name.as_ptr(),
            name.len(),
            value.as_ptr(),
            value.len(),
            o,
            c,
            l,
        )
    });
    let header = [
        &name[..],
        b"=",
        &value[..],
        b"; ",
        &name[..],
        b".sig=",
        sig.bytes(),
    ]
    .concat();
    let (s, v, index) = verify_cookie(&ring, &header, &name);
    assert_eq!((s, index), (OK, 0), "{}", String::from_utf8_lossy(&header));
    // SAFETY: written on success, into `header`.
    assert_eq!(unsafe { view(v.get()) }, &value[..]);
    // Any header.
    let header = src.mostly(b"n=v; n.sig=abcAB-_09 ;=.", 120);
    let name = src.text(b"n", 2);
    let (s, v, index) = verify_cookie(&ring, &header, &name);
    named(s);
    // SAFETY: written on success.
    if unsafe { v.after(s, "keygrip_verify_cookie") }.is_none() {
        assert_eq!(index, usize::MAX);
    }

    write_set_cookies(src, &ring);

    // The session value: standard padded base64 of the JSON text.
    let json = src.mostly(b"{}\"a:1,", 200);
    // SAFETY: as above.
    let enc = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_encode_session_value(json.as_ptr(), json.len(), o, c, l)
    });
    let text = enc.bytes().to_vec();
    let mut b64 = vec![0u8; text.len()];
    let mut n = 0;
    // SAFETY: our buffers.
    let s = unsafe {
        jeton_ffi::codec::jeton_base64_encode(
            json.as_ptr(),
            json.len(),
            jeton_ffi::codec::JETON_BASE64_STANDARD,
            jeton_ffi::codec::JETON_BASE64_PADDED,
            b64.as_mut_ptr(),
            b64.len(),
            &mut n,
        )
    };
    assert_eq!(
        (s, &b64[..n]),
        (OK, &text[..]),
        "Buffer.from(json).toString('base64')"
    );
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_decode_session_value(text.as_ptr(), text.len(), o, c, l)
    });
    assert_eq!(dec.bytes(), &json[..]);
    let unpadded = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(&text)
        .to_vec();
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_decode_session_value(unpadded.as_ptr(), unpadded.len(), o, c, l)
    });
    assert_eq!(dec.bytes(), &json[..], "padding optional");
    let any = src.mostly(b"eyJhIjoxfQ==+/-_", 80);
    // SAFETY: as above.
    let dec = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_keygrip_decode_session_value(any.as_ptr(), any.len(), o, c, l)
    });
    assert!(
        dec.status == OK || dec.status == S::JETON_ERR_INVALID_BASE64 as i32,
        "status {}",
        dec.status
    );
}

/// `jeton_keygrip_write_set_cookies`: both headers or neither; the first
/// is `jeton_set_cookie_write`'s, the second carries the signature of the
/// pair as written.
fn write_set_cookies(src: &mut Src<'_>, ring: &Ring) {
    let name = src.mostly(TOKEN, 12);
    let value = src.mostly(COOKIE_OCTETS, 40);
    let c = sc::jeton_set_cookie {
        name: bv(&name),
        value: bv(&value),
        path: ov(None),
        domain: ov(None),
        max_age: i64::from(src.u16()),
        expires: 0,
        flags: src.small_u32(64) & !sc::JETON_COOKIE_HAS_EXPIRES,
        same_site: src.small_u32(4),
        priority: 0,
        style: src.small_u32(3),
    };
    let caps = [src.u16() % 300, src.u16() % 300]
        .map(|c| if c == 299 { None } else { Some(usize::from(c)) });
    let call = |caps: [Option<usize>; 2]| {
        let mut a = vec![FILL; caps[0].unwrap_or(0)];
        let mut b = vec![FILL; caps[1].unwrap_or(0)];
        let pa = if caps[0].is_some() {
            a.as_mut_ptr()
        } else {
            core::ptr::null_mut()
        };
        let pb = if caps[1].is_some() {
            b.as_mut_ptr()
        } else {
            core::ptr::null_mut()
        };
        let (mut la, mut lb) = (LEN_SENTINEL, LEN_SENTINEL);
        // SAFETY: the description's views are readable; buffers ours.
        let s = unsafe {
            signed::jeton_keygrip_write_set_cookies(
                ring.ptr(),
                &c,
                pa,
                a.len(),
                &mut la,
                pb,
                b.len(),
                &mut lb,
            )
        };
        named(s);
        if s != OK {
            no_partial(&a, "write_set_cookies");
            no_partial(&b, "write_set_cookies");
        }
        if s != OK && s != TOO_SMALL {
            assert_eq!((la, lb), (LEN_SENTINEL, LEN_SENTINEL));
        }
        (s, a, la, b, lb)
    };
    let (mut s, mut a, mut la, mut b, mut lb) = call(caps);
    if s == TOO_SMALL {
        assert!(la > caps[0].unwrap_or(0) || lb > caps[1].unwrap_or(0));
        (s, a, la, b, lb) = call([Some(la), Some(lb)]);
        assert_eq!(s, OK, "the lengths reported must do");
    }
    let mut plain = vec![0u8; 4096];
    let mut n = LEN_SENTINEL;
    // SAFETY: as above.
    let expected =
        unsafe { sc::jeton_set_cookie_write(&c, plain.as_mut_ptr(), plain.len(), &mut n) };
    if s != OK {
        assert!(
            expected != OK || s == S::JETON_ERR_EMPTY_KEY_RING as i32,
            "{s} where write gives {expected}"
        );
        return;
    }
    assert_eq!(expected, OK);
    assert_eq!(
        &a[..la],
        &plain[..n],
        "the cookie itself as jeton_set_cookie_write writes it"
    );
    // The signature cookie: `name.sig` = keygrip's signature of the pair
    // as written.
    let mut p1 = Slot::<sc::jeton_parsed_set_cookie>::new();
    let mut p2 = Slot::<sc::jeton_parsed_set_cookie>::new();
    // SAFETY: readable, writable.
    unsafe {
        assert_eq!(sc::jeton_set_cookie_parse(a.as_ptr(), la, 0, p1.ptr()), OK);
        assert_eq!(sc::jeton_set_cookie_parse(b.as_ptr(), lb, 0, p2.ptr()), OK);
    }
    // SAFETY: both parsed, views into `a` and `b`.
    let (p1, p2) = unsafe { (p1.get(), p2.get()) };
    // SAFETY: as above.
    let (n1, v1, n2, v2) =
        unsafe { (view(p1.name), view(p1.value), view(p2.name), view(p2.value)) };
    assert_eq!(n2, [n1, b".sig"].concat());
    let mut sig = [0u8; 128];
    let mut sl = 0;
    // SAFETY: as above.
    assert_eq!(
        unsafe {
            signed::jeton_keygrip_sign(
                ring.ptr(),
                n1.as_ptr(),
                n1.len(),
                v1.as_ptr(),
                v1.len(),
                sig.as_mut_ptr(),
                sig.len(),
                &mut sl,
            )
        },
        OK
    );
    assert_eq!(v2, &sig[..sl]);
    let _ = (a.len(), b.len());
}

/// `jeton_cookie_signature_sign`, `_unsign`, `_express_cookie_value`,
/// `_express_unsign`.
pub fn cookie_signature(src: &mut Src<'_>) {
    let ring = Ring::new(src);
    let sha256 = ring.keys[0].0 == mac::JETON_HMAC_SHA256;
    let value = src.mostly(b"abc.s:%+/=", 60);
    // SAFETY: all readable; call_out hands out a valid buffer.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_cookie_signature_sign(ring.ptr(), value.as_ptr(), value.len(), o, c, l)
    });
    if !sha256 {
        assert_eq!(out.status, S::JETON_ERR_KEY_ALGORITHM_MISMATCH as i32);
    }
    let unsign = |ring: &Ring, text: &[u8]| {
        let mut v = Slot::<jeton_ffi::jeton_bytes>::new();
        let mut index = usize::MAX;
        // SAFETY: as above.
        let s = unsafe {
            signed::jeton_cookie_signature_unsign(
                ring.ptr(),
                text.as_ptr(),
                text.len(),
                v.ptr(),
                &mut index,
            )
        };
        named(s);
        // SAFETY: written on success.
        let got = unsafe { v.after(s, "cookie_signature_unsign") };
        if s != OK {
            assert_eq!(index, usize::MAX);
        }
        (
            s,
            got.map(|g| {
                assert!(within(g, text));
                // SAFETY: into `text`.
                (unsafe { view(g) }.to_vec(), index)
            }),
        )
    };
    if let Some(text) = out.ok() {
        assert_eq!(
            text.len(),
            value.len() + 1 + signed::JETON_COOKIE_SIGNATURE_LEN
        );
        assert_eq!(unsign(&ring, text), (OK, Some((value.clone(), 0))));
        assert_eq!(
            unsign(&ring.rotated(), text),
            (OK, Some((value.clone(), 1)))
        );
        let bad = tampered(src, text);
        assert_ne!(unsign(&ring, &bad).0, OK, "tampered cookie-signature");
    }
    let any = src.mostly(b"ab.AZ09+/=", 80);
    let _ = unsign(&ring, &any);

    // express-session's cookie value, read back from a Cookie header.
    let id = src.mostly(b"abcXYZ-_.%+/ \xc3\xa9", 40);
    // SAFETY: as above.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_cookie_signature_express_cookie_value(
            ring.ptr(),
            id.as_ptr(),
            id.len(),
            o,
            c,
            l,
        )
    });
    if !sha256 {
        assert_eq!(out.status, S::JETON_ERR_KEY_ALGORITHM_MISMATCH as i32);
        return;
    }
    let cv = out.bytes().to_vec();
    assert!(cv.len() <= 3 * (id.len() + 2 + signed::JETON_COOKIE_SIGNATURE_LEN));
    assert!(cv.starts_with(b"s%3A"));
    let mut cname = src.text(TOKEN, 10);
    if cname.is_empty() {
        cname.push(b'c');
    }
    let header = if src.bool() {
        [&cname[..], b"=", &cv[..]].concat()
    } else {
        src.mostly(b"c=s%3Aab.; \"", 120)
    };
    let scratch_cap = if src.bool() {
        header.len()
    } else {
        usize::from(src.u8())
    };
    let mut scratch = vec![FILL; scratch_cap];
    let mut needed = LEN_SENTINEL;
    let mut sid = Slot::<jeton_ffi::jeton_bytes>::new();
    let mut index = usize::MAX;
    // SAFETY: as above.
    let s = unsafe {
        signed::jeton_cookie_signature_express_unsign(
            ring.ptr(),
            header.as_ptr(),
            header.len(),
            cname.as_ptr(),
            cname.len(),
            scratch.as_mut_ptr(),
            scratch.len(),
            &mut needed,
            sid.ptr(),
            &mut index,
        )
    };
    named(s);
    if s == TOO_SMALL {
        assert!(
            needed > scratch_cap && needed <= header.len(),
            "scratch_needed {needed}"
        );
    } else {
        assert_eq!(needed, LEN_SENTINEL, "scratch_needed written with {s}");
    }
    // SAFETY: written on success.
    match unsafe { sid.after(s, "express_unsign") } {
        Some(got) => {
            assert!(within(got, &scratch));
            assert_eq!(index, 0);
            if header.starts_with(&cname)
                && header[cname.len()..].starts_with(b"=")
                && header.ends_with(&cv)
                && header.len() == cname.len() + 1 + cv.len()
            {
                // SAFETY: into `scratch`.
                assert_eq!(unsafe { view(got) }, &id[..]);
            }
        }
        None => {
            assert_eq!(index, usize::MAX);
            no_partial(&scratch, "express_unsign's scratch");
            let ours = header == [&cname[..], b"=", &cv[..]].concat();
            if ours && scratch_cap >= header.len() && core::str::from_utf8(&id).is_ok() {
                panic!("express-session's own cookie refused: {s}");
            }
        }
    }
}

/// `jeton_signed_value_sign` / `_verify`: accepted before its expiry, for
/// its purpose, with the payload back; refused when expired, for another
/// purpose, or changed anywhere.
pub fn signed_value(src: &mut Src<'_>) {
    let ring = Ring::new(src);
    let purpose = if src.one_in(16) {
        src.bytes(300)
    } else {
        src.bytes(20)
    };
    let payload = src.bytes(120);
    let expires_at = src.i64();
    // SAFETY: all readable; call_out hands out a valid buffer.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        signed::jeton_signed_value_sign(
            ring.ptr(),
            purpose.as_ptr(),
            purpose.len(),
            payload.as_ptr(),
            payload.len(),
            expires_at,
            o,
            c,
            l,
        )
    });
    if purpose.len() > signed::JETON_SIGNED_VALUE_MAX_PURPOSE_LEN {
        assert_eq!(out.status, S::JETON_ERR_INPUT_TOO_LONG as i32);
        return;
    }
    let text = out.bytes().to_vec();
    assert!(text.starts_with(b"v1."));
    assert!(text.iter().all(|b| COOKIE_OCTETS.contains(b)));
    let verify = |src: &mut Src<'_>, ring: &Ring, purpose: &[u8], text: &[u8], now: i64| {
        let mut exp = Slot::<i64>::new();
        let mut index = Slot::<usize>::new();
        let out = call_out(src, Retry::MayFail, |o, c, l| {
            // SAFETY: as above.
            unsafe {
                signed::jeton_signed_value_verify(
                    ring.ptr(),
                    purpose.as_ptr(),
                    purpose.len(),
                    text.as_ptr(),
                    text.len(),
                    now,
                    o,
                    c,
                    l,
                    exp.ptr(),
                    index.ptr(),
                )
            }
        });
        // SAFETY: written on success.
        let got = unsafe {
            exp.after(out.status, "signed_value_verify")
                .zip(index.after(out.status, "signed_value_verify"))
        };
        (out.status, out.ok().map(<[u8]>::to_vec), got)
    };
    let now = if expires_at == i64::MIN {
        i64::MIN
    } else {
        expires_at - 1 - (src.i64() & 0xffff).min(expires_at.saturating_sub(i64::MIN + 1))
    };
    if expires_at != i64::MIN {
        assert_eq!(
            verify(src, &ring, &purpose, &text, now),
            (OK, Some(payload.clone()), Some((expires_at, 0)))
        );
        assert_eq!(
            verify(src, &ring.rotated(), &purpose, &text, now),
            (OK, Some(payload.clone()), Some((expires_at, 1)))
        );
    }
    let later = expires_at.saturating_add(i64::from(src.u16()));
    assert_eq!(
        verify(src, &ring, &purpose, &text, later).0,
        S::JETON_ERR_SIGNED_VALUE_EXPIRED as i32
    );
    let mut other = purpose.clone();
    other.push(src.u8());
    if other.len() <= signed::JETON_SIGNED_VALUE_MAX_PURPOSE_LEN {
        assert_eq!(
            verify(src, &ring, &other, &text, now).0,
            S::JETON_ERR_SIGNATURE_MISMATCH as i32,
            "another purpose"
        );
    }
    let bad = tampered(src, &text);
    assert_ne!(
        verify(src, &ring, &purpose, &bad, now).0,
        OK,
        "tampered signed value"
    );
    let any = src.mostly(b"v1.0123456789.abAB-_", 80);
    let at = src.i64();
    let _ = verify(src, &ring, &purpose, &any, at);
}
