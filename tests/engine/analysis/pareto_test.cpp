// The exact Pareto frontier (engine/analysis/pareto.hpp) against an O(n²) brute force written here from
// the definition: an outcome is on the frontier iff no other outcome dominates it, where a
// dominates b when a ≥ b for both parties within 1e-9 and a > b for one by more than 1e-9.
// Outcomes with equal utility pairs are all listed.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/analysis/pareto.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/scenario_toml.hpp"
#include "tests/support/random_scenario.hpp"

#include <boost/random/uniform_int_distribution.hpp>

using treatysim::OutcomePoint;
using treatysim::Scenario;

namespace {

using Utilities = std::array<double, treatysim::kPartyCount>;

constexpr double kTol =
    1e-9;  // the documented tolerance, spelled out independently of tolerance.hpp
constexpr std::uint64_t kScenarios = 400;

// The definition, written out: a dominates b.
bool brute_dominates(const Utilities& a, const Utilities& b) {
  const bool at_least_both = a[0] >= b[0] - kTol && a[1] >= b[1] - kTol;
  const bool better_one = a[0] > b[0] + kTol || a[1] > b[1] + kTol;
  return at_least_both && better_one;
}

// Sorted outcome indices of the undominated points, O(n²).
std::vector<std::uint64_t> brute_frontier(const std::vector<OutcomePoint>& points) {
  std::vector<std::uint64_t> result;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      dominated = j != i && brute_dominates(points[j].utilities, points[i].utilities);
    }
    if (!dominated) result.push_back(points[i].index);
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::uint64_t> sorted_indices(const std::vector<OutcomePoint>& frontier) {
  std::vector<std::uint64_t> result;
  for (const OutcomePoint& p : frontier) result.push_back(p.index);
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::uint64_t> indices_in_order(const std::vector<OutcomePoint>& frontier) {
  std::vector<std::uint64_t> result;
  for (const OutcomePoint& p : frontier) result.push_back(p.index);
  return result;
}

// "3 7 0" — index lists as text, so that failures print them.
std::string text(const std::vector<std::uint64_t>& indices) {
  std::string result;
  for (const std::uint64_t i : indices) result += (result.empty() ? "" : " ") + std::to_string(i);
  return result;
}

// Every property of a frontier of `points` (points[k].index == k). `check_cover` asks that every
// outcome off the frontier be dominated by a frontier point: true whenever dominance is
// transitive on the data, which the 1e-9 tolerance does not guarantee in general (a chain of
// sub-tolerance steps can add up: see the last test of this file).
void check_frontier(const std::vector<OutcomePoint>& points,
                    const std::vector<OutcomePoint>& frontier, bool check_cover = true) {
  // The same set as the brute force, without duplicates.
  const std::vector<std::uint64_t> got = sorted_indices(frontier);
  REQUIRE(std::adjacent_find(got.begin(), got.end()) == got.end());
  REQUIRE(text(got) == text(brute_frontier(points)));
  REQUIRE_FALSE(frontier.empty());  // the outcome of greatest u₀ + u₁ is never dominated

  // Each frontier entry is a copy of its input point, and nothing dominates it.
  std::vector<bool> on_frontier(points.size(), false);
  for (const OutcomePoint& f : frontier) {
    REQUIRE(f.index < points.size());
    const OutcomePoint& original = points[f.index];
    CHECK(f.outcome == original.outcome);
    CHECK(f.utilities == original.utilities);
    on_frontier[f.index] = true;
    for (const OutcomePoint& q : points) CHECK_FALSE(brute_dominates(q.utilities, f.utilities));
  }
  // Every other outcome is dominated by some frontier point.
  if (check_cover) {
    for (const OutcomePoint& p : points) {
      if (on_frontier[p.index]) continue;
      const bool covered = std::any_of(
          frontier.begin(), frontier.end(),
          [&p](const OutcomePoint& f) { return brute_dominates(f.utilities, p.utilities); });
      CAPTURE(p.index);
      CHECK(covered);
    }
  }
  // Order: u₀ descending (u₁ then ascending); among entries whose u₀ is equal within the tolerance,
  // outcome index ascending.
  for (std::size_t k = 0; k + 1 < frontier.size(); ++k) {
    const OutcomePoint& a = frontier[k];
    const OutcomePoint& b = frontier[k + 1];
    CAPTURE(k);
    CHECK(a.utilities[0] >= b.utilities[0] - kTol);
    CHECK(a.utilities[1] <= b.utilities[1] + kTol);
    if (a.utilities[0] - b.utilities[0] <= kTol) CHECK(a.index < b.index);
  }
}

OutcomePoint point(std::uint64_t index, double u0, double u1) {
  return OutcomePoint{treatysim::Outcome{static_cast<int>(index)}, index, {u0, u1}};
}

treatysim::Issue make_issue(const std::string& id, int options) {
  treatysim::Issue issue;
  issue.id = id;
  issue.label = id;
  for (int o = 0; o < options; ++o)
    issue.options.push_back(treatysim::Option{id + std::to_string(o), {}, {}});
  return issue;
}

treatysim::PartyDef make_party(const std::string& id, std::vector<double> weights,
                               std::vector<std::vector<double>> values) {
  treatysim::PartyDef party;
  party.id = id;
  party.name = id;
  party.agent = "linear";
  party.preferences.shapes.assign(weights.size(), treatysim::ValueShape::kTable);
  party.preferences.weights = std::move(weights);
  party.preferences.values = std::move(values);
  return party;
}

}  // namespace

TEST_CASE("pareto: random scenarios match the O(n^2) brute force") {
  std::size_t total_points = 0;
  std::size_t total_frontier = 0;
  for (std::uint64_t seed = 1; seed <= kScenarios; ++seed) {
    CAPTURE(seed);
    const Scenario scenario = treatysim::testing::random_scenario(seed);
    const std::vector<OutcomePoint> points = treatysim::enumerate_outcomes(scenario);
    REQUIRE(points.size() == scenario.space().count());
    for (std::size_t k = 0; k < points.size(); ++k) REQUIRE(points[k].index == k);
    const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
    check_frontier(points, frontier);
    // The scenario overload is the same computation.
    CHECK(text(indices_in_order(treatysim::pareto_frontier(scenario))) ==
          text(indices_in_order(frontier)));
    total_points += points.size();
    total_frontier += frontier.size();
  }
  // The shapes vary: not every outcome is on the frontier, and frontiers are not all singletons.
  CHECK(total_frontier < total_points);
  CHECK(total_frontier > 2 * kScenarios);
}

TEST_CASE("pareto: random utility grids with ties and sub-tolerance jitter match the brute force") {
  // Utilities on a coarse grid (tenths), each shifted by less than 0.4e-9: pairs on the same grid
  // value are equal within the tolerance (they differ by < 0.8e-9) and pairs on different grid
  // values differ by ~0.1, so there are many ties, including exact duplicates (jitter 0).
  treatysim::Rng rng(treatysim::derive_seed(7, "pareto_test_grid", 0));
  auto integer = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    const int n = integer(1, 60);
    std::vector<OutcomePoint> points;
    for (int k = 0; k < n; ++k) {
      const double u0 = integer(0, 10) / 10.0 + integer(-4, 4) * 0.1e-9;
      const double u1 = integer(0, 10) / 10.0 + integer(-4, 4) * 0.1e-9;
      points.push_back(point(static_cast<std::uint64_t>(k), u0, u1));
    }
    check_frontier(points, treatysim::pareto_frontier(points));
  }
}

