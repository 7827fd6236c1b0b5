#!/usr/bin/env bash
# flags.sh — every numeric and enumerated flag of every subcommand refuses a bad value with
# status 2 and the project's wording ("treatysim: error: --deadline: expected a number of offers
# from 1 to 1000000, got 1e12"), never CLI11's ("Could not convert", "not in range"); nothing is
# run and nothing goes to standard output.
#
# Usage (from the source root; CTest runs it as cli/flags):
#   bash tests/cli/flags.sh /path/to/treatysim
set -u

bin=${1:?usage: bash flags.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "flags.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/harness.sh"

scenario=configs/three-clauses.toml
lifecycle=configs/sta-2024.toml
matrix=configs/tournaments/hawk-dove.toml
tournament=tests/data/tournaments/small.toml

# refuses "ARGS" FLAG EXPECTED: `treatysim ARGS` exits 2, prints nothing, and says
# "treatysim: error: FLAG: EXPECTED" (EXPECTED is the whole message).
refuses() {
  local args=$1 flag=$2 expected=$3
  # shellcheck disable=SC2086  # the arguments are split into words on purpose
  t $args
  expect 2 "$args" || return
  [[ -z $out ]] || fail "$args: expected nothing on stdout, got: ${out:0:200}"
  [[ $err == "treatysim: error: $flag: $expected"* ]] ||
    fail "$args: expected 'treatysim: error: $flag: $expected', got: ${err:0:300}"
  [[ $err != *"Could not convert"* && $err != *"not in range"* ]] ||
    fail "$args: CLI11's wording: ${err:0:300}"
}

offers='expected a number of offers from 1 to 1000000, got'
threads='expected a number of threads (0: all cores) from 0 to 1024, got'

# [SECTION] --deadline (run, bench, play, import-genius) -------------------------------------------
for command in "run $scenario" "bench $scenario --negotiations 1" "play $scenario --as us" \
  "import-genius tests/data/genius/Handmade/handmade_domain.xml tests/data/genius/Handmade/handmade_a.xml tests/data/genius/Handmade/handmade_b.xml" \
  "import-geniusweb tests/data/geniusweb/Handmade/handmade.json tests/data/geniusweb/Handmade/handmade_a.json tests/data/geniusweb/Handmade/handmade_b.json" \
  "class $scenario --port 0"; do
  refuses "$command --deadline 1e12" --deadline "$offers \"1e12\""
  refuses "$command --deadline 99999999999" --deadline "$offers 99999999999"
  refuses "$command --deadline 1000001" --deadline "$offers 1000001"
  refuses "$command --deadline 0" --deadline "$offers 0"
  refuses "$command --deadline -3" --deadline "$offers -3"
  refuses "$command --deadline 2.5" --deadline "$offers \"2.5\""
  refuses "$command --deadline 010" --deadline "$offers \"010\""
  refuses "$command --deadline 0x10" --deadline "$offers \"0x10\""
  refuses "$command --deadline ten" --deadline "$offers \"ten\""
done

# [SECTION] --port (class) ------------------------------------------------------------------------
for value in 65536 1e3 -1 0x50 eighty; do
  expected="expected a port number (0: a free one) from 0 to 65535, got"
  case $value in 65536 | -1) shown=$value ;; *) shown="\"$value\"" ;; esac
  refuses "class $scenario --port $value" --port "$expected $shown"
done

# [SECTION] --seed (run, bench, simulate, play, evolve) ---------------------------------------------
for command in "run $scenario" "bench $scenario --negotiations 1" "simulate $lifecycle" \
  "play $scenario --as us" "evolve $matrix"; do
  refuses "$command --seed -1" --seed 'expected a non-negative whole number, got "-1"'
  refuses "$command --seed 1e3" --seed 'expected a non-negative whole number, got "1e3"'
  refuses "$command --seed 18446744073709551616" --seed \
    'expected a whole number from 0 to 18446744073709551615, got 18446744073709551616'
  refuses "$command --seed 010" --seed 'expected a whole number without leading zeros, got 010'
done

