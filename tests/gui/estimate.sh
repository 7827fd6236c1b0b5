#!/usr/bin/env bash
# estimate.sh — an agent's opponent model in the window: a replayed trace (made by the CLI with a
# Bayesian model) shown with --estimate draws the model's estimate of the other side beside the
# truth (many more pixels in the modeller's colour in the outcome space) and its accuracy over
# rounds in the rounds panel; an unknown party opens the error dialog and the window keeps going.
#
# Usage: bash estimate.sh treatysim-gui gui_pixel_check treatysim (CTest runs it under xvfb-run)
set -u
gui=${1:?usage: bash estimate.sh treatysim-gui gui_pixel_check treatysim}
pixels=${2:?usage: bash estimate.sh treatysim-gui gui_pixel_check treatysim}
cli=${3:?usage: bash estimate.sh treatysim-gui gui_pixel_check treatysim}
source "$(dirname "$0")/lib/harness.sh"

"$cli" run configs/sta-2024-uncertain.toml --seed 3 --format json --out "$tmp/trace.json" \
  --cn "boa(bidding=om_bidding(target=time_dependent(e=0.5)), acceptance=ac_combi, model=bayesian)" ||
  fail "treatysim run did not write the trace"

run --replay "$tmp/trace.json" --screenshot "$tmp/plain.png" --frames 120
expect 0 "replay without the estimate"
run --replay "$tmp/trace.json" --estimate cn --screenshot "$tmp/estimate.png" --frames 120
expect 0 "replay with --estimate cn"
[[ $err != *"error dialog"* ]] || fail "--estimate cn: unexpected error dialog: ${err:0:300}"

# China orange (e8731a) in the outcome space: its offers only, or also its estimate's cloud,
# frontier and caption.
plain=$("$pixels" count "$tmp/plain.png" "${outcome_region[@]}" e8731a 40)
shown=$("$pixels" count "$tmp/estimate.png" "${outcome_region[@]}" e8731a 40)
at_least "$shown" $((plain + 600)) "estimate cloud: orange pixels in the outcome space (without: $plain)"
# The rounds panel (bottom left) draws China's accuracy curves in orange instead of utilities.
rounds=(5 615 550 175)
plain_rounds=$("$pixels" count "$tmp/plain.png" "${rounds[@]}" e8731a 40)
shown_rounds=$("$pixels" count "$tmp/estimate.png" "${rounds[@]}" e8731a 40)
at_least "$shown_rounds" 100 "accuracy curves: orange pixels in the rounds panel"
[[ $shown_rounds != "$plain_rounds" ]] || fail "the rounds panel did not change with --estimate"

run --replay "$tmp/trace.json" --estimate xx --screenshot "$tmp/bad.png" --frames 5
expect 0 "--estimate with an unknown party keeps the window running"
err_contains 'error dialog: --estimate: "xx" is not a party of trace.json (expected "us" or "cn")' "unknown party"

finish
