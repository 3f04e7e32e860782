#!/bin/sh
# How eisfit writes its outputs (man eisfit, FILES): whole or not at all, also on file systems
# without hard links (simulated by the LD_PRELOAD shim fsshim.so), an existing file never
# replaced without --force, no temporary file left after a failed write or a signal.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
shim="$top_builddir/tests/cli/fsshim.so"
[ -f "$shim" ] || { echo "FAIL: $shim was not built"; exit 1; }
# The shim comes before the sanitizer runtime in an --enable-sanitizers build.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"; export ASAN_OPTIONS
# no ".eisfit-*" temporary file left anywhere under $tmp
no_temporaries () {
  [ -z "$(find "$tmp" -name '.eisfit-*' -o -name '*.tmp??????' -o -name '.*.??????')" ]
}
nolink () { env LD_PRELOAD="$shim" FSSHIM_NO_LINK=1 FSSHIM_NO_RENAMEAT2=1 "$@"; }
in="$S/pellet-25C.csv"
"$EISFIT" "$in" --no-kk > "$tmp/want.txt" 2>/dev/null

# 1. No hard links and no renameat2 flags (FAT, exFAT, SMB): -o, --plot and convert work, an
#    existing file is refused without --force and replaced with it.
d="$tmp/fat"; mkdir "$d"
nolink "$EISFIT" "$in" --no-kk -o "$d/r.txt" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && cmp -s "$d/r.txt" "$tmp/want.txt"
check "no hard links: -o writes the report (exit $rc: $(cat "$tmp/err"))" $?
echo keep > "$d/r.txt"
nolink "$EISFIT" "$in" --no-kk -o "$d/r.txt" 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && grep -q "already exists" "$tmp/err" && [ "$(cat "$d/r.txt")" = keep ]
check "no hard links: an existing -o file is kept without --force (exit $rc)" $?
nolink "$EISFIT" "$in" --no-kk -o "$d/r.txt" --force 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && cmp -s "$d/r.txt" "$tmp/want.txt"
check "no hard links: --force replaces it (exit $rc)" $?
nolink "$EISFIT" "$in" --no-kk --plot "$d/fig.png" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(od -An -c -N4 "$d/fig.png" | tr -d ' ')" = "211PNG" ]
check "no hard links: --plot writes a PNG (exit $rc: $(cat "$tmp/err"))" $?
nolink "$EISFIT" "$in" --no-kk --plot "$d/fig.png" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && grep -q "already exists" "$tmp/err"
check "no hard links: an existing figure is kept without --force (exit $rc)" $?
mkdir "$d/conv"
nolink "$EISFIT" convert -o "$d/conv" "$in" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q '^freq_Hz,Zreal_Ohm,Zimag_Ohm$' "$d/conv/pellet-25C.csv"
check "no hard links: convert -o DIR writes (exit $rc: $(cat "$tmp/err"))" $?
nolink "$EISFIT" convert -o "$d/conv" "$in" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && grep -q "already exists" "$tmp/err"
check "no hard links: convert refuses an existing file (exit $rc)" $?
no_temporaries; check "no hard links: no temporary file left" $?

# A device is written to, not refused as an existing file: -o /dev/null needs no --force.
"$EISFIT" "$in" --no-kk -o /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; check "-o /dev/null is written without --force (exit $rc)" $?

# Output names of 246 to 255 bytes (the longest a file system allows) work: the temporary
# name is cut to fit, not the output's.
long=$(awk 'BEGIN { for (i = 0; i < 251; i++) printf "a" }')
"$EISFIT" "$in" --no-kk -o "$d/$long.txt" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && cmp -s "$d/$long.txt" "$tmp/want.txt"
check "a 255-byte output name is written (exit $rc: $(cat "$tmp/err"))" $?
nolink "$EISFIT" "$in" --no-kk --plot "$d/${long}.png" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ -s "$d/${long}.png" ]
check "a 255-byte figure name is written without hard links (exit $rc)" $?
no_temporaries; check "long names: no temporary file left" $?

