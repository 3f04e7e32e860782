#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series page on heating and cooling with a 4 % hysteresis (tests/data/hysteresis,
# gen-hysteresis.py; tester 8's F5 and F9), as eisfit arrhenius --global:
#  1. the Arrhenius law inside the joint fit does not fit the spectra: said in orange
#     ("⚠ Global: the temperature law does not fit the spectra ..."), its errors widened (the
#     global sigma(25 degC) 1.512e-4 +- 2.5e-6, within two of them of the law through both
#     branches, 1.530e-4); the repeated temperatures that disagree named ("⚠ sigma_bulk:
#     spectra differ at the same temperature: -20.00 degC ...").
#  2. information is not a warning: the joint fit's "one joint fit of the series: C1 common to
#     all spectra ..." (the pellet samples with C1 shared) is shown plain, without the ⚠ the
#     page gives warnings, as eisfit's "note:".
set -u
. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup hysteresis
h=$top_srcdir/tests/data/hysteresis

printf 'series-law arrhenius\nseries-fit all\nprint series\nquit\n' > "$tmp/h.script"
run_gui --thickness=1mm --diameter=10mm --page=series --test-script="$tmp/h.script" \
  $h/heat-m20C.csv $h/heat-0C.csv $h/heat-20C.csv $h/heat-40C.csv \
  $h/cool-40C.csv $h/cool-20C.csv $h/cool-0C.csv $h/cool-m20C.csv >"$tmp/h.out" 2>"$tmp/h.err" \
  || failed "hysteresis: exit $?: $(tail -3 "$tmp/h.err")"
grep -q "^⚠ Global: the temperature law does not fit the spectra: with it the reduced chi2 is .* trust the two-step result" "$tmp/h.out" \
  && echo "ok: the global law's misfit is shown" \
  || failed "no misfit on the page: $(grep -E '^(⚠|Global)' "$tmp/h.out")"
grep -q "^⚠ sigma_bulk: spectra differ at the same temperature: -20.00 degC (+[34]\.[0-9] %, [0-9.]* s.e.); 0.00 degC" "$tmp/h.out" \
  && echo "ok: the temperatures where the spectra differ are named" \
  || failed "no repeated-temperature warning: $(grep -E '^⚠' "$tmp/h.out")"
line=$(grep "^Global (Arrhenius law inside the joint fit, bulk):" "$tmp/h.out")
s=$(echo "$line" | sed -n 's/.*σ(25 °C) \([0-9.e+-]*\) ± \([0-9.e+-]*\) S.*/\1 \2/p')
if echo "$s" | awk '{ d = ($1 - 1.5297e-4) / $2; if (d < 0) d = -d; exit !($2 > 1.5e-6 && d <= 2) }'
then echo "ok: global sigma(25 degC) $s (widened; within 2 errors of 1.5297e-4)"
else failed "global sigma(25 degC): '$line'"; fi

printf 'series-shared C1\nseries-fit all\nprint series\nquit\n' > "$tmp/n.script"
run_gui --thickness=0.6mm --diameter=10mm --page=series --test-script="$tmp/n.script" \
  $S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv $S/pellet-60C.csv \
  $S/pellet-80C.csv >"$tmp/n.out" 2>"$tmp/n.err" || failed "notes: exit $?: $(tail -3 "$tmp/n.err")"
grep -q "^one joint fit of the series: C1 common to all spectra" "$tmp/n.out" \
  && ! grep -q "⚠ one joint fit of the series" "$tmp/n.out" \
  && echo "ok: the joint fit's note is shown without ⚠" \
  || failed "the joint fit's note: $(grep 'one joint fit' "$tmp/n.out")"
[ "$fail" -eq 0 ] && echo "PASS: the Series page on heating and cooling"
exit "$fail"
