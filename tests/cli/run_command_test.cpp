#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

using treatysim::UserError;
using treatysim::cli::run_command;
using treatysim::cli::RunOptions;

namespace {

nlohmann::ordered_json run_json(const RunOptions& options) {
  return nlohmann::ordered_json::parse(cli_test::run_output(options));
}

treatysim::Scenario scenario_of(const std::string& config_name) {
  return treatysim::load_scenario_file(
      cli_test::config(config_name),
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
}

// Keys of a JSON object, in order.
std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// Checks the "result" object of a trace against the documented layout and the scenario.
void check_result(const nlohmann::ordered_json& trace, const treatysim::Scenario& scenario) {
  REQUIRE(trace.contains("result"));
  const auto& result = trace.at("result");
  REQUIRE(result.is_object());
  REQUIRE(result.at("agreement").is_boolean());
  REQUIRE(result.at("end").is_string());
  const auto end = result.at("end").get<std::string>();
  CHECK(std::set<std::string>{"agreement", "walk_away", "deadline"}.count(end) == 1);
  const bool agreement = result.at("agreement").get<bool>();
  CHECK(agreement == (end == "agreement"));
  REQUIRE(result.at("offers").is_number_integer());
  const int offers = result.at("offers").get<int>();
  CHECK(offers >= 1);
  CHECK(offers <= trace.at("deadline").get<int>());
  if (end == "deadline") CHECK(offers == trace.at("deadline").get<int>());

  const std::vector<std::string> party_ids{scenario.party(0).id, scenario.party(1).id};
  for (const char* key : {"utilities", "discounted_utilities"}) {
    CAPTURE(key);
    REQUIRE(result.contains(key));
    CHECK(keys_of(result.at(key)) == party_ids);
    for (const auto& value : result.at(key)) CHECK(value.is_number());
  }

  CHECK(result.contains("outcome") == agreement);
  if (agreement) {
    const auto& outcome = result.at("outcome");
    const auto& space = scenario.space();
    REQUIRE(outcome.size() == space.issue_count());
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const auto& issue = space.issue(i);
      CAPTURE(issue.id);
      REQUIRE(outcome.contains(issue.id));
      REQUIRE(outcome.at(issue.id).is_string());
      CHECK(issue.find_option(outcome.at(issue.id).get<std::string>()) >= 0);
    }
    // The agreement is the last offer, and the agreed outcome is what was offered there.
    const int agreed = result.at("agreement_offer").get<int>();
    CHECK(agreed == offers - 1);
    bool seen = false;
    for (const auto& event : trace.at("events")) {
      if (event.at("type") == "offer" && event.at("offer") == agreed) {
        CHECK(event.at("outcome") == outcome);
        seen = true;
      }
    }
    CHECK(seen);
  }
}

}  // namespace

TEST_CASE("run --format json: the result names the end, the offers, the outcome and the payoffs") {
  for (const std::string name : {"three-clauses.toml", "sta-2024.toml", "split-the-pie.toml"}) {
    CAPTURE(name);
    const auto trace = run_json(cli_test::run_options(name, "json"));
    CHECK(trace.at("format") == "treatysim-trace");
    CHECK(trace.at("result").at("agreement") == true);
    check_result(trace, scenario_of(name));
  }
}

TEST_CASE("run --format json: a deadline and a walk-away have no outcome") {
  const auto scenario = scenario_of("three-clauses.toml");

  auto options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.us = "hardliner";
  options.agents.cn = "hardliner";
  options.deadline = 4;
  auto trace = run_json(options);
  CHECK(trace.at("result").at("agreement") == false);
  CHECK(trace.at("result").at("end") == "deadline");
  CHECK(trace.at("result").at("offers") == 4);
  CHECK_FALSE(trace.at("result").contains("outcome"));
  // Without an agreement each party gets its reservation value.
  CHECK(trace.at("result").at("utilities").at("us").get<double>() == doctest::Approx(0.35));
  CHECK(trace.at("result").at("utilities").at("cn").get<double>() == doctest::Approx(0.25));
  check_result(trace, scenario.with_deadline(4));

  options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.cn = "random(walk_away=1)";
  trace = run_json(options);
  CHECK(trace.at("result").at("agreement") == false);
  CHECK(trace.at("result").at("end") == "walk_away");
  CHECK(trace.at("result").at("offers") == 1);
  CHECK_FALSE(trace.at("result").contains("outcome"));
  check_result(trace, scenario);
}

