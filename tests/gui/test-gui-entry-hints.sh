#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The side panel's entries show their examples whole (gui-audit finding 16: placeholders read
# "e.g. …"): at 1024x700 the area's "e.g. 0.785cm2" was cut to "e.g. 0.785c…" (92 px of text
# in 90). Each entry's placeholder is measured against the entry's room at the three window
# sizes the project checks.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup entry-hints

printf 'open %s\nprint entry-hints\n' "$S/pellet-25C.csv" >"$tmp/hints.script"
for size in 1024x700 1280x800 1600x1000; do
  xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$size" \
    --test-script "$tmp/hints.script" >"$tmp/out" 2>"$tmp/err" \
    || { failed "$size: eisfit-gtk --test-script: $(tail -2 "$tmp/err")"; continue; }
  [ "$(grep -c ': whole$' "$tmp/out")" -eq 5 ] \
    || failed "$size: a placeholder is cut or missing: $(grep -v ': whole$' "$tmp/out" | tr '\n' ';')"
done

[ "$fail" -eq 0 ] && echo "PASS: the side panel's placeholders are shown whole"
exit "$fail"
