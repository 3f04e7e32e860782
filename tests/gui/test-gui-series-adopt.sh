#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Use these fits for the spectra (the Series page): everything the window says of an adopted
# fit belongs to it, not to the single fit it replaced. On the six pellet samples, fitted one
# by one, then as a series with C1 and CPE3_n shared (one joint fit), adopted:
#  1. pellet-25C's fit (the main view's JSON) has the joint fit's values; its chi2, residual
#     runs test, dof and BIC are those of its residuals at these values: eisfit with every
#     parameter fixed at them gives the same chi2 (relative 1e-6) and runs test (1e-6), dof is
#     2N minus the parameters (all free in the joint fit) and BIC = 2N ln(chi2/2N) + P ln 2N;
#     its iterations are the joint fit's, with no starts of its own;
#  2. the fit summary names the joint fit of the series, not "N iterations (M starts)";
#  3. its conductivity's roles are the series table's;
#  4. Ctrl+Z gives back the single fit with its own statistics, byte for byte.
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup series-adopt
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"
  exit 77
fi

pellets="$S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv"
pellets="$pellets $S/pellet-40C.csv $S/pellet-60C.csv $S/pellet-80C.csv"

cat >"$tmp/adopt.script" <<EOF
open $pellets
select all
fit-all
select 2
print json
series-shared C1,CPE3_n
series-fit all
series-adopt
select 2
print json
print fit-info
undo
select 2
print json
quit
EOF
run_gui --test-script "$tmp/adopt.script" --thickness 0.6mm --diameter 10mm \
  >"$tmp/adopt.out" 2>"$tmp/adopt.err" \
  || failed "eisfit-gtk --test-script exited with $?: $(tail -3 "$tmp/adopt.err")"
awk -v dir="$tmp" '
  /^\{$/ { json++; f = dir "/json" json; inj = 1 }
  inj { print > f; if ($0 == "}") inj = 0; next }
  { print > (dir "/lines") }' "$tmp/adopt.out"
for i in 1 2 3; do
  [ -s "$tmp/json$i" ] || { failed "no JSON document $i: $(head -c 600 "$tmp/adopt.out")"; exit 1; }
done

# 2. the summary of the adopted fit
grep -q 'joint fit of the series (6 spectra' "$tmp/lines" \
  || failed "the fit summary does not name the joint fit: $(grep -i 'iteration' "$tmp/lines")"
grep 'p(R1' "$tmp/lines" | grep -q 'start' \
  && failed "the adopted fit's summary names starts of a single fit: $(grep 'p(R1' "$tmp/lines")"

# 1. and 3.: the adopted fit's statistics against eisfit at its values
python3 - "$tmp/json2" "$cli" "$S/pellet-25C.csv" <<'EOF' || fail=1
import json, math, subprocess, sys
doc = json.load(open(sys.argv[1]))
sp = [s for s in doc["spectra"] if s["file"].endswith("pellet-25C.csv")][0]
series = [s for s in doc["series"]["spectra"] if s["file"].endswith("pellet-25C.csv")][0]
bad = []
fix = ",".join("%s=%.17g" % (p["name"], p["value"]) for p in sp["parameters"])
out = subprocess.run([sys.argv[2], "--circuit", sp["circuit"], "--fix", fix, "-q", "-f", "json",
                      sys.argv[3]], capture_output=True, text=True)
ref = json.loads(out.stdout)[0]
P, N2 = len(sp["parameters"]), 2 * sp["n_fitted"]
chi2 = sp["reduced_chi2"] * sp["dof"]
def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)
if rel(chi2, ref["chi2"]) > 1e-6:
    bad.append("chi2 %.10g, at its values eisfit gives %.10g" % (chi2, ref["chi2"]))
if rel(chi2, series["chi2"]) > 1e-9:
    bad.append("chi2 %.10g, the series table's %.10g" % (chi2, series["chi2"]))
if rel(sp["residual_runs_z"], ref["residual_runs_z"]) > 1e-6:
    bad.append("runs test z %.10g, of its residuals %.10g" % (sp["residual_runs_z"],
                                                             ref["residual_runs_z"]))
if sp["dof"] != N2 - P:
    bad.append("dof %d, not 2N - P = %d" % (sp["dof"], N2 - P))
bic = N2 * math.log(chi2 / N2) + P * math.log(N2)
if rel(sp["bic"], bic) > 1e-9:
    bad.append("BIC %.10g, not %.10g" % (sp["bic"], bic))
if sp["starts"] != 0:
    bad.append("%d starts of its own" % sp["starts"])
if sp["conductivity"]["roles"] != series["roles"]:
    bad.append("roles %s, the series table's %s" % (sp["conductivity"]["roles"], series["roles"]))
print("adopted pellet-25C: chi2 %.6g (eisfit at its values %.6g), runs z %.4g (%.4g), dof %d, "
      "BIC %.6g, %d iterations" % (chi2, ref["chi2"], sp["residual_runs_z"], ref["residual_runs_z"],
                                   sp["dof"], sp["bic"], sp["iterations"]))
for b in bad:
    print("FAIL: adopted fit of pellet-25C: " + b)
sys.exit(1 if bad else 0)
EOF

# 4. undo: the single fit as before
python3 - "$tmp/json1" "$tmp/json3" <<'EOF' || failed "undo of Use these fits: the spectra's fits differ from their single fits"
import json, sys
a, b = (json.load(open(f))["spectra"] for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)
EOF
exit "$fail"
