//! `Cookie` headers (iteration, lookup, the strict check, writing) and
//! `Set-Cookie` headers (validation, writing, removal, parsing).

use jeton_ffi::status::jeton_status_code as S;
use jeton_ffi::{cookie, set_cookie as sc};

use super::util::*;

/// The pairs of `header` as `jeton_cookie_iter_*` gives them, or the
/// status `jeton_cookie_iter_init_with_limits` refused it with.
fn pairs(
    header: &[u8],
    limits: Option<(usize, usize)>,
) -> Result<Vec<cookie::jeton_cookie_pair>, i32> {
    let mut iter = Slot::<cookie::jeton_cookie_iter>::new();
    // SAFETY: `iter` is storage of its type, `header` readable.
    let s = unsafe {
        match limits {
            None => cookie::jeton_cookie_iter_init(iter.ptr(), header.as_ptr(), header.len()),
            Some((len, count)) => cookie::jeton_cookie_iter_init_with_limits(
                iter.ptr(),
                header.as_ptr(),
                header.len(),
                len,
                count,
            ),
        }
    };
    named(s);
    if s != OK {
        assert!(iter.untouched(), "iter_init wrote the iterator on {s}");
        return Err(s);
    }
    let mut out = Vec::new();
    loop {
        let mut pair = Slot::<cookie::jeton_cookie_pair>::new();
        // SAFETY: an iterator started above over `header`, alive.
        let s = unsafe { cookie::jeton_cookie_iter_next(iter.ptr(), pair.ptr()) };
        named(s);
        // SAFETY: written on success.
        match unsafe { pair.after(s, "iter_next") } {
            Some(p) => {
                assert!(
                    within(p.name, header)
                        && within(p.value, header)
                        && within(p.value_unquoted, header)
                );
                out.push(p);
                assert!(out.len() <= cookie::JETON_COOKIE_MAX_PAIRS.max(limits.map_or(0, |l| l.1)));
            }
            None => {
                assert_eq!(s, DONE);
                let mut pair = Slot::<cookie::jeton_cookie_pair>::new();
                // SAFETY: as above.
                assert_eq!(
                    unsafe { cookie::jeton_cookie_iter_next(iter.ptr(), pair.ptr()) },
                    DONE,
                    "DONE again"
                );
                assert!(pair.untouched());
                return Ok(out);
            }
        }
    }
}

