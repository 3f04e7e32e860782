#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fit All with the automatic choice says when it gave one sample's spectra different circuits
# (gui-audit finding 4: the 45 cycles of one experiment got 5 circuits, so R1 meant different
# things from row to row, and nothing said so), in eisfit's words (one engine text). Three
# files of one sample (cellA-*C.csv) get two circuits: the banner names the sample, both
# circuits with their counts and the ways to one circuit. Pellets and a Li|Li cell, each of one
# circuit, are two samples and bring no note (they always did: "mixed circuits" for every such
# session); nor do spectra that share the automatic circuit, or a circuit given for all.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/li-before.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup mixed-circuits

run () {  # NAME: $tmp/NAME.script -> $tmp/NAME.out
  run_gui --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err" \
    || failed "$1: eisfit-gtk --test-script exited with $?: $(tail -2 "$tmp/$1.err")"
}
four="$S/pellet-0C.csv $S/pellet-25C.csv $S/li-before.csv $S/li-after.csv"
mkdir -p "$tmp/mix"
cp "$S/pellet-25C.csv" "$tmp/mix/cellA-25C.csv"
cp "$S/li-before.csv" "$tmp/mix/cellA-40C.csv"
cp "$S/li-after.csv" "$tmp/mix/cellA-60C.csv"
printf 'open %s %s\nselect all\nfit-all\nprint banner\n' "$four" "$tmp/mix/cellA-25C.csv $tmp/mix/cellA-40C.csv $tmp/mix/cellA-60C.csv" \
  >"$tmp/mixed.script"
printf 'open %s\nselect all\nfit-all\nprint banner\n' "$four" >"$tmp/samples.script"
printf 'open %s %s\nselect all\nfit-all\nprint banner\n' "$S/pellet-0C.csv" "$S/pellet-25C.csv" \
  >"$tmp/same.script"
printf 'open %s\nselect all\ncircuit R0-p(R1,CPE1)-CPE2\nfit-all\nprint banner\n' "$four" \
  >"$tmp/given.script"
run mixed
run samples
run same
run given

grep -q "^The automatic choice gave the 3 spectra of $tmp/mix/cellA 2 different circuits (p(R1,C1)-p(R2,CPE2)-CPE3 ×1, R0-p(R1,CPE1)-CPE2 ×2): .*Series page" "$tmp/mixed.out" \
  || failed "one sample of two circuits: no note naming it: $(cat "$tmp/mixed.out")"
grep -q 'spectra of .*pellet\|spectra of .*li ' "$tmp/mixed.out" \
  && failed "pellets or the Li|Li cell named as mixed: $(cat "$tmp/mixed.out")"
grep -q 'different circuits' "$tmp/samples.out" \
  && failed "pellets and a Li|Li cell, each of one circuit: $(cat "$tmp/samples.out")"
grep -q 'different circuits' "$tmp/same.out" \
  && failed "two pellets of one circuit: $(cat "$tmp/same.out")"
grep -q 'different circuits' "$tmp/given.out" \
  && failed "one circuit given for all: $(cat "$tmp/given.out")"

[ "$fail" -eq 0 ] && echo "PASS: Fit All says when the automatic choice gave different circuits"
exit "$fail"
