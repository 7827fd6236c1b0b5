#!/usr/bin/env bash
# `treatysim play` driven through standard input, as a person at a terminal would type; with
# drawn reservation values, the person sees the negotiation's own.
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
# Drawn reservation values: the person is told the value drawn for this negotiation (seed 7: the
# U.S. draws 0.85, not the mean 0.4), and the summary uses both drawn values: with 0.85 and
# China's 0.6 no outcome is acceptable to both (the 1-in-12 case of docs/uncertainty.md).
out=$(printf '\n\n\n' | "$bin" play configs/three-clauses-uncertain.toml --as us --seed 7 --deadline 1)
[ $? -eq 0 ] || fail "play with drawn values"
grep -qF 'No deal is worth 0.850 to you (your reservation value, drawn for this negotiation from choices 0.25 (75%), 0.85 (25%)).' <<<"$out" ||
  fail "the drawn value in the header: $out"
grep -qF "the reservation values drawn for this negotiation: yours 0.850, China's 0.600" <<<"$out" ||
  fail "the drawn values in the summary"
grep -qF "your payoff 0.850, China's 0.600" <<<"$out" || fail "no deal pays the drawn values"
grep -qF 'No outcome is acceptable to both sides, so there is no Nash bargaining solution.' <<<"$out" ||
  fail "no Nash solution for the drawn values"
printf '' | "$bin" play configs/sta-2024.toml --as nobody >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown --as party should exit 2"
echo "play: ok"