/// Iteration, lookup and the strict check of any header: the lookup finds
/// the first pair iteration gives with that name; limits are enforced.
pub fn header(src: &mut Src<'_>) {
    let header = src.mostly(b"ab=;; \t\"%", 400);
    let name = if src.bool() {
        src.text(b"ab", 2)
    } else {
        src.bytes(4)
    };
    let all = pairs(&header, None);
    let mut pair = Slot::<cookie::jeton_cookie_pair>::new();
    // SAFETY: all readable/writable.
    let s = unsafe {
        cookie::jeton_cookie_header_get(
            header.as_ptr(),
            header.len(),
            name.as_ptr(),
            name.len(),
            pair.ptr(),
        )
    };
    named(s);
    // SAFETY: written on success.
    let got = unsafe { pair.after(s, "header_get") };
    match &all {
        Ok(list) => {
            // SAFETY: the views point into `header`.
            let first = list.iter().find(|p| unsafe { view(p.name) } == &name[..]);
            match (first, got) {
                (Some(f), Some(g)) => assert_eq!(
                    (f.name, f.value, f.value_unquoted),
                    (g.name, g.value, g.value_unquoted)
                ),
                (None, None) => assert_eq!(s, S::JETON_ERR_COOKIE_NOT_FOUND as i32),
                _ => panic!("header_get and the iteration disagree: {s}"),
            }
        }
        Err(e) => assert_eq!(s, *e, "same limits, same refusal"),
    }
    // Limits of the caller's.
    let max_len = usize::from(src.u16() % 512);
    let max_pairs = usize::from(src.u8());
    let pieces = header.iter().filter(|&&b| b == b';').count() + 1;
    match pairs(&header, Some((max_len, max_pairs))) {
        Ok(list) => {
            assert!(header.len() <= max_len && pieces <= max_pairs);
            // Under any limits the header passes, the same pairs.
            if let Ok(all) = &all {
                assert_eq!(list.len(), all.len());
            }
        }
        Err(e) => {
            assert!(
                header.len() > max_len || pieces > max_pairs,
                "refused {e} within the limits"
            );
            let expected = if header.len() > max_len {
                S::JETON_ERR_INPUT_TOO_LONG
            } else {
                S::JETON_ERR_TOO_MANY_ITEMS
            };
            assert_eq!(e, expected as i32);
        }
    }
    // The strict grammar.
    let mut offset = usize::MAX;
    // SAFETY: as above.
    let s = unsafe {
        cookie::jeton_cookie_header_check_strict(header.as_ptr(), header.len(), &mut offset)
    };
    named(s);
    let located = [
        S::JETON_ERR_COOKIE_HEADER_EMPTY,
        S::JETON_ERR_COOKIE_MISSING_EQUALS,
        S::JETON_ERR_COOKIE_EMPTY_NAME,
        S::JETON_ERR_COOKIE_INVALID_NAME,
        S::JETON_ERR_COOKIE_INVALID_VALUE,
        S::JETON_ERR_COOKIE_INVALID_SEPARATOR,
    ];
    if located.iter().any(|&c| c as i32 == s) {
        assert!(
            offset <= header.len(),
            "offset {offset} past {}",
            header.len()
        );
    } else {
        assert_eq!(offset, usize::MAX, "offset written with {s}");
    }
    if s == OK {
        // A strict header is read alike by the lenient iteration: every
        // pair's name is a token, every value a cookie-value.
        let list = all.expect("a strict header is within the limits");
        assert!(!list.is_empty());
        for p in list {
            // SAFETY: views into `header`.
            let (n, v) = unsafe { (view(p.name), view(p.value_unquoted)) };
            assert!(!n.is_empty() && n.iter().all(|b| TOKEN.contains(b)));
            assert!(v.iter().all(|b| COOKIE_OCTETS.contains(b)));
        }
    }
}