TEST_CASE("pareto: hand-made ties - equal pairs and sub-tolerance differences are all listed") {
  const std::vector<OutcomePoint> points = {
      point(0, 0.5, 0.5),
      point(1, 0.5, 0.5),                    // exact duplicate of 0
      point(2, 0.5 + 0.5e-9, 0.5 - 0.5e-9),  // equal to 0 within the tolerance in both
      point(3, 1.0, 0.0),
      point(4, 0.0, 1.0),
      point(5, 0.4, 0.4),              // dominated by 0, 1, 2
      point(6, 0.5, 0.3),              // same u₀ as 0, u₁ lower: dominated
      point(7, 1.0 - 0.5e-9, 0.3e-9),  // equal to 3 within the tolerance
      point(8, 0.0, 1.0 - 2e-9),       // u₁ short of 4's by more than the tolerance: dominated
      point(9, 0.2, 0.5 + 2e-9),       // u₁ beats 0's by more than the tolerance: kept
  };
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
  check_frontier(points, frontier);
  // u₀ ≈ 1: 3 and 7 (index order); u₀ ≈ 0.5: 0, 1, 2; then 9 at 0.2; then 4 at 0.
  CHECK(text(indices_in_order(frontier)) == "3 7 0 1 2 9 4");
}

TEST_CASE(
    "pareto: a point within 1e-9 of its level's best u1 but dominated through u0 is left out") {
  // 0 = (1, 0.5). At u₀ = 0.2: 1 has u₁ = 0.5 + 1.5e-9 (beyond the tolerance above 0's, so 0 does
  // not dominate it) and 2 has u₁ = 0.5 + 0.8e-9, within the tolerance of 1's and of 0's.
  // 0 dominates 2 (u₀ better by 0.8, u₁ short by only 0.8e-9 < 1e-9); 1 does not dominate 2.
  const std::vector<OutcomePoint> points = {point(0, 1.0, 0.5), point(1, 0.2, 0.5 + 1.5e-9),
                                            point(2, 0.2, 0.5 + 0.8e-9)};
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
  check_frontier(points, frontier);
  CHECK(text(indices_in_order(frontier)) == "0 1");
}

