#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The automatic circuit choice as a table (issue 13 item 3) under Xvfb: every candidate eisfit
# lists, with its BIC, its distance from the chosen one and why it was passed over; hidden for a
# circuit that was given. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup bic

cat >"$tmp/bic.script" <<EOS
open $S/pellet-25C.csv
fit
print fit-info
print bic
circuit R0-p(R1,CPE1)-CPE2
fit
print bic
EOS
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/bic.script" >"$tmp/bic.out" \
  2>"$tmp/bic.err" || failed "eisfit-gtk --test-script failed: $(cat "$tmp/bic.err")"
"$cli" --no-kk "$S/pellet-25C.csv" >"$tmp/cli.txt" 2>/dev/null

# eisfit's candidates: "BIC <value>  <circuit>[  (outside its physical range: <why>)]"
sed -n 's/^ *BIC  *\([-0-9.]*\)  \([^ ]*\).*/\2 \1/p' "$tmp/cli.txt" >"$tmp/cli-cands.txt"
n=$(wc -l <"$tmp/cli-cands.txt")
[ "$n" -ge 3 ] || failed "eisfit listed $n candidates"
picked=$(sed -n 's/.*(picked \([^ ]*\) by lowest BIC.*/\1/p' "$tmp/cli.txt" | head -1)
grep -q "^Automatic choice: $n circuits compared by BIC$" "$tmp/bic.out" \
  || failed "the table does not say that $n circuits were compared: $(head -3 "$tmp/bic.out")"
grep -q 'chosen automatically by BIC: the comparison is below' "$tmp/bic.out" \
  || failed "the fit summary still points to a tooltip"
while read -r c b; do
  grep -F "$c | $b | " "$tmp/bic.out" | cut -d'|' -f1 | grep -F -x -q "$c " \
    || failed "candidate $c (BIC $b) is not in the table"
done <"$tmp/cli-cands.txt"
grep -F "$picked | " "$tmp/bic.out" | cut -d'|' -f1,3,4 | grep -F -x -q "$picked | +0.0 | chosen" \
  || failed "the chosen circuit $picked is not marked with dBIC 0"
# why each was passed over, as eisfit says it
sed -n 's/^ *BIC  *[-0-9.]*  \([^ ]*\)  (outside its physical range: \(.*\))$/\1|\2/p' "$tmp/cli.txt" \
  >"$tmp/cli-why.txt"
# (the seeded choice may fit no inadmissible candidate on this spectrum: then there is none to
# compare, and the check below that every row has a verdict still holds)
[ -s "$tmp/cli-why.txt" ] || echo "note: eisfit named no inadmissible candidate on this spectrum"
while IFS='|' read -r c why; do
  grep -F -q "$c | " "$tmp/bic.out" && grep -F "$c | " "$tmp/bic.out" | grep -F -q "| outside its physical range: $why" \
    || failed "$c: the table does not say why it was passed over ($why)"
done <"$tmp/cli-why.txt"
# every other row says why: a higher BIC or a named defect, never nothing
awk -F' [|] ' 'NF == 4 && $1 != "Circuit" && $4 == "" { bad = 1 } END { exit bad }' "$tmp/bic.out" \
  || failed "a candidate without a verdict"
# a circuit given: no comparison shown
last=$(awk '/^Automatic choice/ { n++ } END { print n }' "$tmp/bic.out")
[ "$last" -eq 1 ] || failed "the table is still shown after a fit with a given circuit"

exit $fail
