#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/version.hpp"

using nlohmann::ordered_json;
using treatysim::Scenario;
using treatysim::Trace;

namespace {

Scenario sta_2024() {
  return treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
}

Trace run(const Scenario& scenario, const std::string& spec0, const std::string& spec1,
          std::uint64_t seed) {
  return treatysim::run_traced(scenario,
                               {treatysim::parse_spec(spec0), treatysim::parse_spec(spec1)}, seed,
                               treatysim::agents::builtin_registry());
}

std::vector<std::string> keys_of(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// Two issues, x (options x0, "x,1" with a comma, x2) and y (y0, y1). Party a: x worth 1, 0.5,
// 0; y worth 1, 0; weights 0.5 each. Party b the mirror image. Reservation values 0.25.
Scenario small_scenario(int deadline) {
  treatysim::ScenarioDef def;
  def.id = "small";
  def.title = "Small";
  def.protocol.deadline = deadline;
  treatysim::Issue x;
  x.id = "x";
  x.options = {{"x0", {}, {}}, {"x,1", {}, {}}, {"x2", {}, {}}};
  treatysim::Issue y;
  y.id = "y";
  y.options = {{"y0", {}, {}}, {"y1", {}, {}}};
  def.issues = {x, y};
  const char* ids[] = {"a", "b"};
  for (std::size_t p = 0; p < 2; ++p) {
    auto& party = def.parties[p];
    party.id = ids[p];
    party.agent = "hardliner";
    party.preferences.weights = {0.5, 0.5};
    party.preferences.values = p == 0
                                   ? std::vector<std::vector<double>>{{1.0, 0.5, 0.0}, {1.0, 0.0}}
                                   : std::vector<std::vector<double>>{{0.0, 0.5, 1.0}, {0.0, 1.0}};
    party.preferences.shapes = {treatysim::ValueShape::kTable, treatysim::ValueShape::kTable};
    party.preferences.reservation_value = 0.25;
  }
  return Scenario::create(def);
}

// The UserError message parse_trace gives for `text`, or "" when it parses.
std::string parse_error(const std::string& text) {
  try {
    static_cast<void>(treatysim::parse_trace(text, "trace.json"));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("trace JSON has the documented keys in the documented order") {
  const Scenario scenario = sta_2024();
  const Trace trace = run(scenario, "boulware(e=0.2)", "time_dependent(e=0.5)", 1);
  REQUIRE(trace.result.end == treatysim::NegotiationEnd::kAgreement);
  const ordered_json json = treatysim::trace_to_json(trace);
  CHECK(keys_of(json) == std::vector<std::string>{"format", "format_version", "program_version",
                                                  "scenario", "seed", "deadline", "first_mover",
                                                  "agents", "events", "result"});
  CHECK(json.at("format") == "treatysim-trace");
  CHECK(json.at("format_version") == 1);
  CHECK(json.at("program_version") == treatysim::kProgramVersion);
  CHECK(keys_of(json.at("scenario")) == std::vector<std::string>{"id", "title", "hash", "toml"});
  CHECK(json.at("scenario").at("id") == "sta-2024");
  CHECK(json.at("scenario").at("hash") == scenario.content_hash());
  CHECK(json.at("scenario").at("toml") == treatysim::to_toml(scenario.def()));
  CHECK(json.at("seed") == 1);
  CHECK(json.at("deadline") == 40);
  CHECK(json.at("first_mover") == "us");
  CHECK(json.at("agents") ==
        ordered_json{{"us", "boulware(e=0.2)"}, {"cn", "time_dependent(e=0.5)"}});

  const ordered_json& events = json.at("events");
  REQUIRE(events.size() == trace.events.size());
  // First event: us's best outcome S0/IP0/D0/G0/T2 (us 1.0).
  const ordered_json& first = events.at(0);
  CHECK(keys_of(first) ==
        std::vector<std::string>{"type", "offer", "party", "outcome", "utilities"});
  CHECK(first.at("type") == "offer");
  CHECK(first.at("offer") == 0);
  CHECK(first.at("party") == "us");
  CHECK(first.at("outcome") ==
        ordered_json{
            {"scope", "S0"}, {"ip", "IP0"}, {"data", "D0"}, {"guardrails", "G0"}, {"term", "T2"}});
  CHECK(first.at("utilities").at("us").get<double>() == doctest::Approx(1.0).epsilon(1e-12));
  // A reject carries no outcome or utilities.
  CHECK(keys_of(events.at(1)) == std::vector<std::string>{"type", "offer", "party"});
  CHECK(events.at(1).at("type") == "reject");
  CHECK(events.at(1).at("party") == "cn");
  CHECK(events.back().at("type") == "accept");
  CHECK(keys_of(events.back()) ==
        std::vector<std::string>{"type", "offer", "party", "outcome", "utilities"});

  const ordered_json& result = json.at("result");
  CHECK(keys_of(result) == std::vector<std::string>{"agreement", "end", "offers", "agreement_offer",
                                                    "outcome", "utilities",
                                                    "discounted_utilities"});
  CHECK(result.at("agreement") == true);
  CHECK(result.at("end") == "agreement");
  CHECK(result.at("offers") == trace.result.offers);
  CHECK(result.at("agreement_offer") == trace.result.agreement_offer_index);
  CHECK(result.at("outcome") == events.back().at("outcome"));
  CHECK(result.at("utilities") == events.back().at("utilities"));
  CHECK(keys_of(result.at("discounted_utilities")) == std::vector<std::string>{"us", "cn"});

  // The saved text is the JSON, indented by 2, with a final newline.
  CHECK(treatysim::trace_to_text(trace) == json.dump(2) + "\n");
}

TEST_CASE("trace JSON without agreement: deadline events and a result without outcome") {
  const Trace trace = run(sta_2024().with_deadline(4), "hardliner", "hardliner", 1);
  const ordered_json json = treatysim::trace_to_json(trace);
  const ordered_json& events = json.at("events");
  REQUIRE(events.size() == 9);  // 4 × (offer, reject) + deadline
  CHECK(events.back() == ordered_json{{"type", "deadline"}, {"offer", 3}, {"party", "us"}});
  const ordered_json& result = json.at("result");
  CHECK(keys_of(result) == std::vector<std::string>{"agreement", "end", "offers", "utilities",
                                                    "discounted_utilities"});
  CHECK(result.at("agreement") == false);
  CHECK(result.at("end") == "deadline");
  CHECK(result.at("offers") == 4);
  CHECK(result.at("utilities") == ordered_json{{"us", 0.4}, {"cn", 0.2}});
  CHECK(result.at("discounted_utilities") == ordered_json{{"us", 0.4}, {"cn", 0.2}});
  CHECK(json.at("deadline") == 4);
}

TEST_CASE("parse_trace round-trips the scenario, seed and specs and the re-run is identical") {
  const Scenario scenario = sta_2024();
  const Trace trace =
      run(scenario, "boulware(e=0.2)", "random(accept=0.3, walk_away=0.01)", 987654321);
  const std::string text = treatysim::trace_to_text(trace);
  const treatysim::SavedTrace saved = treatysim::parse_trace(text, "trace.json");
  CHECK(saved.scenario.content_hash() == scenario.content_hash());
  CHECK(saved.scenario.def() == scenario.def());
  CHECK(saved.seed == 987654321);
  CHECK(saved.specs[0].to_string() == "boulware(e=0.2)");
  CHECK(saved.specs[1].to_string() == "random(accept=0.3, walk_away=0.01)");
  CHECK(saved.json == treatysim::trace_to_json(trace));
  const Trace rerun = treatysim::run_traced(saved.scenario, saved.specs, saved.seed,
                                            treatysim::agents::builtin_registry());
  CHECK(treatysim::trace_to_text(rerun) == text);
}

// sta-linkage (configs/sta-linkage.toml): sta-2024's weights × 0.85; the U.S. has a constant
// +0.15 (never named: every outcome triggers it) and −0.15 for scope S2/S3 with guardrails G2/G3,
// China +0.15 for scope S2/S3 with data D0/D1. China's best outcome is S3/IP3/D1/G3/T3: China
// .255 + .085 + .17·.5 + .1275 + .2125 + .15 = 0.915 (D3 without the term gives 0.85, D0 with it
// 0.83); the U.S. .17·.8 + .085·.2 + .15 − .15 = 0.153. It triggers both linked terms. The U.S.
// best, S0/IP0/D0/G0/T2 (.85 + .15 = 1), triggers none.
TEST_CASE("traces of a linked scenario name the terms each offer triggers; replay is identical") {
  const Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-linkage.toml");
  const Trace trace = run(scenario, "boulware(e=0.2)", "boulware(e=0.2)", 7);
  const ordered_json json = treatysim::trace_to_json(trace);
  const ordered_json& events = json.at("events");
  REQUIRE(events.size() >= 3);
  const ordered_json& us_first = events.at(0);
  CHECK(keys_of(us_first) ==
        std::vector<std::string>{"type", "offer", "party", "outcome", "utilities", "terms"});
  CHECK(us_first.at("outcome") ==
        ordered_json{
            {"scope", "S0"}, {"ip", "IP0"}, {"data", "D0"}, {"guardrails", "G0"}, {"term", "T2"}});
  CHECK(us_first.at("terms") == ordered_json::array());
  CHECK(keys_of(events.at(1)) == std::vector<std::string>{"type", "offer", "party"});
  const ordered_json& cn_first = events.at(2);
  CHECK(cn_first.at("party") == "cn");
  CHECK(cn_first.at("outcome") ==
        ordered_json{
            {"scope", "S3"}, {"ip", "IP3"}, {"data", "D1"}, {"guardrails", "G3"}, {"term", "T3"}});
  CHECK(cn_first.at("utilities").at("cn").get<double>() == doctest::Approx(0.915));
  CHECK(cn_first.at("utilities").at("us").get<double>() == doctest::Approx(0.153));
  const ordered_json us_term = {
      {"party", "us"},
      {"text", "broad scope without strong guardrails: \u22120.15 for United States"}};
  const ordered_json cn_term = {{"party", "cn"},
                                {"text", "broad scope with data reciprocity: +0.15 for China"}};
  CHECK(cn_first.at("terms") == ordered_json::array({us_term, cn_term}));
  // Every offer and acceptance: the terms by the file's own rule, from the outcome's ids.
  for (const ordered_json& e : events) {
    if (!e.contains("outcome")) {
      CHECK_FALSE(e.contains("terms"));
      continue;
    }
    const ordered_json& o = e.at("outcome");
    const bool broad = o.at("scope") == "S2" || o.at("scope") == "S3";
    const bool weak = o.at("guardrails") == "G2" || o.at("guardrails") == "G3";
    const bool reciprocal = o.at("data") == "D0" || o.at("data") == "D1";
    std::vector<std::string> expected;
    if (broad && weak) expected.emplace_back("us");
    if (broad && reciprocal) expected.emplace_back("cn");
    std::vector<std::string> named;
    for (const ordered_json& term : e.at("terms")) named.push_back(term.at("party"));
    CHECK(named == expected);
  }
  // The file re-runs to the same bytes (what replay checks).
  const std::string text = treatysim::trace_to_text(trace);
  const treatysim::SavedTrace saved = treatysim::parse_trace(text, "trace.json");
  const Trace rerun = treatysim::run_traced(saved.scenario, saved.specs, saved.seed,
                                            treatysim::agents::builtin_registry());
  CHECK(treatysim::trace_to_text(rerun) == text);
}

TEST_CASE("offers_csv: header and rows, with CSV quoting of ids") {
  // Hardliners: a offers its best x0/y0 (a 1, b 0), b its best x2/y1 (a 0, b 1); both reject.
  const Trace trace = run(small_scenario(3), "hardliner", "hardliner", 1);
  CHECK(treatysim::offers_csv(trace) ==
        "offer,proposer,x,y,utility_a,utility_b,response\n"
        "0,a,x0,y0,1,0,reject\n"
        "1,b,x2,y1,0,1,reject\n"
        "2,a,x0,y0,1,0,reject\n");

  // linear vs linear, deadline 2: a opens with x0/y0; at t = 1 b's target is its reservation
  // value 0.25, reached first by "x,1"/y0 (a 0.5·0.5 + 0.5·1 = 0.75, b 0.5·0.5 = 0.25), which a
  // accepts. The id with a comma is quoted (RFC 4180).
  const Trace agreed = run(small_scenario(2), "linear", "linear", 1);
  CHECK(treatysim::offers_csv(agreed) ==
        "offer,proposer,x,y,utility_a,utility_b,response\n"
        "0,a,x0,y0,1,0,reject\n"
        "1,b,\"x,1\",y0,0.75,0.25,accept\n");
}

TEST_CASE("parse_trace rejects tampered or malformed files with clear messages") {
  const Scenario scenario = sta_2024();
  const ordered_json good = treatysim::trace_to_json(run(scenario, "linear", "linear", 1));
  CHECK(parse_error(good.dump()).empty());

  // The embedded scenario was edited after saving: its hash no longer matches.
  ordered_json edited = good;
  std::string toml = edited["scenario"]["toml"].get<std::string>();
  const std::size_t at = toml.find("reservation = 0.4");
  REQUIRE(at != std::string::npos);
  toml.replace(at, 17, "reservation = 0.5");
  edited["scenario"]["toml"] = toml;
  const std::string edited_hash = treatysim::parse_scenario(toml, "x").content_hash();
  CHECK(parse_error(edited.dump()) ==
        "trace.json: scenario.hash: the embedded scenario hashes to " + edited_hash + ", not \"" +
            scenario.content_hash() + "\" (the file was edited)");

  ordered_json wrong_hash = good;
  wrong_hash["scenario"]["hash"] = "0000000000000000";
  CHECK(parse_error(wrong_hash.dump()) ==
        "trace.json: scenario.hash: the embedded scenario hashes to " + scenario.content_hash() +
            ", not \"0000000000000000\" (the file was edited)");

  CHECK(parse_error("{\"format\": ").rfind("trace.json: not a JSON trace: ", 0) == 0);
  CHECK(parse_error("[1, 2]") == "trace.json: not a treatysim trace (expected a JSON object)");
  CHECK(parse_error("{}") == "trace.json: format: missing key (expected \"treatysim-trace\")");

  ordered_json other = good;
  other["format"] = "something-else";
  CHECK(parse_error(other.dump()) ==
        "trace.json: format: expected \"treatysim-trace\", got \"something-else\"");

  ordered_json future = good;
  future["format_version"] = 2;
  CHECK(parse_error(future.dump()) ==
        "trace.json: format_version: this program reads trace format 1, the file has 2");

  ordered_json negative_seed = good;
  negative_seed["seed"] = -1;
  CHECK(parse_error(negative_seed.dump()) ==
        "trace.json: seed: expected a non-negative integer, got -1");

  ordered_json bad_spec = good;
  bad_spec["agents"]["cn"] = "linear(";
  CHECK(parse_error(bad_spec.dump()) ==
        "trace.json: agents.cn: agent spec \"linear(\": at column 8: expected a parameter name (a "
        "letter, then "
        "letters, digits or '_'), found the end");

  ordered_json no_events = good;
  no_events.erase("events");
  CHECK(parse_error(no_events.dump()) ==
        "trace.json: events: missing key (expected an array of events)");
}

TEST_CASE("load_trace_file reads a saved trace and names the file in errors") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("treatysim-trace-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string good_path = (dir / "good.json").string();
  const std::string bad_path = (dir / "bad.json").string();
  const Trace trace = run(sta_2024(), "linear", "conceder", 5);
  std::ofstream(good_path, std::ios::binary) << treatysim::trace_to_text(trace);
  std::ofstream(bad_path, std::ios::binary) << "not json at all";

  const treatysim::SavedTrace saved = treatysim::load_trace_file(good_path);
  CHECK(saved.seed == 5);
  CHECK(saved.specs[1].to_string() == "conceder");

  std::string message;
  try {
    static_cast<void>(treatysim::load_trace_file(bad_path));
  } catch (const treatysim::UserError& e) {
    message = e.what();
  }
  CHECK(message.rfind(bad_path + ": not a JSON trace: ", 0) == 0);

  message.clear();
  try {
    static_cast<void>(treatysim::load_trace_file((dir / "missing.json").string()));
  } catch (const treatysim::UserError& e) {
    message = e.what();
  }
  CHECK(message.find("missing.json") != std::string::npos);
  std::filesystem::remove_all(dir);
}
