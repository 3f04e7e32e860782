#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The DRT page with several spectra selected overlays their gamma(tau), as eisfit drt --plot
# does, with a legend naming each (it showed the first selected only), and its report gives
# each spectrum's numbers: every peak's tau and R as eisfit drt finds them for that spectrum.
# The DRTs are computed in the thread (the page says "Computing…" meanwhile), one per
# spectrum; a spectrum kept in a new selection keeps its DRT; with more than six selected,
# the first six are drawn and the report says so. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup drt-overlay

cat >"$tmp/o.script" <<EOS
open $S/pellet-m20C.csv $S/pellet-25C.csv $S/li-before.csv
select all
drt-async
page drt
print drt
wait drt
print drt
select 0 2
wait drt
print drt
open $S/pellet-0C.csv $S/pellet-40C.csv $S/pellet-60C.csv $S/pellet-80C.csv $S/li-after.csv
select all
wait drt
print drt
quit
EOS
run_gui --size 1280x800 --test-script "$tmp/o.script" >"$tmp/o.out" 2>"$tmp/o.err" \
  || failed "eisfit-gtk exited with $?: $(tail -3 "$tmp/o.err")"
grep -E "CRITICAL|Gtk-WARNING" "$tmp/o.err" | grep -v "session bus" && failed "GTK warnings"
block () { awk -v n="$1" '/^name: / { k++ } k == n' "$tmp/o.out"; }
block 1 >"$tmp/b1.txt"; block 2 >"$tmp/b2.txt"; block 3 >"$tmp/b3.txt"; block 4 >"$tmp/b4.txt"

# 1. computed in the thread, for all three (these small spectra may be done before the page
#    is printed: then only what was shown)
if grep -q '^computing: yes$' "$tmp/b1.txt"; then
  grep -q '^plot: Computing the distribution of relaxation times of 3 spectra' "$tmp/b1.txt" \
    && echo "ok: the page says it computes the 3 spectra' DRTs" \
    || failed "computing, but not the three: $(grep -E '^plot:' "$tmp/b1.txt")"
else
  echo "ok: (the three DRTs were done before the page was printed)"
fi
# 2. three curves overlaid, each named in the legend
grep -q '^curves drawn: 3: pellet-m20C; pellet-25C; li-before;$' "$tmp/b2.txt" \
  && echo "ok: three curves drawn, each named" \
  || failed "curves drawn: $(grep '^curves drawn' "$tmp/b2.txt")"
grep -q '^computed: 3$' "$tmp/b2.txt" || failed "$(grep '^computed' "$tmp/b2.txt"), not 3"
# 3. each spectrum's peaks in the report, as eisfit drt gives them for it
"$cli" drt -f json "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/li-before.csv" >"$tmp/c.json" 2>/dev/null \
  || failed "eisfit drt failed"
for f in pellet-m20C.csv pellet-25C.csv li-before.csv; do
  # the GUI: the lines after "NAME #1: " up to the next spectrum's
  awk -v f="$f #1: " 'index($0, f) == 1 || index($0, "summary: " f) == 1 { on = 1; next }
       /^[^ ]*\.csv #1: / { on = 0 } /^(computed|computing):/ { on = 0 }
       on && /^Peak / { print }' "$tmp/b2.txt" \
    | sed -n 's/^Peak [0-9]*: τ = \([^ ]*\) s (f = [^)]*), R = \([^ ]*\) Ω.*/\1 \2/p' >"$tmp/g.txt"
  tr -d '\n' <"$tmp/c.json" | sed 's/{"file"/\n{"file"/g' | grep "\"file\": \"[^\"]*/$f\"" \
    | grep -o '"tau_s": [-0-9.eE+]*, "f_Hz": [-0-9.eE+]*, "R_Ohm": [-0-9.eE+]*' \
    | awk '{ gsub(/,/, ""); print $2, $6 }' >"$tmp/c.txt"
  paste -d' ' "$tmp/g.txt" "$tmp/c.txt" | awk -v n1="$(wc -l <"$tmp/g.txt")" -v n2="$(wc -l <"$tmp/c.txt")" '
    function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return d <= 1e-3 * m }
    { if (!rel($1, $3) || !rel($2, $4)) bad = 1 }
    END { exit !(n1 == n2 && n1 > 0 && !bad) }' \
    && echo "ok: $f: $(wc -l <"$tmp/g.txt") peaks, eisfit drt's" \
    || failed "$f: peaks (tau R) in the report $(tr '\n' ';' <"$tmp/g.txt"), eisfit drt $(tr '\n' ';' <"$tmp/c.txt")"
done
# 4. two of the three kept: nothing computed again, two curves
grep -q '^curves drawn: 2: pellet-m20C; li-before;$' "$tmp/b3.txt" && grep -q '^computed: 3$' "$tmp/b3.txt" \
  && echo "ok: two kept in the selection: drawn, not computed again" \
  || failed "after select 0 2: $(grep -E '^(curves drawn|computed):' "$tmp/b3.txt" | tr '\n' ' ')"
# 5. eight selected: the first six drawn, and said
grep -q '^curves drawn: 6: ' "$tmp/b4.txt" && grep -q 'The first 6 of the 8 spectra selected are shown' "$tmp/b4.txt" \
  && echo "ok: eight selected: six drawn, and the report says so" \
  || failed "eight selected: $(grep -E '^curves drawn' "$tmp/b4.txt"); $(grep -c 'The first 6 of the 8' "$tmp/b4.txt") notes"
exit $fail
