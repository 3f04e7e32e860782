#!/bin/sh
# Bulk and grain boundary only where the data separate them, series resistances that are more
# than leads counted in sigma_total, arcs that are no arcs never dropped. Pellets made by
# eisfit-gen from known truth (the tester-user pellet: 0.5 mm x 10 mm, bulk R||CPE n 0.95 with
# sigma_bulk(25 degC) 1e-4 S/cm, Ea 0.30 eV; grain boundary R||CPE n 0.85, Ea 0.45 eV; electrode
# CPE; 0.5 % noise, 7 MHz to 0.11 Hz at 10 points a decade).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
sig () { # key ("bulk", "total") json: the conductivity's value, or null
  grep -o "\"conductivity\": {[^}]*}" "$2" | grep -o "\"$1\": [-0-9.e+a-z]*" | head -1 | cut -d' ' -f2
}
pellet () { # T_C R_bulk R_gb: the pellet's circuit and parameters for eisfit-gen
  echo "p(R1,CPE1)-p(R2,CPE2)-CPE3 $2,3e-11,0.95,$3,5e-9,0.85,2e-6,0.9"
}
G="--thickness 0.5mm --diameter 10mm"

# 1. At 60 and 80 degC both arcs lie near or above 7 MHz: the data do not separate bulk from
#    grain boundary. Over six noise draws each, no sigma_bulk is given (it was 16-20 % low, the
#    total taken as bulk, or 71 % high, the bulk taken as leads) and sigma_total is within 1 %
#    of the truth (2.7167e-4 and 5.1795e-4 S/cm).
for T in 60 80; do
  if [ $T = 60 ]; then set -- $(pellet 60 186.6925 47.6422); tt=2.716712e-04
  else set -- $(pellet 80 103.3020 19.6094); tt=5.179500e-04; fi
  for s in 3 5 8 11 14 17; do
    "$gen" spectrum "$1" "$2" 0.1109 7e6 10 0.005 $s > "$tmp/p$T-$s.csv"
    "$EISFIT" $G -f json "$tmp/p$T-$s.csv" > "$tmp/p$T-$s.json" 2> /dev/null
    b=$(sig bulk "$tmp/p$T-$s.json"); t=$(sig total "$tmp/p$T-$s.json")
    [ "$b" = null ]; check "$T degC, seed $s: no sigma_bulk ($b)" $?
    near "$t" $tt 0.01; check "$T degC, seed $s: sigma_total $t within 1 % of $tt" $?
    grep -q '"bulk_gb_separated": false' "$tmp/p$T-$s.json"; check "$T degC, seed $s: not separated" $?
  done
done
T=60; s=3
"$EISFIT" $G "$tmp/p60-3.csv" > "$tmp/p60.txt" 2>&1
grep -q "R_bulk + R_gb" "$tmp/p60.txt"; [ $? -ne 0 ]; check "the text names no R_gb that is not there" $?
grep -q "sigma_total .*(the whole electrolyte, R_total = " "$tmp/p60.txt"; check "sigma_total is the whole electrolyte's" $?

# 2. A series resistance of 97 Ohm ahead of the bulk arc (71 % of it) is no lead: it counts.
#    Given circuit R0-p(R1,CPE1)-CPE2 on the 60 degC pellet.
"$EISFIT" $G -c "R0-p(R1,CPE1)-CPE2" -f json "$tmp/p60-5.csv" > "$tmp/r0.json" 2> /dev/null
near "$(sig total "$tmp/r0.json")" 2.716712e-04 0.01; check "R0-p(R1,CPE1)-CPE2: R0 counts in sigma_total" $?
grep -q '"bulk_gb_separated": false' "$tmp/r0.json"; check "and no split into bulk and grain boundary" $?
# ... while a real lead resistance (0.8 Ohm) in front of a resolved pellet at -20 degC is left out.
set -- $(pellet m20 5073.5393 6749.4381)
"$gen" spectrum "R0-$1" "0.8,$2" 0.1109 7e6 10 0.005 4 > "$tmp/m20.csv"
"$EISFIT" $G -c "R0-$1" -f json "$tmp/m20.csv" > "$tmp/m20.json" 2> /dev/null
near "$(sig bulk "$tmp/m20.json")" 1.254784e-05 0.02; check "-20 degC with 0.8 Ohm leads: sigma_bulk within 2 % of 1.2548e-5" $?
near "$(sig total "$tmp/m20.json")" 5.384598e-06 0.01; check "-20 degC: sigma_total within 1 % of 5.3846e-6" $?

