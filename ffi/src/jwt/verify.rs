//! `jeton_jwt_verify` and `jeton_jws_verify` under C validation options.

use jeton::Error;
use jeton::jwt::{self, Claim, Expect, Revocation, Validation};

use super::{
    JETON_JWT_HAS_EXP, JETON_JWT_HAS_IAT, JETON_JWT_HAS_NBF, JETON_JWT_ISS_ESCAPED,
    JETON_JWT_JTI_ESCAPED, JETON_JWT_KID_ESCAPED, JETON_JWT_MAX_LIST, JETON_JWT_SUB_ESCAPED,
    algorithm_to, jeton_jws_verified, jeton_jwt_flags, jeton_jwt_key_set, jeton_jwt_verified,
    optional_text, required_text,
};
use crate::boundary::boundary;
use crate::object::{Storage, object};
use crate::ptr::{
    KeepOut, Region, input, input_struct, jeton_bytes, optional_array, out_ptr, output, report_len,
};
use crate::revocation::jeton_revocation_list;
use crate::status::{Fail, jeton_status};

/// Longest token accepted when `jeton_jwt_validation.max_token_len` is 0:
/// 8 KiB.
pub const JETON_JWT_DEFAULT_MAX_TOKEN_LEN: usize = 8192;
const _: () = assert!(JETON_JWT_DEFAULT_MAX_TOKEN_LEN == jwt::DEFAULT_MAX_TOKEN_LEN);

/// A set of registered claims, `JETON_JWT_CLAIM_*` bits, that must be
/// present for `jeton_jwt_verify` to accept a token.
pub type jeton_jwt_claim_set = u32;
/// `iss`.
pub const JETON_JWT_CLAIM_ISS: jeton_jwt_claim_set = 1 << 0;
/// `sub`.
pub const JETON_JWT_CLAIM_SUB: jeton_jwt_claim_set = 1 << 1;
/// `aud`.
pub const JETON_JWT_CLAIM_AUD: jeton_jwt_claim_set = 1 << 2;
/// `exp`.
pub const JETON_JWT_CLAIM_EXP: jeton_jwt_claim_set = 1 << 3;
/// `nbf`.
pub const JETON_JWT_CLAIM_NBF: jeton_jwt_claim_set = 1 << 4;
/// `iat`.
pub const JETON_JWT_CLAIM_IAT: jeton_jwt_claim_set = 1 << 5;
/// `jti`.
pub const JETON_JWT_CLAIM_JTI: jeton_jwt_claim_set = 1 << 6;
/// Require no claim at all (`required` = 0 means the default,
/// `JETON_JWT_CLAIM_EXP`); only valid alone.
pub const JETON_JWT_CLAIM_NONE: jeton_jwt_claim_set = 1 << 7;

/// A set of `JETON_JWT_*` bits of `jeton_jwt_validation.flags`: each but
/// `JETON_JWT_REQUIRE_TYP` relaxes a default, so 0 is the strict
/// behaviour.
pub type jeton_jwt_validation_flags = u32;
/// Accept a token that carries `aud` although `audiences` names none
/// (by default such a token is refused, as jsonwebtoken and PyJWT do).
pub const JETON_JWT_IGNORE_AUDIENCE: jeton_jwt_validation_flags = 1 << 0;
/// Do not check `exp` (it may still be required).
pub const JETON_JWT_SKIP_EXP_CHECK: jeton_jwt_validation_flags = 1 << 1;
/// Do not check `nbf`.
pub const JETON_JWT_SKIP_NBF_CHECK: jeton_jwt_validation_flags = 1 << 2;
/// Accept any `typ` header parameter (by default, when present, it must
/// be `typ`, or `JWT`, compared as media types: case-insensitively, with
/// `application/` optional).
pub const JETON_JWT_ANY_TYP: jeton_jwt_validation_flags = 1 << 3;
/// The one flag that tightens: `typ` must be present (and be `typ`, or
/// `JWT`), as explicit typing asks (RFC 8725 section 3.11; RFC 9068 access
/// tokens, `at+jwt`). Not with `JETON_JWT_ANY_TYP`.
pub const JETON_JWT_REQUIRE_TYP: jeton_jwt_validation_flags = 1 << 4;

