#!/usr/bin/env bash
# mpi_scaling.sh — the scaling of a tournament over MPI ranks on this machine, and what limits it
# beyond (docs/clusters.md, "Measured"):
#   1. a 200,112-negotiation tournament (12 presets on three-clauses and sta-2024, both sides, as
#      bench/tournament_bench.cpp's) without MPI with --jobs 1 and --jobs 2, and with
#      `mpirun -np 1` and `-np 2`, --jobs 1 each: wall-clock and CPU seconds, the median of
#      REPEAT runs; the speed-up of 2 ranks over 1, and the overhead of 2 ranks over 2 threads;
#      the files of every run compared byte for byte;
#   2. treatysim_mpi_bench on 2 ranks: rank 0's cost per negotiation received, the messages'
#      sizes and round trips, and the predicted scaling to 64 and 1,024 ranks.
# The load average is printed before each run: on a shared machine, measure when it is low, or
# (as root) set PRIORITY=high: the script then runs in a session of its own whose scheduling group
# has nice -20 (/proc/self/autogroup), so that other sessions' work barely slows the runs — with
# autogroups a plain `nice` only ranks processes within their own session.
# Usage: [PRIORITY=high] bench/mpi_scaling.sh [BUILD_DIR=build] [REPEAT=3] [REPETITIONS=758]
set -euo pipefail

if [[ ${PRIORITY:-} == high && -z ${MPI_SCALING_PRIORITY_SET:-} ]]; then
  export MPI_SCALING_PRIORITY_SET=1
  exec setsid bash -c 'echo -20 >/proc/self/autogroup && exec nice -n -20 bash "$0" "$@"' "$0" "$@"
fi

build=${1:-build}
repeat=${2:-3}
repetitions=${3:-758}
bin=$build/bin/treatysim
bench=$build/bin/treatysim_mpi_bench
[[ -x $bin && -x $bench ]] || { echo "build $bin and $bench first (TREATYSIM_MPI=ON)" >&2; exit 1; }
root=$(pwd)
# One node: shared memory only, and OpenMPI's ob1 messaging layer rather than probing for UCX
# (0.2 s at every start); on a cluster leave both to OpenMPI.
export OMPI_MCA_btl=self,vader OMPI_MCA_pml=ob1
if [[ $(id -u) == 0 ]]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file=$dir/bench.toml
{
  printf '[tournament]\nname = "bench"\nseed = 1\nrepetitions = %d\n' "$repetitions"
  for c in boulware linear conceder hardliner time_dependent_exp random boa relative_tit_for_tat \
    absolute_tit_for_tat nice_tit_for_tat pareto_follower bandit; do
    printf '[[competitors]]\nlabel = "%s"\nstrategy = "%s"\n' "$c" "$c"
  done
  for s in three-clauses sta-2024; do printf '[[scenarios]]\nfile = "%s/configs/%s.toml"\n' "$root" "$s"; done
} >"$file"
negotiations=$((repetitions * 12 * 11 * 2))

# timed NAME COMMAND...: runs COMMAND (output to $dir/NAME), appends "wall cpu" to $dir/NAME.times.
timed() {
  local name=$1
  shift
  rm -rf "$dir/$name"
  local start end
  start=$(date +%s.%N)
  local cpu_before cpu_after
  cpu_before=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
  "$@" --out "$dir/$name" >/dev/null 2>"$dir/$name.err"
  end=$(date +%s.%N)
  cpu_after=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
  local ticks
  ticks=$(getconf CLK_TCK)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') $(awk -v a="$cpu_before" -v b="$cpu_after" -v t="$ticks" 'BEGIN { printf "%.2f", (b - a) / t }')" >>"$dir/$name.times"
}
median_wall() { sort -n "$dir/$1.times" | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'; }
median_cpu() { sort -n "$dir/$1.times" | awk '{ c[NR] = $2 } END { print c[int((NR + 1) / 2)] }'; }

echo "MPI scaling: tournament of 12 presets on three-clauses + sta-2024, $negotiations negotiations"
echo "  $(nproc) cores; $(mpirun --version | head -1); ${repeat} runs each, median"
runs=(threads1 threads2 ranks1 ranks2)
for ((i = 1; i <= repeat; i++)); do
  for name in "${runs[@]}"; do
    echo "  run $i $name: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    case $name in
      threads1) timed threads1 "$bin" tournament "$file" --jobs 1 ;;
      threads2) timed threads2 "$bin" tournament "$file" --jobs 2 ;;
      ranks1) timed ranks1 mpirun -np 1 "$bin" tournament "$file" --jobs 1 ;;
      ranks2) timed ranks2 mpirun -np 2 "$bin" tournament "$file" --jobs 1 ;;
    esac
  done
done
echo "  after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
# mpirun's own cost, once per run whatever its length: starting the ranks, MPI_Init, MPI_Finalize
# and the end (treatysim --version initialises MPI under mpirun like any command).
for ((i = 1; i <= repeat; i++)); do
  for np in 1 2; do
    start=$(date +%s.%N)
    mpirun -np "$np" "$bin" --version >/dev/null 2>&1
    echo "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }') 0" >>"$dir/launch$np.times"
  done
done
identical=yes
for name in threads2 ranks1 ranks2; do
  for f in negotiations.csv summary.json; do
    cmp -s "$dir/threads1/$f" "$dir/$name/$f" || identical=NO
  done
done
printf '  %-34s %8s %8s %14s\n' "" "wall s" "CPU s" "negotiations/s"
for name in "${runs[@]}"; do
  case $name in
    threads1) label="no MPI, --jobs 1" ;;
    threads2) label="no MPI, --jobs 2 (threads)" ;;
    ranks1) label="mpirun -np 1, --jobs 1" ;;
    ranks2) label="mpirun -np 2, --jobs 1 (ranks)" ;;
  esac
  w=$(median_wall "$name")
  printf '  %-34s %8.2f %8.2f %14.0f\n' "$label" "$w" "$(median_cpu "$name")" "$(awk -v n="$negotiations" -v w="$w" 'BEGIN { print n / w }')"
done
awk -v r1="$(median_wall ranks1)" -v r2="$(median_wall ranks2)" -v t1="$(median_wall threads1)" \
  -v t2="$(median_wall threads2)" 'BEGIN {
    printf "  speed-up of 2 ranks over 1 rank: %.2fx (over one process, one thread: %.2fx)\n", r1 / r2, t1 / r2
    printf "  2 ranks vs 2 threads (MPI overhead at the same core count): %+.1f%%\n", 100 * (r2 / t2 - 1)
    printf "  speed-up of 2 threads over 1: %.2fx\n", t1 / t2 }'
awk -v r1="$(median_wall ranks1)" -v r2="$(median_wall ranks2)" -v t2="$(median_wall threads2)" \
  -v l1="$(median_wall launch1)" -v l2="$(median_wall launch2)" 'BEGIN {
    printf "  mpirun start and end (np 1, np 2, with nothing to play): %.2f s, %.2f s per run\n", l1, l2
    printf "  without it: speed-up of 2 ranks over 1 rank %.2fx; 2 ranks vs 2 threads %+.1f%%\n", (r1 - l1) / (r2 - l2), 100 * ((r2 - l2) / t2 - 1) }'
echo "  files identical (threads, 1 rank, 2 ranks): $identical"
grep -h "played by rank" "$dir/ranks2.err" | sed 's/^/  /' || true

echo
mpirun -np 2 "$bench" "$file" 4096
