#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The DRT tab with a spectrum of more points than a DRT takes (EIS_DRT_MAX_POINTS, 2000): the
# DRT was computed while the figure was drawn, and a 5,000-point spectrum froze the window for
# about half a minute. Now the tab says why there is no DRT, at once, as eisfit drt does, and
# the window answers. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

gui_setup drt-limit

"$gen" spectrum "R-p(R,Q)" 10,100,1e-5,0.9 0.1 1e6 500 0.005 3 >"$tmp/long.csv"
cat >"$tmp/drt.script" <<EOS
open $tmp/long.csv
page drt
print drt
page kk
page drt
print drt
EOS
start=$(date +%s)
run_gui --test-script "$tmp/drt.script" >"$tmp/drt.out" 2>"$tmp/drt.err" \
  || failed "eisfit-gtk --test-script failed: $(cat "$tmp/drt.err")"
secs=$(( $(date +%s) - start ))
grep -q '^summary: ⚠ .*long.csv: 3501 points are more than a DRT takes (2000)' "$tmp/drt.out" \
  || failed "the DRT tab does not say why there is no DRT: $(grep '^summary' "$tmp/drt.out")"
"$cli" drt "$tmp/long.csv" 2>"$tmp/cli.err" >/dev/null
grep -q "3501 points are more than a DRT takes (2000)" "$tmp/cli.err" \
  || failed "eisfit drt says otherwise: $(cat "$tmp/cli.err")"
[ "$secs" -le 30 ] || failed "the window took $secs s (the DRT was computed anyway?)"
exit $fail
