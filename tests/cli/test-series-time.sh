#!/bin/sh
# Times for a series of plain CSV files (no time stamps): FILE@2h (s, min, h; with a
# temperature: FILE@25C,2h) and a time column in the --series manifest (time_s, time_min,
# time_h, or a unit in the cell). The series is ordered by them and reports them (time_s).
# Truth: R1 = 120 + 18 t/h Ohm of R0-p(R1,CPE1) (R0 23.7 Ohm), 0.4 % noise.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
check () { check_abs "$@"; }
for h in 0 2 5; do
  R1=$(awk -v h=$h 'BEGIN { printf "%.6g", 120 + 18 * h }')
  Q=$(awk -v R="$R1" 'BEGIN { n = 0.82; printf "%.6g", exp(n * log(2.1e-6) + (n - 1) * log(R)) }')
  "$gen" spectrum "R0-p(R1,CPE1)" "23.7,$R1,$Q,0.82" 0.1 1e6 8 0.004 $((31 + h)) > "$tmp/cyc-$h.csv"
done
col () { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$2"; }

# FILE@TIME, given out of order: ordered by time, times in seconds
"$EISFIT" series -f csv -o "$tmp/a.csv" "$tmp/cyc-5.csv@300min" "$tmp/cyc-0.csv@0h" \
  "$tmp/cyc-2.csv@7200s" 2> "$tmp/a.err" || { echo "FAIL: @time exit $?: $(cat "$tmp/a.err")"; exit 1; }
check "row 1 time_s (0h)" "$(col time_s "$tmp/a.csv" | sed -n 1p)" 0 0
check "row 2 time_s (7200s)" "$(col time_s "$tmp/a.csv" | sed -n 2p)" 7200 0
check "row 3 time_s (300min)" "$(col time_s "$tmp/a.csv" | sed -n 3p)" 18000 0
check "R1 at 2 h (truth 156 Ohm)" "$(col R1 "$tmp/a.csv" | sed -n 2p)" 156 2
check "R1 at 5 h (truth 210 Ohm)" "$(col R1 "$tmp/a.csv" | sed -n 3p)" 210 2.5
"$EISFIT" series "$tmp/cyc-5.csv@300min" "$tmp/cyc-0.csv@0h" "$tmp/cyc-2.csv@7200s" > "$tmp/a.txt" 2>&1
grep -q "ordered by time" "$tmp/a.txt" && echo "ok: text says ordered by time" \
  || { echo "FAIL: not ordered by time: $(head -3 "$tmp/a.txt")"; fail=1; }
"$EISFIT" series -f json "$tmp/cyc-0.csv@0h" "$tmp/cyc-2.csv@2h" > "$tmp/a.json" 2> /dev/null
grep -q '"time_s": 7200' "$tmp/a.json" && echo "ok: JSON time_s 7200" \
  || { echo "FAIL: JSON has no time_s 7200"; fail=1; }

# a temperature and a time together
"$EISFIT" series -f csv -o "$tmp/b.csv" "$tmp/cyc-0.csv@25C,0h" "$tmp/cyc-2.csv@25C,2h" 2> "$tmp/b.err" \
  || { echo "FAIL: @25C,2h exit $?: $(cat "$tmp/b.err")"; exit 1; }
check "@25C,2h: T_K" "$(col T_K "$tmp/b.csv" | sed -n 2p)" 298.15 0.001
check "@25C,2h: time_s" "$(col time_s "$tmp/b.csv" | sed -n 2p)" 7200 0

# the manifest: a header unit (time_h) and a unit in the cell (time)
printf 'file,time_h\ncyc-0.csv,0\ncyc-2.csv,2\ncyc-5.csv,5\n' > "$tmp/m1.csv"
"$EISFIT" series --series "$tmp/m1.csv" -f csv -o "$tmp/m1.out" 2> "$tmp/m1.err" \
  || { echo "FAIL: manifest time_h exit $?: $(cat "$tmp/m1.err")"; exit 1; }
check "manifest time_h: row 3 time_s" "$(col time_s "$tmp/m1.out" | sed -n 3p)" 18000 0
printf 'file,time\ncyc-2.csv,120min\ncyc-0.csv,0s\n' > "$tmp/m2.csv"
"$EISFIT" series --series "$tmp/m2.csv" -f csv -o "$tmp/m2.out" 2> "$tmp/m2.err" \
  || { echo "FAIL: manifest time exit $?: $(cat "$tmp/m2.err")"; exit 1; }
check "manifest time 120min: row 2 time_s" "$(col time_s "$tmp/m2.out" | sed -n 2p)" 7200 0

# refused: no unit, an unknown unit
"$EISFIT" series "$tmp/cyc-0.csv@2x" "$tmp/cyc-2.csv@2h" > "$tmp/c.out" 2> "$tmp/c.err"; st=$?
[ $st -eq 1 ] && grep -q 'after @ is not a temperature .* or a time' "$tmp/c.err" \
  && echo "ok: @2x refused" || { echo "FAIL: @2x: exit $st: $(cat "$tmp/c.err")"; fail=1; }
printf 'file,time\ncyc-0.csv,2\n' > "$tmp/m3.csv"
"$EISFIT" series --series "$tmp/m3.csv" > "$tmp/m3.out" 2> "$tmp/m3.err"; st=$?
[ $st -ne 0 ] && grep -q '"2" is not a time' "$tmp/m3.err" && echo "ok: a bare time without a unit refused" \
  || { echo "FAIL: bare time: exit $st: $(cat "$tmp/m3.err")"; fail=1; }
exit $fail
