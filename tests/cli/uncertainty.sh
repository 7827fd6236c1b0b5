#!/usr/bin/env bash
# uncertainty.sh — end-to-end checks of drawn reservation values and opponent-model accuracy
# (docs/uncertainty.md): a tournament with drawn values is byte-identical for --jobs 1 and 2 and
# when sharded and merged, its CSV has the reservation and model columns, it ranks by advantage,
# its traces replay; a journal in the layout before reservation_a/reservation_b is refused on
# --resume with the reason; `run --model-report` (text and JSON) and `analyze` over the types.
#
# Usage (from the source root; CTest runs it as cli/uncertainty):
#   bash tests/cli/uncertainty.sh /path/to/treatysim
set -u

bin=${1:?usage: bash uncertainty.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "uncertainty.sh: $bin is not an executable" >&2; exit 1; }
source "$(dirname "$0")/lib/harness.sh"

file=tests/data/tournaments/uncertain.toml
t tournament "$file" --jobs 1 --out "$tmp/one" --traces
expect 0 "tournament --jobs 1"
contains "Ranking (mean advantage: discounted utility minus own reservation value, over both sides, 95% confidence interval)" "rank_by advantage"
contains "pearson  kendall  model mae  pareto  res. error" "model columns in the table"
t tournament "$file" --jobs 2 --out "$tmp/two"
expect 0 "tournament --jobs 2"
for f in negotiations.csv summary.json; do
  cmp -s "$tmp/one/$f" "$tmp/two/$f" || fail "--jobs 1 vs 2: $f differs"
done
header=$(head -1 "$tmp/one/negotiations.csv")
[[ $header == *",distance_to_nash,reservation_a,reservation_b,model_pearson_a,model_kendall_a,model_mae_a,model_pareto_a,model_reservation_error_a,model_pearson_b,"* ]] ||
  fail "negotiations.csv header: $header"
# The U.S. draws 0.25 or 0.85, China 0.1, 0.25 or 0.6: only those values appear.
us=$(tail -n +2 "$tmp/one/negotiations.csv" | cut -d, -f17 | sort -u | tr '\n' ' ')
cn=$(tail -n +2 "$tmp/one/negotiations.csv" | cut -d, -f18 | sort -u | tr '\n' ' ')
[[ $us == "0.25 0.85 " || $us == "0.25 " ]] || fail "reservation_a values: $us"
[[ $cn =~ ^(0\.1 )?(0\.25 )?(0\.6 )?$ && -n $cn ]] || fail "reservation_b values: $cn"
grep -q '"rank_by": "advantage"' "$tmp/one/summary.json" || fail "summary.json: rank_by"
grep -q '"mean_advantage"' "$tmp/one/summary.json" || fail "summary.json: mean_advantage"
grep -q '"mean_model_pearson"' "$tmp/one/summary.json" || fail "summary.json: mean_model_pearson"
t replay "$tmp/one/traces/7.json"
expect 0 "replay a trace with drawn values"
contains "identical" "replay a trace with drawn values"
grep -q '"reservations"' "$tmp/one/traces/7.json" || fail "trace: result.reservations"
grep -q '"model_report"' "$tmp/one/traces/7.json" || fail "trace: model_report (the plan reports model metrics)"

# Shards merged equal the whole run.
t tournament "$file" --shard 1/2 --out "$tmp/s1"
expect 0 "--shard 1/2"
t tournament "$file" --shard 2/2 --out "$tmp/s2"
expect 0 "--shard 2/2"
t merge "$tmp/s1" "$tmp/s2" --out "$tmp/merged"
expect 0 "merge"
for f in negotiations.csv summary.json; do
  cmp -s "$tmp/one/$f" "$tmp/merged/$f" || fail "merged shards vs whole: $f differs"
done

# A journal written before reservation_a/reservation_b existed: --resume refuses it, saying why.
mkdir -p "$tmp/old"
cp "$tmp/one/summary.json" "$tmp/old/summary.json"
sed -i 's/"complete": true/"complete": false/' "$tmp/old/summary.json"
{ head -1 "$tmp/one/negotiations.csv" | cut -d, -f1-16; sed -n 2,4p "$tmp/one/negotiations.csv" | cut -d, -f1-16; } >"$tmp/old/negotiations.csv.partial"
t tournament "$file" --out "$tmp/old" --resume
expect 2 "--resume of an old journal"
[[ $err == *"negotiations.csv.partial:1: written by an older treatysim (its columns end at distance_to_nash, without reservation_a and reservation_b): finish it with that version, or play the tournament again into a new folder"* ]] ||
  fail "--resume of an old journal: stderr: $err"

# run --model-report: text and JSON; not with csv.
t run configs/sta-2024-uncertain.toml --cn "boa(bidding=om_bidding(target=time_dependent(e=0.5)), acceptance=ac_combi, model=zeng_sycara(model=bayesian))" --model-report
expect 0 "run --model-report"
contains "Opponent models: each agent's estimate of the other side against the truth (all 1024 outcomes)" "run --model-report"
contains "after offer  pearson  kendall     mae   pareto  est. res.  res. error" "run --model-report"
contains "(drawn from uniform [0.25, 0.55])" "run: drawn value in the header"
t run configs/sta-2024-uncertain.toml --model-report --format json
expect 0 "run --model-report --format json"
contains '"model_report": {' "json model_report"
contains '"curve": [' "json curve"
contains '"reservations": {' "json reservations"
t run configs/sta-2024-uncertain.toml --model-report --format csv
expect 2 "run --model-report --format csv"
[[ $err == "treatysim: error: --model-report: works with one negotiation in --format text or json (not with --series or --format csv)" ]] || fail "--model-report csv: $err"

# analyze over the types.
t analyze configs/three-clauses-uncertain.toml
expect 0 "analyze"
contains "Over the drawn reservation values (types; each negotiation draws anew)" "analyze types"
contains "us reservation  choices 0.25 (75%), 0.85 (25%), mean 0.400 (exact, 2 choices)" "analyze types"
contains "P(a ZOPA exists)  0.9167 (exact)" "analyze: P(ZOPA) = 1 - 1/4 * 1/3"
contains "Subgame-perfect equilibrium (20 offers, at the mean reservation values): " "analyze: the equilibrium says it is at the means"
t analyze configs/three-clauses-uncertain.toml --format json
expect 0 "analyze --format json"
contains '"zopa_probability": ' "analyze json types"

[[ $failures == 0 ]] || exit 1
echo "uncertainty.sh: all checks passed"
