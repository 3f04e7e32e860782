#!/bin/sh
# The new lab user's pellet series (tester user7) on a 7 MHz instrument: 0.85 mm x 12 mm
# (L/A = 0.0751566 1/cm), leads 0.4 Ohm and 0.3 uH, bulk R_b || CPE (4e-11, 0.93; Ea 0.38 eV),
# grain boundary R_gb || CPE (8e-9, 0.82; Ea 0.55 eV), blocking CPE (3e-6, 0.9); 7 MHz to
# 0.1 Hz, 10 per decade, 0.3 % noise (90 degC: 1 %); -30 to 90 degC. Both arcs peak above the
# top from 50 degC on (bulk 1e8 to 5e8 Hz).
# (1) The automatic choice: at 90 degC the bulk CPE was not determined, and the resistance held
#     on its course there (extrapolated from two neighbours, themselves held a few per cent
#     off) lay above the measured total; L0-p(R1,CPE1)-p(R2,CPE2)-CPE3, 1477 lower in summed
#     BIC, was "not ok on 7" and the series took an ideal C for the bulk at every temperature:
#     sigma_total(-30 degC) 1.9562e-6 +- 4.2e-9 (truth 1.9761e-6, 4.7 errors), sigma_bulk 11 %
#     high, bulk Ea 0.3818 +- 0.0011, --global bulk 0.375 and gb 0.542. A held resistance now
#     follows the Arrhenius line through the spectra that determine it.
# (2) The true circuit given: R0 free in each spectrum took up part of the bulk (124 Ohm at
#     -10 degC, sigma_bulk 5 to 9 errors low at -10..30 degC, 30 degC left out as a jump). A
#     series resistance in front of a circuit whose bulk is an arc is the leads: the joint fit
#     shares it (tested last against free in each spectrum).
# (1) runs on a fresh draw (eisfit-gen) and on the tester's files (tests/data/user7-p7, made by
# the tester's gen.py: same truth, its own noise); (2) on the tester's files: on the fresh draw
# the joint fit with the true circuit does not converge (with R0 shared or free), and the rows
# are the spectra's own fits, which withhold the bulk from 10 degC up.
# The 0.4 Ohm of leads is not in the automatic choice's circuit: its sigma_total is up to 1 %
# low at 90 degC (a resistance of 40 Ohm); the hot rows are checked to 1.5 %.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
[ -x "$gen" ] || { echo "SKIP: $gen not built"; exit 77; }
c="L0-R0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
i=0
while read -r t rb rg nz; do
  i=$((i + 1))
  "$gen" spectrum "$c" "3e-7,0.4,$rb,4e-11,0.93,$rg,8e-9,0.82,3e-6,0.9" 0.1 7e6 10 "$nz" \
    "$((70 + i))" > "$tmp/p7_${t}C.csv" || exit 99
done <<ROWS
m30 14217.343 23815.000 0.003
m10 3582.645 3239.176 0.003
10 1096.867 584.003 0.003
30 392.584 131.998 0.003
50 159.567 35.864 0.003
70 72.033 11.343 0.003
90 35.495 4.072 0.01
ROWS
cat > "$tmp/truth.txt" <<ROWS
m30 14217.343 23815.000
m10 3582.645 3239.176
10 1096.867 584.003
30 392.584 131.998
50 159.567 35.864
70 72.033 11.343
90 35.495 4.072
ROWS
G="--thickness 0.85mm --diameter 12mm"
g=0.0751566

# rows: each file's sigma_bulk (and error) and sigma_total (and error) from the text table
rows () {
  awk '$1 ~ /^(p7|pelletP7)_.*\.csv$/ {
         if ($0 ~ /left out/) { print $1, "-", "-", "-", "-"; next }
         tot = $(NF - 3); tse = $(NF - 1)
         if ($(NF - 5) == "+-") { b = $(NF - 6); bse = $(NF - 4) } else { b = "-"; bse = "-" }
         print $1, b, bse, tot, tse }' "$1"
}
# check_rows OUT WHAT: every row against the truth; the cold rows' sigma_total within 3 errors
# (and 0.3 %), the hot within 1.5 % (the leads); a sigma_bulk given within 3 errors
check_rows () {
  rows "$1" > "$tmp/rows.txt"
  while read -r t rb rg; do
    line=$(grep "^${pre}_${t}C.csv " "$tmp/rows.txt")
    set -- $line
    sb=$(awk -v g=$g -v r="$rb" 'BEGIN { printf "%.6e", g / r }')
    st=$(awk -v g=$g -v a="$rb" -v b="$rg" 'BEGIN { printf "%.6e", g / (a + b) }')
    case $t in m30|m10|10) hot=0 ;; *) hot=1 ;; esac
    if [ "$4" = "-" ]; then
      [ "$t" = 90 ] && [ "$W" = given ]
      check "$W: $t degC sigma_total left out (the series circuit not ok there)" $?
    elif [ $hot = 0 ]; then
      awk -v a="$4" -v s="$5" -v e="$st" 'BEGIN { d = a - e; if (d < 0) d = -d
          exit !(d <= 3 * s && d <= 0.003 * e) }'
      check "$W: $t degC sigma_total $4 +- $5 within 3 errors of $st" $?
    else
      awk -v a="$4" -v s="$5" -v e="$st" 'BEGIN { d = a - e; if (d < 0) d = -d
          exit !(d <= 3 * s || d <= 0.015 * e) }'
      check "$W: $t degC sigma_total $4 +- $5 within 3 errors or 1.5 % of $st" $?
    fi
    if [ "$2" != "-" ]; then
      awk -v a="$2" -v s="$3" -v e="$sb" 'BEGIN { d = a - e; if (d < 0) d = -d
          exit !(d <= 3 * s) }'
      check "$W: $t degC sigma_bulk $2 +- $3 within 3 errors of $sb" $?
    elif [ $hot = 0 ]; then
      bad "$W: $t degC gives no sigma_bulk (its spectrum resolves the bulk)"
    fi
  done < "$tmp/truth.txt"
}
bulk_ea () { sed -n '/^bulk conductivity/,/^$/s/^  sigma  *\([0-9.]*\) +- \([0-9.]*\) .*/\1 \2/p' "$1"; }

