#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Export Results as CSV and the Arrhenius tab's placeholder (issue 13), driven by --test-script
# on the six pellet samples:
#  1. The activation energies do not follow the selection: with two of six spectra selected
#     when exporting, every pellet row has the Ea of one fit of all six (total and bulk equal
#     eisfit arrhenius's sigma-form fits within 1e-6) and Ea_set says which spectra; a Li|Li
#     file opened afterwards (no temperature) has no Ea and says why.
#  2. That Li|Li file inherited the pellets' geometry: its row gives sigma with the side
#     panel's warning ("as typed for pellet-m20C.csv: check that it is this cell's") in
#     geometry_note; the pellets' rows, whose geometry was typed for them, have none.
#  3. A file at 25 degC with its own geometry (another cell) among them: no Ea on any row, and
#     Ea_set says the spectra are of more than one cell.
#  4. Six fitted pellets with a temperature, one of them with a geometry: the Arrhenius tab's
#     placeholder names the geometry as what is missing ("with a geometry: 1").
# Skips (77) without xvfb-run or python3 (which reads the CSV).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup results-csv

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the CSV)"
  exit 77
fi

pellets="$S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv"
pellets="$pellets $S/pellet-40C.csv $S/pellet-60C.csv $S/pellet-80C.csv"
cp "$S/li-before.csv" "$tmp/other-25C.csv"

cat >"$tmp/script" <<EOS
open $pellets
select all
geometry 0.6mm 10mm ""
fit-all
select 0 1
export-csv $tmp/two.csv
open $S/li-before.csv
fit
export-csv $tmp/li.csv
open $tmp/other-25C.csv
geometry 1.2mm 8mm ""
fit
export-csv $tmp/mixed.csv
quit
EOS
run_gui --test-script "$tmp/script" >"$tmp/out.txt" 2>"$tmp/err.txt" \
  || failed "--test-script: $(cat "$tmp/err.txt")"
# shellcheck disable=SC2086
"$cli" arrhenius --format csv --thickness 0.6mm --diameter 10mm $pellets >"$tmp/cli.csv" 2>"$tmp/cli.err" \
  || failed "eisfit arrhenius: $(cat "$tmp/cli.err")"

python3 - "$tmp" <<'PY' || failed "results CSV"
import csv, os, sys
tmp = sys.argv[1]
bad = []
def rows(name):
    return list(csv.DictReader(open(os.path.join(tmp, name))))
# eisfit arrhenius's sigma-form Ea of total and bulk
ea = {}
for line in open(os.path.join(tmp, "cli.csv")):
    f = line.strip().split(",")
    if len(f) > 3 and f[1] == "sigma":
        ea["sigma_" + f[0]] = float(f[2])
if "sigma_total" not in ea or "sigma_bulk" not in ea:
    sys.exit("eisfit arrhenius gave no Ea: %r" % ea)
def near(a, b):
    return abs(a - b) <= 1e-6 * abs(b)
for name in ("two.csv", "li.csv"):
    for r in rows(name):
        base = os.path.basename(r["file"])
        if base.startswith("pellet"):
            if not (r["Ea_total_eV"] and near(float(r["Ea_total_eV"]), ea["sigma_total"])
                    and r["Ea_bulk_eV"] and near(float(r["Ea_bulk_eV"]), ea["sigma_bulk"])):
                bad.append("%s %s: Ea %r %r, eisfit arrhenius %r" % (name, base, r["Ea_total_eV"],
                           r["Ea_bulk_eV"], ea))
            if "6 exported spectra" not in r["Ea_set"]:
                bad.append("%s %s: Ea_set %r" % (name, base, r["Ea_set"]))
            if r["geometry_note"]:
                bad.append("%s %s: a geometry typed for it has a note %r" % (name, base, r["geometry_note"]))
        else:
            if r["Ea_total_eV"] or r["Ea_set"] != "not in the Arrhenius fit: no temperature":
                bad.append("%s %s: Ea %r, Ea_set %r" % (name, base, r["Ea_total_eV"], r["Ea_set"]))
            if r["geometry_note"] != "as typed for pellet-m20C.csv: check that it is this cell's" \
               or not r["sigma_total_S_cm"]:
                bad.append("%s %s: sigma %r with geometry_note %r" % (name, base,
                           r["sigma_total_S_cm"], r["geometry_note"]))
mixed = rows("mixed.csv")
if len(mixed) != 8:
    bad.append("mixed.csv: %d rows" % len(mixed))
for r in mixed:
    if r["Ea_total_eV"] or "more than one cell" not in r["Ea_set"]:
        bad.append("mixed %s: Ea %r, Ea_set %r" % (os.path.basename(r["file"]), r["Ea_total_eV"], r["Ea_set"]))
if bad:
    sys.exit("\n".join(bad[:10]))
print("Ea of all six pellets on every pellet row (selection: two); Li|Li: no Ea, geometry warned; two cells: no Ea")
PY

# 4. The placeholder names the missing geometry (fresh settings: the geometry last typed above
#    would be every file's "from the last session").
XDG_CONFIG_HOME=$tmp/config2; export XDG_CONFIG_HOME
cat >"$tmp/ph.script" <<EOS
open $pellets
select 0
geometry 0.6mm 10mm ""
fit-all
select all
page arrhenius
print placeholders
quit
EOS
run_gui --test-script "$tmp/ph.script" >"$tmp/ph.txt" 2>"$tmp/ph.err" \
  || failed "--test-script (placeholder): $(cat "$tmp/ph.err")"
grep "^arrhenius: " "$tmp/ph.txt" | grep -F "fitted: 6, with a temperature: 6, with a geometry: 1)" \
  | grep -qF "Type the thickness and diameter" \
  || failed "Arrhenius placeholder: $(grep '^arrhenius: ' "$tmp/ph.txt")"

[ "$fail" -eq 0 ] && echo "PASS: results CSV and Arrhenius placeholder"
exit "$fail"
