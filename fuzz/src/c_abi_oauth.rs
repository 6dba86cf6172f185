//! The C ABI's OAuth, PKCE, DPoP, state and CSRF functions with arbitrary
//! bytes, arbitrary lengths and arbitrary request structs: views NULL
//! with non-zero (sometimes huge) lengths, enum-like values out of range,
//! unknown flag bits, output buffers of any capacity. No call may crash,
//! every status must be one the header names, and the header's contracts
//! must hold: a failed call leaves its buffer without a partial result
//! (bytes unchanged or zeroed) and its other outputs as they were,
//! `JETON_ERR_BUFFER_TOO_SMALL` reports the length that then fits, and
//! what a writer writes reads back (form encode/decode, URLs and bodies
//! parsed again, state issue/verify, PKCE, DPoP write/verify, CSRF), with
//! the core Rust API giving the same answer where a C function wraps it.
//!
//! Every pointer passed is NULL or points to live storage of the length
//! or type passed with it (a NULL view may carry any length, which jeton
//! must refuse unread), and arrays are never given a count past their
//! length unless NULL: what the `// SAFETY:` lines below refer to.

use core::ffi::{CStr, c_void};
use core::mem::MaybeUninit;

use arbitrary::Arbitrary;
use jeton_ffi::status::jeton_status_code as code;
use jeton_ffi::{jeton_bytes, jwt, mac, oauth, revocation, set_cookie, signed, status};

/// A private ES256 key (tests/vectors/asym-jwt.json, `es256-1`): signs
/// DPoP proofs, client assertions and the tokens the verifiers check.
const ES256_PRIVATE_JWK: &[u8] = br#"{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1","d":"ekhIC2HKSU4zKbiHQWTeqNTCMXnreAm2eI_XfMRJXlw"}"#;
/// Its public half as a provider's JWK Set.
const ES256_JWKS: &[u8] = br#"{"keys":[{"kty":"EC","crv":"P-256","x":"TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0","y":"P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks","kid":"es256-1"}]}"#;
/// The HMAC secret of the key ring (state, CSRF) and of the HS256 key.
const SECRET: &[u8; 32] = b"jeton c_abi_oauth fuzz secret 32";
/// What output buffers hold before a call.
const SENTINEL: u8 = 0xA5;
/// What result structs hold before a call.
const STRUCT_FILL: u8 = 0x5A;
/// What length out-pointers hold before a call.
const LEN_FILL: usize = 0xDEAD_BEEF;

const OK: i32 = code::JETON_OK as i32;
const DONE: i32 = code::JETON_DONE as i32;
const TOO_SMALL: i32 = code::JETON_ERR_BUFFER_TOO_SMALL as i32;
const NULL: i32 = code::JETON_ERR_NULL_POINTER as i32;
const INVALID: i32 = code::JETON_ERR_INVALID_ARGUMENT as i32;

/// What the fuzzer chooses: the function group (`op`), the bytes and
/// lists passed, the output capacity and which views are NULL.
#[derive(Arbitrary, Clone, Debug)]
pub struct Input {
    op: u8,
    a: Vec<u8>,
    b: Vec<u8>,
    c: Vec<u8>,
    /// Scope tokens, resources, algorithms' source.
    list: Vec<Vec<u8>>,
    /// Extra parameters.
    extra: Vec<(Vec<u8>, Vec<u8>)>,
    /// Output capacity.
    cap: u16,
    /// Bit i: make view i NULL.
    nulls: u32,
    /// NULL views get huge lengths rather than their data's.
    huge: bool,
    /// Flag bits (unknown ones included).
    flags: u32,
    /// Enum-like values (grant, method, profile, algorithm, SameSite).
    kind: u32,
    kind2: u32,
    now: i64,
    num: u64,
    /// A byte to flip.
    flip: u16,
}

impl Input {
    /// The group of functions `run` calls: form, form_write, form_iter,
    /// pkce, state, csrf, dpop, authorize, token_request, parsers, tokens.
    pub fn group(&self) -> u8 {
        self.op % 11
    }

    /// Whether the op signs or verifies with the ES256 key, elliptic-curve
    /// arithmetic that takes minutes per call under Miri: `dpop` (its
    /// proofs are written with key 1, ES256, unless bit 7 of `kind`, then
    /// verified), `token_request` whose client assertion is signed with
    /// key 1, `tokens` whose tokens are ES256 (bit 1 of `kind`). The Miri
    /// replay (`replay.rs`) leaves these inputs out; the ops that use keys
    /// still load the ES256 key into the key set and the JWK Set there,
    /// and `tokens` checks its HS256 tokens.
    pub fn uses_es256(&self) -> bool {
        match self.group() {
            6 => true,
            8 => (self.kind2 >> 12) % 3 == 1,
            10 => self.kind >> 1 & 1 == 1,
            _ => false,
        }
    }

    fn null(&self, i: u32) -> bool {
        self.nulls >> (i % 32) & 1 == 1
    }

    /// `data` as a view, NULL (with its length, or a huge one) when bit
    /// `i` says so.
    fn view(&self, i: u32, data: &[u8]) -> jeton_bytes {
        if self.null(i) {
            jeton_bytes {
                ptr: core::ptr::null(),
                len: if self.huge {
                    usize::MAX - data.len()
                } else {
                    data.len()
                },
            }
        } else {
            bytes(data)
        }
    }

    fn ptr(&self, i: u32, data: &[u8]) -> *const u8 {
        self.view(i, data).ptr
    }

    fn len(&self, i: u32, data: &[u8]) -> usize {
        self.view(i, data).len
    }
}

fn bytes(data: &[u8]) -> jeton_bytes {
    jeton_bytes {
        ptr: data.as_ptr(),
        len: data.len(),
    }
}

const ABSENT: jeton_bytes = jeton_bytes {
    ptr: core::ptr::null(),
    len: 0,
};

/// The status is one the header names, and no panic was caught.
fn named(status: i32) {
    // SAFETY: `jeton_status_str` returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(status::jeton_status_str(status)) };
    assert_ne!(text.to_bytes(), b"unknown status", "status {status}");
    assert_ne!(
        status,
        code::JETON_ERR_PANIC as i32,
        "panic caught at the boundary"
    );
}

/// The bytes a view points to (empty for NULL).
///
/// # Safety
///
/// A non-NULL view is readable for its length.
unsafe fn read(v: jeton_bytes) -> &'static [u8] {
    if v.ptr.is_null() {
        assert_eq!(v.len, 0, "a NULL result view has a length");
        &[]
    } else {
        // SAFETY: a result view of jeton points into a live input (caller).
        unsafe { core::slice::from_raw_parts(v.ptr, v.len) }
    }
}

/// A result struct filled with `STRUCT_FILL`, to see whether a failed call
/// touched it. On the heap, so that moving it moves no bytes: a move of a
/// `MaybeUninit<T>` is a typed copy, which need not keep the fill in `T`'s
/// padding (Miri makes those bytes uninitialized).
fn filled<T>() -> Box<MaybeUninit<T>> {
    let mut v = Box::<T>::new_uninit();
    // SAFETY: writes `size_of::<T>()` bytes into its own storage.
    unsafe { core::ptr::write_bytes(v.as_mut_ptr().cast::<u8>(), STRUCT_FILL, size_of::<T>()) };
    v
}

/// The struct still holds `STRUCT_FILL` only.
fn untouched<T>(v: &MaybeUninit<T>, what: &str) {
    // SAFETY: every byte was written by `filled`, and a failed call wrote
    // none (what this checks); reading them as bytes is sound either way
    // for the plain-data structs used here.
    let raw = unsafe { core::slice::from_raw_parts(v.as_ptr().cast::<u8>(), size_of::<T>()) };
    assert!(
        raw.iter().all(|&b| b == STRUCT_FILL),
        "{what}: result changed on failure"
    );
}

/// An output buffer: `cap` bytes of `SENTINEL`, or NULL with capacity 0.
struct Out {
    buf: Vec<u8>,
    null: bool,
}

impl Out {
    fn new(cap: usize, null: bool) -> Out {
        Out {
            buf: vec![SENTINEL; if null { 0 } else { cap }],
            null,
        }
    }

    fn ptr(&mut self) -> *mut u8 {
        if self.null {
            core::ptr::null_mut()
        } else {
            self.buf.as_mut_ptr()
        }
    }

    fn cap(&self) -> usize {
        self.buf.len()
    }

    /// After a failure: no byte of a partial result (each unchanged or
    /// wiped to zero).
    fn no_partial(&self, status: i32, what: &str) {
        assert!(
            self.buf.iter().all(|&b| b == SENTINEL || b == 0),
            "{what}: status {status} left a partial result in the buffer"
        );
    }
}

/// Calls a writer `f(out, cap, &len)` into `out` and checks the contract
/// of every buffer-writing function: a named status; on `JETON_OK` a
/// length within the capacity; on `JETON_ERR_BUFFER_TOO_SMALL` a length
/// past it, and a second call with exactly that much room succeeding with
/// that length (when `retry`); on any other failure `out_len` untouched;
/// on any failure no partial result. Returns the status and, on success,
/// the bytes written.
fn sized(
    out: &mut Out,
    retry: bool,
    what: &str,
    mut f: impl FnMut(*mut u8, usize, *mut usize) -> i32,
) -> (i32, Vec<u8>) {
    let mut len = LEN_FILL;
    let cap = out.cap();
    let s = f(out.ptr(), cap, &mut len);
    named(s);
    match s {
        OK => {
            assert!(len <= cap, "{what}: length {len} past capacity {cap}");
            (s, out.buf[..len].to_vec())
        }
        TOO_SMALL => {
            assert!(len > cap, "{what}: too small for {len} with capacity {cap}");
            out.no_partial(s, what);
            if !retry || len > 1 << 20 {
                return (s, Vec::new());
            }
            let mut again = vec![SENTINEL; len];
            let mut len2 = LEN_FILL;
            let s2 = f(again.as_mut_ptr(), len, &mut len2);
            assert_eq!(s2, OK, "{what}: {len} bytes were said to fit");
            assert_eq!(
                len2, len,
                "{what}: the length said to fit is not the length written"
            );
            (s2, again)
        }
        _ => {
            assert_eq!(len, LEN_FILL, "{what}: out_len written on failure {s}");
            out.no_partial(s, what);
            (s, Vec::new())
        }
    }
}

/// Entropy for the `jeton_entropy_fn` callbacks: the fuzzer's bytes
/// cycled (a counter when there are none), or a failure.
struct Entropy {
    bytes: Vec<u8>,
    pos: usize,
    fail: bool,
}

unsafe extern "C" fn fill(ctx: *mut c_void, buf: *mut u8, len: usize) -> i32 {
    // SAFETY: `ctx` is the `Entropy` given with this callback, `buf`
    // writable for `len` bytes (the callback contract).
    let (e, out) = unsafe {
        (
            &mut *ctx.cast::<Entropy>(),
            core::slice::from_raw_parts_mut(buf, len),
        )
    };
    if e.fail {
        return INVALID;
    }
    for b in out {
        *b = match e.bytes.get(e.pos % e.bytes.len().max(1)) {
            Some(&x) => x,
            None => e.pos as u8,
        };
        e.pos += 1;
    }
    OK
}

/// The keys every operation may use.
struct Keys {
    ring: Box<MaybeUninit<mac::jeton_key_ring>>,
    /// HS256 (index 0) and the private ES256 key (index 1).
    set: Box<MaybeUninit<jwt::jeton_jwt_key_set>>,
    /// The public ES256 key only.
    jwks: Box<MaybeUninit<jwt::jeton_jwks>>,
    list: Box<MaybeUninit<revocation::jeton_revocation_list>>,
}

