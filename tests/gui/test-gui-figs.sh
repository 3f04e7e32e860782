#!/bin/sh
# eisfit-gtk's figures for papers and screens (issue 13, items 4 and 5), driven by --test-script
# on the six pellet samples under Xvfb, in a dark theme:
#  1. Export Figure at 8.5 x 6.5 cm, 300 dpi, 8 pt: a PNG of 1004 x 768 pixels with 300 dpi in
#     its pHYs chunk, drawn on white (the screen is dark); 17 x 11 cm at 150 dpi: 1004 x 650;
#     a PDF of 241 x 184 points with its text as text (an embedded font), an SVG of 241 points
#     wide with its text in <text> elements (no glyph outlines); a title is drawn only
#     when one is given; sizes out of range are refused.
#  2. Labels, exports and the clipboard: a spectrum renamed "−20 °C" is that in the legend, the
#     results CSV (label column) and the Arrhenius data; Export Arrhenius Data gives the CLI's
#     sigma_total and sigma_bulk per temperature (eisfit arrhenius --format csv, relative 1e-6)
#     with 1000/T; Export Activation Energies the CLI's Ea +- error, ln A and sigma(25 C) for
#     total and bulk; the results CSV carries Ea on each row of the fit; Copy Results Table puts
#     the results as tab-separated text on the clipboard, Copy Figure an image of the last
#     export's size; Remove Spectrum takes one spectrum out of the list and the Arrhenius fit.
#  3. With xdotool: a right-click on the fourth row of the list (pellet-40C) and "Remove
#     Spectrum" take that spectrum out of the list; a click on the figure and Ctrl+C put it on
#     the clipboard as an image.
#  4. At 1024 x 700 the tabs of Nyquist to Transference (six) are all in view, not scrolled
#     away behind the header's arrows.
# Skips (77) without xvfb-run or ImageMagick.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

if ! command -v convert >/dev/null 2>&1; then
  echo "SKIP: ImageMagick's convert not found"
  exit 77
fi

gui_setup figs

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
export-figure $tmp/col.svg 8.5 6.5 300 8 "LLZO pellet"
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
# SVG: the text as <text> elements (the title "LLZO" and the axis's "Ω" among them), no outlines
grep -q 'width="241pt"' "$tmp/col.svg" || failed "SVG is not 8.5 cm (241 pt) wide"
[ "$(grep -c '<text' "$tmp/col.svg")" -gt 10 ] || failed "SVG has no <text> elements"
grep -q '&#x4c;&#x4c;&#x5a;&#x4f;' "$tmp/col.svg" || failed "SVG: the title is not text"
grep -q '&#x3a9;' "$tmp/col.svg" || failed "SVG: the axis title is not text"
grep -q '<symbol' "$tmp/col.svg" && failed "SVG: glyph outlines"

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

# ---- 2. labels, the Arrhenius CSVs, the clipboard, removing a spectrum
cli=$top_builddir/eisfit
cat >"$tmp/tables.script" <<EOS
open $pellets
select all
fit-all
label 0 "−20 °C"
print legend
export-arrhenius $tmp/arr.csv
export-ea $tmp/ea.csv
export-csv $tmp/results.csv
copy-table
print clipboard
copy-figure
print clipboard
select 3
remove 3
print legend
select all
export-ea $tmp/ea5.csv
quit
EOS
xvfb-run -a -s "-screen 0 1300x900x24" "$gui" --size 1280x800 --thickness 0.6mm --diameter 10mm \
  --test-script "$tmp/tables.script" >"$tmp/tables.out" 2>"$tmp/tables.err" \
  || failed "tables: eisfit-gtk exited with $?: $(cat "$tmp/tables.err")"
"$cli" arrhenius --thickness 0.6mm --diameter 10mm --format csv $pellets >"$tmp/cli.csv" 2>/dev/null \
  || failed "eisfit arrhenius failed"
[ "$(sed -n 1p "$tmp/tables.out")" = "−20 °C" ] || failed "label: legend shows $(sed -n 1p "$tmp/tables.out")"
[ "$(sed -n 2p "$tmp/tables.out")" = "pellet-0C" ] || failed "label: the next legend entry is $(sed -n 2p "$tmp/tables.out")"
# Arrhenius data: label, T, 1000/T and the sigmas equal the CLI's
awk -F, -v rel=1e-6 '
  function near(a, b) { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); return d <= rel * m }
  FNR == 1 { next }
  NR == FNR { if (NF > 8) { sb[$3] = $5; st[$3] = $7; stse[$3] = $8 }; next }
  { n++
    if (!($4 in st)) { print "T " $4 " not in the CLI output"; bad = 1; next }
    if (!near($7, st[$4]) || !near($8, stse[$4]) || !near($10, sb[$4]) || !near($6, 1000 / $4)) {
      print "row " n ": " $0; bad = 1 }
    if ($4 == 253.15 && $1 != "−20 °C") { print "label " $1; bad = 1 } }
  END { exit bad || n != 6 }' "$tmp/cli.csv" "$tmp/arr.csv" \
  || failed "Arrhenius data CSV differs from eisfit arrhenius: $(cat "$tmp/arr.csv")"
