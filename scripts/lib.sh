# Helpers shared by the test scripts (source it; bash).

# step MESSAGE...: announces the next step of a script, with the time of
# day, so that a log shows where the time of a run went.
step() { printf '\n==> [%s] %s\n' "$(date +%T)" "$*"; }

# apt_install [APT-OPTION...] PACKAGE...: installs Debian packages, as root
# or through sudo (which does not pass the environment on, hence `env`).
apt_install() {
    local run=()
    [ "$(id -u)" = 0 ] || run=(sudo)
    "${run[@]}" apt-get update -qq
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# free_port: prints a TCP port of 127.0.0.1 that nothing listens on.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_redis PORT LOG: starts redis-server on 127.0.0.1:PORT without
# persistence, in the background, and waits (10 s at most) until it
# answers; its pid is in REDIS_PID. stop_redis stops it (put it in a trap).
start_redis() {
    local port=$1 log=$2
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --loglevel warning >"$log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
        if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then return 0; fi
        kill -0 "$REDIS_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "redis-server did not start on port $port:" >&2
    cat "$log" >&2
    return 1
}

stop_redis() {
    if [ -n "${REDIS_PID:-}" ]; then
        kill "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
        REDIS_PID=""
    fi
}
