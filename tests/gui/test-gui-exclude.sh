#!/bin/sh
# eisfit-gtk leaves points out of a fit (issue 9): a synthetic spectrum with one bad point.
# R0-p(R1,CPE1)-CPE2 = 10.5 Ohm, 96.3 Ohm, 2.1e-6, 0.86, 3.3e-4, 0.82 with 0.3 % noise, then Z'
# of point 51 (1.78e5 Hz; row 7 from the top) multiplied by 0.25: it pulls R0 to 6.8 Ohm.
#  1. --exclude-points 51 and --exclude 1.7e5:1.8e5 give R0 = 10.5 within 0.1 Ohm, and the
#     same parameters as eisfit with the same options (relative 1e-6); without them R0 < 8.
#     --print-results reports the points fitted and what was left out.
#  2. --exclude-points beyond the spectrum or a bad --exclude exit 1 with a message.
#  3. The exported Nyquist figure: the outlier named by the fit ringed in red (215,0,0); with
#     the point left out, no ring and the point hollow grey (120,120,150).
#  4. With xdotool on the Bode view: Ctrl+F, a right-click on the ringed point and "Leave this point out" leave
#     it out (no red ring remains in the window).
# Skips (77) without xvfb-run or eisfit-gen.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

if [ ! -x "$gen" ] || [ ! -x "$cli" ]; then
  echo "SKIP: $gen or $cli not built"
  exit 77
fi

gui_setup excl


circuit='R0-p(R1,CPE1)-CPE2'
"$gen" spectrum "$circuit" 10.5,96.3,2.1e-6,0.86,3.3e-4,0.82 0.1 1e6 8 0.003 7 >"$tmp/clean.csv" \
  || { echo "FAIL: eisfit-gen failed"; exit 1; }
awk -F, 'NR == 8 { $2 = $2 * 0.25 } 1' OFS=, "$tmp/clean.csv" >"$tmp/outlier.csv"


# "name value stderr" of eisfit --format json
cli_params () {
  "$cli" --format json --no-kk -c "$circuit" "$@" 2>"$tmp/cli.err" | awk '{ text = text $0 } END {
    n = split(text, parts, /\{"name": "/)
    for (i = 2; i <= n; i++) {
      p = parts[i]; name = substr(p, 1, index(p, "\"") - 1)
      v = p; sub(/.*"value": /, "", v); sub(/[,}].*/, "", v)
      e = p; sub(/.*"stderr": /, "", e); sub(/[,}].*/, "", e)
      print name, v, e
    }
  }'
}

same_params () { # CLI-FILE GUI-FILE: every value within 1e-6 relative
  awk -v rel=1e-6 '
    function abs(x) { return x < 0 ? -x : x }
    NR == FNR { v[$1] = $2; n_cli++; next }
    NF >= 3 { n_gui++
      if (!($1 in v)) { print "parameter " $1 " not in the CLI output"; bad = 1; next }
      m = abs(v[$1]) > abs($2) ? abs(v[$1]) : abs($2)
      if (abs(v[$1] - $2) > rel * m) { print $1 ": CLI " v[$1] ", GUI " $2; bad = 1 } }
    END { if (n_cli != n_gui || n_cli == 0) { print "CLI has " n_cli " parameters, GUI " n_gui; bad = 1 }
          exit bad }' "$1" "$2"
}

r0 () { awk '$1 == "R0" { print $2 }' "$1"; }

# 1. The fit with and without the bad point.
run_gui --print-params -c "$circuit" "$tmp/outlier.csv" >"$tmp/all.txt" 2>"$tmp/all.err" \
  || failed "eisfit-gtk --print-params failed: $(cat "$tmp/all.err")"
awk -v r="$(r0 "$tmp/all.txt")" 'BEGIN { exit !(r != "" && r < 8) }' \
  || failed "with the bad point R0 should be pulled below 8 Ohm, got '$(r0 "$tmp/all.txt")'"
