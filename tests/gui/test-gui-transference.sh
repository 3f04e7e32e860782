#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Transference tab (issue 15 item 5) under Xvfb: the same choices and the same numbers as
# eisfit transference (method, I0 rule and which I0 was used and why, the Iss source, the spike
# window), the charging spike marked on the figure, and a result marked as stale when an input
# is typed over. Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

gui_setup tr

json_num () {  # KEY FILE: the first number after "KEY": in FILE
  grep -o "\"$1\": [-0-9.eE+]*" "$2" | head -1 | cut -d' ' -f2
}
json_str () {  # KEY FILE: the first string after "KEY": in FILE
  grep -o "\"$1\": \"[^\"]*\"" "$2" | head -1 | cut -d'"' -f4
}
same_number () {  # A B REL: |A - B| <= REL |B|
  awk -v a="$1" -v b="$2" -v rel="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
    exit !(a != "" && b != "" && d <= rel * m) }'
}
# compare NAME GUI.json CLI.json: t+, its error, and the choices and sources agree
compare () {
  for k in t_plus t_plus_stderr t_bv t_watanabe ratio I0_A Iss_A Iss_stderr_A spike_end_s \
           spike_points; do
    g=$(json_num $k "$2"); c=$(json_num $k "$3")
    # no t+ (null in both: a negative formula, e.g. --i0 first on a spike's top) agrees
    if [ -z "$g" ] && [ -z "$c" ] && grep -q "\"$k\": null" "$2" && grep -q "\"$k\": null" "$3"; then continue
    elif [ "$c" = "0" ]; then [ "$g" = "0" ] || failed "$1: $k = ${g:-none}, eisfit transference 0"
    else same_number "$g" "$c" 1e-6 || failed "$1: $k = ${g:-none}, eisfit transference ${c:-none}"
    fi
  done
  for k in method i0_rule i0_method i0_reason iss_source iss_reason; do
    [ "$(json_str $k "$2")" = "$(json_str $k "$3")" ] \
      || failed "$1: $k = \"$(json_str $k "$2")\", eisfit transference \"$(json_str $k "$3")\""
  done
}

for set in li li-spike; do
  pol=$S/$set-polarization.csv; bef=$S/$set-before.csv; aft=$S/$set-after.csv
  [ -r "$pol" ] || continue
  # 1. --fit-all --print-results gives eisfit transference's numbers with its default choices
  run_gui --fit-all --print-results "$pol" "$bef" "$aft" >"$tmp/$set-gui.json" 2>"$tmp/$set.err" \
    || failed "$set: --print-results failed: $(cat "$tmp/$set.err")"
  "$cli" transference --polarization "$pol" --before "$bef" --after "$aft" -f json \
    >"$tmp/$set-cli.json" 2>/dev/null
  tr -d '\n' <"$tmp/$set-gui.json" | sed 's/.*"transference": //' >"$tmp/$set-gui-tr.json"
  compare "$set --print-results" "$tmp/$set-gui-tr.json" "$tmp/$set-cli.json"
  echo "$set: t+ GUI $(json_num t_plus "$tmp/$set-gui-tr.json"), CLI $(json_num t_plus "$tmp/$set-cli.json")"
done

# 2. Each choice of the tab, as a user makes it after Compute, gives what the same option of
#    eisfit transference gives.
pol=$S/li-spike-polarization.csv; bef=$S/li-spike-before.csv; aft=$S/li-spike-after.csv
if [ -r "$pol" ]; then
  {
    echo "open $pol $bef $aft"
    echo "page transference"
    echo "compute"
    echo "print transference"
    echo "# ---"
    echo "print json"
    for c in "method watanabe" "method ratio" "method bv" "i0 calculated" "i0 first" \
             "i0 extrapolated" "i0 auto" "spike 30" "spike 0" "spike ''"; do
      echo "transference $c"
      echo "print transference"
      echo "# ---"
      echo "print json"
    done
    echo "transference R0 300"
    echo "print transference"
  } >"$tmp/choices.script"
  run_gui --test-script "$tmp/choices.script" >"$tmp/choices.out" 2>"$tmp/choices.err" \
    || failed "choices: eisfit-gtk --test-script failed: $(cat "$tmp/choices.err")"
  # one block per choice: the page's state, then the window's JSON
  awk -v d="$tmp" '/^series: / { n++ } { print > (d "/block-" n ".txt") }' "$tmp/choices.out"
  n=1
  for opts in "" "--method watanabe" "--method ratio" "" "--i0 calculated" "--i0 first" \
              "--i0 extrapolated" "" "--spike-window 30s" "--spike-window 0" ""; do
    b=$tmp/block-$n.txt
    [ -s "$b" ] || { failed "choice $n ($opts): nothing printed"; n=$((n + 1)); continue; }
    "$cli" transference --polarization "$pol" --before "$bef" --after "$aft" $opts -f json \
      >"$tmp/cli-$n.json" 2>/dev/null
    tr -d '\n' <"$b" | sed 's/.*"transference": //' >"$tmp/gui-$n.json"
    compare "choice '${opts:-default}'" "$tmp/gui-$n.json" "$tmp/cli-$n.json"
    # the tab says which I0 it used and why, where Iss came from, and the spike window
    i0m=$(json_str i0_method "$tmp/cli-$n.json"); issm=$(json_str iss_source "$tmp/cli-$n.json")
    grep -q "^ΔV = .*I₀ = .* ($i0m: " "$b" || failed "choice '$opts': the I0 used ($i0m) and why are not shown"
    grep -q "^I_ss = .* ($issm: " "$b" || failed "choice '$opts': the Iss source ($issm) is not shown"
    grep -q "^    watanabe  I_ss R_b,ss/(ΔV − I_ss R_int,ss) = " "$b" && grep -q "^    ratio     I_ss/I₀" "$b" \
      || failed "choice '$opts': the details do not list every form of t+"
    spk=$(json_num spike_points "$tmp/cli-$n.json")
    if [ "${spk:-0}" -gt 0 ]; then
      end=$(json_num spike_end_s "$tmp/cli-$n.json")
      grep -q "^Charging spike: 0–$(printf %.3g "$end") s after the step left out" "$b" \
        || failed "choice '$opts': the spike window (0-$end s) is not in the result: $(grep '^Charging' "$b")"
      grep -q "^spike marked: 0–$(printf %.4g "$end") s after the step" "$b" \
        || failed "choice '$opts': the figure does not mark the spike (0-$end s): $(grep '^spike marked' "$b")"
    else
      grep -q '^spike marked: none' "$b" || failed "choice '$opts': a spike is marked where none was left out"
    fi
    n=$((n + 1))
  done
  grep -q '^choices: method watanabe, I0 auto, spike window found$' "$tmp/block-2.txt" \
    || failed "the method drop-down does not show watanabe: $(grep '^choices' "$tmp/block-2.txt")"
  grep -q '^result: t₊ = .*Watanabe' "$tmp/block-2.txt" \
    || failed "the headline does not name the Watanabe form: $(grep '^result' "$tmp/block-2.txt")"
  # typing over R0 after Compute: the result says it is from before, the source says typed
  last=$tmp/block-$n.txt
  grep -q '^result: ⚠ Computed before ΔV or a resistance was changed' "$last" \
    || failed "typing R0 after Compute does not mark the result stale: $(grep '^result' "$last")"
  grep -q '^source: R_int,0 = 300 Ω as typed (the fit of li-spike-before.csv #1 gives 350.68 Ω' "$last" \
    || failed "a typed R0 is still said to come from the fit: $(grep '^source' "$last")"
fi

exit $fail
