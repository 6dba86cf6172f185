//! DPoP (RFC 9449): proofs of possession of a key, made by a client for
//! each request and checked by the server that receives them.
//!
//! A build without an asymmetric family (no `ecdsa`, `eddsa` or `rsa`
//! feature) has no DPoP: its functions answer `JETON_ERR_KEY_UNSUPPORTED`.

use jeton::oauth::dpop;

use super::{
    JETON_OAUTH_HAS_MAX_AGE, JETON_OAUTH_THUMBPRINT_LEN, jeton_oauth_flags, optional_bytes,
    optional_text, required_text,
};
use crate::boundary::boundary;
use crate::jwt::{jeton_jwt_algorithm, jeton_jwt_key_set, jeton_jwt_verified};
use crate::ptr::{KeepOut, Region, input, input_struct, jeton_bytes, out_ptr};
use crate::revocation::jeton_revocation_list;
use crate::status::{Fail, jeton_status};

/// A DPoP proof to make (RFC 9449 section 4.2): what a client sends in
/// the `DPoP` header of each request to a server that wants DPoP. Views
/// are borrowed for the call only; strings must be UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_dpop_proof {
    /// The request's method (`htm`), as sent (`GET`, `POST`, ...).
    pub method: jeton_bytes,
    /// The request's URI; its query and fragment are left out of `htu`.
    pub uri: jeton_bytes,
    /// When the proof is made (`iat`), Unix seconds: your clock.
    pub iat: i64,
    /// 16 to 64 fresh random bytes for the proof's `jti` (a new value for
    /// every proof).
    pub jti_entropy: jeton_bytes,
    /// The access token the request carries: the proof gets its hash
    /// (`ath`), as a resource server requires; NULL: none (a token
    /// request).
    pub access_token: jeton_bytes,
    /// The nonce the server asked for (its last `DPoP-Nonce` header); NULL:
    /// none.
    pub nonce: jeton_bytes,
}

/// Signs the DPoP proof `proof` with the key at `key_index` of `keys` (a
/// private ES256, ES384 or Ed25519 key, from
/// `jeton_jwt_key_set_add_private_jwk` or `_pem`) and writes it into `out`
/// in compact form. The header is `{"typ":"dpop+jwt","alg":...,"jwk":...}`
/// with the key's public members only; the claims `jti`, `htm`, `htu`,
/// `iat`, then `ath` and `nonce` when given. Send it as the `DPoP` header,
/// with `Authorization: DPoP <access token>` on a resource request.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_ENTROPY_TOO_SHORT` below 16 bytes of entropy,
/// `JETON_ERR_INPUT_TOO_LONG` above 64; `JETON_ERR_KEY_UNSUPPORTED` for an
/// HMAC key (or a build without DPoP); `JETON_ERR_JWT_KEY_INVALID` for a
/// key that cannot sign; `JETON_ERR_JWT_KEY_NOT_FOUND` for an `index` past
/// the keys; `JETON_ERR_OAUTH_PARAMETER_INVALID` for text that is not
/// UTF-8; `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in
/// `*out_len`. NULL `keys`, `proof`, its `method`, `uri` or
/// `jti_entropy`, or `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER`. On error `out` holds no partial proof.
///
/// # Safety
///
/// `keys` points to a `jeton_jwt_key_set`; `proof` to a
/// `jeton_dpop_proof` whose views are readable; `out` is writable for
/// `out_cap` bytes and overlaps none of them; `out_len` points to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_dpop_proof_write(
    keys: *const jeton_jwt_key_set,
    key_index: usize,
    proof: *const jeton_dpop_proof,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        let keep_out = KeepOut::of(out, out_cap);
        // SAFETY: every pointer is valid as the function contract says;
        // every input is checked against `out` as it is read.
        let (set, p, len) = unsafe {
            (
                crate::object::object(keys)?,
                input_struct(proof)?,
                out_ptr(out_len)?,
            )
        };
        keep_out.check(Region::object(keys))?;
        keep_out.check(Region::object(proof))?;
        // SAFETY: as above.
        let (method, uri, entropy, token, nonce) = unsafe {
            (
                required_text(p.method, keep_out)?,
                required_text(p.uri, keep_out)?,
                input(p.jti_entropy.ptr, p.jti_entropy.len)?,
                optional_bytes(p.access_token, keep_out)?,
                optional_text(p.nonce, keep_out)?,
            )
        };
        keep_out.check(Region::of(entropy))?;
        let key = set
            .keys()
            .get(key_index)
            .ok_or(Fail::from(jeton::Error::JwtKeyNotFound))?;
        // SAFETY: as above.
        let out = unsafe { crate::ptr::output(out, out_cap, &[])? };
        crate::ptr::report_len(
            write_proof(key, method, uri, p.iat, entropy, token, nonce, out),
            len,
        )
    })
}

