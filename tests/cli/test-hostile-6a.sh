#!/bin/sh
# Hostile input, sixth round (a): no output replaces an input (a project's data files, a
# --series manifest), checked before the first fit; options beside --project; impossible saved
# values in a project; the lines of [series] and [transference] errors; Excel manifests.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$(cd "$top_srcdir/samples" && pwd) || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # description status (0 = passed)
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$s/pellet-60C.csv" "$tmp/"
cd "$tmp" || exit 99
size () { wc -c < "$1" | tr -d ' '; }
sha () { sha256sum "$1" | cut -d' ' -f1; }
# A project with a saved fit of pellet-25C.csv (the values of a real fit; SAVED_* change one).
project () { # out-file [extra lines for the spectrum]
  {
    printf '[project]\nformat=eisfit-project 1\n\n[file 1]\npath=pellet-25C.csv\n'
    printf 'size=%s\nsha256=%s\nthickness=0.6mm\ndiameter=10mm\ncell=blocking\n\n' \
      "$(size pellet-25C.csv)" "$(sha pellet-25C.csv)"
    printf '[spectrum 1]\nfile=1\nnumber=1\ncircuit=\nfit.circuit=p(R1,C1)-p(R2,CPE2)-CPE3\n'
    printf 'fit.why=picked\nfit.status=converged\nfit.weighting=proportional\nfit.points=79\n'
    printf 'fit.iterations=17\nfit.starts=3\nfit.dof=%s\nfit.chi2=%s\n' "${SAVED_DOF:-151}" "${SAVED_CHI2:-0.0013579}"
    printf 'fit.reduced-chi2=8.99e-06\nfit.aic=-1830.5\nfit.bic=%s\nfit.runs-z=-1.25\n' "${SAVED_BIC:--1809.25}"
    printf 'fit.R1=%s\n' "${SAVED_R1:-372.4681357 0.6123457}"
    printf 'fit.C1=2.3456789e-11 1.23e-13\nfit.R2=151.2345678 0.8123\n'
    printf 'fit.CPE2_Q=%s\nfit.CPE2_n=%s\n' "${SAVED_Q:-3.4567e-08 2.3e-09}" "${SAVED_N:-0.8612345 0.0051234}"
    printf 'fit.CPE3_Q=4.2e-06 3.3e-09\nfit.CPE3_n=0.88123 0.000194\n'
    printf 'fit.correlation=%s\n' "${SAVED_CORR:-1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1}"
    [ -n "${2:-}" ] && printf '%s\n' "$2"
  } > "$1"
}
project p.eisfit
sums () { sha256sum pellet-25C.csv pellet-40C.csv pellet-60C.csv p.eisfit m.csv 2> /dev/null > sums; }
unchanged () { sha256sum -c --quiet sums > /dev/null 2>&1; }
printf 'file,temperature\npellet-25C.csv,25\npellet-40C.csv,40\npellet-60C.csv,60\n' > m.csv
sums

# --- F0. every input is refused as an output, even with --force, before any fit or write
"$EISFIT" --project p.eisfit -o pellet-25C.csv --force > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && unchanged && [ ! -s out.txt ] \
  && grep -q "eisfit: -o pellet-25C.csv: is the input file pellet-25C.csv (named in p.eisfit:5); an input is never replaced (not even with --force)" err.txt
check "--project -o DATA --force: refused, the data file kept (exit $st: $(cat err.txt))" $?
"$EISFIT" --project p.eisfit --plot pellet-25C.csv --force > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && unchanged && grep -q "expected a file name ending in .png" err.txt
check "--project --plot DATA: refused (exit $st)" $?
cp pellet-25C.csv qfig.png; project q.eisfit; sed -i 's/^path=pellet-25C.csv/path=qfig.png/' q.eisfit
"$EISFIT" --project q.eisfit --plot qfig.png --force -o rep.txt > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && cmp -s qfig.png pellet-25C.csv && [ ! -e rep.txt ] \
  && grep -q "\-\-plot qfig.png: is the input file qfig.png (named in q.eisfit:5)" err.txt
