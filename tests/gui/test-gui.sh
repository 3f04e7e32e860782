#!/bin/sh
# GUI smoke test: eisfit-gtk under Xvfb opens a sample, fits it, saves the window as a PNG and
# prints its parameter table. Checks the image (size, a plot that is not blank, the data drawn
# in the palette's first colour) and that the parameters equal eisfit --format json's.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"

gui_setup

sample=$top_srcdir/samples/pellet-25C.csv
if [ ! -r "$sample" ]; then
  # R0 = 100 Ohm in series with R1 = 2000 Ohm || CPE (Q = 1e-9 F s^(n-1), n = 0.9)
  sample=$tmp/synthetic.csv
  awk 'BEGIN {
    pi = 3.141592653589793; print "freq_Hz,Zreal_Ohm,Zimag_Ohm"
    for (k = 0; k < 50; k++) {
      f = 1e6 * 10 ^ (-k * 6 / 49); w = 2 * pi * f
      a = 0.9 * pi / 2; m = 1e-9 * w ^ 0.9          # Y_cpe = Q w^n (cos a + j sin a)
      yr = 1 / 2000 + m * cos(a); yi = m * sin(a)
      d = yr * yr + yi * yi
      printf "%.9e,%.9e,%.9e\n", f, 100 + yr / d, -yi / d
    }
  }' > "$sample"
fi

# 1. Fit, screenshot and parameters.
run_gui --screenshot "$tmp/shot.png" --print-params "$sample" >"$tmp/params.txt" 2>"$tmp/stderr.txt"
status=$?
[ "$status" -eq 0 ] || failed "eisfit-gtk exited with status $status"
if grep -E "CRITICAL|Gtk-WARNING|GLib-WARNING|GLib-GObject-WARNING" "$tmp/stderr.txt" \
     | grep -v "Unable to acquire session bus" >"$tmp/criticals.txt"; then
  failed "GTK warnings or criticals on stderr:"; cat "$tmp/criticals.txt"
fi

# 2. The image: a PNG of the window's size (default 1360 x 820 minus what Xvfb's screen allows).
if [ -s "$tmp/shot.png" ]; then
  set -- $(od -An -tu1 -j12 -N12 "$tmp/shot.png")
  # bytes 12-15 "IHDR", 16-19 width, 20-23 height (big-endian)
  if [ "$#" -ne 12 ] || [ "$1 $2 $3 $4" != "73 72 68 82" ]; then
    failed "screenshot is not a PNG"
  else
    width=$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))
    height=$(( ($9 << 24) + (${10} << 16) + (${11} << 8) + ${12} ))
    echo "screenshot: ${width} x ${height}"
    if [ "$width" -lt 1000 ] || [ "$width" -gt 1400 ] || [ "$height" -lt 700 ] \
       || [ "$height" -gt 900 ]; then
      failed "unexpected screenshot size ${width} x ${height}"
    fi
    # 3. The plot area (left of the side panel, below the tabs) is drawn: white background
    #    with dark axes gives spread; the data markers are in the palette's blue (0,114,178).
    if command -v convert >/dev/null 2>&1; then
      crop="650x560+150+110"
      sd=$(convert "$tmp/shot.png" -crop "$crop" +repage -colorspace Gray \
             -format '%[fx:standard_deviation]' info: 2>/dev/null)
      mean=$(convert "$tmp/shot.png" -crop "$crop" +repage -colorspace Gray \
               -format '%[fx:mean]' info: 2>/dev/null)
      blue=$(convert "$tmp/shot.png" -crop "$crop" +repage -fuzz 12% -fill white \
               +opaque 'rgb(0,114,178)' -fill black -opaque 'rgb(0,114,178)' -colorspace Gray \
               -format '%[fx:1-mean]' info: 2>/dev/null)
      echo "plot area: grey mean ${mean:-?}, standard deviation ${sd:-?}, blue fraction ${blue:-?}"
      awk -v sd="${sd:-0}" -v mean="${mean:-0}" -v blue="${blue:-0}" 'BEGIN {
        exit !(sd > 0.04 && mean > 0.75 && blue > 0.0005) }' \
        || failed "the plot area looks blank (or not drawn on white)"
    else
      echo "note: ImageMagick convert not found, plot area not inspected"
    fi
  fi
else
  failed "no screenshot written"
fi

