//! Proof Key for Code Exchange (RFC 7636): verifiers and `S256`
//! challenges.

use core::ffi::c_void;

use jeton::Error;
use jeton::oauth::pkce::{self, Method};

use crate::boundary::boundary;
use crate::ptr::{input, out_ptr, write_out};
use crate::session::{entropy_source, jeton_entropy_fn};
use crate::status::jeton_status;

/// Bytes of entropy `jeton_pkce_verifier_generate` draws: 32 (256 bits).
pub const JETON_PKCE_VERIFIER_BYTES: usize = 32;
/// Length of a verifier from `jeton_pkce_verifier_generate`: 43
/// characters.
pub const JETON_PKCE_VERIFIER_LEN: usize = 43;
/// Shortest verifier RFC 7636 allows: 43 characters.
pub const JETON_PKCE_MIN_VERIFIER_LEN: usize = 43;
/// Longest verifier RFC 7636 allows: 128 characters.
pub const JETON_PKCE_MAX_VERIFIER_LEN: usize = 128;
/// Length of an `S256` challenge: 43 characters.
pub const JETON_PKCE_CHALLENGE_LEN: usize = 43;
const _: () = {
    assert!(JETON_PKCE_VERIFIER_BYTES == pkce::VERIFIER_BYTES);
    assert!(JETON_PKCE_VERIFIER_LEN == pkce::VERIFIER_LEN);
    assert!(JETON_PKCE_MIN_VERIFIER_LEN == pkce::MIN_VERIFIER_LEN);
    assert!(JETON_PKCE_MAX_VERIFIER_LEN == pkce::MAX_VERIFIER_LEN);
    assert!(JETON_PKCE_CHALLENGE_LEN == pkce::CHALLENGE_LEN);
};

/// A `code_challenge_method`, one of the `JETON_PKCE_*` values.
pub type jeton_pkce_method = u32;
/// `S256`: the challenge is the SHA-256 of the verifier.
pub const JETON_PKCE_S256: jeton_pkce_method = 1;
/// `plain`: the challenge is the verifier itself (only for a server that
/// cannot do `S256`, RFC 7636 section 4.2).
pub const JETON_PKCE_PLAIN: jeton_pkce_method = 2;

/// Draws `JETON_PKCE_VERIFIER_BYTES` random bytes from `fill` (called
/// once, with `ctx`) and writes them as a `code_verifier` of
/// `JETON_PKCE_VERIFIER_LEN` base64url characters into `out`; the random
/// bytes are wiped from jeton's stack afterwards. The verifier is a secret
/// until the token request.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_BUFFER_TOO_SMALL` with `JETON_PKCE_VERIFIER_LEN` in
/// `*out_len` (checked first: `fill` is not called);
/// `JETON_ERR_ENTROPY_UNAVAILABLE` when `fill` fails. NULL `fill` or
/// `out_len`, or NULL `out` with a non-zero `out_cap`:
/// `JETON_ERR_NULL_POINTER` (`ctx` may be NULL). On error `out` holds no
/// partial verifier.
///
/// # Safety
///
/// `fill` writes at most `len` bytes to `buf` and returns; `out` is
/// writable for `out_cap` bytes; `out_len` points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_verifier_generate(
    fill: jeton_entropy_fn,
    ctx: *mut c_void,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `fill` writes at most `len` bytes and returns (function
        // contract).
        let mut entropy = unsafe { entropy_source(fill, ctx)? };
        // SAFETY: `out` is writable for `out_cap` bytes and `out_len`
        // writable (function contract).
        unsafe {
            write_out(out, out_cap, out_len, &[], |out| {
                pkce::generate_verifier(&mut entropy, out)
            })
        }
    })
}

/// Writes the unpadded base64url of `random` (32 to 96 bytes you drew
/// yourself) as a `code_verifier` of 43 to 128 characters into `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_ENTROPY_TOO_SHORT` under 32 bytes; `JETON_ERR_INPUT_TOO_LONG`
/// over 96; `JETON_ERR_BUFFER_TOO_SMALL` with the length needed in
/// `*out_len`. NULL `random` or `out_len`, or NULL `out` with a non-zero
/// `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no partial
/// verifier.
///
/// # Safety
///
/// `random` is readable for `random_len` bytes; `out` is writable for
/// `out_cap` bytes and does not overlap it; `out_len` points to a writable
/// `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_verifier_from_bytes(
    random: *const u8,
    random_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            crate::ptr::transform(
                random,
                random_len,
                out,
                out_cap,
                out_len,
                pkce::verifier_from_bytes,
            )
        }
    })
}

