#!/bin/sh
# eisfit --project reports the fits saved in the project as they are (parameters, errors,
# statistics (all checked against the data: the saved chi2 and standard errors that its values do
# not give are replaced by the data's, with a warning), and sigma, R_interface and the ASR worked
# out with each file's own geometry and
# cell type), not refits: the saved values below are not the optimum, so a refit would show
# other numbers. A spectrum without a saved fit is fitted and says so; a saved fit whose file
# changed is flagged and refitted; --refit fits every spectrum again and names the differences.
set -u
. "${top_srcdir:?}/tests/cli/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 not found (it reads the JSON)"; exit 77
fi
check () { check_rel "$@"; }
has () { # name file text
  if grep -qF -- "$3" "$2"; then echo "ok: $1"; else echo "FAIL: $1: no \"$3\" in:"; cat "$2"; fail=1; fi
}
# jget FILE ENTRY EXPR: a member of entry ENTRY (0-based) of eisfit's JSON list
jget () { python3 -c "import json,sys; e=json.load(open(sys.argv[1]))[int(sys.argv[2])]; v=eval(sys.argv[3]); print('null' if v is None else v)" "$@"; }
param () { jget "$1" "$2" "[p['$3'] for p in e['parameters'] if p['name'] == '$4'][0]"; }

cp "$s/pellet-25C.csv" "$s/li-before.csv" "$s/pellet-40C.csv" "$tmp/"
corr () { # an identity correlation matrix of $1 parameters
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < n; j++)
    printf "%s%s", (i || j) ? ";" : "", i == j ? 1 : 0; print "" }'; }
{ printf '[project]\nformat=eisfit-project 1\n\n'
  project_file 1 pellet-25C.csv thickness=0.6mm diameter=10mm cell=blocking
  project_file 2 li-before.csv area=0.785cm2 cell=li-symmetric
  project_file 3 pellet-40C.csv thickness=0.6mm diameter=10mm cell=blocking
  cat <<END
[spectrum 1]
file=1
number=1
circuit=
fit.circuit=p(R1,C1)-p(R2,CPE2)-CPE3
fit.why=picked by the test
fit.status=converged
fit.weighting=proportional
fit.points=79
fit.iterations=17
fit.starts=3
fit.dof=151
fit.chi2=0.0013579
fit.reduced-chi2=8.99271523e-06
fit.aic=-1830.5
fit.bic=-1809.25
fit.runs-z=-1.25
fit.R1=372.4681357 0.6123457
fit.C1=2.3456789e-11 1.23e-13
fit.R2=151.2345678 0.8123
fit.CPE2_Q=3.4567e-08 2.3e-09
fit.CPE2_n=0.8612345 0.0051234
fit.CPE3_Q=4.2e-06 3.3e-09
fit.CPE3_n=0.88123 0.000194
fit.correlation=$(corr 7)

[spectrum 2]
file=2
number=1
temperature-K=298.15
circuit=R0-p(R1,CPE1)-CPE2
fit.circuit=R0-p(R1,CPE1)-CPE2
fit.status=converged
fit.weighting=proportional
fit.points=71
fit.iterations=9
fit.starts=1
fit.dof=136
fit.chi2=0.00140321
fit.reduced-chi2=1.03177e-05
fit.aic=-1620.25
fit.bic=-1605.75
fit.runs-z=-0.5
fit.R0=61.2345678 0.0456789
fit.R1=351.2468013 0.4213579
fit.CPE1_Q=3.1e-06 2.3e-08
fit.CPE1_n=0.87 0.0008
fit.CPE2_Q=0.002 3.7e-06
fit.CPE2_n=0.70123 0.00125
fit.correlation=$(corr 6)

[spectrum 3]
file=3
number=1
circuit=p(R1,C1)-p(R2,CPE2)-CPE3
END
} > "$tmp/p.eisfit"