# 4. The parameters equal the CLI's for the same file.
# --print-params: "name value stderr" and the flags "at-bound" / "undetermined" when they apply
nparams=$(awk 'NF >= 3' "$tmp/params.txt" | wc -l)
[ "$nparams" -ge 2 ] || failed "eisfit-gtk printed $nparams parameter lines"
if [ -x "$cli" ]; then
  "$cli" --format json --no-kk "$sample" >"$tmp/cli.json" 2>"$tmp/cli.err" \
    || failed "eisfit --format json failed: $(cat "$tmp/cli.err")"
  # name value stderr from every {"name": ..., "value": ..., "stderr": ...} object
  awk '{ text = text $0 } END {
    n = split(text, parts, /\{"name": "/)
    for (i = 2; i <= n; i++) {
      p = parts[i]; name = substr(p, 1, index(p, "\"") - 1)
      v = p; sub(/.*"value": /, "", v); sub(/[,}].*/, "", v)
      e = p; sub(/.*"stderr": /, "", e); sub(/[,}].*/, "", e)
      print name, v, e
    }
  }' "$tmp/cli.json" >"$tmp/cli-params.txt"
  awk -v rel=1e-6 '
    function close_enough(a, b) {
      if (a == "null" || a == "nan") return b == "null" || b == "nan"
      d = a - b; if (d < 0) d = -d
      m = (a < 0 ? -a : a); if ((b < 0 ? -b : b) > m) m = (b < 0 ? -b : b)
      return d <= rel * m || d < 1e-300
    }
    NR == FNR { v[$1] = $2; e[$1] = $3; n_cli++; next }
    { n_gui++
      if (!($1 in v)) { print "parameter " $1 " not in the CLI output"; bad = 1; next }
      if (!close_enough(v[$1], $2)) { print $1 " value: CLI " v[$1] ", GUI " $2; bad = 1 }
      if (!close_enough(e[$1], $3)) { print $1 " stderr: CLI " e[$1] ", GUI " $3; bad = 1 } }
    END { if (n_cli != n_gui) { print "CLI has " n_cli " parameters, GUI " n_gui; bad = 1 }
          exit bad }' "$tmp/cli-params.txt" "$tmp/params.txt" \
    || failed "parameters differ between eisfit-gtk and eisfit --format json"
  echo "parameters ($nparams) agree with eisfit --format json"
else
  echo "note: $cli not built, parameters not compared"
fi

# 5. An explicit circuit (either notation) and the same with the CLI.
run_gui --print-params --circuit 'R(RQ)Q' "$sample" >"$tmp/params-cdc.txt" 2>"$tmp/stderr-cdc.txt" \
  || failed "eisfit-gtk --circuit 'R(RQ)Q' failed: $(cat "$tmp/stderr-cdc.txt")"
[ "$(awk 'NF >= 3 { printf "%s ", $1 }' "$tmp/params-cdc.txt")" = "R0 R1 CPE1_Q CPE1_n CPE2_Q CPE2_n " ] \
  || failed "unexpected parameters for R(RQ)Q: $(cat "$tmp/params-cdc.txt")"

# 6. Errors: an unreadable file or a bad circuit give a non-zero status and a message.
run_gui --print-params "$tmp/missing.csv" >/dev/null 2>"$tmp/stderr-missing.txt" \
  && failed "a missing file did not fail"
grep -q "missing.csv" "$tmp/stderr-missing.txt" || failed "no message naming the missing file"
run_gui --print-params --circuit 'R0-p(R1,' "$sample" >/dev/null 2>"$tmp/stderr-bad.txt" \
  && failed "a circuit that does not parse did not fail"

# 7. Marks: the pellet's bulk arc is an ideal capacitor, so a CPE in its place ends at n = 1
#    (the exponent's bound), and R0 of a four-arc model is not determined by the data. Every
#    other parameter of that fit carries no mark.
if [ "$sample" = "$top_srcdir/samples/pellet-25C.csv" ]; then
  run_gui --print-params --circuit 'R0-p(R1,CPE1)-p(R2,CPE2)-CPE3' "$sample" \
    >"$tmp/params-bound.txt" 2>"$tmp/stderr-bound.txt" \
    || failed "fit with a CPE for the bulk failed: $(cat "$tmp/stderr-bound.txt")"
  awk '$1 == "CPE1_n" && $4 == "at-bound" && $2 > 0.9999 { ok = 1 } END { exit !ok }' \
    "$tmp/params-bound.txt" || failed "CPE1_n not marked at its bound: $(cat "$tmp/params-bound.txt")"
  grep -q '^R0 .* undetermined$' "$tmp/params-bound.txt" \
    || failed "R0 not marked undetermined: $(cat "$tmp/params-bound.txt")"
  grep -q '^CPE3_n [^ ]* [^ ]*$' "$tmp/params-bound.txt" \
    || failed "CPE3_n should carry no mark: $(cat "$tmp/params-bound.txt")"
  # a bound typed in the table would be the same test; the CLI has no such option to compare
fi

# 8. --export-plot writes the figure shown: Arrhenius (several temperatures and a geometry),
#    transference (DC polarization between two spectra) and, without a geometry, a failure
#    that says what is missing.
png_size () {
  set -- $(od -An -tu1 -j16 -N8 "$1")
  [ "$#" -eq 8 ] && echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))x$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}
