#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The refusals of eisfit in eisfit-gtk (issue 13): spectra that cannot describe a cell are not
# fitted and give no conductivity, as `eisfit` refuses them with exit status 2 (man eisfit,
# LIMITS), and a spectrum spanning less than a decade is fitted with a caution and no sigma:
#  1. Z' < 0 at every point (the 25 degC pellet with its real column's sign flipped) and pure
#     noise (60 points, 10 a decade, Z' = 100 +- 50 Ohm, Z'' = +- 50 Ohm): Fit All leaves them
#     unfitted, the list row says "refused", the panel's fit line says why in eisfit's words and
#     its conductivity that there is none, and --print-results gives them "status": "refused", "refused": the reason,
#     no circuit, no parameters, no conductivity, and exit status 2 (the pellet beside them is
#     fitted as always);
#     a series with the noise in it is not fitted in the Series view (eisfit series: exit 2);
#  2. 1 to 4.2 kHz of the same pellet (0.6 decades): fitted, R_bulk and sigma null, eisfit's
#     caution in the JSON's cautions and in the conductivity panel, and no Arrhenius point.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup refuse

awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, -$2, $3 }' "$S/pellet-25C.csv" \
  >"$tmp/negre-25C.csv"
awk 'BEGIN { srand (7); print "freq_Hz,Zreal_Ohm,Zimag_Ohm";
  for (i = 0; i < 60; i++) printf "%g,%.6g,%.6g\n", 1e6 * 10 ^ (-i / 10), 100 + 100 * (rand () - 0.5), 100 * (rand () - 0.5) }' \
  >"$tmp/noise-25C.csv"
{ head -n 1 "$S/pellet-25C.csv"; awk -F, 'NR > 1 && $1 >= 1000 && $1 <= 5000' "$S/pellet-25C.csv"; } \
  >"$tmp/narrow-25C.csv"

# eisfit itself refuses the first two (the test's premise)
for f in negre noise; do
  "$cli" "$tmp/$f-25C.csv" >/dev/null 2>"$tmp/cli-$f.err"; st=$?
  [ $st -eq 2 ] || failed "eisfit $f-25C.csv: exit $st, expected 2"
done

# 1 and 2 in batch mode: the JSON and the exit status
run_gui --fit-all --print-results --thickness 0.6mm --diameter 10mm "$tmp/negre-25C.csv" \
  "$tmp/noise-25C.csv" "$tmp/narrow-25C.csv" "$S/pellet-0C.csv" "$S/pellet-40C.csv" \
  >"$tmp/out.json" 2>"$tmp/out.err"
st=$?
[ $st -eq 2 ] || failed "--fit-all --print-results with refused spectra: exit $st, expected 2"
for f in negre noise; do
  line=$(grep "\"file\": \"[^\"]*/$f-25C.csv\"" "$tmp/out.json")
  echo "$line" | grep -q '"status": "refused", "parameters": \[\], "refused": "' \
    || failed "$f: not refused in the JSON: $line"
  echo "$line" | grep -q '"circuit": null' || failed "$f: a circuit in the JSON: $line"
  # the reason is eisfit's own message
  reason=$(sed 's/^eisfit: //' "$tmp/cli-$f.err")
  echo "$line" | grep -qF "\"refused\": \"$reason\"" \
    || failed "$f: the JSON's reason is not eisfit's ($reason): $line"
  # the window's banner (and stderr in batch mode) gives eisfit's words typeset: "326.7 Ω"
  reason_t=$(printf '%s\n' "$reason" | sed 's/\([0-9]\) Ohm/\1 Ω/g')
  grep -qF "Not fitted: $reason_t" "$tmp/out.err" || failed "$f: no message on stderr: $(cat "$tmp/out.err")"
done
python3 - "$tmp/out.json" <<'EOPY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
by = {s["file"].rsplit("/", 1)[-1]: s for s in d["spectra"]}
ok = True
def bad(msg):
    global ok
    print("FAIL:", msg); ok = False
for f in ("negre-25C.csv", "noise-25C.csv"):
    s = by[f]
    if s["status"] != "refused" or s["parameters"] or "conductivity" in s:
        bad(f"{f}: fitted or has a conductivity: {s}")
n = by["narrow-25C.csv"]
if n["status"] != "converged" or n["refused"] is not None:
    bad(f"narrow: not fitted: {n}")
c = n["conductivity"]
for k in ("R_bulk_Ohm", "sigma_bulk_S_cm", "sigma_total_S_cm"):
    if c[k] is not None:
        bad(f"narrow: {k} = {c[k]}, expected null (less than a decade)")
if not any("spans only 0.60 decades (1055 to 4232 Hz), less than 1" in x for x in n["cautions"]):
    bad(f"narrow: no caution: {n['cautions']}")