/// What `jeton_jwt_verify` checks besides the signature, and against which
/// clock. A zero-filled struct with `now` set gives the defaults: `exp`
/// required and checked, `nbf` checked when present, no leeway, tokens up
/// to `JETON_JWT_DEFAULT_MAX_TOKEN_LEN` bytes, `typ` when present must be
/// `JWT`, any issuer and subject, and a token carrying `aud` refused
/// (name the audiences you accept). Views are borrowed for the call only.
/// Strings must be UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_jwt_validation {
    /// Your clock, Unix seconds: jeton has none.
    pub now: i64,
    /// Seconds of tolerance for `exp` and `nbf`.
    pub leeway: u64,
    /// Longest token accepted, in bytes; 0:
    /// `JETON_JWT_DEFAULT_MAX_TOKEN_LEN`.
    pub max_token_len: usize,
    /// The accepted issuers (`iss` must equal one), `issuer_count` of them
    /// (1 to `JETON_JWT_MAX_LIST`); NULL (with a count of 0): any issuer,
    /// or none.
    pub issuers: *const jeton_bytes,
    /// The number of `issuers`.
    pub issuer_count: usize,
    /// The required `sub`; NULL: any subject, or none.
    pub subject: jeton_bytes,
    /// The accepted audiences (`aud`, a string or any element of an array,
    /// must equal one), `audience_count` of them (1 to
    /// `JETON_JWT_MAX_LIST`); NULL (with a count of 0): none, see
    /// `JETON_JWT_IGNORE_AUDIENCE`.
    pub audiences: *const jeton_bytes,
    /// The number of `audiences`.
    pub audience_count: usize,
    /// The `JETON_JWT_CLAIM_*` claims that must be present; 0:
    /// `JETON_JWT_CLAIM_EXP`; `JETON_JWT_CLAIM_NONE`: none.
    pub required: jeton_jwt_claim_set,
    /// `JETON_JWT_IGNORE_AUDIENCE`, `JETON_JWT_SKIP_EXP_CHECK`,
    /// `JETON_JWT_SKIP_NBF_CHECK`, `JETON_JWT_ANY_TYP`,
    /// `JETON_JWT_REQUIRE_TYP`; any other bit, or `ANY_TYP` with
    /// `REQUIRE_TYP`, is `JETON_ERR_INVALID_ARGUMENT`.
    pub flags: jeton_jwt_validation_flags,
    /// The `typ` a header may carry, compared as a media type
    /// (case-insensitively, with an optional `application/` prefix); NULL:
    /// `JWT`. Ignored with `JETON_JWT_ANY_TYP`.
    pub typ: jeton_bytes,
    /// A revocation list to consult, checked last: a token whose `jti` is
    /// on it is refused with `JETON_ERR_JWT_REVOKED`. NULL: none. A list
    /// whose leeway (`jeton_revocation_list_set_leeway`) is shorter than
    /// `leeway` fails every verification that checks `exp` with
    /// `JETON_ERR_REVOCATION_LEEWAY_TOO_SHORT`: it would forget a
    /// revocation while the token is still accepted.
    pub revocation: *const jeton_revocation_list,
    /// Seconds since `iat` after which a token is too old
    /// (`JETON_ERR_JWT_TOO_OLD`; `iat` is then required, and one ahead of
    /// `now` refused), as jose's `maxTokenAge`; 0: no maximum.
    pub max_age: u64,
    /// The `crit` header parameters you understand and check yourself,
    /// `crit_count` of them (1 to `JETON_JWT_MAX_LIST`); NULL (with a count
    /// of 0): none. A
    /// token whose `crit` names another is refused
    /// (`JETON_ERR_JWT_CRIT_UNSUPPORTED`); `b64` always is.
    pub crit: *const jeton_bytes,
    /// The number of `crit`.
    pub crit_count: usize,
}

