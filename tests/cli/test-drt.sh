#!/bin/sh
# eisfit drt: the distribution of relaxation times against known truth.
# tests/data/drt-two-zarc.csv was written by
#   eisfit-gen spectrum "R0-Zarc1-Zarc2-L0" 21.3,104.3,1.7e-4,0.96,61.7,1.7e-3,0.95,2.2e-7 \
#     0.1 1e6 10 0.005 11
# (R_inf 21.3 Ohm, ZARCs of 104.3 and 61.7 Ohm at tau 1.7e-4 and 1.7e-3 s, L 2.2e-7 H, 0.5 %
# noise): peaks within 10 % in tau, 5 % in R, R_inf within 1 %, L within 10 %.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# --- JSON: the keys, and the numbers against the truth
"$EISFIT" drt -f json "$d/drt-two-zarc.csv" > "$tmp/a.json" || { echo "FAIL: json exit $?"; exit 1; }
tr -d '\n' < "$tmp/a.json" > "$tmp/a1.json"
for k in R_inf_Ohm L_H lambda tau_s gamma_Ohm peaks f_Hz R_Ohm; do
  grep -q "\"$k\": " "$tmp/a1.json" && ok "json has $k" || bad "json lacks $k"
done
num () { grep -o "\"$1\": [-0-9.e+]*" "$tmp/a1.json" | head -n "${2:-1}" | tail -n 1 | sed 's/.*: //'; }
within () { awk -v a="$1" -v b="$2" -v r="$3" 'BEGIN { d = (a - b) / b; if (d < 0) d = -d; exit !(d <= r) }'; }
within "$(num R_inf_Ohm)" 21.3 0.01 && ok "R_inf $(num R_inf_Ohm) within 1 % of 21.3" \
  || bad "R_inf $(num R_inf_Ohm), expected 21.3"
within "$(num L_H)" 2.2e-7 0.10 && ok "L $(num L_H) within 10 % of 2.2e-7" || bad "L $(num L_H)"
# peaks: [{tau_s, f_Hz, R_Ohm, ...}, ...] in ascending tau
sed 's/.*"peaks": \[\([^]]*\)\].*/\1/' "$tmp/a1.json" | tr '}' '\n' > "$tmp/peaks"
np=$(grep -c tau_s "$tmp/peaks")
[ "$np" -eq 2 ] && ok "two peaks" || bad "$np peaks, expected 2"
pk () { sed -n "$1p" "$tmp/peaks" | grep -o "\"$2\": [-0-9.e+]*" | sed 's/.*: //'; }
within "$(pk 1 tau_s)" 1.7e-4 0.10 && within "$(pk 1 R_Ohm)" 104.3 0.05 \
  && ok "first peak tau $(pk 1 tau_s) s, R $(pk 1 R_Ohm) Ohm" \
  || bad "first peak tau $(pk 1 tau_s), R $(pk 1 R_Ohm); expected 1.7e-4, 104.3"
within "$(pk 2 tau_s)" 1.7e-3 0.10 && within "$(pk 2 R_Ohm)" 61.7 0.05 \
  && ok "second peak tau $(pk 2 tau_s) s, R $(pk 2 R_Ohm) Ohm" \
  || bad "second peak tau $(pk 2 tau_s), R $(pk 2 R_Ohm); expected 1.7e-3, 61.7"
# f = 1/(2 pi tau)
awk -v t="$(pk 1 tau_s)" -v f="$(pk 1 f_Hz)" 'BEGIN { d = f * 2 * 3.14159265358979 * t - 1; exit !(d < 1e-6 && d > -1e-6) }' \
  && ok "f_Hz = 1/(2 pi tau_s)" || bad "f_Hz $(pk 1 f_Hz) does not match tau $(pk 1 tau_s)"
grep -q '"lambda_method": "mgcv"' "$tmp/a1.json" && ok "json names the lambda method" \
  || bad "json lambda_method"

# --- CSV: tau and gamma, gamma never negative, tau ascending
"$EISFIT" drt -f csv -o "$tmp/a.csv" "$d/drt-two-zarc.csv" || bad "csv exit $?"
[ "$(head -n 1 "$tmp/a.csv")" = "file,spectrum,tau_s,gamma_Ohm,peak,peak_R_Ohm,peak_R_noise_stderr_Ohm" ] && ok "csv header" || bad "csv header: $(head -n 1 "$tmp/a.csv")"
awk -F, 'NR > 1 { n++; if ($4 < 0) neg++; if (NR > 2 && $3 <= last) down++; last = $3 }
  END { exit !(n > 100 && neg == 0 && down == 0) }' "$tmp/a.csv" \
  && ok "csv: $(($(wc -l < "$tmp/a.csv") - 1)) rows, gamma >= 0, tau ascending" || bad "csv rows"
