//! The C ABI's stateful objects driven by a sequence of operations: one
//! instance of each object (zeroed heap storage of its C type, as a C
//! caller would `calloc` it) and, beside it, the core Rust value it wraps
//! fed the same operations (session store, revocation list, rate limiter,
//! key ring, HMAC key, cookie jar, device poller) or a count of what it
//! must hold (JWT key set, JWKS). Every call's status must be one the
//! header names and never `JETON_ERR_PANIC`; where a model exists, the
//! status, the lengths and the values read back must be the model's.
//!
//! Operations also call functions before `_init` and after `_clear`
//! (`JETON_ERR_NOT_INITIALIZED`), pass NULL pointers and short or NULL
//! output buffers (`JETON_ERR_NULL_POINTER`, `JETON_ERR_BUFFER_TOO_SMALL`,
//! the object unchanged), copy an initialized object with `memcpy` (the
//! copy answers as the original and is independent of it) and scribble
//! over an object's first or last bytes as `malloc` reuse does (finding
//! 6: a marker overwritten means `JETON_ERR_NOT_INITIALIZED`, bytes that
//! are no marker change nothing).

use core::ffi::{CStr, c_void};
use core::mem::MaybeUninit;
use core::num::NonZeroU32;

use arbitrary::Arbitrary;
use jeton::Error;
use jeton::cookie::{CookieJar, ParsedSetCookie, RequestUrl, StoreOutcome};
use jeton::limit::{Decision, RateLimiter};
use jeton::mac::{Algorithm, HmacKey, KeyRing};
use jeton::oauth::device::{DeviceAuthorization, DevicePoller, Poll};
use jeton::session::{RevocationList, Session, SessionStore};
use jeton_ffi::jar::{
    JETON_COOKIE_JAR_BYTES, JETON_COOKIE_JAR_CAPACITY, JETON_STORE_EXPIRED, JETON_STORE_INSERTED,
    JETON_STORE_REMOVED, JETON_STORE_REPLACED, jeton_cookie_jar, jeton_cookie_jar_entry,
};
use jeton_ffi::jwt::{
    JETON_JWKS_CAPACITY, JETON_JWT_KEY_SET_CAPACITY, jeton_jwks, jeton_jwks_summary,
    jeton_jwt_key_info, jeton_jwt_key_set, jeton_jwt_validation, jeton_jwt_verified,
};
use jeton_ffi::limit::{JETON_RATE_LIMITER_CAPACITY, jeton_rate_limiter};
use jeton_ffi::mac::{JETON_KEY_RING_CAPACITY, jeton_hmac_key, jeton_key_ring};
use jeton_ffi::oauth::{
    JETON_OAUTH_POLL_PENDING, JETON_OAUTH_POLL_TOKEN, jeton_oauth_device_poll_info,
    jeton_oauth_device_poller, jeton_oauth_poll,
};
use jeton_ffi::revocation::{JETON_REVOCATION_LIST_CAPACITY, jeton_revocation_list};
use jeton_ffi::session::{
    JETON_SESSION_STORE_CAPACITY, jeton_session, jeton_session_store, jeton_session_user,
};
use jeton_ffi::set_cookie::{
    JETON_COOKIE_HAS_EXPIRY, JETON_COOKIE_HOST_ONLY, JETON_COOKIE_HTTP_ONLY, JETON_COOKIE_SECURE,
};
use jeton_ffi::status::jeton_status_code as C;
use jeton_ffi::{jar, jwt, limit, mac, oauth, revocation, session, status};

const OK: i32 = C::JETON_OK as i32;
const DONE: i32 = C::JETON_DONE as i32;
const NULL: i32 = C::JETON_ERR_NULL_POINTER as i32;
const NOT_INITIALIZED: i32 = C::JETON_ERR_NOT_INITIALIZED as i32;
const TOO_SMALL: i32 = C::JETON_ERR_BUFFER_TOO_SMALL as i32;
const INVALID: i32 = C::JETON_ERR_INVALID_ARGUMENT as i32;

/// The status is one the header names, and no panic was caught.
fn named(status: i32) -> i32 {
    // SAFETY: `jeton_status_str` returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(status::jeton_status_str(status)) };
    assert_ne!(text.to_bytes(), b"unknown status", "status {status}");
    assert_ne!(
        status,
        C::JETON_ERR_PANIC as i32,
        "a panic reached the C boundary"
    );
    status
}

/// The status a core result becomes.
fn code<T>(result: &Result<T, Error>) -> i32 {
    match result {
        Ok(_) => OK,
        Err(e) => e.code(),
    }
}

/// A call on an object that holds no value (never initialized, cleared,
/// or its marker overwritten): `JETON_ERR_NOT_INITIALIZED`, or
/// `JETON_ERR_NULL_POINTER` when the call was also given a NULL pointer.
fn refused(status: i32, any_null: bool) {
    if any_null {
        assert!(
            status == NOT_INITIALIZED || status == NULL,
            "status {status}"
        );
    } else {
        assert_eq!(status, NOT_INITIALIZED);
    }
}

// ---------------------------------------------------------------------
// Fuzzer-chosen values.

/// A point in time: mostly steps of a clock that moves forward, sometimes
/// any value at all.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Now {
    Step(u8),
    Tick,
    Same,
    Any(i64),
}

/// An expiry: mostly some seconds around now, sometimes any value.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Exp {
    In(i16),
    Any(i64),
}

impl Exp {
    fn at(self, now: i64) -> i64 {
        match self {
            Exp::In(d) => now.saturating_add(i64::from(d)),
            Exp::Any(t) => t,
        }
    }
}

/// A count or duration: mostly small, sometimes any value.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Num {
    Small(u8),
    Mid(u16),
    Any(u64),
}

impl Num {
    fn get(self) -> u64 {
        match self {
            Num::Small(n) => u64::from(n),
            Num::Mid(n) => u64::from(n),
            Num::Any(n) => n,
        }
    }
}

/// An input: bytes, or NULL (with the bytes' length).
#[derive(Arbitrary, Debug)]
struct Bytes {
    data: Vec<u8>,
    null: bool,
}

impl Bytes {
    fn ptr(&self) -> *const u8 {
        if self.null {
            core::ptr::null()
        } else {
            self.data.as_ptr()
        }
    }
}

/// An output buffer as the caller passes it.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Out {
    /// `cap` writable bytes.
    Cap(u8),
    /// A buffer large enough for anything these calls write.
    Large,
    /// `(NULL, 0)`: a size query.
    Query,
    /// NULL with a non-zero capacity: refused.
    NullWithCap(u8),
}

/// A caller's output buffer and length.
struct OutBuf {
    buf: Vec<u8>,
    null: bool,
    cap: usize,
    len: usize,
    null_len: bool,
}

impl OutBuf {
    fn new(out: Out, null_len: bool) -> OutBuf {
        let (cap, null) = match out {
            Out::Cap(n) => (usize::from(n), false),
            Out::Large => (4096, false),
            Out::Query => (0, true),
            Out::NullWithCap(n) => (usize::from(n).max(1), true),
        };
        OutBuf {
            buf: vec![0xA5; if null { 0 } else { cap }],
            null,
            cap,
            len: usize::MAX,
            null_len,
        }
    }

    fn ptr(&mut self) -> *mut u8 {
        if self.null {
            core::ptr::null_mut()
        } else {
            self.buf.as_mut_ptr()
        }
    }

    fn len_ptr(&mut self) -> *mut usize {
        if self.null_len {
            core::ptr::null_mut()
        } else {
            &mut self.len
        }
    }

    /// The call is refused before it runs: NULL `out_len`, or NULL `out`
    /// with a non-zero capacity.
    fn refused(&self) -> bool {
        self.null_len || (self.null && self.cap != 0)
    }

    /// The model's buffer: the same capacity.
    fn model(&self) -> Vec<u8> {
        vec![0; if self.null { 0 } else { self.cap }]
    }

    /// The C call wrote what the model's `result` says, in the `snprintf`
    /// way: the bytes and their length, or the length needed.
    fn matches(&self, status: i32, result: Result<usize, Error>, model: &[u8]) {
        match result {
            Ok(n) => {
                assert_eq!(status, OK);
                assert_eq!(self.len, n);
                assert_eq!(&self.buf[..n], &model[..n]);
            }
            Err(Error::BufferTooSmall { needed }) => {
                assert_eq!(status, TOO_SMALL);
                assert_eq!(self.len, needed);
            }
            Err(e) => assert_eq!(status, e.code()),
        }
    }
}

/// An HMAC algorithm value: mostly a known one, sometimes any.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Alg {
    Known(u8),
    Any(u32),
}

impl Alg {
    fn value(self) -> u32 {
        match self {
            Alg::Known(n) => u32::from(n % 6),
            Alg::Any(n) => n,
        }
    }
}

/// The core algorithm of a `JETON_HMAC_*` value (every feature is on in
/// this build).
fn hmac_algorithm(value: u32) -> Option<Algorithm> {
    match value {
        1 => Some(Algorithm::Sha1),
        2 => Some(Algorithm::Sha256),
        3 => Some(Algorithm::Sha384),
        4 => Some(Algorithm::Sha512),
        _ => None,
    }
}

/// A session ID: one of a few well-formed ones, or any bytes.
#[derive(Arbitrary, Debug, Clone)]
enum Id {
    Pool(u8),
    Raw(Vec<u8>),
    Null,
}

/// Well-formed session IDs (43 characters, from 32 bytes), and a 16-byte
/// and a 64-byte one.
fn id_pool() -> Vec<Vec<u8>> {
    let mut ids = Vec::new();
    for (i, n) in [32usize, 32, 32, 32, 32, 32, 16, 64].iter().enumerate() {
        let random: Vec<u8> = (0..*n).map(|j| (i * 37 + j * 11 + 1) as u8).collect();
        let mut out = [0u8; 128];
        let len = jeton::session::id_from_bytes(&random, &mut out).expect("id");
        ids.push(out[..len].to_vec());
    }
    ids
}

impl Id {
    fn bytes<'a>(&'a self, pool: &'a [Vec<u8>]) -> (&'a [u8], *const u8) {
        match self {
            Id::Pool(i) => {
                let id = &pool[usize::from(*i) % pool.len()];
                (id, id.as_ptr())
            }
            Id::Raw(bytes) => (bytes, bytes.as_ptr()),
            Id::Null => (&[], core::ptr::null()),
        }
    }
}

/// A session's user: a few IDs, so that sessions share users.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct User {
    id: u8,
    data: u8,
}

impl User {
    fn get(self) -> jeton_session_user {
        jeton_session_user {
            id: u64::from(self.id % 4),
            data: [self.data; 24],
        }
    }
}

/// A rate limiter key: a few shared ones, or any bytes.
#[derive(Arbitrary, Debug, Clone)]
enum LimKey {
    Pool(u8),
    Raw(Vec<u8>),
    Null,
}

impl LimKey {
    fn bytes(&self) -> (Vec<u8>, bool) {
        match self {
            LimKey::Pool(i) => (format!("10.0.0.{}", i % 8).into_bytes(), false),
            LimKey::Raw(b) => (b.clone(), false),
            LimKey::Null => (Vec::new(), true),
        }
    }
}

/// A `Set-Cookie` header built from parts the jar cares about, or raw.
#[derive(Arbitrary, Debug, Clone)]
enum SetCookieText {
    Parts {
        name: u8,
        value: u8,
        attributes: Vec<(u8, u16)>,
    },
    Raw(Vec<u8>),
}

impl SetCookieText {
    fn bytes(&self) -> Vec<u8> {
        match self {
            SetCookieText::Raw(b) => b.clone(),
            SetCookieText::Parts {
                name,
                value,
                attributes,
            } => {
                let mut s = format!("c{}=v{}", name % 6, value);
                for (kind, n) in attributes.iter().take(6) {
                    let a = match kind % 12 {
                        0 => "Secure".to_owned(),
                        1 => "HttpOnly".to_owned(),
                        2 => format!("Max-Age={}", i32::from(*n as i16)),
                        3 => format!("Path=/{}", ["", "a", "a/b", "b"][usize::from(*n % 4)]),
                        4 => format!(
                            "Domain={}",
                            [
                                "example.org",
                                ".example.org",
                                "a.example.org",
                                "other.net",
                                "org"
                            ][usize::from(*n % 5)]
                        ),
                        5 => format!(
                            "SameSite={}",
                            ["Strict", "Lax", "None", "x"][usize::from(*n % 4)]
                        ),
                        6 => "Expires=Wed, 21 Oct 2015 07:28:00 GMT".to_owned(),
                        7 => "Expires=Fri, 01 Jan 2100 00:00:00 GMT".to_owned(),
                        8 => "Partitioned".to_owned(),
                        9 => format!("Max-Age={n}"),
                        10 => "Path=".to_owned(),
                        _ => format!("x{n}"),
                    };
                    s.push_str("; ");
                    s.push_str(&a);
                }
                s.into_bytes()
            }
        }
    }
}

/// A request URL: a few that match each other's cookies, or raw bytes.
#[derive(Arbitrary, Debug, Clone)]
enum Url {
    Pool(u8),
    Raw(Vec<u8>),
}

impl Url {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Url::Pool(i) => [
                "http://example.org/",
                "https://example.org/a/b",
                "https://a.example.org/a",
                "http://other.net/b",
                "http://localhost:8080/",
                "https://EXAMPLE.org/A",
                "ftp://example.org/",
                "http://[::1]/a",
            ][usize::from(*i % 8)]
            .as_bytes()
            .to_vec(),
            Url::Raw(b) => b.clone(),
        }
    }
}