/// A `jeton_jwt_validation` read and checked, owning what a core
/// [`Validation`] borrows.
struct Options<'a> {
    now: i64,
    leeway: u64,
    max_token_len: usize,
    issuers: [&'a str; JETON_JWT_MAX_LIST],
    issuer_count: usize,
    subject: Option<&'a str>,
    audiences: [&'a str; JETON_JWT_MAX_LIST],
    audience_count: usize,
    required: [Claim; 7],
    required_count: usize,
    flags: jeton_jwt_validation_flags,
    typ: Option<&'a str>,
    revocation: Option<&'a dyn Revocation>,
    max_age: u64,
    crit: [&'a str; JETON_JWT_MAX_LIST],
    crit_count: usize,
}

/// The list `(ptr, count)` of accepted values into `slots`: absent is
/// empty, present holds 1 to `JETON_JWT_MAX_LIST` UTF-8 strings.
///
/// # Safety
///
/// The array and its views are readable while `slots` is used.
unsafe fn read_list(
    ptr: *const jeton_bytes,
    count: usize,
    slots: &mut [&str; JETON_JWT_MAX_LIST],
    keep_out: KeepOut,
) -> Result<usize, Fail> {
    // SAFETY: the caller's contract.
    let Some(views) = (unsafe { optional_array(ptr, count)? }) else {
        return Ok(0);
    };
    if views.is_empty() {
        // An empty list of accepted values would refuse every token.
        return Err(Fail::INVALID);
    }
    if views.len() > JETON_JWT_MAX_LIST {
        return Err(Error::TooManyItems.into());
    }
    keep_out.check(Region::array(views.as_ptr(), views.len()))?;
    for (slot, view) in slots.iter_mut().zip(views) {
        // SAFETY: the caller's contract.
        *slot = unsafe { required_text(*view)? };
        keep_out.check(Region::of(slot.as_bytes()))?;
    }
    Ok(views.len())
}

impl<'a> Options<'a> {
    /// Reads the C options, none of which may lie in `keep_out`.
    ///
    /// # Safety
    ///
    /// `ptr` points to a `jeton_jwt_validation` whose arrays, views and
    /// revocation list are readable during `'a`.
    unsafe fn read(
        ptr: *const jeton_jwt_validation,
        keep_out: KeepOut,
    ) -> Result<Options<'a>, Fail> {
        // SAFETY: the caller's contract.
        let v: &'a jeton_jwt_validation = unsafe { input_struct(ptr)? };
        keep_out.check(Region::object(ptr))?;
        let known = JETON_JWT_IGNORE_AUDIENCE
            | JETON_JWT_SKIP_EXP_CHECK
            | JETON_JWT_SKIP_NBF_CHECK
            | JETON_JWT_ANY_TYP
            | JETON_JWT_REQUIRE_TYP;
        let both_typ = JETON_JWT_ANY_TYP | JETON_JWT_REQUIRE_TYP;
        if v.flags & !known != 0 || v.flags & both_typ == both_typ {
            return Err(Fail::INVALID);
        }
        let mut issuers = [""; JETON_JWT_MAX_LIST];
        let mut audiences = [""; JETON_JWT_MAX_LIST];
        let mut crit = [""; JETON_JWT_MAX_LIST];
        // SAFETY: the caller's contract.
        let crit_count = unsafe { read_list(v.crit, v.crit_count, &mut crit, keep_out)? };
        // SAFETY: the caller's contract.
        let (issuer_count, audience_count, subject, typ) = unsafe {
            (
                read_list(v.issuers, v.issuer_count, &mut issuers, keep_out)?,
                read_list(v.audiences, v.audience_count, &mut audiences, keep_out)?,
                optional_text(v.subject)?,
                optional_text(v.typ)?,
            )
        };
        for view in [subject, typ].into_iter().flatten() {
            keep_out.check(Region::of(view.as_bytes()))?;
        }
        let all = [
            (JETON_JWT_CLAIM_ISS, Claim::Issuer),
            (JETON_JWT_CLAIM_SUB, Claim::Subject),
            (JETON_JWT_CLAIM_AUD, Claim::Audience),
            (JETON_JWT_CLAIM_EXP, Claim::ExpiresAt),
            (JETON_JWT_CLAIM_NBF, Claim::NotBefore),
            (JETON_JWT_CLAIM_IAT, Claim::IssuedAt),
            (JETON_JWT_CLAIM_JTI, Claim::JwtId),
        ];
        let bits = match v.required {
            0 => JETON_JWT_CLAIM_EXP,
            JETON_JWT_CLAIM_NONE => 0,
            bits if bits & !(JETON_JWT_CLAIM_NONE - 1) != 0 => return Err(Fail::INVALID),
            bits => bits,
        };
        let mut required = [Claim::ExpiresAt; 7];
        let mut required_count = 0;
        for (bit, claim) in all {
            if bits & bit != 0
                && let Some(slot) = required.get_mut(required_count)
            {
                *slot = claim;
                required_count += 1;
            }
        }
        let revocation = if v.revocation.is_null() {
            None
        } else {
            keep_out.check(Region::object(v.revocation))?;
            // SAFETY: a revocation list nothing writes to during 'a (the
            // caller's contract).
            let list: &'a dyn Revocation = unsafe { object(v.revocation)? };
            Some(list)
        };
        Ok(Options {
            now: v.now,
            leeway: v.leeway,
            max_token_len: if v.max_token_len == 0 {
                JETON_JWT_DEFAULT_MAX_TOKEN_LEN
            } else {
                v.max_token_len
            },
            issuers,
            issuer_count,
            subject,
            audiences,
            audience_count,
            required,
            required_count,
            flags: v.flags,
            typ,
            revocation,
            max_age: v.max_age,
            crit,
            crit_count,
        })
    }

    /// The core options.
    fn validation(&self) -> Validation<'_> {
        let flag = |bit: jeton_jwt_validation_flags| self.flags & bit != 0;
        let mut v = Validation::new(self.now)
            .leeway(self.leeway)
            .max_token_len(self.max_token_len)
            .required(self.required.get(..self.required_count).unwrap_or(&[]))
            .typ(Some(self.typ.unwrap_or("JWT")));
        match Expect::from_list(self.issuers.get(..self.issuer_count).unwrap_or(&[])) {
            Expect::Any => {}
            Expect::One(one) => v = v.issuer(one),
            Expect::AnyOf(many) => v = v.issuers(many),
        }
        if let Some(subject) = self.subject {
            v = v.subject(subject);
        }
        match Expect::from_list(self.audiences.get(..self.audience_count).unwrap_or(&[])) {
            Expect::Any => {}
            Expect::One(one) => v = v.audience(one),
            Expect::AnyOf(many) => v = v.audiences(many),
        }
        if flag(JETON_JWT_IGNORE_AUDIENCE) {
            v = v.allow_any_audience();
        }
        if flag(JETON_JWT_SKIP_EXP_CHECK) {
            v = v.allow_expired();
        }
        if flag(JETON_JWT_SKIP_NBF_CHECK) {
            v = v.allow_not_yet_valid();
        }
        if flag(JETON_JWT_ANY_TYP) {
            v = v.allow_any_typ();
        }
        if flag(JETON_JWT_REQUIRE_TYP) {
            v = v.require_typ(self.typ.unwrap_or("JWT"));
        }
        if self.max_age != 0 {
            v = v.max_age(self.max_age);
        }
        v = v.crit(self.crit.get(..self.crit_count).unwrap_or(&[]));
        if let Some(list) = self.revocation {
            v = v.revocation(list);
        }
        v
    }
}

