#!/usr/bin/env bash
# run-fuzzers.sh — runs every libFuzzer target of tests/fuzz for a bounded time, and fails on any
# finding (a crash, a sanitizer report, a failed check, an uncaught exception, a leak, a hang or
# running out of memory), naming the file that holds the input.
#
# Usage (from the source root, after building the targets: make fuzz-build):
#   scripts/run-fuzzers.sh BUILD SECONDS [JOBS] [TARGET...]
#     BUILD    the fuzz build folder (build-fuzz), with fuzz/targets.txt and bin/fuzz_<name>
#     SECONDS  time per target
#     JOBS     targets run at once (default 2; one core each, so at most the machine's cores)
#     TARGET   run only these (default: every target of BUILD/fuzz/targets.txt)
#
# Each target starts from its committed seeds (tests/fuzz/corpus/<name>) and past findings
# (tests/data/fuzz-regressions/<name>), with its dictionary (tests/fuzz/dict/<name>.dict); what
# it discovers goes to BUILD/fuzz-corpus/<name> (kept between runs, never into the repository),
# and a finding to BUILD/fuzz-findings/<name>/. Limits, so that no input can take the machine:
#   -max_len      the target's largest input (targets.txt)
#   -rss_limit_mb 2048 per target (also the largest single allocation)
#   -timeout      10 s per input (a hang is a finding)
# Logs: BUILD/fuzz-logs/<name>.log.
set -uo pipefail

build=${1:?usage: run-fuzzers.sh BUILD SECONDS [JOBS] [TARGET...]}
seconds=${2:?usage: run-fuzzers.sh BUILD SECONDS [JOBS] [TARGET...]}
jobs=${3:-2}
shift $(($# < 3 ? $# : 3))
only=("$@")

readonly rss_limit_mb=2048
readonly timeout_s=10

[[ -f $build/fuzz/targets.txt ]] || { echo "run-fuzzers.sh: no $build/fuzz/targets.txt (make fuzz-build)" >&2; exit 2; }
mkdir -p "$build/fuzz-logs" "$build/fuzz-corpus" "$build/fuzz-findings"

# run_one NAME MAX_LEN: one target; status 0 when it found nothing.
run_one() {
  local name=$1 max_len=$2
  local corpus=$build/fuzz-corpus/$name findings=$build/fuzz-findings/$name
  local log=$build/fuzz-logs/$name.log
  mkdir -p "$corpus" "$findings"
  local seeds=(tests/fuzz/corpus/"$name")
  [[ -d tests/data/fuzz-regressions/$name ]] && seeds+=("tests/data/fuzz-regressions/$name")
  local start=$SECONDS
  "$build/bin/fuzz_$name" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb="$rss_limit_mb" \
    -timeout="$timeout_s" -dict="tests/fuzz/dict/$name.dict" \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  local status=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  if ((status == 0)); then
    printf 'fuzz %-14s ok: %s inputs in %d s, corpus %d files\n' "$name" "${runs:-?}" \
      $((SECONDS - start)) "$(find "$corpus" -type f | wc -l)"
    return 0
  fi
  {
    echo "fuzz $name: FINDING (exit status $status); log: $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed|.*runtime error|.*uncaught exception|ALARM|==[0-9]+== ERROR)' "$log" | head -5
    local artifact
    artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/Test unit written to //')
    echo "  the input is saved in ${artifact:-$findings/}"
    echo "  reproduce: $build/bin/fuzz_$name ${artifact:-$findings/<file>}"
    echo "  once fixed, keep it: cp ${artifact:-<file>} tests/data/fuzz-regressions/$name/"
  } >&2
  return 1
}

names=()
while read -r name max_len; do
  [[ -n $name ]] || continue
  if ((${#only[@]} > 0)) && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
  # At most $jobs at once: wait for one to finish before starting the next.
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
  rm -f "$build/fuzz-logs/$name.status"
  { run_one "$name" "$max_len"; echo $? >"$build/fuzz-logs/$name.status"; } &
  names+=("$name")
done <"$build/fuzz/targets.txt"
wait

failed=()
for name in "${names[@]}"; do
  [[ $(cat "$build/fuzz-logs/$name.status" 2>/dev/null) == 0 ]] || failed+=("$name")
done
if ((${#failed[@]} > 0)); then
  echo "run-fuzzers.sh: findings in: ${failed[*]} (inputs in $build/fuzz-findings/)" >&2
  exit 1
fi
echo "run-fuzzers.sh: ${#names[@]} targets, ${seconds} s each, no findings"
