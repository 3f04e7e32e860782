#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --fmin that cuts a blocking pellet's spectrum on the electrolyte arc's low-frequency side.
# Truth (eisfit-gen, 0.3 % noise): R0 100 Ohm, grain boundary R1 2000 Ohm at C 2e-9 F (CPE n
# 0.8, apex ~40 kHz), blocking spike CPE2 2e-6 F s^(n-1), n 0.85; L 0.05 cm, A 1 cm2:
# R_total 2100 Ohm, sigma_total 2.3810e-5 S/cm. Cut at 1 kHz to 30 kHz the arc does not close
# within the data and the fit extrapolates its shape: sigma_total 2.4133e-5 +- 8.8e-8 (3.7
# s.e. off) at 1 kHz, 2.3324e-5 +- 8.7e-8 (5.6 s.e.) at 30 kHz, with no word on it. A caution
# ("open_arc:") now says that R_total and sigma_total rest on the extrapolated arc. Measured
# to the spike (0.1 Hz, 10 Hz, 100 Hz) there is no such caution, and sigma_total is right.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
Q=$(awk 'BEGIN { n = 0.8; printf "%.6g", 2e-9 ^ n * 2000 ^ (n - 1) }')
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "100,2000,$Q,0.8,2e-6,0.85" 0.1 1e7 10 0.003 3 > "$tmp/m.csv"
for fm in 1000 3000 10000 30000; do
  "$EISFIT" --cell blocking --thickness 0.05cm --area 1cm2 --no-kk --fmin $fm -f json \
    "$tmp/m.csv" > "$tmp/o.json" 2> /dev/null
  if grep -q '"open_arc: the data end at [^"]*R_total = [^"]*not determined by the data' "$tmp/o.json"
  then ok "--fmin $fm: the open arc said"
  else bad "--fmin $fm: no open_arc caution: $(grep -o '"cautions": \[[^]]*' "$tmp/o.json")"; fi
done
for fm in 0.1 10 100; do
  "$EISFIT" --cell blocking --thickness 0.05cm --area 1cm2 --no-kk --fmin $fm -f json \
    "$tmp/m.csv" > "$tmp/c.json" 2> /dev/null
  if grep -q 'open_arc' "$tmp/c.json"; then bad "--fmin $fm: open_arc caution on a closed arc"
  else ok "--fmin $fm: no open_arc caution"; fi
  check_rel "--fmin $fm: sigma_total (truth 2.3810e-5)" \
    "$(grep -o '"total": [-0-9.e+]*' "$tmp/c.json" | head -1 | cut -d' ' -f2)" 2.3810e-5 0.003
done
exit $fail
