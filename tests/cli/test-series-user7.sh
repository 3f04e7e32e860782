#!/bin/sh
# A new lab user's pellet series on a 1 MHz instrument (tester user7): 0.85 mm x 12 mm (L/A =
# 0.075157 1/cm), leads 0.4 Ohm and 0.3 uH, bulk R_b || CPE (4e-11, 0.93; Ea 0.38 eV, sigma_b
# 1.5e-4 S/cm at 25 degC), grain boundary R_gb || CPE (8e-9, 0.82; Ea 0.55 eV), blocking CPE
# (3e-6, 0.9); 1 MHz to 0.1 Hz, 10 per decade, 0.5 % noise; -30 to 90 degC. The bulk arc is in
# the window at -30..10 degC only (its apex 0.83, 3.6, 13 MHz): the hot spectra alone do not
# separate bulk from grain boundary ("electrolyte"), and their majority (4 of 7) erased the bulk
# the cold ones resolve: "0 spectra give a bulk conductivity", no bulk Ea at all, with --global
# too. Now the resolved rows keep their bulk: Ea 0.3800 +- 0.0008 eV from 3 points (truth
# 0.380), --global binds R1 to the law (0.379 eV). sigma_total curves (two Ea): its straight
# line's sigma(25 degC) 1.019e-4 is as apparent as its Ea (truth 1.0909e-4, -6.6 %): the
# warning says so and gives the value interpolated along the curve, 1.090e-4 +- 3.8e-7.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
json () { tr ',' '\n' < "$1" | awk -F': ' -v k="\"$2\"" '$1 ~ k"$" { print $2; exit }'; }
c="L0-R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
i=0
while read -r t rb rg; do
  i=$((i + 1))
  "$gen" spectrum "$c" "3e-7,0.4,$rb,4e-11,0.93,$rg,8e-9,0.82,3e-6,0.9" 0.1 1e6 10 0.005 \
    "$((40 + i))" > "$tmp/p_${t}C.csv" || exit 99
done <<ROWS
m30 14217.343 23815.000
m10 3582.645 3239.176
10 1096.867 584.003
30 392.584 131.998
50 159.567 35.864
70 72.033 11.343
90 35.495 4.072
ROWS
G="--thickness 0.85mm --diameter 12mm"
(cd "$tmp" && "$EISFIT" arrhenius $G p_*.csv -f json -o a.json 2> a.err)
check "arrhenius exits 0" $?
! grep -q "0 spectra give a bulk conductivity" "$tmp/a.err"
check "the resolved cold rows give a bulk conductivity" $?
! grep -q "taken as electrolyte as in" "$tmp/a.err"
check "no resolved bulk is taken as 'electrolyte' by the majority" $?
tr '{' '\n' < "$tmp/a.json" | grep '"form": "sigma", "Ea_eV"' | head -1 > "$tmp/bulk.txt"
ea=$(sed -n 's/.*"Ea_eV": \([^,]*\),.*/\1/p' "$tmp/bulk.txt")
n=$(sed -n 's/.*"n": \([0-9]*\)}.*/\1/p' "$tmp/bulk.txt")
# 0.5 % noise: the fit's error is 0.0008 eV; 0.005 is six of them
check_abs "bulk Ea (sigma form) from the resolved rows" "$ea" 0.380 0.005
[ "${n:-0}" -eq 3 ]; check "the bulk law has the 3 resolved rows (n ${n:-none})" $?
for t in 30 50 70 90; do
  grep -q "p_${t}C.csv: bulk and grain boundary not separated.*left out of the bulk law" "$tmp/a.err"
  check "$t degC is named as left out of the bulk law" $?
done
# sigma(25 degC) of the curved total: called apparent, and interpolated within 1 % of the truth
w=$(grep "total: sigma(25.00 degC) of the straight line" "$tmp/a.err")
[ -n "$w" ]; check "the straight line's sigma(25 degC) of the curved total is called apparent" $?
v=$(printf '%s\n' "$w" | sed -n 's/.* it is \([0-9.e+-]*\) +- .*/\1/p')
check_rel "sigma_total(25 degC) interpolated along the curve" "$v" 1.0909e-4 0.01
# the joint fit binds the resolved bulk resistance to the law
(cd "$tmp" && "$EISFIT" arrhenius $G --global p_*.csv > g.txt 2> g.err)
check "arrhenius --global exits 0" $?
ea=$(sed -n 's/^  bulk  *form sigma  *Ea \([0-9.]*\) +-.*/\1/p' "$tmp/g.txt")
check_abs "--global bulk Ea" "$ea" 0.380 0.005
ea=$(sed -n 's/^  grain_boundary  *form sigma  *Ea \([0-9.]*\) +-.*/\1/p' "$tmp/g.txt")
check_abs "--global grain-boundary Ea" "$ea" 0.550 0.01
exit $fail
