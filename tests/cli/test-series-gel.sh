#!/bin/sh
# A gel between blocking electrodes (tester user7): one resistance and the electrodes' CPE
# (L0-R0-CPE1: 0.5 uH, R_b, Q 6e-6, n 0.87), VTF conductivity (A 8 S K^0.5/cm, B 850 K,
# T0 175 K), 0.30 mm x 0.5 cm2 (L/A 0.06 1/cm), 2 MHz to 1 Hz, 8 per decade, 0.4 % noise,
# -20..80 degC. The series took L0-R0-p(R1,CPE1)-CPE2 "ok on 11/11" with R1||CPE1 held in
# every spectrum (no spectrum determines it), the joint fit then gave R1 up to 3.8e22 Ohm and
# CPE1_n 2.265 and 2411, sigma_total "+- ?" and +-37 %; L0-R0-CPE1, which each single fit
# takes, was not among the candidates. Now an arc no spectrum determines is not ok anywhere,
# and the series takes L0-R0-CPE1: sigma_total within 1 % of the truth everywhere. Eleven
# identical 'no bulk conductivity' warnings are one; the curvature warning names VTF.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
i=0
while read -r t rb; do
  i=$((i + 1))
  "$gen" spectrum "L0-R0-CPE1" "5e-7,$rb,6e-6,0.87" 1 2e6 8 0.004 "$((70 + i))" \
    > "$tmp/gel_${t}.csv" || exit 99
  files="${files:-} gel_${t}.csv@$(echo "$t" | sed 's/^m/-/')C"
done <<ROWS
m20 6314.8441
m10 1874.6259
0 715.0641
10 326.8792
20 171.0121
30 99.1976
40 62.3785
50 41.8309
60 29.5501
70 21.7854
80 16.6407
ROWS
# shellcheck disable=SC2086
(cd "$tmp" && "$EISFIT" series --thickness 0.30mm --area 0.5cm2 $files -o s.txt 2> s.err)
check "series exits 0" $?
grep -q "one circuit L0-R0-CPE1$" "$tmp/s.txt"
check "the series takes the gel's circuit L0-R0-CPE1 ($(grep -m1 'one circuit' "$tmp/s.txt"))" $?
grep -q "held in every one): the data show no such arc" "$tmp/s.txt" \
  || ! grep -q "p(R1,CPE1)-CPE2 .*ok on 11/11" "$tmp/s.txt"
check "a candidate whose arc no spectrum determines is not ok" $?
! grep -q -- "+- ?" "$tmp/s.txt"
check "no sigma without an error" $?
# shellcheck disable=SC2086
(cd "$tmp" && "$EISFIT" arrhenius --thickness 0.30mm --area 0.5cm2 $files -f json -o a.json \
   2> a.err)
check "arrhenius exits 0" $?
while read -r t rb; do
  want=$(awk -v r="$rb" 'BEGIN { printf "%.6e", 0.06 / r }')
  got=$(tr '{' '\n' < "$tmp/a.json" | sed -n "s/.*\"file\": \"gel_${t}.csv\".*\"sigma_total\": \([^,]*\),.*/\1/p")
  check_rel "sigma_total at $t degC" "$got" "$want" 0.01
done <<ROWS
m20 6314.8441
m10 1874.6259
0 715.0641
30 99.1976
70 21.7854
ROWS
# one warning for the eleven spectra without a bulk conductivity, not eleven
n=$(grep -c "no bulk conductivity from the fit" "$tmp/a.err")
[ "$n" -eq 1 ]; check "one 'no bulk conductivity' warning (got $n)" $?
# the curvature of a gel's sigma_total is not blamed on grain boundaries alone
(cd "$tmp" && "$EISFIT" arrhenius --vtf --thickness 0.30mm --area 0.5cm2 $files \
   --plot v.png > v.txt 2> v.err)
check "arrhenius --vtf --plot exits 0" $?
grep -q "total: the residuals of the Arrhenius fit curve.*in a gel or polymer the transport is VTF-like (--vtf)" "$tmp/v.err"
check "the curvature warning names VTF-like transport" $?
exit $fail
