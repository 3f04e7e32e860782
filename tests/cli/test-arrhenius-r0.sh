#!/bin/sh
# eisfit arrhenius with a circuit whose series resistance the data put at zero. Truth (a pellet
# 0.5 mm x 10 mm, no leads): bulk 636.6 Ohm at 25 degC, Ea 0.30 eV, C 2.7816e-11 F; grain
# boundary 400 Ohm at 25 degC, Ea 0.45 eV, C_eff 2e-9 F (n 0.85); a blocking CPE (2e-6, 0.9);
# -20 .. 60 degC, 0.1 Hz .. 7 MHz, 0.5 % noise; sigma_bulk(25 degC) = 0.063662/636.6 = 1.0000e-4.
# Fitted with R0-p(R1,C1)-p(R2,CPE2)-CPE3, R0 runs to 1e-10 Ohm or so, zero within its error:
# no spectrum may be left out for R0 "jumping" between such values (3 of 5 were, leaving 2
# points and an Ea whose error said nothing), and the joint fit must start (it made no progress
# from R0 = 9e-107 Ohm).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
for t in -20 0 20 40 60; do
  p=$(awk -v t="$t" 'BEGIN { k = 8.617333262e-5; T = t + 273.15; x = 1 / T - 1 / 298.15;
        rb = 636.6 * exp(0.30 / k * x); rg = 400 * exp(0.45 / k * x); n = 0.85;
        q = exp(n * log(2e-9) + (1 - n) * log(rg));
        printf "%.6g,2.7816e-11,%.6g,%.6g,0.85,2e-6,0.9", rb, rg, q }')
  name=$(echo "$t" | sed 's/^-/m/')
  "$gen" spectrum "p(R1,C1)-p(R2,CPE2)-CPE3" "$p" 0.1 7e6 10 0.005 "$((t + 71))" > "$tmp/c_${name}C.csv" || exit 99
done
"$EISFIT" arrhenius --global -c "R0-p(R1,C1)-p(R2,CPE2)-CPE3" --thickness 0.5mm --diameter 10mm \
  -f json "$tmp"/c_*C.csv > "$tmp/c.json" 2> "$tmp/c.err"; st=$?
check "exit 0 (exit $st: $(grep -v warning "$tmp/c.err" | head -c 300))" $st
grep -q "jumps to" "$tmp/c.err"; [ $? -ne 0 ]; check "no jump of an R0 that is zero within its errors" $?
n=$(grep -c '"sigma_bulk": [0-9]' "$tmp/c.json")
check_abs "all 5 spectra give a bulk point" "$n" 5 0
ea=$(sed -n 's/.*"bulk": {"sigma": {"form": "sigma", "Ea_eV": \([-0-9.e]*\).*/\1/p' "$tmp/c.json")
check_abs "two-step bulk Ea (truth 0.30 eV)" "$ea" 0.30 0.004
sed -n '/"global": /,$p' "$tmp/c.json" | grep -q '"converged": true'
check "the joint fit with the law converged" $?
grep -q "not making progress" "$tmp/c.err"; [ $? -ne 0 ]; check "no 'not making progress'" $?
exit $fail
