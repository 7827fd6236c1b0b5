// The analysis as JSON (`analyze --format json`, the Python package's Analysis): the stable keys
// in order, the numbers of the analysis rounded for output, null where a solution does not exist.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/analysis/analysis_json.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/scenario_toml.hpp"

namespace treatysim {

namespace {

const std::string kConfigs = std::string(TREATYSIM_SOURCE_DIR) + "/configs/";

std::vector<std::string> keys(const nlohmann::ordered_json& json) {
  std::vector<std::string> list;
  for (const auto& [key, value] : json.items()) list.push_back(key);
  return list;
}

}  // namespace

TEST_CASE("analysis JSON: keys, the solutions' numbers, an outcome's metrics") {
  const Scenario sta = load_scenario_file(kConfigs + "sta-2024.toml");
  const ScenarioAnalysis analysis = analyze_scenario(sta);
  const Outcome chosen = *sta.space().parse("S0/IP1/D1/G1/T2", nullptr);
  const nlohmann::ordered_json json = analysis_to_json(sta, analysis, chosen);
  CHECK(keys(json) == std::vector<std::string>{"scenario", "outcomes", "enumerated", "pareto_exact",
                                               "pareto_epsilon", "pareto", "nash",
                                               "kalai_smorodinsky", "egalitarian", "utilitarian",
                                               "spe", "disagreement", "zopa", "outcome"});
  CHECK(json.at("outcomes").get<double>() == 1024);
  CHECK(json.at("pareto").size() == analysis.frontier.points.size());
  REQUIRE(analysis.nash.has_value());
  CHECK(json.at("nash").at("utilities").at("us").get<double>() ==
        round_for_output(analysis.nash->utilities[0]));
  CHECK(json.at("nash").at("outcome").at("scope") == "S0");
  CHECK(json.at("disagreement").at("us").get<double>() == 0.4);
  CHECK(json.at("zopa").at("counted") == true);
  const nlohmann::ordered_json& metrics = json.at("outcome").at("metrics");
  CHECK(keys(metrics) == std::vector<std::string>{"utilities", "social_welfare", "nash_product",
                                                  "individually_rational", "pareto_optimal",
                                                  "distance_to_pareto", "distance_to_nash",
                                                  "distance_to_kalai_smorodinsky"});
  const double u0 = sta.utility(0)(chosen);
  const double u1 = sta.utility(1)(chosen);
  CHECK(metrics.at("social_welfare").get<double>() == doctest::Approx(u0 + u1).epsilon(1e-11));
  CHECK(metrics.at("nash_product").get<double>() ==
        doctest::Approx((u0 - 0.4) * (u1 - 0.2)).epsilon(1e-11));
}

TEST_CASE("analysis JSON: no solution without an individually rational outcome") {
  const Scenario sta = load_scenario_file(kConfigs + "sta-2024.toml");
  ScenarioDef def = sta.def();
  def.parties[0].preferences.reservation_value = 1.0;
  def.parties[1].preferences.reservation_value = 1.0;
  const Scenario impossible = Scenario::create(def);
  const nlohmann::ordered_json json = analysis_to_json(impossible, analyze_scenario(impossible));
  CHECK(json.at("nash").is_null());
  CHECK(json.at("utilitarian").is_null());
  CHECK(json.at("zopa").at("empty") == true);
  CHECK_FALSE(json.at("zopa").contains("utility_ranges"));
  CHECK_FALSE(json.contains("outcome"));
}

}  // namespace treatysim
