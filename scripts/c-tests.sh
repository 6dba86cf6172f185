#!/usr/bin/env bash
# The C ABI's tests: the header, libjeton.a and libjeton.so, real C and C++
# programs, valgrind, AddressSanitizer + UndefinedBehaviorSanitizer,
# pkg-config and CMake, and the no_std build for a Cortex-M4F. Installs what
# it needs when missing; exits non-zero on any failure.
#
#   scripts/c-tests.sh                  everything
#   scripts/c-tests.sh --install PREFIX install jeton.h, jeton.hpp, the
#                                       libraries, jeton.pc and the CMake
#                                       package under PREFIX, and stop
#
# Steps:
#  1. tools: gcc, g++, valgrind, python3, pkg-config, cmake, curl and
#     libmicrohttpd-dev (apt-get, only when missing) and cbindgen 0.29.4
#     (cargo install, when missing or of another version);
#  2. include/jeton.h is what cbindgen generates (cbindgen --verify);
#  3. the header compiles alone as C99, C11 and C++17 with -pedantic -Wall
#     -Wextra -Werror, and jeton.hpp as C++17;
#  4. the C tests reference every function of the header, and libjeton.so
#     exports exactly those functions;
#  5. tests/c built against the header and linked with libjeton.a and with
#     libjeton.so, in C99 and C++17, run, then run again under valgrind;
#  6. the same programs built with -fsanitize=address,undefined and run;
#  7. a staged install used through pkg-config and find_package(jeton);
#  8. the example server (examples/c-server, on GNU libmicrohttpd) built
#     and driven through its login scenario with curl, plainly, under
#     valgrind, and built with AddressSanitizer + UBSan;
#  9. the no_std static library for thumbv7em-none-eabihf, with and without
#     the panic-hook feature, and clippy on it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib.sh

# The cbindgen release include/jeton.h is generated with (also named in
# ffi/cbindgen.toml and ffi/src/checks.rs).
CBINDGEN_VERSION=0.29.4
OUT=target/c-tests
LIB=target/release

fail() { printf 'c-tests: %s\n' "$*" >&2; exit 1; }

version() { sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1; }

# Installs jeton under $1 ($2: "shared", "static" or "both").
install_to() {
    local prefix=$1 kind=${2:-both} ver libs
    ver=$(version)
    mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/jeton"
    cp include/jeton.h include/jeton.hpp "$prefix/include/"
    if [ "$kind" != static ]; then cp "$LIB/libjeton.so" "$prefix/lib/"; fi
    if [ "$kind" != shared ]; then cp "$LIB/libjeton.a" "$prefix/lib/"; fi
    libs=$(native_static_libs)
    sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$ver|" -e "s|@LIBS_PRIVATE@|$libs|" \
        include/jeton.pc.in >"$prefix/lib/pkgconfig/jeton.pc"
    cp include/cmake/jetonConfig.cmake "$prefix/lib/cmake/jeton/"
    sed -e "s|@VERSION@|$ver|" -e "s|@VERSION_MAJOR@|${ver%%.*}|" \
        -e "s|@VERSION_MINOR@|$(echo "$ver" | cut -d. -f2)|" \
        include/cmake/jetonConfigVersion.cmake.in >"$prefix/lib/cmake/jeton/jetonConfigVersion.cmake"
}

# The system libraries a program linking libjeton.a needs, as rustc lists
# them for this target.
native_static_libs() {
    if [ -z "${NATIVE_STATIC_LIBS:-}" ]; then
        NATIVE_STATIC_LIBS=$(cargo rustc -q -p jeton-ffi --release --lib --crate-type staticlib \
            -- --print=native-static-libs 2>&1 | sed -n 's/.*native-static-libs: //p' | tail -n1)
        [ -n "$NATIVE_STATIC_LIBS" ] || NATIVE_STATIC_LIBS="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
    fi
    echo "$NATIVE_STATIC_LIBS"
}

build_release() {
    cargo build -q -p jeton-ffi --release
    [ -f "$LIB/libjeton.a" ] && [ -f "$LIB/libjeton.so" ] || fail "libjeton.a or libjeton.so missing"
}

if [ "${1:-}" = "--install" ]; then
    [ -n "${2:-}" ] || fail "usage: scripts/c-tests.sh --install PREFIX"
    build_release
    install_to "$(realpath -m "$2")" both
    echo "installed jeton $(version) under $2"
    exit 0
fi

