#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series page (issue 13 item 3): the joint fit and the spectra's own fits.
#  1. Shared C1,CPE3_n and the Arrhenius law inside the fit, on the six pellet samples: the
#     page's "series" (every parameter and error from the joint covariance, sigma, roles,
#     "shared", "joint") equals eisfit series --shared C1,CPE3_n --format json, and its
#     "arrhenius" (two-step bulk and total fits, the global law, its shared parameters and
#     the warnings) equals eisfit arrhenius --global --shared C1,CPE3_n --format json, all to
#     relative 1e-9. The global Ea is the samples' truth (0.31 eV within 0.002). The table
#     marks C1 as shared; the page shows the two-step and the global Ea side by side.
#     The same with eisfit-gtk --series --shared --law --print-results; a law misspelt: exit 1.
#  2. The VTF law inside the fit (arrhenius --global --vtf): B, T0 and the two-step VTF, and
#     the warning that the law does not fit the spectra (the samples follow Arrhenius's law;
#     the global T0 at its 0 K edge), its errors widened, as eisfit's (tester 8's F5; before
#     that, the warning that the two sigma(25 degC) disagree, tester 4's F14).
#     The same with a thickness error, common to every point: the page's two-step fits (and
#     so its warnings) equal eisfit's.
#  3. A synthetic series whose conductivity follows VTF fitted with Arrhenius's law: the page
#     shows the same two warnings as eisfit arrhenius (R2 below 0.99, curved residuals); fitted
#     with the VTF law, the page equals eisfit arrhenius --global --vtf, and the global and
#     the two-step VTF agree (no warning).
#  4. Use these fits for the spectra: every spectrum's own fit (the main view's JSON) has the
#     series' circuit, values and errors (to the series JSON's ten digits), and its conductivity the series' sigma;
#     the Arrhenius tab's Ea (bulk, total) is the page's two-step Ea; the column says "this fit" and the button is disabled. Undo
#     gives back the fits before (none), redo the series'. A spectrum refitted alone: its row
#     says "differs" and the button is offered again. Points left out of a spectrum: the table
#     is marked stale and cannot be used. A project saved after adopting reads them back.
#     (select N counts from 0: select 2 is pellet-25C, select 4 pellet-60C)
#  5. A law with the series ordered by time or list order is refused with its reason.
# Skips (77) without xvfb-run or python3.
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk
cli=$top_builddir/eisfit
gen=$top_builddir/eisfit-gen
samples=$top_srcdir/samples

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found (Debian package xvfb)"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it compares the JSON)"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/eisfit-gui-joint.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
failed () { echo "FAIL: $*"; fail=1; }

GSK_RENDERER=cairo; export GSK_RENDERER
XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
GTK_A11Y=none; export GTK_A11Y
NO_AT_BRIDGE=1; export NO_AT_BRIDGE

geom="--thickness 0.6mm --diameter 10mm"
pellets="$samples/pellet-m20C.csv $samples/pellet-0C.csv $samples/pellet-25C.csv"
pellets="$pellets $samples/pellet-40C.csv $samples/pellet-60C.csv $samples/pellet-80C.csv"

# run_script NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
run_script () {
  # shellcheck disable=SC2086
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/$1.script" $geom \
    >"$tmp/$1.out" 2>"$tmp/$1.err"
  st=$?
  [ "$st" -eq 0 ] || failed "$1: --test-script exited with $st: $(tail -3 "$tmp/$1.err")"
  if grep -E "CRITICAL|Gtk-WARNING|GLib-WARNING|GLib-GObject-WARNING" "$tmp/$1.err" \
       | grep -v "session bus" >"$tmp/$1.crit"; then
    failed "$1: GTK warnings or criticals:"; cat "$tmp/$1.crit"
  fi
}

# json_of NAME K: the K-th (1-based) JSON object printed by "print json" in NAME's output
json_of () {
  awk -v k="$2" '/^\{$/ { n++ } n == k { print } n == k && /^\}$/ { exit }' "$tmp/$1.out"
}
# state_of NAME K: the K-th "print series" block
state_of () {
  awk -v k="$2" '/^status:/ { n++ } n == k && !/^\{/ { print } /^adopt:/ && n == k { exit }' \
    "$tmp/$1.out"
}

