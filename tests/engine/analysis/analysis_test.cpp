// The analysis of a scenario (engine/analysis/analysis.hpp): outcome count, frontier, bargaining
// solutions, ZOPA, SPE summary and win-set restriction, checked against brute force written here
// and against hand-computed numbers; the metrics of one outcome and of one negotiation; and a
// space too large to enumerate, analysed from its frontier alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/analysis/additive_frontier.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/bargaining.hpp"
#include "engine/analysis/equilibrium.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/event.hpp"

using treatysim::OutcomePoint;
using treatysim::Scenario;
using treatysim::ScenarioAnalysis;
using treatysim::WinSet;

namespace {

using Utilities = std::array<double, treatysim::kPartyCount>;

constexpr double kTol =
    1e-9;  // the documented tolerance, spelled out independently of tolerance.hpp

Scenario sta() {
  return treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
}

treatysim::Outcome parse(const Scenario& scenario, const std::string& text) {
  std::string error;
  const std::optional<treatysim::Outcome> outcome = scenario.space().parse(text, &error);
  INFO(error);
  REQUIRE(outcome.has_value());
  return *outcome;
}

bool rational(const Utilities& u, const Utilities& d) {
  return u[0] >= d[0] - kTol && u[1] >= d[1] - kTol;
}

// Brute-force Nash over `points` (restricted to a win-set): the largest (u₀−d₀)(u₁−d₁) over the
// individually rational points; ties within 1e-9 to the lowest index.
std::optional<OutcomePoint> brute_nash(const std::vector<OutcomePoint>& points, const Utilities& d,
                                       const WinSet& win = {}) {
  double best = -std::numeric_limits<double>::infinity();
  for (const OutcomePoint& p : points) {
    if (rational(p.utilities, d) && win.contains(p.utilities))
      best = std::max(best, (p.utilities[0] - d[0]) * (p.utilities[1] - d[1]));
  }
  for (const OutcomePoint& p : points) {  // points are in index order
    if (rational(p.utilities, d) && win.contains(p.utilities) &&
        (p.utilities[0] - d[0]) * (p.utilities[1] - d[1]) >= best - kTol) {
      return p;
    }
  }
  return std::nullopt;
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
                               std::vector<std::vector<double>> values, double reservation,
                               double discount) {
  treatysim::PartyDef party;
  party.id = id;
  party.name = id;
  party.agent = "linear";
  party.preferences.shapes.assign(weights.size(), treatysim::ValueShape::kTable);
  party.preferences.weights = std::move(weights);
  party.preferences.values = std::move(values);
  party.preferences.reservation_value = reservation;
  party.preferences.discount = discount;
  return party;
}

// The 3 x 3 scenario of pareto_test, with reservations 0.3 / 0.2 and discounts 0.9 / 0.8.
//   party 0: 0.75·A[1, 0.5, 0] + 0.25·B[1, 0, 0]      party 1: 0.25·A[0, 0.5, 1] + 0.75·B[0, 1, 1]
//   index  outcome  u0     u1
//     0    A0/B0    1      0        frontier
//     1    A0/B1    0.75   0.75     frontier
//     2    A0/B2    0.75   0.75     frontier
//     3    A1/B0    0.625  0.125    dominated
//     4    A1/B1    0.375  0.875    frontier
//     5    A1/B2    0.375  0.875    frontier
//     6    A2/B0    0.25   0.25     dominated
//     7    A2/B1    0      1        frontier
//     8    A2/B2    0      1        frontier
Scenario tiny() {
  treatysim::ScenarioDef def;
  def.id = "tiny";
  def.title = "tiny";
  def.protocol.deadline = 6;
  def.issues = {make_issue("A", 3), make_issue("B", 3)};
  def.parties[0] = make_party("p0", {0.75, 0.25}, {{1.0, 0.5, 0.0}, {1.0, 0.0, 0.0}}, 0.3, 0.9);
  def.parties[1] = make_party("p1", {0.25, 0.75}, {{0.0, 0.5, 1.0}, {0.0, 1.0, 1.0}}, 0.2, 0.8);
  return Scenario::create(std::move(def));
}

std::set<std::uint64_t> indices(const std::vector<OutcomePoint>& points) {
  std::set<std::uint64_t> result;
  for (const OutcomePoint& p : points) result.insert(p.index);
  return result;
}

}  // namespace

