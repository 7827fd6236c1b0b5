#!/usr/bin/env bash
# exit_status.sh — end-to-end checks of treatysim's exit statuses and error messages.
#
# Usage (from the source root; CTest runs it as cli/exit_status):
#   bash tests/cli/exit_status.sh /path/to/treatysim
# Statuses: 0 success, 1 a check failed (replay mismatch), 2 bad user input. Every error goes to
# standard error as "treatysim: error: ..." and nothing goes to standard output.
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash exit_status.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "exit_status.sh: $bin is not an executable" >&2; exit 1; }

# Process start-up is the cost of this script: the helpers (lib/harness.sh and those below) use
# bash alone (no cat, no grep per check) so that the whole script stays well under a second on
# an idle machine.
source "$(dirname "$0")/lib/harness.sh"

# has_line PREFIX TEXT: some line of TEXT starts with PREFIX (taken literally).
has_line() { [[ $'\n'$2 == *$'\n'"$1"* ]]; }

no_stdout() { [[ -z $out ]] || fail "$1: expected nothing on stdout, got: ${out:0:300}"; }
no_stderr() { [[ -z $err ]] || fail "$1: expected nothing on stderr, got: ${err:0:300}"; }
# stderr_starts PREFIX DESCRIPTION
stderr_starts() { [[ $err == "$1"* ]] || fail "$2: stderr should start with '$1', got: ${err:0:300}"; }

