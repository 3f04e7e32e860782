#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series page (issue 13): the spectra fitted as one series.
#  1. --fit-all --series --print-results on the six pellet samples: the "series" object has the
#     numbers of eisfit series --format json on the same files (circuit, order, every parameter
#     and error, R_bulk, R_gb, sigma, R_interface_total, ASR_per_interface, chi2, roles, C_eff,
#     starts; relative
#     1e-9), and sigma_bulk at 25 degC is the samples' truth, 2.07e-4 S/cm within 1 %.
#  2. The Li|Li samples (--cell li-symmetric) with a given circuit: R_interface_total before and
#     after are the truth (353 and 371 Ohm within 2 %), the ASR per interface R_interface x
#     area / 2, as eisfit series --cell li-symmetric; said to be blocking, no interface.
#  3. Driven by a script: three selected spectra fitted as a series; the table's columns and
#     rows (sigma_gb marked apparent, as eisfit fit); trends of R1 and sigma_total, then
#     sigma_gb (apparent), against 1000/T; the CSV export equals eisfit series
#     --format csv, an existing file is not replaced without force; a changed geometry marks
#     the table stale and a new fit clears the mark; an order the data cannot give (time) is
#     refused with its reason and the table stays; a spectrum without temperature stays in the
#     table of a series in list order and is left off the plot against T with a note.
#  4. The trend figure exported (--page series --export-plot) is drawn, in the palette's blue.
#  5. With xdotool: Fit All, then a click on Fit series draws the trends.
#  6. --series with one spectrum: "series": null, a message, exit status 3.
# Skips (77) without xvfb-run or python3 (which reads the JSON).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
samples=$top_srcdir/samples

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it compares the JSON)"
  exit 77
fi

gui_setup series



pellets="$samples/pellet-m20C.csv $samples/pellet-0C.csv $samples/pellet-25C.csv"
pellets="$pellets $samples/pellet-40C.csv $samples/pellet-60C.csv $samples/pellet-80C.csv"
geom="--thickness 0.6mm --diameter 10mm"

# compare GUI.json CLI.json: the GUI's "series" against eisfit series' JSON
cat > "$tmp/compare.py" <<'EOF'
import json, math, os, sys
gui = json.load(open(sys.argv[1]))["series"]
cli = json.load(open(sys.argv[2]))
bad = []
def close(a, b, what):
    if a is None or b is None:
        if a is not b:
            bad.append("%s: %r vs eisfit's %r" % (what, a, b))
    elif not abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300):
        bad.append("%s: %.12g vs eisfit's %.12g" % (what, a, b))
if gui is None:
    sys.exit("no series in --print-results")
for k in ("circuit", "order_by"):
    if gui[k] != cli[k]:
        bad.append("%s: %r vs eisfit's %r" % (k, gui[k], cli[k]))
if len(gui["spectra"]) != len(cli["spectra"]):
    sys.exit("%d spectra vs eisfit's %d" % (len(gui["spectra"]), len(cli["spectra"])))
for g, c in zip(gui["spectra"], cli["spectra"]):
    name = os.path.basename(c["file"])
    if os.path.basename(g["file"]) != name or g["spectrum"] != c["spectrum"]:
        bad.append("order: %s vs eisfit's %s" % (g["file"], c["file"])); continue
    close(g["T_K"], c["T_K"], name + " T_K")
    for pg, pc in zip(g["parameters"], c["parameters"]):
        if pg["name"] != pc["name"]:
            bad.append("%s: parameter %s vs %s" % (name, pg["name"], pc["name"]))
        close(pg["value"], pc["value"], name + " " + pc["name"])
        close(pg["stderr"], pc["stderr"], name + " " + pc["name"] + " stderr")
        if pg.get("held", False) != pc.get("held", False):
            bad.append("%s %s held" % (name, pc["name"]))
    for k in ("R_bulk", "R_bulk_stderr", "R_gb", "R_gb_stderr", "sigma_bulk", "sigma_gb",
              "sigma_total", "R_interface_total", "ASR_per_interface_ohm_cm2", "chi2"):
        close(g[k], c[k], name + " " + k)
    if g["roles"] != c["roles"]:
        bad.append("%s roles %r vs %r" % (name, g["roles"], c["roles"]))
    for a in c["C_eff"]:
        close(g["C_eff"].get(a), c["C_eff"][a], name + " C_eff " + a)
    if g["warm_start"] != c["warm_start"]:
        bad.append(name + " warm_start")
    if g["changes"] != c["changes"]:
        bad.append("%s changes %r vs %r" % (name, g["changes"], c["changes"]))
