#!/usr/bin/env bash
# Runs every test suite of jeton and installs what it needs when missing.
#
#   scripts/test.sh            everything (about 11 minutes on 2 cores once the
#                              tools are installed; installing them adds a few)
#   FUZZ_SECONDS=60 scripts/test.sh   a longer fuzz pass per target
#
# Suites: formatting, clippy, the Rust tests of the workspace (unit, doc,
# RFC examples, http-state, JSONTestSuite, Wycheproof, peer-library
# vectors, model tests, allocation counts), rustdoc with warnings denied, a
# no_std build of the core for a Cortex-M4F target, the core and the C ABI
# on the oldest Rust the workspace declares, the SIMD kernels on aarch64
# under QEMU and the scalar path, the firmware under QEMU,
# the C ABI suites, the
# login demo over HTTP and in headless Chromium, the suites against a real
# redis-server (scripts/redis-tests.sh), OAuth end to end against a real
# authorization server (scripts/oauth-tests.sh: npm oidc-provider on
# 127.0.0.1), and a short cargo-fuzz pass over every target, then the
# C ABI targets' corpora replayed as Rust tests.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh

step "toolchain components and targets"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add thumbv7em-none-eabihf >/dev/null

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
# The fuzz crate sits outside the workspace; its harnesses are code too
# (libfuzzer-sys's build script compiles libFuzzer with the C++ compiler).
command -v c++ >/dev/null || apt_install g++
(cd fuzz && RUSTFLAGS="--cfg fuzzing" cargo clippy --bins --lib --tests -- -D warnings)

step "cargo test --workspace"
cargo test --workspace

step "core and C ABI tests as firmware builds them (SHA-256 only, no fast paths)"
cargo test -p jeton --no-default-features
cargo test -p jeton-ffi --no-default-features --features std

step "the small-stack EdDSA and ECDSA verification (firmware's): core tests, Wycheproof, peers"
# The same vectors must get the same answers with jeton's `small-stack`
# feature: the core's unit and doc tests (RFC 8032, RFC 6979, RFC 7515
# A.3, RFC 8037 examples; the differential tests run in every build),
# the Wycheproof Ed25519 and P-256/P-384 P1363 files, and the peer tokens.
cargo test -p jeton --features small-stack
cargo test -p jeton-tests --features jeton/small-stack --test wycheproof_eddsa \
    --test wycheproof_ecdsa --test asym_interop --test jwt_attacks

step "rustdoc, warnings denied"
# The ffi crate's library is also named `jeton` (for libjeton.a), so its docs
# are built apart to avoid an output-name collision.
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --exclude jeton-ffi --no-deps --quiet
RUSTDOCFLAGS="-D warnings" cargo doc -p jeton-ffi --no-deps --quiet --target-dir target/doc-ffi

step "no_std build of the core for thumbv7em-none-eabihf (all features, and SHA-256 only)"
cargo build -p jeton --target thumbv7em-none-eabihf --release
cargo build -p jeton --target thumbv7em-none-eabihf --release --no-default-features
cargo clippy -p jeton --no-default-features --all-targets -- -D warnings

# The oldest toolchain the workspace declares (rust-version in Cargo.toml):
# what embedded users build, the core and the C ABI, host and no_std.
MSRV=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
step "Rust $MSRV (rust-version): core and C ABI build, host and thumbv7em; core tests"
rustup toolchain install "$MSRV" --profile minimal >/dev/null
rustup target add --toolchain "$MSRV" thumbv7em-none-eabihf >/dev/null
cargo "+$MSRV" build --locked -p jeton-ffi
cargo "+$MSRV" build --locked -p jeton-ffi --no-default-features --target thumbv7em-none-eabihf
cargo "+$MSRV" test --locked -p jeton

step "SIMD: the NEON kernels on aarch64 under QEMU, and the scalar path with the kernels compiled out"
scripts/simd-tests.sh

step "firmware: vectors on an emulated Cortex-M3 and Cortex-M4F under QEMU, flash and stack"
scripts/firmware.sh

step "C ABI: header, C and C++ tests (static, shared, valgrind, ASan+UBSan), pkg-config, CMake, no_std library"
scripts/c-tests.sh

step "login demo: HTTP scenario and headless Chromium"
scripts/demo-tests.sh

step "sessions shared through Redis: jeton-redis, a demo fleet, C and Rust on one Redis"
scripts/redis-tests.sh

step "OAuth end to end: jeton and the CLI against oidc-provider on 127.0.0.1"
scripts/oauth-tests.sh

step "fuzz pass, ${FUZZ_SECONDS:-20}s per target"
scripts/fuzz.sh "${FUZZ_SECONDS:-20}"

# Every committed input of the C ABI targets through the same bodies as
# plain Rust tests (scripts/miri.sh replays a sample of them under Miri).
step "C ABI fuzz corpora replayed"
(cd fuzz && cargo +nightly test --lib --quiet)

step "all suites passed"
