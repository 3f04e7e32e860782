#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Arrhenius page counts measurements, and says which points each line holds:
#  - the same data opened several times (or a copy under another name) is one point (the
#    hostile tester's F13: 4 x 25 degC + 4 x 40 degC gave "points 8" and Ea's error halved,
#    0.00069 eV where eisfit arrhenius gives 0.0014 for the two spectra); the copies are listed
#    as left out, "counted once";
#  - a spectrum in the total's line but not the bulk's (bulk and grain boundary not separated
#    in its fit) is named (the new-user tester's F8: "6 spectra" and a 5-point bulk line, with
#    no word why).
# Data by eisfit-gen with known truth (a pellet 0.5 mm x 10 mm: bulk Ea 0.30 eV, sigma_bulk(25
# degC) 1e-4 S/cm, grain boundary Ea 0.45 eV); at 60 degC measured only up to 100 kHz, where
# both arcs lie above the range. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup arrhenius-points

# 1. duplicates: the samples, each opened four times (one of them a copy under another name)
cp "$S/pellet-25C.csv" "$tmp/copy-25C.csv"
set -- "$S/pellet-25C.csv" "$S/pellet-25C.csv" "$S/pellet-25C.csv" "$tmp/copy-25C.csv" \
  "$S/pellet-40C.csv" "$S/pellet-40C.csv" "$S/pellet-40C.csv" "$S/pellet-40C.csv"
run_gui --fit-all --print-results --thickness 0.6mm --diameter 10mm "$@" > "$tmp/dup.json" \
  2> "$tmp/dup.err" || failed "--print-results: $(cat "$tmp/dup.err")"
points=$(sed -n 's/.*"arrhenius": {[^}]*"points": \([0-9]*\).*/\1/p' "$tmp/dup.json")
[ "${points:-x}" = 2 ] || failed "points: ${points:-none}, not 2 (the same data counted again)"
"$cli" arrhenius --thickness 0.6mm --diameter 10mm -f json "$S/pellet-25C.csv" \
  "$S/pellet-40C.csv" > "$tmp/cli.json" 2> /dev/null || failed "eisfit arrhenius failed"
g=$(sed -n 's/.*"bulk": {"Ea_eV": [-0-9.e]*, "Ea_stderr_eV": \([-0-9.e]*\).*/\1/p' "$tmp/dup.json")
c=$(sed -n 's/.*"bulk": {"sigma": {"form": "sigma", "Ea_eV": [-0-9.e]*, "Ea_stderr_eV": \([-0-9.e]*\).*/\1/p' "$tmp/cli.json")
awk -v g="${g:-0}" -v c="${c:-1}" 'BEGIN { exit !(g > 0 && c > 0 && g / c > 0.99 && g / c < 1.01) }' \
  || failed "bulk Ea's error ${g:-none} eV, eisfit arrhenius ${c:-none} eV"
printf 'open %s\nselect all\nfit-all\nprint arrhenius\nquit\n' "$*" > "$tmp/dup.script"
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/dup.script" > "$tmp/dup.out" \
  2> /dev/null || failed "--test-script (duplicates)"
n=$(grep -o "the same data as [^)]*: counted once" "$tmp/dup.out" | wc -l)
[ "$n" -eq 6 ] || failed "$n of 6 copies said to be counted once: $(cat "$tmp/dup.out")"

# 2. a total-only point is named
for t in -20 0 20 60; do
  p=$(awk -v t="$t" 'BEGIN { k = 8.617333262e-5; T = t + 273.15; x = 1 / T - 1 / 298.15;
        rb = 636.6 * exp(0.30 / k * x); rg = 400 * exp(0.45 / k * x); n = 0.85;
        q = exp(n * log(2e-9) + (1 - n) * log(rg));
        printf "%.6g,2.7816e-11,%.6g,%.6g,0.85,2e-6,0.9", rb, rg, q }')
  name=$(echo "$t" | sed 's/^-/m/'); fmax=7e6; [ "$t" = 60 ] && fmax=1e5
  "$gen" spectrum "p(R1,C1)-p(R2,CPE2)-CPE3" "$p" 0.1 $fmax 10 0.005 "$((t + 71))" \
    > "$tmp/c_${name}C.csv" || exit 99
done
printf 'open %s\nselect all\nfit-all\nprint arrhenius\nquit\n' \
  "$tmp/c_m20C.csv $tmp/c_0C.csv $tmp/c_20C.csv $tmp/c_60C.csv" > "$tmp/t.script"
run_gui --thickness 0.5mm --diameter 10mm --test-script "$tmp/t.script" > "$tmp/t.out" \
  2> /dev/null || failed "--test-script (total only)"
grep -q "σ bulk from 3 of the 4 points: c_60C.csv #1 only in σ total" "$tmp/t.out" \
  || failed "the 60 degC point, in the total's line only, is not named: $(cat "$tmp/t.out")"
ea=$(sed -n 's/.*σ bulk: Ea = \([0-9.]*\) ± \([0-9.]*\) eV.*/\1 \2/p' "$tmp/t.out")
set -- $ea
awk -v e="${1:-0}" -v s="${2:-0}" 'BEGIN { exit !(s > 0 && (e - 0.30) ^ 2 < (3 * s) ^ 2 + 1e-6) }' \
  || failed "bulk Ea ${1:-none} +- ${2:-none} eV, truth 0.30"
exit $fail