# one writer: the page's series holds eisfit series' JSON object to the byte (its members,
# then the page's own: stale, own_fit, law, arrhenius), but for the window's absolute paths
import re
def base(t):
    return re.sub(r'"file": "[^"]*/([^"/]*)"', r'"file": "\1"', t)
text = base(open(sys.argv[2]).read())
if not (text.startswith("{") and text.endswith("}\n")
        and ("{" + text[1:-2] + ",\n \"stale\": ") in base(open(sys.argv[1]).read())):
    bad.append("the page's series JSON is not eisfit series --format json to the byte")
if sorted(set(gui) - set(cli)) != ["arrhenius", "law", "own_fit", "stale"]:
    bad.append("keys of the page's own: %s" % sorted(set(gui) - set(cli)))
if bad:
    sys.exit("\n".join(bad[:12]))
print("%d spectra, %s: eisfit series' JSON to the byte" % (len(gui["spectra"]), gui["circuit"]))
EOF

# 1. The pellets, automatic circuit, ordered by temperature.
# shellcheck disable=SC2086
run_gui --fit-all --series --print-results $geom $pellets >"$tmp/gui.json" 2>"$tmp/gui.err"
status=$?
[ "$status" -eq 0 ] || failed "eisfit-gtk --series exited with $status: $(cat "$tmp/gui.err")"
# shellcheck disable=SC2086
"$cli" series --format json $geom $pellets >"$tmp/cli.json" 2>"$tmp/cli.err" \
  || failed "eisfit series failed: $(cat "$tmp/cli.err")"
python3 "$tmp/compare.py" "$tmp/gui.json" "$tmp/cli.json" || failed "pellets: the GUI's series differs"
# Each spectrum was fitted alone first (--fit-all) with the series' circuit from another start:
# its own fit is the series' within a tenth of a standard error ("agrees"), not "differs".
python3 - "$tmp/gui.json" <<'EOF' || failed "pellets: own fits fitted alone are not said to agree"
import json, sys
own = json.load(open(sys.argv[1]))["series"]["own_fit"]
assert len(own) == 6 and all(o in ("this fit", "agrees") for o in own) and "agrees" in own, own
print("own fits:", own)
EOF
python3 - "$tmp/gui.json" <<'EOF' || failed "pellets: sigma_bulk at 25 degC is not the truth"
import json, sys
s = json.load(open(sys.argv[1]))["series"]
row = [x for x in s["spectra"] if abs(x["T_K"] - 298.15) < 1e-6][0]
sb = row["sigma_bulk"]
assert abs(sb / 2.07e-4 - 1) < 0.01, "sigma_bulk(25 degC) = %g S/cm, truth 2.07e-4" % sb
assert [x["T_K"] for x in s["spectra"]] == sorted(x["T_K"] for x in s["spectra"]), "order"
print("sigma_bulk(25 degC) = %.4g S/cm (truth 2.07e-4)" % sb)
EOF

# 2. The Li|Li cell: the interface and its ASR, a circuit given, the list's order.
li="$samples/li-before.csv $samples/li-after.csv"
c='R0-p(R1,CPE1)-CPE2'
# shellcheck disable=SC2086
run_gui --fit-all --series --print-results --cell li-symmetric -c "$c" $geom $li >"$tmp/li-gui.json" 2>"$tmp/li.err" \
  || failed "eisfit-gtk --series on the Li cell: $(cat "$tmp/li.err")"
# shellcheck disable=SC2086
"$cli" series --format json --cell li-symmetric -c "$c" $geom $li >"$tmp/li-cli.json" 2>>"$tmp/li.err" \
  || failed "eisfit series on the Li cell failed"
