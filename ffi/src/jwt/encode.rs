//! `jeton_jwt_encode`: a token from a C description of its header and
//! claims.

use jeton::Error;
use jeton::jwt::{self, ClaimValue, Claims, Header};

use super::{
    JETON_JWT_HAS_EXP, JETON_JWT_HAS_IAT, JETON_JWT_HAS_NBF, JETON_JWT_MAX_CUSTOM_CLAIMS,
    JETON_JWT_MAX_LIST, JETON_JWT_NO_TYP, jeton_jwt_flags, jeton_jwt_key_set, optional_text,
    required_text,
};
use crate::boundary::boundary;
use crate::object::object;
use crate::ptr::{
    Region, Regions, input_struct, jeton_bytes, optional_array, out_ptr, output, report_len,
};
use crate::status::{Fail, jeton_status};

/// The header of a token to encode. `alg` always comes from the key. A
/// zero-filled struct means `{"alg":...,"typ":"JWT"}` plus the key's
/// `kid`, if it has one.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_header {
    /// `typ`; NULL: `JWT` (or none with `JETON_JWT_NO_TYP`).
    pub typ: jeton_bytes,
    /// `kid`; NULL: the signing key's own `kid`, if it has one.
    pub kid: jeton_bytes,
    /// `JETON_JWT_NO_TYP` or 0; any other bit is
    /// `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_flags,
}

/// The type of a custom claim's value, one of the `JETON_JWT_VALUE_*`
/// values.
pub type jeton_jwt_value_kind = u32;
/// A string, taken from `text` (UTF-8) and escaped on the way out.
pub const JETON_JWT_VALUE_STRING: jeton_jwt_value_kind = 1;
/// An integer, taken from `integer`.
pub const JETON_JWT_VALUE_INT: jeton_jwt_value_kind = 2;
/// `true` or `false`: `integer` non-zero or zero.
pub const JETON_JWT_VALUE_BOOL: jeton_jwt_value_kind = 3;
/// Raw JSON taken from `text` (any JSON value: object, array, number,
/// `null`...), checked to be JSON and written as it is.
pub const JETON_JWT_VALUE_JSON: jeton_jwt_value_kind = 4;

/// A custom (private or public) claim to encode.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_claim {
    /// The claim name (UTF-8); not one of the registered names (`iss`,
    /// `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`), and unique.
    pub name: jeton_bytes,
    /// A `JETON_JWT_VALUE_*` value (0 is not one).
    pub kind: jeton_jwt_value_kind,
    /// The string (`JETON_JWT_VALUE_STRING`) or raw JSON
    /// (`JETON_JWT_VALUE_JSON`); ignored otherwise (may be NULL then).
    pub text: jeton_bytes,
    /// The integer (`JETON_JWT_VALUE_INT`) or boolean
    /// (`JETON_JWT_VALUE_BOOL`: non-zero is `true`); ignored otherwise.
    pub integer: i64,
}

/// The claims set of a token to encode. Every view is borrowed for the
/// call only; a zero-filled struct is the empty claims set `{}`. Members
/// are written in the order `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`,
/// `jti`, then the custom claims in array order. Strings must be UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_claims {
    /// `iss`; NULL: absent.
    pub iss: jeton_bytes,
    /// `sub`; NULL: absent.
    pub sub: jeton_bytes,
    /// `aud` as one string; NULL: absent. Not together with `audiences`.
    pub aud: jeton_bytes,
    /// `aud` as an array of `audience_count` strings (up to
    /// `JETON_JWT_MAX_LIST`); NULL (with a count of 0): absent.
    pub audiences: *const jeton_bytes,
    /// The number of `audiences`.
    pub audience_count: usize,
    /// `jti`; NULL: absent.
    pub jti: jeton_bytes,
    /// `exp`, Unix seconds, written with `JETON_JWT_HAS_EXP`.
    pub exp: i64,
    /// `nbf`, Unix seconds, written with `JETON_JWT_HAS_NBF`.
    pub nbf: i64,
    /// `iat`, Unix seconds, written with `JETON_JWT_HAS_IAT`.
    pub iat: i64,
    /// `JETON_JWT_HAS_EXP`, `JETON_JWT_HAS_NBF`, `JETON_JWT_HAS_IAT`; any
    /// other bit is `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_flags,
    /// `custom_count` custom claims (up to `JETON_JWT_MAX_CUSTOM_CLAIMS`);
    /// NULL (with a count of 0): none.
    pub custom: *const jeton_jwt_claim,
    /// The number of `custom` claims.
    pub custom_count: usize,
}

