#!/bin/sh
# eisfit-gtk killed while it writes (SIGTERM, Ctrl+C in its terminal, a closed session): it
# ends by the signal and leaves no temporary file beside the figure or the results, as eisfit
# does (man eisfit-gtk, FILES). The LD_PRELOAD shim tests/cli/fsshim.so raises the signal in
# the middle of the write. Skips (77) without xvfb-run.
set -u
. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
shim=$top_builddir/tests/cli/fsshim.so
[ -f "$shim" ] || { echo "FAIL: $shim was not built"; exit 1; }
gui_setup
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"; export ASAN_OPTIONS
check () { # description, status
  if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}
sample=$top_srcdir/samples/pellet-25C.csv
cp "$sample" "$tmp/in.csv"
printf 'open %s\nfit\nexport-csv %s\nquit\n' "$tmp/in.csv" "$tmp/out/results.csv" > "$tmp/script"
mkdir "$tmp/out"
for sig in 15 2; do
  # the figure (through cairo) and the results table (the CSV export)
  xvfb-run -a -s "-screen 0 1400x900x24" env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=$sig \
    "$gui" --export-plot "$tmp/out/fig.png" "$tmp/in.csv" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq $((128 + sig)) ] && [ -z "$(ls -A "$tmp/out")" ]
  check "signal $sig while the figure is written: ended by it (exit $rc), nothing left: $(ls -A "$tmp/out")" $?
  xvfb-run -a -s "-screen 0 1400x900x24" env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=$sig \
    "$gui" --test-script "$tmp/script" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq $((128 + sig)) ] && [ -z "$(ls -A "$tmp/out")" ]
  check "signal $sig while the results are exported: ended by it (exit $rc), nothing left: $(ls -A "$tmp/out")" $?
  rm -rf "$tmp/out"; mkdir "$tmp/out"
done
# Without a signal, the same script writes the results (the check above is not vacuous).
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/script" > /dev/null 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q "R1" "$tmp/out/results.csv" && [ "$(ls -A "$tmp/out")" = results.csv ]
check "the script exports the results when not interrupted (exit $rc)" $?
exit $fail
