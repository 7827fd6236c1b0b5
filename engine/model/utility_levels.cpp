#include "engine/model/utility_levels.hpp"

#include "engine/model/tolerance.hpp"

namespace treatysim {

namespace {

// From an outcome above target + width, single-issue changes (issues in order; the option giving
// the smallest utility still ≥ target) while they lower the utility, until it falls within
// [target, target + width] or no change lowers it. Deterministic.
UtilityLevels::Bid descend(const OutcomeSpace& space, const UtilityFunction& utility,
                           UtilityLevels::Bid bid, double target, double width) {
  const double low = target - kUtilityTolerance;
  for (int pass = 0; pass < 8 && bid.utility > target + width; ++pass) {
    bool changed = false;
    for (std::size_t i = 0; i < space.issue_count() && bid.utility > target + width; ++i) {
      const int kept = bid.outcome[i];
      int best_option = kept;
      double best_utility = bid.utility;
      for (std::size_t o = 0; o < space.issue(i).size(); ++o) {
        const auto option = static_cast<int>(o);
        if (option == kept) continue;
        bid.outcome.set(i, option);
        const double u = utility(bid.outcome);
        if (u >= low && u < best_utility) {
          best_utility = u;
          best_option = option;
        }
      }
      bid.outcome.set(i, best_option);
      if (best_option != kept) {
        bid.utility = best_utility;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return bid;
}

}  // namespace

UtilityLevels::UtilityLevels(const OutcomeSpace& space, const UtilityFunction& utility)
    : space_(&space), utility_(&utility), search_(utility) {
  best_ = Bid{utility.best_outcome(), utility(utility.best_outcome())};
  worst_ = Bid{utility.worst_outcome(), utility(utility.worst_outcome())};
}

UtilityLevels::Bid UtilityLevels::at_least(double target) const {
  if (utility_at_least(best_.utility, target) && !utility_at_least(target, best_.utility)) {
    // Below the best: search windows above the target, widening while they are empty (or the
    // search gives up); an outcome from a wider window is then walked down toward the first.
    for (double width = kBidTolerance;; width *= 2.0) {
      const double high = target + width;
      if (utility_at_least(high, best_.utility)) break;
      if (const auto found = search_.find(target - kUtilityTolerance, high, kNodeBudget)) {
        const Bid bid{*found, (*utility_)(*found)};
        if (width == kBidTolerance) return bid;
        return descend(*space_, *utility_, bid, target, kBidTolerance);
      }
    }
    return descend(*space_, *utility_, best_, target, kBidTolerance);
  }
  return best_;
}

}  // namespace treatysim