for f in ("pellet-0C.csv", "pellet-40C.csv"):
    s = by[f]
    if s["status"] != "converged" or s["refused"] is not None or not s["conductivity"]["sigma_total_S_cm"]:
        bad(f"{f}: not fitted as always: {s}")
# the Arrhenius fit is made of the two pellets only (the narrow one gives no sigma)
a = d["arrhenius"]
if a is None:
    bad(f"no Arrhenius fit of the two pellets: {d.get('arrhenius_missing')}")
sys.exit(0 if ok else 1)
EOPY
# the Arrhenius fit of the two pellets alone equals the one with the narrow spectrum
run_gui --fit-all --print-results --thickness 0.6mm --diameter 10mm "$S/pellet-0C.csv" \
  "$S/pellet-40C.csv" >"$tmp/two.json" 2>/dev/null || failed "two pellets: exit $?"
ea () { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["arrhenius"]["Ea_eV"])' "$1"; }
[ "$(ea "$tmp/out.json")" = "$(ea "$tmp/two.json")" ] \
  || failed "Ea with the narrow spectrum $(ea "$tmp/out.json") differs from the pellets' $(ea "$tmp/two.json")"

# the Series view refuses a series with the noise in it, as eisfit series does (exit 2): the
# series is null, and nothing of the noise is fitted
"$cli" series "$S/pellet-0C.csv" "$S/pellet-40C.csv" "$tmp/noise-25C.csv" >/dev/null 2>&1; st=$?
[ $st -eq 2 ] || failed "eisfit series with the noise: exit $st, expected 2"
run_gui --fit-all --series --print-results --thickness 0.6mm --diameter 10mm "$S/pellet-0C.csv" \
  "$S/pellet-40C.csv" "$tmp/noise-25C.csv" >"$tmp/series.json" 2>"$tmp/series.err"
st=$?
[ $st -eq 2 ] || failed "--series with the noise: exit $st, expected 2"
grep -q '^  "series": null' "$tmp/series.json" \
  || failed "--series with the noise: a series was fitted: $(grep -A3 '"series"' "$tmp/series.json" | head -c 300)"
grep -q -- "--series: not fitted: a spectrum of it was refused" "$tmp/series.err" \
  || failed "--series with the noise: no message: $(cat "$tmp/series.err")"

# 1 and 2 as the user sees them: the rows, the fit line and the conductivity panel
cat >"$tmp/refuse.script" <<EOS
open $tmp/negre-25C.csv $tmp/noise-25C.csv $tmp/narrow-25C.csv $S/pellet-40C.csv
fit-all
print rows
select 0
print fit-info
print conductivity
select 1
print fit-info
print conductivity
select 2
print conductivity
select 3
print fit-info
quit
EOS
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/refuse.script" >"$tmp/ui.out" \
  2>"$tmp/ui.err" || failed "--test-script exited with $?: $(cat "$tmp/ui.err")"
grep -q '^negre-25C.csv: .* · refused: not a cell.s spectrum$' "$tmp/ui.out" \
  || failed "the negre row does not say refused: $(cat "$tmp/ui.out")"
grep -q '^noise-25C.csv: .* · refused: not a cell.s spectrum$' "$tmp/ui.out" \
  || failed "the noise row does not say refused"
grep -q '^narrow-25C.csv: .* · fitted' "$tmp/ui.out" || failed "the narrow row is not fitted"
grep -q '^pellet-40C.csv: .* · fitted' "$tmp/ui.out" || failed "the pellet row is not fitted"
grep -q "^⚠ Not fitted: .*negre-25C.csv: spectrum 1: Z' is negative at all 79 points" "$tmp/ui.out" \
  || failed "the fit line of negre does not say why"
[ "$(grep -c "^⚠ No conductivity: eisfit refuses this spectrum" "$tmp/ui.out")" -eq 2 ] \
  || failed "the conductivity panel of negre and noise does not say there is none"
grep -q "^⚠ Not fitted: .*noise-25C.csv: spectrum 1: the points scatter like noise" "$tmp/ui.out" \
  || failed "the fit line of noise does not say why"
grep -q "^R bulk | — | .*⚠ the fitted spectrum spans only 0.60 decades" "$tmp/ui.out" \
  || failed "the conductivity panel of narrow: no dash and caution: $(grep '^R bulk' "$tmp/ui.out")"
grep -q "^p(R1,C1)-p(R2,CPE2)-CPE3: converged" "$tmp/ui.out" \
  || failed "the pellet's fit line: $(tail -n 1 "$tmp/ui.out")"

[ "$fail" -eq 0 ] && echo "ok: Z' < 0 and noise refused (rows, panel, JSON, exit 2); less than a decade: no sigma, the caution"
exit "$fail"