# the standard errors a fit at the saved values has (the covariance s^2 (J^T W J)^-1, s^2 =
# chi2/dof, J by central differences): the errors saved above are made up, and eisfit reports
# these in their place. sefit FILE WHICH NAME: spectrum 1 (pellet) or 2 (Li|Li), parameter NAME
sefit () {
  python3 - "$@" <<'PY'
import sys, math, csv
path, which, name = sys.argv[1], sys.argv[2], sys.argv[3]
if which == "1":
    names = ["R1", "C1", "R2", "CPE2_Q", "CPE2_n", "CPE3_Q", "CPE3_n"]
    p0 = [372.4681357, 2.3456789e-11, 151.2345678, 3.4567e-08, 0.8612345, 4.2e-06, 0.88123]
    def Z(p, jw): return 1/(1/p[0] + jw*p[1]) + 1/(1/p[2] + p[3]*jw**p[4]) + 1/(p[5]*jw**p[6])
else:
    names = ["R0", "R1", "CPE1_Q", "CPE1_n", "CPE2_Q", "CPE2_n"]
    p0 = [61.2345678, 351.2468013, 3.1e-06, 0.87, 0.002, 0.70123]
    def Z(p, jw): return p[0] + 1/(1/p[1] + p[2]*jw**p[3]) + 1/(p[4]*jw**p[5])
pts = []
for row in csv.reader(open(path)):
    try: pts.append(tuple(map(float, row[:3])))
    except ValueError: pass
def res(p):
    r = []
    for f, zr, zi in pts:
        z = Z(p, 2j*math.pi*f); m = abs(complex(zr, zi))
        r += [(z.real - zr)/m, (z.imag - zi)/m]
    return r
P = len(p0); r0 = res(p0); S = sum(x*x for x in r0); dof = len(r0) - P
J = []
for k in range(P):
    h = 1e-6*abs(p0[k]); a = list(p0); b = list(p0); a[k] += h; b[k] -= h
    J.append([(x - y)/(2*h) for x, y in zip(res(a), res(b))])
A = [[sum(J[i][n]*J[j][n] for n in range(len(r0))) for j in range(P)] + [1.0 if i == j else 0.0 for j in range(P)] for i in range(P)]
for c in range(P):
    piv = max(range(c, P), key=lambda i: abs(A[i][c])); A[c], A[piv] = A[piv], A[c]
    d = A[c][c]; A[c] = [x/d for x in A[c]]
    for i in range(P):
        if i != c:
            f = A[i][c]; A[i] = [x - f*y for x, y in zip(A[i], A[c])]
k = names.index(name)
print("%.10g" % math.sqrt(S/dof*A[k][P + k]))
PY
}
se1=$(sefit "$tmp/pellet-25C.csv" 1 R1) se2=$(sefit "$tmp/li-before.csv" 2 R1)
echo "covariance at the saved values: pellet R1 +- $se1, Li|Li R1 +- $se2"

line () { grep -n "^\[spectrum $1\]" "$tmp/p.eisfit" | cut -d: -f1; }
l1=$(line 1) l3=$(line 3)
"$EISFIT" --project "$tmp/p.eisfit" -f json -o "$tmp/out.json" 2> "$tmp/err" \
  || { echo "FAIL: --project exit $?"; cat "$tmp/err"; exit 1; }
j=$tmp/out.json
# the saved numbers, as saved (a refit gives R1 = 369.15 and 353.35)
check "pellet R1 as saved" "$(param "$j" 0 value R1)" 372.4681357 1e-12
# its error is not the made-up 0.6123457 but the covariance's at the saved values
check "pellet R1 stderr from the covariance at the saved values" "$(param "$j" 0 stderr R1)" "$se1" 1e-4
check "pellet CPE2_n as saved" "$(param "$j" 0 value CPE2_n)" 0.8612345 1e-12
# chi2 and BIC are the data's, from the saved values on the file's points (not the saved 0.0013579,
# which these values do not give): p(R1,C1)-p(R2,CPE2)-CPE3 evaluated here, proportional weights
chi2bic () { # R1: chi2 and BIC of spectrum 1's saved values with R1 on pellet-25C.csv
  python3 - "$tmp/pellet-25C.csv" "$1" <<'PY'
import sys, math, csv
R1, C1, R2, Q2, n2, Q3, n3 = float(sys.argv[2]), 2.3456789e-11, 151.2345678, 3.4567e-08, 0.8612345, 4.2e-06, 0.88123
S = 0.0; N = 0
for row in csv.reader(open(sys.argv[1])):
    try: fr, zr, zi = map(float, row[:3])
    except ValueError: continue
    jw = 2j * math.pi * fr
    z = 1 / (1 / R1 + jw * C1) + 1 / (1 / R2 + Q2 * jw ** n2) + 1 / (Q3 * jw ** n3)
    S += abs(complex(zr, zi) - z) ** 2 / abs(complex(zr, zi)) ** 2; N += 1
print("%.17g %.17g" % (S, 2 * N * math.log(S / (2 * N)) + 7 * math.log(2 * N)))
PY
}
set -- $(chi2bic 372.4681357)
check "pellet chi2 from the saved values on the data" "$(jget "$j" 0 "e['chi2']")" "$1" 1e-9
check "pellet BIC from the saved values on the data" "$(jget "$j" 0 "e['bic']")" "$2" 1e-9
has "pellet: the saved chi2 that the values do not give, said" "$tmp/err" \
  "p.eisfit:$l1: [spectrum 1]: the saved fit does not match the data: its values give chi2 0.003811 on the file's points, the project saved 0.001358"
