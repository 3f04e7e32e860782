#!/bin/sh
# Builds tests/fuzz/fuzz-import.c and fuzz-circuit.c with clang's libFuzzer, AddressSanitizer and
# UBSan against the engine sources and runs each for a bounded time (the importers on a seed
# corpus made from tests/data, the circuit parser on circuits in both notations, deep and wide;
# the circuit target gets a third of the time).
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]   (default 60; run from anywhere)
# A crash leaves crash-* in the work folder (printed); turn it into a regression test and put the
# reduced input in tests/fuzz/regressions.
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v clang >/dev/null || { echo "run-fuzz: clang not found (Debian package clang)" >&2; exit 77; }
work=${FUZZ_WORKDIR:-$(mktemp -d)}
mkdir -p "$work/corpus"
find "$top/tests/data" -type f -exec cp {} "$work/corpus/" \;   # files in sub-folders too
# Inputs the fuzzer once broke the importers with: libFuzzer runs the whole corpus first, so a
# regression fails at once.
cp "$here"/regressions/* "$work/corpus/"
cat > "$work/config.h" <<'CFG'
/* minimal config for the fuzz build */
CFG
srcs="$top/src/core/eis-error.c $top/src/core/spectrum.c $top/src/core/temperature.c $top/src/core/c-number.c"
for f in "$top"/src/core/import*.c; do srcs="$srcs $f"; done
clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$work" -I"$top/src/core" $(pkg-config --cflags libzip expat) -o "$work/fuzz-import" \
  "$top/tests/fuzz/fuzz-import.c" $srcs -lcsv $(pkg-config --libs libzip expat) -lm
echo "run-fuzz: running for ${seconds}s in $work"
cd "$work"
./fuzz-import -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 corpus > fuzz.log 2>&1 || { tail -60 fuzz.log; ls crash-* leak-* timeout-* 2>/dev/null; exit 1; }
tail -5 fuzz.log
echo "run-fuzz: importers: no crash"

mkdir -p circuits
i=0
for c in "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" "R(RQ)(RQ)Q" "R(C(R(RW)))" "L0-R0-p(R1,C1)-Wo1" \
         "p(Zarc1,G1)-Ws2-La3" "R-p(R,C)-R3-Wo" "(R)" "p(R1"; do
  i=$((i + 1)); printf '%s' "$c" > "circuits/seed$i"
done
# Deep and wide seeds at and beyond the limits (EIS_CIRCUIT_MAX_DEPTH 256, _ELEMENTS 1024).
rep () { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
{ rep 'p(R,' 255; printf 'p(R,C)'; rep ')' 255; } > circuits/deep256
{ rep 'p(' 600; printf 'R,C'; rep ')' 600; } > circuits/deep600
{ rep '(' 300; printf 'RC'; rep ')' 300; } > circuits/deepcdc
{ rep 'R-' 1023; printf 'R'; } > circuits/wide1024
{ rep 'Q' 1030; } > circuits/widecdc
{ rep 'R3-C-' 700; printf 'R3'; } > circuits/widedup
csrcs="$top/src/core/eis-error.c $top/src/core/element.c $top/src/core/circuit.c $top/src/core/circuit-parse.c $top/src/core/c-number.c"
clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$work" -I"$top/src/core" -o "$work/fuzz-circuit" "$top/tests/fuzz/fuzz-circuit.c" $csrcs -lm
./fuzz-circuit -max_total_time=$(( (seconds + 2) / 3 )) -max_len=4096 -timeout=10 \
  -print_final_stats=1 circuits > fuzz-circuit.log 2>&1 \
  || { tail -60 fuzz-circuit.log; ls crash-* leak-* timeout-* 2>/dev/null; exit 1; }
tail -3 fuzz-circuit.log
echo "run-fuzz: circuit parser: no crash"
