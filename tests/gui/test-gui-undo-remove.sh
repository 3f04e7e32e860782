#!/bin/sh
# Remove Spectrum is a step of undo (issue 13, item 6), driven by --test-script under Xvfb on
# the six pellet samples, fitted:
#  1. removing pellet-40C (list position 3) leaves five spectra in the list and in the results;
#  2. Ctrl+Z puts it back at position 3 with its fit: the results (every spectrum's circuit and
#     parameters, the Arrhenius fit) are those before the removal, byte for byte, and it is
#     selected and shown again (the title names it);
#  3. Ctrl+Shift+Z removes it again; Ctrl+Z puts it back again;
#  4. the step before it (Fit All) is still there: one more Ctrl+Z leaves every spectrum
#     unfitted, all six still in the list.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup undo-remove

pellets="$S/pellet-m20C.csv $S/pellet-0C.csv $S/pellet-25C.csv $S/pellet-40C.csv $S/pellet-60C.csv $S/pellet-80C.csv"

# What the window prints after each step (JSON documents, titles, legends) is split below.
cat >"$tmp/undo.script" <<EOS
open $pellets
select all
fit-all
print json
select 3
print title
remove 3
print legend
select all
print json
undo
print title
print legend
select all
print json
redo
print legend
undo
print legend
undo
print json
print legend
quit
EOS
xvfb-run -a -s "-screen 0 1300x900x24" "$gui" --size 1280x800 --thickness 0.6mm --diameter 10mm \
  --test-script "$tmp/undo.script" >"$tmp/undo.out" 2>"$tmp/undo.err" \
  || failed "eisfit-gtk --test-script exited with $?: $(cat "$tmp/undo.err")"

# The output: JSON documents ({ ... } at column 0), titles, and legends (six or five lines).
awk -v dir="$tmp" '
  /^\{$/ { json++; f = dir "/json" json; inj = 1 }
  inj { print > f; if ($0 == "}") inj = 0; next }
  { print > (dir "/lines") }' "$tmp/undo.out"
for i in 1 2 3 4; do
  [ -s "$tmp/json$i" ] || failed "no JSON document $i in the output: $(cat "$tmp/undo.out")"
done
[ "$fail" -eq 0 ] || exit 1

nspectra () { grep -c '"file": ' "$1"; }
nfitted () { grep '"file": ' "$1" | grep -vc '"status": "not fitted"'; }

# 0. before: six fitted spectra and an Arrhenius fit
[ "$(nspectra "$tmp/json1")" -eq 6 ] && [ "$(nfitted "$tmp/json1")" -eq 6 ] \
  || failed "before: not six fitted spectra: $(cat "$tmp/json1")"
grep -q '"Ea_eV"' "$tmp/json1" || failed "before: no Arrhenius fit: $(cat "$tmp/json1")"

# 1. removed: five spectra, pellet-40C gone
[ "$(nspectra "$tmp/json2")" -eq 5 ] || failed "remove: $(nspectra "$tmp/json2") spectra left, not 5"
grep -q 'pellet-40C' "$tmp/json2" && failed "remove: pellet-40C is still in the results"

# the legends, in order: removed, undone, redone, undone again, and after undoing Fit All
legend6="pellet-m20C pellet-0C pellet-25C pellet-40C pellet-60C pellet-80C"
legend5="pellet-m20C pellet-0C pellet-25C pellet-60C pellet-80C"
grep '^pellet-' "$tmp/lines" | tr '\n' ' ' >"$tmp/legends"
expect="$legend5 $legend6 $legend5 $legend6 $legend6 "
[ "$(cat "$tmp/legends")" = "$expect" ] \
  || failed "the lists after remove, undo, redo, undo, undo are: $(cat "$tmp/legends")"

# 2. undone: the results as before, byte for byte (the fit came back with the spectrum)
cmp -s "$tmp/json1" "$tmp/json3" \
  || failed "undo of Remove Spectrum: the results differ from those before: $(diff "$tmp/json1" "$tmp/json3" | cut -c1-160 | head -6)"
# the spectrum put back is the one selected and shown, as before the removal
[ "$(grep -c '^\*pellet-40C.csv — eisfit$' "$tmp/lines")" -eq 2 ] \
  || failed "the titles before the removal and after its undo: $(grep 'eisfit$' "$tmp/lines")"

# 4. one more undo takes back Fit All: nothing fitted, six spectra
[ "$(nspectra "$tmp/json4")" -eq 6 ] && [ "$(nfitted "$tmp/json4")" -eq 0 ] \
  || failed "undo after the removal's undo: not the six unfitted spectra: $(cat "$tmp/json4")"

exit "$fail"
