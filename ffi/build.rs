//! Gives the shared library its SONAME, `libjeton.so.0`, on ELF systems.
//!
//! The number after `.so.` is the ABI version, kept apart from the crate
//! version (libcurl 8 is `libcurl.so.4`): it changes when a change breaks
//! programs linked against an earlier `libjeton.so.0` (a function removed,
//! a signature, struct size or status code changed), and only then.
//! `ffi/abi/libjeton.so.N.txt` pins what ABI `N` offers and a test
//! (`src/abi.rs`) fails when the header breaks it, so the number cannot be
//! forgotten.
//!
//! ABI 0 is the one the first release publishes: until then nothing has
//! been published and the ABI may change without a new number (the
//! objects that grew in issue 18 did). From the first release on, a break
//! of ABI 0 makes it 1.
//!
//! `scripts/c-tests.sh --install` reads it from the built library and
//! installs `libjeton.so.0.1.0` with the links `libjeton.so.0` and
//! `libjeton.so`.
//!
//! What the library exports needs no version script of ours: rustc links
//! every cdylib with one of its own that exports the `#[no_mangle]`
//! functions (all `jeton_*`) and hides everything else, and GNU ld refuses
//! a second one next to it ("anonymous version tag cannot be combined with
//! other version tags"). `scripts/c-tests.sh` checks the exported symbols
//! against the header.

/// The ABI version: the `N` of `libjeton.so.N`.
const ABI_VERSION: u32 = 0;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // For the test that holds the header to the pinned ABI (src/abi.rs).
    println!("cargo:rustc-env=JETON_ABI_VERSION={ABI_VERSION}");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
    );
    if elf {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libjeton.so.{ABI_VERSION}");
    }
}