/// A document: one of the known good ones, one edited by a byte, or raw.
#[derive(Arbitrary, Debug, Clone)]
enum Doc {
    Pick(u8),
    Edit(u8, u16, u8),
    Raw(Vec<u8>),
    Null,
}

impl Doc {
    /// The bytes, NULL-ness, and the index of the document when it was
    /// used unchanged.
    fn bytes(&self, docs: &[&[u8]]) -> (Vec<u8>, bool, Option<usize>) {
        match self {
            Doc::Pick(i) => {
                let i = usize::from(*i) % docs.len();
                (docs[i].to_vec(), false, Some(i))
            }
            Doc::Edit(i, at, byte) => {
                let mut d = docs[usize::from(*i) % docs.len()].to_vec();
                if !d.is_empty() {
                    let at = usize::from(*at) % d.len();
                    d[at] = *byte;
                }
                (d, false, None)
            }
            Doc::Raw(b) => (b.clone(), false, None),
            Doc::Null => (Vec::new(), true, None),
        }
    }
}

/// Public JWKs of tests/vectors/asym-jwt.json with their RFC 7638
/// thumbprints as jose computes them.
const PUBLIC_JWKS: &[(&[u8], &str)] = &[
    (br#"{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1"}"#, "XxcKhXwkzt38GgvYSE6cpHjXD-QjTU6PdRUWjMyBgUo"), // es256
    (br#"{"kty":"OKP","crv":"Ed25519","x":"T470-7GawVp8jqG5hdfJWfssFBNmL9SyCxyinUDHWqA","kid":"ed25519-1"}"#, "wIVPCBGu9gPrt9uA9oyjVf3pAmmNnwtgwLdqe7uT6Bk"), // ed25519
    (br#"{"kty":"RSA","n":"uRrSZ5Q2T9Ncwp8dF6oqazbzT5q4blRM7P_3RjVMNkRfa8Q66x14-sp2IxHPIRMBilpx9twBcMt4bezIMEM-Xte51umyPItzSLDG3btVq23T4FUt0WtSa4GrHkAAYS3VtAWFHw5gyDPWcdkVRSCFXRJMXTrStUnylwSlhlJc1FFN5qoa511wU8NuAr7cOJ6Kzc_HMW3z8-vIMQARkCXIjdM1P8jw8rDdeLmQSrZL9XoBSgBQ62pTITppLxm-4Uuq7qLoQqiHPaNARfxvCjAofNuHqlfx46Ws6_fIKg1lO4lsprxpZQKnQOW06wZxYtSS9GJQEZDbcDbOI6G295HEhQ","e":"AQAB","kid":"0yMy_4yyLyWHA7UQoYNmqY0ms1uaFGIpvyBHUxnajvg"}"#, "0yMy_4yyLyWHA7UQoYNmqY0ms1uaFGIpvyBHUxnajvg"), // rsa2048
    (br#"{"kty":"EC","crv":"P-384","x":"9itwrz8BVHP0IYK6WMmvWSohQZ4r98Mzw9tqB8Wm3oZgJGczAI1abgnQDFLoRmEm","y":"BFf-g06qa9js5hoAfmnbiciv6SYVsmclTswulBlLZzx-6A_iIA1SIhzAKpawSGkn","kid":"es384-1"}"#, "Lqq-2p1uuXAV7vRp1UrGXfCAfg1icd5bUQ98UShT5_4"), // es384
];
/// Private JWKs of the same keys.
const PRIVATE_JWKS: &[(&[u8], &str)] = &[
    (br#"{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","d":"ekhIC2HKSU4zKbiHQWTeqNTCMXnreAm2eI_XfMRJXlw"}"#, "XxcKhXwkzt38GgvYSE6cpHjXD-QjTU6PdRUWjMyBgUo"), // es256
    (br#"{"kty":"OKP","crv":"Ed25519","x":"T470-7GawVp8jqG5hdfJWfssFBNmL9SyCxyinUDHWqA","kid":"ed25519-1","d":"AThc2BE-k_lYWl40K5CJCXxAS_68t3JWED2X4Btdc_Q"}"#, "wIVPCBGu9gPrt9uA9oyjVf3pAmmNnwtgwLdqe7uT6Bk"), // ed25519
];
/// SubjectPublicKeyInfo PEMs of the same keys.
const PUBLIC_PEMS: &[(&[u8], &str)] = &[
    (
        br#"-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETPdlQzNHgLQclc94iy1Ml3wjhq+r
2lgRPYUxZBmC6a0/Sxedo1k5jb4/mf17BTPi3iPiJHyfnOjv4qQHbV30qw==
-----END PUBLIC KEY-----"#,
        "XxcKhXwkzt38GgvYSE6cpHjXD-QjTU6PdRUWjMyBgUo",
    ), // es256
    (
        br#"-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAT470+7GawVp8jqG5hdfJWfssFBNmL9SyCxyinUDHWqA=
-----END PUBLIC KEY-----"#,
        "wIVPCBGu9gPrt9uA9oyjVf3pAmmNnwtgwLdqe7uT6Bk",
    ), // ed25519
    (
        br#"-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuRrSZ5Q2T9Ncwp8dF6oq
azbzT5q4blRM7P/3RjVMNkRfa8Q66x14+sp2IxHPIRMBilpx9twBcMt4bezIMEM+
Xte51umyPItzSLDG3btVq23T4FUt0WtSa4GrHkAAYS3VtAWFHw5gyDPWcdkVRSCF
XRJMXTrStUnylwSlhlJc1FFN5qoa511wU8NuAr7cOJ6Kzc/HMW3z8+vIMQARkCXI
jdM1P8jw8rDdeLmQSrZL9XoBSgBQ62pTITppLxm+4Uuq7qLoQqiHPaNARfxvCjAo
fNuHqlfx46Ws6/fIKg1lO4lsprxpZQKnQOW06wZxYtSS9GJQEZDbcDbOI6G295HE
hQIDAQAB
-----END PUBLIC KEY-----"#,
        "0yMy_4yyLyWHA7UQoYNmqY0ms1uaFGIpvyBHUxnajvg",
    ), // rsa2048
];
/// Private PEMs of the same keys (tests/c/private-pem.json).
const PRIVATE_PEMS: &[(&[u8], &str)] = &[
    (
        br#"-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgekhIC2HKSU4zKbiH
QWTeqNTCMXnreAm2eI/XfMRJXlyhRANCAARM92VDM0eAtByVz3iLLUyXfCOGr6va
WBE9hTFkGYLprT9LF52jWTmNvj+Z/XsFM+LeI+IkfJ+c6O/ipAdtXfSr
-----END PRIVATE KEY-----
"#,
        "XxcKhXwkzt38GgvYSE6cpHjXD-QjTU6PdRUWjMyBgUo",
    ), // es256 pkcs8
    (
        br#"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIAE4XNgRPpP5WFpeNCuQiQl8QEv+vLdyVhA9l+AbXXP0
-----END PRIVATE KEY-----
"#,
        "wIVPCBGu9gPrt9uA9oyjVf3pAmmNnwtgwLdqe7uT6Bk",
    ), // ed25519 pkcs8
    (
        br#"-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHpISAthyklOMym4h0Fk3qjUwjF563gJtniP13zESV5coAoGCCqGSM49
AwEHoUQDQgAETPdlQzNHgLQclc94iy1Ml3wjhq+r2lgRPYUxZBmC6a0/Sxedo1k5
jb4/mf17BTPi3iPiJHyfnOjv4qQHbV30qw==
-----END EC PRIVATE KEY-----
"#,
        "XxcKhXwkzt38GgvYSE6cpHjXD-QjTU6PdRUWjMyBgUo",
    ), // es256 sec1
];
/// JWK Sets of tests/vectors/asym-jwt.json.
const JWK_SETS: &[&[u8]] = &[
    br#"{"keys":[{"kty":"RSA","n":"uRrSZ5Q2T9Ncwp8dF6oqazbzT5q4blRM7P_3RjVMNkRfa8Q66x14-sp2IxHPIRMBilpx9twBcMt4bezIMEM-Xte51umyPItzSLDG3btVq23T4FUt0WtSa4GrHkAAYS3VtAWFHw5gyDPWcdkVRSCFXRJMXTrStUnylwSlhlJc1FFN5qoa511wU8NuAr7cOJ6Kzc_HMW3z8-vIMQARkCXIjdM1P8jw8rDdeLmQSrZL9XoBSgBQ62pTITppLxm-4Uuq7qLoQqiHPaNARfxvCjAofNuHqlfx46Ws6_fIKg1lO4lsprxpZQKnQOW06wZxYtSS9GJQEZDbcDbOI6G295HEhQ","e":"AQAB","kid":"0yMy_4yyLyWHA7UQoYNmqY0ms1uaFGIpvyBHUxnajvg","alg":"RS256","use":"sig"},{"kty":"RSA","n":"vLGfNWDx26RI3cpib4HMED8tqoD3EKC0pnmbgp-tpEY2Usj9TSq5VtYjk1E3chihVjL9iiCeGS2sYfqjIvN6Lx5gbk4GGaMM2Py47qCrFFiEGserdVjpl-qQuP0No-b_5S0ktfiqCpXIR-5kvym4JwBsTp61cYQ4AXJhZzarmy5xRiq31gtakz5zhlFQixMaNWzaSoxXFcNF7QAJAZqWt_Tswe4n5xikmAwyklbtylNoHpFLkfpuHcP8RvMQ4G0WCM6AikDZzcSFPGq-N3wK2wNXiFhKD6V9FhqlE3qmxnffcN2m9b-lujdyMX3X3Axt2_AhfXXo04Hlp3W5SygRUp5DAUGeJROvuMFEw_d8N6FZTcxOXpo8a7qjG1LOjJVb8RaZvBGAQjRiUXXi3iBtkTueVVEbF1xW8ejum2mOl79aHv4BPz2rvucxsl6zHCvdN2KJk2InvXT_tgOycodhtXu7JT98LZ-fBhL2jHQzDwaZ21hilq3etpfZIGuRcGZ3","e":"AQAB","kid":"rsa3072-1","alg":"PS256","use":"sig"},{"kty":"RSA","n":"-gRNcQyoXnW8R_TrmOnvT3VdaZVnNyhGyyg5FP5KghfzcyCyirMJzy50RqjmZuj7cf3YKkIrw5UJmPFqXhcKzgzSXBOSXT_NPvbF215hxloH2LMYUbFfM_6ADS--feLzbVAlGPKXEiRcbzQYgaUzu9m3GbwPQsHdkiA0pHQGKN9upKzsbc21n-G_74s282oqCyCACpNtYx-Yt1qeXpUuLfDExCSrrUrdO5zuAAC6tLa16GHsPDMLfRUYJB5bnzrelE5mNBnCZEKqnOZIcCu85kaPz1GcCdbKyfdRGzk-cn-0UVysj8ikwUUuiqpQktJ-C2qM-kECqNh4PFmDAVj9VHqUYKTOiwvTMJzDoYsqvrVM3oxSWgCOdLTldh95Zwc7nE5pDAQPh-Azqqs9TTbPCHA4kr5SJzVsjFFMe43WO8GpMV5lr-6q1jLc0ge7lmcS4yVrm8eWwcN2ebqkPNVOpaqbiXx7nMEMPScFs_Q6cUrmV2Wwbi3NEzVOGl5d-c6NzXeHIW_Dthv_vCE8185pgRJkaarqAW24Tb37SdGoW310ktHlhfw_LZH2ggU1qas_rFPGb4h9QHzunwFLgzxvbYh2Z9RF8QGtdMM0JtbHXwAqpZ9P4KG9-Q_sHv7hQjjq51KmrA9M8IR4sOzsMFG5h5Oj6xJAqSUkS-jldqWQ7GU","e":"AQAB","kid":"rsa4096-1","use":"sig"},{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","alg":"ES256","use":"sig"},{"kty":"EC","crv":"P-384","x":"9itwrz8BVHP0IYK6WMmvWSohQZ4r98Mzw9tqB8Wm3oZgJGczAI1abgnQDFLoRmEm","y":"BFf-g06qa9js5hoAfmnbiciv6SYVsmclTswulBlLZzx-6A_iIA1SIhzAKpawSGkn","kid":"es384-1","alg":"ES384","use":"sig"},{"kty":"OKP","crv":"Ed25519","x":"T470-7GawVp8jqG5hdfJWfssFBNmL9SyCxyinUDHWqA","kid":"ed25519-1","alg":"EdDSA","use":"sig"},{"kty":"OKP","crv":"X25519","x":"Z0_SOBv7UW0EEB8ZCWk5TNRD4gjVyzwuegxaaJYXYVE","kid":"x25519-1"},{"kty":"FOO","kid":"unknown-kty","x":"AAAA"},{"kty":"EC","crv":"P-256","x":"3Z2ItMhPaMWvWYCs_8uAbsEQSiR9Tag5fN-kABhyX1g","y":"rM7Kd-Gja3eebtmPqM0YCoLVzPXLu5j0Lj3MjVTDH-o","kid":"p256-enc","use":"enc"},{"kty":"RSA","n":"kC96po9Ch2K1worLYKcXl6N6WUqgoVpaLER4QOFHjsKXiXw19anBHfND6jta72ybUndHUgmgKTo9iz-ieGs8mpvK09J3d-vP1izN7u77TaqCAN6kkGNWLSz9lX0BSKDB7VCJA2SoYYjxpUz4XHyE7eMXug_tQK0ZSVqPqedOJ9i-zowt-dgaUd0TumlirVsznsPG-anzDmpweLFFLPuhvn0nZ4ZGkTalBf4pEm2dx9Rriy8YqL8G4bkKwR33irEpv5B6OZg4Uwa4guzWeMG9WBpxnWj8sTlvvVcPwGAyVtqcHHetfIwfhv1T2LTiYQvXMlwCgzhRjGYCGSBLF011KQ","e":"AQAB","kid":"rsa-keyops","key_ops":["encrypt"]}]}"#, // provider
    br#"{"keys":[{"kty":"oct","kid":"hmac-1","alg":"HS256","k":"YSAzMi1ieXRlIHNlY3JldCBmb3IgaW50ZXJvcC4uLi4"},{"kty":"EC","crv":"P-521","x":"APOSiEClaPxGfl4jK748fdaLNXOCRK0lrXUeFk-iqrvYRQsLNbHehzcULioF0oSLWgmR9uQ8a4jbyzECTsBvIaYC","y":"AUitI6pm71brNco2vPDyZKkfXLJTK57SqewfHsA7LSbSJ-SESA6BLe1T0XvaHQ_pQxtGrxrFpZwP7aIRMXmzCZM-","kid":"es512-1","alg":"ES512","use":"sig"},{"kty":"EC","crv":"P-256","x":"s8tEKnKnNos4kuG4g2RryWq0NSXqlOAZ9JVucGRavM0","y":"u--DlBYpvuzqc3zLAuTu0UCNB-lp9y6oEF6GYeIanzA","kid":"p256-alg-es384","alg":"ES384"},{"kty":"RSA","n":"uRrSZ5Q2T9Ncwp8dF6oqazbzT5q4blRM7P_3RjVMNkRfa8Q66x14-sp2IxHPIRMBilpx9twBcMt4bezIMEM-Xte51umyPItzSLDG3btVq23T4FUt0WtSa4GrHkAAYS3VtAWFHw5gyDPWcdkVRSCFXRJMXTrStUnylwSlhlJc1FFN5qoa511wU8NuAr7cOJ6Kzc_HMW3z8-vIMQARkCXIjdM1P8jw8rDdeLmQSrZL9XoBSgBQ62pTITppLxm-4Uuq7qLoQqiHPaNARfxvCjAofNuHqlfx46Ws6_fIKg1lO4lsprxpZQKnQOW06wZxYtSS9GJQEZDbcDbOI6G295HEhQ","e":"AQAB","kid":"rsa-oaep","alg":"RSA-OAEP"},{"kty":"RSA","n":"6jLwMA1WRs0G2-6c0oYvA3b8OKyMCBRo8irFSXbgWI9cpaeYX9vud63oLn4MgyI0CY2-6-rthBCZJhsNs7t9YngkGugu3YZRl85MAcSIdm5_SWPd8EEYKkFg39ph1srFhNew037svRehxS1lQTMV9HQWw0SrevUw8uhpRXmAbqU","e":"AQAB","kid":"rsa1024-1","alg":"RS256","use":"sig"},{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","alg":"ES256","use":"sig"}]}"#, // mixed
    br#"{"keys":[{"kty":"EC","crv":"P-256","x":"xyYsLcWcWZRmMA3bVumeg5Os0PYMCnv5pyZ-KE2IA4Y","y":"JL3HRAVTv9tKGomy2wzRCUO8Kq0RCFef7j9ZiopT9KE"},{"kty":"OKP","crv":"Ed25519","x":"vDtU3oo8k6TPKqHMMWi_T2XaAX4J-vZucHzrU8F-HFQ"},{"kty":"RSA","n":"v_YIpUaJu10Rkvf5j1cPi2JRz3zkctJ6QbtLJ3L9oCnR60_-QlZFH7zR_FWzOkBi3UbsGugq9PzPL-XMpof-Op_Z44T2KRAIzAv_cmkIKVtEHBb3HieazH2_LJr2UcxqbZZDWYpZMVeARma_hieuTB1hv4t5Hk_ADhGbIyICJr0lD4jGc_LwTEpy8U1HoeyHmxTbBMX9h2VVNTi2fUYJX-suO0hE81vo3c8woCSS-Kc5IYJ1HVd5mU4fyELyf3eeXIn5j7zxGewzEppm7eqpfZSVcQXACS1pRK8WC4hJJbOkB-vNp6M8G-FJ29cdB9Yei28ybcCNIoJ6rmq_f3QedQ","e":"AQAB"}]}"#, // no-kid
    br#"{"keys":[{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"dup","alg":"ES256","use":"sig"},{"kty":"EC","crv":"P-256","x":"s8tEKnKnNos4kuG4g2RryWq0NSXqlOAZ9JVucGRavM0","y":"u--DlBYpvuzqc3zLAuTu0UCNB-lp9y6oEF6GYeIanzA","kid":"dup","alg":"ES256","use":"sig"}]}"#, // duplicate-kid
    br#"{"keys":[{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","d":"ekhIC2HKSU4zKbiHQWTeqNTCMXnreAm2eI_XfMRJXlw","alg":"ES256","use":"sig"},{"kty":"OKP","crv":"Ed25519","x":"T470-7GawVp8jqG5hdfJWfssFBNmL9SyCxyinUDHWqA","kid":"ed25519-1","alg":"EdDSA","use":"sig"}]}"#, // private-member
    br#"{"keys":[]}"#, // empty
    br#"{"keys":["not a key",{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","alg":"ES256"}]}"#, // malformed-key-not-object
];

/// RFC 8628 device authorization responses and token endpoint answers.
const DEVICE_BODIES: &[&[u8]] = &[
    br#"{"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT","verification_uri":"https://example.com/device","expires_in":1800,"interval":5}"#,
    br#"{"device_code":"d","user_code":"u","verification_uri":"https://e.example/d","expires_in":30}"#,
    br#"{"device_code":"d","user_code":"u","verification_uri":"https://e.example/d","expires_in":600,"interval":400}"#,
    br#"{"device_code":"d","user_code":"u","verification_uri":"https://e.example/d","verification_uri_complete":"https://e.example/d?c=u","expires_in":18446744073709551615,"interval":0}"#,
];
const TOKEN_BODIES: &[&[u8]] = &[
    br#"{"error":"authorization_pending"}"#,
    br#"{"error":"slow_down"}"#,
    br#"{"error":"expired_token"}"#,
    br#"{"error":"access_denied","error_description":"no"}"#,
    br#"{"error":"invalid_grant"}"#,
    br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"openid a\u0062c"}"#,
    br#"{"access_token":"x","token_type":"DPoP"}"#,
];

/// The source an entropy callback draws from.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum EntropyKind {
    /// Bytes of the input, cycled.
    Fuzz,
    /// Answers this status without writing (a non-zero one).
    Fail(i32),
    /// Writes zeros and answers `JETON_OK`.
    Zeros,
    /// Writes nothing and answers `JETON_OK`.
    Nothing,
    /// No callback at all.
    Null,
}

/// What the `Fuzz` callback draws from.
#[derive(Clone)]
struct Source {
    bytes: Vec<u8>,
    pos: usize,
    status: i32,
}

impl Source {
    fn next(&mut self) -> u8 {
        if self.bytes.is_empty() {
            return 0;
        }
        let b = self.bytes[self.pos % self.bytes.len()];
        self.pos += 1;
        b
    }
}

/// Fills from the input's bytes.
unsafe extern "C" fn fill_fuzz(ctx: *mut c_void, buf: *mut u8, len: usize) -> i32 {
    // SAFETY: `ctx` is the `Source` passed with this callback, and `buf`
    // is writable for `len` bytes (the library's contract).
    unsafe {
        let source = &mut *ctx.cast::<Source>();
        for i in 0..len {
            buf.add(i).write(source.next());
        }
    }
    OK
}

/// Fails with the status of its `Source`.
unsafe extern "C" fn fill_fail(ctx: *mut c_void, _buf: *mut u8, _len: usize) -> i32 {
    // SAFETY: `ctx` is the `Source` passed with this callback.
    unsafe { (*ctx.cast::<Source>()).status }
}

/// Writes zeros: a broken source.
unsafe extern "C" fn fill_zeros(_ctx: *mut c_void, buf: *mut u8, len: usize) -> i32 {
    // SAFETY: `buf` is writable for `len` bytes.
    unsafe { core::ptr::write_bytes(buf, 0, len) };
    OK
}

/// Writes nothing yet says it did.
unsafe extern "C" fn fill_nothing(_ctx: *mut c_void, _buf: *mut u8, _len: usize) -> i32 {
    OK
}

// ---------------------------------------------------------------------
// The operations.

/// The object an operation on any object is about.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Obj {
    Key,
    Ring,
    Store,
    Revocation,
    Limiter,
    Jar,
    Poller,
    KeySet,
    Jwks,
}

#[derive(Arbitrary, Debug)]
enum Op {
    /// `_clear` on any object (also one never initialized).
    Clear(Obj),
    /// Overwrites bytes at the start (`tail == false`) or end of an object
    /// as `malloc` reuse would, calls a function on it, and maybe puts
    /// the bytes back.
    Scribble {
        obj: Obj,
        tail: bool,
        at: u8,
        bytes: Vec<u8>,
        restore: bool,
    },
    /// Copies an object with `memcpy`: the copy answers as the original;
    /// clearing the copy leaves the original as it was.
    Copy(Obj),

    KeyInit {
        alg: Alg,
        secret: Bytes,
    },
    KeyInitBase64 {
        alg: Alg,
        text: Bytes,
    },
    KeyAlgorithm {
        null_out: bool,
    },
    KeySign {
        data: Bytes,
        out: Out,
        null_len: bool,
    },
    KeyVerify {
        data: Bytes,
        tag: Bytes,
        good: bool,
    },

    RingInit,
    RingPush {
        null_key: bool,
    },
    RingRotateIn {
        null_key: bool,
    },
    RingLen {
        null_out: bool,
    },
    RingSign {
        data: Bytes,
        out: Out,
        null_len: bool,
    },
    RingVerify {
        data: Bytes,
        tag: Bytes,
        good: bool,
        null_index: bool,
    },

    IdGenerate {
        kind: EntropyKind,
        bytes: Vec<u8>,
        out: Out,
        null_len: bool,
    },
    IdFromBytes {
        random: Bytes,
        out: Out,
        null_len: bool,
    },
    IdValidate {
        id: Id,
    },

    StoreInit {
        ttl: Num,
        absolute: Num,
    },
    StoreCreate {
        id: Id,
        user: User,
        now: Now,
        null_user: bool,
        null_out: bool,
    },
    StoreCreateCapped {
        id: Id,
        user: User,
        now: Now,
        max: u8,
        evicted_cap: u8,
        null_evicted: bool,
    },
    StoreLookup {
        id: Id,
        now: Now,
        null_out: bool,
    },
    StoreTouch {
        id: Id,
        now: Now,
    },
    StoreRotate {
        old: Id,
        new: Id,
        now: Now,
    },
    StoreRotateUser {
        old: Id,
        new: Id,
        user: User,
        now: Now,
    },
    StoreRevoke {
        id: Id,
    },
    StoreRevokeUser {
        user: u8,
        null_out: bool,
    },
    StorePurge {
        now: Now,
        null_out: bool,
    },
    StoreLen {
        null_out: bool,
    },

    RevInit,
    RevRevoke {
        jti: Bytes,
        exp: Exp,
        now: Now,
    },
    RevContains {
        jti: Bytes,
        now: Now,
        null_out: bool,
    },
    RevPurge {
        now: Now,
        null_out: bool,
    },
    RevLeeway {
        seconds: Num,
    },
    RevLen {
        null_out: bool,
    },
    /// Revokes a token signed here and verified through the C ABI.
    RevRevokeToken {
        jti: String,
        exp: Exp,
        now: Now,
    },
    /// Revokes with a `jeton_jwt_verified` the caller filled with garbage
    /// (on a copy of the list).
    RevRevokeForged {
        claims: Vec<u8>,
        index: Vec<u16>,
        flags: u32,
        exp: i64,
        now: Now,
    },

    LimInit {
        burst: Num,
        period: Num,
    },
    LimCheck {
        key: LimKey,
        now: Now,
        null_remaining: bool,
        null_retry: bool,
    },
    LimPeek {
        key: LimKey,
        now: Now,
        null_remaining: bool,
        null_retry: bool,
    },
    LimForget {
        key: LimKey,
        null_out: bool,
    },
    LimPurge {
        now: Now,
        null_out: bool,
    },
    LimLen {
        null_out: bool,
    },

    JarInit,
    JarStore {
        cookie: SetCookieText,
        url: Url,
        now: Now,
        null_out: bool,
        /// Through `jeton_cookie_jar_store_with_suffix_test`: `Some(false)`
        /// with a NULL callback, `Some(true)` with `uk_suffixes`.
        suffix_test: Option<bool>,
    },
    JarHeader {
        url: Url,
        now: Now,
        out: Out,
        null_len: bool,
    },
    JarLen {
        null_out: bool,
    },
    JarGet {
        index: u8,
        null_out: bool,
    },
    JarRemove {
        name: u8,
        domain: u8,
        path: u8,
        raw: Option<Vec<u8>>,
    },
    JarPurge {
        now: Now,
        null_out: bool,
    },
    JarEndSession,

    PollInit {
        body: Doc,
        now: Now,
    },
    PollInfo {
        null_out: bool,
    },
    PollWait {
        now: Now,
        null_out: bool,
    },
    PollOnResponse {
        body: Doc,
        now: Now,
        out: Out,
        null_len: bool,
    },
    PollOnNoResponse {
        now: Now,
        null_out: bool,
    },

    SetInit,
    SetAdd {
        alg: u8,
        secret: Bytes,
        kid: Option<Vec<u8>>,
        legacy: bool,
    },
    SetAddHmacKey {
        kid: Option<Vec<u8>>,
    },
    SetAddJwk {
        doc: Doc,
        private: bool,
    },
    SetAddPem {
        doc: Doc,
        private: bool,
        kid: Option<Vec<u8>>,
    },
    SetAddJwks {
        doc: Doc,
        null_summary: bool,
    },
    SetKeyInfo {
        index: u8,
        null_out: bool,
    },
    SetThumbprint {
        index: u8,
        out: Out,
        null_len: bool,
    },
    SetLen {
        null_out: bool,
    },

    JwksInit,
    JwksLoad {
        doc: Doc,
        null_summary: bool,
    },
    JwksKeyInfo {
        index: u8,
        null_out: bool,
    },
    JwksLen {
        null_out: bool,
    },
}

/// What the fuzzer chooses: which objects start uninitialized, and the
/// operations run on them.
#[derive(Arbitrary, Debug)]
pub struct Input {
    /// Objects left uninitialized at the start, one bit each (in the
    /// order of `Obj`); the others start initialized, so that short
    /// inputs reach deep states.
    uninit: u16,
    ops: Vec<Op>,
}

// ---------------------------------------------------------------------
// The objects and their models.

/// Zeroed heap storage of a C object type.
fn zeroed<T>() -> Box<MaybeUninit<T>> {
    Box::new_zeroed()
}

/// The key set's model: per key, its thumbprint when it came from a known
/// document unchanged (RFC 7638, as jose computes it).
type SetModel = Vec<Option<&'static str>>;

struct World {
    key: Box<MaybeUninit<jeton_hmac_key>>,
    key_m: Option<HmacKey>,
    ring: Box<MaybeUninit<jeton_key_ring>>,
    ring_m: Option<KeyRing<JETON_KEY_RING_CAPACITY>>,
    store: Box<MaybeUninit<jeton_session_store>>,
    store_m: Option<Box<SessionStore<jeton_session_user, JETON_SESSION_STORE_CAPACITY>>>,
    rev: Box<MaybeUninit<jeton_revocation_list>>,
    rev_m: Option<Box<RevocationList<JETON_REVOCATION_LIST_CAPACITY>>>,
    lim: Box<MaybeUninit<jeton_rate_limiter>>,
    lim_m: Option<Box<RateLimiter<JETON_RATE_LIMITER_CAPACITY>>>,
    jar: Box<MaybeUninit<jeton_cookie_jar>>,
    jar_m: Option<Box<CookieJar<JETON_COOKIE_JAR_CAPACITY, JETON_COOKIE_JAR_BYTES>>>,
    poller: Box<MaybeUninit<jeton_oauth_device_poller>>,
    poller_m: Option<DevicePoller>,
    set: Box<MaybeUninit<jeton_jwt_key_set>>,
    set_m: Option<SetModel>,
    jwks: Box<MaybeUninit<jeton_jwks>>,
    jwks_m: Option<usize>,
    /// A key set of its own, holding the HS256 key tokens are signed with.
    token_keys: Box<MaybeUninit<jeton_jwt_key_set>>,
    clock: i64,
    ids: Vec<Vec<u8>>,
}

/// The secret of the tokens `RevRevokeToken` signs.
const TOKEN_SECRET: &[u8] = b"a revocation test secret of 32+ bytes";

impl World {
    fn new() -> World {
        let mut w = World {
            key: zeroed(),
            key_m: None,
            ring: zeroed(),
            ring_m: None,
            store: zeroed(),
            store_m: None,
            rev: zeroed(),
            rev_m: None,
            lim: zeroed(),
            lim_m: None,
            jar: zeroed(),
            jar_m: None,
            poller: zeroed(),
            poller_m: None,
            set: zeroed(),
            set_m: None,
            jwks: zeroed(),
            jwks_m: None,
            token_keys: zeroed(),
            clock: 1_700_000_000,
            ids: id_pool(),
        };
        // SAFETY: zeroed storage of its own type; the secret is readable.
        unsafe {
            assert_eq!(jwt::jeton_jwt_key_set_init(w.token_keys.as_mut_ptr()), OK);
            assert_eq!(
                jwt::jeton_jwt_key_set_add(
                    w.token_keys.as_mut_ptr(),
                    jwt::JETON_JWT_HS256,
                    TOKEN_SECRET.as_ptr(),
                    TOKEN_SECRET.len(),
                    core::ptr::null(),
                    0,
                ),
                OK
            );
        }
        w
    }

    fn now(&mut self, now: Now) -> i64 {
        match now {
            Now::Step(d) => {
                self.clock = self.clock.saturating_add(i64::from(d));
                self.clock
            }
            Now::Tick => {
                self.clock = self.clock.saturating_add(1);
                self.clock
            }
            Now::Same => self.clock,
            Now::Any(t) => t,
        }
    }

    /// The storage of `obj`: its address and size.
    fn storage(&mut self, obj: Obj) -> (*mut u8, usize) {
        fn raw<T>(b: &mut Box<MaybeUninit<T>>) -> (*mut u8, usize) {
            (b.as_mut_ptr().cast(), size_of::<T>())
        }
        match obj {
            Obj::Key => raw(&mut self.key),
            Obj::Ring => raw(&mut self.ring),
            Obj::Store => raw(&mut self.store),
            Obj::Revocation => raw(&mut self.rev),
            Obj::Limiter => raw(&mut self.lim),
            Obj::Jar => raw(&mut self.jar),
            Obj::Poller => raw(&mut self.poller),
            Obj::KeySet => raw(&mut self.set),
            Obj::Jwks => raw(&mut self.jwks),
        }
    }

    /// Forgets `obj`'s model: the C object holds no value any more.
    fn forget(&mut self, obj: Obj) {
        match obj {
            Obj::Key => self.key_m = None,
            Obj::Ring => self.ring_m = None,
            Obj::Store => self.store_m = None,
            Obj::Revocation => self.rev_m = None,
            Obj::Limiter => self.lim_m = None,
            Obj::Jar => self.jar_m = None,
            Obj::Poller => self.poller_m = None,
            Obj::KeySet => self.set_m = None,
            Obj::Jwks => self.jwks_m = None,
        }
    }

    /// What the model says a read-only query of `obj` answers.
    fn expected_probe(&self, obj: Obj) -> (i32, u64) {
        let n = |n: usize| (OK, n as u64);
        match obj {
            Obj::Key => self.key_m.as_ref().map_or((NOT_INITIALIZED, 0), |k| {
                (OK, u64::from(alg_value(k.algorithm())))
            }),
            Obj::Ring => self
                .ring_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |r| n(r.len())),
            Obj::Store => self
                .store_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |s| n(s.len())),
            Obj::Revocation => self
                .rev_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |l| n(l.len())),
            Obj::Limiter => self
                .lim_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |l| n(l.len())),
            Obj::Jar => self
                .jar_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |j| n(j.len())),
            Obj::Poller => self.poller_m.as_ref().map_or((NOT_INITIALIZED, 0), |p| {
                (
                    OK,
                    poll_digest(p.interval(), p.expires_at(), p.next_poll_at()),
                )
            }),
            Obj::KeySet => self
                .set_m
                .as_ref()
                .map_or((NOT_INITIALIZED, 0), |s| n(s.len())),
            Obj::Jwks => self.jwks_m.map_or((NOT_INITIALIZED, 0), n),
        }
    }
}

