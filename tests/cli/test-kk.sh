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
# Noise is not a Kramers-Kronig violation: two arcs with 2 % and 5 % Gaussian noise of |Z| on
# each component (eisfit-gen, 71 points) have residuals far above the 1 % limit for clean data,
# but white: "VALID, NOISY", in eisfit kk and in the fit's Kramers-Kronig line alike. The same
# spectrum whose low-frequency arc grows by 90 % during the sweep (high to low frequency, each
# point taking 1/f) with 0.3 % noise has residuals of the same RMS (about 1.8 %): NOT VALID.
c="R0-p(R1,CPE1)-p(R2,CPE2)"
for q in 0.02 0.05; do
  "$gen" spectrum "$c" 12.7,104.3,2.9e-7,0.87,55.9,1.2e-3,0.78 0.1 1e6 10 $q 31 > "$tmp/noise-$q.csv"
  "$EISFIT" kk "$tmp/noise-$q.csv" > "$tmp/o" 2>&1
  "$EISFIT" kk --format json "$tmp/noise-$q.csv" > "$tmp/o.json" 2>&1
  "$EISFIT" "$tmp/noise-$q.csv" -c "$c" > "$tmp/fit.txt" 2>&1
  if grep -q 'verdict   VALID, NOISY: residuals RMS .* are like noise' "$tmp/o" \
     && grep -q '"valid": true, .*"noisy": true' "$tmp/o.json" \
     && grep -q 'Kramers-Kronig check (Lin-KK): valid, noisy: ' "$tmp/fit.txt" \
     && awk -v q=$q '/"rms": / { match ($0, /"rms": [0-9.e-]+/); r = substr ($0, RSTART + 7, RLENGTH - 7)
          match ($0, /"noise": [0-9.e-]+/); n = substr ($0, RSTART + 9, RLENGTH - 9)
          ok = r > 0.7 * q && r < 1.1 * q && n > 0.75 * q && n < 1.25 * q } END { exit !ok }' "$tmp/o.json"
  then echo "ok: $q noise: valid, noisy (RMS and point-to-point noise near $q), fit agrees"
  else echo "FAIL: $q noise: $(cat "$tmp/o") $(grep Kramers "$tmp/fit.txt")"; fail=1; fi
done
"$gen" spectrum "$c" 12.7,104.3,2.9e-7,0.87,55.9,1.2e-3,0.78 0.1 1e6 10 0.003 32 > "$tmp/a.csv"
"$gen" spectrum "$c" 12.7,104.3,2.9e-7,0.87,106.21,1.2e-3,0.78 0.1 1e6 10 0.003 32 > "$tmp/b.csv"
# rows run from 1 MHz down: the elapsed time of a point is the sum of 1/f up to it; B's
# header is read with A's
awk -F, 'NR == FNR { if (FNR > 1) tot += 1 / $1; next }
         FNR == 1 { print; getline l < B; next }
         { el += 1 / $1; w = el / tot; getline l < B; split (l, b, ",")
           printf "%s,%.6e,%.6e\n", $1, (1 - w) * $2 + w * b[2], (1 - w) * $3 + w * b[3] }' \
  "$tmp/a.csv" B="$tmp/b.csv" "$tmp/a.csv" > "$tmp/drift.csv"
"$EISFIT" kk --format json "$tmp/drift.csv" > "$tmp/o.json" 2>&1
"$EISFIT" kk "$tmp/drift.csv" > "$tmp/o" 2>&1
"$EISFIT" "$tmp/drift.csv" -c "$c" > "$tmp/fit.txt" 2>&1
if grep -q 'verdict   NOT VALID: .*not like noise' "$tmp/o" \
   && grep -q '"valid": false, .*"noisy": false' "$tmp/o.json" \
   && grep -q 'Kramers-Kronig check (Lin-KK): not Kramers-Kronig consistent: .*not like noise' "$tmp/fit.txt" \
   && awk '/"rms": / { match ($0, /"rms": [0-9.e-]+/); r = substr ($0, RSTART + 7, RLENGTH - 7)
        ok = r > 0.013 && r < 0.025 } END { exit !ok }' "$tmp/o.json"
then echo "ok: a drift with the RMS of 2 % noise is NOT VALID (not like noise), fit agrees"
else echo "FAIL: drift: $(cat "$tmp/o") $(grep Kramers "$tmp/fit.txt")"; fail=1; fi
exit $fail