/// `jeton_cookie_header_write`: what it writes passes the strict check and
/// iterates back to the pairs given.
pub fn header_write(src: &mut Src<'_>) {
    let count = usize::from(src.u8() % 6);
    let mut names = Vec::new();
    let mut values = Vec::new();
    for _ in 0..count {
        names.push(src.mostly(TOKEN, 12));
        values.push(if src.one_in(8) {
            [b"\"", &src.text(COOKIE_OCTETS, 8)[..], b"\""].concat()
        } else {
            src.mostly(COOKIE_OCTETS, 24)
        });
    }
    let list: Vec<cookie::jeton_cookie_pair> = names
        .iter()
        .zip(&values)
        .map(|(n, v)| cookie::jeton_cookie_pair {
            name: bv(n),
            value: bv(v),
            value_unquoted: ov(None),
        })
        .collect();
    let mut list = list;
    // A NULL view in a pair is a NULL pointer, whatever its length.
    let null_view = !list.is_empty() && src.one_in(16);
    if null_view {
        let i = usize::from(src.u8()) % list.len();
        list[i].value = ov(None);
    }
    let flags = src.small_u32(16);
    let null_pairs = src.one_in(32);
    let ptr = if null_pairs {
        core::ptr::null()
    } else {
        list.as_ptr()
    };
    // SAFETY: `list` holds `count` pairs whose views are readable.
    let out = call_out(src, Retry::MustFit, |o, c, l| unsafe {
        cookie::jeton_cookie_header_write(ptr, count, flags, o, c, l)
    });
    if null_pairs || null_view {
        assert_ne!(out.status, OK, "a NULL pair or view was written");
        if null_pairs || flags & !sc::JETON_COOKIE_ENCODE_VALUE == 0 {
            assert_eq!(out.status, NULL);
        }
        return;
    }
    if flags & !sc::JETON_COOKIE_ENCODE_VALUE != 0 {
        assert_ne!(out.status, OK, "unknown flag bits {flags:#x}");
    }
    let encode = flags & sc::JETON_COOKIE_ENCODE_VALUE != 0;
    let names_ok = names
        .iter()
        .all(|n| !n.is_empty() && n.iter().all(|b| TOKEN.contains(b)));
    let value_ok = |v: &[u8]| {
        let inner = if v.len() >= 2 && v[0] == b'"' && v[v.len() - 1] == b'"' {
            &v[1..v.len() - 1]
        } else {
            v
        };
        inner.iter().all(|b| COOKIE_OCTETS.contains(b))
    };
    if flags & !sc::JETON_COOKIE_ENCODE_VALUE == 0
        && names_ok
        && (encode || values.iter().all(|v| value_ok(v)))
    {
        assert_eq!(out.status, OK, "valid pairs refused");
    }
    let Some(text) = out.ok() else { return };
    let text = text.to_vec();
    if count == 0 {
        assert!(text.is_empty());
        return;
    }
    let mut offset = 0;
    // SAFETY: readable, writable.
    assert_eq!(
        unsafe { cookie::jeton_cookie_header_check_strict(text.as_ptr(), text.len(), &mut offset) },
        OK,
        "{}",
        String::from_utf8_lossy(&text)
    );
    let back = pairs(&text, None).expect("a written header iterates");
    assert_eq!(back.len(), count);
    for ((p, n), v) in back.iter().zip(&names).zip(&values) {
        // SAFETY: views into `text`.
        let (bn, bv_) = unsafe { (view(p.name), view(p.value)) };
        assert_eq!(bn, &n[..]);
        if !encode {
            assert_eq!(bv_, &v[..]);
        } else if core::str::from_utf8(v).is_ok() {
            let mut dec = vec![0u8; bv_.len()];
            let mut n = 0;
            // SAFETY: our buffers.
            assert_eq!(
                unsafe {
                    cookie::jeton_cookie_value_decode(
                        bv_.as_ptr(),
                        bv_.len(),
                        dec.as_mut_ptr(),
                        dec.len(),
                        &mut n,
                    )
                },
                OK
            );
            assert_eq!(&dec[..n], &v[..]);
        }
    }
}

const KNOWN_FLAGS: u32 = sc::JETON_COOKIE_SECURE
    | sc::JETON_COOKIE_HTTP_ONLY
    | sc::JETON_COOKIE_PARTITIONED
    | sc::JETON_COOKIE_ENCODE_VALUE
    | sc::JETON_COOKIE_HAS_MAX_AGE
    | sc::JETON_COOKIE_HAS_EXPIRES;

/// Parses a `Set-Cookie` header, checking what the header promises of
/// any parse.
fn parse(header: &[u8], now: i64) -> Result<sc::jeton_parsed_set_cookie, i32> {
    let mut slot = Slot::<sc::jeton_parsed_set_cookie>::new();
    // SAFETY: readable, writable.
    let s = unsafe { sc::jeton_set_cookie_parse(header.as_ptr(), header.len(), now, slot.ptr()) };
    named(s);
    // SAFETY: written on success.
    let Some(p) = (unsafe { slot.after(s, "set_cookie_parse") }) else {
        assert!(
            s == S::JETON_ERR_COOKIE_MISSING_EQUALS as i32
                || s == S::JETON_ERR_COOKIE_EMPTY_NAME as i32,
            "status {s}"
        );
        return Err(s);
    };
    assert!(p.name.len > 0 && within(p.name, header) && within(p.value, header));
    for o in [p.domain, p.path] {
        assert!(o.ptr.is_null() || within(o, header));
    }
    let allowed = sc::JETON_COOKIE_SECURE
        | sc::JETON_COOKIE_HTTP_ONLY
        | sc::JETON_COOKIE_PARTITIONED
        | sc::JETON_COOKIE_HAS_MAX_AGE
        | sc::JETON_COOKIE_HAS_EXPIRES
        | sc::JETON_COOKIE_HAS_EXPIRY
        | sc::JETON_COOKIE_CONTROL_CHARACTERS;
    assert_eq!(p.flags & !allowed, 0);
    assert!(p.same_site <= sc::JETON_SAME_SITE_NONE && p.priority <= sc::JETON_PRIORITY_HIGH);
    let has = |f: u32| p.flags & f != 0;
    assert_eq!(
        has(sc::JETON_COOKIE_HAS_EXPIRY),
        has(sc::JETON_COOKIE_HAS_MAX_AGE) || has(sc::JETON_COOKIE_HAS_EXPIRES)
    );
    if has(sc::JETON_COOKIE_HAS_MAX_AGE) {
        if p.max_age <= 0 {
            assert_eq!(p.expiry, i64::MIN, "Max-Age {} expires now", p.max_age);
        } else {
            assert_eq!(
                p.expiry,
                now.saturating_add(p.max_age),
                "Max-Age {} from {now}",
                p.max_age
            );
        }
    } else if has(sc::JETON_COOKIE_HAS_EXPIRES) {
        assert_eq!(p.expiry, p.expires, "Expires alone is the expiry");
    }
    if let Some(path) = (!p.path.ptr.is_null()).then_some(p.path) {
        // SAFETY: into `header`.
        assert!(unsafe { view(path) }.starts_with(b"/"));
    }
    Ok(p)
}

