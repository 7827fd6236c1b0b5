// win_stay_lose_shift.hpp — win-stay, lose-shift ("Pavlov"; Nowak & Sigmund 1993, Nature 364):
// honour first; afterwards repeat the last move after a good period (R or T: the other side
// honoured) and switch after a bad one (P or S: the other side exploited).
//   a_1 = C;  a_t = a_{t−1} if b_{t−1} = C;  a_t = the opposite of a_{t−1} if b_{t−1} = D
// (a_t own move in period t, b_t the other side's; C honour, D exploit).
// Parameters: none.
#pragma once

#include "engine/model/compliance.hpp"

namespace treatysim::agents {

class WinStayLoseShiftPolicy final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& history) override {
    if (history.periods.empty()) return Move::kHonour;
    const auto& last = history.periods.back();
    if (last[1] == Move::kHonour) return last[0];                      // win: stay
    return last[0] == Move::kHonour ? Move::kExploit : Move::kHonour;  // lose: shift
  }
};

}  // namespace treatysim::agents
