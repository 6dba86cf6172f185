//! Whatever the Set-Cookie builder accepts, the RFC 6265 parser reads back
//! to the same attributes, and nothing in it can start a new attribute or
//! header line.
#![no_main]

use arbitrary::Arbitrary;
use jeton::cookie::{ParsedSetCookie, Priority, SameSite, SetCookie};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Spec {
    name: Vec<u8>,
    value: Vec<u8>,
    encode: bool,
    path: Option<Vec<u8>>,
    domain: Option<Vec<u8>>,
    max_age: Option<u64>,
    expires: Option<i64>,
    secure: bool,
    http_only: bool,
    same_site: Option<u8>,
    partitioned: bool,
    priority: Option<u8>,
}

fuzz_target!(|spec: Spec| {
    let mut c = SetCookie::new(spec.name.as_slice(), spec.value.as_slice())
        .encode_value(spec.encode)
        .secure(spec.secure)
        .http_only(spec.http_only)
        .partitioned(spec.partitioned);
    if let Some(p) = &spec.path {
        c = c.path(p.as_slice());
    }
    if let Some(d) = &spec.domain {
        c = c.domain(d.as_slice());
    }
    if let Some(m) = spec.max_age {
        c = c.max_age(m);
    }
    if let Some(e) = spec.expires {
        c = c.expires(e);
    }
    if let Some(s) = spec.same_site {
        c = c.same_site([SameSite::Strict, SameSite::Lax, SameSite::None][usize::from(s % 3)]);
    }
    if let Some(p) = spec.priority {
        c = c.priority([Priority::Low, Priority::Medium, Priority::High][usize::from(p % 3)]);
    }
    let mut buf = vec![0u8; 8192];
    let Ok(n) = c.write(&mut buf) else { return };
    let out = &buf[..n];
    assert!(!out.iter().any(|&b| b == b'\r' || b == b'\n' || b == 0));
    let parsed = ParsedSetCookie::parse(out).expect("what we write parses");
    assert_eq!(parsed.name(), spec.name.as_slice());
    if !spec.encode {
        assert_eq!(parsed.value(), spec.value.as_slice());
    } else {
        let mut encoded = vec![0u8; spec.value.len() * 3];
        let n = jeton::percent::encode_cookie_value(&spec.value, &mut encoded).unwrap();
        assert_eq!(parsed.value(), &encoded[..n]);
        if std::str::from_utf8(&spec.value).is_ok() {
            let mut decoded = vec![0u8; parsed.value().len()];
            let m = jeton::percent::decode_cookie_value(parsed.value(), &mut decoded).unwrap();
            assert_eq!(&decoded[..m], spec.value.as_slice());
        }
    }
    assert_eq!(parsed.path(), spec.path.as_deref());
    assert_eq!(
        parsed.domain(),
        spec.domain
            .as_deref()
            .map(|d| d.strip_prefix(b".").unwrap_or(d))
    );
    let max_age = spec.max_age.map(|m| i64::try_from(m).unwrap_or(i64::MAX));
    assert_eq!(parsed.max_age(), max_age);
    assert_eq!(parsed.expires(), spec.expires);
    assert_eq!(parsed.secure(), spec.secure);
    assert_eq!(parsed.http_only(), spec.http_only);
    assert_eq!(parsed.partitioned(), spec.partitioned);
    assert_eq!(parsed.same_site(), c.get_same_site());
    assert_eq!(parsed.priority(), c.get_priority());
    // One attribute per "; " separator, none smuggled in.
    let attributes = [
        spec.path.is_some(),
        spec.domain.is_some(),
        spec.max_age.is_some(),
        spec.expires.is_some(),
        spec.secure,
        spec.http_only,
        spec.same_site.is_some(),
        spec.partitioned,
        spec.priority.is_some(),
    ];
    let separators = out.windows(2).filter(|w| w == b"; ").count();
    assert_eq!(separators, attributes.iter().filter(|&&a| a).count());
});
