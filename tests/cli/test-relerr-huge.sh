#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A relative error beyond 1000 % is printed as "> 1000 %" (single fit) and "+->1000%" (series
# table), not as 295863.50 % or +-35117659697602.4%: digits of such a ratio say nothing. The
# data: tests/data/undetermined-r0.csv (a synthetic Li-MOF pellet at 80 degC, user test 6's
# gen.py: lead 1 Ohm + 0.5 uH + bulk and grain-boundary arcs + electrode CPE), whose
# high-frequency intercept R0 the fit does not determine. The JSON keeps the numbers.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
f=$d/undetermined-r0.csv
c="L0-R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
"$EISFIT" -c "$c" "$f" >"$tmp/a.txt" 2>/dev/null
r0=$(grep "^  R0 " "$tmp/a.txt")
# R0 and R1 (its arc at 2.3e7 Hz over a 7 MHz top) are a pair the fit cannot split: R0 has no
# error of its own ("(in sum)"), their sum has one (test-hf-pair.sh)
case $r0 in
  *"> 1000 %"*|*"(in sum)"*"only R0 + R1 is"*) ok "single fit: $r0" ;;
  *) bad "single fit, R0: '$r0'" ;;
esac
grep -q "^  R0 + R1 = [0-9.]* +- [0-9.]* Ohm (high-frequency resistance" "$tmp/a.txt"
check "single fit: R0 + R1 with its error" $?
if grep -qE "[0-9]{5,}\.[0-9]+ %" "$tmp/a.txt"; then bad "a relative error of 5 digits or more: $(grep -E '[0-9]{5,}\.[0-9]+ %' "$tmp/a.txt")"; else ok "no relative error of 5 digits or more"; fi
"$EISFIT" -c "$c" -f json "$f" >"$tmp/a.json" 2>/dev/null
grep -q '"R0"' "$tmp/a.json" && ok "the JSON still gives R0" || bad "no R0 in the JSON"
exit $fail
