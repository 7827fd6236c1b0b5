// frequency_model_test.cpp — the frequency opponent model (frequency_model.hpp), updated by hand
// on a short offer sequence, and as a BOA agent uses it in a negotiation.
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "agents/boa_agent.hpp"
#include "agents/frequency_model.hpp"
#include "agents/registry.hpp"
#include "engine/protocol/negotiation.hpp"
#include "tests/agents/agents_test_support.hpp"

using treatysim::NegotiationState;
using treatysim::OfferRecord;
using treatysim::Outcome;
using treatysim::Scenario;
using treatysim::agents::FrequencyModel;

namespace {

void check_weights(const FrequencyModel& model, const std::array<double, 3>& expected) {
  REQUIRE(model.weights().size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(model.weights()[i] == doctest::Approx(expected[i]).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("frequency model: three offers on three-clauses, by hand") {
  // three-clauses: ip has 5 options (IP0…IP4), data 4 (D0…D3), dual_use 5 (G0…G4).
  // Learning rate 0.2. The opponent (China) offers, in turn:
  //   1. IP4/D3/G4   2. IP3/D3/G4   3. IP3/D2/G4
  //
  // Start: ŵ = (1/3, 1/3, 1/3); every count e = 1, so every value e/max e = 1.
  //
  // After offer 1 (IP4/D3/G4): counts ip (1,1,1,1,2), data (1,1,1,2), dual_use (1,1,1,1,2);
  //   max counts (2, 2, 2). No previous offer, so the weights stay (1/3, 1/3, 1/3).
  //   Values: IP4 = 2/2 = 1, IP0…IP3 = 1/2; D3 = 1, others 1/2; G4 = 1, others 1/2.
  //   û(IP4/D3/G4) = 1;  û(IP0/D0/G0) = 1/2;  û(IP4/D0/G0) = 1/3 + 1/6 + 1/6 = 2/3.
  //
  // After offer 2 (IP3/D3/G4): counts ip (1,1,1,2,2), data (1,1,1,3), dual_use (1,1,1,1,3);
  //   max counts (2, 3, 3). Kept from offer 1: data (D3) and dual_use (G4) → +0.2 each:
  //   (1/3, 1/3 + 0.2, 1/3 + 0.2) / 1.4 = (0.238095…, 0.380952…, 0.380952…)   [= 5/21, 8/21, 8/21]
  //   Values: IP3 = IP4 = 2/2 = 1, IP0…IP2 = 1/2; D3 = 1, D0…D2 = 1/3; G4 = 1, G0…G3 = 1/3.
  //   û(IP3/D3/G4) = 1;  û(IP0/D0/G0) = 5/21·1/2 + 8/21·1/3 + 8/21·1/3 = 5/42 + 16/63 = 47/126
  //   = 0.373015…
  //
  // After offer 3 (IP3/D2/G4): counts ip (1,1,1,3,2), data (1,1,2,3), dual_use (1,1,1,1,4);
  //   max counts (3, 3, 4). Kept from offer 2: ip (IP3) and dual_use (G4):
  //   (5/21 + 0.2, 8/21, 8/21 + 0.2) / 1.4 = (46/147, 40/147, 61/147)
  //   = (0.312925…, 0.272109…, 0.414965…)
  //   Values: IP3 = 1, IP4 = 2/3, IP0…IP2 = 1/3; D3 = 1, D2 = 2/3, D0, D1 = 1/3;
  //           G4 = 1, G0…G3 = 1/4.
  //   û(IP3/D2/G4) = 46/147 + 40/147·2/3 + 61/147 = (138 + 80 + 183)/441 = 401/441 = 0.909297…
  //   û(IP4/D3/G0) = 46/147·2/3 + 40/147 + 61/147·1/4 = (368 + 480 + 183)/1764 = 1031/1764
  //   = 0.584467…
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto offer = [&](const std::string& text) {
    return agents_test::parse_outcome(scenario, text);
  };
  FrequencyModel model(0.2);
  model.reset(agents_test::context_for(scenario, 0));
  check_weights(model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  CHECK(model.utility(offer("IP0/D0/G0")) == doctest::Approx(1.0).epsilon(1e-12));

  std::vector<OfferRecord> offers;
  const auto update = [&](const std::string& text) {
    // China (party 1) answers the U.S.'s first offer: its offers are at odd indices.
    offers.push_back(OfferRecord{offer("IP0/D0/G0"), 0});
    offers.push_back(OfferRecord{offer(text), 1});
    const NegotiationState state{static_cast<int>(offers.size()) - 1, 20, offers};
    model.update(state, offer(text));
  };

  update("IP4/D3/G4");
  check_weights(model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  CHECK(model.value(0, 4) == doctest::Approx(1.0));
  CHECK(model.value(0, 0) == doctest::Approx(0.5));
  CHECK(model.value(1, 3) == doctest::Approx(1.0));
  CHECK(model.value(2, 2) == doctest::Approx(0.5));
  CHECK(model.utility(offer("IP4/D3/G4")) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(model.utility(offer("IP0/D0/G0")) == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(model.utility(offer("IP4/D0/G0")) == doctest::Approx(2.0 / 3.0).epsilon(1e-12));

  update("IP3/D3/G4");
  check_weights(model, {5.0 / 21.0, 8.0 / 21.0, 8.0 / 21.0});
  CHECK(model.weights()[0] == doctest::Approx(0.238095238).epsilon(1e-9));
  CHECK(model.value(0, 3) == doctest::Approx(1.0));
  CHECK(model.value(0, 4) == doctest::Approx(1.0));
  CHECK(model.value(0, 2) == doctest::Approx(0.5));
  CHECK(model.value(1, 0) == doctest::Approx(1.0 / 3.0));
  CHECK(model.value(2, 4) == doctest::Approx(1.0));
  CHECK(model.value(2, 3) == doctest::Approx(1.0 / 3.0));
  CHECK(model.utility(offer("IP3/D3/G4")) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(model.utility(offer("IP0/D0/G0")) == doctest::Approx(47.0 / 126.0).epsilon(1e-12));

  update("IP3/D2/G4");
  check_weights(model, {46.0 / 147.0, 40.0 / 147.0, 61.0 / 147.0});
  CHECK(model.weights()[0] == doctest::Approx(0.312925170).epsilon(1e-9));
  CHECK(model.weights()[1] == doctest::Approx(0.272108844).epsilon(1e-9));
  CHECK(model.weights()[2] == doctest::Approx(0.414965986).epsilon(1e-9));
  CHECK(model.value(0, 3) == doctest::Approx(1.0));
  CHECK(model.value(0, 4) == doctest::Approx(2.0 / 3.0));
  CHECK(model.value(0, 1) == doctest::Approx(1.0 / 3.0));
  CHECK(model.value(1, 3) == doctest::Approx(1.0));
  CHECK(model.value(1, 2) == doctest::Approx(2.0 / 3.0));
  CHECK(model.value(1, 1) == doctest::Approx(1.0 / 3.0));
  CHECK(model.value(2, 4) == doctest::Approx(1.0));
  CHECK(model.value(2, 0) == doctest::Approx(0.25));
  CHECK(model.utility(offer("IP3/D2/G4")) == doctest::Approx(401.0 / 441.0).epsilon(1e-12));
  CHECK(model.utility(offer("IP4/D3/G0")) == doctest::Approx(1031.0 / 1764.0).epsilon(1e-12));
  // The weights always sum to 1 and estimates stay in [0, 1].
  CHECK(model.weights()[0] + model.weights()[1] + model.weights()[2] ==
        doctest::Approx(1.0).epsilon(1e-12));
  for (std::uint64_t i = 0; i < scenario.space().count(); ++i) {
    const double u = model.utility(scenario.space().outcome_at(i));
    CHECK(u >= 0.0);
    CHECK(u <= 1.0 + 1e-12);
  }

  // reset forgets everything.
  model.reset(agents_test::context_for(scenario, 0));
  check_weights(model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  CHECK(model.value(0, 3) == doctest::Approx(1.0));
  CHECK(model.value(2, 0) == doctest::Approx(1.0));
  // The first offer after a reset changes no weight (there is no previous offer to compare).
  offers.clear();
  update("IP3/D2/G4");
  check_weights(model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
}

TEST_CASE("frequency model: learning rate 0 keeps the weights equal") {
  const Scenario& scenario = agents_test::config("three-clauses");
  FrequencyModel model(0.0);
  model.reset(agents_test::context_for(scenario, 1));
  std::vector<OfferRecord> offers;
  for (const char* text : {"IP0/D0/G0", "IP0/D0/G0", "IP0/D1/G0"}) {
    offers.push_back(OfferRecord{agents_test::parse_outcome(scenario, text), 0});
    model.update(NegotiationState{static_cast<int>(offers.size()) - 1, 20, offers},
                 agents_test::parse_outcome(scenario, text));
  }
  check_weights(model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  // Counts: IP0 = 4 of max 4; D0 = 3 of 3, D1 = 2/3; G0 = 4 of 4.
  CHECK(model.value(1, 1) == doctest::Approx(2.0 / 3.0));
  CHECK(model.utility(agents_test::parse_outcome(scenario, "IP0/D1/G0")) ==
        doctest::Approx((1.0 + 2.0 / 3.0 + 1.0) / 3.0).epsilon(1e-12));
}

TEST_CASE("frequency model inside a BOA agent learns from the opponent's offers only") {
  // The U.S. plays boa(…, model=frequency) against a scripted China that offers the three
  // outcomes above (then repeats the last). After China's first three offers the model holds
  // exactly the hand-computed state.
  const Scenario& scenario = agents_test::config("three-clauses");
  const agents_test::TempDir dir;
  const std::string script = dir.write("china.txt", "IP4/D3/G4\nIP3/D3/G4\nIP3/D2/G4\n");
  const auto& registry = treatysim::agents::builtin_registry();
  const auto us =
      registry.create("boa(bidding=time_dependent(e=0.2), acceptance=ac_next, model=frequency)");
  const auto cn = registry.create("scripted(file=\"" + script + "\", accept=\"never\")");
  treatysim::Negotiation negotiation(scenario, {us.get(), cn.get()}, 3);
  // Offers 0 (us), 1 (cn), 2 (us), 3 (cn), 4 (us), 5 (cn): step until China's third offer has
  // been answered (rejected) by the U.S.
  while (negotiation.offers().size() < 6 || negotiation.awaiting_response())
    static_cast<void>(negotiation.step());
  const auto& boa = dynamic_cast<const treatysim::agents::BoaAgent&>(*us);
  const auto* model = dynamic_cast<const FrequencyModel*>(boa.model());
  REQUIRE(model != nullptr);
  check_weights(*model, {46.0 / 147.0, 40.0 / 147.0, 61.0 / 147.0});
  CHECK(model->utility(agents_test::parse_outcome(scenario, "IP3/D2/G4")) ==
        doctest::Approx(401.0 / 441.0).epsilon(1e-12));
  // A restart forgets it.
  negotiation.restart(3);
  check_weights(*model, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
}
