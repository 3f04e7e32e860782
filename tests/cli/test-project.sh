#!/bin/sh
# eisfit --project: the spectra of a project file refitted, each with its own circuit, starts,
# fixed parameters, bounds, points left out and its file's geometry, give the same numbers as
# the equivalent command lines (and the samples' truth: R_bulk 369.1 Ohm at 25 degC for
# 0.6 mm x 10 mm, 353 Ohm interface of the Li|Li cell); a changed input file is refitted with a
# warning, a missing one and a damaged project are errors naming the file and the line.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
check () { check_abs "$@"; }
has () { # name file text
  if grep -qF -- "$3" "$2"; then echo "ok: $1"; else echo "FAIL: $1: no \"$3\" in:"; cat "$2"; fail=1; fi
}

mkdir "$tmp/data"
cp "$s/pellet-25C.csv" "$s/li-before.csv" "$tmp/data/"
write_project () {
  { printf '# written by test-project.sh\n[project]\nformat=eisfit-project 1\nprogram=test-project.sh\n\n'
    project_file 1 data/pellet-25C.csv thickness=0.6mm diameter=10mm cell=blocking
    project_file 2 data/li-before.csv thickness= area=0.785cm2 cell=li-symmetric
    cat <<END
[spectrum 1]
file=1
number=1
circuit=
weighting=proportional

[spectrum 2]
file=2
number=1
temperature-K=298.15
circuit=R0-p(R1,CPE1)-CPE2
exclude-points=2;5
exclude-Hz=2e5:1e6
start.R0=auto
start.R1=300 min=10 max=1e5
start.CPE1_Q=auto
start.CPE1_n=auto max=1
start.CPE2_Q=auto
start.CPE2_n=0.7 fixed
END
  } > "$tmp/p.eisfit"
}
write_project

# --- the project, and the same settings on the command line: identical rows ---
"$EISFIT" --project "$tmp/p.eisfit" -f csv -o "$tmp/project.csv" 2> "$tmp/err" \
  || { echo "FAIL: --project exit $?"; cat "$tmp/err"; exit 1; }
"$EISFIT" -f csv --thickness 0.6mm --diameter 10mm "$tmp/data/pellet-25C.csv" > "$tmp/cli1.csv" 2>/dev/null
"$EISFIT" -f csv -c 'R0-p(R1,CPE1)-CPE2' --init R1=300 --bounds R1=10:1e5 --bounds CPE1_n=:1 \
  --fix CPE2_n=0.7 --exclude-points 2,5 --exclude 2e5:1e6 "$tmp/data/li-before.csv" \
  > "$tmp/cli2.csv" 2>/dev/null
