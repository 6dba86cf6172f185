//! The cookie jar driven by a sequence of operations: it never panics,
//! never exceeds its capacity, and a refused cookie changes nothing.
#![no_main]

use arbitrary::Arbitrary;
use jeton::cookie::{CookieJar, RequestUrl};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    Store { header: Vec<u8>, url: u8, dt: u16 },
    Header { url: u8, dt: u16 },
    Purge { dt: u16 },
    EndSession,
}

const URLS: [&str; 6] = [
    "http://example.org/",
    "https://example.org/a/b",
    "http://www.example.org/a",
    "https://sub.www.example.org/a/b/c",
    "http://127.0.0.1:8080/x",
    "https://other.test/",
];

type Jar = CookieJar<4, 256>;

/// A stored cookie as the snapshot compares it: name, value, domain, path
/// and expiry.
type Stored = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, Option<i64>);

fn snapshot(jar: &Jar) -> Vec<Stored> {
    jar.iter()
        .map(|c| {
            (
                c.name.to_vec(),
                c.value.to_vec(),
                c.domain.to_vec(),
                c.path.to_vec(),
                c.expiry,
            )
        })
        .collect()
}

fuzz_target!(|ops: Vec<Op>| {
    let mut jar = Jar::new();
    let mut now: i64 = 1_700_000_000;
    for op in ops {
        match op {
            Op::Store { header, url, dt } => {
                now += i64::from(dt);
                let url = RequestUrl::parse(URLS[usize::from(url) % URLS.len()]).unwrap();
                let before = snapshot(&jar);
                if jar.store(header.as_slice(), &url, now).is_err() {
                    assert_eq!(snapshot(&jar), before);
                }
            }
            Op::Header { url, dt } => {
                now += i64::from(dt);
                let url = RequestUrl::parse(URLS[usize::from(url) % URLS.len()]).unwrap();
                let mut buf = [0u8; 512];
                let _ = jar.cookie_header(&url, now, &mut buf);
            }
            Op::Purge { dt } => {
                now += i64::from(dt);
                jar.purge_expired(now);
            }
            Op::EndSession => jar.end_session(),
        }
        assert!(jar.len() <= 4 && jar.bytes_used() <= 256);
        let used: usize = jar
            .iter()
            .map(|c| c.name.len() + c.value.len() + c.domain.len() + c.path.len())
            .sum();
        assert_eq!(used, jar.bytes_used());
    }
});
