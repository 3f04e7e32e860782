#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Li|electrolyte|Li cells against known truth (spectra made by eisfit-gen, 0.3 % noise):
# electrolyte R0 = 200 Ohm (its arc above the range), SEI arc R1 = 150 Ohm at C_eff 1e-6 F
# (CPE n 0.9, apex ~1 kHz), charge-transfer arc R2 = 300 Ohm at C_eff 2e-5 F (n 0.85, apex
# ~27 Hz); R_interface = R1 + R2 = 450 Ohm.
#  1. With the salt's diffusion below it (p(CPE2, R2-Ws2), Ws Z0 = 400 Ohm, tau = 20 s; 1 MHz to
#     0.01 Hz), over 12 noise draws the automatic fit picks the Randles branch
#     R0-p(R1,CPE1)-p(CPE2,R2-W2) and R_interface is within 4 % of 450 Ohm (the semi-infinite W
#     for the finite Ws: 460-463). Its start takes the distribution's slowest lobe as the
#     diffusion, not as the second arc: seeded from the two largest lobes, 8 of these 12 draws
#     merged SEI and charge transfer into one arc (CPE n 0.51) and took the diffusion for R2,
#     R_interface 870-880 Ohm.
#  2. eisfit transference with the spectrum before (seed 3, with its diffusion tail) and one
#     after without a tail (SEI 180, charge transfer 320 Ohm, to 0.1 Hz; Rss = 500 Ohm), and a
#     polarization with I0 = dV/(R_b + R0) = 1.5385e-5 A, Iss = 1.0e-5 A (t+ = 0.400): the
#     automatic choice picks different circuits for the two, so both are fitted with the one of
#     lower summed BIC (the Randles branch), said on stderr; R0 within 4 % of 450, Rss within 2 %
#     of 500, t+ within 0.03 of 0.400.
#  3. The cell without a diffusion tail measured only down to 50 Hz (the charge-transfer apex
#     at 27 Hz just outside): the automatic fit takes the cut charge-transfer arc for a finite
#     Warburg with tau ~ 0.01 s, far below the salt's diffusion (1e2 to 1e3 s). R_interface is
#     not given (it was 140 Ohm, the SEI alone, for 450) and a caution says why.
#  4. The SEI arc at C_eff 5e-9 F (between grain boundaries and interphases): eisfit
#     transference gives both readings as the result, "t+ = LOW to HIGH", the interface reading
#     (the truth, 0.400) within 0.02 of it, each with its own error, and no single headline
#     value +- error; JSON t_plus_ambiguous, t_plus_low, t_plus_high. In a Li|Li cell the first
#     reading (JSON t_plus) counts the arc in the interface, whichever side of 1e-8 its
#     capacitance lies; the R_int,0 line names it, the R_b line does not.
set -u
: "${EISFIT:?}" "${top_builddir:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
gen=$top_builddir/eisfit-gen
fail=0
check () { # description, status
  if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}
near () { # value expected relative-tolerance
  awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = (v - e) / e; if (d < 0) d = -d; exit !(v != "" && d <= t) }'
}
jnum () { # key json: the first number (or null) for "key"
  grep -o "\"$1\": [-0-9.e+a-z]*" "$2" | head -1 | cut -d' ' -f2
}
# Q = C_eff^n R^(n-1) (Hsu-Mansfeld inverted)
Q1=2.412075e-06 Q2=4.308314e-05
LIW="R0-p(R1,CPE1)-p(CPE2,R2-Ws2) 200,150,$Q1,0.9,$Q2,0.85,300,400,20"

