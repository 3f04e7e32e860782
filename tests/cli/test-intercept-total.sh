#!/bin/sh
# A high-frequency intercept is R_bulk only when an electrolyte arc is seen beyond it. Truth
# (a pellet 0.5 mm x 10 mm, L/A = 0.063662 1/cm): leads 1.0 Ohm and 0.5 uH, bulk 30 Ohm with
# C = 2.78e-11 F (apex 1.9e8 Hz), grain boundary 12 Ohm, Q = 3e-10, n = 0.9 (apex 5e7 Hz), a
# blocking CPE; measured to 1 MHz, 1 % noise. Both arcs lie above the range: the intercept is
# 43 Ohm = leads + bulk + grain boundary, sigma_total 0.063662/43 = 1.4805e-3 S/cm, the true
# sigma_bulk 2.122e-3: no sigma_bulk may be printed from it (it was 1.4839e-3 +- 2.75e-06).
# Then an Arrhenius series of such intercepts (Ea 0.32 eV, sigma(25 degC) 1.4805e-3): a total
# law, no bulk law; and a thickness error that is one pellet's (common to all points): in ln A
# and sigma(25 degC) in full, not in Ea.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
json () { tr ',' '\n' < "$1" | awk -F': ' -v k="\"$2\"" '$1 ~ k"$" { print $2; exit }'; }
sbulk () { sed -n 's/.*"conductivity": {"bulk": \([^,]*\),.*/\1/p' "$1"; }
geo="--thickness 0.5mm --diameter 10mm"
"$gen" spectrum "L0-R0-p(R1,C1)-p(R2,CPE2)-CPE3" 5e-7,1.0,30,2.7816e-11,12,3e-10,0.9,3e-6,0.92 \
  0.1 1e6 10 0.01 41 > "$tmp/d25.csv" || exit 99
"$EISFIT" "$tmp/d25.csv" $geo --no-kk -f json -o "$tmp/d.json" || { echo "FAIL: exit $?"; exit 1; }
"$EISFIT" "$tmp/d25.csv" $geo --no-kk -o "$tmp/d.txt" || { echo "FAIL: exit $?"; exit 1; }

[ "$(sbulk "$tmp/d.json")" = null ]; check "JSON conductivity.bulk is null" $?
[ "$(json "$tmp/d.json" R_bulk)" = null ]; check "JSON R_bulk is null" $?
check_rel "sigma_total (truth 1.4805e-3 with the leads in)" "$(json "$tmp/d.json" total)" 1.4805e-3 0.02
check_rel "bulk_at_least = sigma_total" "$(json "$tmp/d.json" bulk_at_least)" \
  "$(json "$tmp/d.json" total)" 1e-9
grep -q '"bulk_gb_separated": false' "$tmp/d.json"; check "bulk_gb_separated false" $?
grep -q 'the intercept holds bulk and grain boundary' "$tmp/d.json"; check "a caution says why" $?
awk '/^  sigma_bulk / { exit !($2 == "-" && /sigma_total/) }' "$tmp/d.txt"
check "text: sigma_bulk - (>= sigma_total)" $?
"$EISFIT" "$tmp/d25.csv" $geo --no-kk -f csv -o "$tmp/d.csv" || { echo "FAIL: csv exit $?"; fail=1; }
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         { exit !($c["sigma_bulk_S_cm"] == "" && $c["bulk_gb_separated"] == "no") }' "$tmp/d.csv"
check "CSV: sigma_bulk empty, bulk_gb_separated no" $?

# An intercept the geometry proves to be the bulk's: a grain-boundary arc (C L/A >= 1e-11
# F/cm) above 7 MHz holds below 0.063662 / (2 pi 7e6 1e-11) = 145 Ohm, under 1 % of 20 kOhm.
"$gen" spectrum "R0-CPE1" 2.0e4,2.1e-6,0.9 0.1 7e6 10 0.002 42 > "$tmp/big.csv" || exit 99
"$EISFIT" "$tmp/big.csv" -c R0-CPE1 $geo --no-kk -f json -o "$tmp/big.json" || { echo "FAIL: exit $?"; fail=1; }
check_rel "an intercept of 20 kOhm to 7 MHz: sigma_bulk (truth 3.1831e-6)" \
  "$(sbulk "$tmp/big.json")" 3.1831e-6 0.01