check "--project --plot on the project's data file (fig.png): refused, nothing written (exit $st: $(cat err.txt))" $?
"$EISFIT" --project p.eisfit -o p.eisfit --force > /dev/null 2> err.txt; st=$?
[ $st -eq 1 ] && unchanged && grep -q "is the input file p.eisfit (the project)" err.txt
check "--project -o PROJECT: refused (exit $st)" $?
for cmd in arrhenius series; do
  "$EISFIT" $cmd --series m.csv --thickness 0.6mm --diameter 10mm -o m.csv --force -q > out.txt 2> err.txt; st=$?
  [ $st -eq 1 ] && unchanged && [ ! -s out.txt ] \
    && grep -q "eisfit $cmd: -o m.csv: is the input file m.csv (the --series manifest); an input is never replaced" err.txt
  check "$cmd --series m.csv -o m.csv --force: refused, the manifest kept (exit $st: $(cat err.txt))" $?
  "$EISFIT" $cmd --series ./m.csv --thickness 0.6mm --diameter 10mm --plot m.csv --force -q > /dev/null 2>&1; st=$?
  [ $st -eq 1 ] && unchanged
  check "$cmd --series: the manifest as --plot: refused (exit $st)" $?
done
"$EISFIT" arrhenius --series m.csv --thickness 0.6mm --diameter 10mm -o pellet-60C.csv --force -q > /dev/null 2>&1; st=$?
[ $st -eq 1 ] && unchanged
check "arrhenius: a file the manifest lists as -o: refused (exit $st)" $?
# transference --project: the project file, and a file it names that the command does not use
cp "$s/li-before.csv" "$s/li-after.csv" "$s/li-polarization.csv" .
{
  printf '[project]\nformat=eisfit-project 1\n'
  n=0; for f in li-before.csv li-after.csv li-polarization.csv pellet-40C.csv; do n=$((n + 1))
    printf '\n[file %d]\npath=%s\nsize=%s\nsha256=%s\ncell=li-symmetric\n' $n $f "$(size $f)" "$(sha $f)"; done
  printf '\n[spectrum 1]\nfile=1\nnumber=1\n\n[spectrum 2]\nfile=2\nnumber=1\n'
  printf '\n[transference]\nseries-file=3\nseries-number=1\nbefore=1\nafter=2\n'
} > t.eisfit
sha256sum t.eisfit li-before.csv pellet-40C.csv > tsums
for o in t.eisfit pellet-40C.csv li-before.csv; do
  "$EISFIT" transference --project t.eisfit -o $o --force > out.txt 2> err.txt; st=$?
  [ $st -eq 1 ] && sha256sum -c --quiet tsums > /dev/null 2>&1 && grep -Eq "is the input file $o \((the project|named in t.eisfit:)" err.txt
  check "transference --project -o $o --force: refused (exit $st: $(cat err.txt))" $?
done
# numbered figures: checked before the first fit, nothing written
cp pellet-25C.csv fig-2.png; sha256sum fig-2.png > fsums
"$EISFIT" pellet-40C.csv fig-2.png --plot fig.png -o rep.txt --force > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && sha256sum -c --quiet fsums > /dev/null 2>&1 && [ ! -e rep.txt ] && [ ! -s out.txt ] \
  && grep -q "\-\-plot fig.png: the figure fig-2.png would replace the input file fig-2.png; an input is never replaced" err.txt
check "fit: figure 2 would be an input: refused before fig.png and the report are written (exit $st: $(cat err.txt))" $?
"$EISFIT" kk pellet-40C.csv fig-2.png --plot fig.png -o rep.txt --force > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && sha256sum -c --quiet fsums > /dev/null 2>&1 && [ ! -e rep.txt ] && [ ! -e fig.png ]
check "kk: figure 2 would be an input: refused, nothing written (exit $st)" $?
rm -f fig-2.png; ln -s pellet-40C.csv d-3.png
"$EISFIT" pellet-40C.csv --plot d.png --force > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && unchanged && [ ! -e d.png ] && grep -q "the figure d-3.png would replace the input file pellet-40C.csv" err.txt
check "fit: a link d-3.png to an input beside --plot d.png: refused (exit $st)" $?
rm -f d-3.png
"$EISFIT" pellet-40C.csv --plot ok.png -q > /dev/null; st=$?
[ $st -eq 0 ] && [ -s ok.png ]
check "fit --plot with no clash: written (exit $st)" $?

# --- F9. the fit settings a project gives each spectrum are refused beside --project, also with --refit
for o in "--fmin 10" "--fmax 1e5" "--exclude 1:100" "--exclude-points 1,2,3" "--weighting unit" \
         "--weighting proportional" "--thickness 1mm" "--diameter 10mm" "--cell blocking" "--init R1=100"; do
  "$EISFIT" --project p.eisfit --refit $o > out.txt 2> err.txt; st=$?
  opt=${o%% *}
  [ $st -eq 1 ] && [ ! -s out.txt ] && grep -q "^eisfit: --project: $opt.*: the project gives each spectrum its own circuit, starting values, fixed parameters, bounds, weighting, frequency window, points left out, geometry and cell type, and a refit uses them too: leave it out" err.txt
  check "--project --refit $o: refused (exit $st: $(cat err.txt))" $?
