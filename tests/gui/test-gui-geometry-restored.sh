#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A geometry from the last session (a pellet's 0.85 mm / 12 mm) pre-filled for a new,
# unrelated file: the bold sigma headline is marked, in the warning colour, as computed with
# that geometry, not typed for this file (user test 7: it showed sigma of the wrong cell with
# only a small grey note below the entries); once the geometry is typed for the file, the
# mark goes.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup geometry-restored
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "23.7,412,3.1e-9,0.9,2e-6,0.85" 0.1 1e6 8 0.004 7 > "$tmp/li.csv"
cat >"$tmp/a.script" <<EOF
open $S/pellet-25C.csv
geometry 0.85mm 12mm ""
quit
EOF
timeout 100 xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 \
  --test-script "$tmp/a.script" >"$tmp/a.out" 2>"$tmp/a.err" || failed "first session: $(tail -2 "$tmp/a.err")"
cat >"$tmp/b.script" <<EOF
open $tmp/li.csv
fit
print sigma-shown
geometry 0.85mm 12mm ""
print sigma-shown
quit
EOF
timeout 100 xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 \
  --test-script "$tmp/b.script" >"$tmp/b.out" 2>"$tmp/b.err" || failed "second session: $(tail -2 "$tmp/b.err")"
n=$(grep -c "^⚠ with the geometry from the last session (L = 0.085 cm, A = 1.131 cm²), not typed for this file" "$tmp/b.out")
[ "$n" -eq 1 ] && echo "ok: the headline sigma is marked once, before the geometry is typed" \
  || failed "marked $n times: $(cat "$tmp/b.out")"
sed -n '/^sigma-summary/,$p' "$tmp/b.out" | head -4 | grep -q "⚠ with the geometry" \
  && echo "ok: the first headline carries the mark" || failed "first headline: $(head -5 "$tmp/b.out")"
exit $fail
