#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A Li|electrolyte|Li cell's arc of open role is read the same way by the fit report and by
# eisfit transference: the interface first, the other reading named. The cell (eisfit-gen, 0.3 %
# noise): leads and electrolyte R0 = 151 Ohm, an SEI arc R1 = 150 Ohm (CPE 6e-8, n 0.9: C_eff
# 1.65e-8 F, 1.05e-9 F/cm for 0.5 mm and 10 mm, in the band where grain boundaries and
# interphases both occur), charge transfer R2 = 250 Ohm (CPE 3e-6, n 0.85): R_interface = 400.
# Before, `eisfit --cell li-symmetric` led with the capacitance's reading (R1||CPE1 "grain
# boundary", R_interface 249.4 Ohm, sigma_total from 301.7 Ohm) while eisfit transference took
# R_int,0 = 400.3 Ohm from the same fit.
set -u
: "${EISFIT:?}" "${top_builddir:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
gen=$top_builddir/eisfit-gen
fail=0
check () { # description, status
  if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}
near () { # value expected relative-tolerance
  awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = (v - e) / e; if (d < 0) d = -d; exit !(v != "" && d <= t) }'
}
jnum () { grep -o "\"$1\": [-0-9.e+a-z]*" "$2" | head -1 | cut -d' ' -f2; }
"$gen" spectrum "L0-R0-p(R1,CPE1)-p(R2,CPE2)" 5e-7,151,150,6e-8,0.9,250,3e-6,0.85 0.1 1e6 10 \
  0.003 21 > "$tmp/li2-before.csv" || exit 99
"$gen" spectrum "L0-R0-p(R1,CPE1)-p(R2,CPE2)" 5e-7,151,170,6e-8,0.9,280,3e-6,0.85 0.1 1e6 10 \
  0.003 22 > "$tmp/li2-after.csv" || exit 99
"$gen" polarization 0.010 1.814882e-5 1.425178e-5 900 14400 5 0.002 3 \
  > "$tmp/li2-polarization.csv" || exit 99
g="--thickness 0.5mm --diameter 10mm"

# shellcheck disable=SC2086
"$EISFIT" --cell li-symmetric $g "$tmp/li2-before.csv" --no-kk > "$tmp/fit.txt" 2>&1
# shellcheck disable=SC2086
"$EISFIT" --cell li-symmetric $g "$tmp/li2-before.csv" --no-kk -f json > "$tmp/fit.json" 2> /dev/null
# shellcheck disable=SC2086
"$EISFIT" transference --polarization "$tmp/li2-polarization.csv" --before "$tmp/li2-before.csv" \
  --after "$tmp/li2-after.csv" $g --cell li-symmetric -f json > "$tmp/t.json" 2> /dev/null

ri=$(jnum R_interface_total "$tmp/fit.json")
near "$ri" 400 0.04; check "fit report: R_interface $ri (truth 400: the SEI arc in the interface first)" $?
r0=$(jnum R0_Ohm "$tmp/t.json")
near "$ri" "$r0" 1e-4; check "fit report R_interface $ri = transference R_int,0 $r0" $?
ro=$(jnum R_interface_total_other "$tmp/fit.json")
near "$ro" 250 0.04; check "the other reading: R_interface $ro (the charge transfer alone, 250)" $?
rt=$(jnum R_total_other "$tmp/fit.json")
near "$rt" 301 0.04; check "the other reading: electrolyte $rt (R0 + R1, 301)" $?
grep -q '"role": "interface", "role_other_reading": "grain_boundary"' "$tmp/fit.json"
check "JSON: R1||CPE1 role interface, grain boundary the other reading" $?
# sigma_total from R0 alone (151 Ohm; L/A = 0.0637 1/cm: 4.22e-4 S/cm), the other 2.11e-4
st=$(grep -o '"total": [-0-9.e+]*' "$tmp/fit.json" | head -1 | cut -d' ' -f2)
near "$st" 4.22e-4 0.04; check "sigma_total $st from the electrolyte of the first reading (4.22e-4)" $?
so=$(grep -o '"total_other": [-0-9.e+]*' "$tmp/fit.json" | head -1 | cut -d' ' -f2)
near "$so" 2.11e-4 0.04; check "sigma_total of the other reading $so (2.11e-4)" $?
grep -q 'R1||CPE1 .* -> interface (role open: grain boundary by its capacitance, the other reading' "$tmp/fit.txt"
check "text: the roles line reads R1||CPE1 as interface, the other reading named" $?
grep -q 'caution: role_ambiguous: .*interface first, as eisfit transference.*the other reading counts it in the electrolyte: R_interface 2[0-9.]* Ohm, ASR [0-9.]* Ohm cm2, electrolyte 30[0-9.]* Ohm, sigma_total [0-9.e-]* S/cm$' "$tmp/fit.txt"
check "text: the caution gives the other reading" $?
! grep -q "sigma_gb " "$tmp/fit.txt"; check "no sigma_gb from an arc read as the interface" $?

# a pellet (no cell said) keeps the capacitance's reading
# shellcheck disable=SC2086
"$EISFIT" $g "$tmp/li2-before.csv" --no-kk -f json > "$tmp/p.json" 2> /dev/null
! grep -q '"role": "interface"' "$tmp/p.json"; check "no cell said: no arc read as the interface" $?
exit "$fail"
