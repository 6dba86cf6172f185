#!/usr/bin/env bash
# Builds the whole workspace and runs the login demo (the main job): a small
# HTTP server on 127.0.0.1 with a login form, HTTP Basic, a server-side
# session cookie, JWTs for the API, and a logout that revokes both.
#
#   scripts/demo.sh [PORT] [--plain-cookie]   serve (PORT defaults to
#                                             $JETON_DEMO_PORT, else 8080)
#   scripts/demo.sh cookies ['a=1; b="two"']  the Cookie/Set-Cookie walkthrough
#
# scripts/demo-tests.sh tests it over HTTP and in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --workspace --release --quiet
exec cargo run --release --quiet -p jeton-demo -- "$@"
