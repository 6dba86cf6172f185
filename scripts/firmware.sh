#!/usr/bin/env bash
# jeton on an emulated microcontroller: builds the firmware test
# (tests/firmware) for two Cortex-M chips, runs it under QEMU, shows that a
# wrong vector fails, and prints the flash and stack jeton costs.
#
#   scripts/firmware.sh        everything (about 4 minutes on 2 cores)
#
# Chips: QEMU `lm3s6965evb` (Cortex-M3, thumbv7m-none-eabi, 256 KiB flash,
# 64 KiB RAM) and `mps2-an386` (Cortex-M4F, thumbv7em-none-eabihf).
#
# Images, per chip, all with opt-level "z", LTO, one codegen unit and
# panic=abort:
#   tests               every check (the default features; jeton with its
#                       `sha1` and `sha512` features, which the HMAC and
#                       signed-cookie vectors need)
#   tests-compact       the same with sha2's compact software backend
#   tests-baseline      the harness and vectors, jeton calls compiled out
#   footprint           the flash-goal probe alone: read a Cookie header,
#                       write a Set-Cookie, verify an HS256 JWT with its
#                       claims; jeton without its default features
#                       (SHA-256 is its only hash)
#   footprint-compact   the same with the compact backend
#   footprint-baseline  the probe with its jeton calls compiled out
#   broken              (Cortex-M3 only) one expected byte flipped: must fail
# jeton's share is an image minus its baseline.
#
# Installs what is missing: the two Rust targets, the llvm-tools component
# (for llvm-size) and, through apt-get, qemu-system-arm. Exits non-zero when
# an image fails, hangs (FIRMWARE_TIMEOUT seconds, default 60) or when the
# broken image passes. Logs, ELF copies and report.md go to
# tests/firmware/target/report/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib.sh
FW=$ROOT/tests/firmware
OUT=$FW/target/report
TIMEOUT=${FIRMWARE_TIMEOUT:-60}
# sha2 0.11 picks its unrolled software backend on Cortex-M; this cfg picks
# the compact one (sha1 0.11 has no such choice).
COMPACT_CFG='--cfg sha2_backend_soft="compact"'
# The goals of issue 9: jeton's own flash share of the footprint probe with
# the compact SHA-2 backend, and the peak stack of a JWT verification
# (caller buffers excluded).
GOAL_BYTES=$((10 * 1024))
STACK_GOAL_BYTES=$((2 * 1024))
# The operation the stack goal is about, as the footprint probe names it.
JWT_VERIFY_OP='footprint: verify a JWT (HS256; iss, aud, exp, nbf)'

die() { printf 'firmware: %s\n' "$*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------

step "tools"
TARGETS=(thumbv7m-none-eabi thumbv7em-none-eabihf)
installed=$(rustup target list --installed)
for t in "${TARGETS[@]}"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
sysroot_bin="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin"
if [[ ! -x $sysroot_bin/llvm-size ]]; then
    rustup component add llvm-tools >/dev/null
fi
SIZE=$sysroot_bin/llvm-size
NM=$sysroot_bin/llvm-nm
[[ -x $SIZE && -x $NM ]] || die "llvm-size or llvm-nm not found in $sysroot_bin"
if ! command -v qemu-system-arm >/dev/null; then
    apt_install --no-install-recommends qemu-system-arm
fi
qemu-system-arm --version | head -n1
rm -rf "$OUT"
mkdir -p "$OUT"

# --- build -----------------------------------------------------------------

# build TARGET NAME [cargo args...]: builds one image and copies it to
# $OUT/TARGET-NAME.elf. Each target, and each target's compact builds
# (their RUSTFLAGS differ), has a target directory of its own, so that the
# two targets build side by side.
build() {
    local target=$1 name=$2
    shift 2
    local dir=$FW/target/$target rustflags=${RUSTFLAGS:-}
    if [[ $name == *compact* ]]; then
        dir=$FW/target/$target-compact
        rustflags="$rustflags $COMPACT_CFG"
    fi
    (cd "$FW" && RUSTFLAGS=$rustflags cargo build --quiet --release \
        --target "$target" --target-dir "$dir" "$@")
    cp "$dir/$target/release/jeton-firmware" "$OUT/$target-$name.elf"
}

# build_all TARGET: every image of one target.
build_all() {
    local t=$1
    build "$t" tests
    build "$t" tests-baseline --features baseline
    build "$t" footprint --no-default-features --features footprint
    build "$t" footprint-baseline --no-default-features --features footprint,baseline
    if [[ $t == thumbv7m-none-eabi ]]; then
        build "$t" broken --features break-a-vector
    fi
    build "$t" tests-compact
    build "$t" footprint-compact --no-default-features --features footprint
}

VARIANTS=(tests tests-compact tests-baseline footprint footprint-compact footprint-baseline)
step "build ${TARGETS[*]} (side by side)"
# Fetch once before the parallel builds share the registry.
(cd "$FW" && cargo fetch --quiet)
pids=()
for t in "${TARGETS[@]}"; do
    build_all "$t" &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid" || die "a build failed"
done

# --- run -------------------------------------------------------------------

machine() {
    case $1 in
        thumbv7m-none-eabi) echo "-machine lm3s6965evb -cpu cortex-m3" ;;
        thumbv7em-none-eabihf) echo "-machine mps2-an386" ;;
    esac
}