pellets=$(ls "$top_srcdir"/samples/pellet-*.csv 2>/dev/null)
if [ -n "$pellets" ]; then
  run_gui --export-plot "$tmp/arrhenius.png" --page arrhenius --fit-all --thickness 0.6mm \
    --diameter 10mm $pellets >/dev/null 2>"$tmp/stderr-arr.txt" \
    || failed "Arrhenius export failed: $(cat "$tmp/stderr-arr.txt")"
  size=$(png_size "$tmp/arrhenius.png" 2>/dev/null)
  case $size in
    [4-9][0-9][0-9]x[3-9][0-9][0-9]) echo "Arrhenius figure: $size" ;;
    *) failed "Arrhenius export: no PNG of a plausible size (${size:-none})" ;;
  esac
  run_gui --export-plot "$tmp/arrhenius-none.svg" --page arrhenius --fit-all $pellets \
    >/dev/null 2>"$tmp/stderr-arr2.txt" && failed "Arrhenius export without a geometry did not fail"
  grep -q "thickness" "$tmp/stderr-arr2.txt" \
    || failed "no message asking for the geometry: $(cat "$tmp/stderr-arr2.txt")"
fi
if [ -r "$top_srcdir/samples/li-polarization.csv" ]; then
  run_gui --export-plot "$tmp/transference.svg" --page transference --fit-all \
    "$top_srcdir/samples/li-before.csv" "$top_srcdir/samples/li-polarization.csv" \
    "$top_srcdir/samples/li-after.csv" >/dev/null 2>"$tmp/stderr-tr.txt" \
    || failed "transference export failed: $(cat "$tmp/stderr-tr.txt")"
  grep -q "<svg" "$tmp/transference.svg" 2>/dev/null || failed "transference export: not an SVG"
  # The page's t+ and its error are the command line's, to 1e-6 (same engine, same inputs: the
  # spectra are listed in the other order to check that before/after are still recognised).
  run_gui --print-params --page transference --fit-all "$top_srcdir/samples/li-after.csv" \
    "$top_srcdir/samples/li-polarization.csv" "$top_srcdir/samples/li-before.csv" \
    >"$tmp/tr-params.txt" 2>"$tmp/stderr-tr2.txt" || failed "transference print failed"
  "$top_builddir/eisfit" transference --polarization "$top_srcdir/samples/li-polarization.csv" \
    --before "$top_srcdir/samples/li-before.csv" --after "$top_srcdir/samples/li-after.csv" \
    -f json >"$tmp/tr.json" 2>/dev/null || failed "eisfit transference failed"
  gui_t=$(awk '$1 == "t_plus" { print $2, $3 }' "$tmp/tr-params.txt")
  cli_t=$(grep -o '"t_plus": [-0-9.e]*' "$tmp/tr.json" | cut -d' ' -f2)
  cli_se=$(grep -o '"t_plus_stderr": [-0-9.e]*' "$tmp/tr.json" | cut -d' ' -f2)
  echo "$gui_t $cli_t $cli_se" | awk '{ d1 = ($1 - $3) / $3; d2 = ($2 - $4) / $4;
      if (d1 < 0) d1 = -d1; if (d2 < 0) d2 = -d2; exit !(NF == 4 && d1 < 1e-6 && d2 < 1e-6) }' \
    || failed "GUI t+ ($gui_t) differs from eisfit transference ($cli_t +- $cli_se)"
fi

# --test-script drives the window step by step (see src/gui/eisfit-window-script.c) and prints
# what it shows; each block below is one finding of the GUI audit and fails without its fix.
run_script () {  # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out, stderr in $tmp/NAME.err
  run_gui --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(cat "$tmp/$1.err")"
  return 0
}
json_num () {  # KEY FILE: the first number after "KEY": in FILE
  grep -o "\"$1\": [-0-9.eE+]*" "$2" | head -1 | cut -d' ' -f2
}
same_number () {  # A B REL: |A - B| <= REL |B|
  awk -v a="$1" -v b="$2" -v rel="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b
    exit !(a != "" && b != "" && d <= rel * m) }'
}
S=$top_srcdir/samples
if [ -r "$S/li-polarization.csv" ] && [ -n "$pellets" ]; then
  "$cli" transference --polarization "$S/li-polarization.csv" --before "$S/li-before.csv" \
    --after "$S/li-after.csv" -f json >"$tmp/cli-tr.json" 2>/dev/null
  cli_t=$(json_num t_plus "$tmp/cli-tr.json"); cli_tse=$(json_num t_plus_stderr "$tmp/cli-tr.json")

  # Finding 1: fitted pellets, then the Li|Li files: the Transference tab takes nothing from the
  # pellets' fits; Compute fits li-before/li-after itself and gives eisfit transference's t+.
  cat >"$tmp/tr-stale.script" <<EOS
