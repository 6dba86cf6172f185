//! The committed corpora of the C ABI targets (`fuzz/corpus/<target>/`)
//! run through the targets' bodies, each input as libFuzzer passes it.
//! With `cargo test` every file is replayed, a quick regression check of
//! the seeds; under Miri (`scripts/miri.sh`) a fixed sample of each
//! corpus is, so that Miri checks the C ABI's unsafe pointer and object
//! code (ffi/src/ptr.rs, ffi/src/object.rs, the getters' views) on the
//! fuzzer's inputs.
//!
//! The files are read at run time, which under Miri needs
//! `-Zmiri-disable-isolation`: neither these targets nor the `no_std`
//! core read a clock or the host's entropy, so isolation guards nothing
//! here, and reading the directory keeps the sample in step with the
//! corpus without a build script generating a table of it.

use std::fs;
use std::path::PathBuf;

use arbitrary::Arbitrary;

use crate::{c_abi, c_abi_oauth, c_abi_objects, decode};

/// Files replayed per target under Miri, which interprets about a
/// thousand times slower than native code: evenly spaced over the corpus
/// sorted by name (the names are content hashes, so the sample is
/// deterministic and unbiased in size and kind).
const MIRI_SAMPLE: usize = 40;

/// The corpus of `target`, sorted by file name, every file or (under
/// Miri) the sample; each with its name, for the failure message.
fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // A corpus gone or moved would make the replay pass on nothing.
    assert!(
        names.len() >= 100,
        "{}: {} files",
        dir.display(),
        names.len()
    );
    if cfg!(miri) {
        let len = names.len();
        names = (0..MIRI_SAMPLE)
            .map(|i| names[i * len / MIRI_SAMPLE].clone())
            .collect();
    }
    names
        .into_iter()
        .map(|name| {
            let data = fs::read(dir.join(&name)).unwrap();
            (name, data)
        })
        .collect()
}

#[test]
fn c_abi_corpus() {
    for (name, data) in corpus("c_abi") {
        eprintln!("c_abi {name}");
        c_abi::fuzz(&data);
    }
}

#[test]
fn c_abi_objects_corpus() {
    for (name, data) in corpus("c_abi_objects") {
        eprintln!("c_abi_objects {name}");
        match decode(&data) {
            Some(input) => c_abi_objects::fuzz(input),
            // libFuzzer's early exit: the only input the body never sees.
            None => assert!(
                data.len() < c_abi_objects::Input::size_hint(0).0,
                "{name} does not decode"
            ),
        }
    }
}

#[test]
fn c_abi_oauth_corpus() {
    for (name, data) in corpus("c_abi_oauth") {
        eprintln!("c_abi_oauth {name}");
        match decode(&data) {
            Some(input) => c_abi_oauth::fuzz(input),
            // libFuzzer's early exit: the only input the body never sees.
            None => assert!(
                data.len() < c_abi_oauth::Input::size_hint(0).0,
                "{name} does not decode"
            ),
        }
    }
}
