#!/bin/sh
# "-" as a file name is standard input: the commands that read data files read it (the format
# detected from the content); convert only to standard output (its outputs are named after their
# inputs); --project - and --series - are refused (the paths in them are relative to their
# folder); a terminal on standard input is refused rather than waited on; eisfit-gtk - says it
# does not read standard input, at once.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cd "$tmp" || exit 99
cp "$s/pellet-25C.csv" p.csv
# the same numbers from the file and from standard input
"$EISFIT" p.csv -c 'p(R1,C1)-p(R2,CPE2)-CPE3' --no-kk -f csv > file.csv 2> e1
"$EISFIT" - -c 'p(R1,C1)-p(R2,CPE2)-CPE3' --no-kk -f csv < p.csv > in.csv 2> e2; st=$?
r1=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "R1") c = i } NR == 2 { print $c }' file.csv)
r2=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "R1") c = i } NR == 2 { print $c }' in.csv)
[ $st -eq 0 ] && [ -n "$r1" ] && [ "$r1" = "$r2" ]
check "eisfit - < p.csv: R1 $r2 as from the file ($r1) (exit $st: $(cat e2))" $?
cat p.csv | "$EISFIT" info - > o 2> e; st=$?
[ $st -eq 0 ] && grep -q "^-: csv, 1 spectrum" o && grep -q "79 points" o
check "info from a pipe (exit $st: $(cat e))" $?
for c in kk drt; do
  "$EISFIT" $c - < p.csv > o 2> e; st=$?
  [ $st -eq 0 ] && [ -s o ]
  check "eisfit $c - (exit $st: $(cat e))" $?
done
"$EISFIT" series - --thickness 0.6mm --diameter 10mm < p.csv > o 2> e; st=$?
[ $st -eq 0 ] && grep -q "1 spectra" o
check "eisfit series - (exit $st: $(cat e))" $?
# convert: to standard output only
"$EISFIT" convert - -o - < p.csv > o 2> e; st=$?
[ $st -eq 0 ] && grep -q "^# source: -" o && [ "$(grep -c '^[0-9]' o)" -eq 79 ]
check "convert - -o -: 79 rows on standard output (exit $st: $(cat e))" $?
mkdir out
"$EISFIT" convert - -o out < p.csv > o 2> e; st=$?
[ $st -eq 1 ] && grep -q "standard input has no file name to name the converted files after" e \
  && [ -z "$(ls out)" ] && [ ! -e ./-.csv ]
check "convert - -o DIR: refused, nothing written (exit $st: $(cat e))" $?
# what cannot be read from standard input
"$EISFIT" --project - < p.csv > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "a project is not read from standard input" e
check "--project -: refused (exit $st: $(cat e))" $?
printf 'file,temperature\np.csv,25\n' > m.csv
"$EISFIT" arrhenius --series - --thickness 0.6mm --diameter 10mm < m.csv > o 2> e; st=$?
[ $st -eq 1 ] && grep -q "a manifest is not read from standard input" e
check "--series -: refused (exit $st: $(cat e))" $?
# a terminal is not waited on
if command -v script > /dev/null 2>&1; then
  timeout 20 script -qec "\"$EISFIT\" info -" /dev/null < /dev/null > o 2>&1; st=$?
  [ $st -eq 2 ] && grep -q "standard input is a terminal" o
  check "a terminal on standard input: refused, no wait (exit $st: $(cat o))" $?
fi
# a file named "-" is ./-
cp p.csv ./-
"$EISFIT" info ./- < /dev/null > o 2> e; st=$?
[ $st -eq 0 ] && grep -q "79 points" o
check "./- is the file named - (exit $st)" $?
# eisfit-gtk: said at once (before it looks for a display), not a wait nor "cannot open"
if [ -x "$top_builddir/eisfit-gtk" ]; then
  timeout 20 "$top_builddir/eisfit-gtk" - < p.csv > o 2> e; st=$?
  [ $st -eq 1 ] && grep -q "standard input is not read by eisfit-gtk" e
  check "eisfit-gtk -: said at once (exit $st: $(cat e))" $?
fi
exit $fail