/// The core's proof writer, in a build that has it.
#[allow(clippy::too_many_arguments)]
fn write_proof(
    key: &jeton::jwt::JwtKey,
    method: &str,
    uri: &str,
    iat: i64,
    entropy: &[u8],
    token: Option<&[u8]>,
    nonce: Option<&str>,
    out: &mut [u8],
) -> Result<usize, jeton::Error> {
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    {
        let mut proof = jeton::oauth::DpopProof::new(method, uri, iat, entropy);
        if let Some(token) = token {
            proof = proof.access_token(token);
        }
        if let Some(nonce) = nonce {
            proof = proof.nonce(nonce);
        }
        proof.write(key, out)
    }
    #[cfg(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
    {
        let _ = (key, method, uri, iat, entropy, token, nonce, out);
        Err(jeton::Error::KeyUnsupported)
    }
}

/// What a DPoP proof must be: for this request, at this clock, recent
/// enough, with the server's nonce when it gave one, and on a resource
/// server for the access token it comes with. A zero-filled struct with
/// `now`, `method` and `uri` set: a proof at most 300 seconds old and not
/// ahead of the clock, any asymmetric algorithm of this build, no nonce.
/// Views and arrays are borrowed for the call only.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_dpop_validation {
    /// Your clock, Unix seconds.
    pub now: i64,
    /// The request's method, as received (compared case-sensitively).
    pub method: jeton_bytes,
    /// The request's absolute URI, as the server was addressed (query and
    /// fragment ignored; scheme, host and port normalized).
    pub uri: jeton_bytes,
    /// With `JETON_OAUTH_HAS_MAX_AGE`: the most seconds the proof's `iat`
    /// may lie in the past (default 300).
    pub max_age: u64,
    /// Seconds of tolerance on `iat`, both ways.
    pub leeway: u64,
    /// The algorithms accepted (never a symmetric one),
    /// `algorithm_count` of them; NULL (with a count of 0): every
    /// asymmetric algorithm of this build.
    pub algorithms: *const jeton_jwt_algorithm,
    /// The number of `algorithms`.
    pub algorithm_count: usize,
    /// The nonce you gave the client (`DPoP-Nonce`): the proof must carry
    /// it; NULL: none.
    pub nonce: jeton_bytes,
    /// On a resource server: the access token the request presents
    /// (`Authorization: DPoP <token>`): the proof must carry its hash.
    /// Requires `jkt`. NULL: none.
    pub access_token: jeton_bytes,
    /// The thumbprint of the key the proof must be signed with (43
    /// base64url characters): the access token's `cnf_jkt`, or on an
    /// authorization server a refresh token's binding. NULL: any key.
    pub jkt: jeton_bytes,
    /// Longest proof accepted, in bytes; 0: `JETON_JWT_DEFAULT_MAX_TOKEN_LEN`.
    pub max_len: usize,
    /// `JETON_OAUTH_HAS_MAX_AGE` or 0.
    pub flags: jeton_oauth_flags,
}

/// A DPoP proof that checked out.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jeton_dpop_verified {
    /// The verified proof: its header and claims (`jti`, `iat`; `nonce`
    /// through `jeton_jwt_verified_claim_str`), its views in `buf`.
    pub token: jeton_jwt_verified,
    /// The thumbprint of the key that signed it: what an authorization
    /// server binds the tokens it issues to (`cnf.jkt`).
    pub thumbprint: [u8; JETON_OAUTH_THUMBPRINT_LEN],
}