/// The C value of a core HMAC algorithm.
fn alg_value(a: Algorithm) -> u32 {
    match a {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha384 => 3,
        Algorithm::Sha512 => 4,
    }
}

/// One number for a poller's state.
fn poll_digest(interval: u64, expires_at: i64, next_poll_at: i64) -> u64 {
    interval
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((expires_at as u64).rotate_left(21))
        .wrapping_add((next_poll_at as u64).rotate_left(42))
}

/// A read-only query of the object at `ptr` (of type `obj`): the status
/// and the value read.
///
/// # Safety
///
/// `ptr` points to storage of `obj`'s C type.
unsafe fn probe(obj: Obj, ptr: *mut u8) -> (i32, u64) {
    let mut count = usize::MAX;
    // SAFETY: the caller's contract; every output is a local.
    unsafe {
        let s = match obj {
            Obj::Key => {
                let mut a = u32::MAX;
                let s = mac::jeton_hmac_key_algorithm(ptr.cast(), &mut a);
                return (named(s), if s == OK { u64::from(a) } else { 0 });
            }
            Obj::Poller => {
                let mut info = jeton_oauth_device_poll_info::default();
                let s = oauth::jeton_oauth_device_poller_info(ptr.cast(), &mut info);
                let d = poll_digest(info.interval, info.expires_at, info.next_poll_at);
                return (named(s), if s == OK { d } else { 0 });
            }
            Obj::Ring => mac::jeton_key_ring_len(ptr.cast(), &mut count),
            Obj::Store => session::jeton_session_store_len(ptr.cast(), &mut count),
            Obj::Revocation => revocation::jeton_revocation_list_len(ptr.cast(), &mut count),
            Obj::Limiter => limit::jeton_rate_limiter_len(ptr.cast(), &mut count),
            Obj::Jar => jar::jeton_cookie_jar_len(ptr.cast(), &mut count),
            Obj::KeySet => jwt::jeton_jwt_key_set_len(ptr.cast(), &mut count),
            Obj::Jwks => jwt::jeton_jwks_len(ptr.cast(), &mut count),
        };
        (named(s), if s == OK { count as u64 } else { 0 })
    }
}