# the trapezoid integral of the CSV's gamma over ln tau is R_pol (R_inf + R_pol = Z at DC)
awk -F, 'NR > 2 { s += 0.5 * ($4 + g) * (log ($3) - log (t)) } NR > 1 { t = $3; g = $4 }
  END { d = (s + 21.3) / (21.3 + 104.3 + 61.7) - 1; if (d < 0) d = -d; exit !(d < 0.02) }' "$tmp/a.csv" \
  && ok "integral of gamma + R_inf is the DC resistance within 2 %" || bad "integral of gamma"

# --- text: the method and lambda are said; a given lambda is used as given
"$EISFIT" drt "$d/drt-two-zarc.csv" > "$tmp/t.txt" || bad "text exit $?"
grep -q 'lambda .*(modified GCV)' "$tmp/t.txt" && ok "text names modified GCV" || bad "text lambda line"
"$EISFIT" drt --lambda 1.25e-3 "$d/drt-two-zarc.csv" > "$tmp/t2.txt"
grep -q 'lambda    1.250e-03 (given)' "$tmp/t2.txt" && ok "--lambda is used and said" \
  || bad "--lambda: $(grep lambda "$tmp/t2.txt")"
for m in gcv:GCV reim:re-im lcurve:L-curve; do
  "$EISFIT" drt --lambda-method "${m%%:*}" "$d/drt-two-zarc.csv" > "$tmp/m.txt" || bad "--lambda-method ${m%%:*} exit"
  grep -q "lambda .*(${m#*:}" "$tmp/m.txt" && ok "--lambda-method ${m%%:*} said" || bad "--lambda-method ${m%%:*}: $(grep lambda "$tmp/m.txt")"
done
for p in real imag; do
  "$EISFIT" drt -f json --part "$p" "$d/drt-two-zarc.csv" | tr -d '\n' > "$tmp/p.json"
  grep -q "\"part\": \"$p\"" "$tmp/p.json" && ok "--part $p" || bad "--part $p"
done
"$EISFIT" drt --fmin 1 --fmax 1e5 "$d/drt-two-zarc.csv" | grep -q 'DRT       51 points, 1 Hz to 1e+05 Hz' \
  && ok "--fmin/--fmax keep 51 points" || bad "--fmin/--fmax"

# --- the inductance: in the model when Z'' > 0 at the highest frequency, or when asked
grep -q '"with_inductance": true' "$tmp/a1.json" && ok "L in the model for inductive data" \
  || bad "with_inductance on drt-two-zarc"
"$EISFIT" drt -f json --inductance no "$d/drt-two-zarc.csv" | grep -q '"with_inductance": false' \
  && ok "--inductance no" || bad "--inductance no"
"$EISFIT" drt "$s/pellet-m20C.csv" | grep -q 'L         not in the model (omega L at the highest frequency within' \
  && ok "no L for capacitive data, said" || bad "pellet-m20C L line"
# a bulk arc reaching the highest frequency with a 0.5 uH cable: -Z'' > 0 there, yet L matters
# (left out: R_inf 47 Ohm for 1, the bulk 348 for 388); the same without the cable: no L
"$gen" spectrum "R0-Zarc1-Zarc2-L0" 1,388,3.5e-8,0.93,800,2e-6,0.85,5e-7 100 1e7 10 0.005 5 > "$tmp/l.csv"
"$gen" spectrum "R0-Zarc1-Zarc2" 1,388,3.5e-8,0.93,800,2e-6,0.85 100 1e7 10 0.005 5 > "$tmp/nol.csv"
sed -n 2p "$tmp/l.csv" | awk -F, '{ exit !($3 < 0) }' && ok "cable data: Z'' < 0 at 10 MHz" || bad "cable data: Z'' >= 0"
"$EISFIT" drt -f json "$tmp/l.csv" | tr -d '\n' > "$tmp/l.json"
sed 's/.*"peaks": \[\([^]]*\)\].*/\1/' "$tmp/l.json" | tr '}' '\n' > "$tmp/peaks"
lh=$(grep -o '"L_H": [-0-9.e+]*' "$tmp/l.json" | sed 's/.*: //')
ri=$(grep -o '"R_inf_Ohm": [-0-9.e+]*' "$tmp/l.json" | sed 's/.*: //')
grep -q '"with_inductance": true' "$tmp/l.json" && within "$lh" 5e-7 0.05 \
  && awk -v r="$ri" 'BEGIN { exit !(r < 15) }' && within "$(pk 1 R_Ohm)" 388 0.03 \
  && ok "cable under the bulk arc: L $lh H, R_inf $ri, bulk $(pk 1 R_Ohm) Ohm" \
  || bad "cable under the bulk arc: L $lh (5e-7), R_inf $ri (1), bulk $(pk 1 R_Ohm) (388)"