# the rows of one CSV have the union of the circuits' columns: compare by column name
colf () { awk -F, -v name="$1" -v row="$2" '
  { n = 0; line = $0; f = ""; q = 0
    for (i = 1; i <= length (line); i++) { ch = substr (line, i, 1)
      if (ch == "\"") q = !q; else if (ch == "," && !q) { v[++n] = f; f = ""; continue }
      f = f ch }
    v[++n] = f }
  NR == 1 { for (i = 1; i <= n; i++) if (v[i] == name) col = i; next }
  NR == row { print col ? v[col] : "(no column)" }' "$3"; }
same () { # row-in-project cli-file columns...
  r=$1; f=$2; shift 2
  for c in "$@"; do
    a=$(colf "$c" "$r" "$tmp/project.csv"); b=$(colf "$c" 2 "$f")
    if [ "$a" = "$b" ] && [ -n "$a" ]; then :; else echo "FAIL: $c: project '$a', eisfit '$b'"; fail=1; return; fi
  done
  echo "ok: row $r equals eisfit's in $*"
}
same 2 "$tmp/cli1.csv" circuit status iterations chi2 R1 R1_stderr C1 R2 CPE2_Q CPE2_n CPE3_Q CPE3_n \
  R_bulk_Ohm R_bulk_stderr_Ohm sigma_bulk_S_cm sigma_bulk_stderr_S_cm sigma_total_S_cm thickness_cm area_cm2
same 3 "$tmp/cli2.csv" circuit status iterations chi2 n_fitted R0 R0_stderr R1 R1_stderr CPE1_Q CPE1_n \
  CPE2_Q CPE2_Q_stderr CPE2_n R_interface_total_Ohm
col () { colf "$1" "$2" "$tmp/project.csv"; }
check "pellet R_bulk (truth 369.1 Ohm)" "$(col R_bulk_Ohm 2)" 369.1 3.7
check "pellet sigma_bulk from its own geometry (truth 2.07e-4 S/cm)" "$(col sigma_bulk_S_cm 2)" 2.07e-4 4e-6
check "Li|Li: 9 points left out (2, 5 and 2e5..1e6 Hz)" "$(col n_fitted 3)" 62 0
check "Li|Li: CPE2_n held at 0.7" "$(col CPE2_n 3)" 0.7 0
check "Li|Li interface R1 (sample: 353 Ohm)" "$(col R1 3)" 353 15
check "Li|Li temperature from the project" "$(col temperature_K 3)" 298.15 0.001
# no thickness for the Li|Li cell: no conductivity for it (not the pellet's)
sig2=$(col sigma_bulk_S_cm 3)
if [ -z "$sig2" ]; then echo "ok: no sigma for the Li|Li cell without a thickness"; else
  echo "FAIL: Li|Li sigma '$sig2' from a geometry it does not have"; fail=1; fi
# ... but its area alone gives the ASR per interface (R_interface A / 2) of the Li|Li cell
r1=$(col R1 3)
check "Li|Li ASR per interface from the area alone" "$(col ASR_per_interface_Ohm_cm2 3)" \
  "$(awk -v r="$r1" 'BEGIN { printf "%.12g", r * 0.785 / 2 }')" 1e-6
check "Li|Li area in the CSV, no thickness" "$(col area_cm2 3)" 0.785 0
has "spectra without a saved fit: fitted, and said" "$tmp/err" "p.eisfit:28: [spectrum 2]: refitted: the project saved no fit for this spectrum"

# --- the project folder moved: the files are found relative to it ---
mv "$tmp/p.eisfit" "$tmp/data/../p2.eisfit"
mkdir "$tmp/moved" && mv "$tmp/data" "$tmp/p2.eisfit" "$tmp/moved/"
"$EISFIT" --project "$tmp/moved/p2.eisfit" -q -f csv -o "$tmp/moved.csv" \
  && check "moved folder: spectra fitted" "$(awk 'END { print NR - 1 }' "$tmp/moved.csv")" 2 0 \
  || { echo "FAIL: moved project exit $?"; fail=1; }
mv "$tmp/moved/data" "$tmp/data"; rm -rf "$tmp/moved"
write_project

# --- a changed input file: refitted as it is, with a warning that says so ---
sed 's/^\(1000000,[0-9]*\)\.\([0-9]\)/\1.9/' "$s/li-before.csv" > "$tmp/data/li-before.csv"
if cmp -s "$s/li-before.csv" "$tmp/data/li-before.csv"; then
  printf '# changed\n' >> "$tmp/data/li-before.csv"; fi
"$EISFIT" --project "$tmp/p.eisfit" -f csv -o "$tmp/changed.csv" 2> "$tmp/err"
check "changed file: exit status" $? 0 0
has "changed file: said" "$tmp/err" "data/li-before.csv changed since the project was saved"
has "changed file: refitted as it is now" "$tmp/err" "fitted as they are now"

# --- a missing file: exit 2, named ---
rm "$tmp/data/li-before.csv"
"$EISFIT" --project "$tmp/p.eisfit" -f csv -o "$tmp/missing.csv" 2> "$tmp/err"
check "missing file: exit status" $? 2 0
has "missing file: named" "$tmp/err" "[file 2]: data/li-before.csv is missing"
check "missing file: the other spectrum still fitted" "$(awk 'END { print NR - 1 }' "$tmp/missing.csv")" 1 0
cp "$s/li-before.csv" "$tmp/data/"

# --- a damaged project: exit 2 with the file and the line ---
sed 's/^start.R1=300 min=10 max=1e5$/start.R1=300 min=ten/' "$tmp/p.eisfit" > "$tmp/bad.eisfit"
"$EISFIT" --project "$tmp/bad.eisfit" > /dev/null 2> "$tmp/err"
check "damaged project: exit status" $? 2 0
has "damaged project: line named" "$tmp/err" "bad.eisfit:36: start.R1: \"min=ten\""
printf 'f,re,im\n1,2,-3\n' > "$tmp/notaproject.eisfit"
"$EISFIT" --project "$tmp/notaproject.eisfit" > /dev/null 2> "$tmp/err"
check "a CSV file as project: exit status" $? 2 0
has "a CSV file as project: said" "$tmp/err" "notaproject.eisfit:1: \"f,re,im\": expected KEY=VALUE"

# --- usage: operands or a circuit beside --project ---
"$EISFIT" --project "$tmp/p.eisfit" "$s/pellet-0C.csv" > /dev/null 2> "$tmp/err"
check "--project with a FILE: exit status" $? 1 0
"$EISFIT" --project "$tmp/p.eisfit" -c R0-C1 > /dev/null 2> "$tmp/err"
check "--project with --circuit: exit status" $? 1 0
exit $fail