cat > "$tmp/compare.py" <<'EOF'
# compare.py GUI.json SERIES.json [ARRHENIUS.json]: the page's series against eisfit's
import json, math, os, sys
gui = json.load(open(sys.argv[1]))["series"]
cli = json.load(open(sys.argv[2]))
bad = []
worst = [0.0, 0]
def close(a, b, what):
    if a is None or b is None:
        if a is not b:
            bad.append("%s: %r vs eisfit's %r" % (what, a, b))
        return
    rel = abs(a - b) / max(abs(a), abs(b), 1e-300)
    worst[0], worst[1] = max(worst[0], rel), worst[1] + 1
    if not rel <= 1e-9:
        bad.append("%s: %.12g vs eisfit's %.12g" % (what, a, b))
if gui is None:
    sys.exit("no series")
for k in ("circuit", "order_by", "shared"):
    if gui[k] != cli[k]:
        bad.append("%s: %r vs eisfit's %r" % (k, gui[k], cli[k]))
if ("joint" in gui) != ("joint" in cli):
    bad.append("joint: %s vs eisfit's %s" % ("joint" in gui, "joint" in cli))
elif "joint" in cli:
    for k in ("chi2", "reduced_chi2", "bic", "unknowns"):
        close(gui["joint"][k], cli["joint"][k], "joint " + k)
    if gui["joint"]["converged"] != cli["joint"]["converged"]:
        bad.append("joint converged")
for g, c in zip(gui["spectra"], cli["spectra"]):
    name = os.path.basename(c["file"])
    for pg, pc in zip(g["parameters"], c["parameters"]):
        close(pg["value"], pc["value"], name + " " + pc["name"])
        close(pg["stderr"], pc["stderr"], name + " " + pc["name"] + " stderr")
        if pg.get("held", False) != pc.get("held", False):
            bad.append("%s %s held" % (name, pc["name"]))
    for k in ("R_bulk", "R_bulk_stderr", "R_gb", "R_gb_stderr", "sigma_bulk", "sigma_gb",
              "sigma_total", "chi2"):
        close(g[k], c[k], name + " " + k)
    if g["roles"] != c["roles"]:
        bad.append("%s roles" % name)
if len(gui["spectra"]) != len(cli["spectra"]):
    bad.append("%d spectra vs %d" % (len(gui["spectra"]), len(cli["spectra"])))
if len(sys.argv) > 3:
    arr = json.load(open(sys.argv[3]))
    ga = gui["arrhenius"]
    if ga is None:
        sys.exit("no arrhenius on the page")
    for part in ("bulk", "total"):
        for form in ("sigma", "sigmaT"):
            a, b = ga[part][form], arr[part][form]
            if (a is None) != (b is None):
                bad.append("%s %s: %r vs %r" % (part, form, a, b)); continue
            if a is None:
                continue
            for k in ("Ea_eV", "Ea_stderr_eV", "ln_prefactor", "ln_prefactor_stderr", "r2",
                      "sigma_at_25C", "sigma_at_ref", "sigma_at_ref_stderr", "n"):
                close(a[k], b[k], "%s %s %s" % (part, form, k))
    if (ga["bulk"]["vtf"] is None) != (arr["bulk"]["vtf"] is None):
        bad.append("two-step vtf: %r vs %r" % (ga["bulk"]["vtf"], arr["bulk"]["vtf"]))
    elif arr["bulk"]["vtf"] is not None:
        for k in ("B_K", "B_stderr_K", "T0_K", "T0_stderr_K", "Ea_eV", "Ea_stderr_eV",
                  "sigma_at_ref", "sigma_at_ref_stderr"):
            close(ga["bulk"]["vtf"][k], arr["bulk"]["vtf"][k], "two-step vtf " + k)
    g, c = ga["global"], arr.get("global")
    if (g is None) != (c is None):
        bad.append("global: %r vs %r" % (g, c))
    elif c is not None:
        for k in c:
            if isinstance(c[k], float):
                close(g[k], c[k], "global " + k)
            elif k == "grain_boundary":
                for q in c[k]:
                    close(g[k][q], c[k][q], "global gb " + q)
            elif g[k] != c[k]:
                bad.append("global %s: %r vs %r" % (k, g[k], c[k]))
    if ga["warnings"] != arr["warnings"]:
        bad.append("warnings: %r vs eisfit's %r" % (ga["warnings"], arr["warnings"]))
