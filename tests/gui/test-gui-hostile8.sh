#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk against hostile test 8:
#  T8. Series page, Order by Time, w1.mpt with a start time and w2.mpt without: the status names
#      w2.mpt and says it has no start time, as eisfit series --by time does (it named w1.mpt,
#      "has no time stamps").
#  P2. A project whose fit.status=failed contradicts its message "converged ...": Open Project
#      refuses it with eisfit --project's words (it showed "failed" where eisfit said converged).
#  P1. A project whose fit.reduced-chi2 and fit.bic were edited: the banner says eisfit
#      --project's note word for word (recomputed, not 1e-20 and -99999).
#  F1. A FIFO given as a data file: refused at once, not waited on (the window would block).
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup hostile8
"$gen" spectrum "R0-p(R1,CPE1)" "23.7,150,3.1e-6,0.82" 0.1 1e6 8 0.004 5 > "$tmp/g.csv"
mpt () {
  { printf 'EC-Lab ASCII FILE\nNb header lines : 7\n\nPotentio Electrochemical Impedance Spectroscopy\n\n%s\n' "$2"
    printf 'freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\n'
    awk -F, 'NR > 1 { printf "%s\t%s\t%g\t%.3f\n", $1, $2, -$3, 0.5 * (NR - 2) }' "$tmp/g.csv"
  } > "$tmp/$1"
}
mpt w1.mpt "Acquisition started on : 01/05/2026 10:00:00"
mpt w2.mpt "Device : SP-200"
"$cli" series "$tmp/w1.mpt" "$tmp/w2.mpt" -c "R0-p(R1,CPE1)" --by time > /dev/null 2> "$tmp/cli.err"
grep -q "w2.mpt: spectrum 1 has no start time" "$tmp/cli.err" || failed "eisfit: $(cat "$tmp/cli.err")"
printf 'page series\nseries-fit all time R0-p(R1,CPE1)\nprint series\nquit\n' > "$tmp/t8.txt"
run_gui --test-script "$tmp/t8.txt" "$tmp/w1.mpt" "$tmp/w2.mpt" > "$tmp/t8.out" 2> "$tmp/t8.err"
if grep -q "^status: Order by time: w2.mpt #1 has no start time (the instrument's date and time) while other files have one" "$tmp/t8.out"; then
  echo "ok: T8 the file without a start time named, as eisfit does"
else
  failed "T8: $(grep '^status' "$tmp/t8.out")"
fi

cp "$S/pellet-25C.csv" "$S/pellet-40C.csv" "$tmp/"
cp "$top_srcdir/tests/data/hostile8-pellets.eisfit" "$tmp/good.eisfit"
sed 's/^fit.status=.*/fit.status=failed/' "$tmp/good.eisfit" > "$tmp/failed.eisfit"
"$cli" --project "$tmp/failed.eisfit" --no-kk > /dev/null 2> "$tmp/p2.err"
want=$(sed -n 's/^eisfit: \(.*fit.status=failed, while.*\)$/\1/p' "$tmp/p2.err")
[ -n "$want" ] || failed "eisfit --project: no refusal: $(cat "$tmp/p2.err")"
printf 'open-project %s\nprint fit-info\nquit\n' "$tmp/failed.eisfit" > "$tmp/p2.txt"
run_gui --test-script "$tmp/p2.txt" > "$tmp/p2.out" 2> "$tmp/p2g.err"
if [ -n "$want" ] && grep -qF -- "open-project: $want" "$tmp/p2.out"; then
  echo "ok: P2 Open Project refuses with eisfit's words"
else
  failed "P2: want \"$want\"; got: $(head -3 "$tmp/p2.out")"
fi

sed 's/^fit.reduced-chi2=.*/fit.reduced-chi2=1e-20/; s/^fit.bic=.*/fit.bic=-99999/' "$tmp/good.eisfit" > "$tmp/edit.eisfit"
"$cli" --project "$tmp/edit.eisfit" --no-kk > /dev/null 2> "$tmp/p1.err"
want=$(sed -n 's/^eisfit: warning: .*: \(the saved statistics .*\)$/\1/p' "$tmp/p1.err" | head -1)
[ -n "$want" ] || failed "eisfit --project: no note: $(cat "$tmp/p1.err")"
printf 'open-project %s\nprint banner\nquit\n' "$tmp/edit.eisfit" > "$tmp/p1.txt"
run_gui --test-script "$tmp/p1.txt" > "$tmp/p1.out" 2> "$tmp/p1g.err"
if [ -n "$want" ] && grep -qF -- "$want" "$tmp/p1.out"; then
  echo "ok: P1 the banner says eisfit's note"
else
  failed "P1: want \"$want\"; got: $(head -5 "$tmp/p1.out")"
fi

# F1. A named pipe without a writer: eisfit waits for the writer (man eisfit), but the window
# must not block on it: refused at once, naming it (it would have hung the main loop).
mkfifo "$tmp/pipe" || exit 99
timeout 60 xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --print-results "$tmp/pipe" \
  > "$tmp/f1.out" 2> "$tmp/f1.err"
rc=$?
if [ $rc -ne 124 ] && grep -q "pipe: a named pipe (FIFO): not read here" "$tmp/f1.err"; then
  echo "ok: F1 a FIFO refused at once by eisfit-gtk"
else
  failed "F1: rc $rc: $(cat "$tmp/f1.err")"
fi
exit $fail
