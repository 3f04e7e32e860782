#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A project's leads= (a lead resistance measured apart, per [file], as --leads): a quasi-solid
# electrolyte with no bulk arc in range, R0 = 100 Ohm of electrolyte + 5 Ohm of leads, a
# blocking spike CPE1 (1e-6 F s^(n-1), n 0.9); L 0.05 cm, A 1 cm2: sigma truth 5.000e-4 S/cm
# (4.762e-4 with the leads folded in). leads=5ohm+-0.1ohm gives what --leads gives, within
# 1e-9; a bad value is refused naming its line (exit 2); leads= without the geometry is
# refused; --leads beside --project is refused (the project says it).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
leads_project   # $tmp/q.csv and $tmp/p.eisfit (lib.sh)
[project]
format=eisfit-project 1

[file 1]
path=q.csv
size=$(size "$tmp/q.csv")
sha256=$(sha "$tmp/q.csv")
thickness=0.05cm
area=1cm2
cell=blocking
leads=5ohm+-0.1ohm

[spectrum 1]
file=1
number=1
circuit=R0-CPE1
END
"$EISFIT" --project "$tmp/p.eisfit" --refit -q -f json > "$tmp/p.json" 2> "$tmp/p.err"
rc=$?
[ $rc -eq 0 ] && ok "the project with leads= is read" || bad "exit $rc: $(cat "$tmp/p.err")"
"$EISFIT" -c R0-CPE1 --cell blocking --thickness 0.05cm --area 1cm2 --leads 5ohm+-0.1ohm -q \
  -f json "$tmp/q.csv" > "$tmp/c.json" 2> /dev/null
sig () { python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d = d[0] if isinstance(d, list) else d
d = d.get("refit", d) if isinstance(d, dict) else d
print(d["conductivity"]["total"], d["conductivity"]["total_stderr"])' "$1" 2> /dev/null; }
set -- $(sig "$tmp/p.json") x x
ps=$1 pse=$2
set -- $(sig "$tmp/c.json") x x
check_rel "project leads=: sigma_total (truth 5.000e-4)" "$ps" 5.000e-4 0.003
check_rel "project leads= gives --leads's sigma_total" "$ps" "$1" 1e-9
check_rel "project leads= gives --leads's error" "$pse" "$2" 1e-9
sed 's/^leads=.*/leads=abc/' "$tmp/p.eisfit" > "$tmp/bad.eisfit"
"$EISFIT" --project "$tmp/bad.eisfit" -q > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qF "bad.eisfit:11: leads=abc: expected a lead resistance" "$tmp/err"
then ok "leads=abc refused naming line 11"; else bad "leads=abc: exit $rc: $(cat "$tmp/err")"; fi
sed 's/^leads=.*/leads=-5ohm/' "$tmp/p.eisfit" > "$tmp/bad.eisfit"
"$EISFIT" --project "$tmp/bad.eisfit" -q > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qF "bad.eisfit:11: leads=-5ohm" "$tmp/err"
then ok "leads=-5ohm refused"; else bad "leads=-5ohm: exit $rc: $(cat "$tmp/err")"; fi
grep -v '^thickness=\|^area=' "$tmp/p.eisfit" > "$tmp/nog.eisfit"
"$EISFIT" --project "$tmp/nog.eisfit" --refit -q > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -ne 0 ] && grep -qF "nog.eisfit:9: leads=5ohm+-0.1ohm corrects R_bulk and sigma" "$tmp/err"
then ok "leads= without the geometry refused"; else bad "leads= without geometry: exit $rc: $(cat "$tmp/err")"; fi
"$EISFIT" --project "$tmp/p.eisfit" --leads 1ohm -q > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -qF -- "--leads (the project's leads=" "$tmp/err"
then ok "--leads beside --project refused"; else bad "--leads beside --project: exit $rc: $(cat "$tmp/err")"; fi
exit $fail
