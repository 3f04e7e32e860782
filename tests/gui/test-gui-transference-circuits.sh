#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference page says when R_int,0 and R_int,ss come from two different circuits (the
# new-user tester's F6: the page gave t+ 0.3993 from fits with different circuits before and
# after the hold, the command line 0.3982 after fitting both with one, and the page said
# nothing): the spectra before and after fitted with R0-p(R1,CPE1)-CPE2 and
# L0-R0-p(R1,CPE1)-CPE2 get the warning naming both; fitted with one circuit, none.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup trc

pol=$S/li-polarization.csv
for second in "L0-R0-p(R1,CPE1)-CPE2" "R0-p(R1,CPE1)-CPE2"; do
  cat > "$tmp/s.script" <<EOS
open $S/li-before.csv $S/li-after.csv $pol
select 0
circuit R0-p(R1,CPE1)-CPE2
fit
select 1
circuit $second
fit
page transference
choose 1 2
compute
print transference
EOS
  run_gui --test-script "$tmp/s.script" > "$tmp/s.out" 2> "$tmp/s.err" \
    || failed "--test-script ($second) failed: $(cat "$tmp/s.err")"
  grep -q '^result: t₊ = 0\.8' "$tmp/s.out" \
    || failed "$second: no t₊ near 0.86: $(grep '^result:' "$tmp/s.out")"
  if [ "$second" = "R0-p(R1,CPE1)-CPE2" ]; then
    grep -q "fitted with different circuits" "$tmp/s.out" \
      && failed "one circuit for both, and the page warns of two"
  else
    grep -q "fitted with different circuits (R0-p(R1,CPE1)-CPE2 and L0-R0-p(R1,CPE1)-CPE2)" \
      "$tmp/s.out" || failed "two circuits and no warning: $(cat "$tmp/s.out")"
  fi
done
exit $fail
