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

exit $fail