# A temperature series of intercepts: sigma = 1.4805e-3 exp(-0.32 eV/k (1/T - 1/298.15)).
for t in 0 25 50 75; do
  R=$(awk -v t="$t" 'BEGIN { k = 8.617333262e-5; T = t + 273.15;
        s = 1.4805e-3 * exp(-0.32 / k * (1 / T - 1 / 298.15)); printf "%.6g", 0.063662 / s }')
  "$gen" spectrum "R0-CPE1" "$R,2.7e-6,0.9" 0.1 1e6 10 0.003 "$((t + 60))" > "$tmp/s_${t}C.csv" || exit 99
done
"$EISFIT" arrhenius $geo -f json "$tmp"/s_*C.csv > "$tmp/a.json" 2> "$tmp/a.err"; st=$?
check "arrhenius of intercepts alone: exit 0 (was: needs 2 bulk points, or a bulk law of totals)" $st
grep -q 'give only sigma_total' "$tmp/a.err"; check "a warning says the intercepts are totals" $?
bulk=$(sed -n 's/.*"bulk": {"sigma": \([a-z]*\).*/\1/p' "$tmp/a.json")
[ "$bulk" = null ]; check "no bulk law (\"bulk\": {\"sigma\": null)" $?
tot () { sed -n '/"total": {"sigma"/{s/.*"total": {"sigma": //;p;q}' "$1" | tr ',' '\n' \
         | awk -F': ' -v k="\"$2\"" '$1 ~ k"$" { print $2; exit }'; }
check_abs "total Ea (truth 0.32 eV)" "$(tot "$tmp/a.json" Ea_eV)" 0.32 0.003
ea_se0=$(tot "$tmp/a.json" Ea_stderr_eV); s0=$(tot "$tmp/a.json" sigma_at_ref)
s0e=$(tot "$tmp/a.json" sigma_at_ref_stderr)

# a liquid cell (--cell liquid) has no grain boundary: its intercept is R_bulk, sigma_bulk given
"$EISFIT" "$tmp/s_25C.csv" -c R0-CPE1 $geo --cell liquid --no-kk -f json -o "$tmp/liq.json" \
  || { echo "FAIL: --cell liquid exit $?"; fail=1; }
liq=$(sed -n 's/.*"conductivity": {"bulk": \([-0-9.e]*\),.*/\1/p' "$tmp/liq.json")
check_rel "--cell liquid: sigma_bulk of the intercept (truth 1.4805e-3)" "$liq" 1.4805e-3 0.01

# One pellet's thickness error (4 %): the same Ea and Ea error, sigma(25 degC) with 4 % more.
"$EISFIT" arrhenius --thickness 0.5mm+-0.02mm --diameter 10mm -f json "$tmp"/s_*C.csv \
  > "$tmp/g.json" 2> /dev/null || { echo "FAIL: exit $?"; fail=1; }
check_rel "Ea error unchanged by a common thickness error" "$(tot "$tmp/g.json" Ea_stderr_eV)" "$ea_se0" 1e-6
want=$(awk -v s="$s0" -v e="$s0e" 'BEGIN { r = e / s; print s * sqrt(r * r + 0.04 * 0.04) }')
check_rel "sigma(25 degC) error: the fit's and the thickness's 4 % in full" \
  "$(tot "$tmp/g.json" sigma_at_ref_stderr)" "$want" 1e-6
"$EISFIT" arrhenius --thickness 0.5mm+-0.02mm --diameter 10mm "$tmp"/s_*C.csv > "$tmp/g.txt" 2> /dev/null
grep -q "is common to every point of one pellet" "$tmp/g.txt"; check "the text says where the geometry's error went" $?
# two temperatures: no scatter to judge the errors by, and the text says so
"$EISFIT" arrhenius -c R0-CPE1 $geo "$tmp/s_0C.csv" "$tmp/s_50C.csv" > "$tmp/two.txt" 2> /dev/null
grep -q "the errors of Ea and ln A are from the fits' errors of the two points alone" "$tmp/two.txt"
check "two temperatures: the text says where Ea's error comes from" $?
exit $fail
