#!/usr/bin/env bash
# "Sign in with the provider" on the example server, end to end: the
# test-owned OpenID Connect provider (npm oidc-provider, started here
# through scripts/oauth-provider.sh) and the server, driven by curl as a
# browser that keeps every cookie in one jar and signs in and consents on
# the provider's development pages with plain form posts.
#
#   examples/c-server/oauth-scenario.sh SERVER [WRAPPER...]
#
# picks a free port of 127.0.0.1 for SERVER, starts the provider with
# http://127.0.0.1:PORT/callback registered for its confidential client
# (JETON_OAUTH_PROVIDER_REDIRECT_URIS), starts SERVER there (under
# WRAPPER, say valgrind, when given) with the provider's issuer, the
# client's ID as options and its secret in the environment, checks the
# status, headers and body of every step, and stops both (the server with
# SIGTERM, checking that it exits cleanly). Needs the provider's packages
# (scripts/oauth-provider.sh installs them; scripts/c-tests.sh runs this).
#
# What it checks: the redirect to the provider (PKCE S256, state, nonce,
# the __Host- binding cookie); a login that creates the same session,
# signed cookie, JWT and CSRF token as the password login, and its logout;
# each refusal with the check that names it: a callback from a mixed-up
# issuer or without `iss`, a tampered state, a state without its binding
# cookie (another browser), a replayed state, an expired state, the
# provider's error answer, a tampered code (the provider's invalid_grant
# through the back channel), a provider user linked to no account, a
# return path to another site, and too many callbacks from one address.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 SERVER [WRAPPER...]" >&2; exit 2; }
SERVER=$(realpath "$1")
shift
WRAPPER=("$@")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# start_oauth_provider, stop_oauth_provider, free_port.
. "$ROOT/scripts/oauth-provider.sh"
WORK=$(mktemp -d)
PID=
STEPS=0
START_SECONDS=${START_SECONDS:-30}

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" 2>/dev/null || true; fi
    stop_oauth_provider
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    printf 'oauth-scenario: FAILED: %s\n' "$*" >&2
    printf -- '--- server log\n' >&2
    cat "$WORK/server.log" >&2 || true
    printf -- '--- provider log\n' >&2
    cat "$WORK/oauth-provider.log" >&2 || true
    exit 1
}

[ -d "$ROOT/tests/oauth-provider/node_modules/oidc-provider" ] ||
    fail "the provider's packages are not installed (scripts/oauth-provider.sh run true installs them)"

# The server's clock is the system's plus OFFSET seconds, written to the
# file it reads (--clock) before every request: the provider signs with
# the real time, and `advance` moves the server past a state's lifetime.
# FROZEN, when set, is written instead (a phase that counts seconds).
OFFSET=0 FROZEN=
tick() { echo "${FROZEN:-$(($(date +%s) + OFFSET))}" >"$WORK/clock.tmp" && mv "$WORK/clock.tmp" "$WORK/clock"; }
advance() { OFFSET=$((OFFSET + $1)); }

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
REDIRECT_URI="$BASE/callback"
export JETON_OAUTH_PROVIDER_REDIRECT_URIS=$REDIRECT_URI
start_oauth_provider "$WORK" || fail "the provider did not start"
ISSUER=$JETON_OAUTH_PROVIDER
echo "provider at $ISSUER, server at $BASE"

