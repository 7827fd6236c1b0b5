// The accuracy measures of opponent models (analysis/model_accuracy.hpp): reproduced by hand on a
// 2-issue example, Kendall's tau-b against the O(n²) definition on many tied series, sampling of
// large spaces.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>

#include "engine/analysis/model_accuracy.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"

using doctest::Approx;
using treatysim::AccuracyBasis;

namespace {

// Two issues of two options each; outcomes in index order a0b0, a0b1, a1b0, a1b1.
//   party 0 ("own"): w = (0.5, 0.5), a = [1, 0], b = [1, 0]   → u₀ = 1, 0.5, 0.5, 0
//   party 1 ("opp"): w = (0.6, 0.4), a = [0, 1], b = [0, 1]   → u₁ = 0, 0.4, 0.6, 1
constexpr const char* kTwoIssues = R"(
[scenario]
id = "two"
title = "Two issues"
[protocol]
deadline = 10
first_mover = "own"
information = "complete"
[[issues]]
id = "a"
label = "A"
options = [{ id = "a0", label = "a0" }, { id = "a1", label = "a1" }]
[[issues]]
id = "b"
label = "B"
options = [{ id = "b0", label = "b0" }, { id = "b1", label = "b1" }]
[[parties]]
id = "own"
name = "Own"
reservation = 0.2
discount = 1.0
agent = "boulware"
[parties.weights]
a = 0.5
b = 0.5
[parties.values]
a = [1.0, 0.0]
b = [1.0, 0.0]
[[parties]]
id = "opp"
name = "Opponent"
reservation = 0.25
discount = 1.0
agent = "boulware"
[parties.weights]
a = 0.6
b = 0.4
[parties.values]
a = [0.0, 1.0]
b = [0.0, 1.0]
)";

// τ-b by its definition: every pair once.
double kendall_brute_force(const std::vector<double>& x, const std::vector<double>& y) {
  double concordant = 0.0;
  double discordant = 0.0;
  double ties_x = 0.0;
  double ties_y = 0.0;
  double pairs = 0.0;
  const auto grid = [](double v) { return std::llround(v * 1e9); };
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      pairs += 1.0;
      const long long dx = grid(x[i]) - grid(x[j]);
      const long long dy = grid(y[i]) - grid(y[j]);
      if (dx == 0) ties_x += 1.0;
      if (dy == 0) ties_y += 1.0;
      if (dx == 0 || dy == 0) continue;
      ((dx > 0) == (dy > 0) ? concordant : discordant) += 1.0;
    }
  }
  return (concordant - discordant) / std::sqrt((pairs - ties_x) * (pairs - ties_y));
}

}  // namespace