# Ea table: the CLI's sigma-form fits of total and bulk
awk -F, -v rel=1e-6 '
  function near(a, b) { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); return d <= rel * m }
  NR == FNR { if ($2 == "sigma") { ea[$1] = $3; se[$1] = $4; lna[$1] = $5; s25[$1] = $9 }; next }
  FNR == 1 { next }
  { q = $1; sub(/^sigma_/, "", q); n++
    if (!near($2, ea[q]) || !near($3, se[q]) || !near($5, lna[q]) || !near($7, s25[q]) || $10 != 6) {
      print "row " $0; bad = 1 } }
  END { exit bad || n != 2 }' "$tmp/cli.csv" "$tmp/ea.csv" \
  || failed "Ea table differs from eisfit arrhenius: $(cat "$tmp/ea.csv")"
head -1 "$tmp/results.csv" | grep -q ',arc[0-9]_role,label,Ea_total_eV,Ea_total_stderr_eV,Ea_bulk_eV,Ea_bulk_stderr_eV,Ea_set$' \
  || failed "results CSV header has no label and Ea columns: $(head -1 "$tmp/results.csv")"
ea_total=$(awk -F, 'NR == 2 { print $2 }' "$tmp/ea.csv")
grep -q ",−20 °C,$ea_total," "$tmp/results.csv" \
  || failed "results CSV: the −20 °C row has no label or no Ea $ea_total"
[ "$(grep -c "	−20 °C	$ea_total	" "$tmp/tables.out")" -eq 1 ] \
  || failed "Copy Results Table: no tab-separated row with the label and Ea on the clipboard"
grep -q '^image 1004 x 768$' "$tmp/tables.out" || failed "Copy Figure: $(grep '^image' "$tmp/tables.out")"
# after removing pellet-40C: five spectra, and a fit of five points
[ "$(tail -5 "$tmp/tables.out" | tr '\n' ' ')" = "−20 °C pellet-0C pellet-25C pellet-60C pellet-80C " ] \
  || failed "remove: the list is $(tail -6 "$tmp/tables.out" | tr '\n' ' ')"
[ "$(awk -F, 'NR == 2 { print $10 }' "$tmp/ea5.csv")" = 5 ] \
  || failed "remove: the Arrhenius fit after removing a spectrum: $(cat "$tmp/ea5.csv")"

# ---- 3. the list's context menu, driven by xdotool
if command -v xdotool >/dev/null 2>&1; then
  printf 'open %s\nselect 0\nwait 11000\nprint legend\nprint clipboard\nquit\n' "$pellets" >"$tmp/menu.script"
  cat >"$tmp/drive.sh" <<'DRIVE'
#!/bin/sh
# inside xvfb-run: GUI SCRIPT OUT
GDK_BACKEND=x11 "$1" --size 1024x700 --test-script "$2" >"$3" 2>/dev/null &
pid=$!
w=
for i in $(seq 1 60); do
  w=$(xdotool search --onlyvisible --name 'eisfit' 2>/dev/null | head -1)
  [ -n "$w" ] && break
  sleep 0.2
done
xdotool windowmove "$w" 0 0; sleep 1.5
# rows of about 54 pixels from y = 88: the fourth is pellet-40C; its menu's second entry
xdotool mousemove 80 268 click 3; sleep 1.5
xdotool mousemove 70 314 click 1; sleep 1.5
# a click on the figure, then Ctrl+C: the figure on the clipboard
xdotool mousemove 400 350 click 1; sleep 0.5
xdotool key ctrl+c
wait $pid
DRIVE
  xvfb-run -a -s "-screen 0 1024x700x24" sh "$tmp/drive.sh" "$gui" "$tmp/menu.script" "$tmp/menu.out"
  [ "$(head -5 "$tmp/menu.out" | tr '\n' ' ')" = "pellet-m20C pellet-0C pellet-25C pellet-60C pellet-80C " ] \
    || failed "context menu: Remove Spectrum on pellet-40C left $(tr '\n' ' ' <"$tmp/menu.out")"
  grep -q '^image [0-9]* x [0-9]*$' "$tmp/menu.out" \
    || failed "Ctrl+C on the figure put no image on the clipboard: $(sed -n 6p "$tmp/menu.out")"
else
  echo "note: xdotool missing: the list's context menu is not driven"
fi

# ---- 4. tabs at 1024 x 700
printf 'open %s\nprint layout\npage transference\nprint layout\nquit\n' "$s/pellet-25C.csv" >"$tmp/tabs.script"
run tabs 1024x700
awk '/^tabs: / { n++; if ($2 < 6) bad = 1 } END { exit !(n == 2 && !bad) }' "$tmp/tabs.out" \
  || failed "tabs at 1024 x 700: $(grep '^tabs' "$tmp/tabs.out" | tr '\n' ' ')"

exit $fail
