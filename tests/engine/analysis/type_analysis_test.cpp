// The analysis over drawn reservation values (analysis/type_analysis.hpp): the exact ZOPA
// probability against enumeration of the types, the quadrature rule, and `choices` exactly.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "engine/analysis/type_analysis.hpp"
#include "engine/model/scenario_toml.hpp"

using doctest::Approx;

namespace {

treatysim::Scenario sta_with(const std::string& us, const std::string& cn) {
  std::string text = treatysim::read_text_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  text.replace(text.find("reservation = 0.40"), 18, "reservation = " + us);
  text.replace(text.find("reservation = 0.20"), 18, "reservation = " + cn);
  return treatysim::parse_scenario(text, "sta.toml");
}

// P(a ZOPA exists) by brute force over the grid: a type has a ZOPA when some frontier point is
// at least its reservation values for both (within 1e-9).
double zopa_by_grid(const treatysim::Scenario& scenario, const treatysim::ScenarioAnalysis& a,
                    int nodes) {
  double p = 0.0;
  for (const treatysim::TypeNode& node : treatysim::type_grid(scenario, nodes)) {
    for (const treatysim::OutcomePoint& point : a.frontier.points) {
      if (point.utilities[0] >= node.reservation[0] - 1e-9 &&
          point.utilities[1] >= node.reservation[1] - 1e-9) {
        p += node.weight;
        break;
      }
    }
  }
  return p;
}

}  // namespace

TEST_CASE("type analysis: Gauss-Legendre nodes on [0, 1] by hand and integrating polynomials") {
  const auto two = treatysim::gauss_legendre_unit(2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].first == Approx(0.5 - 0.5 / std::sqrt(3.0)));
  CHECK(two[1].first == Approx(0.5 + 0.5 / std::sqrt(3.0)));
  CHECK(two[0].second == Approx(0.5));
  for (const int order : {1, 3, 8, 32}) {
    double integral = 0.0;
    double weights = 0.0;
    for (const auto& [x, w] : treatysim::gauss_legendre_unit(order)) {
      integral += w * std::pow(x, 2 * order - 1);  // exact up to degree 2n−1
      weights += w;
    }
    CHECK(weights == Approx(1.0));
    CHECK(integral == Approx(1.0 / (2.0 * order)));
  }
}

TEST_CASE("type analysis: with choices everything is exact") {
  // us draws 0.5 or 0.95 (equal odds), cn 0.2 or 0.6 (3:1).
  const treatysim::Scenario scenario =
      sta_with("{ choices = [0.5, 0.95] }", "{ choices = [0.2, 0.6], weights = [3, 1] }");
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  const treatysim::TypeAnalysis t = treatysim::analyze_types(scenario, analysis);
  CHECK(t.nodes.size() == 4);
  CHECK(t.rule[0] == "exact, 2 choices");
  CHECK(t.mean_reservation[0] == Approx(0.725));
  CHECK(t.mean_reservation[1] == Approx(0.3));
  CHECK(t.zopa_probability == Approx(zopa_by_grid(scenario, analysis, 32)));
  CHECK(t.nash.probability == Approx(t.zopa_probability));
  // The Nash point of each of the 4 types, weighted by hand.
  double weight = 0.0;
  std::array<double, 2> sum{};
  for (const double r0 : {0.5, 0.95}) {
    for (const auto& [r1, w1] : {std::pair{0.2, 0.75}, std::pair{0.6, 0.25}}) {
      const auto point = treatysim::bargaining_solution(
          treatysim::enumerate_outcomes(scenario), {r0, r1}, treatysim::BargainingSolution::kNash);
      if (!point) continue;
      weight += 0.5 * w1;
      sum[0] += 0.5 * w1 * point->utilities[0];
      sum[1] += 0.5 * w1 * point->utilities[1];
    }
  }
  CHECK(t.nash.probability == Approx(weight));
  CHECK(t.nash.mean_utility[0] == Approx(sum[0] / weight));
  CHECK(t.nash.mean_utility[1] == Approx(sum[1] / weight));
  CHECK(t.zopa_probability < 1.0);  // us at 0.95 with cn at 0.6 leaves no zone
}

TEST_CASE("type analysis: the exact ZOPA probability of continuous types, and the rule's error") {
  const treatysim::Scenario scenario =
      sta_with("{ uniform = [0.3, 1.0] }", "{ beta = [2, 2], range = [0.1, 0.9] }");
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  const treatysim::TypeAnalysis t = treatysim::analyze_types(scenario, analysis);
  CHECK(t.rule[0] == "Gauss-Legendre, 32 nodes on the CDF");
  CHECK(t.nodes.size() == 32 * 32);
  CHECK(t.zopa_probability > 0.0);
  CHECK(t.zopa_probability < 1.0);
  // The staircase formula against a fine midpoint grid (step function: error ~ 1/K).
  double fine = 0.0;
  const int k = 400;
  for (int i = 0; i < k; ++i) {
    const double r0 = 0.3 + 0.7 * (i + 0.5) / k;
    for (int j = 0; j < k; ++j) {
      const double u = (j + 0.5) / k;
      const double r1 =
          treatysim::reservation_quantile(*scenario.party(1).reservation_distribution, u);
      for (const treatysim::OutcomePoint& point : analysis.frontier.points) {
        if (point.utilities[0] >= r0 - 1e-9 && point.utilities[1] >= r1 - 1e-9) {
          fine += 1.0 / (k * k);
          break;
        }
      }
    }
  }
  CHECK(t.zopa_probability == Approx(fine).epsilon(0.01));
  // The 32-node rule's own estimate is within a few percent of the exact value.
  CHECK(t.nash.probability == Approx(t.zopa_probability).epsilon(0.05));
}
