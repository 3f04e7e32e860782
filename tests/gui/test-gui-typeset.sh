#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The engine's messages shown typeset, as the rest of the window writes: the Arrhenius page's
# warnings (the engine writes "sigma(25.00 degC) ... +- ... S/cm" for the terminal: the page
# showed that beside its own "σ(25 °C)"), the DRT page's warning ("1739 Ohm", "R_inf", "tau"),
# the conductivity panel's cautions and a failed fit's banner: σ, °C, ±, Ω, R∞, τ, and no ASCII
# spelling left. eisfit itself keeps the ASCII (tests/cli compare its texts).
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup typeset

ascii='degC| \+- |[0-9] ?[kM]?Ohm\b|\bOhm cm2|\bsigma[_(]|\bR_inf\b|\btau\b|cm\^-1'
cat >"$tmp/t.script" <<EOS
select all
fit-all
close-banner
page arrhenius
wait 300
print arrhenius
page drt
print drt
select 0
print conductivity
circuit R0-p(R1,CPE1)
param R0 value 0
param R0 fix 1
fit
print banner
quit
EOS
run_gui --size 1024x700 --thickness 0.6mm --diameter 10mm --test-script "$tmp/t.script" \
  "$S"/pellet-*.csv >"$tmp/t.out" 2>"$tmp/t.err" \
  || failed "eisfit-gtk exited with $?: $(tail -3 "$tmp/t.err")"
# what the engine's texts say, typeset
for want in 'σ total: σ(25.00 °C) of the straight line' 'it is [0-9.e+-]* ± [0-9.e+-]* S/cm' \
            'In a ceramic, σ total adds' '(1739 Ω)' 'R∞ + R_pol without it, 6604 Ω' \
            'γ growing without bound at long τ'; do
  grep -q -- "$want" "$tmp/t.out" && echo "ok: shown: $want" || failed "not shown: $want"
done
if grep -nE "$ascii" "$tmp/t.out"; then
  failed "ASCII spellings left in the window's texts (above)"
else
  echo "ok: no ASCII spelling (degC, +-, Ohm, sigma_, R_inf, tau, cm^-1) in $(wc -l <"$tmp/t.out") lines"
fi
# the CLI keeps its ASCII: the same warning of the DRT, as eisfit drt prints it
"$cli" drt "$S/pellet-m20C.csv" >"$tmp/cli.out" 2>&1
grep -q '(1739 Ohm)' "$tmp/cli.out" && echo "ok: eisfit drt still writes (1739 Ohm)" \
  || failed "eisfit drt no longer writes (1739 Ohm): $(grep -i tail "$tmp/cli.out" | head -2)"
grep -E "CRITICAL|Gtk-WARNING" "$tmp/t.err" | grep -v "session bus" && failed "GTK warnings"
exit $fail