TEST_CASE(
    "pareto: points in adjacent tolerance levels that do not dominate each other are both kept") {
  // 0 = (1, 0) and 1 = (1 − 0.9e-9, 0.5) have u₀ within the tolerance: 1 dominates 0. 2 has
  // u₀ = 1 − 1.1e-9 (more than 1e-9 below 0's, but only 0.2e-9 below 1's) and the same u₁ as 1:
  // neither of 1 and 2 dominates the other, so both are on the frontier.
  const std::vector<OutcomePoint> points = {point(0, 1.0, 0.0), point(1, 1.0 - 0.9e-9, 0.5),
                                            point(2, 1.0 - 1.1e-9, 0.5)};
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
  check_frontier(points, frontier);
  CHECK(text(sorted_indices(frontier)) == "1 2");
}

TEST_CASE(
    "pareto: a chain of sub-tolerance steps - the frontier follows the definition, not "
    "transitivity") {
  // 1 dominates 0 (u₀ better by 2e-9, u₁ short by 0.9e-9); 2 dominates 1 likewise; 2 does not
  // dominate 0 (u₁ short by 1.8e-9). Only 2 is undominated, and 0 is dominated by an outcome (1)
  // that is itself off the frontier. This is the one place where "every other outcome is
  // dominated by a frontier point" fails: tolerance dominance is not transitive.
  const std::vector<OutcomePoint> points = {point(0, 0.5, 0.5), point(1, 0.5 + 2e-9, 0.5 - 0.9e-9),
                                            point(2, 0.5 + 4e-9, 0.5 - 1.8e-9)};
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
  check_frontier(points, frontier, /*check_cover=*/false);
  CHECK(text(indices_in_order(frontier)) == "2");
  CHECK_FALSE(treatysim::dominates(points[2].utilities, points[0].utilities));
}

TEST_CASE("pareto: dominates() follows the definition") {
  CHECK(treatysim::dominates({0.6, 0.5}, {0.5, 0.5}));
  CHECK_FALSE(treatysim::dominates({0.5, 0.5}, {0.5, 0.5}));
  CHECK_FALSE(treatysim::dominates({0.5 + 0.9e-9, 0.5}, {0.5, 0.5}));     // not better beyond 1e-9
  CHECK(treatysim::dominates({0.5 + 1.1e-9, 0.5 - 0.9e-9}, {0.5, 0.5}));  // worse only within 1e-9
  CHECK_FALSE(treatysim::dominates({0.6, 0.5 - 1.1e-9}, {0.5, 0.5}));     // worse beyond 1e-9
  treatysim::Rng rng(treatysim::derive_seed(11, "pareto_test_dominates", 0));
  auto integer = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int k = 0; k < 2000; ++k) {
    // Coordinates 0.5 + j·0.5e-9, j in −4…4: differences straddle the tolerance on both sides.
    const Utilities a{0.5 + integer(-4, 4) * 0.5e-9, 0.5 + integer(-4, 4) * 0.5e-9};
    const Utilities b{0.5 + integer(-4, 4) * 0.5e-9, 0.5 + integer(-4, 4) * 0.5e-9};
    CAPTURE(k);
    CHECK(treatysim::dominates(a, b) == brute_dominates(a, b));
  }
}