# 2. renameat2 without RENAME_NOREPLACE but hard links (older kernels, some FUSE systems).
env LD_PRELOAD="$shim" FSSHIM_NO_RENAMEAT2=1 "$EISFIT" "$in" --no-kk -o "$d/l.txt" 2>/dev/null
rc=$?; [ $rc -eq 0 ] && cmp -s "$d/l.txt" "$tmp/want.txt"
check "hard links only: -o writes (exit $rc)" $?
echo keep > "$d/l.txt"
env LD_PRELOAD="$shim" FSSHIM_NO_RENAMEAT2=1 "$EISFIT" "$in" --no-kk -o "$d/l.txt" 2>/dev/null
rc=$?; [ $rc -eq 4 ] && [ "$(cat "$d/l.txt")" = keep ]
check "hard links only: an existing file is kept (exit $rc)" $?

# 3. A full disk: exit 4 with the reason, no temporary file, an existing file kept.
d="$tmp/full"; mkdir "$d"
echo keep > "$d/r.txt"
for what in "-o $d/r.txt" "-o $d/new.txt" "--plot $d/fig.png" "--plot $d/r.txt.png"; do
  # shellcheck disable=SC2086
  env LD_PRELOAD="$shim" FSSHIM_WRITE_ERRNO=28 "$EISFIT" "$in" --no-kk --force $what \
    > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc -eq 4 ] && grep -q "No space left on device" "$tmp/err"
  check "full disk ($what): exit 4 and the reason (exit $rc: $(cat "$tmp/err"))" $?
done
[ "$(cat "$d/r.txt")" = keep ] && [ ! -e "$d/new.txt" ] && [ ! -e "$d/fig.png" ]
check "full disk: the old file kept, no new file" $?
env LD_PRELOAD="$shim" FSSHIM_WRITE_ERRNO=28 "$EISFIT" convert -o "$d" "$in" > /dev/null 2>&1
[ $? -eq 4 ] && [ ! -e "$d/pellet-25C.csv" ]; check "full disk: convert exits 4, writes nothing" $?
no_temporaries; check "full disk: no temporary file left" $?

# 4. Signals while writing (Ctrl+C, kill, hang-up, the file size limit): the program ends by the
#    signal, the temporary file is removed, the old file kept.
d="$tmp/sig"; mkdir "$d"
echo keep > "$d/r.txt"
for sig in 2 15 1 25; do
  env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=$sig "$EISFIT" "$in" --no-kk --force -o "$d/r.txt" \
    > /dev/null 2>&1; rc=$?
  [ $rc -eq $((128 + sig)) ] && no_temporaries && [ "$(cat "$d/r.txt")" = keep ]
  check "signal $sig during -o: ended by it (exit $rc), no temporary file, old file kept" $?
  env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=$sig "$EISFIT" "$in" --no-kk --plot "$d/f$sig.png" \
    > /dev/null 2>&1; rc=$?
  [ $rc -eq $((128 + sig)) ] && no_temporaries && [ ! -e "$d/f$sig.png" ]
  check "signal $sig during --plot: ended by it (exit $rc), no temporary file" $?
done
env LD_PRELOAD="$shim" FSSHIM_WRITE_SIGNAL=15 "$EISFIT" convert -o "$d" "$in" > /dev/null 2>&1
rc=$?; [ $rc -eq 143 ] && no_temporaries && [ ! -e "$d/pellet-25C.csv" ]
check "SIGTERM during convert: no temporary file, no output (exit $rc)" $?
# The real file size limit (ulimit -f, in 512-byte blocks): SIGXFSZ, then no temporary file.
(ulimit -f 8; exec "$EISFIT" "$in" --no-kk --plot "$d/big.png") > /dev/null 2>&1; rc=$?
[ $rc -eq 153 ] && no_temporaries && [ ! -e "$d/big.png" ]
check "file size limit during --plot: SIGXFSZ (exit $rc), no temporary file" $?

