#!/usr/bin/env bash
# Installs the Debian 12 packages treatysim needs, only when some are missing.
# Runs `apt-get update` only if something must be installed; uses sudo when not root.
# Then installs the npm test tools of class mode (tests/server: puppeteer-core, no browser
# download) when they are missing or older than tests/server/package-lock.json.
# Usage: scripts/setup-deps.sh            (build + test dependencies; the Python package and its
#                                        tests: python3-* and pybind11-dev)
#        scripts/setup-deps.sh --no-test-tools   (the same Debian packages, no npm: make run)
set -euo pipefail

# libboost-dev: Boost.Math special functions (the Beta CDF and its inverse for drawn
# reservation values) and Boost.Beast (class mode's server), header-only.
packages=(
  g++ cmake make pkg-config ccache
  libboost-dev libboost-random-dev doctest-dev libtomlplusplus-dev nlohmann-json3-dev
  libcli11-dev libtbb-dev libpugixml-dev libnlopt-cxx-dev libopenmpi-dev openmpi-bin
  libsfml-dev libimgui-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  python3
  libsqlite3-dev libqrencode-dev nodejs chromium
  python3-dev pybind11-dev python3-pandas python3-pytest python3-nbclient python3-ipykernel
  python3-nbformat python3-tqdm python3-matplotlib python3-setuptools
  time
  # The fuzz targets (make test's fuzz pass, make fuzz): clang with libFuzzer and its sanitizers.
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
)
# npm: Debian's package, unless a Node.js build that brings its own npm is installed (such a
# nodejs package conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The npm test tools of class mode, installed from the lock file (npm ci) when missing or stale.
npm_tools() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/server"
  local stamp="$dir/node_modules/.treatysim-lock"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "setup: npm ci in tests/server (puppeteer-core; no browser download)"
  (cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

# `make run` passes --no-test-tools: the window and the terminal simulation need no npm.
test_tools=1
[ "${1:-}" = "--no-test-tools" ] && test_tools=0

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  [ "$test_tools" -eq 0 ] || npm_tools
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
[ "$test_tools" -eq 0 ] || npm_tools
echo "setup: done"
