#!/bin/sh
# Exit codes of the commands that fit, one mapping for all (man eisfit, EXIT STATUS): a fit
# that found no admissible candidate is 3 in eisfit, transference, series and arrhenius alike
# (it was 2, "an input could not be read", in all but the first).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
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

# A series whose every spectrum is like that: the automatic choice of the series takes no
# inadmissible circuit either (it took R0-CPE1 with n = 0.27 on every spectrum, exit 0).
for cmd in series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd "$tmp/two-25C.csv" "$tmp/two-40C.csv" > "$tmp/se.out" 2> "$tmp/se.err"; st=$?
  [ $st -eq 3 ] && [ ! -s "$tmp/se.out" ] \
    && grep -q "no candidate circuit fits any spectrum of the series within the physical range" "$tmp/se.err" \
    && grep -q "R0-CPE1, on spectrum 1: inadmissible: CPE1_n" "$tmp/se.err"
  check "${cmd%% *} without an admissible candidate on any spectrum: exit 3, says why (exit $st)" $?
done
# with --circuit the series is fitted as given (the report says where it is not admissible)
"$EISFIT" series -c R0-CPE1 "$tmp/two-25C.csv" "$tmp/two-40C.csv" > "$tmp/sc.out" 2>&1; st=$?
[ $st -eq 0 ] && grep -q "R0-CPE1 is not converged, determined and admissible on spectra 1, 2" "$tmp/sc.out"
check "series -c R0-CPE1 on the same spectra: fitted as given, with the warning (exit $st)" $?

# series and arrhenius share their set-up: an unknown --shared name is a usage error, said once
for cmd in series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd --shared FOO "$s/pellet-25C.csv" "$s/pellet-40C.csv" > /dev/null 2> "$tmp/sh.err"; st=$?
  [ $st -eq 1 ] && grep -q "^eisfit ${cmd%% *}: --shared: no parameter \"FOO\"" "$tmp/sh.err"
  check "${cmd%% *} --shared FOO: exit 1, named once (exit $st: $(cat "$tmp/sh.err"))" $?
done

exit $fail
