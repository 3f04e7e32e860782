#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A Li|garnet|Li cell cycled (user test 8, F2-F4), against known truth: six spectra made by
# eisfit-gen (0.5 % noise, 0.1 Hz to 1 MHz, 10 per decade, seeds 41-46) of
# p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3): bulk R 848.8 Ohm, CPE Q 6e-11 n 0.95 (apex 7.5 MHz, above
# the top), grain boundary 636.6 Ohm, Q 3e-9 n 0.9, interface R_int 60, 85, ... 185 Ohm, Q 1e-6
# n 0.85 (apex ~15 kHz). L = 1 mm, D = 10 mm: sigma_total 8.574e-5 S/cm, sigma_bulk 1.500e-4,
# ASR = R_int A / 2.
#  1. The circuit given (F3): every spectrum reaches the minimum a fit started at the truth
#     reaches (chi2 within 0.1 %), converged, R1 within 3 s.e. of 848.8 and R3 within 3 s.e.
#     of R_int. Before: 3 of the 6 stopped elsewhere (the iteration limit twice, R3 4e3 Ohm or
#     1.6e11 Ohm): the start split the grain boundary's lobe for the bulk and took a ripple of
#     the distribution below the data for the interface.
#  2. The automatic choice with --cell li-symmetric (F2): a circuit with the interface arc in
#     every spectrum, R_interface within 3 s.e. of R_int and sigma_total within 3 s.e. of the
#     truth. Before: R0-p(CPE1,R1-Ws1) (Ws1 tau 1e-6 s, sigma_total +11 s.e.) and R0-p(R1,CPE1)
#     (no interface, sigma_total -48 s.e.) on the first two.
#  3. eisfit series, automatic (F2): one circuit with the interface, an ASR in every row within
#     3 s.e., sigma_total within 3 s.e.
#  4. eisfit series with the true circuit given (F4): the bulk CPE, which no spectrum
#     determines alone, is shared by the joint fit (not held on values nothing determined, and
#     not "rejected" by the two parameters' BIC penalty), sigma_bulk within 3 s.e. of 1.5e-4 in
#     every row; the changes name why a spectrum does not fit alone (no empty reason, F10).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
E=$EISFIT
G="--thickness 1mm --diameter 10mm --cell li-symmetric"
C3="p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)"
within () { # name value stderr truth n: |value - truth| <= n stderr
  if awk -v v="$2" -v s="$3" -v t="$4" -v n="$5" 'BEGIN { d = v - t; if (d < 0) d = -d
       exit !(v != "" && s != "" && s + 0 > 0 && d <= n * s) }'
  then echo "ok: $1 = $2 +- $3 (truth $4)"
  else echo "FAIL: $1 = '$2' +- '$3', truth $4 (within $5 s.e.)"; fail=1
  fi
}
files=""
for k in 0 1 2 3 4 5; do
  R=$((60 + 25 * k))
  "$gen" spectrum "$C3" 848.8,6e-11,0.95,636.6,3e-9,0.9,$R,1e-6,0.85 0.1 1e6 10 0.005 \
    $((41 + k)) > "$tmp/loop$k.csv" || exit 99
  files="$files $tmp/loop$k.csv"
done

# 1. the circuit given
for k in 0 1 2 3 4 5; do
  R=$((60 + 25 * k))
  $E $G -c "$C3" "$tmp/loop$k.csv" > "$tmp/g$k.txt" 2>&1
  $E $G -c "$C3" --init "R1=848.8,CPE1_Q=6e-11,CPE1_n=0.95,R2=636.6,CPE2_Q=3e-9,CPE2_n=0.9,R3=$R,CPE3_Q=1e-6,CPE3_n=0.85" \
    "$tmp/loop$k.csv" > "$tmp/t$k.txt" 2>&1
  grep -q '^  fit *converged' "$tmp/g$k.txt"; check "loop $k, circuit given: converged" $?
  c=$(awk '/chi2 [0-9]/ { sub(/,$/, "", $2); print $2; exit }' "$tmp/g$k.txt")
  ct=$(awk '/chi2 [0-9]/ { sub(/,$/, "", $2); print $2; exit }' "$tmp/t$k.txt")
  check_rel "loop $k, circuit given: chi2 (the truth-started fit's $ct)" "$c" "$ct" 0.001
  within "loop $k, circuit given: R1" "$(awk '$1 == "R1" { print $2 }' "$tmp/g$k.txt")" \
    "$(awk '$1 == "R1" { print $3 }' "$tmp/g$k.txt")" 848.8 3
  within "loop $k, circuit given: R3" "$(awk '$1 == "R3" { print $2 }' "$tmp/g$k.txt")" \
    "$(awk '$1 == "R3" { print $3 }' "$tmp/g$k.txt")" $R 3
