#!/usr/bin/env bash
# Tests the login demo with the local OpenID Connect provider running:
# the Rust HTTP tests (demo/tests/http.rs, and demo/tests/oauth.rs, which
# signs in through the provider and presents its access tokens), then
# the same in headless Chromium (demo/browser/login.mjs and
# demo/browser/oauth-login.mjs, which clicks through the provider's
# sign-in and consent pages).
#
#   scripts/demo-tests.sh
#
# Installs what it needs when missing: Debian's chromium (apt-get),
# Node.js and npm, playwright-core (npm ci in demo/browser) and the
# provider's npm oidc-provider (npm ci in tests/oauth-provider). The
# provider runs on a free port of 127.0.0.1 (scripts/oauth-provider.sh)
# and is stopped on exit, also when a test fails. Artifacts (screenshots,
# the cookie probe's findings, the server's and the provider's logs) go
# to target/demo-artifacts/. Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib.sh
. scripts/oauth-provider.sh

artifacts="$PWD/target/demo-artifacts"
mkdir -p "$artifacts"
demo_pid=""
cleanup() {
    if [ -n "$demo_pid" ]; then
        kill "$demo_pid" 2>/dev/null || true
        wait "$demo_pid" 2>/dev/null || true
    fi
    stop_oauth_provider
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "tools: Node.js, npm and the OAuth provider's packages (npm ci)"
oauth_provider_install

step "build the demo and its tests"
cargo test -q -p jeton-demo --no-run
cargo build -q -p jeton-demo

step "start the OAuth provider on 127.0.0.1"
start_oauth_provider "$artifacts"
echo "issuer $JETON_OAUTH_PROVIDER (pid $OAUTH_PROVIDER_PID)"

step "cargo test -p jeton-demo (HTTP over 127.0.0.1, with the provider)"
cargo test -p jeton-demo

step "headless Chromium and playwright-core"
if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
fi
/usr/bin/chromium --version 2>/dev/null || true
if [ ! -d demo/browser/node_modules/playwright-core ]; then
    (cd demo/browser && npm ci --no-audit --no-fund)
fi

step "start the demo on a free port, with the provider"
JETON_DEMO_OAUTH_ISSUER=$JETON_OAUTH_PROVIDER \
JETON_DEMO_OAUTH_CLIENT_ID=$JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID \
JETON_DEMO_OAUTH_CLIENT_SECRET=$JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET \
    target/debug/jeton-demo 0 >"$artifacts/demo-stdout.log" 2>"$artifacts/demo-server.log" &
demo_pid=$!
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

step "browser test: password, Basic, logout, cross-site requests"
DEMO_URL="http://localhost:$port" ARTIFACTS="$artifacts" \
    timeout 120 node demo/browser/login.mjs

step "browser test: sign in with the local provider"
DEMO_URL="http://localhost:$port" PROVIDER_URL="$JETON_OAUTH_PROVIDER" ARTIFACTS="$artifacts" \
    timeout 120 node demo/browser/oauth-login.mjs

step "demo tests passed; artifacts in target/demo-artifacts/"
