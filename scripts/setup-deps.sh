#!/usr/bin/env bash
# Installs the Debian 12 packages treatysim needs, only when some are missing.
# Runs `apt-get update` only if something must be installed; uses sudo when not root.
# Usage: scripts/setup-deps.sh            (build + test dependencies)
set -euo pipefail

packages=(
  g++ cmake make pkg-config ccache
  libboost-random-dev doctest-dev libtomlplusplus-dev nlohmann-json3-dev
  libcli11-dev libtbb-dev libpugixml-dev libnlopt-cxx-dev
  libsfml-dev libimgui-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  time
  # The fuzz targets (make test's fuzz pass, make fuzz): clang with libFuzzer and its sanitizers.
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
