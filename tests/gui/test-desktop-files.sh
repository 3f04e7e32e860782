#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The files that install eisfit-gtk as a desktop application: the .desktop entry passes
# desktop-file-validate, the AppStream metainfo passes appstreamcli validate (no network), both
# name the application ID of the icon and of the program, and the licence they state is the one
# in COPYING and in the sources' SPDX lines. Skips (77) when a validator is missing.
set -u

: "${top_srcdir:=.}"
ui=$top_srcdir/ui
id=io.github.eisfit.Eisfit
fail=0
failed () { echo "FAIL: $*"; fail=1; }

for tool in desktop-file-validate appstreamcli; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found (Debian packages desktop-file-utils and appstream)"
    exit 77
  fi
done

desktop=$ui/$id.desktop
metainfo=$ui/$id.metainfo.xml
icon=$ui/$id.svg
for f in "$desktop" "$metainfo" "$icon" "$top_srcdir/COPYING"; do
  [ -r "$f" ] || failed "$f is missing"
done
[ $fail -eq 0 ] || exit 1

out=$(desktop-file-validate "$desktop" 2>&1) || failed "desktop-file-validate: $out"
[ -z "$out" ] || failed "desktop-file-validate says: $out"
out=$(appstreamcli validate --no-net "$metainfo" 2>&1) || failed "appstreamcli validate: $out"

grep -q "^Icon=$id\$" "$desktop" || failed "the .desktop entry's Icon is not $id"
grep -q "^Exec=eisfit-gtk" "$desktop" || failed "the .desktop entry does not start eisfit-gtk"
grep -q "<id>$id</id>" "$metainfo" || failed "the metainfo's id is not $id"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" \
  || failed "the metainfo does not launch $id.desktop"
grep -q "<project_license>GPL-3.0-or-later</project_license>" "$metainfo" \
  || failed "the metainfo's project licence is not GPL-3.0-or-later"
grep -q "GNU GENERAL PUBLIC LICENSE" "$top_srcdir/COPYING" \
  && grep -q "Version 3, 29 June 2007" "$top_srcdir/COPYING" \
  || failed "COPYING is not the GPL version 3"
grep -q "\"application-id\", \"$id\"" "$top_srcdir/src/gui/eisfit-application.c" \
  || failed "the program does not use the application ID $id"
# every C source says its licence (SPDX), as the metainfo and the About dialog do
for f in "$top_srcdir"/src/*/*.c "$top_srcdir"/src/*/*.h; do
  head -n 3 "$f" | grep -q "SPDX-License-Identifier: GPL-3.0-or-later" \
    || failed "$f has no SPDX-License-Identifier line"
done
[ $fail -eq 0 ] && echo "PASS: desktop entry, metainfo, icon and licence agree"
exit $fail