/// Checks a DPoP proof (the `DPoP` request header) as RFC 9449 section 4.3
/// says, decoding it into `buf`; with `replay` (a revocation list; NULL:
/// none), the proof's `jti` is taken once, so a proof seen before is
/// refused. The checks, in order:
///
/// 1. the proof's length and form, its header a JSON object with an `alg`
///    that is not `none` (`JETON_ERR_JWT_ALG_NONE`) and is one of the
///    accepted asymmetric algorithms (`JETON_ERR_TOKEN_ALG_NOT_ALLOWED`),
///    and a `jwk` object (`JETON_ERR_DPOP_JWK_INVALID`) holding a public
///    key (`JETON_ERR_JWK_PRIVATE_MEMBERS`, `JETON_ERR_JWK_INVALID`, ...)
///    that serves the algorithm (`JETON_ERR_JWT_ALG_MISMATCH`);
/// 2. with that key, everything `jeton_jwt_verify` checks: `typ`
///    `dpop+jwt` (`JETON_ERR_JWT_TYP_INVALID`), the signature, `jti` and
///    `iat` present (`JETON_ERR_JWT_MISSING_CLAIM`), `iat` within the
///    window (`JETON_ERR_JWT_TOO_OLD`, `JETON_ERR_JWT_NOT_YET_VALID`);
/// 3. `htm` and `htu` the request's (`JETON_ERR_DPOP_HTM_MISMATCH`,
///    `JETON_ERR_DPOP_HTU_MISMATCH`);
/// 4. the nonce (`JETON_ERR_DPOP_NONCE_MISMATCH`: answer `use_dpop_nonce`
///    with a fresh `DPoP-Nonce`);
/// 5. the access token's hash (`JETON_ERR_DPOP_ATH_MISMATCH`);
/// 6. the key's thumbprint (`JETON_ERR_DPOP_KEY_MISMATCH`);
/// 7. last, the `jti` not seen before (`JETON_ERR_DPOP_REPLAYED`, or
///    `JETON_ERR_REVOCATION_LIST_FULL`: refused, nothing recorded).
///
/// Returns `JETON_OK` with `*verified` set (its views point into `buf`)
/// and the bytes used in `*buf_len`; the errors above;
/// `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in `*buf_len`
/// (`proof_len` always suffices); `JETON_ERR_INVALID_BASE64` for a `jkt`
/// that is not a thumbprint; `JETON_ERR_INVALID_ARGUMENT` for an unknown
/// flag or algorithm, an empty `algorithms` list, an `access_token`
/// without `jkt`; `JETON_ERR_KEY_UNSUPPORTED` in a build without DPoP.
/// NULL `proof`, `validation`, its `method` or `uri`, `buf_len` or
/// `verified`, or NULL `buf` with a non-zero `buf_cap`:
/// `JETON_ERR_NULL_POINTER`. On any error `buf` holds nothing of the
/// proof, `replay` is unchanged and `*verified` is untouched.
///
/// ```c
/// jeton_dpop_validation v = {0};
/// v.now = time(NULL);
/// v.method = jt_bytes("GET");
/// v.uri = jt_bytes("https://rs.example.com/api/items");
/// v.access_token = token;                   // from Authorization: DPoP
/// v.jkt.ptr = at.cnf_jkt; v.jkt.len = JETON_OAUTH_THUMBPRINT_LEN;
/// status = jeton_dpop_proof_verify(&seen, proof, proof_len, &v, buf, sizeof buf, &used, &checked);
/// ```
///
/// # Safety
///
/// `replay`, unless NULL, points to a `jeton_revocation_list` no other
/// thread uses meanwhile; `proof` is readable for `proof_len` bytes;
/// `validation` points to a `jeton_dpop_validation` whose views and array
/// are readable; `buf` is writable for `buf_cap` bytes and overlaps none
/// of them; `buf_len` and `verified` point to writable values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_dpop_proof_verify(
    replay: *mut jeton_revocation_list,
    proof: *const u8,
    proof_len: usize,
    validation: *const jeton_dpop_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    verified: *mut jeton_dpop_verified,
) -> jeton_status {
    // SAFETY: the function contract is `verify`'s.
    boundary(|| unsafe {
        verify(
            replay, proof, proof_len, validation, buf, buf_cap, buf_len, verified,
        )
    })
}

