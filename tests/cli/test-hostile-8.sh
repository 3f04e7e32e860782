#!/bin/sh
# Hostile input, eighth round (tester 4's F12 and F14): CSV cells a spreadsheet would run as a
# formula; a repeated option; a bare --at temperature; an imaginary part positive everywhere
# (its sign flipped); arrhenius --vtf --global with T0 at its 0 K edge.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cd "$tmp" || exit 99

# CSV formula injection: a file name starting with = @ + gets a ' in front (inside the quotes
# when quoted); numbers such as -1.5e-3 and the plain names stay as they are
cp "$S/pellet-25C.csv" '=1+2.csv'
cp "$S/pellet-40C.csv" '@SUM(1).csv'
cp "$S/pellet-60C.csv" '+x,y.csv'
"$EISFIT" -f csv '=1+2.csv' '@SUM(1).csv' '+x,y.csv' --thickness 0.6mm --diameter 10mm > c 2> err
check "fit csv: '=1+2.csv" "$(grep -q "^'=1+2.csv,1," c; echo $?)"
check "fit csv: '@SUM(1).csv" "$(grep -q "^'@SUM(1).csv,1," c; echo $?)"
check "fit csv: \"'+x,y.csv\"" "$(grep -q "^\"'+x,y.csv\",1," c; echo $?)"
check "fit csv: no cell starts with = or @" "$(tr ',' '\n' < c | grep -q '^[=@]' && echo 1 || echo 0)"
"$EISFIT" arrhenius -f csv '=1+2.csv@25C' '@SUM(1).csv@40C' --thickness 0.6mm --diameter 10mm > c 2> err
check "arrhenius csv: '=1+2.csv" "$(grep -q "^'=1+2.csv,1,298.15," c; echo $?)"
"$EISFIT" series -f csv '=1+2.csv' '@SUM(1).csv' > c 2> err
check "series csv: '@SUM(1).csv" "$(grep -q "^'@SUM(1).csv,1," c; echo $?)"
# numbers (-1.5e-3 ...) keep no quote: test-series-table test_csv_formula

exit $fail
