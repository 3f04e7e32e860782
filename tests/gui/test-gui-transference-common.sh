#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk's Transference page gives eisfit transference's t+ when the automatic choice
# picks different circuits for the spectra before and after the hold: both take one circuit
# by the engine's rule (eis_bv_common_circuit), and the fit in the list stays the user's.
# Known truth (as tests/cli/test-li-cells.sh case 2, made by eisfit-gen, 0.3 % noise):
# electrolyte 200 Ohm; before, SEI 150 + charge transfer 300 Ohm with the salt's diffusion
# below (R_int,0 = 450, the Randles branch); after, 180 + 320 Ohm without a tail (R_int,ss =
# 500); a hold with I0 = dV/(R_b + R0) = 1.5385e-5 A, Iss = 1.0e-5 A, so t+ = 0.400.
#  1. --fit-all --print-results: t_plus and t_plus_stderr equal the command line's (relative
#     1e-6; the page warned and gave 0.37968 +- 0.02587 for the command line's 0.37917 +-
#     0.02585, from two circuits); t+ within 0.03 of 0.400; before_circuit and after_circuit are
#     the command line's; the list's fit of the spectrum after keeps the automatic choice's
#     circuit; circuit_note names both circuits and the one taken.
#  2. The page shows it: the warning names the circuit taken, the source line says the
#     spectrum after's fit was refitted; the I0 rule drop-down says R_int,0, not R0.
#  3. A circuit the user fitted to the spectrum before (typed, not the automatic choice) is the
#     one both take: the spectrum after's automatic fit is refitted with it, and t+ is eisfit
#     transference --circuit's.
#  4. Saved as a project, eisfit transference --project gives the page's t+ and says which
#     circuit both took (it kept the saved fits apart: 0.37968, the page's old number).
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup tcommon

json_num () {  # KEY FILE: the first number after "KEY": in FILE
  grep -o "\"$1\": [-0-9.eE+]*" "$2" | head -1 | cut -d' ' -f2
}
json_str () {  # KEY FILE: the first string after "KEY": in FILE
  grep -o "\"$1\": \"[^\"]*\"" "$2" | head -1 | sed 's/^[^:]*: "//; s/"$//'
}
same_number () {  # A B REL: |A - B| <= REL |B|
  awk -v a="$1" -v b="$2" -v rel="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
    exit !(a != "" && b != "" && d <= rel * m) }'
}

Q1=2.412075e-06 Q2=4.308314e-05
"$gen" spectrum "R0-p(R1,CPE1)-p(CPE2,R2-Ws2)" 200,150,$Q1,0.9,$Q2,0.85,300,400,20 \
  0.01 1e6 10 0.003 3 > "$tmp/cell-before.csv" || exit 99
"$gen" spectrum "R0-p(R1,CPE1)-p(R2,CPE2)" 200,180,2.368497e-06,0.9,320,4.266807e-05,0.85 \
  0.1 1e6 10 0.003 7 > "$tmp/cell-after.csv" || exit 99
"$gen" polarization 0.010 1.5385e-5 1.0e-5 1200 14400 5 0.002 1 > "$tmp/cell-polarization.csv" \
  || exit 99

"$cli" transference --polarization "$tmp/cell-polarization.csv" --before "$tmp/cell-before.csv" \
  --after "$tmp/cell-after.csv" -f json > "$tmp/cli.json" 2> "$tmp/cli.err" \
  || failed "eisfit transference: $(cat "$tmp/cli.err")"
grep -q "both are fitted with" "$tmp/cli.err" \
  || failed "the command line gives both one circuit no more: $(cat "$tmp/cli.err")"
cli_t=$(json_num t_plus "$tmp/cli.json"); cli_se=$(json_num t_plus_stderr "$tmp/cli.json")
cli_bc=$(json_str before_circuit "$tmp/cli.json"); cli_ac=$(json_str after_circuit "$tmp/cli.json")

# 1. the numbers
run_gui --fit-all --print-results "$tmp/cell-before.csv" "$tmp/cell-after.csv" \
  "$tmp/cell-polarization.csv" > "$tmp/gui.json" 2> "$tmp/gui.err" \
  || failed "--print-results failed: $(cat "$tmp/gui.err")"
gui_t=$(json_num t_plus "$tmp/gui.json"); gui_se=$(json_num t_plus_stderr "$tmp/gui.json")
same_number "$gui_t" "$cli_t" 1e-6 && same_number "$gui_se" "$cli_se" 1e-6 \
  || failed "t+ $gui_t +- $gui_se, the command line $cli_t +- $cli_se"
awk -v t="$gui_t" 'BEGIN { exit !(t != "" && t > 0.37 && t < 0.43) }' \
  || failed "t+ $gui_t not within 0.03 of the truth 0.400"
[ "$(json_str before_circuit "$tmp/gui.json")" = "$cli_bc" ] \
  && [ "$(json_str after_circuit "$tmp/gui.json")" = "$cli_ac" ] && [ "$cli_bc" = "$cli_ac" ] \
  || failed "circuits $(json_str before_circuit "$tmp/gui.json") / $(json_str after_circuit "$tmp/gui.json"), the command line $cli_bc / $cli_ac"