open $(echo $pellets)
select all
fit-all
open $S/li-polarization.csv $S/li-before.csv $S/li-after.csv
print transference
compute
print transference
print json
EOS
  run_script tr-stale
  grep '^R_int,0: ' "$tmp/tr-stale.out" | head -1 | grep -qx 'R_int,0: ' \
    || failed "finding 1: R0 filled before li-before.csv was fitted: $(grep '^R_int,0: ' "$tmp/tr-stale.out" | head -1)"
  grep -q '^before: li-before.csv #1$' "$tmp/tr-stale.out" \
    || failed "finding 1: li-before.csv not chosen as the spectrum before"
  grep -q 'R_int,0 = 353.* from R1||CPE1 (electrode) of li-before.csv #1' "$tmp/tr-stale.out" \
    || failed "finding 1: the page does not say which arc of li-before.csv gave R0"
  gui_t=$(json_num t_plus "$tmp/tr-stale.out"); gui_tse=$(json_num t_plus_stderr "$tmp/tr-stale.out")
  same_number "$gui_t" "$cli_t" 1e-6 && same_number "$gui_tse" "$cli_tse" 1e-6 \
    || failed "finding 1: t+ after pellets = ${gui_t:-none} +- ${gui_tse:-none}, eisfit transference $cli_t +- $cli_tse"

  # Finding 2: only the Li|Li files, nothing fitted: no "nan", the current stays drawn, and
  # without a spectrum before a plain sentence says what to choose.
  cat >"$tmp/tr-fresh.script" <<EOS
open $S/li-polarization.csv $S/li-before.csv $S/li-after.csv
choose 0 2
compute
print transference
choose 1 2
compute
print transference
EOS
  run_script tr-fresh
  grep -qi 'nan' "$tmp/tr-fresh.out" && failed "finding 2: \"nan\" shown: $(grep -i nan "$tmp/tr-fresh.out")"
  grep -q '^result: t₊ needs R_int,0 and R_int,ss.*' "$tmp/tr-fresh.out" \
    && grep -q 'choose the spectrum measured before the step' "$tmp/tr-fresh.out" \
    || failed "finding 2: no plain message without a spectrum before: $(grep '^result' "$tmp/tr-fresh.out")"
  [ "$(grep -c '^plot: figure$' "$tmp/tr-fresh.out")" -eq 2 ] \
    || failed "finding 2: the current plot disappeared: $(grep '^plot' "$tmp/tr-fresh.out")"
  grep -q '^result: t₊ = 0.8603 ± 0.0079' "$tmp/tr-fresh.out" \
    || failed "finding 2: unfitted spectra were not fitted by Compute: $(grep '^result' "$tmp/tr-fresh.out")"

  # Item 2: --fit-all --print-results on the pellets and the Li|Li files: the Arrhenius Ea of
  # sigma total and bulk and t+ equal eisfit arrhenius's and eisfit transference's.
  run_gui --fit-all --print-results --thickness 0.6mm --diameter 10mm $pellets \
    "$S/li-polarization.csv" "$S/li-before.csv" "$S/li-after.csv" >"$tmp/results.json" \
    2>"$tmp/results.err" || failed "--print-results failed: $(cat "$tmp/results.err")"
  "$cli" arrhenius -f json --thickness 0.6mm --diameter 10mm $pellets >"$tmp/cli-arr.json" 2>/dev/null
  tr -d '\n' <"$tmp/cli-arr.json" | sed 's/.*"total": {"sigma": //' >"$tmp/cli-total.json"
  tr -d '\n' <"$tmp/results.json" | sed 's/.*"total": //' >"$tmp/gui-total.json"
  same_number "$(json_num Ea_eV "$tmp/gui-total.json")" "$(json_num Ea_eV "$tmp/cli-total.json")" 1e-8 \
    && same_number "$(json_num Ea_stderr_eV "$tmp/gui-total.json")" "$(json_num Ea_stderr_eV "$tmp/cli-total.json")" 1e-6 \
    || failed "--print-results: Ea of sigma total differs from eisfit arrhenius"
  tr -d '\n' <"$tmp/results.json" | sed 's/.*"arrhenius": //' >"$tmp/gui-arr.json"
  same_number "$(json_num Ea_eV "$tmp/gui-arr.json")" "$(json_num Ea_eV "$tmp/cli-total.json")" 1e-8 \
    || failed "--print-results: arrhenius.Ea_eV is not sigma total's"
  tr -d '\n' <"$tmp/results.json" | sed 's/.*"bulk": //' >"$tmp/gui-bulk.json"
  same_number "$(json_num Ea_eV "$tmp/gui-bulk.json")" "$(json_num Ea_eV "$tmp/cli-arr.json")" 1e-8 \
    || failed "--print-results: Ea of sigma bulk differs from eisfit arrhenius"
  same_number "$(json_num t_plus "$tmp/results.json")" "$cli_t" 1e-6 \
    && same_number "$(json_num t_plus_stderr "$tmp/results.json")" "$cli_tse" 1e-6 \
    || failed "--print-results: t+ differs from eisfit transference"
  [ "$(grep -c '"status": "converged"' "$tmp/results.json")" -eq 8 ] \
    || failed "--print-results: not every spectrum fitted"
  grep -q '"before": "li-before.csv #1", "R0_from": "R1||CPE1 (electrode)"' "$tmp/results.json" \
    || failed "--print-results: the transference does not name its spectra"
  # the parameters of a spectrum equal eisfit's for the same file
  "$cli" --format json --no-kk "$S/pellet-25C.csv" >"$tmp/cli-25.json" 2>/dev/null
  grep 'pellet-25C.csv' "$tmp/results.json" >"$tmp/gui-25.json"
  grep -A1 'pellet-25C.csv' "$tmp/results.json" >>"$tmp/gui-25.json"
  for p in R1 R2 CPE3_n; do
    g=$(tr -d '\n' <"$tmp/gui-25.json" | grep -o "\"name\": \"$p\", \"value\": [-0-9.eE+]*" | head -1 | awk '{ print $NF }')
    c=$(tr -d '\n' <"$tmp/cli-25.json" | grep -o "\"name\": \"$p\", \"value\": [-0-9.eE+]*" | head -1 | awk '{ print $NF }')
    same_number "$g" "$c" 1e-6 || failed "--print-results: $p of pellet-25C = ${g:-none}, eisfit ${c:-none}"
  done
