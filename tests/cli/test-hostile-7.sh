#!/bin/sh
# Hostile input, seventh round: a unit on one side of an uncertainty only ("10+-0.1mm" was a
# 10 cm diameter); leads subtracted from a small intercept; --before/--after swapped; decimal
# commas in a comma-separated file; CSV cells that a spreadsheet would run as a formula.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cd "$tmp" || exit 99

# F1: the value bare (cm) and its uncertainty in mm, or the other way round: refused, everywhere
for opt in "--thickness 0.6+-0.01mm --diameter 10mm" "--thickness 0.6mm --diameter 10+-0.1mm" \
           "--thickness 0.6mm+-0.01 --diameter 10mm" "--thickness 0.6mm --area 78.5+-0.5mm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" "$S/pellet-25C.csv" $opt > out 2> err
  st=$?
  check "refused ($opt): exit 1" "$([ $st -eq 1 ] && grep -q 'write the unit on both' err; echo $?)"
done
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.6mm+-0.01mm --diameter 10mm+-0.1mm -f json > j 2> err
check_rel "10mm+-0.1mm: area_cm2" "$(tr ',' '\n' < j | awk -F': ' '/"area_cm2"/ { print $2; exit }')" 0.785398 1e-5
printf 'file,temperature,thickness\n%s,25,0.6+-0.01mm\n%s,40,0.6mm\n' "$S/pellet-25C.csv" "$S/pellet-40C.csv" > m.csv
"$EISFIT" arrhenius --series m.csv --diameter 10mm > out 2> err
check "manifest thickness 0.6+-0.01mm refused" "$([ $? -ne 0 ] && grep -q 'different units' err; echo $?)"

# F3: --leads 0.8+-0.05 under an intercept of 2.011 Ohm (samples/li-before.csv / 30): the leads
# stay subtracted when the caution about the split fires. Truth sigma_total =
# 0.05 / (0.785398 * (2.0111 - 0.8)) = 5.26e-2 S/cm, with the leads' 4 % error; before, the
# leads were put back (3.17e-2 +- 0.07 %).
awk -F, 'NR == 1 { print; next } { printf "%s,%.6e,%.6e\n", $1, $2 / 30, $3 / 30 }' \
  "$S/li-before.csv" > li-small.csv
"$EISFIT" li-small.csv --thickness 0.5mm --diameter 10mm --leads 0.8+-0.05 -f json > j 2> err
sig=$(tr ',' '\n' < j | awk -F': ' '$1 ~ /"total"$/ { print $2; exit }')
sse=$(tr ',' '\n' < j | awk -F': ' '$1 ~ /"total_stderr"$/ { print $2; exit }')
check_rel "li-small --leads 0.8+-0.05: sigma_total" "$sig" 5.26e-2 0.01
check_rel "li-small --leads 0.8+-0.05: its error holds the leads' (4 %)" "$sse" 2.2e-3 0.15
# an arc beyond the intercept (40.8 Ohm = 40 + 0.8 leads, 400 Ohm arc): sigma_total =
# 0.1 / (0.785398 * 440) = 2.8937e-4, not the 2.8883e-4 of the leads left in
"$gen" spectrum "R0-p(R1,C1)-CPE2" 40.8,400,1e-10,1e-6,0.9 0.1 7e6 10 0.002 5 > leads-gb.csv
"$EISFIT" leads-gb.csv --thickness 1mm --diameter 10mm --leads 0.8+-0.05 -f json > j 2> err
sig=$(tr ',' '\n' < j | awk -F': ' '$1 ~ /"total"$/ { print $2; exit }')
check_rel "leads-gb --leads 0.8: sigma_total" "$sig" 2.8937e-4 0.001
check "leads-gb: not the value with the leads left in" "$(near "$sig" 2.8883e-4 0.0005 && echo 1 || echo 0)"

# F2: --before and --after swapped: the hint's exchanged reading is what the right order gives
# (0.8603, I0 chosen again with the exchanged R0 and R_b), not 1.1266 from an I0 calculated
# with the wrong R0
"$EISFIT" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
  --after "$S/li-after.csv" -f json > j 2> err
