#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What a project keeps of the Transference tab and of the spectra's labels (issue 13, item 2),
# under Xvfb:
#  1. A spectrum's label ("−20 °C") is saved and shown again in the legend when the project is
#     opened; renaming a spectrum of a saved project marks it as changed (closing asks).
#  2. The Transference tab's Interface arcs (eisfit transference --interface-arcs): on spectra
#     made by eisfit-gen with an arc near 1 nF whose role the capacitance does not decide (the
#     hold made for t+ = 0.70 with R1 and R2 both interfacial), typing R1,R2 gives t+ = 0.70
#     +- 0.06 as the command line does (relative 1e-9), the project keeps it, opening it gives
#     the same t+ (1e-9), and eisfit transference --project gives the same t+ (1e-9) as eisfit
#     transference --interface-arcs R1,R2 with the same files; --print-results says
#     interface_arcs_given (false before the field is typed, true after and when opened again)
#     as eisfit transference -f json does.
#  3. The spectra checked during the hold are saved and checked again when the project opens.
#  4. A spectrum checked during the hold that is noise is refused as before and after spectra
#     are (eisfit-gtk and eisfit transference --during both say why; no t+ from it).
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
D=$top_srcdir/tests/data
gui_setup project-transference
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"
  exit 77
fi

run_script () { # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
  run_gui --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(grep -v 'session bus' "$tmp/$1.err" | tail -3)"
}
# the transference object of the Nth "print json" of a script's output, as one line of JSON
json_doc () { # FILE N
  awk -v n="$2" '/^\{$/ { k++ } k == n { print } k == n && /^\}$/ { exit }' "$1"
}
tplus () { # JSON-FILE: t_plus of its "transference" (the window's JSON) or of the top level
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d = d.get("transference", d) if isinstance(d, dict) else d
print(repr(d["t_plus"]) if d and "t_plus" in d else "none")' "$1" 2>/dev/null || echo none
}
same () { # A B REL
  awk -v a="$1" -v b="$2" -v rel="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
    exit !(a != "none" && b != "none" && a != "" && b != "" && d <= rel * m) }'
}

mkdir "$tmp/data"
d=$tmp/data
"$gen" polarization 0.01 2.439e-5 2.1946e-5 400 3600 5 0.002 5 >"$d/pol.csv" || exit 99
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" 60,150,5e-9,0.9,200,1e-5,0.85,5e-3,0.6 0.1 1e6 10 0.003 3 >"$d/before.csv" || exit 99
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" 60,160,5e-9,0.9,210,1e-5,0.85,5e-3,0.6 0.1 1e6 10 0.003 4 >"$d/after.csv" || exit 99

# --- 1. and 2.: a label and the interface arcs, saved and opened again ---
cat >"$tmp/save.script" <<EOF
open $d/before.csv $d/after.csv $d/pol.csv
label 0 "−20 °C"
page transference
choose 1 2
compute
print json
transference arcs R1,R2
print transference
print json
save-project $tmp/arcs.eisfit
label 1 "after the hold"
quit-asking
quit
EOF
run_script save
cat >"$tmp/open.script" <<EOF
open-project $tmp/arcs.eisfit
page transference
print transference
print legend
print json
quit
EOF
run_script open

grep -q '^label=−20 °C$' "$tmp/arcs.eisfit" || failed "the project does not keep the label: $(grep -n label "$tmp/arcs.eisfit")"
grep -q '^interface-arcs=R1,R2$' "$tmp/arcs.eisfit" \
  || failed "the project does not keep the interface arcs: $(sed -n '/^\[transference\]/,$p' "$tmp/arcs.eisfit")"
grep -q '^−20 °C$' "$tmp/open.out" || failed "the label is not in the legend of the opened project: $(grep -v '^ ' "$tmp/open.out" | head -20)"
grep -q '^asked: The changes since the project was last saved will be lost' "$tmp/save.out" \
  || failed "renaming a spectrum of a saved project does not mark it changed: $(grep '^asked' "$tmp/save.out")"
grep -q '^interface arcs: R1,R2$' "$tmp/open.out" \
  || failed "the opened project's Transference tab has no interface arcs: $(grep '^interface arcs' "$tmp/open.out")"
grep -q 'R1||CPE1 (named interfacial) + R2||CPE2 (named interfacial) of before.csv' "$tmp/open.out" \
  || failed "R0 of the opened project is not from the arcs named: $(grep -A1 '^source' "$tmp/open.out")"

json_doc "$tmp/save.out" 1 >"$tmp/noarcs.json"
json_doc "$tmp/save.out" 2 >"$tmp/save.json"
json_doc "$tmp/open.out" 1 >"$tmp/open.json"
"$cli" transference --polarization "$d/pol.csv" --before "$d/before.csv" --after "$d/after.csv" \
  --interface-arcs R1,R2 -f json >"$tmp/cli.json" 2>"$tmp/cli.err" \
  || failed "eisfit transference --interface-arcs R1,R2: $(cat "$tmp/cli.err")"