fi

# Finding 9: a CV opened alone says so and is not offered as a DC polarization.
awk 'BEGIN { print "time_s,current_A,voltage_V"
  for (k = 0; k < 200; k++) { v = (k < 100) ? -0.5 + k * 0.01 : 0.5 - (k - 100) * 0.01
    printf "%.3f,%.6e,%.4f\n", k * 0.5, 1e-5 * v + 2e-6, v } }' >"$tmp/cv.csv"
cat >"$tmp/cv.script" <<EOS
open $tmp/cv.csv
print banner
print transference
EOS
run_script cv
grep -q 'cv.csv: no impedance spectrum; a DC series .*CV?' "$tmp/cv.out" \
  || failed "finding 9: no message for a CV opened alone: $(head -1 "$tmp/cv.out")"
grep -q '^series: 0$' "$tmp/cv.out" || failed "finding 9: the CV is offered as a DC polarization"
# ... while a chronoamperometry stepping from a rest to 0.3 V (a voltage range of 0.3 V, but
# constant between the steps, as BioLogic's ca.mpt) is one
awk 'BEGIN { print "time_s,current_A,voltage_V"
  for (k = 0; k < 200; k++) printf "%.1f,%.6e,%.4f\n", k * 10, 2e-5 * (0.9 + 0.1 * exp(-k / 20)), k < 3 ? 0 : 0.3 }' \
  >"$tmp/ca.csv"
cat >"$tmp/ca.script" <<EOS
open $tmp/ca.csv
print transference
EOS
run_script ca
grep -q '^series: 1$' "$tmp/ca.out" || failed "finding 9: a chronoamperometry with a step is refused: $(cat "$tmp/ca.err")"

# Finding 10: Fit with three spectra selected fits all three; Residuals and Lin-KK name the one
# they show.
if [ -n "$pellets" ]; then
  cat >"$tmp/fit-sel.script" <<EOS
open $(echo $pellets)
select 0 2 4
fit
print json
print figure-titles
print title
print parameters-heading
select 2
print parameters-heading
EOS
  run_script fit-sel
  [ "$(grep -c '"status": "converged"' "$tmp/fit-sel.out")" -eq 3 ] \
    || failed "finding 10: Fit with 3 selected fitted $(grep -c '"status": "converged"' "$tmp/fit-sel.out")"
  grep -q '^residuals: Residuals of pellet-.*#1 (first of 3 selected)' "$tmp/fit-sel.out" \
    && grep -q '^kk: Lin-KK of pellet-.*#1 (first of 3 selected)' "$tmp/fit-sel.out" \
    || failed "finding 10: Residuals/Lin-KK do not name their spectrum: $(grep -E '^(residuals|kk):' "$tmp/fit-sel.out")"
  # ... and the parameter table says whose it is (the list row shown), as the selection moves
  grep '^Parameters' "$tmp/fit-sel.out" | tr '\n' '|' | grep -q '^Parameters of pellet-m20C\.csv #1|Parameters of pellet-25C\.csv #1|$' \
    || failed "finding 10: the parameter table does not name its spectrum: $(grep '^Parameters' "$tmp/fit-sel.out" | tr '\n' '|')"
  # Finding 16: the window title says what is shown
  grep -q '^\*\{0,1\}pellet-.*\.csv and 2 more — eisfit$' "$tmp/fit-sel.out" \
    || failed "finding 16: the window title does not name the spectra: $(tail -1 "$tmp/fit-sel.out")"
