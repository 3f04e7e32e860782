#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk prints a relative standard error to two significant digits, not as "0.0 %": a
# synthetic pellet with little noise (0.2 %, one arc p(R1,CPE1) and the electrode's CPE)
# fitted, the conductivity panel's sigma_total shows "(0.0NN %)", equal to 100 x stderr / value
# of R1 (= R_total, the geometry has no uncertainty) from the fit's own numbers (print table)
# to the two digits shown.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup rel-error

c='p(R1,CPE1)-CPE2'
"$gen" spectrum "$c" "3000,2.0e-10,0.92,2.0e-6,0.85" 0.1 1e7 10 0.002 5 \
  > "$tmp/a.csv" || exit 99
cat >"$tmp/a.script" <<EOF
open $tmp/a.csv
select 0
circuit $c
fit
print table
print conductivity
quit
EOF
run_gui --thickness 0.6mm --diameter 10mm --test-script "$tmp/a.script" >"$tmp/a.out" \
  2>"$tmp/a.err" || failed "--test-script: $(grep -v 'session bus' "$tmp/a.err")"
set -- $(grep '^R1 ' "$tmp/a.out")
[ $# -ge 3 ] || { failed "no R1 in the table: $(cat "$tmp/a.out")"; exit 1; }
want=$(awk -v v="$2" -v e="$3" 'BEGIN { p = 100 * e / v; d = 1 - int(log(p) / log(10) + 100) + 100;
                                        printf "%.*f %%", d, p }')
case $want in
  0.0[0-9][0-9]\ %|0.00[0-9][0-9]\ %) ;;
  *) failed "R1's relative error $want is not below 0.1 %: the test does not test" ;;
esac
line=$(grep -o 'σ total | [^|]*' "$tmp/a.out")
case $line in
  *"($want) ") echo "ok: $line, R1 $2 ± $3" ;;
  *) failed "σ total: \"$line\"; want ($want) (R1 $2 ± $3)" ;;
esac
grep -q '(0\.0 %)' "$tmp/a.out" && failed "a relative error shown as 0.0 %: $(grep '0\.0 %' "$tmp/a.out")"
[ "$fail" -eq 0 ] && echo "PASS: small relative errors shown to two significant digits"
exit "$fail"
