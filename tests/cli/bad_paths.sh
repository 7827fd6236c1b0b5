#!/usr/bin/env bash
# bad_paths.sh — every command that reads a file refuses, at once and with status 2, a path that
# is not a regular file (a directory, /dev/zero, /dev/urandom, a FIFO) or a file over its limit
# (docs/reliability.md), naming the file; a file over the limit is refused before it is read
# (peak memory stays far below its size). Once, `validate /dev/zero` never returned, and
# replay, import-genius, evolve and analyze of /dev/zero aborted when memory ran out.
#
# Usage (from the source root; CTest runs it as cli/bad_paths):
#   bash tests/cli/bad_paths.sh /path/to/treatysim
set -u

bin=${1:?usage: bash bad_paths.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "bad_paths.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/harness.sh"

# Every check runs under a time limit: a reader that blocks or reads for ever fails it.
t() {
  timeout 20 "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
  status=$?
  IFS= read -r -d '' out <"$tmp/stdout"
  IFS= read -r -d '' err <"$tmp/stderr"
  out=${out%$'\n'}
  err=${err%$'\n'}
}

mkfifo "$tmp/fifo"
mkdir "$tmp/folder"
# Sparse files: their size on disk is nothing, but reading one whole would take its size in memory.
truncate -s 50M "$tmp/big.toml"          # over the 16 MiB limit of text files
truncate -s 200M "$tmp/big-summary.json" # over the 128 MiB limit of summaries (evolve, merge)
truncate -s 600M "$tmp/big-trace.json"   # over the 512 MiB limit of traces (replay)

device='is a character device such as /dev/zero or a terminal (expected a regular file)'
# message PATH: what the reader says of PATH.
message() {
  case $1 in
    /dev/zero | /dev/urandom) echo "$1: $device" ;;
    "$tmp/fifo") echo "$1: is a FIFO, a named pipe (expected a regular file)" ;;
    "$tmp/folder") echo "$1: is a directory (expected a file)" ;;
    "$tmp/big.toml") echo "$1: is too large: 50 MiB (52428800 bytes); files of this kind may be at most 16 MiB (docs/reliability.md)" ;;
    "$tmp/big-summary.json") echo "$1: is too large: 200 MiB (209715200 bytes); files of this kind may be at most 128 MiB (docs/reliability.md)" ;;
    "$tmp/big-trace.json") echo "$1: is too large: 600 MiB (629145600 bytes); files of this kind may be at most 512 MiB (docs/reliability.md)" ;;
  esac
}

# refuses DESCRIPTION PATH COMMAND...: the command (with PATH in it) exits 2 with PATH's message.
refuses() {
  local description=$1 path=$2
  shift 2
  t "$@"
  expect 2 "$description" || return
  [[ -z $out ]] || fail "$description: expected nothing on stdout, got: ${out:0:200}"
  [[ $err == "treatysim: error: "*"$(message "$path")"* ]] ||
    fail "$description: expected '$(message "$path")' in: ${err:0:400}"
}

bad=(/dev/zero /dev/urandom "$tmp/fifo" "$tmp/folder")
for path in "${bad[@]}" "$tmp/big.toml"; do
  refuses "validate $path" "$path" validate "$path"
  refuses "run $path" "$path" run "$path"
  refuses "analyze $path" "$path" analyze "$path"
  refuses "simulate $path" "$path" simulate "$path"
  refuses "play $path" "$path" play "$path" --as us
  refuses "bench $path" "$path" bench "$path" --negotiations 1
  refuses "sweep $path" "$path" sweep "$path"
  refuses "tune $path" "$path" tune "$path"
  refuses "tournament $path" "$path" tournament "$path" --out "$tmp/never"
  refuses "import-genius $path (domain)" "$path" import-genius "$path" \
    tests/data/genius/Handmade/handmade_a.xml tests/data/genius/Handmade/handmade_b.xml
  refuses "import-genius $path (a profile)" "$path" import-genius \
    tests/data/genius/Handmade/handmade_domain.xml tests/data/genius/Handmade/handmade_a.xml "$path"
  refuses "import-geniusweb $path (domain)" "$path" import-geniusweb "$path" \
    tests/data/geniusweb/Handmade/handmade_a.json tests/data/geniusweb/Handmade/handmade_b.json
  refuses "import-geniusweb $path (a profile)" "$path" import-geniusweb \
    tests/data/geniusweb/Handmade/handmade.json "$path" tests/data/geniusweb/Handmade/handmade_b.json
done
for path in "${bad[@]}"; do
  refuses "class-export $path" "$path" class-export "$path" --out "$tmp/never"
  refuses "class --db $path" "$path" class configs/three-clauses.toml --db "$path" --port 0
done
for path in "${bad[@]}" "$tmp/big-summary.json"; do
  refuses "evolve $path" "$path" evolve "$path"
