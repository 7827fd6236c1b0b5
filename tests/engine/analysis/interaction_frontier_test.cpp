// Interaction terms (issue linkage) and the exact frontier without enumeration
// (engine/analysis/interaction_frontier.hpp): a 2-issue example computed by hand, the branch and
// bound against brute force on hundreds of random small non-linear scenarios, and the 10-issue
// ANAC 2014 domain against the pareto.xml published with it.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/bargaining.hpp"
#include "engine/analysis/interaction_frontier.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/scenario_toml.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::OutcomePoint;
using treatysim::Scenario;

namespace {

// Two issues of two options; A prefers x0 and y0 and gains 0.2 from x1 with y1 (a package it
// values); B prefers x1 and y1 but loses 0.3 when it gets both.
constexpr const char* kTwoIssues = R"(
[scenario]
id = "linkage-2x2"
title = "Two clauses that interact"

[protocol]
deadline = 4
first_mover = "a"
information = "complete"

[[issues]]
id = "x"
label = "X"
options = [{ id = "x0", label = "x0" }, { id = "x1", label = "x1" }]

[[issues]]
id = "y"
label = "Y"
options = [{ id = "y0", label = "y0" }, { id = "y1", label = "y1" }]

[[parties]]
id = "a"
name = "A"
reservation = 0.0
discount = 1.0
agent = "linear"
weights = { x = 0.4, y = 0.4 }
values = { x = [1.0, 0.0], y = [1.0, 0.0] }

[[parties.interactions]]
label = "x1 with y1"
when = { x = ["x1"], y = ["y1"] }
utility = 0.2

[[parties]]
id = "b"
name = "B"
reservation = 0.0
discount = 1.0
agent = "linear"
weights = { x = 0.5, y = 0.5 }
values = { x = [0.0, 1.0], y = [0.0, 1.0] }

[[parties.interactions]]
label = "both x1 and y1"
when = { x = ["x1"], y = ["y1"] }
utility = -0.3
)";

std::string ids(const Scenario& s, const treatysim::Outcome& o) {
  return s.space().format(o);
}

// A random small scenario with interaction terms: the additive part scaled to [0, 0.5], a constant
// 0.25 (a term accepting every option of issue 0), and up to four random boxes whose positive
// utilities sum to at most 0.25 and negative ones to at least −0.25, so utilities stay in [0, 1].
Scenario random_linked(std::uint64_t seed) {
  treatysim::testing::RandomScenarioShape shape;
  shape.min_issues = 2;
  shape.max_issues = 5;
  shape.max_options = 6;
  treatysim::ScenarioDef def = treatysim::testing::random_scenario(seed, shape).def();
  treatysim::Rng rng(treatysim::derive_seed(seed, "linked terms", 0));
  boost::random::uniform_real_distribution<double> unit(0.0, 1.0);
  for (auto& party : def.parties) {
    for (double& w : party.preferences.weights) w *= 0.5;
    treatysim::InteractionTerm base;
    base.label = "constant";
    treatysim::InteractionCondition all{0, {}};
    for (std::size_t o = 0; o < def.issues[0].options.size(); ++o)
      all.options.push_back(static_cast<int>(o));
    base.when.push_back(all);
    base.utility = 0.25;
    party.preferences.interactions.push_back(base);
    boost::random::uniform_int_distribution<int> count(1, 4);
    const int terms = count(rng);
    for (int k = 0; k < terms; ++k) {
      treatysim::InteractionTerm term;
      term.label = "term " + std::to_string(k);
      for (std::size_t i = 0; i < def.issues.size(); ++i) {
        if (unit(rng) < 0.4) continue;  // issue free
        treatysim::InteractionCondition c{i, {}};
        for (std::size_t o = 0; o < def.issues[i].options.size(); ++o) {
          if (unit(rng) < 0.5) c.options.push_back(static_cast<int>(o));
        }
        if (c.options.empty()) c.options.push_back(0);
        term.when.push_back(c);
      }
      if (term.when.empty()) term.when.push_back({def.issues.size() - 1, {1}});
      // Some negative; |utility| ≤ 0.25 / 4 each. Rounded to 1/64 so that ties occur.
      term.utility = std::round((unit(rng) - 0.4) * 0.125 * 64.0) / 64.0;
      party.preferences.interactions.push_back(term);
    }
  }
  return Scenario::create(def);
}

}  // namespace

