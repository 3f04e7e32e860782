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

exit $fail
