#!/bin/sh
# eisfit transference on samples/li-*.csv (t+ = 0.87, R0 = 353 Ohm, Rss = 371 Ohm, 10 mV).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
check () { check_abs "$@"; }

"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --voltage 10mV --format csv -o "$tmp/out.csv" \
  || { echo "FAIL: exit $?"; exit 1; }
col () { awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' "$tmp/out.csv"; }
check "t+" "$(col t_plus)" 0.87 0.05
check "R0" "$(col R0_Ohm)" 353 10.59
check "Rss" "$(col Rss_Ohm)" 371 11.13
check "dV" "$(col dV_V)" 0.010 1e-9

# The text names the Bruce-Vincent interfacial resistances R_int,0 and R_int,ss, never "R0" (the
# circuit's R0 is the electrolyte here: R0-p(R1,CPE1)-CPE2), and R_b says what it holds without
# a "none:" or a "see the caution" for a caution this report does not print.
"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" > "$tmp/names.txt" 2> /dev/null || { echo "FAIL: text exit $?"; fail=1; }
for w in "R_int,0 = 353." "R_int,ss = 370." \
         "R_b = 60.33 +- 0.044 Ohm (the electrolyte: the high-frequency intercept R0, bulk and any grain boundary together)" \
         "Iss (dV - I0 R_int,0)/(I0 (dV - Iss R_int,ss))"; do
  grep -qF -- "$w" "$tmp/names.txt" && echo "ok: text has '$w'" || { echo "FAIL: text lacks '$w'"; fail=1; }
done
if grep -qE "R0 =|Rss =|\(R_b \+ R0\)|none:" "$tmp/names.txt"; then
  echo "FAIL: the text still says R0/Rss for the interface, or 'none:': $(grep -E 'R0 =|Rss =|none:' "$tmp/names.txt")"; fail=1
fi
grep -q "see the caution" "$tmp/names.txt" \
  && { echo "FAIL: 'see the caution' in a report without cautions"; fail=1; }

# JSON, I0 from the first point; dV from the voltage column
"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --i0 first --format json -o "$tmp/out.json" \
  || { echo "FAIL: json exit $?"; exit 1; }
jt=$(sed -n 's/.*"t_plus": \([-0-9.e+]*\).*/\1/p' "$tmp/out.json" | head -n 1)
check "json t_plus (first point)" "$jt" 0.87 0.05
grep -q '"i0_method": "first-point"' "$tmp/out.json" && echo "ok: i0_method" \
  || { echo "FAIL: i0_method"; fail=1; }

# missing --before: usage error
"$EISFIT" transference --polarization "$s/li-polarization.csv" --after "$s/li-after.csv" \
  > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 1 ] && grep -q -- '--before' "$tmp/e"; then echo "ok: missing --before is a usage error"
else echo "FAIL: missing --before: exit $rc, stderr: $(cat "$tmp/e")"; fail=1; fi
# a step of 0 V, and a hold without current, give no t+: exit 2 naming the file once
"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --voltage 0mV > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "0 V gives no transference number" "$tmp/e"; then echo "ok: 0 V refused"
else echo "FAIL: --voltage 0mV: exit $rc, stderr: $(cat "$tmp/e")"; fail=1; fi
awk -F, 'NR == 1 || /^#/ { print; next } { $2 = 0; print }' OFS=, "$s/li-polarization.csv" > "$tmp/nocur.csv"
"$EISFIT" transference --polarization "$tmp/nocur.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --voltage 10mV > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 2 ] && [ "$(grep -o 'nocur.csv' "$tmp/e" | wc -l)" -eq 1 ]; then echo "ok: no current refused"
else echo "FAIL: a hold without current: exit $rc, stderr: $(cat "$tmp/e")"; fail=1; fi

