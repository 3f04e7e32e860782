#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk and the cell type (File Properties, --cell): what a Li|electrolyte|Li file's fit
# means. Against a synthetic Li|Li spectrum (R0 = 48.73 Ohm, R1 = 412.3 Ohm for both
# interfaces, 12 mm electrodes, A = 1.13097 cm2, 0.3 % noise):
#  1. --print-results --cell li-symmetric: R_interface_total within 1 % of R1, the ASR per
#     interface R_int A / 2 (233.15 Ohm cm2 within 1 %), both equal to eisfit --cell
#     li-symmetric's to 1e-9; --cell blocking: no interfacial resistance.
#  2. Driven by a script: the conductivity panel shows "ASR per interface" after File
#     Properties sets Li|electrolyte|Li, says "no interfacial resistance" for a blocking cell
#     and shows the interfaces' total without an ASR when the type is not said.
#  3. The electrode area alone (no thickness): no σ, but the ASR per interface, in the panel
#     and in --print-results, equal to eisfit --cell li-symmetric --diameter 12mm's to 1e-9.
# Skips (77) without xvfb-run or python3 (which reads the JSON).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it compares the JSON)"
  exit 77
fi
gui_setup cell

"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "48.73,412.3,2.71e-6,0.87,1.93e-3,0.62" 0.01 1e6 10 0.003 17 \
  > "$tmp/lili.csv" || exit 99
c='R0-p(R1,CPE1)-CPE2'
geom="--thickness 0.523mm --diameter 12mm"

# 1. the numbers
# shellcheck disable=SC2086
run_gui --fit-all --print-results --cell li-symmetric -c "$c" $geom "$tmp/lili.csv" \
  >"$tmp/gui.json" 2>"$tmp/gui.err" || failed "eisfit-gtk --cell li-symmetric: $(cat "$tmp/gui.err")"
# shellcheck disable=SC2086
"$cli" -f json --cell li-symmetric -c "$c" $geom "$tmp/lili.csv" >"$tmp/cli.json" \
  || failed "eisfit --cell li-symmetric"
# shellcheck disable=SC2086
run_gui --fit-all --print-results --cell blocking -c "$c" $geom "$tmp/lili.csv" \
  >"$tmp/gui-b.json" 2>>"$tmp/gui.err" || failed "eisfit-gtk --cell blocking: $(cat "$tmp/gui.err")"
python3 - "$tmp/gui.json" "$tmp/cli.json" "$tmp/gui-b.json" <<'PY' || failed "the GUI's interface is not the truth or the CLI's"
import json, math, sys
def load(p):
    return json.JSONDecoder().raw_decode(open(p).read())[0]
g = load(sys.argv[1])["spectra"][0]["conductivity"]
c = load(sys.argv[2])[0]
b = load(sys.argv[3])["spectra"][0]["conductivity"]
area = math.pi * 0.6 ** 2
assert g["cell"] == "li-symmetric", g["cell"]
ri, asr = g["R_interface_total"], g["ASR_per_interface_ohm_cm2"]
assert abs(ri / 412.3 - 1) < 0.01, "R_interface %g, truth 412.3" % ri
assert abs(asr / (412.3 * area / 2) - 1) < 0.01, "ASR %g, truth %g" % (asr, 412.3 * area / 2)
assert abs(asr - ri * area / 2) <= 1e-9 * asr, "ASR %g is not R_int A / 2 = %g" % (asr, ri * area / 2)
for gk, ck in (("R_interface_total", "R_interface_total"),
               ("R_interface_total_stderr", "R_interface_total_stderr"),
               ("ASR_per_interface_ohm_cm2", "ASR_per_interface_ohm_cm2"),
               ("ASR_per_interface_stderr_ohm_cm2", "ASR_per_interface_stderr_ohm_cm2")):
    assert abs(g[gk] - c[ck]) <= 1e-9 * abs(c[ck]), "%s: GUI %r, CLI %r" % (gk, g[gk], c[ck])
assert b["cell"] == "blocking" and b["R_interface_total"] is None \
    and b["ASR_per_interface_ohm_cm2"] is None, b
print("ok: R_interface %.2f Ohm, ASR per interface %.2f +- %.2f Ohm cm2, as eisfit; none when blocking"
      % (ri, asr, g["ASR_per_interface_stderr_ohm_cm2"]))
PY

# 2. the conductivity panel, as File Properties sets the cell type
cat >"$tmp/panel.script" <<EOS
open $tmp/lili.csv
select 0
cell 0 li-symmetric 0.523mm 12mm ""
circuit $c
fit
print conductivity
print arcs
cell 0 blocking
print conductivity
cell 0 none
print conductivity
quit
EOS
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/panel.script" >"$tmp/panel.out" 2>"$tmp/panel.err" \
  || failed "the panel script: $(grep -v 'session bus' "$tmp/panel.err")"
