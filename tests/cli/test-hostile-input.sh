#!/bin/sh
# Input that the analysis must not take at face value (a hostile review): positions in binary
# and JSON files, spectra that cannot give a conductivity, a polarization whose current and
# voltage disagree in sign.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# --- a time series out of order in a PalmSens session (JSON: no lines): the point, not "line 0"
if iconv -f UTF-16LE -t UTF-8 "$d/palmsens.pssession" > "$tmp/ps.json" 2> /dev/null; then
  # the second time array is the chronoamperometry's: its 4th time 1.5 s becomes 0.2 s
  sed 's/{"V":1.5}/{"V":0.2}/2' "$tmp/ps.json" > "$tmp/back.pssession"
  "$EISFIT" info "$tmp/back.pssession" > /dev/null 2> "$tmp/back.err"; st=$?
  [ $st -eq 2 ] && grep -q "measurement 2 (Chronoamperometry): point 4: time 0.2 s is earlier than at point 3 (1 s)" "$tmp/back.err" \
    && ! grep -q "line 0\|: 0:" "$tmp/back.err"
  check "pssession time out of order: names point 4 (exit $st: $(cat "$tmp/back.err"))" $?
else
  echo "skip: no iconv"
fi

# --- transference: the current against the voltage step ---
tr () { # polarization file, then options; CSV to $tmp/tr.csv, messages to $tmp/tr.err
  pol=$1; shift
  "$EISFIT" transference -f csv "$@" --polarization "$pol" --before "$s/li-before.csv" \
    --after "$s/li-after.csv" > "$tmp/tr.csv" 2> "$tmp/tr.err"
}
field () { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } NR == 2 { print $c }' "$tmp/tr.csv"; }
tr "$s/li-polarization.csv"; t0=$(field t_plus); w0=$(field warnings)
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, -$2, $3 }' "$s/li-polarization.csv" > "$tmp/negI.csv"
awk -F, 'NR == 1 { print; next } { printf "%s,%s,%.9g\n", $1, $2, -$3 }' "$s/li-polarization.csv" > "$tmp/negV.csv"
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%.9g\n", $1, -$2, -$3 }' "$s/li-polarization.csv" > "$tmp/negIV.csv"
for f in negI negV; do
  tr "$tmp/$f.csv"; st=$?
  [ $st -eq 0 ] && [ "$(field t_plus)" = "$t0" ] && field warnings | grep -q sign_opposite \
    && ! echo "$w0" | grep -q sign_opposite
  check "$f: the same t+ ($t0), warned: sign_opposite (exit $st, warnings $(field warnings))" $?
done
"$EISFIT" transference --polarization "$tmp/negI.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" > "$tmp/tr.csv" 2> "$tmp/tr.err"; grep -q "warning: the current (-2.27e-05 A at the plateau) flows against the voltage step (+10 mV)" "$tmp/tr.csv"
check "negI: the text report says the current flows against the step" $?
tr "$tmp/negIV.csv"; st=$?
[ $st -eq 0 ] && [ "$(field t_plus)" = "$t0" ] && ! field warnings | grep -q sign_opposite
check "a cathodic hold (current and voltage negative): no warning (exit $st, $(field warnings))" $?
# the current crosses zero: with the step at first, against it at the plateau: refused
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, ($2 - 2.3e-5) * 10, $3 }' "$s/li-polarization.csv" > "$tmp/cross.csv"
tr "$tmp/cross.csv"; st=$?
[ $st -eq 2 ] && [ ! -s "$tmp/tr.csv" ] \
  && grep -q "the current reverses during the hold: 127 of 721 points flow with the voltage step (+10 mV), the plateau (-2.984e-06 A) against it" "$tmp/tr.err"
check "a current that reverses against the step: refused, exit 2 (exit $st: $(cat "$tmp/tr.err"))" $?

