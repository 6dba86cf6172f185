//! What every op of the `c_abi` target shares: the fuzzer's bytes as
//! typed values, the check that a status is named, and the output and
//! out-pointer conventions of `include/jeton.h` checked on every call.

use core::ffi::CStr;
use core::mem::MaybeUninit;

use arbitrary::Unstructured;
use jeton_ffi::status::{self, jeton_status_code as S};

/// `JETON_OK`.
pub const OK: i32 = S::JETON_OK as i32;
/// `JETON_DONE`.
pub const DONE: i32 = S::JETON_DONE as i32;
/// `JETON_ERR_BUFFER_TOO_SMALL`.
pub const TOO_SMALL: i32 = S::JETON_ERR_BUFFER_TOO_SMALL as i32;
/// `JETON_ERR_NULL_POINTER`.
pub const NULL: i32 = S::JETON_ERR_NULL_POINTER as i32;
/// `JETON_ERR_INVALID_ARGUMENT`.
pub const INVALID: i32 = S::JETON_ERR_INVALID_ARGUMENT as i32;

/// The byte output buffers are filled with before a call: a failed call
/// must leave each byte as it was or zero it ("no partial result").
pub const FILL: u8 = 0xA5;
/// What `*out_len` holds before a call: a failure other than
/// `JETON_ERR_BUFFER_TOO_SMALL` must leave it so.
pub const LEN_SENTINEL: usize = usize::MAX - 0x5A;

/// The status is one the header names, and `jeton_status_is_error` agrees
/// with its sign.
pub fn named(s: i32) {
    // SAFETY: `jeton_status_str` returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(status::jeton_status_str(s)) };
    assert_ne!(text.to_bytes(), b"unknown status", "status {s}");
    assert_eq!(status::jeton_status_is_error(s), s < 0, "status {s}");
}

/// The fuzzer's bytes as typed values; every read has a default once the
/// bytes run out, so an op never stops half way.
pub struct Src<'a>(pub Unstructured<'a>);

impl<'a> Src<'a> {
    pub fn u8(&mut self) -> u8 {
        self.0.arbitrary().unwrap_or(0)
    }
    pub fn u16(&mut self) -> u16 {
        self.0.arbitrary().unwrap_or(0)
    }
    pub fn u32(&mut self) -> u32 {
        self.0.arbitrary().unwrap_or(0)
    }
    pub fn u64(&mut self) -> u64 {
        self.0.arbitrary().unwrap_or(0)
    }
    pub fn i64(&mut self) -> i64 {
        self.0.arbitrary().unwrap_or(0)
    }
    /// True about once in `n` reads.
    pub fn one_in(&mut self, n: u8) -> bool {
        self.u8().is_multiple_of(n)
    }
    pub fn bool(&mut self) -> bool {
        self.0.arbitrary().unwrap_or(false)
    }
    /// Mostly small values, sometimes any `u32`: enum and flag fields,
    /// where the interesting values are the named ones and just past them.
    pub fn small_u32(&mut self, named: u32) -> u32 {
        match self.u8() % 8 {
            0 => self.u32(),
            1 => named + u32::from(self.u8() % 4),
            _ => self.u32() % named.max(1),
        }
    }
    /// Up to `max` bytes.
    pub fn bytes(&mut self, max: usize) -> Vec<u8> {
        let n = usize::from(self.u16()) % (max + 1);
        let n = n.min(self.0.len());
        self.0.bytes(n).map(<[u8]>::to_vec).unwrap_or_default()
    }
    /// Up to `max` bytes, each mapped into `alphabet` (non-empty).
    pub fn text(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
        self.bytes(max)
            .iter()
            .map(|b| alphabet[usize::from(*b) % alphabet.len()])
            .collect()
    }
    /// A string of up to `max` bytes: usually from `alphabet`, sometimes
    /// any bytes.
    pub fn mostly(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
        if self.one_in(8) {
            self.bytes(max)
        } else {
            self.text(alphabet, max)
        }
    }
}

