#!/bin/sh
# Hostile input, fifth round: a phase in radians under a bare "phase" header, a report and a
# figure on one path, plot options without --plot, control characters in file names, convert's
# names for inputs of one base name, temporary files on SIGINT/SIGTERM, project files (no size=,
# a UTF-8 BOM, the lines of transference messages).
set -u
: "${EISFIT:?}" "${top_srcdir:?}" "${top_builddir:?}"
s=$top_srcdir/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check () { # description status (0 = passed)
  if [ "$2" -eq 0 ]; then printf 'ok: %s\n' "$1"; else printf 'FAIL: %s\n' "$1"; fail=1; fi
}

# --- 1. |Z| and phase in radians under a header without a unit
# R 12.37 Ohm + (R 1185 Ohm || C 2.3e-6 F), 25 points from 100 kHz to 0.1 Hz; PHASEHDR, PHASESCALE
polar () { # file header scale
  awk -v hdr="$2" -v sc="$3" 'BEGIN {
    pi = atan2(0, -1); print "freq," hdr
    for (k = 0; k < 25; k++) {
      f = 1e5 * 10 ^ (-k * 6 / 24); w = 2 * pi * f; R = 1185; C = 2.3e-6
      d = 1 + (w * R * C) ^ 2; re = 12.37 + R / d; im = -w * R * R * C / d
      printf "%.6g,%.8g,%.8g\n", f, sqrt(re * re + im * im), atan2(im, re) * sc }
  }' > "$1"
}
polar "$tmp/rad.csv" "mod,phase" 1
"$EISFIT" info "$tmp/rad.csv" > "$tmp/rad.out" 2> "$tmp/rad.err"; st=$?
[ $st -eq 2 ] && grep -q 'rad.csv:1: column 3 "phase" gives no unit, so its phase is read in degrees, but every value lies within +-pi/2 (the largest, 1.36[0-9]*, on line [0-9]*) while |Z| changes by a factor of' "$tmp/rad.err" \
  && grep -q 'phase_rad=3 for radians, phase=3 for degrees' "$tmp/rad.err" && [ ! -s "$tmp/rad.out" ]
check "bare phase in radians: refused (exit $st) with the line and the way out ($(cat "$tmp/rad.err"))" $?
# the ways out give the true spectrum: Z' at the lowest frequency near 12.37 + 1185 Ohm
zre_low () { awk '/Z. from/ { for (i = 1; i < NF; i++) if ($i == "from") { print $(i + 3); exit } }' "$1"; }
for how in "--columns phase_rad=3" ; do
  "$EISFIT" info $how "$tmp/rad.csv" > "$tmp/how.out" 2>&1
  z=$(zre_low "$tmp/how.out")
  awk -v z="$z" 'BEGIN { exit !(z > 1195 && z < 1199) }'
  check "$how reads the radians: largest Z' $z (1197.4)" $?
done
for hdr in "phase (rad)" "phase/rad" "Phase (RAD)" "phase [radians]"; do
  polar "$tmp/radh.csv" "mod,$hdr" 1
  "$EISFIT" info "$tmp/radh.csv" > "$tmp/radh.out" 2>&1
  z=$(zre_low "$tmp/radh.out")
  awk -v z="$z" 'BEGIN { exit !(z > 1195 && z < 1199) }'
  check "header \"$hdr\" reads radians: largest Z' $z ($(head -n 1 "$tmp/radh.out"))" $?
done
polar "$tmp/deg.csv" "mod,phase" 57.29577951308232
"$EISFIT" info "$tmp/deg.csv" > "$tmp/deg.out" 2>&1; st=$?
z=$(zre_low "$tmp/deg.out")
[ $st -eq 0 ] && awk -v z="$z" 'BEGIN { exit !(z > 1195 && z < 1199) }'
check "bare phase in degrees: read as before (exit $st, largest Z' $z)" $?
# a resistor's spectrum (|Z| flat, phase near 0) in degrees is not refused
awk 'BEGIN { print "freq,mod,phase"; for (k = 0; k < 13; k++) printf "%g,%.6g,%.4g\n", 1e5 * 10 ^ (-k / 2), 99.7 * (1 + 0.01 * k), -0.3 }' > "$tmp/res.csv"
"$EISFIT" info "$tmp/res.csv" > /dev/null 2>&1
check "a flat |Z| with phases within 1 degree: read" $?
"$EISFIT" info --columns phase=3 "$tmp/rad.csv" > /dev/null 2>&1
check "--columns phase=3 says degrees: read as the user says" $?

