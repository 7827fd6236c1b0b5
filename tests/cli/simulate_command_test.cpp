// simulate_command_test.cpp — `treatysim simulate` in process: the dated timeline and path in text,
// the JSON layout of a lifecycle (timeline entries, the retroactive amendment after the lapse),
// CSV, many runs (identical whatever the threads), and user errors.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/user_error.hpp"

using treatysim::UserError;
using treatysim::cli::simulate_command;
using treatysim::cli::SimulateOptions;

namespace {

SimulateOptions sta_options(const std::string& format = "text") {
  SimulateOptions options;
  options.scenario = cli_test::config("sta-2024.toml");
  options.format = format;
  return options;
}

std::string simulate_output(const SimulateOptions& options) {
  std::ostringstream out;
  REQUIRE(simulate_command(options, out) == 0);
  return out.str();
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("simulate: the text report shows the path and the dated timeline") {
  const std::string text = simulate_output(sta_options());
  const std::vector<std::string> lines = cli_test::lines_of(text);
  REQUIRE(lines.size() > 10);
  CHECK(lines[0] ==
        "U.S.–China Science and Technology Agreement, 2023–24 renegotiation — the treaty's life "
        "2018-08 to 2029-08, "
        "seed 2024");
  CHECK(lines[1] == "Path: in_force > extended > extended > lapsed > amended");
  CHECK(lines[3] == "Timeline");
  CHECK(lines[4] ==
        "  2018-08 – 2023-02  in_force       in force with the clauses S3/IP1/D2/G2/T2");
  CHECK(lines[5] ==
        "  2023-02 – 2023-08  renegotiating  talks open 6 months before expiry (2023-08)");
  CHECK(lines[6].rfind("  2023-08 – 2024-02  extended       temporary extension 1 to 2024-02", 0) ==
        0);
  CHECK(lines[7].rfind("  2024-02 – 2024-08  extended       temporary extension 2 to 2024-08", 0) ==
        0);
  CHECK(lines[8] ==
        "  2024-08 – 2024-12  lapsed         no further extension (2 in a row already)");
  CHECK(lines[9].rfind("  2024-12 – 2029-02  amended        amended on ", 0) == 0);
  CHECK(contains(lines[9], "effective retroactively from 2024-08"));
  for (const char* section : {"What happened", "Negotiations", "Compliance: ", "Trust at the end: ",
                              "Cumulative discounted payoff: ", "Final state: "}) {
    CAPTURE(section);
    CHECK(contains(text, std::string("\n") + section));
  }
}

TEST_CASE("simulate: the JSON timeline lists every stretch with its state, dates and cause") {
  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(simulate_output(sta_options("json")));
  CHECK(json.at("format") == "treatysim-lifecycle");
  CHECK(json.at("scenario") == "sta-2024");
  CHECK(json.at("seed") == 2024);
  CHECK(json.at("start") == "2018-08");
  CHECK(json.at("end") == "2029-08");
  CHECK(json.at("path") == "in_force > extended > extended > lapsed > amended");
  const nlohmann::ordered_json& timeline = json.at("timeline");
  REQUIRE(timeline.is_array());
  REQUIRE(timeline.size() == 7);
  const std::set<std::string> states = {"in_force", "renegotiating", "extended",  "lapsed",
                                        "renewed",  "amended",       "terminated"};
  std::vector<std::string> seen;
  for (std::size_t k = 0; k < timeline.size(); ++k) {
    CAPTURE(k);
    const nlohmann::ordered_json& e = timeline[k];
    std::vector<std::string> keys;
    for (auto it = e.begin(); it != e.end(); ++it) keys.push_back(it.key());
    const bool retroactive = e.contains("effective");
    CHECK(keys == (retroactive
                       ? std::vector<std::string>{"state", "from", "to", "cause", "effective"}
                       : std::vector<std::string>{"state", "from", "to", "cause"}));
    CHECK(states.count(e.at("state").get<std::string>()) == 1);
    CHECK_FALSE(e.at("cause").get<std::string>().empty());
    if (k + 1 < timeline.size()) CHECK(e.at("to") == timeline[k + 1].at("from"));
    seen.push_back(e.at("state").get<std::string>());
  }
  CHECK(timeline.front().at("from") == "2018-08");
  CHECK(timeline.back().at("to") == "2029-08");
  CHECK(seen == std::vector<std::string>{"in_force", "renegotiating", "extended", "extended",
                                         "lapsed", "amended", "renegotiating"});
  // The lapse stays in the record; the retroactive amendment comes after it, dated when it was
  // signed, effective from the start of the lapse.
  const nlohmann::ordered_json& lapse = timeline[4];
  const nlohmann::ordered_json& amended = timeline[5];
  CHECK(lapse.at("state") == "lapsed");
  CHECK(lapse.at("from") == "2024-08");
  CHECK(lapse.at("to") == "2024-12");
  CHECK(amended.at("state") == "amended");
  CHECK(amended.at("from") == "2024-12");
  CHECK(amended.at("effective") == "2024-08");
  int with_effective = 0;
  for (const auto& e : timeline) with_effective += e.contains("effective") ? 1 : 0;
  CHECK(with_effective == 1);
  // The rest of the record.
  CHECK(json.at("months").size() == 132);
  CHECK(json.at("final_state") == "renegotiating");
  CHECK(json.at("negotiations").is_array());
  CHECK(json.at("compliance").is_array());
}

TEST_CASE("simulate: the same seed gives byte-identical output, another seed may not") {
  CHECK(simulate_output(sta_options("json")) == simulate_output(sta_options("json")));
  SimulateOptions explicit_seed = sta_options("json");
  explicit_seed.seed = 2024;
  CHECK(simulate_output(explicit_seed) == simulate_output(sta_options("json")));
  SimulateOptions other = sta_options("json");
  other.seed = 1;
  const std::string one = simulate_output(other);
  CHECK(contains(one, "\"seed\": 1,"));
  CHECK(one != simulate_output(sta_options("json")));
}

TEST_CASE("simulate: many runs give the same output with one thread or two") {
  for (const char* format : {"text", "json", "csv"}) {
    CAPTURE(format);
    SimulateOptions one = sta_options(format);
    one.runs = 20;
    one.jobs = 1;
    SimulateOptions two = one;
    two.jobs = 2;
    const std::string a = simulate_output(one);
    CHECK(a == simulate_output(two));
    CHECK_FALSE(a.empty());
  }
  SimulateOptions runs = sta_options("json");
  runs.runs = 20;
  runs.jobs = 2;
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(simulate_output(runs));
  CHECK(json.at("runs") == 20);
  CHECK(json.at("seeds").at("first") == 2024);
  CHECK(json.at("seeds").at("last") == 2043);
  int total = 0;
  double share = 0.0;
  for (const auto& p : json.at("paths")) {
    total += p.at("count").get<int>();
    share += p.at("share").get<double>();
  }
  CHECK(total == 20);
  CHECK(share == doctest::Approx(1.0));
  runs.format = "text";
  CHECK(contains(simulate_output(runs), ": 20 runs, seeds 2024–2043\n\nPaths\n"));
}

TEST_CASE("simulate: CSV has one row per month under a fixed header") {
  const std::vector<std::string> lines = cli_test::lines_of(simulate_output(sta_options("csv")));
  REQUIRE(lines.size() == 133);
  CHECK(lines[0] == "month,state,trust_us,trust_cn,payoff_us,payoff_cn");
  CHECK(lines[1].rfind("2018-08,in_force,", 0) == 0);
  CHECK(lines[132].rfind("2029-07,renegotiating,", 0) == 0);
  CHECK(lines[73].rfind("2024-08,lapsed,", 0) == 0);
  CHECK(lines[77].rfind("2024-12,amended,", 0) == 0);
  SimulateOptions runs = sta_options("csv");
  runs.runs = 5;
  runs.jobs = 1;
  CHECK(cli_test::lines_of(simulate_output(runs)).at(0) == "kind,value,count,share");
}

TEST_CASE("simulate: --years shortens the horizon and --out writes the file") {
  SimulateOptions options = sta_options("json");
  options.years = 3;
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(simulate_output(options));
  CHECK(json.at("end") == "2021-08");
  CHECK(json.at("path") == "in_force");
  cli_test::TempDir dir;
  options.out = dir.file("life.json");
  std::ostringstream out;
  CHECK(simulate_command(options, out) == 0);
  CHECK(out.str().empty());
  CHECK(nlohmann::ordered_json::parse(cli_test::read_file(options.out)) == json);
}

TEST_CASE("simulate: user errors") {
  std::ostringstream out;
  SUBCASE("a scenario without [treaty]") {
    SimulateOptions options = sta_options();
    options.scenario = cli_test::config("split-the-pie.toml");
    CHECK_THROWS_WITH_AS(simulate_command(options, out),
                         (options.scenario + ": scenario \"split-the-pie\" has no [treaty] "
                                             "section: it describes one negotiation, not a "
                                             "treaty's life (use `treatysim run`)")
                             .c_str(),
                         UserError);
  }
  SUBCASE("--years 0 and --years 101") {
    SimulateOptions options = sta_options();
    options.years = 0;
    CHECK_THROWS_WITH_AS(simulate_command(options, out),
                         "--years: expected a number of years from 1 to 100, got 0", UserError);
    options.years = 101;
    CHECK_THROWS_WITH_AS(simulate_command(options, out),
                         "--years: expected a number of years from 1 to 100, got 101", UserError);
  }
  SUBCASE("--runs 0") {
    SimulateOptions options = sta_options();
    options.runs = 0;
    CHECK_THROWS_WITH_AS(simulate_command(options, out), "--runs: expected at least 1", UserError);
  }
  SUBCASE("--format xml") {
    SimulateOptions options = sta_options("xml");
    CHECK_THROWS_WITH_AS(simulate_command(options, out),
                         "--format: expected text, json or csv, got \"xml\"", UserError);
  }
  SUBCASE("a malformed lifecycle") {
    cli_test::TempDir dir;
    SimulateOptions options = sta_options();
    options.scenario = dir.file("bad.toml");
    cli_test::write_file(options.scenario, "extends = \"" + cli_test::config("sta-2024.toml") +
                                               "\"\n\n[treaty]\nexpiry = \"2023-13\"\n");
    CHECK_THROWS_WITH_AS(simulate_command(options, out),
                         (options.scenario +
                          ":4:10: treaty.expiry: expected a month as \"YYYY-MM\", got \"2023-13\"")
                             .c_str(),
                         UserError);
  }
  CHECK(out.str().empty());
}
