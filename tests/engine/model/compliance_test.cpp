// The compliance stage game (compliance.hpp) with tiny policies written here, so that the engine
// is checked on its own: the worked numbers of THEORY.md (Axelrod 1984), the equilibrium
// thresholds and the repeated-game conditions behind them, clause payoffs and stage outcomes.
// The registered policies are checked in tests/agents/compliance_policies_test.cpp.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/model/compliance.hpp"

using treatysim::ComplianceHistory;
using treatysim::CompliancePolicy;
using treatysim::Move;
using treatysim::StagePayoffs;

namespace {

constexpr Move C = Move::kHonour;
constexpr Move D = Move::kExploit;

class Always final : public CompliancePolicy {
 public:
  explicit Always(Move move) : move_(move) {}
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory&) override { return move_; }

 private:
  Move move_;
};

class TitForTat final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& h) override {
    return h.periods.empty() ? C : h.periods.back()[1];
  }
};

class Grim final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& h) override {
    for (const auto& period : h.periods) {
      if (period[1] == D) return D;
    }
    return C;
  }
};

// Win-stay, lose-shift: repeat after R or T (the other honoured), switch after P or S.
class Pavlov final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& h) override {
    if (h.periods.empty()) return C;
    const auto& last = h.periods.back();
    if (last[1] == C) return last[0];
    return last[0] == C ? D : C;
  }
};

// Win-stay, lose-shift that exploits once, in period `slip`.
class SlipOnce final : public CompliancePolicy {
 public:
  explicit SlipOnce(std::size_t slip) : slip_(slip) {}
  void reset(std::uint64_t seed) override { rule_.reset(seed); }
  [[nodiscard]] Move choose(const ComplianceHistory& h) override {
    const Move move = rule_.choose(h);
    return h.periods.size() == slip_ ? D : move;
  }

 private:
  std::size_t slip_;
  Pavlov rule_;
};

// Plays a fixed sequence of moves, repeated.
class Script final : public CompliancePolicy {
 public:
  explicit Script(std::vector<Move> moves) : moves_(std::move(moves)) {}
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& h) override {
    return moves_[h.periods.size() % moves_.size()];
  }

 private:
  std::vector<Move> moves_;
};

// Records what the other side sees: the moves of both policies, period by period.
std::vector<std::array<Move, 2>> moves_of(CompliancePolicy& a, CompliancePolicy& b, int periods) {
  ComplianceHistory ha;
  ComplianceHistory hb;
  std::vector<std::array<Move, 2>> moves;
  a.reset(1);
  b.reset(2);
  for (int t = 0; t < periods; ++t) {
    const Move ma = a.choose(ha);
    const Move mb = b.choose(hb);
    moves.push_back({ma, mb});
    ha.periods.push_back({ma, mb});
    hb.periods.push_back({mb, ma});
  }
  return moves;
}

// The discounted total Σ δᵗ·payoff of `a` against `b` over enough periods that δᵗ is negligible
// (δ ≤ 0.7: δ^2000 < 1e-300).
double discounted_value(CompliancePolicy& a, CompliancePolicy& b, const StagePayoffs& payoffs,
                        double delta) {
  double total = 0.0;
  double weight = 1.0;
  for (const auto& m : moves_of(a, b, 2000)) {
    total += weight * treatysim::stage_outcome(payoffs, m[0], m[1])[0];
    weight *= delta;
  }
  return total;
}

const StagePayoffs kAxelrod{5.0, 3.0, 1.0, 0.0};

}  // namespace

// [SECTION] Stage game ----------------------------------------------------------------------------

TEST_CASE("compliance: the default stage payoffs are Axelrod's 5, 3, 1, 0") {
  const StagePayoffs defaults;
  CHECK(defaults == kAxelrod);
  CHECK(defaults.temptation == 5.0);
  CHECK(defaults.reward == 3.0);
  CHECK(defaults.punishment == 1.0);
  CHECK(defaults.sucker == 0.0);
}

