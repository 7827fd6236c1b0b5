# mpi_harness.sh — shared helpers of the MPI end-to-end scripts (sourced; CTest runs only
# tests/mpi/*.sh). Expects $bin (the treatysim executable) and $mpirun (OpenMPI's mpirun) set.
# CTest runs these scripts with OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM), OMPI_MCA_btl=self,vader and
# OMPI_MCA_pml=ob1 in their own environment (tests/CMakeLists.txt): CI runs as root, and one node
# needs no network.
source "$(dirname "${BASH_SOURCE[0]}")/../../cli/lib/harness.sh"

# mpi N ARGS...: runs treatysim on N ranks; sets $status, $out and $err like t().
mpi() {
  local np=$1
  shift
  "$mpirun" --oversubscribe -np "$np" "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  status=$?
  IFS= read -r -d '' out <"$tmp/stdout"
  IFS= read -r -d '' err <"$tmp/stderr"
  out=${out%$'\n'}
  err=${err%$'\n'}
}

# same FILE_A FILE_B DESCRIPTION: the two files are byte-identical.
same() { cmp -s "$1" "$2" || fail "$3: $1 and $2 differ"; }

# rank_pid MPIRUN_PID RANK: the PID of that rank among mpirun's children (empty when gone).
rank_pid() {
  local child
  for child in $(pgrep -P "$1"); do
    if tr '\0' '\n' <"/proc/$child/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
      echo "$child"
      return
    fi
  done
}

# wait_for_rows FILE N: waits (up to ~20 s) until FILE exists with at least N lines.
wait_for_rows() {
  local _
  for _ in $(seq 1 2000); do
    [[ -f $1 && $(wc -l <"$1") -ge $2 ]] && return 0
    sleep 0.01
  done
  return 1
}

# slow_tournament FILE REPETITIONS: writes a tournament of long negotiations to FILE — 3 competitors,
# both sides, 6·REPETITIONS negotiations of up to 20000 offers each (about 0.8 ms apiece in a
# Release build) — so that a run lasts long enough to be frozen and signalled midway on any
# machine, while the test stays short.
slow_tournament() {
  cat >"$1" <<TOML
[tournament]
name = "slow"
repetitions = $2
seed = 5
deadline = 20000

[[competitors]]
label = "hardliner"
strategy = "hardliner"

[[competitors]]
label = "boulware"
strategy = "boulware(e=0.02)"

[[competitors]]
label = "random"
strategy = "random(accept=0.0001)"

[[scenarios]]
file = "$(pwd)/configs/three-clauses.toml"
TOML
}