TEST_CASE("run --format json: every end is well formed, whatever the strategies and seed") {
  const auto scenario = scenario_of("three-clauses.toml");
  for (const std::string us : {"random", "linear", "hardliner"}) {
    for (const std::string cn : {"random(walk_away=0.2)", "conceder", "boulware(e=0.1)"}) {
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(us);
        CAPTURE(cn);
        CAPTURE(seed);
        auto options = cli_test::run_options("three-clauses.toml", "json");
        options.agents.us = us;
        options.agents.cn = cn;
        options.seed = seed;
        const auto trace = run_json(options);
        CHECK(trace.at("seed") == seed);
        check_result(trace, scenario);
      }
    }
  }
}

TEST_CASE("run: --us, --cn and --agent override the scenario's strategies and show in the trace") {
  auto defaults = run_json(cli_test::run_options("three-clauses.toml", "json"));
  CHECK(defaults.at("agents") ==
        nlohmann::ordered_json{{"us", "boulware(e=0.25)"}, {"cn", "conceder(e=4)"}});

  auto options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.us = "hardliner";
  options.agents.cn = "linear(e=1)";
  auto trace = run_json(options);
  CHECK(trace.at("agents") == nlohmann::ordered_json{{"us", "hardliner"}, {"cn", "linear(e=1)"}});
  CHECK(trace.at("events") != defaults.at("events"));

  options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.assignments = {"cn=hardliner", "us=conceder(e=3)"};
  trace = run_json(options);
  CHECK(trace.at("agents") == nlohmann::ordered_json{{"us", "conceder(e=3)"}, {"cn", "hardliner"}});
  // A hardliner always offers its best outcome: every offer of cn is the same.
  std::set<std::string> cn_offers;
  for (const auto& event : trace.at("events")) {
    if (event.at("type") == "offer" && event.at("party") == "cn")
      cn_offers.insert(event.at("outcome").dump());
  }
  CHECK(cn_offers.size() == 1);

  // One party overridden, the other keeps the scenario's strategy.
  options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.assignments = {"us=linear"};
  trace = run_json(options);
  CHECK(trace.at("agents") == nlohmann::ordered_json{{"us", "linear"}, {"cn", "conceder(e=4)"}});

  // The text output names the strategies too.
  options.format = "text";
  CHECK(cli_test::run_output(options).find("  United States (us): linear, reservation 0.350") !=
        std::string::npos);
}

TEST_CASE("run --deadline overrides the scenario's deadline in the run and in the trace") {
  auto options = cli_test::run_options("sta-2024.toml", "json");
  options.deadline = 8;
  options.agents.us = "hardliner";
  options.agents.cn = "hardliner";
  const auto trace = run_json(options);
  CHECK(trace.at("deadline") == 8);
  CHECK(trace.at("result").at("end") == "deadline");
  CHECK(trace.at("result").at("offers") == 8);
  // The embedded scenario carries the new deadline, so the trace replays without the flag.
  CHECK(trace.at("scenario").at("toml").get<std::string>().find("deadline = 8\n") !=
        std::string::npos);
  check_result(trace, scenario_of("sta-2024.toml").with_deadline(8));

  const auto original = run_json(cli_test::run_options("sta-2024.toml", "json"));
  CHECK(original.at("deadline") == 40);
}

TEST_CASE("run is deterministic: the same options and seed give the same bytes") {
  auto options = cli_test::run_options("three-clauses.toml", "json");
  options.agents.us = "random";
  options.seed = 42;
  const std::string first = cli_test::run_output(options);
  CHECK(cli_test::run_output(options) == first);
  options.format = "csv";
  CHECK(cli_test::run_output(options) == cli_test::run_output(options));
}