# start PORT [OPTIONS...]: the server (under the wrapper) on PORT, with
# the provider's client secret in its environment.
start() {
    local port=$1
    shift
    rm -f "$WORK/port"
    tick
    "${WRAPPER[@]}" "$SERVER" "$port" "$WORK/port" --clock "$WORK/clock" "$@" >"$WORK/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 $((START_SECONDS * 10))); do
        [ -s "$WORK/port" ] && break
        kill -0 "$PID" 2>/dev/null || fail "the server exited at start"
        sleep 0.1
    done
    [ -s "$WORK/port" ] || fail "the server did not start within ${START_SECONDS}s"
    [ "$(cat "$WORK/port")" = "$port" ] || fail "the server listens on $(cat "$WORK/port"), not $port"
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

# request NAME STATUS [curl arguments...]: one request to the server; its
# body and headers are kept as $WORK/NAME.body and $WORK/NAME.headers.
request() {
    local name=$1 want=$2 got
    shift 2
    tick
    got=$(curl -sS --max-time 20 -o "$WORK/$name.body" -D "$WORK/$name.headers" -w '%{http_code}' "$@") ||
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
location() { sed -n 's/^[Ll]ocation: *//p' "$WORK/$1.headers" | tr -d '\r'; }
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
# The value of parameter NAME in the query of URL (as sent, encoded).
query_value() { printf '%s\n' "$1" | sed -n "s/.*[?&]$2=\([^&#]*\).*/\1/p"; }
# URL with parameter NAME's value replaced by VALUE (or removed, VALUE -).
with_param() {
    if [ "$3" = - ]; then
        printf '%s\n' "$1" | sed -E "s/([?&])$2=[^&#]*&?/\1/; s/[?&]$//"
    else
        printf '%s\n' "$1" | sed -E "s/([?&]$2=)[^&#]*/\1$3/"
    fi
}
# TEXT with its last-but-one character changed (still base64url).
altered() {
    local t=$1 c
    c=${t: -2:1}
    [ "$c" = A ] && c=B || c=A
    echo "${t:0:${#t}-2}$c${t: -1}"
}

# walk JAR LOGIN URL: the browser whose cookies are in JAR goes to URL on
# the provider and on: follows the provider's redirects, signs in as LOGIN
# (any password) and consents on its pages, until a redirect leaves the
# provider; its target is left in WALKED.
walk() {
    local jar=$1 login=$2 url=$3 out status next page prompt action
    local -a form=()
    for _ in $(seq 1 20); do
        out=$(curl -sS --max-time 20 -b "$WORK/$jar" -c "$WORK/$jar" -o "$WORK/page.html" \
            -w '%{http_code} %{redirect_url}' "${form[@]}" "$url") || fail "walk: curl failed at $url"
        status=${out%% *}
        next=${out#* }
        form=()
        case $status in
        30?)
            case $next in
            "$ISSUER"/*) url=$next ;;
            *) WALKED=$next; return 0 ;;
            esac
            ;;
        200)
            page=$(cat "$WORK/page.html")
            prompt=$(printf '%s' "$page" | sed -n 's/.*name="prompt" value="\([^"]*\)".*/\1/p' | head -n1)
            action=$(printf '%s' "$page" | sed -n 's/.*action="\([^"]*\)".*/\1/p' | head -n1 | sed 's/&amp;/\&/g')
            [ -n "$action" ] || fail "walk: a page of the provider without a form: $page"
            case $action in /*) url="$ISSUER$action" ;; *) url=$action ;; esac
            case $prompt in
            login) form=(--data-urlencode prompt=login --data-urlencode "login=$login" --data-urlencode password=any) ;;
            consent) form=(--data-urlencode prompt=consent) ;;
            *) fail "walk: the provider asks for '$prompt'" ;;
            esac
            ;;
        *) fail "walk: $url answered $status: $(cat "$WORK/page.html")" ;;
        esac
    done
    fail "walk: more than 20 steps through the provider's pages"
}

# sign_in NAME JAR LOGIN [QUERY]: GET /login/oauth[?QUERY] in the browser
# of JAR, then through the provider as LOGIN: the callback URL the
# provider sends the browser to is left in CALLBACK, the state in STATE
# and the binding cookie's value in BINDING.
sign_in() {
    local name=$1 jar=$2 login=$3 query=${4:-}
    request "$name" 303 -b "$WORK/$jar" -c "$WORK/$jar" "$BASE/login/oauth${query:+?$query}"
    STATE=$(query_value "$(location "$name")" state)
    BINDING=$(jar_value "$jar" __Host-jeton-oauth)
    [ -n "$STATE" ] && [ -n "$BINDING" ] || fail "$name: no state or no binding cookie"
    walk "$jar" "$login" "$(location "$name")"
    CALLBACK=$WALKED
    case $CALLBACK in "$REDIRECT_URI?"*) ;; *) fail "$name: the provider sent the browser to $CALLBACK" ;; esac
    [ "$(query_value "$CALLBACK" state)" = "$STATE" ] || fail "$name: the provider changed the state"
    STEPS=$((STEPS + 1))
    printf '  %-26s     back at %s\n' "$name: provider" "${CALLBACK:0:70}..."
}

ISS_ENCODED=$(printf '%s' "$ISSUER" | sed 's/:/%3A/g; s#/#%2F#g')
OTHER_ISSUER=$(printf '%s' "http://127.0.0.1:1" | sed 's/:/%3A/g; s#/#%2F#g')

echo "configuration: all of issuer, client and secret, or none"
for args in "--oauth-issuer $ISSUER" "--oauth-client-id $JETON_OAUTH_PROVIDER_CLIENT_ID"; do
    # shellcheck disable=SC2086
    if env -u JETON_OAUTH_PROVIDER -u JETON_OAUTH_PROVIDER_CLIENT_ID timeout 10 "$SERVER" 0 $args \
        >"$WORK/config.log" 2>&1; then
        fail "the server started with only $args"
    fi
    grep -q 'OAuth needs the issuer' "$WORK/config.log" || fail "no reason given: $(cat "$WORK/config.log")"
done
if timeout 10 "$SERVER" 0 --oauth-issuer http://provider.example >"$WORK/config.log" 2>&1; then
    fail "the server took a plain-http issuer on another host"
fi
grep -q 'the issuer must be an https URL' "$WORK/config.log" || fail "no reason given: $(cat "$WORK/config.log")"
STEPS=$((STEPS + 3))

echo "an issuer the provider's metadata does not name: no login (503)"
start "$PORT" --oauth-issuer "$ISSUER/" --oauth-id-token-alg ES256
grep -q "the provider's metadata: .*issuer" "$WORK/server.log" || fail "the metadata's issuer was not refused"
request wrong-issuer 503 "$BASE/login/oauth"
body_has wrong-issuer 'the OAuth provider cannot be reached now'
header_lacks wrong-issuer 'Set-Cookie'
request wrong-issuer-callback 503 "$BASE/callback?code=x&state=y"
# Tried again no more than every 10 s (each try may hold the server's
# thread for the back channel's timeout).
[ "$(grep -c "the provider's metadata" "$WORK/server.log")" = 1 ] || fail "discovery tried again at once"
advance 10
request wrong-issuer-later 503 "$BASE/login/oauth"
[ "$(grep -c "the provider's metadata" "$WORK/server.log")" = 2 ] || fail "discovery not tried again after 10 s"
advance -10
stop

start "$PORT" --oauth-issuer "$ISSUER" --oauth-client-id "$JETON_OAUTH_PROVIDER_CLIENT_ID" --oauth-id-token-alg ES256
grep -q "OAuth provider $ISSUER: authorization at $ISSUER/auth, tokens at $ISSUER/token, iss required" \
    "$WORK/server.log" || fail "the server did not discover the provider"

echo "the redirect to the provider"
request start 303 -c "$WORK/browser" "$BASE/login/oauth"
URL=$(location start)
WANT="$ISSUER/auth?response_type=code&client_id=$JETON_OAUTH_PROVIDER_CLIENT_ID"
WANT+="&redirect_uri=http%3A%2F%2F127.0.0.1%3A$PORT%2Fcallback&scope=openid&state="
case $URL in "$WANT"*) ;; *) fail "start: the authorization URL is $URL" ;; esac
for param in state nonce code_challenge; do [ -n "$(query_value "$URL" $param)" ] || fail "start: no $param"; done
[ "$(query_value "$URL" code_challenge_method)" = S256 ] || fail "start: not S256"
[ "$(query_value "$URL" nonce)" != "$(query_value "$URL" state)" ] || fail "start: the nonce is the state"
header_has start 'Set-Cookie: __Host-jeton-oauth='
header_has start '; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax'
jar_has browser __Host-jeton-oauth
request start-open-redirect 400 "$BASE/login/oauth?next=//evil.example/"
body_has start-open-redirect 'next must be a path of this server'
header_lacks start-open-redirect 'Set-Cookie'
request start-open-redirect-2 400 "$BASE/login/oauth?next=https://evil.example/"

echo "sign in: the provider's user alice is the local account alice"
sign_in login browser alice
CB1=$CALLBACK STATE1=$STATE BINDING1=$BINDING
[ -n "$(query_value "$CB1" code)" ] || fail "no code in $CB1"
[ "$(query_value "$CB1" iss)" = "$ISS_ENCODED" ] || fail "no iss (RFC 9207) in $CB1"

echo "refused before the state is spent: mix-up, tampering, another browser"
request mixed-up-issuer 403 -b "$WORK/browser" "$(with_param "$CB1" iss "$OTHER_ISSUER")"
body_has mixed-up-issuer 'callback iss missing or not the expected issuer (the mix-up defence'
request no-issuer 403 -b "$WORK/browser" "$(with_param "$CB1" iss -)"
body_has no-issuer 'callback iss missing or not the expected issuer'
request tampered-state 403 -b "$WORK/browser" "$(with_param "$CB1" state "$(altered "$STATE1")")"
body_has tampered-state 'OAuth state missing, malformed or not ours'
request another-browser 403 "$CB1"
body_has another-browser 'OAuth state not bound to this browser'
request another-binding 403 -H "Cookie: __Host-jeton-oauth=$(altered "$BINDING1")" "$CB1"
body_has another-binding 'OAuth state not bound to this browser'
request two-codes 400 -b "$WORK/browser" "$CB1&code=x"
body_has two-codes 'refused:'
header_lacks two-codes 'Set-Cookie'

echo "the callback: a session as the password login opens, then the return path"
request callback 303 -b "$WORK/browser" -c "$WORK/browser" "$CB1"
[ "$(location callback)" = /protected ] || fail "callback: Location $(location callback)"
header_has callback 'Set-Cookie: __Host-sid='
header_has callback 'Set-Cookie: __Host-user=v1.'
header_has callback 'Set-Cookie: __Host-csrf='
header_has callback 'Set-Cookie: __Host-jeton-oauth=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT'
body_has callback '"token_type":"Bearer","expires_in":900'
JWT=$(json_value callback access_token)
CSRF=$(json_value callback csrf_token)
[ -n "$JWT" ] && [ -n "$CSRF" ] || fail "no JWT or CSRF token in the callback's answer"
for cookie in __Host-sid __Host-user __Host-csrf; do jar_has browser "$cookie"; done
[ -z "$(jar_value browser __Host-jeton-oauth)" ] || fail "the binding cookie is still in the jar"
grep -q 'OAuth login of alice' "$WORK/server.log" || fail "the server did not log the OAuth login"
request session 200 -b "$WORK/browser" "$BASE/protected"
body_has session 'admitted by: session cookie (user 1, alice'
request signed-cookie 200 -H "Cookie: __Host-user=$(jar_value browser __Host-user)" "$BASE/protected"
body_has signed-cookie 'admitted by: signed cookie (user alice'
request bearer 200 -H "Authorization: Bearer $JWT" "$BASE/protected"
body_has bearer 'admitted by: bearer JWT (sub alice'

echo "the same callback again: a replayed state"
request replayed 403 -H "Cookie: __Host-jeton-oauth=$BINDING1" "$CB1"
body_has replayed 'OAuth state used before'
header_lacks replayed 'Set-Cookie'
request replayed-no-cookie 403 -b "$WORK/browser" "$CB1"
body_has replayed-no-cookie 'OAuth state not bound to this browser'

# Ten callbacks a minute per address: a minute gives the burst back.
advance 60

echo "logout ends the OAuth login as it ends a password login"
request logout 200 -b "$WORK/browser" -c "$WORK/browser" -H "Authorization: Bearer $JWT" \
    -H "X-CSRF-Token: $CSRF" -X POST "$BASE/logout"
body_has logout 'logged out: session jwt signed-cookie'
request after-logout 401 -H "Authorization: Bearer $JWT" "$BASE/protected"
body_has after-logout 'revoked'

echo "a return path rides in the state; the provider remembers the user"
sign_in login-next browser alice 'next=/protected%3Fvia%3Doauth'
request callback-next 303 -b "$WORK/browser" -c "$WORK/browser" "$CALLBACK"
[ "$(location callback-next)" = '/protected?via=oauth' ] || fail "callback-next: Location $(location callback-next)"
request session-next 200 -b "$WORK/browser" "$BASE/protected"

echo "the provider answers with an error (the user declined): our state, then the refusal"
# A fresh state in the browser, answered by hand as the provider would.
request start-declined 303 -b "$WORK/browser" -c "$WORK/browser" "$BASE/login/oauth"
STATE=$(query_value "$(location start-declined)" state)
request declined 403 -b "$WORK/browser" -c "$WORK/browser" \
    "$REDIRECT_URI?error=access_denied&error_description=no%0Athanks&state=$STATE&iss=$ISS_ENCODED"
body_has declined 'refused: the provider answered error=access_denied (resource owner denied the authorization)'
header_has declined 'Set-Cookie: __Host-jeton-oauth=; Path=/; Max-Age=0'
header_lacks declined 'Set-Cookie: __Host-sid'

echo "a tampered code: the provider refuses it through the back channel"
sign_in login-code browser alice
request tampered-code 403 -b "$WORK/browser" -c "$WORK/browser" \
    "$(with_param "$CALLBACK" code "$(altered "$(query_value "$CALLBACK" code)")")"
body_has tampered-code "refused: the provider's token endpoint answered 400 error=invalid_grant"
header_has tampered-code 'Set-Cookie: __Host-jeton-oauth=; Path=/; Max-Age=0'
header_lacks tampered-code 'Set-Cookie: __Host-sid'

echo "a provider user linked to no account here"
sign_in login-mallory mallory-browser mallory
request unlinked 403 -b "$WORK/mallory-browser" -c "$WORK/mallory-browser" "$CALLBACK"
body_has unlinked "refused: no account here is linked to the provider's user mallory"
header_lacks unlinked 'Set-Cookie: __Host-sid'

echo "a state past its lifetime (600 s)"
sign_in login-late browser alice
advance 601
request expired 403 -b "$WORK/browser" "$CALLBACK"
body_has expired 'OAuth state expired'

echo "callbacks per client address: 10 at once, then 429"
FROZEN=$(($(date +%s) + OFFSET + 60))
for i in $(seq 1 10); do
    request "junk-$i" 400 "$REDIRECT_URI?iss=$ISS_ENCODED&nothing=$i"
done
request too-many 429 "$REDIRECT_URI?iss=$ISS_ENCODED&nothing=11"
header_has too-many 'Retry-After: 6'

stop
echo "oauth scenario passed: $STEPS steps, every status, header and body as expected; the server stopped cleanly"
