// compliance_policies_test.cpp — the registered compliance policies of the treaty lifecycle
// (agents/compliance/*.hpp, kind compliance in builtin.cpp): Axelrod's worked numbers with the
// real policies, grim trigger and win-stay lose-shift by hand, generous tit-for-tat's forgiveness
// and random(p)'s frequency measured over many periods with fixed seeds, and spec errors.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/compliance.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "tests/agents/agents_test_support.hpp"

using treatysim::ComplianceHistory;
using treatysim::CompliancePolicy;
using treatysim::Move;
using treatysim::StagePayoffs;

namespace {

constexpr Move C = Move::kHonour;
constexpr Move D = Move::kExploit;
const StagePayoffs kAxelrod{5.0, 3.0, 1.0, 0.0};
using Pair = std::array<double, 2>;

std::unique_ptr<CompliancePolicy> make(const std::string& spec) {
  return treatysim::agents::builtin_registry().make_compliance(treatysim::parse_spec(spec));
}

Pair play(const std::string& a, const std::string& b, int periods = 200, std::uint64_t seed = 1) {
  const auto pa = make(a);
  const auto pb = make(b);
  return treatysim::play_repeated(*pa, *pb, kAxelrod, periods, seed);
}

// The moves of `a` and `b` against each other, period by period.
std::vector<std::array<Move, 2>> moves_of(CompliancePolicy& a, CompliancePolicy& b, int periods,
                                          std::uint64_t seed = 1) {
  a.reset(treatysim::derive_seed(seed, "compliance", 0));
  b.reset(treatysim::derive_seed(seed, "compliance", 1));
  ComplianceHistory ha;
  ComplianceHistory hb;
  std::vector<std::array<Move, 2>> moves;
  for (int t = 0; t < periods; ++t) {
    const Move ma = a.choose(ha);
    const Move mb = b.choose(hb);
    moves.push_back({ma, mb});
    ha.periods.push_back({ma, mb});
    hb.periods.push_back({mb, ma});
  }
  return moves;
}

// A policy that follows `inner` but exploits once, in period `slip`.
class SlipOnce final : public CompliancePolicy {
 public:
  SlipOnce(std::unique_ptr<CompliancePolicy> inner, std::size_t slip)
      : inner_(std::move(inner)), slip_(slip) {}
  void reset(std::uint64_t seed) override { inner_->reset(seed); }
  [[nodiscard]] Move choose(const ComplianceHistory& history) override {
    const Move move = inner_->choose(history);
    return history.periods.size() == slip_ ? D : move;
  }

