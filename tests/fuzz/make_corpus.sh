#!/usr/bin/env bash
# make_corpus.sh — the seed inputs of the fuzz targets (tests/fuzz/corpus/<target>/).
#
#   tests/fuzz/make_corpus.sh generate TREATYSIM SEEDS
#       Collects raw seeds into SEEDS/<target>/: the files of configs/ and tests/data/ (valid and
#       malformed), and valid files made by TREATYSIM (the release executable): traces of
#       several scenarios and strategies, imported GENIUS scenarios, tournament folders
#       (negotiations.csv, summary.json, cut-short journals), and the registry's specs.
#   tests/fuzz/make_corpus.sh merge FUZZ_BUILD SEEDS
#       Minimises them into tests/fuzz/corpus/<target>/ with libFuzzer's -merge=1 (only inputs
#       that add coverage are kept), using the fuzz executables of FUZZ_BUILD (make fuzz-build).
# Run from the source root. The committed corpus is the result of both steps, plus what long
# fuzz runs found (make fuzz), merged the same way.
set -euo pipefail

step=${1:?usage: make_corpus.sh generate TREATYSIM SEEDS | merge FUZZ_BUILD SEEDS}
shift

ff=$'\f'  # separates the three XML files of a genius input

generate() {
  local bin=$1 seeds=$2
  rm -rf "$seeds"
  mkdir -p "$seeds"/{scenario,tournament,sweep,tune,payoff_matrix,genius,geniusweb,trace,journal,summary,spec,script,class_api,class_store}
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN

  # Scenarios: configs, the malformed files of the tests, and imported GENIUS scenarios.
  for f in configs/*.toml tests/data/malformed/*.toml tests/data/malformed-support/*.toml \
    tests/data/genius/*.toml; do
    cp "$f" "$seeds/scenario/$(basename "$(dirname "$f")")-$(basename "$f")"
  done

  # GENIUS: each sample's domain and profiles as one input, and each malformed file with a valid
  # counterpart.
  local dirs=(tests/data/genius/* configs/tournaments/genius/*)
  for dir in "${dirs[@]}"; do
    [[ -d $dir ]] || continue
    local domain
    domain=$(ls "$dir"/*domain*.xml | head -1)
    mapfile -t profiles < <(ls "$dir"/*.xml | grep -v -e domain -e pareto)
    ((${#profiles[@]} >= 2)) || continue
    { cat "$domain"; printf '%s' "$ff"; cat "${profiles[0]}"; printf '%s' "$ff"; cat "${profiles[1]}"; } \
      >"$seeds/genius/$(basename "$dir").xml"
    "$bin" import-genius "$domain" "${profiles[0]}" "${profiles[1]}" \
      -o "$seeds/scenario/imported-$(basename "$dir").toml" >/dev/null
  done
  local handmade=tests/data/genius/Handmade
  for f in tests/data/genius-malformed/domain-*.xml; do
    { cat "$f"; printf '%s' "$ff"; cat "$handmade/handmade_a.xml"; printf '%s' "$ff"
      cat "$handmade/handmade_b.xml"; } >"$seeds/genius/$(basename "$f")"
  done
  for f in tests/data/genius-malformed/profile-*.xml; do
    { cat "$handmade/handmade_domain.xml"; printf '%s' "$ff"; cat "$f"; printf '%s' "$ff"
      cat "$handmade/handmade_b.xml"; } >"$seeds/genius/$(basename "$f")"
  done

  # GeniusWeb: each sample's domain and profiles as one input, and each malformed file with a
  # valid counterpart (a file named domain-* in the domain's place, profile-* in profile A's).
  for dir in tests/data/geniusweb/*; do
    [[ -d $dir ]] || continue
    local base
    base=$(basename "$dir")
    mapfile -t files < <(ls "$dir"/*.json | sort)  # the domain sorts first (party < party1)
    ((${#files[@]} >= 3)) || continue
    { cat "${files[0]}"; printf '%s' "$ff"; cat "${files[1]}"; printf '%s' "$ff"; cat "${files[2]}"; } \
      >"$seeds/geniusweb/$base.json"
    "$bin" import-geniusweb "${files[0]}" "${files[1]}" "${files[2]}" \
      -o "$seeds/scenario/imported-geniusweb-$base.toml" >/dev/null
  done
  local web=tests/data/geniusweb/Handmade
  for f in tests/data/geniusweb-malformed/*.json; do
    case $(basename "$f") in
      domain-*) { cat "$f"; printf '%s' "$ff"; cat "$web/handmade_a.json"; printf '%s' "$ff"
                  cat "$web/handmade_b.json"; } >"$seeds/geniusweb/$(basename "$f")" ;;
      *) { cat "$web/handmade.json"; printf '%s' "$ff"; cat "$f"; printf '%s' "$ff"
           cat "$web/handmade_b.json"; } >"$seeds/geniusweb/$(basename "$f")" ;;
    esac
  done

  # Scripted agents' files, for configs/three-clauses.toml.
  printf '# opening, then two concessions\nIP0/D0/G0\n\n  IP1/D0/G1  \r\nIP2/D1/G1\n' \
    >"$seeds/script/three-clauses.txt"
  printf 'IP0/D1\n' >"$seeds/script/too-few-issues.txt"
  printf 'IP0/D9/G0\n' >"$seeds/script/unknown-option.txt"
  printf '# nothing\n\n' >"$seeds/script/empty.txt"

  # The class API: request sequences (server/fuzz_entry.hpp) through joining, offers, answers,
  # rounds and the teacher's views, and refused ones (bad JSON, wrong token, not one's turn).
  local class=$seeds/class_api
  printf 'GET /api/scenario\n' >"$class/scenario"
  printf 'POST /api/join\n{"code":"$CODE","name":"Ann"}\fGET /api/me joined\n' >"$class/join"
  printf 'POST /api/join\n{"code":"WRONG","name":"Bob"}\fPOST /api/join\n{"code":"$CODE","name":"one"}\n' \
    >"$class/join-refused"
  printf 'POST /api/offer seat1\n{"outcome":{"x":"X0","y":"Y1"}}\fPOST /api/accept seat2\n\fGET /api/me seat2\n' \
    >"$class/offer-accept"
  printf 'POST /api/offer seat1\n{"outcome":{"x":"X1","y":"Y0"}}\fPOST /api/reject seat2\n\fPOST /api/offer seat2\n{"outcome":{"x":"X2","y":"Y0"}}\fPOST /api/walk_away seat1\n' \
    >"$class/offer-reject"
  printf 'POST /api/evaluate seat1\n{"outcome":{"x":"X1","y":"Y1"}}\fPOST /api/offer seat2\n{"outcome":{"x":"X1","y":"Y1"}}\n' \
    >"$class/evaluate"
  printf 'POST /api/teacher/end teacher\n\fPOST /api/teacher/reveal teacher\n\fPOST /api/teacher/round teacher\n{"pairing":"mixed","deadline":4,"against":"boulware","swap":true}\fGET /api/teacher/state teacher\n\fGET /api/teacher/results teacher\n\fGET /api/teacher/export.csv teacher\n\fGET /api/teacher/trace/1 teacher\n\fGET /api/teacher/analysis teacher\n' \
    >"$class/teacher"
  printf 'POST /api/teacher/round teacher\n{"pairing":"agents"}\fPOST /api/teacher/round seat1\n{}\fPOST /api/offer\n{"outcome":{"x":"X0","y":"Y0"}}\fPOST /api/offer seat1\n{"outcome":{"x":"X9","y":"Y0"}}\fPOST /api/offer seat1\n{bad\fDELETE /api/me seat1\n\fGET /nowhere\n\fGET /static/../class.sqlite\n' \
    >"$class/refused"
  printf 'GET /\n\fGET /teacher\n\fGET /static/student.js\n\fGET /api/qr.svg\n\fGET /api/events seat1\n\fGET /favicon.ico\n' \
    >"$class/pages"

  # The class database: SQL run on a stored class (server/fuzz_entry.hpp) before it is read back.
  local store=$seeds/class_store
  printf 'SELECT 1;' >"$store/nothing"
  printf "UPDATE events SET kind='offerr';" >"$store/event-kind"
  printf "UPDATE events SET outcome='9,9';" >"$store/event-outcome"
  printf "UPDATE events SET outcome='1,0,0,0';" >"$store/event-outcome-long"
  printf "UPDATE events SET offer=offer+5;" >"$store/event-offer"
  printf "DELETE FROM events;" >"$store/no-events"
  printf "INSERT INTO events SELECT negotiation, seq+1, 'accept', offer+1, 1-party, outcome FROM events;" \
    >"$store/event-accept"
  printf "UPDATE negotiations SET seed='-1';" >"$store/seed"
  printf "UPDATE negotiations SET spec_0='boulware(e=', student_0=NULL;" >"$store/spec"
  printf "UPDATE negotiations SET student_1=99;" >"$store/student"
  printf "UPDATE negotiations SET round=7;" >"$store/round"
  printf "UPDATE rounds SET pairing='pairs', deadline=0;" >"$store/pairing"
  printf "UPDATE rounds SET deadline=2000000000;" >"$store/deadline"
  printf "UPDATE meta SET value='x' WHERE key='seed';" >"$store/meta-seed"
  printf "UPDATE meta SET value=replace(value, 'deadline = 6', 'deadline = 0') WHERE key='scenario_toml';" \
    >"$store/meta-scenario"
  printf "DELETE FROM meta WHERE key='code';" >"$store/meta-code"
  printf "UPDATE meta SET value='2' WHERE key='version';" >"$store/meta-version"
  printf "UPDATE students SET name=x'ff00';" >"$store/student-name"
  printf "INSERT INTO students VALUES(3, 'three', 'seat');" >"$store/student-added"

  # Traces: every scenario of configs with its own strategies and with others, a few seeds.
  local n=0
  for f in configs/*.toml; do
    for pair in "" "--us boulware --cn conceder" "--us random --cn hardliner" \
      "--us nice_tit_for_tat --cn linear" "--us boa --cn tit_for_tat"; do
      # shellcheck disable=SC2086  # the pair is split into words on purpose
      if "$bin" run "$f" $pair --seed $((n % 5 + 1)) --deadline 12 --format json \
        --out "$seeds/trace/$(basename "$f" .toml)-$n.json" >/dev/null 2>&1; then :; fi
      n=$((n + 1))
    done
  done
  cp tests/data/golden/*.json "$seeds/trace/"
  cp configs/three-clauses.toml "$seeds/trace/not-a-trace.toml"

  # Tournaments, sweeps, tuning files and payoff matrices: configs/tournaments (the fuzz targets
  # read them as if from that folder), and the test tournaments with their paths adjusted.
  for f in configs/tournaments/*.toml; do
    if grep -q '^\[tournament\]' "$f"; then cp "$f" "$seeds/tournament/"; fi
    if grep -q '^\[sweep\]' "$f"; then cp "$f" "$seeds/sweep/"; fi
    if grep -q '^\[tune\]' "$f"; then cp "$f" "$seeds/tune/"; fi
    if grep -q '^\[payoff_matrix\]' "$f"; then cp "$f" "$seeds/payoff_matrix/"; fi
  done
  for f in tests/data/tournaments/*.toml; do
    sed -e 's|"\.\./\.\./\.\./configs/|"../|' -e 's|"\.\./genius/|"genius/|' \
      -e 's|Laptop/laptop_domain.xml|EnglandZimbabwe/EnglandZimbabwe_domain.xml|' \
      -e 's|Laptop/laptop_buyer_utility.xml|EnglandZimbabwe/England.xml|' \
      -e 's|Laptop/laptop_seller_utility.xml|EnglandZimbabwe/Zimbabwe.xml|' \
      "$f" >"$seeds/tournament/test-$(basename "$f")"
  done
  for f in tests/data/evolve/*.json tests/data/tournament-view/*.json; do
    cp "$f" "$seeds/summary/$(basename "$(dirname "$f")")-$(basename "$f")"
  done

  # Tournament folders: the journal target's plans are tests/data/tournaments/small.toml and a
  # lifecycle tournament (tests/fuzz/targets/journal.cpp), made here from the same settings.
  "$bin" tournament tests/data/tournaments/small.toml --out "$tmp/small" --jobs 1 >/dev/null
  cp "$tmp/small/negotiations.csv" "$seeds/journal/small.csv"
  cp "$tmp/small/summary.json" "$seeds/summary/small.json"
  head -c 2000 "$tmp/small/negotiations.csv" >"$seeds/journal/small-cut.csv"
  head -n 3 "$tmp/small/negotiations.csv" >"$seeds/journal/small-3.csv"
  cat >"$tmp/lifecycle.toml" <<EOF
[tournament]
name = "lifecycle"
mode = "lifecycle"
repetitions = 2
seed = 7
metrics = ["agreement", "offers"]
[[competitors]]
label = "boulware"
strategy = "boulware"
[[competitors]]
label = "linear"
strategy = "linear"
[[competitors]]
label = "tft"
strategy = "nice_tit_for_tat"
[[scenarios]]
file = "$PWD/configs/sta-2024.toml"
EOF
  "$bin" tournament "$tmp/lifecycle.toml" --out "$tmp/lifecycle" --jobs 1 >/dev/null
  cp "$tmp/lifecycle/negotiations.csv" "$seeds/journal/lifecycle.csv"
  cp "$tmp/lifecycle/summary.json" "$seeds/summary/lifecycle.json"
  "$bin" tournament configs/tournaments/classroom-self-play.toml --out "$tmp/self" --jobs 1 >/dev/null
  cp "$tmp/self/summary.json" "$seeds/summary/classroom-self-play.json"

  # Specs: every registered name alone, and the specs written in configs.
  "$bin" agents --format json | /usr/bin/python3 -c '
import json, sys
out = sys.argv[1]
for i, entry in enumerate(json.load(sys.stdin)):
    parameters = ", ".join(
        p["name"] + "=" + (repr(p["default"]) if isinstance(p["default"], (int, float))
                           else (p["default"] if p["type"] == "spec" else "\"" + p["default"] + "\""))
        for p in entry["parameters"])
    name = entry["name"]
    with open(f"{out}/{i:02d}-{name}", "w") as f:
        f.write(entry["name"] + (f"({parameters})" if parameters else ""))
' "$seeds/spec"
  grep -ho '^\(agent\|strategy\) = ".*"' configs/*.toml configs/tournaments/*.toml |
    sed 's/^[a-z]* = "\(.*\)"$/\1/' | sed 's/\\"/"/g' | sort -u | while IFS= read -r spec; do
    printf '%s' "$spec" >"$seeds/spec/config-$(printf '%s' "$spec" | md5sum | cut -c1-8)"
  done
  echo "make_corpus.sh: seeds in $seeds: $(find "$seeds" -type f | wc -l) files"
}

merge() {
  local build=$1 seeds=$2
  while read -r name _; do
    [[ -n $name ]] || continue
    local corpus=tests/fuzz/corpus/$name
    mkdir -p "$corpus"
    local extra=()
    [[ -d tests/data/fuzz-regressions/$name ]] && extra+=("tests/data/fuzz-regressions/$name")
    [[ -d $seeds/$name ]] && extra+=("$seeds/$name")
    "$build/bin/fuzz_$name" -merge=1 -rss_limit_mb=2048 -timeout=30 \
      "$corpus" "${extra[@]}" >"$build/merge-$name.log" 2>&1 ||
      { echo "make_corpus.sh: merging $name failed (see $build/merge-$name.log)" >&2; return 1; }
    echo "make_corpus.sh: $name: $(ls "$corpus" | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
  done <"$build/fuzz/targets.txt"
}

case $step in
  generate) generate "$@" ;;
  merge) merge "$@" ;;
  *) echo "make_corpus.sh: unknown step $step" >&2; exit 2 ;;
esac
