#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# eisfit-gtk without a display: --print-results (and any window) exits 1 with a message that
# names what to use instead (eisfit --project, xvfb-run), not GTK's bare "cannot open display";
# --help and --version still work.
set -u
: "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk
fail=0
failed () { echo "FAIL: $*"; fail=1; }
cfg=$(mktemp -d) || exit 99
trap 'rm -rf "$cfg"' EXIT

out=$(env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME=$cfg "$gui" --fit-all --print-results \
      "${top_srcdir:-.}/samples/pellet-25C.csv" 2>&1 </dev/null)
rc=$?
[ $rc -eq 1 ] || failed "exit $rc without a display (expected 1)"
case $out in
  *"cannot open a display"*"eisfit --project"*xvfb-run*) ;;
  *) failed "message: $out" ;;
esac
out=$(env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME=$cfg "$gui" --help 2>&1 </dev/null) \
  || failed "--help without a display: $out"
case $out in *--print-results*) ;; *) failed "--help: $out" ;; esac
env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME=$cfg "$gui" --version >/dev/null 2>&1 </dev/null \
  || failed "--version without a display"
[ $fail -eq 0 ] && echo "PASS: no display: clear message, exit 1; --help and --version work"
exit $fail
