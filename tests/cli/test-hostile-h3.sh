#!/bin/sh
# Hostile input, third round of a tester: a manifest temperature far beyond any furnace, a file
# name with an escape sequence in CSV output, and the messages for malformed manifests, tables
# and circuits say what is really wrong.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$(cd "$top_srcdir/samples" && pwd) || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
expect () { # description expected-exit actual-exit file pattern (grep -E)
  if [ "$3" -eq "$2" ] && grep -qE -- "$5" "$4"; then echo "ok: $1"
  else echo "FAIL: $1: exit $3 (expected $2), wanted /$5/ in:"; cat "$4"; fail=1; fi
}
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$tmp/"
cd "$tmp" || exit 99

# a manifest temperature of 1e300 degC is refused at its line, with the range (as nan and -274)
printf 'file,temperature\npellet-25C.csv,25\npellet-40C.csv,1e300\n' > m.csv
"$EISFIT" series --series m.csv > out 2> err
expect "manifest 1e300 degC refused at its line" 2 $? err \
  'm\.csv:3: the temperature "1e300" is outside 1 to 5000 K'
printf 'file,T_K\npellet-25C.csv,298.15\npellet-40C.csv,5001\n' > mk.csv
"$EISFIT" series --series mk.csv > out 2> err
expect "manifest T_K 5001 refused" 2 $? err 'mk\.csv:3: the temperature "5001" is outside 1 to 5000 K'

# CSV: the file name's ESC byte escaped as in text and JSON (\x1b), never written raw
esc=$(printf 'esc\033[31mred.csv')
cp pellet-25C.csv "$esc"
"$EISFIT" fit -q -f csv "$esc" > out.csv 2> err
if [ "$(tr -cd '\033' < out.csv | wc -c)" -eq 0 ] && grep -qF 'esc\x1b[31mred.csv,1,' out.csv
then echo "ok: CSV escapes a control character in a cell"
else echo "FAIL: CSV cell with ESC:"; od -c out.csv | head; fail=1; fi
# and a cell with a comma is still quoted
cp pellet-25C.csv "a,b.csv"
"$EISFIT" fit -q -f csv "a,b.csv" > out.csv 2> err
expect "CSV quotes a cell with a comma" 0 $? out.csv '^"a,b\.csv",1,'

# a binary manifest is not text (it was "empty"); a header-only one lists no files (exit 2 as
# other manifest errors; it was "no input file", exit 1)
printf '\000\001\002file,temperature\npellet-25C.csv,25\n' > bin.csv
"$EISFIT" series --series bin.csv > out 2> err
expect "binary manifest: not a text file" 2 $? err 'bin\.csv: not a text file \(byte 1 is the control character 0x00\)'
printf 'file,temperature\n' > hdr.csv
"$EISFIT" series --series hdr.csv > out 2> err
expect "header-only manifest lists no files" 2 $? err 'hdr\.csv: lists no files'

# a table wider than 64 columns with names not recognised: the columns are named and
# --columns offered (it was "no table of numbers found"), and --columns then reads it
awk 'BEGIN { for (c = 0; c < 300; c++) printf "%sc%d", c ? "," : "", c; print "";
  for (i = 0; i < 30; i++) { f = 10 ^ (6 - i * 7 / 29); w = 2 * 3.14159265358979 * f;
    d = 1 + (w * 0.00137 * 2.468) ^ 2; printf "%.10g,%.10g,%.10g", f, 12.5 + 2.468 / d, -w * 0.00137 * 2.468 * 2.468 / d;
    for (c = 3; c < 300; c++) printf ",1"; print "" } }' > wide.csv
"$EISFIT" fit wide.csv > out 2> err
expect "wide table: columns not recognised, --columns offered" 2 $? err \
  'wide\.csv:1: no column for the frequency found \(columns: 1 "c0".*say which column is which with --columns'
"$EISFIT" fit -q -c "R0-p(R1,C1)" --columns f=1,re=2,im=3 wide.csv > out 2> err
r1=$(awk '$1 == "R1" { print $2 }' out)
if awk -v r="$r1" 'BEGIN { exit !(r > 2.468 * 0.999999 && r < 2.468 * 1.000001) }'
then echo "ok: wide table read with --columns: R1 = $r1 (2.468)"
else echo "FAIL: wide table with --columns: R1 = '$r1'"; cat err; fail=1; fi

# 39 resistances in series: the caution says so (it said "arcs"); R1-R2-R3: no "+- nan %", no
# "z = -inf", the reason said (resistances in series are not separately identifiable)
"$EISFIT" fit -c "$(awk 'BEGIN { for (i = 1; i < 40; i++) printf "%sR%d", (i > 1 ? "-" : ""), i }')" pellet-25C.csv > out 2> err
expect "39 series R: the caution names them" 0 $? out 'the circuit has 39 resistances in series: roles, R_bulk and sigma are worked out for at most 16'
if grep -q '^  ()$' out; then echo "FAIL: an empty note line"; fail=1; else echo "ok: no empty note"; fi
"$EISFIT" fit -c R1-R2-R3 pellet-25C.csv > out 2> err
expect "R1-R2-R3: not separately identifiable" 0 $? out \
  'the fit does not determine R1 \(273.3 Ohm, its error not determined\) beside the other electrolyte resistances: resistances in series, or arcs that overlap, are not separately identifiable'
expect "R1-R2-R3: every residual of one sign in words" 0 0 out 'follow a pattern \(every residual has the same sign\)'
if grep -qi 'nan %\|z = -inf' out; then echo "FAIL: nan or -inf printed:"; grep -i 'nan\|inf' out; fail=1
else echo "ok: R1-R2-R3: no nan %, no z = -inf"; fi

# Z = 100 Ohm + j w 1 mH, 50 points from 1 MHz to 0.1 Hz: the automatic choice takes
# L0-p(R1,CPE1), whose arc (R1 0.8 mOhm +- 10 Ohm) got the role line "-> electrode interface";
# an arc whose R error exceeds its value gets no role
awk 'BEGIN { print "freq_Hz,Zreal_Ohm,Zimag_Ohm"; for (i = 0; i < 50; i++) {
  f = 10 ^ (6 - i * 7 / 49); printf "%.17g,100.0,%.17g\n", f, 2 * 3.14159265358979 * f * 0.001 } }' > ind.csv
"$EISFIT" fit ind.csv > out 2> err
if grep -E '^  [A-Za-z0-9]+\|\|' out | grep -v 'R not determined by the data' | grep -q -- '->'
then echo "FAIL: an undetermined arc given a role:"; cat out; fail=1
else echo "ok: inductive: no role for an arc the data do not determine"; fi

exit $fail
