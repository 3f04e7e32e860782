#!/bin/sh
# Hand-edited standard errors in a project (hostile6 F7): an error beyond any fit's is refused,
# naming the file and line; a large relative error prints in e-notation (not 300 digits), a
# small one in the caution with 2 significant digits (never "+- 0 %").
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cp "$d/project-pellet-saved.eisfit" "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$tmp/"
p=$tmp/project-pellet-saved.eisfit
l=$(grep -n '^fit.R1=' "$p" | head -1 | cut -d: -f1)
"$EISFIT" --project "$p" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "^  R1  .* 0.15 % Ohm" "$tmp/o"
check "the unedited project: read (exit $st: $(cat "$tmp/e"))" $?
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 1e300/' "$p" > "$tmp/huge.eisfit"
"$EISFIT" --project "$tmp/huge.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "huge.eisfit:$l: fit.R1: standard error 1e+300: expected at most" "$tmp/e"
check "a standard error of 1e300: refused at line $l (exit $st: $(cat "$tmp/e"))" $?
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 1e5/' "$p" > "$tmp/big.eisfit"
"$EISFIT" --project "$tmp/big.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "^  R1  .* > 1000 % *Ohm" "$tmp/o" \
  && grep -q "R_bulk 369.2 +- 2.7e+04 %, R_gb 154.5 +- 0.47 %" "$tmp/o"
check "rel.err 27089 %: e-notation; R_gb 0.47 % not '+- 0 %' (exit $st)" $?
exit $fail
