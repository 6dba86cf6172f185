#!/usr/bin/env bash
# The core's scalar code under Miri, the interpreter that checks every
# memory access and every operation against Rust's rules: the unit tests of
# the modules the SIMD kernels sit beside (base64, json, simd, search),
# which Miri runs on the scalar path (the kernels are compiled out under
# `cfg(miri)`; see docs/simd.md); then the C ABI's object and pointer
# layer (ffi/src/c_callers.rs, ffi/src/ptr.rs); then that layer on the
# fuzzer's inputs: a sample of the committed corpora of the C ABI fuzz
# targets run through their bodies (fuzz/src/replay.rs: 40 c_abi, 8
# c_abi_objects and 10 c_abi_oauth inputs).
#
#   scripts/miri.sh            (about 13 minutes on 2 cores with the builds
#                               done: 4 for the core's 41 tests, a quarter
#                               for the ffi's 7, 9 for the 58 corpus
#                               inputs; building the fuzz crate for Miri
#                               adds about 2 the first time. Not run by
#                               scripts/test.sh, whose budget it would
#                               take a third of)
#   scripts/miri.sh MODULE...  other modules' tests (`cookie`, `jwt`, ...;
#                               the crypto's tests take hours under Miri)
#
# The exhaustive loops of those tests take a stride under Miri (every 29th
# byte value, and so on), as Miri interprets about a thousand times slower.
# Installs what is missing: the nightly toolchain and its miri component.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

if [ $# -gt 0 ]; then
    modules=("$@")
else
    modules=(base64 json simd search)
fi

step "tools: nightly and miri"
if ! cargo +nightly --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
rustup +nightly component list --installed | grep -q '^miri' ||
    rustup +nightly component add miri rust-src
cargo +nightly miri setup

step "Miri: core unit tests of ${modules[*]}"
cargo +nightly miri test -p jeton --lib -- "${modules[@]}"

if [ $# -eq 0 ]; then
    # The C ABI as C callers use it: objects placed, copied and cleared,
    # views into the caller's buffer read by the getters, overlap checks
    # (ffi/src/c_callers.rs), and the pointer rules (ffi/src/ptr.rs).
    step "Miri: the C ABI's object and pointer layer"
    cargo +nightly miri test -p jeton-ffi --lib -- c_callers ptr::

    # The same layer on the fuzzer's inputs: a fixed sample of the
    # committed corpora of the three C ABI targets run through their
    # bodies (fuzz/src/replay.rs). The fuzz crate is a workspace of its
    # own; reading the corpus files needs isolation off.
    step "Miri: the C ABI fuzz corpora (a sample of each)"
    (cd fuzz && MIRIFLAGS="${MIRIFLAGS:-} -Zmiri-disable-isolation" \
        cargo +nightly miri test --lib -- replay::)
fi

step "Miri checks passed"
