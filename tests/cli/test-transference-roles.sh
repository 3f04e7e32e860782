#!/bin/sh
# eisfit transference with a Randles branch p(CPE2,R2-W2) and with an arc whose role the
# capacitance does not decide (about 1 nF), on spectra made by eisfit-gen from known truth: the
# hold is made for t+ = 0.70 with R_b = 60 Ohm, R0 = 350 Ohm and Rss = 370 Ohm (150 + 200 and
# 160 + 210 Ohm of two interfacial arcs).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
check () { check_abs "$@"; }
col () { awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' "$1"; }
jnum () { sed -n "s/.*\"$2\": \([-0-9.e+]*\).*/\1/p" "$1" | head -1; }

"$gen" polarization 0.01 2.439e-5 2.1946e-5 400 3600 5 0.002 5 > "$tmp/pol.csv" || exit 99

# 1. The Randles branch: its charge-transfer R2 is interfacial (R0 = 150 + 200 Ohm), its
# Warburg is not; the measured I0 then agrees with dV/(R_b + R0) and t+ is the truth.
"$gen" spectrum "R0-p(R1,CPE1)-p(CPE2,R2-W2)" 60,150,1e-6,0.9,1e-4,0.85,200,50 0.01 1e6 10 0.003 3 > "$tmp/b3.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(CPE2,R2-W2)" 60,160,1e-6,0.9,1e-4,0.85,210,50 0.01 1e6 10 0.003 4 > "$tmp/a3.csv"
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b3.csv" --after "$tmp/a3.csv" \
  -f csv -o "$tmp/r3.csv" || { echo "FAIL: Randles exit $?"; fail=1; }
check "Randles: R0 = R1 + R2" "$(col "$tmp/r3.csv" R0_Ohm)" 350 3.5
check "Randles: Rss = R1 + R2" "$(col "$tmp/r3.csv" Rss_Ohm)" 370 3.7
check "Randles: R_b" "$(col "$tmp/r3.csv" Rb_Ohm)" 60 1
check "Randles: t+" "$(col "$tmp/r3.csv" t_plus)" 0.70 0.03
[ "$(col "$tmp/r3.csv" warnings)" = "" ] && echo "ok: Randles: no warnings" \
  || { echo "FAIL: Randles warnings $(col "$tmp/r3.csv" warnings)"; fail=1; }
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b3.csv" --after "$tmp/a3.csv" \
  > "$tmp/r3.txt" || fail=1
grep -q "CPE2||(R2-W2) (electrode; its charge-transfer R2 only, the diffusion W2 left out" "$tmp/r3.txt" \
  && echo "ok: the report says how the Warburg is treated" || { echo "FAIL: R0 line"; grep "R0 =" "$tmp/r3.txt"; fail=1; }
# the fit's own report gives the Randles branch a role
"$EISFIT" "$tmp/b3.csv" > "$tmp/fit3.txt" 2>&1
grep -q "^  CPE2||(R2-W2) R 199.* -> electrode interface" "$tmp/fit3.txt" \
  && echo "ok: the Randles branch has a role" || { echo "FAIL: no role line for the Randles branch"; fail=1; }
# 2. An arc near 1 nF between R_b and the electrode arc: no nan, both readings with the
# warning; in a Li|Li cell the first (the headline, t_plus) counts the arc in the interface
# (R0 = 350 Ohm, R_b = 60 Ohm, the truth t+ 0.70), the other in the electrolyte (R0 200 Ohm,
# t+ 0.86); --interface-arcs R1,R2 decides.
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" 60,150,5e-9,0.9,200,1e-5,0.85,5e-3,0.6 0.1 1e6 10 0.003 3 > "$tmp/b2.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" 60,160,5e-9,0.9,210,1e-5,0.85,5e-3,0.6 0.1 1e6 10 0.003 4 > "$tmp/a2.csv"
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b2.csv" --after "$tmp/a2.csv" \
  > "$tmp/r2.txt" || { echo "FAIL: 1 nF exit $?"; fail=1; }
if grep -qi "nan" "$tmp/r2.txt"; then echo "FAIL: nan printed"; grep -i nan "$tmp/r2.txt"; fail=1; else echo "ok: no nan"; fi
grep -q "warning: the role of R1||CPE1" "$tmp/r2.txt" && echo "ok: ambiguous role warned" \
  || { echo "FAIL: no warning on the role"; fail=1; }
grep -q "no warnings" "$tmp/r2.txt" && { echo "FAIL: 'no warnings'"; fail=1; }
# the arc's C_eff with its formula: Hsu-Mansfeld Q^(1/n) R^((1-n)/n) = 1.04e-9 F (5e-9, 0.9, 150 Ohm; the fit 0.996e-9)
grep -q "R1||CPE1 (R 1[45][0-9.]* Ohm, C_eff \(9.[89][0-9]e-10\|1.0[0-6]e-09\) F by Hsu-Mansfeld, taken as interface)" "$tmp/r2.txt" \
  && echo "ok: C_eff names its formula" || { echo "FAIL: C_eff without its formula: $(grep -o 'C_eff[^)]*' "$tmp/r2.txt" | head -n 1)"; fail=1; }
grep -q "    watanabe  " "$tmp/r2.txt" && echo "ok: Watanabe form given" || { echo "FAIL: Watanabe missing"; fail=1; }
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b2.csv" --after "$tmp/a2.csv" \
  -f csv -o "$tmp/r2.csv" || fail=1
check "1 nF: R_b (the arc out)" "$(col "$tmp/r2.csv" Rb_Ohm)" 60 4
check "1 nF: R0 with the arc" "$(col "$tmp/r2.csv" R0_Ohm)" 350 7
check "1 nF: t+ with the arc (the headline)" "$(col "$tmp/r2.csv" t_plus)" 0.70 0.06
check "1 nF: R0 without the arc" "$(col "$tmp/r2.csv" R0_other_reading_Ohm)" 200 4
check "1 nF: t+ without the arc" "$(col "$tmp/r2.csv" t_plus_other_reading)" 0.86 0.03
case "$(col "$tmp/r2.csv" warnings)" in *role_ambiguous*) echo "ok: role_ambiguous flag" ;;
  *) echo "FAIL: no role_ambiguous flag"; fail=1 ;; esac
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b2.csv" --after "$tmp/a2.csv" \
  --interface-arcs R1,R2 -f csv -o "$tmp/r2u.csv" || fail=1
