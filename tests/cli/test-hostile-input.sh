#!/bin/sh
# Input that the analysis must not take at face value (a hostile review): positions in binary
# and JSON files, spectra that cannot give a conductivity, a polarization whose current and
# voltage disagree in sign.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
s=$top_srcdir/samples
d=$top_srcdir/tests/data
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # description status (0 = passed)
  if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}

# --- a time series out of order in a PalmSens session (JSON: no lines): the point, not "line 0"
if iconv -f UTF-16LE -t UTF-8 "$d/palmsens.pssession" > "$tmp/ps.json" 2> /dev/null; then
  # the second time array is the chronoamperometry's: its 4th time 1.5 s becomes 0.2 s
  sed 's/{"V":1.5}/{"V":0.2}/2' "$tmp/ps.json" > "$tmp/back.pssession"
  "$EISFIT" info "$tmp/back.pssession" > /dev/null 2> "$tmp/back.err"; st=$?
  [ $st -eq 2 ] && grep -q "measurement 2 (Chronoamperometry): point 4: time 0.2 s is earlier than at point 3 (1 s)" "$tmp/back.err" \
    && ! grep -q "line 0\|: 0:" "$tmp/back.err"
  check "pssession time out of order: names point 4 (exit $st: $(cat "$tmp/back.err"))" $?
else
  echo "skip: no iconv"
fi

# --- transference: the current against the voltage step ---
tr () { # polarization file, then options; CSV to $tmp/tr.csv, messages to $tmp/tr.err
  pol=$1; shift
  "$EISFIT" transference -f csv "$@" --polarization "$pol" --before "$s/li-before.csv" \
    --after "$s/li-after.csv" > "$tmp/tr.csv" 2> "$tmp/tr.err"
}
field () { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } NR == 2 { print $c }' "$tmp/tr.csv"; }
tr "$s/li-polarization.csv"; t0=$(field t_plus); w0=$(field warnings)
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, -$2, $3 }' "$s/li-polarization.csv" > "$tmp/negI.csv"
awk -F, 'NR == 1 { print; next } { printf "%s,%s,%.9g\n", $1, $2, -$3 }' "$s/li-polarization.csv" > "$tmp/negV.csv"
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%.9g\n", $1, -$2, -$3 }' "$s/li-polarization.csv" > "$tmp/negIV.csv"
for f in negI negV; do
  tr "$tmp/$f.csv"; st=$?
  [ $st -eq 0 ] && [ "$(field t_plus)" = "$t0" ] && field warnings | grep -q sign_opposite \
    && ! echo "$w0" | grep -q sign_opposite
  check "$f: the same t+ ($t0), warned: sign_opposite (exit $st, warnings $(field warnings))" $?
done
tr "$tmp/negI.csv" -f text; grep -q "warning: the current (-2.27e-05 A at the plateau) flows against the voltage step (+10 mV)" "$tmp/tr.csv"
check "negI: the text report says the current flows against the step" $?
tr "$tmp/negIV.csv"; st=$?
[ $st -eq 0 ] && [ "$(field t_plus)" = "$t0" ] && ! field warnings | grep -q sign_opposite
check "a cathodic hold (current and voltage negative): no warning (exit $st, $(field warnings))" $?
# the current crosses zero: with the step at first, against it at the plateau: refused
awk -F, 'NR == 1 { print; next } { printf "%s,%.9g,%s\n", $1, ($2 - 2.3e-5) * 10, $3 }' "$s/li-polarization.csv" > "$tmp/cross.csv"
tr "$tmp/cross.csv"; st=$?
[ $st -eq 2 ] && [ ! -s "$tmp/tr.csv" ] \
  && grep -q "the current reverses during the hold: 127 of 721 points flow with the voltage step (+10 mV), the plateau (-2.984e-06 A) against it" "$tmp/tr.err"
check "a current that reverses against the step: refused, exit 2 (exit $st: $(cat "$tmp/tr.err"))" $?

# --- one short spectrum in a series: it keeps the pellets' circuit from the whole series ---
pellets="$s/pellet-m20C.csv $s/pellet-0C.csv $s/pellet-25C.csv $s/pellet-40C.csv $s/pellet-60C.csv $s/pellet-80C.csv"
{ head -n 1 "$s/pellet-40C.csv"; awk 'NR > 1 && (NR - 2) % 30 == 0' "$s/pellet-40C.csv"; } > "$tmp/short-30C.csv"
# shellcheck disable=SC2086
"$EISFIT" series $pellets > "$tmp/p.out" 2> "$tmp/p.err"; st=$?
[ $st -eq 0 ] && grep -q "one circuit p(R1,C1)-p(R2,CPE2)-CPE3" "$tmp/p.out" && ! grep -q "is not ok on spectrum" "$tmp/p.out" "$tmp/p.err"
check "the six pellets: p(R1,C1)-p(R2,CPE2)-CPE3, no warning of a spectrum that forces it (exit $st)" $?
for cmd in series "arrhenius --thickness 1mm --area 1cm2"; do
  # shellcheck disable=SC2086
  "$EISFIT" $cmd $pellets "$tmp/short-30C.csv" > "$tmp/sh.out" 2> "$tmp/sh.err"; st=$?
  grep -q "warning: p(R1,C1)-p(R2,CPE2)-CPE3, with a lower BIC summed over the other spectra (.*), is not ok on spectrum 4 (short-30C.csv, 3 points: could not be fitted: .*3 points.*7 free parameters.*); so the series takes .* for every spectrum: leave it out or fit it alone" "$tmp/sh.err"
  check "${cmd%% *} with a 3-point spectrum: the warning names it and why (exit $st)" $?
done

exit $fail
