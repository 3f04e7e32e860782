#!/bin/sh
# A garnet pellet measured heating and then cooling with a 4 % hysteresis (tests/data/
# hysteresis, gen-hysteresis.py; tester 8's F5, F6, F8, D). Truth: bulk Ea 0.420 eV,
# sigma_bulk(25 degC) 1.500e-4 S/cm heating and 1.560e-4 cooling (one law through both:
# 1.5297e-4), grain boundary Ea 0.480 eV, no lead resistance.
#  F5: --global over both branches: the law's misfit against the joint fit without it is said
#      (reduced chi2 3.5 times, F-test), its errors widened (before: sigma(25 degC) 1.5724e-4 +-
#      9.8e-7 on the tester's files, 4 s.e. from the single law); the repeated temperatures
#      that disagree named ("heating and cooling differ at ...: hysteresis?"); each spectrum's
#      branch, from the order the files were given (text column, JSON branch).
#  F6: each branch alone with R0 in the circuit: a shared R0 of 1.1 +- 1.1 Ohm was taken as
#      "the leads" at Delta BIC 16.6 on the heating branch (the BIC against R0 free in each
#      spectrum, n - 1 unknowns fewer) and refused on the cooling one: now refused on both,
#      as zero within its error.
#  D:  the grain boundary's global errors in the JSON as in the text and the CSV.
#  F8: a manifest with per-file thicknesses: each row's L, no "replaces" for an equal area.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"; exit 77
fi
h=$d/hysteresis
G="--thickness 1.00mm --diameter 10mm"
heat="$h/heat-m20C.csv $h/heat-0C.csv $h/heat-20C.csv $h/heat-40C.csv"
cool="$h/cool-40C.csv $h/cool-20C.csv $h/cool-0C.csv $h/cool-m20C.csv"
get () { # json key.path (numbers index lists)
  python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print("null" if d is None else int(d) if isinstance(d, bool) else d)' "$1" "$2"
}
z () { awk -v a="$1" -v e="$2" -v s="$3" 'BEGIN { d = (a - e) / s; if (d < 0) d = -d; printf "%.2f", d }'; }
le () { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a <= b) }'; }

# ---- F5: both branches in one law
"$EISFIT" arrhenius --global $G -f json $heat $cool > "$tmp/hc.json" 2> "$tmp/hc.err"
check "both branches: exit 0 ($(head -c 300 "$tmp/hc.err"))" $?
check_abs "misfit of the law said (global_lack_of_fit.misfit)" "$(get "$tmp/hc.json" global_lack_of_fit.misfit)" 1 0
F=$(get "$tmp/hc.json" global_lack_of_fit.F)
if awk -v f="$F" 'BEGIN { exit !(f > 20) }'; then ok "lack-of-fit F = $F (> 20)"; else bad "lack-of-fit F = '$F'"; fi
if grep -q "warning: --global: the temperature law does not fit the spectra: with it the reduced chi2 is .* times the joint fit's without it (F = .*trust the two-step result" "$tmp/hc.err"
then ok "the misfit warned on stderr"; else bad "no misfit warning: $(cat "$tmp/hc.err")"; fi
if grep -q "warning: sigma_bulk: heating and cooling differ at the same temperature: -20.00 degC (cooling against heating +[34]\.[0-9] %, [0-9.]* s.e.); 0.00 degC (cooling against heating +[34]\.[0-9] %.*hysteresis?" "$tmp/hc.err"
then ok "heating and cooling named where they differ"; else bad "no hysteresis warning: $(cat "$tmp/hc.err")"; fi
s=$(get "$tmp/hc.json" global.sigma_at_ref); se=$(get "$tmp/hc.json" global.sigma_at_ref_stderr)
zz=$(z "$s" 1.5297e-4 "$se")
if le "$zz" 2; then ok "global sigma_bulk(25 degC) $s +- $se: $zz s.e. from one law through both (1.5297e-4)"
else bad "global sigma_bulk(25 degC) $s +- $se: $zz s.e. from 1.5297e-4"; fi
sc=$(get "$tmp/hc.json" global_lack_of_fit.error_scale.0)
if awk -v k="$sc" 'BEGIN { exit !(k > 1.5) }'; then ok "bulk law's errors widened x$sc"; else bad "bulk errors not widened: '$sc'"; fi
check_abs "Ea bulk (global, truth 0.420)" "$(get "$tmp/hc.json" global.Ea_eV)" 0.420 0.006
check "branches in the JSON: first heating, last cooling" \
  "$([ "$(get "$tmp/hc.json" points.0.branch)" = heating ] && [ "$(get "$tmp/hc.json" points.7.branch)" = cooling ]; echo $?)"
