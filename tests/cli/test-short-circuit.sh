#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A spectrum that is only a resistance and the leads' inductance (a short circuit or cable
# measurement, or an electrolyte whose arcs all lie above the range) gets L0-R0 from the
# automatic choice (R0 alone without an inductance), with R0 and L0 and their errors, and the
# caution that no arc is in the measured range: sigma_total, never sigma_bulk.
# Before, the 0.837 Ohm + 0.32 uH spectrum measured to 7 MHz (omega L up to 17 R) had no
# arc-free candidate: the answer was L0-R0-p(R1,CPE1), untrusted, exit 3, no sigma.
# Truth (eisfit-gen, 0.5 % noise, 10 points a decade): A R0 0.837 Ohm, L0 3.2e-7 H, 10 Hz to
# 7 MHz; B (a cable short) R0 0.0423 Ohm, L0 1.1e-6 H, 1 Hz to 1 MHz; C R0 5.43 Ohm alone,
# 0.1 Hz to 1 MHz. Tolerances: within 4 standard errors of the truth, and 0.5 % (R0) / 1 %
# (L0); the errors measured over 6 seeds are 0.07-0.08 % (R0) and 0.1-0.15 % (L0).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
pval () { # json name: value and stderr of parameter NAME
  tr '{' '\n' < "$1" | sed -n "s/^\"name\": \"$2\", \"value\": \([^,]*\), \"stderr\": \([^,]*\),.*/\1 \2/p" | head -1
}
jnum () { tr ',' '\n' < "$1" | sed -n "s/^ *\"$2\": //p" | head -1; }
within () { # name value se truth rel: |value - truth| <= 4 se and <= rel truth, se > 0
  if awk -v v="$2" -v s="$3" -v t="$4" -v r="$5" 'BEGIN { d = v - t; if (d < 0) d = -d
       exit !(v != "" && s > 0 && d <= 4 * s && d <= r * t) }'
  then ok "$1 = $2 +- $3 (truth $4)"
  else bad "$1 = '$2' +- '$3', truth $4 (4 s.e. and $5 relative)"; fi
}
for seed in 3 11; do
  for case in "A L0-R0 3.2e-7,0.837 10 7e6" "B L0-R0 1.1e-6,0.0423 1 1e6" "C R0 5.43 0.1 1e6"; do
    # shellcheck disable=SC2086
    set -- $case
    "$gen" spectrum "$2" "$3" "$4" "$5" 10 0.005 $seed > "$tmp/$1.csv"
    "$EISFIT" --thickness 0.05cm --area 1cm2 --no-kk -f json "$tmp/$1.csv" > "$tmp/$1.json" 2> "$tmp/$1.err"
    rc=$?
    check "$1 seed $seed: exit 0 (got $rc)" $rc
    circ=$(jnum "$tmp/$1.json" circuit | tr -d '"')
    [ "$circ" = "$2" ] && ok "$1 seed $seed: circuit $circ" || bad "$1 seed $seed: circuit '$circ', expected $2"
    r_true=${3##*,}
    # shellcheck disable=SC2046
    within "$1 seed $seed: R0" $(pval "$tmp/$1.json" R0) "$r_true" 0.005
    if [ "$2" = L0-R0 ]; then
      # shellcheck disable=SC2046
      within "$1 seed $seed: L0" $(pval "$tmp/$1.json" L0) "${3%%,*}" 0.01
    fi
    grep -q '"cautions": \[[^]]*no arc is in the measured range' "$tmp/$1.json" \
      && ok "$1 seed $seed: caution 'no arc is in the measured range'" \
      || bad "$1 seed $seed: no 'no arc in range' caution"
    sb=$(grep -o '"conductivity": {"bulk": [^,]*' "$tmp/$1.json" | sed 's/.*: //')
    [ "$sb" = null ] && ok "$1 seed $seed: no sigma_bulk" || bad "$1 seed $seed: sigma_bulk $sb"
    st=$(tr ',' '\n' < "$tmp/$1.json" | sed -n 's/^ *"total": //p' | head -1)
    check_rel "$1 seed $seed: sigma_total (truth 0.05/R0)" "$st" \
      "$(awk -v r="$r_true" 'BEGIN { printf "%.6g", 0.05 / r }')" 0.005
  done
done
# the text says it too
"$EISFIT" --no-kk "$tmp/A.csv" > "$tmp/A.txt" 2>&1
grep -q "caution: .*no arc is in the measured range (a resistance and an inductance only" "$tmp/A.txt" \
  && ok "text: no arc in range" || { bad "text lacks 'no arc in range'"; cat "$tmp/A.txt"; }
exit $fail
