#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Export Results as CSV (issue 13) says whether each fit is trusted and its cautions, as
# eisfit --format csv does: the columns trusted, bulk_gb_separated and cautions equal eisfit's
# for the same files and cell types (text for text). Data by eisfit-gen with known truth:
#  - narrow.csv: R0-p(R1,CPE1)-p(R2,CPE2) measured only from 20 to 100 kHz (0.7 decades): bulk
#    and grain boundary not separated ("no") and a caution that the range is too narrow;
#  - amb.csv, a Li|Li cell (--cell li-symmetric) whose SEI arc has C_eff 5e-9 F: trusted, with
#    the role_ambiguous caution;
#  - the pellet sample at 25 degC: trusted, separated, and (no geometry) the caution that its
#    grain-boundary arc could be a surface layer.
# Skips (77) without xvfb-run or python3 (which reads the CSV).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup results-trust

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the CSV)"
  exit 77
fi

"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,150,2.048632e-08,0.9,300,4.308314e-05,0.85 \
  2e4 1e5 10 0.003 3 > "$tmp/narrow.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,150,2.048632e-08,0.9,300,4.308314e-05,0.85 \
  0.1 1e6 10 0.003 11 > "$tmp/amb.csv"
cp "$S/pellet-25C.csv" "$tmp/pellet-25C.csv"

for run in plain li; do
  if [ $run = li ]; then files=$tmp/amb.csv; cell="--cell li-symmetric"; step="cell li-symmetric"
  else files="$tmp/narrow.csv $tmp/pellet-25C.csv"; cell=""; step="# no cell type"; fi
  cat > "$tmp/$run.script" <<EOS
open $files
$step
select all
fit-all
export-csv $tmp/$run-gui.csv
quit
EOS
  run_gui --test-script "$tmp/$run.script" > "$tmp/$run.out" 2> "$tmp/$run.err" \
    || failed "$run: --test-script: $(cat "$tmp/$run.err")"
  # shellcheck disable=SC2086
  "$cli" $cell --no-kk -f csv $files > "$tmp/$run-cli.csv" 2> /dev/null \
    || failed "$run: eisfit -f csv failed"
done

python3 - "$tmp" <<'PY' || failed "results CSV"
import csv, os, sys
tmp = sys.argv[1]
bad = []
def rows(name):
    p = os.path.join(tmp, name)
    if not os.path.exists(p):
        bad.append("%s: not written" % name)
        return {}
    return {os.path.basename(r["file"]): r for r in csv.DictReader(open(p))}
for run in ("plain", "li"):
    g, c = rows(run + "-gui.csv"), rows(run + "-cli.csv")
    if set(g) != set(c):
        bad.append("%s: files %s, eisfit %s" % (run, sorted(g), sorted(c)))
    for f in sorted(c):
        for k in ("trusted", "bulk_gb_separated", "cautions"):
            gv = g.get(f, {}).get(k)
            if gv != c[f][k]:
                bad.append("%s %s: %s = %r, eisfit %r" % (run, f, k, gv, c[f][k]))
        print("%s: trusted %s, separated %s, cautions %.90s" % (f, g.get(f, {}).get("trusted"),
              g.get(f, {}).get("bulk_gb_separated"), g.get(f, {}).get("cautions")))
# the known truth behind the comparison
g = rows("plain-gui.csv")
n = g.get("narrow.csv", {})
if n.get("bulk_gb_separated") != "no" or "decades" not in n.get("cautions", ""):
    bad.append("narrow.csv: not 'no' with the narrow-range caution: %r" % n)
p = g.get("pellet-25C.csv", {})
# without a geometry its grain-boundary arc (C_eff 5e-9 F) could be a surface layer: trusted,
# with both readings (role_ambiguous, "no geometry"), as eisfit says since the new-user F12
if p.get("trusted") != "yes" or not p.get("cautions", "").startswith("role_ambiguous: no geometry"):
    bad.append("pellet-25C.csv: not trusted with the no-geometry role caution: %r" % p.get("cautions"))
a = rows("li-gui.csv").get("amb.csv", {})
if a.get("trusted") != "yes" or "role_ambiguous:" not in a.get("cautions", ""):
    bad.append("amb.csv: no role_ambiguous caution: %r" % a.get("cautions"))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
exit $fail
