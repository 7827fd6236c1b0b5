// tit_for_tat_test.cpp — relative and absolute tit-for-tat (tit_for_tat.hpp) against a scripted
// opponent on three-clauses, with every target computed by hand; and nice tit-for-tat's
// concession ratio (nice_tit_for_tat.hpp) in a one-issue case.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "agents/boa_agent.hpp"
#include "agents/nice_tit_for_tat.hpp"
#include "agents/registry.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/agents/agents_test_support.hpp"

using treatysim::NegotiationState;
using treatysim::OfferRecord;
using treatysim::Outcome;
using treatysim::Response;
using treatysim::Scenario;

namespace {

// China's script. The U.S. utility of each line (u = 0.5·ip + 0.3·data + 0.2·dual_use with
// ip (1, 0.85, 0.6, 0.3, 0), data (1, 0.7, 0.3, 0), dual_use (1, 0.8, 0.6, 0.3, 0)):
//   y1 IP3/D3/G4 = 0.5·0.3                 = 0.15
//   y2 IP3/D2/G4 = 0.15 + 0.3·0.3          = 0.24
//   y3 IP3/D2/G3 = 0.24 + 0.2·0.3          = 0.30
//   y4 IP2/D2/G3 = 0.5·0.6 + 0.09 + 0.06   = 0.45
//   y5 IP4/D3/G4 = 0                       (a retraction); the script then repeats it: y6 … = 0.
const char* const kChinaScript = "IP3/D3/G4\nIP3/D2/G4\nIP3/D2/G3\nIP2/D2/G3\nIP4/D3/G4\n";

// Plays `spec` as the U.S. (party 0, first mover) against the script (China never accepts) to
// the deadline (20 offers: the U.S. makes offers 0, 2, …, 18, its k-th at index 2k). The
// negotiation is kept: the agents' contexts point into it.
struct Played {
  std::unique_ptr<treatysim::Agent> us;
  std::unique_ptr<treatysim::Agent> cn;
  std::unique_ptr<treatysim::Negotiation> negotiation;
  std::vector<OfferRecord> offers;
  treatysim::NegotiationResult result;
};

Played play_against_script(const std::string& spec, const std::string& script_path) {
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  Played played;
  played.us = registry.create(spec);
  played.cn = registry.create("scripted(file=\"" + script_path + "\", accept=\"never\")");
  played.negotiation = std::make_unique<treatysim::Negotiation>(
      scenario, std::array<treatysim::Agent*, 2>{played.us.get(), played.cn.get()}, 5);
  played.result = played.negotiation->run();
  played.offers = played.negotiation->offers();
  return played;
}

// Checks the U.S. targets T_k (k = 0 … 9) and its bids (the smallest own utility reaching T_k,
// hand-listed where the target is one of the hand-computed ones).
void check_schedule(const Played& played, const std::vector<double>& targets,
                    const std::vector<std::string>& bids) {
  const Scenario& scenario = agents_test::config("three-clauses");
  REQUIRE(played.offers.size() == 20);
  CHECK(played.result.end == treatysim::NegotiationEnd::kDeadline);
  const auto& boa = dynamic_cast<const treatysim::agents::BoaAgent&>(*played.us);
  for (std::size_t k = 0; k < 10; ++k) {
    CAPTURE(k);
    const int r = 2 * static_cast<int>(k);
    const NegotiationState state{r, 20, played.offers};
    CHECK(boa.bidding().target(state, nullptr) == doctest::Approx(targets[k]).epsilon(1e-12));
    CHECK(scenario.space().format(played.offers[static_cast<std::size_t>(r)].outcome) == bids[k]);
    CHECK(scenario.space().format(boa.bidding().bid(state, nullptr)) == bids[k]);
  }
}

}  // namespace

