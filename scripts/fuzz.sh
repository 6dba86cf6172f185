#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for a fixed time each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   FUZZ_LANES=N scripts/fuzz.sh ...    N targets at a time (default: one
#                                       per CPU)
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

# fuzz_one TARGET: runs one target for the given time; its log goes to
# target/fuzz-logs/TARGET.log. Returns libFuzzer's status.
fuzz_one() {
  local t=$1 work="target/fuzz-corpus/$1" log="target/fuzz-logs/$1.log"
  mkdir -p "$work" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  # Extra seeds read from the vector suites (libFuzzer writes only to the
  # first directory): every JSONTestSuite file goes through the json
  # target's checks on every run.
  local extra=()
  if [ "$t" = json ]; then
    extra=(tests/vectors/JSONTestSuite/test_parsing)
  fi
  cargo +nightly fuzz run --fuzz-dir fuzz --debug-assertions "$t" "$work" "fuzz/corpus/$t" "${extra[@]}" -- \
    -max_total_time="$seconds" \
    -dict=fuzz/dict/cookie.dict \
    -artifact_prefix="fuzz/artifacts/$t/" \
    -print_final_stats=1 >"$log" 2>&1
}

# The targets run in lanes, one per CPU (libFuzzer uses one thread), each
# lane taking every LANES-th target in turn; a lane stops at its first
# failure and the run fails once all lanes are done.
lanes=${FUZZ_LANES:-$(nproc)}
[ "$lanes" -ge 1 ] || lanes=1
echo "fuzzing ${#targets[@]} targets for ${seconds}s each in $lanes lanes"
pids=()
for lane in $(seq 0 $((lanes - 1))); do
  (
    for i in "${!targets[@]}"; do
      [ $((i % lanes)) -eq "$lane" ] || continue
      t=${targets[$i]}
      status=0
      fuzz_one "$t" || status=$?
      runs=$(grep -hE "^stat::number_of_executed_units" "target/fuzz-logs/$t.log" | grep -oE "[0-9]+$" || true)
      echo "== fuzz $t: ${runs:-?} executions in ${seconds}s (status $status)"
      if [ "$status" -ne 0 ]; then
        tail -n 40 "target/fuzz-logs/$t.log" >&2
        echo "fuzz target $t failed (status $status); reproducing input in fuzz/artifacts/$t/" >&2
        exit 1
      fi
    done
  ) &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz pass failed: see the target named above" >&2
  exit 1
fi
echo "fuzz pass: ${#targets[@]} targets, no crash"
