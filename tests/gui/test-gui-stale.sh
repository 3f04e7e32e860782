#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Derived panels under Xvfb (issue 13 item 1): the Transference and Arrhenius views use the fits
# of exactly the spectra they name, say which, and give way or say so when those fits change.
# Each block fails without its fix. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

[ -r "$S/li-polarization.csv" ] && [ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup stale

run_script () {  # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/$1.script" \
    >"$tmp/$1.out" 2>"$tmp/$1.err" \
    || failed "$1: eisfit-gtk --test-script exited with $?: $(cat "$tmp/$1.err")"
}

# 1. t+ is computed, then the spectrum before is refitted with a circuit that has no interface
#    arc: the old t+ (from the replaced fit) is no longer shown; the view says what is missing.
cat >"$tmp/refit.script" <<EOS
open $S/li-polarization.csv $S/li-before.csv $S/li-after.csv
compute
print transference
select 0
circuit R0-CPE1
fit
print transference
print json
EOS
run_script refit
[ "$(grep -c '^result: t₊ = 0.8603 ± 0.0079' "$tmp/refit.out")" -eq 1 ] \
  || failed "refit: a t+ from the replaced fit of li-before.csv is still shown: $(grep '^result' "$tmp/refit.out" | tail -1)"
grep -q '^result: t₊ needs R_int,0 and R_int,ss.*the fit of li-before.csv #1 (R0-CPE1) has no interface arc' "$tmp/refit.out" \
  || failed "refit: the view does not say that the new fit of li-before.csv gives no R0: $(grep '^result' "$tmp/refit.out" | tail -1)"
grep -q '"transference": null' "$tmp/refit.out" \
  || failed "refit: --print-results still reports a transference number"

# 2. A value typed into R0 stays when another spectrum (not before, not after) is fitted
#    (pellet-25C.csv, first in the list: it has a temperature, the Li|Li files none).
cat >"$tmp/typed.script" <<EOS
open $S/li-polarization.csv $S/li-before.csv $S/li-after.csv $S/pellet-25C.csv
compute
transference R0 300
compute
select 0
fit
print transference
EOS
run_script typed
grep -q '^R_int,0: 300$' "$tmp/typed.out" \
  || failed "typed: fitting pellet-25C.csv overwrote the R0 typed for the transference: $(grep '^R_int,0' "$tmp/typed.out")"
grep -q '^source: R_int,0 = 300 Ω as typed' "$tmp/typed.out" \
  || failed "typed: the typed R0 is not labelled: $(grep '^source' "$tmp/typed.out")"

# 3. Arrhenius names the spectra behind its points and the selected ones it leaves out (and
#    why), and says when one of them was edited since its fit.
cat >"$tmp/arr.script" <<EOS
open $S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/li-before.csv
select all
geometry 0.6mm 10mm ""
fit
print arrhenius
select 0 1 2 3
param R1 value 5000
print arrhenius
EOS
run_script arr
grep -q '^From the fits of pellet-m20C.csv #1 (-20 °C), pellet-0C.csv #1 (0 °C), pellet-25C.csv #1 (25 °C)\.$' "$tmp/arr.out" \
  || failed "arrhenius: the spectra behind the points are not named: $(cat "$tmp/arr.out")"
grep -q '^Selected but left out: li-before.csv #1 (no temperature)\.$' "$tmp/arr.out" \
  || failed "arrhenius: the selected spectrum without a temperature is not named"
[ "$(grep -c '^⚠ pellet-m20C.csv #1 was edited since its fit' "$tmp/arr.out")" -eq 1 ] \
  || failed "arrhenius: an edit of pellet-m20C.csv after its fit is not marked (once, after the edit)"

# 4. ... and when its spectra were fitted with different circuits (R1 then means different
#    arcs from point to point).
cat >"$tmp/mixed.script" <<EOS
open $S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv
select all
geometry 0.6mm 10mm ""
circuit R0-p(R1,CPE1)-p(R2,CPE2)-CPE3
fit
select 2
circuit R0-p(R1,C1)-p(R2,CPE2)-CPE3
fit
select all
print arrhenius
EOS
run_script mixed
grep -q '^⚠ The spectra were fitted with 2 different circuits' "$tmp/mixed.out" \
  || failed "arrhenius: fits with different circuits are not flagged: $(cat "$tmp/mixed.out")"

exit $fail
