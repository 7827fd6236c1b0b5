#!/usr/bin/env bash
# screenshot.sh — renders the default scenario (configs/sta-2024.toml) for 30 frames while the
# negotiation plays, saves a screenshot and checks its pixels: 1280x800; the Pareto frontier
# green, U.S. blue and China orange all present in the outcome space. Dragging a splitter
# (synthetic mouse events) resizes the columns. Without a display the program says so and
# exits 2.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/screenshot):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/screenshot.sh treatysim-gui gui_pixel_check
set -u
gui=${1:?usage: bash screenshot.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash screenshot.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

run --screenshot "$tmp/normal.png" --frames 30
expect 0 "default scenario, 30 frames"
err_contains "scenario: sta-2024.toml" "default scenario"
err_contains "screenshot: $tmp/normal.png" "screenshot saved"
[[ $err != *"error dialog"* ]] || fail "default scenario: unexpected error dialog: ${err:0:300}"
[[ -s $tmp/normal.png ]] || fail "no screenshot written"

size=$("$pixels" size "$tmp/normal.png")
[[ $size == "1280 800" ]] || fail "screenshot size: got '$size', expected '1280 800'"

green=$("$pixels" count "$tmp/normal.png" "${outcome_region[@]}" 4cc47a 24)
blue=$("$pixels" count "$tmp/normal.png" "${outcome_region[@]}" 2f6fdf 24)
orange=$("$pixels" count "$tmp/normal.png" "${outcome_region[@]}" e8731a 24)
at_least "$green" 150 "Pareto frontier green pixels in the outcome space"
at_least "$blue" 20 "U.S. blue pixels in the outcome space"
at_least "$orange" 20 "China orange pixels in the outcome space"

# Nothing is drawn outside the window's own colours at the very top-left: the top bar.
title_bright=$("$pixels" bright "$tmp/normal.png" 0 0 600 36 200)
at_least "$title_bright" 200 "scenario title pixels in the top bar"

# Dragging the gap between the controls and the outcome space (x = 294) 100 px to the right
# widens the controls: the outcome space's title, which started at x ≈ 306, moves out of
# x 300–390.
cat >"$tmp/drag.script" <<SCRIPT
wait 3
screenshot "$tmp/before-drag.png"
drag 294 300 394 300
wait 2
screenshot "$tmp/after-drag.png"
SCRIPT
run --script "$tmp/drag.script"
expect 0 "dragging a splitter"
title_before=$("$pixels" bright "$tmp/before-drag.png" 300 45 90 20 200)
title_after=$("$pixels" bright "$tmp/after-drag.png" 300 45 90 20 200)
title_moved=$("$pixels" bright "$tmp/after-drag.png" 400 45 90 20 200)
at_least "$title_before" 100 "outcome space title before the drag"
at_most "$title_after" 5 "outcome space title left of x 390 after the drag"
at_least "$title_moved" 100 "outcome space title after the drag, 100 px to the right"

# No display: a clear message, status 2 (SFML would abort).
env -u DISPLAY "$gui" --screenshot "$tmp/none.png" --frames 1 >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
IFS= read -r -d '' err <"$tmp/stderr"
expect 2 "no DISPLAY"
err_contains "no display" "no DISPLAY"
[[ ! -e $tmp/none.png ]] || fail "no DISPLAY: a screenshot was written"

finish
