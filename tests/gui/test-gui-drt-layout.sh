#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The DRT page's layout (issue 13) with the side panel open, at 1024x700, 1280x800 and
# 1600x1000 (1024x700 also dark), for a pellet (two arcs, 4:1), a pellet with its spike left out
# by the DRT and a Li|Li cell (an arc and a diffusion line):
#  1. gamma(tau) is the main plot: its box is at least 35 % of the page's height (with its
#     title, legend and axes more than 45 %; it was 90 of 588 px) and 1.4 times the Nyquist's.
#  2. The Nyquist plot is at equal scales and fills its box: its axes hold all the points and
#     span at most 1.25 times what they need on one axis (they spanned 1.94 times on both), the
#     other grown for the equal scales; its box reaches the figure's right edge (it was
#     narrowed to the data's width, leaving the lower right of the figure empty), or its Z'
#     axis runs to 1.8 times the data or more (square data: test-gui-tf-layout.sh keeps it
#     within 2.1 times).
#  3. Every legend is inside the figure and outside the plots (it sat over gamma(tau)'s data).
#  4. The report under the figure shows at least four lines, and the handle between them moves
#     (divider drt): the figure takes the height dragged to, the report the rest.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup drt-layout

cat >"$tmp/a.script" <<EOS
page drt
select 0
wait 600
print drt
select 1
wait 600
print drt
select 2
wait 600
print drt
divider drt 300
wait 600
print drt
EOS

for run in 1024x700:Adwaita 1280x800:Adwaita 1600x1000:Adwaita 1024x700:Adwaita:dark; do
  size=${run%%:*} theme=${run#*:}
  GTK_THEME=$theme xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$size" \
    --test-script "$tmp/a.script" "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/li-before.csv" \
    >"$tmp/a.out" 2>"$tmp/a.err" || failed "$run: eisfit-gtk exited with $?: $(tail -3 "$tmp/a.err")"
  awk -v run="$run" '
    function fail(m) { print "FAIL: " run ", " name ": " m; bad = 1 }
    function check() {
      if (name == "") return
      gh = gy1 - gy0; nh = ny1 - ny0
      if (!dragged && gh < 0.35 * ph) fail(sprintf("gamma(tau) is %d px high, %.0f %% of the page (%d px)", gh, 100 * gh / ph, ph))
      if (!dragged && gh < 1.4 * nh) fail(sprintf("gamma(tau) %d px is not the main plot beside the Nyquist plot %d px", gh, nh))
      # equal scales, all the points, no more than 1.25 times the room they need
      sx = (wx1 - wx0) / (nx1 - nx0); sy = (wy1 - wy0) / nh
      if (sx / sy > 1.02 || sy / sx > 1.02) fail(sprintf("Nyquist scales differ: %g and %g Ohm/px", sx, sy))
      span = (dx1 - dx0 > dy1 - dy0) ? dx1 - dx0 : dy1 - dy0
      lo = (dx0 > 0 && dx0 < 0.25 * span) ? 0 : dx0
      needx = dx1 - lo; needy = dy1 - (dy0 < 0 ? dy0 : 0)
      if (wx0 > dx0 || wx1 < dx1 || wy0 > (dy0 < 0 ? dy0 : 0) || wy1 < dy1) fail("the Nyquist axes leave points out")
      if ((wx1 - wx0) > 1.25 * needx && (wy1 - wy0) > 1.25 * needy)
        fail(sprintf("the Nyquist axes span %.2f x %.2f times the data", (wx1 - wx0) / needx, (wy1 - wy0) / needy))
      if (nx1 < fw - 0.08 * fw && (wx1 - wx0) < 1.8 * needx)
        fail(sprintf("the Nyquist plot ends at %d px of the figure'"'"'s %d: its right empty", nx1, fw))
      if (nl == 0) fail("no legend")
      for (k = 1; k <= nl; k++) {
        if (lx0[k] < 0 || ly0[k] < 0 || lx1[k] > fw || ly1[k] > fh) fail(sprintf("legend %d beyond the figure", k))
        if (lx0[k] < gx1 && lx1[k] > gx0 && ly0[k] < gy1 && ly1[k] > gy0) fail(sprintf("legend %d over gamma(tau)", k))
        if (lx0[k] < nx1 && lx1[k] > nx0 && ly0[k] < ny1 && ly1[k] > ny0) fail(sprintf("legend %d over the Nyquist plot", k))
      }
      if (shown < needed && shown < 4 * 15) fail(sprintf("the report shows %d of %d px", shown, needed))
      blocks++
      if (!bad) printf "ok: %s, %s: gamma %d of %d px, Nyquist %dx%d px spanning %.2f x %.2f, report %d of %d px\n", run, name, gh, ph, nx1 - nx0, nh, (wx1 - wx0) / needx, (wy1 - wy0) / needy, shown, needed
    }
    /^name: / { check(); name = substr($0, 7); nl = 0; bad = 0 }
    /^panels: / { split($0, a, ";"); split(a[2], b, " "); wx0 = b[6]; wx1 = b[8] + 0; wy0 = b[10]; wy1 = b[12] + 0 }
    /^data: / { gsub(/,/, ""); dx0 = $3; dx1 = $5; dy0 = $7; dy1 = $9 }
    /^page: / { ph = $4 }
    /^figure: / { fw = $2; fh = $4; fig = $4 }
    /^gamma / { gx0 = $2; gy0 = $3; gx1 = $4; gy1 = $5 }
    /^nyquist / { nx0 = $2; ny0 = $3; nx1 = $4; ny1 = $5 }
    /^legend / { nl++; lx0[nl] = $2; ly0[nl] = $3; lx1[nl] = $4; ly1[nl] = $5 }
    /^summary height: / { shown = $3; needed = $5 }
    END {
      # the last block: after the handle was moved to 300 px
      if (fig < 290 || fig > 310) { print "FAIL: " run ": the handle moved to 300 px left the figure " fig " px"; bad = 1 }
      else if (shown < ph - fig - 20) { print "FAIL: " run ": the report got " shown " px of the " ph - fig " below the handle"; bad = 1 }
      else print "ok: " run ": the handle moved: figure " fig " px, report " shown " px"
      dragged = 1
      check()
      if (blocks != 4) { print "FAIL: " run ": " blocks " DRT states printed, not 4"; bad = 1 }
      exit bad }' "$tmp/a.out" || fail=1
done
grep -E "CRITICAL|Gtk-WARNING" "$tmp/a.err" | grep -v "session bus" && failed "GTK warnings"
exit $fail
