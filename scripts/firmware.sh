#!/usr/bin/env bash
# jeton on an emulated microcontroller: builds the firmware test
# (tests/firmware) for two Cortex-M chips, runs it under QEMU, shows that a
# wrong vector fails, and prints the flash and stack jeton costs.
#
#   scripts/firmware.sh        everything (about 3 minutes on 2 cores)
#
# Chips: QEMU `lm3s6965evb` (Cortex-M3, thumbv7m-none-eabi, 256 KiB flash,
# 64 KiB RAM) and `mps2-an386` (Cortex-M4F, thumbv7em-none-eabihf).
#
# Images, per chip, all with opt-level "z", LTO, one codegen unit and
# panic=abort:
#   tests               every check (the default features)
#   tests-compact       the same with sha2's compact software backend
#   tests-baseline      the harness and vectors, jeton calls compiled out
#   footprint           the flash-goal probe alone: read a Cookie header,
#                       write a Set-Cookie
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
FW=$ROOT/tests/firmware
OUT=$FW/target/report
TIMEOUT=${FIRMWARE_TIMEOUT:-60}
# sha2 0.11 picks its unrolled software backend on Cortex-M; this cfg picks
# the compact one (sha1 0.11 has no such choice).
COMPACT_CFG='--cfg sha2_backend_soft="compact"'
# The flash goal for jeton's own share of the footprint probe (issue 9).
GOAL_BYTES=$((10 * 1024))

step() { printf '\n==> %s\n' "$*"; }
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
[[ -x $SIZE ]] || die "llvm-size not found in $sysroot_bin"
if ! command -v qemu-system-arm >/dev/null; then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends qemu-system-arm >/dev/null
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
            echo "| $t | Cookie read + Set-Cookie write (footprint probe) | $backend |" \
                "$((text - bt)) | $((rodata - br)) | $statics | $share | ≤ $GOAL_BYTES: $verdict |"
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
    echo "## Peak stack per operation (bytes; caller buffers excluded)"
    echo
    logs=()
    header="| operation |"
    rule="|---|"
    for t in "${TARGETS[@]}"; do
        logs+=("$OUT/$t-tests.log" "$OUT/$t-tests-compact.log")
        header="$header $t | $t, compact SHA-2 |"
        rule="$rule---:|---:|"
    done
    echo "$header"
    echo "$rule"
    # One row per operation, in the order they first ran; one column per
    # log. A log line is `stack <bytes> <calls> <operation>` (`>=<bytes>`
    # when the painted window was exhausted).
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
} >"$report"

step "report (also in ${report#"$ROOT"/})"
cat "$report"

if ((failures > 0)); then
    step "firmware: $failures failure(s)"
    exit 1
fi
step "firmware: every image passed, and the broken one failed"
