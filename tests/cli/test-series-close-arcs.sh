#!/bin/sh
# Two interface arcs with nearly equal time constants (SEI and charge transfer, tau ratio 1.5)
# merge into one arc: a spectrum measures their sum, not the split, and the series' shared
# capacitances can split it wrongly with no worse chi2. The series says so for that spectrum
# and the sum R_interface_total stays right. Truth (Li|Li, R0 150 Ohm, n 0.9): spectrum 1
# R_ct 400 Ohm at tau 1.6e-4 s, R_sei 240 Ohm at tau 2.4e-4 s (ratio 1.5, sum 640); spectrum
# 2 the SEI at 800 Ohm and tau 8e-3 s (ratio 50, sum 1200). A single fit applies the same
# rule (the end of the script).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
check () { check_abs "$@"; }
q () { awk -v R="$1" -v tau="$2" 'BEGIN { n = 0.9; C = tau / R; printf "%.6g", C ^ n * R ^ (n - 1) }'; }
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" "150,400,$(q 400 1.6e-4),0.9,240,$(q 240 2.4e-4),0.9" \
  0.1 1e6 10 0.002 5 > "$tmp/c1.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" "150,400,$(q 400 1.6e-4),0.9,800,$(q 800 8e-3),0.9" \
  0.1 1e6 10 0.002 6 > "$tmp/c2.csv"
"$EISFIT" series -c "R0-p(R1,CPE1)-p(R2,CPE2)" --cell li-symmetric --by index -f csv -o "$tmp/s.csv" \
  "$tmp/c1.csv" "$tmp/c2.csv" 2> "$tmp/s.err" || { echo "FAIL: exit $?: $(cat "$tmp/s.err")"; exit 1; }
col () { python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[2])): print(r[sys.argv[1]])' "$1" "$2"; }
check "R_interface_total of spectrum 1 (truth 640)" "$(col R_interface_total_Ohm "$tmp/s.csv" | sed -n 1p)" 640 6.4
check "R_interface_total of spectrum 2 (truth 1200)" "$(col R_interface_total_Ohm "$tmp/s.csv" | sed -n 2p)" 1200 12
"$EISFIT" series -c "R0-p(R1,CPE1)-p(R2,CPE2)" --cell li-symmetric --by index "$tmp/c1.csv" "$tmp/c2.csv" \
  > "$tmp/s.txt" 2>&1
if grep -q "^    1 .*R1 and R2 have time constants within a factor 1.5 .* measures their sum" "$tmp/s.txt"
then echo "ok: spectrum 1: the split is said to be not measured"
else echo "FAIL: no word on the merged arcs of spectrum 1: $(sed -n '/changes along/,$p' "$tmp/s.txt")"; fail=1; fi
if grep -q "^    2 .*R1 and R2 have time constants" "$tmp/s.txt"
then echo "FAIL: spectrum 2 (tau ratio 50) flagged"; fail=1
else echo "ok: spectrum 2 (tau ratio 50) not flagged"; fi
# The split of a merged pair has no error of its own: the parameters' errors are withheld
# (text "(in sum)", CSV empty, JSON null with split_not_determined), and their sum is given with
# its error from the covariance (JSON merged.R_sum, CSV R_merged_Ohm).
c1r1=$(col R1_stderr "$tmp/s.csv" | sed -n 1p); c2r1=$(col R1_stderr "$tmp/s.csv" | sed -n 2p)
if [ -z "$c1r1" ] && [ -n "$c2r1" ]; then ok "R1's error withheld in spectrum 1 only (CSV)"
else bad "R1_stderr in CSV: spectrum 1 '$c1r1' (want empty), spectrum 2 '$c2r1'"; fi
check "R_merged of spectrum 1 (truth 640)" "$(col R_merged_Ohm "$tmp/s.csv" | sed -n 1p)" 640 6.4
se=$(col R_merged_stderr_Ohm "$tmp/s.csv" | sed -n 1p)
if awk -v s="$se" 'BEGIN { exit !(s > 0.1 && s < 10) }'; then ok "R_merged's error $se Ohm"
else bad "R_merged's error '$se' (want 0.1 to 10 Ohm)"; fi
if grep -q "^    1 .* 240 (in sum)\|^    1 .*(in sum) .*(in sum)" "$tmp/s.txt"; then ok "text: the split marked (in sum)"
else bad "text: no (in sum) on spectrum 1: $(grep '^    1 ' "$tmp/s.txt" | head -1)"; fi

# Bulk and grain boundary merged (a blocking pellet, L 0.05 cm, A 1 cm2, C_bulk 2e-11 F,
# C_gb 2e-9 F, n 0.9): in spectrum 3 the grain boundary (40 Ohm) peaks within a factor 2.1 of
# the bulk (2000 Ohm), so only R_total (truth 2040 Ohm, sigma_total 2.451e-5 S/cm) is
# measured. The series' shared capacitances used to split it with +-0.2 % and +-9 %: now
# R_bulk, R_gb, sigma_bulk and sigma_gb are not given there, and sigma_total is.
qc () { awk -v R="$1" -v C="$2" 'BEGIN { n = 0.9; printf "%.6g", C ^ n * R ^ (n - 1) }'; }
i=0
for rg in 20000 2000 40; do
  i=$((i + 1)); rb=$((5000 - i * 1000))
  "$gen" spectrum "p(R1,CPE1)-p(R2,CPE2)-CPE3" \
    "$rb,$(qc $rb 2e-11),0.9,$rg,$(qc $rg 2e-9),0.9,1e-6,0.85" 0.1 1e7 10 0.002 $i > "$tmp/b$i.csv"
