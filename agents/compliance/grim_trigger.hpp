// grim_trigger.hpp — grim trigger (Friedman 1971; Axelrod 1984): honour until the other side
// exploits once, then exploit for ever. Sustains cooperation iff δ ≥ (T−R)/(T−P).
//   a_t = D if b_s = D for some s < t, else C
// (a_t own move in period t, b_t the other side's; C honour, D exploit).
// Parameters: none.
#pragma once

#include <algorithm>

#include "engine/model/compliance.hpp"

namespace treatysim::agents {

class GrimTriggerPolicy final : public CompliancePolicy {
 public:
  void reset(std::uint64_t) override {}
  [[nodiscard]] Move choose(const ComplianceHistory& history) override {
    const bool betrayed =
        std::any_of(history.periods.begin(), history.periods.end(),
                    [](const std::array<Move, 2>& p) { return p[1] == Move::kExploit; });
    return betrayed ? Move::kExploit : Move::kHonour;
  }
};

}  // namespace treatysim::agents
