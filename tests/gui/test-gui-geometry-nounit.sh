#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk warns about a geometry typed without a unit, as eisfit --thickness 0.06 does (read
# as cm: "0.6" meant as mm is a tenfold slip in sigma), under the Geometry entries, and still
# reads it: thickness 0.06 gives L = 0.06 cm with the command line's words; a diameter "1" and
# an area "0.785" are cautioned likewise (cm, cm2); 0.6mm and 10mm bring no caution.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup geometry-nounit

cat >"$tmp/a.script" <<EOF
open $S/pellet-25C.csv
select 0
geometry 0.06 10mm ""
print geometry
geometry 0.6mm 1 ""
print geometry
geometry 0.6mm "" 0.785
print geometry
geometry 0.6mm 10mm ""
print geometry
quit
EOF
run_gui --test-script "$tmp/a.script" >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/a.err")"
"$cli" --thickness 0.06 --diameter 10mm "$S/pellet-25C.csv" >/dev/null 2>"$tmp/cli.err"
cli_words=$(grep -o -- '--thickness 0.06 has no unit.*' "$tmp/cli.err")
[ -n "$cli_words" ] || failed "eisfit --thickness 0.06 gives no warning: $(cat "$tmp/cli.err")"
gui_words="Thickness${cli_words#--thickness}"
grep -qF "⚠ $gui_words" "$tmp/a.out" \
  && echo "ok: thickness 0.06: ⚠ $gui_words" \
  || failed "thickness 0.06: no caution \"$gui_words\": $(cat "$tmp/a.out")"
grep -q "^L = 0.06 cm,  A = 0.7854 cm²" "$tmp/a.out" \
  && echo "ok: thickness 0.06 still read as 0.06 cm" \
  || failed "thickness 0.06 not read as cm: $(grep '^L =' "$tmp/a.out")"
grep -qF "⚠ Diameter 1 has no unit: read as 1 cm; write e.g. 1mm if millimetres are meant" \
  "$tmp/a.out" && echo "ok: diameter 1 cautioned" || failed "diameter 1: no caution"
grep -qF "⚠ Area 0.785 has no unit: read as 0.785 cm2; write e.g. 0.785mm2 if square millimetres are meant" \
  "$tmp/a.out" && echo "ok: area 0.785 cautioned" || failed "area 0.785: no caution"
[ "$(grep -c 'has no unit' "$tmp/a.out")" -eq 3 ] \
  || failed "cautions for 0.6mm and 10mm, or missing: $(grep -c 'has no unit' "$tmp/a.out") of 3"
[ "$fail" -eq 0 ] && echo "PASS: a geometry without unit cautioned as on the command line"
exit "$fail"