check "--interface-arcs R1,R2: R0" "$(col "$tmp/r2u.csv" R0_Ohm)" 350 7
check "--interface-arcs R1,R2: t+" "$(col "$tmp/r2u.csv" t_plus)" 0.70 0.06
[ "$(col "$tmp/r2u.csv" warnings)" = "" ] && echo "ok: decided: no warning" \
  || { echo "FAIL: warnings $(col "$tmp/r2u.csv" warnings)"; fail=1; }
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b2.csv" --after "$tmp/a2.csv" \
  --interface-arcs R7 > /dev/null 2> "$tmp/bad.err"
rc=$?
[ $rc = 1 ] && grep -q '"R7" is no arc of the circuit (its arcs: R1 (R1||CPE1), R2 (R2||CPE2))' "$tmp/bad.err" \
  && echo "ok: unknown arc refused (exit 1)" || { echo "FAIL: R7: exit $rc $(cat "$tmp/bad.err")"; fail=1; }
# a project's interface arcs (eisfit-gtk's Interface arcs field, [transference] interface-arcs)
# give the same t+ as --interface-arcs
{
  printf '[project]\nformat=eisfit-project 1\n'
  n=1
  for f in b2.csv a2.csv pol.csv; do
    printf '[file %d]\npath=%s\nsize=%s\nsha256=%s\n' $n "$f" "$(wc -c < "$tmp/$f" | tr -d ' ')" \
      "$(sha256sum "$tmp/$f" | cut -d' ' -f1)"
    n=$((n + 1))
  done
  printf '[spectrum 1]\nfile=1\nnumber=1\n[spectrum 2]\nfile=2\nnumber=1\n'
  printf '[transference]\nseries-file=3\nseries-number=1\nbefore=1\nafter=2\ninterface-arcs=R1,R2\n'
} > "$tmp/arcs.eisfit"
"$EISFIT" transference --project "$tmp/arcs.eisfit" -f csv -o "$tmp/proj.csv" 2> "$tmp/proj.err" \
  || { echo "FAIL: --project with interface-arcs: $(cat "$tmp/proj.err")"; fail=1; }
check "--project interface-arcs=R1,R2: t+ as --interface-arcs R1,R2" "$(col "$tmp/proj.csv" t_plus)" \
  "$(col "$tmp/r2u.csv" t_plus)" 1e-9
check "--project interface-arcs=R1,R2: R0" "$(col "$tmp/proj.csv" R0_Ohm)" "$(col "$tmp/r2u.csv" R0_Ohm)" 1e-6
# a spectrum during the hold that is noise is refused as every fit refuses it (exit 2)
awk -F, 'BEGIN { srand(11) } NR == 1 { print "time_s," $0; next }
  { printf "%d,%s,%.4f,%.4f\n", 1800 + NR, $1, 50 + 900 * rand(), -900 * rand() }' "$tmp/b2.csv" > "$tmp/noise.csv"
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/b2.csv" --after "$tmp/a2.csv" \
  --during "$tmp/noise.csv" > /dev/null 2> "$tmp/noise.err"
rc=$?
[ $rc = 2 ] && grep -q 'noise.csv: spectrum 1: the points scatter like noise' "$tmp/noise.err" \
  && echo "ok: a noise spectrum during the hold refused (exit 2)" \
  || { echo "FAIL: --during noise: exit $rc, $(cat "$tmp/noise.err")"; fail=1; }
exit $fail
