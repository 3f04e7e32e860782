# SPDX-License-Identifier: GPL-3.0-or-later
# gui-lib.sh: the opening every GUI test shares, sourced after its own comment and `set -u`:
#   . "${top_srcdir:=.}/tests/gui/gui-lib.sh"
#   gui_setup NAME          # NAME: the temporary folder's name (eisfit-gui-NAME.XXXXXX)
# gui_setup skips the test (exit 77) without xvfb-run, makes $tmp (removed on exit), sets
# fail=0, and gives eisfit-gtk its own settings ($tmp/config), the cairo renderer and no
# accessibility bus. Also defined: gui, cli, gen (the programs), S (the samples), failed MSG
# (prints FAIL: MSG and sets fail=1), and run_gui ARGS (eisfit-gtk on a 1400x900 Xvfb screen).
: "${top_srcdir:=.}" "${top_builddir:=.}"
gui=$top_builddir/eisfit-gtk
cli=$top_builddir/eisfit
gen=$top_builddir/eisfit-gen
S=$top_srcdir/samples

failed () { echo "FAIL: $*"; fail=1; }

run_gui () {
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" "$@"
}

gui_setup () {
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "SKIP: xvfb-run not found (Debian package xvfb)"
    exit 77
  fi
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/eisfit-gui${1:+-$1}.XXXXXX") || exit 99
  trap 'rm -rf "$tmp"' EXIT
  fail=0
  GSK_RENDERER=cairo; export GSK_RENDERER
  XDG_CONFIG_HOME=$tmp/config; export XDG_CONFIG_HOME
  GTK_A11Y=none; export GTK_A11Y
  NO_AT_BRIDGE=1; export NO_AT_BRIDGE
}
