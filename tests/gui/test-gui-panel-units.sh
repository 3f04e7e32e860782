#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The conductivity panel writes units one way (gui-audit finding 15: "cm^-1" in one note and
# "cm⁻¹" elsewhere). The engine's notes and cautions, written for a terminal, read "a cell
# constant of 1 cm^-1" and "the intercept 60.334 Ohm"; in the panel they say cm⁻¹ and Ω as
# the geometry line and the values above them do. li-before.csv fitted without a geometry
# brings both texts.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/li-before.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup panel-units

printf 'open %s\nfit\nprint conductivity\n' "$S/li-before.csv" >"$tmp/u.script"
run_gui --test-script "$tmp/u.script" >"$tmp/u.out" 2>"$tmp/u.err" \
  || failed "eisfit-gtk --test-script exited with $?: $(tail -2 "$tmp/u.err")"
grep -q 'a cell constant of 1 cm⁻¹' "$tmp/u.out" \
  || failed "the no-geometry note: $(grep -o 'cell constant of [^)]*' "$tmp/u.out")"
grep -q 'the intercept 60\.[0-9]* Ω is R_bulk' "$tmp/u.out" \
  || failed "the intercept's caution: $(grep -o 'the intercept [0-9.]* [^ ]*' "$tmp/u.out")"
if grep -q 'cm^-1\|[0-9] Ohm\b' "$tmp/u.out"; then
  failed "terminal units in the panel: $(grep -o '.\{30\}\(cm^-1\|[0-9] Ohm\).\{10\}' "$tmp/u.out" | head -2)"
fi

[ "$fail" -eq 0 ] && echo "PASS: the conductivity panel writes cm⁻¹ and Ω in its notes"
exit "$fail"
