#!/bin/sh
# The plot tabs (Nyquist, Bode, Residuals, Lin-KK, Arrhenius, DRT) are widgets that follow the
# document themselves (issue 13, item 6): the test script changes the document or a spectrum
# behind the window's back ("document ..." steps: no window code runs) and each tab shown must
# redraw with the change:
#  1. a fit taken away (fit-changed): Nyquist drops that spectrum's model line;
#  2. a spectrum removed (spectrum-removed): Nyquist drops its data from the legend;
#  3. a label given (spectrum-changed): the legend shows it;
#  4. points left out (spectrum-changed): Residuals and Lin-KK redraw with fewer points, and the
#     DRT is computed again;
#  5. a temperature taken away: the Arrhenius summary leaves that spectrum out;
#  6. Fit All on a spectrum never fitted (fit-changed, then the table's model-changed): the
#     Residuals tab trades its "Fit the spectrum" text for the figure; so does typing a circuit
#     (model-changed: its guess; the window used to leave the text until another selection).
# Skips (77) without xvfb-run.
set -u
. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup pages
p0=$S/pellet-0C.csv p25=$S/pellet-25C.csv p40=$S/pellet-40C.csv

cat >"$tmp/a.script" <<EOS
open $p0 $p25 $p40
fit-all
select all
page arrhenius
wait 200
print arrhenius
document temperature 2 ""
wait 200
print arrhenius
page nyquist
wait 200
figure-state nyquist
document unfit 2
wait 200
figure-state nyquist
document remove 1
wait 200
figure-state nyquist
document label 0 cold
wait 200
figure-state nyquist
page residuals
wait 200
figure-state residuals
document exclude 0 1e5:1e7
wait 200
figure-state residuals
page kk
wait 200
figure-state kk
document exclude 0 1:10
wait 200
figure-state kk
page drt
wait 200
print drt
document exclude 0 1e4:1e5
wait 200
print drt
quit
EOS
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/a.script" >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "eisfit-gtk --test-script exited with $?: $(head -3 "$tmp/a.err")"

# the Nth line of the output that starts with PREFIX, without it
nth () { grep "^$1" "$tmp/a.out" | sed -n "${2}p" | sed "s/^$1 *//"; }
ok () { echo "ok: $*"; }

# 5. Arrhenius
a1=$(sed -n 1p "$tmp/a.out")
case $a1 in "3 spectra."*) ok "Arrhenius: 3 spectra" ;; *) failed "Arrhenius at first: $a1" ;; esac
grep -q '^2 spectra\.' "$tmp/a.out" && grep -q 'Selected but left out: pellet-40C.csv #1 (no temperature)' "$tmp/a.out" \
  && ok "Arrhenius: a temperature taken away leaves pellet-40C out" \
  || failed "Arrhenius did not follow the temperature taken away: $(sed -n 1,8p "$tmp/a.out")"

# 1-3. Nyquist
d1=$(nth "nyquist draws:" 1) d2=$(nth "nyquist draws:" 2) d3=$(nth "nyquist draws:" 3) d4=$(nth "nyquist draws:" 4)
s1=$(nth "nyquist drawn:" 1) s2=$(nth "nyquist drawn:" 2) s3=$(nth "nyquist drawn:" 3) s4=$(nth "nyquist drawn:" 4)
[ "$s1" = "spectra: pellet-0C; pellet-25C; pellet-40C; lines: 3" ] && ok "Nyquist: $s1" \
  || failed "Nyquist at first: $s1"
[ "$s2" = "spectra: pellet-0C; pellet-25C; pellet-40C; lines: 2" ] && [ "${d2:-0}" -gt "${d1:-0}" ] \
  && ok "Nyquist redrawn ($d1 -> $d2) without the fit taken away: $s2" \
  || failed "Nyquist after fit-changed (draws $d1 -> $d2): $s2"
[ "$s3" = "spectra: pellet-0C; pellet-40C; lines: 1" ] && [ "${d3:-0}" -gt "${d2:-0}" ] \
  && ok "Nyquist redrawn ($d2 -> $d3) without the spectrum removed: $s3" \
  || failed "Nyquist after spectrum-removed (draws $d2 -> $d3): $s3"
[ "$s4" = "spectra: cold; pellet-40C; lines: 1" ] && [ "${d4:-0}" -gt "${d3:-0}" ] \
  && ok "Nyquist redrawn ($d3 -> $d4) with the label: $s4" \
  || failed "Nyquist after a label (draws $d3 -> $d4): $s4"

