#!/bin/sh
# Hostile test 8's findings on projects and inputs:
#  P1 a hand-edited fit.reduced-chi2 or fit.bic is not shown as saved: the recomputed ones
#     (chi2 0.001265 / dof 151 = 8.379e-06, BIC -1818.7), and said;
#  P2 fit.status=failed with a message "converged ...": refused at the status line (eisfit-gtk
#     reads the same project the same way);
#  P3 a removed fit.R1= or an extra fit.R9= line is named, not a correlation count;
#  F1 a named FIFO given as a data file is read once its writer comes (mkfifo + writer);
#  F2 --series given a symbolic-link loop: the reason; F3 --project /dev/stdin: refused, clearly;
#  A1 FILE@1e4K: refused naming the argument; A2 kk and drt stop reading at the point limit;
#  minor: "info - -" says standard input was read already; 1e-400h and 25C,,2h refused.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$s/pellet-60C.csv" "$tmp/"
cp "$d/hostile8-pellets.eisfit" "$tmp/good.eisfit"
cd "$tmp" || exit 99

# P1
sed 's/^fit.reduced-chi2=.*/fit.reduced-chi2=1e-20/; s/^fit.bic=.*/fit.bic=-99999/' good.eisfit > edit.eisfit
"$EISFIT" --project edit.eisfit --no-kk > p1.out 2> p1.err
l=$(grep -m1 'reduced chi2' p1.out)
echo "$l" | grep -q "reduced chi2 8.37[89]e-06" && echo "$l" | grep -q "BIC -1818.7" \
  && ok "P1 recomputed reduced chi2 and BIC shown" || bad "P1: $l"
grep -q "reduced chi2 1e-20 saved, 8.37.*recomputed; BIC -99999 saved, -1818.7.* recomputed" p1.err \
  && ok "P1 the edit said" || bad "P1 not said: $(cat p1.err)"
"$EISFIT" --project good.eisfit --no-kk > p1g.out 2> p1g.err
grep -q "do not follow" p1g.err && bad "P1: the unedited project warned: $(cat p1g.err)" \
  || ok "P1 the unedited project: no note"

# P2
sed 's/^fit.status=.*/fit.status=failed/' good.eisfit > failed.eisfit
ls=$(grep -n '^fit.status=' failed.eisfit | head -1 | cut -d: -f1)
"$EISFIT" --project failed.eisfit --no-kk > p2.out 2> p2.err; st=$?
[ $st -ne 0 ] && grep -q "failed.eisfit:$ls: fit.status=failed, while fit.message= (line [0-9]*) says \"converged" p2.err \
  && ok "P2 status and message disagreeing: refused at the status line" || bad "P2: exit $st: $(cat p2.err)"

# P3
sed '/^fit.R1=/d' good.eisfit > miss.eisfit
"$EISFIT" --project miss.eisfit --no-kk > /dev/null 2> p3.err
grep -q "no fit.R1= line" p3.err && ok "P3 a removed fit.R1 named" || bad "P3 missing: $(cat p3.err)"
sed '0,/^fit.R1=.*/s//&\nfit.R9=1 1/' good.eisfit > extra.eisfit
le=$(grep -n '^fit.R9=' extra.eisfit | cut -d: -f1)
"$EISFIT" --project extra.eisfit --no-kk > /dev/null 2> p3b.err
grep -q "extra.eisfit:$le: fit.R9: the fitted circuit .* has no parameter R9" p3b.err \
  && ok "P3 an extra fit.R9 named at its line" || bad "P3 extra: $(cat p3b.err)"

# F1: a FIFO with its writer coming later
mkfifo ff
timeout 15 sh -c 'sleep 1; cat pellet-25C.csv > ff' &
timeout 20 "$EISFIT" info ff > f1.out 2> f1.err; st=$?
wait
[ $st -eq 0 ] && grep -q "points" f1.out && ok "F1 FIFO data file read once written" \
  || bad "F1: exit $st: $(cat f1.err)"

# F2
ln -s loop1 loop2; ln -s loop2 loop1
"$EISFIT" arrhenius --series loop1 --thickness 0.6mm --diameter 10mm > /dev/null 2> f2.err
grep -q "loop1: cannot open: Too many levels of symbolic links" f2.err && ok "F2 the reason given" \
  || bad "F2: $(cat f2.err)"

# F3
"$EISFIT" --project /dev/stdin -q < good.eisfit > /dev/null 2> f3.err; st=$?
[ $st -ne 0 ] && grep -q "/dev/stdin: a project is not read from standard input" f3.err \
  && ok "F3 --project /dev/stdin refused" || bad "F3: exit $st: $(cat f3.err)"

# A1
"$EISFIT" arrhenius pellet-25C.csv@1e4K pellet-40C.csv@40C pellet-60C.csv@60C --thickness 0.6mm \
  --diameter 10mm -q > /dev/null 2> a1.err; st=$?
[ $st -ne 0 ] && grep -q "pellet-25C.csv@1e4K: the temperature after @ (10000 K) is outside 1 to 5000 K" a1.err \
  && ok "A1 FILE@1e4K named" || bad "A1: exit $st: $(cat a1.err)"

# A2: 120,000 points (a 4 MB file, read through the window): refused at the read limit
awk 'BEGIN { print "f,zr,zi"; for (i = 0; i < 120000; i++) printf "%.6g,%.6g,%.6g\n", 1e6 * 10^(-i / 20000), 100 + i % 7, -1 - i % 5 }' > big.csv
for cmd in kk drt; do
  "$EISFIT" $cmd big.csv > /dev/null 2> a2.err; st=$?
  [ $st -ne 0 ] && grep -q "max-points" a2.err && ok "A2 $cmd stops at the read limit" \
    || bad "A2 $cmd: exit $st: $(head -c 300 a2.err)"
done

# minor
"$EISFIT" info - - < pellet-25C.csv > /dev/null 2> m1.err
grep -q "standard input is empty (it can be read once" m1.err && ok "info - -: said" || bad "info - -: $(cat m1.err)"
"$EISFIT" series pellet-25C.csv@1e-400h pellet-40C.csv@1h -c "R0-p(R1,CPE1)" > /dev/null 2> m2.err; st=$?
[ $st -ne 0 ] && ok "1e-400h refused" || bad "1e-400h accepted"
"$EISFIT" series pellet-25C.csv@25C,,2h pellet-40C.csv@1h -c "R0-p(R1,CPE1)" > /dev/null 2> m3.err; st=$?
[ $st -ne 0 ] && ok "25C,,2h refused" || bad "25C,,2h accepted"
exit $fail
