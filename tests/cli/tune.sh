#!/usr/bin/env bash
# tune.sh — end-to-end checks of `treatysim tune` on the shipped tuning file: progress lines, the
# best parameters better than the defaults on fresh seeds, the same output on every run and for
# any number of threads, validate on tuning files, and user errors (status 2, the message).
#
# Usage (from the source root; CTest runs it as cli/tune):
#   bash tests/cli/tune.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash tune.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "tune.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
error_is() {
  expect 2 "$2" || return
  [[ -z $out ]] || fail "$2: expected nothing on stdout, got: ${out:0:300}"
  [[ $err == "treatysim: error: $1" ]] || fail "$2: stderr should be 'treatysim: error: $1', got: ${err:0:500}"
}

file=configs/tournaments/time-dependent-tune.toml
[[ -f $file ]] || fail "expected $file (run from the source root)"

t tune "$file" --jobs 1
expect 0 "tune"
contains "Tuning time_dependent on sta-2024: e in [0.01, 5], k in [0, 1]" "tune"
contains "(160 negotiations per evaluation, the same seeds every time)" "tune"
contains "algorithm crs2 (global, then a Subplex polish from the best point), budget 80 evaluations; maximising utility" "tune"
contains $'\neval    1/80  utility 0.6286  best 0.6286  new best time_dependent(e=1, k=0)\n' "tune"
contains $'\nbest after 80 evaluations: time_dependent(e=0.05733, k=0.05)  utility 0.7269 on the tuning seeds (defaults 0.6286)\n' "tune"
contains "On fresh seeds (40 per pairing, 640 negotiations, disjoint from the tuning seeds):" "tune"
contains $'\n            utility 0.7401  95% CI [0.7251, 0.7552]\n' "tune"
contains $'\n  defaults  time_dependent(e=1, k=0)\n            utility 0.6377  95% CI [0.6258, 0.6497]\n' "tune"
contains "difference +0.1024 (paired t-test over the 640 negotiations: t = 16.71, p < 0.001)" "tune"
first=$out

t tune "$file" --jobs 2
expect 0 "tune --jobs 2"
[[ $out == "$first" ]] || fail "tune: the output differs between --jobs 1 and --jobs 2"

t validate "$file"
expect 0 "validate tuning file"
contains "$file: OK (tuning \"time_dependent on sta-2024\", 2 parameters, crs2, 80 evaluations of 160 negotiations)" "validate tuning file"

scenario="$PWD/configs/three-clauses.toml"
printf '[tune]\nstrategy = "boulware"\nparameters = ["e"]\nopponents = ["linear"]\nscenarios = ["%s"]\nalgorithm = "simplex"\n' \
  "$scenario" >"$tmp/algorithm.toml"
t tune "$tmp/algorithm.toml"
error_is "$tmp/algorithm.toml:6:13: tune.algorithm: expected crs2, isres, bobyqa, sbplx or neldermead, got \"simplex\"" "tune (bad algorithm)"
printf '[tune]\nstrategy = "boulware"\nparameters = ["e"]\nbounds = { e = [0.5, 200] }\nopponents = ["linear"]\nscenarios = ["%s"]\n' \
  "$scenario" >"$tmp/bounds.toml"
t tune "$tmp/bounds.toml"
error_is "$tmp/bounds.toml:4:16: tune.bounds.e: [0.5, 200] is not inside the range of \"e\", [0, 100]" "tune (bounds)"
printf '[tune]\nstrategy = "boulware"\nparameters = ["window"]\nopponents = ["linear"]\nscenarios = ["%s"]\n' \
  "$scenario" >"$tmp/parameter.toml"
t tune "$tmp/parameter.toml"
error_is "$tmp/parameter.toml:3:14: tune.parameters[0]: boulware has no numeric parameter \"window\" (its numeric parameters: e, k)" "tune (unknown parameter)"
printf '[tune]\nstrategy = "nash_seeker"\nparameters = ["e"]\nopponents = ["linear"]\nscenarios = ["%s"]\n' \
  "$scenario" >"$tmp/private.toml"
t tune "$tmp/private.toml"
error_is "$tmp/private.toml:2:12: tune.strategy: nash_seeker(e=1) cannot play scenario \"three-clauses\", party \"us\": nash_seeker needs complete information (it reads the opponent's preferences), but the scenario's protocol.information is \"private\"" "tune (complete information needed)"

exit $((failures > 0))
