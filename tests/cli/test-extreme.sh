#!/bin/sh
# Hostile numbers and circuits on the command line: values no instrument produces are refused
# on reading with the file and line, no result is ever printed as nan or inf, deep or huge
# circuits are parse errors (exit 1), and nothing hangs.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
# runs eisfit with a time limit (a hang is a failure, not a stuck test suite)
run () { timeout 120 "$EISFIT" "$@"; }
# five points of an arc, with one value replaced: spectrum LINE VALUE COLUMN(2 or 3)
spectrum () {
  awk -v v="$1" -v c="$2" 'BEGIN { print "freq_Hz,Zreal_Ohm,Zimag_Ohm";
    split("1000 400 300 250 230 220", re); split("-10 -300 -200 -120 -60 -30", im);
    for (i = 1; i <= 6; i++) { f = 10 ^ (i - 1); r = re[i]; m = im[i];
      if (i == 3 && c == 2) r = v; if (i == 3 && c == 3) m = v; if (i == 3 && c == 1) f = v;
      print f "," r "," m } }'
}

# 1. Values no instrument produces are refused on reading, naming the line (exit 2).
for case in "1.7976931348623157e308 2" "4.9e-324 2" "-1e31 3" "1e-35 3" "1e13 1" "1e-10 1"; do
  set -- $case
  spectrum "$1" "$2" > "$tmp/x.csv"
  for cmd in fit kk; do
    run $cmd "$tmp/x.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
    [ $rc -eq 2 ] && grep -q "x.csv:4: .* is beyond what an instrument measures" "$tmp/err"
    check "$cmd: value $1 in column $2 refused with its line (exit $rc: $(cat "$tmp/err"))" $?
  done
done
spectrum 0 3 > "$tmp/zero.csv"
run kk "$tmp/zero.csv" > /dev/null 2>&1; check "an imaginary part of exactly 0 is accepted" $?

# 2. No nan or inf in any result, even where a number cannot be had (the trend test of a
#    spectrum with one point per decade).
spectrum 300 2 > "$tmp/ok.csv"
for fmt in text csv json; do
  run kk "$tmp/ok.csv" -f $fmt > "$tmp/out" 2>&1
  ! grep -qiw "nan\|-nan\|inf\|-inf" "$tmp/out"; check "kk -f $fmt prints no nan/inf" $?
done
grep -q "trend     not tested" "$tmp/out" || run kk "$tmp/ok.csv" | grep -q "trend     not tested"
check "kk says the trend was not tested when no window holds 3 points" $?

# 3. Huge impedances still make a figure (with powers of ten), and do not hang.
awk 'BEGIN { print "f,re,im"; for (i = 0; i < 30; i++) { f = 10 ^ (i / 5 - 1); w = 6.2831853 * f * 1e-3;
  printf "%g,%g,%g\n", f, 1e29 / (1 + w * w), -1e29 * w / (1 + w * w) } }' > "$tmp/huge.csv"
run "$tmp/huge.csv" -c "p(R,C)" --plot "$tmp/huge.png" --no-kk > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(od -An -c -N4 "$tmp/huge.png" | tr -d ' ')" = "211PNG" ]
check "|Z| ~ 1e29 Ohm: fitted and drawn (exit $rc: $(cat "$tmp/err"))" $?

# 4. Hostile circuits: a parse error (exit 1), not a crash; a long one is quoted around the error.
deep=$(awk 'BEGIN { for (i = 0; i < 33000; i++) printf "p("; printf "R,C"; for (i = 0; i < 33000; i++) printf ")" }')
run "$S/pellet-25C.csv" -c "$deep" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "nested deeper than 256 levels" "$tmp/err"
check "a circuit nested 33,000 deep is a parse error (exit $rc)" $?
wide=$(awk 'BEGIN { for (i = 0; i < 16000; i++) printf "R-"; printf "R" }')
run "$S/pellet-25C.csv" -c "$wide" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "more than 1024 elements" "$tmp/err" && [ "$(wc -c < "$tmp/err")" -lt 400 ]
check "16,001 elements: a short parse error (exit $rc)" $?

# 5. A Kramers-Kronig check that cannot be done is said, not dropped: 2 points, or more points
#    than its memory bound (20,000).
printf 'f,re,im\n100,250,-20\n1000,230,-40\n' > "$tmp/two.csv"
run "$tmp/two.csv" -c R > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q "Kramers-Kronig check (Lin-KK): not done: .*at least 5 points (have 2)" "$tmp/out" \
  && grep -q "Kramers-Kronig check not done" "$tmp/err"
check "2 points: the skipped Kramers-Kronig check is noted (exit $rc)" $?
awk 'BEGIN { print "f,re,im"; for (i = 0; i < 20001; i++) { f = 10 ^ (i / 4000 - 1); w = 6.2831853 * f * 1e-3;
  printf "%.10g,%.10g,%.10g\n", f, 10 + 1000 / (1 + w * w), -1000 * w / (1 + w * w) } }' > "$tmp/long.csv"
run kk "$tmp/long.csv" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "20001 points are more than the Kramers-Kronig test takes (20000)" "$tmp/err"
check "kk refuses 20,001 points with the limit, not out of memory (exit $rc)" $?
run "$tmp/long.csv" -c "R-p(R,C)" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q "not done: 20001 points" "$tmp/out"
check "fit of 20,001 points says why there is no Kramers-Kronig check (exit $rc)" $?

