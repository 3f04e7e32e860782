#!/bin/sh
# Hostile test 7's findings in eisfit (the GUI's are in tests/gui/test-gui-hostile7.sh):
#  P4. A project's temperature is labelled with its temperature-source= (typed, entered), not
#      "(from the metadata)" whatever it says; CSV/JSON temperature_from alike.
#  K1. A project refused inside a [spectrum] group after its fit.* lines (here at a line without
#      '=') leaked the half-read fit: checked by LeakSanitizer in a sanitizer build
#      (--enable-sanitizers), where the leak made eisfit's exit status LSan's, not 2.
#  M1. A manifest naming a quoted file with a line break in its name: refused at the manifest's
#      line (was "new: cannot open"); a listed file that cannot be opened names manifest:line.
#  C1. drt --lambda 1e300 lists no 3e-295 Ohm "peak"; arrhenius @1K/@5000K prints Ea's error
#      with significant digits, never "+- 0.000000"; an empty file name is said to be one.
#  C2. FILE@25C,1e300h is refused (times beyond ten years).
#  O1. -o LINK --force writes through a dangling link as through a live one: the link stays.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
has () { if grep -qF -- "$3" "$2"; then echo "ok: $1"; else echo "FAIL: $1: no \"$3\" in:"; cat "$2"; fail=1; fi; }
hasnt () { if grep -qF -- "$3" "$2"; then echo "FAIL: $1: \"$3\" in:"; cat "$2"; fail=1; else echo "ok: $1"; fi; }
G="--thickness 0.6mm --diameter 10mm"
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$tmp/"
cd "$tmp" || exit 99

# ---- P4
{ printf '[project]\nformat=eisfit-project 1\n\n'
  project_file 1 pellet-25C.csv thickness=0.6mm diameter=10mm
  printf '[spectrum 1]\nfile=1\nnumber=1\ntemperature-K=300.15\ntemperature-source=typed\n'
  printf 'circuit=p(R1,C1)-p(R2,CPE2)-CPE3\n'
} > p4.eisfit
"$EISFIT" --project p4.eisfit -q --no-kk > p4.out 2> p4.err
has "P4: the project's temperature-source" p4.out "27.00 degC (typed)"
hasnt "P4: not 'from the metadata'" p4.out "from the metadata"
"$EISFIT" --project p4.eisfit -q --no-kk -f json > p4.json 2> /dev/null
has "P4: JSON temperature_from" p4.json '"temperature_from": "typed"'

# ---- K1
{ printf '[project]\nformat=eisfit-project 1\n\n'
  project_file 1 pellet-25C.csv thickness=0.6mm diameter=10mm
  printf '[spectrum 1]\nfile=1\nnumber=1\ncircuit=R1-C1\nfit.circuit=R1-C1\n'
  printf 'fit.R1=370 0.5\nfit.C1=1e-9 1e-11\nfit.correlation=1;0;0;1\nno equals sign here\n'
} > k1.eisfit
"$EISFIT" --project k1.eisfit -q --no-kk > /dev/null 2> k1.err
rc=$?
check "K1: refused with exit 2 (LeakSanitizer's exit otherwise): exit $rc" "$([ $rc -eq 2 ] && echo 0 || echo 1)"
hasnt "K1: nothing leaked" k1.err "LeakSanitizer"
has "K1: the line named" k1.err "k1.eisfit:"

# ---- M1
cp pellet-40C.csv "$(printf 'new\nline.csv')"
printf 'file,T_C\npellet-25C.csv,25\n"new\nline.csv",40\n' > m1.csv
"$EISFIT" arrhenius --series m1.csv $G > /dev/null 2> m1.err
has "M1: a quoted name with a line break: the manifest's line" m1.err \
  "--series: m1.csv:3: a double-quoted field is not closed on its line"
printf 'file,T_C\npellet-25C.csv,25\nnothere.csv,40\n' > m2.csv
"$EISFIT" arrhenius --series m2.csv $G > /dev/null 2> m2.err
has "M1: a listed file that cannot be opened: the manifest's line" m2.err "--series: m2.csv:3: "

# ---- C1
"$EISFIT" drt pellet-25C.csv --lambda 1e300 > c1.out 2>&1
has "C1: drt --lambda 1e300: no peak listed" c1.out "peaks     none"
"$EISFIT" arrhenius pellet-25C.csv@1K pellet-40C.csv@5000K $G -q > c1a.out 2>&1
hasnt "C1: no '+- 0.000000'" c1a.out "+- 0.000000"
has "C1: Ea's error in significant digits" c1a.out "4.98e-05 +- 2.2e-07"
"$EISFIT" "" > /dev/null 2> c1e.err
has "C1: an empty file name" c1e.err "eisfit: an empty file name"

# ---- C2
"$EISFIT" series pellet-25C.csv@25C,1e300h pellet-40C.csv@25C,1h -q > c2.out 2> c2.err
rc=$?
check "C2: @25C,1e300h refused (exit $rc, a usage error)" "$([ $rc -eq 1 ] && echo 0 || echo 1)"
has "C2: ten years at most" c2.err "ten years at most"

# ---- O1
echo old > target.txt; ln -s target.txt live.txt; ln -s made.txt dangling.txt
"$EISFIT" pellet-25C.csv -q --no-kk -o live.txt --force
"$EISFIT" pellet-25C.csv -q --no-kk -o dangling.txt --force
check "O1: the live link stays a link" "$([ -L live.txt ] && echo 0 || echo 1)"
check "O1: the dangling link stays a link" "$([ -L dangling.txt ] && echo 0 || echo 1)"
check "O1: the file it named is written" "$([ -f made.txt ] && [ ! -L made.txt ] && grep -q pellet made.txt && echo 0 || echo 1)"
"$EISFIT" pellet-25C.csv -q --no-kk -o dangling.txt > /dev/null 2> o1.err
check "O1: without --force, refused" "$([ $? -eq 4 ] || [ -s o1.err ] && echo 0 || echo 1)"
exit $fail
