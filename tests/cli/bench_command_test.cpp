// Timing figures (seconds, negotiations_per_s, offers_per_s) are never compared to anything but
// zero: the machine running the tests may be slow or loaded.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/user_error.hpp"

using treatysim::UserError;
using treatysim::cli::bench_command;
using treatysim::cli::BenchOptions;

namespace {

BenchOptions bench_options(const std::vector<std::string>& config_names, long long negotiations) {
  BenchOptions options;
  for (const std::string& name : config_names) options.scenarios.push_back(cli_test::config(name));
  options.negotiations = negotiations;
  options.format = "json";
  return options;
}

nlohmann::ordered_json bench_json(const BenchOptions& options) {
  std::ostringstream out;
  REQUIRE(bench_command(options, out) == 0);
  return nlohmann::ordered_json::parse(out.str());
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// The figures every bench object carries, checked for consistency; `deadline` bounds mean_offers.
void check_figures(const nlohmann::ordered_json& figures, long long negotiations, int deadline) {
  REQUIRE(figures.at("negotiations").is_number_integer());
  CHECK(figures.at("negotiations").get<long long>() == negotiations);
  for (const char* key :
       {"seconds", "negotiations_per_s", "offers_per_s", "mean_offers", "agreement_rate"}) {
    CAPTURE(key);
    REQUIRE(figures.at(key).is_number());
    CHECK(figures.at(key).get<double>() >= 0.0);
  }
  const double mean_offers = figures.at("mean_offers").get<double>();
  CHECK(mean_offers >= 1.0);
  CHECK(mean_offers <= static_cast<double>(deadline));
  const double agreement_rate = figures.at("agreement_rate").get<double>();
  CHECK(agreement_rate >= 0.0);
  CHECK(agreement_rate <= 1.0);
  REQUIRE(figures.at("mean_utilities").is_object());
  CHECK(keys_of(figures.at("mean_utilities")) == std::vector<std::string>{"us", "cn"});
  for (const auto& value : figures.at("mean_utilities")) {
    REQUIRE(value.is_number());
    CHECK(value.get<double>() >= 0.0);
    CHECK(value.get<double>() <= 1.0);
  }
}

}  // namespace

TEST_CASE("bench --format json: totals first, then one entry per scenario") {
  const auto json =
      bench_json(bench_options({"three-clauses.toml", "sta-2024.toml", "split-the-pie.toml"}, 200));
  CHECK(keys_of(json) == std::vector<std::string>{"negotiations", "seconds", "negotiations_per_s",
                                                  "offers_per_s", "mean_offers", "agreement_rate",
                                                  "mean_utilities", "scenarios"});
  check_figures(json, 600, 40);
  const auto& scenarios = json.at("scenarios");
  REQUIRE(scenarios.size() == 3);
  const std::vector<std::string> ids{"three-clauses", "sta-2024", "split-the-pie"};
  const std::vector<int> deadlines{20, 40, 10};
  double offers = 0.0;
  double agreements = 0.0;
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(ids[i]);
    const auto& entry = scenarios[i];
    CHECK(entry.at("scenario") == ids[i]);
    REQUIRE(entry.at("agents").is_object());
    CHECK(keys_of(entry.at("agents")) == std::vector<std::string>{"us", "cn"});
    check_figures(entry, 200, deadlines[i]);
    offers += entry.at("mean_offers").get<double>() * 200;
    agreements += entry.at("agreement_rate").get<double>() * 200;
  }
  CHECK(json.at("mean_offers").get<double>() == doctest::Approx(offers / 600));
  CHECK(json.at("agreement_rate").get<double>() == doctest::Approx(agreements / 600));
  CHECK(scenarios[0].at("agents") ==
        nlohmann::ordered_json{{"us", "boulware(e=0.25)"}, {"cn", "conceder(e=4)"}});
}

