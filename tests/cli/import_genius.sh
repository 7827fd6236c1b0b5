#!/usr/bin/env bash
# import_genius.sh — end-to-end checks of `treatysim import-genius`: import the ANAC Laptop
# sample, `validate` and `run` the written file, stdout output without -o, and bad input (a
# malformed file, a missing file, bad --parties) exits 2 with the message on stderr.
#
# Usage (from the source root; CTest runs it as cli/import_genius):
#   bash tests/cli/import_genius.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash import_genius.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "import_genius.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"

laptop=tests/data/genius/Laptop
[[ -f $laptop/laptop_domain.xml ]] || fail "expected $laptop/laptop_domain.xml (run from the source root)"
files=("$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml" "$laptop/laptop_seller_utility.xml")

# Import to a file: a one-line summary.
t import-genius "${files[@]}" -o "$tmp/laptop.toml" --parties buyer,seller --deadline 60
expect 0 "import-genius -o"
[[ -z $err ]] || fail "import-genius -o: expected nothing on stderr, got: ${err:0:300}"
expected="Imported laptop: 3 issues, 27 outcomes, parties buyer (laptop_buyer_utility) and seller (laptop_seller_utility) -> $tmp/laptop.toml"
[[ $out == "$expected" ]] || fail "import-genius -o: stdout should be '$expected', got: ${out:0:300}"
[[ -f $tmp/laptop.toml ]] || fail "import-genius -o: $tmp/laptop.toml was not written"

# The written file validates and runs.
t validate "$tmp/laptop.toml"
expect 0 "validate the imported file"
contains "OK (scenario \"laptop\", 3 issues, 27 outcomes)" "validate the imported file"
t run "$tmp/laptop.toml" --seed 3
expect 0 "run the imported file"
contains "Payoffs" "run the imported file"
t run "$tmp/laptop.toml" --agent buyer=boulware --agent seller=conceder --format json
expect 0 "run the imported file with other agents"
[[ $out == "{"* ]] || fail "run --format json: stdout should start with '{', got: ${out:0:80}"

# Without -o: the scenario on stdout, the summary as its first line (a TOML comment), and it
# reads back.
t import-genius "${files[@]}" --id laptop-2011 --agent "boulware(e=0.2)"
expect 0 "import-genius to stdout"
[[ $out == "# Imported laptop-2011: 3 issues, 27 outcomes"* ]] ||
  fail "import-genius to stdout: unexpected first line: ${out:0:120}"
contains 'agent = "boulware(e=0.2)"' "import-genius to stdout"
contains 'id = "external_monitor"' "import-genius to stdout"
printf '%s\n' "$out" >"$tmp/stdout.toml"
t validate "$tmp/stdout.toml"
expect 0 "validate the file written to stdout"

# Bad input exits 2 with the message on stderr and writes nothing.
t import-genius tests/data/genius-malformed/domain-syntax-error.xml "${files[1]}" "${files[2]}" -o "$tmp/bad.toml"
expect 2 "import-genius on malformed XML"
[[ -z $out ]] || fail "import-genius on malformed XML: expected nothing on stdout, got: ${out:0:300}"
expected_err="treatysim: error: tests/data/genius-malformed/domain-syntax-error.xml:14:11: XML syntax error: Start-end tags mismatch"
[[ $err == "$expected_err" ]] || fail "import-genius on malformed XML: stderr should be '$expected_err', got: ${err:0:300}"
[[ ! -e $tmp/bad.toml ]] || fail "import-genius on malformed XML: $tmp/bad.toml should not exist"

t import-genius "${files[0]}" "${files[1]}" "$tmp/no-such-file.xml"
expect 2 "import-genius on a missing file"
[[ $err == "treatysim: error: $tmp/no-such-file.xml: cannot read the file"* ]] ||
  fail "import-genius on a missing file: unexpected stderr: ${err:0:300}"

t import-genius "${files[@]}" --parties buyer
expect 2 "import-genius --parties buyer"
[[ $err == "treatysim: error: --parties: expected two party ids"* ]] ||
  fail "import-genius --parties buyer: unexpected stderr: ${err:0:300}"

t import-genius "${files[@]}" --agent "no-such-strategy"
expect 2 "import-genius --agent no-such-strategy"
[[ $err == "treatysim: error: --agent: "* ]] ||
  fail "import-genius --agent no-such-strategy: unexpected stderr: ${err:0:300}"

t import-genius "${files[@]}" --deadline 0
expect 2 "import-genius --deadline 0"
[[ $err == "treatysim: error: --deadline: "* ]] ||
  fail "import-genius --deadline 0: unexpected stderr: ${err:0:300}"

if ((failures > 0)); then
  echo "import_genius.sh: $failures check(s) failed" >&2
  exit 1
fi
exit 0
