#!/bin/sh
# eisfit-gtk projects (issue 13, item 2), under Xvfb:
#  1. A session (two pellets with their geometry, a Li|Li pair with its own geometry, a circuit
#     with a typed start and a fixed exponent, a DC polarization) saved as a project and opened
#     again shows the same fits, numbers and inputs, without refitting; the title carries '*'
#     while something is not saved and names the project.
#  2. eisfit --project reports the saved fits with the window's numbers (parameters, errors,
#     statistics, sigma from each file's geometry; relative 1e-9), not refits.
#  3. A changed input file is said and its old fits are not shown; a missing one is said; a
#     damaged project is refused with its line.
#  4. Closing with a fit made since the project was saved asks; after saving it does not.
#  5. With xdotool: Ctrl+F marks the title, Ctrl+S saves the project (the file changes, the mark
#     goes), Ctrl+Q then closes without asking.
# Skips (77) without xvfb-run.
set -u

. "${top_srcdir:=.}/tests/gui/gui-lib.sh"
s=$top_srcdir/samples


gui_setup project
ok () { echo "ok: $*"; }


mkdir "$tmp/data"
for f in pellet-25C.csv pellet-60C.csv li-before.csv li-after.csv li-polarization.csv; do
  cp "$s/$f" "$tmp/data/" || exit 99
done
d=$tmp/data

run_script () { # NAME: runs $tmp/NAME.script, output in $tmp/NAME.out
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --test-script "$tmp/$1.script" >"$tmp/$1.out" 2>"$tmp/$1.err"
  rc=$?
  [ "$rc" -eq 0 ] || failed "$1: eisfit-gtk --test-script exited with $rc: $(grep -v 'session bus' "$tmp/$1.err")"
}
# the JSON of "print json" in a script's output
json_of () { sed -n '/^{/,/^}/p' "$1"; }
# "name value" of every fitted parameter in a JSON text, in order
params_of () {
  tr -d '\n' < "$1" | awk '{ n = split($0, parts, /\{"name": "/)
    for (i = 2; i <= n; i++) { p = parts[i]; name = substr(p, 1, index(p, "\"") - 1)
      v = p; sub(/.*"value": /, "", v); sub(/[,}].*/, "", v); print name, v } }'
}

# --- 1. save, then open again ---
cat >"$tmp/save.script" <<EOS
open $d/pellet-25C.csv $d/pellet-60C.csv
select 0 1
geometry 0.6mm 10mm ""
fit
open $d/li-before.csv $d/li-after.csv $d/li-polarization.csv
select 2 3
geometry 0.2mm "" 1.13cm2
select 2
circuit R0-p(R1,CPE1)-CPE2
param R1 value 300
param CPE2_n fix on
param CPE2_n value 0.7
fit
select 3
fit
choose 3 4
compute
print title
save-project $tmp/session.eisfit
print title
print json
select 2
print inputs
quit-asking
EOS
run_script save
json_of "$tmp/save.out" >"$tmp/save.json"
grep -q '^\*li-after.csv — eisfit$' "$tmp/save.out" \
  && ok "title marked '*' before saving" || failed "title before saving: $(grep 'eisfit$' "$tmp/save.out" | head -1)"
grep -q '^session.eisfit: li-after.csv — eisfit$' "$tmp/save.out" \
  && ok "title names the project, no mark, after saving" || failed "title after saving: $(grep 'eisfit$' "$tmp/save.out" | tail -1)"
grep -q '^asked: nothing$' "$tmp/save.out" \
  && ok "nothing asked on closing a saved project" || failed "closing a saved project: $(grep '^asked' "$tmp/save.out")"
[ -s "$tmp/session.eisfit" ] && grep -q '^format=eisfit-project 1$' "$tmp/session.eisfit" \
  || failed "no project file written"
grep -q '^path=data/li-before.csv$' "$tmp/session.eisfit" \
  && ok "paths relative to the project's folder" || failed "paths: $(grep '^path=' "$tmp/session.eisfit")"
[ "$(grep -c '"status": "converged"' "$tmp/save.json")" -eq 4 ] || failed "4 fits expected before saving"

cat >"$tmp/open.script" <<EOS
open-project $tmp/session.eisfit
print title
print json
select 2
print inputs
print geometry
select 0
print geometry
fit
print title
quit-asking
EOS
run_script open
json_of "$tmp/open.out" >"$tmp/open.json"
if cmp -s "$tmp/save.json" "$tmp/open.json" && [ -s "$tmp/open.json" ]; then
  ok "reopened: the same fits, conductivities and t+ as before saving (--print-results JSON identical)"
else
  failed "reopened project shows other results:"; diff "$tmp/save.json" "$tmp/open.json" | head -20