for opt in "--exclude-points=51" "--exclude=1.7e5:1.8e5" "--exclude-points=3,51"; do
  run_gui --print-params -c "$circuit" "$opt" "$tmp/outlier.csv" >"$tmp/gui.txt" 2>"$tmp/gui.err" \
    || failed "eisfit-gtk $opt failed: $(cat "$tmp/gui.err")"
  cli_params "$opt" "$tmp/outlier.csv" >"$tmp/cli.txt"
  same_params "$tmp/cli.txt" "$tmp/gui.txt" \
    || failed "eisfit-gtk $opt and eisfit $opt give different parameters"
  awk -v r="$(r0 "$tmp/gui.txt")" 'BEGIN { d = r - 10.5; exit !(r != "" && d < 0.1 && d > -0.1) }' \
    || failed "$opt: R0 should be 10.5 +- 0.1 Ohm, got '$(r0 "$tmp/gui.txt")'"
  echo "$opt: R0 = $(r0 "$tmp/gui.txt") Ohm (with every point: $(r0 "$tmp/all.txt") Ohm)"
done

# --print-results says what was left out, as eisfit --format json does
run_gui --print-results -c "$circuit" --exclude-points 51 --exclude 1e6:2e6 "$tmp/outlier.csv" \
  >"$tmp/results.json" 2>"$tmp/results.err" \
  || failed "eisfit-gtk --print-results failed: $(cat "$tmp/results.err")"
grep -q '"n_points": 57, "n_fitted": 55, "left_out": "1 point (51), 1e+06 to 2e+06 Hz: 55 of 57 points fitted"' \
  "$tmp/results.json" || failed "--print-results: no n_fitted 55 and left_out: $(grep -o '"n_points.*left_out": [^,]*' "$tmp/results.json")"

# 2. Points that are not there, and malformed ranges.
run_gui --print-params -c "$circuit" --exclude-points 58 "$tmp/outlier.csv" >/dev/null \
  2>"$tmp/beyond.err"
status=$?
[ "$status" -eq 1 ] || failed "--exclude-points 58 of 57 points: exit $status, expected 1"
grep -q "no point 58" "$tmp/beyond.err" || failed "no message for point 58: $(cat "$tmp/beyond.err")"
for bad in "1e5" "x:1e6" "-1:5" "1e5:"; do
  run_gui --print-params --exclude "$bad" "$tmp/outlier.csv" >/dev/null 2>"$tmp/bad.err"
  status=$?
  [ "$status" -eq 1 ] && grep -q "expected F1:F2" "$tmp/bad.err" \
    || failed "--exclude '$bad': exit $status, $(cat "$tmp/bad.err")"
done
run_gui --print-params --exclude-points "3,,x" "$tmp/outlier.csv" >/dev/null 2>"$tmp/bad.err"
[ "$?" -eq 1 ] || failed "--exclude-points 3,,x accepted"

# 3. The figure: outlier ringed in red; left out drawn hollow grey (and not ringed).
count () { # IMAGE COLOUR: pixels within 2 % of COLOUR
  convert "$1" -alpha off -fuzz 2% -fill black -opaque "$2" -fill white +opaque black \
    -negate -format '%[fx:round(mean*w*h)]' info: 2>/dev/null
}
if command -v convert >/dev/null 2>&1; then
  run_gui --export-plot "$tmp/ring.png" --page nyquist -c "$circuit" "$tmp/outlier.csv" \
    >/dev/null 2>"$tmp/ring.err" || failed "export with the outlier failed: $(cat "$tmp/ring.err")"
  run_gui --export-plot "$tmp/left.png" --page nyquist -c "$circuit" --exclude-points 51 \
    "$tmp/outlier.csv" >/dev/null 2>"$tmp/left.err" \
    || failed "export with point 51 left out failed: $(cat "$tmp/left.err")"
  red1=$(count "$tmp/ring.png" 'rgb(215,0,0)'); grey1=$(count "$tmp/ring.png" 'rgb(120,120,150)')
  red2=$(count "$tmp/left.png" 'rgb(215,0,0)'); grey2=$(count "$tmp/left.png" 'rgb(120,120,150)')
  echo "figure pixels: outlier ring $red1 (left out: $red2), grey $grey1 (left out: $grey2)"
  [ "${red1:-0}" -ge 20 ] || failed "the fit's outlier is not ringed in red ($red1 pixels)"
  [ "${red2:-1}" -lt 5 ] || failed "a ring although the outlier is left out ($red2 pixels)"
  [ "${grey1:-1}" -lt 5 ] && [ "${grey2:-0}" -ge 10 ] \
    || failed "the left-out point is not drawn grey ($grey2 against $grey1 pixels)"
