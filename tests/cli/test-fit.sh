#!/bin/sh
# eisfit on the bundled samples: numbers against the truth they were made with (bench/gen.c),
# output formats, and every kind of bad input with its exit code and message.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# 1. The 25 degC pellet: sigma_bulk = 2.07e-4 S/cm and R_gb = 155 Ohm by construction.
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.60mm --diameter 10mm -f json > "$tmp/p25.json" 2> "$tmp/err"
check "fit pellet-25C exits 0" $?
sb=$(grep -o '"bulk": [-0-9.e]*' "$tmp/p25.json" | head -1 | cut -d' ' -f2)
near "$sb" 2.07e-4 0.01; check "sigma_bulk(25 C) = $sb within 1 % of 2.07e-4" $?
rgb=$(grep -o '"R_gb": [-0-9.e]*' "$tmp/p25.json" | cut -d' ' -f2)
near "$rgb" 155 0.02; check "R_gb(25 C) = $rgb within 2 % of 155 Ohm" $?
grep -q '"role": "bulk"' "$tmp/p25.json"; check "a bulk arc is named at 25 C" $?

# 2. Every temperature: sigma_bulk within 2 % of the Arrhenius truth (Ea 0.31 eV).
for t in m20 0 25 40 60 80; do
  T=$(echo "$t" | sed 's/m/-/')
  "$EISFIT" "$S/pellet-${t}C.csv" --thickness 0.60mm --diameter 10mm -f json --no-kk > "$tmp/p.json" 2>/dev/null
  got=$(grep -o '"bulk": [-0-9.e]*' "$tmp/p.json" | head -1 | cut -d' ' -f2)
  want=$(awk -v T="$T" 'BEGIN { k = 8.617333262e-5; print 2.07e-4 * exp(-0.31 / k * (1 / (T + 273.15) - 1 / 298.15)) }')
  near "$got" "$want" 0.02; check "sigma_bulk($T C) = $got vs $want" $?
done

# 3. A given circuit in both notations gives the same numbers.
"$EISFIT" "$S/pellet-60C.csv" -c "R(RQ)Q" -f csv --no-kk > "$tmp/a.csv"
"$EISFIT" "$S/pellet-60C.csv" -c "R0-p(R1,CPE1)-CPE2" -f csv --no-kk > "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv"; check "CDC and impedance.py notations agree" $?
head -1 "$tmp/a.csv" | grep -q '^file,spectrum,.*,R1,R1_stderr,CPE1_Q,'; check "csv header has parameter columns" $?

# 4. --fix and --init by name.
"$EISFIT" "$S/pellet-m20C.csv" -c "R0-p(R1,CPE1)-p(R2,CPE2)-CPE3" --fix CPE3_n=0.8 -f json > "$tmp/f.json" 2>/dev/null
grep -q '"name": "CPE3_n", "value": 0.8, "stderr": 0,' "$tmp/f.json"; check "--fix holds CPE3_n at 0.8" $?

# 5. -o writes atomically and refuses to replace without --force; the input is untouched.
sum=$(cksum < "$S/pellet-25C.csv")
"$EISFIT" "$S/pellet-25C.csv" -o "$tmp/out.txt" --no-kk 2>/dev/null; check "-o writes" $?
grep -q "sigma\|R_bulk" "$tmp/out.txt"; check "-o file has the report" $?
"$EISFIT" "$S/pellet-25C.csv" -o "$tmp/out.txt" --no-kk 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && grep -q "already exists" "$tmp/err"; check "-o refuses to overwrite (exit 4)" $?
"$EISFIT" "$S/pellet-25C.csv" -o "$tmp/out.txt" --force --no-kk 2>/dev/null; check "--force replaces" $?
[ "$(cksum < "$S/pellet-25C.csv")" = "$sum" ]; check "input file unchanged" $?
ls "$tmp" | grep -q tmp; [ $? -ne 0 ]; check "no temporary files left" $?
cp "$S/pellet-25C.csv" "$tmp/in.csv"
"$EISFIT" "$tmp/in.csv" -o "$tmp/in.csv" --force --no-kk 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "input" "$tmp/err" && cmp -s "$tmp/in.csv" "$S/pellet-25C.csv"
check "-o naming the input is refused even with --force (exit 1), input intact" $?

