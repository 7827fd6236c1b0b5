#!/usr/bin/env bash
# linkage.sh — the window with interaction terms (issue linkage): configs/sta-linkage.toml and
# the 10-issue ANAC 2014 domain (10^10 outcomes, hyper-rectangle utilities only: no weights or
# values) open in Simulate, Play, Edit and Replay without an error dialog; on sta-linkage the
# outcome space shows the frontier and the parties' colours.
#
# Usage (from the source root, under xvfb-run; CTest runs it as gui/linkage):
#   xvfb-run -a -s "-screen 0 1280x800x24" bash tests/gui/linkage.sh treatysim-gui gui_pixel_check treatysim
set -u
gui=${1:?usage: bash linkage.sh treatysim-gui gui_pixel_check treatysim}
pixels=${2:?usage: bash linkage.sh treatysim-gui gui_pixel_check treatysim}
cli=${3:?usage: bash linkage.sh treatysim-gui gui_pixel_check treatysim}
source "$(dirname "$0")/lib/harness.sh"

d=configs/anac2014/10issues
"$cli" import-genius "$d/10issues-domain.xml" "$d/profile-1.xml" "$d/profile-2.xml" \
  -o "$tmp/anac10.toml" >/dev/null 2>&1 || fail "import-genius of the 10-issue ANAC domain"

for scenario in configs/sta-linkage.toml "$tmp/anac10.toml"; do
  name=$(basename "$scenario" .toml)
  for mode in simulate play edit; do
    run "$scenario" --mode "$mode" --screenshot "$tmp/$name-$mode.png" --frames 30
    expect 0 "$name in $mode"
    [[ $err != *"error dialog"* ]] || fail "$name in $mode: unexpected error dialog: ${err:0:300}"
    [[ -s $tmp/$name-$mode.png ]] || fail "$name in $mode: no screenshot written"
  done
  "$cli" run "$scenario" --format json --out "$tmp/$name-trace.json" >/dev/null 2>&1 ||
    fail "$name: treatysim run --format json"
  run --replay "$tmp/$name-trace.json" --screenshot "$tmp/$name-replay.png" --frames 30
  expect 0 "$name in replay"
  [[ $err != *"error dialog"* ]] || fail "$name in replay: unexpected error dialog: ${err:0:300}"
done

green=$("$pixels" count "$tmp/sta-linkage-simulate.png" "${outcome_region[@]}" 4cc47a 24)
blue=$("$pixels" count "$tmp/sta-linkage-simulate.png" "${outcome_region[@]}" 2f6fdf 24)
orange=$("$pixels" count "$tmp/sta-linkage-simulate.png" "${outcome_region[@]}" e8731a 24)
at_least "$green" 100 "sta-linkage: Pareto frontier green pixels in the outcome space"
at_least "$blue" 20 "sta-linkage: U.S. blue pixels"
at_least "$orange" 20 "sta-linkage: China orange pixels"
finish
