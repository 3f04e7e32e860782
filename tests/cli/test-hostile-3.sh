#!/bin/sh
# A third hostile review: files cut in their last row by importers with their own row loops,
# points left out beyond the spectrum, undetermined errors of many-arc fits, absurd option
# values, a model that misses the data, a large binary file, mixed delimiters.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cut_bytes () { # file n: FILE without its last N bytes
  head -c $(( $(wc -c < "$1") - $2 )) "$1"
}

# --- 8. IviumSoft and Zahner files cut in their last row: the rule of every text format ---
cut_bytes "$d/ivium.ids" 25 > "$tmp/cut.ids"      # ends "1.264244E+03 -1.550" (2 of 3 fields)
"$EISFIT" convert -o - "$tmp/cut.ids" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut.ids:36: the last line has no line end and 2 of the 3 fields of a row" "$tmp/e"
check "Ivium .ids cut in a row: refused at line 36, exit 2 (exit $st: $(cat "$tmp/e"))" $?
cut_bytes "$d/ivium.ids" 10 > "$tmp/num.ids"      # ends "1.0000": 10 Hz read as 1 Hz
"$EISFIT" info "$tmp/num.ids" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "notice: line 36, the last, has no line end" "$tmp/o"
check "Ivium .ids cut in its last number: read, noted (exit $st)" $?
cut_bytes "$d/ivium.idf" 28 > "$tmp/cut.idf"
"$EISFIT" info "$tmp/cut.idf" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "notice: line 14, the last, has no line end" "$tmp/o"
check "Ivium .idf cut in its last number: read, noted (exit $st)" $?
cut_bytes "$d/zahner.ism" 5 > "$tmp/cut.ism"     # in the time span, the last string
"$EISFIT" info "$tmp/cut.ism" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut.ism: byte 211: string 4 after the points announces 19 bytes, but the file ends 14 bytes later: the file was cut short" "$tmp/e"
check "Zahner .ism cut in its strings: refused, exit 2 (exit $st: $(cat "$tmp/e"))" $?
cut_bytes "$d/zahner.ism" 20 > "$tmp/cut2.ism"
"$EISFIT" info "$tmp/cut2.ism" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "cut2.ism: byte 211: the file ends in the length of string 4" "$tmp/e"
check "Zahner .ism cut in a string's length: refused (exit $st: $(cat "$tmp/e"))" $?
for f in ivium.ids ivium.idf zahner.ism; do
  "$EISFIT" info "$d/$f" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 0 ] && ! grep -q "line end\|cut short" "$tmp/o" "$tmp/e"
  check "whole $f: read without a warning (exit $st)" $?
done

