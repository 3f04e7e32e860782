#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What the importer only notes is shown as a note, not as an error: a CSV file whose last line
# has no line end is read whole, and eisfit-gtk's banner says so in its calm (notice) style and
# with eisfit's words ("eisfit: note: ..." on standard error, not "warning"); a file that cannot
# be read, opened with it, turns the banner into an error that says both.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup notice

head -c -1 "$S/pellet-25C.csv" >"$tmp/cut-25C.csv"
printf 'no numbers here\n' >"$tmp/junk.csv"

# eisfit's own words: a note on standard error, no warning
"$cli" kk "$tmp/cut-25C.csv" >/dev/null 2>"$tmp/cli.err" \
  || failed "eisfit kk cut-25C.csv: exit $?: $(cat "$tmp/cli.err")"
grep -q "^eisfit kk: note: .*cut-25C.csv: spectrum 1: line 80, the last, has no line end" \
  "$tmp/cli.err" || failed "eisfit kk: no note of the last line: $(cat "$tmp/cli.err")"
! grep -q "warning" "$tmp/cli.err" || failed "eisfit kk: a warning: $(cat "$tmp/cli.err")"

script () {
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/$1.script" \
    >"$tmp/$1.out" 2>"$tmp/$1.err" \
    || failed "$1: eisfit-gtk --test-script exited with $?: $(cat "$tmp/$1.err")"
}

cat >"$tmp/note.script" <<EOS
open $tmp/cut-25C.csv
print banner-style
print banner
screenshot $tmp/note.png
quit
EOS
script note
[ "$(sed -n 1p "$tmp/note.out")" = notice ] \
  || failed "the cut line's note shown as: $(sed -n 1p "$tmp/note.out") (expected notice)"
grep -q "cut-25C.csv: spectrum 1: line 80, the last, has no line end: read as a whole row" \
  "$tmp/note.out" || failed "the banner does not say eisfit's note: $(cat "$tmp/note.out")"
[ -s "$tmp/note.png" ] || failed "no screenshot"

cat >"$tmp/both.script" <<EOS
open $tmp/cut-25C.csv $tmp/junk.csv
print banner-style
print banner
quit
EOS
script both
[ "$(sed -n 1p "$tmp/both.out")" = error ] \
  || failed "an unreadable file with the note shown as: $(sed -n 1p "$tmp/both.out")"
grep -q "junk.csv" "$tmp/both.out" && grep -q "has no line end" "$tmp/both.out" \
  || failed "the error banner does not say both: $(cat "$tmp/both.out")"

# a warning stays an error's banner: a Gamry file whose Temp column (25.1 degC) and name
# (60C) disagree by more than 5 K is said in eisfit's words (tests/cli/test-temperature-metadata.sh)
awk -F, 'BEGIN { print "EXPLAIN"; print "TAG\tEISPOT"; print "ZCURVE\tTABLE"
  print "\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\tTemp"
  print "\t#\ts\tHz\tohm\tohm\tV\tohm\tdeg\tA\tV\t#\tdegC" }
  NR > 1 { printf "\t%d\t%d\t%s\t%s\t%s\t1\t0\t0\t0\t0\t7\t25.1\n", NR - 2, 2 * (NR - 2), $1, $2, $3 }' \
  "$S/pellet-25C.csv" >"$tmp/cell_60C.DTA"
"$cli" info "$tmp/cell_60C.DTA" 2>&1 >/dev/null | sed -n 's/^eisfit info: warning: //p' >"$tmp/t-cli.txt"
cat >"$tmp/temp.script" <<EOS
open $tmp/cell_60C.DTA
print banner-style
print banner
quit
EOS
script temp
[ "$(sed -n 1p "$tmp/temp.out")" = error ] \
  || failed "the temperatures' warning shown as: $(sed -n 1p "$tmp/temp.out")"
[ -s "$tmp/t-cli.txt" ] && grep -qF "$(cat "$tmp/t-cli.txt")" "$tmp/temp.out" \
  || failed "the banner does not say eisfit's warning ($(cat "$tmp/t-cli.txt")): $(cat "$tmp/temp.out")"

exit $fail
