#!/usr/bin/env bash
# The login scenario of the example server, driven with curl, which keeps
# the cookies in its own cookie jar (-c/-b): curl's cookie engine must
# accept what jeton wrote.
#
#   examples/c-server/scenario.sh SERVER [WRAPPER...]
#
# starts SERVER on 127.0.0.1 on a free port (under WRAPPER, say valgrind,
# when given) with a clock the scenario moves itself (--clock FILE),
# checks the status, headers and body of every step, stops the server with
# SIGTERM and checks that it exits cleanly. Every curl call and the
# server's start and stop are bounded by timeouts. Exits non-zero on the
# first failure, printing the server's log.
#
# Besides the login, the credentials and the logout, it checks what the
# server defends: a signed cookie replayed after the expiry it carries
# (logged out or not) is refused; requests from another site or another
# port of this host are refused, and a client that sends neither Origin
# nor Sec-Fetch-Site needs a CSRF token bound to its session; the sixth
# login attempt within a minute is answered 429 with Retry-After; a user's
# fourth session ends the oldest, its token with it. A second server (with
# --login-burst, so that attempts are not limited) checks that a logout
# with the session cookie alone revokes the login's tokens, and that
# hundreds of login and logout cycles can neither fill the revocation list
# nor keep a victim's session and token alive past its logout.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 SERVER [WRAPPER...]" >&2; exit 2; }
SERVER=$(realpath "$1")
shift
WORK=$(mktemp -d)
PID=
STEPS=0
START_SECONDS=${START_SECONDS:-30}

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    printf 'scenario: FAILED: %s\n' "$*" >&2
    printf -- '--- server log\n' >&2
    cat "$WORK/server.log" >&2 || true
    exit 1
}

# The server, on a port the kernel picks; it writes the port to a file.
# Its clock is the number in $WORK/clock, which `advance` moves.
T0=1800000000
echo "$T0" >"$WORK/clock"
advance() { echo $(($(cat "$WORK/clock") + $1)) >"$WORK/clock.tmp" && mv "$WORK/clock.tmp" "$WORK/clock"; }
WRAPPER=("$@")
# start [SERVER OPTIONS...]: a server (under the wrapper), its address in
# BASE, another port of this host in OTHER. Without an OAuth provider,
# whatever the environment says (oauth-scenario.sh tests that).
start() {
    rm -f "$WORK/port"
    env -u JETON_OAUTH_PROVIDER -u JETON_OAUTH_PROVIDER_CLIENT_ID -u JETON_OAUTH_PROVIDER_CLIENT_SECRET \
        "${WRAPPER[@]}" "$SERVER" 0 "$WORK/port" --clock "$WORK/clock" "$@" >"$WORK/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 $((START_SECONDS * 10))); do
        [ -s "$WORK/port" ] && break
        kill -0 "$PID" 2>/dev/null || fail "the server exited at start"
        sleep 0.1
    done
    [ -s "$WORK/port" ] || fail "the server did not start within ${START_SECONDS}s"
    PORT=$(cat "$WORK/port")
    BASE="http://127.0.0.1:$PORT"
    # Another port of the same host: same site, another origin.
    OTHER="http://127.0.0.1:$(((PORT % 60000) + 1024))"
    SAME_ORIGIN="Origin: $BASE"
    echo "server at $BASE${1:+ ($*)}"
}
# A clean stop: SIGTERM, and the server exits 0 (valgrind and ASan too).
stop() {
    kill -TERM "$PID"
    for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$PID" 2>/dev/null; then fail "the server did not stop within 30s"; fi
    local status=0
    wait "$PID" || status=$?
    PID=
    [ "$status" = 0 ] || fail "the server exited with status $status"
    grep -q 'stopping on signal 15' "$WORK/server.log" || fail "the server did not stop on SIGTERM"
}