fi

# Finding 3: a fit that fails keeps what the user typed (values, Fix ticks, bounds); a start
# outside a bound typed since is moved inside instead of failing. Finding 8: after an edit the
# fit's panels say they are the last fit's.
if [ -r "$top_srcdir/samples/pellet-25C.csv" ]; then
  cat >"$tmp/keep.script" <<EOS
open $top_srcdir/samples/pellet-25C.csv
preset 2
fit
param R0 value 0
param R0 fix on
param R2 value 250
print fit-info
print conductivity
fit
print banner
print inputs
param R0 value 0.5
param R1 max 300
fit
print banner
print inputs
quit-asking
EOS
  run_script keep
  grep -q 'must be positive.*remove it from the circuit' "$tmp/keep.out" \
    || failed "finding 3: the failed fit does not say how to leave R0 out"
  grep -q '^R0 value=0 fix=on' "$tmp/keep.out" && grep -q '^R2 value=250 fix=off' "$tmp/keep.out" \
    || failed "finding 3: a failed fit threw away the values or the Fix tick: $(grep '^R[02] ' "$tmp/keep.out")"
  grep -q 'outside its bounds' "$tmp/keep.out" \
    && failed "finding 3: a start outside a typed bound still fails the fit"
  grep -q '^R1 value=300 fix=off min= max=300$' "$tmp/keep.out" \
    && grep -q '^R0 value=0.5 fix=on' "$tmp/keep.out" \
    || failed "finding 3: the fit with R1 Max 300 and R0 fixed did not keep both: $(grep '^R[01] ' "$tmp/keep.out" | tail -2)"
  grep -q '^⚠ Edited since the last fit' "$tmp/keep.out" \
    || failed "finding 8: the fit summary does not say it is from before the edit"
  grep -q '^⚠ From the last fit, not from the values edited since' "$tmp/keep.out" \
    || failed "finding 8: the conductivity panel does not say it is from before the edit"
  # Finding 6: closing with fits that were never exported asks first
  grep -q '^asked: 2 fits since the project was last saved will be lost.$' "$tmp/keep.out" \
    || failed "finding 6: quitting with unexported fits did not ask: $(grep '^asked' "$tmp/keep.out")"

  # Finding 8: Ctrl+Z in the circuit entry undoes typing only; entry and table agree.
  cat >"$tmp/undo.script" <<EOS
open $top_srcdir/samples/pellet-25C.csv
preset 1
type-circuit -W3
print circuit
undo-circuit
print circuit
undo-circuit
print circuit
EOS
  run_script undo
  awk '/^entry: / { e = substr($0, 8) } /^table: / { n++; if (substr($0, 8) != e) bad = 1 }
       END { exit !(n == 3 && !bad) }' "$tmp/undo.out" \
    || failed "finding 8: after Ctrl+Z the circuit entry and the table disagree: $(cat "$tmp/undo.out")"
  [ "$(grep -c '^entry: R0-p(R1,CPE1)-CPE2$' "$tmp/undo.out")" -eq 2 ] \
    || failed "finding 8: Ctrl+Z took the preset apart: $(grep '^entry' "$tmp/undo.out")"

  # Finding 6: Ctrl+Q (app.quit) saves the settings like the close button, and the diameter
  # comes back at the next start.
  rm -rf "$tmp/config"
  cat >"$tmp/save.script" <<EOS
open $top_srcdir/samples/pellet-25C.csv
geometry 0.6mm 10mm ""
quit
EOS
  run_script save
  grep -q '^diameter=10mm$' "$tmp/config/eisfit/settings.ini" 2>/dev/null \
    || failed "finding 6: Ctrl+Q did not save the settings"
  cat >"$tmp/restore.script" <<EOS
open $top_srcdir/samples/pellet-25C.csv
print geometry
EOS
  run_script restore
  grep -q '^L = 0.06 cm,  A = 0.7854 cm²' "$tmp/restore.out" \
    || failed "finding 6: the saved diameter was not restored: $(cat "$tmp/restore.out")"
  # Finding 12: geometry per file: a file opened later is told whose geometry it got
  grep -q '⚠ from the last session' "$tmp/restore.out" \
    || failed "finding 12: a saved geometry is applied without saying so"
  cat >"$tmp/geom.script" <<EOS
