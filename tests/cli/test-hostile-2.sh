#!/bin/sh
# A second hostile review: files cut short in a row, shared parameters across temperatures,
# one spectrum given twice, fully fixed circuits, output lost on a full disk, figures that
# could not be written, hand-edited projects, nan/inf results and absurd options.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cut_at () { # file percent: the first PERCENT % of the bytes of FILE
  head -c $(( $(wc -c < "$1") * $2 / 100 )) "$1"
}

# --- 1. a file cut short in the middle of its last row: an error naming file and line ---
cut_at "$d/gamry-eis.DTA" 80 > "$tmp/cut.DTA"     # ends "1000<TAB>17.9048<TAB>-67.2"
"$EISFIT" convert -o - "$tmp/cut.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut.DTA:[0-9]*: the last line has no line end and 6 of the 13 fields of a row" "$tmp/e"
check "Gamry cut mid-row: refused, exit 2 (exit $st: $(cat "$tmp/e"))" $?
cut_at "$d/autolab-nova.txt" 90 > "$tmp/cut-nova.txt"
"$EISFIT" convert -o - "$tmp/cut-nova.txt" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut-nova.txt:6: the last line has no line end and 3 of the 7 fields of a row" "$tmp/e"
check "Autolab NOVA cut mid-row: refused at line 6, exit 2 (exit $st: $(cat "$tmp/e"))" $?
cut_at "$d/biologic-peis.mpt" 77 > "$tmp/cut.mpt"
"$EISFIT" info "$tmp/cut.mpt" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut.mpt:[0-9]*: the last line has no line end" "$tmp/e"
check "BioLogic cut in a number of the first column: refused (exit $st: $(cat "$tmp/e"))" $?
# a whole last row without its line end: read, with a note
cut_at "$d/gamry-eis.DTA" 90 > "$tmp/nonl.DTA"     # a whole row, "...7<TAB>24.5"
"$EISFIT" info "$tmp/nonl.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "notice: line [0-9]*, the last, has no line end" "$tmp/o"
check "Gamry without the last line end: read, noted (exit $st)" $?
# .dfr: one value per line, the values per point inferred: a cut file must not shift them
cut_at "$d/autolab.dfr" 77 > "$tmp/cut.dfr"
"$EISFIT" convert -o - "$tmp/cut.dfr" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut.dfr:[0-9]*: read as 7 values per point, the frequencies are not a sweep" "$tmp/e"
check ".dfr cut short: refused, not read with a wrong stride (exit $st: $(cat "$tmp/e"))" $?

# --- 2. --shared: one validation for series and arrhenius ---
for cmd in series arrhenius; do
  "$EISFIT" $cmd --thickness 0.6mm --diameter 10mm --shared R1 "$s/pellet-25C.csv" "$s/pellet-40C.csv" -f csv > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && [ ! -s "$tmp/o" ] && grep -q "eisfit $cmd: --shared R1: a resistance shared by spectra at different temperatures cannot follow the temperature" "$tmp/e"
  check "$cmd --shared R1 across temperatures: refused, exit 1 (exit $st: $(cat "$tmp/e"))" $?
  "$EISFIT" $cmd --thickness 0.6mm --diameter 10mm --shared C1,C1 "$s/pellet-25C.csv" "$s/pellet-40C.csv" -f csv > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && grep -q "eisfit $cmd: --shared: C1 named twice" "$tmp/e"
  check "$cmd --shared C1,C1: refused, exit 1 (exit $st: $(cat "$tmp/e"))" $?
done
# a series by index may share a resistance (the same cell, not a temperature series)
"$EISFIT" series --by index --shared R1 "$s/pellet-25C.csv" "$s/pellet-40C.csv" -f csv > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -ne 1 ] && [ -s "$tmp/o" ]
check "series --by index --shared R1: accepted (exit $st)" $?

# --- 5. standard output that cannot be written: exit 4 in every command ---
if [ -w /dev/full ]; then
  for cmd in info kk drt fit; do
    "$EISFIT" $cmd "$s/pellet-25C.csv" > /dev/full 2> "$tmp/e"; st=$?
    [ $st -eq 4 ] && [ "$(grep -c "standard output: write failed" "$tmp/e")" -eq 1 ]
    check "$cmd > /dev/full: exit 4, said once (exit $st: $(cat "$tmp/e"))" $?
  done
  "$EISFIT" convert "$s/pellet-25C.csv" -o - > /dev/full 2> "$tmp/e"; st=$?
  [ $st -eq 4 ] && grep -q "standard output: write failed" "$tmp/e" && grep -q "0 written to standard output" "$tmp/e"
  check "convert -o - > /dev/full: exit 4, 0 written (exit $st: $(cat "$tmp/e"))" $?
