#!/bin/sh
# A fit the automatic choice itself calls "not to be trusted" (no candidate converged,
# determined and admissible) says so in every format, gives no conductivity and exits 3 (man
# eisfit, EXIT STATUS); and the small consistencies of the report. On the real files of
# ../shared/realdata; skipped (77) when they are not there.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
RD=$top_srcdir/../shared/realdata
[ -f "$RD/biologic/peis.mpt" ] || { echo "SKIP: no $RD"; exit 77; }
P=$RD/biologic/peis.mpt
G="--thickness 0.5mm --diameter 10mm"
"$EISFIT" "$P" $G -f csv > "$tmp/p.csv" 2> "$tmp/p.err"
rc=$?
[ $rc = 3 ] && ok "untrusted: exit 3" || bad "untrusted: exit $rc"
grep -q "untrusted: no candidate circuit is converged" "$tmp/p.err" && ok "warning on stderr" \
  || bad "no warning on stderr: $(cat "$tmp/p.err")"
col () { sed 's/"[^"]*"/Q/g' "$1" | awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }'; }
[ "$(col "$tmp/p.csv" trusted)" = no ] && ok "CSV trusted = no" || bad "CSV trusted '$(col "$tmp/p.csv" trusted)'"
[ -z "$(col "$tmp/p.csv" sigma_bulk_S_cm)" ] && [ -z "$(col "$tmp/p.csv" sigma_total_S_cm)" ] \
  && ok "CSV: no sigma" || bad "CSV sigma_bulk '$(col "$tmp/p.csv" sigma_bulk_S_cm)'"
"$EISFIT" "$P" $G -f json > "$tmp/p.json" 2> /dev/null
grep -q '"trusted": false' "$tmp/p.json" && ok "JSON trusted false" || bad "JSON trusted"
grep -q '"bulk_gb_separated": false' "$tmp/p.json" && ok "JSON bulk_gb_separated false" || bad "bulk_gb_separated"
grep -q '"cautions": \["untrusted: ' "$tmp/p.json" && ok "JSON caution" || bad "JSON cautions: $(grep -o '"cautions": [^]]*' "$tmp/p.json")"
grep -q '"bulk": null' "$tmp/p.json" && grep -q '"total": null' "$tmp/p.json" && ok "JSON: no sigma" || bad "JSON sigma"
"$EISFIT" "$P" $G > "$tmp/p.txt" 2> /dev/null
grep -q "sigma        not given: the fit is not to be trusted" "$tmp/p.txt" && ok "text: sigma not given" \
  || bad "text: $(grep sigma "$tmp/p.txt")"
# the roles lines claim no bulk for an untrusted fit (said "R0 -> bulk (high-frequency
# intercept)" beside "R_bulk not given")
grep -q "^  R0 .*-> high-frequency intercept (role withheld: the fit is not trusted)" "$tmp/p.txt" \
  && ! grep -q -- "-> bulk" "$tmp/p.txt" && ok "text: roles withheld, no bulk claimed" \
  || bad "text roles: $(grep -- '->' "$tmp/p.txt")"
# no number built on the roles either: R_bulk, R_gb and R_interface are not given
[ -z "$(col "$tmp/p.csv" R_bulk_Ohm)" ] && [ -z "$(col "$tmp/p.csv" R_gb_Ohm)" ] \
  && [ -z "$(col "$tmp/p.csv" R_interface_total_Ohm)" ] && ok "CSV: no R of a role" \
  || bad "CSV R_bulk '$(col "$tmp/p.csv" R_bulk_Ohm)' R_interface '$(col "$tmp/p.csv" R_interface_total_Ohm)'"
"$EISFIT" "$RD/princeton/exampleDataParstat.txt" > "$tmp/pr.txt" 2> /dev/null
grep -q "^  R_interface  [0-9]" "$tmp/pr.txt" && bad "Parstat untrusted: R_interface printed" \
  || ok "Parstat untrusted: no R_interface"
grep -q "so no resistance of a role is given" "$tmp/pr.txt" && ok "Parstat: caution says so" \
  || bad "Parstat caution: $(grep caution "$tmp/pr.txt")"
# a trend just above its limit is printed with the digits that show it (19.55 against 19.45)
grep -q "trend of 19.55 % around 7943 Hz (limit 19.45 %)" "$tmp/pr.txt" && ok "KK trend digits" \
  || bad "KK trend: $(grep -o 'trend of[^;]*' "$tmp/pr.txt")"
# A trusted fit keeps exit 0 and trusted = yes
"$EISFIT" "$RD/biologic/exampleDataBioLogic.mpt" -f csv > "$tmp/b.csv" 2> /dev/null
rc=$?
[ $rc = 0 ] && [ "$(col "$tmp/b.csv" trusted)" = yes ] && ok "trusted fit: exit 0, trusted = yes" \
  || bad "trusted fit: exit $rc, trusted '$(col "$tmp/b.csv" trusted)'"
# Parstat: R_total = 0 gives no sigma_total, and the caution does not say it is reported
"$EISFIT" "$RD/princeton/exampleDataParstat.txt" $G > "$tmp/ps.txt" 2> /dev/null
grep -q "(and sigma_total) is reported" "$tmp/ps.txt" && bad "Parstat: sigma_total said reported" \
  || ok "Parstat: no sigma_total promised"
# Gamry: the series R that ran to 0 is named under the header that says all are determined
"$EISFIT" "$RD/gamry/exampleDataGamry.DTA" > "$tmp/g.txt" 2> /dev/null
grep -q "(but R0 = 0 Ohm, which ran below 2 % of the smallest Z' and counts as absent" "$tmp/g.txt" \
  && ok "Gamry: R0 = 0 explained" || bad "Gamry: $(sed -n 5,6p "$tmp/g.txt")"
# Lead inductance, one rule: 0.6 mH on a spectrum capacitive at every point is not taken
"$EISFIT" "$RD/gamry/20240401_B_GM0016_HL03_E01_EIS.DTA" > "$tmp/l.txt" 2> /dev/null
grep -q "^  circuit   R0-p(R1,CPE1)-CPE2" "$tmp/l.txt" && ok "Gamry 0.6 mH: no L0" \
  || bad "Gamry L0: $(grep '^  circuit' "$tmp/l.txt")"
grep -q "L0 = 0.000603 H is no lead inductance" "$tmp/l.txt" && ok "Gamry: L0 candidate refused by name" \
  || bad "Gamry: L0 candidate not refused"
exit $fail