# 6. Input size limits: below 1 byte is refused (it meant "no limit"); a device is read to the
#    limit and no further (it was read to twice the limit), and not called a file of N bytes.
run info --max-size 0.5 "$S/pellet-25C.csv" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "1 byte or more" "$tmp/err"; check "--max-size 0.5 is refused (exit $rc)" $?
run info --max-size 33M /dev/zero > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "more than the limit of 34603008 bytes (not a regular file" "$tmp/err"
check "/dev/zero: refused at the limit (exit $rc: $(cat "$tmp/err"))" $?
if [ -x /usr/bin/time ] && ! ldd "$EISFIT" 2>/dev/null | grep -q libasan; then
  kb=$(/usr/bin/time -f %M "$EISFIT" info --max-size 33M /dev/zero 2>&1 >/dev/null | tail -n 1)
  [ "$kb" -lt 56000 ]; check "/dev/zero with --max-size 33M: peak memory $kb KB (< 56 MB)" $?
fi

# 7. Geometry and temperatures no cell has are refused, not printed as inf or a huge Ea.
for t in 1e308m 0.6mm+-1e308m 0.6mm+-1mm 2e4m; do
  run "$S/pellet-25C.csv" --thickness "$t" --diameter 10mm --no-kk > "$tmp/out" 2> "$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q -- "--thickness: \"$t\"" "$tmp/err" && [ ! -s "$tmp/out" ]
  check "--thickness $t is refused (exit $rc)" $?
done
A="arrhenius --thickness 0.6mm --diameter 10mm"
run $A "$S/pellet-25C.csv@300K" "$S/pellet-40C.csv@300.0000000001K" > "$tmp/out" 2>&1
grep -q "the temperatures span 1e-10 K" "$tmp/out" && ! grep -qiw "nan\|inf" "$tmp/out" \
  && ! grep -q "e+0[5-9]\|e+[1-9][0-9]" "$tmp/out"
check "arrhenius: temperatures 1e-10 K apart give no Ea" $?
run $A "$S/pellet-25C.csv@1e-300K" "$S/pellet-40C.csv@1e300K" > "$tmp/out" 2>&1
grep -q "pellet-25C.csv@1e-300K: the temperature after @ (1e-300 K) is outside 1 to 5000 K" "$tmp/out" && ! grep -q "failed: success" "$tmp/out"
check "arrhenius: a temperature of 1e-300 K is named as outside 1 to 5000 K" $?

# 8. arrhenius takes the fit's -j and -q (man eisfit: all fit options apply).
run $A -j 1 "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/pellet-60C.csv" "$S/pellet-80C.csv" > "$tmp/j1" 2>&1
run $A -j 3 "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/pellet-60C.csv" "$S/pellet-80C.csv" > "$tmp/j3" 2>&1
rc=$?; [ $rc -eq 0 ] && cmp -s "$tmp/j1" "$tmp/j3" && grep -q "^  sigma " "$tmp/j3"
check "arrhenius -j 3 gives what -j 1 gives (exit $rc)" $?
awk -F, 'NR == 1 || /^#/ { print; next } { printf "%s,%.6e,%.6e\n", $1, $2 * 1e-25, $3 * 1e-25 }' \
  "$S/pellet-60C.csv" > "$tmp/tiny.csv"
run $A -q "$S/pellet-25C.csv" "$tmp/tiny.csv@60C" "$S/pellet-80C.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "left out" "$tmp/out"
check "arrhenius -q: no warnings on standard error (exit $rc: $(cat "$tmp/err"))" $?

# 9. A circuit with more arcs than roles are worked out for (review D11): no role, no R_bulk and
#    no sigma from the first 16 arcs only, and the caution says why; a standard error that
#    cannot be had is left out, never printed as "+- 0".
c20=$(awk 'BEGIN { s = "R0"; for (i = 1; i <= 20; i++) s = s sprintf("-p(R%d,C%d)", i, i); print s }')
run -c "$c20" --no-kk --max-iter 20 --thickness 1mm --diameter 10mm "$S/pellet-25C.csv" \
  > "$tmp/out" 2> /dev/null
grep -q "caution: the circuit has 20 arcs" "$tmp/out" && ! grep -q "^  R1||C1 " "$tmp/out" \
  && grep -q "^  sigma_total  -  .*too many arcs" "$tmp/out"
check "20 arcs: no roles and no sigma from a part of them, with the reason" $?
c14=$(awk 'BEGIN { s = "R0"; for (i = 1; i <= 14; i++) s = s sprintf("-p(R%d,C%d)", i, i); print s }')
run -c "$c14" --no-kk --max-iter 50 --thickness 1mm --diameter 10mm "$S/pellet-25C.csv" \
  > "$tmp/out" 2> /dev/null
# (R1 and R2 peak within a factor 1.1 there: merged, one electrolyte and one not, so no
# sigma_total by the close-arcs rule; an error that cannot be had is never "+- nan" either)
{ grep -q "^  sigma_total  [0-9]" "$tmp/out" || grep -q "caution: merged: .*no R_total, sigma" "$tmp/out"; } \
  && ! grep -q "+- 0.00e+00" "$tmp/out" && ! grep -qi "+- nan" "$tmp/out"
check "14 arcs: sigma_total without a made-up '+- 0' or '+- nan' error" $?

# 10. One spectrum at three temperatures: refused as the same data given twice (a flat line's
#     R2 is undefined: tests/unit/test-arrhenius.c), never a nan printed (hostile review).
for fmt in text csv; do
  run arrhenius -f $fmt --thickness 1mm --diameter 10mm "$S/pellet-25C.csv" "$S/pellet-25C.csv@26C" \
    "$S/pellet-25C.csv@27C" > "$tmp/out" 2> "$tmp/err"
  ! grep -qi "nan" "$tmp/out" && grep -q "hold the same data (the same spectrum given twice)" "$tmp/err"
  check "arrhenius -f $fmt with one spectrum three times: refused, no nan printed" $?
done

exit $fail
