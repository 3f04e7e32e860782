#!/bin/sh
# The limit on a spectrum's points for fitting (--max-points, default 100000): a longer spectrum
# is refused with the file, its count and the limit; a large file read through a window is
# refused as soon as one sweep passes the limit, before the rest of it fills memory; files of
# many short spectra, and the commands that do not fit, are not limited.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
run () { timeout 120 "$EISFIT" "$@"; }
# sweep N [COPIES]: R0-p(R1,C1) with R0 = 12.5, R1 = 385 Ohm, C1 = 2.2e-9 F, N points from
# 1 MHz down to 1 Hz, the sweep written COPIES times (a file of COPIES spectra)
sweep () {
  awk -v n="$1" -v k="${2:-1}" 'BEGIN { print "freq_Hz,Zreal_Ohm,Zimag_Ohm";
    pi = 3.14159265358979; R0 = 12.5; R1 = 385; C = 2.2e-9;
    for (c = 0; c < k; c++) for (i = 0; i < n; i++) {
      f = 1e6 * 10 ^ (-6 * i / (n - 1)); w = 2 * pi * f; x = w * R1 * C; d = 1 + x * x;
      printf "%.10g,%.10g,%.10g\n", f, R0 + R1 / d, -R1 * x / d } }'
}

# 1. The default and a lower limit: the count, the limit and the file are named (exit 2).
sweep 1200 > "$tmp/s1200.csv"
run fit -c "R0-p(R1,C1)" --no-kk --max-points 1000 "$tmp/s1200.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "s1200.csv:2: spectrum 1 has 1200 points, more than the limit of 1000 points for fitting (measured spectra have fewer than 10000; --max-points N raises it)" "$tmp/err" \
  && [ ! -s "$tmp/out" ]
check "fit --max-points 1000 refuses 1200 points (exit $rc: $(cat "$tmp/err"))" $?
run fit -c "R0-p(R1,C1)" --no-kk --max-points 1200 "$tmp/s1200.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "fit --max-points 1200 fits 1200 points (exit $rc)" $rc
check_rel "R1 of the 1200 points" "$(awk '$1 == "R1" { print $2 + 0; exit }' "$tmp/out")" 385 1e-4
run fit -c "R0-p(R1,C1)" --no-kk "$tmp/s1200.csv" > "$tmp/out" 2>&1; rc=$?
check_rel "R0 under the default limit" "$(awk '$1 == "R0" { print $2 + 0; exit }' "$tmp/out")" 12.5 1e-4
run info --max-points 1000 "$tmp/s1200.csv" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "1200 points, more than the limit of 1000" "$tmp/err"
check "info --max-points 1000 refuses it too (exit $rc)" $?
run info "$tmp/s1200.csv" > "$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "1200 points" "$tmp/out"
check "info has no limit of its own (exit $rc)" $?
for v in 1 0 -5 12x ""; do
  run fit --max-points "$v" "$tmp/s1200.csv" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q -- "--max-points: \"$v\": expected a whole number of points, 2 or more" "$tmp/err"
  check "--max-points \"$v\" is refused (exit $rc)" $?
done

# 2. Many short spectra are no long one: three sweeps of 800 points, whole and through a window.
sweep 800 3 > "$tmp/three.csv"
for sb in 0 16K; do
  if [ "$sb" = 0 ]; then env=; else env="EISFIT_STREAM_BYTES=$sb"; fi
  env $env timeout 120 "$EISFIT" fit -c "R0-p(R1,C1)" --no-kk --max-points 1000 "$tmp/three.csv" \
    > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 0 ] && [ "$(grep -c '^  R1  ' "$tmp/out")" -eq 3 ]
  check "three sweeps of 800 points under --max-points 1000 (window ${sb}): all fitted (exit $rc)" $?
done

# 3. Through a window the refusal comes at the limit, not after the whole file: 200,000 points
#    (6 MB) with a limit of 5000 stop within the first rows.
sweep 200000 > "$tmp/long.csv"
EISFIT_STREAM_BYTES=64K run fit -c "R0-p(R1,C1)" --max-points 5000 "$tmp/long.csv" > /dev/null 2> "$tmp/err"; rc=$?
line=$(sed -n 's/.*long\.csv:\([0-9]*\): the spectrum from line 2 has more than 5000 points already.*/\1/p' "$tmp/err")
[ $rc -eq 2 ] && [ -n "$line" ] && [ "$line" -le 20000 ]
check "a 200,000-point sweep is refused at line $line of 200,001 (exit $rc: $(cat "$tmp/err"))" $?
if [ -x /usr/bin/time ] && ! ldd "$EISFIT" 2>/dev/null | grep -q libasan; then
  kb=$(EISFIT_STREAM_BYTES=64K /usr/bin/time -f %M "$EISFIT" fit -c "R0-p(R1,C1)" --max-points 5000 \
       "$tmp/long.csv" 2>&1 >/dev/null | tail -n 1)
  [ "$kb" -lt 20000 ]; check "and its peak memory is $kb KB (< 20 MB)" $?
fi
exit $fail
