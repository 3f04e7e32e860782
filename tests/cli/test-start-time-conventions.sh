#!/bin/sh
# Each file's start time read by its own format's convention (hostile test 8, T1-T7):
#  - EC-Lab (.mpt) writes MM/DD/YYYY: "01/02/2026" is 2 January, even next to a Gamry file
#    whose dotted date "13.01.2026" is day first (truth: the .mpt 11 days before the .DTA);
#  - a Gamry date that reads both ways ("01/02/2026", "02/02/2026") is read day first when
#    another Gamry file's date can only be day first (13/02/2026), and said; month first when
#    none decides, and said (naming the files);
#  - time-zone offsets apply (+01:00 vs +02:00 across the DST change: 1 h; Z vs -05:00: 5 h);
#  - two-digit years are 2000-2099 (12/31/69 23:00 and 01/01/70 01:00: 2 h apart, in order);
#  - the seconds' fraction is digits only (",900" is 0.9 s; ".5e3" is refused, not 500 s);
#  - a start time that cannot be used (a date alone, a year before 1900) is said as such,
#    not as "no start time".
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
col () { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$2"; }
# time_s of FILE (its base name) in series CSV OUT
tof () { awk -F, -v f="$1" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "time_s") c = i; if ($i == "file") k = i }; next } { n = split($k, p, "/"); if (p[n] == f) print $c }' "$2"; }

"$gen" spectrum "R0-p(R1,CPE1)" "23.7,150,3.1e-6,0.82" 0.1 1e6 8 0.004 5 > "$tmp/g.csv"
# mpt NAME "START": a BioLogic .mpt
mpt () {
  { printf 'EC-Lab ASCII FILE\nNb header lines : 7\n\nPotentio Electrochemical Impedance Spectroscopy\n\nAcquisition started on : %s\n' "$2"
    printf 'freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\n'
    awk -F, 'NR > 1 { printf "%s\t%s\t%g\t%.3f\n", $1, $2, -$3, 0.5 * (NR - 2) }' "$tmp/g.csv"
  } > "$tmp/$1"
}
# dta NAME DATE TIME: a Gamry .DTA
dta () {
  { printf 'EXPLAIN\nTAG\tEISPOT\nTITLE\tLABEL\tPotentiostatic EIS\tTest &Identifier\n'
    printf 'DATE\tLABEL\t%s\tDate\nTIME\tLABEL\t%s\tTime\n' "$2" "$3"
    printf 'ZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange\tTemp\n'
    printf '\t#\ts\tHz\tohm\tohm\tV\tohm\t\xb0\tA\tV\t#\tdeg C\n'
    awk -F, 'NR > 1 { printf "\t%d\t%.3f\t%s\t%s\t%s\t1\t0\t0\t0\t0\t9\t25.00\n", NR - 2, 0.5 * (NR - 2), $1, $2, $3 }' "$tmp/g.csv"
  } > "$tmp/$1"
}
C="R0-p(R1,CPE1)"
# run NAME FILES...: series by time into $tmp/NAME.csv, messages into $tmp/NAME.err
run () { _n=$1; shift; "$EISFIT" series "$@" -c "$C" --by time -f csv -o "$tmp/$_n.csv" 2> "$tmp/$_n.err"; }

# T1: EC-Lab month first beside a dotted day-first Gamry date
mpt ecl.mpt "01/02/2026 10:00:00"
dta gam.DTA "13.01.2026" "10:00:00"
run t1 "$tmp/ecl.mpt" "$tmp/gam.DTA"
check_abs "T1 EC-Lab 01/02/2026 is 2 Jan: at 0 s" "$(tof ecl.mpt "$tmp/t1.csv")" 0 0.001
check_abs "T1 Gamry 13.01.2026: 11 days later" "$(tof gam.DTA "$tmp/t1.csv")" 950400 0.001

# T2: ambiguous Gamry dates: a day-first Gamry file decides, and it is said
dta uk1.DTA "01/02/2026" "10:00:00"
dta uk2.DTA "02/02/2026" "10:00:00"
dta uk3.DTA "13/02/2026" "10:00:00"
run t2 "$tmp/uk1.DTA" "$tmp/uk2.DTA" "$tmp/uk3.DTA"
check_abs "T2 uk2.DTA 1 day after uk1.DTA (day first, as uk3.DTA)" "$(tof uk2.DTA "$tmp/t2.csv")" 86400 0.001
grep -q "uk1.DTA.*read day first, as .*uk3.DTA" "$tmp/t2.err" && ok "T2 note: read day first as uk3.DTA" \
  || bad "T2 note: $(cat "$tmp/t2.err")"
