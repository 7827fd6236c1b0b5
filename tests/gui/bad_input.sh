#!/usr/bin/env bash
# bad_input.sh — the window reads files through the engine's reader, so a path that is not a
# regular file (a directory, /dev/zero, /dev/urandom, a FIFO) or a file over its limit opens the
# error dialog at once with the CLI's message and the window keeps running; a bad script file or
# a bad flag ends it with status 2 and the CLI's wording (docs/reliability.md).
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/bad_input):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/bad_input.sh treatysim-gui gui_pixel_check
set -u
gui=${1:?usage: bash bad_input.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash bad_input.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

# Every run under a time limit: a reader that blocks on a FIFO or reads /dev/zero fails it.
run() {
  timeout 60 "$gui" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
  status=$?
  IFS= read -r -d '' out <"$tmp/stdout"
  IFS= read -r -d '' err <"$tmp/stderr"
}

mkfifo "$tmp/fifo"
mkdir "$tmp/folder"
# Sparse files: nothing on disk. Over the limits of scenario files (16 MiB) and traces (512 MiB).
truncate -s 50M "$tmp/big.toml"
truncate -s 600M "$tmp/big-trace.json"
device='is a character device such as /dev/zero or a terminal (expected a regular file)'
declare -A message=(
  [/dev/zero]="/dev/zero: $device"
  [/dev/urandom]="/dev/urandom: $device"
  ["$tmp/fifo"]="$tmp/fifo: is a FIFO, a named pipe (expected a regular file)"
  ["$tmp/folder"]="$tmp/folder: is a directory (expected a file)"
  ["$tmp/big.toml"]="$tmp/big.toml: is too large: 50 MiB (52428800 bytes); files of this kind may be at most 16 MiB (docs/reliability.md)"
  ["$tmp/big-trace.json"]="$tmp/big-trace.json: is too large: 600 MiB (629145600 bytes); files of this kind may be at most 512 MiB (docs/reliability.md)"
)

for path in /dev/zero /dev/urandom "$tmp/fifo" "$tmp/folder" "$tmp/big.toml"; do
  run "$path" --frames 1
  expect 0 "scenario $path: the window keeps running"
  err_contains "error dialog: ${message[$path]}" "scenario $path"
done
for path in /dev/zero /dev/urandom "$tmp/fifo" "$tmp/folder" "$tmp/big-trace.json"; do
  run --replay "$path" --frames 1
  expect 0 "--replay $path: the window keeps running"
  err_contains "error dialog: ${message[$path]}" "--replay $path"
done
for path in /dev/zero "$tmp/fifo"; do
  run --tournament "$path" --frames 1
  expect 0 "--tournament $path: the window keeps running"
  err_contains "error dialog: ${message[$path]}" "--tournament $path"
  # A results folder whose summary.json is not a regular file.
  rm -rf "$tmp/results" && mkdir "$tmp/results" && ln -s "$path" "$tmp/results/summary.json"
  run --tournament "$tmp/results" --frames 1
  expect 0 "--tournament folder with summary.json -> $path"
  err_contains "error dialog: $tmp/results/summary.json: " "--tournament folder with summary.json -> $path"
  run --script "$path"
  expect 2 "--script $path"
  err_contains "${message[$path]}" "--script $path"
done

# Flags: the CLI's wording, status 2, no window.
flag_refused() {
  local expected=$1
  shift
  run "$@"
  expect 2 "$*" || return
  err_contains "treatysim-gui: error: $expected" "$*"
  [[ $err != *"Could not convert"* && $err != *"not in range"* && $err != *"not in {"* ]] ||
    fail "$*: CLI11's wording: ${err:0:300}"
}
flag_refused '--seed: expected a non-negative whole number, got "-1"' --seed -1
flag_refused '--seed: expected a whole number from 0 to 18446744073709551615, got 18446744073709551616' --seed 18446744073709551616
flag_refused '--seed: expected a whole number without leading zeros, got 010' --seed 010
flag_refused '--mode: expected simulate, play, edit, replay or tournament, got "present"' --mode present
flag_refused '--frames: expected a number of frames from 1 to 1000000, got 0' --frames 0
flag_refused '--frames: expected a number of frames from 1 to 1000000, got "1e12"' --frames 1e12
flag_refused '--bench-frames: expected a number of frames from 1 to 1000000, got 1000001' --bench-frames 1000001
flag_refused '--bench-offers: expected a number of offers from 1 to 1000000, got "x"' --bench-offers x
flag_refused '--width: expected a width in pixels from 320 to 8192, got 100' --width 100
flag_refused '--width: expected a width in pixels from 320 to 8192, got 4294967296' --width 4294967296
flag_refused '--height: expected a height in pixels from 240 to 8192, got "1e9"' --height 1e9

finish
