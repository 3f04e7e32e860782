#!/bin/sh
# Hand-edited standard errors in a project (hostile6 F7): an error beyond any fit's is refused,
# naming the file and line; a large relative error prints in e-notation (not 300 digits), a
# small one in the caution with 2 significant digits (never "+- 0 %"); an edited error is
# recomputed from the covariance at the saved values (with a warning); an error of 0 is refused
# for a parameter not fixed.
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
# a hand-edited error is not reported as the fit's: the covariance at the saved values on the
# file's points gives the error again (R1 0.549 Ohm, 0.15 %), with a warning naming the line
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 1e5/' "$p" > "$tmp/big.eisfit"
"$EISFIT" --project "$tmp/big.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "^  R1  .* 5.489e-01 *0.15 % Ohm" "$tmp/o" \
  && grep -q "big.eisfit:29: \[spectrum 1\]: the saved standard errors are not those of the saved fit (R1 100000 saved, 0.548913 recomputed" "$tmp/e" \
  && ! grep -q "R1 .*1.000e+05" "$tmp/o"
check "an edited error 1e5: the recomputed 0.549 shown, with a warning (exit $st: $(cat "$tmp/e"))" $?
sed 's/^fit.R2=\([^ ]*\) [^ ]*/fit.R2=\1 0.0007273136/' "$p" > "$tmp/small.eisfit"
"$EISFIT" --project "$tmp/small.eisfit" --format json > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "R2 0.000727314 saved, 0.727314 recomputed" "$tmp/e"
check "an error edited 1000 times smaller: warned (exit $st: $(cat "$tmp/e"))" $?
# one more digit of round-off (the 9th) is no edit
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 0.54891335/' "$p" > "$tmp/round.eisfit"
"$EISFIT" --project "$tmp/round.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && ! grep -q "standard errors" "$tmp/e"
check "an error rounded to 8 digits: no warning (exit $st: $(cat "$tmp/e"))" $?
# an error of 0 is a fixed parameter's: for a free one it is an error at its line
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 0/' "$p" > "$tmp/zero.eisfit"
"$EISFIT" --project "$tmp/zero.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 2 ] && grep -q "zero.eisfit:$l: fit.R1: standard error 0 for a parameter not fixed" "$tmp/e" \
  && ! grep -q "from fixed values" "$tmp/o"
check "a free parameter's error 0: refused at line $l (exit $st: $(cat "$tmp/e"))" $?
# ... and read as such with "fixed" (its value held; the errors of the others recomputed with it)
sed 's/^fit.R1=\([^ ]*\) [^ ]*/fit.R1=\1 0 fixed/' "$p" > "$tmp/fixed.eisfit"
"$EISFIT" --project "$tmp/fixed.eisfit" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "^  R1  .* fixed" "$tmp/o" && grep -q "the saved standard errors are not those" "$tmp/e"
check "R1 0 fixed: read as fixed, the others' errors recomputed (exit $st: $(cat "$tmp/e"))" $?
exit $fail
