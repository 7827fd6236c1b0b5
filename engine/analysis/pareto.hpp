// pareto.hpp — the exact Pareto frontier of an enumerable outcome space.
//
// An outcome is on the frontier when no other outcome is at least as good for both parties and
// better for one, comparing utilities with the 1e-9 tolerance. Outcomes with equal utility pairs
// are all listed. O(n log n): sort by u₀ descending, then test each outcome against the best u₁
// among the outcomes whose u₀ is higher beyond the tolerance, and among those whose u₀ is at least
// its own within the tolerance (prefix maxima found by binary search).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/model/outcome.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

// An outcome with both parties' utilities.
struct OutcomePoint {
  Outcome outcome;
  std::uint64_t index = 0;  // dense outcome index
  std::array<double, kPartyCount> utilities{};
};

// Every outcome of an enumerable space with its utilities, in index order (throws UserError on
// spaces too large to enumerate).
[[nodiscard]] std::vector<OutcomePoint> enumerate_outcomes(const Scenario& scenario);

// The frontier, ordered by u₀ descending (u₁ ascending), ties by outcome index.
[[nodiscard]] std::vector<OutcomePoint> pareto_frontier(const std::vector<OutcomePoint>& points);
[[nodiscard]] std::vector<OutcomePoint> pareto_frontier(const Scenario& scenario);

// True when `a` Pareto-dominates `b` (≥ for both, > for one, within the tolerance).
[[nodiscard]] bool dominates(const std::array<double, kPartyCount>& a,
                             const std::array<double, kPartyCount>& b) noexcept;

}  // namespace treatysim