 private:
  std::unique_ptr<CompliancePolicy> inner_;
  std::size_t slip_;
};

std::string error_of(const std::string& spec) {
  try {
    static_cast<void>(make(spec));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("compliance policies: every built-in policy is registered with kind compliance") {
  const auto& registry = treatysim::agents::builtin_registry();
  for (const char* name : {"always_comply", "always_exploit", "tit_for_tat", "grim_trigger",
                           "win_stay_lose_shift", "generous_tit_for_tat", "random"}) {
    CAPTURE(name);
    const treatysim::agents::StrategyInfo* info =
        registry.find(name, treatysim::agents::ComponentKind::kCompliance);
    REQUIRE(info != nullptr);
    CHECK(info->create_compliance);
    CHECK_FALSE(info->description.empty());
    CHECK_FALSE(info->source.empty());
    CHECK(make(name) != nullptr);
  }
  const auto* generous =
      registry.find("generous_tit_for_tat", treatysim::agents::ComponentKind::kCompliance);
  REQUIRE(generous->parameters.size() == 1);
  CHECK(generous->parameters[0].name == "forgiveness");
  CHECK(generous->parameters[0].default_number == 0.1);
  CHECK(generous->traits.stochastic);
  const auto* random = registry.find("random", treatysim::agents::ComponentKind::kCompliance);
  REQUIRE(random->parameters.size() == 1);
  CHECK(random->parameters[0].name == "p");
  CHECK(random->parameters[0].default_number == 0.5);
}

TEST_CASE("compliance policies: Axelrod's 200 periods with the registered policies") {
  CHECK(play("tit_for_tat", "tit_for_tat") == Pair{600.0, 600.0});
  CHECK(play("tit_for_tat", "always_exploit") == Pair{199.0, 204.0});
  CHECK(play("always_exploit", "tit_for_tat") == Pair{204.0, 199.0});
  CHECK(play("always_exploit", "always_exploit") == Pair{200.0, 200.0});
  CHECK(play("always_comply", "always_comply") == Pair{600.0, 600.0});
  CHECK(play("always_comply", "always_exploit") == Pair{0.0, 1000.0});
  CHECK(play("grim_trigger", "always_exploit") == Pair{199.0, 204.0});
  CHECK(play("grim_trigger", "tit_for_tat") == Pair{600.0, 600.0});
  CHECK(play("win_stay_lose_shift", "always_exploit") ==
        Pair{100.0, 600.0});  // C, D, C, D…: 0, 1, 0, 1…
  CHECK(play("win_stay_lose_shift", "win_stay_lose_shift") == Pair{600.0, 600.0});
  CHECK(play("generous_tit_for_tat", "tit_for_tat") ==
        Pair{600.0, 600.0});  // never provoked: never forgives
  CHECK(play("generous_tit_for_tat(forgiveness=0)", "always_exploit") ==
        Pair{199.0, 204.0});  // plain TFT
  CHECK(play("generous_tit_for_tat(forgiveness=1)", "always_exploit") ==
        Pair{0.0, 1000.0});  // always honours
  CHECK(play("random(p=1)", "tit_for_tat") == Pair{600.0, 600.0});
  CHECK(play("random(p=0)", "always_exploit") == Pair{200.0, 200.0});
}

TEST_CASE("compliance policies: grim trigger never forgives one exploitation") {
  const auto grim = make("grim_trigger");
  ComplianceHistory h;
  CHECK(grim->choose(h) == C);
  h.periods = {{C, C}, {C, C}};
  CHECK(grim->choose(h) == C);
  h.periods = {{C, C}, {C, D}};
  CHECK(grim->choose(h) == D);
  h.periods = {{C, C}, {C, D}, {D, C}, {D, C}, {D, C}};  // the other side honours again: too late
  CHECK(grim->choose(h) == D);
}

TEST_CASE("compliance policies: win-stay lose-shift by hand") {
  const auto wsls = make("win_stay_lose_shift");
  ComplianceHistory h;
  CHECK(wsls->choose(h) == C);
  h.periods = {{C, C}};  // R: stay
  CHECK(wsls->choose(h) == C);
  h.periods = {{D, C}};  // T: stay
  CHECK(wsls->choose(h) == D);
  h.periods = {{C, D}};  // S: shift
  CHECK(wsls->choose(h) == D);
  h.periods = {{D, D}};  // P: shift
  CHECK(wsls->choose(h) == C);
  h.periods = {{C, C}, {C, C}, {D, D}};  // only the last period counts
  CHECK(wsls->choose(h) == C);
}

TEST_CASE("compliance policies: generous tit-for-tat forgives with probability forgiveness") {
  // Against always_exploit, every period after the first is a draw: honour with probability 0.3.
  // Over 10 000 periods the share is binomial with standard error √(0.3·0.7/9999) ≈ 0.0046; the
  // tolerance 0.02 is over 4 standard errors (the seed is fixed, so the test is deterministic).
  const auto generous = make("generous_tit_for_tat(forgiveness=0.3)");
  const auto exploit = make("always_exploit");
  const auto moves = moves_of(*generous, *exploit, 10000, 2024);
  CHECK(moves[0][0] == C);
  int honoured = 0;
  for (std::size_t t = 1; t < moves.size(); ++t) honoured += moves[t][0] == C ? 1 : 0;
  const double share = honoured / 9999.0;
  CAPTURE(share);
  CHECK(std::fabs(share - 0.3) < 0.02);
  // Against a side that honours, it always honours (it forgives only what needs forgiving).
  const auto again = make("generous_tit_for_tat(forgiveness=0.3)");
  const auto comply = make("always_comply");
  for (const auto& m : moves_of(*again, *comply, 1000, 7)) CHECK(m[0] == C);
  // Same seed, same moves; another seed, other moves.
  const auto a = make("generous_tit_for_tat(forgiveness=0.3)");
  const auto b = make("always_exploit");
  CHECK(moves_of(*a, *b, 500, 2024) ==
        std::vector<std::array<Move, 2>>(moves.begin(), moves.begin() + 500));
  CHECK(moves_of(*a, *b, 500, 2025) !=
        std::vector<std::array<Move, 2>>(moves.begin(), moves.begin() + 500));
}

TEST_CASE("compliance policies: generous tit-for-tat lets two retaliators recover from a slip") {
  // One side exploits once, in period 1. Two tit-for-tat players echo it for ever (C/D, D/C, …);
  // two generous ones (forgiveness 0.5) stop the echo within a few periods and honour from then on.
  auto mutual_honour_late = [](const std::string& spec) {
    auto a = make(spec);
    SlipOnce b(make(spec), 1);
    const auto moves = moves_of(*a, b, 400, 3);
    int both = 0;
    for (std::size_t t = 200; t < moves.size(); ++t)
      both += moves[t] == std::array<Move, 2>{C, C} ? 1 : 0;
    return both;
  };
  CHECK(mutual_honour_late("tit_for_tat") == 0);
  CHECK(mutual_honour_late("generous_tit_for_tat(forgiveness=0.5)") == 200);
  // A single decision after an exploitation: honour half the time (binomial(1000, ½), standard
  // error ≈ 16; the tolerance is 5 of them).
  const auto generous = make("generous_tit_for_tat(forgiveness=0.5)");
  generous->reset(11);
  ComplianceHistory h;
  h.periods = {{C, D}};
  int honoured = 0;
  for (int trial = 0; trial < 1000; ++trial) honoured += generous->choose(h) == C ? 1 : 0;
  CHECK(std::abs(honoured - 500) < 80);
}

TEST_CASE("compliance policies: random(p) honours with frequency p") {
  for (const double p : {0.2, 0.5, 0.9}) {
    CAPTURE(p);
    const auto random = make("random(p=" + treatysim::format_number(p) + ")");
    const auto other = make("always_comply");
    const auto moves = moves_of(*random, *other, 10000, 99);
    int honoured = 0;
    for (const auto& m : moves) honoured += m[0] == C ? 1 : 0;
    // Binomial standard error ≤ √(0.25/10000) = 0.005; the tolerance 0.02 is 4 of them.
    CHECK(std::fabs(honoured / 10000.0 - p) < 0.02);
  }
  const auto random = make("random");  // default p = 0.5
  const auto other = make("always_exploit");
  int honoured = 0;
  for (const auto& m : moves_of(*random, *other, 10000, 5)) honoured += m[0] == C ? 1 : 0;
  CHECK(std::fabs(honoured / 10000.0 - 0.5) < 0.02);
}

TEST_CASE("compliance policies: bad specs are user errors") {
  CHECK(error_of("tit_for_tatt") ==
        "unknown compliance component \"tit_for_tatt\" (did you mean \"tit_for_tat\"?); compliance "
        "components: "
        "always_comply, always_exploit, tit_for_tat, grim_trigger, win_stay_lose_shift, "
        "generous_tit_for_tat, random");
  CHECK(error_of("boulware").find("unknown compliance component \"boulware\"") == 0);
  CHECK(error_of("generous_tit_for_tat(forgiveness=2)") ==
        "generous_tit_for_tat: parameter forgiveness = 2 is out of range [0, 1]");
  CHECK_FALSE(error_of("random(q=0.5)").empty());
  CHECK_FALSE(error_of("grim_trigger(x=1)").empty());
  // The scenario checker takes compliance policies with the "compliance:" prefix.
  const auto checker = treatysim::agents::spec_checker(treatysim::agents::builtin_registry());
  const treatysim::Scenario& sta = agents_test::config("sta-2024");
  CHECK_NOTHROW(checker("compliance:generous_tit_for_tat(forgiveness=0.2)", sta, 1));
  CHECK_THROWS_AS(checker("compliance:boulware", sta, 0), treatysim::UserError);
  CHECK_THROWS_AS(checker("grim_trigger", sta, 0), treatysim::UserError);  // not a negotiator
}
