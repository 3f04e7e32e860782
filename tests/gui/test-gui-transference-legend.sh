#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference tab's current plot keeps its data visible at every window size (issue 13):
# at 1024x700 no corner of the short plot was free, and the six-line legend covered the early
# decay. With the Li|Li samples fitted, at 1024x700, 1280x800 and 1600x1000 the tab must say
# its legend hides none of the measured points (inside a free corner, beside or above the
# plot). (At 1024x700 the plot is no longer short: test-gui-tf-layout.sh.) Skips (77) without
# xvfb-run or dbus-run-session.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
command -v dbus-run-session >/dev/null 2>&1 || { echo "SKIP: dbus-run-session not found"; exit 77; }
gui_setup transference-legend

cat >"$tmp/a.script" <<EOF
open $S/li-before.csv $S/li-after.csv $S/li-polarization.csv
fit-all
page transference
wait 800
print transference
quit
EOF
for size in 1024x700 1280x800 1600x1000; do
  dbus-run-session -- xvfb-run -a -s "-screen 0 ${size}x24" "$gui" --size "$size" \
    --test-script "$tmp/a.script" >"$tmp/$size.out" 2>"$tmp/$size.err" \
    || failed "$size: --test-script: $(grep -v 'session bus\|fd limit' "$tmp/$size.err" | tail -3)"
  line=$(grep '^legend: ' "$tmp/$size.out")
  case $line in
    "legend: "*", hides 0 measured points") echo "ok: $size: $line" ;;
    *) failed "$size: the legend covers data: ${line:-no legend line}; $(grep '^plot: ' "$tmp/$size.out")" ;;
  esac
done
[ "$fail" -eq 0 ] && echo "PASS: the Transference legend hides none of the current"
exit "$fail"
