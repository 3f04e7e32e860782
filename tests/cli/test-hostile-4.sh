#!/bin/sh
# Hostile input, fourth round: a --series manifest's geometry without a unit, Arrhenius sigma
# beyond a double and far extrapolations, decimal-comma temperatures in names, the geometry hint.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$tmp/"
# sigma_bulk of the first point from a text report
sb1 () { awk '/pellet-25C.csv/ && $3 + 0 == 25 { print $5; exit }' "$1"; }

# --- 1. manifest thickness/area: a bare number warns like --thickness 0.6; a unit in the header
printf 'file,temperature,thickness\npellet-25C.csv,25,0.6\npellet-40C.csv,40,0.6\n' > "$tmp/bare.csv"
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm --series "$tmp/bare.csv" > "$tmp/bare.out" 2> "$tmp/bare.err"
grep -q "bare.csv:2: thickness 0.6 has no unit: read as 0.6 cm" "$tmp/bare.err" \
  && grep -q "bare.csv:2: pellet-25C.csv: the manifest's thickness 0.6 cm replaces the command line's 0.06 cm" "$tmp/bare.err"
check "manifest bare thickness: warned with file:line, the override said ($(cat "$tmp/bare.err"))" $?
printf 'file,temperature,area\npellet-25C.csv,25,78.5\npellet-40C.csv,40,78.5\n' > "$tmp/abare.csv"
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm --series "$tmp/abare.csv" > /dev/null 2> "$tmp/abare.err"
grep -q "abare.csv:3: area 78.5 has no unit: read as 78.5 cm2" "$tmp/abare.err"
check "manifest bare area: warned ($(head -c 300 "$tmp/abare.err"))" $?
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" > "$tmp/cli.out" 2> /dev/null
printf 'file,temperature,thickness_mm,area_mm2\npellet-25C.csv,25,0.6,78.5398\npellet-40C.csv,40,0.6,78.5398\n' > "$tmp/mm.csv"
"$EISFIT" arrhenius --series "$tmp/mm.csv" > "$tmp/mm.out" 2> "$tmp/mm.err"; st=$?
a=$(sb1 "$tmp/cli.out"); b=$(sb1 "$tmp/mm.out")
[ $st -eq 0 ] && [ ! -s "$tmp/mm.err" ] && awk -v a="$a" -v b="$b" 'BEGIN { exit !(a > 1e-4 && (a - b) / a < 1e-4 && (b - a) / a < 1e-4) }'
check "manifest thickness_mm/area_mm2: the same sigma_bulk as --thickness 0.6mm --diameter 10mm ($a, $b; $(cat "$tmp/mm.err"))" $?

# --- 2. sigma(T_ref) beyond a double is not 0 +- 0; a far extrapolation is said
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$s/pellet-25C.csv@2999K" "$s/pellet-40C.csv@3000K" > "$tmp/hot.out" 2> "$tmp/hot.err"
! grep -q "0.0000e+00" "$tmp/hot.out" && grep -q "not given: exp(ln sigma) is beyond a double" "$tmp/hot.out" \
  && grep -q "is extrapolated" "$tmp/hot.err"
check "arrhenius at 2999/3000 K: sigma(25 degC) not given, not 0 +- 0" $?
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm --at 500C "$s/pellet-25C.csv" "$s/pellet-40C.csv" > /dev/null 2> "$tmp/at.err"
grep -q "sigma(500.00 degC) is extrapolated 11.[0-9] times the measured 1/T span beyond the measured 25.00 to 40.00 degC" "$tmp/at.err"
check "--at 500C from 25 and 40 degC: 11.x spans of 1/T ($(cat "$tmp/at.err"))" $?
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm --at 30C "$s/pellet-25C.csv" "$s/pellet-40C.csv" > /dev/null 2> "$tmp/at2.err"
! grep -q "extrapolated" "$tmp/at2.err"
check "--at 30C inside the measured range: no extrapolation warning" $?

