#!/bin/sh
# eisfit kk: the Lin-KK check on the samples.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

"$EISFIT" kk --format csv -o "$tmp/out.csv" "$s/pellet-25C.csv" || { echo "FAIL: exit $?"; exit 1; }
n=$(awk -F, 'NR > 1' "$tmp/out.csv" | wc -l)
npts=$(awk 'NR > 1' "$s/pellet-25C.csv" | wc -l)
[ "$n" -eq "$npts" ] && echo "ok: one residual row per point ($n)" || { echo "FAIL: $n rows, $npts points"; fail=1; }
v=$(awk -F, 'NR == 2 { print $5 }' "$tmp/out.csv")
[ "$v" = yes ] && echo "ok: pellet-25C is KK valid" || { echo "FAIL: valid = '$v'"; fail=1; }
awk -F, 'NR > 1 { r = $9; if (r < 0) r = -r; if (r > 0.05) bad = 1 } END { exit bad }' "$tmp/out.csv" \
  && echo "ok: residuals below 5 %" || { echo "FAIL: a residual above 5 %"; fail=1; }

# Reference values from an independent implementation of the same Lin-KK variant (its own
# Householder QR in long double, written from the paper and this man page): it agreed with
# eisfit to 4e-10 on this and eight real spectra. M = 28, mu = 0.8262443, residual RMS
# 0.2588293 %, largest 0.8666407 % at 0.1 Hz.
"$EISFIT" kk --format json "$s/pellet-25C.csv" > "$tmp/ref.json" || { echo "FAIL: json exit $?"; exit 1; }
awk '{
  if (match ($0, /"M": [0-9]+/)) m = substr ($0, RSTART + 5, RLENGTH - 5)
  if (match ($0, /"mu": [-0-9.e]+/)) mu = substr ($0, RSTART + 6, RLENGTH - 6)
  if (match ($0, /"rms": [-0-9.e]+/)) rms = substr ($0, RSTART + 7, RLENGTH - 7)
  if (match ($0, /"max_abs": [-0-9.e]+/)) mx = substr ($0, RSTART + 11, RLENGTH - 11)
} function rel (a, b) { d = (a - b) / b; return d < 0 ? -d : d }
END { exit !(m == 28 && rel(mu, 0.8262443) < 1e-6 && rel(rms, 0.002588293) < 1e-6 \
              && rel(mx, 0.008666407) < 1e-6) }' "$tmp/ref.json" \
  && echo "ok: M, mu and residuals agree with the independent reference" \
  || { echo "FAIL: Lin-KK of pellet-25C differs from the reference: $(head -c 300 "$tmp/ref.json")"; fail=1; }

"$EISFIT" kk --format json -o "$tmp/out.json" "$s/pellet-25C.csv" "$s/pellet-m20C.csv" \
  || { echo "FAIL: json exit $?"; exit 1; }
nv=$(grep -o '"valid": true' "$tmp/out.json" | wc -l)
[ "$nv" -eq 2 ] && echo "ok: json, both valid" || { echo "FAIL: json valid count $nv"; fail=1; }
grep -q '"points": \[{"f_Hz": ' "$tmp/out.json" && echo "ok: json points" || { echo "FAIL: json points"; fail=1; }

# unreadable input: exit 2, message names the file
"$EISFIT" kk "$tmp/missing.csv" > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'missing.csv' "$tmp/e"; then echo "ok: unreadable input (exit 2)"
else echo "FAIL: unreadable input: exit $rc"; fail=1; fi
# one Z repeated at 20 frequencies: refused as fit and drt refuse it (it was "VALID")
awk 'BEGIN { print "freq,zre,zim"; for (i = 0; i < 20; i++) printf "%.9f,1237.9,-574.9\n", 1000 + i * 1e-9 }' > "$tmp/same.csv"
"$EISFIT" kk "$tmp/same.csv" > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'same.csv: spectrum 1: Z = 1237.9 - 574.9j Ohm at all 20 points' "$tmp/e" \
   && ! grep -q VALID "$tmp/o"
then echo "ok: one Z repeated: refused (exit 2)"
else echo "FAIL: one Z repeated: exit $rc: $(cat "$tmp/o" "$tmp/e")"; fail=1; fi
exit $fail
