#!/usr/bin/env bash
# The C example server (on hiredis) and the Rust demo share one Redis:
# each admits the sessions the other wrote, and a logout on either is
# refused by the other at once, for the session and for its token. The
# record bytes, keys and decisions are jeton's on both sides.
#
#   examples/c-server/interop.sh C-SERVER DEMO REDIS-PORT
#
# C-SERVER is built with `make REDIS=1`; DEMO is the jeton-demo binary;
# a redis-server (started by the caller, scripts/redis-tests.sh) listens
# on 127.0.0.1:REDIS-PORT. Both servers start on free ports and are
# stopped at the end, also on failure; every curl call has a timeout.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 C-SERVER DEMO REDIS-PORT" >&2; exit 2; }
C_SERVER=$(realpath "$1")
DEMO=$(realpath "$2")
REDIS_PORT=$3
WORK=$(mktemp -d)
PIDS=()
STEPS=0

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    printf 'interop: FAILED: %s\n' "$*" >&2
    for log in "$WORK"/*.log; do printf -- '--- %s\n' "$log" >&2; cat "$log" >&2; done
    exit 1
}

"$C_SERVER" 0 "$WORK/c-port" --redis "127.0.0.1:$REDIS_PORT" >"$WORK/c-server.log" 2>&1 &
PIDS+=($!)
"$DEMO" 0 --quiet --redis "redis://127.0.0.1:$REDIS_PORT/" >"$WORK/demo.log" 2>&1 &
PIDS+=($!)
C_PORT="" DEMO_PORT=""
for _ in $(seq 1 300); do
    [ -s "$WORK/c-port" ] && C_PORT=$(cat "$WORK/c-port")
    DEMO_PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/demo.log")
    [ -n "$C_PORT" ] && [ -n "$DEMO_PORT" ] && break
    sleep 0.1
done
[ -n "$C_PORT" ] && [ -n "$DEMO_PORT" ] || fail "the servers did not start"
C="http://127.0.0.1:$C_PORT"
D="http://127.0.0.1:$DEMO_PORT"

# request NAME WANT-STATUS WANT-BODY-SUBSTRING CURL-ARGS...: runs curl,
# checks the status and that the body holds the text.
request() {
    local name=$1 want=$2 text=$3 status
    shift 3
    status=$(curl -s --max-time 10 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@") || status=000
    [ "$status" = "$want" ] || fail "$name: status $status, want $want: $(cat "$WORK/body")"
    grep -qF -- "$text" "$WORK/body" || fail "$name: the body lacks '$text': $(cat "$WORK/body")"
    STEPS=$((STEPS + 1))
    printf '  %-34s %s  %s\n' "$name" "$status" "$(head -c 90 "$WORK/body" | tr '\n' ' ')"
}

cookie_value() { sed -n "s/^[Ss]et-[Cc]ookie: $1=\([^;]*\);.*/\1/p" "$WORK/headers" | head -n1; }

# A session written by C, read by Rust.
request "C: log in alice" 200 access_token -H "Origin: $C" -d 'user=alice&password=wonderland' "$C/login"
C_SID=$(cookie_value __Host-sid)
C_TOKEN=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$WORK/body")
[ -n "$C_SID" ] && [ -n "$C_TOKEN" ] || fail "no session or token from C"
request "Rust demo admits C's session" 200 '"user":"alice"' -H "Cookie: __Host-session=$C_SID" "$D/api/me"
grep -qF '"mechanism":"session_cookie"' "$WORK/body" || fail "not by the session"

# A session written by Rust, read by C.
request "Rust demo: log in demo" 303 'Logged in' -H "Origin: $D" -d 'username=demo&password=correct+horse' \
    "$D/login"
D_SID=$(cookie_value __Host-session)
[ -n "$D_SID" ] || fail "no session from the demo"
request "demo: its token" 200 'Account of demo' -H "Cookie: __Host-session=$D_SID" "$D/account"
D_TOKEN=$(sed -n 's|.*<code id="token">\([^<]*\)</code>.*|\1|p' "$WORK/body" | head -n1)
[ -n "$D_TOKEN" ] || fail "no token on the demo's account page"
request "C admits the demo's session" 200 'session cookie (user demo, shared' \
    -H "Cookie: __Host-sid=$D_SID" "$C/protected"

# Logout on C of the demo's session: the demo refuses the session and the
# token the record names.
request "C: log out the demo's session" 200 'logged out: session' -X POST -H "Origin: $C" \
    -H "Cookie: __Host-sid=$D_SID" "$C/logout"
request "demo refuses that session" 401 'no session in the shared store' \
    -H "Cookie: __Host-session=$D_SID" "$D/api/me"
request "demo refuses its token" 401 'revoked' -H "Authorization: Bearer $D_TOKEN" "$D/api/me"

# Logout on the demo of C's session: C refuses the session and its JWT.
request "demo: log out alice's session" 200 'Logged out' -X POST -H "Origin: $D" \
    -H "Cookie: __Host-session=$C_SID" "$D/logout"
request "C refuses that session" 401 'unauthorized' -H "Cookie: __Host-sid=$C_SID" "$C/protected"
request "C refuses alice's token" 401 'revoked' -H "Authorization: Bearer $C_TOKEN" "$C/protected"

# Redis answering no one for 2 s (CLIENT PAUSE): C refuses (503) a
# session it would admit, then admits it again.
request "C: log in alice again" 200 access_token -H "Origin: $C" -d 'user=alice&password=wonderland' "$C/login"
C_SID=$(cookie_value __Host-sid)
[ "$(redis-cli -p "$REDIS_PORT" CLIENT PAUSE 2000 ALL)" = OK ] || fail "CLIENT PAUSE"
request "C refuses while Redis is paused" 503 'cannot answer' -H "Cookie: __Host-sid=$C_SID" "$C/protected"
sleep 2
request "C admits once Redis is back" 200 'session cookie (user alice' -H "Cookie: __Host-sid=$C_SID" "$C/protected"

echo "interop passed: $STEPS requests between the C server (hiredis) and the Rust demo on one Redis"
