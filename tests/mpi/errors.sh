#!/usr/bin/env bash
# errors.sh — MPI runs speak with one voice and refuse what they cannot do:
#   - a bad file under mpirun: one "treatysim: error:" line (rank 0's), exit status 2;
#   - an interrupted folder without --resume, or another tournament's folder: refused once,
#     nothing written;
#   - a command that runs in one process (run, validate) under several ranks: refused;
#   - srun without an MPI plugin (several tasks, no PMI): refused before anything runs;
#   - simulate without --runs: printed once;
#   - simulate --runs, --traces and --shard over ranks: the same output and files as one process.
# In a sanitizer build this is the MPI test that LeakSanitizer watches (tests/CMakeLists.txt).
# Usage (from the source root; CTest runs it as mpi/errors):
#   bash tests/mpi/errors.sh /path/to/treatysim /path/to/mpirun
set -u

bin=${1:?usage: bash errors.sh /path/to/treatysim /path/to/mpirun}
mpirun=${2:?usage: bash errors.sh /path/to/treatysim /path/to/mpirun}
[[ -x $bin ]] || { echo "errors.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/mpi_harness.sh"

small=tests/data/tournaments/small.toml
# errors_once MESSAGE DESCRIPTION: status 2, nothing on stdout, and MESSAGE exactly once on stderr
# as "treatysim: error: MESSAGE" (mpirun adds its own note after it).
errors_once() {
  expect 2 "$2" || return
  [[ -z $out ]] || fail "$2: expected nothing on stdout, got: ${out:0:300}"
  local count
  count=$(grep -c '^treatysim: error: ' <<<"$err")
  [[ $count == 1 ]] || fail "$2: expected one error line, got $count: ${err:0:500}"
  grep -qxF "treatysim: error: $1" <<<"$err" || fail "$2: expected 'treatysim: error: $1', got: ${err:0:500}"
}

# A bad file: every rank finds the problem, rank 0 says it.
printf '[tournament]\nname = "bad"\nrepetitions = 0\n' >"$tmp/bad.toml"
t tournament "$tmp/bad.toml" --out "$tmp/bad"
expect 2 "bad tournament without MPI"
plain_error=${err#treatysim: error: }
mpi 3 tournament "$tmp/bad.toml" --out "$tmp/bad"
errors_once "$plain_error" "bad tournament on 3 ranks"
mpi 2 sweep "$tmp/bad.toml"
[[ $status == 2 && $(grep -c '^treatysim: error: ' <<<"$err") == 1 ]] ||
  fail "sweep of a tournament file on 2 ranks: expected one error and status 2, got $status: ${err:0:300}"

# A folder that holds an interrupted run, and a folder of another tournament: refused, unchanged.
t tournament "$small" --out "$tmp/one" --jobs 1
expect 0 "small without MPI"
mkdir "$tmp/cut"
head -c 2000 "$tmp/one/negotiations.csv" >"$tmp/cut/negotiations.csv.partial"
mpi 2 tournament "$small" --out "$tmp/cut"
errors_once "$tmp/cut: --out: holds an interrupted run: finish it with --resume, or choose another --out" "interrupted folder on 2 ranks"
mpi 2 tournament "$small" --out "$tmp/cut" --resume
expect 0 "--resume of a journal cut mid-line, on 2 ranks"
same "$tmp/one/negotiations.csv" "$tmp/cut/negotiations.csv" "resumed on 2 ranks: negotiations.csv"
same "$tmp/one/summary.json" "$tmp/cut/summary.json" "resumed on 2 ranks: summary.json"
cp -r "$tmp/one" "$tmp/one-before"
mpi 2 tournament tests/data/tournaments/interrupt.toml --out "$tmp/one" --resume
[[ $status == 2 && $err == *"plan.fingerprint: these results are from another tournament"* ]] ||
  fail "another tournament's folder on 2 ranks: expected a refusal, got $status: ${err:0:300}"
same "$tmp/one-before/negotiations.csv" "$tmp/one/negotiations.csv" "refused --resume: unchanged"

# Commands that run in one process are refused on several ranks, and allowed on one.
mpi 2 run configs/sta-2024.toml
errors_once "run: this command runs in one process; start it without mpirun or srun (the commands that spread over MPI ranks: tournament, sweep, tune, simulate --runs, evolve)" "run on 2 ranks"
mpi 1 validate configs/sta-2024.toml
expect 0 "validate on 1 rank"
[[ $out == "configs/sta-2024.toml: OK"* ]] || fail "validate on 1 rank: expected OK, got: ${out:0:300}"

# srun without an MPI plugin starts independent copies: each would run the whole job.
SLURM_STEP_NUM_TASKS=4 SLURM_PROCID=0 "$bin" tournament "$small" --out "$tmp/srun" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
IFS= read -r -d '' err <"$tmp/stderr"
[[ $status == 2 && $err == "treatysim: error: srun started 4 tasks without an MPI plugin"* ]] ||
  fail "srun without MPI: expected a refusal, got $status: ${err:0:300}"
[[ ! -e $tmp/srun ]] || fail "srun without MPI: nothing should be written"
SLURM_STEP_NUM_TASKS=4 SLURM_PROCID=2 "$bin" tournament "$small" --out "$tmp/srun" >"$tmp/stdout" 2>"$tmp/stderr"
[[ $? == 2 && ! -s $tmp/stderr ]] || fail "srun without MPI: only task 0 should print the refusal"

# simulate without --runs: one life, printed once.
t simulate configs/sta-2024.toml --format csv
one_life=$out
mpi 2 simulate configs/sta-2024.toml --format csv
expect 0 "simulate on 2 ranks"
[[ $out == "$one_life" ]] || fail "simulate on 2 ranks: expected the one-process output once"

# simulate --runs over 2 ranks (items through the rank map): printed once, as one process prints.
t simulate configs/sta-2024.toml --runs 6 --format csv --jobs 1
runs_plain=$out
mpi 2 simulate configs/sta-2024.toml --runs 6 --format csv --jobs 1
expect 0 "simulate --runs 6 on 2 ranks"
[[ $out == "$runs_plain" ]] || fail "simulate --runs 6 on 2 ranks: expected the one-process output once"

# --traces and --shard over ranks: the files of one process.
t tournament "$small" --out "$tmp/traced" --traces --jobs 1
mpi 3 tournament "$small" --out "$tmp/traced3" --traces --jobs 1 --chunk 4
expect 0 "--traces on 3 ranks"
diff -r "$tmp/traced" "$tmp/traced3" >/dev/null || fail "--traces on 3 ranks: the folders differ"
t tournament "$small" --out "$tmp/shard" --shard 2/3 --jobs 1
mpi 2 tournament "$small" --out "$tmp/shard2" --shard 2/3 --jobs 1 --chunk 2
expect 0 "--shard 2/3 on 2 ranks"
diff -r "$tmp/shard" "$tmp/shard2" >/dev/null || fail "--shard 2/3 on 2 ranks: the folders differ"

if ((failures > 0)); then
  echo "errors.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "errors.sh: all checks passed"
