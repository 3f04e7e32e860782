#!/bin/sh
# eisfit convert: normalised output files with the right numbers, naming, --force, a bad input
# that does not stop the batch, inputs never touched, JSON output.
set -u
: "${EISFIT:?EISFIT must name the eisfit binary}"
: "${top_srcdir:?top_srcdir must be set}"
data="$top_srcdir/tests/data"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

# Compares two numbers with a relative tolerance.
near () { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; exit !(d <= 1e-9 * (s > 0 ? s : 1)) }'; }

cp "$data/biologic-peis.mpt" "$tmp/cell.mpt"
sum_before=$(cksum < "$tmp/cell.mpt")
mkdir "$tmp/out"
cd "$tmp" || exit 99   # relative paths work from any folder

"$EISFIT" convert -o out cell.mpt > log 2> err || fail "convert cell.mpt: $(cat err)"
[ "$(cksum < cell.mpt)" = "$sum_before" ] || fail "the input was modified"
[ -f out/cell_cycle1.csv ] && [ -f out/cell_cycle2.csv ] || fail "expected out/cell_cycle1.csv and out/cell_cycle2.csv: $(ls out)"
grep -q '^freq_Hz,Zreal_Ohm,Zimag_Ohm$' out/cell_cycle1.csv || fail "no normalised header"
# 10 Hz point of cycle 2: Z' = 1.01 * 842.829, Z'' = -103.378 (the file has -Im(Z) with decimal commas)
line=$(grep '^10,' out/cell_cycle2.csv) || fail "no 10 Hz row in cycle 2"
re=$(echo "$line" | cut -d, -f2); im=$(echo "$line" | cut -d, -f3)
near "$re" 851.25729 || fail "cycle 2 Z' at 10 Hz is $re, expected 851.25729"
near "$im" -103.378 || fail "cycle 2 Z'' at 10 Hz is $im, expected -103.378"
[ "$(grep -c '^[0-9]' out/cell_cycle1.csv)" = 5 ] || fail "cycle 1 should have 5 rows"
grep -q '^# cycle: 1$' out/cell_cycle1.csv || fail "no cycle metadata"
grep -q 'converted 1 of 1 file' log || fail "no summary line: $(cat log)"

# never overwrite without --force; with --force it is replaced
echo "keep" > out/cell_cycle1.csv
"$EISFIT" convert -o out cell.mpt > log 2> err && fail "overwrote without --force"
[ $? -eq 4 ] || true
grep -q 'already exists' err || fail "no 'already exists' message: $(cat err)"
[ "$(cat out/cell_cycle1.csv)" = keep ] || fail "existing output was changed without --force"
"$EISFIT" convert --force -o out cell.mpt > log 2> err || fail "--force failed: $(cat err)"
grep -q '^freq_Hz' out/cell_cycle1.csv || fail "--force did not replace the output"

# a bad file among good ones: reported, the others still converted, non-zero exit
printf 'this is not data\n' > bad.txt
cp "$data/gamry-chronoa.DTA" ca.DTA
"$EISFIT" convert -o out bad.txt ca.DTA > log 2> err
rc=$?
[ $rc -eq 2 ] || fail "exit code $rc with a bad input, expected 2"
grep -q 'bad.txt' err || fail "the bad file is not named: $(cat err)"
[ -f out/ca_dc.csv ] || fail "the good file after the bad one was not converted"
grep -q '^time_s,current_A,voltage_V$' out/ca_dc.csv || fail "no DC header"
line=$(sed -n '/^0.5,/p' out/ca_dc.csv)
i=$(echo "$line" | cut -d, -f2)
near "$i" 8.35759e-07 || fail "current at 0.5 s is $i A, expected 8.35759e-07 (decimal commas)"
grep -q 'converted 1 of 2 files' log || fail "summary should say 1 of 2: $(cat log)"

# the output of convert reads back as the same spectrum
"$EISFIT" convert -o out --format json cell.mpt > log 2> err || fail "json: $(cat err)"
grep -q '"Zimag_Ohm": \[-0.677255, -6.77211, -67.2914, -411.674, -103.378\]' out/cell_cycle1.json \
  || fail "json lacks Zimag_Ohm in the file's order: $(head -c 600 out/cell_cycle1.json)"
