#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Where eisfit-gtk's save dialogs open (issue 13): in the last folder a file was saved into
# (remembered in the settings across runs), else in the project's folder, else in the folder
# the data came from. Driven by --test-script; "print save-folder" makes the Export Results
# dialog and prints the folder it opens in.
#  1. Fresh settings, a file opened from data/: data/.  After Export Results to out1/: out1/.
#     After the Series page's Export CSV to out2/: out2/; after Export Figure to out3/: out3/.
#  2. The next run (same settings): out3/; after Save Project to proj/: proj/.
#  3. Fresh settings, the project opened (its data in data/): proj/, not data/.
#  4. The folder last saved into deleted: the data folder again.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup save-folder

mkdir -p "$tmp/data" "$tmp/out1" "$tmp/out2" "$tmp/out3" "$tmp/proj"
tmp=$(cd "$tmp" && pwd -P)
for t in m20C 0C 25C; do cp "$S/pellet-$t.csv" "$tmp/data/"; done
data="$tmp/data/pellet-m20C.csv $tmp/data/pellet-0C.csv $tmp/data/pellet-25C.csv"

check () { # STEP OUTPUT EXPECTED...: the folders printed, in order
  step=$1 out=$2
  shift 2
  got=$(sed -n 's/^save-folder: //p' "$out" | tr '\n' ' ')
  want="$* "
  [ "$got" = "$want" ] || failed "$step: save dialogs opened in $got, expected $want"
}

cat >"$tmp/s1" <<EOS
open $data
print save-folder
select all
fit-all
export-csv $tmp/out1/results.csv
print save-folder
series-fit all temperature
series-csv $tmp/out2/series.csv
print save-folder
page nyquist
export-figure $tmp/out3/nyquist.png 8.5 6.5 100 8
print save-folder
quit
EOS
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/s1" >"$tmp/o1" 2>"$tmp/e1" \
  || failed "run 1: $(cat "$tmp/e1")"
[ -s "$tmp/out1/results.csv" ] && [ -s "$tmp/out2/series.csv" ] && [ -s "$tmp/out3/nyquist.png" ] \
  || failed "run 1: a file was not written: $(ls "$tmp"/out*)"
check "1" "$tmp/o1" "$tmp/data" "$tmp/out1" "$tmp/out2" "$tmp/out3"

cat >"$tmp/s2" <<EOS
open $data
print save-folder
select all
fit-all
save-project $tmp/proj/session.eisfit
print save-folder
quit
EOS
run_gui --test-script "$tmp/s2" >"$tmp/o2" 2>"$tmp/e2" || failed "run 2: $(cat "$tmp/e2")"
check "2 (remembered)" "$tmp/o2" "$tmp/out3" "$tmp/proj"

XDG_CONFIG_HOME=$tmp/config2; export XDG_CONFIG_HOME
printf 'open-project %s\nprint save-folder\nquit\n' "$tmp/proj/session.eisfit" >"$tmp/s3"
run_gui --test-script "$tmp/s3" >"$tmp/o3" 2>"$tmp/e3" || failed "run 3: $(cat "$tmp/e3")"
check "3 (a project, fresh settings)" "$tmp/o3" "$tmp/proj"

XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
rm -rf "$tmp/proj"
printf 'open %s\nprint save-folder\nquit\n' "$tmp/data/pellet-0C.csv" >"$tmp/s4"
run_gui --test-script "$tmp/s4" >"$tmp/o4" 2>"$tmp/e4" || failed "run 4: $(cat "$tmp/e4")"
check "4 (the folder saved into deleted)" "$tmp/o4" "$tmp/data"

[ "$fail" -eq 0 ] && echo "PASS: save dialogs open where the user last saved"
exit "$fail"