/// `bit` when the string is present and holds escapes, else 0.
fn escaped_bit(s: Option<jeton::json::JsonStr<'_>>, bit: jeton_jwt_flags) -> jeton_jwt_flags {
    if s.is_some_and(|s| s.is_escaped()) {
        bit
    } else {
        0
    }
}

/// The C view of a verified token decoded into the `cap` bytes at `base`
/// (the buffer the core borrowed).
pub(crate) fn verified_view(
    v: &jwt::Verified<'_>,
    base: *const u8,
    cap: usize,
) -> jeton_jwt_verified {
    let view = |part: &[u8]| jeton_bytes::inside(base, cap, part);
    let raw = |s: Option<jeton::json::JsonStr<'_>>| {
        jeton_bytes::inside_optional(base, cap, s.map(|s| s.raw()))
    };
    let bit = |on: bool, bit: jeton_jwt_flags| if on { bit } else { 0 };
    let (kid, iss, sub, jti) = (v.kid(), v.issuer(), v.subject(), v.jwt_id());
    jeton_jwt_verified {
        header: view(v.header().raw()),
        claims: view(v.claims().raw()),
        algorithm: algorithm_to(v.algorithm()),
        flags: bit(v.expires_at().is_some(), JETON_JWT_HAS_EXP)
            | bit(v.not_before().is_some(), JETON_JWT_HAS_NBF)
            | bit(v.issued_at().is_some(), JETON_JWT_HAS_IAT)
            | escaped_bit(kid, JETON_JWT_KID_ESCAPED)
            | escaped_bit(iss, JETON_JWT_ISS_ESCAPED)
            | escaped_bit(sub, JETON_JWT_SUB_ESCAPED)
            | escaped_bit(jti, JETON_JWT_JTI_ESCAPED),
        key_index: v.key_index(),
        kid: raw(kid),
        iss: raw(iss),
        sub: raw(sub),
        jti: raw(jti),
        aud: jeton_bytes::inside_optional(base, cap, v.audience().map(|a| a.raw())),
        exp: v.expires_at().unwrap_or(0),
        nbf: v.not_before().unwrap_or(0),
        iat: v.issued_at().unwrap_or(0),
        claims_index: v.claims_index().to_words(),
    }
}