TEST_CASE("analysis: sta-2024 - outcomes, frontier, disagreement and the four solutions") {
  const Scenario scenario = sta();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  CHECK(a.outcome_count == 1024.0);
  CHECK(a.enumerated);
  CHECK(a.frontier.exact);
  const std::vector<OutcomePoint> frontier = treatysim::pareto_frontier(scenario);
  REQUIRE(a.frontier.points.size() == frontier.size());
  for (std::size_t k = 0; k < frontier.size(); ++k)
    CHECK(a.frontier.points[k].index == frontier[k].index);
  CHECK(a.disagreement == Utilities{0.40, 0.20});

  // Nash: the 2024 package, S0/IP1/D1/G1/T2, worth 0.3 + 0.25·0.8 + 0.2·0.8 + 0.15·0.8 + 0.1·1 = 0.88
  // to the U.S. and 0.3·0.3 + 0.1·0.8 + 0.2·0.5 + 0.15·0.6 + 0.25·0.8 = 0.56 to China.
  REQUIRE(a.nash.has_value());
  CHECK(scenario.space().format(a.nash->outcome) == "S0/IP1/D1/G1/T2");
  CHECK(a.nash->utilities[0] == doctest::Approx(0.88).epsilon(1e-12));
  CHECK(a.nash->utilities[1] == doctest::Approx(0.56).epsilon(1e-12));
  const std::vector<OutcomePoint> all = treatysim::enumerate_outcomes(scenario);
  const std::optional<OutcomePoint> nash = brute_nash(all, a.disagreement);
  REQUIRE(nash.has_value());
  CHECK(nash->index == a.nash->index);

  // The other three: what bargaining_solution() says over every outcome, and on the frontier.
  const std::set<std::uint64_t> on_frontier = indices(frontier);
  using treatysim::BargainingSolution;
  const std::array<std::pair<const std::optional<OutcomePoint>*, BargainingSolution>, 4> solutions{{
      {&a.nash, BargainingSolution::kNash},
      {&a.kalai_smorodinsky, BargainingSolution::kKalaiSmorodinsky},
      {&a.egalitarian, BargainingSolution::kEgalitarian},
      {&a.utilitarian, BargainingSolution::kUtilitarian},
  }};
  for (const auto& [got, kind] : solutions) {
    CAPTURE(static_cast<int>(kind));
    REQUIRE(got->has_value());
    const std::optional<OutcomePoint> expected =
        treatysim::bargaining_solution(all, a.disagreement, kind);
    REQUIRE(expected.has_value());
    CHECK((*got)->index == expected->index);
    CHECK((*got)->outcome == expected->outcome);
    CHECK((*got)->utilities == expected->utilities);
    CHECK(on_frontier.count((*got)->index) == 1);
  }
  // Utilitarian, by hand: the largest u₀ + u₁ over everything.
  double best_sum = 0.0;
  for (const OutcomePoint& p : all) best_sum = std::max(best_sum, p.utilities[0] + p.utilities[1]);
  CHECK(a.utilitarian->utilities[0] + a.utilitarian->utilities[1] ==
        doctest::Approx(best_sum).epsilon(1e-12));
}

TEST_CASE(
    "analysis: sta-2024 - the ZOPA is the brute-force count of individually rational outcomes") {
  const Scenario scenario = sta();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  std::uint64_t count = 0;
  Utilities lo{1e9, 1e9};
  Utilities hi{-1e9, -1e9};
  for (const OutcomePoint& p : treatysim::enumerate_outcomes(scenario)) {
    if (!rational(p.utilities, {0.40, 0.20})) continue;
    ++count;
    for (std::size_t i = 0; i < 2; ++i) {
      lo[i] = std::min(lo[i], p.utilities[i]);
      hi[i] = std::max(hi[i], p.utilities[i]);
    }
  }
  REQUIRE(count > 0);
  CHECK(count < 1024);
  CHECK(a.zopa.counted);
  CHECK_FALSE(a.zopa.empty);
  CHECK(a.zopa.count == count);
  CHECK(a.zopa.min_utility == lo);
  CHECK(a.zopa.max_utility == hi);
  // The ranges start at (or just above) the reservation values and reach each side's best
  // rational outcome.
  CHECK(lo[0] >= 0.40 - kTol);
  CHECK(lo[1] >= 0.20 - kTol);
  CHECK(hi[0] <= 1.0 + kTol);
}

