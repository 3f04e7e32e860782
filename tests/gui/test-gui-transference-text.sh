#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference page says t+ in eisfit transference's words and numbers (issue 13): its
# headline (one value, both readings of an arc of open role, or none with the reason) and its
# "all forms" (every form of t+ and the other reading) come from the same engine functions as
# the command's (eis_bv_headline_text, eis_bv_forms_text), so every number in them equals the
# command's, in the same order. Before, the page wrote its own: t₊ to 3 decimals (0.860 ±
# 0.008 beside the command's 0.8603 +- 0.0079) and no forms of the other reading.
# Cases: the li samples (one value); R0 typed 500 Ohm with I0 extrapolated (no t+: the formula
# gives -1.245); an SEI arc of open role (two readings, as test-gui-transference-range.sh).
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup trtext
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 not found"; exit 77; fi

"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,150,2.048632e-08,0.9,300,4.308314e-05,0.85 \
  0.1 1e6 10 0.003 11 > "$tmp/a-before.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,180,2.011619e-08,0.9,320,4.266807e-05,0.85 \
  0.1 1e6 10 0.003 12 > "$tmp/a-after.csv"
"$gen" polarization 0.010 1.5385e-5 1.0e-5 1200 14400 5 0.002 1 > "$tmp/pol.csv"

cat > "$tmp/compare.py" <<'PY'
import re, sys
cli = open(sys.argv[1]).read().splitlines()
gui = open(sys.argv[2]).read().splitlines()
case, want = sys.argv[3], sys.argv[4]
def block(lines, start, stop):
    out, on = [], False
    for l in lines:
        if on and re.match(stop, l):
            break
        if not on and re.match(start, l):
            on = True
        if on:
            out.append(l)
    return out
NUM = re.compile(r"(?<![A-Za-z_0-9.])[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
def numbers(lines):
    return [float(x) for x in NUM.findall("\n".join(lines).replace("+-", " ").replace("±", " "))]
bad = []
ch = block(cli, r"^  t\+", r"^  all forms:")
gh = block(gui, r"^result: ", r"^ΔV = ")
if not ch or not gh:
    sys.exit("FAIL: %s: no headline (eisfit: %r, page: %r)" % (case, ch, gh))
gh[0] = gh[0][len("result: "):]
if want not in gh[0]:
    bad.append("headline %r does not say %r" % (gh[0], want))
if numbers(ch) != numbers(gh):
    bad.append("headline numbers %s, eisfit transference's %s" % (numbers(gh), numbers(ch)))
cf = block(cli, r"^  all forms:", r"^  (no warnings|warning:)")
gf = block(gui, r"^(details: )?  all forms:", r"^I₀: measured")
if not cf or numbers(cf) != numbers(gf):
    bad.append("all forms: %s, eisfit transference's %s" % (numbers(gf), numbers(cf)))
for b in bad:
    print("FAIL: %s: %s" % (case, b))
if not bad:
    print("ok: %s: the page's headline and all forms carry eisfit transference's %d and %d numbers (%s)"
          % (case, len(numbers(ch)), len(numbers(cf)), gh[0][:60]))
sys.exit(1 if bad else 0)
PY

run_case () { # NAME WANT "CLI OPTIONS" "SCRIPT STEPS" FILES...
  name=$1 want=$2 opts=$3 steps=$4; shift 4
  # shellcheck disable=SC2086
  "$cli" transference --polarization "$1" --before "$2" --after "$3" $opts > "$tmp/$name-cli.txt" 2>/dev/null
  printf 'open %s %s %s\nfit-all\npage transference\n%b\ncompute\nprint transference\nquit\n' \
    "$1" "$2" "$3" "$steps" > "$tmp/$name.script"
  run_gui --test-script "$tmp/$name.script" > "$tmp/$name-gui.txt" 2> "$tmp/$name.err" \
    || failed "$name: --test-script: $(grep -v 'session bus' "$tmp/$name.err")"
  python3 "$tmp/compare.py" "$tmp/$name-cli.txt" "$tmp/$name-gui.txt" "$name" "$want" || fail=1
}
run_case one "t₊ = " "" "" "$S/li-polarization.csv" "$S/li-before.csv" "$S/li-after.csv"
run_case none "t₊: none" "--voltage 10mV --r0 500 --i0 extrapolated" \
  "transference i0 extrapolated\ntransference R0 500" \
  "$S/li-polarization.csv" "$S/li-before.csv" "$S/li-after.csv"
run_case two "to" "" "" "$tmp/pol.csv" "$tmp/a-before.csv" "$tmp/a-after.csv"
grep -q "other reading" "$tmp/two-gui.txt" && echo "ok: two readings: the details give the other reading's forms" \
  || failed "two readings: no other reading in the details"
exit $fail
