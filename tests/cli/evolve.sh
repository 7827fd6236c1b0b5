#!/usr/bin/env bash
# evolve.sh — end-to-end checks of `treatysim evolve`: the shipped teaching games (hawk–dove's
# 2/3 hawks, the prisoner's dilemma's defection, rock–paper–scissors' (1/3, 1/3, 1/3), the stag
# hunt's three equilibria), a hand-written tournament summary, the CSV file, the same output for
# the same seed, and bad input exiting 2 with the message on stderr and no CSV written.
#
# Usage (from the source root; CTest runs it as cli/evolve):
#   bash tests/cli/evolve.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash evolve.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "evolve.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"

games=configs/tournaments
[[ -f $games/hawk-dove.toml ]] || fail "expected $games/hawk-dove.toml (run from the source root)"
quick=(--generations 40 --population 20 --runs 40)

# Hawk–dove: the equilibrium and the replicator's end at V/C = 2/3 hawks; the CSV is written.
t evolve "$games/hawk-dove.toml" "${quick[@]}" --out "$tmp/hd.csv"
expect 0 "evolve hawk-dove"
[[ -z $err ]] || fail "evolve hawk-dove: expected nothing on stderr, got: ${err:0:300}"
contains "  NE1  0.667  0.333  0.6667  0.0000  yes" "evolve hawk-dove (equilibrium)"
contains "  40          0.667  0.333" "evolve hawk-dove (replicator at generation 40)"
contains "Shares over time written to $tmp/hd.csv" "evolve hawk-dove"
[[ $(head -n 1 "$tmp/hd.csv") == "process,generation,hawk,dove" ]] ||
  fail "evolve hawk-dove: unexpected CSV header: $(head -n 1 "$tmp/hd.csv")"
[[ $(wc -l <"$tmp/hd.csv") -eq 83 ]] ||
  fail "evolve hawk-dove: expected 83 CSV lines (header + 2 × 41), got $(wc -l <"$tmp/hd.csv")"
first=$out

# Same seed, same output; another seed, other Moran numbers.
t evolve "$games/hawk-dove.toml" "${quick[@]}" --out "$tmp/hd2.csv"
[[ ${out/hd2.csv/hd.csv} == "$first" ]] || fail "evolve hawk-dove: a second run printed other text"
cmp -s "$tmp/hd.csv" "$tmp/hd2.csv" || fail "evolve hawk-dove: a second run wrote another CSV"
t evolve "$games/hawk-dove.toml" "${quick[@]}" --seed 2
[[ $out != "$first" ]] || fail "evolve hawk-dove --seed 2: expected other Moran numbers"

# The prisoner's dilemma ends in defection; its only equilibrium is pure defection.
t evolve "$games/prisoners-dilemma.toml" "${quick[@]}"
expect 0 "evolve prisoners-dilemma"
contains "  NE1      0.000   1.000  1.0000  0.0000  yes" "evolve prisoners-dilemma (equilibrium)"
contains "  40              0.000   1.000" "evolve prisoners-dilemma (replicator)"

# Rock–paper–scissors: one equilibrium, a third each.
t evolve "$games/rock-paper-scissors.toml" "${quick[@]}"
expect 0 "evolve rock-paper-scissors"
contains "Symmetric Nash equilibria of the meta-game (support enumeration): 1" "evolve rock-paper-scissors"
contains "  NE1  0.333  0.333     0.333  0.0000  0.0000   no" "evolve rock-paper-scissors (equilibrium)"

# Stag hunt: all three equilibria, JSON on request.
t evolve "$games/stag-hunt.toml" "${quick[@]}" --format json
expect 0 "evolve stag-hunt --format json"
[[ $out == "{"* ]] || fail "evolve --format json: stdout should start with '{', got: ${out:0:80}"
contains '"mix": [
          0.75,
          0.25
        ]' "evolve stag-hunt --format json (mixed equilibrium)"

# --initial-shares: the stag hunt from 80% stag hunters ends all stag (above the 3/4 watershed).
t evolve "$games/stag-hunt.toml" "${quick[@]}" --initial-shares 0.8,0.2
expect 0 "evolve stag-hunt --initial-shares 0.8,0.2"
contains "Replicator dynamics (from stag 0.800, hare 0.200; 20 Runge-Kutta steps per generation)" "evolve --initial-shares"
contains "  40          1.000  0.000" "evolve --initial-shares (replicator at generation 40)"
t evolve "$games/stag-hunt.toml" --initial-shares 0.8,x
expect 2 "evolve --initial-shares 0.8,x"
[[ $err == 'treatysim: error: --initial-shares: expected numbers separated by commas, one per strategy (e.g. 0.8,0.2), got "0.8,x"' ]] ||
  fail "evolve --initial-shares 0.8,x: unexpected stderr: ${err:0:300}"
t evolve "$games/stag-hunt.toml" --initial-shares 1,1,1
expect 2 "evolve --initial-shares 1,1,1"
[[ $err == "treatysim: error: --initial-shares: expected 2 shares (one per strategy), got 3" ]] ||
  fail "evolve --initial-shares 1,1,1: unexpected stderr: ${err:0:300}"