done
for path in "${bad[@]}" "$tmp/big-trace.json"; do
  refuses "replay $path" "$path" replay "$path"
done
[[ -d $tmp/never ]] && fail "tournament of a bad file: the output folder was created"

# Files named inside files: an extended scenario, a scripted agent's offers, a tournament's
# scenario.
printf 'extends = "/dev/zero"\n' >"$tmp/extends.toml"
refuses "a scenario extending /dev/zero" /dev/zero validate "$tmp/extends.toml"
sed 's|^agent = "boulware(e=0.2)"$|agent = "scripted(file=\\"/dev/zero\\")"|' configs/sta-2024.toml >"$tmp/scripted.toml"
refuses "a scripted agent reading /dev/zero" /dev/zero validate "$tmp/scripted.toml"
printf '[tournament]\nname = "t"\n[[competitors]]\nlabel = "a"\nstrategy = "linear"\n[[competitors]]\nlabel = "b"\nstrategy = "boulware"\n[[scenarios]]\nfile = "/dev/zero"\n' >"$tmp/tournament.toml"
refuses "a tournament of /dev/zero" /dev/zero validate "$tmp/tournament.toml"

# merge and tournament --resume: a folder whose summary.json, negotiations.csv or journal is not
# a regular file.
t tournament tests/data/tournaments/small.toml --out "$tmp/run" --jobs 1
expect 0 "a small tournament"
for path in "${bad[@]}" "$tmp/big-summary.json"; do
  rm -rf "$tmp/shard"
  cp -r "$tmp/run" "$tmp/shard"
  rm "$tmp/shard/summary.json"
  ln -s "$path" "$tmp/shard/summary.json"
  t merge "$tmp/shard" --out "$tmp/merged"
  expect 2 "merge with summary.json -> $path"
  [[ $err == "treatysim: error: $tmp/shard/summary.json: "* ]] ||
    fail "merge with summary.json -> $path: unexpected stderr: ${err:0:300}"
  t tournament tests/data/tournaments/small.toml --out "$tmp/shard" --resume
  expect 2 "resume with summary.json -> $path"
done
for path in "${bad[@]}"; do
  rm -rf "$tmp/shard"
  cp -r "$tmp/run" "$tmp/shard"
  rm "$tmp/shard/negotiations.csv"
  ln -s "$path" "$tmp/shard/negotiations.csv"
  t merge "$tmp/shard" --out "$tmp/merged"
  expect 2 "merge with negotiations.csv -> $path"
  [[ $err == "treatysim: error: $tmp/shard/negotiations.csv: "* ]] ||
    fail "merge with negotiations.csv -> $path: unexpected stderr: ${err:0:300}"
  rm "$tmp/shard/negotiations.csv"
  ln -s "$path" "$tmp/shard/negotiations.csv.partial"
  t tournament tests/data/tournaments/small.toml --out "$tmp/shard" --resume
  expect 2 "resume with the journal -> $path"
  [[ $err == "treatysim: error: $tmp/shard/negotiations.csv.partial: "* ]] ||
    fail "resume with the journal -> $path: unexpected stderr: ${err:0:300}"
done
[[ -d $tmp/merged ]] && fail "merge of bad folders: the output folder was created"

# play reads answers from standard input: /dev/zero there is refused at the first answer, not
# read for ever.
timeout 20 "$bin" play configs/three-clauses.toml --as us </dev/zero >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
IFS= read -r -d '' err <"$tmp/stderr"
out=""
expect 2 "play with /dev/zero as standard input"
[[ $err == 'treatysim: error: standard input: an answer longer than 4096 characters'* ]] ||
  fail "play with /dev/zero as standard input: unexpected stderr: ${err:0:300}"

# Refused before it is read: the peak memory of a refusal stays far below the file's size (a
# whole read of the 50 MiB file would need at least 50 MiB more than a run that reads nothing).
# The baseline is a refusal of a missing file: a few MiB, ~130 MiB under AddressSanitizer.
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" validate "$tmp/missing.toml" >/dev/null 2>&1
  base_kib=$(tail -n 1 "$tmp/rss")
  for command in "validate $tmp/big.toml" "evolve $tmp/big-summary.json" "replay $tmp/big-trace.json"; do
    # shellcheck disable=SC2086  # the command is split into words on purpose
    /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" $command >/dev/null 2>&1
    rss_kib=$(tail -n 1 "$tmp/rss")
    ((rss_kib < base_kib + 30000)) ||
      fail "$command: peak RSS $rss_kib KiB ($base_kib KiB reading nothing); the file must be refused before it is read"
  done
else
  fail "/usr/bin/time is missing (scripts/setup-deps.sh installs it)"
fi

if ((failures > 0)); then
  echo "bad_paths.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "bad_paths.sh: all checks passed"