"$EISFIT" drt "$tmp/nol.csv" | grep -q 'L         not in the model (omega L at the highest frequency within the noise' \
  && ok "no cable: no L, said" || bad "no cable: L in the model"

# --- a blocking electrode: the tail is left out and said so; the bulk arc above the range is
# found where the fit puts it (R 369.15 Ohm, apex 1.853e7 Hz: eisfit samples/pellet-25C.csv)
"$EISFIT" drt -f json "$s/pellet-25C.csv" | tr -d '\n' > "$tmp/b.json"
grep -q '"n_tail_left_out": [1-9]' "$tmp/b.json" && grep -q 'capacitive tail' "$tmp/b.json" \
  && ok "pellet-25C: capacitive tail left out and said" || bad "pellet-25C tail"
sed 's/.*"peaks": \[\([^]]*\)\].*/\1/' "$tmp/b.json" | tr '}' '\n' > "$tmp/peaks"
within "$(pk 1 R_Ohm)" 369.15 0.03 && within "$(pk 1 f_Hz)" 1.853e7 0.10 \
  && grep -q '"beyond_data": true' "$tmp/peaks" \
  && ok "pellet-25C: bulk peak $(pk 1 f_Hz) Hz, $(pk 1 R_Ohm) Ohm, flagged beyond the data" \
  || bad "pellet-25C bulk peak: $(sed -n 1p "$tmp/peaks")"

# --- several files: one entry each, one overlaid figure
"$EISFIT" drt -f json --plot "$tmp/all.png" "$d/drt-two-zarc.csv" "$s/pellet-m20C.csv" > "$tmp/c.json" \
  || bad "two files exit $?"
n=$(grep -c '"file": ' "$tmp/c.json")
[ "$n" -eq 2 ] && ok "two files, two DRTs" || bad "$n DRTs for two files"
head -c 8 "$tmp/all.png" | od -An -c | grep -q 'P   N   G' && ok "--plot wrote a PNG" || bad "--plot PNG"
grep -q "\"plot\": \"$tmp/all.png\"" "$tmp/c.json" && ok "json names the plot" || bad "json plot"

# --- outputs are never overwritten without --force, inputs never
echo keep > "$tmp/exists.txt"
"$EISFIT" drt -o "$tmp/exists.txt" "$d/drt-two-zarc.csv" 2> "$tmp/e"; rc=$?
[ "$rc" -eq 4 ] && [ "$(cat "$tmp/exists.txt")" = keep ] && ok "existing output kept (exit 4)" \
  || bad "existing output: exit $rc"
"$EISFIT" drt --force -o "$tmp/exists.txt" "$d/drt-two-zarc.csv" && grep -q 'peaks' "$tmp/exists.txt" \
  && ok "--force replaces it" || bad "--force"
cp "$d/drt-two-zarc.csv" "$tmp/in.csv"
"$EISFIT" drt --force -o "$tmp/in.csv" "$tmp/in.csv" 2> /dev/null; rc=$?
[ "$rc" -eq 1 ] && cmp -s "$tmp/in.csv" "$d/drt-two-zarc.csv" && ok "input never replaced (exit 1)" \
  || bad "input as output: exit $rc"

# --- spectra that cannot support a DRT: exit 2, the reason named
head -n 9 "$d/drt-two-zarc.csv" > "$tmp/short.csv"
"$EISFIT" drt "$tmp/short.csv" > /dev/null 2> "$tmp/e"; rc=$?
[ "$rc" -eq 2 ] && grep -q 'short.csv: 8 usable points; a DRT needs at least 10' "$tmp/e" \
  && ok "8 points refused (exit 2)" || bad "short: exit $rc, $(cat "$tmp/e")"
# nothing but a blocking electrode: R + CPE
"$top_builddir/eisfit-gen" spectrum "R0-CPE1" 31.6,2.2e-6,0.87 0.1 1e6 10 0.005 5 > "$tmp/tail.csv" \
  || bad "eisfit-gen exit $?"
"$EISFIT" drt "$tmp/tail.csv" > /dev/null 2> "$tmp/e"; rc=$?
[ "$rc" -eq 2 ] && grep -q 'capacitive tail' "$tmp/e" && ok "a bare capacitive tail refused (exit 2)" \
  || bad "tail: exit $rc, $(cat "$tmp/e")"
"$EISFIT" drt --keep-tail "$tmp/tail.csv" > /dev/null 2>&1 && ok "--keep-tail fits it anyway" \
  || bad "--keep-tail"