/// Verifies a compact JWT: every check of the token and of its claims (see
/// `jeton_jwt_validation`), in a fixed order, each failure its own status:
/// `JETON_ERR_JWT_TOO_LONG`, `JETON_ERR_JWT_MALFORMED` (not three non-empty
/// segments), `JETON_ERR_JWT_HEADER_BASE64`, `JETON_ERR_JWT_PAYLOAD_BASE64`,
/// `JETON_ERR_JWT_SIGNATURE_BASE64` (canonical unpadded base64url only),
/// `JETON_ERR_BUFFER_TOO_SMALL`, `JETON_ERR_JWT_HEADER_INVALID`,
/// `JETON_ERR_JWT_HEADER_DUPLICATE`, `JETON_ERR_JWT_HEADER_PARAMETER`,
/// `JETON_ERR_JWT_ALG_MISSING`, `JETON_ERR_JWT_ALG_NONE`,
/// `JETON_ERR_JWT_TYP_INVALID`, `JETON_ERR_JWT_CRIT_UNSUPPORTED`,
/// `JETON_ERR_JWT_KEY_NOT_FOUND` (no key fits the token's `alg`, or its
/// `kid` names none of them and every one has a `kid` of its own),
/// `JETON_ERR_JWT_ALG_MISMATCH` (the algorithm comes from the key, never
/// from the token), `JETON_ERR_JWT_SIGNATURE_BASE64` (a signature of the
/// wrong length), `JETON_ERR_JWT_SIGNATURE_MISMATCH` (checked in constant
/// time, against every candidate key), and only then the claims:
/// `JETON_ERR_JWT_PAYLOAD_INVALID`, `JETON_ERR_JWT_PAYLOAD_DUPLICATE`,
/// `JETON_ERR_JWT_CLAIM_TYPE`, `JETON_ERR_JWT_CLAIM_RANGE`,
/// `JETON_ERR_JWT_MISSING_CLAIM`, `JETON_ERR_JWT_EXPIRED`,
/// `JETON_ERR_JWT_NOT_YET_VALID`, `JETON_ERR_JWT_TOO_OLD` (`max_age`),
/// `JETON_ERR_JWT_ISSUER_INVALID`,
/// `JETON_ERR_JWT_SUBJECT_INVALID`, `JETON_ERR_JWT_AUDIENCE_INVALID`,
/// `JETON_ERR_JWT_REVOKED`.
///
/// The header and claims are decoded into `buf`: `token_len` bytes always
/// suffice (three quarters of it, in fact). On `JETON_OK`, `*verified` is
/// set, its views pointing into `buf` (valid while `buf` is unchanged),
/// and `*buf_len` holds the bytes used. On `JETON_ERR_BUFFER_TOO_SMALL`
/// (reported only once the token's base64 is known to be valid),
/// `*buf_len` holds the length needed.
///
/// Also returns `JETON_ERR_INVALID_ARGUMENT` for options that break their
/// rules (an unknown flag or claim bit, an empty accepted list,
/// `JETON_JWT_CLAIM_NONE` with another bit) and
/// `JETON_ERR_TOO_MANY_ITEMS` for a list longer than
/// `JETON_JWT_MAX_LIST`; `JETON_ERR_JSON_INVALID_UTF8` for an expected
/// value that is not UTF-8. NULL `keys`, `token`, `validation`, `buf_len`,
/// `verified`, a NULL element of a list, or NULL `buf` with a non-zero
/// `buf_cap`: `JETON_ERR_NULL_POINTER`. On any error `buf` holds nothing
/// of the token and `*verified` is untouched.
///
/// ```c
/// jeton_jwt_validation v = {0};
/// jeton_bytes aud = { (const uint8_t *)"https://api.example.com", 23 };
/// jeton_jwt_verified claims;
/// uint8_t buf[1024];
/// size_t used;
/// v.now = time(NULL);
/// v.audiences = &aud; v.audience_count = 1;
/// if (jeton_jwt_verify(&keys, token, token_len, &v, buf, sizeof buf, &used, &claims) == JETON_OK)
///     printf("%.*s\n", (int)claims.sub.len, (const char *)claims.sub.ptr);
/// ```
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `token` is readable for
/// `token_len` bytes; `validation` points to a `jeton_jwt_validation`
/// whose views, arrays and revocation list are readable (the list not
/// changed by another thread meanwhile); `buf` is writable for `buf_cap`
/// bytes and overlaps none of them; `buf_len` and `verified` point to
/// writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_token`'s.
    boundary(|| unsafe {
        verify_token(
            keys, token, token_len, validation, buf, buf_cap, buf_len, verified,
        )
    })
}

