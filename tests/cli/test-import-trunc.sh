#!/bin/sh
# A file cut at a line boundary reads as shorter data: where the header announces the number of
# points (Gamry CURVE TABLE n; FREQINIT..FREQFINAL at PTSPERDEC; PalmSens "N freqs"; ZPlot "Data
# Points"; ZView's count) or where the sweep ends (EC-Lab fi, ff, Nd; CH Instruments' Low
# Frequency), or the file ends inside its data (a .par segment), the importer
# warns; binary files (.mpr, .ism) that hold fewer bytes than their counts are refused.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"

# whole sweep (1e4..1e2 Hz at 2 per decade = 5 points): no warning
"$EISFIT" info "$d/gamry-sweep.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "5 points" "$tmp/o" && ! grep -q "warning" "$tmp/o"
check "whole Gamry sweep: 5 points, no warning (exit $st)" $?
# its last two rows cut off
head -n -2 "$d/gamry-sweep.DTA" > "$tmp/cut.DTA"
"$EISFIT" info "$tmp/cut.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "3 points" "$tmp/o" \
  && grep -q "warning: the header announces 5 points (FREQINIT 10000 Hz to FREQFINAL 100 Hz at 2 per decade), the file holds 3: cut short?" "$tmp/o"
check "Gamry sweep cut by 2 rows: warned (exit $st: $(cat "$tmp/o"))" $?
# the fit shows it too
"$EISFIT" "$tmp/cut.DTA" -c 'R0-p(R1,C1)' --no-kk > "$tmp/o" 2> "$tmp/e"
grep -q "announces 5 points" "$tmp/o" "$tmp/e"
check "the fit shows the warning" $?
# a sweep stopped by the user (EXPERIMENTABORTED) says so already: no count warning
{ cat "$tmp/cut.DTA"; printf 'EXPERIMENTABORTED\tTOGGLE\tT\tExperiment Aborted\n'; } > "$tmp/ab.DTA"
"$EISFIT" info "$tmp/ab.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && ! grep -q "announces" "$tmp/o"
check "aborted sweep: no count warning (exit $st)" $?
# CURVE TABLE 5 holding 5 rows, then 3
"$EISFIT" info "$d/gamry-chronoa.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && ! grep -q "warning" "$tmp/o"
check "whole CURVE TABLE 5: no warning (exit $st)" $?
head -n -2 "$d/gamry-chronoa.DTA" > "$tmp/ca.DTA"
"$EISFIT" info "$tmp/ca.DTA" > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -eq 0 ] && grep -q "DC series 1: 3 points" "$tmp/o" \
  && grep -q "warning: the header announces 5 points (CURVE TABLE 5), the file holds 3: cut short?" "$tmp/o"
check "CURVE TABLE 5 holding 3 rows: warned (exit $st: $(cat "$tmp/o"))" $?