sed -n 1p "$tmp/panel.out" >/dev/null
li=$(grep -m1 'R bulk' "$tmp/panel.out")
case $li in
  *"ASR per interface | 23"[0-9].*" Ω cm²"*) echo "ok: Li|Li panel: ${li#*ASR per interface | }" | cut -c1-80 ;;
  *) failed "the Li|Li panel has no ASR per interface: $li" ;;
esac
printf '%s\n' "$li" | grep -q 'R interface (total) | 41[0-9]\.' || failed "the Li|Li panel's R interface: $li"
grep -q 'CPE2 | — | .* | diffusion' "$tmp/panel.out" && echo "ok: CPE2 is the diffusion tail" \
  || failed "arcs: CPE2 is not the diffusion tail: $(grep 'Element' "$tmp/panel.out")"
bl=$(grep 'R bulk' "$tmp/panel.out" | sed -n 2p)
printf '%s\n' "$bl" | grep -q 'Blocking electrodes: no interfacial resistance' \
  && ! printf '%s\n' "$bl" | grep -q 'ASR' && echo "ok: blocking panel: no interfacial resistance" \
  || failed "blocking panel: $bl"
un=$(grep 'R bulk' "$tmp/panel.out" | sed -n 3p)
printf '%s\n' "$un" | grep -q 'R interface (total) | 41[0-9]\.' \
  && printf '%s\n' "$un" | grep -q 'set the cell type to Li|electrolyte|Li' \
  && ! printf '%s\n' "$un" | grep -q 'ASR per interface | [0-9—]' && echo "ok: cell type not said: the total, no ASR" \
  || failed "panel without a cell type: $un"

# 3. the electrode area alone (no thickness): no sigma, but the ASR per interface, as eisfit
#    --area gives it: in --print-results (equal to eisfit's to 1e-9) and in the panel
run_gui --fit-all --print-results --cell li-symmetric -c "$c" --diameter 12mm "$tmp/lili.csv" \
  >"$tmp/gui-a.json" 2>"$tmp/gui-a.err" || failed "eisfit-gtk --diameter alone: $(cat "$tmp/gui-a.err")"
"$cli" -f json --cell li-symmetric -c "$c" --diameter 12mm "$tmp/lili.csv" >"$tmp/cli-a.json" \
  || failed "eisfit --diameter alone"
python3 - "$tmp/gui-a.json" "$tmp/cli-a.json" <<'PY' || failed "the GUI gives no ASR from the area alone, or not the CLI's"
import json, math, sys
g = json.JSONDecoder().raw_decode(open(sys.argv[1]).read())[0]["spectra"][0]["conductivity"]
c = json.load(open(sys.argv[2]))[0]
asr = g["ASR_per_interface_ohm_cm2"]
assert asr is not None, "no ASR per interface from the area alone: %r" % g
assert abs(asr / (412.3 * math.pi * 0.6 ** 2 / 2) - 1) < 0.01, "ASR %g, truth %g" % (asr, 412.3 * math.pi * 0.36 / 2)
for k in ("ASR_per_interface_ohm_cm2", "ASR_per_interface_stderr_ohm_cm2"):
    assert abs(g[k] - c[k]) <= 1e-9 * abs(c[k]), "%s: GUI %r, CLI %r" % (k, g[k], c[k])
assert "sigma_total_S_cm" not in g and c["conductivity"]["total"] is None, "a sigma without a thickness"
print("ok: the area alone gives the ASR per interface %.2f Ohm cm2, as eisfit --diameter 12mm" % asr)
PY
cat >"$tmp/area.script" <<EOS
open $tmp/lili.csv
select 0
cell 0 li-symmetric "" 12mm ""
circuit $c
fit
print geometry
print conductivity
quit
EOS
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/area.script" >"$tmp/area.out" 2>"$tmp/area.err" \
  || failed "the area script: $(grep -v 'session bus' "$tmp/area.err")"
ar=$(grep -m1 'R bulk' "$tmp/area.out")
case $ar in
  *"ASR per interface | 23"[0-9].*" Ω cm²"*) echo "ok: the panel with the area alone: ASR per interface ${ar#*ASR per interface | }" | cut -c1-90 ;;
  *) failed "the panel with the area alone has no ASR per interface: $ar" ;;
esac
# no σ row with a value (the engine's cautions may name σ total and σ bulk in words)
printf '%s\n' "$ar" | grep -qE 'σ (bulk|total|gb)[^|]*\| [0-9]' && failed "the panel gives a σ without a thickness: $ar"
grep -q '^A = 1.131 cm²: the ASR' "$tmp/area.out" && echo "ok: the geometry line says what the area alone gives" \
  || failed "geometry line: $(grep -A1 '^Geometry' "$tmp/area.out")"
exit $fail