# 5. An input is never replaced, not even by a numbered figure (fig-2.png) and not with --force.
d="$tmp/in"; mkdir "$d"
cp "$S/pellet-0C.csv" "$d/fig-2.png"
sum=$(cksum < "$d/fig-2.png")
(cd "$d" && "$EISFIT" "$in" fig-2.png --no-kk --plot fig.png --force > /dev/null 2> "$tmp/err"); rc=$?
[ $rc -eq 1 ] && [ "$(cksum < "$d/fig-2.png")" = "$sum" ] && grep -q "would replace the input" "$tmp/err" \
  && [ ! -e "$d/fig.png" ]
check "fit --plot --force: the numbered figure fig-2.png is not written over the input, refused before any figure (exit $rc)" $?
rm -f "$d/fig.png"
(cd "$d" && "$EISFIT" kk "$in" ./fig-2.png --plot fig.png --force > /dev/null 2> "$tmp/err"); rc=$?
[ $rc -eq 1 ] && [ ! -e "$d/fig.png" ] && [ "$(cksum < "$d/fig-2.png")" = "$sum" ] && grep -q "would replace the input" "$tmp/err"
check "kk --plot --force: the numbered figure is not written over the input (exit $rc)" $?

# 6. convert -o -: standard output where one output makes sense, refused otherwise.
(cd "$tmp" && exec "$EISFIT" convert -o - "$in") > "$tmp/one.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q '^freq_Hz,Zreal_Ohm,Zimag_Ohm$' "$tmp/one.csv" && [ ! -e "$tmp/-" ] \
  && [ "$(grep -c '^[0-9]' "$tmp/one.csv")" -eq "$(grep -c '^[0-9]' "$in")" ]
check "convert -o - writes the one spectrum's CSV to standard output (exit $rc)" $?
"$EISFIT" convert -o - --format json "$in" "$S/pellet-0C.csv" > "$tmp/all.json" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(head -c 1 "$tmp/all.json")" = "[" ] && [ "$(grep -c '"source"' "$tmp/all.json")" -eq 2 ] \
  && [ "$(tail -n 1 "$tmp/all.json")" = "]" ]
check "convert -o - --format json writes one array of both spectra (exit $rc)" $?
"$EISFIT" convert -o - "$in" "$S/pellet-0C.csv" > "$tmp/two.csv" 2> "$tmp/err"; rc=$?
[ $rc -eq 4 ] && [ ! -s "$tmp/two.csv" ] && grep -q "format json" "$tmp/err"
check "convert -o - with two spectra as CSV is refused (exit $rc)" $?
# A line break in a file name does not break the "# source:" line.
nl="$tmp/a
b.csv"
cp "$in" "$nl"
"$EISFIT" convert -o - "$nl" > "$tmp/nl.csv" 2>/dev/null
grep -q '^# source: .*/a\\nb.csv$' "$tmp/nl.csv" && ! grep -q '^b.csv' "$tmp/nl.csv"
check "a line break in the source's name is written as \\n" $?

# 7. Out of memory is exit 5 in every command (man eisfit, EXIT STATUS). Not under the
#    sanitizers, which need more address space than the limit leaves.
if ! ldd "$EISFIT" 2>/dev/null | grep -q 'libasan'; then
  for cmd in info convert fit; do
    (ulimit -v 300000; cd "$tmp" && exec "$EISFIT" $cmd --max-size 2G /dev/zero) > /dev/null 2> "$tmp/err"
    rc=$?; [ $rc -eq 5 ] && grep -q "out of memory" "$tmp/err"
    check "$cmd: out of memory reading /dev/zero is exit 5 (exit $rc: $(cat "$tmp/err"))" $?
  done
fi

exit $fail
