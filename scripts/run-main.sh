#!/usr/bin/env bash
# The main job of `make run`: the default STA scenario's treaty life, 2018–2029, in the terminal.
# It needs no display and no input, and exits 0. (The window will take over when it exists.)
set -euo pipefail
build=${1:-build}
exec "$build/bin/treatysim" simulate configs/sta-2024.toml
