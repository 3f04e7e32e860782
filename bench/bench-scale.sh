#!/bin/sh
# bench-scale: a CSV of BENCH_SPECTRA spectra (default 1,000,000; 5 points each, one cycle
# column, about 146 MB) converted and fitted, with the time per spectrum and the peak resident
# memory of each step (GNU time). What scales with the number of spectra is the file read in;
# results are written as they are done and not kept (man eisfit, LIMITS).
#   convert -o - --format json   every spectrum as JSON to standard output (/dev/null)
#   convert -o DIR               one file per spectrum (BENCH_CONVERT_DIR=0 leaves this out:
#                                a million files take long on a slow disk)
#   eisfit -c "R-p(R,C)" -f csv  fit on every processor, one CSV row per spectrum
set -u
: "${EISFIT:?EISFIT must name the eisfit binary}"
n=${BENCH_SPECTRA:-1000000}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench-scale: needs GNU time (/usr/bin/time, Debian package time)"; exit 1; }
awk -v n="$n" 'BEGIN {
  pi = 3.141592653589793
  print "cycle,freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm"
  for (k = 1; k <= n; k++) {
    r0 = 12.5 + (k % 97) * 0.01; r1 = 2385 + (k % 89); c1 = 2.3e-9
    for (i = 0; i < 5; i++) {
      f = 1e6 * 10 ^ (-i); w = 2 * pi * f; x = w * r1 * c1
      printf "%d,%.6g,%.8g,%.8g\n", k, f, r0 + r1 / (1 + x * x), r1 * x / (1 + x * x)
    }
  }
}' > "$tmp/in.csv"
size=$(wc -c < "$tmp/in.csv")
echo "bench-scale: $n spectra of 5 points, $size bytes"
# step NAME COMMAND...: wall time, CPU time and peak RSS of one run
step () {
  name=$1; shift
  /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$@" > /dev/null 2> "$tmp/err"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "bench-scale: $name failed ($rc):"; tail -n 3 "$tmp/err"; return 1
  fi
  read -r wall user sys kb < "$tmp/t"
  awk -v name="$name" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" 'BEGIN {
    printf "bench-scale: %-30s %8.1f s wall, %8.1f s CPU: %7.1f us per spectrum; peak RSS %6.0f MB (%5.0f bytes per spectrum)\n",
      name, w, u + s, 1e6 * w / n, kb / 1024, kb * 1024 / n
  }'
}
step "info" "$EISFIT" info "$tmp/in.csv"
step "convert -o - --format json" "$EISFIT" convert -o - --format json "$tmp/in.csv"
if [ "${BENCH_CONVERT_DIR:-1}" != 0 ]; then
  step "convert -o DIR" "$EISFIT" convert -o "$tmp/dir" "$tmp/in.csv"
  rm -rf "$tmp/dir"
fi
step "fit -c R-p(R,C) --no-kk -f csv" "$EISFIT" -q --no-kk -c "R-p(R,C)" -f csv -o "$tmp/fit.csv" \
  "$tmp/in.csv"
rows=$(($(wc -l < "$tmp/fit.csv") - 1))
[ "$rows" -eq "$n" ] || { echo "bench-scale: the fit wrote $rows rows for $n spectra"; exit 1; }
