#!/bin/sh
# A pellet measured to 1 MHz whose bulk arc peaks above it (2-20 MHz): the series resistance R0
# (the leads) and the bulk arc's R1 are not separately identifiable, only R0 + R1, the grain-
# boundary arc's high-frequency intercept. Truth (0.5 mm x 10 mm, L/A = 0.063662 1/cm): leads
# R0 (1, 10 or 30 Ohm) and 0.3 uH; bulk 300 Ohm (R||CPE, n 0.93, apex F1); grain boundary
# 800 Ohm (n 0.85, apex 7e4 Hz); a blocking CPE (4e-6, 0.88); 1 Hz to 1 MHz, 0.5 % noise.
# sigma_total = 0.063662/1100 = 5.7875e-5 S/cm (the leads given with --leads are taken out).
# Before, R0 ran to 0.06 +- 221 Ohm, was left out of R_total as "leads", and sigma_total's error
# came from R1's 75 % alone (+- 19 %); the automatic choice (p(R1,C1)-..., no R0) left the
# leads given in R1: sigma_total 6-8 errors low. Now the fit report gives "R0 + R1 = X +- s Ohm
# (high-frequency resistance; the split is not determined by the data)", R_total holds it minus
# the leads with the covariance's error, and no R_bulk or sigma_bulk.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
G="--thickness 0.5mm --diameter 10mm"
C="R0-L0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
truth=5.787452e-05
# params R0 F1: the generator's parameters for the circuit above
params () {
  awk -v r0="$1" -v f1="$2" 'BEGIN { pi = 3.141592653589793
    q1 = 1 / (300 * exp(0.93 * log(2 * pi * f1))); q2 = 1 / (800 * exp(0.85 * log(2 * pi * 7e4)))
    printf "%s,3e-7,300,%.6g,0.93,800,%.6g,0.85,4e-6,0.88", r0, q1, q2 }'
}
# one draw: the fields "sigma_total its_stderr R_hf its_stderr sigma_bulk R_bulk" of a JSON report
# ("-" for one it lacks: a draw whose fit took the bulk arc into R0 has no R0 + R1)
fields () {
  tr ',' '\n' < "$1" | awk -F': ' '
    /"high_frequency_resistance"/ { hf = 1 }
    hf && /"R"/ { rh = $NF } hf && /"R_stderr"/ { rhs = $NF; hf = 0 }
    /"R_bulk"/ && !rb { rb = $NF; rbs = 1 }
    /"total"/ && !t { t = $NF } /"total_stderr"/ && !ts { ts = $NF }
    /"bulk"/ && !b { b = $NF }
    END { gsub(/[}\] ]/, "", rh); gsub(/[}\] ]/, "", rhs); gsub(/[}\] ]/, "", t); gsub(/[}\] ]/, "", ts)
          print v(t), v(ts), v(rh), v(rhs), v(b), v(rb) }
    function v(x) { return x == "" ? "-" : x }'
}
run () { # R0 F1 SEED [args]: the fields of one draw
  r0=$1 f1=$2 seed=$3; shift 3
  "$gen" spectrum "$C" "$(params "$r0" "$f1")" 1 1e6 10 0.005 "$seed" > "$tmp/d.csv" || exit 99
  "$EISFIT" $G --leads "${r0}ohm+-0.1ohm" -f json "$@" "$tmp/d.csv" > "$tmp/d.json" 2> /dev/null
  fields "$tmp/d.json"
}

