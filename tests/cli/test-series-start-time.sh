#!/bin/sh
# The instruments' start times place a series in time: Gamry DATE/TIME and BioLogic
# "Acquisition started on" headers (files 3 h apart, each with its own time column starting at
# 0.5 s) give time_s 0, 10800, 21600 from the first spectrum; files at one temperature are
# then ordered by time; a temperature series with equal times prints no time; some files with
# a start time and others without are refused for --by time; FILE@3h still wins.
# Truth: R1 = 120 + 18 t/h Ohm of R0-p(R1,CPE1) (R0 23.7 Ohm), 0.4 % noise, 25 C.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
col () { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$2"; }

# dta NAME DATE TIME HOURS: a Gamry-style EIS file of the truth at HOURS, temperature 25 C
dta () {
  R1=$(awk -v h="$4" 'BEGIN { printf "%.6g", 120 + 18 * h }')
  "$gen" spectrum "R0-p(R1,CPE1)" "23.7,$R1,3.1e-6,0.82" 0.1 1e6 8 0.004 $((41 + $4)) > "$tmp/g.csv"
  { printf 'EXPLAIN\nTAG\tEISPOT\nTITLE\tLABEL\tPotentiostatic EIS\tTest &Identifier\n'
    printf 'DATE\tLABEL\t%s\tDate\nTIME\tLABEL\t%s\tTime\n' "$2" "$3"
    printf 'ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\tTemp\n'
    printf '\t#\ts\tHz\tohm\tohm\tV\tohm\t\xb0\tA\tV\t#\tdeg C\n'
    awk -F, 'NR > 1 { printf "\t%d\t%.3f\t%s\t%s\t%s\t1\t0\t0\t0\t0\t9\t25.00\n", NR - 2, 0.5 * (NR - 1), $1, $2, $3 }' "$tmp/g.csv"
  } > "$tmp/$1"
}
# mpt NAME "MM/DD/YYYY HH:MM:SS.sss" HOURS T: a BioLogic-style .mpt file of the truth at HOURS
mpt () {
  R1=$(awk -v h="$3" 'BEGIN { printf "%.6g", 120 + 18 * h }')
  "$gen" spectrum "R0-p(R1,CPE1)" "23.7,$R1,3.1e-6,0.82" 0.1 1e6 8 0.004 $((61 + $3)) > "$tmp/g.csv"
  { printf 'EC-Lab ASCII FILE\nNb header lines : 7\n\nPotentio Electrochemical Impedance Spectroscopy\n\nAcquisition started on : %s\n' "$2"
    printf 'freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\n'
    awk -F, 'NR > 1 { printf "%s\t%s\t%g\t%.3f\n", $1, $2, -$3, 0.5 * (NR - 1) }' "$tmp/g.csv"
  } > "$tmp/$1"
}
# the hours are 0, 3 and 27 (the next day, across midnight), listed out of order
dta li_b.DTA 12/2/2026 23:00:00 3
dta li_a.DTA 12/2/2026 20:00:00 0
dta li_c.DTA 12/3/2026 23:00:00 27
"$EISFIT" info "$tmp/li_b.DTA" | grep -q "start_time: 12/2/2026 23:00:00" \
  && ok "info reads the Gamry start time" || bad "info: no start time"

"$EISFIT" series "$tmp"/li_*.DTA -c "R0-p(R1,CPE1)" -f csv -o "$tmp/g.out" 2> "$tmp/g.err" \
  || { echo "FAIL: Gamry series exit $?: $(cat "$tmp/g.err")"; exit 1; }
check_abs "Gamry row 1 time_s" "$(col time_s "$tmp/g.out" | sed -n 1p)" 0 0.001
check_abs "Gamry row 2 time_s (3 h)" "$(col time_s "$tmp/g.out" | sed -n 2p)" 10800 0.001
check_abs "Gamry row 3 time_s (27 h)" "$(col time_s "$tmp/g.out" | sed -n 3p)" 97200 0.001
check_rel "Gamry R1 at 27 h (truth 606 Ohm)" "$(col R1 "$tmp/g.out" | sed -n 3p)" 606 0.02
"$EISFIT" series "$tmp"/li_*.DTA -c "R0-p(R1,CPE1)" > "$tmp/g.txt" 2>&1
grep -q "ordered by time" "$tmp/g.txt" && ok "one temperature, times differ: ordered by time" \
  || bad "not ordered by time: $(head -1 "$tmp/g.txt")"
grep -q "time: from the instruments' start times, 0 = 12/2/2026 20:00:00" "$tmp/g.txt" \
  && ok "text names the time zero" || bad "no time-zero line: $(head -4 "$tmp/g.txt")"
"$EISFIT" series "$tmp"/li_*.DTA -c "R0-p(R1,CPE1)" -f json 2> /dev/null | grep -q '"time_s": 97200' \
  && ok "JSON time_s 97200" || bad "JSON has no time_s 97200"

# BioLogic: "Acquisition started on", the day first forced by one file (13/12/2026)
mpt bl_0.mpt "12/12/2026 22:30:00.000" 0
mpt bl_2.mpt "13/12/2026 00:30:00.000" 2
"$EISFIT" series "$tmp"/bl_2.mpt "$tmp"/bl_0.mpt -c "R0-p(R1,CPE1)" --by time -f csv -o "$tmp/b.out" \
  2> "$tmp/b.err" || { echo "FAIL: BioLogic series exit $?: $(cat "$tmp/b.err")"; exit 1; }
check_abs "BioLogic row 2 time_s (2 h, day first)" "$(col time_s "$tmp/b.out" | sed -n 2p)" 7200 0.001
[ "$(col file "$tmp/b.out" | sed -n 1p)" = "$tmp/bl_0.mpt" ] && ok "BioLogic: the earlier first" \
  || bad "BioLogic order: $(col file "$tmp/b.out" | tr '\n' ' ')"

# the plot against time spans the hours (was one vertical line at 0.5 s)
"$EISFIT" series "$tmp"/li_*.DTA -c "R0-p(R1,CPE1)" --plot-x time --plot "$tmp/t.svg" > /dev/null 2>&1 \
  && ok "plot against time" || bad "plot against time failed"

# FILE@TIME wins over the start times
"$EISFIT" series "$tmp/li_a.DTA@0h" "$tmp/li_b.DTA@1h" -c "R0-p(R1,CPE1)" -f csv -o "$tmp/e.out" 2> /dev/null
check_abs "FILE@1h wins" "$(col time_s "$tmp/e.out" | sed -n 2p)" 3600 0.001

# some with a start time, one without: --by time refused naming it
"$gen" spectrum "R0-p(R1,CPE1)" "23.7,150,3.1e-6,0.82" 0.1 1e6 8 0.004 77 > "$tmp/plain_25C.csv"
"$EISFIT" series "$tmp/li_a.DTA" "$tmp/li_b.DTA" "$tmp/plain_25C.csv" -c "R0-p(R1,CPE1)" --by time \
  > "$tmp/m.out" 2> "$tmp/m.err"; st=$?
[ $st -ne 0 ] && grep -q "plain_25C.csv: spectrum 1 has no start time" "$tmp/m.err" \
  && grep -q "2 of 3 spectra have the instrument's start time" "$tmp/m.err" \
  && ok "mixed start times refused for --by time" || bad "mixed: exit $st: $(cat "$tmp/m.err")"

# a temperature series whose files share one start (a loop's export): no time column
mpt p_10C.mpt "12/01/2026 09:15:00.000" 0
mpt p_30C.mpt "12/01/2026 09:15:00.000" 1
"$EISFIT" series "$tmp/p_10C.mpt" "$tmp/p_30C.mpt" -c "R0-p(R1,CPE1)" > "$tmp/p.txt" 2> /dev/null
grep -q "ordered by temperature" "$tmp/p.txt" && ! grep -q "time/s" "$tmp/p.txt" \
  && ok "temperature series: no time column" || bad "temperature series: $(sed -n '1p;/#/p' "$tmp/p.txt")"
"$EISFIT" series "$tmp/p_10C.mpt" "$tmp/p_30C.mpt" -c "R0-p(R1,CPE1)" -f csv -o "$tmp/p.csv" 2> /dev/null
[ -z "$(col time_s "$tmp/p.csv" | tr -d '\n')" ] && ok "temperature series: time_s empty in CSV" \
  || bad "temperature series time_s: $(col time_s "$tmp/p.csv" | tr '\n' ' ')"
exit $fail