# 1. diffusion tail: the Randles branch found
for s in 1 2 3 4 5 6 7 8 9 10 11 12; do
  set -- $LIW
  "$gen" spectrum "$1" "$2" 0.01 1e6 10 0.003 $s > "$tmp/w$s.csv"
  "$EISFIT" --cell li-symmetric --no-kk -f json "$tmp/w$s.csv" > "$tmp/w$s.json" 2> /dev/null
  grep -q '"circuit": "R0-p(R1,CPE1)-p(CPE2,R2-W2)"' "$tmp/w$s.json"
  check "diffusion tail, seed $s: the Randles branch ($(grep -o '"circuit": "[^"]*"' "$tmp/w$s.json"))" $?
  r=$(jnum R_interface_total "$tmp/w$s.json")
  near "$r" 450 0.04; check "diffusion tail, seed $s: R_interface $r within 4 % of 450 Ohm" $?
done

# 2. one circuit for the spectra before and after
set -- $LIW
"$gen" spectrum "$1" "$2" 0.01 1e6 10 0.003 3 > "$tmp/before.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,180,2.368497e-06,0.9,320,4.266807e-05,0.85 \
  0.1 1e6 10 0.003 7 > "$tmp/after.csv"
"$gen" polarization 0.010 1.5385e-5 1.0e-5 1200 14400 5 0.002 1 > "$tmp/pol.csv"
"$EISFIT" --cell li-symmetric -q --no-kk "$tmp/after.csv" | grep -q 'circuit   R0-p(R1,CPE1)-p(R2,CPE2)$'
check "the spectrum after alone: R0-p(R1,CPE1)-p(R2,CPE2)" $?
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/before.csv" \
  --after "$tmp/after.csv" -f json > "$tmp/t.json" 2> "$tmp/t.err"
grep -q "both are fitted with R0-p(R1,CPE1)-p(CPE2,R2-W2)" "$tmp/t.err"
check "different automatic circuits: both fitted with one, said ($(cat "$tmp/t.err"))" $?
grep -q '"after_circuit": "R0-p(R1,CPE1)-p(CPE2,R2-W2)"' "$tmp/t.json"; check "after_circuit" $?
r=$(jnum R0_Ohm "$tmp/t.json"); near "$r" 450 0.04; check "R0 $r within 4 % of 450" $?
r=$(jnum Rss_Ohm "$tmp/t.json"); near "$r" 500 0.02; check "Rss $r within 2 % of 500" $?
t=$(jnum t_plus "$tmp/t.json")
awk -v t="$t" 'BEGIN { exit !(t != "" && t > 0.37 && t < 0.43) }'; check "t+ $t within 0.03 of 0.400" $?

# 3. a finite Warburg of 10 ms is no salt diffusion
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,150,$Q1,0.9,300,$Q2,0.85 0.1 1e6 10 0.003 5 \
  > "$tmp/cut.csv"
"$EISFIT" --cell li-symmetric --no-kk --fmin 50 -f json "$tmp/cut.csv" > "$tmp/cut.json" 2> /dev/null
c=$(grep -o '"circuit": "[^"]*"' "$tmp/cut.json")
if grep -q 'Ws1' "$tmp/cut.json"; then
  [ "$(jnum R_interface_total "$tmp/cut.json")" = null ]
  check "--fmin 50, $c: no R_interface ($(jnum R_interface_total "$tmp/cut.json"))" $?
  grep -q "far below what the salt's diffusion" "$tmp/cut.json"; check "--fmin 50: the caution" $?
else
  r=$(jnum R_interface_total "$tmp/cut.json")
  near "$r" 450 0.05; check "--fmin 50, $c: R_interface $r within 5 % of 450" $?
fi

# 4. an arc of ambiguous role: both readings are the result
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,150,2.048632e-08,0.9,300,$Q2,0.85 0.1 1e6 10 0.003 11 \
  > "$tmp/a-before.csv"
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,180,2.011619e-08,0.9,320,4.266807e-05,0.85 0.1 1e6 10 \
  0.003 12 > "$tmp/a-after.csv"
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/a-before.csv" \
  --after "$tmp/a-after.csv" > "$tmp/a.txt" 2> /dev/null
"$EISFIT" transference --polarization "$tmp/pol.csv" --before "$tmp/a-before.csv" \
  --after "$tmp/a-after.csv" -f json > "$tmp/a.json" 2> /dev/null
grep -q '^  t+ = 0\.[0-9]* to 0\.[0-9]*  (bv; two readings' "$tmp/a.txt"
check "ambiguous role: the headline is the range ($(grep '^  t+ =' "$tmp/a.txt"))" $?
grep -q "with it as interface" "$tmp/a.txt"; check "ambiguous role: both readings named" $?
grep -q '"t_plus_ambiguous": true' "$tmp/a.json"; check "JSON t_plus_ambiguous" $?
lo=$(jnum t_plus_low "$tmp/a.json"); hi=$(jnum t_plus_high "$tmp/a.json")
awk -v l="$lo" -v h="$hi" 'BEGIN { exit !(l != "" && l > 0.38 && l < 0.42 && h > l + 0.05) }'
check "t+ from $lo to $hi: the interface reading within 0.02 of 0.400" $?
grep -q 'R_int,0 = .*R1||CPE1 (grain boundary by its capacitance; in a Li|Li cell taken as interface)' \
  "$tmp/a.txt"
check "R_int,0 names R1||CPE1 as interface ($(grep 'R_int,0 =' "$tmp/a.txt"))" $?
! grep -q 'R_b = .*R1||CPE1' "$tmp/a.txt"
check "R_b leaves R1||CPE1 out ($(grep 'R_b =' "$tmp/a.txt"))" $?
t=$(jnum t_plus "$tmp/a.json")
awk -v t="$t" 'BEGIN { exit !(t != "" && t > 0.38 && t < 0.42) }'
check "JSON t_plus $t: the Li|Li cell's reading (the arc as interface), within 0.02 of 0.400" $?

# 5. The cell with its diffusion tail cut at --fmin 200: the data end at the valley after the
#    SEI arc (apex ~1 kHz), where the charge-transfer arc (apex 27 Hz) begins to rise. Fitted
#    as R0-p(CPE1,R1-W1) or R0-p(R1,CPE1)-CPE2 (a "diffusion tail"), R_interface was the SEI
#    alone, 145-150 Ohm for 450. It is not given, and a caution says why. Cut well below the
#    valley (0.1 Hz) or well above it (5 Hz, the tail not involved), R_interface is given.
#    Cut at 1 Hz or 0.5 Hz, near the valley (0.84-0.89 Hz) between the charge-transfer arc
#    and its Warburg, but with that arc closed within the data (apex 27 Hz: its own -Z'' at
#    f_min is 7-13 % of its apex's, under EIS_LI_ARC_CLOSED_FRACTION 0.25; at 200 Hz the SEI
#    arc keeps about half), R_interface (449.8-451.8 Ohm) is given: the rule refused it too.
for s in 2 3 4; do
  set -- $LIW
  "$gen" spectrum "$1" "$2" 0.01 1e6 10 0.003 $s > "$tmp/v$s.csv"
  "$EISFIT" --cell li-symmetric --no-kk --fmin 200 -f json "$tmp/v$s.csv" > "$tmp/v$s.json" 2> /dev/null
  c=$(grep -o '"circuit": "[^"]*"' "$tmp/v$s.json")
  [ "$(jnum R_interface_total "$tmp/v$s.json")" = null ]
  check "--fmin 200, seed $s, $c: no R_interface ($(jnum R_interface_total "$tmp/v$s.json"))" $?
  grep -q "near where the arc would give way to the diffusion tail" "$tmp/v$s.json"
  check "--fmin 200, seed $s: the caution" $?
  for fm in 0.1 0.5 1 5; do
    r=$("$EISFIT" --cell li-symmetric --no-kk --fmin $fm -f json "$tmp/v$s.csv" 2> /dev/null \
        | jnum R_interface_total /dev/stdin)
    near "$r" 450 0.03; check "--fmin $fm, seed $s: R_interface $r within 3 % of 450" $?
  done
done

# A Li|Li series with the salt's Warburg-like tail (CPE2, n 0.51): the series names its role as the
# single fit does, "diffusion tail" (the text said "unknown"; JSON had "diffusion" already).
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" 180.4,420.3,2e-6,0.85,0.0118,0.51 0.1 1e6 10 0.003 5 > "$tmp/dt0.csv"
"$gen" spectrum "R0-p(R1,CPE1)-CPE2" 180.8,460.7,2e-6,0.85,0.0120,0.52 0.1 1e6 10 0.003 6 > "$tmp/dt3.csv"
"$EISFIT" --cell li-symmetric --diameter 12mm -q --no-kk -c "R0-p(R1,CPE1)-CPE2" "$tmp/dt0.csv" \
  | grep -q "CPE2 .*-> diffusion tail"; check "single fit: CPE2 diffusion tail" $?
"$EISFIT" series --cell li-symmetric --diameter 12mm -q -c "R0-p(R1,CPE1)-CPE2" \
  "$tmp/dt0.csv@0h" "$tmp/dt3.csv@3h" > "$tmp/dt.txt"
[ "$(grep -c "CPE2 diffusion tail (" "$tmp/dt.txt")" -eq 2 ] && ! grep -q "CPE2 unknown" "$tmp/dt.txt"
check "series: CPE2 diffusion tail in both rows, as the single fit" $?

exit $fail
