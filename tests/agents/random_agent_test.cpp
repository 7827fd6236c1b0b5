#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "agents/random_agent.hpp"
#include "agents/registry.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::Outcome;
using treatysim::PartyIndex;
using treatysim::Response;
using treatysim::Scenario;
using treatysim::agents::RandomAgent;

namespace {

treatysim::NegotiationContext context_for(const Scenario& scenario, PartyIndex party,
                                          std::uint64_t seed) {
  treatysim::NegotiationContext context;
  context.scenario = &scenario;
  context.self = party;
  context.own =
      treatysim::PartyView{&scenario.party(party), &scenario.utility(party), std::nullopt};
  context.deadline = scenario.protocol().deadline;
  context.seed = seed;
  return context;
}

treatysim::NegotiationState at(int offer_index, int deadline) {
  return {offer_index, deadline, {}};
}

// A scenario whose party 0 finds nothing acceptable: reservation 1, best outcome worth < 1.
Scenario nothing_acceptable() {
  treatysim::ScenarioDef def = treatysim::testing::random_scenario(3).def();
  for (auto& values : def.parties[0].preferences.values) {
    for (double& v : values) v *= 0.9;
  }
  def.parties[0].preferences.reservation_value = 1.0;
  return Scenario::create(def);
}

}  // namespace

TEST_CASE("random agent: proposals are individually rational for itself") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    const Scenario scenario = treatysim::testing::random_scenario(seed);
    for (PartyIndex p = 0; p < 2; ++p) {
      const double reservation = scenario.party(p).preferences.reservation_value;
      const auto& index = scenario.utility_index(p, "test");
      const std::size_t acceptable = index.count_at_least(reservation);
      RandomAgent agent(0.5, 0.0);
      agent.reset(context_for(scenario, p, seed * 2 + p));
      std::set<Outcome> proposed;
      for (int k = 0; k < 200; ++k) {
        const Outcome offer = agent.propose(at(0, scenario.protocol().deadline));
        CHECK(scenario.space().contains(offer));
        if (acceptable > 0) {
          CHECK(treatysim::utility_at_least(scenario.utility(p)(offer), reservation));
        }
        proposed.insert(offer);
      }
      // Uniform over the acceptable outcomes: with 200 draws from at most 8, each is drawn
      // (the chance of missing one is below 8·(7/8)^200 ≈ 2e-11).
      if (acceptable > 0 && acceptable <= 8) CHECK(proposed.size() == acceptable);
    }
  }
}

TEST_CASE(
    "random agent: with nothing acceptable it proposes from every outcome and accepts nothing") {
  const Scenario scenario = nothing_acceptable();
  REQUIRE(scenario.utility_index(0, "test").count_at_least(1.0) == 0);
  RandomAgent agent(1.0, 0.0);
  agent.reset(context_for(scenario, 0, 9));
  std::set<Outcome> proposed;
  const std::size_t n = static_cast<std::size_t>(scenario.space().count());
  for (std::size_t k = 0; k < 50 * n; ++k) proposed.insert(agent.propose(at(0, 10)));
  CHECK(proposed.size() == n);
  for (std::uint64_t i = 0; i < scenario.space().count(); ++i) {
    CHECK(agent.respond(at(0, 10), scenario.space().outcome_at(i)) == Response::kReject);
  }
}

TEST_CASE(
    "random agent: accept = 1 accepts every acceptable offer, rejects the rest, accept = 0 never "
    "accepts") {
  const Scenario scenario = treatysim::testing::random_scenario(21);
  const double reservation = scenario.party(1).preferences.reservation_value;
  RandomAgent always(1.0, 0.0);
  RandomAgent never(0.0, 0.0);
  always.reset(context_for(scenario, 1, 1));
  never.reset(context_for(scenario, 1, 1));
  int accepted = 0;
  for (std::uint64_t i = 0; i < scenario.space().count(); ++i) {
    const Outcome offer = scenario.space().outcome_at(i);
    const bool acceptable = treatysim::utility_at_least(scenario.utility(1)(offer), reservation);
    const Response response = always.respond(at(1, 10), offer);
    CHECK(response == (acceptable ? Response::kAccept : Response::kReject));
    accepted += response == Response::kAccept ? 1 : 0;
    CHECK(never.respond(at(1, 10), offer) == Response::kReject);
  }
  CHECK(static_cast<std::size_t>(accepted) ==
        scenario.utility_index(1, "test").count_at_least(reservation));
}

TEST_CASE("random agent: walk_away = 1 always walks away") {
  const Scenario scenario = treatysim::testing::random_scenario(8);
  RandomAgent agent(1.0, 1.0);
  agent.reset(context_for(scenario, 0, 4));
  for (std::uint64_t i = 0; i < scenario.space().count(); ++i) {
    CHECK(agent.respond(at(0, 10), scenario.space().outcome_at(i)) == Response::kWalkAway);
  }
  // In a negotiation it walks away from the first offer it answers.
  const auto& registry = treatysim::agents::builtin_registry();
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto walker = registry.create("random(walk_away=1)");
    const auto other = registry.create("linear");
    const PartyIndex responder = treatysim::other_party(scenario.protocol().first_mover);
    std::array<treatysim::Agent*, 2> agents{};
    agents[responder] = walker.get();
    agents[treatysim::other_party(responder)] = other.get();
    treatysim::Negotiation negotiation(scenario, agents, seed);
    const auto& result = negotiation.run();
    CHECK(result.end == treatysim::NegotiationEnd::kWalkAway);
    CHECK(result.offers == 1);
  }
}

TEST_CASE("random agent: same seed same sequence, another seed another sequence") {
  const Scenario scenario = treatysim::testing::random_scenario(13);
  const auto sequence = [&](std::uint64_t seed) {
    RandomAgent agent(0.5, 0.1);
    agent.reset(context_for(scenario, 0, seed));
    std::vector<Outcome> offers;
    std::vector<Response> responses;
    for (int k = 0; k < 100; ++k) {
      offers.push_back(agent.propose(at(k, 100)));
      responses.push_back(agent.respond(
          at(k, 100),
          scenario.space().outcome_at(static_cast<std::uint64_t>(k) % scenario.space().count())));
    }
    return std::make_pair(offers, responses);
  };
  const auto first = sequence(77);
  CHECK(sequence(77) == first);
  CHECK(sequence(78) != first);

  // reset() restarts the stream: the same agent object repeats itself.
  RandomAgent agent(0.5, 0.0);
  agent.reset(context_for(scenario, 1, 5));
  std::vector<Outcome> once;
  for (int k = 0; k < 30; ++k) once.push_back(agent.propose(at(k, 100)));
  agent.reset(context_for(scenario, 1, 5));
  std::vector<Outcome> again;
  for (int k = 0; k < 30; ++k) again.push_back(agent.propose(at(k, 100)));
  CHECK(again == once);
}
