// tit_for_tat_policy.hpp — compliance tit-for-tat (Rapoport; Axelrod 1984): honour in the first
// period, then do what the other side did in the last period.
//   a_1 = C;  a_t = b_{t−1}   (a_t own move in period t, b_t the other side's; C honour, D exploit)
// Parameters: none.
#pragma once

#include "engine/model/compliance.hpp"

namespace treatysim::agents {

class TitForTatPolicy final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& history) override {
    return history.periods.empty() ? Move::kHonour : history.periods.back()[1];
  }
};

}  // namespace treatysim::agents
