#!/bin/sh
# The ASR per interface of a Li|electrolyte|Li cell, R_interface A / 2, needs only the electrode
# area: eisfit gives it (and R_interface_total) with --area or --diameter alone, in text, CSV,
# JSON and in eisfit series; sigma still needs the thickness too, and --thickness alone is
# still refused.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON and CSV)"; exit 77
fi
check () { check_rel "$@"; }
is () { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: '$2', expected '$3'"; fail=1; fi; }
csvcol () { python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[int(sys.argv[3])][sys.argv[2]])" "$1" "$2" "${3:-0}"; }
jget () { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print('null' if v is None else v)" "$1" "$2"; }
c='R0-p(R1,CPE1)-CPE2'
li=$s/li-before.csv

# --- eisfit with --area alone: ASR = R1 A / 2, no sigma ---
"$EISFIT" -q -f csv --cell li-symmetric --area 0.785cm2 -c "$c" "$li" > "$tmp/a.csv" \
  || { echo "FAIL: --area alone refused (exit $?)"; exit 1; }
r1=$(csvcol "$tmp/a.csv" R1); se=$(csvcol "$tmp/a.csv" R1_stderr)
check "Li|Li R1 (sample: 353 Ohm interface)" "$r1" 353 0.05
check "CSV R_interface_total = R1" "$(csvcol "$tmp/a.csv" R_interface_total_Ohm)" "$r1" 1e-9
check "CSV ASR = R1 A / 2 with --area alone" "$(csvcol "$tmp/a.csv" ASR_per_interface_Ohm_cm2)" \
  "$(awk -v r="$r1" 'BEGIN { printf "%.12g", r * 0.785 / 2 }')" 1e-9
check "CSV ASR stderr = se(R1) A / 2" "$(csvcol "$tmp/a.csv" ASR_per_interface_stderr_Ohm_cm2)" \
  "$(awk -v r="$se" 'BEGIN { printf "%.12g", r * 0.785 / 2 }')" 1e-6
is "CSV: no sigma without the thickness" "$(csvcol "$tmp/a.csv" sigma_bulk_S_cm)" ""
is "CSV: the area given" "$(csvcol "$tmp/a.csv" area_cm2)" "0.785"
is "CSV: no thickness" "$(csvcol "$tmp/a.csv" thickness_cm)" ""

# --diameter alone: A = pi d^2 / 4, in JSON
"$EISFIT" -q -f json --cell li-symmetric --diameter 10mm -c "$c" "$li" > "$tmp/d.json" \
  || { echo "FAIL: --diameter alone refused (exit $?)"; exit 1; }
check "JSON ASR with --diameter alone" "$(jget "$tmp/d.json" "d[0]['ASR_per_interface_ohm_cm2']")" \
  "$(awk -v r="$r1" 'BEGIN { printf "%.12g", r * 3.14159265358979 / 4 / 2 }')" 1e-9
check "JSON R_interface_total" "$(jget "$tmp/d.json" "d[0]['R_interface_total']")" "$r1" 1e-9
check "JSON geometry area" "$(jget "$tmp/d.json" "d[0]['geometry']['area_cm2']")" 0.7853981634 1e-9
is "JSON geometry: no thickness" "$(jget "$tmp/d.json" "d[0]['geometry']['thickness_cm']")" null
is "JSON: no sigma" "$(jget "$tmp/d.json" "d[0]['conductivity'].get('bulk')")" null

# text: the ASR line, and why there is no sigma
"$EISFIT" -q --cell li-symmetric --area 0.785cm2 -c "$c" "$li" > "$tmp/a.txt"
if grep -q "^  ASR          1\.38[0-9]*e+02 +- " "$tmp/a.txt" && grep -qF "sigma needs the thickness too" "$tmp/a.txt"
then echo "ok: text: ASR and why no sigma"; else echo "FAIL: text:"; cat "$tmp/a.txt"; fail=1; fi

# with the thickness too: the same ASR, and sigma
"$EISFIT" -q -f csv --cell li-symmetric --area 0.785cm2 --thickness 0.5mm -c "$c" "$li" > "$tmp/b.csv"
check "ASR the same with the thickness" "$(csvcol "$tmp/b.csv" ASR_per_interface_Ohm_cm2)" \
  "$(csvcol "$tmp/a.csv" ASR_per_interface_Ohm_cm2)" 1e-12
check "sigma_total = L/(R0 A) with both (no arc beyond the intercept R0)" "$(csvcol "$tmp/b.csv" sigma_total_S_cm)" \
  "$(awk -v r="$(csvcol "$tmp/b.csv" R0)" 'BEGIN { printf "%.12g", 0.05 / (r * 0.785) }')" 1e-9

# --thickness alone: still refused (sigma needs the area; nothing else uses the thickness)
"$EISFIT" -q --thickness 0.5mm "$li" > /dev/null 2> "$tmp/err"
is "--thickness alone: usage error" "$?" 1

# --- eisfit series with --area alone: per-spectrum ASR in CSV and JSON ---
"$EISFIT" series -q --by index -f csv --cell li-symmetric --area 0.785cm2 -c "$c" "$li" "$s/li-after.csv" \
  > "$tmp/s.csv" || { echo "FAIL: series with --area alone (exit $?)"; fail=1; }
for row in 0 1; do
  r=$(csvcol "$tmp/s.csv" R1 $row)
  check "series row $((row + 1)) ASR = R1 A / 2" "$(csvcol "$tmp/s.csv" ASR_per_interface_Ohm_cm2 $row)" \
    "$(awk -v r="$r" 'BEGIN { printf "%.12g", r * 0.785 / 2 }')" 1e-9
  check "series row $((row + 1)) R_interface_total" "$(csvcol "$tmp/s.csv" R_interface_total_Ohm $row)" "$r" 1e-9
done
"$EISFIT" series -q --by index -f json --cell li-symmetric --area 0.785cm2 -c "$c" "$li" > "$tmp/s.json" \
  || { echo "FAIL: series JSON with --area alone (exit $?)"; fail=1; }
check "series JSON ASR" "$(jget "$tmp/s.json" "d['spectra'][0]['ASR_per_interface_ohm_cm2']")" \
  "$(awk -v r="$r1" 'BEGIN { printf "%.12g", r * 0.785 / 2 }')" 1e-6
exit $fail
