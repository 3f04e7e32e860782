#!/bin/sh
# eisfit-gtk's figures for papers and screens (issue 13, items 4 and 5), driven by --test-script
# on the six pellet samples under Xvfb, in a dark theme:
#  1. Export Figure at 8.5 x 6.5 cm, 300 dpi, 8 pt: a PNG of 1004 x 768 pixels with 300 dpi in
#     its pHYs chunk, drawn on white (the screen is dark); 17 x 11 cm at 150 dpi: 1004 x 650;
#     a PDF of 241 x 184 points with its text as text (an embedded font); a title is drawn only
#     when one is given; sizes out of range are refused.
# Skips (77) without xvfb-run or ImageMagick.
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found (Debian package xvfb)"
  exit 77
fi
if ! command -v convert >/dev/null 2>&1; then
  echo "SKIP: ImageMagick's convert not found"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/eisfit-gui-figs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
failed () { echo "FAIL: $*"; fail=1; }

GSK_RENDERER=cairo; export GSK_RENDERER
XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
GTK_A11Y=none; export GTK_A11Y
NO_AT_BRIDGE=1; export NO_AT_BRIDGE
GTK_THEME=Adwaita:dark; export GTK_THEME

s=$top_srcdir/samples
pellets="$s/pellet-m20C.csv $s/pellet-0C.csv $s/pellet-25C.csv $s/pellet-40C.csv $s/pellet-60C.csv $s/pellet-80C.csv"

# run NAME SIZE: runs $tmp/NAME.script in a window of SIZE, output in $tmp/NAME.out
run () {
  xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$2" --test-script "$tmp/$1.script" \
    >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(cat "$tmp/$1.err")"
}

# png_size FILE: "W H" from the IHDR chunk
png_size () {
  od -An -tu1 -j16 -N8 "$1" | awk '{ print ($1 * 16777216 + $2 * 65536 + $3 * 256 + $4), ($5 * 16777216 + $6 * 65536 + $7 * 256 + $8) }'
}

# mean grey (0..1) of the whole image
mean_grey () {
  convert "$1" -colorspace Gray -format '%[fx:mean]' info: 2>/dev/null
}

# ---- 1. Export Figure: size in cm, dpi, points, title
cat >"$tmp/export.script" <<EOS
open $pellets
select all
fit-all
page bode
export-figure $tmp/col.png 8.5 6.5 300 8
export-figure $tmp/page.png 17 11 150 8
export-figure $tmp/col.pdf 8.5 6.5 300 8 "LLZO pellet"
export-figure $tmp/titled.png 8.5 6.5 300 8 "LLZO pellet"
quit
EOS
run export 1024x700
printf 'open %s\nselect all\nfit-all\nexport-figure %s 1 6.5 300 8\nquit\n' "$s/pellet-25C.csv" "$tmp/tiny.png" >"$tmp/tiny.script"
xvfb-run -a -s "-screen 0 1100x800x24" "$gui" --size 1024x700 --test-script "$tmp/tiny.script" \
  >"$tmp/tiny.out" 2>"$tmp/tiny.err"
[ "$(png_size "$tmp/col.png")" = "1004 768" ] || failed "8.5 x 6.5 cm at 300 dpi: $(png_size "$tmp/col.png"), not 1004 768"
[ "$(png_size "$tmp/page.png")" = "1004 650" ] || failed "17 x 11 cm at 150 dpi: $(png_size "$tmp/page.png"), not 1004 650"
# pHYs: 11811 pixels per metre (0x2E23) on both axes, unit metre
phys=$(od -An -tx1 -j33 -N17 "$tmp/col.png" | tr -d ' \n')
[ "$phys" = "00000009704859730000 2e2300002e2301" ] \
  || [ "$phys" = "000000097048597300002e2300002e2301" ] \
  || failed "no 300 dpi pHYs chunk after IHDR: $phys"
m=$(mean_grey "$tmp/col.png")
awk -v m="${m:-0}" 'BEGIN { exit !(m > 0.8) }' || failed "export in a dark theme is not on white (mean grey $m)"
grep -q "/MediaBox \[ 0 0 241 184 \]" "$tmp/col.pdf" || failed "PDF is not 8.5 x 6.5 cm (241 x 184 pt)"
grep -q "/FontFile" "$tmp/col.pdf" || failed "PDF has no embedded font: its text is not text"
# the title: the top of the plot frame (the first row darker than mid-grey on average) moves
# down by the caption's height (2 text heights: 67 pixels at 8 pt and 300 dpi) only with one
frame_top () {
  convert "$1" -crop 800x200+150+0 +repage -colorspace Gray -scale 1x200! -depth 8 txt:- \
    | awk -F'[ ,:]+' 'NR > 1 { g = $0; sub(/.*gray\(/, "", g); sub(/[,)%].*/, "", g)
                                 if (g + 0 < 128) { print $2; exit } }'
}
t0=$(frame_top "$tmp/col.png") t1=$(frame_top "$tmp/titled.png")
awk -v a="${t0:-999}" -v b="${t1:-0}" 'BEGIN { d = b - a; exit !(a < 40 && d > 60 && d < 72) }' \
  || failed "title: the plot frame starts at row $t0 without a title, $t1 with one"
[ -e "$tmp/tiny.png" ] && failed "a 1 cm wide figure was written"
grep -q "2 to 200 cm" "$tmp/tiny.err" || failed "no message for a 1 cm wide figure: $(cat "$tmp/tiny.err")"

exit $fail
