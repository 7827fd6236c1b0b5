#!/usr/bin/env bash
# import_geniusweb.sh — end-to-end checks of `treatysim import-geniusweb`: import the GeniusWeb
# Party sample, `validate`, `analyze` and `run` the written file; stdout output without -o;
# `validate` on GeniusWeb files and on configs/tournaments/geniusweb-anac.toml; a tournament
# naming GeniusWeb files; and bad input (malformed files, a GENIUS file, a missing file,
# bad options) exits 2 with the message on stderr and leaves no output file.
#
# Usage (from the source root; CTest runs it as cli/import_geniusweb):
#   bash tests/cli/import_geniusweb.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash import_geniusweb.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "import_geniusweb.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"

party=tests/data/geniusweb/Party
[[ -f $party/party.json ]] || fail "expected $party/party.json (run from the source root)"
files=("$party/party.json" "$party/party1.json" "$party/party2.json")
malformed=tests/data/geniusweb-malformed
handmade=tests/data/geniusweb/Handmade

# Import to a file: a one-line summary, nothing on stderr.
t import-geniusweb "${files[@]}" -o "$tmp/party.toml" --parties host,guest --deadline 60
expect 0 "import-geniusweb -o"
[[ -z $err ]] || fail "import-geniusweb -o: expected nothing on stderr, got: ${err:0:300}"
expected="Imported party: 6 issues, 3072 outcomes, parties host (party1) and guest (party2) -> $tmp/party.toml"
[[ $out == "$expected" ]] || fail "import-geniusweb -o: stdout should be '$expected', got: ${out:0:300}"
[[ -f $tmp/party.toml ]] || fail "import-geniusweb -o: $tmp/party.toml was not written"
grep -q '^reservation = 0.50636$' "$tmp/party.toml" || fail "party.toml: host's reservation 0.50636"
grep -q '^reservation = 0.36638$' "$tmp/party.toml" || fail "party.toml: guest's reservation 0.36638"
grep -q '^deadline = 60$' "$tmp/party.toml" || fail "party.toml: deadline 60"

# The written file validates, analyses and runs.
t validate "$tmp/party.toml"
expect 0 "validate the imported file"
contains "OK (scenario \"party\", 6 issues, 3072 outcomes)" "validate the imported file"
t analyze "$tmp/party.toml"
expect 0 "analyze the imported file"
contains "Outcomes            3072" "analyze the imported file"
contains "Disagreement point  host 0.506, guest 0.366 (reservation values)" "analyze the imported file"
t run "$tmp/party.toml" --seed 3
expect 0 "run the imported file"
contains "Payoffs" "run the imported file"

# Without -o: the scenario on stdout, the summary as its first line (a TOML comment); it reads
# back.
t import-geniusweb tests/data/geniusweb/Fitness/fitness{,1,2}.json --id fitness-2020 --agent "boulware(e=0.2)"
expect 0 "import-geniusweb to stdout"
[[ $out == "# Imported fitness-2020: 5 issues, 1280 outcomes, parties a (fitness1) and b (fitness2)"* ]] ||
  fail "import-geniusweb to stdout: unexpected first line: ${out:0:120}"
contains 'agent = "boulware(e=0.2)"' "import-geniusweb to stdout"
contains '{ id = "$200", label = "$200" }' "import-geniusweb to stdout"
printf '%s\n' "$out" >"$tmp/stdout.toml"
t validate "$tmp/stdout.toml"
expect 0 "validate the file written to stdout"

# validate recognises GeniusWeb files by content.
t validate "${files[@]}"
expect 0 "validate GeniusWeb files"
contains "$party/party.json: OK (GeniusWeb domain \"party\", 6 issues, 3072 outcomes)" "validate the domain"
contains "$party/party2.json: OK (LinearAdditiveUtilitySpace profile \"party2\" of GeniusWeb domain \"party\", 6 issues, 3072 outcomes, reservation value 0.36638)" "validate a profile"
t validate "$malformed/profile-sum-of-groups.json"
expect 2 "validate a SumOfGroupsUtilitySpace profile"
[[ $err == "treatysim: error: $malformed/profile-sum-of-groups.json: SumOfGroupsUtilitySpace: profile kind \"SumOfGroupsUtilitySpace\" is not supported: only LinearAdditiveUtilitySpace profiles can be imported" ]] ||
  fail "validate a SumOfGroupsUtilitySpace profile: unexpected stderr: ${err:0:300}"

# The shipped tournament over GeniusWeb files validates; a small one like it runs.
t validate configs/tournaments/geniusweb-anac.toml
expect 0 "validate geniusweb-anac.toml"
contains 'OK (tournament "geniusweb-anac", 7 competitors, 2 scenarios, 420 negotiations)' "validate geniusweb-anac.toml"
gw=$PWD/configs/tournaments/geniusweb
cat >"$tmp/gw.toml" <<EOF
[tournament]
name = "gw"
deadline = 40
[[competitors]]
label = "boulware"
strategy = "boulware"
[[competitors]]
label = "conceder"
strategy = "conceder"
[[scenarios]]
domain = "$gw/Party/party.json"
profile_a = "$gw/Party/party1.json"
profile_b = "$gw/Party/party2.json"
[[scenarios]]
domain = "$gw/Fitness/fitness.json"
profile_a = "$gw/Fitness/fitness1.json"
profile_b = "$gw/Fitness/fitness2.json"
EOF
t tournament "$tmp/gw.toml" --out "$tmp/tour" --jobs 2
expect 0 "tournament over GeniusWeb files"
contains 'Tournament "gw" (negotiation): 2 competitors, 2 scenarios, 2 pairings, 1 repetition = 4 negotiations' "tournament over GeniusWeb files"
[[ $(wc -l <"$tmp/tour/negotiations.csv") == 5 ]] || fail "tournament: expected a header and 4 rows"
grep -q ',party,' "$tmp/tour/negotiations.csv" || fail "tournament: negotiations.csv names the party scenario"
grep -q ',fitness,' "$tmp/tour/negotiations.csv" || fail "tournament: negotiations.csv names the fitness scenario"

