#!/bin/sh
# compare-outputs.sh REF NEW FILE...: runs `eisfit info`, `eisfit convert` (CSV and JSON) and
# `eisfit` (the automatic fit, text and CSV) with two eisfit binaries on each FILE and reports
# every difference in standard output, standard error, exit status and written files. NEW is
# run twice: as it is, and with EISFIT_STREAM_BYTES=1 (every file that can be is read through
# the window and handed out one spectrum at a time). Not part of make check (it needs a second
# build); used to check that a change of the importer changes no output. Exit 1 on a difference.
# COMPARE_CMDS (";"-separated) replaces the commands, e.g. for large files where the automatic
# fit takes long: COMPARE_CMDS='info;convert;-c R-p(R,C) -f csv -j 1'.
set -u
[ $# -ge 3 ] || { echo "usage: $0 REF NEW FILE..." >&2; exit 2; }
ref=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
new=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
bad=0 n=0
# run LABEL BIN ENV ARGS...: outputs in $tmp/LABEL/{out,err,rc,dir}
run () {
  d=$tmp/$1 bin=$2 envv=$3
  shift 3
  rm -rf "$d" && mkdir -p "$d/dir"
  (cd "$d/dir" && env $envv "$bin" "$@" > "$d/out" 2> "$d/err"; echo $? > "$d/rc")
  # the outputs name the folder they were written in: the same name for both
  sed -i "s|$d/dir|DIR|g" "$d/out" "$d/err"
}
cmp_runs () {
  what=$1
  for v in new stream; do
    if ! diff -r "$tmp/ref" "$tmp/$v" > "$tmp/diff" 2>&1; then
      echo "DIFFERENT ($v): $what"
      head -20 "$tmp/diff"
      bad=1
    fi
  done
}
for f in "$@"; do
  case $f in /*) ;; *) f=$PWD/$f ;; esac
  n=$((n + 1))
  cmds=${COMPARE_CMDS:-"info;convert;convert --format json;fit -j 1;fit -j 1 -f csv;convert -o - --format json"}
  oldifs=$IFS
  IFS=';'
  set -f
  for cmd in $cmds; do
    IFS=$oldifs
    set -- $cmd
    run ref "$ref" "" "$@" "$f"
    run new "$new" "" "$@" "$f"
    run stream "$new" "EISFIT_STREAM_BYTES=1" "$@" "$f"
    cmp_runs "eisfit $cmd $f"
    IFS=';'
  done
  IFS=$oldifs
  set +f
done
echo "compare-outputs: $n files, $([ $bad = 0 ] && echo "no difference" || echo "DIFFERENCES above")"
exit $bad
