#!/bin/sh
# -q/--quiet works in every command and -j/--jobs in every command that fits (man eisfit,
# OPTIONS): drt, kk and series refused them ("invalid option"), transference, info and
# convert refused -q. A file without a final line end gives an import note to silence (a note,
# not a warning: it changes nothing).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
head -c -1 "$s/pellet-25C.csv" > "$tmp/cut-25C.csv"
head -c -1 "$s/pellet-40C.csv" > "$tmp/cut-40C.csv"
for cmd in drt kk series "arrhenius --thickness 1mm --area 1cm2" fit; do
  name=${cmd%% *}
  # shellcheck disable=SC2086
  "$EISFIT" $cmd "$tmp/cut-25C.csv" "$tmp/cut-40C.csv" > "$tmp/$name.out" 2> "$tmp/$name.err"
  grep -q "note: .*has no line end" "$tmp/$name.err" && ! grep -q "warning: .*has no line end" "$tmp/$name.err"
  check "$name notes the cut line without -q, as a note" $?
  # shellcheck disable=SC2086
  "$EISFIT" $cmd -q -j 2 "$tmp/cut-25C.csv" "$tmp/cut-40C.csv" > "$tmp/$name-q.out" 2> "$tmp/$name-q.err"; st=$?
  [ $st -eq 0 ] && ! grep -q "warning\|note" "$tmp/$name-q.err" && cmp -s "$tmp/$name.out" "$tmp/$name-q.out"
  check "$name -q -j 2: exit 0 (exit $st), no warning or note, the same report: $(head -c 200 "$tmp/$name-q.err")" $?
done
"$EISFIT" transference -q --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --voltage 50mV > "$tmp/tr.out" 2> "$tmp/tr.err"; st=$?
[ $st -eq 0 ] && [ ! -s "$tmp/tr.err" ] && grep -q "dV = 50 mV exceeds 20 mV" "$tmp/tr.out"
check "transference -q: exit 0 (exit $st), the warning in the report only: $(head -c 200 "$tmp/tr.err")" $?
"$EISFIT" info -q "$tmp/cut-25C.csv" > /dev/null 2> "$tmp/info.err"; st=$?
[ $st -eq 0 ] && ! grep -q "warning\|note" "$tmp/info.err"
check "info -q: exit 0 (exit $st)" $?
"$EISFIT" convert -q -o "$tmp/conv" "$tmp/cut-25C.csv" > /dev/null 2> "$tmp/conv.err"; st=$?
[ $st -eq 0 ] && ! grep -q "warning\|note" "$tmp/conv.err" && [ -s "$tmp/conv/cut-25C.csv" ]
check "convert -q: exit 0 (exit $st), no warning: $(head -c 200 "$tmp/conv.err")" $?
"$EISFIT" kk -j 0 "$tmp/cut-25C.csv" > /dev/null 2> "$tmp/j0.err"; st=$?
[ $st -eq 1 ] && grep -q "expected a whole number from 1 to 64" "$tmp/j0.err"
check "kk -j 0: exit 1 (exit $st)" $?
"$EISFIT" convert -o "$tmp/conv2" "$tmp/cut-25C.csv" > /dev/null 2> "$tmp/conv2.err"; st=$?
[ $st -eq 0 ] && grep -q "note: .*cut-25C.csv: spectrum 1: line 80, the last, has no line end" "$tmp/conv2.err" \
  && ! grep -q warning "$tmp/conv2.err"
check "convert notes the cut line as a note (exit $st): $(head -c 200 "$tmp/conv2.err")" $?
exit $fail
