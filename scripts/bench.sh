#!/usr/bin/env bash
# Runs every benchmark (jeton and its peers on the same inputs, in one run)
# and the allocation counter, then writes BENCHMARKS.md.
#
#   scripts/bench.sh [MEASUREMENT_SECONDS]   (default 3 per benchmark)
#
# Absolute times drift by 15% between runs on shared machines; the ratios,
# taken within one run, are what to read.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3}
rm -rf target/criterion
cargo bench -p jeton-bench -- --warm-up-time 1 --measurement-time "$seconds" --noplot >/dev/null
cargo run --release --quiet -p jeton-bench --bin allocations >target/allocations.jsonl
# Three paired runs, a few seconds apart: the report shows their median and
# range.
: >target/paired.jsonl
for _ in 1 2 3; do
  cargo run --release --quiet -p jeton-bench --bin paired >>target/paired.jsonl
done
python3 scripts/bench_report.py target/criterion target/allocations.jsonl target/paired.jsonl >BENCHMARKS.md
echo "wrote BENCHMARKS.md"