/// Validation, writing, removal and parsing of a `Set-Cookie` the fuzzer
/// describes: unknown values refused; validate and write agree; what is
/// written parses back to the description.
pub fn set_cookie(src: &mut Src<'_>) {
    // Any header.
    let now = src.i64();
    let header = src.mostly(b"a=b; Max-Age=0-9 Expires=Sun, 06 Nov 1994 08:49:37 GMT Path=/ Domain=.x SameSite=Lax Secure HttpOnly Priority", 200);
    let _ = parse(&header, now);

    let name = src.mostly(TOKEN, 16);
    let value = if src.one_in(8) {
        [b"\"", &src.text(COOKIE_OCTETS, 8)[..], b"\""].concat()
    } else {
        src.mostly(COOKIE_OCTETS, 32)
    };
    let path = src
        .bool()
        .then(|| [b"/", &src.mostly(b"abc/-._", 16)[..]].concat());
    let domain = src.bool().then(|| src.mostly(b"abc.-0", 20));
    let mut flags = src.u32() & KNOWN_FLAGS;
    if src.one_in(8) {
        flags |= 1 << (src.u8() % 32);
    }
    let c = sc::jeton_set_cookie {
        name: bv(&name),
        value: bv(&value),
        path: ov(path.as_deref()),
        domain: ov(domain.as_deref()),
        max_age: if src.bool() {
            i64::from(src.u32())
        } else {
            src.i64()
        },
        expires: if src.bool() {
            i64::from(src.u32())
        } else {
            src.i64()
        },
        flags,
        same_site: src.small_u32(4),
        priority: src.small_u32(4),
        style: src.small_u32(3),
    };
    let mut c = c;
    // A NULL name or value: refused by all three.
    let null_required = src.one_in(32);
    if null_required {
        if src.bool() {
            c.name = ov(None);
        } else {
            c.value = ov(None);
        }
    }
    let null_optional = src.one_in(32);
    if null_optional {
        c.path = jeton_ffi::jeton_bytes {
            ptr: core::ptr::null(),
            len: 1,
        };
    }
    // SAFETY: the views are readable (or NULL with a length, refused).
    let valid = unsafe { sc::jeton_set_cookie_validate(&c) };
    named(valid);
    let unknown = c.flags & !KNOWN_FLAGS != 0 || c.same_site > 3 || c.priority > 3 || c.style > 2;
    if unknown || null_optional || (c.flags & sc::JETON_COOKIE_HAS_MAX_AGE != 0 && c.max_age < 0) {
        assert_ne!(valid, OK, "an invalid description validated");
    }
    if (null_optional || unknown) && !null_required {
        assert_eq!(valid, INVALID);
    }
    // SAFETY: as above; call_out hands out a valid buffer.
    let written = call_out(src, Retry::MustFit, |o, cap, l| unsafe {
        sc::jeton_set_cookie_write(&c, o, cap, l)
    });
    assert_eq!(written.status, valid, "write checks what validate checks");
    // SAFETY: as above.
    let removal = call_out(src, Retry::MustFit, |o, cap, l| unsafe {
        sc::jeton_set_cookie_write_removal(&c, o, cap, l)
    });
    if valid == OK {
        assert_eq!(removal.status, OK, "a valid cookie can be removed");
    }
    if null_required {
        assert!(
            valid != OK && removal.status != OK,
            "a NULL name or value was written"
        );
        return;
    }
    if let Some(text) = written.ok() {
        assert!(!text.iter().any(|b| matches!(b, b'\r' | b'\n')));
        let p = parse(text, now).expect("a written Set-Cookie parses");
        // SAFETY: views into `text`.
        let (pn, pv) = unsafe { (view(p.name), view(p.value)) };
        assert_eq!(pn, &name[..]);
        if c.flags & sc::JETON_COOKIE_ENCODE_VALUE == 0 {
            assert_eq!(pv, &value[..]);
        } else if core::str::from_utf8(&value).is_ok() {
            let mut dec = vec![0u8; pv.len()];
            let mut n = 0;
            // SAFETY: our buffers.
            assert_eq!(
                unsafe {
                    jeton_ffi::cookie::jeton_cookie_value_decode(
                        pv.as_ptr(),
                        pv.len(),
                        dec.as_mut_ptr(),
                        dec.len(),
                        &mut n,
                    )
                },
                OK
            );
            assert_eq!(&dec[..n], &value[..]);
        }
        check_attributes(&c, &p, path.as_deref(), domain.as_deref());
        let has = |f: u32| p.flags & f != 0;
        assert_eq!(
            has(sc::JETON_COOKIE_HAS_MAX_AGE),
            c.flags & sc::JETON_COOKIE_HAS_MAX_AGE != 0
        );
        if has(sc::JETON_COOKIE_HAS_MAX_AGE) {
            assert_eq!(p.max_age, c.max_age);
        }
        assert_eq!(
            has(sc::JETON_COOKIE_HAS_EXPIRES),
            c.flags & sc::JETON_COOKIE_HAS_EXPIRES != 0
        );
        if has(sc::JETON_COOKIE_HAS_EXPIRES) {
            assert_eq!(p.expires, c.expires);
        }
    }
    if let Some(text) = removal.ok() {
        let p = parse(text, now).expect("a removal parses");
        // SAFETY: views into `text`.
        assert_eq!(
            unsafe { (view(p.name), view(p.value)) },
            (&name[..], &b""[..])
        );
        assert!(
            p.flags & sc::JETON_COOKIE_HAS_MAX_AGE != 0 && p.max_age == 0 && p.expiry == i64::MIN
        );
        check_attributes(&c, &p, path.as_deref(), domain.as_deref());
    }
}

/// The attributes a parse of a written header gives back.
fn check_attributes(
    c: &sc::jeton_set_cookie,
    p: &sc::jeton_parsed_set_cookie,
    path: Option<&[u8]>,
    domain: Option<&[u8]>,
) {
    // SAFETY: the views point into the parsed header, alive.
    let (pp, pd) = unsafe {
        (
            (!p.path.ptr.is_null()).then(|| view(p.path)),
            (!p.domain.ptr.is_null()).then(|| view(p.domain)),
        )
    };
    assert_eq!(pp, path);
    let strip = |d: &[u8]| d.strip_prefix(b".").unwrap_or(d).to_ascii_lowercase();
    assert_eq!(pd.map(strip), domain.map(strip));
    let bits = sc::JETON_COOKIE_SECURE | sc::JETON_COOKIE_HTTP_ONLY | sc::JETON_COOKIE_PARTITIONED;
    assert_eq!(p.flags & bits, c.flags & bits);
    assert_eq!(p.flags & sc::JETON_COOKIE_CONTROL_CHARACTERS, 0);
    assert_eq!(p.same_site, c.same_site);
    assert_eq!(p.priority, c.priority);
}
