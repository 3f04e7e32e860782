#!/bin/sh
# A new lab user's quasi-solid pellets of known truth (tester user6): L = 0.50 mm, d = 10 mm
# (L/A = 0.063662 1/cm), leads 1 Ohm and 0.5 uH, bulk R_b || CPE (3e-10, 0.93; C_eff L/A
# about 6e-12 F/cm, a permittivity of 70: solvent in the pores), grain boundary R_gb || CPE
# (2e-8, 0.85), blocking CPE (4e-6, 0.88); bulk Ea 0.30 eV with sigma_bulk(25 degC) 2.0e-4 S/cm,
# grain boundary Ea 0.45 eV; 0.1 Hz to 7 MHz, 0.5 % noise.
# - 60 and 70 degC: the bulk arc peaks at 2.1e7 and 3.0e7 Hz, just above the top. The bulk
#   arc's beginning bent the top points, the fit took it for the grain-boundary arc's tail
#   (its exponent 0.80 for 0.85) and gave the intercept as R_bulk: sigma_bulk 18 % (60 degC)
#   and 15 % (70 degC) high by 10-25 stated errors, in every draw. Now sigma_bulk is within
#   3 stated errors of the truth or withheld (bulk_at_least, sigma_total), never wrong.
# - -20, 0 and 20 degC: bulk and grain boundary are resolved (apexes 2 decades apart, C 30-45
#   times apart), but the bulk's 6e-12 F/cm lies within a factor 3 of the 1e-11 line, and the
#   split was withheld with geometry (given without). Now the brick layer decides: sigma_bulk
#   within 3 stated errors of the truth.
# - the series over six temperatures gives sigma_bulk at all six and the bulk Ea within 3
#   stated errors of 0.300 eV (no bulk Ea before).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
json () { tr ',' '\n' < "$1" | awk -F': ' -v k="\"$2\"" '$1 ~ k"$" { print $2; exit }'; }
# within K stated errors: within VALUE SE TRUTH K
within () { awk -v v="$1" -v se="$2" -v t="$3" -v k="$4" 'BEGIN { d = v - t; if (d < 0) d = -d
                exit !(se > 0 && d <= k * se) }'; }
c="L0-R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
# T:R_b:R_gb:sigma_bulk (the arc, no leads):sigma_bulk (intercept, leads in):sigma_total (leads in)
temps="m20:2536.77:13498.9:2.50957e-5:2.50858e-5:3.96978e-6
0:926.781:2980.86:6.86915e-5:6.86175e-5:1.62875e-5
20:388.457:808.891:1.63884e-4:1.63464e-4:5.31248e-5
40:181.947:259.295:3.49893e-4:3.47980e-4:1.43953e-4
60:93.3463:95.2843:6.81998e-4:6.74770e-4:3.35716e-4
70:68.8403:60.3449:9.24777e-4:9.11536e-4:4.89011e-4
80:51.651:39.2188:1.23254e-3:1.20913e-3:6.92959e-4"
spectrum () {   # spectrum T SEED OUT
  echo "$temps" | while IFS=: read -r t rb rg sb sbl st; do
    [ "$t" = "$1" ] || continue
    "$gen" spectrum "$c" "5e-7,1,$rb,3e-10,0.93,$rg,2e-8,0.85,4e-6,0.88" 0.1 7e6 10 0.005 "$2" > "$3"
  done
}
truth () { echo "$temps" | awk -F: -v t="$1" -v f="$2" '$1 == t { print $f }'; }

