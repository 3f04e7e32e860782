#!/bin/sh
# A lead resistance (leads, cell holder: 5 Ohm, independent of temperature) in a temperature
# series: eisfit arrhenius --global tests it (R0 shared by all spectra) and, when the BIC asks
# for it, leaves it out of R_bulk and sigma. tests/data/series-leads (gen.sh): bulk Ea 0.35 eV,
# sigma_bulk(25 degC) 6.3662e-5 S/cm, 0.5 mm x 10 mm. Without the test the 5 Ohm went into
# R_bulk: Ea 0.3474 +- 0.0002 eV (13 standard errors low), sigma 1.3 % low.
set -u
: "${EISFIT:?}" "${top_srcdir:?}"
d=$top_srcdir/tests/data/series-leads
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"; exit 77
fi
check () { # name actual expected tolerance(abs)
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a != "" && d <= t) }'
  then echo "ok: $1 = $2"
  else echo "FAIL: $1 = '$2', expected $3 +- $4"; fail=1
  fi
}
get () { # json key.path
  python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[k]
print(d if not isinstance(d, bool) else int(d))' "$1" "$2"
}
circ="L0-p(R1,CPE1)-p(R2,CPE2)-CPE3"
pel () { echo "$d/$1-m20C.csv $d/$1-0C.csv $d/$1-20C.csv $d/$1-40C.csv $d/$1-60C.csv $d/$1-80C.csv"; }

# with the leads: the circuit's R0 shared, accepted; Ea and sigma(25 degC) at the truth
"$EISFIT" arrhenius --global -c "R0-$circ" --thickness 0.5mm --diameter 10mm -f json $(pel leads) \
  > "$tmp/l.json" 2> "$tmp/l.err" || { echo "FAIL: exit $?: $(cat "$tmp/l.err")"; exit 1; }
check "leads accepted" "$(get "$tmp/l.json" leads.accepted)" 1 0
check "lead resistance R0 (Ohm, truth 5)" "$(get "$tmp/l.json" leads.R_ohm)" 5 1.5
check "Ea bulk (truth 0.35 eV)" "$(get "$tmp/l.json" global.Ea_eV)" 0.35 0.0012
check "sigma_bulk(25 degC) (truth 6.3662e-5)" "$(get "$tmp/l.json" global.sigma_at_25C)" 6.3662e-5 2.5e-7
# (0.3474 while 40 and 60 degC were left out for "jumps" of an R0 zero within its errors)
check "Ea without the leads (the bias the test removes)" "$(get "$tmp/l.json" leads.Ea_without_eV)" 0.3492 0.001
if grep -q "a lead resistance R0 = .* left out of R_bulk and sigma" "$tmp/l.err"
then echo "ok: the warning says R0 is the leads"
else echo "FAIL: no warning on the leads: $(cat "$tmp/l.err")"; fail=1; fi

# without leads, fitted without a series resistance: no leads taken from the law's curvature;
# the result is the fit without them
"$EISFIT" arrhenius --global -c "$circ" --thickness 0.5mm --diameter 10mm -f json $(pel noleads) \
  > "$tmp/n.json" 2> "$tmp/n.err" || { echo "FAIL: exit $?: $(cat "$tmp/n.err")"; exit 1; }
check "no leads: not tested (no series resistance in the circuit)" "$(get "$tmp/n.json" leads.tested)" 0 0
check "no leads: not accepted" "$(get "$tmp/n.json" leads.accepted)" 0 0
check "no leads: Ea bulk" "$(get "$tmp/n.json" global.Ea_eV)" 0.35 0.0012

# a circuit without a series resistance: no leads are invented from the law's curvature alone
"$EISFIT" arrhenius --global -c "$circ" --thickness 0.5mm --diameter 10mm -f json $(pel leads) \
  > "$tmp/c.json" 2> /dev/null
check "no series resistance in the circuit: not tested" "$(get "$tmp/c.json" leads.tested)" 0 0

# --shared R0 of a circuit with the series resistance: allowed, taken as the leads
"$EISFIT" arrhenius --global -c "R0-$circ" --shared R0 --thickness 0.5mm --diameter 10mm $(pel leads) \
  > "$tmp/s.txt" 2> "$tmp/s.err" || { echo "FAIL: --shared R0: exit $?: $(cat "$tmp/s.err")"; exit 1; }
ea=$(awk '/^  bulk .*form sigma/ { print $5 }' "$tmp/s.txt")
check "--shared R0: Ea bulk" "$ea" 0.35 0.0012
if grep -q "shared R0 .* Ohm (the leads: left out of R_bulk and sigma)" "$tmp/s.txt" \
   && grep -q "R0 = .*taken as the leads and cell holder" "$tmp/s.err"
then echo "ok: --shared R0 is said to be the leads"
else echo "FAIL: --shared R0 not said to be the leads: $(cat "$tmp/s.txt" "$tmp/s.err")"; fail=1; fi

# an arc's resistance still cannot be shared across temperatures
"$EISFIT" arrhenius --global -c "R0-$circ" --shared R1 --thickness 0.5mm --diameter 10mm $(pel leads) \
  > "$tmp/r.txt" 2> "$tmp/r.err"; st=$?
if [ $st -eq 1 ] && [ ! -s "$tmp/r.txt" ] && grep -q -- "--shared R1: a resistance shared" "$tmp/r.err"
then echo "ok: --shared R1 refused"
else echo "FAIL: --shared R1: exit $st: $(cat "$tmp/r.err")"; fail=1; fi
exit $fail
