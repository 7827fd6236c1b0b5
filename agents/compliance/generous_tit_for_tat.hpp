// generous_tit_for_tat.hpp — generous tit-for-tat (Nowak & Sigmund 1992, Nature 355): like
// tit-for-tat, but after the other side exploits it still honours with probability
// `forgiveness`, which lets two retaliators recover from an accidental or detected violation.
//   a_1 = C;  a_t = C if b_{t−1} = C;
//   a_t = C with probability `forgiveness`, else D, if b_{t−1} = D
// (a_t own move in period t, b_t the other side's; C honour, D exploit).
//
// Parameters
// | name        | default | range  | meaning                                        |
// |-------------|---------|--------|------------------------------------------------|
// | forgiveness | 0.1     | [0, 1] | probability of honouring after an exploitation |
#pragma once

#include <boost/random/bernoulli_distribution.hpp>

#include "engine/model/compliance.hpp"
#include "engine/model/random.hpp"

namespace treatysim::agents {

class GenerousTitForTatPolicy final : public CompliancePolicy {
 public:
  explicit GenerousTitForTatPolicy(double forgiveness) : forgiveness_(forgiveness) {}
  void reset(std::uint64_t seed) override { rng_.seed(seed); }
  [[nodiscard]] Move choose(const ComplianceHistory& history) override {
    if (history.periods.empty() || history.periods.back()[1] == Move::kHonour) return Move::kHonour;
    return boost::random::bernoulli_distribution<double>(forgiveness_)(rng_) ? Move::kHonour
                                                                             : Move::kExploit;
  }

 private:
  double forgiveness_;
  Rng rng_;
};

}  // namespace treatysim::agents