# the other formats that tell how many points there are, or where the sweep ends (written here)
mpt () { # the EC-Lab export of a PEIS sweep from 10 kHz down to 100 Hz at 2 per decade
  printf 'EC-Lab ASCII FILE\r\nNb header lines : 13\r\n\r\nPotentio Electrochemical Impedance Spectroscopy\r\n\r\nfi                  10.000\r\nunit fi             kHz\r\nff                  100.000\r\nunit ff             Hz\r\nNd                  2\r\nPoints              per decade\r\nspacing             Logarithmic\r\n'
  printf 'freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\tcycle number\t\r\n'
  printf '1.0000E+004\t1.0250E+002\t2.0100E+001\t1.0\t\r\n3.1623E+003\t1.1560E+002\t3.4200E+001\t1.0\t\r\n1.0000E+003\t1.4020E+002\t4.9800E+001\t1.0\t\r\n3.1623E+002\t1.7300E+002\t4.1500E+001\t1.0\t\r\n1.0000E+002\t1.9210E+002\t2.3900E+001\t1.0\t\r\n'
}
pss () { # a PSTrace CSV export of an impedance scan of 5 frequencies
  printf 'File date:,2024-10-29 08:23:17\r\nMeasurement:,Impedance Spectroscopy\r\nDate and time:,2024-10-29 08:21:56\r\n5 freqs\r\n'
  printf "freq / Hz,neg. Phase / \302\260,Idc / uA,Z / Ohm,Z' / Ohm,-Z'' / Ohm,Cs / F,\r\n"
  printf '10000,11.08,0.01,104.45,102.5,20.1,7.9E-07,\r\n3162.3,16.48,0.01,120.55,115.6,34.2,1.47E-06,\r\n1000,19.56,0.01,148.78,140.2,49.8,3.2E-06,\r\n316.23,13.49,0.01,177.91,173.0,41.5,1.21E-05,\r\n100,7.09,0.01,193.58,192.1,23.9,6.66E-05,\r\n'
}
par () { # a VersaStudio .par of a sweep in <Segment1>
  printf '<Application>\r\nVersion=2.52.3\r\n</Application>\r\n<Segment1>\r\nType=2\r\nDefinition=Segment #, Point #, E(V), I(A), Elapsed Time(s), Frequency(Hz), Z Real, Z Imag\r\n'
  printf '0,0,0,1E-06,1.0,10000,102.5,-20.1\r\n0,1,0,1E-06,2.0,3162.3,115.6,-34.2\r\n0,2,0,1E-06,3.0,1000,140.2,-49.8\r\n0,3,0,1E-06,4.0,316.23,173.0,-41.5\r\n0,4,0,1E-06,5.0,100,192.1,-23.9\r\n</Segment1>\r\n'
}
cut_check () { # NAME WRITER LINES-CUT EXPECTED-WARNING
  "$2" > "$tmp/w.$1"
  "$EISFIT" info "$tmp/w.$1" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 0 ] && grep -q "5 points" "$tmp/o" && ! grep -q "warning" "$tmp/o"
  check "whole $1: 5 points, no warning (exit $st: $(cat "$tmp/e"))" $?
  "$2" | head -n "-$3" > "$tmp/c.$1"
  "$EISFIT" info "$tmp/c.$1" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 0 ] && grep -q "3 points" "$tmp/o" && grep -qF "warning: $4" "$tmp/o"
  check "$1 cut at a line boundary: warned (exit $st: $(cat "$tmp/o" "$tmp/e"))" $?
}
zplot () { # a ZPlot 3 (.z) file of 5 frequencies: its "Data Points" line
  printf 'ZPLOT2 ASCII\n  Measured Data, ZPlot:       3.2c\n  Experiment Type:            Sweep Frequency, Control Voltage\n'
  printf '  Data Points:                5\n  Freq(Hz)\tAmpl\tBias\tTime(Sec)\tZ'"'"'(a)\tZ'"''"'(b)\tGD\tErr\tRange\nEnd Comments\n'
  printf '1.0E+04\t1E-02\t0\t1.0\t102.5\t-20.1\t0\t0\t3\n3.1623E+03\t1E-02\t0\t2.0\t115.6\t-34.2\t0\t0\t3\n1.0E+03\t1E-02\t0\t3.0\t140.2\t-49.8\t0\t0\t3\n3.1623E+02\t1E-02\t0\t4.0\t173.0\t-41.5\t0\t0\t3\n1.0E+02\t1E-02\t0\t5.0\t192.1\t-23.9\t0\t0\t3\n'
}
z60w () { # a Z60W (ZView) text file of 5 frequencies: the count after the plot settings
  printf '"Z60W Data File: Version 1.1"\r\n""\r\n""\r\n0,2,0,1,100,10000\r\n5\r\n'
  printf '"  Freq (Hz)    Ampl     Bias   Time(Sec)   Z'"'"'(a)    Z'"''"'(b)    GD   Err   Range"\r\n'
  printf '10000,0,0,0,102.5,-20.1,0,0,0\r\n3162.3,0,0,0,115.6,-34.2,0,0,0\r\n1000,0,0,0,140.2,-49.8,0,0,0\r\n316.23,0,0,0,173.0,-41.5,0,0,0\r\n100,0,0,0,192.1,-23.9,0,0,0\r\n'
}
chi () { # a CH Instruments A.C. Impedance export from 10 kHz down to its Low Frequency 100 Hz
  printf 'Feb. 20, 2020   15:55:08\nA.C. Impedance\nFile: c:\\x.bin\nData Source:  Experiment\nInstrument Model:  CHI660E\n\n'
  printf 'Init E (V) = 0\nHigh Frequency (Hz) = 1e+4\nLow Frequency (Hz) = 100\nAmplitude (V) = 0.005\n\n'
  printf 'Freq/Hz, Z'"'"'/ohm, Z"/ohm, Z/ohm, Phase/deg\n\n'
  printf '1.000e+4, 1.025e+2, -2.010e+1, 1.045e+2, -11.1\n3.162e+3, 1.156e+2, -3.420e+1, 1.206e+2, -16.5\n1.000e+3, 1.402e+2, -4.980e+1, 1.488e+2, -19.6\n3.162e+2, 1.730e+2, -4.150e+1, 1.779e+2, -13.5\n1.000e+2, 1.921e+2, -2.390e+1, 1.936e+2, -7.1\n'
}
cut_check z zplot 2 "the header announces 5 points (Data Points, line 4), the file holds 3: cut short?"
cut_check z60 z60w 2 "the header announces 5 points (its point count, line 5), the file holds 3: cut short?"
cut_check txt chi 2 "the header's sweep runs down to Low Frequency 100 Hz (line 9), the file ends at 1000 Hz (3 points): cut short?"
# a ZView file whose data ZView edited: points may have been deleted there
z60w | sed '2s/.*/"Modified Data"\r/' | head -n -2 > "$tmp/m.z60"
"$EISFIT" info "$tmp/m.z60" > "$tmp/o" 2> "$tmp/e"
grep -qF "the file holds 3: cut short, or points deleted in ZView?" "$tmp/o"
check "edited ZView file cut short: the warning names ZView's editing too ($(cat "$tmp/o" "$tmp/e"))" $?
cut_check mpt mpt 2 "the header's sweep runs from fi 10000 Hz to ff 100 Hz at 2 per decade (5 points), the file ends at 1000 Hz (3 points): cut short?"
cut_check csv pss 2 "the header announces 5 points (5 freqs), the file holds 3: cut short?"
cut_check par par 3 "the file ends inside <Segment1> (no </Segment1> after its rows): cut short?"
# a fit says it too
"$EISFIT" "$tmp/c.mpt" -c 'R0-p(R1,C1)' --no-kk > "$tmp/o" 2> "$tmp/e"
grep -q "c.mpt: spectrum 1: the header's sweep runs from fi 10000 Hz" "$tmp/e"
check "the fit of the cut .mpt warns" $?