done

# 2. the automatic choice
for k in 0 1 2 3 4 5; do
  R=$((60 + 25 * k))
  $E $G "$tmp/loop$k.csv" > "$tmp/a$k.txt" 2>&1
  within "loop $k, automatic ($(awk '$1 == "circuit" { print $2 }' "$tmp/a$k.txt")): R_interface" \
    "$(awk '$1 == "R_interface" { print $2 }' "$tmp/a$k.txt")" \
    "$(awk '$1 == "R_interface" { print $4 }' "$tmp/a$k.txt")" $R 3
  within "loop $k, automatic: sigma_total" "$(awk '$1 == "sigma_total" { print $2 }' "$tmp/a$k.txt")" \
    "$(awk '$1 == "sigma_total" { print $4 }' "$tmp/a$k.txt")" 8.574e-5 3
done

# 3. the series, automatic (CSV: one row a spectrum)
# shellcheck disable=SC2086
$E series $G --format csv $files > "$tmp/s.csv" 2> "$tmp/s.err"
check "series, automatic: runs" $?
$E series $G $files > "$tmp/s.txt" 2>&1
grep -q '^Series: 6 spectra.*one circuit .*p(R3,CPE3)' "$tmp/s.txt"
check "series, automatic: one circuit with the interface arc ($(sed -n 's/^Series:.*one circuit //p' "$tmp/s.txt"))" $?
col () { # CSV column named $1 of row $2 (1-based data row) of $tmp/s.csv
  awk -F, -v name="$1" -v row="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
       NR == row + 1 && c { print $c }' "$tmp/s.csv"
}
for k in 0 1 2 3 4 5; do
  R=$((60 + 25 * k))
  asr=$(awk -v r=$R 'BEGIN { print r * 0.785398 / 2 }')
  within "series, automatic, row $((k + 1)): ASR" "$(col ASR_per_interface_Ohm_cm2 $((k + 1)))" \
    "$(col ASR_per_interface_stderr_Ohm_cm2 $((k + 1)))" "$asr" 3
  within "series, automatic, row $((k + 1)): sigma_total" "$(col sigma_total_S_cm $((k + 1)))" \
    "$(col sigma_total_stderr_S_cm $((k + 1)))" 8.574e-5 3
done

# 4. the series with the true circuit given
# shellcheck disable=SC2086
$E series $G -c "$C3" --format csv $files > "$tmp/s.csv" 2> "$tmp/s.err"
check "series, circuit given: runs" $?
# shellcheck disable=SC2086
$E series $G -c "$C3" $files > "$tmp/s.txt" 2>&1
if grep -q '(held)' "$tmp/s.txt"; then bad "series, circuit given: a parameter held (on values nothing determined)"
else ok "series, circuit given: nothing held"; fi
grep -q '^    CPE1_n ' "$tmp/s.txt"
check "series, circuit given: the bulk CPE shared by the joint fit" $?
if grep -q 'alone: ;' "$tmp/s.txt"; then bad "series, circuit given: an empty reason ('alone: ;')"
else ok "series, circuit given: no empty reason"; fi
# (judged again on the joint fit's values, the spectra may all be ok: then no such line)
if grep -q 'does not fit here alone' "$tmp/s.txt"; then
  grep -q 'does not fit here alone: CPE1_[Qn] not determined' "$tmp/s.txt"
  check "series, circuit given: the reason named" $?
else ok "series, circuit given: every spectrum ok on the joint fit's values"; fi
for k in 0 1 2 3 4 5; do
  within "series, circuit given, row $((k + 1)): sigma_bulk" "$(col sigma_bulk_S_cm $((k + 1)))" \
    "$(col sigma_bulk_stderr_S_cm $((k + 1)))" 1.500e-4 3
done
exit $fail
