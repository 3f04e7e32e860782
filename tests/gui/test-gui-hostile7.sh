#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk against hostile test 7:
#  L1. Under a comma-decimal locale (de_DE.UTF-8, made with localedef into $tmp when the system
#      lacks it; skipped when it cannot be made) --thickness 0.6mm --diameter 10mm and
#      --area 0.785cm2 are taken (they were refused: "expected a length such as 0.6mm") and give
#      eisfit's sigma (relative 1e-9); --thickness 0,6mm is refused with exit 1 (it was taken,
#      then dropped silently: no sigma).
#  P1. A project whose saved fit was edited (R1 5000 Ohm where the data give 372): Open Project
#      says in the banner what eisfit --project says ("the saved fit does not match the data:
#      its values give chi2 ... the project saved ..."), word for word.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
gui_setup hostile7
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP: python3 not found"; exit 77; fi
cp "$S/pellet-25C.csv" "$tmp/"

# ---- L1
loc=
if LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null | grep -q ','; then
  loc="LC_ALL=de_DE.UTF-8"
elif command -v localedef >/dev/null 2>&1 && mkdir -p "$tmp/loc" \
     && localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" >/dev/null 2>&1 \
     && LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null | grep -q ','; then
  loc="LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8"
fi
if [ -z "$loc" ]; then
  echo "SKIP (L1 only): no de_DE.UTF-8 locale and localedef could not make one"
else
  "$cli" "$tmp/pellet-25C.csv" --thickness 0.6mm --diameter 10mm -q -f json > "$tmp/c1.json" \
    || failed "eisfit --thickness 0.6mm"
  "$cli" "$tmp/pellet-25C.csv" --area 0.785cm2 --thickness 0.6mm -q -f json > "$tmp/c2.json" \
    || failed "eisfit --area 0.785cm2"
  for case in "1|--thickness 0.6mm --diameter 10mm" "2|--area 0.785cm2 --thickness 0.6mm"; do
    n=${case%%|*} opts=${case#*|}
    # shellcheck disable=SC2086
    env $loc xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --print-results $opts \
      "$tmp/pellet-25C.csv" > "$tmp/g$n.json" 2> "$tmp/g$n.err"
    rc=$?
    if [ $rc -ne 0 ]; then
      failed "de_DE: eisfit-gtk $opts: exit $rc: $(grep -v 'bus' "$tmp/g$n.err" | head -2)"
      continue
    fi
    python3 - "$tmp/g$n.json" "$tmp/c$n.json" "$opts" <<'PY' || fail=1
import json, sys
def sigma(path):
    d = json.load(open(path))
    d = d["spectra"][0] if isinstance(d, dict) else d[0]
    c = d["conductivity"]
    return c.get("sigma_bulk_S_cm", c.get("bulk"))
g, c = sigma(sys.argv[1]), sigma(sys.argv[2])
if g is None or c is None or abs(g - c) > 1e-9 * abs(c):
    print("FAIL: de_DE: eisfit-gtk %s: sigma_bulk %r, eisfit gives %r" % (sys.argv[3], g, c))
    sys.exit(1)
print("ok: de_DE: eisfit-gtk %s: sigma_bulk %.6g as eisfit" % (sys.argv[3], g))
PY
  done
  # shellcheck disable=SC2086
  env $loc xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --print-results --thickness 0,6mm \
    --diameter 10mm "$tmp/pellet-25C.csv" > "$tmp/g3.json" 2> "$tmp/g3.err"
  rc=$?
  if [ $rc -ne 1 ] || ! grep -q 'thickness "0,6mm": expected a length' "$tmp/g3.err"; then
    failed "de_DE: --thickness 0,6mm: exit $rc (expected 1, refused): $(grep -v bus "$tmp/g3.err" | head -2)"
  else
    echo "ok: de_DE: --thickness 0,6mm refused"
  fi
fi

# ---- P1
gui_tmp=$tmp
. "$top_srcdir/tests/cli/lib.sh"
corr () { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < n; j++)
  printf "%s%s", (i || j) ? ";" : "", i == j ? 1 : 0; print "" }'; }
{ printf '[project]\nformat=eisfit-project 1\n\n'
  project_file 1 pellet-25C.csv thickness=0.6mm diameter=10mm cell=blocking
  cat <<END
[spectrum 1]
file=1
number=1
circuit=
fit.circuit=p(R1,C1)-p(R2,CPE2)-CPE3
fit.why=picked by the test
fit.status=converged
fit.weighting=proportional
fit.points=79
fit.iterations=17
fit.starts=3
fit.dof=151
fit.chi2=0.0013579
fit.reduced-chi2=8.99271523e-06
fit.aic=-1830.5
fit.bic=-1809.25
fit.runs-z=-1.25
fit.R1=5000 0.6123457
fit.C1=2.3456789e-11 1.23e-13
fit.R2=151.2345678 0.8123
fit.CPE2_Q=3.4567e-08 2.3e-09
fit.CPE2_n=0.8612345 0.0051234
fit.CPE3_Q=4.2e-06 3.3e-09
fit.CPE3_n=0.88123 0.000194
fit.correlation=$(corr 7)
END
} > "$tmp/wrong.eisfit"
"$cli" --project "$tmp/wrong.eisfit" --no-kk > /dev/null 2> "$tmp/cli.err"
want=$(sed -n 's/^eisfit: warning: \(.*the saved fit does not match the data.*\)$/\1/p' "$tmp/cli.err")
[ -n "$want" ] || failed "eisfit --project: no mismatch warning: $(cat "$tmp/cli.err")"
printf 'open-project %s\nprint banner\nquit\n' "$tmp/wrong.eisfit" > "$tmp/s.txt"
run_gui --test-script "$tmp/s.txt" > "$tmp/gui.out" 2> "$tmp/gui.err"
if [ -n "$want" ] && grep -qxF -- "$want" "$tmp/gui.out"; then
  echo "ok: Open Project: the banner says eisfit's warning word for word"
else
  failed "Open Project: the banner lacks eisfit's \"$want\"; it shows: $(head -5 "$tmp/gui.out")"
fi
exit $fail