# 10 draws of 10 Ohm leads and the bulk apex at 5 MHz: 9 of 10 within 2 s.e.; 5 draws each of
# 30 Ohm at 20 MHz and 1 Ohm at 2 MHz: 4 of 5 within 3 s.e. (at 30 Ohm and 20 MHz, 20 draws
# gave 16 within 2 s.e.: 2 of the others took the bulk arc into R0, no pair; one covariance was
# singular, CPE1_n on its bound, and the sum's error not determined)
for case in "10 5e6 10 2" "30 2e7 5 3" "1 2e6 5 3"; do
  set -- $case
  r0=$1 f1=$2 n=$3 k=$4
  good_t=0 good_h=0 withheld=0 seed=1
  while [ $seed -le "$n" ]; do
    set -- $(run "$r0" "$f1" $((seed + 140)) -c "$C")
    # sigma_total within k s.e. of truth, its error below 1 % (not the +- 19 % of R1 alone)
    awk -v s="$1" -v e="$2" -v t=$truth -v k="$k" 'BEGIN { d = (s - t) / e; if (d < 0) d = -d
         exit !(e > 0 && e < 0.01 * s && d <= k) }' && good_t=$((good_t + 1))
    # the sum within k s.e.; or no pair, the fit having put R0 to 0 (R1 then holds the leads,
    # which are taken out of it: sigma_total above says whether that is right)
    { [ "$3" = - ] || awk -v r="$3" -v e="$4" -v t=$((300 + r0)) -v k="$k" 'BEGIN { d = (r - t) / e; if (d < 0) d = -d
         exit !(e > 0 && d <= k) }'; } && good_h=$((good_h + 1))
    [ "$5" = null ] && [ "$6" = null ] && withheld=$((withheld + 1))
    echo "  R0 $r0, apex $f1, draw $seed: sigma_total $1 +- $2, R0 + R1 $3 +- $4 (truth $((300 + r0))), sigma_bulk $5"
    seed=$((seed + 1))
  done
  need=$((n - 1))   # 9 of 10, 4 of 5
  # An apex at 2e6 Hz, a factor 2 above the top: there the fit may resolve the arc (R1 3.4 %,
  # sigma_bulk within 0.5 s.e. of the truth in draws 2 and 5) or give an error above 1 %; 3 of 5
  [ "$f1" = 2e6 ] && need=3
  [ $good_t -ge $need ]; check "R0 $r0 Ohm, bulk apex $f1 Hz: sigma_total within $k s.e. (and < 1 %) of $truth in $good_t of $n draws" $?
  [ $good_h -ge $need ]; check "R0 $r0 Ohm, bulk apex $f1 Hz: R0 + R1 within $k s.e. of $((300 + r0)) Ohm in $good_h of $n draws" $?
  [ $withheld -ge $need ]; check "R0 $r0 Ohm, bulk apex $f1 Hz: no R_bulk or sigma_bulk in $withheld of $n draws" $?
done

# The text: the sum in the roles, R0 and R1 with no error of their own
"$gen" spectrum "$C" "$(params 10 5e6)" 1 1e6 10 0.005 144 > "$tmp/t.csv" || exit 99
"$EISFIT" $G --leads 10ohm -c "$C" "$tmp/t.csv" > "$tmp/t.txt" 2> /dev/null
grep -q "^  R0 + R1 = [0-9.]* +- [0-9.]* Ohm (high-frequency resistance; the split is not determined by the data)$" "$tmp/t.txt"
check "the report gives R0 + R1 = X +- s (high-frequency resistance; the split is not determined by the data)" $?
[ "$(grep -c '^  R[01] .*(in sum) .*(not determined alone: only R0 + R1 is, see below)' "$tmp/t.txt")" -eq 2 ]
check "R0 and R1 have no error of their own in the parameter table" $?
grep -q '^  sigma_bulk   -' "$tmp/t.txt"; check "no sigma_bulk in the text" $?
"$EISFIT" $G --leads 10ohm -c "$C" -f csv "$tmp/t.csv" > "$tmp/t.csv.out" 2> /dev/null
head -1 "$tmp/t.csv.out" | grep -q ',R_hf_Ohm,R_hf_stderr_Ohm,R_hf_of,'; check "the CSV has R_hf columns" $?
tail -1 "$tmp/t.csv.out" | grep -q ',R0 + R1,no,'; check "the CSV row names R0 + R1 and says not separated" $?

# The automatic choice (p(R1,C1)-... or p(R1,CPE1)-..., no R0): the arc above the range holds
# the leads given, which come out of R_total
good=0
for seed in 1 2 3 4 5; do
  set -- $(run 10 5e6 $((seed + 140)))
  awk -v s="$1" -v e="$2" -v t=$truth 'BEGIN { d = (s - t) / e; if (d < 0) d = -d; exit !(e > 0 && d <= 2) }' \
    && good=$((good + 1))
  echo "  automatic choice, draw $seed: sigma_total $1 +- $2"
done
[ $good -ge 4 ]; check "automatic choice, --leads 10 Ohm: sigma_total within 2 s.e. of $truth in $good of 5 draws" $?
exit $fail