impl Keys {
    fn new() -> Keys {
        let mut key = MaybeUninit::<mac::jeton_hmac_key>::zeroed();
        let mut k = Keys {
            ring: Box::new(MaybeUninit::zeroed()),
            set: Box::new(MaybeUninit::zeroed()),
            jwks: Box::new(MaybeUninit::zeroed()),
            list: Box::new(MaybeUninit::zeroed()),
        };
        // SAFETY: zeroed storage of each object's own type; inputs are
        // constants.
        unsafe {
            assert_eq!(
                mac::jeton_hmac_key_init(
                    key.as_mut_ptr(),
                    mac::JETON_HMAC_SHA256,
                    SECRET.as_ptr(),
                    SECRET.len()
                ),
                OK
            );
            assert_eq!(mac::jeton_key_ring_init(k.ring.as_mut_ptr()), OK);
            assert_eq!(
                mac::jeton_key_ring_push(k.ring.as_mut_ptr(), key.as_ptr()),
                OK
            );
            assert_eq!(mac::jeton_hmac_key_clear(key.as_mut_ptr()), OK);
            assert_eq!(jwt::jeton_jwt_key_set_init(k.set.as_mut_ptr()), OK);
            assert_eq!(
                jwt::jeton_jwt_key_set_add(
                    k.set.as_mut_ptr(),
                    jwt::JETON_JWT_HS256,
                    SECRET.as_ptr(),
                    SECRET.len(),
                    b"hs".as_ptr(),
                    2
                ),
                OK
            );
            assert_eq!(
                jwt::jeton_jwt_key_set_add_private_jwk(
                    k.set.as_mut_ptr(),
                    ES256_PRIVATE_JWK.as_ptr(),
                    ES256_PRIVATE_JWK.len()
                ),
                OK
            );
            assert_eq!(jwt::jeton_jwks_init(k.jwks.as_mut_ptr()), OK);
            assert_eq!(
                jwt::jeton_jwks_load(
                    k.jwks.as_mut_ptr(),
                    ES256_JWKS.as_ptr(),
                    ES256_JWKS.len(),
                    core::ptr::null_mut()
                ),
                OK
            );
            assert_eq!(
                revocation::jeton_revocation_list_init(k.list.as_mut_ptr()),
                OK
            );
        }
        k
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        // SAFETY: initialized objects of their types.
        unsafe {
            named(mac::jeton_key_ring_clear(self.ring.as_mut_ptr()));
            named(jwt::jeton_jwt_key_set_clear(self.set.as_mut_ptr()));
            named(jwt::jeton_jwks_clear(self.jwks.as_mut_ptr()));
            named(revocation::jeton_revocation_list_clear(
                self.list.as_mut_ptr(),
            ));
        }
    }
}

/// `from_utf8_lossy` as bytes: what a form decoder yields for any bytes
/// (the WHATWG decoder replaces maximal ill-formed subparts, as Rust does).
fn lossy(data: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(data).into_owned().into_bytes()
}

/// Decodes one form name or value through the C ABI.
fn decode(data: &[u8]) -> Vec<u8> {
    // Three bytes per input byte: a byte that is not UTF-8 becomes U+FFFD.
    let mut out = vec![0u8; 3 * data.len()];
    let mut len = 0usize;
    // SAFETY: `data` readable, `out` writable for their lengths.
    let s = unsafe {
        oauth::jeton_oauth_form_decode(
            data.as_ptr(),
            data.len(),
            out.as_mut_ptr(),
            out.len(),
            &mut len,
        )
    };
    assert_eq!(s, OK, "form_decode refused with 3 * data_len room");
    out.truncate(len);
    out
}

/// The pairs of a form, decoded, through the C iteration.
fn pairs(form: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut iter = MaybeUninit::<oauth::jeton_oauth_form_iter>::zeroed();
    let mut got = Vec::new();
    // SAFETY: `iter` is storage of its type; `form` outlives the iteration.
    unsafe {
        assert_eq!(
            oauth::jeton_oauth_form_iter_init(iter.as_mut_ptr(), form.as_ptr(), form.len()),
            OK
        );
        loop {
            let mut pair = filled::<oauth::jeton_oauth_form_pair>();
            let s = oauth::jeton_oauth_form_iter_next(iter.as_mut_ptr(), pair.as_mut_ptr());
            named(s);
            if s == DONE {
                untouched(&pair, "form_iter_next DONE");
                assert_eq!(
                    oauth::jeton_oauth_form_iter_next(iter.as_mut_ptr(), pair.as_mut_ptr()),
                    DONE
                );
                break;
            }
            assert_eq!(s, OK);
            let pair = pair.assume_init();
            got.push((decode(read(pair.name)), decode(read(pair.value))));
        }
    }
    got
}

fn param(name: &[u8], value: &[u8]) -> (Vec<u8>, Vec<u8>) {
    (name.to_vec(), value.to_vec())
}

/// Form encode, decode and equals against each other, the core and the
/// WHATWG model.
fn form(inp: &Input) {
    let x = &inp.a;
    let mut out = Out::new(usize::from(inp.cap), inp.null(1));
    // SAFETY (all calls): views are NULL or readable for their lengths,
    // buffers writable for their capacities.
    let (s, enc) = sized(&mut out, true, "form_encode", |p, c, l| unsafe {
        oauth::jeton_oauth_form_encode(inp.ptr(0, x), inp.len(0, x), p, c, l)
    });
    if inp.null(0) {
        assert_eq!(s, NULL);
        return;
    }
    assert_eq!(s, OK);
    let mut core_out = vec![0u8; 3 * x.len()];
    let n = jeton::oauth::form::encode(x, &mut core_out).expect("3n suffices");
    assert_eq!(enc, &core_out[..n], "form_encode differs from the core");
    assert_eq!(enc.len(), jeton::oauth::form::encoded_len(x));
    // `A-Z a-z 0-9 * - . _` stay, space is `+`, the rest `%XX` upper case.
    let mut model = Vec::new();
    for &b in x {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => model.push(b),
            b' ' => model.push(b'+'),
            _ => model.extend_from_slice(format!("%{b:02X}").as_bytes()),
        }
    }
    assert_eq!(enc, model, "form_encode differs from URLSearchParams");
    assert_eq!(decode(&enc), lossy(x), "decode(encode(x)) is not x");

    // Decode arbitrary bytes: the core's answer, never longer.
    let y = &inp.b;
    let mut out = Out::new(usize::from(inp.cap), inp.null(3));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, dec) = sized(&mut out, true, "form_decode", |p, c, l| unsafe {
        oauth::jeton_oauth_form_decode(inp.ptr(2, y), inp.len(2, y), p, c, l)
    });
    if inp.null(2) {
        assert_eq!(s, NULL);
    } else {
        assert_eq!(s, OK);
        assert!(
            dec.len()
                <= if core::str::from_utf8(y).is_ok() {
                    y.len()
                } else {
                    3 * y.len()
                }
        );
        let mut core_out = vec![0u8; 3 * y.len()];
        let n = jeton::oauth::form::decode(y, &mut core_out).expect("3 * data_len suffices");
        assert_eq!(dec, &core_out[..n], "form_decode differs from the core");
        assert!(
            core::str::from_utf8(&dec).is_ok(),
            "form_decode wrote non-UTF-8"
        );
    }

    // Equals: `decode(encoded) == expected`.
    for (encoded, expected) in [(&enc[..], &x[..]), (&y[..], &inp.c[..]), (&y[..], &dec[..])] {
        let mut equal = false;
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe {
            oauth::jeton_oauth_form_equals(
                encoded.as_ptr(),
                encoded.len(),
                expected.as_ptr(),
                expected.len(),
                &mut equal,
            )
        };
        assert_eq!(s, OK);
        assert_eq!(
            equal,
            decode(encoded) == expected,
            "form_equals disagrees with form_decode"
        );
    }
    let mut equal = true;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        oauth::jeton_oauth_form_equals(
            inp.ptr(4, y),
            inp.len(4, y),
            inp.ptr(5, x),
            inp.len(5, x),
            &mut equal,
        )
    };
    named(s);
    assert_eq!(s == NULL, inp.null(4) || inp.null(5));
}

/// The fuzzer's extra parameters as C params (views NULL by its bits).
fn c_params(inp: &Input, base: u32) -> Vec<oauth::jeton_oauth_param> {
    inp.extra
        .iter()
        .enumerate()
        .map(|(i, (n, v))| oauth::jeton_oauth_param {
            name: inp.view(base + 2 * i as u32, n),
            value: inp.view(base + 2 * i as u32 + 1, v),
        })
        .collect()
}

fn any_null_param(inp: &Input, base: u32) -> bool {
    (0..inp.extra.len()).any(|i| inp.null(base + 2 * i as u32) || inp.null(base + 2 * i as u32 + 1))
}

/// form_write and url_write, read back with form_query and form_iter.
fn form_write(inp: &Input) {
    let params = c_params(inp, 4);
    let any_null = any_null_param(inp, 4);
    let expected: Vec<_> = inp
        .extra
        .iter()
        .map(|(n, v)| (lossy(n), lossy(v)))
        .collect();
    let (params_ptr, count) = if inp.null(0) {
        (
            core::ptr::null(),
            if inp.huge {
                usize::MAX / 2
            } else {
                params.len()
            },
        )
    } else {
        (params.as_ptr(), params.len())
    };
    let mut out = Out::new(usize::from(inp.cap), inp.null(1));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, form) = sized(&mut out, true, "form_write", |p, c, l| unsafe {
        oauth::jeton_oauth_form_write(params_ptr, count, p, c, l)
    });
    if inp.null(0) || any_null {
        assert_eq!(s, NULL, "form_write with a NULL view");
    } else {
        assert_eq!(s, OK);
        assert_eq!(pairs(&form), expected, "form_write does not read back");
    }

    // The endpoint: the fuzzer's, or one with or without a query.
    let endpoint: &[u8] = match inp.kind % 4 {
        0 => b"https://as.example/authorize",
        1 => b"https://as.example/authorize?tenant=a%20b&x",
        _ => &inp.a,
    };
    let mut out = Out::new(usize::from(inp.cap), inp.null(1));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, url) = sized(&mut out, true, "url_write", |p, c, l| unsafe {
        oauth::jeton_oauth_url_write(
            inp.ptr(2, endpoint),
            inp.len(2, endpoint),
            params_ptr,
            count,
            p,
            c,
            l,
        )
    });
    if s != OK {
        return;
    }
    assert!(!inp.null(2) && !inp.null(0) && !any_null);
    assert!(url.starts_with(endpoint), "url_write changed the endpoint");
    // Its query, found as the core finds it, holds the endpoint's pairs
    // then the parameters.
    let mut query = filled::<jeton_bytes>();
    assert_eq!(
        // SAFETY: views NULL or readable, buffers writable, as passed.
        unsafe { oauth::jeton_oauth_form_query(url.as_ptr(), url.len(), query.as_mut_ptr()) },
        OK
    );
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let query = unsafe { read(query.assume_init_read()) };
    assert_eq!(query, jeton::oauth::form::query(&url));
    let own = jeton::oauth::form::query(endpoint);
    let mut want = pairs(own);
    want.extend(expected);
    assert_eq!(pairs(query), want, "url_write does not read back");
}

/// form_query and form_iter on arbitrary bytes, against the core.
fn form_iter(inp: &Input) {
    let t = &inp.a;
    let mut q = filled::<jeton_bytes>();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe { oauth::jeton_oauth_form_query(inp.ptr(0, t), inp.len(0, t), q.as_mut_ptr()) };
    named(s);
    if inp.null(0) {
        assert_eq!(s, NULL);
        untouched(&q, "form_query");
    } else {
        assert_eq!(s, OK);
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { read(q.assume_init_read()) },
            jeton::oauth::form::query(t)
        );
    }
    let mut iter = filled::<oauth::jeton_oauth_form_iter>();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        oauth::jeton_oauth_form_iter_init(iter.as_mut_ptr(), inp.ptr(1, t), inp.len(1, t))
    };
    named(s);
    if s != OK {
        untouched(&iter, "form_iter_init");
        // A never-started iteration is refused, not read.
        let mut z = MaybeUninit::<oauth::jeton_oauth_form_iter>::zeroed();
        let mut pair = filled::<oauth::jeton_oauth_form_pair>();
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { oauth::jeton_oauth_form_iter_next(z.as_mut_ptr(), pair.as_mut_ptr()) },
            code::JETON_ERR_NOT_INITIALIZED as i32
        );
        untouched(&pair, "form_iter_next");
        return;
    }
    let mut core_pairs = jeton::oauth::form::pairs(t);
    for _ in 0..=t.len() {
        let mut pair = filled::<oauth::jeton_oauth_form_pair>();
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe { oauth::jeton_oauth_form_iter_next(iter.as_mut_ptr(), pair.as_mut_ptr()) };
        named(s);
        match core_pairs.next() {
            None => {
                assert_eq!(s, DONE);
                untouched(&pair, "form_iter_next DONE");
                break;
            }
            Some(p) => {
                assert_eq!(s, OK);
                // SAFETY: views NULL or readable, buffers writable, as passed.
                let pair = unsafe { pair.assume_init() };
                // SAFETY: views NULL or readable, buffers writable, as passed.
                assert_eq!(unsafe { read(pair.name) }, p.name().raw());
                // SAFETY: views NULL or readable, buffers writable, as passed.
                assert_eq!(unsafe { read(pair.value) }, p.value().raw());
            }
        }
    }
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe { oauth::jeton_oauth_form_iter_next(iter.as_mut_ptr(), core::ptr::null_mut()) };
    assert_eq!(s, NULL);
}