# 3. An arc whose CPE exponent runs to 0 is no arc: with L0-p(R1,CPE1)-p(R2,CPE2)-CPE3 on the
#    tester's 60 degC pellet (tests/data/user-pellet-60C.csv, gen.py seed 7) CPE1_n = 0.0023 and
#    the 97 Ohm of R1 was 'unassigned' and dropped from sigma_total (4.6458e-4, +71 %).
D="$top_srcdir/tests/data"
"$EISFIT" $G -c "L0-p(R1,CPE1)-p(R2,CPE2)-CPE3" -f json "$D/user-pellet-60C.csv" > "$tmp/na.json" 2> /dev/null
n1=$(grep -o '"name": "CPE1_n", "value": [-0-9.e+]*' "$tmp/na.json" | awk '{ print $4 }')
# (CPE1_n is not determined there: chi2 0.001873 alike at 0.0023 and at 0.30, where the fits
# from the starts since the distribution's ripples are no arcs stop; below 0.4 it is no arc)
awk -v n="$n1" 'BEGIN { exit !(n < 0.4) }'; check "the fit runs CPE1_n to $n1" $?
grep -q "R1||CPE1 is no arc" "$tmp/na.json"; check "R1||CPE1 is said to be no arc" $?
near "$(sig total "$tmp/na.json")" 2.716712e-04 0.01; check "its R1 counts: sigma_total within 1 % of 2.7167e-4" $?
grep -q '"role": "unknown"' "$tmp/na.json"; [ $? -ne 0 ]; check "no arc left unassigned" $?
[ "$(sig bulk "$tmp/na.json")" = null ]; check "no sigma_bulk" $?
# The tester's own files with the automatic choice: 60 degC (R0 97 Ohm was 'the leads',
# sigma_total 4.6458e-4) and 80 degC (sigma_bulk 5.1846e-4, the total, 16 % below 6.1627e-4).
for T in 60 80; do
  [ $T = 60 ] && tt=2.716712e-04 || tt=5.179500e-04
  "$EISFIT" $G -f json "$D/user-pellet-${T}C.csv" > "$tmp/u$T.json" 2> /dev/null
  [ "$(sig bulk "$tmp/u$T.json")" = null ]; check "user-pellet-${T}C: no sigma_bulk" $?
  near "$(sig total "$tmp/u$T.json")" $tt 0.005; check "user-pellet-${T}C: sigma_total within 0.5 % of $tt" $?
done
# (R0 97 Ohm and R1 137 Ohm, R1's arc at 2.3e7 Hz over a 7 MHz top: only their sum is determined)
grep -q "R0 + R1 = [0-9.]* +- [0-9.]* Ohm (high-frequency resistance; the split is not determined by the data)" "$tmp/u60.json"
check "60 degC: the caution says only R0 + R1 is determined" $?
"$EISFIT" $G -f csv "$D/user-pellet-60C.csv" > "$tmp/u60.csv" 2> /dev/null
head -1 "$tmp/u60.csv" | grep -q ',bulk_gb_separated,cautions'; check "the CSV has bulk_gb_separated and cautions columns" $?
tail -1 "$tmp/u60.csv" | grep -q ',R0 + R1,no,".*the split is not determined by the data'
check "the CSV row gives R0 + R1, says not separated, and why" $?

# 4. A resolved pellet (-20 degC: bulk 1.4e5 Hz, grain boundary 1.6e3 Hz) keeps both.
set -- $(pellet m20 5073.5393 6749.4381)
"$gen" spectrum "$1" "$2" 0.1109 7e6 10 0.005 9 > "$tmp/r.csv"
"$EISFIT" $G -f json "$tmp/r.csv" > "$tmp/r.json" 2> /dev/null
near "$(sig bulk "$tmp/r.json")" 1.254784e-05 0.02; check "-20 degC: sigma_bulk within 2 % of 1.2548e-5" $?
grep -q '"bulk_gb_separated": true' "$tmp/r.json"; check "-20 degC: separated" $?

