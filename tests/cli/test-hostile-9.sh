#!/bin/sh
# Hostile tester round 6: contradictory options took the last value without a word, and a
# Latin-1 file name made the JSON output invalid UTF-8.
# - drt: --lambda with --lambda-method (either order) is refused; each alone works.
# - --fix R0=1 --fix R0=2, --init R0=1 --fix R0=2, --bounds given twice for one parameter, a
#   parameter fixed outside its bounds, and --fix against the circuit text's fixed value are
#   refused; the same value twice is harmless.
# - -o - -o x.txt is refused as -o a -o b is.
# - a file named caf\xe9-25C.csv (Latin-1): -f json is valid UTF-8 JSON, the byte as \u00e9.
# - one sample's spectra the automatic choice gave different circuits: a warning at the end
#   (other samples, a pellet and a Li|Li cell, are not compared).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
p=$s/pellet-25C.csv
c2="R0-p(R1,CPE1)-CPE2"

refused () { # description, then the command: exit 1 with a message naming WHAT ($WHAT)
  _d=$1; shift
  "$@" > "$tmp/out" 2> "$tmp/err"; _st=$?
  if [ "$_st" -eq 1 ] && grep -q -- "$WHAT" "$tmp/err"; then ok "$_d (exit 1)"
  else bad "$_d: exit $_st, stderr: $(head -c 300 "$tmp/err")"; fi
}

WHAT="give one"
refused "drt --lambda then --lambda-method" "$EISFIT" drt "$p" --lambda 1 --lambda-method gcv
refused "drt --lambda-method then --lambda" "$EISFIT" drt "$p" --lambda-method gcv --lambda 1
"$EISFIT" drt "$p" --lambda 1e-4 -q > "$tmp/out" 2>&1; check "drt --lambda alone" $?
grep -q "(given)" "$tmp/out"; check "drt --lambda alone: the lambda given is used" $?
"$EISFIT" drt "$p" --lambda-method gcv -q > "$tmp/out" 2>&1; check "drt --lambda-method alone" $?

WHAT="give one value"
refused "--fix R0=1 --fix R0=2" "$EISFIT" "$p" -c "$c2" --fix R0=1 --fix R0=2 --no-kk
refused "--fix R0=1,R0=2" "$EISFIT" "$p" -c "$c2" --fix R0=1,R0=2 --no-kk
refused "--init R0=1 --fix R0=2" "$EISFIT" "$p" -c "$c2" --init R0=1 --fix R0=2 --no-kk
WHAT="given before"
refused "--bounds for R0 twice" "$EISFIT" "$p" -c "$c2" --bounds R0=0:10 --bounds R0=500:1000 --no-kk
WHAT="outside its bounds"
"$EISFIT" "$p" -c "$c2" --fix R0=5 --bounds R0=10:20 --no-kk > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" -ne 0 ] && grep -q "R0 is fixed at 5, outside its bounds 10:20" "$tmp/err"
check "--fix R0=5 --bounds R0=10:20 refused (exit $st)" $?
"$EISFIT" "$p" -c "R0{50f}-p(R1,CPE1)-CPE2" --fix R0=7 --no-kk > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" -ne 0 ] && grep -q "the circuit text fixes it at 50" "$tmp/err"
check "--fix R0=7 against R0{50f} refused (exit $st)" $?
"$EISFIT" "$p" -c "$c2" --fix R0=3 --fix R0=3 --bounds R0=0:10 --bounds R0=0:10 --no-kk -q \
  -f json > "$tmp/out" 2>&1
check "the same --fix and --bounds twice: harmless" $?

WHAT="given twice"
refused "-o - -o x.txt" "$EISFIT" "$p" --no-kk -o - -o "$tmp/x.txt"
[ ! -e "$tmp/x.txt" ]; check "-o - -o x.txt: nothing written" $?
"$EISFIT" "$p" --no-kk -q -o "$tmp/y.txt" -o "$tmp/y.txt"; check "-o a -o a: harmless" $?

# Latin-1 file name
lat=$(printf 'caf\351-25C.csv')
cp "$p" "$tmp/$lat"
for cmd in "" kk drt; do
  "$EISFIT" $cmd "$tmp/$lat" -f json -q > "$tmp/j.json" 2> /dev/null
  if command -v python3 > /dev/null 2>&1; then
    python3 -c 'import json, sys; d = open(sys.argv[1], "rb").read().decode("utf-8"); json.loads(d)' \
      "$tmp/j.json" 2> /dev/null
    check "eisfit ${cmd:-fit} -f json with a Latin-1 file name: valid UTF-8 JSON" $?
  fi
  grep -q 'caf\\u00e9-25C.csv' "$tmp/j.json"
  check "eisfit ${cmd:-fit}: the byte written \\u00e9" $?
done

# The automatic choice giving one sample's spectra different circuits is said once, at the end
# (as eisfit-gtk says after Fit All), naming the sample; one circuit for all, a circuit given,
# or different circuits only for different samples (pellets and a Li|Li cell) say nothing.
mkdir -p "$tmp/mix"
cp "$s"/pellet-25C.csv "$tmp/mix/cellA-25C.csv"
cp "$s"/li-before.csv "$tmp/mix/cellA-40C.csv"
cp "$s"/li-after.csv "$tmp/mix/cellA-60C.csv"
"$EISFIT" "$tmp"/mix/cellA-25C.csv "$s"/pellet-60C.csv "$tmp"/mix/cellA-40C.csv "$s"/li-before.csv \
  "$tmp"/mix/cellA-60C.csv --no-kk -o /dev/null 2> "$tmp/err"
grep -q "the automatic choice gave the 3 spectra of $tmp/mix/cellA 2 different circuits (p(R1,C1)-p(R2,CPE2)-CPE3 x1, R0-p(R1,CPE1)-CPE2 x2): .*--circuit" "$tmp/err"
check "one sample of mixed automatic circuits: said, with the sample" $?
[ "$(grep -c "different circuits" "$tmp/err")" -eq 1 ]; check "said once" $?
"$EISFIT" "$s"/pellet-25C.csv "$s"/pellet-60C.csv "$s"/li-before.csv "$s"/li-after.csv --no-kk \
  -o /dev/null 2> "$tmp/err"
! grep -q "different circuits" "$tmp/err"; check "pellets and a Li|Li cell, each of one circuit: nothing said" $?
"$EISFIT" "$s"/pellet-25C.csv "$s"/pellet-60C.csv --no-kk -o /dev/null 2> "$tmp/err"
! grep -q "different circuits" "$tmp/err"; check "one automatic circuit for all: nothing said" $?
"$EISFIT" "$s"/pellet-25C.csv "$s"/li-before.csv -c "$c2" --no-kk -o /dev/null 2> "$tmp/err"
! grep -q "different circuits" "$tmp/err"; check "a circuit given: nothing said" $?

# The I0 line names its method once ("(extrapolated) used: the measured I0 (extrapolated): ..."
# said it twice; the GUI's "(extrapolated: the measured I0 (extrapolated): ...)" too).
"$EISFIT" transference --polarization "$s"/li-spike-polarization.csv \
  --before "$s"/li-spike-before.csv --after "$s"/li-spike-after.csv > "$tmp/t.txt" 2> /dev/null
grep -q "used: the measured I0 (past the charging spike: 0\.\." "$tmp/t.txt" \
  && ! grep -q "measured I0 (extrapolated" "$tmp/t.txt"
check "transference: the I0 line says its method once" $?
exit $fail
