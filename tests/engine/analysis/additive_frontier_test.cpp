// pareto_frontier() forms its u₀ levels among the undominated points only, so its order does
// not depend on dominated outcomes, which the additive frontier never sees: when frontier
// points' u₀ differ by chains of ~1e-9 steps, both still list them in the same order.
// The frontier without enumeration (engine/analysis/additive_frontier.hpp): on enumerable spaces it is
// exactly pareto_frontier() (same outcomes, same order, same utilities bit for bit), including
// scenarios full of ties and of differences around the 1e-9 tolerance; on a space too large to
// enumerate every returned point is undominated; and the ε-approximation keeps its stated
// guarantee against every outcome.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/analysis/additive_frontier.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::FrontierOptions;
using treatysim::FrontierResult;
using treatysim::OutcomePoint;
using treatysim::Scenario;

namespace {

using Utilities = std::array<double, treatysim::kPartyCount>;

constexpr double kTol =
    1e-9;  // the documented tolerance, spelled out independently of tolerance.hpp

// The definition: a dominates b (≥ for both within 1e-9, > for one by more than 1e-9).
bool brute_dominates(const Utilities& a, const Utilities& b) {
  return a[0] >= b[0] - kTol && a[1] >= b[1] - kTol && (a[0] > b[0] + kTol || a[1] > b[1] + kTol);
}

// "3 7 0" — index lists as text, so that failures print them.
std::string text(const std::vector<OutcomePoint>& points) {
  std::string result;
  for (const OutcomePoint& p : points)
    result += (result.empty() ? "" : " ") + std::to_string(p.index);
  return result;
}

std::string sorted_text(std::vector<OutcomePoint> points) {
  std::sort(points.begin(), points.end(),
            [](const OutcomePoint& a, const OutcomePoint& b) { return a.index < b.index; });
  return text(points);
}

// The additive frontier is the enumerative one: same indices in the same order, same outcomes,
// same utilities bit for bit, and flagged exact.
void check_equal_to_enumerative(const Scenario& scenario) {
  const FrontierResult result = treatysim::additive_pareto_frontier(scenario);
  const std::vector<OutcomePoint> expected = treatysim::pareto_frontier(scenario);
  CHECK(result.exact);
  CHECK(result.epsilon == 0.0);
  CHECK(result.largest_level >= result.points.size());
  REQUIRE(text(result.points) == text(expected));
  for (std::size_t k = 0; k < expected.size(); ++k) {
    CAPTURE(k);
    CHECK(result.points[k].outcome == expected[k].outcome);
    // Bit for bit: == on doubles, not Approx.
    CHECK(result.points[k].utilities[0] == expected[k].utilities[0]);
    CHECK(result.points[k].utilities[1] == expected[k].utilities[1]);
  }
}

treatysim::Issue make_issue(const std::string& id, std::size_t options) {
  treatysim::Issue issue;
  issue.id = id;
  issue.label = id;
  for (std::size_t o = 0; o < options; ++o)
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

// A scenario from per-party weights and values (the issue shapes follow the values).
Scenario make_scenario(const std::array<std::vector<double>, 2>& weights,
                       const std::array<std::vector<std::vector<double>>, 2>& values) {
  treatysim::ScenarioDef def;
  def.id = "hand-made";
  def.title = "hand-made";
  for (std::size_t i = 0; i < values[0].size(); ++i)
    def.issues.push_back(make_issue("i" + std::to_string(i), values[0][i].size()));
  def.parties[0] = make_party("a", weights[0], values[0]);
  def.parties[1] = make_party("b", weights[1], values[1]);
  return Scenario::create(std::move(def));
}

// Random weights (summing to 1) and values for `options[i]` options per issue, each value drawn
// by `value(issue, option)`.
template <typename Value>
Scenario random_shape(treatysim::Rng& rng, const std::vector<std::size_t>& options, Value value) {
  std::array<std::vector<double>, 2> weights;
  std::array<std::vector<std::vector<double>>, 2> values;
  for (std::size_t p = 0; p < 2; ++p) {
    double total = 0.0;
    for (std::size_t i = 0; i < options.size(); ++i) {
      weights[p].push_back(boost::random::uniform_int_distribution<int>(1, 4)(rng));
      total += weights[p].back();
      std::vector<double> v;
      for (std::size_t o = 0; o < options[i]; ++o) v.push_back(value(i, o));
      values[p].push_back(std::move(v));
    }
    for (double& w : weights[p]) w /= total;
  }
  return make_scenario(weights, values);
}

std::vector<std::size_t> random_options(treatysim::Rng& rng, int min_issues, int max_issues,
                                        int min_options, int max_options) {
  const int issues = boost::random::uniform_int_distribution<int>(min_issues, max_issues)(rng);
  std::vector<std::size_t> options;
  for (int i = 0; i < issues; ++i) {
    options.push_back(static_cast<std::size_t>(
        boost::random::uniform_int_distribution<int>(min_options, max_options)(rng)));
  }
  return options;
}

// Dense (lexicographic, first issue most significant) index of an outcome, computed here.
std::uint64_t dense_index(const Scenario& scenario, const treatysim::Outcome& outcome) {
  std::uint64_t index = 0;
  for (std::size_t i = 0; i < scenario.space().issue_count(); ++i) {
    index = index * scenario.space().issue(i).size() + static_cast<std::uint64_t>(outcome[i]);
  }
  return index;
}

// 2–3 issues of 2–4 options, equal weights 1/m (m = issue count). Most values are
// base + k·(m·1e-9)·(1 ± 3e-8), k = 0…3, with one base per issue and party: contributions differ
// by multiples of ~1e-9 moved by a few ulps, so utilities differ by sums of ~1e-9 steps that land
// on both sides of the tolerance, and the rounding of the partial sums matters. The others are
// uniform in [0, 1].
Scenario near_tie_scenario(treatysim::Rng& rng) {
  auto integer = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  auto real = [&rng](double lo, double hi) {
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
  };
  const std::vector<std::size_t> options = random_options(rng, 2, 3, 2, 4);
  const double m = static_cast<double>(options.size());
  treatysim::ScenarioDef def;
  def.id = "near-ties";
  for (std::size_t i = 0; i < options.size(); ++i)
    def.issues.push_back(make_issue("i" + std::to_string(i), options[i]));
  for (std::size_t p = 0; p < 2; ++p) {
    std::vector<std::vector<double>> values;
    for (const std::size_t n : options) {
      const double base = real(0.0, 0.9);
      std::vector<double> v;
      for (std::size_t o = 0; o < n; ++o) {
        v.push_back(integer(0, 3) == 0
                        ? real(0.0, 1.0)
                        : base + integer(0, 3) * m * 1e-9 * (1.0 + real(-3e-8, 3e-8)));
      }
      values.push_back(std::move(v));
    }
    def.parties[p] = make_party(p == 0 ? "a" : "b", std::vector<double>(options.size(), 1.0 / m),
                                std::move(values));
  }
  return Scenario::create(std::move(def));
}

}  // namespace

TEST_CASE(
    "additive frontier: random scenarios up to 5 issues x 6 options equal pareto_frontier "
    "exactly") {
  treatysim::testing::RandomScenarioShape shape;
  shape.max_issues = 5;
  shape.max_options = 6;
  std::size_t total_frontier = 0;
  std::size_t biggest_space = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    const Scenario scenario = treatysim::testing::random_scenario(seed, shape);
    check_equal_to_enumerative(scenario);
    total_frontier += treatysim::pareto_frontier(scenario).size();
    biggest_space = std::max(biggest_space, static_cast<std::size_t>(scenario.space().count()));
  }
  // The shapes vary: some spaces are large and frontiers are not all singletons.
  CHECK(biggest_space >= 2000);
  CHECK(total_frontier > 600);
}