TEST_CASE("compliance: stage_outcome pays each side by the four cells of the prisoner's dilemma") {
  using Pair = std::array<double, 2>;
  CHECK(treatysim::stage_outcome(kAxelrod, C, C) == Pair{3.0, 3.0});
  CHECK(treatysim::stage_outcome(kAxelrod, D, D) == Pair{1.0, 1.0});
  CHECK(treatysim::stage_outcome(kAxelrod, D, C) == Pair{5.0, 0.0});
  CHECK(treatysim::stage_outcome(kAxelrod, C, D) == Pair{0.0, 5.0});
  const StagePayoffs other{7.0, 4.0, 2.0, -1.0};
  CHECK(treatysim::stage_outcome(other, C, D) == Pair{-1.0, 7.0});
  CHECK(treatysim::stage_outcome(other, D, D) == Pair{2.0, 2.0});
}

TEST_CASE("compliance: neutral clauses leave the base prisoner's dilemma exactly") {
  // breadth ½ and protection ½: σ = 0.5 + ½ = 1, π = 1.5 − ½ = 1.
  CHECK(treatysim::clause_payoffs(kAxelrod, 0.5, 0.5) == kAxelrod);
  const StagePayoffs other{7.0, 4.0, 2.0, -1.0};
  CHECK(treatysim::clause_payoffs(other, 0.5, 0.5) == other);
}

TEST_CASE("compliance: clause payoffs by hand") {
  SUBCASE("narrow scope, strong protection: the 2024 STA package S0/IP1/D1/G1") {
    // Scope S0 is the most restrictive option: breadth b = 0, σ = 0.5. IP1, D1 and G1 each have
    // strength 1 − 1/3 = 2/3, so s = 2/3 and π = 1.5 − 2/3 = 5/6.
    //   R = 3·0.5 = 1.5, P = 1·0.5 = 0.5,
    //   T = 1.5 + (5 − 3)·0.5·5/6 = 1.5 + 5/6 = 2.333…,
    //   S = 1.5 − (3 − 0)·0.5·5/6 = 1.5 − 1.25 = 0.25.
    const StagePayoffs p = treatysim::clause_payoffs(kAxelrod, 0.0, 2.0 / 3.0);
    CHECK(p.reward == doctest::Approx(1.5).epsilon(1e-12));
    CHECK(p.punishment == doctest::Approx(0.5).epsilon(1e-12));
    CHECK(p.temptation == doctest::Approx(1.5 + 5.0 / 6.0).epsilon(1e-12));
    CHECK(p.sucker == doctest::Approx(0.25).epsilon(1e-12));
  }
  SUBCASE("broad scope, no protection: 2018-style clauses") {
    // b = 1, s = 0: σ = 1.5, π = 1.5. R = 4.5, P = 1.5, T = 4.5 + 2·2.25 = 9, S = 4.5 − 3·2.25 = −2.25.
    const StagePayoffs p = treatysim::clause_payoffs(kAxelrod, 1.0, 0.0);
    CHECK(p.reward == doctest::Approx(4.5).epsilon(1e-12));
    CHECK(p.punishment == doctest::Approx(1.5).epsilon(1e-12));
    CHECK(p.temptation == doctest::Approx(9.0).epsilon(1e-12));
    CHECK(p.sucker == doctest::Approx(-2.25).epsilon(1e-12));
  }
  SUBCASE("stronger protection makes exploitation pay less and cost the victim less") {
    const StagePayoffs weak = treatysim::clause_payoffs(kAxelrod, 0.5, 0.2);
    const StagePayoffs strong = treatysim::clause_payoffs(kAxelrod, 0.5, 0.8);
    CHECK(strong.temptation < weak.temptation);
    CHECK(strong.sucker > weak.sucker);
    CHECK(strong.reward == weak.reward);
    CHECK(strong.punishment == weak.punishment);
  }
}

// [SECTION] Equilibrium thresholds ----------------------------------------------------------------

