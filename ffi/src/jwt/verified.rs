//! `jeton_jwt_verified`: the view of a verified token, and its getters.

use jeton::Error;
use jeton::json::{MemberIndex, Value};

use super::{JETON_JWT_HAS_EXP, jeton_jwt_algorithm, jeton_jwt_flags};
use crate::boundary::{Step, boundary};
use crate::json::{jeton_json_kind, kind_to};
use crate::object::object_mut;
use crate::ptr::{
    Region, input, input_struct, jeton_bytes, out_ptr, output, report_len, write_out,
};
use crate::revocation::jeton_revocation_list;
use crate::status::{Fail, jeton_status};

/// A token whose signature and claims checked out: a view of its header
/// and claims, decoded into the buffer given to `jeton_jwt_verify`. Every
/// view points into that buffer and is valid while the buffer is alive
/// and unchanged; the struct itself may be copied freely.
///
/// String claims are given raw, as the bytes between the JSON quotes with
/// escapes as written: when the matching `JETON_JWT_*_ESCAPED` flag is
/// clear (the usual case) the raw bytes are the string; otherwise read it
/// with `jeton_jwt_verified_claim_str` (or `jeton_jwt_verified_header_str`
/// for `kid`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_verified {
    /// The decoded header, a JSON object.
    pub header: jeton_bytes,
    /// The decoded claims set, a JSON object.
    pub claims: jeton_bytes,
    /// The algorithm the token was verified with.
    pub algorithm: jeton_jwt_algorithm,
    /// `JETON_JWT_HAS_EXP`, `JETON_JWT_HAS_NBF`, `JETON_JWT_HAS_IAT` and the
    /// `JETON_JWT_*_ESCAPED` bits.
    pub flags: jeton_jwt_flags,
    /// Index in the key set of the key that verified the token.
    pub key_index: usize,
    /// The header's `kid`, raw; NULL when absent.
    pub kid: jeton_bytes,
    /// `iss`, raw; NULL when absent.
    pub iss: jeton_bytes,
    /// `sub`, raw; NULL when absent.
    pub sub: jeton_bytes,
    /// `jti`, raw; NULL when absent.
    pub jti: jeton_bytes,
    /// `aud` as JSON: a string (quotes included) or an array of strings;
    /// NULL when absent. `jeton_jwt_verified_audience` reads each audience.
    pub aud: jeton_bytes,
    /// `exp` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_EXP`.
    pub exp: i64,
    /// `nbf` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_NBF`.
    pub nbf: i64,
    /// `iat` in Unix seconds (a fraction rounded up), with
    /// `JETON_JWT_HAS_IAT`.
    pub iat: i64,
    /// Where each claim lies in `claims`, noted by the verifying pass so
    /// that the getters look claims up without parsing again. Opaque: copy
    /// it with the struct, never change it.
    pub claims_index: [u16; JETON_JWT_CLAIMS_INDEX_WORDS],
}

/// Length of `jeton_jwt_verified.claims_index`, in 16-bit words.
pub const JETON_JWT_CLAIMS_INDEX_WORDS: usize = 132;
const _: () = assert!(JETON_JWT_CLAIMS_INDEX_WORDS == jeton::json::INDEX_WORDS);

/// A JWS whose signature checked out, its payload not interpreted. Its
/// views point into the buffer given to `jeton_jws_verify`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jws_verified {
    /// The decoded header, a JSON object.
    pub header: jeton_bytes,
    /// The decoded payload, any bytes.
    pub payload: jeton_bytes,
    /// The algorithm it was verified with.
    pub algorithm: jeton_jwt_algorithm,
    /// Index in the key set of the key that verified it.
    pub key_index: usize,
}

