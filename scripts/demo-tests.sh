#!/usr/bin/env bash
# Tests the login demo: the Rust HTTP test (demo/tests/http.rs), then the
# same scenario in headless Chromium (demo/browser/login.mjs).
#
#   scripts/demo-tests.sh
#
# Installs what it needs when missing: Debian's chromium (apt-get) and
# playwright-core (npm ci in demo/browser). Artifacts (the screenshot of
# the logged-in page, the cookie probe's findings, the server's log) go to
# target/demo-artifacts/. Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."


. scripts/lib.sh

step "cargo test -p jeton-demo (HTTP over 127.0.0.1)"
cargo test -p jeton-demo

step "headless Chromium and playwright-core"
if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
fi
if ! command -v npm >/dev/null; then
    apt_install nodejs npm
fi
/usr/bin/chromium --version 2>/dev/null || true
if [ ! -d demo/browser/node_modules/playwright-core ]; then
    (cd demo/browser && npm ci --no-audit --no-fund)
fi

step "start the demo on a free port"
artifacts="$PWD/target/demo-artifacts"
mkdir -p "$artifacts"
cargo build -q -p jeton-demo
target/debug/jeton-demo 0 >"$artifacts/demo-stdout.log" 2>"$artifacts/demo-server.log" &
demo_pid=$!
trap 'kill "$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$artifacts/demo-stdout.log")
    [ -n "$port" ] && break
    kill -0 "$demo_pid" 2>/dev/null || { cat "$artifacts/demo-server.log"; exit 1; }
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "the demo did not start within 10 s" >&2
    exit 1
fi
echo "demo at http://localhost:$port (pid $demo_pid)"

step "browser test"
DEMO_URL="http://localhost:$port" ARTIFACTS="$artifacts" \
    timeout 120 node demo/browser/login.mjs

step "demo tests passed; artifacts in target/demo-artifacts/"
