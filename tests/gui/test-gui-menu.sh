#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The spectra list's context menu at 1024 x 700 under Xvfb (issue 13): opened on a row near the
# top and on one near the bottom of the list (the --test-script step "menu X Y" opens it as a
# right-click there), it shows all of its five items (their scrolled height is the menu's:
# GTK 4.8 cut a menu of two sections one separator short, the last item half hidden) and lies
# inside the window.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup menu

files=
for f in "$S"/pellet-*.csv "$S"/li-*.csv; do files="$files $f"; done
cat >"$tmp/script" <<EOS
open$files
wait 300
menu 70 115
menu 70 505
menu 70 560
quit
EOS
xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 --test-script "$tmp/script" \
  >"$tmp/out" 2>"$tmp/err" || failed "--test-script: $(cat "$tmp/err")"
[ "$(grep -c '^menu: ' "$tmp/out")" -eq 3 ] || failed "not three menus: $(cat "$tmp/out" "$tmp/err")"
awk '/^menu: / {
       n++
       # menu: below, surface T to B (the window'"'"'s height H), items S of N px shown
       for (i = 1; i <= NF; i++) { if ($i == "to") b = $(i + 1); if ($i == "height") h = $(i + 1) + 0
                                   if ($i == "items") { s = $(i + 1); t = $(i + 3) } }
       if (s != t || t < 100) { print "cut off: " $0; bad = 1 }
       if (b + 0 > h + 10) { print "outside the window: " $0; bad = 1 } }
     END { exit bad || n != 3 }' "$tmp/out" || failed "the context menu: $(cat "$tmp/out")"
cat "$tmp/out"

[ "$fail" -eq 0 ] && echo "PASS: the list's context menu shows all of its items"
exit "$fail"
