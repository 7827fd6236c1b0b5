// Agent::target_utility: the time-dependent tactics report their schedule, alone and as the
// bidding component of a BOA agent; strategies without a time schedule report none.
#include <doctest/doctest.h>

#include <memory>

#include "agents/registry.hpp"
#include "tests/agents/agents_test_support.hpp"

namespace {

// sta-2024 with 21 offers, so that offer index 10 is t = 10/20 = 0.5.
const treatysim::Scenario& sta_21_offers() {
  static const treatysim::Scenario s = agents_test::config("sta-2024").with_deadline(21);
  return s;
}

std::unique_ptr<treatysim::Agent> reset_agent(const std::string& spec,
                                              treatysim::PartyIndex party) {
  auto agent = treatysim::agents::builtin_registry().create(spec);
  agent->reset(agents_test::context_for(sta_21_offers(), party));
  return agent;
}

}  // namespace

TEST_CASE("boulware e=0.2 target at t=0.5 is u_max - (u_max - u_min) * 0.5^5") {
  // The U.S. in sta-2024: best outcome S0/IP0/D0/G0/T2 is worth 0.30+0.25+0.20+0.15+0.10 = 1.0;
  // u_min = max(reservation 0.40, worst 0.02) = 0.40. alpha(0.5) = 0.5^(1/0.2) = 0.03125, so the
  // target is 1.0 - 0.6 * 0.03125 = 0.98125.
  const auto agent = reset_agent("boulware(e=0.2)", 0);
  REQUIRE(agent->target_utility(10).has_value());
  CHECK(*agent->target_utility(10) == doctest::Approx(0.98125).epsilon(1e-12));
  CHECK(*agent->target_utility(0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(*agent->target_utility(20) == doctest::Approx(0.40).epsilon(1e-12));
  CHECK_FALSE(agent->target_utility(21).has_value());
  CHECK_FALSE(agent->target_utility(-1).has_value());
}

TEST_CASE("a BOA agent with time-dependent bidding reports the component's schedule") {
  // China in sta-2024: u_max = 1.0, u_min = max(0.20, 0.155) = 0.20. With e = 0.5,
  // alpha(0.5) = 0.5^2 = 0.25: target = 1.0 - 0.8 * 0.25 = 0.8 (also through the opponent-model
  // bidding of pareto_follower, which keeps its inner strategy's target).
  const auto boa = reset_agent("boa(bidding=time_dependent(e=0.5))", 1);
  REQUIRE(boa->target_utility(10).has_value());
  CHECK(*boa->target_utility(10) == doctest::Approx(0.8).epsilon(1e-12));
  const auto follower = reset_agent("pareto_follower(e=0.5)", 1);
  REQUIRE(follower->target_utility(10).has_value());
  CHECK(*follower->target_utility(10) == doctest::Approx(0.8).epsilon(1e-12));
}

TEST_CASE("strategies whose targets follow the opponent report no target") {
  CHECK_FALSE(reset_agent("nice_tit_for_tat", 1)->target_utility(10).has_value());
  CHECK_FALSE(reset_agent("relative_tit_for_tat", 0)->target_utility(10).has_value());
  CHECK_FALSE(reset_agent("random", 0)->target_utility(10).has_value());
}