TEST_CASE("absolute tit-for-tat against a script on three-clauses, by hand") {
  const agents_test::TempDir dir;
  const std::string script = dir.write("china.txt", kChinaScript);
  // window 1: T_0 = u_max = 1; T_1 = T_0 (only y1 seen, need more than δ = 1 offers);
  //   T_k = T_{k−1} − (y_k − y_{k−1}), kept in [u_min, u_max] = [0.35, 1]:
  //   T_2 = 1 − (0.24 − 0.15) = 0.91        → bid IP0/D1/G0 (0.5 + 0.21 + 0.2 = 0.91)
  //   T_3 = 0.91 − (0.30 − 0.24) = 0.85     → bid IP0/D0/G3 (0.5 + 0.3 + 0.06 = 0.86, the least ≥ 0.85)
  //   T_4 = 0.85 − (0.45 − 0.30) = 0.70     → bid IP0/D3/G0 (0.5 + 0 + 0.2 = 0.70)
  //   T_5 = 0.70 − (0 − 0.45) = 1.15 → 1    (China retracted: the demand goes back up)
  //   T_6 … T_9 = 1 − (0 − 0) = 1
  const Played played = play_against_script("absolute_tit_for_tat", script);
  check_schedule(played, {1.0, 1.0, 0.91, 0.85, 0.70, 1.0, 1.0, 1.0, 1.0, 1.0},
                 {"IP0/D0/G0", "IP0/D0/G0", "IP0/D1/G0", "IP0/D0/G3", "IP0/D3/G0", "IP0/D0/G0",
                  "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0"});

  // window 2: T_k = T_{k−1} − (y_k − y_{k−2})/2 once three offers are seen:
  //   T_1 = T_2 = 1; T_3 = 1 − (0.30 − 0.15)/2 = 0.925   → IP1/D0/G0 (0.425 + 0.3 + 0.2)
  //   T_4 = 0.925 − (0.45 − 0.24)/2 = 0.82                → IP0/D1/G2 (0.5 + 0.21 + 0.12 = 0.83)
  //   T_5 = 0.82 − (0 − 0.30)/2 = 0.97                    → IP0/D0/G0 (nothing in [0.97, 1))
  //   T_6 = 0.97 − (0 − 0.45)/2 = 1.195 → 1; then 1.
  const Played windowed = play_against_script("absolute_tit_for_tat(window=2)", script);
  check_schedule(windowed, {1.0, 1.0, 1.0, 0.925, 0.82, 0.97, 1.0, 1.0, 1.0, 1.0},
                 {"IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP1/D0/G0", "IP0/D1/G2", "IP0/D0/G0",
                  "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0"});
}

TEST_CASE("relative tit-for-tat against a script on three-clauses, by hand") {
  const agents_test::TempDir dir;
  const std::string script = dir.write("china.txt", kChinaScript);
  // window 1: T_k = T_{k−1}·(1 − y_k)/(1 − y_{k−1}): the demand shrinks by the factor by which
  // China shrank the utility it denies the U.S.
  //   T_2 = 1·0.76/0.85 = 0.894118          → IP0/D1/G0 (0.91, the least ≥ 0.894)
  //   T_3 = T_2·0.70/0.76 = 0.70/0.85 = 0.823529 → IP0/D1/G2 (0.83)
  //   T_4 = T_3·0.55/0.70 = 0.55/0.85 = 0.647059 → IP0/D2/G3 (0.65; IP3/D0/G0 is also 0.65,
  //                                                 the lower outcome index wins)
  //   T_5 = T_4·1/0.55 = 1/0.85 = 1.176 → 1; T_6 … = 1·1/1 = 1.
  const Played played = play_against_script("relative_tit_for_tat", script);
  check_schedule(played, {1.0, 1.0, 0.76 / 0.85, 0.70 / 0.85, 0.55 / 0.85, 1.0, 1.0, 1.0, 1.0, 1.0},
                 {"IP0/D0/G0", "IP0/D0/G0", "IP0/D1/G0", "IP0/D1/G2", "IP0/D2/G3", "IP0/D0/G0",
                  "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0"});

  // window 2: T_k = T_{k−1}·((1 − y_k)/(1 − y_{k−2}))^{1/2}:
  //   T_3 = √(0.70/0.85) = 0.907485                 → IP0/D1/G0 (0.91)
  //   T_4 = T_3·√(0.55/0.76) = 0.771994             → IP1/D0/G3 (0.425 + 0.3 + 0.06 = 0.785)
  //   T_5 = T_4·√(1/0.70) = 0.922710                → IP1/D0/G0 (0.925)
  //   T_6 = T_5·√(1/0.55) = 1.244 → 1; then 1.
  const double t3 = std::sqrt(0.70 / 0.85);
  const double t4 = t3 * std::sqrt(0.55 / 0.76);
  const double t5 = t4 * std::sqrt(1.0 / 0.70);
  CHECK(t3 == doctest::Approx(0.907485).epsilon(1e-6));
  CHECK(t4 == doctest::Approx(0.771994).epsilon(1e-6));
  CHECK(t5 == doctest::Approx(0.922710).epsilon(1e-6));
  const Played windowed = play_against_script("relative_tit_for_tat(window=2)", script);
  check_schedule(windowed, {1.0, 1.0, 1.0, t3, t4, t5, 1.0, 1.0, 1.0, 1.0},
                 {"IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP0/D1/G0", "IP1/D0/G3", "IP1/D0/G0",
                  "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0", "IP0/D0/G0"});
}