/// PKCE: the chain from random bytes to a checked challenge, and every
/// function against the core.
fn pkce(inp: &Input) {
    let random = &inp.a;
    let mut out = Out::new(usize::from(inp.cap), inp.null(1));
    let (s, verifier) = sized(
        &mut out,
        true,
        "pkce_verifier_from_bytes",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |p, c, l| unsafe {
            oauth::jeton_pkce_verifier_from_bytes(inp.ptr(0, random), inp.len(0, random), p, c, l)
        },
    );
    if inp.null(0) {
        assert_eq!(s, NULL);
    } else if random.len() < 32 {
        assert_eq!(s, code::JETON_ERR_ENTROPY_TOO_SHORT as i32);
    } else if random.len() > 96 {
        assert_eq!(s, code::JETON_ERR_INPUT_TOO_LONG as i32);
    } else {
        assert_eq!(s, OK);
        let mut core_out = [0u8; 128];
        let n =
            jeton::oauth::pkce::verifier_from_bytes(random, &mut core_out).expect("core agrees");
        assert_eq!(verifier, &core_out[..n]);
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { oauth::jeton_pkce_verifier_validate(verifier.as_ptr(), verifier.len()) },
            OK
        );
    }

    // Generate: 43 characters, valid, from the callback's bytes.
    let mut e = Entropy {
        bytes: inp.b.clone(),
        pos: 0,
        fail: inp.kind & 1 == 1,
    };
    let ctx: *mut c_void = (&raw mut e).cast();
    let mut out = Out::new(usize::from(inp.cap), inp.null(2));
    let (s, generated) = sized(
        &mut out,
        false,
        "pkce_verifier_generate",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |p, c, l| unsafe {
            oauth::jeton_pkce_verifier_generate(
                if inp.null(3) { None } else { Some(fill) },
                ctx,
                p,
                c,
                l,
            )
        },
    );
    if s == OK {
        assert_eq!(generated.len(), oauth::JETON_PKCE_VERIFIER_LEN);
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { oauth::jeton_pkce_verifier_validate(generated.as_ptr(), generated.len()) },
            OK
        );
        assert!(!e.fail);
    } else if s == TOO_SMALL {
        assert_eq!(e.pos, 0, "fill called before the size check");
    }

    // Validate arbitrary bytes as the core does; S256 of a valid one.
    let v = &inp.c;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe { oauth::jeton_pkce_verifier_validate(inp.ptr(4, v), inp.len(4, v)) };
    named(s);
    let well_formed = !inp.null(4) && jeton::oauth::pkce::is_well_formed_verifier(v);
    assert_eq!(
        s == OK,
        well_formed,
        "verifier_validate differs from the core"
    );
    for v in [&v[..], &verifier[..]] {
        let mut out = Out::new(usize::from(inp.cap), inp.null(5));
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let (s, challenge) = sized(&mut out, true, "pkce_challenge_s256", |p, c, l| unsafe {
            oauth::jeton_pkce_challenge_s256(v.as_ptr(), v.len(), p, c, l)
        });
        if !jeton::oauth::pkce::is_well_formed_verifier(v) {
            assert_eq!(s, code::JETON_ERR_PKCE_VERIFIER_INVALID as i32);
            continue;
        }
        assert_eq!(s, OK);
        let mut core_out = [0u8; 43];
        let n = jeton::oauth::pkce::challenge_s256(v, &mut core_out).expect("valid verifier");
        assert_eq!(challenge, &core_out[..n]);
        // RFC 7636 4.2: BASE64URL(SHA256(verifier)).
        use sha2::Digest;
        let digest = sha2::Sha256::digest(v);
        assert_eq!(challenge, b64url(&digest));
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { oauth::jeton_pkce_challenge_validate(challenge.as_ptr(), challenge.len()) },
            OK
        );
    }
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe { oauth::jeton_pkce_challenge_validate(inp.ptr(6, v), inp.len(6, v)) };
    named(s);
    assert_eq!(
        s == OK,
        !inp.null(6) && jeton::oauth::pkce::is_well_formed_s256_challenge(v)
    );

    let mut method = filled::<oauth::jeton_pkce_method>();
    let allow_plain = inp.kind & 2 == 2;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        oauth::jeton_pkce_method_parse(
            inp.ptr(7, v),
            inp.len(7, v),
            allow_plain,
            method.as_mut_ptr(),
        )
    };
    named(s);
    if s != OK {
        untouched(&method, "pkce_method_parse");
    }
    if !inp.null(7) {
        let core = jeton::oauth::pkce::Method::from_name(v, allow_plain);
        assert_eq!(s == OK, core.is_ok(), "method_parse differs from the core");
        let want = match &v[..] {
            b"S256" => Some(oauth::JETON_PKCE_S256),
            b"plain" if allow_plain => Some(oauth::JETON_PKCE_PLAIN),
            _ => None,
        };
        assert_eq!(
            if s == OK {
                // SAFETY: views NULL or readable, buffers writable, as passed.
                Some(unsafe { method.assume_init_read() })
            } else {
                None
            },
            want
        );
    }
}

/// Unpadded base64url.
fn b64url(data: &[u8]) -> Vec<u8> {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = Vec::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize]);
        }
    }
    out
}

/// State: issue, cookie, verify, and the refusals.
fn state(inp: &Input, k: &mut Keys) {
    let payload = &inp.a;
    let mut e = Entropy {
        bytes: inp.b.clone(),
        pos: 0,
        fail: inp.kind & 0x100 != 0 && inp.kind & 1 == 1,
    };
    let ctx: *mut c_void = (&raw mut e).cast();
    let now = inp.now % (1 << 40);
    let max_age = inp.num % 100_000;
    let mut issued = filled::<oauth::jeton_oauth_new_state>();
    let mut out = Out::new(
        if inp.cap.is_multiple_of(4) {
            usize::from(inp.cap)
        } else {
            oauth::JETON_OAUTH_STATE_MAX_LEN
        },
        inp.null(1),
    );
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, state) = sized(&mut out, false, "state_issue", |p, c, l| unsafe {
        oauth::jeton_oauth_state_issue(
            k.ring.as_ptr(),
            if inp.null(2) { None } else { Some(fill) },
            ctx,
            now,
            max_age,
            inp.ptr(0, payload),
            inp.len(0, payload),
            p,
            c,
            l,
            issued.as_mut_ptr(),
        )
    });
    if inp.null(0) && !payload.is_empty() {
        assert_ne!(s, OK, "state_issue read a NULL payload");
    }
    if s != OK {
        untouched(&issued, "state_issue");
        if s == TOO_SMALL {
            assert_eq!(e.pos, 0, "state_issue drew entropy before the size check");
        }
        let _ = state_clear_cookie(inp);
        return;
    }
    assert!(state.len() <= oauth::JETON_OAUTH_STATE_MAX_LEN);
    assert!(payload.len() <= oauth::JETON_OAUTH_STATE_MAX_PAYLOAD_LEN);
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let issued = unsafe { issued.assume_init_read() };
    assert_eq!(issued.issued_at, now);
    // The challenge is the S256 of the verifier.
    use sha2::Digest;
    assert_eq!(
        &issued.code_challenge[..],
        &b64url(&sha2::Sha256::digest(issued.code_verifier))[..]
    );

    // The cookie.
    let mut out = Out::new(usize::from(inp.cap), inp.null(3));
    let same_site = inp.kind2 % 5;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, cookie) = sized(&mut out, true, "state_write_cookie", |p, c, l| unsafe {
        oauth::jeton_oauth_state_write_cookie(&issued, same_site, p, c, l)
    });
    if s == OK {
        let binding = core::str::from_utf8(&issued.binding).expect("cookie-octets");
        let prefix = format!(
            "__Host-jeton-oauth={binding}; Path=/; Max-Age={}",
            if max_age == 0 {
                oauth::JETON_OAUTH_STATE_DEFAULT_MAX_AGE
            } else {
                max_age
            }
        );
        assert!(
            cookie.starts_with(prefix.as_bytes()),
            "state cookie {:?}",
            String::from_utf8_lossy(&cookie)
        );
    } else if s != TOO_SMALL {
        assert!(
            same_site > set_cookie::JETON_SAME_SITE_NONE,
            "state_write_cookie refused {s}"
        );
        assert_eq!(s, INVALID);
    }
    let _ = state_clear_cookie(inp);

    let verify = |state: &[u8],
                  binding: &[u8],
                  at: i64,
                  max: u64,
                  used: *mut revocation::jeton_revocation_list| {
        let mut verified = filled::<oauth::jeton_oauth_verified_state>();
        let mut back = vec![SENTINEL; oauth::JETON_OAUTH_STATE_MAX_PAYLOAD_LEN];
        let mut n = LEN_FILL;
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe {
            oauth::jeton_oauth_state_verify(
                k.ring.as_ptr(),
                used,
                state.as_ptr(),
                state.len(),
                binding.as_ptr(),
                binding.len(),
                at,
                max,
                back.as_mut_ptr(),
                back.len(),
                &mut n,
                verified.as_mut_ptr(),
            )
        };
        named(s);
        if s == OK {
            back.truncate(n);
            // SAFETY: views NULL or readable, buffers writable, as passed.
            (s, Some((unsafe { verified.assume_init() }, back)))
        } else {
            untouched(&verified, "state_verify");
            assert!(
                back.iter().all(|&b| b == SENTINEL || b == 0),
                "state_verify left a partial payload"
            );
            (s, None)
        }
    };
    let lifetime = if max_age == 0 {
        oauth::JETON_OAUTH_STATE_DEFAULT_MAX_AGE
    } else {
        max_age
    };
    let later = now + (inp.flip as i64 % lifetime as i64);
    let (s, got) = verify(
        &state,
        &issued.binding,
        later,
        max_age,
        core::ptr::null_mut(),
    );
    assert_eq!(s, OK, "a fresh state with its cookie is refused");
    let (v, back) = got.expect("verified");
    assert_eq!(back, &payload[..], "the payload does not come back");
    assert_eq!(v.issued_at, now);
    assert_eq!(v.nonce, issued.nonce);
    assert_eq!(v.code_verifier, issued.code_verifier);
    assert_eq!(v.key_index, 0);

    // Single use with a list: once, then replayed; the list unchanged by
    // a refusal.
    let list = k.list.as_mut_ptr();
    // A refusal records nothing: refused with the wrong cookie, then
    // accepted with the right one.
    let mut wrong = issued.binding;
    wrong[usize::from(inp.flip) % wrong.len()] ^= 2;
    assert_eq!(
        verify(&state, &wrong, later, max_age, list).0,
        code::JETON_ERR_OAUTH_STATE_NOT_BOUND as i32
    );
    assert_eq!(verify(&state, &issued.binding, later, max_age, list).0, OK);
    assert_eq!(
        verify(&state, &issued.binding, later, max_age, list).0,
        code::JETON_ERR_OAUTH_STATE_REPLAYED as i32
    );

    // Refusals: a flipped byte, another cookie, no cookie, too late.
    let mut flipped = state.clone();
    let at = usize::from(inp.flip) % flipped.len();
    flipped[at] ^= 1 << (inp.kind % 8);
    let (s, _) = verify(
        &flipped,
        &issued.binding,
        later,
        max_age,
        core::ptr::null_mut(),
    );
    assert_ne!(s, OK, "a flipped state passes");
    let mut other = issued.binding;
    other[at % other.len()] ^= 1;
    assert_eq!(
        verify(&state, &other, later, max_age, core::ptr::null_mut()).0,
        code::JETON_ERR_OAUTH_STATE_NOT_BOUND as i32
    );
    assert_eq!(
        verify(&state, &[], later, max_age, core::ptr::null_mut()).0,
        code::JETON_ERR_OAUTH_STATE_NOT_BOUND as i32
    );
    assert_eq!(
        verify(
            &state,
            &issued.binding[..42],
            later,
            max_age,
            core::ptr::null_mut()
        )
        .0,
        code::JETON_ERR_OAUTH_STATE_NOT_BOUND as i32
    );
    // Expired from `max_age` seconds on (at its signed expiry).
    let too_late = now + lifetime as i64 + (inp.num as i64 & 0xffff);
    assert_eq!(
        verify(
            &state,
            &issued.binding,
            too_late,
            max_age,
            core::ptr::null_mut()
        )
        .0,
        code::JETON_ERR_OAUTH_STATE_EXPIRED as i32
    );
    assert_eq!(
        verify(&[], &issued.binding, later, max_age, core::ptr::null_mut()).0,
        code::JETON_ERR_OAUTH_STATE_INVALID as i32
    );
    // A payload buffer too small: the length, nothing written.
    if !payload.is_empty() {
        let mut verified = filled::<oauth::jeton_oauth_verified_state>();
        let mut small = vec![SENTINEL; payload.len() - 1];
        let mut n = LEN_FILL;
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe {
            oauth::jeton_oauth_state_verify(
                k.ring.as_ptr(),
                core::ptr::null_mut(),
                state.as_ptr(),
                state.len(),
                issued.binding.as_ptr(),
                issued.binding.len(),
                later,
                max_age,
                small.as_mut_ptr(),
                small.len(),
                &mut n,
                verified.as_mut_ptr(),
            )
        };
        assert_eq!(s, TOO_SMALL);
        assert_eq!(n, payload.len());
        untouched(&verified, "state_verify too small");
        assert!(small.iter().all(|&b| b == SENTINEL || b == 0));
    }
}

