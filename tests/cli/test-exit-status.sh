#!/bin/sh
# Exit codes of the commands that fit, one mapping for all (man eisfit, EXIT STATUS): a fit
# that found no admissible candidate is 3 in eisfit, transference, series and arrhenius alike
# (it was 2, "an input could not be read", in all but the first).
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$top_srcdir/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # description status (0 = passed)
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
# Two points: every candidate circuit lies outside the physical range of its elements (the
# CPE exponent of R0-CPE1 runs to 0.27, a resistor).
printf 'freq_Hz,Zreal_Ohm,Zimag_Ohm\n1000,100,-10\n10,200,-50\n' > "$tmp/two-25C.csv"
printf 'freq_Hz,Zreal_Ohm,Zimag_Ohm\n1000,80,-8\n10,150,-40\n' > "$tmp/two-40C.csv"

"$EISFIT" "$tmp/two-25C.csv" > /dev/null 2> "$tmp/fit.err"; st=$?
[ $st -eq 3 ] && grep -q "no candidate circuit fits within the physical range" "$tmp/fit.err"
check "fit, no admissible candidate: exit 3 (exit $st)" $?

"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$tmp/two-25C.csv" \
  --after "$s/li-after.csv" > /dev/null 2> "$tmp/tr.err"; st=$?
[ $st -eq 3 ] && grep -q "^eisfit transference: --before: .*no candidate circuit fits" "$tmp/tr.err"
check "transference --before without an admissible candidate: exit 3 (exit $st)" $?

# A circuit that does not parse stays a usage error, a file that cannot be read an input error.
"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" -c 'R0-p(R1' > /dev/null 2>&1; st=$?
check "transference, a circuit that does not parse: exit 1 (exit $st)" $(( st != 1 ))
"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$tmp/none.csv" \
  --after "$s/li-after.csv" > /dev/null 2>&1; st=$?
check "transference, a missing --before file: exit 2 (exit $st)" $(( st != 2 ))

exit $fail