# 5. Li|Li with an interphase arc (150 Ohm, C_eff 1.02e-8 F) and a charge-transfer arc (250 Ohm)
#    after R_b 100 Ohm (tests/data/user-li2-before.csv, gen_li2.py): the interphase lies where
#    grain boundaries and interphases both occur, so the fit report gives both readings, as
#    eisfit transference does (it said "grain boundary", R_interface 249.35 Ohm, with no word),
#    and leads with the same one: the interface (400 Ohm), with the geometry as without it
#    (it led with the capacitance's reading, 250, with the geometry).
"$EISFIT" $G --cell li-symmetric -f json "$D/user-li2-before.csv" > "$tmp/li.json" 2> /dev/null
jn () { grep -o "\"$1\": [-0-9.e+a-z]*" "$2" | head -1 | cut -d' ' -f2; }
grep -q '"role_ambiguous": true' "$tmp/li.json"; check "li2 with geometry: role_ambiguous" $?
near "$(jn R_interface_total "$tmp/li.json")" 400 0.01; check "headline R_interface within 1 % of 400 (interphase + charge transfer)" $?
near "$(jn R_interface_total_other "$tmp/li.json")" 250 0.01; check "other reading R_interface within 1 % of 250 (charge transfer)" $?
near "$(jn ASR_per_interface_other_ohm_cm2 "$tmp/li.json")" 98.175 0.01; check "other reading ASR within 1 % of 98.175 Ohm cm2" $?
near "$(jn ASR_per_interface_ohm_cm2 "$tmp/li.json")" 157.08 0.01; check "headline ASR within 1 % of 157.08 Ohm cm2" $?
grep -q 'role_ambiguous: R1||CPE1' "$tmp/li.json"; check "the caution names R1||CPE1" $?
"$EISFIT" --cell li-symmetric -f json "$D/user-li2-before.csv" > "$tmp/li0.json" 2> /dev/null
near "$(jn R_interface_total "$tmp/li0.json")" 400 0.01; check "without geometry (C_eff in F): headline R_interface 400" $?
near "$(jn R_interface_total_other "$tmp/li0.json")" 250 0.01; check "and the other reading 250" $?
"$EISFIT" $G --cell li-symmetric -f csv "$D/user-li2-before.csv" > "$tmp/li.csv" 2> /dev/null
tail -1 "$tmp/li.csv" | grep -q 'role_ambiguous: R1||CPE1'; check "the CSV's cautions carry role_ambiguous" $?

# 6. An arc's CPE exponent on its upper bound 1 is an ideal capacitor: the fit is marked. The
#    argyrodite pellet at -25 degC of ../shared/realdata (R0-p(R1,CPE1)-p(R2,CPE2)-CPE3 with
#    CPE2_n = 1 and CPE2_Q +- 93 %, said nothing).
R=${top_srcdir}/../shared/realdata/biologic/PEIS_LPSCl_IonBlocking_-25C.txt
if [ -r "$R" ]; then
  "$EISFIT" "$R" > "$tmp/lp.txt" 2> /dev/null
  if grep -q "CPE2_n .*(at its upper bound)" "$tmp/lp.txt"; then
    grep -q "caution: CPE2_n is on its upper bound 1: CPE2 is an ideal capacitor" "$tmp/lp.txt"
    check "LPSCl -25 degC: CPE2_n = 1 is marked" $?
  else
    echo "ok: (LPSCl -25 degC: no exponent at its bound in this choice)"
  fi
else
  echo "ok: (no ../shared/realdata: LPSCl check skipped)"
fi
# ... and a synthetic ideal arc given as R||CPE: n runs to 1, the caution says so, R1 is right.
"$gen" spectrum "R0-p(R1,C1)-CPE2" 12.5,843.2,2.35e-9,3.3e-6,0.88 0.1 1e6 8 0 23 > "$tmp/id.csv"
"$EISFIT" -c "R0-p(R1,CPE1)-CPE2" "$tmp/id.csv" > "$tmp/id.txt" 2> /dev/null
if grep -q "CPE1_n .*(at its upper bound)" "$tmp/id.txt"; then
  grep -q "caution: CPE1_n is on its upper bound 1: CPE1 is an ideal capacitor" "$tmp/id.txt"
  check "ideal arc as R||CPE: CPE1_n = 1 is marked" $?
else
  n1=$(awk '$1 == "CPE1_n" { print $2 }' "$tmp/id.txt")
  awk -v n="$n1" 'BEGIN { exit !(n > 0.999) }'; check "ideal arc as R||CPE: CPE1_n = $n1 near 1" $?
  grep -q "is on its upper bound 1" "$tmp/id.txt"; [ $? -ne 0 ]; check "and off its bound, no mark" $?
fi

exit $fail