if bad:
    sys.exit("\n".join(bad[:12]))
print("%d spectra, %s, shared %s: the same %d numbers as eisfit (largest relative difference %.1e)%s" % (
    len(gui["spectra"]), gui["circuit"], gui["shared"], worst[1], worst[0],
    "" if len(sys.argv) < 4 else "; Ea two-step %.5f, global %s, warnings %d" % (
        gui["arrhenius"]["bulk"]["sigma"]["Ea_eV"],
        "%.5f" % gui["arrhenius"]["global"]["Ea_eV"] if gui["arrhenius"]["global"] else "-",
        len(gui["arrhenius"]["warnings"]))))
EOF

# 1 + 4: shared, Arrhenius inside the fit, then the spectra take the fits.
cat > "$tmp/a.script" <<EOF
open $pellets
select all
series-shared C1,CPE3_n
series-law arrhenius
series-fit all auto
print series
print json
series-adopt
print series
print json
save-project $tmp/adopted.eisfit
undo
print series
print json
redo
print series
select 2
fit
select all
print series
select 4
exclude 1e5:1e6
print series
series-adopt
quit
EOF
run_script a
# shellcheck disable=SC2086
"$cli" series --shared C1,CPE3_n --format json $geom $pellets >"$tmp/cli-s.json" 2>/dev/null \
  || failed "eisfit series --shared failed"
# shellcheck disable=SC2086
"$cli" arrhenius --global --shared C1,CPE3_n --format json $geom $pellets >"$tmp/cli-a.json" \
  2>/dev/null || failed "eisfit arrhenius --global failed"
json_of a 1 >"$tmp/a1.json"
python3 "$tmp/compare.py" "$tmp/a1.json" "$tmp/cli-s.json" "$tmp/cli-a.json" \
  || failed "shared + Arrhenius law: the page differs from eisfit"
python3 - "$tmp/a1.json" <<'EOF' || failed "the global Ea is not the truth"
import json, sys
g = json.load(open(sys.argv[1]))["series"]["arrhenius"]["global"]
assert abs(g["Ea_eV"] - 0.31) < 0.002, "global Ea %g, truth 0.31" % g["Ea_eV"]
print("global Ea %.4f +- %.4f eV (truth 0.31)" % (g["Ea_eV"], g["Ea_stderr_eV"]))
EOF
state_of a 1 >"$tmp/a1.txt"
grep -q "^row: 2 | pellet-0C.csv #1 | not fitted | 0.00 | [^|]* | [^|]*(shared) |" "$tmp/a1.txt" \
  || failed "C1 not marked shared: $(grep '^row: 2' "$tmp/a1.txt")"
grep -q "^Joint fit of the whole series: converged" "$tmp/a1.txt" || failed "no joint fit line"
grep -q "^law: Two-step (σ_bulk of 6 fits, Arrhenius): Ea 0.3098 ± 0.0002 eV" "$tmp/a1.txt" \
  && grep -q "^Global (Arrhenius law inside the joint fit, bulk): Ea 0.3098 ± 0.0001 eV" "$tmp/a1.txt" \
  || failed "two-step and global Ea not shown: $(grep -A3 '^law:' "$tmp/a1.txt")"
grep -q "^adopt: Use these fits for the spectra (enabled)" "$tmp/a1.txt" \
  || failed "Use these fits not offered: $(grep '^adopt' "$tmp/a1.txt")"

