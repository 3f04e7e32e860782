#!/bin/sh
# A file cut at a line boundary reads as shorter data: where the header announces the number of
# points (Gamry CURVE TABLE n; FREQINIT..FREQFINAL at PTSPERDEC), the importer warns.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# whole sweep (1e4..1e2 Hz at 2 per decade = 5 points): no warning
"$EISFIT" info "$d/gamry-sweep.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "5 points" "$tmp/o" && ! grep -q "warning" "$tmp/o"
check "whole Gamry sweep: 5 points, no warning (exit $st)" $?
# its last two rows cut off
head -n -2 "$d/gamry-sweep.DTA" > "$tmp/cut.DTA"
"$EISFIT" info "$tmp/cut.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "3 points" "$tmp/o" \
  && grep -q "warning: the header announces 5 points (FREQINIT 10000 Hz to FREQFINAL 100 Hz at 2 per decade), the file holds 3: cut short?" "$tmp/o"
check "Gamry sweep cut by 2 rows: warned (exit $st: $(cat "$tmp/o"))" $?
# the fit shows it too
"$EISFIT" "$tmp/cut.DTA" -c 'R0-p(R1,C1)' --no-kk > "$tmp/o" 2> "$tmp/e"
grep -q "announces 5 points" "$tmp/o" "$tmp/e"
check "the fit shows the warning" $?
# a sweep stopped by the user (EXPERIMENTABORTED) says so already: no count warning
{ cat "$tmp/cut.DTA"; printf 'EXPERIMENTABORTED\tTOGGLE\tT\tExperiment Aborted\n'; } > "$tmp/ab.DTA"
"$EISFIT" info "$tmp/ab.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && ! grep -q "announces" "$tmp/o"
check "aborted sweep: no count warning (exit $st)" $?
# CURVE TABLE 5 holding 5 rows, then 3
"$EISFIT" info "$d/gamry-chronoa.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && ! grep -q "warning" "$tmp/o"
check "whole CURVE TABLE 5: no warning (exit $st)" $?
head -n -2 "$d/gamry-chronoa.DTA" > "$tmp/ca.DTA"
"$EISFIT" info "$tmp/ca.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "DC series 1: 3 points" "$tmp/o" \
  && grep -q "warning: the header announces 5 points (CURVE TABLE 5), the file holds 3: cut short?" "$tmp/o"
check "CURVE TABLE 5 holding 3 rows: warned (exit $st: $(cat "$tmp/o"))" $?

# the real files, when they are there: whole ones give no warning, cut ones do
RD=$top_srcdir/../shared/realdata
if [ -d "$RD/gamry" ]; then
  for f in "$RD"/gamry/*.DTA; do
    "$EISFIT" info "$f" > "$tmp/o" 2> "$tmp/e"
    ! grep -q "announces" "$tmp/o"
    check "real $(basename "$f"): no count warning" $?
  done
  f=$RD/gamry/20240401_B_GM0016_HL03_E01_EIS.DTA
  if [ -f "$f" ]; then
    head -n -10 "$f" > "$tmp/r.DTA"
    "$EISFIT" info "$tmp/r.DTA" > "$tmp/o" 2> "$tmp/e"
    grep -q "announces 61 points .*holds 51: cut short" "$tmp/o"
    check "real EIS file cut by 10 rows: warned" $?
  fi
  f=$RD/gamry/Chronopot_0A.DTA
  if [ -f "$f" ]; then
    head -n -20 "$f" > "$tmp/r.DTA"
    "$EISFIT" info "$tmp/r.DTA" > "$tmp/o" 2> "$tmp/e"
    grep -q "announces 121 points (CURVE TABLE 121), the file holds 101" "$tmp/o"
    check "real chrono file cut by 20 rows: warned" $?
  fi
else
  echo "skip: no real data at $RD"
fi

# user numbers: no C hexadecimal floats ("0x1p-10m" read as 0.98 mm before)
"$EISFIT" "$s/pellet-25C.csv" --thickness 0x1p-10m --diameter 10mm --no-kk > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -ne 0 ] && grep -q "expected a length" "$tmp/e"
check "--thickness 0x1p-10m: refused (exit $st)" $?
"$EISFIT" "$s/pellet-25C.csv" -c 'R0-p(R1,CPE1)' --fix R0=0x10 --no-kk > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -ne 0 ] && grep -q "expected NAME=NUMBER" "$tmp/e"
check "--fix R0=0x10: refused (exit $st)" $?
exit $fail
