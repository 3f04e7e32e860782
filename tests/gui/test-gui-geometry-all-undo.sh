#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# "Apply to all files" (the side panel's Geometry) is one undo step and carries the cell type
# (issue 13): it gave every file the geometry but not the shown file's cell type, and Ctrl+Z
# did not take it back. pellet-m20C.csv (0.6 mm, 10 mm, blocking), pellet-0C.csv (no geometry,
# no cell type) and li-before.csv (Li|Li, area 1.13 cm2), all fitted:
#  1. Apply to all files from pellet-m20C.csv: every file has 0.6mm/10mm and is blocking; the
#     sigma_total --print-results' JSON gives pellet-0C.csv and li-before.csv equals eisfit's
#     with --cell blocking --thickness 0.6mm --diameter 10mm (relative 1e-9);
#  2. Ctrl+Z: each file's own geometry and cell type are back (li-before.csv Li|Li with its
#     area, pellet-0C.csv none), and so are their conductivities (pellet-0C.csv no sigma);
#  3. Ctrl+Shift+Z applies it again.
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup geometry-all-undo
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 not found"; exit 77; fi

cat > "$tmp/script" <<EOF
open $S/pellet-m20C.csv $S/pellet-0C.csv $S/li-before.csv
cell 2 li-symmetric "" "" 1.13cm2
select 0
geometry 0.6mm 10mm ""
cell 0 blocking
fit-all
print-cells
geometry-all
print-cells
print json
undo
print-cells
print json
redo
print-cells
quit
EOF
run_gui --test-script "$tmp/script" > "$tmp/out" 2> "$tmp/err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/err")"
cells () { grep '^cell ' "$tmp/out" | sed -n "$1p" | sed 's/; #1 .*//'; }
before="cell 0: pellet-m20C.csv: Pellet between blocking electrodes; thickness 0.6mm, diameter 10mm, area ; leads none
cell 1: pellet-0C.csv: Not said; thickness , diameter , area ; leads none
cell 2: li-before.csv: Li|electrolyte|Li (symmetric lithium cell); thickness , diameter , area 1.13cm2; leads none"
applied="cell 0: pellet-m20C.csv: Pellet between blocking electrodes; thickness 0.6mm, diameter 10mm, area ; leads none
cell 1: pellet-0C.csv: Pellet between blocking electrodes; thickness 0.6mm, diameter 10mm, area ; leads none
cell 2: li-before.csv: Pellet between blocking electrodes; thickness 0.6mm, diameter 10mm, area ; leads none"
check_block () { # FIRST WANT WHAT
  got=$(for i in $1 $(($1 + 1)) $(($1 + 2)); do cells $i; done)
  if [ "$got" = "$2" ]; then echo "ok: $3"; else failed "$3:"; printf '%s\n--- want\n%s\n' "$got" "$2"; fi
}
check_block 1 "$before" "the files' own geometry and cell type before"
check_block 4 "$applied" "Apply to all files gives every file the geometry and the cell type"
check_block 7 "$before" "Ctrl+Z puts each file's own geometry and cell type back"
check_block 10 "$applied" "Ctrl+Shift+Z applies it again"

# the JSON of "print json" (twice: applied, undone) against eisfit's
awk '/^\{/ { n++; on = 1; f = sprintf("'"$tmp"'/j%d.json", n) } on { print > f } /^\}/ { on = 0 }' "$tmp/out"
for f in pellet-0C li-before; do
  "$cli" -q -f json --cell blocking --thickness 0.6mm --diameter 10mm "$S/$f.csv" > "$tmp/cli-$f.json" 2>/dev/null \
    || failed "eisfit on $f.csv"
done
python3 - "$tmp" <<'PY' || fail=1
import json, os, sys
t = sys.argv[1]
def spectra(n):
    txt = open(os.path.join(t, "j%d.json" % n)).read()
    return {os.path.basename(s["file"]): s for s in json.loads(txt)["spectra"]}
bad = []
app, und = spectra(1), spectra(2)
for f in ("pellet-0C", "li-before"):
    c = json.load(open(os.path.join(t, "cli-%s.json" % f)))
    c = c[0] if isinstance(c, list) else c
    want = c["conductivity"]["total"]
    got = app[f + ".csv"].get("conductivity", {}).get("sigma_total_S_cm")
    if got is None or abs(got - want) > 1e-9 * abs(want):
        bad.append("%s applied: sigma_total %r, eisfit --cell blocking gives %r" % (f, got, want))
    else:
        print("ok: %s after Apply to all files: sigma_total %.6g as eisfit's" % (f, got))
g = und["pellet-0C.csv"].get("conductivity", {}).get("sigma_total_S_cm")
if g is not None:
    bad.append("pellet-0C undone: sigma_total %r (no geometry: want none)" % g)
else:
    print("ok: pellet-0C after Ctrl+Z: no sigma (its own, empty geometry)")
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
exit $fail