fn state_clear_cookie(inp: &Input) -> Vec<u8> {
    let mut out = Out::new(usize::from(inp.cap), inp.null(6));
    let (s, c) = sized(
        &mut out,
        true,
        "state_write_clear_cookie",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |p, c, l| unsafe { oauth::jeton_oauth_state_write_clear_cookie(p, c, l) },
    );
    if s == OK {
        assert_eq!(
            c,
            b"__Host-jeton-oauth=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax"
        );
    }
    c
}

/// CSRF: a token verifies for its binding until it expires, and not for
/// another binding, another copy or a flipped byte.
fn csrf(inp: &Input, k: &Keys) {
    let binding = &inp.a;
    let expires = inp.now % (1 << 40);
    let mut out = Out::new(usize::from(inp.cap), inp.null(1));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, token) = sized(&mut out, true, "csrf_token", |p, c, l| unsafe {
        signed::jeton_csrf_token(
            k.ring.as_ptr(),
            inp.ptr(0, binding),
            inp.len(0, binding),
            expires,
            p,
            c,
            l,
        )
    });
    let verify = |b: &[u8], cookie: &[u8], submitted: &[u8], now: i64| {
        let mut index = LEN_FILL;
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe {
            signed::jeton_csrf_verify(
                k.ring.as_ptr(),
                b.as_ptr(),
                b.len(),
                cookie.as_ptr(),
                cookie.len(),
                submitted.as_ptr(),
                submitted.len(),
                now,
                &mut index,
            )
        };
        named(s);
        if s == OK {
            assert_eq!(index, 0);
        } else {
            assert_eq!(index, LEN_FILL, "csrf_verify wrote key_index on failure");
        }
        s
    };
    // Arbitrary copies.
    verify(binding, &inp.b, &inp.c, inp.now);
    if s != OK {
        if inp.null(0) {
            assert_eq!(s, NULL);
        }
        return;
    }
    let before = expires - 1 - (inp.num % 1000) as i64;
    assert_eq!(
        verify(binding, &token, &token, before),
        OK,
        "a fresh CSRF token is refused"
    );
    assert_ne!(
        verify(
            binding,
            &token,
            &token,
            expires + 1 + (inp.num % 1000) as i64
        ),
        OK,
        "an expired CSRF token passes"
    );
    assert_ne!(verify(binding, &token, b"", before), OK);
    let mut other = binding.clone();
    other.push(inp.flip as u8);
    assert_ne!(
        verify(&other, &token, &token, before),
        OK,
        "a CSRF token passes for another binding"
    );
    let mut flipped = token.clone();
    let at = usize::from(inp.flip) % flipped.len();
    flipped[at] ^= 1 << (inp.kind % 8);
    assert_ne!(
        verify(binding, &flipped, &flipped, before),
        OK,
        "a flipped CSRF token passes"
    );
    assert_ne!(verify(binding, &token, &flipped, before), OK);
}

/// DPoP: write, verify for the same request, refuse another; htu.
fn dpop(inp: &Input, k: &mut Keys) {
    // Most runs without NULL views, fresh entropy of a good length and
    // the signing key, so that proofs get written and verified.
    let masked;
    let inp = if inp.kind & 64 == 0 {
        masked = Input {
            nulls: 0,
            ..inp.clone()
        };
        &masked
    } else {
        inp
    };
    let method: &[u8] = if inp.kind & 1 == 0 { b"POST" } else { &inp.b };
    let uri: &[u8] = if inp.kind & 2 == 0 {
        b"https://rs.example/api/items?x=1#f"
    } else {
        &inp.a
    };
    let entropy: &[u8] = if inp.kind & 32 == 0 {
        b"0123456789abcdef0123456789abcdef"
    } else {
        &inp.c
    };
    let iat = inp.now % (1 << 40);
    let token: &[u8] = if inp.kind & 4 == 0 {
        b""
    } else {
        b"access-token.abc"
    };
    let nonce: &[u8] = if inp.kind & 8 == 0 { b"" } else { &inp.a };
    let proof = oauth::jeton_dpop_proof {
        method: inp.view(0, method),
        uri: inp.view(1, uri),
        iat,
        jti_entropy: inp.view(2, entropy),
        access_token: if token.is_empty() {
            ABSENT
        } else {
            inp.view(3, token)
        },
        nonce: if nonce.is_empty() {
            ABSENT
        } else {
            inp.view(4, nonce)
        },
    };
    let index = if inp.kind & 128 == 0 {
        1
    } else {
        (inp.kind2 % 3) as usize
    };
    let mut out = Out::new(
        if inp.cap.is_multiple_of(4) {
            usize::from(inp.cap)
        } else {
            2048
        },
        inp.null(5),
    );
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, written) = sized(&mut out, true, "dpop_proof_write", |p, c, l| unsafe {
        oauth::jeton_dpop_proof_write(
            k.set.as_ptr(),
            index,
            if inp.null(6) {
                core::ptr::null()
            } else {
                &proof
            },
            p,
            c,
            l,
        )
    });

    // htu: the URI before `?` and `#`, as the core says.
    let mut htu = filled::<jeton_bytes>();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let hs = unsafe { oauth::jeton_dpop_htu(inp.ptr(7, uri), inp.len(7, uri), htu.as_mut_ptr()) };
    named(hs);
    if hs == OK {
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let htu = unsafe { read(htu.assume_init_read()) };
        let end = uri
            .iter()
            .position(|&b| b == b'?' || b == b'#')
            .unwrap_or(uri.len());
        assert_eq!(htu, &uri[..end]);
        if let Ok(text) = core::str::from_utf8(uri) {
            assert_eq!(htu, jeton::oauth::dpop::htu(text).as_bytes());
        }
    } else {
        assert_eq!(hs, NULL);
        untouched(&htu, "dpop_htu");
    }

    // Verify arbitrary bytes or the proof written, for this request or
    // another method, with a replay list.
    let candidate: &[u8] = if s == OK { &written } else { &inp.b };
    let other_method: &[u8] = if method == b"GET" { b"PUT" } else { b"GET" };
    let thumb;
    let mut jkt = ABSENT;
    if s == OK && inp.kind & 16 != 0 {
        // Bound to the ES256 key: its RFC 7638 thumbprint.
        let x = "TPdlQzNHgLQclc94iy1Ml3wjhq-r2lgRPYUxZBmC6a0";
        let y = "P0sXnaNZOY2-P5n9ewUz4t4j4iR8n5zo7-KkB21d9Ks";
        use sha2::Digest;
        let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
        thumb = b64url(&sha2::Sha256::digest(canonical.as_bytes()));
        jkt = bytes(&thumb);
    }
    let algs = [jwt::JETON_JWT_ES256, inp.kind2];
    let check = |m: &[u8], u: &[u8], replay: *mut revocation::jeton_revocation_list, bad: bool| {
        let v = oauth::jeton_dpop_validation {
            now: iat + (inp.flip % 300) as i64,
            method: bytes(m),
            uri: bytes(u),
            max_age: inp.num,
            leeway: inp.num >> 48,
            algorithms: if bad && inp.null(8) {
                core::ptr::null()
            } else {
                algs.as_ptr()
            },
            algorithm_count: if bad {
                (inp.kind2 >> 8) as usize % 3
            } else {
                1
            },
            nonce: if nonce.is_empty() {
                ABSENT
            } else {
                bytes(nonce)
            },
            access_token: if token.is_empty() || jkt.ptr.is_null() {
                ABSENT
            } else {
                bytes(token)
            },
            jkt,
            max_len: 0,
            flags: if bad {
                inp.flags
            } else {
                inp.flags & oauth::JETON_OAUTH_HAS_MAX_AGE
            },
        };
        let mut verified = filled::<oauth::jeton_dpop_verified>();
        let mut out = Out::new(
            if bad {
                usize::from(inp.cap)
            } else {
                candidate.len()
            },
            false,
        );
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let (s, _) = sized(&mut out, false, "dpop_proof_verify", |p, c, l| unsafe {
            oauth::jeton_dpop_proof_verify(
                replay,
                candidate.as_ptr(),
                candidate.len(),
                &v,
                p,
                c,
                l,
                verified.as_mut_ptr(),
            )
        });
        if s != OK {
            untouched(&verified, "dpop_proof_verify");
        }
        s
    };
    // The fuzzer's validation: only the contracts `check` asserts.
    check(method, uri, core::ptr::null_mut(), true);
    if s != OK {
        if s == TOO_SMALL {
            return;
        }
        assert!(
            inp.null(0)
                || inp.null(1)
                || inp.null(2)
                || inp.null(3)
                || inp.null(4)
                || inp.null(6)
                || index != 1
                || entropy.len() < 16
                || entropy.len() > 64
                || core::str::from_utf8(method).is_err()
                || core::str::from_utf8(uri).is_err()
                || core::str::from_utf8(nonce).is_err(),
            "dpop_proof_write refused a good proof: {s}"
        );
        return;
    }
    assert_eq!(index, 1, "a DPoP proof signed with an HMAC key");
    // The same request: accepted (unless the window or the URI's
    // normalization says otherwise), then replayed.
    let max_age_ok = inp.flags & oauth::JETON_OAUTH_HAS_MAX_AGE == 0
        || inp.num.saturating_add(inp.num >> 48) >= inp.flip as u64 % 300;
    let list = k.list.as_mut_ptr();
    // Refused for another method with the list: nothing recorded, so
    // the proof then passes for its own request, once.
    let refused = check(other_method, uri, list, false);
    if method != other_method {
        assert_ne!(refused, OK, "a DPoP proof passes for another method");
    }
    let s = check(method, uri, list, false);
    if max_age_ok && uri.starts_with(b"https://rs.example/") {
        assert_eq!(s, OK, "a DPoP proof is refused for its own request");
        assert_eq!(
            check(method, uri, list, false),
            code::JETON_ERR_DPOP_REPLAYED as i32
        );
    }
    let mut other_uri = uri.to_vec();
    other_uri.splice(0..0, b"https://other.example/".iter().copied());
    assert_ne!(
        check(method, &other_uri, core::ptr::null_mut(), false),
        OK,
        "a DPoP proof passes for another URI"
    );
}

