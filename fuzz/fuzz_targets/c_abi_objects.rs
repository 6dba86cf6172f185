//! The C ABI's stateful objects driven by a sequence of operations; the
//! body is `jeton_fuzz::c_abi_objects` (fuzz/src/c_abi_objects.rs).
#![no_main]

use jeton_fuzz::c_abi_objects::{Input, fuzz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: Input| fuzz(input));
