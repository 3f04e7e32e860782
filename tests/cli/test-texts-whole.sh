#!/bin/sh
# Long texts reach the user whole: the automatic choice's list of candidates (text and JSON)
# and the conductivity's cautions were cut at fixed buffer sizes (a candidate's reason at 200
# bytes, the list at 2048, a caution at 400), mid-word ("leads and cell holders have 0.",
# "to see the arcs ap"). Checked on the real files where they are there, and on every text of
# the samples: no caution line of the report and no JSON string ends mid-word.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

RD=$top_srcdir/../shared/realdata
f=$RD/biologic/ex1.mpt
if [ -f "$f" ]; then
  "$EISFIT" "$f" > "$tmp/o" 2> "$tmp/e"
  grep -q "leads and cell holders have 0.1 to 1 uH))$" "$tmp/o"
  check "ex1.mpt: the L0 candidate's reason whole in the text" $?
  "$EISFIT" -f json "$f" > "$tmp/j" 2> "$tmp/e"
  n=$(tr ',' '\n' < "$tmp/j" | grep -c "cell holders have 0.1 to 1 uH)")
  check "ex1.mpt: the reason whole in both spectra's JSON circuit_choice ($n)" \
    "$([ "$n" -ge 2 ] && echo 0 || echo 1)"
  grep -q '"circuit_choice": "[^"]* (inadmissible: [^"]*\(Hz\|uH\))))*"' "$tmp/j"
  check "ex1.mpt: the JSON list ends with its last candidate, closed" $?
else
  echo "skip: $f not there"
fi
f=$RD/chi/exampleDataCHInstruments.txt
if [ -f "$f" ]; then
  "$EISFIT" "$f" > "$tmp/o" 2> "$tmp/e"
  grep -q "caution: .*measure to higher frequencies or colder to see the arcs apart$" "$tmp/o"
  check "CHI example: the intercept caution whole" $?
else
  echo "skip: $f not there"
fi

# the samples: every caution line ends with a word's end or a closing mark
for x in "$s"/*.csv; do
  "$EISFIT" "$x" > "$tmp/o" 2> "$tmp/e" || continue
  if grep "^  caution: " "$tmp/o" | grep -v '[a-zA-Z0-9)%.]$' > "$tmp/cut"; then
    bad "$(basename "$x"): a caution ends mid-word: $(head -1 "$tmp/cut")"
  else
    ok "$(basename "$x"): cautions whole"
  fi
done
exit $fail
