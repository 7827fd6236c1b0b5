#!/usr/bin/env bash
# private_play.sh — Play mode under private information shows the player only their own values
# until the negotiation ends (gui/logic/visibility.hpp), as pixels at 1280x800:
#   - sta-2024 (information = "private"), after the agents have played a few offers in Simulate
#     mode and the Play tab is opened: no side picked yet, so no values at all — no Pareto
#     frontier green and no solution gold in the outcome space, the clause board's cells plain
#     grey (4a4f5a) instead of coloured by worth;
#   - the U.S. picked, an offer made and answered: still no frontier and no solutions (China's
#     values are private), China's offer dots orange in the player's own view;
#   - the offer on the table accepted: the debrief shows the frontier and the solutions;
#   - split-the-pie (information = "complete") shows the frontier while the game runs.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/private_play):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/private_play.sh treatysim-gui \
#     gui_pixel_check
set -u
gui=${1:?usage: bash private_play.sh treatysim-gui gui_pixel_check}
pixels=${2:?usage: bash private_play.sh treatysim-gui gui_pixel_check}
source "$(dirname "$0")/lib/harness.sh"

# The Play layout at 1280x800 (gui/logic/layout.cpp: the offer builder round(0.28·1280) = 358 px,
# the clause board round(0.26·1280) = 333 px): the outcome space x 358–947 and the board from
# x 947, both from y 39; inside their frames.
outcome=(370 70 560 450)
board=(955 70 320 350)

play_script() {  # FILE PREFIX: Simulate for 90 frames, then Play: pick, offer, accept
  cat >"$1" <<SCRIPT
key Space
wait 90
key Space
wait 2
click_item "##topbar" "Play"
wait 3
screenshot "$2-pick.png"
click_item "Your move" "###play-0"
wait 2
click_item "Your move" "###propose"
wait 60
screenshot "$2-during.png"
click_item "Your move" "###accept"
wait 3
screenshot "$2-end.png"
SCRIPT
}

play_script "$tmp/private.script" "$tmp/private"
run configs/sta-2024.toml --script "$tmp/private.script"
expect 0 "private information: pick, offer, accept"
err_contains 'script: clicked "###accept"' "the agent's counter-offer accepted"
for shot in pick during end; do
  [[ -s $tmp/private-$shot.png ]] || fail "no private-$shot.png written"
done

count() { "$pixels" count "$1" "${@:2:4}" "$6" "$7"; }
green_pick=$(count "$tmp/private-pick.png" "${outcome[@]}" 4cc47a 24)
gold_pick=$(count "$tmp/private-pick.png" "${outcome[@]}" e8c34a 20)
hidden_cells=$(count "$tmp/private-pick.png" "${board[@]}" 4a4f5a 2)
worth_cells=$(count "$tmp/private-pick.png" "${board[@]}" 45a05a 40)
at_most "$green_pick" 0 "no side picked: frontier green in the outcome space"
at_most "$gold_pick" 0 "no side picked: solution gold in the outcome space"
at_least "$hidden_cells" 20000 "no side picked: the clause board's cells in plain grey"
at_most "$worth_cells" 0 "no side picked: clause cells coloured by worth"

green_during=$(count "$tmp/private-during.png" "${outcome[@]}" 4cc47a 24)
gold_during=$(count "$tmp/private-during.png" "${outcome[@]}" e8c34a 20)
orange_during=$(count "$tmp/private-during.png" "${outcome[@]}" e8731a 24)
at_most "$green_during" 0 "playing the U.S.: the frontier (China's values) in the outcome space"
at_most "$gold_during" 0 "playing the U.S.: the solutions (China's values) in the outcome space"
at_least "$orange_during" 10 "playing the U.S.: China's offer in the player's own view"

green_end=$(count "$tmp/private-end.png" "${outcome[@]}" 4cc47a 24)
gold_end=$(count "$tmp/private-end.png" "${outcome[@]}" e8c34a 20)
at_least "$green_end" 300 "after the end (debrief): the frontier"
at_least "$gold_end" 100 "after the end (debrief): the solutions"

play_script "$tmp/complete.script" "$tmp/complete"
run configs/split-the-pie.toml --script "$tmp/complete.script"
expect 0 "complete information: pick, offer, accept"
green_complete=$(count "$tmp/complete-during.png" "${outcome[@]}" 4cc47a 24)
at_least "$green_complete" 300 "complete information: the frontier while the game runs"

finish