# A tournament summary (the format of `treatysim tournament`'s summary.json).
t evolve tests/data/evolve/summary.json "${quick[@]}"
expect 0 "evolve summary.json"
contains "  NE1     0.000     0.000        1.000  0.6000  0.0000  yes" "evolve summary.json (equilibrium)"
contains "  conceder     0.1500    0.2000" "evolve summary.json (regret)"

# Large payoffs: the replicator dynamics run on the payoffs divided by span/10 (same path, same
# rest points): hawk-dove x100 still ends at 2/3 hawks (the Moran process, on the payoffs as
# given, needs w < 1/101), and 1e11 no longer aborts.
printf '[payoff_matrix]\nstrategies = ["hawk", "dove"]\npayoffs = [[-100, 400], [0, 200]]\n' >"$tmp/hd100.toml"
t evolve "$tmp/hd100.toml" "${quick[@]}" --selection 0.005
expect 0 "evolve hawk-dove x100"
contains "  40          0.667  0.333" "evolve hawk-dove x100 (replicator at generation 40)"
printf '[payoff_matrix]\nstrategies = ["a", "b"]\npayoffs = [[1e11, 0], [0, 0]]\n' >"$tmp/big.toml"
t evolve "$tmp/big.toml" "${quick[@]}"
expect 0 "evolve payoffs 1e11"
contains "  40          1.000  0.000" "evolve payoffs 1e11 (replicator at generation 40)"
t evolve "$games/hawk-dove.toml" "${quick[@]}" --initial-shares 1e308,1e308
expect 0 "evolve --initial-shares 1e308,1e308"
contains "Replicator dynamics (from hawk 0.500, dove 0.500; 20 Runge-Kutta steps per generation)" "evolve --initial-shares 1e308,1e308"
printf '[payoff_matrix]\nstrategies = ["a", "b"]\npayoffs = [[1e13, 0], [0, 0]]\n' >"$tmp/huge.toml"
t evolve "$tmp/huge.toml"
expect 2 "evolve payoffs 1e13"
[[ $err == "treatysim: error: $tmp/huge.toml: payoffs[0][0]: expected a payoff from -1e+12 to 1e+12"* ]] ||
  fail "evolve payoffs 1e13: unexpected stderr: ${err:0:300}"

# validate recognises payoff-matrix files by their [payoff_matrix] table.
t validate "$games/hawk-dove.toml" "$games/stag-hunt.toml"
expect 0 "validate the teaching games"
contains "$games/hawk-dove.toml: OK (payoff matrix \"hawk-dove\", 2 strategies)" "validate hawk-dove.toml"

# Bad input: exit 2, the message on stderr, nothing on stdout, no CSV.
t evolve tests/data/evolve/summary-no-self-play.json --out "$tmp/bad.csv"
expect 2 "evolve without self-play"
[[ $err == "treatysim: error: tests/data/evolve/summary-no-self-play.json: payoff_matrix.mean_utility[0][0]: the diagonal is null: the tournament ran without self-play"* ]] ||
  fail "evolve without self-play: unexpected stderr: ${err:0:300}"
[[ -z $out ]] || fail "evolve without self-play: expected nothing on stdout, got: ${out:0:300}"
[[ ! -e $tmp/bad.csv ]] || fail "evolve without self-play: $tmp/bad.csv should not exist"

t evolve configs/sta-2024.toml
expect 2 "evolve on a scenario file"
[[ $err == "treatysim: error: configs/sta-2024.toml: payoff_matrix: missing table"* ]] ||
  fail "evolve on a scenario file: unexpected stderr: ${err:0:300}"

t evolve "$tmp/no-such-file.toml"
expect 2 "evolve on a missing file"
[[ $err == "treatysim: error: $tmp/no-such-file.toml: cannot read the file"* ]] ||
  fail "evolve on a missing file: unexpected stderr: ${err:0:300}"

t evolve "$games/hawk-dove.toml" --selection 0.6
expect 2 "evolve --selection 0.6"
[[ $err == "treatysim: error: --selection: fitness 1 − w + w·payoff must stay positive"* ]] ||
  fail "evolve --selection 0.6: unexpected stderr: ${err:0:300}"

t evolve "$games/hawk-dove.toml" --generations 0
expect 2 "evolve --generations 0"
[[ $err == "treatysim: error: --generations: expected a number of generations from 1 to 1000000, got 0" ]] ||
  fail "evolve --generations 0: unexpected stderr: ${err:0:300}"

t evolve "$games/hawk-dove.toml" --format csv
expect 2 "evolve --format csv"

t evolve "$games/hawk-dove.toml" "${quick[@]}" --out "$tmp/no-such-dir/x.csv"
expect 2 "evolve --out into a missing directory"

if ((failures > 0)); then
  echo "evolve.sh: $failures check(s) failed" >&2
  exit 1
fi
exit 0