else
  echo "skip: no /dev/full"
fi

# --- 3. one spectrum twice in a temperature series ---
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$s/pellet-25C.csv@25C" "$s/pellet-25C.csv@40C" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && [ ! -s "$tmp/o" ] && grep -q "pellet-25C.csv: spectrum 1 and .*pellet-25C.csv: spectrum 1 hold the same data (the same spectrum given twice)" "$tmp/e"
check "arrhenius: the same spectrum at 25 and 40 C refused, exit 2 (exit $st: $(cat "$tmp/e"))" $?
cp "$s/pellet-25C.csv" "$tmp/copy-40C.csv"
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$s/pellet-25C.csv" "$tmp/copy-40C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "hold the same data (every point identical)" "$tmp/e"
check "arrhenius: a copy of a file at another temperature refused (exit $st: $(cat "$tmp/e"))" $?
"$EISFIT" series "$s/pellet-25C.csv" "$tmp/copy-40C.csv" -f csv > "$tmp/o" 2> "$tmp/e"; st=$?
[ -s "$tmp/o" ] && grep -q "warning: .*hold the same data (every point identical): the series counts one measurement twice" "$tmp/e"
check "series: a copy warned of (exit $st: $(cat "$tmp/e"))" $?
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$s/pellet-25C.csv" "$s/pellet-40C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && [ "$(grep -c "two temperatures: the line passes through both points, so R2 = 1 says nothing" "$tmp/o")" -eq 2 ]
check "arrhenius with two temperatures: R2 = 1 said to say nothing (exit $st)" $?

# --- 6. a figure that cannot be written: refused before the fits, never said written ---
for cmd in fit kk drt; do
  "$EISFIT" $cmd "$s/pellet-25C.csv" --plot "$tmp/no-such-dir/f.png" -o "$tmp/rep-$cmd.txt" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 4 ] && [ ! -e "$tmp/rep-$cmd.txt" ] && ! grep -q "plot written" "$tmp/o" \
    && grep -q -- "--plot $tmp/no-such-dir/f.png: cannot write into the folder $tmp/no-such-dir: No such file or directory" "$tmp/e"
  check "$cmd --plot into a missing folder: exit 4 before any output (exit $st: $(cat "$tmp/e"))" $?
done
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
  "$EISFIT" fit "$s/pellet-25C.csv" --plot "$tmp/ro/f.png" -o "$tmp/rep.txt" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 4 ] && [ ! -e "$tmp/rep.txt" ] && grep -q "cannot write into the folder" "$tmp/e"
  check "fit --plot into a read-only folder: exit 4, no report (exit $st: $(cat "$tmp/e"))" $?
  chmod u+w "$tmp/ro"
else
  echo "skip: read-only folder (running as root)"
fi

# --- 9. geometry below any sample: refused, not an "unusual" conductivity of 1e-304 ---
for o in "--thickness 1e-300mm" "--diameter 1e-8mm" "--area 1e-20mm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" "$s/pellet-25C.csv" $o > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && [ ! -s "$tmp/o" ] && grep -q "than 1 nm.*a unit slip" "$tmp/e"
  check "$o: refused, exit 1 (exit $st: $(cat "$tmp/e"))" $?
done

# --- 4. every parameter fixed (at values that describe the data): no "+- 0" as if sigma were
# known exactly (fixed at values that miss the data: test-hostile-3.sh) ---
"$EISFIT" "$s/pellet-25C.csv" -c 'p(R1,C1)-p(R2,CPE2)-CPE3' --fix R1,C1,R2,CPE2_Q,CPE2_n,CPE3_Q,CPE3_n \
  --init R1=368.97,C1=2.334e-11,R2=154.70,CPE2_Q=3.46e-8,CPE2_n=0.8618,CPE3_Q=4.199e-6,CPE3_n=0.880 \
  --thickness 0.6mm --diameter 10mm > "$tmp/o" 2> "$tmp/e"; st=$?
grep -q "sigma_total  1.4588e-04 (from fixed values: no error) S/cm" "$tmp/o" && ! grep -q "+- 0.00e+00" "$tmp/o"
check "all parameters fixed: sigma_total without '+- 0' (exit $st: $(grep sigma_total "$tmp/o"))" $?

exit $fail
