//! The bodies of the C ABI fuzz targets (`c_abi`, `c_abi_objects`,
//! `c_abi_oauth`), kept in a library so that the thin binaries in
//! `fuzz_targets/` run them under libFuzzer and `replay` (a test) runs
//! them on the committed corpora, also under Miri (`scripts/miri.sh`),
//! which then checks the C ABI's unsafe pointer and object code on the
//! fuzzer's inputs; and the input helpers the byte-taking targets share.
//! Nothing here depends on libFuzzer.

pub mod c_abi;
pub mod c_abi_oauth;
pub mod c_abi_objects;
pub mod input;

use arbitrary::{Arbitrary, Unstructured};

/// The input a target taking an `Arbitrary` type gets from `data`, as
/// `libfuzzer_sys::fuzz_target!` builds it (version 0.4): `None` when
/// `data` is shorter than the type's minimal size or does not decode,
/// inputs the fuzzer never passes to the body.
pub fn decode<'a, T: Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    if data.len() < T::size_hint(0).0 {
        return None;
    }
    T::arbitrary_take_rest(Unstructured::new(data)).ok()
}

#[cfg(test)]
mod replay;