TEST_CASE("analysis: sta-2024 - the SPE summary is SubgamePerfectEquilibrium's") {
  const Scenario scenario = sta();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  REQUIRE(a.equilibrium.has_value());
  const treatysim::EquilibriumSummary& e = *a.equilibrium;
  const treatysim::SubgamePerfectEquilibrium spe(scenario);
  CHECK(e.values == spe.values());
  const treatysim::EquilibriumStep* step = spe.agreement();
  REQUIRE(e.agreement == (step != nullptr));
  REQUIRE(step != nullptr);  // sta-2024 agrees in equilibrium (both sides gain from a deal)
  CHECK(e.offer_index == spe.agreement_offer_index());
  CHECK(e.proposer == step->proposer);
  CHECK(e.offer.outcome == step->offer);
  CHECK(e.offer.index == scenario.space().index_of(step->offer));
  CHECK(e.offer.utilities ==
        Utilities{scenario.utility(0)(step->offer), scenario.utility(1)(step->offer)});
  // No discounting in sta-2024: the payoffs are the offer's utilities.
  CHECK(e.values[0] == doctest::Approx(e.offer.utilities[0]).epsilon(1e-12));
  CHECK(e.values[1] == doctest::Approx(e.offer.utilities[1]).epsilon(1e-12));
}

TEST_CASE("analysis: a win-set for the U.S. (u >= 0.9) moves Nash toward the U.S. - tied hands") {
  const Scenario scenario = sta();
  WinSet win;
  win.min_utility[0] = 0.9;
  const ScenarioAnalysis free = treatysim::analyze_scenario(scenario);
  const ScenarioAnalysis tied = treatysim::analyze_scenario(scenario, win);
  CHECK(tied.win_set.min_utility == win.min_utility);
  REQUIRE(tied.nash.has_value());
  CHECK(tied.win_set.contains(tied.nash->utilities));
  CHECK(tied.nash->utilities[0] >= 0.9 - kTol);
  CHECK(tied.nash->utilities[0] > free.nash->utilities[0]);
  CHECK(tied.nash->utilities[1] < free.nash->utilities[1]);
  // It is the Nash solution of the win-set: brute force over the outcomes inside it.
  const std::optional<OutcomePoint> expected =
      brute_nash(treatysim::enumerate_outcomes(scenario), tied.disagreement, win);
  REQUIRE(expected.has_value());
  CHECK(tied.nash->index == expected->index);
  // Every solution lies in the win-set; the ZOPA shrinks to the rational outcomes inside it.
  for (const auto* s : {&tied.kalai_smorodinsky, &tied.egalitarian, &tied.utilitarian}) {
    REQUIRE(s->has_value());
    CHECK(win.contains((*s)->utilities));
  }
  std::uint64_t count = 0;
  for (const OutcomePoint& p : treatysim::enumerate_outcomes(scenario)) {
    if (rational(p.utilities, tied.disagreement) && p.utilities[0] >= 0.9 - kTol) ++count;
  }
  CHECK(tied.zopa.count == count);
  CHECK(tied.zopa.count < free.zopa.count);
  CHECK(tied.zopa.min_utility[0] >= 0.9 - kTol);
  // The frontier is the space's, not the win-set's.
  CHECK(tied.frontier.points.size() == free.frontier.points.size());
}

TEST_CASE(
    "analysis: split-the-pie - a win-set u_us >= 0.6 moves Nash from (0.5, 0.5) to (0.6, 0.4)") {
  // THEORY.md "Two-level games": the tied-hands example.
  const Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/split-the-pie.toml");
  const ScenarioAnalysis free = treatysim::analyze_scenario(scenario);
  REQUIRE(free.nash.has_value());
  CHECK(free.nash->utilities[0] == doctest::Approx(0.5));
  CHECK(free.nash->utilities[1] == doctest::Approx(0.5));
  WinSet win;
  win.min_utility[0] = 0.6;
  const ScenarioAnalysis tied = treatysim::analyze_scenario(scenario, win);
  REQUIRE(tied.nash.has_value());
  CHECK(tied.nash->utilities[0] == doctest::Approx(0.6));
  CHECK(tied.nash->utilities[1] == doctest::Approx(0.4));
}

