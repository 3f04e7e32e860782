#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Series page before a series is fitted draws nothing in the table's place (issue 13): an
# empty column view left its scrolled window's adjustment narrower than the page and GTK drew
# a scroll overshoot, a grey arc at the right edge. A screenshot at 1280x800 (light and dark
# theme) must be one flat colour in the right 90 x 40 pixels of the table's place (26 colours
# with the arc; the handle under the table, from y = 261, is left out). Skips (77) without xvfb-run, dbus-run-session or ImageMagick's convert.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
for p in dbus-run-session convert; do
  command -v $p >/dev/null 2>&1 || { echo "SKIP: $p not found"; exit 77; }
done
gui_setup series-empty

for theme in Adwaita Adwaita:dark; do
  png=$tmp/series-$theme.png
  GTK_THEME=$theme dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$gui" --size 1280x800 \
    --page series --screenshot="$png" "$S/pellet-25C.csv" >/dev/null 2>"$tmp/err" \
    || failed "$theme: --screenshot: $(grep -v 'session bus\|fd limit' "$tmp/err")"
  n=$(convert "$png" -crop 90x40+1172+220 +repage -format "%k" info: 2>/dev/null)
  [ "$n" = 1 ] && echo "ok: $theme: the empty table's place is flat at the right edge" \
    || failed "$theme: $n colours at the right edge of the empty Series table (an overshoot arc?)"
done
[ "$fail" -eq 0 ] && echo "PASS: no arc on the empty Series page"
exit "$fail"
