#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The spectra list stays in temperature order (issue 13): it was sorted only when files were
# opened, so a temperature typed afterwards left the list out of order (the Arrhenius and
# Series pages and the exports follow the list). Four pellets (-20, 0, 25, 40 degC):
#  1. 0 degC shown, its Temperature typed as 50 (key by key, "5" then "50"): the list reads
#     -20, 25, 40, 50 and the spectrum shown (and selected) is still pellet-0C.csv;
#  2. File Properties gives pellet-40C.csv -30 degC: it goes first;
#  3. pellet-60C.csv opened: it goes last (after 50); a temperature cleared (unknown) puts the
#     spectrum after those with one;
#  4. one removed and Ctrl+Z: it comes back at its place in the order.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup list-order

cat > "$tmp/script" <<EOF
open $S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv
select 1
type-temperature 50
print rows
print title
cell 2 none "" "" "" -30
print rows
print title
open $S/pellet-60C.csv
print rows
print title
document temperature 2 ""
print rows
print title
select 1
remove 1
print rows
print title
undo
print rows
print title
quit
EOF
run_gui --test-script "$tmp/script" > "$tmp/out" 2> "$tmp/err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/err")"
if grep -E "CRITICAL|Gtk-WARNING|GLib-WARNING" "$tmp/err"; then failed "GTK warnings above"; fi
# the blocks of "print rows" (each ended by "print title"): file names in list order
blocks=$(awk -F: '/^pellet-.*\.csv: #/ { row = row " " $1; next } row != "" { print substr(row, 2); row = "" } END { if (row != "") print substr(row, 2) }' "$tmp/out")
want="pellet-m20C.csv pellet-25C.csv pellet-40C.csv pellet-0C.csv
pellet-40C.csv pellet-m20C.csv pellet-25C.csv pellet-0C.csv
pellet-40C.csv pellet-m20C.csv pellet-25C.csv pellet-0C.csv pellet-60C.csv
pellet-40C.csv pellet-m20C.csv pellet-0C.csv pellet-60C.csv pellet-25C.csv
pellet-40C.csv pellet-0C.csv pellet-60C.csv pellet-25C.csv
pellet-40C.csv pellet-m20C.csv pellet-0C.csv pellet-60C.csv pellet-25C.csv"
if [ "$blocks" = "$want" ]; then
  echo "ok: the list keeps its temperature order after typing, File Properties, open, clear, remove and undo"
else
  failed "the list's order:"; printf '%s\n--- want\n%s\n' "$blocks" "$want"
fi
[ "$(grep 'eisfit$' "$tmp/out" | head -1)" = "*pellet-0C.csv — eisfit" ] \
  && echo "ok: the spectrum typed into stays shown" \
  || failed "the window shows: $(grep 'eisfit$' "$tmp/out" | head -1)"
exit $fail