# run TARGET NAME: runs an image under QEMU; its output goes to the
# terminal and to $OUT/TARGET-NAME.log; returns QEMU's exit status, which
# is the firmware's semihosting exit status (124: timed out).
run() {
    local target=$1 name=$2 status=0
    # shellcheck disable=SC2046 # the machine options are meant to split
    timeout "$TIMEOUT" qemu-system-arm $(machine "$target") -nographic -monitor none \
        -serial null -semihosting-config enable=on,target=native \
        -kernel "$OUT/$target-$name.elf" </dev/null >"$OUT/$target-$name.log" 2>&1 || status=$?
    grep -v '^stack ' "$OUT/$target-$name.log" | grep -v '^Timer with period zero' || true
    return "$status"
}

failures=0
for t in "${TARGETS[@]}"; do
    for v in tests tests-compact footprint footprint-compact; do
        step "run $v on $t ($(machine "$t"))"
        status=0
        run "$t" "$v" || status=$?
        if [[ $status -eq 124 ]]; then
            echo "firmware: $t-$v hung (no exit within ${TIMEOUT}s)"
            failures=$((failures + 1))
        elif [[ $status -ne 0 ]] || ! grep -qE '^firmware: [1-9][0-9]* passed, 0 failed$' "$OUT/$t-$v.log"; then
            echo "firmware: $t-$v failed (exit status $status)"
            failures=$((failures + 1))
        fi
    done
done

step "a wrong vector must fail (break-a-vector: RFC 4231 case 1 HMAC-SHA-256 tag flipped)"
status=0
run thumbv7m-none-eabi broken || status=$?
if [[ $status -eq 0 || $status -eq 124 ]] || ! grep -q '^FAIL HMAC' "$OUT/thumbv7m-none-eabi-broken.log"; then
    echo "firmware: the broken image did not fail as it must (exit status $status)"
    failures=$((failures + 1))
else
    echo "firmware: the broken image failed as it must (exit status $status)"
fi

# --- report ----------------------------------------------------------------

# sections ELF: prints "text rodata data bss flash" in bytes (flash: vector
# table, code, constants and the initial values of .data).
sections() {
    "$SIZE" -A "$1" | awk '
        $1 == ".vector_table" { vt = $2 } $1 == ".text" { t = $2 } $1 == ".rodata" { r = $2 }
        $1 == ".data" { d = $2 } $1 == ".bss" { b = $2 } $1 == ".uninit" { u = $2 }
        END { printf "%d %d %d %d %d\n", t, r, d, b + u, vt + t + r + d }'
}

