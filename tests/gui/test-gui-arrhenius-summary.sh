#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Arrhenius page's summary under the figure (issue 13) at 1024x700, light and dark, with
# the six pellets and four Li|Li spectra fitted and selected (sixteen wrapped lines: the fits,
# the spectra left out, the warning that sigma total's law curves, which fits these are): it is
# shown whole (it ran past the page's bottom edge, cut, with nothing to scroll), the figure
# keeps half the page, and a summary longer than half the page scrolls instead of being cut;
# the handle between them moves.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
[ -r "$S/pellet-25C.csv" ] || { echo "SKIP: no samples"; exit 77; }
gui_setup arrhenius-summary

cat >"$tmp/a.script" <<EOS
select all
fit-all
close-banner
page arrhenius
wait 500
figure-state arrhenius
resize 1024 560
wait 600
figure-state arrhenius
quit
EOS
for theme in Adwaita Adwaita:dark; do
  GTK_THEME=$theme xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --size 1024x700 \
    --thickness 0.6mm --diameter 10mm --test-script "$tmp/a.script" "$S"/pellet-*.csv \
    "$S"/li-*.csv >"$tmp/a.out" 2>"$tmp/a.err" \
    || failed "$theme: eisfit-gtk exited with $?: $(grep -v 'session bus' "$tmp/a.err" | tail -3)"
  awk -v theme="$theme" '
    /^arrhenius page: / { n++; page[n] = $3 }
    /^arrhenius figure: / { fig[n] = $3 }
    /^arrhenius summary: / { shown[n] = $3; need[n] = $5 }
    END {
      bad = 0
      if (n != 2) { print "FAIL: " theme ": " n " states printed, not 2"; exit 1 }
      # 1024x700: whole, and the figure at least half the page less the handle; a summary
      # longer than half the page (the curved law warnings give sigma(T_ref) along the curve
      # too: 338 px of 588) takes the other half, scrolled
      if (need[1] < 200 || (shown[1] < need[1] && shown[1] < page[1] / 2 - 10) \
          || fig[1] < page[1] / 2 - 10 || fig[1] + shown[1] > page[1]) {
        printf "FAIL: %s: 1024x700: summary %d of %d px, figure %d of the page %d px\n", theme, shown[1], need[1], fig[1], page[1]; bad = 1 }
      else printf "ok: %s: 1024x700: the summary %d of %d px, the figure %d of %d px\n", theme, shown[1], need[1], fig[1], page[1]
      # a lower window: the summary scrolls within half the page, the figure keeps the rest
      if (fig[2] < page[2] / 2 - 10 || fig[2] + shown[2] > page[2] || shown[2] < 60) {
        printf "FAIL: %s: 1024x560: summary %d of %d px, figure %d of the page %d px\n", theme, shown[2], need[2], fig[2], page[2]; bad = 1 }
      else printf "ok: %s: 1024x560: summary %d of %d px (scrolled), figure %d of %d px\n", theme, shown[2], need[2], fig[2], page[2]
      exit bad }' "$tmp/a.out" || fail=1
done
grep -E "CRITICAL|Gtk-WARNING" "$tmp/a.err" | grep -v "session bus" && failed "GTK warnings"
exit $fail
