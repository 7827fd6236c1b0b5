#!/usr/bin/env bash
# `treatysim play` driven through standard input, as a person at a terminal would type.
set -u
bin=$1
fail() { echo "FAIL: $*"; exit 1; }
out=$(printf 'x\n0\n1\n1\n1\n2\na\n' | "$bin" play configs/sta-2024.toml --as us --against hardliner --deadline 2)
rc=$?
[ $rc -eq 0 ] || fail "play exited $rc"
grep -q '"x" is not an option here' <<<"$out" || fail "bad input was not asked again"
grep -q '=== Result ===' <<<"$out" || fail "no result summary"
grep -q 'Agreement on offer 1:' <<<"$out" || fail "the counter-offer was not accepted"
grep -q 'The Nash bargaining solution' <<<"$out" || fail "no comparison with the Nash solution"
printf '' | "$bin" play configs/sta-2024.toml --as nobody >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown --as party should exit 2"
echo "play: ok"
