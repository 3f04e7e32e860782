#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The DRT tab (issue 11 item 6) under Xvfb: the distribution of relaxation times of the spectrum
# shown, with eisfit drt's numbers (lambda, R_inf, each peak's tau and R), computed again when
# the spectrum or its points change (another selection, a frequency range left out) and not when
# nothing changed; exported with --page drt. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup drt

# peaks FILE: "tau R" per peak from the GUI's summary ("Peak 1: τ = ... s (f = ...), R = ... Ω")
gui_peaks () {
  sed -n 's/^Peak [0-9]*: τ = \([^ ]*\) s (f = [^)]*), R = \([^ ]*\) Ω.*/\1 \2/p' "$1"
}
# peaks JSON: "tau R" per peak of eisfit drt -f json (one spectrum)
cli_peaks () {
  tr -d '\n' <"$1" | grep -o '"tau_s": [-0-9.eE+]*, "f_Hz": [-0-9.eE+]*, "R_Ohm": [-0-9.eE+]*' \
    | awk '{ gsub(/,/, ""); print $2, $6 }'
}
# same_peaks NAME GUI CLI: the same number of peaks, each tau and R within 1e-3 (4-5 digits shown)
same_peaks () {
  gui_peaks "$2" >"$tmp/g.txt"; cli_peaks "$3" >"$tmp/c.txt"
  paste -d' ' "$tmp/g.txt" "$tmp/c.txt" | awk -v n1="$(wc -l <"$tmp/g.txt")" -v n2="$(wc -l <"$tmp/c.txt")" '
    function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return d <= 1e-3 * m }
    { if (!rel($1, $3) || !rel($2, $4)) bad = 1 }
    END { exit !(n1 == n2 && n1 > 0 && !bad) }' \
    || failed "$1: peaks (tau R) $(tr '\n' ';' <"$tmp/g.txt"), eisfit drt $(tr '\n' ';' <"$tmp/c.txt")"
}
# block N: the Nth "name:" block of the script's output
block () { awk -v n="$1" '/^name: / { k++ } k == n' "$tmp/drt.out"; }

cat >"$tmp/drt.script" <<EOS
open $S/pellet-25C.csv $S/pellet-m20C.csv
select 1
page drt
print drt
page kk
page drt
print drt
select 0
print drt
select 1
exclude 1.5e6:1e8
print drt
EOS
run_gui --test-script "$tmp/drt.script" >"$tmp/drt.out" 2>"$tmp/drt.err" \
  || failed "eisfit-gtk --test-script failed: $(cat "$tmp/drt.err")"
grep -E "CRITICAL|Gtk-WARNING" "$tmp/drt.err" | grep -v "session bus" && failed "GTK warnings"

block 1 >"$tmp/b1.txt"; block 2 >"$tmp/b2.txt"; block 3 >"$tmp/b3.txt"; block 4 >"$tmp/b4.txt"
"$cli" drt -f json "$S/pellet-25C.csv" >"$tmp/c1.json" 2>/dev/null
"$cli" drt -f json "$S/pellet-m20C.csv" >"$tmp/c3.json" 2>/dev/null
"$cli" drt -f json --fmax 1.5e6 "$S/pellet-25C.csv" >"$tmp/c4.json" 2>/dev/null

# 1. the spectrum shown, with eisfit drt's numbers
grep -q '^name: pellet-25C.csv #1$' "$tmp/b1.txt" || failed "the DRT does not name its spectrum"
same_peaks "pellet-25C" "$tmp/b1.txt" "$tmp/c1.json"
lam=$(grep -o '"lambda": [-0-9.eE+]*' "$tmp/c1.json" | cut -d' ' -f2)
grep -q "λ = $(printf %.3g "$lam") (modified GCV)" "$tmp/b1.txt" \
  || failed "lambda is not eisfit drt's $lam: $(grep '^summary' "$tmp/b1.txt")"
npts=$(grep -o '"n_points": [0-9]*' "$tmp/c1.json" | cut -d' ' -f2)
grep -q "^summary: pellet-25C.csv #1: $npts points" "$tmp/b1.txt" \
  || failed "the points used differ from eisfit drt's $npts"
grep -q '^⚠ .*capacitive tail' "$tmp/b1.txt" || failed "eisfit drt's warning (tail left out) is not shown"
# 2. shown again without a change: not computed again
grep -q '^computed: 1$' "$tmp/b2.txt" || failed "the DRT was computed again without a change: $(grep computed "$tmp/b2.txt")"
# 3. another spectrum selected: its DRT
grep -q '^name: pellet-m20C.csv #1$' "$tmp/b3.txt" && grep -q '^computed: 2$' "$tmp/b3.txt" \
  || failed "selecting pellet-m20C.csv did not redraw the DRT: $(head -1 "$tmp/b3.txt")"
same_peaks "pellet-m20C" "$tmp/b3.txt" "$tmp/c3.json"
# 4. a range left out (above 1.5 MHz): the DRT of the points left, as eisfit drt --fmax
npts=$(grep -o '"n_points": [0-9]*' "$tmp/c4.json" | cut -d' ' -f2)
grep -q "^summary: pellet-25C.csv #1: $npts points" "$tmp/b4.txt" \
  || failed "after leaving out 1.5-100 MHz: not the $npts points of eisfit drt --fmax 1.5e6: $(grep '^summary' "$tmp/b4.txt")"
same_peaks "pellet-25C without > 1.5 MHz" "$tmp/b4.txt" "$tmp/c4.json"

# 5. --page drt exports the figure
run_gui --page drt --export-plot "$tmp/drt.svg" "$S/pellet-25C.csv" >/dev/null 2>"$tmp/export.err" \
  || failed "--page drt --export-plot failed: $(cat "$tmp/export.err")"
grep -q "<svg" "$tmp/drt.svg" 2>/dev/null || failed "--page drt --export-plot: not an SVG"

exit $fail
