#!/usr/bin/env bash
# Sessions and revocations shared through Redis: every suite that needs a
# real redis-server. Installs what it needs when missing (Debian's
# redis-server, and libhiredis-dev, libmicrohttpd-dev and
# libcurl4-openssl-dev for the C example); every redis-server runs on a
# free port of 127.0.0.1 without persistence and is stopped at the end,
# also when a test fails.
#
#   scripts/redis-tests.sh
#
#  1. jeton-redis: the same model test against the in-process store and
#     Redis, revocations through JWT verification, expiry by Redis's own
#     TTL, 32 clients rotating one session, failing closed while Redis is
#     frozen or stopped and recovering, the bytes Redis holds (each test
#     starts and stops a redis-server of its own);
#  2. two demo processes sharing one Redis: log in on A, use on B, log out
#     on B, refused on A; 503 while Redis is down;
#  3. the C example server on hiredis and the Rust demo on one Redis: each
#     admits the sessions the other wrote, each one's logout is refused by
#     the other.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib.sh

OUT=target/redis-tests
mkdir -p "$OUT"

step "tools: redis-server, hiredis, libmicrohttpd, libcurl, curl"
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v gcc >/dev/null || missing+=(gcc)
command -v make >/dev/null || missing+=(make)
{ command -v pkg-config >/dev/null && pkg-config --exists hiredis; } || missing+=(libhiredis-dev)
{ command -v pkg-config >/dev/null && pkg-config --exists libmicrohttpd; } || missing+=(libmicrohttpd-dev)
{ command -v pkg-config >/dev/null && pkg-config --exists libcurl; } || missing+=(libcurl4-openssl-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt_install "${missing[@]}"
fi
redis-server --version
echo "hiredis $(pkg-config --modversion hiredis)"

step "jeton-redis against the in-process store and a real redis-server"
cargo test -p jeton-redis -- --include-ignored

step "two demo processes sharing one Redis"
cargo test -p jeton-demo --test fleet -- --include-ignored

step "the C example on hiredis and the Rust demo share one Redis"
cargo build -q -p jeton-ffi --release
cargo build -q -p jeton-demo
STATIC_LIBS=$(cargo rustc -q -p jeton-ffi --release --lib --crate-type staticlib \
    -- --print=native-static-libs 2>&1 | sed -n 's/.*native-static-libs: //p' | tail -n1)
make -s -C examples/c-server REDIS=1 JETON_NATIVE_LIBS="$STATIC_LIBS" OUT="$ROOT/$OUT/c-server-redis" \
    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
redis_port=$(free_port)
trap stop_redis EXIT
start_redis "$redis_port" "$OUT/redis.log"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout 120 examples/c-server/interop.sh "$OUT/c-server-redis" target/debug/jeton-demo "$redis_port"

step "Redis suites passed"