TEST_CASE("analysis: WinSet::contains - unconstrained by default, thresholds within 1e-9") {
  const WinSet open;
  CHECK(open.contains({0.0, 0.0}));
  CHECK(open.contains({-5.0, 1.0}));
  WinSet win;
  win.min_utility = {0.6, 0.3};
  CHECK(win.contains({0.6, 0.3}));
  CHECK(win.contains({0.6 - 0.5e-9, 0.3}));
  CHECK_FALSE(win.contains({0.6 - 2e-9, 0.9}));
  CHECK_FALSE(win.contains({0.9, 0.29}));
}

TEST_CASE("analysis: outcome metrics of the 2024 package (the Nash outcome)") {
  const Scenario scenario = sta();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  const treatysim::OutcomeMetrics m =
      treatysim::outcome_metrics(scenario, a, parse(scenario, "S0/IP1/D1/G1/T2"), 5);
  CHECK(m.utilities[0] == doctest::Approx(0.88).epsilon(1e-12));
  CHECK(m.utilities[1] == doctest::Approx(0.56).epsilon(1e-12));
  CHECK(m.social_welfare == doctest::Approx(1.44).epsilon(1e-12));
  CHECK(m.nash_product == doctest::Approx((0.88 - 0.4) * (0.56 - 0.2)).epsilon(1e-12));
  CHECK(m.nash_product == doctest::Approx(0.1728).epsilon(1e-12));
  CHECK(m.individually_rational);
  CHECK(m.pareto_optimal);
  CHECK(m.distance_to_pareto == 0.0);
  REQUIRE(m.distance_to_nash.has_value());
  CHECK(*m.distance_to_nash == 0.0);
  REQUIRE(m.distance_to_kalai_smorodinsky.has_value());
  CHECK(*m.distance_to_kalai_smorodinsky ==
        doctest::Approx(std::hypot(a.kalai_smorodinsky->utilities[0] - 0.88,
                                   a.kalai_smorodinsky->utilities[1] - 0.56)));
  // Discount 1 for both in sta-2024: discounted = undiscounted at any offer index.
  CHECK(m.discounted_utilities == m.utilities);
}