# (1) the automatic choice, on the fresh draw and on the tester's files
cp "$d"/user7-p7/pelletP7_*.csv "$tmp/" || exit 99
for pre in p7 pelletP7; do
  (cd "$tmp" && "$EISFIT" arrhenius $G ${pre}_*.csv > a.txt 2> a.err)
  check "$pre: arrhenius exits 0" $?
  ! grep -q "p(R1,C1)" "$tmp/a.txt"
  check "$pre: the bulk arc is a CPE (not an ideal C) at every temperature" $?
  W="$pre auto" check_rows "$tmp/a.txt"
  set -- $(bulk_ea "$tmp/a.txt")
  check_abs "$pre: bulk Ea (two-step)" "${1:-}" 0.380 0.002
  awk -v a="${1:-9}" -v s="${2:-0}" 'BEGIN { d = a - 0.380; if (d < 0) d = -d; exit !(d <= 4 * s) }'
  check "$pre: bulk Ea ${1:-} +- ${2:-} within 4 errors of 0.380" $?
  (cd "$tmp" && "$EISFIT" arrhenius $G --global ${pre}_*.csv > g.txt 2> g.err)
  check "$pre: arrhenius --global exits 0" $?
  ea=$(sed -n 's/^  bulk  *form sigma  *Ea \([0-9.]*\) +-.*/\1/p' "$tmp/g.txt")
  check_abs "$pre: --global bulk Ea" "$ea" 0.380 0.002
  ea=$(sed -n 's/^  grain_boundary  *form sigma  *Ea \([0-9.]*\) +-.*/\1/p' "$tmp/g.txt")
  check_abs "$pre: --global grain-boundary Ea" "$ea" 0.550 0.004
done

# (2) the true circuit given, on the tester's files
pre=pelletP7
(cd "$tmp" && "$EISFIT" arrhenius $G --circuit "$c" ${pre}_*.csv > t.txt 2> t.err)
check "arrhenius --circuit $c exits 0" $?
grep -q "R0 = [0-9.e+-]* +- [0-9.e+-]* Ohm, a resistance in series with the whole circuit shared across temperatures, is taken as the leads" "$tmp/t.err"
check "R0 shared across the series as the leads" $?
set -- $(sed -n 's/.*R0 = \([0-9.e+-]*\) +- \([0-9.e+-]*\) Ohm.*/\1 \2/p' "$tmp/t.err" | head -1)
awk -v a="${1:-}" -v s="${2:-0}" 'BEGIN { d = a - 0.4; if (d < 0) d = -d; exit !(a != "" && d <= 2 * s && s < 5) }'
check "the leads R0 ${1:-} +- ${2:-} within 2 errors of 0.4 Ohm" $?
! grep -q "${pre}_[35]0C.csv: point left out" "$tmp/t.err"
check "30 and 50 degC are not left out (a jump of R0, an arc beyond the range)" $?
W=given check_rows "$tmp/t.txt"
set -- $(bulk_ea "$tmp/t.txt")
check_abs "bulk Ea (two-step, true circuit)" "${1:-}" 0.380 0.002
(cd "$tmp" && "$EISFIT" series $G --circuit "$c" ${pre}_*.csv > s.txt 2> s.err)
check "series --circuit $c exits 0" $?
sed -n '/^  shared parameters/,/^$/p' "$tmp/s.txt" | grep -q "^    R0 "
check "series: R0 shared (not free in each spectrum)" $?
(cd "$tmp" && "$EISFIT" arrhenius $G --global --circuit "$c" ${pre}_*.csv > tg.txt 2> tg.err)
check "arrhenius --global --circuit exits 0" $?
ea=$(sed -n 's/^  bulk  *form sigma  *Ea \([0-9.]*\) +-.*/\1/p' "$tmp/tg.txt")
check_abs "--global bulk Ea (true circuit)" "$ea" 0.380 0.002
exit $fail