TEST_CASE("model accuracy: every measure by hand on a 2-issue example") {
  const treatysim::Scenario scenario = treatysim::parse_scenario(kTwoIssues, "two.toml");
  const AccuracyBasis basis(scenario, 0);  // party 0 models party 1
  REQUIRE(basis.outcomes().size() == 4);
  CHECK_FALSE(basis.sampled());
  CHECK(basis.true_utilities() == std::vector<double>{0.0, 0.4, 0.6, 1.0});
  CHECK(basis.own_utilities() == std::vector<double>{1.0, 0.5, 0.5, 0.0});
  // True frontier of (u₀, u₁): (1, 0), (0.5, 0.6), (0, 1); (0.5, 0.4) is dominated.
  CHECK(basis.true_frontier() == std::vector<std::size_t>{0, 2, 3});

  const std::vector<double> estimate{0.2, 0.3, 0.7, 0.5};
  const treatysim::ModelAccuracy a = treatysim::measure_accuracy(basis, estimate, 0.3, 0.25);
  // Pearson: x̄ = 0.425, ȳ = 0.5; Σdxdy = 0.19, Σdx² = 0.1475, Σdy² = 0.52.
  REQUIRE(a.pearson);
  CHECK(*a.pearson == Approx(0.19 / std::sqrt(0.1475 * 0.52)));
  CHECK(*a.pearson == Approx(0.68605).epsilon(1e-5));  // 0.19 / 0.276948
  // Kendall: of the 6 pairs only (a1b0, a1b1) is discordant (0.7 > 0.5 but 0.6 < 1): (5−1)/6.
  REQUIRE(a.kendall);
  CHECK(*a.kendall == Approx(2.0 / 3.0));
  // MAE: (0.2 + 0.1 + 0.1 + 0.5)/4.
  CHECK(a.mean_absolute_error == Approx(0.225));
  // Estimated frontier of (u₀, x): (1, 0.2), (0.5, 0.7); (0, 0.5) is dominated by (0.5, 0.7), so
  // the estimate finds 2 of the 3 true frontier outcomes.
  CHECK(a.pareto_share == Approx(2.0 / 3.0));
  CHECK(a.estimated_reservation == 0.3);
  CHECK(*a.reservation_error == Approx(0.05));

  // The truth itself: correlations 1, errors 0, the whole frontier.
  const treatysim::ModelAccuracy perfect =
      treatysim::measure_accuracy(basis, basis.true_utilities(), 0.25, 0.25);
  CHECK(*perfect.pearson == Approx(1.0));
  CHECK(*perfect.kendall == Approx(1.0));
  CHECK(perfect.mean_absolute_error == 0.0);
  CHECK(perfect.pareto_share == 1.0);
  CHECK(*perfect.reservation_error == 0.0);
  // A constant estimate has no correlation (undefined, not 0), and no reservation estimate.
  const treatysim::ModelAccuracy flat =
      treatysim::measure_accuracy(basis, {0.5, 0.5, 0.5, 0.5}, std::nullopt, 0.25);
  CHECK_FALSE(flat.pearson);
  CHECK_FALSE(flat.kendall);
  CHECK(flat.mean_absolute_error == Approx(0.3));
  CHECK_FALSE(flat.reservation_error);
}

TEST_CASE("model accuracy: Kendall's tau-b equals its O(n^2) definition on tied series") {
  treatysim::Rng rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 2 + trial % 60;
    const int levels = 1 + trial % 7;  // few levels: many ties
    std::vector<double> x(static_cast<std::size_t>(n));
    std::vector<double> y(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      x[static_cast<std::size_t>(i)] =
          boost::random::uniform_int_distribution<int>(0, levels)(rng) / 10.0;
      y[static_cast<std::size_t>(i)] =
          boost::random::uniform_int_distribution<int>(0, levels + 2)(rng) / 10.0;
    }
    const std::optional<double> fast = treatysim::kendall_tau_b(x, y);
    bool x_constant = true;
    bool y_constant = true;
    for (int i = 1; i < n; ++i) {
      x_constant = x_constant && x[static_cast<std::size_t>(i)] == x[0];
      y_constant = y_constant && y[static_cast<std::size_t>(i)] == y[0];
    }
    CAPTURE(trial);
    if (x_constant || y_constant) {
      CHECK_FALSE(fast);
    } else {
      REQUIRE(fast);
      CHECK(*fast == Approx(kendall_brute_force(x, y)).epsilon(1e-12));
    }
  }
  // Reversed order: −1; equal within 1e-9 counts as a tie.
  CHECK(*treatysim::kendall_tau_b({1, 2, 3}, {3, 2, 1}) == Approx(-1.0));
  CHECK(*treatysim::kendall_tau_b({0.1, 0.1 + 1e-12, 0.3}, {0.1, 0.2, 0.3}) ==
        Approx(2.0 / std::sqrt(2.0 * 3.0)));
}

TEST_CASE("model accuracy: spaces over 10,000 outcomes are measured on a fixed uniform sample") {
  const treatysim::Scenario big =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/bench/scenarios/outcomes-100k.toml");
  const AccuracyBasis a(big, 0);
  const AccuracyBasis b(big, 0);
  CHECK(a.sampled());
  CHECK(a.outcomes().size() == treatysim::kMaxMeasuredOutcomes);
  CHECK(a.outcomes() == b.outcomes());  // seeded: the same sample every time
  // Every issue's options all appear (uniform over each issue's options).
  for (std::size_t i = 0; i < big.space().issue_count(); ++i) {
    std::vector<int> seen(big.space().issue(i).options.size(), 0);
    for (const treatysim::Outcome& o : a.outcomes()) ++seen[static_cast<std::size_t>(o[i])];
    for (const int count : seen) CHECK(count > 0);
  }
}
