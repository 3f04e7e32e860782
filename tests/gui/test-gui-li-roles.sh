#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A Li|electrolyte|Li cell with an SEI arc and a charge-transfer arc (a new-lab-user tester's
# cell, made here by eisfit-gen with 0.3 % noise): leads 1 + electrolyte 150 Ohm (intercept
# 151), SEI R 150 -> 170 Ohm (CPE 6e-8, n 0.9: C_eff 1.65e-8 F, 1.05e-9 F/cm for L/A 0.0637,
# 0.5 mm and 10 mm), charge transfer 250 -> 280 Ohm (CPE 3e-6, n 0.85); R_int,0 = 400,
# R_int,ss = 450, I0 = dV/(151 + 400), Iss for t+ = 0.600. The SEI arc's capacitance lies where
# grain boundaries and interphases both occur: both readings are given, and the headline (JSON
# t_plus) is the Li|Li cell's reading, the arc as interface, with and without the geometry and
# in both faces. Before: with the geometry eisfit transference gave t_plus 0.7153 (R0 250, the
# arc as grain boundary) and eisfit-gtk 0.5983.
set -u
. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup li-roles
d=$tmp/d; mkdir -p "$d"
"$gen" spectrum "L0-R0-p(R1,CPE1)-p(R2,CPE2)" 5e-7,151,150,6e-8,0.9,250,3e-6,0.85 0.1 1e6 10 \
  0.003 21 > "$d/li2-before.csv" || failed "eisfit-gen before"
"$gen" spectrum "L0-R0-p(R1,CPE1)-p(R2,CPE2)" 5e-7,151,170,6e-8,0.9,280,3e-6,0.85 0.1 1e6 10 \
  0.003 22 > "$d/li2-after.csv" || failed "eisfit-gen after"
"$gen" polarization 0.010 1.814882e-5 1.425178e-5 900 14400 5 0.002 3 \
  > "$d/li2-polarization.csv" || failed "eisfit-gen polarization"
jnum () { grep -o "\"$1\": [-0-9.e+a-z]*" "$2" | head -1 | cut -d' ' -f2; }
near () { awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = v - e; if (d < 0) d = -d; exit !(v != "" && d <= t) }'; }
for g in "" "--thickness 0.5mm --diameter 10mm" "--thickness 0.5mm --diameter 10mm --cell li-symmetric"; do
  # shellcheck disable=SC2086
  "$cli" transference --polarization "$d/li2-polarization.csv" --before "$d/li2-before.csv" \
    --after "$d/li2-after.csv" $g -f json > "$tmp/t.json" 2> /dev/null
  t=$(jnum t_plus "$tmp/t.json"); r=$(jnum R0_Ohm "$tmp/t.json")
  near "$t" 0.600 0.02 || failed "CLI ${g:-no geometry}: t_plus $t, not within 0.02 of 0.600"
  near "$r" 400 16 || failed "CLI ${g:-no geometry}: R0 $r, not within 4 % of 400"
  grep -q '"t_plus_ambiguous": true' "$tmp/t.json" \
    || failed "CLI ${g:-no geometry}: not marked ambiguous"
  hi=$(jnum t_plus_high "$tmp/t.json")
  awk -v h="$hi" 'BEGIN { exit !(h > 0.68 && h < 0.75) }' \
    || failed "CLI ${g:-no geometry}: the other reading $hi (the arc as electrolyte: 0.70-0.73)"
done
for g in "" "--cell=li-symmetric"; do
  # shellcheck disable=SC2086
  run_gui --thickness 0.5mm --diameter 10mm $g --fit-all --print-results "$d"/li2-*.csv \
    > "$tmp/g.json" 2> "$tmp/g.err" || failed "eisfit-gtk $g: $(tail -2 "$tmp/g.err")"
  t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["transference"]["t_plus"])' \
      "$tmp/g.json" 2> /dev/null)
  near "$t" 0.600 0.02 || failed "GUI ${g:-}: t_plus $t, not within 0.02 of 0.600"
done
[ "$fail" -eq 0 ] && echo "ok: CLI and GUI give t+ 0.600 as the headline with and without geometry"
exit "$fail"
