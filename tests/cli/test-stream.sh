#!/bin/sh
# A large file read through a window, its spectra handed on one at a time (man eisfit, LIMITS):
# the same output as the whole-file import, the same errors (with the line) before any output,
# and peak memory that does not grow with the number of spectra. EISFIT_STREAM_BYTES sets the
# size from which a file is streamed (1: every file; a large value: none).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
shim="$top_builddir/tests/cli/fsshim.so"
[ -f "$shim" ] || { echo "FAIL: $shim was not built"; exit 1; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"; export ASAN_OPTIONS
# N cycles of a 5-point R0-(R1||C1) spectrum, R0 and R1 a little different in each (BAD: the
# number of a spectrum whose 4th frequency repeats its 3rd)
cycles () {
  awk -v n="$1" -v bad="${2:-0}" 'BEGIN {
    pi = 3.141592653589793
    print "# temperature_K: 298.15"
    print "cycle,freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm"
    for (k = 1; k <= n; k++) {
      r0 = 12.5 + (k % 97) * 0.01; r1 = 2385 + (k % 89); c1 = 2.3e-9
      for (i = 0; i < 5; i++) {
        f = 1e6 * 10 ^ (-(k == bad && i == 3 ? 2 : i)); w = 2 * pi * f; x = w * r1 * c1
        printf "%d,%.6g,%.8g,%.8g\n", k, f, r0 + r1 / (1 + x * x), r1 * x / (1 + x * x)
      }
    }
  }'
}
# header-less, semicolons and decimal commas, sweeps one after the other, CRLF, no last line end
sweeps () {
  awk -v n="$1" 'BEGIN { pi = 3.141592653589793
    for (k = 1; k <= n; k++) { r1 = 2385 + (k % 89)
      for (i = 0; i < 6; i++) { f = 1e6 * 10 ^ (-i * 0.8); w = 2 * pi * f; x = w * r1 * 2.3e-9
        s = sprintf("%.6g;%.8g;%.8g", f, 12.5 + r1 / (1 + x * x), r1 * x / (1 + x * x))
        gsub(/\./, ",", s); printf "%s%s", s, (k == n && i == 5) ? "" : "\r\n" } } }'
}
cycles 20000 > "$tmp/c20k.csv"
cycles 8000 > "$tmp/c8k.csv"
cycles 20000 15000 > "$tmp/bad.csv"
sweeps 20000 > "$tmp/sweeps.txt"
{ cycles 20000; printf 'x\000y\n'; } > "$tmp/nul.csv"

# 1. The same output streamed (a window of 1 MiB over files of 2 to 3 MB) and whole.
for f in c20k.csv sweeps.txt c8k.csv; do
  for cmd in "info" "convert -o - --format json" "-q --no-kk -c R-p(R,C) -f csv -j 2"; do
    [ $f != c8k.csv ] && [ "$cmd" != info ] && [ "$cmd" != "convert -o - --format json" ] && continue
    # shellcheck disable=SC2086
    EISFIT_STREAM_BYTES=1 "$EISFIT" $cmd "$tmp/$f" > "$tmp/s.out" 2> "$tmp/s.err"; rs=$?
    # shellcheck disable=SC2086
    EISFIT_STREAM_BYTES=1G "$EISFIT" $cmd "$tmp/$f" > "$tmp/w.out" 2> "$tmp/w.err"; rw=$?
    [ $rs -eq $rw ] && cmp -s "$tmp/s.out" "$tmp/w.out" && cmp -s "$tmp/s.err" "$tmp/w.err" \
      && [ "$(wc -l < "$tmp/s.out")" -gt 8000 ]
    check "$f, eisfit $cmd: streamed and whole give the same output (exit $rs, $rw)" $?
  done
done
mkdir "$tmp/d1" "$tmp/d2"
EISFIT_STREAM_BYTES=1 "$EISFIT" convert -o "$tmp/d1" "$tmp/c20k.csv" "$tmp/sweeps.txt" > "$tmp/s.out" 2> "$tmp/s.err"
EISFIT_STREAM_BYTES=1G "$EISFIT" convert -o "$tmp/d2" "$tmp/c20k.csv" "$tmp/sweeps.txt" > "$tmp/w.out" 2> "$tmp/w.err"
sed "s|$tmp/d1|D|" "$tmp/s.out" > "$tmp/s1"; sed "s|$tmp/d2|D|" "$tmp/w.out" > "$tmp/w1"
diff -r "$tmp/d1" "$tmp/d2" > /dev/null && cmp -s "$tmp/s1" "$tmp/w1" && cmp -s "$tmp/s.err" "$tmp/w.err" \
  && [ -f "$tmp/d1/c20k_cycle20000.csv" ] && [ -f "$tmp/d1/sweeps_20000.csv" ] \
  && [ "$(grep -c 'every imaginary part is positive' "$tmp/s.err")" -eq 20000 ]
