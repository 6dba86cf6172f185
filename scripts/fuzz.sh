#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for a fixed time each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Seeds come from fuzz/corpus/<target>/ (committed); new finds go to
# target/fuzz-corpus/<target>/ so that the repository stays clean. A crash
# stops the run with a non-zero status and leaves its input in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true

. scripts/lib.sh
# libfuzzer-sys builds libFuzzer with the C++ compiler.
command -v c++ >/dev/null || apt_install g++
if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)
fi

# Debug assertions and overflow checks on: an overflow is a finding too.
cargo +nightly fuzz build --fuzz-dir fuzz --debug-assertions

mkdir -p target/fuzz-logs
for t in "${targets[@]}"; do
  work="target/fuzz-corpus/$t"
  log="target/fuzz-logs/$t.log"
  mkdir -p "$work" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  echo "== fuzz $t for ${seconds}s"
  status=0
  # Extra seeds read from the vector suites (libFuzzer writes only to the
  # first directory): every JSONTestSuite file goes through the json
  # target's checks on every run.
  extra=()
  if [ "$t" = json ]; then
    extra=(tests/vectors/JSONTestSuite/test_parsing)
  fi
  cargo +nightly fuzz run --fuzz-dir fuzz --debug-assertions "$t" "$work" "fuzz/corpus/$t" "${extra[@]}" -- \
    -max_total_time="$seconds" \
    -dict=fuzz/dict/cookie.dict \
    -artifact_prefix="fuzz/artifacts/$t/" \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^stat::number_of_executed_units|^#[0-9]+ +DONE" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz target $t failed (status $status); reproducing input in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
