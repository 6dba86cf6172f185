#!/usr/bin/env bash
# Builds the whole workspace and runs the demo (the main job).
#
#   scripts/demo.sh ['a=1; b="two"']
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --workspace --release --quiet
exec cargo run --release --quiet -p jeton-demo -- "$@"
