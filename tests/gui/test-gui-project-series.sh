#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A project keeps the Series page's fit (issue 13, item 2), under Xvfb. On the six pellet
# samples, each fitted, then fitted as one series with C1 shared and the Arrhenius law inside
# the joint fit, the series' fits used for the spectra (Use these fits), the project saved:
#  1. the project has a [series] group with the spectra, the order, the shared parameters, the
#     law and adopted=true;
#  2. opening it fits the series again with these choices and shows the same table and the same
#     joint fit: the series' JSON (parameters, errors, conductivities, roles, Ea of the law)
#     equal to relative 1e-9, not marked stale, without the user pressing Fit series; the
#     spectra's own fits are still the series' ("this fit") and their conductivities take the
#     series table's roles again;
#  3. a series fitted (not used for the spectra) is work that closing asks about, and saved it
#     is kept with adopted=false; saved, closing asks nothing.
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup project-series
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"
  exit 77
fi

mkdir "$tmp/data"
for t in m20C 0C 25C 40C 60C 80C; do cp "$S/pellet-$t.csv" "$tmp/data/" || exit 99; done
d=$tmp/data
pellets="$d/pellet-m20C.csv $d/pellet-0C.csv $d/pellet-25C.csv $d/pellet-40C.csv"
pellets="$pellets $d/pellet-60C.csv $d/pellet-80C.csv"

run_script () { # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
  run_gui --test-script "$tmp/$1.script" --thickness 0.6mm --diameter 10mm \
    >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(grep -v 'session bus' "$tmp/$1.err" | tail -3)"
}
# the output of a script split into its JSON document ($tmp/NAME.json) and the rest
split_out () {
  awk -v j="$tmp/$1.json" -v o="$tmp/$1.lines" '
    /^\{$/ { inj = 1 } inj { print > j; if ($0 == "}") inj = 0; next } { print > o }' "$tmp/$1.out"
}

cat >"$tmp/save.script" <<EOF
open $pellets
select all
fit-all
series-shared C1
series-law arrhenius
series-fit all
series-adopt
print series
print json
save-project $tmp/s.eisfit
quit
EOF
cat >"$tmp/open.script" <<EOF
open-project $tmp/s.eisfit
print series
print json
quit-asking
quit
EOF
cat >"$tmp/ask.script" <<EOF
open $pellets
series-fit all index
quit-asking
save-project $tmp/unused.eisfit
quit-asking
EOF
run_script save
run_script open
run_script ask
split_out save
split_out open

# 1. the [series] group
sed -n '/^\[series\]$/,/^\[/p' "$tmp/s.eisfit" >"$tmp/group"
for line in 'spectra=1;2;3;4;5;6' 'order=auto' 'shared=C1' 'law=arrhenius' 'adopted=true'; do
  grep -qx "$line" "$tmp/group" || failed "the project's [series] lacks $line: $(cat "$tmp/group")"
done
grep -qx 'adopted=false' "$tmp/unused.eisfit" \
  || failed "a series not used for the spectra is saved as $(grep '^adopted' "$tmp/unused.eisfit")"
grep -qx 'order=index' "$tmp/unused.eisfit" \
  || failed "the order asked is saved as $(grep '^order' "$tmp/unused.eisfit")"

# 2. the same series after opening, and its roles on the adopted spectra
python3 - "$tmp/save.json" "$tmp/open.json" <<'EOF' || fail=1
import json, math, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
bad = []
def same(x, y, where):
    if isinstance(x, dict) and isinstance(y, dict):
        if set(x) != set(y):
            bad.append("%s: keys %s, opened %s" % (where, sorted(x), sorted(y)))
            return
        for k in x:
            same(x[k], y[k], where + "." + k)
    elif isinstance(x, list) and isinstance(y, list):
        if len(x) != len(y):
            bad.append("%s: %d items, opened %d" % (where, len(x), len(y)))
            return
        for i, (p, q) in enumerate(zip(x, y)):
            same(p, q, "%s[%d]" % (where, i))
    elif isinstance(x, float) and isinstance(y, float):
        if not (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))):
            bad.append("%s: %.12g, opened %.12g" % (where, x, y))
    elif x != y:
        bad.append("%s: %r, opened %r" % (where, x, y))
if not b.get("series"):
    print("FAIL: the opened project shows no series fit")
    sys.exit(1)
same(a["series"], b["series"], "series")
same(a["spectra"], b["spectra"], "spectra")
s = b["series"]
if s.get("stale"):
    bad.append("the opened series is marked stale")
if s.get("law") != "arrhenius" or not s.get("arrhenius"):
    bad.append("no Arrhenius law in the opened series: %r" % s.get("law"))
own = s.get("own_fit", [])
if own != ["this fit"] * 6:
    bad.append("the spectra's own fits in the opened series: %r" % own)
for sp, ss in zip(sorted(b["spectra"], key=lambda x: x["file"]),
                  sorted(s["spectra"], key=lambda x: x["file"])):
    if sp["conductivity"]["roles"] != ss["roles"]:
        bad.append("%s: roles %r, the series table's %r" % (sp["file"], sp["conductivity"]["roles"],
                                                           ss["roles"]))
print("opened series: %d spectra, Ea %s eV (saved %s)" % (
    len(s["spectra"]), s["arrhenius"].get("global", {}).get("Ea_eV"),
    a["series"]["arrhenius"].get("global", {}).get("Ea_eV")))
for m in bad[:12]:
    print("FAIL: " + m)
sys.exit(1 if bad else 0)
EOF
# the table as the page shows it
diff "$tmp/save.lines" "$tmp/open.lines" | grep '^[<>]' | grep -v 'asked:' >"$tmp/table.diff"
[ -s "$tmp/table.diff" ] && failed "the opened project's Series page differs: $(head -6 "$tmp/table.diff")"
grep -qx 'asked: nothing' "$tmp/open.lines" \
  || failed "opening the project (and fitting its series again) left it marked changed: $(grep '^asked' "$tmp/open.lines")"

# 3. a series fit is work to be saved
sed -n 1p "$tmp/ask.out" | grep -qx "asked: The Series page's fit since the project was last saved will be lost." \
  || failed "closing after a series fit asks: $(sed -n 1p "$tmp/ask.out")"
sed -n 2p "$tmp/ask.out" | grep -qx 'asked: nothing' \
  || failed "closing after saving the series asks: $(sed -n 2p "$tmp/ask.out")"
exit "$fail"
