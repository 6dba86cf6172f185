#!/usr/bin/env bash
# Builds the whole workspace and runs the login demo (the main job): a small
# HTTP server on 127.0.0.1 with a login form, HTTP Basic, "Sign in with the
# local provider" (OpenID Connect), a server-side session cookie, JWTs for
# the API, and a logout that revokes both.
#
#   scripts/demo.sh [PORT] [--plain-cookie]   serve (PORT defaults to
#                                             $JETON_DEMO_PORT, else 8080)
#   scripts/demo.sh --redis [PORT]            a fleet: redis-server (installed
#                                             when missing) on a free port of
#                                             127.0.0.1, and two instances
#                                             sharing it on PORT and PORT+1
#   scripts/demo.sh cookies ['a=1; b="two"']  the Cookie/Set-Cookie walkthrough
#
# Both serving modes first start the local OpenID Connect provider (npm
# oidc-provider, tests/oauth-provider, through scripts/oauth-provider.sh;
# Node.js 20.19 or later, installed from Debian when missing) on a free
# port of 127.0.0.1, hand its address and the demo's client to the demo
# (JETON_DEMO_OAUTH_*), and stop it on exit. When it cannot start, the
# demo runs without the provider's button.
#
# scripts/demo-tests.sh tests it over HTTP and in headless Chromium;
# scripts/redis-tests.sh tests the fleet.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
    cookies | -h | --help)
        cargo build --release --quiet -p jeton-demo
        exec target/release/jeton-demo "$@"
        ;;
esac

. scripts/lib.sh
. scripts/oauth-provider.sh

# The port the demo (or the fleet's first instance) will listen on.
port_of() {
    local arg
    for arg in "$@"; do
        case "$arg" in
            *[!0-9]* | '') ;;
            *) echo "$arg"; return ;;
        esac
    done
    echo "${JETON_DEMO_PORT:-8080}"
}

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    stop_oauth_provider
    stop_redis
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_provider PORT: the provider, and the demo's settings for it.
start_provider() {
    local port=$1 dir=target/demo-oauth
    step "the local OpenID Connect provider"
    if oauth_provider_install && start_oauth_provider "$dir"; then
        export JETON_DEMO_OAUTH_ISSUER=$JETON_OAUTH_PROVIDER
        export JETON_DEMO_OAUTH_CLIENT_ID=$JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID
        export JETON_DEMO_OAUTH_CLIENT_SECRET=$JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET
        export JETON_DEMO_OAUTH_RESOURCE=${JETON_DEMO_OAUTH_RESOURCE:-http://localhost:$port/api}
        cat <<TEXT
npm oidc-provider at $JETON_OAUTH_PROVIDER, stopped with this script (its
log: $dir/oauth-provider.log). "Sign in with the local provider" on the
demo's page goes there; any name and password sign in.

Its access tokens for $JETON_DEMO_OAUTH_RESOURCE open the demo's /api/oauth/me.
One by the device flow (open the address it prints, enter the code, sign in):

  AT=\$(target/release/jeton oauth device --issuer $JETON_OAUTH_PROVIDER \\
        --client-id $JETON_OAUTH_PROVIDER_PUBLIC_CLIENT_ID --scope api:read \\
        --resource $JETON_DEMO_OAUTH_RESOURCE | awk '\$1 == "access_token" {print \$2}')
  curl -i -H "Authorization: Bearer \$AT" http://localhost:$port/api/oauth/me

TEXT
    else
        echo "warning: the OpenID Connect provider could not start; the demo runs without" \
            "\"Sign in with the local provider\"" >&2
    fi
}

if [ "${1:-}" != "--redis" ]; then
    cargo build --workspace --release --quiet
    start_provider "$(port_of "$@")"
    step "the login demo"
    target/release/jeton-demo "$@" &
    pids+=($!)
    wait "${pids[@]}"
    exit
fi

shift
port_a=${1:-${JETON_DEMO_PORT:-8080}}
port_b=$((port_a + 1))
command -v redis-server >/dev/null || apt_install redis-server
cargo build --release --quiet -p jeton-demo -p jeton-cli
start_provider "$port_a"

mkdir -p target/demo-fleet
redis_port=$(free_port)
start_redis "$redis_port" target/demo-fleet/redis.log

# One token key for the fleet, drawn now: a token from one instance
# verifies on the other.
JETON_DEMO_TOKEN_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n=')
export JETON_DEMO_TOKEN_SECRET
export JETON_DEMO_REDIS="redis://127.0.0.1:$redis_port/"
target/release/jeton-demo "$port_a" >target/demo-fleet/a.out 2>&1 &
pids+=($!)
target/release/jeton-demo "$port_b" >target/demo-fleet/b.out 2>&1 &
pids+=($!)
sleep 0.5
for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { cat target/demo-fleet/*.out; exit 1; }
done

cat <<TEXT
jeton login demo: two instances sharing one Redis

  instance A  http://localhost:$port_a/
  instance B  http://localhost:$port_b/
  Redis       127.0.0.1:$redis_port (no persistence; stopped with this script)

  Log in as "demo" with password "correct horse" on A. A browser sends
  localhost's cookies to every port, so B's pages see the same session
  cookie: http://localhost:$port_b/account is admitted by instance B, which
  found the session in Redis. Copy the token the account page shows, then
  press "Log out" on B's page, and ask A:

    curl -i -H "Authorization: Bearer TOKEN" http://127.0.0.1:$port_a/api/me

  A refuses it at once (401, revoked): B put its jti in Redis. The session
  is gone too: log in on A again, copy the cookie from the developer tools,
  log out on A, and B refuses the old cookie with
    curl -i -b '__Host-session=ID' http://127.0.0.1:$port_b/api/me

  Stop Redis (kill $REDIS_PID) and every request is refused with 503, never
  admitted; the logs are in target/demo-fleet/.

  Ctrl-C stops both instances, Redis and the provider.
TEXT
wait "${pids[@]}"