/// Checks that `verifier` has the syntax of RFC 7636 section 4.1: 43 to
/// 128 characters of `A-Z a-z 0-9 - . _ ~`.
///
/// Returns `JETON_OK` when it does, `JETON_ERR_PKCE_VERIFIER_INVALID` when
/// not. NULL `verifier`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `verifier` is readable for `verifier_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_verifier_validate(
    verifier: *const u8,
    verifier_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `verifier` is readable for its length (function
        // contract).
        let verifier = unsafe { input(verifier, verifier_len)? };
        if pkce::is_well_formed_verifier(verifier) {
            Ok(())
        } else {
            Err(Error::PkceVerifierInvalid.into())
        }
    })
}

/// Writes the `S256` `code_challenge` of `verifier` (the unpadded
/// base64url of its SHA-256, `JETON_PKCE_CHALLENGE_LEN` characters) into
/// `out`.
///
/// Returns `JETON_OK` with the length in `*out_len`;
/// `JETON_ERR_PKCE_VERIFIER_INVALID` when `verifier` is not well-formed
/// (nothing else is hashed); `JETON_ERR_BUFFER_TOO_SMALL` with the length
/// needed in `*out_len`. NULL `verifier` or `out_len`, or NULL `out` with
/// a non-zero `out_cap`: `JETON_ERR_NULL_POINTER`. On error `out` holds no
/// partial challenge.
///
/// # Safety
///
/// As `jeton_pkce_verifier_from_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_challenge_s256(
    verifier: *const u8,
    verifier_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: the function contract is `transform`'s.
        unsafe {
            crate::ptr::transform(
                verifier,
                verifier_len,
                out,
                out_cap,
                out_len,
                pkce::challenge_s256,
            )
        }
    })
}

/// Checks that `challenge` has the shape of an `S256` challenge: 43
/// characters of canonical unpadded base64url (32 bytes), what an
/// authorization server accepts in a request.
///
/// Returns `JETON_OK` when it does, `JETON_ERR_OAUTH_PARAMETER_INVALID`
/// when not. NULL `challenge`: `JETON_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `challenge` is readable for `challenge_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_challenge_validate(
    challenge: *const u8,
    challenge_len: usize,
) -> jeton_status {
    boundary(|| {
        // SAFETY: `challenge` is readable for its length (function
        // contract).
        let challenge = unsafe { input(challenge, challenge_len)? };
        if pkce::is_well_formed_s256_challenge(challenge) {
            Ok(())
        } else {
            Err(Error::OauthParameterInvalid.into())
        }
    })
}

/// Reads a `code_challenge_method` (exact case, as RFC 7636 registers
/// them): `S256`, or `plain` when `allow_plain` is true.
///
/// Returns `JETON_OK` with `*method` set (`JETON_PKCE_S256` or
/// `JETON_PKCE_PLAIN`); `JETON_ERR_PKCE_METHOD_REFUSED` for `plain`
/// unless allowed and for any other name. NULL `name` or `method`:
/// `JETON_ERR_NULL_POINTER`. On error `*method` is untouched.
///
/// # Safety
///
/// `name` is readable for `name_len` bytes; `method` points to a writable
/// `jeton_pkce_method`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jeton_pkce_method_parse(
    name: *const u8,
    name_len: usize,
    allow_plain: bool,
    method: *mut jeton_pkce_method,
) -> jeton_status {
    boundary(|| {
        // SAFETY: every pointer is valid as the function contract says.
        let (name, out) = unsafe { (input(name, name_len)?, out_ptr(method)?) };
        out.set(match Method::from_name(name, allow_plain)? {
            Method::S256 => JETON_PKCE_S256,
            Method::Plain => JETON_PKCE_PLAIN,
        });
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 appendix B: the octets, the verifier, the challenge.
    #[test]
    fn rfc7636_appendix_b() {
        let octets = [
            116u8, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let mut verifier = [0u8; 43];
        let mut challenge = [0u8; 43];
        let mut n = 0;
        // SAFETY: local buffers of the lengths given.
        unsafe {
            let v = verifier.as_mut_ptr();
            assert_eq!(
                jeton_pkce_verifier_from_bytes(octets.as_ptr(), 32, v, 43, &mut n),
                0
            );
            assert_eq!(&verifier, b"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
            let c = challenge.as_mut_ptr();
            assert_eq!(
                jeton_pkce_challenge_s256(verifier.as_ptr(), 43, c, 43, &mut n),
                0
            );
            assert_eq!(&challenge, b"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
            assert_eq!(jeton_pkce_challenge_validate(challenge.as_ptr(), 43), 0);
            assert_eq!(jeton_pkce_verifier_validate(verifier.as_ptr(), 43), 0);
        }
    }
}
