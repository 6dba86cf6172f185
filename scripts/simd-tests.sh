#!/usr/bin/env bash
# The checks of the core's SIMD module (core/src/simd) that `cargo test`
# on this machine cannot make: the aarch64 NEON kernels, built for aarch64
# Linux and run under QEMU user emulation, and the scalar path on this
# machine, with every kernel compiled out (`--cfg jeton_force_scalar`, what
# Cortex-M firmware runs). `cargo test` itself runs the x86-64 kernels
# against the scalar code (SSSE3 and AVX2, where the CPU has them).
#
#   scripts/simd-tests.sh      (from a clean target directory: 5 minutes
#                               of CPU, 11.5 minutes of wall time on 2
#                               cores shared with other work; most of it
#                               is building the core twice more, for
#                               aarch64 and with the kernels compiled out)
#
# Both runs take the core's unit tests (the kernels against the scalar
# code at every level, base64 and JSON) and JSONTestSuite, so the JSON
# verdicts are checked on both paths. Installs what is missing: the Rust
# target aarch64-unknown-linux-gnu and, through apt-get, qemu-user and the
# cross linker gcc-aarch64-linux-gnu.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

AARCH64=aarch64-unknown-linux-gnu

step "tools: the $AARCH64 target, qemu-aarch64, the aarch64 cross linker"
rustup target list --installed | grep -qx "$AARCH64" || rustup target add "$AARCH64"
command -v qemu-aarch64 >/dev/null || apt_install qemu-user
command -v aarch64-linux-gnu-gcc >/dev/null ||
    apt_install gcc-aarch64-linux-gnu libc6-dev-arm64-cross

step "aarch64 (NEON kernels) under QEMU: core unit tests, JSONTestSuite"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
# The vectors are read from the source tree, which QEMU's process sees.
cargo test --release --quiet --target "$AARCH64" -p jeton --lib
cargo test --release --quiet --target "$AARCH64" -p jeton-tests --test json_test_suite

step "the scalar path on this machine (--cfg jeton_force_scalar): core unit tests, JSONTestSuite"
# A target directory of its own: other RUSTFLAGS would rebuild the main one.
RUSTFLAGS="--cfg jeton_force_scalar" cargo test --release --quiet \
    --target-dir target/scalar -p jeton --lib
RUSTFLAGS="--cfg jeton_force_scalar" cargo test --release --quiet \
    --target-dir target/scalar -p jeton-tests --test json_test_suite

step "SIMD checks passed"