done
"$EISFIT" transference --project t.eisfit --exclude-points 3 > out.txt 2> err.txt; st=$?
[ $st -eq 1 ] && grep -q "^eisfit transference: --project: --exclude-points: the project gives each spectrum" err.txt
check "transference --project --exclude-points: refused (exit $st: $(cat err.txt))" $?
"$EISFIT" --project p.eisfit --refit --starts 3 --seed 7 -f csv > refit2.csv 2> err.txt; st=$?
[ $st -eq 0 ] && [ -s refit2.csv ]
check "--project --refit --starts 3 --seed 7: the solver's options are taken (exit $st: $(cat err.txt))" $?

# --- F2. saved values no fit can give: refused on reading with the line (exit 2), not reported
bad_saved () { # description expected-message [extra line]
  project v.eisfit "${3:-}"
  "$EISFIT" --project v.eisfit > out.txt 2> err.txt; st=$?
  [ $st -eq 2 ] && [ ! -s out.txt ] && grep -qF "eisfit: v.eisfit:$2" err.txt
  check "saved $1: refused (exit $st: $(cat err.txt))" $?
}
SAVED_R1="nan 0.6" bad_saved "R1 = nan" "29: fit.R1=nan: expected a finite fitted value (nan only in a fit whose status is failed)"
SAVED_R1="1e308 1e307" bad_saved "R1 = 1e308" "29: fit.R1=1e+308: expected a value from 1e-200 to 1e+200"
SAVED_R1="-372 0.6" bad_saved "R1 < 0" "29: fit.R1=-372: expected a value above 0"
SAVED_R1="372.4 -5" bad_saved "negative standard error" "29: fit.R1: standard error -5: expected 0 or more (nan: not determined)"
SAVED_N="5 0.1" bad_saved "CPE n = 5" "33: fit.CPE2_n=5: an exponent lies from 0 to 1"
SAVED_Q="-3.4e-8 1e-9" bad_saved "Q < 0" "32: fit.CPE2_Q=-3.4e-08: expected a value above 0"
SAVED_CORR="2;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1;0;0;0;0;0;0;0;1" \
  bad_saved "correlation 2" "36: fit.correlation: 2 (row 1, column 1): a correlation lies from -1 to 1"
SAVED_CHI2=nan bad_saved "chi2 = nan" "24: fit.chi2=nan: expected a finite number, 0 or more, in a fit whose status is converged"
SAVED_BIC=inf bad_saved "BIC = inf" "27: fit.bic=inf: expected a finite number"
SAVED_DOF=-5 bad_saved "dof < 0" "23: fit.dof=-5: expected 0 or more"
bad_saved "temperature 1e9 K" "37: temperature-K=1e9: expected a temperature from 1 to 5000 K" "temperature-K=1e9"
# the values a fit can give are read: errors not determined (nan), n at its bound 0
SAVED_R1="372.4681357 nan" SAVED_N="0 0.0051" project v.eisfit "temperature-K=298.15"
"$EISFIT" --project v.eisfit -f csv > out.csv 2> err.txt; st=$?
[ $st -eq 0 ] && grep -q "372.4681357" out.csv
check "saved values a fit can give (stderr nan, n = 0, 298.15 K): read (exit $st: $(cat err.txt))" $?

# --- F11. --series manifests as spreadsheets save them: a BOM, ';' or tabs, decimal commas
"$EISFIT" arrhenius --series m.csv --thickness 0.6mm --diameter 10mm -f csv > ref.csv 2> /dev/null
printf '\357\273\277file,temperature\r\npellet-25C.csv,25\r\npellet-40C.csv,40\r\npellet-60C.csv,60\r\n' > bom.csv
printf 'file;temperature\npellet-25C.csv;25\npellet-40C.csv;40\npellet-60C.csv;60\n' > semi.csv
printf 'file\ttemperature\npellet-25C.csv\t25\npellet-40C.csv\t40\npellet-60C.csv\t60\n' > tab.csv
for mf in bom semi tab; do
  "$EISFIT" arrhenius --series $mf.csv --thickness 0.6mm --diameter 10mm -f csv > $mf.out 2> err.txt; st=$?
  [ $st -eq 0 ] && [ -s $mf.out ] && [ "$(grep -c pellet $mf.out)" -eq 3 ] \
    && [ "$(cut -d, -f2- $mf.out)" = "$(cut -d, -f2- ref.csv)" ]
  check "manifest $mf.csv: read as m.csv, the same numbers (exit $st: $(cat err.txt))" $?
