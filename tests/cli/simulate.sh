#!/usr/bin/env bash
# simulate.sh — end-to-end checks of `treatysim simulate`: the dated timeline and path in text,
# the JSON timeline (the retroactive amendment after the lapse), CSV, many runs identical with one
# thread or two, --out, and user errors (status 2, the message on stderr only).
#
# Usage (from the source root; CTest runs it as cli/simulate):
#   bash tests/cli/simulate.sh /path/to/treatysim
# Prints one line per failed check and exits 1 if any failed.
set -u

bin=${1:?usage: bash simulate.sh /path/to/treatysim}
[[ -x $bin ]] || { echo "simulate.sh: $bin is not an executable" >&2; exit 1; }

source "$(dirname "$0")/lib/harness.sh"
# quiet DESCRIPTION: nothing on stderr.
quiet() { [[ -z $err ]] || fail "$1: expected nothing on stderr, got: ${err:0:300}"; }
# error_is MESSAGE DESCRIPTION: status 2, nothing on stdout, exactly "treatysim: error: MESSAGE" on stderr.
error_is() {
  expect 2 "$2" || return
  [[ -z $out ]] || fail "$2: expected nothing on stdout, got: ${out:0:300}"
  [[ $err == "treatysim: error: $1" ]] || fail "$2: stderr should be 'treatysim: error: $1', got: ${err:0:500}"
}

sta=configs/sta-2024.toml
[[ -f $sta ]] || fail "expected $sta (run from the source root)"

# The text report: the path and the dated timeline.
t simulate "$sta"
expect 0 "simulate (text)"
quiet "simulate (text)"
contains "Path: in_force > extended > extended > lapsed > amended" "simulate (text)"
contains $'\nTimeline\n' "simulate (text)"
contains "  2023-08 – 2024-02  extended       temporary extension 1 to 2024-02" "simulate (text)"
contains "  2024-02 – 2024-08  extended       temporary extension 2 to 2024-08" "simulate (text)"
contains "  2024-08 – 2024-12  lapsed         no further extension (2 in a row already)" "simulate (text)"
contains "  2024-12 – 2029-02  amended        amended on " "simulate (text)"
contains "effective retroactively from 2024-08" "simulate (text)"
text=$out

# JSON: a top-level timeline of {state, from, to, cause}; the amendment after the lapse carries
# "effective", and the lapse stays in the record.
t simulate "$sta" --format json
expect 0 "simulate --format json"
quiet "simulate --format json"
[[ $out == "{"* ]] || fail "simulate --format json: stdout should start with '{', got: ${out:0:80}"
contains '"timeline": [' "simulate --format json"
lapse='"state": "lapsed",
      "from": "2024-08",
      "to": "2024-12",
      "cause": "no further extension (2 in a row already)"
    },
    {
      "state": "amended",
      "from": "2024-12",
      "to": "2029-02",'
contains "$lapse" "simulate --format json (the lapse, then the amendment)"
contains '"effective": "2024-08"' "simulate --format json"
contains '"path": "in_force > extended > extended > lapsed > amended"' "simulate --format json"
n=0
while IFS= read -r line; do [[ $line == *'"effective":'* ]] && n=$((n + 1)); done <<<"$out"
[[ $n == 1 ]] || fail "simulate --format json: expected one \"effective\" entry, got $n"
# Every state named in the timeline is one of the documented names.
while IFS= read -r line; do
  if [[ $line =~ ^\ *\"state\":\ \"([a-z_]+)\" ]]; then
    case ${BASH_REMATCH[1]} in
      in_force | renegotiating | extended | lapsed | renewed | amended | terminated) ;;
      *) fail "simulate --format json: unknown state '${BASH_REMATCH[1]}'" ;;
    esac
  fi
done <<<"$out"

# The same seed again: byte-identical; --seed with the scenario's own seed: the same.
t simulate "$sta"
[[ $out == "$text" ]] || fail "simulate twice: the text differs"
t simulate "$sta" --seed 2024
[[ $out == "$text" ]] || fail "simulate --seed 2024: differs from the scenario's default seed 2024"

# CSV: one row per month.
t simulate "$sta" --format csv
expect 0 "simulate --format csv"
IFS= read -r header <<<"$out"
[[ $header == "month,state,trust_us,trust_cn,payoff_us,payoff_cn" ]] ||
  fail "simulate --format csv: unexpected header: $header"
rows=0
while IFS= read -r _; do rows=$((rows + 1)); done <<<"$out"
[[ $rows == 133 ]] || fail "simulate --format csv: expected 133 lines (header + 132 months), got $rows"

# Many runs: the same output with one thread or two.
for format in text json csv; do
  t simulate "$sta" --runs 20 --jobs 1 --format "$format"
  expect 0 "simulate --runs 20 --jobs 1 --format $format"
  one=$out
  t simulate "$sta" --runs 20 --jobs 2 --format "$format"
  expect 0 "simulate --runs 20 --jobs 2 --format $format"
  [[ $out == "$one" ]] || fail "simulate --runs 20 --format $format: --jobs 1 and --jobs 2 differ"
done
t simulate "$sta" --runs 20 --jobs 2
contains ": 20 runs, seeds 2024–2043" "simulate --runs 20"
t simulate "$sta" --runs 20 --jobs 2 --format csv
[[ $out == "kind,value,count,share"$'\n'* ]] || fail "simulate --runs --format csv: unexpected header: ${out:0:80}"

# --out writes the file and nothing to stdout.
t simulate "$sta" --format json --out "$tmp/life.json"
expect 0 "simulate --out"
[[ -z $out ]] || fail "simulate --out: expected nothing on stdout, got: ${out:0:200}"
if [[ -f $tmp/life.json ]]; then
  IFS= read -r -d '' saved <"$tmp/life.json"
  [[ $saved == *'"effective": "2024-08"'* ]] || fail "simulate --out: the file lacks the timeline"
else
  fail "simulate --out: $tmp/life.json was not written"
fi

# User errors.
t simulate configs/split-the-pie.toml
error_is 'configs/split-the-pie.toml: scenario "split-the-pie" has no [treaty] section: it describes one negotiation, not a treaty'"'"'s life (use `treatysim run`)' \
  "simulate without [treaty]"
t simulate "$sta" --years 0
error_is "--years: expected a number of years from 1 to 100, got 0" "simulate --years 0"
t simulate "$sta" --format xml
error_is '--format: expected text, json or csv, got "xml"' "simulate --format xml"
printf 'extends = "%s/%s"\n\n[treaty]\nstart = "2018-13"\n' "$PWD" "$sta" >"$tmp/bad.toml"
t simulate "$tmp/bad.toml"
error_is "$tmp/bad.toml:4:9: treaty.start: expected a month as \"YYYY-MM\", got \"2018-13\"" "simulate a bad month"
t simulate "$tmp/no-such-file.toml"
expect 2 "simulate a missing file"

if ((failures > 0)); then
  echo "simulate.sh: $failures check(s) failed" >&2
  exit 1
fi
exit 0
