#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit transference on a Li|electrolyte|Li cell whose bulk and interface arcs overlap (apexes
# a factor 8 apart), after a new-lab-user tester's Li|MOF|Li cell: R_b 500 Ohm (C 2e-10 F), the
# interface R_int,0 800 and R_int,ss 950 Ohm (CPE 2e-9, n 0.95: C_eff 9.9e-10 F, in the band
# 3.3e-10..3e-8 F where the capacitance leaves the role open), dV 10 mV, I0 = dV/(R_b + R_int,0)
# = 7.692 uA, Iss 4.852 uA: t+ = 0.450. Before, the open-role arc was counted twice: R_int,0
# 1598 = 2 x 799 without the geometry, R_b 1300 = 500 + 799 with it, and no t+ (exit 2, and no
# JSON at all with -f json); only --cell li-symmetric without the geometry gave 0.4497.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
jget () { # file key [sub-object]: a number (or null) from the JSON, via python3
  python3 -c 'import json,sys
j = json.load(open(sys.argv[1]))
if len(sys.argv) > 3: j = j[sys.argv[3]] or {}
v = j.get(sys.argv[2])
print("null" if v is None else v)' "$@" 2> /dev/null
}
within2se () { # t se truth: status 0 when |t - truth| <= 2 se
  awk -v t="$1" -v s="$2" -v e="$3" 'BEGIN { d = t - e; if (d < 0) d = -d
    exit !(t != "" && t != "null" && s > 0 && d <= 2 * s) }'
}
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }

"$gen" spectrum "p(R1,C1)-p(R2,CPE2)" 500,2e-10,800,2e-9,0.95 0.1 7e6 10 0.005 18 \
  > "$tmp/before.csv" || exit 99
"$gen" spectrum "p(R1,C1)-p(R2,CPE2)" 500,2e-10,950,2e-9,0.95 0.1 7e6 10 0.005 19 \
  > "$tmp/after.csv" || exit 99
"$gen" polarization 0.010 7.692308e-6 4.851758e-6 900 10800 9 0.002 4 > "$tmp/ca.csv" || exit 99
run () { # output-name options...: eisfit transference on the three files
  _o=$1; shift
  "$EISFIT" transference --polarization "$tmp/ca.csv" --before "$tmp/before.csv" \
    --after "$tmp/after.csv" "$@" > "$tmp/$_o" 2> "$tmp/$_o.err"
}

g="--thickness 1.00mm --diameter 10mm"
i=0
for opts in "" "$g" "--cell li-symmetric" "$g --cell li-symmetric"; do
  i=$((i + 1))
  # shellcheck disable=SC2086
  run "r$i.json" $opts -f json
  rc=$?
  what="${opts:-no options}"
  check "$what: exit 0 (was 2)" "$rc"
  t=$(jget "$tmp/r$i.json" t_plus) se=$(jget "$tmp/r$i.json" t_plus_stderr)
  within2se "$t" "$se" 0.450; check "$what: t+ $t +- $se within 2 s.e. of the truth 0.450" $?
  check_rel "$what: R_int,0 (the interface arc once)" "$(jget "$tmp/r$i.json" R0_Ohm)" 800 0.03
  check_rel "$what: R_b (the bulk alone)" "$(jget "$tmp/r$i.json" Rb_Ohm)" 500 0.03
  check_rel "$what: R_int,ss" "$(jget "$tmp/r$i.json" Rss_Ohm)" 950 0.03
  # the role is open: the other reading counts the arc in the electrolyte, which leaves no
  # interface (R_int,0 0, R_b 1300, t+ the ratio Iss/I0 = 0.631)
  [ "$(jget "$tmp/r$i.json" t_plus_ambiguous)" = True ]
  check "$what: t_plus_ambiguous true" $?
  check_abs "$what: other reading R_int,0" "$(jget "$tmp/r$i.json" R0_Ohm other_reading)" 0 1e-9
  check_rel "$what: other reading R_b" "$(jget "$tmp/r$i.json" Rb_Ohm other_reading)" 1300 0.03
  check_rel "$what: other reading t+ (the ratio)" "$(jget "$tmp/r$i.json" t_plus other_reading)" \
    0.6307 0.01
done
# a geometry does not move the numbers (the roles are read from C_eff in F)
check_abs "t+ with the geometry = without" "$(jget "$tmp/r2.json" t_plus)" "$(jget "$tmp/r1.json" t_plus)" 1e-12
check_abs "t+ with --cell li-symmetric = without" "$(jget "$tmp/r3.json" t_plus)" "$(jget "$tmp/r1.json" t_plus)" 1e-12

# the text: the two readings, the arc named as the fit report names it, R_b without it
# shellcheck disable=SC2086
run r.txt $g
check "text: exit 0" $?
grep -q '^  t+ = 0\.4[0-9]* to 0\.63[0-9]*  (bv; two readings: the role of R2||CPE2 ' "$tmp/r.txt"
check "text: the headline gives both readings" $?
grep -q '^       0\.4[0-9]* +- 0\.0[0-9]* with it as interface (R_int,0 = [0-9.]* Ohm), 0\.63[0-9]* +- [0-9.]* with it as electrolyte (R_int,0 = 0 Ohm); --interface-arcs decides$' "$tmp/r.txt"
check "text: each reading with its error" $?
grep -q 'R_int,0 = [0-9.]* +- [0-9.]* Ohm from R2||CPE2 (grain boundary by its capacitance; in a Li|Li cell taken as interface)$' "$tmp/r.txt"
check "text: R_int,0 names the arc's open role as the fit report does" $?
grep -q 'R_b = 5[0-9][0-9]\.*[0-9]* +- ' "$tmp/r.txt"; check "text: R_b about 500 Ohm, not 1300" $?
# the fit report reads the arc the same way (the interface first)
"$EISFIT" --cell li-symmetric "$tmp/before.csv" --no-kk > "$tmp/fit.txt" 2>&1
grep -q 'R2||CPE2 .* -> interface (role open: grain boundary by its capacitance' "$tmp/fit.txt"
check "fit report: R2||CPE2 read as the interface first" $?

# --interface-arcs R2 decides: the first reading, no other
run u.json --interface-arcs R2 -f json
check "--interface-arcs R2: exit 0" $?
check_abs "--interface-arcs R2: t+ as the first reading" "$(jget "$tmp/u.json" t_plus)" "$(jget "$tmp/r1.json" t_plus)" 1e-9
[ "$(jget "$tmp/u.json" t_plus_ambiguous)" = False ]; check "--interface-arcs R2: decided" $?

# a refusal still writes one JSON object with the why, and exits 2 as documented
run no.json --r0 1700 -f json
rc=$?
[ "$rc" = 2 ]; check "refusal (--r0 1700 > dV/Iss - R_b): exit 2 (got $rc)" $?
[ "$(jget "$tmp/no.json" refused)" = True ] && [ "$(jget "$tmp/no.json" t_plus)" = null ]
check "refusal: JSON refused true, t_plus null" $?
jget "$tmp/no.json" error | grep -q 'no t+ from this R_int,0$'; check "refusal: JSON error says why" $?
[ "$(jget "$tmp/no.json" exit_status)" = 2 ]; check "refusal: JSON exit_status 2" $?
check_abs "refusal: JSON R0_Ohm the typed" "$(jget "$tmp/no.json" R0_Ohm)" 1700 0
exit "$fail"