step "tools"
missing=()
command -v gcc >/dev/null || missing+=(gcc)
command -v g++ >/dev/null || missing+=(g++)
command -v valgrind >/dev/null || missing+=(valgrind)
command -v python3 >/dev/null || missing+=(python3)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v cmake >/dev/null || missing+=(cmake make)
command -v make >/dev/null || missing+=(make)
command -v curl >/dev/null || missing+=(curl)
{ command -v pkg-config >/dev/null && pkg-config --exists libmicrohttpd; } || missing+=(libmicrohttpd-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt_install "${missing[@]}"
fi
if [ "$(cbindgen --version 2>/dev/null)" != "cbindgen $CBINDGEN_VERSION" ]; then
    cargo install cbindgen --locked --version "$CBINDGEN_VERSION" --force
fi
rustup target add thumbv7em-none-eabihf >/dev/null 2>&1 || true
gcc --version | head -n1
cbindgen --version
curl --version | head -n1
echo "libmicrohttpd $(pkg-config --modversion libmicrohttpd)"

step "include/jeton.h is what cbindgen $CBINDGEN_VERSION generates"
cbindgen --quiet --config ffi/cbindgen.toml --crate jeton-ffi --output include/jeton.h --verify ffi ||
    fail "include/jeton.h is stale: cbindgen --config ffi/cbindgen.toml --crate jeton-ffi --output include/jeton.h ffi"

step "libjeton.a and libjeton.so (release)"
build_release
mkdir -p "$OUT"
ls -l "$LIB/libjeton.a" "$LIB/libjeton.so"

step "the header alone: C99, C11, C++17, pedantic, warnings as errors"
printf '#include "jeton.h"\nint main(void) { return jeton_status_is_error(JETON_OK); }\n' >"$OUT/header_only.c"
printf '#include "jeton.hpp"\nint main() { return jeton::ok(JETON_OK) ? 0 : 1; }\n' >"$OUT/header_only.cpp"
for std in c99 c11; do
    gcc -std=$std -pedantic -Wall -Wextra -Werror -Iinclude -c "$OUT/header_only.c" -o "$OUT/header_$std.o"
done
cp "$OUT/header_only.c" "$OUT/header_only_c.cpp"
g++ -std=c++17 -pedantic -Wall -Wextra -Werror -Iinclude -c "$OUT/header_only_c.cpp" -o "$OUT/header_cxx.o"
g++ -std=c++17 -pedantic -Wall -Wextra -Werror -Iinclude -c "$OUT/header_only.cpp" -o "$OUT/hpp_cxx.o"
echo "ok"

step "every function is tested and exported"
declared=$(sed -nE 's/^[a-z_ ]+[ *](jeton_[a-z0-9_]+)\(.*/\1/p' include/jeton.h | sort -u)
untested=$(for f in $declared; do grep -qE "\\b$f *[(,]" tests/c/api_test.c || echo "$f"; done)
[ -z "$untested" ] || fail "functions without a C test in tests/c/api_test.c: $untested"
exported=$(nm -D --defined-only "$LIB/libjeton.so" | awk '$2 == "T" { print $3 }' | grep '^jeton_' | sort -u)
[ "$declared" = "$exported" ] ||
    fail "libjeton.so exports differ from jeton.h: $(diff <(echo "$declared") <(echo "$exported") || true)"
echo "$(echo "$declared" | wc -l) functions declared, tested and exported"

step "vectors.h from the repository's vector files"
python3 tests/c/gen_vectors.py "$ROOT" "$OUT/vectors.h"

CFLAGS_COMMON=(-pedantic -Wall -Wextra -Werror -Wno-overlength-strings -g -Iinclude -Itests/c -I"$OUT")
STATIC_LIBS=$(native_static_libs)
C_SOURCES=(tests/c/harness.c tests/c/api_test.c tests/c/vectors_test.c tests/c/c_main.c)

# build NAME LANG(c|cxx) LINK(static|shared) [extra flags...]
build() {
    local name=$1 lang=$2 link=$3
    shift 3
    local libs
    if [ "$link" = static ]; then
        # shellcheck disable=SC2086
        libs=("$LIB/libjeton.a" $STATIC_LIBS)
    else
        libs=(-L"$LIB" -ljeton -Wl,-rpath,"$ROOT/$LIB")
    fi
    if [ "$lang" = c ]; then
        gcc -std=c99 "${CFLAGS_COMMON[@]}" "$@" "${C_SOURCES[@]}" "${libs[@]}" -o "$OUT/$name"
    else
        gcc -std=c99 "${CFLAGS_COMMON[@]}" "$@" -c tests/c/harness.c -o "$OUT/$name-harness.o"
        g++ -std=c++17 "${CFLAGS_COMMON[@]}" "$@" -pthread tests/c/cpp_test.cpp "$OUT/$name-harness.o" \
            "${libs[@]}" -o "$OUT/$name"
    fi
}

step "C and C++ tests, static and shared"
PROGRAMS=(c_static c_shared cpp_static cpp_shared)
build c_static c static -O2
build c_shared c shared -O2
build cpp_static cxx static -O2
build cpp_shared cxx shared -O2
for p in "${PROGRAMS[@]}"; do
    echo "-- $p"
    "./$OUT/$p"
done

step "valgrind: no error, no leak"
for p in "${PROGRAMS[@]}"; do
    echo "-- $p"
    valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
        "./$OUT/$p" | tail -n1
done

step "AddressSanitizer + UndefinedBehaviorSanitizer"
SAN=(-O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all)
build c_asan c static "${SAN[@]}"
build c_asan_shared c shared "${SAN[@]}"
build cpp_asan cxx static "${SAN[@]}"
for p in c_asan c_asan_shared cpp_asan; do
    echo "-- $p"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "./$OUT/$p" | tail -n1
done

step "pkg-config and CMake against a staged install"
rm -rf "$OUT/stage" "$OUT/stage-static" "$OUT/cmake"
install_to "$ROOT/$OUT/stage" both
install_to "$ROOT/$OUT/stage-static" static
(
    export PKG_CONFIG_PATH="$ROOT/$OUT/stage/lib/pkgconfig"
    [ "$(pkg-config --modversion jeton)" = "$(version)" ] || fail "pkg-config version"
    # shellcheck disable=SC2046
    gcc -std=c99 -Wall -Werror tests/c/consumer.c $(pkg-config --cflags --libs jeton) \
        -Wl,-rpath,"$ROOT/$OUT/stage/lib" -o "$OUT/consumer_pc_shared"
    export PKG_CONFIG_PATH="$ROOT/$OUT/stage-static/lib/pkgconfig"
    # shellcheck disable=SC2046
    gcc -std=c99 -Wall -Werror tests/c/consumer.c $(pkg-config --static --cflags --libs jeton) \
        -o "$OUT/consumer_pc_static"
)
"./$OUT/consumer_pc_shared"
"./$OUT/consumer_pc_static"
ldd "$OUT/consumer_pc_static" | grep -q libjeton && fail "the static consumer loads libjeton.so"
cmake -S tests/c/cmake -B "$OUT/cmake" -DCMAKE_PREFIX_PATH="$ROOT/$OUT/stage" >/dev/null
cmake --build "$OUT/cmake" >/dev/null
"./$OUT/cmake/consumer_shared"
"./$OUT/cmake/consumer_static"

step "example server (examples/c-server): the login scenario with curl"
# Built by its Makefile against this libjeton.a; the scenario starts it on a
# free port of 127.0.0.1 and stops it, every step bounded by a timeout.
make -s -C examples/c-server JETON_NATIVE_LIBS="$STATIC_LIBS" OUT="$ROOT/$OUT/c-server" CFLAGS="-O2 -g"
make -s -C examples/c-server JETON_NATIVE_LIBS="$STATIC_LIBS" OUT="$ROOT/$OUT/c-server-asan" \
    CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
echo "-- plain"
timeout 120 examples/c-server/scenario.sh "$OUT/c-server"
echo "-- under valgrind (no error, no leak)"
timeout 300 examples/c-server/scenario.sh "$OUT/c-server" valgrind -q --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=all --errors-for-leak-kinds=all | tail -n1
echo "-- AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout 120 examples/c-server/scenario.sh "$OUT/c-server-asan" | tail -n1

step "no_std static library for thumbv7em-none-eabihf"
# cdylib cannot be built for a bare-metal target: cargo drops it with a
# warning ("dropping unsupported crate type `cdylib`") and builds the
# staticlib and the rlib.
THUMB=target/thumbv7em-none-eabihf/release/libjeton.a
# Every hash with the default trap handler, every hash with `panic-hook`,
# and SHA-256 only (what firmware that needs only HS256 and signed cookies
# links).
for features in "--features sha1,sha512,fast-claims" "--features sha1,sha512,fast-claims,panic-hook" ""; do
    # shellcheck disable=SC2086
    if ! log=$(cargo build -p jeton-ffi --no-default-features $features \
        --target thumbv7em-none-eabihf --release 2>&1); then
        echo "$log"
        fail "the no_std build ($features) failed"
    fi
    [ -f "$THUMB" ] || fail "$THUMB was not built"
    echo "built ${features:-with SHA-256 only}"
    # shellcheck disable=SC2086
    cargo clippy -q -p jeton-ffi --no-deps --no-default-features $features --target thumbv7em-none-eabihf -- -D warnings
done
ls -l "$THUMB"

step "C ABI tests passed"
