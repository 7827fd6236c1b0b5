#include "engine/model/compliance.hpp"

#include <algorithm>

#include "engine/model/random.hpp"

namespace treatysim {

StagePayoffs clause_payoffs(const StagePayoffs& base, double breadth, double protection) noexcept {
  const double sigma = 0.5 + breadth;
  const double pi = 1.5 - protection;
  StagePayoffs p;
  p.reward = base.reward * sigma;
  p.punishment = base.punishment * sigma;
  p.temptation = base.reward * sigma + (base.temptation - base.reward) * sigma * pi;
  p.sucker = base.reward * sigma - (base.reward - base.sucker) * sigma * pi;
  return p;
}

std::array<double, 2> stage_outcome(const StagePayoffs& p, Move move0, Move move1) noexcept {
  const bool c0 = move0 == Move::kHonour;
  const bool c1 = move1 == Move::kHonour;
  if (c0 && c1) return {p.reward, p.reward};
  if (!c0 && !c1) return {p.punishment, p.punishment};
  if (c0) return {p.sucker, p.temptation};
  return {p.temptation, p.sucker};
}

double grim_trigger_threshold(const StagePayoffs& p) noexcept {
  return (p.temptation - p.reward) / (p.temptation - p.punishment);
}

double tit_for_tat_threshold(const StagePayoffs& p) noexcept {
  return std::max((p.temptation - p.reward) / (p.temptation - p.punishment),
                  (p.temptation - p.reward) / (p.reward - p.sucker));
}

std::array<double, 2> play_repeated(CompliancePolicy& policy0, CompliancePolicy& policy1,
                                    const StagePayoffs& payoffs, int periods, std::uint64_t seed) {
  policy0.reset(derive_seed(seed, "compliance", 0));
  policy1.reset(derive_seed(seed, "compliance", 1));
  ComplianceHistory h0;
  ComplianceHistory h1;
  std::array<double, 2> totals{};
  for (int t = 0; t < periods; ++t) {
    const Move m0 = policy0.choose(h0);
    const Move m1 = policy1.choose(h1);
    const auto paid = stage_outcome(payoffs, m0, m1);
    totals[0] += paid[0];
    totals[1] += paid[1];
    h0.periods.push_back({m0, m1});
    h1.periods.push_back({m1, m0});
  }
  return totals;
}

}  // namespace treatysim