# 4. Residuals, Lin-KK, DRT
for fig in residuals kk; do
  d1=$(nth "$fig draws:" 1) d2=$(nth "$fig draws:" 2)
  n1=$(nth "$fig drawn:" 1 | sed 's/.*; \([0-9]*\) points$/\1/')
  n2=$(nth "$fig drawn:" 2 | sed 's/.*; \([0-9]*\) points$/\1/')
  [ -n "$n1" ] && [ -n "$n2" ] && [ "$n2" -lt "$n1" ] && [ "${d2:-0}" -gt "${d1:-0}" ] \
    && ok "$fig redrawn ($d1 -> $d2) with the points left out: $n1 -> $n2 points" \
    || failed "$fig after points left out: draws $d1 -> $d2, points $n1 -> $n2"
done
c1=$(grep '^computed:' "$tmp/a.out" | sed -n 1p) c2=$(grep '^computed:' "$tmp/a.out" | sed -n 2p)
# (the page overlays the selected spectra's DRTs: one more computed, the changed one's)
[ "${c1#computed: }" -ge 1 ] && [ "${c2#computed: }" = $((${c1#computed: } + 1)) ] \
  && ok "DRT computed again for the points left out" \
  || failed "DRT after points left out: $c1, $c2"

# 6. Fit All: the Residuals tab follows the fit and the table's model
cat >"$tmp/b.script" <<EOS
open $p25
circuit
page residuals
wait 200
figure-state residuals
fit-all
wait 200
figure-state residuals
quit
EOS
run_gui --test-script "$tmp/b.script" >"$tmp/b.out" 2>"$tmp/b.err" \
  || failed "eisfit-gtk --test-script (Fit All) exited with $?: $(head -3 "$tmp/b.err")"
p1=$(grep '^residuals plot:' "$tmp/b.out" | sed -n 1p) p2=$(grep '^residuals plot:' "$tmp/b.out" | sed -n 2p)
r2=$(grep '^residuals drawn:' "$tmp/b.out" | sed -n 2p)
[ "$p1" = "residuals plot: Fit the spectrum (or type a circuit) to see residuals." ] \
  && [ "$p2" = "residuals plot: figure" ] \
  && case $r2 in *"Residuals of pellet-25C.csv #1: "*"; 79 points") true ;; *) false ;; esac \
  && ok "Residuals after Fit All: $r2" \
  || failed "Residuals after Fit All: '$p1' then '$p2', $r2"
cat >"$tmp/c.script" <<EOS
open $p25
circuit
page residuals
wait 200
circuit R0-p(R1,CPE1)-CPE2
wait 200
figure-state residuals
quit
EOS
run_gui --test-script "$tmp/c.script" >"$tmp/c.out" 2>"$tmp/c.err" \
  || failed "eisfit-gtk --test-script (circuit typed) exited with $?: $(head -3 "$tmp/c.err")"
p=$(grep '^residuals plot:' "$tmp/c.out") r=$(grep '^residuals drawn:' "$tmp/c.out")
[ "$p" = "residuals plot: figure" ] \
  && case $r in *"Residuals of pellet-25C.csv #1: R0-p(R1,CPE1)-CPE2; 79 points") true ;; *) false ;; esac \
  && ok "Residuals of a circuit typed: $r" || failed "Residuals of a circuit typed: '$p', $r"
# 7. The Arrhenius tab checks its plots as eisfit arrhenius does: the six pellets' sigma
#    total (bulk 0.31 eV and grain boundaries 0.45 eV in series) curves, and the tab says its
#    Ea is an apparent value, with the CLI's words; sigma bulk is a straight line.
cat >"$tmp/d.script" <<EOS
open $S/pellet-m20C.csv $p0 $p25 $p40 $S/pellet-60C.csv $S/pellet-80C.csv
circuit
fit-all
select all
page arrhenius
wait 200
print arrhenius
quit
EOS
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/d.script" >"$tmp/d.out" 2>"$tmp/d.err" \
  || failed "eisfit-gtk --test-script (Arrhenius checks) exited with $?: $(head -3 "$tmp/d.err")"
clitext=$("$cli" arrhenius --thickness 0.6mm --diameter 10mm -q $S/pellet-*.csv \
      | sed -n 's/^  warning (total, two-step): //p' \
      | sed 's/sigma_\([a-z]\)/σ \1/g; s/sigma(/σ(/g; s/ degC/ °C/g; s/ +- / ± /g; s/\([0-9]\) Ohm/\1 Ω/g')
# (the window shows the engine's words typeset: sigma_total as σ total, degC as °C, +- as ±)
grep -q "σ total: the residuals of the Arrhenius fit curve" "$tmp/d.out" \
  && grep -qF "$clitext" "$tmp/d.out" && ! grep -q "⚠ σ bulk: " "$tmp/d.out" \
  && ok "Arrhenius tab: sigma total's curve is warned of as eisfit arrhenius does" \
  || failed "Arrhenius tab checks: $(grep '⚠' "$tmp/d.out" | head -3) (eisfit: $clitext)"
exit $fail