TEST_CASE("additive frontier: a hand-made 3 x 3 scenario with exact ties") {
  // As in pareto_test: options B1 and B2 are worth the same to both, so (a, 1) and (a, 2) tie.
  // Frontier (index = 3a + b): 0 (1, 0), 1 and 2 (0.75, 0.75), 4 and 5 (0.375, 0.875), 7 and 8 (0, 1).
  const Scenario scenario =
      make_scenario({std::vector<double>{0.75, 0.25}, std::vector<double>{0.25, 0.75}},
                    {std::vector<std::vector<double>>{{1.0, 0.5, 0.0}, {1.0, 0.0, 0.0}},
                     std::vector<std::vector<double>>{{0.0, 0.5, 1.0}, {0.0, 1.0, 1.0}}});
  check_equal_to_enumerative(scenario);
  CHECK(text(treatysim::additive_pareto_frontier(scenario).points) == "0 1 2 4 5 7 8");
}

TEST_CASE(
    "additive frontier: every option worth the same - the whole space is one tied frontier point") {
  // 3 issues x 3 options, every value 0.5 for both: all 27 outcomes have the same utilities, none
  // dominates another, so all are listed, in index order.
  const std::vector<std::vector<double>> flat(3, std::vector<double>(3, 0.5));
  const Scenario scenario = make_scenario(
      {std::vector<double>(3, 1.0 / 3), std::vector<double>(3, 1.0 / 3)}, {flat, flat});
  check_equal_to_enumerative(scenario);
  const FrontierResult result = treatysim::additive_pareto_frontier(scenario);
  REQUIRE(result.points.size() == 27);
  for (std::size_t k = 0; k < 27; ++k) CHECK(result.points[k].index == k);
}

