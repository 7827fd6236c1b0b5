#!/usr/bin/env bash
# identical.sh — the promise of MPI runs: `mpirun -np 1`, `-np 2`, `-np 3` and `-np 4` of a shipped
# tournament, a sweep, a tuning run, `simulate --runs 200` and `evolve --runs 200` write the same
# bytes (files and standard output) as `--jobs 1` without MPI, and so does a tournament on
# `-np 2 --jobs 2`.
#
# Each run works in its own folder with the same relative output paths, so that even the lines
# naming the files written are the same.
# Usage (from the source root; CTest runs it as mpi/identical):
#   bash tests/mpi/identical.sh /path/to/treatysim /path/to/mpirun [release|sanitizers]
# A sanitizer build plays about 20 times slower: it checks the same commands on smaller work (the
# shipped classroom tournament, a short tuning run, fewer runs) and fewer rank counts.
set -u

bin=${1:?usage: bash identical.sh /path/to/treatysim /path/to/mpirun}
mpirun=${2:?usage: bash identical.sh /path/to/treatysim /path/to/mpirun}
[[ -x $bin ]] || { echo "identical.sh: $bin is not an executable" >&2; exit 1; }
bin=$(realpath "$bin")
root=$(pwd)
source "$(dirname "$0")/lib/mpi_harness.sh"
mode=${3:-release}

# check NAME FILES... -- ARGS...: runs ARGS without MPI (--jobs 1) in $tmp/NAME-plain, then for
# each "RANKS THREADS" of $runs in its own folder; stdout and FILES must match.
runs=("1 1" "2 1" "3 1")
check() {
  local name=$1
  shift
  local files=()
  while [[ $1 != -- ]]; do
    files+=("$1")
    shift
  done
  shift
  mkdir -p "$tmp/$name-plain"
  (cd "$tmp/$name-plain" && "$bin" "$@" --jobs 1 >stdout 2>stderr)
  local code=$?
  [[ $code == 0 ]] || { fail "$name without MPI: exit status $code: $(head -c 300 "$tmp/$name-plain/stderr")"; return; }
  local run
  for run in "${runs[@]}"; do
    read -r np jobs <<<"$run"
    local dir="$tmp/$name-np$np-jobs$jobs"
    mkdir -p "$dir"
    (cd "$dir" && "$mpirun" --oversubscribe -np "$np" "$bin" "$@" --jobs "$jobs" >stdout 2>stderr)
    code=$?
    [[ $code == 0 ]] || { fail "$name on $np ranks: exit status $code: $(head -c 300 "$dir/stderr")"; continue; }
    same "$tmp/$name-plain/stdout" "$dir/stdout" "$name on $np ranks × $jobs threads: standard output"
    local f
    for f in "${files[@]}"; do
      same "$tmp/$name-plain/$f" "$dir/$f" "$name on $np ranks × $jobs threads: $f"
    done
  done
}

if [[ $mode == sanitizers ]]; then
  runs=("2 1" "3 1" "4 1")
  check tournament out/negotiations.csv out/summary.json -- \
    tournament "$root/configs/tournaments/classroom.toml" --out out
  runs=("3 1")
  check sweep heatmap.csv heatmap.svg -- \
    sweep "$root/configs/tournaments/boulware-heatmap-sweep.toml" --csv heatmap.csv --svg heatmap.svg
  sed -e 's/^evaluations = .*/evaluations = 8/' -e 's/^repetitions = .*/repetitions = 2/' \
    -e 's/^validation_repetitions = .*/validation_repetitions = 4/' \
    -e "s|\"\\.\\./sta-2024.toml\"|\"$root/configs/sta-2024.toml\"|" \
    configs/tournaments/time-dependent-tune.toml >"$tmp/short-tune.toml"
  check tune -- tune "$tmp/short-tune.toml"
  check simulate runs.json -- simulate "$root/configs/sta-2024.toml" --runs 40 --format json --out runs.json
  check evolve shares.csv -- evolve "$root/configs/tournaments/hawk-dove.toml" --runs 50 --out shares.csv
else
  runs=("1 1" "2 1" "3 1" "4 1" "2 2")
  check tournament out/negotiations.csv out/summary.json -- \
    tournament "$root/configs/tournaments/round-robin-12.toml" --out out
  [[ $(wc -l <"$tmp/tournament-plain/out/negotiations.csv") == 7921 ]] ||
    fail "tournament: expected a header and 7920 rows"
  grep -q '"complete": true' "$tmp/tournament-np3-jobs1/out/summary.json" ||
    fail "tournament on 3 ranks: summary.json should be complete"
  # The ranks' count goes to stderr (never into the files), with the rows each rank played.
  grep -q '^treatysim: 3 ranks (mpirun) × 1 thread each$' "$tmp/tournament-np3-jobs1/stderr" ||
    fail "tournament on 3 ranks: expected the ranks on stderr, got: $(head -c 300 "$tmp/tournament-np3-jobs1/stderr")"
  played=$(sed -n 's/^treatysim: negotiations played by rank (this run) — //p' "$tmp/tournament-np3-jobs1/stderr")
  sum=0
  for part in ${played//,/ }; do [[ $part == *: ]] || sum=$((sum + part)); done
  [[ $sum == 7920 ]] || fail "tournament on 3 ranks: the ranks' rows should add up to 7920, got '$played'"

  runs=("1 1" "2 1" "3 1" "4 1")
  check sweep heatmap.csv heatmap.svg -- \
    sweep "$root/configs/tournaments/boulware-heatmap-sweep.toml" --csv heatmap.csv --svg heatmap.svg
  check tune -- tune "$root/configs/tournaments/time-dependent-tune.toml"
  check simulate runs.json -- simulate "$root/configs/sta-2024.toml" --runs 200 --format json --out runs.json
  grep -q '"runs": 200' "$tmp/simulate-np2-jobs1/runs.json" || fail "simulate on 2 ranks: expected 200 runs"
  check evolve shares.csv -- evolve "$root/configs/tournaments/hawk-dove.toml" --runs 200 --out shares.csv
fi

if ((failures > 0)); then
  echo "identical.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "identical.sh: all checks passed"
