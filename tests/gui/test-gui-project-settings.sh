#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Fit All on a project refits each spectrum with its own saved settings, as
# eisfit --project --refit does: pellet-60C.csv is saved with R0 fixed at 63.25 Ohm and CPE2_n
# at most 0.85 (typed while it was shown), pellet-25C.csv without a fixed value. Then
# `eisfit-gtk --fit-all --print-results P.eisfit` must keep R0 = 63.25 for pellet-60C (before:
# the table of the spectrum shown, pellet-25C's, gave its Fix ticks to every spectrum, and R0
# came out free at 79.5), CPE2_n <= 0.85, and every parameter must equal eisfit --project
# --refit's to relative 1e-6. Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it compares the JSON)"
  exit 77
fi
gui_setup project-settings

cp "$S/pellet-25C.csv" "$S/pellet-60C.csv" "$tmp/" || exit 99
cat >"$tmp/save.script" <<EOF
open $tmp/pellet-25C.csv $tmp/pellet-60C.csv
select 1
circuit R0-p(R1,CPE1)-CPE2
param R0 fix on
param R0 value 63.25
param CPE2_n max 0.85
fit
select 0
param R0 fix off
fit
save-project $tmp/p.eisfit
quit
EOF
run_gui --test-script "$tmp/save.script" >"$tmp/save.out" 2>"$tmp/save.err" \
  || failed "saving the project: $(grep -v 'session bus' "$tmp/save.err")"
grep -q '^start.R0=63.25 fixed$' "$tmp/p.eisfit" || failed "the project has no fixed R0: $(grep '^start.R0' "$tmp/p.eisfit")"

run_gui --fit-all --print-results "$tmp/p.eisfit" >"$tmp/gui.json" 2>"$tmp/gui.err" \
  || failed "eisfit-gtk --fit-all --print-results: $(grep -v 'session bus' "$tmp/gui.err")"
"$cli" --project "$tmp/p.eisfit" --refit -f json >"$tmp/cli.json" 2>"$tmp/cli.err" \
  || failed "eisfit --project --refit: $(cat "$tmp/cli.err")"
python3 - "$tmp/gui.json" "$tmp/cli.json" <<'PY' || failed "Fit All did not use the project's settings"
import json, sys
g = json.JSONDecoder().raw_decode(open(sys.argv[1]).read())[0]["spectra"]
c = json.load(open(sys.argv[2]))
bad = []
p60 = {p["name"]: p["value"] for p in g[1]["parameters"]}
p25 = {p["name"]: p["value"] for p in g[0]["parameters"]}
if not g[1]["file"].endswith("pellet-60C.csv"):
    bad.append("second spectrum is %s" % g[1]["file"])
if p60.get("R0") != 63.25:
    bad.append("pellet-60C R0 = %r, saved fixed at 63.25" % p60.get("R0"))
if not p60.get("CPE2_n", 1) <= 0.85 + 1e-12:
    bad.append("pellet-60C CPE2_n = %r above its saved bound 0.85" % p60.get("CPE2_n"))
if abs(p25.get("R0", 63.25) - 63.25) < 1e-6:
    bad.append("pellet-25C R0 held at pellet-60C's 63.25")
for gs, cs in zip(g, c):
    for gp, cp in zip(gs["parameters"], cs["parameters"]):
        if gp["name"] != cp["name"] or abs(gp["value"] - cp["value"]) > 1e-6 * abs(cp["value"]):
            bad.append("%s %s: Fit All %r, eisfit --project --refit %r"
                       % (gs["file"], gp["name"], gp["value"], cp["value"]))
if len(g) != 2 or len(c) != 2:
    bad.append("%d GUI spectra, %d eisfit" % (len(g), len(c)))
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("ok: Fit All keeps pellet-60C's saved R0 = 63.25 (fixed) and CPE2_n <= 0.85, "
      "and equals eisfit --project --refit (relative 1e-6)")
PY
[ "$fail" -eq 0 ] && echo "PASS: Fit All refits a project's spectra with their saved settings"
exit "$fail"
