# Sourced by the CLI test scripts after `set -u`, as
#   . "${top_srcdir:?}/tests/cli/lib.sh"
# make check's environment names the binary (EISFIT) and the trees (top_srcdir, top_builddir):
# each is required. Sets s and S (the samples), d (tests/data) and gen (eisfit-gen), makes the
# folder $tmp (removed on exit) and fail=0, and defines the checks, each of which prints
# "ok: ..." or "FAIL: ..." and sets fail=1 on a failure; the script ends with `exit $fail`.
: "${EISFIT:?EISFIT must name the eisfit binary}" "${top_srcdir:?}" "${top_builddir:?}"
s=$top_srcdir/samples
S=$s
d=$top_srcdir/tests/data
gen=$top_builddir/eisfit-gen
# (a GUI test that sources this after gui_setup keeps its own $tmp: gui_tmp names it)
if [ -n "${gui_tmp:-}" ]; then
  tmp=$gui_tmp
else
  tmp=$(mktemp -d) || exit 99
  trap 'rm -rf "$tmp"' EXIT
fi
fail=0

ok () { echo "ok: $1"; }
bad () { echo "FAIL: $1"; fail=1; }

check () { # description status (0 = passed; anything else, or no number, fails)
  if [ "$2" -eq 0 ] 2> /dev/null; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}

check_abs () { # name actual expected tolerance(abs)
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
  then echo "ok: $1 = $2"
  else echo "FAIL: $1 = '$2', expected $3 +- $4"; fail=1
  fi
}

check_rel () { # name actual expected relative-tolerance (an actual "", null or None fails)
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = a - e; if (d < 0) d = -d; if (e < 0) e = -e
       exit !(a != "" && a != "null" && a != "None" && d <= t * e) }'
  then echo "ok: $1 = $2"
  else echo "FAIL: $1 = '$2', expected $3 (relative $4)"; fail=1
  fi
}

near () { # value expected relative-tolerance: status 0 when VALUE is within, else 1
  awk -v v="$1" -v e="$2" -v t="$3" 'BEGIN { d = (v - e) / e; if (d < 0) d = -d; exit !(v != "" && d <= t) }'
}

# For the [file N] sections of the project files the tests write: FILE's size in bytes and
# its SHA-256.
size () { wc -c < "$1" | tr -d ' '; }
sha () { sha256sum "$1" | cut -d' ' -f1; }

# project_file N PATH [KEY=VALUE...]: a project file's section [file N] for $tmp/PATH (path=PATH,
# its size and SHA-256), then each KEY=VALUE on its own line and a blank line.
project_file () {
  _n=$1 _p=$2; shift 2
  printf '[file %s]\npath=%s\nsize=%s\nsha256=%s\n' "$_n" "$_p" "$(size "$tmp/$_p")" "$(sha "$tmp/$_p")"
  for _kv in "$@"; do printf '%s\n' "$_kv"; done
  echo
}

# leads_project: the project of test-project-leads.sh and tests/gui/test-gui-project-leads.sh:
# $tmp/q.csv, a quasi-solid electrolyte with no bulk arc in range (R0-CPE1: 105 Ohm, 1e-6
# F s^(n-1), n 0.9; 1 Hz to 1 MHz, 0.2 % noise), and $tmp/p.eisfit with it as [file 1]
# (thickness 0.05 cm, area 1 cm2, cell=blocking, leads=5ohm+-0.1ohm on line 11) and its
# [spectrum 1] with circuit=R0-CPE1.
leads_project () {
  "$gen" spectrum "R0-CPE1" "105,1e-6,0.9" 1 1e6 10 0.002 4 > "$tmp/q.csv"
  {
    printf '[project]\nformat=eisfit-project 1\n\n'
    project_file 1 q.csv thickness=0.05cm area=1cm2 cell=blocking leads=5ohm+-0.1ohm
    printf '[spectrum 1]\nfile=1\nnumber=1\ncircuit=R0-CPE1\n'
  } > "$tmp/p.eisfit"
}