done
printf '\357\273\277file;temperature;thickness\npellet-25C.csv;25,5;0,6mm\npellet-40C.csv;40,0;0,6mm\n' > dec.csv
"$EISFIT" arrhenius --series dec.csv --diameter 10mm > dec.out 2> err.txt; st=$?
[ $st -eq 0 ] && grep -q "pellet-25C.csv *298.65 *25.50" dec.out && grep -q "L = 0.06 cm" dec.out
check "manifest with ';' and decimal commas: 25,5 is 25.5 degC, 0,6mm 0.6 mm (exit $st: $(cat err.txt))" $?
printf 'file,temperature\npellet-25C.csv,25\npellet-40C.csv,40,extra\n' > extra.csv
"$EISFIT" arrhenius --series extra.csv --thickness 0.6mm --diameter 10mm > /dev/null 2> err.txt; st=$?
[ $st -eq 2 ] && grep -q 'extra.csv:3: field 3 ("extra") is beyond the header.s 2 columns' err.txt
check "manifest row with a field beyond the header: refused with its line (exit $st: $(cat err.txt))" $?
printf 'file,temperature\npellet-25C.csv,25,\npellet-40C.csv,40,,\n' > trail.csv
"$EISFIT" arrhenius --series trail.csv --thickness 0.6mm --diameter 10mm > /dev/null 2> err.txt; st=$?
[ $st -eq 0 ]
check "manifest rows with empty fields at the end: read (exit $st: $(cat err.txt))" $?

# --- F3. [series] errors at their own line; exclude-points beyond a spectrum: the project's line
cp "$s/pellet-40C.csv" .
series_bad () { # description [series]-lines expected
  project sb0.eisfit
  { cat sb0.eisfit
    printf '\n[file 2]\npath=pellet-40C.csv\nsize=%s\nsha256=%s\n\n[spectrum 2]\nfile=2\nnumber=1\n\n[series]\n' \
      "$(size pellet-40C.csv)" "$(sha pellet-40C.csv)"
    printf '%s\n' "$2"; } > sb.eisfit
  "$EISFIT" --project sb.eisfit > /dev/null 2> err.txt; st=$?
  [ $st -eq 2 ] && grep -qF "sb.eisfit:$3" err.txt
  check "[series] $1: refused at its line (exit $st: $(cat err.txt))" $?
}
# lines: [series] 47, its first key 48
series_bad "a spectrum twice" "spectra=1;1" "48: [series] spectra: [spectrum 1] given twice"
series_bad "a missing spectrum" "spectra=1;7" "48: [series] spectra: there is no [spectrum 7]"
series_bad "one spectrum" "spectra=2" "48: [series] spectra=2: a series needs two or more spectra"
series_bad "empty spectra=" "spectra=" "48: [series] spectra=: a series needs two or more spectra"
series_bad "circuit=((" "spectra=1;2
circuit=((" "49: [series] circuit=((: column 2"
series_bad "shared=R99" "spectra=1;2
shared=R99" "49: [series] shared=R99: R99 is a parameter of none of the circuits"
series_bad "shared name not in its circuit" "spectra=1;2
circuit=p(R1,C1)-CPE2
shared=CPE1_n" "50: [series] shared=CPE1_n: the circuit p(R1,C1)-CPE2 (line 49) has no parameter CPE1_n"
project x.eisfit "exclude-points=1;2;999"
"$EISFIT" --project x.eisfit > out.txt 2> err.txt; st=$?
[ $st -eq 2 ] && grep -q "x.eisfit:37: \[spectrum 1\] exclude-points=1;2;999: pellet-25C.csv: spectrum 1: point 999, to be left out, does not exist" err.txt \
  && ! grep -q "saved fit used" err.txt
check "exclude-points=999 in a project: exit 2 at the project's line (exit $st: $(cat err.txt))" $?

# --- F8. a project's typed resistances within what --rb, --r0 and --rss take
for kv in "R_b=1e-300" "R0=1e13" "R_ss=0"; do
  { cat t.eisfit; printf '%s\n' "$kv"; } > tr.eisfit
  "$EISFIT" transference --project tr.eisfit > out.txt 2> err.txt; st=$?
  [ $st -eq 2 ] && [ ! -s out.txt ] && grep -qF "tr.eisfit: [transference] $kv: expected a resistance from 1e-6 to 1e12 Ohm" err.txt
  check "transference --project with $kv: refused (exit $st: $(cat err.txt))" $?
done

exit $fail