TEST_CASE("run --format csv: the documented header and one row per offer") {
  const auto options = cli_test::run_options("sta-2024.toml", "csv");
  const auto lines = cli_test::lines_of(cli_test::run_output(options));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front() ==
        "offer,proposer,scope,ip,data,guardrails,term,utility_us,utility_cn,response");

  const auto trace = run_json(cli_test::run_options("sta-2024.toml", "json"));
  const int offers = trace.at("result").at("offers").get<int>();
  REQUIRE(lines.size() == static_cast<std::size_t>(offers) + 1);
  std::vector<nlohmann::ordered_json> offer_events;
  for (const auto& event : trace.at("events")) {
    if (event.at("type") == "offer") offer_events.push_back(event);
  }
  REQUIRE(offer_events.size() == static_cast<std::size_t>(offers));
  for (int k = 0; k < offers; ++k) {
    const std::string& row = lines[static_cast<std::size_t>(k) + 1];
    CAPTURE(row);
    std::vector<std::string> fields;
    std::istringstream in(row);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
    REQUIRE(fields.size() == 10);
    const auto& event = offer_events[static_cast<std::size_t>(k)];
    CHECK(fields[0] == std::to_string(k));
    CHECK(fields[1] == event.at("party").get<std::string>());
    CHECK(fields[2] == event.at("outcome").at("scope").get<std::string>());
    CHECK(fields[6] == event.at("outcome").at("term").get<std::string>());
    CHECK(std::stod(fields[7]) == doctest::Approx(event.at("utilities").at("us").get<double>()));
    CHECK(std::stod(fields[8]) == doctest::Approx(event.at("utilities").at("cn").get<double>()));
    CHECK(fields[9] == (k + 1 == offers ? "accept" : "reject"));
  }
  // The proposers alternate, starting with the first mover.
  CHECK(lines[1].rfind("0,us,", 0) == 0);
  CHECK(lines[2].rfind("1,cn,", 0) == 0);
}

TEST_CASE("run --format csv on a numeric issue and on a deadline") {
  auto options = cli_test::run_options("split-the-pie.toml", "csv");
  auto lines = cli_test::lines_of(cli_test::run_output(options));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.front() == "offer,proposer,share,utility_us,utility_cn,response");
  CHECK(lines[1] == "0,us,100,1,0,reject");

  options = cli_test::run_options("three-clauses.toml", "csv");
  options.agents.us = "hardliner";
  options.agents.cn = "hardliner";
  options.deadline = 3;
  lines = cli_test::lines_of(cli_test::run_output(options));
  REQUIRE(lines.size() == 4);
  CHECK(lines.front() == "offer,proposer,ip,data,dual_use,utility_us,utility_cn,response");
  CHECK(lines[3].rfind("2,us,IP0,D0,G0,", 0) == 0);
  // Every offer was answered; the last rejection ran into the deadline.
  for (std::size_t k = 1; k < lines.size(); ++k)
    CHECK(lines[k].substr(lines[k].rfind(',') + 1) == "reject");
}

TEST_CASE("run --format text: the header, the round table and the result") {
  for (const std::string name : {"three-clauses.toml", "sta-2024.toml", "split-the-pie.toml"}) {
    CAPTURE(name);
    const auto trace = run_json(cli_test::run_options(name, "json"));
    const std::string text = cli_test::run_output(cli_test::run_options(name, "text"));
    const auto lines = cli_test::lines_of(text);
    const auto scenario = scenario_of(name);
    REQUIRE(lines.size() > 6);
    CHECK(lines[0] == scenario.title() + " [" + scenario.id() + "]");
    // The table: a header row naming every issue and both utilities, a rule, one row per offer.
    std::size_t header = 0;
    while (header < lines.size() && lines[header].rfind("round  by  ", 0) != 0) ++header;
    REQUIRE(header + 1 < lines.size());
    for (const auto& issue : scenario.space().issues()) {
      CHECK(lines[header].find("  " + issue.id + " ") != std::string::npos);
    }
    CHECK(lines[header].find("u(us)") != std::string::npos);
    CHECK(lines[header].find("u(cn)") != std::string::npos);
    CHECK(lines[header + 1] == std::string(lines[header].size(), '-'));
    const int offers = trace.at("result").at("offers").get<int>();
    for (int k = 0; k < offers; ++k) {
      const std::string& row = lines[header + 2 + static_cast<std::size_t>(k)];
      CAPTURE(row);
      const std::string round = std::to_string(k);
      CHECK(row.substr(0, 5) == std::string(5 - round.size(), ' ') + round);
      CHECK(row.find(k % 2 == 0 ? "  us  " : "  cn  ") == 5);
    }
    CHECK(lines[header + 2 + static_cast<std::size_t>(offers)] ==
          "(* = clause changed since the proposer's previous offer)");
    CHECK(text.find("Agreement on offer " + std::to_string(offers - 1) + " (" +
                    std::to_string(offers) + " offers made):\n") != std::string::npos);
    CHECK(text.find("Payoffs (utility, discounted):\n") != std::string::npos);
  }
}