/// RFC 7230 `tchar`: a cookie name, a header token.
pub const TOKEN: &[u8] =
    b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// RFC 6265 cookie-octets.
pub const COOKIE_OCTETS: &[u8] =
    b"!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
/// A few bytes of every class a parser cares about.
pub const MIXED: &[u8] = b"aZ09 \t;=,\"\\%.:/+-_~\x00\x7f\xc3\xa9\xff";

/// The result of a call through [`call_out`].
pub struct Out {
    pub status: i32,
    /// The buffer of the call that gave `status` (results point into it).
    pub buf: Vec<u8>,
    /// `*out_len` after that call.
    pub len: usize,
}

impl Out {
    /// The bytes written, on `JETON_OK`.
    pub fn bytes(&self) -> &[u8] {
        assert_eq!(self.status, OK);
        &self.buf[..self.len]
    }
    pub fn ok(&self) -> Option<&[u8]> {
        (self.status == OK).then(|| &self.buf[..self.len])
    }
}

/// Every byte is as it was before the call or zero.
pub fn no_partial(buf: &[u8], what: &str) {
    assert!(
        buf.iter().all(|&b| b == FILL || b == 0),
        "{what}: partial output left on failure"
    );
}

/// How [`call_out`] judges the call made again with exactly the length
/// `JETON_ERR_BUFFER_TOO_SMALL` reported.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The function is a pure formatter: that length must succeed.
    MustFit,
    /// A later check may still fail (a verifier reports the length before
    /// checking the signature): it must not be too small again.
    MayFail,
}

/// Calls `f(out, out_cap, out_len)` with an output buffer whose capacity
/// the fuzzer picks (`(NULL, 0)` included), and checks the header's output
/// convention: on `JETON_OK` the length fits; on
/// `JETON_ERR_BUFFER_TOO_SMALL` the length needed is past the capacity, no
/// partial result is left, a buffer of exactly that length then works and
/// one byte less is refused with the same length; on any other failure
/// `*out_len` is untouched and no partial result is left.
pub fn call_out(
    src: &mut Src<'_>,
    retry: Retry,
    mut f: impl FnMut(*mut u8, usize, *mut usize) -> i32,
) -> Out {
    let cap = match src.u8() % 5 {
        0 => None,
        1 => Some(usize::from(src.u8() % 48)),
        2 => Some(usize::from(src.u16() % 2048)),
        _ => Some(16384),
    };
    let first = once(cap, &mut f);
    if first.status != TOO_SMALL {
        return first;
    }
    let needed = first.len;
    assert!(
        needed > cap.unwrap_or(0),
        "needed {needed} fits the capacity {cap:?}"
    );
    let again = once(Some(needed), &mut f);
    match retry {
        Retry::MustFit => {
            assert_eq!(again.status, OK, "a buffer of the length reported must do");
            assert_eq!(
                again.len, needed,
                "the length reported is the length written"
            );
            let short = once(Some(needed - 1), &mut f);
            assert_eq!((short.status, short.len), (TOO_SMALL, needed));
        }
        Retry::MayFail => {
            assert_ne!(again.status, TOO_SMALL, "the length reported did not fit");
            if again.status == OK {
                assert!(again.len <= needed);
            }
        }
    }
    again
}

/// One call with the capacity given (`None`: NULL and 0).
fn once(cap: Option<usize>, f: &mut impl FnMut(*mut u8, usize, *mut usize) -> i32) -> Out {
    let mut buf = vec![FILL; cap.unwrap_or(0)];
    let ptr = if cap.is_some() {
        buf.as_mut_ptr()
    } else {
        core::ptr::null_mut()
    };
    let mut len = LEN_SENTINEL;
    let status = f(ptr, buf.len(), &mut len);
    named(status);
    match status {
        OK => assert!(
            len <= buf.len(),
            "length {len} past the capacity {}",
            buf.len()
        ),
        TOO_SMALL => {
            assert!(len > buf.len(), "too small, yet {len} fits {}", buf.len());
            no_partial(&buf, "too small");
        }
        _ => {
            assert_eq!(
                len, LEN_SENTINEL,
                "status {status}: *out_len written on failure"
            );
            no_partial(&buf, "failure");
        }
    }
    Out { status, buf, len }
}