mkdir again
"$EISFIT" convert -o again out/cell_cycle2.csv > log 2> err || fail "re-import of converted csv: $(cat err)"
grep '^10,' again/cell_cycle2.csv | grep -q '^10,851.25729,-103.378$' || fail "round trip changed the numbers: $(grep '^10,' again/cell_cycle2.csv)"

# what the "# key: value" lines say comes back: the cycle, and the source as provenance
"$EISFIT" info out/cell_cycle2.csv > log 2> err || fail "info on a converted file: $(cat err)"
grep -q 'spectrum 1 (cycle 2)' log || fail "cycle not read back: $(cat log)"
grep -q 'converted_from: ' log || fail "source not read back: $(cat log)"

# the output folder is created when missing, with its parents; one that cannot be is an
# output error (exit 4)
"$EISFIT" convert -o fresh cell.mpt > log 2> err || fail "convert into a new folder: $(cat err)"
[ -f fresh/cell_cycle1.csv ] || fail "no fresh/cell_cycle1.csv: $(ls fresh 2>&1)"
"$EISFIT" convert -o no/such/dir cell.mpt > log 2> err || fail "convert -o no/such/dir: $(cat err)"
[ -f no/such/dir/cell_cycle2.csv ] || fail "no no/such/dir/cell_cycle2.csv: $(ls -R no 2>&1)"
: > plainfile
"$EISFIT" convert -o plainfile/sub cell.mpt > log 2> err
rc=$?
[ $rc -eq 4 ] || fail "exit code $rc for an output folder that cannot be created, expected 4"
grep -q 'plainfile/sub: cannot create the output folder' err || fail "message: $(cat err)"

# the rows keep the instrument's order (here: descending frequency, the time order)
[ "$(sed -n '/^[0-9]/{p;q;}' fresh/cell_cycle1.csv | cut -d, -f1)" = 100000 ] \
  || fail "first row is not the first measured point: $(grep '^[0-9]' fresh/cell_cycle1.csv | head -2)"
[ "$(grep '^[0-9]' fresh/cell_cycle1.csv | cut -d, -f1 | tr '\n' ' ')" = "100000 10000 1000 100 10 " ] \
  || fail "rows not in the file's order: $(grep '^[0-9]' fresh/cell_cycle1.csv | cut -d, -f1 | tr '\n' ' ')"

# a one-point file (BioLogic "IR compensation (PEIS)") converts; the fit refuses it
sed -e '4s/.*/IR compensation (PEIS)\r/' "$data/biologic-peis.mpt" | head -n 13 > ircomp.mpt
"$EISFIT" convert -o ir ircomp.mpt > log 2> err || fail "convert a one-point file: $(cat err)"
grep -q 'wrote ir/ircomp.csv (1 point)$' log || fail "one-point convert: $(cat log)"
grep -q '^100000,12.5005,-0.677255$' ir/ircomp.csv || fail "one-point row: $(cat ir/ircomp.csv)"
"$EISFIT" ircomp.mpt > log 2> err && fail "a fit of one point succeeded"
grep -q 'has 1 point; at least' err || fail "the fit's refusal: $(cat err)"

# a drift-corrected Gamry file: the corrected impedance by default, --uncorrected the other
printf 'EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\tZrealDrCor\tZimagDrCor\n\t#\ts\tHz\tohm\tohm\tohm\tohm\n\t0\t1\t1000\t17.9\t-67.3\t17.95\t-67.25\n\t1\t2\t100\t343.1\t-411.6\t343.2\t-411.7\n' > drift.DTA
"$EISFIT" convert -o dr drift.DTA > log 2> err || fail "drift.DTA: $(cat err)"
grep -q '^100,343.2,-411.7$' dr/drift.csv || fail "drift-corrected row: $(cat dr/drift.csv)"
"$EISFIT" convert --uncorrected -o dru drift.DTA > log 2> err || fail "--uncorrected: $(cat err)"
grep -q '^100,343.1,-411.6$' dru/drift.csv || fail "uncorrected row: $(cat dru/drift.csv)"

# a workbook: one output per sheet with data, in the sheet's row order
"$EISFIT" convert -o wb "$data/workbook.xlsx" > log 2> err || fail "workbook.xlsx: $(cat err)"
grep -q 'converted 1 of 1 file: 2 spectra, 0 DC series, 2 files written' log \
  || fail "workbook summary: $(cat log)"
