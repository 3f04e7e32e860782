#!/bin/sh
# Numbers in series manifests and project files are decimal: a C hexadecimal float ("0x1p3",
# which strtod reads as 8), "inf", "nan" (where it does not mean none) and trailing junk are
# refused at their line, as lengths and --fix/--bounds are. A manifest or project that names
# itself, and a manifest or project that is a folder or a FIFO, get a clear error (no hang).
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$s/pellet-0C.csv" "$d/project-pellet-saved.eisfit" "$tmp/"
cd "$tmp" || exit 99
G="--thickness 0.6mm --diameter 10mm"

# the manifest: a temperature or a time that is not a decimal number
for t in 0x1p3 inf nan 25abc 1e999; do
  printf 'file,temperature\npellet-25C.csv,%s\npellet-40C.csv,40\npellet-0C.csv,0\n' "$t" > m.csv
  "$EISFIT" arrhenius --series m.csv $G > o 2> e; st=$?
  [ $st -eq 2 ] && grep -q "m.csv:2: \"$t\" is not a temperature (expected a decimal number" e
  check "manifest temperature $t: refused at line 2 (exit $st: $(cat e))" $?
done
printf 'file,temperature,time_s\npellet-25C.csv,25,0\npellet-40C.csv,40,0x10\npellet-0C.csv,0,30\n' > m.csv
"$EISFIT" arrhenius --series m.csv $G > o 2> e; st=$?
[ $st -eq 2 ] && grep -q 'm.csv:3: "0x10" is not a time' e
check "manifest time 0x10: refused at line 3 (exit $st: $(cat e))" $?
printf 'file,temperature\npellet-25C.csv,25\npellet-40C.csv,40\npellet-0C.csv,0\n' > m.csv
"$EISFIT" arrhenius --series m.csv $G > o 2> e; st=$?
[ $st -eq 0 ]
check "the same manifest with decimal numbers: read (exit $st: $(cat e))" $?
# FILE@T on the command line alike
"$EISFIT" arrhenius pellet-25C.csv@0x1p3C pellet-40C.csv pellet-0C.csv $G > o 2> e; st=$?
[ $st -ne 0 ]
check "FILE@0x1p3C: refused (exit $st)" $?

# the project: hexadecimal, inf, another spelling of nan, trailing junk
p=project-pellet-saved.eisfit
edit () { # NAME SED: writes $NAME.eisfit, prints the line changed
  sed "$2" "$p" > "$1.eisfit"
  cmp -s "$p" "$1.eisfit" && { echo "FAIL: $1: the edit changed nothing"; fail=1; }
  diff "$p" "$1.eisfit" | sed -n 's/^\([0-9]*\)c.*/\1/p' | head -1
}
l=$(edit hexfit 's/^fit\.R1=369\.153134083316 /fit.R1=0x1.712p8 /')
"$EISFIT" --project hexfit.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "hexfit.eisfit:$l: fit.R1: \"0x1.712p8\": expected a number" e
check "fit.R1=0x1.712p8: refused at line $l (exit $st: $(cat e))" $?
l=$(edit hexT 's/^temperature-K=.*/temperature-K=0x1.2ap8/')
"$EISFIT" --project hexT.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "hexT.eisfit:$l: temperature-K=0x1.2ap8: expected a number" e
check "temperature-K=0x1.2ap8: refused at line $l (exit $st: $(cat e))" $?
l=$(edit infse 's/^fit\.R2=\([^ ]*\) [^ ]*/fit.R2=\1 infinity/')
"$EISFIT" --project infse.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "infse.eisfit:$l: fit.R2: \"infinity\": expected a number" e
check "a standard error 'infinity': refused at line $l (exit $st: $(cat e))" $?
l=$(edit nanT 's/^temperature-K=.*/temperature-K=NaN/')
"$EISFIT" --project nanT.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "nanT.eisfit:$l: temperature-K=NaN: expected a number" e
check "temperature-K=NaN: refused at line $l (nan is written nan) (exit $st: $(cat e))" $?
l=$(edit junk 's/^fit\.chi2=\(.*\)/fit.chi2=\1abc/')
"$EISFIT" --project junk.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "junk.eisfit:$l: fit.chi2=.*abc: expected a number" e
check "fit.chi2 with trailing junk: refused at line $l (exit $st: $(cat e))" $?
l=$(edit infz 's/^fit\.runs-z=.*/fit.runs-z=-inf/')
"$EISFIT" --project infz.eisfit > o 2> e; st=$?
[ $st -eq 0 ]
check "fit.runs-z=-inf (every residual of one sign, as written): read (exit $st: $(cat e))" $?

# a manifest that lists itself; a manifest or project that is a folder or a FIFO
printf 'file,temperature\nself.csv,25\npellet-40C.csv,40\n' > self.csv
"$EISFIT" arrhenius --series self.csv $G > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "self.csv:2: self.csv is this manifest itself: expected a data file" e
check "a manifest listing itself: said (exit $st: $(cat e))" $?
mkdir dir
"$EISFIT" arrhenius --series dir $G > o 2> e; st=$?
[ $st -eq 2 ] && grep -q -- "--series: dir: is a directory" e
check "a manifest that is a folder: said (exit $st: $(cat e))" $?
"$EISFIT" --project dir > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "dir is a directory (expected a project file" e
check "a project that is a folder: said (exit $st: $(cat e))" $?
if mkfifo fifo 2> /dev/null; then
  timeout 20 "$EISFIT" arrhenius --series fifo $G > o 2> e; st=$?
  [ $st -eq 2 ] && grep -q "fifo: is not a regular file (a FIFO): not read" e
  check "a manifest that is a FIFO: said, no wait (exit $st: $(cat e))" $?
  timeout 20 "$EISFIT" --project fifo > o 2> e; st=$?
  [ $st -eq 2 ] && grep -q "fifo is not a regular file (a FIFO): not read" e
  check "a project that is a FIFO: said, no wait (exit $st: $(cat e))" $?
fi
# a project naming itself as its data file
l=$(grep -n '^path=pellet-25C.csv' "$p" | cut -d: -f1)
sed 's/^path=pellet-25C\.csv/path=selfp.eisfit/' "$p" > selfp.eisfit
"$EISFIT" --project selfp.eisfit > o 2> e; st=$?
[ $st -eq 2 ] && grep -q "selfp.eisfit:$l: \[file 1\]: selfp.eisfit is this project file itself, not a data file" e \
  && ! grep -q "no table of numbers" e
check "a project listing itself: said at line $l (exit $st: $(cat e))" $?
exit $fail