# --- 2. the report and a figure on one path: refused before any fit, also the numbered names
cp "$s/pellet-25C.csv" "$s/pellet-40C.csv" "$tmp/"
for args in "-o $tmp/same.png --plot $tmp/same.png" "-o $tmp/./same.png --plot $tmp/same.png" \
            "-o $tmp/same-2.png --plot $tmp/same.png" "--force -o $tmp/same-3.png --plot $tmp/same.png"; do
  for cmd in "" kk drt; do
    rm -f "$tmp"/same*
    "$EISFIT" $cmd $args "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" > "$tmp/o.out" 2> "$tmp/o.err"; st=$?
    [ $st -eq 1 ] && grep -q "is also the figure of --plot\|is the name of figure [23] of --plot" "$tmp/o.err" \
      && [ -z "$(ls "$tmp" | grep '^same')" ] && [ "$(wc -l < "$tmp/o.err")" -eq 1 ]
    check "eisfit $cmd $args: refused up front (exit $st, $(cat "$tmp/o.err"))" $?
  done
done
rm -f "$tmp"/same*
"$EISFIT" arrhenius --thickness 0.6mm --diameter 10mm -o "$tmp/same.png" --plot "$tmp/same.png" "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" 2> "$tmp/o.err"; st=$?
[ $st -eq 1 ] && grep -q "is also the figure of --plot" "$tmp/o.err" && [ ! -e "$tmp/same.png" ]
check "eisfit arrhenius -o X --plot X: refused (exit $st)" $?
"$EISFIT" -o "$tmp/same-02.png" --plot "$tmp/same.png" "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" > /dev/null 2>&1; st=$?
[ $st -eq 0 ] && [ -s "$tmp/same-02.png" ] && [ -s "$tmp/same-2.png" ] && [ -s "$tmp/same.png" ]
check "-o same-02.png is no figure name of --plot same.png: written (exit $st)" $?
rm -f "$tmp"/same*

# --- 3. the trend plot's options without --plot: refused, like --refit without --project
for opt in "--plot-params R1" "--plot-x invT"; do
  "$EISFIT" series $opt "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" > "$tmp/o.out" 2> "$tmp/o.err"; st=$?
  [ $st -eq 1 ] && grep -q "^eisfit series: ${opt%% *}: only with --plot FILE" "$tmp/o.err" && [ ! -s "$tmp/o.out" ]
  check "eisfit series $opt without --plot: refused (exit $st, $(cat "$tmp/o.err"))" $?
done

# --- 4. control characters in file names: escaped in messages, reports and # source: lines
esc=$(printf '\033')
nlname="$tmp/$(printf 'line\nbreak\033[31m.csv')"
cp "$s/pellet-25C.csv" "$nlname"
printf 'x\n' > "$tmp/$(printf 'bad\nname.csv')"
"$EISFIT" info "$tmp/$(printf 'bad\nname.csv')" > /dev/null 2> "$tmp/o.err"
[ "$(wc -l < "$tmp/o.err")" -eq 1 ] && grep -q 'bad\\nname.csv: no table of numbers' "$tmp/o.err"
check "an error names bad\\nname.csv on one line ($(cat "$tmp/o.err"))" $?
"$EISFIT" info "$nlname" > "$tmp/o.out" 2>&1
head -n 1 "$tmp/o.out" | grep -q 'line\\nbreak\\x1b\[31m.csv: csv, 1 spectrum' && ! grep -q "$esc" "$tmp/o.out"
check "info: the name escaped, no ESC byte ($(head -n 1 "$tmp/o.out"))" $?
for cmd in "" kk drt; do
  "$EISFIT" $cmd "$nlname" > "$tmp/o.out" 2>&1
  head -n 1 "$tmp/o.out" | grep -q '^[^ ]*line\\nbreak\\x1b\[31m.csv' && ! grep -q "$esc" "$tmp/o.out"
  check "eisfit $cmd: the report's heading escaped ($(head -n 1 "$tmp/o.out"))" $?
done
"$EISFIT" --plot "$tmp/$(printf 'fig\tq.png')" "$nlname" > "$tmp/o.out" 2>&1
grep -q 'plot written to .*fig\\tq.png$' "$tmp/o.out"
check "plot written to fig\\tq.png, escaped" $?
mkdir "$tmp/cv"
"$EISFIT" convert -o "$tmp/cv" "$nlname" > "$tmp/o.out" 2>&1
grep -q '^# source: .*line\\nbreak\\x1b\[31m.csv$' "$tmp/cv/$(printf 'line\nbreak\033[31m.csv')" \
  && grep -q '^wrote .*line\\nbreak\\x1b\[31m.csv (79 points)$' "$tmp/o.out" && ! grep -q "$esc" "$tmp/o.out"
