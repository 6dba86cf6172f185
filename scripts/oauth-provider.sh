#!/usr/bin/env bash
# The test-owned OpenID Connect provider (tests/oauth-provider: npm
# oidc-provider, pinned by its lockfile) on 127.0.0.1, on a free port.
#
#   scripts/oauth-provider.sh run CMD [ARG...]
#       starts the provider, runs CMD with the JETON_OAUTH_PROVIDER*
#       variables exported, stops the provider (also when CMD fails or the
#       script is interrupted) and exits with CMD's status;
#   scripts/oauth-provider.sh serve
#       starts it, prints the variables as `export NAME=value` lines, and
#       keeps it running until Ctrl-C (for trying things by hand);
#   . scripts/oauth-provider.sh
#       defines oauth_provider_install, start_oauth_provider DIR and
#       stop_oauth_provider for another script (set its own trap).
#
# The variables (tests/oauth-provider/provider.mjs describes the clients):
#   JETON_OAUTH_PROVIDER                    the issuer, http://127.0.0.1:PORT
#   JETON_OAUTH_PROVIDER_CLIENT_ID          confidential client (client_secret_basic)
#   JETON_OAUTH_PROVIDER_CLIENT_SECRET      its secret, new at every start
#   JETON_OAUTH_PROVIDER_PUBLIC_CLIENT_ID   public client (PKCE, device flow)
#   JETON_OAUTH_PROVIDER_REDIRECT_URI       redirect URI both clients have
#   JETON_OAUTH_PROVIDER_RESOURCE           a resource it issues JWT access tokens for
#   JETON_OAUTH_PROVIDER_DEMO_CLIENT_ID     the login demo's client (client_secret_basic,
#                                           redirects to /oauth/callback on any loopback port)
#   JETON_OAUTH_PROVIDER_DEMO_CLIENT_SECRET its secret, new at every start
# JETON_OAUTH_PROVIDER_REDIRECT_URIS (space-separated), set before the
# start, registers more redirect URIs for both clients.
#
# Installs what it needs when missing: Node.js and npm (Debian packages),
# then `npm ci` in tests/oauth-provider at every start (about 3 s with the
# npm cache warm), so the packages are always the lockfile's.

_oauth_provider_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$_oauth_provider_root/scripts/lib.sh"

# oauth_provider_install: Node.js, npm and the provider's packages.
oauth_provider_install() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
    command -v curl >/dev/null || apt_install curl
    # The package's engines (oidc-provider 9 uses URL.parse, from Node
    # 20.18): Debian bookworm's own nodejs is 18, too old; the machines'
    # Node 20 does.
    if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
                  process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
        echo "the OAuth provider needs Node.js 20.19 or later; this is $(node --version)" >&2
        return 1
    fi
    (cd "$_oauth_provider_root/tests/oauth-provider" &&
        npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null)
}

# start_oauth_provider DIR: starts the provider in the background (log in
# DIR/oauth-provider.log), waits (20 s at most) until its discovery
# document answers, and exports the variables above; its pid is in
# OAUTH_PROVIDER_PID. Call oauth_provider_install first.
start_oauth_provider() {
    local dir=$1
    mkdir -p "$dir"
    local env_file="$dir/oauth-provider.env" log="$dir/oauth-provider.log"
    rm -f "$env_file"
    node "$_oauth_provider_root/tests/oauth-provider/provider.mjs" "$env_file" >"$log" 2>&1 &
    OAUTH_PROVIDER_PID=$!
    local issuer=""
    for _ in $(seq 1 200); do
        if [ -z "$issuer" ] && [ -s "$env_file" ]; then
            set -a
            . "$env_file"
            set +a
            issuer=$JETON_OAUTH_PROVIDER
        fi
        if [ -n "$issuer" ] &&
            curl -fsS -o /dev/null --max-time 2 "$issuer/.well-known/openid-configuration" 2>/dev/null; then
            return 0
        fi
        kill -0 "$OAUTH_PROVIDER_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "the OAuth provider did not start:" >&2
    cat "$log" >&2
    stop_oauth_provider
    return 1
}

# stop_oauth_provider: stops the provider started above, if any.
stop_oauth_provider() {
    if [ -n "${OAUTH_PROVIDER_PID:-}" ]; then
        kill "$OAUTH_PROVIDER_PID" 2>/dev/null || true
        wait "$OAUTH_PROVIDER_PID" 2>/dev/null || true
        OAUTH_PROVIDER_PID=""
    fi
}

# Executed rather than sourced: the modes.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    dir="$_oauth_provider_root/target/oauth-provider"
    case "${1:-}" in
        run)
            shift
            [ $# -gt 0 ] || { echo "usage: $0 run CMD [ARG...]" >&2; exit 2; }
            oauth_provider_install
            trap stop_oauth_provider EXIT
            trap 'exit 130' INT TERM
            start_oauth_provider "$dir"
            echo "OAuth provider at $JETON_OAUTH_PROVIDER (pid $OAUTH_PROVIDER_PID, log $dir/oauth-provider.log)"
            status=0
            "$@" || status=$?
            exit "$status"
            ;;
        serve)
            oauth_provider_install
            trap stop_oauth_provider EXIT
            trap 'exit 130' INT TERM
            start_oauth_provider "$dir"
            sed 's/^/export /' "$dir/oauth-provider.env"
            echo "# running (pid $OAUTH_PROVIDER_PID, log $dir/oauth-provider.log); Ctrl-C stops it" >&2
            wait "$OAUTH_PROVIDER_PID"
            ;;
        *)
            echo "usage: $0 run CMD [ARG...] | $0 serve   (or source it)" >&2
            exit 2
            ;;
    esac
fi