TEST_CASE("run --format text shows numeric issues by value, not by level number") {
  const std::string text =
      cli_test::run_output(cli_test::run_options("split-the-pie.toml", "text"));
  CHECK(text.find("    0  us  1        1.000    0.000  cn rejects\n") != std::string::npos);
  CHECK(text.find("    6  us  0.56*    0.560    0.440  cn accepts\n") != std::string::npos);
  CHECK(text.find("Agreement on offer 6 (7 offers made):\n  U.S. share of the pie    0.56\n") !=
        std::string::npos);
  CHECK(text.find("  United States            0.560  0.298\n") != std::string::npos);
}

TEST_CASE("run --format text reports no agreement: deadline and walk-away") {
  auto options = cli_test::run_options("three-clauses.toml", "text");
  options.agents.us = "hardliner";
  options.agents.cn = "hardliner";
  options.deadline = 4;
  std::string text = cli_test::run_output(options);
  CHECK(text.find("  deadline 4 offers, us moves first, private information, seed 1\n") !=
        std::string::npos);
  CHECK(text.find("    3  cn  IP4   D3    G4          0.000    1.000  us rejects\n") !=
        std::string::npos);
  CHECK(text.find("No agreement: the deadline of 4 offers passed.\n") != std::string::npos);
  CHECK(text.find("Payoffs (reservation values):\n  United States            0.350\n  China        "
                  "            0.250\n") != std::string::npos);
  CHECK(text.find("Agreement on offer") == std::string::npos);

  options.deadline = 1;
  text = cli_test::run_output(options);
  CHECK(text.find("  deadline 1 offer, ") != std::string::npos);
  CHECK(text.find("No agreement: the deadline of 1 offer passed.\n") != std::string::npos);

  options = cli_test::run_options("three-clauses.toml", "text");
  options.agents.cn = "random(walk_away=1)";
  text = cli_test::run_output(options);
  CHECK(text.find("    0  us  IP0   D0    G0          1.000    0.040  cn walks away\n") !=
        std::string::npos);
  CHECK(text.find("No agreement: China walked away from offer 0.\n") != std::string::npos);
}

TEST_CASE("run --out writes the file and nothing to the stream") {
  cli_test::TempDir dir;
  auto options = cli_test::run_options("three-clauses.toml", "json");
  const std::string expected = cli_test::run_output(options);
  options.out = dir.file("trace.json");
  std::ostringstream out;
  CHECK(run_command(options, out) == 0);
  CHECK(out.str().empty());
  CHECK(cli_test::read_file(options.out) == expected);
  CHECK(dir.entries() == std::vector<std::string>{"trace.json"});  // no temporary file left

  options.out = dir.file("missing/trace.json");
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       (options.out + ": cannot write the file: No such file or directory").c_str(),
                       UserError);
  CHECK(dir.entries() == std::vector<std::string>{"trace.json"});
}

TEST_CASE("run: a scripted agent's bad script names the flag, the script's file and its line") {
  cli_test::TempDir dir;
  const std::string script = dir.file("us.script");
  cli_test::write_file(script, "# the U.S. opening\nIP0/D0/G0\nIP9/D0/G0\n");
  std::ostringstream out;
  auto options = cli_test::run_options("three-clauses.toml", "text");
  options.agents.us = "scripted(file=\"" + script + "\")";
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      ("--us: " + script + ":3:1: issue 'ip' has no option \"IP9\" (options: IP0 IP1 IP2 IP3 IP4)")
          .c_str(),
      UserError);
  const std::string missing = dir.file("missing.script");
  options.agents.us = "scripted(file=\"" + missing + "\")";
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      ("--us: " + missing + ": cannot read the file: No such file or directory").c_str(),
      UserError);
}