TEST_CASE(
    "analysis: outcome metrics - zero distance on the frontier, the brute-force distance off it") {
  const Scenario scenario = sta();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  const std::set<std::uint64_t> on_frontier = indices(a.frontier.points);
  int dominated = 0;
  for (const OutcomePoint& p : treatysim::enumerate_outcomes(scenario)) {
    CAPTURE(p.index);
    const treatysim::OutcomeMetrics m = treatysim::outcome_metrics(scenario, a, p.outcome);
    CHECK(m.pareto_optimal == (on_frontier.count(p.index) == 1));
    CHECK(m.individually_rational == rational(p.utilities, a.disagreement));
    if (m.pareto_optimal) {
      CHECK(m.distance_to_pareto == 0.0);
      continue;
    }
    ++dominated;
    double nearest = 1e9;
    for (const OutcomePoint& f : a.frontier.points) {
      nearest = std::min(
          nearest, std::hypot(f.utilities[0] - p.utilities[0], f.utilities[1] - p.utilities[1]));
    }
    CHECK(m.distance_to_pareto > 0.0);
    CHECK(m.distance_to_pareto == doctest::Approx(nearest).epsilon(1e-12));
  }
  CHECK(dominated > 500);
  // One by hand: S0/IP0/D0/G0/T0 is worth 0.9 + 0.1·0.6 = 0.96 to the U.S. and
  // 0.3·0.3 + 0.1·0.4 + 0.25·0.1 = 0.155 to China (below its 0.2: not individually rational, Nash
  // product 0); S0/IP0/D0/G0/T1 = (0.9 + 0.1·0.9, 0.13 + 0.25·0.4) = (0.99, 0.23) dominates it.
  // That one is itself dominated by the U.S.'s best outcome S0/IP0/D0/G0/T2 = (1, 0.13 + 0.25·0.8)
  // = (1, 0.33), the frontier's first point and the nearest to (0.96, 0.155): distance
  // hypot(0.04, 0.175) ≈ 0.1795 (the brute force above agrees).
  const treatysim::OutcomeMetrics m =
      treatysim::outcome_metrics(scenario, a, parse(scenario, "S0/IP0/D0/G0/T0"));
  CHECK(m.utilities[0] == doctest::Approx(0.96).epsilon(1e-12));
  CHECK(m.utilities[1] == doctest::Approx(0.155).epsilon(1e-12));
  CHECK(m.social_welfare == doctest::Approx(1.115).epsilon(1e-12));
  CHECK_FALSE(m.individually_rational);
  CHECK(m.nash_product == 0.0);
  CHECK_FALSE(m.pareto_optimal);
  CHECK(m.distance_to_pareto == doctest::Approx(std::hypot(0.04, 0.175)).epsilon(1e-12));
  const treatysim::OutcomeMetrics better =
      treatysim::outcome_metrics(scenario, a, parse(scenario, "S0/IP0/D0/G0/T1"));
  CHECK(better.utilities[0] == doctest::Approx(0.99).epsilon(1e-12));
  CHECK(better.utilities[1] == doctest::Approx(0.23).epsilon(1e-12));
  CHECK_FALSE(better.pareto_optimal);
  CHECK(better.distance_to_pareto == doctest::Approx(std::hypot(0.01, 0.1)).epsilon(1e-12));
  CHECK(scenario.space().format(a.frontier.points.front().outcome) == "S0/IP0/D0/G0/T2");
  CHECK(a.frontier.points.front().utilities[1] == doctest::Approx(0.33).epsilon(1e-12));
}

TEST_CASE("analysis: outcome metrics on a hand-checked 3 x 3 scenario") {
  const Scenario scenario = tiny();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  // Frontier: (1, 0), (0.75, 0.75) twice, (0.375, 0.875) twice, (0, 1) twice.
  REQUIRE(a.frontier.points.size() == 7);
  // A1/B0 = (0.625, 0.125): nearest frontier point (1, 0), at √(0.375² + 0.125²) = √0.15625.
  treatysim::OutcomeMetrics m = treatysim::outcome_metrics(scenario, a, treatysim::Outcome{1, 0});
  CHECK(m.utilities == Utilities{0.625, 0.125});
  CHECK_FALSE(m.pareto_optimal);
  CHECK(m.distance_to_pareto == doctest::Approx(std::sqrt(0.15625)).epsilon(1e-12));
  CHECK_FALSE(m.individually_rational);  // 0.125 < 0.2
  CHECK(m.nash_product == 0.0);
  CHECK(m.social_welfare == doctest::Approx(0.75));
  // A2/B0 = (0.25, 0.25): nearest frontier point (0.375, 0.875), at √(0.125² + 0.625²) = √0.40625
  // ((0.75, 0.75) is at √0.5).
  m = treatysim::outcome_metrics(scenario, a, treatysim::Outcome{2, 0});
  CHECK(m.distance_to_pareto == doctest::Approx(std::sqrt(0.40625)).epsilon(1e-12));
  CHECK_FALSE(m.individually_rational);  // 0.25 < 0.3
  // A0/B1 = (0.75, 0.75): on the frontier, rational, Nash product (0.75 − 0.3)(0.75 − 0.2) = 0.2475.
  // Agreed at offer 3: discounted 0.9³·0.75 = 0.54675 and 0.8³·0.75 = 0.384.
  m = treatysim::outcome_metrics(scenario, a, treatysim::Outcome{0, 1}, 3);
  CHECK(m.pareto_optimal);
  CHECK(m.distance_to_pareto == 0.0);
  CHECK(m.individually_rational);
  CHECK(m.nash_product == doctest::Approx(0.2475).epsilon(1e-12));
  CHECK(m.social_welfare == doctest::Approx(1.5));
  CHECK(m.discounted_utilities[0] == doctest::Approx(0.54675).epsilon(1e-12));
  CHECK(m.discounted_utilities[1] == doctest::Approx(0.384).epsilon(1e-12));
  // Nash of this scenario: products 0.7·(−0.2) (not rational), 0.45·0.55 = 0.2475, 0.075·0.675 =
  // 0.050625: A0/B1 (index 1; A0/B2 ties, higher index). So A0/B1 is at distance 0 from Nash.
  REQUIRE(a.nash.has_value());
  CHECK(a.nash->index == 1);
  REQUIRE(m.distance_to_nash.has_value());
  CHECK(*m.distance_to_nash == 0.0);
  // Offer index 0: no discount.
  m = treatysim::outcome_metrics(scenario, a, treatysim::Outcome{0, 1});
  CHECK(m.discounted_utilities == m.utilities);
}