TEST_CASE(
    "additive frontier: random scenarios with many ties (values on a coarse grid, repeated "
    "options)") {
  treatysim::Rng rng(treatysim::derive_seed(3, "additive_frontier_test_ties", 0));
  auto integer = [&rng](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::size_t tied_pairs = 0;
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    const std::vector<std::size_t> options = random_options(rng, 1, 5, 2, 5);
    // Values in quarters: equal option values, hence many equal utility pairs.
    const Scenario scenario =
        random_shape(rng, options, [&](std::size_t, std::size_t) { return integer(0, 4) / 4.0; });
    check_equal_to_enumerative(scenario);
    const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(scenario);
    for (std::size_t k = 0; k + 1 < frontier.size(); ++k) {
      if (frontier[k].utilities == frontier[k + 1].utilities) ++tied_pairs;
    }
  }
  CHECK(tied_pairs >
        100);  // the ties are real: many frontier neighbours share their utilities exactly
}

TEST_CASE("additive frontier: near-ties - the same frontier set and utilities as pareto_frontier") {
  // near_tie_scenario(): utilities differ by chains of ~1e-9 steps. A pruning margin of exactly
  // 1e-9 lost frontier outcomes on about 1 in 60 of these (a partial ahead by just over 1e-9 was
  // ahead by just under it after the later additions; see the hand-made case below). Compared as
  // sets: see the next test for the order.
  treatysim::Rng rng(treatysim::derive_seed(5, "additive_frontier_test_near_ties", 0));
  for (int round = 0; round < 3000; ++round) {
    CAPTURE(round);
    const Scenario scenario = near_tie_scenario(rng);
    const FrontierResult result = treatysim::additive_pareto_frontier(scenario);
    const std::vector<OutcomePoint> expected = treatysim::pareto_frontier(scenario);
    CHECK(result.exact);
    REQUIRE(sorted_text(result.points) == sorted_text(expected));
    for (const OutcomePoint& p : result.points) {
      const auto it = std::find_if(expected.begin(), expected.end(),
                                   [&p](const OutcomePoint& q) { return q.index == p.index; });
      CHECK(p.utilities == it->utilities);
      CHECK(p.outcome == it->outcome);
    }
    // The documented order, u₀ descending (u₁ ascending), within the tolerance.
    for (std::size_t k = 0; k + 1 < result.points.size(); ++k) {
      CHECK(result.points[k].utilities[0] >= result.points[k + 1].utilities[0] - kTol);
      CHECK(result.points[k].utilities[1] <= result.points[k + 1].utilities[1] + kTol);
    }
  }
}

TEST_CASE("additive frontier: near-ties - the same order as pareto_frontier(scenario)") {
  // Known discrepancy (reported, not fixed here): pareto_frontier() groups outcomes whose u₀ is
  // within 1e-9 of a level's *first* outcome in u₀ order and lists each level by index, and that
  // first outcome may be a dominated one. So when frontier points' u₀ differ by chains of ~1e-9
  // steps, the enumerative order depends on dominated outcomes, which the additive frontier
  // never sees: the sets agree (previous test) but the order can differ within ~2e-9 of u₀.
  treatysim::Rng rng(treatysim::derive_seed(5, "additive_frontier_test_near_ties", 0));
  int differing = 0;
  for (int round = 0; round < 3000; ++round) {
    const Scenario scenario = near_tie_scenario(rng);
    if (text(treatysim::additive_pareto_frontier(scenario).points) !=
        text(treatysim::pareto_frontier(scenario)))
      ++differing;
  }
  CHECK(differing == 0);
}