# Bad input exits 2 with the message on stderr and writes nothing.
t import-geniusweb "$handmade/handmade.json" "$handmade/handmade_a.json" "$malformed/profile-weights-not-one.json" -o "$tmp/bad.toml"
expect 2 "import-geniusweb with weights summing to 0.99"
[[ -z $out ]] || fail "import-geniusweb with bad weights: expected nothing on stdout, got: ${out:0:300}"
expected_err="treatysim: error: $malformed/profile-weights-not-one.json: LinearAdditiveUtilitySpace.issueWeights: the weights sum to 0.99, not 1 (GeniusWeb requires issue weights that sum to exactly 1; they are not renormalised)"
[[ $err == "$expected_err" ]] || fail "import-geniusweb with bad weights: stderr should be '$expected_err', got: ${err:0:300}"
[[ ! -e $tmp/bad.toml ]] || fail "import-geniusweb with bad weights: $tmp/bad.toml should not exist"

t import-geniusweb "$malformed/domain-syntax-error.json" "$handmade/handmade_a.json" "$handmade/handmade_b.json" -o "$tmp/bad.toml"
expect 2 "import-geniusweb on malformed JSON"
[[ $err == "treatysim: error: $malformed/domain-syntax-error.json:5:17: JSON syntax error: syntax error while parsing object - unexpected string literal; expected '}'" ]] ||
  fail "import-geniusweb on malformed JSON: unexpected stderr: ${err:0:300}"
[[ ! -e $tmp/bad.toml ]] || fail "import-geniusweb on malformed JSON: $tmp/bad.toml should not exist"

laptop=tests/data/genius/Laptop
t import-geniusweb "$laptop/laptop_domain.xml" "${files[1]}" "${files[2]}"
expect 2 "import-geniusweb on GENIUS XML"
[[ $err == "treatysim: error: $laptop/laptop_domain.xml: is GENIUS XML, not GeniusWeb JSON: import it with \`treatysim import-genius\`" ]] ||
  fail "import-geniusweb on GENIUS XML: unexpected stderr: ${err:0:300}"
t import-genius "${files[@]}"
expect 2 "import-genius on GeniusWeb JSON"
[[ $err == "treatysim: error: ${files[0]}: is GeniusWeb JSON, not GENIUS XML: import it with \`treatysim import-geniusweb\`" ]] ||
  fail "import-genius on GeniusWeb JSON: unexpected stderr: ${err:0:300}"

t import-geniusweb "${files[0]}" "${files[1]}" "$tmp/no-such-file.json"
expect 2 "import-geniusweb on a missing file"
[[ $err == "treatysim: error: $tmp/no-such-file.json: cannot read the file"* ]] ||
  fail "import-geniusweb on a missing file: unexpected stderr: ${err:0:300}"

t import-geniusweb "${files[@]}" --parties host
expect 2 "import-geniusweb --parties host"
[[ $err == "treatysim: error: --parties: expected two party ids"* ]] ||
  fail "import-geniusweb --parties host: unexpected stderr: ${err:0:300}"
t import-geniusweb "${files[@]}" --agent "no-such-strategy"
expect 2 "import-geniusweb --agent no-such-strategy"
[[ $err == "treatysim: error: --agent: "* ]] ||
  fail "import-geniusweb --agent no-such-strategy: unexpected stderr: ${err:0:300}"
t import-geniusweb "${files[@]}" --deadline 0
expect 2 "import-geniusweb --deadline 0"
[[ $err == "treatysim: error: --deadline: "* ]] ||
  fail "import-geniusweb --deadline 0: unexpected stderr: ${err:0:300}"

# -o over an existing file: replaced whole on success, left as it was on failure.
printf 'old\n' >"$tmp/existing.toml"
t import-geniusweb "$handmade/handmade.json" "$handmade/handmade_a.json" "$malformed/profile-negative-weight.json" -o "$tmp/existing.toml"
expect 2 "import-geniusweb -o over a file, failing"
[[ $(cat "$tmp/existing.toml") == old ]] || fail "a failed import must leave the existing file alone"
t import-geniusweb "$handmade/handmade.json" "$handmade/handmade_a.json" "$handmade/handmade_b.json" -o "$tmp/existing.toml"
expect 0 "import-geniusweb -o over a file"
t validate "$tmp/existing.toml"
expect 0 "the replaced file validates"
contains "OK (scenario \"handmade\", 3 issues, 18 outcomes)" "the replaced file validates"

if ((failures > 0)); then
  echo "import_geniusweb.sh: $failures check(s) failed" >&2
  exit 1
fi
exit 0
