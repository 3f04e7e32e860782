#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk --print-results says which fits its Arrhenius numbers come from, as the Arrhenius
# tab says it, and the numbers are those of these fits (issue 13), on the six pellet samples:
#  1. After Fit All: "fits_source": "own" (each spectrum's own fit), "from_fits" names the six
#     spectra, the tab's sentence is fits_source_text, and Ea of sigma total is the weighted
#     Arrhenius line through the six sigma_total +- stderr of the spectra in the same JSON
#     (relative 1e-9).
#  2. After the Series page's fit (law Arrhenius) and Use these fits: "fits_source": "series",
#     and Ea total and bulk equal eisfit arrhenius's sigma-form fits on the same files
#     (relative 1e-9): the same fits.
#  3. The same with a thickness error (--thickness 0.6mm+-0.02mm, common to every point): Ea,
#     its error, ln A's error and sigma(25 degC)'s error equal eisfit arrhenius's (relative
#     1e-9): the laws are fitted to the fits' errors alone and the geometry's is added to ln A
#     and sigma(25 degC) after (the tab weighted every point with it: Ea bulk +- 0.0031 eV
#     against eisfit's 0.0002).
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"
  exit 77
fi
gui_setup arrhenius-source

files="$S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv $S/pellet-60C.csv $S/pellet-80C.csv"
geom="--thickness 0.6mm --diameter 10mm"
cat >"$tmp/a.script" <<EOF
open $files
select all
fit-all
page arrhenius
print arrhenius
print json
series-law arrhenius
series-fit all auto
series-adopt
print arrhenius
print json
quit
EOF
# shellcheck disable=SC2086
run_gui --test-script "$tmp/a.script" $geom >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "--test-script: $(grep -v 'session bus' "$tmp/a.err" | tail -3)"
json_of () { awk -v k="$1" '/^\{$/ { n++ } n == k { print } n == k && /^\}$/ { exit }' "$tmp/a.out"; }
json_of 1 >"$tmp/own.json"
json_of 2 >"$tmp/series.json"
# shellcheck disable=SC2086
"$cli" arrhenius -f json $geom $files >"$tmp/cli.json" 2>"$tmp/cli.err" \
  || failed "eisfit arrhenius: $(cat "$tmp/cli.err")"
python3 - "$tmp/own.json" "$tmp/series.json" "$tmp/cli.json" "$tmp/a.out" <<'PY' || failed "the Arrhenius source or numbers"
import json, math, sys
own = json.load(open(sys.argv[1]))
ser = json.load(open(sys.argv[2]))
cli = json.load(open(sys.argv[3]))
out = open(sys.argv[4]).read()
bad = []
def close(a, b, what):
    rel = abs(a - b) / max(abs(a), abs(b))
    print("%s: %s %.12g, expected %.12g (rel %.1e)" % ("ok" if rel <= 1e-9 else "FAIL", what, a, b, rel))
    if not rel <= 1e-9:
        bad.append(what)
a = own["arrhenius"]
if a.get("fits_source") != "own":
    bad.append("after Fit All, fits_source %r, expected 'own'" % a.get("fits_source"))
if not a.get("fits_source_text") or a["fits_source_text"] not in out:
    bad.append("fits_source_text %r is not the tab's sentence" % a.get("fits_source_text"))
if a.get("from_fits", "").count("pellet-") != 6:
    bad.append("from_fits does not name the six spectra: %r" % a.get("from_fits"))
# the weighted line through the spectra's own sigma_total (SCIENCE.md, Arrhenius)
k = 8.617333262e-5
x, y, w = [], [], []
for s in own["spectra"]:
    c = s["conductivity"]
    x.append(1 / (k * s["temperature_K"]))
    y.append(math.log(c["sigma_total_S_cm"]))
    w.append((c["sigma_total_S_cm"] / c["sigma_total_stderr_S_cm"]) ** 2)
sw = sum(w); xm = sum(wi * xi for wi, xi in zip(w, x)) / sw; ym = sum(wi * yi for wi, yi in zip(w, y)) / sw
slope = sum(wi * (xi - xm) * (yi - ym) for wi, xi, yi in zip(w, x, y)) / sum(wi * (xi - xm) ** 2 for wi, xi in zip(w, x))
close(a["Ea_eV"], -slope, "own fits: Ea total against the line through their sigma_total")
b = ser["arrhenius"]
if b.get("fits_source") != "series":
    bad.append("after Use these fits, fits_source %r, expected 'series'" % b.get("fits_source"))
if not b.get("fits_source_text") or b["fits_source_text"] not in out:
    bad.append("fits_source_text %r is not the tab's sentence" % b.get("fits_source_text"))
close(b["total"]["Ea_eV"], cli["total"]["sigma"]["Ea_eV"], "series fits: Ea total against eisfit arrhenius")
if "bulk" in b and "bulk" in cli:
    close(b["bulk"]["Ea_eV"], cli["bulk"]["sigma"]["Ea_eV"], "series fits: Ea bulk against eisfit arrhenius")
else:
    bad.append("no bulk fit: GUI %r, eisfit %r" % ("bulk" in b, "bulk" in cli))
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
PY
# 3. a thickness error, common to every point
geo="--thickness 0.6mm+-0.02mm --diameter 10mm"
# shellcheck disable=SC2086
run_gui --test-script "$tmp/a.script" $geo >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "--test-script with a thickness error: $(grep -v 'session bus' "$tmp/a.err" | tail -3)"
json_of 2 >"$tmp/geo.json"
# shellcheck disable=SC2086
"$cli" arrhenius -f json $geo $files >"$tmp/cli-geo.json" 2>"$tmp/cli.err" \
  || failed "eisfit arrhenius $geo: $(cat "$tmp/cli.err")"
python3 - "$tmp/geo.json" "$tmp/cli-geo.json" <<'PY' || failed "a thickness error: the tab differs from eisfit arrhenius"
import json, sys
gui = json.load(open(sys.argv[1]))["arrhenius"]
cli = json.load(open(sys.argv[2]))
bad = []
if gui.get("fits_source") != "series":
    bad.append("fits_source %r, expected 'series'" % gui.get("fits_source"))
for law in ("total", "bulk"):
    g, c = gui.get(law), (cli.get(law) or {}).get("sigma")
    if not g or not c:
        bad.append("no %s fit: GUI %r, eisfit %r" % (law, bool(g), bool(c)))
        continue
    for gk, ck in (("Ea_eV", "Ea_eV"), ("Ea_stderr_eV", "Ea_stderr_eV"),
                   ("ln_prefactor_stderr", "ln_prefactor_stderr"),
                   ("sigma_at_25C", "sigma_at_25C"),
                   ("sigma_at_25C_stderr", "sigma_at_ref_stderr")):
        a, b = g.get(gk), c.get(ck)
        ok = a is not None and b is not None and abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        print("%s: thickness error: %s %s %r, eisfit %r" % ("ok" if ok else "FAIL", law, gk, a, b))
        if not ok:
            bad.append("%s %s" % (law, gk))
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
PY
[ "$fail" -eq 0 ] && echo "PASS: --print-results says which fits give Ea, and its numbers are theirs"
exit "$fail"
