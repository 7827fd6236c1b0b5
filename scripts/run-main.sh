#!/usr/bin/env bash
# The main job of `make run`: the default STA scenario. Until the window exists this is the
# negotiation in the terminal; it needs no display and no input, and exits 0.
set -euo pipefail
build=${1:-build}
exec "$build/bin/treatysim" run configs/sta-2024.toml