# stack_table COLUMN LOG [COLUMN LOG...]: one row per operation, in the
# order they first ran, one column per log. A log line is
# `stack <bytes> <calls> <operation>` (`>=<bytes>` when the painted window
# was exhausted).
stack_table() {
    local header="| operation |" rule="|---|" logs=()
    while (($# > 0)); do
        header="$header $1 |"
        rule="$rule---:|"
        logs+=("$2")
        shift 2
    done
    echo "$header"
    echo "$rule"
    awk '
        FNR == 1 { file++ }
        /^stack / {
            op = $0
            sub(/^stack +(>=)?[0-9]+ +[0-9]+ /, "", op)
            if (!(op in seen)) { seen[op] = 1; order[++n] = op }
            peak[op, file] = $2
        }
        END {
            for (i = 1; i <= n; i++) {
                row = "| " order[i] " |"
                for (f = 1; f <= file; f++) row = row " " ((order[i], f) in peak ? peak[order[i], f] : "-") " |"
                print row
            }
        }' "${logs[@]}"
}

# stack_of LOG OPERATION: the peak stack the log records for the operation.
stack_of() {
    awk -v op="$2" '
        /^stack / {
            name = $0
            sub(/^stack +(>=)?[0-9]+ +[0-9]+ /, "", name)
            if (name == op) { print $2; exit }
        }' "$1"
}

# symbols ELF: "size name" of every code and constant symbol, sizes
# summed per name with the hash suffix dropped.
symbols() {
    "$NM" --print-size --size-sort --demangle --radix=d "$1" | awk '
        NF >= 4 && $3 ~ /^[tTrRdD]$/ {
            name = $0
            sub(/^[^ ]+ +[^ ]+ +[^ ]+ +/, "", name)
            sub(/::h[0-9a-f]+$/, "", name)
            # What the legacy demangling leaves in generic names.
            gsub(/\$LT\$/, "<", name); gsub(/\$GT\$/, ">", name); gsub(/\$RF\$/, "\\&", name)
            gsub(/\$u20\$/, " ", name); gsub(/\$u7b\$/, "{", name); gsub(/\$u7d\$/, "}", name)
            gsub(/\$u5b\$/, "[", name); gsub(/\$u5d\$/, "]", name)
            gsub(/\$C\$/, ",", name); gsub(/\.\./, "::", name); sub(/^_</, "<", name)
            size[name] += $2
        }
        END { for (n in size) print size[n], n }'
}

# grown_symbols ELF BASELINE COUNT: the COUNT symbols that grew most from
# the baseline to the image, as table rows, and a total.
grown_symbols() {
    awk '
        FNR == 1 { file++ }
        {
            n = $0
            sub(/^[0-9]+ /, "", n)
            if (file == 1) base[n] = $1; else img[n] = $1
        }
        END {
            for (n in img) if (img[n] != base[n]) print img[n] - base[n], n
            for (n in base) if (!(n in img)) print -base[n], n
        }' <(symbols "$2") <(symbols "$1") | sort -rn | awk -v count="$3" '
        { total += $1 }
        NR <= count { size = $1; sub(/^-?[0-9]+ /, ""); gsub(/\|/, "\\|"); print "| " size " | `" $0 "` |" }
        END { print "| " total " | (every symbol, net) |" }'
}

report=$OUT/report.md
{
    echo "## Firmware size (bytes; opt-level z, LTO, 1 codegen unit, panic=abort)"
    echo
    echo "| target | image | .text | .rodata | .data+.bss | flash |"
    echo "|---|---|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        for v in "${VARIANTS[@]}"; do
            read -r text rodata data bss flash < <(sections "$OUT/$t-$v.elf")
            echo "| $t | $v | $text | $rodata | $((data + bss)) | $flash |"
        done
    done
    echo
    echo "## jeton's share (image minus its baseline)"
    echo
    echo "The footprint probe is built with jeton's default features off (SHA-256 is its only"
    echo "hash); the goal applies to the compact SHA-2 backend."
    echo
    echo "| target | what | SHA-2 backend | .text | .rodata | .data+.bss | flash | goal |"
    echo "|---|---|---|---:|---:|---:|---:|---|"
    for t in "${TARGETS[@]}"; do
        read -r bt br bd bb bf < <(sections "$OUT/$t-footprint-baseline.elf")
        for v in footprint footprint-compact; do
            read -r text rodata data bss flash < <(sections "$OUT/$t-$v.elf")
            share=$((flash - bf)) statics=$((data + bss - bd - bb))
            verdict="met"
            ((share <= GOAL_BYTES)) || verdict="missed by $((share - GOAL_BYTES))"
            ((statics == 0)) || verdict="$verdict; $statics bytes of .data/.bss"
            backend=$([[ $v == *compact ]] && echo compact || echo default)
            echo "| $t | Cookie read + Set-Cookie write + JWT HS256 verify (footprint probe) |" \
                "$backend | $((text - bt)) | $((rodata - br)) | $statics | $share |" \
                "≤ $GOAL_BYTES: $verdict |"
        done
        read -r bt br bd bb bf < <(sections "$OUT/$t-tests-baseline.elf")
        for v in tests tests-compact; do
            read -r text rodata data bss flash < <(sections "$OUT/$t-$v.elf")
            backend=$([[ $v == *compact ]] && echo compact || echo default)
            echo "| $t | every check (jeton + check code) | $backend |" \
                "$((text - bt)) | $((rodata - br)) | $((data + bss - bd - bb)) | $((flash - bf)) | |"
        done
    done
    echo
    echo "## Goals (issue 9)"
    echo
    echo "| target | SHA-2 backend | jeton's flash share (≤ $GOAL_BYTES) | JWT verify peak stack (≤ $STACK_GOAL_BYTES) | jeton's .data+.bss (0) |"
    echo "|---|---|---|---|---|"
    for t in "${TARGETS[@]}"; do
        read -r _ _ bd bb bf < <(sections "$OUT/$t-footprint-baseline.elf")
        for v in footprint-compact footprint; do
            read -r _ _ data bss flash < <(sections "$OUT/$t-$v.elf")
            share=$((flash - bf)) statics=$((data + bss - bd - bb))
            stack=$(stack_of "$OUT/$t-$v.log" "$JWT_VERIFY_OP")
            flash_verdict="$share: met"
            ((share <= GOAL_BYTES)) || flash_verdict="$share: missed by $((share - GOAL_BYTES))"
            if [[ $v != *compact ]]; then
                flash_verdict="$share (the goal is for the compact backend)"
            fi
            stack_verdict="not measured"
            if [[ $stack =~ ^[0-9]+$ ]]; then
                stack_verdict="$stack: met"
                ((stack <= STACK_GOAL_BYTES)) || stack_verdict="$stack: missed by $((stack - STACK_GOAL_BYTES))"
            elif [[ -n $stack ]]; then
                stack_verdict="$stack: missed (window exhausted)"
            fi
            statics_verdict="$statics: met"
            ((statics == 0)) || statics_verdict="$statics: missed"
            backend=$([[ $v == *compact ]] && echo compact || echo default)
            echo "| $t | $backend | $flash_verdict | $stack_verdict | $statics_verdict |"
        done
    done
    echo
    echo "## What takes the space (footprint-compact minus footprint-baseline, thumbv7m-none-eabi)"
    echo
    echo "Symbol sizes from llvm-nm; code jeton inlines into the probe's own functions"
    echo "(\`ops::verify_jwt\`, \`ops::read_cookie\`, ...) is counted there."
    echo
    echo "| bytes | symbol |"
    echo "|---:|---|"
    grown_symbols "$OUT/thumbv7m-none-eabi-footprint-compact.elf" \
        "$OUT/thumbv7m-none-eabi-footprint-baseline.elf" 30
    echo
    echo "## Peak stack per operation (bytes; caller buffers excluded)"
    echo
    echo "The vector images, jeton with SHA-1 and SHA-384/512 on:"
    echo
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-tests.log" "$t, compact SHA-2" "$OUT/$t-tests-compact.log")
    done
    stack_table "${columns[@]}"
    echo
    echo "The footprint probe, jeton with SHA-256 only (the stack goal's measurement):"
    echo
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-footprint.log" "$t, compact SHA-2" "$OUT/$t-footprint-compact.log")
    done
    stack_table "${columns[@]}"
} >"$report"

step "report (also in ${report#"$ROOT"/})"
cat "$report"

if ((failures > 0)); then
    step "firmware: $failures failure(s)"
    exit 1
fi
step "firmware: every image passed, and the broken one failed"