# Round 2: synthetic Li|electrolyte|Li files with t+ = 0.62 (samples/li-spike-*.csv and
# tests/data, written by tests/data/gen-transference.py):
# a double-layer charging spike of 3 I0 sampled every 0.2 s, an interface growing from 350 to
# 392 Ohm during the 3600 s hold.
d=$top_srcdir/tests/data
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --after "$s/li-spike-after.csv" --format csv -o "$tmp/spike.csv" || { echo "FAIL: spike exit $?"; exit 1; }
col2 () { awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' "$1"; }
check "spike: t+" "$(col2 "$tmp/spike.csv" t_plus)" 0.62 0.02
check "spike: window (s), the spike decays in 1 s" "$(col2 "$tmp/spike.csv" spike_end_s)" 10 10
check "spike: I0 = dV/(R_b + R0)" "$(col2 "$tmp/spike.csv" I0_calculated_A)" 2.0e-5 0.01e-5
[ "$(col2 "$tmp/spike.csv" method)" = bv ] && echo "ok: method bv" || { echo "FAIL: method"; fail=1; }
[ "$(col2 "$tmp/spike.csv" iss_source)" = end-of-hold ] && echo "ok: Iss at the end of the hold" \
  || { echo "FAIL: iss_source $(col2 "$tmp/spike.csv" iss_source)"; fail=1; }
for m in watanabe ratio; do
  "$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
    --after "$s/li-spike-after.csv" --method $m --format csv -o "$tmp/$m.csv" || { echo "FAIL: $m exit"; fail=1; }
  [ "$(col2 "$tmp/$m.csv" method)" = $m ] && echo "ok: method $m labelled" || { echo "FAIL: $m label"; fail=1; }
done
check "watanabe t+" "$(col2 "$tmp/watanabe.csv" t_plus)" 0.62 0.02
check "ratio = Iss/I0" "$(col2 "$tmp/ratio.csv" t_plus)" "$(col2 "$tmp/ratio.csv" ratio)" 1e-12
check "ratio overestimates" "$(col2 "$tmp/ratio.csv" t_plus)" 0.79 0.02
# the text report says which I0 and which Iss it used
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --after "$s/li-spike-after.csv" > "$tmp/spike.txt" || fail=1
for w in "spike  0.." "  I0   " "       used: " "  Iss  " "    watanabe  " "    ratio     "; do
  grep -qF -- "$w" "$tmp/spike.txt" && echo "ok: report has '$w'" || { echo "FAIL: report lacks '$w'"; fail=1; }
done
# the spike left in (--spike-window 0): the measured I0 is far off, the rule takes dV/(R_b + R0)
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --after "$s/li-spike-after.csv" --spike-window 0 --format json -o "$tmp/nospike.json" || fail=1
grep -q '"i0_method": "calculated"' "$tmp/nospike.json" && echo "ok: calculated I0 without the spike window" \
  || { echo "FAIL: i0_method with --spike-window 0"; fail=1; }
jt=$(sed -n 's/^{"t_plus": \([-0-9.e+]*\).*/\1/p' "$tmp/nospike.json")
check "t+ with the spike left in" "$jt" 0.62 0.02

# The interface during the hold: --during with times since the step; Rss from the one nearest
# the end (40 min: no --after)
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --during "$d/li-spike-during-1200.csv@20min" "$d/li-spike-during-2400.csv@40min" \
  --format csv -o "$tmp/during.csv" 2> "$tmp/during.err" || { echo "FAIL: --during exit $?"; fail=1; }
grep -q "1200 s before the end of the hold" "$tmp/during.err" && echo "ok: Rss far from the end is a warning" \
  || { echo "FAIL: no warning for Rss 20 min before the end: $(cat "$tmp/during.err")"; fail=1; }
rint=$(awk -F, 'f && $1 == 2400 { print $2 } /^time_s,R_int_Ohm/ { f = 1 }' "$tmp/during.csv")
check "R_int at 40 min" "$rint" 378 4
check "Rss from the spectrum at 40 min" "$(col2 "$tmp/during.csv" Rss_Ohm)" "$rint" 1e-6
# A multi-technique file: EIS before, the hold interrupted by EIS at 20 and 40 min, EIS after
"$EISFIT" transference --polarization "$d/li-multi.csv" --format csv -o "$tmp/multi.csv" \
  || { echo "FAIL: multi exit $?"; fail=1; }
check "multi-technique t+" "$(col2 "$tmp/multi.csv" t_plus)" 0.62 0.02
check "multi-technique Rss (end)" "$(col2 "$tmp/multi.csv" Rss_Ohm)" 392 4
n=$(awk -F, 'f { n++ } /^time_s,R_int_Ohm/ { f = 1 } END { print n + 0 }' "$tmp/multi.csv")
[ "$n" -eq 3 ] && echo "ok: 3 spectra tracked" || { echo "FAIL: $n spectra tracked"; fail=1; }
# a --during file without a time is refused, naming it
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --during "$d/li-spike-during-1200.csv" > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "li-spike-during-1200.csv@TIME" "$tmp/e"; then echo "ok: untimed --during refused"
else echo "FAIL: untimed --during: exit $rc, stderr: $(cat "$tmp/e")"; fail=1; fi
"$EISFIT" transference --polarization "$s/li-spike-polarization.csv" --before "$s/li-spike-before.csv" \
  --after "$s/li-spike-after.csv" --method bruce > "$tmp/o" 2> "$tmp/e"
[ $? -eq 1 ] && grep -q "bv, watanabe or ratio" "$tmp/e" && echo "ok: bad --method" || { echo "FAIL: bad --method"; fail=1; }
exit $fail
