#!/usr/bin/env bash
# tournament.sh — end-to-end checks of `treatysim tournament` and `treatysim merge`: identical
# files for --jobs 1 and 2, shards 1/2 + 2/2 merged equal the whole run, a run stopped by SIGINT
# and resumed equals an uninterrupted one (and so does one resumed from a journal cut short by a
# crash), --traces, `validate` on tournament files, and the refusal of a competitor that cannot
# play.
#
# Usage (from the source root; CTest runs it as cli/tournament):
#   bash tests/cli/tournament.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash tournament.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "tournament.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
# error_is MESSAGE DESCRIPTION: status 2, nothing on stdout, exactly "treatysim: error: MESSAGE" on stderr.
error_is() {
  expect 2 "$2" || return
  [[ -z $out ]] || fail "$2: expected nothing on stdout, got: ${out:0:300}"
  [[ $err == "treatysim: error: $1" ]] || fail "$2: stderr should be 'treatysim: error: $1', got: ${err:0:500}"
}
# same_files DIR_A DIR_B DESCRIPTION: negotiations.csv and summary.json are byte-identical.
same_files() {
  for f in negotiations.csv summary.json; do
    cmp -s "$1/$f" "$2/$f" || fail "$3: $1/$f and $2/$f differ"
  done
}

small=tests/data/tournaments/small.toml
[[ -f $small ]] || fail "expected $small (run from the source root)"

# The whole run: files, tables, and the same bytes with one thread or two.
t tournament "$small" --jobs 1 --out "$tmp/one"
expect 0 "tournament --jobs 1"
contains 'Tournament "small" (negotiation): 4 competitors, 2 scenarios, 12 pairings, 3 repetitions = 72 negotiations' "tournament"
contains "Ranking (mean discounted utility over both sides, 95% confidence interval)" "tournament"
contains "Adjacent ranks (paired t-test on matched opponent/scenario/side cells, Holm-adjusted p, significant at 0.05)" "tournament"
contains "Payoff matrix (row's mean utility against column, both sides)" "tournament"
[[ $(wc -l <"$tmp/one/negotiations.csv") == 73 ]] || fail "negotiations.csv: expected a header and 72 rows"
[[ $(head -c 6 "$tmp/one/negotiations.csv") == "index," ]] || fail "negotiations.csv: header"
grep -q '"complete": true' "$tmp/one/summary.json" || fail "summary.json: complete"
grep -q '"format": "treatysim-tournament-summary"' "$tmp/one/summary.json" || fail "summary.json: format"
[[ ! -e $tmp/one/negotiations.csv.partial ]] || fail "the journal should be renamed away"
t tournament "$small" --jobs 2 --out "$tmp/two"
expect 0 "tournament --jobs 2"
same_files "$tmp/one" "$tmp/two" "--jobs 1 vs --jobs 2"

# Non-linear scenarios (interaction terms; a 10^10-outcome ANAC 2014 domain): the same bytes too.
linked=tests/data/tournaments/linked.toml
t tournament "$linked" --jobs 1 --out "$tmp/linked-one"
expect 0 "linked tournament --jobs 1"
contains 'Tournament "linked" (negotiation): 4 competitors, 2 scenarios, 12 pairings, 2 repetitions = 48 negotiations' "linked tournament"
t tournament "$linked" --jobs 2 --out "$tmp/linked-two"
expect 0 "linked tournament --jobs 2"
same_files "$tmp/linked-one" "$tmp/linked-two" "linked: --jobs 1 vs --jobs 2"

# --traces: one replayable trace per negotiation, the same rows as without.
t tournament "$small" --traces --out "$tmp/traced"
expect 0 "--traces"
same_files "$tmp/one" "$tmp/traced" "--traces vs without"
[[ $(ls "$tmp/traced/traces" | wc -l) == 72 ]] || fail "--traces: expected 72 traces"
t replay "$tmp/traced/traces/41.json"
expect 0 "replay a tournament trace"
contains "identical" "replay a tournament trace"

# Shards 1/2 and 2/2, merged, equal the whole run.
t tournament "$small" --shard 1/2 --out "$tmp/s1"
expect 0 "--shard 1/2"
contains "; shard 1/2: 36" "--shard 1/2"
t tournament "$small" --shard 2/2 --out "$tmp/s2" --jobs 2
expect 0 "--shard 2/2"
t merge "$tmp/s2" "$tmp/s1" --out "$tmp/merged"
expect 0 "merge"
contains 'Merged 2 folders into' "merge"
same_files "$tmp/one" "$tmp/merged" "merged shards vs the whole run"
t merge "$tmp/s1" --out "$tmp/half"
error_is "merge: shard 2/2 is missing" "merge with a shard missing"

# Edited or foreign folders: status 2 and a message naming the file and the key, never a crash;
# merging into one of the inputs is refused before anything is written.
cp -r "$tmp/s1" "$tmp/s1-before"
t merge "$tmp/s1" "$tmp/s2" --out "$tmp/s1"
error_is "$tmp/s1: --out: is one of the folders to merge: its files would be overwritten; choose another --out" "merge into one of its folders"
same_files "$tmp/s1-before" "$tmp/s1" "merge into one of its folders: the folder is unchanged"
cp -r "$tmp/s1" "$tmp/s1-edited"
sed -i 's|"shard": "1/2"|"shard": 5|' "$tmp/s1-edited/summary.json"
t merge "$tmp/s1-edited" "$tmp/s2" --out "$tmp/merged-edited"
error_is "$tmp/s1-edited/summary.json: shard: expected null or \"i/n\", got 5" "merge a summary.json with a bad shard"
mkdir "$tmp/foreign"
echo '{"format": 5}' >"$tmp/foreign/summary.json"
t tournament "$small" --out "$tmp/foreign" --resume
error_is "$tmp/foreign/summary.json: format: expected \"treatysim-tournament-summary\" as in a tournament's summary.json, got 5; use another --out, or remove the file" "a foreign summary.json in --out"