TEST_CASE("additive frontier: hand-made near-ties around 1e-9 on one issue pair") {
  // Party a values the options of issue 0 at 0.5, 0.5 + 0.8e-9·2, 0.5 + 1.2e-9·2 (weights ½, so
  // contributions differ by 0.8e-9 and 1.2e-9); party b the reverse, and issue 1 adds exact ties.
  const double lo = 0.5;
  const Scenario scenario = make_scenario(
      {std::vector<double>{0.5, 0.5}, std::vector<double>{0.5, 0.5}},
      {std::vector<std::vector<double>>{{lo, lo + 1.6e-9, lo + 2.4e-9}, {0.2, 0.2, 0.6}},
       std::vector<std::vector<double>>{{lo + 2.4e-9, lo + 1.6e-9, lo}, {0.6, 0.6, 0.2}}});
  check_equal_to_enumerative(scenario);
}

TEST_CASE(
    "additive frontier: a lead of just over 1e-9 that rounding shrinks below it - both outcomes "
    "kept") {
  // Weights ½, so contributions are exact halves of the values. Issue 0: party a is indifferent
  // (0.5, 0.5); party b's contributions are c_A = 0.0350773183084301 and c_B = c_A + 1e-9 + a few
  // ulps, so B's partial beats A's by more than 1e-9 (c_B > c_A + 1e-9 in doubles). Issue 1, option
  // 0 adds c_z ≈ 0.3125 to both; the sums round so that u_b(B, z) > u_b(A, z) + 1e-9 no longer
  // holds: with equal u_a, neither (A, z) nor (B, z) dominates the other and both are on the
  // frontier. Option 1 of issue 1 is worth 0 to both (dominated). Outcome indices: (A, z) = 0,
  // (B, z) = 2. Pruning A's partial at issue 0 with a margin of exactly 1e-9 lost outcome 0.
  const double vA = 0.0701546366168602;
  const double vB = 0.07015463861686021;
  const double vz = 0.6249838226123167;
  REQUIRE(0.5 * vB > 0.5 * vA + 1e-9);
  REQUIRE_FALSE(0.5 * vB + 0.5 * vz > (0.5 * vA + 0.5 * vz) + 1e-9);
  const Scenario scenario =
      make_scenario({std::vector<double>{0.5, 0.5}, std::vector<double>{0.5, 0.5}},
                    {std::vector<std::vector<double>>{{0.5, 0.5}, {0.5, 0.0}},
                     std::vector<std::vector<double>>{{vA, vB}, {vz, 0.0}}});
  check_equal_to_enumerative(scenario);
  CHECK(text(treatysim::additive_pareto_frontier(scenario).points) == "0 2");
}

TEST_CASE(
    "additive frontier: 12 issues x 4 options (not enumerable) - undominated, not beaten by random "
    "outcomes") {
  treatysim::testing::RandomScenarioShape shape;
  shape.min_issues = 12;
  shape.max_issues = 12;
  shape.min_options = 4;
  shape.max_options = 4;
  const Scenario scenario = treatysim::testing::random_scenario(17, shape);
  REQUIRE_FALSE(scenario.space().enumerable());
  const FrontierResult result = treatysim::additive_pareto_frontier(scenario);
  CHECK(result.exact);
  const std::vector<OutcomePoint>& frontier = result.points;
  REQUIRE(frontier.size() >= 2);
  CAPTURE(frontier.size());
  // Each point: its outcome's utilities bit for bit, its dense index, undominated by the others.
  for (std::size_t k = 0; k < frontier.size(); ++k) {
    const OutcomePoint& p = frontier[k];
    CHECK(p.utilities[0] == scenario.utility(0)(p.outcome));
    CHECK(p.utilities[1] == scenario.utility(1)(p.outcome));
    CHECK(p.index == dense_index(scenario, p.outcome));
    for (const OutcomePoint& q : frontier) {
      if (brute_dominates(q.utilities, p.utilities))
        FAIL_CHECK("frontier point " << k << " dominated by " << q.index);
    }
    if (k + 1 < frontier.size()) CHECK(p.utilities[0] >= frontier[k + 1].utilities[0] - kTol);
  }
  // The extremes are each party's best outcome.
  CHECK(frontier.front().utilities[0] ==
        doctest::Approx(scenario.utility(0).max_utility()).epsilon(1e-12));
  CHECK(frontier.back().utilities[1] ==
        doctest::Approx(scenario.utility(1).max_utility()).epsilon(1e-12));
  // No random outcome dominates a frontier point.
  treatysim::Rng rng(treatysim::derive_seed(17, "additive_frontier_test_sample", 0));
  for (int s = 0; s < 3000; ++s) {
    treatysim::Outcome outcome(scenario.space().issue_count());
    for (std::size_t i = 0; i < outcome.size(); ++i)
      outcome.set(i, boost::random::uniform_int_distribution<int>(0, 3)(rng));
    const Utilities u{scenario.utility(0)(outcome), scenario.utility(1)(outcome)};
    for (const OutcomePoint& p : frontier) {
      if (brute_dominates(u, p.utilities))
        FAIL_CHECK("random outcome " << outcome << " dominates " << p.index);
    }
  }
}

