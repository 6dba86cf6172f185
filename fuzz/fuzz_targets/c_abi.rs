//! The C ABI's stateless functions, every one of them, as a C caller
//! reaches them; the body is `jeton_fuzz::c_abi` (fuzz/src/c_abi/).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jeton_fuzz::c_abi::fuzz(data));
