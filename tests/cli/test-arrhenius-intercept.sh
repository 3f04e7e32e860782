#!/bin/sh
# eisfit arrhenius where no bulk arc is in range (a quasi-solid electrolyte: the high-frequency
# intercept is the electrolyte's, bulk and grain boundary together, with no electrolyte arc beyond
# it: the total's law, and no bulk law) and the truth follows the sigma*T form: sigma T = A exp(-Ea/kT) with
# Ea = 0.253 eV and sigma(25 degC) = 3.4e-4 S/cm (MOF-688-like), pellet 0.45 mm x 12 mm,
# an interface arc and a blocking-electrode CPE, 0.3 % noise, -10 .. 70 degC. Written with
# eisfit-gen (bench/gen.c) from the truth, then analysed as a user would.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
L=0.045; A=$(awk 'BEGIN { print 3.14159265358979 * 0.6 * 0.6 }')
for t in -10 10 25 40 55 70; do
  R=$(awk -v t="$t" -v L="$L" -v A="$A" 'BEGIN { k = 8.617333262e-5; T = t + 273.15;
        s = 3.4e-4 * 298.15 / T * exp(-0.253 / k * (1 / T - 1 / 298.15)); printf "%.6g", L / (s * A) }')
  name=$(echo "$t" | sed 's/^-/m/')
  "$gen" spectrum "R0-p(R1,CPE1)-CPE2" "$R,420,2.1e-6,0.83,6.5e-6,0.9" 0.1 1e6 10 0.003 \
    "$((t + 50))" > "$tmp/qsse-${name}C.csv" || fail=1
done
"$EISFIT" arrhenius --thickness 0.45mm --diameter 12mm --form sigmaT --format json \
  "$tmp"/qsse-*.csv > "$tmp/out.json" 2> "$tmp/err" || { echo "FAIL: exit $?"; cat "$tmp/err"; exit 1; }
# the sigmaT line of the total's laws (the JSON's "total": {"sigma": ...,\n "sigmaT": {...})
tl=$(awk '/"total": \{"sigma"/ { t = 1; next } t && /"sigmaT"/ { print; exit }' "$tmp/out.json")
ea=$(echo "$tl" | grep -o '"Ea_eV": [-0-9.e]*' | head -1 | cut -d' ' -f2)
form=$(grep -o '"form": "[a-zA-Z]*"' "$tmp/out.json" | head -1)
s25=$(echo "$tl" | grep -o '"sigma_at_ref": [-0-9.e]*' | head -1 | cut -d' ' -f2)
echo "form $form, total Ea $ea eV, sigma(25 C) $s25 S/cm"
grep -q '"Ea_eV": null' "$tmp/out.json" || { echo "FAIL: a bulk Ea from intercepts that hold bulk and grain boundary"; fail=1; }
[ "$form" = '"form": "sigmaT"' ] || { echo "FAIL: first form is not sigmaT"; fail=1; }
awk -v a="$ea" 'BEGIN { d = a - 0.253; if (d < 0) d = -d; exit !(a != "" && d < 0.004) }' \
  || { echo "FAIL: Ea(sigmaT) = $ea, expected 0.253 +- 0.004"; fail=1; }
awk -v a="$s25" 'BEGIN { d = (a - 3.4e-4) / 3.4e-4; if (d < 0) d = -d; exit !(a != "" && d < 0.01) }' \
  || { echo "FAIL: sigma(25 C) = $s25, expected 3.4e-4 within 1 %"; fail=1; }
# the text says "R_bulk not given: <why>" (it said "R_bulk from none: ..."), and the caution it
# points to is printed
"$EISFIT" "$tmp/qsse-25C.csv" --thickness 0.45mm --diameter 12mm --no-kk > "$tmp/25.txt" 2>&1
grep -q 'R_bulk not given: the intercept R0 holds the bulk and any grain boundary .*see the caution' "$tmp/25.txt" \
  || { echo "FAIL: the 25 C spectrum did not say its intercept holds bulk and grain boundary"; fail=1; }
grep -q 'caution.*the intercept holds bulk and grain boundary' "$tmp/25.txt" \
  || { echo "FAIL: 'see the caution' without the caution: $(grep -i caution "$tmp/25.txt")"; fail=1; }
grep -q 'from none' "$tmp/25.txt" && { echo "FAIL: 'from none' in the text"; fail=1; }
exit $fail
