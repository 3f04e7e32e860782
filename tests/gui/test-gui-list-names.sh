#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The spectra list shows file names whole at 1024x700 (the new-user tester's F7: the names
# were shortened at their start, so LiMOF2_before_polarization.csv and
# LiMOF2_after_polarization.csv both read "...larization.csv"): each row's name is drawn
# without an ellipsis, broken over lines where needed. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup list-names

cp "$S/li-before.csv" "$tmp/LiMOF2_before_polarization.csv"
cp "$S/li-after.csv" "$tmp/LiMOF2_after_polarization.csv"
cp "$S/pellet-m20C.csv" "$tmp/MOF-QSSE_pellet_batch7_m20C.csv"
printf 'open %s %s %s\nwait 500\nprint-list\nquit\n' "$tmp/LiMOF2_before_polarization.csv" \
  "$tmp/LiMOF2_after_polarization.csv" "$tmp/MOF-QSSE_pellet_batch7_m20C.csv" > "$tmp/s.script"
xvfb-run -a -s "-screen 0 1100x800x24" "$gui" --size 1024x700 --test-script "$tmp/s.script" \
  > "$tmp/out" 2> "$tmp/err" || failed "--test-script: $(cat "$tmp/err")"
for f in LiMOF2_before_polarization.csv LiMOF2_after_polarization.csv \
         MOF-QSSE_pellet_batch7_m20C.csv; do
  grep -qx "row: $f" "$tmp/out" || failed "$f is not shown whole: $(cat "$tmp/out")"
done
exit $fail