TEST_CASE("analysis: negotiation metrics from a scripted event list") {
  const Scenario scenario = tiny();
  using treatysim::Event;
  using treatysim::EventKind;
  using treatysim::Outcome;
  // p0 opens with A0/B0 (1 to p0), p1 answers A2/B1 (1 to p1), p0 concedes to A0/B1 (0.75),
  // p1 to A1/B1 (0.875), p0 accepts.
  const std::vector<Event> events{
      {EventKind::kOffer, 0, 0, Outcome{0, 0}}, {EventKind::kReject, 0, 1, Outcome{0, 0}},
      {EventKind::kOffer, 1, 1, Outcome{2, 1}}, {EventKind::kReject, 1, 0, Outcome{2, 1}},
      {EventKind::kOffer, 2, 0, Outcome{0, 1}}, {EventKind::kReject, 2, 1, Outcome{0, 1}},
      {EventKind::kOffer, 3, 1, Outcome{1, 1}}, {EventKind::kAccept, 3, 0, Outcome{1, 1}},
  };
  const treatysim::NegotiationMetrics m = treatysim::negotiation_metrics(scenario, events);
  CHECK(m.offers == 4);
  CHECK(m.own_utility_of_own_offers[0] == std::vector<double>{1.0, 0.75});
  CHECK(m.own_utility_of_own_offers[1] == std::vector<double>{1.0, 0.875});
  CHECK(m.concession[0] == doctest::Approx(0.25));
  CHECK(m.concession[1] == doctest::Approx(0.125));

  // One offer each side: no concession; no events: nothing.
  const treatysim::NegotiationMetrics one =
      treatysim::negotiation_metrics(scenario, {{EventKind::kOffer, 0, 0, Outcome{0, 0}},
                                                {EventKind::kReject, 0, 1, Outcome{0, 0}},
                                                {EventKind::kOffer, 1, 1, Outcome{2, 1}},
                                                {EventKind::kWalkAway, 1, 0, Outcome{2, 1}}});
  CHECK(one.offers == 2);
  CHECK(one.concession == Utilities{0.0, 0.0});
  const treatysim::NegotiationMetrics none = treatysim::negotiation_metrics(scenario, {});
  CHECK(none.offers == 0);
  CHECK(none.own_utility_of_own_offers[0].empty());
  CHECK(none.concession == Utilities{0.0, 0.0});
  // A party that raises its demand concedes a negative amount: first minus last.
  const treatysim::NegotiationMetrics back =
      treatysim::negotiation_metrics(scenario, {{EventKind::kOffer, 0, 0, Outcome{0, 1}},
                                                {EventKind::kReject, 0, 1, Outcome{0, 1}},
                                                {EventKind::kOffer, 1, 1, Outcome{1, 1}},
                                                {EventKind::kReject, 1, 0, Outcome{1, 1}},
                                                {EventKind::kOffer, 2, 0, Outcome{0, 0}},
                                                {EventKind::kDeadline, 2, 1, Outcome{0, 0}}});
  CHECK(back.concession[0] == doctest::Approx(-0.25));
}