check "convert: # source: and the wrote line escaped ($(cat "$tmp/o.out"))" $?
rm -rf "$tmp/cv"
# a warning that the importer gives about such a file stays on one line
printf 'freq,re,im\n1000,10,-1\n100,11,-2\n10,12,-3' > "$tmp/$(printf 'w\narn.csv')"
"$EISFIT" kk "$tmp/$(printf 'w\narn.csv')" > /dev/null 2> "$tmp/o.err"
[ -s "$tmp/o.err" ] && ! grep -v '^eisfit' "$tmp/o.err" | grep -q . && grep -q 'w\\narn.csv' "$tmp/o.err"
check "kk: importer warnings about w\\narn.csv: every line starts with eisfit ($(cat "$tmp/o.err"))" $?

# --- 5. convert: inputs of one file name in two folders, the same file twice
mkdir -p "$tmp/a" "$tmp/b" "$tmp/cv"
cp "$s/pellet-25C.csv" "$tmp/a/x.csv"; cp "$s/pellet-40C.csv" "$tmp/b/x.csv"; cp "$s/pellet-60C.csv" "$tmp/a/x.mpt"
(cd "$tmp" && "$EISFIT" convert -o cv a/x.csv b/x.csv ./a/x.csv a/x.mpt) > "$tmp/o.out" 2> "$tmp/o.err"; st=$?
[ $st -eq 0 ] && [ "$(ls "$tmp/cv" | tr '\n' ' ')" = "b_x.csv x.csv x_mpt.csv " ] \
  && grep -q '^# source: b/x.csv$' "$tmp/cv/b_x.csv" && grep -q '^# source: a/x.csv$' "$tmp/cv/x.csv" \
  && grep -q '^wrote cv/b_x.csv (79 points; cv/x.csv is taken by an earlier input)$' "$tmp/o.out" \
  && grep -q '^eisfit convert: warning: ./a/x.csv: the same file as a/x.csv (input 1): converted once$' "$tmp/o.err" \
  && grep -q '^converted 3 of 4 files (1 given twice): 3 spectra' "$tmp/o.out"
check "convert a/x.csv b/x.csv ./a/x.csv a/x.mpt: x.csv, b_x.csv, x_mpt.csv, the copy once ($(ls "$tmp/cv" | tr '\n' ' '); $(cat "$tmp/o.out" "$tmp/o.err"))" $?
# a folder name taken as well: the input's position, never a bare number
mkdir -p "$tmp/c/b"; cp "$s/pellet-80C.csv" "$tmp/c/b/x.csv"
(cd "$tmp" && "$EISFIT" convert --force -o cv a/x.csv b/x.csv c/b/x.csv) > "$tmp/o.out" 2>&1
[ -s "$tmp/cv/x_input3.csv" ] && grep -q '^# source: c/b/x.csv$' "$tmp/cv/x_input3.csv" && [ ! -e "$tmp/cv/x_2.csv" ]
check "a/x.csv b/x.csv c/b/x.csv: the third is x_input3.csv ($(ls "$tmp/cv" | tr '\n' ' '))" $?
rm -rf "$tmp/a" "$tmp/b" "$tmp/c" "$tmp/cv"

# --- 6. interrupted (SIGINT, SIGTERM) while the third figure is written: the figures done stay,
#        no temporary file, no report (the shim raises the signal in that figure's first write)
shim="$top_builddir/tests/cli/fsshim.so"
if [ -f "$shim" ]; then
  for sig in 2 15; do
    d="$tmp/sig$sig"; mkdir "$d"
    env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=$sig FSSHIM_WRITE_MATCH=fig-3.png "$EISFIT" -j1 --no-kk \
      -o "$d/rep.txt" --plot "$d/fig.png" "$tmp/pellet-25C.csv" "$tmp/pellet-40C.csv" "$s/pellet-60C.csv" \
      "$s/pellet-80C.csv" > /dev/null 2>&1; rc=$?
    [ $rc -eq $((128 + sig)) ] && [ "$(ls -A "$d" | tr '\n' ' ')" = "fig-2.png fig.png " ] \
      && [ "$(od -An -c -N4 "$d/fig-2.png" | tr -d ' ')" = "211PNG" ]
    check "signal $sig in the third figure: exit $rc, left: $(ls -A "$d" | tr '\n' ' ')(the two figures done)" $?
  done
else
  echo "FAIL: $shim not built"; fail=1
fi

# --- 7. projects: no size=, a UTF-8 byte order mark, the lines of [transference] errors
cp "$s/li-polarization.csv" "$s/li-before.csv" "$s/li-after.csv" "$tmp/"
cat > "$tmp/p.eisfit" <<END
[project]
format=eisfit-project 1

[file 1]
path=li-polarization.csv
cell=li-symmetric

[file 2]
path=li-before.csv
cell=li-symmetric

[file 3]
path=li-after.csv
size=$(wc -c < "$tmp/li-after.csv" | tr -d ' ')
cell=li-symmetric

[spectrum 1]
file=2
number=1

