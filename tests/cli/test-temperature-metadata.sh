#!/bin/sh
# A file's metadata temperature beside the one its name gives (man eisfit, "Temperatures"):
# the metadata's is used, and more than 5 K apart they are said in a warning naming both, as a
# series manifest's and the name's are. Gamry .DTA files with a Temp column (the pellet
# samples at 25.1 and 40.2 degC) named cell_60C.DTA (34.9 K off: warned), cell_40C.DTA and
# cell_29C.DTA (0.2 and 3.9 K off: not warned).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# a Gamry EIS file of CSV spectrum $1 with its Temp column at $2 degC
mk_dta () {
  awk -F, -v T="$2" 'BEGIN { print "EXPLAIN"; print "TAG\tEISPOT"; print "ZCURVE\tTABLE"
    print "\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\tTemp"
    print "\t#\ts\tHz\tohm\tohm\tV\tohm\tdeg\tA\tV\t#\tdegC" }
    NR > 1 { printf "\t%d\t%d\t%s\t%s\t%s\t1\t0\t0\t0\t0\t7\t%s\n", NR - 2, 2 * (NR - 2), $1, $2, $3, T }' "$1"
}
mk_dta "$s/pellet-25C.csv" 25.1 > "$tmp/cell_60C.DTA"
mk_dta "$s/pellet-40C.csv" 40.2 > "$tmp/cell_40C.DTA"
mk_dta "$s/pellet-25C.csv" 25.1 > "$tmp/cell_29C.DTA"
want="cell_60C.DTA: spectrum 1: the temperature of the file's metadata, 298.25 K (25.10 degC), and the one the name cell_60C.DTA gives, 333.15 K (60.00 degC), disagree by 34.9 K: the metadata's is used"

"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm "$tmp/cell_60C.DTA" "$tmp/cell_40C.DTA" \
  > "$tmp/a.txt" 2> "$tmp/a.err"; st=$?
[ $st -eq 0 ] && grep -qF "warning: $tmp/$want" "$tmp/a.err"
check "arrhenius: the metadata's 25.10 degC and the name's 60 degC warned, naming both (exit $st): $(cat "$tmp/a.err")" $?
[ "$(grep -c "disagree" "$tmp/a.err")" = 1 ]
check "arrhenius: cell_40C.DTA (metadata 40.2 degC, 0.2 K off) not warned" $?
awk '$1 ~ /cell_60C/ { exit !($2 == "298.25" && $4 == "metadata") }' "$tmp/a.txt"
check "arrhenius: the metadata's temperature is used (298.25 K)" $?
for cmd in fit info series; do
  "$EISFIT" $cmd "$tmp/cell_60C.DTA" > /dev/null 2> "$tmp/$cmd.err"
  grep -qF "warning: $tmp/$want" "$tmp/$cmd.err"
  check "$cmd warns of the two temperatures: $(head -c 300 "$tmp/$cmd.err")" $?
  "$EISFIT" $cmd -q "$tmp/cell_60C.DTA" > /dev/null 2> "$tmp/$cmd-q.err"
  ! grep -q "disagree" "$tmp/$cmd-q.err"; check "$cmd -q: not said" $?
done
"$EISFIT" info "$tmp/cell_29C.DTA" > /dev/null 2> "$tmp/29.err"
! grep -q "disagree" "$tmp/29.err"; check "3.9 K apart (cell_29C.DTA, 25.1 degC): not warned" $?
exit $fail
