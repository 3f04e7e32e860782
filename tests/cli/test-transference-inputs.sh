#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit transference on inputs that cannot give a transference number, each of which printed a
# confident t+ with exit 0 (a hostile review): the same spectrum before and after (0.688 for
# 0.860), a polarization whose current or voltage is in the wrong unit (a factor of 1000), a
# step of 1e155 V (t+ +- inf), a --during spectrum at 1e300 s, a project whose cells are
# blocking; and what is only a warning: a current that never decays (a single-ion conductor
# looks so) and a hold of microseconds (a time unit read wrongly).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
pass () { echo "ok: $*"; }
failed () { echo "FAIL: $*"; fail=1; }
# expect NAME EXIT PATTERN -- command...: the exit status and a pattern in stderr
expect () {
  name=$1 want=$2 pat=$3; shift 4
  "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  if [ $rc -ne "$want" ]; then failed "$name: exit $rc, expected $want: $(cat "$tmp/err")"
  elif ! grep -q -- "$pat" "$tmp/err" "$tmp/out"; then failed "$name: no '$pat' in: $(cat "$tmp/err")"
  else pass "$name (exit $rc)"
  fi
}
tf () { "$EISFIT" transference "$@"; }
pol=$s/li-polarization.csv bef=$s/li-before.csv aft=$s/li-after.csv

expect "same spectrum before and after" 2 "contain the same data" -- \
  tf --polarization "$pol" --before "$bef" --after "$bef"
cp "$bef" "$tmp/copy.csv"
expect "a copy of the spectrum before as after" 2 "contain the same data" -- \
  tf --polarization "$pol" --before "$bef" --after "$tmp/copy.csv"

# the current in mA written as A (x 1e-3), and the voltage in mV written as V (x 1e3)
awk -F, 'NR == 1 { print; next } { printf "%s,%.6e,%s\n", $1, $2 * 1e-3, $3 }' "$pol" > "$tmp/pol-mA.csv"
expect "current a factor of 1000 off" 2 "do not describe one cell" -- \
  tf --polarization "$tmp/pol-mA.csv" --before "$bef" --after "$aft"
grep -q "factor of 99[0-9]" "$tmp/err" && pass "the factor is given" || failed "factor: $(cat "$tmp/err")"
tf --polarization "$tmp/pol-mA.csv" --before "$bef" --after "$aft" --i0 extrapolated \
  > "$tmp/forced" 2>&1 && grep -q "i0_mismatch\|differ by" "$tmp/forced" \
  && pass "a forced --i0 goes on, with the warning" || failed "forced --i0: $(cat "$tmp/forced")"
awk -F, 'NR == 1 { print; next } { printf "%s,%s,%.6e\n", $1, $2, $3 * 1e3 }' "$pol" > "$tmp/pol-V.csv"
expect "voltage column in mV read as V" 2 "a voltage step of 10" -- \
  tf --polarization "$tmp/pol-V.csv" --before "$bef" --after "$aft"
expect "--voltage 1e155V" 1 "between 1e-06 V and 1 V" -- \
  tf --polarization "$pol" --before "$bef" --after "$aft" --voltage 1e155V
grep -q "inf\|nan" "$tmp/out" && failed "--voltage 1e155V printed inf or nan" || pass "no inf or nan"

expect "--during at 1e300 s" 1 "the hold lasted 3600 s" -- \
  tf --polarization "$pol" --before "$bef" --during "$aft@1e300s"

# a current that never decays: t+ is given (t+ near 1 looks so), with the warning
awk -F, 'NR == 1 { print; next } { printf "%s,2.3e-05,%s\n", $1, $3 }' "$pol" > "$tmp/pol-flat.csv"
tf --polarization "$tmp/pol-flat.csv" --before "$bef" --after "$aft" --format json \
  -o "$tmp/flat.json" 2> "$tmp/err"
grep -q '"no_decay"' "$tmp/flat.json" && pass "a flat current warns no_decay" \
  || failed "flat current: no no_decay warning: $(cat "$tmp/flat.json" "$tmp/err")"

# a hold of 3.6 microseconds (hours read as nanoseconds): a warning
awk -F, 'NR == 1 { print; next } { printf "%.6e,%s,%s\n", $1 * 1e-9, $2, $3 }' "$pol" > "$tmp/pol-ns.csv"
tf --polarization "$tmp/pol-ns.csv" --before "$bef" --after "$aft" --format json \
  -o "$tmp/ns.json" 2> "$tmp/err"
grep -q '"short_hold"' "$tmp/ns.json" && pass "a 3.6 us hold warns short_hold" \
  || failed "3.6 us hold: no short_hold warning: $(cat "$tmp/ns.json" "$tmp/err")"
tf --polarization "$pol" --before "$bef" --after "$aft" --format json -o "$tmp/ok.json" 2>/dev/null
grep -q 'short_hold\|no_decay' "$tmp/ok.json" && failed "the sample hold warns short_hold or no_decay" \
  || pass "the sample's one-hour hold does not"

# a project whose spectra are of blocking cells
mkdir "$tmp/p" && cp "$bef" "$aft" "$pol" "$tmp/p/"
cat > "$tmp/p/t.eisfit" <<EOP
[project]
format=eisfit-project 1

[file 1]
path=li-before.csv
cell=blocking

[file 2]
path=li-after.csv
cell=blocking

[file 3]
path=li-polarization.csv

[spectrum 1]
file=1
number=1

[spectrum 2]
file=2
number=1

[transference]
series-file=3
series-number=1
before=1
after=2
dV-mV=10
EOP
expect "project with blocking cells" 2 "cell=li-symmetric" -- tf --project "$tmp/p/t.eisfit"
sed 's/cell=blocking/cell=li-symmetric/' "$tmp/p/t.eisfit" > "$tmp/p/u.eisfit"
tf --project "$tmp/p/u.eisfit" > "$tmp/u.out" 2> "$tmp/err" \
  && grep -q "t+ = 0\.8[4-9]" "$tmp/u.out" && pass "the same project with li-symmetric cells gives t+" \
  || failed "li-symmetric project: $(cat "$tmp/u.out" "$tmp/err")"
exit $fail