# bad options: exit 1
for o in "--lambda -1" "--lambda-method best" "--part both" "--derivative 3" "--fmin 10 --fmax 1" \
         "--inductance maybe"; do
  # shellcheck disable=SC2086
  "$EISFIT" drt $o "$d/drt-two-zarc.csv" > /dev/null 2>&1; rc=$?
  [ "$rc" -eq 1 ] && ok "$o refused (exit 1)" || bad "$o: exit $rc"
done

# --- a blocking pellet: the tail's peak in the table is the R_tail the report states, and the
# peaks add up to R_pol (pellet-25C: the table said 52.87 Ohm beside an R_tail of 105.74)
"$EISFIT" drt -f json "$top_srcdir/samples/pellet-25C.csv" | tr -d '\n' > "$tmp/a1.json"
sed 's/.*"peaks": \[\([^]]*\)\].*/\1/' "$tmp/a1.json" | tr '}' '\n' > "$tmp/peaks"
np=$(grep -c tau_s "$tmp/peaks")
sum=$(i=1; while [ $i -le "$np" ]; do pk $i R_Ohm; i=$((i + 1)); done | awk '{ s += $1 } END { printf "%.10g", s }')
within "$(pk "$np" R_Ohm)" "$(num R_tail_Ohm)" 1e-9 && within "$sum" "$(num R_pol_Ohm)" 1e-6 \
  && ok "pellet-25C: tail peak $(pk "$np" R_Ohm) = R_tail $(num R_tail_Ohm); peaks add up to R_pol $(num R_pol_Ohm)" \
  || bad "pellet-25C: tail peak $(pk "$np" R_Ohm), R_tail $(num R_tail_Ohm), sum $sum, R_pol $(num R_pol_Ohm)"

# --- the real instrument files of ../shared/realdata, when they are there
R=$top_srcdir/../shared/realdata
if [ -d "$R" ]; then
  # every impedance file: a DRT with gamma >= 0, or a refusal that says why; never a crash
  before=$fail
  for f in "$R"/*/*; do
    case "$f" in *.md) continue ;; esac
    "$EISFIT" drt -f csv "$f" > "$tmp/r.csv" 2> "$tmp/r.err"; rc=$?
    if [ "$rc" -eq 0 ]; then
      awk -F, 'NR > 1 && $4 < 0 { bad = 1 } END { exit bad }' "$tmp/r.csv" \
        || bad "$(basename "$f"): negative gamma"
    elif [ "$rc" -eq 2 ]; then
      grep -q 'usable points\|capacitive tail\|no impedance spectrum' "$tmp/r.err" \
        || bad "$(basename "$f"): exit 2 without a reason: $(cat "$tmp/r.err")"
    else
      bad "$(basename "$f"): exit $rc"
    fi
  done
  [ "$fail" -eq "$before" ] && ok "every real file: gamma >= 0 or a refusal with its reason"
  # two cycles in one file: a DRT each
  "$EISFIT" drt "$R/biologic/ex1.mpt" 2> /dev/null > "$tmp/ex1.txt"
  grep -q 'spectrum 1 of 2' "$tmp/ex1.txt" && grep -q 'spectrum 2 of 2' "$tmp/ex1.txt" \
    && ok "ex1.mpt: a DRT per cycle" || bad "ex1.mpt: $(head -c 300 "$tmp/ex1.txt")"
  # the ZPlot test circuit: one arc, as the CNLS fit R0-p(R1,CPE1) finds it (R0 149.7 Ohm,
  # R1 502.9 Ohm, apex 10.14 kHz), without L: the automatic choice now adds L 4.9 uH (RMS
  # residual 0.25 % against 0.67 % without, R_inf 141.7 Ohm), which that fit does not have
  "$EISFIT" drt -f json --inductance no "$R/scribner/Circuit2_EIS_1.z" | tr -d '\n' > "$tmp/a1.json"
  sed 's/.*"peaks": \[\([^]]*\)\].*/\1/' "$tmp/a1.json" | tr '}' '\n' > "$tmp/peaks"
  within "$(num R_inf_Ohm)" 149.7 0.02 && [ "$(grep -c tau_s "$tmp/peaks")" -eq 1 ] \
    && within "$(pk 1 R_Ohm)" 502.9 0.03 && within "$(pk 1 f_Hz)" 10140 0.10 \
    && ok "Circuit2_EIS_1.z: R_inf $(num R_inf_Ohm), one peak $(pk 1 R_Ohm) Ohm at $(pk 1 f_Hz) Hz" \
    || bad "Circuit2_EIS_1.z: R_inf $(num R_inf_Ohm), peaks $(cat "$tmp/peaks")"
else
  echo "skip: no ../shared/realdata"
fi
exit $fail