check "pellet iterations as saved" "$(jget "$j" 0 "e['iterations']")" 17 0
check "pellet starts as saved" "$(jget "$j" 0 "e['starts']")" 3 0
has "pellet: the saved choice" "$j" '"circuit_choice": "picked by the test"'
check "Li|Li R1 as saved" "$(param "$j" 1 value R1)" 351.2468013 1e-12
check "Li|Li R0 as saved" "$(param "$j" 1 value R0)" 61.2345678 1e-12
# sigma from the saved R1 and the file's geometry: L/(R A), A = pi (1 cm)^2 / 4
sb=$(awk 'BEGIN { printf "%.17g", 0.06 / (372.4681357 * 3.14159265358979 / 4) }')
check "pellet sigma_bulk = L/(R1 A) from the saved R1" "$(jget "$j" 0 "e['conductivity']['bulk']")" "$sb" 1e-9
sbe=$(awk -v s="$sb" -v e="$se1" 'BEGIN { printf "%.17g", s * e / 372.4681357 }')
check "pellet sigma_bulk stderr" "$(jget "$j" 0 "e['conductivity']['bulk_stderr']")" "$sbe" 1e-4
st=$(awk 'BEGIN { printf "%.17g", 0.06 / ((372.4681357 + 151.2345678) * 3.14159265358979 / 4) }')
check "pellet sigma_total from the saved R1 + R2" "$(jget "$j" 0 "e['conductivity']['total']")" "$st" 1e-9
# Li|Li: the area alone gives the ASR per interface: R_interface A / 2
check "Li|Li R_interface_total = saved R1" "$(jget "$j" 1 "e['R_interface_total']")" 351.2468013 1e-9
check "Li|Li ASR = R1 A / 2 (area only)" "$(jget "$j" 1 "e['ASR_per_interface_ohm_cm2']")" \
  "$(awk 'BEGIN { printf "%.17g", 351.2468013 * 0.785 / 2 }')" 1e-9
check "Li|Li ASR stderr" "$(jget "$j" 1 "e['ASR_per_interface_stderr_ohm_cm2']")" \
  "$(awk -v e="$se2" 'BEGIN { printf "%.17g", e * 0.785 / 2 }')" 1e-4
has "Li|Li: the errors replaced, said" "$tmp/err" \
  "[spectrum 2]: the saved fit does not match the data: its values give chi2 0.006706 on the file's points, the project saved 0.001403 (edited, or made on other data); the statistics and standard errors shown are the data's"
check "Li|Li: no sigma without a thickness" "$(jget "$j" 1 "1 if e['conductivity'].get('bulk') is None else 0")" 1 0
check "Li|Li temperature from the project" "$(jget "$j" 1 "e['temperature_K']")" 298.15 1e-12
# where each fit came from
check "pellet: fit_source saved" "$(jget "$j" 0 "int(e['fit_source'] == 'saved')")" 1 0
check "Li|Li: fit_source saved" "$(jget "$j" 1 "int(e['fit_source'] == 'saved')")" 1 0
check "40C: fit_source refitted" "$(jget "$j" 2 "int(e['fit_source'] == 'refitted')")" 1 0
has "40C: why, in the JSON" "$j" '"fit_source_why": "the project saved no fit for this spectrum"'
has "40C: refitted, said on stderr" "$tmp/err" "p.eisfit:$l3: [spectrum 3]: refitted: the project saved no fit for this spectrum"
check "40C refitted: a real fit (R1 of the 40 degC pellet, about 215 Ohm)" "$(param "$j" 2 value R1)" 215 0.1
if grep -q "refitted" "$tmp/err" && [ "$(grep -c refitted "$tmp/err")" -ne 1 ]; then
  echo "FAIL: saved fits said to be refitted:"; cat "$tmp/err"; fail=1; fi