/// The verified view and the bytes of its claims (or header), which must
/// still look like the JSON object they were: a buffer changed since (its
/// first or last byte) is noticed; any other change is the caller's breach
/// of contract, answered wrongly but never out of bounds.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged during `'a`.
unsafe fn part<'a>(
    verified: *const jeton_jwt_verified,
    header: bool,
) -> Result<(&'a jeton_jwt_verified, &'a [u8]), Fail> {
    // SAFETY: the caller's contract.
    let v: &'a jeton_jwt_verified = unsafe { input_struct(verified)? };
    let (view, corrupted) = if header {
        (v.header, Error::JwtHeaderInvalid)
    } else {
        (v.claims, Error::JwtPayloadInvalid)
    };
    // SAFETY: the view points into the caller's buffer (the caller's
    // contract).
    let bytes = unsafe { input(view.ptr, view.len)? };
    if !(bytes.starts_with(b"{") && bytes.ends_with(b"}")) {
        return Err(corrupted.into());
    }
    Ok((v, bytes))
}

/// The member `name` of the claims (or header) of a verified token: a
/// lookup in the claims index, or a scan of the few header parameters.
fn member<'a>(
    v: &jeton_jwt_verified,
    object: &'a [u8],
    header: bool,
    name: &[u8],
) -> Option<Value<'a>> {
    if header {
        Value::from_validated(object).get(name)
    } else {
        MemberIndex::lookup(&v.claims_index, object, name)
    }
}

/// The two parts of the caller's buffer a verified view points to (an
/// output into either would corrupt the view).
fn token_regions(v: &jeton_jwt_verified) -> [Region; 2] {
    [
        Region::array(v.header.ptr, v.header.len),
        Region::array(v.claims.ptr, v.claims.len),
    ]
}

/// A member of the claims (or header) of a verified token, unescaped into
/// `out`.
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_str`.
unsafe fn member_str(
    verified: *const jeton_jwt_verified,
    header: bool,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says;
    // `output` checks that `out` overlaps no input.
    let ((v, object), name) = unsafe { (part(verified, header)?, input(name, name_len)?) };
    let [header_region, claims_region] = token_regions(v);
    let others = [
        Region::object(verified),
        header_region,
        claims_region,
        Region::of(name),
    ];
    // SAFETY: as above.
    unsafe {
        write_out(out, out_cap, out_len, &others, |out| {
            let value = member(v, object, header, name).ok_or(Error::JwtMissingClaim)?;
            value.unescape_into(out)
        })
    }
}

/// A string claim of a verified token, unescaped into `out` (UTF-8): any
/// claim by name, registered (`iss`, `sub`, `jti`) or custom.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len` (the
/// raw length always suffices); `JETON_ERR_JWT_MISSING_CLAIM` when the
/// token has no such claim; `JETON_ERR_JSON_WRONG_TYPE` when it is not a
/// string; `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer no longer holds
/// the claims (it was changed). NULL `verified`, `name` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial result.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` set by `jeton_jwt_verify`
/// whose buffer is alive and unchanged; `name` is readable for `name_len`
/// bytes; `out` is writable for `out_cap` bytes and overlaps neither the
/// buffer nor `name`; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_str(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `member_str`'s.
        unsafe { member_str(verified, false, name, name_len, out, out_cap, out_len) }
    })
}

/// A string parameter of a verified token's header (`kid`, `typ`, `alg`,
/// ...), unescaped into `out`.
///
/// Returns as `jeton_jwt_verified_claim_str` (with
/// `JETON_ERR_JWT_HEADER_INVALID` when the buffer was changed).
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_header_str(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `member_str`'s.
        unsafe { member_str(verified, true, name, name_len, out, out_cap, out_len) }
    })
}

/// The claim `name` of a verified token.
///
/// # Safety
///
/// `verified` as in `jeton_jwt_verified_claim_str`; `name` readable.
unsafe fn claim<'a>(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
) -> Result<Value<'a>, Fail> {
    // SAFETY: the caller's contract.
    let ((v, claims), name) = unsafe { (part(verified, false)?, input(name, name_len)?) };
    member(v, claims, false, name).ok_or(Fail::from(Error::JwtMissingClaim))
}