open $top_srcdir/samples/pellet-25C.csv
geometry 0.6mm 10mm ""
open $top_srcdir/samples/li-before.csv
select 1
print geometry
geometry 0.2mm 12mm ""
select 0
print geometry
EOS
  run_script geom
  grep -q '^Geometry of li-before.csv$' "$tmp/geom.out" \
    && grep -q '⚠ as typed for pellet-25C.csv' "$tmp/geom.out" \
    || failed "finding 12: the Li|Li file takes the pellet's geometry without a label: $(cat "$tmp/geom.out")"
  grep -q '^L = 0.06 cm,  A = 0.7854 cm²' "$tmp/geom.out" && ! grep -q '^L = 0.02 cm' "$tmp/geom.out" \
    || failed "finding 12: typing the Li cell's geometry changed the pellet's: $(cat "$tmp/geom.out")"
fi

# Findings 5, 11, 19: at 1024 x 700 the plots get most of the width and keep it on fit and
# selection; the Nyquist view first shows the arcs, with the points of the electrode spike
# counted off scale, and after a reset (Ctrl+0) every point; the banner's text is not selected.
if [ -n "$pellets" ]; then
  cat >"$tmp/layout.script" <<EOS
open $(echo $pellets) $tmp/cv.csv
print layout
select all
fit
print layout
select 2
print layout
reset-zoom
print layout
reset-zoom
print layout
EOS
  xvfb-run -a -s "-screen 0 1024x700x24" "$gui" --size 1024x700 --test-script "$tmp/layout.script" \
    >"$tmp/layout.out" 2>"$tmp/layout.err" || failed "layout: $(cat "$tmp/layout.err")"
  awk '/^plots: / { p[++n] = $2 } /^panel: / { q[++m] = $2 }
       END { exit !(n == 5 && p[1] >= 400 && p[1] == p[2] && p[2] == p[3] && q[1] == q[2] && q[2] == q[3]) }' \
    "$tmp/layout.out" || failed "finding 5: plots narrow or jumping at 1024x700: $(grep -E '^(plots|panel)' "$tmp/layout.out" | tr '\n' ' ')"
  spike=$(awk -F, 'NR > 1 && -$3 > m { m = -$3 } END { print m }' "$S/pellet-m20C.csv")
  # views 1-3 and 5: the arcs (the spike's top well off scale, and counted); 4: everything
  awk -v spike="$spike" '/^nyquist-y-max: / { y[++n] = $2 } /^nyquist-off-scale: / { o[++m] = $2 }
    END { for (i = 1; i <= 5; i++) {
            arcs = (i != 4)
            if (arcs && !(y[i] < spike / 5 && o[i] > 0)) bad = 1
            if (!arcs && !(y[i] >= spike && o[i] == 0)) bad = 1 }
          exit !(n == 5 && m == 5 && !bad) }' \
    "$tmp/layout.out" || failed "finding 11: the Nyquist views (arcs, arcs, arcs, all after Ctrl+0, arcs after another; max -Z'' $spike): $(grep nyquist "$tmp/layout.out" | tr '\n' ' ')"
  grep -q '^banner-selected: yes' "$tmp/layout.out" && failed "finding 19: the banner's text is selected"

  # Finding 18: in a dark theme the plots are dark on screen; exports stay white.
  cat >"$tmp/dark.script" <<EOS
open $S/pellet-25C.csv
fit
screenshot $tmp/dark.png
EOS
  GTK_THEME=Adwaita:dark run_script dark
  if command -v convert >/dev/null 2>&1 && [ -s "$tmp/dark.png" ]; then
    mean=$(convert "$tmp/dark.png" -crop 200x200+300+200 +repage -colorspace Gray -format '%[fx:mean]' info:)
    awk -v m="$mean" 'BEGIN { exit !(m < 0.35) }' \
      || failed "finding 18: the plot stays light in a dark theme (mean grey $mean)"
  fi
  GTK_THEME=Adwaita:dark run_gui --export-plot "$tmp/dark-export.png" "$S/pellet-25C.csv" \
    >/dev/null 2>&1 || failed "export in a dark theme failed"
  if command -v convert >/dev/null 2>&1 && [ -s "$tmp/dark-export.png" ]; then
    mean=$(convert "$tmp/dark-export.png" -colorspace Gray -format '%[fx:mean]' info:)
    awk -v m="$mean" 'BEGIN { exit !(m > 0.8) }' \
      || failed "finding 18: an export in a dark theme is not white (mean grey $mean)"
  fi
fi

# Finding 14: Export Results as CSV gives one row per fitted spectrum with every parameter and
# its error, sigma, and each arc's C_eff and role.
if [ -n "$pellets" ]; then
  cat >"$tmp/csv.script" <<EOS
