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

/// How many inputs of a target Miri replays, evenly spaced over its
/// corpus sorted by file name (the names are content hashes, so the
/// sample is deterministic and unbiased in size and kind). Miri
/// interprets about a thousand times slower than native code; the counts
/// keep each target to a few minutes on this 2-core machine, where a
/// `c_abi` input took 0 to 45 s under Miri and a `c_abi_objects` one 12
/// to 180 s (about 50 s on average).
const C_ABI_SAMPLE: usize = 40;
/// See [`C_ABI_SAMPLE`].
const C_ABI_OBJECTS_SAMPLE: usize = 8;

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

/// The inputs of a target taking an `Arbitrary` type, decoded from its
/// `files` as libFuzzer's `fuzz_target!` does.
fn decoded<T: for<'a> Arbitrary<'a>>(files: Vec<(String, Vec<u8>)>) -> Vec<(String, T)> {
    files
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

/// All of `inputs`, or under Miri `count` of them, evenly spaced.
fn sample<T>(inputs: Vec<T>, count: usize) -> Vec<T> {
    let len = inputs.len();
    if !cfg!(miri) || len <= count {
        return inputs;
    }
    let picked: BTreeSet<usize> = (0..count).map(|k| k * len / count).collect();
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
    replay("c_abi", sample(corpus("c_abi"), C_ABI_SAMPLE), |data| {
        c_abi::fuzz(&data)
    });
}

#[test]
fn c_abi_objects_corpus() {
    replay(
        "c_abi_objects",
        // Sampled before decoding, which is slow under Miri too.
        decoded(sample(corpus("c_abi_objects"), C_ABI_OBJECTS_SAMPLE)),
        c_abi_objects::fuzz,
    );
}

#[test]
fn c_abi_oauth_corpus() {
    let mut inputs = decoded::<c_abi_oauth::Input>(corpus("c_abi_oauth"));
    if cfg!(miri) {
        // ES256 takes minutes per call under Miri (see `uses_es256`), and
        // one input of the other ops up to 3.5 minutes here (a `tokens`
        // and a `parsers` input: 204 s and 114 s): the first input of
        // each group of functions, by file name (10 inputs).
        let mut seen = BTreeSet::new();
        inputs.retain(|(_, input)| !input.uses_es256() && seen.insert(input.group()));
    }
    replay("c_abi_oauth", inputs, c_abi_oauth::fuzz);
}
