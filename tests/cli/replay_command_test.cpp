#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

using treatysim::UserError;
using treatysim::cli::replay_command;
using treatysim::cli::RunOptions;

namespace {

// Saves a trace of `options` (format json) to `path` through run --out.
void save_trace(RunOptions options, const std::string& path) {
  options.format = "json";
  options.out = path;
  std::ostringstream out;
  REQUIRE(treatysim::cli::run_command(options, out) == 0);
  REQUIRE(out.str().empty());
}

nlohmann::ordered_json read_json(const std::string& path) {
  return nlohmann::ordered_json::parse(cli_test::read_file(path));
}

void write_json(const std::string& path, const nlohmann::ordered_json& json) {
  cli_test::write_file(path, json.dump(2) + "\n");
}

}  // namespace

TEST_CASE("replay of a saved trace is identical") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  std::ostringstream out;
  CHECK(replay_command(path, out) == 0);
  CHECK(out.str() == path + ": identical (30 events, agreement after 15 offers, seed 1)\n");
}

TEST_CASE(
    "replay is identical for every config, with overrides, a stochastic agent and other seeds") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  for (const std::string name : {"three-clauses.toml", "sta-2024.toml", "split-the-pie.toml"}) {
    for (std::uint64_t seed : {std::uint64_t{7}, std::uint64_t{18446744073709551615ULL}}) {
      CAPTURE(name);
      CAPTURE(seed);
      auto options = cli_test::run_options(name, "json");
      options.seed = seed;
      options.deadline = 9;  // not each config's own: the trace must carry it
      options.agents.assignments = {"us=random(walk_away=0.05)"};
      save_trace(options, path);
      std::ostringstream out;
      CHECK(replay_command(path, out) == 0);
      CHECK(out.str().find(": identical (") != std::string::npos);
      CHECK(out.str().find("seed " + std::to_string(seed) + ")") != std::string::npos);
    }
  }
}

TEST_CASE("replay reports the first event that differs: an edited utility") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  auto json = read_json(path);
  auto& utility = json.at("events").at(4).at("utilities").at("cn");
  const double original = utility.get<double>();
  utility = original + 0.125;
  write_json(path, json);

  std::ostringstream out;
  CHECK(replay_command(path, out) == 1);
  const std::string text = out.str();
  CHECK(text.rfind(path + ": DIFFERENT at event 4\n  saved:  ", 0) == 0);
  CHECK(text.find("\n  replay: ") != std::string::npos);
  CHECK(text.find("identical") == std::string::npos);
}

TEST_CASE("replay reports the first event that differs: an edited option") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("sta-2024.toml", "json"), path);
  auto json = read_json(path);
  // Event 2 is offer 1, China's opening offer (each offer is followed by its answer).
  auto& option = json.at("events").at(2).at("outcome").at("scope");
  REQUIRE(option == "S3");
  option = "S2";
  write_json(path, json);

  std::ostringstream out;
  CHECK(replay_command(path, out) == 1);
  const std::string text = out.str();
  CHECK(text.rfind(path + ": DIFFERENT at event 2\n", 0) == 0);
  CHECK(text.find("\"scope\":\"S2\"") != std::string::npos);  // the saved line
  CHECK(text.find("\"scope\":\"S3\"") != std::string::npos);  // the replayed line
}

TEST_CASE("replay reports missing events and an edited result") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  const auto original = read_json(path);

  auto json = original;
  json.at("events").erase(json.at("events").size() - 1);
  write_json(path, json);
  std::ostringstream out;
  CHECK(replay_command(path, out) == 1);
  CHECK(out.str() == path + ": DIFFERENT: the saved trace has 29 events, the replay 30\n");

  json = original;
  json.at("result").at("utilities").at("us") = 0.5;
  write_json(path, json);
  out.str("");
  CHECK(replay_command(path, out) == 1);
  CHECK(out.str().rfind(path + ": DIFFERENT result\n  saved:  ", 0) == 0);
}

TEST_CASE("replay gives a person's side its recorded decisions and re-runs the agent") {
  // A trace of two agents with the U.S. side relabelled "human", as the window and the terminal
  // game record a person: the U.S. decisions come from the file, China decides again.
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("sta-2024.toml", "json"), path);
  auto json = read_json(path);
  json.at("agents").at("us") = "human";
  write_json(path, json);
  const auto person = json;

  std::ostringstream out;
  CHECK(replay_command(path, out) == 0);
  const std::string result = json.at("result").at("end").get<std::string>() + " after " +
                             std::to_string(json.at("result").at("offers").get<int>()) + " offers";
  CHECK(out.str() == path + ": identical (" + std::to_string(json.at("events").size()) +
                         " events, " + result +
                         ", seed 1)\n  us was played by a person: its recorded decisions were "
                         "given again; the other side decided anew\n");

  // China's opening offer (event 2) edited: China decides anew, so the replay differs there.
  json.at("events").at(2).at("outcome").at("scope") = "S2";
  write_json(path, json);
  out.str("");
  CHECK(replay_command(path, out) == 1);
  CHECK(out.str().rfind(path + ": DIFFERENT at event 2\n", 0) == 0);

  // The person's decisions end before the saved result says the negotiation did.
  json = person;
  const std::size_t saved_events = json.at("events").size();
  REQUIRE(saved_events > 6);
  while (json.at("events").size() > 5) json.at("events").erase(json.at("events").size() - 1);
  write_json(path, json);
  out.str("");
  CHECK(replay_command(path, out) == 1);
  // Events 0-4 are offer 0 (U.S.), its rejection, offer 1 (China), its rejection (U.S.), offer 2
  // (U.S.). China, an agent, answers offer 2 and makes offer 3 (events 5 and 6); the U.S. answer
  // to offer 3 is not recorded, so the re-run stops there, with 7 events.
  CHECK(out.str() == path + ": DIFFERENT: the saved trace has 5 events, the replay 7\n");
}