check "convert -o DIR of 40,000 spectra: the same files, names and warnings streamed and whole" $?

# 2. Errors: the whole file is checked before anything is shown or written.
EISFIT_STREAM_BYTES=1 "$EISFIT" info "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "bad.csv:75001: frequency 10000 Hz repeats the one on line 75000" "$tmp/err"
check "a repeated frequency in spectrum 15,000: exit $rc, its line named, nothing shown before" $?
mkdir "$tmp/d3"
EISFIT_STREAM_BYTES=1 "$EISFIT" convert -o "$tmp/d3" "$tmp/bad.csv" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && [ -z "$(ls "$tmp/d3")" ]
check "convert of that file: exit $rc, no file written" $?
EISFIT_STREAM_BYTES=1 "$EISFIT" -q --no-kk -c "R-p(R,C)" -f csv "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && [ "$(wc -l < "$tmp/out")" -le 1 ] && grep -q "bad.csv:75001:" "$tmp/err"
check "fit of that file: exit $rc, no result row, the line named" $?
EISFIT_STREAM_BYTES=1 "$EISFIT" info "$tmp/nul.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
EISFIT_STREAM_BYTES=1G "$EISFIT" info "$tmp/nul.csv" > "$tmp/out2" 2> "$tmp/err2"; rc2=$?
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] && cmp -s "$tmp/err" "$tmp/err2" && [ ! -s "$tmp/out" ] \
  && grep -q "control character" "$tmp/err"
check "a NUL byte at the end of 3 MB: refused as whole (exit $rc), nothing shown" $?
EISFIT_STREAM_BYTES=1 "$EISFIT" info --max-size 1M "$tmp/c20k.csv" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "more than the limit" "$tmp/err"
check "--max-size 1M on a streamed file: refused (exit $rc)" $?

# 3. Memory: 20,000 and 200,000 spectra; peak memory may not grow with them (whole, a spectrum
#    held about 870 bytes). Not under the sanitizers, which keep freed memory.
if grep -q __asan_init "$EISFIT" 2>/dev/null; then
  echo "skip: peak memory under AddressSanitizer"
else
  cycles 200000 > "$tmp/c200k.csv"
  hwm () { # file, command...: peak resident kB
    out=$1; shift
    env LD_PRELOAD="$shim" FSSHIM_HWM="$tmp/hwm" EISFIT_STREAM_BYTES=1 "$EISFIT" "$@" > "$out" \
      2> /dev/null
    cat "$tmp/hwm" 2>/dev/null || echo 0
  }
  for cmd in info "convert -o - --format json"; do
    # shellcheck disable=SC2086
    h1=$(hwm "$tmp/o1" $cmd "$tmp/c20k.csv"); h2=$(hwm "$tmp/o2" $cmd "$tmp/c200k.csv")
    per=$(( (h2 - h1) * 1024 / 180000 ))
    [ "$h1" -gt 0 ] && [ "$h2" -gt 0 ] && [ $per -lt 40 ] && [ "$(wc -l < "$tmp/o2")" -gt 200000 ]
    check "$cmd: peak memory $h1 kB for 20,000 spectra, $h2 kB for 200,000 ($per bytes a spectrum, < 40)" $?
  done
  cycles 40000 > "$tmp/c40k.csv"
  h1=$(hwm "$tmp/o1" -q --no-kk -c "R-p(R,C)" -f csv -j 2 "$tmp/c8k.csv")
  h2=$(hwm "$tmp/o2" -q --no-kk -c "R-p(R,C)" -f csv -j 2 "$tmp/c40k.csv")
  per=$(( (h2 - h1) * 1024 / 32000 ))
  [ "$h1" -gt 0 ] && [ "$h2" -gt 0 ] && [ $per -lt 100 ] && [ "$(wc -l < "$tmp/o2")" -eq 40001 ]
  check "fit: peak memory $h1 kB for 8,000 spectra, $h2 kB for 40,000 ($per bytes a spectrum, < 100)" $?
fi
exit $fail
