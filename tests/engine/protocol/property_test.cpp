// Properties of the protocol that must hold for every scenario and every built-in strategy pair:
// random scenarios (tests/support/random_scenario.hpp) × specs from the registry.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::NegotiationEnd;
using treatysim::PartyIndex;
using treatysim::Scenario;

namespace {

constexpr std::uint64_t kScenarios = 300;

// Every spec here is a built-in strategy that never accepts below its reservation value.
const char* const kSpecs[] = {
    "time_dependent(e=0.1)",
    "time_dependent(e=1, k=0.2)",
    "time_dependent(e=5)",
    "time_dependent_exp(e=0.5)",
    "time_dependent_exp(e=3, k=0.5)",
    "boulware",
    "conceder",
    "linear",
    "hardliner",
    "random",
    "random(accept=0.6, walk_away=0.05)",
    "random(accept=1, walk_away=0.2)",
};
constexpr std::size_t kSpecCount = sizeof kSpecs / sizeof kSpecs[0];

bool is_time_dependent(const std::string& spec) {
  return spec.rfind("random", 0) != 0;
}

// Checks every property of one traced run.
void check_run(const treatysim::Trace& trace, const std::array<std::string, 2>& specs) {
  const Scenario& scenario = trace.scenario;
  const auto& result = trace.result;
  const auto& events = trace.events;
  const int deadline = scenario.protocol().deadline;

  // The run ends, by the deadline at the latest.
  REQUIRE(result.end != NegotiationEnd::kRunning);
  REQUIRE_FALSE(events.empty());
  CHECK(result.offers >= 1);
  CHECK(result.offers <= deadline);

  // Well-formed stream: offer r, its answer, and after a reject the counter-offer r + 1 by the
  // responder; offers alternate starting with the first mover.
  int offers = 0;
  std::array<std::vector<double>, 2> own_offer_utilities;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const Event& e = events[k];
    CAPTURE(k);
    if (e.kind == EventKind::kOffer) {
      CHECK(e.offer_index == offers);
      const PartyIndex proposer =
          (scenario.protocol().first_mover + static_cast<std::size_t>(offers)) % 2;
      CHECK(e.party == proposer);
      CHECK(scenario.space().contains(e.outcome));
      own_offer_utilities[e.party].push_back(scenario.utility(e.party)(e.outcome));
      ++offers;
      REQUIRE(k + 1 < events.size());  // every offer is answered
      const Event& answer = events[k + 1];
      CHECK(answer.kind != EventKind::kOffer);
      CHECK(answer.kind != EventKind::kDeadline);
      CHECK(answer.offer_index == e.offer_index);
      CHECK(answer.party == treatysim::other_party(e.party));
      CHECK(answer.outcome == e.outcome);
    }
    if (e.kind == EventKind::kAccept) {
      // Individual rationality: no strategy under test accepts below its reservation value.
      const double u = scenario.utility(e.party)(e.outcome);
      CHECK_MESSAGE(
          treatysim::utility_at_least(u, scenario.party(e.party).preferences.reservation_value),
          specs[e.party] << " accepted " << u << " below its reservation value");
    }
    if (e.kind == EventKind::kWalkAway) {
      CHECK_MESSAGE(!is_time_dependent(specs[e.party]), specs[e.party] << " walked away");
    }
    if (e.kind != EventKind::kReject && e.kind != EventKind::kOffer) CHECK(k + 1 == events.size());
  }
  CHECK(offers == result.offers);

  // Utilities in [0, 1]; discounting never raises a utility.
  for (PartyIndex p = 0; p < 2; ++p) {
    CHECK(result.utilities[p] >= 0.0);
    CHECK(result.utilities[p] <= 1.0 + 1e-12);
    CHECK(result.discounted_utilities[p] >= 0.0);
    CHECK(result.discounted_utilities[p] <= result.utilities[p] + 1e-12);
  }