/// `_clear` of the object at `ptr` (of type `obj`).
///
/// # Safety
///
/// `ptr` points to storage of `obj`'s C type.
unsafe fn clear(obj: Obj, ptr: *mut u8) -> i32 {
    // SAFETY: the caller's contract.
    unsafe {
        named(match obj {
            Obj::Key => mac::jeton_hmac_key_clear(ptr.cast()),
            Obj::Ring => mac::jeton_key_ring_clear(ptr.cast()),
            Obj::Store => session::jeton_session_store_clear(ptr.cast()),
            Obj::Revocation => revocation::jeton_revocation_list_clear(ptr.cast()),
            Obj::Limiter => limit::jeton_rate_limiter_clear(ptr.cast()),
            Obj::Jar => jar::jeton_cookie_jar_clear(ptr.cast()),
            // The poller holds nothing to clear: the C API has no
            // `_clear` for it, and zeroing is what a caller does.
            Obj::Poller => {
                core::ptr::write_bytes(ptr, 0, size_of::<jeton_oauth_device_poller>());
                OK
            }
            Obj::KeySet => jwt::jeton_jwt_key_set_clear(ptr.cast()),
            Obj::Jwks => jwt::jeton_jwks_clear(ptr.cast()),
        })
    }
}

/// The session the C call wrote equals the model's.
fn same_session(c: &jeton_session, m: &Session<jeton_session_user>) {
    assert_eq!(c.user, m.user);
    assert_eq!(c.created, m.created);
    assert_eq!(c.expires, m.expires);
}

/// A cookie jar entry the C call wrote (status `s`) against the model's
/// cookie at the same index.
fn same_entry(
    s: i32,
    entry: &MaybeUninit<jeton_cookie_jar_entry>,
    c: Option<jeton::cookie::JarCookie<'_>>,
) {
    let Some(c) = c else {
        return assert_eq!(s, DONE);
    };
    assert_eq!(s, OK);
    // SAFETY: written on success; its views point into the jar, which is
    // not changed meanwhile.
    unsafe {
        let e = entry.assume_init_ref();
        assert_eq!(view(e.name), c.name);
        assert_eq!(view(e.value), c.value);
        assert_eq!(view(e.domain), c.domain);
        assert_eq!(view(e.path), c.path);
        assert_eq!(e.expiry, c.expiry.unwrap_or(0));
        let bit = |on: bool, b: u32| if on { b } else { 0 };
        let flags = bit(c.secure, JETON_COOKIE_SECURE)
            | bit(c.http_only, JETON_COOKIE_HTTP_ONLY)
            | bit(c.host_only, JETON_COOKIE_HOST_ONLY)
            | bit(c.expiry.is_some(), JETON_COOKIE_HAS_EXPIRY);
        assert_eq!(e.flags, flags);
    }
}

/// A rate limiter's answer against the model's decision.
fn same_decision(s: i32, remaining: u32, retry: u64, d: Decision) {
    match d {
        Decision::Allowed { remaining: r } => {
            assert_eq!(s, OK);
            assert_eq!(remaining, r);
        }
        Decision::Limited { retry_after } => {
            assert_eq!(s, Error::RateLimited.code());
            assert_eq!(retry, retry_after);
        }
    }
}

/// The bytes a `jeton_bytes` view points to.
///
/// # Safety
///
/// The view is valid.
unsafe fn view<'a>(b: jeton_ffi::jeton_bytes) -> &'a [u8] {
    if b.len == 0 {
        return &[];
    }
    // SAFETY: the caller's contract.
    unsafe { core::slice::from_raw_parts(b.ptr, b.len) }
}

