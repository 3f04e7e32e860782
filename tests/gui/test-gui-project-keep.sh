#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Save Project keeps the work (the hostile tester's F5, F6, F7):
#  - a geometry typed wrong ("0,6mm", "n/a") is not saved: Save Project says which file and
#    field, and saves nothing (before, the project was written and then neither eisfit-gtk nor
#    eisfit could open it); mended, it saves;
#  - a data file that vanished after it was opened does not stop the save: the project keeps
#    every fit, and records the content that was opened and fitted (its SHA-256 when opened):
#    reopened after the file came back changed, the project says the content differs.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup project-keep

mkdir "$tmp/d"
cp "$S/pellet-25C.csv" "$tmp/d/a.csv"
cp "$S/pellet-40C.csv" "$tmp/d/b.csv"

# 1. a geometry that does not parse
cat > "$tmp/g.script" <<EOS
open $tmp/d/a.csv
fit
geometry 0,6mm 10mm n/a
save-project $tmp/bad.eisfit
geometry 0.6mm 10mm ""
save-project $tmp/good.eisfit
quit
EOS
run_gui --test-script "$tmp/g.script" > "$tmp/g.out" 2> "$tmp/g.err"
[ -e "$tmp/bad.eisfit" ] && failed "a project with thickness 0,6mm was written"
grep -q "save-project: .*a.csv: thickness \"0,6mm\".*Correct it" "$tmp/g.out" \
  || failed "no message naming the file and the thickness: $(cat "$tmp/g.out" "$tmp/g.err")"
[ -s "$tmp/good.eisfit" ] || failed "the mended geometry was not saved: $(cat "$tmp/g.out")"
"$cli" --project "$tmp/good.eisfit" > /dev/null 2> "$tmp/cli.err" \
  || failed "eisfit cannot read the saved project: $(cat "$tmp/cli.err")"

# 2. a data file gone before Save Project: the GUI prints "ready" after the fits, then waits
# while this shell moves a.csv away
cat > "$tmp/v.script" <<EOS
open $tmp/d/a.csv $tmp/d/b.csv
select all
fit-all
print title
wait 6000
save-project $tmp/v.eisfit
quit
EOS
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/v.script" > "$tmp/v.out" \
  2> "$tmp/v.err" &
pid=$!
i=0
while ! grep -q . "$tmp/v.out" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
mv "$tmp/d/a.csv" "$tmp/a.away"
wait $pid
grep -q "save-project:" "$tmp/v.out" && failed "Save Project refused: $(cat "$tmp/v.out")"
[ -s "$tmp/v.eisfit" ] || failed "no project saved with a data file gone"
n=$(grep -c '^\[spectrum' "$tmp/v.eisfit")
[ "$n" -eq 2 ] || failed "$n of 2 spectra saved"
want=$(sha256sum "$tmp/a.away" | cut -d' ' -f1)
grep -q "$want" "$tmp/v.eisfit" || failed "the SHA-256 of a.csv as opened is not recorded"
# the file comes back changed: the project notices (its content check)
sed 's/^1000000,/1000000.5,/' "$tmp/a.away" > "$tmp/d/a.csv"
cmp -s "$tmp/a.away" "$tmp/d/a.csv" && { sed '5s/$/ /' "$tmp/a.away" > "$tmp/d/a.csv"; }
"$cli" --project "$tmp/v.eisfit" > /dev/null 2> "$tmp/v-cli.err"
grep -qi "sha-256\|content\|changed" "$tmp/v-cli.err" \
  || failed "a changed data file passes the project's content check: $(cat "$tmp/v-cli.err")"
exit $fail