# none decides: month first, said naming the files
run t2b "$tmp/uk1.DTA" "$tmp/uk2.DTA"
check_abs "T2 none decides: month first (31 days)" "$(tof uk2.DTA "$tmp/t2b.csv")" 2678400 0.001
grep -q "the date of .*uk1.DTA (.*could have the day or the month first.*read month first" "$tmp/t2b.err" \
  && ok "T2 note: the guess is said" || bad "T2 no note: $(cat "$tmp/t2b.err")"
# the same day in every file: no note (the reading changes nothing)
dta same1.DTA "01/02/2026" "10:00:00"
dta same2.DTA "01/02/2026" "12:00:00"
run t2c "$tmp/same1.DTA" "$tmp/same2.DTA"
grep -q "could have the day" "$tmp/t2c.err" && bad "T2 note for one day: $(cat "$tmp/t2c.err")" \
  || ok "T2 one day: no note"

# T3: time-zone offsets
mpt tz1.mpt "2026-03-29T01:30:00+01:00"
mpt tz2.mpt "2026-03-29T03:30:00+02:00"
run t3 "$tmp/tz1.mpt" "$tmp/tz2.mpt"
check_abs "T3 +01:00 and +02:00: 1 h apart" "$(tof tz2.mpt "$tmp/t3.csv")" 3600 0.001
mpt z1.mpt "2026-03-29T10:00:00Z"
mpt z2.mpt "2026-03-29T10:00:00-05:00"
run t3b "$tmp/z1.mpt" "$tmp/z2.mpt"
check_abs "T3 Z and -05:00: 5 h apart" "$(tof z2.mpt "$tmp/t3b.csv")" 18000 0.001

# T4: two-digit years 2000-2099
mpt y1.mpt "12/31/69 23:00:00"
mpt y2.mpt "01/01/70 01:00:00"
run t4 "$tmp/y1.mpt" "$tmp/y2.mpt"
check_abs "T4 12/31/69 23:00 -> 01/01/70 01:00: 2 h" "$(tof y2.mpt "$tmp/t4.csv")" 7200 0.001

# T5: fraction digits only
mpt c1.mpt "01/05/2026 10:00:00,900"
mpt c2.mpt "01/05/2026 10:00:01.000"
run t5 "$tmp/c1.mpt" "$tmp/c2.mpt"
check_abs "T5 ,900 is 0.9 s: 0.1 s apart" "$(tof c2.mpt "$tmp/t5.csv")" 0.1 0.0001
mpt f1.mpt "01/05/2026 10:00:00.5e3"
mpt f2.mpt "01/05/2026 10:00:01"
run t5b "$tmp/f1.mpt" "$tmp/f2.mpt"; st=$?
[ $st -ne 0 ] && grep -q 'f1.mpt: spectrum 1 has a start time that cannot be read ("01/05/2026 10:00:00.5e3"' "$tmp/t5b.err" \
  && ok "T5 .5e3 refused naming the file and the text" || bad "T5 .5e3: exit $st: $(cat "$tmp/t5b.err")"

# T6/T7: an unusable start time is called what it is
mpt q1.mpt "12/31/1899 23:00:00"
mpt q2.mpt "01/01/1900 01:00:00"
run t6 "$tmp/q1.mpt" "$tmp/q2.mpt"
grep -q "q1.mpt, which has a start time that cannot be read (.*the year 1899 is outside 1900 to 2200)" "$tmp/t6.err" \
  && ok "T6 the year 1899 named" || bad "T6: $(cat "$tmp/t6.err")"
mpt d1.mpt "03/02/21"
run t7 "$tmp/d1.mpt" "$tmp/q2.mpt"
grep -q "d1.mpt: spectrum 1 has a start time that is a date without a time of day" "$tmp/t7.err" \
  && ok "T7 a date alone said as such" || bad "T7: $(cat "$tmp/t7.err")"

# equal start times: said
mpt e1.mpt "01/05/2026 10:00:00"
mpt e2.mpt "01/05/2026 10:00:00"
run eq "$tmp/e1.mpt" "$tmp/e2.mpt"
grep -q "e1.mpt and .*e2.mpt start at the same time" "$tmp/eq.err" && ok "equal start times said" \
  || bad "equal start times: $(cat "$tmp/eq.err")"
exit $fail