/// A valid S256 challenge (RFC 7636 appendix B).
const CHALLENGE: &[u8] = b"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
/// A valid verifier (RFC 7636 appendix B).
const VERIFIER: &[u8] = b"dBjftJeZ4CVP-mJ92K91HBQS5PBcDXEsl5bSDXdxVdG";
const ASSERTION_TYPE: &[u8] = b"urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// A C array of views of `items` (each NULL by its bit from `base`), and
/// the pointer and count to pass: NULL with a count (huge or not) by bit
/// `array_bit`.
fn c_list(inp: &Input, items: &[Vec<u8>], base: u32, array_bit: u32) -> (Vec<jeton_bytes>, bool) {
    let views = items
        .iter()
        .enumerate()
        .map(|(i, s)| inp.view(base + i as u32, s))
        .collect();
    let any_null = (0..items.len()).any(|i| inp.null(base + i as u32));
    (views, any_null && !inp.null(array_bit))
}

fn array_arg<T>(inp: &Input, v: &[T], bit: u32) -> (*const T, usize) {
    if inp.null(bit) {
        (
            core::ptr::null(),
            if inp.huge { usize::MAX / 3 } else { v.len() },
        )
    } else {
        (v.as_ptr(), v.len())
    }
}

/// The client authentication the fuzzer describes.
struct Auth {
    c: oauth::jeton_oauth_client_auth,
    id: Vec<u8>,
    secret: Vec<u8>,
    assertion: Vec<u8>,
}

fn auth_of(inp: &Input, client_id: &[u8]) -> Auth {
    let id = if inp.kind & 0x1000 != 0 {
        inp.b.clone()
    } else {
        client_id.to_vec()
    };
    let secret = inp.c.clone();
    let assertion = if inp.c.is_empty() {
        b"a.b.c".to_vec()
    } else {
        inp.c.clone()
    };
    let method = inp.kind2 % 5;
    let c = oauth::jeton_oauth_client_auth {
        method,
        client_id: inp.view(20, &id),
        client_secret: inp.view(21, &secret),
        assertion: inp.view(22, &assertion),
    };
    Auth {
        c,
        id,
        secret,
        assertion,
    }
}

impl Auth {
    /// The body parameters of the method (`client_id` unless basic, when
    /// `with_client_id`).
    fn params(&self, with_client_id: bool) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut p = Vec::new();
        if with_client_id && self.c.method != oauth::JETON_OAUTH_AUTH_SECRET_BASIC {
            p.push(param(b"client_id", &self.id));
        }
        match self.c.method {
            oauth::JETON_OAUTH_AUTH_SECRET_POST => p.push(param(b"client_secret", &self.secret)),
            oauth::JETON_OAUTH_AUTH_JWT => {
                p.push(param(b"client_assertion_type", ASSERTION_TYPE));
                p.push(param(b"client_assertion", &self.assertion));
            }
            _ => {}
        }
        p
    }
}

/// Standard padded base64.
fn b64(data: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = b64url(data)
        .iter()
        .map(|&c| match c {
            b'-' => b'+',
            b'_' => b'/',
            c => c,
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push(b'=');
    }
    out
}

/// An encoded form value, as `jeton_oauth_form_encode` writes it.
fn enc(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 3 * data.len()];
    let n = jeton::oauth::form::encode(data, &mut out).expect("3n suffices");
    out.truncate(n);
    out
}

/// Authorization URL, PAR body and PAR URL, read back.
fn authorize(inp: &Input) {
    let client_id = &inp.a;
    let redirect: &[u8] = if inp.kind & 0x40 == 0 {
        b"https://app.example/cb"
    } else {
        &inp.b
    };
    let state: &[u8] = &inp.c;
    let has = |bit: u32| inp.kind >> bit & 1 == 1;
    let nonce: &[u8] = b"n-0S6_WzA2Mj";
    let resources: Vec<Vec<u8>> = if has(5) {
        inp.list
            .iter()
            .map(|s| [&b"https://rs.example/"[..], s].concat())
            .collect()
    } else {
        Vec::new()
    };
    let scope_items: Vec<Vec<u8>> = if has(9) {
        inp.list.clone()
    } else {
        vec![b"openid".to_vec(), b"email".to_vec()]
    };
    let (scopes, _) = c_list(inp, &scope_items, 10, 8);
    let (res, _) = c_list(inp, &resources, 26, 9);
    let extras = c_params(inp, 12);
    let flags = if has(12) {
        inp.flags
    } else {
        inp.flags & (oauth::JETON_OAUTH_PKCE_PLAIN | oauth::JETON_OAUTH_HAS_MAX_AGE)
    };
    let challenge: &[u8] = if flags & oauth::JETON_OAUTH_PKCE_PLAIN != 0 {
        VERIFIER
    } else {
        CHALLENGE
    };
    let (scope_ptr, scope_count) = if has(10) {
        array_arg(inp, &scopes, 8)
    } else {
        (core::ptr::null(), 0)
    };
    let (res_ptr, res_count) = array_arg(inp, &res, 9);
    let (extra_ptr, extra_count) = array_arg(inp, &extras, 11);
    let req = oauth::jeton_oauth_authorization_request {
        client_id: inp.view(0, client_id),
        redirect_uri: inp.view(1, redirect),
        scope: scope_ptr,
        scope_count,
        state: if has(1) { inp.view(2, state) } else { ABSENT },
        nonce: if has(2) { inp.view(3, nonce) } else { ABSENT },
        code_challenge: if has(3) {
            inp.view(4, challenge)
        } else {
            ABSENT
        },
        prompt: if has(4) {
            inp.view(5, b"login consent")
        } else {
            ABSENT
        },
        login_hint: if has(6) { inp.view(6, &inp.b) } else { ABSENT },
        max_age: inp.num,
        resource: res_ptr,
        resource_count: res_count,
        extra: extra_ptr,
        extra_count,
        flags,
    };
    let req_ptr: *const oauth::jeton_oauth_authorization_request =
        if inp.null(7) { core::ptr::null() } else { &req };

    // What the request writes, in the documented order.
    let mut want = vec![
        param(b"response_type", b"code"),
        param(b"client_id", client_id),
        param(b"redirect_uri", redirect),
    ];
    if scope_count > 0 {
        want.push(param(b"scope", &scope_items.join(&b' ')));
    }
    if has(1) && !state.is_empty() {
        want.push(param(b"state", state));
    }
    if has(2) {
        want.push(param(b"nonce", nonce));
    }
    if has(3) {
        want.push(param(b"code_challenge", challenge));
        want.push(param(
            b"code_challenge_method",
            if flags & oauth::JETON_OAUTH_PKCE_PLAIN != 0 {
                b"plain"
            } else {
                b"S256"
            },
        ));
    }
    if has(4) {
        want.push(param(b"prompt", b"login consent"));
    }
    if has(6) && !inp.b.is_empty() {
        want.push(param(b"login_hint", &inp.b));
    }
    if flags & oauth::JETON_OAUTH_HAS_MAX_AGE != 0 {
        want.push(param(b"max_age", inp.num.to_string().as_bytes()));
    }
    for r in &resources {
        want.push(param(b"resource", r));
    }
    for (n, v) in &inp.extra {
        want.push(param(n, v));
    }

    let endpoint: &[u8] = match inp.kind2 >> 8 & 3 {
        0 => b"https://as.example/authorize",
        1 => b"https://as.example/authorize?tenant=a%20b",
        _ => &inp.b,
    };
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, url) = sized(&mut out, true, "authorization_url", |p, c, l| unsafe {
        oauth::jeton_oauth_authorization_url(
            req_ptr,
            inp.ptr(24, endpoint),
            inp.len(24, endpoint),
            p,
            c,
            l,
        )
    });
    if s == OK {
        let mut q = filled::<jeton_bytes>();
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            unsafe { oauth::jeton_oauth_form_query(url.as_ptr(), url.len(), q.as_mut_ptr()) },
            OK
        );
        let mut expected = pairs(jeton::oauth::form::query(endpoint));
        expected.extend(want.iter().cloned());
        assert_eq!(
            // SAFETY: views NULL or readable, buffers writable, as passed.
            pairs(unsafe { read(q.assume_init_read()) }),
            expected,
            "authorization URL does not read back"
        );
        assert!(url.starts_with(endpoint));
    } else if s != TOO_SMALL
        && inp.nulls == 0
        && flags & !(oauth::JETON_OAUTH_PKCE_PLAIN | oauth::JETON_OAUTH_HAS_MAX_AGE) == 0
    {
        // Refused: something is wrong with the text, not the pointers.
        assert_ne!(s, NULL, "authorization_url: NULL_POINTER without a NULL");
    }

    // PAR body: the same parameters, then the authentication's.
    let auth = auth_of(inp, client_id);
    let auth_ptr: *const oauth::jeton_oauth_client_auth = if inp.null(25) {
        core::ptr::null()
    } else {
        &auth.c
    };
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (ps, body) = sized(&mut out, true, "par_body", |p, c, l| unsafe {
        oauth::jeton_oauth_par_body(req_ptr, auth_ptr, p, c, l)
    });
    if ps == OK {
        let endpoint_bad = inp.null(24) || jeton::oauth::url::check_endpoint(endpoint).is_err();
        assert!(
            s == OK || s == TOO_SMALL || endpoint_bad,
            "par_body accepts what authorization_url refused ({s})"
        );
        let mut expected = want.clone();
        expected.extend(auth.params(false));
        assert_eq!(pairs(&body), expected, "PAR body does not read back");
        assert_eq!(auth.id, client_id.to_vec());
    }

    // PAR URL.
    let request_uri: &[u8] = if has(7) {
        b"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c"
    } else {
        &inp.c
    };
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, url) = sized(&mut out, true, "par_url", |p, c, l| unsafe {
        oauth::jeton_oauth_par_url(
            inp.ptr(24, endpoint),
            inp.len(24, endpoint),
            inp.ptr(0, client_id),
            inp.len(0, client_id),
            inp.ptr(27, request_uri),
            inp.len(27, request_uri),
            p,
            c,
            l,
        )
    });
    if s == OK {
        let mut expected = pairs(jeton::oauth::form::query(endpoint));
        expected.push(param(b"client_id", client_id));
        expected.push(param(b"request_uri", request_uri));
        assert_eq!(
            pairs(jeton::oauth::form::query(&url)),
            expected,
            "PAR URL does not read back"
        );
    }
}