done
"$EISFIT" series -c "p(R1,CPE1)-p(R2,CPE2)-CPE3" --cell blocking --thickness 0.05cm --area 1cm2 \
  --by index -f csv -o "$tmp/b.csv" "$tmp/b1.csv" "$tmp/b2.csv" "$tmp/b3.csv" 2> "$tmp/b.err" \
  || { echo "FAIL: exit $?: $(cat "$tmp/b.err")"; exit 1; }
for q in R_bulk_Ohm R_gb_Ohm sigma_bulk_S_cm sigma_gb_S_cm R1_stderr R2_stderr; do
  v=$(col $q "$tmp/b.csv" | sed -n 3p)
  if [ -z "$v" ]; then ok "spectrum 3: $q not given"; else bad "spectrum 3: $q = $v (the split is not measured)"; fi
done
check_rel "spectrum 3: R_merged (truth 2040)" "$(col R_merged_Ohm "$tmp/b.csv" | sed -n 3p)" 2040 0.003
check_rel "spectrum 3: sigma_total (truth 2.4510e-5)" "$(col sigma_total_S_cm "$tmp/b.csv" | sed -n 3p)" 2.4510e-5 0.003
check_rel "spectrum 2: R_bulk still given (truth 3000)" "$(col R_bulk_Ohm "$tmp/b.csv" | sed -n 2p)" 3000 0.01
check_rel "spectrum 2: R_gb still given (truth 2000)" "$(col R_gb_Ohm "$tmp/b.csv" | sed -n 2p)" 2000 0.01
"$EISFIT" series -c "p(R1,CPE1)-p(R2,CPE2)-CPE3" --cell blocking --thickness 0.05cm --area 1cm2 \
  --by index -f json "$tmp/b1.csv" "$tmp/b2.csv" "$tmp/b3.csv" > "$tmp/b.json" 2> /dev/null
if python3 - "$tmp/b.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["spectra"]
m = s[2]["merged"]
p = {q["name"]: q for q in s[2]["parameters"]}
ok = (m and m["parameters"] == ["R1", "R2"] and abs(m["R_sum"] - 2040) < 6
      and 0 < m["R_sum_stderr"] < 5 and p["R1"]["stderr"] is None
      and p["R2"].get("split_not_determined") and s[2]["R_bulk"] is None
      and s[0]["merged"] is None and s[0]["parameters"][0]["stderr"] is not None)
print(m, p["R1"])
sys.exit(0 if ok else 1)
PY
then ok "JSON: spectrum 3 merged R1+R2 with its sum's error, the split's errors null"
else bad "JSON merged of spectrum 3"; fi

# The same rule for a single fit (H3): eisfit FILE of spectrum 1 (apexes within a factor 1.5)
# says the arcs merge, marks R1 and R2 "(in sum: ...)" and writes JSON merged with the sum
# (truth 640 Ohm); spectrum 2 (ratio 50) has none. Before, a single fit said nothing of it
# (only "R not determined by the data"), while the series said "in sum".
"$EISFIT" -c "R0-p(R1,CPE1)-p(R2,CPE2)" --cell li-symmetric --no-kk "$tmp/c1.csv" > "$tmp/one.txt" 2>&1
grep -q "caution: merged: R1 and R2 have time constants within a factor 1.5" "$tmp/one.txt" \
  && [ "$(grep -c '(in sum: 640\.[0-9]* +- ' "$tmp/one.txt")" -eq 2 ] \
  && ok "single fit, spectrum 1: merged, R1 and R2 (in sum: 640...)" \
  || { bad "single fit, spectrum 1:"; cat "$tmp/one.txt"; }
"$EISFIT" -c "R0-p(R1,CPE1)-p(R2,CPE2)" --cell li-symmetric --no-kk -f json "$tmp/c1.csv" > "$tmp/one.json" 2> /dev/null
check "single fit JSON merged R_sum (truth 640)" \
  "$(grep -o '"merged": {"parameters": \["R1", "R2"\], "R_sum": [0-9.]*' "$tmp/one.json" | sed 's/.*: //')" 640 6.4
"$EISFIT" -c "R0-p(R1,CPE1)-p(R2,CPE2)" --cell li-symmetric --no-kk -f json "$tmp/c2.csv" > "$tmp/two.json" 2> /dev/null
grep -q '"merged": null' "$tmp/two.json" && ! grep -q "caution.*merged:" "$tmp/two.json" \
  && ok "single fit, spectrum 2 (ratio 50): not merged" || bad "single fit, spectrum 2 merged"
exit $fail