# --- 3. a decimal comma in a file name's temperature
cp "$s/pellet-25C.csv" "$tmp/s_25,5C.csv"; cp "$s/pellet-40C.csv" "$tmp/s_40,0C.csv"
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$tmp/s_25,5C.csv" "$tmp/s_40,0C.csv" > "$tmp/comma.out" 2>&1
grep -q "s_25,5C.csv *298.65 *25.50 *file name" "$tmp/comma.out" && grep -q "s_40,0C.csv *313.15 *40.00 *file name" "$tmp/comma.out"
check "s_25,5C.csv is 25.5 degC, s_40,0C.csv 40 degC ($(grep s_ "$tmp/comma.out"))" $?

# --- 6. the geometry hint uses the user's thickness
"$EISFIT" --thickness 1.2mm --diameter 10mm "$s/pellet-25C.csv" > "$tmp/hint.out" 2>&1
grep -q "give the geometry's too, as --thickness 1.2mm+-0.01mm with your caliper's error" "$tmp/hint.out" && ! grep -q "0.60mm" "$tmp/hint.out"
check "geometry hint with --thickness 1.2mm says 1.2mm" $?

# an eisfit project given as a data file: named as such, with the way to open it
printf '\357\273\277[project]\nversion=1\n' > "$tmp/p.eisfit"
"$EISFIT" "$tmp/p.eisfit" > /dev/null 2> "$tmp/p.err"
[ $? -eq 2 ] && grep -q "p.eisfit: an eisfit project, not a data file: open it with eisfit --project" "$tmp/p.err"
check "a project given as FILE points at --project" $?

# one row Z = 0 + 0j (an instrument's empty reading): fit and kk name the point and its line
# (the fit printed chi2 nan, "could not be evaluated"); left out, the fit runs
awk 'NR == 9 { print "0.5,0,0"; next } { print }' "$top_srcdir/samples/pellet-25C.csv" > "$tmp/zero.csv"
zl=$(grep -n '^0.5,0,0$' "$tmp/zero.csv" | cut -d: -f1)
"$EISFIT" --no-kk "$tmp/zero.csv" > "$tmp/z.out" 2> "$tmp/z.err"
rc=$?
[ $rc -eq 2 ] && grep -q "zero.csv: spectrum 1: point [0-9]* (line $zl) at 0.5 Hz has Z = 0 + 0j Ohm" "$tmp/z.err" \
  && ! grep -q nan "$tmp/z.out"
check "a Z = 0 row: fit refused naming the point and line $zl" $?
pt=$(sed -n 's/.*point \([0-9]*\) (line.*/\1/p' "$tmp/z.err")
"$EISFIT" kk "$tmp/zero.csv" > /dev/null 2> "$tmp/zk.err"
[ $? -eq 2 ] && grep -q "point $pt (line $zl)" "$tmp/zk.err"
check "a Z = 0 row: kk refused naming it, exit 2" $?
"$EISFIT" --no-kk --exclude-points "$pt" "$tmp/zero.csv" > "$tmp/z2.out" 2> /dev/null
[ $? -eq 0 ] && grep -q "(left out: point $pt)" "$tmp/z2.out"
check "a Z = 0 row left out: fitted" $?

# exact data fitted by its own circuit: residuals of round-off are no pattern (it warned "every
# residual has the same sign: the circuit misses a feature")
awk 'BEGIN { print "freq,zre,zim"; for (i = 0; i < 50; i++) { f = 10^(6 - i * 0.12); w = 2 * 3.141592653589793 * f; t = w * 1e-5; d = 1 + t * t; printf "%.17g,%.17g,%.17g\n", f, 10 + 100 / d, -100 * t / d } }' > "$tmp/exact.csv"
"$EISFIT" -c "R0-p(R1,C1)" "$tmp/exact.csv" > "$tmp/x.out" 2> "$tmp/x.err"
[ $? -eq 0 ] && ! grep -q "same sign\|pattern" "$tmp/x.err" "$tmp/x.out" && grep -q "^  R1 *1.00000e+02" "$tmp/x.out"
check "exact data: no pattern warning from round-off" $?

exit $fail