TEST_CASE("tit-for-tat responses: AC_next against the previewed tit-for-tat bid") {
  const agents_test::TempDir dir;
  const std::string script = dir.write("china.txt", kChinaScript);
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto offer = [&](const std::string& text) {
    return agents_test::parse_outcome(scenario, text);
  };
  Played played = play_against_script("absolute_tit_for_tat", script);
  // Answering China's second offer (r = 3, y2 = 0.24), the next U.S. bid is at T_2 = 0.91, so
  // the U.S. accepts an offer worth 0.91 and rejects one worth 0.86.
  const std::vector<OfferRecord> history(played.offers.begin(), played.offers.begin() + 4);
  const NegotiationState at3{3, 20, history};
  CHECK(played.us->respond(at3, offer("IP0/D1/G0")) == Response::kAccept);  // 0.91
  CHECK(played.us->respond(at3, offer("IP0/D0/G3")) == Response::kReject);  // 0.86
  // Answering China's fourth offer (r = 7), the next bid is at T_4 = 0.70: 0.70 is enough.
  const std::vector<OfferRecord> history7(played.offers.begin(), played.offers.begin() + 8);
  const NegotiationState at7{7, 20, history7};
  CHECK(played.us->respond(at7, offer("IP0/D3/G0")) == Response::kAccept);  // 0.70
  CHECK(played.us->respond(at7, offer("IP0/D2/G3")) == Response::kReject);  // 0.65
  // The last offer: anything worth the reservation value 0.35, nothing below.
  const NegotiationState at19{19, 20, played.offers};
  CHECK(played.us->respond(at19, offer("IP3/D3/G0")) == Response::kAccept);  // 0.35
  CHECK(played.us->respond(at19, offer("IP2/D3/G4")) == Response::kReject);  // 0.30
  // China's real offers were all rejected: none reached the next bid (0.45 at r = 7 < 0.70).
  for (std::size_t r = 1; r < 20; r += 2) CHECK(played.offers[r].proposer == 1);
}

TEST_CASE("tit-for-tat as the second mover counts the opponent's offers from offer 0") {
  // China (party 1) plays absolute tit-for-tat; the U.S. is scripted. China's k-th offer is at
  // index 2k + 1, after the U.S. offers 0, 2, …, 2k. China's utility of the U.S. lines
  // (u = 0.2·ip + 0.3·data + 0.5·dual_use with ip (0.2, 0.5, 0.8, 0.9, 1), data (0, 0.5, 0.9, 1),
  // dual_use (0, 0.3, 0.6, 0.9, 1)):
  //   IP0/D0/G0 = 0.04;  IP0/D1/G0 = 0.04 + 0.15 = 0.19;  IP0/D1/G1 = 0.19 + 0.15 = 0.34.
  // Before its k-th offer China has seen k + 1 U.S. offers (y_1 … y_{k+1}), so:
  // T_0 = u_max = 1 (always); T_1 = 1 − (y_2 − y_1) = 1 − (0.19 − 0.04) = 0.85;
  // T_2 = 0.85 − (y_3 − y_2) = 0.85 − (0.34 − 0.19) = 0.70; then the script repeats IP0/D1/G1
  // (y_4 = y_3): T_3 … = 0.70.
  const agents_test::TempDir dir;
  const std::string script = dir.write("us.txt", "IP0/D0/G0\nIP0/D1/G0\nIP0/D1/G1\n");
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  const auto us = registry.create("scripted(file=\"" + script + "\", accept=\"never\")");
  const auto cn = registry.create("absolute_tit_for_tat");
  treatysim::Negotiation negotiation(scenario, {us.get(), cn.get()}, 9);
  static_cast<void>(negotiation.run());
  const auto& boa = dynamic_cast<const treatysim::agents::BoaAgent&>(*cn);
  const double expected[] = {1.0, 0.85, 0.70, 0.70, 0.70, 0.70};
  for (int k = 0; k < 6; ++k) {
    CAPTURE(k);
    const NegotiationState state{2 * k + 1, 20, negotiation.offers()};
    CHECK(boa.bidding().target(state, nullptr) == doctest::Approx(expected[k]).epsilon(1e-12));
    const Outcome bid = negotiation.offers()[static_cast<std::size_t>(2 * k + 1)].outcome;
    CHECK(scenario.utility(1)(bid) >= expected[k] - 1e-9);
  }
}

