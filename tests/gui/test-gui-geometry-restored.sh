#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A geometry from the last session (a pellet's 0.85 mm / 12 mm, typed for pellet-25C.csv):
#  1. given to a file of that sample opened later (pellet-0C.csv, same folder and stem), with
#     the bold sigma headline marked, in the warning colour, as computed with that geometry, not
#     typed for this file (user test 7: it showed sigma of the wrong cell with only a small grey
#     note below the entries); once the geometry is typed for the file, the mark goes;
#  2. not given to a file of another sample (a Li|Li cell, li.csv elsewhere: it got the
#     pellet's geometry and a sigma, marked but computed): no sigma, and the panel says why;
#  3. not given either when the settings do not say which file it was typed for (written by an
#     older eisfit-gtk), and said.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup geometry-restored
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" "23.7,412,3.1e-9,0.9,2e-6,0.85" 0.1 1e6 8 0.004 7 > "$tmp/li.csv"
session () {
  timeout 100 xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 \
    --test-script "$tmp/$1.script" >"$tmp/$2.out" 2>"$tmp/$2.err" \
    || failed "session $2: $(tail -2 "$tmp/$2.err")"
}
printf 'open %s\ngeometry 0.85mm 12mm ""\nquit\n' "$S/pellet-25C.csv" >"$tmp/a.script"
session a a
grep -q "^geometry-file=.*/pellet-25C.csv$" "$tmp/config/eisfit/settings.ini" \
  || failed "the settings do not say which file the geometry was typed for: $(cat "$tmp/config/eisfit/settings.ini")"
cp "$tmp/config/eisfit/settings.ini" "$tmp/settings.ini"

# 1. the same sample: given, marked, until typed
printf 'open %s\nfit\nprint sigma-shown\ngeometry 0.85mm 12mm ""\nprint sigma-shown\nquit\n' \
  "$S/pellet-0C.csv" >"$tmp/b.script"
session b b
n=$(grep -c "^⚠ with the geometry from the last session (L = 0.085 cm, A = 1.131 cm²), not typed for this file" "$tmp/b.out")
[ "$n" -eq 1 ] && echo "ok: same sample: the headline sigma is marked once, before the geometry is typed" \
  || failed "marked $n times: $(cat "$tmp/b.out")"
sed -n '/^sigma-summary/,$p' "$tmp/b.out" | head -4 | grep -q "⚠ with the geometry" \
  && echo "ok: the first headline carries the mark" || failed "first headline: $(head -5 "$tmp/b.out")"

# 2. another sample: no geometry, no sigma, and why
cp "$tmp/settings.ini" "$tmp/config/eisfit/settings.ini"
printf 'open %s\nfit\nprint geometry\nprint sigma-shown\nquit\n' "$tmp/li.csv" >"$tmp/c.script"
session c c
grep -q "^sigma-summary: σ" "$tmp/c.out" \
  && failed "another sample got a sigma from the pellet's geometry: $(grep '^sigma' "$tmp/c.out")"
grep -q "^L = " "$tmp/c.out" && failed "another sample got the pellet's geometry: $(grep '^L = ' "$tmp/c.out")"
grep -q "^⚠ the last session's geometry (0.85mm, 12mm) is not applied: it was typed for pellet-25C.csv, another sample (pellet, this file's is li); type this cell's for σ$" "$tmp/c.out" \
  && echo "ok: another sample: no geometry, no sigma, and the panel says why" \
  || failed "another sample: $(cat "$tmp/c.out")"

# 3. settings that do not say for which file: not given, and said
grep -v '^geometry-' "$tmp/settings.ini" >"$tmp/config/eisfit/settings.ini"
session c d
grep -q "^⚠ the last session's geometry (0.85mm, 12mm) is not applied: it does not say which cell it was typed for" "$tmp/d.out" \
  && ! grep -q "^L = " "$tmp/d.out" \
  && echo "ok: an older settings file: not applied, and said" || failed "older settings: $(cat "$tmp/d.out")"
exit $fail
