#!/usr/bin/env bash
# tournament.sh — the tournament view (--tournament): opens the hawk-dove payoff matrix and a
# hand-written tournament summary, renders a few frames and checks the pixels of the charts
# (competitor colours: the first competitor U.S. blue, the second China orange); a path that
# does not exist opens the error dialog and still starts in Tournament mode.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/tournament):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/tournament.sh treatysim-gui gui_pixel_check
set -u
gui=${1:?usage: bash tournament.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash tournament.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

# A payoff-matrix file: heatmap and meta-game on top, the population shares below (y ≥ 520).
run --tournament configs/tournaments/hawk-dove.toml --screenshot "$tmp/hawk-dove.png" --frames 5
expect 0 "hawk-dove matrix, 5 frames"
[[ $err != *"error dialog"* ]] || fail "hawk-dove: unexpected error dialog: ${err:0:300}"
[[ -s $tmp/hawk-dove.png ]] || fail "hawk-dove: no screenshot written"
hawk=$("$pixels" count "$tmp/hawk-dove.png" 340 520 800 240 2f6fdf 30)
dove=$("$pixels" count "$tmp/hawk-dove.png" 340 520 800 240 e8731a 30)
at_least "$hawk" 300 "hawk (blue) share line in the population plot"
at_least "$dove" 300 "dove (orange) share line in the population plot"

# A tournament summary: the ranking (top left) has the first competitor's bar in blue.
run --tournament tests/data/tournament-view/summary.json --screenshot "$tmp/summary.png" --frames 5
expect 0 "hand-written summary, 5 frames"
[[ $err != *"error dialog"* ]] || fail "summary: unexpected error dialog: ${err:0:300}"
bar=$("$pixels" count "$tmp/summary.png" 310 130 470 290 2f6fdf 30)
at_least "$bar" 1000 "first competitor's ranking bar (blue)"

# A missing path: the error dialog names it.
run --tournament "$tmp/no-such-results" --screenshot "$tmp/missing.png" --frames 3
expect 0 "missing results"
err_contains "error dialog: $tmp/no-such-results: no such file" "missing results named"

finish
