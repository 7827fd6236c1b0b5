// Human play's model: the offer builder's utilities (hand-computed from sta-2024's weights and
// values), the other side's utility only under complete information, and the end-of-game summary.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/scenario_toml.hpp"
#include "gui/logic/human_play.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::Information;
using treatysim::NegotiationEnd;
using treatysim::NegotiationResult;
using treatysim::Outcome;
using treatysim::Scenario;
using treatysim::gui::OfferBuilder;

namespace {

Scenario sta_2024(Information information = Information::kPrivate) {
  const Scenario loaded = treatysim::load_scenario_file(
      std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
  treatysim::ScenarioDef def = loaded.def();
  def.protocol.information = information;
  return Scenario::create(std::move(def));
}

}  // namespace

TEST_CASE("the offer builder starts at your best outcome and prices every option") {
  const Scenario scenario = sta_2024();
  OfferBuilder builder;
  CHECK_FALSE(builder.ready());
  builder.reset(scenario, 0);
  REQUIRE(builder.ready());
  // The U.S. values S0, IP0, D0, G0 at 1 and T2 at 1: its best outcome, worth 1.
  CHECK(scenario.space().format(builder.offer()) == "S0/IP0/D0/G0/T2");
  CHECK(builder.own_utility(scenario) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK_FALSE(builder.other_utility(scenario).has_value());  // private information

  // The term selector: 0.9 from the other clauses + 0.10 × (0.6, 0.9, 1.0, 0.2).
  const auto worths = builder.option_worths(scenario, 4);
  REQUIRE(worths.size() == 4);
  const double expected[] = {0.96, 0.99, 1.0, 0.92};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(worths[k].option == static_cast<int>(k));
    CHECK(worths[k].own_utility == doctest::Approx(expected[k]).epsilon(1e-12));
    CHECK_FALSE(worths[k].other_utility.has_value());
  }

  // Choosing S1 (0.7 on scope, weight 0.30) costs the U.S. 0.09.
  builder.choose(0, 1);
  CHECK(builder.own_utility(scenario) == doctest::Approx(0.91).epsilon(1e-12));
  builder.choose(9, 0);  // out of range: ignored
  CHECK(scenario.space().format(builder.offer()) == "S1/IP0/D0/G0/T2");
}

TEST_CASE("under complete information the builder also shows the agent's utility") {
  const Scenario scenario = sta_2024(Information::kComplete);
  OfferBuilder builder;
  builder.reset(scenario, 1);  // the person plays China
  CHECK(scenario.space().format(builder.offer()) == "S3/IP3/D3/G3/T3");
  CHECK(builder.own_utility(scenario) == doctest::Approx(1.0).epsilon(1e-12));
  // The U.S. values S3/IP3/D3/G3/T3 at 0 + 0 + 0 + 0 + 0.10 × 0.2 = 0.02.
  REQUIRE(builder.other_utility(scenario).has_value());
  CHECK(*builder.other_utility(scenario) == doctest::Approx(0.02).epsilon(1e-12));

  // A point picked in the outcome space becomes the offer.
  CHECK(builder.set_offer(scenario, Outcome{0, 0, 0, 0, 2}));
  // China: 0.30·0.3 + 0.10·0.4 + 0.20·0 + 0.15·0 + 0.25·0.8 = 0.33; the U.S.: 1.
  CHECK(builder.own_utility(scenario) == doctest::Approx(0.33).epsilon(1e-12));
  CHECK(*builder.other_utility(scenario) == doctest::Approx(1.0).epsilon(1e-12));
  const auto worths = builder.option_worths(scenario, 0);
  REQUIRE(worths[3].other_utility.has_value());
  // Scope S3 instead of S0: China +0.30 × 0.7, the U.S. −0.30.
  CHECK(worths[3].own_utility == doctest::Approx(0.54).epsilon(1e-12));
  CHECK(*worths[3].other_utility == doctest::Approx(0.70).epsilon(1e-12));
  // Not an outcome of the space: refused, offer unchanged.
  CHECK_FALSE(builder.set_offer(scenario, Outcome{0, 0, 9, 0, 0}));
  CHECK_FALSE(builder.set_offer(scenario, Outcome{0, 0}));
  CHECK(builder.offer() == Outcome{0, 0, 0, 0, 2});
}

TEST_CASE("the game summary compares your deal with the Nash solution and the agent's best") {
  const Scenario scenario = sta_2024();
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  const Outcome mine{0, 0, 0, 0, 2};
  const Outcome hard{3, 3, 3, 3, 3};  // worth 0.02 to the U.S.
  const Outcome deal{1, 1, 1, 1, 2};  // worth 0.79 to the U.S., 0.62 to China
  const std::vector<Event> events{
      {EventKind::kOffer, 0, 0, mine}, {EventKind::kReject, 0, 1, mine},
      {EventKind::kOffer, 1, 1, hard}, {EventKind::kReject, 1, 0, hard},
      {EventKind::kOffer, 2, 0, mine}, {EventKind::kReject, 2, 1, mine},
      {EventKind::kOffer, 3, 1, deal}, {EventKind::kAccept, 3, 0, deal},
  };
  NegotiationResult result;
  result.end = NegotiationEnd::kAgreement;
  result.offers = 4;
  result.agreement = deal;
  result.agreement_offer_index = 3;
  result.utilities = {scenario.utility(0)(deal), scenario.utility(1)(deal)};
  result.discounted_utilities = result.utilities;
  result.reservation_values = analysis.disagreement;

  const auto summary = treatysim::gui::summarize_game(scenario, analysis, 0, result, events);
  CHECK(summary.agreement);
  CHECK(summary.deal_utilities[0] == doctest::Approx(0.79).epsilon(1e-12));
  CHECK(summary.deal_utilities[1] == doctest::Approx(0.62).epsilon(1e-12));
  REQUIRE(summary.nash.has_value());
  CHECK(summary.nash->outcome == analysis.nash->outcome);
  CHECK(scenario.space().format(summary.agent_ideal.outcome) == "S3/IP3/D3/G3/T3");
  CHECK(summary.agent_ideal.utilities[1] == doctest::Approx(1.0).epsilon(1e-12));
  REQUIRE(summary.agent_best_offer.has_value());
  CHECK(summary.agent_best_offer->outcome == deal);
  REQUIRE(summary.metrics.has_value());
  CHECK(summary.metrics->utilities == result.utilities);

  const auto lines = treatysim::gui::summary_lines(scenario, summary);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] ==
        "Agreement on S1/IP1/D1/G1/T2 after 4 offers: worth 0.79 to you, 0.62 to China.");
  CHECK(lines[2] == "China's best outcome S3/IP3/D3/G3/T3: 0.02 to you, 1.00 to China.");
  CHECK(lines[3] == "The best offer China made you, S1/IP1/D1/G1/T2: 0.79 to you, 0.62 to China.");
}