/// An integer claim of a verified token: only the JSON integer grammar
/// (no fraction, no exponent) is an integer.
///
/// Returns `JETON_OK` with `*value` set; `JETON_ERR_JWT_MISSING_CLAIM`;
/// `JETON_ERR_JSON_WRONG_TYPE` for a value that is not an integer;
/// `JETON_ERR_JSON_NUMBER_OUT_OF_RANGE` beyond `int64_t`;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer was changed. NULL
/// `verified`, `name` or `value`: `JETON_ERR_NULL_POINTER`. On error
/// `*value` is untouched.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `name` is readable for `name_len` bytes; `value` points to a
/// writable `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_i64(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value) = unsafe { (claim(verified, name, name_len)?, out_ptr(value)?) };
        value.set(found.as_i64()?);
        Ok(())
    })
}

/// A boolean claim of a verified token.
///
/// Returns `JETON_OK` with `*value` set; `JETON_ERR_JWT_MISSING_CLAIM`;
/// `JETON_ERR_JSON_WRONG_TYPE` for a value other than `true` or `false`;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the buffer was changed. NULL
/// `verified`, `name` or `value`: `JETON_ERR_NULL_POINTER`. On error
/// `*value` is untouched.
///
/// # Safety
///
/// As `jeton_jwt_verified_claim_i64`, with `value` pointing to a writable
/// `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_bool(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut bool,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value) = unsafe { (claim(verified, name, name_len)?, out_ptr(value)?) };
        value.set(found.as_bool()?);
        Ok(())
    })
}

/// Any claim of a verified token as raw JSON, pointing into the buffer:
/// objects, arrays, numbers with fractions, `null`... (read strings with
/// `jeton_json_string_unescape`, or `jeton_jwt_verified_claim_str`).
///
/// Returns `JETON_OK` with `*value` (the JSON text of the value, valid
/// while the buffer is unchanged) and `*kind` set;
/// `JETON_ERR_JWT_MISSING_CLAIM`; `JETON_ERR_JWT_PAYLOAD_INVALID` when the
/// buffer was changed. NULL `verified`, `name`, `value` or `kind`:
/// `JETON_ERR_NULL_POINTER`. On error `*value` and `*kind` are untouched.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `name` is readable for `name_len` bytes; `value` and `kind`
/// point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_claim_raw(
    verified: *const jeton_jwt_verified,
    name: *const u8,
    name_len: usize,
    value: *mut jeton_bytes,
    kind: *mut jeton_json_kind,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract.
        let (found, value, kind) = unsafe {
            (
                claim(verified, name, name_len)?,
                out_ptr(value)?,
                out_ptr(kind)?,
            )
        };
        let raw = found.raw();
        value.set(jeton_bytes {
            ptr: raw.as_ptr(),
            len: raw.len(),
        });
        kind.set(kind_to(found.kind()));
        Ok(())
    })
}

