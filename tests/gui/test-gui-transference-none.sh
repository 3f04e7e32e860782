#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference page with no t+ (issue 13, as eisfit transference since the hostile
# tester's report): the li samples with R0 typed as 500 Ohm and I0 extrapolated give the
# Bruce-Vincent formula -1.245 (I0 R0 = 12.1 mV exceeds the 10 mV step); eisfit transference
# prints "t+ none" with the reason, and the page must say the same: "t₊: none" and the reason,
# never a negative t₊ or "t₊ = -" as a result. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

gui_setup trn

pol=$S/li-polarization.csv
"$cli" transference --polarization "$pol" --before "$S/li-before.csv" --after "$S/li-after.csv" \
  --voltage 10mV --r0 500 --i0 extrapolated > "$tmp/cli.txt" 2> /dev/null
grep -q '^  t+ none  (bv): the bv formula gives -1.245' "$tmp/cli.txt" \
  || failed "eisfit transference gives a t+ here (the data changed?): $(grep 't+' "$tmp/cli.txt")"
cat > "$tmp/s.script" <<EOS
open $pol $S/li-before.csv $S/li-after.csv
fit-all
page transference
transference i0 extrapolated
transference R0 500
compute
print transference
EOS
run_gui --test-script "$tmp/s.script" > "$tmp/s.out" 2> "$tmp/s.err" \
  || failed "--test-script failed: $(cat "$tmp/s.err")"
grep -q '^result: t₊: none ' "$tmp/s.out" \
  || failed "the page's headline is not 't₊: none': $(grep '^result:' "$tmp/s.out")"
grep -q 'the bv formula gives -1.245' "$tmp/s.out" || failed "the page does not say why there is no t₊"
grep -q '^result: t₊ = -' "$tmp/s.out" && failed "the page shows a negative t₊ as the result"
exit $fail
