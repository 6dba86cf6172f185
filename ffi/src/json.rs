//! The strict JSON reader: validating a document under limits, walking
//! the members of an object and the elements of an array, and unescaping
//! a JSON string.

use jeton::json::{self, Kind, Limits};

use crate::boundary::{Step, boundary};
use crate::ptr::{Region, input, input_struct, jeton_bytes, out_ptr, write_out};
use crate::status::{Fail, jeton_status};

/// The kind of a JSON value, one of the `JETON_JSON_*` kind values.
pub type jeton_json_kind = u32;
/// `{...}`
pub const JETON_JSON_OBJECT: jeton_json_kind = 1;
/// `[...]`
pub const JETON_JSON_ARRAY: jeton_json_kind = 2;
/// `"..."`
pub const JETON_JSON_STRING: jeton_json_kind = 3;
/// A number, any form (`-1`, `2.5e3`).
pub const JETON_JSON_NUMBER: jeton_json_kind = 4;
/// `true` or `false`.
pub const JETON_JSON_BOOL: jeton_json_kind = 5;
/// `null`.
pub const JETON_JSON_NULL: jeton_json_kind = 6;

/// A set of `JETON_JSON_*` flag bits for `jeton_json_limits`.
pub type jeton_json_flags = u32;
/// Refuse an object, at any depth, with two members of the same name
/// (compared after unescaping) with `JETON_ERR_JSON_DUPLICATE_MEMBER`.
/// RFC 8259 leaves duplicates to the implementation; JWT headers and
/// claims refuse them. With this flag, nested objects are bounded to 16
/// levels below the top (`JETON_ERR_JSON_TOO_DEEP`) and 64 members each
/// (`JETON_ERR_JSON_TOO_MANY_MEMBERS`), so the check keeps a fixed cost.
pub const JETON_JSON_UNIQUE_MEMBERS: jeton_json_flags = 1 << 0;

/// Deepest nesting `jeton_json_validate` accepts when `max_depth` is 0.
pub const JETON_JSON_DEFAULT_MAX_DEPTH: usize = 64;
/// The largest `max_depth` accepted.
pub const JETON_JSON_MAX_DEPTH: usize = 128;
/// Most top-level members `jeton_json_validate` accepts when
/// `max_members` is 0.
pub const JETON_JSON_DEFAULT_MAX_MEMBERS: usize = 256;

const _: () = {
    assert!(JETON_JSON_DEFAULT_MAX_DEPTH == Limits::DEFAULT.max_depth);
    assert!(JETON_JSON_DEFAULT_MAX_MEMBERS == Limits::DEFAULT.max_members);
};

/// Bounds for `jeton_json_validate`. A zero-filled struct (`= {0}` in C)
/// means the defaults: depth `JETON_JSON_DEFAULT_MAX_DEPTH`,
/// `JETON_JSON_DEFAULT_MAX_MEMBERS` top-level members, duplicate names
/// allowed.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct jeton_json_limits {
    /// Deepest nesting of arrays and objects accepted, 1 to
    /// `JETON_JSON_MAX_DEPTH`; 0: `JETON_JSON_DEFAULT_MAX_DEPTH`.
    pub max_depth: usize,
    /// Most members accepted in a top-level object; 0:
    /// `JETON_JSON_DEFAULT_MAX_MEMBERS`.
    pub max_members: usize,
    /// `JETON_JSON_UNIQUE_MEMBERS` or 0; any other bit is
    /// `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_json_flags,
}

/// The C value of a kind.
pub(crate) fn kind_to(kind: Kind) -> jeton_json_kind {
    match kind {
        Kind::Object => JETON_JSON_OBJECT,
        Kind::Array => JETON_JSON_ARRAY,
        Kind::String => JETON_JSON_STRING,
        Kind::Number => JETON_JSON_NUMBER,
        Kind::Bool => JETON_JSON_BOOL,
        Kind::Null => JETON_JSON_NULL,
    }
}

/// Limits under which anything jeton validated before (under any limits)
/// validates again: for values handed back to C and read later.
pub(crate) const RELAXED: Limits = Limits {
    max_depth: JETON_JSON_MAX_DEPTH,
    max_members: usize::MAX,
    unique_members: false,
};

/// Validates `json` as one JSON document (RFC 8259, strict: UTF-8 and
/// escapes checked, lone surrogates refused, no trailing data, no BOM)
/// under `limits`, and reports the kind of its top-level value. Numbers
/// are checked against the grammar only, not for range. Validation is one
/// pass without recursion, in memory independent of the input.
///
/// Returns `JETON_OK` with `*kind` set; `JETON_ERR_JSON_SYNTAX`,
/// `JETON_ERR_JSON_UNEXPECTED_END`, `JETON_ERR_JSON_INVALID_STRING`,
/// `JETON_ERR_JSON_INVALID_UTF8`, `JETON_ERR_JSON_INVALID_NUMBER`,
/// `JETON_ERR_JSON_TOO_DEEP`, `JETON_ERR_JSON_TOO_MANY_MEMBERS`,
/// `JETON_ERR_JSON_DUPLICATE_MEMBER` (with `JETON_JSON_UNIQUE_MEMBERS`) or
/// `JETON_ERR_JSON_TRAILING_DATA` for the first fault found;
/// `JETON_ERR_INVALID_ARGUMENT` for a `max_depth` above
/// `JETON_JSON_MAX_DEPTH` or an unknown flag. NULL `json`, `limits` or
/// `kind`: `JETON_ERR_NULL_POINTER`. On error `*kind` is untouched.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `limits` points to a
/// `jeton_json_limits`; `kind` to a writable `jeton_json_kind`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_json_validate(
    json: *const u8,
    json_len: usize,
    limits: *const jeton_json_limits,
    kind: *mut jeton_json_kind,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (json, limits, kind) = unsafe {
            (
                input(json, json_len)?,
                input_struct(limits)?,
                out_ptr(kind)?,
            )
        };
        if limits.flags & !JETON_JSON_UNIQUE_MEMBERS != 0 || limits.max_depth > JETON_JSON_MAX_DEPTH
        {
            return Err(Fail::INVALID);
        }
        let or_default = |value: usize, default: usize| if value == 0 { default } else { value };
        let limits = Limits {
            max_depth: or_default(limits.max_depth, JETON_JSON_DEFAULT_MAX_DEPTH),
            max_members: or_default(limits.max_members, JETON_JSON_DEFAULT_MAX_MEMBERS),
            unique_members: limits.flags & JETON_JSON_UNIQUE_MEMBERS != 0,
        };
        let value = json::parse_with(json, &limits)?;
        kind.set(kind_to(value.kind()));
        Ok(())
    })
}