/// The most regions an encode call reads: the two structs, the two
/// arrays, every view.
const ENCODE_REGIONS: usize = 8 + JETON_JWT_MAX_LIST + 2 * JETON_JWT_MAX_CUSTOM_CLAIMS + 4;

/// Encodes the claims described by `claims` under the header `header`.
///
/// # Safety
///
/// As `jeton_jwt_encode`.
unsafe fn encode(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    header: *const jeton_jwt_header,
    claims: *const jeton_jwt_claims,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Fail> {
    // SAFETY: every pointer is valid as the function contract says.
    let (set, h, c, out_len) = unsafe {
        (
            object(keys)?,
            input_struct(header)?,
            input_struct(claims)?,
            out_ptr(out_len)?,
        )
    };
    let mut regions = Regions::<ENCODE_REGIONS>::new();
    regions.push(Region::object(keys))?;
    regions.push(Region::object(header))?;
    regions.push(Region::object(claims))?;

    // The header.
    if h.flags & !JETON_JWT_NO_TYP != 0 {
        return Err(Fail::INVALID);
    }
    // SAFETY: the views are readable (function contract).
    let (typ, kid) = unsafe { (optional_text(h.typ)?, optional_text(h.kid)?) };
    let typ = match (typ, h.flags & JETON_JWT_NO_TYP != 0) {
        (None, false) => Some("JWT"),
        (None, true) => None,
        (Some(typ), false) => Some(typ),
        (Some(_), true) => return Err(Fail::INVALID),
    };
    for view in [typ, kid].into_iter().flatten() {
        regions.push(Region::of(view.as_bytes()))?;
    }
    let header = Header { typ, kid };

    // The registered claims.
    if c.flags & !(JETON_JWT_HAS_EXP | JETON_JWT_HAS_NBF | JETON_JWT_HAS_IAT) != 0 {
        return Err(Fail::INVALID);
    }
    // Declared before the builder, which borrows it.
    let mut list = [""; JETON_JWT_MAX_LIST];
    let mut built: Claims<'_, JETON_JWT_MAX_CUSTOM_CLAIMS> = Claims::with_capacity();
    // SAFETY: the views are readable (function contract).
    let (iss, sub, jti, aud) = unsafe {
        (
            optional_text(c.iss)?,
            optional_text(c.sub)?,
            optional_text(c.jti)?,
            optional_text(c.aud)?,
        )
    };
    for view in [iss, sub, jti, aud].into_iter().flatten() {
        regions.push(Region::of(view.as_bytes()))?;
    }
    if let Some(iss) = iss {
        built = built.issuer(iss);
    }
    if let Some(sub) = sub {
        built = built.subject(sub);
    }
    if let Some(jti) = jti {
        built = built.jwt_id(jti);
    }
    // SAFETY: the array is readable for its count (function contract).
    let audiences = unsafe { optional_array(c.audiences, c.audience_count)? };
    match (aud, audiences) {
        (Some(_), Some(_)) => return Err(Fail::INVALID),
        (Some(aud), None) => built = built.audience(aud),
        (None, Some(views)) => {
            if views.len() > JETON_JWT_MAX_LIST {
                return Err(Error::TooManyItems.into());
            }
            regions.push(Region::array(views.as_ptr(), views.len()))?;
            for (slot, view) in list.iter_mut().zip(views) {
                // SAFETY: every view is readable (function contract).
                *slot = unsafe { required_text(*view)? };
                regions.push(Region::of(slot.as_bytes()))?;
            }
        }
        (None, None) => {}
    }
    if let Some(views) = audiences {
        built = built.audiences(list.get(..views.len()).unwrap_or(&[]));
    }
    let flag = |bit: jeton_jwt_flags| c.flags & bit != 0;
    if flag(JETON_JWT_HAS_EXP) {
        built = built.expires_at(c.exp);
    }
    if flag(JETON_JWT_HAS_NBF) {
        built = built.not_before(c.nbf);
    }
    if flag(JETON_JWT_HAS_IAT) {
        built = built.issued_at(c.iat);
    }

    // The custom claims.
    // SAFETY: the array is readable for its count (function contract).
    let custom = unsafe { optional_array(c.custom, c.custom_count)? }.unwrap_or(&[]);
    if custom.len() > JETON_JWT_MAX_CUSTOM_CLAIMS {
        return Err(Error::TooManyItems.into());
    }
    if !custom.is_empty() {
        regions.push(Region::array(custom.as_ptr(), custom.len()))?;
    }
    for claim in custom {
        // SAFETY: the views are readable (function contract).
        let name = unsafe { required_text(claim.name)? };
        regions.push(Region::of(name.as_bytes()))?;
        let value = match claim.kind {
            JETON_JWT_VALUE_STRING | JETON_JWT_VALUE_JSON => {
                // SAFETY: as above.
                let text = unsafe { required_text(claim.text)? };
                regions.push(Region::of(text.as_bytes()))?;
                if claim.kind == JETON_JWT_VALUE_STRING {
                    ClaimValue::Str(text)
                } else {
                    ClaimValue::Json(text)
                }
            }
            JETON_JWT_VALUE_INT => ClaimValue::Int(claim.integer),
            JETON_JWT_VALUE_BOOL => ClaimValue::Bool(claim.integer != 0),
            _ => return Err(Fail::INVALID),
        };
        built = built.claim(name, value);
    }

    // SAFETY: `out` is writable for `out_cap` bytes (function contract);
    // `output` checks that it overlaps no input.
    let out = unsafe { output(out, out_cap, regions.as_slice())? };
    let key = set
        .keys()
        .get(key_index)
        .ok_or(Fail::from(Error::JwtKeyNotFound))?;
    report_len(jwt::encode_with_header(key, &header, &built, out), out_len)
}

/// Signs the claims set `claims` with the key at `key_index` of `keys` (0
/// for the first) under the header `header`, and writes the compact token
/// `base64url(header).base64url(claims).base64url(signature)` into `out`.
/// The header's `alg` is the key's algorithm; its `kid` is `header->kid`,
/// or else the key's own. jeton writes integer NumericDates only.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*out_len`
/// (`(NULL, 0)` asks); `JETON_ERR_JWT_KEY_NOT_FOUND` when `key_index` is
/// not a key of the set; `JETON_ERR_JWT_KEY_INVALID` when that key cannot
/// sign (a public key, or one whose JWK `use`/`key_ops` forbid signing); `JETON_ERR_JWT_PAYLOAD_DUPLICATE` for a custom
/// claim named like a registered claim or like another;
/// `JETON_ERR_TOO_MANY_ITEMS` beyond `JETON_JWT_MAX_CUSTOM_CLAIMS` custom
/// claims or `JETON_JWT_MAX_LIST` audiences; `JETON_ERR_JSON_INVALID_UTF8`
/// for a string that is not UTF-8; a `JETON_ERR_JSON_*` error for a
/// `JETON_JWT_VALUE_JSON` value that is not JSON;
/// `JETON_ERR_INVALID_ARGUMENT` for an unknown flag or value kind, both
/// `aud` and `audiences`, a `typ` with `JETON_JWT_NO_TYP`, or a NULL
/// optional view or array with a non-zero length. NULL `keys`, `header`,
/// `claims`, `out_len`, a NULL required view (a custom claim's `name`, a
/// string's `text`, an element of `audiences`), or NULL `out` with a
/// non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial token.
///
/// ```c
/// jeton_jwt_claim role = { { (const uint8_t *)"role", 4 }, JETON_JWT_VALUE_STRING,
///                          { (const uint8_t *)"admin", 5 }, 0 };
/// jeton_jwt_claims claims = {0};
/// jeton_jwt_header header = {0};
/// claims.sub.ptr = (const uint8_t *)"user-42"; claims.sub.len = 7;
/// claims.exp = now + 900; claims.flags = JETON_JWT_HAS_EXP;
/// claims.custom = &role; claims.custom_count = 1;
/// status = jeton_jwt_encode(&keys, 0, &header, &claims, token, sizeof token, &token_len);
/// ```
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `header` to a
/// `jeton_jwt_header` and `claims` to a `jeton_jwt_claims` whose views and
/// arrays are readable for their lengths; `out` is writable for `out_cap`
/// bytes and overlaps none of them; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_encode(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    header: *const jeton_jwt_header,
    claims: *const jeton_jwt_claims,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    // SAFETY: the function contract is `encode`'s.
    boundary(|| unsafe { encode(keys, key_index, header, claims, out, out_cap, out_len) })
}
