#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Series page's handle between the table and the trend figure (issue 13): a GtkPaned the
# user drags (before, the two sat in a box and nothing moved them). At 1024x700, six pellets
# fitted as a series with the Arrhenius law:
#  1. left alone, the table shows all its rows;
#  2. dragged up (to 100 px), the table gives the trends its height down to its least (the
#     header and a few rows: 90 px), no less;
#  3. dragged down (to 500 px), the table grows and the trends keep their least 110 px (150
#     before the law's results took their whole height: test-gui-series-law-height.sh);
#  4. the window made larger, the table keeps the height it was dragged to, the trends grow.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup series-divider

cat >"$tmp/a.script" <<EOS
page series
series-law arrhenius
select 0 1 2 3 4 5
series-fit selected
wait 500
print series
divider series 100
wait 300
print series
divider series 500
wait 300
print series
resize 1280 900
wait 500
print series
quit
EOS
xvfb-run -a -s "-screen 0 1400x1000x24" "$gui" --size 1024x700 --thickness 0.6mm \
  --diameter 10mm --test-script "$tmp/a.script" "$S"/pellet-*.csv >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "eisfit-gtk exited with $?: $(grep -v 'session bus' "$tmp/a.err" | tail -3)"
# the Nth state: "table shown, table needed, trends"
state () {
  awk -v n="$1" '/^table-height: / { k++; t = $2; w = $4 } /^trends-height: / && k == n { print t, w, $2 }' \
    "$tmp/a.out"
}
set -- $(state 1); t1=${1:-0} need=${2:-0} p1=${3:-0}
set -- $(state 2); t2=${1:-0} p2=${3:-0}
set -- $(state 3); t3=${1:-0} p3=${3:-0}
set -- $(state 4); t4=${1:-0} p4=${3:-0}
[ "$need" -ge 140 ] && [ "$t1" -ge "$need" ] && echo "ok: left alone, the table shows its rows ($t1 of $need px)" \
  || failed "left alone, the table is $t1 px of the $need its rows need"
[ "$t2" -lt "$t1" ] && [ "$t2" -ge 88 ] && [ "$p2" -gt "$p1" ] \
  && echo "ok: dragged up, the table is $t2 px (least 90), the trends $p2 px (were $p1)" \
  || failed "dragged up to 100 px: table $t2 px (was $t1, least 90), trends $p2 px (were $p1)"
[ "$t3" -gt "$t1" ] && [ "$p3" -ge 108 ] && [ "$p3" -le 120 ] \
  && echo "ok: dragged down, the table is $t3 px, the trends keep $p3 px" \
  || failed "dragged down to 500 px: table $t3 px (was $t1), trends $p3 px (least 110)"
[ "$t4" -eq "$t3" ] && [ "$p4" -gt "$p3" ] \
  && echo "ok: a larger window: the table keeps $t4 px, the trends grow to $p4 px" \
  || failed "a larger window: table $t4 px (dragged to $t3), trends $p4 px (were $p3)"
grep -E "CRITICAL|Gtk-WARNING" "$tmp/a.err" | grep -v "session bus" && failed "GTK warnings"
exit $fail