TEST_CASE("replay of a trace saved while the negotiation was running stops where it did") {
  // The window saves a negotiation in progress with "end": "running" and the offers so far.
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  auto json = read_json(path);
  while (json.at("events").size() > 7) json.at("events").erase(json.at("events").size() - 1);
  auto& result = json.at("result");
  result = nlohmann::ordered_json::parse(
      R"({"agreement": false, "end": "running", "offers": 4,
          "utilities": {"us": 0.0, "cn": 0.0}, "discounted_utilities": {"us": 0.0, "cn": 0.0}})");
  write_json(path, json);
  std::ostringstream out;
  CHECK(replay_command(path, out) == 0);
  CHECK(out.str() == path + ": identical (7 events, running after 4 offers, seed 1)\n");

  result.at("offers") = 3;
  write_json(path, json);
  out.str("");
  CHECK(replay_command(path, out) == 1);
  CHECK(out.str().rfind(path + ": DIFFERENT result\n", 0) == 0);
}

TEST_CASE("replay refuses a trace whose embedded scenario was edited") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  auto json = read_json(path);
  const std::string hash = json.at("scenario").at("hash").get<std::string>();
  std::string toml = json.at("scenario").at("toml").get<std::string>();
  const std::string from = "reservation = 0.35\n";
  const auto at = toml.find(from);
  REQUIRE(at != std::string::npos);
  toml.replace(at, from.size(), "reservation = 0.5\n");
  json.at("scenario").at("toml") = toml;
  write_json(path, json);

  const std::string new_hash = treatysim::parse_scenario(toml, "edited").content_hash();
  REQUIRE(new_hash != hash);
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(replay_command(path, out),
                       (path + ": scenario.hash: the embedded scenario hashes to " + new_hash +
                        ", not \"" + hash + "\" (the file was edited)")
                           .c_str(),
                       UserError);
  CHECK(out.str().empty());
}

TEST_CASE("replay refuses a trace whose copies of the protocol or party list were edited") {
  cli_test::TempDir dir;
  const std::string path = dir.file("trace.json");
  save_trace(cli_test::run_options("three-clauses.toml", "json"), path);
  const auto original = read_json(path);
  std::ostringstream out;

  auto json = original;
  json.at("deadline") = 0;
  write_json(path, json);
  CHECK_THROWS_WITH_AS(replay_command(path, out),
                       (path + ": deadline: expected 20, the embedded scenario's deadline, got 0 "
                               "(the file was edited)")
                           .c_str(),
                       UserError);
  json = original;
  json.at("first_mover") = "cn";
  write_json(path, json);
  CHECK_THROWS_WITH_AS(replay_command(path, out),
                       (path + ": first_mover: expected \"us\", the embedded scenario's first "
                               "mover, got \"cn\" (the file was edited)")
                           .c_str(),
                       UserError);
  json = original;
  json.at("agents")["eu"] = "boulware";
  write_json(path, json);
  CHECK_THROWS_WITH_AS(
      replay_command(path, out),
      (path + ": agents.eu: not a party of the scenario (expected \"us\" and \"cn\")").c_str(),
      UserError);
  CHECK(out.str().empty());
}

TEST_CASE("replay refuses files that are not traces") {
  cli_test::TempDir dir;
  std::ostringstream out;
  const std::string scenario = cli_test::config("three-clauses.toml");
  try {
    static_cast<void>(replay_command(scenario, out));
    FAIL("expected a UserError");
  } catch (const UserError& e) {
    CHECK(std::string(e.what()).rfind(scenario + ": not a JSON trace: ", 0) == 0);
  }

  const std::string empty_object = dir.file("empty.json");
  cli_test::write_file(empty_object, "{}\n");
  CHECK_THROWS_WITH_AS(
      replay_command(empty_object, out),
      (empty_object + ": format: missing key (expected \"treatysim-trace\")").c_str(), UserError);

  const std::string missing = dir.file("missing.json");
  CHECK_THROWS_WITH_AS(replay_command(missing, out),
                       (missing + ": cannot read the file: No such file or directory").c_str(),
                       UserError);
  CHECK(out.str().empty());
}
