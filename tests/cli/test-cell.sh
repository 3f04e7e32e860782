#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --cell: what the cell type makes of the low-frequency arcs, against synthetic spectra with
# known truth. A Li|electrolyte|Li cell R0-p(R1,CPE1)-CPE2 (R0 = 48.73 Ohm, R1 = 412.3 Ohm for
# both interfaces, CPE2 a diffusion tail n = 0.62; 0.3 % noise; 12 mm electrodes, A = 1.13097
# cm2): R_interface_total within 1 % of R1 and within 4 standard errors, the ASR per interface
# R1 A / 2 = 233.15 Ohm cm2 within 1 % and equal to R_interface_total A / 2 to 1e-9 in text,
# CSV and JSON; as a blocking cell no interfacial resistance; a capacitive spike (n = 0.93) in a
# Li|Li cell is flagged; a project's cell= is read; bad words are refused.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
close () { # name actual expected relative-tolerance
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = (a - e) / e; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
  then echo "ok: $1 = $2 (expected $3 within $4)"
  else echo "FAIL: $1 = '$2', expected $3 within relative $4"; fail=1
  fi
}
A=1.1309734   # pi (0.6 cm)^2
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "48.73,412.3,2.71e-6,0.87,1.93e-3,0.62" 0.01 1e6 10 0.003 17 \
  > "$tmp/lili.csv" || { echo "FAIL: eisfit-gen"; exit 1; }
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "48.73,412.3,2.71e-6,0.87,1.93e-3,0.93" 0.01 1e6 10 0 3 \
  > "$tmp/spike.csv" || { echo "FAIL: eisfit-gen"; exit 1; }
c='R0-p(R1,CPE1)-CPE2'
geom="--thickness 0.523mm --diameter 12mm"

# JSON: the numbers
# shellcheck disable=SC2086
"$EISFIT" -f json -c "$c" --cell li-symmetric $geom "$tmp/lili.csv" > "$tmp/li.json" \
  || { echo "FAIL: eisfit --cell li-symmetric exit $?"; fail=1; }
jget () { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); r=d['results'][0] if 'results' in d else d[0] if isinstance(d,list) else d; v=r$2; print('null' if v is None else v)" "$1"; }
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON and CSV)"; exit 77
fi
if true; then
  ri=$(jget "$tmp/li.json" "['R_interface_total']")
  rise=$(jget "$tmp/li.json" "['R_interface_total_stderr']")
  asr=$(jget "$tmp/li.json" "['ASR_per_interface_ohm_cm2']")
  cell=$(jget "$tmp/li.json" "['cell']")
  [ "$cell" = li-symmetric ] && echo "ok: JSON cell li-symmetric" || { echo "FAIL: JSON cell '$cell'"; fail=1; }
  close "R_interface_total (truth 412.3 Ohm)" "$ri" 412.3 0.01
  awk -v r="$ri" -v s="$rise" 'BEGIN { d = r - 412.3; if (d < 0) d = -d; exit !(s > 0 && d < 4 * s) }' \
    && echo "ok: R_interface within 4 standard errors ($rise Ohm)" \
    || { echo "FAIL: R_interface $ri +- $rise is not within 4 standard errors of 412.3"; fail=1; }
  close "ASR per interface (truth 233.15 Ohm cm2)" "$asr" 233.15 0.01
  close "ASR = R_interface A / 2" "$asr" "$(awk -v r="$ri" -v a=$A 'BEGIN { printf "%.12g", r * a / 2 }')" 1e-6
fi

# CSV: the same numbers by column name
# shellcheck disable=SC2086
"$EISFIT" -f csv -c "$c" --cell li-symmetric $geom "$tmp/lili.csv" > "$tmp/li.csv" || fail=1
col () { python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[0][sys.argv[2]])" "$1" "$2"; }
close "CSV R_interface_total_Ohm" "$(col "$tmp/li.csv" R_interface_total_Ohm)" 412.3 0.01
close "CSV ASR_per_interface_Ohm_cm2" "$(col "$tmp/li.csv" ASR_per_interface_Ohm_cm2)" 233.15 0.01
[ "$(col "$tmp/li.csv" cell)" = li-symmetric ] && echo "ok: CSV cell" || { echo "FAIL: CSV cell"; fail=1; }