/// Token request body, client authentication header, device
/// authorization body and client assertion.
fn token_request(inp: &Input, k: &Keys) {
    let has = |bit: u32| inp.kind >> bit & 1 == 1;
    let grant = inp.kind2 >> 4 & 7;
    let code: &[u8] = &inp.b;
    let redirect: &[u8] = if has(6) {
        &inp.a
    } else {
        b"https://app.example/cb"
    };
    let verifier: &[u8] = if has(7) { &inp.c } else { VERIFIER };
    let no_pkce = has(8);
    let resources: Vec<Vec<u8>> = inp
        .list
        .iter()
        .map(|s| [&b"https://rs.example/"[..], s].concat())
        .collect();
    let (scopes, _) = c_list(inp, &inp.list, 10, 8);
    let (res, _) = c_list(inp, &resources, 26, 9);
    let extras = c_params(inp, 12);
    let (scope_ptr, scope_count) = if has(10) {
        array_arg(inp, &scopes, 8)
    } else {
        (core::ptr::null(), 0)
    };
    let (res_ptr, res_count) = if has(11) {
        array_arg(inp, &res, 9)
    } else {
        (core::ptr::null(), 0)
    };
    let (extra_ptr, extra_count) = array_arg(inp, &extras, 11);
    let flags = if has(12) {
        inp.flags
    } else if no_pkce {
        oauth::JETON_OAUTH_NO_PKCE
    } else {
        0
    };
    let req = oauth::jeton_oauth_token_request {
        grant,
        code: inp.view(0, code),
        redirect_uri: inp.view(1, redirect),
        code_verifier: if no_pkce {
            ABSENT
        } else {
            inp.view(2, verifier)
        },
        refresh_token: inp.view(3, code),
        device_code: inp.view(4, code),
        scope: scope_ptr,
        scope_count,
        resource: res_ptr,
        resource_count: res_count,
        extra: extra_ptr,
        extra_count,
        flags,
    };
    let client_id: &[u8] = if has(13) { &inp.a } else { b"s6BhdRkqt3" };
    let auth = auth_of(inp, client_id);
    let auth_ptr: *const oauth::jeton_oauth_client_auth = if inp.null(25) {
        core::ptr::null()
    } else {
        &auth.c
    };
    let req_ptr: *const oauth::jeton_oauth_token_request =
        if inp.null(7) { core::ptr::null() } else { &req };
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, body) = sized(&mut out, true, "token_request_body", |p, c, l| unsafe {
        oauth::jeton_oauth_token_request_body(req_ptr, auth_ptr, p, c, l)
    });
    if s == OK {
        let mut want = Vec::new();
        match grant {
            oauth::JETON_OAUTH_GRANT_AUTHORIZATION_CODE => {
                want.push(param(b"grant_type", b"authorization_code"));
                want.push(param(b"code", code));
                want.push(param(b"redirect_uri", redirect));
                if !no_pkce {
                    want.push(param(b"code_verifier", verifier));
                }
            }
            oauth::JETON_OAUTH_GRANT_REFRESH_TOKEN => {
                want.push(param(b"grant_type", b"refresh_token"));
                want.push(param(b"refresh_token", code));
            }
            oauth::JETON_OAUTH_GRANT_CLIENT_CREDENTIALS => {
                want.push(param(b"grant_type", b"client_credentials"))
            }
            oauth::JETON_OAUTH_GRANT_DEVICE_CODE => {
                want.push(param(
                    b"grant_type",
                    b"urn:ietf:params:oauth:grant-type:device_code",
                ));
                want.push(param(b"device_code", code));
            }
            g => panic!("token_request_body accepted grant {g}"),
        }
        if scope_count > 0 {
            want.push(param(b"scope", &inp.list.join(&b' ')));
        }
        if res_count > 0 {
            want.extend(resources.iter().map(|r| param(b"resource", r)));
        }
        want.extend(inp.extra.iter().map(|(n, v)| param(n, v)));
        want.extend(auth.params(true));
        assert_eq!(pairs(&body), want, "token request body does not read back");
        assert!(auth.c.method <= oauth::JETON_OAUTH_AUTH_JWT);
    }

    // The Authorization header: Basic with the form-encoded ID and secret.
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, header) = sized(&mut out, true, "client_auth_header", |p, c, l| unsafe {
        oauth::jeton_oauth_client_auth_header(auth_ptr, p, c, l)
    });
    if s == OK {
        if auth.c.method == oauth::JETON_OAUTH_AUTH_SECRET_BASIC {
            let creds = [enc(&auth.id), b":".to_vec(), enc(&auth.secret)].concat();
            assert_eq!(
                header,
                [&b"Basic "[..], &b64(&creds)].concat(),
                "Basic header"
            );
        } else {
            assert!(header.is_empty());
        }
    } else if s == INVALID {
        assert!(
            auth.c.method > oauth::JETON_OAUTH_AUTH_JWT
                || inp.null(20)
                || inp.null(21)
                || inp.null(22)
        );
    }

    // Device authorization body: scope, extras, client_id always, then
    // the rest of the authentication.
    let mut out = Out::new(usize::from(inp.cap), inp.null(23));
    let (s, body) = sized(
        &mut out,
        true,
        "device_authorization_body",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |p, c, l| unsafe {
            oauth::jeton_oauth_device_authorization_body(
                scope_ptr,
                scope_count,
                extra_ptr,
                extra_count,
                auth_ptr,
                p,
                c,
                l,
            )
        },
    );
    if s == OK {
        let mut want = Vec::new();
        if scope_count > 0 {
            want.push(param(b"scope", &inp.list.join(&b' ')));
        }
        want.extend(inp.extra.iter().map(|(n, v)| param(n, v)));
        want.push(param(b"client_id", &auth.id));
        want.extend(auth.params(false));
        assert_eq!(
            pairs(&body),
            want,
            "device authorization body does not read back"
        );
    }

    // A client assertion: a JWT whose claims are the documented ones.
    let mut e = Entropy {
        bytes: inp.c.clone(),
        pos: 0,
        fail: has(14) && has(15),
    };
    let ctx: *mut c_void = (&raw mut e).cast();
    let audience: &[u8] = if has(14) {
        &inp.b
    } else {
        b"https://as.example"
    };
    let index = (inp.kind2 >> 12) as usize % 3;
    let now = inp.now % (1 << 40);
    let mut out = Out::new(
        if has(16) { usize::from(inp.cap) } else { 1024 },
        inp.null(23),
    );
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, jwt) = sized(&mut out, false, "client_assertion", |p, c, l| unsafe {
        // Through `ctx`, which `fill` writes through: a write to `e` here
        // would borrow it anew and leave `ctx` unusable (Miri: Stacked
        // Borrows).
        (*ctx.cast::<Entropy>()).pos = 0;
        oauth::jeton_oauth_client_assertion(
            k.set.as_ptr(),
            index,
            inp.ptr(0, client_id),
            inp.len(0, client_id),
            inp.ptr(1, audience),
            inp.len(1, audience),
            now,
            if inp.null(2) { None } else { Some(fill) },
            ctx,
            p,
            c,
            l,
        )
    });
    if s == OK {
        let parts: Vec<&[u8]> = jwt.split(|&b| b == b'.').collect();
        assert_eq!(parts.len(), 3, "a client assertion is not a compact JWS");
        let claims = b64url_decode(parts[1]).expect("claims base64url");
        let claims: serde_json::Value = serde_json::from_slice(&claims).expect("claims JSON");
        let id = core::str::from_utf8(client_id).expect("UTF-8 client ID");
        assert_eq!(claims["iss"], id);
        assert_eq!(claims["sub"], id);
        assert_eq!(
            claims["aud"],
            core::str::from_utf8(audience).expect("UTF-8 audience")
        );
        assert_eq!(claims["iat"], now);
        assert_eq!(claims["exp"], now + 60);
        assert_eq!(claims["jti"].as_str().map(str::len), Some(43));
    }
}

fn b64url_decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = bits << 6 | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    Some(out)
}

/// Response bodies: real ones with the fuzzer's bytes spliced in, or the
/// fuzzer's bytes alone.
const BODIES: [&[u8]; 7] = [
    br#"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,"refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"openid e\u006dail","id_token":"x.y.z"}"#,
    br#"{"error":"invalid_grant","error_description":"bad \"code\"","error_uri":"https://as.example/e"}"#,
    br#"{"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS","user_code":"WDJB-MJHT","verification_uri":"https://example.com/device","verification_uri_complete":"https://example.com/device?user_code=WDJB-MJHT","expires_in":1800,"interval":5}"#,
    br#"{"request_uri":"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c","expires_in":60}"#,
    br#"{"active":true,"client_id":"l238j323ds-23ij4","username":"jdoe","scope":"read write dolphin","sub":"Z5O3upPC88QrAjx00dis","aud":"https://protected.example.net/resource","iss":"https://server.example.com/","exp":1419356238,"iat":1419350238,"nbf":1419350238,"token_type":"Bearer","cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}"#,
    br#"{"issuer":"https://server.example.com","authorization_endpoint":"https://server.example.com/authorize","token_endpoint":"https:\/\/server.example.com\/token","jwks_uri":"https://server.example.com/jwks.json","response_types_supported":["code","code id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256","ES256"],"code_challenge_methods_supported":["S256"],"authorization_response_iss_parameter_supported":true,"require_pushed_authorization_requests":false}"#,
    b"code=SplxlOBeZQQYbYS6WxSbIA&state=xyz%2B1&iss=https%3A%2F%2Fserver.example.com",
];

fn body_of(inp: &Input) -> Vec<u8> {
    if inp.kind & 3 == 3 {
        return inp.a.clone();
    }
    let mut body = BODIES[(inp.kind2 as usize >> 4) % BODIES.len()].to_vec();
    if inp.kind & 1 == 1 {
        let at = usize::from(inp.flip) % (body.len() + 1);
        let cut = (at + (inp.num % 8) as usize).min(body.len());
        body.splice(at..cut, inp.a.iter().copied());
    }
    body
}

/// Calls a parser `f(buf, cap, &len, result)` with the fuzzer's buffer and
/// checks its contract: on failure no partial result, `*result`
/// untouched, `buf_len` only written with `JETON_ERR_BUFFER_TOO_SMALL`
/// (past the capacity, and never more than `max_need`).
/// Returns the status and, on success, the result with the buffer its
/// views may point into.
fn parse<T>(
    inp: &Input,
    max_need: usize,
    what: &str,
    mut f: impl FnMut(*mut u8, usize, *mut usize, *mut T) -> i32,
) -> (i32, Option<(T, Out)>) {
    let mut out = Out::new(usize::from(inp.cap), inp.null(30));
    let mut len = LEN_FILL;
    let mut result = filled::<T>();
    let s = f(
        out.ptr(),
        out.cap(),
        &mut len,
        if inp.null(31) {
            core::ptr::null_mut()
        } else {
            result.as_mut_ptr()
        },
    );
    named(s);
    if s == OK {
        assert!(len <= out.cap(), "{what}: {len} past {}", out.cap());
        // SAFETY: views NULL or readable, buffers writable, as passed.
        return (s, Some((unsafe { result.assume_init_read() }, out)));
    }
    untouched(&result, what);
    out.no_partial(s, what);
    if s == TOO_SMALL {
        assert!(
            len > out.cap() && len <= max_need,
            "{what}: needs {len}, capacity {}, input {max_need}",
            out.cap()
        );
        // That much room then suffices.
        let mut again = Out::new(len, false);
        let mut len2 = LEN_FILL;
        let mut result = filled::<T>();
        let s2 = f(again.ptr(), len, &mut len2, result.as_mut_ptr());
        named(s2);
        // A verifier may refuse once it has room to decode; never for room.
        assert_ne!(s2, TOO_SMALL, "{what}: {len} bytes were said to suffice");
        if s2 == OK {
            assert!(len2 <= len);
        } else {
            untouched(&result, what);
            again.no_partial(s2, what);
            assert_eq!(len2, LEN_FILL);
        }
    } else {
        assert_eq!(len, LEN_FILL, "{what}: buf_len written on failure {s}");
    }
    (s, None)
}

