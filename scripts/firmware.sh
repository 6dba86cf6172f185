#!/usr/bin/env bash
# jeton on an emulated microcontroller: builds the firmware test
# (tests/firmware) for two Cortex-M chips, runs it under QEMU, shows that a
# wrong vector fails, and prints the flash, stack and instructions jeton
# costs.
#
#   scripts/firmware.sh        everything (about 7 minutes on 2 cores)
#
# Chips: QEMU `lm3s6965evb` (Cortex-M3, thumbv7m-none-eabi, 256 KiB flash,
# 64 KiB RAM) and `mps2-an386` (Cortex-M4F, thumbv7em-none-eabihf).
#
# Images, per chip, all with opt-level "z", LTO, one codegen unit and
# panic=abort:
#   tests               every check but the asymmetric ones (the default
#                       features; jeton with its `sha1` and `sha512`
#                       features, which the HMAC and signed-cookie vectors
#                       need)
#   tests-compact       the same with sha2's compact software backend
#   tests-baseline      the harness and vectors, jeton calls compiled out
#   asym                the asymmetric JWT checks (ES256, ES384, EdDSA,
#                       RS256, PS256; jeton's `ecdsa`, `p384`, `eddsa` and
#                       `rsa` features): an image of their own, since with
#                       the others they overflow the Cortex-M3's flash
#   asym-baseline       as for tests (no compact build: the probes run
#                       the compact backend's SHA-256 and SHA-512)
#   footprint           the flash-goal probe alone: read a Cookie header,
#                       write a Set-Cookie, verify an HS256 JWT with its
#                       claims; jeton without its default features
#                       (SHA-256 is its only hash)
#   footprint-compact   the same with the compact backend
#   footprint-baseline  the probe with its jeton calls compiled out
#   probe-es256, probe-eddsa, probe-rs256 (and each -compact, -baseline)
#                       the per-family probes: parse one public JWK, verify
#                       one jose token of it; jeton with that family alone
#   broken              (Cortex-M3 only) one expected byte flipped: must fail
# jeton's share is an image minus its baseline.
#
# QEMU runs with `-icount shift=0`: its virtual clock then advances 1 ns
# per instruction, and the firmware counts each operation's instructions
# on SysTick (tests/firmware/src/cycles.rs; QEMU emulates no DWT cycle
# counter).
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
# The goal of issue 14: the footprint probe no larger than before the
# layered refactor. Its figures at ed549e9, the last commit ahead of it,
# measured by this script's method (rustc 1.95, a checkout path of 11
# characters: panic locations carry the source path), per target and
# backend: jeton's flash share and the verify peak stack (bytes).
declare -A PRE_REFACTOR_FLASH=(
    [thumbv7m-none-eabi compact]=20808 [thumbv7m-none-eabi default]=27520
    [thumbv7em-none-eabihf compact]=20800 [thumbv7em-none-eabihf default]=27512)
declare -A PRE_REFACTOR_STACK=(
    [thumbv7m-none-eabi compact]=1604 [thumbv7m-none-eabi default]=1600
    [thumbv7em-none-eabihf compact]=1604 [thumbv7em-none-eabihf default]=1600)
# The signature families of issue 15: probe image, the name the probe
# gives its operations, the verify stack goal (bytes), the algorithm and
# curve or key size, and the published flash figure compared with
# (bytes; empty: none).
FAMILIES=(es256 eddsa rs256)
declare -A FAMILY_NAME=([es256]=ES256 [eddsa]=EdDSA [rs256]=RS256)
declare -A FAMILY_WHAT=([es256]="ES256 (P-256)" [eddsa]="EdDSA (Ed25519)" [rs256]="RS256 (RSA 2048)")
declare -A FAMILY_STACK_GOAL=([es256]=$((6 * 1024)) [eddsa]=$((4 * 1024)) [rs256]=$((8 * 1024)))
declare -A FAMILY_PUBLISHED=([es256]=$((49 * 1024)) [eddsa]=$((10 * 1024)) [rs256]=)
declare -A FAMILY_PUBLISHED_WHAT=([es256]="RustCrypto p256, about 49 KiB" [eddsa]="the salty Ed25519 crate, about 10 KiB" [rs256]="none named")

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
    local t=$1 f
    build "$t" tests
    build "$t" tests-baseline --features baseline
    build "$t" footprint --no-default-features --features footprint
    build "$t" footprint-baseline --no-default-features --features footprint,baseline
    if [[ $t == thumbv7m-none-eabi ]]; then
        build "$t" broken --features break-a-vector
    fi
    build "$t" asym --no-default-features --features asym
    build "$t" asym-baseline --no-default-features --features asym,baseline
    for f in "${FAMILIES[@]}"; do
        build "$t" "probe-$f" --no-default-features --features "probe-$f"
        build "$t" "probe-$f-baseline" --no-default-features --features "probe-$f,baseline"
    done
    build "$t" tests-compact
    build "$t" footprint-compact --no-default-features --features footprint
    for f in "${FAMILIES[@]}"; do
        build "$t" "probe-$f-compact" --no-default-features --features "probe-$f"
    done
}

