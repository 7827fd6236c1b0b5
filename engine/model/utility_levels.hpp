// utility_levels.hpp — "an outcome of my utility near t" on outcome spaces too large to
// enumerate (more than kMaxEnumerableOutcomes outcomes).
//
// Bidding strategies ask for the outcome of smallest own utility that reaches a target. On an
// enumerable space UtilityIndex answers exactly (binary search in the sorted list of every
// outcome). On larger spaces nobody can sort the outcomes; UtilityLevels answers from the
// utility function's structure instead:
//   - at or above the best utility: the exact best outcome (lowest index among the best);
//   - otherwise: an outcome whose utility lies in [target, target + kBidTolerance], found by a
//     branch and bound that steers toward the middle of that window (UtilityRangeSearch). When
//     that window holds no outcome (the search proves it, or gives up after kNodeBudget nodes),
//     the window doubles until it does; at the latest the best outcome qualifies. An outcome
//     found in a wider window is then walked down by single-issue changes (each the option of
//     smallest utility still ≥ target) until it falls into [target, target + kBidTolerance] or
//     no change lowers it.
// So a bid's utility is always at least the target; it is at most kBidTolerance above when the
// budgeted search or the descent reaches the window — not a proof: a bid may lie further above
// although an outcome exists in the window (measured on the 50-issue ANAC 2014 domain by
// tests/agents/large_space_test.cpp and bench/negotiation_bench.cpp). Deterministic: the same
// target gives the same outcome.
// Thread-safe (const); a question costs a fresh relaxation and a short dive (tens of
// microseconds on the ANAC 2014 domains).
#pragma once

#include <cstddef>

#include "engine/model/outcome.hpp"
#include "engine/model/outcome_space.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/utility_search.hpp"

namespace treatysim {

// The window above a target in which a bid's utility falls (when the space has an outcome there).
inline constexpr double kBidTolerance = 0.005;

class UtilityLevels {
 public:
  // An outcome and its utility.
  struct Bid {
    Outcome outcome;
    double utility = 0.0;
  };

  UtilityLevels(const OutcomeSpace& space, const UtilityFunction& utility);

  [[nodiscard]] const Bid& best() const noexcept { return best_; }
  [[nodiscard]] const Bid& worst() const noexcept { return worst_; }
  // An outcome of utility ≥ target (within 1e-9), near it: see the header.
  [[nodiscard]] Bid at_least(double target) const;

  // Nodes a window search may visit before the window is widened.
  static constexpr std::size_t kNodeBudget = 20'000;

 private:
  const OutcomeSpace* space_;
  const UtilityFunction* utility_;
  UtilityRangeSearch search_;
  Bid best_;
  Bid worst_;
};

}  // namespace treatysim