# --- 6. --exclude-points beyond the spectrum: refused with its number of points ---
for cmd in fit kk series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd --exclude-points 5,200 "$s/pellet-25C.csv" "$s/pellet-40C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && grep -q "pellet-25C.csv: spectrum 1: point 200, to be left out, does not exist: the spectrum has 79 points (numbered 1 to 79" "$tmp/e"
  check "${cmd%% *} --exclude-points 5,200 of 79 points: refused, exit 1 (exit $st: $(head -c 200 "$tmp/e"))" $?
done
"$EISFIT" --exclude-points 5,79 "$s/pellet-25C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "fitted    77 of those points, 0.1 Hz to 5.553e+06 Hz (left out: points 5,79)" "$tmp/o"
check "--exclude-points 5,79 (the last point): accepted (exit $st)" $?

# --- 1. a 14-arc fit: undetermined errors are "-", empty or null, never nan ---
c14=R0
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do c14="$c14-p(R$i,C$i)"; done
for fmt in text csv json; do
  "$EISFIT" -c "$c14" -f $fmt "$s/pellet-25C.csv" > "$tmp/o" 2> "$tmp/e"
  ! grep -qi "nan" "$tmp/o" "$tmp/e" && [ -s "$tmp/o" ]
  check "14 arcs, $fmt: no nan ($(grep -io ".\{40\}nan.\{10\}" "$tmp/o" "$tmp/e" | head -1))" $?
done
"$EISFIT" -c "$c14" "$s/pellet-25C.csv" > "$tmp/o" 2> "$tmp/e"
grep -q "the fit does not split them (R_bulk [0-9.]* (error not determined), R_gb [0-9.]* (error not determined))" "$tmp/o"
check "14 arcs: the caution says the errors are not determined" $?

# --- 4. the caution of an extrapolated intercept quotes the data's smallest Z', not the model's
zmin=$(awk -F, 'NR > 1 && (m == "" || $2 + 0 < m) { m = $2 + 0 } END { printf "%.4g", m }' "$s/pellet-25C.csv")
"$EISFIT" -c "R0-p(R1,CPE1)-CPE2" "$s/pellet-25C.csv" > "$tmp/o" 2> "$tmp/e"
grep -q "would lie 100 % below the smallest Z' of the fitted spectrum ($zmin Ohm)" "$tmp/o"
check "R0 below the data: the caution quotes the data's smallest Z' $zmin Ohm ($(grep -o "smallest Z'[^)]*)" "$tmp/o"))" $?

# --- 3. a model that misses the data by ~200 % (every parameter fixed at wrong values): no sigma
fix_bad () { "$EISFIT" "$s/pellet-25C.csv" -c 'R0-p(R1,CPE1)-CPE2' --fix R0,R1,CPE1_Q,CPE1_n,CPE2_Q,CPE2_n \
  --init R0=1,R1=1,CPE1_Q=1e-9,CPE1_n=0.9,CPE2_Q=1e-6,CPE2_n=0.8 --thickness 0.6mm --diameter 10mm "$@"; }
fix_bad > "$tmp/o" 2> "$tmp/e"; st=$?
grep -q "^  sigma        not given: the model does not describe the data (see the caution)" "$tmp/o" \
  && ! grep -q "sigma_total  [0-9]" "$tmp/o" \
  && grep -q "^  caution: the model does not describe the data: its residuals are 208 % of |Z| (RMS), far beyond the noise" "$tmp/o" \
  && grep -q "R0-p(R1,CPE1)-CPE2 does not describe the data" "$tmp/e"
check "all fixed, 208 % off: no sigma, the caution first, a warning (exit $st: $(grep "sigma" "$tmp/o" | head -2))" $?
fix_bad -f json > "$tmp/o" 2> /dev/null
grep -q '"total": null' "$tmp/o" && grep -q '"trusted": false' "$tmp/o"
check "all fixed, 208 % off, JSON: sigma total null, trusted false" $?
fix_bad -f csv > "$tmp/o" 2> /dev/null
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "sigma_total_S_cm") c = i; next } { exit !($c == "") }' "$tmp/o"
check "all fixed, 208 % off, CSV: sigma_total empty" $?
# a good automatic fit of the same spectrum keeps its sigma
"$EISFIT" "$s/pellet-25C.csv" --thickness 0.6mm --diameter 10mm > "$tmp/o" 2> "$tmp/e"
grep -q "sigma_total  1.45[0-9]*e-04 +-" "$tmp/o" && ! grep -q "does not describe" "$tmp/o" "$tmp/e"
check "the automatic fit of pellet-25C: sigma_total given ($(grep sigma_total "$tmp/o"))" $?

# --- 5. a sparse 1 GB file of zero bytes: refused from its first bytes, not read whole ---
if truncate -s 1G "$tmp/sparse.csv" 2> /dev/null; then
  start=$(date +%s)
  timeout 20 "$EISFIT" info --max-size 2G "$tmp/sparse.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
  took=$(( $(date +%s) - start ))
  [ $st -eq 2 ] && [ $took -le 3 ] && grep -q "sparse.csv: binary file in no format eisfit reads (first bytes: 00 00" "$tmp/e"
  check "sparse 1 GB of zeros: refused in ${took} s (at most 3; it took 10), exit 2 (exit $st: $(cat "$tmp/e"))" $?
  { head -c 2000 "$s/pellet-25C.csv"; } > "$tmp/sparse2.csv" && truncate -s 1G "$tmp/sparse2.csv"
  start=$(date +%s)
  timeout 20 "$EISFIT" fit --max-size 2G "$tmp/sparse2.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
  took=$(( $(date +%s) - start ))
  [ $st -eq 2 ] && [ $took -le 3 ] && grep -q "sparse2.csv:51: byte 2000 is a control character (0x00) in what is text before it" "$tmp/e"
  check "2000 bytes of text, then 1 GB of zeros: refused in ${took} s naming line 51 (exit $st: $(cat "$tmp/e"))" $?
  rm -f "$tmp/sparse.csv" "$tmp/sparse2.csv"
else
  echo "skip: no sparse files here"
fi

