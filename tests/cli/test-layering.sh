#!/bin/sh
# The arrows point one way (STYLE.md): the engine (src/core) includes no GTK, GLib, cairo or
# PLplot header, the figures (src/plot) no GTK or GLib header, and the engine never prints or
# exits; core -> plot -> cli / gui, never gui -> cli: src/gui, src/core and src/plot include
# no header of src/cli and eisfit-gtk compiles no source of it. Fails naming the offending
# lines.
set -u
: "${top_srcdir:?}"
fail=0
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk/|glib|gio/|gdk/|cairo|plplot|plConfig)' \
        "$top_srcdir"/src/core/*.c "$top_srcdir"/src/core/*.h)
[ -z "$bad" ] || { echo "FAIL: src/core includes a GUI or drawing header:"; echo "$bad"; fail=1; }
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk/|glib|gio/|gdk/)' \
        "$top_srcdir"/src/plot/*.c "$top_srcdir"/src/plot/*.h)
[ -z "$bad" ] || { echo "FAIL: src/plot includes a GTK/GLib header:"; echo "$bad"; fail=1; }
# No printing or exiting in the engine: its errors go into EisError.
bad=$(grep -HnE '\b(printf|fprintf|puts|fputs|perror|exit|abort)[[:space:]]*\(' \
        "$top_srcdir"/src/core/*.c | grep -vE '^\S+:[0-9]+:\s*(/\*|\*)' | grep -v 'snprintf\|vsnprintf')
[ -z "$bad" ] || { echo "FAIL: src/core prints or exits:"; echo "$bad"; fail=1; }
# The command line's headers, by name or as cli/NAME.h (-I src lets both be found).
cli_h=$(cd "$top_srcdir/src/cli" && ls *.h | sed 's/[.]/[.]/g' | paste -sd'|' -)
[ -n "$cli_h" ] || { echo "FAIL: no header in $top_srcdir/src/cli"; fail=1; }
bad=$(grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]((\.\./)*cli/[^\">]*|$cli_h)[\">]" \
        "$top_srcdir"/src/gui/*.c "$top_srcdir"/src/gui/*.h "$top_srcdir"/src/core/*.c \
        "$top_srcdir"/src/core/*.h "$top_srcdir"/src/plot/*.c "$top_srcdir"/src/plot/*.h)
[ -z "$bad" ] || { echo "FAIL: includes a header of the command line (src/cli):"; echo "$bad"; fail=1; }
bad=$(grep -nE 'src/cli/' "$top_srcdir"/src/gui/gui.mk)
[ -z "$bad" ] || { echo "FAIL: eisfit-gtk compiles the command line's code (src/gui/gui.mk):"; echo "$bad"; fail=1; }
[ $fail -eq 0 ] && echo "ok: src/core and src/plot keep to their layer, src/gui uses no src/cli"
exit $fail
