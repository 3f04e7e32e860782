#!/bin/sh
# run.sh: `make bench`. Runs every benchmark twice on the same data in the same run: with this
# build, and with the eisfit of git revision $BASELINE (built once by bench/baseline.sh into
# bench-baseline/, the benchmark programs compiled against its core library and headers), then
# prints one table: each figure as a rate per core (CPU time of the process) for both, and
# their ratio. The figures are the lines "@<TAB>name<TAB>value<TAB>unit" the benchmark programs
# print; their other lines are shown as they come.
#
# Environment (set by bench.mk): top_srcdir, BASELINE (a git revision; "none" runs this build
# only), CC, GSL_CFLAGS, GSL_LIBS, CSV_LIBS, EXEEXT. BENCH_ONLY="given kk" runs a subset.
# CLI_REPEAT (default 10): how many times the end-to-end `eisfit` run on each 200-file set is
# repeated, each a process of its own, their CPU times summed (one run takes about 0.1 s, and
# time(1) counts in hundredths of a second).
set -u
: "${top_srcdir:?}" "${BASELINE:=none}" "${CC:=cc}" "${GSL_CFLAGS:=}" "${GSL_LIBS:=-lgsl -lgslcblas}"
: "${CSV_LIBS:=-lcsv}" "${EXEEXT:=}" "${BENCH_ONLY:=given cli kk import fit auto drt series convert}"
: "${CLI_REPEAT:=10}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
base=bench-baseline
have_base=0
if [ "$BASELINE" != none ]; then
  if top_srcdir="$top_srcdir" "$top_srcdir/bench/baseline.sh" "$BASELINE" "$base"; then
    have_base=1
    hash=$(git -C "$top_srcdir" rev-parse --short "$BASELINE^{commit}")
  else
    echo "bench: no baseline ($BASELINE could not be built): this build only" >&2
  fi
fi

# prog NAME: the current program and, with a baseline, the same source built against it.
baseline_prog () {
  out="$base/bench-$1"
  if [ ! -x "$out" ] || [ "$top_srcdir/bench/bench-$1.c" -nt "$out" ]; then
    deps=$(sed -n "s/^dependency_libs='\(.*\)'/\1/p" "$base/src/build/libeiscore.la")
    $CC -std=c11 -O2 -D_GNU_SOURCE $GSL_CFLAGS -I"$base/src/src/core" -o "$out" "$top_srcdir/bench/bench-$1.c" \
      "$base/src/build/.libs/libeiscore.a" $deps -lm -lpthread || return 1
  fi
}

# run LABEL CMD...: runs CMD, shows its output but the @ lines, which go to $tmp/LABEL.
run () {
  label=$1
  shift
  "$@" > "$tmp/out" || echo "bench: $* failed" >&2
  grep -v '^@' "$tmp/out" | sed "s/^/  [$label] /"
  grep '^@' "$tmp/out" | cut -f2- >> "$tmp/$label"
}

# cpu CMD...: user + system CPU seconds of CMD (its output to /dev/null).
cpu () {
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || {
    echo "bench: $* failed:" >&2
    head -5 "$tmp/err" >&2
  }
  awk '{ print $1 + $2 }' "$tmp/time"
}

: > "$tmp/now"
: > "$tmp/base"
for b in $BENCH_ONLY; do
  case $b in
    cli)
      # End to end: eisfit --circuit C --no-kk -j 1 on the 600 files of bench-given's sets.
      mkdir "$tmp/cli"
      ./bench-given$EXEEXT --write "$tmp/cli" || continue
      c='R0-p(R1,CPE1)-p(R2,CPE2)-CPE3'
      # CLI_REPEAT processes of 200 files each, this build's and the baseline's in turn
      for set in wellposed hard bulktop; do
        n=$(ls "$tmp/cli/$set"-*.csv | wc -l)
        n=$((n * CLI_REPEAT))
        t=$(cpu sh -c 'b=$1; shift; i=0; while [ $i -lt '"$CLI_REPEAT"' ]; do "$b" "$@" || exit 1; i=$((i + 1)); done' \
              sh ./eisfit$EXEEXT --circuit "$c" --no-kk -j 1 --format csv "$tmp/cli/$set"-*.csv)
        printf 'eisfit --circuit C --no-kk -j 1, %s set (import, guess, fit, statistics, output)\t%s\tspectra/s\n' \
          "$set" "$(echo "$n $t" | awk '{ printf "%.1f", $1 / $2 }')" >> "$tmp/now"
        if [ $have_base = 1 ]; then
          t=$(cpu sh -c 'b=$1; shift; i=0; while [ $i -lt '"$CLI_REPEAT"' ]; do "$b" "$@" || exit 1; i=$((i + 1)); done' \
                sh "$base/src/build/eisfit" --circuit "$c" --no-kk -j 1 --format csv "$tmp/cli/$set"-*.csv)
          printf 'eisfit --circuit C --no-kk -j 1, %s set (import, guess, fit, statistics, output)\t%s\tspectra/s\n' \
            "$set" "$(echo "$n $t" | awk '{ printf "%.1f", $1 / $2 }')" >> "$tmp/base"
        fi
      done
      ;;
    convert)
      echo "bench-convert:"
      run now env EISFIT=./eisfit$EXEEXT top_srcdir="$top_srcdir" sh "$top_srcdir/bench/bench-convert.sh"
      if [ $have_base = 1 ]; then
        run base env EISFIT="$base/src/build/eisfit" top_srcdir="$top_srcdir" \
          sh "$top_srcdir/bench/bench-convert.sh"
      fi
      ;;
    *)
      [ -x "./bench-$b$EXEEXT" ] || continue
      echo "bench-$b:"
      run now "./bench-$b$EXEEXT"
      if [ $have_base = 1 ]; then
        if baseline_prog "$b"; then
          run base "$base/bench-$b"
        else
          echo "bench: bench-$b does not build against $BASELINE" >&2
        fi
      fi
      ;;
  esac
done

echo
if [ $have_base = 1 ]; then
  echo "Rates per core (CPU time) of this build and of $BASELINE ($hash), same data, same run"
  echo "(ratio: this build over the baseline; for MB of memory lower is better):"
else
  echo "Rates per core (CPU time) of this build:"
fi
awk -F '\t' -v have_base=$have_base '
  FILENAME == ARGV[1] { base[$1] = $2; next }
  {
    if (have_base && ($1 in base) && base[$1] > 0 && $3 != "%")
      printf "| %s | %s %s | %s %s | %.2fx |\n", $1, $2, $3, base[$1], $3, $2 / base[$1]
    else if (have_base && ($1 in base))
      printf "| %s | %s %s | %s %s | |\n", $1, $2, $3, base[$1], $3
    else
      printf "| %s | %s %s | | |\n", $1, $2, $3
  }' "$tmp/base" "$tmp/now" > "$tmp/table"
echo "| figure | this build | baseline | ratio |"
echo "|---|---|---|---|"
cat "$tmp/table"
