#!/usr/bin/env bash
# OAuth 2.0 and OpenID Connect end to end against a real authorization
# server: npm oidc-provider (tests/oauth-provider, pinned by its lockfile)
# on a free port of 127.0.0.1, started and stopped by
# scripts/oauth-provider.sh (stopped also when a test fails).
#
#   scripts/oauth-tests.sh
#
#  1. tests/tests/oauth_e2e.rs: jeton builds every request and judges
#     every answer of the code flow (PKCE, signed state and nonce, iss),
#     refresh, introspection, client credentials, DPoP and the device
#     flow, and each refusal names its check;
#  2. cli/tests/oauth.rs: `jeton oauth authorize-url` accepted by the
#     provider, `jeton oauth device` polled to a token while the test
#     approves the code.
#
# Installs what it needs when missing (Node.js and npm from Debian, then
# `npm ci`). The tests are built before the provider starts; the provider's
# log is in target/oauth-tests/oauth-provider.log. About 15 s once the
# tests are built (npm ci 3 s, the provider's start 1 s, the tests 7 s:
# the device flows wait for their polls).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/oauth-provider.sh

OUT=target/oauth-tests

step "tools: Node.js, npm and the provider's packages (npm ci)"
oauth_provider_install
echo "node $(node --version), oidc-provider $(node -p 'require("./tests/oauth-provider/node_modules/oidc-provider/package.json").version')"

# --workspace: the features `cargo test --workspace` (scripts/test.sh)
# resolves, so its builds are reused rather than redone per package.
step "build the end-to-end tests"
cargo test -q --workspace --test oauth_e2e --test oauth --no-run

step "start the provider on 127.0.0.1"
trap stop_oauth_provider EXIT
start_oauth_provider "$OUT"
echo "issuer $JETON_OAUTH_PROVIDER (pid $OAUTH_PROVIDER_PID)"

step "jeton against the provider, and the jeton command line"
cargo test --workspace --test oauth_e2e --test oauth

step "OAuth end-to-end suites passed"
