#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The traces' colours follow the theme: in the dark theme the six fitted pellets' markers and
# fit lines are drawn in the lightened palette (eisfit-plot-view.c), each with a contrast of at
# least 4.5:1 on the plot's dark grey (the paper blue 0,114,178 had 3.0:1 there, hard to read),
# and none in the paper colours; in the light theme, the paper palette (Okabe & Ito); an
# exported figure is drawn for paper, in the paper palette, whatever the theme.
# Skips (77) without xvfb-run or ImageMagick's convert.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
command -v convert >/dev/null 2>&1 || { echo "SKIP: no convert (imagemagick)"; exit 77; }
gui_setup dark-palette

dark="5CA2F5 F57C34 28C08E E48EC0 ECA81E A5DEFF"
paper="0072B2 D55E00 009E73 CC79A7 E69F00 56B4E9"
# the histogram of PNG $1: "R G B COUNT" a line
counts () {
  convert "$1" -format %c histogram:info:- 2>/dev/null \
    | sed -n 's/^ *\([0-9]*\): *(\([0-9]*\),\([0-9]*\),\([0-9]*\).*/\2 \3 \4 \1/p'
}
# the pixels within 12 of colour $1 (hex RRGGBB) in each channel, in histogram file $2: a
# trace's lines and markers, less what anti-aliasing blends with the background
count () {
  awk -v h="$1" 'function hex(s,  i, v) { v = 0; for (i = 1; i <= 2; i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1; return v }
    function near(a, b) { return a - b <= 12 && b - a <= 12 }
    BEGIN { r = hex(substr(h, 1, 2)); g = hex(substr(h, 3, 2)); b = hex(substr(h, 5, 2)) }
    near($1, r) && near($2, g) && near($3, b) { n += $4 }
    END { print n + 0 }' "$2"
}
# WCAG contrast of colour $1 on the dark plot background (36, 36, 36)
contrast () {
  awk -v h="$1" 'function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ^ 2.4 }
    function hex(s,  i, v) { v = 0; for (i = 1; i <= 2; i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1; return v }
    BEGIN { L = 0.2126 * lin(hex(substr(h, 1, 2))) + 0.7152 * lin(hex(substr(h, 3, 2))) + 0.0722 * lin(hex(substr(h, 5, 2)))
            B = lin(36); printf "%.2f\n", (L + 0.05) / (B + 0.05) }'
}

for theme in Adwaita:dark Adwaita; do
  cat >"$tmp/p.script" <<EOS
select all
fit-all
close-banner
page nyquist
wait 300
screenshot $tmp/shot.png
export-figure $tmp/export.png 12 9 100 8
quit
EOS
  GTK_THEME=$theme run_gui --size 1024x700 --test-script "$tmp/p.script" "$S"/pellet-*.csv \
    >"$tmp/p.out" 2>"$tmp/p.err" \
    || { failed "$theme: eisfit-gtk exited with $?: $(tail -3 "$tmp/p.err")"; continue; }
  counts "$tmp/shot.png" >"$tmp/shot.txt"
  counts "$tmp/export.png" >"$tmp/export.txt"
  # the paper blue, vermillion and green of low contrast are not drawn on the dark background
  # (the others are not told apart from the light ones' anti-aliased edges)
  if [ "$theme" = Adwaita:dark ]; then want=$dark; avoid="0072B2 D55E00 009E73"; else want=$paper; avoid=; fi
  for c in $want; do
    n=$(count "$c" "$tmp/shot.txt")
    [ "$n" -ge 20 ] || { failed "$theme: $n px drawn in #$c (the theme's palette), not 20"; continue; }
    if [ "$theme" = Adwaita:dark ]; then
      k=$(contrast "$c")
      awk -v k="$k" 'BEGIN { exit !(k >= 4.5) }' || failed "$theme: #$c has a contrast of only $k:1 on the plot"
      echo "ok: $theme: #$c drawn ($n px), contrast $k:1"
    else
      echo "ok: $theme: #$c drawn ($n px)"
    fi
  done
  for c in $avoid; do
    n=$(count "$c" "$tmp/shot.txt")
    [ "$n" -le 5 ] || failed "$theme: $n px in #$c, the other theme's colour"
  done
  # files are for paper: the paper palette
  for c in $paper; do
    n=$(count "$c" "$tmp/export.txt")
    [ "$n" -ge 20 ] || failed "$theme: the exported figure has $n px of #$c (paper palette), not 20"
  done
  grep -E "CRITICAL|Gtk-WARNING" "$tmp/p.err" | grep -v "session bus" && failed "$theme: GTK warnings"
done
exit $fail