# D: the grain boundary's errors, as the text's and the CSV's
gse=$(get "$tmp/hc.json" global.grain_boundary.sigma_at_ref_stderr)
lse=$(get "$tmp/hc.json" global.grain_boundary.ln_prefactor_stderr)
if awk -v a="$gse" -v b="$lse" 'BEGIN { exit !(a > 0 && b > 0) }'
then ok "JSON grain_boundary: sigma_at_ref_stderr $gse, ln_prefactor_stderr $lse"
else bad "JSON grain_boundary without its errors: '$gse' '$lse'"; fi
"$EISFIT" arrhenius --global $G -f csv $heat $cool > "$tmp/hc.csv" 2> /dev/null
csv_se=$(awk -F, '$1 == "global_gb" { print $10 }' "$tmp/hc.csv")
check_rel "CSV global_gb sigma_at_ref_stderr = JSON's" "$csv_se" "$gse" 1e-6
# the text: each spectrum's branch; the law's misfit under the global fit
"$EISFIT" arrhenius --global $G $heat $cool > "$tmp/hc.txt" 2> /dev/null
if grep -q "heat-m20C.csv .* heating .*" "$tmp/hc.txt" && grep -q "cool-40C.csv .* cooling " "$tmp/hc.txt" \
   && grep -q "(branch: the temperature rises, then falls, in the order the files were given)" "$tmp/hc.txt"
then ok "text: the branch column"; else bad "text: no branch column: $(sed -n 1,12p "$tmp/hc.txt")"; fi
if grep -q "^  law fit  reduced chi2 .* times the joint fit's without the law (F = .*bulk errors above widened x" "$tmp/hc.txt"
then ok "text: the law fit line"; else bad "text: no law fit line"; fi
# the plot: drawn (the global laws and branch markers are looked at by eye)
"$EISFIT" arrhenius --global $G $heat $cool --plot "$tmp/hc.png" > /dev/null 2>&1
check "--global --plot written" "$([ -s "$tmp/hc.png" ]; echo $?)"

# ---- each branch alone: its own truth, no misfit, no lead resistance invented (F6)
for b in heat cool; do
  if [ $b = heat ]; then files=$heat; truth=1.500e-4; else files=$cool; truth=1.560e-4; fi
  "$EISFIT" arrhenius --global $G -c "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" -f json $files > "$tmp/$b.json" 2> "$tmp/$b.err"
  check "$b alone: exit 0" $?
  check_abs "$b alone: leads tested" "$(get "$tmp/$b.json" leads.tested)" 1 0
  check_abs "$b alone: R0 zero within its error not taken as the leads" "$(get "$tmp/$b.json" leads.accepted)" 0 0
  if grep -q "a lead resistance R0 = .* was added" "$tmp/$b.err"; then bad "$b alone: leads added"; else ok "$b alone: no leads added"; fi
  check_abs "$b alone: no misfit" "$(get "$tmp/$b.json" global_lack_of_fit.misfit)" 0 0
  s=$(get "$tmp/$b.json" global.sigma_at_ref); se=$(get "$tmp/$b.json" global.sigma_at_ref_stderr)
  zz=$(z "$s" $truth "$se")
  if le "$zz" 3; then ok "$b alone: sigma_bulk(25 degC) $s +- $se, $zz s.e. from $truth"
  else bad "$b alone: sigma_bulk(25 degC) $s +- $se, $zz s.e. from $truth"; fi
  check_abs "$b alone: Ea bulk (truth 0.420)" "$(get "$tmp/$b.json" global.Ea_eV)" 0.420 0.003
  if grep -q "heating and cooling differ" "$tmp/$b.err"; then bad "$b alone: a hysteresis warning"; else ok "$b alone: no hysteresis warning"; fi
done
"$EISFIT" arrhenius --global $G -c "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" $heat > "$tmp/heat.txt" 2> /dev/null
if grep -q "^  leads    a lead resistance R0 shared by all temperatures tested, not used: R0 = .* standard errors from zero: no lead resistance found" "$tmp/heat.txt"
then ok "text: R0 zero within its error"; else bad "text: $(grep leads "$tmp/heat.txt")"; fi

# ---- F8: per-file thickness from a manifest, the area equal to the command line's
# (the manifest's paths are relative to it: the files beside it)
cp $heat "$tmp/"
{ echo "file,temperature,thickness_mm,area_cm2"
  echo "heat-m20C.csv,-20,1.02,0.78540"; echo "heat-0C.csv,0,0.98,0.78540"
  echo "heat-20C.csv,20,1.05,0.78540"; echo "heat-40C.csv,40,1.00,0.78540"; } > "$tmp/man.csv"
"$EISFIT" arrhenius --series "$tmp/man.csv" --diameter 10mm > "$tmp/m.txt" 2> "$tmp/m.err"
check "manifest: exit 0" $?
if grep -q "replaces the command line" "$tmp/m.err"; then bad "manifest: 'replaces' for an equal area: $(cat "$tmp/m.err")"
else ok "manifest: nothing said of an equal area"; fi
if grep -q "^Arrhenius analysis: 4 spectra (L per spectrum, A = 0.7854 cm2)" "$tmp/m.txt" \
   && grep -q "heat-20C.csv .* 0.105 " "$tmp/m.txt" && grep -q "heat-0C.csv .* 0.098 " "$tmp/m.txt"
then ok "manifest: each row's L"; else bad "manifest header/rows: $(sed -n 1,6p "$tmp/m.txt")"; fi
exit $fail