# the list keeps the automatic choice for the spectrum after (its own fit)
grep -o '"circuit": "[^"]*"' "$tmp/gui.json" | sed -n 2p \
  | grep -qx '"circuit": "R0-p(R1,CPE1)-p(R2,CPE2)"' \
  || failed "the list's fit of the spectrum after was replaced: $(grep -o '"circuit": "[^"]*"' "$tmp/gui.json")"
note=$(json_str circuit_note "$tmp/gui.json")
case $note in
  *"picked $cli_bc for the spectrum before"*"R0-p(R1,CPE1)-p(R2,CPE2) for the spectrum after"*"both are fitted with $cli_bc"*) ;;
  *) failed "circuit_note: $note" ;;
esac

# 2. what the page says
cat > "$tmp/s.script" <<EOS
open $tmp/cell-before.csv $tmp/cell-after.csv $tmp/cell-polarization.csv
fit-all
page transference
compute
print transference
EOS
run_gui --test-script "$tmp/s.script" > "$tmp/s.out" 2> "$tmp/s.err" \
  || failed "--test-script failed: $(cat "$tmp/s.err")"
grep -q "^⚠ The automatic choice picked .*both are fitted with $cli_bc" "$tmp/s.out" \
  || failed "no warning naming the circuit taken: $(grep '⚠' "$tmp/s.out")"
grep -q "of cell-after.csv #1 ($cli_bc, refitted for one circuit before and after)" "$tmp/s.out" \
  || failed "the source does not say the spectrum after was refitted: $(grep -A2 '^source' "$tmp/s.out")"
grep -q "fitted with different circuits" "$tmp/s.out" \
  && failed "the page still only warns that the circuits differ"
grep -q '^R_int,0: 46' "$tmp/s.out" && grep -q '^R_int,ss: 49' "$tmp/s.out" \
  || failed "R_int,0 / R_int,ss not 46x / 49x Ohm: $(grep '^R_int' "$tmp/s.out")"
grep -q 'R_b+R₀\|R_b + R₀' "$top_srcdir/ui/eisfit-transference-page.ui" \
  && failed "the I0 rule drop-down still says R0"

# 3. the user's circuit for the spectrum before: both take it
user="R0-p(R1,CPE1)-p(CPE2,R2-W2)"
cat > "$tmp/u.script" <<EOS
open $tmp/cell-before.csv $tmp/cell-after.csv $tmp/cell-polarization.csv
fit-all
select 0
circuit $user
fit
page transference
compute
print transference
print json
EOS
run_gui --test-script "$tmp/u.script" > "$tmp/u.out" 2> "$tmp/u.err" \
  || failed "--test-script (user's circuit) failed: $(cat "$tmp/u.err")"
grep -q "of cell-after.csv #1 ($user, refitted for one circuit before and after)" "$tmp/u.out" \
  || failed "the spectrum after not refitted with the user's circuit: $(grep -A2 '^source' "$tmp/u.out")"
grep -q "^⚠ The spectrum before (cell-before.csv #1) was fitted with $user (chosen) and the spectrum after (cell-after.csv #1) with R0-p(R1,CPE1)-p(R2,CPE2) (the automatic choice): both are fitted with the circuit chosen" "$tmp/u.out" \
  || failed "user's circuit: no warning saying so: $(grep '⚠' "$tmp/u.out")"
[ "$(json_str after_circuit "$tmp/u.out")" = "$user" ] \
  || failed "user's circuit: after_circuit $(json_str after_circuit "$tmp/u.out")"
"$cli" transference --polarization "$tmp/cell-polarization.csv" --before "$tmp/cell-before.csv" \
  --after "$tmp/cell-after.csv" --circuit "$user" -f json > "$tmp/cliu.json" 2> /dev/null
same_number "$(json_num t_plus "$tmp/u.out")" "$(json_num t_plus "$tmp/cliu.json")" 1e-6 \
  || failed "user's circuit: t+ $(json_num t_plus "$tmp/u.out"), eisfit transference --circuit $(json_num t_plus "$tmp/cliu.json")"

# 4. the project: eisfit transference --project takes the same rule
cat > "$tmp/p.script" <<EOS
open $tmp/cell-before.csv $tmp/cell-after.csv $tmp/cell-polarization.csv
fit-all
page transference
compute
save-project $tmp/p.eisfit
EOS
run_gui --test-script "$tmp/p.script" > "$tmp/p.out" 2> "$tmp/p.err" \
  || failed "--test-script (project) failed: $(cat "$tmp/p.err")"
"$cli" transference --project "$tmp/p.eisfit" -f json > "$tmp/clip.json" 2> "$tmp/clip.err" \
  || failed "eisfit transference --project: $(cat "$tmp/clip.err")"
same_number "$(json_num t_plus "$tmp/clip.json")" "$gui_t" 1e-6 \
  && same_number "$(json_num t_plus_stderr "$tmp/clip.json")" "$gui_se" 1e-6 \
  || failed "--project: t+ $(json_num t_plus "$tmp/clip.json") +- $(json_num t_plus_stderr "$tmp/clip.json"), the page $gui_t +- $gui_se"
grep -q "both are fitted with $cli_bc.*(the project's circuit= sets it)" "$tmp/clip.err" \
  || failed "--project: no word of the circuit both took: $(cat "$tmp/clip.err")"
exit $fail
