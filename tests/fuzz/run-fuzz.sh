#!/bin/sh
# Builds tests/fuzz/fuzz-import.c with clang's libFuzzer, AddressSanitizer and UBSan against the
# importer sources and runs it for a bounded time on a seed corpus made from tests/data.
# Usage: tests/fuzz/run-fuzz.sh [SECONDS]   (default 60; run from anywhere)
# A crash leaves crash-* in the work folder (printed); turn it into a regression test.
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v clang >/dev/null || { echo "run-fuzz: clang not found (Debian package clang)" >&2; exit 77; }
work=${FUZZ_WORKDIR:-$(mktemp -d)}
mkdir -p "$work/corpus"
cp "$top"/tests/data/* "$work/corpus/"
cat > "$work/config.h" <<'CFG'
/* minimal config for the fuzz build */
CFG
srcs="$top/src/core/eis-error.c $top/src/core/spectrum.c"
for f in "$top"/src/core/import*.c; do srcs="$srcs $f"; done
clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$work" -I"$top/src/core" -o "$work/fuzz-import" "$top/tests/fuzz/fuzz-import.c" $srcs -lcsv -lm
echo "run-fuzz: running for ${seconds}s in $work"
cd "$work"
./fuzz-import -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 corpus > fuzz.log 2>&1 || { tail -60 fuzz.log; ls crash-* leak-* timeout-* 2>/dev/null; exit 1; }
tail -5 fuzz.log
echo "run-fuzz: no crash"
