#!/bin/sh
# eisfit kk: the Lin-KK check on the samples.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$top_srcdir/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

"$EISFIT" kk --format csv -o "$tmp/out.csv" "$s/pellet-25C.csv" || { echo "FAIL: exit $?"; exit 1; }
n=$(awk -F, 'NR > 1' "$tmp/out.csv" | wc -l)
npts=$(awk 'NR > 1' "$s/pellet-25C.csv" | wc -l)
[ "$n" -eq "$npts" ] && echo "ok: one residual row per point ($n)" || { echo "FAIL: $n rows, $npts points"; fail=1; }
v=$(awk -F, 'NR == 2 { print $5 }' "$tmp/out.csv")
[ "$v" = yes ] && echo "ok: pellet-25C is KK valid" || { echo "FAIL: valid = '$v'"; fail=1; }
awk -F, 'NR > 1 { r = $9; if (r < 0) r = -r; if (r > 0.05) bad = 1 } END { exit bad }' "$tmp/out.csv" \
  && echo "ok: residuals below 5 %" || { echo "FAIL: a residual above 5 %"; fail=1; }

"$EISFIT" kk --format json -o "$tmp/out.json" "$s/pellet-25C.csv" "$s/pellet-m20C.csv" \
  || { echo "FAIL: json exit $?"; exit 1; }
nv=$(grep -o '"valid": true' "$tmp/out.json" | wc -l)
[ "$nv" -eq 2 ] && echo "ok: json, both valid" || { echo "FAIL: json valid count $nv"; fail=1; }
grep -q '"points": \[{"f_Hz": ' "$tmp/out.json" && echo "ok: json points" || { echo "FAIL: json points"; fail=1; }

# unreadable input: exit 2, message names the file
"$EISFIT" kk "$tmp/missing.csv" > "$tmp/o" 2> "$tmp/e"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'missing.csv' "$tmp/e"; then echo "ok: unreadable input (exit 2)"
else echo "FAIL: unreadable input: exit $rc"; fail=1; fi
exit $fail