# text: both lines, the diffusion tail named, no spike caution
# shellcheck disable=SC2086
"$EISFIT" -c "$c" --cell li-symmetric $geom "$tmp/lili.csv" > "$tmp/li.txt" || fail=1
t_ri=$(awk '$1 == "R_interface" { print $2 }' "$tmp/li.txt")
t_asr=$(awk '$1 == "ASR" { print $2 }' "$tmp/li.txt")
close "text R_interface" "$t_ri" 412.3 0.01
close "text ASR" "$t_asr" 233.15 0.01
grep -q 'per interface: R_interface A / 2' "$tmp/li.txt" && echo "ok: text says per interface" \
  || { echo "FAIL: text does not say per interface"; fail=1; }
grep -q 'CPE2 .*diffusion tail' "$tmp/li.txt" && echo "ok: CPE2 is the diffusion tail" \
  || { echo "FAIL: CPE2 is not the diffusion tail"; cat "$tmp/li.txt"; fail=1; }
grep -q 'capacitive spike' "$tmp/li.txt" && { echo "FAIL: a spike caution for a diffusion tail"; fail=1; }

# blocking: no interfacial resistance anywhere
# shellcheck disable=SC2086
"$EISFIT" -f csv -c "$c" --cell blocking $geom "$tmp/lili.csv" > "$tmp/b.csv" || fail=1
b_ri=$(col "$tmp/b.csv" R_interface_total_Ohm); b_asr=$(col "$tmp/b.csv" ASR_per_interface_Ohm_cm2)
[ -z "$b_ri" ] && [ -z "$b_asr" ] && echo "ok: blocking: no R_interface, no ASR" \
  || { echo "FAIL: blocking cell: R_interface '$b_ri', ASR '$b_asr'"; fail=1; }
# shellcheck disable=SC2086
"$EISFIT" -c "$c" --cell blocking $geom "$tmp/lili.csv" | grep -q 'cell blocking: no interfacial resistance' \
  && echo "ok: blocking says why" || { echo "FAIL: blocking text"; fail=1; }
# not said: the total, but no ASR per interface (the /2 needs a symmetric cell)
# shellcheck disable=SC2086
"$EISFIT" -f csv -c "$c" $geom "$tmp/lili.csv" > "$tmp/u.csv" || fail=1
close "unspecified: R_interface_total" "$(col "$tmp/u.csv" R_interface_total_Ohm)" 412.3 0.01
[ -z "$(col "$tmp/u.csv" ASR_per_interface_Ohm_cm2)" ] && echo "ok: unspecified: no ASR per interface" \
  || { echo "FAIL: an ASR per interface without the cell type"; fail=1; }

# a capacitive spike in a Li|Li cell: flagged, not the electrode
# shellcheck disable=SC2086
"$EISFIT" -c "$c" --cell li-symmetric $geom "$tmp/spike.csv" > "$tmp/spike.txt" || fail=1
grep -q 'caution: CPE2: a capacitive spike (n = 0.93' "$tmp/spike.txt" && echo "ok: spike flagged" \
  || { echo "FAIL: spike not flagged"; cat "$tmp/spike.txt"; fail=1; }
close "R_interface with a spike" "$(awk '$1 == "R_interface" { print $2 }' "$tmp/spike.txt")" 412.3 1e-4

# bad words
"$EISFIT" --cell Li "$tmp/lili.csv" > /dev/null 2> "$tmp/bad.err"; rc=$?
[ $rc = 1 ] && grep -q -- '--cell: "Li": expected blocking, li-symmetric or liquid' "$tmp/bad.err" \
  && echo "ok: --cell Li refused" || { echo "FAIL: --cell Li: exit $rc, $(cat "$tmp/bad.err")"; fail=1; }

# a project's cell= is what --cell would say; --cell beside --project is refused
size=$(wc -c < "$tmp/lili.csv" | tr -d ' ')
cat > "$tmp/p.eisfit" <<PEOF
[project]
format=eisfit-project 1

[file 1]
path=lili.csv
size=$size
thickness=0.523mm
diameter=12mm
cell=li-symmetric

[spectrum 1]
file=1
number=1
circuit=$c
PEOF
"$EISFIT" -f csv --project "$tmp/p.eisfit" > "$tmp/p.csv" 2> "$tmp/p.err" || { echo "FAIL: --project: $(cat "$tmp/p.err")"; fail=1; }
close "project: ASR per interface" "$(col "$tmp/p.csv" ASR_per_interface_Ohm_cm2)" \
  "$(col "$tmp/li.csv" ASR_per_interface_Ohm_cm2)" 1e-9
"$EISFIT" --cell blocking --project "$tmp/p.eisfit" > /dev/null 2> "$tmp/pc.err"; rc=$?
[ $rc = 1 ] && grep -q 'cell type' "$tmp/pc.err" && echo "ok: --cell with --project refused" \
  || { echo "FAIL: --cell with --project: exit $rc"; fail=1; }
exit $fail
