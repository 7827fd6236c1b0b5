#!/usr/bin/env bash
# The build's layering rule (cmake/check_includes.cmake): a file of engine/model that includes a
# header of engine/studies is refused with its file, line and the layers it may use; includes of
# its own layer, of a layer it links, of the generated version header and of third-party headers
# pass. Usage: check_includes.sh CMAKE
set -euo pipefail
cmake_bin=${1:-cmake}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/engine/model"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$tmp/engine/model/good.cpp" <<'CPP'
#include "engine/model/good.hpp"

#include <vector>
#include <toml++/toml.h>

#include "engine/version.hpp"
#include "engine/protocol/agent.hpp"
CPP
cat > "$tmp/engine/model/bad.cpp" <<'CPP'
#include "engine/model/bad.hpp"

// a comment
#include "engine/studies/match.hpp"
CPP
check() {  # FILE ALLOWED
  echo "$1" > "$tmp/list"
  "$cmake_bin" -DLAYER=engine/model -DALLOWED="$2" -DROOT="$tmp" -DLIST="$tmp/list" \
    -DSTAMP="$tmp/stamp" -P "$root/cmake/check_includes.cmake" > "$tmp/out" 2>&1
}

check "$tmp/engine/model/good.cpp" engine/model,engine/protocol || fail "good.cpp refused: $(cat "$tmp/out")"
[ -f "$tmp/stamp" ] || fail "no stamp after a clean check"
rm -f "$tmp/stamp"
if check "$tmp/engine/model/bad.cpp" engine/model; then fail "bad.cpp accepted"; fi
grep -q 'engine/model/bad.cpp:4: includes "engine/studies/match.hpp", but engine/model may use only engine/model' "$tmp/out" \
  || fail "unexpected message: $(cat "$tmp/out")"
[ ! -f "$tmp/stamp" ] || fail "stamp written after a refusal"
# The same include is allowed once the layer links studies.
check "$tmp/engine/model/bad.cpp" engine/model,engine/studies || fail "allowed include refused"
echo "layering check: OK"
