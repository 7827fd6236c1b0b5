// own_levels.hpp — an agent's outcomes by its own utility, on any outcome space.
//
// Where the space is enumerable (≤ kMaxEnumerableOutcomes outcomes), the sorted utility index
// answers exactly, as it always has: the outcome of smallest utility that reaches a target,
// lowest index among equals. On larger spaces (10¹⁰ … 10⁵⁰ outcomes, additive or with
// interaction terms) UtilityLevels answers from the utility function's structure: the exact best
// outcome at the top, and elsewhere an outcome whose utility is at least the target and, when its
// budgeted search (or a descent from a wider window) reaches it, within kBidTolerance (0.005)
// above it (engine/model/utility_levels.hpp; how often, measured in bench/).
//
// best_for_opponent (om_bidding.hpp) needs every outcome in a band of own utility; on large
// spaces it runs a local search instead (best_for_opponent_local below).
#pragma once

#include <string>

#include "agents/components.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/model/utility_levels.hpp"

namespace treatysim::agents {

class OwnLevels {
 public:
  struct Bid {
    Outcome outcome;
    double utility = 0.0;
  };

  // Chooses the index (enumerable space) or the levels; `needed_by` names the strategy in the
  // index's error message.
  void reset(const NegotiationContext& context, const std::string& needed_by);

  [[nodiscard]] double best_utility() const noexcept;
  [[nodiscard]] double worst_utility() const noexcept;
  // The outcome of smallest own utility reaching `target` (enumerable), or one within the
  // tolerance above it (large spaces); the best outcome above every utility.
  [[nodiscard]] Bid at_least(double target) const;
  // The sorted index on an enumerable space, else null.
  [[nodiscard]] const UtilityIndex* index() const noexcept { return index_; }

 private:
  const OutcomeSpace* space_ = nullptr;
  const UtilityIndex* index_ = nullptr;
  const UtilityLevels* levels_ = nullptr;
};

// Large spaces: starting from own.at_least(target), a hill climb that changes one issue at a time
// (issues in order, the option the model rates best, ties to the lower option) while the own
// utility stays in [target, target + window], for at most `passes` passes or until no change
// helps. Deterministic. Returns the start when it lies above the band.
[[nodiscard]] Outcome best_for_opponent_local(const OwnLevels& own, const UtilityFunction& utility,
                                              const OutcomeSpace& space, double target,
                                              double window, const OpponentModel& model,
                                              int passes = 3);

}  // namespace treatysim::agents
