#!/bin/sh
# Runs every example of man/eisfit.1 (lines "$ eisfit ..." inside .EX/.EE in EXAMPLES) and checks
# that it succeeds and that its output contains each line shown after it, so the manual cannot
# drift from the program.
set -u
man="$top_srcdir/man/eisfit.1"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
ln -s "$top_srcdir/samples" "$tmp/samples"
# Un-escape groff: \- -> -, \(de -> degree sign.
sed -n '/^\.SH EXAMPLES/,/^\.SH SEE ALSO/p' "$man" | sed -e 's/\\-/-/g' -e 's/\\(de/°/g' \
  | awk '/^\.EX/{inex=1; next} /^\.EE/{inex=0; next} inex' > "$tmp/examples"
n=0; fail=0; cmd=""
run_cmd () {
  [ -n "$cmd" ] || return 0
  n=$((n + 1))
  # shellcheck disable=SC2086
  (cd "$tmp" && eval "\"\$EISFIT\" ${cmd#eisfit }") > "$tmp/out.$n" 2> "$tmp/err.$n"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL: example $n exited $rc: $cmd"; cat "$tmp/err.$n"; fail=1
  fi
  if [ ! -s "$tmp/out.$n" ]; then
    echo "FAIL: example $n printed nothing: $cmd"; fail=1
  fi
  while IFS= read -r want; do
    w=$(printf '%s' "$want" | sed -e 's/^ *//' -e 's/ *$//')
    [ -n "$w" ] || continue
    if ! grep -qF -- "$w" "$tmp/out.$n"; then
      echo "FAIL: example $n output lacks: $w"; echo "--- output:"; cat "$tmp/out.$n"; fail=1
    fi
  done < "$tmp/want.$n"
}
: > "$tmp/want.1"
while IFS= read -r line; do
  case "$line" in
    '$ '*) run_cmd; cmd=${line#\$ }; : > "$tmp/want.$((n + 1))" ;;
    *) printf '%s\n' "$line" >> "$tmp/want.$((n + 1))" ;;
  esac
done < "$tmp/examples"
run_cmd
[ $n -ge 3 ] || { echo "FAIL: only $n examples found in $man"; exit 1; }
echo "ran $n examples"
exit $fail
