//! Shared helpers for jeton's cross-crate tests: vector loading and an
//! allocation-counting global allocator.

use std::path::PathBuf;

pub mod alloc_counter;
pub mod jwt_shapes;
pub mod oauth_provider;
pub mod shared;

/// Path of a file under `tests/vectors/`.
pub fn vector_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("vectors")
        .join(relative)
}

/// Reads and parses a JSON vector file under `tests/vectors/`. Lines that
/// start with `//` (licence headers some suites carry) are skipped.
///
/// # Panics
///
/// When the file is missing or is not JSON: a broken vector file must fail
/// the test that needs it.
pub fn load_json(relative: &str) -> serde_json::Value {
    let path = vector_path(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The array at `value`, which must hold exactly `count` cases: a vector
/// file that lost (or gained) cases fails the test instead of passing over
/// fewer.
///
/// # Panics
///
/// When `value` is not an array of `count` elements.
pub fn cases(value: &serde_json::Value, count: usize) -> &[serde_json::Value] {
    let all = value
        .as_array()
        .unwrap_or_else(|| panic!("not an array of cases: {value:.80}"));
    assert_eq!(all.len(), count, "number of cases");
    all
}

/// Bytes of a hexadecimal string.
///
/// # Panics
///
/// On anything but pairs of hex digits: vector files are trusted data.
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}