# request NAME STATUS [curl arguments...]: one request; its body and
# headers are kept as $WORK/NAME.body and $WORK/NAME.headers.
request() {
    local name=$1 want=$2 got
    shift 2
    got=$(curl -sS --max-time 10 -o "$WORK/$name.body" -D "$WORK/$name.headers" -w '%{http_code}' "$@") ||
        fail "$name: curl failed"
    [ "$got" = "$want" ] || fail "$name: status $got, want $want; body: $(cat "$WORK/$name.body")"
    STEPS=$((STEPS + 1))
    printf '  %-26s %s  %s\n' "$name" "$got" "$(head -c 100 "$WORK/$name.body" | tr -d '\n')"
}
body_has() { grep -qF -- "$2" "$WORK/$1.body" || fail "$1: the body lacks '$2': $(cat "$WORK/$1.body")"; }
header_has() { grep -qiF -- "$2" "$WORK/$1.headers" || fail "$1: no header with '$2':
$(cat "$WORK/$1.headers")"; }
header_lacks() { ! grep -qiF -- "$2" "$WORK/$1.headers" || fail "$1: a header with '$2':
$(cat "$WORK/$1.headers")"; }
# The value of cookie NAME in curl's jar JAR (empty when absent).
jar_value() { awk -F'\t' -v n="$2" 'NF == 7 && $6 == n { print $7 }' "$WORK/$1"; }
# Cookie NAME is in JAR as curl stores a Secure, HttpOnly, host-only
# cookie for 127.0.0.1 with Path=/.
jar_has() {
    awk -F'\t' -v n="$2" 'NF == 7 && $6 == n && $1 == "#HttpOnly_127.0.0.1" && $2 == "FALSE" && $3 == "/" &&
        $4 == "TRUE" { found = 1 } END { exit !found }' "$WORK/$1" ||
        fail "$1: curl did not keep $2 as a Secure HttpOnly host-only cookie:
$(cat "$WORK/$1")"
}
json_value() { sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" "$WORK/$1.body"; }
# TOKEN with its last character changed (still base64url).
altered() { case $1 in *A) echo "${1%?}B" ;; *) echo "${1%?}A" ;; esac; }
ALICE=(--data-urlencode user=alice --data-urlencode password=wonderland)

start
echo "before login"
request anonymous 401 "$BASE/protected"
header_has anonymous 'WWW-Authenticate: Bearer realm="jeton-c-server"'
request wrong-password 401 -H "$SAME_ORIGIN" --data-urlencode user=alice --data-urlencode password=nope "$BASE/login"
header_has wrong-password 'WWW-Authenticate: Basic realm="jeton-c-server", charset="UTF-8"'
request wrong-user 401 -H "$SAME_ORIGIN" -u 'bob:wonderland' -X POST "$BASE/login"

echo "cross-site logins are refused: another site, another port, an opaque origin"
request csrf-other-site 403 -H "Origin: http://evil.example" "${ALICE[@]}" "$BASE/login"
body_has csrf-other-site 'another origin'
header_lacks csrf-other-site 'Set-Cookie'
request csrf-other-port 403 -H "Origin: $OTHER" "${ALICE[@]}" "$BASE/login"
request csrf-other-port-name 403 -H "Origin: ${OTHER/127.0.0.1/localhost}" -u alice:wonderland -X POST "$BASE/login"
request csrf-null-origin 403 -H "Origin: null" "${ALICE[@]}" "$BASE/login"
request csrf-fetch-cross-site 403 -H "Sec-Fetch-Site: cross-site" "${ALICE[@]}" "$BASE/login"
body_has csrf-fetch-cross-site 'Sec-Fetch-Site: cross-site'
# A page on another port is same-site: still another origin.
request csrf-fetch-same-site 403 -H "Sec-Fetch-Site: same-site" -H "$SAME_ORIGIN" "${ALICE[@]}" "$BASE/login"
request csrf-no-token 403 "${ALICE[@]}" "$BASE/login"
body_has csrf-no-token 'no valid CSRF token'
header_lacks csrf-no-token 'Set-Cookie'

echo "first login (form, from a client that sends neither Origin nor Sec-Fetch-Site: a CSRF token)"
request csrf-token 200 -c "$WORK/jar1" "$BASE/login"
jar_has jar1 __Host-csrf
CSRF0=$(json_value csrf-token csrf_token)
[ -n "$CSRF0" ] && [ "$CSRF0" = "$(jar_value jar1 __Host-csrf)" ] || fail "the CSRF token and its cookie differ"
request csrf-altered-token 403 -b "$WORK/jar1" -H "X-CSRF-Token: $(altered "$CSRF0")" "${ALICE[@]}" "$BASE/login"
request csrf-token-no-cookie 403 -H "X-CSRF-Token: $CSRF0" "${ALICE[@]}" "$BASE/login"
request login 200 -b "$WORK/jar1" -c "$WORK/jar1" -H "X-CSRF-Token: $CSRF0" "${ALICE[@]}" "$BASE/login"
header_has login 'Set-Cookie: __Host-sid='
header_has login '; Path=/; Secure; HttpOnly; SameSite=Lax'
header_has login "Set-Cookie: __Host-user=v1.$((T0 + 900))."
header_has login 'Set-Cookie: __Host-csrf='
body_has login '"token_type":"Bearer","expires_in":900'
JWT1=$(json_value login access_token)
CSRF1=$(json_value login csrf_token)
[ -n "$JWT1" ] && [ -n "$CSRF1" ] || fail "no JWT or CSRF token in the login response"
for cookie in __Host-sid __Host-user __Host-csrf; do jar_has jar1 "$cookie"; done
SID1=$(jar_value jar1 __Host-sid)
USER1=$(jar_value jar1 __Host-user)

echo "each credential admits on its own"
request session 200 -b "$WORK/jar1" -c "$WORK/jar1" "$BASE/protected"
body_has session 'admitted by: session cookie (user 1, alice'
request signed-cookie 200 -H "Cookie: __Host-user=$USER1" "$BASE/protected"
body_has signed-cookie "admitted by: signed cookie (user alice, expires $((T0 + 900)))"
# The expiry is under the signature: a later one does not pass.
request signed-later-expiry 401 -H "Cookie: __Host-user=${USER1/v1.$((T0 + 900))./v1.$((T0 + 90000)).}" \
    "$BASE/protected"
request signed-tampered 401 -H "Cookie: __Host-user=$(altered "$USER1")" "$BASE/protected"
request bearer 200 -H "Authorization: Bearer $JWT1" "$BASE/protected"
body_has bearer 'admitted by: bearer JWT (sub alice'
request bearer-tampered 401 -H "Authorization: Bearer $(altered "$JWT1")" -b "$WORK/jar1" "$BASE/protected"
header_has bearer-tampered 'error="invalid_token"'
request bearer-malformed 401 -H "Authorization: Bearer a b" "$BASE/protected"
header_has bearer-malformed 'error="invalid_request"'

echo "second login (Basic, as a browser: Origin), its own cookies and JWT"
request login-basic 200 -H "$SAME_ORIGIN" -c "$WORK/jar2" -u 'alice:wonderland' -X POST "$BASE/login"
JWT2=$(json_value login-basic access_token)
[ -n "$JWT2" ] && [ "$JWT2" != "$JWT1" ] || fail "no second JWT"
jar_has jar2 __Host-sid
[ "$(jar_value jar2 __Host-sid)" != "$SID1" ] || fail "the second login reused the session ID"
USER2=$(jar_value jar2 __Host-user)

echo "cross-site logouts are refused, and the session lives on"
request logout-other-port 403 -b "$WORK/jar1" -H "Origin: $OTHER" -X POST "$BASE/logout"
request logout-fetch-same-site 403 -b "$WORK/jar1" -H "Sec-Fetch-Site: same-site" -X POST "$BASE/logout"
request logout-no-token 403 -b "$WORK/jar1" -X POST "$BASE/logout"
# A token bound to no session (or another one) does not end this one.
request logout-unbound-token 403 -b "$WORK/jar1" -H "X-CSRF-Token: $CSRF0" \
    -H "Cookie: __Host-csrf=$CSRF0" -X POST "$BASE/logout"
body_has logout-unbound-token 'CSRF token missing or bound to another session'
request still-logged-in 200 -b "$WORK/jar1" "$BASE/protected"
body_has still-logged-in 'admitted by: session cookie'

echo "logout of the first login: session and JWT revoked at once"
request logout 200 -v --stderr "$WORK/logout.trace" -b "$WORK/jar1" -c "$WORK/jar1" \
    -H "Authorization: Bearer $JWT1" -H "X-CSRF-Token: $CSRF1" -X POST "$BASE/logout"
body_has logout 'logged out: session jwt signed-cookie'
header_has logout 'Set-Cookie: __Host-sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly'
header_has logout 'Set-Cookie: __Host-user=; Path=/; Max-Age=0'
header_has logout 'Set-Cookie: __Host-csrf=; Path=/; Max-Age=0'
# curl's engine matched each removal with the cookie it held and expired it.
for cookie in __Host-sid __Host-user __Host-csrf; do
    grep -qF "Replaced cookie $cookie=\"\" for domain 127.0.0.1, path /, expire 1" "$WORK/logout.trace" ||
        fail "curl did not take the removal of $cookie: $(grep -i cookie "$WORK/logout.trace")"
done
# The jar then lacks the three cookies, except with the curl releases that
# re-read the -b file when writing the jar and so bring back every deleted
# cookie but the last (curl 7.88, curl issue #10677): the server refuses
# those anyway, as the next step checks.
left=$(for cookie in __Host-sid __Host-user __Host-csrf; do [ -z "$(jar_value jar1 "$cookie")" ] || echo "$cookie"; done)
if [ -n "$left" ]; then
    [ -z "$(jar_value jar1 __Host-csrf)" ] || fail "jar1 still holds the last cookie removed"
    echo "  (curl $(curl --version | head -n1 | cut -d' ' -f2) kept $(echo $left) in its jar: curl issue #10677)"
fi

echo "after logout: the old credentials are refused, the second login's pass"
request after-logout 401 -b "$WORK/jar1" "$BASE/protected"
request old-session-cookie 401 -H "Cookie: __Host-sid=$SID1" "$BASE/protected"
request old-signed-cookie 401 -H "Cookie: __Host-user=$USER1" "$BASE/protected"
request revoked-jwt 401 -H "Authorization: Bearer $JWT1" "$BASE/protected"
header_has revoked-jwt 'error="invalid_token"'
body_has revoked-jwt 'revoked'
request second-jwt 200 -H "Authorization: Bearer $JWT2" "$BASE/protected"
body_has second-jwt 'admitted by: bearer JWT (sub alice'
request second-session 200 -b "$WORK/jar2" "$BASE/protected"
body_has second-session 'admitted by: session cookie (user 1, alice'
request not-found 404 "$BASE/nowhere"
# Without a provider configured, the OAuth routes are absent.
request no-oauth-login 404 "$BASE/login/oauth"
request no-oauth-callback 404 "$BASE/callback?code=x&state=y"

echo "login attempts: five a minute per client and user, then 429"
# Attempts so far at T0: the wrong password, the first and second logins
# (refused cross-site requests were not attempts).
advance 1
request login-3 200 -H "$SAME_ORIGIN" -c "$WORK/jar3" "${ALICE[@]}" "$BASE/login"
advance 1
request login-4 200 -H "$SAME_ORIGIN" -c "$WORK/jar4" "${ALICE[@]}" "$BASE/login"
request login-limited 429 -H "$SAME_ORIGIN" -c "$WORK/jar5" "${ALICE[@]}" "$BASE/login"
# One attempt comes back every 12 s: the first at T0 + 12.
header_has login-limited 'Retry-After: 10'
header_lacks login-limited 'Set-Cookie'
request limited-wrong-password 429 -H "$SAME_ORIGIN" --data-urlencode user=alice --data-urlencode password=x \
    "$BASE/login"
request other-user-not-limited 401 -H "$SAME_ORIGIN" -u 'carol:x' -X POST "$BASE/login"
advance 9
request still-limited 429 -H "$SAME_ORIGIN" "${ALICE[@]}" "$BASE/login"
header_has still-limited 'Retry-After: 1'
advance 1

echo "a user's fourth session ends the oldest (cap 3), and its tokens"
request session-2-before 200 -b "$WORK/jar2" "$BASE/protected"
request login-5 200 -H "$SAME_ORIGIN" -c "$WORK/jar5" "${ALICE[@]}" "$BASE/login"
request session-2-evicted 401 -b "$WORK/jar2" "$BASE/protected"
request jwt-2-evicted 401 -H "Authorization: Bearer $JWT2" "$BASE/protected"
body_has jwt-2-evicted 'revoked'
request signed-2-evicted 401 -H "Cookie: __Host-user=$USER2" "$BASE/protected"
for jar in jar3 jar4 jar5; do request "session-${jar#jar}-kept" 200 -b "$WORK/$jar" "$BASE/protected"; done

echo "a signed cookie ends with the expiry it carries, logged out or not"
USER3=$(jar_value jar3 __Host-user)
request signed-3-before 200 -H "Cookie: __Host-user=$USER3" "$BASE/protected"
advance 900
# 912 s after the first login: its cookie (expired at +900, its
# revocation lapsed with it) and the third login's (+901) are refused.
request signed-3-expired 401 -H "Cookie: __Host-user=$USER3" "$BASE/protected"
request old-signed-cookie-later 401 -H "Cookie: __Host-user=$USER1" "$BASE/protected"
request session-3-outlives-it 200 -b "$WORK/jar3" "$BASE/protected"

stop

# A second server whose login attempts are not limited in practice.
echo "$T0" >"$WORK/clock"
start --login-burst 100000

echo "a logout with the session cookie alone revokes the login's tokens"
request lone-login 200 -H "$SAME_ORIGIN" -c "$WORK/jar-lone" "${ALICE[@]}" "$BASE/login"
JWT_LONE=$(json_value lone-login access_token)
USER_LONE=$(jar_value jar-lone __Host-user)
SID_LONE=$(jar_value jar-lone __Host-sid)
request lone-logout 200 -H "$SAME_ORIGIN" -H "Cookie: __Host-sid=$SID_LONE" -X POST "$BASE/logout"
body_has lone-logout 'logged out: session'
request lone-session-ended 401 -H "Cookie: __Host-sid=$SID_LONE" "$BASE/protected"
request lone-jwt-revoked 401 -H "Authorization: Bearer $JWT_LONE" "$BASE/protected"
body_has lone-jwt-revoked 'revoked'
request lone-signed-revoked 401 -H "Cookie: __Host-user=$USER_LONE" "$BASE/protected"

echo "login and logout cycles cannot fill the revocation list against a victim's logout"
request victim-login 200 -H "$SAME_ORIGIN" -c "$WORK/jar-victim" "${ALICE[@]}" "$BASE/login"
JWT_VICTIM=$(json_value victim-login access_token)
# The list holds 256 entries: every cycle adds one (its login's grant);
# past what the list can hold with the victim's session, logins are
# refused, not logouts. A few cycles more than the list holds are tried.
cycles=0 refused=0
for i in $(seq 1 270); do
    got=$(curl -sS --max-time 10 -o "$WORK/cycle.body" -c "$WORK/jar-cycle" -w '%{http_code}' \
        -H "$SAME_ORIGIN" "${ALICE[@]}" "$BASE/login") || fail "cycle $i: curl failed"
    if [ "$got" = 503 ]; then
        grep -qF 'cannot log in now' "$WORK/cycle.body" || fail "cycle $i: $(cat "$WORK/cycle.body")"
        refused=$((refused + 1))
        continue
    fi
    [ "$got" = 200 ] || fail "cycle $i: login status $got: $(cat "$WORK/cycle.body")"
    got=$(curl -sS --max-time 10 -o "$WORK/cycle.body" -b "$WORK/jar-cycle" -w '%{http_code}' \
        -H "$SAME_ORIGIN" -X POST "$BASE/logout") || fail "cycle $i: curl failed"
    [ "$got" = 200 ] || fail "cycle $i: logout status $got: $(cat "$WORK/cycle.body")"
    cycles=$((cycles + 1))
done
STEPS=$((STEPS + 2 * cycles + refused))
echo "  $cycles cycles, then $refused logins refused"
# 256 entries: the lone login's grant, the victim's session, 254 cycles.
[ "$cycles" = 254 ] && [ "$refused" = 16 ] || fail "$cycles cycles and $refused refusals, want 254 and 16"
request victim-logout 200 -b "$WORK/jar-victim" -H "Authorization: Bearer $JWT_VICTIM" -H "$SAME_ORIGIN" \
    -X POST "$BASE/logout"
body_has victim-logout 'logged out: session jwt signed-cookie'
request victim-session-ended 401 -b "$WORK/jar-victim" "$BASE/protected"
request victim-jwt-revoked 401 -H "Authorization: Bearer $JWT_VICTIM" "$BASE/protected"
body_has victim-jwt-revoked 'revoked'
# Once the cycles' tokens have expired, their entries lapse: logins pass.
advance 900
request login-after-lapse 200 -H "$SAME_ORIGIN" "${ALICE[@]}" "$BASE/login"
stop
echo "scenario passed: $STEPS requests, every status, header and body as expected; the servers stopped cleanly"
