#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit drt: each peak's resistance has a standard error (text "R +- s.e.", CSV
# peak_R_noise_stderr_Ohm, JSON R_noise_stderr_Ohm), from a parametric bootstrap (the DRT's fit plus noise
# of the residuals' size, solved again 30 times, lambda chosen anew, the minimum between the
# peaks found again). Before there was none.
# Against truth: R_inf 21.3 Ohm, ZARCs of 104.3 Ohm (tau 1.3e-5 s, phi 0.92) and 61.7 Ohm
# (tau 2.1e-2 s, phi 0.90), 0.01 Hz to 1 MHz, 0.5 % noise, 40 seeds. Measured: the errors
# 0.93 and 1.78 Ohm on average against a spread of the peaks' R of 1.04 and 1.47 Ohm; the
# truth within 1 s.e. in 64 % of the 80 peaks (62.5 % and 65 %), within 2 s.e. in 90 %.
# Required: within 1 s.e. 50-85 %, within 2 s.e. at least 80 %, and each peak's mean error
# within a factor 1.6 of its spread. (Linearised through the regularised solution at the data's
# lambda, the errors were 0.32-0.35 Ohm for a spread of 1.04: the truth within 1 s.e. in 30 %.)
# Not in the error: the bias of overlapping peaks sharing their tails (ZARCs a decade apart:
# +1.7 Ohm on the first, 1.8 s.e.).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
: > "$tmp/all.txt"
for seed in $(seq 1 40); do
  "$gen" spectrum "R0-Zarc1-Zarc2" 21.3,104.3,1.3e-5,0.92,61.7,2.1e-2,0.9 0.01 1e6 10 0.005 $seed > "$tmp/d.csv"
  "$EISFIT" drt -f json "$tmp/d.csv" 2> /dev/null \
    | grep -o '"R_Ohm": [^,]*, "R_noise_stderr_Ohm": [^,]*' | sed 's/"R_Ohm": //; s/, "R_noise_stderr_Ohm": / /' \
    | tr '\n' ' ' >> "$tmp/all.txt"
  echo >> "$tmp/all.txt"
done
# every spectrum: two peaks, each with R and a positive error
awk 'NF != 4 || !($2 > 0) || !($4 > 0) { bad++ } END { exit bad > 0 }' "$tmp/all.txt" \
  && ok "40 spectra: two peaks, each with R_noise_stderr_Ohm > 0" \
  || { bad "peaks without errors:"; head -5 "$tmp/all.txt"; }
awk '{ for (j = 0; j < 2; j++) { r = $(2 * j + 1); s = $(2 * j + 2); t = j ? 61.7 : 104.3
         z = (r - t) / s; if (z < 0) z = -z; n++; in1 += z <= 1; in2 += z <= 2
         S[j] += r; Q[j] += r * r; E[j] += s } }
     END { m = NR; for (j = 0; j < 2; j++) { sd = sqrt(Q[j] / m - (S[j] / m) ^ 2); q[j] = E[j] / m / sd }
           printf "%.3f %.3f %.3f %.3f\n", in1 / n, in2 / n, q[0], q[1] }' "$tmp/all.txt" > "$tmp/cov.txt"
read -r c1 c2 q1 q2 < "$tmp/cov.txt"
awk -v c="$c1" 'BEGIN { exit !(c >= 0.50 && c <= 0.85) }' \
  && ok "the truth within 1 s.e. in $c1 of 80 peaks (0.50-0.85)" || bad "within 1 s.e.: $c1 (0.50-0.85)"
awk -v c="$c2" 'BEGIN { exit !(c >= 0.80) }' \
  && ok "the truth within 2 s.e. in $c2 of 80 peaks (>= 0.80)" || bad "within 2 s.e.: $c2 (>= 0.80)"
for q in "$q1" "$q2"; do
  awk -v q="$q" 'BEGIN { exit !(q >= 1 / 1.6 && q <= 1.6) }' \
    && ok "mean error / spread of R = $q (within a factor 1.6)" || bad "mean error / spread = $q"
done
# text and CSV carry it too
"$EISFIT" drt "$d/drt-two-zarc.csv" > "$tmp/t.txt" 2>&1
grep -q "R/Ohm +- s.e. (noise only)" "$tmp/t.txt" && grep -Eq '^ +[0-9.e-]+ +[0-9.e+]+ +[0-9.]+ \+- [0-9.]+ \(noise only\) ' "$tmp/t.txt" \
  && grep -q "by 30 bootstrap replicates" "$tmp/t.txt" \
  && ok "text: R +- s.e. per peak" || { bad "text:"; cat "$tmp/t.txt"; }
"$EISFIT" drt -f csv "$d/drt-two-zarc.csv" > "$tmp/c.csv"
[ "$(head -n 1 "$tmp/c.csv")" = "file,spectrum,tau_s,gamma_Ohm,peak,peak_R_Ohm,peak_R_noise_stderr_Ohm" ] \
  && [ "$(awk -F, 'NR > 1 && $5 != "" && $7 > 0' "$tmp/c.csv" | wc -l)" -eq 2 ] \
  && ok "CSV: two rows with peak, peak_R_Ohm and peak_R_noise_stderr_Ohm" \
  || bad "CSV: $(head -n 1 "$tmp/c.csv"); $(awk -F, 'NR > 1 && $5 != ""' "$tmp/c.csv")"
# --- a point limit (EIS_DRT_MAX_POINTS 2000): its time grows faster than the points (5,000
# took 36 s, 20,000 more than 300 s); refused at once naming the file, and --fmax brings it
# under the limit
"$gen" spectrum "R-p(R,Q)" 10,100,1e-5,0.9 0.1 1e6 500 0.005 3 > "$tmp/long.csv"
start=$(date +%s)
"$EISFIT" drt "$tmp/long.csv" > "$tmp/long.out" 2> "$tmp/long.err"; rc=$?
secs=$(( $(date +%s) - start ))
[ "$rc" -eq 2 ] && grep -q "long.csv: 3501 points are more than a DRT takes (2000)" "$tmp/long.err" \
  && [ "$secs" -le 5 ] && ok "3,501 points refused in ${secs} s, naming the file" \
  || bad "3,501 points: exit $rc after ${secs} s: $(cat "$tmp/long.err")"
"$EISFIT" drt -q --fmax 3 "$tmp/long.csv" > "$tmp/long.out" 2>&1 \
  && grep -q "DRT       739 points, 0.1 Hz to 2.99" "$tmp/long.out" && ok "--fmax 3: 739 points taken" \
  || bad "--fmax 3: $(head -3 "$tmp/long.out")"
# --- --lambda 1e300: gamma flattened to nothing, the DRT does not reproduce the data; its
# peak's R gets no "+- 0" (a confident error it does not have)
"$EISFIT" drt --lambda 1e300 "$d/drt-two-zarc.csv" > "$tmp/big.txt" 2>&1
grep -q "does not reproduce the data" "$tmp/big.txt" && ! grep -q '+- [0-9.e+-]' "$tmp/big.txt" \
  && grep -Eq "no s.e. of R|peaks +none" "$tmp/big.txt" && ok "lambda 1e300: no +- s.e. printed" \
  || bad "lambda 1e300: $(grep -A3 peaks "$tmp/big.txt")"
"$EISFIT" drt --lambda 1e300 -f json "$d/drt-two-zarc.csv" 2>/dev/null | grep -q '"R_noise_stderr_Ohm": 0[,}]' \
  && bad "lambda 1e300: JSON R_noise_stderr_Ohm 0" || ok "lambda 1e300: JSON has no stderr 0"
exit $fail
