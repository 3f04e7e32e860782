#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk never writes over a data file it read (the hostile tester's F4: Save Project,
# Export Results and the Series page's Export CSV replaced an open data file after the file
# chooser's generic "Replace?", and a project saved over its data referred to itself): each
# of them, and Export Figure, is refused under the file's own name, through a link and through
# a hard link, and the data files keep their bytes. A new name is still written.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup input-safe

for t in m20 25 80; do cp "$S/pellet-${t}C.csv" "$tmp/pellet-${t}C.csv"; done
ln -s "$tmp/pellet-25C.csv" "$tmp/link.csv"
ln "$tmp/pellet-80C.csv" "$tmp/hard.csv"
ln "$tmp/pellet-80C.csv" "$tmp/fig.png"   # a figure's name, a data file's bytes
sums () { cksum "$tmp/pellet-m20C.csv" "$tmp/pellet-25C.csv" "$tmp/pellet-80C.csv"; }
before=$(sums)

cat > "$tmp/s.script" <<EOS
open $tmp/pellet-m20C.csv $tmp/pellet-25C.csv $tmp/pellet-80C.csv
select all
fit-all
export-csv $tmp/pellet-25C.csv
export-csv $tmp/link.csv
save-project $tmp/pellet-m20C.csv
save-project $tmp/hard.csv
series-fit all
series-csv $tmp/pellet-80C.csv force
export-figure $tmp/fig.png 8.5 6.5 100 8
save-project $tmp/ok.eisfit
export-csv $tmp/ok.csv
quit
EOS
# the refused figure makes the script's status 1 ("cannot do"): the lines below check each step
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/s.script" > "$tmp/out" 2> "$tmp/err"
grep "cannot do" "$tmp/err" | grep -v "export-figure" && failed "a step failed: $(cat "$tmp/err")"

[ "$(sums)" = "$before" ] || failed "a data file was changed: $(sums)"
n=$(grep -c "an input is never replaced" "$tmp/out")
[ "$n" -eq 5 ] || failed "$n of 5 writes over data files refused: $(cat "$tmp/out")"
grep -q "link.csv: is the data file .*pellet-25C.csv that was read" "$tmp/out" \
  || failed "the refusal through a link does not name the data file: $(cat "$tmp/out")"
grep -q "export-figure: .*an input is never replaced" "$tmp/err" \
  || failed "Export Figure over a data file (through a hard link) not refused: $(cat "$tmp/err")"
[ -L "$tmp/link.csv" ] || failed "the link was replaced"
[ -s "$tmp/ok.eisfit" ] || failed "a project under a new name was not written"
[ -s "$tmp/ok.csv" ] || failed "results under a new name were not written"
exit $fail