/// The body of `jeton_dpop_proof_verify`.
///
/// # Safety
///
/// As `jeton_dpop_proof_verify`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify(
    replay: *mut jeton_revocation_list,
    proof: *const u8,
    proof_len: usize,
    validation: *const jeton_dpop_validation,
    buf: *mut u8,
    buf_cap: usize,
    buf_len: *mut usize,
    result: *mut jeton_dpop_verified,
) -> Result<(), Fail> {
    let keep_out = KeepOut::of(buf, buf_cap);
    // SAFETY: every pointer is valid as the function contract says; every
    // input is checked against `buf` as it is read.
    let (proof_in, v, len, out) = unsafe {
        (
            input(proof, proof_len)?,
            input_struct(validation)?,
            out_ptr(buf_len)?,
            out_ptr(result)?,
        )
    };
    keep_out.check(Region::of(proof_in))?;
    keep_out.check(Region::object(validation))?;
    keep_out.check(Region::object(result))?;
    keep_out.check(Region::object(replay.cast_const()))?;
    if v.flags & !JETON_OAUTH_HAS_MAX_AGE != 0 {
        return Err(Fail::INVALID);
    }
    let mut slots = [jeton::jwt::JwtAlgorithm::HS256; super::JETON_OAUTH_MAX_LIST];
    // SAFETY: as above.
    let (method, uri, nonce, token, jkt, algs) = unsafe {
        (
            required_text(v.method, keep_out)?,
            required_text(v.uri, keep_out)?,
            optional_bytes(v.nonce, keep_out)?,
            optional_bytes(v.access_token, keep_out)?,
            optional_bytes(v.jkt, keep_out)?,
            super::list(v.algorithms, v.algorithm_count, keep_out)?,
        )
    };
    let algs_in = algs;
    let algs = if v.algorithms.is_null() {
        None
    } else {
        if algs.is_empty() {
            return Err(Fail::INVALID);
        }
        for (slot, value) in slots.iter_mut().zip(algs) {
            *slot = crate::jwt::algorithm_from(*value)?;
        }
        Some(slots.get(..algs.len()).unwrap_or(&[]))
    };
    let jkt_in = jkt;
    let jkt = jkt.map(dpop::Thumbprint::parse).transpose()?;
    if token.is_some() && jkt.is_none() {
        return Err(Fail::INVALID);
    }
    let view = |bytes: Option<&[u8]>| bytes.map_or(Region::EMPTY, Region::of);
    let reads = [
        Region::of(proof_in),
        Region::object(validation),
        Region::object(result),
        Region::object(buf_len),
        Region::array(buf.cast_const(), buf_cap),
        Region::of(method.as_bytes()),
        Region::of(uri.as_bytes()),
        view(nonce),
        view(token),
        view(jkt_in),
        Region::array(algs_in.as_ptr(), algs_in.len()),
    ];
    let replay = if replay.is_null() {
        None
    } else {
        // SAFETY: `replay` is a list used by this thread only; nothing the
        // call reads or writes lies in it (checked).
        Some(unsafe { crate::object::object_mut(replay, &reads)? })
    };
    // SAFETY: `buf` is writable for `buf_cap` bytes (function contract);
    // every input was checked against it.
    let buf = unsafe { crate::ptr::output(buf, buf_cap, &[])? };
    let checks = Checks {
        now: v.now,
        method,
        uri,
        max_age: (v.flags & JETON_OAUTH_HAS_MAX_AGE != 0).then_some(v.max_age),
        leeway: v.leeway,
        algorithms: algs,
        nonce,
        access_token: token,
        jkt,
        max_len: if v.max_len == 0 {
            crate::jwt::JETON_JWT_DEFAULT_MAX_TOKEN_LEN
        } else {
            v.max_len
        },
    };
    match check_proof(proof_in, &checks, replay, buf) {
        Ok((view, used)) => {
            out.set(view);
            len.set(used);
            Ok(())
        }
        Err(e) => crate::ptr::report_len(Err(e), len),
    }
}

