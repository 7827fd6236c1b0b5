#!/usr/bin/env bash
# analyze.sh — end-to-end checks of `treatysim analyze`: the text report, JSON on stdout, a bad
# --outcome (status 2, message on stderr only) and the SVG file.
#
# Usage (from the source root; CTest runs it as cli/analyze):
#   bash tests/cli/analyze.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash analyze.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "analyze.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"

[[ -f configs/sta-2024.toml ]] || fail "expected configs/sta-2024.toml (run from the source root)"

# The text report.
t analyze configs/sta-2024.toml
expect 0 "analyze (text)"
[[ -z $err ]] || fail "analyze (text): expected nothing on stderr, got: ${err:0:300}"
contains "Pareto frontier" "analyze (text)"
contains "Nash bargaining solution" "analyze (text)"
contains "Subgame-perfect equilibrium" "analyze (text)"
contains "Outcomes            1024" "analyze (text)"

# JSON on stdout.
t analyze configs/sta-2024.toml --format json
expect 0 "analyze --format json"
[[ $out == "{"* ]] || fail "analyze --format json: stdout should start with '{', got: ${out:0:80}"
[[ $out == *'"nash": {'* ]] || fail "analyze --format json: no \"nash\" object in: ${out:0:300}"
[[ -z $err ]] || fail "analyze --format json: expected nothing on stderr, got: ${err:0:300}"

# --outcome: the metrics of one outcome.
t analyze configs/sta-2024.toml --outcome S0/IP1/D1/G1/T2
expect 0 "analyze --outcome S0/IP1/D1/G1/T2"
contains "Outcome S0/IP1/D1/G1/T2" "analyze --outcome"
contains "Nash product         0.173" "analyze --outcome"

# A bad --outcome: status 2, the message on stderr, nothing on stdout.
t analyze configs/sta-2024.toml --outcome S9/IP1/D1/G1/T2
expect 2 "analyze --outcome S9/..."
[[ -z $out ]] || fail "analyze --outcome S9/...: expected nothing on stdout, got: ${out:0:300}"
expected_err="treatysim: error: --outcome: issue 'scope' has no option \"S9\" (options: S0 S1 S2 S3)"
[[ $err == "$expected_err" ]] || fail "analyze --outcome S9/...: stderr should be '$expected_err', got: ${err:0:300}"
t analyze configs/sta-2024.toml --outcome S0/IP1
expect 2 "analyze --outcome S0/IP1"
[[ $err == "treatysim: error: --outcome: expected 5 option ids"* ]] ||
  fail "analyze --outcome S0/IP1: unexpected stderr: ${err:0:300}"

# --svg writes an SVG file (and the report still goes to stdout).
t analyze configs/sta-2024.toml --svg "$tmp/space.svg"
expect 0 "analyze --svg"
contains "Pareto frontier" "analyze --svg"
if [[ -f $tmp/space.svg ]]; then
  IFS= read -r first <"$tmp/space.svg"
  [[ $first == "<?xml"* ]] || fail "analyze --svg: the file should start with '<?xml', got: ${first:0:80}"
  IFS= read -r -d '' svg <"$tmp/space.svg"
  [[ $svg == *"</svg>"* ]] || fail "analyze --svg: no closing </svg>"
else
  fail "analyze --svg: $tmp/space.svg was not written"
fi

# Interaction terms (issue linkage): an enumerable linked scenario is exact by enumeration, and
# --compare says what happens to the additive model's outcomes.
t analyze configs/sta-linkage.toml --compare configs/sta-2024.toml
expect 0 "analyze sta-linkage --compare"
contains "Pareto frontier     28 outcomes (exact, every outcome enumerated)" "analyze sta-linkage"
contains "Utility ranges      us 0.017–1.000, cn 0.132–0.915 (exact)" "analyze sta-linkage"
contains "Compared with sta-2024: 19 of its 55 frontier outcomes are Pareto-optimal here; its Nash outcome S0/IP1/D1/G1/T2 is Pareto-optimal here" "analyze --compare"
t analyze configs/sta-linkage.toml --compare configs/three-clauses.toml
expect 2 "analyze --compare with other issues"
# A 10^40-outcome ANAC 2014 domain with a time limit too short to prove the frontier: the best
# found, pareto_exact false and how far from proven.
d=configs/anac2014/50issuesDiscountedwithRV
t import-genius "$d/50issues-domain.xml" "$d/profile-1.xml" "$d/profile-2.xml" -o "$tmp/anac50.toml"
expect 0 "import-genius 50issuesDiscountedwithRV"
t analyze "$tmp/anac50.toml" --time-limit 0.05 --format json
expect 0 "analyze --time-limit"
contains '"pareto_exact": false' "analyze --time-limit"
contains '"pareto_method": "branch_and_bound"' "analyze --time-limit"
[[ $out =~ \"pareto_epsilon\":\ 0\.[0-9]*[1-9] ]] || fail "analyze --time-limit: pareto_epsilon should be positive, got: ${out:0:400}"

# A missing scenario file: status 2.
t analyze "$tmp/no-such-file.toml"
expect 2 "analyze on a missing file"
[[ $err == "treatysim: error: "* ]] || fail "analyze on a missing file: stderr should start with 'treatysim: error: ', got: ${err:0:300}"

if ((failures > 0)); then
  echo "analyze.sh: $failures check(s) failed" >&2
  exit 1
fi
exit 0