# --- one short spectrum in a series: it keeps the pellets' circuit from the whole series ---
pellets="$s/pellet-m20C.csv $s/pellet-0C.csv $s/pellet-25C.csv $s/pellet-40C.csv $s/pellet-60C.csv $s/pellet-80C.csv"
{ head -n 1 "$s/pellet-40C.csv"; awk 'NR > 1 && (NR - 2) % 30 == 0' "$s/pellet-40C.csv"; } > "$tmp/short-30C.csv"
# shellcheck disable=SC2086
"$EISFIT" series $pellets > "$tmp/p.out" 2> "$tmp/p.err"; st=$?
[ $st -eq 0 ] && grep -q "one circuit p(R1,C1)-p(R2,CPE2)-CPE3" "$tmp/p.out" && ! grep -q "is not ok on spectrum" "$tmp/p.out" "$tmp/p.err"
check "the six pellets: p(R1,C1)-p(R2,CPE2)-CPE3, no warning of a spectrum that forces it (exit $st)" $?
for cmd in series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd $pellets "$tmp/short-30C.csv" > "$tmp/sh.out" 2> "$tmp/sh.err"; st=$?
  grep -q "warning: p(R1,C1)-p(R2,CPE2)-CPE3, with a lower BIC summed over the other spectra (.*), is not ok on spectrum 4 (short-30C.csv, 3 points: could not be fitted: .*3 points.*7 free parameters.*); so the series takes .* for every spectrum: leave it out or fit it alone" "$tmp/sh.err"
  check "${cmd%% *} with a 3-point spectrum: the warning names it and why (exit $st)" $?
done

# --- spectra that give no conductivity ---
# less than a decade (1 to 4.2 kHz of the 25 degC pellet): R0-CPE1 with R0 = 518 Ohm +- 0.4 %,
# which is bulk and grain boundary together (369 + 154 Ohm): fitted, but no R_bulk or sigma
{ head -n 1 "$s/pellet-25C.csv"; awk -F, 'NR > 1 && $1 >= 1000 && $1 <= 5000' "$s/pellet-25C.csv"; } > "$tmp/narrow.csv"
"$EISFIT" --thickness 0.5mm --area 1cm2 "$tmp/narrow.csv" > "$tmp/n.txt" 2>&1; st=$?
[ $st -eq 0 ] && grep -q "caution: the fitted spectrum spans only 0.60 decades (1055 to 4232 Hz), less than 1" "$tmp/n.txt" \
  && grep -q "^  sigma_bulk   -  .*spans less than a decade" "$tmp/n.txt" \
  && grep -q "^  sigma_total  -  .*spans less than a decade" "$tmp/n.txt"
check "less than a decade: fitted, the caution, no sigma (exit $st)" $?
"$EISFIT" --thickness 0.5mm --area 1cm2 -f json "$tmp/narrow.csv" > "$tmp/n.json" 2>/dev/null
grep -q '"R_bulk": null' "$tmp/n.json" && grep -q '"bulk_gb_separated": false' "$tmp/n.json" \
  && grep -q '"total": null' "$tmp/n.json"
check "less than a decade, JSON: R_bulk and sigma null, bulk_gb_separated false" $?
"$EISFIT" --thickness 0.5mm --area 1cm2 --fmin 100 "$s/pellet-25C.csv" > "$tmp/w.txt" 2>&1
grep -q "^  sigma_bulk   [0-9]" "$tmp/w.txt" && ! grep -q "spans only" "$tmp/w.txt"
check "the same pellet from 100 Hz up (4.8 decades): sigma given" $?
# Z' < 0 everywhere (a flipped real column): refused by every command that fits
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, -$2, $3 }' "$s/pellet-25C.csv" > "$tmp/negre-25C.csv"
for cmd in fit drt series; do
  "$EISFIT" $cmd "$tmp/negre-25C.csv" > "$tmp/ng.out" 2> "$tmp/ng.err"; st=$?
  [ $st -eq 2 ] && [ ! -s "$tmp/ng.out" ] \
    && grep -q "negre-25C.csv: spectrum 1: Z' is negative at all 79 points (-6.737e+04 to -326.7 Ohm): no passive cell has a negative resistance" "$tmp/ng.err"
  check "$cmd: Z' < 0 everywhere refused, exit 2 (exit $st: $(head -c 160 "$tmp/ng.err"))" $?
done
# pure noise: 60 points, 10 a decade, Z' = 100 +- 50 Ohm, Z'' = +- 50 Ohm at random
awk 'BEGIN { srand (7); print "freq_Hz,Zreal_Ohm,Zimag_Ohm";
  for (i = 0; i < 60; i++) printf "%g,%.6g,%.6g\n", 1e6 * 10 ^ (-i / 10), 100 + 100 * (rand () - 0.5), 100 * (rand () - 0.5) }' > "$tmp/noise-25C.csv"
for cmd in fit drt series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd "$tmp/noise-25C.csv" "$s/pellet-40C.csv" > "$tmp/no.out" 2> "$tmp/no.err"; st=$?
  grep -q "noise-25C.csv: spectrum 1: the points scatter like noise: the median point lies [0-9]* % of |Z| from the mean of its two neighbours" "$tmp/no.err" && [ $st -eq 2 ]
  check "${cmd%% *}: noise refused, exit 2 (exit $st: $(head -c 200 "$tmp/no.err"))" $?