# a saved fit that misses the data (R1 = 5000 Ohm where the data give about 370): the same
# refusal as a fit's (no sigma, no roles), its chi2 and runs test the data's, and the mismatch said
sed 's/^fit.R1=372.4681357 /fit.R1=5000 /' "$tmp/p.eisfit" > "$tmp/wrong.eisfit"
"$EISFIT" --project "$tmp/wrong.eisfit" -f json -o "$tmp/wrong.json" 2> "$tmp/err"
set -- $(chi2bic 5000)
check "wrong: chi2 from the saved values on the data" "$(jget "$tmp/wrong.json" 0 "e['chi2']")" "$1" 1e-9
check "wrong: R1 still the saved value" "$(param "$tmp/wrong.json" 0 value R1)" 5000 1e-12
check "wrong: no sigma_bulk" "$(jget "$tmp/wrong.json" 0 "1 if e['conductivity'].get('bulk') is None else 0")" 1 0
check "wrong: runs test the data's (a pattern, not the saved -1.25)" \
  "$(jget "$tmp/wrong.json" 0 "int(e['residual_runs_z'] < -3)")" 1 0
check "wrong: not trusted" "$(jget "$tmp/wrong.json" 0 "int(e['trusted'] is False)")" 1 0
has "wrong: the mismatch said, with --refit" "$tmp/err" "the saved fit does not match the data: its values give chi2 3458"
has "wrong: --refit suggested (and Fit in eisfit-gtk, the same text)" "$tmp/err" "(refit with --refit, or Fit in eisfit-gtk)"
has "wrong: the misfit refusal of a fit" "$tmp/err" "does not describe the data (its residuals lie far beyond the noise): no conductivity is given"

# text and CSV say the same
"$EISFIT" --project "$tmp/p.eisfit" -q > "$tmp/out.txt"
has "text: saved" "$tmp/out.txt" "p.eisfit:$l1: [spectrum 1]: the fit saved in the project, not refitted"
has "text: refitted" "$tmp/out.txt" "p.eisfit:$l3: [spectrum 3]: refitted: the project saved no fit for this spectrum"
has "text: pellet R1 as saved" "$tmp/out.txt" "R1           3.72468e+02  $(awk -v e="$se1" 'BEGIN { printf "%.3e", e }')"
has "text: the Li|Li ASR from the area alone" "$tmp/out.txt" \
  "ASR          1.3786e+02 +- $(awk -v e="$se2" 'BEGIN { printf "%.2e", e * 0.785 / 2 }') Ohm cm2   (per interface: R_interface A / 2)"
"$EISFIT" --project "$tmp/p.eisfit" -q -f csv > "$tmp/out.csv"
has "CSV: fit_source column" "$tmp/out.csv" ",fit_source,fit_source_why"
has "CSV: saved row" "$tmp/out.csv" "372.4681357,$(awk -v e="$se1" 'BEGIN { printf "%.4f", e }')"
has "CSV: refitted row" "$tmp/out.csv" ",refitted,the project saved no fit for this spectrum"

# --refit: every spectrum fitted again, and the difference from the saved fit named
"$EISFIT" --project "$tmp/p.eisfit" --refit -f json -o "$tmp/refit.json" 2> "$tmp/err"
check "--refit: pellet R1 refitted (369.15, not the saved 372.47)" "$(param "$tmp/refit.json" 0 value R1)" 369.153 1e-4
has "--refit: the difference named" "$tmp/err" "the refit differs from the fit saved in the project (R1 372.468 then, 369.153 now"
has "--refit: said per spectrum" "$tmp/err" "[spectrum 1]: refitted: asked for (--refit)"
"$EISFIT" --refit "$tmp/pellet-25C.csv" > /dev/null 2>&1
check "--refit without --project: usage" $? 1 0

# a file that changed since the fit was saved: flagged, and refitted (the saved fit was of other data)
printf '# one more line\n' >> "$tmp/li-before.csv"
"$EISFIT" --project "$tmp/p.eisfit" -f json -o "$tmp/changed.json" 2> "$tmp/err"
has "changed: flagged" "$tmp/err" "li-before.csv changed since the project was saved"
has "changed: refitted, said per spectrum" "$tmp/err" "[spectrum 2]: refitted: its file changed since the fit was saved"
check "changed: fit_source refitted" "$(jget "$tmp/changed.json" 1 "int(e['fit_source'] == 'refitted')")" 1 0
check "changed: the refit's R1 (353.35), not the saved" "$(param "$tmp/changed.json" 1 value R1)" 353.354 1e-4
check "changed: the pellet still as saved" "$(param "$tmp/changed.json" 0 value R1)" 372.4681357 1e-12
exit $fail