# 1. the bulk arc just above the top: never a confident wrong sigma_bulk
for t in 60 70; do
  given=0
  for seed in 1 2 3 4 5 6; do
    spectrum "$t" "$seed" "$tmp/a$t-$seed.csv" || exit 99
    j=$tmp/a$t-$seed.json
    "$EISFIT" "$tmp/a$t-$seed.csv" --thickness 0.5mm --diameter 10mm --no-kk -f json -q -o "$j"
    st=$?
    [ "$st" -eq 0 ] || [ "$st" -eq 3 ]; check "$t degC seed $seed: exit $st" $?
    sb=$(sed -n 's/.*"conductivity": {"bulk": \([^,]*\), "bulk_stderr": \([^,]*\),.*/\1 \2/p' "$j")
    tot=$(json "$j" total) tse=$(json "$j" total_stderr)
    if [ "${sb%% *}" = null ]; then
      grep -q '"bulk_gb_separated": false' "$j"; check "$t degC seed $seed: sigma_bulk withheld, not separated" $?
      check_rel "$t degC seed $seed: bulk_at_least = sigma_total" "$(json "$j" bulk_at_least)" "$tot" 1e-9
    else
      given=$((given + 1))
      within "${sb%% *}" "${sb#* }" "$(truth "$t" 4)" 3 || within "${sb%% *}" "${sb#* }" "$(truth "$t" 5)" 3
      check "$t degC seed $seed: sigma_bulk $sb within 3 stated errors of the truth" $?
    fi
    within "$tot" "$tse" "$(truth "$t" 6)" 3 || near "$tot" "$(truth "$t" 6)" 0.01
    check "$t degC seed $seed: sigma_total $tot +- $tse at the truth $(truth "$t" 6)" $?
  done
  ok "$t degC: sigma_bulk given in $given of 6 draws"
done
"$EISFIT" "$tmp/a60-1.csv" --thickness 0.5mm --diameter 10mm --no-kk -q -o "$tmp/a60.txt"
grep -q "caution: bulk and grain boundary are not separated: the intercept R_bulk = .* below the smallest measured Z'" "$tmp/a60.txt"
check "60 degC text: the caution says the intercept lies below the measured Z'" $?

# 2. resolved arcs, the bulk near the line: the brick layer places them
for t in m20 0 20; do
  for seed in 1 2 3 4; do
    spectrum "$t" "$seed" "$tmp/b$t-$seed.csv" || exit 99
    j=$tmp/b$t-$seed.json
    "$EISFIT" "$tmp/b$t-$seed.csv" --thickness 0.5mm --diameter 10mm --no-kk -f json -q -o "$j"
    sb=$(sed -n 's/.*"conductivity": {"bulk": \([^,]*\), "bulk_stderr": \([^,]*\),.*/\1 \2/p' "$j")
    within "${sb%% *}" "${sb#* }" "$(truth "$t" 4)" 3
    check "$t degC seed $seed: sigma_bulk $sb within 3 stated errors of $(truth "$t" 4)" $?
  done
done
"$EISFIT" "$tmp/bm20-1.csv" --thickness 0.5mm --diameter 10mm --no-kk -q -o "$tmp/b.txt"
grep -q "the faster arc is taken as the bulk and the slower as the grain boundary (brick layer" "$tmp/b.txt"
check "-20 degC text: the brick-layer reading is said" $?
grep -q -- "-> bulk$" "$tmp/b.txt"; check "-20 degC text: an arc is the bulk" $?

# 3. the series: sigma_bulk at every temperature, the bulk Ea at the truth
set --
for t in m20 0 20 40 60 80; do
  spectrum "$t" 7 "$tmp/s_${t}C.csv" || exit 99
  set -- "$@" "$tmp/s_${t}C.csv"
done
"$EISFIT" arrhenius "$@" --thickness 0.5mm --diameter 10mm -q -o "$tmp/arr.txt"
check "arrhenius: exit $?" $?
# (a row whose own spectrum does not separate bulk from grain boundary, at 80 degC, may be left
# out of the bulk law with its reason: eisfit series applies each spectrum's judgement)
n=$(grep -c "file name  *[0-9.]*e-0[0-9] +- " "$tmp/arr.txt")
[ "$n" -ge 5 ]; check "arrhenius: sigma_bulk at $n of 6 temperatures" $?
ea=$(awk '/^bulk conductivity/ { b = 1 } b && $1 == "sigma" { print $2, $4; exit }' "$tmp/arr.txt")
within "${ea%% *}" "${ea#* }" 0.300 3
check "arrhenius: bulk Ea $ea eV within 3 stated errors of 0.300" $?
exit $fail
