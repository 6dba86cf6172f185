#!/usr/bin/env bash
# Runs every benchmark (jeton and its peers on the same inputs, in one run)
# and the allocation counter, then writes BENCHMARKS.md.
#
#   scripts/bench.sh [MEASUREMENT_SECONDS]   (default 3 per benchmark)
#
# Absolute times drift by 15% between runs on shared machines; the ratios,
# taken within one run, are what to read.
#
# jsonwebtoken is also timed on AWS-LC (`aws-lc` feature: AWS-LC is built
# from C with the system's C compiler, a few minutes the first time), in
# processes of its own, since it takes one backend per process.
# JETON_BENCH_AWS_LC=0 leaves those rows out.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3}
aws_lc=${JETON_BENCH_AWS_LC:-1}
features=()
if [ "$aws_lc" = 1 ]; then
  features=(--features aws-lc)
fi
criterion_args=(--warm-up-time 1 --measurement-time "$seconds" --noplot)
rm -rf target/criterion
cargo bench -p jeton-bench "${features[@]}" -- "${criterion_args[@]}" >/dev/null
if [ "$aws_lc" = 1 ]; then
  JETON_JWT_BACKEND=aws_lc_rs cargo bench -p jeton-bench "${features[@]}" \
    --bench jwt --bench jwt_asym -- "${criterion_args[@]}" >/dev/null
fi
cargo run --release --quiet -p jeton-bench "${features[@]}" --bin allocations >target/allocations.jsonl
# Three paired runs, a few seconds apart: the report shows their median and
# range.
: >target/paired.jsonl
for _ in 1 2 3; do
  cargo run --release --quiet -p jeton-bench "${features[@]}" --bin paired >>target/paired.jsonl
  if [ "$aws_lc" = 1 ]; then
    cargo run --release --quiet -p jeton-bench "${features[@]}" --bin paired -- \
      --jsonwebtoken-backend aws_lc_rs >>target/paired.jsonl
  fi
done
# Hand-written sections survive the rewrite: the load test's
# (scripts/bench-redis.sh), the SIMD module's before/after report (issue
# 20) and the JSON duplicate check's (issue 18), each between
# `<!-- name -->` and `<!-- /name -->`.
kept=""
for name in redis-load simd json-unique; do
  block=$(sed -n "/^<!-- $name -->\$/,/^<!-- \/$name -->\$/p" BENCHMARKS.md 2>/dev/null || true)
  if [ -n "$block" ]; then kept+=$'\n'"$block"$'\n'; fi
done
python3 scripts/bench_report.py target/criterion target/allocations.jsonl target/paired.jsonl >BENCHMARKS.md
if [ -n "$kept" ]; then printf '%s' "$kept" >>BENCHMARKS.md; fi
echo "wrote BENCHMARKS.md"