# 4. adopted: the spectra's own fits are the series'
json_of a 2 >"$tmp/a2.json"
json_of a 3 >"$tmp/a3.json"
python3 - "$tmp/a1.json" "$tmp/a2.json" "$tmp/a3.json" <<'EOF' || failed "the adopted fits"
import json, sys
d = json.load(open(sys.argv[2]))
s = d["series"]
by_file = {x["file"]: x for x in d["spectra"]}
for row in s["spectra"]:
    sp = by_file[row["file"]]
    assert sp["circuit"] == s["circuit"], "%s: circuit %r" % (row["file"], sp["circuit"])
    # the series' JSON has eisfit series' ten digits: the same numbers to 1e-9
    rel = lambda x, y: abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    for a, b in zip(sp["parameters"], row["parameters"]):
        assert a["name"] == b["name"] and rel(a["value"], b["value"]) and rel(a["stderr"], b["stderr"]), \
            "%s %s: %r vs the series' %r" % (row["file"], b["name"], a, b)
    c = sp["conductivity"]
    assert rel(c["sigma_bulk_S_cm"], row["sigma_bulk"]), "%s sigma_bulk" % row["file"]
    assert rel(c["R_bulk_stderr_Ohm"], row["R_bulk_stderr"]), "%s R_bulk error" % row["file"]
assert all(o == "this fit" for o in s["own_fit"]), "own_fit %r" % s["own_fit"]
arr = d["arrhenius"]
assert arr is not None and arr["points"] == 6, "the Arrhenius tab: %r" % arr
# the Arrhenius tab now fits the series' conductivities: the page's two-step result
for part in ("bulk", "total"):
    for k, kk in (("Ea_eV", "Ea_eV"), ("Ea_stderr_eV", "Ea_stderr_eV"), ("ln_prefactor", "ln_prefactor")):
        a, b = arr[part][k], s["arrhenius"][part]["sigma"][kk]
        assert abs(a - b) <= 1e-9 * abs(b), "Arrhenius tab %s %s %.12g, the page's two-step %.12g" % (part, k, a, b)
print("adopted: 6 spectra carry the series' values and errors; the Arrhenius tab's bulk Ea %.5f eV = the page's two-step" % arr["bulk"]["Ea_eV"])
# before (1st print json was taken before adopting) and after undo: no fits of their own
for k in (0, 2):
    e = json.load(open(sys.argv[1 + k]))
    assert all(x["circuit"] is None for x in e["spectra"]), "print json %d: spectra fitted" % (k + 1)
    assert all(x == "not fitted" for x in e["series"]["own_fit"]), "own_fit after undo"
print("undo: the spectra have no fits again")
EOF
# the adopted fits are saved in a project and read back as they were
cat > "$tmp/p.script" <<EOF
open-project $tmp/adopted.eisfit
print json
quit
EOF
run_script p
json_of p 1 >"$tmp/p1.json"
python3 - "$tmp/a2.json" "$tmp/p1.json" <<'EOF' || failed "the adopted fits in a project"
import json, sys
a, b = (json.load(open(f))["spectra"] for f in sys.argv[1:3])
assert len(a) == len(b) == 6
for x, y in zip(a, b):
    assert x["circuit"] == y["circuit"] and x["parameters"] == y["parameters"], x["file"]
print("project: the 6 adopted fits read back unchanged")
EOF
state_of a 2 | grep -q "^adopt: The spectra use these fits (disabled)" \
  || failed "after adopting: $(state_of a 2 | grep '^adopt')"
[ "$(state_of a 2 | grep -c '^row: .* | this fit | ')" -eq 6 ] || failed "after adopting: rows not 'this fit'"
state_of a 3 | grep -q "^adopt: Use these fits for the spectra (enabled)" \
  || failed "after undo: $(state_of a 3 | grep '^adopt')"
[ "$(state_of a 4 | grep -c '^row: .* | this fit | ')" -eq 6 ] || failed "after redo: rows not 'this fit'"
# a spectrum refitted alone (the third in the list: 25 degC, row 3)
state_of a 5 >"$tmp/a5.txt"
grep -q "^row: 3 | pellet-25C.csv #1 | differs |" "$tmp/a5.txt" \
  && [ "$(grep -c '^row: .* | this fit | ' "$tmp/a5.txt")" -eq 5 ] \
  && grep -q "^adopt: Use these fits for the spectra (enabled)" "$tmp/a5.txt" \
  || failed "a spectrum refitted: $(grep -E '^(row: 3|adopt)' "$tmp/a5.txt")"
