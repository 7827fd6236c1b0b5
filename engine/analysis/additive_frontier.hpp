// additive_frontier.hpp — the Pareto frontier of a linear-additive space without enumerating it.
//
// Research platforms list every outcome (n = ∏ options) and stall at about ten issues. With
// additive utilities the frontier can be built one issue at a time: after k issues keep the
// partial sums (u₀, u₁) of the first k contributions that are not dominated, combine them with
// the options of issue k+1, prune again. Pruning is exact: if partial a is dominated by partial b,
// every completion of a is dominated by the same completion of b. To stay exactly equal to the
// enumerative frontier under the 1e-9 tolerance (whose dominance is not transitive), a partial is
// pruned only when another is at least as good in both coordinates *exactly* and better by more
// than 1e-9 (plus 1e-12 for rounding in the later additions) in one; the survivors are then
// filtered with pareto_frontier(), the definition itself.
// Partial sums add contributions in issue order, as UtilityFunction does, so utilities match the
// enumerative ones bit for bit.
//
// When the number of partial points exceeds `max_points` (the frontier itself can be huge:
// with directly opposed utilities every outcome is Pareto-optimal), the search switches to an
// ε-approximation: at each later issue the partial points are bucketed by ⌊u₀/(ε/m)⌋ (m = the
// number of issues) and each bucket keeps its point of highest u₁. Guarantee of the approximate
// result: for every outcome ω there is a returned outcome q with uᵢ(q) ≥ uᵢ(ω) − ε for both
// parties (each of at most m bucketing steps loses at most ε/m in u₀ and nothing in u₁). The
// result says which one the caller got.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/analysis/pareto.hpp"

namespace treatysim {

struct FrontierOptions {
  std::size_t max_points = 200'000;  // partial points kept before switching to the ε-approximation
  double epsilon = 1e-3;             // the approximation's guarantee, in utility
  // Utilities with interaction terms on a space too large to enumerate: the branch and bound of
  // interaction_frontier.hpp stops after this many seconds (0 = no limit) and returns what it
  // found, not proven (analyze --time-limit).
  double time_limit_seconds = 0.0;
};

struct FrontierResult {
  std::vector<OutcomePoint> points;  // ordered like pareto_frontier(): u₀ descending
  bool exact = true;                 // false: the ε-approximation (see the guarantee above)
  double epsilon = 0.0;              // 0 when exact
  std::size_t largest_level = 0;     // most partial points held after any issue (cost indicator)
  // How the frontier was computed: "additive" (this file's method), "enumeration" (every outcome,
  // utilities with interaction terms on an enumerable space) or "branch_and_bound"
  // (interaction_frontier.hpp). With branch and bound, `epsilon` is its gap when not exact.
  std::string method = "additive";
};

// The frontier of any scenario (enumerable or not). OutcomePoint::index is the dense
// (lexicographic) index when the space has fewer than 2⁶⁴ outcomes, else the rank among the
// returned points in lexicographic order.
[[nodiscard]] FrontierResult additive_pareto_frontier(const Scenario& scenario,
                                                      const FrontierOptions& options = {});

}  // namespace treatysim