/// The audience at `index` (from 0) of a verified token, unescaped into
/// `out`: `aud` itself when it is a string (index 0), each element when it
/// is an array.
///
/// ```c
/// for (i = 0; jeton_jwt_verified_audience(&v, i, out, sizeof out, &n) == JETON_OK; i++)
///     use(out, n);
/// ```
///
/// Returns `JETON_OK` with the length in `*out_len`; `JETON_DONE` when
/// there is no audience at `index` (nothing written, `*out_len` untouched;
/// also for a token without `aud`); `JETON_ERR_BUFFER_TOO_SMALL` with the
/// length needed in `*out_len`; `JETON_ERR_JWT_PAYLOAD_INVALID` when the
/// buffer was changed. NULL `verified` or `out_len`, or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial result.
///
/// # Safety
///
/// `verified` points to a `jeton_jwt_verified` whose buffer is alive and
/// unchanged; `out` is writable for `out_cap` bytes and does not overlap
/// the buffer; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verified_audience(
    verified: *const jeton_jwt_verified,
    index: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` overlaps no input.
        let ((v, claims), out_len) = unsafe { (part(verified, false)?, out_ptr(out_len)?) };
        let [header_region, claims_region] = token_regions(v);
        let others = [Region::object(verified), header_region, claims_region];
        // SAFETY: as above.
        let out = unsafe { output(out, out_cap, &others)? };
        let Some(aud) = member(v, claims, false, b"aud") else {
            return Ok(Step::Done);
        };
        let found = match aud.as_str() {
            Some(one) => (index == 0).then_some(one),
            None => aud.elements().filter_map(|e| e.as_str()).nth(index),
        };
        let Some(found) = found else {
            return Ok(Step::Done);
        };
        report_len(found.unescape_into(out), out_len).map(|()| Step::Item)
    })
}

/// Longest `jti` (unescaped) `jeton_revocation_list_revoke_token` takes
/// from a token whose `jti` holds escapes: 256 bytes. (One without escapes
/// may have any length; for a longer escaped one, unescape it with
/// `jeton_jwt_verified_claim_str` and call
/// `jeton_revocation_list_revoke`.)
pub const JETON_REVOCATION_MAX_ESCAPED_JTI_LEN: usize = 256;

/// Revokes a verified token (logout of a JWT session): its `jti` until its
/// `exp` (for ever without one), as `jeton_revocation_list_revoke` does.
///
/// Returns `JETON_OK`; `JETON_ERR_JWT_MISSING_CLAIM` when the token has no
/// `jti` (it cannot be revoked: issue tokens with one);
/// `JETON_ERR_INPUT_TOO_LONG` for an escaped `jti` longer than
/// `JETON_REVOCATION_MAX_ESCAPED_JTI_LEN` once unescaped;
/// `JETON_ERR_JWT_PAYLOAD_INVALID` when the token's buffer was changed;
/// `JETON_ERR_REVOCATION_LIST_FULL`. NULL `list` or `verified`:
/// `JETON_ERR_NULL_POINTER`. On error the list is unchanged.
///
/// # Safety
///
/// `list` points to a `jeton_revocation_list` no other thread uses
/// meanwhile; `verified` points to a `jeton_jwt_verified` set by
/// `jeton_jwt_verify` whose buffer is alive and unchanged.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_revocation_list_revoke_token(
    list: *mut jeton_revocation_list,
    verified: *const jeton_jwt_verified,
    now: i64,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `verified` points to a `jeton_jwt_verified` (function
        // contract).
        let v = unsafe { input_struct(verified)? };
        // SAFETY: `list` is a list no other thread uses, and the claims view
        // points into the caller's buffer, alive and unchanged (function
        // contract); neither lies in the list (checked).
        let (list, claims) = unsafe {
            (
                object_mut(
                    list,
                    &[
                        Region::object(verified),
                        Region::array(v.claims.ptr, v.claims.len),
                    ],
                )?,
                input(v.claims.ptr, v.claims.len)?,
            )
        };
        if !(claims.starts_with(b"{") && claims.ends_with(b"}")) {
            return Err(Error::JwtPayloadInvalid.into());
        }
        let jti = member(v, claims, false, b"jti")
            .and_then(|j| j.as_str())
            .ok_or(Error::JwtMissingClaim)?;
        let exp = if v.flags & JETON_JWT_HAS_EXP != 0 {
            v.exp
        } else {
            i64::MAX
        };
        // A token already lapsed for the list needs no entry (see
        // `jeton_revocation_list_revoke`): JETON_OK either way.
        if !jti.is_escaped() {
            list.revoke(jti.raw(), exp, now)?;
            return Ok(());
        }
        let mut unescaped = [0u8; JETON_REVOCATION_MAX_ESCAPED_JTI_LEN];
        let n = jti
            .unescape_into(&mut unescaped)
            .map_err(|_| Error::InputTooLong)?;
        list.revoke(unescaped.get(..n).unwrap_or(&[]), exp, now)?;
        Ok(())
    })
}
