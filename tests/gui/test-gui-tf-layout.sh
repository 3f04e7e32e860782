#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The DRT and Transference pages use their room (issue 13), with the Li|Li samples fitted, at
# 1024x700 and 1600x1000:
#  - the Nyquist plots' axes run at most 2.1 times past the data (Z' and -Z'' maxima of the
#    samples) on the DRT page and 1.3 times on the Transference page: the plots were as wide
#    as a fixed share of the figure, so at equal scales a tall box ran -Z'' to 2000 Ohm
#    (3.2 times) above arcs of 620;
#  - the DRT report under the figure is shown whole where it takes at most a fifth of the page,
#    else a fifth of the page, scrolled (gamma(tau) is the page's main plot; the handle above
#    the report gives it more: test-gui-drt-layout.sh);
#  - the Transference page's current plot is at least 150 px high at 1024x700 (it was 95:
#    Compute t+ had a row of its own, and the Nyquist plot took 42 % of the width).
# Skips (77) without xvfb-run or dbus-run-session.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
command -v dbus-run-session >/dev/null 2>&1 || { echo "SKIP: dbus-run-session not found"; exit 77; }
gui_setup tf-layout

# the data's largest Z' and -Z'' over both spectra
zmax=$(awk -F, 'FNR > 1 { if ($2 > x) x = $2; if (-$3 > y) y = -$3 } END { print x, y }' \
  "$S/li-before.csv" "$S/li-after.csv")
cat >"$tmp/a.script" <<EOS
open $S/li-before.csv $S/li-after.csv $S/li-polarization.csv
fit-all
page transference
wait 800
print transference
page drt
wait 800
print drt
quit
EOS
# ratio PANELS N: the larger of (x max / the data's Z' max, y max / the data's -Z'' max) of
# panel N (1-based) of a "panels: " line
ratio () {
  echo "$1" | sed 's/^panels: //' | tr ';' '\n' | sed -n "${2}p" \
    | awk -v z="$zmax" 'BEGIN { split(z, m, " ") }
      { for (i = 1; i <= NF; i++) { if ($i == "x") xm = $(i + 3); if ($i == "y") ym = $(i + 3) }
        a = xm / m[1]; b = ym / m[2]; printf "%.3f", (a > b ? a : b) }'
}
for size in 1024x700 1600x1000; do
  dbus-run-session -- xvfb-run -a -s "-screen 0 ${size}x24" "$gui" --size "$size" \
    --test-script "$tmp/a.script" >"$tmp/$size.out" 2>"$tmp/$size.err" \
    || failed "$size: --test-script: $(grep -v 'session bus\|fd limit' "$tmp/$size.err" | tail -3)"
  tp=$(grep '^panels: ' "$tmp/$size.out" | sed -n 1p)
  dp=$(grep '^panels: ' "$tmp/$size.out" | sed -n 2p)
  r=$(ratio "$tp" 2)
  if awk -v r="$r" 'BEGIN { exit !(r != "" && r >= 1 && r <= 1.3) }'; then
    echo "ok: $size: Transference Nyquist axes $r times the data"
  else
    failed "$size: the Transference page's Nyquist axes run $r times past the data ($tp)"
  fi
  r=$(ratio "$dp" 2)
  if awk -v r="$r" 'BEGIN { exit !(r != "" && r >= 1 && r <= 2.1) }'; then
    echo "ok: $size: DRT Nyquist axes $r times the data"
  else
    failed "$size: the DRT page's Nyquist axes run $r times past the data ($dp)"
  fi
  sh=$(sed -n 's/^summary height: \([0-9]*\) of \([0-9]*\) px$/\1 \2/p' "$tmp/$size.out")
  shown=${sh% *}; needed=${sh#* }
  page=$(sed -n 's/^page: [0-9]* x \([0-9]*\) px$/\1/p' "$tmp/$size.out")
  if [ -n "$sh" ] && [ "$needed" -gt 40 ] && { [ "$shown" -ge "$needed" ] \
       || [ $((5 * shown)) -ge "$((${page:-10000} - 5))" ]; }; then
    echo "ok: $size: the DRT report shows $shown px of $needed (page $page px)"
  else
    failed "$size: the DRT report is cut: ${sh:-no summary height} (shown, needed)"
  fi
done
h=$(grep '^panels: ' "$tmp/1024x700.out" | sed -n 1p | sed 's/^panels: [0-9]* x \([0-9]*\) px.*/\1/')
if [ "${h:-0}" -ge 150 ]; then
  echo "ok: 1024x700: the current plot is $h px high"
else
  failed "1024x700: the current plot is ${h:-?} px high, below 150"
fi
exit "$fail"