grep -q '^# title: 60C$' wb/workbook_2.csv || fail "sheet name as title: $(head -12 wb/workbook_2.csv)"
[ "$(sed -n '/^[0-9]/{p;q;}' wb/workbook_2.csv)" = "100000,3.125125,-0.16931375" ] \
  || fail "first row of sheet 60C: $(grep '^[0-9]' wb/workbook_2.csv | head -1)"

# --files-from: names from a file or standard input, one a line or NUL-separated (-0)
mkdir -p many/sub "many/with space"
i=0
for f in generic-semicolon.csv zplot.z chi.txt gamry-eis.DTA palmsens.csv; do
  i=$((i + 1))
  cp "$data/$f" "many/sub/m$i.${f##*.}"
  cp "$data/$f" "many/with space/s$i.${f##*.}"
done
find many -type f | sort > list.txt
printf '\n' >> list.txt   # an empty line is skipped
"$EISFIT" convert -o fl --files-from list.txt > log 2> err || fail "--files-from: $(cat err)"
grep -q 'converted 10 of 10 files: 10 spectra, 0 DC series, 10 files written' log \
  || fail "--files-from summary: $(tail -n 1 log)"
[ -f "fl/s3.csv" ] && [ -f fl/m5.csv ] || fail "--files-from outputs: $(ls fl)"
find many -type f -print0 | "$EISFIT" convert -o fl0 -0 --files-from - > log 2> err \
  || fail "-0 --files-from -: $(cat err)"
[ "$(ls fl0 | wc -l)" -eq 10 ] || fail "-0: $(ls fl0)"
cmp -s fl/s4.csv fl0/s4.csv || fail "-0 gives other numbers than --files-from"
"$EISFIT" convert -o fl1 --files-from no-such-list > log 2> err
[ $? -eq 2 ] || fail "a missing --files-from list should exit 2"
grep -q 'no-such-list: cannot open' err || fail "missing list message: $(cat err)"
"$EISFIT" convert -o fl1 -0 cell.mpt > log 2> err
[ $? -eq 1 ] || fail "-0 without --files-from should exit 1"
# no progress line when standard error is not a terminal
grep -q '\[1/10\]' err && fail "progress written to a file: $(cat err)"

# the man page's batch examples: xargs, and a Slurm job array sharded by task id
find many -type f -print0 | xargs -0 -n 4 "$EISFIT" convert -o xa > log 2> err \
  || fail "xargs batch: $(cat err)"
[ "$(ls xa | wc -l)" -eq 10 ] || fail "xargs batch: $(ls xa)"
for task in 0 1 2; do
  SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=3 sh -c '
    sort list.txt | awk -v n="$SLURM_ARRAY_TASK_COUNT" -v k="$SLURM_ARRAY_TASK_ID" \
      "NF && (NR - 1) % n == k" | "$0" convert -o "slurm/$SLURM_ARRAY_TASK_ID" --files-from -' \
    "$EISFIT" > "log.$task" 2>&1 || fail "slurm shard $task: $(cat "log.$task")"
done
[ "$(find slurm -type f | wc -l)" -eq 10 ] || fail "slurm shards: $(find slurm -type f)"

# twins of one run (same name, another extension) both get written, apart
cp "$top_srcdir/tests/data/generic-semicolon.csv" twin.csv
cp "$top_srcdir/tests/data/generic-semicolon.csv" twin.txt
"$EISFIT" convert -o twins twin.csv twin.txt > log 2> err || fail "twins: $(cat err)"
[ -f twins/twin.csv ] && [ -f twins/twin_txt.csv ] || fail "twins: $(ls twins 2>&1)"
grep -q '2 files written' log || fail "twins summary: $(cat log)"

# never replaces an input, even with --force
cp out/cell_cycle2.csv same.csv
"$EISFIT" convert --force -o . same.csv > log 2> err && fail "replaced its own input"
grep -q 'input file' err || fail "no message about the input: $(cat err)"
# an importer's warning (a header promising more points than the rows) reaches the terminal
head -n 14 "$data/zplotw.z" > short.z
"$EISFIT" convert -o out short.z > log 2> err || fail "convert short.z: $(cat err)"
grep -q 'short.z: spectrum 1: the header announces 5 points (its point count, line 10), the file holds 3: cut short' err \
  || fail "no warning for a short ZPlotW file: $(cat err)"
[ "$(grep -c '^[0-9]' out/short.csv)" = 3 ] || fail "short.z: expected the 3 rows it holds"

exit 0
