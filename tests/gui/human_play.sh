#!/usr/bin/env bash
# human_play.sh — human play driven by synthetic SFML events (--script, through the platform
# layer's translation): the Play tab, the U.S. side, three clause buttons (S2, IP2, D1), Propose;
# then the saved trace (--save-trace) records exactly that offer as the human's first, and the
# agent's answer after its visible pause; `treatysim replay` re-runs that trace (the person's
# decisions given again, the agent deciding anew) and finds it identical.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/human_play):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/human_play.sh treatysim-gui \
#     gui_pixel_check treatysim
set -u
gui=${1:?usage: bash human_play.sh treatysim-gui gui_pixel_check treatysim}
pixels=${2:?usage: bash human_play.sh treatysim-gui gui_pixel_check treatysim}
cli=${3:?usage: bash human_play.sh treatysim-gui gui_pixel_check treatysim}
source "$(dirname "$0")/lib/harness.sh"

sed "s|human-play.png|$tmp/human-play.png|" tests/gui/data/human-play.script >"$tmp/play.script"
run configs/sta-2024.toml --script "$tmp/play.script" --save-trace "$tmp/trace.json"
expect 0 "human play script"
err_contains 'script: clicked "###propose"' "Propose clicked"
err_contains "trace: $tmp/trace.json" "trace saved"
[[ -s $tmp/human-play.png ]] || fail "no screenshot of the offer being built"

trace=$(<"$tmp/trace.json")
[[ $trace == *'"us": "human"'* ]] || fail "trace: the U.S. should be played by \"human\""
# The first event, as written by trace_to_text.
first=$(grep -A 12 '"events": \[' "$tmp/trace.json")
for line in '"type": "offer"' '"offer": 0' '"party": "us"' '"scope": "S2"' '"ip": "IP2"' \
  '"data": "D1"'; do
  [[ $first == *"$line"* ]] || fail "trace: first event lacks $line: $first"
done
# China answered after the pause (a response to offer 0, then its own offer 1).
[[ $trace == *'"offer": 1'* ]] || fail "trace: China's counter-offer (offer 1) is missing"

replayed=$("$cli" replay "$tmp/trace.json" 2>&1) || fail "treatysim replay of the saved trace: $replayed"
[[ $replayed == *": identical ("*"running after 2 offers"* ]] ||
  fail "treatysim replay: expected identical, running after 2 offers: $replayed"
[[ $replayed == *"us was played by a person"* ]] || fail "treatysim replay: no note on the person"

finish
