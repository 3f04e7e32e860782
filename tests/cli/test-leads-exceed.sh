#!/bin/sh
# Leads given (--leads) at or above the resistance they are taken from leave no electrolyte:
# a hostile tester's --leads 300ohm on a pellet whose R0 + R1 is 240.75 Ohm printed
# "R_total = -59.248 Ohm" (and eisfit-gtk's headline "R total -59.25 Ohm: thickness and diameter
# give sigma" with both given); 240 Ohm (99.7 %) gave sigma_total 0.10 S/cm with no caution;
# 600 Ohm on samples/pellet-25C.csv (bulk arc R1 369 Ohm holding the leads) said only "no
# electrolyte resistance measured". Now: no R_total, no sigma, a caution naming both values;
# above half of it, a caution that sigma rests mostly on the leads' value; small leads as before.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
G="--thickness 0.5mm --diameter 10mm"
# R0 (10 Ohm) + a bulk arc above the 1 MHz top (300 Ohm, apex 5 MHz) + a grain boundary
# (800 Ohm, apex 70 kHz) + a blocking CPE: only R0 + R1 = 310 Ohm is determined
awk 'BEGIN { pi = 3.141592653589793
  q1 = 1 / (300 * exp(0.93 * log(2 * pi * 5e6))); q2 = 1 / (800 * exp(0.85 * log(2 * pi * 7e4)))
  printf "10,300,%.6g,0.93,800,%.6g,0.85,4e-6,0.88\n", q1, q2 }' > "$tmp/p"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" "$(cat "$tmp/p")" 1 1e6 10 0.005 7 > "$tmp/d.csv" \
  || exit 99
C="R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"

"$EISFIT" "$tmp/d.csv" -c "$C" $G --no-kk --leads 400ohm > "$tmp/o" 2> "$tmp/e"
grep -q "R_total = -" "$tmp/o"; check "leads 400 Ohm above R0 + R1: no negative R_total" "$((1 - $?))"
grep -q "caution: the leads given (--leads 400 Ohm) are not below the resistance they are taken from (3[01][0-9.]* Ohm): no electrolyte resistance is left" "$tmp/o"
check "leads 400 Ohm: the caution names both values" $?
grep -q "sigma_total  -  .*the leads given leave no electrolyte resistance" "$tmp/o"
check "leads 400 Ohm: no sigma_total, and why" $?
"$EISFIT" -f json "$tmp/d.csv" -c "$C" $G --no-kk --leads 400ohm > "$tmp/j" 2> "$tmp/e"
grep -q '"R_total": null' "$tmp/j"; check "leads 400 Ohm: JSON R_total null" $?

"$EISFIT" "$tmp/d.csv" -c "$C" $G --no-kk --leads 300ohm > "$tmp/o" 2> "$tmp/e"
grep -q "caution: the leads given (--leads 300 Ohm) are 9[0-9] % of the resistance they are taken from" "$tmp/o"
check "leads 300 Ohm (over 90 % of R0 + R1): a caution that sigma rests on them" $?

"$EISFIT" "$tmp/d.csv" -c "$C" $G --no-kk --leads 10ohm > "$tmp/o" 2> "$tmp/e"
grep -q "caution: the leads given" "$tmp/o"
check "leads 10 Ohm (the truth): no leads caution" "$((1 - $?))"
grep -q "sigma_total  [0-9]" "$tmp/o"; check "leads 10 Ohm: sigma_total given" $?

# the bulk arc above the top holding the leads (no series resistance in the circuit)
"$EISFIT" "$s/pellet-25C.csv" $G --no-kk --leads 600ohm > "$tmp/o" 2> "$tmp/e"
grep -q "caution: the leads given (--leads 600 Ohm) are not below the resistance they are taken from" "$tmp/o"
check "pellet-25C, leads 600 Ohm above the bulk arc's R: said" $?
grep -q "sigma_bulk   -  .*the leads given leave no electrolyte resistance" "$tmp/o"
check "pellet-25C, leads 600 Ohm: sigma_bulk withheld, and why" $?
exit $fail