/// A kid argument: `(NULL, 0)` when absent.
fn kid_args(kid: &Option<Vec<u8>>) -> (*const u8, usize) {
    match kid {
        Some(k) => (k.as_ptr(), k.len()),
        None => (core::ptr::null(), 0),
    }
}

/// A two-entry public suffix list, as a caller's list would answer:
/// single labels, `co.uk` and `github.io`.
fn is_uk_suffix(domain: &[u8]) -> bool {
    !domain.contains(&b'.')
        || domain.eq_ignore_ascii_case(b"co.uk")
        || domain.eq_ignore_ascii_case(b"github.io")
}

/// `is_uk_suffix` as the C callback of
/// `jeton_cookie_jar_store_with_suffix_test`; counts its calls in `ctx`.
unsafe extern "C" fn uk_suffixes(
    ctx: *mut core::ffi::c_void,
    domain: *const u8,
    len: usize,
) -> bool {
    // SAFETY: jeton passes the counter given with the callback, and a
    // domain readable for `len` bytes.
    unsafe {
        *ctx.cast::<usize>() += 1;
        is_uk_suffix(core::slice::from_raw_parts(domain, len))
    }
}

/// One input of the target.
pub fn fuzz(input: Input) {
    let mut w = World::new();
    let start = [
        Op::KeyInit {
            alg: Alg::Known(2),
            secret: Bytes {
                data: b"a key ring secret".to_vec(),
                null: false,
            },
        },
        Op::RingInit,
        Op::StoreInit {
            ttl: Num::Mid(600),
            absolute: Num::Mid(3600),
        },
        Op::RevInit,
        Op::LimInit {
            burst: Num::Small(3),
            period: Num::Small(60),
        },
        Op::JarInit,
        Op::PollInit {
            body: Doc::Pick(0),
            now: Now::Same,
        },
        Op::SetInit,
        Op::JwksInit,
    ];
    for (i, op) in start.iter().enumerate() {
        if input.uninit & (1 << i) == 0 {
            // SAFETY: as below.
            unsafe { run(&mut w, op) };
        }
    }
    if input.uninit & (1 << 9) == 0 {
        // The key in the ring too.
        // SAFETY: as below.
        unsafe { run(&mut w, &Op::RingPush { null_key: false }) };
    }
    for op in input.ops.iter().take(96) {
        // SAFETY: every pointer passed below is NULL or valid for the
        // length passed with it, and every object is storage of its own
        // type that nothing else uses meanwhile.
        unsafe {
            run(&mut w, op);
            sweep(&mut w);
        }
    }
    // Every object cleared at the end (the copies are cleared as made).
    for obj in [
        Obj::Key,
        Obj::Ring,
        Obj::Store,
        Obj::Revocation,
        Obj::Limiter,
        Obj::Jar,
        Obj::Poller,
        Obj::KeySet,
        Obj::Jwks,
    ] {
        let (ptr, _) = w.storage(obj);
        // SAFETY: storage of `obj`'s type.
        unsafe {
            assert_eq!(clear(obj, ptr), OK);
            assert_eq!(probe(obj, ptr).0, NOT_INITIALIZED);
        }
    }
    // SAFETY: as above.
    unsafe { assert_eq!(jwt::jeton_jwt_key_set_clear(w.token_keys.as_mut_ptr()), OK) };
}