TEST_CASE(
    "analysis: 14 issues x 6 options (not enumerable) - frontier and solutions, no SPE, ZOPA not "
    "counted") {
  treatysim::Rng rng(treatysim::derive_seed(29, "analysis_test_large", 0));
  auto real = [&rng](double lo, double hi) {
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng);
  };
  treatysim::ScenarioDef def;
  def.id = "large";
  def.title = "large";
  for (int i = 0; i < 14; ++i) def.issues.push_back(make_issue("i" + std::to_string(i), 6));
  for (std::size_t p = 0; p < 2; ++p) {
    std::vector<double> weights;
    std::vector<std::vector<double>> values;
    double total = 0.0;
    for (int i = 0; i < 14; ++i) {
      weights.push_back(real(0.1, 1.0));
      total += weights.back();
      std::vector<double> v;
      for (int o = 0; o < 6; ++o) v.push_back(real(0.0, 1.0));
      values.push_back(std::move(v));
    }
    for (double& w : weights) w /= total;
    def.parties[p] =
        make_party(p == 0 ? "a" : "b", std::move(weights), std::move(values), 0.3, 0.95);
  }
  const Scenario scenario = Scenario::create(std::move(def));
  REQUIRE_FALSE(scenario.space().enumerable());

  const auto start = std::chrono::steady_clock::now();
  const ScenarioAnalysis a = treatysim::analyze_scenario(scenario);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CAPTURE(seconds);
  CHECK(seconds < 1.0);

  CHECK(a.outcome_count == std::pow(6.0, 14));
  CHECK_FALSE(a.enumerated);
  CHECK(a.frontier.exact);
  REQUIRE(a.frontier.points.size() >= 2);
  CHECK_FALSE(a.equilibrium.has_value());
  CHECK_FALSE(a.zopa.counted);
  CHECK(a.zopa.count == 0);
  CHECK_FALSE(a.zopa.empty);
  // The solutions are frontier points, and each is what bargaining_solution() picks on the frontier.
  const std::set<std::uint64_t> on_frontier = indices(a.frontier.points);
  using treatysim::BargainingSolution;
  const std::array<std::pair<const std::optional<OutcomePoint>*, BargainingSolution>, 4> solutions{{
      {&a.nash, BargainingSolution::kNash},
      {&a.kalai_smorodinsky, BargainingSolution::kKalaiSmorodinsky},
      {&a.egalitarian, BargainingSolution::kEgalitarian},
      {&a.utilitarian, BargainingSolution::kUtilitarian},
  }};
  for (const auto& [got, kind] : solutions) {
    CAPTURE(static_cast<int>(kind));
    REQUIRE(got->has_value());
    CHECK(on_frontier.count((*got)->index) == 1);
    CHECK((*got)->utilities[0] == scenario.utility(0)((*got)->outcome));
    const std::optional<OutcomePoint> expected =
        treatysim::bargaining_solution(a.frontier.points, a.disagreement, kind);
    REQUIRE(expected.has_value());
    CHECK((*got)->index == expected->index);
  }
  // No random outcome beats the Nash product, the welfare sum or the egalitarian minimum.
  const auto& d = a.disagreement;
  const double nash = (a.nash->utilities[0] - d[0]) * (a.nash->utilities[1] - d[1]);
  const double welfare = a.utilitarian->utilities[0] + a.utilitarian->utilities[1];
  const double egalitarian =
      std::min(a.egalitarian->utilities[0] - d[0], a.egalitarian->utilities[1] - d[1]);
  for (int s = 0; s < 20000; ++s) {
    treatysim::Outcome outcome(14);
    for (std::size_t i = 0; i < 14; ++i)
      outcome.set(i, boost::random::uniform_int_distribution<int>(0, 5)(rng));
    const Utilities u{scenario.utility(0)(outcome), scenario.utility(1)(outcome)};
    CHECK(u[0] + u[1] <= welfare + kTol);
    if (!rational(u, d)) continue;
    CHECK((u[0] - d[0]) * (u[1] - d[1]) <= nash + kTol);
    CHECK(std::min(u[0] - d[0], u[1] - d[1]) <= egalitarian + kTol);
  }
  // Metrics of an outcome work without enumeration too.
  const treatysim::OutcomeMetrics m = treatysim::outcome_metrics(scenario, a, a.nash->outcome, 2);
  CHECK(m.pareto_optimal);
  CHECK(m.distance_to_nash == std::optional<double>(0.0));
  CHECK(m.discounted_utilities[0] == doctest::Approx(0.95 * 0.95 * m.utilities[0]).epsilon(1e-12));
}