# points left out of a spectrum: stale, not to be used
state_of a 6 >"$tmp/a6.txt"
grep -q "^stale: pellet-60C.csv #1: .*points left out changed" "$tmp/a6.txt" \
  && grep -q "^adopt: .*(disabled)" "$tmp/a6.txt" \
  || failed "points left out: $(grep -E '^(stale|adopt)' "$tmp/a6.txt")"
grep -q "^series-adopt: nothing to use" "$tmp/a.out" || failed "a stale series fit was used"

# the same from the command line: --series --shared --law --print-results
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --fit-all --series --shared C1,CPE3_n \
  --law arrhenius --print-results $geom $pellets >"$tmp/batch.json" 2>"$tmp/batch.err" \
  || failed "--series --shared --law: exit $?: $(tail -2 "$tmp/batch.err")"
python3 "$tmp/compare.py" "$tmp/batch.json" "$tmp/cli-s.json" "$tmp/cli-a.json" \
  || failed "--series --shared --law --print-results differs from eisfit"
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --fit-all --series --law arrhenus --print-results \
  "$samples/pellet-25C.csv" >/dev/null 2>"$tmp/law.err"
st=$?
[ "$st" -eq 1 ] && grep -q "expected none, arrhenius or vtf" "$tmp/law.err" \
  || failed "--law arrhenus: exit $st, $(cat "$tmp/law.err")"

# 2. VTF inside the fit
cat > "$tmp/v.script" <<EOF
open $pellets
series-law vtf
series-fit all
print json
print series
quit
EOF
run_script v
# shellcheck disable=SC2086
"$cli" series --format json $geom $pellets >"$tmp/cli-vs.json" 2>/dev/null
# shellcheck disable=SC2086
"$cli" arrhenius --global --vtf --format json $geom $pellets >"$tmp/cli-va.json" 2>/dev/null \
  || failed "eisfit arrhenius --global --vtf failed"
json_of v 1 >"$tmp/v1.json"
python3 "$tmp/compare.py" "$tmp/v1.json" "$tmp/cli-vs.json" "$tmp/cli-va.json" \
  || failed "VTF law: the page differs from eisfit"
grep -q "^Global (VTF law inside the joint fit, bulk): B " "$tmp/v.out" \
  || failed "the global VTF is not shown"
# the VTF law does not fit these spectra (F-test against the joint fit without a law): said,
# and the global errors widened for it (tester 8's F5), as eisfit says
python3 - "$tmp/v1.json" <<'EOF' || failed "VTF law: the misfit is not warned"
import json, sys
w = json.load(open(sys.argv[1]))["series"]["arrhenius"]["warnings"]
assert any(x.startswith("the temperature law does not fit the spectra: ") for x in w), w
EOF
grep -q "^⚠ Global: the temperature law does not fit the spectra: .*trust the two-step result" "$tmp/v.out" \
  && grep -q "^Two-step VTF: B .*, σ(25 °C) 0.0002069 ± 3.6e-07 S cm⁻¹" "$tmp/v.out" \
  || failed "the VTF law's misfit is not shown on the page: $(grep -E '^(⚠ Global|Two-step VTF)' "$tmp/v.out")"

# 2b. one pellet's thickness error (common to every point): the two-step laws are fitted to
# the fits' errors alone and it is added to ln A and sigma(25 degC) after, on the page as in
# eisfit arrhenius (the page weighted the points with it: Ea 0.3099 +- 0.0031 eV against
# eisfit's 0.3097 +- 0.0002, and no VTF warning where eisfit gave one)
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --fit-all --series --law vtf --print-results \
  --thickness 0.6mm+-0.02mm --diameter 10mm $pellets >"$tmp/geo.json" 2>"$tmp/geo.err" \
  || failed "--series --law vtf with a thickness error: exit $?: $(tail -2 "$tmp/geo.err")"
# shellcheck disable=SC2086
"$cli" series --format json --thickness 0.6mm+-0.02mm --diameter 10mm $pellets \
  >"$tmp/cli-geo-s.json" 2>/dev/null