right=$(tr ',' '\n' < j | awk -F': ' '$1 ~ /"t_plus"$/ { print $2; exit }')
"$EISFIT" transference --polarization "$S/li-polarization.csv" --before "$S/li-after.csv" \
  --after "$S/li-before.csv" > out 2>&1
sw=$(sed -n 's/.*with R0 and Rss exchanged bv gives t+ = \([0-9.]*\).*/\1/p' out | head -1)
check_rel "swapped: the hint's exchanged t+ is the right order's ($right)" "$sw" "${right:-0.8603}" 0.002

# F9: --voltage 10.5mV against a voltage column of 9.996 mV: the measured step is used (t+ as
# with the column, 0.8603; the typed one gave 0.6581 without a word), with the warning
# dv_column naming both; --voltage-as-given keeps the typed one, warned
"$EISFIT" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
  --after "$S/li-after.csv" --voltage 10.5mV -f json > j 2> err
t=$(tr ',' '\n' < j | awk -F': ' '$1 ~ /"t_plus"$/ { print $2; exit }')
check_rel "--voltage 10.5mV against the column: t+ from the measured step" "$t" "${right:-0.8603}" 0.001
check "--voltage 10.5mV: warning dv_column" "$(grep -q 'dv_column' j; echo $?)"
"$EISFIT" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
  --after "$S/li-after.csv" --voltage 10.5mV --voltage-as-given > out 2>&1
check "--voltage-as-given: the typed step, warned" \
  "$(grep -q 't+ = 0.658' out && grep -q 'disagrees with the one the polarization' out; echo $?)"
"$EISFIT" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
  --after "$S/li-after.csv" --voltage 10mV > out 2>&1
check "--voltage 10mV (the column's within 0.5 %): no dv warning" \
  "$(grep -q 'disagrees with the one' out && echo 1 || echo 0)"

# F10: decimal commas in a comma-separated file: rows of 6 fields under a header of 3 were
# read as 3 misread numbers (info and convert wrote them); now refused at the first row, naming
# the decimal commas
{ echo 'freq_Hz,Zreal_Ohm,Zimag_Ohm'; echo '100000,000,396,369,-385,305'
  echo '63095,734,562,295,-427,299'; echo '39810,717,737,760,-410,614'; } > dc.csv
"$EISFIT" info dc.csv > out 2> err
check "decimal commas: info refuses at line 2, naming them" \
  "$(grep -q 'dc.csv:2: 6 fields under a header of 3' err && grep -q 'decimal comma' err; echo $?)"
"$EISFIT" convert dc.csv -o cv > out 2> err
check "decimal commas: convert writes nothing" "$([ -z "$(ls cv 2> /dev/null)" ]; echo $?)"

# F8: kelvin values under a bare "T" manifest column (read as degC) against file names that say
# -20C, 0C, 25C: refused, naming the column to use (Ea had come out 1.21 eV for 0.31); a
# manifest temperature 10 K off the name's: warned with both values
printf 'file,T\n%s,253.15\n%s,273.15\n%s,298.15\n' "$S/pellet-m20C.csv" "$S/pellet-0C.csv" \
  "$S/pellet-25C.csv" > mk.csv
"$EISFIT" arrhenius --series mk.csv --thickness 0.6mm --diameter 10mm > out 2> err
check "manifest T in kelvin under a bare T: refused, T_K asked for" \
  "$([ $? -ne 0 ] && grep -q 'name the column T_K' err; echo $?)"
printf 'file,T\n%s,-20\n%s,0\n%s,35\n' "$S/pellet-m20C.csv" "$S/pellet-0C.csv" \
  "$S/pellet-25C.csv" > m10.csv
"$EISFIT" arrhenius --series m10.csv --thickness 0.6mm --diameter 10mm > out 2> err
check "manifest 35 against a name's 25C: warned with both" \
  "$(grep -q "temperature 35 (308.15 K) and the one .*pellet-25C.csv's name gives (298.15 K)" err; echo $?)"

exit $fail
