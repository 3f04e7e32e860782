#!/bin/sh
# eisfit --project with bad values in the project file: exit 2 (bad input, man eisfit) and a
# message "P.eisfit:LINE: what was expected" naming the line of the bad value; a path= that is
# a folder or a FIFO is called what it is (and the FIFO is never opened, so nothing hangs);
# lengths below 1 nm are refused by the engine's rule, as --thickness refuses them.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
cp "$s/pellet-25C.csv" "$s/li-before.csv" "$tmp/"
{ printf '[project]\nformat=eisfit-project 1\n\n'
  project_file 1 pellet-25C.csv thickness=0.6mm diameter=10mm cell=blocking
  project_file 2 li-before.csv area=0.785cm2 cell=li-symmetric
  cat <<END
[spectrum 1]
file=1
number=1
circuit=p(R1,C1)-p(R2,CPE2)-CPE3

[spectrum 2]
file=2
number=1
temperature-K=298.15
circuit=R0-p(R1,CPE1)-CPE2
start.R1=300 min=10 max=1e5
END
} > "$tmp/good.eisfit"
# the good project is read: the test below would pass on any exit 2 otherwise
"$EISFIT" --project "$tmp/good.eisfit" -q -f csv > /dev/null 2> "$tmp/err"
if [ $? -eq 0 ]; then echo "ok: the good project"; else echo "FAIL: the good project:"; cat "$tmp/err"; fail=1; fi

# bad NAME SED-EXPRESSION LINE TEXT: the project edited by SED is refused, exit 2, with
# "bad.eisfit:LINE: TEXT"
bad () {
  sed "$2" "$tmp/good.eisfit" > "$tmp/bad.eisfit"
  timeout 30 "$EISFIT" --project "$tmp/bad.eisfit" -q -f csv > /dev/null 2> "$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -qF -- "bad.eisfit:$3: $4" "$tmp/err"; then echo "ok: $1"
  else echo "FAIL: $1: exit $rc (expected 2), expected \"bad.eisfit:$3: $4\" in:"; cat "$tmp/err"; fail=1; fi
}
bad "thickness not a number" 's/^thickness=0.6mm/thickness=abc/' 8 'thickness=abc: expected a length'
bad "negative diameter" 's/^diameter=10mm/diameter=-10mm/' 9 'diameter=-10mm: expected a length above 0'
bad "negative area" 's/^area=0.785cm2/area=-1cm2/' 16 'area=-1cm2: expected an area above 0'
bad "thickness below 1 nm" 's/^thickness=0.6mm/thickness=1e-12m/' 8 'thickness=1e-12m: thinner than 1 nm'
bad "diameter below 1 nm" 's/^diameter=10mm/diameter=1e-12m/' 9 'diameter=1e-12m: smaller than 1 nm'
bad "area below 1 nm2" 's/^area=0.785cm2/area=1e-20m2/' 16 'area=1e-20m2: smaller than 1 nm2'
bad "unknown cell type" 's/^cell=blocking/cell=pellet/' 10 'cell=pellet: expected blocking, li-symmetric, liquid'
bad "circuit that does not parse" 's/^circuit=R0-p(R1,CPE1)-CPE2/circuit=R0-p(R1/' 28 'circuit=R0-p(R1: column 5: unbalanced parentheses'
bad "bound not a number" 's/^start.R1=.*/start.R1=300 min=ten/' 29 'start.R1: "min=ten": expected a number'
bad "bound nan" 's/^start.R1=.*/start.R1=300 max=nan/' 29 'start.R1: "max=nan": expected a finite bound'
bad "start nan" 's/^start.R1=.*/start.R1=nan/' 29 'start.R1: "nan": expected a finite starting value'
bad "bounds crossed" 's/^start.R1=.*/start.R1=300 min=500 max=100/' 29 'start.R1: min=500 is not below max=100'
bad "negative resistance" 's/^start.R1=.*/start.R1=-300/' 29 'start.R1: R1 = -300: must be positive'
bad "start outside its bounds" 's/^start.R1=.*/start.R1=3 min=10 max=1e5/' 29 'start.R1: R1 = 3 lies outside its bounds'
bad "parameter not in the circuit" 's/^start.R1=.*/start.R9=300/' 29 'start.R9: the circuit R0-p(R1,CPE1)-CPE2 (line 28) has no parameter R9'
bad "temperature not a number" 's/^temperature-K=298.15/temperature-K=warm/' 27 'temperature-K=warm: expected a number'
bad "temperature infinite" 's/^temperature-K=298.15/temperature-K=inf/' 27 'temperature-K=inf: expected a number (decimal, as eisfit-gtk writes it; nan: none)'
bad "negative fmin" 's/^start.R1=.*/fmin-Hz=-5/' 29 'fmin-Hz=-5: expected a frequency in Hz'
bad "size not a number" '6s/^size=.*/size=big/' 6 'size=big: expected'
bad "empty path" 's/^path=li-before.csv/path=/' 13 'path=: expected'

# path= a folder, a FIFO: called what they are, with the line of path=
mkdir "$tmp/folder"
bad "path is a directory" 's/^path=li-before.csv/path=folder/' 13 '[file 2]: folder is a directory, not a data file'
if mkfifo "$tmp/fifo.csv" 2>/dev/null; then
  bad "path is a FIFO (not opened, no hang)" 's/^path=li-before.csv/path=fifo.csv/' 13 '[file 2]: fifo.csv is not a regular file (a FIFO)'
else echo "SKIP: mkfifo"; fi
grep -q "missing" "$tmp/err" && { echo "FAIL: a FIFO called missing"; fail=1; }

# a saved fit is reported even when the starts would be refused by a new fit (eisfit-gtk keeps
# what the user typed); --refit then refuses them with the line
sed 's/^start.R1=.*/start.R1=-300/' "$tmp/good.eisfit" > "$tmp/saved.eisfit"
cat >> "$tmp/saved.eisfit" <<END
start.R0=auto
start.CPE1_Q=auto
start.CPE1_n=auto
start.CPE2_Q=auto
start.CPE2_n=auto
fit.circuit=R0-p(R1,CPE1)-CPE2
fit.status=converged
fit.points=71
fit.dof=136
fit.chi2=0.0014
fit.R0=60.5 0.05
fit.R1=352.5 0.4
fit.CPE1_Q=3.1e-06 2.3e-08
fit.CPE1_n=0.87 0.0008
fit.CPE2_Q=0.002 3.7e-06
fit.CPE2_n=0.7 0.00125
fit.correlation=1;0;0;0;0;0;0;1;0;0;0;0;0;0;1;0;0;0;0;0;0;1;0;0;0;0;0;0;1;0;0;0;0;0;0;1
END
"$EISFIT" --project "$tmp/saved.eisfit" -q -f csv > "$tmp/out.csv" 2> "$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "352.5,0.4" "$tmp/out.csv"; then echo "ok: saved fit reported despite a start a fit refuses"
else echo "FAIL: saved fit with a bad start: exit $rc"; cat "$tmp/err"; fail=1; fi
"$EISFIT" --project "$tmp/saved.eisfit" --refit -q -f csv > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qF "saved.eisfit:29: start.R1: R1 = -300: must be positive" "$tmp/err"; then
  echo "ok: --refit refuses the start with its line"
else echo "FAIL: --refit with a bad start: exit $rc"; cat "$tmp/err"; fail=1; fi
exit $fail