namespace {

// The ε guarantee, against every outcome of an enumerable space: each outcome w has a returned q
// with uᵢ(q) ≥ uᵢ(w) − ε for both parties. Returns the worst shortfall (max over w of the best
// q's largest loss), to check against ε.
double worst_shortfall(const Scenario& scenario, const FrontierResult& result) {
  double worst = 0.0;
  for (const OutcomePoint& w : treatysim::enumerate_outcomes(scenario)) {
    double best = 1e300;  // the smallest max-loss over the returned points
    for (const OutcomePoint& q : result.points) {
      best = std::min(best,
                      std::max(w.utilities[0] - q.utilities[0], w.utilities[1] - q.utilities[1]));
    }
    worst = std::max(worst, best);
  }
  return worst;
}

void check_approximation(const Scenario& scenario, const FrontierOptions& options) {
  const FrontierResult result = treatysim::additive_pareto_frontier(scenario, options);
  CHECK_FALSE(result.exact);
  CHECK(result.epsilon == options.epsilon);
  REQUIRE_FALSE(result.points.empty());
  // The guarantee.
  CHECK(worst_shortfall(scenario, result) <= options.epsilon);
  // The returned points are real outcomes with their own utilities, undominated among themselves.
  for (const OutcomePoint& p : result.points) {
    CHECK(p.index == scenario.space().index_of(p.outcome));
    CHECK(p.utilities[0] == scenario.utility(0)(p.outcome));
    CHECK(p.utilities[1] == scenario.utility(1)(p.outcome));
    for (const OutcomePoint& q : result.points)
      CHECK_FALSE(brute_dominates(q.utilities, p.utilities));
  }
  // Much smaller than the exact frontier would be.
  CHECK(result.points.size() < treatysim::pareto_frontier(scenario).size());
}

}  // namespace

TEST_CASE(
    "additive frontier: epsilon-approximation on directly opposed utilities keeps its guarantee") {
  // Party b's values are 1 − party a's, equal weights: u_b = 1 − u_a, so every outcome is
  // Pareto-optimal and the exact frontier is the whole space (5 x 6 x 6 x 6 = 1080 outcomes).
  treatysim::Rng rng(treatysim::derive_seed(23, "additive_frontier_test_opposed", 0));
  auto real = [&rng](double lo, double hi) {
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
  };
  for (int round = 0; round < 4; ++round) {
    CAPTURE(round);
    const std::vector<std::size_t> options{5, 6, 6, 6};
    std::vector<std::vector<double>> a;
    std::vector<std::vector<double>> b;
    for (const std::size_t n : options) {
      std::vector<double> va;
      std::vector<double> vb;
      for (std::size_t o = 0; o < n; ++o) {
        va.push_back(real(0.0, 1.0));
        vb.push_back(1.0 - va.back());
      }
      a.push_back(std::move(va));
      b.push_back(std::move(vb));
    }
    const std::vector<double> weights(options.size(), 0.25);
    const Scenario scenario = make_scenario({weights, weights}, {a, b});
    REQUIRE(treatysim::pareto_frontier(scenario).size() == 1080);
    check_approximation(scenario, FrontierOptions{30, 0.01});
    check_approximation(scenario, FrontierOptions{5, 0.05});
  }
}

TEST_CASE("additive frontier: epsilon-approximation on random scenarios where it triggers") {
  treatysim::testing::RandomScenarioShape shape;
  shape.min_issues = 4;
  shape.max_issues = 5;
  shape.min_options = 4;
  shape.max_options = 6;
  int triggered = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    const Scenario scenario = treatysim::testing::random_scenario(seed, shape);
    const FrontierOptions options{8, 0.01};
    const FrontierResult result = treatysim::additive_pareto_frontier(scenario, options);
    if (result.exact) {
      // Never past max_points: then it is the exact frontier.
      CHECK(result.largest_level <= options.max_points);
      CHECK(text(result.points) == text(treatysim::pareto_frontier(scenario)));
      continue;
    }
    ++triggered;
    CHECK(result.epsilon == 0.01);
    CHECK(worst_shortfall(scenario, result) <= 0.01);
  }
  CHECK(triggered >= 20);
}