TEST_CASE("linkage: the 2-issue example computed by hand (utilities, frontier, Nash)") {
  const Scenario s = treatysim::parse_scenario(kTwoIssues, "linkage-2x2.toml");
  const auto& space = s.space();
  auto u = [&](const char* text) {
    std::string error;
    const auto o = space.parse(text, &error);
    REQUIRE_MESSAGE(o.has_value(), error);
    return std::array<double, 2>{s.utility(0)(*o), s.utility(1)(*o)};
  };
  // A: 0.4·[x0] + 0.4·[y0] + 0.2·[x1 ∧ y1];  B: 0.5·[x1] + 0.5·[y1] − 0.3·[x1 ∧ y1].
  CHECK(u("x0/y0")[0] == doctest::Approx(0.8));
  CHECK(u("x0/y0")[1] == doctest::Approx(0.0));
  CHECK(u("x0/y1")[0] == doctest::Approx(0.4));
  CHECK(u("x0/y1")[1] == doctest::Approx(0.5));
  CHECK(u("x1/y0")[0] == doctest::Approx(0.4));
  CHECK(u("x1/y0")[1] == doctest::Approx(0.5));
  CHECK(u("x1/y1")[0] == doctest::Approx(0.2));
  CHECK(u("x1/y1")[1] == doctest::Approx(0.7));  // additive alone would give B 1.0
  CHECK(s.utility(0).max_utility() == doctest::Approx(0.8));
  CHECK(s.utility(1).max_utility() == doctest::Approx(0.7));
  CHECK(s.utility(0).min_utility() == doctest::Approx(0.2));
  CHECK(s.utility(1).min_utility() == doctest::Approx(0.0));

  // Frontier: (0.8, 0), (0.4, 0.5) twice, (0.2, 0.7); nothing dominated.
  const auto brute = treatysim::pareto_frontier(s);
  CHECK(brute.size() == 4);
  const auto exact = treatysim::interaction_pareto_frontier(s);
  CHECK(exact.exact);
  REQUIRE(exact.points.size() == 3);  // one outcome per utility pair
  CHECK(exact.points[0].utilities[0] == doctest::Approx(0.8));
  CHECK(exact.points[1].utilities[0] == doctest::Approx(0.4));
  CHECK(exact.points[1].utilities[1] == doctest::Approx(0.5));
  CHECK(exact.points[2].utilities[1] == doctest::Approx(0.7));
  // Nash (d = 0): products 0, 0.2, 0.14: the pair (0.4, 0.5).
  const auto nash = treatysim::bargaining_solution(exact.points, {0.0, 0.0},
                                                   treatysim::BargainingSolution::kNash);
  REQUIRE(nash.has_value());
  CHECK(nash->utilities[0] == doctest::Approx(0.4));
  CHECK(nash->utilities[1] == doctest::Approx(0.5));
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(s);
  REQUIRE(analysis.nash.has_value());
  CHECK(analysis.nash->utilities[0] == doctest::Approx(0.4));
  CHECK(analysis.nash->utilities[1] == doctest::Approx(0.5));
  CHECK(analysis.frontier.method == "enumeration");
  // The terms an outcome triggers.
  std::string error;
  const auto both = space.parse("x1/y1", &error);
  REQUIRE(both.has_value());
  CHECK(treatysim::triggered_terms(s.party(0).preferences.interactions, *both) ==
        std::vector<std::size_t>{0});
  CHECK(ids(s, exact.points[0].outcome) == "x0/y0");
}