fi

# 4. The right-click menu, driven by xdotool in a window of 1024 x 700.
if command -v xdotool >/dev/null 2>&1 && command -v import >/dev/null 2>&1 \
   && command -v convert >/dev/null 2>&1; then
  cat >"$tmp/drive.sh" <<'DRIVE'
#!/bin/sh
# inside xvfb-run: GUI FILE CIRCUIT DIR; prints "ring X Y" and "red N"
gui=$1 file=$2 circuit=$3 dir=$4
GDK_BACKEND=x11 "$gui" --size 1024x700 --page bode -c "$circuit" "$file" 2>"$dir/drive.err" &
pid=$!
# the pixels of COLOUR in the screen shot IMAGE, as "x y" lines
pixels () {
  convert "$1" -alpha off -fuzz "$3" -fill 'rgb(0,255,0)' -opaque "$2" txt:- 2>/dev/null \
    | awk -F'[,:]' '/#00FF00/ { print $1, $2 }'
}
shot () { import -window root "$1" 2>/dev/null; }
w=
for i in $(seq 1 120); do
  w=$(xdotool search --onlyvisible --name 'eisfit' 2>/dev/null | head -1)
  [ -n "$w" ] && break
  sleep 0.5
done
[ -n "$w" ] || { echo "no window"; kill $pid; exit 0; }
sleep 1
xdotool mousemove 80 400 click 1; sleep 0.5
xdotool windowfocus --sync "$w" 2>/dev/null; xdotool key ctrl+f
# wait for the fit: the outlier's red ring (the lowest red cluster; the legend's is above)
ring=
for i in $(seq 1 60); do
  sleep 1
  shot "$dir/x1.png"
  ring=$(pixels "$dir/x1.png" 'rgb(215,0,0)' 6% | sort -k2 -n | awk '
    { x[NR] = $1; y[NR] = $2 }
    END { if (NR < 20) exit; n = 0
          for (i = 1; i <= NR; i++) if (y[i] > y[NR] - 25) { sx += x[i]; sy += y[i]; n++ }
          printf "%d %d\n", sx / n, sy / n }')
  [ -n "$ring" ] && break
done
echo "ring $ring"
[ -n "$ring" ] || { kill $pid; exit 0; }
set -- $ring
xdotool mousemove "$1" "$2" click 3; sleep 2
shot "$dir/x2.png"
# the menu opens below the pointer: its first entry is "Leave this point out"
xdotool mousemove $(( $1 + 40 )) $(( $2 + 22 )) click 1
# left out and refitted: no point is ringed any more (the ring and the legend's ring go)
red=99
for i in $(seq 1 40); do
  sleep 1
  shot "$dir/x3.png"
  red=$(pixels "$dir/x3.png" 'rgb(215,0,0)' 6% | wc -l)
  [ "$red" -lt 5 ] && break
done
echo "red $red"
kill $pid
DRIVE
  xvfb-run -a -s "-screen 0 1100x760x24" sh "$tmp/drive.sh" "$gui" "$tmp/outlier.csv" "$circuit" \
    "$tmp" >"$tmp/drive.txt" 2>&1
  cat "$tmp/drive.txt" | grep -v "session bus"
  ring=$(awk '$1 == "ring" { print $2 }' "$tmp/drive.txt")
  red=$(awk '$1 == "red" { print $2 }' "$tmp/drive.txt")
  if [ -z "$ring" ]; then
    failed "xdotool: no outlier ring in the window after Ctrl+F"
  else
    [ "${red:-99}" -lt 5 ] \
      || failed "xdotool: after Leave this point out, $red red pixels (a ring) remain"
  fi
else
  echo "note: xdotool or ImageMagick missing: the right-click menu is not driven"
fi

exit $fail
