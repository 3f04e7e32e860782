#!/bin/sh
# A second hostile review: files cut short in a row, shared parameters across temperatures,
# one spectrum given twice, fully fixed circuits, output lost on a full disk, figures that
# could not be written, hand-edited projects, nan/inf results and absurd options.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$top_srcdir/samples
d=$top_srcdir/tests/data
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # description status (0 = passed)
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
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
# a whole last row without its line end: read, with the warning
cut_at "$d/gamry-eis.DTA" 90 > "$tmp/nonl.DTA"     # a whole row, "...7<TAB>24.5"
"$EISFIT" info "$tmp/nonl.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "warning: line [0-9]*, the last, has no line end" "$tmp/o"
check "Gamry without the last line end: read, warned (exit $st)" $?
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

exit $fail