VARIANTS=(tests tests-compact tests-baseline asym asym-baseline
    footprint footprint-compact footprint-baseline)
for f in "${FAMILIES[@]}"; do
    VARIANTS+=("probe-$f" "probe-$f-compact" "probe-$f-baseline")
done
# The images that run (the baselines only hold what they measure against).
RUNS=(tests tests-compact asym footprint footprint-compact)
for f in "${FAMILIES[@]}"; do
    RUNS+=("probe-$f" "probe-$f-compact")
done
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

# emulate TARGET NAME: runs an image under QEMU, its output to
# $OUT/TARGET-NAME.log and its exit status (the firmware's semihosting
# exit status; 124: timed out) to $OUT/TARGET-NAME.status.
emulate() {
    local target=$1 name=$2 status=0
    # shellcheck disable=SC2046 # the machine options are meant to split
    timeout "$TIMEOUT" qemu-system-arm $(machine "$target") -icount shift=0 -nographic \
        -monitor none -serial null -semihosting-config enable=on,target=native \
        -kernel "$OUT/$target-$name.elf" </dev/null >"$OUT/$target-$name.log" 2>&1 || status=$?
    echo "$status" >"$OUT/$target-$name.status"
}

# run TARGET NAME: the output of an image's run (emulate), without its
# stack and instruction lines; returns its exit status.
run() {
    local target=$1 name=$2
    [[ -f $OUT/$target-$name.status ]] || emulate "$target" "$name"
    grep -Ev '^(stack|instructions) ' "$OUT/$target-$name.log" |
        grep -v '^Timer with period zero' || true
    return "$(cat "$OUT/$target-$name.status")"
}

# The two chips' images run side by side (each QEMU takes one core), then
# their output is shown in order.
pids=()
for t in "${TARGETS[@]}"; do
    (for v in "${RUNS[@]}"; do emulate "$t" "$v"; done) &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid"
done

failures=0
for t in "${TARGETS[@]}"; do
    for v in "${RUNS[@]}"; do
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

