#!/bin/sh
# The automatic choice and an ideal capacitor: where a candidate's CPE exponent runs to its
# upper bound 1, that CPE is an ideal capacitor, and the circuit with a C in its place is the
# same model with one parameter fewer. The choice refits it and gives it (BIC lower by
# ln 2N), instead of a circuit with a parameter on its bound and the caution "CPE1_n is on
# its upper bound 1". Truths: an ideal grain-boundary arc with a CPE electrode, one ideal arc
# alone, and two ideal arcs; a true CPE arc (n = 0.93) keeps its CPE.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

value () { awk -v p="$1" '$1 == p { print $2; exit }' "$2"; }

# 1. R0-p(R1,C1)-CPE2, 81 points from 10 mHz to 1 MHz, 0.2 % noise (before: R0-p(R1,CPE1)-CPE2
#    with CPE1_n = 1.00000 on its bound and the caution)
for seed in 7 19; do
  "$gen" spectrum "R0-p(R1,C1)-CPE2" 41.3,1873,2.37e-9,3.1e-6,0.87 0.01 1e6 10 0.002 $seed \
    > "$tmp/gb-$seed.csv"
  "$EISFIT" fit "$tmp/gb-$seed.csv" > "$tmp/gb.txt" 2> "$tmp/gb.err"; st=$?
  circ=$(awk '$1 == "circuit" { print $2; exit }' "$tmp/gb.txt")
  [ $st -eq 0 ] && [ "$circ" = "R0-p(R1,C1)-CPE2" ]
  check "seed $seed: the ideal arc's circuit R0-p(R1,C1)-CPE2 is picked (got $circ, exit $st)" $?
  grep -q "ran CPE1_n to the upper bound 1, an ideal capacitor: refitted with a C in its place" \
    "$tmp/gb.txt"
  check "seed $seed: the choice says why" $?
  ! grep -q "upper bound 1:\|(at its upper bound)" "$tmp/gb.txt"
  check "seed $seed: no caution of an exponent on its bound" $?
  check_rel "seed $seed: R0" "$(value R0 "$tmp/gb.txt")" 41.3 0.02
  check_rel "seed $seed: R1" "$(value R1 "$tmp/gb.txt")" 1873 0.005
  check_rel "seed $seed: C1" "$(value C1 "$tmp/gb.txt")" 2.37e-9 0.01
  check_rel "seed $seed: CPE2_Q" "$(value CPE2_Q "$tmp/gb.txt")" 3.1e-6 0.01
  check_rel "seed $seed: CPE2_n" "$(value CPE2_n "$tmp/gb.txt")" 0.87 0.005
done

# 2. one ideal arc alone, and two ideal arcs
"$gen" spectrum "R0-p(R1,C1)" 41.3,1873,2.37e-9 0.01 1e6 10 0.002 7 > "$tmp/one.csv"
"$EISFIT" fit "$tmp/one.csv" > "$tmp/one.txt" 2>/dev/null
circ=$(awk '$1 == "circuit" { print $2; exit }' "$tmp/one.txt")
[ "$circ" = "R0-p(R1,C1)" ]; check "one ideal arc: R0-p(R1,C1) (got $circ)" $?
check_rel "one ideal arc: C1" "$(value C1 "$tmp/one.txt")" 2.37e-9 0.01
"$gen" spectrum "R0-p(R1,C1)-p(R2,C2)" 41.3,1873,2.37e-9,2917,3.1e-6 0.01 1e6 10 0.002 7 \
  > "$tmp/two.csv"
"$EISFIT" fit "$tmp/two.csv" > "$tmp/two.txt" 2>/dev/null
circ=$(awk '$1 == "circuit" { print $2; exit }' "$tmp/two.txt")
[ "$circ" = "R0-p(R1,C1)-p(R2,C2)" ]; check "two ideal arcs: R0-p(R1,C1)-p(R2,C2) (got $circ)" $?
check_rel "two ideal arcs: R2" "$(value R2 "$tmp/two.txt")" 2917 0.005
check_rel "two ideal arcs: C2" "$(value C2 "$tmp/two.txt")" 3.1e-6 0.01

# 3. a true CPE arc (n = 0.93) keeps its CPE
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" 41.3,1873,2.37e-9,0.93,3.1e-6,0.87 0.01 1e6 10 0.002 7 \
  > "$tmp/cpe.csv"
"$EISFIT" fit "$tmp/cpe.csv" > "$tmp/cpe.txt" 2>/dev/null
circ=$(awk '$1 == "circuit" { print $2; exit }' "$tmp/cpe.txt")
[ "$circ" = "R0-p(R1,CPE1)-CPE2" ]; check "a CPE arc with n = 0.93 stays R0-p(R1,CPE1)-CPE2 (got $circ)" $?
check_rel "CPE arc: CPE1_n" "$(value CPE1_n "$tmp/cpe.txt")" 0.93 0.005
exit $fail