# shellcheck disable=SC2086
"$cli" arrhenius --global --vtf --format json --thickness 0.6mm+-0.02mm --diameter 10mm \
  $pellets >"$tmp/cli-geo-a.json" 2>/dev/null
python3 "$tmp/compare.py" "$tmp/geo.json" "$tmp/cli-geo-s.json" "$tmp/cli-geo-a.json" \
  || failed "a thickness error: the page differs from eisfit"

# 3. a conductivity that follows VTF, fitted with Arrhenius's law: the CLI's warnings
vtf=
for t in -20 0 20 40 60 80; do
  n=$t; case $t in -*) n=m${t#-};; esac
  R=$(awk -v t="$t" 'BEGIN { T = t + 273.15; s = 3 * exp(-1200 / (T - 150)) / sqrt(T); printf "%.6g", 0.0763944 / s }')
  "$gen" spectrum 'p(R1,C1)-CPE2' "$R,2e-10,4e-6,0.88" 0.1 1e7 10 0.005 $((47 + t)) \
    >"$tmp/vtf-${n}C.csv" || failed "eisfit-gen"
  vtf="$vtf $tmp/vtf-${n}C.csv"
done
cat > "$tmp/w.script" <<EOF
open $vtf
series-law arrhenius
series-fit all
print json
print series
series-law vtf
series-fit all
print json
print series
series-fit all index
print series
quit
EOF
run_script w
# shellcheck disable=SC2086
"$cli" series --format json $geom $vtf >"$tmp/cli-ws.json" 2>/dev/null
# shellcheck disable=SC2086
"$cli" arrhenius --global --format json $geom $vtf >"$tmp/cli-wa.json" 2>/dev/null
json_of w 1 >"$tmp/w1.json"
python3 "$tmp/compare.py" "$tmp/w1.json" "$tmp/cli-ws.json" "$tmp/cli-wa.json" \
  || failed "VTF data: the page differs from eisfit"
# the VTF law on VTF data (A 3, B 1200 K, T0 150 K): the same as eisfit, and no disagreement
# shellcheck disable=SC2086
"$cli" arrhenius --global --vtf --format json $geom $vtf >"$tmp/cli-wv.json" 2>/dev/null
json_of w 2 >"$tmp/w2.json"
python3 "$tmp/compare.py" "$tmp/w2.json" "$tmp/cli-ws.json" "$tmp/cli-wv.json" \
  || failed "VTF data, VTF law: the page differs from eisfit"
python3 - "$tmp/w2.json" <<'EOF' || failed "VTF data, VTF law: the truth, no disagreement"
import json, sys
a = json.load(open(sys.argv[1]))["series"]["arrhenius"]
g, v = a["global"], a["bulk"]["vtf"]
assert not any(x.startswith("VTF") for x in a["warnings"]), a["warnings"]
for f, what in ((g, "global"), (v, "two-step")):
    assert abs(f["B_K"] - 1200) < 6 and abs(f["T0_K"] - 150) < 1, (what, f["B_K"], f["T0_K"])
    assert abs(f["sigma_at_ref"] / 5.27427e-5 - 1) < 0.002, (what, f["sigma_at_ref"])
print("VTF law on VTF data: global B %.1f K, T0 %.2f K, two-step B %.1f K, T0 %.2f K (truth 1200, 150): no warning"
      % (g["B_K"], g["T0_K"], v["B_K"], v["T0_K"]))
EOF
python3 - "$tmp/w1.json" <<'EOF' || failed "VTF data: the warnings"
import json, sys
w = json.load(open(sys.argv[1]))["series"]["arrhenius"]["warnings"]
assert len(w) >= 2 and "not a straight line" in w[0] and "curve" in w[1], w
EOF
grep -q "^⚠ bulk, two-step: the residuals of the Arrhenius fit curve" "$tmp/w.out" \
  || failed "the curvature warning is not shown on the page"
# 5. a law needs the temperature order
grep -q "^status: A temperature law needs the series ordered by temperature" "$tmp/w.out" \
  || failed "a law in list order: $(grep '^status' "$tmp/w.out" | tail -1)"

[ "$fail" -eq 0 ] && echo "PASS: the Series page's joint fit and the spectra's own fits"
exit "$fail"