/// Storage for a result struct, filled with a pattern so that "untouched
/// on error" can be checked byte for byte. On the heap, so that moving the
/// slot moves no bytes: a move of a `MaybeUninit<T>` is a typed copy, which
/// need not keep the pattern in `T`'s padding (Miri makes those bytes
/// uninitialized, and `untouched` would then read uninitialized memory).
pub struct Slot<T> {
    value: Box<MaybeUninit<T>>,
}

impl<T> Slot<T> {
    pub fn new() -> Self {
        let mut value = Box::<T>::new_uninit();
        // SAFETY: writes `size_of::<T>()` bytes into the slot's own storage.
        unsafe { core::ptr::write_bytes(value.as_mut_ptr().cast::<u8>(), 0x5A, size_of::<T>()) };
        Slot { value }
    }
    pub fn ptr(&mut self) -> *mut T {
        self.value.as_mut_ptr()
    }
    /// The bytes are still the pattern.
    pub fn untouched(&self) -> bool {
        // SAFETY: all `size_of::<T>()` bytes were written by `new` (or by
        // the function called, which writes whole values).
        let bytes = unsafe {
            core::slice::from_raw_parts(self.value.as_ptr().cast::<u8>(), size_of::<T>())
        };
        bytes.iter().all(|&b| b == 0x5A)
    }
}

impl<T: Copy> Slot<T> {
    /// The value a successful call wrote.
    ///
    /// # Safety
    ///
    /// A call returned `JETON_OK` having written the whole value.
    pub unsafe fn get(&self) -> T {
        // SAFETY: the caller's promise.
        unsafe { self.value.assume_init_read() }
    }
    /// On `JETON_OK` the value, otherwise `None` after checking that the
    /// failure left it untouched.
    ///
    /// # Safety
    ///
    /// A function that returns `JETON_OK` writes the whole value.
    pub unsafe fn after(&self, status: i32, what: &str) -> Option<T> {
        if status == OK {
            // SAFETY: the caller's promise.
            Some(unsafe { self.get() })
        } else {
            assert!(self.untouched(), "{what}: status {status} wrote its result");
            None
        }
    }
}

/// The bytes of a view the library handed out.
///
/// # Safety
///
/// `b` points to `len` readable bytes (a view into a live buffer).
pub unsafe fn view<'a>(b: jeton_ffi::jeton_bytes) -> &'a [u8] {
    if b.ptr.is_null() {
        assert_eq!(b.len, 0);
        return &[];
    }
    // SAFETY: the caller's promise.
    unsafe { core::slice::from_raw_parts(b.ptr, b.len) }
}

/// The view lies within `outer`.
pub fn within(b: jeton_ffi::jeton_bytes, outer: &[u8]) -> bool {
    let start = outer.as_ptr() as usize;
    !b.ptr.is_null() && (b.ptr as usize) >= start && (b.ptr as usize) + b.len <= start + outer.len()
}

/// A view of `bytes` (never NULL, even when empty).
pub fn bv(bytes: &[u8]) -> jeton_ffi::jeton_bytes {
    jeton_ffi::jeton_bytes {
        ptr: bytes.as_ptr(),
        len: bytes.len(),
    }
}

/// An optional view: `None` is `(NULL, 0)`.
pub fn ov(bytes: Option<&[u8]>) -> jeton_ffi::jeton_bytes {
    match bytes {
        Some(b) => bv(b),
        None => jeton_ffi::jeton_bytes {
            ptr: core::ptr::null(),
            len: 0,
        },
    }
}
