#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series page with a cell measured hours apart at one temperature (Gamry-style
# .DTA files with DATE/TIME headers, each with its own time column from 0.5 s; user test 7):
#  1. Before a fit the trends are offered against time (they were against T, all 25 C).
#  2. The series is ordered by time; "t / h from the first" reads 0, 3, ... 24 (it was all 0);
#     the status says where the times come from.
#  3. At 1024x700 the window keeps its size after the fit (it grew to 737 px: the trend
#     plot's axis and the status bar were cut off): the page scrolls instead.
#  4. The column "Main view's fit" (was "Spectrum's own fit", hard to understand).
#  5. "screenshot" right after "page" waits for the page to be drawn (it failed with
#     "cannot do" unless a "wait" came between).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup series-time
dta () {
  R1=$(awk -v h="$4" 'BEGIN { printf "%.6g", 120 + 18 * h }')
  "$gen" spectrum "R0-p(R1,CPE1)" "23.7,$R1,3.1e-6,0.82" 0.1 1e6 8 0.004 $((41 + $4)) > "$tmp/g.csv"
  { printf 'EXPLAIN\nTAG\tEISPOT\nTITLE\tLABEL\tPotentiostatic EIS\tTest &Identifier\n'
    printf 'DATE\tLABEL\t%s\tDate\nTIME\tLABEL\t%s\tTime\n' "$2" "$3"
    printf 'ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\tTemp\n'
    printf '\t#\ts\tHz\tohm\tohm\tV\tohm\t\260\tA\tV\t#\tdeg C\n'
    awk -F, 'NR > 1 { printf "\t%d\t%.3f\t%s\t%s\t%s\t1\t0\t0\t0\t0\t9\t25.00\n", NR - 2, 0.5 * (NR - 1), $1, $2, $3 }' "$tmp/g.csv"
  } > "$tmp/$1"
}
# nine files 3 h apart from 12/2/2026 20:00 (across midnight), as the user's
for h in 0 3 6 9 12 15 18 21 24; do
  dta "li_$h.DTA" "12/$(( 2 + (20 + h) / 24 ))/2026" "$(printf '%02d' $(( (20 + h) % 24 ))):00:00" "$h"
done

cat >"$tmp/a.script" <<EOF
page series
screenshot $tmp/s0.png
print series
series-fit all
print series
print layout
screenshot $tmp/s1.png
quit
EOF
timeout 200 xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 \
  --test-script "$tmp/a.script" "$tmp"/li_*.DTA >"$tmp/a.out" 2>"$tmp/a.err"
rc=$?
[ "$rc" -eq 0 ] || failed "--test-script exited with $rc: $(grep -v 'session bus\|fd limit' "$tmp/a.err" | tail -3)"
grep -q "cannot do" "$tmp/a.err" && failed "screenshot right after page: $(grep 'cannot do' "$tmp/a.err")"
[ -s "$tmp/s0.png" ] && echo "ok: screenshot right after page" || failed "no screenshot after page"
[ "$(grep -m1 '^axis: ' "$tmp/a.out")" = "axis: time" ] && echo "ok: before the fit, trends against time" \
  || failed "before the fit: $(grep -m1 '^axis: ' "$tmp/a.out")"
grep -q "^status: 9 spectra ordered by time" "$tmp/a.out" && echo "ok: ordered by time" \
  || failed "order: $(grep '^status: 9' "$tmp/a.out")"
grep -q "^Times from the instruments' start times, 0 = 12/2/2026 20:00:00" "$tmp/a.out" \
  && echo "ok: the status names the time zero" || failed "no time zero in the status"
grep -q "^columns: # | Spectrum | Main view's fit | T / °C | t / h from the first |" "$tmp/a.out" \
  && echo "ok: columns" || failed "columns: $(grep '^columns' "$tmp/a.out")"
t=$(grep '^row: ' "$tmp/a.out" | awk -F' [|] ' '{ printf "%s ", $5 }')
[ "$t" = "0 3 6 9 12 15 18 21 24 " ] && echo "ok: t / h 0 3 ... 24" || failed "t / h: $t"
grep -q "^window: 1014 x 690" "$tmp/a.out" && echo "ok: the window keeps its size" \
  || failed "window after the fit: $(grep '^window' "$tmp/a.out")"
h=$(od -An -tu1 -j20 -N4 "$tmp/s1.png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
[ "${h:-9999}" -le 700 ] && echo "ok: screenshot after the fit $h px high" || failed "screenshot ${h:-none} px high (> 700)"
exit $fail
