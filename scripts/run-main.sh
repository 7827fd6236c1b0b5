#!/usr/bin/env bash
# The main job of `make run`: the window (treatysim-gui) on the default STA scenario when a
# display is available and the window was built; otherwise the default scenario's treaty life,
# 2018–2029, in the terminal (no display and no input needed; exits 0).
set -euo pipefail
build=${1:-build}
if [[ -n ${DISPLAY:-} && -x $build/bin/treatysim-gui ]]; then
  exec "$build/bin/treatysim-gui" configs/sta-2024.toml
fi
if [[ -z ${DISPLAY:-} ]]; then
  echo "run-main: no display (DISPLAY is not set): the simulation runs in the terminal" >&2
else
  echo "run-main: $build/bin/treatysim-gui was not built: the simulation runs in the terminal" >&2
fi
exec "$build/bin/treatysim" simulate configs/sta-2024.toml