/// Unescapes the JSON string `json` (a whole JSON text that is one string,
/// quotes included, such as a value `jeton_jwt_verified_claim_raw` hands
/// out) into `out`: the UTF-8 content, escapes resolved (`\u` escapes and
/// surrogate pairs included). Spaces around the string are allowed.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`json_len` bytes always suffice); `JETON_ERR_JSON_WRONG_TYPE` when
/// `json` is valid JSON but not a string; the errors of
/// `jeton_json_validate` when it is not JSON. NULL `json` or `out_len`, or
/// NULL `out` with a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On
/// error `out` holds no partial result.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_json_string_unescape(
    json: *const u8,
    json_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says;
        // `output` checks that `out` does not overlap `json`.
        let json = unsafe { input(json, json_len)? };
        // SAFETY: as above.
        unsafe {
            write_out(out, out_cap, out_len, &[Region::of(json)], |out| {
                json::parse_with(json, &RELAXED)?.unescape_into(out)
            })
        }
    })
}

/// `jeton_json_member` flag: the name holds backslash escapes (unescape
/// it with `jeton_json_string_unescape` on the quoted name, or compare it
/// with a getter that unescapes).
pub const JETON_JSON_NAME_ESCAPED: jeton_json_flags = 1 << 1;

/// One member of a JSON object, pointing into the document.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_json_member {
    /// The name: the bytes between its quotes, escapes as written.
    pub name: jeton_bytes,
    /// The value's JSON text (a string keeps its quotes).
    pub value: jeton_bytes,
    /// The kind of the value.
    pub kind: jeton_json_kind,
    /// `JETON_JSON_NAME_ESCAPED` or 0.
    pub flags: jeton_json_flags,
}

/// The member at `index` (from 0, in document order, duplicates
/// included) of the JSON object `json`: with `jeton_jwt_verified.claims`,
/// every claim of a verified token. The document is validated on every
/// call (depth up to `JETON_JSON_MAX_DEPTH`), so a walk over n members
/// costs n passes: meant for small documents.
///
/// Returns `JETON_OK` with `*member` set (its views point into `json`);
/// `JETON_DONE` when `index` is past the last member (`*member`
/// untouched); `JETON_ERR_JSON_WRONG_TYPE` when `json` is not an object;
/// the errors of `jeton_json_validate` when it is not JSON. NULL `json` or
/// `member`: `JETON_ERR_NULL_POINTER`. On error `*member` is untouched.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `member` points to a writable
/// `jeton_json_member`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_json_member_at(
    json: *const u8,
    json_len: usize,
    index: usize,
    member: *mut jeton_json_member,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (json, member) = unsafe { (input(json, json_len)?, out_ptr(member)?) };
        let value = json::parse_with(json, &RELAXED)?;
        if value.kind() != Kind::Object {
            return Err(jeton::Error::JsonWrongType.into());
        }
        let Some((name, found)) = value.members().nth(index) else {
            return Ok(Step::Done);
        };
        member.set(jeton_json_member {
            name: jeton_bytes::within(json, name.raw()),
            value: jeton_bytes::within(json, found.raw()),
            kind: kind_to(found.kind()),
            flags: if name.is_escaped() {
                JETON_JSON_NAME_ESCAPED
            } else {
                0
            },
        });
        Ok(Step::Item)
    })
}

/// The element at `index` (from 0) of the JSON array `json`.
///
/// Returns `JETON_OK` with `*value` (the element's JSON text, pointing
/// into `json`) and `*kind` set; `JETON_DONE` when `index` is past the last
/// element (nothing written); `JETON_ERR_JSON_WRONG_TYPE` when `json` is
/// not an array; the errors of `jeton_json_validate` when it is not JSON.
/// NULL `json`, `value` or `kind`: `JETON_ERR_NULL_POINTER`. On error
/// `*value` and `*kind` are untouched.
///
/// # Safety
///
/// `json` is readable for `json_len` bytes; `value` and `kind` point to
/// writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_json_element_at(
    json: *const u8,
    json_len: usize,
    index: usize,
    value: *mut jeton_bytes,
    kind: *mut jeton_json_kind,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (json, value, kind) =
            unsafe { (input(json, json_len)?, out_ptr(value)?, out_ptr(kind)?) };
        let array = json::parse_with(json, &RELAXED)?;
        if array.kind() != Kind::Array {
            return Err(jeton::Error::JsonWrongType.into());
        }
        let Some(found) = array.elements().nth(index) else {
            return Ok(Step::Done);
        };
        value.set(jeton_bytes::within(json, found.raw()));
        kind.set(kind_to(found.kind()));
        Ok(Step::Item)
    })
}