namespace {

// The opponent model "China wants the rest of the pie": û(share) = 1 − share.
class RestOfThePie final : public treatysim::agents::OpponentModel {
 public:
  void reset(const treatysim::NegotiationContext&) override {}
  void update(const NegotiationState&, const Outcome&) override {}
  [[nodiscard]] double utility(const Outcome& outcome) const override {
    return 1.0 - static_cast<double>(outcome[0]) / 100.0;
  }
};

}  // namespace

TEST_CASE("nice tit-for-tat: the concession ratio toward the estimated Nash point, by hand") {
  // Split the pie, the U.S. bidding with nice tit-for-tat (band 0.05) and the model û = 1 − s.
  // Estimated Nash point: argmax of (s − 0)·(1 − s) → s = 0.5, own utility 0.5.
  // China offered s = 0.1 first and s = 0.3 last: c = (0.3 − 0.1)/(0.5 − 0.1) = 0.5, and the
  // target is u_max − c·(u_max − u(N)) = 1 − 0.5·0.5 = 0.75. The bid is the share in [0.75, 0.80]
  // the model rates best for China: 0.75.
  const Scenario& pie = agents_test::config("split-the-pie");
  const auto share = [](int level) {
    Outcome outcome(1);
    outcome.set(0, level);
    return outcome;
  };
  treatysim::agents::NiceTitForTatBidding nice(0.05);
  nice.reset(agents_test::context_for(pie, 0));
  const RestOfThePie model;
  CHECK(nice.estimated_nash_utility(&model) == doctest::Approx(0.5).epsilon(1e-12));
  // Without a model the estimate is the agent's own best outcome.
  CHECK(nice.estimated_nash_utility(nullptr) == doctest::Approx(1.0).epsilon(1e-12));

  const auto state_after = [&](int first_offer, int last_offer) {
    return std::vector<OfferRecord>{
        {share(100), 0}, {share(first_offer), 1}, {share(100), 0}, {share(last_offer), 1}};
  };
  {
    const auto offers = state_after(10, 30);
    const NegotiationState at4{4, 10, offers};
    CHECK(nice.target(at4, &model) == doctest::Approx(0.75).epsilon(1e-12));
    CHECK(nice.bid(at4, &model) == share(75));
  }
  {
    // c = (0.2 − 0.1)/0.4 = 0.25: target 1 − 0.25·0.5 = 0.875; bid 0.875 rounded up to 0.88.
    const auto offers = state_after(10, 20);
    const NegotiationState at4{4, 10, offers};
    CHECK(nice.target(at4, &model) == doctest::Approx(0.875).epsilon(1e-12));
    CHECK(nice.bid(at4, &model) == share(88));
  }
  {
    // A retraction (0.05 after 0.1) gives c = 0 (clamped): the target stays at 1.
    const auto offers = state_after(10, 5);
    const NegotiationState at4{4, 10, offers};
    CHECK(nice.target(at4, &model) == doctest::Approx(1.0).epsilon(1e-12));
  }
  {
    // China beyond the Nash point (0.6): c = 1 (clamped), the target is the Nash point itself.
    const auto offers = state_after(10, 60);
    const NegotiationState at4{4, 10, offers};
    CHECK(nice.target(at4, &model) == doctest::Approx(0.5).epsilon(1e-12));
    CHECK(nice.bid(at4, &model) == share(50));
  }
  {
    // China's first offer already at the Nash point: c = 1.
    const auto offers = state_after(50, 50);
    const NegotiationState at4{4, 10, offers};
    CHECK(nice.target(at4, &model) == doctest::Approx(0.5).epsilon(1e-12));
  }
  {
    // Before China's first offer the target is u_max; answering China's first offer (offer
    // index 1, previewing offer 2) c = (0.1 − 0.1)/0.4 = 0.
    const std::vector<OfferRecord> offers{{share(100), 0}, {share(10), 1}};
    CHECK(nice.target(NegotiationState{0, 10, {}}, &model) == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(nice.target(NegotiationState{2, 10, offers}, &model) ==
          doctest::Approx(1.0).epsilon(1e-12));
  }
  {
    // Previewing offer 4 while answering China's offer 3: the same as proposing at 4.
    const auto offers = state_after(10, 30);
    CHECK(nice.target(NegotiationState{4, 10, offers}, &model) ==
          doctest::Approx(0.75).epsilon(1e-12));
  }
}
