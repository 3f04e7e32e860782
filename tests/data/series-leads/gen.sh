#!/bin/sh
# Writes the temperature series of test-series-leads.sh with eisfit-gen:
# a 0.50 mm x 10 mm pellet, bulk Ea 0.35 eV (R_bulk 1000 Ohm at 25 degC, C_eff 1.5e-11 F,
# n 0.95), grain boundary Ea 0.50 eV (3000 Ohm, 2.0e-9 F, n 0.85), electrode CPE 2e-6 / 0.85,
# lead inductance 3e-7 H; leads-*.csv with a lead resistance R0 = 5 Ohm, noleads-*.csv
# without. 0.5 % noise, 10 points per decade (sigma_bulk(25 degC) = 6.3662e-5 S/cm).
# usage: sh gen.sh PATH-TO-eisfit-gen
GEN=${1:-eisfit-gen}
awk 'BEGIN {
  kB = 8.617333262e-5; T25 = 298.15
  split("-20 0 20 40 60 80", tc, " "); split("1e6 7e6 3e6 7e6 1e6 7e6", fhi, " ")
  split("0.1 0.1 1 0.5 0.1 1", flo, " ")
  for (i = 1; i <= 6; i++) {
    T = tc[i] + 273.15
    Rb = 1000 * exp(0.35 / kB * (1 / T - 1 / T25)); Rg = 3000 * exp(0.5 / kB * (1 / T - 1 / T25))
    Qb = 1.5e-11 ^ 0.95 * Rb ^ (0.95 - 1); Qg = 2.0e-9 ^ 0.85 * Rg ^ (0.85 - 1)
    name = (tc[i] < 0 ? "m" (-tc[i]) : tc[i]) "C"
    printf "%s %s %s %.8g %.8g %.8g %.8g %d\n", name, fhi[i], flo[i], Rb, Qb, Rg, Qg, 40 + i
  }
}' | while read -r name fhi flo Rb Qb Rg Qg seed; do
  "$GEN" spectrum "R0-L0-p(R1,CPE1)-p(R2,CPE2)-CPE3" \
    5,3e-7,$Rb,$Qb,0.95,$Rg,$Qg,0.85,2e-6,0.85 $flo $fhi 10 0.005 $seed > leads-$name.csv
  "$GEN" spectrum "L0-p(R1,CPE1)-p(R2,CPE2)-CPE3" \
    3e-7,$Rb,$Qb,0.95,$Rg,$Qg,0.85,2e-6,0.85 $flo $fhi 10 0.005 $seed > noleads-$name.csv
done