# [SECTION] validate ------------------------------------------------------------------------------
configs=(configs/*.toml)
[[ ${#configs[@]} -ge 3 && -f ${configs[0]} ]] || fail "expected the configs in configs/*.toml (run from the source root)"

t validate "${configs[@]}"
expect 0 "validate configs/*.toml"
no_stderr "validate configs/*.toml"
for file in "${configs[@]}"; do
  has_line "$file: OK (scenario \"" "$out" || fail "validate: no OK line for $file in: $out"
done
ok_lines=0
while IFS= read -r line; do [[ $line == *': OK ('* ]] && ok_lines=$((ok_lines + 1)); done <<<"$out"
[[ $ok_lines == "${#configs[@]}" ]] || fail "validate: expected ${#configs[@]} OK lines, got: $out"

t validate configs/three-clauses.toml
expect 0 "validate one file"
[[ $out == 'configs/three-clauses.toml: OK (scenario "three-clauses", 3 issues, 100 outcomes)' ]] ||
  fail "validate one file: unexpected output: $out"

# A wrong type: the message names the file, line, column and key.
printf '[scenario]\nid = "bad"\ntitle = 3\n' >"$tmp/bad.toml"
t validate "$tmp/bad.toml"
expect 2 "validate a malformed file"
no_stdout "validate a malformed file"
[[ $err == "treatysim: error: $tmp/bad.toml:3:9: scenario.title: expected a string, got 3 (an integer)" ]] ||
  fail "validate a malformed file: unexpected stderr: $err"

# Any malformed file: "treatysim: error: FILE:LINE:COL: KEY: ..."
sed 's/^deadline = 20$/deadline = "soon"/' configs/three-clauses.toml >"$tmp/bad-deadline.toml"
t validate "$tmp/bad-deadline.toml"
expect 2 "validate a file with a bad deadline"
no_stdout "validate a file with a bad deadline"
[[ $err =~ ^"treatysim: error: $tmp/bad-deadline.toml:"[0-9]+:[0-9]+": protocol.deadline: ". ]] ||
  fail "validate a file with a bad deadline: unexpected stderr: $err"

# A TOML syntax error also has a line and a column.
printf '[scenario\nid = "bad"\n' >"$tmp/syntax.toml"
t validate "$tmp/syntax.toml"
expect 2 "validate a TOML syntax error"
no_stdout "validate a TOML syntax error"
[[ $err =~ ^"treatysim: error: $tmp/syntax.toml:1:"[0-9]+": ". ]] ||
  fail "validate a TOML syntax error: unexpected stderr: $err"

# Good and bad together: OK for the good one, the error for the bad one, status 2.
t validate configs/three-clauses.toml "$tmp/bad.toml"
expect 2 "validate a good and a bad file"
has_line 'configs/three-clauses.toml: OK (' "$out" || fail "validate a good and a bad file: no OK line: $out"
stderr_starts "treatysim: error: $tmp/bad.toml:3:9: " "validate a good and a bad file"

t validate "$tmp/does-not-exist.toml"
expect 2 "validate a missing file"
no_stdout "validate a missing file"
[[ $err == "treatysim: error: $tmp/does-not-exist.toml: cannot read the file: No such file or directory" ]] ||
  fail "validate a missing file: unexpected stderr: $err"

# [SECTION] command-line errors: status 2, a message, nothing on stdout ----------------------------
t bogus
expect 2 "an unknown subcommand"
no_stdout "an unknown subcommand"
stderr_starts 'treatysim: error: unknown subcommand "bogus"' "an unknown subcommand"

t --bogus
expect 2 "an unknown option"
no_stdout "an unknown option"
stderr_starts 'treatysim: error: unknown option "--bogus"' "an unknown option"

t
expect 2 "no subcommand"
no_stdout "no subcommand"
stderr_starts "treatysim: error: " "no subcommand"

for command in run validate replay bench; do
  t "$command"
  expect 2 "$command without its argument"
  no_stdout "$command without its argument"
  stderr_starts "treatysim: error: " "$command without its argument"
  [[ $err == *"is required"* ]] || fail "$command without its argument: the message should say what is required: $err"
done

t run configs/three-clauses.toml --deadline
expect 2 "run --deadline without a value"
no_stdout "run --deadline without a value"
stderr_starts "treatysim: error: --deadline" "run --deadline without a value"

# A person's strategy cannot play on its own: every batch command refuses it with status 2 (it
# once reached HumanAgent and aborted).
human_refusal='"human" is decided by a person, so it cannot play on its own'
for command in "run configs/sta-2024.toml --us human" "run configs/sta-2024.toml --cn human --series 3" \
  "bench configs/sta-2024.toml --us human"; do
  # shellcheck disable=SC2086  # the command is split into words on purpose
  t $command
  expect 2 "$command"
  no_stdout "$command"
  [[ $err == "treatysim: error: --"??": $human_refusal"* ]] || fail "$command: unexpected stderr: $err"
done
sed 's/^agent = "boulware(e=0.2)"$/agent = "human"/' configs/sta-2024.toml >"$tmp/human.toml"
for command in validate simulate run; do
  t "$command" "$tmp/human.toml"
  expect 2 "$command of a scenario whose default agent is human"
  [[ $err == "treatysim: error: $tmp/human.toml:79:9: parties[0].agent: $human_refusal"* ]] ||
    fail "$command of a scenario whose default agent is human: unexpected stderr: $err"
done

t run configs/three-clauses.toml --bogus
expect 2 "run with an unknown option"
stderr_starts "treatysim: error: " "run with an unknown option"
[[ $err == *--bogus* ]] || fail "run with an unknown option: the message should name it: $err"

t run configs/three-clauses.toml --seed -1
expect 2 "run with a negative seed"
no_stdout "run with a negative seed"
stderr_starts 'treatysim: error: --seed: expected a non-negative whole number, got "-1"' "run with a negative seed"

# 2^64 and above were clamped to 2^64 - 1 without a word.
t run configs/three-clauses.toml --seed 18446744073709551616
expect 2 "run with a seed of 2^64"
no_stdout "run with a seed of 2^64"
stderr_starts 'treatysim: error: --seed: expected a whole number from 0 to 18446744073709551615, got 18446744073709551616' "run with a seed of 2^64"
t run configs/three-clauses.toml --seed 010
expect 2 "run with a seed with a leading zero"
stderr_starts 'treatysim: error: --seed: expected a whole number without leading zeros, got 010' "run with a seed with a leading zero"
t run configs/three-clauses.toml --seed 18446744073709551615 --format json
expect 0 "run with the largest seed"
[[ $out == *'"seed": 18446744073709551615,'* ]] || fail "run with the largest seed: the trace's seed"

t run configs/three-clauses.toml --format xml
expect 2 "run with a bad --format"
no_stdout "run with a bad --format"
[[ $err == 'treatysim: error: --format: expected text, json or csv, got "xml"' ]] ||
  fail "run with a bad --format: unexpected stderr: $err"

t run configs/three-clauses.toml --deadline 0
expect 2 "run with --deadline 0"
stderr_starts "treatysim: error: --deadline: " "run with --deadline 0"

# [SECTION] help and version: status 0 ------------------------------------------------------------
t --help
expect 0 "--help"
no_stderr "--help"
has_line 'Usage: treatysim [OPTIONS] SUBCOMMAND' "$out" || fail "--help: no usage line: $out"
help=$out
for command in run validate agents replay bench; do
  [[ $help =~ $'\n'"  $command "+[A-Z] ]] || fail "--help does not list $command"
  t "$command" --help
  expect 0 "$command --help"
  no_stderr "$command --help"
  has_line "Usage: treatysim $command " "$out" || fail "$command --help: no usage line: $out"
done

t --version
expect 0 "--version"
no_stderr "--version"
[[ $out =~ ^"treatysim "[0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version: unexpected output: $out"

# [SECTION] strategies ------------------------------------------------------------------------------
t run configs/three-clauses.toml --us nosuch
expect 2 "run with an unknown strategy"
no_stdout "run with an unknown strategy"
stderr_starts 'treatysim: error: --us: unknown strategy "nosuch"' "run with an unknown strategy"

t run configs/three-clauses.toml --agent cn=nosuch
expect 2 "run --agent with an unknown strategy"
stderr_starts 'treatysim: error: --agent cn: unknown strategy "nosuch"' "run --agent with an unknown strategy"

t run configs/three-clauses.toml --agent xx=boulware
expect 2 "run --agent with an unknown party"
[[ $err == 'treatysim: error: --agent xx: the scenario has no party "xx" (its parties are "us" and "cn")' ]] ||
  fail "run --agent with an unknown party: unexpected stderr: $err"

t bench configs/three-clauses.toml --negotiations 5 --cn 'boulware(e=500)'
expect 2 "bench with an out-of-range parameter"
stderr_starts 'treatysim: error: --cn: ' "bench with an out-of-range parameter"

t agents --format yaml
expect 2 "agents with a bad --format"
stderr_starts 'treatysim: error: --format: ' "agents with a bad --format"

# [SECTION] success and replay mismatch ------------------------------------------------------------
t run configs/three-clauses.toml
expect 0 "run"
no_stderr "run"

t agents
expect 0 "agents"

# --agent takes one ID=SPEC and is repeated; it must not swallow the scenario files after it.
t bench --agent us=linear configs/three-clauses.toml configs/split-the-pie.toml --negotiations 2
expect 0 "bench --agent before the scenario files"
has_line "three-clauses: linear vs " "$out" || fail "bench --agent before the scenario files: no three-clauses line: $out"
has_line "split-the-pie: linear vs " "$out" || fail "bench --agent before the scenario files: no split-the-pie line: $out"
t run --agent us=linear --agent cn=hardliner configs/three-clauses.toml
expect 0 "run with --agent twice"
has_line "  China (cn): hardliner, " "$out" || fail "run with --agent twice: cn's strategy not applied: $out"

t bench configs/three-clauses.toml --negotiations 5 --format json
expect 0 "bench"

t run configs/three-clauses.toml --format json --out "$tmp/trace.json"
expect 0 "run --out"
# Change one event (the first rejection becomes a walk-away): valid JSON, same scenario hash.
sed '0,/"type": "reject"/s//"type": "walk_away"/' "$tmp/trace.json" >"$tmp/tampered.json"
cmp -s "$tmp/trace.json" "$tmp/tampered.json" && fail "could not tamper with the trace (sed changed nothing)"
t replay "$tmp/tampered.json"
expect 1 "replay of a tampered trace"
[[ $out == "$tmp/tampered.json: DIFFERENT at event 1"$'\n'* ]] ||
  fail "replay of a tampered trace: should name the differing event: $out"

t replay configs/three-clauses.toml
expect 2 "replay of a file that is not a trace"
stderr_starts "treatysim: error: configs/three-clauses.toml: not a JSON trace" "replay of a file that is not a trace"

if ((failures > 0)); then
  echo "exit_status.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "exit_status.sh: all checks passed"