/// Runs one operation on the C objects and on their models.
///
/// # Safety
///
/// Only called with the world's own storage.
unsafe fn run(w: &mut World, op: &Op) {
    // SAFETY: the function's contract; each block passes locals or the
    // world's storage.
    unsafe {
        match op {
            Op::Clear(obj) => {
                let (ptr, _) = w.storage(*obj);
                assert_eq!(clear(*obj, ptr), OK);
                w.forget(*obj);
                assert_eq!(probe(*obj, ptr), (NOT_INITIALIZED, 0));
                // Twice is harmless.
                assert_eq!(clear(*obj, ptr), OK);
            }
            Op::Scribble {
                obj,
                tail,
                at,
                bytes,
                restore,
            } => scribble(w, *obj, *tail, *at, bytes, *restore),
            Op::Copy(obj) => copy(w, *obj),

            Op::KeyInit { alg, secret } | Op::KeyInitBase64 { alg, text: secret } => {
                let base64 = matches!(op, Op::KeyInitBase64 { .. });
                let alg = alg.value();
                let init = if base64 {
                    mac::jeton_hmac_key_init_base64
                } else {
                    mac::jeton_hmac_key_init
                };
                let s = named(init(
                    w.key.as_mut_ptr(),
                    alg,
                    secret.ptr(),
                    secret.data.len(),
                ));
                if secret.null {
                    assert_eq!(s, NULL);
                    return;
                }
                let Some(a) = hmac_algorithm(alg) else {
                    assert_eq!(s, INVALID);
                    return;
                };
                let model = if base64 {
                    HmacKey::from_base64(a, &secret.data)
                } else {
                    Ok(HmacKey::new(a, &secret.data))
                };
                assert_eq!(s, code(&model));
                // On error the key is untouched.
                if let Ok(k) = model {
                    w.key_m = Some(k);
                }
            }
            Op::KeyAlgorithm { null_out } => {
                let mut a = u32::MAX;
                let out = if *null_out {
                    core::ptr::null_mut()
                } else {
                    &mut a
                };
                let s = named(mac::jeton_hmac_key_algorithm(w.key.as_ptr(), out));
                let Some(k) = &w.key_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    assert_eq!(s, NULL);
                } else {
                    assert_eq!(s, OK);
                    assert_eq!(a, alg_value(k.algorithm()));
                }
            }
            Op::KeySign {
                data,
                out,
                null_len,
            } => {
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(mac::jeton_hmac_key_sign(
                    w.key.as_ptr(),
                    data.ptr(),
                    data.data.len(),
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                let Some(k) = &w.key_m else {
                    return refused(s, data.null || o.refused());
                };
                if data.null || o.refused() {
                    return assert_eq!(s, NULL);
                }
                let mut m = o.model();
                o.matches(s, k.sign_into(&data.data, &mut m), &m);
                if s == OK {
                    // The tag verifies through the C ABI too.
                    let v = mac::jeton_hmac_key_verify(
                        w.key.as_ptr(),
                        data.data.as_ptr(),
                        data.data.len(),
                        o.buf.as_ptr(),
                        o.len,
                    );
                    assert_eq!(v, OK);
                }
            }
            Op::KeyVerify { data, tag, good } => {
                // A good tag, or the fuzzer's.
                let tag_bytes = match (&w.key_m, good) {
                    (Some(k), true) => k.sign(&data.data).as_bytes().to_vec(),
                    _ => tag.data.clone(),
                };
                let tag_ptr = if tag.null {
                    core::ptr::null()
                } else {
                    tag_bytes.as_ptr()
                };
                let s = named(mac::jeton_hmac_key_verify(
                    w.key.as_ptr(),
                    data.ptr(),
                    data.data.len(),
                    tag_ptr,
                    tag_bytes.len(),
                ));
                let Some(k) = &w.key_m else {
                    return refused(s, data.null || tag.null);
                };
                if data.null || tag.null {
                    return assert_eq!(s, NULL);
                }
                assert_eq!(s, code(&k.verify(&data.data, &tag_bytes)));
            }

            Op::RingInit => {
                assert_eq!(named(mac::jeton_key_ring_init(w.ring.as_mut_ptr())), OK);
                w.ring_m = Some(KeyRing::new());
            }
            Op::RingPush { null_key } | Op::RingRotateIn { null_key } => {
                let push = matches!(op, Op::RingPush { .. });
                let key = if *null_key {
                    core::ptr::null()
                } else {
                    w.key.as_ptr()
                };
                let s = named(if push {
                    mac::jeton_key_ring_push(w.ring.as_mut_ptr(), key)
                } else {
                    mac::jeton_key_ring_rotate_in(w.ring.as_mut_ptr(), key)
                });
                let Some(r) = &mut w.ring_m else {
                    return refused(s, *null_key);
                };
                if *null_key {
                    return assert_eq!(s, NULL);
                }
                let Some(k) = &w.key_m else {
                    return assert_eq!(s, NOT_INITIALIZED);
                };
                if push {
                    assert_eq!(s, code(&r.push(k.clone())));
                } else {
                    assert_eq!(s, OK);
                    r.rotate_in(k.clone());
                }
            }
            Op::RingLen { null_out } => {
                let mut n = usize::MAX;
                let out = if *null_out {
                    core::ptr::null_mut()
                } else {
                    &mut n
                };
                let s = named(mac::jeton_key_ring_len(w.ring.as_ptr(), out));
                let Some(r) = &w.ring_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, r.len()));
            }
            Op::RingSign {
                data,
                out,
                null_len,
            } => {
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(mac::jeton_key_ring_sign(
                    w.ring.as_ptr(),
                    data.ptr(),
                    data.data.len(),
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                let Some(r) = &w.ring_m else {
                    return refused(s, data.null || o.refused());
                };
                if data.null || o.refused() {
                    return assert_eq!(s, NULL);
                }
                let mut m = o.model();
                let result = r
                    .signing_key()
                    .and_then(|k| k.sign_into(&data.data, &mut m));
                o.matches(s, result, &m);
            }
            Op::RingVerify {
                data,
                tag,
                good,
                null_index,
            } => {
                // A tag of one of the ring's keys, or the fuzzer's.
                let tag_bytes = match (&w.ring_m, good) {
                    (Some(r), true) if !r.is_empty() => {
                        let i = tag.data.first().map_or(0, |b| usize::from(*b)) % r.len();
                        r.keys()[i].sign(&data.data).as_bytes().to_vec()
                    }
                    _ => tag.data.clone(),
                };
                let tag_ptr = if tag.null {
                    core::ptr::null()
                } else {
                    tag_bytes.as_ptr()
                };
                let mut index = usize::MAX;
                let index_ptr = if *null_index {
                    core::ptr::null_mut()
                } else {
                    &mut index
                };
                let s = named(mac::jeton_key_ring_verify(
                    w.ring.as_ptr(),
                    data.ptr(),
                    data.data.len(),
                    tag_ptr,
                    tag_bytes.len(),
                    index_ptr,
                ));
                let any_null = data.null || tag.null || *null_index;
                let Some(r) = &w.ring_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let m = r.verify(&data.data, &tag_bytes);
                assert_eq!(s, code(&m));
                match m {
                    Ok(i) => assert_eq!(index, i),
                    Err(_) => assert_eq!(index, usize::MAX),
                }
            }

            Op::IdGenerate {
                kind,
                bytes,
                out,
                null_len,
            } => {
                let mut source = Source {
                    bytes: bytes.clone(),
                    pos: 0,
                    status: match kind {
                        EntropyKind::Fail(0) => -1,
                        EntropyKind::Fail(s) => *s,
                        _ => OK,
                    },
                };
                let mut model_source = source.clone();
                let fill: session::jeton_entropy_fn = match kind {
                    EntropyKind::Fuzz => Some(fill_fuzz),
                    EntropyKind::Fail(_) => Some(fill_fail),
                    EntropyKind::Zeros => Some(fill_zeros),
                    EntropyKind::Nothing => Some(fill_nothing),
                    EntropyKind::Null => None,
                };
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(session::jeton_session_id_generate(
                    fill,
                    (&raw mut source).cast(),
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                if fill.is_none() || o.refused() {
                    return assert_eq!(s, NULL);
                }
                let mut m = o.model();
                let mut entropy = |dest: &mut [u8]| -> Result<(), Error> {
                    match kind {
                        EntropyKind::Fuzz => {
                            dest.iter_mut().for_each(|b| *b = model_source.next());
                            Ok(())
                        }
                        EntropyKind::Fail(_) => Err(Error::EntropyUnavailable),
                        // What the library draws into starts zeroed: a
                        // source that writes nothing gives zeros.
                        _ => {
                            dest.fill(0);
                            Ok(())
                        }
                    }
                };
                let result = jeton::session::generate_id(&mut entropy, &mut m);
                // Finding 8: an all-zero draw is a failed source.
                if matches!(kind, EntropyKind::Zeros | EntropyKind::Nothing) && o.cap >= 43 {
                    assert_eq!(s, Error::EntropyUnavailable.code());
                }
                o.matches(s, result, &m);
                if s == OK {
                    let id = &o.buf[..o.len];
                    assert_eq!(
                        named(session::jeton_session_id_validate(id.as_ptr(), id.len())),
                        OK
                    );
                }
            }
            Op::IdFromBytes {
                random,
                out,
                null_len,
            } => {
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(session::jeton_session_id_from_bytes(
                    random.ptr(),
                    random.data.len(),
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                if random.null || o.refused() {
                    return assert_eq!(s, NULL);
                }
                let mut m = o.model();
                o.matches(s, jeton::session::id_from_bytes(&random.data, &mut m), &m);
                if s == OK {
                    let id = &o.buf[..o.len];
                    assert_eq!(
                        named(session::jeton_session_id_validate(id.as_ptr(), id.len())),
                        OK
                    );
                }
            }
            Op::IdValidate { id } => {
                let (bytes, ptr) = id.bytes(&w.ids);
                let s = named(session::jeton_session_id_validate(ptr, bytes.len()));
                if ptr.is_null() {
                    return assert_eq!(s, NULL);
                }
                let ok = jeton::session::is_well_formed_id(bytes);
                assert_eq!(
                    s,
                    if ok {
                        OK
                    } else {
                        Error::SessionIdMalformed.code()
                    }
                );
            }

            Op::StoreInit { ttl, absolute } => {
                let (ttl, absolute) = (ttl.get(), absolute.get());
                let s = named(session::jeton_session_store_init(
                    w.store.as_mut_ptr(),
                    ttl,
                    absolute,
                ));
                assert_eq!(s, OK);
                let m = SessionStore::new(ttl);
                w.store_m = Some(Box::new(if absolute == 0 {
                    m
                } else {
                    m.with_absolute_lifetime(absolute)
                }));
            }
            Op::StoreCreate {
                id,
                user,
                now,
                null_user,
                null_out,
            } => {
                let now = w.now(*now);
                let (bytes, ptr) = id.bytes(&w.ids);
                let u = user.get();
                let mut out = jeton_session::default();
                let s = named(session::jeton_session_store_create(
                    w.store.as_mut_ptr(),
                    ptr,
                    bytes.len(),
                    if *null_user { core::ptr::null() } else { &u },
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut out
                    },
                ));
                let any_null = ptr.is_null() || *null_user || *null_out;
                let Some(m) = &mut w.store_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let r = m.create(bytes, u, now);
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    same_session(&out, &r);
                }
            }
            Op::StoreCreateCapped {
                id,
                user,
                now,
                max,
                evicted_cap,
                null_evicted,
            } => {
                let now = w.now(*now);
                let (bytes, ptr) = id.bytes(&w.ids);
                let u = user.get();
                let max = usize::from(*max % 6);
                let cap = usize::from(*evicted_cap % 8);
                let mut out = jeton_session::default();
                let mut evicted = vec![jeton_session::default(); cap];
                let evicted_ptr = if *null_evicted {
                    core::ptr::null_mut()
                } else {
                    evicted.as_mut_ptr()
                };
                let mut count = usize::MAX;
                let s = named(session::jeton_session_store_create_capped(
                    w.store.as_mut_ptr(),
                    ptr,
                    bytes.len(),
                    &u,
                    now,
                    max,
                    &mut out,
                    evicted_ptr,
                    cap,
                    &mut count,
                ));
                let any_null = ptr.is_null() || (*null_evicted && cap != 0);
                let Some(m) = &mut w.store_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let evicted_room = if *null_evicted { 0 } else { cap };
                // The model: the same refusals, in the same order.
                let same_user = |x: &jeton_session_user| x.id == u.id;
                if !jeton::session::is_well_formed_id(bytes) {
                    return assert_eq!(s, Error::SessionIdMalformed.code());
                }
                if m.lookup(bytes, now).is_ok() {
                    return assert_eq!(s, Error::SessionExists.code());
                }
                let needed = m
                    .count_live(now, same_user)
                    .saturating_add(1)
                    .saturating_sub(max);
                if max != 0 && needed > evicted_room {
                    assert_eq!(s, TOO_SMALL);
                    return assert_eq!(count, needed);
                }
                let mut gone = Vec::new();
                let r = m.create_capped(bytes, u, now, max, same_user, |x| gone.push(x));
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    same_session(&out, &r);
                    assert_eq!(count, gone.len());
                    for (c, g) in evicted.iter().zip(&gone) {
                        same_session(c, g);
                    }
                }
            }
            Op::StoreLookup { id, now, null_out } => {
                let now = w.now(*now);
                let (bytes, ptr) = id.bytes(&w.ids);
                let mut out = jeton_session::default();
                let s = named(session::jeton_session_store_lookup(
                    w.store.as_ptr(),
                    ptr,
                    bytes.len(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut out
                    },
                ));
                let any_null = ptr.is_null() || *null_out;
                let Some(m) = &w.store_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let r = m.lookup(bytes, now);
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    same_session(&out, &r);
                }
            }
            Op::StoreTouch { id, now } => {
                let now = w.now(*now);
                let (bytes, ptr) = id.bytes(&w.ids);
                let mut out = jeton_session::default();
                let s = named(session::jeton_session_store_touch(
                    w.store.as_mut_ptr(),
                    ptr,
                    bytes.len(),
                    now,
                    &mut out,
                ));
                let Some(m) = &mut w.store_m else {
                    return refused(s, ptr.is_null());
                };
                if ptr.is_null() {
                    return assert_eq!(s, NULL);
                }
                let r = m.touch(bytes, now);
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    same_session(&out, &r);
                }
            }
            Op::StoreRotate { old, new, now } | Op::StoreRotateUser { old, new, now, .. } => {
                let now = w.now(*now);
                let user = match op {
                    Op::StoreRotateUser { user, .. } => Some(user.get()),
                    _ => None,
                };
                let (old_b, old_p) = old.bytes(&w.ids);
                let (new_b, new_p) = new.bytes(&w.ids);
                let mut out = jeton_session::default();
                let s = named(match &user {
                    None => session::jeton_session_store_rotate(
                        w.store.as_mut_ptr(),
                        old_p,
                        old_b.len(),
                        new_p,
                        new_b.len(),
                        now,
                        &mut out,
                    ),
                    Some(u) => session::jeton_session_store_rotate_user(
                        w.store.as_mut_ptr(),
                        old_p,
                        old_b.len(),
                        new_p,
                        new_b.len(),
                        u,
                        now,
                        &mut out,
                    ),
                });
                let any_null = old_p.is_null() || new_p.is_null();
                let Some(m) = &mut w.store_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let r = match user {
                    None => m.rotate(old_b, new_b, now),
                    Some(u) => m.rotate_with(old_b, new_b, u, now),
                };
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    same_session(&out, &r);
                }
            }
            Op::StoreRevoke { id } => {
                let (bytes, ptr) = id.bytes(&w.ids);
                let s = named(session::jeton_session_store_revoke(
                    w.store.as_mut_ptr(),
                    ptr,
                    bytes.len(),
                ));
                let Some(m) = &mut w.store_m else {
                    return refused(s, ptr.is_null());
                };
                if ptr.is_null() {
                    return assert_eq!(s, NULL);
                }
                assert_eq!(s, code(&m.revoke(bytes)));
            }
            Op::StoreRevokeUser { user, null_out } => {
                let user_id = u64::from(*user % 5);
                let mut n = usize::MAX;
                let s = named(session::jeton_session_store_revoke_user(
                    w.store.as_mut_ptr(),
                    user_id,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &mut w.store_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.revoke_where(|u| u.id == user_id)));
            }
            Op::StorePurge { now, null_out } => {
                let now = w.now(*now);
                let mut n = usize::MAX;
                let s = named(session::jeton_session_store_purge(
                    w.store.as_mut_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &mut w.store_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.purge_expired(now)));
            }
            Op::StoreLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(session::jeton_session_store_len(
                    w.store.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.store_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.len()));
            }

            Op::RevInit => {
                assert_eq!(
                    named(revocation::jeton_revocation_list_init(w.rev.as_mut_ptr())),
                    OK
                );
                w.rev_m = Some(Box::new(RevocationList::new()));
            }
            Op::RevRevoke { jti, exp, now } => {
                let now = w.now(*now);
                let exp = exp.at(now);
                let s = named(revocation::jeton_revocation_list_revoke(
                    w.rev.as_mut_ptr(),
                    jti.ptr(),
                    jti.data.len(),
                    exp,
                    now,
                ));
                let Some(m) = &mut w.rev_m else {
                    return refused(s, jti.null);
                };
                if jti.null {
                    return assert_eq!(s, NULL);
                }
                assert_eq!(s, code(&m.revoke(&jti.data, exp, now)));
            }
            Op::RevContains { jti, now, null_out } => {
                let now = w.now(*now);
                let mut revoked = false;
                let s = named(revocation::jeton_revocation_list_contains(
                    w.rev.as_ptr(),
                    jti.ptr(),
                    jti.data.len(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut revoked
                    },
                ));
                let any_null = jti.null || *null_out;
                let Some(m) = &w.rev_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, revoked), (OK, m.contains(&jti.data, now)));
            }
            Op::RevPurge { now, null_out } => {
                let now = w.now(*now);
                let mut n = usize::MAX;
                let s = named(revocation::jeton_revocation_list_purge(
                    w.rev.as_mut_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &mut w.rev_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.purge(now)));
            }
            Op::RevLeeway { seconds } => {
                let s = named(revocation::jeton_revocation_list_set_leeway(
                    w.rev.as_mut_ptr(),
                    seconds.get(),
                ));
                let Some(m) = &mut w.rev_m else {
                    return refused(s, false);
                };
                assert_eq!(s, OK);
                m.set_leeway(seconds.get());
            }
            Op::RevLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(revocation::jeton_revocation_list_len(
                    w.rev.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.rev_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.len()));
            }
            Op::RevRevokeToken { jti, exp, now } => revoke_token(w, jti, *exp, *now),
            Op::RevRevokeForged {
                claims,
                index,
                flags,
                exp,
                now,
            } => revoke_forged(w, claims, index, *flags, *exp, *now),

            Op::LimInit { burst, period } => {
                let (b, p) = (burst.get() as u32, period.get() as u32);
                let s = named(limit::jeton_rate_limiter_init(w.lim.as_mut_ptr(), b, p));
                match (NonZeroU32::new(b), NonZeroU32::new(p)) {
                    (Some(b), Some(p)) => {
                        assert_eq!(s, OK);
                        w.lim_m = Some(Box::new(RateLimiter::new(b, p)));
                    }
                    // On error the limiter is untouched.
                    _ => assert_eq!(s, INVALID),
                }
            }
            Op::LimCheck {
                key,
                now,
                null_remaining,
                null_retry,
            }
            | Op::LimPeek {
                key,
                now,
                null_remaining,
                null_retry,
            } => {
                let check = matches!(op, Op::LimCheck { .. });
                let now = w.now(*now);
                let (k, null_key) = key.bytes();
                let kp = if null_key {
                    core::ptr::null()
                } else {
                    k.as_ptr()
                };
                let (mut remaining, mut retry) = (u32::MAX, u64::MAX);
                let rp = if *null_remaining {
                    core::ptr::null_mut()
                } else {
                    &mut remaining
                };
                let tp = if *null_retry {
                    core::ptr::null_mut()
                } else {
                    &mut retry
                };
                let s = named(if check {
                    limit::jeton_rate_limiter_check(w.lim.as_mut_ptr(), kp, k.len(), now, rp, tp)
                } else {
                    limit::jeton_rate_limiter_peek(w.lim.as_ptr(), kp, k.len(), now, rp, tp)
                });
                let any_null = null_key || *null_remaining || *null_retry;
                let Some(m) = &mut w.lim_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                let d = if check {
                    m.check(&k, now)
                } else {
                    m.peek(&k, now)
                };
                same_decision(s, remaining, retry, d);
            }
            Op::LimForget { key, null_out } => {
                let (k, null_key) = key.bytes();
                let kp = if null_key {
                    core::ptr::null()
                } else {
                    k.as_ptr()
                };
                let mut held = false;
                let s = named(limit::jeton_rate_limiter_forget(
                    w.lim.as_mut_ptr(),
                    kp,
                    k.len(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut held
                    },
                ));
                let any_null = null_key || *null_out;
                let Some(m) = &mut w.lim_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, held), (OK, m.forget(&k)));
            }
            Op::LimPurge { now, null_out } => {
                let now = w.now(*now);
                let mut n = usize::MAX;
                let s = named(limit::jeton_rate_limiter_purge(
                    w.lim.as_mut_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &mut w.lim_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.purge(now)));
            }
            Op::LimLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(limit::jeton_rate_limiter_len(
                    w.lim.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.lim_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.len()));
            }

            Op::JarInit => {
                assert_eq!(named(jar::jeton_cookie_jar_init(w.jar.as_mut_ptr())), OK);
                w.jar_m = Some(Box::new(CookieJar::new()));
            }
            Op::JarStore {
                cookie,
                url,
                now,
                null_out,
                suffix_test,
            } => {
                let now = w.now(*now);
                let (c, u) = (cookie.bytes(), url.bytes());
                let (mut outcome, mut evicted) = (u32::MAX, usize::MAX);
                let outcome_ptr = if *null_out {
                    core::ptr::null_mut()
                } else {
                    &mut outcome
                };
                let mut calls = 0usize;
                let s = named(match suffix_test {
                    None => jar::jeton_cookie_jar_store(
                        w.jar.as_mut_ptr(),
                        c.as_ptr(),
                        c.len(),
                        u.as_ptr(),
                        u.len(),
                        now,
                        outcome_ptr,
                        &mut evicted,
                    ),
                    Some(with) => jar::jeton_cookie_jar_store_with_suffix_test(
                        w.jar.as_mut_ptr(),
                        c.as_ptr(),
                        c.len(),
                        u.as_ptr(),
                        u.len(),
                        now,
                        if *with { Some(uk_suffixes) } else { None },
                        (&raw mut calls).cast(),
                        outcome_ptr,
                        &mut evicted,
                    ),
                });
                let Some(m) = &mut w.jar_m else {
                    return refused(s, *null_out || *suffix_test == Some(false));
                };
                if *null_out || *suffix_test == Some(false) {
                    return assert_eq!(s, NULL);
                }
                let r = RequestUrl::parse(&u).and_then(|url| match suffix_test {
                    None => m.store(&c, &url, now),
                    Some(_) => ParsedSetCookie::parse(&c).and_then(|parsed| {
                        m.store_parsed_with(&parsed, &url, now, &|d: &[u8]| is_uk_suffix(d))
                    }),
                });
                assert_eq!(s, code(&r));
                // A stored cookie with a `Domain` went past the suffix
                // test: through the C callback, not around it.
                let has_domain = ParsedSetCookie::parse(&c)
                    .is_ok_and(|p| p.domain().is_some_and(|d| !d.is_empty()));
                if suffix_test.is_some() && r.is_ok() && has_domain {
                    assert!(calls > 0, "the public-suffix callback was not consulted");
                }
                if let Ok(r) = r {
                    let expected = match r {
                        StoreOutcome::Inserted { evicted } => (JETON_STORE_INSERTED, evicted),
                        StoreOutcome::Replaced { evicted } => (JETON_STORE_REPLACED, evicted),
                        StoreOutcome::Removed => (JETON_STORE_REMOVED, 0),
                        StoreOutcome::Expired => (JETON_STORE_EXPIRED, 0),
                    };
                    assert_eq!((outcome, evicted), expected);
                }
            }
            Op::JarHeader {
                url,
                now,
                out,
                null_len,
            } => {
                let now = w.now(*now);
                let u = url.bytes();
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(jar::jeton_cookie_jar_cookie_header(
                    w.jar.as_mut_ptr(),
                    u.as_ptr(),
                    u.len(),
                    now,
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                let Some(m) = &mut w.jar_m else {
                    return refused(s, o.refused());
                };
                if o.refused() {
                    return assert_eq!(s, NULL);
                }
                let mut buf = o.model();
                let r = RequestUrl::parse(&u).and_then(|url| m.cookie_header(&url, now, &mut buf));
                o.matches(s, r, &buf);
            }
            Op::JarLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(jar::jeton_cookie_jar_len(
                    w.jar.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.jar_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.len()));
            }
            Op::JarGet { index, null_out } => {
                let index = usize::from(*index % 20);
                let mut entry = MaybeUninit::<jeton_cookie_jar_entry>::zeroed();
                let s = named(jar::jeton_cookie_jar_get(
                    w.jar.as_ptr(),
                    index,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        entry.as_mut_ptr()
                    },
                ));
                let Some(m) = &w.jar_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                same_entry(s, &entry, m.iter().nth(index));
            }
            Op::JarRemove {
                name,
                domain,
                path,
                raw,
            } => {
                let name = raw
                    .clone()
                    .unwrap_or_else(|| format!("c{}", name % 6).into_bytes());
                let domain = ["example.org", "a.example.org", "other.net", "localhost", ""]
                    [usize::from(*domain % 5)];
                let path = ["/", "/a", "/a/b", "/b", ""][usize::from(*path % 5)];
                let mut n = usize::MAX;
                let s = named(jar::jeton_cookie_jar_remove(
                    w.jar.as_mut_ptr(),
                    name.as_ptr(),
                    name.len(),
                    domain.as_ptr(),
                    domain.len(),
                    path.as_ptr(),
                    path.len(),
                    &mut n,
                ));
                let Some(m) = &mut w.jar_m else {
                    return refused(s, false);
                };
                assert_eq!(
                    (s, n),
                    (OK, m.remove(&name, domain.as_bytes(), path.as_bytes()))
                );
            }
            Op::JarPurge { now, null_out } => {
                let now = w.now(*now);
                let mut n = usize::MAX;
                let s = named(jar::jeton_cookie_jar_purge_expired(
                    w.jar.as_mut_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &mut w.jar_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.purge_expired(now)));
            }
            Op::JarEndSession => {
                let s = named(jar::jeton_cookie_jar_end_session(w.jar.as_mut_ptr()));
                let Some(m) = &mut w.jar_m else {
                    return refused(s, false);
                };
                assert_eq!(s, OK);
                m.end_session();
            }

            Op::PollInit { body, now } => {
                let now = w.now(*now);
                let (b, null, _) = body.bytes(DEVICE_BODIES);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let s = named(oauth::jeton_oauth_device_poller_init(
                    w.poller.as_mut_ptr(),
                    bp,
                    b.len(),
                    now,
                ));
                if null {
                    return assert_eq!(s, NULL);
                }
                let r = DeviceAuthorization::parse(&b);
                assert_eq!(s, code(&r));
                // On error the poller is untouched.
                if let Ok(a) = r {
                    w.poller_m = Some(DevicePoller::new(&a, now));
                }
            }
            Op::PollInfo { null_out } => {
                let mut info = jeton_oauth_device_poll_info::default();
                let s = named(oauth::jeton_oauth_device_poller_info(
                    w.poller.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut info
                    },
                ));
                let Some(p) = &w.poller_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!(s, OK);
                assert_eq!(
                    (info.interval, info.expires_at, info.next_poll_at),
                    (p.interval(), p.expires_at(), p.next_poll_at())
                );
            }
            Op::PollWait { now, null_out } => {
                let now = w.now(*now);
                let mut secs = u64::MAX;
                let s = named(oauth::jeton_oauth_device_poller_wait(
                    w.poller.as_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut secs
                    },
                ));
                let Some(p) = &w.poller_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                let r = p.wait(now);
                assert_eq!(s, code(&r));
                assert_eq!(secs, r.unwrap_or(u64::MAX));
            }
            Op::PollOnResponse {
                body,
                now,
                out,
                null_len,
            } => {
                let now = w.now(*now);
                let (b, null, _) = body.bytes(TOKEN_BODIES);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let mut o = OutBuf::new(*out, *null_len);
                let mut poll = MaybeUninit::<jeton_oauth_poll>::zeroed();
                let s = named(oauth::jeton_oauth_device_poller_on_response(
                    w.poller.as_mut_ptr(),
                    bp,
                    b.len(),
                    now,
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                    poll.as_mut_ptr(),
                ));
                let any_null = null || o.refused();
                let Some(p) = &mut w.poller_m else {
                    return refused(s, any_null);
                };
                if any_null {
                    return assert_eq!(s, NULL);
                }
                // On a copy: the poller changes only when the call succeeds.
                let mut next = *p;
                match next.on_response(&b, now) {
                    Err(e) => assert_eq!(s, e.code()),
                    Ok(Poll::Pending { next_poll_at }) => {
                        assert_eq!(s, OK);
                        let poll = poll.assume_init();
                        assert_eq!(poll.kind, JETON_OAUTH_POLL_PENDING);
                        assert_eq!(poll.next_poll_at, next_poll_at);
                        *p = next;
                    }
                    Ok(Poll::Token(_)) => {
                        // The token's texts may not fit the buffer.
                        if s == OK {
                            assert_eq!(poll.assume_init().kind, JETON_OAUTH_POLL_TOKEN);
                            *p = next;
                        } else {
                            assert_eq!(s, TOO_SMALL);
                        }
                    }
                }
            }
            Op::PollOnNoResponse { now, null_out } => {
                let now = w.now(*now);
                let mut at = i64::MIN;
                let s = named(oauth::jeton_oauth_device_poller_on_no_response(
                    w.poller.as_mut_ptr(),
                    now,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut at
                    },
                ));
                let Some(p) = &mut w.poller_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                let mut next = *p;
                let r = next.on_no_response(now);
                assert_eq!(s, code(&r));
                if let Ok(r) = r {
                    assert_eq!(at, r);
                    *p = next;
                }
            }

            Op::SetInit => {
                assert_eq!(named(jwt::jeton_jwt_key_set_init(w.set.as_mut_ptr())), OK);
                w.set_m = Some(Vec::new());
            }
            Op::SetAdd {
                alg,
                secret,
                kid,
                legacy,
            } => {
                let (kp, kl) = kid_args(kid);
                let add = if *legacy {
                    jwt::jeton_jwt_key_set_add_legacy_secret
                } else {
                    jwt::jeton_jwt_key_set_add
                };
                let s = named(add(
                    w.set.as_mut_ptr(),
                    u32::from(*alg % 16),
                    secret.ptr(),
                    secret.data.len(),
                    kp,
                    kl,
                ));
                set_added(w, s, secret.null, None, kid);
            }
            Op::SetAddHmacKey { kid } => {
                let (kp, kl) = kid_args(kid);
                let s = named(jwt::jeton_jwt_key_set_add_hmac_key(
                    w.set.as_mut_ptr(),
                    w.key.as_ptr(),
                    kp,
                    kl,
                ));
                if w.key_m.is_none() {
                    return assert_eq!(s, NOT_INITIALIZED);
                }
                set_added(w, s, false, None, kid);
            }
            Op::SetAddJwk { doc, private } => {
                let docs = if *private { PRIVATE_JWKS } else { PUBLIC_JWKS };
                let list: Vec<&[u8]> = docs.iter().map(|d| d.0).collect();
                let (b, null, pick) = doc.bytes(&list);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let add = if *private {
                    jwt::jeton_jwt_key_set_add_private_jwk
                } else {
                    jwt::jeton_jwt_key_set_add_jwk
                };
                let s = named(add(w.set.as_mut_ptr(), bp, b.len()));
                if let (Some(_), Some(m)) = (pick, &w.set_m) {
                    // A known key is read, unless the set is full.
                    assert!(
                        s == OK || m.len() == JETON_JWT_KEY_SET_CAPACITY,
                        "status {s}"
                    );
                }
                set_added(w, s, null, pick.map(|i| docs[i].1), &None);
            }
            Op::SetAddPem { doc, private, kid } => {
                let docs = if *private { PRIVATE_PEMS } else { PUBLIC_PEMS };
                let list: Vec<&[u8]> = docs.iter().map(|d| d.0).collect();
                let (b, null, pick) = doc.bytes(&list);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let (kp, kl) = kid_args(kid);
                let add = if *private {
                    jwt::jeton_jwt_key_set_add_private_pem
                } else {
                    jwt::jeton_jwt_key_set_add_pem
                };
                let s = named(add(w.set.as_mut_ptr(), bp, b.len(), kp, kl));
                set_added(w, s, null, pick.map(|i| docs[i].1), kid);
            }
            Op::SetAddJwks { doc, null_summary } => {
                let (b, null, _) = doc.bytes(JWK_SETS);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let mut summary = jeton_jwks_summary {
                    loaded: usize::MAX,
                    skipped: usize::MAX,
                };
                let sp = if *null_summary {
                    core::ptr::null_mut()
                } else {
                    &mut summary
                };
                let s = named(jwt::jeton_jwt_key_set_add_jwks(
                    w.set.as_mut_ptr(),
                    bp,
                    b.len(),
                    sp,
                ));
                let Some(m) = &mut w.set_m else {
                    return refused(s, null);
                };
                if null {
                    return assert_eq!(s, NULL);
                }
                let mut n = usize::MAX;
                assert_eq!(jwt::jeton_jwt_key_set_len(w.set.as_ptr(), &mut n), OK);
                if s == OK {
                    if !*null_summary {
                        assert_eq!(n, m.len() + summary.loaded);
                    }
                    m.resize(n, None);
                } else {
                    // On error the set is unchanged.
                    assert_eq!(n, m.len());
                }
            }
            Op::SetKeyInfo { index, null_out } => {
                let index = usize::from(*index % 6);
                let mut info = MaybeUninit::<jeton_jwt_key_info>::zeroed();
                let s = named(jwt::jeton_jwt_key_set_key_info(
                    w.set.as_ptr(),
                    index,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        info.as_mut_ptr()
                    },
                ));
                let Some(m) = &w.set_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                key_info_checked(s, index, m.len(), &info);
            }
            Op::SetThumbprint {
                index,
                out,
                null_len,
            } => {
                let index = usize::from(*index % 6);
                let mut o = OutBuf::new(*out, *null_len);
                let s = named(jwt::jeton_jwt_key_set_thumbprint(
                    w.set.as_ptr(),
                    index,
                    o.ptr(),
                    o.cap,
                    o.len_ptr(),
                ));
                let Some(m) = &w.set_m else {
                    return refused(s, o.refused());
                };
                if index >= m.len() {
                    return assert_eq!(s, Error::JwtKeyNotFound.code());
                }
                if o.refused() {
                    return assert_eq!(s, NULL);
                }
                // RFC 7638 thumbprints of the known keys, as jose computes
                // them.
                if let Some(tp) = m[index] {
                    if s == OK {
                        assert_eq!(&o.buf[..o.len], tp.as_bytes());
                    } else {
                        assert_eq!((s, o.len), (TOO_SMALL, tp.len()));
                    }
                }
            }
            Op::SetLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(jwt::jeton_jwt_key_set_len(
                    w.set.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.set_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, m.len()));
            }

            Op::JwksInit => {
                assert_eq!(named(jwt::jeton_jwks_init(w.jwks.as_mut_ptr())), OK);
                w.jwks_m = Some(0);
            }
            Op::JwksLoad { doc, null_summary } => {
                let (b, null, _) = doc.bytes(JWK_SETS);
                let bp = if null { core::ptr::null() } else { b.as_ptr() };
                let mut summary = jeton_jwks_summary {
                    loaded: usize::MAX,
                    skipped: usize::MAX,
                };
                let sp = if *null_summary {
                    core::ptr::null_mut()
                } else {
                    &mut summary
                };
                let s = named(jwt::jeton_jwks_load(w.jwks.as_mut_ptr(), bp, b.len(), sp));
                let Some(m) = &mut w.jwks_m else {
                    return refused(s, null);
                };
                if null {
                    return assert_eq!(s, NULL);
                }
                let mut n = usize::MAX;
                assert_eq!(jwt::jeton_jwks_len(w.jwks.as_ptr(), &mut n), OK);
                if s == OK {
                    // The set is replaced whole.
                    if !*null_summary {
                        assert_eq!(n, summary.loaded);
                    }
                    assert!(n <= JETON_JWKS_CAPACITY);
                    *m = n;
                } else {
                    assert_eq!(n, *m);
                }
            }
            Op::JwksKeyInfo { index, null_out } => {
                let index = usize::from(*index % 20);
                let mut info = MaybeUninit::<jeton_jwt_key_info>::zeroed();
                let s = named(jwt::jeton_jwks_key_info(
                    w.jwks.as_ptr(),
                    index,
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        info.as_mut_ptr()
                    },
                ));
                let Some(m) = &w.jwks_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                key_info_checked(s, index, *m, &info);
            }
            Op::JwksLen { null_out } => {
                let mut n = usize::MAX;
                let s = named(jwt::jeton_jwks_len(
                    w.jwks.as_ptr(),
                    if *null_out {
                        core::ptr::null_mut()
                    } else {
                        &mut n
                    },
                ));
                let Some(m) = &w.jwks_m else {
                    return refused(s, *null_out);
                };
                if *null_out {
                    return assert_eq!(s, NULL);
                }
                assert_eq!((s, n), (OK, *m));
            }
        }
    }
}

