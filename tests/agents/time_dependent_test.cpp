#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "agents/registry.hpp"
#include "agents/time_dependent.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/protocol/negotiation.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::agents::concession_fraction;
using treatysim::agents::ConcessionFamily;
using treatysim::agents::TimeDependentAgent;

TEST_CASE("Faratin polynomial family: THEORY.md worked example (kappa = 0.1, t = 5/10)") {
  const double t = 5.0 / 10.0;
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 0.5, 0.1) ==
        doctest::Approx(0.325).epsilon(1e-12));
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 1.0, 0.1) ==
        doctest::Approx(0.55).epsilon(1e-12));
  CHECK(concession_fraction(ConcessionFamily::kPolynomial, t, 2.0, 0.1) ==
        doctest::Approx(0.736396).epsilon(1e-6));
}

namespace {

treatysim::NegotiationContext context_for(const treatysim::Scenario& scenario,
                                          treatysim::PartyIndex party, std::uint64_t seed = 0) {
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

const treatysim::Scenario& three_clauses() {
  static const treatysim::Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/three-clauses.toml");
  return scenario;
}

treatysim::Outcome parse(const treatysim::Scenario& scenario, const std::string& text) {
  std::string error;
  const auto outcome = scenario.space().parse(text, &error);
  REQUIRE_MESSAGE(outcome.has_value(), error);
  return *outcome;
}

}  // namespace

TEST_CASE("Faratin exponential family: alpha = exp((1-t)^e ln k), computed by hand") {
  const auto exp_family = ConcessionFamily::kExponential;
  // k = 0.1, t = 0.5: e = 1 → 0.1^0.5 = 0.316227766…; e = 2 → 0.1^0.25 = 0.562341325…
  CHECK(concession_fraction(exp_family, 0.5, 1.0, 0.1) ==
        doctest::Approx(0.31622776601683794).epsilon(1e-12));
  CHECK(concession_fraction(exp_family, 0.5, 2.0, 0.1) ==
        doctest::Approx(0.5623413251903491).epsilon(1e-12));
  // e = 0.5, t = 0.75: (0.25)^0.5 = 0.5 → 0.1^0.5 again.
  CHECK(concession_fraction(exp_family, 0.75, 0.5, 0.1) ==
        doctest::Approx(0.31622776601683794).epsilon(1e-12));
  // k = 0.01, t = 0.2, e = 1: 0.01^0.8 = 10^-1.6 = 0.025118864…
  CHECK(concession_fraction(exp_family, 0.2, 1.0, 0.01) ==
        doctest::Approx(0.025118864315095794).epsilon(1e-12));
  // Endpoints: α(0) = k, α(1) = 1.
  CHECK(concession_fraction(exp_family, 0.0, 3.0, 0.01) == doctest::Approx(0.01).epsilon(1e-12));
  CHECK(concession_fraction(exp_family, 1.0, 3.0, 0.01) == 1.0);
  // Same formula at a few points, written out.
  for (const double t : {0.1, 0.3, 0.9}) {
    for (const double e : {0.2, 1.0, 4.0}) {
      CHECK(concession_fraction(exp_family, t, e, 0.05) ==
            doctest::Approx(std::exp(std::pow(1.0 - t, e) * std::log(0.05))).epsilon(1e-12));
    }
  }
}

TEST_CASE("Faratin polynomial family: endpoints, e = 0 constant, time clamped to [0, 1]") {
  const auto poly = ConcessionFamily::kPolynomial;
  CHECK(concession_fraction(poly, 0.0, 0.2, 0.0) == 0.0);
  CHECK(concession_fraction(poly, 1.0, 0.2, 0.0) == 1.0);
  CHECK(concession_fraction(poly, 0.0, 2.0, 0.3) == 0.3);
  CHECK(concession_fraction(poly, 1.0, 2.0, 0.3) == 1.0);
  // e = 1, k = 0: linear in t.
  CHECK(concession_fraction(poly, 0.25, 1.0, 0.0) == doctest::Approx(0.25).epsilon(1e-12));
  // e = 0.5: t² ; e = 2: √t.
  CHECK(concession_fraction(poly, 0.3, 0.5, 0.0) == doctest::Approx(0.09).epsilon(1e-12));
  CHECK(concession_fraction(poly, 0.25, 2.0, 0.0) == doctest::Approx(0.5).epsilon(1e-12));
  // e = 0 (hardliner): α = k at every time, the end included.
  for (const double t : {0.0, 0.5, 0.99, 1.0}) {
    CHECK(concession_fraction(poly, t, 0.0, 0.0) == 0.0);
    CHECK(concession_fraction(poly, t, 0.0, 0.2) == 0.2);
  }
  CHECK(concession_fraction(poly, -0.5, 1.0, 0.1) == doctest::Approx(0.1).epsilon(1e-12));
  CHECK(concession_fraction(poly, 1.5, 1.0, 0.1) == 1.0);
}

TEST_CASE("time_dependent target schedule: best utility at t = 0, reservation value at t = 1") {
  const treatysim::Scenario& scenario =
      three_clauses();  // us: best 1.0, reservation 0.35, deadline 20
  TimeDependentAgent linear(ConcessionFamily::kPolynomial, 1.0, 0.0);
  linear.reset(context_for(scenario, 0));
  CHECK(linear.target(0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(linear.target(19) == doctest::Approx(0.35).epsilon(1e-12));
  // u_target(t) = 1 − 0.65·t with t = r/19.
  CHECK(linear.target(10) == doctest::Approx(1.0 - 0.65 * 10.0 / 19.0).epsilon(1e-12));
  // The first bid is the best outcome; the last the least still worth the reservation value
  // (0.35: IP3/D3/G0 = 0.5·0.3 + 0.2·1.0, the lowest index at that level).
  CHECK(scenario.space().format(linear.propose(at(0, 20))) == "IP0/D0/G0");
  CHECK(scenario.space().format(linear.propose(at(19, 20))) == "IP3/D3/G0");

  // cn (best 1.0, reservation 0.25) with the exponential family, k = 0.01: α(0) = 0.01.
  TimeDependentAgent exponential(ConcessionFamily::kExponential, 1.0, 0.01);
  exponential.reset(context_for(scenario, 1));
  CHECK(exponential.target(0) == doctest::Approx(1.0 - 0.75 * 0.01).epsilon(1e-12));
  CHECK(exponential.target(19) == doctest::Approx(0.25).epsilon(1e-12));

  // Targets never rise; bids are the smallest own utility reaching the target.
  const auto& index = scenario.utility_index(0, "test");
  TimeDependentAgent boulware(ConcessionFamily::kPolynomial, 0.2, 0.0);
  boulware.reset(context_for(scenario, 0));
  for (int r = 0; r < 20; ++r) {
    CAPTURE(r);
    if (r > 0) CHECK(boulware.target(r) <= boulware.target(r - 1));
    const treatysim::Outcome bid = boulware.propose(at(r, 20));
    CHECK(scenario.space().index_of(bid) == index.at_least(boulware.target(r)).index);
  }
}

TEST_CASE("hardliner (e = 0) always bids its best outcome") {
  const treatysim::Scenario& scenario = three_clauses();
  const auto hardliner = treatysim::agents::builtin_registry().create("hardliner");
  auto& agent = dynamic_cast<TimeDependentAgent&>(*hardliner);
  agent.reset(context_for(scenario, 1));
  for (int r = 0; r < 20; ++r) {
    CAPTURE(r);
    CHECK(agent.target(r) == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(scenario.space().format(agent.propose(at(r, 20))) == "IP4/D3/G4");  // cn's best
  }
}

TEST_CASE("AC_next on three-clauses: accept when the offer is worth the next bid") {
  // us, linear, deadline 20: the target at r = 10 is 1 − 0.65·10/19 = 0.657894…; the smallest
  // utility reaching it is 0.66 (IP0/D3/G1 = 0.5 + 0 + 0.16 and IP2/D0/G3 = 0.3 + 0.3 + 0.06).
  const treatysim::Scenario& scenario = three_clauses();
  TimeDependentAgent us(ConcessionFamily::kPolynomial, 1.0, 0.0);
  us.reset(context_for(scenario, 0));
  CHECK(scenario.space().format(us.propose(at(10, 20))) == "IP0/D3/G1");
  const auto& u = scenario.utility(0);
  const treatysim::Outcome worth_066 = parse(scenario, "IP2/D0/G3");
  const treatysim::Outcome worth_065 = parse(scenario, "IP0/D2/G3");  // 0.5 + 0.09 + 0.06
  CHECK(u(worth_066) == doctest::Approx(0.66).epsilon(1e-12));
  CHECK(u(worth_065) == doctest::Approx(0.65).epsilon(1e-12));
  CHECK(us.respond(at(9, 20), worth_066) == treatysim::Response::kAccept);
  CHECK(us.respond(at(9, 20), worth_065) == treatysim::Response::kReject);
  // One offer earlier the next bid (r = 9: target 0.6921…, bid 0.695) is above 0.66.
  CHECK(us.respond(at(8, 20), worth_066) == treatysim::Response::kReject);
  // At the last offer: accept anything worth the reservation value 0.35, nothing below.
  const treatysim::Outcome worth_035 = parse(scenario, "IP3/D3/G0");  // 0.15 + 0 + 0.2
  const treatysim::Outcome worth_030 = parse(scenario, "IP2/D3/G4");  // 0.3
  CHECK(us.respond(at(19, 20), worth_035) == treatysim::Response::kAccept);
  CHECK(us.respond(at(19, 20), worth_030) == treatysim::Response::kReject);
  // Never a walk-away, even for the worst offer.
  CHECK(us.respond(at(0, 20), parse(scenario, "IP4/D3/G4")) == treatysim::Response::kReject);
}

TEST_CASE("time_dependent never accepts below its reservation value") {
  const auto& registry = treatysim::agents::builtin_registry();
  const char* specs[] = {"hardliner",
                         "boulware",
                         "linear",
                         "conceder",
                         "time_dependent(e=50, k=1)",
                         "time_dependent_exp(e=0.1, k=1)",
                         "time_dependent_exp(e=10)"};
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const treatysim::Scenario scenario = treatysim::testing::random_scenario(seed);
    const int deadline = scenario.protocol().deadline;
    const std::uint64_t n = scenario.space().count();
    for (const char* spec : specs) {
      const auto agent = registry.create(spec);
      for (treatysim::PartyIndex p = 0; p < 2; ++p) {
        agent->reset(context_for(scenario, p));
        const double reservation = scenario.party(p).preferences.reservation_value;
        for (int r : {0, deadline / 2, deadline - 1}) {
          for (std::uint64_t i = 0; i < n; ++i) {
            const treatysim::Outcome offer = scenario.space().outcome_at(i);
            const treatysim::Response response = agent->respond(at(r, deadline), offer);
            CHECK(response != treatysim::Response::kWalkAway);
            if (response == treatysim::Response::kAccept) {
              CHECK_MESSAGE(treatysim::utility_at_least(scenario.utility(p)(offer), reservation),
                            spec << " (seed " << seed << ", party " << p << ") accepted below "
                                 << reservation);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("time_dependent concedes no further than the reservation value") {
  // Even with k = 1 (concede everything at once), bids stay worth the reservation value.
  const auto& registry = treatysim::agents::builtin_registry();
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const treatysim::Scenario scenario = treatysim::testing::random_scenario(seed);
    const auto agent = registry.create("time_dependent(e=1, k=1)");
    for (treatysim::PartyIndex p = 0; p < 2; ++p) {
      agent->reset(context_for(scenario, p));
      const double reservation = scenario.party(p).preferences.reservation_value;
      const double best = scenario.utility(p).max_utility();
      for (int r = 0; r < scenario.protocol().deadline; ++r) {
        const double u = scenario.utility(p)(agent->propose(at(r, scenario.protocol().deadline)));
        CHECK(treatysim::utility_at_least(u, std::min(reservation, best)));
      }
    }
  }
}

TEST_CASE("time_dependent recomputes its schedule when the deadline changes") {
  const treatysim::Scenario& scenario = three_clauses();
  const treatysim::Scenario shorter = scenario.with_deadline(3);
  TimeDependentAgent agent(ConcessionFamily::kPolynomial, 1.0, 0.0);
  agent.reset(context_for(scenario, 0));
  CHECK(agent.target(10) == doctest::Approx(1.0 - 0.65 * 10.0 / 19.0).epsilon(1e-12));
  agent.reset(context_for(shorter, 0));
  CHECK(agent.target(1) == doctest::Approx(1.0 - 0.65 * 0.5).epsilon(1e-12));  // t = 1/2
  agent.reset(context_for(scenario, 0));
  CHECK(agent.target(10) == doctest::Approx(1.0 - 0.65 * 10.0 / 19.0).epsilon(1e-12));
}
