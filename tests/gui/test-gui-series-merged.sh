#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series table with close arcs (issue 13): two interface arcs whose apexes lie
# within a factor 3 (SEI and charge transfer, tau ratio 1.5) merge into one arc, so a spectrum
# measures their sum and not the split. eisfit series prints the split "(in sum)" with no error
# and the sum with its error (CSV merged, R_merged_Ohm); the GUI's table gave the split values
# with errors. Truth (Li|Li, R0 150 Ohm, n 0.9): spectrum 1 R1 400 Ohm at tau 1.6e-4 s and
# R2 240 Ohm at tau 2.4e-4 s (sum 640); spectrum 2 R2 800 Ohm at tau 8e-3 s (not merged).
# Checks: spectrum 1's R1 and R2 cells say "(in sum)" with no "±", spectrum 2's have errors;
# the "Merged arcs" column gives R1+R2 = the CLI's R_merged_Ohm ± R_merged_stderr_Ohm (5
# digits, the truth 640 within 1 %); the table's CSV export equals eisfit series --format csv.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup series-merged
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 not found"; exit 77; fi

q () { awk -v R="$1" -v tau="$2" 'BEGIN { n = 0.9; C = tau / R; printf "%.6g", C ^ n * R ^ (n - 1) }'; }
c="R0-p(R1,CPE1)-p(R2,CPE2)"
"$gen" spectrum "$c" "150,400,$(q 400 1.6e-4),0.9,240,$(q 240 2.4e-4),0.9" \
  0.1 1e6 10 0.002 5 > "$tmp/c1.csv"
"$gen" spectrum "$c" "150,400,$(q 400 1.6e-4),0.9,800,$(q 800 8e-3),0.9" \
  0.1 1e6 10 0.002 6 > "$tmp/c2.csv"
"$cli" series -c "$c" --cell li-symmetric --by index -f csv -o "$tmp/cli.csv" \
  "$tmp/c1.csv" "$tmp/c2.csv" 2>"$tmp/cli.err" || { echo "FAIL: eisfit series: $(cat "$tmp/cli.err")"; exit 1; }

cat > "$tmp/script" <<EOF
open $tmp/c1.csv $tmp/c2.csv
cell li-symmetric
series-fit all index $c
print series
series-csv $tmp/gui.csv
quit
EOF
run_gui --test-script "$tmp/script" >"$tmp/out" 2>"$tmp/err" \
  || failed "--test-script exited with $?: $(cat "$tmp/err")"

python3 - "$tmp/out" "$tmp/cli.csv" <<'PY' || fail=1
import csv, sys
out = open(sys.argv[1]).read().splitlines()
cli = list(csv.DictReader(open(sys.argv[2])))
cols = [l for l in out if l.startswith("columns: ")]
rows = [l for l in out if l.startswith("row: ")]
bad = []
if not cols or len(rows) != 2:
    sys.exit("FAIL: no table: %s" % "\n".join(out[:20]))
titles = cols[0][len("columns: "):].split(" | ")
cells = [r[len("row: "):].split(" | ") for r in rows]
def cell(j, title):
    return cells[j][titles.index(title)] if title in titles else None
for name in ("R1", "R2"):
    v = cell(0, name + " / Ω")
    if v is None or "(in sum)" not in v or "±" in v:
        bad.append("spectrum 1 %s: %r (want the split marked (in sum), no error)" % (name, v))
    w = cell(1, name + " / Ω")
    if w is None or "±" not in w or "in sum" in w:
        bad.append("spectrum 2 %s: %r (want a value with its error)" % (name, w))
m = cell(0, "Merged arcs: sum / Ω")
want = "R1+R2 = %.5g ± %.2g" % (float(cli[0]["R_merged_Ohm"]), float(cli[0]["R_merged_stderr_Ohm"]))
if m != want:
    bad.append("spectrum 1 merged: %r, eisfit series gives %r" % (m, want))
elif abs(float(cli[0]["R_merged_Ohm"]) - 640) > 6.4:
    bad.append("R_merged %s, truth 640" % cli[0]["R_merged_Ohm"])
if cell(1, "Merged arcs: sum / Ω") != "–":
    bad.append("spectrum 2 merged: %r (tau ratio 50, want –)" % cell(1, "Merged arcs: sum / Ω"))
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: the table marks the split (in sum) and gives the sum %s" % m)
sys.exit(1 if bad else 0)
PY
cut -d, -f2- "$tmp/gui.csv" > "$tmp/a.csv" 2>/dev/null
cut -d, -f2- "$tmp/cli.csv" > "$tmp/b.csv"
if [ -s "$tmp/a.csv" ] && cmp -s "$tmp/a.csv" "$tmp/b.csv"; then
  echo "ok: the table's CSV equals eisfit series --format csv (merged, R_merged_Ohm)"
else
  failed "the exported CSV differs from eisfit series --format csv:"; diff "$tmp/a.csv" "$tmp/b.csv" | head -5
fi
exit $fail
