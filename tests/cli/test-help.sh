#!/bin/sh
# eisfit --help names every command (drt and series were left out), and each named one has
# its own --help.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
"$EISFIT" --help > "$tmp/h.txt" 2>&1 || bad "eisfit --help exit $?"
line=$(grep -A1 "^Other commands" "$tmp/h.txt" | tr '\n' ' ')
for c in info convert kk drt arrhenius series transference; do
  echo "$line" | grep -q "| $c \|| $c\$\|eisfit $c " && ok "--help names $c" || bad "--help leaves out $c: $line"
  "$EISFIT" $c --help > /dev/null 2>&1 && ok "eisfit $c --help" || bad "eisfit $c --help failed"
done
exit $fail
