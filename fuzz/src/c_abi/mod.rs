//! The C ABI's stateless functions, every one of them, as a C caller
//! reaches them: inputs the fuzzer shapes, output buffers of every
//! capacity (NULL with 0 included), descriptions (validations, claims,
//! cookies) with invalid enumeration values, flags and lengths.
//!
//! Besides "no crash, every status named", each op checks what can fail
//! exactly: round trips (base64, percent, cookie values, dates, Basic and
//! Bearer credentials, `Cookie` and `Set-Cookie` headers, keygrip session
//! values, shared-store records), sign then verify and tamper then refuse
//! (keygrip, cookie-signature, signed values, JWT and JWS over HMAC, an
//! Ed25519 key set and a JWK Set), the JWT getters against
//! `jeton::jwt::verify`, a fuzzer-built validation against the core crate
//! and against the rules it states, and the header's output convention on
//! every call (`util::call_out`): the length needed on
//! `JETON_ERR_BUFFER_TOO_SMALL`, no partial output and untouched
//! out-pointers on failure.
//!
//! The stateful objects (jars, stores, lists, limiters) and OAuth have
//! their own targets; here keys, rings, key sets and JWK Sets are only
//! inputs.
mod codec;
mod cookie;
mod jwt;
mod nulls;
mod signed;
mod store;
mod util;

use arbitrary::Unstructured;

/// One input of the `c_abi` target: its first byte picks the function
/// group, the rest shapes the calls.
pub fn fuzz(data: &[u8]) {
    let mut src = util::Src(Unstructured::new(data));
    match src.u8() % 19 {
        0 => codec::base64(&mut src),
        1 => codec::percent(&mut src),
        2 => codec::cookie_value(&mut src),
        3 => codec::dates(&mut src),
        4 => codec::json(&mut src),
        5 => codec::auth(&mut src),
        6 => codec::library(&mut src),
        7 => cookie::header(&mut src),
        8 => cookie::header_write(&mut src),
        9 => cookie::set_cookie(&mut src),
        10 => signed::keygrip(&mut src),
        11 => signed::cookie_signature(&mut src),
        12 => signed::signed_value(&mut src),
        13 => store::key(&mut src),
        14 => store::session_record(&mut src),
        15 => store::revocation(&mut src),
        16 => nulls::run(&mut src),
        17 => nulls::overlaps(&mut src),
        _ => jwt::run(&mut src),
    }
}
