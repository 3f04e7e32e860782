#!/bin/sh
# eisfit-gtk's Series page tests the joint fit's sharing as eisfit does, and its Arrhenius
# numbers are eisfit arrhenius's: on the pellet series whose CPE keeps Q and n with T
# (tests/data/series-sharing/qconst-*.csv, truth Ea_bulk 0.300 eV), the page (law
# arrhenius) must say which sharing was tested and rejected, with the same sharing_tests as
# eisfit series --format json, and its two-step bulk and total Ea must equal eisfit
# arrhenius's to relative 1e-9; after "Use these fits", the Arrhenius tab (the window's
# --print-results JSON) gives the same bulk and total Ea, the bulk line through the spectra
# that give a bulk conductivity, as eisfit arrhenius. Skips (77) without xvfb-run or python3.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk
cli=$top_builddir/eisfit
d=$top_srcdir/tests/data/series-sharing
command -v xvfb-run >/dev/null 2>&1 || { echo "SKIP: xvfb-run not found (Debian package xvfb)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/eisfit-gui-sharing.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
GSK_RENDERER=cairo; export GSK_RENDERER
XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
GTK_A11Y=none; export GTK_A11Y
NO_AT_BRIDGE=1; export NO_AT_BRIDGE
geom="--thickness 0.5mm --diameter 10mm"
files="$d/qconst-m20C.csv $d/qconst-0C.csv $d/qconst-20C.csv $d/qconst-40C.csv $d/qconst-60C.csv $d/qconst-80C.csv"
cat > "$tmp/a.script" <<EOF
open $files
select all
series-law arrhenius
series-fit all auto
print series
print json
series-adopt
print json
quit
EOF
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/a.script" $geom \
  >"$tmp/a.out" 2>"$tmp/a.err" || { echo "FAIL: --test-script exited with $?: $(tail -3 "$tmp/a.err")"; exit 1; }
fail=0
if grep -E "CRITICAL|Gtk-WARNING|GLib-WARNING|GLib-GObject-WARNING" "$tmp/a.err" | grep -v "session bus"; then
  echo "FAIL: GTK warnings or criticals"; fail=1
fi
# (the series may take the circuit without L0 at once, as eisfit series does since its fits
# start better: then no L0 sharing is tested; test-series-sharing.sh)
if grep -q "^Sharing tested (rejected when an alternative lowers the BIC by more than 10): \(sharing L0 rejected; L0 left out (0) instead (Delta BIC +[0-9.]*); \)\?sharing CPE1's C_eff with CPE1_n rejected; CPE1_Q and CPE1_n shared instead as Q (C_eff following R) (Delta BIC +[0-9.]*)" "$tmp/a.out"
then echo "ok: the page says which sharing was tested and rejected"
else echo "FAIL: the page's status:"; grep -i "sharing" "$tmp/a.out"; fail=1; fi
json_of () {
  awk -v k="$1" '/^\{$/ { n++ } n == k { print } n == k && /^\}$/ { exit }' "$tmp/a.out"
}
json_of 1 > "$tmp/page.json"
json_of 2 > "$tmp/adopted.json"
# shellcheck disable=SC2086
"$cli" series -f json $geom $files > "$tmp/s.json" 2>/dev/null || { echo "FAIL: eisfit series"; fail=1; }
# shellcheck disable=SC2086
"$cli" arrhenius -f json $geom $files > "$tmp/a.json" 2>/dev/null || { echo "FAIL: eisfit arrhenius"; fail=1; }
python3 - "$tmp/page.json" "$tmp/adopted.json" "$tmp/s.json" "$tmp/a.json" <<'EOF' || fail=1
import json, sys
page = json.load(open(sys.argv[1]))["series"]
adopted = json.load(open(sys.argv[2]))
series = json.load(open(sys.argv[3]))
arr = json.load(open(sys.argv[4]))
bad = []
if page.get("sharing_tests") != series.get("sharing_tests"):
    bad.append("sharing_tests: %r vs eisfit's %r" % (page.get("sharing_tests"), series.get("sharing_tests")))
def close(a, b, what):
    rel = abs(a - b) / max(abs(a), abs(b))
    print("%s: %s %.12g, eisfit %.12g (rel %.1e)" % ("ok" if rel <= 1e-9 else "FAIL", what, a, b, rel))
    if not rel <= 1e-9:
        bad.append(what)
# eisfit arrhenius JSON: bulk and total sigma-form fits
cb = arr["bulk"]["sigma"]["Ea_eV"] if "bulk" in arr else arr["arrhenius"]["bulk"]["sigma"]["Ea_eV"]
ct = arr["total"]["sigma"]["Ea_eV"] if "total" in arr else arr["arrhenius"]["total"]["sigma"]["Ea_eV"]
close(page["arrhenius"]["bulk"]["sigma"]["Ea_eV"], cb, "Series page bulk Ea")
close(page["arrhenius"]["total"]["sigma"]["Ea_eV"], ct, "Series page total Ea")
close(adopted["arrhenius"]["bulk"]["Ea_eV"], cb, "Arrhenius tab bulk Ea (Use these fits)")
close(adopted["arrhenius"]["total"]["Ea_eV"], ct, "Arrhenius tab total Ea (Use these fits)")
if abs(cb - 0.300) > 3 * (arr["bulk"]["sigma"]["Ea_stderr_eV"] if "bulk" in arr else arr["arrhenius"]["bulk"]["sigma"]["Ea_stderr_eV"]):
    bad.append("bulk Ea %.5f not within 3 s.e. of the truth 0.300 eV" % cb)
if bad:
    sys.exit("FAIL: " + "; ".join(bad))
print("ok: the same sharing tests, Ea and the truth")
EOF
exit $fail
