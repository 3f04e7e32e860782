#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A project keeps the side panel's "as typed for ..." warning of a geometry a file took from
# another (issue 13): li-before.csv, opened after the geometry 0.6mm/10mm was typed for
# pellet-25C.csv, is saved with geometry-note=as typed for pellet-25C.csv in its [file]
# group; the project opened again shows the same warning under Geometry (before: it was
# dropped, and the Li|Li cell's sigma looked like its own) and Export Results' geometry_note
# has it; eisfit --project reads the key. A geometry typed for the file itself has no note.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup project-geometry

cp "$S/pellet-25C.csv" "$S/li-before.csv" "$tmp/" || exit 99
cat >"$tmp/save.script" <<EOF
open $tmp/pellet-25C.csv
select 0
geometry 0.6mm 10mm ""
open $tmp/li-before.csv
select 1
fit
print geometry
save-project $tmp/p.eisfit
quit
EOF
run_gui --test-script "$tmp/save.script" >"$tmp/save.out" 2>"$tmp/save.err" \
  || failed "saving: $(grep -v 'session bus' "$tmp/save.err")"
grep -q '⚠ as typed for pellet-25C.csv: check that it is this cell' "$tmp/save.out" \
  || failed "the panel did not warn before saving: $(grep -A2 '^Geometry' "$tmp/save.out")"
[ "$(grep -c '^geometry-note=' "$tmp/p.eisfit")" -eq 1 ] \
  && grep -q '^geometry-note=as typed for pellet-25C.csv$' "$tmp/p.eisfit" \
  && echo "ok: the project keeps the warning of li-before.csv's geometry (and only that)" \
  || failed "geometry-note in the project: $(grep -n 'geometry-note\|^\[file' "$tmp/p.eisfit")"

cat >"$tmp/open.script" <<EOF
open-project $tmp/p.eisfit
select 1
print geometry
export-csv $tmp/r.csv
select 0
print geometry
quit
EOF
run_gui --test-script "$tmp/open.script" >"$tmp/open.out" 2>"$tmp/open.err" \
  || failed "opening: $(grep -v 'session bus' "$tmp/open.err")"
n=$(grep -c '⚠ as typed for pellet-25C.csv: check that it is this cell' "$tmp/open.out")
[ "$n" -eq 1 ] && echo "ok: opened again, li-before.csv's geometry is still marked as typed for pellet-25C.csv" \
  || failed "opened again: $n warnings: $(grep -A2 '^Geometry' "$tmp/open.out")"
grep -q "li-before.csv,.*as typed for pellet-25C.csv: check that it is this cell's" "$tmp/r.csv" \
  && echo "ok: Export Results after opening has the warning in geometry_note" \
  || failed "Export Results' geometry_note after opening: $(grep li-before "$tmp/r.csv" | cut -c1-200)"
"$cli" --project "$tmp/p.eisfit" -f json >/dev/null 2>"$tmp/cli.err" \
  || failed "eisfit --project does not read geometry-note: $(cat "$tmp/cli.err")"
[ "$fail" -eq 0 ] && echo "PASS: projects keep a geometry's 'as typed for' warning"
exit "$fail"