# Interrupted by SIGINT midway, then resumed: the same files as an uninterrupted run.
long=tests/data/tournaments/interrupt.toml
t tournament "$long" --out "$tmp/long-whole"
expect 0 "the long tournament"
"$bin" tournament "$long" --jobs 2 --out "$tmp/long" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
# Freeze the run as soon as its journal holds a row, then ask it to stop.
for _ in $(seq 1 1000); do
  [[ -f $tmp/long/negotiations.csv.partial && $(wc -l <"$tmp/long/negotiations.csv.partial") -ge 2 ]] && break
  sleep 0.01
done
kill -STOP "$pid" 2>/dev/null
kill -INT "$pid" 2>/dev/null
kill -CONT "$pid" 2>/dev/null
wait "$pid"
status=$?
IFS= read -r -d '' err <"$tmp/stderr"
out=""
expect 130 "tournament stopped by SIGINT"
[[ $err == *"treatysim: interrupted after "* ]] || fail "SIGINT: expected the interruption note, got: ${err:0:300}"
grep -q '"complete": false' "$tmp/long/summary.json" || fail "SIGINT: the summary should be marked incomplete"
rows=$(($(wc -l <"$tmp/long/negotiations.csv") - 1))
((rows > 0 && rows < 20000)) || fail "SIGINT: expected some of the 20000 rows kept, got $rows"
t tournament "$long" --out "$tmp/long"
error_is "$tmp/long: --out: holds an interrupted run: finish it with --resume, or choose another --out" "rerun without --resume"
t tournament "$long" --out "$tmp/long" --resume --jobs 1
expect 0 "--resume"
same_files "$tmp/long-whole" "$tmp/long" "interrupted and resumed vs uninterrupted"
t merge "$tmp/s1" "$tmp/long" --out "$tmp/mixed"
[[ $status == 2 && $err == *"from another tournament than"* ]] || fail "merging two tournaments: expected a refusal, got $status: $err"

# A crash (no clean stop) leaves the journal, possibly cut mid-line: --resume keeps its whole rows.
mkdir "$tmp/crash"
size=$(wc -c <"$tmp/one/negotiations.csv")
head -c $((size / 2)) "$tmp/one/negotiations.csv" >"$tmp/crash/negotiations.csv.partial"
t tournament "$small" --out "$tmp/crash"
error_is "$tmp/crash: --out: holds an interrupted run: finish it with --resume, or choose another --out" "journal left by a crash"
t tournament "$small" --out "$tmp/crash" --resume
expect 0 "--resume after a crash"
same_files "$tmp/one" "$tmp/crash" "resumed after a crash vs uninterrupted"

# validate recognises tournament files by their [tournament] table.
t validate "$small" configs/three-clauses.toml
expect 0 "validate"
contains "$small: OK (tournament \"small\", 4 competitors, 2 scenarios, 72 negotiations)" "validate"
contains "configs/three-clauses.toml: OK (scenario \"three-clauses\"" "validate"
printf '[tournament]\nname = "bad"\nrepetitions = 0\n' >"$tmp/bad.toml"
t validate "$tmp/bad.toml"
error_is "$tmp/bad.toml:3:15: tournament.repetitions: expected a number of repetitions from 1 to 1000000, got 0" "validate a bad tournament"

# A competitor that cannot play is refused before the run starts (no output folder).
cp configs/three-clauses.toml "$tmp/"
printf '[tournament]\nname = "x"\n[[competitors]]\nlabel = "b"\nstrategy = "boulware"\n[[competitors]]\nlabel = "eq"\nstrategy = "equilibrium"\n[[scenarios]]\nfile = "three-clauses.toml"\n' >"$tmp/eq.toml"
t tournament "$tmp/eq.toml" --out "$tmp/eq-out"
error_is "$tmp/eq.toml:8:12: competitors[1].strategy: competitor \"eq\" cannot play scenario \"three-clauses\" as party \"us\": equilibrium needs complete information (it reads the opponent's preferences), but the scenario's protocol.information is \"private\"" "unplayable competitor"
[[ ! -e $tmp/eq-out ]] || fail "unplayable competitor: nothing should be written"
sed 's/"equilibrium"/"human"/' "$tmp/eq.toml" >"$tmp/human.toml"
t tournament "$tmp/human.toml" --out "$tmp/eq-out"
error_is "$tmp/human.toml:8:12: competitors[1].strategy: competitor \"eq\" cannot play scenario \"three-clauses\" as party \"us\": \"human\" is played by a person at the keyboard; a tournament runs unattended" "human competitor"
t tournament "$small" --shard 3/2
error_is "--shard: expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got \"3/2\"" "bad --shard"

((failures == 0)) || exit 1
echo "tournament.sh: all checks passed"
