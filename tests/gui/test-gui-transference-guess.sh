#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference page chooses the spectra before and after a polarization only from that
# cell's files (gui-audit finding 9: with unrelated files open it took an LPSCl pellet's and a
# redox cell's spectra). A spectrum is of the cell when its file lies in the polarization's
# folder, is named for the same sample (li-before.csv for li-polarization.csv, not
# li-spike-before.csv) and is not said to be blocking; with the start times the files give,
# the one before was measured before the polarization and the one after after it. When the
# files do not say, nothing is chosen and the page says why (the user picks from the lists).
set -u
. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/li-before.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup tf-guess

run () {  # NAME FILES...: prints the Transference page's state to $tmp/NAME.out
  name=$1; shift
  printf 'open %s\npage transference\nprint transference\n' "$*" > "$tmp/$name.script"
  run_gui --test-script "$tmp/$name.script" > "$tmp/$name.out" 2> "$tmp/$name.err" \
    || failed "$name: eisfit-gtk exited with $?: $(tail -2 "$tmp/$name.err")"
}
want () {  # NAME SIDE VALUE
  grep -q "^$2: $3\$" "$tmp/$1.out" || failed "$1: $2 is not $3: $(grep "^$2:" "$tmp/$1.out")"
}

# 1. Pellets, two Li|Li cells and their polarizations: the first polarization's own spectra.
run both "$S/pellet-0C.csv $S/pellet-25C.csv $S/li-polarization.csv $S/li-spike-before.csv" \
  "$S/li-spike-after.csv $S/li-before.csv $S/li-after.csv $S/li-spike-polarization.csv"
want both before "li-before.csv #1"
want both after "li-after.csv #1"

# 2. A polarization with spectra of another cell only (pellets, another Li|Li cell's before
#    and after): none chosen, and the page says why.
run other "$S/pellet-0C.csv $S/pellet-25C.csv $S/li-spike-polarization.csv $S/li-before.csv" \
  "$S/li-after.csv"
want other before "(none)"
want other after "(none)"
grep -q "^source: No spectrum open is of the cell of li-spike-polarization.csv" "$tmp/other.out" \
  || failed "other: no word of why nothing was chosen: $(grep '^source:' "$tmp/other.out")"

# 3. Two spectra of the cell, named for no role: taken in the order of their start times (the
#    later one opened first), whatever the list's order.
d=$tmp/d; mkdir -p "$d"
stamp () {  # SOURCE TIME DEST
  { echo "# start_time: $2"; cat "$1"; } > "$3"
}
stamp "$S/li-polarization.csv" "2024-03-05 12:00:00" "$d/cellX-pol.csv"
stamp "$S/li-after.csv" "2024-03-05 16:30:00" "$d/cellX-1.csv"
stamp "$S/li-before.csv" "2024-03-05 11:10:00" "$d/cellX-2.csv"
run times "$d/cellX-pol.csv $d/cellX-1.csv $d/cellX-2.csv $S/pellet-25C.csv"
want times before "cellX-2.csv #1"
want times after "cellX-1.csv #1"

# 4. A spectrum named "before" but measured after the polarization is not taken as before.
stamp "$S/li-before.csv" "2024-03-05 18:00:00" "$d/cellY-before.csv"
stamp "$S/li-after.csv" "2024-03-05 19:00:00" "$d/cellY-after.csv"
stamp "$S/li-polarization.csv" "2024-03-05 12:00:00" "$d/cellY-polarization.csv"
run late "$d/cellY-polarization.csv $d/cellY-before.csv $d/cellY-after.csv"
want late before "(none)"
want late after "cellY-after.csv #1"
grep -q "^source: The files do not say which spectrum of the cell of cellY-polarization.csv was measured before" \
  "$tmp/late.out" || failed "late: no word of the missing before: $(grep '^source:' "$tmp/late.out")"

[ "$fail" -eq 0 ] && echo "PASS: the Transference page chooses only the polarization's own cell's spectra"
exit "$fail"
