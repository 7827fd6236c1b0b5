#!/usr/bin/env bash
# output_files.sh — end-to-end checks of the files treatysim writes with --out.
#
# Usage (from the source root; CTest runs it as cli/output_files):
#   bash tests/cli/output_files.sh /path/to/treatysim
# --out writes the whole file or nothing (no temporary files left behind, even on failure), a
# saved trace replays, and the same seed gives byte-identical files.
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash output_files.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "output_files.sh: $bin is not an executable" >&2; exit 1; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
work=$tmp/work     # where the commands write; checked for leftovers
logs=$tmp/logs     # captured stdout/stderr
mkdir "$work" "$logs" || exit 1

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Process start-up is the cost of this script: the helpers below use bash alone where they can.

# slurp VAR FILE: the whole of FILE in VAR.
slurp() { IFS= read -r -d '' "$1" <"$2"; }

# t ARGS...: runs treatysim; sets $status, $out (stdout) and $err (stderr), each without its
# final newline.
t() {
  "$bin" "$@" >"$logs/stdout" 2>"$logs/stderr"
  status=$?
  slurp out "$logs/stdout"
  slurp err "$logs/stderr"
  out=${out%$'\n'}
  err=${err%$'\n'}
}
expect() {
  if [[ $status != "$1" ]]; then
    fail "$2: exit status $status, expected $1 (stdout: ${out:0:300}) (stderr: ${err:0:300})"
    return 1
  fi
}
# entries DIR: sets $found to the names in DIR (hidden ones too), space-separated.
entries() {
  local path
  found=""
  for path in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    [[ -e $path || -L $path ]] && found+=" ${path##*/}"
  done
  found=${found# }
}
# only_files DESCRIPTION NAME...: the work directory holds exactly these names.
only_files() {
  local description=$1 name
  shift
  entries "$work"
  local ok=1
  for name in "$@"; do [[ " $found " == *" $name "* ]] || ok=0; done
  local -a listed=($found)
  [[ ${#listed[@]} == "$#" ]] || ok=0
  ((ok)) || fail "$description: expected only [$*] in the output directory, found [$found]"
}

# [SECTION] run --out writes the file, nothing else -------------------------------------------------
t run configs/sta-2024.toml --format json --out "$work/trace.json"
expect 0 "run --format json --out"
[[ -z $out ]] || fail "run --out: expected nothing on stdout, got: ${out:0:300}"
[[ -z $err ]] || fail "run --out: expected nothing on stderr, got: ${err:0:300}"
[[ -s $work/trace.json ]] || fail "run --out: $work/trace.json was not written"
only_files "run --out" trace.json
slurp trace "$work/trace.json"
[[ $trace == $'{\n  "format": "treatysim-trace",\n'* ]] || fail "run --out: the file is not a trace: ${trace:0:200}"
[[ $trace == *$'}\n' ]] || fail "run --out: the trace should end with a newline"

# The same as standard output, byte for byte.
"$bin" run configs/sta-2024.toml --format json >"$logs/stdout-trace.json"
cmp -s "$work/trace.json" "$logs/stdout-trace.json" || fail "run --out and run to stdout give different bytes"

# [SECTION] replay ------------------------------------------------------------------------------
t replay "$work/trace.json"
expect 0 "replay of the saved trace"
[[ $out == "$work/trace.json: identical ("* ]] || fail "replay: expected 'identical', got: $out"
only_files "replay (writes nothing)" trace.json

# [SECTION] determinism --------------------------------------------------------------------------
t run configs/three-clauses.toml --format json --seed 9 --us random --out "$work/a.json"
expect 0 "run seed 9 (first)"
t run configs/three-clauses.toml --format json --seed 9 --us random --out "$work/b.json"
expect 0 "run seed 9 (second)"
cmp -s "$work/a.json" "$work/b.json" || fail "the same seed gave different traces: $(cmp "$work/a.json" "$work/b.json")"
t run configs/three-clauses.toml --format csv --seed 9 --us random --out "$work/a.csv"
t run configs/three-clauses.toml --format csv --seed 9 --us random --out "$work/b.csv"
cmp -s "$work/a.csv" "$work/b.csv" || fail "the same seed gave different CSV files"
IFS= read -r header <"$work/a.csv"
[[ $header == 'offer,proposer,ip,data,dual_use,utility_us,utility_cn,response' ]] ||
  fail "run --format csv --out: unexpected header: $header"
t replay "$work/a.json"
expect 0 "replay of a stochastic run"

# An existing file is replaced whole.
t run configs/three-clauses.toml --format text --out "$work/a.json"
expect 0 "run --out over an existing file"
slurp replaced "$work/a.json"
[[ $replaced == *$'\nround  by  '* ]] || fail "run --out over an existing file: the file was not replaced"
[[ $replaced == *treatysim-trace* ]] && fail "run --out over an existing file: old content left in the file"
only_files "after the determinism checks" trace.json a.json b.json a.csv b.csv
rm -f "$work"/a.* "$work"/b.*

# [SECTION] --out that cannot be written: status 2, a message naming the file, nothing left ---------
t run configs/three-clauses.toml --format json --out "$work/no-such-dir/trace.json"
expect 2 "run --out into a missing directory"
[[ -z $out ]] || fail "run --out into a missing directory: expected nothing on stdout, got: ${out:0:300}"
[[ $err == "treatysim: error: $work/no-such-dir/trace.json: cannot write the file: "* ]] ||
  fail "run --out into a missing directory: the message should name the file: $err"
[[ -e $work/no-such-dir ]] && fail "run --out into a missing directory: created $work/no-such-dir"
only_files "run --out into a missing directory" trace.json

mkdir "$work/a-directory"
t run configs/three-clauses.toml --format json --out "$work/a-directory"
expect 2 "run --out onto a directory"
[[ $err == "treatysim: error: $work/a-directory: cannot write the file: "* ]] ||
  fail "run --out onto a directory: the message should name the file: $err"
entries "$work/a-directory"
[[ -z $found ]] || fail "run --out onto a directory: wrote into it"
only_files "run --out onto a directory" trace.json a-directory
rmdir "$work/a-directory"

# A failed run (bad strategy) writes nothing.
t run configs/three-clauses.toml --format json --us nosuch --out "$work/never.json"
expect 2 "run --out with a bad strategy"
only_files "run --out with a bad strategy" trace.json

# [SECTION] every config runs, saves and replays --------------------------------------------------
for config in configs/split-the-pie.toml configs/three-clauses.toml configs/sta-2024.toml; do
  name=${config##*/}
  name=${name%.toml}
  t run "$config" --format json --out "$work/$name.json"
  expect 0 "run --format json on $config" || continue
  slurp trace "$work/$name.json"
  [[ $trace == *$'\n'"    \"id\": \"$name\","$'\n'* ]] || fail "run on $config: the trace does not name scenario $name"
  [[ $trace == *$'\n    "end": "'* ]] || fail "run on $config: the trace has no result"
  t replay "$work/$name.json"
  expect 0 "replay of $config"
  for format in text csv; do
    t run "$config" --format "$format"
    expect 0 "run --format $format on $config"
    [[ -n $out ]] || fail "run --format $format on $config: no output"
  done
done
only_files "after running every config" trace.json split-the-pie.json three-clauses.json sta-2024.json

if ((failures > 0)); then
  echo "output_files.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "output_files.sh: all checks passed"