/// A `jeton_dpop_validation` read and checked.
#[cfg_attr(
    not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")),
    allow(dead_code)
)]
struct Checks<'a> {
    now: i64,
    method: &'a str,
    uri: &'a str,
    max_age: Option<u64>,
    leeway: u64,
    algorithms: Option<&'a [jeton::jwt::JwtAlgorithm]>,
    nonce: Option<&'a [u8]>,
    access_token: Option<&'a [u8]>,
    jkt: Option<dpop::Thumbprint>,
    max_len: usize,
}

/// The core's proof check, in a build that has it; returns the view and
/// the bytes of `buf` used.
fn check_proof(
    proof: &[u8],
    c: &Checks<'_>,
    replay: Option<
        &mut jeton::session::RevocationList<{ crate::revocation::JETON_REVOCATION_LIST_CAPACITY }>,
    >,
    buf: &mut [u8],
) -> Result<(jeton_dpop_verified, usize), jeton::Error> {
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    {
        use jeton::oauth::{DpopValidation, verify_proof};
        let mut v = DpopValidation::new(c.now, c.method, c.uri)
            .leeway(c.leeway)
            .max_len(c.max_len);
        if let Some(max_age) = c.max_age {
            v = v.max_age(max_age);
        }
        if let Some(algs) = c.algorithms {
            v = v.algorithms(algs);
        }
        if let Some(nonce) = c.nonce {
            v = v.nonce(nonce);
        }
        match (c.access_token, c.jkt) {
            (Some(token), Some(jkt)) => v = v.access_token(token, jkt),
            (None, Some(jkt)) => v = v.bound_to(jkt),
            _ => {}
        }
        let (base, cap) = (buf.as_ptr(), buf.len());
        let replay = replay.map(|r| r as &mut dyn dpop::ReplayCache);
        let checked = verify_proof(proof, &v, replay, buf)?;
        let t = checked.token();
        Ok((
            jeton_dpop_verified {
                token: crate::jwt::verified_view(t, base, cap),
                thumbprint: *checked.thumbprint().as_bytes(),
            },
            t.header().raw().len() + t.claims().raw().len(),
        ))
    }
    #[cfg(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
    {
        let _ = (proof, c, replay, buf);
        Err(jeton::Error::KeyUnsupported)
    }
}

/// Finds the `htu` of a request URI: the URI without its query and
/// fragment (RFC 9449 section 4.2).
///
/// Returns `JETON_OK` with `*htu` set (it points into `uri`). NULL `uri` or
/// `htu`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `uri` is readable for `uri_len` bytes; `htu` points to a writable
/// `jeton_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_dpop_htu(
    uri: *const u8,
    uri_len: usize,
    htu: *mut jeton_bytes,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (uri, htu) = unsafe { (input(uri, uri_len)?, out_ptr(htu)?) };
        let end = uri
            .iter()
            .position(|&b| b == b'?' || b == b'#')
            .unwrap_or(uri.len());
        let (before, _) = uri.split_at(end);
        htu.set(jeton_bytes::within(uri, before));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    /// `jeton_dpop_htu` computes on bytes what the core's `htu` does.
    #[test]
    fn htu_is_the_cores() {
        for uri in ["https://a/b?c#d", "https://a/b#d?c", "https://a", "", "?x"] {
            let mut out = crate::ptr::jeton_bytes::ABSENT;
            // SAFETY: local values.
            let status = unsafe { super::jeton_dpop_htu(uri.as_ptr(), uri.len(), &mut out) };
            assert_eq!(status, 0);
            // SAFETY: the view points into `uri`.
            let ours = unsafe { core::slice::from_raw_parts(out.ptr, out.len) };
            assert_eq!(ours, super::dpop::htu(uri).as_bytes());
        }
    }
}
