#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Undo of Remove Spectrum after more files were opened, and a file opened twice (issue 13):
#  1. four pellet spectra fitted, pellet-0C with points left out and a label: removing 0C and
#     40C (two steps), opening two more files, and undoing both puts each back at its place
#     with its own fit, label and points left out;
#  2. pellet-0C removed, opened again (a new spectrum, not fitted) and the removal undone: the
#     list holds both; a project saved then names a file for each (before: both spectra were
#     given the first file, and the project could not be opened again: "[spectrum 4] is
#     spectrum #1 of file 2 again"); opened in a new window, the first has its fit and its
#     points left out, the second neither.
# Skips (77) without xvfb-run or python3.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup undo-reopen
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"
  exit 77
fi

# the samples by absolute path, as a project records them
S=$(cd "$S" && pwd)
cat >"$tmp/a.script" <<EOF
open $S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv
select all
fit-all
label 1 zero
select 1
exclude 1e5:1e7
select 1
remove 1
select 2
remove 2
open $S/pellet-60C.csv $S/pellet-80C.csv
undo
undo
print legend
select all
print json
select 1
remove 1
open $S/pellet-0C.csv
undo
print legend
save-project $tmp/twice.eisfit
quit
EOF
cat >"$tmp/b.script" <<EOF
open-project $tmp/twice.eisfit
print banner
select all
print json
quit
EOF
run_gui --test-script "$tmp/a.script" >"$tmp/a.out" 2>"$tmp/a.err" \
  || failed "first session exited with $?: $(tail -3 "$tmp/a.err")"
run_gui --test-script "$tmp/b.script" >"$tmp/b.out" 2>"$tmp/b.err" \
  || failed "second session exited with $?: $(tail -3 "$tmp/b.err")"

# 1. both removals undone after two more files were opened
expect="pellet-m20C zero pellet-25C pellet-40C pellet-60C pellet-80C "
got=$(grep -v '^ \|^{\|^}' "$tmp/a.out" | grep '^pellet\|^zero' | head -6 | tr '\n' ' ')
[ "$got" = "$expect" ] || failed "after undoing both removals the list is: $got (expected $expect)"
# 2. the file opened again: both spectra of pellet-0C in the list
# (the list is in order of temperature: the new pellet-0C beside the one at 0 degC)
expect2="pellet-m20C zero pellet-0C #1 pellet-25C pellet-40C pellet-60C pellet-80C "
got2=$(grep '^pellet\|^zero' "$tmp/a.out" | sed -n '7,13p' | tr '\n' ' ')
[ "$got2" = "$expect2" ] || failed "with pellet-0C opened again and its removal undone: $got2"
grep -q '^file=7$' "$tmp/twice.eisfit" \
  || failed "the spectrum opened again has no file of its own in the project: $(grep '^file=' "$tmp/twice.eisfit" | tr '\n' ' ')"
grep -qw 'again' "$tmp/b.out" && failed "the project cannot be opened again: $(grep again "$tmp/b.out")"

python3 - "$tmp/a.out" "$tmp/b.out" <<'EOF' || fail=1
import json, sys
def docs(path):
    out, cur = [], None
    for line in open(path):
        if line.rstrip("\n") == "{":
            cur = []
        if cur is not None:
            cur.append(line)
            if line.rstrip("\n") == "}":
                out.append(json.loads("".join(cur)))
                cur = None
    return out
bad = []
a = docs(sys.argv[1])[0]["spectra"]
zero = [s for s in a if s["file"].endswith("pellet-0C.csv")]
if len(zero) != 1 or zero[0]["status"] == "not fitted" or not zero[0]["left_out"]:
    bad.append("after the undos pellet-0C is not the one fitted with points left out: %s" % zero)
b = docs(sys.argv[2])
if not b:
    bad.append("the project saved with pellet-0C twice did not open")
else:
    zero = [s for s in b[0]["spectra"] if s["file"].endswith("pellet-0C.csv")]
    if len(zero) != 2:
        bad.append("reopened: %d spectra of pellet-0C, not 2" % len(zero))
    elif zero[0]["status"] == "not fitted" or not zero[0]["left_out"] \
            or zero[1]["status"] != "not fitted" or zero[1].get("left_out"):
        bad.append("reopened: the fit and points left out are not the first pellet-0C's alone: %s"
                   % [(z["status"], z.get("left_out")) for z in zero])
    if len(b[0]["spectra"]) != 7:
        bad.append("reopened: %d spectra, not 7" % len(b[0]["spectra"]))
for x in bad:
    print("FAIL: " + x)
sys.exit(1 if bad else 0)
EOF
exit "$fail"