TEST_CASE("without agreement the summary gives the reservation values") {
  const Scenario scenario = sta_2024();
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  const Outcome mine{0, 0, 0, 0, 2};
  const std::vector<Event> events{{EventKind::kOffer, 0, 1, mine},
                                  {EventKind::kWalkAway, 0, 0, mine}};
  NegotiationResult result;
  result.end = NegotiationEnd::kWalkAway;
  result.offers = 1;
  result.utilities = {0.40, 0.20};
  result.reservation_values = {0.40, 0.20};
  const auto summary = treatysim::gui::summarize_game(scenario, analysis, 0, result, events);
  CHECK_FALSE(summary.agreement);
  CHECK_FALSE(summary.metrics.has_value());
  const auto lines = treatysim::gui::summary_lines(scenario, summary);
  CHECK(lines[0] ==
        "No agreement after 1 offer: each side gets its reservation value (0.40 to you, 0.20 to "
        "China).");

  // From China's side: the U.S. ideal is S0/IP0/D0/G0/T2 (1 to it, 0.33 to China).
  const auto theirs = treatysim::gui::summarize_game(scenario, analysis, 1, result, events);
  const auto china_lines = treatysim::gui::summary_lines(scenario, theirs);
  CHECK(china_lines[2] ==
        "United States' best outcome S0/IP0/D0/G0/T2: 0.33 to you, 1.00 to United States.");
}

TEST_CASE("with drawn reservation values the summary uses the negotiation's: its Nash solution") {
  // three-clauses-uncertain: the U.S. draws 0.25 or 0.85, China 0.1, 0.25 or 0.6.
  const Scenario scenario = treatysim::load_scenario_file(
      std::string(TREATYSIM_SOURCE_DIR) + "/configs/three-clauses-uncertain.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  const Outcome mine{0, 0, 0};
  const std::vector<Event> events{{EventKind::kOffer, 0, 0, mine},
                                  {EventKind::kWalkAway, 0, 1, mine}};
  NegotiationResult result;
  result.end = NegotiationEnd::kWalkAway;
  result.offers = 1;
  // A hawk (0.85) meets China at 0.6: no outcome gives both that much, so no Nash solution.
  result.reservation_values = {0.85, 0.6};
  result.utilities = result.reservation_values;
  const auto hawk = treatysim::gui::summarize_game(scenario, analysis, 0, result, events);
  CHECK_FALSE(hawk.nash.has_value());
  const auto lines = treatysim::gui::summary_lines(scenario, hawk);
  CHECK(lines[0] ==
        "No agreement after 1 offer: each side gets its reservation value (0.85 to you, 0.60 to "
        "China).");
  CHECK(lines[1] == "No Nash solution: no outcome is worth its reservation value to both sides.");

  // Doves (0.25 and 0.1): the Nash solution maximises (u₀ − 0.25)(u₁ − 0.1) over all 100
  // outcomes (brute force here), not the product at the mean values 0.4 and 0.317.
  result.reservation_values = {0.25, 0.1};
  result.utilities = result.reservation_values;
  const auto dove = treatysim::gui::summarize_game(scenario, analysis, 0, result, events);
  double best = -1.0;
  std::array<double, 2> nash{};
  for (const treatysim::OutcomePoint& point : treatysim::enumerate_outcomes(scenario)) {
    const double product = (point.utilities[0] - 0.25) * (point.utilities[1] - 0.1);
    if (point.utilities[0] >= 0.25 && point.utilities[1] >= 0.1 && product > best + 1e-9) {
      best = product;
      nash = point.utilities;
    }
  }
  REQUIRE(dove.nash.has_value());
  CHECK(dove.nash->utilities[0] == doctest::Approx(nash[0]).epsilon(1e-12));
  CHECK(dove.nash->utilities[1] == doctest::Approx(nash[1]).epsilon(1e-12));
  CHECK(dove.reservation == result.reservation_values);
}
