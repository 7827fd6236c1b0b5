#!/usr/bin/env bash
# faults.sh — a distributed tournament that is stopped or loses a rank keeps a valid journal, and
# --resume, with another number of ranks or without MPI, finishes it to the same files as an
# uninterrupted run:
#   - kill -9 of rank 1 (a worker) mid-run: mpirun ends the job naming the rank; resumed on 2 ranks;
#   - kill -9 of rank 0 (the writer) mid-run: the journal may end mid-line; resumed without MPI;
#   - kill -9 of mpirun (the whole job): the ranks end; resumed on 3 ranks;
#   - SIGTERM to every rank (what scancel and mpirun's Ctrl-C send): a clean stop, exit status
#     130, the interruption note; resumed on 3 ranks;
#   - Ctrl-C (SIGINT) of mpirun itself: the files are whole (complete or not); resumed;
#   - a rank frozen for good (a hung node) holds nobody back: its chunk is played again by
#     another rank, and the run completes while it is frozen.
# The ranks are frozen (SIGSTOP) once the journal holds a row, so that each signal lands mid-run
# however fast the machine is.
# Usage (from the source root; CTest runs it as mpi/faults):
#   bash tests/mpi/faults.sh /path/to/treatysim /path/to/mpirun [release|sanitizers]
# A sanitizer build plays about 20 times slower: it gets a tournament 20 times smaller, which
# lasts as long.
set -u

