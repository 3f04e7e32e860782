#!/bin/sh
# eisfit-gtk: what a user chooses per file and on the Transference tab is kept in a project
# (issue 13, items 2 and 3), under Xvfb:
#  1. The Transference tab's method (Watanabe), I0 rule (calculated), spike window (2s) and a
#     typed R_b (61.5 Ohm) are saved in the project ([transference] method, i0, spike-window,
#     R_b) and opening it again shows them and the same t+ (to the printed digits); R0 and R_ss,
#     taken from the fits, are saved empty. eisfit --project reads such a project (exit 0, the
#     same fits); a method it does not know is refused with the project's line.
# Skips (77) without xvfb-run.
set -u

: "${top_srcdir:=.}" "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk
cli=$top_builddir/eisfit
s=$top_srcdir/samples

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run not found (Debian package xvfb)"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/eisfit-gui-choices.XXXXXX") || exit 99
trap "rm -rf \"$tmp\"" EXIT; [ -n "${KEEP:-}" ] && trap - EXIT
fail=0
failed () { echo "FAIL: $*"; fail=1; }
ok () { echo "ok: $*"; }

GSK_RENDERER=cairo; export GSK_RENDERER
XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
GTK_A11Y=none; export GTK_A11Y
NO_AT_BRIDGE=1; export NO_AT_BRIDGE

mkdir "$tmp/data"
for f in pellet-25C.csv pellet-60C.csv li-before.csv li-after.csv li-polarization.csv; do
  cp "$s/$f" "$tmp/data/" || exit 99
done
d=$tmp/data

run_script () { # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(grep -v 'session bus' "$tmp/$1.err")"
}

# --- 1. the Transference tab's choices ---
cat >"$tmp/tsave.script" <<EOS
open $d/li-polarization.csv $d/li-before.csv $d/li-after.csv
fit-all
page transference
choose 1 2
transference method watanabe
transference i0 calculated
transference spike 2s
transference R_b 61.5
compute
print transference
save-project $tmp/tr.eisfit
quit
EOS
cat >"$tmp/topen.script" <<EOS
open-project $tmp/tr.eisfit
print transference
quit
EOS
run_script tsave
run_script topen
sed -n '/^\[transference\]/,$p' "$tmp/tr.eisfit" >"$tmp/tr.group"
grep -q '^method=watanabe$' "$tmp/tr.group" && grep -q '^i0=calculated$' "$tmp/tr.group" \
  && grep -q '^spike-window=2s$' "$tmp/tr.group" && grep -q '^R_b=61.5$' "$tmp/tr.group" \
  && grep -q '^R0=$' "$tmp/tr.group" && grep -q '^R_ss=$' "$tmp/tr.group" \
  && ok "the method, I0 rule, spike window and typed R_b are saved; R0, R_ss from the fits empty" \
  || failed "[transference] saved: $(tr '\n' ' ' < "$tmp/tr.group")"
t_saved=$(sed -n 's/^result: t₊ = \([0-9.]* ± [0-9.]*\).*/\1/p' "$tmp/tsave.out")
t_open=$(sed -n 's/^result: t₊ = \([0-9.]* ± [0-9.]*\).*/\1/p' "$tmp/topen.out")
grep -q '^choices: method watanabe, I0 calculated, spike window 2s$' "$tmp/topen.out" \
  && grep -q '^R_b: 61.5$' "$tmp/topen.out" \
  && ok "reopened: the choices and the typed R_b are back" \
  || failed "reopened choices: $(grep '^choices\|^R_b' "$tmp/topen.out" | tr '\n' ' ')"
[ -n "$t_saved" ] && [ "$t_saved" = "$t_open" ] && grep -q '^result: .*Watanabe' "$tmp/topen.out" \
  && ok "reopened: the same t+ ($t_open, Watanabe)" \
  || failed "t+ saved '$t_saved', reopened '$t_open': $(grep '^result' "$tmp/topen.out")"
"$cli" --project "$tmp/tr.eisfit" -q -f csv >"$tmp/cli.csv" 2>"$tmp/cli.err" \
  && [ "$(grep -c 'li-' "$tmp/cli.csv")" -ge 2 ] \
  && ok "eisfit --project reads the choices and refits the spectra" \
  || failed "eisfit --project: $(cat "$tmp/cli.err")"
sed 's/^method=watanabe$/method=bruce/' "$tmp/tr.eisfit" >"$tmp/bad.eisfit"
line=$(grep -n '^method=bruce$' "$tmp/bad.eisfit" | cut -d: -f1)
"$cli" --project "$tmp/bad.eisfit" -q >/dev/null 2>"$tmp/bad.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "bad.eisfit:$line: method=bruce: expected bv, watanabe, ratio" "$tmp/bad.err" \
  && ok "an unknown method is refused with its line (exit 2)" \
  || failed "unknown method: exit $rc, $(cat "$tmp/bad.err")"
exit $fail
