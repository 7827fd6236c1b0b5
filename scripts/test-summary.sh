#!/usr/bin/env bash
# Prints one closing line for `make test` from the two CTest logs, and fails if either failed.
set -euo pipefail
status=0
total_passed=0
total_failed=0
for log in "$@"; do
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [ -z "$line" ]; then
    echo "test summary: no CTest result in $log" >&2
    status=1
    continue
  fi
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  count=$(sed -E 's/.* tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total_passed=$((total_passed + count - failed))
  total_failed=$((total_failed + failed))
  # Tests CTest lists as Disabled (the Python tests in the sanitizer pass) are not in the count.
  disabled=$(grep -cE '^[[:space:]]+[0-9]+ - .* \(Disabled\)$' "$log" || true)
  note=""
  [ "$disabled" -eq 0 ] || note=" ($disabled not run: Disabled, see tests/CMakeLists.txt)"
  echo "  $(dirname "$log"): $((count - failed)) of $count passed$note"
  [ "$failed" -eq 0 ] || status=1
done
echo "${total_passed} passed, ${total_failed} failed"
exit $status