open $(echo $pellets)
select all
geometry 0.6mm 10mm ""
circuit R0-p(R1,CPE1)-p(R2,CPE2)-CPE3
fit
export-csv $tmp/results.csv
EOS
  run_script csv
  [ "$(wc -l <"$tmp/results.csv")" -eq 7 ] || failed "results CSV: not one row per spectrum: $(wc -l <"$tmp/results.csv") lines"
  head -1 "$tmp/results.csv" | grep -q '^file,spectrum,temperature_K,circuit,status,reduced_chi2,R0,R0_stderr,R1,R1_stderr,' \
    && head -1 "$tmp/results.csv" | grep -q ',sigma_total_S_cm,sigma_total_stderr_S_cm,thickness_cm,area_cm2,geometry_note,trusted,bulk_gb_separated,cautions,arc1_element,arc1_R_Ohm,arc1_C_eff_F,arc1_role' \
    || failed "results CSV: unexpected header: $(head -1 "$tmp/results.csv")"
  [ "$(grep -c ',R1||CPE1,[0-9.e+-]*,[0-9.e+-]*,bulk,R2||CPE2,[0-9.e+-]*,[0-9.e+-]*,grain boundary,' "$tmp/results.csv")" -ge 3 ] \
    || failed "results CSV: the arcs' C_eff and roles are missing"
  # the geometry typed with all selected is every file's: each row has its area
  [ "$(grep -c ',0.06,0.785398163[0-9]*,' "$tmp/results.csv")" -eq 6 ] \
    || failed "results CSV: not every spectrum has the geometry typed for all"
fi

# 9. The keyboard shortcuts window is valid GtkBuilder.
if command -v gtk4-builder-tool >/dev/null 2>&1; then
  xvfb-run -a gtk4-builder-tool validate "$top_srcdir/ui/eisfit-shortcuts.ui" \
    >"$tmp/builder.txt" 2>&1 || failed "ui/eisfit-shortcuts.ui: $(cat "$tmp/builder.txt")"
fi

# 10. Desktop integration: the desktop and AppStream files are named for the application id,
#     which the metainfo's <id> and <launchable> repeat; appstreamcli (if installed) accepts it.
# batch runs check their options before opening a window, and a fit that fails exits 3
run_gui --print-params --page nosuch "$sample" >/dev/null 2>"$tmp/stderr-page.txt"
[ $? -eq 1 ] && grep -q "nosuch" "$tmp/stderr-page.txt" || failed "--page nosuch: exit 1 naming it"
run_gui --print-params --thickness abc --diameter 10mm "$sample" >/dev/null 2>"$tmp/stderr-geo.txt"
[ $? -eq 1 ] || failed "--thickness abc: exit 1"
awk -F, 'NR == 1 { print; next } { printf "%s,%.6e,%.6e\n", $1, $2 * 1e297, $3 * 1e297 }' \
  "$sample" > "$tmp/huge.csv"
run_gui --print-params "$tmp/huge.csv" >/dev/null 2>"$tmp/stderr-huge.txt"
[ $? -eq 2 ] && grep -q "beyond what an instrument measures" "$tmp/stderr-huge.txt" \
  || failed "impedances of 1e300 Ohm are refused on reading: exit 2 with the reason, as eisfit"

appid=io.github.eisfit.Eisfit
[ -r "$top_srcdir/ui/$appid.desktop" ] || failed "ui/$appid.desktop missing"
grep -q "<id>$appid</id>" "$top_srcdir/ui/$appid.metainfo.xml" 2>/dev/null \
  || failed "ui/$appid.metainfo.xml: no <id>$appid</id>"
grep -q "<launchable type=\"desktop-id\">$appid.desktop</launchable>" \
  "$top_srcdir/ui/$appid.metainfo.xml" 2>/dev/null || failed "metainfo: launchable is not $appid.desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$top_srcdir/ui/$appid.desktop" >"$tmp/desktop.txt" 2>&1 \
    || failed "desktop-file-validate: $(cat "$tmp/desktop.txt")"
  grep -q . "$tmp/desktop.txt" && failed "desktop-file-validate has remarks: $(cat "$tmp/desktop.txt")"
else
  echo "note: desktop-file-validate not found (Debian package desktop-file-utils)"
fi
grep -q "GNU GENERAL PUBLIC LICENSE" "$top_srcdir/COPYING" 2>/dev/null \
  && grep -q "Version 3, 29 June 2007" "$top_srcdir/COPYING" \
  || failed "COPYING: not the GPL version 3 that the metainfo and the About dialog name"
grep -q '<project_license>GPL-3.0-or-later</project_license>' "$top_srcdir/ui/$appid.metainfo.xml" \
  || failed "metainfo: the licence is not GPL-3.0-or-later"
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net "$top_srcdir/ui/$appid.metainfo.xml" >"$tmp/appstream.txt" 2>&1 \
    || failed "appstreamcli validate: $(cat "$tmp/appstream.txt")"
fi

exit $fail