fn parsers(inp: &Input) {
    let body = body_of(inp);
    let (p, n) = (inp.ptr(0, &body), inp.len(0, &body));
    let max = body.len();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, r) = parse(inp, max, "token_response_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_token_response_parse(p, n, b, c, l, r)
    });
    // A NULL output buffer said to have room is an argument error.
    let null_buffer_with_room = inp.null(30) && inp.cap > 0;
    if !inp.null(0) && !inp.null(31) && s != TOO_SMALL && !null_buffer_with_room {
        let core = jeton::oauth::response::TokenResponse::parse(&body);
        assert_eq!(
            s,
            core.as_ref().map_or_else(|e| e.code(), |_| OK),
            "token_response_parse differs from the core"
        );
        if let (Some((r, _)), Ok(core)) = (r, core) {
            assert_eq!(
                r.flags & oauth::JETON_OAUTH_HAS_EXPIRES_IN != 0,
                core.expires_in().is_some()
            );
            if let Some(e) = core.expires_in() {
                assert_eq!(r.expires_in, e);
            }
        }
    }
    // SAFETY: views NULL or readable, buffers writable, as passed.
    parse(inp, max, "error_response_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_error_response_parse(p, n, b, c, l, r)
    });
    parse(
        inp,
        max,
        "device_authorization_parse",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |b, c, l, r| unsafe { oauth::jeton_oauth_device_authorization_parse(p, n, b, c, l, r) },
    );
    // SAFETY: views NULL or readable, buffers writable, as passed.
    parse(inp, max, "par_response_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_par_response_parse(p, n, b, c, l, r)
    });
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, r) = parse(inp, max, "introspection_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_introspection_parse(p, n, b, c, l, r)
    });
    if let Some((r, _)) = r {
        assert_eq!(s, OK);
        assert_eq!(
            r.flags
                & !(oauth::JETON_OAUTH_HAS_EXP
                    | oauth::JETON_OAUTH_HAS_IAT
                    | oauth::JETON_OAUTH_HAS_NBF
                    | oauth::JETON_OAUTH_KEY_BOUND),
            0
        );
    }
    let (scopes, _) = c_list(inp, &inp.list, 10, 8);
    let (scopes_ptr, scope_count) = array_arg(inp, &scopes, 8);
    let check = introspection_check_of(inp, scopes_ptr, scope_count);
    let check_ptr: *const oauth::jeton_oauth_introspection_check = if inp.null(9) {
        core::ptr::null()
    } else {
        &check
    };
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (vs, _) = parse(inp, max, "introspection_verify", |b, c, l, r| unsafe {
        oauth::jeton_oauth_introspection_verify(p, n, check_ptr, b, c, l, r)
    });
    if vs == OK {
        assert_eq!(
            s, OK,
            "introspection_verify accepts what introspection_parse refused"
        );
    }
    let issuer: &[u8] = if inp.kind & 4 == 0 {
        b"https://server.example.com"
    } else {
        &inp.b
    };
    let profile = inp.kind2 % 4;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (ms, m) = parse(inp, max, "metadata_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_metadata_parse(
            p,
            n,
            inp.ptr(1, issuer),
            inp.len(1, issuer),
            profile,
            b,
            c,
            l,
            r,
        )
    });
    if let Some((m, _keep)) = m {
        assert!(
            profile == oauth::JETON_OAUTH_PROFILE_OAUTH
                || profile == oauth::JETON_OAUTH_PROFILE_OPENID,
            "metadata_parse took profile {profile}"
        );
        let _ = ms;
        // Every list it hands out is a JSON array lookups accept.
        for list in [
            m.response_types_supported,
            m.code_challenge_methods_supported,
            m.id_token_signing_alg_values_supported,
            m.grant_types_supported,
        ] {
            // SAFETY: views NULL or readable, buffers writable, as passed.
            let list = unsafe { read(list) };
            if list.is_empty() {
                continue;
            }
            let mut found = false;
            // SAFETY: views NULL or readable, buffers writable, as passed.
            let s = unsafe {
                oauth::jeton_oauth_metadata_list_contains(
                    list.as_ptr(),
                    list.len(),
                    inp.c.as_ptr(),
                    inp.c.len(),
                    &mut found,
                )
            };
            assert_eq!(s, OK, "a metadata list is refused by list_contains");
            let model: Option<Vec<String>> = serde_json::from_slice::<Vec<serde_json::Value>>(list)
                .ok()
                .map(|v| {
                    v.into_iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                });
            if let Some(model) = model {
                assert_eq!(
                    found,
                    model.iter().any(|x| x.as_bytes() == &inp.c[..]),
                    "list_contains differs from JSON"
                );
            }
        }
    }
    // list_contains on arbitrary bytes.
    let mut found = true;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        oauth::jeton_oauth_metadata_list_contains(
            p,
            n,
            inp.ptr(2, &inp.c),
            inp.len(2, &inp.c),
            &mut found,
        )
    };
    named(s);
    if s == OK
        && !inp.null(0)
        && !inp.null(2)
        && let Ok(v) = serde_json::from_slice::<Vec<serde_json::Value>>(&body)
    {
        let want = v
            .iter()
            .any(|x| x.as_str().map(str::as_bytes) == Some(&inp.c[..]));
        assert_eq!(found, want, "list_contains differs from JSON");
    }

    // The callback: its query from the fuzzer or the template.
    let callback_issuer: &[u8] = if inp.kind & 8 == 0 {
        b"https://server.example.com"
    } else {
        &inp.b
    };
    let check = oauth::jeton_oauth_callback_check {
        issuer: if inp.flags & oauth::JETON_OAUTH_IGNORE_ISSUER != 0 && inp.kind & 16 == 0 {
            ABSENT
        } else {
            inp.view(3, callback_issuer)
        },
        max_pairs: (inp.num % 70) as usize,
        flags: if inp.kind & 32 != 0 {
            inp.flags
        } else {
            inp.flags & (oauth::JETON_OAUTH_ISS_REQUIRED | oauth::JETON_OAUTH_IGNORE_ISSUER)
        },
    };
    let check_ptr: *const oauth::jeton_oauth_callback_check = if inp.null(4) {
        core::ptr::null()
    } else {
        &check
    };
    let callback_room = if core::str::from_utf8(&body).is_ok() {
        max
    } else {
        3 * max
    };
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, cb) = parse(inp, callback_room, "callback_parse", |b, c, l, r| unsafe {
        oauth::jeton_oauth_callback_parse(p, n, check_ptr, b, c, l, r)
    });
    // The core's answer on the same query and check, when the check is
    // one the C layer accepts and no pointer is NULL.
    let known = oauth::JETON_OAUTH_ISS_REQUIRED | oauth::JETON_OAUTH_IGNORE_ISSUER;
    let ignore = check.flags & oauth::JETON_OAUTH_IGNORE_ISSUER != 0;
    let issuer = (!check.issuer.ptr.is_null()).then(|| core::str::from_utf8(callback_issuer));
    let null_buffer_with_room = inp.null(30) && inp.cap > 0;
    let pointers_ok = !inp.null(0) && !inp.null(4) && !inp.null(31) && !null_buffer_with_room;
    let bad_view = check.issuer.ptr.is_null() && check.issuer.len != 0;
    if pointers_ok && !bad_view && check.flags & !known == 0 && s != TOO_SMALL {
        use jeton::oauth::callback::{Callback, CallbackCheck};
        let checks = match (issuer, ignore) {
            (Some(Ok(issuer)), false) => Some(CallbackCheck::new(issuer)),
            (None, true) => Some(CallbackCheck::without_issuer()),
            _ => None,
        };
        if let Some(checks) = checks {
            let max = if check.max_pairs == 0 {
                jeton::oauth::callback::DEFAULT_MAX_PAIRS
            } else {
                check.max_pairs
            };
            let checks = checks
                .iss_required(check.flags & oauth::JETON_OAUTH_ISS_REQUIRED != 0)
                .max_pairs(max);
            let core = Callback::parse(&body, &checks);
            assert_eq!(
                s,
                core.as_ref().map_or_else(|e| e.code(), |_| OK),
                "callback_parse differs from the core"
            );
        }
    }
    if let Some((cb, _keep)) = cb {
        assert_eq!(s, OK);
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let (code, error) = unsafe { (read(cb.code), read(cb.error)) };
        assert!(
            code.is_empty() != error.is_empty(),
            "exactly one of code and error"
        );
        // Each value is the decoded value of the last... only pair so named.
        for (name, v) in [
            (&b"code"[..], cb.code),
            (b"state", cb.state),
            (b"iss", cb.iss),
            (b"error", cb.error),
        ] {
            // SAFETY: views NULL or readable, buffers writable, as passed.
            let got = unsafe { read(v) };
            let all: Vec<_> = pairs(&body)
                .into_iter()
                .filter(|(n, _)| n == name)
                .collect();
            assert!(
                all.len() <= 1,
                "a duplicate {:?} passed",
                String::from_utf8_lossy(name)
            );
            match all.first() {
                Some((_, want)) => assert_eq!(got, &want[..]),
                None => assert!(v.ptr.is_null()),
            }
        }
        if code.is_empty() {
            assert_ne!(cb.outcome, OK);
        } else {
            assert_eq!(cb.outcome, OK);
        }
    }
}

fn introspection_check_of(
    inp: &Input,
    scopes: *const jeton_bytes,
    scope_count: usize,
) -> oauth::jeton_oauth_introspection_check {
    oauth::jeton_oauth_introspection_check {
        now: if inp.kind & 64 == 0 {
            1_419_350_300
        } else {
            inp.now
        },
        leeway: inp.num,
        issuer: if inp.kind & 128 == 0 {
            ABSENT
        } else {
            inp.view(5, b"https://server.example.com/")
        },
        audience: if inp.kind & 256 == 0 {
            ABSENT
        } else {
            inp.view(6, &inp.b)
        },
        scopes: if inp.kind & 512 == 0 {
            core::ptr::null()
        } else {
            scopes
        },
        scope_count: if inp.kind & 512 == 0 { 0 } else { scope_count },
    }
}

/// The hash an `at_hash` or `c_hash` uses for an algorithm, per OpenID
/// Connect Core 3.1.3.6 (SHA-512 for EdDSA, RFC 8037 and the OpenID
/// errata).
fn half_hash_model(alg: u32, value: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    let full: Vec<u8> = match alg {
        jwt::JETON_JWT_HS256
        | jwt::JETON_JWT_ES256
        | jwt::JETON_JWT_RS256
        | jwt::JETON_JWT_PS256 => sha2::Sha256::digest(value).to_vec(),
        jwt::JETON_JWT_HS384
        | jwt::JETON_JWT_ES384
        | jwt::JETON_JWT_RS384
        | jwt::JETON_JWT_PS384 => sha2::Sha384::digest(value).to_vec(),
        jwt::JETON_JWT_HS512
        | jwt::JETON_JWT_RS512
        | jwt::JETON_JWT_PS512
        | jwt::JETON_JWT_EDDSA
        | jwt::JETON_JWT_ED25519 => sha2::Sha512::digest(value).to_vec(),
        _ => return None,
    };
    Some(b64url(&full[..full.len() / 2]))
}

fn half_hash(inp: &Input, alg: u32, value: &[u8], what: &str) -> Option<Vec<u8>> {
    let mut out = Out::new(usize::from(inp.cap), inp.null(29));
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s, h) = sized(&mut out, true, what, |p, c, l| unsafe {
        oauth::jeton_oauth_half_hash(alg, value.as_ptr(), value.len(), p, c, l)
    });
    match half_hash_model(alg, value) {
        Some(want) => {
            if s == OK {
                assert_eq!(h, want, "half_hash for {alg}");
            } else {
                assert_eq!(s, TOO_SMALL);
            }
            Some(want)
        }
        None => {
            assert_eq!(s, INVALID, "half_hash of algorithm {alg}");
            None
        }
    }
}

/// The space-separated scope lists `wanted` (RFC 6749 3.3, exact case;
/// empty tokens skipped, an empty `wanted` never listed).
fn scope_model(scope: &[u8], wanted: &[u8]) -> bool {
    !wanted.is_empty() && scope.split(|&b| b == b' ').any(|t| t == wanted)
}

const ISSUER: &[u8] = b"https://server.example.com";
const CLIENT: &[u8] = b"app";
const RESOURCE: &[u8] = b"https://rs.example";

/// Signs the claims with key `index` (0: HS256, 1: ES256) under `typ`.
fn sign(k: &Keys, index: usize, typ: &[u8], claims: &jwt::jeton_jwt_claims) -> Vec<u8> {
    let header = jwt::jeton_jwt_header {
        typ: bytes(typ),
        kid: ABSENT,
        flags: 0,
    };
    let mut out = vec![0u8; 2048];
    let mut len = 0usize;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        jwt::jeton_jwt_encode(
            k.set.as_ptr(),
            index,
            &header,
            claims,
            out.as_mut_ptr(),
            out.len(),
            &mut len,
        )
    };
    assert_eq!(s, OK, "jeton_jwt_encode");
    out.truncate(len);
    out
}

fn claim(name: &'static [u8], kind: u32, text: &[u8], integer: i64) -> jwt::jeton_jwt_claim {
    jwt::jeton_jwt_claim {
        name: bytes(name),
        kind,
        text: bytes(text),
        integer,
    }
}