  // The result agrees with the last event.
  const Event& last = events.back();
  switch (result.end) {
    case NegotiationEnd::kAgreement: {
      REQUIRE(last.kind == EventKind::kAccept);
      REQUIRE(result.agreement.has_value());
      CHECK(*result.agreement == last.outcome);
      CHECK(result.agreement_offer_index == last.offer_index);
      for (PartyIndex p = 0; p < 2; ++p) {
        const double u = scenario.utility(p)(*result.agreement);
        CHECK(result.utilities[p] == u);
        const double delta = scenario.party(p).preferences.discount;
        CHECK(result.discounted_utilities[p] ==
              doctest::Approx(std::pow(delta, last.offer_index) * u).epsilon(1e-12));
      }
      break;
    }
    case NegotiationEnd::kWalkAway:
    case NegotiationEnd::kDeadline: {
      if (result.end == NegotiationEnd::kWalkAway) {
        CHECK(last.kind == EventKind::kWalkAway);
      } else {
        CHECK(last.kind == EventKind::kDeadline);
        CHECK(last.offer_index == deadline - 1);
        CHECK(result.offers == deadline);
        REQUIRE(events.size() >= 2);
        CHECK(events[events.size() - 2].kind == EventKind::kReject);
      }
      CHECK_FALSE(result.agreement.has_value());
      CHECK(result.agreement_offer_index == -1);
      for (PartyIndex p = 0; p < 2; ++p) {
        CHECK(result.utilities[p] == scenario.party(p).preferences.reservation_value);
        CHECK(result.discounted_utilities[p] == scenario.party(p).preferences.reservation_value);
      }
      break;
    }
    case NegotiationEnd::kRunning:
      break;
  }

  // Time-dependent agents concede monotonically: their own utility of their offers never rises.
  for (PartyIndex p = 0; p < 2; ++p) {
    if (!is_time_dependent(specs[p])) continue;
    const auto& utilities = own_offer_utilities[p];
    for (std::size_t k = 1; k < utilities.size(); ++k) {
      CHECK_MESSAGE(treatysim::utility_at_least(utilities[k - 1], utilities[k]),
                    specs[p] << " raised its demand at its offer " << k);
    }
  }
}

}  // namespace

TEST_CASE("protocol properties hold for random scenarios and every built-in strategy pair") {
  const auto& registry = treatysim::agents::builtin_registry();
  std::array<int, 4> ends{};  // how the runs ended, to check the sample covers every ending
  for (std::uint64_t seed = 1; seed <= kScenarios; ++seed) {
    const Scenario scenario = treatysim::testing::random_scenario(seed);
    // Four pairs per scenario, cycling through all kSpecCount² ordered pairs.
    for (std::uint64_t j = 0; j < 4; ++j) {
      const std::uint64_t pair = (seed * 4 + j) % (kSpecCount * kSpecCount);
      const std::array<std::string, 2> specs{kSpecs[pair / kSpecCount], kSpecs[pair % kSpecCount]};
      CAPTURE(seed);
      CAPTURE(specs[0]);
      CAPTURE(specs[1]);
      const treatysim::Trace trace = treatysim::run_traced(
          scenario, {treatysim::parse_spec(specs[0]), treatysim::parse_spec(specs[1])},
          seed * 31 + j, registry);
      check_run(trace, specs);
      ++ends[static_cast<std::size_t>(trace.result.end)];
    }
  }
  CHECK(ends[static_cast<std::size_t>(NegotiationEnd::kAgreement)] > 0);
  CHECK(ends[static_cast<std::size_t>(NegotiationEnd::kWalkAway)] > 0);
  CHECK(ends[static_cast<std::size_t>(NegotiationEnd::kDeadline)] > 0);
}

TEST_CASE("protocol properties hold for long deadlines and larger spaces") {
  const auto& registry = treatysim::agents::builtin_registry();
  treatysim::testing::RandomScenarioShape shape;
  shape.min_issues = 3;
  shape.max_issues = 5;
  shape.max_options = 6;
  shape.min_deadline = 50;
  shape.max_deadline = 200;
  for (std::uint64_t seed = 1000; seed < 1020; ++seed) {
    const Scenario scenario = treatysim::testing::random_scenario(seed, shape);
    const std::array<std::string, 2> specs{kSpecs[seed % kSpecCount],
                                           kSpecs[(seed / 3) % kSpecCount]};
    CAPTURE(seed);
    CAPTURE(specs[0]);
    CAPTURE(specs[1]);
    const treatysim::Trace trace = treatysim::run_traced(
        scenario, {treatysim::parse_spec(specs[0]), treatysim::parse_spec(specs[1])}, seed,
        registry);
    check_run(trace, specs);
  }
}
