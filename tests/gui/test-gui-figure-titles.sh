#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Residuals and Lin-KK views name the spectrum they show (issue 13, man eisfit-gtk: "name
# it in their titles"): at 1024x700 with six pellets selected, the title "Residuals of
# pellet-m20C.csv #1 (first of 6 selected)" did not fit beside the legend and was dropped
# whole, so the figure named nothing. Now it takes a row of its own above the legend. The
# figure shown is exported at its size on screen (--export-plot, an SVG with real text) and
# its text must hold the name and "first of 6 selected"; one spectrum: no "first of".
# Skips (77) without xvfb-run or python3 (which reads the SVG).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the SVG)"
  exit 77
fi
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup figure-titles
pellets="$S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv $S/pellet-60C.csv"
pellets="$pellets $S/pellet-80C.csv $S/pellet-m20C.csv"

# check PAGE SIZE WANT FILES...: the text of the exported figure holds WANT
check () {
  page=$1 size=$2 want=$3
  shift 3
  svg=$tmp/$page-$size-$#.svg
  xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$size" --fit-all --page "$page" \
    --export-plot "$svg" "$@" >/dev/null 2>"$tmp/err" \
    || { failed "$page at $size: --export-plot: $(grep -v 'session bus\|fd limit' "$tmp/err" | tail -2)"; return; }
  python3 - "$svg" "$want" "$page at $size, $# spectra" <<'PY' || fail=1
import html, re, sys
s = open(sys.argv[1]).read()
texts = [html.unescape(re.sub(r"<[^>]*>", "", t)).strip()
         for t in re.findall(r"<text[^>]*>(.*?)</text>", s, re.S)]
hit = [t for t in texts if t.startswith(sys.argv[2])]
if not hit:
    sys.exit("FAIL: %s: no title %r in the figure: %r" % (sys.argv[3], sys.argv[2], texts[:8]))
if "first of" in sys.argv[2] or not any("first of" in t for t in texts):
    print("ok: %s: %s" % (sys.argv[3], hit[0]))
else:
    sys.exit("FAIL: %s: one spectrum shown as the first of several: %r" % (sys.argv[3], hit))
PY
}

for size in 1024x700 1280x800 1600x1000; do
  check residuals $size "Residuals of pellet-m20C.csv #1 (first of 6 selected)" $pellets
  check kk $size "Lin-KK of pellet-m20C.csv #1 (first of 6 selected)" $pellets
done
check residuals 1024x700 "Residuals of pellet-25C.csv #1" "$S/pellet-25C.csv"
check kk 1024x700 "Lin-KK of pellet-25C.csv #1" "$S/pellet-25C.csv"

[ "$fail" -eq 0 ] && echo "PASS: the Residuals and Lin-KK figures name their spectrum"
exit "$fail"
