#!/bin/sh
# eisfit-gtk's layout (issue 13, item 5) with the six pellet samples, under Xvfb, light and dark:
#  1. At 1024x700, 1280x800 and 1600x1000 the spectrum list, the figures and the side panel
#     fit in the window (nothing beyond its edge); the panel is at least as wide as its content
#     needs (circuit, parameter table, geometry: nothing cut); it opens at its natural width
#     where the window has room for it and a figure of 550 px (1280, 1600), and at 1024x700
#     leaves the figure at least 520 px (528); a fit does not move it.
#  2. The Series and Transference pages hide the panel (their tables and figures get the width:
#     all but the list); back on Nyquist it is there again at its width.
#  3. A width the user drags the panel to is kept on a fit and when the window grows; when it
#     shrinks to 1024x700 the panel gives way to the figure down to its content's width;
#     F9 / the header's toggle (win.show-panel) hides it and shows it again.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
s=$top_srcdir/samples
gui_setup layout
ok () { echo "ok: $*"; }

pellets="$s/pellet-m20C.csv $s/pellet-0C.csv $s/pellet-25C.csv $s/pellet-40C.csv $s/pellet-60C.csv $s/pellet-80C.csv"

# run NAME SIZE [THEME]: runs $tmp/NAME.script, output in $tmp/NAME.out
run () {
  GTK_THEME=${3:-Adwaita} xvfb-run -a -s "-screen 0 1700x1100x24" "$gui" --size "$2" \
    --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(cat "$tmp/$1.err")"
}

# the N-th "print-panel" block of FILE as "window list plots state panel min natural"
block () {
  awk -v want="$2" '/^window: / { n++; w = $2 } /^list: / { l = $2 } /^plots: / { p = $2 }
    /^panel: / { if (n == want) { gsub(/[(),]/, ""); print w, l, p, $2, $3, $5, $7 } }' "$1"
}

# --- 1 and 2: three sizes, light and dark ---
for size in 1024x700 1280x800 1600x1000; do
  for theme in Adwaita Adwaita:dark; do
    name=size-$size-$(echo "$theme" | tr -d ':')
    cat >"$tmp/$name.script" <<EOS
open $pellets
print-panel
fit-all
print-panel
page series
print-panel
page transference
print-panel
page nyquist
print-panel
EOS
    run "$name" "$size" "$theme"
    set -- $(block "$tmp/$name.out" 1); w=$1 l=$2 p1=$3 st1=$4 q1=$5 min=$6 nat=$7
    set -- $(block "$tmp/$name.out" 2); p2=$3 q2=$5 min2=$6
    set -- $(block "$tmp/$name.out" 3); p3=$3 st3=$4
    set -- $(block "$tmp/$name.out" 4); p4=$3 st4=$4
    set -- $(block "$tmp/$name.out" 5); p5=$3 st5=$4 q5=$5
    what="$size $theme (window $w, list $l, figures $p1, panel $q1, its min $min2 natural $nat)"
    [ -n "${q5:-}" ] || { failed "$what: no layout printed: $(head -3 "$tmp/$name.err")"; continue; }
    [ "$st1" = shown ] && [ $((l + p1 + q1)) -le "$w" ] && [ $((l + p2 + q2)) -le "$w" ] \
      && ok "$what: list, figures and panel fit in the window" \
      || failed "$what: beyond the window's edge: $l + $p1 + $q1 (fitted: $p2 + $q2) > $w"
    [ "$q2" -ge "$min2" ] && ok "$what: the panel is as wide as its content needs" \
      || failed "$what: the fitted panel's content ($min2 px) is cut at $q2 px"
    if [ $((w - l - nat)) -ge 552 ]; then
      [ "$q1" -eq "$nat" ] && ok "$what: the panel opens at its natural width" \
        || failed "$what: the panel opened at $q1 px, its natural width is $nat with room for it"
    else
      [ "$p1" -ge 520 ] && ok "$what: the figure keeps $p1 px" || failed "$what: the figure is $p1 px"
    fi
    [ "$q1" -eq "$q2" ] && [ "$p1" -eq "$p2" ] && ok "$what: a fit does not move the panel" \
      || failed "$what: the panel moved on a fit: $q1 -> $q2, figures $p1 -> $p2"
    [ "$st3" = hidden ] && [ "$st4" = hidden ] && [ "$p3" -ge $((w - l - 4)) ] && [ "$p4" -ge $((w - l - 4)) ] \
      && ok "$what: Series and Transference get the width ($p3 px)" \
      || failed "$what: Series/Transference: panel $st3/$st4, width $p3/$p4 of $((w - l))"
    [ "$st5" = shown ] && [ "$q5" -eq "$q2" ] && ok "$what: back on Nyquist the panel is back at $q5 px" \
      || failed "$what: back on Nyquist: panel $st5 $q5 px (was $q2)"
  done
done

# --- 3. dragged by the user, the window resized, F9 ---
cat >"$tmp/drag.script" <<EOS
open $pellets
panel drag 420
print-panel
fit-all
print-panel
resize 1600 1000
wait 300
print-panel
resize 1024 700
wait 300
print-panel
panel toggle
print-panel
panel toggle
print-panel
EOS
run drag 1280x800
set -- $(block "$tmp/drag.out" 1); q1=$5
set -- $(block "$tmp/drag.out" 2); q2=$5
set -- $(block "$tmp/drag.out" 3); w3=$1 q3=$5
set -- $(block "$tmp/drag.out" 4); w4=$1 l4=$2 p4=$3 q4=$5 min4=$6
set -- $(block "$tmp/drag.out" 5); st5=$4
set -- $(block "$tmp/drag.out" 6); st6=$4 q6=$5
[ "${q1:-0}" -eq 420 ] && [ "${q2:-0}" -eq 420 ] && ok "a dragged width (420 px) stays on a fit" \
  || failed "dragged to 420 px: ${q1:-?}, after a fit ${q2:-?}"
[ "${w3:-0}" -gt 1500 ] && [ "${q3:-0}" -eq 420 ] && ok "the window grown to $w3 px: the panel keeps 420 px" \
  || failed "grown to ${w3:-?} px: the panel is ${q3:-?} px, not the 420 dragged to"
[ "${w4:-0}" -lt 1100 ] && [ "${q4:-0}" -eq "${min4:-0}" ] && [ $((l4 + p4 + q4)) -le "$w4" ] \
  && ok "shrunk to $w4 px: the panel gives way to its content's $min4 px, the figure has $p4 px" \
  || failed "shrunk to ${w4:-?} px: list ${l4:-?}, figures ${p4:-?}, panel ${q4:-?} (min ${min4:-?})"
[ "${st5:-}" = hidden ] && [ "${st6:-}" = shown ] && [ "${q6:-0}" -eq "${q4:-1}" ] \
  && ok "the toggle hides the panel and shows it again at its width" \
  || failed "toggle: ${st5:-?} then ${st6:-?} at ${q6:-?} px"
exit $fail