# op_table KIND COLUMN LOG [COLUMN LOG...]: one row per operation, in the
# order they first ran, one column per log, from the log lines
# `stack <bytes> <calls> <operation>` (KIND stack; `>=<bytes>` when the
# painted window was exhausted) or `instructions <count> <calls>
# <operation>` (KIND instructions). With SKIP set, the operations it
# matches (an awk regular expression) are left out.
op_table() {
    local kind=$1 header="| operation |" rule="|---|" logs=()
    shift
    while (($# > 0)); do
        header="$header $1 |"
        rule="$rule---:|"
        logs+=("$2")
        shift 2
    done
    echo "$header"
    echo "$rule"
    awk -v kind="$kind" -v skip="${SKIP:-}" '
        FNR == 1 { file++ }
        $1 == kind && $2 ~ /^(>=)?[0-9]+$/ {
            op = $0
            sub("^" kind " +(>=)?[0-9]+ +[0-9]+ ", "", op)
            if (skip != "" && op ~ skip) next
            if (!(op in seen)) { seen[op] = 1; order[++n] = op }
            value[op, file] = $2
        }
        END {
            for (i = 1; i <= n; i++) {
                row = "| " order[i] " |"
                for (f = 1; f <= file; f++) row = row " " ((order[i], f) in value ? value[order[i], f] : "-") " |"
                print row
            }
        }' "${logs[@]}"
}

stack_table() { op_table stack "$@"; }

# value_of KIND LOG OPERATION: the peak stack (KIND stack) or instruction
# count (KIND instructions) the log records for the operation.
value_of() {
    awk -v kind="$1" -v op="$3" '
        $1 == kind && $2 ~ /^(>=)?[0-9]+$/ {
            name = $0
            sub("^" kind " +(>=)?[0-9]+ +[0-9]+ ", "", name)
            if (name == op) { print $2; exit }
        }' "$2"
}

stack_of() { value_of stack "$@"; }

# size_of LOG WHAT: the bytes a `size <bytes> <what>` line of the log gives.
size_of() {
    awk -v what="$2" '$1 == "size" { name = $0; sub(/^size +[0-9]+ /, "", name); if (name == what) { print $2; exit } }' "$1"
}

# stack_verdict BYTES GOAL: "BYTES: met" or "BYTES: missed by N".
stack_verdict() {
    local stack=$1 goal=$2
    if [[ $stack =~ ^[0-9]+$ ]]; then
        if ((stack <= goal)); then echo "$stack: met"; else echo "$stack: missed by $((stack - goal))"; fi
    elif [[ -n $stack ]]; then
        echo "$stack: missed (window exhausted)"
    else
        echo "not measured"
    fi
}

# no_larger BYTES BEFORE: "BYTES ≤ BEFORE: met" or "BYTES > BEFORE:
# missed by N" (BYTES may be a stack figure from stack_of).
no_larger() {
    local now=$1 before=$2
    if [[ ! $now =~ ^[0-9]+$ ]]; then
        echo "${now:-not measured} (before: $before): missed"
    elif ((now <= before)); then
        echo "$now ≤ $before: met"
    else
        echo "$now > $before: missed by $((now - before))"
    fi
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

# grown_crates ELF BASELINE: bytes each crate adds from the baseline to
# the image, "bytes crate" lines, largest first. A symbol counts for the
# crate its demangled name starts with (for `<T as Trait>::f`, T's);
# names without a path are the compiler's builtins (memcpy, the 64-bit
# division, ...). Code inlined across crates counts where it landed.
grown_crates() {
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
        }' <(symbols "$2") <(symbols "$1") | awk '
        {
            size = $1
            name = $0
            sub(/^-?[0-9]+ /, "", name)
            sub(/^[<&*\[ ]+/, "", name)
            sub(/^(const|mut|dyn) /, "", name)
            if (name ~ /^\.L/) crate = "(unnamed constants)"
            else if (name !~ /::/) crate = "(compiler builtins)"
            else {
                crate = name
                sub(/::.*/, "", crate)
                sub(/[< ].*/, "", crate)
                # Impls on generic parameters, slices and primitive types
                # (`<[T] as ...>`, `<u8 as ...>`) are core'"'"'s code.
                if (crate !~ /^[a-z_][a-z0-9_]*$/ || crate ~ /^([iu](8|16|32|64|128|size)|bool|char|str)$/) crate = "core"
                # What the compiler inlined into the probe'"'"'s `ops`
                # functions is jeton'"'"'s code: the rest of the probe is
                # the same in the baseline.
                if (crate == "jeton_firmware") crate = "jeton (inlined into the probe'"'"'s ops)"
            }
            total[crate] += size
        }
        END { for (c in total) print total[c], c }' | sort -rn
}

# ticks_note: what one SysTick tick is worth, per chip, from the logs.
ticks_note() {
    local t note=""
    for t in "${TARGETS[@]}"; do
        local n
        n=$(sed -n 's/.*one SysTick tick is \([0-9]*\) instructions.*/\1/p' "$OUT/$t-tests.log" | head -n1)
        note="${note:+$note, }${n:-?} instructions on $t"
    done
    echo "$note"
}

# dwt_note: what the firmware read from the DWT cycle counter.
dwt_note() {
    local line
    line=$(grep -h '^cycle counter:' "$OUT/thumbv7m-none-eabi-tests.log" | head -n1)
    echo "The DWT cycle counter, as the firmware found it: \`${line#cycle counter: }\`."
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
        for f in "${FAMILIES[@]}"; do
            read -r bt br bd bb bf < <(sections "$OUT/$t-probe-$f-baseline.elf")
            for v in "probe-$f" "probe-$f-compact"; do
                read -r text rodata data bss flash < <(sections "$OUT/$t-$v.elf")
                backend=$([[ $v == *compact ]] && echo compact || echo default)
                echo "| $t | ${FAMILY_WHAT[$f]}: parse a JWK, verify a token (probe-$f) |" \
                    "$backend | $((text - bt)) | $((rodata - br)) | $((data + bss - bd - bb)) |" \
                    "$((flash - bf)) | |"
            done
        done
        for image in tests asym; do
            read -r bt br bd bb bf < <(sections "$OUT/$t-$image-baseline.elf")
            variants=("$image" "$image-compact")
            [[ $image == asym ]] && variants=(asym)
            for v in "${variants[@]}"; do
                read -r text rodata data bss flash < <(sections "$OUT/$t-$v.elf")
                backend=$([[ $v == *compact ]] && echo compact || echo default)
                what="every check but the asymmetric ones"
                [[ $image == asym ]] && what="every asymmetric check"
                echo "| $t | $what (jeton + check code) | $backend |" \
                    "$((text - bt)) | $((rodata - br)) | $((data + bss - bd - bb)) | $((flash - bf)) | |"
            done
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
    echo "## Goals (issue 14)"
    echo
    echo "The footprint probe no larger than before the layered refactor (its figures at"
    echo "\`ed549e9\`, by this method)."
    echo
    echo "| target | SHA-2 backend | jeton's flash share | JWT verify peak stack |"
    echo "|---|---|---|---|"
    for t in "${TARGETS[@]}"; do
        read -r _ _ _ _ bf < <(sections "$OUT/$t-footprint-baseline.elf")
        for v in footprint-compact footprint; do
            read -r _ _ _ _ flash < <(sections "$OUT/$t-$v.elf")
            backend=$([[ $v == *compact ]] && echo compact || echo default)
            echo "| $t | $backend | $(no_larger $((flash - bf)) "${PRE_REFACTOR_FLASH[$t $backend]}") |" \
                "$(no_larger "$(stack_of "$OUT/$t-$v.log" "$JWT_VERIFY_OP")" "${PRE_REFACTOR_STACK[$t $backend]}") |"
        done
    done
    echo
    echo "## Signature families (issue 15)"
    echo
    echo "Each probe parses one public JWK (JSON text) into a key set and verifies jose's token"
    echo "of the \`registered\` shape (issuer and audience required, \`exp\` and \`nbf\`"
    echo "checked) with jeton's one family; its flash share is jeton and the crates under it"
    echo "(image minus the probe's baseline). Stack: peak bytes below the caller (the key set"
    echo "and the buffers are the caller's). Instructions: as QEMU counts them with \`-icount"
    echo "shift=0\`, read on SysTick (to within one tick: $(ticks_note)); not cycles."
    echo
    echo "| target | family | SHA-2 backend | flash share | published figure | parse JWK: stack | instructions | verify: stack | instructions | key set (caller's) |"
    echo "|---|---|---|---:|---|---:|---:|---:|---:|---:|"
    for t in "${TARGETS[@]}"; do
        for f in "${FAMILIES[@]}"; do
            read -r _ _ _ _ bf < <(sections "$OUT/$t-probe-$f-baseline.elf")
            for v in "probe-$f-compact" "probe-$f"; do
                read -r _ _ _ _ flash < <(sections "$OUT/$t-$v.elf")
                backend=$([[ $v == *compact ]] && echo compact || echo default)
                name=${FAMILY_NAME[$f]}
                parse_op="probe $name: parse the JWK into a key set"
                verify_op="probe $name: verify the token (iss, aud, exp, nbf)"
                echo "| $t | ${FAMILY_WHAT[$f]} | $backend | $((flash - bf)) |" \
                    "${FAMILY_PUBLISHED_WHAT[$f]} |" \
                    "$(stack_of "$OUT/$t-$v.log" "$parse_op") |" \
                    "$(value_of instructions "$OUT/$t-$v.log" "$parse_op") |" \
                    "$(stack_of "$OUT/$t-$v.log" "$verify_op") |" \
                    "$(value_of instructions "$OUT/$t-$v.log" "$verify_op") |" \
                    "$(size_of "$OUT/$t-$v.log" "KeySet<1>") |"
            done
        done
    done
    echo
    echo "## Goals (issue 15)"
    echo
    echo "Peak stack of the probe's verification (\`jwt::verify\` with the claims read back),"
    echo "judged per chip; flash share against the published figure of the crate underneath"
    echo "(reported, not a goal; those figures are the signature crate alone, the share here"
    echo "also holds the JWK and JWT code, JSON, base64 and SHA-2)."
    echo
    echo "| target | SHA-2 backend | EdDSA verify stack (≤ ${FAMILY_STACK_GOAL[eddsa]}) | ES256 verify stack (≤ ${FAMILY_STACK_GOAL[es256]}) | RS256-2048 verify stack (≤ ${FAMILY_STACK_GOAL[rs256]}) | ES256 flash share (p256: about 49 KiB) | EdDSA flash share (salty: about 10 KiB) |"
    echo "|---|---|---|---|---|---|---|"
    for t in "${TARGETS[@]}"; do
        for backend in compact default; do
            suffix=$([[ $backend == compact ]] && echo -compact || echo "")
            row="| $t | $backend |"
            for f in eddsa es256 rs256; do
                op="probe ${FAMILY_NAME[$f]}: verify the token (iss, aud, exp, nbf)"
                row="$row $(stack_verdict "$(stack_of "$OUT/$t-probe-$f$suffix.log" "$op")" "${FAMILY_STACK_GOAL[$f]}") |"
            done
            for f in es256 eddsa; do
                read -r _ _ _ _ bf < <(sections "$OUT/$t-probe-$f-baseline.elf")
                read -r _ _ _ _ flash < <(sections "$OUT/$t-probe-$f$suffix.elf")
                share=$((flash - bf)) published=${FAMILY_PUBLISHED[$f]}
                row="$row $share ($(awk -v a="$share" -v b="$published" 'BEGIN { printf "%.1f KiB, %.2fx", a / 1024, a / b }')) |"
            done
            echo "$row"
        done
    done
    echo
    echo "## What takes the space per family (probe-FAMILY-compact minus its baseline, thumbv7m-none-eabi, by crate)"
    echo
    echo "A symbol counts for the crate its name starts with (\`<T as Trait>::f\` for T's);"
    echo "code inlined across crates counts where it landed, so the split is approximate."
    echo
    for f in "${FAMILIES[@]}"; do
        echo "${FAMILY_WHAT[$f]}:"
        echo
        echo "| bytes | crate |"
        echo "|---:|---|"
        grown_crates "$OUT/thumbv7m-none-eabi-probe-$f-compact.elf" \
            "$OUT/thumbv7m-none-eabi-probe-$f-baseline.elf" | awk '
            { total += $1; size = $1; sub(/^-?[0-9]+ /, ""); if (NR <= 12) print "| " size " | " $0 " |"; else rest += size }
            END { if (rest) print "| " rest " | (the rest) |"; print "| " total " | (every symbol, net) |" }'
        echo
    done
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
    echo
    echo "The asymmetric checks, jeton with every signature family (a key's slot is as large"
    echo "as the largest family's key, RSA's), default SHA-2 backend:"
    echo
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-asym.log")
    done
    stack_table "${columns[@]}"
    echo
    echo "The per-family probes, jeton with that family alone:"
    echo
    for f in "${FAMILIES[@]}"; do
        columns=()
        for t in "${TARGETS[@]}"; do
            columns+=("$t" "$OUT/$t-probe-$f.log" "$t, compact SHA-2" "$OUT/$t-probe-$f-compact.log")
        done
        stack_table "${columns[@]}" | { [[ $f == "${FAMILIES[0]}" ]] && cat || tail -n +3; }
    done
    echo
    echo "## Instructions per operation (the longest call; QEMU -icount)"
    echo
    echo "Instructions executed as QEMU counts them (\`-icount shift=0\`), read on SysTick"
    echo "to within one tick ($(ticks_note)). Not cycles: a Cortex-M3/M4 takes one cycle for"
    echo "most instructions, more for loads, stores, taken branches, divisions and long"
    echo "multiplies, plus flash wait states. $(dwt_note)"
    echo
    echo "The per-family probes:"
    echo
    for f in "${FAMILIES[@]}"; do
        columns=()
        for t in "${TARGETS[@]}"; do
            columns+=("$t" "$OUT/$t-probe-$f.log" "$t, compact SHA-2" "$OUT/$t-probe-$f-compact.log")
        done
        op_table instructions "${columns[@]}" | { [[ $f == "${FAMILIES[0]}" ]] && cat || tail -n +3; }
    done
    echo
    echo "The asymmetric checks (default SHA-2 backend):"
    echo
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-asym.log")
    done
    op_table instructions "${columns[@]}"
    echo
    echo "The footprint probe and the other checks:"
    echo
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-footprint.log" "$t, compact SHA-2" "$OUT/$t-footprint-compact.log")
    done
    op_table instructions "${columns[@]}"
    columns=()
    for t in "${TARGETS[@]}"; do
        columns+=("$t" "$OUT/$t-tests.log" "$t, compact SHA-2" "$OUT/$t-tests-compact.log")
    done
    SKIP='^footprint: ' op_table instructions "${columns[@]}" | tail -n +3
} >"$report"

step "report (also in ${report#"$ROOT"/})"
cat "$report"

if ((failures > 0)); then
    step "firmware: $failures failure(s)"
    exit 1
fi
step "firmware: every image passed, and the broken one failed"