/// Compares the whole visible state of every object with its model after
/// each operation: the counts, every pool session and every pool key of
/// the rate limiter (read-only calls, at the world's clock).
///
/// # Safety
///
/// The world's storage.
unsafe fn sweep(w: &mut World) {
    for obj in [
        Obj::Key,
        Obj::Ring,
        Obj::Store,
        Obj::Revocation,
        Obj::Limiter,
        Obj::Jar,
        Obj::Poller,
        Obj::KeySet,
        Obj::Jwks,
    ] {
        let (ptr, _) = w.storage(obj);
        // SAFETY: storage of `obj`'s type.
        assert_eq!(unsafe { probe(obj, ptr) }, w.expected_probe(obj), "{obj:?}");
    }
    let now = w.clock;
    if let Some(m) = &w.store_m {
        for id in &w.ids {
            let mut out = jeton_session::default();
            // SAFETY: a store of its type; the ID and `out` are locals.
            let s = unsafe {
                session::jeton_session_store_lookup(
                    w.store.as_ptr(),
                    id.as_ptr(),
                    id.len(),
                    now,
                    &mut out,
                )
            };
            let r = m.lookup(id, now);
            assert_eq!(s, code(&r));
            if let Ok(r) = r {
                same_session(&out, &r);
            }
        }
    }
    if let Some(m) = &w.jar_m {
        for i in 0..=m.len() {
            let mut entry = MaybeUninit::<jeton_cookie_jar_entry>::zeroed();
            // SAFETY: a jar of its type; `entry` a local.
            let s = unsafe { jar::jeton_cookie_jar_get(w.jar.as_ptr(), i, entry.as_mut_ptr()) };
            same_entry(s, &entry, m.iter().nth(i));
        }
    }
    if let Some(m) = &w.lim_m {
        for i in 0..8u8 {
            let (k, _) = LimKey::Pool(i).bytes();
            let (mut remaining, mut retry) = (u32::MAX, u64::MAX);
            // SAFETY: a limiter of its type; the key and outputs are locals.
            let s = unsafe {
                limit::jeton_rate_limiter_peek(
                    w.lim.as_ptr(),
                    k.as_ptr(),
                    k.len(),
                    now,
                    &mut remaining,
                    &mut retry,
                )
            };
            same_decision(s, remaining, retry, m.peek(&k, now));
        }
    }
}

