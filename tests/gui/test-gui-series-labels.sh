#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Series page titles the trend plot's axes in words with the plot's units, not with
# the table's column names (which wrapped badly): two Li|electrolyte|Li spectra fitted as a
# series, the trends of R_interface_total and ASR_per_interface are titled "R interface, total
# / Ω" and "ASR per interface / Ω cm²"; sigma_total "σ_total / S cm⁻¹", chi2 "χ²".
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup series-labels

c='R0-p(R1,CPE1)-CPE2'
"$gen" spectrum "$c" "48.73,412.3,2.71e-6,0.87,1.93e-3,0.62" 0.01 1e6 10 0.003 17 \
  > "$tmp/a.csv" || exit 99
"$gen" spectrum "$c" "48.73,450.1,2.71e-6,0.87,1.93e-3,0.62" 0.01 1e6 10 0.003 18 \
  > "$tmp/b.csv" || exit 99
cat >"$tmp/s.script" <<EOF
open $tmp/a.csv $tmp/b.csv
series-fit all index $c
series-trends index R_interface_total,ASR_per_interface,sigma_total,chi2
print series
quit
EOF
run_gui --cell li-symmetric --thickness 0.523mm --diameter 12mm --test-script "$tmp/s.script" \
  >"$tmp/s.out" 2>"$tmp/s.err" || failed "--test-script: $(grep -v 'session bus' "$tmp/s.err")"
want="trends: x index: R interface, total / Ω, ASR per interface / Ω cm², σ_total / S cm⁻¹, χ²"
grep -qxF "$want" "$tmp/s.out" \
  && echo "ok: $want" \
  || failed "trend titles: $(grep '^trends' "$tmp/s.out"), not: $want"
[ "$fail" -eq 0 ] && echo "PASS: the trend plot's axes titled in words with units"
exit "$fail"