TEST_CASE("run rejects bad options with messages that name the flag") {
  std::ostringstream out;
  auto options = cli_test::run_options("three-clauses.toml", "xml");
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       "--format: expected text, json or csv, got \"xml\"", UserError);

  options = cli_test::run_options("three-clauses.toml", "text");
  options.agents.assignments = {"xx=boulware"};
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--agent xx: the scenario has no party \"xx\" (its parties are \"us\" and \"cn\")",
      UserError);

  options.agents.assignments = {"boulware"};
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--agent: expected ID=SPEC, e.g. --agent us=boulware(e=0.2), got \"boulware\"", UserError);

  options.agents.assignments = {"=boulware"};
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--agent: expected ID=SPEC, e.g. --agent us=boulware(e=0.2), got \"=boulware\"", UserError);

  options.agents.assignments = {};
  options.agents.us = "boulware(e=";
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--us: agent spec \"boulware(e=\": at column 12: expected a value (a number, a \"string\" "
      "or a spec), found the end",
      UserError);

  options.agents.us.reset();
  options.agents.cn = "boulware(e=500)";
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       "--cn: boulware: parameter e = 500 is out of range [0, 100]", UserError);

  options.agents.cn.reset();
  options.agents.assignments = {"cn=boulware(x=1)"};
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--agent cn: boulware: unknown parameter \"x\" (did you mean \"e\"?); parameters: e, k",
      UserError);

  options.agents.assignments = {"us=nosuch"};
  try {
    static_cast<void>(run_command(options, out));
    FAIL("expected a UserError");
  } catch (const UserError& e) {
    const std::string message = e.what();
    CHECK(message.rfind("--agent us: unknown strategy \"nosuch\"; negotiators: ", 0) == 0);
    CHECK(message.find("boulware") != std::string::npos);
  }

  options.agents.assignments = {};
  options.deadline = 0;
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       "--deadline: expected a number of offers from 1 to 1000000, got 0",
                       UserError);

  options = cli_test::run_options("no-such-file.toml", "text");
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      (cli_test::config("no-such-file.toml") + ": cannot read the file: No such file or directory")
          .c_str(),
      UserError);
  CHECK(out.str().empty());
}

TEST_CASE("run refuses two strategies for one party, and paths that are not files") {
  std::ostringstream out;
  auto options = cli_test::run_options("three-clauses.toml", "text");
  options.agents.assignments = {"us=boulware"};
  options.agents.us = "linear";
  CHECK_THROWS_WITH_AS(
      run_command(options, out),
      "--us: party \"us\" already has a strategy from --agent us (give each party one strategy)",
      UserError);

  options = cli_test::run_options("", "text");
  options.scenario = std::string(TREATYSIM_SOURCE_DIR) + "/configs";
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       (options.scenario + ": is a directory (expected a file)").c_str(),
                       UserError);
  options.scenario = "";
  CHECK_THROWS_WITH_AS(run_command(options, out),
                       "no file name given (expected the path of a file)", UserError);
}

TEST_CASE(
    "run --series: one result per negotiation, and a learning agent's series is reproducible") {
  auto options = cli_test::run_options("sta-2024.toml", "json");
  options.series = 8;
  options.agents.us = "bandit(arms=\"0.1,1,4\")";
  std::ostringstream first;
  std::ostringstream second;
  CHECK(run_command(options, first) == 0);
  CHECK(run_command(options, second) == 0);
  CHECK(first.str() == second.str());
  const auto json = nlohmann::json::parse(first.str());
  REQUIRE(json.at("negotiations").size() == 8);
  CHECK(json.at("agents").at("us") == "bandit(arms=\"0.1,1,4\")");
  // UCB1 plays the three arms once each, in order: e = 0.1, 1, 4 against the same opponent give
  // three different first results, and the fourth negotiation repeats one of the first three.
  const auto& n = json.at("negotiations");
  CHECK(n[0].at("utilities") != n[1].at("utilities"));
  CHECK(n[1].at("utilities") != n[2].at("utilities"));
  CHECK((n[3].at("utilities") == n[0].at("utilities") ||
         n[3].at("utilities") == n[1].at("utilities") ||
         n[3].at("utilities") == n[2].at("utilities")));

  options.format = "csv";
  std::ostringstream csv;
  CHECK(run_command(options, csv) == 0);
  CHECK(csv.str().rfind("negotiation,end,offers,utility_us,utility_cn\n0,agreement,", 0) == 0);
}
