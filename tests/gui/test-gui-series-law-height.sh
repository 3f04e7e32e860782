#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Series page's temperature law results are read whole (issue 13): after a series fit of
# six pellets with the Arrhenius law, the warning under the law's lines needed 121 px and its
# scroller showed 79 (it asked for its lines unwrapped, one per label; letting it take its
# height made the window grow to 719 px). At 1024x700, 1280x800 and 1600x1000 the law's
# results and the status show all their lines, the table all six rows, the trends at least
# their least 110 px, and the window keeps its size (the screenshot no taller than asked).
# Skips (77) without xvfb-run or ImageMagick's identify.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
command -v identify >/dev/null 2>&1 || { echo "SKIP: identify not found"; exit 77; }
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup series-law-height

for size in 1024x700 1280x800 1600x1000; do
  cat >"$tmp/a.script" <<EOS
page series
series-law arrhenius
select 0 1 2 3 4 5
series-fit selected
wait 800
print series
screenshot $tmp/$size.png
quit
EOS
  xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$size" --thickness 0.6mm \
    --diameter 10mm --test-script "$tmp/a.script" "$S"/pellet-*.csv >"$tmp/a.out" 2>"$tmp/a.err" \
    || failed "$size: eisfit-gtk exited with $?: $(grep -v 'session bus' "$tmp/a.err" | tail -3)"
  grep -q '^law: Two-step' "$tmp/a.out" || { failed "$size: no law results"; continue; }
  set -- $(awk '/^law-height: / { print $2, $4 }' "$tmp/a.out"); shown=${1:-0} need=${2:-0}
  [ "$need" -ge 60 ] && [ "$shown" -ge "$need" ] \
    && echo "ok: $size: the law's results and the status show whole ($shown of $need px)" \
    || failed "$size: the law's results show $shown of their $need px (scrolled)"
  set -- $(awk '/^table-height: / { print $2, $4 }' "$tmp/a.out"); t=${1:-0} tneed=${2:-0}
  [ "$tneed" -ge 140 ] && [ "$t" -ge "$tneed" ] && echo "ok: $size: the table shows its rows ($t px)" \
    || failed "$size: the table is $t of the $tneed px its rows need"
  p=$(awk '/^trends-height: / { print $2 }' "$tmp/a.out")
  [ "${p:-0}" -ge 108 ] && echo "ok: $size: the trends are $p px" \
    || failed "$size: the trends are ${p:-?} px (least 110)"
  h=$(identify -format '%h' "$tmp/$size.png" 2>/dev/null)
  [ -n "$h" ] && [ "$h" -le "${size#*x}" ] && echo "ok: $size: the window keeps its height ($h px)" \
    || failed "$size: the window grew to ${h:-?} px"
done
grep -E "CRITICAL|Gtk-WARNING" "$tmp/a.err" | grep -v "session bus" && failed "GTK warnings"
[ "$fail" -eq 0 ] && echo "PASS: the Series page's law results are read whole"
exit "$fail"
