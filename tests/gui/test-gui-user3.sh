#!/bin/sh
# A new lab user's findings on eisfit-gtk at 1024x700 (tester user3), under Xvfb:
#  2. "Apply to all files" gives the geometry typed for one spectrum to every spectrum open
#     (a temperature series of one pellet), and the project saves it for each file.
#  3. After a fit, sigma is shown above the parameter table, inside the side panel's view
#     without scrolling.
#  4. The default Nyquist view of a fast electrolyte with lead inductance (R = 43 Ohm,
#     L = 0.5 uH, a blocking spike) shows the inductive points of the top frequencies
#     (-Z'' < 0) and the high-frequency intercept, before and after a fit; only the spike's
#     points are off scale.
#  5. The Transference page gives each current and its error to the same decimal place.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup user3

run () {
  xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 --test-script "$tmp/$1.script" \
    >"$tmp/$1.out" 2>"$tmp/$1.err" || failed "$1: eisfit-gtk exited with $?: $(cat "$tmp/$1.err")"
}

# 2 and 3
cat >"$tmp/geom.script" <<EOS
open $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv
select 0
geometry 0.52mm 11mm ""
geometry-all
select 2
print geometry
save-project $tmp/series.eisfit
select 1
circuit
fit
print sigma-shown
EOS
run geom
grep -q '^L = 0.052 cm,  A = 0.9503 cm²' "$tmp/geom.out" \
  && echo "ok: the geometry typed for the first file applies to the third after Apply to all files" \
  || failed "finding 2: apply to all: $(cat "$tmp/geom.out")"
n=$(grep -c '^thickness=0.52mm' "$tmp/series.eisfit" 2>/dev/null)
[ "${n:-0}" -eq 3 ] && echo "ok: the project saves it for the three files" \
  || failed "finding 2: the project has the thickness for ${n:-0} of 3 files"
# sigma of pellet-25C with L/A = 0.05472 cm^-1: the samples' total resistance is about 524 Ohm
awk '/^sigma-summary: σ total / { s = $4 + 0; ok = s > 0.9e-4 && s < 1.2e-4 }
     /^sigma-in-view: yes/ { v = 1 } END { exit !(ok && v) }' "$tmp/geom.out" \
  && echo "ok: sigma shown above the table, in view at 1024x700" \
  || failed "finding 3: sigma after a fit at 1024x700: $(grep sigma "$tmp/geom.out" | tr '\n' ' ')"

# 4
"$gen" spectrum "L0-R0-CPE1" 5e-7,43,2e-6,0.9 0.1 1e6 10 0.01 5 > "$tmp/ind.csv"
ymin=$(awk -F, 'NR > 1 && $3 > m { m = $3 } END { print -m }' "$tmp/ind.csv")
nind=$(awk -F, 'NR > 1 && $3 > 0' "$tmp/ind.csv" | wc -l)
cat >"$tmp/ind.script" <<EOS
open $tmp/ind.csv
wait 300
print layout
fit
wait 300
print layout
EOS
run ind
awk -v ymin="$ymin" '/^nyquist-y-min: / { lo[++n] = $2 } /^nyquist-y-max: / { hi[++m] = $2 }
  END { exit !(n == 2 && m == 2 && lo[1] <= ymin && lo[2] <= ymin && hi[1] >= 43 && hi[2] >= 43 \
               && hi[1] < 200 && hi[2] < 200) }' "$tmp/ind.out" \
  && echo "ok: the $nind inductive points (-Z'' down to $ymin Ohm) and the intercept are in the default view, before and after the fit" \
  || failed "finding 4: the default Nyquist view cuts data (lowest -Z'' $ymin): $(grep nyquist "$tmp/ind.out" | tr '\n' ' ')"
# 5. The Transference page's currents: value and error to the same decimal place (the page
#    showed I0 as "10 ± 0.0025 µA"), as eis_format_value_se gives them.
pol=$S/li-spike-polarization.csv; bef=$S/li-spike-before.csv; aft=$S/li-spike-after.csv
if [ -r "$pol" ]; then
  printf 'open %s %s %s\npage transference\ncompute\nprint transference\n' "$pol" "$bef" "$aft" \
    >"$tmp/tr.script"
  run tr
  grep -o '[0-9.]* ± [0-9.]* µA' "$tmp/tr.out" >"$tmp/currents"
  awk '{ split ($1, v, "."); split ($3, e, "."); if (length (v[2]) != length (e[2])) bad = bad " " $0; n++ }
       END { if (bad != "") print bad; exit !(n >= 3 && bad == "") }' "$tmp/currents" >"$tmp/bad" \
    && echo "ok: $(wc -l <"$tmp/currents") currents, each with its error to the same decimal place" \
    || failed "finding 5: currents with value and error to different places:$(cat "$tmp/bad")"
fi
exit $fail