fi
grep -q '^session.eisfit: li-after.csv — eisfit$' "$tmp/open.out" \
  && ok "reopened: title without mark" || failed "reopened title: $(grep 'eisfit$' "$tmp/open.out" | head -1)"
grep -q '^CPE2_n value=0.7 fix=on' "$tmp/open.out" && grep -q '^R1 value=353' "$tmp/open.out" \
  && ok "reopened: the Fix tick and the fitted values in the table" \
  || failed "reopened inputs: $(grep '^\(R1\|CPE2_n\) ' "$tmp/open.out")"
grep -q '^L = 0.02 cm,  A = 1.13 cm²' "$tmp/open.out" && grep -q '^L = 0.06 cm,  A = 0.7854 cm²' "$tmp/open.out" \
  && ok "reopened: each file's own geometry" || failed "reopened geometry: $(grep -i 'geometry\|mm' "$tmp/open.out" | head -4)"
grep -q '^asked: 1 fit since the project was last saved will be lost.$' "$tmp/open.out" \
  && ok "a fit since saving: asked before closing" || failed "closing with a new fit: $(grep '^asked' "$tmp/open.out")"
grep -q '^\*session.eisfit: pellet-25C.csv — eisfit$' "$tmp/open.out" \
  && ok "a fit marks the title" || failed "title after a fit: $(grep 'eisfit$' "$tmp/open.out" | tail -1)"

# --print-results of a project: the saved results, as the window shows them
xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --print-results "$tmp/session.eisfit" \
  >"$tmp/batch.out" 2>"$tmp/batch.err" || failed "--print-results session.eisfit exited with $?"
json_of "$tmp/batch.out" >"$tmp/batch.json"
cmp -s "$tmp/save.json" "$tmp/batch.json" && ok "--print-results FILE.eisfit prints the saved results" \
  || { failed "--print-results of the project differs:"; diff "$tmp/save.json" "$tmp/batch.json" | head -5; }

# --- 2. eisfit --project: the same numbers ---
"$cli" --project "$tmp/session.eisfit" -f json >"$tmp/cli.json" 2>"$tmp/cli.err" \
  || failed "eisfit --project exited with $?: $(cat "$tmp/cli.err")"
params_of "$tmp/save.json" >"$tmp/gui.par"
params_of "$tmp/cli.json" >"$tmp/cli.par"
if awk 'function abs(x) { return x < 0 ? -x : x }
        NR == FNR { n1++; name[n1] = $1; v[n1] = $2; next }
        { n2++; if ($1 != name[n2]) bad = 1
          m = abs($2) > abs(v[n2]) ? abs($2) : abs(v[n2])
          if (abs($2 - v[n2]) > 1e-9 * m) { print $1 ": GUI " v[n2] ", eisfit " $2; bad = 1 } }
        END { if (n1 != n2 || n1 < 20) { print n1 " GUI parameters, " n2 " eisfit"; bad = 1 }; exit bad }' \
     "$tmp/gui.par" "$tmp/cli.par"; then
  ok "eisfit --project gives the GUI's $(wc -l < "$tmp/gui.par") parameters (relative 1e-9)"
else
  failed "eisfit --project differs from the GUI"
fi
grep -q 'differs' "$tmp/cli.err" && failed "eisfit --project says a refit differs: $(cat "$tmp/cli.err")"
[ "$(grep -c '"fit_source": "saved"' "$tmp/cli.json")" -eq 4 ] \
  && ok "eisfit --project reports the 4 saved fits, not refits" \
  || failed "eisfit --project: $(grep -c '"fit_source": "saved"' "$tmp/cli.json") of 4 fits reported as saved"
# standard errors, statistics and sigma from each file's geometry: the window's, to 1e-9
if command -v python3 >/dev/null 2>&1; then
  if python3 - "$tmp/cli.json" "$tmp/save.json" <<'EOP'
import json, sys
cli = json.load(open(sys.argv[1])); gui = json.load(open(sys.argv[2]))['spectra']
def rel(a, b):
    if a is None or b is None:
        return 0 if a is None and b is None else 1
    m = max(abs(a), abs(b))
    return 0 if m == 0 else abs(a - b) / m
bad = n = 0
for c, g in zip(cli, gui):
    cd, gd = c['conductivity'], g['conductivity']
    pairs = [(p['name'] + ' stderr', p['stderr'], q['stderr']) for p, q in zip(c['parameters'], g['parameters'])]
    pairs += [('reduced_chi2', c['reduced_chi2'], g['reduced_chi2']), ('bic', c['bic'], g['bic']),
              ('dof', c['dof'], g['dof']), ('R_bulk', c['R_bulk'], gd['R_bulk_Ohm']),
              ('sigma_bulk', cd.get('bulk'), gd.get('sigma_bulk_S_cm')),
              ('sigma_bulk stderr', cd.get('bulk_stderr'), gd.get('sigma_bulk_stderr_S_cm')),
              ('sigma_total', cd.get('total'), gd.get('sigma_total_S_cm')),
              ('R_interface', c['R_interface_total'], gd['R_interface_total'])]
    for name, a, b in pairs:
        n += 1
        if rel(a, b) > 1e-9:
            print(c['file'], name, 'eisfit', a, 'window', b); bad = 1
