#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk refuses a cell length below 1 nm (or an area below 1 nm2) with the engine's own
# message, as eisfit does (a unit slip, not "expected a length"), under Xvfb:
#  1. typed under Geometry: "thickness "1e-9mm" is thinner than 1 nm: no sample is (a unit
#     slip?)", the entry marked, no sigma; likewise a diameter of 0.5nm, and an area of
#     1e-16cm2 in File Properties;
#  2. on the command line: --thickness 1e-9mm and --area 1e-16cm2 exit 1 with the same words
#     as eisfit --thickness 1e-9mm.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup geometry-units

cat >"$tmp/a.script" <<EOF
open $S/pellet-25C.csv
select 0
fit
geometry 1e-9mm 10mm ""
print geometry
print conductivity
geometry 0.6mm 0.5nm ""
print geometry
cell 0 blocking 0.6mm "" 1e-16cm2
quit
EOF
run_gui --test-script "$tmp/a.script" >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/a.err")"
grep -qF 'thickness "1e-9mm" is thinner than 1 nm: no sample is (a unit slip?)' "$tmp/a.out" \
  && echo "ok: a thickness of 1e-9mm typed: the engine's message" \
  || failed "thickness 1e-9mm: $(grep -A1 '^Geometry' "$tmp/a.out" | head -2)"
grep -qF 'diameter "0.5nm" is smaller than 1 nm: no electrode is (a unit slip?)' "$tmp/a.out" \
  && echo "ok: a diameter of 0.5nm typed: the engine's message" \
  || failed "diameter 0.5nm: $(grep -A1 '^Geometry' "$tmp/a.out" | tail -1)"
grep -qxF 'cell: area "1e-16cm2" is smaller than 1 nm2: no electrode is (a unit slip?)' "$tmp/a.out" \
  && echo "ok: an area of 1e-16cm2 in File Properties: the engine's message" \
  || failed "File Properties with 1e-16cm2: $(grep '^cell' "$tmp/a.out")"
# no σ row with a value (the engine's cautions may name σ in words: "... give σ")
grep 'R bulk' "$tmp/a.out" | grep -qE 'σ (bulk|total|gb)[^|]*\| [0-9]' && failed "a sigma from a thickness of 1e-9mm: $(grep 'R bulk' "$tmp/a.out")"

run_gui --thickness 1e-9mm --diameter 10mm --print-results "$S/pellet-25C.csv" >/dev/null 2>"$tmp/t.err"
rc=$?
"$cli" --thickness 1e-9mm --diameter 10mm "$S/pellet-25C.csv" >/dev/null 2>"$tmp/cli.err"
want='"1e-9mm" is thinner than 1 nm: no sample is (a unit slip?)'
[ "$rc" -eq 1 ] && grep -qF -- "--thickness $want" "$tmp/t.err" && grep -qF "$want" "$tmp/cli.err" \
  && echo "ok: --thickness 1e-9mm: exit 1, $(grep -F "$want" "$tmp/t.err")" \
  || failed "--thickness 1e-9mm: exit $rc: $(grep -v 'session bus' "$tmp/t.err"); eisfit: $(cat "$tmp/cli.err")"
run_gui --area 1e-16cm2 --print-results "$S/pellet-25C.csv" >/dev/null 2>"$tmp/a2.err"
rc=$?
[ "$rc" -eq 1 ] && grep -qF -- '--area "1e-16cm2" is smaller than 1 nm2: no electrode is (a unit slip?)' "$tmp/a2.err" \
  && echo "ok: --area 1e-16cm2: exit 1 with the engine's message" \
  || failed "--area 1e-16cm2: exit $rc: $(grep -v 'session bus' "$tmp/a2.err")"
[ "$fail" -eq 0 ] && echo "PASS: lengths below 1 nm refused with the engine's message"
exit "$fail"