bin=${1:?usage: bash faults.sh /path/to/treatysim /path/to/mpirun}
mpirun=${2:?usage: bash faults.sh /path/to/treatysim /path/to/mpirun}
[[ -x $bin ]] || { echo "faults.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/mpi_harness.sh"

mode=${3:-release}
repetitions=200
chunk=16
if [[ $mode == sanitizers ]]; then
  repetitions=10
  chunk=2
fi
total=$((6 * repetitions))
long=$tmp/slow.toml
slow_tournament "$long" "$repetitions"
t tournament "$long" --jobs 1 --out "$tmp/whole"
expect 0 "the uninterrupted run"

# same_run DIR DESCRIPTION: DIR holds the uninterrupted run's files.
same_run() {
  same "$tmp/whole/negotiations.csv" "$1/negotiations.csv" "$2: negotiations.csv"
  same "$tmp/whole/summary.json" "$1/summary.json" "$2: summary.json"
}

# start N DIR: starts the tournament on N ranks into DIR in the background (sets $job), waits
# until the journal holds a row, and freezes every rank (sets $ranks: "PID RANK" lines).
start() {
  "$mpirun" --oversubscribe -np "$1" "$bin" tournament "$long" --jobs 1 --chunk "$chunk" --out "$2" \
    >"$tmp/stdout" 2>"$tmp/stderr" &
  job=$!
  wait_for_rows "$2/negotiations.csv.partial" 2 || fail "start: no row written by $2"
  ranks=""
  local r pid
  for ((r = 0; r < $1; r++)); do
    pid=$(rank_pid "$job" "$r")
    [[ -n $pid ]] || fail "start: rank $r not found"
    kill -STOP "$pid"
    ranks+="$pid $r"$'\n'
  done
}
pid_of() { awk -v r="$1" '$2 == r { print $1 }' <<<"$ranks"; }
thaw() { awk '{ print $1 }' <<<"$ranks" | xargs -r kill -CONT 2>/dev/null; }
finish() {
  wait "$job"
  status=$?
  IFS= read -r -d '' err <"$tmp/stderr"
}

# kill -9 of a worker: mpirun ends the job and names the rank; the journal is valid.
start 3 "$tmp/worker-killed"
kill -KILL "$(pid_of 1)"
thaw
finish
[[ $status != 0 ]] || fail "kill -9 of rank 1: expected a non-zero exit status"
[[ $err == *"rank 1"*"signal 9"* ]] || fail "kill -9 of rank 1: expected mpirun to name rank 1 and signal 9, got: ${err:0:500}"
# The thawed ranks 0 and 2 may finish the run (rank 0 hands the lost rank's chunks to rank 2)
# before mpirun ends the job on a loaded machine: then the files must be the whole run's.
if grep -q '"complete": true' "$tmp/worker-killed/summary.json"; then
  same_run "$tmp/worker-killed" "kill -9 of rank 1, finished by the other ranks"
else
  grep -q '"complete": false' "$tmp/worker-killed/summary.json" ||
    fail "kill -9 of rank 1: the summary should be marked incomplete"
  t tournament "$long" --out "$tmp/worker-killed"
  [[ $status == 2 && $err == *"holds an interrupted run"* ]] ||
    fail "kill -9 of rank 1: the folder should hold an interrupted run, got $status: ${err:0:300}"
  mpi 2 tournament "$long" --jobs 1 --out "$tmp/worker-killed" --resume
  expect 0 "kill -9 of rank 1: resumed on 2 ranks"
  same_run "$tmp/worker-killed" "kill -9 of rank 1, resumed on 2 ranks"
fi

# kill -9 of the writer: whatever the journal holds is a prefix (maybe cut mid-line).
start 2 "$tmp/writer-killed"
kill -KILL "$(pid_of 0)"
thaw
finish
[[ $status != 0 ]] || fail "kill -9 of rank 0: expected a non-zero exit status"
[[ -f $tmp/writer-killed/negotiations.csv.partial ]] || fail "kill -9 of rank 0: the journal should be left"
t tournament "$long" --jobs 1 --out "$tmp/writer-killed" --resume
expect 0 "kill -9 of rank 0: resumed without MPI"
same_run "$tmp/writer-killed" "kill -9 of rank 0, resumed without MPI"

# kill -9 of the whole job (mpirun itself, as a lost login node would): the ranks lose their
# launcher and end; the journal is a prefix, and --resume on 3 ranks finishes it.
start 2 "$tmp/job-killed"
kill -KILL "$job"
thaw
wait "$job" 2>/dev/null
for _ in $(seq 1 2000); do
  alive=$(awk '{ print $1 }' <<<"$ranks" | xargs -r ps -o pid= -p 2>/dev/null || true)
  [[ -z $alive ]] && break
  sleep 0.01
done
[[ -z $alive ]] || fail "kill -9 of mpirun: the ranks should end, still running: $alive"
# The thawed ranks may still finish the run before they notice their launcher is gone (a loaded
# machine schedules the launcher's daemon late): then the files must be the whole run's.
if [[ -f $tmp/job-killed/negotiations.csv.partial ]]; then
  mpi 3 tournament "$long" --jobs 1 --out "$tmp/job-killed" --resume
  expect 0 "kill -9 of mpirun: resumed on 3 ranks"
  same_run "$tmp/job-killed" "kill -9 of mpirun, resumed on 3 ranks"
else
  [[ -f $tmp/job-killed/negotiations.csv ]] ||
    fail "kill -9 of mpirun: neither the journal nor the finished files were left"
  same_run "$tmp/job-killed" "kill -9 of mpirun, finished before the ranks ended"
fi

# SIGTERM to every rank: a clean stop on every rank, as one process stops on Ctrl-C.
start 2 "$tmp/terminated"
awk '{ print $1 }' <<<"$ranks" | xargs kill -TERM
thaw
finish
expect 130 "SIGTERM to every rank"
[[ $err == *"treatysim: interrupted after "*" of $total negotiations"* ]] ||
  fail "SIGTERM: expected the interruption note, got: ${err:0:500}"
grep -q '"complete": false' "$tmp/terminated/summary.json" || fail "SIGTERM: the summary should be marked incomplete"
[[ -f $tmp/terminated/negotiations.csv && ! -e $tmp/terminated/negotiations.csv.partial ]] ||
  fail "SIGTERM: the journal should be moved into place"
rows=$(($(wc -l <"$tmp/terminated/negotiations.csv") - 1))
((rows > 0 && rows < total)) || fail "SIGTERM: expected some of the $total rows kept, got $rows"
mpi 3 tournament "$long" --jobs 1 --out "$tmp/terminated" --resume
expect 0 "SIGTERM: resumed on 3 ranks"
same_run "$tmp/terminated" "SIGTERM, resumed on 3 ranks"

# Ctrl-C of mpirun: it sends SIGTERM to the ranks (and SIGKILL a second later); the files are
# whole, and --resume finishes them.
"$mpirun" --oversubscribe -np 2 "$bin" tournament "$long" --jobs 1 --chunk "$chunk" --out "$tmp/ctrl-c" \
  >"$tmp/stdout" 2>"$tmp/stderr" &
job=$!
wait_for_rows "$tmp/ctrl-c/negotiations.csv.partial" 2 || fail "Ctrl-C: no row written"
kill -INT "$job"
finish
[[ -f $tmp/ctrl-c/summary.json && -f $tmp/ctrl-c/negotiations.csv ]] ||
  fail "Ctrl-C of mpirun: expected summary.json and negotiations.csv, got: $(ls "$tmp/ctrl-c")"
t tournament "$long" --jobs 2 --out "$tmp/ctrl-c" --resume
expect 0 "Ctrl-C of mpirun: resumed without MPI"
same_run "$tmp/ctrl-c" "Ctrl-C of mpirun, resumed"

# A hung rank: rank 2 frozen midway; the others finish the run, its chunk included.
start 3 "$tmp/hung"
kill -CONT "$(pid_of 0)" "$(pid_of 1)"
for _ in $(seq 1 6000); do
  grep -qs '"complete": true' "$tmp/hung/summary.json" && break
  sleep 0.01
done
grep -q '"complete": true' "$tmp/hung/summary.json" ||
  fail "a frozen rank: the others should complete the run while it is frozen"
same_run "$tmp/hung" "a frozen rank, the run completed without it"
kill -CONT "$(pid_of 2)"
finish
expect 0 "a frozen rank, thawed at the end"

if ((failures > 0)); then
  echo "faults.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "faults.sh: all checks passed"
