//! Percent coding (JavaScript's `encodeURIComponent` /
//! `decodeURIComponent`) and strict base64.

use jeton::base64::{Alphabet, Padding};

use crate::boundary::boundary;
use crate::ptr::transform;
use crate::status::{Fail, jeton_status};

/// A base64 alphabet, one of the `JETON_BASE64_*` alphabet values.
pub type jeton_base64_alphabet = u32;
/// RFC 4648 section 4: `A-Z a-z 0-9 + /`.
pub const JETON_BASE64_STANDARD: jeton_base64_alphabet = 0;
/// RFC 4648 section 5: `A-Z a-z 0-9 - _`.
pub const JETON_BASE64_URL_SAFE: jeton_base64_alphabet = 1;

/// A base64 padding policy, one of the `JETON_BASE64_*` padding values.
pub type jeton_base64_padding = u32;
/// Always `=`-padded to a multiple of four characters.
pub const JETON_BASE64_PADDED: jeton_base64_padding = 0;
/// Never padded (base64url in JWTs, keygrip, cookie-signature).
pub const JETON_BASE64_UNPADDED: jeton_base64_padding = 1;
/// Decoding accepts both, but padding, when present, must be complete;
/// encoding writes no padding.
pub const JETON_BASE64_EITHER: jeton_base64_padding = 2;

fn alphabet_from(value: jeton_base64_alphabet) -> Result<Alphabet, Fail> {
    match value {
        JETON_BASE64_STANDARD => Ok(Alphabet::Standard),
        JETON_BASE64_URL_SAFE => Ok(Alphabet::UrlSafe),
        _ => Err(Fail::INVALID),
    }
}

fn padding_from(value: jeton_base64_padding) -> Result<Padding, Fail> {
    match value {
        JETON_BASE64_PADDED => Ok(Padding::Padded),
        JETON_BASE64_UNPADDED => Ok(Padding::Unpadded),
        JETON_BASE64_EITHER => Ok(Padding::Either),
        _ => Err(Fail::INVALID),
    }
}

/// Percent-encodes `data` into `out` exactly as JavaScript's
/// `encodeURIComponent` does: every byte but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`
/// becomes `%XX` in upper-case hex.
///
/// Returns `JETON_OK` with the length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`3 * data_len` always suffices; `(NULL, 0)` asks). NULL `data` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result.
///
/// # Safety
///
/// `data` is readable for `data_len` bytes; `out` is writable for `out_cap`
/// bytes and does not overlap `data`; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_percent_encode(
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(
                data,
                data_len,
                out,
                out_cap,
                out_len,
                jeton::percent::encode,
            )
        }
    })
}

/// Percent-decodes `data` into `out` exactly as JavaScript's
/// `decodeURIComponent` does: every `%XX` becomes its byte, other bytes are
/// copied, and the escaped bytes must form valid UTF-8.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_INVALID_PERCENT_ENCODING` for a `%` without two hex digits;
/// `JETON_ERR_INVALID_UTF8` for escapes that are not UTF-8;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`data_len` bytes always suffice). NULL `data` or `out_len`, or NULL
/// `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error
/// `out` holds no partial result.
///
/// # Safety
///
/// As `jeton_percent_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_percent_decode(
    data: *const u8,
    data_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(
                data,
                data_len,
                out,
                out_cap,
                out_len,
                jeton::percent::decode,
            )
        }
    })
}

/// Encodes `data` as base64 into `out`, in `alphabet` and with `padding`
/// (`JETON_BASE64_EITHER` writes none).
///
/// Returns `JETON_OK` with the length in `*out_len`, or
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`;
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown alphabet or padding. NULL
/// `data` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result. Not
/// constant-time: use it for public bytes.
///
/// # Safety
///
/// As `jeton_percent_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_base64_encode(
    data: *const u8,
    data_len: usize,
    alphabet: jeton_base64_alphabet,
    padding: jeton_base64_padding,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let (alphabet, padding) = (alphabet_from(alphabet)?, padding_from(padding)?);
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(data, data_len, out, out_cap, out_len, |data, out| {
                jeton::base64::encode(data, alphabet, padding, out)
            })
        }
    })
}

/// Decodes the canonical base64 `data` (in `alphabet`, with `padding`) into
/// `out`. Only the one canonical encoding of each byte string is accepted:
/// no whitespace, no stray or missing padding, no non-zero trailing bits.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_INVALID_BASE64` for anything else;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`data_len * 3 / 4 + 2` bytes always suffice);
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown alphabet or padding. NULL
/// `data` or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial result. Not
/// constant-time: use it for public bytes (a secret goes through
/// `jeton_hmac_key_init_base64`).
///
/// # Safety
///
/// As `jeton_percent_encode`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_base64_decode(
    data: *const u8,
    data_len: usize,
    alphabet: jeton_base64_alphabet,
    padding: jeton_base64_padding,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let (alphabet, padding) = (alphabet_from(alphabet)?, padding_from(padding)?);
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            transform(data, data_len, out, out_cap, out_len, |data, out| {
                jeton::base64::decode(data, alphabet, padding, out)
            })
        }
    })
}
