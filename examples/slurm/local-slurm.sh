#!/usr/bin/env bash
# local-slurm.sh — the batch scripts of this folder under a real Slurm: a private one-node cluster
# (slurmctld and slurmd on this machine, munge for authentication) started in a temporary folder,
# the scripts submitted with sbatch, their files compared byte for byte with a run of one process,
# and the cluster stopped. Not part of `make test` (it needs root and Debian's slurmctld, slurmd,
# slurm-client and munge: `apt-get install slurmctld slurmd slurm-client munge`);
# tests/mpi/slurm_example.sh runs the same scripts' commands without Slurm in every test run.
#
# What it checks:
#   1. tournament.sbatch under OpenMPI's mpirun (which reads the allocation), 2 tasks;
#   2. the same with LAUNCHER=srun (`srun --mpi=pmix`);
#   3. a longer tournament stopped by `scancel --signal=TERM --batch` (what `--signal=B:TERM@300`
#      sends before the time limit), then tournament-resume.sbatch chained with
#      --dependency=afterany on 1 task of 2 CPUs;
#   4. tournament-shards.sbatch as a job array of 3 shards, merged by a job that depends on it.
# Usage (from the source root, as root): bash examples/slurm/local-slurm.sh [build/bin/treatysim]
set -euo pipefail

bin=$(realpath "${1:-build/bin/treatysim}")
[[ -x $bin ]] || { echo "local-slurm.sh: build $bin first (TREATYSIM_MPI=ON)" >&2; exit 1; }
for tool in slurmctld slurmd sbatch munge; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] ||
    { echo "local-slurm.sh: $tool is missing (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "local-slurm.sh: run it as root (slurmd starts jobs as their user)" >&2; exit 1; }
root=$(pwd)
dir=$(mktemp -d)
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
stop_daemons() {
  local f
  for f in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.pid; do
    [[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$dir"
}
trap stop_daemons EXIT

# munge: the machine's daemon if one answers, else one of our own.
if ! munge -n >/dev/null 2>&1; then
  mkdir -p /run/munge
  chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged
  sleep 1
  pgrep -u munge -n munged >"$dir/munged.pid"
  munge -n >/dev/null || { echo "local-slurm.sh: munged does not answer" >&2; exit 1; }
fi

host=$(hostname -s)
mkdir -p "$dir"/{state,spool,log,out}
cat >"$dir/slurm.conf" <<CONF
ClusterName=local
SlurmctldHost=$host
SlurmctldPort=${SLURMCTLD_PORT:-16817}
SlurmdPort=${SLURMD_PORT:-16818}
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
KillWait=5
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 100); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o %T | grep -q idle || { echo "local-slurm.sh: the node did not come up: $(tail -3 "$dir"/log/*.log)" >&2; exit 1; }
echo "local-slurm.sh: one-node Slurm $(sinfo --version) up on $host, $(nproc) CPUs"

# One node: shared memory, no UCX probing; mpirun refuses root unless allowed.
export OMPI_MCA_btl=self,vader OMPI_MCA_pml=ob1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export TREATYSIM=$bin
out=$dir/out
small=configs/tournaments/round-robin-12.toml
"$bin" tournament "$small" --jobs 1 --out "$out/plain" >/dev/null 2>&1
# same_files DIR_A DIR_B WHAT: negotiations.csv and summary.json are the same bytes.
same_files() {
  local f
  for f in negotiations.csv summary.json; do
    cmp -s "$1/$f" "$2/$f" || { fail "$3: $f differs from one process's"; return; }
  done
  echo "ok: $3"
}
# Two tasks of one CPU each (the scripts' #SBATCH sizes are a cluster's: overridden here).
size=(--nodes=1 --ntasks-per-node=2 --cpus-per-task=1 --time=00:10:00)

# 1 and 2: the tournament under mpirun, then under srun --mpi=pmix.
sbatch -W "${size[@]}" --output="$out/mpirun-%j.log" --export="ALL,TOURNAMENT=$small,OUT=$out/mpirun" \
  examples/slurm/tournament.sbatch >/dev/null || fail "tournament.sbatch: $(cat "$out"/mpirun-*.log)"
same_files "$out/plain" "$out/mpirun" "tournament.sbatch, mpirun on 2 tasks"
sbatch -W "${size[@]}" --output="$out/srun-%j.log" \
  --export="ALL,LAUNCHER=srun,TOURNAMENT=$small,OUT=$out/srun" examples/slurm/tournament.sbatch >/dev/null ||
  fail "tournament.sbatch with srun: $(cat "$out"/srun-*.log)"
grep -q '2 ranks (PMIx)' "$out"/srun-*.log || fail "tournament.sbatch with srun: expected 2 ranks started by PMIx"
same_files "$out/plain" "$out/srun" "tournament.sbatch, srun --mpi=pmix on 2 tasks"

# 3: stopped by the time limit's warning, resumed by a chained job of another size.
cat >"$dir/slow.toml" <<TOML
[tournament]
name = "slow"
repetitions = 1000
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
file = "$root/configs/three-clauses.toml"
TOML
"$bin" tournament "$dir/slow.toml" --jobs 2 --out "$out/slow-plain" >/dev/null 2>&1
first=$(sbatch --parsable "${size[@]}" --output="$out/slow-%j.log" \
  --export="ALL,TOURNAMENT=$dir/slow.toml,OUT=$out/slow" examples/slurm/tournament.sbatch)
resume=$(sbatch --parsable --dependency="afterany:$first" --nodes=1 --ntasks-per-node=1 --cpus-per-task=2 \
  --output="$out/resume-%j.log" --export="ALL,TOURNAMENT=$dir/slow.toml,OUT=$out/slow" \
  examples/slurm/tournament-resume.sbatch)
for _ in $(seq 1 3000); do
  [[ -f $out/slow/negotiations.csv.partial && $(wc -l <"$out/slow/negotiations.csv.partial") -gt 1 ]] && break
  sleep 0.01
done
scancel --signal=TERM --batch "$first"
while squeue -h -j "$first,$resume" 2>/dev/null | grep -q .; do sleep 0.5; done
if grep -q "stopped (status" "$out/slow-$first.log"; then
  echo "ok: tournament.sbatch stopped by SIGTERM to the batch script; its log:"
  grep -v '^negotiations ' "$out/slow-$first.log" | sed 's/^/    /'
else
  echo "note: the run finished before the signal landed"
fi
grep -q "^Wrote " "$out/resume-$resume.log" || fail "tournament-resume.sbatch: $(tail -5 "$out/resume-$resume.log")"
same_files "$out/slow-plain" "$out/slow" "tournament-resume.sbatch after the stop, 1 task × 2 threads"

# 4: a job array of shards, merged by a job that waits for all of them.
array=$(sbatch --parsable --array=1-3 "${size[@]}" --output="$out/shard-%A-%a.log" \
  --export="ALL,TOURNAMENT=$small,OUT=$out/big" examples/slurm/tournament-shards.sbatch)
sbatch -W --dependency="afterok:$array" --output="$out/merge-%j.log" \
  --wrap "$bin merge $out/big/shard-* --out $out/big/all" >/dev/null || fail "merge: $(cat "$out"/merge-*.log)"
same_files "$out/plain" "$out/big/all" "tournament-shards.sbatch as --array=1-3, merged"

if ((failures > 0)); then
  echo "local-slurm.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "local-slurm.sh: all checks passed"