# the real files, when they are there: whole ones give no warning, cut ones do
RD=$top_srcdir/../shared/realdata
if [ -d "$RD/gamry" ]; then
  for f in "$RD"/gamry/*.DTA; do
    "$EISFIT" info "$f" > "$tmp/o" 2> "$tmp/e"
    ! grep -q "announces" "$tmp/o"
    check "real $(basename "$f"): no count warning" $?
  done
  f=$RD/gamry/20240401_B_GM0016_HL03_E01_EIS.DTA
  if [ -f "$f" ]; then
    head -n -10 "$f" > "$tmp/r.DTA"
    "$EISFIT" info "$tmp/r.DTA" > "$tmp/o" 2> "$tmp/e"
    grep -q "announces 61 points .*holds 51: cut short" "$tmp/o"
    check "real EIS file cut by 10 rows: warned" $?
  fi
  f=$RD/gamry/Chronopot_0A.DTA
  if [ -f "$f" ]; then
    head -n -20 "$f" > "$tmp/r.DTA"
    "$EISFIT" info "$tmp/r.DTA" > "$tmp/o" 2> "$tmp/e"
    grep -q "announces 121 points (CURVE TABLE 121), the file holds 101" "$tmp/o"
    check "real chrono file cut by 20 rows: warned" $?
  fi
else
  echo "skip: no real data at $RD"
fi
if [ -d "$RD/biologic" ]; then
  # sweeps that reach the header's ff: no warning (exampleDataBioLogic.mpt stops at 0.017 Hz of
  # 0.01: the warning is right there)
  for f in peis.mpt ex1.mpt PEIS_LPSCl_IonBlocking_-25C.txt; do
    "$EISFIT" info "$RD/biologic/$f" > "$tmp/o" 2> "$tmp/e"
    ! grep -q "warning:" "$tmp/o"
    check "real $f: no sweep warning" $?
  done
  head -n -10 "$RD/biologic/PEIS_LPSCl_IonBlocking_-25C.txt" > "$tmp/r.mpt"
  "$EISFIT" info "$tmp/r.mpt" > "$tmp/o" 2> "$tmp/e"
  grep -q "at 10 per decade (79 points), the file ends at .* (69 points): cut short?" "$tmp/o"
  check "real LPSCl .mpt cut by 10 rows: warned" $?
  # the binary .mpr: its data module's length
  f=$RD/biologic/peis.mpr
  head -c 9000 "$f" > "$tmp/r.mpr"
  "$EISFIT" info "$tmp/r.mpr" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 2 ] && grep -q 'module "VMP data  " says 3926 bytes but only .* remain (file truncated?)' "$tmp/e"
  check "real .mpr cut inside its data: refused, saying so (exit $st: $(cat "$tmp/e"))" $?
fi
# ZPlot's Data Points, ZView's count and CH Instruments' Low Frequency on the real files
for f in scribner/Circuit2_EIS_1.z:56 autolab/exampleDataAutolab.txt:41 chi/exampleDataCHInstruments.txt:73; do
  n=${f##*:}; f=$RD/${f%:*}
  [ -f "$f" ] || { echo "skip: no $f"; continue; }
  "$EISFIT" info "$f" > "$tmp/o" 2> "$tmp/e"
  grep -q "spectrum 1: $n points" "$tmp/o" && ! grep -q "warning:" "$tmp/o"
  check "real $(basename "$f"): $n points, no warning" $?
  head -n -5 "$f" > "$tmp/r.$(basename "$f")"
  "$EISFIT" info "$tmp/r.$(basename "$f")" > "$tmp/o" 2> "$tmp/e"
  grep -q "spectrum 1: $((n - 5)) points" "$tmp/o" && grep -q "warning: .*: cut short?" "$tmp/o"
  check "real $(basename "$f") cut by 5 rows: warned ($(grep warning "$tmp/o"))" $?
done
if [ -d "$RD/palmsens" ]; then
  f=$RD/palmsens/PS241105-14_1.csv
  "$EISFIT" info "$f" > "$tmp/o" 2> "$tmp/e"
  ! grep -q "warning:" "$tmp/o"
  check "real PalmSens CSV: no count warning" $?
  iconv -f utf-16 -t utf-8 "$f" | head -n -5 > "$tmp/r.csv"
  "$EISFIT" info "$tmp/r.csv" > "$tmp/o" 2> "$tmp/e"
  grep -q "the header announces 39 points (39 freqs), the file holds 34: cut short?" "$tmp/o"
  check "real PalmSens CSV cut by 5 rows: warned" $?
fi
if [ -f "$RD/princeton/exampleDataVersaStudio.par" ]; then
  "$EISFIT" info "$RD/princeton/exampleDataVersaStudio.par" > "$tmp/o" 2> "$tmp/e"
  ! grep -q "warning:" "$tmp/o"
  check "real .par: no warning" $?
  head -n 170 "$RD/princeton/exampleDataVersaStudio.par" > "$tmp/r.par"
  "$EISFIT" info "$tmp/r.par" > "$tmp/o" 2> "$tmp/e"
  grep -q "the file ends inside <Segment1>" "$tmp/o"
  check "real .par cut inside its segment: warned" $?
fi
if [ -f "$RD/zahner/000_mvdc.ism" ]; then
  head -c 1000 "$RD/zahner/000_mvdc.ism" > "$tmp/r.ism"
  "$EISFIT" info "$tmp/r.ism" > "$tmp/o" 2> "$tmp/e"; st=$?
  [ $st -eq 2 ] && grep -q "the header announces 38 points .* (truncated?)" "$tmp/e"
  check "real .ism cut inside its arrays: refused, saying so (exit $st: $(cat "$tmp/e"))" $?
fi

# user numbers: no C hexadecimal floats ("0x1p-10m" read as 0.98 mm before)
"$EISFIT" "$s/pellet-25C.csv" --thickness 0x1p-10m --diameter 10mm --no-kk > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -ne 0 ] && grep -q "expected a length" "$tmp/e"
check "--thickness 0x1p-10m: refused (exit $st)" $?
"$EISFIT" "$s/pellet-25C.csv" -c 'R0-p(R1,CPE1)' --fix R0=0x10 --no-kk > "$tmp/o" 2> "$tmp/e"; st=$?
[ $st -ne 0 ] && grep -q "expected NAME=NUMBER" "$tmp/e"
check "--fix R0=0x10: refused (exit $st)" $?
exit $fail