# 6. --plot writes a PNG.
"$EISFIT" "$S/pellet-25C.csv" --plot "$tmp/fit.png" --no-kk > /dev/null 2>&1; check "--plot exits 0" $?
[ "$(od -An -c -N4 "$tmp/fit.png" | tr -d ' ')" = "211PNG" ]; check "--plot wrote a PNG" $?

# 6b. A fit stopped by the iteration limit is reported, with exit code 3 and a warning.
"$EISFIT" "$S/pellet-25C.csv" -c "R0-p(R1,CPE1)-CPE2" --max-iter 1 --starts 1 --no-kk \
  > "$tmp/limit.txt" 2> "$tmp/err"; rc=$?
[ $rc -eq 3 ] && grep -q "iteration limit" "$tmp/err" && grep -q "^  R1 " "$tmp/limit.txt"
check "non-converged fit: exit 3, warned, still reported" $?

# 6c. Several files on two threads give exactly what one thread gives.
"$EISFIT" "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/pellet-60C.csv" -j 1 -f csv --no-kk > "$tmp/j1.csv" 2>/dev/null
"$EISFIT" "$S/pellet-m20C.csv" "$S/pellet-25C.csv" "$S/pellet-60C.csv" -j 2 -f csv --no-kk > "$tmp/j2.csv" 2>/dev/null
cmp -s "$tmp/j1.csv" "$tmp/j2.csv" && [ "$(wc -l < "$tmp/j1.csv")" -eq 4 ]
check "-j 2 gives the same results as -j 1, in order" $?

# 6d. The residual runs test: noise for the right circuit, a warning for a circuit that misses
#     the two arcs.
"$EISFIT" "$S/pellet-25C.csv" --no-kk > "$tmp/good.txt" 2> "$tmp/err"
grep -q "runs and sign test z = .*(like noise)" "$tmp/good.txt" && ! grep -q "pattern" "$tmp/err"
check "runs test: the automatic circuit leaves noise" $?
"$EISFIT" "$S/pellet-25C.csv" -c "R0-CPE1" --no-kk > /dev/null 2> "$tmp/err"
grep -q "residuals follow a pattern" "$tmp/err"
check "runs test: R0-CPE1 on a two-arc spectrum is flagged" $?

# 6e. A header-less table whose third column is positive throughout gets a hint.
printf '1e5 120 5\n1e4 150 40\n1e3 300 100\n1e2 350 20\n1e1 360 80\n1 370 300\n' > "$tmp/nh.txt"
"$EISFIT" "$tmp/nh.txt" --no-kk > /dev/null 2> "$tmp/err"
grep -q -- "--columns f=1,re=2,-im=3" "$tmp/err"
check "header-less -Z'' table: hint to use --columns" $?

# 7. Bad input: clear message, documented exit code, no crash.
"$EISFIT" "$tmp/none.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "none.csv" "$tmp/err"; check "missing file: exit 2 naming it" $?
printf 'freq,Zre,Zim\n100,1,-1\n10,abc,-2\n1,3,-3\n' > "$tmp/text.csv"
"$EISFIT" "$tmp/text.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "text.csv:3" "$tmp/err"; check "text in a number column: exit 2 with file:line" $?
: > "$tmp/empty.csv"
"$EISFIT" "$tmp/empty.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "empty.csv" "$tmp/err"; check "empty file: exit 2" $?
printf 'freq,Zre,Zim\n100,1,-1\n' > "$tmp/one.csv"
"$EISFIT" "$tmp/one.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "one.csv" "$tmp/err"; check "one point: exit 2" $?
printf 'freq,Zre,Zim\n100,1,-1\n100,2,-2\n10,3,-3\n1,4,-4\n' > "$tmp/dup.csv"
"$EISFIT" "$tmp/dup.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "dup.csv:3" "$tmp/err"; check "duplicate frequency: exit 2 with the line" $?
printf 'freq,Zre,Zim\n100,1,-1\n10,nan,-2\n1,3,-3\n' > "$tmp/nan.csv"
"$EISFIT" "$tmp/nan.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nan.csv:3" "$tmp/err"; check "NaN: exit 2 with the line" $?
head -c 4096 /dev/urandom > "$tmp/garbage.bin"
"$EISFIT" "$tmp/garbage.bin" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ]; check "binary garbage: exit 2" $?
"$EISFIT" "$S/pellet-25C.csv" -c "R0-p(R1,CPE1" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "column" "$tmp/err"; check "bad circuit: exit 1 pointing at the column" $?
"$EISFIT" "$S/pellet-25C.csv" -c "R0-CPE1" --init X9=3 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "X9" "$tmp/err"; check "unknown parameter: exit 1 naming it" $?
"$EISFIT" --thickness 0.6mm "$S/pellet-25C.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ]; check "thickness without area: exit 1" $?
"$EISFIT" --input-format nosuch "$S/pellet-25C.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "nosuch" "$tmp/err"; check "unknown --input-format: exit 1 naming it" $?
"$EISFIT" --bogus 2> /dev/null; rc=$?
[ $rc -eq 1 ]; check "unknown option: exit 1" $?
# a bare number is cm, and says so; the result follows it (sigma = 0.6 / (R A), ten times 0.6mm)
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.6 --diameter 10mm -f json > "$tmp/bare.json" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q "thickness 0.6 has no unit: read as 0.6 cm" "$tmp/err" \
  && grep -q '"thickness_cm": 0.6[,}]' "$tmp/bare.json"; check "bare thickness: read as cm, with a warning" $?
