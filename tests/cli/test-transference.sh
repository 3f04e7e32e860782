#!/bin/sh
# eisfit transference on samples/li-*.csv (t+ = 0.87, R0 = 353 Ohm, Rss = 371 Ohm, 10 mV).
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$top_srcdir/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # name actual expected tolerance(abs)
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
  then echo "ok: $1 = $2"
  else echo "FAIL: $1 = '$2', expected $3 +- $4"; fail=1
  fi
}

"$EISFIT" transference --polarization "$s/li-polarization.csv" --before "$s/li-before.csv" \
  --after "$s/li-after.csv" --voltage 10mV --format csv -o "$tmp/out.csv" \
  || { echo "FAIL: exit $?"; exit 1; }
col () { awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' "$tmp/out.csv"; }
check "t+" "$(col t_plus)" 0.87 0.05
check "R0" "$(col R0_Ohm)" 353 10.59
check "Rss" "$(col Rss_Ohm)" 371 11.13
check "dV" "$(col dV_V)" 0.010 1e-9

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
exit $fail
