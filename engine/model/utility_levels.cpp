#include "engine/model/utility_levels.hpp"

#include "engine/model/tolerance.hpp"

namespace treatysim {

UtilityLevels::UtilityLevels(const OutcomeSpace& space, const UtilityFunction& utility)
    : utility_(&utility), search_(utility) {
  static_cast<void>(space);
  best_ = Bid{utility.best_outcome(), utility(utility.best_outcome())};
  worst_ = Bid{utility.worst_outcome(), utility(utility.worst_outcome())};
}

UtilityLevels::Bid UtilityLevels::at_least(double target) const {
  if (utility_at_least(best_.utility, target) && !utility_at_least(target, best_.utility)) {
    // Below the best: search windows above the target, widening while they are empty.
    for (double width = kBidTolerance;; width *= 2.0) {
      const double high = target + width;
      if (utility_at_least(high, best_.utility)) break;
      if (const auto found = search_.find(target - kUtilityTolerance, high, kNodeBudget)) {
        return Bid{*found, (*utility_)(*found)};
      }
    }
  }
  return best_;
}

}  // namespace treatysim