print(n, 'numbers compared')
sys.exit(bad or len(cli) != len(gui))
EOP
  then ok "eisfit --project: standard errors, statistics and sigma as the window shows them (1e-9)"
  else failed "eisfit --project: numbers differ from the window's"; fi
fi

# --- 3. changed, missing, damaged ---
sed 's/^\(1000000,[0-9]*\)\.\([0-9]\)/\1.9/' "$s/li-after.csv" >"$d/li-after.csv"
cmp -s "$s/li-after.csv" "$d/li-after.csv" && printf '# changed\n' >>"$d/li-after.csv"
rm "$d/pellet-60C.csv"
sed 's/^number=1$/number=one/' "$tmp/session.eisfit" >"$tmp/bad.eisfit"
cat >"$tmp/changed.script" <<EOS
open-project $tmp/session.eisfit
print banner
print json
save-project $tmp/resaved.eisfit
quit
EOS
run_script changed
grep -q 'li-after.csv changed since the project was saved' "$tmp/changed.out" \
  && ok "a changed file is said" || failed "changed file not said: $(head -5 "$tmp/changed.out")"
grep -q 'pellet-60C.csv is missing' "$tmp/changed.out" \
  && ok "a missing file is said" || failed "missing file not said: $(head -5 "$tmp/changed.out")"
json_of "$tmp/changed.out" >"$tmp/changed.json"
grep -q '"file": "[^"]*li-after.csv", "spectrum": 1, "temperature_K": [^,]*, "circuit": null, "status": "not fitted"' "$tmp/changed.json" \
  && ok "the changed file's old fit is not shown" || failed "changed file: $(grep li-after "$tmp/changed.json")"
[ "$(grep -c '"status": "converged"' "$tmp/changed.json")" -eq 2 ] \
  && ok "the unchanged files' fits are shown" || failed "fits shown with a changed and a missing file: $(grep -c converged "$tmp/changed.json")"
grep -q '^path=data/pellet-60C.csv$' "$tmp/resaved.eisfit" \
  && [ "$(grep -c '^fit.circuit=' "$tmp/resaved.eisfit")" -eq 3 ] \
  && ok "saved again, the missing file's part (settings and fit) stays in the project" \
  || failed "the missing file's part was dropped on saving: $(grep '^path=\|^fit.circuit' "$tmp/resaved.eisfit")"
cat >"$tmp/bad.script" <<EOS
open-project $tmp/bad.eisfit
print title
quit
EOS
run_script bad
grep -q "^open-project: $tmp/bad.eisfit:[0-9]*: number=one: expected a whole number" "$tmp/bad.out" \
  && ok "a damaged project is refused with its line" || failed "damaged project: $(head -3 "$tmp/bad.out")"
cp "$s/pellet-60C.csv" "$s/li-after.csv" "$d/"

# --- 4b. undo and redo: a fit, a run of table edits, a circuit change; a failed fit is no step
cat >"$tmp/undo.script" <<EOS
open $d/li-before.csv
circuit R0-p(R1,CPE1)-CPE2
print inputs
fit
print json
print inputs
param R1 value 500
param R1 value 512.5
print inputs
undo
print inputs
undo
print json
print inputs
redo
print json
redo
print inputs
circuit R0-CPE1
print circuit
undo
print circuit
print inputs
param R0 value 0
param R0 fix on
fit
print banner
print inputs
undo
print inputs
quit
EOS
run_script undo
# the blocks of "print inputs" in order: R1's value in each
r1s=$(grep '^R1 value=' "$tmp/undo.out" | sed 's/^R1 value=\([^ ]*\).*/\1/' | tr '\n' ' ')
echo "R1 in the table, step by step: $r1s"
set -- $r1s
guess=$1 fitted=$2
[ "$3" = 512.5 ] || failed "undo: the table edit did not show 512.5: $r1s"
[ "$4" = "$fitted" ] && ok "undo: one Ctrl+Z takes back the run of table edits ($3 -> $4)" \
  || failed "undo: after the edits, R1 = $4, expected the fit's $fitted"
[ "$5" = "$guess" ] && ok "undo: the next takes back the fit (R1 the guess $guess again)" \
  || failed "undo of the fit: R1 = $5, expected the start $guess"
