#!/usr/bin/env bash
# error_dialog.sh — a malformed scenario opens the error dialog with the CLI's message
# (tests/data/malformed/*.expected, {file} = the path), the window keeps running on the default
# scenario and exits 0; the modal dims the panels behind it (the frontier green turns dark).
# A missing file and a malformed script are reported too.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/error_dialog):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/error_dialog.sh treatysim-gui gui_pixel_check
set -u
gui=${1:?usage: bash error_dialog.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash error_dialog.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

for name in weights-do-not-sum-to-one toml-syntax-error; do
  file=tests/data/malformed/$name.toml
  expected=$(<"tests/data/malformed/$name.expected")
  expected=${expected//\{file\}/$file}
  run "$file" --screenshot "$tmp/$name.png" --frames 20  # the modal dims in over ~10 frames
  expect 0 "$name: the window keeps running"
  err_contains "error dialog: $expected" "$name: the CLI's message"
  err_contains "scenario: sta-2024.toml" "$name: the default scenario is shown instead"
done

# The dialog is modal: the panels behind it are dimmed.
bright_green=$("$pixels" count "$tmp/weights-do-not-sum-to-one.png" "${outcome_region[@]}" 4cc47a 24)
dim_green=$("$pixels" count "$tmp/weights-do-not-sum-to-one.png" "${outcome_region[@]}" 225837 14)
at_most "$bright_green" 20 "undimmed frontier green behind the dialog"
at_least "$dim_green" 100 "dimmed frontier green behind the dialog"

run /nonexistent/scenario.toml --screenshot "$tmp/missing.png" --frames 5
expect 0 "missing scenario file"
err_contains "error dialog: /nonexistent/scenario.toml: cannot read the file" "missing file"

printf 'wait 1\nclick here\n' >"$tmp/bad.script"
run --script "$tmp/bad.script"
expect 2 "malformed script"
err_contains "$tmp/bad.script:2: usage: click X Y" "malformed script message"

finish