/// `jeton_jwt_verify` with the keys of a `jeton_jwks` (a provider's JWK
/// Set): the same checks, statuses and results.
///
/// # Safety
///
/// As `jeton_jwt_verify`, with `jwks` pointing to a `jeton_jwks`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jwt_verify_with_jwks(
    jwks: *const super::jeton_jwks,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_token`'s.
    boundary(|| unsafe {
        verify_token(
            jwks, token, token_len, validation, buf, buf_cap, buf_len, verified,
        )
    })
}

/// The body of `jeton_jwt_verify`, for any key set object.
///
/// # Safety
///
/// As `jeton_jwt_verify`, `keys` pointing to an `S`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify_token<S: Storage<Inner = jwt::KeySet<N>>, const N: usize>(
    keys: *const S,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_jwt_verified,
) -> Result<(), Fail> {
    // SAFETY: the function contract is `Call::read`'s.
    let (call, out) = unsafe {
        Call::read(
            keys, token, token_len, validation, verified, buf, buf_cap, buf_len,
        )?
    };
    let (base, cap) = (call.buf.as_ptr(), call.buf.len());
    let v = match jwt::verify(call.token, call.keys, &call.options.validation(), call.buf) {
        Ok(v) => v,
        Err(e) => return report_len(Err(e), call.buf_len),
    };
    out.set(verified_view(&v, base, cap));
    let (header, claims) = (v.header().raw(), v.claims().raw());
    call.buf_len.set(header.len() + claims.len());
    Ok(())
}

/// Verifies a compact JWS whose payload need not be a claims set: every
/// check of `jeton_jwt_verify` up to and including the signature (of
/// `validation`, only `max_token_len`, `typ`, `crit`, `JETON_JWT_ANY_TYP`
/// and `JETON_JWT_REQUIRE_TYP` apply;
/// the rest must still be valid), then hands out the decoded payload.
///
/// Returns `JETON_OK` with `*jws` set (its views point into `buf`, valid
/// while `buf` is alive and unchanged) and the bytes used in `*buf_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`token_len` always suffices); the errors of `jeton_jwt_verify` up to
/// `JETON_ERR_JWT_SIGNATURE_MISMATCH`. NULL
/// `keys`, `token`, `validation`, `buf_len` or `jws`, or NULL `buf` with a
/// non-zero `buf_cap`: `JETON_ERR_NULL_POINTER`. On any error `buf` holds
/// nothing of the token and `*jws` is untouched.
///
/// # Safety
///
/// As `jeton_jwt_verify`, with `jws` pointing to a writable
/// `jeton_jws_verified`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jws_verify(
    keys: *const jeton_jwt_key_set,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    jws: *mut jeton_jws_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_jws_token`'s.
    boundary(|| unsafe {
        verify_jws_token(
            keys, token, token_len, validation, buf, buf_cap, buf_len, jws,
        )
    })
}

/// `jeton_jws_verify` with the keys of a `jeton_jwks`.
///
/// # Safety
///
/// As `jeton_jws_verify`, with `jwks` pointing to a `jeton_jwks`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_jws_verify_with_jwks(
    jwks: *const super::jeton_jwks,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    jws: *mut jeton_jws_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify_jws_token`'s.
    boundary(|| unsafe {
        verify_jws_token(
            jwks, token, token_len, validation, buf, buf_cap, buf_len, jws,
        )
    })
}