[ "$6" = 512.5 ] && ok "redo: the fit and the edits come back" || failed "redo: R1 = $6, expected 512.5"
json_of "$tmp/undo.out" >"$tmp/undo.json"
[ "$(grep -c '"status": "converged"' "$tmp/undo.json")" -eq 2 ] \
  && [ "$(grep -c '"status": "not fitted"' "$tmp/undo.json")" -eq 1 ] \
  && ok "undo/redo: fitted, not fitted, fitted again" || failed "undo/redo of the fit: $(grep -o '"status": "[a-z ]*"' "$tmp/undo.json" | tr '\n' ' ')"
[ "$(grep -o '"value": [0-9.e+-]*' "$tmp/undo.json" | head -6)" = "$(grep -o '"value": [0-9.e+-]*' "$tmp/undo.json" | tail -6)" ] \
  && ok "redo: the same numbers as the fit" || failed "redo gave other numbers"
grep -q '^entry: R0-CPE1$' "$tmp/undo.out" && grep -q '^entry: R0-p(R1,CPE1)-CPE2$' "$tmp/undo.out" \
  && grep -q '^table: R0-p(R1,CPE1)-CPE2$' "$tmp/undo.out" \
  && ok "undo: a circuit change is taken back, entry and table agree" \
  || failed "undo of a circuit change: $(grep '^entry\|^table' "$tmp/undo.out" | tr '\n' ' ')"
grep -q '^R0 value=0 fix=on' "$tmp/undo.out" && ok "a failed fit keeps the typed value and the Fix tick" \
  || failed "a failed fit threw the input away: $(grep '^R0 ' "$tmp/undo.out" | tail -2)"
[ "$(grep '^R0 ' "$tmp/undo.out" | tail -1 | grep -c 'fix=off')" -eq 1 ] \
  && ok "undo after a failed fit takes back the edits (the failed fit is no step)" \
  || failed "undo after a failed fit: $(grep '^R0 ' "$tmp/undo.out" | tail -1)"

# --- 5. xdotool: Ctrl+F, Ctrl+S, Ctrl+Q ---
if command -v xdotool >/dev/null 2>&1; then
  cat >"$tmp/drive.sh" <<'DRIVE'
#!/bin/sh
gui=$1 project=$2 dir=$3
GDK_BACKEND=x11 "$gui" --size 1024x700 "$project" 2>"$dir/drive.err" &
pid=$!
title () { xdotool getwindowname "$w" 2>/dev/null; }
w=
for i in $(seq 1 120); do
  w=$(xdotool search --onlyvisible --name 'session.eisfit' 2>/dev/null | head -1)
  [ -n "$w" ] && break
  sleep 0.5
done
[ -n "$w" ] || { echo "no window"; kill $pid; exit 0; }
echo "opened: $(title)"
: > "$project"   # emptied: Ctrl+S must write it whole again
sleep 1
xdotool windowfocus --sync "$w" 2>/dev/null; xdotool key ctrl+f
for i in $(seq 1 60); do sleep 0.5; case "$(title)" in \**) break;; esac; done
echo "fitted: $(title)"
sleep 1
xdotool key ctrl+s
for i in $(seq 1 20); do sleep 0.5; case "$(title)" in \**) ;; *) break;; esac; done
echo "saved: $(title)"
xdotool key ctrl+q
for i in $(seq 1 20); do sleep 0.5; kill -0 $pid 2>/dev/null || break; done
if kill -0 $pid 2>/dev/null; then echo "still open"; kill $pid; else echo "closed"; fi
DRIVE
  xvfb-run -a -s "-screen 0 1100x760x24" sh "$tmp/drive.sh" "$gui" "$tmp/session.eisfit" "$tmp" \
    >"$tmp/drive.txt" 2>&1
  grep -av "session bus" "$tmp/drive.txt" | cat -v
  grep -aq '^opened: session.eisfit: li-after.csv — eisfit$' "$tmp/drive.txt" \
    || failed "xdotool: the project did not open from the command line"
  grep -aq '^fitted: \*session.eisfit' "$tmp/drive.txt" || failed "xdotool: Ctrl+F did not mark the title"
  grep -aq '^saved: session.eisfit' "$tmp/drive.txt" || failed "xdotool: Ctrl+S did not clear the mark"
  grep -q '^format=eisfit-project 1$' "$tmp/session.eisfit" && "$cli" --project "$tmp/session.eisfit" \
    -q -f csv >/dev/null && ok "xdotool: Ctrl+S wrote the project again, and eisfit reads it" \
    || failed "xdotool: the project file was not written by Ctrl+S"
  grep -aq '^closed$' "$tmp/drive.txt" && ok "xdotool: Ctrl+Q closes a saved project without asking" \
    || failed "xdotool: Ctrl+Q did not close the saved window"
else
  echo "(xdotool not installed: keyboard part skipped)"
fi
exit $fail
