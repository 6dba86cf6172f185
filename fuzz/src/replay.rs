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

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use arbitrary::Arbitrary;

use crate::{c_abi, c_abi_oauth, c_abi_objects, decode};

/// Inputs replayed per target under Miri, which interprets about a
/// thousand times slower than native code: evenly spaced over the corpus
/// sorted by file name (the names are content hashes, so the sample is
/// deterministic and unbiased in size and kind). Chosen for a few
/// minutes per target on this 2-core machine.
const MIRI_SAMPLE: usize = 40;

/// The corpus of `target`, sorted by file name, each file with its name
/// (for the failure message).
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
    names
        .into_iter()
        .map(|name| {
            let data = fs::read(dir.join(&name)).unwrap();
            (name, data)
        })
        .collect()
}

/// The inputs of a target taking an `Arbitrary` type, decoded as
/// libFuzzer's `fuzz_target!` does.
fn decoded<T: for<'a> Arbitrary<'a>>(target: &str) -> Vec<(String, T)> {
    corpus(target)
        .into_iter()
        .filter_map(|(name, data)| match decode::<T>(&data) {
            Some(input) => Some((name, input)),
            // libFuzzer's early exit: the only input the body never sees.
            None => {
                assert!(data.len() < T::size_hint(0).0, "{name} does not decode");
                None
            }
        })
        .collect()
}

/// All of `inputs`, or under Miri `MIRI_SAMPLE` of them, evenly spaced.
fn sample<T>(inputs: Vec<T>) -> Vec<T> {
    let len = inputs.len();
    if !cfg!(miri) || len <= MIRI_SAMPLE {
        return inputs;
    }
    let picked: BTreeSet<usize> = (0..MIRI_SAMPLE).map(|k| k * len / MIRI_SAMPLE).collect();
    inputs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, input)| input)
        .collect()
}

/// Runs `body` on each input, naming the input first (shown when it
/// fails) and its time after (with `--nocapture`; how the Miri sample
/// size was chosen).
fn replay<T>(target: &str, inputs: Vec<(String, T)>, body: impl Fn(T)) {
    for (name, input) in inputs {
        eprint!("{target} {name}");
        let start = Instant::now();
        body(input);
        eprintln!(" {:.1?}", start.elapsed());
    }
}

#[test]
fn c_abi_corpus() {
    replay("c_abi", sample(corpus("c_abi")), |data| c_abi::fuzz(&data));
}

#[test]
fn c_abi_objects_corpus() {
    replay(
        "c_abi_objects",
        sample(decoded("c_abi_objects")),
        c_abi_objects::fuzz,
    );
}

#[test]
fn c_abi_oauth_corpus() {
    let mut inputs = decoded::<c_abi_oauth::Input>("c_abi_oauth");
    if cfg!(miri) {
        // ES256 takes minutes per call under Miri; see `uses_es256`.
        inputs.retain(|(_, input)| !input.uses_es256());
    }
    replay("c_abi_oauth", sample(inputs), c_abi_oauth::fuzz);
}