"$cli" transference --project "$tmp/arcs.eisfit" -f json >"$tmp/proj.json" 2>"$tmp/proj.err" \
  || failed "eisfit transference --project: $(cat "$tmp/proj.err")"
t_save=$(tplus "$tmp/save.json"); t_open=$(tplus "$tmp/open.json")
t_cli=$(tplus "$tmp/cli.json"); t_proj=$(tplus "$tmp/proj.json")
echo "t+ with the interface arcs R1,R2: window $t_save, opened again $t_open, eisfit transference --project $t_proj, --interface-arcs $t_cli"
same "$t_save" 0.70 0.086 || failed "t+ with R1,R2 interfacial = $t_save, expected 0.70 +- 0.06"
same "$t_save" "$t_cli" 1e-9 || failed "t+ in the window $t_save, eisfit transference --interface-arcs R1,R2 $t_cli"
same "$t_open" "$t_save" 1e-9 || failed "t+ of the opened project $t_open, before saving $t_save"
same "$t_proj" "$t_cli" 1e-9 || failed "eisfit transference --project gives $t_proj, --interface-arcs R1,R2 $t_cli"
grep -q role_ambiguous "$tmp/proj.json" && failed "eisfit transference --project still warns of the role the arcs named decide"
# interface_arcs_given, as eisfit transference -f json says it: true with the field typed (and
# in the opened project), false before
"$cli" transference --polarization "$d/pol.csv" --before "$d/before.csv" --after "$d/after.csv" \
  -f json >"$tmp/cli-noarcs.json" 2>/dev/null
given () { # JSON-FILE: interface_arcs_given of its transference, or "missing"
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d = d.get("transference", d) if isinstance(d, dict) else d
print(repr(d.get("interface_arcs_given", "missing")) if d else "missing")' "$1" 2>/dev/null || echo missing
}
g="$(given "$tmp/noarcs.json") $(given "$tmp/save.json") $(given "$tmp/open.json")"
c="$(given "$tmp/cli-noarcs.json") $(given "$tmp/cli.json") $(given "$tmp/proj.json")"
[ "$g" = "False True True" ] && [ "$c" = "False True True" ] \
  && echo "ok: interface_arcs_given false, then true when typed and when opened again, as eisfit transference's" \
  || failed "interface_arcs_given: window (none typed, typed, opened) $g; eisfit transference (none, --interface-arcs, --project) $c"

# --- 3. and 4.: the spectra checked during the hold ---
pol=$S/li-spike-polarization.csv; bef=$S/li-spike-before.csv; aft=$S/li-spike-after.csv
for t in 1200 2400; do
  awk -F, -v t=$t 'NR == 1 { print "time_s," $0; next } { printf "%.1f,%s\n", t + (NR - 2) * 0.5, $0 }' \
    "$D/li-spike-during-$t.csv" >"$d/during-$t.csv" || exit 99
done
# noise with a time column: points no cell gives
awk -F, 'BEGIN { srand(7) } NR == 1 { print; next }
  { printf "%s,%s,%.4f,%.4f\n", $1, $2, 50 + 900 * rand(), -900 * rand() }' "$d/during-2400.csv" >"$d/noise.csv"
cat >"$tmp/during.script" <<EOF
open $pol $bef $d/during-1200.csv $d/during-2400.csv $aft
page transference
choose 1 4
transference during 2,3
compute
print transference
save-project $tmp/during.eisfit
quit
EOF
run_script during
cat >"$tmp/during-open.script" <<EOF
open-project $tmp/during.eisfit
page transference
print transference
quit
EOF
run_script during-open
grep -q '^during=2;3$' "$tmp/during.eisfit" \
  || failed "the project does not keep the spectra during the hold: $(sed -n '/^\[transference\]/,$p' "$tmp/during.eisfit")"
want=$(grep '^during:' "$tmp/during.out" | head -1)
got=$(grep '^during:' "$tmp/during-open.out" | head -1)
case "$want" in *during-1200.csv*during-2400.csv*) ;; *) failed "the spectra during the hold were not checked: $want" ;; esac
[ "$got" = "$want" ] || failed "the opened project checks '$got' during the hold, saved: '$want'"

cat >"$tmp/noise.script" <<EOF
open $pol $bef $d/noise.csv $aft
page transference
choose 1 3
transference during 2
compute
print transference
quit
EOF
run_script noise
grep -q '^result: Spectra during the hold: .*noise.csv: spectrum 1: the points scatter like noise' "$tmp/noise.out" \
  || failed "a noise spectrum during the hold is not refused: $(grep -A2 '^result' "$tmp/noise.out")"
grep -q '^result: t₊' "$tmp/noise.out" && failed "a t+ is shown with a noise spectrum during the hold"
"$cli" transference --polarization "$pol" --before "$bef" --after "$aft" --during "$d/noise.csv" \
  >/dev/null 2>"$tmp/noise.err"
rc=$?
[ $rc = 2 ] && grep -q 'noise.csv: spectrum 1: the points scatter like noise' "$tmp/noise.err" \
  || failed "eisfit transference --during noise.csv: exit $rc, $(cat "$tmp/noise.err")"
exit "$fail"