# a bare area is cm2, and the hint is mm2, not mm
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.6mm --area 78.5 > /dev/null 2> "$tmp/err"
grep -q "area 78.5 has no unit: read as 78.5 cm2; write e.g. 78.5mm2 if square millimetres" "$tmp/err"
check "bare area: read as cm2, the hint says mm2" $?
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.6mm --diameter 10mm > /dev/null 2> "$tmp/err"
! grep -q "no unit" "$tmp/err"; check "thickness with a unit: no warning" $?
"$EISFIT" "$S/pellet-25C.csv" --plot "$tmp/a.png" --plot "$tmp/b.svg" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "plot given twice" "$tmp/err" && [ ! -e "$tmp/a.png" ] && [ ! -e "$tmp/b.svg" ]
check "--plot twice: refused before fitting" $?
# the CSV row carries the temperature with its source and the geometry that gave sigma
# (quoted fields, such as the circuit with its commas, emptied so that awk counts right)
"$EISFIT" "$S/pellet-25C.csv" --thickness 0.6mm --diameter 10mm -f csv 2> /dev/null \
  | sed 's/"[^"]*"//g' > "$tmp/row.csv"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  NR == 2 { exit !($c["temperature_K"] == 298.15 && $c["temperature_from"] == "file name" \
                   && $c["thickness_cm"] == 0.06 && $c["area_cm2"] + 0 > 0.785 && $c["area_cm2"] + 0 < 0.786) }' \
  "$tmp/row.csv"; check "CSV: temperature from the file name, thickness and area" $?
# -o --force: a link keeps pointing at the file it replaces (with that file's permissions), a
# pipe or device is written to and never replaced by a file, a new file follows the umask
echo old > "$tmp/real.txt"; chmod 600 "$tmp/real.txt"; ln -s real.txt "$tmp/link.txt"
"$EISFIT" "$S/pellet-25C.csv" -o "$tmp/link.txt" --force 2> /dev/null
[ -L "$tmp/link.txt" ] && grep -q "circuit" "$tmp/real.txt" && [ "$(stat -c %a "$tmp/real.txt")" = 600 ]
check "-o --force through a link: the link stays, the file is replaced, its mode kept" $?
mkfifo "$tmp/pipe"
"$EISFIT" "$S/pellet-25C.csv" -o "$tmp/pipe" --force > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && [ -p "$tmp/pipe" ] && grep -q "no reader" "$tmp/err"; check "-o to a pipe with no reader: exit 4, the pipe stays" $?
(umask 077; "$EISFIT" "$S/pellet-25C.csv" -o "$tmp/private.txt" 2> /dev/null)
[ "$(stat -c %a "$tmp/private.txt")" = 600 ]; check "-o follows the umask" $?
# a named pipe given as a data file waits for its writer (mkfifo f; eisfit f & producer > f),
# as cat does; it no longer reads as empty at once
mkfifo "$tmp/in.fifo"
timeout 10 sh -c "sleep 1; cat '$S/pellet-25C.csv' > '$tmp/in.fifo'" &
timeout 10 "$EISFIT" info "$tmp/in.fifo" > "$tmp/out" 2> "$tmp/err"; rc=$?
wait
[ $rc -eq 0 ] && grep -q "points" "$tmp/out"; check "a pipe whose writer comes later: read" $?
exit $fail