TEST_CASE("compliance: grim trigger needs δ ≥ 0.5 and tit-for-tat δ ≥ 2/3 with 5, 3, 1, 0") {
  CHECK(treatysim::grim_trigger_threshold(kAxelrod) == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(treatysim::tit_for_tat_threshold(kAxelrod) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  // Other payoffs: 7, 4, 1, 0 → (T−R)/(T−P) = 3/6, (T−R)/(R−S) = 3/4; 4, 3, 1, −2 → 1/3 and 1/5
  // (the tit-for-tat threshold is the larger of the two).
  const StagePayoffs a{7.0, 4.0, 1.0, 0.0};
  CHECK(treatysim::grim_trigger_threshold(a) == doctest::Approx(0.5));
  CHECK(treatysim::tit_for_tat_threshold(a) == doctest::Approx(0.75));
  const StagePayoffs b{4.0, 3.0, 1.0, -2.0};
  CHECK(treatysim::grim_trigger_threshold(b) == doctest::Approx(1.0 / 3.0));
  CHECK(treatysim::tit_for_tat_threshold(b) == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("compliance: grim trigger's condition on both sides of its threshold") {
  // Against grim trigger, cooperating for ever is worth R/(1−δ); exploiting once and being punished
  // for ever after is worth T + δP/(1−δ). They are equal at δ = (T−R)/(T−P) = 0.5.
  const StagePayoffs& p = kAxelrod;
  auto cooperate = [&](double d) { return p.reward / (1.0 - d); };
  auto deviate = [&](double d) { return p.temptation + d * p.punishment / (1.0 - d); };
  CHECK(cooperate(0.49) < deviate(0.49));
  CHECK(cooperate(0.51) > deviate(0.51));
  CHECK(cooperate(0.5) == doctest::Approx(deviate(0.5)));
  // The same numbers from play: a cooperator and a permanent deviator against a grim trigger.
  for (const double d : {0.49, 0.51}) {
    CAPTURE(d);
    Grim grim;
    Always cooperator(C);
    Always deviator(D);
    const double honour = discounted_value(cooperator, grim, p, d);
    const double exploit = discounted_value(deviator, grim, p, d);
    CHECK(honour == doctest::Approx(cooperate(d)).epsilon(1e-9));
    CHECK(exploit == doctest::Approx(deviate(d)).epsilon(1e-9));
    CHECK((honour > exploit) == (d > treatysim::grim_trigger_threshold(p)));
  }
}

TEST_CASE("compliance: tit-for-tat's condition on both sides of its threshold") {
  // Against tit-for-tat the best deviation alternates (Axelrod 1984): exploit, honour, exploit…
  // earns T, S, T, S… = (T + δS)/(1−δ²), against R/(1−δ) for cooperating; they are equal at
  // δ = (T−R)/(R−S) = 2/3. (Permanent exploitation earns T + δP/(1−δ), which needs only δ ≥ 0.5.)
  const StagePayoffs& p = kAxelrod;
  auto cooperate = [&](double d) { return p.reward / (1.0 - d); };
  auto alternate = [&](double d) { return (p.temptation + d * p.sucker) / (1.0 - d * d); };
  CHECK(cooperate(0.66) < alternate(0.66));
  CHECK(cooperate(0.67) > alternate(0.67));
  CHECK(cooperate(2.0 / 3.0) == doctest::Approx(alternate(2.0 / 3.0)));
  for (const double d : {0.66, 0.67}) {
    CAPTURE(d);
    TitForTat tft;
    Always cooperator(C);
    Script alternator({D, C});
    const double honour = discounted_value(cooperator, tft, p, d);
    const double exploit = discounted_value(alternator, tft, p, d);
    CHECK(honour == doctest::Approx(cooperate(d)).epsilon(1e-9));
    CHECK(exploit == doctest::Approx(alternate(d)).epsilon(1e-9));
    CHECK((honour > exploit) == (d > treatysim::tit_for_tat_threshold(p)));
  }
}

// [SECTION] Repeated play (THEORY.md's worked numbers) ---------------------------------------------

TEST_CASE("compliance: 200 periods of Axelrod's pairings") {
  using Pair = std::array<double, 2>;
  TitForTat tft_a;
  TitForTat tft_b;
  Always exploit_a(D);
  Always exploit_b(D);
  Always comply(C);
  CHECK(treatysim::play_repeated(tft_a, tft_b, kAxelrod, 200, 7) == Pair{600.0, 600.0});
  // TFT is exploited once (S = 0), then both exploit: 0 + 199·1 = 199 against 5 + 199·1 = 204.
  CHECK(treatysim::play_repeated(tft_a, exploit_b, kAxelrod, 200, 7) == Pair{199.0, 204.0});
  CHECK(treatysim::play_repeated(exploit_a, tft_b, kAxelrod, 200, 7) == Pair{204.0, 199.0});
  CHECK(treatysim::play_repeated(exploit_a, exploit_b, kAxelrod, 200, 7) == Pair{200.0, 200.0});
  CHECK(treatysim::play_repeated(comply, exploit_b, kAxelrod, 200, 7) == Pair{0.0, 1000.0});
  CHECK(treatysim::play_repeated(tft_a, comply, kAxelrod, 200, 7) == Pair{600.0, 600.0});
  CHECK(treatysim::play_repeated(tft_a, tft_b, kAxelrod, 0, 7) == Pair{0.0, 0.0});
}

TEST_CASE("compliance: grim trigger by hand") {
  using Pair = std::array<double, 2>;
  Grim grim;
  Always exploit(D);
  TitForTat tft;
  CHECK(treatysim::play_repeated(grim, exploit, kAxelrod, 200, 1) == Pair{199.0, 204.0});
  CHECK(treatysim::play_repeated(grim, tft, kAxelrod, 200, 1) == Pair{600.0, 600.0});
  // One exploitation in period 3 and grim never forgives: C C C D D D … against C C C D C C ….
  Script once({C, C, C, D, C, C, C, C, C, C});
  const auto moves = moves_of(grim, once, 10);
  const std::vector<std::array<Move, 2>> expected = {{C, C}, {C, C}, {C, C}, {C, D}, {D, C},
                                                     {D, C}, {D, C}, {D, C}, {D, C}, {D, C}};
  CHECK(moves == expected);
}

TEST_CASE("compliance: win-stay lose-shift by hand") {
  using Pair = std::array<double, 2>;
  Pavlov pavlov;
  Always exploit(D);
  // Against ALL-D it shifts every period: C, D, C, D… earning 0, 1, 0, 1… = 100, against 5, 1, 5, 1… = 600.
  CHECK(treatysim::play_repeated(pavlov, exploit, kAxelrod, 200, 1) == Pair{100.0, 600.0});
  Pavlov other;
  CHECK(treatysim::play_repeated(pavlov, other, kAxelrod, 200, 1) == Pair{600.0, 600.0});
  // The four rules: after (C, C) stay C; after (C, D) shift to D; after (D, C) stay D; after (D, D)
  // shift to C.
  ComplianceHistory h;
  h.periods = {{C, C}};
  CHECK(pavlov.choose(h) == C);
  h.periods = {{C, D}};
  CHECK(pavlov.choose(h) == D);
  h.periods = {{D, C}};
  CHECK(pavlov.choose(h) == D);
  h.periods = {{D, D}};
  CHECK(pavlov.choose(h) == C);
  // It corrects a single slip against a copy of itself: after one side's exploitation both exploit
  // once, then both honour again.
  Pavlov a;
  SlipOnce b(1);
  const auto moves = moves_of(a, b, 6);
  const std::vector<std::array<Move, 2>> expected = {{C, C}, {C, D}, {D, D},
                                                     {C, C}, {C, C}, {C, C}};
  CHECK(moves == expected);
  // Against an unconditional honourer, a slip pays: it exploits the honourer for good (it "wins").
  Script slip({C, D, C, C, C, C, C, C});
  const auto exploited = moves_of(pavlov, slip, 6);
  const std::vector<std::array<Move, 2>> expected_exploited = {{C, C}, {C, D}, {D, C},
                                                               {D, C}, {D, C}, {D, C}};
  CHECK(exploited == expected_exploited);
}
