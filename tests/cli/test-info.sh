#!/bin/sh
# eisfit info: format, spectra, points, frequency range and metadata; errors name the file.
set -u
: "${EISFIT:?EISFIT must name the eisfit binary}"
: "${top_srcdir:?top_srcdir must be set}"
data="$top_srcdir/tests/data"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }
cd "$tmp" || exit 99

"$EISFIT" info "$data/gamry-eis.DTA" > out 2> err || fail "info: $(cat err)"
grep -q 'gamry-eis.DTA: gamry-dta, 1 spectrum, 0 DC series' out || fail "header line: $(cat out)"
grep -q 'spectrum 1: 4 points, 100 Hz to 100000 Hz' out || fail "points and range: $(cat out)"
grep -q "Z'' from -411.674 to -0.677255 Ohm" out || fail "imaginary range: $(cat out)"
grep -q 'temperature: 298.15 K' out || fail "temperature: $(cat out)"
grep -q 'area: 0.785 cm2' out || fail "area: $(cat out)"
grep -q 'software: Gamry Framework 7.8.4' out || fail "software: $(cat out)"
grep -q 'temperature: 298.15 K (25.00 degC, from the metadata)' out || fail "from: $(cat out)"

# the temperature every command takes from a file name, with a blank before the unit
cp "$top_srcdir/samples/pellet-m20C.csv" "x_80 °C.csv"
"$EISFIT" info "x_80 °C.csv" > out 2> err || fail "info name: $(cat err)"
grep -q 'temperature: 353.15 K (80.00 degC, from the file name)' out || fail "name T: $(cat out)"
cp "$top_srcdir/samples/pellet-m20C.csv" "s_25C_60C.csv"
"$EISFIT" info "s_25C_60C.csv" > out 2> err || fail "info two T: $(cat err)"
grep -q 'temperature: none (the file name holds two that disagree' out || fail "two T: $(cat out)"

"$EISFIT" info "$data/biologic-peis.mpr" "$data/zahner.ism" > out 2> err || fail "binary: $(cat err)"
grep -q 'biologic-peis.mpr: biologic-mpr, 1 spectrum' out || fail "mpr: $(cat out)"
grep -q 'zahner.ism: zahner-ism, 1 spectrum' out || fail "ism: $(cat out)"
grep -q '5 points, 10 Hz to 100000 Hz' out || fail "ism range: $(cat out)"

printf 'freq,a,b\n1,2,3\n4,5,6\n' > amb.csv
"$EISFIT" info amb.csv "$data/chi.txt" > out 2> err
rc=$?
[ $rc -eq 2 ] || fail "exit code $rc for an unreadable file, expected 2"
grep -q 'amb.csv:1: no column for the imaginary part' err || fail "message: $(cat err)"
grep -q -- '--columns' err || fail "no --columns hint: $(cat err)"
grep -q 'chi.txt: chi, 1 spectrum' out || fail "the next file was not shown: $(cat out)"
"$EISFIT" info --columns "f=1,re=2,-im=3" amb.csv > out 2> err || fail "--columns: $(cat err)"
grep -q "Z'' from -6 to -3 Ohm" out || fail "--columns sign: $(cat out)"
exit 0
