#!/usr/bin/env bash
# slurm_example.sh — the commands of examples/slurm/ run, without Slurm, on this machine, so that
# the batch scripts cannot rot: tournament.sbatch writes the files one process writes; a SIGTERM
# to the script (what `#SBATCH --signal=B:TERM@300` sends before the time limit) stops every rank
# with the files whole; tournament-resume.sbatch, on another number of ranks, finishes them to the
# bytes of an uninterrupted run; tournament-shards.sbatch's shards, merged, are the whole run's
# files. (A one-node Slurm with slurmctld, slurmd and munge would take
# longer to start than the rest of the suite's MPI tests together; the scripts' Slurm-only parts
# are the #SBATCH lines and `srun --mpi=pmix`.)
# Usage (from the source root; CTest runs it as mpi/slurm_example):
#   bash tests/mpi/slurm_example.sh /path/to/treatysim /path/to/mpirun [release|sanitizers]
set -u

bin=${1:?usage: bash slurm_example.sh /path/to/treatysim /path/to/mpirun}
mpirun=${2:?usage: bash slurm_example.sh /path/to/treatysim /path/to/mpirun}
[[ -x $bin ]] || { echo "slurm_example.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/mpi_harness.sh"

# The scripts call `mpirun`: the one given, first on PATH.
export PATH="$(dirname "$(realpath "$mpirun")"):$PATH"
export TREATYSIM=$bin MPIRUN_OPTIONS=--oversubscribe SLURM_CPUS_PER_TASK=1

small=tests/data/tournaments/small.toml
t tournament "$small" --jobs 1 --out "$tmp/plain-small"
SLURM_NTASKS=2 TOURNAMENT=$small OUT=$tmp/batch-small bash examples/slurm/tournament.sbatch \
  >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
IFS= read -r -d '' out <"$tmp/stdout"
expect 0 "tournament.sbatch"
[[ $out == "treatysim tournament $small: 2 ranks, 1 threads each -> $tmp/batch-small"* ]] ||
  fail "tournament.sbatch: expected its first line, got: ${out:0:300}"
same "$tmp/plain-small/negotiations.csv" "$tmp/batch-small/negotiations.csv" "tournament.sbatch: negotiations.csv"
same "$tmp/plain-small/summary.json" "$tmp/batch-small/summary.json" "tournament.sbatch: summary.json"

# Stopped by SIGTERM (the time limit's warning), then resumed on 3 ranks.
slow=$tmp/slow.toml
slow_tournament "$slow" "$([[ ${3:-release} == sanitizers ]] && echo 10 || echo 200)"
t tournament "$slow" --jobs 1 --out "$tmp/plain-slow"
SLURM_NTASKS=2 TOURNAMENT=$slow OUT=$tmp/batch-slow bash examples/slurm/tournament.sbatch \
  >"$tmp/stdout" 2>"$tmp/stderr" &
script=$!
wait_for_rows "$tmp/batch-slow/negotiations.csv.partial" 2 || fail "tournament.sbatch: no row written"
kill -TERM "$script"
wait "$script"
status=$?
IFS= read -r -d '' out <"$tmp/stdout"
[[ -f $tmp/batch-slow/summary.json && -f $tmp/batch-slow/negotiations.csv ]] ||
  fail "SIGTERM to tournament.sbatch: expected whole files, got: $(ls "$tmp/batch-slow")"
# The run stops midway (the summary incomplete) unless it finished before the signal landed.
if grep -q '"complete": false' "$tmp/batch-slow/summary.json"; then
  [[ $status != 0 ]] || fail "SIGTERM to tournament.sbatch: an incomplete run should end with a non-zero status"
  [[ $out == *"stopped (status $status): finish with  sbatch --export=ALL,TOURNAMENT=$slow,OUT=$tmp/batch-slow examples/slurm/tournament-resume.sbatch"* ]] ||
    fail "SIGTERM to tournament.sbatch: expected the resume hint, got: ${out:0:500}"
fi
SLURM_NTASKS=3 TOURNAMENT=$slow OUT=$tmp/batch-slow bash examples/slurm/tournament-resume.sbatch \
  >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
expect 0 "tournament-resume.sbatch on 3 ranks"
same "$tmp/plain-slow/negotiations.csv" "$tmp/batch-slow/negotiations.csv" "resumed by the batch script: negotiations.csv"
same "$tmp/plain-slow/summary.json" "$tmp/batch-slow/summary.json" "resumed by the batch script: summary.json"
# Resuming a finished run changes nothing (the chained `--dependency=afterany` form).
SLURM_NTASKS=2 TOURNAMENT=$slow OUT=$tmp/batch-slow bash examples/slurm/tournament-resume.sbatch \
  >/dev/null 2>&1
status=$?
expect 0 "tournament-resume.sbatch of a finished run"
same "$tmp/plain-slow/summary.json" "$tmp/batch-slow/summary.json" "resuming a finished run: summary.json"

# Shards as a job array, merged: the files of the whole run.
for shard in 1 2 3; do
  SLURM_NTASKS=2 SLURM_ARRAY_TASK_ID=$shard SLURM_ARRAY_TASK_COUNT=3 TOURNAMENT=$small \
    OUT=$tmp/sharded bash examples/slurm/tournament-shards.sbatch --chunk 8 >"$tmp/stdout" 2>"$tmp/stderr"
  status=$?
  expect 0 "tournament-shards.sbatch, shard $shard/3"
done
t merge "$tmp"/sharded/shard-* --out "$tmp/sharded/all"
expect 0 "merge of the shards"
same "$tmp/plain-small/negotiations.csv" "$tmp/sharded/all/negotiations.csv" "merged shards: negotiations.csv"
same "$tmp/plain-small/summary.json" "$tmp/sharded/all/summary.json" "merged shards: summary.json"

if ((failures > 0)); then
  echo "slurm_example.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "slurm_example.sh: all checks passed"