/// ID tokens and JWT access tokens: made to pass, then checked with the
/// fuzzer's validation (or made to pass it); key set and JWK Set agree.
fn tokens(inp: &Input, k: &mut Keys) {
    let has = |bit: u32| inp.kind >> bit & 1 == 1;
    let strict = has(0);
    let index = usize::from(has(1));
    let alg = if index == 0 {
        jwt::JETON_JWT_HS256
    } else {
        jwt::JETON_JWT_ES256
    };
    let now = 1_700_000_000 + (inp.now % 100_000).abs();
    let access: &[u8] = &inp.b;
    let code: &[u8] = &inp.c;
    let at_hash = half_hash(inp, alg, access, "half_hash at_hash").expect("a known algorithm");
    let c_hash = half_hash(inp, alg, code, "half_hash c_hash").expect("a known algorithm");
    let _ = half_hash(inp, inp.kind2 % 16, &inp.a, "half_hash");
    let nonce: &[u8] = b"n-0S6_WzA2Mj";
    let mut custom = vec![
        claim(b"nonce", jwt::JETON_JWT_VALUE_STRING, nonce, 0),
        claim(b"auth_time", jwt::JETON_JWT_VALUE_INT, b"", now - 10),
        claim(b"at_hash", jwt::JETON_JWT_VALUE_STRING, &at_hash, 0),
        claim(b"c_hash", jwt::JETON_JWT_VALUE_STRING, &c_hash, 0),
        claim(b"azp", jwt::JETON_JWT_VALUE_STRING, CLIENT, 0),
    ];
    if has(2) {
        // Fuzzer-chosen custom claim (JSON) at the end.
        custom.push(claim(b"x", jwt::JETON_JWT_VALUE_JSON, &inp.a, 0));
    }
    let audiences = [bytes(CLIENT), bytes(b"other")];
    let mut claims = jwt::jeton_jwt_claims {
        iss: bytes(ISSUER),
        sub: bytes(b"alice"),
        aud: if has(3) { ABSENT } else { bytes(CLIENT) },
        audiences: if has(3) {
            audiences.as_ptr()
        } else {
            core::ptr::null()
        },
        audience_count: if has(3) { 2 } else { 0 },
        jti: ABSENT,
        exp: now + 600,
        nbf: 0,
        iat: now - 5,
        flags: jwt::JETON_JWT_HAS_EXP | jwt::JETON_JWT_HAS_IAT,
        custom: custom.as_ptr(),
        custom_count: custom.len(),
    };
    let header = jwt::jeton_jwt_header {
        typ: ABSENT,
        kid: ABSENT,
        flags: 0,
    };
    let mut tok = vec![0u8; 2048];
    let mut len = 0usize;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let es = unsafe {
        jwt::jeton_jwt_encode(
            k.set.as_ptr(),
            index,
            &header,
            &claims,
            tok.as_mut_ptr(),
            tok.len(),
            &mut len,
        )
    };
    named(es);
    if es != OK {
        // Only the fuzzer's custom JSON can make it fail.
        assert!(has(2), "encoding an ID token failed: {es}");
        return;
    }
    tok.truncate(len);
    let token: Vec<u8> = if has(4) {
        // A damaged token: a byte flipped.
        let mut t = tok.clone();
        let at = usize::from(inp.flip) % t.len();
        t[at] ^= 1 << (inp.kind2 % 8);
        t
    } else {
        tok.clone()
    };
    let algs = [alg, inp.kind2 % 16, jwt::JETON_JWT_RS256];
    let provider: &[u8] = br#"["RS256","ES256","HS256"]"#;
    let v = if strict {
        oauth::jeton_oauth_id_token_validation {
            now,
            issuer: bytes(ISSUER),
            client_id: bytes(CLIENT),
            leeway: 0,
            nonce: bytes(nonce),
            max_age: 60,
            algorithms: algs.as_ptr(),
            algorithm_count: 1,
            provider_algorithms: ABSENT,
            max_token_age: 0,
            access_token: bytes(access),
            code: bytes(code),
            max_token_len: 0,
            flags: oauth::JETON_OAUTH_HAS_MAX_AGE
                | oauth::JETON_OAUTH_REQUIRE_AT_HASH
                | oauth::JETON_OAUTH_REQUIRE_C_HASH
                | oauth::JETON_OAUTH_REQUIRE_AUTH_TIME,
        }
    } else {
        let (ap, ac) = array_arg(inp, &algs, 8);
        let _ = ac;
        oauth::jeton_oauth_id_token_validation {
            now: now + inp.num as i64 % 1000 - 500,
            issuer: inp.view(0, if has(5) { &inp.a } else { ISSUER }),
            client_id: inp.view(1, if has(6) { &inp.c } else { CLIENT }),
            leeway: inp.num >> 32,
            nonce: if has(7) { ABSENT } else { inp.view(2, nonce) },
            max_age: inp.num % 100,
            algorithms: if has(8) { core::ptr::null() } else { ap },
            algorithm_count: if has(8) {
                0
            } else if inp.null(8) {
                ac
            } else {
                inp.kind2 as usize % 4
            },
            provider_algorithms: if has(9) {
                inp.view(3, provider)
            } else {
                ABSENT
            },
            max_token_age: inp.num % 20,
            access_token: if has(10) { inp.view(4, access) } else { ABSENT },
            code: if has(11) { inp.view(5, code) } else { ABSENT },
            max_token_len: (inp.num % 4096) as usize * usize::from(has(12)),
            flags: inp.flags,
        }
    };
    let vp: *const oauth::jeton_oauth_id_token_validation = if inp.null(9) && !strict {
        core::ptr::null()
    } else {
        &v
    };
    let max = token.len();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s1, _) = parse(inp, max, "id_token_verify", |b, c, l, r| unsafe {
        oauth::jeton_oauth_id_token_verify(
            k.set.as_ptr(),
            token.as_ptr(),
            token.len(),
            vp,
            b,
            c,
            l,
            r,
        )
    });
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s2, _) = parse(inp, max, "id_token_verify_with_jwks", |b, c, l, r| unsafe {
        oauth::jeton_oauth_id_token_verify_with_jwks(
            k.jwks.as_ptr(),
            token.as_ptr(),
            token.len(),
            vp,
            b,
            c,
            l,
            r,
        )
    });
    if strict && !has(4) && s1 != TOO_SMALL && !inp.null(30) && !inp.null(31) {
        assert_eq!(s1, OK, "a good ID token is refused");
        if index == 1 && s2 != TOO_SMALL {
            assert_eq!(s2, OK, "a good ID token is refused with the JWK Set");
        }
    }
    if index == 1 && s1 != TOO_SMALL && s2 != TOO_SMALL {
        assert_eq!(s1, s2, "key set and JWK Set disagree on an ES256 ID token");
    }
    if has(4) {
        // Any flipped bit changes the signed bytes or the signature (the
        // base64url must be canonical, spare bits zero).
        assert_ne!(s1, OK, "an ID token with a flipped bit passes");
        assert_ne!(s2, OK, "an ID token with a flipped bit passes the JWK Set");
    }

    // A JWT access token (RFC 9068).
    let jkt = b"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    let cnf = [&br#"{"jkt":""#[..], jkt, b"\"}"].concat();
    let scope_text: &[u8] = if has(13) { &inp.c } else { b"read write" };
    let mut custom = vec![
        claim(b"client_id", jwt::JETON_JWT_VALUE_STRING, CLIENT, 0),
        claim(b"scope", jwt::JETON_JWT_VALUE_STRING, scope_text, 0),
    ];
    if has(14) {
        custom.push(claim(b"cnf", jwt::JETON_JWT_VALUE_JSON, &cnf, 0));
    }
    let jti = format!("jti-{}", inp.flip);
    claims.aud = bytes(RESOURCE);
    claims.audiences = core::ptr::null();
    claims.audience_count = 0;
    claims.jti = bytes(jti.as_bytes());
    claims.custom = custom.as_ptr();
    claims.custom_count = custom.len();
    if has(13) && core::str::from_utf8(scope_text).is_err() {
        return;
    }
    let at = sign(k, index, b"at+jwt", &claims);
    let needed: Vec<Vec<u8>> = if strict {
        vec![b"read".to_vec()]
    } else {
        inp.list.clone()
    };
    let scopes = if strict {
        needed.iter().map(|s| bytes(s)).collect()
    } else {
        c_list(inp, &needed, 10, 8).0
    };
    let (sp, sc) = if strict {
        (scopes.as_ptr(), scopes.len())
    } else {
        array_arg(inp, &scopes, 8)
    };
    let av = oauth::jeton_oauth_access_token_validation {
        now: if strict {
            now
        } else {
            now + inp.num as i64 % 1000 - 500
        },
        issuer: if strict {
            bytes(ISSUER)
        } else {
            inp.view(0, if has(5) { &inp.a } else { ISSUER })
        },
        resource: if strict {
            bytes(RESOURCE)
        } else {
            inp.view(1, if has(6) { &inp.c } else { RESOURCE })
        },
        scopes: sp,
        scope_count: sc,
        algorithms: if strict || has(8) {
            core::ptr::null()
        } else {
            algs.as_ptr()
        },
        algorithm_count: if strict || has(8) {
            0
        } else {
            inp.kind2 as usize % 4
        },
        leeway: if strict { 0 } else { inp.num >> 32 },
        max_token_age: if strict { 0 } else { inp.num % 20 },
        revocation: if has(15) {
            k.list.as_ptr()
        } else {
            core::ptr::null()
        },
        max_token_len: 0,
        flags: if strict {
            oauth::JETON_OAUTH_DPOP_PRESENTED
        } else {
            inp.flags
        },
    };
    let max = at.len();
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let (s1, r1) = parse(inp, max, "access_token_verify", |b, c, l, r| unsafe {
        oauth::jeton_oauth_access_token_verify(
            k.set.as_ptr(),
            at.as_ptr(),
            at.len(),
            &av,
            b,
            c,
            l,
            r,
        )
    });
    let (s2, _) = parse(
        inp,
        max,
        "access_token_verify_with_jwks",
        // SAFETY: views NULL or readable, buffers writable, as passed.
        |b, c, l, r| unsafe {
            oauth::jeton_oauth_access_token_verify_with_jwks(
                k.jwks.as_ptr(),
                at.as_ptr(),
                at.len(),
                &av,
                b,
                c,
                l,
                r,
            )
        },
    );
    if strict && s1 != TOO_SMALL && !inp.null(30) && !inp.null(31) {
        let grants_read = scope_model(scope_text, b"read");
        if grants_read {
            assert_eq!(s1, OK, "a good access token is refused");
        } else {
            assert_ne!(s1, OK, "an access token without the scope passes");
        }
    }
    if let Some((r, _)) = r1 {
        assert_eq!(r.flags & oauth::JETON_OAUTH_KEY_BOUND != 0, has(14));
        if has(14) {
            assert_eq!(&r.cnf_jkt[..], &jkt[..]);
        }
    }
    if index == 1 && s1 != TOO_SMALL && s2 != TOO_SMALL {
        assert_eq!(
            s1, s2,
            "key set and JWK Set disagree on an ES256 access token"
        );
    }

    // scope_contains against the model.
    for wanted in inp
        .list
        .iter()
        .map(Vec::as_slice)
        .chain([&b"read"[..], b""])
    {
        let mut found = false;
        // SAFETY: views NULL or readable, buffers writable, as passed.
        let s = unsafe {
            oauth::jeton_oauth_scope_contains(
                scope_text.as_ptr(),
                scope_text.len(),
                wanted.as_ptr(),
                wanted.len(),
                &mut found,
            )
        };
        assert_eq!(s, OK);
        assert_eq!(found, scope_model(scope_text, wanted), "scope_contains");
    }
    let mut found = false;
    // SAFETY: views NULL or readable, buffers writable, as passed.
    let s = unsafe {
        oauth::jeton_oauth_scope_contains(
            inp.ptr(3, &inp.a),
            inp.len(3, &inp.a),
            inp.ptr(4, &inp.b),
            inp.len(4, &inp.b),
            &mut found,
        )
    };
    named(s);
    assert_eq!(s == NULL, inp.null(3) || inp.null(4));
}

fn run(inp: &Input) {
    // The keys only for the ops that use them: loading the private ES256
    // key (its public point computed from the scalar and compared with
    // the JWK's) would be most of the others' time under Miri.
    match inp.group() {
        0 => form(inp),
        1 => form_write(inp),
        2 => form_iter(inp),
        3 => pkce(inp),
        4 => state(inp, &mut Keys::new()),
        5 => csrf(inp, &Keys::new()),
        6 => dpop(inp, &mut Keys::new()),
        7 => authorize(inp),
        8 => token_request(inp, &Keys::new()),
        9 => parsers(inp),
        _ => tokens(inp, &mut Keys::new()),
    }
}

/// One input of the target.
pub fn fuzz(input: Input) {
    run(&input);
}
