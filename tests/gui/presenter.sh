#!/usr/bin/env bash
# presenter.sh — presenter mode has larger text: the same window saved before and after the P
# key (synthetic key events through the platform layer, --script), and with --presenter. The
# scenario title's capitals in the top bar are at least 1.6 times as tall (17 px → 30 px fonts),
# and the outcome space still shows the frontier. At 1280x800 the title takes two lines rather
# than being cut, and the treaty timeline sits under the outcome space with the clause board
# beside both.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/presenter):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/presenter.sh treatysim-gui gui_pixel_check
set -u
gui=${1:?usage: bash presenter.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash presenter.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

cat >"$tmp/keys.script" <<SCRIPT
wait 3
screenshot "$tmp/before.png"
key P
wait 3
screenshot "$tmp/after.png"
key H
wait 3
screenshot "$tmp/help.png"
SCRIPT
run --script "$tmp/keys.script"
expect 0 "script: P for presenter mode, H for help"
for shot in before after help; do
  [[ -s $tmp/$shot.png ]] || fail "no $shot.png written"
done

# Tallest run of rows with bright text over the title's first word ("U.S.–China", no
# descenders) in the top bar: the capital height, 17 px heading vs 30 px bold font.
normal_height=$("$pixels" text-height "$tmp/before.png" 8 0 100 36 170)
presenter_height=$("$pixels" text-height "$tmp/after.png" 8 0 180 60 170)
at_least "$normal_height" 10 "normal title text height"
at_least "$((presenter_height * 10))" "$((normal_height * 16))" \
  "presenter title text height ($presenter_height px) vs normal ($normal_height px)"

# The help overlay is a modal listing the keys: text in the centre, the panels around dimmed
# (the frontier green left of the overlay turns dark).
help_text=$("$pixels" bright "$tmp/help.png" 260 170 760 500 200)
at_least "$help_text" 3000 "help overlay text in the centre"
green_after=$("$pixels" count "$tmp/after.png" 0 60 240 640 4cc47a 24)
green_help=$("$pixels" count "$tmp/help.png" 0 60 240 640 4cc47a 24)
at_least "$green_after" 20 "frontier green left of the centre before the help"
at_most "$green_help" 5 "undimmed frontier green around the help overlay"

run --presenter --screenshot "$tmp/flag.png" --frames 10
expect 0 "--presenter"
flag_height=$("$pixels" text-height "$tmp/flag.png" 8 0 180 60 170)
[[ $flag_height == "$presenter_height" ]] ||
  fail "--presenter title height $flag_height differs from after the P key ($presenter_height)"
green=$("$pixels" count "$tmp/flag.png" 0 60 760 640 4cc47a 24)
at_least "$green" 100 "Pareto frontier green in presenter mode"

# At 1280x800 the title wraps to two lines (a 74 px top bar) instead of being cut: bright text
# in both halves of its room left of the mode drop-down.
title_first=$("$pixels" bright "$tmp/flag.png" 0 6 590 32 170)
title_second=$("$pixels" bright "$tmp/flag.png" 0 40 590 30 170)
at_least "$title_first" 1500 "presenter title, first line"
at_least "$title_second" 1500 "presenter title, second line"
# The treaty timeline under the outcome space (gui/logic/layout.cpp: x 0–768, y 529–694): the
# band of the treaty's states, in force (green 3a7d55) and amended (blue 3a6eb0).
in_force=$("$pixels" count "$tmp/flag.png" 0 529 768 165 3a7d55 12)
amended=$("$pixels" count "$tmp/flag.png" 0 529 768 165 3a6eb0 12)
at_least "$in_force" 2000 "presenter timeline: the in-force band"
at_least "$amended" 2000 "presenter timeline: the amended band"
# The clause board keeps the column's whole height beside it: cells coloured by worth (green
# shades) next to the timeline, x 780–1270.
board_cells=$("$pixels" count "$tmp/flag.png" 780 529 490 160 45a05a 40)
at_least "$board_cells" 2000 "presenter clause board beside the timeline"

finish