python3 "$tmp/compare.py" "$tmp/li-gui.json" "$tmp/li-cli.json" || failed "Li cell: the GUI's series differs"
python3 - "$tmp/li-gui.json" <<'EOF' || failed "Li cell: R_interface or ASR is not the truth"
import json, math, sys
s = json.load(open(sys.argv[1]))["series"]
area = math.pi * 0.5 ** 2
for row, truth in zip(s["spectra"], (353.0, 371.0)):
    ri, asr = row["R_interface_total"], row["ASR_per_interface_ohm_cm2"]
    assert abs(ri / truth - 1) < 0.02, "%s: R_interface %g, truth %g" % (row["file"], ri, truth)
    assert abs(asr - ri * area / 2) < 1e-9 * asr, "ASR %g != R_interface x area / 2 %g" % (asr, ri * area / 2)
    print("%s: R_interface %.1f Ohm (truth %g), ASR per interface %.1f Ohm cm2" % (row["file"].split("/")[-1], ri, truth, asr))
EOF
# shellcheck disable=SC2086
run_gui --fit-all --series --print-results --cell blocking -c "$c" $geom $li >"$tmp/li-b.json" 2>>"$tmp/li.err" \
  || failed "eisfit-gtk --series --cell blocking: $(cat "$tmp/li.err")"
python3 - "$tmp/li-b.json" <<'EOF' || failed "blocking: an interfacial resistance in the series"
import json, sys
for row in json.load(open(sys.argv[1]))["series"]["spectra"]:
    assert row["R_interface_total"] is None and row["ASR_per_interface_ohm_cm2"] is None, row
print("blocking: no R_interface, no ASR")
EOF

# 3. Driven as a user would.
cat > "$tmp/script" <<EOF
open $pellets
select 0 1 2
series-fit selected auto
print series
series-trends invT R1,sigma_total
print series
series-trends invT sigma_gb
print series
series-trends invT R1,sigma_total
series-csv $tmp/series.csv
series-csv $tmp/series.csv
series-csv $tmp/series.csv force
geometry 0.7mm 10mm ""
print series
series-fit all temperature
print series
series-fit all time
print series
open $samples/li-before.csv
series-fit all index
print series
quit
EOF
# shellcheck disable=SC2086
run_gui --test-script "$tmp/script" $geom >"$tmp/script.out" 2>"$tmp/script.err"
status=$?
[ "$status" -eq 0 ] || failed "--test-script exited with $status: $(cat "$tmp/script.err")"
if grep -E "CRITICAL|Gtk-WARNING|GLib-WARNING|GLib-GObject-WARNING" "$tmp/script.err" \
     | grep -v "Unable to acquire session bus" >"$tmp/criticals.txt"; then
  failed "GTK warnings or criticals on stderr:"; cat "$tmp/criticals.txt"
fi
# the first table: 3 rows in temperature order, sigma_total and chi2 columns, no stale mark
awk '/^status:/ { n++ } n == 1' "$tmp/script.out" > "$tmp/first.txt"
grep -q "^status: 3 spectra ordered by temperature" "$tmp/first.txt" \
  || failed "3 selected spectra: $(head -1 "$tmp/first.txt")"
[ "$(grep -c '^row: ' "$tmp/first.txt")" -eq 3 ] || failed "3 selected spectra: not 3 rows"
grep '^row: 1 | pellet-m20C.csv #1 | not fitted | -20.00 |' "$tmp/first.txt" >/dev/null \
  && grep '^row: 3 | pellet-25C.csv #1 | not fitted | 25.00 |' "$tmp/first.txt" >/dev/null \
  || failed "rows not in temperature order: $(grep '^row:' "$tmp/first.txt")"
for col in "T / °C" "R1 / Ω" "σ_total / S cm⁻¹" "σ_gb (apparent) / S cm⁻¹" "χ²" "R1||C1: role, C_eff" "Changes, warnings"; do
  grep "^columns: " "$tmp/first.txt" | grep -qF "$col" || failed "no column $col"
done
grep "^columns: " "$tmp/first.txt" | grep -q "ASR" && failed "an ASR column for pellets between blocking electrodes"
grep -q "^stale: no" "$tmp/first.txt" || failed "a fresh fit marked stale"
grep -q "^trends: x T: R1 / Ω, R2 / Ω" "$tmp/first.txt" \
  || failed "default trends: $(grep '^trends' "$tmp/first.txt")"
