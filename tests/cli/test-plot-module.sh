#!/bin/sh
# Figures come from the module eisfit-plot.so, opened only for --plot (src/cli/plot-loader.c):
# eisfit itself links neither PLplot nor cairo, fits without the module, writes a figure with
# it, and says which module is missing (exit 4, no file) without it.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
f=$top_srcdir/samples/pellet-25C.csv
c='R0-p(R1,CPE1)-p(R2,CPE2)-CPE3'
if command -v ldd > /dev/null 2>&1; then
  libs=$(ldd "$EISFIT" 2>&1)
  if echo "$libs" | grep -Eq 'libplplot|libcairo'; then
    echo "FAIL: eisfit links PLplot or cairo itself:"; echo "$libs" | grep -E 'libplplot|libcairo'; fail=1
  fi
fi
# without the module: the fit is the same, a figure is refused with the module named
"$EISFIT" -c "$c" --no-kk -f csv "$f" > "$tmp/with.csv" 2> /dev/null
EISFIT_PLOT_MODULE=$tmp/none/eisfit-plot.so "$EISFIT" -c "$c" --no-kk -f csv "$f" > "$tmp/without.csv" 2> /dev/null
rc=$?
if [ $rc -ne 0 ] || ! cmp -s "$tmp/with.csv" "$tmp/without.csv" || [ ! -s "$tmp/with.csv" ]; then
  echo "FAIL: a fit without the plotting module: exit $rc or another result"; fail=1
fi
EISFIT_PLOT_MODULE=$tmp/none/eisfit-plot.so "$EISFIT" -c "$c" --no-kk --plot "$tmp/a.png" "$f" \
  > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -ne 4 ] || [ -e "$tmp/a.png" ] || ! grep -q 'eisfit-plot.so could not be loaded' "$tmp/err"; then
  echo "FAIL: --plot without the module: exit $rc (want 4), message:"; cat "$tmp/err"; fail=1
fi
# with it: a PNG of the requested size
"$EISFIT" -c "$c" --no-kk --plot "$tmp/b.png" "$f" > /dev/null 2>&1
if [ "$(od -An -tx1 -N8 "$tmp/b.png" 2>/dev/null | tr -d ' \n')" != 89504e470d0a1a0a ]; then
  echo "FAIL: --plot wrote no PNG"; fail=1
else
  wh=$(od -An -tu1 -j16 -N8 "$tmp/b.png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
  [ "$wh" = "1200 900" ] || { echo "FAIL: the figure is $wh pixels, not 1200 900"; fail=1; }
fi
[ $fail -eq 0 ] && echo "ok: figures from eisfit-plot.so, loaded only for --plot"
exit $fail