# --- 2. absurd option values: refused, saying why ---
P="--polarization $s/li-polarization.csv --before $s/li-before.csv --after $s/li-after.csv"
for v in 1e300V 6V 0.5uV; do
  # shellcheck disable=SC2086
  "$EISFIT" transference $P --voltage $v > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && [ ! -s "$tmp/o" ] && grep -q -- "--voltage: \"$v\": a Bruce-Vincent step is a few mV" "$tmp/e"
  check "transference --voltage $v: refused, exit 1 (exit $st: $(cat "$tmp/e"))" $?
done
# shellcheck disable=SC2086
"$EISFIT" transference $P --rb 1e-320 > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 1 ] && grep -q -- '--rb: "1e-320": expected a resistance from 1e-6 to 1e12 Ohm' "$tmp/e"
check "transference --rb 1e-320: refused (exit $st: $(cat "$tmp/e"))" $?
while IFS='|' read -r opt want; do
  # shellcheck disable=SC2086
  "$EISFIT" -c "R0-p(R1,CPE1)-CPE2" $opt "$s/pellet-25C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 1 ] && grep -qF -- "$want" "$tmp/e"
  check "$opt: refused, saying why (exit $st: $(cat "$tmp/e"))" $?
done <<'LIST'
--bounds R0=1e-320:1e3|--bounds: "R0=1e-320:1e3": expected numbers in NAME=LOW:HIGH (below 2.2e-308, too small to compute with: write 0 if zero is meant)
--bounds R0=0:1e400|(beyond 1.8e308, the largest number)
--init R0=5e-324|--init: "R0=5e-324": expected NAME=NUMBER (below 2.2e-308
--fix R0=nan|(not a number)
--fmax 1e400|--fmax: "1e400": expected a positive frequency in Hz (beyond 1.8e308
--exclude 1e-320:1|(below 2.2e-308
LIST
"$EISFIT" arrhenius --thickness 1mm --area 1cm2 --at 1e300K "$s/pellet-25C.csv" "$s/pellet-40C.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 1 ] && grep -q -- '--at: "1e300K": expected a temperature from 1 to 5000 K' "$tmp/e"
check "arrhenius --at 1e300K: refused (exit $st: $(cat "$tmp/e"))" $?

# --- 7. mixed delimiters and quoted decimal commas: refused naming the line ---
printf 'freq_Hz,Zreal_Ohm,Zimag_Ohm\n1000;100;-50\n100;120;-80\n10;150;-100\n1;200;-150\n' > "$tmp/mixhead.csv"
printf 'freq_Hz;Zreal_Ohm;Zimag_Ohm\n1000;100;-50\n100,120,-80\n10;150;-100\n1;200;-150\n' > "$tmp/mixrow.csv"
printf 'freq_Hz,Zreal_Ohm,Zimag_Ohm\n1000,"100,5",-50\n100,"120,25","-80,5"\n10,150,-100\n1,200,-150\n' > "$tmp/quoted.csv"
printf '"freq_Hz","Zreal_Ohm","Zimag_Ohm"\n"1000","100,5","-50,1"\n"100","120,25","-80,5"\n' > "$tmp/allquoted.csv"
while IFS='|' read -r f want; do
  "$EISFIT" info "$tmp/$f" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 2 ] && grep -qF -- "$tmp/$f:$want" "$tmp/e"
  check "$f: refused naming the line, exit 2 (exit $st: $(cat "$tmp/e"))" $?
done <<'LIST'
mixhead.csv|1: the header's fields are separated by commas, the rows' (from line 2) by semicolons: expected one delimiter throughout the file
mixrow.csv|3: a row of numbers separated by commas, where the rows before are separated by semicolons: expected one delimiter throughout the file
quoted.csv|2: "100,5" is a number with a decimal comma in a table whose fields are separated by commas: expected decimal points (1.5)
allquoted.csv|2: "100,5" is a number with a decimal comma
LIST
# quoted decimal commas between semicolons are unambiguous: read
printf 'freq_Hz;Zreal_Ohm;Zimag_Ohm\n1000;"100,5";-50\n100;"120,25";"-80,5"\n10;150;-100\n' > "$tmp/semi.csv"
"$EISFIT" convert -o - "$tmp/semi.csv" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "^100,120.25,-80.5$" "$tmp/o"
check "quoted decimal commas between semicolons: read (exit $st: $(cat "$tmp/e"))" $?

exit $fail