TEST_CASE("linkage: the branch and bound equals brute force on 300 random non-linear scenarios") {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    const Scenario s = random_linked(seed);
    REQUIRE(s.space().size() <= 1e4);
    const std::vector<OutcomePoint> all = treatysim::enumerate_outcomes(s);
    const std::vector<OutcomePoint> brute = treatysim::pareto_frontier(all);
    const auto exact = treatysim::interaction_pareto_frontier(s);
    REQUIRE(exact.exact);
    // The same utility pairs (brute force lists equal pairs repeatedly; the exact method once,
    // with the lowest-index outcome).
    std::vector<OutcomePoint> distinct;
    for (const OutcomePoint& p : brute) {
      const bool seen = std::any_of(distinct.begin(), distinct.end(), [&](const OutcomePoint& q) {
        return std::fabs(q.utilities[0] - p.utilities[0]) <= 1e-9 &&
               std::fabs(q.utilities[1] - p.utilities[1]) <= 1e-9;
      });
      if (!seen) distinct.push_back(p);
    }
    REQUIRE(exact.points.size() == distinct.size());
    for (std::size_t k = 0; k < distinct.size(); ++k) {
      CHECK(exact.points[k].utilities[0] ==
            doctest::Approx(distinct[k].utilities[0]).epsilon(1e-9));
      CHECK(exact.points[k].utilities[1] ==
            doctest::Approx(distinct[k].utilities[1]).epsilon(1e-9));
      // Its outcome has that pair, and no lower-index outcome has it.
      const OutcomePoint& p = exact.points[k];
      CHECK(s.utility(0)(p.outcome) == doctest::Approx(p.utilities[0]));
      CHECK(s.utility(1)(p.outcome) == doctest::Approx(p.utilities[1]));
      for (const OutcomePoint& q : all) {
        if (q.index >= p.index) break;
        CHECK_FALSE((std::fabs(q.utilities[0] - p.utilities[0]) <= 1e-12 &&
                     std::fabs(q.utilities[1] - p.utilities[1]) <= 1e-12));
      }
    }
    // The four solutions over the frontier have the values brute force finds over every outcome.
    const auto d = treatysim::disagreement_point(s);
    for (const auto solution :
         {treatysim::BargainingSolution::kNash, treatysim::BargainingSolution::kKalaiSmorodinsky,
          treatysim::BargainingSolution::kEgalitarian,
          treatysim::BargainingSolution::kUtilitarian}) {
      const auto over_all = treatysim::bargaining_solution(all, d, solution);
      const auto over_frontier = treatysim::bargaining_solution(exact.points, d, solution);
      REQUIRE(over_all.has_value() == over_frontier.has_value());
      if (!over_all) continue;
      CHECK(over_frontier->utilities[0] == doctest::Approx(over_all->utilities[0]));
      CHECK(over_frontier->utilities[1] == doctest::Approx(over_all->utilities[1]));
    }
    // Exact extremes.
    double lo0 = 2.0;
    double hi0 = -2.0;
    for (const OutcomePoint& q : all) {
      lo0 = std::min(lo0, q.utilities[0]);
      hi0 = std::max(hi0, q.utilities[0]);
    }
    CHECK(s.utility(0).min_utility() == doctest::Approx(lo0));
    CHECK(s.utility(0).max_utility() == doctest::Approx(hi0));
    ++checked;
  }
  CHECK(checked == 300);
}

TEST_CASE("linkage: the 10-issue ANAC 2014 domain: the frontier equals its pareto.xml") {
  const std::string dir = std::string(TREATYSIM_SOURCE_DIR) + "/configs/anac2014/10issues";
  const Scenario s = Scenario::create(treatysim::import_genius(
      dir + "/10issues-domain.xml", dir + "/profile-1.xml", dir + "/profile-2.xml"));
  CHECK(s.space().size() == doctest::Approx(1e10));
  const auto exact = treatysim::interaction_pareto_frontier(s);
  REQUIRE(exact.exact);
  // pareto.xml: one "u1, u2" pair per line between the tags.
  std::ifstream in(dir + "/pareto.xml");
  REQUIRE(in);
  std::vector<std::array<double, 2>> published;
  std::string line;
  while (std::getline(in, line)) {
    double a = 0.0;
    double b = 0.0;
    char comma = 0;
    std::istringstream row(line);
    if (row >> a >> comma >> b && comma == ',') published.push_back({a, b});
  }
  REQUIRE(published.size() >= 5);
  REQUIRE(exact.points.size() == published.size());
  std::sort(published.begin(), published.end(),
            [](const auto& x, const auto& y) { return x[0] > y[0]; });
  for (std::size_t k = 0; k < published.size(); ++k) {
    CAPTURE(k);
    CHECK(exact.points[k].utilities[0] == doctest::Approx(published[k][0]).epsilon(1e-6));
    CHECK(exact.points[k].utilities[1] == doctest::Approx(published[k][1]).epsilon(1e-6));
  }
  // Each party's maximum is the frontier's end point (1 after GENIUS's division by the maximum).
  CHECK(s.utility(0).max_utility() == doctest::Approx(exact.points.front().utilities[0]));
  CHECK(s.utility(1).max_utility() == doctest::Approx(exact.points.back().utilities[1]));
}