TEST_CASE("pareto: a hand-built 3 x 3 scenario has the hand-checked frontier") {
  // Issue A (3 options) matters most to party 0, issue B (3 options) to party 1. Options B1 and B2
  // are worth the same to both, so outcomes (a, 1) and (a, 2) tie exactly. Index = 3·a + b.
  //   party 0: 0.75·A[1, 0.5, 0] + 0.25·B[1, 0, 0]      party 1: 0.25·A[0, 0.5, 1] + 0.75·B[0, 1, 1]
  //   index  outcome  u0     u1
  //     0    A0/B0    1      0        frontier (best for 0)
  //     1    A0/B1    0.75   0.75     frontier
  //     2    A0/B2    0.75   0.75     frontier (tie with 1)
  //     3    A1/B0    0.625  0.125    dominated by 1 and 2
  //     4    A1/B1    0.375  0.875    frontier
  //     5    A1/B2    0.375  0.875    frontier (tie with 4)
  //     6    A2/B0    0.25   0.25     dominated by 1, 2, 4, 5
  //     7    A2/B1    0      1        frontier (best for 1)
  //     8    A2/B2    0      1        frontier (tie with 7)
  treatysim::ScenarioDef def;
  def.id = "tiny";
  def.issues = {make_issue("A", 3), make_issue("B", 3)};
  def.parties[0] = make_party("p0", {0.75, 0.25}, {{1.0, 0.5, 0.0}, {1.0, 0.0, 0.0}});
  def.parties[1] = make_party("p1", {0.25, 0.75}, {{0.0, 0.5, 1.0}, {0.0, 1.0, 1.0}});
  const Scenario scenario = Scenario::create(std::move(def));
  const std::vector<OutcomePoint> points = treatysim::enumerate_outcomes(scenario);
  REQUIRE(points.size() == 9);
  CHECK(points[3].utilities[0] == doctest::Approx(0.625));
  CHECK(points[3].utilities[1] == doctest::Approx(0.125));
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(scenario);
  check_frontier(points, frontier);
  CHECK(text(indices_in_order(frontier)) == "0 1 2 4 5 7 8");
  CHECK(frontier[1].outcome == treatysim::Outcome{0, 1});
}

TEST_CASE(
    "pareto: three-clauses.toml - the frontier matches the brute force and its hand-checked ends") {
  const Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/three-clauses.toml");
  const std::vector<OutcomePoint> points = treatysim::enumerate_outcomes(scenario);
  REQUIRE(points.size() == 100);
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(points);
  check_frontier(points, frontier);
  // First: IP0/D0/G0 is the only outcome worth 1 to us (every us value 1.0); cn gets
  // 0.2·0.2 + 0.3·0 + 0.5·0 = 0.04. Last: IP4/D3/G4 is the only outcome worth 1 to cn, 0 to us.
  CHECK(frontier.front().outcome == treatysim::Outcome{0, 0, 0});
  CHECK(frontier.front().utilities[1] == doctest::Approx(0.04));
  CHECK(frontier.back().outcome == treatysim::Outcome{4, 3, 4});
  CHECK(frontier.back().utilities[0] == doctest::Approx(0.0));
  // A dominated outcome, checked by hand: IP4/D0/G0 is worth 0.3 + 0.2 = 0.5 to us and 0.2·1 = 0.2
  // to cn; IP0/D3/G4 is worth 0.5·1 = 0.5 to us and 0.2·0.2 + 0.3 + 0.5 = 0.84 to cn: equal for
  // us, far better for cn.
  const auto index_of = [&scenario](const treatysim::Outcome& o) {
    return scenario.space().index_of(o);
  };
  const std::vector<std::uint64_t> on = sorted_indices(frontier);
  CHECK_FALSE(std::binary_search(on.begin(), on.end(), index_of(treatysim::Outcome{4, 0, 0})));
  CHECK(treatysim::dominates(points[index_of(treatysim::Outcome{0, 3, 4})].utilities,
                             points[index_of(treatysim::Outcome{4, 0, 0})].utilities));
}