[spectrum 2]
file=3
number=1

[transference]
series-file=1
series-number=1
before=1
after=2
dV-mV=10
END
"$EISFIT" --project "$tmp/p.eisfit" > /dev/null 2> "$tmp/o.err"; st=$?
[ $st -eq 0 ] && ! grep -q "bytes then" "$tmp/o.err" \
  && grep -q 'p.eisfit:5: \[file 1\]: .*li-polarization.csv: the project gives neither its size nor its SHA-256 (size=, sha256=), so whether it changed since the project was saved cannot be told' "$tmp/o.err" \
  && ! grep -q '\[file 3\]' "$tmp/o.err"
check "a project without size=: says it cannot tell, not \"0 bytes then\"; size= alone that matches: no warning ($(cat "$tmp/o.err"))" $?
"$EISFIT" transference --project "$tmp/p.eisfit" > "$tmp/plain.out" 2> /dev/null
{ printf '\357\273\277'; cat "$tmp/p.eisfit"; } > "$tmp/bom.eisfit"
"$EISFIT" transference --project "$tmp/bom.eisfit" > "$tmp/bom.out" 2> "$tmp/o.err"; st=$?
[ $st -eq 0 ] && [ -s "$tmp/bom.out" ] && cmp -s "$tmp/plain.out" "$tmp/bom.out"
check "a project with a UTF-8 BOM: read, the same t+ report (exit $st; $(head -c 300 "$tmp/o.err"))" $?
for bad in "after=9|29|\\[transference\\] after=9: there is no \\[spectrum 9\\] (the project has 2)" \
           "before=7|28|\\[transference\\] before=7: there is no \\[spectrum 7\\]" \
           "series-file=4|26|\\[transference\\] series-file=4: there are 3 \\[file\\] groups" \
           "dV-mV=nan|30|\\[transference\\] dV-mV=nan: expected a number in mV, or nothing" \
           "dV-mV=1o|30|\\[transference\\] dV-mV=1o: expected a number in mV"; do
  kv=${bad%%|*}; rest=${bad#*|}; line=${rest%%|*}; msg=${rest#*|}
  sed "s/^${kv%%=*}=.*/$kv/" "$tmp/p.eisfit" > "$tmp/bad.eisfit"
  for cmd in "" transference; do
    "$EISFIT" $cmd --project "$tmp/bad.eisfit" > /dev/null 2> "$tmp/o.err"; st=$?
    [ $st -eq 2 ] && grep -q "bad.eisfit:$line: $msg" "$tmp/o.err"
    check "eisfit $cmd --project with $kv: exit $st, line $line ($(grep -v warning "$tmp/o.err"))" $?
  done
done

# --- 8/9. VTF sigma at a T_ref below T0 or beyond a double: "not given" with the reason, as the
#          Arrhenius rows say it; never nan (two-step and --global, text and CSV)
pel="$s/pellet-m20C.csv $s/pellet-0C.csv $s/pellet-25C.csv $s/pellet-40C.csv $s/pellet-60C.csv $s/pellet-80C.csv"
"$EISFIT" arrhenius --vtf --thickness 0.6mm --diameter 10mm --at -250C $pel > "$tmp/v.out" 2> /dev/null; st=$?
[ $st -eq 0 ] && ! grep -qi nan "$tmp/v.out" \
  && grep -q 'sigma not given: T_ref 23.15 K is at or below T0 = [0-9.]* K, where the VTF law does not hold' "$tmp/v.out"
check "two-step VTF at -250 degC below T0: not given ($(grep VTF "$tmp/v.out" | tail -1))" $?
"$EISFIT" arrhenius --vtf --global --thickness 0.6mm --diameter 10mm --at -272C $pel > "$tmp/g.out" 2> /dev/null; st=$?
[ $st -eq 0 ] && ! grep -qi nan "$tmp/g.out" \
  && [ "$(grep -c 'sigma(-272.00 degC) not given: exp(ln sigma) is beyond a double' "$tmp/g.out")" -eq 2 ] \
  && grep -q 'VTF .*sigma not given: exp(ln sigma) is beyond a double' "$tmp/g.out"
check "global VTF at -272 degC: not given for both laws, no nan ($(grep 'sigma(' "$tmp/g.out" | tail -2))" $?
"$EISFIT" arrhenius --vtf --global -f csv --thickness 0.6mm --diameter 10mm --at -272C $pel > "$tmp/g.csv" 2> /dev/null
! grep -qi nan "$tmp/g.csv" && grep -q '^global_bulk,vtf,[^,]*,[^,]*,[^,]*,[^,]*,,1.15,,$' "$tmp/g.csv"
check "global VTF CSV: empty cells, not nan ($(grep '^global_bulk' "$tmp/g.csv"))" $?

exit $fail
