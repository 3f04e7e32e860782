#!/bin/sh
# bench-scale: a CSV of BENCH_SPECTRA spectra (default 1,000,000; 5 points each, one cycle
# column, about 161 MB) shown, converted and fitted, with the time per spectrum and the peak
# resident memory of each step (GNU time). The file is read twice through a window of 1 MiB and
# each spectrum handed on as it is read; results are written as they are done and not kept
# (man eisfit, LIMITS): memory does not grow with the number of spectra. With BASE_EISFIT (an
# earlier eisfit; `make bench-scale` builds SCALE_BASELINE) each step is run with it too, on the
# same file in the same run, and the two compared.
#   convert -o - --format json   every spectrum as JSON to standard output (/dev/null)
#   convert -o DIR               one file per spectrum (BENCH_CONVERT_DIR=0 leaves this out:
#                                a million files take long on a slow disk)
#   eisfit -c "R-p(R,C)" -f csv  fit on every processor, one CSV row per spectrum
set -u
: "${EISFIT:?EISFIT must name the eisfit binary}"
n=${BENCH_SPECTRA:-1000000}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
[ -x /usr/bin/time ] || { echo "bench-scale: needs GNU time (/usr/bin/time, Debian package time)"; exit 1; }
awk -v n="$n" 'BEGIN {
  pi = 3.141592653589793
  print "cycle,freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm"
  for (k = 1; k <= n; k++) {
    r0 = 12.5 + (k % 97) * 0.01; r1 = 2385 + (k % 89); c1 = 2.3e-9
    for (i = 0; i < 5; i++) {
      f = 1e6 * 10 ^ (-i); w = 2 * pi * f; x = w * r1 * c1
      printf "%d,%.6g,%.8g,%.8g\n", k, f, r0 + r1 / (1 + x * x), r1 * x / (1 + x * x)
    }
  }
}' > "$tmp/in.csv"
size=$(wc -c < "$tmp/in.csv")
echo "bench-scale: $n spectra of 5 points, $size bytes"
# step NAME COMMAND...: wall time, CPU time and peak RSS of one run (with BASE_EISFIT: of
# both, each output compared with the other's); "@" lines for the table at the end
: > "$tmp/table"
step () {
  name=$1; shift
  for which in now base; do
    if [ $which = base ]; then
      [ -n "${BASE_EISFIT:-}" ] || break
      bin=$BASE_EISFIT
    else
      bin=$EISFIT
    fi
    rm -rf "$tmp/dir" "$tmp/fit.csv"
    /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$bin" "$@" > "$tmp/out.$which" 2> "$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "bench-scale: $name failed ($rc):"; tail -n 3 "$tmp/err"; return 1
    fi
    [ -f "$tmp/fit.csv" ] && mv "$tmp/fit.csv" "$tmp/out.$which"
    if [ -d "$tmp/dir" ]; then
      ls "$tmp/dir" | wc -l >> "$tmp/out.$which"
      cat "$tmp/dir/in_cycle$n.csv" >> "$tmp/out.$which"
      rm -rf "$tmp/dir"
    fi
    read -r wall user sys kb < "$tmp/t"
    awk -v name="$name" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" -v which=$which 'BEGIN {
      printf "bench-scale: %-4s %-30s %8.1f s wall, %8.1f s CPU: %7.2f us CPU per spectrum; peak RSS %6.0f MB (%5.0f bytes per spectrum)\n",
        which, name, w, u + s, 1e6 * (u + s) / n, kb / 1024, kb * 1024 / n
    }'
    printf '%s\t%s\t%s\t%s\n' "$name" "$which" "$(echo "$user $sys $n" | awk '{ printf "%.2f", 1e6 * ($1 + $2) / $3 }')" \
      "$(echo "$kb" | awk '{ printf "%.0f", $1 / 1024 }')" >> "$tmp/table"
  done
  if [ -n "${BASE_EISFIT:-}" ] && ! cmp -s "$tmp/out.now" "$tmp/out.base"; then
    echo "bench-scale: $name: the output differs from the baseline's"; return 1
  fi
}
step "info" info "$tmp/in.csv"
step "convert -o - --format json" convert -o - --format json "$tmp/in.csv"
if [ "${BENCH_CONVERT_DIR:-1}" != 0 ]; then
  step "convert -o DIR" convert -o "$tmp/dir" "$tmp/in.csv"
fi
step "fit -c R-p(R,C) --no-kk -f csv" -q --no-kk -c "R-p(R,C)" -f csv -o "$tmp/fit.csv" "$tmp/in.csv"
rows=$(($(wc -l < "$tmp/out.now") - 1))
[ "$rows" -eq "$n" ] || { echo "bench-scale: the fit wrote $rows rows for $n spectra"; exit 1; }
if [ -n "${BASE_EISFIT:-}" ]; then
  echo
  echo "bench-scale, $n spectra: CPU time per spectrum and peak memory, this build and the baseline"
  echo "| step | this build | baseline | ratio (CPU, memory) |"
  echo "|---|---|---|---|"
  awk -F '\t' '$2 == "now" { c[$1] = $3; m[$1] = $4; order[++k] = $1; next }
    { bc[$1] = $3; bm[$1] = $4 }
    END { for (i = 1; i <= k; i++) { s = order[i]
      printf "| %s | %s us, %s MB | %s us, %s MB | %.2fx, %.2fx |\n", s, c[s], m[s], bc[s], bm[s],
        (bc[s] > 0 ? c[s] / bc[s] : 0), (bm[s] > 0 ? m[s] / bm[s] : 0) } }' "$tmp/table"
fi
