//! The C ABI's OAuth, PKCE, DPoP, state and CSRF functions; the body is
//! `jeton_fuzz::c_abi_oauth` (fuzz/src/c_abi_oauth.rs).
#![no_main]

use jeton_fuzz::c_abi_oauth::{Input, fuzz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Input| fuzz(input));