TEST_CASE("bench figures match a single run of a deterministic pair") {
  // Both three-clauses strategies are deterministic: every negotiation is the one `run` shows.
  const auto json = bench_json(bench_options({"three-clauses.toml"}, 50));
  const auto trace = nlohmann::ordered_json::parse(
      cli_test::run_output(cli_test::run_options("three-clauses.toml", "json")));
  CHECK(json.at("mean_offers").get<double>() ==
        doctest::Approx(trace.at("result").at("offers").get<double>()));
  CHECK(json.at("agreement_rate").get<double>() == 1.0);
  CHECK(json.at("mean_utilities").at("us").get<double>() ==
        doctest::Approx(trace.at("result").at("discounted_utilities").at("us").get<double>()));
  CHECK(json.at("mean_utilities").at("cn").get<double>() ==
        doctest::Approx(trace.at("result").at("discounted_utilities").at("cn").get<double>()));
}

TEST_CASE("bench is deterministic apart from timing") {
  auto options = bench_options({"three-clauses.toml", "split-the-pie.toml"}, 300);
  options.agents.us = "random(walk_away=0.02)";
  options.seed = 5;
  const auto first = bench_json(options);
  const auto second = bench_json(options);
  const auto same = [](const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
    CHECK(a.at("negotiations") == b.at("negotiations"));
    CHECK(a.at("mean_offers") == b.at("mean_offers"));
    CHECK(a.at("agreement_rate") == b.at("agreement_rate"));
    CHECK(a.at("mean_utilities") == b.at("mean_utilities"));
  };
  same(first, second);
  REQUIRE(first.at("scenarios").size() == 2);
  for (std::size_t i = 0; i < 2; ++i) same(first.at("scenarios")[i], second.at("scenarios")[i]);
  check_figures(first, 600, 20);
  // A stochastic strategy: not every negotiation is the same.
  CHECK(first.at("agreement_rate").get<double>() < 1.0);
}

TEST_CASE("bench applies --deadline and the strategy overrides") {
  auto options = bench_options({"sta-2024.toml"}, 20);
  options.deadline = 6;
  options.agents.assignments = {"us=hardliner", "cn=hardliner"};
  const auto json = bench_json(options);
  CHECK(json.at("mean_offers").get<double>() == 6.0);
  CHECK(json.at("agreement_rate").get<double>() == 0.0);
  CHECK(json.at("mean_utilities").at("us").get<double>() == doctest::Approx(0.4));
  CHECK(json.at("mean_utilities").at("cn").get<double>() == doctest::Approx(0.2));
  CHECK(json.at("scenarios")[0].at("agents") ==
        nlohmann::ordered_json{{"us", "hardliner"}, {"cn", "hardliner"}});
}

TEST_CASE("bench --format text: one block per scenario") {
  auto options = bench_options({"three-clauses.toml", "split-the-pie.toml"}, 10);
  options.format = "text";
  std::ostringstream out;
  REQUIRE(bench_command(options, out) == 0);
  const auto lines = cli_test::lines_of(out.str());
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "three-clauses: boulware(e=0.25) vs conceder(e=4)");
  CHECK(lines[1].rfind("  10 negotiations in ", 0) == 0);
  CHECK(lines[2] ==
        "  mean offers 15.00, agreement rate 1.000, mean discounted utility us 0.8300, cn 0.4900");
  CHECK(lines[3] == "split-the-pie: boulware(e=0.5) vs boulware(e=0.5)");
}

TEST_CASE("bench rejects bad options") {
  std::ostringstream out;
  auto options = bench_options({"three-clauses.toml"}, 0);
  CHECK_THROWS_WITH_AS(bench_command(options, out), "--negotiations: expected at least 1",
                       UserError);
  options = bench_options({"three-clauses.toml"}, 10);
  options.format = "csv";
  CHECK_THROWS_WITH_AS(bench_command(options, out), "--format: expected text or json, got \"csv\"",
                       UserError);
  options = bench_options({"three-clauses.toml"}, 10);
  options.agents.cn = "nosuch";
  try {
    static_cast<void>(bench_command(options, out));
    FAIL("expected a UserError");
  } catch (const UserError& e) {
    CHECK(std::string(e.what()).rfind("--cn: unknown strategy \"nosuch\"", 0) == 0);
  }
  CHECK(out.str().empty());
}
