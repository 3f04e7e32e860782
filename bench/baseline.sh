#!/bin/sh
# baseline.sh REV DIR: builds the eisfit of git revision REV (its core library and its eisfit
# program, without the GUI) in DIR, from `git archive REV` of the source tree, so that
# `make bench` can run the previous version on the same data in the same run. Does nothing
# when DIR already holds a build of REV. Needs a git checkout (not a release tarball).
set -eu
rev=$1
dir=$2
: "${top_srcdir:?top_srcdir must be set}"
hash=$(git -C "$top_srcdir" rev-parse --verify "$rev^{commit}" 2>/dev/null) || {
  echo "baseline.sh: $rev is not a commit of $top_srcdir (a git checkout is needed)" >&2
  exit 1
}
if [ -f "$dir/built-$hash" ]; then
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/src"
git -C "$top_srcdir" archive "$hash" | tar -x -C "$dir/src"
echo "bench: building the baseline eisfit ($rev = $hash) in $dir ..." >&2
(
  cd "$dir/src"
  autoreconf -fi >/dev/null 2>&1
  mkdir build
  cd build
  ../configure -q --without-gui CFLAGS="${BASELINE_CFLAGS:--g -O2}" >/dev/null
  make -j2 libeiscore.la eisfit >/dev/null 2>&1
)
touch "$dir/built-$hash"