/// The body of `jeton_jws_verify`, for any key set object.
///
/// # Safety
///
/// As `jeton_jws_verify`, `keys` pointing to an `S`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify_jws_token<S: Storage<Inner = jwt::KeySet<N>>, const N: usize>(
    keys: *const S,
    token: *const u8,
    token_len: usize,
    validation: *const jeton_jwt_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    jws: *mut jeton_jws_verified,
) -> Result<(), Fail> {
    // SAFETY: the function contract is `Call::read`'s.
    let (call, out) = unsafe {
        Call::read(
            keys, token, token_len, validation, jws, buf, buf_cap, buf_len,
        )?
    };
    let (base, cap) = (call.buf.as_ptr(), call.buf.len());
    let v = match jwt::verify_jws(call.token, call.keys, &call.options.validation(), call.buf) {
        Ok(v) => v,
        Err(e) => return report_len(Err(e), call.buf_len),
    };
    let header = v.header.raw();
    out.set(jeton_jws_verified {
        header: jeton_bytes::inside(base, cap, header),
        payload: jeton_bytes::inside(base, cap, v.payload),
        algorithm: algorithm_to(v.algorithm),
        key_index: v.key_index,
    });
    call.buf_len.set(header.len() + v.payload.len());
    Ok(())
}

/// What `jeton_jwt_verify` and `jeton_jws_verify` read and write, checked
/// alike.
struct Call<'a, const N: usize> {
    keys: &'a jwt::KeySet<N>,
    token: &'a [u8],
    options: Options<'a>,
    buf: &'a mut [u8],
    buf_len: crate::ptr::OutPtr<'a, usize>,
}

impl<'a, const N: usize> Call<'a, N> {
    /// Reads the arguments of a verify call whose result goes to `result`.
    ///
    /// # Safety
    ///
    /// `keys` points to a key set object; `token` is readable for
    /// `token_len` bytes; `validation` points to a `jeton_jwt_validation`
    /// whose views, arrays and revocation list are readable (the list not
    /// changed by another thread meanwhile); `result` and `buf_len` point
    /// to writable values; `buf` is writable for `buf_cap` bytes. `buf`
    /// may overlap none of them (checked).
    #[allow(clippy::too_many_arguments)]
    unsafe fn read<R, S: Storage<Inner = jwt::KeySet<N>>>(
        keys: *const S,
        token: *const u8,
        token_len: usize,
        validation: *const jeton_jwt_validation,
        result: *mut R,
        buf: *mut u8,
        buf_cap: usize,
        buf_len: *mut usize,
    ) -> Result<(Call<'a, N>, crate::ptr::OutPtr<'a, R>), Fail> {
        // Every input is checked against `buf` as it is read.
        let keep_out = KeepOut::of(buf, buf_cap);
        // SAFETY: every pointer is valid as the function contract says.
        let (keys_set, token, options, buf_len, out) = unsafe {
            (
                object(keys)?,
                input(token, token_len)?,
                Options::read(validation, keep_out)?,
                out_ptr(buf_len)?,
                out_ptr(result)?,
            )
        };
        keep_out.check(Region::object(keys))?;
        keep_out.check(Region::of(token))?;
        keep_out.check(Region::object(result))?;
        // SAFETY: as above; `buf` overlaps no input (checked one by one).
        let buf = unsafe { output(buf, buf_cap, &[])? };
        Ok((
            Call {
                keys: keys_set,
                token,
                options,
                buf,
                buf_len,
            },
            out,
        ))
    }
}