# [SECTION] counts --------------------------------------------------------------------------------
refuses "run $scenario --series 0" --series 'expected a number of negotiations from 1 to 1000000, got 0'
refuses "run $scenario --series 1e9" --series 'expected a number of negotiations from 1 to 1000000, got "1e9"'
refuses "run $scenario --series 1000001" --series 'expected a number of negotiations from 1 to 1000000, got 1000001'
refuses "bench $scenario --negotiations 0" --negotiations 'expected a number of negotiations from 1 to 1000000000, got 0'
refuses "bench $scenario --negotiations 1e30" --negotiations 'expected a number of negotiations from 1 to 1000000000, got "1e30"'
refuses "bench $scenario --negotiations 99999999999999999999" --negotiations \
  'expected a number of negotiations from 1 to 1000000000, got 99999999999999999999'
refuses "simulate $lifecycle --years 0" --years 'expected a number of years from 1 to 100, got 0'
refuses "simulate $lifecycle --years 101" --years 'expected a number of years from 1 to 100, got 101'
refuses "simulate $lifecycle --years 5.5" --years 'expected a number of years from 1 to 100, got "5.5"'
refuses "simulate $lifecycle --runs 0" --runs 'expected a number of runs from 1 to 10000000, got 0'
refuses "simulate $lifecycle --runs 1e12" --runs 'expected a number of runs from 1 to 10000000, got "1e12"'
refuses "evolve $matrix --generations 0" --generations 'expected a number of generations from 1 to 1000000, got 0'
refuses "evolve $matrix --generations 1e12" --generations 'expected a number of generations from 1 to 1000000, got "1e12"'
refuses "evolve $matrix --population 1" --population 'expected a population size from 2 to 100000, got 1'
refuses "evolve $matrix --population 4294967296" --population 'expected a population size from 2 to 100000, got 4294967296'
refuses "evolve $matrix --runs 0" --runs 'expected a number of runs from 1 to 10000000, got 0'
refuses "evolve $matrix --runs x" --runs 'expected a number of runs from 1 to 10000000, got "x"'
refuses "evolve $matrix --selection 1.5" --selection 'expected a selection intensity from 0 to 1, got 1.5'
refuses "evolve $matrix --selection nan" --selection 'expected a selection intensity from 0 to 1, got "nan"'
refuses "evolve $matrix --selection -inf" --selection 'expected a selection intensity from 0 to 1, got "-inf"'
refuses "evolve $matrix --selection 1e999" --selection 'expected a selection intensity from 0 to 1, got 1e999'
refuses "evolve $matrix --initial-shares 0.5,x" --initial-shares \
  'expected numbers separated by commas, one per strategy (e.g. 0.8,0.2), got "0.5,x"'

# [SECTION] --jobs (simulate, sweep, tune, tournament) --------------------------------------------
for command in "simulate $lifecycle --runs 2" "sweep configs/tournaments/boulware-e-sweep.toml" \
  "tune configs/tournaments/time-dependent-tune.toml" "tournament $tournament --out $tmp/never"; do
  refuses "$command --jobs -1" --jobs "$threads -1"
  refuses "$command --jobs 1025" --jobs "$threads 1025"
  refuses "$command --jobs 1e3" --jobs "$threads \"1e3\""
  refuses "$command --jobs 99999999999" --jobs "$threads 99999999999"
done
[[ -d $tmp/never ]] && fail "tournament with a bad --jobs: the output folder was created"
refuses "tournament $tournament --out $tmp/never --shard 0/2" --shard 'expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got "0/2"'
refuses "tournament $tournament --out $tmp/never --shard 3/2" --shard 'expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got "3/2"'

# [SECTION] enumerated flags ------------------------------------------------------------------------
refuses "run $scenario --format xml" --format 'expected text, json or csv, got "xml"'
refuses "simulate $lifecycle --format xml" --format 'expected text, json or csv, got "xml"'
refuses "agents --format yaml" --format 'expected text or json, got "yaml"'
refuses "bench $scenario --negotiations 1 --format csv" --format 'expected text or json, got "csv"'
refuses "analyze $scenario --format csv" --format 'expected text or json, got "csv"'
refuses "evolve $matrix --format csv" --format 'expected text or json, got "csv"'

# [SECTION] good values still pass --------------------------------------------------------------------
t run $scenario --deadline 1000000 --cn "random(accept=1)" --seed 0
expect 0 "run --deadline 1000000 --seed 0"
t evolve $matrix --selection 1e-3 --generations 3 --runs 5 --population 10
expect 0 "evolve with small settings"

if ((failures > 0)); then
  echo "flags.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "flags.sh: all checks passed"
