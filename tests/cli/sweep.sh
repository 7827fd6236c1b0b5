#!/usr/bin/env bash
# sweep.sh — end-to-end checks of `treatysim sweep` on the shipped sweep files: the table, the
# CSV (one row per grid point) and the SVG chart written, byte-identical files with one thread
# or two, validate on sweep files, and user errors (status 2, the message on stderr, no file).
#
# Usage (from the source root; CTest runs it as cli/sweep):
#   bash tests/cli/sweep.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash sweep.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "sweep.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
# error_is MESSAGE DESCRIPTION: status 2, nothing on stdout, exactly "treatysim: error: MESSAGE" on stderr.
error_is() {
  expect 2 "$2" || return
  [[ -z $out ]] || fail "$2: expected nothing on stdout, got: ${out:0:300}"
  [[ $err == "treatysim: error: $1" ]] || fail "$2: stderr should be 'treatysim: error: $1', got: ${err:0:500}"
}
# lines FILE: sets $count to the number of lines of FILE.
lines() { count=0; while IFS= read -r _; do count=$((count + 1)); done <"$1"; }
# svg_ok FILE DESCRIPTION: the file is one <svg> document.
svg_ok() {
  local text
  IFS= read -r -d '' text <"$1"
  [[ $text == '<svg xmlns="http://www.w3.org/2000/svg"'* && $text == *$'</svg>\n' ]] ||
    fail "$2: $1 is not an SVG document"
}

one=configs/tournaments/boulware-e-sweep.toml
two=configs/tournaments/boulware-heatmap-sweep.toml
[[ -f $one && -f $two ]] || fail "expected $one and $two (run from the source root)"

# One parameter: the table, the best point, a CSV row per grid point, a line chart.
t sweep "$one" --csv "$tmp/e1.csv" --svg "$tmp/e1.svg" --jobs 1
expect 0 "sweep (one axis)"
contains "25 grid points × 200 negotiations = 5000 negotiations (the same seeds at every point)" "sweep (one axis)"
contains $'\n     e   utility  95% CI            agreement  welfare\n' "sweep (one axis)"
contains $'\n  0.01    0.6146  [' "sweep (one axis)"
contains $'\nbest: e = 0.224: utility 0.7666 [' "sweep (one axis)"
contains "wrote $tmp/e1.csv (25 rows) and $tmp/e1.svg" "sweep (one axis)"
lines "$tmp/e1.csv"
[[ $count == 26 ]] || fail "sweep (one axis): the CSV has $count lines, expected 26"
IFS= read -r header <"$tmp/e1.csv"
[[ $header == "e,negotiations,utility,utility_sd,utility_ci_low,utility_ci_high,agreement_rate,social_welfare,distance_to_nash" ]] ||
  fail "sweep (one axis): CSV header: $header"
svg_ok "$tmp/e1.svg" "sweep (one axis)"
grep -q "<polygon" "$tmp/e1.svg" || fail "sweep (one axis): no confidence band in the chart"

# Two threads write the same bytes.
t sweep "$one" --csv "$tmp/e2.csv" --svg "$tmp/e2.svg" --jobs 2
expect 0 "sweep --jobs 2"
cmp -s "$tmp/e1.csv" "$tmp/e2.csv" || fail "sweep: the CSV differs between --jobs 1 and --jobs 2"
cmp -s "$tmp/e1.svg" "$tmp/e2.svg" || fail "sweep: the SVG differs between --jobs 1 and --jobs 2"

# Two parameters (one of the scenario): a matrix and a heat map.
t sweep "$two" --csv "$tmp/h.csv" --svg "$tmp/h.svg"
expect 0 "sweep (two axes)"
contains "64 grid points × 40 negotiations = 2560 negotiations" "sweep (two axes)"
contains $'utility by e (rows) and scenario.us.reservation (columns)\n' "sweep (two axes)"
contains $'\nbest: e = 0.05, scenario.us.reservation = 0.8: utility 0.9425 [' "sweep (two axes)"
lines "$tmp/h.csv"
[[ $count == 65 ]] || fail "sweep (two axes): the CSV has $count lines, expected 65"
svg_ok "$tmp/h.svg" "sweep (two axes)"

# validate recognises sweep files.
t validate "$one" "$two"
expect 0 "validate sweep files"
contains "$one: OK (sweep \"How late should Boulware concede?\", 25 grid points, 5000 negotiations)" "validate sweep files"

# Errors: exact messages, status 2, no output file.
printf '[sweep]\nstrategy = "boulware"\nopponents = ["linear"]\nscenarios = ["%s/configs/three-clauses.toml"]\nrepetitions = 0\n' \
  "$PWD" >"$tmp/bad.toml"
t sweep "$tmp/bad.toml" --csv "$tmp/bad.csv" --svg "$tmp/bad.svg"
error_is "$tmp/bad.toml:5:15: sweep.repetitions: expected a whole number from 1 to 100000, got 0" "sweep (bad repetitions)"
[[ ! -e $tmp/bad.csv && ! -e $tmp/bad.svg ]] || fail "sweep (bad repetitions): wrote a file"
printf '[sweep]\nstrategy = "boulware"\nopponents = ["linear"]\nscenarios = ["nowhere.toml"]\n[[sweep.axes]]\nparameter = "e"\nvalues = [1]\n' >"$tmp/missing.toml"
t sweep "$tmp/missing.toml" --csv "$tmp/bad.csv"
expect 2 "sweep (missing scenario)"
[[ $err == "treatysim: error: $tmp/missing.toml:4:14: sweep.scenarios[0]: $tmp/nowhere.toml: cannot read the file: No such file or directory" ]] ||
  fail "sweep (missing scenario): $err"
t sweep
expect 2 "sweep without a file"

exit $((failures > 0))
