#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The transference figure's legend writes t+ as the headline does (issue 13: the legend said
# 0.860 ± 0.008 under a headline of 0.8603 ± 0.0079): on the Transference page the legend's
# t+ entry equals the headline's value and error, and eisfit transference --plot's SVG legend
# equals its report's t+ line (with ± for +-). Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup tplus-format

cat > "$tmp/s.script" <<EOS
open $S/li-before.csv $S/li-after.csv $S/li-polarization.csv
fit-all
page transference
choose 1 2
compute
print transference
EOS
run_gui --test-script "$tmp/s.script" > "$tmp/s.out" 2> "$tmp/s.err" \
  || failed "--test-script failed: $(cat "$tmp/s.err")"
head=$(sed -n 's/^result: \(t₊ = [0-9.]* ± [0-9.]*\) .*/\1/p' "$tmp/s.out")
case $head in
  "t₊ = 0."[0-9][0-9][0-9][0-9]" ± 0."[0-9][0-9][0-9][0-9]) ;;
  *) failed "the headline is not t₊ = value ± error to 4 decimals: $(grep '^result:' "$tmp/s.out")" ;;
esac
grep -qx "figure t+: $head" "$tmp/s.out" \
  || failed "the legend does not write t₊ as the headline ($head): $(grep '^figure t+:' "$tmp/s.out")"

# the command line's figure: its legend as its report
"$cli" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
  --after "$S/li-after.csv" --plot "$tmp/t.svg" > "$tmp/t.txt" 2>/dev/null \
  || failed "eisfit transference --plot failed"
want=$(sed -n 's/^ *t+ = \([0-9.]*\) +- \([0-9.]*\) .*/t₊ = \1 ± \2/p' "$tmp/t.txt" | head -1)
[ -n "$want" ] || failed "no t+ line in the report: $(cat "$tmp/t.txt")"
# the SVG writes its text as character references: python3 reads them (skipped without it)
if command -v python3 >/dev/null 2>&1; then
  got=$(python3 -c 'import html,re,sys; print("\n".join(re.findall(r"t₊ = [^<]*", html.unescape(open(sys.argv[1]).read()))))' "$tmp/t.svg")
  [ "$got" = "$want" ] || failed "the --plot legend says '$got', the report '$want'"
fi
[ "$fail" -eq 0 ] && echo "PASS: legend and headline write t₊ alike ($head)"
exit "$fail"
