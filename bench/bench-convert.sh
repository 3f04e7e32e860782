#!/bin/sh
# bench-convert: eisfit convert on 10,000 small files (9,000 generic CSV spectra of 40 points
# and 1,000 vendor files of 5 points: ZPlot, CH Instruments, Gamry, PalmSens, BioLogic ...),
# read from a --files-from list; prints the total and the cost per file.
set -u
: "${EISFIT:?EISFIT must name the eisfit binary}"
: "${top_srcdir:?top_srcdir must be set}"
n_csv=9000
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in" "$tmp/out"
# 40-point R-(R||C) spectra, each a little different, written by one awk process.
awk -v dir="$tmp/in" -v n="$n_csv" 'BEGIN {
  pi = 3.141592653589793
  for (k = 0; k < n; k++) {
    file = sprintf ("%s/csv%05d.csv", dir, k)
    r0 = 12.5 + k * 0.001; r1 = 2385 + k; c1 = 2.3e-9
    print "freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm" > file
    for (i = 0; i < 40; i++) {
      f = 1e6 * 10 ^ (-i / 5); w = 2 * pi * f; x = w * r1 * c1
      printf "%.6g,%.8g,%.8g\n", f, r0 + r1 / (1 + x * x), r1 * x / (1 + x * x) > file
    }
    close (file)
  }
}'
k=0
for f in zplot.z zplotw.z chi.txt gamry-eis.DTA palmsens.csv biologic-peis.mpt par-parstat.txt \
         versastudio.par relaxis.txt ivium.idf; do
  i=0
  while [ $i -lt 100 ]; do
    cp "$top_srcdir/tests/data/$f" "$tmp/in/v${k}_$i.${f##*.}"
    i=$((i + 1))
  done
  k=$((k + 1))
done
find "$tmp/in" -type f > "$tmp/list"
n=$(wc -l < "$tmp/list")
t0=$(date +%s.%N)

# GNU time, when installed, gives the CPU time (on a loaded machine the wall time is larger)
timer=
[ -x /usr/bin/time ] && timer="/usr/bin/time -o $tmp/cpu -f %U+%S"
$timer "$EISFIT" convert -o "$tmp/out" --files-from "$tmp/list" > "$tmp/log" 2> "$tmp/err"
rc=$?
t1=$(date +%s.%N)
if [ $rc -ne 0 ]; then
  echo "bench-convert: eisfit convert failed ($rc):"; tail -n 5 "$tmp/err"; exit 1
fi
tail -n 1 "$tmp/log"
cpu=$(cat "$tmp/cpu" 2>/dev/null)
awk -v a="$t0" -v b="$t1" -v n="$n" -v cpu="${cpu:-}" 'BEGIN {
  t = b - a
  printf "bench-convert: %d files in %.2f s: %.3f ms per file (%.0f files/s)\n", n, t, 1000 * t / n, n / t
  if (cpu != "") {
    split (cpu, c, "+")
    printf "bench-convert: CPU time %.2f s user + %.2f s system: %.3f ms per file\n", c[1], c[2], 1000 * (c[1] + c[2]) / n
    printf "@\teisfit convert, 10,000 small files\t%.1f\tfiles/s\n", n / (c[1] + c[2])
  }
}'