awk '/^status:/ { n++ } n == 2' "$tmp/script.out" | grep -q "^trends: x invT: R1 / Ω, σ_total / S cm⁻¹" \
  || failed "trends against 1000/T: $(awk '/^status:/ { n++ } n == 2' "$tmp/script.out" | grep '^trends')"
# the grain boundary's conductivity is an apparent one (R_gb with the pellet's L/A), as eisfit
# fit says ("sigma_gb ... (apparent, R_gb ...)"): the column and the trend say so
awk '/^status:/ { n++ } n == 3' "$tmp/script.out" | grep -q "^trends: x invT: σ_gb (apparent) / S cm⁻¹" \
  || failed "the trend of sigma_gb is not marked apparent: $(awk '/^status:/ { n++ } n == 3' "$tmp/script.out" | grep '^trends')"
# the CSV: written once, refused once, replaced with force; the columns and numbers of eisfit's
[ "$(grep -c '^series-csv: .*exists' "$tmp/script.out")" -eq 1 ] \
  || failed "CSV export over an existing file: $(grep '^series-csv' "$tmp/script.out")"
"$cli" series --format csv $geom "$samples/pellet-m20C.csv" "$samples/pellet-0C.csv" \
  "$samples/pellet-25C.csv" >"$tmp/cli.csv" 2>/dev/null || failed "eisfit series --format csv"
# the file column holds the path as opened: compare the rest
cut -d, -f2- "$tmp/series.csv" > "$tmp/a.csv"
cut -d, -f2- "$tmp/cli.csv" > "$tmp/b.csv"
if [ ! -s "$tmp/a.csv" ] || ! cmp -s "$tmp/a.csv" "$tmp/b.csv"; then
  failed "the exported CSV differs from eisfit series --format csv:"; diff "$tmp/a.csv" "$tmp/b.csv" | head -5
fi
# a geometry typed since: stale; the next fit of all six: fresh, 6 rows
awk '/^status:/ { n++ } n == 4' "$tmp/script.out" | grep -q "^stale: .*changed since the series was fitted" \
  || failed "a changed geometry does not mark the table"
awk '/^status:/ { n++ } n == 5' "$tmp/script.out" > "$tmp/fourth.txt"
grep -q "^stale: no" "$tmp/fourth.txt" && [ "$(grep -c '^row: ' "$tmp/fourth.txt")" -eq 6 ] \
  || failed "fitting all six again: $(head -2 "$tmp/fourth.txt")"
# ordered by time without time stamps: refused with the reason, the six rows stay
awk '/^status:/ { n++ } n == 6' "$tmp/script.out" > "$tmp/fifth.txt"
grep -q "^status: Order by time: .*no time stamps" "$tmp/fifth.txt" \
  && [ "$(grep -c '^row: ' "$tmp/fifth.txt")" -eq 6 ] \
  || failed "order by time without time stamps: $(head -1 "$tmp/fifth.txt")"
# a spectrum without a temperature in a series in list order: in the table, left off the plot
# against T with a note
awk '/^status:/ { n++ } n == 7' "$tmp/script.out" > "$tmp/sixth.txt"
grep -q "^status: 7 spectra ordered by their order in the list" "$tmp/sixth.txt" \
  && grep -q "^row: 7 | li-before.csv #1 | not fitted | – |" "$tmp/sixth.txt" \
  && grep -q "^trends-note: li-before.csv #1 not drawn: no temperature" "$tmp/sixth.txt" \
  || failed "a spectrum without temperature: $(grep -E '^(status|row: 7|trends-note)' "$tmp/sixth.txt")"

# 4. The trend figure, exported from the Series page.
# shellcheck disable=SC2086
run_gui --fit-all --series --page series --export-plot "$tmp/trends.png" $geom $pellets \
  >/dev/null 2>"$tmp/export.err" || failed "--export-plot of the series: $(cat "$tmp/export.err")"
if command -v convert >/dev/null 2>&1 && [ -s "$tmp/trends.png" ]; then
  blue=$(convert "$tmp/trends.png" -fuzz 12% -fill white +opaque 'rgb(0,114,178)' -fill black \
           -opaque 'rgb(0,114,178)' -colorspace Gray -format '%[fx:1-mean]' info: 2>/dev/null)
  awk -v b="$blue" 'BEGIN { exit !(b > 0.0005) }' || failed "the trend figure has no data in blue ($blue)"