done
# the same Z = 100 - 50j at all 60 points (an instrument that repeated one reading): it gave
# sigma 1.0e-3 +- 4.7e-5 S/cm, trusted (a hostile review); a resistor (Z'' = 0) is still fitted
awk 'BEGIN { print "freq_Hz,Zreal_Ohm,Zimag_Ohm"; for (i = 0; i < 60; i++) printf "%g,100,-50\n", 1e7 * 10 ^ (-i / 7.4) }' > "$tmp/same-25C.csv"
for cmd in fit "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd "$tmp/same-25C.csv" "$s/pellet-40C.csv" > "$tmp/se.out" 2> "$tmp/se.err"; st=$?
  grep -q "same-25C.csv: spectrum 1: Z = 100 - 50j Ohm at all 60 points" "$tmp/se.err" && [ $st -eq 2 ]
  check "${cmd%% *}: one reading repeated refused, exit 2 (exit $st: $(head -c 200 "$tmp/se.err"))" $?
done
awk 'BEGIN { print "freq_Hz,Zreal_Ohm,Zimag_Ohm"; for (i = 0; i < 60; i++) printf "%g,100,0\n", 1e7 * 10 ^ (-i / 7.4) }' > "$tmp/resistor.csv"
"$EISFIT" -c R0 "$tmp/resistor.csv" > "$tmp/se.out" 2> "$tmp/se.err"; st=$?
[ $st -eq 0 ] && grep -q "R0 *100" "$tmp/se.out"
check "a resistor (Z' constant, Z'' = 0) is fitted (exit $st: $(head -c 200 "$tmp/se.err"))" $?
# a constant-phase element alone, Z = 1e6 (j w)^-0.5: R0 runs to ~4e-9 Ohm and counts as
# absent, yet sigma_total 2.55e7 S/cm was printed from it (a hostile review): no sigma now
awk 'BEGIN { pi = atan2 (0, -1); print "freq_Hz,Zreal_Ohm,Zimag_Ohm";
  for (i = 0; i < 60; i++) { f = 1e7 * 10 ^ (-i / 7.4); m = 1e6 / sqrt (2 * pi * f);
    printf "%g,%.8g,%.8g\n", f, m * cos (pi / 4), -m * sin (pi / 4) } }' > "$tmp/cpe.csv"
"$EISFIT" --thickness 1mm --area 1cm2 "$tmp/cpe.csv" > "$tmp/cpe.out" 2> "$tmp/cpe.err"; st=$?
! grep -q "sigma_total  [0-9]" "$tmp/cpe.out" && grep -q "the data do not measure it" "$tmp/cpe.out"
check "a constant-phase element alone gives no sigma (exit $st: $(grep sigma_total "$tmp/cpe.out"))" $?
# text that no importer takes (a script): the explanation of why no table was found read the
# decoded text after it was freed (the fuzzer, under AddressSanitizer); exit 2 with the reason
printf '#!/usr/bin/env python3\n# writes workbooks\nimport sys\nprint("25C", 1, 2)\n' > "$tmp/script.py"
"$EISFIT" info "$tmp/script.py" > "$tmp/sc.out" 2> "$tmp/sc.err"; st=$?
[ $st -eq 2 ] && grep -q "script.py" "$tmp/sc.err" && ! grep -q "AddressSanitizer" "$tmp/sc.err"
check "text without a table: exit 2 naming the file (exit $st: $(head -c 200 "$tmp/sc.err"))" $?
# every sample and test spectrum is smooth enough (none refused as noise)
for f in "$s"/pellet-*.csv "$s"/li-before.csv "$s"/li-after.csv "$d"/*.csv "$d"/*.txt "$d"/*.DTA "$d"/*.mpt "$d"/*.z; do
  "$EISFIT" -q --no-kk -j 1 "$f" > /dev/null 2> "$tmp/sm.err"
  if grep -q "scatter like noise\|is negative at all" "$tmp/sm.err"; then echo "FAIL: $f refused: $(cat "$tmp/sm.err")"; fail=1; fi
done
echo "ok: no sample or test spectrum refused as noise or negative"

# --- a column number beyond the limit says the limit, not "must be 1 or more" ---
"$EISFIT" --columns f=100001,re=2,im=3 "$s/pellet-25C.csv" > /dev/null 2> "$tmp/col.err"; st=$?
[ $st -eq 1 ] && grep -q 'column number 100001 for "f" must be from 1 to 100000' "$tmp/col.err"
check "--columns f=100001: exit 1, names the range (exit $st: $(cat "$tmp/col.err"))" $?

exit $fail
