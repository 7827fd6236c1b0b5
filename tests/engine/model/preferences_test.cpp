#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/preferences.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/scenario_toml.hpp"

using treatysim::Outcome;
using treatysim::Scenario;

namespace {

constexpr double kTight = 1e-12;  // sums of a handful of products: rounding stays far below this

const Scenario& sta_2024() {
  static const Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  return scenario;
}

Outcome parse(const Scenario& scenario, const std::string& text) {
  std::string error;
  const auto outcome = scenario.space().parse(text, &error);
  REQUIRE_MESSAGE(outcome.has_value(), error);
  return *outcome;
}

}  // namespace

TEST_CASE("sta-2024: the 2024 package S0/IP1/D1/G1/T2 is worth 0.88 to us and 0.56 to cn") {
  const Scenario& scenario = sta_2024();
  REQUIRE(scenario.party(0).id == "us");
  REQUIRE(scenario.party(1).id == "cn");
  const Outcome package = parse(scenario, "S0/IP1/D1/G1/T2");
  // us: 0.30·1.0 + 0.25·0.8 + 0.20·0.8 + 0.15·0.8 + 0.10·1.0 = 0.30 + 0.20 + 0.16 + 0.12 + 0.10
  CHECK(scenario.utility(0)(package) == doctest::Approx(0.88).epsilon(kTight));
  // cn: 0.30·0.3 + 0.10·0.8 + 0.20·0.5 + 0.15·0.6 + 0.25·0.8 = 0.09 + 0.08 + 0.10 + 0.09 + 0.20
  CHECK(scenario.utility(1)(package) == doctest::Approx(0.56).epsilon(kTight));
}

TEST_CASE("sta-2024: the open package S3/IP3/D3/G3/T3 is worth 0.02 to us and 1.0 to cn") {
  const Scenario& scenario = sta_2024();
  const Outcome open = parse(scenario, "S3/IP3/D3/G3/T3");
  // us: only the term contributes, 0.10·0.2.
  CHECK(scenario.utility(0)(open) == doctest::Approx(0.02).epsilon(kTight));
  // cn: every value is 1.0 and the weights sum to 1.
  CHECK(scenario.utility(1)(open) == doctest::Approx(1.0).epsilon(kTight));
}

TEST_CASE("sta-2024: contributions are weight times value") {
  const auto& us = sta_2024().utility(0);
  REQUIRE(us.issue_count() == 5);
  CHECK(us.option_count(0) == 4);
  CHECK(us.option_count(4) == 4);
  CHECK(us.contribution(0, 1) == doctest::Approx(0.30 * 0.7).epsilon(kTight));  // scope S1
  CHECK(us.contribution(4, 3) == doctest::Approx(0.10 * 0.2).epsilon(kTight));  // term T3
  const auto& cn = sta_2024().utility(1);
  CHECK(cn.contribution(1, 0) == doctest::Approx(0.10 * 0.4).epsilon(kTight));  // ip IP0
}

TEST_CASE("sta-2024: max and min utility are the sums of per-issue maxima and minima") {
  const Scenario& scenario = sta_2024();
  const auto& us = scenario.utility(0);
  const auto& cn = scenario.utility(1);
  // us: best 0.30 + 0.25 + 0.20 + 0.15 + 0.10·1.0 = 1.0; worst 0.10·0.2 = 0.02 (term T3).
  CHECK(us.max_utility() == doctest::Approx(1.0).epsilon(kTight));
  CHECK(us.min_utility() == doctest::Approx(0.02).epsilon(kTight));
  // cn: best 1.0; worst 0.30·0.3 + 0.10·0.4 + 0 + 0 + 0.25·0.1 = 0.155.
  CHECK(cn.max_utility() == doctest::Approx(1.0).epsilon(kTight));
  CHECK(cn.min_utility() == doctest::Approx(0.155).epsilon(kTight));
  CHECK(scenario.space().format(us.best_outcome()) == "S0/IP0/D0/G0/T2");
  CHECK(scenario.space().format(cn.best_outcome()) == "S3/IP3/D3/G3/T3");

  // Brute force over all 1024 outcomes: the extremes are attained and never exceeded.
  double seen_max[2] = {-1.0, -1.0};
  double seen_min[2] = {2.0, 2.0};
  for (std::uint64_t index = 0; index < scenario.space().count(); ++index) {
    const Outcome outcome = scenario.space().outcome_at(index);
    for (std::size_t p = 0; p < 2; ++p) {
      const double u = scenario.utility(p)(outcome);
      seen_max[p] = std::max(seen_max[p], u);
      seen_min[p] = std::min(seen_min[p], u);
    }
  }
  CHECK(seen_max[0] == doctest::Approx(us.max_utility()).epsilon(kTight));
  CHECK(seen_min[0] == doctest::Approx(us.min_utility()).epsilon(kTight));
  CHECK(seen_max[1] == doctest::Approx(cn.max_utility()).epsilon(kTight));
  CHECK(seen_min[1] == doctest::Approx(cn.min_utility()).epsilon(kTight));
}

TEST_CASE("best_outcome breaks ties on each issue toward the lowest option index") {
  treatysim::Preferences prefs;
  prefs.weights = {0.5, 0.5};
  prefs.values = {{0.2, 0.9, 0.9}, {1.0, 0.4, 1.0}};
  prefs.shapes = {treatysim::ValueShape::kTable, treatysim::ValueShape::kTable};
  const treatysim::UtilityFunction utility(prefs);
  CHECK(utility.best_outcome() == Outcome{1, 0});
  CHECK(utility.max_utility() == doctest::Approx(0.95).epsilon(kTight));
  CHECK(utility.min_utility() == doctest::Approx(0.3).epsilon(kTight));
  CHECK(utility(Outcome{2, 1}) == doctest::Approx(0.65).epsilon(kTight));
}

TEST_CASE("linear_values: i/(levels-1) increasing, 1 - i/(levels-1) decreasing") {
  CHECK(treatysim::linear_values(5, true) == std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK(treatysim::linear_values(5, false) == std::vector<double>{1.0, 0.75, 0.5, 0.25, 0.0});
  CHECK(treatysim::linear_values(2, true) == std::vector<double>{0.0, 1.0});
  CHECK(treatysim::linear_values(2, false) == std::vector<double>{1.0, 0.0});
  const std::vector<double> hundred = treatysim::linear_values(101, true);
  REQUIRE(hundred.size() == 101);
  CHECK(hundred[55] == doctest::Approx(0.55).epsilon(kTight));
  CHECK(hundred.front() == 0.0);
  CHECK(hundred.back() == 1.0);
  CHECK(treatysim::linear_values(0, true).empty());
}

TEST_CASE("split-the-pie: linear shapes give the U.S. share i/100 and China the rest") {
  const Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/split-the-pie.toml");
  REQUIRE(scenario.space().count() == 101);
  const Outcome split = parse(scenario, "55");
  CHECK(scenario.utility(0)(split) == doctest::Approx(0.55).epsilon(kTight));
  CHECK(scenario.utility(1)(split) == doctest::Approx(0.45).epsilon(kTight));
  CHECK(scenario.party(0).preferences.shapes[0] == treatysim::ValueShape::kLinearIncreasing);
  CHECK(scenario.party(1).preferences.shapes[0] == treatysim::ValueShape::kLinearDecreasing);
}