elif [ ! -s "$tmp/trends.png" ]; then
  failed "no trend figure written"
fi

# 5. As a user clicks: Fit All (Ctrl+Shift+F), then the Series page's Fit series button (found
#    by its colour below the header bar): the trend plot's markers appear where the placeholder
#    was.
if command -v xdotool >/dev/null 2>&1 && command -v import >/dev/null 2>&1 \
   && command -v convert >/dev/null 2>&1; then
  cat >"$tmp/drive.sh" <<'DRIVE'
#!/bin/sh
# inside xvfb-run: GUI DIR FILE...; prints "button X Y", "before N" and "after N"
gui=$1 dir=$2
shift 2
GDK_BACKEND=x11 "$gui" --size 1024x700 --page series --thickness 0.6mm --diameter 10mm "$@" \
  2>"$dir/drive.err" &
pid=$!
pixels () {
  convert "$1" -alpha off -fuzz "$3" -fill 'rgb(0,255,0)' -opaque "$2" txt:- 2>/dev/null \
    | awk -F'[,:]' '/#00FF00/ { print $1, $2 }'
}
shot () { import -window root "$1" 2>/dev/null; }
w=
for i in $(seq 1 120); do
  w=$(xdotool search --onlyvisible --name 'eisfit' 2>/dev/null | head -1)
  [ -n "$w" ] && break
  sleep 0.5
done
[ -n "$w" ] || { echo "no window"; kill $pid; exit 0; }
sleep 1
xdotool windowfocus --sync "$w" 2>/dev/null; xdotool key ctrl+shift+f
sleep 4
shot "$dir/d1.png"
# the suggested-action blue right of the list and below the header bar: Fit series
button=$(pixels "$dir/d1.png" 'rgb(53,132,228)' 8% \
           | awk '$1 > 160 && $2 > 60 && $2 < 400 { sx += $1; sy += $2; n++ }
                  END { if (n > 50) printf "%d %d\n", sx / n, sy / n }')
echo "button $button"
echo "before $(pixels "$dir/d1.png" 'rgb(0,114,178)' 10% | awk '$2 > 300' | wc -l)"
[ -n "$button" ] || { kill $pid; exit 0; }
set -- $button
xdotool mousemove "$1" "$2" click 1
n=0
for i in $(seq 1 30); do
  sleep 1
  shot "$dir/d2.png"
  n=$(pixels "$dir/d2.png" 'rgb(0,114,178)' 10% | awk '$2 > 300' | wc -l)
  [ "$n" -gt 100 ] && break
done
echo "after $n"
kill $pid
DRIVE
  # shellcheck disable=SC2086
  xvfb-run -a -s "-screen 0 1100x760x24" sh "$tmp/drive.sh" "$gui" "$tmp" $pellets \
    >"$tmp/drive.txt" 2>&1
  grep -v "session bus" "$tmp/drive.txt"
  button=$(awk '$1 == "button" { print $2 }' "$tmp/drive.txt")
  before=$(awk '$1 == "before" { print $2 }' "$tmp/drive.txt")
  after=$(awk '$1 == "after" { print $2 }' "$tmp/drive.txt")
  if [ -z "$button" ]; then
    failed "xdotool: no Fit series button found on the Series page"
  elif [ "${before:-99}" -gt 20 ] || [ "${after:-0}" -le 100 ]; then
    failed "xdotool: trend markers before Fit series $before, after $after"
  fi
else
  echo "note: xdotool or ImageMagick missing: the Fit series button is not clicked"
fi

# 6. One spectrum is no series.
run_gui --fit-all --series --print-results "$samples/pellet-25C.csv" >"$tmp/one.json" 2>"$tmp/one.err"
status=$?
[ "$status" -eq 3 ] || failed "--series with one spectrum: exit $status, expected 3"
grep -q '"series": null' "$tmp/one.json" || failed "--series with one spectrum: a series printed"
grep -q "two or more spectra" "$tmp/one.err" || failed "--series with one spectrum: $(cat "$tmp/one.err")"

[ "$fail" -eq 0 ] && echo "PASS: the Series page"
exit "$fail"