/// After an add to the key set: one more key exactly when it succeeded
/// (never more than the capacity), with the kid given.
///
/// # Safety
///
/// The world's key set is storage of its type.
unsafe fn set_added(
    w: &mut World,
    s: i32,
    null_input: bool,
    thumbprint: Option<&'static str>,
    kid: &Option<Vec<u8>>,
) {
    let Some(m) = &mut w.set_m else {
        return refused(s, null_input);
    };
    if null_input {
        return assert_eq!(s, NULL);
    }
    let mut n = usize::MAX;
    // SAFETY: the function's contract.
    assert_eq!(
        unsafe { jwt::jeton_jwt_key_set_len(w.set.as_ptr(), &mut n) },
        OK
    );
    if s != OK {
        return assert_eq!(n, m.len());
    }
    assert_eq!(n, m.len() + 1);
    assert!(n <= JETON_JWT_KEY_SET_CAPACITY);
    m.push(thumbprint);
    if let Some(tp) = thumbprint {
        // RFC 7638: the key read from a known document has the thumbprint
        // jose computes for it.
        let mut out = [0u8; 128];
        let mut len = 0usize;
        // SAFETY: as above; `out` and `len` are locals.
        let s = unsafe {
            jwt::jeton_jwt_key_set_thumbprint(
                w.set.as_ptr(),
                n - 1,
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            )
        };
        assert_eq!(s, OK);
        assert_eq!(&out[..len], tp.as_bytes());
    }
    if let Some(kid) = kid.as_ref().filter(|k| !k.is_empty()) {
        let mut info = MaybeUninit::<jeton_jwt_key_info>::zeroed();
        // SAFETY: as above.
        let info = unsafe {
            assert_eq!(
                jwt::jeton_jwt_key_set_key_info(w.set.as_ptr(), n - 1, info.as_mut_ptr()),
                OK
            );
            info.assume_init()
        };
        assert_eq!(&info.kid[..info.kid_len], kid.as_slice());
    }
}

/// A key info answer for `index` of a set of `len` keys.
///
/// # Safety
///
/// `info` was written when `s` is `JETON_OK`.
unsafe fn key_info_checked(
    s: i32,
    index: usize,
    len: usize,
    info: &MaybeUninit<jeton_jwt_key_info>,
) {
    if index >= len {
        return assert_eq!(s, Error::JwtKeyNotFound.code());
    }
    assert_eq!(s, OK);
    // SAFETY: written on success.
    let info = unsafe { info.assume_init_ref() };
    assert!(info.kid_len <= info.kid.len());
    assert!(info.flags & !0b111 == 0);
}

/// Overwrites `bytes` at offset `at` of the first 16 or the last 8 bytes
/// of `obj`, then checks that a marker overwritten means "not
/// initialized" and that bytes that are no marker change nothing.
///
/// # Safety
///
/// The world's storage.
unsafe fn scribble(w: &mut World, obj: Obj, tail: bool, at: u8, bytes: &[u8], restore: bool) {
    // Only live objects: on one whose marker is already gone the fuzzer
    // could write the marker back byte by byte, and the model would not
    // know the value it then holds again.
    if w.expected_probe(obj).0 != OK {
        return;
    }
    let (ptr, size) = w.storage(obj);
    // The leading marker and its padding, or the trailing marker.
    let (start, len) = if tail { (size - 8, 8) } else { (0, 16) };
    let at = usize::from(at) % len;
    let n = bytes.len().min(len - at);
    if n == 0 {
        return;
    }
    let marker = if tail { start..size } else { 0..8 };
    // SAFETY: `start + at + n <= start + len <= size`.
    let region = unsafe { core::slice::from_raw_parts_mut(ptr.add(start + at), n) };
    let saved = region.to_vec();
    region.copy_from_slice(&bytes[..n]);
    let touched = (start + at..start + at + n).any(|i| {
        // SAFETY: `i < size`.
        marker.contains(&i) && unsafe { *ptr.add(i) } != saved[i - start - at]
    });
    let before = w.expected_probe(obj);
    // SAFETY: storage of `obj`'s type.
    let after = unsafe { probe(obj, ptr) };
    if touched {
        assert_eq!(
            after,
            (NOT_INITIALIZED, 0),
            "{obj:?} with an overwritten marker"
        );
    } else {
        // The padding after the leading marker holds nothing.
        assert_eq!(after, before, "{obj:?} with its padding overwritten");
    }
    if restore {
        // SAFETY: as above.
        unsafe { core::slice::from_raw_parts_mut(ptr.add(start + at), n) }.copy_from_slice(&saved);
        // SAFETY: as above.
        assert_eq!(
            unsafe { probe(obj, ptr) },
            before,
            "{obj:?} with its bytes back"
        );
    } else if touched {
        // The value is lost to the C caller; `_clear` or `_init` starts
        // again.
        w.forget(obj);
    }
}

/// Copies `obj` with `memcpy` into fresh storage: the copy answers as the
/// original; clearing it leaves the original as it was.
///
/// # Safety
///
/// The world's storage.
unsafe fn copy(w: &mut World, obj: Obj) {
    let (ptr, size) = w.storage(obj);
    let layout = std::alloc::Layout::from_size_align(size, 16).expect("layout");
    // SAFETY: a non-zero size.
    let dup = unsafe { std::alloc::alloc_zeroed(layout) };
    assert!(!dup.is_null());
    // SAFETY: both regions are `size` bytes long and distinct.
    unsafe { core::ptr::copy_nonoverlapping(ptr, dup, size) };
    let expected = w.expected_probe(obj);
    // SAFETY: storage of `obj`'s type.
    unsafe {
        assert_eq!(probe(obj, dup), expected, "copy of {obj:?}");
        assert_eq!(clear(obj, dup), OK);
        assert_eq!(probe(obj, dup), (NOT_INITIALIZED, 0));
        assert_eq!(
            probe(obj, ptr),
            expected,
            "{obj:?} after its copy was cleared"
        );
        std::alloc::dealloc(dup, layout);
    }
}

/// Signs a token with `jti` and `exp`, verifies it through the C ABI and
/// revokes it: the list revokes what the model's list revokes.
///
/// # Safety
///
/// The world's storage.
unsafe fn revoke_token(w: &mut World, jti: &str, exp: Exp, now: Now) {
    let now = w.now(now);
    let exp = exp.at(now);
    let key = jeton::jwt::JwtKey::hs256(TOKEN_SECRET).expect("key");
    let claims = jeton::jwt::Claims::new().jwt_id(jti).expires_at(exp);
    let mut token = vec![0u8; 4096];
    let Ok(n) = jeton::jwt::encode(&key, &claims, &mut token) else {
        return;
    };
    let mut validation = MaybeUninit::<jeton_jwt_validation>::zeroed();
    // SAFETY: a zeroed validation is a valid one; `now` set.
    unsafe { (*validation.as_mut_ptr()).now = now };
    let mut buf = vec![0u8; 4096];
    let mut buf_len = 0usize;
    let mut verified = MaybeUninit::<jeton_jwt_verified>::zeroed();
    // SAFETY: every pointer is valid for its length.
    let s = named(unsafe {
        jwt::jeton_jwt_verify(
            w.token_keys.as_ptr(),
            token.as_ptr(),
            n,
            validation.as_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut buf_len,
            verified.as_mut_ptr(),
        )
    });
    if s != OK {
        return;
    }
    // SAFETY: the token was verified into `verified`, its buffer alive.
    let s = named(unsafe {
        jwt::jeton_revocation_list_revoke_token(w.rev.as_mut_ptr(), verified.as_ptr(), now)
    });
    let Some(m) = &mut w.rev_m else {
        return refused(s, false);
    };
    // The escaped form of a `jti` longer than 256 bytes is refused.
    let escaped = serde_json::to_string(jti).expect("json") != format!("\"{jti}\"");
    if escaped && jti.len() > 256 {
        return assert_eq!(s, Error::InputTooLong.code());
    }
    assert_eq!(s, code(&m.revoke(jti.as_bytes(), exp, now)));
    if s == OK {
        // SAFETY: a list of its type; `revoked` a local.
        let mut revoked = false;
        unsafe {
            assert_eq!(
                revocation::jeton_revocation_list_contains(
                    w.rev.as_ptr(),
                    jti.as_ptr(),
                    jti.len(),
                    now,
                    &mut revoked
                ),
                OK
            );
        }
        assert_eq!(revoked, m.contains(jti.as_bytes(), now));
    }
}

/// Revokes through a `jeton_jwt_verified` the caller filled with garbage
/// (claims bytes, index words, flags, `exp`), on a `memcpy` copy of the
/// list: it may answer anything the header names, and the original list
/// stays as it was.
///
/// # Safety
///
/// The world's storage.
unsafe fn revoke_forged(
    w: &mut World,
    claims: &[u8],
    index: &[u16],
    flags: u32,
    exp: i64,
    now: Now,
) {
    let now = w.now(now);
    let mut v = MaybeUninit::<jeton_jwt_verified>::zeroed();
    // SAFETY: a zeroed view, filled field by field.
    let v = unsafe {
        let p = v.as_mut_ptr();
        (*p).claims = jeton_ffi::jeton_bytes {
            ptr: claims.as_ptr(),
            len: claims.len(),
        };
        (*p).flags = flags;
        (*p).exp = exp;
        for (slot, word) in (*p).claims_index.iter_mut().zip(index) {
            *slot = *word;
        }
        v.assume_init()
    };
    let mut copy = zeroed::<jeton_revocation_list>();
    // SAFETY: both are storage of the list's type.
    unsafe {
        core::ptr::copy_nonoverlapping(w.rev.as_ptr(), copy.as_mut_ptr(), 1);
        let s = named(jwt::jeton_revocation_list_revoke_token(
            copy.as_mut_ptr(),
            &v,
            now,
        ));
        if w.rev_m.is_none() {
            refused(s, false);
        }
        assert_eq!(
            revocation::jeton_revocation_list_clear(copy.as_mut_ptr()),
            OK
        );
        assert_eq!(
            probe(Obj::Revocation, w.rev.as_mut_ptr().cast()),
            w.expected_probe(Obj::Revocation)
        );
    }
}
