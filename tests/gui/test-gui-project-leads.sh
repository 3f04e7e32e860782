#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A project's leads= in eisfit-gtk (issue 13): eisfit reads a lead resistance measured apart per
# [file] (tests/cli/test-project-leads.sh); eisfit-gtk ignored it when opening the project, so
# its sigma had the leads folded in. A quasi-solid electrolyte with no bulk arc in range,
# R0 = 100 Ohm of electrolyte + 5 Ohm of leads, a blocking spike CPE1; L 0.05 cm, A 1 cm2:
# sigma truth 5.000e-4 S/cm (4.762e-4 with the leads folded in).
#  1. --fit-all --print-results on the project gives eisfit --project --refit's sigma_total and
#     its error (relative 1e-9), the truth within 0.3 %.
#  2. The side panel shows the leads; print-cells gives leads 5ohm+-0.1ohm.
#  3. Saved again, the project keeps leads=5ohm+-0.1ohm; a lead resistance set in the window
#     (the File Properties' Leads, "leads N VALUE") is saved, and a bad one is refused.
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup project-leads
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 not found"; exit 77; fi

gui_tmp=$tmp EISFIT=${EISFIT:-$cli}
. "$top_srcdir/tests/cli/lib.sh"   # leads_project, in this $tmp
leads_project                      # $tmp/q.csv and $tmp/p.eisfit, as eisfit's test
[project]
format=eisfit-project 1

[file 1]
path=q.csv
size=$(wc -c < "$tmp/q.csv" | tr -d ' ')
sha256=$(sha256sum "$tmp/q.csv" | cut -d' ' -f1)
thickness=0.05cm
area=1cm2
cell=blocking
leads=5ohm+-0.1ohm

[spectrum 1]
file=1
number=1
circuit=R0-CPE1
END
"$cli" --project "$tmp/p.eisfit" --refit -q -f json > "$tmp/cli.json" 2> "$tmp/cli.err" \
  || failed "eisfit --project: $(cat "$tmp/cli.err")"
run_gui --fit-all --print-results "$tmp/p.eisfit" > "$tmp/gui.json" 2> "$tmp/gui.err" \
  || failed "eisfit-gtk --print-results: $(grep -v 'session bus' "$tmp/gui.err")"
python3 - "$tmp/gui.json" "$tmp/cli.json" <<'PY' || fail=1
import json, sys
gui = json.load(open(sys.argv[1]))["spectra"][0]["conductivity"]
d = json.load(open(sys.argv[2]))
d = d[0] if isinstance(d, list) else d
d = d.get("refit", d)
cli = d["conductivity"]
bad = []
for g, c in (("sigma_total_S_cm", "total"), ("sigma_total_stderr_S_cm", "total_stderr")):
    a, b = gui.get(g), cli.get(c)
    if a is None or b is None or abs(a - b) > 1e-9 * abs(b):
        bad.append("%s %r, eisfit --project gives %r" % (g, a, b))
s = gui.get("sigma_total_S_cm") or 0
if abs(s - 5.000e-4) > 0.003 * 5.000e-4:
    bad.append("sigma_total %r, truth 5.000e-4 (4.762e-4: the leads not subtracted)" % s)
for b in bad:
    print("FAIL: " + b)
if not bad:
    print("ok: --print-results gives eisfit --project's sigma_total %.6g +- %.3g" % (s, gui["sigma_total_stderr_S_cm"]))
sys.exit(1 if bad else 0)
PY

cat > "$tmp/script" <<EOF
open-project $tmp/p.eisfit
select 0
fit
print geometry
print-cells
save-project $tmp/p2.eisfit
leads 0 abc
leads 0 0.8ohm
print-cells
save-project $tmp/p3.eisfit
quit
EOF
run_gui --test-script "$tmp/script" > "$tmp/out" 2> "$tmp/err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/err")"
grep -q "leads 5 Ω subtracted" "$tmp/out" && echo "ok: the panel shows the leads subtracted" \
  || failed "the panel does not show the leads: $(grep -A2 '^Geometry' "$tmp/out")"
[ "$(grep -c '^cell 0: .*; leads 5ohm+-0.1ohm;' "$tmp/out")" -eq 1 ] \
  && grep -q '^cell 0: .*; leads 0.8ohm;' "$tmp/out" \
  && echo "ok: print-cells shows the leads read and the leads set" \
  || failed "print-cells: $(grep '^cell' "$tmp/out")"
grep -q '^leads: leads "abc": expected a lead resistance' "$tmp/out" \
  && echo "ok: leads abc refused" || failed "leads abc: $(grep '^leads' "$tmp/out")"
grep -qx 'leads=5ohm+-0.1ohm' "$tmp/p2.eisfit" && echo "ok: saved again with leads=" \
  || failed "the project saved again lost leads=: $(grep -n 'leads\|^\[' "$tmp/p2.eisfit")"
grep -qx 'leads=0.8ohm' "$tmp/p3.eisfit" && echo "ok: the leads set in the window are saved" \
  || failed "leads set in the window not saved: $(grep -n 'leads' "$tmp/p3.eisfit")"
exit $fail
